//! A row whose digits ran together, fewer than its cells: a cell was left
//! blank (or a digit lost), and no split of the run fills every cell.

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::table::{TABLE_PARAM, TableParam, readable_tables};
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct ShortRun {
    table: Option<String>,
}

impl CheckType for ShortRun {
    const KIND: Kind = Kind::EmptyCell;
    const NAME: &'static str = "short-run";
    const DOC: Doc = Doc {
        zh: "数字连在一起的行，数字的位数比单元格还少（七格只有六位数字）：每格至少一位数字，所以有单元格空白或漏了数字，\
这一行无法拆分，不参与求和。空白在哪一格看不出来。",
        en: "A row whose digits ran together with fewer digits than cells (six digits for seven cells): every cell \
holds at least one digit, so a cell was left blank or a digit lost; the row cannot be split and takes no part in the \
sums. Which cell is blank cannot be told.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "digits", "count", "cells"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(ShortRun { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            for block in &table.blocks {
                for row in &block.rows {
                    let Some((digits, expected)) = row.shape.fewer_digits_than_cells() else {
                        continue;
                    };
                    let shown: Vec<&str> = row.cells.iter().map(|c| cx.doc.text(c.span)).collect();
                    let mut finding = Finding::at(
                        row.cells_span().unwrap_or(row.span()),
                        cx.tr("位数少于单元格数", "fewer digits than cells"),
                    )
                    .arg("table", schema.name.get(cx.lang))
                    .arg("row", schema.row_title(block.index, row.index))
                    .arg("digits", shown.join(" "))
                    .arg("count", digits.to_string())
                    .arg("cells", expected.to_string())
                    .note(cx.tr("没有数据时应填 0", "write 0 where there is nothing"));
                    if let Some(label) = row.label_span() {
                        finding = finding.secondary(label, "");
                    }
                    out.report(finding);
                }
            }
        }
    }
}
