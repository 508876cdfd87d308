//! Kind `empty-cell`: value cells left blank, or holding a placeholder. A blank
//! is not a zero. Adjacent rows blank in the same columns are one finding, not
//! one per cell.

pub mod empty;
pub mod placeholder;

use crate::diag::Finding;
use crate::model::{Block, Readability, Row};
use crate::number::CellValue;
use crate::rules::{Context, Doc, Reporter};
use crate::source::Span;

pub const DOC: Doc = Doc {
    zh: "统计表中空白或只填了占位符的数值单元格。空白不等于零：没有数据也应填 0。同一行中相邻的空白单元格、\
以及空白位置相同的相邻各行合并为一条提示。",
    en: "Value cells left blank or holding only a placeholder. A blank is not a zero: write 0 when there is \
nothing to report. Blank cells next to each other in a row, and adjacent rows blank in the same columns, are one \
finding.",
};

/// Report runs of rows whose cells `matches` in the same columns.
fn report_runs(
    cx: &Context<'_>,
    out: &mut Reporter<'_>,
    table_key: Option<&str>,
    matches: fn(&CellValue) -> bool,
    placeholder: bool,
) {
    let edition = out.edition().map(str::to_string);
    for table in cx.tables(table_key, edition.as_deref()) {
        if table.readable != Readability::Ok {
            continue;
        }
        let schema = &cx.format.tables[table.schema];
        let name = schema.name.get(cx.lang);
        for block in &table.blocks {
            for run in runs(block, matches) {
                let (first, columns) = &run[0];
                let last = run[run.len() - 1].0;
                let column_names: Vec<String> = columns.iter().map(|&c| schema.column_name(block.index, c)).collect();
                let cells = |row: &Row| -> Span {
                    columns
                        .iter()
                        .map(|&c| row.cells[c].span)
                        .reduce(Span::cover)
                        .unwrap_or(row.span())
                };
                let row_names: Vec<String> = run
                    .iter()
                    .map(|(r, _)| schema.row_title(block.index, r.index))
                    .collect();
                let what = if placeholder {
                    cx.tr("占位符", "placeholder")
                } else {
                    cx.tr("空白", "blank")
                };
                let mut finding = Finding::at(
                    cells(first),
                    cx.tr(
                        &format!("{}：{what}", column_names.join("、")),
                        &format!("{}: {what}", column_names.join(", ")),
                    ),
                );
                // The row's label, underlined: it names the row already.
                if let Some(label) = first.label_span() {
                    finding = finding.secondary(label, "");
                }
                if run.len() > 1 {
                    finding = finding
                        .secondary(cells(last), cx.tr("……直到这一行", "… through this row"))
                        .note(cx.tr(
                            &format!("{} 行同样空白：{}", run.len(), row_names.join("、")),
                            &format!("{} rows blank alike: {}", run.len(), row_names.join(", ")),
                        ));
                }
                finding = finding.note(if placeholder {
                    cx.tr(
                        "统计表应填写数字；没有数据时填 0",
                        "the table takes numbers; write 0 when there is nothing",
                    )
                } else {
                    cx.tr(
                        "空白不等于 0：没有数据时应填 0；含这些单元格的求和不作检查",
                        "a blank is not a zero: write 0 when there is nothing; sums using these cells are not checked",
                    )
                });
                let title = schema.row_title(block.index, first.index);
                let row = match run.len() {
                    1 => format!("“{title}”"),
                    n => cx
                        .tr(
                            &format!("“{title}”等 {n} 行"),
                            &format!("“{title}” and {} more rows", n - 1),
                        )
                        .to_string(),
                };
                out.report(
                    finding
                        .arg("table", name)
                        .arg("row", row)
                        .arg("columns", column_names.join(cx.tr("、", ", ")))
                        .arg("count", (columns.len() * run.len()).to_string())
                        .arg("rows", run.len().to_string()),
                );
            }
        }
    }
}

/// Consecutive rows with matching cells in the same columns.
fn runs(block: &Block, matches: fn(&CellValue) -> bool) -> Vec<Vec<(&Row, Vec<usize>)>> {
    let mut runs: Vec<Vec<(&Row, Vec<usize>)>> = Vec::new();
    let mut in_run = false;
    for row in &block.rows {
        if row.cells.is_empty() {
            continue;
        }
        let blank: Vec<usize> = (0..row.cells.len())
            .filter(|&c| row.cell(c).is_some_and(|cell| matches(&cell.value)))
            .collect();
        if blank.is_empty() {
            in_run = false;
            continue;
        }
        match runs.last_mut() {
            Some(run) if in_run && run.last().is_some_and(|(_, cols)| *cols == blank) => run.push((row, blank)),
            _ => runs.push(vec![(row, blank)]),
        }
        in_run = true;
    }
    runs
}
