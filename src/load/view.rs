//! A text view of a structured document (Word, HTML): paragraphs as lines,
//! tables as tab-separated rows the way Word copies them to text, each
//! stretch remembering its place in the original. The text parser reads the
//! view like any tab-separated report.

use crate::source::{Place, Provenance, Span};

/// A cell of a table row, before merged cells are expanded.
#[derive(Debug, Clone, Default)]
pub struct CellIn {
    pub text: String,
    /// Grid columns it spans (Word `gridSpan`, HTML `colspan`).
    pub colspan: usize,
    /// Rows it spans (HTML `rowspan`); Word writes continued cells itself.
    pub rowspan: usize,
    /// The page's line its text starts on (web pages).
    pub line: Option<u32>,
}

/// A cell on a table's grid: a cell merged down leaves an empty one below.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpandedCell {
    pub text: String,
    /// Its grid column (from 0).
    pub column: usize,
    pub line: Option<u32>,
}

#[derive(Debug, Default)]
pub struct View {
    text: String,
    places: Vec<(Span, Place)>,
    /// The original's line each line of the view starts on, where known.
    lines: Vec<(usize, u32)>,
    /// The original's line of the next line written.
    next_line: Option<u32>,
    paragraphs: usize,
    tables: usize,
    /// Where a picture stood, by the offset of the text after it.
    images: Vec<usize>,
}

/// Characters of a paragraph's start kept in its place, to find it by.
const EXCERPT: usize = 16;

impl View {
    pub fn new() -> View {
        View::default()
    }

    /// A paragraph as one line (blank paragraphs keep the layout's rhythm).
    pub fn paragraph(&mut self, text: &str) {
        let line = one_line(text);
        if line.is_empty() {
            self.text.push('\n');
            return;
        }
        self.paragraphs += 1;
        let start = self.text.len();
        let from = self.next_line.take();
        self.line_starts(from);
        self.text.push_str(&line);
        let excerpt: String = line.chars().filter(|c| !c.is_whitespace()).take(EXCERPT).collect();
        self.places.push((
            Span::new(start, self.text.len()),
            Place::Paragraph {
                index: self.paragraphs,
                excerpt,
            },
        ));
        self.text.push('\n');
    }

    /// A picture stands here (before the paragraph being written).
    pub fn image(&mut self) {
        self.images.push(self.text.len());
    }

    /// The original's line (from 1) that the next paragraph comes from.
    pub fn from_line(&mut self, line: Option<u32>) {
        self.next_line = line;
    }

    /// A line of the view starts here, from `line` of the original.
    fn line_starts(&mut self, line: Option<u32>) {
        if let Some(line) = line {
            self.lines.push((self.text.len(), line));
        }
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A web page's `<title>` put before the view's first line.
    pub fn page_title(&mut self, text: &str, origin: Option<u32>) {
        let mut line = one_line(text);
        line.push('\n');
        let shift = line.len();
        for (span, _) in &mut self.places {
            *span = Span::new(span.start + shift, span.end + shift);
        }
        self.places.insert(0, (Span::new(0, shift - 1), Place::PageTitle));
        for (start, _) in &mut self.lines {
            *start += shift;
        }
        for at in &mut self.images {
            *at += shift;
        }
        if let Some(origin) = origin {
            self.lines.insert(0, (0, origin));
        }
        line.push_str(&self.text);
        self.text = line;
    }

    /// A table as Word copies one to text: one tab-separated cell per cell, a
    /// cell merged across still one cell (its numbers stay in line with the
    /// other rows'), and below a cell merged down one empty cell per row, where
    /// Word writes a continuation cell.
    pub fn table(&mut self, rows: Vec<Vec<CellIn>>) {
        self.table_from(rows, &[]);
    }

    /// The same, with the original's line of each row.
    pub fn table_from(&mut self, rows: Vec<Vec<CellIn>>, lines: &[Option<u32>]) {
        self.tables += 1;
        let table = self.tables;
        self.next_line = None;
        for (r, line) in expand(rows).into_iter().enumerate() {
            let row_line = lines.get(r).copied().flatten();
            for (k, cell) in line.iter().enumerate() {
                if k > 0 {
                    self.text.push('\t');
                }
                let start = self.text.len();
                // A cell's own line, else its row's (a cell merged from above).
                self.line_starts(cell.line.or(row_line));
                self.text.push_str(&cell.text);
                self.places.push((
                    Span::new(start, self.text.len()),
                    Place::Cell {
                        table,
                        row: r + 1,
                        column: cell.column + 1,
                    },
                ));
            }
            self.text.push('\n');
        }
        self.text.push('\n');
    }

    pub fn finish(self, format: &'static str, encoding: &str) -> (String, Provenance) {
        (
            self.text,
            Provenance {
                format,
                encoding: encoding.to_string(),
                places: self.places,
                lines: self.lines,
                images: self.images,
                ..Provenance::default()
            },
        )
    }
}

/// The rows of a table as Word copies them to text, each cell on one line with
/// its grid column: a cell merged across stays one cell, and below a cell
/// merged down comes one empty cell per row.
pub fn expand(rows: Vec<Vec<CellIn>>) -> Vec<Vec<ExpandedCell>> {
    // Per grid column: (rows still covered, columns covered) by a cell
    // from a row above that starts in that column.
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells = row.into_iter();
        let mut column = 0;
        let mut line: Vec<ExpandedCell> = Vec::new();
        let empty = |column| ExpandedCell {
            text: String::new(),
            column,
            line: None,
        };
        loop {
            if let Some((left, span)) = pending.get_mut(column).filter(|(left, _)| *left > 0) {
                *left -= 1;
                line.push(empty(column));
                column += *span;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let span = cell.colspan.max(1);
            let down = cell.rowspan.max(1);
            line.push(ExpandedCell {
                text: one_line(&cell.text),
                column,
                line: cell.line,
            });
            if pending.len() <= column {
                pending.resize(column + 1, (0, 1));
            }
            pending[column] = (down - 1, span);
            column += span;
        }
        // Cells merged down past the end of this row.
        while let Some(p) = pending.get(column..) {
            let Some(offset) = p.iter().position(|(left, _)| *left > 0) else {
                break;
            };
            column += offset;
            let (left, span) = &mut pending[column];
            *left -= 1;
            line.push(empty(column));
            column += *span;
        }
        out.push(line);
    }
    out
}

/// Text on one line: tabs and line breaks become spaces, spaces collapse, ends
/// are trimmed (NBSP and the ideographic space stay: they mark a cleared cell).
/// A line break between two Chinese characters is dropped, as a browser does
/// (CSS Text 3): a page's source may wrap `信息处\n理费` anywhere.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut line_break = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
            line_break |= matches!(c, '\n' | '\r');
            continue;
        }
        let joined = line_break && is_wide(c) && out.chars().next_back().is_some_and(is_wide);
        if space && !out.is_empty() && !joined {
            out.push(' ');
        }
        space = false;
        line_break = false;
        out.push(c);
    }
    out
}

/// A character a browser sets full width (ideographs, CJK punctuation,
/// full-width forms): a line break between two of them is no space.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff60}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_between_chinese_characters_is_no_space() {
        assert_eq!(one_line("未收取信息处\n  理费。"), "未收取信息处理费。");
        assert_eq!(one_line("公开申\r\n请55件"), "公开申请55件");
        // Spaces stay spaces; a break beside a Latin letter or digit is a space.
        assert_eq!(one_line("信息 公开"), "信息 公开");
        assert_eq!(one_line("申请\n55件"), "申请 55件");
        assert_eq!(one_line("  a\n\nb "), "a b");
    }

    fn cell(text: &str, colspan: usize, rowspan: usize) -> CellIn {
        CellIn {
            text: text.into(),
            colspan,
            rowspan,
            line: None,
        }
    }

    #[test]
    fn merged_cells_are_expanded_on_the_grid() {
        let mut v = View::new();
        v.table(vec![
            vec![cell("a", 1, 2), cell("b", 2, 1)],
            vec![cell("c", 1, 1), cell("d", 1, 1)],
            vec![cell("e", 1, 1), cell("f", 1, 1), cell("g", 1, 1)],
        ]);
        let (text, p) = v.finish("html", "UTF-8");
        assert_eq!(text, "a\tb\n\tc\td\ne\tf\tg\n\n");
        let at = text.find('d').unwrap();
        assert_eq!(
            p.place_at(at),
            Some(&Place::Cell {
                table: 1,
                row: 2,
                column: 3
            })
        );
        // A block merged across and down leaves one empty cell per row below.
        let mut v = View::new();
        v.table(vec![
            vec![cell("note", 3, 3), cell("申请人情况", 2, 1)],
            vec![cell("自然人", 1, 1), cell("法人", 1, 1)],
            vec![cell("1", 1, 1), cell("2", 1, 1)],
            vec![cell("一、本年新收", 3, 1), cell("5", 1, 1), cell("6", 1, 1)],
        ]);
        let (text, _) = v.finish("docx", "UTF-8");
        assert_eq!(text, "note\t申请人情况\n\t自然人\t法人\n\t1\t2\n一、本年新收\t5\t6\n\n");
    }

    #[test]
    fn paragraphs_keep_their_number_and_first_words() {
        let mut v = View::new();
        v.paragraph("一、总体情况");
        v.paragraph("  ");
        v.paragraph("2021年，我局\n修订了工作规程。");
        let (text, p) = v.finish("docx", "UTF-8");
        assert_eq!(text, "一、总体情况\n\n2021年，我局修订了工作规程。\n");
        let at = text.find("修订").unwrap();
        assert!(
            matches!(p.place_at(at), Some(Place::Paragraph { index: 2, excerpt }) if excerpt.starts_with("2021年"))
        );
    }
}
