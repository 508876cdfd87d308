//! A parsed rule file as bytes: the build script parses the built-in files and
//! writes their trees this way, and `check` reads the trees back instead of
//! parsing TOML at start-up (strings are borrowed from the binary).
//!
//! A tree is two parts: its strings, one after another (a `str`, so the binary
//! holds them checked as UTF-8 once, at build time), and its shape. In the
//! shape every value is a tag byte, its span (start and end, in the file as
//! written), then: a string (its end in the strings, which start where the
//! last one ended); a number's, date's or boolean's TOML literal, as a string;
//! an array's length and items; a table's length and its (key span, key,
//! value) entries. Numbers are u32 little-endian.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

const STRING: u8 = 0;
const LITERAL: u8 = 1;
const ARRAY: u8 = 2;
const TABLE: u8 = 3;

/// A parsed file's tree: (shape, strings).
#[cfg_attr(not(test), allow(dead_code))] // the build script writes trees
pub(crate) fn encode(root: &Spanned<DeTable<'_>>) -> (Vec<u8>, String) {
    let mut out = Writer::default();
    out.span(root.span());
    out.table(root.get_ref());
    (out.shape, out.strings)
}

/// The mirror of [`Reader`].
#[derive(Default)]
struct Writer {
    shape: Vec<u8>,
    strings: String,
}

#[cfg_attr(not(test), allow(dead_code))]
impl Writer {
    fn u32(&mut self, n: usize) {
        let n = u32::try_from(n).expect("rule files are small");
        self.shape.extend_from_slice(&n.to_le_bytes());
    }

    fn span(&mut self, span: std::ops::Range<usize>) {
        self.u32(span.start);
        self.u32(span.end);
    }

    fn str(&mut self, s: &str) {
        self.strings.push_str(s);
        self.u32(self.strings.len());
    }

    fn table(&mut self, table: &DeTable<'_>) {
        self.u32(table.len());
        for (key, value) in table {
            self.span(key.span());
            self.str(key.get_ref());
            self.value(value);
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>) {
        self.shape.push(match value.get_ref() {
            DeValue::String(_) => STRING,
            DeValue::Array(_) => ARRAY,
            DeValue::Table(_) => TABLE,
            _ => LITERAL,
        });
        self.span(value.span());
        match value.get_ref() {
            DeValue::String(s) => self.str(s),
            DeValue::Integer(i) => self.str(&i.to_string()),
            DeValue::Float(f) => self.str(&f.to_string()),
            DeValue::Boolean(b) => self.str(if *b { "true" } else { "false" }),
            DeValue::Datetime(d) => self.str(&d.to_string()),
            DeValue::Array(items) => {
                self.u32(items.len());
                for item in items.iter() {
                    self.value(item);
                }
            }
            DeValue::Table(t) => self.table(t),
        }
    }
}

/// The tree [`encode`] wrote, every span moved by `base`; `None` if the bytes
/// are not such a tree.
pub(crate) fn decode(shape: &'static [u8], strings: &'static str, base: usize) -> Option<Spanned<DeTable<'static>>> {
    let mut r = Reader {
        bytes: shape,
        at: 0,
        strings,
        string_at: 0,
        base,
    };
    let span = r.span()?;
    let table = r.table()?;
    (r.at == shape.len() && r.string_at == strings.len()).then(|| Spanned::new(span, table))
}

struct Reader {
    bytes: &'static [u8],
    at: usize,
    strings: &'static str,
    string_at: usize,
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
        let end = self.u32()?;
        let strings: &'static str = self.strings;
        let s = strings.get(self.string_at..end)?;
        self.string_at = end;
        Some(s)
    }

    fn table(&mut self) -> Option<DeTable<'static>> {
        let n = self.u32()?;
        // Written in order: the map is built from them in one go, without
        // looking for each key's place.
        let mut entries = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            let span = self.span()?;
            let key = Spanned::new(span, Cow::Borrowed(self.str()?));
            entries.push((key, self.value()?));
        }
        Some(entries.into_iter().collect())
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
