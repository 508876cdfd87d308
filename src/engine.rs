//! The engine joins the format, the rules and a document: it compiles the rule
//! files' entries with the registry of checks, checks one report (load, parse,
//! run the rules), and settles the findings so that they do not depend on the
//! order of rules or files.

use fnv::FnvHashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::budget::{self, Budget, Timeout};
use crate::config;
use crate::diag::{Diagnostic, Evidence, FileReport, Label, Lang, Severity};
use crate::format::Format;
use crate::load::{self, LoadError, LoadOptions};
use crate::model::{Document, ReportYear, YearJudgement, YearSource, YearVote};
use crate::parse::{self, ParseOptions};
use crate::rulefile::{RuleFileError, SourceMap};
use crate::rules::{self, CheckEntry, Context, Previous, REGISTRY, Rule, Scope};
use crate::source::{Place, Provenance, Refusal, SourceFile, Span};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// Check against this edition whatever the report year says.
    pub edition: Option<String>,
    /// Take this as the report year.
    pub year: Option<i32>,
    /// Each rule's severity (`None`: off), by position in `Linter::rules`, when
    /// settings change them; else the rules' own.
    pub severities: Option<Arc<[Option<Severity>]>>,
    /// Decode text files with this encoding instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Files larger than this are not read (default 20 MB).
    pub max_file_size: Option<u64>,
    /// How long checking one file may take (`None`: no limit).
    pub timeout: Option<std::time::Duration>,
    /// Keep the tables as read (`FileReport::extract`), for the HTML report and
    /// `nianbao extract`.
    pub extract: bool,
}

/// The rule files, compiled: everything needed to check reports.
#[derive(Debug)]
pub struct Linter {
    /// Every rule file read, built-in first.
    pub sources: SourceMap,
    pub format: Format,
    /// In the order first defined.
    pub rules: Vec<Rule>,
}

impl Linter {
    /// The built-in rules only.
    pub fn builtin() -> Result<Linter, RuleFileError> {
        Linter::load(&[])
    }

    /// Built-in rules plus the given files or directories (every `*.toml` inside,
    /// in name order).
    pub fn load(user: &[PathBuf]) -> Result<Linter, RuleFileError> {
        Linter::with_registry(config::sources(user)?, REGISTRY)
    }

    /// As [`Linter::load`], for checking reports only: the built-in rules'
    /// examples are left out (a fifth of a one-report run with them), and
    /// their explanations unless `docs` asks for them.
    pub fn load_for_checking(user: &[PathBuf], docs: config::Docs) -> Result<Linter, RuleFileError> {
        Linter::with_registry(config::sources_with(user, docs)?, REGISTRY)
    }

    /// Compile rule files with the checks of `registry` (tests add their own).
    pub fn with_registry(sources: SourceMap, registry: &[CheckEntry]) -> Result<Linter, RuleFileError> {
        let config = config::load(&sources)?;
        let mut rules = Vec::with_capacity(config.rules.len());
        for entry in &config.rules {
            rules.push(rules::compile(
                entry,
                &config.rules,
                &sources,
                &config.format,
                registry,
            )?);
        }
        let format = config.format;
        Ok(Linter { sources, format, rules })
    }

    /// Whether a file's first bytes read like a report: one of the format's
    /// report markers in its first lines, in whatever encoding they are. Bytes
    /// that are not text, and blank files, count as reports, so that they are
    /// reported.
    pub fn looks_like_report(&self, head: &[u8], encoding: Option<&'static encoding_rs::Encoding>) -> bool {
        // Plain UTF-8 (most files) is read in place, less a character that the
        // byte count of the head cut in two; anything else is decoded.
        let (plain, cut) = match std::str::from_utf8(head) {
            Ok(t) => (Some(t), false),
            Err(e) if e.error_len().is_none() => (std::str::from_utf8(&head[..e.valid_up_to()]).ok(), true),
            Err(_) => (None, false),
        };
        let decoded;
        let text = match plain {
            Some(t) if encoding.is_none() && !t.starts_with('\u{feff}') && !t.contains('\0') => t,
            _ => {
                let Ok(d) = crate::load::decode::decode(head, encoding, false) else {
                    return true;
                };
                decoded = d.text;
                &decoded
            }
        };
        // An empty file is checked, to be reported as empty (bytes cut off a
        // character are not nothing).
        if text.trim().is_empty() && !cut {
            return true;
        }
        // The first 60 lines, as `lines()` gives them, joined by `\n`.
        let joined;
        let start = if text.contains('\r') {
            joined = text.lines().take(60).collect::<Vec<_>>().join("\n");
            joined.as_str()
        } else {
            match text.match_indices('\n').nth(59) {
                Some((end, _)) => &text[..end],
                None => text.strip_suffix('\n').unwrap_or(text),
            }
        };
        self.format.document.report_markers.iter().any(|re| re.is_match(start))
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// How files are read for this rule set.
    pub fn load_options(&self, options: &Options) -> LoadOptions {
        let mut titles: Vec<String> = Vec::new();
        for s in &self.format.sections {
            titles.push(s.title_core.clone());
            titles.extend(s.alternatives.iter().cloned());
        }
        LoadOptions {
            encoding: options.encoding,
            max_file_size: options.max_file_size.unwrap_or(load::DEFAULT_MAX_FILE_SIZE),
            section_titles: titles,
        }
    }

    /// Load and check a file.
    pub fn check_path(&self, path: &Path, options: &Options) -> FileReport {
        let loaded = load::load_path(path, &self.load_options(options));
        self.check_loaded(&path.display().to_string(), loaded, options)
    }

    /// Load and check a file beside last year's report of the same agency, for
    /// the rules that compare the two (`previous(…)`). A previous file that
    /// cannot be read is left out: it is reported where it is checked itself.
    pub fn check_path_with(&self, path: &Path, previous: Option<&PreviousFile>, options: &Options) -> FileReport {
        let loaded = load::load_path(path, &self.load_options(options));
        self.check_loaded_with(&path.display().to_string(), loaded, previous, options)
    }

    /// Check bytes read elsewhere (stdin), named `name`, beside last year's report.
    pub fn check_bytes_with(
        &self,
        name: &str,
        bytes: &[u8],
        previous: Option<&PreviousFile>,
        options: &Options,
    ) -> FileReport {
        let loaded = load::load_bytes(name, bytes, &self.load_options(options));
        self.check_loaded_with(name, loaded, previous, options)
    }

    fn check_loaded_with(
        &self,
        name: &str,
        loaded: Result<SourceFile, LoadError>,
        previous: Option<&PreviousFile>,
        options: &Options,
    ) -> FileReport {
        match (loaded, previous) {
            (Ok(source), Some(previous)) => {
                let last = load::load_path(&previous.path, &self.load_options(options)).ok();
                self.check_source_with(source, last.map(|s| (s, previous.named)), options)
            }
            (loaded, _) => self.check_loaded(name, loaded, options),
        }
    }

    /// Check bytes read elsewhere (stdin), named `name`.
    pub fn check_bytes(&self, name: &str, bytes: &[u8], options: &Options) -> FileReport {
        let loaded = load::load_bytes(name, bytes, &self.load_options(options));
        self.check_loaded(name, loaded, options)
    }

    pub fn check_loaded(&self, name: &str, loaded: Result<SourceFile, LoadError>, options: &Options) -> FileReport {
        match loaded {
            Ok(source) => self.check_source(source, options),
            // Not read, but a finding: it counts, and settings can change it.
            Err(LoadError::FileTooLarge { size, limit }) => {
                self.check_source(refused(name, "", Refusal::TooLarge { size, limit }), options)
            }
            Err(e) => FileReport::failed(name.to_string(), e.localized(options.lang)),
        }
    }

    /// Parse and check decoded text. A panic while doing so is caught and reported
    /// as this file's error, so the rest of a batch is still checked.
    pub fn check_source(&self, source: SourceFile, options: &Options) -> FileReport {
        self.check_source_with(source, None, options)
    }

    /// Parse and check decoded text beside last year's report (and whether the
    /// user named it: then a year that does not fit is said, else it is quietly
    /// not compared).
    pub fn check_source_with(
        &self,
        source: SourceFile,
        previous: Option<(SourceFile, bool)>,
        options: &Options,
    ) -> FileReport {
        let path = source.name().to_string();
        let format = source.provenance().format;
        let result = catch_unwind(AssertUnwindSafe(|| {
            // Dropped on the way out, even when the budget is spent.
            let _budget = Budget::start(options.timeout);
            let doc = self.read_document(source, options.year, options);
            let edition = document_edition(&doc, &self.format, options.edition.as_deref());
            let last = previous.and_then(|(source, named)| {
                let last = self.read_document(source, None, options);
                let fits = follows(&last, &doc);
                let edition = document_edition(&last, &self.format, None);
                (fits || named).then_some((last, edition, fits))
            });
            let previous = last.as_ref().map(|(doc, edition, fits)| Previous {
                doc,
                edition: edition.as_deref(),
                fits: *fits,
            });
            // Several whole reports in one file: each checked as a report (the
            // first beside last year's).
            let parts = parse::parts(&doc, &self.format);
            let (edition, mut diagnostics) = if parts.len() > 1 {
                self.check_parts(&doc, &parts, previous, options)
            } else {
                let diagnostics = self.findings(&doc, edition.as_deref(), previous, options);
                (edition, diagnostics)
            };
            if let Some((last, _, _)) = &last {
                add_previous_notes(&last.source, &mut diagnostics, options.lang);
            }
            let cited = diagnostics.iter().any(|d| d.secondary.iter().any(|l| l.previous));
            let last_source = last.filter(|_| cited).map(|(doc, _, _)| doc.source);
            let extract = options
                .extract
                .then(|| crate::extract::extract(&doc, &self.format, edition.as_deref(), options.lang));
            (doc, edition, diagnostics, last_source, extract)
        }));
        match result {
            Ok((doc, edition, diagnostics, last_source, extract)) => FileReport {
                path,
                report_year: doc.report_year.map(|y| y.year),
                source: Some(doc.source),
                previous: last_source,
                extract,
                edition,
                error: None,
                diagnostics,
                checked: true,
            },
            Err(panic) if panic.is::<Timeout>() => {
                let limit = options.timeout.unwrap_or_default();
                // The refusal itself is checked without a budget: it is instant.
                let unbounded = Options {
                    timeout: None,
                    ..options.clone()
                };
                self.check_source(refused(&path, format, Refusal::Timeout { limit }), &unbounded)
            }
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let message = options.lang.pick(
                    "内部错误，未能完成检查（请报告此问题）",
                    "internal error, file not checked (please report this)",
                );
                FileReport::failed(path, format!("{message}: {what}"))
            }
        }
    }

    /// The findings of a file holding several reports ([`parse::parts`]), each
    /// part checked as a report of its own; findings said twice (the same rule,
    /// place and words) said once. The edition is the first part's.
    fn check_parts(
        &self,
        doc: &Document,
        parts: &[std::ops::Range<usize>],
        previous: Option<Previous<'_>>,
        options: &Options,
    ) -> (Option<String>, Vec<Diagnostic>) {
        // The file's title and opening are the first part's: a later part is
        // read alone (its own heading and title, when it has one, its own
        // agency), for the file's year.
        let opening = 0..parts[0].start;
        let file_year = options.year.or(doc.report_year.map(|r| r.year));
        let mut first_edition = None;
        let mut found: Vec<Diagnostic> = Vec::new();
        let mut previous = previous;
        for (i, part) in parts.iter().enumerate() {
            let (keep, year) = match i {
                0 => (vec![opening.clone(), part.clone()], options.year),
                _ => (vec![part.clone()], file_year),
            };
            let source = doc.source.with_only(&keep);
            let part_doc = self.read_document(source, year, options);
            // A part without a table after a first part with them is no
            // report (an interpretation of it, `……年度报告》解读`): not checked.
            if i > 0 && part_doc.tables.is_empty() {
                continue;
            }
            let edition = document_edition(&part_doc, &self.format, options.edition.as_deref());
            found.extend(self.findings(&part_doc, edition.as_deref(), previous.take(), options));
            if i == 0 {
                first_edition = edition;
            }
        }
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut seen = std::collections::HashSet::new();
        found.retain(|d| {
            seen.insert((
                d.rule.clone(),
                d.primary.span.start,
                d.primary.span.end,
                d.message.clone(),
            ))
        });
        crate::anchor::fingerprint_all(&mut found);
        (first_edition, found)
    }

    /// Parse text into a document, read its tables and settle its year: the
    /// same steps for a report, last year's report and each part of a file.
    fn read_document(&self, source: SourceFile, year: Option<i32>, options: &Options) -> Document {
        let mut doc = parse::parse(source, &self.format, &ParseOptions { year });
        crate::infer::read_tables(&mut doc, &self.rules, &self.format);
        self.settle_report_year(&mut doc, options.severities.as_deref());
        doc
    }

    /// Every active rule's findings on a document, anchored and placed.
    fn findings(
        &self,
        doc: &Document,
        edition: Option<&str>,
        previous: Option<Previous<'_>>,
        options: &Options,
    ) -> Vec<Diagnostic> {
        let severities = options.severities.as_deref();
        let mut diagnostics = self.run_with(doc, edition, options.lang, severities, previous);
        crate::anchor::annotate(doc, &self.format, &mut diagnostics);
        add_place_notes(&doc.source, &mut diagnostics, options.lang);
        diagnostics
    }

    /// Run every active rule over a parsed document.
    pub fn run(&self, doc: &Document, edition: Option<&str>, lang: Lang) -> Vec<Diagnostic> {
        self.run_with(doc, edition, lang, None, None)
    }

    /// Check a report against its body's year when the body outvotes its
    /// title's, or when neither the title nor a period names one: every rule's
    /// evidence, judged by the title and untitled checks
    /// ([`crate::rules::year::title`], [`crate::rules::year::untitled`]) that are on.
    pub fn settle_report_year(&self, doc: &mut Document, severities: Option<&[Option<Severity>]>) {
        if doc
            .report_year
            .is_some_and(|r| !matches!(r.source, YearSource::Title | YearSource::Period))
        {
            return;
        }
        let (judged, votes) = {
            let cx = Context {
                doc,
                format: &self.format,
                edition: None,
                lang: Lang::Zh,
                previous: None,
            };
            // The rules that are on; with none judging the title, no evidence is gathered.
            let on: Vec<&Rule> = (self.rules.iter().enumerate())
                .filter(|&(i, r)| effective_severity(severities, i, r).is_some())
                .map(|(_, r)| r)
                .collect();
            if !on.iter().any(|r| r.judges_year()) {
                return;
            }
            let mut votes = Vec::new();
            for rule in &self.rules {
                rule.year_votes(&cx, false, &mut votes);
            }
            let costly = |out: &mut Vec<YearVote>| {
                for rule in &self.rules {
                    rule.year_votes(&cx, true, out);
                }
            };
            let judged = on.iter().find_map(|r| r.judge_year(&cx, &mut votes, &costly));
            (judged, votes)
        };
        // The strongest evidence first: the period, a statement, the signature, the tables.
        let (first, source) = match judged {
            Some(YearJudgement::TitleOverruled(o)) => {
                let Some(&first) = o.votes.first() else { return };
                doc.title_overruled = Some(o);
                (first, YearSource::Body)
            }
            Some(YearJudgement::Untitled(votes)) => {
                let Some(&first) = votes.first() else { return };
                doc.untitled_votes = votes;
                doc.period_overruled = doc.report_year.filter(|r| r.source == YearSource::Period);
                (first, YearSource::Untitled)
            }
            None => {
                // Evidence too thin to check against still tells an old
                // report (legacy-format says less with it, never more).
                if doc.report_year.is_none() {
                    doc.untitled_votes = votes;
                }
                return;
            }
        };
        doc.report_year = Some(ReportYear {
            year: first.year,
            span: first.span,
            source,
        });
    }

    /// Run the rules at the given severities (by rule position; `None` is off).
    pub fn run_with(
        &self,
        doc: &Document,
        edition: Option<&str>,
        lang: Lang,
        severities: Option<&[Option<Severity>]>,
        previous: Option<Previous<'_>>,
    ) -> Vec<Diagnostic> {
        let cx = Context {
            doc,
            format: &self.format,
            edition,
            lang,
            previous,
        };
        let mut out = Vec::new();
        let severity = |i: usize, r: &Rule| effective_severity(severities, i, r);
        let active = || {
            self.rules
                .iter()
                .enumerate()
                .filter_map(move |(i, r)| severity(i, r).map(|s| (r, s)))
        };
        for (rule, severity) in active().filter(|(r, _)| r.scope == Scope::Gate) {
            rule.run(&cx, severity, &mut out);
        }
        if !out.is_empty() {
            return settle(out, lang);
        }
        for (rule, severity) in active() {
            budget::check();
            let applies = match rule.scope {
                Scope::Gate => false,
                Scope::Document => rule.edition.is_none() || rule.edition.as_deref() == edition,
                Scope::Tables => true,
            };
            if applies {
                rule.run(&cx, severity, &mut out);
            }
        }
        settle(out, lang)
    }
}

/// A rule's severity in this run: the one the settings give it (by rule
/// position; `None` is off), else its own.
fn effective_severity(severities: Option<&[Option<Severity>]>, i: usize, rule: &Rule) -> Option<Severity> {
    severities.map_or(rule.severity, |s| s.get(i).copied().flatten())
}

/// Two equations that fail by the same amount and share exactly one cell, a
/// summand of both (a row's 自然人 is in its row total and in its column's
/// results total): that one cell explains both, so each is blamed on it, and
/// the grouping in [`settle`] then reports it once. Only findings that no other
/// finding explains already, and whose partners all point at the same cell.
fn reblame_shared_cells(found: &mut [Diagnostic], lang: Lang) {
    let n = found.len();
    let explained: Vec<bool> = (0..n)
        .map(|i| (0..n).any(|j| j != i && explains(&found[j], &found[i])))
        .collect();
    let shared = |a: &Evidence, b: &Evidence| -> Option<Span> {
        if a.difference != b.difference || a.blamed == b.blamed {
            return None;
        }
        let mut common = a.cells.iter().filter(|c| b.cells.contains(c));
        let one = *common.next()?;
        (common.next().is_none() && one != a.blamed && one != b.blamed).then_some(one)
    };
    let mut moves: Vec<(usize, Span)> = Vec::new();
    for i in (0..n).filter(|&i| !explained[i]) {
        let Some(f) = found[i].evidence.as_ref() else { continue };
        let cells: Vec<Span> = (0..n)
            .filter(|&j| j != i && !explained[j])
            .filter_map(|j| found[j].evidence.as_ref().and_then(|g| shared(f, g)))
            .collect();
        if let Some(&x) = cells.first()
            && cells.iter().all(|&c| c == x)
        {
            moves.push((i, x));
        }
    }
    // What the finding nearest the cell calls it (the row's own total names
    // its column), else the first in report order; a zero has no label of its
    // own. Not what the rule that happened to run first calls it.
    let named = |x: Span| -> Option<String> {
        found
            .iter()
            .flat_map(|d| {
                std::iter::once(&d.primary)
                    .chain(&d.secondary)
                    .filter(move |l| l.span == x && !l.previous && !l.message.is_empty())
                    .map(move |l| (d, l))
            })
            .min_by(|(a, la), (b, lb)| {
                let near = |d: &Diagnostic| d.primary.span.start.abs_diff(x.start);
                (near(a).cmp(&near(b)))
                    .then_with(|| a.sort_key().cmp(&b.sort_key()))
                    .then_with(|| la.message.cmp(&lb.message))
            })
            .map(|(_, l)| l.message.clone())
    };
    let names: Vec<Option<String>> = moves.iter().map(|&(_, x)| named(x)).collect();
    for ((i, x), name) in moves.into_iter().zip(names) {
        let d = &mut found[i];
        if let Some(k) = d.secondary.iter().position(|l| l.span == x && !l.previous) {
            d.secondary.remove(k);
        }
        let message = name.unwrap_or_else(|| lang.pick("多半是这一格", "likely this cell").to_string());
        let old = std::mem::replace(&mut d.primary, Label::new(x, message));
        d.secondary.insert(0, old);
        if let Some(e) = d.evidence.as_mut() {
            e.blamed = x;
        }
        d.notes.push(
            lang.pick(
                "这一格同时在另一个不成立、相差相同的关系中：多半是它有误",
                "this cell is also in another relation that fails by the same amount: it is the likely error",
            )
            .to_string(),
        );
    }
}

/// Whether `g`'s blamed cell explains `f`: the same difference, and `f` uses
/// the cell `g` blames while `g` does not use `f`'s.
fn explains(g: &Diagnostic, f: &Diagnostic) -> bool {
    let (Some(ge), Some(fe)) = (&g.evidence, &f.evidence) else {
        return false;
    };
    ge.difference == fe.difference
        && ge.blamed != fe.blamed
        && fe.cells.contains(&ge.blamed)
        && !ge.cells.contains(&fe.blamed)
}

/// Last year's report to check a file beside.
#[derive(Debug, Clone)]
pub struct PreviousFile {
    pub path: PathBuf,
    /// Named by the user (`--previous`), not found by its name in the batch.
    pub named: bool,
}

/// Whether `last` is the report for the year before `doc`'s, of the same agency
/// as far as both titles tell.
fn follows(last: &Document, doc: &Document) -> bool {
    let (Some(y0), Some(y1)) = (&last.report_year, &doc.report_year) else {
        return false;
    };
    if y0.year + 1 != y1.year {
        return false;
    }
    match (last.agency(), doc.agency()) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Where a finding is in the original file, for a text view of a Word document
/// or a web page (`第3个表格 第5行 第3列`), or a PDF (`第2页`).
/// An empty source for a file that was not read or not checked through.
fn refused(name: &str, format: &'static str, why: Refusal) -> SourceFile {
    SourceFile::new(name, "").with_provenance(Provenance {
        format,
        refused: Some(why),
        ..Provenance::default()
    })
}

/// Where a label in last year's report is, as a note, for the outputs that
/// show only the primary label (concise, GitHub, JUnit, the HTML report).
fn add_previous_notes(last: &SourceFile, diagnostics: &mut [Diagnostic], lang: Lang) {
    for d in diagnostics {
        let notes: Vec<String> = d
            .secondary
            .iter()
            .filter(|l| l.previous)
            .map(|l| {
                let line = last.position(l.span.start).line;
                lang.pick_with(
                    || format!("上年报告 {} 第{line}行：{}", last.name(), l.message),
                    || format!("last year's report {}, line {line}: {}", last.name(), l.message),
                )
            })
            .collect();
        d.notes.extend(notes);
    }
}

fn add_place_notes(source: &SourceFile, diagnostics: &mut [Diagnostic], lang: Lang) {
    let p = source.provenance();
    let (zh_in, en_in) = match p.format {
        "docx" => ("Word 文档中的位置", "in the Word document"),
        "html" => ("网页中的位置", "in the web page"),
        "pdf" => ("PDF 中的位置", "in the PDF"),
        _ => return,
    };
    for d in diagnostics {
        let at = d.primary.span.start;
        let place = match (p.format, p.place_at(at)) {
            ("pdf", _) => {
                let page = source.page(at);
                lang.pick_with(|| format!("第{page}页"), || format!("page {page}"))
            }
            (_, Some(Place::Cell { table, row, column })) => lang.pick_with(
                || format!("第{table}个表格 第{row}行 第{column}列"),
                || format!("table {table}, row {row}, column {column}"),
            ),
            (_, Some(Place::PageTitle)) => lang.pick("页面标题（<title>）", "the page's <title>").to_string(),
            (_, Some(Place::Paragraph { index, excerpt })) => lang.pick_with(
                || format!("第{index}段（“{excerpt}…”）"),
                || format!("paragraph {index} (“{excerpt}…”)"),
            ),
            _ => continue,
        };
        // A web page's line, to find it in the page's source too.
        let place = match source.page_line(at) {
            Some(line) => lang.pick_with(
                || format!("{place}，源代码第{line}行"),
                || format!("{place}, line {line} of its source"),
            ),
            None => place,
        };
        d.notes
            .push(lang.pick_with(|| format!("{zh_in}：{place}"), || format!("{en_in}: {place}")));
    }
}

/// The edition a document is checked against: forced, else the one covering the
/// report year, else the one most of its readable tables follow (not one read
/// as well by either edition: its telling rows missing).
pub fn document_edition(doc: &Document, format: &Format, forced: Option<&str>) -> Option<String> {
    if let Some(e) = forced {
        return Some(e.to_string());
    }
    if let Some(y) = doc.report_year {
        return format.edition_for_year(y.year).map(|e| e.id.clone());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in doc
        .tables
        .iter()
        .filter(|t| t.readable == crate::model::Readability::Ok && crate::telltale::tells_edition(format, t))
    {
        if let Some(e) = &t.edition {
            match counts.iter_mut().find(|(k, _)| k == e) {
                Some((_, n)) => *n += 1,
                None => counts.push((e, 1)),
            }
        }
    }
    // Most tables first; a tie goes to the earlier edition id, not to table order.
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts.first().map(|(e, _)| e.to_string())
}

/// Remove the findings another finding explains, then order them. Which findings
/// remain depends only on the set of findings, never on the order the rules ran.
///
/// One wrong number breaks every equation it is in: a wrong 总计 breaks its row
/// and its column. A failed equation blames its primary cell for the difference
/// (its [`Evidence`](crate::diag::Evidence)); another failure with the same
/// difference that uses that cell, and does not itself explain the blamed one's,
/// is explained by it. A finding is dropped when a finding that nothing explains
/// explains it. Of several failures blaming the same cell by the same difference,
/// the most local one is kept (its cells cover the least text: a row before a
/// column; then fewest cells, then rule id), with a note naming the others.
pub fn settle(mut found: Vec<Diagnostic>, lang: Lang) -> Vec<Diagnostic> {
    reblame_shared_cells(&mut found, lang);
    let n = found.len();
    // Only findings off by the same difference can explain each other: each
    // is compared with those alone (a file with thousands of findings).
    let mut by_difference: Vec<(i128, usize)> = (found.iter().enumerate())
        .filter_map(|(i, d)| d.evidence.as_ref().map(|e| (e.difference, i)))
        .collect();
    by_difference.sort_unstable();
    let mut peers: Vec<&[(i128, usize)]> = vec![&[]; n];
    for group in by_difference.chunk_by(|a, b| a.0 == b.0) {
        for &(_, i) in group {
            peers[i] = group;
        }
    }
    let unexplained: Vec<bool> = (0..n)
        .map(|i| !peers[i].iter().any(|&(_, j)| j != i && explains(&found[j], &found[i])))
        .collect();
    let keep: Vec<bool> = (0..n)
        .map(|i| {
            !peers[i]
                .iter()
                .any(|&(_, j)| j != i && unexplained[j] && explains(&found[j], &found[i]))
        })
        .collect();
    // Each finding's place in its own rule's output: a rule's findings are
    // contiguous, and their order is the rule's, whatever order the rules ran in.
    let mut seq = Vec::with_capacity(n);
    for (i, d) in found.iter().enumerate() {
        let same_rule_before = i > 0 && found[i - 1].rule == d.rule;
        seq.push(if same_rule_before { seq[i - 1] + 1 } else { 0usize });
    }
    let kept: Vec<(usize, Diagnostic)> = found
        .into_iter()
        .zip(seq)
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((d, s), _)| (s, d))
        .collect();

    // One cell, one difference: one finding.
    let rank = |d: &Diagnostic| {
        let (extent, cells) = d.evidence.as_ref().map_or((0, 0), |e| {
            let start = e.cells.iter().map(|s| s.start).min().unwrap_or(0);
            let end = e.cells.iter().map(|s| s.end).max().unwrap_or(0);
            (end - start, e.cells.len())
        });
        (std::cmp::Reverse(d.severity), extent, cells)
    };
    let by_rank = |a: &Diagnostic, b: &Diagnostic| {
        (rank(a).cmp(&rank(b)))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.message.cmp(&b.message))
    };
    let mut merged: Vec<(usize, Diagnostic)> = Vec::with_capacity(kept.len());
    // (blamed cell, difference) → the findings blaming it, with their place in their rule.
    type Group = ((Span, i128), Vec<(usize, Diagnostic)>);
    let mut groups: Vec<Group> = Vec::new();
    let mut group_at: FnvHashMap<(Span, i128), usize> = FnvHashMap::default();
    for (s, d) in kept {
        match d.evidence.as_ref().map(|e| (e.blamed, e.difference)) {
            Some(k) => match group_at.get(&k) {
                Some(&g) => groups[g].1.push((s, d)),
                None => {
                    group_at.insert(k, groups.len());
                    groups.push((k, vec![(s, d)]));
                }
            },
            None => merged.push((s, d)),
        }
    }
    for (_, mut list) in groups {
        list.sort_by(|(_, a), (_, b)| by_rank(a, b));
        let (s, mut first) = list.remove(0);
        if !list.is_empty() {
            let mut others: Vec<&str> = list.iter().map(|(_, d)| d.rule.as_str()).collect();
            others.dedup();
            first.notes.push(match lang {
                Lang::Zh => format!("同一个数也使这些关系不成立：{}", others.join("、")),
                Lang::En => format!("the same number also breaks: {}", others.join(", ")),
            });
        }
        merged.push((s, first));
    }
    merged.sort_by(|(sa, a), (sb, b)| a.sort_key().cmp(&b.sort_key()).then(sa.cmp(sb)));
    merged.into_iter().map(|(_, d)| d).collect()
}
