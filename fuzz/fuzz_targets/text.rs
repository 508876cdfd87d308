//! Any bytes as a text report: decoding, the text parser, every rule, every output.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check_and_render(common::linter(), "fuzz.txt", data);
});
