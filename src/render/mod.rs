//! Turning file reports into output: rustc-style text, one line per finding,
//! JSON, SARIF, GitHub workflow commands, JUnit XML, statistics.

pub mod concise;
pub mod github;
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
        let mut s = Summary {
            files: reports.iter().filter(|r| r.checked).count(),
            ..Default::default()
        };
        for r in reports {
            s.errors += r.count(Severity::Error) + usize::from(r.error.is_some());
            s.warnings += r.count(Severity::Warning);
            s.infos += r.count(Severity::Info);
        }
        s
    }
}
