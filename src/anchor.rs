//! Where a finding is, structurally, and its fingerprint: what suppressions,
//! baselines and SARIF key on, so that an entry survives edits above it.

use std::collections::HashMap;
use std::hash::Hasher;

use crate::diag::{Anchor, Diagnostic};
use crate::format::Format;
use crate::label::{cn_numeral, is_space};
use crate::model::Document;
use crate::source::Span;

/// Characters kept on each side of the primary label when its line is long (a
/// page scraped into one line).
const LINE_CONTEXT: usize = 24;

/// Fill in each finding's anchor and fingerprint. `diagnostics` is in report order.
pub fn annotate(doc: &Document, format: &Format, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut() {
        let mut anchor = anchor_at(doc, format, d.primary.span);
        if let Some(key) = &d.about {
            anchor.section = section_heading(format, key);
        }
        d.anchor = anchor;
    }
    fingerprint_all(diagnostics);
}

/// Each finding's fingerprint from its anchor: the rule, the cell (else the
/// line's text) and which occurrence of those it is, in report order (again
/// once the findings of a file's parts are put together).
pub fn fingerprint_all(diagnostics: &mut [Diagnostic]) {
    let mut occurrences: HashMap<(String, String), usize> = HashMap::new();
    for d in diagnostics.iter_mut() {
        let key = d.anchor.cell.clone().unwrap_or_else(|| d.anchor.line.clone());
        let n = occurrences.entry((d.rule.clone(), key.clone())).or_insert(0);
        d.fingerprint = fingerprint(&d.rule, &key, *n);
        *n += 1;
    }
}

/// The anchor of a span in a document.
pub fn anchor_at(doc: &Document, format: &Format, span: Span) -> Anchor {
    Anchor {
        cell: cell_at(doc, format, span),
        section: doc.section_at(span.start).and_then(|i| {
            let key = &doc.sections[i].key;
            format
                .section(key)
                .map(|def| format!("{}、{}", cn_numeral(def.number), def.title))
        }),
        line: line_text(doc, span),
    }
}

/// `一、总体情况`.
fn section_heading(format: &Format, key: &str) -> Option<String> {
    format
        .section(key)
        .map(|def| format!("{}、{}", cn_numeral(def.number), def.title))
}

/// `表三 / （七）总计 / 自然人` for a cell, `表三 / （七）总计` for a row label.
fn cell_at(doc: &Document, format: &Format, span: Span) -> Option<String> {
    let at = span.start;
    let table = doc.tables.iter().find(|t| t.span.start <= at && at <= t.span.end)?;
    let schema = &format.tables[table.schema];
    let name = &schema.name.zh;
    for block in &table.blocks {
        for row in &block.rows {
            // Named only once found: naming a row allocates.
            let title = || schema.row_title(block.index, row.index);
            for (c, cell) in row.cells.iter().enumerate() {
                if cell.span.start == at || cell.span.contains(at) {
                    let column = match row.cell(c) {
                        Some(_) => schema.column_name(block.index, c),
                        None => format!("#{}", c + 1),
                    };
                    return Some(format!("{name} / {} / {column}", title()));
                }
            }
            if row.label_span().is_some_and(|l| l.contains(at)) {
                return Some(format!("{name} / {}", title()));
            }
        }
    }
    // Just past its last cell: what follows the table (the next section's
    // heading run on after the digits: `……0000000四、政府信息公开行政复议……`).
    (at < table.span.end).then(|| name.clone())
}

/// The primary label's line without spaces, clipped around the label when long.
fn line_text(doc: &Document, span: Span) -> String {
    let source = &doc.source;
    let range = source.line_content_range(source.line_index(span.start));
    let line = &source.text()[range.clone()];
    let offset = span.start.saturating_sub(range.start).min(line.len());
    // Only the characters around the label are read: a page scraped into one
    // line would otherwise be read whole for each finding on it.
    let mut before: Vec<char> = line[..offset]
        .chars()
        .rev()
        .filter(|c| !is_space(*c))
        .take(LINE_CONTEXT)
        .collect();
    before.reverse();
    let after = line[offset..].chars().filter(|c| !is_space(*c)).take(LINE_CONTEXT);
    before.into_iter().chain(after).collect()
}

/// 16 hex digits of FNV-1a over the parts: stable across runs and platforms.
fn fingerprint(rule: &str, key: &str, occurrence: usize) -> String {
    let mut h = fnv::FnvHasher::default();
    for part in [rule.as_bytes(), key.as_bytes(), occurrence.to_string().as_bytes()] {
        h.write(part);
        h.write_u8(0);
    }
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fingerprint("a", "b", 0), fingerprint("a", "b", 0));
        assert_ne!(fingerprint("a", "b", 0), fingerprint("a", "b", 1));
        assert_ne!(fingerprint("ab", "", 0), fingerprint("a", "b", 0));
        // Pinned: a change here breaks every user's baseline.
        assert_eq!(
            fingerprint("cell-empty", "表三 / 2.重复申请 / 法律服务机构", 0),
            "906cc06f8a0ddb91"
        );
    }
}
