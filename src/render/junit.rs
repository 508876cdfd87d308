//! JUnit XML, for CI systems that show test results: one test suite per file,
//! one test case per rule. A rule fails in a file when it has findings at or
//! above the fail level; lower findings are its output.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::diag::{FileReport, RuleInfo, Severity};

/// The whole document for these reports.
pub fn render(reports: &[FileReport], rules: &[RuleInfo], fail: Severity) -> String {
    let mut stream = Stream::default();
    for report in reports {
        stream.add(report, &suite(report, rules, fail), fail);
    }
    let mut out = Vec::new();
    stream.finish(rules, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
}

/// The document built a file at a time: each file's suite is rendered where it
/// was checked and only the rendered suites are kept, since the totals come
/// first: in memory up to [`SPOOL_MEMORY`] bytes, then in an anonymous
/// temporary file, so that memory stays flat however many files there are.
#[derive(Debug, Default)]
pub struct Stream {
    memory: String,
    spool: Option<std::fs::File>,
    /// A write to the spool that failed, reported when the document is written.
    failed: Option<std::io::Error>,
    files: usize,
    failures: usize,
    errors: usize,
}

/// Rendered suites kept in memory before they go to a temporary file.
pub const SPOOL_MEMORY: usize = 8 << 20;

impl Stream {
    /// One more file and its suite as [`suite`] rendered it.
    pub fn add(&mut self, report: &FileReport, suite: &str, fail: Severity) {
        self.files += 1;
        self.failures += failing(report, fail);
        self.errors += usize::from(report.error.is_some());
        self.keep(suite);
    }

    fn keep(&mut self, suite: &str) {
        use std::io::Write;
        if self.spool.is_none() && self.memory.len() + suite.len() > SPOOL_MEMORY {
            // No temporary file: keep them in memory.
            self.spool = tempfile::tempfile().ok();
            if let Some(f) = &mut self.spool
                && let Err(e) = f.write_all(std::mem::take(&mut self.memory).as_bytes())
            {
                self.failed.get_or_insert(e);
            }
        }
        match &mut self.spool {
            Some(f) => {
                if let Err(e) = f.write_all(suite.as_bytes()) {
                    self.failed.get_or_insert(e);
                }
            }
            None => self.memory.push_str(suite),
        }
    }

    /// Write the document: the totals, then the suites kept.
    pub fn finish(self, rules: &[RuleInfo], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom};
        if let Some(e) = self.failed {
            return Err(e);
        }
        let active = rules.iter().filter(|r| r.level.is_some()).count();
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        let mut root = BytesStart::new("testsuites");
        root.push_attribute(("name", "nianbao"));
        root.push_attribute(("tests", (self.files * active).to_string().as_str()));
        root.push_attribute(("failures", self.failures.to_string().as_str()));
        root.push_attribute(("errors", self.errors.to_string().as_str()));
        let _ = w.write_event(Event::Start(root));
        out.write_all(&w.into_inner())?;
        if let Some(mut f) = self.spool {
            f.seek(SeekFrom::Start(0))?;
            std::io::copy(&mut f, out)?;
        }
        out.write_all(self.memory.as_bytes())?;
        out.write_all(b"\n</testsuites>\n")
    }
}

fn failing(report: &FileReport, fail: Severity) -> usize {
    report.diagnostics.iter().filter(|d| d.severity >= fail).count()
}

/// One file's `<testsuite>`, indented as it stands in the document.
pub fn suite(report: &FileReport, rules: &[RuleInfo], fail: Severity) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Opened to indent the suite one level, then cut off.
    const OUTER: &str = "<testsuites>";
    let _ = w.write_event(Event::Start(BytesStart::new("testsuites")));
    let active: Vec<&RuleInfo> = rules.iter().filter(|r| r.level.is_some()).collect();
    {
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", report.path.as_str()));
        let cases = if report.error.is_some() { 1 } else { active.len() };
        suite.push_attribute(("tests", cases.to_string().as_str()));
        suite.push_attribute(("failures", failing(report, fail).to_string().as_str()));
        suite.push_attribute(("errors", usize::from(report.error.is_some()).to_string().as_str()));
        let _ = w.write_event(Event::Start(suite));
        if let Some(e) = &report.error {
            let mut case = BytesStart::new("testcase");
            case.push_attribute(("name", "read"));
            case.push_attribute(("classname", report.path.as_str()));
            let _ = w.write_event(Event::Start(case));
            let mut error = BytesStart::new("error");
            error.push_attribute(("message", e.as_str()));
            let _ = w.write_event(Event::Empty(error));
            let _ = w.write_event(Event::End(BytesEnd::new("testcase")));
        } else {
            for rule in &active {
                let found: Vec<_> = report.diagnostics.iter().filter(|d| d.rule == rule.id).collect();
                let mut case = BytesStart::new("testcase");
                case.push_attribute(("name", rule.id.as_str()));
                case.push_attribute(("classname", report.path.as_str()));
                if found.is_empty() {
                    let _ = w.write_event(Event::Empty(case));
                    continue;
                }
                let _ = w.write_event(Event::Start(case));
                let lines: Vec<String> = found
                    .iter()
                    .map(|d| {
                        let line = report
                            .source
                            .as_ref()
                            .map(|s| {
                                s.page_line(d.primary.span.start)
                                    .unwrap_or_else(|| s.position(d.primary.span.start).line)
                            })
                            .unwrap_or(0);
                        format!("{}:{line}: {}[{}] {}", report.path, d.severity, d.rule, d.message)
                    })
                    .collect();
                let failed: Vec<_> = found.iter().filter(|d| d.severity >= fail).collect();
                if let Some(first) = failed.first() {
                    let mut failure = BytesStart::new("failure");
                    failure.push_attribute(("message", first.message.as_str()));
                    failure.push_attribute(("type", first.severity.as_str()));
                    let _ = w.write_event(Event::Start(failure));
                    let _ = w.write_event(Event::Text(BytesText::new(&lines.join("\n"))));
                    let _ = w.write_event(Event::End(BytesEnd::new("failure")));
                } else {
                    let _ = w.write_event(Event::Start(BytesStart::new("system-out")));
                    let _ = w.write_event(Event::Text(BytesText::new(&lines.join("\n"))));
                    let _ = w.write_event(Event::End(BytesEnd::new("system-out")));
                }
                let _ = w.write_event(Event::End(BytesEnd::new("testcase")));
            }
        }
        let _ = w.write_event(Event::End(BytesEnd::new("testsuite")));
    }
    let s = String::from_utf8(w.into_inner()).expect("UTF-8 in, UTF-8 out");
    s[OUTER.len()..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the memory bound the suites go to a temporary file, and come back
    /// whole and in order after the totals.
    #[test]
    fn suites_past_the_memory_bound_are_spooled_and_written_in_order() {
        let report = FileReport::failed("a.txt".into(), "bad".into());
        let mut stream = Stream::default();
        let suite = |i: usize| format!("\n  <testsuite name=\"{i}\">{}</testsuite>", "x".repeat(4000));
        let n = SPOOL_MEMORY / 4000 + 10;
        for i in 0..n {
            stream.add(&report, &suite(i), Severity::Error);
        }
        assert!(stream.spool.is_some() && stream.memory.is_empty());
        let mut out = Vec::new();
        stream.finish(&[], &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let head = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nianbao\" tests=\"0\" failures=\"0\" errors=\"{n}\">"
        );
        assert!(out.starts_with(&head), "{}", &out[..200]);
        let body: String = (0..n).map(suite).collect();
        assert_eq!(&out[head.len()..], format!("{body}\n</testsuites>\n"));
    }
}
