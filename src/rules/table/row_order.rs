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
            // One cell per line, or PDF text laid out with spaces: each row's
            // label stands where the row does, when its cells were read as
            // written (none placed by order, split or moved from the label).
            let by_lines = table.placed.is_none()
                && matches!(
                    table.layout,
                    crate::model::Layout::TabCells | crate::model::Layout::Lines
                );
            let in_place = |r: &crate::model::Row| {
                r.shape == crate::model::RowShape::Ok && r.split.is_none() && !r.cells.is_empty()
            };
            let source = &cx.doc.source;
            // A row whose label ends on the line that holds all its cells
            // (`1.信访举报投诉类申请 3 0 0 0 0 0 3`, text copied from a PDF).
            let on_its_line = |r: &crate::model::Row| {
                let Some(last) = r.label_spans.last() else { return false };
                let line = source.line_index(last.start);
                in_place(r) && r.cells.iter().all(|c| source.line_index(c.span.start) == line)
            };
            // A row whose cells share one marked line that names it too, read
            // under a heading of its own (`### （一）予以公开` over
            // `| 予以公开 | 290 | …`); not bare numbers a mangled export set
            // apart from their labels.
            let with_its_cells = |r: &crate::model::Row| {
                let Some(first) = r.cells.first() else { return false };
                let line = source.line_index(first.span.start);
                let line_start = source.line_range(line).start;
                in_place(r)
                    && r.cells.iter().all(|c| source.line_index(c.span.start) == line)
                    && source.line(line).contains(['\t', '|'])
                    && text[line_start..first.span.start]
                        .chars()
                        .any(crate::label::is_ideograph)
            };
            // Every labelled row where its label stands, in the schema's order.
            let mut rows: Vec<(usize, (usize, usize), crate::source::Span, bool)> = table
                .blocks
                .iter()
                .flat_map(|b| {
                    // A group's label (`（三）不予公开`) is a merged cell, written
                    // anywhere beside its items; a row's own label is its last piece.
                    // Only rows whose place is sure: read on their own (label
                    // and cells on one marked line), in a page run into one
                    // line, or written line by line as read.
                    b.rows
                        .iter()
                        .filter(|r| !r.displaced && !schema.row(b.index, r.index).group)
                        .filter_map(move |r| {
                            // Read on its own or in a page run together: its place
                            // also among other blocks (a block written out of
                            // order by an export is not a row out of place).
                            let sure = run_together || r.stands_alone(text);
                            if !(sure || (by_lines && in_place(r)) || on_its_line(r) || with_its_cells(r)) {
                                return None;
                            }
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
                            // Where the row stands: its cells (a label of
                            // merged rows may be written beside a later one).
                            let at = r.cells.first().map_or(last.start, |c| c.span.start);
                            Some((at, (b.index, r.index), label, sure))
                        })
                })
                .collect();
            rows.sort_by_key(|r| r.0);
            // A row after one the format puts below it: the earlier of the two
            // is out of place where the next row in order follows it.
            for pair in rows.windows(2) {
                let ((_, early, early_span, early_sure), (_, late, late_span, late_sure)) = (pair[0], pair[1]);
                if late >= early || (early.0 != late.0 && !(early_sure && late_sure)) {
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
