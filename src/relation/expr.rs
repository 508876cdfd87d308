//! Relations between table cells, as sum rules write them:
//!
//! ```text
//! new + carried == total + carried_next
//! total == granted + partial + sum(withheld) + sum(unavailable) + sum(rejected) + other
//! previous + change >= 0
//! 一 + 二 == 三.七 + 四
//! new[total] == carried_next[total] + 5
//! carried == previous(carried_next)
//! ```
//!
//! Names are row or column keys (or their aliases), resolved against a table
//! schema by [`super::bind`]. `sum(x)` is the rows below group `x` (or `x` itself
//! when it has none); `row[column]` names one cell; `previous(x)` is `x` in the
//! same agency's report for the year before, when there is one.

use std::fmt;

use crate::number::{Number, Units, parse_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
}

impl Op {
    pub fn holds(self, left: Number, right: Number) -> bool {
        let (l, r) = (left.raw(), right.raw());
        match self {
            Op::Eq => l == r,
            Op::Ne => l != r,
            Op::Ge => l >= r,
            Op::Le => l <= r,
            Op::Gt => l > r,
            Op::Lt => l < r,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Ge => "≥",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Lt => "<",
        }
    }
}

/// A name as written, with its byte range in the relation text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub at: std::ops::Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A row (each column) or a column (each row).
    Ref(Name),
    /// `row[column]`.
    Cell(Name, Name),
    /// `sum(group)`.
    Sum(Name),
    Const(Number),
    /// `previous(term)`: the term in last year's report.
    Previous(Box<Term>),
}

impl Term {
    /// The names it uses, in order.
    fn names(&self) -> Vec<&Name> {
        match self {
            Term::Ref(n) | Term::Sum(n) => vec![n],
            Term::Cell(r, c) => vec![r, c],
            Term::Const(_) => vec![],
            Term::Previous(t) => t.names(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    Plus,
    Minus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub left: Vec<(Sign, Term)>,
    pub op: Op,
    pub right: Vec<(Sign, Term)>,
}

impl Relation {
    /// Every name used, in order.
    pub fn names(&self) -> Vec<&Name> {
        self.left
            .iter()
            .chain(self.right.iter())
            .flat_map(|(_, t)| t.names())
            .collect()
    }

    /// Whether it names last year's report.
    pub fn uses_previous(&self) -> bool {
        self.left
            .iter()
            .chain(self.right.iter())
            .any(|(_, t)| matches!(t, Term::Previous(_)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset in the relation text.
    pub at: usize,
    pub message: String,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.at)
    }
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

fn is_name_char(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(
            c,
            '+' | '-' | '(' | ')' | '[' | ']' | '=' | '<' | '>' | '!' | '≥' | '≤' | '≠'
        )
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while let Some(c) = self.s[self.pos..].chars().next() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, ExprError> {
        Err(ExprError {
            at: self.pos,
            message: message.into(),
        })
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.s[self.pos..].starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn name(&mut self) -> Result<Name, ExprError> {
        self.skip_ws();
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_name_char(c) {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if self.pos == start {
            return self.error("expected a row or column name");
        }
        Ok(Name {
            text: self.s[start..self.pos].to_string(),
            at: start..self.pos,
        })
    }

    fn term(&mut self) -> Result<Term, ExprError> {
        self.skip_ws();
        if self.s[self.pos..].starts_with("previous(") {
            self.pos += "previous(".len();
            let inner = self.term()?;
            match inner {
                Term::Const(_) => return self.error("`previous(…)` takes a row, column, cell or sum, not a number"),
                Term::Previous(_) => return self.error("`previous(previous(…))` is not supported"),
                _ => {}
            }
            if !self.eat(")") {
                return self.error("expected `)` after `previous(…`");
            }
            return Ok(Term::Previous(Box::new(inner)));
        }
        if self.s[self.pos..].starts_with("sum(") {
            self.pos += 4;
            let name = self.name()?;
            if !self.eat(")") {
                return self.error("expected `)` after the group name");
            }
            return Ok(Term::Sum(name));
        }
        let name = self.name()?;
        if let Some(n) = parse_number(&name.text, &Units::default())
            && name.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            return Ok(Term::Const(n));
        }
        if self.eat("[") {
            let column = self.name()?;
            if !self.eat("]") {
                return self.error("expected `]` after the column name");
            }
            return Ok(Term::Cell(name, column));
        }
        Ok(Term::Ref(name))
    }

    fn side(&mut self) -> Result<Vec<(Sign, Term)>, ExprError> {
        let mut terms = Vec::new();
        let mut sign = Sign::Plus;
        if self.eat("-") {
            sign = Sign::Minus;
        }
        terms.push((sign, self.term()?));
        loop {
            self.skip_ws();
            let sign = if self.eat("+") {
                Sign::Plus
            } else if self.s[self.pos..].starts_with('-') {
                self.pos += 1;
                Sign::Minus
            } else {
                break;
            };
            terms.push((sign, self.term()?));
        }
        Ok(terms)
    }

    fn op(&mut self) -> Result<Op, ExprError> {
        self.skip_ws();
        for (token, op) in [
            ("==", Op::Eq),
            ("!=", Op::Ne),
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("≥", Op::Ge),
            ("≤", Op::Le),
            ("≠", Op::Ne),
            ("=", Op::Eq),
            (">", Op::Gt),
            ("<", Op::Lt),
        ] {
            if self.eat(token) {
                return Ok(op);
            }
        }
        self.error("expected a comparison: ==, !=, >=, <=, > or <")
    }
}

pub fn parse(s: &str) -> Result<Relation, ExprError> {
    let mut p = Parser { s, pos: 0 };
    let left = p.side()?;
    let op = p.op()?;
    let right = p.side()?;
    p.skip_ws();
    if p.pos < s.len() {
        return p.error("unexpected text after the relation");
    }
    Ok(Relation { left, op, right })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(r: &Relation) -> Vec<&str> {
        r.names().iter().map(|n| n.text.as_str()).collect()
    }

    #[test]
    fn balance() {
        let r = parse("new + carried == total + carried_next").unwrap();
        assert_eq!(r.op, Op::Eq);
        assert_eq!(names(&r), ["new", "carried", "total", "carried_next"]);
        assert_eq!(r.left.len(), 2);
    }

    #[test]
    fn sums_constants_signs_and_cells() {
        let r = parse("previous + change >= 0").unwrap();
        assert!(matches!(r.right[0].1, Term::Const(_)));
        let r = parse("total == granted + sum(withheld) - x").unwrap();
        assert!(matches!(r.right[1].1, Term::Sum(_)));
        assert_eq!(r.right[2].0, Sign::Minus);
        let r = parse("new[total] == carried_next[total]").unwrap();
        assert!(matches!(r.left[0].1, Term::Cell(..)));
    }

    #[test]
    fn previous_year_terms() {
        let r = parse("carried == previous(carried_next)").unwrap();
        assert!(r.uses_previous());
        assert_eq!(names(&r), ["carried", "carried_next"]);
        let r = parse("previous == previous(previous) + previous(change)").unwrap();
        assert!(matches!(&r.right[1].1, Term::Previous(t) if matches!(**t, Term::Ref(_))));
        let r = parse("new[total] <= previous(sum(withheld)) + previous(new[total])").unwrap();
        assert!(matches!(&r.right[0].1, Term::Previous(t) if matches!(**t, Term::Sum(_))));
        assert!(!parse("new == carried").unwrap().uses_previous());
        assert!(parse("new == previous(5)").unwrap_err().message.contains("number"));
        assert!(parse("new == previous(previous(new))").is_err());
        assert!(parse("new == previous(new").unwrap_err().message.contains(")"));
    }

    #[test]
    fn chinese_aliases() {
        let r = parse("一 + 二 == 三.七 + 四").unwrap();
        assert_eq!(names(&r), ["一", "二", "三.七", "四"]);
        let r = parse("复议.总计 ≥ 复议.维持").unwrap();
        assert_eq!(r.op, Op::Ge);
    }

    #[test]
    fn errors_say_where() {
        let e = parse("new + == total").unwrap_err();
        assert_eq!(e.at, 6);
        let e = parse("new + carried").unwrap_err();
        assert!(e.message.contains("comparison"));
        let e = parse("sum(withheld == x").unwrap_err();
        assert!(e.message.contains(")"));
        let e = parse("a == b c").unwrap_err();
        assert!(e.message.contains("unexpected"));
    }
}
