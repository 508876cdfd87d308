//! Any bytes as a web page: charset sniffing, the report container, tables
//! with spans, div grids, then the text pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check_and_render(common::linter(), "fuzz.html", data);
});
