//! Rows out of the format's order: two rows' labels swapped, or a row's label
//! written under another article's block.

use super::{TABLE_PARAM, TableParam};
use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct RowOrder {
    table: Option<String>,
}

impl CheckType for RowOrder {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "row-order";
    const DOC: Doc = Doc {
        zh: "表中各行的标签不按格式规定的顺序（如“（二）部分公开”写在“（一）予以公开”之前，或“行政许可”写在第二十条第（六）项下）：\
多半是两行标签互换，数值跟着标签读，未必是本来的数。每处报告一次，指向排在前面的那一行。",
        en: "A table's row labels out of the format's order (`（二）部分公开` before `（一）予以公开`, `行政许可` under \
第二十条第（六）项): most likely two rows' labels swapped, and the numbers are read by the labels, perhaps not as \
meant. Said once for each place, pointing at the row written too early.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "next"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(RowOrder { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in cx.tables(self.table.as_deref(), out.edition()) {
            let schema = &cx.format.tables[table.schema];
            let text = cx.doc.source.text();
            let run_together = table.layout == crate::model::Layout::RunTogether;
            // Every labelled row where its label stands, in the schema's order.
            let mut rows: Vec<(usize, (usize, usize), crate::source::Span)> = table
                .blocks
                .iter()
                .flat_map(|b| {
                    // A group's label (`（三）不予公开`) is a merged cell, written
                    // anywhere beside its items; a row's own label is its last piece.
                    // Only rows whose place is sure: read on their own (label
                    // and cells on one marked line), or in a page run into one
                    // line; a PDF's text may set a label apart from its cells.
                    b.rows
                        .iter()
                        .filter(|r| !r.displaced && !schema.row(b.index, r.index).group)
                        .filter(move |r| run_together || r.stands_alone(text))
                        .filter_map(move |r| {
                            // The label's pieces on its last piece's line, whole.
                            let last = *r.label_spans.last()?;
                            let line = cx.doc.source.line_index(last.start);
                            let label = r
                                .label_spans
                                .iter()
                                .copied()
                                .filter(|s| cx.doc.source.line_index(s.start) == line)
                                .reduce(crate::source::Span::cover)
                                .unwrap_or(last);
                            Some((last.start, (b.index, r.index), label))
                        })
                })
                .collect();
            rows.sort_by_key(|r| r.0);
            // A row after one the format puts below it: the earlier of the two
            // is out of place where the next row in order follows it.
            for pair in rows.windows(2) {
                let ((_, early, early_span), (_, late, late_span)) = (pair[0], pair[1]);
                if late >= early {
                    continue;
                }
                out.report(
                    Finding::at(early_span, cx.tr("排在后面的行写在了前面", "a later row written first"))
                        .secondary(late_span, cx.tr("格式中应在前面的行", "the row the format puts first"))
                        .arg("table", schema.name.get(cx.lang))
                        .arg("row", schema.row_title(early.0, early.1))
                        .arg("next", schema.row_title(late.0, late.1)),
                );
            }
        }
    }
}
