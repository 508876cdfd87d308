//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  nianbao check report.txt                 lint one report
  nianbao check reports/ --format json     lint a directory, JSON on stdout
  nianbao check reports/ --format sarif --output-file nianbao.sarif
  nianbao check - --stdin-filename a.txt   lint stdin
  nianbao check --rules my-rules.toml .    add or override rules
  nianbao check --lang en report.md        messages in English
  nianbao check --write-baseline base.toml reports/   accept today's findings
  nianbao check --baseline base.toml reports/         report only new ones
  nianbao config report.txt                the settings a report gets, and why
  nianbao init                             write a starter nianbao.toml
  nianbao dump report.txt                  show what nianbao read
  nianbao rule section-missing             explain a rule, with its TOML to copy
  nianbao rule --all                       list every rule
  nianbao rule --checks                    list the checks rules can use

Exit status: 0 no finding at or above the fail level, 1 findings at or above it,
2 usage errors, unreadable files, invalid rule or config files, or no file to check.";

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
    Check(Box<CheckArgs>),
    /// Show the settings a file gets (from nianbao.toml and the command line) and
    /// where each comes from.
    Config(ConfigArgs),
    /// Write a commented starter nianbao.toml.
    Init(InitArgs),
    /// Print the document model nianbao parsed from a report.
    Dump(DumpArgs),
    /// Explain rules: what they check and why.
    Rule(RuleArgs),
    /// Write every table read from the reports as data: CSV, one row per cell,
    /// or JSON, one document per file.
    Extract(Box<ExtractArgs>),
}

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) files: FileArgs,

    #[command(flatten)]
    pub(crate) input: InputArgs,

    #[command(flatten)]
    pub(crate) ruleset: RuleSetArgs,

    /// Output format: CSV (one row per cell) or JSON (one document per line, per file).
    #[arg(long, value_enum, default_value_t = ExtractFormat::Csv, help_heading = "Output")]
    pub(crate) format: ExtractFormat,

    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub(crate) output_file: Option<PathBuf>,

    /// Language of table names and errors (default: the config's, else zh).
    #[arg(long, value_enum, help_heading = "Output")]
    pub(crate) lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExtractFormat {
    Csv,
    Json,
}

impl ExtractArgs {
    /// The check that reads the tables, written as data.
    pub(crate) fn into_check(self) -> CheckArgs {
        CheckArgs {
            files: self.files,
            verbose: false,
            previous: None,
            no_previous: true,
            input: self.input,
            ruleset: self.ruleset,
            select: SelectArgs {
                select: None,
                extend_select: Vec::new(),
                ignore: Vec::new(),
                severity: Vec::new(),
            },
            baseline: Vec::new(),
            write_baseline: None,
            format: match self.format {
                ExtractFormat::Csv => OutputFormat::ExtractCsv,
                ExtractFormat::Json => OutputFormat::ExtractJson,
            },
            output_file: self.output_file,
            statistics: false,
            color: ColorChoice::Never,
            lang: self.lang,
            fail_level: None,
            exit_zero: true,
        }
    }
}

/// Where settings come from.
#[derive(Debug, Args)]
pub(crate) struct ConfigSource {
    /// Use this config for every file instead of the nearest nianbao.toml.
    #[arg(long, value_name = "FILE", help_heading = "Config", conflicts_with = "isolated")]
    pub(crate) config: Option<PathBuf>,

    /// Ignore every nianbao.toml and nianbao-ignore.toml.
    #[arg(long, help_heading = "Config")]
    pub(crate) isolated: bool,
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

    #[command(flatten)]
    pub(crate) source: ConfigSource,
}

/// Which rules run, as on the command line.
#[derive(Debug, Args)]
pub(crate) struct SelectArgs {
    /// Only these rules: ids, kinds or id prefixes, comma-separated (replaces the
    /// configs' selection).
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = "Rules")]
    pub(crate) select: Option<Vec<String>>,

    /// These rules too.
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = "Rules")]
    pub(crate) extend_select: Vec<String>,

    /// Not these rules.
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = "Rules")]
    pub(crate) ignore: Vec<String>,

    /// A rule's severity: `RULE=error|warning|info|off` (repeatable; RULE may be a kind or prefix).
    #[arg(long, value_name = "RULE=LEVEL", help_heading = "Rules")]
    pub(crate) severity: Vec<String>,
}

/// Which files a run reads, and with how many threads (`check` and `extract`).
#[derive(Debug, Args)]
pub(crate) struct FileArgs {
    /// Files and directories to check; `-` reads stdin.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,

    /// Which files to take from directories (repeatable; replaces the configs'
    /// `include` and the default: every format nianbao reads, `*.txt` `*.md`
    /// `*.docx` `*.html` `*.pdf`…, and `*.doc` `*.wps` to say they are not read;
    /// case does not matter).
    #[arg(long, value_name = "GLOB", help_heading = "Input")]
    pub(crate) glob: Vec<String>,

    /// Files to leave out of directories (repeatable; added to the configs' `exclude`).
    #[arg(long, value_name = "GLOB", help_heading = "Input")]
    pub(crate) exclude: Vec<String>,

    /// The file name to report for stdin.
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub(crate) stdin_filename: Option<String>,

    /// Number of threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N", help_heading = "Input")]
    pub(crate) threads: Option<usize>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) files: FileArgs,

    /// Say which files were skipped, and why.
    #[arg(short, long, help_heading = "Input")]
    pub(crate) verbose: bool,

    /// Last year's report of the same agency, for the checks across years (表三 二
    /// against last year's 四); with one report to check.
    #[arg(long, value_name = "FILE", help_heading = "Input")]
    pub(crate) previous: Option<PathBuf>,

    /// Do not pair a report with last year's found in the batch by its file name.
    #[arg(long, help_heading = "Input", conflicts_with = "previous")]
    pub(crate) no_previous: bool,

    #[command(flatten)]
    pub(crate) input: InputArgs,

    #[command(flatten)]
    pub(crate) ruleset: RuleSetArgs,

    #[command(flatten)]
    pub(crate) select: SelectArgs,

    /// Leave out the findings of this baseline (repeatable).
    #[arg(long, value_name = "FILE", help_heading = "Suppressions")]
    pub(crate) baseline: Vec<PathBuf>,

    /// Write every finding to this baseline file, then exit 0.
    #[arg(long, value_name = "FILE", help_heading = "Suppressions")]
    pub(crate) write_baseline: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, help_heading = "Output")]
    pub(crate) format: OutputFormat,

    /// Write the report to this file instead of stdout (the exit status is the same).
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub(crate) output_file: Option<PathBuf>,

    /// Print how many findings each rule and each file has, instead of the findings.
    #[arg(long, help_heading = "Output")]
    pub(crate) statistics: bool,

    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub(crate) color: ColorChoice,

    /// Language of messages (default: the config's, else zh).
    #[arg(long, value_enum, help_heading = "Output")]
    pub(crate) lang: Option<LangArg>,

    /// Exit with 1 when there is a finding at or above this severity (default: the
    /// config's, else error).
    #[arg(long, value_enum, help_heading = "Output")]
    pub(crate) fail_level: Option<FailLevel>,

    /// Exit with 0 even when there are findings (2 still means an error).
    #[arg(long, help_heading = "Output")]
    pub(crate) exit_zero: bool,
}

/// How files are read.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Read text files in this encoding (`utf-8`, `gb18030`, `gbk`, `utf-16le`…)
    /// instead of detecting it.
    #[arg(long, value_name = "LABEL", help_heading = "Input")]
    pub(crate) encoding: Option<String>,

    /// Do not read files larger than this many megabytes (a .docx: its text
    /// parts inflated, not its pictures) [default: 20, or
    /// `max-file-size` in nianbao.toml].
    #[arg(long, value_name = "MB", help_heading = "Input")]
    pub(crate) max_file_size: Option<u64>,

    /// Stop checking a file after this many seconds, 0 for no limit [default:
    /// 10, or `timeout` in nianbao.toml].
    #[arg(long, value_name = "SECONDS", help_heading = "Input")]
    pub(crate) timeout: Option<f64>,
}

#[derive(Debug, Args)]
pub(crate) struct ConfigArgs {
    /// The file (or folder) whose settings to show.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) path: PathBuf,

    #[command(flatten)]
    pub(crate) ruleset: RuleSetArgs,

    #[command(flatten)]
    pub(crate) select: SelectArgs,

    /// Language of the output.
    #[arg(long, value_enum)]
    pub(crate) lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to write nianbao.toml in.
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: PathBuf,

    /// Overwrite an existing nianbao.toml.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DumpArgs {
    /// The report to read; `-` reads stdin.
    #[arg(value_name = "FILE")]
    pub(crate) path: PathBuf,

    #[command(flatten)]
    pub(crate) input: InputArgs,

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
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// A self-contained HTML page: a summary, each file's tables with the cells
    /// findings touch, and the text around the other findings.
    Html,
    /// `nianbao extract --format csv`.
    #[value(skip)]
    ExtractCsv,
    /// `nianbao extract --format json`.
    #[value(skip)]
    ExtractJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RuleFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DumpFormat {
    /// The model: outline, sections, tables.
    Text,
    Json,
    /// The text nianbao reads, as diagnostics show it: for a Word document, web
    /// page or PDF, its text view.
    View,
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
