//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  nianbao check report.txt                 lint one report
  nianbao check reports/ --format json     lint a directory, JSON on stdout
  nianbao check - --stdin-filename a.txt   lint stdin
  nianbao check --rules my-rules.toml .    add or override rules
  nianbao check --lang en report.md        messages in English
  nianbao dump report.txt                  show what nianbao read
  nianbao rule section-missing             explain a rule, with its TOML to copy
  nianbao rule --all                       list every rule
  nianbao rule --checks                    list the checks rules can use

Exit status: 0 no error-level findings, 1 findings at or above --fail-level,
2 usage, unreadable files or invalid rule files.";

/// A linter for 政府信息公开工作年度报告 (government information disclosure annual reports).
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, after_help = EXAMPLES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint reports and print diagnostics.
    Check(CheckArgs),
    /// Print the document model nianbao parsed from a report.
    Dump(DumpArgs),
    /// Explain rules: what they check and why.
    Rule(RuleArgs),
}

#[derive(Debug, Args)]
pub(crate) struct RuleSetArgs {
    /// Add a rule file, or a directory of *.toml rule files (repeatable). Later files
    /// override earlier ones and the built-in rules by id/key.
    #[arg(long = "rules", value_name = "FILE_OR_DIR", help_heading = "Rules")]
    pub(crate) rules: Vec<PathBuf>,

    /// Check against this edition of the format, whatever the report year says.
    #[arg(long, value_name = "EDITION", help_heading = "Rules")]
    pub(crate) edition: Option<String>,

    /// Take this as the report year instead of reading it from the title.
    #[arg(long, value_name = "YEAR", help_heading = "Rules")]
    pub(crate) year: Option<i32>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files and directories to check; `-` reads stdin.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,

    /// Which files to check inside directories (repeatable; replaces the default).
    #[arg(long, value_name = "GLOB", default_values = ["*.txt", "*.md"], help_heading = "Input")]
    pub(crate) glob: Vec<String>,

    /// The file name to report for stdin.
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub(crate) stdin_filename: Option<String>,

    #[command(flatten)]
    pub(crate) ruleset: RuleSetArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, help_heading = "Output")]
    pub(crate) format: OutputFormat,

    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub(crate) color: ColorChoice,

    /// Language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Zh, help_heading = "Output")]
    pub(crate) lang: LangArg,

    /// Exit with 1 when there is a finding at or above this severity.
    #[arg(long, value_enum, default_value_t = FailLevel::Error, help_heading = "Output")]
    pub(crate) fail_level: FailLevel,

    /// Number of threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N", help_heading = "Input")]
    pub(crate) threads: Option<usize>,
}

#[derive(Debug, Args)]
pub(crate) struct DumpArgs {
    /// The report to read; `-` reads stdin.
    #[arg(value_name = "FILE")]
    pub(crate) path: PathBuf,

    #[command(flatten)]
    pub(crate) ruleset: RuleSetArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DumpFormat::Text)]
    pub(crate) format: DumpFormat,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["id", "all", "checks"]))]
pub(crate) struct RuleArgs {
    /// The rule id to explain: what it checks, why, its examples and its TOML.
    #[arg(value_name = "ID")]
    pub(crate) id: Option<String>,

    /// List every rule: id, kind, severity, edition, and the file it comes from.
    #[arg(long)]
    pub(crate) all: bool,

    /// List every check a rule can use, with its parameters.
    #[arg(long)]
    pub(crate) checks: bool,

    #[command(flatten)]
    pub(crate) ruleset: RuleSetArgs,

    /// Output format (`markdown` is the README's documentation of the checks).
    #[arg(long, value_enum, default_value_t = RuleFormat::Text)]
    pub(crate) format: RuleFormat,

    /// Language of the explanation.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub(crate) lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// rustc-style annotated diagnostics.
    Human,
    /// One JSON document on stdout.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RuleFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DumpFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for nianbao::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => nianbao::Lang::Zh,
            LangArg::En => nianbao::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailLevel {
    Error,
    Warning,
    Info,
}

impl From<FailLevel> for nianbao::Severity {
    fn from(l: FailLevel) -> Self {
        match l {
            FailLevel::Error => nianbao::Severity::Error,
            FailLevel::Warning => nianbao::Severity::Warning,
            FailLevel::Info => nianbao::Severity::Info,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
