//! Lines of the decoded text, classified by how they carry cells.

use crate::label::{is_space, to_halfwidth};
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Nothing but spaces (a lone tab is a [`LineKind::TabCell`]).
    Blank,
    /// `\tcell`: one cell, as in the one-cell-per-line export.
    TabCell,
    /// Cells separated by tabs.
    TabRow,
    /// Cells separated by commas, as a spreadsheet's CSV export writes a row
    /// (`,（一）予以公开,,37,17,6,5,10,3,78`).
    CsvRow,
    /// `| a | b |`.
    PipeRow,
    /// `|---|---|`.
    PipeRule,
    /// A page number line (`- 3 -`, `第3页`), a form feed alone, or a whole-line
    /// HTML comment (`<!-- nianbao-disable … -->`): not part of the report's text.
    Footer,
    Text,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub(crate) index: usize,
    /// Without the line terminator.
    pub(crate) span: Span,
    pub(crate) kind: LineKind,
}

pub(crate) fn classify_lines(source: &SourceFile) -> Vec<Line> {
    let mut lines: Vec<Line> = (0..source.line_count())
        .map(|index| {
            let range = source.line_content_range(index);
            let text = &source.text()[range.clone()];
            Line {
                index,
                span: Span::new(range.start, range.end),
                kind: classify(text),
            }
        })
        .collect();
    if source.text().contains('\u{c}') {
        page_furniture(source.text(), &mut lines);
    }
    furniture_between_cells(source.text(), &mut lines);
    lines
}

/// A line's text without spaces and form feeds.
fn bare(text: &str, l: &Line) -> String {
    text[l.span.start..l.span.end]
        .chars()
        .filter(|c| !is_space(*c) && *c != '\u{c}')
        .collect()
}

/// The title as a running header may repeat it: the first lines with words,
/// alone or two joined (a title set over two lines may run on one line in the
/// header), six characters or more.
fn title_lines(text: &str, lines: &[Line]) -> Vec<String> {
    let first: Vec<String> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .take(5)
        .map(|l| bare(text, l))
        .collect();
    first
        .iter()
        .cloned()
        .chain(first.windows(2).map(|w| w.concat()))
        .filter(|t| t.chars().count() >= 6)
        .collect()
}

/// Page furniture between two cells of a row written one cell a line, each
/// after a tab (a page break inside the row): a page number (already a
/// footer) or the title repeated as a running header, with no blank line
/// around it (a blank line ends the row). Such a line is no cell and no text.
fn furniture_between_cells(text: &str, lines: &mut [Line]) {
    // The title's lines, and where the first line of text is (the title itself): looked for once, when needed.
    let mut head: Option<(Vec<String>, Option<usize>)> = None;
    let mut at = 1;
    while at < lines.len() {
        if lines[at - 1].kind != LineKind::TabCell || !matches!(lines[at].kind, LineKind::Text | LineKind::Footer) {
            at += 1;
            continue;
        }
        let run = lines[at..]
            .iter()
            .take_while(|l| matches!(l.kind, LineKind::Text | LineKind::Footer))
            .count();
        let end = at + run;
        if run <= 3 && lines.get(end).is_some_and(|l| l.kind == LineKind::TabCell) {
            let (head, first_text) = &*head.get_or_insert_with(|| {
                let first_text = lines.iter().position(|l| l.kind == LineKind::Text);
                (title_lines(text, lines), first_text)
            });
            // (A numbered line is a heading, even one among the first lines.)
            let numbered = |k: usize| {
                let line = &text[lines[k].span.start..lines[k].span.end];
                crate::label::numbering_prefix(line).is_some() || crate::label::unmarked_top_number(line).is_some()
            };
            let furniture = (at..end).all(|k| {
                lines[k].kind == LineKind::Footer
                    || (head.contains(&bare(text, &lines[k])) && Some(k) != *first_text && !numbered(k))
            });
            if furniture {
                for line in &mut lines[at..end] {
                    line.kind = LineKind::Footer;
                }
            }
        }
        at = end.max(at + 1);
    }
}

/// What a PDF's pages repeat around a page break (a form feed): a bare page
/// number centred on the line before it (`                3`), or anywhere on
/// it in text laid out with spaces, and a running header after it that
/// repeats the title. Either read as a table's cell would
/// join the row before the break.
fn page_furniture(text: &str, lines: &mut [Line]) {
    let bare = |l: &Line| bare(text, l);
    let head = title_lines(text, lines);
    let first_text = lines.iter().position(|l| l.kind == LineKind::Text);
    // Text laid out with spaces (`pdftotext -layout`): a table's numbers stand
    // on their label's line, apart, never alone at the left margin, so a page
    // number there (an even page's, set left) is one too.
    let laid_out = lines
        .iter()
        .filter(|l| l.kind == LineKind::Text && aligned_numbers(&text[l.span.start..l.span.end]) >= 3)
        .nth(2)
        .is_some();
    for at in 0..lines.len() {
        let line = lines[at];
        if !text[line.span.start..line.span.end].starts_with('\u{c}') {
            continue;
        }
        // The last line of the page before: digits alone, centred.
        if let Some(before) = lines[..at].iter().rposition(|l| l.kind != LineKind::Blank) {
            let l = &text[lines[before].span.start..lines[before].span.end];
            let digits = l.trim_matches(is_space);
            let indent = l.len() - l.trim_start_matches(is_space).len();
            if lines[before].kind == LineKind::Text
                && (indent >= 8 || laid_out)
                && (1..=3).contains(&digits.chars().count())
                && digits.chars().all(crate::label::is_digit)
            {
                lines[before].kind = LineKind::Footer;
            }
        }
        // The first line of the page after: the title again.
        if let Some(after) = lines[at..]
            .iter()
            .position(|l| l.kind != LineKind::Blank)
            .map(|k| at + k)
            && lines[after].kind == LineKind::Text
            && head.contains(&bare(&lines[after]))
            && Some(after) != first_text
        {
            lines[after].kind = LineKind::Footer;
        }
    }
}

/// How many numbers of a line stand apart from a number before them by two
/// spaces or more (`0     0     1` has 2): a row of a table laid out with spaces.
fn aligned_numbers(line: &str) -> usize {
    let mut count = 0;
    let mut last_digit: Option<usize> = None;
    let mut spaces = 0;
    for (i, c) in line.char_indices() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if c.is_ascii_digit() {
            if spaces >= 2 && last_digit.is_some_and(|d| d + 1 + spaces == i) {
                count += 1;
            }
            last_digit = Some(i);
        } else {
            last_digit = None;
        }
        spaces = 0;
    }
    count
}

fn classify(text: &str) -> LineKind {
    if text.contains('\t') {
        // A space or two before the tab (a copy's indent) is still the cell's tab.
        let rest = text.trim_start_matches([' ', '\x0c']).strip_prefix('\t');
        return match rest {
            Some(rest) if !rest.contains('\t') => LineKind::TabCell,
            _ => LineKind::TabRow,
        };
    }
    let trimmed = text.trim_matches(is_space);
    if trimmed.is_empty() {
        return LineKind::Blank;
    }
    // A grid table's borders (`+----+----+`, `+====+`): Pandoc's Markdown for
    // tables with cells over several lines.
    if trimmed.starts_with('+')
        && trimmed.len() > 2
        && trimmed.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
        && trimmed.contains(['-', '='])
    {
        return LineKind::PipeRule;
    }
    // `｜`: the full-width bar a Chinese input method types, a table's row when
    // it stands at both ends (without outer bars, one at the start is an empty
    // first cell of text read by its labels).
    if trimmed.starts_with('|') || (trimmed.starts_with('｜') && trimmed.ends_with('｜') && trimmed.len() > 3) {
        let rule = trimmed
            .chars()
            .all(|c| matches!(c, '|' | '｜' | '-' | '－' | ':' | '：' | ' ' | '\u{3000}'));
        return if rule { LineKind::PipeRule } else { LineKind::PipeRow };
    }
    // A Markdown table written without outer bars (`规章 | 0 | 0 | 0`,
    // `--- | ---`): a row when it has two bars or more, no sentence, and a
    // cell that is a number or empty (a title or heading with a page's links
    // after it, `一、总体情况 | 打印 | 关闭`, is none; a header row is read by
    // its labels, as before).
    if trimmed.matches('|').count() >= 2 && !trimmed.contains(['。', '；']) {
        if trimmed.contains('-') && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            return LineKind::PipeRule;
        }
        let value = |cell: &str| {
            let cell = cell.trim_matches(is_space);
            cell.is_empty()
                || (cell.starts_with(|c: char| to_halfwidth(c).is_ascii_digit() || matches!(c, '+' | '-'))
                    && cell.chars().all(|c| {
                        let c = to_halfwidth(c);
                        c.is_ascii_digit()
                            || matches!(c, '+' | '-' | ',' | '.' | '%' | ' ' | '件' | '条' | '个' | '万' | '元')
                    }))
        };
        if trimmed.split('|').skip(1).any(value) {
            return LineKind::PipeRow;
        }
    }
    // A table drawn with box-drawing characters (`┌──┬──┐`, `│ 规章 │ 0 │`), as
    // converters and terminals draw one: read as a grid table.
    if trimmed.starts_with(is_box_drawing) {
        if trimmed.chars().all(|c| is_box_drawing(c) || is_space(c)) {
            return LineKind::PipeRule;
        }
        if trimmed.starts_with(is_bar) {
            return LineKind::PipeRow;
        }
    }
    if is_footer(trimmed) || (trimmed.starts_with("<!--") && trimmed.ends_with("-->")) {
        return LineKind::Footer;
    }
    if is_csv_row(trimmed) {
        return LineKind::CsvRow;
    }
    LineKind::Text
}

/// A spreadsheet's row exported as CSV: four fields or more, and either an
/// empty field (a merged or blank cell; running text never writes `,,`) or three
/// fields of digits alone. Not a sentence (`。`, `, ` after a comma), and not one
/// number written with thousands groups (`1,234,567,890`).
fn is_csv_row(trimmed: &str) -> bool {
    // Columns aligned with spaces (`政府集中采购    1,206    1,285,000`) are no CSV.
    if !trimmed.contains(',') || trimmed.contains(['。', '；']) || trimmed.contains(", ") || trimmed.contains("  ") {
        return false;
    }
    let fields = csv_fields(trimmed);
    if fields.len() < 4 {
        return false;
    }
    let digits = |f: &str| !f.is_empty() && f.chars().all(|c| to_halfwidth(c).is_ascii_digit());
    let bare: Vec<&str> = fields
        .iter()
        .map(|&(a, b)| trimmed[a..b].trim_matches(is_space))
        .collect();
    // `规章:0,0,0`: a label and its numbers after a colon, read as text.
    let labelled = bare[0]
        .rsplit_once([':', '：'])
        .is_some_and(|(label, n)| !label.is_empty() && digits(n.trim_matches(is_space)));
    if labelled {
        return false;
    }
    let grouped =
        bare[1..].iter().all(|f| f.len() == 3 && digits(f)) && bare[0].ends_with(|c: char| c.is_ascii_digit());
    if grouped {
        return false;
    }
    bare.iter().any(|f| f.is_empty()) || bare.iter().filter(|f| digits(f)).count() >= 3
}

/// The byte ranges of a CSV line's fields, inside the quotes of a quoted one
/// (`"1,234"`: one field).
pub(crate) fn csv_fields(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        let lead = bytes[at..].iter().take_while(|&&b| b == b' ').count();
        if bytes.get(at + lead) == Some(&b'"') {
            // A quoted field: to the quote not doubled (`""` is a quote inside).
            let open = at + lead + 1;
            let mut k = open;
            while k < bytes.len() {
                if bytes[k] == b'"' {
                    if bytes.get(k + 1) == Some(&b'"') {
                        k += 2;
                        continue;
                    }
                    break;
                }
                k += 1;
            }
            out.push((open, k.min(bytes.len())));
            match bytes[k.min(bytes.len())..].iter().position(|&b| b == b',') {
                Some(p) => at = k + p + 1,
                None => return out,
            }
        } else {
            match bytes[at..].iter().position(|&b| b == b',') {
                Some(p) => {
                    out.push((at, at + p));
                    at += p + 1;
                }
                None => {
                    out.push((at, bytes.len()));
                    return out;
                }
            }
        }
    }
}

/// A character of the Unicode box-drawing block (`─ │ ┌ ┼ ═ ║`).
pub(crate) fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

/// A bar between two cells: Markdown's `|` or a drawn table's `│ ┃ ║`.
pub(crate) fn is_bar(c: char) -> bool {
    matches!(c, '|' | '｜' | '│' | '┃' | '║')
}

/// `- 3 -`, `-3-`, `— 3 —`, `第 3 页`, `第3页 共5页`, `3/5`.
pub(crate) fn is_footer(trimmed: &str) -> bool {
    // Every footer starts with a dash, 第 or a digit: other lines (nearly all)
    // are not copied.
    let first = trimmed.chars().find(|c| !is_space(*c)).map(to_halfwidth);
    if !first.is_some_and(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•' | '・' | '第') || c.is_ascii_digit())
    {
        return false;
    }
    // Page numbers in either width: `— ５ —`.
    let t: String = trimmed.chars().filter(|c| !is_space(*c)).map(to_halfwidth).collect();
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '•' | '・');
    if let Some(inner) = t.strip_prefix(dashes).and_then(|s| s.strip_suffix(dashes)) {
        return !inner.is_empty() && inner.len() <= 4 && inner.bytes().all(|b| b.is_ascii_digit());
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        return digits > 0 && rest[digits..].starts_with('页');
    }
    if let Some((a, b)) = t.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.len() <= 3
            && b.len() <= 3
            && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(classify(""), LineKind::Blank);
        assert_eq!(classify("   "), LineKind::Blank);
        assert_eq!(classify("\t"), LineKind::TabCell);
        assert_eq!(classify("\t规章"), LineKind::TabCell);
        assert_eq!(classify(" \t0"), LineKind::TabCell);
        assert_eq!(classify("规章\t0"), LineKind::TabRow);
        assert_eq!(classify("规章\t0\t0"), LineKind::TabRow);
        assert_eq!(classify("\t\t2.重复申请"), LineKind::TabRow);
        assert_eq!(classify("| 规章 | 0 |"), LineKind::PipeRow);
        assert_eq!(classify("规章 | 0 | 0"), LineKind::PipeRow);
        assert_eq!(classify("--- | --- | :---:"), LineKind::PipeRule);
        assert_eq!(classify("首页 | 政务公开 | 年度报告。"), LineKind::Text);
        assert_eq!(classify("一、总体情况 | 打印 | 关闭"), LineKind::Text);
        assert_eq!(
            classify("示例市生态环境局2020年政府信息公开工作年度报告 | 发布时间：2022-01-24 | 来源：示例市生态环境局"),
            LineKind::Text
        );
        assert_eq!(classify("第二十条第（一）项 |  |  | "), LineKind::PipeRow);
        assert_eq!(classify("|---|:--|"), LineKind::PipeRule);
        assert_eq!(classify("｜规章｜0｜"), LineKind::PipeRow);
        assert_eq!(classify("｜－－｜－－｜"), LineKind::PipeRule);
        assert_eq!(classify("｜（二）部分公开｜1｜2"), LineKind::Text);
        assert_eq!(classify("+------+----+"), LineKind::PipeRule);
        assert_eq!(classify("  +======+:===+"), LineKind::PipeRule);
        assert_eq!(classify("+3"), LineKind::Text);
        assert_eq!(classify("┌────┬──┐"), LineKind::PipeRule);
        assert_eq!(classify("│    ├──┼──┤"), LineKind::PipeRule);
        assert_eq!(classify("│ 规章 │ 0 │"), LineKind::PipeRow);
        assert_eq!(classify("║ 规章 ║ 0 ║"), LineKind::PipeRow);
        assert_eq!(classify("──────"), LineKind::PipeRule);
        assert_eq!(classify("+++"), LineKind::Text);
        assert_eq!(classify("      -3-"), LineKind::Footer);
        assert_eq!(classify("- 12 -"), LineKind::Footer);
        assert_eq!(classify("— ５ —"), LineKind::Footer);
        assert_eq!(classify("第３页"), LineKind::Footer);
        assert_eq!(classify("\u{c}第2页"), LineKind::Footer);
        assert_eq!(classify("一、总体情况"), LineKind::Text);
        assert_eq!(classify("-369"), LineKind::Text);
        assert_eq!(classify("3/5"), LineKind::Footer);
        assert_eq!(classify("第 3 页 共 5 页"), LineKind::Footer);
        assert_eq!(classify("3、行政复议"), LineKind::Text);
        assert_eq!(classify("第三页"), LineKind::Text);
        assert_eq!(classify("  · 3 ·"), LineKind::Footer);
        assert_eq!(classify("·重点"), LineKind::Text);
        assert_eq!(classify("<!-- nianbao-disable cell-empty -->"), LineKind::Footer);
        assert_eq!(classify(",（一）予以公开,,37,17,6,5,10,3,78"), LineKind::CsvRow);
        assert_eq!(classify(",,,自然人,法人或其他组织,,,,,总计"), LineKind::CsvRow);
        assert_eq!(classify("规章,0,0,5"), LineKind::CsvRow);
        assert_eq!(classify("行政事业性收费,\"1,234.5\",,"), LineKind::CsvRow);
        // Running text with ASCII commas, and numbers in thousands groups.
        assert_eq!(
            classify("我局共收到申请52件,其中自然人48件,法人4件,均已答复"),
            LineKind::Text
        );
        assert_eq!(classify("数量分别为12,15,18,20件"), LineKind::Text);
        assert_eq!(classify("1,234,567,890"), LineKind::Text);
        assert_eq!(classify("收费金额：1,234,567,890元"), LineKind::Text);
        assert_eq!(classify("分别为12, 15, 18, 20, 22"), LineKind::Text);
        assert_eq!(classify("规章,0,0,5。"), LineKind::Text);
        assert_eq!(classify("规章:0,0,0"), LineKind::Text);
        assert_eq!(classify("政府集中采购    1,206    1,285,000,000"), LineKind::Text);
    }

    #[test]
    fn a_heading_among_the_first_lines_between_tab_cells_is_no_running_header() {
        // The title and the headings are the first lines with words; a heading
        // between two tab cells (no blank line around it) is still text, while
        // the title repeated there is furniture.
        let text = "示例局2021年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n\t规章\n\t0\n\
三、收到和处理政府信息公开申请情况\n\t自然人\n\t0\n示例局2021年政府信息公开工作年度报告\n\t0\n";
        let source = SourceFile::new("a.txt", text);
        let lines = classify_lines(&source);
        let kind = |words: &str| {
            lines
                .iter()
                .filter(|l| &text[l.span.start..l.span.end] == words)
                .map(|l| l.kind)
                .collect::<Vec<_>>()
        };
        assert_eq!(kind("三、收到和处理政府信息公开申请情况"), [LineKind::Text]);
        assert_eq!(
            kind("示例局2021年政府信息公开工作年度报告"),
            [LineKind::Text, LineKind::Footer]
        );
    }

    #[test]
    fn numbers_apart() {
        assert_eq!(aligned_numbers("    1.属于国家秘密     0     0     12     3"), 3);
        assert_eq!(aligned_numbers("0 0 0 0"), 0);
        assert_eq!(aligned_numbers("2020年  3月  5日"), 0);
        assert_eq!(aligned_numbers("共 12  件"), 0);
    }
}
