//! The parts of a whole stated in the text add up: `共N条，其中：……A条；……B条`.
//!
//! Only a list that is clearly complete is checked (numbered items, a part
//! that is the rest: 其他/其余, or every kind a whole is made of: 主动公开,
//! 依申请公开, 不予公开), so that examples are not taken for the whole.

use serde::Deserialize;
use toml::Spanned;

use super::SENTENCE_ENDS;
use crate::diag::Finding;
use crate::model::Joined;
use crate::number::{Dimension, Number, Units, parse_number};
use crate::pattern::Pattern;
use crate::rulefile::{RuleFileError, span_of};
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct ProseBreakdown {
    /// A whole: the number (group 1) and unit (group 2), then the words that open the list.
    whole: Pattern,
    /// A part: words (group 1), the number (2) and unit (3), at the start of a clause.
    part: Pattern,
    item: Pattern,
    rest: Pattern,
    new_topic: Pattern,
    /// Kinds that make a list whole when each is some part's words.
    complete_with: Vec<Pattern>,
    /// What every part's words must be, if anything.
    parts: Option<Pattern>,
    requires: Vec<Pattern>,
    exclude: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    units: Option<Vec<Spanned<String>>>,
    opens: Spanned<String>,
    item: Spanned<String>,
    rest: Spanned<String>,
    new_topic: Spanned<String>,
    #[serde(default)]
    complete_with: Vec<Spanned<String>>,
    parts: Option<Spanned<String>>,
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

impl CheckType for ProseBreakdown {
    const KIND: Kind = Kind::Sum;
    const NAME: &'static str = "prose-breakdown";
    const DOC: Doc = Doc {
        zh: "正文写“共N条，其中：……A条；……B条……”时，各部分之和应为N。只在列举完整时检查（至少两项有序号，有“其他”一项，或各部分合起来与 complete-with 都相符）；\
以其他单位计的部分若能补足总数也视为一致。一句中在“；”之后另起的总数也检查（复议351件，其中……；诉讼46件，其中……），\
作为某一部分再细分的（政策文件24条，其中……）不检查。",
        en: "When the text states a whole and its parts (共N条，其中：……A条；……B条……), the parts add up to N. Only \
checked when the list is clearly complete (two numbered items, a part that is the rest, or parts matching \
every kind in complete-with); parts in other units \
that make up the difference count too. A later whole in the sentence is checked too when it opens its own clause \
after `；` (复议351件，其中……；诉讼46件，其中……), not when it breaks one part down further (政策文件24条，其中……).",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "units",
            doc: Doc {
                zh: "哪些单位的总数（[[unit]] 的 symbol）；不写则为所有计数单位",
                en: "wholes in these units (`[[unit]]` symbols); every count unit when absent",
            },
        },
        ParamDoc {
            name: "opens",
            doc: Doc {
                zh: "总数之后、各部分之前的话（正则，如“，其中：”）",
                en: "what follows the whole and opens the list (a regex, e.g. ，其中：)",
            },
        },
        ParamDoc {
            name: "item",
            doc: Doc {
                zh: "一项的序号（正则，如 1. （1） 一是）",
                en: "an item's numbering (a regex: 1. （1） 一是)",
            },
        },
        ParamDoc {
            name: "rest",
            doc: Doc {
                zh: "表示“其余”的一项的开头（正则，如 其他）",
                en: "how a part that is the rest begins (a regex: 其他)",
            },
        },
        ParamDoc {
            name: "new-topic",
            doc: Doc {
                zh: "开始另一件事的分句（正则，如 此外、全年），列举到此为止",
                en: "a clause that starts something else (a regex: 此外, 全年): the list ends there",
            },
        },
        ParamDoc {
            name: "complete-with",
            doc: Doc {
                zh: "各部分的说法合起来与这些正则都相符时，列举也算完整（如公开属性：主动公开、依申请公开、不予公开）",
                en: "a list is complete too when its parts' words between them match every one of these regexes (the \
kinds of disclosure: 主动公开, 依申请公开, 不予公开)",
            },
        },
        ParamDoc {
            name: "parts",
            doc: Doc {
                zh: "每一部分的说法都须与之相符（正则，如以“类信息”结尾），否则不检查：没有“其中”的列举只在各部分明显是分类时才算",
                en: "a regex every part's words must match, or the list is not checked: a list without 其中 counts only when \
its parts are plainly kinds (their words ending in 类信息, say)",
            },
        },
        ParamDoc {
            name: "requires",
            doc: Doc {
                zh: "只检查与这些正则都相符的句子（如 其他|其余：列举须有“其他”一项时，没有的句子不必细看）",
                en: "only sentences matching every one of these regexes are checked (其他|其余: where a list needs a rest \
part, sentences without one need no closer look)",
            },
        },
        ParamDoc {
            name: "exclude",
            doc: Doc {
                zh: "不检查含这些正则的句子",
                en: "sentences matching any of these regexes are not checked",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["whole", "parts", "unit", "difference"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let units = &cx.format.units;
        let symbols: Vec<String> = match &p.units {
            Some(list) => {
                let mut out = Vec::new();
                for u in list {
                    if units.find(u.get_ref()).is_none() {
                        return Err(cx
                            .error_at(u, format!("unknown unit `{}`", u.get_ref()))
                            .note(format!("units (`[[unit]]`): {}", all_symbols(units).join(", "))));
                    }
                    out.push(regex::escape(u.get_ref()));
                }
                out
            }
            None => units
                .iter()
                .filter(|(_, u)| u.dimension == Dimension::Count)
                .map(|(_, u)| regex::escape(&u.symbol))
                .collect(),
        };
        if symbols.is_empty() {
            return Err(cx.rule_error("no units to check: list `units`, or count units in `[[unit]]`"));
        }
        let alternatives = symbols.join("|");
        let opens = cx.regex(&p.opens)?;
        let whole = cx
            .derived_regex(
                &p.opens,
                &format!(r"([0-9０-９]+)\s*({alternatives})(?:{})", opens.as_str()),
            )
            .map_err(|e| cx.error(span_of(&p.opens), format!("this pattern cannot follow a number: {e}")))?;
        let part = cx
            .derived_regex(&p.opens, &format!(r"(?s)^(.*?)([0-9０-９]+)\s*({alternatives})"))
            .expect("escaped units");
        Ok(ProseBreakdown {
            whole,
            part,
            item: cx.regex(&p.item)?,
            rest: cx.regex(&p.rest)?,
            new_topic: cx.regex(&p.new_topic)?,
            complete_with: cx.regexes(&p.complete_with)?,
            parts: p.parts.as_ref().map(|re| cx.regex(re)).transpose()?,
            requires: cx.regexes(&p.requires)?,
            exclude: cx.regexes(&p.exclude)?,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        // Read with wrapped lines joined (`其中：予以⏎公开18件`); spans map back at the end.
        let joined = doc.joined();
        let sentences = joined.sentences(SENTENCE_ENDS);
        let mut k = 0;
        while k < sentences.len() {
            // A breakdown in the next sentence (`……56条。其中，……`) is read with its whole.
            let mut sentence = sentences[k];
            k += 1;
            while let Some(&next) = sentences.get(k)
                && next.start == sentence.end
                && joined
                    .slice(next)
                    .trim_start_matches(crate::label::is_space)
                    .starts_with("其中")
            {
                sentence = Span::new(sentence.start, next.end);
                k += 1;
            }
            let text = joined.slice(sentence);
            if self.requires.iter().any(|re| !re.is_match(text)) || self.exclude.iter().any(|re| re.is_match(text)) {
                continue;
            }
            // The first whole is checked, and a later one that opens a clause of
            // its own after `；` (复议351件，其中……；诉讼46件，其中……), not one part
            // broken down further (政策文件24条，其中……; ；2.政策文件24条，其中……).
            let wholes: Vec<crate::pattern::Captures<'_>> = self.whole.captures_iter(text).collect();
            let mut checked: Vec<usize> = Vec::new();
            let mut previous_end = 0;
            for (i, whole) in wholes.iter().enumerate() {
                let m = whole.get(0).unwrap();
                let between = &text[previous_end..m.start()];
                let own_clause = between
                    .rfind(['，', ',', '；', ';', '：', ':', '、'])
                    .is_some_and(|at| match between[at..].chars().next() {
                        Some(c @ ('；' | ';')) => !self.item.is_match(&between[at + c.len_utf8()..]),
                        _ => false,
                    });
                if i == 0 || own_clause {
                    checked.push(i);
                }
                previous_end = m.end();
            }
            // Each one's parts run up to the next one checked.
            for (k, &i) in checked.iter().enumerate() {
                let end = checked
                    .get(k + 1)
                    .map_or(text.len(), |&j| wholes[j].get(0).unwrap().start());
                self.check_whole(cx, joined, sentence, &text[..end], &wholes[i], out);
            }
        }
    }
}

/// Where the bracket open before `text` closes (brackets inside it nest), or its end.
fn closing_bracket(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth == 0 => return i,
            '）' | ')' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

/// Digits ending `clause` after its words (`……类信息 45`), with where they start.
fn bare_number_at_end(clause: &str) -> Option<(usize, &str)> {
    let trimmed = clause.trim_end_matches(crate::label::is_space);
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::label::is_digit(c))
        .last()
        .map(|(i, _)| i)?;
    let words = trimmed[..start].trim_end_matches(crate::label::is_space);
    words
        .chars()
        .next_back()
        .is_some_and(crate::label::is_ideograph)
        .then_some((start, &trimmed[start..]))
}

fn all_symbols(units: &Units) -> Vec<&str> {
    units.iter().map(|(_, u)| u.symbol.as_str()).collect()
}

/// One part of a breakdown.
struct Part<'t> {
    words: &'t str,
    /// Written without its unit (`……类信息 45`), taken in the one before it.
    unitless: bool,
    label_starts_item: bool,
    label_is_rest: bool,
    span: Span,
    value: Number,
    unit: &'t str,
}

impl ProseBreakdown {
    /// Checks one whole stated in `text` (a sentence) against the parts listed after it.
    fn check_whole(
        &self,
        cx: &Context<'_>,
        joined: &Joined,
        sentence: Span,
        text: &str,
        whole: &crate::pattern::Captures<'_>,
        out: &mut Reporter<'_>,
    ) {
        let units = &cx.format.units;
        let unit = whole.get(2).unwrap().as_str();
        let whole_num = whole.get(1).unwrap();
        let Some(whole_value) = parse_number(whole_num.as_str(), units) else {
            return;
        };
        let after = whole.get(0).unwrap().end();
        // Parts in brackets (`2602条（其中……）`) end where the brackets close.
        let list = match whole.get(0).unwrap().as_str().contains(['（', '(']) {
            true => &text[after..after + closing_bracket(&text[after..])],
            false => &text[after..],
        };
        let (mut all, goes_on) = self.parts(list, sentence.start + after, units);
        // With the parts' kind given, a clause after `；` not of that kind starts
        // something else (`……法人或其他组织申请36件；上年结转4件`).
        if let Some(kinds) = &self.parts
            && let Some(cut) = (1..all.len()).find(|&k| {
                !kinds.is_match(all[k].words.trim_matches(crate::label::is_space))
                    && joined
                        .slice(Span::new(all[k - 1].span.end, all[k].span.start))
                        .contains(['；', ';'])
            })
        {
            all.truncate(cut);
        }
        let same: Vec<&Part> = all.iter().filter(|p| p.unit == unit).collect();
        if same.len() < 2 {
            return;
        }
        let complete = same.iter().filter(|p| p.label_starts_item).count() >= 2
            || same.iter().any(|p| p.label_is_rest)
            || (!self.complete_with.is_empty()
                && self
                    .complete_with
                    .iter()
                    .all(|kind| same.iter().any(|p| kind.is_match(p.words))));
        if !complete {
            return;
        }
        if let Some(kinds) = &self.parts
            && !same
                .iter()
                .all(|p| kinds.is_match(p.words.trim_matches(crate::label::is_space)))
        {
            return;
        }
        // Consistent if the list, or the start of it (a sentence may go on to
        // other numbers), adds up; other units may be part of it too.
        let mut sum = Number::zero();
        let mut with_others = Number::zero();
        let mut adds_up = false;
        // Parts in other units after the list's last part and a `；` are a
        // clause of their own (`……其他类97条；办理依申请公开1件`), not more of the
        // list (`……其他渠道100条，政务微信100篇` is).
        let last = all.iter().rposition(|p| p.unit == unit).map_or(all.len(), |i| {
            let after = all[i].span.end;
            (i + 1..all.len())
                .find(|&k| joined.slice(Span::new(after, all[k].span.start)).contains(['；', ';']))
                .unwrap_or(all.len())
        });
        for p in &all[..last] {
            with_others = with_others + p.value;
            if p.unit == unit {
                sum = sum + p.value;
            }
            if sum == whole_value || with_others == whole_value {
                adds_up = true;
                break;
            }
        }
        // A list that goes on (`……其他文件51条等`) need not add up to the
        // whole; it cannot exceed it.
        if adds_up || (goes_on && sum.raw() <= whole_value.raw()) {
            return;
        }
        let others: Vec<String> = all[..last]
            .iter()
            .filter(|p| p.unit != unit)
            .map(|p| format!("{}{}", p.value, p.unit))
            .collect();
        let whole_span = joined.source_span(Span::new(
            sentence.start + whole_num.start(),
            sentence.start + whole_num.end(),
        ));
        let difference = if sum.raw() > whole_value.raw() {
            sum - whole_value
        } else {
            whole_value - sum
        };
        let listed: Vec<String> = same.iter().map(|p| p.value.to_string()).collect();
        let mut finding = Finding::at(
            whole_span,
            cx.tr(
                &format!("总数 {whole_value}{unit}"),
                &format!("whole: {whole_value} {unit}"),
            ),
        );
        for p in same.iter().filter(|p| p.value.raw() != 0).take(8) {
            finding = finding.secondary(
                joined.source_span(p.span),
                cx.tr(&format!("{}{unit}", p.value), &format!("{} {unit}", p.value)),
            );
        }
        finding = finding
            .note(cx.tr(
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
            let written = others.join(cx.tr("、", ", "));
            finding = finding.note(cx.tr(
                &format!("另有以其他单位计的 {written}，计入后也不相等"),
                &format!("{written} more are counted in other units; they do not make it add up either"),
            ));
        }
        out.report(finding);
    }

    /// The parts listed after the whole: one per clause, until a clause starts
    /// something else.
    /// The parts listed in `list`, and whether the list says it goes on
    /// (`……其他文件54条等。`): then they need not add up to the whole.
    fn parts<'t>(&self, list: &'t str, offset: usize, units: &Units) -> (Vec<Part<'t>>, bool) {
        let mut out: Vec<Part<'t>> = Vec::new();
        // A part named by `words` (an item's number, 其他…), its number at `at`.
        let part = |words: &'t str, at: usize, number: &str, value: Number, unit: &'t str, unitless: bool| Part {
            words,
            unitless,
            label_starts_item: self.item.is_match(words),
            label_is_rest: self.rest.is_match(self.item.replace(words, "").trim_start()),
            span: Span::new(offset + at, offset + at + number.len()),
            value,
            unit,
        };
        let mut start = 0;
        // A part's own breakdown in brackets (`主动公开117条（涵盖……10条、……）`)
        // is not more parts of this list.
        // (Brackets that do not close, a typo, are not followed.)
        let opens = list.matches(['（', '(']).count();
        let balanced = opens > 0 && opens == list.matches(['）', ')']).count();
        let mut depth = 0usize;
        let mut goes_on = false;
        for (i, c) in list.char_indices().chain(std::iter::once((list.len(), '；'))) {
            match c {
                '（' | '(' if balanced => depth += 1,
                '）' | ')' if balanced => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > 0 || !matches!(c, '，' | ',' | '；' | ';' | '、' | '。') {
                continue;
            }
            let clause = &list[start..i];
            let clause_start = start;
            start = i + c.len_utf8();
            if !out.is_empty() && self.new_topic.is_match(clause) {
                break;
            }
            let Some(caps) = self.part.captures(clause) else {
                // A part whose unit was left out between parts with one
                // (`……类3条，……类信息 45，其他类4条`): the unit before it.
                if let Some(previous) = out.last()
                    && let Some((at, digits)) = bare_number_at_end(clause)
                    && let Some(value) = parse_number(digits, units)
                {
                    let unit = previous.unit;
                    out.push(part(&clause[..at], clause_start + at, digits, value, unit, true));
                }
                continue;
            };
            let label = caps.get(1).unwrap().as_str();
            let number = caps.get(2).unwrap();
            // `2.部门文件类信息24条` is matched from the label; a digit glued before
            // the number belongs to something else.
            if label.ends_with(|ch: char| crate::label::is_digit(ch) || matches!(ch, '.' | '．')) {
                continue;
            }
            let Some(value) = parse_number(number.as_str(), units) else {
                continue;
            };
            // `……54条等。`, not `等待` (words of their own), and only after the last part.
            let after = clause[caps.get(3).unwrap().end()..].trim_start_matches(crate::label::is_space);
            goes_on = after.strip_prefix('等').is_some_and(|rest| {
                rest.starts_with('等') || !rest.chars().next().is_some_and(crate::label::is_ideograph)
            });
            let unit = caps.get(3).unwrap().as_str();
            out.push(part(
                label,
                clause_start + number.start(),
                number.as_str(),
                value,
                unit,
                false,
            ));
        }
        // A number without a unit is a part only between parts with one.
        while out.last().is_some_and(|p| p.unitless) {
            out.pop();
        }
        (out, goes_on)
    }
}
