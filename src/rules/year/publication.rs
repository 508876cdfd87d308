//! The day a page says the report was published (`发布时间: 2021-01-20` in a
//! scraped page's header, a dateline `（2021年1月20日）` under the title) is
//! in the year after the report year, as the signature date is.

use serde::Deserialize;
use toml::Spanned;

use super::{numeric_date, parse_date, with_year_source};
use crate::diag::Finding;
use crate::label::is_space;
use crate::model::{VoteKind, YearVote};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct Publication {
    labels: Vec<String>,
    dateline: bool,
    years_after: (i32, i32),
    later: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    labels: Vec<String>,
    #[serde(default)]
    dateline: bool,
    years_after: Spanned<Vec<i32>>,
    flags: Spanned<String>,
}

impl CheckType for Publication {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "publication";
    const DOC: Doc = Doc {
        zh: "第一个章节标题之前（网页的页头、标题下方）写明的发布日期：标签（如 发布时间：）之后的日期，\
或单独成行、或用括号括起的完整日期（日期线），与报告年度相差的年数在给定范围之外。",
        en: "A publication date written before the first section's heading (a page's header, under the title): a date \
after a label (发布时间：) or, as a dateline, a full date alone on its line or in brackets, is outside the \
given number of years after the report year.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "labels",
            doc: Doc {
                zh: "发布日期前的标签（如 发布时间、发布日期；冒号和空格可有可无）",
                en: "labels before a publication date (发布时间, 发布日期; a colon and spaces may follow)",
            },
        },
        ParamDoc {
            name: "dateline",
            doc: Doc {
                zh: "是否也检查日期线：标题之后、第一句之前单独成行或括在括号中的完整日期",
                en: "whether a dateline is read too: a full date alone on its line or in brackets, after the title and \
before the first sentence",
            },
        },
        ParamDoc {
            name: "years-after",
            doc: Doc {
                zh: "发布日期应在报告年度之后的年数范围 [最少, 最多]（[1, 1]：次年）",
                en: "the range of years after the report year the date is in, [least, most] ([1, 1]: the next year)",
            },
        },
        ParamDoc {
            name: "flags",
            doc: Doc {
                zh: "报告哪一侧：earlier（早于范围）或 later（晚于范围）",
                en: "which side is reported: earlier (before the range) or later (after it)",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["date", "report_year", "label"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let years_after = match p.years_after.get_ref()[..] {
            [least, most] if least <= most => (least, most),
            _ => return Err(cx.error_at(&p.years_after, "years-after is [least, most], e.g. [1, 1]")),
        };
        let later = match p.flags.get_ref().as_str() {
            "earlier" => false,
            "later" => true,
            _ => return Err(cx.error_at(&p.flags, "flags is \"earlier\" or \"later\"")),
        };
        Ok(Publication {
            labels: p.labels,
            dateline: p.dateline,
            years_after,
            later,
        })
    }

    fn year_votes(&self, cx: &Context<'_>, costly: bool, out: &mut Vec<YearVote>) {
        // A page's labelled publication date in the first half of a year dates
        // the report like its signature (one rule of the pair says so).
        if costly || !self.later {
            return;
        }
        for date in publication_dates(cx.doc, &self.labels, false) {
            let (year, month, _) = date.ymd;
            if date.label.is_some() && month <= 6 {
                out.push(YearVote {
                    year: year - 1,
                    span: date.span,
                    kind: VoteKind::Signature,
                });
            }
        }
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        for date in publication_dates(cx.doc, &self.labels, self.dateline) {
            let (year, month, day) = date.ymd;
            // A dateline years before is a cited document's date, not a slip of the year.
            if date.label.is_none() && year < y - 1 {
                continue;
            }
            let after = year - y;
            let (least, most) = self.years_after;
            let flagged = if self.later { after > most } else { after < least };
            if !flagged {
                continue;
            }
            let label = match date.label {
                Some(label) => label.to_string(),
                None => cx.tr("日期线", "dateline").to_string(),
            };
            let note = if !self.later {
                cx.tr(
                    &format!("{y} 年度的报告在报告年度结束后公布，发布日期应不早于 {} 年", y + least),
                    &format!(
                        "a report for {y} is published after its year, in {} or later",
                        y + least
                    ),
                )
                .to_string()
            } else {
                cx.tr(
                    &format!("{y} 年度的报告应不晚于 {} 年公布，晚这么多年多半是年份写错了", y + most),
                    &format!(
                        "a report for {y} is published by {}; this late is most likely a wrong year",
                        y + most
                    ),
                )
                .to_string()
            };
            let finding = Finding::at(date.span, cx.tr("发布日期", "publication date"))
                .arg("date", format!("{year}年{month}月{day}日"))
                .arg("report_year", y.to_string())
                .arg("label", label)
                .note(note);
            out.report(with_year_source(cx, finding));
        }
    }
}

/// A publication date found before the first section.
#[derive(Debug, PartialEq)]
pub(crate) struct PublicationDate<'l> {
    pub span: Span,
    pub ymd: (i32, u32, u32),
    /// The label before it; `None` for a dateline.
    pub label: Option<&'l str>,
}

/// How far past the title's end the header is read, in bytes: a first
/// section whose heading was not recognised would let the body in.
const HEADER: usize = 3_000;

/// How many labelled dates a header holds at most: more are a list of links.
const MOST_LABELLED: usize = 2;

/// How many lines after the title a dateline may be on.
const DATELINE_LINES: usize = 3;

/// The publication dates written before the first section's heading.
pub(crate) fn publication_dates<'l>(
    doc: &crate::model::Document,
    labels: &'l [String],
    dateline: bool,
) -> Vec<PublicationDate<'l>> {
    let Some(first) = doc.first_heading() else {
        return Vec::new();
    };
    let whole = doc.source.text();
    let title_end = doc.title.as_ref().map(|t| t.span().end).filter(|&e| e <= first);
    let text = &whole[..doc
        .source
        .floor_char_boundary(first.min(title_end.unwrap_or(0) + HEADER))];
    let mut found = Vec::new();
    for label in labels.iter().filter(|l| !l.is_empty()) {
        for at in memchr::memmem::find_iter(text.as_bytes(), label.as_bytes()) {
            // A label opens its line or follows a separator (`来源：示例局 发布时间：…`),
            // not words of a sentence (`通知发布于……`, `（发布日期：……）`).
            let opens = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| is_space(c) || matches!(c, '|' | '│' | '】' | ']' | '>' | '/' | '·'));
            let from = at + label.len();
            let rest = &text[from..];
            let after = rest.trim_start_matches(|c: char| is_space(c) || matches!(c, ':' | '：'));
            let separated = after.len() < rest.len() || label.ends_with('于');
            // Or a page's particulars run together (`来源：示例局发布时间：…`): a
            // colon after the label, and no sentence or bracket before it on its line.
            let run_together = || {
                let line = &text[text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)..at];
                rest.trim_start_matches(is_space).starts_with([':', '：'])
                    && !line.contains(['，', '。', '《', '（', '(', '、', ','])
            };
            if !(opens || run_together()) || !separated {
                continue;
            }
            let skip = rest.len() - after.len();
            if let Some((range, ymd)) = date_at_start(after) {
                let span = Span::new(from + skip + range.start, from + skip + range.end);
                if !continues(&text[span.end..]) {
                    found.push(PublicationDate {
                        span,
                        ymd,
                        label: Some(label.as_str()),
                    });
                }
            }
        }
    }
    if found.len() > MOST_LABELLED {
        found.clear();
    }
    // The first lines between the title and the first sentence only: a date
    // later in an opening paragraph is something else's, one before the
    // title a page's list of links.
    if let Some(from) = title_end.filter(|_| dateline) {
        let head = &text[from.min(text.len())..];
        let head = &head[..head.find('。').unwrap_or(head.len())];
        let mut lines: Vec<(usize, &str)> = Vec::new();
        let mut start = 0;
        for (i, c) in head.char_indices().chain(std::iter::once((head.len(), '\n'))) {
            if matches!(c, '\n' | '\r') {
                if !head[start..i].trim_matches(is_space).is_empty() {
                    lines.push((start, &head[start..i]));
                }
                start = i + c.len_utf8();
            }
        }
        for (k, &(at, line)) in lines.iter().enumerate().take(DATELINE_LINES) {
            let Some(d) = dateline_in(line) else {
                // Only names may come between the title and its dateline (not
                // a related link and its date).
                if super::self_agency::is_a_name(line.trim_matches(is_space)) {
                    continue;
                }
                break;
            };
            // A period written over lines (`2021年1月1日` / `至` / `2021年12月31日`).
            let span_part = |i: usize| {
                lines.get(i).is_some_and(|(_, l)| {
                    let l = l.trim_matches(is_space);
                    l.starts_with(['至', '到', '—', '－', '-', '~', '～']) || l.ends_with([':', '：', '至', '到', '起'])
                })
            };
            if span_part(k + 1) || k.checked_sub(1).is_some_and(span_part) {
                continue;
            }
            let span = Span::new(from + at + d.whole.start, from + at + d.whole.end);
            if found.iter().any(|f| f.span == span) {
                continue;
            }
            if let Some(ymd) = parse_date(line, &d) {
                found.push(PublicationDate { span, ymd, label: None });
            }
        }
    }
    found.sort_by_key(|f| f.span.start);
    found
}

/// A dateline: a line that is a full date alone, or a date in brackets after
/// nothing or a name (`示例县人民政府（2021年1月20日）`).
fn dateline_in(line: &str) -> Option<crate::years::WrittenDate> {
    let trimmed = line.trim_matches(is_space);
    let d = crate::years::dates(line).next()?;
    if line[d.whole.clone()] == *trimmed {
        return Some(d);
    }
    let before = line[..d.whole.start].trim_end_matches(is_space);
    let after = line[d.whole.end..].trim_matches(is_space);
    let name = before.strip_suffix(['（', '('])?.trim_matches(is_space);
    let closed = matches!(after, "）" | ")");
    (closed && (name.is_empty() || super::self_agency::is_a_name(name))).then_some(d)
}

/// A date at the very start of `text`, in words or with digits (`2021-01-20`).
fn date_at_start(text: &str) -> Option<(std::ops::Range<usize>, (i32, u32, u32))> {
    if let Some(d) = crate::years::date_at_start(text) {
        return Some((d.whole.clone(), parse_date(text, &d)?));
    }
    // Only the first line's first characters: a date with digits is short.
    let mut end = text.len().min(12);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    numeric_date(&text[..end]).filter(|(range, _)| range.start == 0)
}

/// Whether the words after a date carry it on into a span or a deadline
/// (`至2020年12月31日`, `起`, `前`): then it is not the day of publication.
fn continues(after: &str) -> bool {
    after.trim_start_matches(is_space).starts_with([
        '至', '到', '起', '前', '后', '止', '—', '－', '-', '~', '～', '、', '的',
    ])
}
