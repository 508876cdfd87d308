//! Checks over the real reports in `../shared` (seeds and corpus). They are not
//! part of the project, so these tests are ignored by `cargo test` and run by
//! `.ci/run` with `NIANBAO_SHARED` pointing at that folder.

mod common;

use std::path::PathBuf;

use common::*;
use nianbao::model::{Readability, RowShape, YearSource};
use nianbao::number::CellValue;
use nianbao::parse::{ParseOptions, parse};
use nianbao::source::{SourceFile, Span};
use nianbao::{Linter, Options};

fn shared() -> PathBuf {
    let dir = std::env::var_os("NIANBAO_SHARED").expect("set NIANBAO_SHARED to the shared folder (see .ci/run)");
    PathBuf::from(dir)
}

fn real_reports() -> Vec<PathBuf> {
    let root = shared();
    let mut files = Vec::new();
    for sub in ["seeds", "corpus/real"] {
        files.extend(files_under(&root.join(sub)));
    }
    assert!(files.len() >= 30, "the shared folder has its reports: {}", files.len());
    files
}

#[test]
#[ignore = "reads ../shared; run by .ci/run"]
fn findings_on_real_reports_do_not_depend_on_rule_order() {
    let dir = tempfile::tempdir().unwrap();
    let reversed = dir.path().join("reversed.toml");
    std::fs::write(&reversed, common_rules_reversed()).unwrap();
    let builtin = Linter::builtin().unwrap();
    let redefined = Linter::load(&[reversed]).unwrap();
    let mut backwards = Linter::builtin().unwrap();
    backwards.rules.reverse();
    for file in real_reports() {
        let expected = json_with(&builtin, &file);
        assert_eq!(expected, json_with(&redefined, &file), "{}", file.display());
        assert_eq!(expected, json_with(&backwards, &file), "{}", file.display());
    }
}

#[test]
#[ignore = "reads ../shared; run by .ci/run"]
fn seeds_read_the_same_in_every_format() {
    let mut n = 0;
    for path in files_under(&shared().join("seeds")) {
        let text = std::fs::read_to_string(&path).unwrap();
        common::convert::assert_same_in_every_format(&path.display().to_string(), &text);
        n += 1;
    }
    assert!(n >= 5, "the seeds are there");
}

#[test]
#[ignore = "reads ../shared; run by .ci/run"]
fn the_real_pdf_reads_as_the_text_pdftotext_makes_of_it() {
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        // .ci/run installs poppler-utils where it can; elsewhere there is no PDF to read.
        return;
    }
    let linter = Linter::builtin().unwrap();
    let options = nianbao::Options::default();
    let pdf = linter.check_path(&shared().join("corpus/pdf/2024_huaian_szf.pdf"), &options);
    let text = linter.check_path(&shared().join("corpus/real/2024_huaian_szf_pdflayout.txt"), &options);
    assert_eq!(pdf.error, None);
    assert_eq!(pdf.source.as_ref().unwrap().provenance().format, "pdf");
    let doc = nianbao::parse::parse(pdf.source.clone().unwrap(), &linter.format, &Default::default());
    assert_eq!(doc.sections.len(), 6, "every section found");
    assert!(doc.tables.iter().all(|t| t.readable == nianbao::model::Readability::Ok));
    let ids = |r: &nianbao::FileReport| r.diagnostics.iter().map(|d| d.rule.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&pdf), ids(&text));
}

#[test]
#[ignore = "reads ../shared; run by .ci/run"]
fn the_real_web_pages_have_their_tables_read() {
    let linter = Linter::builtin().unwrap();
    // 表三 has 23 data rows in the 2019 edition, 25 in 2021's.
    for (page, title, rows) in [
        (
            "2019_shanghai_szfbgt_html.html",
            "2019年上海市人民政府办公厅政府信息公开工作年度报告",
            23,
        ),
        (
            "2023_shuyang_fgj_html.html",
            "沭阳县发展和改革局2023年政府信息公开年度报告",
            25,
        ),
    ] {
        let report = linter.check_path(&shared().join("corpus/real").join(page), &nianbao::Options::default());
        assert_eq!(report.error, None, "{page}");
        let source = report.source.clone().unwrap();
        assert_eq!(source.provenance().format, "html");
        assert!(
            source.text().starts_with(title),
            "{page}: the report is taken out of the page"
        );
        let doc = nianbao::parse::parse(source, &linter.format, &Default::default());
        assert_eq!(doc.sections.len(), 6, "{page}");
        for key in ["disclosure", "applications", "appeals"] {
            let t = table(&doc, key);
            assert_eq!(t.readable, nianbao::model::Readability::Ok, "{page}: {key}");
        }
        // 表三: every row with its seven cells.
        let applications = table(&doc, "applications");
        let full = applications.rows().filter(|r| r.cells.len() == 7).count();
        assert_eq!(full, rows, "{page}");
    }
}

/// Findings as (rule, message): what a change adds shows up as a new pair,
/// wherever the offsets moved.
fn said(name: &str, text: &str) -> std::collections::BTreeSet<(String, String)> {
    let report = config().check_source(SourceFile::new(name, text), &Options::default());
    report.diagnostics.into_iter().map(|d| (d.rule, d.message)).collect()
}

/// One digit of a count changed, its length kept (run-together digits stay as
/// many): the last digit up by one, a 9 down to 8.
fn changed(text: &str, span: Span) -> String {
    let cell = &text[span.range()];
    let last = cell
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit())
        .expect("a digit");
    let digit = cell.as_bytes()[last.0];
    let new = if digit == b'9' { b'8' } else { digit + 1 };
    let at = span.start + last.0;
    format!("{}{}{}", &text[..at], new as char, &text[at + 1..])
}

#[test]
#[ignore = "reads ../shared; run by .ci/run"]
fn changes_to_real_reports_are_found() {
    // The real reports as published, each changed in one place the way an
    // editor's slip would: a count in a table that was read, the title's year.
    let (mut cells, mut cells_found, mut titles, mut titles_found) = (0, 0, 0, 0);
    let mut missed = Vec::new();
    for path in files_under(&shared().join("corpus/real")) {
        let Some(ext) = path
            .extension()
            .and_then(|e| e.to_str())
            .filter(|e| matches!(*e, "txt" | "md"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let name = format!("report.{ext}");
        let before = said(&name, &text);
        let mut doc = parse(
            SourceFile::new(&name, text.as_str()),
            &config().format,
            &ParseOptions::default(),
        );
        nianbao::infer::read_tables(&mut doc, &config().rules, &config().format);
        // Tables 三 and 四, where every count takes part in a sum (in table 二
        // many stand alone, and a change there is not an error anyone can see).
        let summed = |t: &&nianbao::model::Table| t.readable == Readability::Ok && t.key != "disclosure";
        for table in doc.tables.iter().filter(summed) {
            for (k, row) in table.rows().enumerate() {
                for (c, cell) in row.cells.iter().enumerate() {
                    // A sample: every fifth cell, spread over rows and columns.
                    let CellValue::Number(n) = &cell.value else { continue };
                    if (k * 7 + c) % 5 != 0 || !n.is_integer() || row.shape != RowShape::Ok {
                        continue;
                    }
                    cells += 1;
                    if said(&name, &changed(&text, cell.span)).is_subset(&before) {
                        missed.push(format!("{} {} {}", path.display(), table.key, cell.span.start));
                    } else {
                        cells_found += 1;
                    }
                }
            }
        }
        if let Some(year) = doc.report_year.filter(|y| y.source == YearSource::Title) {
            for other in [year.year - 1, year.year + 1] {
                let edited = format!("{}{other}{}", &text[..year.span.start], &text[year.span.end..]);
                titles += 1;
                if said(&name, &edited)
                    .iter()
                    .any(|(rule, _)| rule == "title-year-mismatch")
                {
                    titles_found += 1;
                } else {
                    missed.push(format!("{} title {other}", path.display()));
                }
            }
        }
    }
    assert!(
        cells >= 300 && titles >= 20,
        "the corpus has its tables and titles: {cells} cells, {titles} titles"
    );
    // Measured: every changed count of a table read is found, and every title.
    assert!(
        cells_found * 100 >= cells * 99,
        "cells {cells_found}/{cells}: {missed:#?}"
    );
    assert!(
        titles_found * 100 >= titles * 95,
        "titles {titles_found}/{titles}: {missed:#?}"
    );
}
