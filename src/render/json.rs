//! One JSON document for a whole batch. Fields are only ever added, never changed.

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::diag::FileReport;
use crate::render::Summary;
use crate::source::{Place, SourceFile, Span};

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Output<'a> {
    pub version: u32,
    pub files: Vec<FileOut<'a>>,
    pub summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistics: Option<crate::render::stats::Statistics>,
}

#[derive(Debug, Serialize)]
pub struct FileOut<'a> {
    pub path: &'a str,
    /// What the file was read as (`text`, `markdown`, `docx`, `html`, `pdf`)
    /// and the encoding its bytes were decoded from; absent when unreadable.
    pub format: Option<&'a str>,
    pub encoding: Option<&'a str>,
    pub report_year: Option<i32>,
    pub edition: Option<&'a str>,
    pub error: Option<&'a str>,
    pub diagnostics: Vec<DiagnosticOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DiagnosticOut<'a> {
    pub rule: &'a str,
    pub kind: &'a str,
    pub severity: &'static str,
    pub message: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub labels: Vec<LabelOut<'a>>,
    pub notes: &'a [String],
    /// Stable across edits elsewhere in the file: baselines and SARIF key on it.
    pub fingerprint: &'a str,
    /// The table cell and the section the finding is in.
    pub cell: Option<&'a str>,
    pub section: Option<&'a str>,
    /// Where the finding is in a Word document, web page or PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceOut>,
}

/// A place in the original file: a page of a PDF, a paragraph, or a table cell
/// (each counted from 1).
#[derive(Debug, Serialize, Default)]
pub struct PlaceOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// A web page's `<title>`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub title: bool,
    /// The web page's line (the finding's `line` is the text view's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

fn place_out(source: &SourceFile, offset: usize) -> Option<PlaceOut> {
    let p = source.provenance();
    if p.format == "pdf" {
        return Some(PlaceOut {
            page: Some(source.page(offset)),
            ..PlaceOut::default()
        });
    }
    let line = source.page_line(offset);
    Some(match p.place_at(offset)? {
        Place::Paragraph { index, .. } => PlaceOut {
            paragraph: Some(*index),
            line,
            ..PlaceOut::default()
        },
        Place::PageTitle => PlaceOut {
            title: true,
            line,
            ..PlaceOut::default()
        },
        Place::Cell { table, row, column } => PlaceOut {
            table: Some(*table),
            row: Some(*row),
            column: Some(*column),
            line,
            ..PlaceOut::default()
        },
    })
}

#[derive(Debug, Serialize)]
pub struct LabelOut<'a> {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
    pub primary: bool,
    /// The file the label is in, when not this one (last year's report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
}

/// 1-based lines and character columns, end exclusive.
fn range(source: &SourceFile, span: Span) -> (usize, usize, usize, usize) {
    let start = source.position(span.start);
    let end = source.position(span.end);
    (start.line, start.column, end.line, end.column)
}

pub fn file_out(report: &FileReport) -> FileOut<'_> {
    let diagnostics = match &report.source {
        Some(source) => report
            .diagnostics
            .iter()
            .map(|d| diagnostic_out(source, report.previous.as_ref(), d))
            .collect(),
        None => Vec::new(),
    };
    let provenance = report.source.as_ref().map(|s| s.provenance());
    FileOut {
        path: &report.path,
        format: provenance.map(|p| p.format).filter(|f| !f.is_empty()),
        encoding: provenance.map(|p| p.encoding.as_str()).filter(|e| !e.is_empty()),
        report_year: report.report_year,
        edition: report.edition.as_deref(),
        error: report.error.as_deref(),
        diagnostics,
    }
}

fn diagnostic_out<'a>(source: &SourceFile, previous: Option<&'a SourceFile>, d: &'a Diagnostic) -> DiagnosticOut<'a> {
    let (line, column, end_line, end_column) = range(source, d.primary.span);
    let mut labels = vec![label_out(source, None, &d.primary, true)];
    labels.extend(d.secondary.iter().map(|l| label_out(source, previous, l, false)));
    DiagnosticOut {
        rule: &d.rule,
        kind: d.kind,
        severity: d.severity.as_str(),
        message: &d.message,
        line,
        column,
        end_line,
        end_column,
        labels,
        notes: &d.notes,
        fingerprint: &d.fingerprint,
        cell: d.anchor.cell.as_deref(),
        section: d.anchor.section.as_deref(),
        place: place_out(source, d.primary.span.start),
    }
}

fn label_out<'a>(
    source: &SourceFile,
    previous: Option<&'a SourceFile>,
    l: &'a crate::diag::Label,
    primary: bool,
) -> LabelOut<'a> {
    let (file, path) = match previous.filter(|_| l.previous) {
        Some(last) => (last, Some(last.name())),
        None => (source, None),
    };
    let (line, column, end_line, end_column) = range(file, l.span);
    LabelOut {
        path,
        line,
        column,
        end_line,
        end_column,
        message: &l.message,
        primary,
    }
}

pub fn render(reports: &[FileReport]) -> String {
    to_json(reports, None)
}

/// With `statistics`: counts per rule and per file.
pub fn render_with_statistics(reports: &[FileReport]) -> String {
    to_json(reports, Some(crate::render::stats::of(reports)))
}

fn to_json(reports: &[FileReport], statistics: Option<crate::render::stats::Statistics>) -> String {
    let output = Output {
        version: VERSION,
        files: reports.iter().map(file_out).collect(),
        summary: Summary::of(reports),
        statistics,
    };
    let mut s = serde_json::to_string_pretty(&output).expect("serializable");
    s.push('\n');
    s
}

/// The JSON report written a file at a time, as [`render`] would write it
/// whole: a batch's files need not be held in memory.
#[derive(Debug, Default)]
pub struct Stream {
    files: usize,
}

impl Stream {
    /// The text for one more file.
    pub fn file(&mut self, report: &FileReport) -> String {
        let mut out = self.before_next().to_string();
        out.push_str(&file_text(report));
        out
    }

    /// What goes before one more file rendered by [`file_bytes`] (elsewhere,
    /// say on the thread that checked it): written ahead of it, the file's
    /// text need not be copied.
    pub fn before_next(&mut self) -> &'static str {
        self.files += 1;
        if self.files == 1 {
            "{\n  \"version\": 1,\n  \"files\": [\n"
        } else {
            ",\n"
        }
    }

    /// The text after the last file.
    pub fn finish(self, summary: &Summary, statistics: Option<&crate::render::stats::Statistics>) -> String {
        let mut out = String::new();
        if self.files == 0 {
            out.push_str("{\n  \"version\": 1,\n  \"files\": [],\n");
        } else {
            out.push_str("\n  ],\n");
        }
        out.push_str("  \"summary\": ");
        indent_after_first(
            &mut out,
            &serde_json::to_string_pretty(summary).expect("serializable"),
            2,
        );
        match statistics {
            Some(s) => {
                out.push_str(",\n  \"statistics\": ");
                indent_after_first(&mut out, &serde_json::to_string_pretty(s).expect("serializable"), 2);
                out.push_str("\n}\n");
            }
            None => out.push_str("\n}\n"),
        }
        out
    }
}

/// One file's entry as it stands in the `files` array.
pub fn file_text(report: &FileReport) -> String {
    String::from_utf8(file_bytes(report)).expect("serde_json writes UTF-8")
}

/// [`file_text`] as the bytes serde_json wrote, for writing out as they are
/// (checking again that they are UTF-8 cost 1.6% of a batch).
pub fn file_bytes(report: &FileReport) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Indented::new(4));
    file_out(report).serialize(&mut ser).expect("serializable");
    out
}

/// `value` in serde_json's pretty layout, every line but the first indented by
/// `base` more.
pub fn pretty_indented<T: Serialize + ?Sized>(value: &T, base: usize) -> String {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Indented::new(base));
    value.serialize(&mut ser).expect("serializable");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's pretty layout (two spaces a level) with every line but the
/// first indented by `base` more: a file's entry written where it stands in
/// the array, without indenting it afterwards.
struct Indented {
    base: usize,
    level: usize,
    has_value: bool,
}

impl Indented {
    fn new(base: usize) -> Self {
        Indented {
            base,
            level: 0,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        w.write_all(b"\n")?;
        let mut n = self.base + 2 * self.level;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `text` with every line but the first indented (it follows a key).
fn indent_after_first(out: &mut String, text: &str, by: usize) {
    let mut newline = String::with_capacity(by + 1);
    newline.push('\n');
    newline.extend(std::iter::repeat_n(' ', by));
    let mut rest = text;
    while let Some(i) = rest.find('\n') {
        out.push_str(&rest[..i]);
        out.push_str(&newline);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Label, Severity};
    use crate::source::{SourceFile, Span};

    fn report(path: &str, text: &str, findings: usize) -> FileReport {
        let diagnostics = (0..findings)
            .map(|i| Diagnostic {
                rule: format!("rule-{i}"),
                kind: "sum",
                severity: Severity::Warning,
                message: "一\n二 \"引号\"".into(),
                primary: Label::new(Span::new(0, 3), "标签"),
                secondary: vec![Label::new(Span::new(3, 6), "")],
                notes: vec!["note".into()],
                evidence: None,
                about: None,
                anchor: Default::default(),
                fingerprint: "0123".into(),
            })
            .collect();
        FileReport {
            path: path.into(),
            source: Some(SourceFile::new(path, text)),
            previous: None,
            extract: None,
            report_year: Some(2021),
            edition: None,
            error: None,
            diagnostics,
            checked: true,
        }
    }

    #[test]
    fn the_stream_writes_what_render_writes() {
        let reports = vec![
            report("a.txt", "一二三四五六\n", 2),
            FileReport::failed("b.txt".into(), "坏了".into()),
            report("c.txt", "七八九十\n", 0),
        ];
        for statistics in [false, true] {
            let whole = if statistics {
                render_with_statistics(&reports)
            } else {
                render(&reports)
            };
            let mut stream = Stream::default();
            let mut streamed: String = reports.iter().map(|r| stream.file(r)).collect();
            let stats = statistics.then(|| crate::render::stats::of(&reports));
            streamed.push_str(&stream.finish(&Summary::of(&reports), stats.as_ref()));
            assert_eq!(streamed, whole);
        }
        let empty = Stream::default().finish(&Summary::default(), None);
        assert_eq!(empty, render(&[]));
    }
}
