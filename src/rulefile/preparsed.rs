//! A parsed rule file as bytes: the build script parses the built-in files and
//! writes their trees this way, and `check` reads the trees back instead of
//! parsing TOML at start-up (strings are borrowed from the binary).
//!
//! Every value is a tag byte, its span (start and end, u32 little-endian, in the
//! file as written), then: a string's bytes; a number's, date's or boolean's
//! TOML literal; an array's length and items; a table's length and its
//! (key span, key, value) entries. Lengths are u32 little-endian.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

const STRING: u8 = 0;
const LITERAL: u8 = 1;
const ARRAY: u8 = 2;
const TABLE: u8 = 3;

/// The bytes of a parsed file.
#[cfg_attr(not(test), allow(dead_code))] // the build script writes trees
pub(crate) fn encode(root: &Spanned<DeTable<'_>>) -> Vec<u8> {
    let mut out = Vec::new();
    put_span(&mut out, root.span());
    put_table(&mut out, root.get_ref());
    out
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_u32(out: &mut Vec<u8>, n: usize) {
    let n = u32::try_from(n).expect("rule files are small");
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_span(out: &mut Vec<u8>, span: std::ops::Range<usize>) {
    put_u32(out, span.start);
    put_u32(out, span.end);
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_table(out: &mut Vec<u8>, table: &DeTable<'_>) {
    put_u32(out, table.len());
    for (key, value) in table {
        put_span(out, key.span());
        put_str(out, key.get_ref());
        put_value(out, value);
    }
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_value(out: &mut Vec<u8>, value: &Spanned<DeValue<'_>>) {
    out.push(match value.get_ref() {
        DeValue::String(_) => STRING,
        DeValue::Array(_) => ARRAY,
        DeValue::Table(_) => TABLE,
        _ => LITERAL,
    });
    put_span(out, value.span());
    match value.get_ref() {
        DeValue::String(s) => put_str(out, s),
        DeValue::Integer(i) => put_str(out, &i.to_string()),
        DeValue::Float(f) => put_str(out, &f.to_string()),
        DeValue::Boolean(b) => put_str(out, if *b { "true" } else { "false" }),
        DeValue::Datetime(d) => put_str(out, &d.to_string()),
        DeValue::Array(items) => {
            put_u32(out, items.len());
            for item in items.iter() {
                put_value(out, item);
            }
        }
        DeValue::Table(t) => put_table(out, t),
    }
}

/// The tree [`encode`] wrote, every span moved by `base`; `None` if the bytes
/// are not such a tree.
pub(crate) fn decode(bytes: &'static [u8], base: usize) -> Option<Spanned<DeTable<'static>>> {
    let mut r = Reader { bytes, at: 0, base };
    let span = r.span()?;
    let table = r.table()?;
    (r.at == bytes.len()).then(|| Spanned::new(span, table))
}

struct Reader {
    bytes: &'static [u8],
    at: usize,
    base: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let bytes: &'static [u8] = self.bytes;
        let taken = bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(taken)
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn span(&mut self) -> Option<std::ops::Range<usize>> {
        Some(self.base + self.u32()?..self.base + self.u32()?)
    }

    fn str(&mut self) -> Option<&'static str> {
        let n = self.u32()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn table(&mut self) -> Option<DeTable<'static>> {
        let n = self.u32()?;
        let mut table = DeTable::new();
        for _ in 0..n {
            let span = self.span()?;
            let key = Spanned::new(span, Cow::Borrowed(self.str()?));
            let value = self.value()?;
            table.insert(key, value);
        }
        Some(table)
    }

    fn value(&mut self) -> Option<Spanned<DeValue<'static>>> {
        let tag = *self.take(1)?.first()?;
        let span = self.span()?;
        let value = match tag {
            STRING => DeValue::String(Cow::Borrowed(self.str()?)),
            LITERAL => match self.str()? {
                "true" => DeValue::Boolean(true),
                "false" => DeValue::Boolean(false),
                literal => DeValue::parse(literal).ok()?.into_inner(),
            },
            ARRAY => {
                let n = self.u32()?;
                let mut items = DeArray::new();
                for _ in 0..n {
                    items.push(self.value()?);
                }
                DeValue::Array(items)
            }
            TABLE => DeValue::Table(self.table()?),
            _ => return None,
        };
        Some(Spanned::new(span, value))
    }
}
