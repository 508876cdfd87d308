//! A table block read by its rows whose column titles are nowhere: the header
//! row deleted, so a reader cannot tell which column a number belongs to.

use super::{TABLE_PARAM, TableParam, readable_tables};
use crate::diag::Finding;
use crate::format::BlockSchema;
use crate::model::{Block, Table};
use crate::number::CellValue;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};
use crate::source::Span;

/// How far before a block's first row its header is looked for, in bytes
/// (a header with its group titles and a note is some 150 characters).
const REACH: usize = 900;

pub struct MissingHeader {
    table: Option<String>,
}

impl CheckType for MissingHeader {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "missing-header";
    const DOC: Doc = Doc {
        zh: "表格各行都读到了，表头（列标题）却一个也没有：表头行被删去或没有复制过来，读者不知道每个数属于哪一列。\
在该分表所在部分的标题（或上一分表、上一张表）之后、第一行之前查找本分表每一列标题的开头两字，\
任何一个出现（哪怕写法不同、断行）都不报告；表头在表格后面重复（跨页）也不报告。\
只看能可靠读取、按行读到数字的表；数字与标签分开排列的表不报告；\
表四只有一行不带标签的数字时不报告（PDF 中的表头常是图片，复制出的文字里没有）。",
        en: "A table's rows are read but none of its column titles is there: the header row deleted or not copied, \
and a reader cannot tell which column a number belongs to. The text between the heading of the block's section (or the block or \
table before) and the block's first row is searched for the first two characters of each of the block's column \
titles; any one of them there (worded otherwise, wrapped) is enough, and so is the header repeated further down (a \
page break). Only tables read reliably, row by row; not tables whose numbers stand apart from their labels, nor \
table 四 as one line of counts without a label (a PDF often holds its header as an image the text leaves out).",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "block", "columns"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(MissingHeader { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let text = cx.doc.source.text();
        for table in readable_tables(cx, out, self.table.as_deref()) {
            if table.placed.is_some() {
                continue;
            }
            let schema = &cx.format.tables[table.schema];
            let table_floor = previous_table_end(cx, table);
            for block in &table.blocks {
                let Some(first) = first_row(block) else { continue };
                let def = &schema.blocks[block.index];
                let named = table
                    .header
                    .iter()
                    .any(|h| h.column.is_some_and(|(b, _)| b == block.index));
                // Blocks may be read out of order (a block pasted again below).
                let block_before = table
                    .blocks
                    .iter()
                    .map(block_end)
                    .filter(|&end| end <= first.start)
                    .max();
                let floor = block_before.map_or(table_floor, |end| end.max(table_floor));
                // Nor before the heading of the section the block is in (a
                // page run into one line has `其他`, `总计` in its prose).
                let floor = cx
                    .doc
                    .section_at(first.start)
                    .map(|i| cx.doc.sections[i].heading.end)
                    .filter(|&end| end <= first.start)
                    .map_or(floor, |end| floor.max(end));
                let from = floor.max(first.start.saturating_sub(REACH));
                let from = (from..first.start)
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(first.start);
                let before = &text[from..first.start];
                let has_numbers = block
                    .rows
                    .iter()
                    .any(|r| r.cells.iter().any(|c| matches!(c.value, CellValue::Number(_))));
                // Rows going on right after another block's, without their
                // block's title: under that block's header, as a reader sees it.
                let goes_on = block.title.is_none()
                    && block_before.is_some_and(|end| end >= from)
                    && before.chars().all(crate::label::is_space);
                if named || goes_on || !has_numbers || def.columns.is_empty() {
                    continue;
                }
                // A column's title read in the window, whichever block a title
                // shared by several (`本年处理决定数量`) was given to; a group's
                // title (`行政复议`, `信息内容`) alone names no column.
                let cell_here = table
                    .header
                    .iter()
                    .any(|h| h.column.is_some() && from <= h.span.start && h.span.end <= first.start);
                let titled = cell_here || names_a_column(before, def);
                if titled {
                    continue;
                }
                let columns: Vec<String> = (0..def.columns.len())
                    .map(|c| schema.column_name(block.index, c))
                    .collect();
                let block_name = def
                    .title
                    .as_ref()
                    .map(|t| format!("“{}”", t.official))
                    .unwrap_or_default();
                let mut finding = Finding::at(first, cx.tr("表头应在这一行之前", "the header belongs before this row"))
                    .note(cx.tr(
                        &format!("应有 {} 列：{}", columns.len(), columns.join("、")),
                        &format!("expected {} columns: {}", columns.len(), columns.join(", ")),
                    ));
                if let Some(title) = block.title {
                    finding = finding.secondary(title, cx.tr("分表标题", "the block's title"));
                }
                out.report(
                    finding
                        .arg("table", schema.name.get(cx.lang))
                        .arg("block", block_name)
                        .arg("columns", columns.join(cx.tr("、", ", "))),
                );
            }
        }
    }
}

/// Whether `before`, spaces left out (`本 年 处 理`), holds a column's title
/// or wording's first two characters, or two running after its `本年`
/// (`2021年制发件数`; `维持` of table 四's `结果维持`).
fn names_a_column(before: &str, def: &BlockSchema) -> bool {
    let squeezed: Vec<char> = before.chars().filter(|c| !crate::label::is_space(*c)).collect();
    def.columns.iter().any(|c| {
        let words = c.label.cores.iter().map(String::as_str).chain(c.title.as_deref());
        // A title of table 四 (`行政复议·结果维持`) without its group's name.
        words.filter_map(|w| w.rsplit('·').next()).any(|w| {
            let w: Vec<char> = w.chars().collect();
            // Its first two (`本年`), or any two after `本年` (`年制发件数`).
            let rest = if w.starts_with(&['本', '年']) {
                &w[2..]
            } else {
                &w[..]
            };
            w.get(..2)
                .into_iter()
                .chain(rest.windows(2))
                .any(|pair| crate::label::is_ideograph(pair[0]) && squeezed.windows(2).any(|s| s == pair))
        })
    })
}

/// Where the block's first row label starts. Not for rows without labels:
/// table 四's one line of fifteen counts is read without its header, which a
/// PDF often holds as an image the text leaves out.
fn first_row(block: &Block) -> Option<Span> {
    block
        .rows
        .iter()
        .filter_map(|r| r.label_spans.first().copied())
        .min_by_key(|s| s.start)
}

fn block_end(block: &Block) -> usize {
    block.rows.iter().map(|r| r.span().end).max().unwrap_or(0)
}

/// The end of the last table before `table`: its header is not looked for there.
fn previous_table_end(cx: &Context<'_>, table: &Table) -> usize {
    cx.doc
        .tables
        .iter()
        .filter(|t| t.span.end <= table.span.start)
        .map(|t| t.span.end)
        .max()
        .unwrap_or(0)
}
