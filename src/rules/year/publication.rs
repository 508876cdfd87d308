//! The day a page says the report was published (`发布时间: 2021-01-20` in a
//! scraped page's header, a dateline `（2021年1月20日）` under the title) is
//! in the year after the report year, as the signature date is.

use serde::Deserialize;
use toml::Spanned;

use super::{numeric_date, parse_date, with_year_source};
use crate::diag::Finding;
use crate::label::is_space;
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

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        for date in publication_dates(cx.doc, &self.labels, self.dateline) {
            let (year, month, day) = date.ymd;
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

/// The publication dates written before the first section's heading.
pub(crate) fn publication_dates<'l>(
    doc: &crate::model::Document,
    labels: &'l [String],
    dateline: bool,
) -> Vec<PublicationDate<'l>> {
    let Some(first) = doc.sections.iter().map(|s| s.heading.start).min() else {
        return Vec::new();
    };
    let text = &doc.source.text()[..first];
    let mut found = Vec::new();
    for label in labels.iter().filter(|l| !l.is_empty()) {
        for at in memchr::memmem::find_iter(text.as_bytes(), label.as_bytes()) {
            let from = at + label.len();
            let rest = &text[from..];
            let skip = rest.len()
                - rest
                    .trim_start_matches(|c: char| is_space(c) || matches!(c, ':' | '：'))
                    .len();
            if let Some((range, ymd)) = date_at_start(&text[from + skip..]) {
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
    // Between the title and the first sentence only: a date later in an
    // opening paragraph is something else's, and one before the title a
    // page's list of links.
    if let Some(from) = doc
        .title
        .as_ref()
        .map(|t| t.span().end)
        .filter(|&e| dateline && e <= first)
    {
        let head = &text[from..];
        let head = &head[..head.find('。').unwrap_or(head.len())];
        for d in crate::years::dates(head) {
            let before = head[..d.whole.start].trim_end_matches(is_space);
            let after = head[d.whole.end..].trim_start_matches(is_space);
            let bracketed = before
                .strip_suffix(['（', '('])
                .is_some_and(|b| !b.trim_end_matches(is_space).ends_with('》'))
                && after.starts_with(['）', ')']);
            let line_start = head[..d.whole.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = head[d.whole.end..].find('\n').map_or(head.len(), |i| d.whole.end + i);
            let alone = head[line_start..d.whole.start].trim_matches(is_space).is_empty()
                && head[d.whole.end..line_end].trim_matches(is_space).is_empty();
            if !(bracketed || alone) || found.iter().any(|f| f.span.start == from + d.whole.start) {
                continue;
            }
            if let Some(ymd) = parse_date(head, &d) {
                found.push(PublicationDate {
                    span: Span::new(from + d.whole.start, from + d.whole.end),
                    ymd,
                    label: None,
                });
            }
        }
    }
    found.sort_by_key(|f| f.span.start);
    found
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
