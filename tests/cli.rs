//! The `nianbao` command as users run it: exit codes, output formats, stdin,
//! batches with broken files, rule files with mistakes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// A complete report (tables included) with exactly one defect: section 六 is
/// missing; the last section, 五, is on line 77.
fn missing_six() -> String {
    read_fixture("sections/missing-other-2020.txt")
}

fn read_fixture(rel: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)).unwrap()
}

fn nianbao() -> Command {
    let mut cmd = Command::cargo_bin("nianbao").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    path
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("stdout is one JSON document")
}

#[test]
fn error_finding_exits_1_with_annotated_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "report.txt", missing_six());
    nianbao()
        .args(["check", "--color", "never"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[section-missing]: 缺少第六部分“其他需要报告的事项”",
        ))
        .stdout(predicate::str::contains("报告到此结束"))
        .stdout(predicate::str::contains("共检查 1 个文件：1 个错误"));
}

#[test]
fn english_messages() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "report.txt", missing_six());
    nianbao()
        .args(["check", "--color", "never", "--lang", "en"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[section-missing]: missing section 六 “其他需要报告的事项”",
        ))
        .stdout(predicate::str::contains("checked 1 file: 1 error"));
}

#[test]
fn fail_level_controls_the_exit_code() {
    // Only warnings: section 五 says only 无, section 六 says nothing of fees.
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "report.txt",
        read_fixture("sections/problems-empty-2021.txt"),
    );
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json = json_of(&out.stdout);
    let rules: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["problems-empty", "processing-fee-unstated"]);
    assert_eq!(out.status.code(), Some(0));
    nianbao()
        .args(["check", "--fail-level", "warning"])
        .arg(&path)
        .assert()
        .code(1);
    nianbao()
        .args(["check", "--fail-level", "info"])
        .arg(&path)
        .assert()
        .code(1);
}

#[test]
fn json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "report.txt", missing_six());
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out.stdout);
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut top = keys(&json);
    top.sort();
    assert_eq!(top, ["files", "summary", "version"]);
    assert_eq!(json["version"], 1);
    let file = &json["files"][0];
    for key in ["path", "report_year", "edition", "error", "diagnostics"] {
        assert!(file.get(key).is_some(), "file has {key}");
    }
    assert_eq!(file["report_year"], 2020);
    assert_eq!(file["edition"], "2019");
    assert_eq!(file["error"], Value::Null);
    let d = &file["diagnostics"][0];
    for key in [
        "rule",
        "kind",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "labels",
        "notes",
    ] {
        assert!(d.get(key).is_some(), "diagnostic has {key}");
    }
    assert_eq!(d["rule"], "section-missing");
    assert_eq!(d["kind"], "section");
    assert_eq!(d["severity"], "error");
    // The caret sits at the end of the last line of text, after its 40 characters.
    let last = missing_six().trim_end().lines().count();
    assert_eq!(d["line"], last);
    let last_len = missing_six().trim_end().lines().last().unwrap().chars().count();
    assert_eq!(d["column"], last_len + 1);
    assert_eq!(d["end_column"], last_len + 1);
    let labels = d["labels"].as_array().unwrap();
    assert_eq!(labels[0]["primary"], true);
    assert_eq!(labels[1]["primary"], false);
    assert_eq!(labels[1]["line"], 77, "secondary label on section 五's heading");
    for key in ["line", "column", "end_line", "end_column", "message", "primary"] {
        assert!(labels[0].get(key).is_some(), "label has {key}");
    }
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "errors": 1, "warnings": 0, "infos": 0})
    );
}

#[test]
fn stdin_with_a_file_name() {
    nianbao()
        .args(["check", "-", "--stdin-filename", "draft.txt", "--color", "never"])
        .write_stdin(missing_six())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("┌─ draft.txt:"));
    let out = nianbao()
        .args(["check", "-", "--format", "json"])
        .write_stdin(missing_six())
        .output()
        .unwrap();
    assert_eq!(json_of(&out.stdout)["files"][0]["path"], "<stdin>");
}

#[test]
fn a_gbk_file_is_read_and_an_unreadable_one_reported_while_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // 示例县 / 一、总体情况 in GBK.
    write(
        dir.path(),
        "a-gbk.txt",
        b"\xca\xbe\xc0\xfd\xcf\xd8\n\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6\n",
    );
    write(dir.path(), "b.txt", missing_six());
    // A PNG named .txt.
    write(
        dir.path(),
        "c.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    );
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an unreadable file makes the exit status 2");
    let json = json_of(&out.stdout);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert!(files[0]["path"].as_str().unwrap().ends_with("a-gbk.txt"));
    assert_eq!(files[0]["encoding"], "gb18030", "the WHATWG name");
    assert_eq!(files[0]["format"], "text");
    assert_eq!(files[0]["error"], Value::Null);
    let rules = |f: &Value| -> Vec<String> {
        f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        rules(&files[0]).contains(&"section-missing".to_string()),
        "{:?}",
        rules(&files[0])
    );
    assert_eq!(files[1]["encoding"], "UTF-8");
    assert_eq!(rules(&files[1])[0], "section-missing");
    assert!(
        files[2]["error"].as_str().unwrap().contains("二进制文件"),
        "{}",
        files[2]["error"]
    );
    assert_eq!(files[2]["encoding"], Value::Null);

    nianbao()
        .args(["check", "--color", "never"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("c.txt: "))
        .stdout(predicate::str::contains("error[section-missing]"));
}

#[test]
fn missing_file_exits_2() {
    nianbao()
        .args(["check", "no/such/report.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/report.txt"));
}

#[test]
fn usage_errors_exit_2() {
    nianbao().args(["check", "--format", "xml"]).assert().code(2);
    nianbao().args(["frobnicate"]).assert().code(2);
    nianbao()
        .args(["check", "--edition", "1999", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown edition `1999`"));
}

#[test]
fn directories_are_walked_with_the_glob() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", missing_six());
    write(dir.path(), "b.md", missing_six());
    write(dir.path(), "c.html", missing_six());
    fs::create_dir(dir.path().join(".hidden")).unwrap();
    write(&dir.path().join(".hidden"), "d.txt", missing_six());
    let files = |args: &[&str]| -> Vec<String> {
        let out = nianbao()
            .args(["check", "--format", "json"])
            .args(args)
            .arg(dir.path())
            .output()
            .unwrap();
        json_of(&out.stdout)["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                Path::new(f["path"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    assert_eq!(files(&[]), ["a.txt", "b.md", "c.html"]);
    assert_eq!(files(&["--glob", "*.html"]), ["c.html"]);
    // A file named on the command line is checked whatever its name.
    let out = nianbao()
        .args(["check", "--format", "json"])
        .arg(dir.path().join("c.html"))
        .output()
        .unwrap();
    assert_eq!(json_of(&out.stdout)["files"].as_array().unwrap().len(), 1);
}

#[test]
fn output_is_the_same_with_one_thread() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..6 {
        write(dir.path(), &format!("r{i}.txt"), missing_six());
    }
    let run = |threads: &str| {
        nianbao()
            .args(["check", "--color", "never", "-j", threads])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("4"));
}

#[test]
fn bare_cr_and_crlf_files_have_real_lines() {
    let dir = tempfile::tempdir().unwrap();
    let cr = write(dir.path(), "cr.txt", missing_six().replace('\n', "\r"));
    let crlf = write(dir.path(), "crlf.txt", missing_six().replace('\n', "\r\n"));
    let bom = write(dir.path(), "bom.txt", format!("\u{feff}{}", missing_six()));
    for path in [cr, crlf, bom] {
        let out = nianbao()
            .args(["check", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let json = json_of(&out.stdout);
        let d = &json["files"][0]["diagnostics"];
        assert_eq!(d.as_array().unwrap().len(), 1, "{}", path.display());
        assert_eq!(d[0]["labels"][1]["line"], 77, "{}", path.display());
        assert_eq!(json["files"][0]["report_year"], 2020);
    }
}

mod rule_files {
    use super::*;

    fn check_with_rules(rules: &str) -> assert_cmd::assert::Assert {
        let dir = tempfile::tempdir().unwrap();
        let report = write(dir.path(), "report.txt", missing_six());
        let rules = write(dir.path(), "mine.toml", rules);
        nianbao()
            .args(["check", "--color", "never", "--rules"])
            .arg(&rules)
            .arg(&report)
            .assert()
    }

    #[test]
    fn a_table_without_blocks_is_refused_not_a_panic() {
        // Found by the rule_file fuzz target: a table with no [[table.block]].
        check_with_rules(
            "[[table]]\nkey = \"mine\"\nname = { zh = \"表\", en = \"table\" }\nanchors = ['本表']\n\n\
             [[rule]]\nid = \"mine-sum\"\nkind = \"sum\"\ncheck = \"relation\"\ntable = \"mine\"\n\
             relation = \"a == b\"\nseverity = \"error\"\nmessage = { zh = \"错\", en = \"wrong\" }\n",
        )
        .code(2)
        .stderr(predicate::str::contains("a table needs at least one `[[table.block]]`"))
        .stderr(predicate::str::contains("mine.toml:2:7"));
    }

    #[test]
    fn bad_toml_points_into_the_file() {
        check_with_rules("[[rule]]\nid = \"x\nkind = \"section\"\n")
            .code(2)
            .stderr(predicate::str::contains("error: invalid basic string"))
            .stderr(predicate::str::contains("mine.toml:2:"));
    }

    #[test]
    fn unknown_kind() {
        check_with_rules(
            "[[rule]]\nid = \"my-rule\"\nkind = \"spelling\"\nmessage = { zh = \"错\", en = \"wrong\" }\n",
        )
        .code(2)
        .stderr(predicate::str::contains("unknown rule kind `spelling`"))
        .stderr(predicate::str::contains("mine.toml:3:8"))
        .stderr(predicate::str::contains("known kinds: input, section"));
    }

    #[test]
    fn missing_message() {
        check_with_rules("[[rule]]\nid = \"my-rule\"\nkind = \"section\"\ncheck = \"missing\"\n")
            .code(2)
            .stderr(predicate::str::contains("rule `my-rule` has no `message`"))
            .stderr(predicate::str::contains("mine.toml:1:1"));
    }

    #[test]
    fn regex_that_does_not_compile() {
        check_with_rules(
            "[[rule]]\nid = \"fee\"\nkind = \"section\"\ncheck = \"content\"\nsection = \"other\"\nexpect = ['处理费(']\nmessage = { zh = \"缺\", en = \"missing\" }\n",
        )
        .code(2)
        .stderr(predicate::str::contains("invalid regular expression"))
        .stderr(predicate::str::contains("mine.toml:6:11"));
    }

    #[test]
    fn unknown_field_and_misplaced_parameter() {
        check_with_rules(
            "[[rule]]\nid = \"x-y\"\nkind = \"section\"\ncheck = \"missing\"\nsevrity = \"error\"\nmessage = { zh = \"a\", en = \"b\" }\n",
        )
        .code(2)
        .stderr(predicate::str::contains("unknown field `sevrity`"))
        .stderr(predicate::str::contains("mine.toml:5:1"))
        .stderr(predicate::str::contains("did you mean `severity`?"));
        check_with_rules(
            "[[rule]]\nid = \"x-y\"\nkind = \"section\"\ncheck = \"missing\"\nsection = \"other\"\nmessage = { zh = \"a\", en = \"b\" }\n",
        )
        .code(2)
        .stderr(predicate::str::contains("unknown field `section`"))
        .stderr(predicate::str::contains(
            "`section` is a parameter of checks not-empty, content, forbidden, swapped of kind `section`, not of `missing`",
        ));
    }

    #[test]
    fn unknown_placeholder() {
        check_with_rules(
            "[[rule]]\nid = \"x-y\"\nkind = \"section\"\ncheck = \"missing\"\nmessage = { zh = \"缺{section}\", en = \"b\" }\n",
        )
        .code(2)
        .stderr(predicate::str::contains("unknown placeholder `{section}`"))
        .stderr(predicate::str::contains("this rule can fill: {number}, {title}"));
    }

    #[test]
    fn severity_override_and_off() {
        // Downgrade the missing-section error: exit 0.
        check_with_rules("[[rule]]\nid = \"section-missing\"\nseverity = \"warning\"\n")
            .code(0)
            .stdout(predicate::str::contains("warning[section-missing]"));
        check_with_rules("[[rule]]\nid = \"section-missing\"\nseverity = \"off\"\n")
            .code(0)
            .stdout(predicate::str::contains("0 个错误，0 个警告"));
    }

    #[test]
    fn adjusting_a_parameter_merges_it_over_the_builtin_rule() {
        // 五 of this report has 18 characters: under 5000 it counts as empty.
        check_with_rules("[[rule]]\nid = \"problems-empty\"\nmin-chars = 5000\n")
            .code(1)
            .stdout(predicate::str::contains("warning[problems-empty]"));
        // A misspelt parameter gets a did-you-mean, pointing into the user's file.
        check_with_rules("[[rule]]\nid = \"problems-empty\"\nmin-chrs = 5\n")
            .code(2)
            .stderr(predicate::str::contains("unknown field `min-chrs`"))
            .stderr(predicate::str::contains("mine.toml:3:1"))
            .stderr(predicate::str::contains("did you mean `min-chars`?"));
        // A list parameter can be extended rather than copied.
        check_with_rules("[[rule]]\nid = \"year-statement-mismatch\"\nextend-subject = ['测绘队']\n")
            .code(2)
            .stderr(predicate::str::contains("did you mean `extend-subjects`?"));
        // What only a definition may say.
        check_with_rules("[[rule]]\nid = \"problems-empty\"\ncheck = \"content\"\n")
            .code(2)
            .stderr(predicate::str::contains(
                "`check` can only be given where a rule is defined",
            ));
        check_with_rules("[[rule]]\nid = \"no-such-rule\"\nseverity = \"off\"\n")
            .code(2)
            .stderr(predicate::str::contains("there is no rule `no-such-rule` to adjust"));
        check_with_rules("[[rule]]\nid = \"section-misssing\"\nseverity = \"off\"\n")
            .code(2)
            .stderr(predicate::str::contains("did you mean `section-missing`?"));
    }

    #[test]
    fn user_rule_with_its_own_message() {
        // A new content rule: section 一 must mention 组织领导.
        check_with_rules(
            "[[rule]]\nid = \"leadership-unstated\"\nkind = \"section\"\ncheck = \"content\"\nsection = \"overview\"\nexpect = ['组织领导']\nseverity = \"warning\"\nmessage = { zh = \"第{number}部分未写组织领导情况\", en = \"section {number} does not describe leadership\" }\n",
        )
        .code(1)
        .stdout(predicate::str::contains("warning[leadership-unstated]: 第一部分未写组织领导情况"));
    }

    #[test]
    fn a_directory_of_rule_files() {
        let dir = tempfile::tempdir().unwrap();
        let report = write(dir.path(), "report.txt", missing_six());
        let rules_dir = dir.path().join("rules");
        fs::create_dir(&rules_dir).unwrap();
        write(
            &rules_dir,
            "a.toml",
            "[[rule]]\nid = \"section-missing\"\nseverity = \"info\"\n",
        );
        write(
            &rules_dir,
            "b.toml",
            "[[rule]]\nid = \"section-missing\"\nseverity = \"warning\"\n",
        );
        nianbao()
            .args(["check", "--color", "never", "--rules"])
            .arg(&rules_dir)
            .arg(&report)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("warning[section-missing]"));
    }
}

#[test]
fn rule_explains_itself() {
    nianbao()
        .args(["rule", "section-missing"])
        .assert()
        .success()
        .stdout(predicate::str::contains("section-missing (section / missing)"))
        .stdout(predicate::str::contains("六个一级标题"))
        .stdout(predicate::str::contains("rules/common.toml:"))
        // The rule's TOML, ready to copy.
        .stdout(predicate::str::contains(
            "[[rule]]\nid = \"section-missing\"\nkind = \"section\"\ncheck = \"missing\"",
        ));
    nianbao()
        .args(["rule", "--all", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("processing-fee-unstated"))
        .stdout(predicate::str::contains("2021"));
    let out = nianbao().args(["rule", "--all", "--format", "json"]).output().unwrap();
    let rules = json_of(&out.stdout);
    assert!(
        rules.as_array().unwrap().iter().all(|r| r["explanation"].is_string()),
        "every built-in rule is explained"
    );
    nianbao().args(["rule", "nope"]).assert().code(2);
}

#[test]
fn dump_shows_the_model() {
    let out = nianbao()
        .args(["dump", "--format", "json", "-"])
        .write_stdin(missing_six())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json = json_of(&out.stdout);
    assert_eq!(json["report_year"]["year"], 2020);
    assert_eq!(json["report_year"]["source"], "title");
    assert_eq!(json["title"]["text"], "示例市林业局2020年政府信息公开工作年度报告");
    let sections: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        ["overview", "disclosure", "applications", "appeals", "problems"]
    );
}

#[test]
fn help_and_version() {
    nianbao()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    nianbao()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("nianbao "));
}

#[test]
fn encoding_can_be_forced_and_an_unknown_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 一、总体情况 in GBK: forced, it is read as GBK whatever detection says.
    write(
        dir.path(),
        "a.txt",
        b"\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6\n",
    );
    let out = nianbao()
        .args(["check", "--format", "json", "--encoding", "gbk"])
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    // GBK is read as GB18030, the standard that contains it.
    assert_eq!(json_of(&out.stdout)["files"][0]["encoding"], "gb18030");
    // Forced to a wrong one, the text is what that encoding makes of the bytes.
    let out = nianbao()
        .args(["dump", "--format", "view", "--encoding", "utf-16le"])
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("总体情况"));
    nianbao()
        .args(["check", "--encoding", "klingon"])
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding `klingon`"));
}

#[test]
fn a_file_past_its_time_budget_gets_one_finding_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", missing_six());
    write(dir.path(), "b.txt", missing_six());
    // A budget no check can keep: every file times out, each said once.
    let out = nianbao()
        .args(["check", "--format", "json", "--timeout", "0.000000001"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out.stdout);
    for file in json["files"].as_array().unwrap() {
        let rules: Vec<&str> = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        assert_eq!(rules, ["input-timeout"], "{file}");
    }
    assert!(
        out.stderr.is_empty(),
        "no panic message: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // With time enough, the findings are there; 0 means no limit.
    let out = nianbao()
        .args(["check", "--format", "json", "--timeout", "0"])
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(
        json_of(&out.stdout)["files"][0]["diagnostics"][0]["rule"],
        "section-missing"
    );
    nianbao()
        .args(["check", "--timeout=-1"])
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--timeout takes seconds"));
}
