//! Findings as the rules produce them, before any rendering, and the outcome
//! for one file.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Pick the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// What `zh` or `en` makes: only the language shown is written out.
    pub fn pick_with<T>(self, zh: impl FnOnce() -> T, en: impl FnOnce() -> T) -> T {
        match self {
            Lang::Zh => zh(),
            Lang::En => en(),
        }
    }
}

/// A message in both languages, as rule files give them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The span is in last year's report (`FileReport::previous`), not this one.
    pub previous: bool,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
            previous: false,
        }
    }
}

/// What a failed equation blames, so that one wrong number is reported once: its
/// primary cell is off by `difference`, which explains any other failure with
/// the same difference that uses that cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The cell the finding blames (its primary label).
    pub blamed: Span,
    /// Every cell the relation used, the blamed one included.
    pub cells: Vec<Span>,
    /// |left - right|, in base units × 10^6.
    pub difference: i128,
}

/// Where a finding is, in terms that survive edits elsewhere in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Anchor {
    /// The table cell (or row) of the primary label: `表三 / （七）总计 / 自然人`.
    pub cell: Option<String>,
    /// The required section it is in: `一、总体情况`.
    pub section: Option<String>,
    /// The text around the primary label on its line, without spaces.
    pub line: String,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable id, e.g. `section-missing`.
    pub rule: String,
    /// The rule kind, e.g. `section`, `sum`.
    pub kind: &'static str,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    /// For a failed equation: what it blames (not rendered).
    pub evidence: Option<Evidence>,
    /// The section (key) the finding is about, when not the one it sits in: a
    /// missing section is pointed at where it belongs.
    pub about: Option<String>,
    pub anchor: Anchor,
    /// A stable identity: the rule, the anchor (the cell, else the line's text)
    /// and which occurrence of those it is. Line numbers play no part.
    pub fingerprint: String,
}

impl Diagnostic {
    /// Order: position in the file, then rule id. Sort stably, so that one rule's
    /// findings at one place keep the order the rule gave them; the result does
    /// not depend on the order the rules ran in.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.primary.span.start, self.primary.span.end, &self.rule)
    }
}

/// One finding as a check makes it, before the rule's message is filled in.
#[derive(Debug, Default)]
pub struct Finding {
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    /// Values for the `{placeholders}` in the rule's message.
    pub args: Vec<(&'static str, String)>,
    pub evidence: Option<Evidence>,
    /// The section (key) the finding is about, when not the one it sits in.
    pub about: Option<String>,
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

    /// A secondary label in last year's report.
    pub fn secondary_previous(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            previous: true,
            ..Label::new(span, label)
        });
        self
    }

    /// The finding is about this section (a `[[section]]` key).
    pub fn about(mut self, section: &str) -> Self {
        self.about = Some(section.to_string());
        self
    }
}

/// What output formats say about a rule (SARIF's rule metadata, JUnit's test
/// cases), in the output language.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub kind: &'static str,
    /// Its severity by default (`None`: off).
    pub level: Option<Severity>,
    /// One line: what it finds.
    pub short: String,
    /// Why it matters (the rule's explanation).
    pub full: String,
    /// How it is checked, and how to configure it.
    pub help: String,
}

/// The outcome for one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    /// The decoded text, for rendering; `None` when the file could not be read.
    pub source: Option<SourceFile>,
    /// Last year's report, checked against for `previous(…)` relations: labels
    /// with `previous` point into it.
    pub previous: Option<SourceFile>,
    /// The tables as read, when asked for (`Options::extract`).
    pub extract: Option<crate::grid::Extract>,
    pub report_year: Option<i32>,
    pub edition: Option<String>,
    /// Why the file could not be checked.
    pub error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// A report checked (or tried); `false` for a suppression file whose unused
    /// entries are reported.
    pub checked: bool,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// A file that could not be checked.
    pub fn failed(path: String, error: String) -> Self {
        FileReport {
            path,
            source: None,
            previous: None,
            extract: None,
            report_year: None,
            edition: None,
            error: Some(error),
            diagnostics: Vec::new(),
            checked: true,
        }
    }
}

/// Fill `{name}` placeholders in a rule message. `{{` and `}}` are literal braces.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('{')
            && let Some(end) = tail.find('}')
        {
            let name = &tail[1..end];
            match args.iter().find(|(k, _)| *k == name) {
                Some((_, v)) => out.push_str(v),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
            continue;
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders a template uses, for validating rule files.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('{')
            && let Some(end) = tail.find('}')
        {
            names.push(&tail[1..end]);
            rest = &tail[end + 1..];
            continue;
        }
        rest = &tail[1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_named_placeholders() {
        let s = fill(
            "缺少第{number}部分“{title}”{{x}}",
            &[("number", "六".into()), ("title", "其他需要报告的事项".into())],
        );
        assert_eq!(s, "缺少第六部分“其他需要报告的事项”{x}");
    }

    #[test]
    fn unknown_placeholder_is_left_as_is() {
        assert_eq!(fill("a {b} c", &[]), "a {b} c");
    }

    #[test]
    fn lists_placeholders() {
        assert_eq!(placeholders("{a} and {b} {{c}}"), vec!["a", "b"]);
    }
}
