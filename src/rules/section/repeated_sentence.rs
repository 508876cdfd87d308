//! The same sentence written twice in a row: a paste or an edit left doubled.

use serde::Deserialize;

use crate::diag::Finding;
use crate::label::is_space;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

const SENTENCE_ENDS: &[char] = &['。', '！', '？'];

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
        zh: "同一个句子紧接着又写了一遍（中间只有空白）：粘贴或修改时多留了一份。不计空白，句子至少有 min-chars 个汉字才比较。",
        en: "The same sentence written again right after itself (only white space between): a paste or an edit left \
doubled. White space aside; only sentences of at least min-chars Chinese characters are compared.",
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
            let between = doc.text(crate::source::Span::new(first.end.min(second.start), second.start));
            if first.end > second.start || !between.chars().all(is_space) {
                continue;
            }
            // The first may carry a heading or words run into it before the
            // sentence (`五、存在的主要问题及改进情况虽然……问题。虽然……问题。`).
            if !ends_with_ignoring_spaces(doc.text(first), doc.text(second), self.min_chars) {
                continue;
            }
            let b: String = doc.text(second).chars().filter(|&c| !is_space(c)).collect();
            let shown: String = b.chars().take(20).collect();
            let shown = if b.chars().count() > 20 {
                format!("{shown}…")
            } else {
                shown
            };
            out.report(
                Finding::at(second, cx.tr("又写了一遍", "written again"))
                    .secondary(first, cx.tr("第一遍", "the first time"))
                    .arg("sentence", shown),
            );
        }
    }
}

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
