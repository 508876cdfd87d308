//! A top-level section numbered other than the format says.

use crate::diag::Finding;
use crate::format::SectionDef;
use crate::label::{self, cn_numeral};
use crate::model::SectionMatch;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};

pub struct Numbering;

impl CheckType for Numbering {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "numbering";
    const DOC: Doc = Doc {
        zh: "一级标题的序号与格式规定的不同（如“其他需要报告的事项”编为“七、”）；各部分都编作二级序号（“（一）总体情况”……或“1.总体情况”……）时只报告一次。",
        en: "A top-level section numbered other than the format says (其他需要报告的事项 numbered 七、, say); sections \
all numbered as items are (（一）总体情况 … or 1.总体情况 …) are said once.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title", "found"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Numbering)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        // The finding at a heading numbered `found` where its section's number is due.
        let misnumbered = |m: &SectionMatch, def: &SectionDef, found: String| {
            let expected = cn_numeral(def.number);
            Finding::at(
                m.heading,
                cx.tr(
                    &format!("应编为“{expected}、”"),
                    &format!("should be numbered “{expected}、”"),
                ),
            )
            .about(&def.key)
            .arg("number", expected.clone())
            .arg("title", def.title.clone())
            .arg("found", found)
        };
        // Sections numbered as items are (`（一）总体情况` … `（六）`, `1.` … `6.`):
        // said once, at the first, the others its secondary labels.
        let as_items: Vec<_> = cx
            .doc
            .sections
            .iter()
            .filter(|m| {
                matches!(
                    m.numbering,
                    Some(label::Numbering::Paren(_) | label::Numbering::Arabic(_))
                )
            })
            .collect();
        if let Some(&first) = as_items.first()
            && let Some(numbering) = first.numbering
            && let Some(def) = cx.format.section(&first.key)
        {
            // The number as written (`1、`, `(一)`), else as read.
            let heading = cx.doc.source.slice(first.heading);
            let written = label::numbering_prefix(heading)
                .map(|(_, len)| heading[..len].trim_matches(label::is_space).to_string())
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| numbering.to_string());
            let mut finding = misnumbered(first, def, written);
            for m in as_items.iter().skip(1) {
                finding = finding.secondary(m.heading, cx.tr("也编作二级序号", "numbered as an item too"));
            }
            if as_items.len() > 1 {
                let (zh, en) = match numbering {
                    label::Numbering::Arabic(_) => (" 1. 2. ", "1. 2. "),
                    _ => ("（一）（二）", "（一）（二）"),
                };
                finding = finding.note(cx.tr(
                    &format!("各部分都编作{zh}……，与部分之下的条目分不开；一级标题应编为“一、”“二、”……"),
                    &format!(
                        "every section is numbered {en}…, as the items under them are; top-level headings are numbered 一、 二、 …"
                    ),
                ));
            }
            out.report(finding);
        }
        for m in &cx.doc.sections {
            let Some(def) = cx.format.section(&m.key) else { continue };
            let Some(label::Numbering::Top(n)) = m.numbering else {
                continue;
            };
            if n != def.number {
                out.report(misnumbered(m, def, format!("{}、", cn_numeral(n))));
                continue;
            }
            // The number typed again after an automatic one (`二、二、主动公开……`).
            let heading = cx.doc.source.slice(m.heading);
            if let Some((_, first)) = label::numbering_prefix(heading)
                && let Some((label::Numbering::Top(_), second)) = label::numbering_prefix(&heading[first..])
            {
                let written: String = heading[..first + second]
                    .chars()
                    .filter(|c| !label::is_space(*c))
                    .collect();
                out.report(misnumbered(m, def, written));
            }
        }
    }
}
