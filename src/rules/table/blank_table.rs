//! A table of labels alone: not one number nor anything else in its cells.

use super::{TABLE_PARAM, TableParam};
use crate::diag::Finding;
use crate::model::{Readability, Table};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

/// Labelled rows found before a table without numbers is said to be blank.
const MIN_ROWS: usize = 3;

pub struct BlankTable {
    table: Option<String>,
}

impl CheckType for BlankTable {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "blank-table";
    const DOC: Doc = Doc {
        zh: "表格只有表头和行标签，没有填写任何数字（也没有“0”“—”“无”之类的占位）：整张表没有填写，或填写的内容在转换中丢失。\
各格分隔清楚、能逐格读取的表由空白单元格的检查报告；这里只看无法逐格读取的表（标签一行一个、空格不占行），\
至少读到三行标签才报告，并代替“未作检查”的提示。标签之间单独成行的记号（〇、零、○、※、一五六）算作填写。",
        en: "A table holds its header and row labels and nothing else: not one number (nor a 0, — or 无 standing for \
one). The table was never filled in, or its contents were lost in conversion. Tables whose cells can be told apart \
are said by the blank-cell checks; this one looks at tables that cannot be read cell by cell (a label per line, \
blank cells leaving no line), with at least three labelled rows found, and replaces the not-checked notice. A \
mark alone on a line among the labels (〇, 零, ○, ※, 一五六) counts as filled.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "rows"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(BlankTable { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in cx.tables(self.table.as_deref(), out.edition()) {
            if !is_blank(cx.doc.source.text(), table) {
                continue;
            }
            let schema = &cx.format.tables[table.schema];
            let labels: Vec<_> = table.rows().filter_map(|r| r.label_span()).collect();
            let (Some(&first), Some(&last)) = (labels.first(), labels.last()) else {
                continue;
            };
            let mut finding = Finding::at(first, cx.tr("从这一行起都没有数字", "no numbers from this row on"))
                .arg("table", schema.name.get(cx.lang))
                .arg("rows", labels.len().to_string())
                .note(cx.tr(
                    &format!("读到 {} 行标签，没有一个单元格有内容", labels.len()),
                    &format!("{} row labels read, not one cell filled", labels.len()),
                ));
            if last != first {
                finding = finding.secondary(last, cx.tr("最后一行也没有", "nor the last row"));
            }
            out.report(finding);
        }
    }
}

/// Whether `table` could not be read and holds labels alone: no cell read,
/// no stray number, and nothing in its text but its labels, its header and
/// marks (spaces, `|`, a Markdown table's `---` rule, a note's brackets): no
/// digit, letter or ideograph.
pub(crate) fn is_blank(text: &str, table: &Table) -> bool {
    if table.readable == Readability::Ok
        || !table.orphans.is_empty()
        || table.rows().any(|r| !r.cells.is_empty())
        || table.rows().filter(|r| !r.label_spans.is_empty()).count() < MIN_ROWS
    {
        return false;
    }
    let mut spans: Vec<_> = table
        .rows()
        .flat_map(|r| r.label_spans.iter().copied())
        .chain(table.header.iter().map(|h| h.span))
        .chain(table.blocks.iter().filter_map(|b| b.title))
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut at = table.span.start;
    let rest = |from: usize, to: usize| {
        text.get(from..to)
            .is_some_and(|between| !between.chars().any(|c| c.is_alphanumeric()))
    };
    for s in spans {
        if s.start > at && !rest(at, s.start) {
            return false;
        }
        at = at.max(s.end);
    }
    (at >= table.span.end || rest(at, table.span.end)) && !marks_on_lines(text, table, super::first_row_start(table))
}

/// Whether a line among the rows holds a cell's mark alone, which a label may
/// have taken in (`规章` / `〇`): a zero written `〇`, `零`, `○` or `O`, a sign
/// (`※`, `～`), a number in Chinese numerals (`一五六`).
fn marks_on_lines(text: &str, table: &Table, from: usize) -> bool {
    let Some(rows) = text.get(from..table.span.end) else {
        return false;
    };
    rows.split(['\n', '\r']).any(|line| {
        let line = line.trim_matches(|c: char| crate::label::is_space(c) || c == '|');
        let n = line.chars().count();
        (1..=6).contains(&n)
            && line
                .chars()
                .all(|c| !crate::label::is_ideograph(c) || "〇零一二三四五六七八九十百千万两点".contains(c))
            && !line.chars().all(|c| c == '-' || c == ':')
    })
}
