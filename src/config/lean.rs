//! The built-in rule files without their examples (and, but for outputs that
//! show them, their explanations), for checking reports.
//!
//! Examples are two thirds of the built-in TOML and only `nianbao rule` and the
//! tests read them; parsing them was a fifth of a one-report run, and the
//! explanations, which only SARIF, JUnit and HTML show, another 6%. Each
//! `examples.… = value` (or `explanation.… = value`) line run is overwritten
//! with spaces (line breaks kept), so every other span, line and column stays
//! that of the file as written. The build script (`build.rs`) runs it over the
//! built-in files, so `check` reads them blanked without spending its start-up
//! on it.
//!
//! The scanner is for the built-in files only: it reads lines, so a line
//! starting `examples.` inside another key's multi-line string would be taken
//! for a key. A test loads the built-in files both ways and compares them.

/// `text` with every `examples.<key> = <value>` assignment blanked. An
/// assignment this scanner cannot follow is left as written.
pub(super) fn without_examples(text: &str) -> String {
    without(text, &["examples."])
}

/// `text` without its examples and explanations.
pub(super) fn without_docs(text: &str) -> String {
    without(text, &["examples.", "explanation."])
}

/// `text` with every assignment to a key starting with one of `prefixes` blanked.
fn without(text: &str, prefixes: &[&str]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr_newline(&bytes, line_start);
        let indent = bytes[line_start..line_end]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        let key_start = line_start + indent;
        if prefixes
            .iter()
            .any(|p| bytes[key_start..line_end].starts_with(p.as_bytes()))
            && let Some(eq) = bytes[key_start..line_end].iter().position(|&b| b == b'=')
            && let Some(end) = value_end(&bytes, key_start + eq + 1)
        {
            for b in &mut bytes[key_start..end] {
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
            line_start = memchr_newline(&bytes, end);
        } else {
            line_start = line_end;
        }
        line_start += 1;
    }
    // Only ASCII bytes were written, each over a whole character's bytes.
    String::from_utf8(bytes).expect("blanking keeps UTF-8")
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i)
}

/// The end of a TOML value starting at or after `i` (spaces first): strings of
/// the four kinds, arrays nested, comments inside arrays. An inline table with
/// keys is not followed (`None`: left as written).
fn value_end(s: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        while i < s.len() && (matches!(s[i], b' ' | b'\t') || (depth > 0 && matches!(s[i], b'\n' | b'\r' | b','))) {
            i += 1;
        }
        let c = *s.get(i)?;
        match c {
            b'"' | b'\'' => i = string_end(s, i)?,
            b'[' | b'{' => {
                depth += 1;
                i += 1;
                continue;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            b'#' if depth > 0 => {
                i = memchr_newline(s, i);
                continue;
            }
            b'\n' | b'\r' | b'#' | b',' | b'=' => return None,
            _ => {
                while i < s.len() && !matches!(s[i], b',' | b']' | b'}' | b'\n' | b'\r' | b' ' | b'\t' | b'#') {
                    i += 1;
                }
            }
        }
        if depth == 0 {
            return Some(i);
        }
    }
}

/// The end of the string opening at `i`.
fn string_end(s: &[u8], i: usize) -> Option<usize> {
    let q = s[i];
    let triple = s.get(i..i + 3) == Some(&[q, q, q][..]);
    let escapes = q == b'"';
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < s.len() {
        let b = s[j];
        if escapes && b == b'\\' {
            j += 2;
            continue;
        }
        if !triple && (b == b'\n') {
            return None;
        }
        if b == q {
            if !triple {
                return Some(j + 1);
            }
            if s.get(j..j + 3) == Some(&[q, q, q][..]) {
                // Up to two more quotes belong to the string.
                let mut end = j + 3;
                while end < s.len() && end < j + 5 && s[end] == q {
                    end += 1;
                }
                return Some(end);
            }
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_each_kind_of_example_value_and_keeps_lines() {
        let text = "[[rule]]\nid = \"a\"\nexamples.invalid = [\"\"\"\n一\n]\"\"\", 'x', '''y''', \"z\\\"]\", # 注\n]\nexamples.valid = [\"好\"]\nseverity = \"error\"\n";
        let lean = without_examples(text);
        assert_eq!(lean.len(), text.len());
        assert_eq!(lean.lines().count(), text.lines().count());
        assert!(!lean.contains("examples") && !lean.contains('一') && !lean.contains('好'));
        assert!(lean.contains("id = \"a\"") && lean.ends_with("severity = \"error\"\n"));
        let table: toml::Table = toml::from_str(&lean).unwrap();
        assert_eq!(table["rule"][0]["severity"].as_str(), Some("error"));
    }

    #[test]
    fn blanks_explanations_too_when_asked() {
        let text = "[[rule]]\nid = \"a\"\nexplanation.zh = \"\"\"\n说明\n\"\"\"\nexplanation.en = 'why'\nexamples.valid = [\"好\"]\n";
        let bare = without_docs(text);
        assert_eq!(bare.len(), text.len());
        assert!(!bare.contains("explanation") && !bare.contains("说明") && !bare.contains('好'));
        assert!(without_examples(text).contains("说明"));
        let table: toml::Table = toml::from_str(&bare).unwrap();
        assert_eq!(table["rule"][0]["id"].as_str(), Some("a"));
    }

    #[test]
    fn leaves_what_it_cannot_follow() {
        let text = "examples.invalid = [\"unclosed\n";
        assert_eq!(without_examples(text), text);
    }
}
