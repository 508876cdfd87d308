//! Kind `section`: the report's outline.
//!
//! One kind, several `check`s:
//! - `missing`, `order`, `duplicate`, `numbering`, `wording`: the six required
//!   top-level sections as the format defines them (`[[section]]` in the rule files);
//! - `sequence`: gaps and repeats in （一）（二）…, 一是 二是…, 1. 2. … inside a section;
//! - `not-empty`, `content`: what a section should say;
//! - `legacy`: a report in the pre-2019 format, reported once, with every other
//!   rule skipped.

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::config::ConfigError;
use crate::format::SectionWording;
use crate::label::{self, Numbering, cn_numeral};
use crate::model::{Document, ItemKind, OutlineItem, SectionMatch};
use crate::rules::{Check, Compiled, Context, Finding, KindDoc, KindInfo, Params, Reporter, Scope};
use crate::source::Span;

pub static KIND: KindInfo = KindInfo {
    name: "section",
    doc: KindDoc { zh: DOC_ZH, en: DOC_EN },
    compile,
};

const DOC_ZH: &str = "检查报告的结构：六个一级标题是否齐全、顺序是否正确、有无重复；\
标题编号与措辞；（一）（二）、一是二是、1. 2. 等序号是否连续；某一部分是否写了应写的内容。\n\
参数：check = missing | order | duplicate | numbering | wording | sequence | not-empty | content | legacy；\
section（not-empty、content 用）；expect（content：正文须匹配其中之一的正则）；\
trivial、min-chars（not-empty：视为空的正文）；styles（sequence：paren、shi、arabic）；\
patterns、max-year、min-matches（legacy：旧格式的标题特征）。";

const DOC_EN: &str = "Checks the report's outline: the six required top-level sections are all there, \
in order, once each; their numbering and wording; sub-item numbering （一）（二）…, 一是 二是 …, 1. 2. … \
has no gaps or repeats; and a section says what it should.\n\
Parameters: check = missing | order | duplicate | numbering | wording | sequence | not-empty | content | legacy; \
section (for not-empty, content); expect (content: the body must match one of these regexes); \
trivial, min-chars (not-empty: what counts as empty); styles (sequence: paren, shi, arabic); \
patterns, max-year, min-matches (legacy: headings typical of the old format).";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SectionParams {
    check: Spanned<String>,
    section: Option<Spanned<String>>,
    patterns: Option<Spanned<Vec<Spanned<String>>>>,
    expect: Option<Spanned<Vec<Spanned<String>>>>,
    trivial: Option<Spanned<Vec<Spanned<String>>>>,
    min_chars: Option<Spanned<usize>>,
    styles: Option<Spanned<Vec<Spanned<String>>>>,
    max_year: Option<Spanned<i32>>,
    min_matches: Option<Spanned<usize>>,
}

const CHECKS: &[&str] = &[
    "missing",
    "order",
    "duplicate",
    "numbering",
    "wording",
    "sequence",
    "not-empty",
    "content",
    "legacy",
];

fn compile(params: &Params<'_, '_>) -> Result<Compiled, ConfigError> {
    let p: SectionParams = params.parse()?;
    params.one_of(&p.check, CHECKS)?;
    let check = p.check.get_ref().as_str();
    // Which optional parameters each check reads; any other is a mistake.
    let uses: &[&str] = match check {
        "sequence" => &["styles"],
        "not-empty" => &["section", "trivial", "min-chars"],
        "content" => &["section", "expect"],
        "legacy" => &["patterns", "max-year", "min-matches"],
        _ => &[],
    };
    let given: [(&str, Option<Span>); 8] = [
        ("section", p.section.as_ref().map(span_of)),
        ("patterns", p.patterns.as_ref().map(span_of)),
        ("expect", p.expect.as_ref().map(span_of)),
        ("trivial", p.trivial.as_ref().map(span_of)),
        ("min-chars", p.min_chars.as_ref().map(span_of)),
        ("styles", p.styles.as_ref().map(span_of)),
        ("max-year", p.max_year.as_ref().map(span_of)),
        ("min-matches", p.min_matches.as_ref().map(span_of)),
    ];
    for (name, span) in given {
        if let Some(span) = span
            && !uses.contains(&name)
        {
            return Err(params.error(span, format!("`{name}` does not apply to check `{check}`")));
        }
    }
    let section_key = |p: &SectionParams| -> Result<String, ConfigError> {
        let Some(s) = &p.section else {
            return Err(params.error(params.span, format!("check `{check}` needs `section`")));
        };
        if params.format.section(s.get_ref()).is_none() {
            let known: Vec<&str> = params.format.sections.iter().map(|s| s.key.as_str()).collect();
            return Err(params
                .error_at(s, format!("unknown section `{}`", s.get_ref()))
                .note(format!("known sections: {}", known.join(", "))));
        }
        Ok(s.get_ref().clone())
    };
    let regexes = |list: &Option<Spanned<Vec<Spanned<String>>>>| -> Result<Vec<Regex>, ConfigError> {
        list.as_ref()
            .map(|l| l.get_ref().iter().map(|p| params.regex(p)).collect())
            .unwrap_or(Ok(Vec::new()))
    };
    let (placeholders, check): (&'static [&'static str], Box<dyn Check>) = match check {
        "missing" => (&["number", "title"], Box::new(Missing)),
        "order" => (&["number", "title", "after_number", "after_title"], Box::new(Order)),
        "duplicate" => (&["number", "title"], Box::new(Duplicate)),
        "numbering" => (&["number", "title", "found"], Box::new(NumberingCheck)),
        "wording" => (&["number", "title", "found"], Box::new(Wording)),
        "sequence" => {
            let mut styles = Vec::new();
            for s in p.styles.as_ref().map(|s| s.get_ref().as_slice()).unwrap_or(&[]) {
                params.one_of(s, &["paren", "shi", "arabic"])?;
                styles.push(match s.get_ref().as_str() {
                    "paren" => ItemKind::Paren,
                    "shi" => ItemKind::Shi,
                    _ => ItemKind::Arabic,
                });
            }
            if styles.is_empty() {
                styles = vec![ItemKind::Paren, ItemKind::Shi, ItemKind::Arabic];
            }
            (&["problem"], Box::new(Sequence { styles }))
        }
        "not-empty" => (
            &["number", "title"],
            Box::new(NotEmpty {
                section: section_key(&p)?,
                trivial: regexes(&p.trivial)?,
                min_chars: p.min_chars.as_ref().map(|m| *m.get_ref()).unwrap_or(0),
            }),
        ),
        "content" => {
            let expect = regexes(&p.expect)?;
            if expect.is_empty() {
                return Err(params.error(
                    params.span,
                    "check `content` needs `expect`: patterns the section should contain",
                ));
            }
            (
                &["number", "title"],
                Box::new(Content {
                    section: section_key(&p)?,
                    expect,
                }),
            )
        }
        "legacy" => (
            &["year"],
            Box::new(Legacy {
                patterns: regexes(&p.patterns)?,
                max_year: p.max_year.as_ref().map(|m| *m.get_ref()),
                min_matches: p.min_matches.as_ref().map(|m| *m.get_ref()).unwrap_or(2),
            }),
        ),
        _ => unreachable!("checked by one_of"),
    };
    Ok(Compiled {
        kind: "section",
        placeholders,
        check,
    })
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    crate::config::to_span(s.span())
}

/// The first match of each section, in format order.
fn first_matches<'d>(ctx: &Context<'d>) -> Vec<(usize, Option<&'d SectionMatch>)> {
    ctx.format
        .sections
        .iter()
        .enumerate()
        .map(|(i, def)| (i, ctx.doc.sections.iter().find(|m| m.key == def.key)))
        .collect()
}

/// The heading as one line (a heading may be split over two).
fn heading_text(doc: &Document, m: &SectionMatch) -> String {
    doc.text(m.heading).split(['\n', '\r']).map(str::trim).collect()
}

struct Missing;

impl Check for Missing {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = ctx.doc;
        let matches = first_matches(ctx);
        for (i, m) in &matches {
            if m.is_some() {
                continue;
            }
            let def = &ctx.format.sections[*i];
            let expected = format!("{}、{}", cn_numeral(def.number), def.title);
            // Point where it belongs: before the next section found, else at the end.
            let next = matches[i + 1..].iter().find_map(|(_, m)| *m);
            let prev = matches[..*i].iter().rev().find_map(|(_, m)| *m);
            let mut finding = match next {
                Some(n) => Finding::at(
                    n.heading,
                    ctx.tr(
                        &format!("应在此标题之前加上“{expected}”"),
                        &format!("“{expected}” belongs before this heading"),
                    ),
                ),
                None => Finding::at(
                    Span::empty(end_span(doc).end),
                    ctx.tr(
                        &format!("报告到此结束，缺少“{expected}”"),
                        &format!("the report ends here without “{expected}”"),
                    ),
                ),
            };
            if let (Some(p), None) = (prev, next) {
                finding = finding.secondary(p.heading, ctx.tr("最后找到的一级标题", "the last section found"));
            }
            out.report(
                finding
                    .arg("number", cn_numeral(def.number))
                    .arg("title", def.title.clone())
                    .note(ctx.tr(
                        &format!("应有的标题：{expected}"),
                        &format!("expected heading: {expected}"),
                    )),
            );
        }
    }
}

/// The last non-blank line, for findings about something that is not there.
fn end_span(doc: &Document) -> Span {
    let source = &doc.source;
    for i in (0..source.line_count()).rev() {
        let range = source.line_content_range(i);
        let text = &source.text()[range.clone()];
        let trimmed = text.trim_end_matches(label::is_space);
        if !trimmed.trim_start_matches(label::is_space).is_empty() {
            let start = range.start + (trimmed.len() - trimmed.trim_start_matches(label::is_space).len());
            return Span::new(start, range.start + trimmed.len());
        }
    }
    Span::empty(source.text().len())
}

struct Order;

impl Check for Order {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let mut seen: Vec<&str> = Vec::new();
        let mut latest: Option<(&SectionMatch, u32)> = None;
        for m in &ctx.doc.sections {
            if seen.contains(&m.key.as_str()) {
                continue; // a repeat is the duplicate check's business
            }
            seen.push(&m.key);
            let Some(def) = ctx.format.section(&m.key) else {
                continue;
            };
            match latest {
                Some((before, n)) if def.number < n => {
                    let before_def = ctx.format.section(&before.key).expect("known section");
                    out.report(
                        Finding::at(m.heading, ctx.tr("位置不对", "out of order"))
                            .secondary(
                                before.heading,
                                ctx.tr("后面的部分却先出现", "a later section comes first"),
                            )
                            .arg("number", cn_numeral(def.number))
                            .arg("title", def.title.clone())
                            .arg("after_number", cn_numeral(before_def.number))
                            .arg("after_title", before_def.title.clone())
                            .note(ctx.tr(
                                "六个部分应按 一、二、三、四、五、六 的顺序排列",
                                "the six sections go in the order 一 二 三 四 五 六",
                            )),
                    );
                }
                _ => latest = Some((m, def.number)),
            }
        }
    }
}

struct Duplicate;

impl Check for Duplicate {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        for def in &ctx.format.sections {
            let all: Vec<&SectionMatch> = ctx.doc.sections.iter().filter(|m| m.key == def.key).collect();
            for m in all.iter().skip(1) {
                out.report(
                    Finding::at(m.heading, ctx.tr("又出现一次", "appears again"))
                        .secondary(all[0].heading, ctx.tr("第一次出现", "first here"))
                        .arg("number", cn_numeral(def.number))
                        .arg("title", def.title.clone()),
                );
            }
        }
    }
}

struct NumberingCheck;

impl Check for NumberingCheck {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        for m in &ctx.doc.sections {
            let (Some(Numbering::Top(n)), Some(def)) = (m.numbering, ctx.format.section(&m.key)) else {
                continue;
            };
            if n == def.number {
                continue;
            }
            let found = format!("{}、", cn_numeral(n));
            out.report(
                Finding::at(
                    m.heading,
                    ctx.tr(
                        &format!("应编为“{}、”", cn_numeral(def.number)),
                        &format!("should be numbered “{}、”", cn_numeral(def.number)),
                    ),
                )
                .arg("number", cn_numeral(def.number))
                .arg("title", def.title.clone())
                .arg("found", found),
            );
        }
    }
}

struct Wording;

impl Check for Wording {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        for m in &ctx.doc.sections {
            if m.wording == SectionWording::Exact || m.inline {
                continue;
            }
            let Some(def) = ctx.format.section(&m.key) else {
                continue;
            };
            let why = match m.wording {
                SectionWording::Alternative => ctx.tr(
                    "这是《条例》中的说法，已接受",
                    "this is the regulation's wording; accepted",
                ),
                SectionWording::Pattern => {
                    ctx.tr("措辞不同，已按该部分处理", "different wording; read as this section")
                }
                _ => ctx.tr(
                    "与规定标题相近（可能有错别字），已按该部分处理",
                    "close to the template's heading (a typo?); read as this section",
                ),
            };
            let found = heading_text(ctx.doc, m);
            let found = match label::numbering_prefix(&found) {
                Some((_, len)) => found[len..].trim().to_string(),
                None => found.trim_start_matches('#').trim().to_string(),
            };
            out.report(
                Finding::at(m.heading, why)
                    .arg("number", cn_numeral(def.number))
                    .arg("title", def.title.clone())
                    .arg("found", found),
            );
        }
    }
}

struct Sequence {
    styles: Vec<ItemKind>,
}

fn marker_text(kind: ItemKind, n: u32) -> String {
    match kind {
        ItemKind::Paren => format!("（{}）", cn_numeral(n)),
        ItemKind::Shi => format!("{}是", cn_numeral(n)),
        ItemKind::Arabic => format!("{n}."),
        _ => cn_numeral(n),
    }
}

impl Check for Sequence {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = ctx.doc;
        for &style in &self.styles {
            // Runs of one style, broken where a higher level starts a new part. Each
            // run remembers where its part began.
            let mut runs: Vec<(usize, Vec<&OutlineItem>)> = Vec::new();
            let mut run: Vec<&OutlineItem> = Vec::new();
            let mut part_start = 0;
            let mut section = None;
            for item in &doc.outline {
                let item_section = doc.section_at(item.span.start);
                let resets = item_section != section
                    || match style {
                        ItemKind::Paren => item.kind == ItemKind::Top,
                        ItemKind::Arabic => matches!(item.kind, ItemKind::Top | ItemKind::Paren),
                        ItemKind::Shi => matches!(item.kind, ItemKind::Top | ItemKind::Paren | ItemKind::Arabic),
                        _ => false,
                    };
                if resets {
                    if !run.is_empty() {
                        runs.push((part_start, std::mem::take(&mut run)));
                    }
                    part_start = if item.kind == style {
                        item_section.map(|s| doc.sections[s].heading.end).unwrap_or(0)
                    } else {
                        item.marker.end
                    };
                }
                section = item_section;
                if item.kind == style {
                    run.push(item);
                }
            }
            if !run.is_empty() {
                runs.push((part_start, run));
            }
            for (start, run) in runs {
                self.check_run(ctx, out, style, start, &run);
            }
        }
    }
}

/// Whether item `n` of `style` is written anywhere in `text`, glued to other words
/// or not. Used to drop a finding when the item is there but was not read as one
/// (`…改进措施一是…`).
fn written_anywhere(style: ItemKind, n: u32, text: &str) -> bool {
    // Wrapped PDF text splits `一\n是`.
    let joined: String = text.chars().filter(|c| !label::is_space(*c)).collect();
    let text = joined.as_str();
    match style {
        ItemKind::Shi => text.contains(&format!("{}是", cn_numeral(n))),
        ItemKind::Paren => {
            let cn = cn_numeral(n);
            ["（", "("].iter().any(|open| {
                text.match_indices(open).any(|(i, o)| {
                    let rest = text[i + o.len()..].trim_start();
                    rest.strip_prefix(cn.as_str())
                        .is_some_and(|r| r.trim_start().starts_with(['）', ')']))
                })
            })
        }
        ItemKind::Arabic => {
            let digits = n.to_string();
            text.match_indices(digits.as_str()).any(|(i, d)| {
                let before_ok = !text[..i].ends_with(|c: char| c.is_ascii_digit());
                let after = &text[i + d.len()..];
                let after_ok = after.starts_with(['.', '、', '．'])
                    && !after[after.chars().next().map_or(0, char::len_utf8)..]
                        .starts_with(|c: char| c.is_ascii_digit());
                before_ok && after_ok
            })
        }
        _ => false,
    }
}

impl Sequence {
    fn check_run(
        &self,
        ctx: &Context<'_>,
        out: &mut Reporter<'_>,
        style: ItemKind,
        part_start: usize,
        run: &[&OutlineItem],
    ) {
        let doc = ctx.doc;
        let num = |i: &OutlineItem| i.number.unwrap_or(0);
        let between = |a: usize, b: usize| doc.text(Span::new(a.min(b), b));
        // A list that starts past 1 (（二）（三） with no （一）). One item alone is not
        // a list.
        if run.len() >= 2 && num(run[0]) > 1 && num(run[1]) == num(run[0]) + 1 {
            let first = num(run[0]);
            let before = between(part_start, run[0].marker.start);
            if !(1..first).any(|n| written_anywhere(style, n, before)) {
                let missing: Vec<String> = (1..first).map(|n| marker_text(style, n)).collect();
                let problem = ctx
                    .tr(
                        &format!("从{}开始，缺少{}", marker_text(style, first), missing.join("")),
                        &format!("starts at {}, {} missing", marker_text(style, first), missing.join("")),
                    )
                    .to_string();
                out.report(
                    Finding::at(
                        run[0].marker,
                        ctx.tr(
                            &format!("前面缺少{}", missing.join("")),
                            &format!("{} missing before this", missing.join("")),
                        ),
                    )
                    .arg("problem", problem),
                );
            }
        }
        for pair in run.windows(2) {
            let (prev, cur) = (pair[0], pair[1]);
            let (p, c) = (num(prev), num(cur));
            if c == p + 1 || c == 1 {
                continue;
            }
            // The list restarted, or the missing item is there, glued to a word.
            let gap = between(prev.marker.end, cur.marker.start);
            let hidden = written_anywhere(style, 1, gap) || (p + 1..c).any(|n| written_anywhere(style, n, gap));
            if hidden {
                continue;
            }
            let (problem, label) = if c == p {
                (
                    ctx.tr(
                        &format!("{}重复出现", marker_text(style, c)),
                        &format!("{} repeated", marker_text(style, c)),
                    )
                    .to_string(),
                    ctx.tr("重复的序号", "repeated number").to_string(),
                )
            } else if c > p {
                let missing: Vec<String> = (p + 1..c).map(|n| marker_text(style, n)).collect();
                (
                    ctx.tr(
                        &format!(
                            "{}之后是{}，缺少{}",
                            marker_text(style, p),
                            marker_text(style, c),
                            missing.join("")
                        ),
                        &format!(
                            "{} is followed by {}, {} missing",
                            marker_text(style, p),
                            marker_text(style, c),
                            missing.join("")
                        ),
                    )
                    .to_string(),
                    ctx.tr(
                        &format!("应为{}", marker_text(style, p + 1)),
                        &format!("expected {}", marker_text(style, p + 1)),
                    )
                    .to_string(),
                )
            } else {
                (
                    ctx.tr(
                        &format!("{}之后回到{}", marker_text(style, p), marker_text(style, c)),
                        &format!("{} is followed by {}", marker_text(style, p), marker_text(style, c)),
                    )
                    .to_string(),
                    ctx.tr(
                        &format!("应为{}", marker_text(style, p + 1)),
                        &format!("expected {}", marker_text(style, p + 1)),
                    )
                    .to_string(),
                )
            };
            out.report(
                Finding::at(cur.marker, label)
                    .secondary(prev.marker, ctx.tr("上一项", "previous item"))
                    .arg("problem", problem),
            );
        }
    }
}

/// A section's body text without the tables in it.
fn body_text(doc: &Document, m: &SectionMatch) -> String {
    let body = m.body();
    let mut text = String::new();
    let mut at = body.start;
    for t in doc
        .tables
        .iter()
        .filter(|t| t.span.start >= body.start && t.span.end <= body.end)
    {
        text.push_str(doc.text(Span::new(at, t.span.start.max(at))));
        at = t.span.end.max(at);
    }
    text.push_str(doc.text(Span::new(at.min(body.end), body.end)));
    text
}

struct NotEmpty {
    section: String,
    trivial: Vec<Regex>,
    min_chars: usize,
}

impl Check for NotEmpty {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(m) = ctx.doc.section(&self.section) else {
            return;
        };
        let def = ctx.format.section(&self.section).expect("checked at compile");
        let body = body_text(ctx.doc, m);
        let core = label::core(&body);
        let words: String = body.chars().filter(|c| !label::is_space(*c)).collect();
        let trivial = self.trivial.iter().any(|re| re.is_match(&words));
        let short = core.chars().count() < self.min_chars;
        if !(core.is_empty() || trivial || short) {
            return;
        }
        let shown: String = words.chars().take(20).collect();
        out.report(
            Finding::at(m.heading, ctx.tr("此部分没有实际内容", "this section says nothing"))
                .arg("number", cn_numeral(def.number))
                .arg("title", def.title.clone())
                .note(if words.is_empty() {
                    ctx.tr("正文为空", "the body is empty").to_string()
                } else {
                    ctx.tr(&format!("正文只有：{shown}"), &format!("the body is only: {shown}"))
                        .to_string()
                }),
        );
    }
}

struct Content {
    section: String,
    expect: Vec<Regex>,
}

impl Check for Content {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(m) = ctx.doc.section(&self.section) else {
            return;
        };
        let def = ctx.format.section(&self.section).expect("checked at compile");
        let body = body_text(ctx.doc, m);
        if self.expect.iter().any(|re| re.is_match(&body)) {
            return;
        }
        let wanted: Vec<&str> = self.expect.iter().map(|r| r.as_str()).collect();
        out.report(
            Finding::at(
                m.heading,
                ctx.tr("此部分缺少应报告的内容", "this section lacks required content"),
            )
            .arg("number", cn_numeral(def.number))
            .arg("title", def.title.clone())
            .note(ctx.tr(
                &format!("正文中没有出现：{}", wanted.join(" / ")),
                &format!("the body mentions none of: {}", wanted.join(" / ")),
            )),
        );
    }
}

struct Legacy {
    patterns: Vec<Regex>,
    max_year: Option<i32>,
    min_matches: usize,
}

impl Check for Legacy {
    fn scope(&self) -> Scope {
        Scope::Gate
    }

    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = ctx.doc;
        let year = doc.report_year.map(|y| y.year);
        let old_year = matches!((year, self.max_year), (Some(y), Some(max)) if y <= max);
        let old_headings: Vec<&OutlineItem> = doc
            .outline
            .iter()
            .filter(|i| i.kind == ItemKind::Top && self.patterns.iter().any(|p| p.is_match(&label::core(&i.text))))
            .collect();
        let old_outline = doc.tables.is_empty() && old_headings.len() >= self.min_matches;
        if !(old_year || old_outline) {
            return;
        }
        let span = doc
            .title
            .as_ref()
            .map(|t| t.span())
            .or_else(|| old_headings.first().map(|i| i.span))
            .unwrap_or_default();
        let mut finding = Finding::at(span, ctx.tr("旧格式报告", "old-format report"))
            .arg("year", year.map(|y| y.to_string()).unwrap_or_default());
        if old_year {
            finding = finding.note(ctx.tr(
                &format!("报告年度 {} 早于现行格式（2019 年起施行）", year.unwrap_or_default()),
                &format!(
                    "the report year {} predates the current format (from 2019)",
                    year.unwrap_or_default()
                ),
            ));
        }
        for h in old_headings.iter().take(3) {
            finding = finding.secondary(h.span, ctx.tr("旧格式的标题", "a heading of the old format"));
        }
        out.report(finding);
    }
}
