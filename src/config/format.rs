//! Compiling the format's entries: editions, sections, units, matching thresholds,
//! document patterns and table schemas (a table may `extends` another edition's).

use toml::Spanned;

use super::spec::*;
use super::{TableEntry, unknown_edition};
use crate::format::{
    BlockSchema, ColumnDef, DocumentPatterns, Edition, Format, Matching, Role, RowDef, SectionDef, TableSchema,
    ValueKind, Vocab,
};
use crate::label::{LabelDef, core, parse_cn_numeral};
use crate::number::{Unit, Units};
use crate::pattern::Pattern;
use crate::rulefile::{RuleFileError, SourceMap, span_of};

#[allow(clippy::too_many_arguments)]
pub(super) fn compile(
    sources: &SourceMap,
    editions: Vec<Spanned<EditionSpec>>,
    sections: Vec<Spanned<SectionSpec>>,
    units: Vec<Spanned<UnitSpec>>,
    tables: Vec<TableEntry>,
    matching: MatchingSpec,
    document: DocumentSpec,
) -> Result<Format, RuleFileError> {
    let mut format = Format::default();
    for e in editions {
        let spec = e.into_inner();
        if let Some(last) = spec.last_year
            && last < spec.first_year
        {
            return Err(sources.error(span_of(&spec.id), "edition `last-year` is before `first-year`"));
        }
        format.editions.push(Edition {
            id: spec.id.into_inner(),
            document: spec.document,
            first_year: spec.first_year,
            last_year: spec.last_year,
        });
    }
    format.editions.sort_by_key(|e| e.first_year);

    format.matching = compile_matching(sources, matching)?;
    format.document = compile_document(sources, document)?;
    if units.len() > u8::MAX as usize {
        return Err(sources.error(span_of(&units[u8::MAX as usize]), "at most 255 units"));
    }
    format.units = Units::new(
        units
            .into_iter()
            .map(|u| {
                let u = u.into_inner();
                Unit {
                    symbol: u.symbol.into_inner(),
                    dimension: u.dimension,
                    factor: u.factor.max(1),
                }
            })
            .collect(),
    );

    for s in sections {
        let section = compile_section(sources, s.into_inner(), format.matching.heading_similarity)?;
        format.sections.push(section);
    }
    format.sections.sort_by_key(|s| s.number);

    for (i, entry) in tables.iter().enumerate() {
        if let Some(ed) = &entry.edition
            && format.edition(ed).is_none()
        {
            return Err(unknown_edition(sources, &format, span_of(&entry.spec), ed));
        }
        let spec = resolve_extends(sources, &format, &tables, i, 0)?;
        let table = compile_table(sources, spec, entry.edition.clone(), &format)?;
        format.tables.push(table);
    }
    Ok(format)
}

fn compile_matching(sources: &SourceMap, spec: MatchingSpec) -> Result<Matching, RuleFileError> {
    let fraction = |v: Option<Spanned<f32>>, name: &str| -> Result<f32, RuleFileError> {
        let Some(v) = v else {
            return Err(RuleFileError::bare(format!(
                "no rule file sets `[matching] {name}` (the built-in common.toml does)"
            )));
        };
        let x = *v.get_ref();
        if (0.0..=1.0).contains(&x) {
            Ok(x)
        } else {
            Err(sources.error(span_of(&v), format!("`{name}` is a similarity from 0 to 1")))
        }
    };
    Ok(Matching {
        heading_similarity: fraction(spec.heading_similarity, "heading-similarity")?,
        label_similarity: fraction(spec.label_similarity, "label-similarity")?,
        label_margin: fraction(spec.label_margin, "label-margin")?,
    })
}

fn compile_document(sources: &SourceMap, spec: DocumentSpec) -> Result<DocumentPatterns, RuleFileError> {
    let with_group = |p: Option<Spanned<String>>, group: Option<&str>| -> Result<Option<Pattern>, RuleFileError> {
        let Some(p) = p else { return Ok(None) };
        let re = sources.regex(&p)?;
        if let Some(g) = group
            && !re.has_group(g)
        {
            return Err(sources.error(
                span_of(&p),
                format!("this pattern needs a named group `{g}`: write `(?P<{g}>…)`"),
            ));
        }
        Ok(Some(re))
    };
    let regexes = |list: Option<Vec<Spanned<String>>>| -> Result<Vec<Pattern>, RuleFileError> {
        list.unwrap_or_default().iter().map(|p| sources.regex(p)).collect()
    };
    Ok(DocumentPatterns {
        chrome: regexes(spec.chrome)?,
        title_field: with_group(spec.title_field, Some("title"))?,
        run_on_title: with_group(spec.run_on_title, None)?,
        period: with_group(spec.period, Some("year"))?,
        report_markers: regexes(spec.report_markers)?,
        several_years: regexes(spec.several_years)?,
        the_year: regexes(spec.the_year)?,
    })
}

fn compile_section(sources: &SourceMap, spec: SectionSpec, similarity: f32) -> Result<SectionDef, RuleFileError> {
    let number = parse_cn_numeral(spec.number.get_ref()).ok_or_else(|| {
        sources.error(
            span_of(&spec.number),
            "section `number` must be a Chinese numeral such as \"一\"",
        )
    })?;
    let patterns = spec
        .patterns
        .iter()
        .map(|p| sources.regex(p))
        .collect::<Result<_, _>>()?;
    Ok(SectionDef {
        key: spec.key.into_inner(),
        number,
        title_core: core(&spec.title),
        title: spec.title,
        patterns,
        alternatives: spec.alternatives.iter().map(|a| core(a)).collect(),
        regulation: spec.regulation.iter().map(|a| core(a)).collect(),
        similarity,
        id: crate::format::next_id(),
    })
}

/// The full spec of table `i`, with what it `extends` filled in.
fn resolve_extends(
    sources: &SourceMap,
    format: &Format,
    tables: &[TableEntry],
    i: usize,
    depth: usize,
) -> Result<TableSpec, RuleFileError> {
    let spec = tables[i].spec.get_ref();
    let Some(base_edition) = &spec.extends else {
        return Ok(spec.clone());
    };
    if depth > 8 {
        return Err(sources.error(span_of(base_edition), "tables extend each other in a loop"));
    }
    if format.edition(base_edition.get_ref()).is_none() {
        return Err(unknown_edition(
            sources,
            format,
            span_of(base_edition),
            base_edition.get_ref(),
        ));
    }
    let Some(base_index) = tables.iter().position(|t| {
        t.spec.get_ref().key.get_ref() == spec.key.get_ref() && t.edition.as_deref() == Some(base_edition.get_ref())
    }) else {
        return Err(sources.error(
            span_of(base_edition),
            format!(
                "edition {} has no table `{}` to extend",
                base_edition.get_ref(),
                spec.key.get_ref()
            ),
        ));
    };
    let mut merged = resolve_extends(sources, format, tables, base_index, depth + 1)?;
    let own = spec.clone();
    merged.extends = None;
    merged.alias = own.alias.or(merged.alias);
    merged.name = own.name.or(merged.name);
    merged.section = own.section.or(merged.section);
    merged.anchors = own.anchors.or(merged.anchors);
    merged.header = own.header.or(merged.header);
    merged.values = own.values.or(merged.values);
    for block in own.block {
        let block_span = span_of(&block);
        let block = block.into_inner();
        match merged
            .block
            .iter_mut()
            .find(|b| b.get_ref().key.get_ref() == block.key.get_ref())
        {
            Some(base) => {
                let base = base.get_mut();
                base.title = block.title.or(base.title.take());
                base.columns = block.columns.or(base.columns.take());
                base.rows = block.rows.or(base.rows.take());
                if let Some(replace) = block.replace_rows {
                    let rows = base.rows.get_or_insert_with(Vec::new);
                    replace_rows(sources, rows, replace, base_edition.get_ref())?;
                }
            }
            None => merged.block.push(Spanned::new(block_span.range(), block)),
        }
    }
    Ok(merged)
}

fn replace_rows(
    sources: &SourceMap,
    rows: &mut Vec<Spanned<RowSpec>>,
    replace: std::collections::BTreeMap<Spanned<String>, Vec<Spanned<RowSpec>>>,
    base_edition: &str,
) -> Result<(), RuleFileError> {
    for (key, with) in replace {
        let Some(at) = rows.iter().position(|r| r.get_ref().key.get_ref() == key.get_ref()) else {
            let known: Vec<&str> = rows.iter().map(|r| r.get_ref().key.get_ref().as_str()).collect();
            return Err(sources
                .error(
                    span_of(&key),
                    format!(
                        "no row `{}` in edition {base_edition}'s table to replace",
                        key.get_ref()
                    ),
                )
                .note(format!("rows: {}", known.join(", "))));
        };
        rows.splice(at..=at, with);
    }
    Ok(())
}

fn compile_table(
    sources: &SourceMap,
    spec: TableSpec,
    edition: Option<String>,
    format: &Format,
) -> Result<TableSchema, RuleFileError> {
    let key_span = span_of(&spec.key);
    if let Some(section) = &spec.section
        && format.section(section.get_ref()).is_none()
    {
        return Err(sources.error(span_of(section), format!("unknown section `{}`", section.get_ref())));
    }
    let Some(name) = spec.name else {
        return Err(sources.error(key_span, "a table needs `name = { zh = \"…\", en = \"…\" }`"));
    };
    let anchors: Vec<Pattern> = spec
        .anchors
        .unwrap_or_default()
        .iter()
        .map(|p| sources.regex(p))
        .collect::<Result<_, _>>()?;
    if anchors.is_empty() {
        return Err(sources.error(key_span, "a table needs at least one entry in `anchors`"));
    }
    let table_values = spec.values.unwrap_or(ValueKind::Count);
    let mut entries: Vec<(Role, LabelDef)> = spec
        .header
        .unwrap_or_default()
        .iter()
        .map(|h| (Role::Header, LabelDef::new(h, &[])))
        .collect();
    let mut blocks = Vec::new();
    for (b, block) in spec.block.into_iter().enumerate() {
        let block_span = span_of(&block);
        let block = block.into_inner();
        check_key(sources, &block.key)?;
        let (Some(block_columns), Some(block_rows)) = (block.columns, block.rows) else {
            return Err(sources.error(block_span, "a block needs `columns` and `rows`"));
        };
        if block_columns.is_empty() || block_rows.is_empty() {
            return Err(sources.error(block_span, "a block needs `columns` and `rows`"));
        }
        let title = block.title.as_ref().map(|t| LabelDef::new(t, &[]));
        if let Some(t) = &title {
            entries.push((Role::BlockTitle(b), t.clone()));
        }
        let mut columns = Vec::new();
        for (c, col) in block_columns.into_iter().enumerate() {
            let col = col.into_inner();
            check_key(sources, &col.key)?;
            if columns.iter().any(|x: &ColumnDef| x.key == *col.key.get_ref()) {
                return Err(sources.error(
                    span_of(&col.key),
                    format!("duplicate column key `{}`", col.key.get_ref()),
                ));
            }
            let unit = match &col.unit {
                None => None,
                Some(u) => Some(format.units.find(u.get_ref()).ok_or_else(|| {
                    let known: Vec<&str> = format.units.iter().map(|(_, u)| u.symbol.as_str()).collect();
                    sources
                        .error(span_of(u), format!("unknown unit `{}`", u.get_ref()))
                        .note(format!("units (`[[unit]]`): {}", known.join(", ")))
                })?),
            };
            let label = LabelDef::new(&col.label, &col.variants);
            entries.push((Role::Column(b, c), label.clone()));
            columns.push(ColumnDef {
                key: col.key.into_inner(),
                label,
                alias: col.alias,
                title: col.title,
                values: col.values.unwrap_or(table_values),
                unit,
            });
        }
        let mut rows = Vec::new();
        for (r, row) in block_rows.into_iter().enumerate() {
            let row = row.into_inner();
            check_key(sources, &row.key)?;
            let dup_in_table = blocks
                .iter()
                .any(|bl: &BlockSchema| bl.rows.iter().any(|x| x.key == *row.key.get_ref()))
                || rows.iter().any(|x: &RowDef| x.key == *row.key.get_ref());
            if dup_in_table {
                return Err(sources.error(span_of(&row.key), format!("duplicate row key `{}`", row.key.get_ref())));
            }
            let label = LabelDef::new(&row.label, &row.variants);
            if !row.implicit {
                entries.push((Role::Row(b, r), label.clone()));
            }
            rows.push(RowDef {
                key: row.key.into_inner(),
                label,
                alias: row.alias,
                group: row.group,
                implicit: row.implicit,
            });
        }
        blocks.push(BlockSchema {
            key: block.key.into_inner(),
            title,
            columns,
            rows,
        });
    }
    if blocks.is_empty() {
        return Err(sources.error(key_span, "a table needs at least one `[[table.block]]`"));
    }
    Ok(TableSchema {
        key: spec.key.into_inner(),
        edition,
        name,
        aliases: spec.alias.unwrap_or_default(),
        section: spec.section.map(|s| s.into_inner()),
        anchors,
        blocks,
        vocab: Vocab::new(entries, format.matching),
    })
}

/// Keys are used in sum expressions: letters, digits, `_` and `.` only.
fn check_key(sources: &SourceMap, key: &Spanned<String>) -> Result<(), RuleFileError> {
    let k = key.get_ref();
    let ok = !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !k.starts_with('.')
        && !k.ends_with('.')
        && !k.starts_with(|c: char| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(sources
            .error(span_of(key), format!("invalid key `{k}`"))
            .note("keys use ASCII letters, digits, `_` and `.` (for sub-rows), e.g. `withheld.secret`"))
    }
}
