//! Row and column labels worded otherwise than the format says.

use serde::Deserialize;
use toml::Spanned;

use super::readable_tables;
use crate::diag::Finding;
use crate::format::Role;
use crate::label::{LabelDef, MatchQuality, normalize, similarity};
use crate::rulefile::{RuleFileError, span_of};
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct LabelWording {
    table: Option<String>,
    similarity: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    table: Option<Spanned<String>>,
    similarity: Spanned<f32>,
}

impl CheckType for LabelWording {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "label";
    const DOC: Doc = Doc {
        zh: "行、列标签与格式规定的措辞不同，但已按含义对应：[[table]] 中列出的 variants，或相近的错漏字。\
PDF 折行截断的标签片段不报告。",
        en: "A row or column label worded otherwise than the format, and matched by meaning: one of the \
`[[table]]`'s `variants`, or a near-miss (a typo). Pieces of a label cut by a PDF line wrap are not reported.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        super::TABLE_PARAM,
        ParamDoc {
            name: "similarity",
            doc: Doc {
                zh: "只报告与规定标签至少这么相近的错漏字（0 到 1）；更远的匹配多是折行造成的",
                en: "report near-misses at least this similar to the official label (0 to 1); looser matches are mostly line wraps",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "found", "expected"];
    const SCOPE: Scope = Scope::Tables;
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let s = *p.similarity.get_ref();
        if !(0.0..=1.0).contains(&s) {
            return Err(cx.error(span_of(&p.similarity), "`similarity` is from 0 to 1"));
        }
        Ok(LabelWording {
            table: cx.table_key(p.table.as_ref())?,
            similarity: s,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        for table in readable_tables(cx, out, self.table.as_deref()) {
            let schema = &cx.format.tables[table.schema];
            let name = schema.name.get(cx.lang);
            for block in &table.blocks {
                for row in &block.rows {
                    if row.quality == MatchQuality::Exact || row.label_spans.is_empty() {
                        continue;
                    }
                    let def = &schema.row(block.index, row.index).label;
                    if !self.worth_reporting(&row.label, def) {
                        continue;
                    }
                    out.report(
                        Finding::at(row.label_span().unwrap_or_default(), why(cx, row.quality))
                            .arg("table", name)
                            .arg("found", row.label.split_whitespace().collect::<String>())
                            .arg("expected", def.official.clone()),
                    );
                }
            }
            for header in &table.header {
                if header.quality == MatchQuality::Exact {
                    continue;
                }
                let Some(m) = schema.vocab.lookup(&normalize(&header.text)) else {
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
                if !self.worth_reporting(&header.text, def) {
                    continue;
                }
                out.report(
                    Finding::at(header.span, why(cx, header.quality))
                        .arg("table", name)
                        .arg("found", header.text.split_whitespace().collect::<String>())
                        .arg("expected", def.official.clone()),
                );
            }
        }
    }
}

impl LabelWording {
    /// A deviation worth telling: a known variant, or a near-miss that is not just
    /// a piece of the label (wrapped PDF text cuts labels into fragments).
    fn worth_reporting(&self, written: &str, def: &LabelDef) -> bool {
        let core = normalize(written).core;
        let official = &def.cores[0];
        if def.cores.iter().skip(1).any(|c| *c == core) {
            return true;
        }
        if official.contains(core.as_str()) || core.contains(official.as_str()) {
            return false;
        }
        similarity(&core, official) >= self.similarity
    }
}

fn why<'s>(cx: &Context<'_>, quality: MatchQuality) -> &'s str {
    match quality {
        MatchQuality::Variant => cx.tr(
            "常见的另一种写法，已按规定标签处理",
            "a common variant; read as the official label",
        ),
        _ => cx.tr(
            "与规定标签相近（可能有错漏字），已按规定标签处理",
            "close to the official label (a typo?); read as it",
        ),
    }
}
