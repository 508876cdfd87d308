//! Two sections' bodies put under each other's headings: section 五 counts
//! the year's work (`主动公开政府信息86条`) and names hardly a problem, while the
//! overview names problems and counts less.

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
    counts: Pattern,
    min_counts: usize,
    max_markers: usize,
    min_other: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    section: Spanned<String>,
    other: Spanned<String>,
    markers: Spanned<Vec<Spanned<String>>>,
    counts: Spanned<String>,
    min_counts: usize,
    max_markers: usize,
    min_other: usize,
}

impl CheckType for Swapped {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "swapped";
    const DOC: Doc = Doc {
        zh: "section 的正文（表格以外）有至少 min-counts 处工作数量（counts），markers 中的写法至多 max-markers 种，\
而 other 的正文有至少 min-other 种 markers、工作数量比它少：两部分的正文多半放反了。",
        en: "The body of `section` (outside its tables) has at least `min-counts` counts of work (`counts`) and at most \
`max-markers` of the `markers`, while the body of `other` has at least `min-other` of the markers and fewer counts: \
the two bodies were most likely put under each other's headings.",
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
                zh: "section 应有的写法（正则，每个算一种），如“不足”“下一步”",
                en: "what the section's body says (regexes, each counted once): 不足, 下一步",
            },
        },
        ParamDoc {
            name: "counts",
            doc: Doc {
                zh: "工作数量的写法（正则），如“86条”",
                en: "how a count of work is written (a regex): 86条",
            },
        },
        ParamDoc {
            name: "min-counts",
            doc: Doc {
                zh: "section 的正文中至少几处工作数量",
                en: "how many counts of work the section's body has at least",
            },
        },
        ParamDoc {
            name: "max-markers",
            doc: Doc {
                zh: "section 的正文中至多几种 markers",
                en: "how many of the markers the section's body has at most",
            },
        },
        ParamDoc {
            name: "min-other",
            doc: Doc {
                zh: "other 的正文中至少几种 markers",
                en: "how many of the markers the other body has at least",
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
            counts: cx.regex(&p.counts)?,
            min_counts: p.min_counts.max(1),
            max_markers: p.max_markers,
            min_other: p.min_other.max(1),
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let (Some(m), Some(o)) = (cx.doc.section(&self.section), cx.doc.section(&self.other)) else {
            return;
        };
        let body = body_text(cx, m);
        let counts = self.counts.find_iter(&body).count();
        if counts < self.min_counts || self.kinds(&body) > self.max_markers {
            return;
        }
        let other = body_text(cx, o);
        let found = self.kinds(&other);
        if found < self.min_other || self.counts.find_iter(&other).count() >= counts {
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
                &format!("此部分正文有 {counts} 处工作数量（如“86条”），问题或改进的写法几乎没有；另一部分有 {found} 种"),
                &format!(
                    "this body has {counts} counts of work (86条) and hardly a problem or measure; the other names {found}"
                ),
            )),
        );
    }
}

impl Swapped {
    /// How many of the markers `text` has, each counted once.
    fn kinds(&self, text: &str) -> usize {
        self.markers.iter().filter(|re| re.is_match(text)).count()
    }
}
