//! A row whose digits ran together and that no split balances: whatever the
//! cells are, the row's relations fail, so a number is wrong.

use crate::diag::Finding;
use crate::model::Split;
use crate::rulefile::RuleFileError;
use crate::rules::table::{TABLE_PARAM, TableParam, readable_tables};
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct SplitUnbalanced {
    table: Option<String>,
}

impl CheckType for SplitUnbalanced {
    const KIND: Kind = Kind::Sum;
    const NAME: &'static str = "split-unbalanced";
    const DOC: Doc = Doc {
        zh: "数字连在一起的行，所有不以 0 开头的拆法都不满足本表的行内关系式（如总计等于各类申请人之和）：无论原表怎样分格，\
这一行的数字都有错。说明中列出最接近的几种拆法。数字比单元格还少的行（无从拆分）见 short-run。",
        en: "A row whose digits ran together where no split without leading zeros satisfies the table's row relations \
(总计 = the applicant columns): however the cells were, a number in the row is wrong. The closest splits are listed. \
A run with fewer digits than cells (no split at all) is short-run's.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "digits"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(SplitUnbalanced { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            for block in &table.blocks {
                for row in &block.rows {
                    let Some(Split::Unbalanced { closest }) = &row.split else {
                        continue;
                    };
                    // Fewer digits than cells: no split at all (`short-run`).
                    if row.shape.fewer_digits_than_cells().is_some() {
                        continue;
                    }
                    let digits: Vec<&str> = row.cells.iter().map(|c| cx.doc.text(c.span)).collect();
                    let mut finding = Finding::at(
                        row.cells_span().unwrap_or(row.span()),
                        cx.tr("怎样拆分都不平衡", "no split balances"),
                    )
                    .arg("table", schema.name.get(cx.lang))
                    .arg("row", schema.row_title(block.index, row.index))
                    .arg("digits", digits.join(" "));
                    if let Some(label) = row.label_span() {
                        finding = finding.secondary(label, "");
                    }
                    for (values, off) in closest {
                        let shown: Vec<String> = values.iter().map(i64::to_string).collect();
                        finding = finding.note(cx.tr(
                            &format!("最接近的拆法：{}（相差 {off}）", shown.join(" ")),
                            &format!("a close split: {} (off by {off})", shown.join(" ")),
                        ));
                    }
                    out.report(finding);
                }
            }
        }
    }
}
