//! The same sentence written twice in a row: a paste or an edit left doubled.

use serde::Deserialize;

use super::{adjoining, shown, start_after};
use crate::diag::Finding;
use crate::label::is_space;
use crate::model::SENTENCE_ENDS;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct RepeatedSentence {
    min_chars: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    min_chars: usize,
}

impl CheckType for RepeatedSentence {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "repeated-sentence";
    const DOC: Doc = Doc {
        zh: "同一个句子紧接着又写了一遍（中间只有空白）：粘贴或修改时多留了一份；几句话（一两段）整段紧接着又写了一遍也是。\
不计空白，每句平均至少有 min-chars 个汉字才比较。",
        en: "The same sentence written again right after itself (only white space between): a paste or an edit left \
doubled; so are a few sentences (a paragraph or two) written again as a block right after themselves. White space \
aside; only sentences of at least min-chars Chinese characters (on average, for a block) are compared.",
    };
    const PARAMS: &'static [ParamDoc] = &[ParamDoc {
        name: "min-chars",
        doc: Doc {
            zh: "句子至少这么多个汉字才比较（短句如“无。”重复无妨）",
            en: "sentences of at least this many Chinese characters are compared (a short `无。` twice is harmless)",
        },
    }];
    const PLACEHOLDERS: &'static [&'static str] = &["sentence"];
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(RepeatedSentence { min_chars: p.min_chars })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        let sentences = doc.sentences(SENTENCE_ENDS);
        for pair in sentences.windows(2) {
            let (first, second) = (pair[0], pair[1]);
            if !adjoining(doc, first, second) {
                continue;
            }
            // The first may carry a heading or words run into it before the
            // sentence (`五、存在的主要问题及改进情况虽然……问题。虽然……问题。`).
            if !ends_with_ignoring_spaces(doc.text(first), doc.text(second), self.min_chars) {
                continue;
            }
            out.report(
                Finding::at(from_words(doc, second), cx.tr("又写了一遍", "written again"))
                    .secondary(first, cx.tr("第一遍", "the first time"))
                    .arg("sentence", shown(doc.text(second))),
            );
        }
        // Sentences written again as a block right after themselves (a
        // paragraph or two pasted twice: A B A B). Two sentences are compared
        // whole only when their ends and lengths agree: most part there.
        let same = |a: usize, b: usize| {
            let x = doc.text(sentences[a]).trim_matches(is_space);
            let y = doc.text(sentences[b]).trim_matches(is_space);
            x.len().abs_diff(y.len()) <= x.len() / 8
                && x.chars().next() == y.chars().next()
                && x.chars().next_back() == y.chars().next_back()
                && eq_ignoring_spaces(x, y)
        };
        let mut i = 0;
        while i < sentences.len() {
            // Inside a run of one sentence over and over (the check above's), no
            // block starts: looking would cost MAX_BLOCK² comparisons a sentence.
            if i + 2 < sentences.len() && same(i, i + 1) && same(i + 1, i + 2) {
                i += 1;
                continue;
            }
            let block = (2..=MAX_BLOCK).find(|&k| {
                i + 2 * k <= sentences.len()
                    && (1..k).all(|j| same(i + j, i + k + j))
                    // One sentence over and over is the check above's.
                    && (1..k).any(|j| !same(i + j, i + k))
                    && ends_with_ignoring_spaces(doc.text(sentences[i]), doc.text(sentences[i + k]), 0)
                    && (i..i + 2 * k - 1).all(|j| adjoining(doc, sentences[j], sentences[j + 1]))
                    && sentences[i + k..i + 2 * k]
                        .iter()
                        .flat_map(|&s| doc.text(s).chars())
                        .filter(|&c| crate::label::is_ideograph(c))
                        .count()
                        >= self.min_chars * k
            });
            let Some(k) = block else {
                i += 1;
                continue;
            };
            let first = sentences[i].cover(sentences[i + k - 1]);
            let second = from_words(doc, sentences[i + k].cover(sentences[i + 2 * k - 1]));
            // A section written twice, heading and all, is section-duplicated's
            // (when its heading is read twice).
            let twice = |key: &str| doc.sections.iter().filter(|m| m.key == key).count() > 1;
            if doc
                .sections
                .iter()
                .any(|m| second.contains(m.heading.start) && twice(&m.key))
            {
                i += 2 * k;
                continue;
            }
            out.report(
                Finding::at(
                    second,
                    cx.tr(
                        &format!("这 {k} 句又写了一遍"),
                        &format!("these {k} sentences written again"),
                    ),
                )
                .secondary(first, cx.tr("第一遍", "the first time"))
                .arg("sentence", shown(doc.text(second))),
            );
            i += 2 * k;
        }
    }
}

/// A span from its first character that is not white space: a sentence
/// after a line break starts on its own line, not at the end of the one before.
fn from_words(doc: &crate::model::Document, span: Span) -> Span {
    Span::new(start_after(doc.text(span), span.start, 0), span.end)
}

/// Whether two sentences are the same, white space aside.
fn eq_ignoring_spaces(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|&c| !is_space(c))
        .eq(b.chars().filter(|&c| !is_space(c)))
}

/// The most sentences a block written twice is looked for with: several
/// paragraphs (a block of a section, heading and all, is section-duplicated's).
const MAX_BLOCK: usize = 40;

/// Whether `a` ends with the whole of `b`, white space aside, and `b` holds at
/// least `min` Chinese characters; compared from the end, so most pairs part
/// at their last character.
fn ends_with_ignoring_spaces(a: &str, b: &str, min: usize) -> bool {
    let mut a = a.chars().rev().filter(|&c| !is_space(c));
    let mut ideographs = 0;
    for c in b.chars().rev().filter(|&c| !is_space(c)) {
        if a.next() != Some(c) {
            return false;
        }
        ideographs += usize::from(crate::label::is_ideograph(c));
    }
    ideographs >= min
}
