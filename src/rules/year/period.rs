//! The statistics period (`本报告所列数据统计期限自2021年1月1日起至2021年12月31日止`)
//! is the report year: a period left over from last year's report, or one
//! whose two years differ, is a copying slip. A pattern without an `end` group
//! reads one date, the year's end the text counts to (`截至2021年12月31日`).

use serde::Deserialize;
use toml::Spanned;

use super::with_year_source;
use crate::diag::Finding;
use crate::label::parse_year;
use crate::model::{SENTENCE_ENDS, VoteKind, YearVote};
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

/// Words of a comparison: without one, two year-ends in a sentence count two
/// things, and an old one is a stale figure (`截至2021年底……；截至2020年12月31日，现行有效……`).
const COMPARED: &[&str] = &[
    "较", "比", "增至", "降至", "增长", "增加", "减少", "下降", "提高", "上升", "同期",
];

pub struct Period {
    pattern: Pattern,
    /// The pattern reads a period (`end` group), not one year-end date.
    span: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    pattern: Spanned<String>,
}

impl CheckType for Period {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "period";
    const DOC: Doc = Doc {
        zh: "正文中写明的统计期限（“统计期限自某年1月1日起至某年12月31日止”）起止都在报告年度。",
        en: "The statistics period stated in the text (统计期限自……1月1日起至……12月31日止) starts and ends in the \
report year.",
    };
    const PARAMS: &'static [ParamDoc] = &[ParamDoc {
        name: "pattern",
        doc: Doc {
            zh: "统计期限的正则：命名组 start 为起始年份，可选的命名组 end 为截止年份（不写时与起始同年）；没有 end 组的正则读的是一个日期，即正文统计到的年底（截至2021年12月31日）",
            en: "the statistics period, a regex: named group `start` is the first year, the optional group `end` \
the last (the same year when absent); a pattern without `end` reads one date, the year-end the text counts to \
(截至2021年12月31日)",
        },
    }];
    const PLACEHOLDERS: &'static [&'static str] = &["period", "report_year"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let pattern = cx.regex(&p.pattern)?;
        if !pattern.has_group("start") {
            return Err(cx.error_at(
                &p.pattern,
                "this pattern has no named group `start` for the first year: write `(?P<start>20[0-9]{2})`",
            ));
        }
        let span = pattern.has_group("end");
        Ok(Period { pattern, span })
    }

    fn year_votes(&self, cx: &Context<'_>, costly: bool, out: &mut Vec<YearVote>) {
        if costly {
            return;
        }
        // A period within one year (`自2021年1月1日至2021年12月31日`) names it.
        for p in self.periods(cx.doc.source.text()) {
            if p.first == p.last {
                out.push(YearVote {
                    year: p.first,
                    span: p.start,
                    kind: VoteKind::Period,
                });
            }
        }
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        let text = cx.doc.source.text();
        let periods: Vec<Years> = self.periods(text).collect();
        // Two year-ends in one sentence that compares, one the report year's:
        // the other is what the figure is compared with (较截至2020年底增加……).
        let sentences = cx.doc.sentences(SENTENCE_ENDS);
        let sentence_of = |at: usize| {
            let i = sentences.partition_point(|s| s.start <= at);
            i.checked_sub(1).map(|i| sentences[i]).filter(|s| s.contains(at))
        };
        let text_of = |s: Span| &text[s.range()];
        let report_year_ends: Vec<Span> = periods
            .iter()
            .filter(|p| !self.span && p.first == y)
            .filter_map(|p| sentence_of(p.start.start))
            .filter(|&s| COMPARED.iter().any(|w| text_of(s).contains(w)))
            .collect();
        for &Years {
            first,
            last,
            start,
            end,
        } in &periods
        {
            if first == y && last == y {
                continue;
            }
            if !self.span && sentence_of(start.start).is_some_and(|s| report_year_ends.contains(&s)) {
                continue;
            }
            // Point at the year that is wrong; the other takes part.
            let (primary, other) = match end {
                Some(e) if first == y => (e, Some(start)),
                Some(e) => (start, Some(e)),
                None => (start, None),
            };
            let period = if first == last {
                format!("{first}")
            } else {
                format!("{first}—{last}")
            };
            let (label, note) = if self.span {
                (
                    cx.tr("统计期限的年份", "the period's year"),
                    cx.tr(
                        &format!("{y} 年度报告的统计期限应为 {y}年1月1日至{y}年12月31日"),
                        &format!("the period of a report for {y} is 1 January to 31 December {y}"),
                    )
                    .to_string(),
                )
            } else {
                (
                    cx.tr("截至日期的年份", "the year of the date"),
                    cx.tr(
                        &format!("{y} 年度报告统计到 {y}年12月31日"),
                        &format!("a report for {y} counts to 31 December {y}"),
                    )
                    .to_string(),
                )
            };
            let mut finding = Finding::at(primary, label)
                .arg("period", period)
                .arg("report_year", y.to_string())
                .note(note);
            if let Some(other) = other {
                finding = finding.secondary(other, cx.tr("统计期限", "the period"));
            }
            out.report(with_year_source(cx, finding));
        }
    }
}

/// A period the pattern found: its first and last years and where each is.
#[derive(Clone, Copy)]
struct Years {
    first: i32,
    last: i32,
    start: Span,
    end: Option<Span>,
}

impl Years {
    fn read(c: &crate::pattern::Captures<'_>) -> Option<Years> {
        let start = c.name("start")?;
        let first = parse_year(start.as_str())?;
        let end = c.name("end");
        let last = match end {
            Some(e) => parse_year(e.as_str())?,
            None => first,
        };
        Some(Years {
            first,
            last,
            start: Span::new(start.start(), start.end()),
            end: end.map(|e| Span::new(e.start(), e.end())),
        })
    }
}

impl Period {
    /// Every period the pattern finds whose years read.
    fn periods<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Years> + 'a {
        self.pattern.captures_iter(text).filter_map(|c| Years::read(&c))
    }
}
