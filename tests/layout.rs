//! The layout shows the pipeline — load → parse → model → rules → render, with
//! the format the rule files describe beside it — and no module imports a stage
//! that comes after it. Test code (`#[cfg(test)]`) may use anything.

use std::path::Path;

/// Which crate modules each module may name.
const ALLOWED: &[(&str, &[&str])] = &[
    ("source", &[]),
    ("budget", &[]),
    ("pattern", &[]),
    ("label", &[]),
    ("years", &[]),
    ("number", &["label"]),
    ("grid", &["source"]),
    ("diag", &["source", "grid"]),
    ("rulefile", &["source", "label", "pattern"]),
    ("load", &["source", "diag", "label"]),
    ("format", &["diag", "label", "number", "pattern"]),
    ("model", &["source", "format", "label", "number", "years"]),
    ("telltale", &["format", "label", "model", "source"]),
    ("anchor", &["diag", "format", "label", "model", "source"]),
    ("extract", &["diag", "format", "grid", "model", "number", "source"]),
    (
        "parse",
        &[
            "parse", "budget", "source", "format", "label", "number", "model", "years",
        ],
    ),
    (
        "config",
        &[
            "config", "rulefile", "source", "diag", "format", "label", "number", "pattern",
        ],
    ),
    (
        "relation",
        &[
            "relation", "rulefile", "source", "diag", "format", "label", "number", "model",
        ],
    ),
    (
        "rules",
        &[
            "rules", "relation", "config", "rulefile", "source", "diag", "format", "label", "number", "model",
            "pattern", "telltale", "years",
        ],
    ),
    (
        "infer",
        &["format", "label", "model", "number", "relation", "rules", "source"],
    ),
    (
        "engine",
        &[
            "infer", "anchor", "budget", "config", "rulefile", "rules", "parse", "load", "source", "diag", "format",
            "model", "extract", "pattern", "telltale",
        ],
    ),
    ("settings", &["settings", "diag", "rulefile", "rules", "source"]),
    ("suppress", &["diag", "label", "rulefile", "source"]),
    ("render", &["render", "diag", "grid", "source"]),
    ("dump", &["source", "format", "model", "number"]),
];

/// The crate modules a file names (`crate::x`, `super::` stays inside).
fn named_modules(text: &str) -> Vec<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    // `use crate::{a, b}` forms.
    for (i, _) in code.match_indices("crate::{") {
        let rest = &code[i + "crate::{".len()..];
        let inner = &rest[..rest.find('}').unwrap_or(0)];
        for part in inner.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn no_module_imports_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy();
        let module = top.trim_end_matches(".rs");
        if matches!(module, "lib" | "main" | "cli") {
            continue; // the crate root and the binary join everything
        }
        let allowed = ALLOWED
            .iter()
            .find(|(m, _)| *m == module)
            .unwrap_or_else(|| panic!("{} is not placed in the pipeline (tests/layout.rs)", rel.display()))
            .1;
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for name in named_modules(&text) {
            assert!(
                name == module || allowed.contains(&name.as_str()),
                "{} imports crate::{name}, a later stage",
                rel.display()
            );
        }
        checked += 1;
    }
    assert!(checked > 40, "{checked} files checked");
}

#[test]
fn the_reader_of_imports_sees_grouped_uses() {
    let names = named_modules(
        "//! Built by [`crate::parse`].\nuse crate::{diag::Finding, label};\nuse crate::model::Row;\n#[cfg(test)]\nuse crate::engine;",
    );
    assert_eq!(names, ["diag", "label", "model"]);
}
