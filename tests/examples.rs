//! Every built-in rule carries examples in its TOML entry (`examples.invalid`,
//! `examples.valid`, as ast-grep rules do): each invalid one must raise the rule,
//! each valid one must not. `nianbao rule ID` prints them. A rule that compares
//! with last year's report gives that report too (`examples.previous`), and
//! each example is checked beside it.

use nianbao::rules::REGISTRY;
use nianbao::source::SourceFile;
use nianbao::{Linter, Options};

#[test]
fn every_builtin_rule_has_examples_that_behave() {
    let linter = Linter::builtin().unwrap();
    let mut failures = Vec::new();
    for rule in &linter.rules {
        let entry = REGISTRY
            .iter()
            .find(|e| e.kind == rule.kind && e.name == rule.check)
            .unwrap();
        if !entry.text_examples {
            // A file's size or the time taken: tests/formats.rs and tests/cli.rs show them.
            if !rule.examples.invalid.is_empty() || !rule.examples.valid.is_empty() {
                failures.push(format!("{}: its check cannot be shown by a text example", rule.id));
            }
            continue;
        }
        if rule.examples.invalid.is_empty() || rule.examples.valid.is_empty() {
            failures.push(format!("{}: needs at least one invalid and one valid example", rule.id));
            continue;
        }
        let cases = rule
            .examples
            .invalid
            .iter()
            .map(|e| (true, e))
            .chain(rule.examples.valid.iter().map(|e| (false, e)));
        for (i, (invalid, text)) in cases.enumerate() {
            let name = format!("{} example {}", rule.id, i + 1);
            let previous = rule
                .examples
                .previous
                .as_ref()
                .map(|p| (SourceFile::new("上年报告.txt", p.as_str()), true));
            let report = linter.check_source_with(
                SourceFile::new(name.clone(), text.as_str()),
                previous,
                &Options::default(),
            );
            assert_eq!(report.error, None, "{name}");
            let raised = report.diagnostics.iter().any(|d| d.rule == rule.id);
            if raised != invalid {
                let found: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
                failures.push(format!(
                    "{name} ({}) {} the rule; it raised {found:?}:\n{text}",
                    if invalid { "invalid" } else { "valid" },
                    if raised { "raises" } else { "does not raise" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
