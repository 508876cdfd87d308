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
只判断像报告标题的一行（有年份，有“年度报告”或“年报”）；没有找到标题时不检查。",
        en: "The report's title holds none of `words` (政府信息公开): it reads 政务公开工作年度报告, 年度报告 and the \
like. Only a line that reads as a report's title (a year, and 年度报告 or 年报) is judged; not checked when no \
title is found.",
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
        // Only a line that reads as a report's title (a year, 年度报告 or 年报)
        // is judged: page furniture taken for the title (`首页 > 信息公开 >
        // 年报`, a related link's title, a name cut short `……政府信息公...`) is not.
        let squeezed: String = title.text.chars().filter(|c| !c.is_whitespace()).collect();
        let reads_as_title = crate::years::first_year(&squeezed).is_some()
            && (squeezed.contains("年度报告")
                || squeezed.contains("年报")
                // `……政务公开工作报告`, not a link to the 政府工作报告 above the title.
                || (squeezed.ends_with("工作报告") && squeezed.contains("公开")))
            && !squeezed.ends_with(['…', '.', '。']);
        if !reads_as_title || self.words.iter().any(|w| squeezed.contains(w.as_str())) {
            return;
        }
        // Another line before the first section that is a whole title with the
        // words: the title found was page furniture (a short field, a link).
        let text = cx.doc.source.text();
        let header_end = cx.doc.first_heading().unwrap_or(0);
        let titled_elsewhere = text[..header_end].lines().any(|line| {
            let line = line.trim_matches(|c: char| c.is_whitespace() || c == '#' || c == '*');
            line.chars().count() <= 60
                && line.ends_with("报告")
                && !line.contains(|c: char| c.is_ascii_punctuation() || "：，。、".contains(c))
                && self.words.iter().any(|w| line.contains(w.as_str()))
        });
        if titled_elsewhere {
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
