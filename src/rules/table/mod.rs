//! Kind `table`: a table's presence, shape and what its cells hold.

pub mod blank_table;
pub mod copied;
pub mod label;
pub mod misplaced;
pub mod missing_column;
pub mod missing_header;
pub mod missing_row;
pub mod missing_table;
pub mod negative;
pub mod not_integer;
pub mod not_number;
pub mod order;
pub mod placed;
pub mod repeated_row;
pub mod row_order;
pub mod shape;
pub mod split_inferred;
pub mod unit;
pub mod unit_kind;
pub mod unreadable;
pub mod unsplit;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::format::{ColumnDef, TableSchema};
use crate::model::{Cell, Readability, Row, Table};
use crate::rulefile::RuleFileError;
use crate::rules::{Compile, Context, Doc, ParamDoc, Reporter};

pub const DOC: Doc = Doc {
    zh: "统计表：应有的表和行是否都在，每行的单元格数，表格能否可靠读取，标签措辞，以及数值单元格的内容（文字、负数、小数、单位）。\
表格由规则文件中的 [[table]] 定义。",
    en: "Tables: every required table and row is there, rows have as many cells as columns, the table could be read \
reliably, labels are worded as the format says, and value cells hold proper numbers (no words, negatives, \
fractions or wrong units). Tables are defined by `[[table]]` in the rule files.",
};

/// The one parameter most table checks take.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TableParam {
    pub(crate) table: Option<Spanned<String>>,
}

pub(crate) const TABLE_PARAM: ParamDoc = ParamDoc {
    name: "table",
    doc: Doc {
        zh: "只查这张表（key 或别名，如 三）；不写则查所有表",
        en: "only this table (key or alias, e.g. 三); every table when absent",
    },
};

impl TableParam {
    pub(crate) fn key(&self, cx: &Compile<'_>) -> Result<Option<String>, RuleFileError> {
        cx.table_key(self.table.as_ref())
    }
}

/// Where the table's first row label starts: the header is what comes before.
pub(crate) fn first_row_start(table: &Table) -> usize {
    table
        .rows()
        .filter_map(|r| r.label_spans.first())
        .map(|s| s.start)
        .min()
        .unwrap_or(table.span.start)
}

/// The tables a check limited to `key` looks at: readable ones, of the rule's edition.
pub(crate) fn readable_tables<'c>(cx: &'c Context<'_>, out: &Reporter<'_>, key: Option<&'c str>) -> Vec<&'c Table> {
    cx.tables(key, out.edition())
        .filter(|t| t.readable == Readability::Ok)
        .collect()
}

/// A value cell, where it is, and the column it belongs to when the row's cells
/// line up with the columns.
struct ValueCell<'t> {
    schema: &'t TableSchema,
    block: usize,
    row: &'t Row,
    cell: &'t Cell,
    column: Option<&'t ColumnDef>,
    /// The cell's place in its row, named only for a finding.
    index: usize,
}

/// Every value cell of the readable tables a check looks at.
fn value_cells<'t>(cx: &'t Context<'_>, out: &Reporter<'_>, key: Option<&'t str>) -> Vec<ValueCell<'t>> {
    cells_of(cx, readable_tables(cx, out, key), |_| true)
}

/// The value cells of the readable tables, and of the rows whose digits run
/// together in tables that runs made unreadable (table 四's one row with a `-1`
/// in it): a sign or a decimal there is wrong in any column of counts.
fn value_and_run_cells<'t>(cx: &'t Context<'_>, out: &Reporter<'_>, key: Option<&'t str>) -> Vec<ValueCell<'t>> {
    let mut cells = value_cells(cx, out, key);
    let unreadable = cx
        .tables(key, out.edition())
        .filter(|t| t.readable != Readability::Ok && t.layout == crate::model::Layout::RunTogether)
        .collect();
    cells.extend(cells_of(cx, unreadable, |row| {
        !matches!(
            row.shape,
            crate::model::RowShape::Ok | crate::model::RowShape::LabelOnly
        )
    }));
    cells
}

fn cells_of<'t>(cx: &'t Context<'_>, tables: Vec<&'t Table>, rows: impl Fn(&Row) -> bool) -> Vec<ValueCell<'t>> {
    let mut cells = Vec::new();
    for table in tables {
        let schema = &cx.format.tables[table.schema];
        for block in &table.blocks {
            let block_schema = &schema.blocks[block.index];
            for row in block.rows.iter().filter(|r| rows(r)) {
                for (c, cell) in row.cells.iter().enumerate() {
                    let aligned = row.cell(c).is_some();
                    let column = if aligned { block_schema.columns.get(c) } else { None };
                    cells.push(ValueCell {
                        schema,
                        block: block.index,
                        row,
                        cell,
                        column,
                        index: c,
                    });
                }
            }
        }
    }
    cells
}

impl ValueCell<'_> {
    /// What the cell may hold: its column's kind, or, in a row whose cells
    /// could not be placed (digits run together), the kind every column of the
    /// block shares (table 三's and 四's are all counts).
    fn values(&self, cx: &Context<'_>) -> Option<crate::format::ValueKind> {
        if let Some(column) = self.column {
            return Some(column.values);
        }
        // Only a number glued to the run's digits before it (`0000000000-10000`,
        // `01.5000`), a negative one also after spaces (`0 0 -1 00 0 0`) or right
        // after the row's label (`保护第三方合法权益-1000000`); not one after words
        // or a year (`截至2021-12-31`, `（2020-2021）`, `用时4.5个工作日`).
        let signed = cx.doc.text(self.cell.span).starts_with(['-', '－', '−']);
        let spaces_to = |end: usize| {
            end == self.cell.span.start
                || (signed
                    && end < self.cell.span.start
                    && cx
                        .doc
                        .text(crate::source::Span::new(end, self.cell.span.start))
                        .chars()
                        .all(crate::label::is_space))
        };
        let before = self.index.checked_sub(1).and_then(|i| self.row.cells.get(i));
        let glued = match before {
            Some(b) => {
                let digits = cx.doc.text(b.span);
                spaces_to(b.span.end)
                    && !digits.is_empty()
                    && digits.chars().all(|c| c.is_ascii_digit())
                    && !crate::label::ends_in_a_year(digits)
            }
            None => signed && self.row.label_spans.last().is_some_and(|l| spaces_to(l.end)),
        };
        // Or a decimal point inside the run itself (`11002100121.5001`), not a date's.
        let inside = || {
            let text = cx.doc.text(self.cell.span);
            text.split_once('.').is_some_and(|(whole, part)| {
                whole.len() >= 2
                    && part.len() >= 2
                    && whole.chars().chain(part.chars()).all(|c| c.is_ascii_digit())
                    && !crate::label::ends_in_a_year(whole)
            })
        };
        if !glued && !inside() {
            return None;
        }
        let columns = &self.schema.blocks[self.block].columns;
        let first = columns.first()?.values;
        columns.iter().all(|c| c.values == first).then_some(first)
    }

    /// A finding at the cell, with the usual placeholders.
    fn finding(&self, cx: &Context<'_>, label: &str) -> Finding {
        Finding::at(self.cell.span, label)
            .arg("table", self.schema.name.get(cx.lang))
            .arg("row", self.schema.row_title(self.block, self.row.index))
            .arg(
                "column",
                match self.column {
                    Some(_) => self.schema.column_name(self.block, self.index),
                    None => cx.tr("（列不确定）", "(column unknown)").to_string(),
                },
            )
            .arg("found", cx.doc.text(self.cell.span).trim().to_string())
    }
}
