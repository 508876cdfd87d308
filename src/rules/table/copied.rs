//! A whole table written twice, one copy right after the other: pasted twice,
//! or an old version left beside the new one.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Copied {
    table: Option<String>,
}

impl CheckType for Copied {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "copied";
    const DOC: Doc = Doc {
        zh: "同一张表完整地出现两次，两份之间只有空行（或表注）：多半是粘贴了两次，或旧版本没删。\
只按读得更好的一份检查。两份之间有说明文字（如“（二）全系统汇总情况”）的不算：那是另一张表。",
        en: "The same table stands twice, whole, with nothing but blank lines (or a note) between the copies: most \
likely pasted twice, or an old version left in. Only the copy read best is checked. Copies with words between \
(`（二）全系统汇总情况`) do not count: that is another table.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "same"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Copied { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let Some((copy, differ)) = table.copy else { continue };
            let schema = &cx.format.tables[table.schema];
            let (first, second) = if copy.start < table.span.start {
                (copy, table.span)
            } else {
                (table.span, copy)
            };
            let checked = if table.span == first {
                cx.tr("只检查了第一份", "only the first copy was checked")
            } else {
                cx.tr("只检查了第二份", "only the second copy was checked")
            };
            let (same, note) = if differ {
                (
                    cx.tr("两份数值不同", "the copies' numbers differ"),
                    format!(
                        "{}{}",
                        cx.tr(
                            "两份数值不同：请核对哪一份是本年度的，删去另一份；",
                            "the copies' numbers differ: keep this year's, delete the other; "
                        ),
                        checked
                    ),
                )
            } else {
                (
                    cx.tr("两份数值相同", "the same numbers"),
                    format!(
                        "{}{}",
                        cx.tr(
                            "两份数值相同，删去一份；",
                            "both copies hold the same numbers: delete one; "
                        ),
                        checked
                    ),
                )
            };
            out.report(
                Finding::at(cx.first_line(second), cx.tr("再次出现", "written again"))
                    .secondary(cx.first_line(first), cx.tr("第一次出现", "first written here"))
                    .note(note)
                    .arg("table", schema.name.get(cx.lang))
                    .arg("same", same),
            );
        }
    }
}
