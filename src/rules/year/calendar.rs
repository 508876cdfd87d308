//! A date that is on no calendar (`2022年2月30日`, `2021年13月5日`, `6月31日`):
//! a slip in a signature, a statistics period or a date in the text.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::label::{is_cn_numeral_char, is_digit, parse_small_number, parse_year};
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct Calendar {
    patterns: Vec<Pattern>,
    other_calendar: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    other_calendar: Vec<Spanned<String>>,
}

/// How far on either side of a needle (`月`) a date is looked for, in bytes:
/// a year in Chinese numerals, spaces, a month and a day fit.
const NEEDLE_REACH: usize = 48;

/// How far back a date's clause is read for another calendar's name, in bytes.
const CLAUSE_REACH: usize = 120;

/// How many days `month` has (`None`: no such month). February has 29 when
/// the year is not known.
pub(crate) fn days_in_month(year: Option<i32>, month: u32) -> Option<u32> {
    let leap = year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// Whether `month`/`day` (of `year`, when known) is a day on the calendar.
pub(crate) fn is_calendar_day(year: Option<i32>, month: u32, day: u32) -> bool {
    days_in_month(year, month).is_some_and(|days| (1..=days).contains(&day))
}

/// A number or a numeral: the date is part of a longer run (`112月`, `2021.12.315`).
fn is_numeral(c: char) -> bool {
    is_digit(c) || is_cn_numeral_char(c) || matches!(c, '〇' | '○' | '零')
}

impl CheckType for Calendar {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "calendar";
    const DOC: Doc = Doc {
        zh: "正文或表格中写出的日期在日历上不存在：月份不是 1 到 12，或日子超过该月的天数（平年 2月只有 28 天）。",
        en: "A date written in the text or a table is on no calendar: its month is not 1 to 12, or its day is past \
the month's last (February has 28 days outside leap years).",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "patterns",
            doc: Doc {
                zh: "日期的正则：命名组 month、day 为月和日（阿拉伯数字或汉字），可选的命名组 year 为年（有年份时按该年判断闰年）",
                en: "a date, regexes: named groups `month` and `day` (Arabic or Chinese numerals), and an optional \
`year` (when present, it settles whether February has 29 days)",
            },
        },
        ParamDoc {
            name: "other-calendar",
            doc: Doc {
                zh: "日期所在分句中、日期之前表明它不是公历日期的词（正则，从逗号或句号起到日期为止）：“农历二月三十日”不报告",
                en: "words just before a date that put it on another calendar (regexes, matched against its clause \
before it, back to a comma or a full stop): 农历二月三十日 is not reported",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["date", "why"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let patterns = cx.regexes(&p.patterns)?;
        for (pattern, spanned) in patterns.iter().zip(&p.patterns) {
            for group in ["month", "day"] {
                if !pattern.has_group(group) {
                    return Err(cx.error_at(
                        spanned,
                        format!("this pattern has no named group `{group}`: write `(?P<{group}>[0-9]{{1,2}})`"),
                    ));
                }
            }
        }
        Ok(Calendar {
            patterns,
            other_calendar: cx.regexes(&p.other_calendar)?,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let source = &cx.doc.source;
        let text = source.text();
        let mut seen: Vec<Span> = Vec::new();
        for pattern in &self.patterns {
            // Around its needles only (a date holds 月 or a separator): tried
            // at every digit of a text, a date costs more than a whole check.
            let found = pattern
                .near_needles(text, NEEDLE_REACH)
                .into_iter()
                .flat_map(|(base, part)| pattern.captures_iter(part).map(move |c| (base, c)));
            for (base, c) in found {
                let (Some(whole), Some(month), Some(day)) = (c.get(0), c.name("month"), c.name("day")) else {
                    continue;
                };
                let in_text = |m: &crate::pattern::Match<'_>| Span::new(base + m.start(), base + m.end());
                let (span, month_at, day_at) = (in_text(&whole), in_text(&month), in_text(&day));
                // Part of a longer number: a digit before it (spaces between,
                // as text from a PDF spaces them: `1 2月31日`, `2 0 2 1 年 1 0 月`),
                // a letter (`V2021-13-2`), or a digit after a numeric form
                // (`2021-12-315`; after 日 anything may follow: `31日24时`).
                let before = match c.name("year") {
                    Some(_) => &text[..span.start],
                    None => text[..span.start].trim_end_matches(char::is_whitespace),
                };
                if before
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_numeral(c) || c.is_ascii_alphabetic())
                    || !whole.as_str().ends_with('日') && text[span.end..].chars().next().is_some_and(is_digit)
                {
                    continue;
                }
                // A numeric form inside an identifier: a path, an index number,
                // a document number (`/2021-13-01/art_1.html`, `……X/2021-13-01`).
                if !whole.as_str().ends_with('日') && in_identifier(&text[..span.start], &text[span.end..]) {
                    continue;
                }
                // A word that starts with 日 (`35日均访问量`): no date.
                if whole.as_str().ends_with('日') && text[span.end..].starts_with(['均', '常', '益', '趋', '渐', '臻'])
                {
                    continue;
                }
                // Kept in order: the first that ends past this one's start is the only one to meet it.
                let place = seen.partition_point(|s| s.end <= span.start);
                if seen.get(place).is_some_and(|s| s.start < span.end) {
                    continue;
                }
                let (Some(m), Some(d)) = (parse_small_number(month.as_str()), parse_small_number(day.as_str())) else {
                    continue;
                };
                let year = c.name("year").and_then(|y| parse_year(y.as_str()));
                if is_calendar_day(year, m, d) {
                    continue;
                }
                // Another calendar named in the date's clause (`农历正月十五至二月三十日`).
                let reach = &text[source.floor_char_boundary(span.start.saturating_sub(CLAUSE_REACH))..span.start];
                let from = reach
                    .char_indices()
                    .rfind(|&(_, c)| matches!(c, '。' | '；' | '，' | '\n'))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let clause = &reach[from..];
                // Or marked right after it (`二月三十日（农历）`).
                let after = &text[span.end..];
                let after = &after[..after.char_indices().nth(6).map_or(after.len(), |(i, _)| i)];
                if self
                    .other_calendar
                    .iter()
                    .any(|p| p.is_match(clause) || p.is_match(after))
                {
                    continue;
                }
                seen.insert(seen.partition_point(|s| s.start < span.start), span);
                let (at, why) = match days_in_month(year, m) {
                    None => (
                        month_at,
                        cx.tr(
                            &format!("一年只有 12 个月，没有{m}月"),
                            &format!("a year has 12 months, not {m}"),
                        )
                        .to_string(),
                    ),
                    Some(days) => (
                        day_at,
                        match (m, year) {
                            _ if d == 0 => cx
                                .tr("日子从 1 日数起，没有 0 日", "days count from 1; there is no day 0")
                                .to_string(),
                            (2, Some(y)) => cx
                                .tr(
                                    &format!("{y}年2月只有 {days} 天"),
                                    &format!("February {y} has {days} days"),
                                )
                                .to_string(),
                            _ => cx
                                .tr(&format!("{m}月只有 {days} 天"), &format!("month {m} has {days} days"))
                                .to_string(),
                        },
                    ),
                };
                out.report(
                    Finding::at(at, cx.tr("日历上没有这一天", "no such day"))
                        .secondary(span, cx.tr("这个日期", "this date"))
                        .arg("date", whole.as_str().split_whitespace().collect::<String>())
                        .arg("why", why),
                );
            }
        }
    }
}

/// Whether a date written with digits sits inside an identifier: a path's
/// or an index number's separator right before it, or a path, a word or a
/// file's extension right after it.
fn in_identifier(before: &str, after: &str) -> bool {
    let mut back = before.chars().rev();
    let separated = match back.next() {
        Some('/' | '\\' | '=' | '#' | '?' | '&' | '%' | '〔' | '[' | '［') => true,
        // A dash or a dot after a range's first date (`1月1日-2022-12-31`) is no identifier's.
        Some('-' | '_' | '.') => back.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        _ => false,
    };
    let mut next = after.chars();
    separated
        || match next.next() {
            Some('/' | '\\' | '_' | '〕' | ']' | '］') => true,
            Some('.') => next.next().is_some_and(|c| c.is_ascii_alphanumeric()),
            Some(c) => c.is_ascii_alphabetic(),
            None => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn february_has_29_days_only_in_leap_years() {
        assert_eq!(days_in_month(Some(2024), 2), Some(29));
        assert_eq!(days_in_month(Some(2000), 2), Some(29));
        assert_eq!(days_in_month(Some(1900), 2), Some(28));
        assert_eq!(days_in_month(Some(2023), 2), Some(28));
        // The year not known: the 29th may be right.
        assert_eq!(days_in_month(None, 2), Some(29));
    }

    #[test]
    fn months_and_days_outside_the_calendar() {
        assert!(is_calendar_day(Some(2021), 12, 31));
        assert!(!is_calendar_day(Some(2021), 6, 31));
        assert!(!is_calendar_day(Some(2021), 13, 1));
        assert!(!is_calendar_day(Some(2021), 0, 1));
        assert!(!is_calendar_day(Some(2021), 1, 0));
    }
}
