//! The documentation keeps up with the rules: every built-in rule is in the
//! README's table and explains itself; every kind is documented.

use nianbao::config::Config;
use nianbao::rules::KINDS;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_builtin_rule_is_in_the_readme_table() {
    let readme = readme();
    let config = Config::builtin().unwrap();
    for rule in &config.rules {
        let row = format!("| `{}` | {} |", rule.id, rule.kind);
        assert!(readme.contains(&row), "README lacks a row starting {row}");
    }
    // And the table lists nothing that does not exist.
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let id = line.trim_start_matches("| `").split('`').next().unwrap();
        if id.contains('-') && !id.contains(' ') && line.matches('|').count() == 5 {
            assert!(config.rule(id).is_some(), "README lists unknown rule {id}");
        }
    }
}

#[test]
fn every_builtin_rule_explains_itself_in_both_languages() {
    let config = Config::builtin().unwrap();
    for rule in &config.rules {
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
fn every_kind_is_documented_and_used() {
    let readme = readme();
    let config = Config::builtin().unwrap();
    for kind in KINDS {
        assert!(kind.doc.zh.len() > 40 && kind.doc.en.len() > 40, "{}", kind.name);
        assert!(
            readme.contains(&format!("**`{}`**", kind.name)),
            "README documents kind {}",
            kind.name
        );
        assert!(
            config
                .rules
                .iter()
                .any(|r| r.kind == kind.name || (kind.name == "sum" && r.kind == "sum")),
            "{} is used",
            kind.name
        );
    }
}

#[test]
fn english_messages_have_no_chinese_punctuation_quirks() {
    // clippy's message convention, adapted: no capital first letter, no final period.
    let config = Config::builtin().unwrap();
    for rule in &config.rules {
        let en = &rule.message.en;
        assert!(!en.starts_with(|c: char| c.is_ascii_uppercase()), "{}: {en}", rule.id);
        assert!(!en.ends_with('.'), "{}: {en}", rule.id);
    }
}
