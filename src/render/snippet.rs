//! Clipped source views for long lines.
//!
//! Reports scraped from web pages often put a whole page on one line; rendering
//! such a line in full buries the finding. A [`Snippet`] holds only the lines a
//! diagnostic's labels touch; a long line keeps a window around each label
//! (windows far apart are joined by `…`), and codespan-reporting is told the
//! original line and column numbers.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};
use unicode_width::UnicodeWidthChar;

use crate::source::{SourceFile, Span};

/// Lines wider than this (in terminal columns) are clipped.
const MAX_WIDTH: usize = 100;
/// Characters kept on each side of a label in a clipped line.
const CONTEXT: usize = 16;
const ELLIPSIS: &str = "…";

/// A run of original characters kept on a snippet line.
#[derive(Debug, Clone)]
struct Segment {
    /// Original char columns (0-based) kept.
    chars: Range<usize>,
    /// Byte offset of the segment in the snippet text.
    at: usize,
}

#[derive(Debug)]
struct SnippetLine {
    /// Original line index.
    line: usize,
    start: usize,
    segments: Vec<Segment>,
}

pub struct Snippet<'a> {
    name: &'a str,
    text: String,
    lines: Vec<SnippetLine>,
}

impl<'a> Snippet<'a> {
    /// A view of `source` for labels at `spans`, and the spans mapped into it.
    pub fn new(source: &'a SourceFile, spans: &[Span]) -> (Snippet<'a>, Vec<Span>) {
        // Char ranges of the labels, per line. Columns are counted from the
        // source's character marks: a line may be a whole scraped page.
        let mut wanted: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
        for span in spans {
            let first = source.line_index(span.start);
            let last = source.line_index(span.end.max(span.start)).max(first);
            for line in first..=last {
                let range = source.line_content_range(line);
                let total = column(source, &range, range.end);
                let start = column(source, &range, span.start);
                let end = column(source, &range, span.end);
                let chars = match (line == first, line == last) {
                    (true, true) => start..end,
                    (true, false) => start..total,
                    (false, true) => 0..end,
                    (false, false) => 0..total.min(CONTEXT),
                };
                match wanted.iter_mut().find(|(l, _)| *l == line) {
                    Some((_, list)) => list.push(chars),
                    None => wanted.push((line, vec![chars])),
                }
            }
        }
        wanted.sort_by_key(|(l, _)| *l);

        let mut text = String::new();
        let mut lines = Vec::new();
        for (line, ranges) in wanted {
            let range = source.line_content_range(line);
            let line_text = &source.text()[range.clone()];
            let total = column(source, &range, range.end);
            let keep: Vec<Range<usize>> = if !wider_than(line_text, MAX_WIDTH) {
                std::iter::once(0..total).collect()
            } else {
                windows(&ranges, total)
            };
            // The line's first character's index, needed only to cut the line.
            let first_char = std::cell::OnceCell::new();
            let char_at = |chars: usize| {
                let first = *first_char.get_or_init(|| source.char_index(range.start));
                source.char_start(first + chars).min(range.end)
            };
            let start = text.len();
            let mut segments = Vec::new();
            for (k, r) in keep.iter().enumerate() {
                if k == 0 && r.start > 0 || k > 0 {
                    text.push_str(ELLIPSIS);
                }
                segments.push(Segment {
                    chars: r.clone(),
                    at: text.len(),
                });
                let from = if r.start == 0 { range.start } else { char_at(r.start) };
                let to = if r.end >= total { range.end } else { char_at(r.end) };
                text.push_str(&source.text()[from..to]);
            }
            if keep.last().is_some_and(|r| r.end < total) {
                text.push_str(ELLIPSIS);
            }
            text.push('\n');
            lines.push(SnippetLine { line, start, segments });
        }
        let snippet = Snippet {
            name: source.name(),
            text,
            lines,
        };
        let mapped = spans.iter().map(|s| snippet.map(source, *s)).collect();
        (snippet, mapped)
    }

    /// Where an original span lands in the snippet (clamped to what is shown).
    fn map(&self, source: &SourceFile, span: Span) -> Span {
        let start = self.map_offset(source, span.start);
        let end = self.map_offset(source, span.end.max(span.start)).max(start);
        Span::new(start, end)
    }

    fn map_offset(&self, source: &SourceFile, offset: usize) -> usize {
        let offset = offset.min(source.text().len());
        let line = source.line_index(offset);
        let Some(l) = self.lines.iter().find(|l| l.line == line) else {
            return 0;
        };
        let range = source.line_content_range(line);
        let col = column(source, &range, offset);
        // The segment holding the column, else the nearest one before it.
        let seg = l
            .segments
            .iter()
            .rev()
            .find(|s| s.chars.start <= col)
            .unwrap_or(&l.segments[0]);
        let rel = col.saturating_sub(seg.chars.start).min(seg.chars.len());
        let body = &self.text[seg.at..];
        seg.at + body.char_indices().nth(rel).map(|(i, _)| i).unwrap_or(body.len())
    }
}

/// Windows of `CONTEXT` characters around each label, merged where they touch.
fn windows(ranges: &[Range<usize>], total: usize) -> Vec<Range<usize>> {
    let mut list: Vec<Range<usize>> = ranges
        .iter()
        .map(|r| r.start.saturating_sub(CONTEXT)..(r.end + CONTEXT).min(total))
        .collect();
    list.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in list {
        match merged.last_mut() {
            // Joining costs less than an ellipsis when the gap is small.
            Some(last) if r.start <= last.end + 4 => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The character column (from 0) of a byte offset on a line whose content is
/// `range`: offsets before the line count as its start, after it as its end.
fn column(source: &SourceFile, range: &Range<usize>, offset: usize) -> usize {
    let offset = offset.clamp(range.start, range.end);
    source.chars_between(range.start, offset)
}

/// Whether a line is wider than `limit` terminal columns (read only as far as
/// the limit).
fn wider_than(line: &str, limit: usize) -> bool {
    let mut width = 0;
    for c in line.chars() {
        width += c.width().unwrap_or(0);
        if width > limit {
            return true;
        }
    }
    false
}

impl<'a> Files<'a> for Snippet<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.lines.iter().rposition(|l| l.start <= byte_index).unwrap_or(0))
    }

    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, Error> {
        Ok(self.lines.get(line_index).map(|l| l.line + 1).unwrap_or(line_index + 1))
    }

    fn column_number(&'a self, _: (), line_index: usize, byte_index: usize) -> Result<usize, Error> {
        let Some(l) = self.lines.get(line_index) else {
            return Ok(1);
        };
        let seg = l
            .segments
            .iter()
            .rev()
            .find(|s| s.at <= byte_index)
            .unwrap_or(&l.segments[0]);
        let chars = self
            .text
            .get(seg.at..byte_index.max(seg.at))
            .map(|s| s.chars().count())
            .unwrap_or(0);
        Ok(seg.chars.start + chars + 1)
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        let l = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })?;
        let end = self
            .lines
            .get(line_index + 1)
            .map(|n| n.start)
            .unwrap_or(self.text.len());
        Ok(l.start..end)
    }
}

/// Snippets of several files for one diagnostic (this year's report, last
/// year's), told apart by their index.
pub struct Snippets<'a>(pub Vec<Snippet<'a>>);

impl<'a> Files<'a> for Snippets<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        self.get(id)?.name(())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        self.get(id)?.source(())
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        self.get(id)?.line_index((), byte_index)
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, Error> {
        self.get(id)?.line_number((), line_index)
    }

    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, Error> {
        self.get(id)?.column_number((), line_index, byte_index)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        self.get(id)?.line_range((), line_index)
    }
}

impl Snippets<'_> {
    fn get(&self, id: usize) -> Result<&Snippet<'_>, Error> {
        self.0.get(id).ok_or(Error::FileMissing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole() {
        let source = SourceFile::new("t", "第一行\n一、总体情况\n第三行");
        let at = source.text().find("总体").unwrap();
        let (snippet, spans) = Snippet::new(&source, &[Span::new(at, at + 6)]);
        assert_eq!(snippet.text, "一、总体情况\n");
        assert_eq!(&snippet.text[spans[0].range()], "总体");
        assert_eq!(snippet.line_number((), 0).unwrap(), 2);
        assert_eq!(snippet.column_number((), 0, spans[0].start).unwrap(), 3);
    }

    #[test]
    fn long_lines_are_clipped_around_the_label() {
        let long = format!("{}二是重复{}", "甲".repeat(200), "乙".repeat(200));
        let source = SourceFile::new("t", long.as_str());
        let at = source.text().find("二是").unwrap();
        let (snippet, spans) = Snippet::new(&source, &[Span::new(at, at + 6)]);
        assert!(snippet.text.starts_with('…'), "{}", snippet.text);
        assert!(snippet.text.trim_end().ends_with('…'));
        assert!(snippet.text.chars().count() < 60);
        assert_eq!(&snippet.text[spans[0].range()], "二是");
        assert_eq!(snippet.column_number((), 0, spans[0].start).unwrap(), 201);
    }

    #[test]
    fn labels_far_apart_on_one_line_get_their_own_windows() {
        let long = format!("{}AAA{}BBB{}", "甲".repeat(100), "乙".repeat(300), "丙".repeat(100));
        let source = SourceFile::new("t", long.as_str());
        let a = source.text().find("AAA").unwrap();
        let b = source.text().find("BBB").unwrap();
        let (snippet, spans) = Snippet::new(&source, &[Span::new(a, a + 3), Span::new(b, b + 3)]);
        assert_eq!(snippet.text.matches('…').count(), 3, "{}", snippet.text);
        assert!(snippet.text.chars().count() < 100);
        assert_eq!(&snippet.text[spans[0].range()], "AAA");
        assert_eq!(&snippet.text[spans[1].range()], "BBB");
        assert_eq!(snippet.column_number((), 0, spans[1].start).unwrap(), 404);
    }

    #[test]
    fn empty_span_at_line_end() {
        let source = SourceFile::new("t", "abc\ndef");
        let (snippet, spans) = Snippet::new(&source, &[Span::empty(7)]);
        assert_eq!(snippet.text, "def\n");
        assert_eq!(spans[0], Span::empty(3));
    }
}
