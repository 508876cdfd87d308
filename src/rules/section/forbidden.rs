//! Text a published report must not hold, such as a draft's placeholders
//! (`20XX年`, `XX件`, `【待补充】`), found anywhere outside the tables.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

/// Findings one rule makes in a document; the last says how many more there are.
const MOST: usize = 10;

pub struct Forbidden {
    patterns: Vec<Pattern>,
    exempt: Vec<Pattern>,
    section: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    patterns: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    exempt: Vec<Spanned<String>>,
    section: Option<Spanned<String>>,
}

impl CheckType for Forbidden {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "forbidden";
    const DOC: Doc = Doc {
        zh: "表格以外的文字（标题、正文、落款）中出现了不应出现的内容：patterns 中的正则匹配之处各报告一次（命名组 text \
若有，标出的就是它；相邻的匹配算一处），每个文件最多十处，其余在最后一条中计数。",
        en: "Text outside the tables (title, body, signature) holds what it must not: each match of a `patterns` regex \
is reported (the named group `text`, if any, is what gets marked; matches side by side are one), ten per file at \
most, the rest counted in the last.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "patterns",
            doc: Doc {
                zh: "不应出现的文字（正则；命名组 text 可选）",
                en: "what must not appear (regexes; an optional named group `text`)",
            },
        },
        ParamDoc {
            name: "exempt",
            doc: Doc {
                zh: "这些正则匹配之处以内的不报告（如书名号中以小写 x 为变量的标题）",
                en: "matches inside a match of one of these regexes are not reported (a title in 《》 that uses a \
lowercase x as a variable)",
            },
        },
        ParamDoc {
            name: "section",
            doc: Doc {
                zh: "只查这一部分（[[section]] 的 key）；不写则查全文",
                en: "only this section (a `[[section]]` key); the whole text when absent",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["text"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        if p.patterns.get_ref().is_empty() {
            return Err(cx.error_at(&p.patterns, "`patterns` needs at least one regex"));
        }
        let section = match &p.section {
            Some(s) => Some(cx.section_key(s)?),
            None => None,
        };
        Ok(Forbidden {
            patterns: cx.regexes(p.patterns.get_ref())?,
            exempt: cx.regexes(&p.exempt)?,
            section,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        let text = doc.source.text();
        let range = match &self.section {
            Some(key) => match doc.section(key) {
                Some(m) => Span::new(m.heading.start, m.end),
                None => return,
            },
            None => Span::new(0, text.len()),
        };
        let mut tables: Vec<Span> = doc.tables.iter().map(|t| t.span).collect();
        tables.sort_unstable_by_key(|t| t.start);
        let in_table = |span: Span| {
            let i = tables.partition_point(|t| t.start <= span.start);
            i > 0 && span.end <= tables[i - 1].end
        };
        let mut found: Vec<Span> = Vec::new();
        for re in &self.patterns {
            for caps in re.captures_iter(&text[range.start..range.end]) {
                let m = caps.name("text").unwrap_or_else(|| caps.get(0).unwrap());
                let span = Span::new(range.start + m.start(), range.start + m.end());
                if span.start < span.end && !in_table(span) {
                    found.push(span);
                }
            }
        }
        // What is exempt is looked for only when something was found (most reports have nothing).
        if !found.is_empty() && !self.exempt.is_empty() {
            let scope = &text[range.start..range.end];
            let mut exempt: Vec<Span> = Vec::new();
            for re in &self.exempt {
                exempt.extend(
                    re.find_iter(scope)
                        .map(|m| Span::new(range.start + m.start(), range.start + m.end())),
                );
            }
            found.retain(|span| !exempt.iter().any(|e| e.start <= span.start && span.end <= e.end));
        }
        found.sort_unstable_by_key(|s| (s.start, s.end));
        // Matches that overlap, stand side by side or apart by spaces only (not
        // a line break) are one (`X月X日`).
        let mut joined: Vec<Span> = Vec::with_capacity(found.len());
        for span in found {
            match joined.last_mut() {
                Some(last)
                    if span.start <= last.end
                        || text[last.end..span.start]
                            .chars()
                            .all(|c| matches!(c, ' ' | '\t' | '\u{3000}')) =>
                {
                    last.end = last.end.max(span.end)
                }
                _ => joined.push(span),
            }
        }
        let found = joined;
        let more = found.len().saturating_sub(MOST);
        for (i, &span) in found.iter().take(MOST).enumerate() {
            let written = doc.text(span);
            let mut finding = Finding::at(
                span,
                cx.tr("不应出现在发布的报告中", "must not be in a published report"),
            )
            .arg("text", written);
            if i + 1 == MOST && more > 0 {
                finding = finding.note(cx.tr(&format!("另有 {more} 处未列出"), &format!("{more} more not listed")));
            }
            out.report(finding);
        }
    }
}
