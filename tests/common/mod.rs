//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub(crate) mod convert;
pub(crate) mod template;

use std::path::{Path, PathBuf};

use nianbao::Diagnostic;
use nianbao::model::{Document, Table};
use nianbao::parse::{ParseOptions, parse};
use nianbao::source::{SourceFile, Span};
use nianbao::{Linter, Options};

pub(crate) fn fixture_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)
}

pub(crate) fn fixture(rel: &str) -> String {
    std::fs::read_to_string(fixture_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub(crate) fn config() -> &'static Linter {
    static CONFIG: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    CONFIG.get_or_init(|| Linter::builtin().expect("built-in rules"))
}

pub(crate) fn document(text: &str) -> Document {
    parse(
        SourceFile::new("test", text),
        &config().format,
        &ParseOptions::default(),
    )
}

/// The document as the engine checks it: parsed, then what the relations can
/// read (numbers placed in order, digits split).
pub(crate) fn document_read(text: &str) -> Document {
    let mut doc = document(text);
    nianbao::infer::read_tables(&mut doc, &config().rules, &config().format);
    doc
}

pub(crate) fn check_with(config: &Linter, text: &str) -> Vec<Diagnostic> {
    let report = config.check_source(SourceFile::new("test", text), &Options::default());
    assert_eq!(report.error, None, "checked without error");
    report.diagnostics
}

pub(crate) fn check(text: &str) -> Vec<Diagnostic> {
    check_with(config(), text)
}

/// The rule ids of the errors and warnings (notes left out), in order.
pub(crate) fn rules_above_info(text: &str) -> Vec<String> {
    check(text)
        .into_iter()
        .filter(|d| d.severity != nianbao::Severity::Info)
        .map(|d| d.rule)
        .collect()
}

/// `rule@line` for each finding, for compact assertions.
pub(crate) fn findings(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let source = SourceFile::new("test", text);
    diagnostics
        .iter()
        .map(|d| format!("{}@{}", d.rule, source.position(d.primary.span.start).line))
        .collect()
}

/// Findings of rules whose id starts with one of `prefixes`.
pub(crate) fn findings_of(text: &str, prefixes: &[&str]) -> Vec<String> {
    let all = check(text);
    let kept: Vec<Diagnostic> = all
        .into_iter()
        .filter(|d| prefixes.iter().any(|p| d.rule.starts_with(p)))
        .collect();
    findings(text, &kept)
}

pub(crate) fn table<'d>(doc: &'d Document, key: &str) -> &'d Table {
    doc.table(key).unwrap_or_else(|| panic!("table {key} not found"))
}

/// The span of the cell in `row` (key) and `column` (key) of table `key`.
pub(crate) fn cell_span(text: &str, key: &str, row: &str, column: &str) -> Span {
    let config = config();
    let doc = parse(SourceFile::new("test", text), &config.format, &ParseOptions::default());
    let t = table(&doc, key);
    let schema = &config.format.tables[t.schema];
    for block in &t.blocks {
        let bs = &schema.blocks[block.index];
        let Some(c) = bs.find_column(column) else { continue };
        for r in &block.rows {
            if bs.rows[r.index].key == row {
                return r.cell(c).unwrap_or_else(|| panic!("{row}/{column} not aligned")).span;
            }
        }
    }
    panic!("cell {key}/{row}/{column} not found")
}

/// `text` with one column of table `key` deleted whole: its title in the
/// header and its cell in every row, each with the separator before it (a tab,
/// a pipe, a line break).
pub(crate) fn without_column(text: &str, key: &str, column: &str) -> String {
    let config = config();
    let doc = parse(SourceFile::new("test", text), &config.format, &ParseOptions::default());
    let t = table(&doc, key);
    let schema = &config.format.tables[t.schema];
    let mut spans: Vec<Span> = Vec::new();
    for block in &t.blocks {
        let bs = &schema.blocks[block.index];
        let Some(c) = bs.find_column(column) else { continue };
        spans.extend(block.rows.iter().filter_map(|r| r.cell(c)).map(|cell| cell.span));
        spans.extend(
            t.header
                .iter()
                .filter(|h| h.column == Some((block.index, c)))
                .map(|h| h.span),
        );
    }
    assert!(spans.len() > 2, "column {key}/{column} found");
    spans.sort_by_key(|s| std::cmp::Reverse(s.start));
    let mut out = text.to_string();
    for span in spans {
        let before = out[..span.start].trim_end_matches(' ');
        let mut start = match before.chars().next_back() {
            Some(c @ ('\t' | '|' | '\n')) => before.len() - c.len_utf8(),
            _ => span.start,
        };
        // A cell on a line of its own goes with its line.
        let line_ends = |s: &str| s.is_empty() || s.starts_with(['\n', '\r']);
        if out[..start].ends_with(['\n', '\r']) && line_ends(&out[span.end..]) {
            start -= 1;
        }
        out.replace_range(start..span.end, "");
    }
    out
}

/// The values of a row as text (`_` for a blank), or `None` when not found.
pub(crate) fn row_values(doc: &Document, key: &str, row: &str) -> Option<Vec<String>> {
    let config = config();
    let t = doc.table(key)?;
    let schema = &config.format.tables[t.schema];
    for block in &t.blocks {
        for r in &block.rows {
            if schema.blocks[block.index].rows[r.index].key == row {
                return Some(
                    r.cells
                        .iter()
                        .map(|c| c.value.number().map(|n| n.to_string()).unwrap_or_else(|| "_".into()))
                        .collect(),
                );
            }
        }
    }
    None
}

/// Replace the text of one cell.
pub(crate) fn with_cell(text: &str, key: &str, row: &str, column: &str, value: &str) -> String {
    let span = cell_span(text, key, row, column);
    format!("{}{}{}", &text[..span.start], value, &text[span.end..])
}

/// Add `delta` to the number in a cell.
pub(crate) fn bump(text: &str, key: &str, row: &str, column: &str, delta: i64) -> String {
    let span = cell_span(text, key, row, column);
    let old: i64 = text[span.range()].trim().parse().expect("an integer cell");
    format!("{}{}{}", &text[..span.start], old + delta, &text[span.end..])
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    SourceFile::new("t", text).position(offset).line
}

/// Every rule of `rules/common.toml`, unchanged, in reverse order: a user rule
/// file that redefines them all.
pub(crate) fn common_rules_reversed() -> String {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/common.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut rules = table["rule"].as_array().unwrap().clone();
    assert!(rules.len() > 20, "common.toml has its rules");
    rules.reverse();
    let mut out = toml::Table::new();
    out.insert("rule".into(), toml::Value::Array(rules));
    toml::to_string(&out).unwrap()
}

/// The JSON report of each file, with the built-in rules and with `linter`.
pub(crate) fn json_with(linter: &Linter, path: &Path) -> String {
    let report = linter.check_path(path, &Options::default());
    nianbao::render::json::render(&[report])
}

/// Every file under `dir`, sorted.
pub(crate) fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}
