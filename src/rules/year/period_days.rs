//! A statistics period that is not the whole year (`自2021年1月1日起至2021年11月30日止`):
//! an annual report counts from 1 January to 31 December.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::label::parse_small_number;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct PeriodDays {
    pattern: Pattern,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    pattern: Spanned<String>,
}

impl CheckType for PeriodDays {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "period-days";
    const DOC: Doc = Doc {
        zh: "正文中写明的统计期限不是从 1月1日 到 12月31日 的全年（起止年份另由 period 检查）。",
        en: "The statistics period stated in the text does not run from 1 January to 31 December (its years are the \
`period` check's).",
    };
    const PARAMS: &'static [ParamDoc] = &[ParamDoc {
        name: "pattern",
        doc: Doc {
            zh: "统计期限的正则：命名组 start_month、start_day、end_month、end_day 为起止的月和日（阿拉伯数字或汉字）",
            en: "the statistics period, a regex: named groups `start_month`, `start_day`, `end_month`, `end_day` \
for the months and days it runs between (Arabic or Chinese numerals)",
        },
    }];
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
        Ok(PeriodDays { pattern })
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
                periods.push((start, end));
            }
        }
        // The whole year stated too: a part's period beside it (a body merged
        // in the year, a campaign) is not the report's.
        if periods
            .iter()
            .any(|((sm, sd, _), (em, ed, _))| (*sm, *sd, *em, *ed) == (1, 1, 12, 31))
        {
            return;
        }
        for ((sm, sd, start), (em, ed, end)) in periods {
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
