//! Checking one report: load, parse, run the rules.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::config::Config;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::format::Format;
use crate::load::{self, LoadError};
use crate::model::Document;
use crate::parse::{self, ParseOptions};
use crate::rules::{Context, Reporter, Scope};
use crate::source::SourceFile;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// Check against this edition whatever the report year says.
    pub edition: Option<String>,
    /// Take this as the report year.
    pub year: Option<i32>,
}

/// The outcome for one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    /// The decoded text, for rendering; `None` when the file could not be read.
    pub source: Option<SourceFile>,
    pub report_year: Option<i32>,
    pub edition: Option<String>,
    /// Why the file could not be checked.
    pub error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    fn failed(path: String, error: String) -> Self {
        FileReport {
            path,
            source: None,
            report_year: None,
            edition: None,
            error: Some(error),
            diagnostics: Vec::new(),
        }
    }
}

pub fn check_path(path: &Path, config: &Config, options: &Options) -> FileReport {
    let name = path.display().to_string();
    match load::load_path(path) {
        Ok(source) => check_source(source, config, options),
        Err(e) => FileReport::failed(name, e.localized(options.lang)),
    }
}

pub fn check_loaded(
    name: &str,
    loaded: Result<SourceFile, LoadError>,
    config: &Config,
    options: &Options,
) -> FileReport {
    match loaded {
        Ok(source) => check_source(source, config, options),
        Err(e) => FileReport::failed(name.to_string(), e.localized(options.lang)),
    }
}

/// Parse and check decoded text. A panic while doing so is caught and reported as
/// this file's error, so the rest of a batch is still checked.
pub fn check_source(source: SourceFile, config: &Config, options: &Options) -> FileReport {
    let path = source.name().to_string();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let doc = parse::parse(source, &config.format, &ParseOptions { year: options.year });
        let edition = document_edition(&doc, &config.format, options.edition.as_deref());
        let diagnostics = run_rules(&doc, config, edition.as_deref(), options.lang);
        (doc, edition, diagnostics)
    }));
    match result {
        Ok((doc, edition, diagnostics)) => FileReport {
            path,
            report_year: doc.report_year.map(|y| y.year),
            source: Some(doc.source),
            edition,
            error: None,
            diagnostics,
        },
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = options.lang.pick(
                "内部错误，未能完成检查（请报告此问题）",
                "internal error, file not checked (please report this)",
            );
            FileReport::failed(path, format!("{message}: {what}"))
        }
    }
}

/// The edition a document is checked against: forced, else the one covering the
/// report year, else the one most of its tables follow.
pub fn document_edition(doc: &Document, format: &Format, forced: Option<&str>) -> Option<String> {
    if let Some(e) = forced {
        return Some(e.to_string());
    }
    if let Some(y) = doc.report_year {
        return format.edition_for_year(y.year).map(|e| e.id.clone());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in &doc.tables {
        if let Some(e) = &t.edition {
            match counts.iter_mut().find(|(k, _)| k == e) {
                Some((_, n)) => *n += 1,
                None => counts.push((e, 1)),
            }
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counts.first().map(|(e, _)| e.to_string())
}

pub fn run_rules(doc: &Document, config: &Config, edition: Option<&str>, lang: Lang) -> Vec<Diagnostic> {
    let ctx = Context::new(doc, &config.format, edition, lang);
    let mut out = Vec::new();
    let active = config.rules.iter().filter_map(|r| r.severity.map(|s| (r, s)));
    for (rule, severity) in active.clone().filter(|(r, _)| r.check.scope() == Scope::Gate) {
        rule.check.run(&ctx, &mut Reporter::new(rule, severity, lang, &mut out));
    }
    if !out.is_empty() {
        return out;
    }
    for (rule, severity) in active {
        match rule.check.scope() {
            Scope::Gate => continue,
            Scope::Document => {
                if rule.edition.is_some() && rule.edition.as_deref() != edition {
                    continue;
                }
            }
            Scope::Tables => {}
        }
        rule.check.run(&ctx, &mut Reporter::new(rule, severity, lang, &mut out));
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}
