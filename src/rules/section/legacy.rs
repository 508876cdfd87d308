//! A report in the pre-2019 format: said once, no other rule runs.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::label;
use crate::model::{ItemKind, OutlineItem, Readability};
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Legacy {
    patterns: Vec<Pattern>,
    max_year: i32,
    min_matches: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    patterns: Vec<Spanned<String>>,
    max_year: i32,
    min_matches: usize,
}

impl CheckType for Legacy {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "legacy";
    const DOC: Doc = Doc {
        zh: "按 2008 年《条例》编写的旧格式报告：报告年度不晚于 max-year；或没有统计表而一级标题呈现旧格式特征；\
或没有写年份、没有统计表，而正文的年份证据（落款日期、陈述工作的句子）都不晚于 max-year。只报告一次，其余规则都不再运行。",
        en: "A report in the format of the 2008 regulation: its year is max-year or earlier; or it has no tables and \
its headings look like the old outline; or it names no year, has no tables, and every year its body gives (the \
signature date, statements of the year's work) is max-year or earlier. Said once; no other rule runs.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "patterns",
            doc: Doc {
                zh: "旧格式一级标题的特征（正则，匹配去掉编号和标点的标题）",
                en: "headings typical of the old outline (regexes on the heading without numbering and punctuation)",
            },
        },
        ParamDoc {
            name: "max-year",
            doc: Doc {
                zh: "不晚于这一年的报告都是旧格式",
                en: "reports for this year or earlier are in the old format",
            },
        },
        ParamDoc {
            name: "min-matches",
            doc: Doc {
                zh: "没有统计表时，至少这么多个一级标题符合 patterns 才算旧格式",
                en: "without tables, at least this many headings must match `patterns`",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["year"];
    const SCOPE: Scope = Scope::Gate;
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Legacy {
            patterns: cx.regexes(&p.patterns)?,
            max_year: p.max_year,
            min_matches: p.min_matches,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        let year = doc.report_year.map(|y| y.year);
        // A year before the format with the format's tables read: the year is
        // what is wrong (a title left from an old report), not the format.
        let current_tables = doc.tables.iter().any(|t| t.readable == Readability::Ok);
        let old_year = year.is_some_and(|y| y <= self.max_year) && !current_tables;
        let old_headings: Vec<&OutlineItem> = doc
            .outline
            .iter()
            .filter(|i| i.kind == ItemKind::Top && self.patterns.iter().any(|p| p.is_match(&label::core(&i.text))))
            .collect();
        let old_outline = doc.tables.is_empty() && old_headings.len() >= self.min_matches;
        // No year written and none settled, no table of the current format,
        // and every year the body gives (a signature date, statements of the
        // year's work) before it: too little to check a year against, enough
        // to say the report is old rather than list the current outline's
        // sections as missing.
        let hints = &doc.untitled_votes;
        let old_hints = year.is_none()
            && doc.tables.is_empty()
            && !hints.is_empty()
            && hints.iter().all(|v| v.year <= self.max_year);
        if !(old_year || old_outline || old_hints) {
            return;
        }
        let span = doc
            .title
            .as_ref()
            .map(|t| t.span())
            .or_else(|| old_headings.first().map(|i| i.span))
            .or_else(|| old_hints.then(|| hints.first().map(|v| v.span)).flatten())
            .unwrap_or_default();
        let mut finding = Finding::at(span, cx.tr("旧格式报告", "old-format report"))
            .arg("year", year.map(|y| y.to_string()).unwrap_or_default());
        if let (true, Some(y), Some(first)) = (old_year, year, cx.format.editions.first()) {
            finding = finding.note(cx.tr(
                &format!(
                    "报告年度 {y} 早于现行格式（{}，{} 年度起适用）",
                    first.document, first.first_year
                ),
                &format!(
                    "the report year {y} predates the current format ({}, for reports from {})",
                    first.document, first.first_year
                ),
            ));
        }
        if old_hints && !old_outline {
            let mut years: Vec<i32> = hints.iter().map(|v| v.year).collect();
            years.sort_unstable();
            years.dedup();
            let years = years.iter().map(i32::to_string).collect::<Vec<_>>().join("、");
            finding = finding.note(cx.tr(
                &format!("标题没有写年份，正文的年份证据指向 {years} 年，早于现行格式"),
                &format!("the title names no year; the body's evidence points to {years}, before the current format"),
            ));
            for v in hints.iter().filter(|v| v.span != span).take(3) {
                finding = finding.secondary(v.span, crate::rules::year::vote_label(cx, v.kind));
            }
        }
        for h in old_headings.iter().take(3) {
            finding = finding.secondary(h.span, cx.tr("旧格式的标题", "a heading of the old format"));
        }
        out.report(finding);
    }
}
