//! Kind `empty-cell`: value cells left blank, or holding a placeholder.
//!
//! A blank is not a zero. `check = "empty"` reports cells with nothing in them
//! (spaces, NBSP and the ideographic space count as nothing); `check =
//! "placeholder"` reports `/`, `—`, `-`, `无`. Adjacent rows blank in the same
//! columns are one finding, not one per cell.

use serde::Deserialize;
use toml::Spanned;

use crate::config::ConfigError;
use crate::model::{Block, Readability, Row};
use crate::number::CellValue;
use crate::rules::{Check, Compiled, Context, Finding, KindDoc, KindInfo, Params, Reporter, Scope};
use crate::source::Span;

pub static KIND: KindInfo = KindInfo {
    name: "empty-cell",
    doc: KindDoc { zh: DOC_ZH, en: DOC_EN },
    compile,
};

const DOC_ZH: &str = "检查统计表中空白或只填了占位符的数值单元格。空白不等于零：没有数据也应填 0。\
check = empty（什么都没有，或只有空格、不间断空格、全角空格）| placeholder（/、—、-、无）。\
同一行中相邻的空白单元格、以及空白位置相同的相邻各行合并为一条提示。参数：check、table（可选）。";

const DOC_EN: &str = "Checks value cells left blank or holding only a placeholder. A blank is not a zero: write 0 \
when there is nothing to report. check = empty (nothing, or only spaces, NBSP, the ideographic space) | \
placeholder (/, —, -, 无). Blank cells next to each other in a row, and adjacent rows blank in the same \
columns, are one finding. Parameters: check, table (optional).";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EmptyParams {
    check: Spanned<String>,
    table: Option<Spanned<String>>,
}

struct EmptyCells {
    placeholder: bool,
    table: Option<String>,
}

fn compile(params: &Params<'_, '_>) -> Result<Compiled, ConfigError> {
    let p: EmptyParams = params.parse()?;
    params.one_of(&p.check, &["empty", "placeholder"])?;
    let table = params.table_key(p.table.as_ref())?;
    Ok(Compiled {
        kind: "empty-cell",
        placeholders: &["table", "row", "columns", "count", "rows"],
        check: Box::new(EmptyCells {
            placeholder: p.check.get_ref() == "placeholder",
            table,
        }),
    })
}

impl EmptyCells {
    fn matches(&self, value: &CellValue) -> bool {
        match value {
            CellValue::Empty(_) => !self.placeholder,
            CellValue::Placeholder => self.placeholder,
            _ => false,
        }
    }

    /// The columns of a row that are blank (or placeholders).
    fn blank_columns(&self, row: &Row) -> Vec<usize> {
        (0..row.cells.len())
            .filter(|&c| row.cell(c).is_some_and(|cell| self.matches(&cell.value)))
            .collect()
    }
}

impl Check for EmptyCells {
    fn scope(&self) -> Scope {
        Scope::Tables
    }

    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let edition = out.edition().map(str::to_string);
        for table in ctx.tables(self.table.as_deref(), edition.as_deref()) {
            if table.readable != Readability::Ok {
                continue;
            }
            let schema = &ctx.format.tables[table.schema];
            let name = schema.name.get(ctx.lang);
            for block in &table.blocks {
                for run in runs(self, block) {
                    let first = run[0].0;
                    let last = run[run.len() - 1].0;
                    let columns = &run[0].1;
                    let column_names: Vec<String> =
                        columns.iter().map(|&c| schema.column_name(block.index, c)).collect();
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
                    let count = columns.len() * run.len();
                    let what = if self.placeholder {
                        ctx.tr("占位符", "placeholder")
                    } else {
                        ctx.tr("空白", "blank")
                    };
                    let mut finding = Finding::at(
                        cells(first),
                        ctx.tr(
                            &format!("{}：{what}", column_names.join("、")),
                            &format!("{}: {what}", column_names.join(", ")),
                        ),
                    );
                    if let Some(label) = first.label_span() {
                        finding = finding.secondary(label, schema.row_title(block.index, first.index));
                    }
                    if run.len() > 1 {
                        finding = finding.secondary(cells(last), ctx.tr("……直到这一行", "… through this row"));
                        finding = finding.note(ctx.tr(
                            &format!("{} 行同样空白：{}", run.len(), row_names.join("、")),
                            &format!("{} rows blank alike: {}", run.len(), row_names.join(", ")),
                        ));
                    }
                    finding = finding.note(if self.placeholder {
                        ctx.tr("统计表应填写数字；没有数据时填 0", "the table takes numbers; write 0 when there is nothing")
                    } else {
                        ctx.tr("空白不等于 0：没有数据时应填 0；含这些单元格的求和不作检查", "a blank is not a zero: write 0 when there is nothing; sums using these cells are not checked")
                    });
                    out.report(
                        finding
                            .arg("table", name)
                            .arg("row", {
                                let title = schema.row_title(block.index, first.index);
                                match run.len() {
                                    1 => format!("“{title}”"),
                                    n => ctx
                                        .tr(
                                            &format!("“{title}”等 {n} 行"),
                                            &format!("“{title}” and {} more rows", n - 1),
                                        )
                                        .to_string(),
                                }
                            })
                            .arg("columns", column_names.join(ctx.tr("、", ", ")))
                            .arg("count", count.to_string())
                            .arg("rows", run.len().to_string()),
                    );
                }
            }
        }
    }
}

/// Consecutive rows blank in the same columns.
fn runs<'b>(check: &EmptyCells, block: &'b Block) -> Vec<Vec<(&'b Row, Vec<usize>)>> {
    let mut runs: Vec<Vec<(&Row, Vec<usize>)>> = Vec::new();
    let mut previous_index: Option<usize> = None;
    for row in &block.rows {
        if row.cells.is_empty() {
            continue;
        }
        let blank = check.blank_columns(row);
        let continues = previous_index.is_some()
            && runs
                .last()
                .is_some_and(|run| run.last().is_some_and(|(_, cols)| *cols == blank));
        if blank.is_empty() {
            previous_index = None;
            continue;
        }
        if continues {
            runs.last_mut().unwrap().push((row, blank));
        } else {
            runs.push(vec![(row, blank)]);
        }
        previous_index = Some(row.index);
    }
    runs
}
