//! Shares stated in the text fit their counts: `网络申请39件，占88.6%；信函申请5件，占11.4%`.
//!
//! The parts of one list share a whole, so each share is its count over that
//! whole. The whole need not be written: it is the one most of the list (and a
//! count stated before it, or the parts' sum) agree on, and a share that does
//! not fit it is reported.

use serde::Deserialize;
use toml::Spanned;

use super::SENTENCE_ENDS;
use crate::diag::Finding;
use crate::model::Joined;
use crate::number::parse_number;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct ProseShare {
    share: Pattern,
    count: Pattern,
    generic: Pattern,
    approximate: Pattern,
    breaks: Pattern,
    not_part: Pattern,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    share: Spanned<String>,
    count: Spanned<String>,
    generic: Spanned<String>,
    approximate: Spanned<String>,
    breaks: Spanned<String>,
    not_part: Spanned<String>,
}

impl CheckType for ProseShare {
    const KIND: Kind = Kind::Sum;
    const NAME: &'static str = "prose-share";
    const DOC: Doc = Doc {
        zh: "正文在一句中列出几项及其所占比例（“网络申请39件，占88.6%；信函申请5件，占11.4%”）时，各项占的是同一个总数，\
比例应与数字相符。总数不必写出：取多数项目（以及列举前写明的数、各项之和）一致的总数，与之不符的比例报告出来。\
比例按写出的位数计，允许差一个末位（四舍五入或截断）；约数（约、超过、以上）、占别的总数的（占全市的）、被“其中”隔开的、\
中间插入另一个数的，不在一起比较；只有两项时须有前文写明的总数。",
        en: "When a sentence lists parts with their shares (网络申请39件，占88.6%；信函申请5件，占11.4%), the parts \
share one whole and each share is its count over it. The whole need not be written: it is the one most parts (and a \
count stated before the list, or the parts' sum) agree on, and a share that does not fit it is reported. A share is \
read to the digits written, one unit of the last digit either way (rounded or cut); approximations (约, 超过, 以上), \
shares of a named whole (占全市的), and parts set apart by 其中 or another count between them are not compared; a \
list of two needs a whole stated before it.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "share",
            doc: Doc {
                zh: "一项及其比例（正则）：命名组 part 为数，unit 为单位，of 为“占”与比例之间的话，percent 为百分数",
                en: "a part and its share (a regex): named groups `part` (the count), `unit`, `of` (the words between 占 \
and the share) and `percent`",
            },
        },
        ParamDoc {
            name: "count",
            doc: Doc {
                zh: "一个计数（正则）：命名组 n 为数，unit 为单位；列举之前（本句和上一句）的计数可以是总数，列举中间的计数把列举隔开",
                en: "a count (a regex): named groups `n` and `unit`; counts before the list (in its sentence and the one \
before) may be its whole, and one between two parts splits the list",
            },
        },
        ParamDoc {
            name: "generic",
            doc: Doc {
                zh: "of 的这些说法不指明总数（正则，如 比、总数的）；其他说法（全市的）只与说法相同的项比较",
                en: "`of` words that name no particular whole (a regex: 比, 总数的); parts with other words (全市的) are only \
compared with parts worded the same",
            },
        },
        ParamDoc {
            name: "approximate",
            doc: Doc {
                zh: "约数的标志（正则，如 约、超过、以上），在 of 中或比例之后时该项不比较",
                en: "what marks an approximation (a regex: 约, 超过, 以上), in `of` or just after the share: that part is \
not compared",
            },
        },
        ParamDoc {
            name: "breaks",
            doc: Doc {
                zh: "两项之间出现这些话（正则，如 其中）时，后面的是另一份列举",
                en: "words between two parts (a regex: 其中) after which another list begins",
            },
        },
        ParamDoc {
            name: "not-part",
            doc: Doc {
                zh: "数字之前（同一分句）有这些话时（正则，如 同比增加），那个数不是“占”所说的一项",
                en: "words before the count in its clause (a regex: 同比增加) that make it no part the share is of",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["part", "unit", "written", "whole", "expected"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let share = cx.regex(&p.share)?;
        for group in ["part", "unit", "of", "percent"] {
            if !share.has_group(group) {
                return Err(cx.error_at(&p.share, format!("this pattern has no named group `{group}`")));
            }
        }
        let count = cx.regex(&p.count)?;
        for group in ["n", "unit"] {
            if !count.has_group(group) {
                return Err(cx.error_at(&p.count, format!("this pattern has no named group `{group}`")));
            }
        }
        Ok(ProseShare {
            share,
            count,
            generic: cx.regex(&p.generic)?,
            approximate: cx.regex(&p.approximate)?,
            breaks: cx.regex(&p.breaks)?,
            not_part: cx.regex(&p.not_part)?,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let joined = cx.doc.joined();
        let sentences = joined.sentences(SENTENCE_ENDS);
        for (k, &sentence) in sentences.iter().enumerate() {
            let text = joined.slice(sentence);
            if !text.contains(['%', '％']) {
                continue;
            }
            let parts = self.parts(text, sentence.start, cx);
            // The sentence before may state the whole (`答复申请805件。予以公开258件，占32%；……`).
            let before = k
                .checked_sub(1)
                .map(|j| sentences[j])
                .filter(|p| p.end == sentence.start)
                .unwrap_or(Span::new(sentence.start, sentence.start));
            let mut from = 0;
            while from < parts.len() {
                // A list ends where its shares make 100% (`……占87%，……占13%；予以公开……`).
                let end_of = |from: usize| {
                    (from + 1..parts.len())
                        .find(|&i| !self.same_list(joined, &parts[i - 1], &parts[i]) || complete(&parts[from..i]))
                        .unwrap_or(parts.len())
                };
                let mut to = end_of(from);
                // One part short of 100% only by rounding (`占99.9%`) and one more part alone
                // after it: a list of two (`……712件，占99.9%；信函申请1件，占10.1%`).
                if to == from + 1
                    && to < parts.len()
                    && parts[from].share != parts[from].scale
                    && self.same_list(joined, &parts[from], &parts[to])
                    && end_of(to) == to + 1
                {
                    to += 1;
                }
                let lead = Span::new(before.start, parts[from].start);
                self.check_list(cx, joined, lead, &parts[from..to], out);
                from = to;
            }
        }
    }
}

/// One part with its share, as written.
struct Part {
    /// Where the part's words begin (its clause), the count and the share.
    start: usize,
    count: Span,
    percent: Span,
    n: i128,
    /// The share in units of its last digit, and that unit's scale (100 × 10^decimals).
    share: i128,
    scale: i128,
    unit: String,
    of: String,
}

impl Part {
    /// Whether `whole` gives this share to one unit of its last digit.
    fn fits(&self, whole: i128) -> bool {
        whole > 0 && (self.n * self.scale - self.share * whole).abs() <= whole
    }

    /// Whether its share is too large for any whole from `most` up: 1件 is not
    /// 10.1% of a whole that holds a part of 712.
    fn too_large_for(&self, most: i128) -> bool {
        self.share > 1 && self.n * self.scale < (self.share - 1) * most
    }

    /// The smallest whole that gives this share.
    fn least_whole(&self) -> i128 {
        let num = self.n * self.scale;
        let den = self.share + 1;
        (num + den - 1) / den
    }
}

impl ProseShare {
    fn parts(&self, text: &str, offset: usize, cx: &Context<'_>) -> Vec<Part> {
        let units = &cx.format.units;
        let mut out = Vec::new();
        let mut clause_start = 0;
        // A part's own breakdown in brackets (`78件，占88.6%（平台提交52件，占66.7%）`)
        // is of another whole: parts deeper than the first are left out.
        let mut top_depth = None;
        // Brackets open so far, counted once through the sentence as the parts go.
        let (mut depth, mut depth_at) = (0usize, 0usize);
        for c in self.share.captures_iter(text) {
            let (Some(part), Some(unit), Some(of), Some(percent)) =
                (c.name("part"), c.name("unit"), c.name("of"), c.name("percent"))
            else {
                continue;
            };
            let whole_match = c.get(0).unwrap();
            let clause_at = text[clause_start..part.start()]
                .rfind(['，', ',', '；', ';', '：', ':', '、'])
                .map_or(clause_start, |i| clause_start + i);
            let clause = &text[clause_at..part.start()];
            clause_start = whole_match.end();
            // Up to the end of the share's clause: `占22.8%；其余……` is no approximation.
            let after = &text[whole_match.end()..];
            let after = &after[..after
                .find(['，', ',', '；', ';', '。', '：', ':', '、', '（', '('])
                .unwrap_or(after.len())];
            if self.approximate.is_match(of.as_str())
                || self.approximate.is_match(after)
                || self.not_part.is_match(clause)
            {
                continue;
            }
            // Digits grouped by a comma or space the number did not take (`1，234条`)
            // are not read: the count would be the last group.
            let mut back = text[..part.start()].chars().rev();
            if matches!(back.next(), Some('，' | ',' | ' ' | '　' | '\u{a0}'))
                && back.next().is_some_and(crate::label::is_digit)
            {
                continue;
            }
            depth = bracket_depth(depth, &text[depth_at..part.start()]);
            depth_at = part.start();
            if *top_depth.get_or_insert(depth) < depth {
                continue;
            }
            let Some(n) = read_count(part.as_str(), units) else {
                continue;
            };
            let Some((share, scale)) = percent_of(percent.as_str()) else {
                continue;
            };
            let of = of.as_str().trim_end_matches('的');
            let of = if self.generic.is_match(of) {
                String::new()
            } else {
                of.to_string()
            };
            out.push(Part {
                start: offset + clause_at,
                count: Span::new(offset + part.start(), offset + part.end()),
                percent: Span::new(offset + percent.start(), offset + whole_match.end()),
                n: i128::from(n),
                share,
                scale,
                unit: unit.as_str().to_string(),
                of,
            });
        }
        out
    }

    /// Whether two parts next to each other are of one list: the same unit and
    /// whole, and no count or break between them.
    fn same_list(&self, joined: &Joined, a: &Part, b: &Part) -> bool {
        if a.unit != b.unit || a.of != b.of {
            return false;
        }
        let between = joined.slice(Span::new(a.percent.end, b.count.start));
        !self.breaks.is_match(between) && !self.count.is_match(between)
    }

    fn check_list(&self, cx: &Context<'_>, joined: &Joined, lead: Span, parts: &[Part], out: &mut Reporter<'_>) {
        // Parts of 0 fit any whole and tell nothing.
        let voters: Vec<&Part> = parts.iter().filter(|p| p.n > 0).collect();
        if voters.len() < 2 {
            return;
        }
        let most = voters.iter().map(|p| p.n).max().unwrap_or(0);
        let sum: i128 = voters.iter().map(|p| p.n).sum();
        // Counts stated before the list, in its unit, at least as large as any part.
        let lead_text = joined.slice(lead);
        let stated: Vec<(i128, Span)> = self
            .count
            .captures_iter(lead_text)
            .filter_map(|c| {
                let (n, unit) = (c.name("n")?, c.name("unit")?);
                (unit.as_str() == parts[0].unit).then_some(())?;
                let value = i128::from(read_count(n.as_str(), &cx.format.units)?);
                (value >= most).then(|| (value, Span::new(lead.start + n.start(), lead.start + n.end())))
            })
            .collect();
        let mut candidates: Vec<i128> = voters.iter().map(|p| p.least_whole()).collect();
        candidates.extend(stated.iter().map(|s| s.0));
        candidates.push(sum);
        candidates.retain(|&w| w >= most && w > 0);
        candidates.sort_unstable();
        candidates.dedup();
        // Shares that make 100% (to their rounding) are the whole list: then a
        // whole stated before it that fits a part is the list's.
        let complete = complete(parts);
        let support = |w: i128| {
            let fit = voters.iter().filter(|p| p.fits(w)).count();
            let named = stated.iter().any(|s| s.0 == w);
            (fit + usize::from(named) + usize::from(w == sum), fit, named)
        };
        let Some(best) = candidates.iter().map(|&w| support(w).0).max() else {
            return;
        };
        // Every whole with the best support must blame the same parts.
        let mut blamed: Option<(i128, Vec<usize>)> = None;
        for &w in &candidates {
            let (s, fit, named) = support(w);
            if s != best {
                continue;
            }
            let wrong: Vec<usize> = (0..voters.len()).filter(|&i| !voters[i].fits(w)).collect();
            let misfits = wrong.len();
            let sure = misfits > 0
                && ((fit >= 2 && fit > misfits)
                    || (fit >= 1 && named && (w == sum || complete) && fit >= misfits)
                    || (fit >= 1 && wrong.iter().all(|&i| voters[i].too_large_for(most))));
            if !sure {
                return;
            }
            match &blamed {
                Some((_, before)) if *before != wrong => return,
                Some(_) => {}
                None => blamed = Some((w, wrong)),
            }
        }
        let Some((whole, wrong)) = blamed else { return };
        // A part that fits another whole stated before may be of that one.
        if wrong
            .iter()
            .any(|&i| stated.iter().any(|s| s.0 != whole && voters[i].fits(s.0)))
        {
            return;
        }
        let named = stated.iter().find(|s| s.0 == whole).map(|s| s.1);
        for &i in &wrong {
            let part = voters[i];
            let written = format_share(part.share, part.scale);
            let expected = format_share((part.n * part.scale * 10 / whole + 5) / 10, part.scale);
            let unit = &part.unit;
            let mut finding = Finding::at(
                joined.source_span(part.percent),
                cx.tr(
                    &format!("{}{unit} 占 {whole}{unit} 的 {expected}%", part.n),
                    &format!("{} of {whole} is {expected}%", part.n),
                ),
            )
            .secondary(joined.source_span(part.count), cx.tr("这一项", "this part"));
            for other in voters.iter().filter(|p| p.fits(whole)).take(6) {
                finding = finding.secondary(
                    joined.source_span(other.percent),
                    cx.tr(&format!("{}{unit}：相符", other.n), &format!("{}: fits", other.n)),
                );
            }
            if let Some(span) = named {
                finding = finding.secondary(joined.source_span(span), cx.tr("总数", "the whole"));
            }
            let how = match (named.is_some(), whole == sum) {
                (true, _) => cx.tr("前文写明的总数", "the whole stated before the list"),
                (false, true) => cx.tr("各项之和", "the parts' sum"),
                (false, false) => cx.tr("其余各项的比例", "the other parts' shares"),
            };
            finding = finding
                .note(cx.tr(
                    &format!(
                        "{} ÷ {whole} = {expected}%，写的是 {written}%；总数 {whole}{unit} 依据{how}",
                        part.n
                    ),
                    &format!(
                        "{} ÷ {whole} = {expected}%, written {written}%; the whole, {whole}, is from {how}",
                        part.n
                    ),
                ))
                .arg("part", part.n.to_string())
                .arg("unit", unit.as_str())
                .arg("written", written)
                .arg("whole", whole.to_string())
                .arg("expected", expected);
            out.report(finding);
        }
    }
}

/// A count, its thousands grouped or not (`1，234`).
fn read_count(text: &str, units: &crate::number::Units) -> Option<i64> {
    let digits: String = text.chars().filter(|c| !matches!(c, ',' | '，')).collect();
    parse_number(&digits, units)?.to_i64()
}

/// Whether the shares of `parts` make 100%, to their rounding.
fn complete(parts: &[Part]) -> bool {
    let fine = |p: &Part| 1_000_000 / p.scale;
    let total: i128 = parts.iter().map(|p| p.share * fine(p)).sum();
    let slack: i128 = parts.iter().map(fine).sum();
    (total - 1_000_000).abs() <= slack
}

/// How many brackets are open at the end of `text`, `open` before it.
fn bracket_depth(open: usize, text: &str) -> usize {
    text.chars().fold(open, |depth, c| match c {
        '（' | '(' => depth + 1,
        '）' | ')' => depth.saturating_sub(1),
        _ => depth,
    })
}

/// A share as written (`33.9`, `４.３４`) in units of its last digit, with
/// the scale that makes it a fraction (100 × 10^decimals).
fn percent_of(text: &str) -> Option<(i128, i128)> {
    let mut value: i128 = 0;
    let mut scale: i128 = 100;
    let mut decimals = None;
    for c in text.chars() {
        match c {
            '.' | '．' if decimals.is_none() => decimals = Some(0u32),
            _ => {
                let d = i128::from(crate::label::to_halfwidth(c).to_digit(10)?);
                value = value.checked_mul(10)?.checked_add(d)?;
                if let Some(k) = decimals.as_mut() {
                    *k += 1;
                    scale = scale.checked_mul(10)?;
                }
            }
        }
    }
    (decimals != Some(0) && decimals.is_none_or(|k| k <= 4)).then_some((value, scale))
}

/// A share in units of its last digit, written back with its decimals.
fn format_share(value: i128, scale: i128) -> String {
    let decimals = (scale / 100).ilog10() as usize;
    if decimals == 0 {
        return value.to_string();
    }
    let ten = 10i128.pow(decimals as u32);
    format!("{}.{:0decimals$}", value / ten, value % ten)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_read_to_their_last_digit() {
        assert_eq!(percent_of("33.9"), Some((339, 1000)));
        assert_eq!(percent_of("４.３４"), Some((434, 10000)));
        assert_eq!(percent_of("50"), Some((50, 100)));
        assert_eq!(percent_of("5."), None);
        assert_eq!(format_share(339, 1000), "33.9");
        assert_eq!(format_share(5, 10000), "0.05");
        assert_eq!(format_share(43, 100), "43");
    }

    #[test]
    fn a_part_fits_wholes_within_one_unit_of_its_last_digit() {
        let part = |n, share, scale| Part {
            start: 0,
            count: Span::new(0, 0),
            percent: Span::new(0, 0),
            n,
            share,
            scale,
            unit: String::new(),
            of: String::new(),
        };
        // 3 of 7 is 42.86%: written 43% (rounded) or 42% (cut) fits, 44% does not.
        assert!(part(3, 43, 100).fits(7));
        assert!(part(3, 42, 100).fits(7));
        assert!(!part(3, 45, 100).fits(7));
        // 258 of 805 is 32.05%, not 33.9%.
        assert!(!part(258, 339, 1000).fits(805));
        assert!(part(265, 329, 1000).fits(805));
        assert_eq!(part(39, 886, 1000).least_whole(), 44);
    }
}
