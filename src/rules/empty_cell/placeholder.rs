//! Placeholders where a number belongs.

use super::{PARAMS, Params, Runs, report_runs};
use crate::number::CellValue;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Placeholder(Runs);

impl CheckType for Placeholder {
    const KIND: Kind = Kind::EmptyCell;
    const NAME: &'static str = "placeholder";
    const DOC: Doc = Doc {
        zh: "数值单元格只有占位符（/、—、-、无）。占位符不是数字，含它的求和不作检查。",
        en: "A value cell holding only a placeholder (/, —, -, 无). It is not a number; sums that use it are not checked.",
    };
    const PARAMS: &'static [ParamDoc] = PARAMS;
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "columns", "count", "rows"];
    const SCOPE: Scope = Scope::Tables;
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Runs::compile(p, cx).map(Placeholder)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        report_runs(cx, out, &self.0, |v| *v == CellValue::Placeholder, true);
    }
}
