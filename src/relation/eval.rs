//! Evaluating a bound relation on a table read from a report.

use std::fmt::Write;

use super::bind::{Bound, BoundRelation, BoundTable, Each};
use super::expr::Sign;
use crate::format::{TableSchema, ValueKind};
use crate::model::{Cell, Row, Split, Table};
use crate::number::{CellValue, Number, Units};
use crate::source::Span;

/// One term's value and the cells it came from.
#[derive(Debug, Clone)]
pub struct Value {
    pub sign: Sign,
    pub name: String,
    pub value: Number,
    /// (span, value) of each cell used.
    pub cells: Vec<(Span, Number)>,
    /// The sum of a group's sub-rows.
    pub is_group: bool,
    /// Its cells are in last year's report.
    pub previous: bool,
    /// How many of its cells are blanks (or placeholders) read as 0
    /// ([`Table::blanks_are_zeros`]).
    pub blanks: usize,
    /// How many of those are placeholders (`—`, `/`).
    pub placeholders: usize,
}

/// Whether a cell was read as 0 for being blank or a placeholder, in a table
/// that writes its zeros so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AsZero {
    No,
    Blank,
    Placeholder,
}

impl Value {
    /// A term that is one cell.
    fn cell(sign: Sign, name: String, (span, value): (Span, Number)) -> Value {
        Value {
            sign,
            name,
            value,
            cells: vec![(span, value)],
            is_group: false,
            previous: false,
            blanks: 0,
            placeholders: 0,
        }
    }

    /// A term that is one cell of this year's table, perhaps a blank read as 0.
    fn table_cell(sign: Sign, name: String, (found, zero): ((Span, Number), AsZero)) -> Value {
        Value {
            blanks: usize::from(zero != AsZero::No),
            placeholders: usize::from(zero == AsZero::Placeholder),
            ..Value::cell(sign, name, found)
        }
    }
}

/// Last year's table, for `previous(…)` terms.
#[derive(Debug, Clone, Copy)]
pub struct PreviousTable<'r> {
    pub table: &'r Table,
    pub schema: &'r TableSchema,
    /// Put before the names of its cells: `上年`.
    pub prefix: &'r str,
}

impl PreviousTable<'_> {
    /// The cell at this schema's block, row and column keys, in the block of
    /// last year's schema (perhaps another edition's) with the same key; with its
    /// row's name there.
    fn cell(
        &self,
        units: &Units,
        block_key: &str,
        row_key: &str,
        column_key: &str,
    ) -> Option<(String, (Span, Number))> {
        let b = self.schema.blocks.iter().position(|b| b.key == block_key)?;
        let block = &self.schema.blocks[b];
        let r = block.rows.iter().position(|r| r.key == row_key)?;
        let c = block.columns.iter().position(|c| c.key == column_key)?;
        let found = cell_number(self.schema, units, b, self.table.row(b, r)?, c)?;
        Some((self.schema.row_name(b, r), found))
    }
}

/// Where a relation is evaluated: in a column (each column), in a row (each
/// row), with the number found in the text (prose), or at named cells.
#[derive(Debug, Clone, Copy, Default)]
pub struct At<'r> {
    pub column: Option<usize>,
    pub row: Option<&'r Row>,
    pub text: Option<(Span, Number)>,
    pub previous: Option<PreviousTable<'r>>,
    /// Leave the values unnamed: naming allocates, and a relation that holds
    /// is never described.
    pub unnamed: bool,
}

/// Where a relation of `bound` is evaluated on `table`: in each of its block's
/// columns (each = column), in each of its rows with cells (each = row), or
/// once (each = cell), leaving out what `only` does not name.
pub fn places<'t>(bound: &BoundTable, relation: &BoundRelation, table: &'t Table, schema: &TableSchema) -> Vec<At<'t>> {
    let block = &schema.blocks[relation.block];
    let only = |key: &String| bound.only.as_ref().is_none_or(|o| o.contains(key));
    match bound.each {
        Each::Column => (0..block.columns.len())
            .filter(|&c| only(&block.columns[c].key))
            .map(|c| At {
                column: Some(c),
                ..At::default()
            })
            .collect(),
        Each::Row => table
            .block(relation.block)
            .into_iter()
            .flat_map(|b| b.rows.iter())
            .filter(|row| !row.cells.is_empty() && only(&block.rows[row.index].key))
            .map(|row| At {
                row: Some(row),
                ..At::default()
            })
            .collect(),
        Each::Cell => vec![At::default()],
    }
}

/// The cells a relation checks as totals at a place, the lone term of a side,
/// as (block, row, column) in the schema.
pub fn totals_at(relation: &BoundRelation, at: &At<'_>, out: &mut Vec<(usize, usize, usize)>) {
    for (side, other) in [(&relation.left, &relation.right), (&relation.right, &relation.left)] {
        let [(_, term)] = side.as_slice() else { continue };
        // A group without sub-rows is its own sum (`other == sum(other)`): no total.
        let summed = |r: &usize| {
            other
                .iter()
                .any(|(_, t)| matches!(t, Bound::Rows(rows, _, _) if rows.contains(r)))
        };
        let cell = match term {
            Bound::Row(r) if summed(r) => None,
            Bound::Row(r) => at.column.map(|c| (*r, c)),
            Bound::Column(k) => at.row.map(|row| (row.index, *k)),
            Bound::Cell(r, k) => Some((*r, *k)),
            _ => None,
        };
        out.extend(cell.map(|(r, c)| (relation.block, r, c)));
    }
}

/// The number in a row's column, if it holds a valid one, read in the column's
/// unit when it has none of its own. A negative count or a fraction where a
/// count belongs is reported by the `table` checks and, like a blank, not used.
pub fn cell_number(
    schema: &TableSchema,
    units: &Units,
    block: usize,
    row: &Row,
    column: usize,
) -> Option<(Span, Number)> {
    number_of(schema, units, block, row.cell(column)?, column)
}

/// A cell's number, as [`cell_number`] reads it.
fn number_of(schema: &TableSchema, units: &Units, block: usize, cell: &Cell, column: usize) -> Option<(Span, Number)> {
    let def = schema.blocks[block].columns.get(column)?;
    match cell.value {
        CellValue::Number(n) if n.is_negative() && def.values != ValueKind::Signed => None,
        CellValue::Number(n) if !n.is_integer() && def.values == ValueKind::Count => None,
        CellValue::Number(n) => Some((
            cell.span,
            match (n.unit, def.unit) {
                (None, Some(unit)) => n.in_unit(unit, units),
                _ => n,
            },
        )),
        _ => None,
    }
}

/// Both sides of a relation, or `None` when a cell it needs is missing or not a
/// valid number.
pub fn evaluate(
    relation: &BoundRelation,
    table: &Table,
    schema: &TableSchema,
    units: &Units,
    at: At<'_>,
) -> Option<(Vec<Value>, Vec<Value>)> {
    let side = |terms| eval_side(terms, table, schema, units, relation.block, at);
    let (left, right) = (side(&relation.left)?, side(&relation.right)?);
    // Both sides left wholly blank say nothing. One side wholly blank in a
    // table that leaves its zeros blank is 0 against the other: `2` over four
    // blanks is a total its parts do not make.
    let blank = |side: &[Value]| {
        let (blanks, cells) = side.iter().fold((0, 0), |(b, c), v| (b + v.blanks, c + v.cells.len()));
        blanks > 0 && blanks == cells
    };
    if blank(&left) && blank(&right) {
        return None;
    }
    Some((left, right))
}

fn eval_side(
    terms: &[(Sign, Bound)],
    table: &Table,
    schema: &TableSchema,
    units: &Units,
    block: usize,
    at: At<'_>,
) -> Option<Vec<Value>> {
    // In a table that leaves its zeros blank, a blank is read as 0 (and said
    // so), but for a total: one left blank was not filled in.
    let cell = |row: &Row, column: usize| {
        if table.blanks_are_zeros
            && let Some(c) = row.cell(column)
            && c.value.is_blank_or_placeholder()
            && (c.value == CellValue::Placeholder || !table.zeros_as_placeholders)
            && table.totals.binary_search(&(block, row.index, column)).is_err()
        {
            let zero = match c.value {
                CellValue::Placeholder => AsZero::Placeholder,
                _ => AsZero::Blank,
            };
            return Some(((c.span, Number::zero()), zero));
        }
        // A row whose digits run together with several readings: the cells they agree on.
        if let Some(Split::Ambiguous { agreed, .. }) = &row.split {
            let cell = agreed.get(column)?.as_ref()?;
            return number_of(schema, units, block, cell, column).map(|found| (found, AsZero::No));
        }
        cell_number(schema, units, block, row, column).map(|found| (found, AsZero::No))
    };
    let name = |f: &dyn Fn() -> String| if at.unnamed { String::new() } else { f() };
    let mut out = Vec::with_capacity(terms.len());
    for &(sign, ref term) in terms {
        let value = match term {
            Bound::Const(n) => Value {
                sign,
                name: name(&|| n.to_string()),
                value: *n,
                cells: Vec::new(),
                is_group: false,
                previous: false,
                blanks: 0,
                placeholders: 0,
            },
            Bound::Text => Value::cell(sign, "n".into(), at.text?),
            Bound::Row(r) => Value::table_cell(
                sign,
                name(&|| schema.row_name(block, *r)),
                cell(table.row(block, *r)?, at.column?)?,
            ),
            Bound::Column(k) => Value::table_cell(sign, name(&|| schema.column_name(block, *k)), cell(at.row?, *k)?),
            Bound::Cell(r, k) => Value::table_cell(
                sign,
                name(&|| format!("{}·{}", schema.row_name(block, *r), schema.column_name(block, *k))),
                cell(table.row(block, *r)?, *k)?,
            ),
            Bound::Rows(rows, group, named_column) => {
                let column = named_column.or(at.column)?;
                let mut cells = Vec::new();
                let mut total = Number::zero();
                let (mut blanks, mut placeholders) = (0, 0);
                for r in rows {
                    let (c, zero) = cell(table.row(block, *r)?, column)?;
                    total = total + c.1;
                    cells.push(c);
                    blanks += usize::from(zero != AsZero::No);
                    placeholders += usize::from(zero == AsZero::Placeholder);
                }
                // The sub-rows of a group, or the row itself when it has none.
                let is_group = rows.as_slice() != [*group];
                Value {
                    sign,
                    name: name(&|| rows_name(schema, block, *group, is_group, *named_column)),
                    value: total,
                    cells,
                    is_group,
                    previous: false,
                    blanks,
                    placeholders,
                }
            }
            Bound::Previous(inner) => previous_value(sign, inner, schema, units, block, at)?,
        };
        out.push(value);
    }
    Some(out)
}

/// A `previous(…)` term: the same rows and columns, by key, in last year's table.
fn previous_value(
    sign: Sign,
    inner: &Bound,
    schema: &TableSchema,
    units: &Units,
    block: usize,
    at: At<'_>,
) -> Option<Value> {
    let previous = at.previous?;
    let rows = &schema.blocks[block].rows;
    let columns = &schema.blocks[block].columns;
    let key_of_column = |c: usize| columns[c].key.as_str();
    let one = |r: usize, c: usize, with_column: bool| {
        let (name, found) = previous.cell(units, &schema.blocks[block].key, &rows[r].key, key_of_column(c))?;
        let name = if with_column {
            format!("{}{name}·{}", previous.prefix, schema.column_name(block, c))
        } else {
            format!("{}{name}", previous.prefix)
        };
        Some((name, found))
    };
    let (name, cells, is_group) = match inner {
        Bound::Row(r) => {
            let (name, found) = one(*r, at.column?, false)?;
            (name, vec![found], false)
        }
        Bound::Column(k) => {
            let row = at.row?.index;
            let (_, found) = one(row, *k, false)?;
            (
                format!("{}{}", previous.prefix, schema.column_name(block, *k)),
                vec![found],
                false,
            )
        }
        Bound::Cell(r, k) => {
            let (name, found) = one(*r, *k, true)?;
            (name, vec![found], false)
        }
        Bound::Rows(list, group, named_column) => {
            let column = named_column.or(at.column)?;
            let cells = list
                .iter()
                .map(|&r| one(r, column, false).map(|(_, found)| found))
                .collect::<Option<Vec<_>>>()?;
            let is_group = list.as_slice() != [*group];
            let name = rows_name(schema, block, *group, is_group, *named_column);
            (format!("{}{name}", previous.prefix), cells, is_group)
        }
        Bound::Const(_) | Bound::Text | Bound::Previous(_) => return None,
    };
    let value = cells.iter().fold(Number::zero(), |acc, c| acc + c.1);
    Some(Value {
        sign,
        name,
        value,
        cells,
        is_group,
        previous: true,
        blanks: 0,
        placeholders: 0,
    })
}

/// The name of a `Rows` term: a group's sum (`Σ（六）其他处理`) or the row itself,
/// with its column when the relation names one (`Σ（六）其他处理·总计`).
fn rows_name(schema: &TableSchema, block: usize, group: usize, is_group: bool, column: Option<usize>) -> String {
    let mut name = schema.row_name(block, group);
    if is_group {
        name = format!("Σ{name}");
    }
    if let Some(k) = column {
        name = format!("{name}·{}", schema.column_name(block, k));
    }
    name
}

pub fn total(values: &[Value]) -> Number {
    values.iter().fold(Number::zero(), |acc, v| match v.sign {
        Sign::Plus => acc + v.value,
        Sign::Minus => acc - v.value,
    })
}

/// The operator written before the `i`th term.
fn operator(i: usize, sign: Sign) -> &'static str {
    match (i, sign) {
        (0, Sign::Plus) => "",
        (0, Sign::Minus) => "-",
        (_, Sign::Plus) => " + ",
        (_, Sign::Minus) => " - ",
    }
}

/// `一 + 二`
pub fn names(values: &[Value]) -> String {
    // With room for the numbers `describe` adds.
    let mut names = String::with_capacity(values.iter().map(|v| v.name.len() + 16).sum::<usize>() + 16);
    for (i, v) in values.iter().enumerate() {
        names.push_str(operator(i, v.sign));
        names.push_str(&v.name);
    }
    names
}

/// `一 + 二 = 1696 + 6 = 1702`
pub fn describe(values: &[Value]) -> String {
    let mut out = names(values);
    out.push_str(" = ");
    if values.len() > 1 {
        for (i, v) in values.iter().enumerate() {
            out.push_str(operator(i, v.sign));
            let _ = write!(out, "{}", v.value);
        }
        out.push_str(" = ");
    }
    let _ = write!(out, "{}", total(values));
    out
}
