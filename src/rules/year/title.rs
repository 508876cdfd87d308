//! A title naming another year than the one its body is about.
//!
//! The year rules check the body against the report year, read from the title.
//! When the title is the one that is wrong (`2018年……年度报告` over a body that
//! states 2019's work, counts from 1 January 2019 and is signed in January
//! 2020), every one of them would blame the body, and a year before the
//! current format would stop the checking altogether. So before any rule runs,
//! the other rules' evidence of the year ([`CheckType::year_votes`]) is
//! weighed here; when it outvotes the title, the report is checked against the
//! body's year and this rule reports the title.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::diag::Finding;
use crate::model::{Readability, TitleOverruled, VoteKind, YearJudgement, YearSource, YearVote};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct TitleYear {
    weigh: Weighing,
}

/// How much evidence settles a year: `min-kinds` kinds agreeing, a statement
/// kind counting from `min-statements` statements, or `statements-alone`
/// statements by themselves.
pub(super) struct Weighing {
    min_kinds: usize,
    min_statements: usize,
    statements_alone: usize,
}

impl Weighing {
    pub(super) fn new(p: Params) -> Weighing {
        Weighing {
            min_kinds: p.min_kinds.max(1),
            min_statements: p.min_statements.max(1),
            statements_alone: p.statements_alone.max(1),
        }
    }

    /// The one year the evidence settles, with its support (and `more`, a
    /// year's further evidence), strongest first, each place once; `None` when no year has
    /// enough, or the body names another by its period or enough statements.
    pub(super) fn agreed(&self, votes: &[YearVote], more: &dyn Fn(i32) -> Option<YearVote>) -> Option<Vec<YearVote>> {
        // The same place given by two rules (a user's copy of a check) counts once.
        let mut votes = votes.to_vec();
        votes.sort_by_key(|v| (v.span.start, v.span.end, v.kind, v.year));
        votes.dedup();
        let votes = votes.as_slice();
        let kinds_for = |year: i32| -> Vec<YearVote> {
            let enough = statements(votes, year) >= self.min_statements;
            let mut support: Vec<YearVote> = votes
                .iter()
                .filter(|v| v.year == year && (v.kind != VoteKind::Statement || enough))
                .copied()
                .collect();
            support.extend(more(year));
            support
        };
        // A plan counts beside other evidence of the year, not with the tables'
        // edition alone (an edition spans years; a plan is often left from last
        // year's report).
        let kinds = |support: &[YearVote]| {
            let kinds: BTreeSet<VoteKind> = support.iter().map(|v| v.kind).collect();
            let others = kinds
                .iter()
                .filter(|k| !matches!(k, VoteKind::Plan | VoteKind::Tables))
                .count();
            kinds.len() - usize::from(others == 0 && kinds.contains(&VoteKind::Plan))
        };
        let years: BTreeSet<i32> = votes.iter().map(|v| v.year).collect();
        let mut found: Option<Vec<YearVote>> = None;
        for year in years {
            let mut support = kinds_for(year);
            let statements = support.iter().filter(|v| v.kind == VoteKind::Statement).count();
            if kinds(&support) < self.min_kinds && statements < self.statements_alone {
                continue;
            }
            if found.is_some() {
                // Two years each with enough evidence: the body disagrees with itself.
                return None;
            }
            support.sort_by_key(|v| (v.kind, v.span.start));
            found = Some(support);
        }
        // Another year named by the period, or by enough statements: the body
        // disagrees with itself.
        let chosen = found.as_ref().and_then(|f| f.first()).map(|v| v.year)?;
        let split = votes.iter().any(|v| {
            v.year != chosen && (v.kind == VoteKind::Period || statements(votes, v.year) >= self.min_statements)
        });
        (!split).then_some(found?)
    }
}

/// The weighing's keys, the same for a title and its absence ([`super::untitled`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    min_kinds: usize,
    min_statements: usize,
    statements_alone: usize,
}

impl CheckType for TitleYear {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "title";
    const DOC: Doc = Doc {
        zh: "标题的年份与正文不符：正文没有一处指向标题的年份，而至少 min-kinds 类证据（统计期限、至少 min-statements 句\
陈述工作的句子、落款日期的上一年、计划所写年份的上一年、正文提到本报告时写的年份、各表所用的格式版本）一致指向另一年，或至少 statements-alone 句陈述工作的句子都写另一年，此时按正文的年份检查全文，只报告标题；\
但证据只有落款、计划和提到本报告之处（常是上一年报告的遗留），而各表用的是标题年份的格式版本、不是另一年的时，仍按标题检查；正文提到本报告时写的是标题的年份（常与标题一同写错），须统计期限、陈述工作的句子和落款三类都指向另一年才认定标题写错。",
        en: "The title's year disagrees with the body: nothing in the body points to the title's year, while at least \
min-kinds kinds of evidence (the statistics period, at least min-statements statements of the year's work, the year \
before the signature date, the year before the one plans are for, the year where the text names the report, the edition the tables follow) agree on another year, or at least statements-alone \
statements of the year's work all name another. The report is then checked against \
the body's year, and only the title is reported; unless the evidence is only the signature, plans and the text \
naming the report (often left from last year's) and the tables follow the title year's edition and not the other \
year's, when the title stands. Where the text names the report with the title's year (often written wrong with it), \
the period, the year's statements and the signature must all agree on another year.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "min-kinds",
            doc: Doc {
                zh: "至少这么多类证据一致指向另一年，才认定标题的年份写错",
                en: "how many kinds of evidence must agree on another year before the title's year is held wrong",
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
                zh: "陈述工作的句子有这么多句写同一年（且没有一句写标题的年份）时，不需要其他证据",
                en: "this many statements of the year's work naming one year (and none the title's) need no other evidence",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["year", "body_year"];
    const JUDGES_YEAR: bool = true;
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(TitleYear {
            weigh: Weighing::new(p),
        })
    }

    fn judge_year(
        &self,
        cx: &Context<'_>,
        votes: &mut Vec<YearVote>,
        costly: &dyn Fn(&mut Vec<YearVote>),
    ) -> Option<YearJudgement> {
        let title = cx.doc.report_year.filter(|r| r.source == YearSource::Title)?;
        let tables = tables_edition(cx);
        let tables_for = |year: i32| -> Option<YearVote> {
            let (edition, span) = tables?;
            let of = |y: i32| cx.format.edition_for_year(y).map(|e| e.id.as_str());
            (of(year) == Some(edition) && of(title.year) != Some(edition)).then_some(YearVote {
                year,
                span,
                kind: VoteKind::Tables,
            })
        };
        // Anything in the body for the title's year keeps it, but a plan: one
        // left from last year's report is common (titled 2019 by mistake, a
        // 2020 report's `2020年，我局将……` copied from 2019's points to 2019).
        // The text naming the report (`现将……2024年……报告`) is often written with
        // the title: it keeps the title only against less than the period, the
        // year's statements and the signature all agreeing on another year.
        let keeps = |votes: &[YearVote]| {
            votes
                .iter()
                .any(|v| v.year == title.year && !matches!(v.kind, VoteKind::Plan | VoteKind::SelfName))
        };
        // The title copied whole onto another line (a page's metadata, a saved
        // file's path) is the title again, not the text naming the report.
        let source = &cx.doc.source;
        let plain = |s: &str| crate::label::core(s).replace("年度", "年");
        let title_text = cx.doc.title.as_ref().map(|t| plain(&t.text)).filter(|t| !t.is_empty());
        let copies_title = |v: &YearVote| {
            let line = &source.text()[source.line_content_range(source.line_index(v.span.start))];
            title_text.as_ref().is_some_and(|t| plain(line).contains(t.as_str()))
        };
        let named = |votes: &[YearVote]| {
            votes
                .iter()
                .any(|v| v.year == title.year && v.kind == VoteKind::SelfName && !copies_title(v))
        };
        if keeps(votes) {
            return None;
        }
        costly(votes);
        if keeps(votes) {
            return None;
        }
        let named = named(votes);
        let votes = self.weigh.agreed(votes, &tables_for)?;
        let has = |kind: VoteKind| votes.iter().any(|v| v.kind == kind);
        if named && !(has(VoteKind::Period) && has(VoteKind::Statement) && has(VoteKind::Signature)) {
            return None;
        }
        // Tables of the title year's edition, not of the body's year, speak for
        // the title against what is often left from last year's report (its
        // release line, plans and date), though not against the period or
        // the year's statements (the tables may be of the old edition).
        let body = votes.first()?.year;
        // Tables of an edition first used after the body's year (the 2021
        // tables in a report whose body says 2020): the body is wrong, not the
        // title of the edition's years, whatever the body says.
        if let Some((edition, _)) = tables
            && let Some(e) = cx.format.editions.iter().find(|e| e.id == edition)
            && e.first_year > body
            && e.covers(title.year)
        {
            return None;
        }
        let leftovers_only = votes
            .iter()
            .all(|v| !matches!(v.kind, VoteKind::Period | VoteKind::Statement));
        if leftovers_only && let Some((edition, _)) = tables {
            let of = |y: i32| cx.format.edition_for_year(y).map(|e| e.id.as_str());
            if of(title.year) == Some(edition) && of(body) != Some(edition) {
                return None;
            }
        }
        Some(YearJudgement::TitleOverruled(TitleOverruled { title, votes }))
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(overruled) = &cx.doc.title_overruled else {
            return;
        };
        let Some(body) = cx.doc.report_year else { return };
        let (t, b) = (overruled.title.year, body.year);
        let mut finding = Finding::at(
            overruled.title.span,
            cx.tr(&format!("标题写的是 {t} 年"), &format!("the title says {t}")),
        )
        .arg("year", t.to_string())
        .arg("body_year", b.to_string());
        let mut said: Vec<String> = Vec::new();
        for kind in [
            VoteKind::Period,
            VoteKind::Statement,
            VoteKind::Signature,
            VoteKind::Plan,
            VoteKind::SelfName,
            VoteKind::Tables,
        ] {
            let of_kind: Vec<&YearVote> = overruled.votes.iter().filter(|v| v.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            let (label, summary) = match kind {
                VoteKind::Period => (
                    cx.tr(&format!("统计期限为 {b} 年"), &format!("the period is {b}"))
                        .to_string(),
                    cx.tr(&format!("统计期限为 {b} 年"), &format!("the statistics period is {b}"))
                        .to_string(),
                ),
                VoteKind::Statement => (
                    cx.tr(&format!("陈述 {b} 年的工作"), &format!("states the work of {b}"))
                        .to_string(),
                    cx.tr(
                        &format!("{} 句陈述工作的句子写 {b} 年", of_kind.len()),
                        &format!("{} statements of the year's work name {b}", of_kind.len()),
                    )
                    .to_string(),
                ),
                VoteKind::Signature => (
                    cx.tr("落款日期", "the signature date").to_string(),
                    cx.tr(
                        &format!("落款日期在 {} 年", b + 1),
                        &format!("the signature is dated {}", b + 1),
                    )
                    .to_string(),
                ),
                VoteKind::Plan => (
                    cx.tr(&format!("计划写 {} 年", b + 1), &format!("a plan for {}", b + 1))
                        .to_string(),
                    cx.tr(
                        &format!("计划写的是 {} 年", b + 1),
                        &format!("the plans are for {}", b + 1),
                    )
                    .to_string(),
                ),
                VoteKind::SelfName => (
                    cx.tr(&format!("提到本报告：{b} 年"), &format!("names this report: {b}"))
                        .to_string(),
                    cx.tr(
                        &format!("正文提到本报告时写的是 {b} 年"),
                        &format!("the text names this report as {b}'s"),
                    )
                    .to_string(),
                ),
                VoteKind::Tables => {
                    let edition = cx.format.edition_for_year(b).map(|e| e.id.as_str()).unwrap_or_default();
                    (
                        cx.tr(
                            &format!("{edition} 年版格式的表"),
                            &format!("a table of edition {edition}"),
                        )
                        .to_string(),
                        cx.tr(
                            &format!("各表用的是 {edition} 年版格式"),
                            &format!("the tables follow edition {edition}"),
                        )
                        .to_string(),
                    )
                }
            };
            for v in &of_kind {
                finding = finding.secondary(v.span, label.clone());
            }
            said.push(summary);
        }
        let sep = cx.tr("；", "; ");
        finding = finding.note(cx.tr(
            &format!("正文指向 {b} 年：{}；没有一处指向 {t} 年", said.join(sep)),
            &format!("the body points to {b}: {}; nothing in it to {t}", said.join(sep)),
        ));
        finding = finding.note(cx.tr(
            &format!("其余各项按 {b} 年度检查；如果标题没错，请改正文"),
            &format!("the rest is checked as a report for {b}; if the title is right, correct the body"),
        ));
        out.report(finding);
    }
}

/// How many statements of the year's work name `year`.
fn statements(votes: &[YearVote], year: i32) -> usize {
    votes
        .iter()
        .filter(|v| v.kind == VoteKind::Statement && v.year == year)
        .count()
}

/// The edition every table read with one follows, and where the first starts.
fn tables_edition<'c>(cx: &Context<'c>) -> Option<(&'c str, Span)> {
    let mut tables = cx
        .doc
        .tables
        .iter()
        .filter(|t| t.readable == Readability::Ok && t.edition.is_some());
    let first = tables.next()?;
    let edition = first.edition.as_deref()?;
    tables
        .all(|t| t.edition.as_deref() == Some(edition))
        .then(|| (edition, cx.first_line(first.span)))
}
