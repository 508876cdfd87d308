//! A title that does not name the report: `……政务公开工作年度报告` or
//! `……2021年度报告` where the format's is `……政府信息公开工作年度报告`.

use serde::Deserialize;

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct TitleWording {
    words: Vec<String>,
    expected: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    words: Vec<String>,
    expected: String,
}

impl CheckType for TitleWording {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "title-wording";
    const DOC: Doc = Doc {
        zh: "报告标题中没有 words 中的任何一个词（如“政府信息公开”）：标题写成了“政务公开工作年度报告”“年度报告”等。\
没有找到标题时不检查。",
        en: "The report's title holds none of `words` (政府信息公开): it reads 政务公开工作年度报告, 年度报告 and the \
like. Not checked when no title is found.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "words",
            doc: Doc {
                zh: "标题中应有其一的词",
                en: "words one of which the title holds",
            },
        },
        ParamDoc {
            name: "expected",
            doc: Doc {
                zh: "格式规定的报告名称（用于消息）",
                en: "the report's name as the format gives it (for the message)",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["title", "expected"];
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(TitleWording {
            words: p.words,
            expected: p.expected,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(title) = &cx.doc.title else { return };
        // A title broken over lines may have been read by one of them: a few
        // characters on either side count too (spaces and breaks taken out).
        const AROUND: usize = 12;
        let text = cx.doc.source.text();
        let span = title.span();
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let mut from = span.start.saturating_sub(AROUND * 8);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = squeeze(&text[from..span.start]);
        let before: String = before
            .chars()
            .rev()
            .take(AROUND)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text[span.end..]
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(AROUND)
            .collect();
        let around = format!("{before}{}{after}", squeeze(&title.text));
        if self.words.iter().any(|w| around.contains(w.as_str())) {
            return;
        }
        out.report(
            Finding::at(title.span(), cx.tr("报告名称", "the report's name"))
                .arg("title", title.text.clone())
                .arg("expected", self.expected.clone())
                .note(cx.tr(
                    &format!("格式规定的名称是“（机关名称）（年度）{}”", self.expected),
                    &format!("the format names it “(agency)(year){}”", self.expected),
                )),
        );
    }
}
