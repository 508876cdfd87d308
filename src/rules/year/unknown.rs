//! No report year: the year checks are skipped, said once.

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};
use crate::source::Span;

pub struct Unknown;

impl CheckType for Unknown {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "unknown";
    const DOC: Doc = Doc {
        zh: "标题和统计期限中都没有找到报告年度，正文的证据也不足以推定，年份相关的检查无从进行。",
        en: "Neither the title nor the statistics period gives the report year, nor does the body settle one, so the \
year checks cannot run.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &[];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Unknown)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        if doc.report_year.is_some() {
            return;
        }
        let at = doc.title.as_ref().map(|t| t.span()).unwrap_or(Span::empty(0));
        out.report(
            Finding::at(at, cx.tr("未找到报告年度", "no report year found")).note(cx.tr(
                "标题和统计期限中都没有找到年份，正文也不足以推定；可用 --year 指定。年份相关的检查已跳过",
                "neither the title nor the statistics period gives a year, nor does the body settle one; pass --year. \
Year checks were skipped",
            )),
        );
    }
}
