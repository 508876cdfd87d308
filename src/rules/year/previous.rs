//! Last year's report, named with `--previous`, is not for the year before, or
//! is another agency's: the checks across years are skipped, said once.

use serde::Deserialize;

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct PreviousReport {
    about: About,
}

/// What about last year's report does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum About {
    /// Its year is not the one before.
    #[default]
    Year,
    /// The year fits, but the titles name two agencies.
    Agency,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    #[serde(default)]
    about: About,
}

const ABOUT: ParamDoc = ParamDoc {
    name: "about",
    doc: Doc {
        zh: "不符的是什么：year（年度，默认）或 agency（年度相符，但两份报告标题中的机关不同）",
        en: "what does not fit: year (the default) or agency (the year fits, but the titles name two agencies)",
    },
};

impl CheckType for PreviousReport {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "previous";
    const DOC: Doc = Doc {
        zh: "用 --previous 指定的上年报告不是本报告上一年度的（或看不出年度），或是另一机关的，跨年检查无从进行。",
        en: "The report named with --previous is not for the year before this one (or gives no year), or is another \
agency's, so the checks across years cannot run.",
    };
    const PARAMS: &'static [ParamDoc] = &[ABOUT];
    const PLACEHOLDERS: &'static [&'static str] = &["previous", "found", "expected"];
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(PreviousReport { about: p.about })
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
        let year_fits = matches!((year(previous.doc), year(doc)), (Some(y0), Some(y1)) if y0 + 1 == y1);
        if self.about == About::Agency {
            let (Some(theirs), Some(ours)) = (previous.doc.agency(), doc.agency()) else {
                return;
            };
            if year_fits && theirs != ours {
                out.report(
                    Finding::at(at, cx.tr("本报告", "this report"))
                        .note(cx.tr("跨年检查（如表三“二、上年结转”对上年“四、结转下年度”）已跳过", "the checks across years (such as table 三's carried over against last year's carried forward) were skipped"))
                        .arg("previous", previous.doc.source.name())
                        .arg("found", theirs.to_string())
                        .arg("expected", ours.to_string()),
                );
            }
            return;
        }
        if year_fits {
            return;
        }
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
