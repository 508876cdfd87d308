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

use crate::format::Format;
use crate::label::to_halfwidth;
use crate::model::{Cell, Document, Readability, Row, RowShape, Split, Table};
use crate::number::{CellValue, Number};
use crate::relation::{At, BoundRelation, BoundTable, Each, Op, evaluate, places, total};
use crate::rules::Rule;
use crate::source::Span;

/// Readings tried per row, at most: past it the row is left unread.
const MAX_READINGS: usize = 20_000;

/// Closest readings kept for a row that no reading balances.
const CLOSEST: usize = 3;

/// Combinations of several rows' readings tried against the column relations.
const MAX_COMBINATIONS: usize = 20_000;

/// Read what the parser could not: numbers apart from their labels, then digits
/// run together, by the relations of the rule files.
pub fn read_tables(doc: &mut Document, rules: &[Rule], format: &Format) {
    for table in doc.tables.iter_mut() {
        let bound: Vec<&BoundTable> = rules
            .iter()
            .filter_map(Rule::relations)
            .filter(|bt| bt.key == table.key && !bt.uses_previous())
            .collect();
        order::place_numbers(table, format, &bound);
    }
    split_rows(doc, rules, format);
}

/// How many of the relations evaluated on a table fail; `None` when none
/// could be evaluated.
fn relations_fail(table: &Table, format: &Format, bound: &[&BoundTable]) -> Option<usize> {
    let schema = &format.tables[table.schema];
    let mut evaluated = 0;
    let mut failed = 0;
    for bt in bound {
        let Some((_, relations)) = bt.by_schema.iter().find(|(s, _)| *s == table.schema) else {
            continue;
        };
        for rel in relations {
            for at in places(bt, rel, table, schema) {
                let at = At { unnamed: true, ..at };
                if let Some((left, right)) = evaluate(rel, table, schema, &format.units, at) {
                    evaluated += 1;
                    if !rel.op.holds(total(&left), total(&right)) {
                        failed += 1;
                    }
                }
            }
        }
    }
    (evaluated > 0).then_some(failed)
}

/// Read the run-together rows of every table that rules relate.
pub fn split_rows(doc: &mut Document, rules: &[Rule], format: &Format) {
    // The text is read while the tables change: borrow the two apart.
    let Document { source, tables, .. } = doc;
    let text = source.text();
    for table in tables.iter_mut() {
        if !table.rows().any(|r| matches!(r.shape, RowShape::Unsplit { .. })) {
            continue;
        }
        let bound: Vec<&BoundTable> = rules
            .iter()
            .filter_map(Rule::relations)
            .filter(|bt| bt.key == table.key)
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
        if relations.is_empty() {
            continue;
        }
        let schema = &format.tables[table.schema];
        let mut decisions: Vec<(usize, usize, Split, Option<Vec<Cell>>)> = Vec::new();
        // Rows with several balanced readings, for the column relations.
        let mut open: Vec<(usize, usize, Vec<Vec<Cell>>)> = Vec::new();
        for (b, block) in table.blocks.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                let RowShape::Unsplit { expected, .. } = row.shape else {
                    continue;
                };
                let key = &schema.blocks[block.index].rows[row.index].key;
                let applying: Vec<&BoundRelation> = relations
                    .iter()
                    .filter(|(rel, only)| rel.block == block.index && only.is_none_or(|o| o.contains(key)))
                    .map(|(rel, _)| *rel)
                    .collect();
                if applying.is_empty() {
                    continue;
                }
                let mut balanced: Vec<Vec<Cell>> = Vec::new();
                let mut off: Vec<(Vec<i64>, i64)> = Vec::new();
                // One row to try each reading in, as it is cut.
                let mut candidate = Row {
                    cells: Vec::with_capacity(expected),
                    shape: RowShape::Ok,
                    split: None,
                    ..row.clone()
                };
                let within_bound = each_reading(text, &row.cells, expected, &mut |cells| {
                    candidate.cells.clear();
                    candidate.cells.extend_from_slice(cells);
                    match distance(table, format, &applying, &candidate) {
                        Some(0) => balanced.push(candidate.cells.clone()),
                        Some(d) => off.push((values(&candidate.cells), d)),
                        None => {}
                    }
                });
                if !within_bound {
                    decisions.push((b, r, Split::Ambiguous { readings: MAX_READINGS }, None));
                    continue;
                }
                match balanced.len() {
                    1 => decisions.push((b, r, Split::Inferred, balanced.pop())),
                    0 => {
                        off.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
                        off.truncate(CLOSEST);
                        decisions.push((b, r, Split::Unbalanced { closest: off }, None));
                    }
                    _ => open.push((b, r, balanced)),
                }
            }
        }
        // Rows read on their own first: the column relations then see them.
        apply(table, decisions);
        let chosen = choose_by_columns(table, format, &bound, open);
        apply(table, chosen);
        // Unreadable only for these rows: readable once each is read, or
        // proved wrong however it is read (a finding of its own).
        let decided =
            |r: &Row| !matches!(r.shape, RowShape::Unsplit { .. }) || matches!(r.split, Some(Split::Unbalanced { .. }));
        if table.readable_once_split && table.rows().all(decided) {
            table.readable = Readability::Ok;
        }
    }
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
) -> Vec<(usize, usize, Split, Option<Vec<Cell>>)> {
    let ambiguous = |open: Vec<(usize, usize, Vec<Vec<Cell>>)>| {
        open.into_iter()
            .map(|(b, r, readings)| {
                (
                    b,
                    r,
                    Split::Ambiguous {
                        readings: readings.len(),
                    },
                    None,
                )
            })
            .collect()
    };
    let combinations = open.iter().try_fold(1usize, |acc, (_, _, r)| acc.checked_mul(r.len()));
    let columns: Vec<&BoundTable> = bound.iter().copied().filter(|bt| bt.each == Each::Column).collect();
    if open.is_empty() || columns.is_empty() || combinations.is_none_or(|c| c > MAX_COMBINATIONS) {
        return ambiguous(open);
    }
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

fn values(cells: &[Cell]) -> Vec<i64> {
    cells
        .iter()
        .map(|c| match &c.value {
            CellValue::Number(n) => n.to_i64().unwrap_or(0),
            _ => 0,
        })
        .collect()
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
            // Far-off readings of long digit runs must not overflow the sum.
            let d = (l - r).to_i64().map_or(i64::MAX / 4, i64::saturating_abs);
            off = off.saturating_add(d.max(1));
        }
    }
    Some(off)
}

/// The digits of each run, with the byte offset of each; `None` when a run
/// has none or there are more runs than numbers.
fn run_digits(text: &str, runs: &[Cell], n: usize) -> Option<Vec<Vec<(usize, char)>>> {
    let runs: Vec<Vec<(usize, char)>> = runs
        .iter()
        .map(|c| {
            text[c.span.range()]
                .char_indices()
                .filter(|(_, ch)| ch.is_ascii_digit() || ('０'..='９').contains(ch))
                .map(|(i, ch)| (c.span.start + i, ch))
                .collect()
        })
        .collect();
    (!runs.iter().any(Vec::is_empty) && runs.len() <= n).then_some(runs)
}

/// Show `visit` every way to cut the digit runs into `n` numbers, each without
/// a leading zero (but `0` itself), in order; `false`, having shown none, when
/// there are more than [`MAX_READINGS`]. The readings are counted first, then
/// cut again one at a time: none is kept that the caller does not keep.
fn each_reading(text: &str, runs: &[Cell], n: usize, visit: &mut dyn FnMut(&[Cell])) -> bool {
    let Some(runs) = run_digits(text, runs, n) else {
        return false;
    };
    // No number has more than 19 digits (64 bits): then there is no reading,
    // and nothing to remember.
    if runs.iter().map(Vec::len).sum::<usize>() > 19 * n {
        return true;
    }
    let mut search = Search {
        runs: &runs,
        n,
        feasible: Feasible::new(&runs, n),
    };
    let mut current: Vec<Cell> = Vec::with_capacity(n);
    let mut count = 0usize;
    let counted = search.cut(0, 0, &mut current, &mut |_| {
        count += 1;
        count <= MAX_READINGS
    });
    if !counted {
        return false;
    }
    search.cut(0, 0, &mut current, &mut |cells| {
        visit(cells);
        true
    })
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
    n: usize,
    feasible: Feasible,
}

/// Every reading, collected (see [`each_reading`]).
#[cfg(test)]
fn readings(text: &str, runs: &[Cell], n: usize) -> Option<Vec<Vec<Cell>>> {
    let mut out = Vec::new();
    each_reading(text, runs, n, &mut |cells| out.push(cells.to_vec())).then_some(out)
}

impl Search<'_> {
    /// Cut run `k` from digit `at` on, showing each whole reading to `visit`;
    /// `false` as soon as `visit` says stop. Only cuts that can still make a
    /// reading are entered.
    fn cut(&mut self, k: usize, at: usize, current: &mut Vec<Cell>, visit: &mut dyn FnMut(&[Cell]) -> bool) -> bool {
        let runs = self.runs;
        if k == runs.len() {
            if current.len() == self.n {
                return visit(current);
            }
            return true;
        }
        let run = &runs[k];
        for end in at + 1..=run.len() {
            let digits = &run[at..end];
            let last_of_run = end == run.len();
            if digits.len() > 1 && matches!(digits[0].1, '0' | '０') {
                break;
            }
            let Some(value) = digits_value(digits) else { break };
            let (next_k, next_at) = if last_of_run { (k + 1, 0) } else { (k, end) };
            if !self.feasible.check(runs, next_k, next_at, current.len() + 1) {
                continue;
            }
            let start = digits[0].0;
            let (last_at, last_char) = digits[digits.len() - 1];
            current.push(Cell {
                span: Span::new(start, last_at + last_char.len_utf8()),
                value: CellValue::Number(value),
            });
            let ok = self.cut(next_k, next_at, current, visit);
            current.pop();
            if !ok {
                return false;
            }
        }
        true
    }
}

/// The number the digits write, if it fits an `i64`.
fn digits_value(digits: &[(usize, char)]) -> Option<Number> {
    let mut value: i64 = 0;
    for &(_, c) in digits {
        let d = to_halfwidth(c).to_digit(10)?;
        value = value.checked_mul(10)?.checked_add(d as i64)?;
    }
    Some(Number::from_int(value))
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

    fn shown(readings: &[Vec<Cell>]) -> Vec<Vec<i64>> {
        readings.iter().map(|r| values(r)).collect()
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
        let first = r.iter().find(|c| values(c) == [20, 0, 0, 0, 0, 1, 21]).unwrap();
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

    #[test]
    fn the_search_is_bounded() {
        let digits = "1".repeat(40);
        assert!(readings(&digits, &[run(&digits, 0)], 20).is_none());
    }
}
