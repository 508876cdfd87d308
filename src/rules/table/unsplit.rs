//! Rows whose digits run together and cannot be split into cells.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::model::{Row, RowShape, Split};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Unsplit {
    table: Option<String>,
}

impl CheckType for Unsplit {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "unsplit";
    const DOC: Doc = Doc {
        zh: "从网页抓取的文本常把一行的单元格连成一串数字；不能确定如何拆分的行未作检查。每张表说一次，列出这些行；\
注明有几种拆法都满足本表的关系式，或拆法太多、未逐一尝试（每行、每份文件的尝试次数有上限，后者按文件长度计）。",
        en: "Text scraped from web pages runs a row's cells into one string of digits; rows that cannot be split \
for certain are not checked. Said once per table, listing the rows, with how many splits satisfy the table's \
relations, or that there were too many to try (the search is bounded per row, and per file by the file's length).",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "rows", "count"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Unsplit { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            let unsplit: Vec<(usize, &Row)> = table
                .blocks
                .iter()
                .flat_map(|b| b.rows.iter().map(move |r| (b.index, r)))
                // A row no split balances is the `sum` check's finding.
                .filter(|(_, r)| {
                    matches!(r.shape, RowShape::Unsplit { .. }) && !matches!(r.split, Some(Split::Unbalanced { .. }))
                })
                .collect();
            let Some((_, first)) = unsplit.first() else { continue };
            let names: Vec<String> = unsplit.iter().map(|(b, r)| schema.row_title(*b, r.index)).collect();
            let mut finding = Finding::at(
                first.cells.first().map(|c| c.span).unwrap_or(first.span()),
                cx.tr(
                    "数字连在一起，无法拆分到各列",
                    "digits run together; cannot tell the cells apart",
                ),
            )
            .arg("table", schema.name.get(cx.lang))
            .arg("rows", names.join(cx.tr("、", ", ")))
            .arg("count", names.len().to_string());
            for (_, r) in unsplit.iter().skip(1).take(6) {
                if let Some(c) = r.cells.first() {
                    finding = finding.secondary(c.span, cx.tr("同样无法拆分", "also run together"));
                }
            }
            finding = finding.note(cx.tr(
                &format!("这些行未作检查：{}", names.join("、")),
                &format!("not checked: {}", names.join(", ")),
            ));
            let readings: Vec<String> = unsplit
                .iter()
                .filter_map(|(b, r)| match r.split {
                    Some(Split::Ambiguous { readings, ref agreed }) => {
                        let title = schema.row_title(*b, r.index);
                        let mut said = cx
                            .tr(
                                &format!("“{title}”有 {readings} 种拆法都满足本表的关系式"),
                                &format!("“{title}” has {readings} splits that satisfy the table's relations"),
                            )
                            .to_string();
                        // The cells every split agrees on are checked all the same.
                        let sure: Vec<String> = agreed
                            .iter()
                            .enumerate()
                            .filter_map(|(c, cell)| {
                                let n = cell.as_ref()?.value.number()?;
                                Some(format!("{} {n}", schema.column_name(*b, c)))
                            })
                            .collect();
                        if !sure.is_empty() {
                            said.push_str(cx.tr(
                                &format!("，各种拆法一致的{} 仍参与检查", sure.join("、")),
                                &format!(
                                    ", though the cells every split agrees on are checked: {}",
                                    sure.join(", ")
                                ),
                            ));
                        }
                        Some(said)
                    }
                    Some(Split::Untried) => Some(
                        cx.tr(
                            &format!("“{}”的拆法太多，未逐一尝试", schema.row_title(*b, r.index)),
                            &format!("“{}” has too many splits to try", schema.row_title(*b, r.index)),
                        )
                        .to_string(),
                    ),
                    _ => None,
                })
                .collect();
            if !readings.is_empty() {
                finding = finding.note(readings.join(cx.tr("；", "; ")));
            }
            out.report(finding);
        }
    }
}
