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
    signature: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    section: Spanned<String>,
    trivial: Vec<Spanned<String>>,
    min_chars: usize,
    #[serde(default)]
    signature: bool,
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
        ParamDoc {
            name: "signature",
            doc: Doc {
                zh: "为 true 时，正文末尾的落款（单独成行的日期，及其前面一行较短的机关名称）不算内容（最后一部分之后紧接落款）",
                en: "when true, the signature closing the body (a date on a line of its own, and a short issuer's name \
on the line before) is not content (the last section runs into the signature)",
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
            signature: p.signature,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(m) = cx.doc.section(&self.section) else {
            return;
        };
        let empty = |m: &SectionMatch| {
            let mut body = body_text(cx, m);
            if self.signature {
                body = without_signature(&body).to_string();
            }
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

/// How an issuer's name ends: a body (`局`, `委员会`, `人民政府`, `办公室`, `街道办事处`…).
const ISSUER_ENDINGS: &[char] = &[
    '局', '委', '会', '厅', '办', '府', '室', '处', '院', '所', '站', '心', '队', '署', '馆', '部', '道', '镇', '乡',
    '区', '县', '市', '司', '社',
];

/// `body` without the signature that closes it: a date at its very end
/// (`2022年1月24日`), and the issuer's name before it on its line or the line
/// before (on the same line in a page run together), when short and not a sentence.
fn without_signature(body: &str) -> &str {
    let trimmed = body.trim_end_matches(label::is_space);
    // The date ends the body: try where each of the last few characters starts.
    let Some(date_start) = trimmed
        .char_indices()
        .rev()
        .take(16)
        .map(|(i, _)| i)
        .filter(|&i| crate::years::date_at_start(&trimmed[i..]).is_some_and(|d| d.whole.end == trimmed.len() - i))
        .last()
    else {
        return body;
    };
    let before = trimmed[..date_start].trim_end_matches(label::is_space);
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let (issuer_start, issuer) = match before[line_start..].trim_matches(label::is_space) {
        // The date alone on its line: the issuer is the line before.
        "" => {
            let above = before[..line_start].trim_end_matches(label::is_space);
            let start = above.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            (start, above[start..].trim_matches(label::is_space))
        }
        _ => (line_start, before[line_start..].trim_matches(label::is_space)),
    };
    // An issuer's name ends as a body's does, and is no answer (`无`, `本年度我局未收取……`).
    let is_name = issuer.chars().count() <= 30
        && !issuer.contains(['。', '，', '；', '：', '！', '？', ',', ';', ':'])
        && !issuer.starts_with(['无', '未', '本', '我', '略', '（', '('])
        && issuer.ends_with(ISSUER_ENDINGS);
    match is_name {
        true => &before[..issuer_start],
        false => before,
    }
}

#[cfg(test)]
mod tests {
    use super::without_signature;

    #[test]
    fn the_signature_closing_a_body_is_left_out() {
        assert_eq!(without_signature("\n\n示例市生态环境局\n2022年1月24日\n").trim(), "");
        assert_eq!(without_signature("\n2022年1月24日\n").trim(), "");
        assert_eq!(
            without_signature("\n无。\n\n示例市生态环境局\n2022年1月24日\n").trim(),
            "无。"
        );
        // A sentence before the date is the section's.
        assert_eq!(
            without_signature("\n本年度未收取信息处理费。\n2022年1月24日").trim(),
            "本年度未收取信息处理费。"
        );
        // Run together with the heading's line.
        assert_eq!(
            without_signature("　　河北省人力资源和社会保障厅2020年1月20日").trim(),
            ""
        );
        assert_eq!(
            without_signature("本单位无其他需要报告的事项。河北省某厅2020年1月20日"),
            "本单位无其他需要报告的事项。河北省某厅"
        );
        // An answer is not an issuer, before a date alone or run into the name.
        assert_eq!(without_signature("\n无\n2022年1月24日\n").trim(), "无");
        assert_eq!(
            without_signature("\n本年度我局未收取信息处理费\n2022年1月24日").trim(),
            "本年度我局未收取信息处理费"
        );
        assert_eq!(
            without_signature("无河北省人力资源和社会保障厅2021年1月27日"),
            "无河北省人力资源和社会保障厅"
        );
        // No date last: all of it.
        assert_eq!(
            without_signature("本年度未收取信息处理费。"),
            "本年度未收取信息处理费。"
        );
    }
}
