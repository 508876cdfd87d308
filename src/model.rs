//! The document model: what a report says, with every element's byte span in the
//! decoded text. Built by [`crate::parse`], read by the rules.

use crate::format::SectionWording;
use crate::label::{MatchQuality, Numbering};
use crate::number::CellValue;
use crate::source::{SourceFile, Span};

#[derive(Debug)]
pub struct Document {
    pub source: SourceFile,
    pub title: Option<Title>,
    pub report_year: Option<ReportYear>,
    /// The title's year, when the body's evidence outvoted it for `report_year`.
    pub title_overruled: Option<TitleOverruled>,
    /// The body's evidence for `report_year` when neither the title nor a
    /// period names one (`YearSource::Untitled`); when it settled no year,
    /// all the evidence there is (`report_year` is then `None`).
    pub untitled_votes: Vec<YearVote>,
    /// The statistics period's year, when no title names one and the body's
    /// evidence outvoted it for `report_year` (`YearSource::Untitled`).
    pub period_overruled: Option<ReportYear>,
    /// Headings and numbered items, in document order.
    pub outline: Vec<OutlineItem>,
    /// The required sections found, in document order.
    pub sections: Vec<SectionMatch>,
    pub tables: Vec<Table>,
    pub paragraphs: Vec<Paragraph>,
    /// Sentences cut by [`Document::sentences`], by their ends.
    pub sentence_cache: std::sync::Mutex<Vec<CutSentences>>,
    /// The paragraphs with wrapped lines joined, made when first asked for.
    pub joined: std::sync::OnceLock<Joined>,
    /// What checks work out once per document and share (see [`Memo`]).
    pub memo: Memo,
}

/// Results a check works out once per document for others that ask the same
/// question (the statement and plan checks' year mentions), by a key that
/// stands for everything the answer depends on.
#[derive(Default)]
pub struct Memo(std::sync::Mutex<Vec<(u64, std::sync::Arc<dyn std::any::Any + Send + Sync>)>>);

impl Memo {
    /// The answer stored under `key`, made by `make` if there is none yet.
    pub fn get_or_make<T: std::any::Any + Send + Sync>(&self, key: u64, make: impl FnOnce() -> T) -> std::sync::Arc<T> {
        let stored = |memo: &Vec<(u64, std::sync::Arc<dyn std::any::Any + Send + Sync>)>| {
            memo.iter()
                .find_map(|(k, v)| (*k == key).then(|| v.clone().downcast::<T>().ok()).flatten())
        };
        if let Some(found) = stored(&self.0.lock().unwrap_or_else(|e| e.into_inner())) {
            return found;
        }
        // Made outside the lock: making it may ask for other answers.
        let made = std::sync::Arc::new(make());
        let mut memo = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = stored(&memo) {
            return found;
        }
        memo.push((key, made.clone()));
        made
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// Sentences cut at a set of ends.
pub type CutSentences = (&'static [char], std::sync::Arc<[Span]>);

impl Document {
    /// The agency the title names: the words before the year, or between the
    /// year and 政府信息公开 (`2021年某局政府信息公开…`), without spaces.
    pub fn agency(&self) -> Option<String> {
        let title = &self.title.as_ref()?.text;
        let m = crate::years::first_year(title)?.through_nian();
        let before = title[..m.start].trim_matches(|c: char| crate::label::is_space(c) || c == '#');
        let name = if before.chars().count() >= 2 {
            before.to_string()
        } else {
            let after = &title[m.end..];
            let end = after
                .find("政府信息公开")
                .or_else(|| after.find("政务公开"))
                .unwrap_or(after.len());
            after[..end].to_string()
        };
        let name: String = name.chars().filter(|c| !crate::label::is_space(*c)).collect();
        // `某局关于2021年…`, `某局的2021年…`: the words that lead to the year are not the name.
        let name = name.trim_end_matches("关于").trim_end_matches('的').to_string();
        (name.chars().count() >= 2).then_some(name)
    }

    pub fn text(&self, span: Span) -> &str {
        self.source.slice(span)
    }

    /// The section (index into `sections`) that contains `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        // Sections are in document order: start from the last one begun here.
        let begun = self.sections.partition_point(|s| s.heading.start <= offset);
        self.sections[..begun].iter().rposition(|s| offset < s.end)
    }

    /// Where the first section's heading starts (sections are in document
    /// order): what comes before is the opening, a page's header.
    pub fn first_heading(&self) -> Option<usize> {
        self.sections.first().map(|s| s.heading.start)
    }

    /// The first match of a section by key.
    pub fn section(&self, key: &str) -> Option<&SectionMatch> {
        self.sections.iter().find(|s| s.key == key)
    }

    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }

    /// The paragraphs cut into sentences at any of `ends` (each sentence keeps
    /// its end mark; most rules cut at [`SENTENCE_ENDS`]).
    pub fn sentences(&self, ends: &'static [char]) -> std::sync::Arc<[Span]> {
        let paragraphs = self.paragraphs.iter().map(|p| (self.text(p.span), p.span.start));
        cut_once(&self.sentence_cache, ends, paragraphs)
    }

    /// The paragraphs as read when lines a page's width wrapped are joined.
    pub fn joined(&self) -> &Joined {
        self.joined.get_or_init(|| Joined::new(self))
    }
}

/// Where a sentence ends: the marks most rules cut the text at.
pub const SENTENCE_ENDS: &[char] = &['。', '！', '？'];

/// The sentences of the paragraphs (each with where it starts), cut after any
/// of `ends`: several rules read the same sentences, so they are cut once per
/// set of ends and kept in `cache`.
fn cut_once<'t>(
    cache: &std::sync::Mutex<Vec<CutSentences>>,
    ends: &'static [char],
    paragraphs: impl Iterator<Item = (&'t str, usize)>,
) -> std::sync::Arc<[Span]> {
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, found)) = cache.iter().find(|(e, _)| std::ptr::eq(*e, ends) || *e == ends) {
        return found.clone();
    }
    let mut out = Vec::new();
    for (text, base) in paragraphs {
        cut_sentences(text, base, ends, &mut out);
    }
    let found: std::sync::Arc<[Span]> = out.into();
    cache.push((ends, found.clone()));
    found
}

/// Push the sentences of `text` (which starts at `base`), cut after any of `ends`.
fn cut_sentences(text: &str, base: usize, ends: &[char], out: &mut Vec<Span>) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if ends.contains(&c) {
            out.push(Span::new(base + start, base + i + c.len_utf8()));
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(Span::new(base + start, base + text.len()));
    }
}

/// The paragraphs with the line breaks inside them taken out, with the spaces
/// around them: a PDF's or a scan's lines break wherever the page ends
/// (`答⏎复 3050 件`, `受理政府⏎信息公开申请`), which no phrase would match.
/// Each piece keeps where it came from, so a match maps back to the source.
#[derive(Debug, Default)]
pub struct Joined {
    /// The paragraphs, one per line.
    pub text: String,
    /// Where each piece starts, in `text` and in the source, in order.
    pieces: Vec<(usize, usize)>,
    /// Each paragraph's span in `text`.
    paragraphs: Vec<Span>,
    sentence_cache: std::sync::Mutex<Vec<CutSentences>>,
}

/// Each line break with the spaces around it, as `[ \t　]*[\r\n\f]\s*` finds
/// them (written out: the regex crate would build a Unicode `\s` for each run).
fn line_breaks(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let at = pos + memchr::memchr3(b'\r', b'\n', b'\x0C', &text.as_bytes()[pos..])?;
        let mut start = at;
        while let Some(c) = text[pos..start].chars().next_back()
            && matches!(c, ' ' | '\t' | '\u{3000}')
        {
            start -= c.len_utf8();
        }
        let end = at
            + 1
            + text[at + 1..]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(text.len() - at - 1);
        pos = end;
        Some(start..end)
    })
}

/// The commas grouping a number's digits (`2,599条`), each as its range:
/// `599` alone is not the number.
fn group_commas(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b',', bytes)
        .filter(move |&at| {
            let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
            at > 0 && digit(at - 1) && (1..=3).all(|k| digit(at + k)) && !digit(at + 4)
        })
        .map(|at| at..at + 1)
}

/// Two ascending runs of disjoint ranges as one.
fn merge_ordered(
    a: impl Iterator<Item = std::ops::Range<usize>>,
    b: impl Iterator<Item = std::ops::Range<usize>>,
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y.start < x.start => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

impl Joined {
    fn new(doc: &Document) -> Joined {
        let mut joined = Joined::default();
        for p in &doc.paragraphs {
            let text = doc.text(p.span);
            let start = joined.text.len();
            joined.pieces.push((start, p.span.start));
            let mut from = 0;
            let breaks = line_breaks(text).filter(|b| {
                // Two numbers or two words stay apart (`共 12⏎3 件` is not 123).
                let before = text[..b.start].chars().next_back();
                let after = text[b.end..].chars().next();
                let apart = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                b.end != text.len() && !(apart(before) && apart(after))
            });
            for b in merge_ordered(breaks, group_commas(text)) {
                joined.text.push_str(&text[from..b.start]);
                joined.pieces.push((joined.text.len(), p.span.start + b.end));
                from = b.end;
            }
            joined.text.push_str(&text[from..]);
            joined.paragraphs.push(Span::new(start, joined.text.len()));
            joined.text.push('\n');
        }
        joined
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The sentences of the joined paragraphs (spans in `text`), cut after any of `ends`.
    pub fn sentences(&self, ends: &'static [char]) -> std::sync::Arc<[Span]> {
        let paragraphs = self.paragraphs.iter().map(|&p| (self.slice(p), p.start));
        cut_once(&self.sentence_cache, ends, paragraphs)
    }

    /// Where a span of `text` was in the source: from its first character's
    /// place to just after its last one's.
    pub fn source_span(&self, span: Span) -> Span {
        let at = |offset: usize| {
            let i = self.pieces.partition_point(|&(t, _)| t <= offset).max(1) - 1;
            let (t, s) = self.pieces.get(i).copied().unwrap_or_default();
            s + offset.saturating_sub(t)
        };
        let start = at(span.start);
        let end = if span.end > span.start {
            at(span.end - 1) + 1
        } else {
            start
        };
        Span::new(start, end.max(start))
    }
}

#[derive(Debug, Clone)]
pub struct Title {
    /// The title as one line: pieces split over lines joined, surrounding spaces trimmed.
    pub text: String,
    /// One span per source line the title was written on.
    pub spans: Vec<Span>,
}

impl Title {
    pub fn span(&self) -> Span {
        self.spans.iter().copied().reduce(Span::cover).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    /// The statistics period (`统计期限为2020年1月1日至…`).
    Period,
    /// Given on the command line.
    Override,
    /// The body, against a title that names another year (see
    /// [`Document::title_overruled`]).
    Body,
    /// The body, where neither the title nor a period names a year (see
    /// [`Document::untitled_votes`]).
    Untitled,
}

impl YearSource {
    pub fn as_str(self) -> &'static str {
        match self {
            YearSource::Title => "title",
            YearSource::Period => "period",
            YearSource::Override => "override",
            YearSource::Body => "body",
            YearSource::Untitled => "untitled",
        }
    }
}

/// The report year as the body settles it, before the rules run.
#[derive(Debug, Clone)]
pub enum YearJudgement {
    /// The body outvotes the title's year.
    TitleOverruled(TitleOverruled),
    /// Neither the title nor a period names a year; the body agrees on one:
    /// the evidence, the strongest first.
    Untitled(Vec<YearVote>),
}

/// A title whose year the body contradicts: the year it names, and the
/// evidence for the year the report is checked against instead.
#[derive(Debug, Clone)]
pub struct TitleOverruled {
    pub title: ReportYear,
    pub votes: Vec<YearVote>,
}

/// One piece of evidence of the year a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearVote {
    pub year: i32,
    pub span: Span,
    pub kind: VoteKind,
}

/// Where a [`YearVote`] comes from; votes of one kind count once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VoteKind {
    /// The statistics period names the year.
    Period,
    /// A sentence states the agency's work in the year.
    Statement,
    /// The signature is dated the year after.
    Signature,
    /// A plan names the year after (`2023年，我局将……`).
    Plan,
    /// The text names the report with its year (`现将……2021年政府信息公开工作年度报告公布如下`).
    SelfName,
    /// The tables follow the edition of the format for the year.
    Tables,
}

#[derive(Debug, Clone, Copy)]
pub struct ReportYear {
    pub year: i32,
    /// Where it was read; empty for an override.
    pub span: Span,
    pub source: YearSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A Markdown heading without numbering (`# 标题`).
    Markdown,
    /// `一、` … a top-level heading.
    Top,
    /// `（一）` `(一)`.
    Paren,
    /// `1.` `1、` at the start of a line.
    Arabic,
    /// `一是` `二是` inside running text.
    Shi,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Markdown => "markdown",
            ItemKind::Top => "top",
            ItemKind::Paren => "paren",
            ItemKind::Arabic => "arabic",
            ItemKind::Shi => "shi",
        }
    }
}

/// A heading or a numbered item.
#[derive(Debug, Clone)]
pub struct OutlineItem {
    pub kind: ItemKind,
    pub number: Option<u32>,
    /// The item's text after the numbering, up to the end of the heading (or of the
    /// first sentence for an item that runs on into text).
    pub text: String,
    /// The numbering (`一、`, `（二）`, `三是`), or the `#` marks.
    pub marker: Span,
    /// Numbering and text.
    pub span: Span,
    /// Markdown heading depth (`##` is 2).
    pub depth: Option<u8>,
    /// True when the item starts a line on its own as a heading; false when it runs
    /// on into a paragraph or sits inside one.
    pub heading: bool,
}

/// One of the required sections, as found.
#[derive(Debug, Clone)]
pub struct SectionMatch {
    /// The section's key in the format (`overview` … `other`).
    pub key: String,
    /// The heading's own numbering, if any.
    pub numbering: Option<Numbering>,
    /// The heading (numbering and words).
    pub heading: Span,
    pub wording: SectionWording,
    /// Found inside running text rather than as a heading line.
    pub inline: bool,
    /// The body runs from the end of the heading to here (next section or end).
    pub end: usize,
}

impl SectionMatch {
    pub fn body(&self) -> Span {
        Span::new(self.heading.end.min(self.end), self.end)
    }
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Span,
}

/// How a table was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per line, cells separated by tabs.
    TabRows,
    /// One row per line, cells separated by commas (a spreadsheet's CSV export).
    CsvRows,
    /// One cell per line, each starting with a tab; rows separated by blank lines.
    TabCells,
    /// Markdown pipe table.
    Pipes,
    /// One cell per line without tabs, or cells aligned with spaces.
    Lines,
    /// Cells run together in running text.
    RunTogether,
    Mixed,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::TabRows => "tab-rows",
            Layout::CsvRows => "csv-rows",
            Layout::TabCells => "tab-cells",
            Layout::Pipes => "pipes",
            Layout::Lines => "lines",
            Layout::RunTogether => "run-together",
            Layout::Mixed => "mixed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    /// The schema's key (`disclosure`, `applications`, `appeals`).
    pub key: String,
    /// Index of the schema it was read with in `Format::tables`.
    pub schema: usize,
    /// The edition whose schema fits best (`None` when the table is the same in all).
    pub edition: Option<String>,
    pub span: Span,
    pub layout: Layout,
    pub blocks: Vec<Block>,
    /// Header and block-title cells, kept as evidence of the edition.
    pub header: Vec<HeaderCell>,
    /// Numbers that belong to no row.
    pub orphans: Vec<Cell>,
    pub readable: Readability,
    /// Unreadable only for rows of digits run together: readable once the
    /// table's arithmetic has split each of them, or found that no split
    /// balances ([`crate::infer`]).
    pub readable_once_split: bool,
    /// The numbers stood apart from their labels and were placed in order.
    pub placed: Option<Placement>,
    /// The table leaves its zeros blank: its relations read a blank as 0
    /// ([`crate::infer`] says so when, read that way, they hold), but for the
    /// cells in `totals`.
    pub blanks_are_zeros: bool,
    /// The zeros are written as placeholders (`—`, `/`) and only a few cells
    /// are blank: those blanks are not zeros (a number left out), only the
    /// placeholders are read as 0.
    pub zeros_as_placeholders: bool,
    /// The cells that relations check as totals, (block, row, column) in the
    /// schema, sorted: a total left blank is not a 0.
    pub totals: Vec<(usize, usize, usize)>,
    /// Data rows written again under the same label: only the first is read.
    pub repeats: Vec<RepeatedRow>,
    /// The whole table written again right after (or before) this one, nothing
    /// but blank lines between: that copy's span, and whether its numbers differ.
    pub copy: Option<(Span, bool)>,
}

/// A data row written a second time, with numbers, under the same label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatedRow {
    pub block: usize,
    /// The row's index in its block of the schema.
    pub row: usize,
    /// The first label, whose row was read.
    pub first: Span,
    /// The repeated label, whose numbers were set aside.
    pub again: Span,
    /// Both rows hold the same numbers.
    pub same: bool,
}

/// How a table's numbers, found apart from their labels, were placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// How many numbers: rows × columns.
    pub numbers: usize,
    pub rows: usize,
    /// Column by column rather than row by row.
    pub by_column: bool,
}

impl Table {
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.blocks.iter().flat_map(|b| b.rows.iter())
    }

    /// From its start to its first column title, block title, row label or
    /// number: a caption written after the anchor (`2020年度政府信息公开申请情况统计表`
    /// in a page run together) stands here, in no paragraph.
    pub fn lead(&self) -> Span {
        let rows = self
            .rows()
            .flat_map(|r| r.label_spans.iter().chain(r.cells.iter().map(|c| &c.span)));
        let first = self
            .header
            .iter()
            .filter(|h| h.column.is_some() || h.block_title.is_some())
            .map(|h| h.span.start)
            .chain(self.blocks.iter().filter_map(|b| b.title.map(|t| t.start)))
            .chain(rows.map(|s| s.start))
            .chain(self.orphans.iter().map(|c| c.span.start))
            .filter(|&at| at >= self.span.start)
            .min()
            .unwrap_or(self.span.start);
        Span::new(self.span.start, first.min(self.span.end))
    }

    /// The block found for schema block `index`.
    pub fn block(&self, index: usize) -> Option<&Block> {
        self.blocks.iter().find(|b| b.index == index)
    }

    /// Whether it is read as `edition` would have it: a table of that edition,
    /// or one the same in every edition (any table when `None`).
    pub fn fits_edition(&self, edition: Option<&str>) -> bool {
        match (edition, self.edition.as_deref()) {
            (Some(e), Some(table)) => e == table,
            _ => true,
        }
    }

    /// The row found for schema row `row` of block `block`.
    pub fn row(&self, block: usize, row: usize) -> Option<&Row> {
        self.block(block)?.rows.iter().find(|r| r.index == row)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readability {
    Ok,
    /// Too few rows could be read to check anything; the reason is for the user.
    Unreadable(String),
}

/// A header's words but those of its cells that name no column (a group's
/// title, a note), spaces left out: where a title not recognised (wrapped over
/// lines, `商业企` / `业`; two in one cell, `商业企业 科研机构`) may stand.
/// `法人或其他组织` is such a cell, so it does not hold `其他`.
pub fn unread_header_words(text: &str, span: Span, header: &[HeaderCell]) -> String {
    let inside = |at: usize| {
        header
            .iter()
            .any(|h| h.column.is_none() && h.span.start <= at && at < h.span.end)
    };
    text.get(span.start..span.end)
        .unwrap_or("")
        .char_indices()
        .filter(|&(i, c)| !crate::label::is_space(c) && !inside(span.start + i))
        .map(|(_, c)| c)
        .collect()
}

/// The columns of block `block` that a header lacks: no cell of it names them,
/// and their titles' first two characters are nowhere in its `words` (see
/// [`unread_header_words`]: a title wrapped over lines is there). `cores`:
/// each column's title, in order.
pub fn columns_not_in_header<'c>(
    header: &[HeaderCell],
    words: &str,
    block: usize,
    cores: impl Iterator<Item = &'c str>,
) -> Vec<usize> {
    cores
        .enumerate()
        .filter(|&(c, core)| {
            let named = header.iter().any(|h| h.column == Some((block, c)));
            let start: String = core.chars().take(2).collect();
            !named && !words.contains(&start)
        })
        .map(|(c, _)| c)
        .collect()
}

#[derive(Debug, Clone)]
pub struct HeaderCell {
    pub text: String,
    pub span: Span,
    pub quality: MatchQuality,
    /// The block whose title this is, if it is a block title.
    pub block_title: Option<usize>,
    /// The column (block, column) it names, if it names one.
    pub column: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Block {
    /// Index of the block in the schema.
    pub index: usize,
    pub title: Option<Span>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Index of the row in the schema's block.
    pub index: usize,
    /// The label as written, pieces joined.
    pub label: String,
    /// One span per label cell or wrapped piece; empty for an implicit row.
    pub label_spans: Vec<Span>,
    pub quality: MatchQuality,
    /// The value cells, after dropping empty cells that are layout artifacts.
    pub cells: Vec<Cell>,
    pub shape: RowShape,
    /// The values were found just before the label (a layout that puts them there).
    pub displaced: bool,
    /// For digits run together: what the table's row relations made of them.
    pub split: Option<Split>,
}

impl Row {
    /// Read on its own, whatever became of the rest of its table: every cell
    /// in place, none guessed or moved, and its label and cells on one line
    /// whose layout marks the cells (tabs, pipes, a Word or web table).
    pub fn stands_alone(&self, text: &str) -> bool {
        if self.shape != RowShape::Ok || self.split.is_some() || self.displaced || self.label_spans.is_empty() {
            return false;
        }
        let spans = || {
            self.label_spans
                .iter()
                .copied()
                .chain(self.cells.iter().map(|c| c.span))
        };
        let (Some(start), Some(end)) = (spans().map(|s| s.start).min(), spans().map(|s| s.end).max()) else {
            return false;
        };
        // A bare `\r` ends a line too (old exports), as in `source.rs`.
        let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |i| end + i);
        !text[start..end].contains(['\n', '\r']) && text[line_start..line_end].contains(['\t', '|'])
    }
}

/// Digits run together (`200 000121` for seven cells), read by the relations
/// every row of the table must satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// One reading satisfies them: the row's cells are that reading.
    Inferred,
    /// The run has one reading at all (no number starts with 0: `0011` for
    /// three cells is 0, 0, 11), for a row no relation reads: certain, as one
    /// digit per cell is, and said nowhere.
    Only,
    /// No reading does: the closest ones, each with how far off it is.
    Unbalanced { closest: Vec<(Vec<i64>, i64)> },
    /// Several do: left unread, but for the cells every reading agrees on
    /// (`agreed`, by column: the same digits at the same place), which the
    /// relations use.
    Ambiguous { readings: usize, agreed: Vec<Option<Cell>> },
    /// Too many readings to try them all: left unread.
    Untried,
}

impl Row {
    /// The span covering the label and the cells.
    pub fn span(&self) -> Span {
        self.label_spans
            .iter()
            .chain(self.cells.iter().map(|c| &c.span))
            .copied()
            .reduce(Span::cover)
            .unwrap_or_default()
    }

    pub fn label_span(&self) -> Option<Span> {
        self.label_spans.iter().copied().reduce(Span::cover)
    }

    /// The span covering the value cells, if there are any.
    pub fn cells_span(&self) -> Option<Span> {
        self.cells.iter().map(|c| c.span).reduce(Span::cover)
    }

    /// The cell for a column, when the row's cells can be assigned to columns.
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        match self.shape {
            RowShape::Ok => self.cells.get(column),
            RowShape::LongUniform { expected } if column < expected => self.cells.get(column),
            _ => None,
        }
    }
}

/// Whether a row's cells line up with the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowShape {
    Ok,
    /// Fewer cells than columns; which one is missing cannot be told.
    Short {
        expected: usize,
    },
    /// More cells than columns.
    Long {
        expected: usize,
    },
    /// More cells than columns, but all the same value, so each column's value is
    /// known anyway.
    LongUniform {
        expected: usize,
    },
    /// Digits run together that cannot be split into cells unambiguously.
    Unsplit {
        expected: usize,
        digits: usize,
    },
    /// A label-only row with no numbers (as it should be).
    LabelOnly,
}

impl RowShape {
    pub fn as_str(&self) -> &'static str {
        match self {
            RowShape::Ok => "ok",
            RowShape::Short { .. } => "short",
            RowShape::Long { .. } => "long",
            RowShape::LongUniform { .. } => "long-uniform",
            RowShape::Unsplit { .. } => "unsplit",
            RowShape::LabelOnly => "label-only",
        }
    }

    /// Digits run together, fewer than the cells (`0 00000` for seven): no
    /// split exists at all. The digits and the cells.
    pub fn fewer_digits_than_cells(&self) -> Option<(usize, usize)> {
        match *self {
            RowShape::Unsplit { expected, digits } if digits < expected => Some((digits, expected)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub span: Span,
    pub value: CellValue,
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_breaks_are_found_as_the_regex_finds_them() {
        let re = regex::Regex::new(r"[ \t\u{3000}]*[\r\n\x0C][\s\u{3000}]*").unwrap();
        for text in [
            "",
            "一行",
            "共 12\n3 件",
            "甲  \t　\r\n  \n　乙\n",
            "\n\n",
            "a \u{a0}\nb",
            "前\x0C 后\r",
            "末尾 \u{2003}\n\u{2003}",
            " \n x \n",
        ] {
            let ours: Vec<_> = super::line_breaks(text).collect();
            let theirs: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
        // Every string of up to five of these characters.
        let alphabet = [' ', '\t', '\u{3000}', '\r', '\n', '\x0C', 'a', '\u{a0}'];
        let mut texts = Vec::new();
        for len in 0..=5u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                texts.push(text);
            }
        }
        for text in &texts {
            let ours: Vec<_> = super::line_breaks(text).collect();
            let theirs: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    use super::{Cell, MatchQuality, Memo, Row, RowShape};
    use crate::number::{CellValue, Number};
    use crate::source::Span;

    #[test]
    fn a_memo_makes_each_answer_once() {
        let memo = Memo::default();
        let made = std::cell::Cell::new(0);
        let make = |v: u32| {
            made.set(made.get() + 1);
            v
        };
        assert_eq!(*memo.get_or_make(1, || make(10)), 10);
        assert_eq!(*memo.get_or_make(1, || make(20)), 10, "the first answer stays");
        assert_eq!(*memo.get_or_make(2, || make(30)), 30);
        assert_eq!(made.get(), 2);
        // Another type under a key taken is made, not mistaken for the stored one.
        assert_eq!(*memo.get_or_make(1, || "text"), "text");
    }

    #[test]
    fn a_row_stands_alone_on_one_marked_line_whatever_ends_it() {
        // `规章\t1\t0\t13`: the label and three cells, on a line of its own.
        let row = |text: &str| {
            let at = |needle: &str| {
                let start = text.find(needle).unwrap();
                Span::new(start, start + needle.len())
            };
            Row {
                index: 0,
                label: "规章".into(),
                label_spans: vec![at("规章")],
                quality: MatchQuality::Exact,
                cells: ["1", "0", "13"]
                    .iter()
                    .map(|n| Cell {
                        span: at(n),
                        value: CellValue::Number(Number::zero()),
                    })
                    .collect(),
                shape: RowShape::Ok,
                displaced: false,
                split: None,
            }
        };
        for end in ["\n", "\r\n", "\r"] {
            let text = format!("信息内容{end}规章\t1\t0\t13{end}行政规范性文件{end}");
            assert!(row(&text).stands_alone(&text), "{end:?}");
            // The label on a line of its own, the cells on the next: not alone.
            let text = format!("规章{end}1\t0\t13{end}");
            assert!(!row(&text).stands_alone(&text), "{end:?}");
            // Its line marks no cells.
            let text = format!("甲{end}规章 1 0 13{end}乙\t丙");
            assert!(!row(&text).stands_alone(&text), "{end:?}");
        }
    }
}
