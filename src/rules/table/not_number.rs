//! Words in a value cell.

use super::{TABLE_PARAM, TableParam, value_cells};
use crate::number::CellValue;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct NotNumber {
    table: Option<String>,
}

impl CheckType for NotNumber {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "not-number";
    const DOC: Doc = Doc {
        zh: "数值单元格中是文字（占位符和空白另由 empty-cell 检查）。",
        en: "A value cell holds words (placeholders and blanks are the empty-cell checks' business).",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "column", "found"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(NotNumber { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for v in value_cells(cx, out, self.table.as_deref()) {
            if v.cell.value == CellValue::Text {
                out.report(v.finding(cx, cx.tr("不是数字", "not a number")));
            }
        }
    }
}
