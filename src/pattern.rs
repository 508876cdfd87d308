//! Regular expressions from rule files, checked when loaded and compiled when
//! first used: most documents reach few of them, and compiling all of them
//! would be most of the start-up time of a one-report run. Built-in patterns
//! written the same way share one compiled regex (a fifth of them are
//! repeats), for the life of the process.

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

fn shared() -> std::sync::MutexGuard<'static, Shared> {
    static SHARED: OnceLock<Mutex<Shared>> = OnceLock::new();
    SHARED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// Compile every built-in pattern made so far that is not compiled yet, last
/// made first. Run on a spare core while a report is checked, it takes most of
/// the compiling off the checking thread, which starts from the first rules.
/// (A user's pattern may be too big to compile: it is compiled when a report
/// reaches it, and fails that report alone.)
pub fn compile_all() {
    let made: Vec<(Box<str>, Arc<OnceLock<Regex>>)> = shared().made.clone();
    for (source, compiled) in made.iter().rev() {
        compiled.get_or_init(|| compile(source));
    }
}

fn compile(source: &str) -> Regex {
    Regex::new(source).expect("a pattern checked when it was loaded")
}

/// How many distinct patterns are shared; past it, each pattern compiles its
/// own (the built-in files hold about 130).
const SHARED_MAX: usize = 1024;

impl Pattern {
    /// A pattern whose syntax is checked now (the error says what is wrong,
    /// as the regex crate says it).
    pub fn new(source: &str) -> Result<Pattern, String> {
        regex_syntax::Parser::new().parse(source).map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: source.into(),
            compiled: Arc::default(),
        })
    }

    /// A pattern known to compile (the built-in rule files, whose patterns a
    /// test compiles): checking it would cost as much as compiling it. It is
    /// shared with every other built-in pattern of the same text.
    pub fn unchecked(source: &str) -> Pattern {
        let mut shared = shared();
        let compiled = match shared.by_source.get(source) {
            Some(&i) => shared.made[i].1.clone(),
            None if shared.made.len() < SHARED_MAX => {
                let compiled: Arc<OnceLock<Regex>> = Arc::default();
                let i = shared.made.len();
                shared.made.push((source.into(), compiled.clone()));
                shared.by_source.insert(source.into(), i);
                compiled
            }
            None => Arc::default(),
        };
        Pattern {
            source: source.into(),
            compiled,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has a group of this name, read from its syntax
    /// alone (asking the compiled regex would compile it when loaded).
    pub fn has_group(&self, name: &str) -> bool {
        use regex_syntax::ast::{Ast, GroupKind};
        fn has(ast: &Ast, name: &str) -> bool {
            match ast {
                Ast::Group(g) => {
                    matches!(&g.kind, GroupKind::CaptureName { name: n, .. } if n.name == name) || has(&g.ast, name)
                }
                Ast::Repetition(r) => has(&r.ast, name),
                Ast::Alternation(a) => a.asts.iter().any(|a| has(a, name)),
                Ast::Concat(c) => c.asts.iter().any(|a| has(a, name)),
                _ => false,
            }
        }
        regex_syntax::ast::parse::Parser::new()
            .parse(&self.source)
            .is_ok_and(|ast| has(&ast, name))
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
    fn checked_when_made_compiled_when_used() {
        let p = Pattern::new(r"(\d+)件").unwrap();
        assert!(p.compiled.get().is_none());
        assert_eq!(&p.captures("共12件").unwrap()[1], "12");
        assert!(p.compiled.get().is_some());
        assert!(!p.has_group("n") && Pattern::new(r"(?:a|(?P<n>\d+))+").unwrap().has_group("n"));
        assert!(p.compiled.get().is_some());
        let shared = Pattern::unchecked(r"(\d+)条");
        assert!(shared.is_match("3条"));
        let again = Pattern::unchecked(r"(\d+)条");
        assert!(
            again.compiled.get().is_some(),
            "the same built-in pattern is compiled once"
        );
        let users = Pattern::new(r"(\d+)条").unwrap();
        assert!(users.compiled.get().is_none(), "a user's pattern is its own");
        // Too big to compile: never compiled ahead of use.
        let big = Pattern::new(r"\w{1000}\w{1000}").unwrap();
        compile_all();
        assert!(big.compiled.get().is_none());
        let e = Pattern::new("(未闭合").unwrap_err();
        assert!(e.contains("unclosed group"), "{e}");
    }
}
