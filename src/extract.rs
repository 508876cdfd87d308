//! Reading a document's tables into grids ([`crate::grid`]): the official rows
//! and columns of each schema, with what the report wrote in each cell.

use crate::diag::Lang;
use crate::format::Format;
use crate::grid::{Extract, Grid, GridBlock, GridCell, GridColumn, GridRow};
use crate::model::{Document, Readability, Row, RowShape};
use crate::number::CellValue;
use crate::source::SourceFile;

/// The tables of `doc` as read against `edition` (every table when `None`).
pub fn extract(doc: &Document, format: &Format, edition: Option<&str>, lang: Lang) -> Extract {
    let src = &doc.source;
    let tables = doc
        .tables
        .iter()
        .filter(|t| t.fits_edition(edition))
        .map(|t| {
            let schema = &format.tables[t.schema];
            let blocks = schema
                .blocks
                .iter()
                .enumerate()
                .map(|(b, bs)| {
                    let found = t.block(b);
                    GridBlock {
                        key: bs.key.clone(),
                        title: bs.title.as_ref().map(|l| l.official.clone()),
                        columns: bs
                            .columns
                            .iter()
                            .map(|c| GridColumn {
                                key: c.key.clone(),
                                label: c.label.official.clone(),
                                name: c.title.clone().unwrap_or_else(|| c.label.official.clone()),
                            })
                            .collect(),
                        rows: bs
                            .rows
                            .iter()
                            .enumerate()
                            .map(|(r, rs)| {
                                let row = found.and_then(|f| f.rows.iter().find(|x| x.index == r));
                                grid_row(src, format, row, rs)
                            })
                            .collect(),
                    }
                })
                .collect();
            Grid {
                key: t.key.clone(),
                name: schema.name.get(lang).to_string(),
                edition: t.edition.clone(),
                checked: t.readable == Readability::Ok,
                line: src.position(t.span.start).line,
                blocks,
            }
        })
        .collect();
    Extract {
        agency: doc.agency(),
        tables,
    }
}

fn grid_row(src: &SourceFile, format: &Format, row: Option<&Row>, def: &crate::format::RowDef) -> GridRow {
    let aligned = row.is_some_and(|r| matches!(r.shape, RowShape::Ok | RowShape::LongUniform { .. }));
    GridRow {
        key: def.key.clone(),
        label: def.label.official.clone(),
        written: row.map(|r| r.label.clone()).filter(|l| !l.is_empty()),
        group: def.group,
        depth: def.key.matches('.').count(),
        found: row.is_some(),
        aligned,
        // A row of one value repeated past the columns is read as the columns.
        cells: row
            .map(|r| {
                let shown = match r.shape {
                    RowShape::LongUniform { expected } => expected.min(r.cells.len()),
                    _ => r.cells.len(),
                };
                r.cells[..shown].iter().map(|c| grid_cell(src, format, c)).collect()
            })
            .unwrap_or_default(),
    }
}

fn grid_cell(src: &SourceFile, format: &Format, c: &crate::model::Cell) -> GridCell {
    let p = src.position(c.span.start);
    let (kind, value, unit) = match &c.value {
        CellValue::Number(n) => (
            "number",
            Some(n.to_string()),
            n.unit.map(|u| format.units.get(u).symbol.clone()),
        ),
        CellValue::Empty(crate::number::Blank::LeftOut) => ("left-out", None, None),
        CellValue::Empty(_) => ("blank", None, None),
        CellValue::Placeholder => ("placeholder", None, None),
        CellValue::Text => ("text", None, None),
    };
    GridCell {
        kind,
        value,
        unit,
        text: src.slice(c.span).to_string(),
        line: p.line,
        column: p.column,
        span: c.span,
    }
}
