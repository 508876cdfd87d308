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
        zh: "缺少格式规定的一级标题（所有 [[section]]）。标注在它应在的位置：这一部分的统计表排在前一部分之下时，在表上\
（标题多半就是在表前删掉的）；否则在下一个找到的一级标题前，或报告末尾。",
        en: "A top-level section the format requires (every `[[section]]`) is absent. Pointed at where it belongs: at \
the section's own table when that stands under the section before (the heading was most likely deleted right above \
it); otherwise before the next section found, or at the end of the report.",
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
            // The section's own table standing under the section before it:
            // the heading was left out right above it (`三、……` deleted, 表三
            // run on under 二).
            let from = prev.map_or(0, |p| p.heading.end);
            let own_table = doc.tables.iter().find(|t| {
                cx.format.tables[t.schema].section.as_deref() == Some(def.key.as_str())
                    && t.span.start >= from
                    && next.is_none_or(|n| t.span.end <= n.heading.start)
            });
            let mut finding = match (own_table, next) {
                (Some(t), _) => Finding::at(
                    trimmed(doc, cx.first_line(t.span)),
                    cx.tr(
                        &format!("这张表属于第{}部分，应在它之前加上“{expected}”", cn_numeral(def.number)),
                        &format!(
                            "this table is section {}'s: “{expected}” belongs before it",
                            cn_numeral(def.number)
                        ),
                    ),
                ),
                (None, Some(n)) => Finding::at(
                    n.heading,
                    cx.tr(
                        &format!("应在此标题之前加上“{expected}”"),
                        &format!("“{expected}” belongs before this heading"),
                    ),
                ),
                (None, None) => Finding::at(
                    Span::empty(end_span(doc).end),
                    cx.tr(
                        &format!("报告到此结束，缺少“{expected}”"),
                        &format!("the report ends here without “{expected}”"),
                    ),
                ),
            };
            match (own_table, prev, next) {
                (None, Some(p), None) => {
                    finding = finding.secondary(p.heading, cx.tr("最后找到的一级标题", "the last section found"));
                }
                (Some(_), Some(p), _) => {
                    finding = finding.secondary(p.heading, cx.tr("表现在所在的部分", "the section it now stands in"));
                }
                _ => {}
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

/// `span` without the blank space that ends it (a tab row's empty cells).
fn trimmed(doc: &crate::model::Document, span: Span) -> Span {
    let text = doc.text(span);
    let kept = text.trim_end_matches(crate::label::is_space).len();
    Span::new(span.start, span.start + kept.max(1).min(text.len()))
}
