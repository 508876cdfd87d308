//! JUnit XML, for CI systems that show test results: one test suite per file,
//! one test case per rule. A rule fails in a file when it has findings at or
//! above the fail level; lower findings are its output.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::diag::{FileReport, RuleInfo, Severity};

pub fn render(reports: &[FileReport], rules: &[RuleInfo], fail: Severity) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let failing = |r: &FileReport| r.diagnostics.iter().filter(|d| d.severity >= fail).count();
    let total_failures: usize = reports.iter().map(failing).sum();
    let errors = reports.iter().filter(|r| r.error.is_some()).count();
    let active: Vec<&RuleInfo> = rules.iter().filter(|r| r.level.is_some()).collect();
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let tests = reports.len() * active.len();
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "nianbao"));
    root.push_attribute(("tests", tests.to_string().as_str()));
    root.push_attribute(("failures", total_failures.to_string().as_str()));
    root.push_attribute(("errors", errors.to_string().as_str()));
    let _ = w.write_event(Event::Start(root));
    for report in reports {
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", report.path.as_str()));
        let cases = if report.error.is_some() { 1 } else { active.len() };
        suite.push_attribute(("tests", cases.to_string().as_str()));
        suite.push_attribute(("failures", failing(report).to_string().as_str()));
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
    let _ = w.write_event(Event::End(BytesEnd::new("testsuites")));
    let mut s = String::from_utf8(w.into_inner()).expect("UTF-8 in, UTF-8 out");
    s.push('\n');
    s
}
