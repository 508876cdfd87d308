//! A file holding several whole reports: a county's own report with its
//! departments' after it (`第二部分　某县发展和改革局`, each with its six
//! sections and tables), or a compilation. Each part is checked as a report
//! of its own: read as one, every section of the second would be a repeat of
//! the first's and its text would be compared with the first's tables.

use std::ops::Range;

use crate::format::Format;
use crate::label::is_space;
use crate::model::Document;
use crate::source::SourceFile;

/// Distinct sections a part must have to be a report of its own, not a
/// section or two written again.
const SECTIONS_OF_A_PART: usize = 4;

/// Characters from a part's first section on that, alike in two parts, make
/// them one report written twice.
const COPY_OPENING: usize = 200;

/// Lines above a part's first section that may be its own heading
/// (`第二部分　某县财政局`, its title), blank lines aside.
const HEADING_LINES: usize = 3;

/// The parts of a file holding several reports, each from its heading to the
/// next part (whole lines); empty for a file of one report. What comes before
/// the first part (the file's title and opening) is the first part's.
pub fn parts(doc: &Document, format: &Format) -> Vec<Range<usize>> {
    let Some(first) = format.sections.first() else {
        return Vec::new();
    };
    let opens: Vec<usize> = doc
        .sections
        .iter()
        .filter(|s| s.key == first.key && !s.inline)
        .map(|s| s.heading.start)
        .collect();
    if opens.len() < 2 {
        return Vec::new();
    }
    let Some(starts) = opens
        .iter()
        .enumerate()
        .map(|(i, &at)| part_start(&doc.source, at, i > 0))
        .collect::<Option<Vec<usize>>>()
    else {
        return Vec::new();
    };
    let text = doc.source.text();
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    let ranges: Vec<Range<usize>> = starts.iter().zip(ends).map(|(&s, e)| s..e).collect();
    let whole = |r: &Range<usize>| {
        let mut keys: Vec<&str> = (doc.sections.iter())
            .filter(|s| r.contains(&s.heading.start))
            .map(|s| s.key.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.len() >= SECTIONS_OF_A_PART
    };
    // One report pasted twice is a repeat, said as such: two parts that open
    // alike from their first section on (the copy may differ further down,
    // in a number, a table's layout or a page's furniture after it).
    let opening = |i: usize| -> String {
        text[opens[i]..ranges[i].end]
            .chars()
            .filter(|c| !is_space(*c))
            .take(COPY_OPENING)
            .collect()
    };
    let openings: Vec<String> = (0..ranges.len()).map(opening).collect();
    let copies = (0..openings.len()).any(|i| openings[i + 1..].contains(&openings[i]));
    if !ranges.iter().all(whole) || copies {
        return Vec::new();
    }
    ranges
}

/// Where the part whose first section's heading starts at `heading` begins:
/// that heading's line, or the part's own heading above it (a line naming the
/// part, or after the first part its title; short and no sentence: the file's
/// title stays the file's). `None` when the heading does not start its line,
/// Markdown's marks aside (a page run into one line is not cut).
fn part_start(source: &SourceFile, heading: usize, titled: bool) -> Option<usize> {
    let line = source.line_index(heading);
    let range = source.line_range(line);
    // Markdown's heading marks and bold stars may stand before it.
    if !source.text()[range.start..heading]
        .chars()
        .all(|c| is_space(c) || matches!(c, '#' | '*'))
    {
        return None;
    }
    let mut start = range.start;
    let mut headings = 0;
    for above in (0..line).rev() {
        let words = source.line(above).trim_matches(is_space);
        if words.is_empty() {
            continue;
        }
        let names_a_part = words.chars().count() <= 60
            && !words.contains(['。', '；'])
            && (words.contains("部分") || titled && words.ends_with("报告"));
        if !names_a_part || headings == HEADING_LINES {
            break;
        }
        headings += 1;
        start = source.line_range(above).start;
    }
    Some(start)
}
