//! Each text layout is read into the same model: the right cells in the right
//! rows and columns. Values are read off the fixtures by eye; the arithmetic of
//! table 三 is recomputed from the parsed cells, which catches any cell that
//! lands in the wrong column.

mod common;

use common::*;
use nianbao::model::{Document, Layout, Readability, RowShape};

fn values(doc: &Document, key: &str, row: &str) -> Vec<String> {
    row_values(doc, key, row).unwrap_or_else(|| panic!("row {key}/{row} not found"))
}

fn v(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Every data row present and aligned; the sums of table 三 hold.
fn assert_complete_and_balanced(doc: &Document, edition: &str, unsplit: &[&str]) {
    let config = config();
    for key in ["disclosure", "applications", "appeals"] {
        let t = table(doc, key);
        assert_eq!(t.readable, Readability::Ok, "{key} readable");
        if key != "appeals" {
            assert_eq!(t.edition.as_deref(), Some(edition), "{key} edition");
        }
        let schema = &config.format.tables[t.schema];
        for (b, block) in schema.blocks.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                if row.group {
                    continue;
                }
                let found = t
                    .blocks
                    .iter()
                    .find(|x| x.index == b)
                    .and_then(|x| x.rows.iter().find(|x| x.index == r))
                    .unwrap_or_else(|| panic!("{key}: row {} missing", row.key));
                if unsplit.contains(&row.key.as_str()) {
                    assert!(
                        matches!(found.shape, RowShape::Unsplit { .. }),
                        "{}: {:?}",
                        row.key,
                        found.shape
                    );
                } else {
                    assert_eq!(found.shape, RowShape::Ok, "{key}: row {}", row.key);
                }
            }
        }
    }
    // Table 三's arithmetic, recomputed here from the cells read.
    let num = |row: &str| -> Option<Vec<i64>> {
        values(doc, "applications", row)
            .iter()
            .map(|s| s.parse().ok())
            .collect()
    };
    let t = table(doc, "applications");
    let schema = &config.format.tables[t.schema];
    for r in &t.blocks[0].rows {
        if let Some(cells) = num(&schema.blocks[0].rows[r.index].key).filter(|c| c.len() == 7) {
            assert_eq!(cells[..6].iter().sum::<i64>(), cells[6], "row total of {}", r.label);
        }
    }
    if let (Some(new), Some(carried), Some(total), Some(next)) =
        (num("new"), num("carried"), num("total"), num("carried_next"))
    {
        for c in 0..7 {
            assert_eq!(new[c] + carried[c], total[c] + next[c], "balance in column {c}");
        }
    }
}

#[test]
fn tab_rows() {
    let doc = document(&fixture("layouts/tab-rows-2020.txt"));
    assert_complete_and_balanced(&doc, "2019", &[]);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["30", "7", "1", "1", "2", "1", "42"])
    );
    assert_eq!(
        values(&doc, "applications", "carried_next"),
        v(&["2", "0", "0", "0", "1", "0", "3"])
    );
    assert_eq!(values(&doc, "disclosure", "licensing"), v(&["12", "+2", "286"]));
    assert_eq!(values(&doc, "disclosure", "procurement"), v(&["6", "1285000"]));
    assert_eq!(
        values(&doc, "appeals", "cases"),
        v(&[
            "2", "1", "0", "1", "4", "1", "0", "0", "0", "1", "0", "1", "0", "0", "1"
        ])
    );
    // The table split by a page break with its header repeated is one table.
    assert_eq!(doc.tables.len(), 3);
    assert_eq!(table(&doc, "applications").layout, Layout::TabRows);
}

#[test]
fn tab_cells() {
    let doc = document(&fixture("layouts/tab-cells-2021.txt"));
    assert_complete_and_balanced(&doc, "2021", &[]);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["17", "3", "1", "1", "0", "1", "23"])
    );
    assert_eq!(
        values(&doc, "applications", "total"),
        v(&["17", "3", "1", "1", "0", "0", "22"])
    );
    assert_eq!(table(&doc, "applications").layout, Layout::TabCells);
    // A space before each cell's tab (a copy's indent) reads the same.
    let text = fixture("layouts/tab-cells-2021.txt");
    let indented = text.replace("\n\t", "\n \t");
    assert_ne!(indented, text);
    assert_eq!(findings(&indented, &check(&indented)), findings(&text, &check(&text)));
    let wrong = indented.replacen("\n \t17\n", "\n \t18\n", 1);
    assert_ne!(wrong, indented);
    assert_eq!(findings_of(&wrong, &["applications-row"]).len(), 1);
}

#[test]
fn markdown_pipes() {
    let doc = document(&fixture("layouts/pipes-2022.md"));
    assert_complete_and_balanced(&doc, "2021", &[]);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["56", "10", "0", "1", "4", "1", "72"])
    );
    assert_eq!(
        values(&doc, "applications", "total"),
        v(&["55", "11", "0", "1", "3", "1", "71"])
    );
    // Markdown headings of any depth are the sections.
    let keys: Vec<&str> = doc.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys,
        ["overview", "disclosure", "applications", "appeals", "problems", "other"]
    );
}

#[test]
fn pdf_text_with_spaces() {
    let doc = document(&fixture("layouts/pdf-layout-2023.txt"));
    assert_complete_and_balanced(&doc, "2021", &[]);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["42", "6", "1", "1", "1", "1", "52"])
    );
    assert_eq!(
        values(&doc, "applications", "total"),
        v(&["41", "5", "1", "1", "1", "1", "50"])
    );
    assert_eq!(
        doc.report_year.unwrap().year,
        2023,
        "title split over two lines with `2023 年`"
    );
}

#[test]
fn cells_run_together() {
    let doc = document(&fixture("layouts/run-together-2021.txt"));
    // Two rows have a two-digit cell and cannot be split; table 二's 行政规范性文件
    // (4227) neither.
    let t = table(&doc, "applications");
    assert_eq!(t.layout, Layout::RunTogether);
    assert!(matches!(
        t.rows().find(|r| r.label.contains("本年新收")).unwrap().shape,
        RowShape::Unsplit { expected: 7, digits: 8 }
    ));
    assert_eq!(
        values(&doc, "applications", "carried"),
        v(&["1", "0", "0", "0", "0", "0", "1"])
    );
    assert_eq!(
        values(&doc, "applications", "carried_next"),
        v(&["2", "0", "0", "0", "0", "0", "2"])
    );
    assert_eq!(
        values(&doc, "appeals", "cases"),
        v(&[
            "1", "1", "0", "0", "2", "1", "0", "0", "1", "2", "1", "0", "0", "0", "1"
        ])
    );
    assert_eq!(
        doc.title.as_ref().unwrap().text,
        "样例县市场监督管理局2021年政府信息公开工作年度报告"
    );
    let keys: Vec<&str> = doc.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys,
        ["overview", "disclosure", "applications", "appeals", "problems", "other"]
    );
}

#[test]
fn blank_line_rhythm_with_bare_cr() {
    let text = fixture("layouts/blank-rhythm-2022.txt");
    assert!(!text.contains('\n'), "the fixture uses bare CR line endings");
    let doc = document(&text);
    assert_complete_and_balanced(&doc, "2021", &[]);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["21", "1", "1", "1", "1", "0", "25"])
    );
    assert_eq!(
        values(&doc, "applications", "carried_next"),
        v(&["2", "0", "0", "0", "0", "0", "2"])
    );
}

#[test]
fn a_heading_after_a_table_of_one_cell_per_line_ends_it() {
    // The next section's heading ends the table also when its number has a
    // space for its mark (`四 政府信息公开……`) or Markdown's marks before it
    // (`## 三、……`): it is not one more cell of the last row.
    let text = fixture("layouts/blank-rhythm-2022.txt");
    assert!(findings(&text, &check(&text)).is_empty());
    let four = "\r四、政府信息公开行政复议、行政诉讼情况";
    let three = "\r三、收到和处理政府信息公开申请情况";
    assert!(text.contains(four) && text.contains(three));
    // Another wording of 四 is said as such (an info), and nothing else.
    let spaced = text.replacen(four, "\r四 因政府信息公开工作被申请行政复议、提起行政诉讼情况", 1);
    let found = check(&spaced);
    assert_eq!(findings(&spaced, &found), ["section-wording@844"]);
    let wording = found.iter().find(|d| d.rule == "section-wording").unwrap();
    assert!(
        wording.message.contains("标题“因政府信息公开工作"),
        "{}",
        wording.message
    );
    assert_complete_and_balanced(&document(&spaced), "2021", &[]);
    let marked = text
        .replacen(three, "\r## 三、收到和处理政府信息公开申请情况", 1)
        .replacen(four, "\r## 四、政府信息公开行政复议、行政诉讼情况", 1);
    assert_eq!(findings(&marked, &check(&marked)), Vec::<String>::new());
    assert_complete_and_balanced(&document(&marked), "2021", &[]);
}

#[test]
fn a_markdown_heading_numbered_as_a_part_ends_the_table_before_it() {
    // Table 三 under a heading of its own, one row of it read, then the next
    // section numbered `第四部分` and cut from its words by a space: the
    // heading's marks (`##`) are not one more cell, and the section is there.
    let text = "# 示例县统计局2021年政府信息公开工作年度报告\n\n## 第三部分 收到和处理政府信息公开申请情况\n\
### 申请人情况 (总计)\n| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |\n\
| 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n## 第四部分 政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议。\n";
    let doc = document(text);
    let keys: Vec<&str> = doc.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["applications", "appeals"]);
    let table = doc.tables.iter().find(|t| t.key == "applications").expect("table 三");
    assert!(table.span.end < text.find("## 第四部分").unwrap(), "{:?}", table.span);
}

#[test]
fn a_sentence_set_between_two_rows_of_a_table_is_an_aside() {
    // A paragraph between two rows of table 三, a blank line each side, the
    // rows going on under it: the table is read whole, nothing is missing.
    for rel in [
        "layouts/tab-rows-2020.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/pipes-2022.md",
        "layouts/blank-rhythm-2022.txt",
        "layouts/pdf-layout-2023.txt",
        "sections/clean-2021.txt",
    ] {
        let text = fixture(rel);
        let eol = if text.contains("\r\n") {
            "\r\n"
        } else if text.contains('\n') {
            "\n"
        } else {
            "\r"
        };
        let label = text.find("本机关不掌握相关政府信息").unwrap();
        let line_start = text[..label].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let aside = format!("{eol}本机关依申请公开工作规范有序，均在法定期限内答复。{eol}{eol}");
        let edited = format!("{}{aside}{}", &text[..line_start], &text[line_start..]);
        assert_eq!(findings(&edited, &check(&edited)), Vec::<String>::new(), "{rel}");
        let doc = document(&edited);
        let t = table(&doc, "applications");
        assert_eq!(t.readable, Readability::Ok, "{rel}");
        assert!(t.span.end > line_start + aside.len(), "{rel}: {:?}", t.span);
    }
    // A sentence after the last row, no row of it coming, still ends the table.
    let text = fixture("layouts/tab-rows-2020.txt");
    let heading = text.find("四、政府信息公开行政复议").unwrap();
    let line_start = text[..heading].rfind('\n').map_or(0, |i| i + 1);
    let edited = format!(
        "{}本机关依申请公开工作规范有序，均在法定期限内答复。\n{}",
        &text[..line_start],
        &text[line_start..]
    );
    assert_eq!(findings(&edited, &check(&edited)), Vec::<String>::new());
    assert!(table(&document(&edited), "applications").span.end < line_start);
}

#[test]
fn blank_line_rhythm_decodes_a_blank_cell() {
    // One cell (科研机构 of row 一) left blank: three more blank lines in the rhythm.
    let text = fixture("layouts/blank-rhythm-2022.txt");
    let label = "一、本年新收政府信息公开申请数量\r\r\r21\r\r\r1\r\r\r1\r";
    assert!(text.contains(label));
    let blanked = text.replacen(label, "一、本年新收政府信息公开申请数量\r\r\r21\r\r\r1\r\r\r\r", 1);
    let doc = document(&blanked);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["21", "1", "_", "1", "1", "0", "25"])
    );
    assert_eq!(findings_of(&blanked, &["cell-"]).len(), 1);
}

#[test]
fn blank_line_rhythm_survives_doubled_blank_lines_and_a_page_footer() {
    // A copy that doubled every blank line keeps the rhythm at twice the
    // count: the blank cell is still one cell, rows still end where they did.
    let text = fixture("layouts/blank-rhythm-2022.txt");
    let label = "一、本年新收政府信息公开申请数量\r\r\r21\r\r\r1\r\r\r1\r";
    let blanked = text.replacen(label, "一、本年新收政府信息公开申请数量\r\r\r21\r\r\r1\r\r\r\r", 1);
    let doubled = blanked
        .split('\r')
        .flat_map(|l| if l.is_empty() { vec![l, l] } else { vec![l] })
        .collect::<Vec<_>>()
        .join("\r");
    assert!(doubled.contains("21\r\r\r\r\r1\r"));
    let doc = document(&doubled);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["21", "1", "_", "1", "1", "0", "25"])
    );
    assert_eq!(
        values(&doc, "applications", "carried_next"),
        v(&["2", "0", "0", "0", "0", "0", "2"])
    );
    assert_eq!(findings_of(&doubled, &["cell-", "table-"]).len(), 1);
    // A page number between two cells (in the first table, where the rhythm
    // is measured) is not part of the gap.
    let footer = blanked.replacen("规章\r\r\r0", "规章\r\r- 2 -\r\r0", 1);
    assert_ne!(footer, blanked);
    let doc = document(&footer);
    assert_eq!(values(&doc, "disclosure", "regulations"), v(&["0", "0", "0"]));
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["21", "1", "_", "1", "1", "0", "25"])
    );
    assert_eq!(findings_of(&footer, &["cell-", "table-"]).len(), 1);
    // A page break's blank lines between two cells of a row end no row.
    let paged = blanked.replacen("规章\r\r\r0", "规章\r\r- 2 -\r\r\r\r0", 1);
    assert_ne!(paged, blanked);
    assert_eq!(
        values(&document(&paged), "disclosure", "regulations"),
        v(&["0", "0", "0"])
    );
}

#[test]
fn markdown_cells_are_read_as_a_person_reads_them() {
    // Bold numbers, `&nbsp;` for a blank, `<br>` inside a label.
    let text = fixture("layouts/pipes-2022.md");
    let total = "| （七）总计 | 55 | 11 | 0 | 1 | 3 | 1 | 71 |";
    let partial = "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） |";
    assert!(text.contains(total) && text.contains(partial));
    let bold = text
        .replacen(
            total,
            "| **（七）总计** | **55** | **11** | **0** | __1__ | *3* | 1 | **71** |",
            1,
        )
        .replacen(
            partial,
            "| （二）部分公开<br>（区分处理的，只计这一情形，<br/>不计其他情形） |",
            1,
        );
    let doc = document(&bold);
    assert_eq!(
        values(&doc, "applications", "total"),
        v(&["55", "11", "0", "1", "3", "1", "71"])
    );
    assert_eq!(findings(&bold, &check(&bold)), Vec::<String>::new());
    // Pandoc escapes the mark after an item's number: `3\.其他`.
    let escaped = bold
        .replace("| 3.其他 |", "| 3\\.其他 |")
        .replace("| 2.其他法律", "| 2\\.其他法律");
    assert!(escaped.contains("| 3\\.其他 |"));
    assert_eq!(findings(&escaped, &check(&escaped)), Vec::<String>::new());
    // A wrong bold total is checked and pointed at inside its stars.
    let wrong = bold.replacen("**71**", "**72**", 1);
    let d = check(&wrong);
    let f = d
        .iter()
        .find(|d| d.rule == "applications-row-total")
        .expect("row total");
    assert_eq!(&wrong[f.primary.span.start..f.primary.span.end], "72");
    // `&nbsp;` is a blank cell, said once, where it is.
    let row = "|  |  | 6.属于四类过程性信息 | 3 |";
    assert!(text.contains(row));
    let nbsp = text.replacen(row, "|  |  | 6.属于四类过程性信息 | &nbsp; |", 1);
    let found = findings_of(&nbsp, &["cell-", "table-"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("cell-empty@58"), "{found:?}");
}

/// A Markdown text with its tables' outer bars taken off, as some converters
/// write them (`| 规章 | 0 |` → `规章 | 0`).
fn without_outer_bars(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("| ").and_then(|l| l.strip_suffix(" |")) {
            Some(inner) => inner.to_string(),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_merged_value_cell_written_out_per_column_is_one_cell() {
    // A converter flattening `colspan`: table 二's one-value rows written as
    // wide as the three-column block, header and value repeated.
    let text = fixture("layouts/pipes-2022.md");
    let flat = text
        .replace(
            "| 第二十条第（五）项 |  |\n|---|---|",
            "| 第二十条第（五）项 | | | |\n|---|---|---|---|",
        )
        .replace(
            "| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 1520 |",
            "| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |\n| 行政许可 | 1520 | 1520 | 1520 |",
        );
    assert!(flat.contains("| 1520 | 1520 | 1520 |"));
    assert_eq!(values(&document(&flat), "disclosure", "licensing"), v(&["1520"]));
    assert_eq!(findings(&flat, &check(&flat)), Vec::<String>::new());
    // Tab-separated text may write them out too (a Word table's cells read
    // one per grid column, as python-docx gives them): one cell each run.
    let tabs = fixture("layouts/tab-rows-2020.txt");
    for merged in [
        "行政事业性收费\t3\t3\t-2",
        "行政事业性收费\t3\t-2\t-2",
        "行政事业性收费\t3\t3\t3",
    ] {
        let flat = tabs.replacen("行政事业性收费\t3\t-2\t", merged, 1);
        assert_ne!(flat, tabs);
        assert_eq!(
            findings_of(&flat, &["table-row-shape"]),
            Vec::<String>::new(),
            "{merged}"
        );
    }
    // Three values that are no merged cell's: a long row, said.
    let long = tabs.replacen("行政事业性收费\t3\t-2\t", "行政事业性收费\t3\t-2\t5", 1);
    assert_eq!(findings_of(&long, &["table-row-shape"]).len(), 1);
    // Markdown without outer bars, as a converter writes it: the same.
    let bare = without_outer_bars(&flat);
    assert!(bare.contains("\n行政许可 | 1520 | 1520 | 1520\n"));
    assert_eq!(values(&document(&bare), "disclosure", "licensing"), v(&["1520"]));
    assert_eq!(findings(&bare, &check(&bare)), Vec::<String>::new());
    // Not as wide as the widest block: not a merged cell, said.
    let two = text.replace("| 行政许可 | 1520 |", "| 行政许可 | 1520 | 1520 |");
    assert_eq!(findings(&two, &check(&two)), ["table-row-shape@30"]);
}

#[test]
fn markdown_without_outer_bars_reads_a_bar_at_one_end_as_an_empty_cell() {
    // A converter's table without outer bars: a row whose first cell was
    // merged into the row above opens with a bar, a row with its last cell
    // blank ends with one. Read as the same table with outer bars.
    let text = fixture("layouts/pipes-2022.md");
    let bare = without_outer_bars(&text);
    assert!(
        bare.contains("\n | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 4 | 1 | 0 | 0 | 0 | 0 | 5\n")
    );
    assert_eq!(findings(&bare, &check(&bare)), Vec::<String>::new());
    assert_eq!(
        values(&document(&bare), "applications", "partial"),
        v(&["4", "1", "0", "0", "0", "0", "5"])
    );
    // The total left blank: said at its column, not read as a shift.
    let blank = bare.replacen(
        "二、上年结转政府信息公开申请数量 |  | 3 | 1 | 0 | 0 | 0 | 0 | 4",
        "二、上年结转政府信息公开申请数量 |  | 3 | 1 | 0 | 0 | 0 | 0 | ",
        1,
    );
    assert_ne!(blank, bare);
    let found = findings_of(&blank, &["cell-", "table-"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("cell-empty@50"), "{found:?}");
}

#[test]
fn a_pdfs_bare_page_number_and_running_header_are_not_cells() {
    // The page break inside table 三: the page number alone, centred, before
    // it; the title as a running header after it. Neither joins a row.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let footer = "                                 - 2 -\n\u{c}";
    assert!(text.contains(footer));
    let furnished = text.replacen(
        footer,
        "                                 2\n\u{c}            示例市水务局2023年政府信息公开工作年度报告\n\n",
        1,
    );
    assert_eq!(findings(&furnished, &check(&furnished)), Vec::<String>::new());
    // A wrong cell in the row before the break is still found.
    let row = "                    4.保护第三方合法权益              0     0     0     0     0     0      0";
    assert!(furnished.contains(row));
    let wrong = furnished.replacen(row, &row.replacen("0      0", "0      2", 1), 1);
    assert_eq!(
        findings_of(&wrong, &["applications-"]).len(),
        1,
        "{:?}",
        findings_of(&wrong, &[""])
    );
}

#[test]
fn a_bare_page_number_at_the_left_margin_of_text_laid_out_with_spaces_is_no_cell() {
    // `pdftotext -layout` sets an even page's number at the left, or a little
    // in: `2` alone on the page's last line, before the form feed, is its page
    // number wherever on the line it stands, as centred.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let base = findings(&text, &check(&text));
    for indent in ["", "     "] {
        let mut bare = text.clone();
        for n in 1..=4 {
            let footer = format!("                                 - {n} -\n\u{c}");
            assert!(bare.contains(&footer), "{footer:?}");
            bare = bare.replacen(&footer, &format!("{indent}{n}\n\u{c}"), 1);
        }
        assert_eq!(findings(&bare, &check(&bare)), base, "{indent:?}");
        // A wrong cell in the row before the break is still found.
        let row = "                    4.保护第三方合法权益              0     0     0     0     0     0      0";
        assert!(bare.contains(row));
        let wrong = bare.replacen(row, &row.replacen("0      0", "0      2", 1), 1);
        assert_eq!(findings_of(&wrong, &["applications-", "table-"]).len(), 1, "{indent:?}");
    }
}

#[test]
fn page_furniture_between_two_cells_of_a_row_one_cell_a_line_is_no_cell() {
    // A page break inside a row written one cell a line, each after a tab: the
    // page's footer (`第2页 共8页`, `- 2 -`) or the title as a running header
    // between two cells, no blank line around it. Neither splits the row.
    let text = fixture("layouts/tab-cells-2021.txt");
    let title = text.lines().next().unwrap();
    assert!(title.ends_with("年度报告"));
    let base = findings(&text, &check(&text));
    let row = "\t一、本年新收政府信息公开申请数量\n\t17\n\t3\n\t1\n";
    assert!(text.contains(row));
    for furniture in ["第2页 共8页", "- 2 -", "— 2 —", title, "- 2 -\n第2页 共8页"] {
        let paged = text.replacen(row, &format!("{row}{furniture}\n"), 1);
        assert_eq!(findings(&paged, &check(&paged)), base, "{furniture:?}");
        assert_eq!(
            values(&document(&paged), "applications", "new"),
            v(&["17", "3", "1", "1", "0", "1", "23"]),
            "{furniture:?}"
        );
        // A wrong cell after it is still found.
        let wrong = paged.replacen(&format!("{furniture}\n\t1\n"), &format!("{furniture}\n\t2\n"), 1);
        assert_ne!(wrong, paged);
        assert_eq!(findings_of(&wrong, &["applications-row"]).len(), 1, "{furniture:?}");
    }
}

#[test]
fn item_numbers_in_brackets_and_digits_grouped_by_a_space_are_read_as_written() {
    // `（1）属于国家秘密` for `1.属于国家秘密`: the number is the label's, not a cell.
    for f in [
        "layouts/tab-rows-2020.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/pdf-layout-2023.txt",
        "layouts/run-together-2021.txt",
    ] {
        let text = fixture(f);
        let mut bracketed = text.clone();
        for n in 1..=8 {
            for label in [
                "属于",
                "本机关不掌握",
                "没有现成信息",
                "补正后",
                "信访举报",
                "重复申请",
                "要求提供",
                "其他法律",
                "危及",
                "保护第三方",
                "无正当理由",
                "要求行政机关",
            ] {
                bracketed = bracketed.replace(&format!("{n}.{label}"), &format!("（{n}）{label}"));
            }
        }
        assert!(bracketed.matches('（').count() > text.matches('（').count() + 10, "{f}");
        assert_eq!(
            findings(&text, &check(&text)),
            findings(&bracketed, &check(&bracketed)),
            "{f}"
        );
    }
    // `1 038` grouped with a no-break space: one cell, 1038.
    let text = fixture("layouts/tab-cells-2021.txt");
    let grouped = text.replacen("\t38\n", "\t1\u{a0}038\n", 1);
    assert_eq!(values(&document(&grouped), "disclosure", "licensing"), v(&["1038"]));
    assert_eq!(findings(&grouped, &check(&grouped)), Vec::<String>::new());
    let text = fixture("layouts/pipes-2022.md");
    let grouped = text.replacen("| 行政许可 | 1520 |", "| 行政许可 | 1\u{a0}520 |", 1);
    assert_eq!(values(&document(&grouped), "disclosure", "licensing"), v(&["1520"]));
    assert_eq!(findings(&grouped, &check(&grouped)), Vec::<String>::new());
}

#[test]
fn a_blank_last_cell_is_blank_where_rows_of_its_width_end_in_none() {
    // Table 二's two-value blocks end in the third column's empty cell; the
    // three-value blocks end in none, so a blank last cell there is a blank.
    let text = fixture("layouts/tab-rows-2020.txt");
    assert!(text.contains("行政事业性收费\t3\t-2\t\n"));
    let row = "规范性文件\t3\t3\t17\n";
    assert!(text.contains(row));
    let blank = text.replacen(row, "规范性文件\t3\t3\t\n", 1);
    assert_eq!(findings_of(&blank, &["table-", "cell-"]), ["cell-empty@24"]);
}

#[test]
fn a_blank_total_after_a_label_spanning_two_columns_stays_in_its_column() {
    // Table 三 laid out on two label columns, as a Word table copied out: a
    // top-level label spans both (an empty cell after it), a sub-row's label
    // sits in the second; some rows end in a stray tab or two, some do not.
    let text = fixture("layouts/tab-rows-2020.txt");
    let lines: Vec<&str> = text.lines().collect();
    let mut relaid: Vec<String> = lines[..44].iter().map(|l| l.to_string()).collect();
    for (i, line) in lines[44..72].iter().enumerate() {
        let pieces: Vec<&str> = line.split('\t').filter(|p| !p.is_empty()).collect();
        // The header repeated after a page break, and blank lines, stay.
        let Some(numbers) = pieces.iter().position(|p| p.parse::<i64>().is_ok()) else {
            relaid.push(line.to_string());
            continue;
        };
        // A group's label before its first sub-row gets a line of its own.
        for group in &pieces[..numbers - 1] {
            relaid.push(format!("{group}\t\t"));
        }
        let label = pieces[numbers - 1];
        let sub = label.starts_with(|c: char| c.is_ascii_digit());
        let stray = match i {
            5 => "\t\t",
            _ if i % 3 == 0 => "\t",
            _ => "",
        };
        let values = pieces[numbers..].join("\t");
        relaid.push(match sub {
            true => format!("\t{label}\t{values}{stray}"),
            false => format!("{label}\t\t{values}{stray}"),
        });
    }
    relaid.extend(lines[72..].iter().map(|l| l.to_string()));
    let relaid = relaid.join("\n");
    assert_eq!(findings(&relaid, &check(&relaid)), Vec::<String>::new(), "{relaid}");
    let total = "（七）总计\t\t30\t8\t1\t1\t1\t1\t42\n";
    assert!(relaid.contains(total), "{relaid}");
    let blank = relaid.replacen(total, "（七）总计\t\t30\t8\t1\t1\t1\t1\t\n", 1);
    assert_eq!(findings(&blank, &check(&blank)), ["cell-empty@74"]);
    // A sub-row that ends in a stray tab, its total blank: blank, not a short row.
    let (index, row) = relaid
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with('\t') && l[1..].starts_with(|c: char| c.is_ascii_digit()) && l.ends_with("0\t"))
        .unwrap();
    let total = row.trim_end_matches('\t').rsplit('\t').next().unwrap();
    let emptied = format!("{}\t", row.strip_suffix(&format!("{total}\t")).unwrap());
    let blank = relaid.replacen(row, &emptied, 1);
    assert_eq!(
        findings(&blank, &check(&blank)),
        [format!("cell-empty@{}", index + 1)],
        "{row:?}"
    );
}

#[test]
fn a_cell_of_no_break_or_full_width_spaces_is_as_empty_as_a_cell_of_nothing() {
    // Word's template cells hold a full-width space, a Word or web copy of a
    // table a no-break space, where another copy leaves nothing: table 三's
    // empty cells (the one a label spanning two columns leaves, the label
    // columns beside a sub-row's label, the header's) written so read the same.
    let text = fixture("layouts/tab-rows-2020.txt");
    let spaced = |t: &str, space: char| -> String {
        let start = t.find("(本列数据的勾稽关系").unwrap();
        let end = start + t[start..].find("四、政府信息公开行政复议").unwrap();
        let table: String = t[start..end]
            .lines()
            .map(|l| {
                let cells: Vec<String> = l
                    .split('\t')
                    .map(|c| match c.is_empty() && l.contains('\t') {
                        true => space.to_string(),
                        false => c.to_string(),
                    })
                    .collect();
                cells.join("\t") + "\n"
            })
            .collect();
        format!("{}{table}{}", &t[..start], &t[end..])
    };
    // A wrong total is still found, and a value cell left blank.
    let row = "一、本年新收政府信息公开申请数量\t\t30\t7\t1\t1\t2\t1\t42\t";
    assert!(text.contains(row));
    let wrong = text.replacen(row, &row.replacen("\t42", "\t43", 1), 1);
    let blank = text.replacen(row, &row.replacen("\t7\t", "\t\t", 1), 1);
    for space in ['\u{a0}', '\u{3000}'] {
        for t in [&text, &wrong, &blank] {
            let edited = spaced(t, space);
            assert!(edited.matches(space).count() > 60, "{space:?}");
            assert_eq!(findings(&edited, &check(&edited)), findings(t, &check(t)), "{space:?}");
        }
    }
    assert_eq!(
        findings_of(&wrong, &["applications-row"]),
        ["applications-row-total@45"]
    );
    // The total left blank as a full-width or no-break space, last on its
    // line: the blank total cell, not a stray cell making the row short.
    let clean = fixture("sections/clean-2021.txt");
    let secret = "\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n";
    assert!(clean.contains(secret));
    for space in ['\u{a0}', '\u{3000}'] {
        let last = clean.replacen(secret, &secret.replacen("\t1\n", &format!("\t{space}\n"), 1), 1);
        assert_eq!(
            findings_of(&last, &["cell-", "table-row"]),
            ["cell-empty@45"],
            "{space:?}"
        );
    }
}

#[test]
fn every_clean_layout_passes_without_findings() {
    for f in [
        "layouts/tab-rows-2020.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/pipes-2022.md",
        "layouts/pdf-layout-2023.txt",
        "layouts/blank-rhythm-2022.txt",
        "sections/clean-2021.txt",
    ] {
        let text = fixture(f);
        assert_eq!(findings(&text, &check(&text)), Vec::<String>::new(), "{f}");
    }
    // The run-together page: table 三's two run-together rows are split the one
    // way its relations allow (said once); table 二 has no relation to go by.
    let text = fixture("layouts/run-together-2021.txt");
    let rules: Vec<String> = check(&text).into_iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["table-rows-unsplit", "table-split-inferred"]);
}

/// Table 三 of the run-together fixture with one row's digits replaced.
fn run_together_with(row: &str, digits: &str) -> String {
    let text = fixture("layouts/run-together-2021.txt");
    let at = text.find(row).unwrap_or_else(|| panic!("{row}")) + row.len();
    let end = at + text[at..].find(|c: char| !c.is_ascii_digit() && c != ' ').unwrap();
    format!("{}{digits}{}", &text[..at], &text[end..])
}

#[test]
fn digits_run_together_are_split_by_the_tables_relations() {
    let text = fixture("layouts/run-together-2021.txt");
    let d = check(&text);
    let inferred = d.iter().find(|d| d.rule == "table-split-inferred").unwrap();
    assert_eq!(inferred.primary.message, "读作 9 1 0 0 0 1 11");
    assert_eq!(inferred.secondary[0].message, "读作 8 1 0 0 0 1 10");
    // The issue's own example: with seven columns and 总计 = the six, one reading.
    let example = run_together_with("一、本年新收政府信息公开申请数量", "200 000121");
    let doc_rules: Vec<String> = check(&example).into_iter().map(|d| d.rule).collect();
    assert!(doc_rules.contains(&"table-split-inferred".to_string()), "{doc_rules:?}");
    let d = check(&example);
    let inferred = d.iter().find(|d| d.rule == "table-split-inferred").unwrap();
    assert_eq!(inferred.primary.message, "读作 20 0 0 0 0 1 21");
    // Once read, the row is checked like any other: 20 + 1 carried ≠ 8 + 2 in natural.
    assert!(doc_rules.iter().any(|r| r == "applications-balance"), "{doc_rules:?}");
}

#[test]
fn cells_every_split_agrees_on_are_checked() {
    // `110000011`: 11|0 or 1|10 for 自然人 and 商业企业; both end 0 0 0 0 11.
    let page = |said: &str| {
        run_together_with("一、本年新收政府信息公开申请数量", "110000011").replacen(
            "一、总体情况",
            &format!("一、总体情况全年共收到政府信息公开申请{said}件。"),
            1,
        )
    };
    let d = check(&page("11"));
    let unsplit = d
        .iter()
        .find(|d| d.rule == "table-rows-unsplit" && d.message.contains("表三"))
        .unwrap();
    assert!(
        unsplit
            .notes
            .iter()
            .any(|n| n.contains("各种拆法一致的") && n.contains("总计 11 仍参与检查")),
        "{:?}",
        unsplit.notes
    );
    assert!(
        !d.iter().any(|d| d.rule.starts_with("prose-")),
        "11 is the total either way"
    );
    let d = check(&page("12"));
    let prose: Vec<&str> = d
        .iter()
        .filter(|d| d.rule.starts_with("prose-"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(prose, ["正文所述新收申请件数与表三不一致：12 ≠ 11"]);
}

#[test]
fn a_row_that_balances_in_no_split_is_an_error_with_the_closest_splits() {
    // 9 1 0 0 0 1 12: the total is one too many, however the digits are cut.
    let text = run_together_with("一、本年新收政府信息公开申请数量", "910001 12");
    let d = check(&text);
    let found: Vec<&str> = d.iter().map(|d| d.rule.as_str()).collect();
    assert!(found.contains(&"row-digits-unbalanced"), "{found:?}");
    let bad = d.iter().find(|d| d.rule == "row-digits-unbalanced").unwrap();
    assert!(
        bad.message.contains("“一、本年新收政府…”的数字 910001 12"),
        "{}",
        bad.message
    );
    assert!(
        bad.notes
            .iter()
            .any(|n| n.starts_with("最接近的拆法：9 1 0 0 0 1 12（相差 1）")),
        "{:?}",
        bad.notes
    );
    // Not also reported as unsplit.
    assert!(
        !d.iter()
            .any(|d| d.rule == "table-rows-unsplit" && d.message.contains("表三"))
    );
}

#[test]
fn a_document_spends_a_bounded_number_of_readings() {
    // Nineteen digits in seven cells: 18,564 readings, none balanced, about
    // 15,000 steps of the search. A page may take two steps a byte.
    let digits = "1234567891234567891";
    let unbalanced = |text: &str| -> Vec<String> {
        check(text)
            .into_iter()
            .filter(|d| d.rule == "row-digits-unbalanced")
            .map(|d| d.message)
            .collect()
    };
    let untried = |text: &str| -> Vec<String> {
        check(text)
            .into_iter()
            .filter(|d| d.rule == "table-rows-unsplit" && d.message.contains("表三"))
            .flat_map(|d| d.notes)
            .filter(|n| n.contains("的拆法太多，未逐一尝试"))
            .collect()
    };
    // The 4.5 KB page: the row is left untried, and says so.
    let one = run_together_with("一、本年新收政府信息公开申请数量", digits);
    assert_eq!(unbalanced(&one), Vec::<String>::new());
    assert_eq!(untried(&one), ["“一、本年新收政府…”的拆法太多，未逐一尝试"]);
    // Twice as long: the row is read (no split balances); a second such row
    // finds the page's steps spent.
    let padding = "本机关持续推进政务公开。".repeat(150);
    let two = format!(
        "{}\n{padding}",
        one.replacen("（一）予以公开3100004", &format!("（一）予以公开{digits}"), 1)
    );
    let found = unbalanced(&two);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("一、本年新收"), "{found:?}");
    assert_eq!(untried(&two), ["“（一）予以公开”的拆法太多，未逐一尝试"]);
    // Four times as long again: both are read.
    let long = format!("{two}{}", padding.repeat(4));
    assert_eq!(unbalanced(&long).len(), 2);
    assert_eq!(untried(&long), Vec::<String>::new());
}

#[test]
fn a_table_unreadable_only_for_digits_run_together_is_read_once_they_are_split() {
    // Table 四's one row as 17 digits for 15 columns: 1 1 0 0 2 | 10 0 0 2 12 | 0 0 0 0 0,
    // the one reading where each group's parts add up to its 总计.
    let header_end = "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计";
    let text = run_together_with(header_end, "11002100021200000");
    let d = check(&text);
    let inferred: Vec<&str> = d
        .iter()
        .filter(|d| d.rule == "table-split-inferred")
        .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
        .map(|l| l.message.as_str())
        .collect();
    assert!(
        inferred.contains(&"读作 1 1 0 0 2 10 0 0 2 12 0 0 0 0 0"),
        "{inferred:?}"
    );
    assert!(!d.iter().any(|d| d.rule == "table-unreadable"), "table 四 is read");
    // One digit changed: no reading balances, and that is said, not hidden as unreadable.
    let wrong = run_together_with(header_end, "11002100021300000");
    let d = check(&wrong);
    let bad = d
        .iter()
        .find(|d| d.rule == "row-digits-unbalanced")
        .expect("the row balances in no split");
    assert!(bad.message.starts_with("表四"), "{}", bad.message);
    assert!(!d.iter().any(|d| d.rule == "table-unreadable"));
}

#[test]
fn line_endings_do_not_change_the_reading() {
    let lf = fixture("layouts/tab-rows-2020.txt");
    let reference = document(&lf);
    for text in [lf.replace('\n', "\r\n"), lf.replace('\n', "\r")] {
        let doc = document(&text);
        for row in ["new", "carried", "total", "carried_next", "withheld.process"] {
            assert_eq!(
                row_values(&doc, "applications", row),
                row_values(&reference, "applications", row),
                "{row}"
            );
        }
    }
}

#[test]
fn a_blank_cell_in_a_space_aligned_table_is_blank_at_its_column() {
    // pdftotext -layout text: the number under 商业企业 deleted, its spaces kept.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let row = "一、本年新收政府信息公开申请数量                            42     6     1";
    assert!(text.contains(row));
    let blanked = text.replacen(
        row,
        "一、本年新收政府信息公开申请数量                            42           1",
        1,
    );
    let d = check(&blanked);
    let found = findings(&blanked, &d);
    assert_eq!(found, ["cell-empty@83"], "a blank, not a short row");
    let empty = &d[0];
    assert!(empty.message.ends_with("有空白单元格：商业企业"), "{}", empty.message);
    // Where the column is: under the 6 it replaced.
    let at = blanked.lines().nth(82).unwrap();
    let column = blanked[..empty.primary.span.start]
        .rsplit('\n')
        .next()
        .unwrap()
        .chars()
        .count();
    assert_eq!(column, at.find("42").map(|b| at[..b].chars().count()).unwrap() + 7);
    // Digits run together with single spaces are still not taken for blanks.
    let flat = fixture("layouts/run-together-2021.txt");
    assert!(check(&flat).iter().any(|d| d.rule == "table-split-inferred"));
}

#[test]
fn a_placeholder_in_a_space_aligned_table_holds_its_column() {
    // pdftotext -layout text: `-`, `/`, `—` or `无` written under 商业企业, the
    // first cell or the last: a placeholder there, not a blank or a short row.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let row = "一、本年新收政府信息公开申请数量                            42     6     1";
    assert!(text.contains(row));
    for mark in ["-", "/", "—", "无"] {
        let marked = text.replacen(
            row,
            &format!("一、本年新收政府信息公开申请数量                            42     {mark}     1"),
            1,
        );
        let d = check(&marked);
        let found: Vec<String> = findings(&marked, &d)
            .into_iter()
            .filter(|f| f.starts_with("cell-") || f.starts_with("table-row-shape"))
            .collect();
        assert_eq!(found, ["cell-placeholder@83"], "{mark}");
        let held = d.iter().find(|d| d.rule == "cell-placeholder").unwrap();
        assert!(held.message.ends_with("：商业企业"), "{}", held.message);
    }
    let first = text.replacen(
        row,
        "一、本年新收政府信息公开申请数量                            -     6     1",
        1,
    );
    let found = findings(&first, &check(&first));
    assert!(found.contains(&"cell-placeholder@83".to_string()), "{found:?}");
}

/// The number-order fixture's table 三 rebuilt: its labels, then its 175
/// numbers as `order` lays them out (rows: row by row; columns: column by column).
fn number_order_with(numbers: impl Fn(&[Vec<String>]) -> Vec<String>) -> String {
    let text = fixture("layouts/number-order-2021.txt");
    let start = text.find("- 5 -\n").unwrap() + "- 5 -\n".len();
    let end = start + text[start..].find("\n\n").unwrap();
    let flat: Vec<String> = text[start..end].lines().map(str::to_string).collect();
    assert_eq!(flat.len(), 175);
    let rows: Vec<Vec<String>> = flat.chunks(7).map(<[String]>::to_vec).collect();
    format!("{}{}{}", &text[..start], numbers(&rows).join("\n"), &text[end..])
}

fn fired(text: &str) -> Vec<(String, usize)> {
    check(text)
        .into_iter()
        .map(|d| (d.rule, line_of(text, d.primary.span.start)))
        .collect()
}

#[test]
fn numbers_apart_from_their_labels_are_placed_row_by_row() {
    let text = fixture("layouts/number-order-2021.txt");
    // Placed, said once, and the one wrong total found on its own line.
    assert_eq!(
        fired(&text),
        [
            ("table-numbers-placed".to_string(), 118),
            ("applications-row-total".to_string(), 208)
        ]
    );
    let doc = document_read(&text);
    let t = table(&doc, "applications");
    let placed = t.placed.expect("placed");
    assert_eq!((placed.numbers, placed.rows, placed.by_column), (175, 25, false));
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["17", "3", "1", "1", "0", "1", "23"])
    );
    assert_eq!(
        values(&doc, "applications", "unavailable.not_held"),
        v(&["3", "1", "0", "0", "0", "0", "5"])
    );
    let d = check(&text);
    let placed = d.iter().find(|d| d.rule == "table-numbers-placed").unwrap();
    assert_eq!(
        placed.message,
        "表三的数值与行标签分开排列，已逐行放入 25 行 × 7 列后检查"
    );
}

#[test]
fn numbers_given_column_by_column_are_placed_so() {
    let text = number_order_with(|rows| (0..7).flat_map(|c| rows.iter().map(move |r| r[c].clone())).collect());
    let d = check(&text);
    let placed = d.iter().find(|d| d.rule == "table-numbers-placed").expect("placed");
    assert!(placed.message.contains("已逐列放入"), "{}", placed.message);
    let doc = document_read(&text);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["17", "3", "1", "1", "0", "1", "23"])
    );
    assert!(d.iter().any(|d| d.rule == "applications-row-total"));
}

#[test]
fn numbers_are_not_placed_when_their_count_differs_or_no_order_fits() {
    // One number fewer: the count no longer fits, nothing is placed or summed.
    let short = number_order_with(|rows| rows.iter().flatten().skip(1).cloned().collect());
    let d = check(&short);
    assert!(!d.iter().any(|d| d.rule == "table-numbers-placed"));
    assert!(!d.iter().any(|d| d.kind == "sum"), "{:?}", fired(&short));
    // Rows out of order: neither order satisfies the relations; not guessed.
    let shuffled = number_order_with(|rows| {
        let mut rows = rows.to_vec();
        rows.swap(0, 3);
        rows.swap(5, 14);
        rows.concat()
    });
    let d = check(&shuffled);
    assert!(
        !d.iter().any(|d| d.rule == "table-numbers-placed"),
        "{:?}",
        fired(&shuffled)
    );
    assert!(!d.iter().any(|d| d.kind == "sum"), "{:?}", fired(&shuffled));
}

#[test]
fn numbers_under_a_moved_label_are_placed_by_order() {
    // As a PDF read without its layout gives it: each label followed by its
    // numbers, but （一）and （二）'s labels printed after （三）'s first rows,
    // so their numbers fall under 二.
    let text = fixture("layouts/number-order-2021.txt");
    let doc = document_read(&text);
    let config = config();
    let t = table(&doc, "applications");
    let schema = &config.format.tables[t.schema].blocks[0];
    let mut lines: Vec<String> = Vec::new();
    let mut moved: Vec<String> = Vec::new();
    for (r, row) in schema.rows.iter().enumerate() {
        let label = row.label.official.clone();
        if row.group {
            lines.push(label);
            continue;
        }
        if matches!(row.key.as_str(), "granted" | "partial") {
            moved.push(label);
        } else {
            lines.push(label);
        }
        let found = t.blocks[0].rows.iter().find(|x| x.index == r).unwrap();
        lines.extend(found.cells.iter().map(|c| text[c.span.range()].to_string()));
        if row.key == "withheld.safety" {
            lines.append(&mut moved);
        }
    }
    let start = text.find("（本列数据的勾稽关系").unwrap();
    let end = text.find("\n\n四、政府信息公开行政复议").unwrap();
    let rebuilt = format!(
        "{}（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n{}{}",
        &text[..start],
        lines.join("\n"),
        &text[end..]
    );
    let found = fired(&rebuilt);
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["table-numbers-placed", "applications-row-total"], "{found:?}");
    let doc = document_read(&rebuilt);
    assert_eq!(
        values(&doc, "applications", "granted"),
        values(&document_read(&text), "applications", "granted")
    );
}

/// Table 四 printed as three small tables, each under its group's title, as
/// Markdown, as tab rows and one cell per line: one row of 15 numbers, and
/// the wrong 总计 of the last group found on its line.
#[test]
fn table_four_as_three_small_tables_under_their_group_titles() {
    let markdown = fixture("layouts/appeals-split-2022.md");
    let mut tabs = String::new();
    let mut lines = String::new();
    let mut in_four = false;
    for line in markdown.lines() {
        in_four = (in_four || line.contains("四、政府信息公开")) && !line.contains("五、存在");
        if line.starts_with("|---") {
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let cells: Vec<&str> = line
            .strip_prefix('|')
            .and_then(|l| l.strip_suffix('|'))
            .map(|l| l.split('|').map(str::trim).collect())
            .unwrap_or_else(|| vec![line]);
        tabs.push_str(&cells.join("\t"));
        tabs.push('\n');
        lines.push_str(&if in_four { cells.join("\n") } else { cells.join("\t") });
        lines.push('\n');
    }
    let want = v(&[
        "3", "1", "1", "0", "5", "1", "0", "1", "1", "3", "2", "0", "0", "0", "3",
    ]);
    for (name, text) in [("markdown", &markdown), ("tab rows", &tabs), ("lines", &lines)] {
        let doc = document(text);
        assert_eq!(values(&doc, "appeals", "cases"), want, "{name}");
        let found = findings(text, &check(text));
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert!(found[0].starts_with("appeals-group-total@"), "{name}: {found:?}");
        let line = text
            .lines()
            .position(|l| l.contains("2 | 0 | 0 | 0 | 3") || l == "2\t0\t0\t0\t3")
            .map(|i| i + 1);
        if name != "lines" {
            assert_eq!(found[0], format!("appeals-group-total@{}", line.unwrap()), "{name}");
        }
    }
    assert_eq!(findings_of(&markdown, &["appeals-"]), ["appeals-group-total@96"]);
}

/// The first cell of a group's row left blank (`|  | 0 | 1 | 1 | 3 |`) is
/// that group's first cell, found empty; the row is still read whole.
#[test]
fn a_blank_first_in_a_group_of_table_four_is_an_empty_cell() {
    let markdown = fixture("layouts/appeals-split-2022.md").replace("| 1 | 0 | 1 | 1 | 3 |", "|  | 0 | 1 | 1 | 3 |");
    let tabs: String = markdown
        .lines()
        .filter(|l| !l.starts_with("|---"))
        .map(|l| match l.strip_prefix('|').and_then(|l| l.strip_suffix('|')) {
            Some(cells) => cells.split('|').map(str::trim).collect::<Vec<_>>().join("\t") + "\n",
            None => format!("{l}\n"),
        })
        .collect();
    for (name, text) in [("markdown", &markdown), ("tab rows", &tabs)] {
        let doc = document(text);
        assert_eq!(
            values(&doc, "appeals", "cases"),
            v(&[
                "3", "1", "1", "0", "5", "_", "0", "1", "1", "3", "2", "0", "0", "0", "3"
            ]),
            "{name}"
        );
        let line = text
            .lines()
            .position(|l| l.ends_with("0 | 1 | 1 | 3 |") || l == "\t0\t1\t1\t3")
            .unwrap()
            + 1;
        let found = findings_of(text, &["cell-empty", "appeals-", "table-"]);
        assert!(found.contains(&format!("cell-empty@{line}")), "{name}: {found:?}");
        assert!(
            !found.iter().any(|f| f.starts_with("table-unreadable")),
            "{name}: {found:?}"
        );
    }
}

/// Fewer digits than cells in text run together: a cell was left blank, so
/// no reading fills the row. Said as a run too short for its cells (an
/// error, like a blank cell), not as a table that could not be read, nor as a
/// row that no split balances (no split exists).
#[test]
fn a_run_shorter_than_its_row_is_a_blank_not_an_unreadable_table() {
    let text = fixture("layouts/run-together-2021.txt");
    let four = text.replace(
        "其他结果尚未审结总计110021001210001",
        "其他结果尚未审结总计11002100121001",
    );
    assert_ne!(four, text);
    let d = check(&four);
    let short = d
        .iter()
        .find(|d| d.rule == "row-digits-short")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert!(short.message.contains("11002100121001"), "{}", short.message);
    assert!(
        short.message.contains("只有 14 位，少于 15 个单元格"),
        "{}",
        short.message
    );
    assert!(
        !d.iter()
            .any(|d| d.rule == "table-unreadable" || d.rule == "row-digits-unbalanced"),
        "{d:?}"
    );
    // A row of table 三 the same: one error, not a row of the wrong shape.
    let three = run_together_with("一、本年新收政府信息公开申请数量", "20012");
    let rules = rules_above_info(&three);
    assert_eq!(rules, ["row-digits-short"]);
}

#[test]
fn a_blank_left_out_of_a_run_is_one_finding_not_a_shift() {
    // 新收's 9 left blank: `1000111` has one digit per cell, but every digit
    // after the blank sits one column early. The row is said not to balance,
    // once, instead of breaking every column's balance.
    let text = run_together_with("一、本年新收政府信息公开申请数量", "1000111");
    let rules: Vec<String> = check(&text).into_iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        ["table-rows-unsplit", "row-digits-unbalanced", "table-split-inferred"]
    );
    let d = check(&text)
        .into_iter()
        .find(|d| d.rule == "row-digits-unbalanced")
        .unwrap();
    assert!(d.notes.iter().any(|n| n.contains("1 0 0 0 1 1 1")), "{:?}", d.notes);
    // One wrong digit in a row of single digits breaks its own column only: the
    // total cell is still blamed, as in any row (上年结转 1000001 → 1000002).
    let text = run_together_with("二、上年结转政府信息公开申请数量", "1000002");
    let rules: Vec<String> = check(&text)
        .into_iter()
        .map(|d| d.rule)
        .filter(|r| r.starts_with("applications-") || r.starts_with("row-"))
        .collect();
    assert_eq!(rules, ["applications-row-total"]);
}

#[test]
fn table_two_of_the_2019_edition_run_together_is_left_unsplit_without_last_years_report() {
    // The 2020 tab-rows report scraped into one line, table 二's counts one
    // digit each but 行政许可's. Its only equality is with last year's report
    // (上一年项目数量 = last year's 上一年项目数量 + 本年增/减): without that
    // report nothing can tell the split, so the row is said unchecked, not
    // wrong however split.
    let mut flat = fixture("layouts/tab-rows-2020.txt").replace(['\t', '\n'], "");
    for (from, to) in [
        ("规范性文件3317", "规范性文件337"),
        ("行政许可12+2286", "行政许可122286"),
        ("事项5-173", "事项513"),
        ("行政处罚9+314", "行政处罚934"),
        ("行政强制2-13", "行政强制213"),
        ("行政事业性收费3-2", "行政事业性收费32"),
    ] {
        assert!(flat.contains(from), "{from}");
        flat = flat.replacen(from, to, 1);
    }
    // What `table-rows-unsplit` says of table 二.
    let unsplit = |found: &[nianbao::Diagnostic]| -> String {
        found
            .iter()
            .find(|d| d.rule == "table-rows-unsplit" && d.message.contains("表二"))
            .expect("table 二's runs are said unchecked")
            .message
            .clone()
    };
    let found = check(&flat);
    assert!(!found.iter().any(|d| d.rule == "row-digits-unbalanced"), "{found:?}");
    let message = unsplit(&found);
    assert!(message.contains("：行政许可"), "{message}");

    // A sign glued between two cells (`20+1737`: 20, +17, 37) and an amount's
    // unit after the last (`61285000元`: 6 projects, 1,285,000 元) run cells
    // together too: not checked, said once, not a row short of cells.
    let signed = flat.replacen("行政许可122286", "行政许可20+1737", 1);
    assert!(signed.contains("政府集中采购61285000元"));
    let found = check(&signed);
    assert!(!found.iter().any(|d| d.rule == "table-row-shape"), "{found:?}");
    let message = unsplit(&found);
    assert!(message.ends_with("行政许可、政府集中采购"), "{message}");
    // So does an amount with decimals (`3922533.2元`: 3 projects, 922533.2 元);
    // decimals without a unit are no amount (`00000004.0`), a row short of cells.
    let decimals = signed.replacen("政府集中采购61285000元", "政府集中采购3922533.2元", 1);
    let found = check(&decimals);
    assert!(!found.iter().any(|d| d.rule == "table-row-shape"), "{found:?}");
    assert!(unsplit(&found).ends_with("行政许可、政府集中采购"));
    let unitless = signed.replacen("政府集中采购61285000元", "政府集中采购3922533.2", 1);
    assert!(check(&unitless).iter().any(|d| d.rule == "table-row-shape"));
    // In a page run together, a space before it is no sign that the count was
    // left blank (an empty cell's `&nbsp;`, or none): the digits are still run
    // together, not checked.
    for apart in ["政府集中采购 4838518699.09元", "政府集中采购  152.2万元"] {
        let found = check(&signed.replacen("政府集中采购61285000元", apart, 1));
        assert!(!found.iter().any(|d| d.rule == "table-row-shape"), "{apart}: {found:?}");
        assert!(unsplit(&found).ends_with("行政许可、政府集中采购"), "{apart}");
    }
    // Set apart from the words between tabs, such an amount is one cell, its
    // count blank.
    let tabs = fixture("layouts/tab-rows-2020.txt");
    assert!(tabs.contains("政府集中采购\t6\t1285000元"));
    for apart in ["政府集中采购\t152.2万元", "政府集中采购\t\t152.2万元"] {
        let found = check(&tabs.replacen("政府集中采购\t6\t1285000元", apart, 1));
        assert!(
            found
                .iter()
                .any(|d| d.rule == "table-row-shape" || d.rule == "cell-empty"),
            "{apart}: {found:?}"
        );
    }
}

#[test]
fn a_run_with_a_single_reading_is_read_so_without_relations() {
    // Table 二 has no equality to choose a split by, but no number starts
    // with 0: `0027` for three cells can only be 0, 0, 27, and `4000` only
    // 40, 0, 0. Such a row is read, silently, as one digit per cell is.
    let text = fixture("layouts/run-together-2021.txt");
    assert!(text.contains("行政规范性文件4227"));
    let rules = |digits: &str| -> Vec<String> {
        check(&text.replacen("行政规范性文件4227", &format!("行政规范性文件{digits}"), 1))
            .into_iter()
            .map(|d| d.rule)
            .collect()
    };
    // Three readings (4|2|27, 4|22|7, 42|2|7): not checked, said once.
    assert_eq!(rules("4227"), ["table-rows-unsplit", "table-split-inferred"]);
    assert_eq!(rules("0027"), ["table-split-inferred"]);
    // Read, so checked: 现行有效 0 is fewer than the 40 issued.
    assert_eq!(
        rules("4000"),
        ["disclosure-in-force-below-issued", "table-split-inferred"]
    );
}

#[test]
fn edits_that_keep_the_meaning_change_no_finding() {
    // What a person reads the same: other line endings, digits in full width,
    // a byte-order mark, spaces at line ends, a full-width indent. Each
    // fixture keeps its findings (rule and line) under each edit.
    let full_width = |t: &str| -> String { t.chars().map(nianbao::label::to_fullwidth_digit).collect() };
    type Edit<'e> = (&'e str, &'e dyn Fn(&str) -> String);
    let edits: [Edit; 6] = [
        ("CRLF", &|t| t.replace('\n', "\r\n")),
        ("bare CR", &|t| t.replace('\n', "\r")),
        ("full-width digits", &full_width),
        ("BOM", &|t| format!("\u{feff}{t}")),
        ("trailing spaces", &|t| t.replace('\n', "  \n")),
        // A paragraph's indent; tab-led cells and blank lines stay as they are.
        ("full-width indent", &|t| {
            t.lines()
                .map(|l| match l.starts_with(char::is_whitespace) || l.is_empty() {
                    true => format!("{l}\n"),
                    false => format!("\u{3000}\u{3000}{l}\n"),
                })
                .collect()
        }),
    ];
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(fixture_path("")).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        let text_file = path.extension().is_some_and(|e| e == "txt" || e == "md");
        let Some(text) = std::fs::read_to_string(&path).ok().filter(|_| text_file) else {
            continue;
        };
        let text = text.replace("\r\n", "\n");
        let mut before = findings(&text, &check(&text));
        before.sort();
        for (name, edit) in &edits {
            let edited = edit(&text);
            let mut after = findings(&edited, &check(&edited));
            after.sort();
            assert_eq!(after, before, "{} with {name}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked} fixtures");
}

#[test]
fn full_width_digits_in_the_text_are_read_as_numbers_and_years() {
    // A title without its year, so the year is the period's; the period, the
    // prose's count of new applications and the signature's date all in
    // full-width digits, the last two with a slip an editor could make; a
    // numbered breakdown of a count whose parts do not add up.
    let text = fixture("sections/clean-2021.txt")
        .replacen("示例市生态环境局2021年", "示例市生态环境局", 1)
        .replace(
            "2021年1月1日至2021年12月31日",
            "２０２１年１月１日至２０２１年１２月３１日",
        )
        .replace("全年新收政府信息公开申请54件", "全年新收政府信息公开申请５５件")
        .replace("2022年1月24日", "２０２１年１月２４日")
        .replace(
            "全年主动公开政府信息652条，其中环境质量信息365条，建设项目环评审批信息58条，环境执法信息86条，工作动态143条",
            "全年主动公开政府信息６５２条，其中：１．环境质量信息３６５条；２．建设项目环评审批信息５８条；３．其他信息２３０条",
        );
    let found = findings(&text, &check(&text));
    for rule in [
        "prose-applications-new",
        "signature-date-in-report-year",
        "prose-breakdown",
    ] {
        assert!(found.iter().any(|f| f.starts_with(rule)), "{rule}: {found:?}");
    }
    assert!(
        !found.iter().any(|f| f.starts_with("year-")),
        "the period gives the year: {found:?}"
    );
}

#[test]
fn zero_width_characters_inside_table_numbers_are_not_seen() {
    // Text copied from a web page keeps the zero-width spaces a CMS put inside
    // numbers (`1\u{200b}3`); a reader sees 13, and so must the tables.
    let zero_width = regex::Regex::new(r"(\d)(\d)").unwrap();
    for name in ["layouts/tab-rows-2020.txt", "sections/clean-2021.txt"] {
        let text = fixture(name);
        let mut before = findings(&text, &check(&text));
        before.sort();
        let edited: String = text
            .lines()
            .map(|l| match l.contains('\t') {
                true => format!("{}\n", zero_width.replace_all(l, "$1\u{200b}$2")),
                false => format!("{l}\n"),
            })
            .collect();
        assert!(edited.contains("\u{200b}"));
        let mut after = findings(&edited, &check(&edited));
        after.sort();
        assert_eq!(after, before, "{name}");
    }
}

#[test]
fn a_sentence_run_into_the_last_row_is_not_its_cells() {
    // Scraped pages run the text after a table into its last row: the year
    // opening the sentence is not digits of the row (`20000022021年`), and the
    // sentence's own numbers (11件) are not its cells. So for the fee row of 表二
    // (`行政事业性收费12.52021年`: 12.5, not 12.52021).
    let text = fixture("layouts/run-together-2021.txt");
    let last = "结转下年度继续办理2000002 ";
    let fee = "行政事业性收费12.5";
    assert!(text.contains(last) && text.contains(fee));
    let run_on = text
        .replacen(
            last,
            "结转下年度继续办理20000022021年，我局共收到政府信息公开申请11件。",
            1,
        )
        .replacen(fee, "行政事业性收费12.52021年，我局持续做好政务公开工作。", 1);
    let rules: Vec<String> = check(&run_on).into_iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["table-rows-unsplit", "table-split-inferred"]);
    let doc = document(&run_on);
    assert_eq!(
        values(&doc, "applications", "carried_next"),
        v(&["2", "0", "0", "0", "0", "0", "2"])
    );
    assert_eq!(values(&doc, "disclosure", "fees"), v(&["12.5"]));
    // The sentence is the text's: its count is compared with table 三.
    let wrong = run_on.replacen("申请11件", "申请12件", 1);
    let rules: Vec<String> = check(&wrong).into_iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"prose-applications-new".to_string()), "{rules:?}");
}

#[test]
fn a_misspelt_label_keeps_its_item_number() {
    // `00000007.属于行政执法案件` (案件 for 案卷): no label reads the words
    // exactly, yet `7.` numbers them; the row before keeps its seven digits.
    let text = fixture("layouts/run-together-2021.txt").replacen("7.属于行政执法案卷", "7.属于行政执法案件", 1);
    assert!(text.contains("7.属于行政执法案件"));
    let rules: Vec<String> = check(&text).into_iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        ["table-rows-unsplit", "table-split-inferred", "table-label-wording"]
    );
    let doc = document(&text);
    assert_eq!(values(&doc, "applications", "withheld.process"), v(&["0"; 7]));
}

#[test]
fn a_page_footer_with_blank_lines_of_its_own_adds_no_cells() {
    // One-cell-per-line text copied without form feeds: a page's footer comes
    // with the page's own blank lines, which are no blank cells of the row.
    let text = fixture("layouts/blank-rhythm-2022.txt");
    let row = format!("8.属于行政查询事项{}\r\r\r\r\r（四）", "\r\r\r0".repeat(7));
    assert!(text.contains(&row));
    let rules = |t: &str| -> Vec<String> { check(t).into_iter().map(|d| d.rule).collect() };
    for footer in ["\r\r\r\r\r\r— 3 —\r\r\r（四）", "\r\r\r— 3 —\r\r\r\r\r（四）"] {
        let paged = text.replacen(&row, &row.replace("\r\r\r\r\r（四）", footer), 1);
        assert_ne!(paged, text);
        assert_eq!(rules(&paged), rules(&text), "{footer:?}");
        assert_eq!(
            values(&document(&paged), "applications", "withheld.query"),
            v(&["0"; 7])
        );
    }
}

#[test]
fn a_number_not_filled_in_holds_its_cell_among_digits_run_together() {
    // `11XX021001210001`: table 四's fifteen cells, one an `XX` left from the
    // draft; read one digit a cell around it, the `XX` is its column's.
    let text = fixture("layouts/run-together-2021.txt");
    let row = "总计110021001210001五、";
    assert!(text.contains(row), "fixture has table 四's row");
    for (unfilled, column) in [("XX", "行政复议·其他结果"), ("××", "行政复议·其他结果")] {
        let drafted = text.replacen(row, &format!("总计11{unfilled}021001210001五、"), 1);
        let found = check(&drafted);
        assert!(!found.iter().any(|d| d.rule == "table-unreadable"), "{found:?}");
        let d = found.iter().find(|d| d.rule == "cell-not-number").expect("the XX said");
        assert!(d.message.contains(column), "{}", d.message);
        assert_eq!(&drafted[d.primary.span.range()], unfilled);
    }
    // One digit too few beside it: no reading, not split.
    let short = text.replacen(row, "总计11XX02100121000五、", 1);
    assert!(!check(&short).iter().any(|d| d.rule == "cell-not-number"));
}

#[test]
fn headings_run_into_a_table_page_are_found_after_any_cell() {
    let text = fixture("layouts/run-together-2021.txt");
    let sections = |t: &str| findings_of(t, &["section-"]);
    // Table 二's last cell no number (`无`, `x`, `/`): the title after it is still 三's.
    for cell in ["无", "x", "/"] {
        let edited = text.replacen("行政事业性收费12.5三、", &format!("行政事业性收费{cell}三、"), 1);
        assert_ne!(edited, text);
        assert_eq!(sections(&edited), Vec::<String>::new(), "{cell}");
    }
    // Section 三's body deleted, its heading kept: 四 right after it (worded
    // with 与, no exact title) is found, and 三 has no table.
    let start = text.find("三、收到和处理政府信息公开申请情况").unwrap() + "三、收到和处理政府信息公开申请情况".len();
    let end = text.find("四、政府信息公开行政复议").unwrap();
    let emptied =
        format!("{}{}", &text[..start], &text[end..]).replacen("行政复议、行政诉讼情况", "行政复议与行政诉讼情况", 1);
    assert_eq!(sections(&emptied), Vec::<String>::new());
    assert!(
        findings_of(&emptied, &["table-missing"]).len() == 1,
        "{:?}",
        findings_of(&emptied, &["table-"])
    );
    // Section 三 written twice: 四 (worded with 与) after the second table's last
    // digits, inside one run of text, is still found.
    let begin = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let part = text[begin..end].trim_end_matches(' ');
    let twice = format!("{}{part}{part}{}", &text[..begin], &text[end..]).replacen(
        "行政复议、行政诉讼情况",
        "行政复议与行政诉讼情况",
        1,
    );
    assert!(
        !sections(&twice).iter().any(|f| f.starts_with("section-missing")),
        "{:?}",
        sections(&twice)
    );
}

#[test]
fn a_short_label_right_after_the_header_stands_alone() {
    // `现行有效件数规章x13`: 规章 follows the header's last title with no space;
    // its cell that is no number is said so, the row not called missing.
    let text = fixture("layouts/run-together-2021.txt").replacen("现行有效件数规章 013", "现行有效件数规章x13", 1);
    assert!(text.contains("规章x13"));
    let found = findings_of(&text, &["table-row-missing", "cell-not-number"]);
    assert_eq!(found, ["cell-not-number@3"], "{found:?}");
}

#[test]
fn a_sign_or_a_decimal_in_digits_run_together_is_said_though_the_row_is_not_split() {
    // Table 三's cells are all counts: `-1` or `1.5` inside a row's run is wrong
    // in whichever column it stands.
    let negative = run_together_with("二、上年结转政府信息公开申请数量", "1000-101 10");
    assert_eq!(findings_of(&negative, &["cell-negative"]), ["cell-negative@3"]);
    // Only glued to the run's digits: a date, a span of years or a note's figure after words is no cell.
    for fine in [
        "1000 1.501 10",
        "1000001（截至2020.12.31）",
        "1000001（2020-2021）",
        "1000001 2022-01-20更新",
    ] {
        let text = run_together_with("二、上年结转政府信息公开申请数量", fine);
        assert_eq!(
            findings_of(&text, &["cell-negative", "cell-not-integer"]),
            Vec::<String>::new(),
            "{fine}"
        );
    }
    let found = check(&negative)
        .into_iter()
        .find(|d| d.rule == "cell-negative")
        .unwrap();
    assert_eq!(&negative[found.primary.span.start..found.primary.span.end], "-101");
    // Table 四's one row so made unreadable: said all the same.
    let text = fixture("layouts/run-together-2021.txt");
    for (digits, rule) in [
        ("1100210012-10001", "cell-negative"),
        ("11002100121.5001", "cell-not-integer"),
    ] {
        let edited = text.replacen("110021001210001五、", &format!("{digits}五、"), 1);
        assert_ne!(edited, text);
        assert_eq!(findings_of(&edited, &[rule]), [format!("{rule}@3")], "{digits}");
    }
}

#[test]
fn a_count_unit_glued_into_digits_run_together_ends_a_number() {
    // `0000012件0`: 件 ends the number 12; the digits around it are cells
    // run together like the others, split by the row's relations.
    let text = fixture("layouts/run-together-2021.txt");
    let t4 = "总计110021001210001";
    let t3 = "结转下年度继续办理2000002";
    assert!(text.contains(t4) && text.contains(t3));
    for (wrong, row) in [
        (text.replacen(t4, "总计1100210012100012件1", 1), "1100210012100012"),
        (text.replacen(t3, "结转下年度继续办理2000012件2", 1), "2000012"),
    ] {
        let d = check(&wrong);
        let unbalanced: Vec<_> = d.iter().filter(|d| d.rule == "row-digits-unbalanced").collect();
        assert_eq!(
            unbalanced.len(),
            1,
            "{:?}",
            d.iter().map(|d| &d.rule).collect::<Vec<_>>()
        );
        assert_eq!(&wrong[unbalanced[0].primary.span.range()][..row.len()], row);
        assert!(
            d.iter()
                .all(|d| d.rule != "table-unreadable" && d.rule != "table-row-shape")
        );
    }
    // A whole row's run with its unit after it (`1000001件`): the same digits.
    let last = text.replacen(t3, "结转下年度继续办理2000002件", 1);
    assert!(check(&last).iter().all(|d| d.severity == nianbao::Severity::Info));
    // A count set apart is one number, not digits run together: a sentence's
    // after the table's last row, or one count alone in a row of three.
    let sentence = text.replacen(t3, "结转下年度继续办理2000002本年度共收到申请12件，全部按期答复。", 1);
    assert!(check(&sentence).iter().all(|d| d.rule != "row-digits-unbalanced"));
    let doc = document(&sentence);
    assert_eq!(
        values(&doc, "applications", "carried_next"),
        v(&["2", "0", "0", "0", "0", "0", "2"])
    );
    let alone = text.replacen("现行有效件数规章 013", "现行有效件数规章 156件", 1);
    assert_ne!(alone, text);
    let rules: Vec<String> = check(&alone).into_iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"table-row-shape".to_string()), "{rules:?}");
    assert!(
        !rules
            .iter()
            .any(|r| r.starts_with("disclosure-") || r.starts_with("row-digits")),
        "{rules:?}"
    );
    // Written with its unit where it balances, the count is read as the number.
    let right = text.replacen("总计110021001210001", "总计11002100121000件1", 1);
    let doc = document(&right);
    let cases = values(&doc, "appeals", "cases");
    assert_eq!(cases.len(), 15);
    assert!(check(&right).iter().all(|d| d.severity != nianbao::Severity::Error));
}

#[test]
fn a_negative_count_after_spaces_or_right_after_its_label_is_said_in_an_unsplit_row() {
    // `0 0 -1 00 0 0` and `保护第三方合法权益-1000000`: a minus before a count
    // in table 三, wherever the row's cells fall.
    let label = "二、上年结转政府信息公开申请数量";
    for cells in ["0 0 -1 00 0 0", "-1000000"] {
        let text = run_together_with(label, cells);
        assert!(text.contains(&format!("{label}{cells}三、")));
        let found = check(&text)
            .into_iter()
            .filter(|d| d.rule == "cell-negative")
            .collect::<Vec<_>>();
        assert_eq!(found.len(), 1, "{cells}");
        assert!(text[found[0].primary.span.range()].starts_with("-1"), "{cells}");
    }
    // A decimal after spaces is still no cell of the run (see above).
    let text = run_together_with(label, "1000 1.501 1");
    assert_eq!(findings_of(&text, &["cell-not-integer"]), Vec::<String>::new());
}

#[test]
fn a_placeholder_on_a_line_of_its_own_holds_its_cell_in_a_table_written_one_cell_per_line() {
    // Table 四 of the blank-line fixture, one cell per line: 1 0 0 0 1 | 0 0 1 0 1 | 0 0 0 1 1.
    let text = fixture("layouts/blank-rhythm-2022.txt");
    let at = text.rfind("尚未审结\r\r\r总计\r").unwrap() + "尚未审结\r\r\r总计\r".len();
    let (head, cells) = text.split_at(at);
    let values: Vec<&str> = cells.trim_start_matches('\r').splitn(16, "\r\r\r").collect();
    assert_eq!(
        values[..15],
        [
            "1", "0", "0", "0", "1", "0", "0", "1", "0", "1", "0", "0", "0", "1", "1"
        ]
    );
    let with = |marks: &[(usize, &str)]| {
        let mut v: Vec<String> = values.iter().map(|s| s.to_string()).collect();
        for &(i, mark) in marks {
            v[i] = mark.to_string();
        }
        format!("{head}\r\r\r\r{}", v.join("\r\r\r"))
    };
    // Zeros written `—`, `/`, `无`: the table is read, each said a placeholder,
    // and its sums (the placeholders read as 0) hold.
    let marked = with(&[(1, "—"), (5, "/"), (12, "无")]);
    let rules: Vec<String> = check(&marked).into_iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["cell-placeholder"], "{rules:?}");
    // The first cell too, right under the header (review.upheld, its total 0).
    let first = with(&[(0, "—"), (4, "0")]);
    let rules: Vec<String> = check(&first).into_iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["cell-placeholder"], "{rules:?}");
    // One placeholder where a 1 stands: said, and the sums it takes part in
    // are not checked (one finding for one problem); before, the table was
    // unreadable.
    let wrong = with(&[(7, "—")]);
    let rules: Vec<String> = check(&wrong).into_iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["cell-placeholder"], "{rules:?}");
    let doc = document(&wrong);
    assert_eq!(table(&doc, "appeals").readable, nianbao::model::Readability::Ok);
}

#[test]
fn a_unit_of_the_wrong_kind_for_its_column_is_said() {
    let text = fixture("sections/clean-2021.txt");
    let unit_kind = |t: &str| findings_of(t, &["cell-unit-kind"]);
    assert_eq!(unit_kind(&text), Vec::<String>::new());
    // A count in the fee column (万元), an amount among the licences counted.
    let count_in_amounts = text.replacen("行政事业性收费\t45.2\t", "行政事业性收费\t12件\t", 1);
    let amount_in_counts = text.replacen("行政许可\t318\t", "行政许可\t318元\t", 1);
    assert_eq!(unit_kind(&count_in_amounts), ["cell-unit-kind@34"]);
    assert_eq!(unit_kind(&amount_in_counts), ["cell-unit-kind@27"]);
    // Each kind in its own column: nothing (another amount unit is cell-unit-mismatch's).
    for fine in [
        text.replacen("行政许可\t318\t", "行政许可\t318件\t", 1),
        text.replacen("行政事业性收费\t45.2\t", "行政事业性收费\t452000元\t", 1),
    ] {
        assert_ne!(fine, text);
        assert_eq!(unit_kind(&fine), Vec::<String>::new());
    }
}

#[test]
fn digits_run_together_past_a_numbers_length_are_the_rows_not_a_missing_table() {
    // Table 四's fifteen counts run into 26 digits: too long for one number,
    // still the row's cells; the table is there (said unreadable, not missing).
    let text = fixture("layouts/run-together-2021.txt");
    let long = text.replacen("总计110021001210001", "总计72641783735113481261211620", 1);
    assert_ne!(long, text);
    let rules: Vec<String> = check(&long).into_iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"table-missing".to_string()), "{rules:?}");
    assert!(document(&long).table("appeals").is_some());
}

#[test]
fn rows_out_of_the_formats_order_are_said() {
    // Two rows' labels swapped in table 三 of a page run into one line, and in
    // a tab-separated table.
    let flat = fixture("layouts/run-together-2021.txt");
    let (a, b) = (
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    );
    assert!(flat.contains(a) && flat.contains(b));
    let swapped = flat.replacen(a, "@", 1).replacen(b, a, 1).replacen("@", b, 1);
    let found: Vec<_> = check(&swapped)
        .into_iter()
        .filter(|d| d.rule == "table-row-order")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(swapped[found[0].primary.span.range()].starts_with("（二）部分公开"));
    let tabs = fixture("layouts/tab-rows-2020.txt");
    let rows: Vec<&str> = tabs
        .lines()
        .filter(|l| l.starts_with("行政处罚\t") || l.starts_with("行政强制\t"))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let swapped = tabs
        .replacen(rows[0], "@", 1)
        .replacen(rows[1], rows[0], 1)
        .replacen("@", rows[1], 1);
    assert_eq!(findings_of(&swapped, &["table-row-order"]).len(), 1);
    // In order, nothing; a group's label beside its items (a merged cell) is no row out of place.
    for text in [
        flat,
        tabs,
        fixture("layouts/pdf-layout-2023.txt"),
        fixture("layouts/tab-cells-2021.txt"),
    ] {
        assert_eq!(findings_of(&text, &["table-row-order"]), Vec::<String>::new());
    }
}

/// `clean-2021.txt`'s tables as text copied from a PDF without its layout
/// (pdftotext -raw, a PDF viewer): each row's cells set apart by one space.
fn spaced_with_single_spaces() -> String {
    fixture("sections/clean-2021.txt")
        .lines()
        .map(|line| {
            if line.contains('\t') {
                line.split('\t').filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_short_row_in_a_table_set_apart_by_single_spaces_is_short_not_run_together() {
    let text = spaced_with_single_spaces();
    let row = "一、本年新收政府信息公开申请数量 38 11 1 2 1 1 54";
    assert!(text.contains(row));
    assert_eq!(findings(&text, &check(&text)), Vec::<String>::new());
    // One cell left blank: six numbers for seven columns. Which one is missing
    // cannot be told; `38` and `11` are not digits to split.
    let short = text.replacen(row, "一、本年新收政府信息公开申请数量 38 11 1 2 1 54", 1);
    let d = check(&short);
    assert_eq!(findings(&short, &d), ["table-row-shape@41"]);
    assert!(
        d[0].message.contains("有 6 个数值单元格，应为 7 个"),
        "{}",
        d[0].message
    );
    // A run longer than any cell of the table's full rows is still digits run
    // together, split by the row's relation (3 0 0 0 0 0 3).
    let run = text.replacen(
        "二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3",
        "二、上年结转政府信息公开申请数量 300000 3",
        1,
    );
    assert_ne!(run, text);
    let doc = document_read(&run);
    assert_eq!(
        values(&doc, "applications", "carried"),
        v(&["3", "0", "0", "0", "0", "0", "3"])
    );
}

#[test]
fn a_row_label_wrapped_in_a_narrow_column_does_not_end_the_table() {
    // `三、本年度办理结果` wrapped in its merged cell as `三、本年` / `度办理结` / `果`
    // (a PDF with a narrow label column): `三、本年` is no section heading.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let mut wrapped = text.clone();
    for (from, to) in [
        ("\n度\n", "\n"),
        ("\n办\n", "\n"),
        ("\n理\n", "\n"),
        ("\n果\n", "\n"),
        ("\n结                   8.", "\n                    8."),
        ("\n三、\n", "\n三、本年\n"),
        ("\n本\n", "\n度办理结\n"),
        ("\n年\n", "\n果\n"),
    ] {
        assert!(wrapped.contains(from), "{from:?}");
        wrapped = wrapped.replacen(from, to, 1);
    }
    assert!(check(&text).is_empty());
    assert_eq!(findings(&wrapped, &check(&wrapped)), Vec::<String>::new());
    let doc = document_read(&wrapped);
    assert_eq!(table(&doc, "applications").readable, Readability::Ok);
    assert_eq!(
        values(&doc, "applications", "total"),
        values(&document_read(&text), "applications", "total")
    );
    // A wrong cell below the wrapped label is still found.
    let wrong = wrapped.replacen(
        "4.无正当理由大量反复申请            0",
        "4.无正当理由大量反复申请            1",
        1,
    );
    assert_ne!(wrong, wrapped);
    assert!(check(&wrong).iter().any(|d| d.rule == "applications-row-total"));
}

#[test]
fn a_number_mistyped_with_a_letter_or_a_range_is_one_cell_that_is_no_number() {
    // `4O` (the letter O) in text laid out with spaces, or set apart by single
    // spaces: one cell, not 4 and a stray letter the row balances without.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let row = "一、本年新收政府信息公开申请数量                            42     6     1";
    assert!(text.contains(row));
    // A range (`40-42`) is one cell too, not 40 and a negative 42.
    for typo in ["4O", "l2", "O2", "40-42", "40~42"] {
        let typed = text.replacen(row, &row.replacen("42", typo, 1), 1);
        let d = check(&typed);
        let found: Vec<String> = findings(&typed, &d)
            .into_iter()
            .filter(|f| !f.starts_with("applications-"))
            .collect();
        assert_eq!(found, ["cell-not-number@83"], "{typo}");
        let cell = d.iter().find(|d| d.rule == "cell-not-number").unwrap();
        assert_eq!(&typed[cell.primary.span.range()], typo);
    }
    let spaced = spaced_with_single_spaces();
    let row = "一、本年新收政府信息公开申请数量 38 11 1 2 1 1 54";
    let typed = spaced.replacen(row, "一、本年新收政府信息公开申请数量 38 1O 1 2 1 1 54", 1);
    assert!(check(&typed).iter().any(|d| d.rule == "cell-not-number"));
}

#[test]
fn a_table_on_a_short_line_its_sections_heading_opens_is_read() {
    // A page run into one line but for a line break before each section:
    // `四、……情况行政复议……总计110021001210001` is a line of its own, shorter
    // than the long lines read from their anchor.
    let text = fixture("layouts/run-together-2021.txt");
    let own_lines = text
        .replacen("四、政府信息公开行政复议", "\n四、政府信息公开行政复议", 1)
        .replacen("五、存在的主要问题", "\n五、存在的主要问题", 1);
    let line = own_lines.lines().find(|l| l.starts_with("四、")).unwrap();
    assert!(line.len() < 300, "{}", line.len());
    assert_eq!(rules_above_info(&own_lines), rules_above_info(&text));
    assert!(!rules_above_info(&own_lines).contains(&"table-missing".to_string()));
    let doc = document_read(&own_lines);
    assert_eq!(
        values(&doc, "appeals", "cases"),
        v(&[
            "1", "1", "0", "0", "2", "1", "0", "0", "1", "2", "1", "0", "0", "0", "1"
        ])
    );
}

#[test]
fn rows_swapped_with_their_cells_are_said_in_layouts_without_marked_rows() {
    // One cell per line: the label line and its seven cell lines moved
    // together; PDF text laid out with spaces; cells set apart by one space.
    let cells = fixture("layouts/tab-cells-2021.txt");
    let lines: Vec<&str> = cells.lines().collect();
    let granted = lines.iter().position(|l| l.starts_with("\t（一）予以公开")).unwrap();
    let partial = lines.iter().position(|l| l.starts_with("\t（二）部分公开")).unwrap();
    let mut swapped: Vec<&str> = lines[..granted].to_vec();
    swapped.extend(&lines[partial..partial + 8]);
    swapped.extend(&lines[granted + 8..partial]);
    swapped.extend(&lines[granted..granted + 8]);
    swapped.extend(&lines[partial + 8..]);
    let swapped = swapped.join("\n");
    assert_eq!(
        findings_of(&swapped, &["table-row-order"]).len(),
        1,
        "one cell per line"
    );
    let pdf = fixture("layouts/pdf-layout-2023.txt");
    let (a, b) = (
        "                    1.信访举报投诉类申请              4     0     0     0     0     0      4",
        "                    2.重复申请                   0     0     0     0     0     0      0",
    );
    let swapped = pdf.replacen(a, "@", 1).replacen(b, a, 1).replacen("@", b, 1);
    let found = findings_of(&swapped, &["table-row-order"]);
    assert_eq!(found, ["table-row-order@111"], "PDF text");
    let spaced = spaced_with_single_spaces();
    let (a, b) = ("1.信访举报投诉类申请 3 0 0 0 0 0 3", "2.重复申请 1 0 0 0 0 0 1");
    assert!(spaced.contains(a) && spaced.contains(b));
    let swapped = spaced.replacen(a, "@", 1).replacen(b, a, 1).replacen("@", b, 1);
    assert_eq!(findings_of(&swapped, &["table-row-order"]).len(), 1, "single spaces");
    // In order, nothing; nor for table 二's first block written after the
    // others (an export's order of blocks, not a row out of place).
    assert_eq!(findings_of(&spaced, &["table-row-order"]), Vec::<String>::new());
    let first_block =
        "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 2 1 13\n";
    assert!(spaced.contains(first_block));
    let moved = spaced.replacen(first_block, "", 1).replacen(
        "行政事业性收费 45.2\n",
        &format!("行政事业性收费 45.2\n{first_block}"),
        1,
    );
    assert_ne!(moved, spaced);
    assert_eq!(findings_of(&moved, &["table-row-order"]), Vec::<String>::new());
}

#[test]
fn table_four_one_cell_short_one_cell_per_line_is_a_short_row() {
    // Its last count's line deleted: fourteen counts for fifteen columns, a
    // row of the wrong shape (a warning), not a table that cannot be read.
    let text = fixture("layouts/tab-cells-2021.txt");
    let lines: Vec<&str> = text.lines().collect();
    let heading = lines.iter().position(|l| l.starts_with("四、政府信息公开")).unwrap();
    let next = lines.iter().position(|l| l.starts_with("五、")).unwrap();
    let last = (heading..next).rev().find(|&i| lines[i].starts_with('\t')).unwrap();
    assert_eq!(lines[last], "\t1");
    let mut short = lines.clone();
    short.remove(last);
    let short = short.join("\n");
    let d = check(&short);
    let rules: Vec<&str> = d.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(rules, ["table-row-shape"], "{d:?}");
    assert!(d[0].message.contains("14 个数值单元格，应为 15 个"), "{}", d[0].message);
}

#[test]
fn a_page_number_after_table_four_one_cell_per_line_is_no_missing_count() {
    // Table 四 as plain lines (no tabs), then the page's number and a form
    // feed: fifteen counts and a page number are not sixteen counts.
    let text = fixture("layouts/tab-cells-2021.txt");
    let heading = text.find("四、政府信息公开").unwrap();
    let next = text.find("五、").unwrap();
    let plain = text[heading..next].replace("\n\t", "\n");
    let plain_text = format!("{}{plain}{}", &text[..heading], &text[next..]);
    assert!(check(&plain_text).iter().all(|d| d.rule != "table-row-shape"));
    let paged = plain_text.replacen("\n\n五、", "\n\n7\n\u{c}\n五、", 1);
    assert_ne!(paged, plain_text);
    let rules: Vec<String> = check(&paged).into_iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"table-row-shape".to_string()), "{rules:?}");
}

#[test]
fn a_heading_run_on_into_a_sentence_is_not_a_table_read_from_its_anchor() {
    // `三、……情况 本年新收政府信息公开申请数量54件。` above the table: the
    // sentence holds the anchor's words, not the table's first row.
    let text = fixture("sections/clean-2021.txt");
    let heading = "三、收到和处理政府信息公开申请情况\n";
    assert!(text.contains(heading));
    let run_on = text.replacen(
        heading,
        "三、收到和处理政府信息公开申请情况 本年新收政府信息公开申请数量54件。\n",
        1,
    );
    assert_eq!(findings(&run_on, &check(&run_on)), Vec::<String>::new());
}

#[test]
fn a_label_note_typed_with_a_semicolon_is_still_the_label_in_every_layout() {
    // `（区分处理的；只计这一情形，不计其他情形）`: a ； inside the label's own
    // brackets is no sentence ending the table.
    for rel in [
        "layouts/blank-rhythm-2022.txt",
        "layouts/pdf-layout-2023.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/tab-rows-2020.txt",
        "layouts/pipes-2022.md",
    ] {
        let text = fixture(rel);
        let typed = text.replace("区分处理的，只计", "区分处理的；只计");
        assert_ne!(typed, text, "{rel}");
        assert_complete_and_balanced(
            &document(&typed),
            if rel.contains("2020") { "2019" } else { "2021" },
            &[],
        );
        assert_eq!(rules_above_info(&typed), rules_above_info(&text), "{rel}");
        let bumped = bump(&typed, "applications", "granted", "natural", 1);
        assert!(
            rules_above_info(&bumped).contains(&"applications-row-total".to_string()),
            "{rel}"
        );
    }
}

#[test]
fn a_page_break_inside_table_four_is_no_cell() {
    // One cell per line: the page's number and its form feed before the
    // numbers (`- 3 -` / `\f\t1`).
    let text = fixture("layouts/tab-cells-2021.txt");
    let at = text.rfind("\t总计\n\n\t1\n").expect("table 四's last header cell") + "\t总计\n\n".len();
    let paged = format!("{}\n- 3 -\n\x0c{}", &text[..at], &text[at..]);
    assert_eq!(table(&document(&paged), "appeals").readable, Readability::Ok);
    assert_eq!(rules_above_info(&paged), rules_above_info(&text));
    let wrong = format!("{}\n- 3 -\n\x0c\t2{}", &text[..at], &text[at + "\t1".len()..]);
    assert!(rules_above_info(&wrong).contains(&"appeals-group-total".to_string()));
    // A page run into one line: the number set apart between two labels.
    let text = fixture("layouts/run-together-2021.txt");
    let paged = text.replacen("本年度办理结果（一）", "本年度办理结果　　- 3 -　　（一）", 1);
    assert_ne!(paged, text);
    assert_eq!(rules_above_info(&paged), rules_above_info(&text));
    // A row's cells set apart by single spaces are cells: `规章 - 1 - `.
    let at = text.find("规章").unwrap() + "规章".len();
    let end = at + text[at..].find("行政规范性文件").unwrap();
    let row = format!("{} - 1 - {}", &text[..at], &text[end..]);
    assert!(
        rules_above_info(&row).iter().all(|r| r != "table-row-shape"),
        "{:?}",
        rules_above_info(&row)
    );
}

#[test]
fn a_caption_under_table_three_is_no_cell() {
    // `表3 ……统计表（单位：件）` under the last row: its 3 is the table's number,
    // and the blank lines before it (blank-line rhythm) are no blank cell.
    const CAPTION: &str = "表3 收到和处理政府信息公开申请情况统计表（单位：件）";
    let heading = "四、政府信息公开行政复议、行政诉讼情况";
    let cases = [
        ("layouts/pdf-layout-2023.txt", format!("\n{CAPTION}\n\n")),
        ("layouts/run-together-2021.txt", format!("{CAPTION} ")),
        ("layouts/blank-rhythm-2022.txt", format!("\r\r{CAPTION}\r\r\r")),
    ];
    for (name, caption) in cases {
        let text = fixture(name);
        let at = text.find(heading).unwrap();
        let at = text[..at]
            .rfind(['\n', '\r'])
            .map_or(at, |i| if name.contains("run-together") { at } else { i + 1 });
        let captioned = format!("{}{caption}{}", &text[..at], &text[at..]);
        let rules = |t: &str| {
            let mut r: Vec<String> = check(t).into_iter().map(|d| d.rule).collect();
            r.sort();
            r
        };
        assert_eq!(rules(&captioned), rules(&text), "{name}");
        let doc = document_read(&captioned);
        let table = doc.table("applications").unwrap();
        assert_eq!(table.readable, Readability::Ok, "{name}");
    }
    // The caption repeated where the table goes on (`（续表）`) is no end of it.
    let text = fixture("layouts/tab-rows-2020.txt");
    let row = "\t（四）无法提供";
    assert!(text.contains(row));
    let continued = text.replacen(
        row,
        &format!("表三 收到和处理政府信息公开申请情况统计表（续表）\n{row}"),
        1,
    );
    assert_eq!(rules_above_info(&continued), rules_above_info(&text));
    assert_eq!(
        values(&document_read(&continued), "applications", "total"),
        values(&document_read(&text), "applications", "total")
    );
}

#[test]
fn a_serial_number_column_before_the_labels_is_no_cell() {
    // Table 三 with a 序号 column (1, 2, 3… before each label), as a web page's
    // table converted to Markdown: read as without it, its sums checked.
    let rows = [
        ("一、本年新收政府信息公开申请数量", "30 | 7 | 1 | 1 | 2 | 1 | 42"),
        ("二、上年结转政府信息公开申请数量", "2 | 1 | 0 | 0 | 0 | 0 | 3"),
        ("三、本年度办理结果", " |  |  |  |  |  | "),
        ("（一）予以公开", "11 | 4 | 1 | 1 | 1 | 0 | 18"),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "3 | 1 | 0 | 0 | 0 | 0 | 4",
        ),
        ("（三）不予公开", " |  |  |  |  |  | "),
        ("1.属于国家秘密", "1 | 0 | 0 | 0 | 0 | 0 | 1"),
        ("2.其他法律行政法规禁止公开", "0 | 0 | 0 | 0 | 0 | 0 | 0"),
        ("3.危及“三安全一稳定”", "0 | 0 | 0 | 0 | 0 | 0 | 0"),
        ("4.保护第三方合法权益", "1 | 1 | 0 | 0 | 0 | 0 | 2"),
        ("5.属于三类内部事务信息", "0 | 0 | 0 | 0 | 0 | 0 | 0"),
        ("6.属于四类过程性信息", "2 | 0 | 0 | 0 | 0 | 0 | 2"),
        ("7.属于行政执法案卷", "1 | 0 | 0 | 0 | 0 | 0 | 1"),
        ("8.属于行政查询事项", "0 | 0 | 0 | 0 | 0 | 0 | 0"),
        ("（四）无法提供", " |  |  |  |  |  | "),
        ("1.本机关不掌握相关政府信息", "5 | 2 | 0 | 0 | 0 | 1 | 8"),
        ("2.没有现成信息需要另行制作", "1 | 0 | 0 | 0 | 0 | 0 | 1"),
        ("3.补正后申请内容仍不明确", "1 | 0 | 0 | 0 | 0 | 0 | 1"),
        ("（五）不予处理", " |  |  |  |  |  | "),
        ("1.信访举报投诉类申请", "2 | 0 | 0 | 0 | 0 | 0 | 2"),
        ("2.重复申请", "1 | 0 | 0 | 0 | 0 | 0 | 1"),
        ("3.要求提供公开出版物", "0 | 0 | 0 | 0 | 0 | 0 | 0"),
        ("4.无正当理由大量反复申请", "0 | 0 | 0 | 0 | 0 | 0 | 0"),
        ("5.要求行政机关确认或重新出具已获取信息", "0 | 0 | 0 | 0 | 0 | 0 | 0"),
        ("（六）其他处理", "1 | 0 | 0 | 0 | 0 | 0 | 1"),
        ("（七）总计", "30 | 8 | 1 | 1 | 1 | 1 | 42"),
        ("四、结转下年度继续办理", "2 | 0 | 0 | 0 | 1 | 0 | 3"),
    ];
    let total = rows.len() - 2;
    let total_at = total;
    let table = |serials: bool, total: &str| {
        let mut t = String::from(
            "示例县龙潭镇人民政府2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n",
        );
        let head = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |";
        t += &if serials {
            format!("| 序号 | {head}\n|---|---|---|---|---|---|---|---|---|\n")
        } else {
            format!("| {head}\n|---|---|---|---|---|---|---|---|\n")
        };
        for (k, (label, cells)) in rows.iter().enumerate() {
            let cells = if k == total_at { total } else { cells };
            let serial = if serials {
                format!("| {} ", k + 1)
            } else {
                String::new()
            };
            t += &format!("{serial}| {label} | {cells} |\n");
        }
        t
    };
    let plain = table(false, rows[total_at].1);
    let numbered = table(true, rows[total_at].1);
    let doc = document_read(&numbered);
    assert_eq!(doc.table("applications").unwrap().readable, Readability::Ok);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["30", "7", "1", "1", "2", "1", "42"])
    );
    assert_eq!(rules_above_info(&numbered), rules_above_info(&plain));
    // A total made wrong is found, as without the column.
    let wrong = table(true, "31 | 8 | 1 | 1 | 1 | 1 | 43");
    let found = findings_of(&wrong, &["applications-"]);
    assert!(!found.is_empty());
    assert_eq!(
        found,
        findings_of(&table(false, "31 | 8 | 1 | 1 | 1 | 1 | 43"), &["applications-"])
    );
}

#[test]
fn a_total_column_written_first_is_read_as_the_total() {
    // `总计 | 自然人 | 法人或其他组织` on the header's first line: each row's
    // first number is its total.
    let text = "示例县统计局2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n\
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\
\t总计\t自然人\t法人或其他组织\n\
\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n\
一、本年新收政府信息公开申请数量\t26\t23\t1\t0\t0\t1\t1\n\
二、上年结转政府信息公开申请数量\t2\t2\t0\t0\t0\t0\t0\n";
    let doc = document_read(text);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["23", "1", "0", "0", "1", "1", "26"])
    );
    assert_eq!(findings_of(text, &["applications-row-total"]), Vec::<String>::new());
    // A row whose total is wrong is said at its total, the first cell.
    let wrong = text.replace("\t26\t23", "\t27\t23");
    assert_eq!(
        findings_of(&wrong, &["applications-row-total"]),
        ["applications-row-total@8"]
    );
    // Word's copy: an empty cell after a label spanning two columns, a tab at the end.
    let spaced = text
        .replace("数量\t", "数量\t\t")
        .replace("\t1\n", "\t1\t\n")
        .replace("\t0\n", "\t0\t\n");
    assert_ne!(spaced, text);
    assert_eq!(
        values(&document_read(&spaced), "applications", "new"),
        v(&["23", "1", "0", "0", "1", "1", "26"])
    );
    assert_eq!(findings_of(&spaced, &["applications-row-total"]), Vec::<String>::new());
}

#[test]
fn a_table_drawn_with_box_drawing_characters_is_read_as_a_grid() {
    // The Markdown fixture's tables redrawn as a converter or terminal draws
    // them: `│` between cells, `├──┼──┤` between rows, `┌`/`└` around.
    let text = fixture("layouts/pipes-2022.md");
    let boxed: String = text
        .lines()
        .map(|line| {
            if !line.starts_with('|') {
                return format!("{line}\n");
            }
            let cells = line.matches('|').count() - 1;
            let rule = |l: char, m: char, r: char| {
                let mut s = String::from(l);
                s += &vec!["──────"; cells].join(&m.to_string());
                s.push(r);
                s
            };
            if line.starts_with("|---") {
                format!("{}\n", rule('├', '┼', '┤'))
            } else {
                format!("{}\n{}\n", line.replace('|', "│"), rule('├', '┼', '┤'))
            }
        })
        .collect();
    assert!(boxed.contains("│ 规章 │ 0 │ 0 │ 0 │"));
    let doc = document(&boxed);
    assert_complete_and_balanced(&doc, "2021", &[]);
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["56", "10", "0", "1", "4", "1", "72"])
    );
    assert_eq!(rules_above_info(&boxed), rules_above_info(&text));
    // A count changed is found at its cell, as in the Markdown.
    let changed = boxed.replacen("│ 56 │", "│ 57 │", 1);
    assert!(
        rules_above_info(&changed).contains(&"applications-row-total".to_string()),
        "{:?}",
        rules_above_info(&changed)
    );
}

#[test]
fn a_count_unit_after_a_space_in_a_page_run_together_ends_the_rows_run() {
    // `……情形）200000 2件（三）`: in a page run into one line the space is an
    // empty cell's `&nbsp;`, no sign of where a cell ends; with 件 after the
    // total the row is still its seven counts.
    let text = fixture("layouts/run-together-2021.txt");
    let with_unit = text.replacen("200000 2（三）", "200000 2件（三）", 1);
    assert_ne!(with_unit, text);
    assert_eq!(
        values(&document_read(&with_unit), "applications", "partial"),
        values(&document_read(&text), "applications", "partial")
    );
    assert_eq!(rules_above_info(&with_unit), rules_above_info(&text));
}

#[test]
fn csv_rows_from_a_spreadsheet() {
    let text = fixture("layouts/csv-rows-2023.txt");
    let doc = document(&text);
    assert_complete_and_balanced(&doc, "2021", &[]);
    assert_eq!(table(&doc, "applications").layout, Layout::CsvRows);
    // Three digits after a comma are the next cell, not a thousands group.
    assert_eq!(
        values(&doc, "applications", "new"),
        v(&["131", "52", "6", "8", "17", "3", "217"])
    );
    // A quoted field is one cell, the comma inside it a thousands group.
    assert_eq!(values(&doc, "disclosure", "fees"), v(&["1234.5"]));
    assert_eq!(values(&doc, "appeals", "cases")[..5], v(&["4", "1", "0", "1", "6"]));
    assert_eq!(rules_above_info(&text), Vec::<String>::new());
    // An empty field is a blank cell at its column; a letter for a digit is no number.
    let blank = with_cell(&text, "applications", "unavailable.not_held", "commercial", "");
    let span = cell_span(&text, "applications", "unavailable.not_held", "commercial");
    let found: Vec<_> = check(&blank)
        .into_iter()
        .filter(|d| d.severity != nianbao::Severity::Info)
        .map(|d| (d.rule, d.primary.span.start))
        .collect();
    assert_eq!(found, [("cell-empty".to_string(), span.start)]);
    let letter = with_cell(&text, "applications", "granted", "natural", "4l");
    assert_eq!(rules_above_info(&letter), ["cell-not-number"]);
}

#[test]
fn full_width_bars_are_a_pipe_table() {
    // `｜` as a Chinese input method types the bar.
    let text = fixture("layouts/pipes-2022.md").replace('|', "｜");
    let doc = document(&text);
    assert_complete_and_balanced(&doc, "2021", &[]);
    assert_eq!(table(&doc, "applications").layout, Layout::Pipes);
    assert_eq!(rules_above_info(&text), Vec::<String>::new());
    let letter = with_cell(&text, "applications", "granted", "natural", "3O");
    assert_eq!(rules_above_info(&letter), ["cell-not-number"]);
}

#[test]
fn a_mistyped_cell_between_bars_of_text_without_outer_bars_is_no_number() {
    // html2text writes a table's rows without their outer bars, merged cells
    // before the first filled one left out.
    let text = fixture("layouts/pipes-2022.md");
    let rows: String = text
        .lines()
        .map(|l| match l.trim().strip_prefix('|').and_then(|r| r.strip_suffix('|')) {
            Some(inner) if !inner.contains("---") => {
                let cells: Vec<&str> = inner.split('|').map(str::trim).skip_while(|c| c.is_empty()).collect();
                format!("{}\n", cells.join("| "))
            }
            Some(_) => "---|---\n".to_string(),
            None => format!("{l}\n"),
        })
        .collect();
    assert_eq!(rules_above_info(&rows), Vec::<String>::new());
    let granted = rows.lines().find(|l| l.starts_with("三、本年度办理结果")).unwrap();
    let mut cells: Vec<String> = granted.split('|').map(str::to_string).collect();
    cells[2] = format!(" {}O", cells[2].trim());
    let typo = rows.replacen(granted, &cells.join("|"), 1);
    assert_eq!(rules_above_info(&typo), ["cell-not-number"]);
}
