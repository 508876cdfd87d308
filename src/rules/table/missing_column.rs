//! A column whose title is missing from a table's header, the others there:
//! a header cell deleted, or the column left out of a copied table.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::model::{Table, columns_not_in_header, unread_header_words};
use crate::number::{Blank, CellValue};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};
use crate::source::Span;

pub struct MissingColumn {
    table: Option<String>,
}

impl CheckType for MissingColumn {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "missing-column";
    const DOC: Doc = Doc {
        zh: "表头写出了某一分表大部分列的标题，却缺了其中一些：表头单元格被删去或留空，读者不知道数字属于哪一列。\
整列删去（标题和各行的数都没有，各行少一个数）也报告一次，不再逐行报空白，涉及这一列的求和不作检查。\
只看能可靠读取的表；表头没有写出（或只写出不到一半）的表不报告。",
        en: "A table's header names most of a block's columns but not all: a header cell deleted or left blank, and a \
reader cannot tell which column the numbers belong to. A column deleted whole (its title gone and every row a number \
short) is said once too, not as a blank in each row, and sums using it are not checked. Only tables read reliably; a \
table whose header is not there (or names fewer than half its columns) is not reported.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "columns"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(MissingColumn { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            for (b, block) in schema.blocks.iter().enumerate() {
                let count = block.columns.len();
                // A title wrapped over lines (`商业企` / `业` in a PDF's text) is
                // there though no cell names it: its first words in the header are enough.
                let span = header_span(table);
                let header = unread_header_words(cx.doc.source.text(), span, &table.header);
                let cores = block.columns.iter().map(|c| c.label.cores[0].as_str());
                let missing = columns_not_in_header(&table.header, &header, b, cores);
                if missing.is_empty() || (count - missing.len()) * 2 < count || count < 3 {
                    continue;
                }
                // The rows lack the column too: it was deleted whole.
                let left_out = table.block(b).is_some_and(|block| {
                    block.rows.iter().any(|r| {
                        missing.iter().all(|&c| {
                            r.cells
                                .get(c)
                                .is_some_and(|c| c.value == CellValue::Empty(Blank::LeftOut))
                        })
                    })
                });
                // Words in the header that are no title it knows: a title worded
                // otherwise (`企业`, `公民`) stands there, read by its place; but
                // not where the rows lack the column as well.
                if !left_out && unknown_words(cx.doc.text(span), table, span.start) {
                    continue;
                }
                let cells: Vec<_> = table
                    .header
                    .iter()
                    .filter(|h| h.column.is_some_and(|(hb, _)| hb == b))
                    .collect();
                let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
                    continue;
                };
                let names: Vec<String> = missing.iter().map(|&c| schema.column_name(b, c)).collect();
                let columns: Vec<String> = (0..count).map(|c| schema.column_name(b, c)).collect();
                let mut finding = Finding::at(first.span, cx.tr("表头从这里开始", "the header starts here"))
                    .secondary(last.span, cx.tr("表头最后一个列标题", "the header's last column title"))
                    .note(cx.tr(
                        &format!("应有 {count} 列：{}", columns.join("、")),
                        &format!("expected {count} columns: {}", columns.join(", ")),
                    ));
                if left_out {
                    let kept = count - missing.len();
                    finding = finding.note(cx.tr(
                        &format!("各行也只有 {kept} 个数：这一列连同数字整列缺失，涉及这一列的求和不作检查"),
                        &format!(
                            "the rows hold {kept} numbers each too: the column is gone with its numbers, and sums using it are not checked"
                        ),
                    ));
                }
                out.report(
                    finding
                        .arg("table", schema.name.get(cx.lang))
                        .arg("columns", names.join(cx.tr("、", ", "))),
                );
            }
        }
    }
}

/// The table's header: from its start to its first row's label.
fn header_span(table: &Table) -> Span {
    Span::new(table.span.start, super::first_row_start(table).max(table.span.start))
}

/// Whether `text` (starting at `offset`) holds Chinese words outside the
/// header cells the table's reading recognised.
fn unknown_words(text: &str, table: &Table, offset: usize) -> bool {
    text.char_indices().any(|(i, c)| {
        let at = offset + i;
        crate::label::is_ideograph(c) && !table.header.iter().any(|h| h.span.start <= at && at < h.span.end)
    })
}
