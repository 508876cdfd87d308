//! A count that is not a whole number.

use super::{TABLE_PARAM, TableParam, value_and_run_cells};
use crate::format::ValueKind;
use crate::number::CellValue;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct NotInteger {
    table: Option<String>,
}

impl CheckType for NotInteger {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "not-integer";
    const DOC: Doc = Doc {
        zh: "件数（values = \"count\" 的列）不是整数；数字连在一起、未能拆分到各列的行里（因此整张表无法读取时也是），若该部分各列都是件数，其中的小数也报告（列不确定）。",
        en: "A count (a column with `values = \"count\"`) that is not a whole number; in a row whose digits run \
together and could not be split (also when that made the table unreadable), a decimal is said too when every column of its part of the table is a count (the \
column unknown).",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "column", "found"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(NotInteger { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for v in value_and_run_cells(cx, out, self.table.as_deref()) {
            let CellValue::Number(n) = &v.cell.value else { continue };
            if !n.is_integer() && v.values(cx) == Some(ValueKind::Count) {
                out.report(v.finding(cx, cx.tr("件数应为整数", "a count is a whole number")));
            }
        }
    }
}
