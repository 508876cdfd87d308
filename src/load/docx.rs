//! Word (.docx, as Word and WPS write it) to a text view: paragraphs with their
//! automatic numbering (`一、` `（一）` `1.`), tables with merged cells
//! (`gridSpan`, `vMerge`) expanded, text boxes and tracked insertions read,
//! tracked deletions not. The zip is read with every part's size bounded.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::LoadError;
use super::view::{CellIn, View};
use crate::label::cn_numeral;
use crate::source::Provenance;

/// The largest part of a .docx read, uncompressed: a bomb stops here.
const MAX_PART: u64 = 64 << 20;

pub(super) fn to_view(bytes: &[u8], max_part: u64) -> Result<(String, Provenance), LoadError> {
    from_zip(Cursor::new(bytes), max_part)
}

/// The same from a zip read where it lies (a file): only the parts read are
/// inflated, each at most `max_part` bytes, so the pictures a draft carries
/// cost nothing.
pub(super) fn from_zip<R: Read + Seek>(zip: R, max_part: u64) -> Result<(String, Provenance), LoadError> {
    let mut zip =
        zip::ZipArchive::new(zip).map_err(|e| LoadError::Corrupt(format!("not a readable .docx (zip): {e}")))?;
    // The package's relationships name the main part; Word writes it as
    // word/document.xml, other tools may not (word/document2.xml).
    let max_part = max_part.min(MAX_PART);
    let main = read_part(&mut zip, "_rels/.rels", max_part)
        .ok()
        .flatten()
        .and_then(|rels| main_part(&rels))
        .filter(|name| zip.file_names().any(|n| n == name))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document) = read_part(&mut zip, &main, max_part)? else {
        // Other Office files are zips too, whatever their name says.
        let has = |prefix: &str| zip.file_names().any(|n| n.starts_with(prefix));
        return Err(if has("xl/") {
            LoadError::NotReport("Excel")
        } else if has("ppt/") {
            LoadError::NotReport("PowerPoint")
        } else if zip.file_names().any(|n| n.eq_ignore_ascii_case("OFD.xml")) {
            LoadError::Ofd
        } else {
            LoadError::Corrupt("no word/document.xml: not a Word document".into())
        });
    };
    // Its numbering and styles stand beside it.
    let dir = main.rfind('/').map_or("", |i| &main[..=i]);
    let numbering = read_part(&mut zip, &format!("{dir}numbering.xml"), max_part)?
        .map(|x| parse_numbering(&x))
        .unwrap_or_default();
    let styles = read_part(&mut zip, &format!("{dir}styles.xml"), max_part)?
        .map(|x| parse_style_numbering(&x))
        .unwrap_or_default();
    let mut reader = Walker {
        view: View::new(),
        numbering,
        styles,
        counters: HashMap::new(),
        restarted: Default::default(),
        paragraphs: Vec::new(),
        tables: Vec::new(),
    };
    reader.walk(&document)?;
    Ok(reader.view.finish("docx", "UTF-8"))
}

/// The target of the package's officeDocument relationship, as a part name.
fn main_part(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    events(&mut reader).find_map(|event| match event {
        Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
            let kind = attr(&e, b"Type")?;
            kind.ends_with("/officeDocument")
                .then(|| attr(&e, b"Target"))
                .flatten()
                .map(|t| t.trim_start_matches('/').trim_start_matches("./").to_string())
        }
        _ => None,
    })
}

fn read_part<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    max_part: u64,
) -> Result<Option<String>, LoadError> {
    let mut part = match zip.by_name(name) {
        Ok(p) => p,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(LoadError::Corrupt(format!("cannot read {name}: {e}"))),
    };
    let too_large = |size: String| {
        LoadError::TooLarge(format!(
            "{name} inflates to {size} (more than {:.1} MB): not read",
            max_part as f64 / (1u64 << 20) as f64
        ))
    };
    if part.size() > max_part {
        return Err(too_large(format!("{:.1} MB", part.size() as f64 / (1u64 << 20) as f64)));
    }
    let mut bytes = Vec::new();
    (&mut part)
        .take(max_part + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Corrupt(format!("cannot inflate {name}: {e}")))?;
    if bytes.len() as u64 > max_part {
        return Err(too_large("more".into()));
    }
    // XML may be UTF-16 too, with its byte-order mark.
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (xml, bad) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if bad {
            return Err(LoadError::Corrupt(format!(
                "{name} is not well-formed {} XML",
                encoding.name()
            )));
        }
        // Its declaration still names UTF-16: the walk reads the text as it is.
        return Ok(Some(usual_prefixes(xml.into_owned())));
    }
    String::from_utf8(bytes)
        .map(|xml| Some(usual_prefixes(xml)))
        .map_err(|_| LoadError::Corrupt(format!("{name} is not UTF-8 XML")))
}

/// WordprocessingML's namespace, as Word writes it and in its Strict form, and
/// markup compatibility's, with the prefixes the walk matches names by.
const NAMESPACES: [(&str, &str); 3] = [
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "w"),
    ("http://purl.oclc.org/ooxml/wordprocessingml/main", "w"),
    ("http://schemas.openxmlformats.org/markup-compatibility/2006", "mc"),
];

/// A part whose names are bound to another prefix (`<ns0:p>`, a default
/// namespace: `<p xmlns="…/main">`), written again with the usual ones, as
/// other tools than Word may write it. A part as Word writes it is returned
/// as it is; one that is not well-formed too, for the walk to report.
fn usual_prefixes(xml: String) -> String {
    let usual = NAMESPACES.iter().all(|&(uri, prefix)| {
        xml.match_indices(uri).all(|(at, _)| {
            // Each declaration of the namespace binds its usual prefix.
            let before = xml[..at]
                .trim_end_matches(['"', '\''])
                .trim_end()
                .trim_end_matches('=')
                .trim_end();
            before.ends_with(&format!("xmlns:{prefix}")[..])
        })
    });
    if usual {
        return xml;
    }
    renamed(&xml).unwrap_or(xml)
}

/// The usual prefix of a name's namespace, if it is one the walk reads.
fn usual_prefix(ns: &ResolveResult<'_>) -> Option<&'static str> {
    match ns {
        ResolveResult::Bound(uri) => NAMESPACES
            .iter()
            .find(|(u, _)| u.as_bytes() == uri.as_ref())
            .map(|&(_, prefix)| prefix),
        _ => None,
    }
}

fn renamed(xml: &str) -> Option<String> {
    let mut reader = NsReader::from_str(xml);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(xml.len()));
    loop {
        let (ns, event) = reader.read_resolved_event().ok()?;
        let prefix = usual_prefix(&ns);
        let event = match event {
            Event::Eof => break,
            Event::Start(e) => Event::Start(renamed_start(&reader, prefix, &e)?),
            Event::Empty(e) => Event::Empty(renamed_start(&reader, prefix, &e)?),
            Event::End(e) if prefix.is_some() => Event::End(BytesEnd::new(usual_name(
                prefix,
                e.name().as_ref(),
                e.local_name().as_ref(),
            )?)),
            other => other,
        };
        writer.write_event(event).ok()?;
    }
    String::from_utf8(writer.into_inner()).ok()
}

/// A name under its namespace's usual prefix, or as written when it has none.
fn usual_name(prefix: Option<&str>, raw: &[u8], local: &[u8]) -> Option<String> {
    Some(match prefix {
        Some(p) => format!("{p}:{}", std::str::from_utf8(local).ok()?),
        None => std::str::from_utf8(raw).ok()?.to_string(),
    })
}

/// A start tag with its name and its attributes' names under the usual prefixes.
fn renamed_start(reader: &NsReader<&[u8]>, prefix: Option<&str>, e: &BytesStart<'_>) -> Option<BytesStart<'static>> {
    let mut out = BytesStart::new(usual_name(prefix, e.name().as_ref(), e.local_name().as_ref())?);
    for a in e.attributes().with_checks(false).flatten() {
        let (ns, local) = reader.resolver().resolve_attribute(a.key);
        let key = match (usual_prefix(&ns), &ns) {
            (Some(p), _) => [p.as_bytes(), b":", local.as_ref()].concat(),
            // An attribute without a prefix on a Word element is taken as the element's.
            (None, ResolveResult::Unbound) if prefix == Some("w") => [b"w:", local.as_ref()].concat(),
            _ => a.key.as_ref().to_vec(),
        };
        out.push_attribute((key.as_slice(), a.value.as_ref()));
    }
    Some(out)
}

/// A numbering level: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// A list (`w:num`): its abstract numbering, whose counters every list on it
/// shares, as Word counts them, and the levels it restarts (`w:startOverride`).
#[derive(Debug, Clone)]
struct List {
    abstract_id: String,
    levels: Vec<Level>,
    restart: [Option<u32>; 9],
}

/// numId → its list.
type Numbering = HashMap<String, List>;

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// Elements whose content is not the document's text: tracked deletions, a
/// move's source, field codes, the fallback copy of a text box.
fn not_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:del"
            | b"w:moveFrom"
            | b"mc:Fallback"
            | b"w:instrText"
            | b"w:delText"
            // Formatting as it was before a tracked change: not what Word shows
            // (an old numbering would number the heading twice).
            | b"w:pPrChange"
            | b"w:rPrChange"
            | b"w:sectPrChange"
            | b"w:tblPrChange"
            | b"w:tblPrExChange"
            | b"w:trPrChange"
            | b"w:tcPrChange"
            | b"w:tblGridChange"
            | b"w:numberingChange"
    )
}

/// The events of a part read for its settings, to its end or its first error
/// (a broken numbering or style part costs the labels, not the document).
fn events<'x>(reader: &mut Reader<&'x [u8]>) -> impl Iterator<Item = Event<'x>> {
    std::iter::from_fn(move || match reader.read_event() {
        Ok(Event::Eof) | Err(_) => None,
        Ok(e) => Some(e),
    })
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut reader = Reader::from_str(xml);
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let mut restarts: HashMap<String, [Option<u32>; 9]> = HashMap::new();
    let mut current_abstract: Option<String> = None;
    let mut current_level: Option<usize> = None;
    let mut current_num: Option<String> = None;
    let mut override_level: Option<usize> = None;
    for event in events(&mut reader) {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:abstractNum" => current_abstract = attr(&e, b"w:abstractNumId"),
                b"w:lvl" => {
                    let ilvl: usize = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    if let Some(a) = &current_abstract {
                        let levels = abstracts.entry(a.clone()).or_default();
                        if levels.len() <= ilvl && ilvl < 9 {
                            levels.resize(ilvl + 1, Level::default());
                        }
                        current_level = (ilvl < 9).then_some(ilvl);
                    }
                }
                b"w:start" | b"w:numFmt" | b"w:lvlText" => {
                    if let (Some(a), Some(l)) = (&current_abstract, current_level)
                        && let Some(level) = abstracts.get_mut(a).and_then(|v| v.get_mut(l))
                    {
                        let value = attr(&e, b"w:val").unwrap_or_default();
                        match e.name().as_ref() {
                            b"w:start" => level.start = value.parse().unwrap_or(1),
                            b"w:numFmt" => level.format = value,
                            _ => level.text = value,
                        }
                    }
                }
                b"w:num" => current_num = attr(&e, b"w:numId"),
                b"w:abstractNumId" => {
                    if let (Some(n), Some(a)) = (&current_num, attr(&e, b"w:val")) {
                        nums.push((n.clone(), a));
                    }
                }
                b"w:lvlOverride" => {
                    override_level = attr(&e, b"w:ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|&l: &usize| l < 9);
                }
                b"w:startOverride" => {
                    if let (Some(n), Some(l), Some(v)) = (&current_num, override_level, attr(&e, b"w:val"))
                        && let Ok(v) = v.parse()
                    {
                        restarts.entry(n.clone()).or_default()[l] = Some(v);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:abstractNum" => current_abstract = None,
                b"w:lvl" => current_level = None,
                b"w:num" => current_num = None,
                b"w:lvlOverride" => override_level = None,
                _ => {}
            },
            _ => {}
        }
    }
    nums.into_iter()
        .filter_map(|(n, a)| {
            let levels = abstracts.get(&a)?.clone();
            let restart = restarts.get(&n).copied().unwrap_or_default();
            Some((
                n,
                List {
                    abstract_id: a,
                    levels,
                    restart,
                },
            ))
        })
        .collect()
}

/// styleId → (numId, ilvl) for paragraph styles that number their paragraphs.
fn parse_style_numbering(xml: &str) -> HashMap<String, (String, usize)> {
    let mut reader = Reader::from_str(xml);
    let mut out = HashMap::new();
    let mut style: Option<String> = None;
    let mut num: Option<String> = None;
    let mut ilvl = 0;
    for event in events(&mut reader) {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:style" => {
                    style = attr(&e, b"w:styleId");
                    num = None;
                    ilvl = 0;
                }
                b"w:numId" => num = attr(&e, b"w:val"),
                b"w:ilvl" => ilvl = attr(&e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"w:style" => {
                if let (Some(s), Some(n)) = (style.take(), num.take())
                    && n != "0"
                {
                    out.insert(s, (n, ilvl));
                }
            }
            _ => {}
        }
    }
    out
}

/// A number as a numbering format writes it.
fn format_number(n: u32, format: &str) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    match format {
        "bullet" | "none" => String::new(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => cn_numeral(n),
        "chineseLegalSimplified" => cn_numeral(n)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                c => c,
            })
            .collect(),
        "ideographTraditional" => STEMS
            .get((n as usize).wrapping_sub(1))
            .map(|c| c.to_string())
            .unwrap_or_else(|| n.to_string()),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(|c| c.to_string())
                .unwrap_or_default()
        }
        "lowerLetter" | "upperLetter" if n >= 1 => {
            let c = LETTERS[((n - 1) % 26) as usize] as char;
            let s = c.to_string().repeat(((n - 1) / 26 + 1) as usize);
            if format == "upperLetter" { s.to_uppercase() } else { s }
        }
        "lowerRoman" | "upperRoman" => {
            let s = roman(n);
            if format == "lowerRoman" { s.to_lowercase() } else { s }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    num: Option<String>,
    ilvl: usize,
    style: Option<String>,
    /// The paragraphs of text boxes anchored in it, each a line of its own
    /// after it: spliced in, a box's note beside a heading became the heading's words.
    boxes: Vec<String>,
}

#[derive(Debug, Default)]
struct Cell {
    text: String,
    colspan: usize,
    continued: bool,
}

#[derive(Debug, Default)]
struct TableBuf {
    rows: Vec<Vec<CellIn>>,
    row: Vec<CellIn>,
    cell: Option<Cell>,
}

struct Walker {
    view: View,
    numbering: Numbering,
    styles: HashMap<String, (String, usize)>,
    /// abstractNumId → counters per level.
    counters: HashMap<String, [u32; 9]>,
    /// The lists and levels whose restart has been applied.
    restarted: std::collections::HashSet<(String, usize)>,
    paragraphs: Vec<Paragraph>,
    tables: Vec<TableBuf>,
}

impl Walker {
    fn walk(&mut self, xml: &str) -> Result<(), LoadError> {
        let mut reader = Reader::from_str(xml);
        // Inside elements whose text is not the document's: deletions, field
        // codes, the fallback copy of a text box.
        let mut skip = 0usize;
        let mut in_text = false;
        // A run marked hidden (`w:vanish` in its properties, not in a
        // paragraph's, where it hides only the mark, nor in a tracked change's
        // record of the old ones) is not shown, nor read.
        let mut hidden = false;
        let mut in_other_props = 0usize;
        // A document cut short ends before its body does: read so far, it
        // would seem to lack the sections it has.
        let mut body = (false, false);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| LoadError::Corrupt(format!("word/document.xml: {e}")))?;
            match event {
                Event::Eof if body.0 && !body.1 => {
                    return Err(LoadError::Corrupt(
                        "word/document.xml ends before the document's body does (the file is cut short)".into(),
                    ));
                }
                Event::Eof => break,
                Event::Start(e) if e.name().as_ref() == b"w:body" => body.0 = true,
                Event::End(e) if e.name().as_ref() == b"w:body" => body.1 = true,
                Event::Start(e) => {
                    let name = e.name();
                    let name = name.as_ref();
                    if not_text(name) {
                        skip += 1;
                        continue;
                    }
                    if skip > 0 {
                        continue;
                    }
                    match name {
                        b"w:t" => in_text = true,
                        b"w:r" => hidden = false,
                        b"w:pPr" => in_other_props += 1,
                        _ => self.open(&e),
                    }
                }
                Event::Empty(e) => {
                    if skip > 0 {
                        continue;
                    }
                    match e.name().as_ref() {
                        b"w:vanish" if in_other_props == 0 => {
                            hidden = !matches!(attr(&e, b"w:val").as_deref(), Some("0" | "false" | "off"));
                            continue;
                        }
                        b"w:tab" | b"w:br" | b"w:cr" | b"w:noBreakHyphen" if hidden => continue,
                        _ => {}
                    }
                    self.open(&e);
                    self.close(e.name().as_ref());
                }
                Event::End(e) => {
                    let name = e.name();
                    let name = name.as_ref();
                    if not_text(name) {
                        skip = skip.saturating_sub(1);
                        continue;
                    }
                    if skip > 0 {
                        continue;
                    }
                    match name {
                        b"w:t" => in_text = false,
                        b"w:r" => hidden = false,
                        b"w:pPr" => in_other_props = in_other_props.saturating_sub(1),
                        _ => self.close(name),
                    }
                }
                Event::Text(t) if in_text && skip == 0 && !hidden => {
                    let text = t
                        .decode()
                        .map_err(|e| LoadError::Corrupt(format!("word/document.xml: {e}")))?;
                    if let Some(p) = self.paragraphs.last_mut() {
                        p.text.push_str(&text);
                    }
                }
                Event::GeneralRef(r) if in_text && skip == 0 && !hidden => {
                    // `&amp;` and character references inside w:t.
                    let name: &[u8] = r.as_ref();
                    let text = match name {
                        b"amp" => "&".to_string(),
                        b"lt" => "<".to_string(),
                        b"gt" => ">".to_string(),
                        b"quot" => "\"".to_string(),
                        b"apos" => "'".to_string(),
                        other => r
                            .resolve_char_ref()
                            .ok()
                            .flatten()
                            .map(|c| c.to_string())
                            .unwrap_or_else(|| String::from_utf8_lossy(other).into_owned()),
                    };
                    if let Some(p) = self.paragraphs.last_mut() {
                        p.text.push_str(&text);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn open(&mut self, e: &BytesStart<'_>) {
        match e.name().as_ref() {
            b"w:p" => self.paragraphs.push(Paragraph::default()),
            // A picture (not a text box): where a table may stand as an image.
            b"a:blip" | b"v:imagedata" if self.tables.is_empty() => self.view.image(),
            b"w:pStyle" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = attr(e, b"w:val");
                }
            }
            b"w:numId" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.num = attr(e, b"w:val");
                }
            }
            b"w:ilvl" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.ilvl = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            b"w:tab" | b"w:br" | b"w:cr" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.text.push(' ');
                }
            }
            b"w:noBreakHyphen" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.text.push('-');
                }
            }
            b"w:tbl" => self.tables.push(TableBuf::default()),
            b"w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Vec::new();
                }
            }
            b"w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        colspan: 1,
                        ..Cell::default()
                    });
                }
            }
            b"w:gridSpan" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.colspan = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                }
            }
            b"w:vMerge" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.continued = attr(e, b"w:val").is_none_or(|v| v == "continue");
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        match name {
            b"w:p" => {
                let Some(p) = self.paragraphs.pop() else { return };
                let text = format!("{}{}", self.label(&p), p.text);
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    for text in std::iter::once(&text).chain(&p.boxes) {
                        if !cell.text.is_empty() && !text.trim().is_empty() {
                            cell.text.push(' ');
                        }
                        cell.text.push_str(text);
                    }
                } else if let Some(outer) = self.paragraphs.last_mut() {
                    // A text box's paragraph inside a paragraph: a line after it.
                    outer.boxes.push(text);
                    outer.boxes.extend(p.boxes);
                } else {
                    // A paragraph that only anchors its boxes is their lines alone.
                    if p.boxes.is_empty() || !text.trim().is_empty() {
                        self.view.paragraph(&text);
                    }
                    for text in &p.boxes {
                        self.view.paragraph(text);
                    }
                }
            }
            b"w:tc" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(c) = t.cell.take()
                {
                    t.row.push(CellIn {
                        text: if c.continued { String::new() } else { c.text },
                        colspan: c.colspan,
                        rowspan: 1,
                        line: None,
                    });
                }
            }
            b"w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            b"w:tbl" => {
                let Some(t) = self.tables.pop() else { return };
                match self.tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
                    // A table inside a cell: its text joins the cell.
                    Some(cell) => {
                        for row in t.rows {
                            for c in row {
                                if !c.text.trim().is_empty() {
                                    cell.text.push(' ');
                                    cell.text.push_str(&c.text);
                                }
                            }
                        }
                    }
                    None => self.view.table(t.rows),
                }
            }
            _ => {}
        }
    }

    /// The automatic numbering of a paragraph, as Word shows it (`一、`, `（二）`).
    fn label(&mut self, p: &Paragraph) -> String {
        let (num, ilvl) = match (&p.num, &p.style) {
            (Some(n), _) => (n.clone(), p.ilvl),
            (None, Some(s)) => match self.styles.get(s) {
                Some((n, l)) => (n.clone(), *l),
                None => return String::new(),
            },
            _ => return String::new(),
        };
        let Some(list) = self.numbering.get(&num) else {
            return String::new();
        };
        let levels = &list.levels;
        let Some(level) = levels.get(ilvl) else {
            return String::new();
        };
        if matches!(level.format.as_str(), "bullet" | "none") || p.text.trim().is_empty() {
            return String::new();
        }
        let restart = list.restart[ilvl].filter(|_| self.restarted.insert((num.clone(), ilvl)));
        let counters = self.counters.entry(list.abstract_id.clone()).or_insert([0; 9]);
        counters[ilvl] = match restart {
            Some(start) => start,
            None if counters[ilvl] == 0 => level.start.max(1),
            None => counters[ilvl] + 1,
        };
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = 0;
        }
        let mut text = level.text.clone();
        for (l, lv) in levels.iter().enumerate().take(ilvl + 1) {
            let value = if counters[l] == 0 { lv.start.max(1) } else { counters[l] };
            text = text.replace(&format!("%{}", l + 1), &format_number(value, &lv.format));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn to_view(bytes: &[u8]) -> Result<(String, Provenance), LoadError> {
        super::to_view(bytes, MAX_PART)
    }
    use crate::source::Place;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
        xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

    /// A zip of the given parts (name, content).
    fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, content) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
        let mut parts = vec![(
            "word/document.xml",
            format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>"),
        )];
        if let Some(n) = numbering {
            parts.push((
                "word/numbering.xml",
                format!("<?xml version=\"1.0\"?><w:numbering {W}>{n}</w:numbering>"),
            ));
        }
        zip_of(&parts)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn a_document_cut_short_is_corrupt_not_short() {
        let whole = format!(
            "<?xml version=\"1.0\"?><w:document {W}><w:body>{}{}</w:body></w:document>",
            p("一、总体情况"),
            p("二、主动公开政府信息情况")
        );
        assert!(to_view(&zip_of(&[("word/document.xml", whole.clone())])).is_ok());
        let cut = &whole[..whole.find("二、").unwrap()];
        let e = to_view(&zip_of(&[("word/document.xml", cut.to_string())])).unwrap_err();
        assert!(
            matches!(&e, LoadError::Corrupt(why) if why.contains("cut short")),
            "{e:?}"
        );
    }

    #[test]
    fn a_picture_is_placed_in_the_view() {
        let picture = "<w:p><w:r><w:drawing><a:graphic xmlns:a=\"urn:a\"><a:blip r:embed=\"rId5\" \
            xmlns:r=\"urn:r\"/></a:graphic></w:drawing></w:r></w:p>";
        let (text, provenance) = to_view(&docx(&format!("{}{picture}{}", p("三、收到"), p("四、复议")), None)).unwrap();
        // On the picture's own (blank) line, between the two.
        let [at] = provenance.images[..] else {
            panic!("{:?}", provenance.images)
        };
        assert!(
            text.find("收到").unwrap() < at && at < text.find("四、").unwrap(),
            "{text:?} {at}"
        );
    }

    #[test]
    fn names_under_other_prefixes_read_as_under_w() {
        // Lists, a merged cell, a tracked deletion and a text box's fallback copy.
        let numbering = "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
            <w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum>\
            <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>";
        let body = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>\
            <w:r><w:t>总体情况</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>\
            <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>框内</w:t></mc:Choice>\
            <mc:Fallback><w:t>框内</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        let (expected, _) = to_view(&docx(body, Some(numbering))).unwrap();
        assert!(expected.starts_with("一、总体情况\n合计"), "{expected:?}");
        let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
        // Another prefix, the Strict namespace, and a default namespace with bare attributes.
        fn renamed(xml: &str) -> String {
            xml.replace("w:", "ns0:").replace("mc:", "x:")
        }
        fn bare(xml: &str) -> String {
            xml.replace("<w:", "<").replace("</w:", "</").replace(" w:", " ")
        }
        fn same(xml: &str) -> String {
            xml.to_string()
        }
        type Rename = fn(&str) -> String;
        let cases: [(String, Rename); 3] = [
            (format!("xmlns:ns0=\"{main}\" xmlns:x=\"{mc}\""), renamed),
            (format!("xmlns:w=\"{strict}\" xmlns:mc=\"{mc}\""), same),
            (format!("xmlns=\"{main}\" xmlns:mc=\"{mc}\""), bare),
        ];
        for (declared, rename) in cases {
            let part = |root: &str, content: &str| {
                let root_name = rename(&format!("<w:{root}")).trim_start_matches('<').to_string();
                format!(
                    "<?xml version=\"1.0\"?><{root_name} {declared}>{}</{root_name}>",
                    rename(content)
                )
            };
            let docx = zip_of(&[
                (
                    "word/document.xml",
                    part("document", &format!("<w:body>{body}</w:body>")),
                ),
                ("word/numbering.xml", part("numbering", numbering)),
            ]);
            let (text, _) = to_view(&docx).unwrap();
            assert_eq!(text, expected, "{declared}");
        }
    }

    #[test]
    fn tracked_changes_text_boxes_and_fields() {
        let body = format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">本年</w:t></w:r><w:ins><w:r><w:t>新增</w:t></w:r></w:ins>\
             <w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>\
             <w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>&amp;条</w:t></w:r></w:p>\
             <w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>{}</w:txbxContent>\
             </w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback>\
             </mc:AlternateContent></w:r></w:p>",
            p("框内文字"),
            p("框内文字")
        );
        let (text, _) = to_view(&docx(&body, None)).unwrap();
        assert_eq!(text, "本年新增3&条\n框内文字\n");
        // A box anchored in a heading (a note beside it) is a line after the
        // heading, not words inside it.
        let body = format!(
            "<w:p><w:r><w:t>四、政府信息公开行政复议、行政诉讼情况</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">\
             <w:drawing><w:txbxContent>{}{}</w:txbxContent></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>",
            p("注：本表为案件数"),
            p("2021年，我局")
        );
        let (text, _) = to_view(&docx(&body, None)).unwrap();
        assert_eq!(
            text,
            "四、政府信息公开行政复议、行政诉讼情况\n注：本表为案件数\n2021年，我局\n"
        );
    }

    #[test]
    fn merged_cells_and_a_table_in_a_cell() {
        let tc = |pr: &str, text: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(text));
        let nested = format!(
            "<w:tc><w:tbl><w:tr>{}{}</w:tr></w:tbl><w:p/></w:tc>",
            tc("", "内嵌"),
            tc("", "4")
        );
        let body = format!(
            "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            p("二、主动公开政府信息情况"),
            tc("<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>", "说明"),
            tc("<w:gridSpan w:val=\"2\"/>", "申请人情况"),
            tc("<w:gridSpan w:val=\"2\"/><w:vMerge/>", ""),
            tc("", "自然人"),
            tc("", "法人"),
            tc("<w:gridSpan w:val=\"2\"/>", "一、本年新收"),
            tc("", "3"),
            nested,
        );
        let (text, provenance) = to_view(&docx(&body, None)).unwrap();
        assert_eq!(
            text,
            "二、主动公开政府信息情况\n说明\t申请人情况\n\t自然人\t法人\n一、本年新收\t3\t内嵌 4\n\n"
        );
        let at = text.find("法人").unwrap();
        assert_eq!(
            provenance.place_at(at),
            Some(&Place::Cell {
                table: 1,
                row: 2,
                column: 4
            })
        );
    }

    #[test]
    fn automatic_numbering_is_written_out() {
        let numbering = "<w:abstractNum w:abstractNumId=\"0\">\
            <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
            <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>\
            </w:abstractNum><w:num w:numId=\"7\"><w:abstractNumId w:val=\"0\"/></w:num>";
        let item = |level: usize, text: &str| {
            format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr>\
                 <w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let body = [
            item(0, "总体情况"),
            item(1, "主动公开"),
            item(1, "依申请公开"),
            item(0, "主动公开政府信息情况"),
            item(1, "规章"),
        ]
        .concat();
        let (text, _) = to_view(&docx(&body, Some(numbering))).unwrap();
        assert_eq!(
            text,
            "一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n（一）规章\n"
        );
    }

    #[test]
    fn hidden_text_is_not_read() {
        // An editor's note hidden with 隐藏文字; a hidden paragraph mark hides nothing.
        let body = "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>全年新收申请54件。</w:t></w:r>\
                    <w:r><w:rPr><w:b/><w:vanish/></w:rPr><w:t>（编者注：XX件，待核）</w:t><w:tab/></w:r>\
                    <w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>办结54件。</w:t></w:r>\
                    <w:r><w:rPr><w:rPrChange w:id=\"1\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>结转3件。</w:t></w:r></w:p>";
        let (text, _) = to_view(&docx(body, None)).unwrap();
        assert_eq!(text, "全年新收申请54件。办结54件。结转3件。\n");
    }

    #[test]
    fn lists_on_one_abstract_numbering_count_on_together() {
        // A heading pasted in gets a list of its own on the same abstract
        // numbering: Word counts on through it, unless the list restarts.
        let numbering = |restart: &str| {
            format!(
                "<w:abstractNum w:abstractNumId=\"0\">\
                 <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
                 </w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
                 <w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>{restart}</w:num>"
            )
        };
        let item = |num: usize, text: &str| {
            format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>\
                 <w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let body = [
            item(1, "甲"),
            item(1, "乙"),
            item(2, "丙"),
            item(2, "丁"),
            item(1, "戊"),
        ]
        .concat();
        let (text, _) = to_view(&docx(&body, Some(&numbering("")))).unwrap();
        assert_eq!(text, "一、甲\n二、乙\n三、丙\n四、丁\n五、戊\n");
        let restart = "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"7\"/></w:lvlOverride>";
        let (text, _) = to_view(&docx(&body, Some(&numbering(restart)))).unwrap();
        assert_eq!(text, "一、甲\n二、乙\n七、丙\n八、丁\n九、戊\n");
    }

    #[test]
    fn other_office_files_and_broken_ones_are_named() {
        let excel = zip_of(&[("xl/workbook.xml", "<workbook/>".into())]);
        assert!(matches!(to_view(&excel), Err(LoadError::NotReport("Excel"))));
        // An OFD (the Chinese fixed-layout standard) is a zip too.
        let ofd = zip_of(&[("OFD.xml", "<ofd:OFD/>".into())]);
        assert!(matches!(to_view(&ofd), Err(LoadError::Ofd)));
        let whole = docx(&p("一、总体情况"), None);
        assert!(matches!(to_view(&whole[..whole.len() / 2]), Err(LoadError::Corrupt(_))));
        let bad = docx("<w:p><w:r><w:t>未闭合</w:r></w:p>", None);
        assert!(matches!(to_view(&bad), Err(LoadError::Corrupt(_))));
    }

    #[test]
    fn numbers_as_word_writes_them() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(2, "decimal"), "2");
        assert_eq!(format_number(4, "decimalEnclosedCircle"), "④");
        assert_eq!(format_number(2, "upperLetter"), "B");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(1, "bullet"), "");
    }
}
