//! Reading reports from disk or stdin and decoding them to text.

use std::io::Read;
use std::path::Path;

use crate::source::SourceFile;

/// Why a report could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("not valid UTF-8 (first bad byte at offset {offset}); save the file as UTF-8")]
    NotUtf8 { offset: usize },
    #[error("looks like UTF-16 (byte order mark {bom}); save the file as UTF-8")]
    Utf16 { bom: &'static str },
    #[error("binary file (NUL byte at offset {offset}), not a text report")]
    Binary { offset: usize },
}

impl LoadError {
    /// The message in the user's language.
    pub fn localized(&self, lang: crate::diag::Lang) -> String {
        use crate::diag::Lang::*;
        match (self, lang) {
            (_, En) => self.to_string(),
            (LoadError::Io(e), Zh) => format!("无法读取：{e}"),
            (LoadError::NotUtf8 { offset }, Zh) => {
                format!("不是有效的 UTF-8 文本（第一个错误字节位于偏移 {offset}），请另存为 UTF-8")
            }
            (LoadError::Utf16 { bom }, Zh) => {
                format!("文件似乎是 UTF-16 编码（字节顺序标记 {bom}），请另存为 UTF-8")
            }
            (LoadError::Binary { offset }, Zh) => {
                format!("二进制文件（偏移 {offset} 处有 NUL 字节），不是文本报告")
            }
        }
    }
}

pub fn load_path(path: &Path) -> Result<SourceFile, LoadError> {
    let bytes = std::fs::read(path)?;
    let text = decode(bytes)?;
    Ok(SourceFile::new(path.display().to_string(), text))
}

pub fn load_reader(name: &str, mut reader: impl Read) -> Result<SourceFile, LoadError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let text = decode(bytes)?;
    Ok(SourceFile::new(name, text))
}

/// UTF-8 with or without a byte order mark. Line endings are kept as they are:
/// the line index understands all three.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(LoadError::Utf16 { bom: "FF FE" });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::Utf16 { bom: "FE FF" });
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if let Some(offset) = text.bytes().position(|b| b == 0) {
                return Err(LoadError::Binary { offset });
            }
            Ok(text)
        }
        Err(e) => Err(LoadError::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom() {
        let text = decode(b"\xEF\xBB\xBF\xE4\xB8\x80".to_vec()).unwrap();
        assert_eq!(text, "一");
    }

    #[test]
    fn rejects_invalid_utf8_with_offset() {
        // "一" then "你" in GBK
        let err = decode(b"\xE4\xB8\x80\xC4\xE3".to_vec()).unwrap_err();
        assert!(matches!(err, LoadError::NotUtf8 { offset: 3 }), "{err:?}");
    }

    #[test]
    fn rejects_utf16_by_bom() {
        let err = decode(b"\xFF\xFE\x00N".to_vec()).unwrap_err();
        assert!(matches!(err, LoadError::Utf16 { .. }));
    }

    #[test]
    fn rejects_binary() {
        let err = decode(b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert!(matches!(err, LoadError::Binary { offset: 4 }));
    }
}
