//! A required top-level section is absent.

use super::{end_span, first_matches};
use crate::diag::Finding;
use crate::label::cn_numeral;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};
use crate::source::Span;

pub struct Missing;

impl CheckType for Missing {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "missing";
    const DOC: Doc = Doc {
        zh: "缺少格式规定的一级标题（所有 [[section]]）。标注在它应在的位置：下一个找到的一级标题前，或报告末尾。",
        en: "A top-level section the format requires (every `[[section]]`) is absent. Pointed at where it belongs: \
before the next section found, or at the end of the report.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["number", "title"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Missing)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        // The title alone: report-text-missing's one finding says it.
        if super::body_missing::title_alone(doc).is_some() {
            return;
        }
        let matches = first_matches(cx);
        for (i, m) in matches.iter().enumerate() {
            if m.is_some() {
                continue;
            }
            let def = &cx.format.sections[i];
            let expected = format!("{}、{}", cn_numeral(def.number), def.title);
            let next = matches[i + 1..].iter().find_map(|m| *m);
            let prev = matches[..i].iter().rev().find_map(|m| *m);
            let mut finding = match next {
                Some(n) => Finding::at(
                    n.heading,
                    cx.tr(
                        &format!("应在此标题之前加上“{expected}”"),
                        &format!("“{expected}” belongs before this heading"),
                    ),
                ),
                None => Finding::at(
                    Span::empty(end_span(doc).end),
                    cx.tr(
                        &format!("报告到此结束，缺少“{expected}”"),
                        &format!("the report ends here without “{expected}”"),
                    ),
                ),
            };
            if let (Some(p), None) = (prev, next) {
                finding = finding.secondary(p.heading, cx.tr("最后找到的一级标题", "the last section found"));
            }
            out.report(
                finding
                    .about(&def.key)
                    .arg("number", cn_numeral(def.number))
                    .arg("title", def.title.clone())
                    .note(cx.tr(
                        &format!("应有的标题：{expected}"),
                        &format!("expected heading: {expected}"),
                    )),
            );
        }
    }
}
