//! Loading rule files: the built-in sets compiled into the binary, then the user's
//! files, later ones overriding earlier ones.
//!
//! - `[[edition]]`, `[[section]]` and `[[table]]` entries replace earlier ones with
//!   the same `id`/`key` (tables: same key and edition).
//! - A `[[rule]]` with a `kind` defines a rule, replacing any earlier rule with the
//!   same `id`. A `[[rule]]` without `kind` adjusts an existing rule: only
//!   `severity` (`"off"` disables it), `message` and `explanation` may be given.

mod error;
mod spec;

use std::path::{Path, PathBuf};

use regex::Regex;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use error::ConfigError;
pub(crate) use spec::COMMON_RULE_KEYS;
use spec::*;

use crate::diag::{Severity, Text};
use crate::format::{BlockSchema, ColumnDef, Edition, Format, Role, RowDef, SectionDef, TableSchema, ValueKind, Vocab};
use crate::label::{LabelDef, core, parse_cn_numeral};
use crate::rules::{self, Rule};
use crate::source::{SourceFile, Span};

/// The built-in rule files, in load order.
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/common.toml", include_str!("../../rules/common.toml")),
    ("rules/edition-2019.toml", include_str!("../../rules/edition-2019.toml")),
    ("rules/edition-2021.toml", include_str!("../../rules/edition-2021.toml")),
];

/// Everything the checker needs from the rule files.
#[derive(Debug)]
pub struct Config {
    /// Every rule file read, built-in first.
    pub sources: Vec<SourceFile>,
    pub format: Format,
    pub rules: Vec<Rule>,
}

impl Config {
    /// The built-in rules only.
    pub fn builtin() -> Result<Config, ConfigError> {
        Config::load(&[])
    }

    /// Built-in rules plus the given files or directories (every `*.toml` inside, in
    /// name order).
    pub fn load(user: &[PathBuf]) -> Result<Config, ConfigError> {
        let mut sources: Vec<SourceFile> = BUILTIN
            .iter()
            .map(|(name, text)| SourceFile::new(format!("(built-in) {name}"), *text))
            .collect();
        for path in user {
            for file in rule_files(path)? {
                let text = std::fs::read_to_string(&file).map_err(|e| ConfigError {
                    file: None,
                    span: None,
                    message: format!("cannot read rule file {}: {e}", file.display()),
                    notes: Vec::new(),
                })?;
                sources.push(SourceFile::new(file.display().to_string(), text));
            }
        }
        let (format, rules) = build(&sources)?;
        Ok(Config { sources, format, rules })
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

fn rule_files(path: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let meta = std::fs::metadata(path).map_err(|e| ConfigError {
        file: None,
        span: None,
        message: format!("cannot read rule file {}: {e}", path.display()),
        notes: Vec::new(),
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry.map_err(|e| ConfigError {
            file: None,
            span: None,
            message: format!("cannot read rule directory {}: {e}", path.display()),
            notes: Vec::new(),
        })?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "toml") {
            files.push(entry.into_path());
        }
    }
    if files.is_empty() {
        return Err(ConfigError {
            file: None,
            span: None,
            message: format!("no *.toml rule files in {}", path.display()),
            notes: Vec::new(),
        });
    }
    Ok(files)
}

/// A `[[rule]]` entry waiting for the format to be complete.
struct PendingRule<'a> {
    file: usize,
    value: Spanned<DeValue<'a>>,
    default_edition: Option<Spanned<String>>,
}

struct TableEntry {
    file: usize,
    edition: Option<String>,
    spec: Spanned<TableSpec>,
}

fn build(sources: &[SourceFile]) -> Result<(Format, Vec<Rule>), ConfigError> {
    let mut editions: Vec<(usize, Spanned<EditionSpec>)> = Vec::new();
    let mut sections: Vec<(usize, Spanned<SectionSpec>)> = Vec::new();
    let mut tables: Vec<TableEntry> = Vec::new();
    let mut pending: Vec<PendingRule<'_>> = Vec::new();

    for (f, source) in sources.iter().enumerate() {
        let mut root = DeTable::parse(source.text()).map_err(|e| ConfigError::from_toml(source, &e))?;
        let rule_items = match root.get_mut().remove("rule") {
            None => Vec::new(),
            Some(v) => {
                let span = v.span();
                match v.into_inner() {
                    DeValue::Array(items) => items.to_vec(),
                    _ => {
                        return Err(ConfigError::at(
                            source,
                            to_span(span),
                            "`rule` must be an array of tables: write `[[rule]]`",
                        ));
                    }
                }
            }
        };
        let spec: FileSpec = serde::Deserialize::deserialize(toml::de::Deserializer::from(root)).map_err(|e| {
            let err = ConfigError::from_toml(source, &e);
            // `rule` was taken out before reading the rest of the file.
            let top_level = err.message.contains("`ruleset`");
            err.suggest_field(if top_level { &["rule"] } else { &[] })
        })?;
        let file_edition = spec.ruleset.as_ref().and_then(|r| r.edition.clone());

        for e in spec.edition {
            editions.retain(|(_, old)| old.get_ref().id.get_ref() != e.get_ref().id.get_ref());
            editions.push((f, e));
        }
        for s in spec.section {
            sections.retain(|(_, old)| old.get_ref().key.get_ref() != s.get_ref().key.get_ref());
            sections.push((f, s));
        }
        for t in spec.table {
            let edition = match t.get_ref().edition.as_ref().or(file_edition.as_ref()) {
                Some(e) if e.get_ref() == "all" => None,
                Some(e) => Some(e.get_ref().clone()),
                None => None,
            };
            tables.retain(|old| {
                !(old.spec.get_ref().key.get_ref() == t.get_ref().key.get_ref() && old.edition == edition)
            });
            tables.push(TableEntry {
                file: f,
                edition,
                spec: t,
            });
        }
        for value in rule_items {
            pending.push(PendingRule {
                file: f,
                value,
                default_edition: file_edition.clone(),
            });
        }
    }

    let mut format = Format::default();
    for (f, e) in editions {
        let spec = e.into_inner();
        if let Some(last) = spec.last_year
            && last < spec.first_year
        {
            return Err(ConfigError::at(
                &sources[f],
                to_span(spec.id.span()),
                "edition `last-year` is before `first-year`",
            ));
        }
        format.editions.push(Edition {
            id: spec.id.into_inner(),
            document: spec.document,
            first_year: spec.first_year,
            last_year: spec.last_year,
        });
    }
    format.editions.sort_by_key(|e| e.first_year);

    for (f, s) in sections {
        format.sections.push(compile_section(&sources[f], s.into_inner())?);
    }
    format.sections.sort_by_key(|s| s.number);

    for entry in tables {
        let source = &sources[entry.file];
        if let Some(ed) = &entry.edition
            && format.edition(ed).is_none()
        {
            let span = entry.spec.span();
            return Err(unknown_edition(source, to_span(span), ed, &format));
        }
        format
            .tables
            .push(compile_table(source, entry.spec.into_inner(), entry.edition, &format)?);
    }

    let mut compiled: Vec<Rule> = Vec::new();
    for p in pending {
        let source = &sources[p.file];
        let item_span = to_span(p.value.span());
        let DeValue::Table(table) = p.value.get_ref() else {
            return Err(ConfigError::at(source, item_span, "each `[[rule]]` must be a table"));
        };
        let common: CommonRuleSpec = deserialize_filtered(source, &p.value, |k| spec::COMMON_RULE_KEYS.contains(&k))?;
        let id = common.id.get_ref().clone();
        let id_span = to_span(common.id.span());
        if !is_rule_id(&id) {
            return Err(ConfigError::at(
                source,
                id_span,
                format!("rule id `{id}` must be lowercase words joined by `-`"),
            )
            .note("for example `section-missing`"));
        }
        let edition = common.edition.clone().or(p.default_edition.clone());
        if let Some(ed) = &edition
            && ed.get_ref() != "all"
            && format.edition(ed.get_ref()).is_none()
        {
            return Err(unknown_edition(source, to_span(ed.span()), ed.get_ref(), &format));
        }
        let edition = edition.map(|e| e.into_inner()).filter(|e| e != "all");

        match &common.kind {
            Some(kind) => {
                let Some(message) = &common.message else {
                    return Err(
                        ConfigError::at(source, item_span, format!("rule `{id}` has no `message`"))
                            .note("a rule needs `message = { zh = \"…\", en = \"…\" }`"),
                    );
                };
                let params = rules::Params {
                    source,
                    span: item_span,
                    value: &p.value,
                    table,
                    format: &format,
                    edition: edition.as_deref(),
                };
                let check = rules::compile(kind, &params)?;
                check_placeholders(source, message, check.placeholders)?;
                let severity = severity_of(
                    common
                        .severity
                        .as_ref()
                        .map(|s| *s.get_ref())
                        .unwrap_or(SeveritySpec::Warning),
                );
                let rule = Rule {
                    id: id.clone(),
                    kind: check.kind,
                    severity,
                    message: message.get_ref().clone(),
                    explanation: common.explanation.clone(),
                    edition,
                    origin: (p.file, item_span),
                    placeholders: check.placeholders,
                    check: check.check,
                };
                compiled.retain(|r| r.id != id);
                compiled.push(rule);
            }
            None => {
                let Some(existing) = compiled.iter_mut().find(|r| r.id == id) else {
                    return Err(
                        ConfigError::at(source, id_span, format!("there is no rule `{id}` to adjust"))
                            .note("to define a new rule, give it a `kind`"),
                    );
                };
                for (key, value) in table.iter() {
                    let k: &str = key.get_ref();
                    if !matches!(k, "id" | "severity" | "message" | "explanation") {
                        return Err(ConfigError::at(
                            source,
                            to_span(value.span()),
                            format!("`{k}` cannot be changed without redefining the rule"),
                        )
                        .note(format!(
                            "copy the whole rule `{id}`, with its `kind`, to change its parameters"
                        )));
                    }
                }
                if let Some(s) = &common.severity {
                    existing.severity = severity_of(*s.get_ref());
                }
                if let Some(m) = &common.message {
                    check_placeholders(source, m, existing.placeholders)?;
                    existing.message = m.get_ref().clone();
                }
                if let Some(e) = &common.explanation {
                    existing.explanation = Some(e.clone());
                }
                existing.origin = (p.file, item_span);
            }
        }
    }
    Ok((format, compiled))
}

fn severity_of(s: SeveritySpec) -> Option<Severity> {
    match s {
        SeveritySpec::Error => Some(Severity::Error),
        SeveritySpec::Warning => Some(Severity::Warning),
        SeveritySpec::Info => Some(Severity::Info),
        SeveritySpec::Off => None,
    }
}

fn is_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn check_placeholders(source: &SourceFile, message: &Spanned<Text>, allowed: &[&str]) -> Result<(), ConfigError> {
    let text = message.get_ref();
    for template in [&text.zh, &text.en] {
        for name in crate::diag::placeholders(template) {
            if !allowed.contains(&name) {
                let list = if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed
                        .iter()
                        .map(|a| format!("{{{a}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return Err(ConfigError::at(
                    source,
                    to_span(message.span()),
                    format!("unknown placeholder `{{{name}}}` in message"),
                )
                .note(format!("this rule can fill: {list}")));
            }
        }
    }
    Ok(())
}

/// Deserialize only the keys `keep` accepts from a rule table.
pub(crate) fn deserialize_filtered<'a, T: serde::Deserialize<'a>>(
    source: &SourceFile,
    value: &Spanned<DeValue<'a>>,
    keep: impl Fn(&str) -> bool,
) -> Result<T, ConfigError> {
    let DeValue::Table(table) = value.get_ref() else {
        return Err(ConfigError::at(source, to_span(value.span()), "expected a table"));
    };
    let mut filtered = DeTable::new();
    for (k, v) in table.iter() {
        if keep(k.get_ref()) {
            filtered.insert(k.clone(), v.clone());
        }
    }
    let filtered = Spanned::new(value.span(), DeValue::Table(filtered));
    T::deserialize(toml::de::ValueDeserializer::from(filtered)).map_err(|e| ConfigError::from_toml(source, &e))
}

pub(crate) fn to_span(r: std::ops::Range<usize>) -> Span {
    Span::new(r.start, r.end.max(r.start))
}

pub(crate) fn compile_regex(source: &SourceFile, pattern: &Spanned<String>) -> Result<Regex, ConfigError> {
    Regex::new(pattern.get_ref()).map_err(|e| {
        let detail = e.to_string();
        let last = detail.lines().last().unwrap_or("").trim();
        let last = last.strip_prefix("error: ").unwrap_or(last).to_string();
        ConfigError::at(
            source,
            to_span(pattern.span()),
            format!("invalid regular expression: {last}"),
        )
    })
}

fn unknown_edition(source: &SourceFile, span: Span, id: &str, format: &Format) -> ConfigError {
    let known: Vec<&str> = format.editions.iter().map(|e| e.id.as_str()).collect();
    ConfigError::at(source, span, format!("unknown edition `{id}`"))
        .note(format!("known editions: {}, or \"all\"", known.join(", ")))
}

fn compile_section(source: &SourceFile, spec: SectionSpec) -> Result<SectionDef, ConfigError> {
    let number = parse_cn_numeral(spec.number.get_ref()).ok_or_else(|| {
        ConfigError::at(
            source,
            to_span(spec.number.span()),
            "section `number` must be a Chinese numeral such as \"一\"",
        )
    })?;
    let patterns = spec
        .patterns
        .iter()
        .map(|p| compile_regex(source, p))
        .collect::<Result<_, _>>()?;
    Ok(SectionDef {
        key: spec.key.into_inner(),
        number,
        title_core: core(&spec.title),
        title: spec.title,
        patterns,
        alternatives: spec.alternatives.iter().map(|a| core(a)).collect(),
    })
}

fn compile_table(
    source: &SourceFile,
    spec: TableSpec,
    edition: Option<String>,
    format: &Format,
) -> Result<TableSchema, ConfigError> {
    if let Some(section) = &spec.section
        && format.section(section.get_ref()).is_none()
    {
        return Err(ConfigError::at(
            source,
            to_span(section.span()),
            format!("unknown section `{}`", section.get_ref()),
        ));
    }
    let anchors: Vec<Regex> = spec
        .anchors
        .iter()
        .map(|p| compile_regex(source, p))
        .collect::<Result<_, _>>()?;
    if anchors.is_empty() {
        return Err(ConfigError::at(
            source,
            to_span(spec.key.span()),
            "a table needs at least one entry in `anchors`",
        ));
    }
    let table_values = spec.values.unwrap_or(ValueKind::Count);
    let mut entries: Vec<(Role, LabelDef)> = spec
        .header
        .iter()
        .map(|h| (Role::Header, LabelDef::new(h, &[])))
        .collect();
    let mut blocks = Vec::new();
    for (b, block) in spec.block.into_iter().enumerate() {
        let block_span = to_span(block.span());
        let block = block.into_inner();
        check_key(source, &block.key)?;
        if block.columns.is_empty() || block.rows.is_empty() {
            return Err(ConfigError::at(
                source,
                block_span,
                "a block needs `columns` and `rows`",
            ));
        }
        let title = block.title.as_ref().map(|t| LabelDef::new(t, &[]));
        if let Some(t) = &title {
            entries.push((Role::BlockTitle(b), t.clone()));
        }
        let mut columns = Vec::new();
        for (c, col) in block.columns.into_iter().enumerate() {
            let col = col.into_inner();
            check_key(source, &col.key)?;
            if columns.iter().any(|x: &ColumnDef| x.key == *col.key.get_ref()) {
                return Err(ConfigError::at(
                    source,
                    to_span(col.key.span()),
                    format!("duplicate column key `{}`", col.key.get_ref()),
                ));
            }
            let label = LabelDef::new(&col.label, &col.variants);
            entries.push((Role::Column(b, c), label.clone()));
            columns.push(ColumnDef {
                key: col.key.into_inner(),
                label,
                alias: col.alias,
                values: col.values.unwrap_or(table_values),
            });
        }
        let mut rows = Vec::new();
        for (r, row) in block.rows.into_iter().enumerate() {
            let row = row.into_inner();
            check_key(source, &row.key)?;
            let dup_in_table = blocks
                .iter()
                .any(|bl: &BlockSchema| bl.rows.iter().any(|x| x.key == *row.key.get_ref()))
                || rows.iter().any(|x: &RowDef| x.key == *row.key.get_ref());
            if dup_in_table {
                return Err(ConfigError::at(
                    source,
                    to_span(row.key.span()),
                    format!("duplicate row key `{}`", row.key.get_ref()),
                ));
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
    Ok(TableSchema {
        key: spec.key.into_inner(),
        edition,
        name: spec.name,
        aliases: spec.alias,
        section: spec.section.map(|s| s.into_inner()),
        anchors,
        blocks,
        vocab: Vocab::new(entries),
    })
}

/// Keys are used in sum expressions: letters, digits, `_` and `.` only.
fn check_key(source: &SourceFile, key: &Spanned<String>) -> Result<(), ConfigError> {
    let k = key.get_ref();
    let ok = !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !k.starts_with('.')
        && !k.ends_with('.')
        && !k.starts_with(|c: char| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(
            ConfigError::at(source, to_span(key.span()), format!("invalid key `{k}`"))
                .note("keys use ASCII letters, digits, `_` and `.` (for sub-rows), e.g. `withheld.secret`"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let config = Config::builtin().expect("built-in rules are valid");
        assert_eq!(config.format.sections.len(), 6);
        assert_eq!(config.format.editions.len(), 2);
        let keys = config.format.table_keys();
        assert_eq!(keys, vec!["appeals", "disclosure", "applications"]);
        assert!(config.rule("section-missing").is_some());
    }

    #[test]
    fn edition_2021_table_three_has_25_data_rows() {
        let config = Config::builtin().unwrap();
        for (edition, expected) in [("2019", 23), ("2021", 25)] {
            let t = config
                .format
                .tables
                .iter()
                .find(|t| t.key == "applications" && t.edition.as_deref() == Some(edition))
                .unwrap();
            let data = t.blocks[0].rows.iter().filter(|r| !r.group).count();
            assert_eq!(data, expected, "edition {edition}");
        }
    }
}
