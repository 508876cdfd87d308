//! The shape of `nianbao.toml`, as serde reads it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ConfigSpec {
    /// Another config this one builds on (a path relative to this file).
    pub(crate) extends: Option<Spanned<String>>,
    /// Rule files or directories to load after the built-in ones.
    pub(crate) rules: Option<Vec<Spanned<String>>>,
    /// Files a directory walk takes (globs); replaces the default.
    pub(crate) include: Option<Vec<Spanned<String>>>,
    /// Files a directory walk leaves out (globs).
    pub(crate) exclude: Option<Vec<Spanned<String>>>,
    pub(crate) select: Option<Vec<Spanned<String>>>,
    pub(crate) extend_select: Option<Vec<Spanned<String>>>,
    pub(crate) ignore: Option<Vec<Spanned<String>>>,
    pub(crate) severity: Option<BTreeMap<Spanned<String>, Spanned<LevelSpec>>>,
    pub(crate) year: Option<Spanned<i32>>,
    pub(crate) edition: Option<Spanned<String>>,
    pub(crate) lang: Option<Spanned<LangSpec>>,
    pub(crate) fail_level: Option<Spanned<FailSpec>>,
    /// Files larger than this many megabytes are not read.
    pub(crate) max_file_size: Option<Spanned<u64>>,
    /// Seconds a file may take (0: no limit).
    pub(crate) timeout: Option<Spanned<f64>>,
    #[serde(default)]
    pub(crate) overrides: Vec<Spanned<OverrideSpec>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct OverrideSpec {
    /// Which files (globs relative to the config's folder).
    pub(crate) files: Vec<Spanned<String>>,
    pub(crate) select: Option<Vec<Spanned<String>>>,
    pub(crate) extend_select: Option<Vec<Spanned<String>>>,
    pub(crate) ignore: Option<Vec<Spanned<String>>>,
    pub(crate) severity: Option<BTreeMap<Spanned<String>, Spanned<LevelSpec>>>,
    pub(crate) year: Option<Spanned<i32>>,
    pub(crate) edition: Option<Spanned<String>>,
    pub(crate) lang: Option<Spanned<LangSpec>>,
    pub(crate) fail_level: Option<Spanned<FailSpec>>,
    pub(crate) max_file_size: Option<Spanned<u64>>,
    pub(crate) timeout: Option<Spanned<f64>>,
}

/// The keys of a config, for suggestions (serde's flatten hides them).
pub(crate) const CONFIG_KEYS: &[&str] = &[
    "extends",
    "rules",
    "include",
    "exclude",
    "select",
    "extend-select",
    "ignore",
    "severity",
    "year",
    "edition",
    "lang",
    "fail-level",
    "max-file-size",
    "timeout",
    "overrides",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LevelSpec {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LangSpec {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FailSpec {
    Error,
    Warning,
    Info,
}
