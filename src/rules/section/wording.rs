//! A top-level heading in other words than the format's.

use super::{heading_words, other_title};
use crate::diag::Finding;
use crate::format::SectionWording;
use crate::label::cn_numeral;
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
            let found = heading_words(cx, m);
            // The exact title, run on with the section's first words
            // (`其他需要报告的事项本年度未收取……`): worded as required.
            if !def.title_core.is_empty() && found.starts_with(def.title_core.as_str()) {
                continue;
            }
            // Another section's title under this one's number: `section-other-title`.
            if other_title(cx, m, &found).is_some() {
                continue;
            }
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
