//! Checks across years: a report beside the same agency's report for the year
//! before, named with `--previous` or found in the batch by its file name.
//!
//! `fixtures/years/` holds two pairs. 样本区交通运输局 2022 carries over 1 under
//! 商业企业 and 0 under 法律服务机构, where its 2021 report carried forward 0 and 1.
//! 示例市测绘局 2020 (edition 2019) gives 行政强制 2 as last year's count, where its
//! 2019 report had 3 and a change of -2. Each report is clean on its own.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const YEARS: &str = "fixtures/years";
const TRANSPORT_2021: &str = "fixtures/years/样本区交通运输局2021年报告.md";
const TRANSPORT_2022: &str = "fixtures/years/样本区交通运输局2022年报告.md";
const SURVEY_2019: &str = "fixtures/years/示例市测绘局2019年报告.txt";
const SURVEY_2020: &str = "fixtures/years/示例市测绘局2020年报告.txt";

fn nianbao() -> Command {
    let mut cmd = Command::cargo_bin("nianbao").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn json(args: &[&str]) -> Value {
    let out = nianbao()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// (file, rule, line, message) of every finding.
fn findings(json: &Value) -> Vec<(String, String, u64, String)> {
    let mut out = Vec::new();
    for f in json["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            let file = Path::new(f["path"].as_str().unwrap()).file_name().unwrap();
            out.push((
                file.to_string_lossy().into_owned(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

#[test]
fn a_folder_pairs_each_report_with_last_years_by_file_name() {
    let found = findings(&json(&[YEARS]));
    let expected = [
        (
            "样本区交通运输局2022年报告.md",
            "carried-over-previous-year",
            50,
            "表三“商业企业”列的上年结转（1）不等于上年报告的结转下年度继续办理（0）",
        ),
        (
            "样本区交通运输局2022年报告.md",
            "carried-over-previous-year",
            50,
            "表三“法律服务机构”列的上年结转（0）不等于上年报告的结转下年度继续办理（1）",
        ),
        (
            "示例市测绘局2020年报告.txt",
            "project-count-previous-year",
            32,
            "表二“行政强制”：上一年项目数量（2）不等于上年报告的上一年项目数量加本年增/减（1）",
        ),
    ];
    let expected: Vec<(String, String, u64, String)> = expected
        .iter()
        .map(|(f, r, l, m)| (f.to_string(), r.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn an_old_word_copy_beside_last_years_report_is_no_second_candidate() {
    // The original `.doc` kept beside its converted copy: last year's report
    // is still the one nianbao reads.
    let dir = tempfile::tempdir().unwrap();
    for f in [SURVEY_2019, SURVEY_2020] {
        std::fs::copy(f, dir.path().join(std::path::Path::new(f).file_name().unwrap())).unwrap();
    }
    std::fs::copy(SURVEY_2019, dir.path().join("示例市测绘局2019年报告.doc")).unwrap();
    let found = findings(&json(&[dir.path().to_str().unwrap()]));
    let rules: Vec<&str> = found.iter().map(|(_, r, _, _)| r.as_str()).collect();
    assert_eq!(rules, ["project-count-previous-year"], "{found:?}");
}

#[test]
fn labels_in_last_years_report_name_that_file() {
    let out = json(&[YEARS]);
    let file = out["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("2022年报告.md"))
        .unwrap();
    let d = &file["diagnostics"][0];
    let labels = d["labels"].as_array().unwrap();
    // The primary label is this year's 二, without a path; the other is last year's 四.
    assert_eq!(labels[0]["primary"], true);
    assert!(labels[0].get("path").is_none());
    assert_eq!(
        (labels[0]["line"].as_u64(), labels[0]["column"].as_u64()),
        (Some(50), Some(29))
    );
    let theirs = labels.iter().find(|l| l.get("path").is_some()).unwrap();
    assert!(
        theirs["path"]
            .as_str()
            .unwrap()
            .ends_with("样本区交通运输局2021年报告.md")
    );
    assert_eq!(theirs["line"], 76);
    assert_eq!(theirs["message"], "上年报告·四 = 0");
}

#[test]
fn human_output_shows_both_files() {
    let out = nianbao()
        .args(["check", "--color", "never", TRANSPORT_2022, TRANSPORT_2021])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("┌─ fixtures/years/样本区交通运输局2022年报告.md:50:29"),
        "{text}"
    );
    assert!(
        text.contains("┌─ fixtures/years/样本区交通运输局2021年报告.md:76:24"),
        "{text}"
    );
    assert!(text.contains("上年报告·四 = 0"), "{text}");
    // Warnings only: the exit status stays 0 at the default fail level.
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sarif_relates_the_other_file() {
    let out = nianbao()
        .args(["check", "--format", "sarif", TRANSPORT_2021, TRANSPORT_2022])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "carried-over-previous-year");
    let uri = |v: &Value| {
        v["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(uri(&result["locations"][0]).contains("2022"));
    let related: Vec<String> = result["relatedLocations"].as_array().unwrap().iter().map(uri).collect();
    assert!(related.iter().any(|u| u.contains("2021")), "{related:?}");
}

#[test]
fn previous_names_last_years_report_for_one_file() {
    let found = findings(&json(&[TRANSPORT_2022, "--previous", TRANSPORT_2021]));
    let rules: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(rules, ["carried-over-previous-year", "carried-over-previous-year"]);
    let found = findings(&json(&[SURVEY_2020, "--previous", SURVEY_2019]));
    let rules: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(rules, ["project-count-previous-year"]);
}

#[test]
fn with_no_previous_nothing_is_compared() {
    for args in [
        &[TRANSPORT_2022, "--no-previous"][..],
        &[SURVEY_2020, "--no-previous"],
        &[YEARS, "--no-previous"],
    ] {
        assert_eq!(findings(&json(args)), Vec::new(), "{args:?}");
    }
    // The first year of a series has nothing to be compared with.
    assert_eq!(findings(&json(&[TRANSPORT_2021])), Vec::new());
}

#[test]
fn last_years_report_beside_a_file_is_found_on_disk() {
    // Checked alone, or in a run that leaves last year's file out (a glob,
    // pre-commit's changed files): the file beside it is last year's.
    for args in [&[TRANSPORT_2022][..], &[YEARS, "--glob", "*2022*"]] {
        let found = findings(&json(args));
        let rules: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            rules,
            ["carried-over-previous-year", "carried-over-previous-year"],
            "{args:?}"
        );
    }
    let found = findings(&json(&[SURVEY_2020]));
    assert_eq!(
        found.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
        ["project-count-previous-year"]
    );
    // Two of last year's files beside it (a .docx and a .txt): neither is guessed.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, to) in [
        (TRANSPORT_2022, "某局2022年报告.md"),
        (TRANSPORT_2021, "某局2021年报告.md"),
        (TRANSPORT_2021, "某局2021年报告.txt"),
    ] {
        std::fs::copy(root.join(from), dir.path().join(to)).unwrap();
    }
    let this = dir.path().join("某局2022年报告.md");
    assert_eq!(findings(&json(&[this.to_str().unwrap()])), Vec::new());
    std::fs::remove_file(dir.path().join("某局2021年报告.txt")).unwrap();
    assert_eq!(findings(&json(&[this.to_str().unwrap()])).len(), 2);
}

#[test]
fn a_named_report_of_another_year_is_said_and_not_compared() {
    // The 2022 report beside itself: not the year before.
    let found = findings(&json(&[TRANSPORT_2022, "--previous", TRANSPORT_2022]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "previous-report-year");
    assert_eq!(
        found[0].3,
        "上年报告 fixtures/years/样本区交通运输局2022年报告.md 是2022年度的，本报告的上一年度是2021年"
    );
    // Two years back, across agencies: also not compared.
    let found = findings(&json(&[TRANSPORT_2022, "--previous", SURVEY_2020]));
    assert_eq!(
        found.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
        ["previous-report-year"]
    );
}

#[test]
fn a_named_report_of_another_agency_is_said_and_not_compared() {
    // Last year's report of another agency, named by mistake: the year fits,
    // the titles' agencies do not.
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("样本区水利局2021年报告.md");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(TRANSPORT_2021)).unwrap();
    std::fs::write(&other, text.replace("样本区交通运输局", "样本区水利局")).unwrap();
    let found = findings(&json(&[TRANSPORT_2022, "--previous", other.to_str().unwrap()]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "previous-report-agency");
    assert!(
        found[0].3.ends_with("是样本区水利局的报告，本报告是样本区交通运输局的"),
        "{}",
        found[0].3
    );
    // The same agency in another wording of the title (`某局关于2021年…`): compared.
    let same = dir.path().join("样本区交通运输局2021年报告.md");
    std::fs::write(
        &same,
        text.replacen("样本区交通运输局2021年", "样本区交通运输局关于2021年", 1),
    )
    .unwrap();
    assert!(text.contains("样本区交通运输局2021年"));
    let found = findings(&json(&[TRANSPORT_2022, "--previous", same.to_str().unwrap()]));
    let rules: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(rules, ["carried-over-previous-year", "carried-over-previous-year"]);
}

#[test]
fn previous_with_several_reports_or_a_missing_file_is_an_error() {
    let out = nianbao()
        .args(["check", TRANSPORT_2021, TRANSPORT_2022, "--previous", SURVEY_2019])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--previous"));
    let out = nianbao()
        .args(["check", TRANSPORT_2022, "--previous", "fixtures/years/没有这个文件.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有这个文件.txt"));
}

#[test]
fn english_messages_and_labels() {
    let found = findings(&json(&[TRANSPORT_2022, "--previous", TRANSPORT_2021, "--lang", "en"]));
    assert_eq!(
        found[0].3,
        "table 三, column “商业企业”: carried over from last year (1) is not what last year's report carried forward (0)"
    );
}

#[test]
fn a_relation_only_about_last_year_is_a_rule_file_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nid = \"only-last-year\"\nkind = \"sum\"\ncheck = \"relation\"\ntable = \"三\"\n\
         relation = \"previous(carried) == previous(carried_next)\"\nseverity = \"warning\"\n\
         message = { zh = \"x\", en = \"x\" }\n",
    )
    .unwrap();
    let out = nianbao()
        .args(["check", TRANSPORT_2022, "--rules"])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a term of this year's table"), "{err}");
    assert!(err.contains("rules.toml:6:"), "{err}");
}

#[test]
fn a_title_year_in_chinese_digits_still_pairs_and_names_the_agency() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, year) in [(TRANSPORT_2021, "2021"), (TRANSPORT_2022, "2022")] {
        let text = std::fs::read_to_string(root.join(from)).unwrap();
        let chinese = if year == "2021" { "二〇二一" } else { "二〇二二" };
        let text = text.replacen(
            &format!("样本区交通运输局{year}年"),
            &format!("样本区交通运输局{chinese}年"),
            1,
        );
        std::fs::write(dir.path().join(format!("样本区交通运输局{year}年报告.md")), text).unwrap();
    }
    let found = findings(&json(&[dir.path().to_str().unwrap()]));
    let rules: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(rules, ["carried-over-previous-year", "carried-over-previous-year"]);
}

#[test]
fn a_named_previous_report_that_cannot_be_read_is_an_error() {
    let out = nianbao()
        .args(["check", TRANSPORT_2022, "--previous", "fixtures/years"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixtures/years"));
}

#[test]
fn where_last_years_cell_is_is_also_a_note_for_one_line_outputs() {
    let out = nianbao()
        .args([
            "check",
            "--format",
            "concise",
            TRANSPORT_2022,
            "--previous",
            TRANSPORT_2021,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("carried-over-previous-year"), "{text}");
    let found = json(&[TRANSPORT_2022, "--previous", TRANSPORT_2021]);
    let notes = found["files"][0]["diagnostics"][0]["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().unwrap()
                == "上年报告 fixtures/years/样本区交通运输局2021年报告.md 第76行：上年报告·四 = 0"),
        "{notes:?}"
    );
}
