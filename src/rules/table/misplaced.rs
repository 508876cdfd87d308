//! A table standing in another table's section: 表二 under 三、收到和处理……,
//! the bodies of two sections swapped or a table pasted in the wrong place.

use super::{TABLE_PARAM, TableParam};
use crate::diag::Finding;
use crate::model::SectionMatch;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct Misplaced {
    table: Option<String>,
}

impl CheckType for Misplaced {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "misplaced";
    const DOC: Doc = Doc {
        zh: "某张表（[[table]] 的 section 指明它属于哪一部分）整张出现在另一张表所属的部分中，而它自己的部分在文中另有标题、\
其中没有这张表。表放在不含统计表的部分（如全部表格集中在文末）时不报告；标题是在正文句子中找到的部分不作依据。",
        en: "A table (its `[[table]]`'s `section` says which section it belongs to) stands wholly inside the section \
of another table, while its own section has a heading of its own elsewhere and does not hold it. Not reported when \
the table stands in a section that holds no table (every table gathered at the end, say), nor on a section whose \
heading was found inside running text.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "section", "expected"];
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Misplaced { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        // The sections that hold a table, by key.
        let table_sections: Vec<&str> = cx.format.tables.iter().filter_map(|t| t.section.as_deref()).collect();
        for key in cx.format.table_keys() {
            if self.table.as_deref().is_some_and(|k| k != key) {
                continue;
            }
            let pieces: Vec<_> = cx.tables(Some(key), out.edition()).collect();
            let Some(first) = pieces.first() else { continue };
            let schema = &cx.format.tables[first.schema];
            let Some(own_key) = schema.section.as_deref() else {
                continue;
            };
            let Some(own) = cx.doc.section(own_key).filter(|s| !s.inline) else {
                continue;
            };
            let within = |span: Span, s: &SectionMatch| span.start >= s.heading.end && span.end <= s.end;
            // One piece in its own section is enough: the rest may be a copy.
            if pieces.iter().any(|t| within(t.span, own)) {
                continue;
            }
            let holder = cx
                .doc
                .section_at(first.span.start)
                .map(|i| &cx.doc.sections[i])
                .filter(|s| !s.inline && s.key != own_key && within(first.span, s));
            let Some(holder) = holder else { continue };
            if !table_sections.contains(&holder.key.as_str()) {
                continue;
            }
            out.report(
                Finding::at(
                    cx.first_line(first.span),
                    cx.tr("这张表属于另一部分", "this table belongs to another section"),
                )
                .secondary(holder.heading, cx.tr("表所在的部分", "the section it stands in"))
                .secondary(own.heading, cx.tr("表应在的部分", "the section it belongs to"))
                .note(cx.tr(
                    "两部分的内容可能互换了，或表格粘贴错了位置",
                    "the two sections' contents may have been swapped, or the table pasted in the wrong place",
                ))
                .arg("table", schema.name.get(cx.lang))
                .arg("section", cx.doc.text(holder.heading).trim().to_string())
                .arg("expected", cx.section_heading(own_key)),
            );
        }
    }
}
