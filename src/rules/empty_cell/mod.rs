//! Kind `empty-cell`: value cells left blank, or holding a placeholder. A blank
//! is not a zero. Adjacent rows blank in the same columns are one finding, not
//! one per cell.

pub mod empty;
pub mod placeholder;
pub mod short_run;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::model::{Block, Readability, Row, Table};
use crate::number::CellValue;
use crate::rulefile::RuleFileError;
use crate::rules::table::TABLE_PARAM;
use crate::rules::{Compile, Context, Doc, ParamDoc, Reporter};
use crate::source::Span;

pub const DOC: Doc = Doc {
    zh: "统计表中空白或只填了占位符的数值单元格。空白不等于零：没有数据也应填 0。同一行中相邻的空白单元格、\
以及空白位置相同的相邻各行合并为一条提示。",
    en: "Value cells left blank or holding only a placeholder. A blank is not a zero: write 0 when there is \
nothing to report. Blank cells next to each other in a row, and adjacent rows blank in the same columns, are one \
finding.",
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    table: Option<Spanned<String>>,
    findings_per_table: Option<usize>,
}

pub(crate) const PARAMS: &[ParamDoc] = &[
    TABLE_PARAM,
    ParamDoc {
        name: "findings-per-table",
        doc: Doc {
            zh: "一张表中超过这么多处（相邻同样空白的行算一处）时，合为一条问题，指向每一处：\
这张表多半是以空白代替 0；不写则不合并",
            en: "when a table has more places than this (adjacent rows blank alike count once), one finding covers \
them all, pointing at each: the table most likely leaves 0 blank; no limit when absent",
        },
    },
];

/// Rows blank alike, each with the columns blank in it.
type Run<'d> = Vec<(&'d Row, Vec<usize>)>;

/// What a rule of this kind was compiled to.
pub struct Runs {
    table: Option<String>,
    per_table: Option<usize>,
}

impl Runs {
    fn compile(p: Params, cx: &Compile<'_>) -> Result<Runs, RuleFileError> {
        Ok(Runs {
            table: cx.table_key(p.table.as_ref())?,
            per_table: p.findings_per_table,
        })
    }
}

/// The note for the blanks of a table that leaves its zeros blank, whose sums
/// read them as 0 ([`crate::model::Table::blanks_are_zeros`]).
const ZEROS_LEFT_BLANK: Doc = Doc {
    zh: "这张表以空白代替 0（空白按 0 计，各项关系成立）：没有数据时一律填 0；求和时空白按 0 计，留空的总计除外",
    en: "the table leaves its zeros blank (read as 0, its relations hold): write 0 wherever there is nothing; sums \
read a blank as 0, but for a total left blank",
};

/// Report runs of rows whose cells `matches` in the same columns.
fn report_runs(
    cx: &Context<'_>,
    out: &mut Reporter<'_>,
    rule: &Runs,
    matches: fn(&CellValue) -> bool,
    placeholder: bool,
) {
    let edition = out.edition().map(str::to_string);
    let text = cx.doc.source.text();
    for table in cx.tables(rule.table.as_deref(), edition.as_deref()) {
        // A table too broken to read as a whole: only its rows that stand alone.
        let partly = table.readable != Readability::Ok;
        let kept = |run: &Run<'_>| !partly || run.iter().all(|(row, _)| row.stands_alone(text));
        let schema = &cx.format.tables[table.schema];
        let name = schema.name.get(cx.lang);
        let all: Vec<(&Block, Run<'_>)> = table
            .blocks
            .iter()
            .flat_map(|b| runs(b, matches).into_iter().filter(kept).map(move |r| (b, r)))
            .collect();
        if rule.per_table.is_some_and(|k| all.len() > k) {
            report_table(cx, out, table, name, &all, placeholder);
            continue;
        }
        for block in &table.blocks {
            for run in runs(block, matches).into_iter().filter(kept) {
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
                } else if table.blanks_are_zeros && !table.zeros_as_placeholders {
                    ZEROS_LEFT_BLANK.get(cx.lang)
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

/// One finding for a table blank (or placeholder) in many places: the first
/// cell is the primary label, the first cell of every other place a secondary.
fn report_table(
    cx: &Context<'_>,
    out: &mut Reporter<'_>,
    table: &Table,
    name: &str,
    all: &[(&Block, Run<'_>)],
    placeholder: bool,
) {
    /// Places pointed at beyond the first: enough to see the pattern.
    const SHOWN: usize = 12;
    let schema = &cx.format.tables[table.schema];
    let cell_of = |(row, columns): &(&Row, Vec<usize>)| row.cells[columns[0]].span;
    let (first_block, first_run) = &all[0];
    let what = if placeholder {
        cx.tr("占位符", "placeholder")
    } else {
        cx.tr("空白", "blank")
    };
    let mut finding = Finding::at(cell_of(&first_run[0]), what);
    for (_, run) in all.iter().skip(1).take(SHOWN) {
        finding = finding.secondary(cell_of(&run[0]), "");
    }
    let rows: Vec<(usize, &Row)> = all
        .iter()
        .flat_map(|(b, run)| run.iter().map(move |(r, _)| (b.index, *r)))
        .collect();
    let count: usize = all.iter().flat_map(|(_, run)| run.iter().map(|(_, c)| c.len())).sum();
    let mut columns: Vec<(usize, usize)> = all
        .iter()
        .flat_map(|(b, run)| {
            run.iter()
                .flat_map(move |(_, cols)| cols.iter().map(move |&c| (b.index, c)))
        })
        .collect();
    columns.sort_unstable();
    columns.dedup();
    let column_names: Vec<String> = {
        let mut names: Vec<String> = Vec::new();
        for (b, c) in columns {
            let n = schema.column_name(b, c);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names
    };
    let row_names: Vec<String> = rows.iter().map(|(b, r)| schema.row_title(*b, r.index)).collect();
    let more = all.len().saturating_sub(SHOWN + 1);
    finding = finding.note(cx.tr(
        &format!("{count} 个单元格{what}，在 {} 行：{}", rows.len(), row_names.join("、")),
        &format!("{count} cells {what}, in {} rows: {}", rows.len(), row_names.join(", ")),
    ));
    if more > 0 {
        finding = finding.note(cx.tr(
            &format!("上面标出了前 {} 处，另有 {more} 处", SHOWN + 1),
            &format!("the first {} places are marked; {more} more", SHOWN + 1),
        ));
    }
    finding = finding.note(if placeholder {
        cx.tr(
            "这张表多处用占位符代替数字：没有数据时一律填 0",
            "the table puts placeholders in many places: write 0 wherever there is nothing",
        )
    } else if table.blanks_are_zeros {
        ZEROS_LEFT_BLANK.get(cx.lang)
    } else {
        cx.tr(
            "这张表多处空白，像是以空白代替 0：没有数据时一律填 0；含空白单元格的求和不作检查",
            "the table is blank in many places, as if blank meant 0: write 0 wherever there is nothing; sums using \
blank cells are not checked",
        )
    });
    let title = schema.row_title(first_block.index, first_run[0].0.index);
    let row = cx
        .tr(
            &format!("“{title}”等 {} 行", rows.len()),
            &format!("“{title}” and {} more rows", rows.len() - 1),
        )
        .to_string();
    out.report(
        finding
            .arg("table", name)
            .arg("row", row)
            .arg("columns", column_names.join(cx.tr("、", ", ")))
            .arg("count", count.to_string())
            .arg("rows", rows.len().to_string()),
    );
}

/// Consecutive rows with matching cells in the same columns.
fn runs(block: &Block, matches: fn(&CellValue) -> bool) -> Vec<Run<'_>> {
    let mut runs: Vec<Run<'_>> = Vec::new();
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
