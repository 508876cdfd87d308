//! `--statistics`: how many findings of each rule, and in each file.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::diag::{FileReport, Lang, Severity};

#[derive(Debug, Serialize)]
pub struct Statistics {
    /// Rule id → (severity, count), most frequent first.
    pub rules: Vec<RuleCount>,
    pub files: Vec<FileCount>,
}

#[derive(Debug, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub severity: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct FileCount {
    pub path: String,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn of(reports: &[FileReport]) -> Statistics {
    let mut tally = Tally::default();
    for r in reports {
        tally.add(r);
    }
    tally.finish()
}

/// Statistics gathered one report at a time, the reports let go.
#[derive(Debug, Default)]
pub struct Tally {
    rules: BTreeMap<(String, Severity), usize>,
    files: Vec<FileCount>,
}

impl Tally {
    pub fn add(&mut self, r: &FileReport) {
        for d in &r.diagnostics {
            *self.rules.entry((d.rule.clone(), d.severity)).or_default() += 1;
        }
        self.files.push(FileCount {
            path: r.path.clone(),
            errors: r.count(Severity::Error) + usize::from(r.error.is_some()),
            warnings: r.count(Severity::Warning),
            infos: r.count(Severity::Info),
        });
    }

    pub fn finish(self) -> Statistics {
        let mut rules: Vec<RuleCount> = self
            .rules
            .into_iter()
            .map(|((rule, severity), count)| RuleCount {
                rule,
                severity: severity.as_str(),
                count,
            })
            .collect();
        rules.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        Statistics {
            rules,
            files: self.files,
        }
    }
}

pub fn render(stats: &Statistics, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", lang.pick("按规则：", "by rule:"));
    for r in &stats.rules {
        let _ = writeln!(out, "{:>6}  {:<8} {}", r.count, r.severity, r.rule);
    }
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick("按文件（错误 警告 提示）：", "by file (errors warnings infos):")
    );
    for f in &stats.files {
        let _ = writeln!(out, "{:>6} {:>6} {:>6}  {}", f.errors, f.warnings, f.infos, f.path);
    }
    out
}
