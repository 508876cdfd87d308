//! Where the report names itself in its text (`现将……2021年政府信息公开工作年度报告
//! 公布如下`, an attachment `2021年度政府信息公开工作报告.pdf`), the year is the
//! report year: another one is a sentence copied from last year's report.

use serde::Deserialize;
use toml::Spanned;

use super::with_year_source;
use crate::diag::Finding;
use crate::label::parse_year;
use crate::model::{VoteKind, YearVote};
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct SelfName {
    patterns: Vec<Pattern>,
    /// Read only before the first section: the opening introduces this report,
    /// while the sections tell of last year's (`按时发布了2019年……年度报告`).
    opening: Vec<Pattern>,
    /// Stands for the patterns: a check with the same ones (self-agency's)
    /// shares the names found.
    key: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    pub(super) patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) opening: Vec<Spanned<String>>,
}

impl CheckType for SelfName {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "self-name";
    const DOC: Doc = Doc {
        zh: "正文提到本报告的地方（“现将……年度报告公布如下”、附件名）写的年份是报告年度。",
        en: "Where the text names the report itself (现将……年度报告公布如下, an attachment's name), the year is the \
report year.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "patterns",
            doc: Doc {
                zh: "本报告被提到的写法（正则），命名组 year 为其中的年份；书名号内的不算",
                en: "how the text names the report (regexes), named group `year` its year; none inside 《》",
            },
        },
        ParamDoc {
            name: "opening",
            doc: Doc {
                zh: "只在第一部分之前（报告的开头语）读的写法（正则，如“我厅编写了2019年政府信息公开工作年度报告”）：正文各部分里同样的话多是在说上一年的报告",
                en: "patterns read only before the first section, in the opening (我厅编写了2019年政府信息公开工作年度报告): in the sections the same words mostly tell of last year's report",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["year", "report_year"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let patterns = cx.regexes(&p.patterns)?;
        let opening = cx.regexes(&p.opening)?;
        for (re, spec) in patterns.iter().zip(&p.patterns).chain(opening.iter().zip(&p.opening)) {
            if !re.has_group("year") {
                return Err(cx.error_at(
                    spec,
                    "this pattern has no named group `year`: write `(?P<year>20[0-9]{2})`",
                ));
            }
        }
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            "report names itself".hash(&mut h);
            for list in [&p.patterns, &p.opening] {
                list.len().hash(&mut h);
                for spec in list {
                    spec.get_ref().hash(&mut h);
                }
            }
            h.finish()
        };
        Ok(SelfName { patterns, opening, key })
    }

    fn year_votes(&self, cx: &Context<'_>, costly: bool, out: &mut Vec<YearVote>) {
        if !costly {
            return;
        }
        out.extend(self.names(cx).iter().map(|&(span, year)| YearVote {
            year,
            span,
            kind: VoteKind::SelfName,
        }));
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        for &(span, year) in self.names(cx).iter() {
            if year == y || report.span == span {
                continue;
            }
            let finding = Finding::at(span, cx.tr("本报告的年份", "the report's year"))
                .arg("year", year.to_string())
                .arg("report_year", y.to_string())
                .note(cx.tr(
                    "这里提到的是本报告（发布语、附件名），年份应与标题一致；通常是沿用上一年报告时漏改",
                    "this names the report itself (its release line or attachment): the year should be the title's; \
usually left over from last year's report",
                ));
            out.report(with_year_source(cx, finding));
        }
    }
}

impl SelfName {
    pub(super) fn compiled(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        <SelfName as CheckType>::compile(p, cx)
    }

    /// Each place outside the title where the text names the report, with its
    /// year, found once per document.
    pub(super) fn names(&self, cx: &Context<'_>) -> std::sync::Arc<Vec<(Span, i32)>> {
        cx.doc.memo.get_or_make(self.key, || self.find_names(cx))
    }

    fn find_names(&self, cx: &Context<'_>) -> Vec<(Span, i32)> {
        let text = cx.doc.source.text();
        // The opening ends where the first section begins; without sections it is unknown.
        let opening_end = cx.doc.first_heading().unwrap_or(0);
        let mut seen: Vec<(Span, i32)> = Vec::new();
        // The title written again (a breadcrumb, the saved page's path) is the
        // title, not the body naming the report: it always agrees with it.
        let copies: Vec<Span> = match cx.doc.title.as_ref().map(|t| t.text.as_str()) {
            Some(title) if title.chars().count() >= 8 => memchr::memmem::find_iter(text.as_bytes(), title.as_bytes())
                .map(|at| Span::new(at, at + title.len()))
                .collect(),
            _ => Vec::new(),
        };
        let searches = self.patterns.iter().map(|re| (re, text.len()));
        let openings = self.opening.iter().map(|re| (re, opening_end));
        for (re, end) in searches.chain(openings) {
            let text = &text[..end];
            // Each search resumes right after the year, not after the match: a
            // file name's pattern may begin with the end of the name before it.
            let mut at = 0;
            while let Some(c) = re.captures_at(text, at) {
                let Some(m) = c.name("year") else {
                    // The year took no part: go on after the match, one character
                    // on when it was empty.
                    let end = c.get(0).map_or(text.len(), |whole| whole.end());
                    at = if end > at {
                        end
                    } else {
                        at + text[at..].chars().next().map_or(1, char::len_utf8)
                    };
                    if at >= text.len() {
                        break;
                    }
                    continue;
                };
                at = m.end();
                let span = Span::new(m.start(), m.end());
                // The title is title-year-mismatch's (also when the body overrules it).
                let in_title = cx
                    .doc
                    .title
                    .as_ref()
                    .is_some_and(|t| t.spans.iter().any(|s| s.contains(span.start)));
                let a_copy = copies.iter().any(|c| c.start <= span.start && span.end <= c.end);
                if seen.iter().any(|(s, _)| *s == span) || in_title || a_copy || inside_book_title(text, m.start()) {
                    continue;
                }
                if let Some(year) = parse_year(m.as_str()) {
                    seen.push((span, year));
                }
            }
        }
        seen
    }
}

/// Whether `at` is inside 《…》 on its line: a document's title, not this report.
fn inside_book_title(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    match (before.rfind('《'), before.rfind('》')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}
