//! Regular expressions from rule files, checked when loaded and compiled when
//! first used: most documents reach few of them, and compiling all of them
//! would be most of the start-up time of a one-report run.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use regex::Regex;

pub struct Pattern {
    source: Box<str>,
    compiled: OnceLock<Regex>,
}

impl Pattern {
    /// A pattern whose syntax is checked now (the error says what is wrong,
    /// as the regex crate says it).
    pub fn new(source: &str) -> Result<Pattern, String> {
        regex_syntax::Parser::new().parse(source).map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: source.into(),
            compiled: OnceLock::new(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).expect("a pattern checked when it was loaded"))
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
        let e = Pattern::new("(未闭合").unwrap_err();
        assert!(e.contains("unclosed group"), "{e}");
    }
}
