//! Two sections' bodies put under each other's headings: section 五 names
//! no problem and no measure while the overview names several.

use serde::Deserialize;
use toml::Spanned;

use super::{SECTION_PARAM, body_text, number_and_title};
use crate::diag::Finding;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct Swapped {
    section: String,
    other: String,
    markers: Vec<Pattern>,
    min_other: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    section: Spanned<String>,
    other: Spanned<String>,
    markers: Spanned<Vec<Spanned<String>>>,
    min_other: usize,
}

impl CheckType for Swapped {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "swapped";
    const DOC: Doc = Doc {
        zh: "section 的正文（表格以外）一处 markers 也没有，而 other 的正文至少有 min-other 处：两部分的正文多半放反了。",
        en: "The body of `section` (outside its tables) has no match of `markers` while the body of `other` has at \
least `min-other`: the two bodies were most likely put under each other's headings.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        SECTION_PARAM,
        ParamDoc {
            name: "other",
            doc: Doc {
                zh: "可能与之对调的部分（[[section]] 的 key）",
                en: "the section it may have been swapped with (a `[[section]]` key)",
            },
        },
        ParamDoc {
            name: "markers",
            doc: Doc {
                zh: "section 应有的写法（正则），如“不足”“下一步”",
                en: "what the section's body says (regexes): 不足, 下一步",
            },
        },
        ParamDoc {
            name: "min-other",
            doc: Doc {
                zh: "other 的正文中至少有几处 markers 才算放反",
                en: "how many matches of `markers` the other body has at least for the bodies to count as swapped",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title", "other_number", "other_title"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        if p.markers.get_ref().is_empty() {
            return Err(cx.error_at(&p.markers, "`markers` needs at least one pattern"));
        }
        Ok(Swapped {
            section: cx.section_key(&p.section)?,
            other: cx.section_key(&p.other)?,
            markers: cx.regexes(p.markers.get_ref())?,
            min_other: p.min_other.max(1),
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let (Some(m), Some(o)) = (cx.doc.section(&self.section), cx.doc.section(&self.other)) else {
            return;
        };
        let body = body_text(cx, m);
        // An empty body is not-empty's.
        if body.trim().is_empty() || self.markers.iter().any(|re| re.is_match(&body)) {
            return;
        }
        let other = body_text(cx, o);
        let found: usize = self.markers.iter().map(|re| re.find_iter(&other).count()).sum();
        if found < self.min_other {
            return;
        }
        let (number, title) = number_and_title(cx, &self.section);
        let (other_number, other_title) = number_and_title(cx, &self.other);
        out.report(
            Finding::at(
                m.heading,
                cx.tr("正文不是这一部分的内容", "the body is not this section's"),
            )
            .secondary(
                o.heading,
                cx.tr(
                    "这一部分的正文倒像是前者的",
                    "this section's body reads like the other's",
                ),
            )
            .about(&self.section)
            .arg("number", number)
            .arg("title", title)
            .arg("other_number", other_number)
            .arg("other_title", other_title)
            .note(cx.tr(
                &format!(
                    "此部分正文中没有出现：{}；另一部分中出现了 {found} 处",
                    self.pattern_list()
                ),
                &format!(
                    "this body mentions none of: {}; the other has {found}",
                    self.pattern_list()
                ),
            )),
        );
    }
}

impl Swapped {
    fn pattern_list(&self) -> String {
        self.markers.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" / ")
    }
}
