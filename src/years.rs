//! Years written before 年 (`2021年`, `２０２１ 年`, `二〇二一年度`), found by
//! looking back from each 年 rather than by a regex: the year checks look for
//! them in every sentence of every report, and compiling the regex they were
//! written as took longer than reading a short report.
//!
//! What is found is exactly what the regex
//! `((?:19|20)[0-9]{2}|[１２][０-９]{3}|[〇零一二三四五六七八九]{4})\s*年(度)?(?:\s*([0-9０-９]{1,2})\s*月)?`
//! matches (a test compares the two), leftmost first and not overlapping.

use std::ops::Range;

/// A year written before 年, with 度 and a month when they follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenYear {
    /// The year's four characters.
    pub digits: Range<usize>,
    /// Just after 年.
    pub nian_end: usize,
    /// 度 follows 年 (`2021年度`).
    pub du: bool,
    /// The month's digits, when a month follows (`2021年 3月`).
    pub month: Option<Range<usize>>,
    /// Just after the last of these.
    pub end: usize,
}

impl WrittenYear {
    pub fn start(&self) -> usize {
        self.digits.start
    }

    /// From the year to just after 年 (`2021年`, without 度 or a month).
    pub fn through_nian(&self) -> Range<usize> {
        self.digits.start..self.nian_end
    }
}

const NIAN: &str = "年";

/// Every year written in `text`, in order.
pub fn years(text: &str) -> impl Iterator<Item = WrittenYear> + '_ {
    let mut from = 0;
    memchr::memmem::find_iter(text.as_bytes(), NIAN.as_bytes()).filter_map(move |at| {
        let found = year_before(text, at, from)?;
        from = found.end;
        Some(found)
    })
}

/// The first year written in `text`.
pub fn first_year(text: &str) -> Option<WrittenYear> {
    years(text).next()
}

/// The year whose 年 is at `at`, if four year characters (then spaces) come
/// right before it, none before `from`.
fn year_before(text: &str, at: usize, from: usize) -> Option<WrittenYear> {
    let digits_end = text[..at].trim_end_matches(char::is_whitespace).len();
    let mut chars = text[from.min(digits_end)..digits_end].char_indices().rev();
    let mut four = ['\0'; 4];
    let mut start = digits_end;
    for slot in four.iter_mut().rev() {
        let (i, c) = chars.next()?;
        *slot = c;
        start = from.min(digits_end) + i;
    }
    if !is_year(four) {
        return None;
    }
    let nian_end = at + NIAN.len();
    let du = text[nian_end..].starts_with('度');
    let after_du = nian_end + if du { '度'.len_utf8() } else { 0 };
    let month = month_after(text, after_du);
    Some(WrittenYear {
        digits: start..digits_end,
        nian_end,
        du,
        end: month.as_ref().map_or(after_du, |(_, end)| *end),
        month: month.map(|(digits, _)| digits),
    })
}

/// `20` or `19` then two ASCII digits; `１` or `２` then three full-width
/// digits; four Chinese numerals.
fn is_year(c: [char; 4]) -> bool {
    let ascii = matches!((c[0], c[1]), ('1', '9') | ('2', '0')) && c[2].is_ascii_digit() && c[3].is_ascii_digit();
    let full = matches!(c[0], '１' | '２') && c[1..].iter().all(|d| ('０'..='９').contains(d));
    let numerals = c.iter().all(|d| "〇零一二三四五六七八九".contains(*d));
    ascii || full || numerals
}

/// A month after `at`: spaces, one or two digits (either width), spaces, 月;
/// its digits and where it ends.
fn month_after(text: &str, at: usize) -> Option<(Range<usize>, usize)> {
    let rest = &text[at..];
    let digits_start = at + (rest.len() - rest.trim_start_matches(char::is_whitespace).len());
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let digits_len: usize = text[digits_start..]
        .chars()
        .take(2)
        .take_while(|&c| is_digit(c))
        .map(char::len_utf8)
        .sum();
    if digits_len == 0 {
        return None;
    }
    let digits_end = digits_start + digits_len;
    let rest = text[digits_end..].trim_start_matches(char::is_whitespace);
    rest.starts_with('月')
        .then(|| (digits_start..digits_end, text.len() - rest.len() + '月'.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATTERN: &str =
        r"((?:19|20)[0-9]{2}|[１２][０-９]{3}|[〇零一二三四五六七八九]{4})\s*年(度)?(?:\s*([0-9０-９]{1,2})\s*月)?";

    fn by_regex(re: &regex::Regex, text: &str) -> Vec<WrittenYear> {
        re.captures_iter(text)
            .map(|c| {
                let whole = c.get(0).unwrap();
                let digits = c.get(1).unwrap().range();
                let nian_end = text[digits.end..whole.end()].find(NIAN).unwrap() + digits.end + NIAN.len();
                WrittenYear {
                    digits,
                    nian_end,
                    du: c.get(2).is_some(),
                    month: c.get(3).map(|m| m.range()),
                    end: whole.end(),
                }
            })
            .collect()
    }

    #[test]
    fn years_are_what_the_regex_finds() {
        let re = regex::Regex::new(PATTERN).unwrap();
        for text in [
            "2021年，我局",
            "２０２１ 年度工作",
            "二〇二一年3月",
            "2021年度 12 月",
            "12021年",
            "2021年2022年",
            "2020 2021 年",
            "二〇二〇二一年",
            "2021年123月",
            "2021年度１２月止",
            "1899年、1999年9月和2100年",
            "年2021年",
            "",
        ] {
            assert_eq!(years(text).collect::<Vec<_>>(), by_regex(&re, text), "{text:?}");
        }
    }

    #[test]
    fn years_in_the_fixtures_are_what_the_regex_finds() {
        let re = regex::Regex::new(PATTERN).unwrap();
        let mut texts = 0;
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")) {
            let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) else {
                continue;
            };
            texts += 1;
            assert_eq!(years(&text).collect::<Vec<_>>(), by_regex(&re, &text));
        }
        assert!(texts > 20, "{texts} fixtures read");
    }

    #[test]
    fn years_in_random_text_are_what_the_regex_finds() {
        let re = regex::Regex::new(PATTERN).unwrap();
        const ALPHABET: &[char] = &[
            '1', '2', '0', '9', '3', '１', '２', '０', '９', '二', '〇', '一', '九', '年', '度', '月', ' ', '\u{3000}',
            '\n', '我', 'x',
        ];
        // A fixed generator: the same texts every run.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            assert_eq!(years(&text).collect::<Vec<_>>(), by_regex(&re, &text), "{text:?}");
        }
    }
}
