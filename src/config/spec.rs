//! The shape of a rule file, as serde reads it. `[[rule]]` entries are read
//! separately, each by its kind (see `crate::rules`).

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Text;
use crate::format::ValueKind;

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
}

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TableSpec {
    pub(crate) key: Spanned<String>,
    #[serde(default)]
    pub(crate) alias: Vec<String>,
    pub(crate) name: Text,
    pub(crate) section: Option<Spanned<String>>,
    pub(crate) anchors: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) header: Vec<String>,
    pub(crate) values: Option<ValueKind>,
    /// Overrides the file's `[ruleset] edition`; `"all"` for every edition.
    pub(crate) edition: Option<Spanned<String>>,
    pub(crate) block: Vec<Spanned<BlockSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BlockSpec {
    pub(crate) key: Spanned<String>,
    pub(crate) title: Option<String>,
    pub(crate) columns: Vec<Spanned<ColumnSpec>>,
    pub(crate) rows: Vec<Spanned<RowSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ColumnSpec {
    pub(crate) key: Spanned<String>,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) variants: Vec<String>,
    pub(crate) alias: Option<String>,
    pub(crate) values: Option<ValueKind>,
}

#[derive(Debug, Deserialize)]
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

/// The fields every `[[rule]]` has, whatever its kind.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct CommonRuleSpec {
    pub(crate) id: Spanned<String>,
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) severity: Option<Spanned<SeveritySpec>>,
    pub(crate) message: Option<Spanned<Text>>,
    pub(crate) explanation: Option<Text>,
    pub(crate) edition: Option<Spanned<String>>,
}

pub(crate) const COMMON_RULE_KEYS: &[&str] = &["id", "kind", "severity", "message", "explanation", "edition"];

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SeveritySpec {
    Error,
    Warning,
    Info,
    Off,
}
