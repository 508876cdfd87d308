//! A row with more or fewer value cells than columns.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::model::RowShape;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Shape {
    table: Option<String>,
}

impl CheckType for Shape {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "shape";
    const DOC: Doc = Doc {
        zh: "一行的数值单元格多于或少于列数。多出的单元格数值都相同时仍按列检查，否则这一行不参与求和检查。\
一行没有数值、而表中另有至少一行那么多不在任何行内的数值时，不报告这一行：它的数值多半排在了别处。\
单元格以竖线或制表符分开的表格（Markdown、从 Word 表格逐格导出的文本）中，一行与最宽的分表一样宽、相邻相同的数值合起来恰好等于列数时，是合并单元格按所跨列数重复写出，按一格读取，不报告。",
        en: "A row has more or fewer value cells than the table has columns. When the extra cells all hold the \
same value the columns are still checked; otherwise the row is left out of sums. A row without values is not \
reported when the table holds at least a row's worth of values that belong to no row: its values most likely \
stand elsewhere. In a table whose cells are set apart by bars or tabs (Markdown, text exported cell by cell \
from a Word table), a row as wide as the widest block whose runs of equal neighbours make exactly its columns is a merged cell written out once per column it \
spans: read as one cell, not reported.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "found", "expected"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Shape { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            // Values that belong to no row (a converter set them apart from
            // their labels): a row without values is not to blame for them.
            let astray = table.orphans.len();
            for block in &table.blocks {
                for row in &block.rows {
                    let (found, expected) = match row.shape {
                        RowShape::Short { expected }
                        | RowShape::Long { expected }
                        | RowShape::LongUniform { expected } => (row.cells.len(), expected),
                        _ => continue,
                    };
                    if found == 0 && astray >= expected {
                        continue;
                    }
                    let at = row.label_span().unwrap_or(row.span());
                    let label = if found < expected {
                        cx.tr(
                            &format!("只有 {found} 个数值单元格"),
                            &format!("only {found} value cells"),
                        )
                        .to_string()
                    } else {
                        cx.tr(&format!("有 {found} 个数值单元格"), &format!("{found} value cells"))
                            .to_string()
                    };
                    let mut finding = Finding::at(at, label)
                        .arg("table", schema.name.get(cx.lang))
                        .arg("row", schema.row_title(block.index, row.index))
                        .arg("found", found.to_string())
                        .arg("expected", expected.to_string());
                    if let Some(cells) = row.cells_span()
                        && cells != at
                    {
                        finding = finding.secondary(cells, cx.tr("读到的单元格", "the cells read"));
                    }
                    let columns: Vec<String> = (0..expected).map(|c| schema.column_name(block.index, c)).collect();
                    finding = finding.note(cx.tr(
                        &format!("应有 {expected} 列：{}", columns.join("、")),
                        &format!("expected {expected} columns: {}", columns.join(", ")),
                    ));
                    finding = finding.note(match row.shape {
                        RowShape::LongUniform { .. } => cx.tr(
                            "多出的单元格与其余单元格数值相同，仍按各列取值检查",
                            "the extra cells hold the same value as the rest, so the columns are still checked",
                        ),
                        _ if found < expected => cx.tr(
                            "无法判断缺的是哪一格（也可能是末尾的单元格为空），本行未参与求和检查",
                            "which cell is missing cannot be told (or the last cell is blank); the row is not used in sums",
                        ),
                        _ => cx.tr(
                            "无法判断多出的是哪一格，本行未参与求和检查",
                            "which cell is extra cannot be told; the row is not used in sums",
                        ),
                    });
                    out.report(finding);
                }
            }
        }
    }
}
