//! `nianbao check`.

use std::collections::BTreeSet;
use std::io::{self, Read, Write};
use std::path::PathBuf;

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use nianbao::engine::Options;
use nianbao::render::{self, Summary};
use nianbao::{FileReport, load};
use nianbao::{Lang, Severity};

use super::{CheckArgs, OutputFormat, Status, load_linter, stderr_is_terminal, stdout_is_terminal, use_color};

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Input {
    Path(PathBuf),
    Stdin,
}

pub(crate) fn run(args: CheckArgs) -> io::Result<Status> {
    let color = use_color(args.color, stdout_is_terminal());
    let linter = match load_linter(&args.ruleset, use_color(args.color, stderr_is_terminal())) {
        Ok(c) => c,
        Err(status) => return Ok(status),
    };
    let lang: Lang = args.lang.into();
    let globs = match build_globs(&args.glob) {
        Ok(g) => g,
        Err(e) => {
            writeln!(io::stderr(), "error: invalid --glob: {e}")?;
            return Ok(Status::Error);
        }
    };
    let (inputs, walk_errors) = collect_inputs(&args.paths, &globs);
    let options = Options {
        lang,
        edition: args.ruleset.edition.clone(),
        year: args.ruleset.year,
    };

    let stdin_name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_string());
    let mut stdin_text = None;
    if inputs.contains(&Input::Stdin) {
        let mut bytes = Vec::new();
        let read = io::stdin().read_to_end(&mut bytes).map(|_| bytes);
        stdin_text = Some(read);
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let mut reports: Vec<FileReport> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| match input {
                Input::Path(p) => linter.check_path(p, &options),
                Input::Stdin => {
                    let loaded = match stdin_text.as_ref().expect("read above") {
                        Ok(bytes) => {
                            load::decode(bytes.clone()).map(|t| nianbao::source::SourceFile::new(stdin_name.clone(), t))
                        }
                        Err(e) => Err(load::LoadError::Io(io::Error::new(e.kind(), e.to_string()))),
                    };
                    linter.check_loaded(&stdin_name, loaded, &options)
                }
            })
            .collect()
    });
    for (path, message) in walk_errors {
        reports.push(FileReport::failed(path, message));
    }

    let summary = Summary::of(&reports);
    let mut stdout = io::stdout().lock();
    match args.format {
        OutputFormat::Human => {
            let err_color = use_color(args.color, stderr_is_terminal());
            for report in &reports {
                if let Some(e) = render::human::file_error(report, lang) {
                    let _ = io::stderr().write_all(paint_error(&e, err_color).as_bytes());
                }
                stdout.write_all(render::human::render_file(report, color).as_bytes())?;
            }
            stdout.write_all(render::human::summary_line(&summary, lang).as_bytes())?;
        }
        OutputFormat::Json => {
            stdout.write_all(render::json::render(&reports).as_bytes())?;
        }
    }
    stdout.flush()?;

    let fail: Severity = args.fail_level.into();
    Ok(if reports.iter().any(|r| r.error.is_some()) {
        Status::Error
    } else if reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= fail) {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn paint_error(line: &str, color: bool) -> String {
    if !color {
        return line.to_string();
    }
    match line.split_once(": ") {
        Some((head, rest)) => format!("\x1b[1;31m{head}\x1b[0m: {rest}"),
        None => line.to_string(),
    }
}

fn build_globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p)?);
    }
    b.build()
}

/// Expand directories (sorted, hidden entries skipped, files filtered by the globs);
/// files named on the command line are checked whatever their name.
fn collect_inputs(paths: &[PathBuf], globs: &GlobSet) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = BTreeSet::new();
    let mut stdin = false;
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        if !path.is_dir() {
            inputs.insert(path.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(path).unwrap_or(e.path());
                    if globs.is_match(e.file_name()) || globs.is_match(rel) {
                        inputs.insert(e.into_path());
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| path.display().to_string());
                    errors.push((at, e.to_string()));
                }
            }
        }
    }
    let mut out: Vec<Input> = inputs.into_iter().map(Input::Path).collect();
    if stdin {
        out.push(Input::Stdin);
    }
    (out, errors)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}
