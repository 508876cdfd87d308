//! A report reads the same whatever it arrives as: Word, a web page, GB18030 or
//! UTF-16 give the findings the plain text gives.

mod common;

use common::convert::*;
use common::*;
use nianbao::Options;

fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["example", "layouts", "sections"] {
        for entry in std::fs::read_dir(fixture_path(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            out.push((name.clone(), fixture(&name)));
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_reads_the_same_in_every_format() {
    let all = fixtures();
    assert!(all.len() >= 15);
    let mut converted = 0;
    for (name, text) in &all {
        assert_same_in_every_format(name, text);
        converted += usize::from(convertible(text).is_ok());
    }
    assert!(converted >= 12, "most fixtures convert to Word and HTML: {converted}");
}

#[test]
fn merged_cells_are_written_as_word_and_html_write_them() {
    let text = fixture("sections/clean-2021.txt");
    let html = to_html(&text, false);
    assert!(html.contains("colspan="), "header cells merged across");
    assert!(html.contains("rowspan="), "label cells merged down");
    let xml = document_xml(&text, false);
    assert!(xml.contains("<w:gridSpan w:val="));
    assert!(xml.contains("<w:vMerge w:val=\"restart\"/>"));
    assert!(xml.contains("<w:vMerge/>"));
    // And the merged tables are the tables of the text, cell for cell.
    let plain = document(&text);
    let report = config().check_bytes("r.docx", &to_docx(&text), &Options::default());
    assert_eq!(report.error, None);
    let source = report.source.expect("the text view");
    let word = nianbao::parse::parse(source, &config().format, &Default::default());
    for key in ["disclosure", "applications", "appeals"] {
        let values = |d: &nianbao::model::Document| -> Vec<String> {
            table(d, key)
                .rows()
                .flat_map(|r| r.cells.iter().map(|c| format!("{}:{:?}", r.label, c.value)))
                .collect()
        };
        assert_eq!(values(&plain), values(&word), "{key}");
    }
}
