//! Blanks the built-in rule files' examples, and in a second copy their
//! explanations too, ahead of time (`src/config/lean.rs`), so that `check` does
//! not spend its start-up doing it.

use std::path::Path;

#[path = "src/config/lean.rs"]
#[allow(dead_code, unreachable_pub)]
mod lean;

const RULE_FILES: &[&str] = &["common.toml", "edition-2019.toml", "edition-2021.toml"];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in RULE_FILES {
        let path = Path::new("rules").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        std::fs::write(Path::new(&out).join(name), lean::without_examples(&text))
            .unwrap_or_else(|e| panic!("writing the lean {name}: {e}"));
        let bare = Path::new(&out).join(format!("bare-{name}"));
        std::fs::write(bare, lean::without_docs(&text)).unwrap_or_else(|e| panic!("writing the bare {name}: {e}"));
    }
    println!("cargo::rerun-if-changed=src/config/lean.rs");
}
