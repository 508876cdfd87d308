//! Suppressions: findings an office has looked at and accepts. Word and PDF
//! reports cannot carry comments, so they live beside the reports:
//!
//! - `nianbao-ignore.toml`, found like `nianbao.toml`: `[[ignore]]` entries naming
//!   files (globs), a rule, an anchor — a table cell, a section, a line's text or
//!   a finding's fingerprint, never a line number — and a reason;
//! - a baseline (`--write-baseline`, `--baseline`): the same format, one entry
//!   per finding, keyed by fingerprint;
//! - inline comments where the format has them (Markdown, HTML):
//!   `<!-- nianbao-disable RULE -->` … `<!-- nianbao-enable -->` and
//!   `<!-- nianbao-disable-next-line RULE -->`.
//!
//! A suppression that matches nothing is reported (`suppression-unused`).

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeValue;

use crate::diag::{Anchor, Diagnostic, FileReport, Label, Lang, Severity};
use crate::label::is_space;
use crate::rulefile::{FileId, RuleFileError, SourceMap, display_path, span_of};
use crate::source::{SourceFile, Span};

/// The file name looked for beside a report and in the folders above it.
pub const IGNORE_NAME: &str = "nianbao-ignore.toml";

/// The id under which unused suppressions are reported.
pub const UNUSED: &str = "suppression-unused";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct IgnoreFileSpec {
    #[serde(default)]
    ignore: Vec<Spanned<EntrySpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EntrySpec {
    files: Vec<Spanned<String>>,
    rule: Spanned<String>,
    cell: Option<String>,
    section: Option<String>,
    line: Option<String>,
    fingerprint: Option<String>,
    reason: Spanned<String>,
}

/// One `[[ignore]]` entry.
#[derive(Debug)]
struct Entry {
    files: GlobSet,
    rule: String,
    cell: Option<String>,
    section: Option<String>,
    /// Without spaces.
    line: Option<String>,
    fingerprint: Option<String>,
    /// The `[[ignore]]` header (global span).
    span: Span,
}

impl Entry {
    fn matches(&self, d: &Diagnostic) -> bool {
        d.rule == self.rule
            && self.cell.as_ref().is_none_or(|c| d.anchor.cell.as_ref() == Some(c))
            && self
                .section
                .as_ref()
                .is_none_or(|s| d.anchor.section.as_ref() == Some(s))
            && self.line.as_ref().is_none_or(|l| d.anchor.line.contains(l.as_str()))
            && self.fingerprint.as_ref().is_none_or(|f| *f == d.fingerprint)
    }
}

/// An ignore file or a baseline, read.
#[derive(Debug)]
struct IgnoreFile {
    path: PathBuf,
    /// Globs are relative to this folder.
    dir: PathBuf,
    id: FileId,
    entries: Vec<Entry>,
    /// A baseline applies to every file checked; an ignore file to those below it.
    baseline: bool,
}

/// Which suppression a finding matched, or which one was looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryRef {
    file: usize,
    entry: usize,
}

/// What applying suppressions to one report found.
#[derive(Debug, Default)]
pub struct Applied {
    /// Entries that matched a finding.
    pub used: Vec<EntryRef>,
    /// Entries whose files include this report: they could have matched.
    pub judged: Vec<EntryRef>,
}

/// What applying suppressions to every report of a run found, gathered as
/// each report is done (a batch keeps no list of them).
#[derive(Debug, Default)]
pub struct Usage {
    used: std::collections::HashSet<EntryRef>,
    judged: std::collections::HashSet<EntryRef>,
}

impl Usage {
    pub fn add(&mut self, applied: Applied) {
        self.used.extend(applied.used);
        self.judged.extend(applied.judged);
    }
}

/// Every ignore file and baseline of a run.
#[derive(Debug, Default)]
pub struct Suppressions {
    pub sources: SourceMap,
    files: Vec<IgnoreFile>,
}

impl Suppressions {
    pub fn new() -> Suppressions {
        Suppressions::default()
    }

    /// Read a baseline: it applies to every file of the run.
    pub fn add_baseline(&mut self, path: &Path) -> Result<(), RuleFileError> {
        self.read(path, true).map(|_| ())
    }

    /// The nearest `nianbao-ignore.toml` up from `file` (read once), if any.
    pub fn ignore_file_for(&mut self, file: &Path) -> Result<Option<usize>, RuleFileError> {
        let abs = crate::rulefile::clean_absolute(file);
        let mut dir = abs.parent();
        while let Some(d) = dir {
            let candidate = d.join(IGNORE_NAME);
            if candidate.is_file() {
                if let Some(i) = self.files.iter().position(|f| f.path == candidate && !f.baseline) {
                    return Ok(Some(i));
                }
                return self.read(&candidate, false).map(Some);
            }
            dir = d.parent();
        }
        Ok(None)
    }

    fn read(&mut self, path: &Path, baseline: bool) -> Result<usize, RuleFileError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| RuleFileError::bare(format!("cannot read {}: {e}", path.display())))?;
        let id = self.sources.add(display_path(path), text);
        let root = self.sources.parse(id)?;
        let span = span_of(&root);
        let spec: IgnoreFileSpec = self
            .sources
            .deserialize(Spanned::new(span.range(), DeValue::Table(root.into_inner())), &[])?;
        let abs = crate::rulefile::clean_absolute(path);
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut entries = Vec::new();
        for e in spec.ignore {
            let header = span_of(&e);
            let e = e.into_inner();
            if e.reason.get_ref().trim().is_empty() {
                return Err(self
                    .sources
                    .error(span_of(&e.reason), "`reason` is empty")
                    .note("say why the finding is accepted, so the next editor knows"));
            }
            if e.cell.is_none() && e.section.is_none() && e.line.is_none() && e.fingerprint.is_none() {
                return Err(self
                    .sources
                    .error(
                        header,
                        "an entry needs an anchor: `cell`, `section`, `line` or `fingerprint`",
                    )
                    .note("to turn a rule off for whole files, use `[[overrides]]` with `ignore` in nianbao.toml"));
            }
            if e.files.is_empty() {
                return Err(self.sources.error(header, "`files` needs at least one glob"));
            }
            let mut b = GlobSetBuilder::new();
            for f in &e.files {
                let glob = GlobBuilder::new(f.get_ref())
                    .case_insensitive(true)
                    .literal_separator(true)
                    .build()
                    .map_err(|err| self.sources.error(span_of(f), format!("invalid glob: {}", err.kind())))?;
                b.add(glob);
            }
            entries.push(Entry {
                files: b.build().map_err(|err| RuleFileError::bare(err.to_string()))?,
                rule: e.rule.into_inner(),
                cell: e.cell,
                section: e.section,
                line: e.line.map(|l| l.chars().filter(|c| !is_space(*c)).collect()),
                fingerprint: e.fingerprint,
                span: header,
            });
        }
        self.files.push(IgnoreFile {
            path: path.to_path_buf(),
            dir,
            id,
            entries,
            baseline,
        });
        Ok(self.files.len() - 1)
    }

    /// Remove from `report` the findings its suppressions match: those of
    /// `ignore_file` (from [`Suppressions::ignore_file_for`]), every baseline,
    /// and its inline comments (Markdown and HTML). Unused inline comments are
    /// reported in the file itself.
    pub fn apply(&self, path: &Path, ignore_file: Option<usize>, report: &mut FileReport, lang: Lang) -> Applied {
        let mut applied = Applied::default();
        let abs = crate::rulefile::clean_absolute(path);
        let files = self
            .files
            .iter()
            .enumerate()
            .filter(|(i, f)| f.baseline || Some(*i) == ignore_file);
        let mut candidates: Vec<(EntryRef, &Entry)> = Vec::new();
        for (i, f) in files {
            let rel = relative(&abs, &f.dir);
            for (k, e) in f.entries.iter().enumerate() {
                if e.files.is_match(&rel) {
                    let r = EntryRef { file: i, entry: k };
                    applied.judged.push(r);
                    candidates.push((r, e));
                }
            }
        }
        report.diagnostics.retain(|d| {
            let hit = candidates.iter().find(|(_, e)| e.matches(d));
            if let Some((r, _)) = hit {
                applied.used.push(*r);
            }
            hit.is_none()
        });
        if let Some(source) = &report.source
            && has_comments(path)
        {
            let unused = apply_inline(source, &mut report.diagnostics, lang);
            report.diagnostics.extend(unused);
            report.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        applied
    }

    /// The `suppression-unused` findings of the ignore files and baselines: entries
    /// that could have matched (their files were checked) but matched nothing.
    pub fn unused(&self, usage: &Usage, lang: Lang) -> Vec<FileReport> {
        let Usage { used, judged } = usage;
        let mut reports = Vec::new();
        for (i, f) in self.files.iter().enumerate() {
            let mut diagnostics = Vec::new();
            for (k, e) in f.entries.iter().enumerate() {
                let r = EntryRef { file: i, entry: k };
                if !judged.contains(&r) || used.contains(&r) {
                    continue;
                }
                let Some((_, local)) = self.sources.locate(e.span) else {
                    continue;
                };
                diagnostics.push(unused_diagnostic(
                    local,
                    lang.pick("没有匹配任何问题", "matches no finding"),
                    lang.pick(
                        &format!("对应的问题已不存在，或规则名、位置写得不对（规则：{}）；删除这一条，或改正它", e.rule),
                        &format!(
                            "the finding is gone, or the rule or anchor is wrong (rule: {}); delete the entry, or correct it",
                            e.rule
                        ),
                    ),
                    lang,
                ));
            }
            if !diagnostics.is_empty() {
                reports.push(FileReport {
                    previous: None,
                    extract: None,
                    path: display_path(&f.path),
                    source: Some(self.sources.file(f.id).clone()),
                    report_year: None,
                    edition: None,
                    error: None,
                    diagnostics,
                    checked: false,
                });
            }
        }
        reports
    }
}

fn unused_diagnostic(span: Span, label: &str, note: &str, lang: Lang) -> Diagnostic {
    Diagnostic {
        rule: UNUSED.to_string(),
        kind: "suppression",
        severity: Severity::Warning,
        message: lang
            .pick("忽略条目没有匹配任何问题", "this suppression matches no finding")
            .to_string(),
        primary: Label::new(span, label),
        secondary: Vec::new(),
        notes: vec![note.to_string()],
        evidence: None,
        about: None,
        anchor: Anchor::default(),
        fingerprint: String::new(),
    }
}

/// `file` relative to `dir`, with `..` where it lies outside.
pub fn relative(file: &Path, dir: &Path) -> PathBuf {
    if let Ok(rel) = file.strip_prefix(dir) {
        return rel.to_path_buf();
    }
    let f: Vec<Component<'_>> = file.components().collect();
    let d: Vec<Component<'_>> = dir.components().collect();
    let common = f.iter().zip(&d).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return file.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..d.len() {
        out.push("..");
    }
    for c in &f[common..] {
        out.push(c.as_os_str());
    }
    out
}

fn has_comments(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "html" | "htm"))
}

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--\s*nianbao-(disable-next-line|disable|enable)\b([^>]*?)-->").expect("valid"));

/// A stretch of a file where some rules (all, when empty) are off.
#[derive(Debug)]
struct Region {
    rules: Vec<String>,
    start: usize,
    end: usize,
    comment: Span,
    used: bool,
}

/// Drop findings inside disabled regions; return `suppression-unused` findings
/// for regions that dropped nothing.
fn apply_inline(source: &SourceFile, diagnostics: &mut Vec<Diagnostic>, lang: Lang) -> Vec<Diagnostic> {
    let text = source.text();
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for c in COMMENT.captures_iter(text) {
        let whole = c.get(0).unwrap();
        let rules: Vec<String> = c[2]
            .split([',', ' ', '\t'])
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        let comment = Span::new(whole.start(), whole.end());
        match &c[1] {
            "disable" => {
                regions.push(Region {
                    rules,
                    start: whole.end(),
                    end: text.len(),
                    comment,
                    used: false,
                });
                open.push(regions.len() - 1);
            }
            "enable" => {
                open.retain(|&i| {
                    let closes = rules.is_empty() || regions[i].rules.iter().any(|r| rules.contains(r));
                    if closes {
                        regions[i].end = whole.start();
                    }
                    !closes
                });
            }
            _ => {
                // The next line with text on it.
                let mut line = source.line_index(whole.end()) + 1;
                while line < source.line_count() && source.line(line).trim_matches(is_space).is_empty() {
                    line += 1;
                }
                if line < source.line_count() {
                    let range = source.line_range(line);
                    regions.push(Region {
                        rules,
                        start: range.start,
                        end: range.end,
                        comment,
                        used: false,
                    });
                }
            }
        }
    }
    if regions.is_empty() {
        return Vec::new();
    }
    diagnostics.retain(|d| {
        let at = d.primary.span.start;
        let hit = regions.iter_mut().find(|r| {
            r.start <= at
                && at < r.end.max(r.start + 1)
                && (r.rules.is_empty() || r.rules.iter().any(|x| *x == d.rule || x == d.kind))
        });
        match hit {
            Some(r) => {
                r.used = true;
                false
            }
            None => true,
        }
    });
    let mut unused = Vec::new();
    for r in regions.iter().filter(|r| !r.used) {
        let rules = if r.rules.is_empty() {
            lang.pick("所有规则", "every rule").to_string()
        } else {
            r.rules.join(", ")
        };
        unused.push(unused_diagnostic(
            r.comment,
            lang.pick("没有关掉任何问题", "turns off no finding"),
            lang.pick(
                &format!("此处关闭的（{rules}）没有问题可关；删除这条注释，或改正规则名"),
                &format!("nothing to turn off here ({rules}); delete the comment, or correct the rule"),
            ),
            lang,
        ));
    }
    unused
}

/// A baseline: one entry per finding, keyed by fingerprint, paths relative to
/// the baseline's folder.
pub fn baseline(reports: &[FileReport], baseline_path: &Path) -> (String, usize) {
    let abs = crate::rulefile::clean_absolute(baseline_path);
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut out = String::from(
        "# nianbao baseline: findings accepted as they are, written by `nianbao check --write-baseline`.\n\
         # `nianbao check --baseline FILE` leaves them out; an entry that no longer matches is reported.\n",
    );
    let mut count = 0;
    for report in reports {
        let file = crate::rulefile::clean_absolute(Path::new(&report.path));
        let rel = relative(&file, &dir).display().to_string().replace('\\', "/");
        for d in &report.diagnostics {
            if d.rule == UNUSED || d.fingerprint.is_empty() {
                continue;
            }
            let line = report
                .source
                .as_ref()
                .map(|s| s.position(d.primary.span.start).line)
                .unwrap_or(0);
            let _ = write!(
                out,
                "\n# {}:{line}: {}\n[[ignore]]\nfiles = [{}]\nrule = {}\nfingerprint = \"{}\"\nreason = \"baseline\"\n",
                rel,
                d.message.replace('\n', " "),
                toml_string(&globset::escape(&rel)),
                toml_string(&d.rule),
                d.fingerprint
            );
            count += 1;
        }
    }
    (out, count)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/a/b/c.txt"), Path::new("/a")),
            PathBuf::from("b/c.txt")
        );
        assert_eq!(
            relative(Path::new("/a/b/c.txt"), Path::new("/a/d")),
            PathBuf::from("../b/c.txt")
        );
    }
}
