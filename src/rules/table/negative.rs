//! A negative count or amount.

use super::{TABLE_PARAM, TableParam, value_and_run_cells};
use crate::format::ValueKind;
use crate::number::CellValue;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Negative {
    table: Option<String>,
}

impl CheckType for Negative {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "negative";
    const DOC: Doc = Doc {
        zh: "不应为负数的单元格为负数：只有 values = \"signed\" 的列（表二的“本年增/减”）可以为负。数字连在一起、\
未能拆分到各列的行里（因此整张表无法读取时也是），若该部分没有可为负的列，其中的负数也报告（列不确定）。",
        en: "A negative value where none is allowed: only columns with `values = \"signed\"` (table 二's 本年增/减) \
may be negative. In a row whose digits run together and could not be split (also when that made the table unreadable), a negative number is said too when no \
column of its part of the table may be negative (the column unknown).",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "column", "found"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Negative { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for v in value_and_run_cells(cx, out, self.table.as_deref()) {
            let CellValue::Number(n) = &v.cell.value else { continue };
            if n.is_negative() && v.values(cx).is_some_and(|k| k != ValueKind::Signed) {
                out.report(v.finding(cx, cx.tr("不应为负数", "cannot be negative")));
            }
        }
    }
}
