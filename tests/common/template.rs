//! Fill the official blank Word template (`../shared/templates/政务公开年报模版.docx`,
//! the 2021 edition, merged header cells as WPS writes them) with a report's
//! words and numbers, keeping every part of the package as it is.

use std::io::{Cursor, Read, Write};

/// What to write into the template.
pub(crate) struct Filling<'a> {
    pub title: &'a str,
    /// For each `（文字描述…）` placeholder in order: the paragraphs replacing it.
    pub sections: &'a [&'a [&'a str]],
    /// The blank value cells of the three tables, in document order (a cell
    /// merged down counts once); `""` leaves a cell as the template has it.
    pub cells: &'a [&'a str],
    /// Paragraphs added at the end (the signature).
    pub closing: &'a [&'a str],
}

/// The template's `word/document.xml` filled in.
pub(crate) fn fill_document(xml: &str, f: &Filling<'_>) -> String {
    let mut xml = replace_paragraph(xml, "政府信息公开工作年度报告格式模板", &[f.title]);
    for paragraphs in f.sections {
        xml = replace_paragraph(&xml, "（文字描述", paragraphs);
    }
    let xml = fill_cells(&xml, f.cells);
    let end = xml.rfind("<w:sectPr").expect("a section at the end of the body");
    let closing: String = f.closing.iter().map(|t| paragraph(t)).collect();
    format!("{}{closing}{}", &xml[..end], &xml[end..])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn paragraph(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:ind w:firstLine=\"640\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\" \
         w:ascii=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/></w:rPr><w:t>{}</w:t></w:r></w:p>",
        escape(text)
    )
}

/// Replace the first paragraph whose text contains `needle` with paragraphs.
fn replace_paragraph(xml: &str, needle: &str, paragraphs: &[&str]) -> String {
    let at = xml.find(needle).unwrap_or_else(|| panic!("the template has {needle}"));
    let start = [xml[..at].rfind("<w:p>"), xml[..at].rfind("<w:p ")]
        .into_iter()
        .flatten()
        .max()
        .expect("a paragraph around it");
    let end = at + xml[at..].find("</w:p>").expect("the paragraph ends") + "</w:p>".len();
    let new: String = paragraphs.iter().map(|t| paragraph(t)).collect();
    format!("{}{new}{}", &xml[..start], &xml[end..])
}

/// The text of a piece of WordprocessingML (the `w:t` elements).
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        let after = &rest[i + 4..];
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`, `<w:tab/>`.
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let open_end = after.find('>').unwrap() + 1;
        let close = after.find("</w:t>").unwrap();
        out.push_str(&after[open_end..close]);
        rest = &after[close..];
    }
    out
}

/// Put the values into the blank cells, in order.
fn fill_cells(xml: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(xml.len() + values.len() * 200);
    let mut values = values.iter();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:tc>") {
        out.push_str(&rest[..i]);
        let end = i + rest[i..].find("</w:tc>").expect("the cell ends") + "</w:tc>".len();
        let cell = &rest[i..end];
        assert!(!cell[6..].contains("<w:tc>"), "the template nests no tables");
        let continued = cell.contains("<w:vMerge/>") || cell.contains("w:vMerge w:val=\"continue\"");
        let blank = text_of(cell)
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
            .is_empty();
        let pr_end = cell
            .find("</w:tcPr>")
            .map(|p| p + "</w:tcPr>".len())
            .unwrap_or("<w:tc>".len());
        match (continued, blank) {
            (false, true) => {
                let value = values.next().expect("a value for every blank cell");
                if value.is_empty() {
                    out.push_str(cell);
                } else {
                    out.push_str(&cell[..pr_end]);
                    out.push_str(&format!(
                        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
                        escape(value)
                    ));
                }
            }
            _ => out.push_str(cell),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    assert!(values.next().is_none(), "more values than blank cells");
    out
}

/// A copy of a .docx with its `word/document.xml` replaced.
pub(crate) fn with_document(docx: &[u8], document: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut out = Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().to_string();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            writer.start_file(name.as_str(), options).unwrap();
            if name == "word/document.xml" {
                writer.write_all(document.as_bytes()).unwrap();
            } else {
                writer.write_all(&bytes).unwrap();
            }
        }
        writer.finish().unwrap();
    }
    out.into_inner()
}

/// The `word/document.xml` of a .docx.
pub(crate) fn document_of(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}
