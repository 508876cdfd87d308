//! The second engine: regex-lite, which compiles a pattern some twenty times
//! faster than the regex crate (it matches characters, so a Unicode window
//! such as `[^。；]{0,24}` is one instruction, not a UTF-8 automaton repeated
//! 24 times) and searches some five to twenty times slower. A report reaches
//! most built-in patterns only in a few short sentences, so a pattern is
//! searched with its lite form until what it has searched would have paid
//! for compiling the full one (`Pattern::engine`).
//!
//! Both engines find the same matches and groups (leftmost-first), once the
//! regex crate's Unicode `\s` is spelled out: regex-lite's classes are ASCII.
//! A pattern using another class whose meaning differs (`\d`, `\w`, `\b`, a
//! Unicode property) or a flag (case folding) has no lite form. A test runs
//! every built-in pattern's two forms over the fixtures.

use std::ops::{Index, Range};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Known, Words};

/// Unicode's `White_Space`, what the regex crate's `\s` matches.
// Written as the characters themselves: regex-lite parses an escape such as
// `\x{2028}` in some 500 instructions, and `\s` is in most built-in patterns.
// (No flag that ignores white space is let through.)
const WHITE_SPACE: &str =
    "\t\n\u{0B}\u{0C}\r \u{85}\u{A0}\u{1680}\u{2000}-\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}";

/// `source` written for regex-lite with the same meaning, or `None` when it
/// uses what cannot be (or is not worth being) translated.
pub(super) fn source(source: &str) -> Option<String> {
    let mut out = String::with_capacity(source.len() + 64);
    let mut chars = source.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                's' if in_class => out.push_str(WHITE_SPACE),
                's' => {
                    out.push('[');
                    out.push_str(WHITE_SPACE);
                    out.push(']');
                }
                'S' | 'd' | 'D' | 'w' | 'W' | 'b' | 'B' | 'p' | 'P' | '<' | '>' => return None,
                escaped => {
                    out.push('\\');
                    out.push(escaped);
                }
            },
            '[' if in_class => return None,
            '[' => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next()?);
                }
                // A `]` first in a class is a literal.
                if chars.peek() == Some(&']') {
                    out.push(chars.next()?);
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '-' | '~' if in_class && chars.peek() == Some(&c) => return None,
            '(' if !in_class && chars.peek() == Some(&'?') => {
                out.push('(');
                out.push(chars.next()?);
                // Flags (`(?s)`, `(?m:…)`): only those that mean the same.
                let mut flags = String::new();
                while let Some(&f) = chars.peek() {
                    if f == ':' || f == ')' || !(f.is_ascii_alphabetic() || f == '-') || flags == "P" {
                        break;
                    }
                    flags.push(f);
                    chars.next();
                }
                if flags != "P" && flags.chars().any(|f| !matches!(f, 's' | 'm' | '-')) {
                    return None;
                }
                out.push_str(&flags);
            }
            _ => out.push(c),
        }
    }
    (!in_class).then_some(out)
}

/// A pattern's lite form. One whose every match starts with one of a few
/// words, and that has no anchors, is tried anchored at each place such a
/// word starts (so a search costs what those places cost, not the text's
/// length); another is searched as a whole.
pub struct Lite {
    regex: regex_lite::Regex,
    /// The words every match starts with, when the regex is anchored there.
    starts: Option<Words>,
    /// Otherwise, for a pattern whose every match lies within one line,
    /// words of which every match holds one: only lines holding one are
    /// searched.
    lines: Option<Words>,
    /// The most one try scans, in bytes (`Known::reach`).
    reach: usize,
    /// What its searches have cost so far, in bytes scanned, by every thread.
    spent: AtomicUsize,
    /// What they may cost before the full regex is compiled instead.
    budget: usize,
}

/// Once the lite form has scanned this many bytes, compiling the full regex
/// pays: regex-lite scans a byte in about 100 ns where the full regex scans a
/// sentence in a few, and compiling a built-in pattern takes 50-600 µs
/// (measured on the fixtures and corpus: see the README's performance section).
const BUDGET: usize = 8192;

/// What a search costs before its first byte, in bytes.
const SEARCH_COST: usize = 16;

/// What trying the regex at one place costs at least, in bytes. A try costs
/// at most its pattern's reach (what is left of the text when there is no
/// bound: a try of `“[^”]*”` with no closing quote runs to the end).
const ATTEMPT_COST: usize = 32;

/// Looking for a word through this many bytes costs what scanning one does.
const SCANNED_PER_BYTE: usize = 64;

/// Where each of a pattern's first words was last found in a text.
#[derive(Default)]
pub(super) struct Places(Option<Vec<Option<usize>>>);

/// What a lite search found.
pub(super) enum Found<T> {
    Match(T),
    NoMatch,
    /// It would cost more than the budget left: no match starts before this.
    Over(usize),
}

impl<T> Found<T> {
    /// What was found, or what `rest` finds from where the search stopped
    /// (no match starts before it).
    pub(super) fn or_else(self, rest: impl FnOnce(usize) -> Option<T>) -> Option<T> {
        match self {
            Found::Match(t) => Some(t),
            Found::NoMatch => None,
            Found::Over(at) => rest(at),
        }
    }

    fn map<U>(self, f: impl FnOnce(T) -> U) -> Found<U> {
        match self {
            Found::Match(t) => Found::Match(f(t)),
            Found::NoMatch => Found::NoMatch,
            Found::Over(at) => Found::Over(at),
        }
    }
}

impl Lite {
    /// The lite form of `source`, if it has one; anchored at the words every
    /// match starts with (`known.starts`) when there are some and it has no
    /// assertions.
    pub fn new(source: &str, known: &Known) -> Option<Lite> {
        let lite = self::source(source)?;
        let starts = (!known.starts.is_empty() && !known.assertions).then_some(known.starts);
        let regex = match starts {
            Some(_) => regex_lite::Regex::new(&format!(r"\A(?:{lite})")),
            None => regex_lite::Regex::new(&lite),
        };
        let lines = match starts {
            None if known.one_line => known.needles.first().copied(),
            _ => None,
        };
        Some(Lite {
            regex: regex.ok()?,
            starts,
            lines,
            reach: known.reach.unwrap_or(usize::MAX),
            spent: AtomicUsize::new(0),
            budget: BUDGET,
        })
    }

    /// The same with another budget (tests).
    pub fn with_budget(mut self, budget: usize) -> Lite {
        self.budget = budget;
        self
    }

    /// Whether it is searched place by place: where the words every match
    /// starts with are, or in the lines holding a needle (so a match is never
    /// empty).
    pub fn stepped(&self) -> bool {
        self.starts.is_some() || self.lines.is_some()
    }

    /// Whether the budget is not spent yet.
    pub fn affordable(&self) -> bool {
        self.spent.load(Ordering::Relaxed) < self.budget
    }

    /// Spend `cost` if the budget allows it.
    fn spend(&self, cost: usize) -> bool {
        let before = self.spent.fetch_add(cost, Ordering::Relaxed);
        before.saturating_add(cost) <= self.budget
    }

    /// `search` run on the text from each place a match can start, from
    /// `from` on, until it finds one; the offset is where that text starts.
    /// A word's next place is looked for again only once passed (`places`
    /// keeps them from one search to the next through the same text, `from`
    /// never going back), and the bytes looked through are charged too.
    fn at_each_start<'h, T>(
        &self,
        hay: &'h str,
        from: usize,
        starts: Words,
        places: &mut Places,
        search: impl Fn(&'h str) -> Option<T>,
    ) -> Found<(T, usize)> {
        let bytes = hay.as_bytes();
        let mut scanned = 0;
        let find = |word: &str, at: usize, scanned: &mut usize| {
            let rest = bytes.get(at..).unwrap_or_default();
            let found = memchr::memmem::find(rest, word.as_bytes());
            *scanned += found.map_or(rest.len(), |i| i + word.len());
            found.map(|i| at + i)
        };
        let next = places
            .0
            .get_or_insert_with(|| starts.iter().map(|w| find(w, from, &mut scanned)).collect());
        for (place, word) in next.iter_mut().zip(starts) {
            if place.is_some_and(|p| p < from) {
                *place = find(word, from, &mut scanned);
            }
        }
        while let Some(start) = next.iter().flatten().min().copied() {
            let attempt = self.reach.min(hay.len() - start).max(ATTEMPT_COST);
            if !self.spend(attempt + scanned / SCANNED_PER_BYTE) {
                return Found::Over(start);
            }
            scanned = 0;
            if let Some(found) = search(&hay[start..]) {
                return Found::Match((found, start));
            }
            // Words are whole characters: the next place is a character on.
            let after = start + hay[start..].chars().next().map_or(1, char::len_utf8);
            for (place, word) in next.iter_mut().zip(starts) {
                if place.is_some_and(|p| p < after) {
                    *place = find(word, after, &mut scanned);
                }
            }
        }
        self.spend(scanned / SCANNED_PER_BYTE);
        Found::NoMatch
    }

    /// The first match at or after `from` that `search` finds in a line
    /// holding one of `words` (given the line and where in it to start), with
    /// where the line starts: every match lies within one line and holds one
    /// of them. The bytes looked through for them are charged too.
    fn in_lines<'h, T>(
        &self,
        hay: &'h str,
        mut from: usize,
        words: Words,
        search: impl Fn(&'h str, usize) -> Option<T>,
    ) -> Found<(T, usize)> {
        let bytes = hay.as_bytes();
        while let Some(rest) = bytes.get(from..) {
            let looked = rest.len() * words.len() / SCANNED_PER_BYTE;
            let Some(at) = words
                .iter()
                .filter_map(|w| memchr::memmem::find(rest, w.as_bytes()))
                .min()
                .map(|i| from + i)
            else {
                self.spend(looked);
                return Found::NoMatch;
            };
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(hay.len(), |i| at + i);
            // No line before this one holds a word: no match starts before it.
            let begin = from.max(start);
            if !self.spend(SEARCH_COST + (end - begin) + looked) {
                return Found::Over(begin);
            }
            if let Some(found) = search(&hay[start..end], begin - start) {
                return Found::Match((found, start));
            }
            from = end + 1;
        }
        Found::NoMatch
    }

    /// The first match at or after `from` as `found` reads it: `scan` over
    /// the whole text from `from`, or `anchored` on the text from each place
    /// a match can start; with where the text it searched starts.
    fn first<'h, T>(
        &self,
        hay: &'h str,
        from: usize,
        places: &mut Places,
        scan: impl Fn(&regex_lite::Regex, &'h str, usize) -> Option<T>,
        anchored: impl Fn(&regex_lite::Regex, &'h str) -> Option<T>,
    ) -> Found<(T, usize)> {
        let found = match (self.starts, self.lines) {
            (Some(starts), _) => {
                return self.at_each_start(hay, from, starts, places, |text| anchored(&self.regex, text));
            }
            (None, Some(words)) => return self.in_lines(hay, from, words, |line, at| scan(&self.regex, line, at)),
            (None, None) if !self.spend(SEARCH_COST + hay.len().saturating_sub(from)) => return Found::Over(from),
            (None, None) => scan(&self.regex, hay, from).map(|t| (t, 0)),
        };
        match found {
            Some(found) => Found::Match(found),
            None => Found::NoMatch,
        }
    }

    /// The groups of the first match at or after `from`.
    pub(super) fn captures_at<'h>(&self, hay: &'h str, from: usize, places: &mut Places) -> Found<Captures<'h>> {
        let found = self.first(
            hay,
            from,
            places,
            |r, h, at| r.captures_at(h, at),
            |r, text| r.captures(text),
        );
        found.map(|(c, offset)| Captures::Lite(c, offset))
    }

    /// The first match at or after `from`.
    pub(super) fn find_at<'h>(&self, hay: &'h str, from: usize, places: &mut Places) -> Found<Match<'h>> {
        let found = self.first(hay, from, places, |r, h, at| r.find_at(h, at), |r, text| r.find(text));
        found.map(|(m, offset)| Match {
            start: offset + m.start(),
            text: m.as_str(),
        })
    }

    /// Whether it matches, or `None` when that would cost more than the budget left.
    pub fn is_match(&self, hay: &str) -> Option<bool> {
        match self.stepped() {
            false => self.spend(SEARCH_COST + hay.len()).then(|| self.regex.is_match(hay)),
            true => match self.find_at(hay, 0, &mut Places::default()) {
                Found::Match(_) => Some(true),
                Found::NoMatch => Some(false),
                Found::Over(_) => None,
            },
        }
    }

    /// Every match, for a pattern searched as a whole, or `None` when that
    /// would cost more than the budget left.
    pub fn scan_find_iter<'l, 'h>(&'l self, hay: &'h str) -> Option<regex_lite::Matches<'l, 'h>> {
        (!self.stepped() && self.spend(SEARCH_COST + hay.len())).then(|| self.regex.find_iter(hay))
    }

    /// The groups of every match, for a pattern searched as a whole, or
    /// `None` when that would cost more than the budget left.
    pub fn scan_captures_iter<'l, 'h>(&'l self, hay: &'h str) -> Option<regex_lite::CaptureMatches<'l, 'h>> {
        (!self.stepped() && self.spend(SEARCH_COST + hay.len())).then(|| self.regex.captures_iter(hay))
    }
}

/// A match of either engine: where it starts and what it matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    start: usize,
    text: &'h str,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end()
    }

    pub fn as_str(&self) -> &'h str {
        self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl<'h> From<regex::Match<'h>> for Match<'h> {
    fn from(m: regex::Match<'h>) -> Self {
        Match {
            start: m.start(),
            text: m.as_str(),
        }
    }
}

impl<'h> From<regex_lite::Match<'h>> for Match<'h> {
    fn from(m: regex_lite::Match<'h>) -> Self {
        Match {
            start: m.start(),
            text: m.as_str(),
        }
    }
}

/// The groups of a match of either engine.
pub enum Captures<'h> {
    Full(regex::Captures<'h>),
    /// With where in the haystack the text it searched starts.
    Lite(regex_lite::Captures<'h>, usize),
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        match self {
            Captures::Full(c) => c.get(i).map(Match::from),
            Captures::Lite(c, offset) => c.get(i).map(|m| Match {
                start: offset + m.start(),
                text: m.as_str(),
            }),
        }
    }

    /// The group of this name, if it took part.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        match self {
            Captures::Full(c) => c.name(name).map(Match::from),
            Captures::Lite(c, offset) => c.name(name).map(|m| Match {
                start: offset + m.start(),
                text: m.as_str(),
            }),
        }
    }

    /// How many groups the pattern has, the whole match included.
    pub fn len(&self) -> usize {
        match self {
            Captures::Full(c) => c.len(),
            Captures::Lite(c, _) => c.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `haystack` (the text searched) with this match replaced by `with`, its
    /// `$name`s expanded as the regex crate does.
    pub fn replaced(&self, haystack: &str, with: &str) -> String {
        let whole = self.get(0).expect("a match has group 0");
        let mut out = String::with_capacity(haystack.len() + with.len());
        out.push_str(&haystack[..whole.start()]);
        match self {
            Captures::Full(c) => c.expand(with, &mut out),
            Captures::Lite(c, _) => c.expand(with, &mut out),
        }
        out.push_str(&haystack[whole.end()..]);
        out
    }
}

/// The text of group `i`; panics when it did not take part, like the regex crate.
impl Index<usize> for Captures<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        match self {
            Captures::Full(c) => &c[i],
            Captures::Lite(c, _) => &c[i],
        }
    }
}

/// The text of the named group; panics when it did not take part.
impl Index<&str> for Captures<'_> {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        match self {
            Captures::Full(c) => &c[name],
            Captures::Lite(c, _) => &c[name],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::facts_of;

    #[test]
    fn white_space_is_spelled_out_in_and_out_of_classes() {
        let lite = source(r"共\s*(?P<n>[0-9]+)[^。\s]{0,4}件").unwrap();
        assert_eq!(
            lite,
            format!(r"共[{WHITE_SPACE}]*(?P<n>[0-9]+)[^。{WHITE_SPACE}]{{0,4}}件")
        );
        let re = regex_lite::Regex::new(&lite).unwrap();
        assert_eq!(&re.captures("共\u{3000}12件").unwrap()["n"], "12");
        assert!(!re.is_match("共12\u{3000}x件"));
    }

    #[test]
    fn what_means_otherwise_in_regex_lite_has_no_lite_form() {
        for other in [
            r"\d+件",
            r"\w",
            r"报告\b",
            r"(?i)todo",
            r"\p{Han}",
            r"[[:alpha:]]",
            r"[a&&b]",
            r"(?x) a",
            r"\S",
        ] {
            assert_eq!(source(other), None, "{other}");
        }
        for same in [
            r"(?s)^(.*?)件",
            r"(?m:$)",
            r"(?:a|b)\z",
            r"[\]x]",
            r"[]x]",
            r"\.(?:pdf)",
            r"(?P<n>x)",
            r"\x{3000}",
        ] {
            assert_eq!(source(same).as_deref(), Some(same), "{same}");
        }
        assert_eq!(source(r"[^。"), None, "an unclosed class");
    }

    #[test]
    fn a_pattern_with_first_words_is_tried_where_they_are() {
        let source = r"(?:共|全年)收到\s*(?P<n>[0-9]+)件";
        let known = Known {
            starts: &["共", "全年"],
            reach: Some(40),
            ..Known::default()
        };
        let lite = Lite::new(source, &known).unwrap();
        assert!(lite.stepped());
        let text = "共计1件，今年全年收到 12件，共收到3件";
        let Found::Match(c) = lite.captures_at(text, 0, &mut Places::default()) else {
            panic!("no match")
        };
        let n = c.name("n").unwrap();
        assert_eq!((n.as_str(), &text[n.range()]), ("12", "12"));
        assert_eq!(c.get(0).unwrap().start(), text.find("全年").unwrap());
        let Found::Match(second) = lite.find_at(text, c.get(0).unwrap().end(), &mut Places::default()) else {
            panic!("no second match")
        };
        assert_eq!(second.as_str(), "共收到3件");
        // Out of budget after one place: none starts before the next place.
        let poor = Lite::new(source, &known).unwrap().with_budget(40);
        let over = poor.find_at(text, 0, &mut Places::default());
        assert!(matches!(over, Found::Over(at) if at == text.find("全年").unwrap()));
        assert!(!poor.affordable());
    }

    #[test]
    fn a_pattern_with_anchors_is_searched_as_a_whole() {
        let anchored = Known {
            starts: &["共"],
            assertions: true,
            ..Known::default()
        };
        let lite = Lite::new(r"^共(?P<n>[0-9]+)件", &anchored).unwrap();
        assert!(!lite.stepped());
        assert_eq!(lite.is_match("共3件"), Some(true));
        assert_eq!(lite.is_match("又共3件"), Some(false));
        // A search longer than the budget left is not started.
        let poor = Lite::new(r"^共(?P<n>[0-9]+)件", &anchored)
            .unwrap()
            .with_budget(SEARCH_COST + 4);
        assert_eq!(poor.is_match("共3件"), None);
    }

    #[test]
    fn a_try_that_could_run_to_the_end_costs_the_rest_of_the_text() {
        let unbounded = Known {
            starts: &["“"],
            reach: None,
            ..Known::default()
        };
        let lite = Lite::new(r"“[^”]*”", &unbounded).unwrap();
        let text = "“x".repeat(10_000);
        assert!(matches!(lite.find_at(&text, 0, &mut Places::default()), Found::Over(0)));
        // Short texts are still searched with it.
        let lite = Lite::new(r"“[^”]*”", &unbounded).unwrap();
        let Found::Match(m) = lite.find_at("他说“好”。", 0, &mut Places::default()) else {
            panic!("no match")
        };
        assert_eq!(m.as_str(), "“好”");
    }

    #[test]
    fn a_try_whose_runs_stop_before_the_next_place_costs_its_reach() {
        // `\s*` and `[0-9]+` cannot take `共`: a try scans no further than
        // the next place, so each is charged its bounded reach, and the
        // match after a hundred failed tries is found without the regex.
        let text = format!("{}共3件", "共 ".repeat(100));
        let bounded = Known {
            starts: &["共"],
            reach: facts_of(r"共\s*[0-9]+件").reach,
            ..Known::default()
        };
        assert_eq!(bounded.reach, Some(6));
        let lite = Lite::new(r"共\s*[0-9]+件", &bounded).unwrap();
        let Found::Match(m) = lite.find_at(&text, 0, &mut Places::default()) else {
            panic!("no match")
        };
        assert_eq!(m.as_str(), "共3件");
        // Charged the rest of the text instead, the tries spend the budget.
        let unbounded = Known { reach: None, ..bounded };
        let lite = Lite::new(r"共\s*[0-9]+件", &unbounded).unwrap();
        assert!(matches!(lite.find_at(&text, 0, &mut Places::default()), Found::Over(_)));
    }
}
