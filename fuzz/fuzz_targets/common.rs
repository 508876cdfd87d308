#![allow(dead_code)]
// Shared by the targets: check bytes as a named file and render every format.
// A panic inside checking is caught by the engine and becomes the file's
// error; here it is made a crash again, so libFuzzer sees it.

use std::sync::OnceLock;

use nianbao::{FileReport, Lang, Linter, Options, Severity};

pub fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::builtin().expect("built-in rules"))
}

pub fn check_and_render(linter: &Linter, name: &str, bytes: &[u8]) {
    let report = linter.check_bytes(name, bytes, &Options::default());
    crash_on_internal_error(&report);
    render_all(&report);
}

pub fn crash_on_internal_error(report: &FileReport) {
    if let Some(e) = &report.error {
        assert!(!e.contains("internal error") && !e.contains("内部错误"), "{e}");
    }
}

/// The snippet renderer and JSON on every input; the other formats, which
/// only add positions and escaping, on one in eight (they would halve the rate).
pub fn render_all(report: &FileReport) {
    use nianbao::render;
    let reports = std::slice::from_ref(report);
    let _ = render::human::render_file(report, false);
    let _ = render::json::render(reports);
    if report.diagnostics.len() % 8 == 1 {
        let _ = render::concise::render(reports, Lang::En);
        let _ = render::github::render(reports);
        let _ = render::sarif::render(reports, &[], "0");
        let _ = render::junit::render(reports, &[], Severity::Error);
    }
}
