//! Turning file reports into output: rustc-style text, one line per finding,
//! JSON, SARIF, GitHub workflow commands, JUnit XML, statistics.

pub mod concise;
pub mod extract;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod snippet;
pub mod stats;

use crate::diag::{FileReport, Severity};

/// Totals over a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    /// Error-level findings, plus files that could not be checked.
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        for r in reports {
            s.add(r);
        }
        s
    }

    /// Count one more report.
    pub fn add(&mut self, r: &FileReport) {
        self.files += usize::from(r.checked);
        self.errors += r.count(Severity::Error) + usize::from(r.error.is_some());
        self.warnings += r.count(Severity::Warning);
        self.infos += r.count(Severity::Info);
    }
}
