//! A section that should hold a table has none.

use super::{TABLE_PARAM, TableParam};
use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct MissingTable {
    table: Option<String>,
}

impl CheckType for MissingTable {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "missing-table";
    const DOC: Doc = Doc {
        zh: "某一部分应以统计表报告（[[table]] 的 section），却没有找到表。该部分本身缺失时不报告（已由 section 检查报告）。",
        en: "A section that should report its numbers in a table (a `[[table]]`'s `section`) has none. Not reported \
when the section itself is missing (the section checks say so).",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "section"];
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(MissingTable { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for key in cx.format.table_keys() {
            if self.table.as_deref().is_some_and(|k| k != key) || cx.doc.table(key).is_some() {
                continue;
            }
            let Some(&first) = cx.format.schemas_for(key).first() else {
                continue;
            };
            let schema = &cx.format.tables[first];
            let Some(section_key) = &schema.section else { continue };
            // Without the section, `section-missing` has said it all.
            let Some(section) = cx.doc.section(section_key) else {
                continue;
            };
            let mut finding = Finding::at(
                section.heading,
                cx.tr("此部分没有找到统计表", "no table found in this section"),
            )
            .arg("table", schema.name.get(cx.lang))
            .arg("section", cx.section_heading(section_key));
            // A picture in the section (`<img>`, a Word drawing, `![…](…)`): the
            // table may be an image, which no one can check or copy.
            let body = section.body();
            let text = cx.doc.text(body);
            let pictured = cx
                .doc
                .source
                .provenance()
                .images
                .iter()
                .any(|&at| section.heading.start < at && at <= body.end)
                || text.contains("![")
                || text.contains("<img");
            finding = finding.note(if pictured {
                cx.tr(
                    "此部分有一张图片：表格若以图片发布，读者无法复制、读屏软件无法朗读，本工具也无法核对其中的数字；请以文字表格发布",
                    "this section holds a picture: a table published as an image cannot be copied, read aloud by a screen \
reader, or checked here; publish it as a table of text",
                )
            } else {
                cx.tr(
                    "格式要求以统计表报告本部分的数据；若表格存在但未被识别，可用 nianbao dump 查看读到的内容",
                    "the format requires this section's numbers in a table; if the table is there but was not recognised, `nianbao dump` shows what was read",
                )
            });
            // `2020年未发生……行政复议、行政诉讼案件` in place of the table.
            if says_none(text) {
                finding = finding.note(cx.tr(
                    "正文说明本年没有发生这类事项；没有时统计表仍要列出，各项填 0",
                    "the text says there was none this year; the table is still required, with every count 0",
                ));
            }
            out.report(finding);
        }
    }
}

/// Whether a section's text says nothing of its kind happened: `未发生`,
/// `未收到`, `没有收到`, `无……案件`.
fn says_none(text: &str) -> bool {
    [
        "未发生",
        "没有发生",
        "未收到",
        "没有收到",
        "未产生",
        "无此类",
        "均为0",
        "均为零",
    ]
    .iter()
    .any(|w| text.contains(w))
}
