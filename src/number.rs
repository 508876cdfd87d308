//! What a table cell holds: a number, nothing, a placeholder or text.
//!
//! Empty, placeholder and zero are three different things: a blank is not a zero.

use std::fmt;

use serde::Serialize;

use crate::label::{is_space, to_halfwidth};

/// Numbers are kept as integers scaled by 10^6, so sums of decimals are exact.
const SCALE: i128 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Number {
    scaled: i128,
    /// Decimal places as written, for printing.
    decimals: u8,
    /// Written with an explicit `+` or `-` sign.
    pub signed: bool,
}

impl Number {
    pub fn from_int(n: i64) -> Self {
        Number {
            scaled: n as i128 * SCALE,
            decimals: 0,
            signed: false,
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

    /// The numeric value compared exactly.
    pub fn raw(&self) -> i128 {
        self.scaled
    }

    pub fn zero() -> Number {
        Number::from_int(0)
    }
}

impl std::ops::Add for Number {
    type Output = Number;

    fn add(self, other: Number) -> Number {
        Number {
            scaled: self.scaled + other.scaled,
            decimals: self.decimals.max(other.decimals),
            signed: false,
        }
    }
}

impl std::ops::Sub for Number {
    type Output = Number;

    fn sub(self, other: Number) -> Number {
        Number {
            scaled: self.scaled - other.scaled,
            decimals: self.decimals.max(other.decimals),
            signed: false,
        }
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
            return write!(f, "{sign}{int}");
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

    /// Truly nothing: the only blank that can be a layout artifact.
    pub fn is_nothing(&self) -> bool {
        matches!(self, CellValue::Empty(Blank::Nothing))
    }
}

const PLACEHOLDERS: &[&str] = &[
    "/", "／", "\\", "—", "——", "-", "--", "－", "–", "−", "无", "空", "—/—", "/ ", "×",
];

/// Units written after a number in a cell.
const UNITS: &[&str] = &["亿元", "万元", "元", "件", "条", "个", "项", "次", "篇", "%", "％"];

/// Classify a cell's text.
pub fn parse_cell(text: &str) -> CellValue {
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
    match parse_number(trimmed) {
        Some(n) => CellValue::Number(n),
        None => CellValue::Text,
    }
}

/// `+44`, `-369`, `2122500000元`, `1,234`, `12.5`, `１２`, `225253.168万元`.
pub fn parse_number(text: &str) -> Option<Number> {
    let mut s = text.trim_matches(is_space);
    for unit in UNITS {
        if let Some(rest) = s.strip_suffix(unit) {
            s = rest.trim_end_matches(is_space);
            break;
        }
    }
    let chars: Vec<char> = s.chars().map(to_halfwidth).collect();
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
            ',' | '，' if !seen_point => {
                // A thousands separator needs exactly three digits after it.
                let group = body[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if group != 3 || int_digits.is_empty() {
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
    Some(Number {
        scaled: if negative { -scaled } else { scaled },
        decimals: frac_digits.len().min(6) as u8,
        signed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> String {
        parse_number(s).map(|n| n.to_string()).unwrap_or_else(|| "-".into())
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
        let a = parse_number("0.1").unwrap();
        let b = parse_number("0.2").unwrap();
        assert_eq!(a + b, parse_number("0.3").unwrap() + Number::zero());
    }
}
