//! A section that does not say what it must.

use serde::Deserialize;
use toml::Spanned;

use super::{SECTION_PARAM, body_text, number_and_title};
use crate::diag::Finding;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct Content {
    section: String,
    expect: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    section: Spanned<String>,
    expect: Spanned<Vec<Spanned<String>>>,
}

impl CheckType for Content {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "content";
    const DOC: Doc = Doc {
        zh: "某一部分的正文（表格以外）没有提到应报告的内容：expect 中的正则一个也不匹配。",
        en: "A section's body (outside its tables) does not mention what it must: none of the `expect` regexes match.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        SECTION_PARAM,
        ParamDoc {
            name: "expect",
            doc: Doc {
                zh: "正文须匹配其中之一的正则",
                en: "regexes of which the body must match one",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        if p.expect.get_ref().is_empty() {
            return Err(cx.error_at(
                &p.expect,
                "`expect` needs at least one pattern the section should contain",
            ));
        }
        Ok(Content {
            section: cx.section_key(&p.section)?,
            expect: cx.regexes(p.expect.get_ref())?,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(m) = cx.doc.section(&self.section) else {
            return;
        };
        let body = body_text(cx, m);
        if self.expect.iter().any(|re| re.is_match(&body)) {
            return;
        }
        // Words wrapped across lines (a PDF's `信息处⏎理费`) are still said.
        if body.contains(['\n', '\r']) {
            let unwrapped = unwrap_lines(&body);
            if self.expect.iter().any(|re| re.is_match(&unwrapped)) {
                return;
            }
        }
        let wanted: Vec<&str> = self.expect.iter().map(|r| r.as_str()).collect();
        let (number, title) = number_and_title(cx, &self.section);
        out.report(
            Finding::at(
                m.heading,
                cx.tr("此部分缺少应报告的内容", "this section lacks required content"),
            )
            .about(&self.section)
            .arg("number", number)
            .arg("title", title)
            .note(cx.tr(
                &format!("正文中没有出现：{}", wanted.join(" / ")),
                &format!("the body mentions none of: {}", wanted.join(" / ")),
            )),
        );
    }
}

/// `text` with its line breaks and the indentation after them taken out.
fn unwrap_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split(['\n', '\r']).enumerate() {
        out.push_str(if i == 0 { line } else { line.trim_start() });
    }
    out
}
