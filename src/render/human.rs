//! rustc-style diagnostics through codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::term::{self, Config};

use crate::diag::{Diagnostic, FileReport, Lang, Severity};
use crate::render::Summary;
use crate::render::snippet::{Snippet, Snippets};
use crate::source::SourceFile;

/// Render one file's findings. File errors are rendered separately by
/// [`file_error`], since they go to stderr.
pub fn render_file(report: &FileReport, color: bool) -> String {
    let Some(source) = &report.source else {
        return String::new();
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_diagnostic_with(source, report.previous.as_ref(), d, color));
    }
    out
}

pub fn render_diagnostic(source: &SourceFile, d: &Diagnostic, color: bool) -> String {
    render_diagnostic_with(source, None, d, color)
}

/// With labels in last year's report, when there is one, shown under its name.
pub fn render_diagnostic_with(
    source: &SourceFile,
    previous: Option<&SourceFile>,
    d: &Diagnostic,
    color: bool,
) -> String {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let in_previous = |l: &crate::diag::Label| l.previous && previous.is_some();
    let own: Vec<_> = std::iter::once(&d.primary)
        .chain(d.secondary.iter().filter(|l| !in_previous(l)))
        .map(|l| l.span)
        .collect();
    let (snippet, mapped) = Snippet::new(source, &own);
    let mut labels = vec![CsLabel::primary(0, mapped[0].range()).with_message(&d.primary.message)];
    labels.extend(
        d.secondary
            .iter()
            .filter(|l| !in_previous(l))
            .zip(&mapped[1..])
            .map(|(l, span)| CsLabel::secondary(0, span.range()).with_message(&l.message)),
    );
    let mut files = vec![snippet];
    if let Some(last) = previous {
        let theirs: Vec<&crate::diag::Label> = d.secondary.iter().filter(|l| in_previous(l)).collect();
        if !theirs.is_empty() {
            let spans: Vec<_> = theirs.iter().map(|l| l.span).collect();
            let (snippet, mapped) = Snippet::new(last, &spans);
            files.push(snippet);
            labels.extend(
                theirs
                    .iter()
                    .zip(&mapped)
                    .map(|(l, span)| CsLabel::secondary(1, span.range()).with_message(&l.message)),
            );
        }
    }
    let snippet = Snippets(files);
    let diag = CsDiagnostic::new(severity)
        .with_code(&d.rule)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(d.notes.clone());
    let config = Config::default();
    if color {
        let mut buffer = term::termcolor::Buffer::ansi();
        if term::emit_to_write_style(&mut buffer, &config, &snippet, &diag).is_ok() {
            return String::from_utf8_lossy(buffer.as_slice()).into_owned();
        }
    }
    let mut out = String::new();
    if term::emit_to_string(&mut out, &config, &snippet, &diag).is_err() {
        out = format!("{}[{}]: {}\n", d.severity, d.rule, d.message);
    }
    out
}

/// `error: path: why`.
pub fn file_error(report: &FileReport, lang: Lang) -> Option<String> {
    let why = report.error.as_ref()?;
    let label = lang.pick("错误", "error");
    Some(format!("{label}: {}: {why}\n", report.path))
}

pub fn summary_line(summary: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "共检查 {} 个文件：{} 个错误，{} 个警告，{} 个提示\n",
            summary.files, summary.errors, summary.warnings, summary.infos
        ),
        Lang::En => format!(
            "checked {} file{}: {} error{}, {} warning{}, {} info{}\n",
            summary.files,
            plural(summary.files),
            summary.errors,
            plural(summary.errors),
            summary.warnings,
            plural(summary.warnings),
            summary.infos,
            plural(summary.infos),
        ),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
