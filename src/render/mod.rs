//! Turning file reports into output: rustc-style text or JSON.

pub mod human;
pub mod json;
pub mod snippet;

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
            files: reports.len(),
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
