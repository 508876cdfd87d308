//! Regular expressions from rule files. The built-in ones are compiled when
//! first used (or ahead, on a spare core): compiling all of them up front
//! would be most of the start-up time of a one-report run, and those written
//! the same way share one compiled regex (a fifth of them are repeats), for
//! the life of the process. A user's are compiled when their file is loaded,
//! so that one too big to build is the file's error, pointing at it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;

pub struct Pattern {
    source: Box<str>,
    compiled: Arc<OnceLock<Regex>>,
}

/// Every built-in pattern made, once per source, in the order first made.
#[derive(Default)]
struct Shared {
    made: Vec<(Box<str>, Arc<OnceLock<Regex>>)>,
    by_source: HashMap<Box<str>, usize>,
}

impl Shared {
    /// The shared regex for `source`, made now if new; `None` past the cap.
    fn entry(&mut self, source: &str) -> Option<(Box<str>, Arc<OnceLock<Regex>>)> {
        if let Some(&i) = self.by_source.get(source) {
            return Some(self.made[i].clone());
        }
        if self.made.len() >= SHARED_MAX {
            return None;
        }
        let entry: (Box<str>, Arc<OnceLock<Regex>>) = (source.into(), Arc::default());
        self.by_source.insert(source.into(), self.made.len());
        self.made.push(entry.clone());
        Some(entry)
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

/// Compile `known` (the built-in patterns, listed ahead of time in the order
/// to compile them) on a spare thread, then whatever else is made by then:
/// started before the rule files are read, compiling overlaps their loading
/// as well as the checking, which compiles on demand from the first rules.
pub fn compile_ahead(known: &'static [&'static str]) {
    let entries: Vec<(Box<str>, Arc<OnceLock<Regex>>)> = {
        let mut shared = shared();
        known.iter().filter_map(|source| shared.entry(source)).collect()
    };
    std::thread::spawn(move || {
        for (source, compiled) in &entries {
            compiled.get_or_init(|| compile(source));
        }
        compile_all();
    });
}

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
        })
    }

    /// A pattern known to compile (the built-in rule files, whose patterns a
    /// test compiles): checking it would cost as much as compiling it. It is
    /// shared with every other built-in pattern of the same text.
    pub fn unchecked(source: &str) -> Pattern {
        let compiled = shared().entry(source).map(|(_, c)| c).unwrap_or_default();
        Pattern {
            source: source.into(),
            compiled,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has no anchors or word boundaries: then one that
    /// finds nothing in a text finds nothing in any part of it.
    pub fn has_no_assertions(&self) -> bool {
        use regex_syntax::ast::Ast;
        self.syntax_has(&|ast| matches!(ast, Ast::Assertion(_))) == Some(false)
    }

    /// Whether the pattern has a group of this name, read from its syntax
    /// alone (asking the compiled regex would compile it when loaded).
    pub fn has_group(&self, name: &str) -> bool {
        use regex_syntax::ast::{Ast, GroupKind};
        self.syntax_has(&|ast| {
            matches!(ast, Ast::Group(g) if matches!(&g.kind, GroupKind::CaptureName { name: n, .. } if n.name == name))
        }) == Some(true)
    }

    /// Whether any node of the pattern's syntax tree is one `is` accepts;
    /// `None` when it does not parse.
    fn syntax_has(&self, is: &dyn Fn(&regex_syntax::ast::Ast) -> bool) -> Option<bool> {
        use regex_syntax::ast::Ast;
        fn walk(ast: &Ast, is: &dyn Fn(&Ast) -> bool) -> bool {
            is(ast)
                || match ast {
                    Ast::Group(g) => walk(&g.ast, is),
                    Ast::Repetition(r) => walk(&r.ast, is),
                    Ast::Alternation(a) => a.asts.iter().any(|a| walk(a, is)),
                    Ast::Concat(c) => c.asts.iter().any(|a| walk(a, is)),
                    _ => false,
                }
        }
        let ast = regex_syntax::ast::parse::Parser::new().parse(&self.source).ok()?;
        Some(walk(&ast, is))
    }
}

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| compile(&self.source))
    }
}

impl Clone for Pattern {
    fn clone(&self) -> Pattern {
        Pattern {
            source: self.source.clone(),
            compiled: self.compiled.clone(),
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
        static KNOWN: &[&str] = &[r"(\d+)篇先编", r"(\d+)项先编"];
        compile_ahead(KNOWN);
        let made_later = Pattern::unchecked(KNOWN[1]);
        // The spare thread compiles it, or this search does: never twice.
        assert_eq!(&made_later.captures("共7项先编").unwrap()[1], "7");
        let first = Pattern::unchecked(KNOWN[0]);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while first.compiled.get().is_none() {
            assert!(std::time::Instant::now() < deadline, "never compiled ahead");
            std::thread::yield_now();
        }
        assert!(Arc::ptr_eq(&first.compiled, &Pattern::unchecked(KNOWN[0]).compiled));
    }
}
