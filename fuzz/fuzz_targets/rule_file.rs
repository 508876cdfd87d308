//! Any text as a user's rule file after the built-in ones: it loads, or is
//! refused with a diagnostic that renders; a loaded set checks a report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::rules::REGISTRY;
use nianbao::Linter;

#[path = "common.rs"]
mod common;

const REPORT: &str = include_str!("../../fixtures/sections/clean-2021.txt");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The built-in files as `check` loads them (no examples, regexes shared
    // across runs): the user's file is what is fuzzed.
    let mut sources = nianbao::config::sources_with(&[], false).expect("built-in rule files");
    sources.add("fuzz.toml", text);
    match Linter::with_registry(sources, REGISTRY) {
        Ok(linter) => common::check_and_render(&linter, "r.txt", REPORT.as_bytes()),
        Err(e) => {
            let _ = e.render(false);
        }
    }
});
