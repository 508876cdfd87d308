//! The README's example outputs are what the binary prints.

use std::path::Path;

use assert_cmd::Command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The fenced block right after the marker `<!-- readme-test: {name}`.
fn block_after(readme: &str, name: &str) -> String {
    let marker = format!("<!-- readme-test: {name}");
    let at = readme.find(&marker).unwrap_or_else(|| panic!("README has no {marker}"));
    let rest = &readme[at..];
    let open = rest.find("```").unwrap();
    let body_start = open + rest[open..].find('\n').unwrap() + 1;
    let body_len = rest[body_start..].find("```").unwrap();
    rest[body_start..body_start + body_len].to_string()
}

fn trim_lines(s: &str) -> String {
    s.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

fn nianbao() -> Command {
    let mut cmd = Command::cargo_bin("nianbao").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

#[test]
fn the_across_years_output_is_the_binarys() {
    let out = nianbao()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--color", "never", "fixtures/years/"])
        .output()
        .unwrap();
    let printed = trim_lines(&String::from_utf8(out.stdout).unwrap());
    let shown = trim_lines(&block_after(&readme(), "across years"));
    assert!(shown.contains("fixtures/years/样本区交通运输局2021年报告.md:76:24"));
    assert!(
        printed.contains(&shown),
        "the README shows\n{shown}\n\nthe binary prints\n{printed}"
    );
}

#[test]
fn the_example_output_is_the_binarys() {
    let out = nianbao()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--color",
            "never",
            "fixtures/example/示例区人力资源和社会保障局2020年报告.txt",
        ])
        .output()
        .unwrap();
    let printed = trim_lines(&String::from_utf8(out.stdout).unwrap());
    let shown = block_after(&readme(), "output of");
    let findings: Vec<&str> = shown.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    assert_eq!(findings.len(), 2);
    for finding in findings {
        let finding = trim_lines(finding);
        assert!(
            printed.contains(&finding),
            "the README shows\n{finding}\n\nthe binary prints\n{printed}"
        );
    }
}

#[test]
fn the_rule_file_error_is_the_binarys() {
    let readme = readme();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("本单位规则.toml"),
        block_after(&readme, "rule file 本单位规则.toml"),
    )
    .unwrap();
    let report =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example/示例区人力资源和社会保障局2020年报告.txt");
    let out = nianbao()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "--rules", "本单位规则.toml"])
        .arg(report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let printed = trim_lines(&String::from_utf8(out.stderr).unwrap());
    assert_eq!(printed, trim_lines(&block_after(&readme, "rule file error")));
}
