//! SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).
//!
//! Columns are counted in Unicode code points (`columnKind: unicodeCodePoints`),
//! as everywhere else in nianbao; for Chinese text they equal UTF-16 units.
//! Each result carries the finding's fingerprint in `partialFingerprints`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use crate::diag::{Diagnostic, FileReport, Label, RuleInfo, Severity};
use crate::source::SourceFile;

const URI: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Info) => "note",
        None => "none",
    }
}

/// A file path as a URI reference: relative paths stay relative.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let encoded = utf8_percent_encode(&path, URI).to_string();
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn region(source: &SourceFile, label: &Label) -> Value {
    // A web page's findings go on the page's lines (columns unknown there).
    if let Some((line, end)) = source.page_lines(label.span) {
        return json!({ "startLine": line, "endLine": end });
    }
    let (s, e) = (source.position(label.span.start), source.position(label.span.end));
    json!({ "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column })
}

fn result(report: &FileReport, source: &SourceFile, d: &Diagnostic, rules: &[RuleInfo]) -> Value {
    let mut text = d.message.clone();
    for n in &d.notes {
        text.push_str("\n- ");
        text.push_str(n);
    }
    let location = |label: &Label| {
        // A label in last year's report is a location in that file.
        let (path, file) = match report.previous.as_ref().filter(|_| label.previous) {
            Some(last) => (last.name(), last),
            None => (report.path.as_str(), source),
        };
        json!({
            "physicalLocation": {
                "artifactLocation": { "uri": uri(path) },
                "region": region(file, label),
            }
        })
    };
    let related: Vec<Value> = d
        .secondary
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut v = location(l);
            v["id"] = json!(i);
            if !l.message.is_empty() {
                v["message"] = json!({ "text": l.message });
            }
            v
        })
        .collect();
    let mut r = json!({
        "ruleId": d.rule,
        "level": level(Some(d.severity)),
        "message": { "text": text },
        "locations": [location(&d.primary)],
        "partialFingerprints": { "nianbao/v1": d.fingerprint },
        "properties": { "kind": d.kind },
    });
    if let Some(i) = rules.iter().position(|x| x.id == d.rule) {
        r["ruleIndex"] = json!(i);
    }
    if !related.is_empty() {
        r["relatedLocations"] = Value::Array(related);
    }
    if let Some(c) = &d.anchor.cell {
        r["properties"]["cell"] = json!(c);
    }
    if let Some(s) = &d.anchor.section {
        r["properties"]["section"] = json!(s);
    }
    r
}

/// The whole log for these reports.
pub fn render(reports: &[FileReport], rules: &[RuleInfo], version: &str) -> String {
    let mut stream = Stream::new(rules, version);
    let mut out = String::new();
    for report in reports {
        out.push_str(&stream.file(&file_results(report, rules), notification(report)));
    }
    out.push_str(&stream.finish());
    out
}

/// The log written a file at a time, as [`render`] writes it whole: the
/// results of each file are written as it is checked, and only the files
/// that could not be read are kept to the end (SARIF reports them apart, in
/// the run's invocation). A batch's reports need not be held in memory.
#[derive(Debug)]
pub struct Stream {
    head: Option<String>,
    results: usize,
    notifications: Vec<Value>,
}

/// Indentation of a result in the log: `runs[0].results[i]`.
const RESULT_INDENT: usize = 8;

impl Stream {
    pub fn new(rules: &[RuleInfo], version: &str) -> Stream {
        let descriptors: Vec<Value> = rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "shortDescription": { "text": r.short },
                    "fullDescription": { "text": r.full },
                    "help": { "text": r.help },
                    "defaultConfiguration": { "level": level(r.level), "enabled": r.level.is_some() },
                    "properties": { "kind": r.kind },
                })
            })
            .collect();
        let tool = json!({ "driver": { "name": "nianbao", "version": version, "rules": descriptors } });
        let mut head = format!(
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": ",
            Value::from(SCHEMA)
        );
        head.push_str(&indented(&tool, 6));
        head.push_str(",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
        Stream {
            head: Some(head),
            results: 0,
            notifications: Vec::new(),
        }
    }

    /// The text for one more file: its results as [`file_results`] rendered
    /// them (on the thread that checked it), and its notification if it could
    /// not be read.
    pub fn file(&mut self, results: &FileResults, notification: Option<Value>) -> String {
        let mut out = self.head.take().unwrap_or_default();
        if !results.text.is_empty() {
            out.push_str(if self.results == 0 { "\n" } else { ",\n" });
            out.push_str(&results.text);
            self.results += results.count;
        }
        self.notifications.extend(notification);
        out
    }

    /// The whole log of a run that stopped before checking: no results, and
    /// why as the invocation's notification.
    pub fn failed(mut self, why: &str) -> String {
        self.notifications
            .push(json!({ "level": "error", "message": { "text": why.trim_end() } }));
        self.finish()
    }

    /// The text after the last file.
    pub fn finish(mut self) -> String {
        let mut out = self.head.take().unwrap_or_default();
        out.push_str(if self.results == 0 { "]" } else { "\n      ]" });
        let invocation = json!({
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": self.notifications,
        });
        out.push_str(",\n      \"invocations\": [\n        ");
        out.push_str(&indented(&invocation, RESULT_INDENT));
        out.push_str("\n      ]\n    }\n  ]\n}\n");
        out
    }
}

/// One file's results, rendered: each indented as it stands in the log, joined
/// by commas.
#[derive(Debug, Default)]
pub struct FileResults {
    text: String,
    count: usize,
}

pub fn file_results(report: &FileReport, rules: &[RuleInfo]) -> FileResults {
    let mut out = FileResults::default();
    if report.error.is_some() {
        return out;
    }
    let Some(source) = &report.source else { return out };
    for d in &report.diagnostics {
        if out.count > 0 {
            out.text.push_str(",\n");
        }
        out.text.extend(std::iter::repeat_n(' ', RESULT_INDENT));
        out.text
            .push_str(&indented(&result(report, source, d, rules), RESULT_INDENT));
        out.count += 1;
    }
    out
}

/// The notification for a file that could not be read.
pub fn notification(report: &FileReport) -> Option<Value> {
    let e = report.error.as_ref()?;
    Some(json!({
        "level": "error",
        "message": { "text": e },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&report.path) } } }],
    }))
}

/// Pretty JSON whose lines after the first are indented by `by`.
fn indented(value: &Value, by: usize) -> String {
    crate::render::json::pretty_indented(value, by)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_without_results_and_one_with_only_unreadable_files() {
        let empty: Value = serde_json::from_str(&render(&[], &[], "0")).unwrap();
        let run = &empty["runs"][0];
        assert_eq!(run["results"], json!([]));
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        assert_eq!(run["invocations"][0]["toolExecutionNotifications"], json!([]));

        let bad = FileReport::failed("a/b.txt".into(), "不是报告".into());
        let text = render(
            &[bad, FileReport::failed("a/b.txt".into(), "不是报告".into())],
            &[],
            "0",
        );
        let log: Value = serde_json::from_str(&text).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["results"], json!([]));
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
        let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0]["message"]["text"], "不是报告");
        assert_eq!(
            notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "a/b.txt"
        );
        assert!(text.ends_with("}\n"));
    }
}
