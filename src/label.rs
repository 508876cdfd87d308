//! Matching labels by meaning: numbering, punctuation, spacing and width variants
//! of the same words compare equal, and near-misses are scored.

use std::fmt;

/// How an item is numbered: `一、`, `（一）`, `1.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Numbering {
    /// `一、` `一.` `一．` `第一部分`
    Top(u32),
    /// `（一）` `(一)`
    Paren(u32),
    /// `1.` `1、` `1．`
    Arabic(u32),
}

impl Numbering {
    pub fn number(self) -> u32 {
        match self {
            Numbering::Top(n) | Numbering::Paren(n) | Numbering::Arabic(n) => n,
        }
    }

    fn same_style(self, other: Numbering) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }
}

impl fmt::Display for Numbering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Numbering::Top(n) => write!(f, "{}、", cn_numeral(n)),
            Numbering::Paren(n) => write!(f, "（{}）", cn_numeral(n)),
            Numbering::Arabic(n) => write!(f, "{n}."),
        }
    }
}

/// A label reduced to what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub numbering: Option<Numbering>,
    /// The words without numbering, spaces, punctuation or quotes; ASCII forms of
    /// full-width letters and digits.
    pub core: String,
    /// Byte length of the numbering prefix in the input (including trailing spaces).
    pub prefix_len: usize,
}

/// A Chinese digit's value (〇 and 零 are 0).
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parse a Chinese numeral from 一 to 九十九 (also 〇/零 digits like 二〇).
pub fn parse_cn_numeral(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        ['十', d] => Some(10 + cn_digit(*d)?),
        [t, '十'] => Some(cn_digit(*t)? * 10),
        [t, '十', d] => Some(cn_digit(*t)? * 10 + cn_digit(*d)?),
        [d] => cn_digit(*d).filter(|&n| n > 0),
        _ => None,
    }
}

/// A count written in Chinese numerals up to the thousands (`十二`, `一百零五`,
/// `三千一百二十一`, `两千`). `None` for digits side by side (`二〇二一`, a
/// year), units out of order, or a digit after 百 or 千 with no 零 between
/// (`一百五`, said for 150).
pub fn parse_cn_count(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    // The last unit written, and whether the digit to come follows a 零.
    let mut last_unit = u32::MAX;
    let mut after_zero = false;
    for c in s.chars() {
        match c {
            '千' | '百' | '十' => {
                let unit = match c {
                    '千' => 1000,
                    '百' => 100,
                    _ => 10,
                };
                if unit >= last_unit {
                    return None;
                }
                // `十二` opens with its unit; `一百一十` writes the one.
                let d = match digit.take() {
                    Some(d) => d,
                    None if unit == 10 && total == 0 => 1,
                    None => return None,
                };
                total += d * unit;
                last_unit = unit;
                after_zero = false;
            }
            '零' | '〇' | '○' => {
                if digit.is_some() || total == 0 || after_zero {
                    return None;
                }
                after_zero = true;
            }
            // (Zeros are taken above.)
            _ => {
                if digit.is_some() {
                    return None;
                }
                digit = Some(cn_digit(c)?);
            }
        }
    }
    match digit {
        // A digit right after 百 or 千 is said for tens or hundreds (`一百五`): not read.
        Some(_) if (100..u32::MAX).contains(&last_unit) && !after_zero => return None,
        Some(d) => total += d,
        None if after_zero => return None,
        None => {}
    }
    (total > 0).then_some(total)
}

/// `2020`, `２０２０`, `二〇二〇` (`二○二〇`: a circle for the zero).
pub fn parse_year(s: &str) -> Option<i32> {
    let digits: String = s
        .chars()
        .map(|c| match c {
            '〇' | '零' | '○' | 'Ｏ' => '0',
            '一' => '1',
            '二' => '2',
            '三' => '3',
            '四' => '4',
            '五' => '5',
            '六' => '6',
            '七' => '7',
            '八' => '8',
            '九' => '9',
            c => to_halfwidth(c),
        })
        .collect();
    let year: i32 = digits.parse().ok()?;
    (1990..=2100).contains(&year).then_some(year)
}

/// `12` → `十二`.
pub fn cn_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        20..=99 if n % 10 == 0 => format!("{}十", DIGITS[(n / 10) as usize]),
        20..=99 => format!("{}十{}", DIGITS[(n / 10) as usize], DIGITS[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

pub fn is_cn_numeral_char(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// Spaces of every kind, including NBSP, the ideographic space and zero-width ones.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{3000}') || is_invisible(c)
}

/// Characters a reader never sees: zero-width spaces and joiners, the word
/// joiner, a byte-order mark inside the text, the soft hyphen. Web pages carry
/// them inside numbers (`1\u{200b}3` reads as 13).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// An ASCII or a full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// An ASCII digit written full-width (`3` → `３`); any other character as it is.
pub fn to_fullwidth_digit(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Full-width ASCII forms (`１`, `Ａ`, `（`) to their ASCII twins.
/// Whether the last four characters of `digits` are a year (19xx, 20xx): a
/// date or a span of years runs on from there (`2021-12-31`, `2020-2021`).
pub fn ends_in_a_year(digits: &str) -> bool {
    let last: Vec<char> = digits.chars().rev().take(4).map(to_halfwidth).collect();
    matches!(last[..], [_, _, '9', '1'] | [_, _, '0', '2'])
}

pub fn to_halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A small count written in Arabic digits (full-width too) or Chinese
/// numerals: a month, a day (`12`, `１２`, `十二`).
pub fn parse_small_number(s: &str) -> Option<u32> {
    let half: String = s.chars().map(to_halfwidth).collect();
    half.parse().ok().or_else(|| parse_cn_numeral(s))
}

/// A Chinese character (CJK unified ideographs and extension A).
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Punctuation ignored when comparing labels.
pub fn is_ignorable_punct(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | ','
            | '。'
            | '.'
            | '．'
            | '：'
            | ':'
            | '；'
            | ';'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '"'
            | '\''
            | '「'
            | '」'
            | '『'
            | '』'
            | '('
            | ')'
            | '（'
            | '）'
            | '['
            | ']'
            | '【'
            | '】'
            | '\\'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '·'
            | '•'
            | '*'
            | '#'
            | '|'
            | '-'
            | '—'
            | '－'
            | '_'
            | '~'
            | '～'
            | '/'
            | '／'
            | '?'
            | '？'
            | '!'
            | '！'
    )
}

/// Read a numbering prefix: `一、` `（一）` `(一)` `1.` `1、` `第一，`… Returns the
/// numbering and its byte length including following spaces.
pub fn numbering_prefix(s: &str) -> Option<(Numbering, usize)> {
    let mut it = s.char_indices().peekable();
    // Skip leading spaces and Markdown markers.
    let mut start = 0;
    while let Some(&(i, c)) = it.peek() {
        if is_space(c) || c == '#' || c == '*' {
            it.next();
            start = i + c.len_utf8();
        } else {
            break;
        }
    }
    let rest = &s[start..];
    let first = rest.chars().next()?;
    let (numbering, len) = if first == '（' || first == '(' {
        let inner_start = first.len_utf8();
        let inner = rest[inner_start..].trim_start_matches(is_space);
        let skipped = rest.len() - inner_start - inner.len();
        let digits = &inner[..inner.find(|c| !is_cn_numeral_char(c)).unwrap_or(inner.len())];
        let n = parse_cn_numeral(digits)?;
        let after = &inner[digits.len()..];
        let after_trim = after.trim_start_matches(is_space);
        let close = after_trim.chars().next()?;
        if close != '）' && close != ')' {
            return None;
        }
        let len = inner_start + skipped + digits.len() + (after.len() - after_trim.len()) + close.len_utf8();
        (Numbering::Paren(n), len)
    } else if let Some(inner) = rest.strip_prefix('第') {
        // `第一部分 总体情况`: the parts of the report numbered in words.
        let digits = &inner[..inner.find(|c| !is_cn_numeral_char(c)).unwrap_or(inner.len())];
        let n = parse_cn_numeral(digits)?;
        let after = inner[digits.len()..].strip_prefix("部分")?;
        let after_trim = after.trim_start_matches(is_space);
        let sep = after_trim
            .chars()
            .next()
            .filter(|c| matches!(c, '、' | '：' | ':' | '.' | '．'))
            .map_or(0, char::len_utf8);
        (
            Numbering::Top(n),
            '第'.len_utf8() + digits.len() + "部分".len() + (after.len() - after_trim.len()) + sep,
        )
    } else if is_cn_numeral_char(first) {
        let digits = &rest[..rest.find(|c| !is_cn_numeral_char(c)).unwrap_or(rest.len())];
        let n = parse_cn_numeral(digits)?;
        let after = &rest[digits.len()..];
        let after_trim = after.trim_start_matches(is_space);
        // Markdown escapes the mark after a number (`3\.其他`) lest it start a list.
        let after_trim = after_trim.strip_prefix('\\').unwrap_or(after_trim);
        let sep = after_trim.chars().next()?;
        if !matches!(sep, '、' | '.' | '．') {
            return None;
        }
        (
            Numbering::Top(n),
            digits.len() + (after.len() - after_trim.len()) + sep.len_utf8(),
        )
    } else if is_digit(first) {
        let digits = &rest[..rest.find(|c| !is_digit(c)).unwrap_or(rest.len())];
        if digits.chars().count() > 2 {
            return None;
        }
        let n = digits
            .chars()
            .fold(0, |n, c| n * 10 + to_halfwidth(c).to_digit(10).unwrap_or(0));
        let after = &rest[digits.len()..];
        let after_trim = after.trim_start_matches(is_space);
        // Markdown escapes the mark after a number (`3\.其他`) lest it start a list.
        let after_trim = after_trim.strip_prefix('\\').unwrap_or(after_trim);
        let sep = after_trim.chars().next()?;
        if !matches!(sep, '、' | '.' | '．') {
            return None;
        }
        // `1.5` is a number, not an item.
        let next = after_trim[sep.len_utf8()..].chars().next();
        if next.is_some_and(is_digit) {
            return None;
        }
        (
            Numbering::Arabic(n),
            digits.len() + (after.len() - after_trim.len()) + sep.len_utf8(),
        )
    } else {
        return None;
    };
    let mut total = start + len;
    total += s[total..].len() - s[total..].trim_start_matches(is_space).len();
    Some((numbering, total))
}

/// A top-level number written without its mark (`一 总体情况`, `一，总体情况`):
/// the number and where the words after it start. Only a heading line may be
/// read so; `numbering_prefix` wants the mark.
pub fn unmarked_top_number(s: &str) -> Option<(u32, usize)> {
    let start = s.len()
        - s.trim_start_matches(|c: char| is_space(c) || c == '#' || c == '*')
            .len();
    let rest = &s[start..];
    let digits = &rest[..rest.find(|c| !is_cn_numeral_char(c)).unwrap_or(rest.len())];
    let n = parse_cn_numeral(digits).filter(|&n| (1..=10).contains(&n))?;
    let after = &rest[digits.len()..];
    let spaced = after.trim_start_matches(is_space);
    let words = match spaced.len() < after.len() {
        true => spaced,
        false => after.strip_prefix(['，', ','])?.trim_start_matches(is_space),
    };
    let first = words.chars().next()?;
    (is_ideograph(first) && !is_cn_numeral_char(first)).then_some((n, s.len() - words.len()))
}

/// The comparable core of a text: no spaces, no ignorable punctuation, half-width.
pub fn core(s: &str) -> String {
    let mut core = String::with_capacity(s.len());
    for c in s.chars() {
        // Most of a label: a CJK ideograph, kept as it is.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            core.push(c);
        } else if !is_space(c) {
            let c = to_halfwidth(c);
            if !is_ignorable_punct(c) {
                core.push(c);
            }
        }
    }
    core
}

pub fn normalize(s: &str) -> Normalized {
    match numbering_prefix(s) {
        Some((numbering, len)) => Normalized {
            numbering: Some(numbering),
            core: core(&s[len..]),
            prefix_len: len,
        },
        None => Normalized {
            numbering: None,
            core: core(s),
            prefix_len: 0,
        },
    }
}

/// Dice coefficient over the longest common subsequence of characters: 1.0 for
/// equal strings, 0.0 for nothing in common.
pub fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    similarity_chars(&a, &b)
}

/// [`similarity`] on characters already split out.
pub fn similarity_chars(a: &[char], b: &[char]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // Labels are short: keep the two DP rows on the stack.
    const STACK: usize = 96;
    let lcs = if b.len() <= STACK {
        let mut prev = [0u16; STACK + 1];
        let mut cur = [0u16; STACK + 1];
        lcs_rows(a, b, &mut prev[..=b.len()], &mut cur[..=b.len()])
    } else {
        lcs_rows(a, b, &mut vec![0; b.len() + 1], &mut vec![0; b.len() + 1])
    };
    2.0 * lcs as f32 / (a.len() + b.len()) as f32
}

fn lcs_rows<'r>(a: &[char], b: &[char], mut prev: &'r mut [u16], mut cur: &'r mut [u16]) -> u16 {
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The highest similarity two strings of these lengths could have.
fn similarity_bound(a: usize, b: usize) -> f32 {
    2.0 * a.min(b) as f32 / (a + b).max(1) as f32
}

/// How well a written label matched a known one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchQuality {
    /// Close but not equal: a typo, a dropped word, a truncated wrap.
    Fuzzy,
    /// One of the accepted variants.
    Variant,
    /// The official wording.
    Exact,
}

impl MatchQuality {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchQuality::Exact => "exact",
            MatchQuality::Variant => "variant",
            MatchQuality::Fuzzy => "fuzzy",
        }
    }
}

/// A known label: the official wording and accepted variants, pre-normalized.
#[derive(Debug, Clone)]
pub struct LabelDef {
    pub official: String,
    pub numbering: Option<Numbering>,
    /// Core of the official wording first, then the variants'.
    pub cores: Vec<String>,
    /// The same cores as characters, for fuzzy matching.
    core_chars: Vec<Vec<char>>,
}

impl LabelDef {
    pub fn new(official: &str, variants: &[String]) -> Self {
        let n = normalize(official);
        let mut cores = vec![n.core];
        for v in variants {
            let c = normalize(v).core;
            if !c.is_empty() && !cores.contains(&c) {
                cores.push(c);
            }
        }
        let core_chars = cores.iter().map(|c| c.chars().collect()).collect();
        LabelDef {
            official: official.to_string(),
            numbering: n.numbering,
            cores,
            core_chars,
        }
    }

    /// How well `written` (already normalized) matches, with a score in 0..=1; a
    /// near-miss counts from `min` similarity up.
    pub fn score(&self, written: &Normalized, min: f32) -> Option<(MatchQuality, f32)> {
        if written.core.is_empty() {
            return None;
        }
        if let (Some(a), Some(b)) = (written.numbering, self.numbering)
            && a.same_style(b)
            && a.number() != b.number()
        {
            // A different number of the same style is a different row, however
            // alike the words; only exact words survive (renumbered items).
            return self.cores.contains(&written.core).then_some((MatchQuality::Fuzzy, 0.6));
        }
        for (i, c) in self.cores.iter().enumerate() {
            if *c == written.core {
                let q = if i == 0 {
                    MatchQuality::Exact
                } else {
                    MatchQuality::Variant
                };
                return Some((q, 1.0));
            }
        }
        let w_len = written.core.chars().count();
        if w_len < 4 {
            // Too short to judge a near-miss: `他处理` is a fragment, not 其他处理.
            return None;
        }
        let mut best = 0.0f32;
        let mut written_chars: Option<Vec<char>> = None;
        for (c, chars) in self.cores.iter().zip(&self.core_chars) {
            let c_len = chars.len();
            // A label cut short by a line wrap, or one with a note appended.
            if c_len >= 4 && (c.starts_with(&written.core) || written.core.starts_with(c.as_str())) {
                let shorter = w_len.min(c_len) as f32;
                let longer = w_len.max(c_len) as f32;
                best = best.max(0.8 + 0.19 * shorter / longer);
                continue;
            }
            if similarity_bound(w_len, c_len) < min {
                continue;
            }
            let w = written_chars.get_or_insert_with(|| written.core.chars().collect());
            best = best.max(similarity_chars(chars, w));
        }
        (best >= min).then_some((MatchQuality::Fuzzy, best.min(0.99)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(parse_cn_numeral("一"), Some(1));
        assert_eq!(parse_cn_numeral("十"), Some(10));
        assert_eq!(parse_cn_numeral("十二"), Some(12));
        assert_eq!(parse_cn_numeral("二十"), Some(20));
        assert_eq!(parse_cn_numeral("二十三"), Some(23));
        assert_eq!(parse_cn_numeral("〇"), None);
        assert_eq!(cn_numeral(6), "六");
        assert_eq!(cn_numeral(12), "十二");
    }

    #[test]
    fn numbering_styles() {
        assert_eq!(numbering_prefix("一、总体情况"), Some((Numbering::Top(1), 6)));
        assert_eq!(numbering_prefix("  六. 其他"), Some((Numbering::Top(6), 7)));
        assert_eq!(numbering_prefix("（三）不予公开").unwrap().0, Numbering::Paren(3));
        assert_eq!(numbering_prefix("(五) 不予处理").unwrap().0, Numbering::Paren(5));
        assert_eq!(numbering_prefix("1. 属于国家秘密").unwrap().0, Numbering::Arabic(1));
        assert_eq!(numbering_prefix("１、属于").unwrap().0, Numbering::Arabic(1));
        assert_eq!(numbering_prefix("１２、其他").unwrap().0, Numbering::Arabic(12));
        assert_eq!(numbering_prefix("## 四、政府").unwrap().0, Numbering::Top(4));
        assert_eq!(numbering_prefix("1.5万元"), None);
        assert_eq!(numbering_prefix("2020年"), None);
        assert_eq!(numbering_prefix("一是加强"), None);
        // The parts numbered in words, with or without a mark after them.
        for (written, n) in [
            ("三", Some(3)),
            ("十二", Some(12)),
            ("二十", Some(20)),
            ("一百零五", Some(105)),
            ("一百一十", Some(110)),
            ("二百二十", Some(220)),
            ("一百五十六", Some(156)),
            ("两千", Some(2000)),
            ("一千零二十", Some(1020)),
            ("三千一百二十一", Some(3121)),
            ("一千二百九十七", Some(1297)),
            ("一百五", None),
            ("二〇二一", None),
            ("百", None),
            ("一千一万", None),
            ("十百", None),
            ("零", None),
        ] {
            assert_eq!(parse_cn_count(written), n, "{written}");
        }
        assert_eq!(numbering_prefix("第一部分 总体情况"), Some((Numbering::Top(1), 13)));
        assert_eq!(numbering_prefix("第三部分：收到"), Some((Numbering::Top(3), 15)));
        assert_eq!(numbering_prefix("第六部分其他"), Some((Numbering::Top(6), 12)));
        assert_eq!(numbering_prefix("第二十条第（一）项"), None);
        assert_eq!(numbering_prefix("第一批"), None);
        // Markdown's escape before the mark.
        assert_eq!(numbering_prefix("3\\.其他"), Some((Numbering::Arabic(3), 3)));
        assert_eq!(numbering_prefix("六\\、其他"), Some((Numbering::Top(6), 7)));
        assert_eq!(core("3\\.其他"), "3其他");
    }

    #[test]
    fn normalize_drops_spaces_punctuation_and_width() {
        let n = normalize("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)");
        assert_eq!(n.numbering, Some(Numbering::Paren(2)));
        assert_eq!(n.core, "部分公开区分处理的只计这一情形不计其他情形");
        assert_eq!(normalize("3.危及“三安全一稳定”").core, "危及三安全一稳定");
        assert_eq!(normalize("结 果 维 持").core, "结果维持");
    }

    #[test]
    fn label_matching_tiers() {
        let def = LabelDef::new("2.其他法律行政法规禁止公开", &["其他法律法规禁止公开".to_string()]);
        let q = |s: &str| def.score(&normalize(s), 0.75).map(|(q, _)| q);
        assert_eq!(q("2. 其他法律行政法规禁止公开"), Some(MatchQuality::Exact));
        assert_eq!(q("2.其他法律法规禁止公开"), Some(MatchQuality::Variant));
        assert_eq!(q("2.其他法律行政止公开"), Some(MatchQuality::Fuzzy));
        assert_eq!(q("3.其他法律行政法规禁止公开"), Some(MatchQuality::Fuzzy));
        assert_eq!(q("3.危及“三安全一稳定”"), None);
        assert_eq!(q("总计"), None);
        let other = LabelDef::new("（六）其他处理", &[]);
        assert_eq!(
            other.score(&normalize("他处理"), 0.75),
            None,
            "fragments are not near-misses"
        );
    }

    #[test]
    fn truncated_label_matches_by_prefix() {
        let def = LabelDef::new("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", &[]);
        let (q, s) = def
            .score(&normalize("（二）部分公开（区分处理的，只计这一情 形，不"), 0.75)
            .unwrap();
        assert_eq!(q, MatchQuality::Fuzzy);
        assert!(s > 0.9, "{s}");
    }

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("abc", "xyz"), 0.0);
        assert!(similarity("行政法复议", "行政复议") > 0.8);
    }
}
