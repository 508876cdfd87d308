//! A required row, or a whole block, is absent.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};
use crate::source::Span;

pub struct MissingRow {
    table: Option<String>,
}

impl CheckType for MissingRow {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "missing-row";
    const DOC: Doc = Doc {
        zh: "表中缺少格式规定的某一数据行，或缺少整个分块（如表二的某一项）。标注在它应在的位置。",
        en: "A data row the format requires is absent, or a whole block (one item of table 二, say). Pointed at \
where it belongs.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(MissingRow { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            let name = schema.name.get(cx.lang);
            for (b, block_schema) in schema.blocks.iter().enumerate() {
                let found = table.block(b);
                let required: Vec<usize> = block_schema
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| !r.group)
                    .map(|(i, _)| i)
                    .collect();
                let Some(found) = found else {
                    let title = block_schema
                        .title
                        .as_ref()
                        .map(|t| t.official.clone())
                        .unwrap_or_else(|| block_schema.key.clone());
                    let rows: Vec<String> = required.iter().map(|&r| schema.row_title(b, r)).collect();
                    let at = table
                        .blocks
                        .iter()
                        .filter(|x| x.index < b)
                        .max_by_key(|x| x.index)
                        .and_then(|x| x.rows.last())
                        .map(|x| Span::empty(x.span().end))
                        .unwrap_or(Span::empty(table.span.start));
                    out.report(
                        Finding::at(
                            at,
                            cx.tr(&format!("此处缺少“{title}”"), &format!("“{title}” is missing here")),
                        )
                        .arg("table", name)
                        .arg("row", title.clone())
                        .note(cx.tr(
                            &format!("缺少的行：{}", rows.join("、")),
                            &format!("missing rows: {}", rows.join(", ")),
                        )),
                    );
                    continue;
                };
                for &r in &required {
                    let present = table.row(b, r).is_some();
                    if present || block_schema.rows[r].implicit && !found.rows.is_empty() {
                        continue;
                    }
                    // Where it belongs: after the last present row before it.
                    let at = found
                        .rows
                        .iter()
                        .filter(|x| x.index < r)
                        .max_by_key(|x| x.index)
                        .map(|x| Span::empty(x.span().end))
                        .unwrap_or(Span::empty(table.span.start));
                    let label = &block_schema.rows[r].label.official;
                    out.report(
                        Finding::at(
                            at,
                            cx.tr(
                                &format!("此处缺少“{label}”一行"),
                                &format!("row “{label}” is missing here"),
                            ),
                        )
                        .arg("table", name)
                        .arg("row", label.clone()),
                    );
                }
            }
        }
    }
}
