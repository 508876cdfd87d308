//! A relation that does not hold, as a finding.

use super::bind::BoundRelation;
use super::eval::{Value, describe, total};
use super::expr::Op;
use crate::diag::{Evidence, Finding, Lang};
use crate::number::Number;
use crate::source::Span;

/// Where a failure is, for the rule's message.
pub struct Place<'a> {
    pub table: &'a str,
    pub column: String,
    pub row: String,
}

/// The `{placeholders}` a [`failure`] fills in its rule's message.
pub const FAILURE_PLACEHOLDERS: &[&str] = &[
    "table",
    "column",
    "row",
    "total",
    "left",
    "right",
    "difference",
    "relation",
];

/// The finding for a relation that does not hold: the primary label on the
/// total (the configured term, else the lone term of one side), secondary labels
/// on the non-zero cells summed, notes with both sides and the difference. An
/// equation also carries the evidence the engine uses to report one wrong cell
/// once. `None` when no term is a cell to point at.
pub fn failure(
    lang: Lang,
    relation: &BoundRelation,
    left: &[Value],
    right: &[Value],
    place: Place<'_>,
) -> Option<Finding> {
    let (l, r) = (total(left), total(right));
    let difference = abs(l - r);
    // The primary label is in this year's report.
    let has_cell = |v: &Value| !v.cells.is_empty() && !v.previous;
    let cells_in = |side: &[Value]| side.iter().filter(|v| has_cell(v)).count();
    let lone = |side: &[Value]| (cells_in(side) == 1).then(|| side.iter().position(has_cell)).flatten();
    let chosen = relation
        .primary
        .filter(|&(l, i)| has_cell(if l { &left[i] } else { &right[i] }))
        .or_else(|| match (lone(left), lone(right)) {
            (Some(_), Some(i)) if cells_in(left) > 1 => Some((false, i)),
            (Some(i), _) => Some((true, i)),
            (None, Some(i)) => Some((false, i)),
            (None, None) => left
                .iter()
                .position(has_cell)
                .map(|i| (true, i))
                .or_else(|| right.iter().position(has_cell).map(|i| (false, i))),
        });
    let (p_left, p_index) = chosen?;
    let primary = if p_left { &left[p_index] } else { &right[p_index] };
    let primary_span = primary.cells[0].0;
    let mut finding = Finding::at(primary_span, format!("{} = {}", primary.name, primary.value));
    // Zeros add nothing, so they are left out.
    let mut shown = 0;
    let mut hidden = 0;
    for v in left.iter().chain(right) {
        for &(span, n) in &v.cells {
            if v.previous {
                // Another file: always shown, zero or not.
                finding = finding.secondary_previous(span, format!("{} = {}", v.name, n));
                continue;
            }
            if span == primary_span || n.raw() == 0 {
                continue;
            }
            if shown < 8 {
                let label = if v.is_group {
                    format!("{} {}", v.name, n)
                } else {
                    format!("{} = {}", v.name, n)
                };
                finding = finding.secondary(span, label);
                shown += 1;
            } else {
                hidden += 1;
            }
        }
    }
    finding = finding
        .note({
            let (l, r) = (describe(left), describe(right));
            format!("{l}{}{r}", lang.pick("，", "; "))
        })
        .note(match relation.op {
            Op::Eq => lang.pick_with(|| format!("相差 {difference}"), || format!("difference: {difference}")),
            op => lang.pick_with(
                || format!("应满足 {l} {} {r}", op.as_str()),
                || format!("expected {l} {} {r}", op.as_str()),
            ),
        });
    let blanks: usize = left.iter().chain(right).map(|v| v.blanks).sum();
    let placeholders: usize = left.iter().chain(right).map(|v| v.placeholders).sum();
    if placeholders > 0 {
        finding = finding.note(lang.pick_with(
            || format!("本表以“—”“/”等占位符（或空白）代替 0，其中 {blanks} 个单元格按 0 计；若不是 0，请填上实际数字"),
            || format!("this table writes its zeros as placeholders (—, /) or blanks: {blanks} such cells are read as 0; if one is not 0, fill in its number"),
        ));
    } else if blanks > 0 {
        finding = finding.note(lang.pick_with(
            || format!("本表以空白代替 0，其中 {blanks} 个空白单元格按 0 计；空白处若不是 0，请填上实际数字"),
            || format!("this table leaves its zeros blank: {blanks} blank cells are read as 0; if a blank is not 0, fill in its number"),
        ));
    }
    if hidden > 0 {
        finding = finding.note(lang.pick_with(
            || format!("另有 {hidden} 个非零单元格参与求和"),
            || format!("{hidden} more non-zero cells are in the sum"),
        ));
    }
    // Evidence is about cells of one file.
    if relation.op == Op::Eq && !relation.uses_previous {
        let cells: Vec<Span> = left
            .iter()
            .chain(right)
            .flat_map(|v| v.cells.iter().map(|c| c.0))
            .collect();
        finding.evidence = Some(Evidence {
            blamed: primary_span,
            cells,
            difference: difference.raw(),
        });
    }
    Some(
        finding
            .arg("table", place.table)
            .arg("column", place.column)
            .arg("row", place.row)
            .arg("total", primary.name.clone())
            .arg("left", l.to_string())
            .arg("right", r.to_string())
            .arg("difference", difference.to_string())
            .arg("relation", relation.text.clone()),
    )
}

fn abs(n: Number) -> Number {
    if n.is_negative() { Number::zero() - n } else { n }
}
