//! A report in the pre-2019 format: said once, no other rule runs.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::label;
use crate::model::{ItemKind, OutlineItem};
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
        zh: "按 2008 年《条例》编写的旧格式报告：报告年度不晚于 max-year，或没有统计表而一级标题呈现旧格式特征。\
只报告一次，其余规则都不再运行。",
        en: "A report in the format of the 2008 regulation: its year is max-year or earlier, or it has no tables and \
its headings look like the old outline. Said once; no other rule runs.",
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
        let old_year = year.is_some_and(|y| y <= self.max_year);
        let old_headings: Vec<&OutlineItem> = doc
            .outline
            .iter()
            .filter(|i| i.kind == ItemKind::Top && self.patterns.iter().any(|p| p.is_match(&label::core(&i.text))))
            .collect();
        let old_outline = doc.tables.is_empty() && old_headings.len() >= self.min_matches;
        if !(old_year || old_outline) {
            return;
        }
        let span = doc
            .title
            .as_ref()
            .map(|t| t.span())
            .or_else(|| old_headings.first().map(|i| i.span))
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
        for h in old_headings.iter().take(3) {
            finding = finding.secondary(h.span, cx.tr("旧格式的标题", "a heading of the old format"));
        }
        out.report(finding);
    }
}
