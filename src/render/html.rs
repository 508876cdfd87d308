//! `--format html`: one self-contained page (inline CSS and JS, no network) with
//! a summary of the batch, then for each file its tables drawn as grids with the
//! cells findings touch, and the text around every other finding. Rendered with
//! minijinja, which escapes all report text.

use std::collections::{BTreeMap, HashMap};

use minijinja::Environment;
use serde::Serialize;

use crate::diag::{Diagnostic, FileReport, Lang, RuleInfo, Severity};
use crate::grid::Grid;
use crate::render::Summary;
use crate::source::{SourceFile, Span};

const TEMPLATE: &str = include_str!("html/report.html");
const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Characters of context kept on each side of a finding outside a table.
const CONTEXT: usize = 60;

#[derive(Serialize)]
struct Page<'a> {
    lang: &'static str,
    t: &'static Texts,
    style: &'static str,
    script: &'static str,
    summary: Summary,
    rules: Vec<RuleRow<'a>>,
    kinds: Vec<&'static str>,
    files: Vec<FileView<'a>>,
}

#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    kind: &'a str,
    severity: &'static str,
    count: usize,
    files: usize,
    short: &'a str,
}

#[derive(Serialize)]
struct FileView<'a> {
    id: String,
    path: &'a str,
    agency: Option<&'a str>,
    year: Option<i32>,
    edition: Option<&'a str>,
    error: Option<&'a str>,
    errors: usize,
    warnings: usize,
    infos: usize,
    tables: Vec<TableView<'a>>,
    findings: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct TableView<'a> {
    name: &'a str,
    edition: Option<&'a str>,
    checked: bool,
    blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
struct BlockView<'a> {
    title: Option<&'a str>,
    columns: Vec<&'a str>,
    rows: Vec<RowView<'a>>,
}

#[derive(Serialize)]
struct RowView<'a> {
    label: &'a str,
    written: Option<&'a str>,
    group: bool,
    depth: usize,
    found: bool,
    aligned: bool,
    cells: Vec<CellView>,
}

#[derive(Serialize, Default)]
struct CellView {
    id: String,
    text: String,
    kind: &'static str,
    /// The most severe finding whose primary label is on it.
    severity: Option<&'static str>,
    /// Findings it takes part in (primary or a term).
    findings: Vec<String>,
    /// Their messages and notes, for the tooltip and screen readers.
    title: String,
}

#[derive(Serialize)]
struct FindingView<'a> {
    id: String,
    rule: &'a str,
    kind: &'a str,
    severity: &'static str,
    message: &'a str,
    notes: &'a [String],
    line: usize,
    column: usize,
    /// The cell of its primary label, when in a table.
    cell: Option<String>,
    /// The cells of its other labels (a sum's terms).
    terms: Vec<String>,
    /// The line around it, for a finding outside the tables.
    snippet: Option<SnippetView>,
}

#[derive(Serialize)]
struct SnippetView {
    before: String,
    marked: String,
    after: String,
}

/// The words of the page, in one language.
#[derive(Serialize)]
struct Texts {
    title: &'static str,
    summary: &'static str,
    files: &'static str,
    file: &'static str,
    errors: &'static str,
    warnings: &'static str,
    infos: &'static str,
    rule: &'static str,
    kind: &'static str,
    severity: &'static str,
    count: &'static str,
    what: &'static str,
    filter: &'static str,
    all: &'static str,
    findings: &'static str,
    no_findings: &'static str,
    not_checked: &'static str,
    year: &'static str,
    edition: &'static str,
    line: &'static str,
    sort: &'static str,
    label: &'static str,
    unaligned: &'static str,
    not_found: &'static str,
    could_not_read: &'static str,
    shown: &'static str,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    tables: &'static str,
    skip: &'static str,
}

static ZH: Texts = Texts {
    title: "政府信息公开工作年度报告检查结果",
    summary: "概况",
    files: "文件",
    file: "文件",
    errors: "错误",
    warnings: "警告",
    infos: "提示",
    rule: "规则",
    kind: "类别",
    severity: "级别",
    count: "问题数",
    what: "检查内容",
    filter: "筛选",
    all: "全部",
    findings: "问题",
    no_findings: "没有发现问题",
    not_checked: "未作检查（无法可靠读取）",
    year: "年度",
    edition: "格式版本",
    line: "行",
    sort: "排序",
    label: "项目",
    unaligned: "本行单元格数与列数不符，按原文顺序列出",
    not_found: "报告中没有这一行",
    could_not_read: "无法读取",
    shown: "显示",
    error: "错误",
    warning: "警告",
    info: "提示",
    tables: "统计表",
    skip: "跳到各文件",
};

static EN: Texts = Texts {
    title: "Annual report lint results",
    summary: "Summary",
    files: "Files",
    file: "File",
    errors: "Errors",
    warnings: "Warnings",
    infos: "Infos",
    rule: "Rule",
    kind: "Kind",
    severity: "Severity",
    count: "Findings",
    what: "What it checks",
    filter: "Filter",
    all: "all",
    findings: "Findings",
    no_findings: "No findings",
    not_checked: "not checked (could not be read reliably)",
    year: "Year",
    edition: "Edition",
    line: "line",
    sort: "sort",
    label: "Item",
    unaligned: "this row's cells do not match the columns; listed as written",
    not_found: "this row is not in the report",
    could_not_read: "could not be read",
    shown: "shown",
    error: "error",
    warning: "warning",
    info: "info",
    tables: "Tables",
    skip: "skip to the files",
};

/// The whole page for a batch.
pub fn render(reports: &[FileReport], rules: &[RuleInfo], lang: Lang) -> String {
    let t = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    let files: Vec<FileView<'_>> = reports.iter().enumerate().map(|(i, r)| file_view(i, r)).collect();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in reports {
        let mut seen: Vec<&str> = Vec::new();
        for d in &r.diagnostics {
            let c = counts.entry(d.rule.as_str()).or_default();
            c.0 += 1;
            if !seen.contains(&d.rule.as_str()) {
                seen.push(&d.rule);
                c.1 += 1;
            }
        }
    }
    let severity_of = |id: &str| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .find(|d| d.rule == id)
            .map_or("info", |d| d.severity.as_str())
    };
    let rule_rows = counts
        .iter()
        .map(|(&id, &(count, files))| {
            let info = rules.iter().find(|r| r.id == id);
            RuleRow {
                id,
                kind: info.map_or("", |i| i.kind),
                severity: severity_of(id),
                count,
                files,
                short: info.map_or("", |i| i.short.as_str()),
            }
        })
        .collect();
    let mut kinds: Vec<&'static str> = reports.iter().flat_map(|r| &r.diagnostics).map(|d| d.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let page = Page {
        lang: match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        },
        t,
        style: STYLE,
        script: SCRIPT,
        summary: Summary::of(reports),
        rules: rule_rows,
        kinds,
        files,
    };
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)
        .expect("the report template parses");
    env.get_template("report.html")
        .and_then(|tpl| tpl.render(minijinja::Value::from(minijinja::value::Serde(&page))))
        .unwrap_or_else(|e| format!("<!doctype html><p>report failed: {}</p>", html_escape(&e.to_string())))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn file_view(index: usize, report: &FileReport) -> FileView<'_> {
    let id = format!("f{index}");
    let extract = report.extract.as_ref();
    let grids: &[Grid] = extract.map_or(&[], |e| e.tables.as_slice());
    // Every cell drawn, by the start of its span: where labels land.
    let mut cells_at: HashMap<usize, String> = HashMap::new();
    let mut spans: Vec<(Span, String)> = Vec::new();
    for (t, grid) in grids.iter().enumerate() {
        for (b, block) in grid.blocks.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                for (c, cell) in row.cells.iter().enumerate() {
                    let cid = format!("{id}-t{t}-b{b}-r{r}-c{c}");
                    cells_at.entry(cell.span.start).or_insert_with(|| cid.clone());
                    spans.push((cell.span, cid));
                }
            }
        }
    }
    let cell_of = |span: Span| -> Option<String> {
        cells_at.get(&span.start).cloned().or_else(|| {
            spans
                .iter()
                .find(|(s, _)| s.start <= span.start && span.start < s.end.max(s.start + 1))
                .map(|(_, c)| c.clone())
        })
    };
    let source = report.source.as_ref();
    let findings: Vec<FindingView<'_>> = report
        .diagnostics
        .iter()
        .enumerate()
        .map(|(k, d)| finding_view(&id, k, d, source, &cell_of))
        .collect();
    // What each cell takes part in.
    let mut by_cell: HashMap<&str, Part> = HashMap::new();
    for (f, d) in findings.iter().zip(&report.diagnostics) {
        let said = std::iter::once(d.message.as_str())
            .chain(d.notes.iter().map(|n| n.as_str()))
            .collect::<Vec<_>>()
            .join("\n  ");
        if let Some(c) = &f.cell {
            let e = by_cell.entry(c.as_str()).or_default();
            e.severity = e.severity.max(Some(d.severity));
            e.findings.push(f.id.clone());
            e.messages.push(said.clone());
        }
        for c in &f.terms {
            let e = by_cell.entry(c.as_str()).or_default();
            e.findings.push(f.id.clone());
            e.messages.push(said.clone());
        }
    }
    let tables = grids
        .iter()
        .enumerate()
        .map(|(t, grid)| TableView {
            name: &grid.name,
            edition: grid.edition.as_deref(),
            checked: grid.checked,
            blocks: grid
                .blocks
                .iter()
                .enumerate()
                .map(|(b, block)| BlockView {
                    title: block.title.as_deref(),
                    columns: block.columns.iter().map(|c| c.name.as_str()).collect(),
                    rows: block
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(r, row)| RowView {
                            label: &row.label,
                            written: row.written.as_deref().filter(|w| *w != row.label),
                            group: row.group,
                            depth: row.depth,
                            found: row.found,
                            aligned: row.aligned,
                            cells: row
                                .cells
                                .iter()
                                .enumerate()
                                .map(|(c, cell)| {
                                    let cid = format!("{id}-t{t}-b{b}-r{r}-c{c}");
                                    let part = by_cell.remove(cid.as_str()).unwrap_or_default();
                                    CellView {
                                        text: cell.text.trim().to_string(),
                                        kind: cell.kind,
                                        severity: part.severity.map(Severity::as_str),
                                        findings: part.findings,
                                        title: part.messages.join("\n"),
                                        id: cid,
                                    }
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    FileView {
        path: &report.path,
        agency: extract.and_then(|e| e.agency.as_deref()),
        year: report.report_year,
        edition: report.edition.as_deref(),
        error: report.error.as_deref(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        tables,
        findings,
        id,
    }
}

/// The findings a cell takes part in: the most severe one whose primary label
/// it holds, and the ids and messages of all.
#[derive(Default)]
struct Part {
    severity: Option<Severity>,
    findings: Vec<String>,
    messages: Vec<String>,
}

fn finding_view<'a>(
    file: &str,
    k: usize,
    d: &'a Diagnostic,
    source: Option<&SourceFile>,
    cell_of: &dyn Fn(Span) -> Option<String>,
) -> FindingView<'a> {
    let position = source.map(|s| s.position(d.primary.span.start));
    let cell = cell_of(d.primary.span);
    let terms = d
        .secondary
        .iter()
        .filter(|l| !l.previous)
        .filter_map(|l| cell_of(l.span))
        .filter(|c| Some(c) != cell.as_ref())
        .collect();
    let snippet = match (&cell, source) {
        (None, Some(s)) => Some(snippet(s, d.primary.span)),
        _ => None,
    };
    FindingView {
        id: format!("{file}-d{k}"),
        rule: &d.rule,
        kind: d.kind,
        severity: d.severity.as_str(),
        message: &d.message,
        notes: &d.notes,
        line: position.map_or(0, |p| p.line),
        column: position.map_or(0, |p| p.column),
        cell,
        terms,
        snippet,
    }
}

/// The line around a span, clipped to [`CONTEXT`] characters on each side.
fn snippet(source: &SourceFile, span: Span) -> SnippetView {
    let text = source.text();
    let line = source.line_index(span.start);
    let range = source.line_content_range(line);
    let end = span.end.min(range.end).max(span.start);
    let before: String = {
        let b = &text[range.start..span.start.max(range.start)];
        let n = b.chars().count();
        let kept: String = b.chars().skip(n.saturating_sub(CONTEXT)).collect();
        if n > CONTEXT { format!("…{kept}") } else { kept }
    };
    let marked: String = text[span.start..end].chars().take(4 * CONTEXT).collect();
    let after: String = {
        let a = &text[end..range.end.max(end)];
        let kept: String = a.chars().take(CONTEXT).collect();
        if a.chars().count() > CONTEXT {
            format!("{kept}…")
        } else {
            kept
        }
    };
    SnippetView { before, marked, after }
}
