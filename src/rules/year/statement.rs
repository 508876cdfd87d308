//! A statement of the year's work that names another year.

use serde::Deserialize;
use toml::Spanned;

use super::{MARKER_PARAMS, MarkerParams, Markers, StatementMarkers, mentions, year_finding};
use crate::model::{VoteKind, YearVote};
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct Statement {
    markers: Markers,
    early_months: u32,
    earliest: i32,
    stale_earliest: i32,
    stale_in: Vec<String>,
    stale: Vec<Pattern>,
    not_stale: Vec<Pattern>,
    stale_lead: Vec<Pattern>,
    stale_subjectless_in: Vec<String>,
    carried_out: Option<Pattern>,
    late: Option<Pattern>,
    compared_with_before: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    subjects: Vec<Spanned<String>>,
    skip: Vec<Spanned<String>>,
    plan: Vec<Spanned<String>>,
    not_plan: Vec<Spanned<String>>,
    #[serde(default)]
    maybe_plan: Vec<Spanned<String>>,
    #[serde(default)]
    not_plan_after: Vec<Spanned<String>>,
    #[serde(default)]
    plan_before: Vec<Spanned<String>>,
    plan_window: usize,
    #[serde(default)]
    subjectless_in: Vec<String>,
    #[serde(default)]
    plans_in: Vec<String>,
    #[serde(default)]
    others: Vec<Spanned<String>>,
    comparison: Vec<Spanned<String>>,
    #[serde(default)]
    compared_with_before: Vec<Spanned<String>>,
    history: Vec<Spanned<String>>,
    #[serde(default)]
    past: Vec<Spanned<String>>,
    early_months: u32,
    earliest: i32,
    #[serde(default)]
    stale_earliest: Option<i32>,
    #[serde(default)]
    stale_in: Vec<String>,
    #[serde(default)]
    stale: Vec<Spanned<String>>,
    #[serde(default)]
    not_stale: Vec<Spanned<String>>,
    #[serde(default)]
    stale_lead: Vec<Spanned<String>>,
    #[serde(default)]
    stale_subjectless_in: Vec<String>,
    carried_out: Option<Spanned<String>>,
    late: Option<Spanned<String>>,
}

impl Statement {
    /// Whether the clause ending at a year carries out tasks (`……贯彻落实省2024年`).
    fn carried_out(&self, before: &str) -> bool {
        let Some(re) = &self.carried_out else { return false };
        let clause = before
            .rfind(['，', ',', '。', '；', ';', '：', ':'])
            .map_or(before, |i| &before[i..]);
        re.is_match(clause)
    }
}

impl CheckType for Statement {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "statement";
    const DOC: Doc = Doc {
        zh: "以年份开头、以本机关为主语的陈述句（“2021年，我局……”），以及 subjectless-in 各部分中以年份开头的句子、段落、\
条目，写的不是报告年度。比较（较上年、增至）、回顾（以来）、他人的行为、报告年度次年年初的日期不算；带计划标志的句子由 plan 检查。",
        en: "A clause that opens with a year and has the agency as subject (2021年，我局……), or in the subjectless-in \
sections any sentence, paragraph or item that opens with a year, names another year than the report's. Comparisons \
(较上年, 增至), looking back (以来), others' acts and dates early in the next year are fine; clauses with a plan \
marker are the plan check's.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        MARKER_PARAMS[0],
        MARKER_PARAMS[1],
        MARKER_PARAMS[2],
        MARKER_PARAMS[3],
        MARKER_PARAMS[4],
        MARKER_PARAMS[5],
        MARKER_PARAMS[6],
        MARKER_PARAMS[7],
        MARKER_PARAMS[8],
        MARKER_PARAMS[9],
        MARKER_PARAMS[10],
        ParamDoc {
            name: "comparison",
            doc: Doc {
                zh: "比较的标志（正则，如 较、同比）：这样的句子可以写更早的年份",
                en: "what marks a comparison (regexes: 较, 同比): such a clause may name an earlier year",
            },
        },
        ParamDoc {
            name: "compared-with-before",
            doc: Doc {
                zh: "比较也不能免除的句子（正则，从年份之后匹配）：年份开头陈述一项工作的一个数目，只与它的上一年比较\
（2020年，我局主动公开政府信息306条，同比增长8.1%。），多半是照搬上一年报告的句子",
                en: "sentences a comparison does not excuse (regexes, matched from after the year): a year opening a \
statement of one figure of its work compared only with the year before it (2020年，我局主动公开政府信息306条，同比增长\
8.1%。), most likely a sentence of last year's report left in",
            },
        },
        ParamDoc {
            name: "history",
            doc: Doc {
                zh: "回顾的标志（正则，如 以来、成立）：这样的句子可以写更早的年份",
                en: "what marks looking back (regexes: 以来, 成立): such a clause may name an earlier year",
            },
        },
        ParamDoc {
            name: "past",
            doc: Doc {
                zh: "在任何部分中，年份开头的句子在年份之后不远处（plan-window 以内）有这些写法（正则，如 取得了……成效、虽然），\
就是对所做工作的陈述，不论主语",
                en: "in any section, a sentence that opens with a year and has one of these soon after it (within \
plan-window; regexes: 取得了……成效, 虽然) tells what was done, whatever its subject",
            },
        },
        ParamDoc {
            name: "early-months",
            doc: Doc {
                zh: "报告年度次年的前几个月可以出现在陈述中（报告在那时编写）",
                en: "months of the next year a statement may name (the report is written then)",
            },
        },
        ParamDoc {
            name: "earliest",
            doc: Doc {
                zh: "只判断不早于“报告年度 + earliest”的年份（-1：上一年起）；更早的多是历史",
                en: "only years from the report year plus this are judged (-1: from last year); earlier ones are history",
            },
        },
        ParamDoc {
            name: "stale-earliest",
            doc: Doc {
                zh: "比 earliest 更早、不早于“报告年度 + stale-earliest”的年份，只在 stale-in 各部分的开头（或其小标题之后）的第一句、\
以本机关为主语、句中没有月份和别的年份、有 stale 的写法而没有 not-stale 的写法时判断：那是沿用旧报告的年度概述\
（“五、……\n2019年，我局政府信息公开工作还存在……”）",
                en: "years before `earliest` down to the report year plus this are judged only where they open the text of \
a stale-in section (or of a sub-heading in it), with the agency as subject, no month and no other year in the sentence, \
a stale pattern and no not-stale one: that is an old report's account of its year left in \
(五、……\n2019年，我局政府信息公开工作还存在……)",
            },
        },
        ParamDoc {
            name: "stale-in",
            doc: Doc {
                zh: "stale-earliest 适用的部分（key，如 overview、problems）",
                en: "the sections (keys: overview, problems) where stale-earliest applies",
            },
        },
        ParamDoc {
            name: "stale",
            doc: Doc {
                zh: "年度概述的写法（正则，如 领导下、坚持以、工作取得、还存在）：stale-earliest 只判断有这些写法的句子",
                en: "how a year's account is worded (regexes: 领导下, 坚持以, 工作取得, 还存在): stale-earliest judges only \
sentences with one of these",
            },
        },
        ParamDoc {
            name: "not-stale",
            doc: Doc {
                zh: "说明更早年份是往事的写法（正则，如 此后、已整改、目前）：有这些写法的句子 stale-earliest 不判断",
                en: "what makes an older year's sentence a look back (regexes: 此后, 已整改, 目前): stale-earliest leaves \
such sentences alone",
            },
        },
        ParamDoc {
            name: "stale-lead",
            doc: Doc {
                zh: "代替主语的写法（正则，如 领导下：“在市委、市政府的正确领导下，我局……”）：stale-earliest 也判断这样的句子",
                en: "what stands for the agency as subject (a regex: 领导下, 在市委、市政府的正确领导下，我局……): \
stale-earliest judges such sentences too",
            },
        },
        ParamDoc {
            name: "stale-subjectless-in",
            doc: Doc {
                zh: "这些部分（key，如 problems）开头的句子没有本机关主语也由 stale-earliest 判断（“2019年，政务信息公开工作虽然取得了……”）",
                en: "in these sections (keys: problems) stale-earliest judges an opening sentence without the agency as \
subject too (2019年，政务信息公开工作虽然取得了……)",
            },
        },
        ParamDoc {
            name: "carried-out",
            doc: Doc {
                zh: "上一年开头的句子里另有报告年度时，一般是比较或上年末的安排，不算错；但报告年度之前（同一分句内）有这些词（正则，如 贯彻、落实）\
时，那是本年要落实的任务（“2023年，我局……贯彻落实省2024年政务公开工作重点任务”），句子仍陈述本年的工作；只在 subjectless-in 各部分（五中本年的任务多是上一年问题的整改）",
                en: "a sentence opening with last year that names the report year too usually compares or tells of last \
December; not when these words (a regex: 贯彻, 落实) come before the report year in its clause: that year's tasks were \
carried out this year (2023年，我局……贯彻落实省2024年政务公开工作重点任务), so the sentence still tells this year's work; \
only in the subjectless-in sections (in 五 this year's tasks are mostly remedies for last year's problems)",
            },
        },
        ParamDoc {
            name: "late",
            doc: Doc {
                zh: "上一年年份之后的这些话（正则，如 底、第四季度）表示上一年末，那时可以为报告年度的任务作准备，carried-out 不适用；写了月份的也是",
                en: "words right after last year's year (a regex: 底, 第四季度) meaning its end, when this year's tasks may be \
prepared, so carried-out does not apply; a month written there counts too",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["year", "report_year", "expected"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let shared = MarkerParams {
            subjects: p.subjects,
            skip: p.skip,
            plan: p.plan,
            not_plan: p.not_plan,
            maybe_plan: p.maybe_plan,
            not_plan_after: p.not_plan_after,
            plan_before: p.plan_before,
            plan_window: p.plan_window,
            subjectless_in: p.subjectless_in,
            plans_in: p.plans_in,
            others: p.others,
        };
        Ok(Statement {
            markers: Markers::compile(
                shared,
                StatementMarkers {
                    comparison: &p.comparison,
                    history: &p.history,
                    past: &p.past,
                },
                cx,
            )?,
            early_months: p.early_months,
            earliest: p.earliest,
            stale_earliest: p.stale_earliest.unwrap_or(p.earliest),
            stale_in: p.stale_in,
            stale: cx.regexes(&p.stale)?,
            not_stale: cx.regexes(&p.not_stale)?,
            stale_lead: cx.regexes(&p.stale_lead)?,
            stale_subjectless_in: p.stale_subjectless_in,
            carried_out: p.carried_out.as_ref().map(|re| cx.regex(re)).transpose()?,
            late: p.late.as_ref().map(|re| cx.regex(re)).transpose()?,
            compared_with_before: cx.regexes(&p.compared_with_before)?,
        })
    }

    fn year_votes(&self, cx: &Context<'_>, costly: bool, out: &mut Vec<YearVote>) {
        if !costly {
            return;
        }
        // Statements only: not a plan, a comparison, a look back or a date.
        out.extend(
            mentions(cx.doc, cx.format, &self.markers)
                .into_iter()
                .filter(|m| m.plan.is_none() && !m.maybe_plan && !m.comparison && !m.history && m.month.is_none())
                .map(|m| YearVote {
                    year: m.year,
                    span: m.span,
                    kind: VoteKind::Statement,
                }),
        );
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        for m in mentions(cx.doc, cx.format, &self.markers) {
            // An older year only where it opens a section's text: a leftover from an old report.
            // The agency's own account, of that year alone (no month, no other year
            // beside it), with nothing that makes it a look back.
            let stale = || {
                let Some(section) = m.opens_section.map(|i| &cx.doc.sections[i].key) else {
                    return false;
                };
                let text = cx.doc.text(m.sentence);
                m.year >= y + self.stale_earliest
                    && self.stale_in.contains(section)
                    // (Or under higher authorities' lead, `在市委、市政府的正确领导下，我局……`; in
                    // 五 without one, `2019年，政务信息公开工作虽然取得了……`.)
                    && (m.subject
                        || self.stale_lead.iter().any(|re| re.is_match(text))
                        || self.stale_subjectless_in.contains(section))
                    && m.month.is_none()
                    && crate::years::years(text).count() == 1
                    && self.stale.iter().any(|re| re.is_match(text))
                    && !self.not_stale.iter().any(|re| re.is_match(text))
            };
            if m.plan.is_some() || m.year == y || (m.year < y + self.earliest && !stale()) {
                continue;
            }
            // A plan for next year or a statement of this year's work: fine either way.
            let maybe_planned = m.maybe_plan && m.year == y + 1;
            let early_next = m.year == y + 1 && m.month.is_some_and(|mo| mo <= self.early_months);
            // Last year's figure beside this year's (`2020年…567条，2021年为652条`) compares, and last
            // December's act may name this year (`2020年12月，印发《2021年工作要点》`); this year's tasks
            // carried out (`2020年，我局贯彻落实2021年工作要点`) are this year's work.
            let beside = || {
                let text = cx.doc.text(m.sentence);
                // Last December (`2020年12月`, `2020年底`) may prepare this year's tasks.
                let after = text.get(m.span.end.saturating_sub(m.sentence.start)..).unwrap_or("");
                let after = after.trim_start_matches(['年', '度']);
                let late = m.month.is_some() || self.late.as_ref().is_some_and(|re| re.is_match(after));
                // In 五 this year's tasks are the remedies for last year's problems
                // (`2023年，我局存在……问题，对此，我局对照2024年……逐项整改`).
                crate::years::years(text).any(|w| {
                    crate::label::parse_year(&text[w.digits.clone()]) == Some(y)
                        && (late || !m.work_told || !self.carried_out(&text[..w.digits.start]))
                })
            };
            // This year's figure in the clause after `；` (`2020年……480条；2021年，……520条`).
            let next_clause = || {
                let rest = cx.doc.source.text().get(m.sentence.end..).unwrap_or("");
                let rest = &rest[..rest.char_indices().nth(16).map_or(rest.len(), |(i, _)| i)];
                cx.doc.text(m.sentence).trim_end().ends_with(['；', ';'])
                    && crate::years::first_year(rest).is_some_and(|w| {
                        w.start() == rest.len() - rest.trim_start().len()
                            && crate::label::parse_year(&rest[w.digits]) == Some(y)
                    })
            };
            // One figure of the year's work compared only with the year before it
            // (`2020年，我局主动公开政府信息306条，同比增长8.1%。`): last year's sentence.
            let compared_with_before = || {
                let sentence = cx.doc.text(m.sentence);
                let after = sentence.get(m.span.end - m.sentence.start..).unwrap_or("");
                self.compared_with_before.iter().any(|re| re.is_match(after))
            };
            let compares = m.comparison && !compared_with_before();
            let looking_back = m.year < y && (compares || m.history || beside() || next_clause());
            if early_next || looking_back || maybe_planned {
                continue;
            }
            let why = cx
                .tr(
                    &format!("这句话陈述本机关所做的工作，应为报告年度 {y} 年"),
                    &format!("the sentence states what the agency did, so it is about {y}"),
                )
                .to_string();
            out.report(year_finding(cx, &m, y, y, why));
        }
    }
}
