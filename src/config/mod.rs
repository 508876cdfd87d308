//! Loading rule files: the built-in sets compiled into the binary, then the user's
//! files, later ones overriding earlier ones. The result is the report format
//! (editions, sections, tables, units…) and the rules as data; which check a rule
//! runs is the engine's business, not this module's.
//!
//! - `[[edition]]`, `[[section]]`, `[[unit]]` and `[[table]]` entries replace
//!   earlier ones with the same `id`/`key`/`symbol` (tables: same key and edition);
//!   `[matching]` and `[document]` keys replace the same keys.
//! - A `[[rule]]` with a `kind` defines a rule, replacing any earlier rule with the
//!   same `id` (in its place). A `[[rule]]` without `kind` adjusts an existing rule:
//!   `severity` (`"off"` disables it), `message`, `explanation`, `examples`, and
//!   parameters, each replacing the rule's own; `extend-<parameter>` appends to a
//!   list parameter.

mod builtin_patterns;
mod format;
// Run by the build script (`build.rs`); here for its tests.
#[cfg(test)]
mod lean;
mod spec;

use std::path::PathBuf;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

pub use spec::COMMON_RULE_KEYS;
use spec::*;

use crate::diag::{Severity, Text};
use crate::format::Format;
use crate::rulefile::{FileId, RuleFileError, SourceMap, Tree, did_you_mean, span_of};
use crate::source::Span;

/// The built-in rule files, in load order.
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/common.toml", include_str!("../../rules/common.toml")),
    ("rules/edition-2019.toml", include_str!("../../rules/edition-2019.toml")),
    ("rules/edition-2021.toml", include_str!("../../rules/edition-2021.toml")),
];

macro_rules! parsed {
    ($file:literal) => {
        Tree {
            shape: include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".shape")),
            strings: include_str!(concat!(env!("OUT_DIR"), "/", $file, ".strings")),
        }
    };
}

/// The three forms of each file as the build script parsed them
/// (`rulefile::preparsed`): as written, its examples blanked (`lean`), its
/// explanations blanked too. Blanking keeps every other span, so the text of
/// all three is the file as written.
const BUILTIN_PARSED: [[Tree; 3]; 3] = [
    [
        parsed!("full-common.toml"),
        parsed!("full-edition-2019.toml"),
        parsed!("full-edition-2021.toml"),
    ],
    [
        parsed!("common.toml"),
        parsed!("edition-2019.toml"),
        parsed!("edition-2021.toml"),
    ],
    [
        parsed!("bare-common.toml"),
        parsed!("bare-edition-2019.toml"),
        parsed!("bare-edition-2021.toml"),
    ],
];

/// How much of the built-in rules' documentation to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Docs {
    /// Explanations and examples (`nianbao rule`, the tests).
    All,
    /// Explanations: for outputs that show them (SARIF, JUnit, HTML).
    Explanations,
    /// Neither: checking reports for the other outputs.
    None,
}

/// Every regex the built-in rule files write, last made first: what `check`
/// compiles on a spare core before the files are even read (a test keeps the
/// list current).
pub use builtin_patterns::BUILTIN_PATTERNS;

/// The built-in rule files, then the user's files or directories (every `*.toml`
/// inside, in name order).
pub fn sources(user: &[PathBuf]) -> Result<SourceMap, RuleFileError> {
    sources_with(user, Docs::All)
}

/// As [`sources`], the built-in files' rule documentation blanked out but
/// for what `docs` asks for (checking reports never reads the examples).
pub fn sources_with(user: &[PathBuf], docs: Docs) -> Result<SourceMap, RuleFileError> {
    let mut sources = SourceMap::new();
    crate::pattern::know_ahead(BUILTIN_PATTERNS);
    for (i, (name, text)) in BUILTIN.iter().enumerate() {
        let name = format!("(built-in) {name}");
        // With their examples, the built-in regexes are checked as they are
        // read (`nianbao rule`, the tests); the other forms are the same regexes.
        match docs {
            Docs::All => sources.add_builtin(name, text, BUILTIN_PARSED[0][i], false),
            Docs::Explanations => sources.add_builtin(name, text, BUILTIN_PARSED[1][i], true),
            Docs::None => sources.add_builtin(name, text, BUILTIN_PARSED[2][i], true),
        };
    }
    for path in user {
        sources.add_path(path)?;
    }
    Ok(sources)
}

/// The format as the built-in rule files describe it.
pub fn builtin_format() -> Format {
    let sources = sources_with(&[], Docs::None).expect("built-in rule files are embedded");
    load(&sources).expect("built-in rule files are valid").format
}

/// Everything the rule files say, layered.
#[derive(Debug)]
pub struct Config<'s> {
    pub format: Format,
    /// In the order first defined.
    pub rules: Vec<RuleEntry<'s>>,
}

/// A rule as the rule files give it, before its check compiles it.
#[derive(Debug, Clone)]
pub struct RuleEntry<'s> {
    pub id: String,
    pub kind: Spanned<String>,
    /// Which check of the kind it runs (the engine says so when it is missing).
    pub check: Option<Spanned<String>>,
    /// `None`: turned off.
    pub severity: Option<Severity>,
    pub message: Spanned<Text>,
    pub explanation: Option<Text>,
    /// The edition it is limited to (the rule's `edition`, else its file's).
    pub edition: Option<Spanned<String>>,
    /// Another rule whose parameters this one starts from.
    pub extends: Option<Spanned<String>>,
    pub examples: Examples,
    /// The check's parameters as defined (every key but the common ones).
    pub params: DeTable<'s>,
    /// Changes to the parameters from later files, in order.
    pub changes: Vec<ParamChange<'s>>,
    /// The `[[rule]]` header that defines it.
    pub defined: Span,
    /// The `[[rule]]` headers that adjust it, in order.
    pub adjusted: Vec<Span>,
}

/// A parameter set or extended by an adjustment.
#[derive(Debug, Clone)]
pub enum ParamChange<'s> {
    /// `key = value`: replaces the parameter.
    Set(Spanned<DeString<'s>>, Spanned<DeValue<'s>>),
    /// `extend-key = [..]`: appends to a list parameter (the key is as written).
    Extend(Spanned<DeString<'s>>, Spanned<DeValue<'s>>),
}

/// Snippets of report text that must (`invalid`) or must not (`valid`) raise a rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    pub valid: Vec<String>,
    pub invalid: Vec<String>,
    /// Last year's report, checked beside each example.
    pub previous: Option<String>,
}

/// A `[[table]]` entry and the edition it is for.
struct TableEntry {
    edition: Option<String>,
    spec: Spanned<TableSpec>,
}

/// A `[[rule]]` entry waiting for the format to be complete.
struct PendingRule<'s> {
    value: Spanned<DeValue<'s>>,
    file_edition: Option<Spanned<String>>,
}

/// The format's entries of every file read so far, later ones replacing earlier.
#[derive(Default)]
struct Layers<'s> {
    editions: Vec<Spanned<EditionSpec>>,
    sections: Vec<Spanned<SectionSpec>>,
    units: Vec<Spanned<UnitSpec>>,
    tables: Vec<TableEntry>,
    matching: MatchingSpec,
    document: DocumentSpec,
    /// Every `[ruleset] edition`, to validate once the editions are known.
    file_editions: Vec<Spanned<String>>,
    rules: Vec<PendingRule<'s>>,
}

pub fn load(sources: &SourceMap) -> Result<Config<'_>, RuleFileError> {
    let mut layers = Layers::default();
    for id in sources.ids() {
        read_file(sources, id, &mut layers)?;
    }
    let Layers {
        editions,
        sections,
        units,
        tables,
        matching,
        document,
        file_editions,
        rules: pending,
    } = layers;
    let format = format::compile(sources, editions, sections, units, tables, matching, document)?;
    for e in &file_editions {
        check_edition(sources, &format, e)?;
    }

    let mut rules: Vec<RuleEntry<'_>> = Vec::new();
    for p in pending {
        layer_rule(sources, &format, &mut rules, p)?;
    }
    Ok(Config { format, rules })
}

/// Read one file's entries into the layers.
fn read_file<'s>(sources: &'s SourceMap, id: FileId, layers: &mut Layers<'s>) -> Result<(), RuleFileError> {
    let root = sources.parse(id)?;
    let root_span = span_of(&root);
    let mut root = root.into_inner();
    let rule_items = match root.remove("rule") {
        None => Vec::new(),
        Some(v) => {
            let span = span_of(&v);
            match v.into_inner() {
                DeValue::Array(items) => items.into_iter().collect(),
                _ => return Err(sources.error(span, "`rule` must be an array of tables: write `[[rule]]`")),
            }
        }
    };
    let value = Spanned::new(root_span.range(), DeValue::Table(root));
    let spec: FileSpec = sources.deserialize(value, OTHER_TOP_LEVEL)?;
    let file_edition = spec.ruleset.as_ref().and_then(|r| r.edition.clone());
    let Layers {
        editions,
        sections,
        units,
        tables,
        matching,
        document,
        file_editions,
        rules,
    } = layers;
    file_editions.extend(file_edition.clone());
    rules.extend(rule_items.into_iter().map(|value| PendingRule {
        value,
        file_edition: file_edition.clone(),
    }));
    for e in spec.edition {
        editions.retain(|old| old.get_ref().id.get_ref() != e.get_ref().id.get_ref());
        editions.push(e);
    }
    for s in spec.section {
        sections.retain(|old| old.get_ref().key.get_ref() != s.get_ref().key.get_ref());
        sections.push(s);
    }
    for u in spec.unit {
        units.retain(|old| old.get_ref().symbol.get_ref() != u.get_ref().symbol.get_ref());
        units.push(u);
    }
    for t in spec.table {
        let edition = match t.get_ref().edition.as_ref().or(file_edition.as_ref()) {
            Some(e) if e.get_ref() == "all" => None,
            Some(e) => Some(e.get_ref().clone()),
            None => None,
        };
        tables.retain(|old| !(old.spec.get_ref().key.get_ref() == t.get_ref().key.get_ref() && old.edition == edition));
        tables.push(TableEntry { edition, spec: t });
    }
    if let Some(m) = spec.matching {
        matching.heading_similarity = m.heading_similarity.or(matching.heading_similarity.take());
        matching.label_similarity = m.label_similarity.or(matching.label_similarity.take());
        matching.label_margin = m.label_margin.or(matching.label_margin.take());
    }
    if let Some(d) = spec.document {
        document.chrome = d.chrome.or(document.chrome.take());
        document.title_field = d.title_field.or(document.title_field.take());
        document.run_on_title = d.run_on_title.or(document.run_on_title.take());
        document.period = d.period.or(document.period.take());
        document.report_markers = d.report_markers.or(document.report_markers.take());
        document.several_years = d.several_years.or(document.several_years.take());
        document.the_year = d.the_year.or(document.the_year.take());
    }
    Ok(())
}

/// An edition id given anywhere must be known (or `all`).
fn check_edition(sources: &SourceMap, format: &Format, edition: &Spanned<String>) -> Result<(), RuleFileError> {
    let id = edition.get_ref();
    if id == "all" || format.edition(id).is_some() {
        return Ok(());
    }
    Err(unknown_edition(sources, format, span_of(edition), id))
}

pub(crate) fn unknown_edition(sources: &SourceMap, format: &Format, span: Span, id: &str) -> RuleFileError {
    let known: Vec<String> = format.editions.iter().map(|e| format!("\"{}\"", e.id)).collect();
    let mut e = sources
        .error(span, format!("unknown edition `{id}`"))
        .note(format!("known editions: {}, or \"all\"", known.join(", ")));
    let ids = format.editions.iter().map(|e| e.id.as_str());
    if let Some(best) = did_you_mean(id, ids) {
        e = e.note(format!("did you mean `{best}`?"));
    }
    e
}

/// Define or adjust a rule.
fn layer_rule<'s>(
    sources: &SourceMap,
    format: &Format,
    rules: &mut Vec<RuleEntry<'s>>,
    p: PendingRule<'s>,
) -> Result<(), RuleFileError> {
    let header = span_of(&p.value);
    let DeValue::Table(table) = p.value.into_inner() else {
        return Err(sources.error(header, "each `[[rule]]` must be a table"));
    };
    let mut common_table = DeTable::new();
    let mut params = DeTable::new();
    for (k, v) in table {
        if COMMON_RULE_KEYS.contains(&k.get_ref().as_ref()) {
            common_table.insert(k, v);
        } else {
            params.insert(k, v);
        }
    }
    let common: CommonRuleSpec =
        sources.deserialize(Spanned::new(header.range(), DeValue::Table(common_table)), &[])?;
    let id = common.id.get_ref().clone();
    let id_span = span_of(&common.id);
    if !is_rule_id(&id) {
        return Err(sources
            .error(id_span, format!("rule id `{id}` must be lowercase words joined by `-`"))
            .note("for example `section-missing`"));
    }
    let severity = common.severity.as_ref().map(|s| severity_of(*s.get_ref()));
    let examples = common.examples.clone().map(|e| Examples {
        valid: e.valid,
        invalid: e.invalid,
        previous: e.previous,
    });

    let Some(kind) = common.kind else {
        return adjust(sources, rules, &id, id_span, header, common, severity, examples, params);
    };
    let Some(message) = common.message else {
        return Err(sources
            .error(header, format!("rule `{id}` has no `message`"))
            .note("a rule needs `message = { zh = \"…\", en = \"…\" }`"));
    };
    let edition = common.edition.or(p.file_edition);
    if let Some(e) = &edition {
        check_edition(sources, format, e)?;
    }
    let entry = RuleEntry {
        id: id.clone(),
        kind,
        check: common.check,
        severity: severity.unwrap_or(Some(Severity::Warning)),
        message,
        explanation: common.explanation,
        edition: edition.filter(|e| e.get_ref() != "all"),
        extends: common.extends,
        examples: examples.unwrap_or_default(),
        params,
        changes: Vec::new(),
        defined: header,
        adjusted: Vec::new(),
    };
    match rules.iter_mut().find(|r| r.id == id) {
        Some(old) => *old = entry,
        None => rules.push(entry),
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn adjust<'s>(
    sources: &SourceMap,
    rules: &mut [RuleEntry<'s>],
    id: &str,
    id_span: Span,
    header: Span,
    common: CommonRuleSpec,
    severity: Option<Option<Severity>>,
    examples: Option<Examples>,
    params: DeTable<'s>,
) -> Result<(), RuleFileError> {
    let Some(position) = rules.iter().position(|r| r.id == id) else {
        let ids = rules.iter().map(|r| r.id.as_str());
        let mut e = sources
            .error(id_span, format!("there is no rule `{id}` to adjust"))
            .note("to define a new rule, give it a `kind` and a `check`");
        if let Some(best) = did_you_mean(id, ids) {
            e = e.note(format!("did you mean `{best}`?"));
        }
        return Err(e);
    };
    let existing = &mut rules[position];
    for (name, given) in [
        ("check", common.check.as_ref().map(span_of)),
        ("edition", common.edition.as_ref().map(span_of)),
        ("extends", common.extends.as_ref().map(span_of)),
    ] {
        if let Some(span) = given {
            return Err(sources
                .error(
                    span,
                    format!("`{name}` can only be given where a rule is defined (with `kind`)"),
                )
                .note(format!("to change it, redefine the whole rule `{id}` with its `kind`")));
        }
    }
    if let Some(s) = severity {
        existing.severity = s;
    }
    if let Some(m) = common.message {
        existing.message = m;
    }
    if let Some(e) = common.explanation {
        existing.explanation = Some(e);
    }
    if let Some(e) = examples {
        existing.examples = e;
    }
    for (k, v) in params {
        let change = if k.get_ref().starts_with("extend-") {
            ParamChange::Extend(k, v)
        } else {
            ParamChange::Set(k, v)
        };
        existing.changes.push(change);
    }
    existing.adjusted.push(header);
    Ok(())
}

/// A `[[rule]]` item's TOML as written, from its header (a global span) to the
/// next top-level header, without the comments and blank lines that lead into the
/// next one: ready to copy.
pub fn rule_text(sources: &SourceMap, header: Span) -> &str {
    let Some((id, local)) = sources.locate(header) else {
        return "";
    };
    let text = sources.file(id).text();
    let rest = &text[local.start..];
    let mut end = rest.len();
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let sub_table = trimmed.starts_with("[rule.") || trimmed.starts_with("[[rule.");
        if i > 0 && trimmed.starts_with('[') && !sub_table {
            end = offset;
            break;
        }
        offset += line.len();
    }
    let mut item = &rest[..end];
    // Drop trailing comment and blank lines: they introduce the next item.
    loop {
        let trimmed = item.trim_end();
        let last_line_start = trimmed.rfind('\n').map(|i| i + 1).unwrap_or(0);
        if last_line_start > 0 && trimmed[last_line_start..].trim_start().starts_with('#') {
            item = &trimmed[..last_line_start];
        } else {
            return trimmed;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulefile::preparsed;

    fn builtin() -> (SourceMap, usize) {
        let s = sources(&[]).unwrap();
        let n = load(&s).unwrap().rules.len();
        (s, n)
    }

    #[test]
    fn builtin_rules_load() {
        let (s, n) = builtin();
        let config = load(&s).unwrap();
        assert_eq!(config.format.sections.len(), 6);
        assert_eq!(config.format.editions.len(), 2);
        assert_eq!(
            config.format.table_keys(),
            vec!["appeals", "disclosure", "applications"]
        );
        assert!(config.rules.iter().any(|r| r.id == "section-missing"));
        assert!(n > 30);
    }

    #[test]
    fn builtin_rules_without_examples_are_the_same_rules() {
        let full = sources(&[]).unwrap();
        let lean = sources_with(&[], Docs::Explanations).unwrap();
        let bare = sources_with(&[], Docs::None).unwrap();
        let bare = load(&bare).unwrap();
        let (full, lean) = (load(&full).unwrap(), load(&lean).unwrap());
        // Without explanations too, the same rules but for them.
        assert_eq!(full.rules.len(), bare.rules.len());
        for (l, b) in lean.rules.iter().zip(&bare.rules) {
            assert!(b.explanation.is_none(), "{}", b.id);
            let mut l = l.clone();
            l.explanation = None;
            assert_eq!(format!("{l:?}"), format!("{b:?}"));
        }
        assert!(lean.rules.iter().filter(|r| r.explanation.is_some()).count() > 60);
        assert_eq!(
            format!("{:?}", full.format.sections),
            format!("{:?}", lean.format.sections)
        );
        assert_eq!(full.format.tables.len(), lean.format.tables.len());
        assert_eq!(full.rules.len(), lean.rules.len());
        let with_examples = full.rules.iter().filter(|r| !r.examples.invalid.is_empty()).count();
        assert!(with_examples > 40, "{with_examples}");
        for (f, l) in full.rules.iter().zip(&lean.rules) {
            assert_eq!(l.examples.valid.len() + l.examples.invalid.len(), 0, "{}", l.id);
            let mut f = f.clone();
            f.examples = Examples::default();
            assert_eq!(format!("{f:?}"), format!("{l:?}"));
        }
    }

    /// The parse of `text` as written, and through its parsed form.
    fn parsed_both_ways(text: &'static str) -> (String, String) {
        let (shape, strings) = preparsed::encode(&DeTable::parse(text).unwrap());
        let tree = Tree {
            shape: shape.leak(),
            strings: strings.leak(),
        };
        let mut sources = SourceMap::new();
        sources.add("before.toml", "a = 1\n");
        let id = sources.add_builtin("t.toml", text, tree, true);
        let direct = DeTable::parse(text).unwrap();
        let base = sources.global(id, Span::new(0, 0)).start;
        let direct = crate::rulefile::map_spans(direct, &|r| r.start + base..r.end + base);
        (format!("{direct:?}"), format!("{:?}", sources.parse(id).unwrap()))
    }

    #[test]
    fn a_preparsed_file_reads_as_the_same_values_at_the_same_spans() {
        let text = "# 注释\n\n[[rule]]   # 行尾注释\nid = \"a\"   \r\n  kind = 'x#y'\n\n\n  patterns = [\n    # 列表中的注释\n    '(?P<text>[XxＸｘ×]{1,4})',  # 又一个\n\n    \"\"\"\n  多行 # 不是注释   \n\n  \"\"\",\n  ]\nexplanation.zh = '''\n  说明  \n'''\n[rule.sub]\nq = { a = 1, b = \"#\\u00e9\\n\" }   \nn = [0x1F, -3, 1_000, 2.5e3, inf, true, false, 1979-05-27T07:32:00Z, 07:32:00]\n";
        let (direct, parsed) = parsed_both_ways(text);
        assert_eq!(direct, parsed);
        for (i, (_, text)) in BUILTIN.iter().enumerate() {
            let forms = [text.to_string(), lean::without_examples(text), lean::without_docs(text)];
            for (form, built) in forms.into_iter().zip(BUILTIN_PARSED.map(|f| f[i])) {
                let form: &'static str = form.leak();
                let (shape, strings) = preparsed::encode(&DeTable::parse(form).unwrap());
                assert_eq!(
                    (built.shape, built.strings),
                    (&shape[..], &strings[..]),
                    "the build script's tree"
                );
                let (direct, parsed) = parsed_both_ways(form);
                assert_eq!(direct, parsed);
            }
        }
    }

    #[test]
    fn a_damaged_tree_is_an_error_not_a_panic() {
        let text = "a = [1, 'x']\n";
        let (shape, strings) = preparsed::encode(&DeTable::parse(text).unwrap());
        let strings: &'static str = strings.leak();
        // An empty shape is "not parsed": the text is parsed then.
        for cut in 1..shape.len() {
            let mut sources = SourceMap::new();
            let tree = Tree {
                shape: shape[..cut].to_vec().leak(),
                strings,
            };
            let id = sources.add_builtin("t.toml", text, tree, true);
            assert!(sources.parse(id).is_err(), "cut at {cut}");
        }
        let short = Tree {
            shape: shape.leak(),
            strings: &strings[..strings.len() - 1],
        };
        let mut sources = SourceMap::new();
        let id = sources.add_builtin("t.toml", text, short, true);
        assert!(sources.parse(id).is_err(), "strings cut short");
    }

    #[test]
    fn edition_2021_table_three_extends_2019_and_has_25_data_rows() {
        let format = builtin_format();
        for (edition, expected) in [("2019", 23), ("2021", 25)] {
            let t = format
                .tables
                .iter()
                .find(|t| t.key == "applications" && t.edition.as_deref() == Some(edition))
                .unwrap();
            let data = t.blocks[0].rows.iter().filter(|r| !r.group).count();
            assert_eq!(data, expected, "edition {edition}");
        }
    }

    #[test]
    fn a_rule_item_prints_from_its_header_to_the_next() {
        let mut s = SourceMap::new();
        let text =
            "[[rule]]\nid = \"a\"\nx = 1\n\n# the next rule\n[[rule]]\nid = \"b\"\n[rule.sub]\nq = 2\n\n[[table]]\n";
        let id = s.add("x.toml", text);
        let first = s.global(id, Span::new(0, 8));
        assert_eq!(rule_text(&s, first), "[[rule]]\nid = \"a\"\nx = 1");
        let at = text.rfind("[[rule]]").unwrap();
        let second = s.global(id, Span::new(at, at + 8));
        assert_eq!(rule_text(&s, second), "[[rule]]\nid = \"b\"\n[rule.sub]\nq = 2");
    }
}
