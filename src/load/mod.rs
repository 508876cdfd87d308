//! Reading reports and turning them into text: plain text and Markdown in any
//! common encoding, Word (.docx), HTML pages, PDF (through `pdftotext`). What a
//! file is comes from its bytes first (a .docx renamed .txt is still read as
//! Word), then its extension. A structured file becomes a text view the parser
//! reads like any report, with each stretch's place in the original kept.

pub mod decode;
mod docx;
mod html;
mod lined;
mod pdf;
pub mod view;

use std::io::{Read, Seek};
use std::path::Path;

use encoding_rs::Encoding;

use crate::diag::Lang;
use crate::source::{Provenance, SourceFile};

/// Why a report could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("binary file (NUL byte at offset {offset}), not a text report")]
    Binary { offset: usize },
    #[error("{0}")]
    Corrupt(String),
    #[error("too large: {0}")]
    TooLarge(String),
    /// Larger than `--max-file-size`: the engine turns it into `input-too-large`.
    #[error("too large: {:.1} MB, more than --max-file-size {} MB", *size as f64 / 1048576.0, limit >> 20)]
    FileTooLarge { size: u64, limit: u64 },
    #[error("an old Word or WPS file (.doc/.wps): open it and save it as .docx, then check the .docx")]
    LegacyWord,
    #[error("an OFD file (GB/T 33190), not read yet: export it as PDF or save it as .docx, then check that")]
    Ofd,
    #[error("{0} file, not a report: save the report as .docx, .txt, .md, .html or .pdf")]
    NotReport(&'static str),
    /// A report in a format not read (RTF, a web archive), named in both languages.
    #[error("{}, not read: save it as .docx, .txt, .md, .html or .pdf, then check that", .0.1)]
    Unread((&'static str, &'static str)),
    #[error(
        "reading PDF needs pdftotext (poppler-utils: `apt install poppler-utils`, `brew install poppler`; \
         or set NIANBAO_PDFTOTEXT to where it is), or save the PDF as text by hand"
    )]
    NoPdfTool,
    #[error("the PDF has no text layer (a scan?): nothing to check; run OCR first, or check the original document")]
    Scanned,
}

impl LoadError {
    /// The message in the user's language.
    pub fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (LoadError::Io(e), Lang::Zh) => format!("无法读取：{e}"),
            (LoadError::Binary { offset }, Lang::Zh) => {
                format!("二进制文件（偏移 {offset} 处有 NUL 字节），不是文本报告")
            }
            (LoadError::Corrupt(why), Lang::Zh) => format!("文件已损坏或不完整：{why}"),
            (LoadError::TooLarge(why), Lang::Zh) => format!("文件过大：{why}"),
            (LoadError::FileTooLarge { size, limit }, Lang::Zh) => format!(
                "文件过大：{:.1} MB，超过 --max-file-size {} MB",
                *size as f64 / 1048576.0,
                limit >> 20
            ),
            (LoadError::Ofd, Lang::Zh) => {
                "OFD 版式文件（GB/T 33190）暂不能读取：请导出为 PDF 或另存为 .docx，再检查导出的文件".into()
            }
            (LoadError::LegacyWord, Lang::Zh) => {
                "旧版 Word 或 WPS 文件（.doc/.wps）：请打开后另存为 .docx，再检查 .docx 文件".into()
            }
            (LoadError::Unread((what, _)), Lang::Zh) => {
                format!("{what}，暂不能读取：请另存为 .docx、.txt、.md、.html 或 .pdf 后再检查")
            }
            (LoadError::NotReport(what), Lang::Zh) => {
                format!("这是{what}文件，不是报告：请将报告保存为 .docx、.txt、.md、.html 或 .pdf")
            }
            (LoadError::NoPdfTool, Lang::Zh) => {
                "读取 PDF 需要 pdftotext（poppler-utils，可用 `apt install poppler-utils` \
                 或 `brew install poppler` 安装；\
                 不在 PATH 中时用环境变量 NIANBAO_PDFTOTEXT 指明位置），或先手工将 PDF 另存为文本"
                    .into()
            }
            (LoadError::Scanned, Lang::Zh) => {
                "PDF 没有文字层（可能是扫描件），无法检查：请先做文字识别，或检查原始文档".into()
            }
        }
    }
}

/// How files are read.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Decode text with this encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// Files larger than this (bytes) are not read.
    pub max_file_size: u64,
    /// The report's section titles (without punctuation), to find the report in
    /// a web page.
    pub section_titles: Vec<String>,
}

/// 20 MB: larger than any report, small enough not to stall a batch.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20 << 20;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            encoding: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            section_titles: Vec::new(),
        }
    }
}

pub fn load_path(path: &Path, options: &LoadOptions) -> Result<SourceFile, LoadError> {
    let size = std::fs::metadata(path)?.len();
    // A Word file is read where it lies, only its text parts inflated (each
    // within the limit): the pictures a draft carries do not count.
    let mut head = [0u8; 4];
    let mut file = std::fs::File::open(path)?;
    let name = path.display().to_string();
    if size > 4 && file.read_exact(&mut head).is_ok() && kind_of(&name, &head).is_ok_and(|k| k == Kind::Docx) {
        file.rewind()?;
        let (text, provenance) = docx::from_zip(std::io::BufReader::new(file), options.max_file_size)?;
        return Ok(SourceFile::new(&name, text).with_provenance(provenance));
    }
    if size > options.max_file_size {
        return Err(LoadError::FileTooLarge {
            size,
            limit: options.max_file_size,
        });
    }
    file.rewind()?;
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(options.max_file_size + 1).read_to_end(&mut bytes)?;
    load_bytes(&name, &bytes, options)
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
}

fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn kind_of(name: &str, bytes: &[u8]) -> Result<Kind, LoadError> {
    let ext = extension(name);
    if bytes.starts_with(b"PK\x03\x04") {
        return match ext.as_str() {
            "xlsx" | "xls" | "et" => Err(LoadError::NotReport("Excel")),
            "pptx" | "ppt" | "dps" => Err(LoadError::NotReport("PowerPoint")),
            _ => Ok(Kind::Docx),
        };
    }
    if bytes.starts_with(b"PK\x05\x06") {
        return Err(LoadError::Corrupt("an empty zip file: no document in it".into()));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match ext.as_str() {
            "xls" | "et" => Err(LoadError::NotReport("Excel")),
            "ppt" | "dps" => Err(LoadError::NotReport("PowerPoint")),
            _ => Err(LoadError::LegacyWord),
        };
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    // What the bytes say first: Word saves a web page, RTF or a web archive
    // under .doc as readily as under its own name.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("{\\rtf") {
        return Err(LoadError::Unread(("RTF 文件", "an RTF file")));
    }
    if head.starts_with("mime-version:") || head.contains("multipart/related") {
        return Err(LoadError::Unread(("网页归档文件（.mht）", "a web archive (.mht)")));
    }
    // Also after an XML declaration or a comment (IE's `<!-- saved from url=… -->`).
    let html = head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") || head.starts_with("<!--")) && head.contains("<html");
    match ext.as_str() {
        "docx" => Err(LoadError::Corrupt("not a readable .docx (it is not a zip file)".into())),
        "doc" | "wps" if html => Ok(Kind::Html),
        "doc" | "wps" => Err(LoadError::LegacyWord),
        "ofd" => Err(LoadError::Ofd),
        "pdf" => Err(LoadError::Corrupt("not a PDF (it does not start with %PDF-)".into())),
        "html" | "htm" | "shtml" | "xhtml" => Ok(Kind::Html),
        "md" | "markdown" => Ok(Kind::Markdown),
        _ if html => Ok(Kind::Html),
        _ => Ok(Kind::Text),
    }
}

/// Turn a file's bytes into text (or a text view), named `name`.
pub fn load_bytes(name: &str, bytes: &[u8], options: &LoadOptions) -> Result<SourceFile, LoadError> {
    if bytes.len() as u64 > options.max_file_size {
        return Err(LoadError::FileTooLarge {
            size: bytes.len() as u64,
            limit: options.max_file_size,
        });
    }
    let kind = kind_of(name, bytes)?;
    let (text, provenance) = match kind {
        Kind::Text | Kind::Markdown => {
            let d = decode::decode(bytes, options.encoding, false)?;
            // HTML tables in a text or Markdown report are read as tab rows
            // (the text rewritten: where a bad byte was is found again).
            let (text, first_replaced) = match html::inline_tables(&d.text) {
                Some(text) => {
                    let at = d.first_replaced.and_then(|_| text.find('\u{FFFD}'));
                    (text, at)
                }
                None => (d.text, d.first_replaced),
            };
            let provenance = Provenance {
                format: if kind == Kind::Markdown { "markdown" } else { "text" },
                encoding: d.encoding.to_string(),
                replaced: d.replaced,
                first_replaced,
                ..Provenance::default()
            };
            (text, provenance)
        }
        Kind::Html => {
            let d = decode::decode(bytes, options.encoding, true)?;
            let depth = html::nesting_depth(&d.text);
            if depth > html::MAX_DEPTH {
                return Err(LoadError::TooLarge(format!(
                    "the page nests elements {depth} deep (more than {}): not read",
                    html::MAX_DEPTH
                )));
            }
            let (text, mut provenance) = html::to_view(&d.text, d.encoding, &options.section_titles);
            provenance.replaced = text.matches('\u{FFFD}').count().min(d.replaced);
            provenance.first_replaced = text.find('\u{FFFD}');
            (text, provenance)
        }
        Kind::Docx => docx::to_view(bytes, options.max_file_size)?,
        Kind::Pdf => {
            let text = pdf::to_text(bytes)?;
            let provenance = Provenance {
                format: "pdf",
                encoding: "UTF-8".into(),
                ..Provenance::default()
            };
            (text, provenance)
        }
    };
    Ok(SourceFile::new(name, text).with_provenance(provenance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_file_is_comes_from_its_bytes_first() {
        assert_eq!(kind_of("a.txt", b"PK\x03\x04rest").unwrap(), Kind::Docx);
        assert!(matches!(
            kind_of("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            Err(LoadError::LegacyWord)
        ));
        assert!(matches!(kind_of("a.wps", b"anything"), Err(LoadError::LegacyWord)));
        assert!(matches!(kind_of("a.ofd", b"anything"), Err(LoadError::Ofd)));
        assert!(matches!(
            kind_of("a.xlsx", b"PK\x03\x04"),
            Err(LoadError::NotReport("Excel"))
        ));
        assert_eq!(kind_of("page.txt", b"<!DOCTYPE html><html>").unwrap(), Kind::Html);
        assert_eq!(kind_of("a.MD", b"# x").unwrap(), Kind::Markdown);
        assert_eq!(kind_of("a.pdf", b"%PDF-1.7").unwrap(), Kind::Pdf);
        // Word saves a web page, RTF or a web archive under .doc too.
        assert_eq!(kind_of("a.doc", b"<html xmlns:o=\"urn\">").unwrap(), Kind::Html);
        assert!(matches!(kind_of("a.doc", b"{\\rtf1\\ansi"), Err(LoadError::Unread(_))));
        assert!(matches!(
            kind_of("a.doc", b"MIME-Version: 1.0\r\nContent-Type: multipart/related;"),
            Err(LoadError::Unread(_))
        ));
        assert!(matches!(
            kind_of("a.docx", b"PK\x05\x06\0\0"),
            Err(LoadError::Corrupt(_))
        ));
    }

    #[test]
    fn a_corrupt_docx_is_an_error() {
        let e = load_bytes("a.docx", b"PK\x03\x04garbage", &LoadOptions::default()).unwrap_err();
        assert!(matches!(e, LoadError::Corrupt(_)), "{e:?}");
    }
}
