//! A table that could not be read reliably, and so is not checked.

use super::{TABLE_PARAM, TableParam};
use crate::diag::Finding;
use crate::model::Readability;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Unreadable {
    table: Option<String>,
}

impl CheckType for Unreadable {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "unreadable";
    const DOC: Doc = Doc {
        zh: "表格未能可靠读取（读到的数据行不到一半，或错位的行太多），因此未作检查（单独成行、各格分隔清楚的行仍核对本行）。\
说一次，不猜测。",
        en: "A table could not be read reliably (fewer than half its data rows, or too many misplaced rows), so it \
was not checked (but for rows standing alone on a line that marks their cells: each is checked on its own). Said once, \
never guessed.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "rows"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Unreadable { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in cx.tables(self.table.as_deref(), out.edition()) {
            let Readability::Unreadable(why) = &table.readable else {
                continue;
            };
            // Labels alone: `table-blank` says what is wrong.
            if super::blank_table::is_blank(cx.doc.source.text(), table) {
                continue;
            }
            let schema = &cx.format.tables[table.schema];
            out.report(
                Finding::at(cx.first_line(table.span), cx.tr("未能可靠读取，未作检查", "not read reliably; not checked"))
                    .arg("table", schema.name.get(cx.lang))
                    .arg("rows", why.clone())
                    .note(cx.tr(
                        &format!("读到的数据行：{why}；表格版式可能在转换中被打乱（如 PDF 转出的文本），请核对原件或提供 Word/HTML 版本"),
                        &format!("data rows read: {why}; the layout may have been scrambled in conversion (text from a PDF, say): check the original, or give the Word/HTML version"),
                    )),
            );
        }
    }
}
