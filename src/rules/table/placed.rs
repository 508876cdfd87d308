//! A table whose numbers stood apart from their labels, placed in order: said
//! once, so a reader knows where the values came from.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Placed {
    table: Option<String>,
}

impl CheckType for Placed {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "placed";
    const DOC: Doc = Doc {
        zh: "数值与行标签分开排列的表（不保留版式的 PDF 转出文本：先是各行标签，后是全部数字；或标签被挪到别处），\
数字个数恰好等于行数 × 列数、且逐行（或逐列）放入后本表的关系式至多因一个错数不成立、另一种放法不成立的更多时，已按这种放法读取并检查。每张表说一次。",
        en: "A table whose numbers stand apart from their row labels (text taken from a PDF without its layout: the \
labels, then all the numbers; or labels moved elsewhere), where the count of numbers is exactly rows × columns and \
one order (row by row, or column by column) satisfies the table's relations but for what one wrong number breaks, \
while the other order breaks more: read in that order and checked. Said once per table.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "numbers", "rows", "columns", "order"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Placed { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let Some(placed) = table.placed else { continue };
            let schema = &cx.format.tables[table.schema];
            let cells: Vec<_> = table.rows().flat_map(|r| r.cells.iter()).map(|c| c.span).collect();
            let (Some(&first), Some(&last)) = (cells.iter().min(), cells.iter().max()) else {
                continue;
            };
            let columns = placed.numbers / placed.rows.max(1);
            let order = if placed.by_column {
                cx.tr("逐列", "column by column")
            } else {
                cx.tr("逐行", "row by row")
            };
            out.report(
                Finding::at(first, cx.tr("第一个数值", "the first number"))
                    .secondary(last, cx.tr("最后一个数值", "the last number"))
                    .note(cx.tr(
                        "这种放法下本表的关系式至多因一个数不成立，另一种放法不成立的更多；如有疑问，请核对原表",
                        "placed so, the table's relations hold but for what one wrong number breaks, and the other order breaks more; compare with the original table if in doubt",
                    ))
                    .arg("table", schema.name.get(cx.lang))
                    .arg("numbers", placed.numbers.to_string())
                    .arg("rows", placed.rows.to_string())
                    .arg("columns", columns.to_string())
                    .arg("order", order),
            );
        }
    }
}
