//! What in a table shows which edition of the format it follows: the facts
//! the engine's vote on a document's edition and the `edition` check share.

use crate::format::{Format, Role};
use crate::label::{MatchQuality, core, normalize};
use crate::model::Table;
use crate::source::Span;

/// One thing in a table that another edition's table lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Telltale {
    pub span: Span,
    /// As written, spaces left out.
    pub text: String,
    pub kind: TelltaleKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TelltaleKind {
    /// A column or block title.
    Header,
    /// A row label.
    Label,
    /// Numbers on a row that is label-only (a group's) there.
    NumbersOnGroupRow,
}

/// Whether the table shows which edition it follows: something of its
/// reading that another edition's table lacks. A table read in part, its
/// telling rows left out, fits either.
pub fn tells_edition(format: &Format, table: &Table) -> bool {
    let Some(own) = table.edition.as_deref() else {
        return false;
    };
    format
        .tables
        .iter()
        .filter(|s| s.key == table.key)
        .filter_map(|s| s.edition.as_deref())
        .any(|other| other != own && !telltales(format, table, other).is_empty())
}

/// What in `table` the edition `expected` lacks: header words, row labels,
/// and rows with numbers that are label-only there; in text order.
pub fn telltales(format: &Format, table: &Table, expected: &str) -> Vec<Telltale> {
    let schema = &format.tables[table.schema];
    let Some(other) = format
        .tables
        .iter()
        .find(|s| s.key == table.key && s.edition.as_deref() == Some(expected))
    else {
        return Vec::new();
    };
    let known_there = |text: &str| -> bool {
        other
            .vocab
            .lookup(&normalize(text))
            .is_some_and(|m| m.quality != MatchQuality::Fuzzy)
    };
    let mut out = Vec::new();
    for h in &table.header {
        if h.quality == MatchQuality::Fuzzy {
            continue;
        }
        // Only column and block-title words tell an edition apart.
        let is_column = schema
            .vocab
            .lookup(&normalize(&h.text))
            .is_some_and(|m| matches!(m.role, Role::Column(..) | Role::BlockTitle(_)));
        if is_column && !known_there(&h.text) {
            out.push(Telltale {
                span: h.span,
                text: h.text.split_whitespace().collect(),
                kind: TelltaleKind::Header,
            });
        }
    }
    for block in &table.blocks {
        for row in &block.rows {
            let def = &schema.blocks[block.index].rows[row.index];
            let Some(span) = row.label_span() else { continue };
            let text: String = row.label.split_whitespace().collect();
            // The same row is label-only in the other edition but has numbers here.
            let group_there = other
                .blocks
                .iter()
                .flat_map(|b| b.rows.iter())
                .any(|r| r.key == def.key && r.group && !def.group);
            let kind = if group_there && !row.cells.is_empty() {
                TelltaleKind::NumbersOnGroupRow
            } else if row.quality != MatchQuality::Fuzzy
                && !known_there(&row.label)
                && core(&row.label).chars().count() >= 2
            {
                TelltaleKind::Label
            } else {
                continue;
            };
            out.push(Telltale { span, text, kind });
        }
    }
    out.sort_by_key(|t| t.span.start);
    out
}
