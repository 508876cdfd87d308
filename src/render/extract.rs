//! `nianbao extract`: the tables read from each report, as CSV (one record per
//! cell) or as JSON (one document per file, one per line).

use serde::Serialize;

use crate::diag::FileReport;
use crate::grid::{CSV_HEADER, Extract, csv_records};

/// The CSV header line.
pub fn csv_header() -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(CSV_HEADER);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One file's cells as CSV records (nothing for a file not read).
pub fn csv(report: &FileReport) -> String {
    let Some(extract) = &report.extract else {
        return String::new();
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    for record in csv_records(&report.path, report.report_year, report.edition.as_deref(), extract) {
        let _ = w.write_record(&record);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[derive(Serialize)]
struct FileTables<'a> {
    path: &'a str,
    agency: Option<&'a str>,
    report_year: Option<i32>,
    edition: Option<&'a str>,
    error: Option<&'a str>,
    tables: &'a [crate::grid::Grid],
}

/// One file's tables as one line of JSON.
pub fn json_line(report: &FileReport) -> String {
    let empty = Extract::default();
    let extract = report.extract.as_ref().unwrap_or(&empty);
    let doc = FileTables {
        path: &report.path,
        agency: extract.agency.as_deref(),
        report_year: report.report_year,
        edition: report.edition.as_deref(),
        error: report.error.as_deref(),
        tables: &extract.tables,
    };
    let mut line = serde_json::to_string(&doc).expect("serializable");
    line.push('\n');
    line
}
