//! A top-level heading in other words than the format's.

use super::heading_text;
use crate::diag::Finding;
use crate::format::SectionWording;
use crate::label::{self, cn_numeral};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};

pub struct Wording;

impl CheckType for Wording {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "wording";
    const DOC: Doc = Doc {
        zh: "一级标题的措辞与格式规定的不同，但已按该部分处理：[[section]] 的 alternatives 中列出的说法、patterns 匹配的说法，\
或与标题相近的错别字。",
        en: "A top-level heading worded otherwise than the format, and read as that section: a wording listed in the \
`[[section]]`'s `alternatives`, one its `patterns` match, or a near-miss (a typo).",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title", "found"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Wording)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for m in &cx.doc.sections {
            if m.wording == SectionWording::Exact || m.inline {
                continue;
            }
            let Some(def) = cx.format.section(&m.key) else {
                continue;
            };
            let why = match m.wording {
                SectionWording::Regulation => cx.tr(
                    "这是《条例》第五十条的说法，已接受",
                    "this is the regulation's wording (art. 50); accepted",
                ),
                SectionWording::Alternative => cx.tr("常见的另一种说法，已接受", "a common other wording; accepted"),
                SectionWording::Pattern => cx.tr("措辞不同，已按该部分处理", "different wording; read as this section"),
                SectionWording::Numbered => cx.tr(
                    "措辞与规定标题不同，按编号和位置视为该部分",
                    "worded otherwise; read as this section by its number and place",
                ),
                _ => cx.tr(
                    "与规定标题相近（可能有错别字），已按该部分处理",
                    "close to the template's heading (a typo?); read as this section",
                ),
            };
            let found = heading_text(cx.doc, m);
            // Numbered with its mark (`四、`) or without (`四 `).
            let number = label::numbering_prefix(&found)
                .map(|(_, len)| len)
                .or_else(|| m.numbering.and(label::unmarked_top_number(&found).map(|(_, len)| len)));
            let found = match number {
                Some(len) => found[len..].trim().to_string(),
                None => found.trim_start_matches('#').trim().to_string(),
            };
            // The exact title, run on with the section's first words
            // (`其他需要报告的事项本年度未收取……`): worded as required.
            if !def.title_core.is_empty() && found.starts_with(def.title_core.as_str()) {
                continue;
            }
            // Another section's title under this one's number.
            let other = (m.wording == SectionWording::Numbered)
                .then(|| {
                    let core = label::core(&found);
                    cx.format
                        .sections
                        .iter()
                        .find(|d| d.key != def.key && d.title_core == core)
                })
                .flatten();
            let why = match (m.wording, other) {
                (SectionWording::Numbered, Some(other)) => cx
                    .tr(
                        &format!(
                            "这是第{}部分的标题；按编号和位置视为第{}部分",
                            cn_numeral(other.number),
                            cn_numeral(def.number)
                        ),
                        &format!(
                            "these are section {}'s words; read as section {} by its number and place",
                            cn_numeral(other.number),
                            cn_numeral(def.number)
                        ),
                    )
                    .to_string(),
                _ => why.to_string(),
            };
            out.report(
                Finding::at(m.heading, why)
                    .about(&def.key)
                    .arg("number", cn_numeral(def.number))
                    .arg("title", def.title.clone())
                    .arg("found", found),
            );
        }
    }
}
