use std::fmt;

use crate::source::{SourceFile, Span};

/// A problem with a rule file, pointing into it where possible.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The rule file, for rendering the snippet; `None` when it could not be read.
    pub file: Option<Box<SourceFile>>,
    pub span: Option<Span>,
    pub message: String,
    pub notes: Vec<String>,
}

impl ConfigError {
    pub fn at(file: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        ConfigError {
            file: Some(Box::new(file.clone())),
            span: Some(span),
            message: message.into(),
            notes: Vec::new(),
        }
    }

    pub fn whole(file: &SourceFile, message: impl Into<String>) -> Self {
        ConfigError {
            file: Some(Box::new(file.clone())),
            span: None,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// A toml error, whose span (if any) is relative to `file`.
    pub fn from_toml(file: &SourceFile, err: &toml::de::Error) -> Self {
        let span = err.span().map(|r| {
            // Spans of a missing-key error can point past the end.
            let end = r.end.min(file.text().len());
            let start = r.start.min(end);
            Span::new(start, end)
        });
        ConfigError {
            file: Some(Box::new(file.clone())),
            span,
            message: err.message().trim().to_string(),
            notes: Vec::new(),
        }
    }

    /// Render like rustc, pointing into the rule file.
    pub fn render(&self, color: bool) -> String {
        use codespan_reporting::diagnostic::{Diagnostic, Label};
        use codespan_reporting::term::{self, Config};
        let mut diag = Diagnostic::error().with_message(&self.message);
        if let (Some(_), Some(span)) = (&self.file, self.span) {
            diag = diag.with_labels(vec![Label::primary((), span.range())]);
        }
        diag = diag.with_notes(self.notes.clone());
        match &self.file {
            Some(file) => {
                let config = Config::default();
                if color {
                    let mut buffer = codespan_reporting::term::termcolor::Buffer::ansi();
                    if term::emit_to_write_style(&mut buffer, &config, file.as_ref(), &diag).is_ok() {
                        return String::from_utf8_lossy(buffer.as_slice()).into_owned();
                    }
                }
                let mut out = String::new();
                match term::emit_to_string(&mut out, &config, file.as_ref(), &diag) {
                    Ok(()) => out,
                    Err(_) => format!("error: {self}\n"),
                }
            }
            None => format!("error: {self}\n"),
        }
    }

    /// For `unknown field` errors, suggest the closest known name.
    pub(crate) fn suggest_field(mut self, extra_known: &[&str]) -> Self {
        let Some(rest) = self.message.strip_prefix("unknown field `") else {
            return self;
        };
        let Some((name, tail)) = rest.split_once('`') else {
            return self;
        };
        let mut known: Vec<String> = tail.split('`').skip(1).step_by(2).map(str::to_string).collect();
        known.extend(extra_known.iter().map(|s| s.to_string()));
        let best = known
            .iter()
            .map(|k| (crate::label::similarity(name, k), k))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let name = name.to_string();
        if let Some((score, k)) = best
            && score >= 0.6
        {
            self.notes.push(format!("did you mean `{k}`?"));
        }
        self.message = format!("unknown field `{name}`");
        let mut all = known;
        all.sort();
        all.dedup();
        self.notes.push(format!("known fields: {}", all.join(", ")));
        self
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => match self.span {
                Some(span) => {
                    let p = file.position(span.start);
                    write!(f, "{}:{}:{}: {}", file.name(), p.line, p.column, self.message)
                }
                None => write!(f, "{}: {}", file.name(), self.message),
            },
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}
