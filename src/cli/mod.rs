//! The `nianbao` command: argument handling and printing. The library does the work.

mod args;
mod check;
mod config;
mod dump;
mod init;
mod inputs;
mod rule;

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use nianbao::config::Docs;
use nianbao::rulefile::RuleFileError;
use nianbao::settings::{CommandLine, Configs, Discovery, Settings};
use nianbao::{Lang, Linter, Options, Severity};

pub(crate) use args::*;

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Nothing at or above the fail level.
    Clean,
    /// Findings at or above the fail level.
    Findings,
    /// Usage, I/O, rule-file or config errors.
    Error,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        ExitCode::from(match s {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Error => 2,
        })
    }
}

pub(crate) fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Config(args) => config::run(args),
        Command::Init(args) => init::run(args),
        Command::Dump(args) => dump::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Extract(args) => check::run(args.into_check()),
    };
    match result {
        Ok(status) => status.into(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "nianbao: {e}");
            ExitCode::from(2)
        }
    }
}

/// What one file is checked with.
#[derive(Clone)]
pub(crate) struct Profile {
    pub(crate) linter: Arc<Linter>,
    pub(crate) options: Options,
    pub(crate) fail_level: Severity,
}

/// Settings and linters for the files of a run, each built once.
/// The last config or rule-file error, as stderr showed it.
static LAST_FAILURE: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

pub(crate) fn last_failure() -> Option<String> {
    LAST_FAILURE.lock().ok().and_then(|l| l.clone())
}

pub(crate) struct Session {
    pub(crate) configs: Configs,
    pub(crate) discovery: Discovery,
    pub(crate) cli: CommandLine,
    linters: HashMap<Vec<PathBuf>, Arc<Linter>>,
    profiles: HashMap<String, Arc<Profile>>,
    /// Colour the errors on stderr.
    color: bool,
    /// The encoding `--encoding` forces.
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Keep the tables as read (the HTML report, `nianbao extract`).
    pub(crate) extract: bool,
    /// How much of the built-in rules' documentation to load (`nianbao rule`
    /// shows it all; checking needs the explanations for some outputs only).
    pub(crate) docs: Docs,
}

impl Session {
    pub(crate) fn new(
        source: &ConfigSource,
        ruleset: &RuleSetArgs,
        select: Option<&SelectArgs>,
    ) -> Result<Session, Status> {
        let discovery = match (&source.config, source.isolated) {
            (_, true) => Discovery::Isolated,
            (Some(p), _) => {
                if !p.is_file() {
                    let _ = writeln!(io::stderr(), "error: no config file {}", p.display());
                    return Err(Status::Error);
                }
                Discovery::Fixed(p.clone())
            }
            (None, false) => Discovery::Nearest,
        };
        let mut cli = CommandLine {
            rules: ruleset.rules.clone(),
            year: ruleset.year,
            edition: ruleset.edition.clone(),
            ..CommandLine::default()
        };
        if let Some(s) = select {
            cli.select = s.select.clone();
            cli.extend_select = s.extend_select.clone();
            cli.ignore = s.ignore.clone();
            for pair in &s.severity {
                let parsed = pair.split_once('=').and_then(|(rule, level)| {
                    let level = match level.trim() {
                        "error" => Some(Severity::Error),
                        "warning" => Some(Severity::Warning),
                        "info" => Some(Severity::Info),
                        "off" => None,
                        _ => return None,
                    };
                    Some((rule.trim().to_string(), level))
                });
                match parsed {
                    Some(p) => cli.severity.push(p),
                    None => {
                        let _ = writeln!(
                            io::stderr(),
                            "error: --severity {pair}: write RULE=LEVEL, with LEVEL error, warning, info or off"
                        );
                        return Err(Status::Error);
                    }
                }
            }
        }
        Ok(Session {
            configs: Configs::new(),
            discovery,
            cli,
            linters: HashMap::new(),
            profiles: HashMap::new(),
            color: stderr_is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            encoding: None,
            extract: false,
            docs: Docs::All,
        })
    }

    /// The encoding `--encoding` forces, if any.
    pub(crate) fn encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        self.encoding
    }

    /// Apply `--encoding`, `--max-file-size` and `--timeout`.
    pub(crate) fn set_input(&mut self, input: &InputArgs) -> Result<(), Status> {
        if let Some(label) = &input.encoding {
            match nianbao::load::decode::encoding_for(label) {
                Some(e) => self.encoding = Some(e),
                None => {
                    let _ = writeln!(
                        io::stderr(),
                        "error: unknown encoding `{label}` (for example utf-8, gb18030, gbk, utf-16le, utf-16be)"
                    );
                    return Err(Status::Error);
                }
            }
        }
        if let Some(t) = input.timeout
            && time_budget(t).is_none()
        {
            let _ = writeln!(io::stderr(), "error: --timeout takes seconds, not `{t}`");
            return Err(Status::Error);
        }
        self.cli.max_file_size = input.max_file_size;
        self.cli.timeout = input.timeout;
        Ok(())
    }

    pub(crate) fn set_color(&mut self, color: bool) {
        self.color = color;
    }

    /// Report a rule-file or config error on stderr.
    pub(crate) fn fail(&self, e: &RuleFileError) -> Status {
        let _ = io::stderr().write_all(e.render(self.color).as_bytes());
        if let Ok(mut last) = LAST_FAILURE.lock() {
            *last = Some(e.to_string());
        }
        Status::Error
    }

    pub(crate) fn settings(&mut self, path: &Path) -> Result<Settings, Status> {
        let (discovery, cli) = (self.discovery.clone(), self.cli.clone());
        self.configs
            .settings_for(path, &discovery, &cli)
            .map_err(|e| self.fail(&e))
    }

    /// The built-in rules plus the settings' rule files.
    pub(crate) fn linter(&mut self, settings: &Settings) -> Result<Arc<Linter>, Status> {
        let files: Vec<PathBuf> = settings.rule_files.iter().map(|r| r.value.clone()).collect();
        if let Some(l) = self.linters.get(&files) {
            return Ok(l.clone());
        }
        let loaded = match self.docs {
            Docs::All => Linter::load(&files),
            docs => Linter::load_for_checking(&files, docs),
        };
        let linter = Arc::new(loaded.map_err(|e| self.fail(&e))?);
        self.linters.insert(files, linter.clone());
        Ok(linter)
    }

    /// An error about a setting, pointing into the config that set it.
    fn setting_error(&self, origin: &nianbao::settings::Origin, message: String) -> RuleFileError {
        match origin {
            nianbao::settings::Origin::File(_, span) | nianbao::settings::Origin::Override(_, _, span) => {
                self.configs.sources.error(*span, message)
            }
            _ => RuleFileError::bare(message),
        }
    }

    /// The linter, options and fail level for a file.
    /// Shared by every file of the same settings (a batch holds one per file).
    pub(crate) fn profile(&mut self, path: &Path) -> Result<Arc<Profile>, Status> {
        let settings = self.settings(path)?;
        let files: Vec<&PathBuf> = settings.rule_files.iter().map(|r| &r.value).collect();
        let key = format!("{files:?}|{}", settings_key(&settings));
        if let Some(p) = self.profiles.get(&key) {
            return Ok(p.clone());
        }
        let linter = self.linter(&settings)?;
        if let Some(e) = &settings.edition
            && linter.format.edition(&e.value).is_none()
        {
            let known: Vec<&str> = linter.format.editions.iter().map(|e| e.id.as_str()).collect();
            let message = format!("unknown edition `{}` (known: {})", e.value, known.join(", "));
            return Err(self.fail(&self.setting_error(&e.origin, message)));
        }
        let timeout = match time_budget(settings.timeout.value) {
            Some(t) => t,
            None => {
                let message = format!(
                    "`timeout` takes seconds, 0 for no limit, not {}",
                    settings.timeout.value
                );
                return Err(self.fail(&self.setting_error(&settings.timeout.origin, message)));
            }
        };
        if settings.max_file_size.value == 0 {
            let message = "`max-file-size` takes megabytes, at least 1".to_string();
            return Err(self.fail(&self.setting_error(&settings.max_file_size.origin, message)));
        }
        let severities = settings
            .severities(&linter.rules, &self.configs.sources)
            .map_err(|e| self.fail(&e))?;
        let profile = Arc::new(Profile {
            options: Options {
                lang: settings.lang.value,
                edition: settings.edition.as_ref().map(|e| e.value.clone()),
                year: settings.year.as_ref().map(|y| y.value),
                severities: Some(severities.into_iter().map(|s| s.value).collect()),
                encoding: self.encoding,
                max_file_size: Some(settings.max_file_size.value.saturating_mul(1 << 20)),
                timeout,
                extract: self.extract,
            },
            linter,
            fail_level: settings.fail_level.value,
        });
        self.profiles.insert(key, profile.clone());
        Ok(profile)
    }
}

/// A per-file time budget from seconds (`None` inside: no limit); `None` for a
/// value that is not a duration.
fn time_budget(seconds: f64) -> Option<Option<std::time::Duration>> {
    match std::time::Duration::try_from_secs_f64(seconds) {
        Ok(t) if t.is_zero() => Some(None),
        Ok(t) => Some(Some(t)),
        Err(_) => None,
    }
}

/// What makes two files' settings differ.
fn settings_key(s: &Settings) -> String {
    let changes: Vec<String> = s
        .changes
        .iter()
        .map(|c| match c {
            nianbao::settings::RuleChange::Select(l) => {
                format!("s{:?}", l.iter().map(|x| &x.value).collect::<Vec<_>>())
            }
            nianbao::settings::RuleChange::ExtendSelect(l) => {
                format!("e{:?}", l.iter().map(|x| &x.value).collect::<Vec<_>>())
            }
            nianbao::settings::RuleChange::Ignore(l) => {
                format!("i{:?}", l.iter().map(|x| &x.value).collect::<Vec<_>>())
            }
            nianbao::settings::RuleChange::Severity(x, l) => format!("v{}{l:?}", x.value),
        })
        .collect();
    format!(
        "{changes:?}{:?}{:?}{:?}{:?}{}{}",
        s.year.as_ref().map(|y| y.value),
        s.edition.as_ref().map(|e| &e.value),
        s.lang.value,
        s.fail_level.value,
        s.max_file_size.value,
        s.timeout.value
    )
}

/// Load the rule files for commands that look at the rules of the current
/// folder (`dump`, `rule`): the config found from here, then `--rules`.
pub(crate) fn load_linter(ruleset: &RuleSetArgs, color: bool) -> Result<Arc<Linter>, Status> {
    let mut session = Session::new(&ruleset.source, ruleset, None)?;
    session.set_color(color);
    let settings = session.settings(Path::new("."))?;
    let linter = session.linter(&settings)?;
    if let Some(edition) = &ruleset.edition
        && linter.format.edition(edition).is_none()
    {
        let known: Vec<&str> = linter.format.editions.iter().map(|e| e.id.as_str()).collect();
        let _ = writeln!(
            io::stderr(),
            "error: unknown edition `{edition}` (known: {})",
            known.join(", ")
        );
        return Err(Status::Error);
    }
    Ok(linter)
}

pub(crate) fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub(crate) fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

pub(crate) fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}
