//! nianbao in editorial CI: configs found by walking up, suppressions and
//! baselines, every output format, exit codes, and batches as offices lay them out.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn fixture(rel: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)).unwrap()
}

fn nianbao(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("nianbao").unwrap();
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn write(dir: &Path, rel: &str, content: &str) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

/// The rules that fired, per file, from JSON output.
fn rules_by_file(dir: &Path, args: &[&str]) -> Vec<(String, Vec<String>)> {
    let out = nianbao(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let rules = f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["rule"].as_str().unwrap().to_string())
                .collect();
            (f["path"].as_str().unwrap().replace('\\', "/"), rules)
        })
        .collect()
}

/// A folder of reports: the README example (5 errors, 1 warning) twice, in a
/// district folder and at the top, and a report whose 五 and 六 say only 无.
fn office() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    write(dir.path(), "reports/city.txt", &example);
    write(dir.path(), "reports/district/a.txt", &example);
    write(
        dir.path(),
        "reports/empty-problems.txt",
        &fixture("sections/problems-empty-2021.txt"),
    );
    dir
}

const EXAMPLE_RULES: [&str; 6] = [
    "subitem-sequence",
    "year-statement-mismatch",
    "applications-row-total",
    "cell-empty",
    "cell-empty",
    "section-missing",
];

mod configs {
    use super::*;

    #[test]
    fn the_nearest_config_wins() {
        let dir = office();
        write(dir.path(), "reports/nianbao.toml", "ignore = [\"cell-empty\"]\n");
        write(
            dir.path(),
            "reports/district/nianbao.toml",
            "ignore = [\"year-\", \"subitem-sequence\"]\n",
        );
        let files = rules_by_file(dir.path(), &["reports"]);
        assert_eq!(files[0].0, "reports/city.txt");
        assert!(!files[0].1.contains(&"cell-empty".to_string()), "{files:?}");
        assert!(files[0].1.contains(&"year-statement-mismatch".to_string()));
        // The district's own config replaces the parent's: cell-empty is back.
        assert_eq!(files[1].0, "reports/district/a.txt");
        assert_eq!(
            files[1].1,
            ["applications-row-total", "cell-empty", "cell-empty", "section-missing"]
        );
    }

    #[test]
    fn config_overrides_and_isolated() {
        let dir = office();
        write(dir.path(), "reports/nianbao.toml", "ignore = [\"cell-empty\"]\n");
        write(dir.path(), "strict.toml", "[severity]\nsection = \"off\"\n");
        let files = rules_by_file(dir.path(), &["reports", "--config", "strict.toml"]);
        assert_eq!(
            files[0].1,
            [
                "year-statement-mismatch",
                "applications-row-total",
                "cell-empty",
                "cell-empty"
            ],
            "--config replaces discovery; kind `section` (subitem-sequence, section-missing) is off"
        );
        let files = rules_by_file(dir.path(), &["reports", "--isolated"]);
        assert_eq!(files[0].1, EXAMPLE_RULES);
    }

    #[test]
    fn extends_overrides_and_the_command_line() {
        let dir = office();
        write(
            dir.path(),
            "base.toml",
            "ignore = [\"subitem-sequence\"]\nfail-level = \"warning\"\n",
        );
        write(
            dir.path(),
            "reports/nianbao.toml",
            "extends = \"../base.toml\"\n\n[severity]\ncell-empty = \"warning\"\n\n[[overrides]]\nfiles = [\"district/**\"]\nignore = [\"applications-\"]\n",
        );
        let files = rules_by_file(dir.path(), &["reports"]);
        assert_eq!(
            files[0].1,
            [
                "year-statement-mismatch",
                "applications-row-total",
                "cell-empty",
                "cell-empty",
                "section-missing"
            ]
        );
        assert_eq!(
            files[1].1,
            ["year-statement-mismatch", "cell-empty", "cell-empty", "section-missing"],
            "the override drops applications-* under district/"
        );
        // The command line comes last.
        let files = rules_by_file(
            dir.path(),
            &[
                "reports",
                "--select",
                "cell-empty,section-missing",
                "--severity",
                "cell-empty=off",
            ],
        );
        assert_eq!(files[0].1, ["section-missing"]);
        // fail-level = warning comes from the base: only warnings still fail.
        nianbao(dir.path())
            .args(["check", "reports/empty-problems.txt"])
            .assert()
            .code(1);
        nianbao(dir.path())
            .args(["check", "reports/empty-problems.txt", "--fail-level", "error"])
            .assert()
            .code(0);
    }

    #[test]
    fn nianbao_config_says_where_each_setting_comes_from() {
        let dir = office();
        write(
            dir.path(),
            "reports/nianbao.toml",
            "year = 2020\n[severity]\ncell-empty = \"warning\"\n",
        );
        nianbao(dir.path())
            .args(["config", "reports/city.txt", "--fail-level", "warning", "--lang", "en"])
            .assert()
            .failure();
        nianbao(dir.path())
            .args(["config", "reports/city.txt", "--lang", "en"])
            .assert()
            .success()
            .stdout(predicate::str::contains("config: reports/nianbao.toml"))
            .stdout(predicate::str::is_match(r"year\s+2020\s+\(reports/nianbao.toml\)").unwrap())
            .stdout(predicate::str::is_match(r"cell-empty\s+warning\s+\(reports/nianbao.toml\)").unwrap())
            .stdout(predicate::str::is_match(r"section-missing\s+error\s+\(\(built-in\) rules/common.toml\)").unwrap())
            .stdout(predicate::str::is_match(r"lang\s+en\s+\(command line\)").unwrap());
    }

    #[test]
    fn bounds_from_the_config_the_overrides_and_the_command_line() {
        let dir = office();
        let example = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
        let big = example.repeat((1 << 20) / example.len() + 1);
        write(dir.path(), "reports/big.txt", &big);
        write(dir.path(), "reports/nianbao.toml", "max-file-size = 1\n");
        let rules_of = |args: &[&str]| -> Vec<String> {
            let files = rules_by_file(dir.path(), args);
            files.into_iter().find(|(p, _)| p.ends_with("big.txt")).unwrap().1
        };
        // Read and checked: the copies' findings, no `input-…` one.
        let checked = |rules: Vec<String>| {
            rules.contains(&"section-duplicated".to_string()) && !rules.iter().any(|r| r.starts_with("input-"))
        };
        assert_eq!(rules_of(&["reports"]), ["input-too-large"]);
        // (No time budget: a debug build on a busy machine may take 10 s over the megabyte.)
        assert!(
            checked(rules_of(&["reports", "--max-file-size", "2", "--timeout", "0"])),
            "the command line wins"
        );
        // A time budget no check can keep, for some files only.
        write(
            dir.path(),
            "reports/nianbao.toml",
            "timeout = 30\n[[overrides]]\nfiles = [\"big.txt\"]\ntimeout = 0.000000001\n",
        );
        assert_eq!(rules_of(&["reports"]), ["input-timeout"]);
        let files = rules_by_file(dir.path(), &["reports"]);
        let city = files.iter().find(|(p, _)| p.ends_with("city.txt")).unwrap();
        assert_eq!(city.1, EXAMPLE_RULES);
        assert!(checked(rules_of(&["reports", "--timeout", "0"])));
        nianbao(dir.path())
            .args(["config", "reports/big.txt", "--lang", "en"])
            .assert()
            .success()
            .stdout(predicate::str::is_match(r"max-file-size\s+20 MB\s+\(default\)").unwrap())
            .stdout(
                predicate::str::is_match(r"timeout\s+0.000000001 s\s+\(reports/nianbao.toml \[\[overrides\]\] #1\)")
                    .unwrap(),
            );
        // Values that are no bounds point into the config.
        write(dir.path(), "reports/nianbao.toml", "timeout = -1\n");
        nianbao(dir.path())
            .args(["check", "reports", "--color", "never", "--lang", "en"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("`timeout` takes seconds"))
            .stderr(predicate::str::contains("reports/nianbao.toml:1:11"));
        write(dir.path(), "reports/nianbao.toml", "max-file-size = 0\n");
        nianbao(dir.path())
            .args(["check", "reports", "--color", "never"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("`max-file-size` takes megabytes"));
    }

    #[test]
    fn init_writes_a_starter_that_loads() {
        let dir = office();
        nianbao(dir.path()).args(["init", "reports"]).assert().success();
        let text = fs::read_to_string(dir.path().join("reports/nianbao.toml")).unwrap();
        assert!(
            text.contains("[[overrides]]") && text.contains("extends"),
            "commented keys"
        );
        nianbao(dir.path()).args(["init", "reports"]).assert().code(2);
        let files = rules_by_file(dir.path(), &["reports"]);
        assert_eq!(files[0].1, EXAMPLE_RULES, "the starter changes nothing");
        // Uncommenting its examples gives a valid config.
        let uncommented: String = text
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = ") || r.starts_with('['))
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n")
            .replace("extends = \"../nianbao.toml\"", "")
            .replace("rules = [\"本单位规则.toml\"]", "");
        write(dir.path(), "reports/nianbao.toml", &uncommented);
        nianbao(dir.path())
            .args(["config", "reports/city.txt"])
            .assert()
            .success();
    }

    #[test]
    fn mistakes_in_a_config_point_into_it() {
        let dir = office();
        write(dir.path(), "reports/nianbao.toml", "ignore = [\"cel-empty\"]\n");
        nianbao(dir.path())
            .args(["check", "reports", "--color", "never"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no rule, kind or rule-id prefix `cel-empty`"))
            .stderr(predicate::str::contains("reports/nianbao.toml:1:11"))
            .stderr(predicate::str::contains("did you mean `cell-empty`?"));
        write(dir.path(), "reports/nianbao.toml", "fail_level = \"warning\"\n");
        nianbao(dir.path())
            .args(["check", "reports", "--color", "never"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("unknown field `fail_level`"))
            .stderr(predicate::str::contains("did you mean `fail-level`?"));
        write(dir.path(), "reports/nianbao.toml", "extends = \"nianbao.toml\"\n");
        nianbao(dir.path())
            .args(["check", "reports"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("in a loop"));
        write(dir.path(), "reports/nianbao.toml", "edition = \"2022\"\n");
        nianbao(dir.path())
            .args(["check", "reports", "--color", "never"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("unknown edition `2022`"))
            .stderr(predicate::str::contains("reports/nianbao.toml:1:11"));
        nianbao(dir.path())
            .args(["check", "reports", "--severity", "cell-empty"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("RULE=LEVEL"));
    }
}

mod suppressions {
    use super::*;

    #[test]
    fn an_ignore_file_by_cell_section_line_and_fingerprint() {
        let dir = office();
        let out = nianbao(dir.path())
            .args(["check", "--format", "json", "reports/city.txt"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let year = json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "year-statement-mismatch")
            .unwrap()["fingerprint"]
            .as_str()
            .unwrap()
            .to_string();
        write(
            dir.path(),
            "reports/nianbao-ignore.toml",
            &format!(
                r#"
[[ignore]]
files = ["city.txt"]
rule = "applications-row-total"
cell = "表三 / （一）予以公开 / 总计"
reason = "原件如此，已核实"

[[ignore]]
files = ["*.txt"]
rule = "section-missing"
section = "六、其他需要报告的事项"
reason = "第六部分另行发布"

[[ignore]]
files = ["city.txt"]
rule = "cell-empty"
line = "2.重复申请 2 1 0 0"
reason = "该单元格按统计口径留空"

[[ignore]]
files = ["city.txt"]
rule = "year-statement-mismatch"
fingerprint = "{year}"
reason = "引用的是下一年度的计划文件"
"#
            ),
        );
        let files = rules_by_file(dir.path(), &["reports/city.txt"]);
        assert_eq!(
            files,
            [(
                "reports/city.txt".to_string(),
                vec!["subitem-sequence".to_string(), "cell-empty".to_string()]
            )]
        );
        // Edits above the findings move their lines, not their anchors.
        let example = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
        let moved = example.replacen("\n\n", "\n\n（插入的一段说明。）\n\n（又一段。）\n\n", 1);
        write(dir.path(), "reports/city.txt", &moved);
        let files = rules_by_file(dir.path(), &["reports/city.txt"]);
        assert_eq!(files[0].1, ["subitem-sequence", "cell-empty"]);
    }

    #[test]
    fn an_entry_that_matches_nothing_is_reported() {
        let dir = office();
        write(
            dir.path(),
            "reports/nianbao-ignore.toml",
            "[[ignore]]\nfiles = [\"city.txt\"]\nrule = \"cell-empty\"\ncell = \"表三 / 1.属于国家秘密 / 自然人\"\nreason = \"x\"\n\n[[ignore]]\nfiles = [\"other.txt\"]\nrule = \"cell-empty\"\ncell = \"表三\"\nreason = \"a file not checked in this run\"\n",
        );
        nianbao(dir.path())
            .args(["check", "reports/city.txt", "--color", "never"])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "warning[suppression-unused]: 忽略条目没有匹配任何问题",
            ))
            .stdout(predicate::str::contains("reports/nianbao-ignore.toml:1:1"))
            .stdout(predicate::str::contains("nianbao-ignore.toml:7:1").not())
            .stdout(predicate::str::contains("共检查 1 个文件"));
    }

    #[test]
    fn mistakes_in_an_ignore_file_point_into_it() {
        let dir = office();
        write(
            dir.path(),
            "reports/nianbao-ignore.toml",
            "[[ignore]]\nfiles = [\"city.txt\"]\nrule = \"cell-empty\"\ncel = \"表三\"\nreason = \"x\"\n",
        );
        nianbao(dir.path())
            .args(["check", "reports", "--color", "never"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("unknown field `cel`"))
            .stderr(predicate::str::contains("nianbao-ignore.toml:4:1"))
            .stderr(predicate::str::contains("did you mean `cell`?"));
        write(
            dir.path(),
            "reports/nianbao-ignore.toml",
            "[[ignore]]\nfiles = [\"city.txt\"]\nrule = \"cell-empty\"\ncell = \"表三\"\nreason = \" \"\n",
        );
        nianbao(dir.path())
            .args(["check", "reports"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("`reason` is empty"));
        write(
            dir.path(),
            "reports/nianbao-ignore.toml",
            "[[ignore]]\nfiles = [\"city.txt\"]\nrule = \"cell-empty\"\nreason = \"x\"\n",
        );
        nianbao(dir.path())
            .args(["check", "reports"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("an entry needs an anchor"));
    }

    #[test]
    fn inline_comments_in_markdown_and_html() {
        let dir = tempfile::tempdir().unwrap();
        // Section 五 says only 无: problems-empty on its heading (line 85 of the
        // Markdown fixture's ### 五 heading, here preceded by a comment).
        let md = fixture("layouts/pipes-2022.md");
        let five = md.lines().position(|l| l.contains("五、存在的主要问题")).unwrap();
        let six = md.lines().position(|l| l.contains("六、其他需要报告的事项")).unwrap();
        let mut lines: Vec<String> = md.lines().map(str::to_string).collect();
        lines.splice(five + 1..six, ["".to_string(), "无。".to_string(), "".to_string()]);
        let with = |comment: &str| {
            let mut l = lines.clone();
            l.insert(five, comment.to_string());
            l.join("\n") + "\n"
        };
        write(dir.path(), "a.md", &lines.join("\n"));
        assert_eq!(rules_by_file(dir.path(), &["a.md"])[0].1, ["problems-empty"]);
        write(
            dir.path(),
            "a.md",
            &with("<!-- nianbao-disable-next-line problems-empty -->"),
        );
        assert!(rules_by_file(dir.path(), &["a.md"])[0].1.is_empty());
        write(
            dir.path(),
            "a.md",
            &with("<!-- nianbao-disable section -->").replace("## 六", "<!-- nianbao-enable -->\n## 六"),
        );
        assert!(
            rules_by_file(dir.path(), &["a.md"])[0].1.is_empty(),
            "a kind turns off its rules"
        );
        // A comment inside section 五 is not what the section says.
        let md_text = lines.join("\n") + "\n";
        let six_heading = md_text.lines().find(|l| l.contains("六、其他需要报告的事项")).unwrap();
        write(
            dir.path(),
            "a.md",
            &md_text.replacen(
                six_heading,
                &format!("<!-- 待核：第五部分 -->\n<!-- nianbao-disable-next-line cell-empty -->\n{six_heading}"),
                1,
            ),
        );
        assert!(
            rules_by_file(dir.path(), &["a.md"])[0]
                .1
                .contains(&"problems-empty".to_string())
        );
        // A comment with nothing to turn off is reported where it is.
        write(
            dir.path(),
            "a.md",
            &with("<!-- nianbao-disable-next-line cell-empty -->"),
        );
        nianbao(dir.path())
            .args(["check", "a.md", "--color", "never"])
            .assert()
            .stdout(predicate::str::contains("warning[suppression-unused]"))
            .stdout(predicate::str::contains(format!("a.md:{}:1", five + 1)))
            .stdout(predicate::str::contains("warning[problems-empty]"));
        // In a .txt file the same text is just text.
        write(
            dir.path(),
            "a.txt",
            &with("<!-- nianbao-disable-next-line problems-empty -->"),
        );
        assert_eq!(rules_by_file(dir.path(), &["a.txt"])[0].1, ["problems-empty"]);
        // In HTML the comment may sit anywhere in the markup.
        let page = |comment: &str| crate::common::convert::to_html(&with(comment), true);
        write(
            dir.path(),
            "a.html",
            &page("<!-- nianbao-disable-next-line cell-empty -->"),
        );
        assert_eq!(
            rules_by_file(dir.path(), &["a.html"])[0].1,
            ["suppression-unused", "problems-empty"]
        );
        write(
            dir.path(),
            "a.html",
            &page("<!-- nianbao-disable-next-line problems-empty -->"),
        );
        assert!(rules_by_file(dir.path(), &["a.html"])[0].1.is_empty());
    }

    #[test]
    fn a_baseline_round_trip_exits_0() {
        let dir = office();
        nianbao(dir.path())
            .args(["check", "reports", "--write-baseline", "baseline.toml"])
            .assert()
            .code(0)
            .stderr(predicate::str::contains("已将 14 个问题写入基线 baseline.toml"));
        let text = fs::read_to_string(dir.path().join("baseline.toml")).unwrap();
        assert!(text.contains("files = [\"reports/district/a.txt\"]"), "{text}");
        assert!(!text.contains("line ="), "line numbers are never the key");
        nianbao(dir.path())
            .args(["check", "reports", "--baseline", "baseline.toml", "--color", "never"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("0 个错误，0 个警告，0 个提示"));
        // A new defect is reported; a fixed one leaves its entry unused.
        let example = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
        let changed = example.replace("2021年，我局修订了", "2020年，我局修订了");
        let changed = changed.replacen("（二）主动公开情况", "（一）主动公开情况", 1);
        write(dir.path(), "reports/city.txt", &changed);
        let out = nianbao(dir.path())
            .args(["check", "reports", "--baseline", "baseline.toml", "--format", "json"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let unused: Vec<&Value> = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().unwrap())
            .filter(|d| d["rule"] == "suppression-unused")
            .collect();
        assert_eq!(unused.len(), 2, "the two fixed findings' entries");
    }

    #[test]
    fn a_baseline_matches_paths_written_with_dot_dot() {
        // The same file named through `..`, or from a subfolder: still the
        // file the baseline names.
        let dir = office();
        nianbao(dir.path())
            .args(["check", "reports", "--write-baseline", "baseline.toml"])
            .assert()
            .code(0);
        nianbao(dir.path())
            .args([
                "check",
                "reports/../reports/district/a.txt",
                "--baseline",
                "baseline.toml",
            ])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("0 个错误，0 个警告，0 个提示"));
        nianbao(&dir.path().join("reports/district"))
            .args(["check", "./a.txt", "--baseline", "../../baseline.toml"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("0 个错误，0 个警告，0 个提示"));
        // An ignore file, the report named from a sibling folder through `..`.
        write(
            dir.path(),
            "reports/nianbao-ignore.toml",
            "[[ignore]]\nfiles = [\"district/a.txt\"]\nrule = \"year-statement-mismatch\"\n\
             line = \"2021年，我局修订了\"\nreason = \"accepted\"\n",
        );
        fs::create_dir_all(dir.path().join("reports/other")).unwrap();
        for path in ["../district/a.txt", "../other/../district/./a.txt"] {
            let out = nianbao(&dir.path().join("reports/other"))
                .args(["check", "--format", "concise", path])
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.contains("applications-row-total"), "{stdout}");
            assert!(!stdout.contains("year-statement-mismatch"), "{path}: {stdout}");
            assert!(!stdout.contains("suppression-unused"), "{path}: {stdout}");
        }
    }
}

mod outputs {
    use super::*;

    fn fixtures_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
    }

    fn output(format: &str) -> String {
        let out = nianbao(&fixtures_dir())
            .args(["check", ".", "--color", "never", "--format", format])
            .args(["--exclude", "formats/bad/*"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn every_format_runs_over_the_fixtures() {
        for format in ["human", "concise", "json", "sarif", "github", "junit"] {
            let out = output(format);
            assert!(out.len() > 1000, "{format}: {} bytes", out.len());
            assert!(out.contains("applications-row-total"), "{format}");
        }
    }

    #[test]
    fn sarif_validates_against_the_official_schema() {
        let schema: Value =
            serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).expect("the vendored schema parses");
        let validator = jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("a valid draft-04 schema");
        let log: Value = serde_json::from_str(&output("sarif")).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run["results"].as_array().unwrap();
        assert!(results.len() > 20);
        for r in results {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
            assert_eq!(r["partialFingerprints"]["nianbao/v1"].as_str().unwrap().len(), 16);
        }
        let empty = rules.iter().find(|r| r["id"] == "cell-empty").unwrap();
        assert!(
            empty["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .contains("空白不等于 0")
        );
        // A file name with Chinese characters is a percent-encoded URI reference.
        assert!(results.iter().any(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("example/%E7%A4%BA")
        }));
    }

    #[test]
    fn a_run_stopped_by_a_broken_config_still_writes_its_sarif_log() {
        // The CI step that uploads the log finds it, and it says why.
        let dir = office();
        write(
            dir.path(),
            "nianbao.toml",
            "[rules]\nseverity = { cell-empty = \"loud\" }\n",
        );
        fs::write(dir.path().join("old.sarif"), "stale").unwrap();
        nianbao(dir.path())
            .args(["check", "reports", "--format", "sarif", "-o", "old.sarif"])
            .assert()
            .code(2);
        let log: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("old.sarif")).unwrap()).unwrap();
        let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
        let validator = jsonschema::draft4::options().build(&schema).unwrap();
        assert!(validator.is_valid(&log));
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let why = invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap();
        assert!(why.contains("nianbao.toml"), "{why}");
        assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    }

    /// SARIF is written as files are checked: the results of each file in
    /// order, and the files that could not be read at the end, in the run's
    /// invocation (the only part that waits for the whole batch).
    #[test]
    fn sarif_streams_results_and_reports_unreadable_files_in_the_invocation() {
        let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
        let validator = jsonschema::draft4::options().build(&schema).unwrap();
        let out = nianbao(&fixtures_dir())
            .args(["check", "formats", "layouts", "--format", "sarif", "-j", "2"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "unreadable files make exit 2");
        let text = String::from_utf8(out.stdout).unwrap();
        let log: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let run = &log["runs"][0];
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let bad = fs::read_dir(fixtures_dir().join("formats/bad")).unwrap().count();
        let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
        // The two empty files are findings (`input-empty`), not unreadable.
        assert_eq!(notes.len(), bad - 2);
        assert!(notes.iter().all(|n| {
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("formats/bad/")
        }));
        // Results come file by file, in the order the files are listed.
        let uris: Vec<&str> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert!(uris.len() > 5);
        let mut sorted = uris.clone();
        sorted.sort();
        assert_eq!(uris, sorted);
        // Pretty-printed, two spaces a level.
        assert!(text.ends_with("}\n") && text.lines().all(|l| (l.len() - l.trim_start().len()) % 2 == 0));
    }

    #[test]
    fn github_lines_follow_the_workflow_command_grammar() {
        let out = output("github");
        let grammar = regex::Regex::new(
            // A web page's findings give its lines, not the view's columns.
            r"^::(error|warning|notice) file=[^,:\n]+,line=\d+,(col=\d+,)?endLine=\d+,(endColumn=\d+,)?title=[a-z0-9-]+::[^\r\n]+$",
        )
        .unwrap();
        assert!(out.lines().count() > 20);
        for line in out.lines() {
            assert!(grammar.is_match(line), "{line}");
        }
        assert!(
            out.lines().any(|l| l.starts_with("::notice ")),
            "info findings are notices"
        );
    }

    #[test]
    fn concise_is_one_line_per_finding() {
        let out = output("concise");
        let line = regex::Regex::new(r"^[^:\n]+:\d+:\d+: (error|warning|info)\[[a-z0-9-]+\] .+$").unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 20);
        for l in &lines[..lines.len() - 1] {
            assert!(line.is_match(l), "{l}");
        }
        assert!(lines.last().unwrap().starts_with("共检查 "));
    }

    #[test]
    fn junit_has_a_suite_per_file_and_a_case_per_rule() {
        let out = output("junit");
        let mut reader = quick_xml::Reader::from_str(&out);
        let (mut suites, mut cases, mut failures) = (0, 0, 0);
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => match e.name().as_ref() {
                    b"testsuite" => suites += 1,
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                },
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        let files = fs::read_dir(fixtures_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .map(|d| {
                fs::read_dir(d)
                    .unwrap()
                    .filter(|e| e.as_ref().unwrap().path().is_file())
                    .count()
            })
            .sum::<usize>();
        assert_eq!(suites, files);
        assert!(cases >= suites * 30, "{cases} cases");
        assert!(failures > 5);
    }

    #[test]
    fn json_carries_fingerprints_and_statistics() {
        let out = nianbao(&fixtures_dir())
            .args(["check", "example", "--format", "json", "--statistics"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let d = &json["files"][0]["diagnostics"];
        assert!(
            d.as_array()
                .unwrap()
                .iter()
                .all(|d| d["fingerprint"].as_str().unwrap().len() == 16)
        );
        assert_eq!(
            json["statistics"]["rules"][0],
            serde_json::json!({"rule": "cell-empty", "severity": "error", "count": 2})
        );
        nianbao(&fixtures_dir())
            .args(["check", "example", "--statistics"])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("按规则："))
            .stdout(predicate::str::contains("     2  error    cell-empty"));
    }

    #[test]
    fn output_file_keeps_the_exit_status() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.sarif");
        nianbao(&fixtures_dir())
            .args(["check", "example", "--format", "sarif", "--output-file"])
            .arg(&out)
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty());
        let log: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(log["version"], "2.1.0");
    }
}

mod batches {
    use super::*;

    #[test]
    fn exit_zero_and_no_match() {
        let dir = office();
        nianbao(dir.path())
            .args(["check", "reports", "--exit-zero"])
            .assert()
            .code(0);
        write(dir.path(), "empty/notes.txt", "会议记录\n");
        nianbao(dir.path())
            .args(["check", "empty"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("没有要检查的报告文件"));
        nianbao(dir.path())
            .args(["check", "empty", "--lang", "en", "--verbose"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "skipped: empty/notes.txt: no title or section of a report",
            ));
    }

    #[test]
    fn globs_ignore_case_and_readmes_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let report = fixture("sections/clean-2021.txt");
        write(dir.path(), "r/A.TXT", &report);
        write(dir.path(), "r/b.Md", &report);
        write(dir.path(), "r/README.md", "# 年度报告汇总\n");
        write(dir.path(), "r/c.html", &report);
        write(dir.path(), "r/d.csv", &report);
        let names: Vec<String> = rules_by_file(dir.path(), &["r"]).into_iter().map(|(p, _)| p).collect();
        assert_eq!(names, ["r/A.TXT", "r/b.Md", "r/c.html"]);
        let names: Vec<String> = rules_by_file(dir.path(), &["r", "--glob", "*.txt"])
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(names, ["r/A.TXT"]);
        // Named on the command line, a README is checked.
        let names: Vec<String> = rules_by_file(dir.path(), &["r/README.md"])
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(names, ["r/README.md"]);
        let names: Vec<String> = rules_by_file(dir.path(), &["r", "--exclude", "a.*"])
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(names, ["r/b.Md", "r/c.html"]);
    }

    #[test]
    fn the_same_file_twice_is_checked_once() {
        let dir = office();
        let files = rules_by_file(dir.path(), &["reports/city.txt", "reports", "./reports/city.txt"]);
        assert_eq!(files.len(), 3, "{files:?}");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_but_not_round_in_loops() {
        let dir = office();
        std::os::unix::fs::symlink(dir.path().join("reports"), dir.path().join("reports/district/loop")).unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("reports/city.txt"),
            dir.path().join("reports/district/link.txt"),
        )
        .unwrap();
        let files = rules_by_file(dir.path(), &["reports"]);
        assert_eq!(files.len(), 3, "the linked file is city.txt again: {files:?}");
        // A hard link is the same file too, checked under its first name.
        std::fs::hard_link(
            dir.path().join("reports/city.txt"),
            dir.path().join("reports/a-copy.txt"),
        )
        .unwrap();
        let names: Vec<String> = rules_by_file(dir.path(), &["reports"])
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.contains(&"reports/a-copy.txt".to_string()), "{names:?}");
    }
}
