//! A signature dated after the day the page says the report was published:
//! one of the two dates is wrong.

use serde::Deserialize;

use super::publication::publication_dates;
use super::{LAST_LINES, signature};
use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::year::calendar::{days_in_month, is_calendar_day};
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct SignedAfter {
    last_lines: usize,
    labels: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    last_lines: usize,
    labels: Vec<String>,
}

impl CheckType for SignedAfter {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "signed-after";
    const DOC: Doc = Doc {
        zh: "落款日期晚于第一个章节标题之前写明的发布日期（标签之后的日期），且两者在同一年：报告不能在签发之前公布，两个日期必有一个写错。\
年份不同的由落款和发布日期各自的检查报告。",
        en: "The signature date is later than the publication date written before the first section's heading (a \
date after a label), in the same year: a report is not published before it is signed, so one of the dates is wrong. \
Dates in different years are left to the signature's and the publication date's own checks.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        LAST_LINES,
        ParamDoc {
            name: "labels",
            doc: Doc {
                zh: "发布日期前的标签（如 发布时间、发布日期）",
                en: "labels before a publication date (发布时间, 发布日期)",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["date", "published", "label"];
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(SignedAfter {
            last_lines: p.last_lines,
            labels: p.labels,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some((span, signed)) = signature(cx.doc, self.last_lines) else {
            return;
        };
        let on_calendar = |(y, m, d): (i32, u32, u32)| is_calendar_day(Some(y), m, d);
        if !on_calendar(signed) {
            return;
        }
        // One date, the first labelled: two labels that disagree are the page's own muddle.
        let Some(published) = publication_dates(cx.doc, &self.labels, false)
            .into_iter()
            .find(|p| p.label.is_some())
        else {
            return;
        };
        let p = published.ymd;
        if !on_calendar(p) || p.0 != signed.0 || signed <= p {
            return;
        }
        let label = published.label.unwrap_or_default();
        let (y, m, d) = signed;
        let days = day_of_year(signed) - day_of_year(p);
        out.report(
            Finding::at(span, cx.tr("落款日期", "the signature date"))
                .secondary(published.span, label)
                .arg("date", format!("{y}年{m}月{d}日"))
                .arg("published", format!("{}年{}月{}日", p.0, p.1, p.2))
                .arg("label", label)
                .note(cx.tr(
                    &format!("落款比发布晚 {days} 天：报告不能在签发之前公布，落款日期或发布日期有一个写错了"),
                    &format!(
                        "signed {days} days after it was published: a report is not published before it is signed, so one \
of the dates is wrong"
                    ),
                )),
        );
    }
}

/// The day of the year (1 January is 1), of a day on the calendar.
fn day_of_year((y, m, d): (i32, u32, u32)) -> u32 {
    (1..m).filter_map(|k| days_in_month(Some(y), k)).sum::<u32>() + d
}

#[cfg(test)]
mod tests {
    use super::day_of_year;

    #[test]
    fn days_of_the_year() {
        assert_eq!(day_of_year((2021, 1, 20)), 20);
        assert_eq!(day_of_year((2021, 3, 1)), 60);
        assert_eq!(day_of_year((2024, 3, 1)), 61);
        assert_eq!(day_of_year((2023, 12, 31)), 365);
    }
}
