//! A section with no real content.

use serde::Deserialize;
use toml::Spanned;

use super::{SECTION_PARAM, body_text, number_and_title};
use crate::diag::Finding;
use crate::label;
use crate::model::SectionMatch;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct NotEmpty {
    section: String,
    trivial: Vec<Pattern>,
    min_chars: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    section: Spanned<String>,
    trivial: Vec<Spanned<String>>,
    min_chars: usize,
}

impl CheckType for NotEmpty {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "not-empty";
    const DOC: Doc = Doc {
        zh: "某一部分（表格以外的正文）为空、只有“无”之类的话，或字数太少。",
        en: "A section's body (outside its tables) is empty, says only something like 无, or is too short.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        SECTION_PARAM,
        ParamDoc {
            name: "trivial",
            doc: Doc {
                zh: "视为没有内容的正文（正则，匹配去掉空白后的正文）",
                en: "bodies that count as empty (regexes on the body without spaces)",
            },
        },
        ParamDoc {
            name: "min-chars",
            doc: Doc {
                zh: "少于这么多字（不计标点空白）视为没有内容",
                en: "fewer characters than this (punctuation and spaces aside) count as empty",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(NotEmpty {
            section: cx.section_key(&p.section)?,
            trivial: cx.regexes(&p.trivial)?,
            min_chars: p.min_chars,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(m) = cx.doc.section(&self.section) else {
            return;
        };
        let empty = |m: &SectionMatch| {
            let body = body_text(cx, m);
            let core = label::core(&body);
            let words: String = body.chars().filter(|c| !label::is_space(*c)).collect();
            let trivial = self.trivial.iter().any(|re| re.is_match(&words));
            let short = core.chars().count() < self.min_chars;
            (core.is_empty() || trivial || short).then_some(words)
        };
        let Some(words) = empty(m) else {
            return;
        };
        // A section written twice (section-duplicated) says something if either copy does.
        if cx
            .doc
            .sections
            .iter()
            .any(|s| s.key == self.section && empty(s).is_none())
        {
            return;
        }
        let shown: String = words.chars().take(20).collect();
        let (number, title) = number_and_title(cx, &self.section);
        out.report(
            Finding::at(m.heading, cx.tr("此部分没有实际内容", "this section says nothing"))
                .about(&self.section)
                .arg("number", number)
                .arg("title", title)
                .note(if words.is_empty() {
                    cx.tr("正文为空", "the body is empty").to_string()
                } else {
                    cx.tr(&format!("正文只有：{shown}"), &format!("the body is only: {shown}"))
                        .to_string()
                }),
        );
    }
}
