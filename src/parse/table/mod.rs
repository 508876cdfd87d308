//! Finding tables and reading them into rows and cells.
//!
//! A table is found by its schema's anchors (`本列数据的勾稽关系`, `第二十条第（一）项`…).
//! From there its lines are turned into tokens (see [`tokens`]) and assembled by
//! meaning: a known row label opens a row, the numbers after it are its cells,
//! header words are skipped, and the table ends at the next section heading or at
//! running text. Because rows are found by their labels, the same code reads tab
//! rows, one cell per line, Markdown pipes, space-aligned PDF text and cells run
//! together; where the layout marks cells (tabs, pipes), empty cells are kept.
//!
//! Each table is read with every edition's schema and the best fit kept.

mod tokens;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeSet;

use fnv::FnvHashMap;

use crate::format::{Format, Role, SectionDef, TableSchema, VocabMatch};
use crate::label::{MatchQuality, Numbering, is_space, normalize, numbering_prefix};
use crate::model::{
    Block, Cell, HeaderCell, Layout, Readability, RepeatedRow, Row, RowShape, Table, columns_not_in_header,
    unread_header_words,
};
use crate::number::{CellValue, Units};
use crate::parse::lines::{Line, LineKind, is_bar, is_box_drawing};
use crate::source::{SourceFile, Span};

use tokens::Token;

/// Find and read every table the format describes.
pub(crate) fn read_tables(source: &SourceFile, lines: &[Line], format: &Format) -> Vec<Table> {
    let text = source.text();
    // Where each table's anchors occur, to bound every table by the next one.
    let mut hits: Vec<(usize, &str)> = Vec::new();
    for schema in &format.tables {
        for anchor in &schema.anchors {
            for m in anchor.find_iter(text) {
                // An anchor that starts with the line end before it (`\r` in
                // a file of bare-CR lines) starts its table on the next line.
                let ends = m.len() - m.as_str().trim_start_matches(['\r', '\n']).len();
                hits.push((m.start() + ends, schema.key.as_str()));
            }
        }
    }
    hits.sort();
    hits.dedup();
    // The blank-line rhythm is a property of the export, so measure it over all
    // the tables at once.
    let rhythm = hits
        .first()
        .and_then(|&(start, _)| blank_rhythm(lines, source.line_index(start)));

    let mut tables: Vec<Table> = Vec::new();
    for key in format.table_keys() {
        let schemas = format.schemas_for(key);
        // Read at every anchor and keep the best reading: a sentence that cites
        // `第二十条第（一）项` before some numbers is not the table.
        let mut best: Option<(Table, f32)> = None;
        let mut readings: Vec<Table> = Vec::new();
        let mut covered: Vec<Span> = Vec::new();
        for &(start, _) in hits.iter().filter(|(_, k)| *k == key) {
            // Every edition's schema reads the same region: split its marked
            // cells once.
            let mut marked = Marked::new(schemas.len());
            if tables.iter().any(|t| t.span.contains(start)) || covered.iter().any(|s| s.contains(start)) {
                continue;
            }
            let limit = hits
                .iter()
                .find(|(offset, k)| *offset > start && *k != key)
                .map(|(offset, _)| *offset)
                .unwrap_or(text.len());
            let reading = schemas
                .iter()
                .filter_map(|&s| {
                    let schema = &format.tables[s];
                    let reading = read_table(
                        source,
                        lines,
                        start,
                        limit,
                        rhythm,
                        schema,
                        s,
                        &format.units,
                        &mut marked,
                        &format.sections,
                    );
                    marked.read_once();
                    reading
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((table, score)) = reading {
                covered.push(table.span);
                let score = if table.readable == Readability::Ok {
                    score
                } else {
                    score - 100.0
                };
                if best.as_ref().is_none_or(|(_, b)| score > *b) {
                    if let Some((previous, _)) = best.replace((table, score)) {
                        readings.push(previous);
                    }
                } else {
                    readings.push(table);
                }
            }
        }
        if let Some((mut table, _)) = best {
            table.copy = readings.iter().find_map(|other| copy_of(text, &table, other));
            tables.push(table);
        }
    }
    tables.sort_by_key(|t| t.span.start);
    tables
}

/// Whether `other` is `table` written again, nothing but blank space between
/// them: its span, and whether its numbers differ. Both are read
/// whole, every block with rows and the last row filled.
fn copy_of(text: &str, table: &Table, other: &Table) -> Option<(Span, bool)> {
    let whole = |t: &Table| {
        t.readable == Readability::Ok
            && t.schema == table.schema
            && t.blocks.iter().all(|b| b.rows.iter().any(|r| !r.cells.is_empty()))
    };
    if !whole(table) || !whole(other) || table.blocks.len() != other.blocks.len() {
        return None;
    }
    let (first, second) = if table.span.start < other.span.start {
        (table.span, other.span)
    } else {
        (other.span, table.span)
    };
    // To the line the second starts on: its anchor may stand within its
    // first line (`| （本列数据的勾稽关 | … | 申请人情况 |`, a grid table's).
    let second_line = text[..second.start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1)
        .max(first.end);
    let between = text.get(first.end..second_line)?;
    // Words between, a note too (`注：下表为全系统汇总情况。`), make it another table.
    // (A label's last line in a grid table, `| 办理 |`, is the first's own.)
    let words = |line: &str| {
        let line = line.trim_start();
        !line.starts_with(['|', '+'])
            && !line.starts_with(is_box_drawing)
            && line.chars().any(crate::label::is_ideograph)
    };
    if between.split(['\n', '\r']).any(words) {
        return None;
    }
    let values = |t: &Table| -> Vec<(usize, usize, Vec<crate::number::CellValue>)> {
        t.blocks
            .iter()
            .flat_map(|b| {
                b.rows
                    .iter()
                    .map(move |r| (b.index, r.index, r.cells.iter().map(|c| c.value.clone()).collect()))
            })
            .collect()
    };
    Some((other.span, values(table) != values(other)))
}

/// The cells of lines whose layout marks them (tabs, pipes), by the line they
/// start at: they do not depend on the schema, so each edition's reading of a
/// region takes them from here instead of splitting and parsing them again.
struct Marked<'a> {
    by_line: FnvHashMap<usize, Vec<Token<'a>>>,
    /// Lines without marks, squeezed for finding labels, by line.
    squeezed: FnvHashMap<usize, OnceCell<tokens::Squeezed>>,
    /// The readings still to come: the last takes the cells instead of a copy.
    readings_left: usize,
}

impl<'a> Marked<'a> {
    fn new(readings: usize) -> Self {
        Marked {
            by_line: FnvHashMap::default(),
            squeezed: FnvHashMap::default(),
            readings_left: readings,
        }
    }

    /// One reading of the region is done.
    fn read_once(&mut self) {
        self.readings_left = self.readings_left.saturating_sub(1);
    }

    /// A reading asks for a line's cells once (its lines only go forward).
    fn cells(&mut self, line: usize, split: impl FnOnce() -> Vec<Token<'a>>) -> Vec<Token<'a>> {
        if self.readings_left <= 1 {
            return self.by_line.remove(&line).unwrap_or_else(split);
        }
        self.by_line.entry(line).or_insert_with(split).clone()
    }
}

/// How many lines the row starting at line `i` of a grid table takes: the pipe
/// rows after a `+---+` border up to the next, when each has as many cells as
/// the first (a row whose lines differ is read line by line); 0 outside a grid.
fn grid_row_lines(text: &str, lines: &[Line], i: usize, limit: usize) -> usize {
    let is_border = |l: &Line| {
        let line = text[l.span.start..l.span.end].trim_start_matches(is_space);
        l.kind == LineKind::PipeRule && (line.starts_with('+') || line.starts_with(is_box_drawing))
    };
    if i == 0 || !is_border(&lines[i - 1]) {
        return 0;
    }
    let bars = |l: &Line| text[l.span.start..l.span.end].matches(is_bar).count();
    let first = bars(&lines[i]);
    let n = lines[i..]
        .iter()
        .take_while(|l| l.kind == LineKind::PipeRow && l.span.start < limit && bars(l) == first)
        .count();
    // Only a row closed by the next border is one of the grid's.
    if lines.get(i + n).is_some_and(is_border) { n } else { 0 }
}

/// A group of tokens that the layout says form one physical row (or one line).
struct Group<'a> {
    tokens: Vec<Token<'a>>,
    /// The layout marks the end of a row here.
    row_end: bool,
    layout: Layout,
}

/// Read one table from `start`, not past `limit`. Returns the table and how well
/// the schema fits it.
#[allow(clippy::too_many_arguments)]
fn read_table<'a>(
    source: &'a SourceFile,
    lines: &[Line],
    start: usize,
    limit: usize,
    rhythm: Option<Rhythm>,
    schema: &TableSchema,
    schema_index: usize,
    units: &Units,
    marked: &mut Marked<'a>,
    sections: &[SectionDef],
) -> Option<(Table, f32)> {
    let text = source.text();
    let first_line = source.line_index(start);
    let mut asm = Assembler::new(schema, text, units, sections);
    let mut i = first_line;
    // The last sentence set between two rows (see below).
    let mut aside: Option<usize> = None;
    'lines: while i < lines.len() && !asm.stopped {
        let line = lines[i];
        if line.span.start >= limit {
            break;
        }
        // Start a long line (cells run together in running text) at the anchor,
        // and a line the section's heading opens (`四、……情况行政复议行政诉讼……`);
        // start a normal line at its beginning.
        let heading_before = || {
            let before = text[line.span.start..start.max(line.span.start)].trim_matches(crate::label::is_space);
            // A table run on, not a sentence (`三、……情况 本年新收……申请数量54件。`).
            let after = &text[start.max(line.span.start)..line.span.end];
            !before.is_empty() && is_stop(before) && !after.contains(['。', '；'])
        };
        let from = if i == first_line && (line.span.len() > 300 || heading_before()) {
            start
        } else {
            line.span.start
        };
        let to = line.span.end.min(limit);
        // A grid table's row may take several lines.
        let grid_lines = if line.kind == LineKind::PipeRow {
            grid_row_lines(text, lines, i, limit)
        } else {
            0
        };
        let group = match line.kind {
            LineKind::Blank | LineKind::PipeRule | LineKind::Footer => {
                i += 1;
                continue;
            }
            LineKind::TabCell => {
                // Consecutive one-cell lines form one row, across page
                // furniture between two of them (see `furniture_between_cells`).
                let first = i;
                loop {
                    while i < lines.len() && lines[i].kind == LineKind::TabCell && lines[i].span.start < limit {
                        i += 1;
                    }
                    let footers = lines[i..].iter().take_while(|l| l.kind == LineKind::Footer).count();
                    match lines.get(i + footers) {
                        Some(l) if footers > 0 && l.kind == LineKind::TabCell && l.span.start < limit => i += footers,
                        _ => break,
                    }
                }
                let tokens = marked.cells(first, || {
                    let mut tokens = Vec::new();
                    for l in lines[first..i].iter().filter(|l| l.kind == LineKind::TabCell) {
                        let at = l.span.start + text[l.span.range()].find('\t').map_or(0, |t| t + 1);
                        tokens.extend(tokens::tab_cells(&text[at..l.span.end], at, units));
                    }
                    tokens
                });
                asm.feed(Group {
                    tokens,
                    row_end: true,
                    layout: Layout::TabCells,
                });
                continue 'lines;
            }
            LineKind::TabRow => Group {
                tokens: marked.cells(i, || tokens::tab_cells(&text[from..to], from, units)),
                row_end: true,
                layout: Layout::TabRows,
            },
            LineKind::CsvRow => Group {
                tokens: marked.cells(i, || tokens::csv_cells(&text[from..to], from, units)),
                row_end: true,
                layout: Layout::CsvRows,
            },
            LineKind::PipeRow if grid_lines > 1 => {
                // A grid table's row written over several lines: one row, each
                // cell its lines' pieces joined.
                let first = i;
                i += grid_lines;
                let tokens = marked.cells(first, || {
                    let split: Vec<Vec<Token<'a>>> = lines[first..i]
                        .iter()
                        .map(|l| tokens::pipe_cells(&text[l.span.start..l.span.end], l.span.start, units))
                        .collect();
                    (0..split[0].len())
                        .map(|k| {
                            let pieces: Vec<&Token<'a>> = split.iter().map(|cells| &cells[k]).collect();
                            tokens::joined(&pieces, units)
                        })
                        .collect()
                });
                asm.feed(Group {
                    tokens,
                    row_end: true,
                    layout: Layout::Pipes,
                });
                continue 'lines;
            }
            LineKind::PipeRow => Group {
                tokens: marked.cells(i, || tokens::pipe_cells(&text[from..to], from, units)),
                row_end: true,
                layout: Layout::Pipes,
            },
            LineKind::Text => {
                // A line of running text ends the table, even when it names a
                // header word (`全年共发生政府信息公开行政复议3件。`): labels have
                // no sentence marks. Lines of a page scraped into one are cut by label.
                let whole = text[from..to].trim_matches(crate::label::is_space);
                if i > first_line && line.span.len() <= 300 && is_sentence_line(whole) && !is_note(whole) {
                    // A sentence set between two rows (`本机关……均在法定期限内答复。`),
                    // the table going on under it with a row not read yet: an aside.
                    let next = lines[i + 1..]
                        .iter()
                        .take_while(|l| l.span.start < limit)
                        .find(|l| l.kind != LineKind::Blank);
                    if next.is_some_and(|l| asm.goes_on_with(&text[l.span.range()])) {
                        aside = Some(i);
                        i += 1;
                        continue 'lines;
                    }
                    break;
                }
                // A caption among or under the rows read (`表3 收到和处理……统计表（单位：件）`,
                // `表三（续表）` where a page goes on) holds no cells, and the blank
                // lines before it are no blank cell.
                if i > first_line && is_caption(whole) && asm.rows.iter().any(|r| !r.cells.is_empty()) {
                    i += 1;
                    continue 'lines;
                }
                // A note under the table (`注：本表统计时间为1月1日至12月31日。`)
                // holds no cells: its numbers are not the last row's.
                if i > first_line && line.span.len() <= 300 && is_note(whole) {
                    // Wrapped, it goes on to its full stop (`……其中行政复议` / `1件。`).
                    let mut end = whole.contains('。');
                    i += 1;
                    for _ in 0..3 {
                        if end || i >= lines.len() || lines[i].kind != LineKind::Text || lines[i].span.start >= limit {
                            break;
                        }
                        let next = &text[lines[i].span.range()];
                        if next.chars().count() > 40 || numbering_prefix(next).is_some() {
                            break;
                        }
                        end = next.contains('。');
                        i += 1;
                    }
                    continue 'lines;
                }
                let squeezed = marked.squeezed.entry(i).or_default();
                let tokens = tokens::text_tokens_squeezed(&text[from..to], from, &schema.vocab, units, squeezed);
                if let Some(rhythm) = rhythm
                    && i > first_line
                    && !asm.ends_table(&tokens)
                {
                    // Blank cells written as blank lines: decode the gap before this line.
                    // The gap before this line, a page footer in it too.
                    let blank_before = |end: usize| {
                        lines[..end]
                            .iter()
                            .rev()
                            .take_while(|l| matches!(l.kind, LineKind::Blank | LineKind::Footer))
                            .count()
                    };
                    let (mut end, mut gap_lines) = (i, blank_before(i));
                    // After an aside, the gap before it is the table's, less
                    // the aside's own padding (as many blank lines as after it).
                    let mut padding = 0;
                    if let Some(at) = aside
                        && at + 1 + gap_lines == i
                    {
                        (end, padding) = (at, gap_lines);
                        gap_lines = blank_before(at);
                    }
                    let gap = &lines[end - gap_lines..end];
                    let mut blanks = gap.iter().filter(|l| l.kind == LineKind::Blank).count();
                    if padding > 0 && blanks > padding && rhythm.decode(blanks - padding).is_some() {
                        blanks -= padding;
                    }
                    // A page break's blank lines are the page's, not the rhythm's:
                    // such a gap is not decoded (a page number among the blank
                    // lines may come with blank lines of its own).
                    let paged = gap.iter().any(|l| l.kind == LineKind::Footer);
                    if let Some((empties, row_end)) = rhythm.decode(blanks).filter(|_| !paged) {
                        let blanks_tokens = (0..empties)
                            .map(|k| {
                                let nth = (rhythm.cell + k * (rhythm.cell + 1)) * rhythm.scale;
                                let at = gap[nth.min(gap.len() - 1)].span.start;
                                tokens::Token::blank_line(Span::empty(at))
                            })
                            .collect();
                        asm.feed(Group {
                            tokens: blanks_tokens,
                            row_end,
                            layout: Layout::Lines,
                        });
                    }
                }
                let run_together = line.span.len() > 300 || tokens.iter().filter(|t| t.label.is_some()).count() > 3;
                Group {
                    tokens,
                    row_end: false,
                    layout: if run_together {
                        Layout::RunTogether
                    } else {
                        Layout::Lines
                    },
                }
            }
        };
        asm.feed(group);
        i += 1;
    }
    asm.finish(schema_index)
}

/// Exports that write one cell per line with a fixed number of blank lines
/// between cells (`cell`) and a different number between rows (`row`) write a
/// blank cell as one more empty line plus its separator. Knowing the rhythm, the
/// blank cells can be counted. A copy that doubled every blank line keeps the
/// rhythm at `scale` 2.
#[derive(Debug, Clone, Copy)]
struct Rhythm {
    cell: usize,
    row: usize,
    scale: usize,
}

impl Rhythm {
    /// Blank cells in a gap of `blanks` blank lines, and whether a row ends there.
    fn decode(self, blanks: usize) -> Option<(usize, bool)> {
        if blanks % self.scale != 0 {
            return None;
        }
        let blanks = blanks / self.scale;
        let period = self.cell + 1;
        if blanks >= self.cell && (blanks - self.cell) % period == 0 {
            Some(((blanks - self.cell) / period, false))
        } else if blanks >= self.row && (blanks - self.row) % period == 0 {
            Some(((blanks - self.row) / period, true))
        } else {
            None
        }
    }
}

/// Find the blank-line rhythm of the lines after `from`, if there clearly is one.
fn blank_rhythm(lines: &[Line], from: usize) -> Option<Rhythm> {
    let mut gaps: Vec<usize> = Vec::new();
    let mut blanks = 0;
    let mut seen_text = false;
    let mut paged = false;
    for line in lines[from..].iter().take(800) {
        match line.kind {
            LineKind::Blank => blanks += 1,
            // A gap holding a page footer is the page's, not the rhythm's.
            LineKind::Footer => paged = true,
            LineKind::Text => {
                if seen_text && !paged {
                    gaps.push(blanks);
                }
                seen_text = true;
                blanks = 0;
                paged = false;
            }
            _ => return None,
        }
    }
    // The export's own rhythm, or the same with every blank line doubled (or
    // tripled) by a copy: whichever explains more gaps, the plain one on a tie
    // (a table with no blank cell reads the same either way).
    (1..=3)
        .filter_map(|scale| rhythm_at_scale(&gaps, scale))
        .rev()
        .max_by_key(|&(_, decodable)| decodable)
        .map(|(rhythm, _)| rhythm)
}

/// The rhythm of `gaps` read at `scale`, and how many gaps it decodes.
fn rhythm_at_scale(gaps: &[usize], scale: usize) -> Option<(Rhythm, usize)> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &g in gaps.iter().filter(|&&g| g % scale == 0) {
        let g = g / scale;
        match counts.iter_mut().find(|(k, _)| *k == g) {
            Some((_, n)) => *n += 1,
            None => counts.push((g, 1)),
        }
    }
    counts.sort_by_key(|&(g, n)| (std::cmp::Reverse(n), g));
    let &(cell, cell_count) = counts.first()?;
    if cell == 0 || cell_count < 15 {
        return None;
    }
    // The row gap: the smallest frequent gap that is not a run of blank cells.
    let row = counts
        .iter()
        .filter(|&&(g, n)| g > cell && n >= 3 && (g - cell) % (cell + 1) != 0)
        .map(|&(g, _)| g)
        .min()?;
    let rhythm = Rhythm { cell, row, scale };
    let decodable = gaps.iter().filter(|&&g| rhythm.decode(g).is_some()).count();
    (decodable * 10 >= gaps.len() * 9).then_some((rhythm, decodable))
}

struct RowBuild<'a> {
    block: usize,
    row: usize,
    label: String,
    label_spans: Vec<Span>,
    quality: MatchQuality,
    cells: Vec<Token<'a>>,
    /// Numbers found just before the label that belonged to no row.
    before: Vec<Token<'a>>,
    /// Opened by the first piece of its wrapped label (`3.危及“三`).
    partial: bool,
    /// The physical row that held the label has ended.
    closed: bool,
    implicit: bool,
}

struct Assembler<'s, 'a> {
    schema: &'s TableSchema,
    /// The sections: a number cut from its words by a space (`五、 存在的主要问题…`)
    /// is a heading only with one of their titles.
    sections: &'s [SectionDef],
    units: &'s Units,
    source_text: &'a str,
    rows: Vec<RowBuild<'a>>,
    /// Per (block, row): the first row read for it, and the rows read for it
    /// that have no cells yet (a long table must not be scanned per label).
    /// Hashed with FNV: SipHash on these small keys cost more than the lookups.
    first_of: FnvHashMap<(usize, usize), usize>,
    empty_of: FnvHashMap<(usize, usize), BTreeSet<usize>>,
    current: Option<usize>,
    header: Vec<HeaderCell>,
    /// Numbers seen with no row to take them, not yet given to a following label.
    loose: Vec<Token<'a>>,
    orphans: Vec<Token<'a>>,
    score: f32,
    unknown_streak: usize,
    start: Option<usize>,
    end: usize,
    stopped: bool,
    /// The last block's last row has been named: the table has come to its end.
    ended: bool,
    layout: Option<Layout>,
    /// The layout of the group being fed.
    group_layout: Layout,
    /// A header since the implicit row stopped named the column group that
    /// starts where it stopped: its next numbers continue it (table 四 printed
    /// as three small tables, each under its group's title).
    resume_implicit: bool,
    /// The table began with a line of exactly its implicit row's count of
    /// numbers and no header (lost, as an image in a PDF): that line is the row.
    headless_row: bool,
    /// Inside a note run into the text (`注：…。`): its numbers are no cells.
    in_note: bool,
}

impl<'s, 'a> Assembler<'s, 'a> {
    fn new(schema: &'s TableSchema, source_text: &'a str, units: &'s Units, sections: &'s [SectionDef]) -> Self {
        Assembler {
            schema,
            sections,
            units,
            source_text,
            rows: Vec::new(),
            first_of: FnvHashMap::default(),
            empty_of: FnvHashMap::default(),
            current: None,
            header: Vec::new(),
            loose: Vec::new(),
            orphans: Vec::new(),
            score: 0.0,
            unknown_streak: 0,
            start: None,
            end: 0,
            stopped: false,
            ended: false,
            layout: None,
            group_layout: Layout::Lines,
            resume_implicit: false,
            headless_row: false,
            in_note: false,
        }
    }

    /// Record a token as part of the table.
    fn touch(&mut self, span: Span) {
        self.layout = Some(match self.layout {
            None => self.group_layout,
            Some(l) if l == self.group_layout => l,
            Some(_) => Layout::Mixed,
        });
        if self.start.is_none() {
            self.start = Some(span.start);
        }
        self.end = self.end.max(span.end);
    }

    fn feed(&mut self, group: Group<'a>) {
        if self.stopped {
            return;
        }
        crate::budget::check();
        self.group_layout = group.layout;
        let explicit = group.tokens.iter().any(|t| t.explicit);
        // Which tokens are labels: look them up once.
        let mut roles: Vec<Option<VocabMatch>> = group
            .tokens
            .iter()
            .map(|t| match (&t.label, &t.value) {
                (Some(m), _) => Some(*m),
                (None, CellValue::Text) => {
                    let written = normalize(&t.text);
                    self.schema.vocab.lookup(&written).or_else(|| {
                        // The first piece of a wrapped label: its row, the rest
                        // joined when it comes (after the row's numbers).
                        self.schema.vocab.row_started_by(&written).map(|role| VocabMatch {
                            role,
                            quality: MatchQuality::Fuzzy,
                            // No reading of the whole: marks the row partial.
                            score: 0.0,
                        })
                    })
                }
                _ => None,
            })
            .collect();
        if self.rows.is_empty()
            && self.header.is_empty()
            && let Some((b, _)) = self.implicit_row()
        {
            let numbers = group
                .tokens
                .iter()
                .filter(|t| matches!(t.value, CellValue::Number(_)))
                .count();
            self.headless_row = numbers == group.tokens.len() && numbers == self.schema.blocks[b].columns.len();
        }
        let mut group = group;
        if explicit && self.blank_implicit_row(&group) {
            return;
        }
        if explicit {
            split_joined_labels(&self.schema.vocab, &mut group.tokens, &mut roles);
        }
        let last_label = roles.iter().rposition(|r| r.is_some());
        // A section's number cut from its words by a space (`五、 存在的主要问题…`):
        // the next section, not a label written one character per line.
        let heading_at = (0..group.tokens.len())
            .find(|&k| {
                roles[k].is_none()
                    && roles.get(k + 1).is_some_and(Option::is_none)
                    && self.spaced_heading(&group.tokens[k], &group.tokens[k + 1])
            })
            // From a Markdown heading's marks before it (`## 第四部分 ……`): not a cell's.
            .map(|k| {
                k - group.tokens[..k]
                    .iter()
                    .rev()
                    .take_while(|t| is_heading_mark(t))
                    .count()
            });
        let mut label_in_group = false;
        // A line of its own in a table written one cell per line.
        let alone = group.tokens.len() == 1 && group.layout == Layout::Lines;
        let number_next: Vec<bool> = (0..group.tokens.len())
            .map(|k| {
                group
                    .tokens
                    .get(k + 1)
                    .is_some_and(|t| matches!(t.value, CellValue::Number(_)))
            })
            .collect();
        // From each token on, the line holds nothing but numbers and placeholders
        // (`—   —   —` in PDF text: a row written with placeholders only).
        // And how many numbers it holds from each token on.
        let group_len = group.tokens.len();
        let mut values_to_end = vec![false; group.tokens.len() + 1];
        let mut numbers_from = vec![0usize; group.tokens.len() + 1];
        values_to_end[group.tokens.len()] = true;
        for (k, t) in group.tokens.iter().enumerate().rev() {
            numbers_from[k] = numbers_from[k + 1] + usize::from(matches!(t.value, CellValue::Number(_)));
            // Words are read as a placeholder only when values follow them.
            let value = || match t.value {
                CellValue::Number(_) | CellValue::Placeholder => true,
                CellValue::Text => {
                    t.label.is_none() && crate::number::parse_cell(&t.text, self.units) == CellValue::Placeholder
                }
                CellValue::Empty(_) => false,
            };
            values_to_end[k] = values_to_end[k + 1] && value();
        }
        for (k, token) in group.tokens.into_iter().enumerate() {
            if heading_at == Some(k) && !self.rows.is_empty() {
                self.stopped = true;
                return;
            }
            // A note run into the text after the rows (`……2000002注：本表……。`)
            // lasts to its full stop or to the next label.
            if roles[k].is_none()
                && matches!(token.value, CellValue::Text)
                && is_note(&token.text)
                && !self.rows.is_empty()
            {
                self.in_note = true;
            }
            if self.in_note {
                if matches!(token.value, CellValue::Text)
                    && let Some(at) = token.text.find('。')
                {
                    // The note ends; the table does too where the next section
                    // follows (`……单位为件。五、存在的主要问题…`).
                    self.in_note = false;
                    if is_stop(&token.text[at + '。'.len_utf8()..]) {
                        self.stopped = true;
                        return;
                    }
                    continue;
                }
                if roles[k].is_none() {
                    continue;
                }
                self.in_note = false;
            }
            // A column's title between a row's values and numbers of its own,
            // where the next row has that name (`其他` after the numbers of
            // `2.申请人逾期未按收费通知…`): that row, written without its number.
            if let Some(m) = roles[k]
                && matches!(m.role, Role::Column(..))
                && let Some(cur) = self.current
                && !self.rows[cur].cells.is_empty()
                && number_next[k]
                && let Some(row) = self.schema.vocab.row_reading(&normalize(&token.text))
                && matches!(row.role, Role::Row(b, r) if b == self.rows[cur].block && r == self.rows[cur].row + 1)
            {
                roles[k] = Some(row);
            }
            match roles[k] {
                // The header again under the whole table read: a copy of the
                // table (pasted twice), read on its own.
                Some(m) if m.role.is_header() && !self.header.is_empty() && self.last_row_filled() => {
                    self.stopped = true;
                    return;
                }
                Some(m) if m.role.is_header() => {
                    self.unknown_streak = 0;
                    self.loose_to_orphans();
                    self.close_current();
                    if self.names_next_group(&token.text) {
                        self.resume_implicit = true;
                    }
                    label_in_group = true;
                    self.score += weight(m.quality);
                    self.header.push(HeaderCell {
                        text: token.text.to_string(),
                        span: token.span,
                        quality: m.quality,
                        block_title: match m.role {
                            Role::BlockTitle(b) => Some(b),
                            _ => None,
                        },
                        column: match m.role {
                            Role::Column(b, c) => Some((b, c)),
                            _ => None,
                        },
                    });
                    self.touch(token.span);
                }
                Some(m) => {
                    let Role::Row(b, r) = m.role else { unreachable!() };
                    // A row named again once the table has come to its last row:
                    // the table written again (pasted twice), read as one of its own.
                    let last = self.schema.blocks.len() - 1;
                    let last_row = (last, self.schema.blocks[last].rows.len() - 1);
                    // Its cells begun: its label written twice (a merged cell) or
                    // over a page break is still the one row. Looked for last, only
                    // when all else says stop: a scan of the rows at every label
                    // would be quadratic in a table of many rows.
                    let last_filled = || {
                        self.rows
                            .iter()
                            .any(|row| (row.block, row.row) == last_row && !row.cells.is_empty())
                    };
                    if self.ended && (b, r) != last_row && self.first_of.contains_key(&(b, r)) && last_filled() {
                        // It ends with its last cell, not with the copy's header.
                        if let Some(end) = self.rows.iter().flat_map(|row| &row.cells).map(|c| c.span.end).max() {
                            self.end = end;
                        }
                        self.stopped = true;
                        return;
                    }
                    self.ended |= (b, r) == last_row;
                    self.unknown_streak = 0;
                    label_in_group = true;
                    if let Some(cur) = self.current
                        && (self.rows[cur].partial || !self.rows[cur].cells.is_empty())
                        && (self.rows[cur].block, self.rows[cur].row) == (b, r)
                        && self.completes_label(cur, &token.text)
                    {
                        self.continue_label(cur, &token);
                        continue;
                    }
                    self.score += weight(m.quality);
                    self.open_row(b, r, &token, m.quality);
                    if m.score == 0.0
                        && let Some(cur) = self.current
                    {
                        self.rows[cur].partial = true;
                    }
                    self.touch(token.span);
                }
                None => match &token.value {
                    // A number not filled in yet (`XX`, `×`) holds its cell, and so
                    // do digits run together past a number's length (table 四's
                    // fifteen counts, `72641783735113481261211620`).
                    CellValue::Text
                        if is_unfilled(&token.text)
                            || token.plain_digits
                            || (tokens::is_one_cell_no_number(&token.text) && self.row_wants_cells()) =>
                    {
                        self.unknown_streak = 0;
                        self.take_value(token, explicit);
                    }
                    // `—`, `/`, `无` on a line of its own among a row's cells
                    // written one per line: a placeholder in its cell.
                    // So among a row's numbers on one line (text from a PDF's
                    // layout: `0   0   -   0`), after one or before the next.
                    CellValue::Text
                        if (alone
                            || (!explicit
                                && (number_next[k]
                                    || self.row_has_cells()
                                    || (values_to_end[k] && group_len > 1))))
                            && self.row_wants_cells()
                            && crate::number::parse_cell(&token.text, self.units) == CellValue::Placeholder =>
                    {
                        self.unknown_streak = 0;
                        let mut token = token;
                        token.value = CellValue::Placeholder;
                        self.take_value(token, explicit);
                    }
                    CellValue::Text => {
                        let text: &str = &token.text;
                        // Words run on after the table (looked at only past its last row).
                        let run_on =
                            || is_words(&token) && (text.chars().count() > 6 || numbering_prefix(text).is_some());
                        // A clause after the last row's first numbers, its digits run
                        // together (`……继续办理2000002` `2025年，我局共收到……`).
                        let clause = || {
                            is_words(&token)
                                && text.chars().count() > 6
                                && (text.contains(['，', ',']) || opens_with_year(text) || {
                                    // Its clause ends soon after a count of its own
                                    // (`本年度共收到申请12件，……`).
                                    let after = &self.source_text[token.span.end..];
                                    let soon = after.char_indices().nth(12).map_or(after.len(), |(i, _)| i);
                                    after[..soon].contains(['，', ',', '。'])
                                })
                        };
                        // A row's own label numbered as a section is (`一、本年度收到的申请`
                        // before its cells in a marked-up row): not the next section.
                        let row_label =
                            explicit && numbers_from[k + 1] >= 3 && !is_sentence(text) && !self.names_a_section(text);
                        if (self.is_stop(text) && !row_label)
                            || (!explicit
                                && ((self.last_row_filled() && run_on()) || (self.last_row_begun() && clause())))
                        {
                            self.stopped = true;
                            return;
                        }
                        if let Some(cur) = self.current
                            && (self.rows[cur].partial || !self.rows[cur].cells.is_empty())
                            && self.rows[cur].quality != MatchQuality::Exact
                            && self.completes_label(cur, text)
                        {
                            self.continue_label(cur, &token);
                        } else if let Some(cur) = self.current
                            && self.rows[cur].cells.is_empty()
                            && !self.rows[cur].closed
                            && !self.rows[cur].implicit
                            && !(explicit && looks_like_value(text))
                        {
                            // A label continued: wrapped over lines, or split into cells.
                            let piece = text.to_string();
                            let row = &mut self.rows[cur];
                            row.label.push_str(&piece);
                            row.label_spans.push(token.span);
                            self.touch(token.span);
                        } else if explicit && self.current.is_some() && label_in_group {
                            // Words in a value cell of a marked-up row.
                            self.push_value(token);
                        } else if text.chars().count() > 6 {
                            // Short fragments are header words split over lines
                            // (`结果` / `维持`); longer ones in a row mean running text.
                            self.unknown_streak += 1;
                            if self.unknown_streak > 8 {
                                self.stopped = true;
                                return;
                            }
                        }
                    }
                    _ => {
                        self.unknown_streak = 0;
                        let padding = token.trim && explicit && !label_in_group && last_label.is_some_and(|l| l > k);
                        if padding {
                            continue;
                        }
                        self.take_value(token, explicit);
                    }
                },
            }
        }
        if group.row_end
            && let Some(cur) = self.current
            && !self.rows[cur].cells.is_empty()
        {
            self.rows[cur].closed = true;
        }
    }

    /// Whether `number` is a section's number alone and `words` open a
    /// section's title, as written or an alternative (or are its start,
    /// wrapped: `政府信息公开行政复议、` of `……行政诉讼情况`).
    fn spaced_heading(&self, number: &Token<'a>, words: &Token<'a>) -> bool {
        // `四、` or, the mark left out, `四` (`四 因政府信息公开工作……`).
        let numeral = matches!(number.value, CellValue::Text)
            && crate::label::parse_cn_numeral(number.text.trim_matches(is_space)).is_some_and(|n| n <= 10);
        if !(is_bare_top_number(number) || numeral) || !is_words(words) {
            return false;
        }
        let core = crate::label::core(&words.text);
        core.chars().count() >= 4
            && self
                .sections
                .iter()
                .flat_map(|d| std::iter::once(&d.title_core).chain(&d.alternatives))
                .any(|t| !t.is_empty() && (core.starts_with(t.as_str()) || t.starts_with(core.as_str())))
    }

    /// Running text or the next section (see [`is_stop`]), but not the first
    /// piece of a row label wrapped in a narrow column (`三、本年` / `度办理结` /
    /// `果` in PDF text).
    fn is_stop(&self, text: &str) -> bool {
        is_stop(text) && !(numbering_prefix(text).is_some() && self.schema.vocab.starts_row_label(&normalize(text)))
    }

    /// Whether `text` is a section's heading (`四、政府信息公开行政复议……情况`), as
    /// written or a listed wording.
    fn names_a_section(&self, text: &str) -> bool {
        match numbering_prefix(text) {
            Some((Numbering::Top(n), len)) => self.titles_section(n, &text[len..]),
            _ => false,
        }
    }

    /// Whether `text` is a section's title numbered as an item is, under the
    /// section's own number (`（四）因政府信息公开工作被申请行政复议……`,
    /// `3.收到和处理政府信息公开申请情况` in a report whose sections are
    /// numbered so), as written or a listed wording.
    fn item_numbered_section(&self, text: &str) -> bool {
        match numbering_prefix(text) {
            Some((Numbering::Paren(n) | Numbering::Arabic(n), len)) => self.titles_section(n, &text[len..]),
            _ => false,
        }
    }

    /// Whether `words` (after a number) start the title of section `n`, as written or a listed wording.
    fn titles_section(&self, n: u32, words: &str) -> bool {
        let core = crate::label::core(words);
        self.sections.iter().filter(|d| d.number == n).any(|d| {
            std::iter::once(d.title_core.as_str())
                .chain(d.listed_wordings().map(|(w, _)| w))
                .any(|t| !t.is_empty() && core.starts_with(t))
        })
    }

    /// Whether a line opens with the label of a row not read yet (its first
    /// cell, as tabs, bars or spaces set it apart): the table goes on there.
    fn goes_on_with(&self, line: &str) -> bool {
        if self.ended || !self.rows.iter().any(|r| !r.cells.is_empty()) {
            return false;
        }
        let Some(cell) = line
            .split(['\t', '|', '｜'])
            .map(|c| c.trim_matches(is_space))
            .find(|c| !c.is_empty())
        else {
            return false;
        };
        // Cells laid out with spaces end at two of them, or at the first.
        let two_spaces = cell
            .char_indices()
            .zip(cell.chars().skip(1))
            .find(|&((_, a), b)| is_space(a) && is_space(b))
            .map_or(cell, |((at, _), _)| &cell[..at]);
        let one_space = cell.split(is_space).next().unwrap_or(cell);
        [cell, two_spaces, one_space].iter().any(|label| {
            self.schema.vocab.lookup(&normalize(label)).is_some_and(|m| {
                m.quality != MatchQuality::Fuzzy
                    && matches!(m.role, Role::Row(b, r) if !self.first_of.contains_key(&(b, r)))
            })
        })
    }

    /// Whether the row being read has a cell yet.
    fn row_has_cells(&self) -> bool {
        self.current.is_some_and(|cur| !self.rows[cur].cells.is_empty())
    }

    /// Whether a row is being read, short of its cells (its label found, or the
    /// implicit row begun), or the implicit row is next, right under the header.
    fn row_wants_cells(&self) -> bool {
        let Some(cur) = self.current else {
            return !self.header.is_empty() && self.implicit_row().is_some_and(|at| !self.first_of.contains_key(&at));
        };
        let row = &self.rows[cur];
        !row.closed && row.cells.len() < self.schema.blocks[row.block].columns.len()
    }

    /// Whether the row being read is the table's last, all its cells there, and
    /// every block has rows: words after it are the text after the table
    /// (`行政事业性收费5949.09(二)主动公开…`), not a caption over blocks to come.
    fn last_row_filled(&self) -> bool {
        self.last_row_with(self.schema.blocks[self.schema.blocks.len() - 1].columns.len())
    }

    /// Whether the row being read is the table's last and has some numbers.
    fn last_row_begun(&self) -> bool {
        self.last_row_with(1)
    }

    /// The last row being read with at least `cells` cells, every block with rows.
    fn last_row_with(&self, cells: usize) -> bool {
        let Some(cur) = self.current else { return false };
        let row = &self.rows[cur];
        let last_block = self.schema.blocks.len() - 1;
        row.block == last_block
            && row.row + 1 == self.schema.blocks[last_block].rows.len()
            && row.cells.len() >= cells
            && (0..last_block).all(|b| self.first_of.keys().any(|&(rb, _)| rb == b))
    }

    /// A marked row of exactly the implicit row's cells, every one blank, under
    /// the header (a draft not filled in): that row, blank, rather than no
    /// table. Numbers after it replace it (a spacer row of a converted table).
    fn blank_implicit_row(&mut self, group: &Group<'a>) -> bool {
        let Some((b, r)) = self.implicit_row() else {
            return false;
        };
        if self.header.is_empty()
            || self.current.is_some()
            || self.first_of.contains_key(&(b, r))
            || group.tokens.len() != self.schema.blocks[b].columns.len()
            || !group.tokens.iter().all(|t| matches!(t.value, CellValue::Empty(_)))
        {
            return false;
        }
        let idx = self.add_row(RowBuild {
            block: b,
            row: r,
            label: String::new(),
            label_spans: Vec::new(),
            quality: MatchQuality::Exact,
            cells: Vec::new(),
            before: Vec::new(),
            closed: false,
            implicit: true,
            partial: false,
        });
        self.current = Some(idx);
        for token in &group.tokens {
            self.push_value(token.clone());
        }
        self.rows[idx].closed = group.row_end;
        true
    }

    /// Whether a line of these tokens would end the table (the next section,
    /// also with a space after its number, or running text).
    fn ends_table(&self, tokens: &[Token<'a>]) -> bool {
        // A Markdown heading's marks apart from its words (`## 三、……`).
        let marks = tokens.iter().take_while(|t| is_heading_mark(t)).count();
        let tokens = &tokens[marks..];
        let Some(first) = tokens.first() else { return false };
        // The vocabulary is asked last: most lines fail the cheaper tests.
        let unknown = |t: &Token<'a>| t.label.is_none() && self.schema.vocab.lookup(&normalize(&t.text)).is_none();
        (matches!(first.value, CellValue::Text)
            && (self.is_stop(&first.text) || self.item_numbered_section(&first.text))
            && unknown(first))
            || tokens
                .get(1)
                .is_some_and(|t| self.spaced_heading(first, t) && unknown(t))
    }

    fn take_value(&mut self, token: Token<'a>, explicit: bool) {
        if let Some(cur) = self.current {
            let row = &self.rows[cur];
            let open = !row.closed || row.cells.is_empty();
            if open {
                self.push_value(token);
                return;
            }
        }
        // Cells after the header with no label: the implicit row, if the table has one.
        let has_number = !matches!(token.value, CellValue::Empty(_));
        if let Some((b, r)) = self.implicit_row()
            && (has_number || explicit)
            && (!self.header.is_empty() || self.headless_row)
        {
            if !has_number && self.current.is_none() {
                // Blank cells alone do not start a row; keep them with it once it starts.
                self.loose.push(token);
                return;
            }
            let idx = match self.first_of.get(&(b, r)).copied() {
                Some(i) if !self.rows[i].closed => i,
                Some(i)
                    if has_number
                        && self.rows[i]
                            .cells
                            .iter()
                            .all(|c| matches!(c.value, CellValue::Empty(_))) =>
                {
                    // The blank row was a spacer: the numbers are the row.
                    self.rows[i].cells.clear();
                    self.rows[i].closed = false;
                    i
                }
                Some(i) if self.resume_implicit && has_number => {
                    self.resume_implicit = false;
                    self.rows[i].closed = false;
                    i
                }
                Some(_) => {
                    self.orphans.push(token);
                    return;
                }
                None => {
                    let cells = std::mem::take(&mut self.loose);
                    self.add_row(RowBuild {
                        block: b,
                        row: r,
                        label: String::new(),
                        label_spans: Vec::new(),
                        quality: MatchQuality::Exact,
                        cells,
                        before: Vec::new(),
                        closed: false,
                        implicit: true,
                        partial: false,
                    })
                }
            };
            self.current = Some(idx);
            // Blank cells that came first in a resumed row are its cells too:
            // `|  | 0 | 0 | 0 | 3 |` under a group's header.
            for blank in std::mem::take(&mut self.loose) {
                self.push_value(blank);
            }
            self.push_value(token);
            return;
        }
        if has_number {
            self.touch(token.span);
            self.loose.push(token);
        }
    }

    /// Whether a header's words name the column group that starts where the
    /// implicit row stopped. A group is the columns whose titles share what
    /// comes before `·` (`未经复议直接起诉·结果维持`…).
    fn names_next_group(&self, text: &str) -> bool {
        let Some((b, r)) = self.implicit_row() else {
            return false;
        };
        let Some(&i) = self.first_of.get(&(b, r)) else {
            return false;
        };
        let row = &self.rows[i];
        let columns = &self.schema.blocks[b].columns;
        let at = row.cells.len();
        if !row.closed || at == 0 || at >= columns.len() {
            return false;
        }
        let group = |c: usize| {
            columns[c]
                .title
                .as_deref()
                .and_then(|t| t.split_once('·'))
                .map(|(g, _)| g)
        };
        match (group(at - 1), group(at)) {
            (Some(before), Some(next)) if before != next => normalize(text).core.contains(&normalize(next).core),
            _ => false,
        }
    }

    fn implicit_row(&self) -> Option<(usize, usize)> {
        for (b, block) in self.schema.blocks.iter().enumerate() {
            if let Some(r) = block.rows.iter().position(|r| r.implicit) {
                return Some((b, r));
            }
        }
        None
    }

    fn push_value(&mut self, token: Token<'a>) {
        let cur = self.current.expect("a current row");
        self.touch(token.span);
        let row = &mut self.rows[cur];
        if row.cells.is_empty()
            && let Some(set) = self.empty_of.get_mut(&(row.block, row.row))
        {
            set.remove(&cur);
        }
        row.cells.push(token);
    }

    /// Add a row to those read, keeping the indexes.
    fn add_row(&mut self, rb: RowBuild<'a>) -> usize {
        let i = self.rows.len();
        let key = (rb.block, rb.row);
        self.first_of.entry(key).or_insert(i);
        if rb.cells.is_empty() {
            self.empty_of.entry(key).or_default().insert(i);
        }
        self.rows.push(rb);
        i
    }

    fn loose_to_orphans(&mut self) {
        let loose = std::mem::take(&mut self.loose);
        self.orphans
            .extend(loose.into_iter().filter(|t| !matches!(t.value, CellValue::Empty(_))));
    }

    fn close_current(&mut self) {
        if let Some(cur) = self.current.take()
            && !self.rows[cur].cells.is_empty()
        {
            self.rows[cur].closed = true;
        }
    }

    /// Whether `text` after the numbers of a row whose label was cut by a wrap
    /// goes on with its official wording (`3.危及“三   0   0 …` / `安全一稳定”`,
    /// `1.申请人无正当理由逾期不补正、` / `行政机关不再处理其政府信息公开 6 …` / `申请`).
    fn completes_label(&self, cur: usize, text: &str) -> bool {
        let row = &self.rows[cur];
        let written = normalize(&format!("{}{text}", row.label));
        self.schema
            .vocab
            .begins_label_of(Role::Row(row.block, row.row), &written)
    }

    /// The rest of a wrapped label, after the numbers beside its first piece.
    fn continue_label(&mut self, cur: usize, token: &Token<'a>) {
        let row = &mut self.rows[cur];
        row.label.push_str(&token.text);
        row.label_spans.push(token.span);
        row.partial = false;
        self.touch(token.span);
    }

    fn open_row(&mut self, block: usize, row: usize, token: &Token<'a>, quality: MatchQuality) {
        let before = std::mem::take(&mut self.loose);
        // A label repeated with nothing in between (or after a page break before its
        // numbers) continues the row it named.
        if let Some(i) = self.empty_of.get(&(block, row)).and_then(|set| set.first().copied()) {
            self.rows[i].before.extend(before);
            self.rows[i].closed = false;
            self.current = Some(i);
            return;
        }
        // A group label followed by its first child in the same cell run, e.g.
        // `三、本年度办理结果 （一）予以公开`: nothing to do, rows are separate.
        let i = self.add_row(RowBuild {
            block,
            row,
            label: token.text.to_string(),
            label_spans: vec![token.span],
            quality,
            cells: Vec::new(),
            before,
            closed: false,
            implicit: false,
            partial: false,
        });
        self.current = Some(i);
    }

    fn finish(mut self, schema_index: usize) -> Option<(Table, f32)> {
        self.loose_to_orphans();
        let schema = self.schema;
        let mut blocks: Vec<Block> = Vec::new();
        let mut found_data = 0usize;
        let mut bad = 0usize;
        let mut unsplit = 0usize;
        // Keep the first reading of each row; a repeat is kept only when the
        // first had nothing (handled in `open_row`).
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let mut rows = std::mem::take(&mut self.rows);
        numbers_above_their_label(self.source_text, &mut rows, schema);
        drop_serial_numbers(&mut rows);
        total_first(self.source_text, &self.header, &mut rows, schema);
        let mut orphans: Vec<Token<'a>> = std::mem::take(&mut self.orphans);
        let stray = stray_cells(&rows, schema);
        let spaced = spaced_digits(self.source_text, &rows, schema);
        let repeats = repeated_rows(&rows, schema);
        // A converter (Markdown's, python-docx's cells joined by tabs) writes
        // a merged cell out per column: rows of cells set apart (see `fit_row`).
        let grid = schema.blocks.iter().map(|b| b.columns.len()).max().unwrap_or(0);
        let separator = match self.layout {
            Some(Layout::TabRows) => Some('\t'),
            Some(Layout::CsvRows) => Some(','),
            Some(Layout::Pipes) => Some('|'),
            _ => None,
        };
        let value_columns = match separator {
            Some(s) => value_columns(self.source_text, &rows, schema, s),
            None => vec![None; rows.len()],
        };
        let left_out = left_out_columns(self.source_text, &self.header, &rows, schema, self.start);
        for (mut rb, value_column) in rows.into_iter().zip(value_columns) {
            if seen.contains(&(rb.block, rb.row)) {
                orphans.extend(rb.cells.into_iter().filter(|t| !matches!(t.value, CellValue::Empty(_))));
                continue;
            }
            seen.push((rb.block, rb.row));
            let def = schema.row(rb.block, rb.row);
            let n = schema.blocks[rb.block].columns.len();
            let mut displaced = false;
            if rb.cells.is_empty() && !def.group && !rb.before.is_empty() && numbers_fit(&rb.before, n) {
                // Numbers printed just before the label (plain pdftotext output).
                rb.cells = std::mem::take(&mut rb.before);
                displaced = true;
            } else {
                orphans.append(&mut rb.before);
            }
            if !left_out[rb.block].is_empty() && !def.group {
                lay_out_without(&mut rb.cells, &left_out[rb.block], n);
            }
            let widths = Widths {
                value_column: value_column.zip(separator),
                stray: stray[rb.block],
                grid,
                run_together: self.layout == Some(Layout::RunTogether),
                spaced,
            };
            let (cells, shape) = shape_row(self.source_text, rb.cells, n, def.group, widths, self.units);
            if !def.group {
                found_data += 1;
                if !matches!(shape, RowShape::Ok | RowShape::LongUniform { .. }) {
                    bad += 1;
                }
                if matches!(shape, RowShape::Unsplit { .. }) {
                    unsplit += 1;
                }
            } else if !matches!(shape, RowShape::LabelOnly | RowShape::Ok) {
                bad += 1;
            }
            // A label wrapped over lines was matched by its first piece; judge the
            // wording on the whole label.
            let quality = match schema.vocab.lookup(&normalize(&rb.label)) {
                Some(m) if m.role == Role::Row(rb.block, rb.row) => m.quality.max(rb.quality),
                _ => rb.quality,
            };
            let row = Row {
                index: rb.row,
                label: rb.label,
                label_spans: rb.label_spans,
                quality,
                cells,
                shape,
                displaced,
                split: None,
            };
            match blocks.iter_mut().find(|b| b.index == rb.block) {
                Some(block) => block.rows.push(row),
                None => blocks.push(Block {
                    index: rb.block,
                    title: None,
                    rows: vec![row],
                }),
            }
        }
        if found_data == 0 {
            return None;
        }
        for block in &mut blocks {
            block.rows.sort_by_key(|r| r.index);
            block.title = self
                .header
                .iter()
                .find(|h| h.block_title == Some(block.index))
                .map(|h| h.span);
        }
        blocks.sort_by_key(|b| b.index);
        // Space-aligned text (pdftotext -layout): a short row's numbers go to the
        // columns they stand under, the rest are blanks there.
        let aligned = align_short_rows(self.source_text, &mut blocks, schema);
        bad = bad.saturating_sub(aligned);

        let expected: usize = schema
            .blocks
            .iter()
            .map(|b| b.rows.iter().filter(|r| !r.group).count())
            .sum();
        let missing = expected.saturating_sub(found_data);
        let orphan_groups = count_runs(&orphans);
        let score = self.score - 2.0 * missing as f32 - orphan_groups as f32;
        // A table of one data row (表四) whose row is one number short or over,
        // on one line or one cell per line, and with no numbers astray: a cell left out or doubled,
        // said at the row (`table-row-shape`), not a table that cannot be read.
        let lone_row_short = expected == 1
            && found_data == 1
            && orphan_groups == 0
            && blocks.iter().flat_map(|b| &b.rows).all(|r| {
                let off_by_one = match r.shape {
                    RowShape::Short { expected } => r.cells.len() + 1 == expected,
                    RowShape::Long { expected } => r.cells.len() == expected + 1,
                    _ => false,
                };
                // One per line, only a count short and within a page: a
                // page's number among such cells looks like one more.
                let short_per_line =
                    matches!(r.shape, RowShape::Short { .. }) && one_per_line(self.source_text, &r.cells);
                off_by_one && r.cells.len() > 2 && (on_one_line(self.source_text, &r.cells) || short_per_line)
            });
        let readable = match lone_row_short {
            true => Readability::Ok,
            false => readability(found_data, bad, expected, orphan_groups),
        };
        let readable_once_split = readable != Readability::Ok
            && unsplit > 0
            && readability(found_data, bad.saturating_sub(unsplit), expected, orphan_groups) == Readability::Ok;
        let start = self.start.unwrap_or(0);
        let table = Table {
            key: schema.key.clone(),
            schema: schema_index,
            edition: schema.edition.clone(),
            span: Span::new(start, self.end.max(start)),
            layout: self.layout.unwrap_or(Layout::Lines),
            blocks,
            header: self.header,
            orphans: to_cells(orphans),
            readable,
            readable_once_split,
            placed: None,
            blanks_are_zeros: false,
            zeros_as_placeholders: false,
            totals: Vec::new(),
            repeats,
            copy: None,
        };
        Some((table, score))
    }
}

/// For each block, the columns left out of the whole table: the header names
/// every column but these (and has not their titles' first words anywhere),
/// and the data rows hold one number fewer per column left out, none a full
/// row. A column deleted, header and cells, reads so; its cells are then
/// [`Blank::LeftOut`](crate::number::Blank::LeftOut), not blanks each row.
fn left_out_columns(
    text: &str,
    header: &[HeaderCell],
    rows: &[RowBuild<'_>],
    schema: &TableSchema,
    start: Option<usize>,
) -> Vec<Vec<usize>> {
    let mut left_out = vec![Vec::new(); schema.blocks.len()];
    let first_label = rows.iter().filter_map(|r| r.label_spans.first()).map(|s| s.start).min();
    let (Some(start), Some(end)) = (start, first_label) else {
        return left_out;
    };
    let header_text = unread_header_words(text, Span::new(start, end.max(start)), header);
    for (b, block) in schema.blocks.iter().enumerate() {
        let n = block.columns.len();
        let cores = block.columns.iter().map(|c| c.label.cores[0].as_str());
        let missing = columns_not_in_header(header, &header_text, b, cores);
        let kept = n - missing.len();
        if missing.is_empty() || kept * 2 <= n {
            continue;
        }
        let (mut short, mut data) = (0, 0);
        for rb in rows.iter().filter(|r| r.block == b && !schema.row(b, r.row).group) {
            match value_run(&rb.cells).map(|r| r.count()) {
                Some(v) if v == kept => short += 1,
                Some(v) if v >= n => {
                    short = 0;
                    break;
                }
                _ => {}
            }
            data += 1;
        }
        if short >= 2 && short * 3 >= data * 2 {
            left_out[b] = missing;
        }
    }
    left_out
}

/// Where a row's cells from its first value to its last stand (blanks
/// between them are cells; blanks before and after may be layout).
fn value_run(cells: &[Token<'_>]) -> Option<std::ops::RangeInclusive<usize>> {
    let is_value = |t: &Token<'_>| !matches!(t.value, CellValue::Empty(_));
    Some(cells.iter().position(is_value)?..=cells.iter().rposition(is_value)?)
}

/// A row of a table with columns left out: its cells in the columns there,
/// a left-out cell (empty, where the next cell starts) in each of the others.
fn lay_out_without(cells: &mut Vec<Token<'_>>, left_out: &[usize], n: usize) {
    let Some(run) = value_run(cells).filter(|r| r.clone().count() == n - left_out.len()) else {
        return;
    };
    let mut values = std::mem::take(cells)
        .into_iter()
        .skip(*run.start())
        .take(run.count())
        .peekable();
    let mut end = 0;
    for c in 0..n {
        if left_out.contains(&c) {
            let at = values.peek().map_or(end, |t| t.span.start);
            cells.push(Token {
                text: std::borrow::Cow::Borrowed(""),
                span: Span::empty(at),
                value: CellValue::Empty(crate::number::Blank::LeftOut),
                label: None,
                explicit: true,
                plain_digits: false,
                trim: false,
            });
        } else if let Some(t) = values.next() {
            end = t.span.end;
            cells.push(t);
        }
    }
}

/// Data rows written twice under the same label, each with numbers: the
/// second reading is dropped, so it is kept here to be said.
fn repeated_rows(rows: &[RowBuild<'_>], schema: &TableSchema) -> Vec<RepeatedRow> {
    fn numbers<'r>(rb: &'r RowBuild<'_>) -> Vec<&'r str> {
        rb.cells
            .iter()
            .filter(|t| !matches!(t.value, CellValue::Empty(_)))
            .map(|t| t.text.as_ref())
            .collect()
    }
    let mut repeats = Vec::new();
    // The first row read for each (block, row) of the schema.
    let mut first_of: Vec<Vec<Option<usize>>> = schema.blocks.iter().map(|b| vec![None; b.rows.len()]).collect();
    for (i, again) in rows.iter().enumerate() {
        let first = &rows[*first_of[again.block][again.row].get_or_insert(i)];
        if std::ptr::eq(first, again) {
            continue;
        }
        // A group's label repeated on each of its sub-rows is a merged cell written out.
        if schema.row(again.block, again.row).group || first.implicit || again.implicit {
            continue;
        }
        let (Some(&first_label), Some(&again_label)) = (first.label_spans.first(), again.label_spans.first()) else {
            continue;
        };
        // Only the same words: two labels that merely resemble one row are a misreading.
        if normalize(&first.label) != normalize(&again.label) {
            continue;
        }
        let (a, b) = (numbers(first), numbers(again));
        if a.is_empty() || b.is_empty() {
            continue;
        }
        repeats.push(RepeatedRow {
            block: again.block,
            row: again.row,
            first: first_label,
            again: again_label,
            same: a == b,
        });
    }
    repeats
}

/// How far (in characters) a number's middle may stand from its column's.
const COLUMN_TOLERANCE: f32 = 4.0;

/// Lines longer than this are not a table laid out with spaces (a page
/// scraped into one line): looking back for their start would cost time.
const LAYOUT_LINE: usize = 2000;

/// Where a line starts, if it does within [`LAYOUT_LINE`] bytes before `at`.
fn layout_line_start(text: &str, at: usize) -> Option<usize> {
    let mut from = at.saturating_sub(LAYOUT_LINE);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    match text[from..at].rfind(['\n', '\r']) {
        Some(i) => Some(from + i + 1),
        None => (from == 0).then_some(0),
    }
}

/// Where a cell's middle is on its line, in characters from the line's start
/// (numbers in a PDF's columns are centred or right-aligned, not left); `None`
/// on a line too long to be laid out with spaces.
fn middle_of(text: &str, span: Span) -> Option<f32> {
    let line_start = layout_line_start(text, span.start)?;
    let start = text[line_start..span.start].chars().count() as f32;
    let width = text[span.range()].chars().count() as f32;
    Some(start + width / 2.0)
}

fn on_one_line(text: &str, cells: &[Cell]) -> bool {
    spans_one_line(text, cells.first().map(|c| c.span), cells.last().map(|c| c.span))
}

/// Cells one per line, nothing but blank space between them (text of one
/// cell per line, blank lines or a tab before each).
fn one_per_line(text: &str, cells: &[Cell]) -> bool {
    cells.windows(2).all(|w| {
        let gap = between(text, w[0].span, w[1].span);
        gap.contains(['\n', '\r']) && !gap.contains('\u{c}') && gap.chars().all(char::is_whitespace)
    })
}

/// Cells on one line laid out with spaces: a line with tabs before its last
/// cell (a Word or web table's row, a tab-separated one) has columns by its
/// tabs, not by where its characters stand. A line starting further back than
/// [`LAYOUT_LINE`] is not laid out either (its cells have no middle, [`middle_of`]).
fn aligned_by_spaces(text: &str, cells: &[Cell]) -> bool {
    on_one_line(text, cells) && no_tabs(text, cells)
}

/// Whether no tab stands on the lines of the cells (text aligned by spaces).
fn no_tabs(text: &str, cells: &[Cell]) -> bool {
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return false;
    };
    let (from, to) = (first.span.start.min(last.span.start), first.span.end.max(last.span.end));
    layout_line_start(text, from).is_some_and(|start| !text[start..to].contains('\t'))
}

/// Whether the text from `first` to `last` stays on one line.
fn spans_one_line(text: &str, first: Option<Span>, last: Option<Span>) -> bool {
    match (first, last) {
        (Some(a), Some(b)) => text.get(a.start..b.end).is_some_and(|t| !t.contains(['\n', '\r'])),
        _ => false,
    }
}

/// In text whose columns are aligned with spaces, place the numbers of rows with
/// too few cells by the columns the full rows of their block stand in: a
/// number goes to the column it is clearly nearest, each missing column is a
/// blank cell. Only when every number has a column of its own, in order.
/// Returns how many rows were placed.
fn align_short_rows(text: &str, blocks: &mut [Block], schema: &TableSchema) -> usize {
    let mut placed = 0;
    for block in blocks.iter_mut() {
        let n = schema.blocks[block.index].columns.len();
        // Full rows: where each sits, and its cells' middles.
        // A full row over lines: a cell top-aligned in a row others centre
        // (the Word template's 总计) stands on the line above the rest.
        let over_lines = |r: &Row| {
            r.shape == RowShape::Ok && r.cells.len() == n && !on_one_line(text, &r.cells) && no_tabs(text, &r.cells)
        };
        if n < 2
            || !block
                .rows
                .iter()
                .any(|r| matches!(r.shape, RowShape::Short { .. }) || over_lines(r))
        {
            continue;
        }
        let full: Vec<(usize, Vec<f32>)> = block
            .rows
            .iter()
            .filter(|r| r.shape == RowShape::Ok && r.cells.len() == n && aligned_by_spaces(text, &r.cells))
            .filter_map(|r| {
                let middles: Option<Vec<f32>> = r.cells.iter().map(|c| middle_of(text, c.span)).collect();
                Some((r.cells[0].span.start, middles?))
            })
            .collect();
        if full.len() < 2 {
            continue;
        }
        // Each column's usual middle near a row: the median of the full rows on
        // its page (a table split over pages moves), else of the nearest three.
        let feeds: Vec<usize> = text.match_indices('\u{c}').map(|(i, _)| i).collect();
        let page = |at: usize| feeds.partition_point(|&f| f < at);
        let places_near = |at: usize| -> Option<Vec<f32>> {
            let mut near: Vec<&(usize, Vec<f32>)> = full.iter().filter(|(o, _)| page(*o) == page(at)).collect();
            if near.len() < 2 {
                near = full.iter().collect();
                near.sort_by_key(|(o, _)| o.abs_diff(at));
                near.truncate(3);
            }
            let places: Vec<f32> = (0..n)
                .map(|k| {
                    let mut at: Vec<f32> = near.iter().map(|(_, r)| r[k]).collect();
                    at.sort_by(f32::total_cmp);
                    at[at.len() / 2]
                })
                .collect();
            places.windows(2).all(|w| w[1] > w[0]).then_some(places)
        };
        // The column each cell clearly stands in, all or none.
        let columns_of = |places: &[f32], cells: &[Cell]| -> Option<Vec<usize>> {
            cells
                .iter()
                .map(|cell| {
                    let at = middle_of(text, cell.span)?;
                    let mut by_distance: Vec<(f32, usize)> = places.iter().map(|p| (p - at).abs()).zip(0..).collect();
                    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
                    let (d1, k) = by_distance[0];
                    let d2 = by_distance.get(1).map_or(f32::MAX, |d| d.0);
                    (d1 <= COLUMN_TOLERANCE && d2 >= d1 + 1.5).then_some(k)
                })
                .collect()
        };
        for row in block.rows.iter_mut() {
            if over_lines(row) {
                // The full rows just before and after it (a flow's spacing may change).
                let at = row.cells[0].span.start;
                let before = full.iter().filter(|(o, _)| *o < at).max_by_key(|(o, _)| *o);
                let after = full.iter().filter(|(o, _)| *o > at).min_by_key(|(o, _)| *o);
                let places: Vec<&[f32]> = before.into_iter().chain(after).map(|(_, p)| p.as_slice()).collect();
                last_columns_first(text, &mut row.cells, &places);
                continue;
            }
            if !matches!(row.shape, RowShape::Short { .. })
                || row.cells.is_empty()
                || !aligned_by_spaces(text, &row.cells)
            {
                continue;
            }
            let Some(places) = places_near(row.cells[0].span.start) else {
                continue;
            };
            let Some(columns) = columns_of(&places, &row.cells) else {
                continue;
            };
            if columns.windows(2).any(|w| w[1] <= w[0]) {
                continue;
            }
            let Some(line_start) = layout_line_start(text, row.cells[0].span.start) else {
                continue;
            };
            let line_end = text[line_start..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| line_start + i);
            // A blank's span: where its column is on the line (or the line's end).
            let blank_at = |k: usize| {
                let offset = text[line_start..line_end]
                    .char_indices()
                    .nth(places[k] as usize)
                    .map_or(line_end, |(i, _)| line_start + i);
                Cell {
                    span: Span::empty(offset),
                    value: CellValue::Empty(crate::number::Blank::Nothing),
                }
            };
            let mut cells = std::mem::take(&mut row.cells).into_iter();
            row.cells = (0..n)
                .map(|k| {
                    if columns.contains(&k) {
                        cells.next().expect("one per column")
                    } else {
                        blank_at(k)
                    }
                })
                .collect();
            row.shape = RowShape::Ok;
            placed += 1;
        }
    }
    placed
}

/// Two lines of numbers read into one row, the next row with none: in PDF
/// text the next row's numbers can stand on the line above its label (a label
/// centred in a row made tall by a wrapped merged cell beside it:
/// `7.属于行政执法案卷 1 0 …` / `年度办 0 0 …` / `8.属于行政查询事项`).
fn numbers_above_their_label(text: &str, rows: &mut [RowBuild<'_>], schema: &TableSchema) {
    for i in 1..rows.len() {
        let (done, rest) = rows.split_at_mut(i);
        let (row, next) = (&mut done[i - 1], &mut rest[0]);
        let n = schema.blocks[row.block].columns.len();
        let fits = row.block == next.block
            && !row.implicit
            && !next.implicit
            && row.cells.len() == 2 * n
            && next.cells.is_empty()
            && next.before.is_empty()
            && !schema.row(next.block, next.row).group;
        if !fits {
            continue;
        }
        let (upper, lower) = row.cells.split_at(n);
        let one_line = |cells: &[Token<'_>]| {
            spans_one_line(text, cells.first().map(|c| c.span), cells.last().map(|c| c.span))
                && !between(text, cells[0].span, cells[cells.len() - 1].span).contains('\t')
        };
        let label_at = next.label_spans.first().map_or(usize::MAX, |s| s.start);
        if one_line(upper)
            && one_line(lower)
            && !spans_one_line(text, Some(upper[0].span), Some(lower[0].span))
            && lower[n - 1].span.end <= label_at
        {
            next.cells = row.cells.split_off(n);
        }
    }
}

/// A full row over two lines of space-aligned text whose last columns stand
/// on the line above the rest (top-aligned where the others are centred, the
/// Word template's 总计): its cells put in column order, when the upper line's
/// cells all stand right of the lower's and under the last columns of one of
/// the nearest full rows (`near`, their cells' middles).
fn last_columns_first(text: &str, cells: &mut [Cell], near: &[&[f32]]) {
    let line_of = |c: &Cell| layout_line_start(text, c.span.start);
    let Some(first_line) = cells.first().and_then(line_of) else {
        return;
    };
    let upper = cells.iter().take_while(|c| line_of(c) == Some(first_line)).count();
    if upper == 0 || upper == cells.len() || !on_one_line(text, &cells[upper..]) {
        return;
    }
    let middles: Option<Vec<f32>> = cells.iter().map(|c| middle_of(text, c.span)).collect();
    let Some(middles) = middles else {
        return;
    };
    let (above, below) = middles.split_at(upper);
    let rightmost_below = below.iter().copied().fold(f32::MIN, f32::max);
    let under_last = near.iter().any(|places| {
        above
            .iter()
            .zip(&places[places.len() - upper..])
            .all(|(at, place)| (at - place).abs() <= COLUMN_TOLERANCE)
    });
    if above.iter().all(|&at| at > rightmost_below) && under_last {
        cells.rotate_left(upper);
    }
}

/// Whether a table is read well enough to check: some rows read, at least
/// half of those expected, and few bad rows or stray numbers.
fn readability(found_data: usize, bad: usize, expected: usize, orphan_groups: usize) -> Readability {
    let good = found_data - bad.min(found_data);
    if good == 0 {
        Readability::Unreadable(format!("0/{found_data}"))
    } else if found_data * 2 < expected {
        Readability::Unreadable(format!("{found_data}/{expected}"))
    } else if bad + orphan_groups > 2 && (bad + orphan_groups) * 3 > found_data {
        Readability::Unreadable(format!("{good}/{found_data}"))
    } else {
        Readability::Ok
    }
}

/// Numbers in the same run count as one misplaced group.
fn count_runs(tokens: &[Token<'_>]) -> usize {
    let mut runs = 0;
    let mut last_end = None;
    for t in tokens {
        if last_end.is_none_or(|e: usize| t.span.start > e + 8) {
            runs += 1;
        }
        last_end = Some(t.span.end);
    }
    runs
}

fn numbers_fit(tokens: &[Token<'_>], n: usize) -> bool {
    tokens.len() == n && tokens.iter().all(|t| matches!(t.value, CellValue::Number(_)))
}

fn weight(q: MatchQuality) -> f32 {
    match q {
        MatchQuality::Exact => 3.0,
        MatchQuality::Variant => 2.0,
        MatchQuality::Fuzzy => 1.0,
    }
}

/// Merged label cells copied into one (`三、本年度办理结果（一）予以公开`,
/// `（三）不予公开 1.属于国家秘密`): a cell that is no label as a whole, but
/// whose pieces from each item number on are each one, the last a row, is
/// read as those pieces, as if each stood in its own cell.
fn split_joined_labels<'a>(
    vocab: &crate::format::Vocab,
    tokens: &mut Vec<Token<'a>>,
    roles: &mut Vec<Option<VocabMatch>>,
) {
    let mut k = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        let whole_is_label = roles[k].is_some_and(|m| m.quality != MatchQuality::Fuzzy);
        if whole_is_label || t.label.is_some() || !matches!(t.value, CellValue::Text) {
            k += 1;
            continue;
        }
        let text: &str = &t.text;
        let starts: Vec<usize> = text
            .char_indices()
            .skip(1)
            .filter(|&(i, c)| {
                matches!(c, '（' | '(')
                    || c.is_ascii_digit()
                    || crate::label::is_cn_numeral_char(c) && !text[..i].ends_with(crate::label::is_cn_numeral_char)
            })
            .filter(|&(i, _)| numbering_prefix(&text[i..]).is_some())
            .map(|(i, _)| i)
            .collect();
        if starts.is_empty() {
            k += 1;
            continue;
        }
        let bounds: Vec<usize> = std::iter::once(0)
            .chain(starts)
            .chain(std::iter::once(text.len()))
            .collect();
        let pieces: Vec<(usize, &str)> = bounds
            .windows(2)
            .map(|w| (w[0], text[w[0]..w[1]].trim_end_matches(is_space)))
            .collect();
        let matches: Option<Vec<VocabMatch>> = pieces
            .iter()
            .map(|(_, p)| vocab.lookup(&normalize(p)).filter(|m| m.quality != MatchQuality::Fuzzy))
            .collect();
        let Some(matches) = matches.filter(|m| {
            matches!(
                m.last(),
                Some(VocabMatch {
                    role: Role::Row(..),
                    ..
                })
            )
        }) else {
            k += 1;
            continue;
        };
        let span = t.span;
        // The text as written (`三、本年度办理结果（一）予以公开`) gives each piece its
        // own span; text made from the cell (`<br>` taken out) gives each the cell's.
        let as_written = t.text.len() == span.len();
        let split: Vec<Token<'a>> = pieces
            .iter()
            .map(|&(at, piece)| {
                let mut token = tokens[k].clone();
                match (&tokens[k].text, as_written) {
                    (std::borrow::Cow::Borrowed(whole), true) => {
                        token.text = std::borrow::Cow::Borrowed(&whole[at..at + piece.len()]);
                        token.span = Span::new(span.start + at, span.start + at + piece.len());
                    }
                    _ => token.text = std::borrow::Cow::Owned(piece.to_string()),
                }
                token
            })
            .collect();
        let n = split.len();
        tokens.splice(k..k + 1, split);
        roles.splice(k..k + 1, matches.into_iter().map(Some));
        k += n;
    }
}

/// A section's number alone, `五、`.
fn is_bare_top_number(token: &Token<'_>) -> bool {
    matches!(token.value, CellValue::Text)
        && matches!(numbering_prefix(&token.text), Some((Numbering::Top(_), len)) if token.text[len..].trim_matches(is_space).is_empty())
}

/// A Markdown heading's marks, apart from its words (`##`, `**`).
fn is_heading_mark(token: &Token<'_>) -> bool {
    !token.text.is_empty() && token.text.chars().all(|c| matches!(c, '#' | '＃' | '*'))
}

/// Words of two characters or more, no number.
fn is_words(token: &Token<'_>) -> bool {
    matches!(token.value, CellValue::Text) && token.text.chars().filter(|c| crate::label::is_ideograph(*c)).count() >= 2
}

/// Words opening with a year (`2025年，我局……`): running text, no label does.
fn opens_with_year(text: &str) -> bool {
    let digits = text.chars().take_while(|c| crate::label::is_digit(*c)).count();
    digits == 4 && text.chars().nth(4) == Some('年')
}

/// Running text or the next section: the table is over.
fn is_stop(text: &str) -> bool {
    // A heading needs words after its number: a bare `三、` is a label written
    // vertically, one character per line.
    if let Some((Numbering::Top(_), len)) = numbering_prefix(text)
        && text[len..].chars().filter(|c| !crate::label::is_space(*c)).count() >= 2
    {
        return true;
    }
    text.chars().count() > 40 || is_sentence(text)
}

/// Words with a sentence mark, longer than any label fragment.
fn is_sentence(text: &str) -> bool {
    text.chars().count() > 12 && (text.contains('。') || semicolon_outside_brackets(text))
}

/// A `；` outside brackets: one inside is a label's own note typed with
/// another mark (`（二）部分公开（区分处理的；只计这一情形……）`).
fn semicolon_outside_brackets(text: &str) -> bool {
    let mut depth = 0usize;
    text.chars().any(|c| {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        c == '；' && depth == 0
    })
}

/// A whole line that is a sentence: also a short one ending in a full stop
/// (`全年行政复议4件。`), as no label line does. (A piece of a line may be
/// the end of a note, `……结转数量。`, so pieces need the longer test.)
fn is_sentence_line(text: &str) -> bool {
    is_sentence(text) || (text.chars().count() >= 6 && text.ends_with('。'))
}

/// A table's own note: `注：行政复议、行政诉讼数量含上年度结转数量。`
fn is_note(text: &str) -> bool {
    let t = text.trim_start_matches(['（', '(', '*', '※']);
    ["注", "说明", "备注", "附注"].iter().any(|p| t.starts_with(p))
}

/// A 序号 column before the labels (`1 | 一、本年新收…`, `2 | 二、上年结转…`): one
/// whole number before each label that has any, counting 1, 2, 3… over at
/// least five rows, is the row's serial number, not a cell astray.
fn drop_serial_numbers(rows: &mut [RowBuild<'_>]) {
    const AT_LEAST: usize = 5;
    let serials: Vec<Option<i64>> = rows
        .iter()
        .filter(|r| !r.before.is_empty())
        .map(|r| match r.before.as_slice() {
            [t] if t.plain_digits => t.value.number().and_then(|n| n.to_i64()),
            _ => None,
        })
        .collect();
    let counts = serials.len() >= AT_LEAST && serials.iter().enumerate().all(|(k, n)| *n == Some(k as i64 + 1));
    if counts {
        for r in rows.iter_mut() {
            r.before.clear();
        }
    }
}

/// A header that puts a block's last column (总计) before its first on the
/// same line (`总计 | 自然人 | 法人或其他组织`): each full row's first cell is
/// that column's, so it moves to the end.
fn total_first(text: &str, header: &[HeaderCell], rows: &mut [RowBuild<'_>], schema: &TableSchema) {
    for (b, block) in schema.blocks.iter().enumerate() {
        let n = block.columns.len();
        if n < 3 {
            continue;
        }
        let at = |c: usize| header.iter().find(|h| h.column == Some((b, c))).map(|h| h.span);
        let (Some(first), Some(last)) = (at(0), at(n - 1)) else {
            continue;
        };
        if last.end > first.start || text[last.end..first.start].contains(['\n', '\r']) {
            continue;
        }
        // The row's run of values, past the empty cells a label spanning two
        // columns or a trailing tab leaves (`一、……\t\t26\t23…\t1\t`).
        for rb in rows.iter_mut().filter(|r| r.block == b) {
            if let Some(run) = value_run(&rb.cells).filter(|r| r.clone().count() == n) {
                rb.cells[run].rotate_left(1);
            }
        }
    }
}

/// A table's caption: `表3 收到和处理政府信息公开申请情况统计表`, `附表三：……`,
/// `表 4`: the table's number, then its name or nothing, no sentence.
fn is_caption(text: &str) -> bool {
    let t = text.strip_prefix('附').unwrap_or(text);
    let Some(rest) = t.strip_prefix('表') else {
        return false;
    };
    let rest = rest.trim_start_matches(is_space);
    let number = rest
        .chars()
        .take_while(|c| crate::label::is_digit(*c) || "一二三四五六七八九十".contains(*c))
        .count();
    let name = rest.chars().skip(number).collect::<String>();
    let name = name.trim_start_matches(|c: char| is_space(c) || matches!(c, '：' | ':' | '．' | '.' | '、'));
    (1..=2).contains(&number)
        && text.chars().count() <= 60
        && !name.contains(['。', '；'])
        && (name.is_empty() || name.starts_with(crate::label::is_ideograph))
}

/// A draft's mark for a number to fill in: `X`, `XX`, `ｘｘ`, `××`.
fn is_unfilled(text: &str) -> bool {
    let t = text.trim();
    (1..=4).contains(&t.chars().count()) && t.chars().all(|c| matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×'))
}

/// Short words that stand in a value cell: `暂无`, `不适用`.
fn looks_like_value(text: &str) -> bool {
    text.chars().count() <= 4
}

/// How many empty cells this table's rows end in past their last column (stray
/// tabs, a Word table's merged cells), for each block: as many as its full rows
/// (first and last columns filled, every column there) end in, the most (a
/// table whose rows differ leaves an empty last cell in doubt, not a blank).
/// Rows of blocks as wide as each other are counted together (a one-value
/// block's rows end in the empties of the merged cell, a three-column block's
/// do not); a width with no full row takes the whole table's count. `None`
/// when no row is full, but a row with an empty cell past its columns shows
/// that they end in some; `Some(0)` when an empty last cell is a blank cell.
fn stray_cells(rows: &[RowBuild<'_>], schema: &TableSchema) -> Vec<Option<usize>> {
    #[derive(Clone, Copy, Default)]
    struct Count {
        most: Option<usize>,
        past_columns: bool,
    }
    impl Count {
        fn stray(self) -> Option<usize> {
            match self.most {
                Some(m) => Some(m),
                None if self.past_columns => None,
                None => Some(0),
            }
        }
    }
    let widths: Vec<usize> = schema.blocks.iter().map(|b| b.columns.len()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    let mut by_width = vec![Count::default(); widest + 1];
    let mut all = Count::default();
    for rb in rows {
        let n = widths[rb.block];
        let lead = rb.cells.iter().take_while(|t| t.trim).count();
        let trail = rb.cells[lead..].iter().rev().take_while(|t| t.trim).count();
        let middle = &rb.cells[lead..rb.cells.len() - trail];
        for count in [&mut by_width[n], &mut all] {
            if middle.len() == n {
                count.most = Some(count.most.map_or(trail, |m| m.max(trail)));
            }
            count.past_columns |= rb.cells.len() > n && trail > 0;
        }
    }
    widths
        .iter()
        .map(|&n| match by_width[n].most {
            Some(_) => by_width[n].stray(),
            None => all.stray(),
        })
        .collect()
}

/// The most digits a cell has in the table's full rows, when at least two of
/// them are numbers on one line, each set apart from the next by white space,
/// with a number of two digits or more among them: then a space is what
/// separates this table's cells. `None` otherwise (text run together, where
/// a space may stand for an empty cell or nothing).
fn spaced_digits(text: &str, rows: &[RowBuild<'_>], schema: &TableSchema) -> Option<usize> {
    let mut full = 0;
    let mut most = 0;
    for rb in rows {
        let cells = &rb.cells;
        let n = schema.blocks[rb.block].columns.len();
        if n < 2 || cells.len() != n || !cells.iter().all(|t| t.plain_digits) {
            continue;
        }
        let set_apart = cells.windows(2).all(|w| {
            let gap = between(text, w[0].span, w[1].span);
            !gap.contains(['\n', '\r']) && gap.chars().any(char::is_whitespace)
        });
        let widest = cells.iter().map(|t| digit_count(&t.text)).max().unwrap_or(0);
        if set_apart && widest >= 2 {
            full += 1;
            most = most.max(widest);
        }
    }
    (full >= 2).then_some(most)
}

/// The text between two spans in order (none when they overlap).
fn between(text: &str, a: Span, b: Span) -> &str {
    text.get(a.end..b.start).unwrap_or("")
}

fn digit_count(s: &str) -> usize {
    s.chars().filter(|c| crate::label::is_digit(*c)).count()
}

/// For each row of a tab or pipe table, the column (cell separators before it
/// on its line) where values start, as the full rows (every column there, on
/// the label's line) nearest it say:
/// the one before and the one after agreeing, or at either end of the table
/// the two nearest. A table split over pages may have other label columns on
/// each page, so it is read near the row.
fn value_columns(text: &str, rows: &[RowBuild<'_>], schema: &TableSchema, separator: char) -> Vec<Option<usize>> {
    let full: Vec<Option<usize>> = rows
        .iter()
        .map(|rb| {
            let n = schema.blocks[rb.block].columns.len();
            let first = rb.cells.iter().position(|t| !t.trim)?;
            let values = rb.cells[first..].iter().filter(|t| !t.trim).count();
            let label = *rb.label_spans.first()?;
            if values != n || !spans_one_line(text, Some(label), rb.cells.last().map(|t| t.span)) {
                return None;
            }
            cell_column(text, rb.cells[first].span.start, separator)
        })
        .collect();
    // The two nearest full rows' columns on each side, in one pass each way.
    let nearest = |order: &mut dyn Iterator<Item = usize>| {
        let mut two: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); full.len()];
        let mut last = (None, None);
        for i in order {
            two[i] = last;
            if let Some(c) = full[i] {
                last = (Some(c), last.0);
            }
        }
        two
    };
    let before = nearest(&mut (0..full.len()));
    let after = nearest(&mut (0..full.len()).rev());
    let agree = |a: Option<usize>, b: Option<usize>| a.zip(b).filter(|(a, b)| a == b).map(|(a, _)| a);
    before
        .into_iter()
        .zip(after)
        .map(|(b, a)| match (b.0, a.0) {
            (Some(_), Some(_)) => agree(b.0, a.0),
            (Some(_), None) => agree(b.0, b.1),
            (None, Some(_)) => agree(a.0, a.1),
            (None, None) => None,
        })
        .collect()
}

/// How many cell separators (a tab, a pipe) stand before `at` on its line.
fn cell_column(text: &str, at: usize, separator: char) -> Option<usize> {
    let start = layout_line_start(text, at)?;
    let line = &text[start..at];
    Some(match separator {
        '|' => line.matches(is_bar).count(),
        // Commas inside a quoted field separate nothing.
        ',' => crate::parse::lines::csv_fields(line).len() - 1,
        _ => line.matches(separator).count(),
    })
}

/// What a table's rows show of its layout, for fitting each row to its columns.
#[derive(Clone, Copy)]
struct Widths {
    /// The column where the row's values start, and the separator counted
    /// to it (see [`value_columns`]).
    value_column: Option<(usize, char)>,
    /// The empty cells its rows end in (see [`stray_cells`]).
    stray: Option<usize>,
    /// The widest block's columns: a row of cells set apart (bars, tabs)
    /// that wide in a block of fewer may be merged cells written out.
    grid: usize,
    /// Its cells' digits run together.
    run_together: bool,
    /// The most digits a cell of its full rows has, where those rows set
    /// each number apart with spaces (see [`spaced_digits`]).
    spaced: Option<usize>,
}

/// Fit a row's cells to `n` columns.
///
/// Layout artifacts go first: the empty cells the table's rows end in
/// (`stray`, see [`stray_cells`]; `None`: all of them), then empty cells at the
/// start (a label cell spanning two columns) and at the end while there are too
/// many. Digits run together without separators are split one per cell only
/// when their count equals the number of columns; anything else is not guessed.
fn shape_row(
    source_text: &str,
    mut cells: Vec<Token<'_>>,
    n: usize,
    group: bool,
    widths: Widths,
    units: &Units,
) -> (Vec<Cell>, RowShape) {
    let Widths {
        value_column,
        stray,
        grid,
        run_together,
        spaced,
    } = widths;
    // A row of nothing but empty cells is a blank row: every column blank.
    if !group && !cells.is_empty() && cells.iter().all(|t| t.trim) {
        let last = cells[cells.len() - 1].span;
        let blank = (0..n)
            .map(|i| Cell {
                span: cells.get(i).map_or(Span::empty(last.end), |t| t.span),
                value: cells
                    .get(i)
                    .map_or(CellValue::Empty(crate::number::Blank::Nothing), |t| t.value.clone()),
            })
            .collect();
        return (blank, RowShape::Ok);
    }
    // Where the nearest full rows' values start at one column, the empty
    // cells left of it are the label's, and an empty cell within the columns
    // is a blank: `（七）总计` spanning two label columns with its total blank.
    let mut strays = stray.unwrap_or(usize::MAX);
    if let Some((column, separator)) = value_column {
        let at = |t: &Token<'_>| cell_column(source_text, t.span.start, separator);
        let spacers = cells
            .iter()
            .take_while(|t| t.trim && at(t).is_some_and(|c| c < column))
            .count();
        if cells.get(spacers).and_then(at) == Some(column) {
            cells.drain(..spacers);
            strays = cells.len().saturating_sub(n);
        }
    }
    // An empty last cell is a blank cell (a Word or web table), but for the
    // stray cells the table's rows end in. Then the empty cells a label
    // spanning two columns leaves go, then any other empty cells past the columns.
    // (A cell of spaces written there, a full-width or no-break one, is the
    // blank last cell, not a stray: only nothing is.)
    while strays > 0 && cells.last().is_some_and(|t| t.trim && t.value.is_nothing()) {
        cells.pop();
        strays -= 1;
    }
    let spacers = cells.iter().take_while(|t| t.trim).count();
    cells.drain(..spacers.min(cells.len().saturating_sub(n)));
    while cells.len() > n && cells.last().is_some_and(|t| t.trim) {
        cells.pop();
    }
    if group && cells.iter().all(|t| matches!(t.value, CellValue::Empty(_))) {
        return (Vec::new(), RowShape::LabelOnly);
    }
    let explicit = cells.iter().any(|t| t.explicit);
    // Only digits run together on one line may be split: `10` alone on its line
    // is one cell.
    let one_line = spans_one_line(source_text, cells.first().map(|t| t.span), cells.last().map(|t| t.span));
    // Numbers set apart by wide gaps are cells of a space-aligned table: fewer
    // than the columns means blanks, not digits run together.
    let aligned = cells.len() > 1
        && cells.windows(2).all(|w| {
            between(source_text, w[0].span, w[1].span)
                .chars()
                .filter(|c| c.is_whitespace())
                .count()
                >= 2
        });
    // A count's unit glued to digits run together (`0000000000012件000`,
    // `0012件`): the unit ends a number, and its digits are a run like the
    // others, and so is a whole row's run with its unit after it. A count set
    // apart (`行政许可156件`, `64件 2件`, a sentence's `……申请12件`) is one number.
    if !explicit && one_line && !aligned && cells.len() < n {
        let glued_digits = |t: Option<&Token<'_>>| t.is_some_and(|t| t.plain_digits);
        let counted: Vec<Option<usize>> = (0..cells.len())
            .map(|k| {
                let len = counted_digits(&cells[k], units)?;
                let t = &cells[k];
                // In a page run together a space is no sign of where a cell
                // ends (`200000 2件`: an empty cell's `&nbsp;` between): spaces
                // between still glue.
                let before = k.checked_sub(1).map(|j| &cells[j]).filter(|b| {
                    b.span.end == t.span.start
                        || (run_together && source_text[b.span.end..t.span.start].chars().all(char::is_whitespace))
                });
                let after = cells.get(k + 1).filter(|a| a.span.start == t.span.end);
                let leading_zero = len > 1 && t.text.starts_with('0');
                // A row's whole run with the unit after it (`7000007件` for seven
                // counts): no one count is that large.
                let whole_run = n >= 5 && t.text[..len].chars().count() >= n;
                (glued_digits(before) || glued_digits(after) || leading_zero || whole_run).then_some(len)
            })
            .collect();
        for (t, counted) in cells.iter_mut().zip(counted) {
            if let Some(len) = counted {
                t.span = Span::new(t.span.start, t.span.start + len);
                t.text = match std::mem::take(&mut t.text) {
                    Cow::Borrowed(s) => Cow::Borrowed(&s[..len]),
                    Cow::Owned(s) => Cow::Owned(s[..len].to_string()),
                };
                t.value = crate::number::parse_cell(&t.text, units);
                t.plain_digits = true;
            }
        }
    }
    // A sign glued between two cells (`20+1737`: 20, +17, 37), or an amount's
    // unit after the last (`61285000元`: 6 projects, 1285000元; `3922533.2元`
    // with its decimals), runs them together too; such a row is not split
    // (see `infer::run_digits`).
    let marked = |t: &Token<'_>| {
        let s = t.text.trim_matches(is_space);
        let s = s.strip_prefix(['+', '-', '＋', '－']).unwrap_or(s);
        let amount = s.strip_suffix("万元").or_else(|| s.strip_suffix('元'));
        // Decimals only glued to the words before: set apart, `152.2万元` is one
        // amount. In a page run together, where cells have nothing between
        // them, a space is no sign of where one ends (an empty cell's `&nbsp;`).
        let glued = || {
            run_together
                || source_text[..t.span.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| !c.is_whitespace())
        };
        let s = match amount.map(|a| a.split_once('.')) {
            Some(Some((whole, decimals)))
                if whole.chars().count() > 1 && tokens::is_plain_digits(decimals) && glued() =>
            {
                whole
            }
            _ => amount.unwrap_or(s),
        };
        !t.plain_digits && tokens::is_plain_digits(s)
    };
    // In a table whose full rows set their numbers apart with single spaces
    // (pdftotext -raw, a page copied from a PDF viewer), a short row of numbers
    // set apart, none longer than the table's, is a row with a blank cell:
    // `38 11 1 2 1 54` is six cells, not digits to split.
    let set_apart = !run_together
        && spaced.is_some_and(|most| {
            cells.len() > 1
                && cells.iter().all(|t| digit_count(&t.text) <= most)
                && cells.windows(2).all(|w| {
                    between(source_text, w[0].span, w[1].span)
                        .chars()
                        .any(char::is_whitespace)
                })
        });
    if !explicit
        && one_line
        && !aligned
        && !set_apart
        && cells.len() < n
        && !cells.is_empty()
        && cells
            .iter()
            .all(|t| t.plain_digits || marked(t) || is_unfilled(&t.text))
    {
        let has_mark = cells.iter().any(marked);
        // A number not filled in (`1100240XX1510102`) holds one cell among
        // the digits.
        let unfilled = cells.iter().filter(|t| is_unfilled(&t.text)).count();
        let digits: usize = cells.iter().map(|t| digit_count(&t.text)).sum();
        if digits + unfilled == n && !has_mark {
            let mut split = Vec::with_capacity(n);
            for t in &cells {
                if is_unfilled(&t.text) {
                    split.push(Cell {
                        span: t.span,
                        value: t.value.clone(),
                    });
                    continue;
                }
                split.extend(t.text.char_indices().map(|(i, c)| Cell {
                    span: Span::new(t.span.start + i, t.span.start + i + c.len_utf8()),
                    value: crate::number::parse_cell(&c.to_string(), units),
                }));
            }
            return (split, RowShape::Ok);
        }
        // Fewer digits than cells in text run together: a cell was left
        // blank (or a digit lost), and no reading fills every cell. Single
        // digits each set apart (`0 0 0 0 0 0`) are cells, one short.
        let one_digit_each = cells.len() == digits && cells.len() >= 2;
        if unfilled == 0 && (digits > n || (run_together && digits >= 2 && !(digits < n && one_digit_each))) {
            let cells = to_cells(cells);
            return (cells, RowShape::Unsplit { expected: n, digits });
        }
    }
    // A merged value cell written out once per column it spans (a converter
    // flattening `colspan`): the row as wide as the widest block, each run of
    // equal neighbours one cell.
    if cells.len() > n && cells.len() == grid && explicit && cells.iter().all(|t| t.explicit) {
        let runs = cells.chunk_by(|a, b| a.value == b.value).count();
        let uniform = runs == 1 && matches!(cells[0].value, CellValue::Number(_));
        if runs == n || uniform {
            let mut kept: Vec<Token<'_>> = Vec::with_capacity(n);
            let mut previous: Option<CellValue> = None;
            for t in cells {
                if kept.len() < n && (uniform || previous.as_ref() != Some(&t.value)) {
                    previous = Some(t.value.clone());
                    kept.push(t);
                }
            }
            return (to_cells(kept), RowShape::Ok);
        }
    }
    let shape = match cells.len() {
        len if len == n => RowShape::Ok,
        len if len < n => RowShape::Short { expected: n },
        _ => {
            let first = &cells[0].value;
            if cells.iter().all(|t| t.value == *first) && matches!(first, CellValue::Number(_)) {
                RowShape::LongUniform { expected: n }
            } else {
                RowShape::Long { expected: n }
            }
        }
    };
    (to_cells(cells), shape)
}

/// The byte length of a token's digits when it is a whole count written with
/// its unit right after (`12件`, `0000012件`): no sign, no decimals.
fn counted_digits(t: &Token<'_>, units: &Units) -> Option<usize> {
    let CellValue::Number(number) = &t.value else {
        return None;
    };
    let unit = units.get(number.unit?);
    if number.signed || unit.dimension != crate::number::Dimension::Count || unit.factor != 1 {
        return None;
    }
    let digits = t.text.strip_suffix(unit.symbol.as_str())?;
    tokens::is_plain_digits(digits).then_some(digits.len())
}

fn to_cells(tokens: Vec<Token<'_>>) -> Vec<Cell> {
    tokens
        .into_iter()
        .map(|t| Cell {
            span: t.span,
            value: t.value,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::builtin_format;
    use crate::parse::lines::classify_lines;

    fn read(text: &str, key: &str) -> Table {
        let format = builtin_format();
        let source = SourceFile::new("t", text);
        let lines = classify_lines(&source);
        read_tables(&source, &lines, &format)
            .into_iter()
            .find(|t| t.key == key)
            .expect("table found")
    }

    fn row<'t>(table: &'t Table, format: &Format, key: &str) -> &'t Row {
        let schema = &format.tables[table.schema];
        table
            .blocks
            .iter()
            .flat_map(|b| b.rows.iter().map(move |r| (b.index, r)))
            .find(|(b, r)| schema.row(*b, r.index).key == key)
            .map(|(_, r)| r)
            .unwrap_or_else(|| panic!("row {key} not found"))
    }

    fn values(row: &Row) -> Vec<String> {
        row.cells
            .iter()
            .map(|c| c.value.number().map(|n| n.to_string()).unwrap_or("_".into()))
            .collect()
    }

    #[test]
    fn space_aligned_pdf_text_with_wrapped_label() {
        let text = "\
                  三、收到和处理政府信息公开申请情况
                                                                 申请人情况
（本列数据的勾稽关系为：第一项加第二项之和， 等
于第三项加第四项之和）
一、本年新收政府信息公开申请数量                             95    0         0     0   0   0     95
二、上年结转政府信息公开申请数量                              0    0         0     0   0   0     0
                  （一）予以公开                    50    0         0     0   0   0     50
                  （二）部分公开（区分处理的，只计这一情 形，不
                  计其他情形）
                                              9    0         0     0   0   0     9
                            1.属于国家秘密         0     0         0     0   0   0     0
 三 、本 年 度办 理 结果
                            2.其他法律行政止公开      0     0         0     0   0   0     0
";
        let format = builtin_format();
        let t = read(text, "applications");
        assert_eq!(values(row(&t, &format, "new")), ["95", "0", "0", "0", "0", "0", "95"]);
        assert_eq!(values(row(&t, &format, "partial")), ["9", "0", "0", "0", "0", "0", "9"]);
        assert_eq!(values(row(&t, &format, "withheld.law")), ["0"; 7]);
        assert_eq!(row(&t, &format, "withheld.law").quality, MatchQuality::Fuzzy);
        assert!(t.orphans.is_empty(), "{:?}", t.orphans);
    }

    #[test]
    fn a_wrapped_label_whose_numbers_stand_beside_its_first_piece() {
        // Zeros give no sum to place them by: the first piece opens its row.
        let text = "\
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量                  0      0      0      0      0      0      0
2.其他法律行政法规禁止公开                        0      0      0      0      0      0      0
3.危及“三                                         0      0      0      0      0      0      0
安全一稳定”
4.保护第三方合法权益                              0      0      0      0      0      0      0
";
        let format = builtin_format();
        let t = read(text, "applications");
        assert_eq!(values(row(&t, &format, "withheld.law")), ["0"; 7]);
        let safety = row(&t, &format, "withheld.safety");
        assert_eq!(values(safety), ["0"; 7]);
        assert_eq!(safety.label, "3.危及“三安全一稳定”");
        assert_eq!(safety.quality, MatchQuality::Exact);
        assert_eq!(values(row(&t, &format, "withheld.third_party")), ["0"; 7]);
    }

    #[test]
    fn pdf_text_of_the_word_template_with_cells_off_their_row_line() {
        // The template top-aligns 总计 and centres the rest: a tall row's 总计
        // stands a line above its other numbers; a row beside a wrapped merged
        // label has its numbers a line above its own label.
        let text = "\
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量              42      7    1     0    2    0    52
二、上年结转政府信息公开申请数量              3       0    0     0    0    0    3
      （一）予以公开                 20      5    1     0    1    0    27
      （二）部分公开（区分处理的，只计这一情                                       11
                              9       2    0     0    0    0
      形，不计其他情形）
             7.属于行政执法案卷       1       0    0     0    0    0    1
三、本
年度办                           2       0    0     0    0    0    2
             8.属于行政查询事项
理结果
             1.本机关不掌握相关政府信息   6       0    0     0    1    0    7
             2.重复申请           4       0    0     0    0    0    4
";
        let format = builtin_format();
        let t = read(text, "applications");
        assert_eq!(
            values(row(&t, &format, "partial")),
            ["9", "2", "0", "0", "0", "0", "11"]
        );
        assert_eq!(
            values(row(&t, &format, "withheld.case_file")),
            ["1", "0", "0", "0", "0", "0", "1"]
        );
        assert_eq!(
            values(row(&t, &format, "withheld.query")),
            ["2", "0", "0", "0", "0", "0", "2"]
        );
        assert_eq!(row(&t, &format, "withheld.query").shape, RowShape::Ok);
        // Line order kept where the upper number does not stand under 总计.
        let moved = text.replace("                                       11\n", "   11\n");
        let t = read(&moved, "applications");
        assert_eq!(
            values(row(&t, &format, "partial")),
            ["11", "9", "2", "0", "0", "0", "0"]
        );
    }

    #[test]
    fn a_pdf_line_of_table_four_opening_with_placeholders_keeps_them() {
        let text = "\
四、政府信息公开行政复议、行政诉讼情况
                 行政复议                                      行政诉讼
结果   结果    其他    尚未   总计   结果   结果   其他   尚未   总计   结果   结果   其他   尚未   总计
维持   纠正    结果    审结          维持   纠正   结果   审结          维持   纠正   结果   审结

—    —    —      —    —    1    0    0        1       2        1        1        0    0        2
";
        let t = read(text, "appeals");
        let cells = &t.blocks[0].rows[0].cells;
        assert_eq!(cells.len(), 15, "{cells:?}");
        assert!(cells[..5].iter().all(|c| c.value == CellValue::Placeholder));
    }

    #[test]
    fn an_empty_last_cell_is_blank_unless_rows_end_in_stray_tabs() {
        let head = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n";
        let format = builtin_format();
        // A full row whose last cell is empty: a blank 现行有效件数.
        let t = read(&format!("{head}规章\t1\t0\t\n行政规范性文件\t2\t1\t13\n"), "disclosure");
        assert_eq!(values(row(&t, &format, "regulations")), ["1", "0", "_"]);
        assert_eq!(row(&t, &format, "regulations").shape, RowShape::Ok);
        // Another row shows the table's rows end in a stray tab: the row is short.
        let t = read(
            &format!("{head}规章\t1\t0\t\n行政规范性文件\t2\t1\t13\t\n"),
            "disclosure",
        );
        assert_eq!(values(row(&t, &format, "regulations")), ["1", "0"]);
        assert_eq!(row(&t, &format, "regulations").shape, RowShape::Short { expected: 3 });
    }

    #[test]
    fn a_blank_last_cell_after_a_label_spanning_two_columns() {
        let format = builtin_format();
        // Markdown: the label's second cell is empty, and so is the last.
        let head = "二、主动公开政府信息情况\n\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n\
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n";
        let t = read(
            &format!("{head}| 规章 | | 1 | 0 | |\n| 行政规范性文件 | | 2 | 1 | 13 |\n"),
            "disclosure",
        );
        assert_eq!(values(row(&t, &format, "regulations")), ["1", "0", "_"]);
        // Rows ending in a stray tab, told by the row whose last cell is
        // filled: the blank before it is the last cell.
        let head =
            "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t\t本年制发件数\t本年废止件数\t现行有效件数\n";
        let t = read(
            &format!("{head}规章\t\t1\t0\t\t\n行政规范性文件\t\t2\t1\t13\t\n"),
            "disclosure",
        );
        assert_eq!(values(row(&t, &format, "regulations")), ["1", "0", "_"]);
        assert_eq!(values(row(&t, &format, "normative")), ["2", "1", "13"]);
    }
}
