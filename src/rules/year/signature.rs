//! A signature date within or before the report year.

use serde::Deserialize;

use super::{LAST_LINES, signature, with_year_source};
use crate::diag::Finding;
use crate::model::{VoteKind, YearVote};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct Signature {
    last_lines: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    last_lines: usize,
}

impl CheckType for Signature {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "signature";
    const DOC: Doc = Doc {
        zh: "落款日期（最后几行中单独成行的完整日期，也可写作 2022-01-24、2022.1.24、2022/1/24；或网页抓取文本中紧跟发布机关名称的日期；没有标题时，名称以厅、局、委员会、人民政府等结尾；\
或紧跟最后一句、其后只有网站链接文字的日期）不晚于报告年度。",
        en: "The signature date (a full date alone on one of the last lines, also written 2022-01-24, 2022.1.24 \
or 2022/1/24; or right after the issuer's name in a \
page scraped into one line; without a title, a name ending in 厅, 局, 委员会, 人民政府…; or a date right after the last \
sentence with only the site's links after it) is within or before the report year.",
    };
    const PARAMS: &'static [ParamDoc] = &[LAST_LINES];
    const PLACEHOLDERS: &'static [&'static str] = &["date", "report_year", "deadline"];
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Signature {
            last_lines: p.last_lines,
        })
    }

    fn year_votes(&self, cx: &Context<'_>, costly: bool, out: &mut Vec<YearVote>) {
        if costly {
            return;
        }
        // A report is signed early in the year after its own.
        if let Some((span, (year, _, _))) = signature(cx.doc, self.last_lines) {
            out.push(YearVote {
                year: year - 1,
                span,
                kind: VoteKind::Signature,
            });
        }
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        let Some((span, (year, month, day))) = signature(cx.doc, self.last_lines) else {
            return;
        };
        if year > y {
            return;
        }
        let finding = Finding::at(span, cx.tr("落款日期", "signature date"))
            .arg("date", format!("{year}年{month}月{day}日"))
            .arg("report_year", y.to_string())
            .arg("deadline", String::new())
            .note(cx.tr(
                &format!("{y} 年度的报告在 {} 年初编写发布，落款日期应在 {} 年", y + 1, y + 1),
                &format!("a report for {y} is written and published early in {}", y + 1),
            ));
        out.report(with_year_source(cx, finding));
    }
}
