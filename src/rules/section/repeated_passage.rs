//! A passage (a long sentence, a paragraph or more) written again further on,
//! not right after itself: pasted a second time in another place.

use std::collections::HashMap;

use serde::Deserialize;

use super::{adjoining, shown, start_after};
use crate::diag::Finding;
use crate::label::{is_ideograph, is_space};
use crate::model::SENTENCE_ENDS;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

/// Sentences are bucketed by their last characters (white space aside): a
/// sentence pasted after a heading, or under one, still ends the same way.
const KEY_CHARS: usize = 12;

/// A passage of fewer sentences than this counts from `SHORT_TIMES` times
/// `min-chars`: a summary said again in another section, or the same closing
/// pair under several items, is mostly shorter.
const SHORT_BLOCK: usize = 3;
const SHORT_TIMES: usize = 3;

/// What a note under a table starts with.
const NOTES: &[&str] = &["注：", "注:", "备注", "说明：", "说明:"];

/// How many earlier sentences with the same end a sentence is compared with.
const CANDIDATES: usize = 4;

pub struct RepeatedPassage {
    min_chars: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    min_chars: usize,
}

impl CheckType for RepeatedPassage {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "repeated-passage";
    const DOC: Doc = Doc {
        zh: "一段话（接连三句以上，或一两个很长的句子）在后文别处又原样写了一遍（不是紧接着，紧接着的由 repeated-sentence 报告）。\
不计空白和标点的全角半角；重复部分至少有 min-chars 个汉字（只有一两句的，三倍于此）、含句末标点，且不在表格里；表下的“注：”、开头的说明性文字、\
一个文件里的两份报告不算；整个部分连同标题重复的由 duplicate 报告。",
        en: "A passage (three sentences or more in a row, or one or two very long ones) written again word for word \
further on, not right after itself (that is repeated-sentence's). White space and the width of punctuation aside; the repeat must hold at least \
min-chars Chinese characters (three times as many for one or two sentences) and a sentence end, outside tables; notes under \
tables (注：), the opening's boilerplate and two reports in one file do not count; a whole section written twice, \
heading and all, is duplicate's.",
    };
    const PARAMS: &'static [ParamDoc] = &[ParamDoc {
        name: "min-chars",
        doc: Doc {
            zh: "重复部分至少这么多个汉字才报告（“本年度未收取信息处理费。”这样的短句在两处各写一次无妨）",
            en: "a repeat is reported from this many Chinese characters on (a short `本年度未收取信息处理费。` in two \
places is harmless)",
        },
    }];
    const PLACEHOLDERS: &'static [&'static str] = &["sentence"];
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(RepeatedPassage { min_chars: p.min_chars })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        // Two reports in one file (a compilation) share their boilerplate.
        let first_section = cx.format.sections.first().map(|d| d.key.as_str());
        if doc
            .sections
            .iter()
            .filter(|m| Some(m.key.as_str()) == first_section)
            .count()
            > 1
        {
            return;
        }
        let joined = doc.joined();
        let in_table = |s: Span| doc.tables.iter().any(|t| t.span.contains(s.start));
        let sentences: Vec<(Span, String)> = joined
            .sentences(SENTENCE_ENDS)
            .iter()
            .map(|&s| (joined.source_span(s), squeezed(joined.slice(s))))
            // A note under a table (`注：本表数据……`) may stand under each.
            .filter(|(s, text)| !text.is_empty() && !in_table(*s) && !NOTES.iter().any(|n| text.starts_with(n)))
            .collect();
        let mut earlier: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut j = 0;
        while j < sentences.len() {
            let key = tail(&sentences[j].1, KEY_CHARS);
            // The latest few with the same end: a text written over and over
            // (a report pasted a thousand times) stays linear.
            let found = earlier.get(key).and_then(|starts| {
                starts
                    .iter()
                    .rev()
                    .take(CANDIDATES)
                    .filter_map(|&i| self.passage(doc, &sentences, i, j))
                    .max_by_key(|&(_, k, _, _)| k)
            });
            let Some((i, k, first_start, second_start)) = found else {
                earlier.entry(key).or_default().push(j);
                j += 1;
                continue;
            };
            let first = Span::new(first_start, sentences[i + k - 1].0.end);
            let second = Span::new(second_start, sentences[j + k - 1].0.end);
            // Right after itself is repeated-sentence's, unless headings or
            // other lines stand between its sentences (it reads sentences
            // that follow each other only); a section written twice, heading
            // and all, is duplicate's.
            let unbroken = (i..i + k - 1).all(|s| adjoining(doc, sentences[s].0, sentences[s + 1].0));
            let right_after = unbroken && adjoining(doc, sentences[i + k - 1].0, sentences[j].0);
            let section_twice = match (doc.section_at(first.start), doc.section_at(second.start)) {
                (Some(a), Some(b)) => a != b && doc.sections[a].key == doc.sections[b].key,
                _ => false,
            };
            // The opening's boilerplate (where to read the report, whom to
            // ask) may be said again at the close, or opens a second report.
            let opening = doc.first_heading().is_none_or(|h| first.start < h);
            if !right_after && !section_twice && !opening {
                out.report(
                    Finding::at(second, cx.tr("又写了一遍", "written again"))
                        .secondary(first, cx.tr("前面写过的在这里", "written before here"))
                        .arg("sentence", shown(&squeezed(doc.text(second)))),
                );
            }
            for (s, (_, text)) in sentences.iter().enumerate().skip(j).take(k) {
                earlier.entry(tail(text, KEY_CHARS)).or_default().push(s);
            }
            j += k;
        }
    }
}

impl RepeatedPassage {
    /// The passage from sentence `i` that sentence `j` and those after it
    /// write again: how many sentences, and where each copy's words start
    /// (either copy's first sentence may carry words before them, a heading
    /// run in). `None` when it is too short (one or two sentences much
    /// longer: see `SHORT_BLOCK`) or holds no sentence end.
    fn passage(
        &self,
        doc: &crate::model::Document,
        sentences: &[(Span, String)],
        i: usize,
        j: usize,
    ) -> Option<(usize, usize, usize, usize)> {
        let (first, again) = (&sentences[i].1, &sentences[j].1);
        if !first.ends_with(again.as_str()) && !again.ends_with(first.as_str()) {
            return None;
        }
        let mut k = 1;
        while i + k < j && j + k < sentences.len() && sentences[i + k].1 == sentences[j + k].1 {
            k += 1;
        }
        let copy = &sentences[j..j + k];
        let ideographs: usize = copy
            .iter()
            .map(|(_, t)| t.chars().filter(|&c| is_ideograph(c)).count())
            .sum();
        let least = if k < SHORT_BLOCK {
            SHORT_TIMES * self.min_chars
        } else {
            self.min_chars
        };
        if ideographs < least || !copy.iter().any(|(_, t)| t.ends_with(SENTENCE_ENDS)) {
            return None;
        }
        let words = first.chars().count().min(again.chars().count());
        let start = |at: usize| {
            let (span, text) = &sentences[at];
            start_after(doc.text(*span), span.start, text.chars().count() - words)
        };
        Some((i, k, start(i), start(j)))
    }
}

/// A sentence without its white space, its ASCII punctuation full-width
/// (a copy may have had `,` for `，` typed or converted).
fn squeezed(sentence: &str) -> String {
    sentence
        .chars()
        .filter(|&c| !is_space(c))
        .map(|c| match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            '!' => '！',
            '?' => '？',
            _ => c,
        })
        .collect()
}

/// The last `n` characters of `s` (all of it when shorter).
fn tail(s: &str, n: usize) -> &str {
    let at = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[at..]
}
