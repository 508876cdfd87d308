//! Headings, numbered items and paragraphs outside the tables, and which of the
//! format's sections each top-level heading is.

use crate::format::{DocumentPatterns, Format, SectionDef, SectionWording};
use crate::label::{self, Numbering, is_space, numbering_prefix};
use crate::model::{ItemKind, OutlineItem, Paragraph, SectionMatch};
use crate::parse::lines::{Line, LineKind};
use crate::source::{SourceFile, Span};

/// The pieces of each line that lie outside tables and the title.
pub(crate) fn free_pieces(lines: &[Line], excluded: &[Span]) -> Vec<(usize, Span)> {
    let mut out = Vec::new();
    for line in lines {
        if !matches!(
            line.kind,
            LineKind::Text | LineKind::TabCell | LineKind::TabRow | LineKind::CsvRow
        ) {
            continue;
        }
        let overlaps = |ex: &Span| !(ex.end <= line.span.start || ex.start >= line.span.end);
        // Most lines are clear of every table: no pieces to cut.
        if !excluded.iter().any(overlaps) {
            out.push((line.index, line.span));
            continue;
        }
        // A line inside a table is cut away whole.
        if excluded
            .iter()
            .any(|ex| ex.start <= line.span.start && ex.end >= line.span.end && overlaps(ex))
        {
            continue;
        }
        let mut pieces = vec![line.span];
        for ex in excluded {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    if ex.end <= p.start || ex.start >= p.end {
                        vec![p]
                    } else {
                        let mut v = Vec::new();
                        if ex.start > p.start {
                            v.push(Span::new(p.start, ex.start));
                        }
                        if ex.end < p.end {
                            v.push(Span::new(ex.end, p.end));
                        }
                        v
                    }
                })
                .collect();
        }
        for p in pieces {
            out.push((line.index, p));
        }
    }
    out
}

/// Headings and numbered items, in order.
pub(crate) fn outline(source: &SourceFile, pieces: &[(usize, Span)], lines: &[Line]) -> Vec<OutlineItem> {
    let text = source.text();
    let mut items = Vec::new();
    for &(line_index, span) in pieces {
        let piece = &text[span.range()];
        // A piece that starts its line (the rest of the line a table run into
        // it) opens with an item as a whole line does (`（一）主动公开方面。……`);
        // a section's heading there is found inline, as in a page run together.
        let whole_line = lines[line_index].span == span;
        let line_start = lines[line_index].span.start == span.start;
        let content_start = piece.len() - piece.trim_start_matches(is_space).len();
        let body = &piece[content_start..];
        if body.is_empty() {
            continue;
        }
        let base = span.start + content_start;
        let mut consumed = 0;
        if (whole_line || line_start)
            && let Some(item) = heading_item(body, base)
            && (whole_line || item.kind != ItemKind::Top)
        {
            // An unnumbered Markdown heading's words may open an item
            // (`### 二是提高解读效能。`).
            consumed = match item.kind {
                ItemKind::Markdown => body.len() - body.trim_start_matches(|c: char| c == '#' || is_space(c)).len(),
                _ => item.span.end - base,
            };
            items.push(item);
        }
        inline_items(&body[consumed..], base + consumed, &mut items);
    }
    items
}

/// A heading or numbered item starting `line` (which starts at `offset`).
fn heading_item(line: &str, offset: usize) -> Option<OutlineItem> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let depth = (hashes > 0 && hashes <= 6).then_some(hashes as u8);
    let (numbering, prefix_len) = match numbering_prefix(line).or_else(|| unmarked_heading(line)) {
        Some(found) => found,
        None => {
            let depth = depth?;
            let text_start = hashes + (line[hashes..].len() - line[hashes..].trim_start_matches(is_space).len());
            let text = line[text_start..].trim_end_matches(is_space);
            if text.is_empty() {
                return None;
            }
            return Some(OutlineItem {
                kind: ItemKind::Markdown,
                number: None,
                text: text.to_string(),
                marker: Span::new(offset, offset + hashes),
                span: Span::new(offset, offset + text_start + text.len()),
                depth: Some(depth),
                heading: true,
            });
        }
    };
    let kind = match numbering {
        Numbering::Top(_) => ItemKind::Top,
        Numbering::Paren(_) => ItemKind::Paren,
        Numbering::Arabic(_) => ItemKind::Arabic,
    };
    let rest = &line[prefix_len..];
    // `1.5万元` and `2020.` are not items; an item is followed by words.
    let first = rest.chars().next()?;
    if kind == ItemKind::Arabic && !is_cjk(first) {
        return None;
    }
    // The heading ends at the first sentence mark; a long run-on line is an item
    // that opens a paragraph, not a heading.
    let end = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '：' | ':' | '；' | '！' | '？'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let text = rest[..end].trim_end_matches(is_space);
    // A sentence wrapped before a list of parts (`……详见本报告第` / `三、四部分）。`):
    // its bracket closes one opened on the line before.
    let closes = text.chars().filter(|c| matches!(c, '）' | ')')).count();
    let opens = text.chars().filter(|c| matches!(c, '（' | '(')).count();
    let numerals = text.len() - text.trim_start_matches(label::is_cn_numeral_char).len();
    if closes > opens || kind == ItemKind::Top && numerals > 0 && text[numerals..].starts_with("部分") {
        return None;
    }
    let after = rest[end..]
        .trim_start_matches(['。', '：', ':', '；', '！', '？'])
        .trim_matches(is_space);
    // `第二部分` opening a sentence (`第二部分内容已在网站发布。`) is not a heading.
    let sentence = line
        .trim_start_matches(|c: char| c == '#' || is_space(c))
        .starts_with('第')
        && rest.trim_end_matches(is_space).ends_with('。');
    let heading = after.is_empty() && text.chars().count() <= 40 && !sentence;
    if kind == ItemKind::Top && !heading && text.chars().count() > 40 {
        return None;
    }
    let marker_start = line.len() - line.trim_start_matches(|c: char| c == '#' || is_space(c)).len();
    let marker_end = marker_start + line[marker_start..prefix_len].trim_end_matches(is_space).len();
    Some(OutlineItem {
        kind,
        number: Some(numbering.number()),
        text: text.to_string(),
        marker: Span::new(offset + marker_start, offset + marker_end),
        span: Span::new(offset + marker_start, offset + prefix_len + text.len()),
        depth,
        heading,
    })
}

/// A heading line numbered without its mark (`一 总体情况`, `## 二 主动公开政府信息情况`):
/// short, and no sentence mark in it, lest `三 季度开展自查。` be a heading.
fn unmarked_heading(line: &str) -> Option<(Numbering, usize)> {
    let (n, len) = label::unmarked_top_number(line)?;
    let words = line[len..].trim_end_matches(|c: char| is_space(c) || c == '*');
    let short = words.chars().count() <= 30;
    (short && !words.contains(['，', '。', '；', '：', ',', ';', ':', '！', '？'])).then_some((Numbering::Top(n), len))
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '“' | '《' | '（' | '(')
}

/// `（一）` after a sentence mark and `一是` inside running text.
fn inline_items(text: &str, offset: usize, items: &mut Vec<OutlineItem>) {
    // Every item holds 是 or an opening bracket: most lines hold neither.
    if !text.contains(['是', '（', '(']) {
        return;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
        // 一是、二是…
        if label::is_cn_numeral_char(c) && prev.is_none_or(|p| is_boundary(p) || matches!(p, '，' | '、')) {
            let mut j = k;
            while j < chars.len() && label::is_cn_numeral_char(chars[j].1) && j - k < 3 {
                j += 1;
            }
            if j < chars.len() && chars[j].1 == '是' {
                let digits: String = chars[k..j].iter().map(|&(_, c)| c).collect();
                let next = chars.get(j + 1).map(|&(_, c)| c);
                // `一是否` is not an item.
                if let Some(n) = label::parse_cn_numeral(&digits)
                    && next.is_some_and(|n| n != '否' && n != '非')
                {
                    let end = chars[j].0 + '是'.len_utf8();
                    let sentence_end = text[end..]
                        .find(['。', '；', '，', ';'])
                        .map(|e| end + e)
                        .unwrap_or(text.len());
                    items.push(OutlineItem {
                        kind: ItemKind::Shi,
                        number: Some(n),
                        text: text[end..sentence_end].to_string(),
                        marker: Span::new(offset + i, offset + end),
                        span: Span::new(offset + i, offset + sentence_end),
                        depth: None,
                        heading: false,
                    });
                    k = j + 1;
                    continue;
                }
            }
        }
        // （一） inside running text; not a reference such as 第（一）项.
        if (c == '（' || c == '(')
            && k > 0
            && !prev.is_some_and(|p| matches!(p, '第' | '条' | '款' | '项'))
            && let Some((Numbering::Paren(n), len)) = numbering_prefix(&text[i..])
            && !text[i + len..].starts_with(['项', '款', '条', '目'])
        {
            let rest = &text[i + len..];
            let end = rest.find(['。', '：', ':', '；']).unwrap_or(rest.len()).min(120);
            let end = floor_char(rest, end);
            let marker_len = text[i..i + len].trim_end_matches(is_space).len();
            items.push(OutlineItem {
                kind: ItemKind::Paren,
                number: Some(n),
                text: rest[..end].trim_end_matches(is_space).to_string(),
                marker: Span::new(offset + i, offset + i + marker_len),
                span: Span::new(offset + i, offset + i + len + end),
                depth: None,
                heading: false,
            });
            while k < chars.len() && chars[k].0 < i + len {
                k += 1;
            }
            continue;
        }
        k += 1;
    }
}

/// The next non-blank line after `offset`, if it could be the rest of a heading:
/// short, unnumbered, no sentence punctuation.
fn continuation_line(source: &SourceFile, offset: usize) -> Option<Span> {
    let mut line = source.line_index(offset) + 1;
    while line < source.line_count() {
        let range = source.line_content_range(line);
        let text = &source.text()[range.clone()];
        let trimmed = text.trim_matches(is_space);
        if trimmed.is_empty() {
            line += 1;
            continue;
        }
        let ok = trimmed.chars().count() <= 20
            && numbering_prefix(trimmed).is_none()
            && !trimmed.contains(['。', '，', '；', '：', ':', '\t']);
        let start = range.start + (text.len() - text.trim_start_matches(is_space).len());
        return ok.then(|| Span::new(start, start + trimmed.len()));
    }
    None
}

/// An inline heading's words: up to where its first item or sentence opens.
fn inline_heading(rest: &str) -> &str {
    rest.find(['（', '(', '。', '：', ':', '；'])
        .map_or(rest, |end| &rest[..end])
}

/// The starts of an inline heading's words, two characters long and longer.
fn heading_starts(core: &str) -> impl Iterator<Item = &str> {
    core.char_indices()
        .skip(2)
        .map(|(i, _)| i)
        .chain(std::iter::once(core.len()))
        .map(move |end| &core[..end])
}

/// What may come right before an inline heading or item.
fn is_boundary(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '。' | '；' | ';' | '：' | ':' | '！' | '？' | '>' | '）' | ')' | '」' | '”'
        )
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Paragraphs: runs of consecutive non-empty pieces that are not headings. A
/// line of site chrome or metadata before the first heading (`发布时间：……`, the
/// document's `chrome`) is a paragraph of its own, not the start of the text after it.
pub(crate) fn paragraphs(
    source: &SourceFile,
    pieces: &[(usize, Span)],
    items: &[OutlineItem],
    document: &DocumentPatterns,
    first_heading: usize,
) -> Vec<Paragraph> {
    let text = source.text();
    let mut out: Vec<Paragraph> = Vec::new();
    let mut last_line: Option<usize> = None;
    debug_assert!(items.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    for &(line, span) in pieces {
        let piece = &text[span.range()];
        let trimmed = piece.trim_matches(is_space);
        if trimmed.is_empty() {
            continue;
        }
        let start = span.start + (piece.len() - piece.trim_start_matches(is_space).len());
        let end = start + trimmed.len();
        // Items are in document order: look only at those starting here.
        let first = items.partition_point(|it| it.span.start < start);
        let is_heading = items[first..]
            .iter()
            .take_while(|it| it.span.start <= start + 8)
            .any(|it| it.heading && it.span.end >= end.saturating_sub(1));
        if is_heading {
            last_line = None;
            continue;
        }
        match out.last_mut() {
            Some(p) if last_line.is_some_and(|l| l + 1 == line) => p.span = p.span.cover(Span::new(start, end)),
            _ => out.push(Paragraph {
                span: Span::new(start, end),
            }),
        }
        let alone = start < first_heading && document.chrome.iter().any(|re| re.is_match(trimmed));
        last_line = (!alone).then_some(line);
    }
    out
}

/// A heading under one section's number in another's title
/// (`一、存在的主要问题及改进情况`), while that other section is also found
/// under its own number and the number's section is not: the section its
/// number and place say, worded otherwise (one finding there, not a missing
/// section, others out of order and a repeat).
fn misworded_by_number(found: &mut [SectionMatch], format: &Format) {
    let number_of = |key: &str| format.sections.iter().find(|d| d.key == key).map(|d| d.number);
    for i in 0..found.len() {
        let Some(Numbering::Top(n)) = found[i].numbering else {
            continue;
        };
        let Some(named) = number_of(&found[i].key) else {
            continue;
        };
        let Some(own) = format.sections.iter().find(|d| d.number == n) else {
            continue;
        };
        if n == named || found.iter().any(|m| m.key == own.key) {
            continue;
        }
        let at = found[i].heading.start;
        let others = || found.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, m)| m);
        let named_elsewhere = others().any(|m| m.key == found[i].key && m.numbering == Some(Numbering::Top(named)));
        let in_place = others().all(|m| number_of(&m.key).is_none_or(|k| k == n || (k < n) == (m.heading.start < at)));
        if named_elsewhere && in_place {
            found[i].key = own.key.clone();
            found[i].wording = SectionWording::Numbered;
        }
    }
}

/// The sections among `kind`'s items: each worded as a section (or its
/// exact title run into the text) under that section's number.
fn items_named_as_sections(text: &str, items: &[OutlineItem], format: &Format, kind: ItemKind) -> Vec<SectionMatch> {
    let mut found: Vec<SectionMatch> = Vec::new();
    for item in items.iter().filter(|i| i.kind == kind) {
        let Some(n) = item.number else { continue };
        let Some(def) = format.sections.iter().find(|d| d.number == n) else {
            continue;
        };
        if found.iter().any(|s| s.key == def.key) {
            continue;
        }
        // Its words a heading of their own, or its exact title run into the
        // text (`（一）总体情况2022年，我局……`).
        let after = &text[item.marker.end..];
        let spaces = after.len() - after.trim_start_matches(is_space).len();
        let (heading, wording) = match def
            .matches(&label::core(&item.text))
            .filter(|&w| w >= SectionWording::Alternative)
        {
            Some(w) => (item.span, w),
            None if after[spaces..].starts_with(def.title.as_str()) => (
                Span::new(item.marker.start, item.marker.end + spaces + def.title.len()),
                SectionWording::Exact,
            ),
            None => continue,
        };
        found.push(SectionMatch {
            key: def.key.clone(),
            numbering: Some(match kind {
                ItemKind::Arabic => Numbering::Arabic(n),
                _ => Numbering::Paren(n),
            }),
            heading,
            wording,
            inline: !item.heading,
            end: 0,
        });
    }
    found
}

/// No top-level heading at all, the sections numbered as items are
/// (`（一）总体情况` … `（六）其他需要报告的事项`, or `1.总体情况` … `6.`), or as
/// `第一部分 总体情况` run into a page's one line: headings worded as the
/// sections are (or a listed alternative) under their own numbers, three of
/// them at least, so that a section's items named like sections are not.
fn sections_numbered_as_items(text: &str, items: &[OutlineItem], format: &Format) -> Vec<SectionMatch> {
    const AT_LEAST: usize = 3;
    // Items numbered `（一）` first; `1.` only when those are not the sections.
    let mut found = items_named_as_sections(text, items, format, ItemKind::Paren);
    if found.len() < AT_LEAST {
        let arabic = items_named_as_sections(text, items, format, ItemKind::Arabic);
        if arabic.len() >= AT_LEAST {
            found = arabic;
        }
    }
    // The others by their numbered titles in the text, where no item holds
    // them (a page run into one line, a title inside a table's region), and
    // titles numbered `第一部分` run into a page's one line.
    for def in &format.sections {
        if found.iter().any(|s| s.key == def.key) {
            continue;
        }
        let numeral = label::cn_numeral(def.number);
        let numbered = |lead: String, numbering: Numbering| {
            text.match_indices(lead.as_str())
                .filter_map(|(at, lead)| {
                    let after = &text[at + lead.len()..];
                    let title_at = after.len()
                        - after
                            .trim_start_matches(|c: char| is_space(c) || "：:".contains(c))
                            .len();
                    let (len, wording) = if after[title_at..].starts_with(def.title.as_str()) {
                        (def.title.len(), SectionWording::Exact)
                    } else {
                        // The regulation's or a listed wording, its punctuation as written.
                        let listed = def
                            .listed_wordings()
                            .filter_map(|(w, wording)| Some((core_prefix_len(&after[title_at..], w)?, wording)))
                            .max_by_key(|&(len, _)| len);
                        // A title its patterns take (`政府信息公开存在的主要问题及改进情况`), read
                        // in the words right after the number: starting there, but for a
                        // few words, unless numbered `第五部分` (an item of a section, `（四）`,
                        // may name its matter further on).
                        let by_pattern = || {
                            let head = &after[title_at..];
                            let head = head.char_indices().nth(80).map_or(head, |(at, _)| &head[..at]);
                            let window: String = label::core(head)
                                .chars()
                                .take(def.title_core.chars().count() + 10)
                                .collect();
                            let m = def.patterns.iter().find_map(|p| p.find(&window))?;
                            if !matches!(numbering, Numbering::Top(_)) && window[..m.start()].chars().count() > 6 {
                                return None;
                            }
                            Some((
                                core_prefix_len(&after[title_at..], &window[..m.end()])?,
                                SectionWording::Pattern,
                            ))
                        };
                        // An Arabic number (`3.`, glued to a run-together table's
                        // digits) only before a title as worded in the format.
                        if matches!(numbering, Numbering::Arabic(_)) {
                            listed?
                        } else {
                            listed.or_else(by_pattern)?
                        }
                    };
                    Some((Span::new(at, at + lead.len() + title_at + len), numbering, wording))
                })
                .collect::<Vec<(Span, Numbering, SectionWording)>>()
        };
        // The closest wording, after the section before it if it can be,
        // a heading rather than an item (no full stop right after its words:
        // `（二）主动公开情况。全年……`), numbered `第二部分` rather than as an item,
        // the first of those: an item of section 一 (`（三）依申请公开规范办理`)
        // before the section's own title is not it.
        let previous = found
            .iter()
            .filter(|s| format.sections.iter().any(|d| d.key == s.key && d.number < def.number))
            .map(|s| s.heading.end)
            .max()
            .unwrap_or(0);
        let rank = |(heading, numbering, wording): &(Span, Numbering, SectionWording)| {
            let item = text[heading.end..].starts_with(['。', '；']);
            (
                *wording,
                heading.start >= previous,
                !item,
                matches!(numbering, Numbering::Top(_)),
                std::cmp::Reverse(heading.start),
            )
        };
        let at = [
            numbered(format!("（{numeral}）"), Numbering::Paren(def.number)),
            numbered(format!("({numeral})"), Numbering::Paren(def.number)),
            numbered(format!("第{numeral}部分"), Numbering::Top(def.number)),
            numbered(format!("{}.", def.number), Numbering::Arabic(def.number)),
            numbered(format!("{}、", def.number), Numbering::Arabic(def.number)),
            numbered(format!("{}．", def.number), Numbering::Arabic(def.number)),
        ]
        .into_iter()
        .flatten()
        .max_by_key(rank);
        if let Some((heading, numbering, wording)) = at {
            found.push(SectionMatch {
                key: def.key.clone(),
                numbering: Some(numbering),
                heading,
                wording,
                inline: true,
                end: 0,
            });
        }
    }
    if found.len() < AT_LEAST {
        found.clear();
    }
    found
}

/// How many bytes of `text` spell `core` (a wording's core: no spaces or
/// ignorable punctuation), reading past what [`label::core`] drops.
fn core_prefix_len(text: &str, core: &str) -> Option<usize> {
    let mut want = core.chars().peekable();
    for (at, c) in text.char_indices() {
        let Some(&next) = want.peek() else { return Some(at) };
        if label::core(c.encode_utf8(&mut [0; 4])).is_empty() {
            continue;
        }
        if label::to_halfwidth(c) != next {
            return None;
        }
        want.next();
    }
    want.peek().is_none().then_some(text.len())
}

/// A table of contents: three or more headings in a row at the top, with no
/// Chinese text between them (page numbers, dot leaders, links' targets at
/// most), whose sections mostly come again after it. Its lines are not the sections: a
/// section left out of the body is missing, not out of order.
fn drop_table_of_contents(text: &str, found: &mut Vec<SectionMatch>) {
    let listed = |a: &SectionMatch, b: &SectionMatch| {
        a.heading.end <= b.heading.start
            && !text[a.heading.end..b.heading.start]
                .chars()
                .any(|c| c > '\u{2fff}' && !is_leader(c))
    };
    // Only at the top, before the body: a run of headings further on is
    // sections with no text of their own (their tables are images).
    if found.first().is_none_or(|m| m.inline) {
        return;
    }
    let mut end = 1;
    // The run ends where a section comes again: the body's first heading
    // right after the contents.
    while end < found.len()
        && !found[end].inline
        && listed(&found[end - 1], &found[end])
        && !found[..end].iter().any(|m| m.key == found[end].key)
    {
        end += 1;
    }
    if end < 3 {
        return;
    }
    // Again as a heading, or run into the text of a page scraped into one line
    // (`……。　　二、主动公开政府信息情况　　第二十条……`), where headings are found later.
    let after = &text[found[end - 1].heading.end..];
    let again = found[..end]
        .iter()
        .filter(|m| {
            let heading = text[m.heading.range()].trim_matches(is_space);
            // Its words, the number left off (`1.总体情况` listed, `总体情况` the heading).
            let words = numbering_prefix(heading).map_or(heading, |(_, len)| heading[len..].trim_matches(is_space));
            found[end..].iter().any(|later| later.key == m.key)
                || after.contains(heading)
                || (words.chars().count() >= 4 && after.contains(words))
        })
        .count();
    if 2 * again >= end {
        found.drain(..end);
    }
}

/// What fills a table of contents' lines besides the titles: leaders, page numbers (`第3页`).
fn is_leader(c: char) -> bool {
    matches!(c, '…' | '⋯' | '·' | '．' | '－' | '—' | '＿' | '第' | '页' | '\u{3000}') || c.is_ascii() || is_space(c)
}

/// A section's numeral with no mark after it, then its exact title
/// (`一总体情况`, `一 总体情况`): the numbering, after a sentence's end.
fn bare_numeral(text: &str, def: &SectionDef, after_boundary: bool) -> Option<(Numbering, usize)> {
    let c = text.chars().next()?;
    if !after_boundary || label::parse_cn_numeral(c.encode_utf8(&mut [0; 4])) != Some(def.number) {
        return None;
    }
    let rest = &text[c.len_utf8()..];
    let words = rest.trim_start_matches([' ', '\u{3000}', '，', ',']);
    words
        .starts_with(def.title.as_str())
        .then_some((Numbering::Top(def.number), text.len() - words.len()))
}

/// Headings without a number (`总体情况` on a line of its own, a bold Word
/// paragraph): a line that is exactly a section's title or one of its other
/// wordings (the regulation's, the alternatives) is that section, when no
/// numbered heading was found for it.
fn bare_titles(source: &SourceFile, format: &Format, found: &mut Vec<SectionMatch>) {
    if found.len() >= format.sections.len() {
        return;
    }
    let text = source.text();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let words = line.trim_matches(is_space);
        // Short: the longest title is some twenty characters.
        if words.is_empty() || words.len() > 120 {
            continue;
        }
        let core = label::core(words.trim_start_matches(['#', '*']).trim_end_matches('*'));
        // The title or a wording written out in full, not one close to them.
        let Some((def, wording)) = format
            .sections
            .iter()
            .filter(|d| !found.iter().any(|s| s.key == d.key))
            .find_map(|d| {
                let exact = core == d.title_core || d.regulation.contains(&core) || d.alternatives.contains(&core);
                exact.then(|| d.matches(&core).map(|w| (d, w))).flatten()
            })
        else {
            continue;
        };
        let lead = line.len() - line.trim_start_matches(is_space).len();
        found.push(SectionMatch {
            key: def.key.clone(),
            numbering: None,
            heading: Span::new(start + lead, start + lead + words.len()),
            wording,
            inline: false,
            end: 0,
        });
    }
    found.sort_by_key(|s| s.heading.start);
}

/// Which heading is which required section. Headings come first; a section with no
/// heading line is looked for as a numbered title inside running text (pages scraped
/// into one line).
pub(crate) fn match_sections(
    source: &SourceFile,
    items: &[OutlineItem],
    paragraphs: &[Paragraph],
    format: &Format,
) -> Vec<SectionMatch> {
    let mut found: Vec<SectionMatch> = Vec::new();
    for item in items {
        let numbering = match item.kind {
            ItemKind::Top => Some(Numbering::Top(item.number.unwrap_or(0))),
            ItemKind::Markdown => None,
            _ => continue,
        };
        let best_for = |core: &str| {
            format
                .sections
                .iter()
                .filter_map(|s| s.matches(core).map(|w| (s, w)))
                .filter(|(_, w)| item.kind == ItemKind::Top || *w >= SectionWording::Alternative)
                .max_by_key(|(s, w)| (*w, Some(s.number) == item.number))
        };
        let mut heading = item.span;
        let mut best = best_for(&label::core(&item.text));
        // A heading split over two lines: `三、收到和处理政府信息公开` / `申请情况`.
        // The joined reading wins when it matches better than the first line alone.
        if best.is_none_or(|(_, w)| w < SectionWording::Exact)
            && item.heading
            && let Some(next) = continuation_line(source, item.span.end)
        {
            let joined = format!("{}{}", item.text, source.slice(next));
            if let Some(found) = best_for(&label::core(&joined))
                && best.is_none_or(|(_, w)| found.1 > w)
            {
                best = Some(found);
                heading = heading.cover(next);
            }
        }
        if let Some((def, wording)) = best {
            found.push(SectionMatch {
                key: def.key.clone(),
                numbering,
                heading,
                wording,
                inline: false,
                end: 0,
            });
        }
    }
    if found.is_empty() {
        found = sections_numbered_as_items(source.text(), items, format);
    }
    found.sort_by_key(|s| s.heading.start);
    drop_table_of_contents(source.text(), &mut found);
    drop_loose_repeats(&mut found, format);
    misworded_by_number(&mut found, format);
    // A numbered heading in words of its own (`六、有关情况说明`) is the
    // section its number names, when that one is not found otherwise and the
    // heading comes right after an earlier section (not after a list item
    // numbered like it), those between them missing (三 deleted before a
    // loosely worded 四).
    let number_of = |s: &SectionMatch| format.sections.iter().find(|d| d.key == s.key).map(|d| d.number);
    for (i, item) in items.iter().enumerate() {
        let Some(n) = item.number.filter(|_| item.kind == ItemKind::Top && item.heading) else {
            continue;
        };
        let Some(def) = format.sections.iter().find(|d| d.number == n) else {
            continue;
        };
        if found
            .iter()
            .any(|s| s.key == def.key || s.heading.start == item.span.start)
            || label::core(&item.text).chars().count() < 2
        {
            continue;
        }
        let previous_top = items[..i].iter().rev().find(|p| p.kind == ItemKind::Top);
        // The first section (`一、工作基本情况`) has none before it: it is the
        // first numbered heading, sections are found after it, and its words
        // name no section (a list of contents' `一、总体情况`, set aside, does).
        let first_in_place = n == 1
            && previous_top.is_none()
            && found.iter().any(|s| s.heading.start > item.span.start)
            && format
                .sections
                .iter()
                .all(|d| d.matches(&label::core(&item.text)).is_none());
        let follows_section_before = first_in_place
            || previous_top.is_some_and(|p| {
                found.iter().any(|s| {
                    s.heading.start == p.span.start
                        && number_of(s).is_some_and(|m| {
                            m < n && !found.iter().any(|o| number_of(o).is_some_and(|k| m < k && k < n))
                        })
                })
            });
        let later_sections_after = found
            .iter()
            .filter(|s| s.heading.start > item.span.start)
            .all(|s| number_of(s).is_some_and(|m| m > n));
        if follows_section_before && later_sections_after {
            found.push(SectionMatch {
                key: def.key.clone(),
                numbering: Some(Numbering::Top(n)),
                heading: item.span,
                wording: SectionWording::Numbered,
                inline: false,
                end: 0,
            });
        }
    }
    found.sort_by_key(|s| s.heading.start);
    bare_titles(source, format, &mut found);

    // Inline titles, for sections not found as headings.
    let text = source.text();
    for def in &format.sections {
        if found.iter().any(|s| s.key == def.key) {
            continue;
        }
        'paras: for p in paragraphs {
            let para = &text[p.span.range()];
            for (i, c) in para.char_indices() {
                if !label::is_cn_numeral_char(c) {
                    continue;
                }
                let prev = para[..i].chars().next_back();
                // A link's text or target (`- [六、其他需要报告的事项](#六、其他……)`,
                // a table of contents in Markdown) is not the section.
                if prev == Some('[') || para[..i].ends_with("](#") {
                    continue;
                }
                // Right after another section's title, its body left out
                // (`……情况三、收到和处理政府信息公开申请情况四、政府信息公开……`).
                // That title a heading itself, after a table's digits or a sentence
                // (not a list of contents: `目录一、总体情况二、……`).
                let after_title = || {
                    format.sections.iter().any(|d| {
                        let Some(head) = para[..i].strip_suffix(d.title.as_str()) else {
                            return false;
                        };
                        let Some(numbered) = head.strip_suffix('、') else {
                            return false;
                        };
                        let Some(numeral) = numbered.chars().next_back().filter(|&c| label::is_cn_numeral_char(c))
                        else {
                            return false;
                        };
                        let before = numbered[..numbered.len() - numeral.len_utf8()].chars().next_back();
                        before.is_none_or(|c| is_boundary(c) || c.is_ascii_digit())
                    })
                };
                let after_boundary = prev.is_none_or(is_boundary) || after_title();
                let Some((Numbering::Top(n), len)) =
                    numbering_prefix(&para[i..]).or_else(|| bare_numeral(&para[i..], def, after_boundary))
                else {
                    continue;
                };
                let rest = &para[i + len..];
                let window = first_chars(rest, HEADING_WINDOW);
                let core = label::core(window);
                // Pages scraped into one line run headings into the text before them
                // (`…情况三、收到和处理…`): the exact title is enough there; looser
                // wording needs a sentence boundary before it.
                let alternative = || def.alternatives.iter().any(|a| core.starts_with(a.as_str()));
                let wording = if core.starts_with(&def.title_core) {
                    Some(SectionWording::Exact)
                } else if n != def.number {
                    // Misnumbered: under a neighbour's number (`六、存在的主要问题和改进情况`
                    // after a section of the agency's own) its words from their very
                    // start, after a sentence or a table's last digits, as a heading
                    // line's are read; under any other, only the exact title.
                    let from_start = || {
                        def.patterns
                            .iter()
                            .any(|re| re.find(&core).is_some_and(|m| m.start() == 0))
                    };
                    (n.abs_diff(def.number) == 1
                        && (after_boundary || prev.is_some_and(|c| c.is_ascii_digit()))
                        && (alternative() || from_start()))
                    .then_some(SectionWording::Pattern)
                } else if alternative() {
                    Some(SectionWording::Alternative)
                } else if prev.is_some_and(|c| c.is_ascii_digit())
                    && def.patterns.iter().any(|re| {
                        re.find(&core).is_some_and(|m| core[..m.start()].chars().count() <= 6)
                            || heading_starts(&label::core(inline_heading(window))).any(|head| re.is_match(head))
                    })
                {
                    // After a table's last digits in a page run into one line, its
                    // own words near the start (`……0000000四、政府信息公开行政复议与……`),
                    // or the words up to its first item (`……0 0五、政府信息公开存在的问题及
                    // 改进措施（一）……`).
                    Some(SectionWording::Pattern)
                } else if after_boundary
                    && def.patterns.iter().any(|re| {
                        re.find(&core).is_some_and(|m| core[..m.start()].chars().count() <= 6)
                            // A pattern of a whole heading (`^基本情况$`): the text
                            // runs on after it (`一、基本情况（一）加强……`,
                            // `一、基本情况2021年，我局……`), so any start of it.
                            || heading_starts(&label::core(inline_heading(window)))
                                .any(|head| re.is_match(head))
                    })
                {
                    Some(SectionWording::Pattern)
                } else {
                    None
                };
                if let Some(wording) = wording {
                    // The heading's extent: its words up to the title's length.
                    let title_chars = def.title.chars().count().max(4);
                    let head_end = rest
                        .char_indices()
                        .filter(|&(_, c)| !is_space(c))
                        .nth(title_chars)
                        .map(|(j, _)| j)
                        .unwrap_or(rest.len());
                    // A line of contents run into the text (`目录　一、总体情况　二、……`):
                    // the title straight before the next number, and written again later.
                    let title = para[i..i + len + head_end].trim_end_matches(is_space);
                    let next = rest[head_end..].trim_start_matches(is_space);
                    let before = para[..i].trim_end_matches(is_space);
                    let listed = matches!(numbering_prefix(next), Some((Numbering::Top(_), _)))
                        || format
                            .sections
                            .iter()
                            .any(|d| d.number + 1 == n && before.ends_with(d.title.as_str()));
                    // Under `目录` the list is the contents even where the body words
                    // the heading otherwise (`四、因政府信息公开工作被申请行政复议……`).
                    // (The word alone is not enough: `……更新政府信息公开目录。` is 一's text.)
                    let under_contents = || {
                        let near = &before[floor_char(before, before.len().saturating_sub(600))..];
                        near.rfind("目录").is_some_and(|at| {
                            let list = near[at + "目录".len()..]
                                .trim_start_matches(|c: char| is_space(c) || c == '：' || c == ':');
                            matches!(numbering_prefix(list), Some((Numbering::Top(1), _)))
                                && !list.contains(['。', '，', '；', ',', ';'])
                        })
                    };
                    if core.starts_with(&def.title_core)
                        && listed
                        && (text[p.span.start + i + len + head_end..].contains(title) || under_contents())
                    {
                        continue;
                    }
                    let start = p.span.start + i;
                    found.push(SectionMatch {
                        key: def.key.clone(),
                        numbering: Some(Numbering::Top(n)),
                        heading: Span::new(start, p.span.start + i + len + head_end),
                        wording,
                        inline: true,
                        end: 0,
                    });
                    break 'paras;
                }
            }
        }
        // Its exact numbered title run into the text, where neither a heading
        // nor a paragraph holds it.
        let exact_inline = |heading| SectionMatch {
            key: def.key.clone(),
            numbering: Some(Numbering::Top(def.number)),
            heading,
            wording: SectionWording::Exact,
            inline: true,
            end: 0,
        };
        if !found.iter().any(|s| s.key == def.key)
            && let Some(heading) = title_in_a_table(text, def, paragraphs)
        {
            found.push(exact_inline(heading));
        }
        // The same section written again further on in the page, as it was
        // first: a section pasted twice.
        if let Some(first) = found.iter().find(|s| s.key == def.key && s.inline).map(|s| s.heading) {
            found.extend(inline_repeats(text, def, first).into_iter().map(exact_inline));
        }
    }
    if let Some(first) = first_section_in_own_words_inline(text, paragraphs, &found, format) {
        found.push(first);
    }
    found.sort_by_key(|s| s.heading.start);
    let len = text.len();
    for k in 0..found.len() {
        found[k].end = found.get(k + 1).map(|n| n.heading.start).unwrap_or(len);
    }
    found
}

/// Section 一 in words of its own run into the text (`一、年度工作核心成效2023年，
/// 我局……`, a page scraped into one line): the first `一、` of the body, at a
/// sentence's or a paragraph's start, before three or more sections found in
/// their order, naming no section. On its own line such a heading is read the
/// same way (`first_in_place` in [`match_sections`]).
fn first_section_in_own_words_inline(
    text: &str,
    paragraphs: &[Paragraph],
    found: &[SectionMatch],
    format: &Format,
) -> Option<SectionMatch> {
    let def = format.sections.iter().find(|d| d.number == 1)?;
    let number_of = |s: &SectionMatch| format.sections.iter().find(|d| d.key == s.key).map(|d| d.number);
    if found.iter().any(|s| s.key == def.key) || found.len() < 3 {
        return None;
    }
    let numbers: Vec<u32> = found.iter().filter_map(number_of).collect();
    if !numbers.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let next = found.first()?.heading.start;
    let marker = "一、";
    for p in paragraphs.iter().filter(|p| p.span.start < next) {
        let para = &text[p.span.start..p.span.end.min(next)];
        let Some(i) = para.find(marker) else { continue };
        let before = para[..i].chars().next_back();
        let rest = &para[i + marker.len()..];
        // Its words: to the first digit or sentence mark, a heading's length at most.
        let words_len = rest
            .char_indices()
            .find(|&(_, c)| c.is_ascii_digit() || matches!(c, '，' | '。' | '；' | '：' | '（'))
            .map_or(rest.len(), |(j, _)| j);
        let words = first_chars(&rest[..words_len], 16).trim_end_matches(is_space);
        let core = label::core(words);
        let named = format.sections.iter().any(|d| d.matches(&core).is_some());
        if !before.is_none_or(is_boundary) || core.chars().count() < 2 || named {
            return None;
        }
        let start = p.span.start + i;
        return Some(SectionMatch {
            key: def.key.clone(),
            numbering: Some(Numbering::Top(1)),
            heading: Span::new(start, start + marker.len() + words.len()),
            wording: SectionWording::Numbered,
            inline: true,
            end: 0,
        });
    }
    None
}

/// A section's numbered title (exact, or an alternative wording) inside a line,
/// outside every paragraph: a page run into one line where a table's last cell
/// is no number took the title after it into the table
/// (`……行政事业性收费无三、收到和处理政府信息公开申请情况`). A table's cells never
/// hold a section's whole title.
fn title_in_a_table(text: &str, def: &SectionDef, paragraphs: &[Paragraph]) -> Option<Span> {
    let marker = format!("{}、", label::cn_numeral(def.number));
    text.match_indices(marker.as_str()).find_map(|(start, _)| {
        let mid_line = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c != '\n' && c != '\r');
        if !mid_line || paragraphs.iter().any(|p| p.span.start <= start && start < p.span.end) {
            return None;
        }
        let rest = &text[start + marker.len()..];
        let core = label::core(first_chars(rest, HEADING_WINDOW));
        let words = if core.starts_with(&def.title_core) {
            def.title_core.chars().count()
        } else if let Some(a) = def
            .alternatives
            .iter()
            .find(|a| a.chars().count() >= 6 && core.starts_with(a.as_str()))
        {
            a.chars().count()
        } else {
            // Its own words from their very start (`政府信息公开行政复议与行政诉讼情况`).
            let m = def
                .patterns
                .iter()
                .find_map(|re| re.find(&core).filter(|m| m.start() == 0))?;
            core[..m.end()].chars().count().max(6)
        };
        // The heading's extent: as many characters, not counting spaces, as its words.
        Some(Span::new(start, start + marker.len() + words_end(rest, words)))
    })
}

/// A section pasted twice in a page scraped into one line: its first inline
/// heading (`first`) written again further on, as its exact numbered title or
/// its own words, after a sentence, a table's last digits or a line's start,
/// and followed by the same words as the first (the body copied with it). A
/// title quoted in a note (`说明：三、收到和处理……情况表中……`), a list of contents
/// or a summary of the report repeating its headings is followed by other words.
fn inline_repeats(text: &str, def: &SectionDef, first: Span) -> Vec<Span> {
    /// How many characters of the body, past the heading, must be the same.
    const BODY: usize = 20;
    let marker = format!("{}、", label::cn_numeral(def.number));
    let heading_chars = squeezed(&text[first.range()], usize::MAX).chars().count();
    let copied = squeezed(&text[first.start..], heading_chars + BODY);
    if copied.chars().count() < heading_chars + BODY
        || matches!(
            numbering_prefix(text[first.end..].trim_start_matches(is_space)),
            Some((Numbering::Top(_), _))
        )
    {
        return Vec::new();
    }
    // The first heading's own words, when they are not the title's.
    let own = label::core(
        text[first.range()]
            .trim_start_matches(is_space)
            .trim_start_matches(marker.as_str()),
    );
    let own = (own.chars().count() >= 6 && !own.starts_with(&def.title_core)).then_some(own);
    let mut repeats = Vec::new();
    let mut last_end = first.end;
    for (at, _) in text[first.end..].match_indices(marker.as_str()) {
        let start = first.end + at;
        if start < last_end {
            continue;
        }
        let prev = text[..start].chars().next_back();
        if !prev.is_none_or(|c| c == '\n' || c == '\r' || is_boundary(c) || c.is_ascii_digit()) {
            continue;
        }
        let rest = &text[start + marker.len()..];
        let core = label::core(first_chars(rest, HEADING_WINDOW));
        let Some(words) = [Some(def.title_core.as_str()), own.as_deref()]
            .into_iter()
            .flatten()
            .find(|w| core.starts_with(w))
            .map(|w| w.chars().count())
        else {
            continue;
        };
        let end = start + marker.len() + words_end(rest, words);
        if squeezed(&text[start..], heading_chars + BODY) != copied && !stands_again(text, def, first, start, end) {
            continue;
        }
        last_end = end;
        repeats.push(Span::new(start, last_end));
    }
    repeats
}

/// A section's exact title written again with another body: after a full
/// stop and before the next section, set apart by spaces from a sentence after
/// it (`……加强解读。　　五、存在的主要问题及改进情况　　无。`), a heading, not
/// a title cited in a sentence.
fn stands_again(text: &str, def: &SectionDef, first: Span, start: usize, end: usize) -> bool {
    let after_stop = text[..start].trim_end_matches(is_space).ends_with('。');
    let set_apart = text[..end].ends_with(is_space) || text[end..].starts_with(is_space);
    let exact = label::core(&text[start..end]).ends_with(def.title_core.as_str());
    let next = format!("{}、", label::cn_numeral(def.number + 1));
    after_stop && set_apart && exact && !text[first.end..start].contains(next.as_str())
}

/// How many characters after a numbering are read for a heading's words.
const HEADING_WINDOW: usize = 32;

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(j, _)| j)]
}

/// Where the first `words` characters of `rest` end, spaces and punctuation a
/// reader passes over not counted: a heading's extent.
fn words_end(rest: &str, words: usize) -> usize {
    rest.char_indices()
        .filter(|&(_, c)| !is_space(c) && !label::is_ignorable_punct(c))
        .nth(words)
        .map_or(rest.len(), |(j, _)| j)
}

/// The first `n` characters of `s` that are neither spaces nor punctuation
/// a reader passes over.
fn squeezed(s: &str, n: usize) -> String {
    s.chars()
        .filter(|&c| !is_space(c) && !label::is_ignorable_punct(c))
        .take(n)
        .collect()
}

/// A section found twice, once in its own words (the title, the regulation's
/// or a listed alternative) and once only loosely (`三、主动公开工作情况` among
/// the sub-headings of 总体情况): the loose one is not that section, unless it
/// alone carries the section's number.
fn drop_loose_repeats(found: &mut Vec<SectionMatch>, format: &Format) {
    let close = |w: SectionWording| w >= SectionWording::Alternative;
    let numbered_as = |m: &SectionMatch, n: u32| m.numbering == Some(Numbering::Top(n));
    let mut loose: Vec<usize> = Vec::new();
    for def in &format.sections {
        let same: Vec<usize> = (0..found.len()).filter(|&i| found[i].key == def.key).collect();
        let Some(&strong) = same.iter().find(|&&i| close(found[i].wording)) else {
            continue;
        };
        let strong_numbered = same
            .iter()
            .any(|&i| close(found[i].wording) && numbered_as(&found[i], def.number));
        loose.extend(same.iter().copied().filter(|&i| {
            i != strong && !close(found[i].wording) && (strong_numbered || !numbered_as(&found[i], def.number))
        }));
    }
    let mut i = 0;
    found.retain(|_| {
        i += 1;
        !loose.contains(&(i - 1))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each excluded span cut out of every piece in turn: what `free_pieces`
    /// gives with its shortcuts.
    fn cut_one_by_one(lines: &[Line], excluded: &[Span]) -> Vec<(usize, Span)> {
        let mut out = Vec::new();
        for line in lines.iter().filter(|l| l.kind == LineKind::Text) {
            let mut pieces = vec![line.span];
            for ex in excluded {
                pieces = pieces
                    .into_iter()
                    .flat_map(|p| match ex.end <= p.start || ex.start >= p.end {
                        true => vec![p],
                        false => [(p.start, ex.start), (ex.end, p.end)]
                            .into_iter()
                            .filter(|&(start, end)| start < end && start >= p.start && end <= p.end)
                            .map(|(start, end)| Span::new(start, end))
                            .collect(),
                    })
                    .collect();
            }
            out.extend(pieces.into_iter().map(|p| (line.index, p)));
        }
        out
    }

    #[test]
    fn free_pieces_are_the_lines_less_every_excluded_span() {
        // Lines of 0–9 bytes one byte apart, and spans anywhere, empty ones too.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as usize
        };
        for _ in 0..5_000 {
            let mut lines = Vec::new();
            let mut at = 0;
            for index in 0..next(6) {
                let len = next(10);
                lines.push(Line {
                    index,
                    span: Span::new(at, at + len),
                    kind: LineKind::Text,
                });
                at += len + 1;
            }
            let excluded: Vec<Span> = (0..next(4))
                .map(|_| {
                    let start = next(at as u64 + 1);
                    Span::new(start, start + next(12))
                })
                .collect();
            assert_eq!(
                free_pieces(&lines, &excluded),
                cut_one_by_one(&lines, &excluded),
                "{lines:?} less {excluded:?}"
            );
        }
    }
}
