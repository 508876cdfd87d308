//! A plan that names the report year instead of the next.

use super::{MARKER_PARAMS, MarkerParams, Markers, StatementMarkers, mentions, year_finding};
use crate::model::{VoteKind, YearVote};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct Plan {
    markers: Markers,
}

impl CheckType for Plan {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "plan";
    const DOC: Doc = Doc {
        zh: "以年份开头、以本机关为主语（或在 subjectless-in 各部分中开头）、年份之后不远处有计划标志（将、下一步、计划于……）的句子，\
写的不是下一年（报告年度、上一年或更晚的年份）。在 plans-in 各部分（内置规则为第五部分）里，句中没有了、已等完成标志时，\
不写主语的计划（2025年，将重点……）也算。",
        en: "A clause that opens with a year, has the agency as subject (or opens a sentence in the subjectless-in \
sections) and a plan marker soon after (将, 下一步, 计划于…) names another year than the next (the report year, the \
one before, or a later one). In the plans-in sections (section 五 in the built-in rules), a plan without a subject counts too \
(2025年，将重点……) when nothing in it says the work is done (了, 已).",
    };
    const PARAMS: &'static [ParamDoc] = &MARKER_PARAMS;
    const PLACEHOLDERS: &'static [&'static str] = &["year", "report_year", "expected"];
    type Params = MarkerParams;

    fn compile(p: MarkerParams, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Plan {
            markers: Markers::compile(
                p,
                StatementMarkers {
                    comparison: &[],
                    history: &[],
                    past: &[],
                },
                cx,
            )?,
        })
    }

    fn year_votes(&self, cx: &Context<'_>, costly: bool, out: &mut Vec<YearVote>) {
        if !costly {
            return;
        }
        // A plan is for the year after the report's.
        out.extend(
            mentions(cx.doc, cx.format, &self.markers)
                .into_iter()
                // Not a deadline: it may be a goal years ahead (`力争到2025年底`).
                .filter(|m| m.plan.is_some() && m.month.is_none() && !m.deadline)
                .map(|m| YearVote {
                    year: m.year - 1,
                    span: m.span,
                    kind: VoteKind::Plan,
                }),
        );
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        for m in mentions(cx.doc, cx.format, &self.markers) {
            let Some(marker) = &m.plan else { continue };
            // A plan is for the next year: the report year, or any other, is wrong.
            // A deadline further on is a goal (`力争到2025年底`).
            if m.year == y + 1 || m.year < y - 1 || (m.deadline && m.year > y) {
                continue;
            }
            let why = cx
                .tr(
                    &format!("这句话含“{marker}”，是下一步的计划，应写 {} 年", y + 1),
                    &format!("the sentence says “{marker}”: it is a plan, for {}", y + 1),
                )
                .to_string();
            out.report(year_finding(cx, &m, y, y + 1, why));
        }
    }
}
