//! GitHub Actions workflow commands: each finding becomes an annotation on its
//! file and line (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`).

use std::fmt::Write;

use crate::diag::{FileReport, Severity};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        if let Some(e) = &r.error {
            let _ = writeln!(out, "::error file={}::{}", property(&r.path), data(e));
            continue;
        }
        let Some(source) = &r.source else { continue };
        for d in &r.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            // A web page's findings go on the page's lines; their columns
            // there are not known, so none is given.
            let place = match source.page_lines(d.primary.span) {
                Some((line, end)) => format!("line={line},endLine={end}"),
                None => {
                    let (start, end) = (
                        source.position(d.primary.span.start),
                        source.position(d.primary.span.end),
                    );
                    format!(
                        "line={},col={},endLine={},endColumn={}",
                        start.line, start.column, end.line, end.column
                    )
                }
            };
            let mut message = d.message.clone();
            for n in &d.notes {
                message.push('\n');
                message.push_str(n);
            }
            let _ = writeln!(
                out,
                "::{command} file={},{place},title={}::{}",
                property(&r.path),
                property(&d.rule),
                data(&message)
            );
        }
    }
    out
}

/// The message part: `%`, CR and LF are escaped.
pub fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: also `:` and `,`.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
