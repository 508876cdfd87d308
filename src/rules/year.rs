//! Kind `year`: years and editions that do not belong.
//!
//! Reports are copied forward from last year's or drafted early under the wrong
//! year. Checks (`check = …`):
//! - `unknown`: no report year found (said once; the other year checks are skipped);
//! - `statement`: a statement of what the agency did names a year other than the
//!   report year (`2021年，南关区科技局积极贯彻……` in a 2020 report);
//! - `plan`: a plan names the report year instead of the next one;
//! - `edition`: a table follows the edition of another year, or the tables mix editions;
//! - `signature`: the signature date is within or before the report year;
//! - `deadline`: the signature date is after the legal deadline.
//!
//! Only years that open a clause with the agency as its subject are judged:
//! years inside 《》, 〔〕, [] and quotes, document numbers, comparisons and
//! history are left alone. The patterns are parameters, so an office can tune them.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::config::ConfigError;
use crate::format::Role;
use crate::label::{MatchQuality, core, is_space, normalize};
use crate::model::{Document, Readability, Table, YearSource};
use crate::parse::title::parse_year;
use crate::rules::{Check, Compiled, Context, Finding, KindDoc, KindInfo, Params, Reporter, Scope};
use crate::source::Span;

pub static KIND: KindInfo = KindInfo {
    name: "year",
    doc: KindDoc { zh: DOC_ZH, en: DOC_EN },
    compile,
};

const DOC_ZH: &str = "检查年份和格式版本。check = unknown（找不到报告年度）、statement（陈述本机关所做工作的句子写了报告年度以外的年份）、\
plan（下一步计划写成了报告年度）、edition（统计表的格式版本与报告年度不符，或几张表版本不一）、signature（落款日期不晚于报告年度）、\
deadline（落款日期晚于法定期限）。只判断“年份，本机关……”这样以年份开头、以本机关为主语的分句；书名号、文号、引号中的年份，比较、回顾性的年份不判断。\
参数：subjects（主语的正则；标题中的机关名称自动加入）、skip（忽略的片段）、plan（计划句的标志）、comparison（比较句的标志）、\
history（回顾句的标志）、government（本级政府报告的发布机关名称）、department-deadline、government-deadline（月-日）。";

const DOC_EN: &str = "Checks years and editions. check = unknown (no report year found), statement (a statement of the \
agency's work names a year other than the report year), plan (a plan names the report year instead of the next), \
edition (a table follows another year's edition, or the tables mix editions), signature (the signature date is not \
after the report year), deadline (the signature date is past the legal deadline). Only clauses that open with a year \
and have the agency as subject are judged; years in 《》, document numbers, quotes, comparisons and history are left \
alone. Parameters: subjects (regexes for the subject; the agency's name from the title is added), skip (spans to \
ignore), plan (what marks a plan), comparison, history, government (issuers of a government's own report), \
department-deadline, government-deadline (month-day).";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct YearParams {
    check: Spanned<String>,
    subjects: Option<Vec<Spanned<String>>>,
    skip: Option<Vec<Spanned<String>>>,
    plan: Option<Vec<Spanned<String>>>,
    not_plan: Option<Vec<Spanned<String>>>,
    comparison: Option<Vec<Spanned<String>>>,
    history: Option<Vec<Spanned<String>>>,
    government: Option<Vec<Spanned<String>>>,
    department_deadline: Option<Spanned<String>>,
    government_deadline: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Unknown,
    Statement,
    Plan,
    Edition,
    Signature,
    Deadline,
}

/// What decides how a year mention is read.
#[derive(Debug, Default)]
struct Contexts {
    subjects: Vec<Regex>,
    skip: Vec<Regex>,
    plan: Vec<Regex>,
    not_plan: Vec<Regex>,
    comparison: Vec<Regex>,
    history: Vec<Regex>,
}

struct YearCheck {
    what: What,
    contexts: Contexts,
    government: Vec<Regex>,
    department_deadline: (u32, u32),
    government_deadline: (u32, u32),
}

fn compile(params: &Params<'_, '_>) -> Result<Compiled, ConfigError> {
    let p: YearParams = params.parse()?;
    params.one_of(
        &p.check,
        &["unknown", "statement", "plan", "edition", "signature", "deadline"],
    )?;
    let what = match p.check.get_ref().as_str() {
        "unknown" => What::Unknown,
        "statement" => What::Statement,
        "plan" => What::Plan,
        "edition" => What::Edition,
        "signature" => What::Signature,
        _ => What::Deadline,
    };
    let regexes = |list: &Option<Vec<Spanned<String>>>| -> Result<Vec<Regex>, ConfigError> {
        list.iter().flatten().map(|r| params.regex(r)).collect()
    };
    let uses: &[&str] = match what {
        What::Statement | What::Plan => &["subjects", "skip", "plan", "not-plan", "comparison", "history"],
        What::Deadline => &["government", "department-deadline", "government-deadline"],
        _ => &[],
    };
    let given = [
        ("subjects", p.subjects.is_some()),
        ("skip", p.skip.is_some()),
        ("plan", p.plan.is_some()),
        ("not-plan", p.not_plan.is_some()),
        ("comparison", p.comparison.is_some()),
        ("history", p.history.is_some()),
        ("government", p.government.is_some()),
        ("department-deadline", p.department_deadline.is_some()),
        ("government-deadline", p.government_deadline.is_some()),
    ];
    for (name, set) in given {
        if set && !uses.contains(&name) {
            return Err(params.error(
                params.span,
                format!("`{name}` does not apply to check `{}`", p.check.get_ref()),
            ));
        }
    }
    let contexts = Contexts {
        subjects: regexes(&p.subjects)?,
        skip: regexes(&p.skip)?,
        plan: regexes(&p.plan)?,
        not_plan: regexes(&p.not_plan)?,
        comparison: regexes(&p.comparison)?,
        history: regexes(&p.history)?,
    };
    if matches!(what, What::Statement | What::Plan) && (contexts.subjects.is_empty() || contexts.plan.is_empty()) {
        return Err(params.error(params.span, "checks `statement` and `plan` need `subjects` and `plan`"));
    }
    let deadline = |d: &Option<Spanned<String>>, default: (u32, u32)| -> Result<(u32, u32), ConfigError> {
        let Some(d) = d else { return Ok(default) };
        let parsed = d
            .get_ref()
            .split_once('-')
            .and_then(|(m, day)| Some((m.parse::<u32>().ok()?, day.parse::<u32>().ok()?)))
            .filter(|&(m, day)| (1..=12).contains(&m) && (1..=31).contains(&day));
        parsed.ok_or_else(|| params.error_at(d, "a deadline is written month-day, e.g. \"01-31\""))
    };
    let placeholders: &'static [&'static str] = match what {
        What::Unknown => &[],
        What::Statement | What::Plan => &["year", "report_year", "expected"],
        What::Edition => &["table", "edition", "expected", "report_year"],
        What::Signature | What::Deadline => &["date", "report_year", "deadline"],
    };
    Ok(Compiled {
        kind: "year",
        placeholders,
        check: Box::new(YearCheck {
            what,
            contexts,
            government: regexes(&p.government)?,
            department_deadline: deadline(&p.department_deadline, (1, 31))?,
            government_deadline: deadline(&p.government_deadline, (3, 31))?,
        }),
    })
}

/// A year written before 年, not part of a longer number.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:19|20)[0-9]{2}|[１２][０-９]{3}|[〇零一二三四五六七八九]{4})\s*年(度)?(?:\s*([0-9０-９]{1,2})\s*月)?",
    )
    .unwrap()
});
/// How far after the year (in characters) a plan marker counts.
const PLAN_WINDOW: usize = 40;

/// A full date: `2021年1月19日`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日").unwrap()
});

/// The agency named in the title: the words before the year, or between the
/// year and 政府信息公开.
pub(crate) fn agency(doc: &Document) -> Option<String> {
    let title = &doc.title.as_ref()?.text;
    let m = YEAR.find(title)?;
    let before = title[..m.start()].trim_matches(|c: char| is_space(c) || c == '#');
    let name = if before.chars().count() >= 2 {
        before.to_string()
    } else {
        let after = &title[m.end()..];
        let end = after
            .find("政府信息公开")
            .or_else(|| after.find("政务公开"))
            .unwrap_or(after.len());
        after[..end].to_string()
    };
    let name: String = name.chars().filter(|c| !is_space(*c)).collect();
    (name.chars().count() >= 2).then_some(name)
}

/// One year mention that opens a clause with the agency as subject.
struct Mention {
    span: Span,
    year: i32,
    month: Option<u32>,
    plan: Option<String>,
    comparison: bool,
    history: bool,
}

fn mentions(doc: &Document, contexts: &Contexts) -> Vec<Mention> {
    let agency = agency(doc);
    let mut out = Vec::new();
    for sentence in doc.sentences(&['。', '！', '？', '；']) {
        let text = doc.text(sentence);
        let masked: Vec<(usize, usize)> = contexts
            .skip
            .iter()
            .flat_map(|re| re.find_iter(text).map(|m| (m.start(), m.end())))
            .collect();
        for c in YEAR.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let year_text = c.get(1).unwrap();
            if masked.iter().any(|&(s, e)| s <= whole.start() && whole.end() <= e) {
                continue;
            }
            // Not part of a longer number, and opening its clause.
            let before = &text[..whole.start()];
            if before.ends_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let lead = before.trim_end_matches(is_space);
            let opens = lead.is_empty()
                || lead.ends_with(['，', '；', '：', ',', ';', ':', '。', '）', ')', '、'])
                || lead.ends_with("是")
                || crate::label::numbering_prefix(lead).is_some_and(|(_, len)| len == lead.len());
            if !opens {
                continue;
            }
            // Then the subject: the agency, 我局, 本机关… (after an optional comma).
            let after = text[whole.end()..].trim_start_matches(|ch: char| is_space(ch) || matches!(ch, '，' | ','));
            let head: String = after.chars().take(24).collect();
            let subject = contexts
                .subjects
                .iter()
                .any(|re| re.find(&head).is_some_and(|m| m.start() == 0))
                || agency.as_ref().is_some_and(|a| head.starts_with(a.as_str()));
            if !subject {
                continue;
            }
            let Some(year) = parse_year(year_text.as_str()) else {
                continue;
            };
            let month = c.get(3).and_then(|m| {
                m.as_str()
                    .chars()
                    .map(crate::label::to_halfwidth)
                    .collect::<String>()
                    .parse()
                    .ok()
            });
            // A plan says so soon after the year: `2021年，我局将……`.
            let rest = &text[whole.start()..];
            let near = &rest[..rest
                .char_indices()
                .nth(PLAN_WINDOW)
                .map(|(i, _)| i)
                .unwrap_or(rest.len())];
            let plan = contexts
                .plan
                .iter()
                .filter_map(|re| re.find(near))
                .find(|m| {
                    !contexts
                        .not_plan
                        .iter()
                        .any(|np| np.find(&near[m.start()..]).is_some_and(|x| x.start() == 0))
                })
                // Quote the marker with the words after a bare 将: “将继续”.
                .map(|m| {
                    near[m.start()..]
                        .chars()
                        .take(m.as_str().chars().count().max(3))
                        .collect::<String>()
                });
            out.push(Mention {
                span: Span::new(sentence.start + year_text.start(), sentence.start + whole.end()),
                year,
                month,
                plan,
                comparison: contexts.comparison.iter().any(|re| re.is_match(text)),
                history: contexts.history.iter().any(|re| re.is_match(text)),
            });
        }
    }
    out
}

impl Check for YearCheck {
    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = ctx.doc;
        if self.what == What::Unknown {
            if doc.report_year.is_none() {
                let at = doc.title.as_ref().map(|t| t.span()).unwrap_or(Span::empty(0));
                out.report(Finding::at(at, ctx.tr("未找到报告年度", "no report year found")).note(ctx.tr(
                    "标题和统计期限中都没有找到年份；可用 --year 指定。年份相关的检查已跳过",
                    "neither the title nor the statistics period gives a year; pass --year. Year checks were skipped",
                )));
            }
            return;
        }
        if self.what == What::Edition {
            return self.editions(ctx, out);
        }
        let Some(report) = doc.report_year else { return };
        let y = report.year;
        match self.what {
            What::Statement | What::Plan => {
                for m in mentions(doc, &self.contexts) {
                    let (wrong, expected, why) = match (self.what, &m.plan) {
                        (What::Plan, Some(marker)) => (
                            m.year == y,
                            y + 1,
                            ctx.tr(
                                &format!("这句话含“{marker}”，是下一步的计划，应写 {} 年", y + 1),
                                &format!("the sentence says “{marker}”: it is a plan, for {}", y + 1),
                            )
                            .to_string(),
                        ),
                        (What::Statement, None) => {
                            let early_next = m.year == y + 1 && m.month.is_some_and(|mo| mo <= 3);
                            let looking_back = m.year < y && (m.comparison || m.history);
                            (
                                m.year != y && !early_next && !looking_back && m.year >= y - 1,
                                y,
                                ctx.tr(
                                    &format!("这句话陈述本机关所做的工作，应为报告年度 {y} 年"),
                                    &format!("the sentence states what the agency did, so it is about {y}"),
                                )
                                .to_string(),
                            )
                        }
                        _ => continue,
                    };
                    if !wrong {
                        continue;
                    }
                    let mut finding = Finding::at(
                        m.span,
                        ctx.tr(&format!("写的是 {} 年", m.year), &format!("says {}", m.year)),
                    )
                    .arg("year", m.year.to_string())
                    .arg("report_year", y.to_string())
                    .arg("expected", expected.to_string())
                    .note(why);
                    finding = with_year_source(ctx, finding, doc);
                    out.report(finding);
                }
            }
            What::Signature | What::Deadline => self.dates(ctx, out, y),
            _ => {}
        }
    }
}

/// A secondary label on where the report year was read.
fn with_year_source(ctx: &Context<'_>, finding: Finding, doc: &Document) -> Finding {
    match doc.report_year {
        Some(r) if r.source == YearSource::Title => finding.secondary(
            r.span,
            ctx.tr(
                &format!("报告年度 {}（取自标题）", r.year),
                &format!("report year {} (from the title)", r.year),
            ),
        ),
        Some(r) if r.source == YearSource::Period => finding.secondary(
            r.span,
            ctx.tr(
                &format!("报告年度 {}（取自统计期限）", r.year),
                &format!("report year {} (from the statistics period)", r.year),
            ),
        ),
        Some(r) => finding.note(ctx.tr(
            &format!("报告年度 {}（由 --year 指定）", r.year),
            &format!("report year {} (given with --year)", r.year),
        )),
        None => finding,
    }
}

impl YearCheck {
    fn editions(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = ctx.doc;
        let tables: Vec<&Table> = doc
            .tables
            .iter()
            .filter(|t| t.edition.is_some() && t.readable == Readability::Ok)
            .collect();
        // Expected: the report year's edition; without a year, the tables must agree.
        let expected = ctx.edition.map(str::to_string);
        let by_year = doc.report_year.is_some();
        for t in &tables {
            let edition = t.edition.as_deref().unwrap();
            let Some(exp) = expected.as_deref() else { continue };
            if edition == exp {
                continue;
            }
            let schema = &ctx.format.tables[t.schema];
            let evidence = telltales(ctx, t, exp);
            let document = |id: &str| ctx.format.edition(id).map(|e| e.document.clone()).unwrap_or_default();
            let first = evidence.first().map(|(s, _)| *s).unwrap_or(ctx.first_line(t.span));
            let mut finding = Finding::at(
                first,
                ctx.tr(
                    &format!("{} 年版格式的写法", edition),
                    &format!("edition {edition} wording"),
                ),
            )
            .arg("table", schema.name.get(ctx.lang))
            .arg("edition", edition)
            .arg("expected", exp)
            .arg(
                "report_year",
                doc.report_year.map(|r| r.year.to_string()).unwrap_or_default(),
            );
            for (span, text) in evidence.iter().skip(1).take(5) {
                finding = finding.secondary(
                    *span,
                    ctx.tr(
                        &format!("{edition} 年版：{text}"),
                        &format!("edition {edition}: {text}"),
                    ),
                );
            }
            let found: Vec<&str> = evidence.iter().map(|(_, t)| t.as_str()).collect();
            finding = finding.note(ctx.tr(
                &format!(
                    "本表符合 {edition} 年版（{}），{}应使用 {exp} 年版（{}）",
                    document(edition),
                    if by_year { "按报告年度" } else { "按其他各表" },
                    document(exp)
                ),
                &format!(
                    "this table follows edition {edition} ({}); {} calls for edition {exp} ({})",
                    document(edition),
                    if by_year { "the report year" } else { "the other tables" },
                    document(exp)
                ),
            ));
            if !found.is_empty() {
                finding = finding.note(ctx.tr(
                    &format!("特征：{}", found.join("、")),
                    &format!("telltales: {}", found.join(", ")),
                ));
            }
            finding = with_year_source(ctx, finding, doc);
            out.report(finding);
        }
    }

    fn dates(&self, ctx: &Context<'_>, out: &mut Reporter<'_>, y: i32) {
        let doc = ctx.doc;
        let Some((span, (year, month, day))) = signature(doc) else {
            return;
        };
        let date = format!("{year}年{month}月{day}日");
        match self.what {
            What::Signature if year <= y => {
                let finding = Finding::at(span, ctx.tr("落款日期", "signature date"))
                    .arg("date", date)
                    .arg("report_year", y.to_string())
                    .arg("deadline", String::new())
                    .note(ctx.tr(
                        &format!("{y} 年度的报告在 {} 年初编写发布，落款日期应在 {} 年", y + 1, y + 1),
                        &format!("a report for {y} is written and published early in {}", y + 1),
                    ));
                out.report(with_year_source(ctx, finding, doc));
            }
            What::Deadline if year == y + 1 => {
                let issuer = agency(doc).unwrap_or_default();
                let government = self.government.iter().any(|re| re.is_match(&issuer));
                let (dm, dd) = if government {
                    self.government_deadline
                } else {
                    self.department_deadline
                };
                if (month, day) <= (dm, dd) {
                    return;
                }
                let deadline = format!("{}年{dm}月{dd}日", y + 1);
                let who = if government {
                    ctx.tr("县级以上人民政府的年度报告", "a government's own report")
                } else {
                    ctx.tr("政府部门的年度报告", "a department's report")
                };
                out.report(
                    Finding::at(span, ctx.tr("晚于法定期限", "past the deadline"))
                        .arg("date", date)
                        .arg("report_year", y.to_string())
                        .arg("deadline", deadline.clone())
                        .note(ctx.tr(
                            &format!("{who}应于 {deadline} 前公布（《条例》第五十条）；发布机关：{issuer}"),
                            &format!("{who} is due by {deadline} (regulation art. 50); issuer: {issuer}"),
                        )),
                );
            }
            _ => {}
        }
    }
}

/// The signature date: a full date alone on one of the last lines, or right
/// after the issuer's name near the end.
fn signature(doc: &Document) -> Option<(Span, (i32, u32, u32))> {
    let source = &doc.source;
    let mut seen = 0;
    for i in (0..source.line_count()).rev() {
        let line = source.line(i).trim_matches(is_space);
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 8 {
            break;
        }
        if let Some(c) = DATE.captures(line)
            && c.get(0).unwrap().as_str().len() + 6 >= line.len()
        {
            let range = source.line_content_range(i);
            let raw = &source.text()[range.clone()];
            let at = raw.find(c.get(0).unwrap().as_str()).unwrap_or(0);
            let span = Span::new(range.start + at, range.start + at + c.get(0).unwrap().len());
            return Some((span, parse_date(&c)?));
        }
    }
    // A page scraped into one line: `…河北省人力资源和社会保障厅2020年1月20日更多信息…`.
    let name = agency(doc)?;
    let text = source.text();
    let tail_start = text.len().saturating_sub(1500);
    let mut start = tail_start;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let tail = &text[start..];
    let mut found = None;
    for c in DATE.captures_iter(tail) {
        let m = c.get(0).unwrap();
        if tail[..m.start()].trim_end_matches(is_space).ends_with(name.as_str()) {
            found = Some((Span::new(start + m.start(), start + m.end()), parse_date(&c)?));
        }
    }
    found
}

fn parse_date(c: &regex::Captures<'_>) -> Option<(i32, u32, u32)> {
    let num = |s: &str| -> Option<u32> { s.parse().ok().or_else(|| crate::label::parse_cn_numeral(s)) };
    Some((
        parse_year(c.get(1)?.as_str())?,
        num(c.get(2)?.as_str())?,
        num(c.get(3)?.as_str())?,
    ))
}

/// What in a table shows its edition: header words and row labels that the
/// expected edition does not have, and numbers on a row that is label-only
/// there.
fn telltales(ctx: &Context<'_>, table: &Table, expected: &str) -> Vec<(Span, String)> {
    let schema = &ctx.format.tables[table.schema];
    let Some(other) = ctx
        .format
        .tables
        .iter()
        .find(|s| s.key == table.key && s.edition.as_deref() == Some(expected))
    else {
        return Vec::new();
    };
    let known_there = |text: &str| -> bool {
        let n = normalize(text);
        other.vocab.lookup(&n).is_some_and(|m| m.quality != MatchQuality::Fuzzy)
    };
    let mut out = Vec::new();
    for h in &table.header {
        if h.quality == MatchQuality::Fuzzy {
            continue;
        }
        // Only column and block-title words tell an edition apart.
        let n = normalize(&h.text);
        let is_column = schema
            .vocab
            .lookup(&n)
            .is_some_and(|m| matches!(m.role, Role::Column(..) | Role::BlockTitle(_)));
        if is_column && !known_there(&h.text) {
            out.push((h.span, h.text.split_whitespace().collect::<String>()));
        }
    }
    for block in &table.blocks {
        for row in &block.rows {
            let def = &schema.blocks[block.index].rows[row.index];
            let Some(span) = row.label_span() else { continue };
            let label: String = row.label.split_whitespace().collect();
            // The same row is label-only in the other edition but has numbers here.
            let group_there = other
                .blocks
                .iter()
                .flat_map(|b| b.rows.iter())
                .any(|r| r.key == def.key && r.group && !def.group);
            if group_there && !row.cells.is_empty() {
                let note = ctx.tr("（有数字）", " (with numbers)");
                out.push((span, format!("{label}{note}")));
            } else if row.quality != MatchQuality::Fuzzy
                && !known_there(&row.label)
                && core(&row.label).chars().count() >= 2
            {
                out.push((span, label));
            }
        }
    }
    out.sort_by_key(|(s, _)| s.start);
    out
}
