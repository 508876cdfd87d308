//! Numbers apart from their labels. Text taken from a PDF without its layout
//! often gives a table's labels in one place and its numbers in another, or
//! numbers under the wrong label where a label was moved (`（一）予以公开`
//! printed after the rows it heads). When a table's numbers, in the order they
//! stand, are exactly as many as its cells, they can be placed row by row (or
//! column by column); a placement is used only when the table's own relations
//! hold for it but for what one wrong number breaks (at most three), and it
//! breaks fewer than the other order. Never a guess.

use super::relations_fail;
use crate::format::Format;
use crate::label::MatchQuality;
use crate::model::{Cell, Placement, Readability, Row, RowShape, Table};
use crate::number::CellValue;
use crate::relation::BoundTable;

/// Failed relations a placement may have and still be used: one wrong number
/// breaks its row's total, its column's balance and the results total.
const MAX_FAILURES: usize = 3;

/// Place the numbers of a table read with misshapen rows, when they fit.
pub(super) fn place_numbers(table: &mut Table, format: &Format, bound: &[&BoundTable]) {
    let schema = &format.tables[table.schema];
    let misshapen = table
        .rows()
        .filter(|r| matches!(r.shape, RowShape::Long { .. } | RowShape::Short { .. }))
        .count();
    if schema.blocks.len() != 1 || table.blocks.len() != 1 || misshapen < 2 || bound.is_empty() {
        return;
    }
    let block = &schema.blocks[0];
    let data_rows: Vec<usize> = (0..block.rows.len())
        .filter(|&r| !block.rows[r].group && !block.rows[r].implicit)
        .collect();
    let columns = block.columns.len();
    let mut numbers: Vec<Cell> = table
        .rows()
        .flat_map(|r| r.cells.iter())
        .chain(table.orphans.iter())
        .cloned()
        .collect();
    // A blank or a placeholder written as a cell holds its place; words do not.
    if numbers.len() != data_rows.len() * columns || numbers.iter().any(|c| matches!(c.value, CellValue::Text)) {
        return;
    }
    numbers.sort_by_key(|c| (c.span.start, c.span.end));
    numbers.dedup_by_key(|c| (c.span.start, c.span.end));
    if numbers.len() != data_rows.len() * columns {
        return;
    }

    let found = table.blocks[0].rows.clone();
    let placed = |by_column: bool| -> Vec<Row> {
        data_rows
            .iter()
            .enumerate()
            .map(|(k, &r)| {
                let cells = (0..columns)
                    .map(|c| {
                        let i = if by_column {
                            c * data_rows.len() + k
                        } else {
                            k * columns + c
                        };
                        numbers[i].clone()
                    })
                    .collect();
                let label = found.iter().find(|row| row.index == r);
                Row {
                    index: r,
                    label: label.map_or_else(|| block.rows[r].label.official.clone(), |l| l.label.clone()),
                    label_spans: label.map(|l| l.label_spans.clone()).unwrap_or_default(),
                    quality: label.map_or(MatchQuality::Exact, |l| l.quality),
                    cells,
                    shape: RowShape::Ok,
                    displaced: false,
                    split: None,
                }
            })
            .collect()
    };
    let failures = |table: &mut Table, rows: Vec<Row>| {
        table.blocks[0].rows = rows;
        relations_fail(table, format, bound)
    };
    let (by_rows, by_columns) = (placed(false), placed(true));
    let saved = std::mem::take(&mut table.orphans);
    let row_failures = failures(table, by_rows.clone());
    let column_failures = failures(table, by_columns.clone());
    let (rows, by_column) = match (row_failures, column_failures) {
        (Some(r), Some(c)) if r <= MAX_FAILURES && r < c => (by_rows, false),
        (Some(r), Some(c)) if c <= MAX_FAILURES && c < r => (by_columns, true),
        _ => {
            table.blocks[0].rows = found;
            table.orphans = saved;
            return;
        }
    };
    table.blocks[0].rows = rows;
    table.readable = Readability::Ok;
    table.placed = Some(Placement {
        numbers: numbers.len(),
        rows: data_rows.len(),
        by_column,
    });
}
