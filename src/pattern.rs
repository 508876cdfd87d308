//! Regular expressions from rule files. The built-in ones are compiled when
//! first used (or ahead, on a spare core): compiling all of them up front
//! would be most of the start-up time of a one-report run, and those written
//! the same way share one compiled regex (a fifth of them are repeats), for
//! the life of the process. A user's are compiled when their file is loaded,
//! so that one too big to build is the file's error, pointing at it.
//!
//! A built-in pattern not compiled yet is first asked of its needles (listed
//! with the patterns ahead of time): every match begins with one of a few
//! words and ends with one of a few, so a text missing either kind is
//! answered "no match" without compiling. Checked on one thread, a report
//! compiles fewer than half of the built-in patterns this way.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use regex::{Captures, Match, Regex};

pub struct Pattern {
    source: Box<str>,
    compiled: Arc<OnceLock<Regex>>,
    /// What the list of built-in patterns says of it.
    known: Option<Known>,
}

/// Words, as the list made ahead of time writes them.
pub type Words = &'static [&'static str];

/// Sets of words of each of which every match of a pattern holds one (its
/// literal prefixes, its literal suffixes); none when that is not known.
pub type Needles = &'static [Words];

/// What is known of a built-in pattern ahead of time (`facts_of`), so that
/// neither loading the rules nor a search for it has to parse or compile it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Known {
    /// Every match holds a word of each of these sets.
    pub needles: Needles,
    /// Whether it has anchors or word boundaries.
    pub assertions: bool,
    /// The names of its groups.
    pub groups: Words,
}

/// Whether `text` holds a word of each set.
fn holds(text: &[u8], needles: Needles) -> bool {
    needles
        .iter()
        .all(|set| set.iter().any(|w| memchr::memmem::find(text, w.as_bytes()).is_some()))
}

/// Whether one sentence of `text` (cut at 。, ； and line ends) holds a word
/// of each set: most patterns are searched sentence by sentence.
fn a_sentence_holds(text: &str, needles: Needles) -> bool {
    let ends: Vec<usize> = text.match_indices(['。', '；', '\n']).map(|(i, _)| i).collect();
    let mut common: Option<Vec<usize>> = None;
    for set in needles {
        let mut sentences: Vec<usize> = set
            .iter()
            .flat_map(|w| memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()))
            .map(|at| ends.partition_point(|&end| end < at))
            .collect();
        sentences.sort_unstable();
        sentences.dedup();
        common = Some(match common {
            None => sentences,
            Some(before) => before
                .into_iter()
                .filter(|i| sentences.binary_search(i).is_ok())
                .collect(),
        });
    }
    common.is_none_or(|c| !c.is_empty())
}

/// Every built-in pattern made, once per source, in the order first made.
#[derive(Default)]
struct Shared {
    made: Vec<(Box<str>, Arc<OnceLock<Regex>>)>,
    by_source: HashMap<Box<str>, usize>,
    /// The patterns listed ahead of time.
    known: HashMap<&'static str, Known>,
}

impl Shared {
    /// The shared regex for `source`, made now if new (`None` past the cap),
    /// and what is known of it.
    fn entry(&mut self, source: &str) -> (Option<Arc<OnceLock<Regex>>>, Option<Known>) {
        let known = self.known.get(source).copied();
        if let Some(&i) = self.by_source.get(source) {
            return (Some(self.made[i].1.clone()), known);
        }
        if self.made.len() >= SHARED_MAX {
            return (None, known);
        }
        let compiled: Arc<OnceLock<Regex>> = Arc::default();
        self.by_source.insert(source.into(), self.made.len());
        self.made.push((source.into(), compiled.clone()));
        (Some(compiled), known)
    }
}

fn shared() -> std::sync::MutexGuard<'static, Shared> {
    static SHARED: OnceLock<Mutex<Shared>> = OnceLock::new();
    SHARED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// Compile every built-in pattern made so far that is not compiled yet, last
/// made first: the checking thread starts from the first rules, so the two
/// meet in the middle. (A user's pattern is compiled when its file is loaded.)
pub fn compile_all() {
    let made: Vec<(Box<str>, Arc<OnceLock<Regex>>)> = shared().made.clone();
    for (source, compiled) in made.iter().rev() {
        compiled.get_or_init(|| compile(source));
    }
}

/// What the spare thread compiles ahead.
pub enum Ahead {
    /// Every built-in pattern (a batch reaches them all).
    Every,
    /// Those that the one report (its text, read on the spare thread) can
    /// match, or every one when it cannot be read.
    ReachedBy(Box<dyn FnOnce() -> Option<String> + Send>),
}

/// Compile `known` (the built-in patterns, listed ahead of time in the order
/// to compile them) on a spare thread, then whatever else is made by then:
/// started before the rule files are read, compiling overlaps their loading
/// as well as the checking, which compiles on demand from the first rules.
/// Those without needles go first (any report may reach them); once the
/// first report's text is known (read here, or said by `hint`), those with a
/// sentence holding their needles go next, so that the spare core builds what
/// the checking will ask for.
pub fn compile_ahead(known: &'static [(&'static str, Known)], ahead: Ahead) -> std::thread::JoinHandle<()> {
    know_ahead(known);
    let mut left: Vec<(&str, Needles, Arc<OnceLock<Regex>>)> = {
        let mut shared = shared();
        known
            .iter()
            .filter_map(|&(source, facts)| Some((source, facts.needles, shared.entry(source).0?)))
            .collect()
    };
    left.sort_by_key(|(_, needles, _)| !needles.is_empty());
    std::thread::spawn(move || {
        let only_reached = match ahead {
            Ahead::Every => false,
            Ahead::ReachedBy(read) => read().map(|text| hint(&text)).is_some(),
        };
        let mut hinted = false;
        let mut next = 0;
        while next < left.len() {
            if !hinted && let Some(text) = HINT.get() {
                hinted = true;
                let (mut reached, rest): (Vec<_>, Vec<_>) = left
                    .drain(next..)
                    .partition(|(_, needles, _)| a_sentence_holds(text, needles));
                if !only_reached {
                    reached.extend(rest);
                }
                left.extend(reached);
            }
            let (source, _, compiled) = &left[next];
            compiled.get_or_init(|| compile(source));
            next += 1;
        }
        if !only_reached {
            compile_all();
        }
    })
}

/// The first report's text, for the spare thread to choose what to compile.
static HINT: OnceLock<Box<str>> = OnceLock::new();

/// Say which text is checked first (later calls change nothing).
pub fn hint(text: &str) {
    if HINT.get().is_none() {
        let _ = HINT.set(text.into());
    }
}

/// Say what is known of patterns to be made (the built-in ones, before their
/// files are read); a pattern made before is asked of its syntax, and has no
/// needles.
pub fn know_ahead(known: &'static [(&'static str, Known)]) {
    let mut shared = shared();
    for &(source, facts) in known {
        shared.known.entry(source).or_insert(facts);
    }
}

/// What `Known` says of `source`, worked out from its syntax (for the list
/// of built-in patterns): its needles, whether it has assertions, its groups.
pub fn facts_of(source: &str) -> (Vec<Vec<String>>, bool, Vec<String>) {
    let (assertions, groups) = syntax_of(source).unwrap_or_default();
    (needles_of(source), assertions, groups)
}

/// Whether `source` has assertions, and the names of its groups, read from
/// its syntax tree; `None` when it does not parse.
fn syntax_of(source: &str) -> Option<(bool, Vec<String>)> {
    use regex_syntax::ast::{Ast, GroupKind};
    fn walk(ast: &Ast, assertions: &mut bool, groups: &mut Vec<String>) {
        match ast {
            Ast::Assertion(_) => *assertions = true,
            Ast::Group(g) => {
                if let GroupKind::CaptureName { name, .. } = &g.kind {
                    groups.push(name.name.clone());
                }
                walk(&g.ast, assertions, groups);
            }
            Ast::Repetition(r) => walk(&r.ast, assertions, groups),
            Ast::Alternation(a) => a.asts.iter().for_each(|a| walk(a, assertions, groups)),
            Ast::Concat(c) => c.asts.iter().for_each(|a| walk(a, assertions, groups)),
            _ => {}
        }
    }
    let ast = regex_syntax::ast::parse::Parser::new().parse(source).ok()?;
    let (mut assertions, mut groups) = (false, Vec::new());
    walk(&ast, &mut assertions, &mut groups);
    Some((assertions, groups))
}

/// The needles of `source`: the literal prefixes of its matches, and their
/// literal suffixes, each set when it has at most `NEEDLES_MAX` words and no
/// empty one (the regex crate finds the same literals for its prefilters);
/// the rarer set first (its shortest word longer, then fewer words).
pub fn needles_of(source: &str) -> Vec<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let Ok(hir) = regex_syntax::Parser::new().parse(source) else {
        return Vec::new();
    };
    let mut sets: Vec<Vec<String>> = Vec::new();
    for prefix in [true, false] {
        let kind = if prefix {
            ExtractKind::Prefix
        } else {
            ExtractKind::Suffix
        };
        let mut seq = Extractor::new().kind(kind).extract(&hir);
        if prefix {
            seq.optimize_for_prefix_by_preference();
        } else {
            seq.optimize_for_suffix_by_preference();
        }
        let Some(literals) = seq.literals() else { continue };
        let words: Option<Vec<String>> = literals
            .iter()
            .map(|l| String::from_utf8(l.as_bytes().to_vec()).ok().filter(|w| !w.is_empty()))
            .collect();
        let Some(mut words) = words else { continue };
        words.sort();
        words.dedup();
        if words.len() <= NEEDLES_MAX && !sets.contains(&words) {
            sets.push(words);
        }
    }
    let rank = |w: &Vec<String>| (w.iter().map(|w| w.chars().count()).min(), std::cmp::Reverse(w.len()));
    sets.sort_by_key(|w| std::cmp::Reverse(rank(w)));
    sets
}

/// More needles than this cost more to look for than compiling saves.
const NEEDLES_MAX: usize = 8;

/// Every built-in pattern made so far, in the order made.
#[doc(hidden)]
pub fn made() -> Vec<String> {
    shared().made.iter().map(|(source, _)| source.to_string()).collect()
}

fn compile(source: &str) -> Regex {
    Regex::new(source).expect("a built-in pattern (a test compiles every one)")
}

/// How many distinct patterns are shared; past it, each pattern compiles its
/// own (the built-in files hold about 130).
const SHARED_MAX: usize = 1024;

impl Pattern {
    /// A pattern compiled now (the error says what is wrong, as the regex crate
    /// says it): one that parses can still be too big to build (`[^。]{0,65000}`),
    /// and that is the rule file's error, not every report's that reaches it.
    pub fn new(source: &str) -> Result<Pattern, String> {
        let regex = Regex::new(source).map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: source.into(),
            compiled: Arc::new(OnceLock::from(regex)),
            known: None,
        })
    }

    /// A pattern known to compile (the built-in rule files, whose patterns a
    /// test compiles): checking it would cost as much as compiling it. It is
    /// shared with every other built-in pattern of the same text.
    pub fn unchecked(source: &str) -> Pattern {
        let (compiled, known) = shared().entry(source);
        let compiled = compiled.unwrap_or_default();
        Pattern {
            source: source.into(),
            compiled,
            known,
        }
    }

    /// The compiled regex, compiling it now if need be.
    pub fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| compile(&self.source))
    }

    /// The regex to search `haystack` with; `None` when it cannot match there
    /// (it lacks its needles) and is not compiled yet.
    fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        self.for_bytes(haystack.as_bytes())
    }

    fn for_bytes(&self, hay: &[u8]) -> Option<&Regex> {
        if let Some(regex) = self.compiled.get() {
            return Some(regex);
        }
        if let Some(known) = self.known
            && !holds(hay, known.needles)
        {
            return None;
        }
        Some(self.regex())
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_haystack(haystack).is_some_and(|r| r.is_match(haystack))
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.for_haystack(haystack)?.find(haystack)
    }

    pub fn find_iter<'h>(&self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + use<'_, 'h> {
        self.for_haystack(haystack)
            .into_iter()
            .flat_map(move |r| r.find_iter(haystack))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.for_haystack(haystack)?.captures(haystack)
    }

    /// Captures of the first match at or after `start` (what comes before
    /// still counts for anchors and word boundaries).
    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        self.for_bytes(haystack.as_bytes().get(start..)?)?;
        self.regex().captures_at(haystack, start)
    }

    pub fn captures_iter<'h>(&self, haystack: &'h str) -> impl Iterator<Item = Captures<'h>> + use<'_, 'h> {
        self.for_haystack(haystack)
            .into_iter()
            .flat_map(move |r| r.captures_iter(haystack))
    }

    /// `haystack` with its first match replaced (`$name` as the regex crate reads it).
    pub fn replace<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        match self.for_haystack(haystack) {
            Some(r) => r.replace(haystack, with),
            None => Cow::Borrowed(haystack),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has no anchors or word boundaries: then one that
    /// finds nothing in a text finds nothing in any part of it.
    pub fn has_no_assertions(&self) -> bool {
        match self.known {
            Some(known) => !known.assertions,
            None => syntax_of(&self.source).is_some_and(|(assertions, _)| !assertions),
        }
    }

    /// Whether the pattern has a group of this name, read from its syntax
    /// alone (asking the compiled regex would compile it when loaded).
    pub fn has_group(&self, name: &str) -> bool {
        match self.known {
            Some(known) => known.groups.contains(&name),
            None => syntax_of(&self.source).is_some_and(|(_, groups)| groups.iter().any(|g| g == name)),
        }
    }
}

impl Clone for Pattern {
    fn clone(&self) -> Pattern {
        Pattern {
            source: self.source.clone(),
            compiled: self.compiled.clone(),
            known: self.known,
        }
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn with_needles(needles: Needles) -> Known {
        Known {
            needles,
            assertions: false,
            groups: &[],
        }
    }

    #[test]
    fn anchors_and_word_boundaries_are_assertions() {
        for free in [r"予以公开\s*(?P<n>[0-9]+)\s*件", r"(?:a|b)+[^，。]{0,3}?c"] {
            assert!(Pattern::new(free).unwrap().has_no_assertions(), "{free}");
        }
        for anchored in [r"(?:^|，)予以公开", r"报告(?:[^中]|\z)", r"(?:x(\bword))+", r"(?m:$)"] {
            assert!(!Pattern::new(anchored).unwrap().has_no_assertions(), "{anchored}");
        }
    }

    #[test]
    fn a_users_pattern_is_compiled_when_made_a_built_in_one_when_used() {
        let p = Pattern::new(r"(\d+)件").unwrap();
        assert!(p.compiled.get().is_some());
        assert_eq!(&p.captures("共12件").unwrap()[1], "12");
        assert!(!p.has_group("n") && Pattern::new(r"(?:a|(?P<n>\d+))+").unwrap().has_group("n"));
        let shared = Pattern::unchecked(r"(\d+)条");
        assert!(shared.is_match("3条"));
        let again = Pattern::unchecked(r"(\d+)条");
        assert!(
            again.compiled.get().is_some(),
            "the same built-in pattern is compiled once"
        );
        let users = Pattern::new(r"(\d+)条").unwrap();
        assert!(
            !Arc::ptr_eq(&users.compiled, &shared.compiled),
            "a user's pattern is its own"
        );
        // Parses, but too big to build: refused when made, saying why.
        let e = Pattern::new(r"[^。]{0,65212}?日").unwrap_err();
        assert!(e.contains("size limit"), "{e}");
        let e = Pattern::new("(未闭合").unwrap_err();
        assert!(e.contains("unclosed group"), "{e}");
    }

    #[test]
    fn compiled_ahead_before_the_rules_that_use_them_are_made() {
        static KNOWN: &[(&str, Known)] = &[
            (r"(\d+)篇先编", with_needles(&[&["篇先编"]])),
            (r"(\d+)项先编", with_needles(&[])),
        ];
        compile_ahead(KNOWN, Ahead::Every);
        let made_later = Pattern::unchecked(KNOWN[1].0);
        // The spare thread compiles it, or this search does: never twice.
        assert_eq!(&made_later.captures("共7项先编").unwrap()[1], "7");
        let first = Pattern::unchecked(KNOWN[0].0);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while first.compiled.get().is_none() {
            assert!(std::time::Instant::now() < deadline, "never compiled ahead");
            std::thread::yield_now();
        }
        assert!(Arc::ptr_eq(&first.compiled, &Pattern::unchecked(KNOWN[0].0).compiled));
    }

    #[test]
    fn one_report_ahead_compiles_what_its_text_can_match() {
        static KNOWN: &[(&str, Known)] = &[
            (r"(?P<n>[0-9]+)\s*篇甲预", with_needles(&[&["篇甲预"]])),
            (r"(?P<n>[0-9]+)\s*篇乙预", with_needles(&[&["篇乙预"]])),
            (r"[0-9]+丙预|丙预[0-9]+", with_needles(&[])),
        ];
        let read = || Some("本年共3篇甲预。".to_string());
        compile_ahead(KNOWN, Ahead::ReachedBy(Box::new(read))).join().unwrap();
        let [a, b, c] = [0, 1, 2].map(|i| Pattern::unchecked(KNOWN[i].0));
        assert!(a.compiled.get().is_some(), "its needle is in the text");
        assert!(b.compiled.get().is_none(), "its needle is not");
        assert!(c.compiled.get().is_some(), "no needles: any text may match");
        // What the text cannot match is still compiled when a search needs it.
        assert_eq!(&b.captures("共4篇乙预").unwrap()["n"], "4");
    }

    #[test]
    fn the_spare_core_looks_for_a_sentence_holding_every_set() {
        let needles: Needles = &[&["取得"], &["但"]];
        assert!(a_sentence_holds("一是取得成效，但仍有不足。", needles));
        assert!(!a_sentence_holds("一是取得成效。二是但书。", needles));
        assert!(!a_sentence_holds("取得成效\n但仍有不足", needles));
        assert!(a_sentence_holds("无", &[]));
        assert!(holds("取得成效。但".as_bytes(), needles) && !holds("取得成效".as_bytes(), needles));
    }

    #[test]
    fn needles_are_the_literal_prefixes_and_suffixes_the_rarer_first() {
        assert_eq!(
            needles_of(r"(?:截至|截止)\s*(?P<y>[0-9]{4})\s*年底"),
            [vec!["年底"], vec!["截"]]
        );
        assert_eq!(
            needles_of(r"取得[^，。；]{0,10}?(?:成效|进展)[，,]\s*但"),
            [["取得"], ["但"]]
        );
        assert_eq!(needles_of("尽管|虽然"), [["尽管", "虽然"]]);
        // A pattern that can end anywhere has only its prefixes.
        assert_eq!(needles_of(r"申请[0-9]+"), [["申请"]]);
        // A match that can be empty, or begin and end anywhere, has none.
        assert!(needles_of(r"[0-9]*").is_empty());
        assert!(needles_of(r"[^。]+").is_empty());
        // More alternatives than are worth looking for.
        assert!(needles_of("甲|乙|丙|丁|戊|己|庚|辛|壬").is_empty());
        assert!(needles_of("(未闭合").is_empty());
    }

    #[test]
    fn facts_of_a_pattern_are_read_from_its_syntax() {
        let (needles, assertions, groups) = facts_of(r"(?:^|，)(?P<n>[0-9]+)\s*(?P<unit>件|条)");
        assert_eq!(
            (needles, assertions, groups),
            (
                vec![vec!["件".to_string(), "条".to_string()]],
                true,
                vec!["n".to_string(), "unit".to_string()]
            )
        );
        assert!(!facts_of(r"[0-9]+件").1);
        // Listed ahead, a built-in pattern's facts are taken from the list, not parsed again.
        static KNOWN: &[(&str, Known)] = &[(
            r"(?P<y>[0-9]{4})年列预",
            Known {
                needles: &[&["年列预"]],
                assertions: false,
                groups: &["y"],
            },
        )];
        know_ahead(KNOWN);
        let p = Pattern::unchecked(KNOWN[0].0);
        assert_eq!(p.known, Some(KNOWN[0].1));
        assert!(p.has_group("y") && !p.has_group("n") && p.has_no_assertions());
    }

    #[test]
    fn a_pattern_whose_needles_are_absent_is_not_compiled_to_say_so() {
        static KNOWN: &[(&str, Known)] = &[(r"(?P<n>[0-9]+)\s*篇针试", with_needles(&[&["篇针试"]]))];
        know_ahead(KNOWN);
        let p = Pattern::unchecked(KNOWN[0].0);
        assert!(!p.is_match("共12件针试") && p.find("12件").is_none() && p.captures_iter("12件").next().is_none());
        assert_eq!(p.replace("12件", "x"), "12件");
        assert!(p.compiled.get().is_none(), "no needle: not compiled");
        assert_eq!(&p.captures_at("篇针试，共12 篇针试", 3).unwrap()["n"], "12");
        assert!(p.compiled.get().is_some());
        // Once compiled, the needles are not looked for.
        assert_eq!(p.find_iter("1篇针试2篇针试").count(), 2);
    }
}
