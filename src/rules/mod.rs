//! Rule kinds. Each kind is implemented once, in its own module; every rule
//! *instance* (which sections, which relation, which severity, which message) is
//! data in a rule file.
//!
//! A kind module provides a [`KindInfo`]: its name, its documentation, and a
//! `compile` function that reads the kind's parameters from a `[[rule]]` table and
//! returns a [`Check`].

pub mod empty_cell;
mod prose;
pub mod section;
pub mod sum;
pub mod table;
pub mod year;

use std::cell::RefCell;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::config::{ConfigError, to_span};
use crate::diag::{Diagnostic, Label, Lang, Severity, Text, fill};
use crate::format::Format;
use crate::model::{Document, Table};
use crate::source::{SourceFile, Span};

/// A compiled rule.
pub struct Rule {
    pub id: String,
    pub kind: &'static str,
    /// `None`: turned off.
    pub severity: Option<Severity>,
    pub message: Text,
    pub explanation: Option<Text>,
    /// Applies only to documents (or tables) of this edition.
    pub edition: Option<String>,
    /// The rule file (index into `Config::sources`) and the `[[rule]]` table.
    pub origin: (usize, Span),
    pub placeholders: &'static [&'static str],
    pub check: Box<dyn Check>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("severity", &self.severity)
            .field("edition", &self.edition)
            .finish_non_exhaustive()
    }
}

/// When a check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Before all others; if it reports anything, no other rule runs.
    Gate,
    /// Once per document, if the document's edition matches the rule's.
    Document,
    /// Over the tables whose edition matches the rule's.
    Tables,
}

pub trait Check: Send + Sync {
    fn scope(&self) -> Scope {
        Scope::Document
    }
    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>);
}

/// What a check may look at.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub format: &'a Format,
    /// The edition the document is checked against.
    pub edition: Option<&'a str>,
    pub lang: Lang,
    /// Cells already blamed for a sum that does not add up, with the difference
    /// they explain; a later sum broken only by them is not reported again.
    pub blamed: RefCell<Vec<(Span, i128)>>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, format: &'a Format, edition: Option<&'a str>, lang: Lang) -> Self {
        Context {
            doc,
            format,
            edition,
            lang,
            blamed: RefCell::new(Vec::new()),
        }
    }

    /// The part of `span` on its first line, so a whole table is not underlined.
    pub fn first_line(&self, span: Span) -> Span {
        let source = &self.doc.source;
        let line = source.line_index(span.start);
        let end = source.line_content_range(line).end.min(span.end).max(span.start);
        Span::new(span.start, end)
    }

    /// Pick the string for the output language.
    pub fn tr<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }

    /// The tables a table rule limited to `edition` applies to: those following
    /// that edition (or the same in all editions), whatever the report year says.
    pub fn tables<'t>(
        &'t self,
        key: Option<&'t str>,
        edition: Option<&'t str>,
    ) -> impl Iterator<Item = &'a Table> + 't {
        self.doc.tables.iter().filter(move |t| {
            key.is_none_or(|k| t.key == k)
                && match (edition, t.edition.as_deref()) {
                    (Some(rule), Some(table)) => rule == table,
                    _ => true,
                }
        })
    }
}

/// One finding, before the rule's message is filled in.
#[derive(Debug, Default)]
pub struct Finding {
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    /// Values for the `{placeholders}` in the rule's message.
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    pub fn at(span: Span, label: impl Into<String>) -> Self {
        Finding {
            primary: Some(Label::new(span, label)),
            ..Default::default()
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, label));
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// Collects a rule's findings as diagnostics.
pub struct Reporter<'a> {
    rule: &'a Rule,
    severity: Severity,
    lang: Lang,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(rule: &'a Rule, severity: Severity, lang: Lang, out: &'a mut Vec<Diagnostic>) -> Self {
        Reporter {
            rule,
            severity,
            lang,
            out,
        }
    }

    /// The edition the rule is limited to, if any.
    pub fn edition(&self) -> Option<&str> {
        self.rule.edition.as_deref()
    }

    pub fn report(&mut self, finding: Finding) {
        let message = fill(self.rule.message.get(self.lang), &finding.args);
        let primary = finding.primary.unwrap_or_else(|| Label::new(Span::default(), ""));
        self.out.push(Diagnostic {
            rule: self.rule.id.clone(),
            kind: self.rule.kind,
            severity: self.severity,
            message,
            primary,
            secondary: finding.secondary,
            notes: finding.notes,
        });
    }
}

/// A `[[rule]]` table handed to a kind's `compile`.
pub struct Params<'a, 'i> {
    pub source: &'a SourceFile,
    /// The whole `[[rule]]` table.
    pub span: Span,
    pub value: &'a Spanned<DeValue<'i>>,
    pub table: &'a DeTable<'i>,
    pub format: &'a Format,
    /// The edition the rule is limited to.
    pub edition: Option<&'a str>,
}

impl<'i> Params<'_, 'i> {
    /// Read the kind's own parameters (everything but the common keys). Unknown keys
    /// are errors when `T` denies them.
    pub fn parse<T: Deserialize<'i>>(&self) -> Result<T, ConfigError> {
        crate::config::deserialize_filtered(self.source, self.value, |k| {
            !crate::config::COMMON_RULE_KEYS.contains(&k)
        })
        .map_err(|e| e.suggest_field(crate::config::COMMON_RULE_KEYS))
    }

    pub fn error(&self, span: Span, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.source, span, message)
    }

    pub fn error_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.source, to_span(spanned.span()), message)
    }

    pub fn regex(&self, pattern: &Spanned<String>) -> Result<regex::Regex, ConfigError> {
        crate::config::compile_regex(self.source, pattern)
    }

    /// Resolve a table name (key or alias) given as a parameter.
    pub fn table_key(&self, name: Option<&Spanned<String>>) -> Result<Option<String>, ConfigError> {
        let Some(name) = name else { return Ok(None) };
        match self.format.table_key(name.get_ref()) {
            Some(key) => Ok(Some(key.to_string())),
            None => Err(self
                .error_at(name, format!("unknown table `{}`", name.get_ref()))
                .note(format!("known tables: {}", self.format.table_keys().join(", ")))),
        }
    }

    /// Error unless `field` is one of `allowed`.
    pub fn one_of(&self, field: &Spanned<String>, allowed: &[&str]) -> Result<(), ConfigError> {
        if allowed.contains(&field.get_ref().as_str()) {
            Ok(())
        } else {
            Err(self
                .error_at(field, format!("unknown value `{}`", field.get_ref()))
                .note(format!("expected one of: {}", allowed.join(", "))))
        }
    }
}

/// What `compile` returns.
pub struct Compiled {
    pub kind: &'static str,
    /// The `{names}` the check fills in messages.
    pub placeholders: &'static [&'static str],
    pub check: Box<dyn Check>,
}

/// A rule kind: its name, documentation and compiler.
pub struct KindInfo {
    pub name: &'static str,
    /// What the kind checks, why it matters, how it is configured.
    pub doc: KindDoc,
    pub compile: fn(&Params<'_, '_>) -> Result<Compiled, ConfigError>,
}

/// A kind's documentation in both languages.
pub struct KindDoc {
    pub zh: &'static str,
    pub en: &'static str,
}

impl KindDoc {
    pub fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// Every rule kind, in the order `nianbao rule --kinds` lists them.
pub static KINDS: &[&KindInfo] = &[&section::KIND, &table::KIND, &sum::KIND, &empty_cell::KIND, &year::KIND];

pub fn kind(name: &str) -> Option<&'static KindInfo> {
    KINDS.iter().copied().find(|k| k.name == name)
}

pub(crate) fn compile(kind_name: &Spanned<String>, params: &Params<'_, '_>) -> Result<Compiled, ConfigError> {
    match kind(kind_name.get_ref()) {
        Some(k) => (k.compile)(params),
        None => {
            let known: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
            Err(params
                .error_at(kind_name, format!("unknown rule kind `{}`", kind_name.get_ref()))
                .note(format!("known kinds: {}", known.join(", "))))
        }
    }
}
