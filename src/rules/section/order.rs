//! Top-level sections out of the format's order.

use crate::diag::Finding;
use crate::label::cn_numeral;
use crate::model::SectionMatch;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};

pub struct Order;

impl CheckType for Order {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "order";
    const DOC: Doc = Doc {
        zh: "一级标题没有按格式规定的顺序出现：某一部分出现在编号更大的部分之后。",
        en: "Top-level sections not in the format's order: a section comes after one with a higher number.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title", "after_number", "after_title"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Order)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let sections = &cx.format.sections;
        let numbers: Vec<String> = sections.iter().map(|s| cn_numeral(s.number)).collect();
        let order_note = cx
            .tr(
                &format!(
                    "{}个部分应按 {} 的顺序排列",
                    cn_numeral(sections.len() as u32),
                    numbers.join("、")
                ),
                &format!("the sections go in the order {}", numbers.join(" ")),
            )
            .to_string();
        let mut seen: Vec<&str> = Vec::new();
        let mut latest: Option<(&SectionMatch, u32)> = None;
        for m in &cx.doc.sections {
            if seen.contains(&m.key.as_str()) {
                continue; // a repeat is the duplicate check's business
            }
            seen.push(&m.key);
            let Some(def) = cx.format.section(&m.key) else {
                continue;
            };
            match latest {
                Some((before, n)) if def.number < n => {
                    let Some(before_def) = cx.format.section(&before.key) else {
                        continue;
                    };
                    out.report(
                        Finding::at(m.heading, cx.tr("位置不对", "out of order"))
                            .secondary(
                                before.heading,
                                cx.tr("后面的部分却先出现", "a later section comes first"),
                            )
                            .about(&def.key)
                            .arg("number", cn_numeral(def.number))
                            .arg("title", def.title.clone())
                            .arg("after_number", cn_numeral(before_def.number))
                            .arg("after_title", before_def.title.clone())
                            .note(order_note.clone()),
                    );
                }
                _ => latest = Some((m, def.number)),
            }
        }
    }
}
