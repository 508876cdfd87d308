//! The tables as data: every table read from a report, as a grid of the
//! official rows and columns with what each cell holds ([`crate::extract`]
//! makes it). `nianbao extract` writes it as CSV or JSON; the HTML report draws
//! it. Plain data, so that a file report can carry it.

use serde::Serialize;

use crate::source::Span;

/// A report's tables, and who wrote it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extract {
    /// The agency, as its title names it before the year.
    pub agency: Option<String>,
    pub tables: Vec<Grid>,
}

/// One table: its blocks, each a grid of official rows and columns.
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    /// The schema's key: `disclosure`, `applications`, `appeals`.
    pub key: String,
    /// `表三`.
    pub name: String,
    pub edition: Option<String>,
    /// Read reliably enough to be checked.
    pub checked: bool,
    pub line: usize,
    pub blocks: Vec<GridBlock>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridBlock {
    pub key: String,
    /// `第二十条第（一）项`, for tables of several blocks.
    pub title: Option<String>,
    pub columns: Vec<GridColumn>,
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridColumn {
    pub key: String,
    /// The official label (`总计`).
    pub label: String,
    /// What messages call it, unambiguous in its table (`行政复议·总计`).
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    pub key: String,
    /// The official label.
    pub label: String,
    /// The label as the report writes it, when found.
    pub written: Option<String>,
    /// A label-only row (三、本年度办理结果): no cells of its own.
    pub group: bool,
    /// How deep under a group it sits (0 at the top).
    pub depth: usize,
    /// The row was found in the report.
    pub found: bool,
    /// Its cells line up with the columns; when not, `cells` are in the order
    /// written and their columns unknown.
    pub aligned: bool,
    pub cells: Vec<GridCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridCell {
    /// `number`, `blank`, `placeholder` or `text`.
    pub kind: &'static str,
    /// The number, without its unit (`2122500000`), for a number cell.
    pub value: Option<String>,
    /// The unit written with it (`元`).
    pub unit: Option<String>,
    /// As written.
    pub text: String,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub span: Span,
}

/// The CSV header of [`csv_records`].
pub const CSV_HEADER: [&str; 15] = [
    "path",
    "agency",
    "year",
    "edition",
    "table",
    "row_key",
    "row_label",
    "column_key",
    "column_label",
    "value",
    "line",
    "column",
    "kind",
    "unit",
    "text",
];

/// One CSV record per cell of every table read: blanks and placeholders kept,
/// with `kind` saying which; a cell of a row that does not line up with the
/// columns has no column.
pub fn csv_records<'a>(
    path: &'a str,
    year: Option<i32>,
    edition: Option<&'a str>,
    extract: &'a Extract,
) -> impl Iterator<Item = [String; 15]> + 'a {
    extract.tables.iter().flat_map(move |t| {
        t.blocks.iter().flat_map(move |b| {
            b.rows.iter().filter(|r| r.found).flat_map(move |r| {
                r.cells.iter().enumerate().map(move |(i, c)| {
                    let column = r.aligned.then(|| b.columns.get(i)).flatten();
                    [
                        path.to_string(),
                        extract.agency.clone().unwrap_or_default(),
                        year.map(|y| y.to_string()).unwrap_or_default(),
                        edition.unwrap_or_default().to_string(),
                        t.name.clone(),
                        r.key.clone(),
                        r.label.clone(),
                        column.map(|c| c.key.clone()).unwrap_or_default(),
                        column.map(|c| c.name.clone()).unwrap_or_default(),
                        match c.kind {
                            "number" => c.value.clone().unwrap_or_default(),
                            "blank" => String::new(),
                            _ => c.text.trim().to_string(),
                        },
                        c.line.to_string(),
                        c.column.to_string(),
                        c.kind.to_string(),
                        c.unit.clone().unwrap_or_default(),
                        c.text.clone(),
                    ]
                })
            })
        })
    })
}
