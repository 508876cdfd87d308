//! A top-level section heading written twice.

use crate::diag::Finding;
use crate::label::cn_numeral;
use crate::model::SectionMatch;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};

pub struct Duplicate;

impl CheckType for Duplicate {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "duplicate";
    const DOC: Doc = Doc {
        zh: "同一个一级标题出现了不止一次；每次重复都报告，并指向第一次出现的位置。",
        en: "The same top-level section appears more than once; each repeat is reported, pointing to the first.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Duplicate)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for def in &cx.format.sections {
            let all: Vec<&SectionMatch> = cx.doc.sections.iter().filter(|m| m.key == def.key).collect();
            for m in all.iter().skip(1) {
                out.report(
                    Finding::at(m.heading, cx.tr("又出现一次", "appears again"))
                        .secondary(all[0].heading, cx.tr("第一次出现", "first here"))
                        .about(&def.key)
                        .arg("number", cn_numeral(def.number))
                        .arg("title", def.title.clone()),
                );
            }
        }
    }
}
