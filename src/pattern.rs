//! Regular expressions from rule files. The built-in ones are compiled when
//! first used (or ahead, on a spare core, for a batch): compiling all of them up front
//! would be most of the start-up time of a one-report run, and those written
//! the same way share one compiled regex (a fifth of them are repeats), for
//! the life of the process. A user's are compiled when their file is loaded,
//! so that one too big to build is the file's error, pointing at it.
//!
//! A built-in pattern not compiled yet is first asked of its needles (listed
//! with the patterns ahead of time): every match begins with one of a few
//! words, ends with one of a few and holds one of a few for each of its
//! literal parts (`受理` in `(?:共|全年)受理…`), so a text missing one kind is
//! answered "no match" without compiling. Checked on one thread, a report
//! compiles fewer than half of the built-in patterns this way.
//!
//! One that holds its needles is searched with a second engine (`lite`),
//! twenty times cheaper to compile and slower to search, until its searches
//! have cost what compiling the full regex would have: a report reaches most
//! built-in patterns only in a few sentences. One whose matches all start
//! with a few words is tried only where they are, and one whose matches all
//! lie within one line is searched only in the lines holding its needles, so
//! a search of a whole report costs what those places cost.

mod lite;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;

pub use lite::{Captures, Lite, Match};
use lite::{Found, Places};

pub struct Pattern {
    source: Box<str>,
    compiled: Arc<Compiled>,
    /// What the list of built-in patterns says of it.
    known: Option<Known>,
}

/// A pattern's two forms, each made when first needed.
#[derive(Default)]
struct Compiled {
    full: OnceLock<Regex>,
    /// `None` when the pattern has no lite form.
    lite: OnceLock<Option<Lite>>,
    /// Its needles, each with its searcher made once: most texts asked of
    /// are sentences, where making the searcher would cost more than using it.
    needles: OnceLock<Box<[Box<[memchr::memmem::Finder<'static>]>]>>,
}

/// The engine a search runs on.
enum Engine<'p> {
    Full(&'p Regex),
    Lite(&'p Lite),
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
    /// Every match starts with one of these words (none when not known).
    pub starts: Words,
    /// The most one try at a place a first word starts scans, in bytes
    /// (`None`: no bound); see `reach_of`.
    pub reach: Option<usize>,
    /// Whether it has anchors or word boundaries.
    pub assertions: bool,
    /// Every match lies within one line (`within_a_line`).
    pub one_line: bool,
    /// The names of its groups.
    pub groups: Words,
}

/// Every built-in pattern made, once per source, in the order first made.
#[derive(Default)]
struct Shared {
    made: Vec<(Box<str>, Arc<Compiled>)>,
    by_source: HashMap<Box<str>, usize, BySource>,
    /// The patterns listed ahead of time.
    known: HashMap<&'static str, Known, BySource>,
}

/// Hashes a pattern's source by its length and its first and last bytes:
/// sources run to hundreds of bytes, and hashing every one of them was a
/// tenth of loading the built-in rules. (Sources alike at both ends are told
/// apart by comparing them.)
#[derive(Clone, Copy, Default)]
struct BySource;

impl std::hash::BuildHasher for BySource {
    type Hasher = EndsHasher;

    fn build_hasher(&self) -> EndsHasher {
        EndsHasher(0)
    }
}

struct EndsHasher(u64);

impl std::hash::Hasher for EndsHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let word = |at: usize| {
            let mut w = [0; 8];
            let part = bytes.get(at..).unwrap_or_default();
            let n = part.len().min(8);
            w[..n].copy_from_slice(&part[..n]);
            u64::from_le_bytes(w)
        };
        let n = bytes.len();
        for w in [
            word(0),
            word(8),
            word(n.saturating_sub(16)),
            word(n.saturating_sub(8)),
            n as u64,
        ] {
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Shared {
    /// The shared regex for `source`, made now if new (`None` past the cap),
    /// and what is known of it.
    fn entry(&mut self, source: &str) -> (Option<Arc<Compiled>>, Option<Known>) {
        let known = self.known.get(source).copied();
        if let Some(&i) = self.by_source.get(source) {
            return (Some(self.made[i].1.clone()), known);
        }
        if self.made.len() >= SHARED_MAX {
            return (None, known);
        }
        let compiled: Arc<Compiled> = Arc::default();
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

/// Compile every built-in pattern made so far that is not compiled yet (a
/// test's: checking compiles each when first searched past its lite form's
/// budget; a user's pattern is compiled when its file is loaded).
pub fn compile_all() {
    let made: Vec<(Box<str>, Arc<Compiled>)> = shared().made.clone();
    for (source, compiled) in made.iter().rev() {
        compiled.full.get_or_init(|| compile(source));
    }
}

/// Say what is known of patterns to be made (the built-in ones, before their
/// files are read); a pattern made before is asked of its syntax, and has no
/// needles.
pub fn know_ahead(known: &'static [(&'static str, Known)]) {
    let mut shared = shared();
    // Each is made once the rules load.
    shared.known.reserve(known.len());
    shared.by_source.reserve(known.len());
    shared.made.reserve(known.len());
    for &(source, facts) in known {
        shared.known.entry(source).or_insert(facts);
    }
}

/// What `Known` says of a pattern, worked out from its syntax (for the list
/// of built-in patterns).
#[derive(Debug, Default, PartialEq)]
pub struct Facts {
    pub needles: Vec<Vec<String>>,
    pub starts: Vec<String>,
    /// The most one try scans, in bytes (`None`: no bound).
    pub reach: Option<usize>,
    pub assertions: bool,
    pub one_line: bool,
    pub groups: Vec<String>,
}

/// What `Known` says of `source`: its needles, the words its matches start
/// with, how long a match can be, whether it has assertions, its groups.
pub fn facts_of(source: &str) -> Facts {
    let (assertions, groups) = syntax_of(source).unwrap_or_default();
    let starts = starts_of(source).unwrap_or_default();
    let firsts: Vec<char> = starts.iter().filter_map(|w| w.chars().next()).collect();
    let hir = regex_syntax::Parser::new().parse(source).ok();
    let reach = hir.as_ref().and_then(|hir| reach_of(hir, &firsts));
    Facts {
        needles: needles_of(source),
        starts,
        reach,
        assertions,
        one_line: hir.as_ref().is_some_and(within_a_line),
        groups,
    }
}

/// Whether every match of `hir` lies within one line: nothing in it matches
/// a line end, and its only assertions are a line's start and end (`(?m)^`,
/// `(?m)$`), which hold the same in the line cut out of the text.
fn within_a_line(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind, Look};
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Literal(l) => !l.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(c)) => !c.ranges().iter().any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => !c.ranges().iter().any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Look(look) => matches!(look, Look::StartLF | Look::EndLF),
        HirKind::Repetition(r) => within_a_line(&r.sub),
        HirKind::Capture(c) => within_a_line(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().all(within_a_line),
    }
}

/// The most a try of `hir` at one place scans: the longest a match can be,
/// with each unbounded repetition that cannot take a first word's first
/// character (`firsts`) counted as empty. Such a run ends before the next
/// place a first word starts, so the tries at many places do not each scan
/// it again (`共\s*[0-9]+件` on `共 共 共…`); one that can (`“[^”]*”` on
/// `“x“x“x…`) leaves the reach unbounded. With no first words, the longest a
/// match can be.
fn reach_of(hir: &regex_syntax::hir::Hir, firsts: &[char]) -> Option<usize> {
    use regex_syntax::hir::{Class, HirKind};
    fn takes(hir: &regex_syntax::hir::Hir, firsts: &[char]) -> bool {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => false,
            HirKind::Literal(l) => std::str::from_utf8(&l.0).map_or(true, |s| s.contains(firsts)),
            HirKind::Class(Class::Unicode(c)) => c
                .ranges()
                .iter()
                .any(|r| firsts.iter().any(|&f| r.start() <= f && f <= r.end())),
            HirKind::Class(Class::Bytes(_)) => true,
            HirKind::Repetition(r) => takes(&r.sub, firsts),
            HirKind::Capture(c) => takes(&c.sub, firsts),
            HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(|h| takes(h, firsts)),
        }
    }
    if firsts.is_empty() {
        return hir.properties().maximum_len();
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(l) => Some(l.0.len()),
        HirKind::Class(c) => c.maximum_len(),
        HirKind::Repetition(r) => match r.max {
            None if takes(&r.sub, firsts) => None,
            None => Some(0),
            Some(max) => reach_of(&r.sub, firsts)?.checked_mul(max as usize),
        },
        HirKind::Capture(c) => reach_of(&c.sub, firsts),
        HirKind::Concat(hs) => hs
            .iter()
            .try_fold(0usize, |sum, h| sum.checked_add(reach_of(h, firsts)?)),
        HirKind::Alternation(hs) => hs
            .iter()
            .try_fold(0usize, |most, h| Some(most.max(reach_of(h, firsts)?))),
    }
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

/// The needles of `source`: the literal prefixes of its matches, their
/// literal suffixes, and the literal prefixes of each part every match holds
/// (`受理` in `(?:共|全年)受理[^。]{0,8}申请`), each set when it has at most
/// `NEEDLES_MAX` words and no empty one (the regex crate finds the same
/// literals for its prefilters); the rarer sets first (the shortest word
/// longer, then fewer words), at most `NEEDLE_SETS_MAX` of them.
pub fn needles_of(source: &str) -> Vec<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let Ok(hir) = regex_syntax::Parser::new().parse(source) else {
        return Vec::new();
    };
    let mut sets: Vec<Vec<String>> = Vec::new();
    for part in required_parts(&hir) {
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(part);
        if let Some(words) = seq.literals().and_then(needle_set)
            && !words.is_empty()
            && !sets.contains(&words)
        {
            sets.push(words);
        }
    }
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
        if let Some(words) = seq.literals().and_then(needle_set)
            && !sets.contains(&words)
        {
            sets.push(words);
        }
    }
    let rank = |w: &Vec<String>| (w.iter().map(|w| w.chars().count()).min(), std::cmp::Reverse(w.len()));
    sets.sort_by_key(|w| std::cmp::Reverse(rank(w)));
    // A set is found wherever a rarer one is whose every word holds one of its
    // words (`DOC` where `.DOC` is).
    let mut kept: Vec<Vec<String>> = Vec::new();
    for set in sets {
        let implied = kept
            .iter()
            .any(|rarer| rarer.iter().all(|r| set.iter().any(|w| r.contains(w.as_str()))));
        if !implied && kept.len() < NEEDLE_SETS_MAX {
            kept.push(set);
        }
    }
    kept
}

/// The parts of `hir` that every match holds a match of, each whole (not
/// itself a sequence): a sequence's parts, the inside of a group and of a
/// repetition taken at least once.
fn required_parts(hir: &regex_syntax::hir::Hir) -> Vec<&regex_syntax::hir::Hir> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => required_parts(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required_parts(&r.sub),
        HirKind::Concat(parts) => parts.iter().flat_map(required_parts).collect(),
        _ => vec![hir],
    }
}

/// The set of needles `literals` make: their whole characters, sorted,
/// without repeats and without any word that holds another (`.docx` beside
/// `.doc`: where it occurs the other does too); `None` when one is empty or
/// there are more than `NEEDLES_MAX`.
fn needle_set(literals: &[regex_syntax::hir::literal::Literal]) -> Option<Vec<String>> {
    let mut words: Vec<String> = literals
        .iter()
        .map(|l| whole_chars(l.as_bytes()))
        .collect::<Option<_>>()?;
    words.sort();
    words.dedup();
    let all = words.clone();
    words.retain(|w| !all.iter().any(|other| other != w && w.contains(other.as_str())));
    (words.len() <= NEEDLES_MAX).then_some(words)
}

/// The words every match of `source` starts with: the regex crate's prefix
/// literals (whole, not cut to the bytes its prefilter would look for), each
/// cut to its first few characters until there are at most `NEEDLES_MAX`,
/// and none that starts with another (it would only find places the other
/// finds). `None` when a match can start anywhere.
fn starts_of(source: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    let words = Extractor::new()
        .kind(ExtractKind::Prefix)
        .extract(&hir)
        .literals()?
        .iter()
        .map(|l| whole_chars(l.as_bytes()))
        .collect::<Option<Vec<String>>>()?;
    for keep in [usize::MAX, 6, 4, 3, 2, 1] {
        let mut kept: Vec<String> = words.iter().map(|w| w.chars().take(keep).collect()).collect();
        kept.sort_by_key(|w| w.len());
        let mut minimal: Vec<String> = Vec::new();
        for w in kept {
            if !minimal.iter().any(|shorter| w.starts_with(shorter.as_str())) {
                minimal.push(w);
            }
        }
        if minimal.len() <= NEEDLES_MAX {
            minimal.sort();
            return Some(minimal);
        }
    }
    None
}

/// A literal's whole characters (the extractor cuts long ones at a byte:
/// `１\xef` of `[１２][０-９]{3}`); `None` when none is left.
fn whole_chars(bytes: &[u8]) -> Option<String> {
    let valid = match std::str::from_utf8(bytes) {
        Ok(all) => all,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
    };
    (!valid.is_empty()).then(|| valid.to_string())
}

/// From this length on (in bytes, some 30 pages), `may_match` is exact.
const EXACT_FILTER_FROM: usize = 256 * 1024;

/// More needles than this cost more to look for than compiling saves.
const NEEDLES_MAX: usize = 8;

/// Each set of needles is looked for before every search.
const NEEDLE_SETS_MAX: usize = 4;

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
            compiled: Arc::new(Compiled {
                full: OnceLock::from(regex),
                ..Compiled::default()
            }),
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

    /// A pattern of its own searched with its lite form (if it has one) until
    /// `budget` is spent: for tests comparing the two engines.
    #[doc(hidden)]
    pub fn with_lite_budget(source: &str, known: Known, budget: usize) -> Pattern {
        let lite = Lite::new(source, &known).map(|l| l.with_budget(budget));
        Pattern {
            source: source.into(),
            compiled: Arc::new(Compiled {
                lite: OnceLock::from(lite),
                ..Compiled::default()
            }),
            known: Some(known),
        }
    }

    /// Whether it has a lite form, and whether its full regex is compiled.
    #[doc(hidden)]
    pub fn forms(&self) -> (bool, bool) {
        (self.lite().is_some(), self.compiled.full.get().is_some())
    }

    /// The compiled regex, compiling it now if need be.
    pub fn regex(&self) -> &Regex {
        self.compiled.full.get_or_init(|| compile(&self.source))
    }

    /// Whether `hay` holds a word of each set of `needles`.
    fn holds_needles(&self, hay: &[u8], needles: Needles) -> bool {
        let finders = self.compiled.needles.get_or_init(|| {
            needles
                .iter()
                .map(|set| set.iter().map(|w| memchr::memmem::Finder::new(w.as_bytes())).collect())
                .collect()
        });
        finders.iter().all(|set| set.iter().any(|f| f.find(hay).is_some()))
    }

    /// Whether `haystack` holds a word of each of the pattern's needle sets
    /// (true when it has none): a match anywhere in it needs them, whatever
    /// the pattern's anchors, so a text without them has no part that matches.
    pub fn may_match_within(&self, haystack: &str) -> bool {
        self.known
            .is_none_or(|known| self.holds_needles(haystack.as_bytes(), known.needles))
    }

    /// The parts of `text` within `reach` bytes of a word of one of the
    /// pattern's needle sets (the set found least often; parts that meet are
    /// one), each with where it starts; the whole text when no needle is
    /// known or its matches start with known words. For a short pattern whose
    /// matches start at many places (a date starts at any digit, but holds
    /// 月): it is searched around its needles only.
    pub fn near_needles<'h>(&self, text: &'h str, reach: usize) -> Vec<(usize, &'h str)> {
        // A pattern whose matches start with known words is searched from
        // those already (see `Lite::stepped`).
        let Some(sets) = self
            .known
            .filter(|k| k.starts.is_empty())
            .map(|k| k.needles)
            .filter(|n| !n.is_empty())
        else {
            return vec![(0, text)];
        };
        let places = |set: &[&str]| -> Vec<usize> {
            let mut at: Vec<usize> = set
                .iter()
                .flat_map(|w| memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()))
                .collect();
            at.sort_unstable();
            at
        };
        let Some(places) = sets.iter().map(|set| places(set)).min_by_key(Vec::len) else {
            return vec![(0, text)];
        };
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let mut parts: Vec<(usize, usize)> = Vec::new();
        for at in places {
            let (from, to) = (floor(at.saturating_sub(reach)), floor((at + reach).min(text.len())));
            match parts.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => parts.push((from, to)),
            }
        }
        parts.into_iter().map(|(from, to)| (from, &text[from..to])).collect()
    }

    /// The engine to search `hay` with; `None` when the pattern cannot match
    /// there (it lacks its needles) and is not compiled yet.
    fn engine(&self, hay: &[u8]) -> Option<Engine<'_>> {
        if let Some(regex) = self.compiled.full.get() {
            return Some(Engine::Full(regex));
        }
        if let Some(known) = self.known
            && !self.holds_needles(hay, known.needles)
        {
            return None;
        }
        if let Some(lite) = self.lite()
            && lite.affordable()
        {
            return Some(Engine::Lite(lite));
        }
        Some(Engine::Full(self.regex()))
    }

    /// The lite form of a built-in pattern (a user's is compiled when loaded).
    fn lite(&self) -> Option<&Lite> {
        self.compiled
            .lite
            .get_or_init(|| {
                let known = self.known.unwrap_or_default();
                Lite::new(&self.source, &known)
            })
            .as_ref()
    }

    /// Whether the pattern may match `haystack`, for a filter ahead of
    /// searches of its parts: exact when the regex is at hand or the text is
    /// long (searching its parts would compile the regex anyway, and a pattern
    /// found nowhere then spares a search of every part), otherwise only
    /// whether its needles occur (a lite search of a report's whole text would
    /// cost more than the searches it spares).
    pub fn may_match(&self, haystack: &str) -> bool {
        match self.engine(haystack.as_bytes()) {
            Some(Engine::Full(r)) => r.is_match(haystack),
            Some(Engine::Lite(_)) if haystack.len() > EXACT_FILTER_FROM => self.regex().is_match(haystack),
            Some(Engine::Lite(_)) => true,
            None => false,
        }
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        match self.engine(haystack.as_bytes()) {
            Some(Engine::Full(r)) => r.is_match(haystack),
            Some(Engine::Lite(l)) => l.is_match(haystack).unwrap_or_else(|| self.regex().is_match(haystack)),
            None => false,
        }
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    /// The first match at or after `start`.
    fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        match self.engine(haystack.as_bytes().get(start..)?)? {
            Engine::Full(r) => r.find_at(haystack, start).map(Match::from),
            Engine::Lite(l) => l
                .find_at(haystack, start, &mut Places::default())
                .or_else(|at| self.regex().find_at(haystack, at).map(Match::from)),
        }
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// Captures of the first match at or after `start` (what comes before
    /// still counts for anchors and word boundaries).
    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        match self.engine(haystack.as_bytes().get(start..)?)? {
            Engine::Full(r) => r.captures_at(haystack, start).map(Captures::Full),
            // regex-lite reads a character cut in two as U+FFFD.
            Engine::Lite(_) if !haystack.is_char_boundary(start) => {
                self.regex().captures_at(haystack, start).map(Captures::Full)
            }
            Engine::Lite(l) => l
                .captures_at(haystack, start, &mut Places::default())
                .or_else(|at| self.regex().captures_at(haystack, at).map(Captures::Full)),
        }
    }

    pub fn find_iter<'h>(&self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + use<'_, 'h> {
        let (mut full, mut scan, mut stepped) = (None, None, Stepped::none(self, haystack));
        match self.engine(haystack.as_bytes()) {
            Some(Engine::Full(r)) => full = Some(r.find_iter(haystack)),
            Some(Engine::Lite(l)) if l.stepped() => stepped = Stepped::from(self, l, haystack),
            Some(Engine::Lite(l)) => match l.scan_find_iter(haystack) {
                Some(matches) => scan = Some(matches),
                None => full = Some(self.regex().find_iter(haystack)),
            },
            None => {}
        }
        let stepped = std::iter::from_fn(move || {
            stepped.next(
                |l, h, at, places| l.find_at(h, at, places),
                |r, h, at| r.find_at(h, at).map(Match::from),
                Match::end,
            )
        });
        let full = full.into_iter().flatten().map(Match::from);
        full.chain(scan.into_iter().flatten().map(Match::from)).chain(stepped)
    }

    pub fn captures_iter<'h>(&self, haystack: &'h str) -> impl Iterator<Item = Captures<'h>> + use<'_, 'h> {
        let (mut full, mut scan, mut stepped) = (None, None, Stepped::none(self, haystack));
        match self.engine(haystack.as_bytes()) {
            Some(Engine::Full(r)) => full = Some(r.captures_iter(haystack)),
            Some(Engine::Lite(l)) if l.stepped() => stepped = Stepped::from(self, l, haystack),
            Some(Engine::Lite(l)) => match l.scan_captures_iter(haystack) {
                Some(matches) => scan = Some(matches),
                None => full = Some(self.regex().captures_iter(haystack)),
            },
            None => {}
        }
        let stepped = std::iter::from_fn(move || {
            let end = |c: &Captures<'h>| c.get(0).map_or(usize::MAX, |m| m.end());
            stepped.next(
                |l, h, at, places| l.captures_at(h, at, places),
                |r, h, at| r.captures_at(h, at).map(Captures::Full),
                end,
            )
        });
        let full = full.into_iter().flatten().map(Captures::Full);
        full.chain(scan.into_iter().flatten().map(|c| Captures::Lite(c, 0)))
            .chain(stepped)
    }

    /// `haystack` with its first match replaced (`$name` as the regex crate reads it).
    pub fn replace<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        match self.engine(haystack.as_bytes()) {
            Some(Engine::Full(r)) => r.replace(haystack, with),
            Some(Engine::Lite(_)) => match self.captures(haystack) {
                Some(c) => Cow::Owned(c.replaced(haystack, with)),
                None => Cow::Borrowed(haystack),
            },
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

/// The matches of a pattern tried where its matches start (never empty, so
/// each is looked for where the last one ends): with its lite form while
/// the budget lasts, then with the regex from where the lite form stopped.
struct Stepped<'p, 'h> {
    pattern: &'p Pattern,
    lite: Option<&'p Lite>,
    haystack: &'h str,
    at: usize,
    places: Places,
    done: bool,
}

impl<'p, 'h> Stepped<'p, 'h> {
    fn none(pattern: &'p Pattern, haystack: &'h str) -> Self {
        Stepped {
            pattern,
            lite: None,
            haystack,
            at: 0,
            places: Places::default(),
            done: true,
        }
    }

    fn from(pattern: &'p Pattern, lite: &'p Lite, haystack: &'h str) -> Self {
        Stepped {
            lite: Some(lite),
            done: false,
            ..Stepped::none(pattern, haystack)
        }
    }

    fn next<T>(
        &mut self,
        lite: impl Fn(&'p Lite, &'h str, usize, &mut Places) -> Found<T>,
        full: impl Fn(&'p Regex, &'h str, usize) -> Option<T>,
        end: impl Fn(&T) -> usize,
    ) -> Option<T> {
        if self.done {
            return None;
        }
        let found = match self.lite.map(|l| lite(l, self.haystack, self.at, &mut self.places)) {
            Some(Found::Match(m)) => Some(m),
            Some(Found::NoMatch) => None,
            Some(Found::Over(from)) => {
                self.lite = None;
                full(self.pattern.regex(), self.haystack, from)
            }
            None => full(self.pattern.regex(), self.haystack, self.at),
        };
        match &found {
            Some(m) => self.at = end(m),
            None => self.done = true,
        }
        found
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
            starts: &[],
            reach: None,
            assertions: false,
            one_line: false,
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
        assert!(p.compiled.full.get().is_some());
        assert_eq!(&p.captures("共12件").unwrap()[1], "12");
        assert!(!p.has_group("n") && Pattern::new(r"(?:a|(?P<n>\d+))+").unwrap().has_group("n"));
        let shared = Pattern::unchecked(r"(\d+)条");
        assert!(shared.is_match("3条"));
        let again = Pattern::unchecked(r"(\d+)条");
        assert!(
            again.compiled.full.get().is_some(),
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
    fn a_text_holds_a_word_of_every_set() {
        let needles: Needles = &[&["取得"], &["但"]];
        let pattern = Pattern::with_lite_budget("取得[^。]*但", with_needles(needles), usize::MAX);
        assert!(pattern.holds_needles("取得成效。但".as_bytes(), needles));
        assert!(!pattern.holds_needles("取得成效".as_bytes(), needles));
    }

    /// A pattern whose every match lies within one line is searched in the
    /// lines holding its needles: the same matches as the regex over the
    /// whole text, from any place, with lines ending in `\r\n` and lines
    /// holding several matches or none.
    #[test]
    fn a_one_line_pattern_is_searched_in_the_lines_holding_its_needles() {
        let text = "行政复议\n 行政复议 \r\n行政复议x\n\n1件2件，行政复议\n3件\n行政复议";
        for source in [r"(?m)^[ \t　]*行政复议[ \t　]*$", r"(?m)[0-9]+件", r"(?m)行政复议$"] {
            let facts = facts_of(source);
            assert!(facts.one_line, "{source}");
            // No first words given: searched line by line, not at them.
            let words: Vec<&'static str> = facts.needles[0].iter().map(|w| &*w.clone().leak()).collect();
            let needles: Needles = Vec::leak(vec![&*Vec::leak(words)]);
            let known = Known {
                needles,
                one_line: true,
                assertions: facts.assertions,
                ..Known::default()
            };
            let pattern = Pattern::with_lite_budget(source, known, usize::MAX);
            let regex = Regex::new(source).unwrap();
            for (from, _) in text.char_indices() {
                let found: Vec<_> =
                    std::iter::successors(pattern.find_at(text, from), |m| pattern.find_at(text, m.end()))
                        .map(|m| (m.start(), m.end()))
                        .collect();
                let wanted: Vec<_> = std::iter::successors(regex.find_at(text, from), |m| regex.find_at(text, m.end()))
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(found, wanted, "{source} from {from}");
            }
            assert_eq!(
                pattern.forms(),
                (true, false),
                "{source}: searched with the lite form alone"
            );
        }
    }

    #[test]
    fn needles_are_the_literal_prefixes_and_suffixes_the_rarer_first() {
        assert_eq!(
            needles_of(r"(?:截至|截止)\s*(?P<y>[0-9]{4})\s*年底"),
            [vec!["年底"], vec!["截止", "截至"]]
        );
        // Each part every match holds gives a set too.
        assert_eq!(
            needles_of(r"取得[^，。；]{0,10}?(?:成效|进展)[，,]\s*但"),
            [vec!["取得"], vec!["成效", "进展"], vec!["但"], vec![",", "，"]]
        );
        assert_eq!(
            needles_of(
                r"(?:共|全年|本年度?)受理(?:了)?(?:公民|自然人)[^，。]{0,12}?(?:政府信息公开|信息公开)申请\s*(?P<n>[0-9]+)\s*件"
            ),
            [vec!["信息公开"], vec!["受理"], vec!["申请"], vec!["公民", "自然人"]]
        );
        assert_eq!(needles_of("尽管|虽然"), [["尽管", "虽然"]]);
        // A word that holds another is left out (where the longer is, so is
        // the shorter), and so is a set found wherever another is (`报告.`).
        assert_eq!(
            needles_of(r"报告\.(?:docx?|pdf|wps|ofd|DOCX?|PDF|WPS|OFD)\b"),
            [[
                "报告.DOC",
                "报告.OFD",
                "报告.PDF",
                "报告.WPS",
                "报告.doc",
                "报告.ofd",
                "报告.pdf",
                "报告.wps"
            ]]
        );
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
        let facts = facts_of(r"(?:^|，)(?P<n>[0-9]+)\s*(?P<unit>件|条)");
        assert_eq!(
            facts,
            Facts {
                needles: vec![vec!["件".to_string(), "条".to_string()]],
                starts: vec![],
                reach: None,
                assertions: true,
                one_line: false,
                groups: vec!["n".to_string(), "unit".to_string()]
            }
        );
        assert!(!facts_of(r"[0-9]+件").assertions);
        // Within one line: nothing that takes a line end, no anchor but a line's ends.
        assert!(facts_of(r"[0-9]+件").one_line);
        assert!(facts_of(r"(?m)^[#＃ \t　]*行政复议[ \t　]*$").one_line);
        assert!(!facts_of(r"^行政复议$").one_line);
        assert!(!facts_of(r"行政复议\s*行政诉讼").one_line);
        assert!(!facts_of(r"“[^”]*”").one_line);
        assert_eq!(facts_of(r"[0-9]{1,3}件").reach, Some(6));
        // A run that cannot take a first word's first character adds nothing
        // to a try's reach; one that can leaves it unbounded.
        assert_eq!(facts_of(r"共\s*[0-9]+件").reach, Some(6));
        assert_eq!(facts_of(r"(?:共|全年)[^。]{0,4}?[0-9]+件").reach, Some(6 + 16 + 3));
        assert_eq!(facts_of(r"“[^”]*”").reach, None);
        assert_eq!(facts_of(r"共[^，]*件").reach, None);
        // The words every match starts with: what a lite search tries at.
        assert_eq!(
            facts_of(r"(?:共|全年)(?:新)?收到申请\s*[0-9]+件").starts,
            ["全年收到申请", "全年新收到申请", "共收到申请", "共新收到申请"]
        );
        // Many literals are cut to their first characters until few are left.
        assert_eq!(starts_of(r"(?:19|20)[0-9]{2}年").unwrap(), ["19", "20"]);
        // A word that starts with another adds no place to look.
        assert_eq!(starts_of(r"(?:共|共计)[0-9]+件").unwrap(), ["共"]);
        assert_eq!(starts_of(r"[^。]{2}年"), None);
        // A literal the extractor cut inside a character keeps its whole ones.
        assert_eq!(
            starts_of(r"(?:20[0-9]{2}|[１２][０-９]{3})年").unwrap(),
            ["20", "１", "２"]
        );
        // Listed ahead, a built-in pattern's facts are taken from the list, not parsed again.
        static KNOWN: &[(&str, Known)] = &[(
            r"(?P<y>[0-9]{4})年列预",
            Known {
                needles: &[&["年列预"]],
                starts: &[],
                reach: None,
                assertions: false,
                one_line: true,
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
        assert!(p.compiled.full.get().is_none(), "no needle: not compiled");
        // As a filter, it says a long text may match without searching it.
        let unsearched = "无关的文字。".repeat(1000) + "篇针试";
        assert!(!p.may_match("无关的文字。") && p.may_match(&unsearched));
        assert!(p.compiled.full.get().is_none(), "may_match compiles nothing");
        // A text long enough that searching its parts would compile the regex
        // anyway is filtered exactly.
        static LONG: &[(&str, Known)] = &[(r"(?P<n>[0-9]+)\s*篇针长", with_needles(&[&["篇针长"]]))];
        know_ahead(LONG);
        let long = Pattern::unchecked(LONG[0].0);
        let huge = "无关的文字。".repeat(EXACT_FILTER_FROM / 18 + 1) + "篇针长";
        assert!(!long.may_match(&huge) && long.compiled.full.get().is_some());
        // With its needles, the lite form answers while searches are cheap.
        assert_eq!(&p.captures_at("篇针试，共12 篇针试", 3).unwrap()["n"], "12");
        assert_eq!(p.replace("共12篇针试", "$n"), "共12");
        assert!(p.compiled.full.get().is_none(), "the lite form searched");
        // A long text spends the lite form's budget: then the regex is compiled.
        let long = "无关的文字。".repeat(1000) + "共3篇针试";
        assert_eq!(&p.captures(&long).unwrap()["n"], "3");
        assert!(p.compiled.full.get().is_some());
        // Once compiled, the needles are not looked for, and the filter is exact.
        assert_eq!(p.find_iter("1篇针试2篇针试").count(), 2);
        let plain = "无关的文字。".repeat(1000);
        assert!(!p.may_match(&plain) && p.may_match(&format!("{plain}2篇针试")));
    }
}
