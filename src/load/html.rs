//! HTML pages to a text view. A published report usually sits in a page of site
//! navigation: the element that holds the most of the report's section headings
//! (and the title just above it) is taken, scripts, styles and navigation left
//! out. Data tables become tab rows with `rowspan`/`colspan` expanded and `<br>`
//! or `<p>` inside a cell kept in the cell; tables used for page layout are read
//! as text. Every walk is iterative: deeply nested markup cannot overflow.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::lined;
use super::view::{CellIn, View, expand, one_line};
use crate::label::core;
use crate::source::Provenance;

/// Elements whose content is never report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "select", "button", "input", "textarea",
    "head", "nav", "map",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "address",
    "center",
    "form",
    "main",
    "aside",
    "figure",
    "figcaption",
    "hr",
    "tr",
    "td",
    "th",
    "table",
    "caption",
    "body",
    "br",
];

/// How much text (characters) around the report's container is still taken,
/// for the title and date just above it.
const AROUND: usize = 600;

/// The least text (characters) an element holds per section title for it to
/// be the report rather than its table of contents (a title and a page
/// number each).
const MIN_TEXT_PER_TITLE: usize = 40;
/// A text this long naming the sections is a report run into one paragraph.
const WHOLE_IN_ONE_TEXT: usize = 1500;

/// A cell longer than this makes its table a layout table.
const LONG_CELL: usize = 200;

/// Elements nested deeper than this make a page unreadable: no report needs it,
/// and the HTML tree builder slows quadratically with depth.
pub(super) const MAX_DEPTH: usize = 2000;

/// How deep a page nests its elements, told from its tags alone (elements that
/// close themselves, like `<p>` and `<td>`, are not counted).
pub(super) fn nesting_depth(text: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "td", "th", "tr", "option", "dt", "dd", "o:p",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b':'))
            .map_or(bytes.len(), |e| start + e);
        if end == start {
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        let tag_end = bytes[end..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |e| end + e);
        if closing {
            depth = depth.saturating_sub(1);
        } else if tag_end == 0 || bytes[tag_end - 1] != b'/' {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

pub(super) fn to_view(text: &str, encoding: &str, section_titles: &[String]) -> (String, Provenance) {
    let (html, lines) = lined::parse(text);
    let container = report_container(&html, section_titles);
    let mut view = View::new();
    let mut walker = Walker {
        view: &mut view,
        lines: &lines,
        line: String::new(),
        origin: FirstLine::default(),
    };
    walker.walk(&html, container);
    walker.flush();
    if let Some((title, id)) = page_title(&html)
        && says_more(&title, view.text())
    {
        view.page_title(&title, lines.get(&id).copied());
    }
    view.finish("html", encoding)
}

/// A text or Markdown report with HTML tables in it (`<table>…</table>`, as
/// converters write a table with merged cells) with each table's rows written
/// as tab rows, each on the line of its `<tr>` so that line numbers stay those
/// of the file (rows written on one line take a line each: the lines after
/// them move down); `None` when it holds no table.
pub(super) fn inline_tables(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    // Every `<table` and `</table`, in order, found in one pass.
    let tags: Vec<(usize, bool)> = lower
        .match_indices("table")
        .filter_map(|(i, _)| {
            let before = &lower.as_bytes()[..i];
            match before {
                [.., b'<', b'/'] => Some((i - 2, false)),
                [.., b'<'] => Some((i - 1, true)),
                _ => None,
            }
        })
        .collect();
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for &(at, opening) in &tags {
        if opening {
            if depth == 0 {
                open = at;
            }
            depth += 1;
        } else if depth > 0 {
            depth -= 1;
            if depth == 0 {
                // No `>` after this one: none after any later one either.
                let Some(e) = lower[at..].find('>') else { break };
                regions.push((open, at + e + 1));
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (start, end) in regions {
        let region = &text[start..end];
        // As for a page: deep nesting slows the tree builder quadratically.
        if nesting_depth(region) > MAX_DEPTH {
            continue;
        }
        let fragment = Html::parse_fragment(region);
        let table = fragment
            .root_element()
            .descendants()
            .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "table"));
        let Some((rows, _)) = table.and_then(|t| data_table(&fragment, t.id(), &lined::Lines::new())) else {
            continue;
        };
        // The line of each `<tr>`, counted from the region's first.
        let mut row_lines = Vec::new();
        let (mut line, mut counted) = (0, 0);
        for (i, _) in lower[start..end].match_indices("<tr") {
            line += region[counted..i].matches('\n').count();
            counted = i;
            row_lines.push(line);
        }
        let lines = expand(rows);
        let mut written = Vec::with_capacity(lines.len());
        let mut next = 0;
        for k in 0..lines.len() {
            let at = row_lines.get(k).copied().unwrap_or(0).max(next);
            written.push(at);
            next = at + 1;
        }
        let height = (region.matches('\n').count() + 1).max(next);
        out.push_str(&text[done..start]);
        let mut row = 0;
        for l in 0..height {
            if l > 0 {
                out.push('\n');
            }
            if written.get(row) == Some(&l) {
                let cells: Vec<&str> = lines[row].iter().map(|c| c.text.as_str()).collect();
                out.push_str(&cells.join("\t"));
                row += 1;
            }
        }
        done = end;
    }
    if done == 0 {
        return None;
    }
    out.push_str(&text[done..]);
    Some(out)
}

/// The page's `<title>` when it names a report of a year
/// (`某局2023年政府信息公开年度报告-某局网站`), cut after 报告: what follows is
/// the site's name.
fn page_title(html: &Html) -> Option<(String, NodeId)> {
    let head = html
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "head")?;
    let title = head
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "title")?;
    let text = one_line(&title.text().collect::<String>());
    let name = &text[..text.find("报告")? + "报告".len()];
    year_of(name).is_some().then(|| (name.trim().to_string(), title.id()))
}

/// The year a report's name gives (`2023` of `某局2023年政府信息公开年度报告`).
fn year_of(name: &str) -> Option<&str> {
    name.char_indices().find_map(|(i, _)| {
        let year = name.get(i..i + 4)?;
        (year.starts_with(['1', '2']) && year.bytes().all(|b| b.is_ascii_digit()) && name[i + 4..].starts_with('年'))
            .then_some(year)
    })
}

/// Whether the page's title says more than the report's text: the report has
/// no heading naming it, or one naming another year.
fn says_more(title: &str, view: &str) -> bool {
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if bare(view).contains(&bare(title)) {
        return false;
    }
    let first = view.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let heading = first.chars().count() <= 80 && (first.contains("报告") || first.contains("年报"));
    // A heading whose year is not written in digits (二〇二三年) is not compared.
    !heading || year_of(first).is_some_and(|y| Some(y) != year_of(title))
}

fn is_chrome(e: &scraper::node::Element) -> bool {
    let name = e.name();
    if SKIPPED.contains(&name) {
        return true;
    }
    let marker = |s: &str| {
        let s = s.to_ascii_lowercase();
        [
            "nav",
            "menu",
            "breadcrumb",
            "crumb",
            "crumbs",
            "footer",
            "sidebar",
            "share",
            "toolbar",
            "banner",
            "position",
            "location",
            "copyright",
        ]
        .iter()
        .any(|m| s.split(['-', '_', ' ']).any(|w| w == *m))
    };
    e.id().is_some_and(marker) || e.classes().any(marker)
}

/// The element holding the report: the most section headings, then the least
/// text; when it does not start with the title, widened to its ancestors while
/// they add little (a title and date just above it).
fn report_container(html: &Html, titles: &[String]) -> NodeId {
    let root = html.root_element().id();
    // Post-order, iteratively: (characters, which sections) under each element.
    // (characters, which sections, whether two texts or one long one name them)
    let mut stats: HashMap<NodeId, (usize, u64, bool)> = HashMap::new();
    let mut stack: Vec<(NodeId, bool)> = vec![(root, false)];
    let tree = &html.tree;
    while let Some((id, done)) = stack.pop() {
        let node = tree.get(id).expect("a node of the tree");
        if done {
            let mut len = 0;
            let mut mask = 0u64;
            // Texts naming a section: a paragraph that lists the six parts
            // (`全文由总体情况、主动公开……组成`) names them all in one short text.
            let mut naming = 0;
            let mut spread = false;
            for child in node.children() {
                match child.value() {
                    Node::Text(t) => {
                        let chars = t.chars().count();
                        len += chars;
                        let c = core(t);
                        let mut here = 0u64;
                        for (i, title) in titles.iter().enumerate().take(64) {
                            if c.contains(title.as_str()) {
                                here |= 1 << i;
                            }
                        }
                        // One text naming three or more: the sections numbered in it
                        // (a page run into one text), not a sentence listing them
                        // (`本报告包括总体情况、主动公开……等六个部分`).
                        if here.count_ones() >= 3 {
                            here = numbered_in(&c, titles);
                        }
                        mask |= here;
                        if here != 0 {
                            naming += 1;
                            spread |= chars >= WHOLE_IN_ONE_TEXT;
                        }
                    }
                    Node::Element(_) => {
                        if let Some((l, m, s)) = stats.get(&child.id()) {
                            len += l;
                            if *m != 0 {
                                naming += 1;
                                spread |= s;
                            }
                            mask |= m;
                        }
                    }
                    _ => {}
                }
            }
            stats.insert(id, (len, mask, spread || naming >= 2));
            continue;
        }
        if let Node::Element(e) = node.value()
            && SKIPPED.contains(&e.name())
        {
            stats.insert(id, (0, 0, false));
            continue;
        }
        stack.push((id, true));
        for child in node.children() {
            if matches!(child.value(), Node::Element(_)) {
                stack.push((child.id(), false));
            }
        }
    }
    // A table of contents holds every title and little else: not the report.
    // So does one short text naming three or more: a list, not the sections.
    let titles_held = |len: usize, mask: u64, spread: bool| match mask.count_ones() as usize {
        n if len < n * MIN_TEXT_PER_TITLE => 0,
        n if n >= 3 && !spread => 0,
        n => n,
    };
    let best = stats
        .iter()
        .max_by(|a, b| {
            let (la, ma, sa) = a.1;
            let (lb, mb, sb) = b.1;
            // The same text nested in wrappers: the innermost, whatever the
            // map's order.
            titles_held(*la, *ma, *sa)
                .cmp(&titles_held(*lb, *mb, *sb))
                .then(lb.cmp(la))
                .then(a.0.cmp(b.0))
        })
        .filter(|&(_, &(len, mask, spread))| titles_held(len, mask, spread) > 0)
        .map(|(id, (_, m, _))| (*id, *m));
    let Some((mut id, mask)) = best else { return root };
    if mask == 0 {
        return html
            .root_element()
            .children()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "body")
            .map(|e| e.id())
            .unwrap_or(root);
    }
    // Widen only for the title: a container that starts with it has all of it.
    while !starts_with_title(html, id)
        && let Some(parent) = tree.get(id).and_then(|n| n.parent())
    {
        let (inner, outer) = (stats[&id].0, stats.get(&parent.id()).map(|s| s.0).unwrap_or(usize::MAX));
        if outer.saturating_sub(inner) > AROUND {
            break;
        }
        id = parent.id();
    }
    id
}

/// The sections a text (its core: no spaces or punctuation) names after a
/// number (`一总体情况`, `第一部分总体情况`), as bits of `titles`.
fn numbered_in(core: &str, titles: &[String]) -> u64 {
    let mut bits = 0u64;
    for (i, title) in titles.iter().enumerate().take(64) {
        let numbered = core.match_indices(title.as_str()).any(|(at, _)| {
            core[..at]
                .chars()
                .next_back()
                .is_some_and(|c| "一二三四五六七八九十分".contains(c))
        });
        if numbered {
            bits |= 1 << i;
        }
    }
    bits
}

/// Whether an element's first lines name a report as a title does: ending
/// with `年度报告`, `年报` or `工作报告`, naming the disclosure or a year (a title
/// split over a Word export's runs is read joined). A sentence citing the
/// site's column (`……“政府信息公开年报”栏目查阅。`) or a run of a sentence
/// (`本` `年度报告` `根据……编制。`) is no title.
fn starts_with_title(html: &Html, id: NodeId) -> bool {
    let Some(node) = html.tree.get(id) else { return false };
    let titled = |t: &str| {
        let t = t.trim().trim_end_matches(['）', ')', '”', '"', '》']);
        t.chars().count() <= 80
            && !t.contains('。')
            && ["年度报告", "年报", "工作报告"].iter().any(|w| t.ends_with(w))
            && (t.contains("信息公开") || year_of(t).is_some())
    };
    let mut joined = String::new();
    node.descendants()
        .filter_map(|d| match d.value() {
            Node::Text(t) if !t.trim().is_empty() => Some(t),
            _ => None,
        })
        .take(3)
        .any(|t| {
            joined.push_str(t.trim());
            titled(t) || titled(&joined)
        })
}

/// The page's line some text starts on: that of the element last opened
/// before its first words.
#[derive(Debug, Default)]
struct FirstLine {
    /// The line of the element last entered.
    at: Option<u32>,
    /// The line of the first words, once there are some.
    from: Option<u32>,
}

impl FirstLine {
    fn enter(&mut self, line: Option<u32>) {
        self.at = line.or(self.at);
    }

    fn text(&mut self, text: &str) {
        if self.from.is_none() && !text.trim().is_empty() {
            self.from = self.at;
        }
    }
}

struct Walker<'v> {
    view: &'v mut View,
    /// The page's line of each element.
    lines: &'v lined::Lines,
    line: String,
    /// Where the text of `line` starts on the page.
    origin: FirstLine,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let from = self.origin.from.take();
        if !self.line.trim().is_empty() {
            self.view.from_line(from);
            self.view.paragraph(&self.line);
        }
        self.line.clear();
    }

    fn walk(&mut self, html: &Html, from: NodeId) {
        let tree = &html.tree;
        // (node, leaving): leaving a block ends its line.
        let mut stack: Vec<(NodeId, bool)> = vec![(from, false)];
        while let Some((id, leaving)) = stack.pop() {
            let node = tree.get(id).expect("a node of the tree");
            match node.value() {
                Node::Text(t) => {
                    self.origin.text(t);
                    push_text(&mut self.line, t)
                }
                // Suppression comments keep their own line, as in Markdown.
                Node::Comment(c) if c.trim_start().starts_with("nianbao-") => {
                    self.flush();
                    self.view.from_line(self.lines.get(&id).copied());
                    self.view.paragraph(&format!("<!-- {} -->", c.trim()));
                }
                Node::Element(e) if leaving && BLOCKS.contains(&e.name()) => self.flush(),
                Node::Element(_) if leaving => {}
                Node::Element(e) => {
                    if id != from && is_chrome(e) {
                        continue;
                    }
                    if e.name() == "img" {
                        self.view.image();
                    }
                    self.origin.enter(self.lines.get(&id).copied());
                    let rows = match e.name() {
                        "table" => data_table(html, id, self.lines),
                        name if GRID_PARTS.contains(&name) => div_grid(html, id, self.lines),
                        _ => None,
                    };
                    if let Some((rows, ids)) = rows {
                        self.flush();
                        // A caption is the table's heading (`三、收到和处理……`).
                        for caption in node.children() {
                            if let Node::Element(c) = caption.value()
                                && c.name() == "caption"
                            {
                                let (text, line) = cell_text(html, caption.id(), self.lines);
                                if !text.is_empty() {
                                    self.view.from_line(line);
                                    self.view.paragraph(&text);
                                }
                            }
                        }
                        let lines: Vec<Option<u32>> = ids.iter().map(|i| self.lines.get(i).copied()).collect();
                        self.view.table_from(rows, &lines);
                        continue;
                    }
                    if BLOCKS.contains(&e.name()) {
                        self.flush();
                    }
                    stack.push((id, true));
                    let children: Vec<NodeId> = node.children().map(|c| c.id()).collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
                _ => {}
            }
        }
    }
}

/// Text as HTML shows it: runs of ASCII spaces and line breaks are one space,
/// kept as `\n` where the run holds a line break, for [`one_line`] to drop
/// between two Chinese characters.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            let line_break = matches!(c, '\n' | '\r');
            if out.ends_with(' ') && line_break {
                out.pop();
                out.push('\n');
            } else if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(if line_break { '\n' } else { ' ' });
            }
        } else if !crate::label::is_invisible(c) {
            out.push(c);
        }
    }
}

/// A table's rows and the element of each.
type Rows = (Vec<Vec<CellIn>>, Vec<NodeId>);

/// The rows of a data table, or `None` for a table used for page layout (long
/// cells of running text).
fn data_table(html: &Html, table: NodeId, lines: &lined::Lines) -> Option<Rows> {
    let tree = &html.tree;
    let mut rows: Vec<Vec<CellIn>> = Vec::new();
    let mut ids = Vec::new();
    // The rows of this table, not of tables inside its cells.
    let mut stack: Vec<NodeId> = tree.get(table)?.children().map(|c| c.id()).collect();
    stack.reverse();
    while let Some(id) = stack.pop() {
        let node = tree.get(id)?;
        let Node::Element(e) = node.value() else { continue };
        match e.name() {
            "tr" => {
                let mut row = Vec::new();
                for cell in node.children() {
                    let Node::Element(c) = cell.value() else { continue };
                    if !matches!(c.name(), "td" | "th") {
                        continue;
                    }
                    let span = |name: &str| {
                        c.attr(name)
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 100)
                    };
                    let (text, line) = cell_text(html, cell.id(), lines);
                    if text.chars().count() > LONG_CELL {
                        return None;
                    }
                    row.push(CellIn {
                        text,
                        colspan: span("colspan"),
                        rowspan: span("rowspan"),
                        line,
                    });
                }
                rows.push(row);
                ids.push(id);
            }
            "thead" | "tbody" | "tfoot" => {
                let children: Vec<NodeId> = node.children().map(|c| c.id()).collect();
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
    (rows.len() >= 2).then_some((rows, ids))
}

/// Elements a table drawn with CSS is built of: the table, its rows, its cells.
const GRID_PARTS: &[&str] = &["div", "ul", "ol", "dl", "section"];
const GRID_CELLS: &[&str] = &["div", "li", "dd", "dt", "span", "p"];

/// The rows of a table drawn with `<div>`s (or list items): every child a row
/// of cell elements holding short text, most rows with two cells or more and
/// numbers in two rows (or one row of four cells or more). A run of paragraphs never qualifies: its lines are not
/// rows of cells.
fn div_grid(html: &Html, grid: NodeId, lines: &lined::Lines) -> Option<Rows> {
    let tree = &html.tree;
    let is_element = |n: &ego_tree::NodeRef<'_, Node>| matches!(n.value(), Node::Element(_));
    let stray_text = |n: &ego_tree::NodeRef<'_, Node>| {
        n.children()
            .any(|c| matches!(c.value(), Node::Text(t) if !t.trim().is_empty()))
    };
    let node = tree.get(grid)?;
    if stray_text(&node) {
        return None;
    }
    let mut rows = Vec::new();
    let mut ids = Vec::new();
    let mut numeric_rows = 0;
    for row in node.children().filter(is_element) {
        let Node::Element(r) = row.value() else { continue };
        if !GRID_PARTS.contains(&r.name()) && r.name() != "li" || stray_text(&row) {
            return None;
        }
        let mut cells = Vec::new();
        for cell in row.children().filter(is_element) {
            let Node::Element(c) = cell.value() else { continue };
            if !GRID_CELLS.contains(&c.name()) {
                return None;
            }
            // A cell holds text, not rows of its own.
            let nested = cell.descendants().skip(1).any(|d| {
                matches!(d.value(), Node::Element(e) if !matches!(e.name(), "p" | "br" | "span" | "font" | "b" | "strong" | "em" | "i" | "sup" | "sub" | "o:p"))
            });
            if nested {
                return None;
            }
            let (text, line) = cell_text(html, cell.id(), lines);
            if text.chars().count() > LONG_CELL {
                return None;
            }
            cells.push(CellIn {
                text,
                colspan: 1,
                rowspan: 1,
                line,
            });
        }
        if cells.is_empty() {
            return None;
        }
        if cells.iter().any(|c| is_number(&c.text)) {
            // A sentence cut into spans around its numbers is not a row.
            if cells.iter().any(|c| c.text.contains(['，', '。', '；'])) {
                return None;
            }
            numeric_rows += 1;
        }
        rows.push(cells);
        ids.push(row.id());
    }
    let wide = rows.iter().filter(|r| r.len() >= 2).count();
    let widest = rows.iter().map(Vec::len).max().unwrap_or(0);
    // Numbers in two rows, or in one row of a wide grid (table 四 has one row).
    let numbers = numeric_rows >= 2 || (numeric_rows == 1 && widest >= 4);
    (rows.len() >= 2 && numbers && wide * 2 >= rows.len()).then_some((rows, ids))
}

/// A cell that holds just a number (`12`, `３`, `45.2`, `+2`).
fn is_number(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(crate::label::is_digit)
        && t.chars()
            .all(|c| crate::label::is_digit(c) || matches!(c, '.' | ',' | '+' | '-' | '%'))
}

/// A cell's text on one line (paragraphs and line breaks inside it are
/// spaces), and the page's line it starts on (the cell's own when it is empty).
fn cell_text(html: &Html, cell: NodeId, lines: &lined::Lines) -> (String, Option<u32>) {
    let tree = &html.tree;
    let mut out = String::new();
    let mut stack = vec![cell];
    let mut origin = FirstLine::default();
    while let Some(id) = stack.pop() {
        let Some(node) = tree.get(id) else { continue };
        match node.value() {
            Node::Text(t) => {
                origin.text(t);
                push_text(&mut out, t)
            }
            Node::Element(e) => {
                if SKIPPED.contains(&e.name()) {
                    continue;
                }
                origin.enter(lines.get(&id).copied());
                if id != cell && BLOCKS.contains(&e.name()) && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                let children: Vec<NodeId> = node.children().map(|c| c.id()).collect();
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
    (out.trim().to_string(), origin.from.or(lines.get(&cell).copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(html: &str) -> String {
        let titles = vec!["总体情况".to_string(), "主动公开政府信息情况".to_string()];
        to_view(html, "UTF-8", &titles).0
    }

    #[test]
    fn each_line_of_the_view_knows_the_pages_line() {
        let page = "<html><head><title>x</title></head><body>\n<p>一、总体情况</p>\n<div>\n  <span>本年度</span>，我局\n</div>\n\
                    <table>\n<tr>\n<td>\n<p>信息内容</p></td><td>本年新</td></tr>\n<tr><td rowspan=\"2\">规章</td>\n<td>\n\n<p>3</p></td></tr>\n\
                    <tr><td></td></tr>\n</table></body></html>";
        let titles = vec!["总体情况".to_string()];
        let (text, p) = to_view(page, "UTF-8", &titles);
        let line_of = |words: &str| p.line_at(text.find(words).unwrap());
        assert_eq!(line_of("一、总体情况"), Some(2));
        // A paragraph's line is where its first words' element opens.
        assert_eq!(line_of("本年度"), Some(4));
        // A cell's is where its text starts, or its own when empty.
        assert_eq!(line_of("信息内容"), Some(9));
        assert_eq!(line_of("本年新"), Some(9));
        assert_eq!(line_of("规章"), Some(10));
        assert_eq!(line_of("3"), Some(13));
        let last = text.rfind("\t").unwrap();
        // The cell merged down from 规章 is on its row's line, the empty cell on its own.
        assert_eq!(p.line_at(text.rfind("\n\t").unwrap() + 1), Some(14));
        assert_eq!(p.line_at(last + 1), Some(14));
    }

    #[test]
    fn a_table_of_contents_in_an_element_of_its_own_is_not_the_report() {
        let page = "<html><body><div class=article><h1>某局2021年政府信息公开工作年度报告</h1>\
            <div><p>目录</p><ul><li><a href=\"#s0\">一、总体情况</a></li>\
            <li><a href=\"#s1\">二、主动公开政府信息情况</a></li></ul></div>\
            <h2 id=s0>一、总体情况</h2><p>2021年，我局坚持以公开促落实，全年主动公开政府信息652条，办理申请54件。</p>\
            <h2 id=s1>二、主动公开政府信息情况</h2><p>规章、规范性文件和行政许可情况见下表。</p></div></body></html>";
        // A report longer than what is taken around the container for its title.
        let page = page.replace(
            "</p><h2 id=s1>",
            &format!(
                "</p>{}<h2 id=s1>",
                "<p>（一）主动公开情况。全年主动公开政府信息652条，其中规章3件。</p>".repeat(30)
            ),
        );
        let v = view(&page);
        assert!(v.contains("目录"), "{v}");
        assert!(
            v.contains("二、主动公开政府信息情况\n规章、规范性文件和行政许可情况见下表。"),
            "{v}"
        );
    }

    #[test]
    fn the_report_is_taken_out_of_the_page() {
        let page = "<html><head><title>x</title><script>var a='一、总体情况';</script></head><body>\
            <div class=\"nav-bar\">首页 | 信息公开 | 一、总体情况</div>\
            <div id=main><h1>某局2021年政府信息公开工作年度报告</h1><p>发布日期：2022-01-20</p>\
            <div class=content><p>一、总体情况</p><p>2021年，我局……</p><p>二、主动公开政府信息情况</p></div></div>\
            <div class=footer>版权所有</div></body></html>";
        let v = view(page);
        assert!(v.starts_with("某局2021年政府信息公开工作年度报告\n"), "{v}");
        assert!(
            v.contains("一、总体情况\n2021年，我局……\n二、主动公开政府信息情况\n"),
            "{v}"
        );
        assert!(
            !v.contains("首页") && !v.contains("版权所有") && !v.contains("var a"),
            "{v}"
        );
    }

    #[test]
    fn tables_keep_cells_with_breaks_and_merged_cells() {
        let page = "<body><p>一、总体情况</p><p>二、主动公开政府信息情况</p><table>\
            <tr><td colspan=3>第二十条第（一）项</td></tr>\
            <tr><td rowspan=2>信息内容</td><td>本年新<br>制作数量</td><td><p>本年新</p><p>公开数量</p></td></tr>\
            <tr><td>1</td><td>2</td></tr></table></body>";
        let v = view(page);
        assert!(
            v.contains("第二十条第（一）项\n信息内容\t本年新 制作数量\t本年新 公开数量\n\t1\t2\n"),
            "{v:?}"
        );
    }

    #[test]
    fn tables_drawn_with_divs_are_tables_and_paragraphs_are_not() {
        let page = "<body><p>一、总体情况</p><p>二、主动公开政府信息情况</p>\
            <div class=grid><div class=row><div>信息内容</div><div>本年制发件数</div><div>现行有效件数</div></div>\
            <div class=row><div>规章</div><div>0</div><div>3</div></div>\
            <div class=row><div>行政规范性文件</div><div><span>2</span></div><div>15</div></div></div>\
            <div><div><span>2021年，</span><span>我局制发规章0件</span></div><div><span>现行有效</span><span>3件</span></div></div>\
            <div><div><span>制发规章</span><span>1</span><span>件，</span></div><div><span>废止</span><span>2</span><span>件。</span></div></div>\
            </body>";
        let v = view(page);
        assert!(
            v.contains("信息内容\t本年制发件数\t现行有效件数\n规章\t0\t3\n行政规范性文件\t2\t15\n"),
            "{v:?}"
        );
        assert!(v.contains("2021年，我局制发规章0件\n现行有效3件\n"), "{v:?}");
        assert!(v.contains("制发规章1件，\n废止2件。\n"), "{v:?}");
    }

    #[test]
    fn deep_nesting_is_measured_and_walked_without_recursion() {
        let nested = |n: usize| {
            format!(
                "<body><p>一、总体情况</p>{}深处的文字{}</body>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        };
        assert_eq!(nesting_depth(&nested(100_000)), 100_001);
        assert_eq!(
            nesting_depth("<html><body><p>a<p>b<br><img src=x/><td>c</body></html>"),
            2
        );
        // Deep, but within the bound: read without overflowing the stack.
        let v = view(&nested(MAX_DEPTH - 10));
        assert!(v.contains("深处的文字"));
    }
}
