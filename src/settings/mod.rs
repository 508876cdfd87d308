//! Settings for a run: `nianbao.toml` found by walking up from each linted file
//! (the nearest wins; `--config` overrides, `--isolated` ignores them), the
//! configs it `extends`, its `[[overrides]]` for some files, then the command
//! line. Every effective setting remembers where it came from, for
//! `nianbao config`.

mod spec;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;
use toml::de::DeValue;

use crate::diag::{Lang, Severity};
use crate::rulefile::{FileId, RuleFileError, SourceMap, did_you_mean, display_path, span_of};
use crate::rules::{Kind, Rule};
use crate::source::Span;
use spec::*;

/// The file name looked for in a file's folder and its ancestors.
pub const CONFIG_NAME: &str = "nianbao.toml";

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A config file (the global span of the key in the shared [`SourceMap`]).
    File(String, Span),
    /// An `[[overrides]]` entry of a config file, numbered from 1.
    Override(String, usize, Span),
    CommandLine,
    /// The rule file that defines the rule.
    RuleFile(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path, _) => f.write_str(path),
            Origin::Override(path, n, _) => write!(f, "{path} [[overrides]] #{n}"),
            Origin::CommandLine => f.write_str("command line"),
            Origin::RuleFile(path) => f.write_str(path),
        }
    }
}

impl Origin {
    fn span(&self) -> Option<Span> {
        match self {
            Origin::File(_, s) | Origin::Override(_, _, s) => Some(*s),
            _ => None,
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

/// A change to which rules run, in the order the layers give them.
#[derive(Debug, Clone)]
pub enum RuleChange {
    /// Only these rules (replaces any earlier selection).
    Select(Vec<Sourced<String>>),
    /// These rules too.
    ExtendSelect(Vec<Sourced<String>>),
    /// Not these rules.
    Ignore(Vec<Sourced<String>>),
    /// These rules at this severity (`None`: off).
    Severity(Sourced<String>, Option<Severity>),
}

/// What the command line says, the last layer.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub rules: Vec<PathBuf>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// `RULE=LEVEL`, level `off` included.
    pub severity: Vec<(String, Option<Severity>)>,
    pub year: Option<i32>,
    pub edition: Option<String>,
    pub lang: Option<Lang>,
    pub fail_level: Option<Severity>,
    /// Megabytes.
    pub max_file_size: Option<u64>,
    /// Seconds, 0 for no limit.
    pub timeout: Option<f64>,
}

/// The settings that apply to one file.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config files used, nearest first (then what it extends).
    pub configs: Vec<PathBuf>,
    pub rule_files: Vec<Sourced<PathBuf>>,
    pub year: Option<Sourced<i32>>,
    pub edition: Option<Sourced<String>>,
    pub lang: Sourced<Lang>,
    pub fail_level: Sourced<Severity>,
    /// Files larger than this many megabytes are not read.
    pub max_file_size: Sourced<u64>,
    /// Seconds a file may take, 0 for no limit.
    pub timeout: Sourced<f64>,
    pub changes: Vec<RuleChange>,
}

/// Files larger than this many megabytes are not read, unless set otherwise.
pub const DEFAULT_MAX_FILE_SIZE_MB: u64 = 20;

/// The seconds one file may take, unless set otherwise.
pub const DEFAULT_TIMEOUT_SECS: f64 = 10.0;

impl Settings {
    fn defaults() -> Settings {
        Settings {
            configs: Vec::new(),
            rule_files: Vec::new(),
            year: None,
            edition: None,
            lang: Sourced {
                value: Lang::Zh,
                origin: Origin::Default,
            },
            fail_level: Sourced {
                value: Severity::Error,
                origin: Origin::Default,
            },
            max_file_size: Sourced {
                value: DEFAULT_MAX_FILE_SIZE_MB,
                origin: Origin::Default,
            },
            timeout: Sourced {
                value: DEFAULT_TIMEOUT_SECS,
                origin: Origin::Default,
            },
            changes: Vec::new(),
        }
    }

    /// Each rule's severity (`None`: off) and what decided it, by position in
    /// `rules`. A selector that matches no rule is an error pointing at it.
    pub fn severities(
        &self,
        rules: &[Rule],
        sources: &SourceMap,
    ) -> Result<Vec<Sourced<Option<Severity>>>, RuleFileError> {
        let mut out: Vec<Sourced<Option<Severity>>> = rules
            .iter()
            .map(|r| Sourced {
                value: r.severity,
                origin: Origin::Default,
            })
            .collect();
        let mut selected: Vec<bool> = vec![true; rules.len()];
        let mut selection_origin: Vec<Option<Origin>> = vec![None; rules.len()];
        for change in &self.changes {
            match change {
                RuleChange::Select(list) => {
                    let mut now = vec![false; rules.len()];
                    for s in list {
                        for i in matching(rules, s, sources)? {
                            now[i] = true;
                            selection_origin[i] = Some(s.origin.clone());
                        }
                    }
                    for i in 0..rules.len() {
                        if selected[i] && !now[i] {
                            selection_origin[i] = list.first().map(|s| s.origin.clone());
                        }
                    }
                    selected = now;
                }
                RuleChange::ExtendSelect(list) => {
                    for s in list {
                        for i in matching(rules, s, sources)? {
                            selected[i] = true;
                            selection_origin[i] = Some(s.origin.clone());
                        }
                    }
                }
                RuleChange::Ignore(list) => {
                    for s in list {
                        for i in matching(rules, s, sources)? {
                            selected[i] = false;
                            selection_origin[i] = Some(s.origin.clone());
                        }
                    }
                }
                RuleChange::Severity(s, level) => {
                    for i in matching(rules, s, sources)? {
                        out[i] = Sourced {
                            value: *level,
                            origin: s.origin.clone(),
                        };
                    }
                }
            }
        }
        for (i, keep) in selected.iter().enumerate() {
            if !keep {
                out[i] = Sourced {
                    value: None,
                    origin: selection_origin[i].clone().unwrap_or(Origin::Default),
                };
            }
        }
        Ok(out)
    }
}

/// The rules a selector names: a kind (`sum`), a rule id, or an id prefix
/// (`applications-`).
fn matching(rules: &[Rule], selector: &Sourced<String>, sources: &SourceMap) -> Result<Vec<usize>, RuleFileError> {
    let s = selector.value.as_str();
    let found: Vec<usize> = if let Some(kind) = Kind::parse(s) {
        (0..rules.len()).filter(|&i| rules[i].kind == kind).collect()
    } else if let Some(i) = rules.iter().position(|r| r.id == s) {
        vec![i]
    } else {
        (0..rules.len())
            .filter(|&i| !s.is_empty() && rules[i].id.starts_with(s))
            .collect()
    };
    if !found.is_empty() {
        return Ok(found);
    }
    let message = format!("no rule, kind or rule-id prefix `{s}`");
    let mut e = match selector.origin.span() {
        Some(span) => sources.error(span, message),
        None => RuleFileError::bare(format!("{}: {message}", selector.origin)),
    };
    let names = rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(Kind::ALL.iter().map(|k| k.as_str()));
    if let Some(best) = did_you_mean(s, names) {
        e = e.note(format!("did you mean `{best}`?"));
    }
    Err(e.note("`nianbao rule --all` lists the rules; kinds are section, table, empty-cell, sum, year"))
}

/// A config file read.
#[derive(Debug, Clone)]
struct Layer {
    path: PathBuf,
    name: String,
    dir: PathBuf,
    spec: ConfigSpec,
}

/// Finds and reads config files, each once.
#[derive(Debug, Default)]
pub struct Configs {
    /// Every config file read, for errors and provenance.
    pub sources: SourceMap,
    chains: HashMap<PathBuf, Arc<Vec<Layer>>>,
    /// Folder → nearest config file, for discovery.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
}

/// How configs are found for the files of a run.
#[derive(Debug, Clone, Default)]
pub enum Discovery {
    /// The nearest `nianbao.toml` up from each file.
    #[default]
    Nearest,
    /// This config for every file.
    Fixed(PathBuf),
    /// No config at all.
    Isolated,
}

impl Configs {
    pub fn new() -> Configs {
        Configs::default()
    }

    /// The config that applies to a file (or folder), if any.
    pub fn config_for(&mut self, path: &Path, discovery: &Discovery) -> Option<PathBuf> {
        match discovery {
            Discovery::Isolated => None,
            Discovery::Fixed(p) => Some(absolute(p)),
            Discovery::Nearest => {
                let abs = absolute(path);
                let dir = if abs.is_dir() {
                    abs
                } else {
                    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
                };
                self.nearest_from(&dir)
            }
        }
    }

    fn nearest_from(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.nearest.get(dir) {
            return found.clone();
        }
        let here = dir.join(CONFIG_NAME);
        let found = if here.is_file() {
            Some(here)
        } else {
            dir.parent().and_then(|p| self.nearest_from(p))
        };
        self.nearest.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The settings for one file: the config that applies to it, its overrides
    /// for the file, then the command line.
    pub fn settings_for(
        &mut self,
        file: &Path,
        discovery: &Discovery,
        cli: &CommandLine,
    ) -> Result<Settings, RuleFileError> {
        let mut settings = Settings::defaults();
        if let Some(config) = self.config_for(file, discovery) {
            let chain = self.chain(&config, &mut Vec::new())?;
            let abs = absolute(file);
            for layer in chain.iter() {
                settings.configs.insert(0, layer.path.clone());
                apply_layer(&self.sources, layer, &abs, &mut settings)?;
            }
        }
        apply_command_line(cli, &mut settings);
        Ok(settings)
    }

    /// The include and exclude globs that apply to files under `dir`'s config,
    /// with that config's folder (globs are relative to it).
    pub fn walk_globs(&mut self, dir: &Path, discovery: &Discovery) -> Result<Option<WalkGlobs>, RuleFileError> {
        let Some(config) = self.config_for(dir, discovery) else {
            return Ok(None);
        };
        let chain = self.chain(&config, &mut Vec::new())?;
        let mut include = None;
        let mut exclude = Vec::new();
        let mut base = PathBuf::new();
        for layer in chain.iter() {
            if let Some(list) = &layer.spec.include {
                include = Some(globs(&self.sources, list)?);
            }
            if let Some(list) = &layer.spec.exclude {
                exclude.extend(list.iter().cloned());
            }
            base = layer.dir.clone();
        }
        Ok(Some(WalkGlobs {
            base,
            include,
            exclude: globs(&self.sources, &exclude)?,
        }))
    }

    /// A config and what it extends, base first. `stack` holds the files being
    /// read, to catch a loop.
    fn chain(&mut self, path: &Path, stack: &mut Vec<PathBuf>) -> Result<Arc<Vec<Layer>>, RuleFileError> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(chain) = self.chains.get(&key) {
            return Ok(chain.clone());
        }
        if stack.contains(&key) {
            return Err(RuleFileError::bare(format!(
                "configs extend each other in a loop: {}",
                stack
                    .iter()
                    .chain(std::iter::once(&key))
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" → ")
            )));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| RuleFileError::bare(format!("cannot read config {}: {e}", path.display())))?;
        let name = display_path(path);
        let id = self.sources.add(name.clone(), text);
        let spec = self.read(id)?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut layers = Vec::new();
        if let Some(base) = &spec.extends {
            let base_path = dir.join(base.get_ref());
            if !base_path.is_file() {
                return Err(self
                    .sources
                    .error(span_of(base), format!("no config file {}", base_path.display())));
            }
            stack.push(key.clone());
            let base_chain = self.chain(&base_path, stack)?;
            stack.pop();
            layers.extend(base_chain.iter().cloned());
        }
        layers.push(Layer {
            path: path.to_path_buf(),
            name,
            dir,
            spec,
        });
        let chain = Arc::new(layers);
        self.chains.insert(key, chain.clone());
        Ok(chain)
    }

    fn read(&self, id: FileId) -> Result<ConfigSpec, RuleFileError> {
        let root = self.sources.parse(id)?;
        let span = span_of(&root);
        let value = Spanned::new(span.range(), DeValue::Table(root.into_inner()));
        self.sources.deserialize(value, CONFIG_KEYS)
    }
}

/// Globs for walking a folder under a config.
#[derive(Debug)]
pub struct WalkGlobs {
    /// The config's folder: globs are relative to it.
    pub base: PathBuf,
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
}

impl WalkGlobs {
    /// Whether a file found in a walk is taken, by its path relative to the base
    /// or its name.
    pub fn takes(&self, file: &Path, default_include: &GlobSet) -> bool {
        let abs = absolute(file);
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        let name = Path::new(abs.file_name().unwrap_or_default());
        let include = self.include.as_ref().unwrap_or(default_include);
        let included = include.is_match(rel) || include.is_match(name);
        included && !(self.exclude.is_match(rel) || self.exclude.is_match(name))
    }
}

/// Case-insensitive globs: report folders mix `.TXT` and `.txt`.
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(GlobBuilder::new(p).case_insensitive(true).build()?);
    }
    b.build()
}

fn globs(sources: &SourceMap, list: &[Spanned<String>]) -> Result<GlobSet, RuleFileError> {
    let mut b = GlobSetBuilder::new();
    for p in list {
        let glob = GlobBuilder::new(p.get_ref())
            .case_insensitive(true)
            .build()
            .map_err(|e| sources.error(span_of(p), format!("invalid glob: {}", e.kind())))?;
        b.add(glob);
    }
    b.build()
        .map_err(|e| RuleFileError::bare(format!("invalid globs: {e}")))
}

fn absolute(path: &Path) -> PathBuf {
    crate::rulefile::clean_absolute(path)
}

/// The fields a config and an override share.
struct Layered<'a> {
    select: &'a Option<Vec<Spanned<String>>>,
    extend_select: &'a Option<Vec<Spanned<String>>>,
    ignore: &'a Option<Vec<Spanned<String>>>,
    severity: &'a Option<std::collections::BTreeMap<Spanned<String>, Spanned<LevelSpec>>>,
    year: &'a Option<Spanned<i32>>,
    edition: &'a Option<Spanned<String>>,
    lang: &'a Option<Spanned<LangSpec>>,
    fail_level: &'a Option<Spanned<FailSpec>>,
    max_file_size: &'a Option<Spanned<u64>>,
    timeout: &'a Option<Spanned<f64>>,
}

fn apply_layer(sources: &SourceMap, layer: &Layer, file: &Path, settings: &mut Settings) -> Result<(), RuleFileError> {
    let spec = &layer.spec;
    for r in spec.rules.iter().flatten() {
        settings.rule_files.push(Sourced {
            value: layer.dir.join(r.get_ref()),
            origin: Origin::File(layer.name.clone(), span_of(r)),
        });
    }
    let own = Layered {
        select: &spec.select,
        extend_select: &spec.extend_select,
        ignore: &spec.ignore,
        severity: &spec.severity,
        year: &spec.year,
        edition: &spec.edition,
        lang: &spec.lang,
        fail_level: &spec.fail_level,
        max_file_size: &spec.max_file_size,
        timeout: &spec.timeout,
    };
    apply(&own, |span| Origin::File(layer.name.clone(), span), settings);
    let rel = file.strip_prefix(&layer.dir).unwrap_or(file);
    let name = Path::new(file.file_name().unwrap_or_default());
    for (n, o) in spec.overrides.iter().enumerate() {
        let set = globs(sources, &o.get_ref().files)?;
        if !(set.is_match(rel) || set.is_match(name)) {
            continue;
        }
        let o = o.get_ref();
        let view = Layered {
            select: &o.select,
            extend_select: &o.extend_select,
            ignore: &o.ignore,
            severity: &o.severity,
            year: &o.year,
            edition: &o.edition,
            lang: &o.lang,
            fail_level: &o.fail_level,
            max_file_size: &o.max_file_size,
            timeout: &o.timeout,
        };
        apply(
            &view,
            |span| Origin::Override(layer.name.clone(), n + 1, span),
            settings,
        );
    }
    Ok(())
}

fn apply(layer: &Layered<'_>, origin: impl Fn(Span) -> Origin, settings: &mut Settings) {
    let list = |l: &Vec<Spanned<String>>| -> Vec<Sourced<String>> {
        l.iter()
            .map(|s| Sourced {
                value: s.get_ref().clone(),
                origin: origin(span_of(s)),
            })
            .collect()
    };
    if let Some(l) = layer.select {
        settings.changes.push(RuleChange::Select(list(l)));
    }
    if let Some(l) = layer.extend_select {
        settings.changes.push(RuleChange::ExtendSelect(list(l)));
    }
    if let Some(l) = layer.ignore {
        settings.changes.push(RuleChange::Ignore(list(l)));
    }
    // A kind first, then prefixes, then ids: the most specific selector wins.
    let mut severities: Vec<_> = layer.severity.iter().flatten().collect();
    severities.sort_by_key(|(k, _)| (Kind::parse(k.get_ref()).is_none(), k.get_ref().len()));
    for (k, v) in severities {
        let level = match v.get_ref() {
            LevelSpec::Error => Some(Severity::Error),
            LevelSpec::Warning => Some(Severity::Warning),
            LevelSpec::Info => Some(Severity::Info),
            LevelSpec::Off => None,
        };
        settings.changes.push(RuleChange::Severity(
            Sourced {
                value: k.get_ref().clone(),
                origin: origin(span_of(k)),
            },
            level,
        ));
    }
    if let Some(y) = layer.year {
        settings.year = Some(Sourced {
            value: *y.get_ref(),
            origin: origin(span_of(y)),
        });
    }
    if let Some(e) = layer.edition {
        settings.edition = Some(Sourced {
            value: e.get_ref().clone(),
            origin: origin(span_of(e)),
        });
    }
    if let Some(l) = layer.lang {
        settings.lang = Sourced {
            value: match l.get_ref() {
                LangSpec::Zh => Lang::Zh,
                LangSpec::En => Lang::En,
            },
            origin: origin(span_of(l)),
        };
    }
    if let Some(f) = layer.fail_level {
        settings.fail_level = Sourced {
            value: match f.get_ref() {
                FailSpec::Error => Severity::Error,
                FailSpec::Warning => Severity::Warning,
                FailSpec::Info => Severity::Info,
            },
            origin: origin(span_of(f)),
        };
    }
    if let Some(m) = layer.max_file_size {
        settings.max_file_size = Sourced {
            value: *m.get_ref(),
            origin: origin(span_of(m)),
        };
    }
    if let Some(t) = layer.timeout {
        settings.timeout = Sourced {
            value: *t.get_ref(),
            origin: origin(span_of(t)),
        };
    }
}

fn apply_command_line(cli: &CommandLine, settings: &mut Settings) {
    let cl = |v: &String| Sourced {
        value: v.clone(),
        origin: Origin::CommandLine,
    };
    for r in &cli.rules {
        settings.rule_files.push(Sourced {
            value: r.clone(),
            origin: Origin::CommandLine,
        });
    }
    if let Some(s) = &cli.select {
        settings.changes.push(RuleChange::Select(s.iter().map(cl).collect()));
    }
    if !cli.extend_select.is_empty() {
        settings
            .changes
            .push(RuleChange::ExtendSelect(cli.extend_select.iter().map(cl).collect()));
    }
    if !cli.ignore.is_empty() {
        settings
            .changes
            .push(RuleChange::Ignore(cli.ignore.iter().map(cl).collect()));
    }
    for (rule, level) in &cli.severity {
        settings.changes.push(RuleChange::Severity(cl(rule), *level));
    }
    fn sourced<T>(value: T) -> Sourced<T> {
        Sourced {
            value,
            origin: Origin::CommandLine,
        }
    }
    if let Some(y) = cli.year {
        settings.year = Some(sourced(y));
    }
    if let Some(e) = &cli.edition {
        settings.edition = Some(sourced(e.clone()));
    }
    if let Some(l) = cli.lang {
        settings.lang = sourced(l);
    }
    if let Some(f) = cli.fail_level {
        settings.fail_level = sourced(f);
    }
    if let Some(m) = cli.max_file_size {
        settings.max_file_size = sourced(m);
    }
    if let Some(t) = cli.timeout {
        settings.timeout = sourced(t);
    }
}

/// A commented starter `nianbao.toml`, for `nianbao init`.
pub const STARTER: &str = include_str!("starter.toml");
