//! A report whose title names no year, and no statistics period either: the
//! year its body agrees on.
//!
//! Text taken from a web page often starts with the body, the title left in the
//! page's header. Rather than skip every year check, the rules' evidence of the
//! year ([`CheckType::year_votes`]) is weighed as for a title the body
//! contradicts ([`super::title`]); when it settles one year, the report is
//! checked against it and this rule says so once, pointing at the evidence.

use super::title::{Params, Weighing};
use crate::diag::Finding;
use crate::model::{VoteKind, YearJudgement, YearSource, YearVote};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct Untitled {
    weigh: Weighing,
}

impl CheckType for Untitled {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "untitled";
    const DOC: Doc = Doc {
        zh: "标题和统计期限都没有写年份时，按正文推定报告年度：至少 min-kinds 类证据（至少 min-statements 句陈述工作的句子、\
落款日期的上一年、正文提到本报告时写的年份；下一步计划不算）一致指向同一年，或至少 statements-alone 句陈述工作的句子都写这一年，且正文没有另一年同样多的证据。\
此时按这一年检查全文，并在此说明一次。",
        en: "Where neither the title nor a statistics period names a year, the report year is taken from the body: at \
least min-kinds kinds of evidence (at least min-statements statements of the year's work, the year before the \
signature date, the year where the text names the report; plans do not count) agree on one year, or at least statements-alone statements of the year's work all name it, and the \
body gives no other year as much. The report is then checked against that year, and this is said once.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "min-kinds",
            doc: Doc {
                zh: "至少这么多类证据一致指向同一年，才按它检查",
                en: "how many kinds of evidence must agree on a year before the report is checked against it",
            },
        },
        ParamDoc {
            name: "min-statements",
            doc: Doc {
                zh: "陈述工作的句子至少这么多句写同一年，才算一类证据",
                en: "how many statements of the year's work must name one year to count as evidence",
            },
        },
        ParamDoc {
            name: "statements-alone",
            doc: Doc {
                zh: "陈述工作的句子有这么多句写同一年时，不需要其他证据",
                en: "this many statements of the year's work naming one year need no other evidence",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["year"];
    const JUDGES_YEAR: bool = true;
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Untitled {
            weigh: Weighing::new(p),
        })
    }

    fn judge_year(
        &self,
        cx: &Context<'_>,
        votes: &mut Vec<YearVote>,
        costly: &dyn Fn(&mut Vec<YearVote>),
    ) -> Option<YearJudgement> {
        // A period with no title naming a year is weighed like a title: one
        // kept from last year's opening is outvoted by a body that agrees on
        // another year and names the period's nowhere.
        let period = match cx.doc.report_year {
            None => None,
            Some(r) if r.source == YearSource::Period => Some(r.year),
            Some(_) => return None,
        };
        // Only a period the period's own check reads (after 统计期限 and the
        // like), which then reports it; and not one the signature agrees with
        // (both known before the costly evidence is gathered).
        if let Some(year) = period {
            let read = votes.iter().any(|v| v.kind == VoteKind::Period && v.year == year);
            let signed = votes.iter().any(|v| v.kind == VoteKind::Signature && v.year == year);
            if !read || signed {
                return None;
            }
        }
        costly(votes);
        // Plans are evidence against a title only: without one, the year they
        // are read from must stand on what the report says of itself.
        votes.retain(|v| v.kind != VoteKind::Plan);
        if let Some(year) = period {
            votes.retain(|v| v.kind != VoteKind::Period);
            if votes.iter().any(|v| v.year == year) {
                return None;
            }
        }
        // The tables' edition spans years: no evidence of one.
        let agreed = self.weigh.agreed(votes, &|_| None)?;
        // Against a period, the year's work must say so: a signature and the
        // report naming itself may be left from last year's.
        // One statement is enough beside two other kinds (the report naming
        // itself and the signature, both the same year).
        let year = agreed.first().map(|v| v.year);
        let outvoted = period.is_none()
            || agreed.iter().any(|v| v.kind == VoteKind::Statement)
            || votes
                .iter()
                .any(|v| v.kind == VoteKind::Statement && Some(v.year) == year);
        outvoted.then_some(YearJudgement::Untitled(agreed))
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(year) = cx.doc.report_year.filter(|r| r.source == YearSource::Untitled) else {
            return;
        };
        // A period the body outvoted is reported by the period's own check.
        if cx.doc.period_overruled.is_some() {
            return;
        }
        let y = year.year;
        let votes = &cx.doc.untitled_votes;
        let statements = votes.iter().filter(|v| v.kind == VoteKind::Statement).count();
        let mut finding = Finding::at(
            year.span,
            cx.tr(&format!("据此按 {y} 年度检查"), &format!("checked as a report for {y}")),
        )
        .arg("year", y.to_string());
        for v in votes.iter().filter(|v| v.span != year.span) {
            finding = finding.secondary(v.span, super::vote_label(cx, v.kind));
        }
        let mut said: Vec<String> = Vec::new();
        if statements > 0 {
            said.push(
                cx.tr(
                    &format!("{statements} 句陈述工作的句子写 {y} 年"),
                    &format!("{statements} statements of the year's work name {y}"),
                )
                .to_string(),
            );
        }
        if votes.iter().any(|v| v.kind == VoteKind::SelfName) {
            said.push(
                cx.tr(
                    &format!("正文提到本报告时写的是 {y} 年"),
                    &format!("the text names this report as {y}'s"),
                )
                .to_string(),
            );
        }
        if votes.iter().any(|v| v.kind == VoteKind::Signature) {
            said.push(
                cx.tr(
                    &format!("落款日期在 {} 年", y + 1),
                    &format!("the signature is dated {}", y + 1),
                )
                .to_string(),
            );
        }
        finding = finding.note(cx.tr(
            &format!("标题和统计期限都没有写年份；正文指向 {y} 年：{}", said.join("；")),
            &format!(
                "neither the title nor a statistics period names a year; the body points to {y}: {}",
                said.join("; ")
            ),
        ));
        out.report(finding);
    }
}
