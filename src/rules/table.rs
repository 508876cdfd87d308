//! Kind `table`: a table's shape and the kind of its values.
//!
//! Checks (`check = …`):
//! - `missing-table`: a section that should hold a table has none;
//! - `missing-row`: a required row (or a whole block) is absent;
//! - `shape`: a row has more or fewer value cells than the table has columns;
//! - `unreadable`: a table (or some of its rows) could not be read reliably and
//!   is not checked — said once, instead of guessing;
//! - `label`: a row or column label deviates from the official wording;
//! - `not-number`, `negative`, `not-integer`: what a value cell holds.

use serde::Deserialize;
use toml::Spanned;

use crate::config::ConfigError;
use crate::format::{Role, ValueKind};
use crate::label::{MatchQuality, cn_numeral};
use crate::model::{Readability, Row, RowShape, Table};
use crate::number::CellValue;
use crate::rules::{Check, Compiled, Context, Finding, KindDoc, KindInfo, Params, Reporter, Scope};
use crate::source::Span;

pub static KIND: KindInfo = KindInfo {
    name: "table",
    doc: KindDoc { zh: DOC_ZH, en: DOC_EN },
    compile,
};

const DOC_ZH: &str = "检查统计表的结构和单元格内容。check = missing-table（应有统计表的部分没有表）、\
missing-row（缺少某一行或整个分块）、shape（一行的数值单元格多于或少于列数）、unreadable（表格或其中几行无法可靠读取，未检查）、\
label（行、列标签与规定措辞不同）、not-number（数值单元格中是文字）、negative（不应为负数的单元格为负数）、\
not-integer（件数不是整数）。参数：check、table（可选，只查某张表）。";

const DOC_EN: &str = "Checks a table's shape and what its cells hold. check = missing-table (a section that should \
hold a table has none), missing-row (a row or a whole block is absent), shape (a row has more or fewer value \
cells than columns), unreadable (the table or some rows could not be read reliably and were not checked), label \
(a row or column label deviates from the official wording), not-number (a value cell holds words), negative \
(a negative value where none is allowed), not-integer (a count that is not a whole number). \
Parameters: check, table (optional: one table only).";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TableParams {
    check: Spanned<String>,
    table: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    MissingTable,
    MissingRow,
    Shape,
    Unreadable,
    Unsplit,
    Label,
    NotNumber,
    Negative,
    NotInteger,
}

struct TableCheck {
    what: What,
    table: Option<String>,
}

fn compile(params: &Params<'_, '_>) -> Result<Compiled, ConfigError> {
    let p: TableParams = params.parse()?;
    params.one_of(
        &p.check,
        &[
            "missing-table",
            "missing-row",
            "shape",
            "unreadable",
            "unsplit",
            "label",
            "not-number",
            "negative",
            "not-integer",
        ],
    )?;
    let what = match p.check.get_ref().as_str() {
        "missing-table" => What::MissingTable,
        "missing-row" => What::MissingRow,
        "shape" => What::Shape,
        "unreadable" => What::Unreadable,
        "unsplit" => What::Unsplit,
        "label" => What::Label,
        "not-number" => What::NotNumber,
        "negative" => What::Negative,
        _ => What::NotInteger,
    };
    let table = params.table_key(p.table.as_ref())?;
    let placeholders: &'static [&'static str] = match what {
        What::MissingTable => &["table", "section"],
        What::MissingRow => &["table", "row"],
        What::Shape => &["table", "row", "found", "expected"],
        What::Unreadable => &["table", "rows"],
        What::Unsplit => &["table", "rows", "count"],
        What::Label => &["table", "found", "expected"],
        What::NotNumber | What::Negative | What::NotInteger => &["table", "row", "column", "found"],
    };
    Ok(Compiled {
        kind: "table",
        placeholders,
        check: Box::new(TableCheck { what, table }),
    })
}

impl Check for TableCheck {
    fn scope(&self) -> Scope {
        if self.what == What::MissingTable {
            Scope::Document
        } else {
            Scope::Tables
        }
    }

    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        if self.what == What::MissingTable {
            return self.missing_tables(ctx, out);
        }
        let edition = out.edition().map(str::to_string);
        for table in ctx.tables(self.table.as_deref(), edition.as_deref()) {
            match self.what {
                What::Unreadable => self.unreadable(ctx, out, table),
                _ if table.readable != Readability::Ok => {}
                What::Unsplit => self.unsplit(ctx, out, table),
                What::MissingRow => self.missing_rows(ctx, out, table),
                What::Shape => self.shapes(ctx, out, table),
                What::Label => self.labels(ctx, out, table),
                _ => self.values(ctx, out, table),
            }
        }
    }
}

impl TableCheck {
    fn missing_tables(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        for key in ctx.format.table_keys() {
            if self.table.as_deref().is_some_and(|k| k != key) || ctx.doc.table(key).is_some() {
                continue;
            }
            let schemas = ctx.format.schemas_for(key);
            let schema = &ctx.format.tables[schemas[0]];
            let Some(section_key) = &schema.section else { continue };
            // Without the section, `section-missing` has said it all.
            let Some(section) = ctx.doc.section(section_key) else {
                continue;
            };
            let def = ctx.format.section(section_key).expect("validated");
            out.report(
                Finding::at(section.heading, ctx.tr("此部分没有找到统计表", "no table found in this section"))
                    .arg("table", schema.name.get(ctx.lang))
                    .arg("section", format!("{}、{}", cn_numeral(def.number), def.title))
                    .note(ctx.tr(
                        "格式要求以统计表报告本部分的数据；若表格存在但未被识别，可用 nianbao dump 查看读到的内容",
                        "the format requires this section's numbers in a table; if the table is there but was not recognised, `nianbao dump` shows what was read",
                    )),
            );
        }
    }

    fn missing_rows(&self, ctx: &Context<'_>, out: &mut Reporter<'_>, table: &Table) {
        let schema = &ctx.format.tables[table.schema];
        let name = schema.name.get(ctx.lang);
        for (b, block_schema) in schema.blocks.iter().enumerate() {
            let found = table.block(b);
            let required: Vec<usize> = block_schema
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.group)
                .map(|(i, _)| i)
                .collect();
            let present = |r: usize| table.row(b, r).is_some();
            // Where a missing row belongs: after the last present row before it.
            let anchor = |r: usize| -> Span {
                found
                    .and_then(|blk| blk.rows.iter().filter(|x| x.index < r).max_by_key(|x| x.index))
                    .map(|x| Span::empty(x.span().end))
                    .unwrap_or(Span::empty(table.span.start))
            };
            if found.is_none() {
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
                        ctx.tr(&format!("此处缺少“{title}”"), &format!("“{title}” is missing here")),
                    )
                    .arg("table", name)
                    .arg("row", title.clone())
                    .note(ctx.tr(
                        &format!("缺少的行：{}", rows.join("、")),
                        &format!("missing rows: {}", rows.join(", ")),
                    )),
                );
                continue;
            }
            for &r in &required {
                if present(r) || block_schema.rows[r].implicit && found.is_some_and(|blk| !blk.rows.is_empty()) {
                    continue;
                }
                let label = &block_schema.rows[r].label.official;
                out.report(
                    Finding::at(
                        anchor(r),
                        ctx.tr(
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

    fn shapes(&self, ctx: &Context<'_>, out: &mut Reporter<'_>, table: &Table) {
        let schema = &ctx.format.tables[table.schema];
        for block in &table.blocks {
            for row in &block.rows {
                let (found, expected) = match row.shape {
                    RowShape::Short { expected } | RowShape::Long { expected } | RowShape::LongUniform { expected } => {
                        (row.cells.len(), expected)
                    }
                    _ => continue,
                };
                let row_name = schema.row_title(block.index, row.index);
                let at = row.label_span().unwrap_or(row.span());
                let cells = row.cells.iter().map(|c| c.span).reduce(Span::cover);
                let mut finding = Finding::at(
                    at,
                    if found < expected {
                        ctx.tr(
                            &format!("只有 {found} 个数值单元格"),
                            &format!("only {found} value cells"),
                        )
                        .to_string()
                    } else {
                        ctx.tr(&format!("有 {found} 个数值单元格"), &format!("{found} value cells"))
                            .to_string()
                    },
                )
                .arg("table", schema.name.get(ctx.lang))
                .arg("row", row_name)
                .arg("found", found.to_string())
                .arg("expected", expected.to_string());
                if let Some(cells) = cells
                    && cells != at
                {
                    finding = finding.secondary(cells, ctx.tr("读到的单元格", "the cells read"));
                }
                let columns: Vec<String> = (0..expected).map(|c| schema.column_name(block.index, c)).collect();
                finding = finding.note(ctx.tr(
                    &format!("应有 {expected} 列：{}", columns.join("、")),
                    &format!("expected {expected} columns: {}", columns.join(", ")),
                ));
                finding = finding.note(match row.shape {
                    RowShape::LongUniform { .. } => ctx
                        .tr("多出的单元格与其余单元格数值相同，仍按各列取值检查", "the extra cells hold the same value as the rest, so the columns are still checked")
                        .to_string(),
                    _ if found < expected => ctx
                        .tr("无法判断缺的是哪一格（也可能是末尾的单元格为空），本行未参与求和检查", "which cell is missing cannot be told (or the last cell is blank); the row is not used in sums")
                        .to_string(),
                    _ => ctx
                        .tr("无法判断多出的是哪一格，本行未参与求和检查", "which cell is extra cannot be told; the row is not used in sums")
                        .to_string(),
                });
                out.report(finding);
            }
        }
    }

    fn unreadable(&self, ctx: &Context<'_>, out: &mut Reporter<'_>, table: &Table) {
        let schema = &ctx.format.tables[table.schema];
        let name = schema.name.get(ctx.lang);
        if let Readability::Unreadable(why) = &table.readable {
            out.report(
                Finding::at(ctx.first_line(table.span), ctx.tr("未能可靠读取，未作检查", "not read reliably; not checked"))
                    .arg("table", name)
                    .arg("rows", why.clone())
                    .note(ctx.tr(
                        &format!("读到的数据行：{why}；表格版式可能在转换中被打乱（如 PDF 转出的文本），请核对原件或提供 Word/HTML 版本"),
                        &format!("data rows read: {why}; the layout may have been scrambled in conversion (text from a PDF, say): check the original, or give the Word/HTML version"),
                    )),
            );
        }
    }

    fn unsplit(&self, ctx: &Context<'_>, out: &mut Reporter<'_>, table: &Table) {
        let schema = &ctx.format.tables[table.schema];
        let name = schema.name.get(ctx.lang);
        let unsplit: Vec<&Row> = table
            .rows()
            .filter(|r| matches!(r.shape, RowShape::Unsplit { .. }))
            .collect();
        let Some(first) = unsplit.first() else { return };
        let names: Vec<String> = table
            .blocks
            .iter()
            .flat_map(|b| {
                b.rows
                    .iter()
                    .filter(|r| matches!(r.shape, RowShape::Unsplit { .. }))
                    .map(move |r| schema.row_title(b.index, r.index))
            })
            .collect();
        let mut finding = Finding::at(
            first.cells.first().map(|c| c.span).unwrap_or(first.span()),
            ctx.tr(
                "数字连在一起，无法拆分到各列",
                "digits run together; cannot tell the cells apart",
            ),
        )
        .arg("table", name)
        .arg("rows", names.join(ctx.tr("、", ", ")))
        .arg("count", names.len().to_string());
        for r in unsplit.iter().skip(1).take(6) {
            if let Some(c) = r.cells.first() {
                finding = finding.secondary(c.span, ctx.tr("同样无法拆分", "also run together"));
            }
        }
        finding = finding.note(ctx.tr(
            &format!("这些行未作检查：{}", names.join("、")),
            &format!("not checked: {}", names.join(", ")),
        ));
        out.report(finding);
    }

    fn labels(&self, ctx: &Context<'_>, out: &mut Reporter<'_>, table: &Table) {
        let schema = &ctx.format.tables[table.schema];
        let name = schema.name.get(ctx.lang);
        for block in &table.blocks {
            for row in &block.rows {
                if row.quality == MatchQuality::Exact || row.label_spans.is_empty() {
                    continue;
                }
                let def = &schema.row(block.index, row.index).label;
                if !worth_reporting(&row.label, def) {
                    continue;
                }
                let expected = &def.official;
                let found: String = row.label.split_whitespace().collect();
                out.report(
                    Finding::at(row.label_span().unwrap_or_default(), label_why(ctx, row.quality))
                        .arg("table", name)
                        .arg("found", found)
                        .arg("expected", expected.clone()),
                );
            }
        }
        for header in &table.header {
            if header.quality == MatchQuality::Exact {
                continue;
            }
            let normalized = crate::label::normalize(&header.text);
            let Some(m) = schema.vocab.lookup(&normalized) else {
                continue;
            };
            let def = match m.role {
                Role::Column(b, c) => &schema.blocks[b].columns[c].label,
                Role::BlockTitle(b) => match &schema.blocks[b].title {
                    Some(t) => t,
                    None => continue,
                },
                // Header notes are free text; the wrap of a long one is not a deviation.
                _ => continue,
            };
            if !worth_reporting(&header.text, def) {
                continue;
            }
            let expected = def.official.clone();
            out.report(
                Finding::at(header.span, label_why(ctx, header.quality))
                    .arg("table", name)
                    .arg("found", header.text.split_whitespace().collect::<String>())
                    .arg("expected", expected),
            );
        }
    }

    fn values(&self, ctx: &Context<'_>, out: &mut Reporter<'_>, table: &Table) {
        let schema = &ctx.format.tables[table.schema];
        let name = schema.name.get(ctx.lang);
        for block in &table.blocks {
            let block_schema = &schema.blocks[block.index];
            for row in &block.rows {
                for (c, cell) in row.cells.iter().enumerate() {
                    let aligned = row.cell(c).is_some();
                    let kind = if aligned {
                        block_schema.columns.get(c).map(|col| col.values)
                    } else {
                        None
                    };
                    let column = if aligned {
                        schema.column_name(block.index, c)
                    } else {
                        ctx.tr("（列不确定）", "(column unknown)").to_string()
                    };
                    let text = ctx.doc.text(cell.span).trim().to_string();
                    let problem = match (&cell.value, self.what) {
                        (CellValue::Text, What::NotNumber) => Some(ctx.tr("不是数字", "not a number")),
                        (CellValue::Number(n), What::Negative)
                            if n.is_negative() && kind.is_some_and(|k| k != ValueKind::Signed) =>
                        {
                            Some(ctx.tr("不应为负数", "cannot be negative"))
                        }
                        (CellValue::Number(n), What::NotInteger)
                            if !n.is_integer() && kind == Some(ValueKind::Count) =>
                        {
                            Some(ctx.tr("件数应为整数", "a count is a whole number"))
                        }
                        _ => None,
                    };
                    let Some(problem) = problem else { continue };
                    out.report(
                        Finding::at(cell.span, problem)
                            .arg("table", name)
                            .arg("row", schema.row_title(block.index, row.index))
                            .arg("column", column)
                            .arg("found", text),
                    );
                }
            }
        }
    }
}

/// A deviation worth telling: a known variant, or a near-miss that is not just
/// a piece of the label (wrapped PDF text cuts labels into fragments).
fn worth_reporting(written: &str, def: &crate::label::LabelDef) -> bool {
    let core = crate::label::normalize(written).core;
    let official = &def.cores[0];
    if def.cores.iter().skip(1).any(|c| *c == core) {
        return true;
    }
    if official.contains(core.as_str()) || core.contains(official.as_str()) {
        return false;
    }
    crate::label::similarity(&core, official) >= 0.85
}

fn label_why<'s>(ctx: &Context<'_>, quality: MatchQuality) -> &'s str {
    match quality {
        MatchQuality::Variant => ctx.tr(
            "常见的另一种写法，已按规定标签处理",
            "a common variant; read as the official label",
        ),
        _ => ctx.tr(
            "与规定标签相近（可能有错漏字），已按规定标签处理",
            "close to the official label (a typo?); read as it",
        ),
    }
}
