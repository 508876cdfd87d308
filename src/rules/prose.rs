//! Numbers stated in the text (kind `sum`, `prose = …`).
//!
//! Only unambiguous sentences are checked: a false alarm here costs more than a
//! miss. A breakdown (`主动公开政府信息284条，其中：……24条；……118条……`) is checked only
//! when its parts are clearly the whole list (numbered items, or a 其他/其余 part);
//! a number compared with a table must be found by one of the rule's patterns in a
//! sentence that none of its `exclude` patterns match.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Readability;
use crate::number::{Number, parse_number};
use crate::rules::sum::{At, BoundTable, evaluate, report_failure, total};
use crate::rules::{Check, Context, Finding, Reporter, Scope};
use crate::source::Span;

pub(super) const BREAKDOWN_PLACEHOLDERS: &[&str] = &["whole", "parts", "unit", "difference"];

/// Where a sentence ends.
const SENTENCE_ENDS: &[char] = &['。', '！', '？'];

/// The whole before `其中`: `284条，其中：`.
static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]+)\s*(条|件|个|篇|项|份|次)\s*[，,：:]?\s*其中\s*[：:，,]?").unwrap());
/// A part: words, then a number and its unit, at the end of a clause.
static PART: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)^(.*?)([0-9]+)\s*(条|件|个|篇|项|份|次)").unwrap());
/// An item number opening a clause: `1.` `2、` `（1）` `一是`.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[0-9]{1,2}\s*[.．、]|[（(][0-9]{1,2}[）)]|[一二三四五六七八九十]是)").unwrap()
});
/// A clause that starts something else: a new whole, an aside.
static NEW_TOPIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:共|合计|总计|累计|另|此外|同时|因|全年|本年|均|其中)").unwrap());

/// One part of a breakdown: its label (the words before the number), number, unit.
struct Part {
    label_starts_item: bool,
    label_is_rest: bool,
    span: Span,
    value: Number,
    unit: String,
}

pub(super) struct Breakdown {
    units: Vec<String>,
    exclude: Vec<Regex>,
}

impl Breakdown {
    pub(super) fn new(units: Vec<String>, exclude: Vec<Regex>) -> Self {
        Breakdown { units, exclude }
    }
}

/// The parts listed after `其中`: one per clause, until a clause starts
/// something else.
fn parts(list: &str, offset: usize) -> Vec<Part> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in list.char_indices().chain(std::iter::once((list.len(), '；'))) {
        if !matches!(c, '，' | ',' | '；' | ';' | '、' | '。') {
            continue;
        }
        let clause = &list[start..i];
        let clause_start = start;
        start = i + c.len_utf8();
        if !out.is_empty() && NEW_TOPIC.is_match(clause) {
            break;
        }
        let Some(caps) = PART.captures(clause) else { continue };
        let label = caps.get(1).unwrap().as_str();
        let number = caps.get(2).unwrap();
        // `2.部门文件类信息24条` is matched from the label; a digit glued before the
        // number belongs to something else.
        if label.ends_with(|ch: char| ch.is_ascii_digit() || ch == '.') {
            continue;
        }
        let Some(value) = parse_number(number.as_str()) else {
            continue;
        };
        let words = ITEM.replace(label, "");
        let words = words.trim_start();
        out.push(Part {
            label_starts_item: ITEM.is_match(label),
            label_is_rest: words.starts_with("其他") || words.starts_with("其余") || words.starts_with("其它"),
            span: Span::new(
                offset + clause_start + number.start(),
                offset + clause_start + number.end(),
            ),
            value,
            unit: caps.get(3).unwrap().as_str().to_string(),
        });
    }
    out
}

impl Check for Breakdown {
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = ctx.doc;
        for sentence in doc.sentences(SENTENCE_ENDS) {
            let text = doc.text(sentence);
            if self.exclude.iter().any(|re| re.is_match(text)) {
                continue;
            }
            let Some(whole) = WHOLE.captures(text) else { continue };
            let unit = whole.get(2).unwrap().as_str();
            if !self.units.is_empty() && !self.units.iter().any(|u| u == unit) {
                continue;
            }
            let whole_num = whole.get(1).unwrap();
            let Some(whole_value) = parse_number(whole_num.as_str()) else {
                continue;
            };
            let after = whole.get(0).unwrap().end();
            let all = parts(&text[after..], sentence.start + after);
            let same: Vec<&Part> = all.iter().filter(|p| p.unit == unit).collect();
            if same.len() < 2 {
                continue;
            }
            // Only a list that is clearly complete: numbered items, or an 其他 part.
            let complete =
                same.iter().filter(|p| p.label_starts_item).count() >= 2 || same.iter().any(|p| p.label_is_rest);
            if !complete {
                continue;
            }
            // Consistent if the list, or the start of it (a sentence may go on to
            // other numbers), adds up; other units may be part of it too.
            let mut sum = Number::zero();
            let mut with_others = Number::zero();
            let mut adds_up = false;
            for p in &all {
                with_others = with_others + p.value;
                if p.unit == unit {
                    sum = sum + p.value;
                }
                if sum == whole_value || with_others == whole_value {
                    adds_up = true;
                    break;
                }
            }
            if adds_up {
                continue;
            }
            let others: Vec<String> = all
                .iter()
                .filter(|p| p.unit != unit)
                .map(|p| format!("{}{}", p.value, p.unit))
                .collect();
            let whole_span = Span::new(sentence.start + whole_num.start(), sentence.start + whole_num.end());
            let difference = if sum.raw() > whole_value.raw() {
                sum - whole_value
            } else {
                whole_value - sum
            };
            let listed: Vec<String> = same.iter().map(|p| p.value.to_string()).collect();
            let mut finding = Finding::at(
                whole_span,
                ctx.tr(
                    &format!("总数 {whole_value}{unit}"),
                    &format!("whole: {whole_value} {unit}"),
                ),
            );
            for p in same.iter().filter(|p| p.value.raw() != 0).take(8) {
                finding = finding.secondary(
                    p.span,
                    ctx.tr(&format!("{}{unit}", p.value), &format!("{} {unit}", p.value)),
                );
            }
            finding = finding
                .note(ctx.tr(
                    &format!(
                        "各部分之和：{} = {sum}{unit}，总数为 {whole_value}{unit}，相差 {difference}",
                        listed.join(" + ")
                    ),
                    &format!(
                        "the parts add up to {} = {sum}, the whole is {whole_value}; difference {difference}",
                        listed.join(" + ")
                    ),
                ))
                .arg("whole", whole_value.to_string())
                .arg("parts", sum.to_string())
                .arg("unit", unit)
                .arg("difference", difference.to_string());
            if !others.is_empty() {
                let written = others.join(ctx.tr("、", ", "));
                finding = finding.note(ctx.tr(
                    &format!("另有以其他单位计的 {written}，计入后也不相等"),
                    &format!("{written} more are counted in other units; they do not make it add up either"),
                ));
            }
            out.report(finding);
        }
    }
}

pub(super) struct ProseTable {
    table: BoundTable,
    patterns: Vec<Regex>,
    exclude: Vec<Regex>,
}

impl ProseTable {
    pub(super) fn new(table: BoundTable, patterns: Vec<Regex>, exclude: Vec<Regex>) -> Self {
        ProseTable {
            table,
            patterns,
            exclude,
        }
    }
}

impl Check for ProseTable {
    fn scope(&self) -> Scope {
        Scope::Tables
    }

    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = ctx.doc;
        let edition = out.edition().map(str::to_string);
        let Some(table) = ctx
            .tables(Some(&self.table.key), edition.as_deref())
            .find(|t| t.readable == Readability::Ok)
        else {
            return;
        };
        let Some((_, relations)) = self.table.by_schema.iter().find(|(s, _)| *s == table.schema) else {
            return;
        };
        let schema = &ctx.format.tables[table.schema];
        let mut seen: Vec<Span> = Vec::new();
        for sentence in doc.sentences(SENTENCE_ENDS) {
            let text = doc.text(sentence);
            for re in &self.patterns {
                for c in re.captures_iter(text) {
                    let Some(m) = c.name("n") else { continue };
                    // `exclude` looks at the clause of the match, not the whole
                    // sentence: `新收申请42件，上年结转3件` is still about this year.
                    let whole = c.get(0).unwrap();
                    let clause_start = text[..whole.start()]
                        .char_indices()
                        .rev()
                        .find(|&(_, ch)| matches!(ch, '，' | '；' | '。' | ',' | ';'))
                        .map(|(i, ch)| i + ch.len_utf8())
                        .unwrap_or(0);
                    let clause_end = text[whole.end()..]
                        .find(['，', '；', '。', ',', ';'])
                        .map(|i| whole.end() + i)
                        .unwrap_or(text.len());
                    let clause = &text[clause_start.min(whole.start())..clause_end];
                    if self.exclude.iter().any(|re| re.is_match(clause)) {
                        continue;
                    }
                    let Some(n) = parse_number(m.as_str()) else { continue };
                    let span = Span::new(sentence.start + m.start(), sentence.start + m.end());
                    if seen.contains(&span) {
                        continue;
                    }
                    seen.push(span);
                    for relation in relations {
                        let at = At {
                            prose: Some((span, n)),
                            ..At::default()
                        };
                        let Some((mut left, mut right)) = evaluate(relation, table, schema, at) else {
                            continue;
                        };
                        for v in left.iter_mut().chain(right.iter_mut()).filter(|v| v.name == "n") {
                            v.name = ctx.tr("正文", "the text").to_string();
                        }
                        if relation.op.holds(total(&left), total(&right)) {
                            continue;
                        }
                        report_failure(
                            ctx,
                            out,
                            relation,
                            &left,
                            &right,
                            schema.name.get(ctx.lang),
                            String::new(),
                            String::new(),
                        );
                    }
                }
            }
        }
    }
}
