//! Years and dates written with 年 (`2021年`, `２０２１ 年`, `二〇二一年度`,
//! `2022年1月20日`), found by looking back from each 年 rather than by
//! regexes: the year checks look for them in every sentence of every report,
//! and compiling the regexes they were written as took longer than reading a
//! short report.
//!
//! What each function finds is exactly what the regex in its comment matches
//! (tests compare the two), leftmost first and not overlapping.

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

/// Which ways of writing a year count, besides `2021`.
#[derive(Clone, Copy)]
struct Forms {
    /// `２０２１`.
    full_width: bool,
    /// `二〇二一`.
    numerals: bool,
}

const ANY_FORM: Forms = Forms {
    full_width: true,
    numerals: true,
};

/// Every year written in `text`, in order:
/// `((?:19|20)[0-9]{2}|[１２][０-９]{3}|[〇○零一二三四五六七八九]{4})\s*年(度)?(?:\s*([0-9０-９]{1,2})\s*月)?`.
pub fn years(text: &str) -> impl Iterator<Item = WrittenYear> + '_ {
    read_at_each_nian(text, |at, from| year_before(text, at, from).map(|y| (y.end, y)))
}

/// What `read(at, from)` reads around each 年 at `at`, in order: each reading
/// (`None` for none) says where it ends, and none of the next may start before.
fn read_at_each_nian<'t, T>(
    text: &'t str,
    read: impl Fn(usize, usize) -> Option<(usize, T)> + 't,
) -> impl Iterator<Item = T> + 't {
    let mut from = 0;
    memchr::memmem::find_iter(text.as_bytes(), NIAN.as_bytes()).filter_map(move |at| {
        let (end, found) = read(at, from)?;
        from = end;
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
    let digits = year_digits_before(text, at, from, ANY_FORM)?;
    let nian_end = at + NIAN.len();
    let du = text[nian_end..].starts_with('度');
    let after_du = nian_end + if du { '度'.len_utf8() } else { 0 };
    let month = month_after(text, after_du);
    Some(WrittenYear {
        digits,
        nian_end,
        du,
        end: month.as_ref().map_or(after_du, |(_, end)| *end),
        month: month.map(|(digits, _)| digits),
    })
}

/// The four characters of a year written in one of `forms` right before the
/// 年 at `at` (spaces between), none before `from`.
fn year_digits_before(text: &str, at: usize, from: usize, forms: Forms) -> Option<Range<usize>> {
    let digits_end = text[..at].trim_end_matches(char::is_whitespace).len();
    let floor = from.min(digits_end);
    let mut chars = text[floor..digits_end].char_indices().rev();
    let mut four = ['\0'; 4];
    let mut start = digits_end;
    for slot in four.iter_mut().rev() {
        let (i, c) = chars.next()?;
        *slot = c;
        start = floor + i;
    }
    is_year(four, forms).then_some(start..digits_end)
}

/// `20` or `19` then two ASCII digits; `１` or `２` then three full-width
/// digits; four Chinese numerals.
fn is_year(c: [char; 4], forms: Forms) -> bool {
    let ascii = matches!((c[0], c[1]), ('1', '9') | ('2', '0')) && c[2].is_ascii_digit() && c[3].is_ascii_digit();
    let full = matches!(c[0], '１' | '２') && c[1..].iter().all(|d| ('０'..='９').contains(d));
    let numerals = c.iter().all(|d| "〇○零一二三四五六七八九".contains(*d));
    ascii || (forms.full_width && full) || (forms.numerals && numerals)
}

/// A full date: `2021年1月19日`, `二〇二一年十二月三十一日`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenDate {
    pub whole: Range<usize>,
    pub year: Range<usize>,
    pub month: Range<usize>,
    pub day: Range<usize>,
}

/// One way a month or a day may be written: characters of a kind, at most so many.
type Part = (fn(char) -> bool, usize);

fn ascii_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn full_width_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn small_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

fn placeholder_x(c: char) -> bool {
    "XxＸｘ×".contains(c)
}

const FILLED: [Part; 3] = [(ascii_digit, 2), (full_width_digit, 2), (small_numeral, 2)];
const FILLED_DAY: [Part; 3] = [(ascii_digit, 2), (full_width_digit, 2), (small_numeral, 3)];
const NOT_FILLED: [Part; 3] = [(ascii_digit, 2), (full_width_digit, 2), (placeholder_x, 2)];

/// Every full date in `text`, in order:
/// `((?:19|20)[0-9]{2}|[１２][０-９]{3}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*([0-9]{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日`.
pub fn dates(text: &str) -> impl Iterator<Item = WrittenDate> + '_ {
    read_at_each_nian(text, |at, from| {
        date_at(text, at, from, ANY_FORM, &FILLED, &FILLED_DAY).map(|d| (d.whole.end, d))
    })
}

/// A full date at the very start of `text` (the first of [`dates`], if it starts there).
pub fn date_at_start(text: &str) -> Option<WrittenDate> {
    let at = memchr::memmem::find(text.as_bytes(), NIAN.as_bytes())?;
    date_at(text, at, 0, ANY_FORM, &FILLED, &FILLED_DAY).filter(|d| d.whole.start == 0)
}

/// A date at the very start of `text`, its month or day perhaps a
/// placeholder a draft left (`2022年X月X日`):
/// `(?:(?:19|20)[0-9]{2}|[１２][０-９]{3})\s*年\s*(?:[0-9]{1,2}|[０-９]{1,2}|[XxＸｘ×]{1,2})\s*月\s*(?:[0-9]{1,2}|[０-９]{1,2}|[XxＸｘ×]{1,2})\s*日`.
pub fn unfilled_date_at_start(text: &str) -> Option<WrittenDate> {
    let at = memchr::memmem::find(text.as_bytes(), NIAN.as_bytes())?;
    let digits = Forms {
        full_width: true,
        numerals: false,
    };
    date_at(text, at, 0, digits, &NOT_FILLED, &NOT_FILLED).filter(|d| d.whole.start == 0)
}

/// The date whose 年 is at `at`, none of it before `from`.
fn date_at(text: &str, at: usize, from: usize, forms: Forms, month: &[Part], day: &[Part]) -> Option<WrittenDate> {
    let year = year_digits_before(text, at, from, forms)?;
    let (month, after_month) = part_then(text, at + NIAN.len(), month, '月')?;
    let (day, end) = part_then(text, after_month, day, '日')?;
    Some(WrittenDate {
        whole: year.start..end,
        year,
        month,
        day,
    })
}

/// After `at`: spaces, then characters of the first of `parts` the next
/// character is of (as many as it allows), spaces, then `suffix`; the
/// characters and where the suffix ends. (The kinds share no character with
/// each other, with spaces or with the suffix, so the regex could not match by
/// taking fewer.)
fn part_then(text: &str, at: usize, parts: &[Part], suffix: char) -> Option<(Range<usize>, usize)> {
    let rest = &text[at..];
    let start = at + (rest.len() - rest.trim_start_matches(char::is_whitespace).len());
    let first = text[start..].chars().next()?;
    let &(is_part, most) = parts.iter().find(|(is_part, _)| is_part(first))?;
    let len: usize = text[start..]
        .chars()
        .take(most)
        .take_while(|&c| is_part(c))
        .map(char::len_utf8)
        .sum();
    let after = text[start + len..].trim_start_matches(char::is_whitespace);
    after
        .starts_with(suffix)
        .then(|| (start..start + len, text.len() - after.len() + suffix.len_utf8()))
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

/// `count` texts of fewer than `longest` characters of `alphabet`, the same
/// every run: for tests comparing code with the regex it replaces.
#[cfg(test)]
pub(crate) fn generated_texts(alphabet: &[char], longest: u64, count: usize) -> impl Iterator<Item = String> + '_ {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count).map(move |_| {
        let len = next() % longest;
        (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATTERN: &str =
        r"((?:19|20)[0-9]{2}|[１２][０-９]{3}|[〇○零一二三四五六七八九]{4})\s*年(度)?(?:\s*([0-9０-９]{1,2})\s*月)?";

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

    const DATE: &str = r"((?:19|20)[0-9]{2}|[１２][０-９]{3}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*([0-9]{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日";
    const NOT_FILLED_DATE: &str = r"(?:(?:19|20)[0-9]{2}|[１２][０-９]{3})\s*年\s*(?:[0-9]{1,2}|[０-９]{1,2}|[XxＸｘ×]{1,2})\s*月\s*(?:[0-9]{1,2}|[０-９]{1,2}|[XxＸｘ×]{1,2})\s*日";

    fn dates_by_regex(re: &regex::Regex, text: &str) -> Vec<WrittenDate> {
        re.captures_iter(text)
            .map(|c| WrittenDate {
                whole: c.get(0).unwrap().range(),
                year: c.get(1).unwrap().range(),
                month: c.get(2).unwrap().range(),
                day: c.get(3).unwrap().range(),
            })
            .collect()
    }

    /// Each of `texts` read both ways.
    fn compare(texts: &mut dyn Iterator<Item = String>) {
        let year = regex::Regex::new(PATTERN).unwrap();
        let date = regex::Regex::new(DATE).unwrap();
        let not_filled = regex::Regex::new(NOT_FILLED_DATE).unwrap();
        for text in texts {
            let text = text.as_str();
            assert_eq!(years(text).collect::<Vec<_>>(), by_regex(&year, text), "{text:?}");
            assert_eq!(dates(text).collect::<Vec<_>>(), dates_by_regex(&date, text), "{text:?}");
            let first = date.find(text).filter(|m| m.start() == 0).map(|m| m.range());
            assert_eq!(date_at_start(text).map(|d| d.whole), first, "{text:?}");
            let first = not_filled.find(text).filter(|m| m.start() == 0).map(|m| m.range());
            assert_eq!(unfilled_date_at_start(text).map(|d| d.whole), first, "{text:?}");
        }
    }

    #[test]
    fn dates_are_what_the_regex_finds() {
        let texts = [
            "2022年1月20日",
            "二〇二二年十二月三十一日",
            "2022 年 1 月 20 日印发",
            "2022年X月X日",
            "2022年ｘ月20日",
            "2022年12月311日",
            "2022年十二三月1日",
            "河北省教育厅2022年1月20日更多信息2021年2月3日",
            "２０２２年1月20日",
            "２０２２年１月２０日",
            "２０２２年１２月１２３日",
            "２０２２年1２月1日",
            "２０２２年X月X日",
            "2022年1月",
        ];
        compare(&mut texts.iter().map(|t| t.to_string()));
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
            compare(&mut text.lines().map(str::to_string));
        }
        assert!(texts > 20, "{texts} fixtures read");
    }

    #[test]
    fn years_in_random_text_are_what_the_regex_finds() {
        let re = regex::Regex::new(PATTERN).unwrap();
        const ALPHABET: &[char] = &[
            '1', '2', '0', '9', '3', '１', '２', '０', '９', '二', '〇', '○', '一', '九', '年', '度', '月', ' ',
            '\u{3000}', '\n', '我', 'x',
        ];
        for text in generated_texts(ALPHABET, 24, 20_000) {
            assert_eq!(years(&text).collect::<Vec<_>>(), by_regex(&re, &text), "{text:?}");
        }
        // Dates: the characters they are made of.
        const DATE_ALPHABET: &[char] = &[
            '1', '2', '0', '9', '２', '０', '二', '〇', '十', '三', '年', '月', '日', 'X', '×', ' ', '\u{3000}', '\n',
            '我',
        ];
        let mut texts = generated_texts(DATE_ALPHABET, 20, 20_000);
        compare(&mut texts);
    }
}
