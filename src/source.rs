//! A decoded source file with a line index.
//!
//! Lines end at `\n`, `\r\n` or a bare `\r` (old Mac exports), so a bare-CR file has
//! many lines, not one. Columns are counted in characters, as the JSON output and
//! codespan-reporting both expect.

use std::ops::Range;

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

#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of a line, including its terminator.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts[index];
        let end = self.line_starts.get(index + 1).copied().unwrap_or(self.text.len());
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
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.line_index(offset);
        let start = self.line_starts[index];
        let column = self.text[start..offset].chars().count() + 1;
        Position {
            line: index + 1,
            column,
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
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
        if line_index >= self.line_starts.len() {
            return Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: self.line_starts.len() - 1,
            });
        }
        Ok(SourceFile::line_range(self, line_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
