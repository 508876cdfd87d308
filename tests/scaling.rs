//! Time grows linearly with input: a huge report costs per megabyte what a
//! normal one does. Measured as ratios inside the test, so that the machine's
//! speed does not matter.

mod common;

use std::time::{Duration, Instant};

use common::*;
use nianbao::Options;

/// Seconds per megabyte of checking `text`, the best of a few runs.
fn per_mb(text: &str, runs: usize) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let report = config().check_bytes("big.txt", text.as_bytes(), &Options::default());
        assert_eq!(report.error, None);
        best = best.min(t.elapsed());
    }
    best.as_secs_f64() / (text.len() as f64 / 1e6)
}

/// A normal report's cost per megabyte, checked as a batch of copies.
fn normal_per_mb(report: &str) -> f64 {
    let copies = 40;
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..copies {
            config().check_bytes("r.txt", report.as_bytes(), &Options::default());
        }
        best = best.min(t.elapsed());
    }
    best.as_secs_f64() / (report.len() as f64 * copies as f64 / 1e6)
}

#[test]
#[ignore = "5 MB inputs: run optimized by .ci/run (cargo test --release --test scaling -- --ignored)"]
fn time_per_megabyte_does_not_grow_with_size() {
    let report = fixture("sections/clean-2021.txt");
    let normal = normal_per_mb(&report);

    // The report 1,000 times over (5 MB).
    let repeated = report.repeat(1000);
    // The same, each copy's statistics period a part of the year (every one
    // looked at for its reason).
    let partial = report.replacen("2021年12月31日", "2021年11月30日", 1).repeat(1000);
    // A 5 MB page scraped into one line.
    let one_line = report.replace(['\n', '\t'], " ").repeat(1000);
    // The same with wrong years in every copy: a thousand findings on one line.
    let findings_on_one_line = format!(
        "某局2021年政府信息公开工作年度报告 {}",
        report.replace('\n', " ").replacen("2021年", "2019年", 3).repeat(1000)
    );
    // A draft with a placeholder in every count, 1,000 times over: each is a
    // match of text-placeholder (ten reported, the rest counted).
    let draft = report.replace("件", "XX件").repeat(1000);
    // The report as Markdown whose tables are HTML, 1,000 times over.
    let html_tables = common::convert::to_markdown_with_html_tables(&report).repeat(1000);
    // A 20,000-row table 三.
    let lines: Vec<&str> = report.lines().collect();
    let from = lines.iter().position(|l| l.starts_with("三、本年度办理结果")).unwrap();
    let to = lines.iter().position(|l| l.starts_with("\t（七）总计")).unwrap();
    let rows = &lines[from..to];
    let mut long: Vec<&str> = lines[..from].to_vec();
    for _ in 0..20_000 / rows.len() {
        long.extend_from_slice(rows);
    }
    long.extend_from_slice(&lines[to..]);
    let long = long.join("\n");

    // A page scraped into one line with every row of table 三 nineteen digits
    // long (18,564 readings each): the readings tried are bounded by the
    // page's length, not by its rows.
    let run_together = fixture("layouts/run-together-2021.txt");
    let start = run_together.find("申请人情况").unwrap();
    let (head, tail) = run_together.split_at(start);
    let tail = regex::Regex::new(r"\d{7,8}")
        .unwrap()
        .replace_all(tail, "1234567891234567891");
    let every_row_run_together = format!("{head}{tail}");

    // The search is bounded by the page's length: the page with every row
    // nineteen digits long costs per MB what the page as written does.
    let ratio = normal_per_mb(&every_row_run_together) / normal_per_mb(&run_together);
    assert!(
        ratio <= 2.0,
        "every row run together: {ratio:.2}× the page's time per MB as written"
    );

    // Writing the findings costs no more than finding them: each snippet
    // reads around its label, not the whole line.
    let t = Instant::now();
    let report = config().check_bytes("one-line.txt", findings_on_one_line.as_bytes(), &Options::default());
    let checking = t.elapsed();
    assert!(
        report.diagnostics.len() >= 1000,
        "{} findings",
        report.diagnostics.len()
    );
    let t = Instant::now();
    let human = nianbao::render::human::render_file(&report, false);
    let json = nianbao::render::json::render(std::slice::from_ref(&report));
    let writing = t.elapsed();
    assert!(human.len() > 100_000 && json.len() > 100_000);
    assert!(writing <= checking, "writing {writing:?}, checking {checking:?}");
    for (name, text) in [
        ("repeated", &repeated),
        ("repeated, a part of the year", &partial),
        ("a draft, placeholders everywhere", &draft),
        ("HTML tables in Markdown", &html_tables),
        ("one line", &one_line),
        ("one line, a finding in each copy", &findings_on_one_line),
        ("20,000 rows", &long),
    ] {
        let ratio = per_mb(text, 2) / normal;
        assert!(
            ratio <= 2.0,
            "{name} ({:.1} MB): {ratio:.2}× a normal report's time per MB",
            text.len() as f64 / 1e6
        );
    }
}
