//! Last year's report, named with `--previous`, is not for the year before:
//! the checks across years are skipped, said once.

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};
use crate::source::Span;

pub struct PreviousReport;

impl CheckType for PreviousReport {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "previous";
    const DOC: Doc = Doc {
        zh: "用 --previous 指定的上年报告不是本报告上一年度的（或看不出年度），跨年检查无从进行。",
        en: "The report named with --previous is not for the year before this one (or gives no year), so the checks \
across years cannot run.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["previous", "found", "expected"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(PreviousReport)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(previous) = cx.previous.filter(|p| !p.fits) else {
            return;
        };
        let doc = cx.doc;
        // Without this report's year, `year-unknown` says the year checks were skipped.
        if doc.report_year.is_none() {
            return;
        }
        let at = doc.title.as_ref().map(|t| t.span()).unwrap_or(Span::empty(0));
        let year = |d: &crate::model::Document| d.report_year.map(|y| y.year);
        let unknown = || cx.tr("未知", "unknown").to_string();
        let found = year(previous.doc).map_or_else(unknown, |y| y.to_string());
        let expected = year(doc).map_or_else(unknown, |y| (y - 1).to_string());
        out.report(
            Finding::at(at, cx.tr("本报告", "this report"))
                .note(cx.tr("跨年检查（如表三“二、上年结转”对上年“四、结转下年度”）已跳过", "the checks across years (such as table 三's carried over against last year's carried forward) were skipped"))
                .arg("previous", previous.doc.source.name())
                .arg("found", found)
                .arg("expected", expected),
        );
    }
}
