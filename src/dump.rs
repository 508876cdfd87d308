//! A view of the parsed model, for `nianbao dump`: to see what nianbao read.

use std::fmt::Write;

use serde::Serialize;

use crate::format::Format;
use crate::model::{Cell, Document, Readability, RowShape, Split};
use crate::number::CellValue;
use crate::source::SourceFile;

#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    pub path: &'a str,
    pub title: Option<TitleView<'a>>,
    pub report_year: Option<YearView>,
    pub edition: Option<&'a str>,
    pub outline: Vec<ItemView<'a>>,
    pub sections: Vec<SectionView<'a>>,
    pub tables: Vec<TableView<'a>>,
    pub paragraphs: Vec<SpanView>,
}

#[derive(Debug, Serialize)]
pub struct TitleView<'a> {
    pub text: &'a str,
    pub lines: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct YearView {
    pub year: i32,
    pub source: &'static str,
    pub line: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct ItemView<'a> {
    pub kind: &'static str,
    pub number: Option<u32>,
    pub text: &'a str,
    pub depth: Option<u8>,
    pub heading: bool,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub key: &'a str,
    pub heading: &'a str,
    pub wording: &'static str,
    pub inline: bool,
    pub line: usize,
    pub end_line: usize,
}

#[derive(Debug, Serialize)]
pub struct TableView<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub edition: Option<&'a str>,
    pub layout: &'static str,
    pub line: usize,
    pub end_line: usize,
    pub readable: bool,
    pub unreadable_reason: Option<&'a str>,
    /// The numbers stood apart from their labels and were placed: `rows` or `columns` (the order).
    pub placed: Option<&'static str>,
    pub header: Vec<&'a str>,
    pub blocks: Vec<BlockView<'a>>,
    pub orphans: Vec<CellView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct BlockView<'a> {
    pub key: &'a str,
    pub columns: Vec<&'a str>,
    pub rows: Vec<RowView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RowView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    #[serde(rename = "match")]
    pub quality: &'static str,
    pub shape: &'static str,
    pub displaced: bool,
    pub line: Option<usize>,
    pub cells: Vec<CellView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct CellView<'a> {
    pub column: Option<&'a str>,
    pub text: &'a str,
    pub kind: &'static str,
    pub value: Option<crate::number::Number>,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Serialize)]
pub struct SpanView {
    pub line: usize,
    pub end_line: usize,
}

fn line(source: &SourceFile, offset: usize) -> usize {
    source.position(offset).line
}

pub fn view<'a>(doc: &'a Document, format: &'a Format, edition: Option<&'a str>) -> DocumentView<'a> {
    let src = &doc.source;
    let cell = |c: &'a Cell, column: Option<&'a str>| {
        let p = src.position(c.span.start);
        CellView {
            column,
            text: src.slice(c.span),
            kind: c.value.kind(),
            value: c.value.number(),
            line: p.line,
            col: p.column,
        }
    };
    DocumentView {
        path: src.name(),
        title: doc.title.as_ref().map(|t| TitleView {
            text: &t.text,
            lines: t.spans.iter().map(|s| line(src, s.start)).collect(),
        }),
        report_year: doc.report_year.map(|y| YearView {
            year: y.year,
            source: y.source.as_str(),
            line: (y.source != crate::model::YearSource::Override).then(|| line(src, y.span.start)),
        }),
        edition,
        outline: doc
            .outline
            .iter()
            .map(|i| {
                let p = src.position(i.span.start);
                ItemView {
                    kind: i.kind.as_str(),
                    number: i.number,
                    text: &i.text,
                    depth: i.depth,
                    heading: i.heading,
                    line: p.line,
                    column: p.column,
                }
            })
            .collect(),
        sections: doc
            .sections
            .iter()
            .map(|s| SectionView {
                key: &s.key,
                heading: src.slice(s.heading),
                wording: match s.wording {
                    crate::format::SectionWording::Exact => "exact",
                    crate::format::SectionWording::Regulation => "regulation",
                    crate::format::SectionWording::Alternative => "alternative",
                    crate::format::SectionWording::Pattern => "pattern",
                    crate::format::SectionWording::Fuzzy => "fuzzy",
                    crate::format::SectionWording::Numbered => "numbered",
                },
                inline: s.inline,
                line: line(src, s.heading.start),
                end_line: line(src, s.end),
            })
            .collect(),
        tables: doc
            .tables
            .iter()
            .map(|t| {
                let schema = &format.tables[t.schema];
                TableView {
                    key: &t.key,
                    name: &schema.name.zh,
                    edition: t.edition.as_deref(),
                    layout: t.layout.as_str(),
                    line: line(src, t.span.start),
                    end_line: line(src, t.span.end),
                    readable: t.readable == Readability::Ok,
                    unreadable_reason: match &t.readable {
                        Readability::Unreadable(r) => Some(r.as_str()),
                        Readability::Ok => None,
                    },
                    placed: t.placed.map(|p| if p.by_column { "columns" } else { "rows" }),
                    header: t.header.iter().map(|h| src.slice(h.span)).collect(),
                    blocks: t
                        .blocks
                        .iter()
                        .map(|b| {
                            let bs = &schema.blocks[b.index];
                            BlockView {
                                key: &bs.key,
                                columns: bs.columns.iter().map(|c| c.key.as_str()).collect(),
                                rows: b
                                    .rows
                                    .iter()
                                    .map(|r| {
                                        let aligned = matches!(r.shape, RowShape::Ok | RowShape::LongUniform { .. });
                                        RowView {
                                            key: &bs.rows[r.index].key,
                                            label: &r.label,
                                            quality: r.quality.as_str(),
                                            shape: r.shape.as_str(),
                                            displaced: r.displaced,
                                            line: Some(line(src, r.label_span().unwrap_or(r.span()).start)),
                                            cells: r
                                                .cells
                                                .iter()
                                                .enumerate()
                                                .map(|(i, c)| {
                                                    let column = if aligned {
                                                        bs.columns.get(i).map(|c| c.key.as_str())
                                                    } else {
                                                        None
                                                    };
                                                    cell(c, column)
                                                })
                                                .collect(),
                                        }
                                    })
                                    .collect(),
                            }
                        })
                        .collect(),
                    orphans: t.orphans.iter().map(|c| cell(c, None)).collect(),
                }
            })
            .collect(),
        paragraphs: doc
            .paragraphs
            .iter()
            .map(|p| SpanView {
                line: line(src, p.span.start),
                end_line: line(src, p.span.end),
            })
            .collect(),
    }
}

pub fn to_json(view: &DocumentView<'_>) -> String {
    let mut s = serde_json::to_string_pretty(view).expect("serializable");
    s.push('\n');
    s
}

/// A compact text view: the outline, then each table as a grid.
pub fn to_text(doc: &Document, format: &Format, edition: Option<&str>) -> String {
    let src = &doc.source;
    let mut out = String::new();
    let _ = writeln!(out, "{}", src.name());
    if let Some(t) = &doc.title {
        let _ = writeln!(out, "title: {}", t.text);
    }
    match doc.report_year {
        Some(y) => {
            let _ = write!(out, "year: {} (from {}", y.year, y.source.as_str());
            if let Some(o) = &doc.title_overruled {
                let _ = write!(out, "; the title says {}", o.title.year);
            }
            let _ = writeln!(out, ")");
        }
        None => {
            let _ = writeln!(out, "year: not found");
        }
    }
    let _ = writeln!(out, "edition: {}", edition.unwrap_or("unknown"));
    let _ = writeln!(out, "\nsections:");
    for s in &doc.sections {
        let _ = writeln!(
            out,
            "  {:>4}  {:<12} {}",
            line(src, s.heading.start),
            s.key,
            src.slice(s.heading).trim()
        );
    }
    let _ = writeln!(out, "\noutline:");
    for i in &doc.outline {
        let _ = writeln!(
            out,
            "  {:>4}  {:<8} {}{}",
            line(src, i.span.start),
            i.kind.as_str(),
            src.slice(i.marker).trim(),
            i.text.chars().take(30).collect::<String>()
        );
    }
    for t in &doc.tables {
        let schema = &format.tables[t.schema];
        let _ = writeln!(
            out,
            "\ntable {} ({}), edition {}, layout {}, lines {}-{}{}{}",
            t.key,
            schema.name.zh,
            t.edition.as_deref().unwrap_or("any"),
            t.layout.as_str(),
            line(src, t.span.start),
            line(src, t.span.end),
            match &t.readable {
                Readability::Ok => String::new(),
                Readability::Unreadable(r) => format!(", NOT READABLE ({r} rows)"),
            },
            match t.placed {
                Some(p) => format!(
                    ", {} numbers apart from their labels, placed {}",
                    p.numbers,
                    if p.by_column { "column by column" } else { "row by row" }
                ),
                None => String::new(),
            }
        );
        for b in &t.blocks {
            let bs = &schema.blocks[b.index];
            let cols: Vec<&str> = bs.columns.iter().map(|c| c.key.as_str()).collect();
            let _ = writeln!(out, "  [{}] {}", bs.key, cols.join(" | "));
            for r in &b.rows {
                let rd = &bs.rows[r.index];
                let cells: Vec<String> = r.cells.iter().map(|c| show_cell(src, c)).collect();
                let at = line(src, r.label_span().unwrap_or(r.span()).start);
                let shape = match (&r.shape, &r.split) {
                    (_, Some(Split::Inferred)) => "  <split inferred>".to_string(),
                    (_, Some(Split::Only)) => "  <split: its only reading>".to_string(),
                    (_, Some(Split::Ambiguous { readings, .. })) => format!("  <unsplit: {readings} readings>"),
                    (_, Some(Split::Unbalanced { .. })) => "  <unsplit: no reading balances>".to_string(),
                    (_, Some(Split::Untried)) => "  <unsplit: too many readings to try>".to_string(),
                    (RowShape::Ok | RowShape::LabelOnly, _) => String::new(),
                    (other, _) => format!("  <{}>", other.as_str()),
                };
                let _ = writeln!(out, "  {:>4}  {:<28} {}{}", at, rd.key, cells.join(" | "), shape);
            }
        }
        if !t.orphans.is_empty() {
            let cells: Vec<String> = t.orphans.iter().map(|c| show_cell(src, c)).collect();
            let _ = writeln!(out, "  orphans: {}", cells.join(" "));
        }
    }
    out
}

fn show_cell(src: &SourceFile, c: &Cell) -> String {
    match &c.value {
        CellValue::Number(n) => n.to_string(),
        CellValue::Empty(_) => "_".to_string(),
        CellValue::Placeholder => format!("«{}»", src.slice(c.span).trim()),
        CellValue::Text => format!("‹{}›", src.slice(c.span)),
    }
}
