//! Turning the lines of a table region into tokens: cells where the layout marks
//! them (tabs, pipes), otherwise known labels found in the text and the numbers and
//! words between them.

use std::borrow::Cow;

use crate::format::{Vocab, VocabMatch};
use crate::label::{self, Numbering, is_ideograph, is_space, normalize, to_halfwidth};
use crate::number::{CellValue, Units, is_group_space, parse_cell};
use crate::parse::lines::is_bar;
use crate::source::Span;

#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// The text as written (trimmed of padding); a grid table's cell written
    /// over several lines is the lines' pieces joined.
    pub(crate) text: Cow<'a, str>,
    pub(crate) span: Span,
    pub(crate) value: CellValue,
    /// A known label, already identified (text between cells is looked up later).
    pub(crate) label: Option<VocabMatch>,
    /// The layout marked this cell's boundaries (tab or pipe).
    pub(crate) explicit: bool,
    /// Digits only, as written (for splitting run-together cells).
    pub(crate) plain_digits: bool,
    /// An empty cell (nothing, or spaces of any kind: ASCII, NBSP, U+3000) that
    /// may be a layout artifact (a trailing tab, a spanning label's cell), rather
    /// than one the layout says is there.
    pub(crate) trim: bool,
}

impl<'a> Token<'a> {
    /// A blank cell written as a blank line (see the blank-line rhythm).
    pub(crate) fn blank_line(span: Span) -> Token<'static> {
        Token {
            text: Cow::Borrowed(""),
            span,
            value: CellValue::Empty(crate::number::Blank::Nothing),
            label: None,
            explicit: true,
            plain_digits: false,
            trim: false,
        }
    }

    fn explicit(raw: &'a str, text: &'a str, span: Span, units: &Units) -> Token<'a> {
        let value = parse_cell(raw, units);
        Token {
            trim: value.is_spaces(),
            text: Cow::Borrowed(text),
            plain_digits: is_plain_digits(raw),
            span,
            value,
            label: None,
            explicit: true,
        }
    }
}

pub(crate) fn is_plain_digits(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    !t.is_empty() && t.chars().all(crate::label::is_digit)
}

/// Cells of a tab-separated line. Each cell's span is its trimmed text, or an empty
/// span where the cell starts when it holds nothing.
pub(crate) fn tab_cells<'a>(text: &'a str, offset: usize, units: &Units) -> Vec<Token<'a>> {
    split_cells(text, offset, |c| c == '\t', units)
}

/// Cells of a CSV row; a quoted field's cell is what stands inside its quotes.
pub(crate) fn csv_cells<'a>(text: &'a str, offset: usize, units: &Units) -> Vec<Token<'a>> {
    crate::parse::lines::csv_fields(text)
        .into_iter()
        .map(|(a, b)| {
            let mut token = cell_token(&text[a..b], offset + a, units);
            if token.text.contains("\"\"") {
                token.text = Cow::Owned(token.text.replace("\"\"", "\""));
            }
            token
        })
        .collect()
}

/// Cells of a Markdown pipe row.
pub(crate) fn pipe_cells<'a>(text: &'a str, offset: usize, units: &Units) -> Vec<Token<'a>> {
    // Outer bars stand at both ends. In a table written without them, a bar
    // at one end only is an empty cell's (` | （二）部分公开 | 3`, its first
    // cell merged into the row above; `二、上年结转 | 0 | `, its total blank).
    let trimmed = text.trim_matches(crate::label::is_space);
    let outer = trimmed.starts_with(is_bar) && trimmed.ends_with(is_bar) && trimmed.chars().count() > 1;
    let (start, end) = match (outer, text.find(is_bar), text.rfind(is_bar)) {
        (true, Some(first), Some(last)) if last > first => (first + char_len(text, first), last),
        _ => (0, text.len()),
    };
    let mut cells = split_cells(&text[start..end], offset + start, is_bar, units);
    for cell in &mut cells {
        markdown_cell(cell, units);
    }
    cells
}

/// A Markdown cell as a person reads it: `**54**` is 54, `&nbsp;` a blank,
/// `<br>` a line break inside a label.
fn markdown_cell(cell: &mut Token<'_>, units: &Units) {
    let text = cell.text.as_ref();
    if !text.contains(['*', '_', '&', '<']) {
        return;
    }
    // Emphasis around the whole cell: the span narrows to what is inside.
    let mut inner = text;
    let mut cut = 0;
    for mark in ["**", "__", "*", "_"] {
        if let Some(rest) = inner.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && !rest.trim_matches(is_space).is_empty()
        {
            cut += mark.len() + (rest.len() - rest.trim_start_matches(is_space).len());
            inner = rest.trim_matches(is_space);
        }
    }
    let cleaned: Cow<'_, str> = if inner.contains(['&', '<']) {
        let mut owned = inner.replace("&nbsp;", "\u{a0}").replace("&#160;", "\u{a0}");
        for br in ["<br />", "<br/>", "<br>", "<BR>"] {
            owned = owned.replace(br, "");
        }
        Cow::Owned(owned)
    } else {
        Cow::Borrowed(inner)
    };
    if cleaned.as_ref() == text {
        return;
    }
    let value = parse_cell(&cleaned, units);
    let trimmed = cleaned.trim_matches(is_space);
    cell.span = if trimmed.is_empty() {
        Span::empty(cell.span.start)
    } else {
        Span::new(cell.span.start + cut, cell.span.start + cut + inner.len())
    };
    cell.plain_digits = is_plain_digits(&cleaned);
    cell.trim = value.is_spaces();
    cell.value = value;
    cell.text = match cleaned {
        Cow::Borrowed(b) => Cow::Owned(b.to_string()),
        Cow::Owned(o) => Cow::Owned(o.trim_matches(is_space).to_string()),
    };
}

/// One cell of a grid table written over several lines: the lines' pieces
/// joined (a space only between two words of Latin letters or digits), placed
/// at its piece on the row's first line, so that a row's cells stay in order
/// (an empty place there when the cell starts lower down).
pub(crate) fn joined<'a>(pieces: &[&Token<'a>], units: &Units) -> Token<'a> {
    let filled: Vec<&Token<'a>> = pieces.iter().copied().filter(|t| !t.text.is_empty()).collect();
    match filled.as_slice() {
        [] => return pieces[0].clone(),
        [one] if std::ptr::eq(*one, pieces[0]) => return (*one).clone(),
        _ => {}
    }
    let mut text = String::new();
    for t in &filled {
        let apart = text.ends_with(|c: char| c.is_ascii_alphanumeric())
            && t.text.starts_with(|c: char| c.is_ascii_alphanumeric());
        if apart {
            text.push(' ');
        }
        text.push_str(&t.text);
    }
    let value = parse_cell(&text, units);
    Token {
        trim: value.is_spaces(),
        plain_digits: is_plain_digits(&text),
        span: if pieces[0].text.is_empty() {
            Span::empty(pieces[0].span.start)
        } else {
            pieces[0].span
        },
        value,
        label: None,
        explicit: true,
        text: Cow::Owned(text),
    }
}

fn split_cells<'a>(text: &'a str, offset: usize, sep: impl Fn(char) -> bool, units: &Units) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for piece in text.split(&sep) {
        out.push(cell_token(piece, offset + pos, units));
        pos += piece.len();
        pos += char_len(text, pos);
    }
    out
}

/// The cell a layout marks, `piece` starting at `at`: its span is the trimmed
/// text, or an empty span where it starts when it holds nothing.
fn cell_token<'a>(piece: &'a str, at: usize, units: &Units) -> Token<'a> {
    let lead = piece.len() - piece.trim_start_matches(is_ascii_space).len();
    let trimmed = piece.trim_matches(is_ascii_space);
    let span = if trimmed.is_empty() {
        Span::empty(at + lead.min(piece.len()))
    } else {
        Span::new(at + lead, at + lead + trimmed.len())
    };
    Token::explicit(piece, trimmed, span, units)
}

/// The byte length of the character at `at` (0 at the end).
fn char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

/// Spaces that a cell may be padded with; NBSP and the ideographic space are kept
/// in its text (the blank says which it was), but a cell of nothing else is as
/// empty as one of nothing (see [`CellValue::is_spaces`]).
fn is_ascii_space(c: char) -> bool {
    c == ' ' || c == '\u{c}' || c == '\r' || c == '\n'
}

/// A line's text without spaces and punctuation, each byte with where its
/// character came from: what labels are searched in. It does not depend on the
/// vocabulary, so every edition's reading of a line makes it once.
pub(crate) struct Squeezed {
    norm: String,
    origin: Vec<(usize, usize)>,
}

impl Squeezed {
    fn new(text: &str) -> Squeezed {
        let mut norm = String::with_capacity(text.len());
        let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 2);
        for (i, c) in text.char_indices() {
            if is_space(c) || label::is_ignorable_punct(c) {
                continue;
            }
            let h = to_halfwidth(c);
            let before = norm.len();
            norm.push(h);
            for _ in before..norm.len() {
                origin.push((i, i + c.len_utf8()));
            }
        }
        Squeezed { norm, origin }
    }
}

/// Tokens of a line without cell markers: known labels found by their words, and
/// the numbers and words between them.
#[cfg(test)]
pub(crate) fn text_tokens<'a>(text: &'a str, offset: usize, vocab: &Vocab, units: &Units) -> Vec<Token<'a>> {
    text_tokens_squeezed(text, offset, vocab, units, &std::cell::OnceCell::new())
}

/// Tokens of a line without cell markers, the line squeezed into `squeezed`
/// when first needed.
pub(crate) fn text_tokens_squeezed<'a>(
    text: &'a str,
    offset: usize,
    vocab: &Vocab,
    units: &Units,
    squeezed: &std::cell::OnceCell<Squeezed>,
) -> Vec<Token<'a>> {
    // A line of digits (most lines of a one-cell-per-line table) holds no
    // label unless some label is digits.
    if !vocab.has_digit_core() && text.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
        let mut out = Vec::new();
        gap_tokens(text, offset, &mut out, units);
        return out;
    }
    // Search a copy without spaces and punctuation, remembering where each
    // character came from, so `结 果 维 持` and `“三安全一稳定”` are found.
    let Squeezed { norm, origin } = squeezed.get_or_init(|| Squeezed::new(text));
    let mut out = Vec::new();
    let mut cursor = 0; // byte offset in `text` up to which tokens were emitted
    for (m, core) in vocab.find_cores(norm) {
        let start = origin[m.start].0;
        let end = origin[m.end - 1].1;
        if start < cursor {
            continue;
        }
        // Take a numbering prefix written just before the words (`（三）`, `2.`).
        let entries = vocab.core_entries(core);
        let gap = &text[cursor..start];
        let numbering_len = trailing_numbering(gap, entries, vocab);
        let label_start = start - numbering_len;
        // A two-character label (其他, 总计, 规章) must stand alone: inside
        // `计其他情形` it is part of other words.
        if norm[m.clone()].chars().count() <= 2 {
            // A row's label right after the header's last words stands alone
            // (`现行有效件数规章x00`); a column's title among the header's (`尚未审结总计`) does not.
            let row_only = entries
                .iter()
                .all(|&e| matches!(vocab.entry(e).0, crate::format::Role::Row(..)));
            let after_label = row_only && start == cursor && out.last().is_some_and(|t: &Token<'_>| t.label.is_some());
            let glued_before =
                numbering_len == 0 && !after_label && text[..start].chars().next_back().is_some_and(is_ideograph);
            let glued_after = text[end..].chars().next().is_some_and(is_ideograph);
            if glued_before || glued_after {
                continue;
            }
        }
        gap_tokens(&text[cursor..label_start], offset + cursor, &mut out, units);
        let label_text = &text[label_start..end];
        let found = vocab.lookup(&normalize(label_text));
        out.push(Token {
            text: Cow::Borrowed(label_text),
            span: Span::new(offset + label_start, offset + end),
            value: CellValue::Text,
            label: found,
            explicit: false,
            plain_digits: false,
            trim: false,
        });
        cursor = end;
    }
    gap_tokens(&text[cursor..], offset + cursor, &mut out, units);
    out
}

/// The byte length of a numbering at the end of `gap` that belongs to the label
/// that follows. For `1.`-style numbering only the number one of the candidate
/// labels carries is taken, so digits of a cell before it are left alone
/// (`00000002.其他…` is cells `0000000` and label `2.其他…`).
fn trailing_numbering(gap: &str, entries: &[usize], vocab: &Vocab) -> usize {
    let trimmed = gap.trim_end_matches(is_space);
    let chars: Vec<(usize, char)> = trimmed.char_indices().collect();
    let Some(&(_, last)) = chars.last() else {
        return 0;
    };
    let at = |k: usize| gap.len() - chars[k].0;
    if matches!(last, '、' | '.' | '．') {
        // Hanzi numbering, spaces allowed inside: `三、` `三 、`.
        let mut k = chars.len() - 1;
        while k > 0 && (label::is_cn_numeral_char(chars[k - 1].1) || is_space(chars[k - 1].1)) {
            k -= 1;
        }
        while k < chars.len() - 1 && is_space(chars[k].1) {
            k += 1;
        }
        if k < chars.len() - 1 {
            return at(k);
        }
        // An Arabic digit that one of the labels is numbered with.
        if chars.len() >= 2 {
            let (d_at, d) = chars[chars.len() - 2];
            if let Some(n) = to_halfwidth(d).to_digit(10) {
                let wanted = entries
                    .iter()
                    .any(|&e| vocab.entry(e).1.numbering == Some(Numbering::Arabic(n)));
                if wanted {
                    return gap.len() - d_at;
                }
            }
        }
        return 0;
    }
    if matches!(last, '）' | ')') {
        let mut k = chars.len() - 1;
        while k > 0 && (label::is_cn_numeral_char(chars[k - 1].1) || is_space(chars[k - 1].1)) {
            k -= 1;
        }
        if k > 0 && k < chars.len() - 1 && matches!(chars[k - 1].1, '（' | '(') {
            return at(k - 1);
        }
        // `（1）属于国家秘密`: an Arabic item number in brackets, one the labels carry.
        if chars.len() >= 3 && matches!(chars[chars.len() - 3].1, '（' | '(') {
            let d = chars[chars.len() - 2].1;
            if let Some(n) = to_halfwidth(d).to_digit(10)
                && entries
                    .iter()
                    .any(|&e| vocab.entry(e).1.numbering == Some(Numbering::Arabic(n)))
            {
                return at(chars.len() - 3);
            }
        }
    }
    0
}

/// Words and numbers between labels. Numbers are split from words (`1000001（七）`),
/// spaces separate tokens, and `2.` before a word stays with the word.
fn gap_tokens<'a>(gap: &'a str, offset: usize, out: &mut Vec<Token<'a>>, units: &Units) {
    if gap.len() <= 6 {
        return words_and_numbers(gap, offset, out, units);
    }
    // A page's number run in among the cells (`……0 01 第 3 页 共 7 页 （三）`,
    // `…… 0 0 - 3 -`, a page break in text flattened from a PDF): no cell.
    // Read in one pass each way, however many there are.
    let mut end = gap.len();
    while let Some(from) = dashed_page_number_at_end(&gap[..end]) {
        end = from;
    }
    let within = |from: usize, found: Option<(usize, usize)>| found.map(|(a, b)| (from + a, from + b));
    let mut at = 0;
    let mut written = page_number_written_in(&gap[..end]);
    loop {
        // The next `第N页` is looked for again only once it is passed.
        let limit = written.map_or(end, |(from, _)| from);
        let Some((from, to)) = within(at, dashed_before_heading(&gap[at..limit])).or(written) else {
            break;
        };
        words_and_numbers(&gap[at..from], offset + at, out, units);
        at = to;
        if written.is_some_and(|(from, _)| from < at) {
            written = within(at, page_number_written_in(&gap[at..end]));
        }
    }
    words_and_numbers(&gap[at..end], offset + at, out, units);
}

/// A gap's tokens, no page number among them.
fn words_and_numbers<'a>(gap: &'a str, offset: usize, out: &mut Vec<Token<'a>>, units: &Units) {
    for (start, piece) in split_spaces(gap) {
        // `5O`, `1l`: one cell mistyped, not a number and a stray letter; `14-16`:
        // a range in one cell, not a number and a negative one.
        if is_one_cell_no_number(piece) {
            out.push(Token {
                text: Cow::Borrowed(piece),
                span: Span::new(offset + start, offset + start + piece.len()),
                plain_digits: false,
                value: CellValue::Text,
                label: None,
                explicit: false,
                trim: false,
            });
            continue;
        }
        let mut rest = piece;
        let mut at = start;
        while !rest.is_empty() {
            // Only right after words, nothing between (`总计———————————————`,
            // table 四's cells in text scraped from a page): a run set apart is
            // a rule or a page's frame, and after digits the cells are ambiguous.
            let dashes = placeholder_run_len(piece[..at - start].chars().next_back(), rest);
            if dashes > 0 {
                // One placeholder each.
                for (i, c) in rest[..dashes].char_indices() {
                    out.push(Token {
                        text: Cow::Borrowed(&rest[i..i + c.len_utf8()]),
                        span: Span::new(offset + at + i, offset + at + i + c.len_utf8()),
                        plain_digits: false,
                        value: CellValue::Placeholder,
                        label: None,
                        explicit: false,
                        trim: false,
                    });
                }
                rest = &rest[dashes..];
                at += dashes;
                continue;
            }
            let n = number_prefix_len(rest, units);
            let len = if n > 0 {
                n
            } else {
                // Text runs until the next number that is not an item number.
                let mut len = rest.len();
                let mut after_digit = rest.chars().next().is_some_and(crate::label::is_digit);
                for (i, c) in rest.char_indices().skip(1) {
                    // Not inside digits the words began with (a year: `2025年，……`),
                    // nor a table's number in its caption (`表3 收到和处理……统计表`).
                    let digit = crate::label::is_digit(c);
                    let caption = digit && matches!(&rest[..i], "表" | "附表");
                    let starts = !(caption || (digit && after_digit));
                    after_digit = digit;
                    if (starts && (digit || matches!(c, '+' | '＋')) && number_prefix_len(&rest[i..], units) > 0)
                        || placeholder_run_len(rest[..i].chars().next_back(), &rest[i..]) > 0
                    {
                        len = i;
                        break;
                    }
                }
                len
            };
            let text = &rest[..len];
            let span = Span::new(offset + at, offset + at + len);
            out.push(Token {
                text: Cow::Borrowed(text),
                span,
                plain_digits: n > 0 && is_plain_digits(text),
                value: if n > 0 {
                    parse_cell(text, units)
                } else {
                    CellValue::Text
                },
                label: None,
                explicit: false,
                trim: false,
            });
            rest = &rest[len..];
            at += len;
        }
    }
}

/// The byte length of the run of placeholders `s` starts with, right after
/// `before`: three or more dashes (two are one Chinese dash) after words, else 0.
fn placeholder_run_len(before: Option<char>, s: &str) -> usize {
    let after_words =
        before.is_some_and(|c| !crate::label::is_digit(c) && !is_space(c) && !matches!(c, '—' | '－' | '–'));
    if after_words { dash_run_len(s) } else { 0 }
}

/// The byte length of three or more dashes `s` starts with, else 0.
fn dash_run_len(s: &str) -> usize {
    let len: usize = s
        .chars()
        .take_while(|c| matches!(c, '—' | '－' | '–'))
        .map(char::len_utf8)
        .sum();
    if s[..len].chars().count() >= 3 { len } else { 0 }
}

/// Digits with a letter that looks like one among them (`5O`, `1O`, `l2`,
/// `0I`): a number mistyped, which a reader sees as one cell.
fn is_mistyped_number(piece: &str) -> bool {
    let lookalike = |c: char| matches!(c, 'O' | 'o' | 'l' | 'I' | 'Ｏ' | 'ｏ' | 'ｌ' | 'Ｉ');
    let n = piece.chars().count();
    // A stroke after the digits (`0I`, `12l`) may be a table's rule copied
    // from a PDF as a letter, not part of the number.
    let stroke_last = piece
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, 'l' | 'I' | 'ｌ' | 'Ｉ'));
    (2..=8).contains(&n)
        && !stroke_last
        && piece.chars().all(|c| crate::label::is_digit(c) || lookalike(c))
        && piece.chars().any(crate::label::is_digit)
        && piece.chars().any(lookalike)
}

/// Digits that make one cell which is no number: mistyped (`5O`) or a range (`14-16`).
pub(crate) fn is_one_cell_no_number(piece: &str) -> bool {
    is_mistyped_number(piece) || is_range(piece)
}

/// A range of counts written in one cell (`14-16`, `3~5`).
fn is_range(piece: &str) -> bool {
    let Some((from, to)) = piece.split_once(['-', '~', '～']) else {
        return false;
    };
    // Rising, as a range is (`1000-101` is cells run together, a sign among them).
    let value = |s: &str| {
        ((1..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    matches!((value(from), value(to)), (Some(a), Some(b)) if a < b)
}

/// Whether the space `c` at `i` in `s` groups digits: a no-break or thin
/// space inside a number that is a whole cell (between tabs, pipes or line
/// ends), one to three digits not starting with 0, then groups of three
/// (`5 658`). Between cells of a line (`0 121`, `20 0 00`) it separates.
fn groups_digits(s: &str, i: usize, c: char) -> bool {
    const REACH: usize = 40;
    if !is_group_space(c) {
        return false;
    }
    // A cell ends at a tab, a pipe, a line's end, or two spaces (text laid out with spaces).
    let bytes = s.as_bytes();
    let is_edge = |k: usize| {
        matches!(bytes[k], b'\t' | b'\n' | b'\r' | b'|')
            || (bytes[k] == b' ' && (bytes.get(k + 1) == Some(&b' ') || (k > 0 && bytes[k - 1] == b' ')))
    };
    let lo = i.saturating_sub(REACH);
    let hi = (i + REACH).min(s.len());
    let Some(from) = (lo..i)
        .rev()
        .find(|&k| is_edge(k))
        .map(|k| k + 1)
        .or((lo == 0).then_some(0))
    else {
        return false;
    };
    let Some(to) = (i..hi).find(|&k| is_edge(k)).or((hi == s.len()).then_some(s.len())) else {
        return false;
    };
    let cell = s[from..to].trim_matches(|c: char| c == ' ' || c == '\u{3000}');
    let mut groups = cell.split(is_group_space);
    let Some(lead) = groups.next() else { return false };
    let lead_ok = (1..=3).contains(&lead.len()) && lead.bytes().all(|b| b.is_ascii_digit()) && !lead.starts_with('0');
    let mut rest = groups.peekable();
    lead_ok && rest.peek().is_some() && rest.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Pieces of `s` between runs of spaces, with their byte offsets.
fn split_spaces(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        // An invisible character inside a word or number joins, not splits; so
        // does a no-break space grouping digits (`5 658`). A bar of a table
        // written without outer bars (`（一）予以公开| 5O| 1`) splits too.
        if is_bar(c) || is_space(c) && !((label::is_invisible(c) || groups_digits(s, i, c)) && start.is_some()) {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// The byte length of a number at the start of `s` (sign, digits, decimals, a
/// unit), or 0. A digit followed by `.`/`、` and a non-digit is an item number.
pub(crate) fn number_prefix_len(s: &str, units: &Units) -> usize {
    let mut chars = s.char_indices().peekable();
    let mut end = 0;
    if let Some(&(_, c)) = chars.peek()
        && matches!(c, '+' | '-' | '＋' | '－' | '−')
    {
        chars.next();
    }
    let mut digits = 0;
    let mut seen_point = false;
    while let Some(&(i, c)) = chars.peek() {
        let h = to_halfwidth(c);
        if h.is_ascii_digit() {
            digits += 1;
            end = i + c.len_utf8();
            chars.next();
        } else if (h == '.' || c == '．') && !seen_point && digits > 0 {
            let after = s[i + c.len_utf8()..].chars().next().map(to_halfwidth);
            if after.is_some_and(|a| a.is_ascii_digit()) {
                seen_point = true;
                chars.next();
            } else {
                break;
            }
        } else if (h == ',' || groups_digits(s, i, c)) && digits > 0 && !seen_point {
            let group = s[i + c.len_utf8()..].chars().take_while(|c| c.is_ascii_digit()).count();
            if group == 3 {
                chars.next();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if digits == 0 {
        return 0;
    }
    let rest = &s[end..];
    // A year run into the row before it (`……继续办理20000022025年，我局……`):
    // the row's digits end where the year starts, and the year is words.
    if rest.starts_with('年') && digits >= 4 && label::ends_in_a_year(&s[..end]) {
        let lead = s[..end].char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        let before = s[..lead].chars().next_back().map(to_halfwidth);
        if before.is_none_or(|c| !c.is_ascii_digit()) {
            // The year alone (words), or after a point (`12.2021年`: a number).
            return if seen_point { end } else { 0 };
        }
        return lead;
    }
    // `2.属于…`, `3、重复申请`: an item number, not a cell.
    if let Some(c) = rest.chars().next()
        && matches!(c, '.' | '．' | '、')
        && !seen_point
    {
        let next = rest[c.len_utf8()..].chars().next();
        if digits <= 2 && next.is_none_or(|n| !to_halfwidth(n).is_ascii_digit()) {
            return 0;
        }
        // Cells run into the item number of words no label reads exactly
        // (`00000007.属于行政执法案件`, a typo): the last digit numbers the words.
        if digits > 2 && !s.starts_with(['+', '-', '＋', '－', '−']) && next.is_some_and(is_ideograph) {
            return s[..end].char_indices().next_back().map_or(0, |(i, _)| i);
        }
    }
    // `（5）要求…` with its words wrapped away from the label found: an item number.
    if let Some(c) = rest.chars().next()
        && matches!(c, '）' | ')')
        && digits <= 2
        && !seen_point
        && rest[c.len_utf8()..].chars().next().is_some_and(is_ideograph)
    {
        return 0;
    }
    match units.prefix(rest) {
        Some((_, len)) => end + len,
        None => end,
    }
}

/// Where `gap` holds a page number (`第 3 页`, `第3页 共7页`, `- 3 -` ending the
/// gap or before a heading), spaces around it: the first such, as a byte
/// range, in the order [`gap_tokens`] reads them.
#[cfg(test)]
fn page_number_in(gap: &str) -> Option<(usize, usize)> {
    if let Some(from) = dashed_page_number_at_end(gap) {
        return Some((from, gap.len()));
    }
    let written = page_number_written_in(gap);
    dashed_before_heading(&gap[..written.map_or(gap.len(), |(from, _)| from)]).or(written)
}

/// The first dash-framed page number right before a section's heading run in
/// (`……0000000 - 4 - 四、政府信息公开……`), as a byte range.
fn dashed_before_heading(gap: &str) -> Option<(usize, usize)> {
    gap.match_indices('、').find_map(|(at, _)| {
        let numbered = gap[..at]
            .chars()
            .next_back()
            .is_some_and(crate::label::is_cn_numeral_char);
        let head = gap[..at].trim_end_matches(crate::label::is_cn_numeral_char);
        let from = dashed_page_number_at_end(head).filter(|_| numbered)?;
        Some((from, head.len()))
    })
}

/// The first `第 3 页` (`共 7 页`) in `gap`, spaces around it, as a byte range.
fn page_number_written_in(gap: &str) -> Option<(usize, usize)> {
    let spaces = |s: &str, at: usize| at + s[at..].len() - s[at..].trim_start_matches(is_space).len();
    let digits = |s: &str, at: usize| {
        let n = s[at..].bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&n).then_some(at + n)
    };
    // `第` N `页`, then maybe `共` M `页`.
    let page = |s: &str, at: usize, lead: &str| -> Option<usize> {
        let at = at + lead.len();
        let at = digits(s, spaces(s, at))?;
        let at = spaces(s, at);
        s[at..].starts_with('页').then_some(at + '页'.len_utf8())
    };
    for (at, _) in gap.match_indices('第') {
        let before = gap[..at].chars().next_back();
        if before.is_some_and(|c| !is_space(c) && !c.is_ascii_digit()) {
            continue;
        }
        let Some(mut end) = page(gap, at, "第") else { continue };
        let next = spaces(gap, end);
        if gap[next..].starts_with('共')
            && let Some(total) = page(gap, next, "共")
        {
            end = total;
        }
        return Some((at, end));
    }
    None
}

/// Where a gap ends with a page number framed by dashes (`…… 0 0 - 3 -` before
/// the next row's label): the page break of a table flattened from a PDF.
/// Only at a gap's end, after a cell: inside a row, `- 3 -` are as likely two
/// placeholders around a count.
fn dashed_page_number_at_end(gap: &str) -> Option<usize> {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let trimmed = gap.trim_end_matches(is_space);
    let mut chars = trimmed.char_indices().rev().peekable();
    let (_, close) = chars.next().filter(|&(_, c)| dash(c))?;
    let mut inner_spaces = [0; 2];
    while chars.next_if(|&(_, c)| is_space(c)).is_some() {
        inner_spaces[1] += 1;
    }
    let mut digits = 0;
    while chars.next_if(|&(_, c)| crate::label::is_digit(c)).is_some() {
        digits += 1;
    }
    if !(1..=3).contains(&digits) {
        return None;
    }
    while chars.next_if(|&(_, c)| is_space(c)).is_some() {
        inner_spaces[0] += 1;
    }
    // Spaced alike on both sides (`- 3 -`, `-3-`): `-2 -` is a change and a placeholder.
    if (inner_spaces[0] == 0) != (inner_spaces[1] == 0) {
        return None;
    }
    let (open_at, open) = chars.next()?;
    // The same dash on both sides, a space before it, and a cell before that
    // or spaces after (between two labels, `……办理结果　- 3 -　（四）……`).
    let before = trimmed[..open_at].trim_end_matches(is_space);
    // Set apart as a page's furniture is, not as a row's cells (`规章 - 1 - `):
    // by an ideographic space or two spaces on each side.
    let wide = |s: &str| s.contains('\u{3000}') || s.chars().count() >= 2;
    let set_apart = wide(&trimmed[before.len()..open_at]) && wide(&gap[trimmed.len()..]);
    (open == close && before.len() < open_at && (!before.is_empty() || set_apart)).then_some(before.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_no_break_space_groups_digits_only_inside_a_whole_cell() {
        let at = |s: &str| s.find('\u{a0}').unwrap();
        for s in [
            "5\u{a0}658",
            "\t1\u{a0}295\u{a0}000\r",
            "| 12\u{a0}345 |",
            "行政处罚   2\u{a0}776    0",
        ] {
            assert!(groups_digits(s, at(s), '\u{a0}'), "{s:?}");
        }
        // Cells of a line, or no thousands group.
        for s in [
            "0\u{a0}121",
            "20\u{a0}0\u{a0}00\u{a0}0\u{a0}121",
            "1643\u{a0}900",
            "\t5\u{a0}65\t",
            "5\u{a0}658 3",
        ] {
            assert!(!groups_digits(s, at(s), '\u{a0}'), "{s:?}");
        }
    }

    fn units() -> Units {
        static FORMAT: std::sync::OnceLock<crate::format::Format> = std::sync::OnceLock::new();
        FORMAT.get_or_init(crate::config::builtin_format).units.clone()
    }

    fn tab_cells(text: &str, offset: usize) -> Vec<Token<'_>> {
        super::tab_cells(text, offset, &units())
    }

    fn pipe_cells(text: &str, offset: usize) -> Vec<Token<'_>> {
        super::pipe_cells(text, offset, &units())
    }

    fn number_prefix_len(s: &str) -> usize {
        super::number_prefix_len(s, &units())
    }

    fn texts(tokens: &[Token<'_>], src: &str, offset: usize) -> Vec<String> {
        tokens
            .iter()
            .map(|t| {
                let s = &src[t.span.start - offset..t.span.end - offset];
                match (&t.label, &t.value) {
                    (Some(_), _) => format!("L:{s}"),
                    (None, CellValue::Number(_)) => format!("N:{s}"),
                    (None, CellValue::Empty(_)) => "E".to_string(),
                    (None, _) => format!("T:{s}"),
                }
            })
            .collect()
    }

    /// A line of digits is read as numbers without looking for labels, unless
    /// some label is digits itself: then it is found there as anywhere.
    #[test]
    fn a_line_of_digits_holds_a_label_only_when_a_label_is_digits() {
        use crate::format::{Matching, Role, Vocab};
        use crate::label::LabelDef;
        let matching = Matching {
            heading_similarity: 0.8,
            label_similarity: 0.75,
            label_margin: 0.04,
        };
        let words = Vocab::new(vec![(Role::Row(0, 0), LabelDef::new("结果维持", &[]))], matching);
        assert!(!words.has_digit_core());
        let line = "12 345";
        assert_eq!(
            texts(&text_tokens(line, 0, &words, &units()), line, 0),
            ["N:12", "N:345"]
        );
        let digits = Vocab::new(vec![(Role::Row(0, 0), LabelDef::new("12345", &[]))], matching);
        assert!(digits.has_digit_core());
        let line = "12345 6";
        assert_eq!(
            texts(&text_tokens(line, 0, &digits, &units()), line, 0),
            ["L:12345", "N:6"]
        );
    }

    #[test]
    fn tab_cells_keep_empty_cells_and_nbsp() {
        let line = "\t\t2.重复申请\t0\t\u{a0}\t";
        let cells = tab_cells(line, 10);
        assert_eq!(cells.len(), 6);
        assert!(cells[0].value.is_nothing());
        assert_eq!(cells[0].span, Span::empty(10));
        assert_eq!(cells[3].value.number().unwrap().to_string(), "0");
        assert_eq!(cells[4].value, CellValue::Empty(crate::number::Blank::Nbsp));
        assert_eq!(cells[4].span.len(), 2);
        assert!(cells[5].value.is_nothing());
    }

    #[test]
    fn pipe_cells_drop_outer_pipes() {
        let cells = pipe_cells("| 规章 | 0 |  |", 0);
        assert_eq!(cells.len(), 3);
        assert_eq!(cells[2].value, CellValue::Empty(crate::number::Blank::Nothing));
    }

    #[test]
    fn number_prefixes() {
        assert_eq!(number_prefix_len("640020470二、"), 9);
        assert_eq!(number_prefix_len("+44"), 3);
        assert_eq!(number_prefix_len("2122500000元→"), "2122500000元".len());
        assert_eq!(number_prefix_len("2.其他"), 0);
        assert_eq!(number_prefix_len("12.5"), 4);
        // Every `[[unit]]` stays with its number, count units too.
        assert_eq!(number_prefix_len("1,234件"), "1,234件".len());
        assert_eq!(number_prefix_len("属于"), 0);
        // A year run into the cells before it is words; the cells end before it.
        assert_eq!(number_prefix_len("20000022025年，我局"), 7);
        assert_eq!(number_prefix_len("02025年"), 1);
        assert_eq!(number_prefix_len("2025年"), 0);
        assert_eq!(number_prefix_len("２０２１年"), 0);
        assert_eq!(number_prefix_len("10000020200年"), "10000020200".len());
        assert_eq!(number_prefix_len("2025件"), "2025件".len());
        assert_eq!(number_prefix_len("12.52021年"), 4);
        assert_eq!(number_prefix_len("12.2021年"), 7);
        // Cells run into an item number: the number goes with the words.
        assert_eq!(number_prefix_len("00000007.属于行政执法案件"), 7);
        assert_eq!(number_prefix_len("00000003、重复申请"), 7);
        assert_eq!(number_prefix_len("0000000 7.属于"), 7);
        assert_eq!(number_prefix_len("12.5万元"), "12.5万元".len());
    }

    #[test]
    fn gap_splits_numbers_from_words() {
        let mut out = Vec::new();
        gap_tokens("500000 5（区分处理的", 0, &mut out, &units());
        let src = "500000 5（区分处理的";
        assert_eq!(texts(&out, src, 0), vec!["N:500000", "N:5", "T:（区分处理的"]);
        let src = "20000022025年，我局共收到申请21件。";
        let mut out = Vec::new();
        gap_tokens(src, 0, &mut out, &units());
        assert_eq!(texts(&out, src, 0)[..2], ["N:2000002", "T:2025年，我局共收到申请"]);
    }

    #[test]
    fn dashes_run_together_are_one_placeholder_each() {
        let src = "总计———　　五、存在的问题——详见下文";
        let mut out = Vec::new();
        words_and_numbers(src, 0, &mut out, &units());
        let placeholders = out.iter().filter(|t| t.value == CellValue::Placeholder).count();
        assert_eq!(placeholders, 3);
        assert_eq!(texts(&out, src, 0)[0], "T:总计");
        // Two are one Chinese dash, in words.
        assert!(texts(&out, src, 0).contains(&"T:五、存在的问题——详见下文".to_string()));
        // Set apart (a rule, a page's frame) or after digits (cells ambiguous): not split.
        for src in ["———— 2 ————", "64———2"] {
            let mut out = Vec::new();
            words_and_numbers(src, 0, &mut out, &units());
            assert!(out.iter().all(|t| t.value != CellValue::Placeholder), "{src}");
        }
        // A rule of dashes set apart stays one piece, not a dash and the rest.
        let mut out = Vec::new();
        words_and_numbers("————————", 0, &mut out, &units());
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn digits_with_a_letter_like_one_are_a_mistyped_number() {
        for typo in ["5O", "1O", "14O", "l2", "1l2", "１Ｏ"] {
            assert!(is_mistyped_number(typo), "{typo}");
        }
        // `0I`: a rule of the table after the digits, perhaps.
        for fine in ["50", "O", "5", "5件", "OK", "A1", "5O5O5O5O5", "0I", "12l"] {
            assert!(!is_mistyped_number(fine), "{fine}");
        }
    }

    #[test]
    fn a_page_number_among_the_cells_is_no_cell() {
        for src in [
            "1 0 0 0 0 01 第 3 页 共 7 页 2",
            "1 0 0 0 0 01第3页 2",
            "1 0 0 0 0 01 第3页共7页 2",
        ] {
            let mut out = Vec::new();
            gap_tokens(src, 0, &mut out, &units());
            assert_eq!(
                texts(&out, src, 0),
                vec!["N:1", "N:0", "N:0", "N:0", "N:0", "N:01", "N:2"],
                "{src}"
            );
        }
        // Framed by dashes, ending the gap before the next row's label.
        for src in ["1 0 0 0 0 01 - 3 - ", "1 0 0 0 0 01 — ３ —", "1 0 0 0 0 01 -3-"] {
            let mut out = Vec::new();
            gap_tokens(src, 0, &mut out, &units());
            assert_eq!(
                texts(&out, src, 0),
                vec!["N:1", "N:0", "N:0", "N:0", "N:0", "N:01"],
                "{src}"
            );
        }
        // Before the next section's heading run in.
        let src = "0000000 - 4 - 四、政府信息公开行政复议";
        assert_eq!(page_number_in(src), Some((7, "0000000 - 4 - ".len())));
        // Not a page: two placeholders around a count inside a row, dashes
        // that differ, a count alone.
        assert_eq!(page_number_in("1 - 3 - 0"), None);
        assert_eq!(page_number_in("1 - 3 —"), None);
        assert_eq!(page_number_in("- 3 -"), None);
        assert_eq!(page_number_in("1 2-3-"), None);
        assert_eq!(page_number_in("17 -2 -"), None);
        // Not a page: an article, a count.
        assert_eq!(page_number_in("第20条 3"), None);
        assert_eq!(page_number_in("第（一）项 3"), None);
    }
}
