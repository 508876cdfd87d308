//! One line per finding: `path:line:col: severity[rule] message`.

use std::fmt::Write;

use crate::diag::{FileReport, Lang};

pub fn render(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        if let Some(e) = &r.error {
            let _ = writeln!(out, "{}: {}: {e}", r.path, lang.pick("错误", "error"));
            continue;
        }
        let Some(source) = &r.source else { continue };
        for d in &r.diagnostics {
            // A web page's findings go on the page's lines (columns unknown).
            let (line, column) = match source.page_line(d.primary.span.start) {
                Some(line) => (line, 1),
                None => {
                    let p = source.position(d.primary.span.start);
                    (p.line, p.column)
                }
            };
            let _ = writeln!(
                out,
                "{}:{line}:{column}: {}[{}] {}",
                r.path, d.severity, d.rule, d.message
            );
        }
    }
    out
}
