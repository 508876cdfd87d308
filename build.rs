//! Blanks the built-in rule files' examples, and in a second copy their
//! explanations too, ahead of time (`src/config/lean.rs`), so that `check` does
//! not spend its start-up doing it; and writes each of the three forms compact
//! (no comments, blank lines or spaces around lines), the form that is parsed,
//! with the anchors that map its offsets back.

use std::path::Path;

#[path = "src/config/lean.rs"]
#[allow(dead_code, unreachable_pub)]
mod lean;

const RULE_FILES: &[&str] = &["common.toml", "edition-2019.toml", "edition-2021.toml"];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("writing {name}: {e}"));
    };
    for name in RULE_FILES {
        let path = Path::new("rules").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let lean = lean::without_examples(&text);
        let bare = lean::without_docs(&text);
        write(name, lean.as_bytes());
        write(&format!("bare-{name}"), bare.as_bytes());
        for (prefix, form) in [("full-", &text), ("", &lean), ("bare-", &bare)] {
            let (compact, anchors) = lean::compact(form);
            write(&format!("{prefix}{name}.compact"), compact.as_bytes());
            write(&format!("{prefix}{name}.anchors"), &lean::anchor_bytes(&anchors));
        }
    }
    println!("cargo::rerun-if-changed=src/config/lean.rs");
}
