//! Kind `section`: the report's outline. The six required top-level sections as
//! the format defines them (`[[section]]` in the rule files), sub-item numbering
//! inside them, what a section should say, and the pre-2019 format.

pub mod body_missing;
pub mod content;
pub mod duplicate;
pub mod forbidden;
pub mod legacy;
pub mod missing;
pub mod not_empty;
pub mod numbering;
pub mod order;
pub mod other_title;
pub mod repeated_passage;
pub mod repeated_sentence;
pub mod sequence;
pub mod swapped;
pub mod title_wording;
pub mod wording;

use crate::format::{SectionDef, SectionWording};
use crate::label::{self, cn_numeral};
use crate::model::{Document, SectionMatch};
use crate::rules::{Context, Doc, ParamDoc};
use crate::source::Span;

pub const DOC: Doc = Doc {
    zh: "报告的结构：一级标题是否齐全、顺序是否正确、有无重复，标题的编号与措辞，（一）（二）、一是二是、1. 2. 等序号是否连续，\
某一部分是否写了应写的内容。一级标题由规则文件中的 [[section]] 定义。",
    en: "The report's outline: the required top-level sections are all there, in order, once each; their numbering \
and wording; sub-item numbering （一）（二）…, 一是 二是 …, 1. 2. … has no gaps or repeats; a section says what it \
should. The sections are defined by `[[section]]` in the rule files.",
};

/// The first match of each section, in format order.
/// The parameter naming the section a check looks at.
pub(crate) const SECTION_PARAM: ParamDoc = ParamDoc {
    name: "section",
    doc: Doc {
        zh: "哪一部分（[[section]] 的 key）",
        en: "which section (a `[[section]]` key)",
    },
};

fn first_matches<'d>(cx: &Context<'d>) -> Vec<Option<&'d SectionMatch>> {
    cx.format
        .sections
        .iter()
        .map(|def| cx.doc.sections.iter().find(|m| m.key == def.key))
        .collect()
}

/// The heading as one line (a heading may be split over two).
fn heading_text(doc: &Document, m: &SectionMatch) -> String {
    // A Markdown heading's closing marks are not its words: `**五、存在的问题**`.
    fn words(line: &str) -> &str {
        line.trim().trim_end_matches(['*', '#', '_']).trim_end()
    }
    doc.text(m.heading).split(['\n', '\r']).map(words).collect()
}

/// A heading's words without its number (`四、`, `四 `) or Markdown marks.
fn heading_words(cx: &Context<'_>, m: &SectionMatch) -> String {
    let found = heading_text(cx.doc, m);
    let number = label::numbering_prefix(&found)
        .map(|(_, len)| len)
        .or_else(|| m.numbering.and(label::unmarked_top_number(&found).map(|(_, len)| len)));
    match number {
        Some(len) => found[len..].trim().to_string(),
        None => found.trim_start_matches('#').trim().to_string(),
    }
}

/// The section whose title a heading read by its number and place bears
/// word for word (`五、政府信息公开行政复议、行政诉讼情况`).
fn other_title<'f>(cx: &Context<'f>, m: &SectionMatch, words: &str) -> Option<&'f SectionDef> {
    if m.wording != SectionWording::Numbered {
        return None;
    }
    let core = label::core(words);
    cx.format
        .sections
        .iter()
        .find(|d| d.key != m.key && !d.title_core.is_empty() && d.title_core == core)
}

/// The last non-blank line, for findings about something that is not there.
fn end_span(doc: &Document) -> Span {
    let source = &doc.source;
    for i in (0..source.line_count()).rev() {
        let range = source.line_content_range(i);
        let text = &source.text()[range.clone()];
        let trimmed = text.trim_end_matches(label::is_space);
        if !trimmed.trim_start_matches(label::is_space).is_empty() {
            let start = range.start + (trimmed.len() - trimmed.trim_start_matches(label::is_space).len());
            return Span::new(start, range.start + trimmed.len());
        }
    }
    Span::empty(source.text().len())
}

/// A section's body text without the tables in it, from the words a heading
/// runs on with (`六、其他需要报告的事项本年度未收取信息处理费`).
fn body_text(cx: &Context<'_>, m: &SectionMatch) -> String {
    let doc = cx.doc;
    let heading = doc.text(m.heading);
    let run_on = cx
        .format
        .section(&m.key)
        .and_then(|def| {
            std::iter::once(&def.title_core)
                .chain(&def.alternatives)
                .filter(|t| !t.is_empty())
                .filter_map(|t| heading.find(t.as_str()).map(|i| i + t.len()))
                .min()
        })
        .map_or("", |end| &heading[end..]);
    let body = m.body();
    let mut text = run_on.to_string();
    let mut at = body.start;
    for t in doc
        .tables
        .iter()
        .filter(|t| t.span.start >= body.start && t.span.end <= body.end)
    {
        text.push_str(doc.text(Span::new(at, t.span.start.max(at))));
        at = t.span.end.max(at);
    }
    text.push_str(doc.text(Span::new(at.min(body.end), body.end)));
    match doc.source.provenance().format {
        "markdown" => without_comments(text),
        _ => text,
    }
}

/// A Markdown file's comments (`<!-- nianbao-disable-next-line … -->`) are
/// not shown, so they are no part of what a section says.
fn without_comments(text: String) -> String {
    if !text.contains("<!--") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open..].find("-->") {
            Some(close) => rest = &rest[open + close + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `六` and `其他需要报告的事项` of a section, for messages.
fn number_and_title(cx: &Context<'_>, key: &str) -> (String, String) {
    match cx.format.section(key) {
        Some(def) => (cn_numeral(def.number), def.title.clone()),
        None => (String::new(), key.to_string()),
    }
}

/// Whether only white space stands between two sentences in the source.
fn adjoining(doc: &Document, a: Span, b: Span) -> bool {
    a.end <= b.start && doc.text(Span::new(a.end, b.start)).chars().all(label::is_space)
}

/// Where a sentence's words start in the source (`source`, from `start`) after
/// its first `skip` characters, white space aside (the words of a heading run
/// into it): its first word when `skip` is 0.
fn start_after(source: &str, start: usize, skip: usize) -> usize {
    let mut words = source.char_indices().filter(|&(_, c)| !label::is_space(c)).skip(skip);
    words.next().map_or(start, |(at, _)| start + at)
}

/// A sentence's first twenty characters, white space aside: how a message
/// quotes it.
fn shown(sentence: &str) -> String {
    let b: String = sentence.chars().filter(|&c| !label::is_space(c)).collect();
    let head: String = b.chars().take(20).collect();
    if b.chars().count() > 20 {
        format!("{head}…")
    } else {
        head
    }
}
