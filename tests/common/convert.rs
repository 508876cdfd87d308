//! Test helpers that rewrite a plain-text report as the other formats an editor
//! or a web site produces: Word (.docx) and HTML with merged cells, GB18030 and
//! UTF-16. A converted report must give the same findings as the text.

use std::io::Write;

use nianbao::Options;
use nianbao::model::Layout;

/// A report cut into what a word processor has: paragraphs and tables.
#[derive(Debug)]
pub(crate) enum Piece {
    Paragraph(String),
    /// The table's key (`disclosure`…) and its rows of cells as the text wrote them.
    Table(String, Vec<Vec<String>>),
}

/// A cell after merging: the text and how far it spans; `None` in the grid is
/// a position a merged cell covers.
#[derive(Debug, Clone)]
pub(crate) struct Merged {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

/// Why a report cannot be converted: its tables are in a layout that only
/// exists as text (cells run together, one cell per line without tabs).
pub(crate) fn convertible(text: &str) -> Result<(), String> {
    let doc = super::document(text);
    for t in &doc.tables {
        if !matches!(t.layout, Layout::TabRows | Layout::TabCells | Layout::Pipes) {
            return Err(format!("table {} is laid out as {}", t.key, t.layout.as_str()));
        }
    }
    Ok(())
}

/// The paragraphs and tables of a text report, the tables found by nianbao's
/// own parser (each line that overlaps a table is one of its rows).
pub(crate) fn pieces(text: &str) -> Vec<Piece> {
    let doc = super::document(text);
    let mut tables: Vec<(usize, usize, Layout, String)> = doc
        .tables
        .iter()
        .map(|t| (t.span.start, t.span.end, t.layout, t.key.clone()))
        .collect();
    tables.sort_by_key(|t| t.0);
    let mut out = Vec::new();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let Some((_, end, layout, key)) = tables.iter().find(|(s, e, _, _)| *s < offset && start < *e) else {
            out.push(Piece::Paragraph(markdown_text(line.trim_end_matches(['\n', '\r']))));
            continue;
        };
        // Every line up to the table's end is the table's.
        let mut body = vec![line];
        while offset < *end {
            let Some(next) = lines.next() else { break };
            offset += next.len();
            body.push(next);
        }
        out.push(Piece::Table(key.clone(), rows(&body, *layout)));
    }
    out
}

fn rows(lines: &[&str], layout: Layout) -> Vec<Vec<String>> {
    let lines = lines.iter().map(|l| l.trim_end_matches(['\n', '\r']));
    match layout {
        Layout::TabCells => {
            // One cell per line after a tab; a blank line ends a row.
            let mut rows = vec![Vec::new()];
            for l in lines {
                // A blank line ends a row; a line of just a tab is an empty cell.
                if !l.contains('\t') && l.trim().is_empty() {
                    if !rows.last().unwrap().is_empty() {
                        rows.push(Vec::new());
                    }
                } else {
                    rows.last_mut().unwrap().push(l.trim_start_matches('\t').to_string());
                }
            }
            rows.retain(|r| !r.is_empty());
            rows
        }
        Layout::Pipes => lines
            .filter(|l| !l.trim().is_empty())
            .filter(|l| !l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')))
            .map(|l| {
                let l = l.trim().trim_start_matches('|').trim_end_matches('|');
                l.split('|').map(|c| c.trim().to_string()).collect()
            })
            .collect(),
        _ => lines
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect(),
    }
}

/// A Markdown heading's text without its `#`s.
fn markdown_text(line: &str) -> String {
    let t = line.trim_start();
    if t.starts_with('#') {
        t.trim_start_matches('#').trim_start().to_string()
    } else {
        line.to_string()
    }
}

fn is_number(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && t.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '+' | '-' | '%' | '万' | '元')
        })
}

/// Merge cells as a Word template does: in header rows, an empty cell joins
/// the cell to its left; in label columns (no numbers anywhere), an
/// empty cell joins the cell above. Only empty cells are absorbed, so expanding
/// the merges gives back the rows exactly.
pub(crate) fn merge(rows: &[Vec<String>]) -> Vec<Vec<Option<Merged>>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let label_column: Vec<bool> = (0..width)
        .map(|c| !rows.iter().any(|r| r.get(c).is_some_and(|x| is_number(x))))
        .collect();
    let mut grid: Vec<Vec<Option<Merged>>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| {
                    Some(Merged {
                        text: t.clone(),
                        colspan: 1,
                        rowspan: 1,
                    })
                })
                .collect()
        })
        .collect();
    // (row, column) of the cell that owns each grid position.
    let mut owner: Vec<Vec<(usize, usize)>> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| (0..row.len()).map(|c| (r, c)).collect())
        .collect();
    let first_numbers = rows
        .iter()
        .position(|r| r.iter().any(|c| is_number(c)))
        .unwrap_or(rows.len());
    for r in 0..rows.len() {
        // Header rows: above the first numbers, a block title (第二十条…), or
        // column titles (more than one word, no number). A label with blank
        // cells is a data row: its blanks stay cells.
        let words = rows[r].iter().filter(|c| !c.trim().is_empty()).count();
        let header = !rows[r].iter().any(|c| is_number(c))
            && (r < first_numbers || words > 1 || rows[r][0].trim().starts_with("第二十条"));
        for c in 0..rows[r].len() {
            if !rows[r][c].trim().is_empty() {
                continue;
            }
            if header && c > 0 {
                let (orow, ocol) = owner[r][c - 1];
                // Only along one row: a merged block stays a rectangle.
                if orow == r && !rows[r][ocol].trim().is_empty() {
                    grid[r][ocol].as_mut().unwrap().colspan += 1;
                    grid[r][c] = None;
                    owner[r][c] = (orow, ocol);
                    continue;
                }
            }
            if label_column[c] && r > 0 && c < rows[r - 1].len() {
                let (orow, ocol) = owner[r - 1][c];
                let above = grid[orow][ocol].as_ref().unwrap();
                if ocol == c && above.colspan == 1 && !above.text.trim().is_empty() && rows[r].len() > c + 1 {
                    grid[orow][ocol].as_mut().unwrap().rowspan += 1;
                    grid[r][c] = None;
                    owner[r][c] = (orow, ocol);
                }
            }
        }
    }
    grid
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// How a web page is built.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HtmlOptions {
    /// Navigation, banners, sidebar and footer around the report.
    pub page: bool,
    /// The report inside a one-cell table, as old government sites lay out pages.
    pub layout_table: bool,
    /// These tables drawn with `<div>`s (header cells not merged) instead of `<table>`.
    pub div_grids: &'static [&'static str],
    /// A line break inside header cells at their middle (`本年<br>制发件数`).
    pub breaks_in_headers: bool,
}

/// The report as the body of a web page; `page` wraps it in the navigation,
/// headers and footers of a government site.
pub(crate) fn to_html(text: &str, page: bool) -> String {
    to_html_with(
        text,
        HtmlOptions {
            page,
            ..HtmlOptions::default()
        },
    )
}

fn html_table(rows: &[Vec<String>], breaks: bool) -> String {
    let mut out = String::from("<table border=\"1\" cellspacing=\"0\" class=\"MsoNormalTable\">\n<tbody>\n");
    for row in merge(rows) {
        let header = !row.iter().flatten().any(|c| is_number(&c.text));
        out.push_str("<tr>");
        for cell in row.into_iter().flatten() {
            let mut attrs = String::new();
            if cell.colspan > 1 {
                attrs.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            if cell.rowspan > 1 {
                attrs.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
            }
            let mut text = escape(&cell.text);
            let n = cell.text.chars().count();
            if breaks && header && (6..=12).contains(&n) && !cell.text.contains(['（', '(']) {
                let mid = cell.text.char_indices().nth(n / 2).unwrap().0;
                text = format!("{}<br>\n{}", escape(&cell.text[..mid]), escape(&cell.text[mid..]));
            }
            out.push_str(&format!(
                "<td{attrs} valign=\"center\"><p class=\"MsoNormal\" align=\"center\"><span lang=\"EN-US\">{text}</span></p></td>"
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A table drawn with CSS: a `<div>` per row, a `<div>` per cell.
fn div_grid(rows: &[Vec<String>]) -> String {
    let mut out = String::from("<div class=\"data-grid\" style=\"display:table\">\n");
    for row in rows {
        out.push_str("  <div class=\"grid-row\" style=\"display:table-row\">");
        for cell in row {
            out.push_str(&format!(
                "<div class=\"grid-cell\" style=\"display:table-cell\">{}</div>",
                escape(cell)
            ));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    out
}

pub(crate) fn to_html_with(text: &str, options: HtmlOptions) -> String {
    let mut body = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::Paragraph(p) if p.trim().is_empty() => body.push_str("<p>&nbsp;</p>\n"),
            Piece::Paragraph(p) if p.trim_start().starts_with("<!--") => {
                body.push_str(&p);
                body.push('\n');
            }
            Piece::Paragraph(p) => body.push_str(&format!("<p>{}</p>\n", escape(&p))),
            Piece::Table(key, rows) if options.div_grids.contains(&key.as_str()) => body.push_str(&div_grid(&rows)),
            Piece::Table(_, rows) => body.push_str(&html_table(&rows, options.breaks_in_headers)),
        }
    }
    if options.layout_table {
        body = format!("<table width=\"100%\" border=\"0\"><tr><td class=\"bt_content\">\n{body}</td></tr></table>\n");
    }
    if !options.page {
        return format!("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}</body></html>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <title>政府信息公开工作年度报告_示例区人民政府</title>\
         <script>var nav = ['首页', '政务公开', '政府信息公开年报'];</script>\
         <style>.nav li {{ display: inline; }}</style></head>\n<body>\n\
         <div class=\"header\"><img src=\"logo.png\" alt=\"示例区人民政府\"><span>示例区人民政府门户网站</span></div>\n\
         <div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li>\
         <li><a href=\"/hdjl\">互动交流</a></li><li><a href=\"/bsfw\">办事服务</a></li></ul></div>\n\
         <div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a> &gt; 政府信息公开年报</div>\n\
         <div class=\"sidebar\"><h3>相关链接</h3><ul><li><a href=\"/nb/2019\">2019年政府信息公开工作年度报告</a></li>\
         <li><a href=\"/nb/2018\">2018年政府信息公开工作年度报告</a></li></ul></div>\n\
         <div class=\"article\"><div class=\"info\">发布日期：2022-01-28 来源：示例区人民政府办公室 浏览次数：1024</div>\n\
         <div class=\"content\">\n{body}</div></div>\n\
         <div class=\"share\">分享到：微信 微博</div>\n\
         <div class=\"footer\"><p>主办：示例区人民政府办公室 版权所有</p><p>网站标识码：0000000000 备案号：示ICP备00000000号</p></div>\n\
         </body></html>\n"
    )
}

fn xml(s: &str) -> String {
    escape(s).replace('"', "&quot;")
}

fn docx_paragraph(text: &str) -> String {
    if text.trim().is_empty() {
        return "<w:p/>".into();
    }
    format!(
        "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>\
         <w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml(text)
    )
}

/// The `word/document.xml` of a report: header cells merged across
/// (`gridSpan`) and label cells merged down (`vMerge`), as the official
/// template has them.
pub(crate) fn document_xml(text: &str, auto_numbering: bool) -> String {
    let mut body = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::Paragraph(p) if p.trim_start().starts_with("<!--") => {}
            Piece::Paragraph(p) if auto_numbering && section_heading(&p).is_some() => {
                // The number comes from numbering.xml, as Word's heading lists write it.
                let rest = section_heading(&p).unwrap();
                body.push_str(&format!(
                    "<w:p><w:pPr><w:pStyle w:val=\"2\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>\
                     <w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                    xml(rest)
                ));
            }
            Piece::Paragraph(p) => body.push_str(&docx_paragraph(&p)),
            Piece::Table(_, rows) => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(1);
                let grid = merge(&rows);
                body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"a3\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>");
                for _ in 0..width {
                    body.push_str("<w:gridCol w:w=\"1000\"/>");
                }
                body.push_str("</w:tblGrid>");
                // Per column, rows still covered by a cell above: Word writes a
                // `vMerge` continuation cell there.
                let mut down = vec![0usize; width];
                for row in &grid {
                    body.push_str("<w:tr>");
                    for (column, cell) in row.iter().enumerate() {
                        let Some(cell) = cell else {
                            if down[column] > 0 {
                                down[column] -= 1;
                                body.push_str("<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>");
                            }
                            continue;
                        };
                        let mut pr = String::from("<w:tcW w:w=\"1000\" w:type=\"dxa\"/>");
                        if cell.colspan > 1 {
                            pr.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.colspan));
                        }
                        if cell.rowspan > 1 {
                            pr.push_str("<w:vMerge w:val=\"restart\"/>");
                            down[column] = cell.rowspan - 1;
                        }
                        pr.push_str("<w:vAlign w:val=\"center\"/>");
                        // Line breaks inside a cell are separate paragraphs in Word.
                        let paragraphs: String = cell.text.split('\n').map(docx_paragraph).collect();
                        body.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>{paragraphs}</w:tc>"));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

/// A section heading `一、总体情况`: the words after its number.
fn section_heading(p: &str) -> Option<&str> {
    let t = p.trim();
    let (numeral, rest) = t.split_once('、')?;
    let ok = numeral.chars().count() == 1 && "一二三四五六七八九".contains(numeral) && rest.chars().count() <= 30;
    ok.then_some(rest)
}

/// Whether the section headings are numbered 一、二、三… in order, so that a
/// Word list numbers them the same.
pub(crate) fn headings_in_order(text: &str) -> bool {
    let numerals: Vec<String> = text
        .lines()
        .filter(|l| section_heading(&markdown_text(l)).is_some())
        .map(|l| markdown_text(l).trim().chars().next().unwrap().to_string())
        .collect();
    !numerals.is_empty()
        && numerals
            .iter()
            .zip("一二三四五六七八九".chars())
            .all(|(n, c)| n == &c.to_string())
}

/// One list, level 0 counting 一、二、三、 as Word's Chinese heading list does.
const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/>\
<w:lvlJc w:val=\"left\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
</Types>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
</Relationships>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

/// A .docx package holding the given parts (name, content).
pub(crate) fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// A Word document of a text report.
pub(crate) fn to_docx(text: &str) -> Vec<u8> {
    to_docx_with(text, false)
}

/// A Word document; with `auto_numbering`, the section headings numbered by a
/// Word list instead of typed numbers.
pub(crate) fn to_docx_with(text: &str, auto_numbering: bool) -> Vec<u8> {
    docx_of(&document_xml(text, auto_numbering))
}

/// A Word package around a `word/document.xml`.
pub(crate) fn docx_of(document: &str) -> Vec<u8> {
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ])
}

pub(crate) fn to_gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable, "GB18030 maps all of Unicode");
    bytes.into_owned()
}

pub(crate) fn to_utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = (if bom { "\u{feff}" } else { "" })
        .encode_utf16()
        .chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

/// Sorted `rule` ids, one per finding.
pub(crate) fn rules_of(name: &str, bytes: &[u8]) -> Vec<String> {
    let report = super::config().check_bytes(name, bytes, &Options::default());
    assert_eq!(report.error, None, "{name} read without error");
    let mut rules: Vec<String> = report.diagnostics.iter().map(|d| d.rule.clone()).collect();
    rules.sort();
    rules
}

/// Every converted form of `text` gives the text's findings.
pub(crate) fn assert_same_in_every_format(name: &str, text: &str) {
    let ext = if name.ends_with(".md") { "md" } else { "txt" };
    let expected = rules_of(&format!("r.{ext}"), text.as_bytes());
    let same = |form: &str, bytes: &[u8]| {
        assert_eq!(rules_of(form, bytes), expected, "{name} as {form}");
    };
    same("gb18030.txt", &to_gb18030(text));
    same("utf16le.txt", &to_utf16(text, true, true));
    same("utf16be.txt", &to_utf16(text, false, true));
    same("utf16le-no-bom.txt", &to_utf16(text, true, false));
    if convertible(text).is_err() {
        // Such layouts come from copying a PDF; Word and HTML never hold them.
        return;
    }
    same("r.html", to_html(text, false).as_bytes());
    same("page.html", to_html(text, true).as_bytes());
    let old_site = HtmlOptions {
        page: true,
        layout_table: true,
        div_grids: &["disclosure", "appeals"],
        breaks_in_headers: true,
    };
    same("old-site.html", to_html_with(text, old_site).as_bytes());
    // A grid table is a rectangle: a row short of cells cannot be written as one.
    if !expected.iter().any(|r| r == "table-row-shape") {
        same("grid.md", to_grid_markdown(text).as_bytes());
    }
    same("html-tables.md", to_markdown_with_html_tables(text).as_bytes());
    same("r.docx", &to_docx(text));
    if headings_in_order(text) {
        same("numbered.docx", &to_docx_with(text, true));
    }
}

/// The report as Pandoc writes Markdown for a Word document: each table a grid
/// table (`+---+` borders, `+===+` under the header row), a cell longer than
/// the column allows wrapped over lines of its row.
pub(crate) fn to_grid_markdown(text: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    const WIDTH: usize = 16;
    let wrap = |cell: &str| -> Vec<String> {
        let mut lines = vec![String::new()];
        for c in cell.trim().chars() {
            let last = lines.last_mut().unwrap();
            if last.width() + c.to_string().width() > WIDTH {
                lines.push(String::new());
            }
            lines.last_mut().unwrap().push(c);
        }
        lines
    };
    let mut out = String::new();
    for piece in pieces(text) {
        let rows = match piece {
            Piece::Paragraph(p) => {
                out.push_str(&p);
                out.push('\n');
                continue;
            }
            Piece::Table(_, rows) => rows,
        };
        let n = rows.iter().map(Vec::len).max().unwrap_or(0);
        let cells: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|r| (0..n).map(|j| wrap(r.get(j).map_or("", String::as_str))).collect())
            .collect();
        let widths: Vec<usize> = (0..n)
            .map(|j| {
                cells
                    .iter()
                    .flat_map(|r| r[j].iter().map(|l| l.width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let border = |fill: &str| -> String {
            let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
            format!("+{}+\n", parts.join("+"))
        };
        out.push_str(&border("-"));
        for (i, row) in cells.iter().enumerate() {
            let height = row.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                out.push('|');
                for (j, cell) in row.iter().enumerate() {
                    let line = cell.get(k).map_or("", String::as_str);
                    out.push_str(&format!(" {line}{} |", " ".repeat(widths[j] - line.width())));
                }
                out.push('\n');
            }
            out.push_str(&border(if i == 0 { "=" } else { "-" }));
        }
    }
    out
}

/// The report as Markdown whose tables are HTML, merged cells and all, as
/// converters write a table Markdown cannot hold.
pub(crate) fn to_markdown_with_html_tables(text: &str) -> String {
    let mut out = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::Paragraph(p) => {
                out.push_str(&p);
                out.push('\n');
            }
            Piece::Table(_, rows) => out.push_str(&html_table(&rows, true)),
        }
    }
    out
}
