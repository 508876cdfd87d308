//! Blank value cells.

use super::{PARAMS, Params, Runs, report_runs};
use crate::number::{Blank, CellValue};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Empty(Runs);

impl CheckType for Empty {
    const KIND: Kind = Kind::EmptyCell;
    const NAME: &'static str = "empty";
    const DOC: Doc = Doc {
        zh: "数值单元格什么都没有（或只有空格、不间断空格、全角空格）。含空白单元格的求和不作检查，也不再报告为不平衡；\
只有以空白代替 0 的表（空白按 0 计时各项关系成立）求和时按 0 计，留空的总计除外。",
        en: "A value cell with nothing in it (or only spaces, NBSP, the ideographic space). Sums that use it are not \
checked, and not reported as failing; only in a table that leaves its zeros blank (read as 0, its relations hold) do \
sums read a blank as 0, but for a total left blank.",
    };
    const PARAMS: &'static [ParamDoc] = PARAMS;
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "columns", "count", "rows"];
    const SCOPE: Scope = Scope::Tables;
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Runs::compile(p, cx).map(Empty)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        report_runs(
            cx,
            out,
            &self.0,
            |v| matches!(v, CellValue::Empty(b) if *b != Blank::LeftOut),
            false,
        );
    }
}
