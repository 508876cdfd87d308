//! A top-level section numbered other than the format says.

use crate::diag::Finding;
use crate::label::{self, cn_numeral};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};

pub struct Numbering;

impl CheckType for Numbering {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "numbering";
    const DOC: Doc = Doc {
        zh: "一级标题的序号与格式规定的不同（如“其他需要报告的事项”编为“七、”）。",
        en: "A top-level section numbered other than the format says (其他需要报告的事项 numbered 七、, say).",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title", "found"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Numbering)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for m in &cx.doc.sections {
            let (Some(label::Numbering::Top(n)), Some(def)) = (m.numbering, cx.format.section(&m.key)) else {
                continue;
            };
            if n == def.number {
                continue;
            }
            let expected = cn_numeral(def.number);
            out.report(
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
                .arg("found", format!("{}、", cn_numeral(n))),
            );
        }
    }
}
