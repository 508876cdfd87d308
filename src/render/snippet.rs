//! Clipped source views for long lines.
//!
//! Reports scraped from web pages often put a whole page on one line; rendering
//! such a line in full buries the finding. A [`Snippet`] holds only the lines a
//! diagnostic's labels touch, each cut to a window around its labels (marked with
//! `…`), and reports the original line and column numbers to codespan-reporting.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};
use unicode_width::UnicodeWidthChar;

use crate::source::{SourceFile, Span};

/// Lines wider than this (in terminal columns) are clipped.
const MAX_WIDTH: usize = 100;
/// Characters kept on each side of the labels in a clipped line.
const CONTEXT: usize = 16;
const ELLIPSIS: &str = "…";

pub struct Snippet<'a> {
    name: &'a str,
    text: String,
    line_starts: Vec<usize>,
    /// For each snippet line: the original line index, and the original char
    /// column where the kept text starts.
    origin: Vec<(usize, usize)>,
    /// Byte length of the leading ellipsis on each snippet line (0 or 3).
    lead: Vec<usize>,
}

struct Window {
    line: usize,
    /// Char range kept.
    chars: Range<usize>,
}

impl<'a> Snippet<'a> {
    /// A view of `source` for labels at `spans`, and the spans mapped into it.
    pub fn new(source: &'a SourceFile, spans: &[Span]) -> (Snippet<'a>, Vec<Span>) {
        let mut windows: Vec<Window> = Vec::new();
        for span in spans {
            let first = source.line_index(span.start);
            let last = source.line_index(span.end.max(span.start)).max(first);
            for line in first..=last {
                let range = source.line_content_range(line);
                let text = &source.text()[range.clone()];
                let start = char_at(text, span.start.saturating_sub(range.start).min(text.len()));
                let end = char_at(text, span.end.saturating_sub(range.start).min(text.len()));
                let (start, end) = if line == first && line == last {
                    (start, end)
                } else if line == first {
                    (start, text.chars().count())
                } else if line == last {
                    (0, end)
                } else {
                    (0, text.chars().count().min(CONTEXT))
                };
                match windows.iter_mut().find(|w| w.line == line) {
                    Some(w) => w.chars = w.chars.start.min(start)..w.chars.end.max(end),
                    None => windows.push(Window {
                        line,
                        chars: start..end,
                    }),
                }
            }
        }
        windows.sort_by_key(|w| w.line);

        let mut text = String::new();
        let mut line_starts = Vec::new();
        let mut origin = Vec::new();
        let mut lead = Vec::new();
        for w in &windows {
            let line_text = source.line(w.line);
            let total = line_text.chars().count();
            let width: usize = line_text.chars().map(|c| c.width().unwrap_or(0)).sum();
            let keep = if width <= MAX_WIDTH {
                0..total
            } else {
                w.chars.start.saturating_sub(CONTEXT)..(w.chars.end + CONTEXT).min(total)
            };
            line_starts.push(text.len());
            let clipped_start = keep.start > 0;
            if clipped_start {
                text.push_str(ELLIPSIS);
            }
            lead.push(if clipped_start { ELLIPSIS.len() } else { 0 });
            text.extend(line_text.chars().skip(keep.start).take(keep.end - keep.start));
            if keep.end < total {
                text.push_str(ELLIPSIS);
            }
            text.push('\n');
            origin.push((w.line, keep.start));
        }
        let snippet = Snippet {
            name: source.name(),
            text,
            line_starts,
            origin,
            lead,
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
        let line = source.line_index(offset.min(source.text().len()));
        let Some(k) = self.origin.iter().position(|(l, _)| *l == line) else {
            return 0;
        };
        let range = source.line_content_range(line);
        let line_text = &source.text()[range.clone()];
        let col = char_at(line_text, offset.saturating_sub(range.start).min(line_text.len()));
        let kept_from = self.origin[k].1;
        let body_start = self.line_starts[k] + self.lead[k];
        let body_end = self.line_end(k);
        let rel = col.saturating_sub(kept_from);
        let body = &self.text[body_start..body_end];
        let byte = body.char_indices().nth(rel).map(|(i, _)| i).unwrap_or(body.len());
        body_start + byte
    }

    /// End of the kept text on snippet line `k` (before any trailing ellipsis).
    fn line_end(&self, k: usize) -> usize {
        let end = self.line_starts.get(k + 1).copied().unwrap_or(self.text.len()) - 1;
        let line = &self.text[self.line_starts[k]..end];
        if line.ends_with(ELLIPSIS) && line.len() > self.lead[k] {
            end - ELLIPSIS.len()
        } else {
            end
        }
    }
}

fn char_at(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
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
        Ok(match self.line_starts.binary_search(&byte_index) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        })
    }

    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, Error> {
        Ok(self
            .origin
            .get(line_index)
            .map(|(l, _)| l + 1)
            .unwrap_or(line_index + 1))
    }

    fn column_number(&'a self, _: (), line_index: usize, byte_index: usize) -> Result<usize, Error> {
        let start =
            self.line_starts.get(line_index).copied().unwrap_or(0) + self.lead.get(line_index).copied().unwrap_or(0);
        let chars = self
            .text
            .get(start..byte_index.max(start))
            .map(|s| s.chars().count())
            .unwrap_or(0);
        Ok(self.origin.get(line_index).map(|(_, c)| *c).unwrap_or(0) + chars + 1)
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = *self.line_starts.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.line_starts.len().saturating_sub(1),
        })?;
        let end = self.line_starts.get(line_index + 1).copied().unwrap_or(self.text.len());
        Ok(start..end)
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
    fn empty_span_at_line_end() {
        let source = SourceFile::new("t", "abc\ndef");
        let (snippet, spans) = Snippet::new(&source, &[Span::empty(7)]);
        assert_eq!(snippet.text, "def\n");
        assert_eq!(spans[0], Span::empty(3));
    }
}
