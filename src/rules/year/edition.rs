//! A table of another edition than the report year calls for, or tables that mix
//! editions.

use super::with_year_source;
use crate::diag::Finding;
use crate::model::Readability;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};
use crate::source::Span;
use crate::telltale::{TelltaleKind, telltales};

pub struct Edition;

impl CheckType for Edition {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "edition";
    const DOC: Doc = Doc {
        zh: "统计表的格式版本与报告年度不符（或没有报告年度时，与其他各表不一）。逐表判断版本，列出只有该版本才有的表头、行名，\
或在另一版本中是分类行却填了数字的行。",
        en: "A table follows another edition than the report year calls for (or, without a year, than the other \
tables). Decided table by table; the finding lists the telltales: header words and row labels only that edition \
has, or numbers on a row that is label-only in the other.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "edition", "expected", "report_year", "basis"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Edition)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        // Expected: the report year's edition; without a year, the tables must agree.
        let Some(expected) = cx.edition else { return };
        let by_year = doc.report_year.is_some();
        for t in &doc.tables {
            let Some(edition) = t.edition.as_deref() else { continue };
            if edition == expected {
                continue;
            }
            let schema = &cx.format.tables[t.schema];
            let evidence = telltales(cx.format, t, expected);
            // A table whose numbers cannot be read is of another edition still
            // when its header says so: two of its titles only that edition has.
            // Nothing the expected edition lacks: read in part, it fits either.
            if evidence.is_empty()
                || t.readable != Readability::Ok
                    && evidence.iter().filter(|e| e.kind == TelltaleKind::Header).count() < 2
            {
                continue;
            }
            let with_numbers = cx.tr("（有数字）", " (with numbers)");
            let evidence: Vec<(Span, String)> = evidence
                .into_iter()
                .map(|e| match e.kind {
                    TelltaleKind::NumbersOnGroupRow => (e.span, format!("{}{with_numbers}", e.text)),
                    _ => (e.span, e.text),
                })
                .collect();
            let document = |id: &str| cx.format.edition(id).map(|e| e.document.clone()).unwrap_or_default();
            let first = evidence.first().map(|(s, _)| *s).unwrap_or(cx.first_line(t.span));
            let mut finding = Finding::at(
                first,
                cx.tr(
                    &format!("{edition} 年版格式的写法"),
                    &format!("edition {edition} wording"),
                ),
            )
            .arg("table", schema.name.get(cx.lang))
            .arg("edition", edition)
            .arg("expected", expected)
            .arg(
                "report_year",
                doc.report_year.map(|r| r.year.to_string()).unwrap_or_default(),
            )
            .arg(
                "basis",
                match doc.report_year {
                    Some(r) => cx
                        .tr(&format!("{} 年度报告", r.year), &format!("a report for {}", r.year))
                        .to_string(),
                    None => cx
                        .tr("按其他各表，本报告", "by the other tables, this report")
                        .to_string(),
                },
            );
            for (span, text) in evidence.iter().skip(1).take(5) {
                finding = finding.secondary(
                    *span,
                    cx.tr(
                        &format!("{edition} 年版：{text}"),
                        &format!("edition {edition}: {text}"),
                    ),
                );
            }
            finding = finding.note(cx.tr(
                &format!(
                    "本表符合 {edition} 年版（{}），{}应使用 {expected} 年版（{}）",
                    document(edition),
                    if by_year { "按报告年度" } else { "按其他各表" },
                    document(expected)
                ),
                &format!(
                    "this table follows edition {edition} ({}); {} calls for edition {expected} ({})",
                    document(edition),
                    if by_year { "the report year" } else { "the other tables" },
                    document(expected)
                ),
            ));
            let found: Vec<&str> = evidence.iter().map(|(_, t)| t.as_str()).collect();
            if !found.is_empty() {
                finding = finding.note(cx.tr(
                    &format!("特征：{}", found.join("、")),
                    &format!("telltales: {}", found.join(", ")),
                ));
            }
            out.report(with_year_source(cx, finding));
        }
    }
}
