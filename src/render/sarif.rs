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

pub fn render(reports: &[FileReport], rules: &[RuleInfo], version: &str) -> String {
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
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in reports {
        if let Some(e) = &report.error {
            notifications.push(json!({
                "level": "error",
                "message": { "text": e },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&report.path) } } }],
            }));
            continue;
        }
        let Some(source) = &report.source else { continue };
        results.extend(report.diagnostics.iter().map(|d| result(report, source, d, rules)));
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "nianbao",
                "version": version,
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("serializable");
    s.push('\n');
    s
}
