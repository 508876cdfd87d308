//! A top-level heading that bears another section's title under its own
//! number (`五、政府信息公开行政复议、行政诉讼情况`): a copy slip.

use super::{heading_words, other_title};
use crate::diag::Finding;
use crate::label::cn_numeral;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};

pub struct OtherTitle;

impl CheckType for OtherTitle {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "other-title";
    const DOC: Doc = Doc {
        zh: "一级标题按编号和位置是某一部分，措辞却与另一部分的规定标题完全相同（多半是复制上一个标题后忘了改）；\
另一部分的标题也在文中时，一并指出。",
        en: "A top-level heading read as one section by its number and place bears another section's title word for \
word (usually the heading before, copied and not changed); the other section's heading is pointed at too when the \
text has it.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title", "other", "found"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(OtherTitle)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for m in cx.doc.sections.iter().filter(|m| !m.inline) {
            let Some(def) = cx.format.section(&m.key) else {
                continue;
            };
            let found = heading_words(cx, m);
            let Some(other) = other_title(cx, m, &found) else {
                continue;
            };
            let mut finding = Finding::at(
                m.heading,
                cx.tr(
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
                ),
            );
            if let Some(first) = cx.doc.sections.iter().find(|o| o.key == other.key) {
                finding = finding.secondary(first.heading, cx.tr("这一部分的标题", "that section's heading"));
            }
            out.report(
                finding
                    .about(&def.key)
                    .arg("number", cn_numeral(def.number))
                    .arg("title", def.title.clone())
                    .arg("other", cn_numeral(other.number))
                    .arg("found", found)
                    .note(cx.tr(
                        &format!("第{}部分的规定标题是“{}”", cn_numeral(def.number), def.title),
                        &format!("section {}'s title is “{}”", cn_numeral(def.number), def.title),
                    )),
            );
        }
    }
}
