//! `nianbao check`: find the files, settle each one's settings, check them in
//! parallel, apply suppressions, print or write the report.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use nianbao::config::Docs;
use nianbao::diag::RuleInfo;
use nianbao::engine::PreviousFile;
use nianbao::render::{self, Summary};
use nianbao::settings::glob_set;
use nianbao::suppress::{Applied, Suppressions, Usage};
use nianbao::{FileReport, Lang, Linter, Severity, load};

use super::inputs::{self, Input, Walk};
use super::{CheckArgs, OutputFormat, Profile, Session, Status, stderr_is_terminal, stdout_is_terminal, use_color};

/// A file to check, with what it is checked with: a batch holds every one of
/// them at once, so each is kept small (the name is made when it is checked).
struct Job {
    input: Input,
    profile: Arc<Profile>,
    ignore_file: Option<usize>,
    /// Last year's report of the same agency, to check across years.
    previous: Option<Box<PreviousFile>>,
}

/// Whether this run opened its `-o` file.
static OUTPUT_OPENED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(crate) fn run(args: CheckArgs) -> io::Result<Status> {
    let sarif_file = match (&args.format, &args.output_file, &args.write_baseline) {
        (OutputFormat::Sarif, Some(path), None) => Some(path.clone()),
        _ => None,
    };
    let status = run_checks(args)?;
    // A run stopped before checking (a broken config or rule file) still
    // leaves a SARIF log, saying why, for the CI step that uploads it.
    if let Some(path) = sarif_file
        && status == Status::Error
        && !OUTPUT_OPENED.load(std::sync::atomic::Ordering::Relaxed)
    {
        let why = super::last_failure().unwrap_or_else(|| "nianbao stopped before checking any file".to_string());
        let log = render::sarif::Stream::new(&[], env!("CARGO_PKG_VERSION")).failed(&why);
        std::fs::write(&path, log)?;
    }
    Ok(status)
}

fn run_checks(args: CheckArgs) -> io::Result<Status> {
    let err_color = use_color(args.color, stderr_is_terminal());
    let mut session = match Session::new(&args.ruleset.source, &args.ruleset, Some(&args.select)) {
        Ok(s) => s,
        Err(status) => return Ok(status),
    };
    session.set_color(err_color);
    // SARIF, JUnit and HTML show each rule's explanation; the others need none.
    session.docs = match args.format {
        OutputFormat::Sarif | OutputFormat::Junit | OutputFormat::Html => Docs::Explanations,
        _ => Docs::None,
    };
    session.extract = matches!(
        args.format,
        OutputFormat::Html | OutputFormat::ExtractCsv | OutputFormat::ExtractJson
    );
    if let Err(status) = session.set_input(&args.input) {
        return Ok(status);
    }
    if let Some(l) = args.lang {
        session.cli.lang = Some(l.into());
    }
    if let Some(f) = args.fail_level {
        session.cli.fail_level = Some(f.into());
    }
    if args.statistics
        && !matches!(
            args.format,
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
        )
    {
        writeln!(
            io::stderr(),
            "error: --statistics works with --format human, concise or json"
        )?;
        return Ok(Status::Error);
    }

    // The run's own settings: those of the current folder.
    let here = match session.profile(Path::new(".")) {
        Ok(p) => p,
        Err(status) => return Ok(status),
    };
    let lang = here.options.lang;
    let include = match (!args.files.glob.is_empty())
        .then(|| glob_set(&args.files.glob))
        .transpose()
    {
        Ok(g) => g,
        Err(e) => {
            writeln!(io::stderr(), "error: invalid --glob: {e}")?;
            return Ok(Status::Error);
        }
    };
    let exclude = match glob_set(&args.files.exclude) {
        Ok(g) => g,
        Err(e) => {
            writeln!(io::stderr(), "error: invalid --exclude: {e}")?;
            return Ok(Status::Error);
        }
    };
    let builtin = here.linter.clone();
    let collected = {
        let mut walk = Walk {
            session: &mut session,
            include,
            exclude,
            linter: &builtin,
            lang,
        };
        match inputs::collect(&args.files.paths, &mut walk) {
            Ok(c) => c,
            Err(status) => return Ok(status),
        }
    };
    if args.verbose {
        let mut err = io::stderr().lock();
        for (path, why) in &collected.skipped {
            writeln!(err, "{}: {}: {why}", lang.pick("跳过", "skipped"), path.display())?;
        }
    }
    if collected.inputs.is_empty() && collected.errors.is_empty() {
        let names: Vec<String> = args.files.paths.iter().map(|p| p.display().to_string()).collect();
        writeln!(
            io::stderr(),
            "{}",
            lang.pick(
                &format!(
                    "错误：{} 中没有要检查的报告文件（--verbose 显示跳过的文件）",
                    names.join("、")
                ),
                &format!(
                    "error: no report to check in {} (--verbose shows the files skipped)",
                    names.join(", ")
                )
            )
        )?;
        return Ok(Status::Error);
    }

    // Settings and suppressions for every file, before checking in parallel.
    let stdin_name = args
        .files
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let mut suppressions = Suppressions::new();
    for b in &args.baseline {
        if let Err(e) = suppressions.add_baseline(b) {
            return Ok(session.fail(&e));
        }
    }
    let use_ignore_files = !matches!(session.discovery, nianbao::settings::Discovery::Isolated);
    let mut jobs = Vec::with_capacity(collected.inputs.len());
    for input in collected.inputs {
        let at = match &input {
            Input::Path(p) => p.clone(),
            Input::Stdin => PathBuf::from(&stdin_name),
        };
        let profile = match session.profile(&at) {
            Ok(p) => p,
            Err(status) => return Ok(status),
        };
        let ignore_file = if use_ignore_files {
            match suppressions.ignore_file_for(&at) {
                Ok(f) => f,
                Err(e) => return Ok(session.fail(&e)),
            }
        } else {
            None
        };
        jobs.push(Job {
            input,
            profile,
            ignore_file,
            previous: None,
        });
    }
    if let Some(path) = &args.previous {
        if jobs.len() != 1 {
            writeln!(
                io::stderr(),
                "{}",
                lang.pick(
                    "错误：--previous 只能与一个报告一起使用（同一目录中的上年报告按文件名自动配对）",
                    "error: --previous goes with one report (in a batch, last year's reports are paired by file name)"
                )
            )?;
            return Ok(Status::Error);
        }
        // Named by the user: one that cannot be read is an error, not a silence.
        if let Err(e) = load::load_path(path, &here.linter.load_options(&here.options)) {
            writeln!(
                io::stderr(),
                "{}: {}: {}",
                lang.pick("错误：无法读取上年报告", "error: cannot read last year's report"),
                path.display(),
                e.localized(lang)
            )?;
            return Ok(Status::Error);
        }
        jobs[0].previous = Some(Box::new(PreviousFile {
            path: path.clone(),
            named: true,
        }));
    } else if !args.no_previous {
        let paths: Vec<Option<&Path>> = jobs
            .iter()
            .map(|j| match &j.input {
                Input::Path(p) => Some(p.as_path()),
                Input::Stdin => None,
            })
            .collect();
        // Last year's report is one nianbao reads (a `.doc` kept beside its
        // converted copy is no second candidate).
        let readable: Vec<Option<&Path>> = paths.iter().map(|p| p.filter(|p| inputs::readable_format(p))).collect();
        let pairs = inputs::pair_previous_years(&readable);
        // The run's files, sorted (`inputs::collect`), stdin last.
        let in_run = |p: &Path| {
            paths
                .binary_search_by(|q| q.map_or(std::cmp::Ordering::Greater, |q| q.cmp(p)))
                .is_ok()
        };
        let mut listed = std::collections::HashMap::new();
        let previous: Vec<Option<Box<PreviousFile>>> = pairs
            .iter()
            .zip(&paths)
            .map(|(pair, path)| {
                let found = match *pair {
                    inputs::Pair::One(k) => paths[k].map(Path::to_path_buf),
                    inputs::Pair::Ambiguous => None,
                    inputs::Pair::Missing => path.and_then(|p| inputs::previous_on_disk(p, &mut listed, &in_run)),
                };
                found.map(|path| Box::new(PreviousFile { path, named: false }))
            })
            .collect();
        for (job, previous) in jobs.iter_mut().zip(previous) {
            job.previous = previous;
        }
    }

    let stdin_bytes = if jobs.iter().any(|j| j.input == Input::Stdin) {
        let mut bytes = Vec::new();
        Some(io::stdin().read_to_end(&mut bytes).map(|_| bytes))
    } else {
        None
    };
    let threads = args
        .files
        .threads
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // Every rule of every rule set used (subfolders may add rule files).
    let mut linters: Vec<Arc<Linter>> = vec![here.linter.clone()];
    for job in &jobs {
        if !linters.iter().any(|l| Arc::ptr_eq(l, &job.profile.linter)) {
            linters.push(job.profile.linter.clone());
        }
    }
    let rules = rule_infos(&linters, lang, session.docs != Docs::None);
    let to_file = args.output_file.is_some();
    let out: Box<dyn Write> = match (&args.write_baseline, &args.output_file) {
        (Some(_), _) => Box::new(io::sink()),
        (None, Some(path)) => {
            OUTPUT_OPENED.store(true, std::sync::atomic::Ordering::Relaxed);
            Box::new(io::BufWriter::new(std::fs::File::create(path)?))
        }
        (None, None) => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let style = Style {
        format: args.format,
        statistics: args.statistics,
        lang,
        color: !to_file && use_color(args.color, stdout_is_terminal()),
        err_color,
        to_file,
        keep: args.write_baseline.is_some() || args.format == OutputFormat::Html,
        fail: here.fail_level,
    };
    let mut out = out;
    if style.format == OutputFormat::ExtractCsv && args.write_baseline.is_none() {
        out.write_all(render::extract::csv_header().as_bytes())?;
    }
    let mut sink = Sink {
        style,
        out,
        json: render::json::Stream::default(),
        sarif: (style.format == OutputFormat::Sarif)
            .then(|| render::sarif::Stream::new(&rules, env!("CARGO_PKG_VERSION"))),
        junit: render::junit::Stream::default(),
        summary: Summary::default(),
        tally: render::stats::Tally::default(),
        kept: Vec::new(),
        any_error: false,
        failing: false,
    };

    // Check in parallel; print in order as each file is done, and let it go.
    let progress = Progress::new(jobs.len());
    let (tx, rx) = std::sync::mpsc::channel::<(usize, FileReport, Applied, Severity, Rendered)>();
    let mut usage = Usage::default();
    // Workers take files in order, and stay within a window of the next one to
    // print: a slow file holds back only what the window holds.
    let taken = AtomicUsize::new(0);
    let printed = AtomicUsize::new(0);
    let window = 32 * threads;
    let written: io::Result<()> = std::thread::scope(|scope| {
        let (jobs, suppressions, stdin_bytes, stdin_name, progress, style, rules) = (
            &jobs,
            &suppressions,
            &stdin_bytes,
            &stdin_name,
            &progress,
            &style,
            &rules,
        );
        let (taken, printed) = (&taken, &printed);
        let work = move |tx: std::sync::mpsc::Sender<(usize, FileReport, Applied, Severity, Rendered)>| {
            loop {
                let i = taken.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                while i >= printed.load(Ordering::Acquire) + window {
                    std::thread::sleep(Duration::from_millis(1));
                }
                let name = match &job.input {
                    Input::Path(p) => p.display().to_string(),
                    Input::Stdin => stdin_name.clone(),
                };
                let mut report = match &job.input {
                    Input::Path(p) => {
                        job.profile
                            .linter
                            .check_path_with(p, job.previous.as_deref(), &job.profile.options)
                    }
                    Input::Stdin => match stdin_bytes.as_ref().expect("read above") {
                        Ok(bytes) => job.profile.linter.check_bytes_with(
                            &name,
                            bytes,
                            job.previous.as_deref(),
                            &job.profile.options,
                        ),
                        Err(e) => {
                            let e = load::LoadError::Io(io::Error::new(e.kind(), e.to_string()));
                            FileReport::failed(name.clone(), e.localized(job.profile.options.lang))
                        }
                    },
                };
                let lang = job.profile.options.lang;
                let applied = guarded(&mut report, lang, |r| {
                    suppressions.apply(Path::new(&name), job.ignore_file, r, lang)
                })
                .unwrap_or_default();
                progress.tick();
                // Rendered here, in parallel; the printer only writes. A
                // file made an error by a panic renders without one.
                let rendered = guarded(&mut report, lang, |r| render_one(style, rules, r))
                    .unwrap_or_else(|| render_one(style, rules, &report));
                if tx.send((i, report, applied, job.profile.fail_level, rendered)).is_err() {
                    break;
                }
            }
        };
        if jobs.len() == 1 {
            // One file: checked on this thread, whose allocator has the pages
            // the rule files were read into (a worker's are all new).
            work(tx);
        } else {
            for _ in 0..threads.min(jobs.len()) {
                let tx = tx.clone();
                scope.spawn(move || work(tx));
            }
            drop(tx);
        }
        let mut waiting: BTreeMap<usize, (FileReport, Severity, Rendered)> = BTreeMap::new();
        let mut next = 0;
        let mut result = Ok(());
        for (i, report, a, fail, rendered) in rx {
            usage.add(a);
            waiting.insert(i, (report, fail, rendered));
            while let Some((report, fail, rendered)) = waiting.remove(&next) {
                next += 1;
                printed.store(next, Ordering::Release);
                if result.is_ok() {
                    result = sink.file(report, fail, rendered);
                }
            }
        }
        result
    });
    progress.finish();
    written?;
    for (path, message) in collected.errors {
        let report = FileReport::failed(path, message);
        let rendered = render_one(&style, &rules, &report);
        sink.file(report, here.fail_level, rendered)?;
    }
    for r in suppressions.unused(&usage, lang) {
        let rendered = render_one(&style, &rules, &r);
        sink.file(r, here.fail_level, rendered)?;
    }

    if let Some(path) = &args.write_baseline {
        let (text, count) = nianbao::suppress::baseline(&sink.kept, path);
        std::fs::write(path, text)?;
        writeln!(
            io::stderr(),
            "{}",
            lang.pick(
                &format!("已将 {count} 个问题写入基线 {}", path.display()),
                &format!("wrote {count} findings to the baseline {}", path.display())
            )
        )?;
        return Ok(if sink.any_error { Status::Error } else { Status::Clean });
    }
    let (any_error, failing) = sink.finish(&rules)?;
    // The process ends with this run: its rules and settings need not be
    // taken apart piece by piece first.
    std::mem::forget(session);
    Ok(if any_error {
        Status::Error
    } else if args.exit_zero {
        Status::Clean
    } else if failing {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Where the reports go, one at a time and in order: written at once in the
/// formats that allow it (JUnit keeps its rendered suites, for the totals that
/// come first), kept only for the HTML report and a baseline.
struct Sink {
    style: Style,
    out: Box<dyn Write>,
    json: render::json::Stream,
    sarif: Option<render::sarif::Stream>,
    junit: render::junit::Stream,
    summary: Summary,
    tally: render::stats::Tally,
    kept: Vec<FileReport>,
    any_error: bool,
    failing: bool,
}

/// Run a step of a file's work after its checking (which the engine guards);
/// should it panic, the file is reported as not checked (the panic hook has
/// printed one line about it) and the rest of the batch goes on.
fn guarded<T>(report: &mut FileReport, lang: Lang, step: impl FnOnce(&mut FileReport) -> T) -> Option<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| step(report))) {
        Ok(done) => Some(done),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = lang.pick(
                "内部错误，未能输出检查结果（请报告此问题）",
                "internal error, findings not written (please report this)",
            );
            *report = FileReport::failed(report.path.clone(), format!("{message}: {what}"));
            None
        }
    }
}

/// How each file is written: decided once, applied on the threads that check.
#[derive(Clone, Copy)]
struct Style {
    format: OutputFormat,
    statistics: bool,
    lang: Lang,
    color: bool,
    err_color: bool,
    to_file: bool,
    /// Reports kept to the end (HTML, a baseline): nothing written per file.
    keep: bool,
    /// The run's fail level (JUnit's failures).
    fail: Severity,
}

/// One file's output, rendered where it was checked.
#[derive(Default)]
struct Rendered {
    out: String,
    /// A file's JSON, as serde_json wrote it.
    json: Vec<u8>,
    /// The file's error, for stderr.
    err: Option<String>,
    sarif: render::sarif::FileResults,
}

fn render_one(style: &Style, rules: &[RuleInfo], report: &FileReport) -> Rendered {
    let one = std::slice::from_ref(report);
    match style.format {
        _ if style.keep => Rendered::default(),
        OutputFormat::Human | OutputFormat::Concise if style.statistics => Rendered::default(),
        OutputFormat::Human => {
            let error = render::human::file_error(report, style.lang);
            let mut out = String::new();
            let mut err = None;
            if let Some(e) = error {
                if style.to_file {
                    out.push_str(&e);
                } else {
                    err = Some(paint_error(&e, style.err_color));
                }
            }
            out.push_str(&render::human::render_file(report, style.color));
            Rendered {
                out,
                err,
                ..Rendered::default()
            }
        }
        OutputFormat::Concise => Rendered {
            out: render::concise::render(one, style.lang),
            err: None,
            ..Rendered::default()
        },
        OutputFormat::Github => Rendered {
            out: render::github::render(one),
            err: None,
            ..Rendered::default()
        },
        OutputFormat::Json => Rendered {
            json: render::json::file_bytes(report),
            ..Rendered::default()
        },
        OutputFormat::ExtractCsv => Rendered {
            out: render::extract::csv(report),
            err: render::human::file_error(report, style.lang).map(|e| paint_error(&e, style.err_color)),
            ..Rendered::default()
        },
        OutputFormat::ExtractJson => Rendered {
            out: render::extract::json_line(report),
            err: render::human::file_error(report, style.lang).map(|e| paint_error(&e, style.err_color)),
            ..Rendered::default()
        },
        OutputFormat::Sarif => Rendered {
            sarif: render::sarif::file_results(report, rules),
            ..Rendered::default()
        },
        OutputFormat::Junit => Rendered {
            out: render::junit::suite(report, rules, style.fail),
            ..Rendered::default()
        },
        OutputFormat::Html => Rendered::default(),
    }
}

impl Sink {
    fn file(&mut self, report: FileReport, fail: Severity, rendered: Rendered) -> io::Result<()> {
        self.summary.add(&report);
        self.any_error |= report.error.is_some();
        self.failing |= report.diagnostics.iter().any(|d| d.severity >= fail);
        if self.style.statistics {
            self.tally.add(&report);
        }
        if let Some(e) = &rendered.err {
            let _ = io::stderr().lock().write_all(e.as_bytes());
        }
        match self.style.format {
            _ if self.style.keep => {}
            OutputFormat::Json => {
                self.out.write_all(self.json.before_next().as_bytes())?;
                self.out.write_all(&rendered.json)?;
            }
            OutputFormat::Sarif => {
                let stream = self.sarif.as_mut().expect("made for SARIF");
                let text = stream.file(&rendered.sarif, render::sarif::notification(&report));
                self.out.write_all(text.as_bytes())?;
            }
            OutputFormat::Junit => self.junit.add(&report, &rendered.out, self.style.fail),
            _ => self.out.write_all(rendered.out.as_bytes())?,
        }
        if self.style.keep {
            self.kept.push(report);
        }
        Ok(())
    }

    /// Write what comes after the files; (any file unreadable, any finding at its fail level).
    fn finish(mut self, rules: &[RuleInfo]) -> io::Result<(bool, bool)> {
        // A panic here (the HTML report renders every file at the end) is said
        // in one line by the panic hook; the run then fails.
        let tail = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.tail(rules)));
        let tail = match tail {
            Ok(tail) => tail?,
            Err(_) => return Ok((true, self.failing)),
        };
        self.out.write_all(tail.as_bytes())?;
        self.out.flush()?;
        Ok((self.any_error, self.failing))
    }

    /// What comes after the files.
    fn tail(&mut self, rules: &[RuleInfo]) -> io::Result<String> {
        let lang = self.style.lang;
        Ok(match self.style.format {
            OutputFormat::Human | OutputFormat::Concise if self.style.statistics => {
                let mut out = render::stats::render(&std::mem::take(&mut self.tally).finish(), lang);
                out.push('\n');
                out.push_str(&render::human::summary_line(&self.summary, lang));
                out
            }
            OutputFormat::Human | OutputFormat::Concise => render::human::summary_line(&self.summary, lang),
            OutputFormat::Github => String::new(),
            OutputFormat::Json => {
                let stats = self.style.statistics.then(|| std::mem::take(&mut self.tally).finish());
                std::mem::take(&mut self.json).finish(&self.summary, stats.as_ref())
            }
            OutputFormat::Sarif => self.sarif.take().expect("made for SARIF").finish(),
            OutputFormat::Junit => {
                std::mem::take(&mut self.junit).finish(rules, &mut self.out)?;
                String::new()
            }
            OutputFormat::Html => render::html::render(&self.kept, rules, lang),
            OutputFormat::ExtractCsv | OutputFormat::ExtractJson => String::new(),
        })
    }
}

/// The rules' metadata, first definition of an id winning; their
/// descriptions only when the output shows them (`texts`: SARIF, JUnit, HTML).
fn rule_infos(linters: &[Arc<Linter>], lang: Lang, texts: bool) -> Vec<RuleInfo> {
    let mut by_id: BTreeMap<String, RuleInfo> = BTreeMap::new();
    for linter in linters {
        for rule in &linter.rules {
            by_id.entry(rule.id.clone()).or_insert_with(|| {
                let mut info = RuleInfo {
                    id: rule.id.clone(),
                    kind: rule.kind.as_str(),
                    level: rule.severity,
                    short: String::new(),
                    full: String::new(),
                    help: String::new(),
                };
                if texts {
                    let check = nianbao::rules::REGISTRY
                        .iter()
                        .find(|c| c.kind == rule.kind && c.name == rule.check);
                    let explanation = rule.explanation.as_ref().map_or("", |e| e.get(lang).trim());
                    info.short = check.map(|c| c.doc.get(lang).to_string()).unwrap_or_default();
                    info.full = explanation.to_string();
                    info.help = format!(
                        "{explanation}\n\n`nianbao rule {}` {}",
                        rule.id,
                        lang.pick("显示规则定义和示例。", "shows its definition and examples.")
                    );
                }
                info
            });
        }
    }
    by_id.into_values().collect()
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

/// A progress bar on stderr, for batches that take more than about a second
/// when stderr is a terminal.
struct Progress {
    bar: ProgressBar,
    start: Instant,
    terminal: bool,
}

impl Progress {
    fn new(len: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
            bar.set_style(style);
        }
        Progress {
            bar,
            start: Instant::now(),
            terminal: io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.terminal && self.bar.is_hidden() && self.start.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_rendering_makes_the_file_an_error_and_the_rest_goes_on() {
        let mut report = FileReport::failed("a.txt".into(), String::new());
        report.error = None;
        let render = |r: &FileReport| -> String {
            match &r.error {
                None => panic!("a renderer bug"),
                Some(e) => e.clone(),
            }
        };
        assert!(guarded(&mut report, Lang::En, |r| render(r)).is_none());
        assert_eq!(
            render(&report),
            "internal error, findings not written (please report this): a renderer bug"
        );
        assert_eq!(report.path, "a.txt");
        assert!(report.diagnostics.is_empty());
        assert_eq!(guarded(&mut report, Lang::En, |_| 7), Some(7));
    }

    #[test]
    fn a_batch_keeps_little_for_each_file_before_checking_it() {
        // 20,000 files: 1.1 MB of jobs (a job with its settings and name was
        // 208 bytes, 4.2 MB of a 50 MB budget).
        assert!(std::mem::size_of::<Job>() <= 56, "{}", std::mem::size_of::<Job>());
    }
}
