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
        stream.add(report, suite(report, rules, fail), fail);
    }
    stream.finish(rules)
}

/// The document built a file at a time: each file's suite is rendered where it
/// was checked, and only the rendered suites are kept (the totals come first).
#[derive(Debug, Default)]
pub struct Stream {
    suites: String,
    files: usize,
    failures: usize,
    errors: usize,
}

impl Stream {
    /// One more file and its suite as [`suite`] rendered it.
    pub fn add(&mut self, report: &FileReport, suite: String, fail: Severity) {
        self.files += 1;
        self.failures += failing(report, fail);
        self.errors += usize::from(report.error.is_some());
        self.suites.push_str(&suite);
    }

    pub fn finish(self, rules: &[RuleInfo]) -> String {
        let active = rules.iter().filter(|r| r.level.is_some()).count();
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        let mut root = BytesStart::new("testsuites");
        root.push_attribute(("name", "nianbao"));
        root.push_attribute(("tests", (self.files * active).to_string().as_str()));
        root.push_attribute(("failures", self.failures.to_string().as_str()));
        root.push_attribute(("errors", self.errors.to_string().as_str()));
        let _ = w.write_event(Event::Start(root));
        let mut s = String::from_utf8(w.into_inner()).expect("UTF-8 in, UTF-8 out");
        s.push_str(&self.suites);
        s.push_str("\n</testsuites>\n");
        s
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
                            .map(|s| s.position(d.primary.span.start).line)
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
