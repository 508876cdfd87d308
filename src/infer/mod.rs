//! Reading digits run together with the table's own arithmetic. A page
//! scraped into one line gives `一、本年新收政府信息公开申请数量200 000121`: with
//! seven columns and "总计 = the six applicant columns", only 20 0 0 0 0 1 21
//! balances. Every reading the number syntax allows (no leading zeros) is
//! tried against the row relations of the rule files; one left is used, none
//! is a finding. Where several rows have several readings each, the column
//! relations choose among their combinations (a bounded number); what is
//! still open is left unread. Never a guess. Numbers found apart from their
//! labels are placed in order when they fit ([`order`]).

mod order;

use std::collections::BTreeSet;

use crate::format::Format;
use crate::label::{is_space, to_halfwidth};
use crate::model::{Cell, Document, Readability, Row, RowShape, Split, Table};
use crate::number::{CellValue, Number, SCALE};
use crate::relation::eval::totals_at;
use crate::relation::{At, BoundRelation, BoundTable, Each, Op, evaluate, places, total};
use crate::rules::Rule;
use crate::source::Span;

/// Steps of the search (each a cut tried) per row, at most: past it the row
/// is left unread.
const MAX_STEPS: usize = 100_000;

/// A reading judged by evaluating the relations (where they are not linear
/// forms) costs as much as this many steps.
const EVALUATION_STEPS: usize = 10;

/// Steps of the search in a whole document: this many per byte of its text.
/// A row's readings cost the same however short the text around it, so a text
/// of nothing but run-together rows would otherwise take time out of
/// proportion to its length (a real report takes a few hundred at most; a row
/// of four-digit counts that balances, about 500).
const STEPS_PER_BYTE: usize = 2;

/// A combination of rows tried against the column relations costs about as
/// much as this many steps (measured: 2.6 µs against 60-80 ns).
const COMBINATION_COST: usize = 30;

/// Closest readings kept for a row that no reading balances.
const CLOSEST: usize = 3;

/// Combinations of several rows' readings tried against the column relations.
const MAX_COMBINATIONS: usize = 20_000;

/// Read what the parser could not: numbers apart from their labels, then digits
/// run together, by the relations of the rule files.
pub fn read_tables(doc: &mut Document, rules: &[Rule], format: &Format) {
    // Each table's relations within this report (not those across years).
    let bounds: Vec<Vec<&BoundTable>> = doc
        .tables
        .iter()
        .map(|table| {
            rules
                .iter()
                .filter_map(Rule::relations)
                .filter(|bt| bt.key == table.key && !bt.uses_previous())
                .collect()
        })
        .collect();
    for (table, bound) in doc.tables.iter_mut().zip(&bounds) {
        order::place_numbers(table, format, bound);
    }
    split_rows(doc, rules, format);
    for (table, bound) in doc.tables.iter_mut().zip(&bounds) {
        settle_blanks(table, format, bound);
    }
}

/// Whether a table leaves its zeros blank, so that its relations read a blank
/// as 0 (but for its totals; [`Table::blanks_are_zeros`], [`Table::totals`]):
/// it has several blanks (or placeholders, `—` `/`), and read so its relations hold but for what one
/// wrong number breaks (its row, its column, the balance). A draft whose blanks
/// are numbers not yet filled in breaks more, and its blanks stay blanks,
/// never a sum that fails.
fn settle_blanks(table: &mut Table, format: &Format, bound: &[&BoundTable]) {
    // (blank or placeholder, placeholder) cells, counted in one pass.
    let (blanks, placeholders) = table.rows().flat_map(|r| &r.cells).fold((0, 0), |(b, p), c| {
        let placeholder = c.value == CellValue::Placeholder;
        let blank = placeholder || c.value.is_blank_or_placeholder();
        (b + usize::from(blank), p + usize::from(placeholder))
    });
    if table.readable != Readability::Ok || blanks < BLANKS_FOR_ZEROS {
        return;
    }
    // Zeros written `—` and a cell or two left blank: the blanks are numbers left out.
    table.zeros_as_placeholders = blanks - placeholders < BLANKS_FOR_ZEROS && placeholders >= BLANKS_FOR_ZEROS;
    let mut totals = Vec::new();
    each_place(table, format, bound, |rel, at| totals_at(rel, &at, &mut totals));
    totals.sort_unstable();
    totals.dedup();
    table.totals = totals;
    table.blanks_are_zeros = true;
    let (mut held, mut failed) = (0, 0);
    each_outcome(table, format, bound, |_, _, holds, blanks| {
        if blanks > 0 {
            if holds {
                held += 1;
            } else {
                failed += 1;
            }
        }
    });
    if failed > 3 || held < failed.max(1) {
        table.blanks_are_zeros = false;
        table.zeros_as_placeholders = false;
        table.totals = Vec::new();
    }
}

/// Fewer blanks than this are each the defect (an empty cell), not a habit.
const BLANKS_FOR_ZEROS: usize = 3;

/// How many of the relations evaluated on a table fail; `None` when none
/// could be evaluated.
fn relations_fail(table: &Table, format: &Format, bound: &[&BoundTable]) -> Option<usize> {
    let mut evaluated = 0;
    let mut failed = 0;
    each_outcome(table, format, bound, |_, _, holds, _| {
        evaluated += 1;
        failed += usize::from(!holds);
    });
    (evaluated > 0).then_some(failed)
}

/// Every relation of `bound` at each place it applies on the table.
fn each_place<'t>(
    table: &'t Table,
    format: &Format,
    bound: &[&BoundTable],
    mut at_place: impl FnMut(&BoundRelation, At<'t>),
) {
    let schema = &format.tables[table.schema];
    for bt in bound {
        let Some((_, relations)) = bt.by_schema.iter().find(|(s, _)| *s == table.schema) else {
            continue;
        };
        for rel in relations {
            for at in places(bt, rel, table, schema) {
                at_place(rel, at);
            }
        }
    }
}

/// Every relation of `bound` evaluated at each place it applies on the table:
/// the relation, the column it was placed at, whether it holds, and how many
/// blanks it read as 0.
fn each_outcome(
    table: &Table,
    format: &Format,
    bound: &[&BoundTable],
    mut seen: impl FnMut(&BoundRelation, Option<usize>, bool, usize),
) {
    let schema = &format.tables[table.schema];
    each_place(table, format, bound, |rel, at| {
        let column = at.column;
        let at = At { unnamed: true, ..at };
        if let Some((left, right)) = evaluate(rel, table, schema, &format.units, at) {
            let blanks = left.iter().chain(&right).map(|v| v.blanks).sum();
            seen(rel, column, rel.op.holds(total(&left), total(&right)), blanks);
        }
    });
}

/// Read the run-together rows of every table that rules relate.
pub fn split_rows(doc: &mut Document, rules: &[Rule], format: &Format) {
    // The text is read while the tables change: borrow the two apart.
    let Document { source, tables, .. } = doc;
    let text = source.text();
    let mut budget = STEPS_PER_BYTE.saturating_mul(text.len());
    for table in tables.iter_mut() {
        let single_digits = table.rows().any(|r| one_digit_per_cell(text, r));
        if !single_digits && !table.rows().any(|r| matches!(r.shape, RowShape::Unsplit { .. })) {
            continue;
        }
        // Not a relation with last year's report: it cannot be evaluated
        // without one, and with one it is a plausibility warning (agencies
        // correct last year's numbers), not this table's arithmetic.
        let bound: Vec<&BoundTable> = rules
            .iter()
            .filter_map(Rule::relations)
            .filter(|bt| bt.key == table.key && !bt.uses_previous())
            .collect();
        // Only equalities: an inequality (`in_force >= issued`) is a check of
        // plausibility, and a reading chosen by it would be a guess.
        let relations: Vec<(&BoundRelation, Option<&Vec<String>>)> = bound
            .iter()
            .filter(|bt| bt.each == Each::Row)
            .filter_map(|bt| {
                let (_, relations) = bt.by_schema.iter().find(|(s, _)| *s == table.schema)?;
                Some(
                    relations
                        .iter()
                        .filter(|r| r.op == Op::Eq)
                        .map(move |r| (r, bt.only.as_ref())),
                )
            })
            .flatten()
            .collect();
        let schema = &format.tables[table.schema];
        // The equalities that read a row (of a block, by its key).
        let applying = |block: usize, key: &str| -> Vec<&BoundRelation> {
            relations
                .iter()
                .filter(|(rel, only)| rel.block == block && only.is_none_or(|o| o.iter().any(|k| k == key)))
                .map(|(rel, _)| *rel)
                .collect()
        };
        // A row no equality reads whose run has a single reading is read so.
        let mut only = Vec::new();
        for (b, block) in table.blocks.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                let RowShape::Unsplit { expected, .. } = row.shape else {
                    continue;
                };
                let key = &schema.blocks[block.index].rows[row.index].key;
                if applying(block.index, key).is_empty()
                    && let Some(cells) = only_reading(text, row, expected, &mut budget)
                {
                    only.push((b, r, Split::Only, Some(cells)));
                }
            }
        }
        apply(table, only);
        if relations.is_empty() {
            readable_once_decided(table);
            continue;
        }
        let mut decisions: Vec<(usize, usize, Split, Option<Vec<Cell>>)> = Vec::new();
        // Rows with several balanced readings, for the column relations.
        let mut open: Vec<(usize, usize, Vec<Vec<Cell>>)> = Vec::new();
        // The rows with shorter runs first: they cost least, and a row of
        // many digits is then the one the document's budget leaves untried.
        let mut unsplit: Vec<(usize, usize, usize)> = Vec::new();
        for (b, block) in table.blocks.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                if matches!(row.shape, RowShape::Unsplit { .. }) {
                    let length = row.cells.iter().map(|c| c.span.len()).sum();
                    unsplit.push((length, b, r));
                }
            }
        }
        unsplit.sort_unstable();
        for &(_, b, r) in &unsplit {
            let block = &table.blocks[b];
            let row = &block.rows[r];
            let RowShape::Unsplit { expected, .. } = row.shape else {
                continue;
            };
            let applying = applying(block.index, &schema.blocks[block.index].rows[row.index].key);
            if applying.is_empty() {
                continue;
            }
            match read_row(text, table, format, &applying, row, expected, &mut budget) {
                Readings::None => {}
                Readings::Untried => decisions.push((b, r, Split::Untried, None)),
                Readings::Read { mut balanced, closest } => match balanced.len() {
                    1 => decisions.push((b, r, Split::Inferred, balanced.pop())),
                    0 => decisions.push((b, r, Split::Unbalanced { closest: closest.0 }, None)),
                    _ => open.push((b, r, balanced)),
                },
            }
        }
        // Rows read on their own first: the column relations then see them.
        apply(table, decisions);
        if single_digits {
            let columns: Vec<&BoundTable> = bound.iter().copied().filter(|bt| bt.each == Each::Column).collect();
            reopen_single_digits(text, table, format, &relations, &columns);
        }
        let chosen = choose_by_columns(table, format, &bound, open, &mut budget);
        apply(table, chosen);
        readable_once_decided(table);
    }
}

/// A table unreadable only for its run-together rows is readable once each is
/// read, or proved wrong however it is read (a finding of its own).
fn readable_once_decided(table: &mut Table) {
    let decided =
        |r: &Row| !matches!(r.shape, RowShape::Unsplit { .. }) || matches!(r.split, Some(Split::Unbalanced { .. }));
    if table.readable_once_split && table.rows().all(decided) {
        table.readable = Readability::Ok;
    }
}

/// A row the parser split one digit per cell (`6400204` for seven cells): the
/// only reading of a run exactly as long as the row.
fn one_digit_per_cell(text: &str, row: &Row) -> bool {
    row.shape == RowShape::Ok
        && row.split.is_none()
        && row.cells.len() > 1
        && row
            .cells
            .iter()
            .all(|c| c.span.len() == 1 && text.as_bytes()[c.span.start].is_ascii_digit())
        && row.cells.windows(2).all(|w| w[0].span.end == w[1].span.start)
}

/// A blank cell left out of a run shifts every digit after it, and a run of
/// the row's length is then split one per cell into the wrong columns. When the
/// row's own relations reject that split and it breaks the column relations of
/// three columns or more (one wrong digit breaks its own column only), no reading
/// balances the row: it is said once (with the split as the closest) and kept
/// out of the column sums, whose every column it would otherwise break.
fn reopen_single_digits(
    text: &str,
    table: &mut Table,
    format: &Format,
    relations: &[(&BoundRelation, Option<&Vec<String>>)],
    columns: &[&BoundTable],
) {
    let schema = &format.tables[table.schema];
    let mut reopened: Vec<(usize, usize, i64)> = Vec::new();
    for (b, block) in table.blocks.iter().enumerate() {
        for (r, row) in block.rows.iter().enumerate() {
            if !one_digit_per_cell(text, row) {
                continue;
            }
            let key = &schema.blocks[block.index].rows[row.index].key;
            let off = relations
                .iter()
                .filter(|(rel, only)| rel.block == block.index && only.is_none_or(|o| o.contains(key)))
                .filter_map(|(rel, _)| {
                    let at = At {
                        row: Some(row),
                        unnamed: true,
                        ..At::default()
                    };
                    let (left, right) = evaluate(rel, table, schema, &format.units, at)?;
                    let off = (total(&left) - total(&right)).raw().abs();
                    (off != 0).then(|| i64::try_from(off / SCALE).unwrap_or(i64::MAX))
                })
                .max();
            if let Some(off) = off {
                reopened.push((b, r, off));
            }
        }
    }
    // Columns broken only because of the row: failing with it, not without it.
    let with = failing_columns(table, format, columns);
    reopened.retain(|&(b, r, _)| {
        let row = &mut table.blocks[b].rows[r];
        let shape = std::mem::replace(&mut row.shape, RowShape::Unsplit { expected: 0, digits: 0 });
        let without = failing_columns(table, format, columns);
        table.blocks[b].rows[r].shape = shape;
        with.difference(&without).count() >= 3
    });
    for (b, r, off) in reopened {
        let row = &mut table.blocks[b].rows[r];
        let values: Vec<i64> = row
            .cells
            .iter()
            .map(|c| i64::from(text.as_bytes()[c.span.start] - b'0'))
            .collect();
        let run = row.cells.iter().map(|c| c.span).reduce(Span::cover).unwrap_or_default();
        let expected = row.cells.len();
        row.cells = vec![Cell {
            span: run,
            value: crate::number::parse_cell(&text[run.range()], &format.units),
        }];
        row.shape = RowShape::Unsplit {
            expected,
            digits: expected,
        };
        row.split = Some(Split::Unbalanced {
            closest: vec![(values, off)],
        });
    }
}

/// The columns (block, column) where a column relation fails.
fn failing_columns(table: &Table, format: &Format, columns: &[&BoundTable]) -> BTreeSet<(usize, usize)> {
    let mut failing = BTreeSet::new();
    each_outcome(table, format, columns, |rel, column, holds, _| {
        if !holds {
            failing.insert((rel.block, column.unwrap_or(usize::MAX)));
        }
    });
    failing
}

fn apply(table: &mut Table, decisions: Vec<(usize, usize, Split, Option<Vec<Cell>>)>) {
    for (b, r, split, cells) in decisions {
        let row = &mut table.blocks[b].rows[r];
        if let Some(cells) = cells {
            row.cells = cells;
            row.shape = RowShape::Ok;
        }
        row.split = Some(split);
    }
}

/// Rows with several readings: the combinations that the table's column
/// relations allow (tried in place, the rows put back after). One left: every
/// row is read; otherwise each stays open with its own count.
fn choose_by_columns(
    table: &mut Table,
    format: &Format,
    bound: &[&BoundTable],
    open: Vec<(usize, usize, Vec<Vec<Cell>>)>,
    budget: &mut usize,
) -> Vec<(usize, usize, Split, Option<Vec<Cell>>)> {
    let ambiguous = |open: Vec<(usize, usize, Vec<Vec<Cell>>)>| {
        open.into_iter()
            .map(|(b, r, readings)| {
                (
                    b,
                    r,
                    Split::Ambiguous {
                        readings: readings.len(),
                        agreed: agreed_cells(&readings),
                    },
                    None,
                )
            })
            .collect()
    };
    let combinations = open.iter().try_fold(1usize, |acc, (_, _, r)| acc.checked_mul(r.len()));
    let columns: Vec<&BoundTable> = bound.iter().copied().filter(|bt| bt.each == Each::Column).collect();
    let limit = MAX_COMBINATIONS.min(*budget / COMBINATION_COST);
    if open.is_empty() || columns.is_empty() || combinations.is_none_or(|c| c > limit) {
        return ambiguous(open);
    }
    *budget -= combinations.unwrap_or(0) * COMBINATION_COST;
    let saved: Vec<(Vec<Cell>, RowShape)> = open
        .iter()
        .map(|(b, r, _)| {
            let row = &table.blocks[*b].rows[*r];
            (row.cells.clone(), row.shape.clone())
        })
        .collect();
    let mut fitting: Vec<Vec<usize>> = Vec::new();
    let mut choice = vec![0usize; open.len()];
    'all: loop {
        for (k, (b, r, readings)) in open.iter().enumerate() {
            let row = &mut table.blocks[*b].rows[*r];
            row.cells = readings[choice[k]].clone();
            row.shape = RowShape::Ok;
        }
        if columns_hold(table, format, &columns) {
            fitting.push(choice.clone());
            if fitting.len() > 1 {
                break 'all;
            }
        }
        // The next combination, like an odometer.
        for k in 0.. {
            if k == choice.len() {
                break 'all;
            }
            choice[k] += 1;
            if choice[k] < open[k].2.len() {
                break;
            }
            choice[k] = 0;
        }
    }
    for ((b, r, _), (cells, shape)) in open.iter().zip(saved) {
        let row = &mut table.blocks[*b].rows[*r];
        row.cells = cells;
        row.shape = shape;
    }
    match fitting.as_slice() {
        [one] => open
            .into_iter()
            .zip(one)
            .map(|((b, r, mut readings), &i)| (b, r, Split::Inferred, Some(readings.swap_remove(i))))
            .collect(),
        _ => ambiguous(open),
    }
}

/// The cells every reading of a row agrees on, by column: the same digits at
/// the same place (`1|10|…|11` and `11|0|…|11` agree on the total).
fn agreed_cells(readings: &[Vec<Cell>]) -> Vec<Option<Cell>> {
    let Some(first) = readings.first() else {
        return Vec::new();
    };
    (0..first.len())
        .map(|c| {
            let cell = &first[c];
            readings
                .iter()
                .all(|r| r.get(c).is_some_and(|o| o.span == cell.span && o.value == cell.value))
                .then(|| cell.clone())
        })
        .collect()
}

/// Whether every column relation that can be evaluated holds.
fn columns_hold(table: &Table, format: &Format, columns: &[&BoundTable]) -> bool {
    let schema = &format.tables[table.schema];
    for bt in columns {
        let Some((_, relations)) = bt.by_schema.iter().find(|(s, _)| *s == table.schema) else {
            continue;
        };
        for rel in relations {
            for (c, col) in schema.blocks[rel.block].columns.iter().enumerate() {
                if bt.only.as_ref().is_some_and(|o| !o.contains(&col.key)) {
                    continue;
                }
                let at = At {
                    column: Some(c),
                    unnamed: true,
                    ..At::default()
                };
                if let Some((left, right)) = evaluate(rel, table, schema, &format.units, at)
                    && !rel.op.holds(total(&left), total(&right))
                {
                    return false;
                }
            }
        }
    }
    true
}

/// What the readings of one row came to.
enum Readings {
    /// Its digit runs cannot make its cells (more runs than cells).
    None,
    /// More than [`MAX_STEPS`], or more than the document's budget left
    /// ([`STEPS_PER_BYTE`]).
    Untried,
    Read {
        balanced: Vec<Vec<Cell>>,
        closest: Closest,
    },
}

/// Try every reading of a run-together row against the row relations that
/// apply to it, spending the document's `budget` of steps.
fn read_row(
    text: &str,
    table: &Table,
    format: &Format,
    applying: &[&BoundRelation],
    row: &Row,
    expected: usize,
    budget: &mut usize,
) -> Readings {
    // One row to try each reading in, as it is cut.
    let mut candidate = Row {
        cells: Vec::with_capacity(expected),
        shape: RowShape::Ok,
        split: None,
        ..row.clone()
    };
    let linear = Linear::probe(table, format, applying, &mut candidate, expected);
    let mut reader = RowReader {
        table,
        format,
        applying,
        candidate,
        partials: linear.as_ref().map_or_else(Vec::new, Linear::start),
        linear,
        steps: 0,
        limit: MAX_STEPS.min(*budget),
        balanced: Vec::new(),
        closest: Closest::default(),
    };
    let shown = each_reading(text, &row.cells, expected, &mut reader);
    *budget = budget.saturating_sub(reader.steps);
    match shown {
        None => Readings::None,
        Some(false) => Readings::Untried,
        Some(true) => Readings::Read {
            balanced: reader.balanced,
            closest: reader.closest,
        },
    }
}

/// The one reading of a run, when it has exactly one (no number starts with
/// 0, none is longer than 64 bits); `None` for none, several, or too many
/// steps to tell.
fn only_reading(text: &str, row: &Row, expected: usize, budget: &mut usize) -> Option<Vec<Cell>> {
    struct Only {
        first: Option<Vec<Cell>>,
        second: bool,
        steps: usize,
        limit: usize,
    }
    impl Reader for Only {
        fn enter(&mut self, _: &[i64], _: usize) -> Step {
            self.steps += 1;
            if self.steps > self.limit {
                Step::Stop
            } else {
                Step::Enter
            }
        }
        fn read(&mut self, cells: &[Cell], _: &[i64]) -> bool {
            if self.first.is_some() {
                self.second = true;
                return false;
            }
            self.first = Some(cells.to_vec());
            true
        }
    }
    let mut only = Only {
        first: None,
        second: false,
        steps: 0,
        limit: MAX_STEPS.min(*budget),
    };
    let finished = each_reading(text, &row.cells, expected, &mut only);
    *budget = budget.saturating_sub(only.steps);
    if finished? && !only.second { only.first } else { None }
}

/// Whether a search goes on from a cut.
enum Step {
    Enter,
    /// No reading from here balances or comes closer than those kept.
    Skip,
    /// Out of steps.
    Stop,
}

/// What a search shows its cuts and readings to.
trait Reader {
    /// Whether to go on from a cut: `values` are the numbers made so far, and
    /// `left` digits come after them.
    fn enter(&mut self, values: &[i64], left: usize) -> Step;
    /// A whole reading; `false` to stop the search.
    fn read(&mut self, cells: &[Cell], values: &[i64]) -> bool;
}

/// One row's readings judged against its relations: the balanced ones and the
/// closest, skipping the cuts that can lead to neither.
struct RowReader<'a> {
    table: &'a Table,
    format: &'a Format,
    applying: &'a [&'a BoundRelation],
    candidate: Row,
    linear: Option<Linear>,
    /// Each form's value so far, for each number of cells made.
    partials: Vec<i128>,
    steps: usize,
    limit: usize,
    balanced: Vec<Vec<Cell>>,
    closest: Closest,
}

impl Reader for RowReader<'_> {
    fn enter(&mut self, values: &[i64], left: usize) -> Step {
        self.steps += 1;
        if self.steps > self.limit {
            return Step::Stop;
        }
        let Some(linear) = &self.linear else { return Step::Enter };
        match linear.bound(&mut self.partials, values, left) {
            Some(least) if self.closest.full() && self.closest.worst().is_some_and(|w| least > w) => Step::Skip,
            _ => Step::Enter,
        }
    }

    fn read(&mut self, cells: &[Cell], values: &[i64]) -> bool {
        let off = self.linear.as_ref().and_then(|l| l.distance(values)).or_else(|| {
            // Evaluating the relations costs as much as many steps.
            self.steps += EVALUATION_STEPS;
            self.candidate.cells.clear();
            self.candidate.cells.extend_from_slice(cells);
            distance(self.table, self.format, self.applying, &self.candidate)
        });
        match off {
            Some(0) => self.balanced.push(cells.to_vec()),
            Some(d) => self.closest.offer(d, values),
            None => {}
        }
        self.steps <= self.limit
    }
}

/// The readings nearest to balancing, at most [`CLOSEST`], nearest first (by
/// how far off, then by the values).
#[derive(Default)]
struct Closest(Vec<(Vec<i64>, i64)>);

impl Closest {
    fn full(&self) -> bool {
        self.0.len() == CLOSEST
    }

    fn worst(&self) -> Option<i64> {
        self.0.last().map(|(_, d)| *d)
    }

    fn offer(&mut self, off: i64, values: &[i64]) {
        fn key((v, d): &(Vec<i64>, i64)) -> (i64, &[i64]) {
            (*d, v)
        }
        if self.0.len() == CLOSEST && self.0.last().is_some_and(|worst| (off, values) >= key(worst)) {
            return;
        }
        let at = self.0.partition_point(|e| key(e) < (off, values));
        self.0.insert(at, (values.to_vec(), off));
        self.0.truncate(CLOSEST);
    }
}

/// The largest number of each count of digits (64 bits at most).
const MOST: [i128; 20] = {
    let mut most = [0i128; 20];
    let mut d = 1;
    while d < 20 {
        most[d] = most[d - 1] * 10 + 9;
        d += 1;
    }
    most[19] = i64::MAX as i128;
    most
};

/// A partial value past 128 bits: nothing is told from it or after it.
const UNKNOWN: i128 = i128::MIN;

/// The row relations as linear forms in the row's values: each relation's
/// `left - right` ([`Number::raw`], in whole base units) is a constant plus a
/// coefficient times each cell. Found by evaluating the relations themselves on probe rows, and used
/// only where one more probe agrees, so a reading is judged as [`distance`]
/// judges it, for a few multiplications instead of an evaluation.
struct Linear {
    forms: Vec<(i128, Vec<i128>)>,
    /// For each form and cell, the sums of the negative and of the positive
    /// coefficients of that cell and the cells after it.
    rest: Vec<Vec<(i128, i128)>>,
}

impl Linear {
    fn probe(table: &Table, format: &Format, relations: &[&BoundRelation], row: &mut Row, n: usize) -> Option<Linear> {
        let schema = &format.tables[table.schema];
        let mut residuals = |values: &[i64]| -> Option<Vec<i128>> {
            row.cells.clear();
            row.cells.extend(values.iter().map(|&v| Cell {
                span: Span::default(),
                value: CellValue::Number(Number::from_int(v)),
            }));
            let at = At {
                row: Some(&*row),
                unnamed: true,
                ..At::default()
            };
            relations
                .iter()
                .map(|rel| {
                    let (l, r) = evaluate(rel, table, schema, &format.units, at)?;
                    total(&l).raw().checked_sub(total(&r).raw())
                })
                .collect()
        };
        let constants = residuals(&vec![0; n])?;
        let mut coefficients = vec![vec![0i128; n]; relations.len()];
        let mut unit = vec![0; n];
        for c in 0..n {
            unit[c] = 1;
            let found = residuals(&unit)?;
            unit[c] = 0;
            for (k, r) in found.iter().enumerate() {
                coefficients[k][c] = r - constants[k];
            }
        }
        // In whole units, where every term is (no decimals written in a relation):
        // then a reading's distance needs no division.
        let whole = |r: &i128| r % SCALE == 0;
        if !constants.iter().all(whole) || !coefficients.iter().flatten().all(whole) {
            return None;
        }
        let forms: Vec<(i128, Vec<i128>)> = constants
            .iter()
            .zip(&coefficients)
            .map(|(c, k)| (c / SCALE, k.iter().map(|k| k / SCALE).collect()))
            .collect();
        let rest = forms
            .iter()
            .map(|(_, k)| {
                let mut sums = vec![(0, 0); n + 1];
                for c in (0..n).rev() {
                    let (neg, pos) = sums[c + 1];
                    sums[c] = (neg + k[c].min(0), pos + k[c].max(0));
                }
                sums
            })
            .collect();
        let linear = Linear { forms, rest };
        // Any term that is not linear in the cells shows here.
        let probe: Vec<i64> = (0..n as i64).map(|c| 7 * c + 3).collect();
        let found = residuals(&probe)?;
        let agrees = linear
            .forms
            .iter()
            .zip(&found)
            .all(|(form, r)| residual(form, &probe).and_then(|w| w.checked_mul(SCALE)) == Some(*r));
        agrees.then_some(linear)
    }

    /// Each form's constant: its value before any cell is made, the start of
    /// the partial values [`Linear::bound`] keeps.
    fn start(&self) -> Vec<i128> {
        let mut partials = vec![0; self.forms.len() * (self.rest[0].len())];
        for (f, (constant, _)) in self.forms.iter().enumerate() {
            partials[f] = *constant;
        }
        partials
    }

    /// The least distance any reading that goes on from `values` can have,
    /// with `left` digits still to cut into the cells after them (`None` when
    /// it cannot be told). Keeps each form's partial value in `partials`, the
    /// one for `values` without its last taken as known.
    fn bound(&self, partials: &mut [i128], values: &[i64], left: usize) -> Option<i64> {
        let forms = self.forms.len();
        let made = values.len();
        let cells = self.rest[0].len() - 1;
        let remaining = cells - made;
        // The largest a cell still to make can be: the digits left, less one
        // for each other cell.
        let most = if remaining == 0 {
            0
        } else {
            let digits = (left + 1).saturating_sub(remaining).min(19);
            MOST[digits]
        };
        let last = i128::from(*values.last()?);
        for f in 0..forms {
            let before = partials[(made - 1) * forms + f];
            let coefficient = self.forms[f].1[made - 1];
            partials[made * forms + f] = match before {
                UNKNOWN => UNKNOWN,
                _ => coefficient
                    .checked_mul(last)
                    .and_then(|c| before.checked_add(c))
                    .unwrap_or(UNKNOWN),
            };
        }
        let mut least = 0i64;
        for f in 0..forms {
            let partial = partials[made * forms + f];
            if partial == UNKNOWN {
                return None;
            }
            let (neg, pos) = self.rest[f][made];
            let low = partial.checked_add(neg.checked_mul(most)?)?;
            let high = partial.checked_add(pos.checked_mul(most)?)?;
            let nearest = if low > 0 {
                low
            } else if high < 0 {
                -high
            } else {
                continue;
            };
            // As `distance` counts it: past 64 bits a far-off reading counts
            // `i64::MAX / 4`, so no more than that is certain.
            let d = i64::try_from(nearest).unwrap_or(i64::MAX).clamp(1, i64::MAX / 4);
            least = least.saturating_add(d);
        }
        Some(least)
    }

    /// As [`distance`]; `None` only if the arithmetic would overflow.
    fn distance(&self, values: &[i64]) -> Option<i64> {
        let mut off = 0i64;
        for form in &self.forms {
            let r = residual(form, values)?;
            if r != 0 {
                off = off.saturating_add(off_by(i64::try_from(r).ok()));
            }
        }
        Some(off)
    }
}

fn residual((constant, coefficients): &(i128, Vec<i128>), values: &[i64]) -> Option<i128> {
    coefficients
        .iter()
        .zip(values)
        .try_fold(*constant, |r, (c, &v)| r.checked_add(c.checked_mul(i128::from(v))?))
}

/// How far a reading is from satisfying the relations: 0 when it does, `None`
/// when they cannot be evaluated on it.
fn distance(table: &Table, format: &Format, relations: &[&BoundRelation], row: &Row) -> Option<i64> {
    let schema = &format.tables[table.schema];
    let mut off = 0i64;
    for rel in relations {
        let at = At {
            row: Some(row),
            unnamed: true,
            ..At::default()
        };
        let (left, right) = evaluate(rel, table, schema, &format.units, at)?;
        let (l, r) = (total(&left), total(&right));
        if !rel.op.holds(l, r) {
            off = off.saturating_add(off_by((l - r).to_i64()));
        }
    }
    Some(off)
}

/// How far off one failing relation counts, from its difference in whole
/// units: far-off readings of long digit runs (past 64 bits) must not
/// overflow the sum, and any difference counts at least 1.
fn off_by(difference: Option<i64>) -> i64 {
    difference.map_or(i64::MAX / 4, i64::saturating_abs).max(1)
}

/// The digits of each run, with the byte offset of each; `None` when a run
/// has none or there are more runs than numbers.
fn run_digits(text: &str, runs: &[Cell], n: usize) -> Option<Vec<Vec<(usize, char)>>> {
    // A signed run (`+1737`) or one with a unit (`61285000元`) is not read:
    // its sign may belong to any cut, and its unit to the last number only.
    if runs.iter().any(|c| {
        text[c.span.range()]
            .chars()
            .any(|ch| !(crate::label::is_digit(ch) || is_space(ch)))
    }) {
        return None;
    }
    let runs: Vec<Vec<(usize, char)>> = runs
        .iter()
        .map(|c| {
            text[c.span.range()]
                .char_indices()
                .filter(|(_, ch)| crate::label::is_digit(*ch))
                .map(|(i, ch)| (c.span.start + i, ch))
                .collect()
        })
        .collect();
    (!runs.iter().any(Vec::is_empty) && runs.len() <= n).then_some(runs)
}

/// Show `reader` every way to cut the digit runs into `n` numbers, each without
/// a leading zero (but `0` itself), in order, except those it skips, until it
/// says stop: `Some(false)` then, `Some(true)` when all were shown, `None` when
/// the runs cannot make `n` numbers (a run with no digit, or more runs than
/// numbers).
fn each_reading(text: &str, runs: &[Cell], n: usize, reader: &mut dyn Reader) -> Option<bool> {
    let runs = run_digits(text, runs, n)?;
    // No number has more than 19 digits (64 bits): then there is no reading,
    // and nothing to remember.
    if runs.iter().map(Vec::len).sum::<usize>() > 19 * n {
        return Some(true);
    }
    let mut after = vec![0; runs.len() + 1];
    for k in (0..runs.len()).rev() {
        after[k] = after[k + 1] + runs[k].len();
    }
    let mut search = Search {
        runs: &runs,
        after,
        n,
        feasible: Feasible::new(&runs, n),
    };
    let mut current = (Vec::with_capacity(n), Vec::with_capacity(n));
    Some(search.cut(0, 0, &mut current, reader))
}

/// Whether the digits from a point on can still be cut into the numbers left
/// to make, remembered per (run, digit, numbers made): the search then enters
/// only cuts that lead to a reading, however many lead nowhere (long runs of
/// one digit, zeros that must stand alone, numbers too long for 64 bits).
struct Feasible {
    /// Index of each run's first digit among all the digits.
    base: Vec<usize>,
    n: usize,
    memo: Vec<Option<bool>>,
}

impl Feasible {
    fn new(runs: &[Vec<(usize, char)>], n: usize) -> Feasible {
        let mut base = Vec::with_capacity(runs.len() + 1);
        let mut total = 0;
        for run in runs {
            base.push(total);
            total += run.len() + 1;
        }
        base.push(total);
        Feasible {
            base,
            n,
            memo: vec![None; (total + 1) * (n + 1)],
        }
    }

    /// Whether run `k` from digit `at` on, and the runs after it, make exactly
    /// the `n - made` numbers left.
    fn check(&mut self, runs: &[Vec<(usize, char)>], k: usize, at: usize, made: usize) -> bool {
        if k == runs.len() {
            return made == self.n;
        }
        if made >= self.n {
            return false;
        }
        let slot = (self.base[k] + at) * (self.n + 1) + made;
        if let Some(known) = self.memo[slot] {
            return known;
        }
        let run = &runs[k];
        let mut possible = false;
        for end in at + 1..=run.len() {
            let digits = &run[at..end];
            if digits.len() > 1 && matches!(digits[0].1, '0' | '０') {
                break;
            }
            if digits_value(digits).is_none() {
                break;
            }
            let (next_k, next_at) = if end == run.len() { (k + 1, 0) } else { (k, end) };
            if self.check(runs, next_k, next_at, made + 1) {
                possible = true;
                break;
            }
        }
        self.memo[slot] = Some(possible);
        possible
    }
}

/// The cutting of one row's digit runs into `n` numbers.
struct Search<'r> {
    runs: &'r [Vec<(usize, char)>],
    /// The digits in each run and the runs after it.
    after: Vec<usize>,
    n: usize,
    feasible: Feasible,
}

/// Every reading, collected (see [`each_reading`]); `None` past 20,000 as well.
#[cfg(test)]
fn readings(text: &str, runs: &[Cell], n: usize) -> Option<Vec<Vec<Cell>>> {
    struct All(Vec<Vec<Cell>>);
    impl Reader for All {
        fn enter(&mut self, _: &[i64], _: usize) -> Step {
            Step::Enter
        }
        fn read(&mut self, cells: &[Cell], _: &[i64]) -> bool {
            self.0.push(cells.to_vec());
            self.0.len() <= 20_000
        }
    }
    let mut all = All(Vec::new());
    let finished = each_reading(text, runs, n, &mut all)?;
    finished.then_some(all.0)
}

impl Search<'_> {
    /// Cut run `k` from digit `at` on, showing each cut and whole reading to
    /// `reader`; `false` as soon as it says stop. Only cuts that can still make a
    /// reading are entered.
    fn cut(&mut self, k: usize, at: usize, current: &mut (Vec<Cell>, Vec<i64>), reader: &mut dyn Reader) -> bool {
        let runs = self.runs;
        if k == runs.len() {
            if current.0.len() == self.n {
                return reader.read(&current.0, &current.1);
            }
            return true;
        }
        let run = &runs[k];
        let mut value: i64 = 0;
        for end in at + 1..=run.len() {
            let digits = &run[at..end];
            let last_of_run = end == run.len();
            if digits.len() > 1 && matches!(digits[0].1, '0' | '０') {
                break;
            }
            // The number grows by one digit each time round.
            let Some(next) = digit(digits[digits.len() - 1].1).and_then(|d| value.checked_mul(10)?.checked_add(d))
            else {
                break;
            };
            value = next;
            let (next_k, next_at) = if last_of_run { (k + 1, 0) } else { (k, end) };
            if !self.feasible.check(runs, next_k, next_at, current.0.len() + 1) {
                continue;
            }
            current.1.push(value);
            let left = self.after[k] - end;
            match reader.enter(&current.1, left) {
                Step::Enter => {}
                Step::Skip => {
                    current.1.pop();
                    continue;
                }
                Step::Stop => return false,
            }
            let start = digits[0].0;
            let (last_at, last_char) = digits[digits.len() - 1];
            current.0.push(Cell {
                span: Span::new(start, last_at + last_char.len_utf8()),
                value: CellValue::Number(Number::from_int(value)),
            });
            let ok = self.cut(next_k, next_at, current, reader);
            current.0.pop();
            current.1.pop();
            if !ok {
                return false;
            }
        }
        true
    }
}

/// The number the digits write, if it fits an `i64`.
fn digits_value(digits: &[(usize, char)]) -> Option<i64> {
    digits
        .iter()
        .try_fold(0i64, |value, &(_, c)| value.checked_mul(10)?.checked_add(digit(c)?))
}

fn digit(c: char) -> Option<i64> {
    to_halfwidth(c).to_digit(10).map(i64::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, at: usize) -> Cell {
        Cell {
            span: Span::new(at, at + text.len()),
            value: CellValue::Text,
        }
    }

    fn value_of(cell: &Cell) -> i64 {
        match &cell.value {
            CellValue::Number(n) => n.to_i64().unwrap_or(0),
            _ => 0,
        }
    }

    fn shown(readings: &[Vec<Cell>]) -> Vec<Vec<i64>> {
        readings.iter().map(|r| r.iter().map(value_of).collect()).collect()
    }

    #[test]
    fn every_reading_without_leading_zeros() {
        let text = "1012";
        let r = readings(text, &[run("1012", 0)], 3).unwrap();
        assert_eq!(shown(&r), [vec![1, 0, 12], vec![10, 1, 2]]);
        // Runs keep their boundaries: `200 000121` in seven.
        let text = "200 000121";
        let r = readings(text, &[run("200", 0), run("000121", 4)], 7).unwrap();
        assert!(shown(&r).contains(&vec![20, 0, 0, 0, 0, 1, 21]));
        assert!(shown(&r).iter().all(|v| v.len() == 7));
        // Spans point at each number's digits.
        let first = r
            .iter()
            .find(|c| c.iter().map(value_of).eq([20, 0, 0, 0, 0, 1, 21]))
            .unwrap();
        assert_eq!(first[0].span, Span::new(0, 2));
        assert_eq!(first[6].span, Span::new(8, 10));
    }

    #[test]
    fn every_cut_of_a_run_without_zeros_is_a_reading() {
        // Nine digits in four numbers: 8 choose 3 places to cut.
        let text = "123456789";
        let r = readings(text, &[run(text, 0)], 4).unwrap();
        assert_eq!(r.len(), 56);
        // Two runs: each keeps at least one number.
        let text = "12 345";
        let r = readings(text, &[run("12", 0), run("345", 3)], 4).unwrap();
        assert_eq!(shown(&r), [vec![1, 2, 3, 45], vec![1, 2, 34, 5], vec![12, 3, 4, 5]]);
        assert!(readings(text, &[run("12", 0), run("345", 3)], 6).unwrap().is_empty());
    }

    /// Every reading by brute force: each way to choose cut points.
    fn brute(runs: &[&str], n: usize) -> Vec<Vec<i64>> {
        let mut out = Vec::new();
        fn go(runs: &[&str], n: usize, k: usize, done: Vec<i64>, found: &mut Vec<Vec<i64>>) {
            if k == runs.len() {
                if done.len() == n {
                    found.push(done);
                }
                return;
            }
            let digits = runs[k];
            // Every subset of the gaps between its digits.
            let gaps = digits.len() - 1;
            let mut all: Vec<Vec<i64>> = Vec::new();
            for mask in 0..(1u32 << gaps) {
                let mut parts = Vec::new();
                let mut from = 0;
                for g in 0..=gaps {
                    if g == gaps || mask & (1 << g) != 0 {
                        parts.push(&digits[from..=g]);
                        from = g + 1;
                    }
                }
                if parts.iter().any(|p| p.len() > 1 && p.starts_with('0') || p.len() > 18) {
                    continue;
                }
                all.push(parts.iter().map(|p| p.parse().unwrap()).collect());
            }
            for parts in all {
                let mut next = done.clone();
                next.extend(parts);
                go(runs, n, k + 1, next, found);
            }
        }
        go(runs, n, 0, Vec::new(), &mut out);
        out
    }

    #[test]
    fn the_search_finds_what_brute_force_finds() {
        let mut rng = 0x2545F4914F6CDD1Du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for _ in 0..300 {
            let run_count = 1 + (next() % 3) as usize;
            let runs: Vec<String> = (0..run_count)
                .map(|_| {
                    let len = 1 + (next() % 6) as usize;
                    (0..len)
                        .map(|_| char::from(b'0' + [0, 0, 1, 7, 9][(next() % 5) as usize]))
                        .collect()
                })
                .collect();
            let n = 1 + (next() % 9) as usize;
            let text = runs.join(" ");
            let mut at = 0;
            let cells: Vec<Cell> = runs
                .iter()
                .map(|r| {
                    let c = run(r, at);
                    at += r.len() + 1;
                    c
                })
                .collect();
            let found = readings(&text, &cells, n).map(|r| shown(&r));
            let expected = if runs.len() > n {
                None
            } else {
                Some(brute(&runs.iter().map(String::as_str).collect::<Vec<_>>(), n))
            };
            let sorted = |v: Option<Vec<Vec<i64>>>| {
                v.map(|mut v| {
                    v.sort();
                    v
                })
            };
            assert_eq!(sorted(found), sorted(expected), "{text} in {n}");
        }
    }

    /// Every built-in row relation is linear, and its form judges a reading
    /// exactly as evaluating the relation does.
    #[test]
    fn the_linear_forms_judge_as_the_relations_do() {
        let linter = crate::Linter::builtin().unwrap();
        let (rules, format) = (&linter.rules, &linter.format);
        let text = include_str!("../../fixtures/layouts/run-together-2021.txt");
        let doc = crate::parse::parse(
            crate::source::SourceFile::new("t", text),
            format,
            &crate::parse::ParseOptions::default(),
        );
        let mut rng = 0x9E3779B97F4A7C15u64;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut tried = 0;
        for table in &doc.tables {
            let schema = &format.tables[table.schema];
            for bt in rules
                .iter()
                .filter_map(Rule::relations)
                .filter(|bt| bt.key == table.key)
            {
                let Some((_, relations)) = bt.by_schema.iter().find(|(s, _)| *s == table.schema) else {
                    continue;
                };
                for rel in relations.iter().filter(|r| bt.each == Each::Row && r.op == Op::Eq) {
                    let block = &schema.blocks[rel.block];
                    let Some(row) = table.block(rel.block).and_then(|b| b.rows.first()) else {
                        continue;
                    };
                    let n = block.columns.len();
                    let mut candidate = Row {
                        shape: RowShape::Ok,
                        ..row.clone()
                    };
                    let linear = Linear::probe(table, format, &[rel], &mut candidate, n)
                        .unwrap_or_else(|| panic!("{}: not linear", rel.text));
                    for _ in 0..200 {
                        // Small values balance now and then; huge ones test the range.
                        let values: Vec<i64> = (0..n)
                            .map(|_| match next() % 3 {
                                0 => (next() % 3) as i64,
                                1 => (next() % 1000) as i64,
                                _ => (next() >> 1) as i64,
                            })
                            .collect();
                        candidate.cells = values
                            .iter()
                            .map(|&v| Cell {
                                span: Span::default(),
                                value: CellValue::Number(Number::from_int(v)),
                            })
                            .collect();
                        assert_eq!(
                            linear.distance(&values),
                            distance(table, format, &[rel], &candidate),
                            "{} on {values:?}",
                            rel.text
                        );
                        tried += 1;
                    }
                }
            }
        }
        assert!(tried >= 400, "{tried} readings tried");
    }

    #[test]
    fn the_search_is_bounded() {
        let digits = "1".repeat(40);
        assert!(readings(&digits, &[run(&digits, 0)], 20).is_none());
    }
}
