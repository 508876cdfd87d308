//! What a table cell holds: a number, nothing, a placeholder or text.
//!
//! Empty, placeholder and zero are three different things: a blank is not a zero.
//! Units (`元`, `万元`, `件`) are data from the rule files: a number keeps the unit it
//! was written with, and sums compare amounts in their base unit (`万元` × 10,000).

use std::fmt;

use serde::Serialize;

use crate::label::{is_invisible, is_space, to_halfwidth};

/// Numbers are kept as integers scaled by 10^6, so sums of decimals are exact.
pub const SCALE: i128 = 1_000_000;

/// What a unit measures; only units of one dimension add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// 件, 条, 个…
    Count,
    /// 元, 万元, 亿元.
    Amount,
    /// %.
    Percent,
}

/// A unit written after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub symbol: String,
    pub dimension: Dimension,
    /// How many base units one of this is: 万元 is 10,000 元.
    pub factor: u32,
}

/// An index into [`Units`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitId(u8);

/// The units numbers may be written with, as the rule files list them.
#[derive(Debug, Clone, Default)]
pub struct Units {
    /// Longest symbol first, so `万元` is found before `元`.
    units: Vec<Unit>,
    /// Whether a symbol ends in an ASCII digit: if none does, a text ending
    /// in one (most cells) has no unit to look for.
    digit_ended: bool,
}

impl Units {
    /// At most 255 units; the rest are dropped (the rule file loader says so first).
    pub fn new(mut units: Vec<Unit>) -> Self {
        units.sort_by(|a, b| {
            b.symbol
                .len()
                .cmp(&a.symbol.len())
                .then_with(|| a.symbol.cmp(&b.symbol))
        });
        units.truncate(u8::MAX as usize);
        let digit_ended = units.iter().any(|u| u.symbol.ends_with(|c: char| c.is_ascii_digit()));
        Units { units, digit_ended }
    }

    pub fn get(&self, id: UnitId) -> &Unit {
        &self.units[id.0 as usize]
    }

    pub fn find(&self, symbol: &str) -> Option<UnitId> {
        self.units
            .iter()
            .position(|u| u.symbol == symbol)
            .map(|i| UnitId(i as u8))
    }

    pub fn iter(&self) -> impl Iterator<Item = (UnitId, &Unit)> {
        self.units.iter().enumerate().map(|(i, u)| (UnitId(i as u8), u))
    }

    /// The unit `s` starts with, and its byte length.
    pub fn prefix(&self, s: &str) -> Option<(UnitId, usize)> {
        self.iter()
            .find(|(_, u)| s.starts_with(u.symbol.as_str()))
            .map(|(id, u)| (id, u.symbol.len()))
    }

    /// The unit `s` ends with, and its byte length.
    pub fn suffix(&self, s: &str) -> Option<(UnitId, usize)> {
        if !self.digit_ended && s.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.iter()
            .find(|(_, u)| s.ends_with(u.symbol.as_str()))
            .map(|(id, u)| (id, u.symbol.len()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Number {
    /// The value as written (in its own unit), times 10^6.
    scaled: i128,
    /// Decimal places as written, for printing.
    decimals: u8,
    /// Written with an explicit `+` or `-` sign.
    pub signed: bool,
    /// The unit written with it, if any.
    pub unit: Option<UnitId>,
    /// Base units per unit of `scaled` (1 without a unit).
    factor: u32,
}

impl Number {
    pub fn from_int(n: i64) -> Self {
        Number {
            scaled: n as i128 * SCALE,
            decimals: 0,
            signed: false,
            unit: None,
            factor: 1,
        }
    }

    /// The same number read in `unit` (for a cell whose column states its unit).
    pub fn in_unit(self, id: UnitId, units: &Units) -> Number {
        Number {
            unit: Some(id),
            factor: units.get(id).factor.max(1),
            ..self
        }
    }

    pub fn is_integer(&self) -> bool {
        self.scaled % SCALE == 0
    }

    pub fn is_negative(&self) -> bool {
        self.scaled < 0
    }

    pub fn as_f64(&self) -> f64 {
        self.scaled as f64 / SCALE as f64
    }

    /// The same amount expressed in `unit` (2122500000元 is 212250万元), to six
    /// decimals.
    pub fn to_unit(self, id: UnitId, units: &Units) -> Number {
        let factor = units.get(id).factor.max(1);
        let scaled = self.raw() / factor as i128;
        let mut frac = (scaled % SCALE).abs();
        let mut decimals = 0;
        if frac != 0 {
            decimals = 6;
            while frac % 10 == 0 {
                frac /= 10;
                decimals -= 1;
            }
        }
        Number {
            scaled,
            decimals,
            signed: false,
            unit: Some(id),
            factor,
        }
    }

    /// The value in base units, compared exactly.
    pub fn raw(&self) -> i128 {
        self.scaled * self.factor as i128
    }

    pub fn zero() -> Number {
        Number::from_int(0)
    }

    /// The whole part, in base units, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        i64::try_from(self.raw() / SCALE).ok()
    }
}

impl Number {
    /// `self + sign * other`, in the unit both share, else in base units.
    fn combine(self, other: Number, sign: i128) -> Number {
        let (a, b, unit, factor) = if self.factor == other.factor {
            let unit = if self.unit == other.unit { self.unit } else { None };
            (self.scaled, other.scaled, unit, self.factor)
        } else {
            (self.raw(), other.raw(), None, 1)
        };
        Number {
            scaled: a + sign * b,
            decimals: self.decimals.max(other.decimals),
            signed: false,
            unit,
            factor,
        }
    }
}

impl std::ops::Add for Number {
    type Output = Number;

    fn add(self, other: Number) -> Number {
        self.combine(other, 1)
    }
}

impl std::ops::Sub for Number {
    type Output = Number;

    fn sub(self, other: Number) -> Number {
        self.combine(other, -1)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.scaled < 0;
        let abs = self.scaled.unsigned_abs();
        let int = abs / SCALE as u128;
        let frac = abs % SCALE as u128;
        let sign = if neg {
            "-"
        } else if self.signed {
            "+"
        } else {
            ""
        };
        if self.decimals == 0 && frac == 0 {
            f.write_str(sign)?;
            // u64 prints several times faster than u128; amounts fit.
            return match u64::try_from(int) {
                Ok(int) => write!(f, "{int}"),
                Err(_) => write!(f, "{int}"),
            };
        }
        let mut digits = format!("{frac:06}");
        let keep = (self.decimals as usize).max(1);
        while digits.len() > keep && digits.ends_with('0') {
            digits.pop();
        }
        write!(f, "{sign}{int}.{digits}")
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_integer() {
            s.serialize_i64((self.scaled / SCALE) as i64)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

/// What fills a blank cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Blank {
    /// Nothing at all, or ASCII spaces: may also be a layout artifact.
    Nothing,
    /// A no-break space (U+00A0), as Word exports leave in cleared cells.
    Nbsp,
    /// A full-width space (U+3000).
    Ideographic,
    /// No cell at all: the table left the whole column out (header and cells).
    LeftOut,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    Number(Number),
    Empty(Blank),
    /// `/`, `—`, `-`, `无`: written on purpose, but not a number.
    Placeholder,
    Text,
}

impl CellValue {
    pub fn kind(&self) -> &'static str {
        match self {
            CellValue::Number(_) => "number",
            CellValue::Empty(Blank::LeftOut) => "left-out",
            CellValue::Empty(_) => "empty",
            CellValue::Placeholder => "placeholder",
            CellValue::Text => "text",
        }
    }

    pub fn number(&self) -> Option<Number> {
        match self {
            CellValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A blank or a placeholder written in a cell (not a column left out):
    /// what a table that leaves its zeros blank means as 0.
    pub fn is_blank_or_placeholder(&self) -> bool {
        match self {
            CellValue::Empty(b) => *b != Blank::LeftOut,
            CellValue::Placeholder => true,
            _ => false,
        }
    }

    /// Truly nothing (no character, or ASCII spaces).
    pub fn is_nothing(&self) -> bool {
        matches!(self, CellValue::Empty(Blank::Nothing))
    }

    /// Spaces of any kind, or nothing: a blank that can be a layout artifact
    /// (the cell a label spanning two columns leaves, a stray cell at a row's
    /// end). Word's template cells hold a full-width space, a Word or web copy
    /// a no-break space, where another copy leaves nothing: each is read the
    /// same. (A blank in a value column stays the blank it was written as.)
    pub fn is_spaces(&self) -> bool {
        matches!(
            self,
            CellValue::Empty(Blank::Nothing | Blank::Nbsp | Blank::Ideographic)
        )
    }
}

const PLACEHOLDERS: &[&str] = &[
    "/", "／", "\\", "—", "——", "-", "--", "－", "–", "−", "无", "空", "—/—", "/ ", "×",
];

/// Classify a cell's text.
pub fn parse_cell(text: &str, units: &Units) -> CellValue {
    let trimmed = text.trim_matches(is_space);
    if trimmed.is_empty() {
        let blank = if text.contains('\u{a0}') {
            Blank::Nbsp
        } else if text.contains('\u{3000}') {
            Blank::Ideographic
        } else {
            Blank::Nothing
        };
        return CellValue::Empty(blank);
    }
    if PLACEHOLDERS.contains(&trimmed) {
        return CellValue::Placeholder;
    }
    match parse_number(trimmed, units) {
        Some(n) => CellValue::Number(n),
        // A number with a note's mark after it (`54①`, `54※`) is the number.
        None => match trimmed.trim_end_matches(is_note_mark) {
            bare if bare.len() < trimmed.len() => parse_number(bare, units).map_or(CellValue::Text, CellValue::Number),
            _ => CellValue::Text,
        },
    }
}

/// A circled number (① to ⑳) or a reference mark (※), as a cell's note is marked.
fn is_note_mark(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c) || c == '※'
}

/// A no-break or thin space, as Word and web pages group digits (`5 658`).
pub(crate) fn is_group_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// `+44`, `-369`, `2122500000元`, `1,234`, `12.5`, `１２`, `225253.168万元`.
pub fn parse_number(text: &str, units: &Units) -> Option<Number> {
    let mut s = text.trim_matches(is_space);
    // Most texts that are not numbers do not start like one: turned away
    // before a unit is looked for or their characters are copied (a unit
    // is a suffix, so what is left starts the same or is empty).
    let mut lead = s.chars().map(to_halfwidth);
    match lead.next() {
        Some('+' | '-' | '−' | '–') if lead.next().is_some_and(|c| c.is_ascii_digit()) => {}
        Some(c) if c.is_ascii_digit() => {}
        _ => return None,
    }
    let mut unit = None;
    if let Some((id, len)) = units.suffix(s) {
        s = s[..s.len() - len].trim_end_matches(is_space);
        unit = Some(id);
    }
    // Plain digits (most cells) need no copying.
    if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) {
        let int: i128 = s.parse::<u64>().ok()?.into();
        let number = Number {
            scaled: int * SCALE,
            decimals: 0,
            signed: false,
            unit: None,
            factor: 1,
        };
        return Some(match unit {
            Some(id) => number.in_unit(id, units),
            None => number,
        });
    }
    let chars: Vec<char> = s.chars().filter(|c| !is_invisible(*c)).map(to_halfwidth).collect();
    let mut i = 0;
    let mut negative = false;
    let mut signed = false;
    if let Some(&c) = chars.first()
        && matches!(c, '+' | '-' | '−' | '–')
    {
        negative = c != '+';
        signed = true;
        i = 1;
    }
    let body = &chars[i..];
    if body.is_empty() || !body[0].is_ascii_digit() {
        return None;
    }
    let mut int_digits = String::new();
    let mut frac_digits = String::new();
    let mut seen_point = false;
    let mut j = 0;
    while j < body.len() {
        let c = body[j];
        match c {
            '0'..='9' if seen_point => frac_digits.push(c),
            '0'..='9' => int_digits.push(c),
            // `1 295` with a no-break or thin space, as Word and web pages group digits.
            c if (c == ',' || is_group_space(c)) && !seen_point => {
                // A thousands separator needs exactly three digits after it.
                let group = body[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if group != 3 || int_digits.is_empty() {
                    return None;
                }
                // A space groups only after one to three digits: `1643 900` is two cells.
                let run = body[..j].iter().rev().take_while(|c| c.is_ascii_digit()).count();
                if is_group_space(c) && (run > 3 || int_digits.starts_with('0')) {
                    return None;
                }
            }
            '.' | '。' if !seen_point && j + 1 < body.len() && body[j + 1].is_ascii_digit() => {
                seen_point = true;
            }
            _ => return None,
        }
        j += 1;
    }
    if int_digits.len() > 24 {
        // Too long to be a count or an amount: run-together cells, not a number.
        return None;
    }
    let int: i128 = int_digits.parse().ok()?;
    let mut frac_scaled: i128 = 0;
    let frac_used: String = frac_digits.chars().take(6).collect();
    if !frac_used.is_empty() {
        frac_scaled = format!("{frac_used:0<6}").parse().ok()?;
    }
    let scaled = int.checked_mul(SCALE)?.checked_add(frac_scaled)?;
    let number = Number {
        scaled: if negative { -scaled } else { scaled },
        decimals: frac_digits.len().min(6) as u8,
        signed,
        unit: None,
        factor: 1,
    };
    Some(match unit {
        Some(id) => number.in_unit(id, units),
        None => number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Units {
        let unit = |symbol: &str, dimension, factor| Unit {
            symbol: symbol.into(),
            dimension,
            factor,
        };
        Units::new(vec![
            unit("元", Dimension::Amount, 1),
            unit("万元", Dimension::Amount, 10_000),
            unit("亿元", Dimension::Amount, 100_000_000),
            unit("件", Dimension::Count, 1),
        ])
    }

    fn num(s: &str) -> String {
        parse_number(s, &units())
            .map(|n| n.to_string())
            .unwrap_or_else(|| "-".into())
    }

    fn parse_cell(s: &str) -> CellValue {
        super::parse_cell(s, &units())
    }

    #[test]
    fn numbers_as_written_in_reports() {
        assert_eq!(num("0"), "0");
        assert_eq!(num("+44"), "+44");
        assert_eq!(num("-369"), "-369");
        assert_eq!(num("2122500000元"), "2122500000");
        assert_eq!(num("225253.168万元"), "225253.168");
        assert_eq!(num("1,234"), "1234");
        assert_eq!(num("12.5"), "12.5");
        assert_eq!(num("１２３"), "123");
        assert_eq!(num("＋４"), "+4");
        assert_eq!(num("7730.28"), "7730.28");
        // Digits grouped with a no-break or thin space, as Word and web pages do.
        assert_eq!(num("5\u{a0}658"), "5658");
        assert_eq!(num("1\u{202f}295\u{202f}000"), "1295000");
        // Not a group: four digits before the space, or two after.
        assert_eq!(parse_number("1643\u{a0}900", &units()), None);
        assert_eq!(parse_number("5\u{a0}65", &units()), None);
        assert_eq!(parse_number("0\u{a0}121", &units()), None);
    }

    #[test]
    fn a_note_mark_after_a_number() {
        assert_eq!(
            parse_cell("54①").number().map(|n| n.to_string()),
            Some("54".to_string())
        );
        assert_eq!(
            parse_cell("12※").number().map(|n| n.to_string()),
            Some("12".to_string())
        );
        assert!(matches!(parse_cell("①"), CellValue::Text));
        assert!(matches!(parse_cell("见注①"), CellValue::Text));
    }

    #[test]
    fn not_numbers() {
        assert_eq!(num("12,34"), "-");
        assert_eq!(num("二"), "-");
        assert_eq!(num("1.属于"), "-");
        assert_eq!(num("12a"), "-");
        assert_eq!(num(""), "-");
    }

    #[test]
    fn cells_are_typed() {
        assert_eq!(parse_cell(""), CellValue::Empty(Blank::Nothing));
        assert_eq!(parse_cell("  "), CellValue::Empty(Blank::Nothing));
        assert_eq!(parse_cell("\u{a0}"), CellValue::Empty(Blank::Nbsp));
        assert_eq!(parse_cell("\u{3000}"), CellValue::Empty(Blank::Ideographic));
        assert_eq!(parse_cell("0\u{a0}"), CellValue::Number(Number::from_int(0)));
        assert_eq!(parse_cell("/"), CellValue::Placeholder);
        assert_eq!(parse_cell("—"), CellValue::Placeholder);
        assert_eq!(parse_cell("无"), CellValue::Placeholder);
        assert_eq!(parse_cell("暂无数据"), CellValue::Text);
    }

    #[test]
    fn exact_decimal_sums() {
        let p = |s| parse_number(s, &units()).unwrap();
        assert_eq!(p("0.1") + p("0.2"), p("0.3") + Number::zero());
    }

    #[test]
    fn amounts_compare_in_their_base_unit() {
        let p = |s| parse_number(s, &units()).unwrap();
        assert_eq!(p("12.5万元").raw(), p("125000元").raw());
        assert_eq!(p("1亿元").raw(), p("10000万元").raw());
        // Same unit: the sum stays in it; mixed: in yuan.
        assert_eq!((p("1.5万元") + p("2万元")).to_string(), "3.5");
        assert_eq!((p("1万元") + p("5元")).to_string(), "10005");
        assert_eq!(p("3件").raw(), p("3").raw());
        assert_eq!(
            p("2122500000元")
                .to_unit(units().find("万元").unwrap(), &units())
                .to_string(),
            "212250"
        );
        assert_eq!(
            p("5元").to_unit(units().find("万元").unwrap(), &units()).to_string(),
            "0.0005"
        );
        // A bare number in a column of 万元.
        let u = units();
        assert_eq!(p("2").in_unit(u.find("万元").unwrap(), &u).raw(), p("20000").raw());
    }
}
