//! Turning decoded text into a [`Document`].
//!
//! Order matters: tables are found first (their row labels look like headings:
//! `一、本年新收…`), then the title, then headings, items and paragraphs in what is
//! left, then which headings are the required sections.

pub(crate) mod lines;
mod outline;
mod parts;
mod table;
mod title;

use crate::budget;
use crate::format::Format;
use crate::model::{Document, ItemKind, ReportYear, YearSource};
use crate::source::{SourceFile, Span};

pub use parts::parts;

#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Take this as the report year instead of reading it from the title.
    pub year: Option<i32>,
}

pub fn parse(source: SourceFile, format: &Format, options: &ParseOptions) -> Document {
    let lines = lines::classify_lines(&source);
    budget::check();
    let tables = table::read_tables(&source, &lines, format);
    budget::check();
    // A table's copy is no running text either.
    let mut excluded: Vec<Span> = tables
        .iter()
        .flat_map(|t| std::iter::once(t.span).chain(t.copy.map(|(copy, _)| copy)))
        .collect();

    let pieces = outline::free_pieces(&lines, &excluded);
    let items = outline::outline(&source, &pieces, &lines);
    let first_heading = items
        .iter()
        .find(|i| i.kind == ItemKind::Top)
        .map(|i| i.span.start)
        .into_iter()
        .chain(tables.iter().map(|t| t.span.start))
        .min()
        .unwrap_or(source.text().len());
    let title = title::find_title(&source, &lines, first_heading, &format.document);

    let (pieces, items) = match &title {
        Some(t) => {
            excluded.extend(t.spans.iter().copied());
            let pieces = outline::free_pieces(&lines, &excluded);
            let items = outline::outline(&source, &pieces, &lines);
            (pieces, items)
        }
        None => (pieces, items),
    };
    budget::check();
    let paragraphs = outline::paragraphs(&source, &pieces, &items, &format.document, first_heading);
    let sections = outline::match_sections(&source, &items, &paragraphs, format);

    let report_year = match options.year {
        Some(year) => Some(ReportYear {
            year,
            span: Span::default(),
            source: YearSource::Override,
        }),
        None => title
            .as_ref()
            .and_then(|t| title::title_year(&source, t))
            .or_else(|| title::period_year(&source, &format.document)),
    };

    Document {
        source,
        title,
        report_year,
        title_overruled: None,
        untitled_votes: Vec::new(),
        period_overruled: None,
        outline: items,
        sections,
        tables,
        paragraphs,
        sentence_cache: Default::default(),
        memo: Default::default(),
        joined: Default::default(),
    }
}
