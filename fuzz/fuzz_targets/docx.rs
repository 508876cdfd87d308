//! Any bytes as Word: a zip as it is, or else the bytes as the
//! `word/document.xml` of a package (so the XML reader gets fuzzed, not the
//! zip's checksums).
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        common::check_and_render(common::linter(), "fuzz.docx", data);
        return;
    }
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("word/document.xml", stored).unwrap();
        zip.write_all(data).unwrap();
        zip.finish().unwrap();
    }
    common::check_and_render(common::linter(), "fuzz.docx", out.get_ref());
});
