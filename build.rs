//! Parses the built-in rule files ahead of time, so that `check` reads trees
//! (`src/rulefile/preparsed.rs`) instead of TOML at start-up: each file as
//! written, without its examples, and without its explanations too
//! (`src/config/lean.rs`, which keeps every other span).

use std::path::Path;

#[path = "src/config/lean.rs"]
#[allow(dead_code, unreachable_pub)]
mod lean;

#[path = "src/rulefile/preparsed.rs"]
#[allow(dead_code, unreachable_pub)]
mod preparsed;

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
        for (prefix, form) in [("full-", &text), ("", &lean), ("bare-", &bare)] {
            // A file that does not parse is reported when it is loaded, with
            // the error pointing into it: here it is left unparsed.
            let (shape, strings) = toml::de::DeTable::parse(form)
                .map(|root| preparsed::encode(&root))
                .unwrap_or_default();
            write(&format!("{prefix}{name}.shape"), &shape);
            write(&format!("{prefix}{name}.strings"), strings.as_bytes());
        }
    }
    println!("cargo::rerun-if-changed=src/config/lean.rs");
    println!("cargo::rerun-if-changed=src/rulefile/preparsed.rs");
}
