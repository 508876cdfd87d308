//! A data row written twice under the same label: a line pasted twice, or a
//! row copied to make the next and its label left unchanged.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Repeated {
    table: Option<String>,
}

impl CheckType for Repeated {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "repeated-row";
    const DOC: Doc = Doc {
        zh: "同一行标签（文字完全相同）在表中出现两次，两次都有数值。只读第一次的数值，第二次的不参与检查。\
合并单元格的分组标签在每个分项前重复（如每行都写“（三）不予公开”）不算。",
        en: "The same row label (the very same words) stands twice in a table, with values both times. Only the \
first row's values are read; the second's take no part in the checks. A group's label repeated before each of \
its sub-rows (a merged cell written out, `（三）不予公开` on every line) does not count.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "same"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Repeated { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            for repeat in &table.repeats {
                let (same, note) = if repeat.same {
                    (
                        cx.tr("数值相同", "the same values"),
                        cx.tr(
                            "两行数值相同：多半是同一行粘贴了两次，删去一行",
                            "both rows hold the same values: most likely one row pasted twice; delete one",
                        ),
                    )
                } else {
                    (
                        cx.tr("数值不同", "different values"),
                        cx.tr(
                            "两行数值不同：只按第一行检查，第二行的数值未参与求和；请核对哪一行的标签写错了",
                            "the rows' values differ: only the first row was checked and the second's took no part in the sums; see which row's label is wrong",
                        ),
                    )
                };
                out.report(
                    Finding::at(repeat.again, cx.tr("再次出现", "written again"))
                        .secondary(repeat.first, cx.tr("第一次出现", "first written here"))
                        .note(note)
                        .arg("table", schema.name.get(cx.lang))
                        .arg("row", schema.row_title(repeat.block, repeat.row))
                        .arg("same", same),
                );
            }
        }
    }
}
