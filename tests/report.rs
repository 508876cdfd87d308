//! Seeing the findings: the HTML report (`check --format html`) and the tables as
//! data (`nianbao extract`). The report is also opened in a real browser when
//! Chromium is installed (`.ci/run` installs it and requires the test).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

mod common;

const EXAMPLE: &str = "fixtures/example/示例区人力资源和社会保障局2020年报告.txt";

fn nianbao() -> Command {
    let mut cmd = Command::cargo_bin("nianbao").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("NO_COLOR");
    cmd
}

fn csv_records(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn extract_writes_one_csv_record_per_cell_with_blanks_kept() {
    let out = nianbao().args(["extract", EXAMPLE]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(
        "path,agency,year,edition,table,row_key,row_label,column_key,column_label,value,line,column,kind,unit,text\n"
    ));
    let records = csv_records(&text);
    assert!(records.iter().all(|r| r.len() == 15));
    assert!(
        records
            .iter()
            .all(|r| &r[1] == "示例区人力资源和社会保障局" && &r[2] == "2020" && &r[3] == "2019")
    );
    // Table 三: 23 data rows of 7 cells; its two blank cells stay blank.
    let three: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[4] == "表三").collect();
    assert_eq!(three.len(), 23 * 7);
    let blanks: Vec<(&str, &str, &str, &str, &str)> = three
        .iter()
        .filter(|r| &r[12] == "blank")
        .map(|r| (&r[5], &r[7], &r[9], &r[10], &r[11]))
        .collect();
    assert_eq!(
        blanks,
        [
            ("withheld.internal", "research", "", "53", "20"),
            ("rejected.repeated", "legal", "", "62", "18")
        ]
    );
    // The wrong total is extracted as written, where it stands.
    let granted_total = three.iter().find(|r| &r[5] == "granted" && &r[7] == "total").unwrap();
    assert_eq!(
        (&granted_total[9], &granted_total[10], &granted_total[11]),
        ("26", "47", "32")
    );
    // An amount keeps its unit apart from its number.
    let amount = records.iter().find(|r| &r[7] == "amount").unwrap();
    assert_eq!((&amount[9], &amount[13], &amount[14]), ("2460800", "元", "2460800元"));
}

#[test]
fn extract_says_a_column_left_out_of_the_whole_table() {
    let text = common::without_column(&common::fixture("sections/clean-2021.txt"), "applications", "legal");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    std::fs::write(&path, text).unwrap();
    let out = nianbao().arg("extract").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records = csv_records(&String::from_utf8(out.stdout).unwrap());
    let three: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[4] == "表三").collect();
    let left_out: Vec<&str> = three.iter().filter(|r| &r[12] == "left-out").map(|r| &r[7]).collect();
    assert_eq!(left_out.len(), 25, "{left_out:?}");
    assert!(left_out.iter().all(|c| *c == "legal"));
    assert!(!three.iter().any(|r| &r[12] == "blank"));
}

#[test]
fn extract_writes_one_json_document_per_file() {
    let out = nianbao()
        .args(["extract", "--format", "json", "fixtures/years/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 4);
    let transport = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("样本区交通运输局2022年报告.md"))
        .unwrap();
    assert_eq!(transport["agency"], "样本区交通运输局");
    assert_eq!(transport["report_year"], 2022);
    let three = transport["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "applications")
        .unwrap();
    let carried = three["blocks"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "carried")
        .unwrap();
    let values: Vec<&str> = carried["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["3", "1", "0", "0", "0", "0", "4"]);
}

#[test]
fn extract_names_a_file_it_cannot_read_and_goes_on() {
    let out = nianbao()
        .args(["extract", "fixtures/formats/bad/truncated.docx", EXAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated.docx"));
    assert_eq!(csv_records(&String::from_utf8(out.stdout).unwrap()).len(), 198);
}

/// The HTML report of `args`, written to a temporary file.
fn report(dir: &Path, args: &[&str]) -> (PathBuf, String) {
    let path = dir.join("report.html");
    let out = nianbao()
        .args(["check", "--format", "html", "-o"])
        .arg(&path)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{:?}",
        out
    );
    let html = std::fs::read_to_string(&path).unwrap();
    (path, html)
}

/// The id of the first finding of `rule` in a report.
fn finding_id(html: &str, rule: &str) -> String {
    let at = html.find(&format!("data-rule=\"{rule}\"")).unwrap();
    let start = html[..at].rfind("id=\"").unwrap() + 4;
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[test]
fn the_html_report_draws_each_table_with_the_cells_findings_touch() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path(), &[EXAMPLE, "fixtures/years/"]);
    assert!(html.starts_with("<!doctype html>"));
    // Self-contained: nothing is fetched.
    for remote in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(remote), "{remote}");
    }
    // The summary ranks files and rules; the filters list every rule.
    assert!(html.contains("<table class=\"sortable\" id=\"by-file\">"));
    assert!(html.contains("<code title=") && html.contains(">applications-row-total</code>"));
    assert!(html.contains("<option>carried-over-previous-year</option>"));
    // Table 三 as a grid with the official labels; the wrong total marked as an error.
    assert!(html.contains("<th scope=\"row\" class=\"depth-0\">（一）予以公开</th>"));
    let total = finding_id(&html, "applications-row-total");
    let li_at = html.find(&format!("id=\"{total}\"")).unwrap();
    let li = &html[li_at..li_at + html[li_at..].find("</li>").unwrap()];
    let cell = li.split("data-cell=\"").nth(1).unwrap().split('"').next().unwrap();
    let cell_at = html.find(&format!("<td id=\"{cell}\"")).unwrap();
    let td = &html[cell_at..cell_at + html[cell_at..].find("</td>").unwrap()];
    assert!(td.contains("sev-error") && td.ends_with(">26"), "{td}");
    // Its terms: the three non-zero applicant cells.
    let terms = li.split("data-terms=\"").nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(terms.split(' ').count(), 3, "{terms}");
    // A blank cell is drawn as a blank with its finding.
    assert!(html.contains("class=\"cell k-blank sev-error\""));
    // A finding outside the tables shows its line with the span marked.
    assert!(html.contains("<mark>2021年</mark>"), "year snippet");
}

#[test]
fn the_html_report_escapes_report_text_and_speaks_english() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE))
        .unwrap()
        .replacen("2021年，我局修订了", "2021年，我局<script>alert(1)</script>修订了", 1);
    let file = dir.path().join("示例区2020年报告.txt");
    std::fs::write(&file, text).unwrap();
    let (_, html) = report(dir.path(), &["--lang", "en", file.to_str().unwrap()]);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Annual report lint results"));
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}

/// Chromium, when installed; `NIANBAO_BROWSER=required` makes its absence a failure.
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() && std::env::var("NIANBAO_BROWSER").as_deref() == Ok("required") {
        panic!("NIANBAO_BROWSER=required but no chromium on PATH");
    }
    found
}

/// Run headless Chromium with `args`, at most a minute.
fn headless(browser: &Path, args: &[&str]) -> String {
    let mut child = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
        ])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read while it runs: a page bigger than the pipe would block it.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out).unwrap();
        out
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium took more than a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn the_html_report_works_in_a_browser() {
    let Some(browser) = chromium() else {
        // Skipped where no browser is installed; `.ci/run` installs one.
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, html) = report(
        dir.path(),
        &["fixtures/example/", "fixtures/layouts/", "fixtures/years/"],
    );
    let total = finding_id(&html, "applications-row-total");
    let url = format!("file://{}#{total}", path.display());
    // Opened at a finding: its cell is selected and the cells it sums are marked.
    let dom = headless(&browser, &["--dump-dom", &url]);
    assert!(dom.contains("data-ready-ms=\""), "the script ran");
    assert_eq!(dom.matches("class=\"cell k-number sev-error selected\"").count(), 1);
    assert_eq!(dom.matches(" term\"").count(), 3);
    assert!(dom.contains(&format!("id=\"{total}\" data-rule")) || dom.contains("finding sev-error selected"));
    // How long it took to be ready is measured, not asserted: `.ci/run` prints it
    // for the seeds and the corpus (timings belong in benchmarks, not tests).
    // A screenshot, for people (and the README: NIANBAO_SCREENSHOT=docs/report.png).
    let shot = std::env::var("NIANBAO_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_TARGET_TMPDIR")).join("nianbao-report.png"));
    let shot = if shot.is_relative() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(shot)
    } else {
        shot
    };
    let _ = std::fs::remove_file(&shot);
    // Of the README example alone, tall enough to show its table 三.
    let one = tempfile::tempdir().unwrap();
    let (path, html) = report(one.path(), &[EXAMPLE]);
    let total = finding_id(&html, "applications-row-total");
    headless(
        &browser,
        &[
            "--window-size=1400,2300",
            "--virtual-time-budget=3000",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}#select={total}", path.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"));
}
