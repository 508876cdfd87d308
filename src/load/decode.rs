//! Bytes to text: UTF-8 (with or without a byte-order mark), UTF-16 (with a
//! BOM, or told by its zero bytes), GB18030/GBK/GB2312, an HTML page's
//! `<meta charset>`, or an encoding the user names. A UTF-8 file with a few bad
//! bytes is read with replacement characters rather than rejected.

use std::sync::LazyLock;

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use regex::bytes::Regex;

use super::LoadError;

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Byte sequences replaced by U+FFFD.
    pub replaced: usize,
    /// Where the first replacement is in `text`.
    pub first_replaced: Option<usize>,
}

/// The encoding a label names (`gbk`, `GB2312`, `utf-16le`…), for `--encoding`.
pub fn encoding_for(label: &str) -> Option<&'static Encoding> {
    let e = Encoding::for_label(label.trim().as_bytes())?;
    // GBK and GB2312 text is GB18030 text; decode with the superset.
    Some(if e == encoding_rs::GBK { GB18030 } else { e })
}

static META_CHARSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#).expect("valid"));

pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>, html: bool) -> Result<Decoded, LoadError> {
    if let Some(e) = forced {
        let (body, e) = strip_bom(bytes).unwrap_or((bytes, e));
        return Ok(with(e, body));
    }
    if let Some((body, e)) = strip_bom(bytes) {
        return Ok(with(e, body));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return match utf16_without_bom(bytes) {
            Some(e) => Ok(with(e, bytes)),
            None => Err(LoadError::Binary { offset }),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Valid already: copy it, rather than have the decoder check it again.
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            replaced: 0,
            first_replaced: None,
        });
    }
    if html {
        let head = &bytes[..bytes.len().min(4096)];
        if let Some(label) = META_CHARSET.captures(head).and_then(|c| c.get(1))
            && let Some(e) = std::str::from_utf8(label.as_bytes()).ok().and_then(encoding_for)
            // A page saved as GBK under a template still declaring UTF-8 (its
            // bytes are not UTF-8, as just seen): the bytes decide.
            && e != UTF_8
        {
            return Ok(with(e, bytes));
        }
    }
    // A few bad bytes in a UTF-8 file: keep it UTF-8, say where.
    let (bad, multibyte) = utf8_damage(bytes);
    if bad <= 3.max(multibyte / 50) {
        return Ok(with(UTF_8, bytes));
    }
    // Chinese reports are mostly GB18030 (GBK): when the bytes are valid
    // GB18030 and read as Chinese, take it without the (slower) detector.
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes)
        && mostly_chinese(&text)
    {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: GB18030.name(),
            replaced: 0,
            first_replaced: None,
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let guess = if guess == encoding_rs::GBK { GB18030 } else { guess };
    Ok(with(guess, bytes))
}

/// Text whose letters are mostly Chinese characters, common ones among them
/// (as a GB18030 reading of another encoding's bytes would not be).
fn mostly_chinese(text: &str) -> bool {
    let (mut cjk, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
        {
            cjk += 1;
        } else {
            other += 1;
        }
    }
    // And the words a report is made of (Big5 bytes read as GB18030 are
    // Chinese characters too, but other ones).
    let common = text
        .chars()
        .filter(|c| "的年政府信息公开工作报告情况".contains(*c))
        .count();
    cjk >= 8 && other * 10 <= cjk && common * 20 >= cjk.min(2000)
}

fn strip_bom(bytes: &[u8]) -> Option<(&[u8], &'static Encoding)> {
    let (e, len) = Encoding::for_bom(bytes)?;
    Some((&bytes[len..], e))
}

/// UTF-16 without a byte-order mark: text with zero bytes that decodes, one way
/// or the other, to Chinese and ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    [UTF_16LE, UTF_16BE].into_iter().find(|e| {
        let (text, errors) = e.decode_without_bom_handling(sample);
        let total = text.chars().count();
        let texty = text
            .chars()
            .filter(|&c| {
                matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '\u{2000}'..='\u{206f}')
                    || c.is_ascii_graphic()
                    || c.is_ascii_whitespace()
            })
            .count();
        !errors && total > 0 && texty * 10 >= total * 9
    })
}

/// Invalid sequences and valid multibyte characters in bytes read as UTF-8.
fn utf8_damage(mut bytes: &[u8]) -> (usize, usize) {
    let (mut bad, mut multibyte) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                return (bad, multibyte);
            }
            Err(e) => {
                let valid = e.valid_up_to();
                // Safe: the prefix was just validated.
                multibyte += std::str::from_utf8(&bytes[..valid])
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                let skip = e.error_len().unwrap_or(bytes.len() - valid);
                bytes = &bytes[valid + skip..];
            }
        }
    }
}

fn with(e: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = e.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    let (replaced, first_replaced) = if had_errors {
        (text.matches('\u{FFFD}').count(), text.find('\u{FFFD}'))
    } else {
        (0, None)
    };
    Decoded {
        text,
        encoding: e.name(),
        replaced,
        first_replaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Decoded {
        decode(bytes, None, false).unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("一、总体情况".as_bytes()).text, "一、总体情况");
        let d = dec(b"\xEF\xBB\xBF\xE4\xB8\x80");
        assert_eq!((d.text.as_str(), d.encoding), ("一", "UTF-8"));
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) =
            GB18030.encode("某县统计局2021年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n");
        let d = dec(&bytes);
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("某县统计局2021年"));
        assert_eq!(d.replaced, 0);
        // Big5 bytes read as GB18030 are Chinese characters, but not a
        // report's: the quick path leaves them to the detector.
        let (bytes, _, _) = encoding_rs::BIG5.encode(
            "某縣統計局2021年政府資訊公開工作年度報告\n一、總體情況\n本年度依照條例辦理政府資訊公開申請，共收到申請二十件。\n",
        );
        let misread = GB18030
            .decode_without_bom_handling_and_without_replacement(&bytes)
            .unwrap();
        assert!(!mostly_chinese(&misread), "{misread}");
        assert!(mostly_chinese(&d.text));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "某县统计局2021年政府信息公开工作年度报告\n一、总体情况\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(dec(&le).text, text);
        assert_eq!(dec(&le).encoding, "UTF-16LE");
        assert_eq!(dec(&be).text, text);
        let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(le).collect();
        assert_eq!(dec(&with_bom).text, text);
    }

    #[test]
    fn a_few_bad_bytes_keep_utf8() {
        let mut bytes = "一、总体情况\n二、主动公开".as_bytes().to_vec();
        bytes.insert(9, 0xC4);
        let d = dec(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 1);
        assert_eq!(d.first_replaced, d.text.find('\u{FFFD}'));
    }

    #[test]
    fn meta_charset_and_forced() {
        let (bytes, _, _) = GB18030.encode("<html><head><meta charset=\"gbk\"></head><body>某局</body></html>");
        assert_eq!(decode(&bytes, None, true).unwrap().encoding, "gb18030");
        let d = decode("abc".as_bytes(), encoding_for("utf-16le"), false).unwrap();
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn gbk_bytes_under_a_utf8_declaration_are_read_as_gbk() {
        let page = "<html><head><meta charset=\"utf-8\"></head><body><p>某市生态环境局2021年政府信息公开工作年度报告</p>\
                    <p>本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2021年1月1日起至12月31日止。</p></body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        let d = decode(&bytes, None, true).unwrap();
        assert_eq!((d.encoding, d.replaced), ("gb18030", 0));
        assert_eq!(d.text, page);
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", None, false),
            Err(LoadError::Binary { offset: 4 })
        ));
    }
}
