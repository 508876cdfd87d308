//! Rows whose digits ran together, read by the table's own relations: said
//! once per table, so a reader knows the split was inferred.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::model::{Row, Split};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct SplitInferred {
    table: Option<String>,
}

impl CheckType for SplitInferred {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "split-inferred";
    const DOC: Doc = Doc {
        zh: "数字连在一起的行（网页抓取文本），在所有不以 0 开头的拆法中只有一种满足本表的关系式（行内总计、列间关系），\
已按这种拆法读取并检查。每张表说一次，标出这些行。",
        en: "Rows whose digits ran together (text scraped from a page) where, of every split without leading zeros, \
only one satisfies the table's relations (the row's total, then the column relations): read that way and checked. \
Said once per table, marking the rows.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "rows", "count"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(SplitInferred { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            let inferred: Vec<(usize, &Row)> = table
                .blocks
                .iter()
                .flat_map(|b| b.rows.iter().map(move |r| (b.index, r)))
                .filter(|(_, r)| r.split == Some(Split::Inferred))
                .collect();
            let Some((_, first)) = inferred.first() else { continue };
            let names: Vec<String> = inferred.iter().map(|(b, r)| schema.row_title(*b, r.index)).collect();
            let shown = |r: &Row| {
                r.cells
                    .iter()
                    .map(|c| cx.doc.text(c.span))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let digits = |r: &Row| r.cells_span().unwrap_or(r.span());
            let mut finding = Finding::at(
                digits(first),
                cx.tr(&format!("读作 {}", shown(first)), &format!("read as {}", shown(first))),
            )
            .arg("table", schema.name.get(cx.lang))
            .arg("rows", names.join(cx.tr("、", ", ")))
            .arg("count", names.len().to_string());
            for (_, r) in inferred.iter().skip(1).take(8) {
                finding = finding.secondary(
                    digits(r),
                    cx.tr(&format!("读作 {}", shown(r)), &format!("read as {}", shown(r))),
                );
            }
            finding = finding.note(cx.tr(
                "只有这种拆法满足本表的关系式；如有疑问，请核对原表",
                "only this split satisfies the table's relations; compare with the original table if in doubt",
            ));
            out.report(finding);
        }
    }
}
