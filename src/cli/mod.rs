//! The `nianbao` command: argument handling and printing. The library does the work.

mod args;
mod check;
mod dump;
mod rule;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use nianbao::Linter;
use nianbao::rulefile::RuleFileError;

pub(crate) use args::*;

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Nothing at or above the fail level.
    Clean,
    /// Findings at or above the fail level.
    Findings,
    /// Usage, I/O or rule-file errors.
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
        Command::Check(args) => check::run(args),
        Command::Dump(args) => dump::run(args),
        Command::Rule(args) => rule::run(args),
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

/// Load the rule files, printing a diagnostic that points into the TOML on error.
pub(crate) fn load_linter(ruleset: &RuleSetArgs, color: bool) -> Result<Linter, Status> {
    let linter = Linter::load(&ruleset.rules).map_err(|e| report_rule_file_error(&e, color))?;
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

fn report_rule_file_error(e: &RuleFileError, color: bool) -> Status {
    let _ = io::stderr().write_all(e.render(color).as_bytes());
    Status::Error
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
