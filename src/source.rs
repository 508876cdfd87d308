//! A decoded source file with a line index.
//!
//! Lines end at `\n`, `\r\n` or a bare `\r` (old Mac exports), so a bare-CR file has
//! many lines, not one. Columns are counted in characters, as the JSON output and
//! codespan-reporting both expect.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// A byte range in a [`SourceFile`]'s text. Always on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A structural place in the original file, for a text made from a Word
/// document or a web page: where to find a finding there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The n-th paragraph (from 1), with its first words.
    Paragraph { index: usize, excerpt: String },
    /// A table cell (each from 1; the column counts merged cells by the grid).
    Cell { table: usize, row: usize, column: usize },
    /// A web page's `<title>`, read when the report's own heading does not hold it.
    PageTitle,
}

/// Why a file's text was not read, or not checked through: its text is empty
/// then, and a finding says why.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Larger than `--max-file-size` (bytes).
    TooLarge { size: u64, limit: u64 },
    /// Checking took longer than the budget.
    Timeout { limit: std::time::Duration },
}

/// Where a source's text came from.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// What the file was: `text`, `markdown`, `docx`, `html`, `pdf`.
    pub format: &'static str,
    /// The encoding the bytes were decoded from (`UTF-8`, `GB18030`, `UTF-16LE`…).
    pub encoding: String,
    /// Byte sequences that could not be decoded, replaced by U+FFFD.
    pub replaced: usize,
    /// Where the first replacement is in the text.
    pub first_replaced: Option<usize>,
    /// For a text view of a structured file: what each stretch of it was, in order.
    pub places: Vec<(Span, Place)>,
    /// For a web page's text view: the page's line (from 1) each line of the
    /// view starts on, as (offset in the view, line), in order.
    pub lines: Vec<(usize, u32)>,
    /// For a text view of a structured file: where a picture stood (an `<img>`,
    /// a Word drawing), by the offset of the text after it.
    pub images: Vec<usize>,
    /// Set when the text was not read or not checked through.
    pub refused: Option<Refusal>,
}

impl Provenance {
    /// The original's line (from 1) that a byte offset of the text view came
    /// from, for a view that knows its lines.
    pub fn line_at(&self, offset: usize) -> Option<u32> {
        let i = self.lines.partition_point(|&(start, _)| start <= offset);
        Some(self.lines.get(i.checked_sub(1)?)?.1)
    }

    /// The place a byte offset of the text view belongs to.
    pub fn place_at(&self, offset: usize) -> Option<&Place> {
        let i = self.places.partition_point(|(s, _)| s.start <= offset);
        let (span, place) = self.places.get(i.checked_sub(1)?)?;
        (offset <= span.end).then_some(place)
    }
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: Cow<'static, str>,
    /// Byte offset where each line starts; the first is always 0. Made on
    /// first use: a built-in rule file is shown only when a diagnostic
    /// points into it.
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// (byte offset, characters before it) every [`MARK_EVERY`] bytes, made on
    /// first use: a column is then counted from a mark, not from its line's
    /// start, which on a page scraped into one line is megabytes away.
    char_marks: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// Byte offsets of the form feeds between pages, found on first use.
    form_feeds: std::sync::OnceLock<Vec<usize>>,
    provenance: Arc<Provenance>,
}

/// Bytes between two character marks.
const MARK_EVERY: usize = 4096;

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::with_text(name.into(), Cow::Owned(text.into()))
    }

    /// A file whose text is in the binary (a built-in rule file): not copied.
    pub fn from_static(name: impl Into<String>, text: &'static str) -> Self {
        Self::with_text(name.into(), Cow::Borrowed(text))
    }

    fn with_text(name: String, text: Cow<'static, str>) -> Self {
        SourceFile {
            name,
            text,
            line_starts: std::sync::OnceLock::new(),
            char_marks: std::sync::OnceLock::new(),
            form_feeds: std::sync::OnceLock::new(),
            provenance: Arc::new(Provenance {
                format: "text",
                encoding: "UTF-8".into(),
                ..Provenance::default()
            }),
        }
    }

    /// The same file with everything outside `keep` (sorted, from line starts
    /// to line starts) blanked to spaces, line ends and page breaks kept: one
    /// part of a file read on its own, its spans, lines and columns those of
    /// the whole.
    pub fn with_only(&self, keep: &[Range<usize>]) -> SourceFile {
        let mut bytes = self.text.as_bytes().to_vec();
        let mut blank = |from: usize, to: usize| {
            for b in &mut bytes[from.min(to)..to] {
                if !matches!(*b, b'\n' | b'\r' | 0x0c) {
                    *b = b' ';
                }
            }
        };
        let mut at = 0;
        for range in keep {
            blank(at, range.start.min(self.text.len()));
            at = at.max(range.end.min(self.text.len()));
        }
        blank(at, self.text.len());
        let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        SourceFile {
            provenance: Arc::clone(&self.provenance),
            ..Self::with_text(self.name.clone(), Cow::Owned(text))
        }
    }

    /// Where the text came from.
    pub fn with_provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = Arc::new(provenance);
        self
    }

    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// For a web page's text view, the page's line (from 1) an offset came
    /// from: where a tool that opens the file itself (GitHub, a SARIF viewer,
    /// an editor) should put a finding. `None` for any other text.
    pub fn page_line(&self, offset: usize) -> Option<usize> {
        self.provenance.line_at(offset).map(|l| l as usize)
    }

    /// The page's first and last lines of a span, as [`Self::page_line`].
    pub fn page_lines(&self, span: Span) -> Option<(usize, usize)> {
        let start = self.page_line(span.start)?;
        Some((start, self.page_line(span.end).unwrap_or(start).max(start)))
    }

    /// The page (from 1) of an offset in text with form feeds between pages.
    pub fn page(&self, offset: usize) -> usize {
        let feeds = self
            .form_feeds
            .get_or_init(|| memchr::memchr_iter(0x0c, self.text.as_bytes()).collect());
        1 + feeds.partition_point(|&f| f < offset)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of a line, including its terminator.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts()[index];
        let end = self.line_starts().get(index + 1).copied().unwrap_or(self.text.len());
        start..end
    }

    /// The byte range of a line without its terminator.
    pub fn line_content_range(&self, index: usize) -> Range<usize> {
        let range = self.line_range(index);
        let line = &self.text[range.clone()];
        let trimmed = line.trim_end_matches(['\n', '\r']);
        range.start..range.start + trimmed.len()
    }

    /// The text of a line without its terminator.
    pub fn line(&self, index: usize) -> &str {
        &self.text[self.line_content_range(index)]
    }

    /// 1-based line and character column of a byte offset. An offset inside a
    /// character counts as that character's start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let index = self.line_index(offset);
        let start = self.line_starts()[index];
        let column = self.chars_between(start, offset) + 1;
        Position {
            line: index + 1,
            column,
        }
    }

    /// The offset itself if it starts a character, else that character's start
    /// (the end of the text at most).
    pub fn floor_char_boundary(&self, offset: usize) -> usize {
        // `str::floor_char_boundary` is newer than the crate's MSRV (1.85).
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn char_marks(&self) -> &[(usize, usize)] {
        self.char_marks.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            while at + MARK_EVERY < self.text.len() {
                // A character is at most 4 bytes: the boundary is past `at`.
                let next = self.floor_char_boundary(at + MARK_EVERY);
                chars += self.text[at..next].chars().count();
                at = next;
                marks.push((at, chars));
            }
            marks
        })
    }

    /// How many characters come before a byte offset (a character's start) in
    /// the whole text.
    pub fn char_index(&self, offset: usize) -> usize {
        let offset = self.floor_char_boundary(offset);
        let marks = self.char_marks();
        let (at, chars) = marks[marks.partition_point(|&(b, _)| b <= offset) - 1];
        chars + self.text[at..offset].chars().count()
    }

    /// How many characters lie between two byte offsets (characters' starts,
    /// `from <= to`): counted outright over a short stretch, from the marks
    /// over a long one.
    pub fn chars_between(&self, from: usize, to: usize) -> usize {
        let (from, to) = (self.floor_char_boundary(from), self.floor_char_boundary(to));
        if to - from <= MARK_EVERY {
            self.text[from..to].chars().count()
        } else {
            self.char_index(to) - self.char_index(from)
        }
    }

    /// The byte offset where the character of this index starts (the text's
    /// end past the last).
    pub fn char_start(&self, index: usize) -> usize {
        let marks = self.char_marks();
        let (at, chars) = marks[marks.partition_point(|&(_, c)| c <= index) - 1];
        self.text[at..]
            .char_indices()
            .nth(index - chars)
            .map_or(self.text.len(), |(i, _)| at + i)
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes[i] {
            // The CR of a CRLF ends nothing: its LF does.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            _ => starts.push(i + 1),
        }
    }
    starts
}

/// Lets codespan-reporting render snippets with our line index, so bare-CR files
/// show their real lines.
impl<'a> codespan_reporting::files::Files<'a> for SourceFile {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(SourceFile::line_index(self, byte_index.min(self.text.len())))
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        if line_index >= self.line_starts().len() {
            return Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: self.line_starts().len() - 1,
            });
        }
        Ok(SourceFile::line_range(self, line_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_by_form_feeds() {
        let source = SourceFile::new("t", "一\u{c}二\n\u{c}三");
        let pages: Vec<usize> = (0..=source.text().len()).map(|o| source.page(o)).collect();
        let counted: Vec<usize> = (0..=source.text().len())
            .map(|o| 1 + source.text().as_bytes()[..o].iter().filter(|&&b| b == 0x0c).count())
            .collect();
        assert_eq!(pages, counted);
        assert_eq!(source.page(source.text().len()), 3);
    }

    #[test]
    fn character_indexes_agree_with_counting_across_marks() {
        let text = format!("{}\n{}", "年a".repeat(5000), "报告".repeat(3000));
        let source = SourceFile::new("t", text.clone());
        for offset in [
            0,
            1,
            3,
            4,
            4095,
            4096,
            4097,
            9000,
            15001,
            15002,
            text.len() - 1,
            text.len(),
        ] {
            let floor = source.floor_char_boundary(offset);
            assert_eq!(source.char_index(offset), text[..floor].chars().count(), "{offset}");
            assert_eq!(source.chars_between(0, offset), source.char_index(offset), "{offset}");
            let line_start = source.line_range(source.line_index(floor)).start;
            assert_eq!(
                source.position(offset).column,
                text[line_start..floor].chars().count() + 1
            );
        }
        let chars = text.chars().count();
        for index in [0, 1, 2, 2730, 2731, 10000, chars - 1, chars, chars + 5] {
            let expected = text.char_indices().nth(index).map_or(text.len(), |(i, _)| i);
            assert_eq!(source.char_start(index), expected, "{index}");
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_bare_cr() {
        let f = SourceFile::new("t", "a\nb\r\nc\rd");
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line(0), "a");
        assert_eq!(f.line(1), "b");
        assert_eq!(f.line(2), "c");
        assert_eq!(f.line(3), "d");
    }

    #[test]
    fn bare_cr_file_has_many_lines() {
        let f = SourceFile::new("t", "一\r二\r三\r");
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line(1), "二");
    }

    #[test]
    fn positions_count_characters() {
        let f = SourceFile::new("t", "标题\n一、总体情况");
        let offset = f.text().find("总体").unwrap();
        assert_eq!(f.position(offset), Position { line: 2, column: 3 });
        assert_eq!(f.position(f.text().len()), Position { line: 2, column: 7 });
        // Inside 标 (bytes 0..3): its start.
        assert_eq!(f.position(1), Position { line: 1, column: 1 });
    }
}
