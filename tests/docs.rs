//! The documentation keeps up with the code: every check has its file, a built-in
//! rule and documented parameters; the README lists every rule and documents
//! every check exactly as `nianbao rule --checks --format markdown` prints them.

use std::collections::BTreeSet;
use std::path::Path;

use nianbao::Linter;
use nianbao::rules::{Kind, REGISTRY};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_builtin_rule_is_in_the_readme_table() {
    let readme = readme();
    let linter = Linter::builtin().unwrap();
    for rule in &linter.rules {
        let row = format!("| `{}` | {} |", rule.id, rule.kind);
        assert!(readme.contains(&row), "README lacks a row starting {row}");
    }
    // And the table lists nothing that does not exist.
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let id = line.trim_start_matches("| `").split('`').next().unwrap();
        if id.contains('-') && !id.contains(' ') && line.matches('|').count() == 5 {
            assert!(linter.rule(id).is_some(), "README lists unknown rule {id}");
        }
    }
}

#[test]
fn every_builtin_rule_explains_itself_in_both_languages() {
    let linter = Linter::builtin().unwrap();
    for rule in &linter.rules {
        let e = rule
            .explanation
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no explanation", rule.id));
        assert!(!e.zh.trim().is_empty() && !e.en.trim().is_empty(), "{}", rule.id);
        assert!(
            !rule.message.zh.is_empty() && !rule.message.en.is_empty(),
            "{}",
            rule.id
        );
    }
}

#[test]
fn english_messages_follow_the_convention() {
    // clippy's message convention: no capital first letter, no final period.
    let linter = Linter::builtin().unwrap();
    for rule in &linter.rules {
        let en = &rule.message.en;
        assert!(!en.starts_with(|c: char| c.is_ascii_uppercase()), "{}: {en}", rule.id);
        assert!(!en.ends_with('.'), "{}: {en}", rule.id);
    }
}

/// `src/rules/<kind>/<check>.rs`, with `-` as `_`.
fn check_file(kind: Kind, name: &str) -> String {
    format!(
        "src/rules/{}/{}.rs",
        kind.as_str().replace('-', "_"),
        name.replace('-', "_")
    )
}

#[test]
fn every_check_is_one_file_in_its_kinds_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let registered: BTreeSet<String> = REGISTRY.iter().map(|c| check_file(c.kind, c.name)).collect();
    assert_eq!(registered.len(), REGISTRY.len(), "a check is registered twice");
    for file in &registered {
        assert!(root.join(file).is_file(), "registered check has no file {file}");
    }
    // And every file in a kind's folder is a registered check (mod.rs holds what
    // the kind's checks share).
    for kind in Kind::ALL {
        let dir = root.join("src/rules").join(kind.as_str().replace('-', "_"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name == "mod.rs" {
                continue;
            }
            let file = format!("src/rules/{}/{name}", kind.as_str().replace('-', "_"));
            assert!(registered.contains(&file), "{file} is not in the registry");
        }
    }
}

#[test]
fn every_check_has_a_builtin_rule() {
    let linter = Linter::builtin().unwrap();
    for c in REGISTRY {
        assert!(
            linter.rules.iter().any(|r| r.kind == c.kind && r.check == c.name),
            "no built-in rule uses {}/{}",
            c.kind,
            c.name
        );
    }
}

#[test]
fn every_check_documents_itself_and_each_parameter() {
    for c in REGISTRY {
        assert!(
            c.doc.zh.chars().count() > 10 && c.doc.en.len() > 20,
            "{}/{}",
            c.kind,
            c.name
        );
        let documented: Vec<&str> = c.params.iter().map(|p| p.name).collect();
        assert_eq!(
            documented,
            (c.fields)(),
            "{}/{}: documented parameters differ from those it reads",
            c.kind,
            c.name
        );
        for p in c.params {
            assert!(
                !p.doc.zh.is_empty() && !p.doc.en.is_empty(),
                "{}/{}: {}",
                c.kind,
                c.name,
                p.name
            );
        }
    }
    for kind in Kind::ALL {
        assert!(kind.doc().zh.chars().count() > 20 && kind.doc().en.len() > 40, "{kind}");
    }
}

#[test]
fn readme_documents_every_check_as_the_binary_prints_it() {
    let out = assert_cmd::Command::cargo_bin("nianbao")
        .unwrap()
        .args(["rule", "--checks", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let readme = readme();
    assert!(
        readme.contains(generated.trim()),
        "the README's \"Rule kinds and checks\" section differs from `nianbao rule --checks --format markdown`:\n{generated}"
    );
}
