//! Any text as a user's rule file after the built-in ones: it loads, or is
//! refused with a diagnostic that renders; a loaded set checks a report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::Linter;
use nianbao::rulefile::SourceMap;
use nianbao::rules::REGISTRY;

#[path = "common.rs"]
mod common;

const REPORT: &str = include_str!("../../fixtures/sections/clean-2021.txt");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Most mutations break the TOML itself. The full load parses this file with
    // the same parser after the built-in ones, so reject those here, alone,
    // instead of parsing the built-in files again for every input.
    let mut alone = SourceMap::new();
    let id = alone.add("fuzz.toml", text);
    if let Err(e) = alone.parse(id) {
        let _ = e.render(false);
        return;
    }
    // The built-in files as `check` loads them (no examples, regexes shared
    // across runs): the user's file is what is fuzzed.
    let mut sources = nianbao::config::sources_with(&[], nianbao::config::Docs::Explanations).expect("built-in rule files");
    sources.add("fuzz.toml", text);
    match Linter::with_registry(sources, REGISTRY) {
        Ok(linter) => common::check_and_render(&linter, "r.txt", REPORT.as_bytes()),
        Err(e) => {
            let _ = e.render(false);
        }
    }
});
