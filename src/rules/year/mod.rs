//! Kind `year`: years and editions that do not belong. Reports are copied
//! forward from last year's or drafted early under the wrong year.
//!
//! Only years that state the agency's work are judged: opening a clause with
//! the agency as its subject (before or after the year), or opening a sentence
//! of the overview or one that tells what was done. Years inside 《》, 〔〕, []
//! and quotes, document numbers, spans of years, comparisons and history are
//! left alone. The patterns are parameters, so an office can tune them.

pub mod calendar;
pub mod deadline;
pub mod edition;
pub mod issuer;
pub mod period;
pub mod period_days;
pub mod plan;
pub mod previous;
pub mod publication;
pub mod self_agency;
pub mod self_name;
pub mod self_reference;
pub mod signature;
pub mod signed_after;
pub mod statement;
pub mod title;
pub mod unknown;
pub mod untitled;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::format::Format;
use crate::label::{is_space, parse_small_number, parse_year, to_halfwidth};
use crate::model::{Document, VoteKind, YearSource};
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{Compile, Context, Doc, ParamDoc};
use crate::source::Span;

pub const DOC: Doc = Doc {
    zh: "年份和格式版本：报告年度能否确定，陈述工作的句子和下一步计划写的年份，统计表的格式版本，落款日期和页头的发布日期是否在报告年度之后、是否逾期。",
    en: "Years and editions: whether the report year is known, the years named by statements of the year's work \
and by plans, the edition the tables follow, and whether the signature date and a page header's publication date are after the \
report year and on time.",
};

/// How the name of an agency ends, right before a signature date on a page
/// scraped into one line whose title (and so the agency) was lost.
const ISSUER_ENDINGS: [&str; 8] = [
    "厅",
    "局",
    "委员会",
    "人民政府",
    "管理委员会",
    "管委会",
    "办公室",
    "办公厅",
];

/// The agency's name that ends `text`: two characters or more (no space,
/// digit or 、，。；：) then one of [`ISSUER_ENDINGS`]; what
/// `[^\s，。；：、0-9]{2,}(?:厅|局|委员会|人民政府|管理委员会|管委会|办公室|办公厅)$` matches.
fn issuer_name_ending(text: &str) -> Option<&str> {
    let outside = |c: char| c.is_whitespace() || c.is_ascii_digit() || "，。；：、".contains(c);
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !outside(c))
        .last()
        .map(|(i, _)| i)?;
    let mut name = &text[start..];
    // Section 六's `无` run into the name (`……其他需要报告的事项无平潭综合实验区行政审批局`).
    if let Some(at) = name.find('无')
        && nothing_else_to_report(&text[..start + at + '无'.len_utf8()])
    {
        name = &name[at + '无'.len_utf8()..];
    }
    let chars = name.chars().count();
    ISSUER_ENDINGS
        .iter()
        .any(|e| name.ends_with(e) && chars >= e.chars().count() + 2)
        .then_some(name)
}

/// Whether `text` ends with section 六 saying there is nothing to report:
/// its heading's last words, then `无`.
pub(super) fn nothing_else_to_report(text: &str) -> bool {
    text.strip_suffix('无').is_some_and(|head| {
        head.trim_end_matches(|c: char| is_space(c) || matches!(c, '：' | ':'))
            .ends_with("事项")
    })
}

/// After `我局2019年`, a noun phrase, not a statement: what was made that
/// year (`制定的《办法》`), or a report's title (`政府信息公开工作年度报告`);
/// what `^(?:[^，。；、,;《“（(]{0,6}?的|度?[^，。；]{0,12}?报告)` matches.
fn opens_noun_phrase(rest: &str) -> bool {
    // 的 within seven characters, none of them a clause's end or an opening.
    for c in rest.chars().take(7) {
        if c == '的' {
            return true;
        }
        if "，。；、,;《“（(".contains(c) {
            break;
        }
    }
    // 报告 within thirteen characters (after an optional 度), none a clause's end.
    let report_within = |s: &str| {
        for (k, (i, c)) in s.char_indices().enumerate() {
            if s[i..].starts_with("报告") {
                return true;
            }
            if k == 12 || "，。；".contains(c) {
                return false;
            }
        }
        false
    };
    report_within(rest) || rest.strip_prefix('度').is_some_and(report_within)
}

/// After a year, the end of a span of years: `至2020年`, `—2022年`; what
/// `^\s*(?:至|到|—|－|-|~|～)\s*(?:(?:19|20)[0-9]{2}|[１２][０-９]{3})\s*年` matches.
fn ends_a_span_of_years(rest: &str) -> bool {
    let Some(rest) = rest
        .trim_start_matches(char::is_whitespace)
        .strip_prefix(['至', '到', '—', '－', '-', '~', '～'])
    else {
        return false;
    };
    let rest = rest.trim_start_matches(char::is_whitespace);
    crate::years::first_year(rest)
        .is_some_and(|y| y.start() == 0 && !rest.starts_with(|c: char| "〇○零一二三四五六七八九".contains(c)))
}

/// Whether `rest` is a full date and nothing more (spaces and a full stop aside).
fn is_date_alone(rest: &str) -> bool {
    crate::years::date_at_start(rest)
        .or_else(|| crate::years::unfilled_date_at_start(rest))
        .is_some_and(|d| {
            rest[d.whole.end..]
                .trim_matches(|c: char| is_space(c) || matches!(c, '。' | '.'))
                .is_empty()
        })
}

/// Where a sentence ends, for year mentions.
const CLAUSE_ENDS: &[char] = &['。', '！', '？', '；'];

/// Words that tell a plan's deadline was met or missed: the sentence tells
/// what became of last year's plan.
const DEADLINE_MET: &[&str] = &[
    "已完成",
    "已按",
    "已如期",
    "已于",
    "已经",
    "已投入",
    "已上线",
    "已建成",
    "已全部",
    "现已",
    "目前已",
    "如期",
    "按期",
    "按时完成",
    "提前完成",
    "尚未",
    "未能",
    "未完成",
    "延期",
    "推迟",
    "顺利完成",
    "均已",
    "完成了",
    "实际",
];

/// After a deadline's year, an attribute (`计划于2021年6月上线的网站`, `拟于2021年出台的文件`:
/// 的 within five characters, no 前 before it) or a report's name (`将在2021年度报告公开后`).
fn deadline_is_attribute(rest: &str) -> bool {
    let head: String = rest.chars().take(5).collect();
    let attribute = head.find('的').is_some_and(|at| !head[..at].contains('前'));
    attribute || (opens_noun_phrase(rest) && !rest.chars().take(7).any(|c| c == '的'))
}

/// How far before a year a plan marker opening the clause before it is
/// looked for, in bytes (`下一步，` and spaces).
const PLAN_LEAD_REACH: usize = 48;

/// How far before an item's clause the colon opening its list is looked
/// for, in bytes: a few items.
const PLAN_LIST_REACH: usize = 600;

/// How far back from the end a page scraped into one line is searched for its
/// signature, in bytes: past a site's footer and links.
const SCRAPED_TAIL: usize = 12_000;

/// A secondary label at a piece of the body's evidence of its year.
pub(crate) fn vote_label(cx: &Context<'_>, kind: VoteKind) -> &'static str {
    match kind {
        VoteKind::Signature => cx.tr("落款日期", "the signature date"),
        VoteKind::Plan => cx.tr("下一年的计划", "the next year's plan"),
        VoteKind::SelfName => cx.tr("提到本报告", "names this report"),
        _ => cx.tr("陈述这一年的工作", "states the year's work"),
    }
}

/// The agency named in the title ([`Document::agency`]).
pub(crate) fn agency(doc: &Document) -> Option<String> {
    doc.agency()
}

/// The parameters that decide how a year mention is read, shared by the
/// statement and plan checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkerParams {
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
}

pub(crate) const MARKER_PARAMS: [ParamDoc; 11] = [
    ParamDoc {
        name: "subjects",
        doc: Doc {
            zh: "年份之后的主语（正则，如 我局、本机关）；标题中的机关名称自动加入",
            en: "the subject after the year (regexes: 我局, 本机关); the agency's name from the title is added",
        },
    },
    ParamDoc {
        name: "skip",
        doc: Doc {
            zh: "其中的年份不判断的片段（正则，如书名号、文号）",
            en: "spans whose years are not judged (regexes: 《…》, document numbers)",
        },
    },
    ParamDoc {
        name: "plan",
        doc: Doc {
            zh: "计划的标志（正则，如 将、下一步）",
            en: "what marks a plan (regexes: 将, 下一步)",
        },
    },
    ParamDoc {
        name: "not-plan",
        doc: Doc {
            zh: "看似计划标志却不是的写法（正则，如“将……纳入”）",
            en: "look-alikes of a plan marker that are not one (regexes: 将……纳入)",
        },
    },
    ParamDoc {
        name: "maybe-plan",
        doc: Doc {
            zh: "既可能是计划也可能是陈述的写法（正则，如“将”作“把”讲：“将政务公开工作纳入考核”）：年份为报告年度或次年都不算错，其他年份按陈述判断",
            en: "what may mark a plan or a statement (regexes: 将 as 把, 将政务公开工作纳入考核): the report year and the \
next are both fine, any other year is judged as a statement",
        },
    },
    ParamDoc {
        name: "not-plan-after",
        doc: Doc {
            zh: "从年份到计划标志（含标志本身）出现这些写法（已做的事，如“共收到……26件”；按计划做的事，如“按计划开展”）时，\
该标志不算计划（“……26件，……并将申请人所需信息发送给申请人”）",
            en: "from the year to a plan marker, the marker included, what tells what was done (regexes: a count such \
as 26件; work done to a plan, 按计划开展): the marker is not a plan (……共收到申请26件，……并将所需信息发送给申请人)",
        },
    },
    ParamDoc {
        name: "plan-before",
        doc: Doc {
            zh: "在 plans-in 各部分中，紧挨在年份之前、说明这个年份是计划期限的写法（正则，须匹配到年份前为止，如“将于”“力争于”“计划在”）：\
“力争于2021年6月底前完成……”是计划，句中没有了、已等完成标志时按计划判断",
            en: "in the plans-in sections, what right before a year makes it a plan's deadline (regexes matched up to \
the year: 将于, 力争于, 计划在): 力争于2021年6月底前完成…… is a plan, judged as one when nothing in it says the work is \
done (了, 已)",
        },
    },
    ParamDoc {
        name: "plan-window",
        doc: Doc {
            zh: "计划标志须在年份之后多少个字以内",
            en: "how many characters after the year a plan marker counts",
        },
    },
    ParamDoc {
        name: "subjectless-in",
        doc: Doc {
            zh: "在这些部分（key，如 overview）中，年份开头的句子、段落或条目不论主语都判断（“2021年，先后印发……”）",
            en: "in these sections (keys: overview), a year opening a sentence, paragraph or item is judged whatever \
follows it (2021年，先后印发……)",
        },
    },
    ParamDoc {
        name: "plans-in",
        doc: Doc {
            zh: "在这些部分（key，如 problems）中，年份开头、其后不远处有计划标志的句子不论主语都是计划（“2022年，将重点……”）",
            en: "in these sections (keys: problems), a sentence opening with a year and a plan marker soon after is a \
plan whatever its subject (2022年，将重点……)",
        },
    },
    ParamDoc {
        name: "others",
        doc: Doc {
            zh: "没有本机关主语的句子中，说明年份不是本机关工作的写法（正则：上级机关紧跟年份、统计期限等）",
            en: "in a sentence without the agency as subject, what makes the year not the agency's work (regexes: \
a higher authority right after the year, the statistics period)",
        },
    },
];

/// Compiled [`MarkerParams`], plus the statement check's own.
pub(crate) struct Markers {
    subjects: Vec<Pattern>,
    skip: Vec<Pattern>,
    plan: Vec<Pattern>,
    not_plan: Vec<Pattern>,
    maybe_plan: Vec<Pattern>,
    not_plan_after: Vec<Pattern>,
    plan_before: Vec<Pattern>,
    plan_window: usize,
    subjectless_in: Vec<String>,
    plans_in: Vec<String>,
    others: Vec<Pattern>,
    /// Stands for the markers above: checks with the same share their
    /// [`Candidate`]s.
    shared_key: u64,
    comparison: Vec<Pattern>,
    history: Vec<Pattern>,
    /// What makes a year opening a sentence an account of work done, in any
    /// section (the statement check's).
    past: Vec<Pattern>,
}

/// The statement check's own markers, compiled with the shared ones.
pub(crate) struct StatementMarkers<'a> {
    pub comparison: &'a [Spanned<String>],
    pub history: &'a [Spanned<String>],
    pub past: &'a [Spanned<String>],
}

impl Markers {
    fn compile(p: MarkerParams, own: StatementMarkers<'_>, cx: &Compile<'_>) -> Result<Markers, RuleFileError> {
        if p.subjects.is_empty() || p.plan.is_empty() {
            return Err(cx.rule_error("`subjects` and `plan` each need at least one pattern"));
        }
        let shared_key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            "year mentions".hash(&mut h);
            for list in [
                &p.subjects,
                &p.skip,
                &p.plan,
                &p.not_plan,
                &p.maybe_plan,
                &p.not_plan_after,
                &p.plan_before,
                &p.others,
            ] {
                list.iter().map(|s| s.get_ref()).collect::<Vec<_>>().hash(&mut h);
            }
            (p.plan_window, &p.subjectless_in, &p.plans_in).hash(&mut h);
            h.finish()
        };
        Ok(Markers {
            shared_key,
            subjects: cx.regexes(&p.subjects)?,
            skip: cx.regexes(&p.skip)?,
            plan: cx.regexes(&p.plan)?,
            not_plan: cx.regexes(&p.not_plan)?,
            maybe_plan: cx.regexes(&p.maybe_plan)?,
            not_plan_after: cx.regexes(&p.not_plan_after)?,
            plan_before: cx.regexes(&p.plan_before)?,
            plan_window: p.plan_window,
            subjectless_in: p.subjectless_in,
            plans_in: p.plans_in,
            others: cx.regexes(&p.others)?,
            comparison: cx.regexes(own.comparison)?,
            history: cx.regexes(own.history)?,
            past: cx.regexes(own.past)?,
        })
    }
}

/// One year mention that opens a clause with the agency as subject, or opens
/// a sentence where that is enough.
struct Mention {
    span: Span,
    year: i32,
    month: Option<u32>,
    /// The plan marker near it, quoted.
    plan: Option<String>,
    /// A marker near it that may be a plan's or a statement's (`将` as 把).
    maybe_plan: bool,
    /// Its sentence.
    sentence: Span,
    comparison: bool,
    history: bool,
    /// In a section where the year's work is told (`subjectless-in`).
    work_told: bool,
    /// The section (its index in the document) whose text, or a sub-heading's,
    /// it opens (`五、……\n2019年，我局……`).
    opens_section: Option<usize>,
    /// The agency is its subject (`2019年，我局……`).
    subject: bool,
    /// A plan's deadline (`力争于2021年6月底前`): a later year is a goal.
    deadline: bool,
}

/// A year opening a clause, with what the markers the statement and plan
/// checks share say of it: worked out once per document for both, each then
/// applying its own (`past`, `comparison`, `history`).
struct Candidate {
    span: Span,
    year: i32,
    month: Option<u32>,
    plan: Option<String>,
    maybe_plan: bool,
    /// Its sentence, and the text within `plan-window` after the year.
    sentence: Span,
    near: Span,
    subject: bool,
    opens_sentence: bool,
    subjectless_here: bool,
    plans_here: bool,
    others: bool,
    opens_section: Option<usize>,
    /// A plan's deadline, by the words right before it (`力争于2021年6月底前`).
    deadline: bool,
}

fn mentions(doc: &Document, format: &Format, markers: &Markers) -> Vec<Mention> {
    let candidates = doc
        .memo
        .get_or_make(markers.shared_key, || candidates(doc, format, markers));
    candidates
        .iter()
        .filter(|c| {
            // Without the agency as subject, a year opening a sentence of the
            // overview, or one that tells what was done (anywhere; in the
            // overview also after a comma: `按照……要求，2023年未收取……`), is
            // still a statement of its work, unless it is others'; in the
            // plans-in sections, one with a plan marker is a plan (`2022年，将重点……`).
            let past = || markers.past.iter().any(|re| re.is_match(doc.text(c.near)));
            // A plan without a subject says nothing done (`将专栏进行了改版` is 把).
            let done = || doc.text(c.near).contains(['了', '已']);
            c.subject
                || !c.others
                    && ((c.opens_sentence
                        && (c.subjectless_here || (c.plans_here && c.plan.is_some() && !done()) || past()))
                        || (c.subjectless_here && past())
                        || (c.deadline && !done()))
        })
        .map(|c| {
            let text = doc.text(c.sentence);
            Mention {
                span: c.span,
                year: c.year,
                month: c.month,
                plan: c.plan.clone(),
                maybe_plan: c.maybe_plan,
                sentence: c.sentence,
                comparison: markers.comparison.iter().any(|re| re.is_match(text)),
                history: markers.history.iter().any(|re| re.is_match(text)),
                work_told: c.subjectless_here,
                opens_section: c.opens_section,
                subject: c.subject,
                deadline: c.deadline,
            }
        })
        .collect()
}

/// The year mentions that may be a check's, before its own markers.
fn candidates(doc: &Document, format: &Format, markers: &Markers) -> Vec<Candidate> {
    // Without a title, the signature's issuer names the agency (its short
    // name may be a statement's subject: `2019年，省人社厅坚持……`).
    let agency = agency(doc).or_else(|| signed_by(doc));
    // Where headings end: a year right after one opens its text, even run on in
    // a flattened page (`一、总体情况　　2021年，我厅……`), where the heading's
    // span runs on too: it ends after the section's title.
    let mut heading_ends: Vec<usize> = doc
        .sections
        .iter()
        .flat_map(|s| {
            let text = doc.text(s.heading);
            let title_end = format.section(&s.key).and_then(|def| {
                std::iter::once(&def.title_core)
                    .chain(&def.alternatives)
                    .filter(|t| !t.is_empty())
                    .filter_map(|t| text.find(t.as_str()).map(|i| i + t.len()))
                    .min()
            });
            [Some(s.heading.end), title_end.map(|e| s.heading.start + e)]
        })
        .flatten()
        .chain(doc.outline.iter().filter(|i| i.heading).map(|i| i.span.end))
        .collect();
    heading_ends.sort_unstable();
    // Where any item's words end too (`（一）主动公开情况。2019年，……` run into its text).
    // Only a numbered item's title (`（一）主动公开情况。`), not a sentence (`（一）我局……。`, `一是……`).
    let titled = |i: &&crate::model::OutlineItem| {
        !matches!(i.kind, crate::model::ItemKind::Shi) && i.text.chars().count() <= 20 && !i.text.contains(['，', ','])
    };
    let mut item_ends: Vec<usize> = doc
        .outline
        .iter()
        .filter(titled)
        .map(|i| i.span.end)
        .chain(heading_ends.iter().copied())
        .collect();
    item_ends.sort_unstable();
    let mut out = Vec::new();
    for &sentence in doc.sentences(CLAUSE_ENDS).iter() {
        let text = doc.text(sentence);
        // The skip patterns run only on sentences that name a year.
        let mut masked: Option<Vec<(usize, usize)>> = None;
        for found in crate::years::years(text) {
            let whole = found.start()..found.end;
            let year_text = &text[found.digits.clone()];
            let masked = masked.get_or_insert_with(|| {
                markers
                    .skip
                    .iter()
                    .flat_map(|re| re.find_iter(text).map(|m| (m.start(), m.end())))
                    .collect()
            });
            if masked.iter().any(|&(s, e)| s <= whole.start && whole.end <= e) {
                continue;
            }
            // Not part of a longer number, and opening its clause.
            let before = &text[..whole.start];
            if before.ends_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            // A span of years (`2019年至2020年，我局累计……`) is not one year's.
            if ends_a_span_of_years(&text[whole.end..]) {
                continue;
            }
            let lead = before.trim_end_matches(is_space);
            // Opening its sentence, paragraph or numbered item (`（一）`, `一是`),
            // or the text after a heading.
            let opens_sentence = lead.is_empty()
                || crate::label::numbering_prefix(lead).is_some_and(|(_, len)| len == lead.len())
                || (lead.ends_with("是") && lead.chars().count() <= 2)
                || heading_ends.binary_search(&(sentence.start + lead.len())).is_ok()
                || is_run_in_subheading(lead);
            let section_index = doc.section_at(sentence.start + whole.start);
            let section = section_index.map(|i| doc.sections[i].key.as_str());
            // Nothing but blanks between the last heading and the year, or the
            // stop a sub-heading run into its text ends with (`（一）主动公开情况。2019年，`).
            let opens_section = {
                let at = sentence.start + lead.len();
                let last = item_ends.partition_point(|&e| e <= at);
                last > 0
                    && doc.source.text()[item_ends[last - 1]..at]
                        .trim_matches(|c: char| is_space(c) || matches!(c, '。' | '：' | ':' | '．'))
                        .is_empty()
            };
            let subjectless_here = section.is_some_and(|k| markers.subjectless_in.iter().any(|s| s == k));
            let plans_here = section.is_some_and(|k| markers.plans_in.iter().any(|s| s == k));
            // The agency as subject before the year (`我局2020年严格按照……`), but
            // not a year's name (`我局2019年度考核……`), a noun phrase
            // (`我局2019年制定的《办法》`, a title) or a signature
            // (`……管理局2022年8月20日 附件下载`).
            let subject_before = !found.du
                && subject_opens_clause(lead, &markers.subjects, agency.as_deref())
                && !opens_noun_phrase(&text[whole.end..])
                && crate::years::date_at_start(&text[whole.start..]).is_none();
            // A plan's deadline in the plans-in sections: `我局将于2021年6月底前完成……`.
            // Not an attribute (`计划于2021年上线的网站`, `将在2021年度报告公开后`), nor
            // one the sentence says was met or missed (已完成, 如期, 尚未, 延期……).
            // The marker first: most years have none, and the other tests search the sentence.
            let deadline = plans_here
                .then(|| {
                    markers
                        .plan_before
                        .iter()
                        .find_map(|re| re.find(lead).filter(|m| m.end() == lead.len()))
                })
                .flatten()
                .filter(|_| {
                    !deadline_is_attribute(&text[whole.end..]) && !DEADLINE_MET.iter().any(|w| text.contains(w))
                })
                .map(|m| {
                    m.as_str()
                        .trim_start_matches(|c: char| !"将力争计拟预准确".contains(c))
                        .to_string()
                });
            let opens = subject_before
                || deadline.is_some()
                || opens_sentence
                || lead.ends_with(['，', '；', '：', ',', ';', ':', '。', '）', ')', '、'])
                || lead.ends_with("是");
            if !opens {
                continue;
            }
            // Then the subject: the agency, 我局, 本机关… (after an optional comma).
            let after = text[whole.end..].trim_start_matches(|ch: char| is_space(ch) || matches!(ch, '，' | ','));
            let head: String = after.chars().take(24).collect();
            let subject = subject_before
                || markers
                    .subjects
                    .iter()
                    .any(|re| re.find(&head).is_some_and(|m| m.start() == 0))
                || agency.as_ref().is_some_and(|a| own_name_at_start(&head, a).is_some());
            // What a check's own markers could make its own (see `mentions`).
            let others = !subject && markers.others.iter().any(|re| re.is_match(text));
            if !(subject || (!others && (opens_sentence || subjectless_here || deadline.is_some()))) {
                continue;
            }
            // A date alone is a signature or a dateline (the signature checks'
            // business), not a statement of work.
            if is_date_alone(&text[whole.start..]) {
                continue;
            }
            let Some(year) = parse_year(year_text) else {
                continue;
            };
            let rest = &text[whole.start..];
            let near = &rest[..rest
                .char_indices()
                .nth(markers.plan_window)
                .map(|(i, _)| i)
                .unwrap_or(rest.len())];
            // A plan says so soon after the year: `2021年，我局将……`.
            let plan = deadline
                .clone()
                .or_else(|| {
                    markers
                        .plan
                        .iter()
                        .filter_map(|re| re.find(near))
                        .find(|m| {
                            !markers
                        .not_plan
                        .iter()
                        .any(|np| np.find(&near[m.start()..]).is_some_and(|x| x.start() == 0))
                        // What was done told before it (`共收到申请26件，……并将……`):
                        // a 将 there is 把, or the plan is not for this year.
                        && !markers.not_plan_after.iter().any(|re| re.is_match(&near[..m.end()]))
                        })
                        // Quote the marker with the words after a bare 将: “将继续”.
                        .map(|m| {
                            near[m.start()..]
                                .chars()
                                .take(m.as_str().chars().count().max(3))
                                .collect::<String>()
                        })
                })
                // Or right before the year, opening its own clause, the year
                // opening the next: `下一步，2022年，我局将组织……`. Not a
                // heading's words (`五、存在的主要问题及改进措施2023年，`), nor
                // an object (`我局制定了改进措施，2021年，……`), nor before work
                // told as done (`改进措施：2021年，我局建立了……，已整改`).
                .or_else(|| {
                    if near.contains(['了', '已']) {
                        return None;
                    }
                    let from = start_within(lead, lead.len(), PLAN_LEAD_REACH);
                    let tail = &lead[from..];
                    markers
                        .plan
                        .iter()
                        .filter_map(|re| re.find_iter(tail).last())
                        .find(|m| {
                            let between = tail[m.end()..].trim_matches(|c: char| is_space(c) || "，：,:".contains(c));
                            let before = &lead[..from + m.start()];
                            let clause = &before[before
                                .rfind(['，', '：', '。', '；', ',', ':'])
                                .map_or(0, |i| i + before[i..].chars().next().map_or(0, char::len_utf8))..];
                            let clause = clause.trim_matches(is_space);
                            let opens = clause.is_empty()
                                || crate::label::numbering_prefix(clause).is_some_and(|(_, len)| len == clause.len());
                            between.is_empty()
                                && opens
                                && heading_ends.binary_search(&(sentence.start + from + m.end())).is_err()
                        })
                        .map(|m| m.as_str().to_string())
                })
                // Or opening an item of a list of plans in section 五 (`下一步，我镇将从以下
                // 方面改进：一是……；二是2023年上半年完成……`): the words before the list's
                // colon, in the same sentence and after any heading, say so with a
                // marker of what is to come (not the noun 改进措施, nor work told as
                // done: `采取了以下改进措施：`).
                .or_else(|| {
                    let item = crate::label::numbering_prefix(lead).is_some_and(|(_, len)| len == lead.len())
                        || (lead.ends_with('是') && lead.chars().count() == 2);
                    if !item || !plans_here || near.contains(['了', '已']) {
                        return None;
                    }
                    let all = doc.source.text();
                    let from = start_within(all, sentence.start, PLAN_LIST_REACH);
                    let before = &all[from..sentence.start];
                    let start = from
                        + before
                            .char_indices()
                            .rfind(|&(_, c)| matches!(c, '。' | '！' | '？' | '\n'))
                            .map_or(0, |(i, c)| i + c.len_utf8());
                    let intro = &all[start..sentence.start];
                    let intro = intro.get(..intro.find(['：', ':'])?)?;
                    // After a heading run into the text before it.
                    let intro = heading_ends
                        .iter()
                        .filter(|&&end| end > start && end <= start + intro.len())
                        .max()
                        .map_or(intro, |&end| &intro[end - start..]);
                    if intro.contains(['了', '已']) {
                        return None;
                    }
                    markers
                        .plan
                        .iter()
                        .find_map(|re| re.find(intro))
                        .filter(|m| {
                            !m.as_str().starts_with("改进措施")
                                && !m.as_str().starts_with("计划")
                                && !markers
                                    .not_plan
                                    .iter()
                                    .any(|np| np.find(&intro[m.start()..]).is_some_and(|x| x.start() == 0))
                        })
                        .map(|m| m.as_str().to_string())
                });
            // `将` as 把 (`2021年，我局将政务公开工作纳入考核`): a plan or a statement.
            // Not after a count of what was done (`共收到申请26件，并将……`): a statement.
            let maybe_plan = plan.is_none()
                && markers.maybe_plan.iter().any(|re| {
                    re.find(near)
                        .is_some_and(|m| !markers.not_plan_after.iter().any(|na| na.is_match(&near[..m.start()])))
                });
            // New Year's Day and the Spring Festival are early in their year: `2024年元旦前，……完成了`
            // in a 2023 report tells the report year's end.
            let festival = || {
                let after = &text[found.end..];
                (after.starts_with("元旦") || after.starts_with("春节")).then_some(1 + after.starts_with("春节") as u32)
            };
            let month = found
                .month
                .and_then(|m| text[m].chars().map(to_halfwidth).collect::<String>().parse().ok())
                .or_else(festival);
            let near_start = sentence.start + whole.start;
            out.push(Candidate {
                span: Span::new(sentence.start + found.digits.start, sentence.start + whole.end),
                year,
                month,
                plan,
                maybe_plan,
                sentence,
                near: Span::new(near_start, near_start + near.len()),
                subject,
                opens_sentence,
                subjectless_here,
                plans_here,
                others,
                opens_section: section_index.filter(|_| opens_section),
                deadline: deadline.is_some(),
            });
        }
    }
    out.extend(table_captions(doc, markers, &out));
    out
}

/// The captions in the tables' leads (see [`crate::model::Table::lead`]) that name
/// a year, read as the same words in a paragraph of their own would be: opening
/// their sentence, to the line's end or the next header cell, with no clause or
/// comma within. Not a sentence already read.
fn table_captions(doc: &Document, markers: &Markers, read: &[Candidate]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for table in &doc.tables {
        let lead = table.lead();
        let text = doc.text(lead);
        for found in crate::years::years(text) {
            let from = found.start();
            // To the line's end or the next header cell (`申请人情况`).
            let next_cell = table
                .header
                .iter()
                .map(|h| h.span.start)
                .filter(|&at| at > lead.start + from && at < lead.end)
                .min()
                .map_or(text.len(), |at| at - lead.start);
            let piece = &text[from..next_cell];
            let piece = piece[..piece.find(['\n', '\r']).unwrap_or(piece.len())].trim_end_matches(is_space);
            if piece.contains(CLAUSE_ENDS)
                || piece.contains(['，', ','])
                || text[..from].ends_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let caption = Span::new(lead.start + from, lead.start + from + piece.len());
            if read
                .iter()
                .any(|c| c.sentence.start < caption.end && caption.start < c.sentence.end)
            {
                continue;
            }
            if !markers.past.iter().any(|re| re.is_match(piece)) {
                continue;
            }
            let Some(year) = parse_year(&text[found.digits.clone()]) else {
                continue;
            };
            out.push(Candidate {
                span: Span::new(lead.start + found.digits.start, lead.start + found.end),
                year,
                month: None,
                plan: None,
                maybe_plan: false,
                sentence: caption,
                near: caption,
                subject: false,
                opens_sentence: true,
                subjectless_here: false,
                plans_here: false,
                others: false,
                opens_section: None,
                deadline: false,
            });
        }
    }
    out
}

/// A numbered sub-heading run into its text, the year after it (`（三）政府信息管理情况2020年，
/// 我局……`, `（一）概述2018年，……`): words alone, short, ending as such titles do.
fn is_run_in_subheading(lead: &str) -> bool {
    // Behind the section's own heading, run on too (`一、总体情况（一）概述2018年`).
    let lead = lead.rfind(['（', '(']).map_or(lead, |at| &lead[at..]);
    let Some((_, len)) = crate::label::numbering_prefix(lead) else {
        return false;
    };
    let words = lead[len..].trim_matches(is_space);
    (2..=16).contains(&words.chars().count())
        && words.chars().all(crate::label::is_ideograph)
        && ["情况", "概述", "概况", "方面", "数量"]
            .iter()
            .any(|end| words.ends_with(end))
}

/// Whether the clause before a year is only its subject: `我局` in
/// `……。我局2020年严格按照……` (or `我局于2020年`), after an optional item number.
fn subject_opens_clause(lead: &str, subjects: &[Pattern], agency: Option<&str>) -> bool {
    let clause = lead
        .rsplit(['，', '；', '：', ',', ';', ':', '。'])
        .next()
        .unwrap_or(lead)
        .trim_start_matches(is_space);
    let clause = match crate::label::numbering_prefix(clause) {
        Some((_, len)) => clause[len..].trim_start_matches(is_space),
        None => clause,
    };
    // A preposition may stand between the subject and the year: `我局于2021年……`.
    let clause = clause
        .strip_suffix(['于', '在'])
        .map_or(clause, |c| c.trim_end_matches(is_space));
    !clause.is_empty()
        && (agency.and_then(|a| own_name_at_start(clause, a)) == Some(clause.len())
            || subjects.iter().any(|re| {
                re.find(clause)
                    .is_some_and(|m| m.start() == 0 && m.end() == clause.len())
            }))
}

/// The levels an agency's name may carry (`河北省`, `某市某区`).
const LEVELS: &[char] = &['省', '市', '区', '县', '州', '盟', '旗'];

/// The length of the agency's short name opening `text`, if it does: the
/// level its name has (省, 市, 区…), then some of the words after it, in
/// order, then the kind of body it is (`省人社厅` for 河北省人力资源和社会保障厅,
/// `市科委` for 上海市科学技术委员会). Not the level and kind alone (`市委`).
pub(crate) fn short_name_at_start(text: &str, agency: &str) -> Option<usize> {
    let name: Vec<char> = agency.chars().collect();
    // 委员会 is shortened to 委.
    let name = match agency.strip_suffix("委员会") {
        Some(stem) => stem.chars().chain(['委']).collect(),
        None => name,
    };
    let (&kind, words) = name.split_last()?;
    if !matches!(kind, '厅' | '局' | '委' | '办') {
        return None;
    }
    let level_at = words.iter().rposition(|c| LEVELS.contains(c))?;
    let (level, words) = (words[level_at], &words[level_at + 1..]);
    let mut chars = text.char_indices();
    if chars.next().map(|(_, c)| c) != Some(level) {
        return None;
    }
    // Each character after the level is the next of the name's words, until
    // the kind ends the short name.
    let mut rest = words.iter();
    for (taken, (i, c)) in chars.take(8).enumerate() {
        if c == kind && taken > 0 {
            return Some(i + c.len_utf8());
        }
        rest.find(|&&w| w == c)?;
    }
    None
}

/// The length of one of the agency's own names opening `text`: the full
/// name, its short name ([`short_name_at_start`], also after the place:
/// `安平县卫健局`), or the name of its last unit without the bodies above it
/// (`龙潭镇政府`, `龙潭镇` of 青石县龙潭镇人民政府; `枫桥街道` of ……枫桥街道办事处;
/// `松溪分局`, `分局` of 云岭市生态环境局松溪分局; `管委会` of a zone's 管理委员会, `公司`
/// of a company).
pub(crate) fn own_name_at_start(text: &str, agency: &str) -> Option<usize> {
    if text.starts_with(agency) {
        return Some(agency.len());
    }
    // The names below open other bodies' names too (`龙潭镇人大主席团`,
    // `枫桥街道派出所`, `安平县卫健局党委`): such a name is the subject only
    // before what a subject's predicate starts with, or where the clause ends.
    let predicate = |rest: &str| {
        rest.chars()
            .next()
            .is_none_or(|c| !crate::label::is_ideograph(c) || SUBJECT_FOLLOWS.contains(c))
    };
    if let Some(n) = short_name_at_start(text, agency) {
        return Some(n);
    }
    // The place before the level, then the short name: `安平县` + `县卫健局`.
    if let Some((at, level)) = agency.char_indices().rfind(|(_, c)| LEVELS.contains(c))
        && at > 0
        && text.starts_with(&agency[..at + level.len_utf8()])
        && let Some(n) = short_name_at_start(&text[at..], agency)
    {
        return predicate(&text[at + n..]).then_some(at + n);
    }
    // The longest name written (`玉屏街道办`, not `玉屏街道` before its 办).
    unit_names(agency)
        .into_iter()
        .filter(|name| text.starts_with(name.as_str()))
        .map(|name| name.len())
        .max()
        .filter(|&len| predicate(&text[len..]))
}

/// What follows an agency's name as the subject: a passive, a preposition,
/// an adverb or a verb of the year's work (`龙潭镇政府被申请行政复议`,
/// `分局因政府信息公开……`, `松溪分局认真落实……`).
const SUBJECT_FOLLOWS: &str =
    "被因于在对共全未没无已将把按依根以通认坚积持严深扎切紧进加不先累收受主立结推落建完做抓强提贯围聚召开组制印发";

/// The names of an agency's last unit alone (see [`own_name_at_start`]).
fn unit_names(agency: &str) -> Vec<String> {
    let tail = agency
        .char_indices()
        .rfind(|(_, c)| LEVELS.contains(c))
        .map_or(agency, |(at, c)| &agency[at + c.len_utf8()..]);
    let mut names = Vec::new();
    if let Some(town) = tail.strip_suffix("人民政府")
        && (town.ends_with(['镇', '乡']) || town.ends_with("街道"))
    {
        names.extend([town.to_string(), format!("{town}政府"), tail.to_string()]);
    } else if let Some(street) = tail.strip_suffix("办事处")
        && street.ends_with("街道")
    {
        names.extend([street.to_string(), format!("{street}办"), tail.to_string()]);
    } else if let Some(stem) = tail.strip_suffix("分局") {
        // The branch after the bureau above it: `松溪分局` of 生态环境局松溪分局.
        let unit = stem
            .rfind(['局', '厅', '委', '办'])
            .map_or(tail, |at| &tail[at + '局'.len_utf8()..]);
        names.extend([unit.to_string(), "分局".to_string()]);
    } else if agency
        .strip_suffix("管理委员会")
        .is_some_and(|zone| zone.ends_with(['区', '园']))
    {
        // A zone's committee (开发区, 园区, 新区) calls itself 管委会; a
        // 国有资产监督管理委员会 does not.
        names.extend(["管委会".to_string(), "管委".to_string()]);
    } else if tail.ends_with("公司") {
        // A company calls itself 公司 (本公司); a group, 集团 (not a subsidiary
        // whose name holds its group's: 水务集团供水有限公司).
        names.push("公司".to_string());
        if ["集团有限公司", "集团股份有限公司", "集团公司"]
            .iter()
            .any(|e| tail.ends_with(e))
        {
            names.push("集团".to_string());
        }
    }
    names.retain(|n| n.chars().count() >= 2 && n.as_str() != agency);
    names
}

/// A finding on a year mention, with where the report year was read.
fn year_finding(cx: &Context<'_>, m: &Mention, report_year: i32, expected: i32, why: String) -> Finding {
    let finding = Finding::at(
        m.span,
        cx.tr(&format!("写的是 {} 年", m.year), &format!("says {}", m.year)),
    )
    .arg("year", m.year.to_string())
    .arg("report_year", report_year.to_string())
    .arg("expected", expected.to_string())
    .note(why);
    with_year_source(cx, finding)
}

/// A secondary label on where the report year was read.
fn with_year_source(cx: &Context<'_>, finding: Finding) -> Finding {
    match cx.doc.report_year {
        Some(r) if r.source == YearSource::Title => finding.secondary(
            r.span,
            cx.tr(
                &format!("报告年度 {}（取自标题）", r.year),
                &format!("report year {} (from the title)", r.year),
            ),
        ),
        Some(r) if r.source == YearSource::Period => finding.secondary(
            r.span,
            cx.tr(
                &format!("报告年度 {}（取自统计期限）", r.year),
                &format!("report year {} (from the statistics period)", r.year),
            ),
        ),
        Some(r) if r.source == YearSource::Body => {
            let title = cx
                .doc
                .title_overruled
                .as_ref()
                .map(|o| o.title.year)
                .unwrap_or_default();
            finding.secondary(
                r.span,
                cx.tr(
                    &format!("报告年度 {}（据正文推定；标题写的是 {title} 年）", r.year),
                    &format!("report year {} (from the body; the title says {title})", r.year),
                ),
            )
        }
        Some(r) if r.source == YearSource::Untitled => {
            // And when it outvoted a period, which year that named.
            let (zh, en) = match cx.doc.period_overruled {
                Some(p) => (
                    format!("；正文没有一处指向统计期限的 {} 年", p.year),
                    format!(", which nowhere points to the period's {}", p.year),
                ),
                None => (String::new(), String::new()),
            };
            finding.secondary(
                r.span,
                cx.tr(
                    &format!("报告年度 {}（标题中没有年份，据正文推定{zh}）", r.year),
                    &format!("report year {} (no year in the title; from the body{en})", r.year),
                ),
            )
        }
        Some(r) => finding.note(cx.tr(
            &format!("报告年度 {}（由 --year 指定）", r.year),
            &format!("report year {} (given with --year)", r.year),
        )),
        None => finding,
    }
}

/// The signature date: a full date alone on one of the last `last_lines`
/// non-blank lines, or right after the issuer's name near the end.
fn signature(doc: &Document, last_lines: usize) -> Option<(Span, (i32, u32, u32))> {
    let source = &doc.source;
    let mut seen = 0;
    let mut numeric = None;
    // The day it was printed, when no other date signs it.
    let mut printed_on = None;
    for i in (0..source.line_count()).rev() {
        let line = source.line(i).trim_matches(is_space);
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > last_lines {
            break;
        }
        let span_of = |whole: &std::ops::Range<usize>| {
            let range = source.line_content_range(i);
            let raw = &source.text()[range.clone()];
            let at = raw.find(&line[whole.clone()]).unwrap_or(0);
            Span::new(range.start + at, range.start + at + whole.len())
        };
        // `……办公室 2022年1月7日印发`: the day it was printed (a document's
        // footer after 抄送), not the signature above it.
        if let Some(d) = crate::years::dates(line).next()
            && d.whole.len() + 6 >= line.len()
        {
            if !printed(&line[d.whole.end..]) {
                return Some((span_of(&d.whole), parse_date(line, &d)?));
            }
            if printed_on.is_none() {
                printed_on = parse_date(line, &d).map(|ymd| (span_of(&d.whole), ymd));
            }
        }
        // A date written with digits is the signature only when no line near
        // the end has one in words: a page's list of related links dates
        // its entries `2021-12-28`.
        if numeric.is_none()
            && let Some((whole, ymd)) = numeric_date(line)
            && whole.len() + 6 >= line.len()
        {
            numeric = Some((span_of(&whole), ymd));
        }
    }
    if numeric.is_some() {
        return numeric;
    }
    if printed_on.is_some() {
        return printed_on;
    }
    // A page scraped into one line: `…河北省人力资源和社会保障厅2020年1月20日更多信息…`.
    // Without a title to name the agency, a name ending as agencies' do.
    let name = agency(doc);
    let (start, tail) = scraped_tail(source.text());
    let mut found = None;
    let mut printed_on = None;
    for d in crate::years::dates(tail) {
        let before = without_seal(&tail[..d.whole.start]);
        // Another body's name after the last sentence signs too (a report
        // signed under the agency's old name): signature-agency-mismatch's.
        let other_body = || {
            issuer_ending_at(tail, d.whole.start).is_some_and(|n| {
                let lead = before[..before.len() - n.len()].trim_end_matches(is_space);
                (lead.ends_with(['。', '；', '！']) || nothing_else_to_report(lead) || download_label(lead))
                    && only_trailer(&tail[d.whole.end..])
            })
        };
        let issuer = match &name {
            Some(name) => before.ends_with(name.as_str()) || other_body(),
            None => issuer_ending_at(tail, d.whole.start).is_some(),
        };
        if issuer || unsigned_date(before, &tail[d.whole.end..]) {
            let dated = Some((
                Span::new(start + d.whole.start, start + d.whole.end),
                parse_date(tail, &d)?,
            ));
            if printed(&tail[d.whole.end..]) {
                printed_on = dated;
            } else {
                found = dated;
            }
        }
    }
    found.or(printed_on)
}

/// Whether `lead` ends with a scraped page's link label (`报告下载：`), which
/// a signature may follow.
pub(super) fn download_label(lead: &str) -> bool {
    lead.trim_end_matches(is_space)
        .strip_suffix(['：', ':'])
        .is_some_and(|l| l.ends_with("下载"))
}

/// Whether the words after a date say it is the day the document was printed
/// (`2022年1月7日印发`).
pub(super) fn printed(after: &str) -> bool {
    after.trim_start_matches(is_space).starts_with("印发")
}

/// A date standing alone after the text's last sentence, only a page's links
/// after it (`……的情况。2018年1月29日更多信息请关注……`): the signature of a
/// page whose issuer line was lost, as a date on its own last line is.
fn unsigned_date(before: &str, after: &str) -> bool {
    before.ends_with(['。', '；', '！']) && only_trailer(after)
}

/// What may follow a signature's date on a page scraped into one line: a
/// short trailer (links, a footer), no sentence, nothing continuing the date.
fn only_trailer(after: &str) -> bool {
    const TRAILER: usize = 40;
    !after.contains(['。', '，', ',', '；'])
        && after.chars().count() <= TRAILER
        && !after
            .trim_start_matches(is_space)
            .starts_with(['起', '至', '前', '后', '以', '开', '到', '、', '的', '为', '是', '止'])
}

/// The last [`SCRAPED_TAIL`] bytes of `text` (from a character's start), and
/// where they start.
fn scraped_tail(text: &str) -> (usize, &str) {
    let start = start_within(text, text.len(), SCRAPED_TAIL);
    (start, &text[start..])
}

/// Where the text at most `reach` bytes before `end` starts: a character's
/// start, never before `end - reach`.
fn start_within(text: &str, end: usize, reach: usize) -> usize {
    let mut from = end.saturating_sub(reach);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// The issuer named right before a date near the end, as agencies' names end
/// (what comes before the name on its line may come with it).
fn signed_by(doc: &Document) -> Option<String> {
    let (_, tail) = scraped_tail(doc.source.text());
    crate::years::dates(tail)
        .filter_map(|d| issuer_ending_at(tail, d.whole.start))
        .last()
        .map(str::to_string)
}

/// The issuer's name ending at `end` (spaces aside), read by how agencies'
/// names end: for a report whose title (and so agency) was lost. Only the
/// last 120 bytes are looked at: a name is shorter.
fn issuer_ending_at(text: &str, end: usize) -> Option<&str> {
    let from = start_within(text, end, 120);
    issuer_name_ending(without_seal(&text[from..end]))
}

/// `text` without the spaces and the seal mark it ends with: a bracketed note
/// of a few words naming the seal (`示例市统计局（盖章）`, `（单位盖章）`, `【签章】`).
pub(super) fn without_seal(text: &str) -> &str {
    let text = text.trim_end_matches(is_space);
    let Some(close) = text
        .chars()
        .next_back()
        .filter(|c| matches!(c, '）' | ')' | '】' | '］' | ']'))
    else {
        return text;
    };
    let inner_end = text.len() - close.len_utf8();
    let Some(open) = text[..inner_end].rfind(['（', '(', '【', '［', '[']) else {
        return text;
    };
    let inner = &text[open..inner_end];
    let inner = &inner[inner.chars().next().map_or(0, char::len_utf8)..];
    let seal = inner.contains('章') && inner.chars().count() <= 6 && inner.chars().all(crate::label::is_ideograph);
    match seal {
        true => text[..open].trim_end_matches(is_space),
        false => text,
    }
}

/// A date written with digits and one separator (`2022-01-24`, `2022.1.24`,
/// `2022/01/24`): where it is in `text`, and its year, month and day.
fn numeric_date(text: &str) -> Option<(std::ops::Range<usize>, (i32, u32, u32))> {
    let b = text.as_bytes();
    let digits = |from: usize| b[from.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    (0..b.len().saturating_sub(7)).find_map(|start| {
        if start > 0 && b[start - 1].is_ascii_digit()
            || !(b[start..].starts_with(b"19") || b[start..].starts_with(b"20"))
        {
            return None;
        }
        if digits(start) != 4 {
            return None;
        }
        let sep = *b.get(start + 4).filter(|c| matches!(c, b'-' | b'.' | b'/'))?;
        let month_len = digits(start + 5);
        let day_at = start + 5 + month_len + 1;
        if !(1..=2).contains(&month_len) || b.get(day_at - 1) != Some(&sep) {
            return None;
        }
        let day_len = digits(day_at);
        if !(1..=2).contains(&day_len) {
            return None;
        }
        let year: i32 = text[start..start + 4].parse().ok()?;
        let month: u32 = text[start + 5..start + 5 + month_len].parse().ok()?;
        let day: u32 = text[day_at..day_at + day_len].parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((start..day_at + day_len, (year, month, day)))
    })
}

fn parse_date(text: &str, d: &crate::years::WrittenDate) -> Option<(i32, u32, u32)> {
    Some((
        parse_year(&text[d.year.clone()])?,
        parse_small_number(&text[d.month.clone()])?,
        parse_small_number(&text[d.day.clone()])?,
    ))
}

pub(crate) const LAST_LINES: ParamDoc = ParamDoc {
    name: "last-lines",
    doc: Doc {
        zh: "落款日期在最后多少个非空行中查找",
        en: "how many of the last non-blank lines are searched for the signature date",
    },
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::years::generated_texts;
    use regex::Regex;

    #[test]
    fn dates_written_with_digits_and_a_separator() {
        assert_eq!(numeric_date("2022-01-24"), Some((0..10, (2022, 1, 24))));
        assert_eq!(numeric_date("  2022.1.5 "), Some((2..10, (2022, 1, 5))));
        assert_eq!(numeric_date("日期：2022/12/31"), Some((9..19, (2022, 12, 31))));
        for not in [
            "2022-1.24",
            "12022-01-24",
            "2022-13-01",
            "2022-01-32",
            "2022-001-24",
            "1.2022",
            "2022-01-",
        ] {
            assert_eq!(numeric_date(not), None, "{not}");
        }
    }

    #[test]
    fn an_agency_is_known_by_its_short_name() {
        fn short<'t>(text: &'t str, agency: &str) -> Option<&'t str> {
            short_name_at_start(text, agency).map(|n| &text[..n])
        }
        assert_eq!(
            short("省人社厅坚持以……", "河北省人力资源和社会保障厅"),
            Some("省人社厅")
        );
        assert_eq!(short("市科委根据要求", "上海市科委"), Some("市科委"));
        assert_eq!(short("市科委根据要求", "上海市科学技术委员会"), Some("市科委"));
        assert_eq!(short("区统计局完成", "某市某区统计局"), Some("区统计局"));
        // The level and kind alone, another body, another kind, another level.
        assert_eq!(short("市委印发", "上海市科委"), None);
        assert_eq!(short("省财政厅下达", "河北省人力资源和社会保障厅"), None);
        assert_eq!(short("区政府部署", "某区统计局"), None);
        assert_eq!(short("市统计局完成", "某市某区统计局"), None);
        assert_eq!(short("省人社厅", "某某中心"), None);
    }

    #[test]
    fn a_seal_mark_after_the_name_is_read_past() {
        for signed in [
            "示例市统计局（盖章）",
            "示例市统计局 (章)",
            "示例市统计局（单位盖章）",
            "示例市统计局【签章】",
            "示例市统计局［公章］ ",
        ] {
            assert_eq!(without_seal(signed), "示例市统计局", "{signed}");
        }
        // Other words in brackets stay: a name's own, a note.
        for kept in [
            "示例市统计局（示例市信息中心）",
            "示例市统计局（第3章）",
            "示例县政府（代章说明见附件）",
        ] {
            assert_eq!(without_seal(kept), kept);
        }
    }

    #[test]
    fn an_agency_is_known_by_its_last_units_name() {
        fn own<'t>(text: &'t str, agency: &str) -> Option<&'t str> {
            own_name_at_start(text, agency).map(|n| &text[..n])
        }
        let town = "青石县龙潭镇人民政府";
        assert_eq!(own("龙潭镇政府被申请", town), Some("龙潭镇政府"));
        assert_eq!(own("龙潭镇被申请", town), Some("龙潭镇"));
        assert_eq!(own("龙潭镇人民政府被申请", town), Some("龙潭镇人民政府"));
        let street = "临川市北湖区枫桥街道办事处";
        assert_eq!(own("枫桥街道被申请", street), Some("枫桥街道"));
        assert_eq!(own("枫桥街道办被申请", street), Some("枫桥街道办"));
        let branch = "云岭市生态环境局松溪分局";
        assert_eq!(own("松溪分局被申请", branch), Some("松溪分局"));
        assert_eq!(own("分局因政府信息公开", branch), Some("分局"));
        assert_eq!(own("安平县卫健局被申请", "安平县卫生健康局"), Some("安平县卫健局"));
        assert_eq!(own("县卫健局被申请", "安平县卫生健康局"), Some("县卫健局"));
        let zone = "南屿经济开发区管理委员会";
        assert_eq!(own("管委会将重点做好", zone), Some("管委会"));
        assert_eq!(own("管委收到申请", zone), Some("管委"));
        let company = "南屿市水务集团有限公司";
        assert_eq!(own("公司将继续", company), Some("公司"));
        assert_eq!(own("集团认真落实", company), Some("集团"));
        assert_eq!(own("公司将继续", "某市统计局"), None);
        assert_eq!(own("管委会将", "某市统计局"), None);
        // A subsidiary's group, and a commission that is no zone's.
        assert_eq!(own("集团对我公司", "南屿市水务集团供水有限公司"), None);
        assert_eq!(own("管委会对政务公开", "南屿市国有资产监督管理委员会"), None);
        // Another body whose name opens with the unit's.
        assert_eq!(own("龙潭镇人大主席团对政务公开", town), None);
        assert_eq!(own("枫桥街道派出所被申请", street), None);
        assert_eq!(own("枫桥街道办派出所被申请", street), None);
        assert_eq!(own("安平县卫健局党委专题研究", "安平县卫生健康局"), None);
        // Another town, another branch, the level alone, a bureau's 局 alone.
        assert_eq!(own("石门镇政府", town), None);
        assert_eq!(own("临港分局", branch), None);
        assert_eq!(own("街道", street), None);
        assert_eq!(own("生态环境局", branch), None);
        assert_eq!(own("分局", "某市统计局"), None);
    }

    #[test]
    fn the_issuer_name_is_what_the_regex_finds() {
        let re =
            Regex::new(r"[^\s，。；：、0-9]{2,}(?:厅|局|委员会|人民政府|管理委员会|管委会|办公室|办公厅)$").unwrap();
        let alphabet = [
            '厅', '局', '委', '员', '会', '管', '理', '办', '公', '室', '省', ' ', '1', '、', '。', '\n',
        ];
        let fixed = [
            "河北省人力资源和社会保障厅",
            "某局",
            "局",
            "管理委员会",
            "某管理委员会",
            "1某局",
            "xx 局",
        ];
        for text in fixed
            .iter()
            .map(|t| t.to_string())
            .chain(generated_texts(&alphabet, 22, 20_000))
        {
            assert_eq!(
                issuer_name_ending(&text),
                re.find(&text).map(|m| m.as_str()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_noun_phrase_is_what_the_regex_finds() {
        let re = Regex::new(r"^(?:[^，。；、,;《“（(]{0,6}?的|度?[^，。；]{0,12}?报告)").unwrap();
        let alphabet = [
            '的', '度', '报', '告', '，', '、', '《', '（', '我', '局', '制', '定', '\n', ' ',
        ];
        let fixed = [
            "制定的《办法》",
            "度政府信息公开工作年度报告",
            "度一二三四五六七八九十一二报告",
            "，的",
        ];
        for text in fixed
            .iter()
            .map(|t| t.to_string())
            .chain(generated_texts(&alphabet, 22, 20_000))
        {
            assert_eq!(opens_noun_phrase(&text), re.is_match(&text), "{text:?}");
        }
    }

    #[test]
    fn a_span_of_years_is_what_the_regex_finds() {
        let re = Regex::new(r"^\s*(?:至|到|—|－|-|~|～)\s*(?:(?:19|20)[0-9]{2}|[１２][０-９]{3})\s*年").unwrap();
        let alphabet = [
            '至', '—', '-', '～', '2', '0', '1', '9', '２', '０', '二', '〇', '年', ' ', '\u{3000}',
        ];
        let fixed = ["至2020年", " — ２０２２ 年", "至二〇二〇年", "到2020", "-20201年"];
        for text in fixed
            .iter()
            .map(|t| t.to_string())
            .chain(generated_texts(&alphabet, 22, 20_000))
        {
            assert_eq!(ends_a_span_of_years(&text), re.is_match(&text), "{text:?}");
        }
    }
}
