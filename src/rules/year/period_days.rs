//! A statistics period that is not the whole year (`自2021年1月1日起至2021年11月30日止`):
//! an annual report counts from 1 January to 31 December.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::label::parse_small_number;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::year::calendar::is_calendar_day;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct PeriodDays {
    pattern: Pattern,
    explained: Vec<Pattern>,
    founded: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    pattern: Spanned<String>,
    #[serde(default)]
    explained: Vec<Spanned<String>>,
    #[serde(default)]
    founded: Vec<Spanned<String>>,
}

impl PeriodDays {
    /// Whether the text says why the period starting in `start_month` is part
    /// of the year: in its sentence or the one before, or where it says the
    /// body was set up (that month or the month before, or just now).
    fn explained_at(
        &self,
        source: &crate::source::SourceFile,
        period: Span,
        start_month: u32,
        founded: &mut Option<Vec<Option<u32>>>,
    ) -> bool {
        let text = source.text();
        // The period's sentence and the one before, within a bounded reach.
        const REACH: usize = 600;
        let floor = source.floor_char_boundary(period.start.saturating_sub(REACH));
        let ceil = source.floor_char_boundary((period.end + REACH).min(text.len()));
        let before = text[floor..period.start].rfind('。').map_or(floor, |i| floor + i);
        let before = text[floor..before]
            .rfind('。')
            .map_or(floor, |i| floor + i + '。'.len_utf8());
        let after = text[period.end..ceil].find('。').map_or(ceil, |i| period.end + i);
        let around = &text[before..after];
        if self.explained.iter().any(|p| p.is_match(around)) {
            return true;
        }
        // Where the text says the body was set up: read once per document.
        let months = founded.get_or_insert_with(|| {
            let mut months = Vec::new();
            for pattern in &self.founded {
                if !pattern.has_group("month") {
                    if pattern.is_match(text) {
                        months.push(None);
                    }
                    continue;
                }
                for c in pattern.captures_iter(text) {
                    if let Some(m) = c.name("month").and_then(|m| parse_small_number(m.as_str())) {
                        months.push(Some(m));
                    }
                }
            }
            months
        });
        months
            .iter()
            .any(|m| m.is_none_or(|m| start_month == m || start_month == m + 1))
    }
}

impl CheckType for PeriodDays {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "period-days";
    const DOC: Doc = Doc {
        zh: "正文中写明的统计期限不是从 1月1日 到 12月31日 的全年（起止年份另由 period 检查）。",
        en: "The statistics period stated in the text does not run from 1 January to 31 December (its years are the \
`period` check's).",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "pattern",
            doc: Doc {
                zh: "统计期限的正则：命名组 start_month、start_day、end_month、end_day 为起止的月和日（阿拉伯数字或汉字）",
                en: "the statistics period, a regex: named groups `start_month`, `start_day`, `end_month`, `end_day` \
for the months and days it runs between (Arabic or Chinese numerals)",
            },
        },
        ParamDoc {
            name: "explained",
            doc: Doc {
                zh: "写明了不足一年的原因的词（正则），出现在统计期限所在的句子或前一句时不报告（“由于机构改革，……自2019年9月1日起”）",
                en: "words giving the reason for a part of the year (regexes): in the period's sentence or the one \
before, the period is not reported (由于机构改革，……自2019年9月1日起)",
            },
        },
        ParamDoc {
            name: "founded",
            doc: Doc {
                zh: "正文中说本机关成立或改组的正则（任何位置）：有命名组 month 的，该月或其下一个月正是统计期限的起始月时不报告；\
没有的（“刚刚成立”），一经出现即不报告",
                en: "the text saying the body was set up or reorganised, anywhere (regexes): one with a named group \
`month` explains a period starting that month or the next; one without (刚刚成立) explains any",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["period"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let pattern = cx.regex(&p.pattern)?;
        for group in ["start_month", "start_day", "end_month", "end_day"] {
            if !pattern.has_group(group) {
                return Err(cx.error_at(
                    &p.pattern,
                    format!("this pattern has no named group `{group}`: write `(?P<{group}>[0-9]{{1,2}})`"),
                ));
            }
        }
        Ok(PeriodDays {
            pattern,
            explained: cx.regexes(&p.explained)?,
            founded: cx.regexes(&p.founded)?,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let text = cx.doc.source.text();
        let mut periods = Vec::new();
        for c in self.pattern.captures_iter(text) {
            let day = |m: &str, d: &str| -> Option<(u32, u32, Span)> {
                let (m, d) = (c.name(m)?, c.name(d)?);
                Some((
                    parse_small_number(m.as_str())?,
                    parse_small_number(d.as_str())?,
                    Span::new(m.start(), d.end()),
                ))
            };
            if let (Some(start), Some(end)) = (day("start_month", "start_day"), day("end_month", "end_day")) {
                let whole = c.get(0).map_or(Span::empty(0), |m| Span::new(m.start(), m.end()));
                periods.push((start, end, whole));
            }
        }
        // The whole year stated too: a part's period beside it (a body merged
        // in the year, a campaign) is not the report's.
        if periods
            .iter()
            .any(|((sm, sd, _), (em, ed, _), _)| (*sm, *sd, *em, *ed) == (1, 1, 12, 31))
        {
            return;
        }
        let mut founded = None;
        for ((sm, sd, start), (em, ed, end), whole) in periods {
            // A day on no calendar (12月32日) is date-invalid's.
            if !is_calendar_day(None, sm, sd) || !is_calendar_day(None, em, ed) {
                continue;
            }
            if self.explained_at(&cx.doc.source, whole, sm, &mut founded) {
                continue;
            }
            let (primary, other) = if (sm, sd) == (1, 1) { (end, start) } else { (start, end) };
            out.report(
                Finding::at(primary, cx.tr("不是全年的起止日期", "not where the year starts or ends"))
                    .secondary(other, cx.tr("统计期限", "the period"))
                    .note(cx.tr(
                        "年度报告的统计期限是报告年度的 1月1日 至 12月31日；只统计了部分时间的数字不能与全年比较",
                        "an annual report counts from 1 January to 31 December of its year; figures for part of it cannot be compared with a year's",
                    ))
                    .arg(
                        "period",
                        cx.tr(&format!("{sm}月{sd}日至{em}月{ed}日"), &format!("{sm}/{sd} to {em}/{ed}")),
                    ),
            );
        }
    }
}
