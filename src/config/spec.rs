//! The shape of a rule file, as serde reads it. `[[rule]]` entries are read
//! separately (their parameters depend on the check).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Text;
use crate::format::ValueKind;
use crate::number::Dimension;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct FileSpec {
    pub(crate) ruleset: Option<RulesetSpec>,
    #[serde(default)]
    pub(crate) edition: Vec<Spanned<EditionSpec>>,
    #[serde(default)]
    pub(crate) section: Vec<Spanned<SectionSpec>>,
    #[serde(default)]
    pub(crate) table: Vec<Spanned<TableSpec>>,
    #[serde(default)]
    pub(crate) unit: Vec<Spanned<UnitSpec>>,
    pub(crate) matching: Option<MatchingSpec>,
    pub(crate) document: Option<DocumentSpec>,
}

/// The top-level keys besides those of [`FileSpec`], for suggestions.
pub(crate) const OTHER_TOP_LEVEL: &[&str] = &["rule"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RulesetSpec {
    #[allow(dead_code)]
    pub(crate) name: Option<String>,
    /// Everything in this file applies to this edition only.
    pub(crate) edition: Option<Spanned<String>>,
    #[allow(dead_code)]
    pub(crate) description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct EditionSpec {
    pub(crate) id: Spanned<String>,
    pub(crate) document: String,
    pub(crate) first_year: i32,
    pub(crate) last_year: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct SectionSpec {
    pub(crate) key: Spanned<String>,
    pub(crate) number: Spanned<String>,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) alternatives: Vec<String>,
    /// The regulation's own wordings of the heading.
    #[serde(default)]
    pub(crate) regulation: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct UnitSpec {
    pub(crate) symbol: Spanned<String>,
    pub(crate) dimension: Dimension,
    /// Base units per one of this unit (万元: 10000).
    #[serde(default = "one")]
    pub(crate) factor: u32,
}

fn one() -> u32 {
    1
}

/// Each key overrides the same key of an earlier file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct MatchingSpec {
    pub(crate) heading_similarity: Option<Spanned<f32>>,
    pub(crate) label_similarity: Option<Spanned<f32>>,
    pub(crate) label_margin: Option<Spanned<f32>>,
}

/// Each key overrides the same key of an earlier file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct DocumentSpec {
    pub(crate) chrome: Option<Vec<Spanned<String>>>,
    pub(crate) title_field: Option<Spanned<String>>,
    pub(crate) run_on_title: Option<Spanned<String>>,
    pub(crate) period: Option<Spanned<String>>,
    pub(crate) report_markers: Option<Vec<Spanned<String>>>,
    pub(crate) several_years: Option<Vec<Spanned<String>>>,
    pub(crate) the_year: Option<Vec<Spanned<String>>>,
}

/// A table schema. With `extends`, every field not given is taken from the
/// same table of that edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TableSpec {
    pub(crate) key: Spanned<String>,
    /// An edition id: start from that edition's table with the same key.
    pub(crate) extends: Option<Spanned<String>>,
    pub(crate) alias: Option<Vec<String>>,
    pub(crate) name: Option<Text>,
    pub(crate) section: Option<Spanned<String>>,
    pub(crate) anchors: Option<Vec<Spanned<String>>>,
    pub(crate) header: Option<Vec<String>>,
    pub(crate) values: Option<ValueKind>,
    /// Overrides the file's `[ruleset] edition`; `"all"` for every edition.
    pub(crate) edition: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) block: Vec<Spanned<BlockSpec>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BlockSpec {
    pub(crate) key: Spanned<String>,
    pub(crate) title: Option<String>,
    pub(crate) columns: Option<Vec<Spanned<ColumnSpec>>>,
    pub(crate) rows: Option<Vec<Spanned<RowSpec>>>,
    /// In a table that `extends` another: each named row is replaced by these rows.
    pub(crate) replace_rows: Option<BTreeMap<Spanned<String>, Vec<Spanned<RowSpec>>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ColumnSpec {
    pub(crate) key: Spanned<String>,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
    pub(crate) alias: Option<String>,
    /// What messages call the column, when its label alone is ambiguous
    /// (`行政复议·总计`).
    pub(crate) title: Option<String>,
    pub(crate) values: Option<ValueKind>,
    /// The unit a bare number in this column is in (a `[[unit]]` symbol).
    pub(crate) unit: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RowSpec {
    pub(crate) key: Spanned<String>,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
    pub(crate) alias: Option<String>,
    #[serde(default)]
    pub(crate) group: bool,
    #[serde(default)]
    pub(crate) implicit: bool,
}

/// The keys every `[[rule]]` may have, whatever its check.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct CommonRuleSpec {
    pub(crate) id: Spanned<String>,
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) check: Option<Spanned<String>>,
    pub(crate) severity: Option<Spanned<SeveritySpec>>,
    pub(crate) message: Option<Spanned<Text>>,
    pub(crate) explanation: Option<Text>,
    pub(crate) edition: Option<Spanned<String>>,
    pub(crate) extends: Option<Spanned<String>>,
    pub(crate) examples: Option<ExamplesSpec>,
}

/// Keep in step with [`CommonRuleSpec`].
pub const COMMON_RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "check",
    "severity",
    "message",
    "explanation",
    "edition",
    "extends",
    "examples",
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExamplesSpec {
    #[serde(default)]
    pub(crate) valid: Vec<String>,
    #[serde(default)]
    pub(crate) invalid: Vec<String>,
    /// Last year's report, checked beside each example (`previous(…)` rules).
    #[serde(default)]
    pub(crate) previous: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SeveritySpec {
    Error,
    Warning,
    Info,
    Off,
}
