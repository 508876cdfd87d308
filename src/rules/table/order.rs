//! Tables out of the format's order where sections are read inside running
//! text (a page scraped into one line): 表三 before 表二 is two sections'
//! bodies swapped, which table-misplaced cannot tell there.

use crate::diag::Finding;
use crate::model::Table;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};
use crate::source::Span;

pub struct Order;

/// How much of a table's start a finding marks, in bytes: a table run into
/// one line would be marked whole.
const MARK: usize = 60;

impl CheckType for Order {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "order";
    const DOC: Doc = Doc {
        zh: "在章节标题嵌在连续文字中的报告（网页抓取成一行）里，某张表出现在格式中排在它前面的表之前、两部分的标题顺序正确，\
且两张表各自落在对方的标题之下：两部分的正文多半互换了。标题单独成行的报告由 misplaced 检查。",
        en: "In a report whose section headings stand inside running text (a page scraped into one line), a table \
comes before a table the format puts ahead of it, the two sections' headings are in order and each table stands \
under the other's heading: their bodies were most likely swapped. Reports with headings on lines of their own are \
misplaced's.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "other"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Order)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let section_of = |key: &str| cx.format.tables.iter().find(|t| t.key == key)?.section.as_deref();
        let heading = |key: &str| cx.doc.section(section_of(key)?);
        // The first piece of each table, in the order of their sections.
        let mut keys = cx.format.table_keys();
        keys.sort_by_key(|&key| {
            section_of(key)
                .and_then(|s| cx.format.section(s))
                .map_or(u32::MAX, |d| d.number)
        });
        let firsts: Vec<(&str, Option<&Table>)> = keys
            .into_iter()
            .map(|key| (key, cx.tables(Some(key), out.edition()).min_by_key(|t| t.span.start)))
            .collect();
        for (j, &(key, later)) in firsts.iter().enumerate() {
            let Some(later) = later else { continue };
            let ahead = firsts[..j]
                .iter()
                .filter_map(|&(k, t)| Some((k, t?)))
                .find(|(_, t)| t.span.start > later.span.start);
            let Some((ahead_key, ahead)) = ahead else { continue };
            let (Some(own), Some(other)) = (heading(key), heading(ahead_key)) else {
                continue;
            };
            // Headings on lines of their own are misplaced's; headings out of
            // order, section-out-of-order's.
            if !(own.inline || other.inline) || own.heading.start < other.heading.start {
                continue;
            }
            // Swapped: each table stands under the other's heading (not one moved
            // after the last section, or a third section's body moved).
            let under =
                |t: &Table, s: &crate::model::SectionMatch| s.heading.end <= t.span.start && t.span.start < s.end;
            if !(under(later, other) && under(ahead, own)) {
                continue;
            }
            let schema = &cx.format.tables[later.schema];
            let other_schema = &cx.format.tables[ahead.schema];
            let mark = |span: Span| {
                let end = cx.first_line(span).end.min(span.start + MARK);
                Span::new(span.start, cx.doc.source.floor_char_boundary(end))
            };
            out.report(
                Finding::at(mark(later.span), cx.tr("这张表排在前面", "this table comes first"))
                    .secondary(
                        mark(ahead.span),
                        cx.tr("格式中排在它前面的表", "the table the format puts first"),
                    )
                    .note(cx.tr(
                        "两部分的标题顺序正确而表格顺序颠倒：两部分的正文可能互换了",
                        "the headings are in order but the tables are not: the two sections' bodies may have been \
swapped",
                    ))
                    .arg("table", schema.name.get(cx.lang))
                    .arg("other", other_schema.name.get(cx.lang)),
            );
        }
    }
}
