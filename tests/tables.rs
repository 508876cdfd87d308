//! Tables that must add up: every built-in relation fails where it should and
//! holds where it should, in several layouts and both editions; blank cells,
//! placeholders and odd values are reported once, at the cell.

mod common;

use common::*;

/// Clean reports in different layouts: (fixture, edition).
const CLEAN: &[(&str, &str)] = &[
    ("layouts/tab-rows-2020.txt", "2019"),
    ("layouts/tab-cells-2021.txt", "2021"),
    ("layouts/pipes-2022.md", "2021"),
    ("layouts/pdf-layout-2023.txt", "2021"),
    ("layouts/blank-rhythm-2022.txt", "2021"),
];

fn sums(text: &str) -> Vec<String> {
    findings_of(text, &["applications-", "appeals-", "disclosure-", "prose-"])
}

#[test]
fn clean_tables_add_up() {
    for (f, _) in CLEAN {
        assert_eq!(sums(&fixture(f)), Vec::<String>::new(), "{f}");
    }
}

#[test]
fn row_total_fails_on_the_total_cell_only() {
    for (f, edition) in CLEAN {
        let text = bump(&fixture(f), "applications", "granted", "total", 1);
        let at = line_of(&text, cell_span(&text, "applications", "granted", "total").start);
        // The 总计 column's results total is broken by the same cell: not reported again.
        assert_eq!(sums(&text), [format!("applications-row-total@{at}")], "{f} ({edition})");
    }
}

#[test]
fn balance_fails_in_the_columns_that_do_not_balance() {
    for (f, edition) in CLEAN {
        // One more new application from a natural person, row total kept right.
        let text = bump(&fixture(f), "applications", "new", "natural", 1);
        let text = bump(&text, "applications", "new", "total", 1);
        let at = |row, col| line_of(&text, cell_span(&text, "applications", row, col).start);
        // The 自然人 column: the primary label on （七）总计. The 总计 column: on 一's
        // 总计, which the text's 新收 number contradicts by the same amount.
        let mut expected = vec![
            format!("applications-balance@{}", at("total", "natural")),
            format!("applications-balance@{}", at("new", "total")),
        ];
        expected.sort_by_key(|f| f.split('@').nth(1).unwrap().parse::<usize>().unwrap());
        assert_eq!(findings_of(&text, &["applications-"]), expected, "{f} ({edition})");
    }
}

#[test]
fn results_total_counts_every_sub_row() {
    for (f, edition) in CLEAN {
        let text = bump(&fixture(f), "applications", "withheld.process", "research", 2);
        let text = bump(&text, "applications", "withheld.process", "total", 2);
        let at = |col| line_of(&text, cell_span(&text, "applications", "total", col).start);
        assert_eq!(
            findings_of(&text, &["applications-"]),
            [
                format!("applications-results-total@{}", at("research")),
                format!("applications-results-total@{}", at("total"))
            ],
            "{f} ({edition})"
        );
    }
}

#[test]
fn edition_2021_other_sub_rows_are_in_the_results_total() {
    let text = bump(
        &fixture("layouts/tab-cells-2021.txt"),
        "applications",
        "other.no_fee",
        "natural",
        1,
    );
    let text = bump(&text, "applications", "other.no_fee", "total", 1);
    assert_eq!(sums(&text).len(), 2, "{:?}", sums(&text));
    assert!(sums(&text).iter().all(|f| f.starts_with("applications-results-total")));
}

#[test]
fn subtotal_on_a_group_row_must_match_and_is_not_counted_twice() {
    // Fixture line 61: `\t（四）无法提供` followed by empty cells: write a subtotal there.
    let text = fixture("layouts/tab-rows-2020.txt");
    let line = text.lines().nth(60).unwrap();
    assert!(line.contains("（四）无法提供"), "{line}");
    let doc = document(&text);
    let sub: Vec<i64> = ["unavailable.not_held", "unavailable.need_create", "unavailable.unclear"]
        .iter()
        .map(|r| row_values(&doc, "applications", r).unwrap())
        .fold(vec![0; 7], |acc, row| {
            acc.iter()
                .zip(&row)
                .map(|(a, b)| a + b.parse::<i64>().unwrap())
                .collect()
        });
    let cells: Vec<String> = sub.iter().map(|n| n.to_string()).collect();
    let right = text.replacen(line, &format!("\t（四）无法提供\t\t{}", cells.join("\t")), 1);
    assert_eq!(
        sums(&right),
        Vec::<String>::new(),
        "a correct subtotal; the results total still holds"
    );
    let mut wrong_cells = cells.clone();
    wrong_cells[0] = (sub[0] + 1).to_string();
    wrong_cells[6] = (sub[6] + 1).to_string();
    let wrong = text.replacen(line, &format!("\t（四）无法提供\t\t{}", wrong_cells.join("\t")), 1);
    assert_eq!(sums(&wrong), ["applications-subtotal@61", "applications-subtotal@61"]);
}

#[test]
fn subtotal_in_a_markdown_table_of_edition_2021() {
    // Line 61: `|  | （四）无法提供 |  | … |`; its sub-rows add up to 12 2 0 0 1 0 15.
    let text = fixture("layouts/pipes-2022.md");
    let line = text.lines().nth(60).unwrap();
    assert!(line.contains("（四）无法提供"), "{line}");
    let row = |cells: &str| format!("|  | （四）无法提供 |  | {cells} |");
    let right = text.replacen(line, &row("12 | 2 | 0 | 0 | 1 | 0 | 15"), 1);
    assert_eq!(sums(&right), Vec::<String>::new());
    // The row adds up, but 自然人 and 总计 are not the sub-rows' sums.
    let wrong = text.replacen(line, &row("13 | 2 | 0 | 0 | 1 | 0 | 16"), 1);
    assert_eq!(sums(&wrong), ["applications-subtotal@61", "applications-subtotal@61"]);
    // A subtotal whose own row is off is reported once, as a row total.
    let off = text.replacen(line, &row("12 | 2 | 0 | 0 | 1 | 0 | 16"), 1);
    assert_eq!(sums(&off), ["applications-row-total@61"]);
}

#[test]
fn appeals_group_totals() {
    for (f, _) in CLEAN {
        let text = bump(&fixture(f), "appeals", "cases", "after.total", 2);
        let at = line_of(&text, cell_span(&text, "appeals", "cases", "after.total").start);
        assert_eq!(sums(&text), [format!("appeals-group-total@{at}")], "{f}");
    }
}

#[test]
fn disclosure_relations_of_edition_2019() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let below_zero = with_cell(&text, "disclosure", "licensing", "change", "-20");
    assert_eq!(sums(&below_zero), ["disclosure-change-below-zero@27"]);
    let total_small = with_cell(&text, "disclosure", "normative", "total", "1");
    let at = line_of(
        &total_small,
        cell_span(&total_small, "disclosure", "normative", "total").start,
    );
    assert_eq!(sums(&total_small), [format!("disclosure-total-below-new@{at}")]);
    // Edition 2021 has no such columns: no such rule runs on its tables.
    let text = fixture("layouts/tab-cells-2021.txt");
    assert_eq!(
        sums(&with_cell(&text, "disclosure", "licensing", "decisions", "0")),
        Vec::<String>::new()
    );
}

#[test]
fn note_shows_both_sides_and_the_difference() {
    let text = bump(
        &fixture("layouts/tab-rows-2020.txt"),
        "applications",
        "carried",
        "legal",
        1,
    );
    let text = bump(&text, "applications", "carried", "total", 1);
    // (The total column's finding points at 二·总计, which the text gives as 3.)
    let d = check(&text)
        .into_iter()
        .find(|d| d.rule == "applications-balance" && d.message.contains("法律服务机构"))
        .unwrap();
    assert_eq!(
        d.message,
        "表三“法律服务机构”列不平衡：本年新收加上年结转（3）不等于办理结果总计加结转下年度（2）"
    );
    assert_eq!(d.notes[0], "一 + 二 = 2 + 1 = 3，（七）总计 + 四 = 1 + 1 = 2");
    assert_eq!(d.notes[1], "相差 1");
    assert_eq!(&text[d.primary.span.range()], "1", "primary label on （七）总计");
    assert!(!d.secondary.is_empty(), "secondary labels on the cells summed");
}

#[test]
fn a_blank_cell_is_reported_once_and_its_sums_are_not() {
    let text = with_cell(
        &fixture("layouts/tab-rows-2020.txt"),
        "applications",
        "new",
        "research",
        "",
    );
    let found = findings_of(&text, &["cell-", "applications-"]);
    assert_eq!(
        found,
        ["cell-empty@45"],
        "no balance or row-total failure for the blank"
    );
    // NBSP and the ideographic space are blanks too; a placeholder is one level lower.
    for blank in ["\u{a0}", "\u{3000}", "  "] {
        let text = with_cell(
            &fixture("layouts/tab-rows-2020.txt"),
            "applications",
            "new",
            "research",
            blank,
        );
        assert_eq!(
            findings_of(&text, &["cell-", "applications-"]),
            ["cell-empty@45"],
            "{blank:?}"
        );
    }
    for placeholder in ["/", "—", "无", "-"] {
        let text = with_cell(
            &fixture("layouts/tab-rows-2020.txt"),
            "applications",
            "new",
            "research",
            placeholder,
        );
        let d = check(&text);
        let d: Vec<_> = d
            .iter()
            .filter(|d| d.rule.starts_with("cell-") || d.rule.starts_with("applications-"))
            .collect();
        assert_eq!(d.len(), 1, "{placeholder}");
        assert_eq!(d[0].rule, "cell-placeholder");
        assert_eq!(d[0].severity, nianbao::Severity::Warning);
    }
}

/// Layouts where a blank cell shows as one: a cell between separators.
const VISIBLE_BLANKS: &[&str] = &[
    "layouts/tab-rows-2020.txt",
    "layouts/tab-cells-2021.txt",
    "layouts/pipes-2022.md",
];

/// The fixture with every 0 of table 三 left blank, as some reports leave them.
fn zeros_left_blank(text: &str) -> String {
    let doc = document(text);
    let mut spans: Vec<_> = table(&doc, "applications")
        .rows()
        .flat_map(|r| &r.cells)
        .filter(|c| c.value.number().is_some_and(|n| n.raw() == 0))
        .map(|c| c.span)
        .collect();
    assert!(spans.len() >= 3, "the fixture has zeros to leave blank");
    spans.sort_by_key(|s| std::cmp::Reverse(s.start));
    let mut text = text.to_string();
    for span in spans {
        text.replace_range(span.range(), "");
    }
    text
}

#[test]
fn a_table_that_leaves_its_zeros_blank_is_summed_with_them_as_zeros() {
    for f in VISIBLE_BLANKS {
        let blank = zeros_left_blank(&fixture(f));
        assert_eq!(sums(&blank), Vec::<String>::new(), "{f}: read as zeros, it adds up");
        let empty: Vec<_> = check(&blank).into_iter().filter(|d| d.rule == "cell-empty").collect();
        assert!(!empty.is_empty(), "{f}: the blanks are still reported");
        assert!(
            empty
                .iter()
                .all(|d| d.notes.iter().any(|n| n.contains("这张表以空白代替 0"))),
            "{f}: and said to be read as 0 in its sums"
        );
        // One wrong count is found, and the finding says how the blanks were read.
        let text = bump(&blank, "applications", "unavailable.not_held", "natural", 1);
        let failing: Vec<_> = check(&text)
            .into_iter()
            .filter(|d| d.rule.starts_with("applications-"))
            .collect();
        assert!(!failing.is_empty(), "{f}: the wrong count is found");
        for d in &failing {
            assert!(
                d.notes.iter().any(|n| n.contains("空白单元格按 0 计")),
                "{f}: {} {:?}",
                d.message,
                d.notes
            );
        }
    }
}

#[test]
fn blanks_not_filled_in_yet_and_blank_totals_never_make_a_sum_fail() {
    for f in VISIBLE_BLANKS {
        // A draft: four counts not filled in yet. Read as zeros, each would
        // break its row and its column: they are blanks, not zeros.
        let mut text = fixture(f);
        for (row, column) in [
            ("new", "natural"),
            ("granted", "commercial"),
            ("unavailable.not_held", "natural"),
            ("rejected.petition", "natural"),
        ] {
            text = with_cell(&text, "applications", row, column, "");
        }
        assert_eq!(sums(&text), Vec::<String>::new(), "{f}");
        assert!(!findings_of(&text, &["cell-empty"]).is_empty(), "{f}");
    }
    // Zeros left blank, and the 总计 of two rows left blank too: a total left
    // blank was not filled in, not a 0 to check the row against. (Its row's last
    // cell, told from a stray tab by the rows whose last cell is filled.)
    for f in VISIBLE_BLANKS {
        let mut text = zeros_left_blank(&fixture(f));
        for row in ["granted", "new"] {
            text = with_cell(&text, "applications", row, "total", "");
        }
        let new = row_values(&document(&text), "applications", "new").unwrap();
        assert_eq!(
            (new[0] != "_", new[6].as_str()),
            (true, "_"),
            "{f}: the blank is the 总计"
        );
        assert_eq!(sums(&text), Vec::<String>::new(), "{f}");
    }
}

#[test]
fn a_total_over_parts_all_left_blank_is_checked() {
    // Zeros left blank: a row whose counts are all 0 is all blank, its 总计 too.
    // A 总计 of 1 there is a total its blank parts (0) do not make.
    for f in VISIBLE_BLANKS {
        let blank = zeros_left_blank(&fixture(f));
        assert_eq!(
            row_values(&document(&blank), "applications", "withheld.law").unwrap(),
            ["_"; 7],
            "{f}"
        );
        let text = with_cell(&blank, "applications", "withheld.law", "total", "1");
        let found = findings_of(&text, &["applications-"]);
        assert!(
            found.iter().any(|f| f.starts_with("applications-row-total@")),
            "{f}: {found:?}"
        );
    }
}

#[test]
fn adjacent_blank_cells_and_rows_are_one_finding() {
    let mut text = fixture("layouts/tab-rows-2020.txt");
    for row in ["granted", "partial"] {
        for col in ["commercial", "research", "social"] {
            text = with_cell(&text, "applications", row, col, "");
        }
    }
    let d: Vec<_> = check(&text).into_iter().filter(|d| d.rule == "cell-empty").collect();
    assert_eq!(d.len(), 1, "six cells in two rows: one finding");
    assert_eq!(
        d[0].message,
        "表三“（一）予以公开”等 2 行有空白单元格：商业企业、科研机构、社会公益组织"
    );
}

#[test]
fn values_that_are_not_counts() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let cases = [
        ("暂无", "cell-not-number"),
        ("-1", "cell-negative"),
        ("1.5", "cell-not-integer"),
    ];
    for (value, rule) in cases {
        let t = with_cell(&text, "applications", "withheld.process", "natural", value);
        let found = findings_of(&t, &["cell-", "applications-"]);
        assert_eq!(found, [format!("{rule}@54")], "{value}");
    }
    // 本年增/减 may be negative; an amount may have decimals.
    assert_eq!(
        findings_of(&with_cell(&text, "disclosure", "penalty", "change", "-1"), &["cell-"]),
        Vec::<String>::new()
    );
    assert_eq!(
        findings_of(
            &with_cell(&text, "disclosure", "procurement", "amount", "12.5"),
            &["cell-"]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn rows_with_a_cell_too_few_or_too_many() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let line = text.lines().nth(53).unwrap().to_string();
    assert!(line.starts_with("6.属于四类过程性信息"), "{line}");
    let short = text.replacen(&line, line.rsplit_once('\t').unwrap().0, 1);
    assert_eq!(
        findings_of(&short, &["table-", "applications-"]),
        ["table-row-shape@54"]
    );
    let long = text.replacen(&line, &format!("{line}\t3"), 1);
    assert_eq!(findings_of(&long, &["table-", "applications-"]), ["table-row-shape@54"]);
}

#[test]
fn a_missing_row_is_an_error() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let line = text.lines().nth(53).unwrap().to_string();
    let without = text.replacen(&format!("{line}\n"), "", 1);
    let d: Vec<_> = check(&without)
        .into_iter()
        .filter(|d| d.rule == "table-row-missing")
        .collect();
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("6.属于四类过程性信息"), "{}", d[0].message);
}

#[test]
fn a_row_written_twice_is_a_warning() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let line = text.lines().nth(48).unwrap().to_string();
    assert!(line.contains("1.属于国家秘密\t1\t"), "{line}");
    let pasted = text.replacen(&format!("{line}\n"), &format!("{line}\n{line}\n"), 1);
    assert_eq!(
        findings_of(&pasted, &["table-", "applications-"]),
        ["table-row-duplicated@50"]
    );
    let d = check(&pasted)
        .into_iter()
        .find(|d| d.rule == "table-row-duplicated")
        .unwrap();
    assert!(d.message.contains("数值相同"), "{}", d.message);
    assert_eq!(d.secondary.len(), 1);
    // The copy given other numbers: said, and the sums are still the first row's.
    let other = line.replacen("\t1\t", "\t2\t", 1);
    let changed = text.replacen(&format!("{line}\n"), &format!("{line}\n{other}\n"), 1);
    let d = check(&changed)
        .into_iter()
        .find(|d| d.rule == "table-row-duplicated")
        .unwrap();
    assert!(d.message.contains("数值不同"), "{}", d.message);
    // A group's label written out before each of its sub-rows (a merged cell
    // copied down) is no repeat.
    let written_out = text
        .replace("\t\t2.其他法律", "\t（三）不予公开\t2.其他法律")
        .replace("\t\t3.危及", "\t（三）不予公开\t3.危及");
    assert_eq!(written_out.matches("（三）不予公开").count(), 3);
    assert!(findings_of(&written_out, &["table-", "applications-"]).is_empty());
}

#[test]
fn a_row_written_like_a_column_title_is_the_row_where_it_stands() {
    // `其他` is the title of a column and, numbered 3., a row of （六）其他处理:
    // written without its number between the row before's numbers and its
    // own, it is that row.
    for file in [
        "layouts/pipes-2022.md",
        "layouts/run-together-2021.txt",
        "sections/clean-2021.txt",
    ] {
        let text = fixture(file);
        assert!(text.contains("3.其他"), "{file}");
        let unnumbered = text.replacen("3.其他", "其他", 1);
        let before = findings_of(&text, &["table-", "applications-", "cell-"]);
        assert_eq!(
            findings_of(&unnumbered, &["table-", "applications-", "cell-"]),
            before,
            "{file}"
        );
        let doc = document(&unnumbered);
        let values = row_values(&doc, "applications", "other.other").expect("row 3.其他 read");
        assert_eq!(values.len(), 7, "{file}");
    }
    // Its numbers are checked: one changed breaks its row's total.
    let text = fixture("layouts/pipes-2022.md").replacen("3.其他", "其他", 1);
    let changed = bump(&text, "applications", "other.other", "natural", 1);
    assert!(
        findings_of(&changed, &["applications-row-total"]).len() == 1,
        "{:?}",
        findings_of(&changed, &["applications-"])
    );
    // The header written again after a row (a table split over pages) keeps
    // its `其他` a column's title.
    let text = fixture("sections/clean-2021.txt");
    let header = "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n";
    assert!(text.contains(header), "fixture has the header's second line");
    let at = text.find("\t（五）不予处理").expect("row (五)");
    let repeated = format!("{}{header}{}", &text[..at], &text[at..]);
    assert!(findings_of(&repeated, &["table-row-missing", "applications-"]).is_empty());
}

#[test]
fn a_column_deleted_whole_is_said_once_as_the_column_missing() {
    let columns = ["natural", "commercial", "research", "social", "legal", "other", "total"];
    let names = [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ];
    for (file, line) in [
        ("sections/clean-2021.txt", 39),
        ("layouts/pipes-2022.md", 0),
        ("layouts/tab-cells-2021.txt", 0),
    ] {
        let text = fixture(file);
        assert!(findings_of(&text, &["table-", "cell-", "applications-"]).is_empty());
        for (column, name) in columns.iter().zip(names) {
            let deleted = without_column(&text, "applications", column);
            let found = findings_of(&deleted, &["table-", "cell-", "applications-", "row-"]);
            assert_eq!(found.len(), 1, "{file} without {column}: {found:?}");
            assert!(
                found[0].starts_with("table-column-missing@"),
                "{file} without {column}: {found:?}"
            );
            if line > 0 {
                assert_eq!(found[0], format!("table-column-missing@{line}"));
            }
            let d = check(&deleted)
                .into_iter()
                .find(|d| d.rule == "table-column-missing")
                .unwrap();
            assert!(d.message.ends_with(name), "{}", d.message);
            assert!(
                d.notes.iter().any(|n| n.contains("各行也只有 6 个数")),
                "{file} without {column}: {:?}",
                d.notes
            );
        }
    }
    // The same in Word, web pages and the other encodings.
    let deleted = without_column(&fixture("sections/clean-2021.txt"), "applications", "other");
    common::convert::assert_same_in_every_format("without-other.txt", &deleted);
    // One row a number short under a whole header is that row's blank, not a column gone.
    let text = fixture("sections/clean-2021.txt");
    let row = "（一）予以公开\t12\t5\t1\t2\t1\t0\t21";
    assert!(text.contains(row), "fixture has the row");
    let short = text.replacen(row, "（一）予以公开\t12\t1\t2\t1\t0\t21", 1);
    assert!(findings_of(&short, &["table-column-missing"]).is_empty());
    // Two titles in one header cell (a merged cell, or words run together) are
    // both there: no column is missing.
    for merged in ["商业企业 科研机构", "商业企业科研机构"] {
        let one_cell = text.replacen("商业企业\t科研机构", merged, 1);
        assert_ne!(one_cell, text);
        assert!(findings_of(&one_cell, &["table-column-missing"]).is_empty(), "{merged}");
    }
    // A header lacking a title over full rows keeps the header-only finding.
    let title_only = text.replacen("\t商业企业\t", "\t\t", 1);
    let d = check(&title_only)
        .into_iter()
        .find(|d| d.rule == "table-column-missing")
        .expect("the header's title missing");
    assert!(!d.notes.iter().any(|n| n.contains("各行也只有")), "{:?}", d.notes);
}

#[test]
fn a_column_title_missing_from_table_threes_header_is_a_warning() {
    let text = fixture("layouts/tab-cells-2021.txt");
    let deleted = text.replacen("\t商业企业\n", "\t\n", 1);
    assert_ne!(deleted, text);
    assert_eq!(findings_of(&deleted, &["table-"]), ["table-column-missing@72"]);
    let d = check(&deleted)
        .into_iter()
        .find(|d| d.rule == "table-column-missing")
        .unwrap();
    assert!(d.message.ends_with("商业企业"), "{}", d.message);
    let text = fixture("layouts/pipes-2022.md");
    let blank = text.replacen("| 商业企业 | 科研机构 |", "|  | 科研机构 |", 1);
    assert_ne!(blank, text);
    assert_eq!(findings_of(&blank, &["table-"]).len(), 1);
    // A title worded otherwise (`企业`) stands there, read by its place.
    let reworded = text.replacen("| 商业企业 | 科研机构 |", "| 企业 | 科研机构 |", 1);
    assert!(findings_of(&reworded, &["table-column-missing"]).is_empty());
    // A title wrapped over two lines (`商业` / `企业` in a PDF's text) is there.
    let text = fixture("layouts/pdf-layout-2023.txt");
    assert!(text.contains("商业") && !text.contains("商业企业"));
    assert!(findings_of(&text, &["table-"]).is_empty());
}

/// `text` without what lies between the line holding `after` and the line
/// holding `before` (both kept); `after` opens its line (not in prose).
fn without_lines_between(text: &str, after: &str, before: &str) -> String {
    let start = text
        .match_indices(after)
        .map(|(i, _)| i)
        .find(|&i| {
            let line = text[..i].rfind(['\n', '\r']).map_or(0, |n| n + 1);
            text[line..i]
                .trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '#')
                .is_empty()
        })
        .expect(after);
    let start = start + text[start..].find(['\n', '\r']).unwrap() + 1;
    let end = start + text[start..].find(before).expect(before);
    let end = text[..end].rfind(['\n', '\r']).map_or(0, |i| i + 1).max(start);
    assert!(end > start, "nothing between {after} and {before}");
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn a_table_whose_header_is_deleted_is_a_warning() {
    let three = ("三、收到和处理政府信息公开申请情况", "一、本年新收");
    let two = ("第二十条第（一）项", "规章");
    for file in [
        "sections/clean-2021.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/blank-rhythm-2022.txt",
        "layouts/pipes-2022.md",
        "layouts/pdf-layout-2023.txt",
    ] {
        let text = fixture(file);
        assert!(findings_of(&text, &["table-header-missing"]).is_empty(), "{file}");
        for ((after, before), table) in [(three, "表三没有表头"), (two, "表二“第二十条第（一）项”没有表头")]
        {
            let deleted = without_lines_between(&text, after, before);
            let at = deleted.rfind(after).unwrap();
            let line = line_of(&deleted, at + deleted[at..].find(before).unwrap());
            assert_eq!(
                findings_of(&deleted, &["table-header-missing"]),
                [format!("table-header-missing@{line}")],
                "{file} without {table}"
            );
            let d = check(&deleted)
                .into_iter()
                .find(|d| d.rule == "table-header-missing")
                .unwrap();
            assert!(d.message.starts_with(table), "{}", d.message);
            assert!(d.notes.iter().any(|n| n.starts_with("应有 ")), "{:?}", d.notes);
        }
    }
    // Table 四's one row of numbers right under the section's heading: its
    // header often an image in a PDF (see
    // `table_four_without_its_header_is_its_line_of_fifteen_counts`).
    let text = fixture("sections/clean-2021.txt");
    let deleted = without_lines_between(&text, "四、政府信息公开行政复议、行政诉讼情况", "3\t1\t0\t1\t5");
    assert!(findings_of(&deleted, &["table-header-missing"]).is_empty());
    // The same in Word and web pages (not in a grid Markdown table: its first
    // row's label wrapped over lines and no header, table 三 is not found).
    use common::convert::{rules_of, to_docx, to_html, to_markdown_with_html_tables};
    let deleted = without_lines_between(&text, three.0, three.1);
    let said = |name: &str, bytes: &[u8]| rules_of(name, bytes).contains(&"table-header-missing".to_string());
    assert!(said("r.docx", &to_docx(&deleted)));
    assert!(said("r.html", to_html(&deleted, true).as_bytes()));
    assert!(said("r.md", to_markdown_with_html_tables(&deleted).as_bytes()));
    assert!(!said("r.docx", &to_docx(&text)));
    // The header repeated further down (a page break) is the table's header.
    let text = fixture("layouts/tab-rows-2020.txt");
    let first_page = without_lines_between(&text, three.0, three.1);
    assert!(first_page.contains("申请人情况"));
    assert!(findings_of(&first_page, &["table-header-missing"]).is_empty());
    // One title left, worded otherwise or wrapped, is a header (not this rule's).
    let one_left = text.replacen("\t\t自然人\t", "\t\t自然\n人\t", 1);
    assert!(findings_of(&one_left, &["table-header-missing"]).is_empty());
}

#[test]
fn a_table_of_labels_alone_is_an_error() {
    // Table 三 as a web page's text keeps it when its cells were never filled:
    // header words and labels one per line, blank cells leaving no line.
    let text = fixture("sections/clean-2021.txt");
    let start = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let end = text.find("四、政府信息公开行政复议、行政诉讼情况").unwrap();
    let labels: Vec<&str> = text[start..end]
        .lines()
        .flat_map(|l| l.split('\t'))
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let blank = format!("{}{}\n{}", &text[..start], labels.join("\n"), &text[end..]);
    let line = line_of(&blank, blank.find("一、本年新收").unwrap());
    assert_eq!(
        findings_of(&blank, &["table-blank", "table-unreadable"]),
        [format!("table-blank@{line}")]
    );
    let d = check(&blank).into_iter().find(|d| d.rule == "table-blank").unwrap();
    assert!(d.message.starts_with("表三只有行标签"), "{}", d.message);
    assert!(d.notes[0].contains("没有一个单元格有内容"), "{:?}", d.notes);
    // Zeros written `〇` or `○` on lines of their own: filled, whatever reads them.
    for zero in ["〇", "○", "零"] {
        let zeros = blank.replace("数量\n", &format!("数量\n{zero}\n"));
        assert_ne!(zeros, blank);
        assert!(findings_of(&zeros, &["table-blank"]).is_empty(), "{zero}");
    }
    // One number in it: not blank, but not read either.
    let one = blank.replacen(
        "一、本年新收政府信息公开申请数量\n",
        "一、本年新收政府信息公开申请数量\n3\n",
        1,
    );
    assert_ne!(one, blank);
    let found = findings_of(&one, &["table-blank", "table-unreadable"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("table-unreadable@"), "{found:?}");
}

#[test]
fn table_four_with_one_cell_too_many_is_read_and_said() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let row = "2\t1\t0\t1\t4\t1\t0\t0\t0\t1\t0\t1\t0\t0\t1\n";
    assert!(text.contains(row));
    // A cell written twice: the row is said, not the table unreadable.
    let long = text.replacen(row, "2\t1\t0\t1\t4\t1\t0\t0\t0\t1\t1\t0\t1\t0\t0\t1\n", 1);
    assert_eq!(findings_of(&long, &["table-"]), ["table-row-shape@79"]);
}

#[test]
fn a_table_in_another_tables_section_is_a_warning() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let lines: Vec<&str> = text.lines().collect();
    // Sections 三 (lines 40–73) and 四 (74–80) with their bodies swapped:
    // each heading keeps its place, each table moves under the other.
    let (three, four) = (&lines[40..73], &lines[74..80]);
    let swapped = [&lines[..40], four, &lines[73..74], three, &lines[80..]]
        .concat()
        .join("\n");
    let found = findings_of(&swapped, &["table-"]);
    assert_eq!(found, ["table-misplaced@42", "table-misplaced@49"], "{swapped}");
    let d = check(&swapped);
    let four_first = d.iter().find(|d| d.rule == "table-misplaced").unwrap();
    assert!(four_first.message.contains("表四"), "{}", four_first.message);
    assert!(
        four_first.message.contains("三、收到和处理政府信息公开申请情况"),
        "{}",
        four_first.message
    );
    assert_eq!(four_first.secondary.len(), 2);
    // Every table gathered after the last section, which holds none: not this rule's to say.
    let (body, tail) = (&lines[..19], &lines[87..]);
    let mut gathered = body.to_vec();
    gathered.extend([
        "二、主动公开政府信息情况",
        "详见附表一。",
        "三、收到和处理政府信息公开申请情况",
        "详见附表二。",
    ]);
    gathered.extend(["四、政府信息公开行政复议、行政诉讼情况", "详见附表三。"]);
    gathered.extend(&lines[81..87]);
    gathered.extend(tail);
    gathered.extend(&lines[19..40]);
    gathered.extend(&lines[41..74]);
    gathered.extend(&lines[75..81]);
    let gathered = gathered.join("\n");
    // (No `table-missing` either: the tables were read where they stand.)
    assert!(findings_of(&gathered, &["table-"]).is_empty(), "{gathered}");
}

#[test]
fn row_labels_in_other_words_keep_the_table() {
    for file in ["layouts/tab-rows-2020.txt", "layouts/pipes-2022.md"] {
        let text = fixture(file);
        let new = "一、本年新收政府信息公开申请数量";
        let line = line_of(&text, text.find(new).expect("row 一"));
        // A shorter wording editors use: the row, told apart by its words.
        let short = text.replacen(new, "一、本年新收申请数量", 1);
        assert_eq!(
            findings_of(&short, &["table-missing", "table-row", "applications-"]),
            Vec::<String>::new(),
            "{file}"
        );
        assert!(
            check(&short).iter().any(|d| d.rule == "table-label-wording"),
            "{file}: the wording is noted"
        );
        // Words not known at all, numbered as a section is: the table is still there, short of that row.
        let unknown = text.replacen(new, "一、本年度收到的申请", 1);
        let found = findings_of(&unknown, &["table-missing", "table-row"]);
        assert!(
            found.len() == 1 && found[0].starts_with("table-row-missing@"),
            "{file}: {found:?}"
        );
        let said = check(&unknown);
        let missing = said
            .iter()
            .find(|d| d.rule == "table-row-missing")
            .expect("row-missing");
        assert!(missing.message.contains("本年新收"), "{}", missing.message);
        assert!(
            line > line_of(&unknown, missing.primary.span.start),
            "said at the table"
        );
    }
}

#[test]
fn a_missing_table_is_an_error() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let start = text.find("行政复议\t").expect("table 四 header");
    let end = text[start..].find("五、").unwrap() + start;
    let without = format!("{}{}", &text[..start], &text[end..]);
    assert_eq!(findings_of(&without, &["table-"]), ["table-missing@74"]);
    let notes = |text: &str| {
        check(text)
            .into_iter()
            .find(|d| d.rule == "table-missing")
            .map(|d| d.notes)
            .unwrap()
    };
    let none_said = "各项填 0";
    assert!(!notes(&without).iter().any(|n| n.contains(none_said)));
    // The table left out for a sentence saying there were no cases: still
    // required, and the note says how.
    let said = format!(
        "{}2020年，我局未发生政府信息公开行政复议、行政诉讼案件。\n\n{}",
        &text[..start],
        &text[end..]
    );
    assert_eq!(findings_of(&said, &["table-"]), ["table-missing@74"]);
    assert!(notes(&said).iter().any(|n| n.contains(none_said)), "{:?}", notes(&said));
}

#[test]
fn kinds_of_information_listed_without_its_parts_word_add_up() {
    // 主动公开政府信息N条，A类信息a条，……其他……c条: no 其中, each part a kind.
    let base = fixture("layouts/tab-rows-2020.txt");
    let inject = |s: &str| base.replacen("（二）依申请公开情况。", &format!("{s}（二）依申请公开情况。"), 1);
    for bad in [
        "全年主动公开政府信息364条，人事信息17条，重大建设项目类信息308条，公共服务类信息8条，其他应主动公开的政府信息19条。",
        "今年我局公开278条政务信息，机构职能类信息2条，行政许可类信息3条，重大建设项目类信息252条，其他类信息22条。",
        "主动公开政府信息143条，公开类别主要涉及政策文件信息2条、行政许可类信息3条、安全生产、应急管理类信息89条、其他类信息47条。",
        "在主动公开的47条政府信息中，政策、规范性文件类信息3条，其他类信息45条。",
    ] {
        assert_eq!(
            findings_of(&inject(bad), &["prose-"]),
            ["prose-breakdown-kinds@11"],
            "{bad}"
        );
    }
    for fine in [
        "全年主动公开政府信息352条，人事信息17条，重大建设项目类信息308条，公共服务类信息8条，其他应主动公开的政府信息19条。",
        // Channels overlap; examples are not the whole; parts that are no kind.
        "全年发布信息500条，网站发布信息300条，微信发布信息260条，其他平台信息40条。",
        "全年主动公开政府信息364条，人事信息17条，重大建设项目类信息308条。",
        "全年主动公开政府信息364条，更新17条，新增308条，其他19条。",
        // The first count is a kind, not the whole.
        "全年公开人事信息17条，财政预决算信息20条，其他信息8条。",
        "全年发布政策解读类信息12条，图解类信息5条，其他类信息3条。",
    ] {
        assert_eq!(findings_of(&inject(fine), &["prose-"]), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn prose_breakdown_that_does_not_add_up() {
    let base = fixture("layouts/tab-rows-2020.txt");
    let ok = "全年主动公开政府信息120条，其中：1.政策文件20条；2.工作动态70条；3.其他信息30条。";
    let bad = "全年主动公开政府信息120条，其中：1.政策文件20条；2.工作动态70条；3.其他信息25条。";
    let inject = |s: &str| base.replacen("（二）依申请公开情况。", &format!("{s}（二）依申请公开情况。"), 1);
    assert_eq!(findings_of(&inject(ok), &["prose-"]), Vec::<String>::new());
    assert_eq!(findings_of(&inject(bad), &["prose-"]), ["prose-breakdown@11"]);
    // A PDF's line wrap inside 其中 hides nothing; the finding is on the whole's line.
    let wrapped = bad.replacen("其中", "其\n中", 1);
    assert_eq!(findings_of(&inject(&wrapped), &["prose-"]), ["prose-breakdown@11"]);
    // An open list (no numbering, no 其他) is not taken for the whole.
    let open = "全年主动公开政府信息120条，其中政策文件20条，工作动态70条。";
    assert_eq!(findings_of(&inject(open), &["prose-"]), Vec::<String>::new());
    // A list that goes on to other numbers but starts with parts that add up (each
    // result as table 三 has it; the reviews, 4, are table 四’s).
    let on = "办结申请42件，其中：予以公开18件；部分公开4件；不予公开6件；无法提供10件；不予处理3件；其他处理1件；因政府信息公开引起的行政复议4件。";
    assert_eq!(findings_of(&inject(on), &["prose-"]), Vec::<String>::new());
    // Digits grouped by commas are one number (`2,599` was 599).
    let grouped = "全年主动公开政府信息2,599条，其中：1.政策文件2000条；2.工作动态500条；3.其他信息99条。";
    assert_eq!(findings_of(&inject(grouped), &["prose-"]), Vec::<String>::new());
    let grouped_bad = grouped.replacen("99条。", "90条。", 1);
    assert_eq!(findings_of(&inject(&grouped_bad), &["prose-"]), ["prose-breakdown@11"]);
    // 等 after a part in the middle, or 等待 after the last, leaves the list closed;
    // a bracket left open by a typo does not swallow the parts after it.
    let middle = "全年主动公开政府信息120条，其中：1.政策文件20条等；2.工作动态70条；3.其他信息25条。";
    assert_eq!(findings_of(&inject(middle), &["prose-"]), ["prose-breakdown@11"]);
    let waiting = "全年主动公开政府信息120条，其中：1.政策文件20条；2.工作动态70条；3.其他信息25条等待核实。";
    assert_eq!(findings_of(&inject(waiting), &["prose-"]), ["prose-breakdown@11"]);
    let open = "全年主动公开政府信息120条，其中：1.政策文件（含规范性文件20条；2.工作动态70条；3.其他信息25条。";
    assert_eq!(findings_of(&inject(open), &["prose-"]), ["prose-breakdown@11"]);
    // A list that goes on (`……等`) need not reach the whole, but cannot pass it.
    let short = "全年主动公开政府信息120条，其中：政策文件20条，工作动态70条，其他信息25条等。";
    assert_eq!(findings_of(&inject(short), &["prose-"]), Vec::<String>::new());
    let over = "全年主动公开政府信息120条，其中：政策文件20条，工作动态70条，其他信息51条等。";
    assert_eq!(findings_of(&inject(over), &["prose-"]), ["prose-breakdown@11"]);
    // A list of numbers is not one (`1,2,3` has no group of three).
    assert_eq!(
        findings_of(&inject("全年开展培训3次，第1,2,3季度各1次。"), &["prose-"]),
        Vec::<String>::new()
    );
}

#[test]
fn prose_numbers_must_match_the_tables() {
    // Fixture line 11: 新收…申请42件 … 结转下年度继续办理3件, as in table 三.
    let text = fixture("layouts/tab-rows-2020.txt");
    assert!(text.contains("全年新收政府信息公开申请42件"));
    let new_wrong = text.replacen("全年新收政府信息公开申请42件", "全年新收政府信息公开申请45件", 1);
    assert_eq!(findings_of(&new_wrong, &["prose-"]), ["prose-applications-new@11"]);
    // Counted in 条 as well (`共收到政府信息公开申请0条`).
    let tiao = text.replacen("全年新收政府信息公开申请42件", "全年新收政府信息公开申请45条", 1);
    assert_eq!(findings_of(&tiao, &["prose-"]), ["prose-applications-new@11"]);
    let tiao_right = text.replacen("全年新收政府信息公开申请42件", "全年新收政府信息公开申请42条", 1);
    assert_eq!(findings_of(&tiao_right, &["prose-"]), Vec::<String>::new());
    // `1,042件` is 1042, not the table's 42.
    let grouped = text.replacen("全年新收政府信息公开申请42件", "全年新收政府信息公开申请1,042件", 1);
    assert_eq!(findings_of(&grouped, &["prose-"]), ["prose-applications-new@11"]);
    // A count in words: 四十二件 is 42, 四十五件 is not; 三件 carried to next year, 五件 not.
    for (words, found) in [
        ("全年新收政府信息公开申请四十二件", vec![]),
        ("全年新收政府信息公开申请四十五件", vec!["prose-applications-new@11"]),
        // Past a hundred too, read whole (not its last digit): 一百零五 is 105.
        ("全年新收政府信息公开申请一百零五件", vec!["prose-applications-new@11"]),
        (
            "全年新收政府信息公开申请三千一百二十一件",
            vec!["prose-applications-new@11"],
        ),
    ] {
        let said = text.replacen("全年新收政府信息公开申请42件", words, 1);
        assert_eq!(findings_of(&said, &["prose-"]), found, "{words}");
    }
    for (words, found) in [
        ("结转下年度继续办理三件", vec![]),
        ("结转下年度继续办理两件", vec!["prose-applications-carried-next@11"]),
        // Not a count: a guess, the deputies' proposals, words said for 150 (一百五).
        ("结转下年度继续办理一百五件", vec![]),
        ("另有数十件申请结转下年度继续办理", vec![]),
        ("结转下年度继续办理3件，人大代表建议两件结转下年度办理", vec![]),
    ] {
        let said = text.replacen("结转下年度继续办理3件", words, 1);
        assert_eq!(findings_of(&said, &["prose-"]), found, "{words}");
    }
    let next_wrong = text.replacen("结转下年度继续办理3件", "结转下年度继续办理5件", 1);
    assert_eq!(
        findings_of(&next_wrong, &["prose-"]),
        ["prose-applications-carried-next@11"]
    );
    // A comparison with last year is not a statement of this year's number.
    let compare = text.replacen(
        "全年新收政府信息公开申请42件",
        "全年新收政府信息公开申请42件（上年全年新收申请45件）",
        1,
    );
    assert_eq!(findings_of(&compare, &["prose-"]), Vec::<String>::new());
}

#[test]
fn prose_numbers_that_are_not_this_years_agencys_own_are_left_alone() {
    // clean-2021: 新收…申请54件，上年结转3件，办结54件; table 三 agrees.
    let spot = ProseSpot::applications_2021();
    let with = |s: &str| spot.with(s);
    for sentence in [
        // Another year's figure, beside this year's or compared.
        "2021年共收到政府信息公开申请54件，2020年共收到政府信息公开申请40件，增长35%。",
        "与2020年全年收到政府信息公开申请40件相比，申请量明显上升。",
        // 其中 before a comma still makes the clause a part.
        "其中，局属监测站共收到政府信息公开申请12件。",
        // Applications of another kind, at a service window.
        "政务服务窗口全年共受理各类申请3200件。",
        "政务服务窗口全年共收到申请320件，办结318件。",
        "全年共受理行政许可事项3200件，共办结3180件。",
        // Part of the year.
        "上半年共收到政府信息公开申请30件，下半年24件。",
        "12月份共收到政府信息公开申请9件。",
        // New and carried over together.
        "全年共办理政府信息公开申请57件（含上年结转3件），已办结54件。",
        // Reviews handled as the review body.
        "全年共办理行政复议案件120件。",
        // Last year's figures, the 办结 after them too.
        "2020年共收到政府信息公开申请40件，办结40件。",
        // Another unit's figure, named before it.
        "从部门分布看，区住建局全年共收到政府信息公开申请20件，数量最多。",
        "局属监测站全年共收到政府信息公开申请12件。",
        // Counts over several years.
        "自2008年《条例》施行以来，累计办理政府信息公开申请523件。",
        "《条例》施行以来，累计收到政府信息公开申请436件。",
        "近三年共收到政府信息公开申请169件，申请数量总体平稳。",
        "截至2021年底，本局累计办理政府信息公开申请329件。",
        "2019年至2021年，我局共收到政府信息公开申请150件。",
        "近三年内，我局共收到政府信息公开申请150件。",
        "截至本年度末，我局累计收到政府信息公开申请523件。",
        "近三年，我局申请均当年办结，累计收到政府信息公开申请150件。",
        // One month's, one channel's, the agency's own level, the area's whole.
        "12月共收到政府信息公开申请9件，为全年最多。",
        "1—6月共收到政府信息公开申请30件。",
        "全年通过政府网站共收到申请40件。",
        "局本级共收到政府信息公开申请40件。",
        "本年度，全县共收到政府信息公开申请1032件。",
        "办结上年结转申请3件，办结本年新收申请51件。",
        // This year's new ones done: the new less those carried to next year.
        "全年共收到信息公开申请54件，当年办结51件。",
        // Other matters' counts done or carried over.
        "全年受理行政许可申请1260件，办结1250件。",
        "全年行政许可申请共受理1260件，办结1250件。",
        "全年行政许可申请1260件，已办结1250件，正在办理中10件。",
        "处理群众信访申请30件，结转下年度继续办理2件。",
        "2021年12月共收到政府信息公开申请5件。",
        "全年办理人大代表建议和政协提案共20件，结转下年度办理2件。",
        "全年收到12345热线工单326件，办结320件，结转下年度6件。",
        // The agency as the review body; reviews and lawsuits counted together.
        "作为行政复议机关，全年收到政府信息公开类行政复议申请15件，均已依法审结。",
        "全年收到涉及政府信息公开的行政复议申请15件（本局为复议机关）。",
        "全年收到政府信息公开类行政复议申请15件，其中以本局为被申请人的5件。",
        "全年行政复议、行政诉讼共7件，均依法应诉、答复。",
    ] {
        assert_eq!(
            findings_of(&with(sentence), &["prose-"]),
            Vec::<String>::new(),
            "{sentence}"
        );
    }
    // The 办结 after the applications in the same sentence is judged, in its own clause.
    let done = spot.base.replacen("上年结转3件，办结54件", "上年结转3件，办结55件", 1);
    assert_ne!(done, spot.base);
    assert_eq!(findings_of(&done, &["prose-"]), ["prose-applications-done@11"]);
    let done = with("全年共收到信息公开申请54件，当年办结55件。");
    assert_eq!(findings_of(&done, &["prose-"]), ["prose-applications-done@11"]);
    // The agency's own count, however it is worded, is checked; by its own
    // name too (the title's).
    for sentence in [
        "我局收到政府信息公开申请55件。",
        "全年共计收到政府信息公开申请55件。",
        "全年共接收政府信息公开申请55件。",
        "全年共收到依申请公开政府信息申请55件。",
        "示例市生态环境局全年共收到政府信息公开申请55件。",
        // A channel named before it is no other unit.
        "我局通过政府网站、信函等方式共收到政府信息公开申请55件。",
        // The report year named after a count over several years, or opening it.
        "自2008年以来累计收到申请436件，2021年收到政府信息公开申请55件。",
        "2021年以来，我局共收到政府信息公开申请55件。",
        "全年累计收到政府信息公开申请55件。",
    ] {
        assert_eq!(
            findings_of(&with(sentence), &["prose-"]),
            ["prose-applications-new@11"],
            "{sentence}"
        );
    }
}

/// clean-2021 with every 0 of table 三 written as `placeholder`.
fn zeros_written_as(placeholder: &str) -> String {
    let text = fixture("sections/clean-2021.txt");
    let (start, end) = (
        text.find("三、收到和处理").unwrap(),
        text.find("四、政府信息公开行政复议").unwrap(),
    );
    let table: String = text[start..end]
        .split('\n')
        .map(|line| {
            line.split('\t')
                .map(|cell| if cell == "0" { placeholder } else { cell })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!("{}{table}{}", &text[..start], &text[end..])
}

#[test]
fn a_table_that_writes_its_zeros_as_dashes_is_still_summed() {
    for placeholder in ["—", "/"] {
        let text = zeros_written_as(placeholder);
        assert!(text.contains(&format!("4.保护第三方合法权益\t2\t1\t{placeholder}")));
        // Said (a statistics table takes numbers), but no sum fails.
        let found = findings(&text, &check(&text));
        assert!(found.iter().all(|f| f.starts_with("cell-placeholder@")), "{found:?}");
        assert!(!found.is_empty());
        // One wrong total in it is found, and the note says what was read as 0.
        let wrong = text.replacen(
            &format!("4.保护第三方合法权益\t2\t1\t{placeholder}\t{placeholder}\t{placeholder}\t{placeholder}\t3"),
            &format!("4.保护第三方合法权益\t2\t1\t{placeholder}\t{placeholder}\t{placeholder}\t{placeholder}\t4"),
            1,
        );
        assert_ne!(wrong, text);
        let d = check(&wrong);
        let total = d
            .iter()
            .find(|d| d.rule == "applications-row-total")
            .expect("the row total");
        assert_eq!(&wrong[total.primary.span.start..total.primary.span.end], "4");
        assert!(total.notes.iter().any(|n| n.contains("占位符")), "{:?}", total.notes);
    }
}

#[test]
fn a_user_relation_in_a_user_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    std::fs::write(
        &rules,
        r#"
[[rule]]
id = "granted-exceeds-new"
kind = "sum"
check = "relation"
table = "三"
each = "column"
relation = "三.一 <= 一 + 二"
severity = "warning"
message = { zh = "表三“{column}”列：予以公开（{left}）多于收到的申请（{right}）", en = "column {column}: more granted ({left}) than received ({right})" }
"#,
    )
    .unwrap();
    let config = nianbao::Linter::load(&[rules]).unwrap();
    let text = fixture("layouts/tab-rows-2020.txt");
    assert!(check_with(&config, &text).is_empty());
    let text = bump(&text, "applications", "granted", "natural", 30);
    let text = bump(&text, "applications", "granted", "total", 30);
    let d: Vec<_> = check_with(&config, &text)
        .into_iter()
        .filter(|d| d.rule == "granted-exceeds-new")
        .collect();
    assert_eq!(d.len(), 2, "自然人 and 总计");
    assert!(
        d[0].message.starts_with("表三“自然人”列：予以公开（"),
        "{}",
        d[0].message
    );
}

#[test]
fn relation_mistakes_point_into_the_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let load = |relation: &str| {
        let rules = dir.path().join("r.toml");
        std::fs::write(
            &rules,
            format!("[[rule]]\nid = \"r\"\nkind = \"sum\"\ncheck = \"relation\"\ntable = \"applications\"\nrelation = \"{relation}\"\nmessage = {{ zh = \"a\", en = \"b\" }}\n"),
        )
        .unwrap();
        nianbao::Linter::load(&[rules]).unwrap_err()
    };
    let e = load("new + carryed == total + carried_next");
    // Table 三 has a schema per edition; the first it was bound to is named.
    assert_eq!(
        e.message,
        "unknown row `carryed` in table `applications` of edition 2019"
    );
    assert!(e.notes.iter().any(|n| n == "did you mean `carried`?"), "{:?}", e.notes);
    // The caret is on the name inside the string.
    let file = e.file.unwrap();
    assert_eq!(file.slice(e.span.unwrap()), "carryed");
    let e = load("new + == total");
    assert!(e.message.starts_with("invalid relation"), "{}", e.message);
}

#[test]
fn a_relation_on_one_editions_columns_says_to_limit_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let load = |edition: &str| {
        let rules = dir.path().join("r.toml");
        std::fs::write(
            &rules,
            format!(
                "[[rule]]\nid = \"fees-below-zero\"\nkind = \"sum\"\ncheck = \"relation\"\n{edition}table = \"二\"\neach = \"row\"\nrelation = \"fees_amount >= 0\"\nmessage = {{ zh = \"a\", en = \"b\" }}\n"
            ),
        )
        .unwrap();
        nianbao::Linter::load(&[rules])
    };
    // `fees_amount` is a column of edition 2021's table 二 only.
    let e = load("").unwrap_err();
    assert_eq!(
        e.message,
        "unknown column `fees_amount` in table `disclosure` of edition 2019"
    );
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("add `edition = \"2021\"` to the rule")),
        "{:?}",
        e.notes
    );
    // Limited to the wrong edition: the `edition` field is pointed at.
    let e = load("edition = \"2019\"\n").unwrap_err();
    let file = e.file.as_ref().unwrap();
    assert_eq!(file.slice(e.labels[0].0), "\"2019\"");
    assert!(e.labels[0].1.contains("limited to edition 2019"), "{:?}", e.labels);
    assert!(
        e.notes.iter().any(|n| n.contains("set `edition = \"2021\"`")),
        "{:?}",
        e.notes
    );
    // Limited to the right one: it loads.
    assert!(load("edition = \"2021\"\n").is_ok());
}

#[test]
fn an_unknown_edition_anywhere_lists_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.toml");
    std::fs::write(&rules, "[ruleset]\nname = \"x\"\nedition = \"2022\"\n").unwrap();
    let e = nianbao::Linter::load(&[rules]).unwrap_err();
    assert_eq!(e.message, "unknown edition `2022`");
    assert!(
        e.notes.iter().any(|n| n.contains("known editions: \"2019\", \"2021\"")),
        "{:?}",
        e.notes
    );
    assert_eq!(e.file.as_ref().unwrap().slice(e.span.unwrap()), "\"2022\"");
}

/// Where the prose tests write a sentence: the clean 2020 report (tab rows),
/// before its `（三）政府信息管理情况`, on the line that heading is on; or the
/// clean 2021 report, before its paragraph on applications.
struct ProseSpot {
    base: String,
    anchor: &'static str,
    line: usize,
}

impl ProseSpot {
    fn new() -> ProseSpot {
        ProseSpot::at("layouts/tab-rows-2020.txt", "（三）政府信息管理情况")
    }

    /// clean-2021, before `（二）依申请公开情况。`.
    fn applications_2021() -> ProseSpot {
        ProseSpot::at("sections/clean-2021.txt", "（二）依申请公开情况。")
    }

    fn at(fixture_name: &str, anchor: &'static str) -> ProseSpot {
        let base = fixture(fixture_name);
        let at = base.find(anchor).expect("the fixture has the anchor");
        ProseSpot {
            line: line_of(&base, at),
            anchor,
            base,
        }
    }

    /// The report with `sentence` written there.
    fn with(&self, sentence: &str) -> String {
        self.base
            .replacen(self.anchor, &format!("{sentence}{}", self.anchor), 1)
    }
}

#[test]
fn none_received_is_read_in_its_own_clause() {
    // Table 三 has 42 new applications: `未收到` is a mismatch whatever the next
    // clause says (last year's in brackets), and with the whole area as subject.
    let spot = ProseSpot::new();
    let at = spot.line;
    for sentence in [
        "全年未收到政府信息公开申请，办结3件（含上年结转3件）。",
        "全市未收到政府信息公开申请。",
    ] {
        assert_eq!(
            findings_of(&spot.with(sentence), &["prose-applications-new"]),
            [format!("prose-applications-new@{at}")],
            "{sentence}"
        );
    }
    // Last year's none is not this year's.
    assert_eq!(
        findings_of(&spot.with("上年未收到政府信息公开申请。"), &["prose-applications-new"]),
        Vec::<String>::new()
    );
}

#[test]
fn a_result_counted_after_a_whole_with_last_years_in_brackets_is_compared() {
    // Table 三's （一）予以公开 is 18. `（含上年结转3件）` says what the whole
    // holds; the whole is still this year's, and so are its parts.
    let spot = ProseSpot::new();
    let at = spot.line;
    let sentence = |granted: u32| format!("全年办结42件（含上年结转3件），其中予以公开{granted}件。");
    assert_eq!(
        findings_of(&spot.with(&sentence(18)), &["prose-"]),
        Vec::<String>::new()
    );
    assert_eq!(
        findings_of(&spot.with(&sentence(21)), &["prose-"]),
        [format!("prose-applications-granted@{at}")]
    );
    // A part of last year's whole is not compared, nor of a whole the brackets
    // say is last year's.
    for last_year in [
        "上年结转3件，其中予以公开2件。",
        "另办结3件（上年结转），其中予以公开2件。",
    ] {
        assert_eq!(
            findings_of(&spot.with(last_year), &["prose-"]),
            Vec::<String>::new(),
            "{last_year}"
        );
    }
}

#[test]
fn prose_applicants_handled_after_received_and_carried_to_a_named_year() {
    // Table 三: new 30 from natural persons and 12 from organisations (42), 3
    // carried over, （七）总计 42, 3 carried forward; the report is for 2020.
    let spot = ProseSpot::new();
    let with = |s: &str| spot.with(s);
    let at = spot.line;
    let right = "全年共收到政府信息公开申请42件，其中自然人申请30件，法人或其他组织申请12件。\
全年共受理政府信息公开申请45件，办结42件，结转至2021年3件。";
    assert_eq!(findings_of(&with(right), &["prose-"]), Vec::<String>::new());
    // A part changed no longer adds up to the whole it splits, either.
    let split = "prose-breakdown-applicants";
    for (from, to, rules) in [
        (
            "自然人申请30件",
            "自然人申请29件",
            vec!["prose-applications-natural", split],
        ),
        (
            "组织申请12件",
            "组织申请10件",
            vec!["prose-applications-organizations", split],
        ),
        ("办结42件", "办结40件", vec!["prose-applications-done"]),
        (
            "结转至2021年3件",
            "结转至2021年4件",
            vec!["prose-applications-carried-next"],
        ),
    ] {
        let text = right.replace(from, to);
        let mut expected: Vec<String> = rules.iter().map(|rule| format!("{rule}@{at}")).collect();
        expected.sort();
        let mut found = findings_of(&with(&text), &["prose-"]);
        found.sort();
        assert_eq!(found, expected, "{text}");
    }
    // Counted with last year's carried-over ones (受理 45 = 42 + 3, 自然人 32 =
    // 30 + 2): another reading, not a mismatch. Another year's figures are
    // not this year's.
    let other = "全年共受理政府信息公开申请45件，其中自然人申请32件。\
2019年收到政府信息公开申请40件，其中自然人申请38件。结转至2020年5件。";
    assert_eq!(findings_of(&with(other), &["prose-"]), Vec::<String>::new());
    // The carried-over 总计 unreadable: that reading of 受理 45 cannot be ruled
    // out, so nothing is said of it (the cell itself is reported).
    let broken = with_cell(&with(other), "applications", "carried", "total", "暂无");
    assert_eq!(findings_of(&broken, &["prose-"]), Vec::<String>::new());
    assert!(!findings_of(&broken, &["cell-not-number"]).is_empty());
}

#[test]
fn prose_numbers_for_handled_applications_reviews_and_lawsuits() {
    // Table 三 （七）总计 is 42; table 四: 4 reviews, 1 + 1 lawsuits.
    let spot = ProseSpot::new();
    let with = |s: &str| spot.with(s);
    let right = "全年共依法办结政府信息公开申请42件。全年共发生政府信息公开行政复议4件、行政诉讼2件。";
    assert_eq!(findings_of(&with(right), &["prose-"]), Vec::<String>::new());
    let at = spot.line;
    assert_eq!(
        findings_of(&with("全年共依法办结政府信息公开申请40件。"), &["prose-"]),
        [format!("prose-applications-done@{at}")]
    );
    assert_eq!(
        findings_of(&with("全年共发生政府信息公开行政复议3件。"), &["prose-"]),
        [format!("prose-appeals-review@{at}")]
    );
    assert_eq!(
        findings_of(&with("全年共发生政府信息公开行政诉讼1件。"), &["prose-"]),
        [format!("prose-appeals-lawsuit@{at}")]
    );
    assert_eq!(
        findings_of(
            &with("全年共有4件政府信息公开行政复议案件、2件行政诉讼案件。"),
            &["prose-"]
        ),
        Vec::<String>::new()
    );
    // A count of results, not of all the cases.
    for s in [
        "全年共有1件政府信息公开行政复议案件被依法纠错。",
        "本年度有1件行政复议案件尚未审结。",
        "全年共2起行政诉讼案件以我局败诉结案。",
    ] {
        assert_eq!(findings_of(&with(s), &["prose-"]), Vec::<String>::new(), "{s}");
    }
    // Last year's figures and parts of a whole are not this year's totals.
    assert_eq!(
        findings_of(&with("较上年行政复议3件有所增加。"), &["prose-"]),
        Vec::<String>::new()
    );
    // Reviews and lawsuits named as what applications led to, and listed together.
    for (s, rule) in [
        (
            "因政府信息公开引起的行政复议案件3件、行政诉讼案件2件。",
            "prose-appeals-review",
        ),
        (
            "因政府信息公开引起的行政复议案件4件、行政诉讼案件3件。",
            "prose-appeals-lawsuit",
        ),
        (
            "全年办理因政府信息公开申请引发的行政复议4起，行政诉讼5起。",
            "prose-appeals-lawsuit",
        ),
        // What applications led to, without 的, and its count after 共.
        (
            "因政府信息依申请公开引起行政复议3件，行政诉讼2件。",
            "prose-appeals-review",
        ),
        (
            "因政府信息公开产生行政复议共3件，未出现结果纠正案件。",
            "prose-appeals-review",
        ),
        ("因政府信息公开申请引发行政诉讼3件。", "prose-appeals-lawsuit"),
        // The count before the noun.
        ("全年共有3件政府信息公开行政复议案件。", "prose-appeals-review"),
        ("本年度发生1件行政诉讼案件。", "prose-appeals-lawsuit"),
    ] {
        assert_eq!(findings_of(&with(s), &["prose-"]), [format!("{rule}@{at}")], "{s}");
    }
    assert_eq!(
        findings_of(
            &with("全年办理因政府信息公开申请引发的行政复议4起，行政诉讼2起。"),
            &["prose-"]
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        findings_of(&with("因政府信息公开产生行政复议共4件，行政诉讼2件。"), &["prose-"]),
        Vec::<String>::new()
    );
    // More wordings of what was received and handled (new 42, （七）总计 42).
    for (s, rule) in [
        (
            "全年共发布信息300条，办结政府信息依申请公开40件。",
            "prose-applications-done",
        ),
        ("全年收到政府信息公开申请共计40件。", "prose-applications-new"),
        (
            "我局收到群众通过邮寄、网络提交的各类政府信息公开申请共计40件。",
            "prose-applications-new",
        ),
        (
            "2020年接收通过邮寄、网络提交的各类政府信息公开申请40件。",
            "prose-applications-new",
        ),
    ] {
        assert_eq!(findings_of(&with(s), &["prose-"]), [format!("{rule}@{at}")], "{s}");
        let right = s.replace("40件", "42件");
        assert_eq!(findings_of(&with(&right), &["prose-"]), Vec::<String>::new(), "{right}");
    }
    // Reviews said to be upheld, all of them or a count, against table 四's
    // 2 upheld (1 corrected, 1 pending).
    for s in [
        "全年共发生政府信息公开行政复议4件，均维持原行政行为。",
        "被申请行政复议4起，复议结果均为维持。",
        "政府信息公开行政复议4件，其中结果维持3件。",
    ] {
        assert_eq!(
            findings_of(&with(s), &["prose-"]),
            [format!("prose-appeals-review-upheld@{at}")],
            "{s}"
        );
    }
    // Nothing to say: the upheld ones as counted in table 四, and figures that
    // are no total of the year's.
    for s in [
        "政府信息公开行政复议4件，其中结果维持2件，结果纠正1件，尚未审结1件。",
        "政府信息公开行政复议4件，维持原行政行为2件。",
        // Lawsuits, and last year's, are not the year's reviews.
        "政府信息公开行政复议4件、行政诉讼2件，均维持。",
        // Reviews the agency decided as the review body.
        "本机关作为复议机关，全年办理下级机关政府信息公开行政复议案件4件，均维持原行政行为。",
        "较上年行政复议4件均获维持有所增加。",
        // Parts of what was received or handled: on time and late, one channel.
        "全年新收政府信息公开申请42件，按时答复40件，延期答复2件。",
        "全年在法定期限内办结政府信息公开申请40件，延期办结2件。",
        "2020年，我局收到通过网络提交的政府信息公开申请40件，通过信函提交的申请2件。",
        // A province's or several years' figures are not the agency's (a city's or
        // a district's may be: its government's own report says 全区).
        "本年度，全省因政府信息公开申请产生行政复议共计40件。",
        "近三年来，我局因政府信息公开引起行政复议共9件。",
        "全省因政府信息公开引起行政诉讼8起。",
    ] {
        assert_eq!(findings_of(&with(s), &["prose-"]), Vec::<String>::new(), "{s}");
    }
}

#[test]
fn prose_answered_and_carried_applications_read_across_wrapped_lines() {
    // Table 三: 42 new, 3 carried over, （七）总计 42, 3 carried forward; table 四:
    // 4 reviews, 1 + 1 lawsuits. A PDF's lines break inside words (答⏎复).
    let spot = ProseSpot::new();
    let with = |s: &str| spot.with(s);
    let at = spot.line;
    let right = "全年共受理政府信息公开申请42件，答\n复42件（含上年度结转申请3件，另有3件申请按照《条例》顺延到下年\n度答复）。政府信息公开行政复议4件，其中结果维持2件，结果纠正1件，尚未审结1件；政府信息公开行政诉讼2件。";
    assert_eq!(findings_of(&with(right), &["prose-"]), Vec::<String>::new());
    // Each wrong number, on the line where it is written.
    for (from, to, rule, line) in [
        ("复42件", "复40件", "prose-applications-answered", at + 1),
        ("结转申请3件", "结转申请2件", "prose-applications-carried", at + 1),
        ("另有3件", "另有5件", "prose-applications-carried-next", at + 1),
        (
            "行政复议4件，其中结果维持2件，结果纠正1件，尚未审结1件",
            "行政复议5件，其中结果维持2件，结果纠正1件，尚未审结2件",
            "prose-appeals-review",
            at + 2,
        ),
        ("行政诉讼2件", "行政诉讼3件", "prose-appeals-lawsuit", at + 2),
    ] {
        let text = right.replace(from, to);
        assert_eq!(
            findings_of(&with(&text), &["prose-"]),
            [format!("{rule}@{line}")],
            "{text}"
        );
    }
    // 办结 N 件（含上年结转 M 件） is every application handled; a part of the
    // carried-over ones is not their number.
    assert_eq!(
        findings_of(&with("办结42件（含上年结转3件）。办结上年结转申请2件。"), &["prose-"]),
        Vec::<String>::new()
    );
    assert_eq!(
        findings_of(&with("办结41件（含上年结转3件）。"), &["prose-"]),
        [format!("prose-applications-answered@{at}")]
    );
    // A part (其中……) keeps the subject of the clause before it: these are reviews.
    assert_eq!(
        findings_of(&with("本年度行政复议4件，其中上年结转1件。"), &["prose-"]),
        Vec::<String>::new()
    );
    for s in [
        "本年度共受理申请46件，其中上年结转1件。",
        "本年度共受理申请46件，同比增长15%，其中上年结转1件。",
    ] {
        assert_eq!(
            findings_of(&with(s), &["prose-applications-carried"]),
            [format!("prose-applications-carried@{at}")],
            "{s}"
        );
    }
}

#[test]
fn prose_other_handling_is_a_row_in_2019_and_a_group_in_2021() {
    // 2020 report (edition 2019): （六）其他处理 is one row, 1.
    let spot = ProseSpot::new();
    assert_eq!(
        findings_of(&spot.with("办结42件，其中：其他处理1件。"), &["prose-"]),
        Vec::<String>::new()
    );
    assert_eq!(
        findings_of(&spot.with("办结42件，其中：其他处理2件。"), &["prose-"]),
        [format!("prose-applications-other@{}", spot.line)]
    );
    // 2021 edition: its three items, 1 + 0 + 2; the finding names the group's sum.
    let base = fixture("layouts/tab-cells-2021.txt");
    let anchor = "（三）政府信息管理情况。";
    let with = |s: &str| base.replacen(anchor, &format!("{s}{anchor}"), 1);
    assert_eq!(
        findings_of(&with("其中：其他处理3件。"), &["prose-"]),
        Vec::<String>::new()
    );
    let wrong = with("其中：其他处理4件。");
    assert_eq!(findings_of(&wrong, &["prose-"]), ["prose-applications-other@13"]);
    let d = check(&wrong)
        .into_iter()
        .find(|d| d.rule == "prose-applications-other")
        .unwrap();
    assert_eq!(d.notes[0], "正文 = 4，Σ（六）其他处理·总计 = 3");
    assert_eq!(
        d.secondary.len(),
        2,
        "the two items that are not zero: {:?}",
        d.secondary
    );
}

#[test]
fn prose_results_of_applications_must_match_table_three() {
    // Table 三 of this 2020 report: 予以公开 18, 部分公开 4, 不予公开 6 (items of （三）),
    // 无法提供 10, 不予处理 3.
    let spot = ProseSpot::new();
    let with = |s: &str| spot.with(s);
    let at = spot.line;
    let right = "办结42件，其中：予以公开18件；部分公开4件；不予公开6件；无法提供10件；不予处理3件。";
    assert_eq!(findings_of(&with(right), &["prose-"]), Vec::<String>::new());
    let right = "办结42件，其中：同意公开18件；部分公开4件。";
    assert_eq!(findings_of(&with(right), &["prose-"]), Vec::<String>::new());
    let together = "办结42件，其中：予以公开及部分公开22件，不予公开6件。";
    assert_eq!(findings_of(&with(together), &["prose-"]), Vec::<String>::new());
    for (wrong, rule) in [
        ("其中：予以公开17件", "prose-applications-granted"),
        ("其中：同意公开17件", "prose-applications-granted"),
        ("其中：部分公开5件", "prose-applications-partial"),
        ("其中：予以公开及部分公开21件", "prose-applications-disclosed"),
        ("；不予公开7件", "prose-applications-withheld"),
        ("；无法提供9件", "prose-applications-unavailable"),
        ("；不予处理4件", "prose-applications-rejected"),
    ] {
        let text = format!("办结42件，{wrong}。");
        assert_eq!(
            findings_of(&with(&text), &["prose-"]),
            [format!("{rule}@{at}")],
            "{text}"
        );
    }
    // One kind of applicant's results, last year's, or a result not opening its clause.
    for fine in [
        "办结42件，其中自然人申请予以公开11件。",
        "上年予以公开15件。",
        "对申请人依法予以公开5件涉及的信息进行了审查。",
    ] {
        assert_eq!(findings_of(&with(fine), &["prose-"]), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn prose_new_applications_led_by_the_year_or_naming_the_applicants() {
    // Table 三 of this 2020 report: 42 new applications.
    let spot = ProseSpot::new();
    let prose = |s: &str| findings_of(&spot.with(s), &["prose-"]);
    let at = spot.line;
    let found = [format!("prose-applications-new@{at}")];
    assert_eq!(
        prose("2020年全区受理政府信息公开申请 40 件。"),
        [format!("prose-applications-accepted@{at}")]
    );
    assert_eq!(prose("2020年，我局收到政府信息公开申请40件。"), found);
    assert_eq!(prose("全年收到公民、法人和其他组织政府信息公开申请共40件。"), found);
    // Opening its sentence, after a heading of its own (`（二）依申请公开情况。`),
    // every kind of applicant named; one kind's count is a part.
    assert_eq!(
        prose("收到公民、法人和其他组织政府信息公开申请40件，均在法定时限内办理。"),
        found
    );
    let part = findings_of(
        &spot.with("收到自然人政府信息公开申请38件，法人或其他组织申请4件。"),
        &["prose-applications-new"],
    );
    assert_eq!(part, Vec::<String>::new());
    // How they came, then the whole.
    assert_eq!(
        prose("2020年全区接收通过邮寄、网络提交的各类政府信息公开申请共计40件。"),
        found
    );
    // 依申请 before the words; an office acting for (代表) its government.
    assert_eq!(prose("2020年度我局共收到依申请信息公开40件。"), found);
    assert_eq!(
        prose("区政府办公室代表区政府共受理政府信息公开申请40件，申请数量较去年回落。"),
        [format!("prose-applications-accepted@{at}")]
    );
    // Proposals of the people's congress deputies are not applications.
    assert_eq!(
        prose("全年共收到人大代表建议政府信息公开申请40件。"),
        Vec::<String>::new()
    );
    // A township's, a sub-district's or an institution's own subject.
    for subject in ["我街道", "我镇", "我乡", "我中心", "我院", "我单位", "本街道"] {
        assert_eq!(
            prose(&format!("全年{subject}新收政府信息公开申请40件。")),
            found,
            "{subject}"
        );
    }
    assert_eq!(prose("2020年，全镇收到政府信息公开申请40件。"), found);
    // A unit of the bureau's (its station, its institute) is not the bureau.
    for unit in ["我站", "我所", "我支队"] {
        assert_eq!(
            prose(&format!("全年{unit}收到政府信息公开申请40件。")),
            Vec::<String>::new(),
            "{unit}"
        );
    }
    // The report year's own figure agrees; another year's is not compared.
    for fine in [
        "2020年度我局共收到依申请信息公开42件。",
        "全年我街道新收政府信息公开申请42件。",
        "2020年全区受理政府信息公开申请 42 件。",
        "2019年全区受理政府信息公开申请 40 件，2020年增至42件。",
        "全年收到公民、法人和其他组织政府信息公开申请共42件。",
        "收到公民、法人和其他组织政府信息公开申请42件，均在法定时限内办理。",
        "2020年全区接收通过邮寄、网络提交的各类政府信息公开申请共计42件。",
        "2019年全区接收通过邮寄、网络提交的各类政府信息公开申请共计40件。",
    ] {
        assert_eq!(prose(fine), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn prose_results_after_their_reason_and_done_in_the_year() {
    // Table 三: 42 done, 10 unavailable (8 + 1 + 1), 3 rejected (2 + 1).
    let spot = ProseSpot::new();
    let with = |s: &str| spot.with(s);
    let at = spot.line;
    let right = "当年办结42件，其中因本机关不掌握等原因无法提供10件，属信访、重复申请等不予处理3件。";
    assert_eq!(findings_of(&with(right), &["prose-"]), Vec::<String>::new());
    assert_eq!(
        findings_of(&with(&right.replace("无法提供10件", "无法提供12件")), &["prose-"]),
        [format!("prose-applications-unavailable@{at}")]
    );
    assert_eq!(
        findings_of(&with(&right.replace("不予处理3件", "不予处理5件")), &["prose-"]),
        [format!("prose-applications-rejected@{at}")]
    );
    assert_eq!(
        findings_of(&with(&right.replace("当年办结42件", "当年办结40件")), &["prose-"]),
        [format!("prose-applications-done@{at}")]
    );
    // The reply named after the result: 因无法提供相关信息答复N件.
    let replied = "当年办结42件，其中予以公开18件，因无法提供相关信息答复10件。";
    assert_eq!(
        findings_of(&with(replied), &["prose-applications-unavailable"]),
        Vec::<String>::new()
    );
    assert_eq!(
        findings_of(
            &with(&replied.replace("答复10件", "答复2件")),
            &["prose-applications-unavailable"]
        ),
        [format!("prose-applications-unavailable@{at}")]
    );
}

#[test]
fn accepted_applications_may_count_the_carried_over_ones_received_may_not() {
    // Table 三: 42 new, 3 carried over from last year.
    let spot = ProseSpot::new();
    let with = |s: &str| spot.with(s);
    let at = spot.line;
    // 受理 45 = 42 + 3: the carried-over ones are counted as accepted too.
    let accepted = "全年共受理政府信息公开申请45件，共办结42件，结转下年度3件。";
    assert_eq!(findings_of(&with(accepted), &["prose-"]), Vec::<String>::new());
    // Neither reading gives 46, and the finding says what the other would be.
    let wrong = "全年共受理政府信息公开申请46件。";
    assert_eq!(
        findings_of(&with(wrong), &["prose-"]),
        [format!("prose-applications-accepted@{at}")]
    );
    let finding = check(&with(wrong))
        .into_iter()
        .find(|d| d.rule == "prose-applications-accepted")
        .unwrap();
    assert!(
        finding
            .notes
            .iter()
            .any(|n| n == "也不等于另一种读法 一·总计 + 二·总计 = 45"),
        "{:?}",
        finding.notes
    );
    // 公开申请 for 政府信息公开申请 is read too.
    assert_eq!(
        findings_of(&with("我办共受理公开申请46件。"), &["prose-"]),
        [format!("prose-applications-accepted@{at}")]
    );
    assert_eq!(
        findings_of(&with("我局共收到公开申请45件。"), &["prose-"]),
        [format!("prose-applications-new@{at}")]
    );
    // 收到 and 新收 are this year's alone.
    for received in ["全年共收到政府信息公开申请45件。", "全年新收政府信息公开申请45件。"]
    {
        assert_eq!(
            findings_of(&with(received), &["prose-"]),
            [format!("prose-applications-new@{at}")],
            "{received}"
        );
    }
}

#[test]
fn a_wrong_summand_of_a_row_and_a_column_is_one_finding_on_it() {
    for (f, edition) in CLEAN {
        // One more granted to 自然人, totals untouched: the row total and the
        // column's results total both fail by 1, and share only that cell.
        let text = bump(&fixture(f), "applications", "granted", "natural", 1);
        let cell = cell_span(&text, "applications", "granted", "natural");
        assert_eq!(
            sums(&text),
            [format!("applications-row-total@{}", line_of(&text, cell.start))],
            "{f} ({edition})"
        );
        let d = check(&text);
        let found = d.iter().find(|d| d.rule == "applications-row-total").unwrap();
        assert_eq!(found.primary.span, cell, "{f}: the primary label is on 自然人");
        assert!(
            found.notes.iter().any(|n| n.contains("applications-results-total")),
            "{f}"
        );
    }
}

#[test]
fn an_unreadable_table_still_checks_rows_that_stand_alone() {
    // Ten sub-rows of table 三 lose their labels: the table cannot be read as a
    // whole, but each row with its label and cells on one marked line can.
    let mut text = fixture("layouts/pipes-2022.md");
    for label in [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
    ] {
        text = text.replacen(&format!("| {label} |"), "| ？ |", 1);
    }
    assert_eq!(
        findings_of(&text, &["applications-", "table-unreadable"]),
        ["table-unreadable@45"]
    );
    let broken = text.replacen(
        "| 一、本年新收政府信息公开申请数量 |  | 56 |",
        "| 一、本年新收政府信息公开申请数量 |  | 57 |",
        1,
    );
    assert_eq!(
        findings_of(&broken, &["applications-", "table-unreadable"]),
        ["table-unreadable@45", "applications-row-total@49"]
    );
    let d = check(&broken)
        .into_iter()
        .find(|d| d.rule == "applications-row-total")
        .unwrap();
    assert!(d.notes.iter().any(|n| n.contains("只核对了本行")), "{:?}", d.notes);
    // A blank in a row that stands alone is reported as in a readable table.
    let blank = text.replacen(
        "| 二、上年结转政府信息公开申请数量 |  | 3 |",
        "| 二、上年结转政府信息公开申请数量 |  |  |",
        1,
    );
    assert_eq!(
        findings_of(&blank, &["applications-", "table-unreadable", "cell-"]),
        ["table-unreadable@45", "cell-empty@50"]
    );
    // Nothing across rows: a wrong number in a column sum's total row alone
    // breaks its own row, not the column.
    let column = text.replacen(
        "| 四、结转下年度继续办理 |  | 4 |",
        "| 四、结转下年度继续办理 |  | 5 |",
        1,
    );
    assert_eq!(
        findings_of(&column, &["applications-", "table-unreadable"]),
        ["table-unreadable@45", "applications-row-total@76"]
    );
}

#[test]
fn a_number_not_filled_in_yet_holds_its_cell_in_every_layout() {
    // Table 四's one data row has no label: a draft's `XX` in it was dropped,
    // the row came out a cell short and the table was given up as unreadable.
    for (f, _) in CLEAN {
        for (table, row, column) in [
            ("appeals", "cases", "direct.corrected"),
            ("applications", "granted", "commercial"),
        ] {
            for mark in ["XX", "×"] {
                let text = with_cell(&fixture(f), table, row, column, mark);
                let at = line_of(&text, cell_span(&text, table, row, column).start);
                let found = findings_of(&text, &["cell-", "table-", "applications-", "appeals-"]);
                assert!(
                    found
                        .iter()
                        .any(|x| x == &format!("cell-not-number@{at}") || x == &format!("cell-placeholder@{at}")),
                    "{f} {table} {mark}: {found:?}"
                );
                assert!(
                    !found.iter().any(|x| x.starts_with("table-unreadable")),
                    "{f} {table} {mark}: {found:?}"
                );
            }
        }
    }
}

#[test]
fn a_number_left_out_of_table_four_in_pdf_layout_text_is_a_short_row() {
    // Table 四 has one data row: with one count blanked (spaces keep the
    // columns) there is no full row to place the others by. The row is a cell
    // short, said at the row; the table is not given up as unreadable.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let cell = cell_span(&text, "appeals", "cases", "direct.upheld");
    let mut blanked = text.clone();
    blanked.replace_range(cell.start..cell.end, &" ".repeat(cell.end - cell.start));
    let at = line_of(&blanked, cell.start);
    assert_eq!(
        findings_of(&blanked, &["table-", "appeals-", "cell-"]),
        [format!("table-row-shape@{at}")]
    );
    // Two numbers left out: which columns they were cannot be told; the table
    // stays unread, as before.
    let other = cell_span(&text, "appeals", "cases", "after.total");
    blanked.replace_range(other.start..other.end, &" ".repeat(other.end - other.start));
    let found = findings_of(&blanked, &["table-", "appeals-", "cell-"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("table-unreadable@"), "{found:?}");
}

#[test]
fn a_row_whose_values_stand_apart_is_not_blamed_for_them() {
    // A converter wrote a row's label on a line of its own and its numbers as
    // a row without a label further down (and a row was deleted, so no
    // placement by the table's relations fits). The numbers are in the table,
    // astray: the row without values is not reported as short of them.
    let text = fixture("layouts/pipes-2022.md");
    let row = "|  |  | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    let deleted = "|  |  | 2.重复申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n";
    let total = "|  | （七）总计 |";
    for part in [row, deleted, total] {
        assert_eq!(text.matches(part).count(), 1, "{part}");
    }
    let apart = text
        .replacen(row, "5.要求行政机关确认或重新出具已获取信息\n", 1)
        .replacen(deleted, "", 1);
    let astray = apart.replacen(total, &format!("|  |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n{total}"), 1);
    let found = findings_of(&astray, &["table-"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("table-row-missing@"), "{found:?}");
    // With no numbers astray, a row without values is still said to be short.
    let found = findings_of(&apart, &["table-"]);
    assert!(found.iter().any(|f| f.starts_with("table-row-shape@")), "{found:?}");
}

#[test]
fn a_short_sentence_right_after_a_table_is_text_not_cells() {
    // `全年行政复议4件。` under table 四's data row, one blank line between:
    // no label ends in a full stop, so the table ends before it and the
    // sentence is checked against the table (5 reviews).
    let text = fixture("sections/clean-2021.txt");
    let row = text.lines().find(|l| l.starts_with("3\t1\t0\t1\t5")).unwrap();
    let at = text.lines().position(|l| l == row).unwrap() + 3;
    for (sentence, found) in [
        ("全年行政复议4件。", vec![format!("prose-appeals-review@{at}")]),
        ("全年行政复议5件。", vec![]),
    ] {
        let edited = text.replacen(&format!("{row}\n"), &format!("{row}\n\n{sentence}\n"), 1);
        assert_eq!(
            findings_of(&edited, &["prose-", "table-", "cell-"]),
            found,
            "{sentence}"
        );
        let doc = document(&edited);
        assert!(table(&doc, "appeals").orphans.is_empty(), "{sentence}");
    }
}

#[test]
fn merged_label_cells_copied_into_one_are_read_as_their_labels() {
    // A converter that writes a merged group label and the row label in one
    // cell (`三、本年度办理结果（一）予以公开`), with or without a space.
    let text = fixture("sections/clean-2021.txt");
    let clean = findings(&text, &check(&text));
    for sep in ["", " "] {
        let joined = text
            .replacen(
                "三、本年度办理结果\t（一）予以公开",
                &format!("三、本年度办理结果{sep}（一）予以公开"),
                1,
            )
            .replacen(
                "（三）不予公开\t1.属于国家秘密",
                &format!("（三）不予公开{sep}1.属于国家秘密"),
                1,
            );
        assert_ne!(joined, text);
        assert_eq!(findings(&joined, &check(&joined)), clean, "{sep:?}");
        let doc = document(&joined);
        assert_eq!(
            row_values(&doc, "applications", "granted").unwrap(),
            ["12", "5", "1", "2", "1", "0", "21"],
            "{sep:?}"
        );
        assert_eq!(
            row_values(&doc, "applications", "withheld.secret").unwrap(),
            ["1", "0", "0", "0", "0", "0", "1"],
            "{sep:?}"
        );
    }
    // In Markdown, the two labels with a line break between (`<br>`, taken out of the cell).
    let md = fixture("layouts/pipes-2022.md");
    let clean = findings(&md, &check(&md));
    let joined = md
        .replacen(
            "| 三、本年度办理结果 | （一）予以公开 |",
            "| 三、本年度办理结果<br>（一）予以公开 |",
            1,
        )
        .replacen(
            "| （三）不予公开 | 1.属于国家秘密 |",
            "| （三）不予公开<br/>1.属于国家秘密 |",
            1,
        );
    assert_ne!(joined, md);
    assert_eq!(findings(&joined, &check(&joined)), clean);
    assert_eq!(
        row_values(&document(&joined), "applications", "granted").unwrap(),
        ["18", "6", "0", "1", "2", "1", "28"]
    );
}

#[test]
fn table_four_without_its_header_is_its_line_of_fifteen_counts() {
    // The header lost (an image in a PDF): under the section heading, only the
    // data row, with spaces or tabs between its fifteen counts.
    let text = fixture("sections/clean-2021.txt");
    let clean = findings(&text, &check(&text));
    let lines: Vec<&str> = text.lines().collect();
    let row = lines.iter().position(|l| l.starts_with("3\t1\t0\t1\t5")).unwrap();
    assert!(lines[row - 3].starts_with("行政复议\t"));
    let counts = |total: &str| format!("3 1 0 1 {total} 1 1 0 0 2 1 0 0 1 2");
    for sep in [" ", "\t", "  "] {
        let headless = |total: &str| {
            let mut kept: Vec<String> = lines[..row - 3].iter().map(|l| l.to_string()).collect();
            kept.push(counts(total).replace(' ', sep));
            kept.extend(lines[row + 1..].iter().map(|l| l.to_string()));
            kept.join("\n") + "\n"
        };
        let at = |f: &String| f.split('@').next().unwrap().to_string();
        let rules = |t: &str| findings(t, &check(t)).iter().map(at).collect::<Vec<_>>();
        assert_eq!(
            rules(&headless("5")),
            clean.iter().map(at).collect::<Vec<_>>(),
            "{sep:?}"
        );
        let doc = document(&headless("5"));
        assert_eq!(
            row_values(&doc, "appeals", "cases").unwrap().join(" "),
            counts("5"),
            "{sep:?}"
        );
        // And it is checked: a total that is not its parts' sum.
        assert!(
            rules(&headless("6")).contains(&"appeals-group-total".to_string()),
            "{sep:?}"
        );
    }
}

#[test]
fn table_four_as_three_captioned_tables() {
    // One small table per group, each under a caption: bold in Markdown, or
    // numbered as the section's items (`（一）行政复议情况`).
    let text = fixture("sections/clean-2021.txt");
    let lines: Vec<&str> = text.lines().collect();
    let row = lines.iter().position(|l| l.starts_with("3\t1\t0\t1\t5")).unwrap();
    let header = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计";
    let md_header = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|";
    let md = |cells: &str| format!("| {} |", cells.replace('\t', " | "));
    for direct in ["1\t1\t0\t0\t2", "1\t1\t0\t0\t3"] {
        let layouts = [
            format!(
                "（一）行政复议情况\n{header}\n3\t1\t0\t1\t5\n（二）行政诉讼情况\n1.未经复议直接起诉\n{header}\n{direct}\n2.复议后起诉\n{header}\n1\t0\t0\t1\t2"
            ),
            format!(
                "**行政复议**\n\n{md_header}\n{}\n\n**行政诉讼（未经复议直接起诉）**\n\n{md_header}\n{}\n\n**行政诉讼（复议后起诉）**\n\n{md_header}\n{}",
                md("3\t1\t0\t1\t5"),
                md(direct),
                md("1\t0\t0\t1\t2")
            ),
        ];
        for layout in layouts {
            let edited = format!(
                "{}\n{layout}\n{}\n",
                lines[..row - 3].join("\n"),
                lines[row + 1..].join("\n")
            );
            let doc = document(&edited);
            assert_eq!(
                row_values(&doc, "appeals", "cases").unwrap().join(" "),
                format!("3 1 0 1 5 {} 1 0 0 1 2", direct.replace('\t', " ")),
                "{layout}"
            );
            let found = findings_of(&edited, &["appeals-", "table-"]);
            match direct.ends_with('2') {
                true => assert_eq!(found, Vec::<String>::new(), "{layout}"),
                false => assert!(
                    found.iter().any(|f| f.starts_with("appeals-group-total@")),
                    "{layout}: {found:?}"
                ),
            }
        }
    }
}

#[test]
fn table_four_with_every_cell_blank_is_there_and_blank() {
    let text = fixture("sections/clean-2021.txt");
    let row = "3\t1\t0\t1\t5\t1\t1\t0\t0\t2\t1\t0\t0\t1\t2";
    assert!(text.contains(row));
    let blank = text.replacen(row, &"\t".repeat(14), 1);
    let found = findings_of(&blank, &["cell-", "table-"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("cell-empty@"), "{found:?}");
    // A blank spacer row between the header and the numbers: the numbers are the row.
    let spaced = text.replacen(row, &format!("{}\n{row}", "\t".repeat(14)), 1);
    assert_eq!(findings(&spaced, &check(&spaced)), Vec::<String>::new());
}

#[test]
fn none_said_in_words_is_zero_against_the_tables() {
    // Table 三's new applications: 42 (see above); table 四: 4 reviews, 1 + 1 lawsuits.
    let spot = ProseSpot::new();
    let at = spot.line;
    let said = |s: &str| findings_of(&spot.with(s), &["prose-"]);
    assert_eq!(
        said("本年度我局未收到政府信息公开申请。"),
        [format!("prose-applications-new@{at}")]
    );
    assert_eq!(
        said("全年未发生政府信息公开行政复议、行政诉讼案件。"),
        [
            format!("prose-appeals-lawsuit@{at}"),
            format!("prose-appeals-review@{at}")
        ]
    );
    assert_eq!(said("本年度无行政诉讼案件。"), [format!("prose-appeals-lawsuit@{at}")]);
    // Worded as real reports word it: raised by whom, against whom, of what kind.
    for none in [
        "本年度未收到因政府信息公开提出的行政复议、行政诉讼的申请。",
        "我局依法答复，没有因政府信息公开针对区公安局申请行政复议或行政诉讼的情况。",
        "本年度未收到政府信息公开类行政复议申请及行政诉讼案件。",
        "全年无电话咨询，也无因政府信息公开申请行政复议、提起行政诉讼的案件。",
    ] {
        assert_eq!(
            said(none),
            [
                format!("prose-appeals-lawsuit@{at}"),
                format!("prose-appeals-review@{at}")
            ],
            "{none}"
        );
    }
    // Shown as 0 on the words that say so.
    let text = spot.with("本年度未发生因政府信息公开被申请行政复议的情况。");
    let d = check(&text);
    let f = d.iter().find(|d| d.rule == "prose-appeals-review").expect("review");
    assert_eq!(
        &text[f.primary.span.start..f.primary.span.end],
        "本年度未发生因政府信息公开被申请行政复议的情况"
    );
    assert!(f.message.contains("0 ≠ 4"), "{}", f.message);
    // None of one outcome, or an applicant's choice, is not none at all.
    for s in [
        "全年未发生因政府信息公开被行政复议纠错或行政诉讼败诉的情况。",
        "申请人未申请行政复议，直接提起行政诉讼。",
        "未发生被纠错的行政复议案件。",
        "对逾期未收到答复的申请人，我局逐一电话说明。",
        // A channel, a part of the agency, or a goal: not the year's whole.
        "全年通过信函方式未收到政府信息公开申请。",
        "我局机关本级未收到政府信息公开申请。",
        "下一步，力争全年无行政复议、行政诉讼。",
        "市本级未发生行政复议、行政诉讼。",
    ] {
        assert_eq!(said(s), Vec::<String>::new(), "{s}");
    }
}

/// The rule ids a text gets, lines left out (an edit moves them).
fn rule_ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = findings_of(text, &[""])
        .into_iter()
        .map(|f| f.split('@').next().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// `text` with `insert` written right after each table: on its own line, or
/// run on where the table's last row is run into the text.
fn after_each_table(text: &str, insert: &str) -> String {
    let doc = document(text);
    let mut ends: Vec<usize> = doc.tables.iter().map(|t| t.span.end).collect();
    ends.sort_unstable();
    let mut out = text.to_string();
    for end in ends.into_iter().rev() {
        let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |k| end + k);
        if text[end..line_end].trim_matches([' ', '\t', '|']).is_empty() {
            let newline = if text.contains('\n') { "\n" } else { "\r" };
            out.insert_str(line_end, &format!("{newline}{insert}"));
        } else {
            out.insert_str(end, insert);
        }
    }
    out
}

#[test]
fn a_note_with_dates_after_a_table_is_not_its_cells() {
    // `注：本表数据统计时间为1月1日至12月31日。` under a table: its numbers
    // were the last row's cells (a long row, digits that balance in no split).
    for (f, _) in CLEAN.iter().chain(&[("layouts/run-together-2021.txt", "2021")]) {
        let text = fixture(f);
        let before = rule_ids(&text);
        for note in [
            "注：本表数据统计时间为1月1日至12月31日，共3张表。",
            "说明：本表共12项，单位为件。",
        ] {
            let edited = after_each_table(&text, note);
            std::fs::write(format!("/tmp/edited-{}", f.replace("/", "_")), &edited).unwrap();
            assert_ne!(edited, text);
            assert_eq!(rule_ids(&edited), before, "{f}: {note}");
        }
    }
}

#[test]
fn a_heading_spaced_after_its_number_ends_the_table_before_it() {
    // `五、 存在的主要问题…` with a space after its number, right under table
    // 四, was taken into the table with the year of the sentence after it.
    for (f, _) in CLEAN.iter().chain(&[("layouts/run-together-2021.txt", "2021")]) {
        let text = fixture(f);
        let before = rule_ids(&text);
        let spaced = text
            .replacen(
                "三、收到和处理政府信息公开申请情况",
                "三、 收到和处理政府信息公开申请情况",
                1,
            )
            .replacen("四、政府信息公开行政复议", "四、 政府信息公开行政复议", 1)
            .replacen("五、存在的主要问题", "五、 存在的主要问题", 1);
        assert_ne!(spaced, text, "{f}");
        assert_eq!(rule_ids(&spaced), before, "{f}");
    }
}

#[test]
fn text_run_on_after_the_last_row_of_a_table_is_not_its_cells() {
    // `行政事业性收费5949.09(二)主动公开政府信息的主要类别2023年，……107条……`:
    // the words after the table's last row, all its cells read, end the table.
    let text = fixture("layouts/run-together-2021.txt");
    let edited = text.replacen(
        "行政事业性收费12.5",
        "行政事业性收费12.5(二)主动公开政府信息的主要类别2021年，在主动公开的107条政府信息中，政策文件共7条。",
        1,
    );
    assert_ne!(edited, text);
    let doc = document(&edited);
    let fee = row_values(&doc, "disclosure", "fees").expect("the fee row");
    assert_eq!(fee, ["12.5"]);
    assert_eq!(findings_of(&edited, &["table-"]), findings_of(&text, &["table-"]));
}

/// The whole lines a span touches.
fn whole_lines(text: &str, span: nianbao::source::Span) -> std::ops::Range<usize> {
    let start = text[..span.start].rfind(['\n', '\r']).map_or(0, |k| k + 1);
    let end = text[span.end..].find(['\n', '\r']).map_or(text.len(), |k| span.end + k);
    start..end
}

#[test]
fn a_table_pasted_twice_on_a_page_of_one_line_is_said_and_read_once() {
    // The copy right after the last row, no line between: the first reading ran
    // on into it, every row named twice, and table 三 went unchecked.
    let text = fixture("layouts/run-together-2021.txt");
    let from = text.find("（本列数据").unwrap();
    let end = text.find("四、结转下年度继续办理2000002").unwrap() + "四、结转下年度继续办理2000002".len();
    let twice = format!("{}{}{}", &text[..end], &text[from..end], &text[end..]);
    let mut expected = rule_ids(&text);
    expected.push("table-duplicated".to_string());
    expected.sort();
    assert_eq!(rule_ids(&twice), expected);
}

#[test]
fn a_table_pasted_twice_is_said_and_read_once() {
    // Table 三 or 四 twice, a blank line between: its rows were orphans of one
    // unreadable table (every check of it off), or the second copy was silent.
    for (f, _) in CLEAN {
        let text = fixture(f);
        let before = rule_ids(&text);
        let newline = if text.contains('\n') { "\n" } else { "\r" };
        for key in ["applications", "appeals"] {
            let doc = document(&text);
            let lines = whole_lines(&text, table(&doc, key).span);
            let copy = &text[lines.clone()];
            let twice = format!("{}{newline}{newline}{copy}{}", &text[..lines.end], &text[lines.end..]);
            let mut expected = before.clone();
            expected.push("table-duplicated".to_string());
            expected.sort();
            assert_eq!(rule_ids(&twice), expected, "{f}: {key}");
            // Another table under its caption is not a copy.
            let captioned = format!(
                "{}{newline}（二）全系统汇总情况{newline}{copy}{}",
                &text[..lines.end],
                &text[lines.end..]
            );
            assert!(
                !rule_ids(&captioned).contains(&"table-duplicated".to_string()),
                "{f}: {key}"
            );
            // A note naming the other table's scope is a caption too.
            let noted = format!(
                "{}{newline}注：下表为全系统汇总情况。{newline}{copy}{}",
                &text[..lines.end],
                &text[lines.end..]
            );
            assert!(
                !rule_ids(&noted).contains(&"table-duplicated".to_string()),
                "{f}: {key}"
            );
        }
    }
}

#[test]
fn a_run_with_fewer_digits_than_cells_is_a_blank_not_a_wrong_number() {
    // `0 00000` for seven cells cannot be split at all: no number is wrong, a
    // cell is blank (it was `row-digits-unbalanced`, "no split balances").
    let text = fixture("layouts/run-together-2021.txt");
    let row = "1.属于国家秘密0000000";
    assert!(text.contains(row));
    let short = text.replacen(row, "1.属于国家秘密0 00000", 1);
    let found = findings_of(&short, &["row-digits-", "table-row-shape", "cell-empty"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("row-digits-short@"), "{found:?}");
    // Single digits each set apart are cells: one short.
    let spaced = text.replacen(row, "1.属于国家秘密0 0 0 0 0 0", 1);
    let found = findings_of(&spaced, &["row-digits-", "table-row-shape", "cell-empty"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("table-row-shape@"), "{found:?}");
}

#[test]
fn a_wrapped_note_and_a_spaced_label_stay_out_of_the_table_and_in_it() {
    // A note under table 四 wrapped onto a second line (`……其中行政复议` / `1件。`):
    // the second line was a cell of the table.
    for (f, _) in CLEAN {
        let text = fixture(f);
        let newline = if text.contains('\n') { "\n" } else { "\r" };
        let note = format!("注：行政复议、行政诉讼数量均含上年度结转案件，其中行政复议{newline}1件。");
        let doc = document(&text);
        let end = whole_lines(&text, table(&doc, "appeals").span).end;
        let noted = format!("{}{newline}{note}{}", &text[..end], &text[end..]);
        assert_eq!(rule_ids(&noted), rule_ids(&text), "{f}");
    }
    // `三、 本年度` / `办理结果`, a label wrapped in its cell with a space after
    // its number, is a label, not the next section.
    let text = fixture("layouts/pdf-layout-2023.txt");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let three = lines.iter().position(|l| l.trim_end() == "三、").unwrap();
    lines[three] = "三、 本年度".to_string();
    // The label's characters stood one per line below it: now `办理结果` once.
    let ben = three + lines[three..].iter().position(|l| l.trim() == "本").unwrap();
    lines[ben] = "办理结果".to_string();
    let mut k = ben;
    for c in ["年", "度", "办", "理", "果"] {
        k += lines[k..].iter().position(|l| l.trim() == c).unwrap();
        lines.remove(k);
    }
    let edited = lines.join("\n") + "\n";
    assert_eq!(rule_ids(&edited), rule_ids(&text));
}

#[test]
fn a_note_inside_a_table_run_together_does_not_end_it() {
    // `……8.属于行政查询事项0000000注：下表续。（四）无法提供……`: the table goes on.
    let text = fixture("layouts/run-together-2021.txt");
    let row = "8.属于行政查询事项0000000";
    assert!(text.contains(row));
    let noted = text.replacen(row, &format!("{row}注：下表续。"), 1);
    assert_eq!(rule_ids(&noted), rule_ids(&text));
}

#[test]
fn a_note_run_into_the_next_section_ends_the_table_at_its_full_stop() {
    // `……110024001510102注：……。五、存在的主要问题及改进情况……一是……。三是……。2024年`:
    // the note's end was taken at the last full stop before the next number,
    // and the year after it was a cell of table 四.
    let text = fixture("layouts/run-together-2021.txt");
    let at = "110021001210001五、存在的主要问题及改进情况";
    assert!(text.contains(at));
    let noted = text.replacen(
        at,
        "110021001210001注：本表数据统计时间为1月1日至12月31日。五、存在的主要问题及改进情况存在的问题主要有：一是解读不够。二是形式单一。",
        1,
    );
    assert_eq!(rule_ids(&noted), rule_ids(&text));
}

#[test]
fn a_row_one_number_short_between_tabs_is_short_whatever_its_neighbours() {
    // A tab-separated row has its columns by its tabs: a number left out is a
    // short row, not a blank placed by where its characters happen to stand
    // against the other rows (that guess changed when an unrelated row was deleted).
    let clean = fixture("sections/clean-2021.txt");
    for row in [
        "三、本年度办理结果\t（一）予以公开\t12\t5\t1\t2\t1\t0\t21",
        "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t1\t0\t0\t0\t0\t4\t",
    ] {
        let line = clean[..clean.find(row).expect("the row")].lines().count() + 1;
        let short = row.replacen("\t12\t", "\t", 1).replacen("\t3\t1\t", "\t1\t", 1);
        let text = clean.replace(row, &short);
        assert_eq!(
            findings_of(&text, &["table-", "cell-", "row-"]),
            [format!("table-row-shape@{line}")]
        );
    }
}

#[test]
fn shares_stated_in_the_text_fit_their_counts() {
    let base = fixture("layouts/tab-rows-2020.txt");
    let inject = |s: &str| base.replacen("（二）依申请公开情况。", &format!("{s}（二）依申请公开情况。"), 1);
    // One share of four off: the other three and the whole stated before agree on 805.
    let bad = "全年答复申请805件。予以公开258件，占33.9%；不予公开35件，占4.34%；无法提供265件，占32.9%；不予处理158件，占19.6%。";
    let text = inject(bad);
    let found = check(&text)
        .into_iter()
        .find(|d| d.rule == "prose-share")
        .expect("prose-share");
    assert_eq!(&text[found.primary.span.start..found.primary.span.end], "33.9%");
    let labelled: Vec<&str> = found
        .secondary
        .iter()
        .map(|l| &text[l.span.start..l.span.end])
        .collect();
    assert_eq!(labelled, ["258", "4.34%", "32.9%", "19.6%", "805"]);
    assert!(
        found.notes[0].starts_with("258 ÷ 805 = 32.0%，写的是 33.9%"),
        "{:?}",
        found.notes
    );
    assert_eq!(findings_of(&text, &["prose-share"]), ["prose-share@11"]);
    for bad in [
        // Two parts: the whole stated before is their sum, or they make 100% and it fits one.
        "全年收到申请7件。网络申请3件，占43%；信函申请4件，占53%。",
        "全年收到申请7件。网络申请5件，占43%；信函申请4件，占57%。",
        // Full-width digits, 占比, the share in brackets.
        "同意公开３件（占比３７.５%），无法提供４件（占比５０％），区分处理后公开１件（占比２５％）。",
        // `余` after the share's clause is no approximation.
        "全年答复申请276件，予以公开120件，占43.5%；部分公开63件，占22.8%；其余部门转办93件，占30.7%。",
        // A share no whole that holds the other part could give, after a part short of 100% by rounding.
        "从申请方式看，网络申请712件，占99.9%；信函申请1件，占10.1%。",
    ] {
        assert_eq!(findings_of(&inject(bad), &["prose-share"]), ["prose-share@11"], "{bad}");
    }
    for fine in [
        "从申请方式看，网络申请39件，占88.6%，信函申请5件，占11.4%。",
        "办结81件，其中：予以公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%。",
        // Rounded or cut to the last digit written.
        "网络申请3件，占42%；信函申请4件，占57%；当面申请0件，占0%。",
        "从申请方式看，网络申请712件，占99.9%；信函申请1件，占0.1%。",
        // A part short of 100% by rounding, then a list of another whole.
        "从申请主体看，自然人申请999件，占99.9%；予以公开650件，占50%；部分公开390件，占30%；无法提供260件，占20%。",
        "从申请主体看，自然人申请999件，占99.9%；予以公开600件，占50%；部分公开600件，占50%。",
        // A part that is the whole (100%) ends its list: what follows is of another whole.
        "网络申请54件，占100%；办结50件中予以公开20件，占40%。",
        // Another count between them: another whole.
        "收到申请10件，网络申请8件，占80%；办结9件，予以公开3件，占33.3%。",
        // Approximations and shares of another whole; a part of a part.
        "网络申请15件，约占79%；信函申请4件，占21%以上。",
        "我局收到申请12件，占全市的3%；办结12件，占100%。",
        "网络申请15件，占75%，其中办结12件，占80%；信函申请5件，占25%。",
        // Two parts without a whole stated: which one is off cannot be told.
        "网络申请3件，占43%；信函申请4件，占53%。",
        // Two lists of two wholes: each ends where its shares make 100%.
        "全年收到申请46件，办结42件。从申请渠道看，网络申请40件，占87.0%，信函申请6件，占13.0%；从办理结果看，予以公开20件，占47.6%，部分公开5件，占11.9%，无法提供12件，占28.6%，不予处理5件，占11.9%。",
        "全年收到申请60件，其中自然人申请54件，占90%，法人或其他组织申请6件，占10%，予以公开24件，占41.4%，无法提供28件，占48.3%，不予处理6件，占10.3%。",
        // A part broken down in brackets or after 主要为 / ：, of the part's own whole.
        "网络申请78件，占88.6%（通过平台提交52件，占66.7%）；信函申请10件，占11.4%。",
        "不予公开12件，占20%，主要为涉及国家秘密的4件，占33.3%，涉及个人隐私的8件，占66.7%；予以公开48件，占80%。",
        "不予处理5件，占16.7%：重复申请3件，占60%；申请内容不明确2件，占40%。",
        // Wholes named apart; a change's count before the share; thousands grouped.
        "全年收到申请120件，办结115件。其中自然人申请100件，占收到申请总数的83.3%；予以公开60件，占办结总数的52.2%；不予公开35件，占办结总数的30.4%。",
        "全年收到申请50件，其中网络申请40件，同比增加12件，占80%；信函申请6件，占12%；当面申请4件，占8%。",
        "全年公开信息２，０５６条，其中政策文件１，２３４条，占６０．０％；工作动态５２２条，占２５．４％；其他３００条，占１４．６％。",
        "全年公开信息2 056条，其中政策文件1 234条，占60.0%；工作动态522条，占25.4%；其他300条，占14.6%。",
    ] {
        assert_eq!(
            findings_of(&inject(fine), &["prose-share"]),
            Vec::<String>::new(),
            "{fine}"
        );
    }
}

#[test]
fn tables_out_of_order_in_a_page_run_into_one_line() {
    let text = fixture("layouts/run-together-2021.txt");
    let titles = [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ];
    let at = |t: &str| text.find(t).unwrap();
    // The bodies of two sections swapped, their headings left in place.
    let swap = |a: usize, b: usize| {
        let (ha, hb, next) = (at(titles[a]), at(titles[b]), at(titles[b + 1]));
        let body_a = &text[ha + titles[a].len()..hb];
        let body_b = &text[hb + titles[b].len()..next];
        format!(
            "{}{}{body_b}{}{body_a}{}",
            &text[..ha],
            titles[a],
            titles[b],
            &text[next..]
        )
    };
    let line = text.lines().position(|l| l.contains(titles[0])).unwrap() + 1;
    assert_eq!(findings_of(&text, &["table-out-of-order"]), Vec::<String>::new());
    assert_eq!(
        findings_of(&swap(0, 1), &["table-out-of-order"]),
        [format!("table-out-of-order@{line}")]
    );
    // The page printed twice (the site's print version after it): the first of each table counts.
    let twice = format!("{}\n{}", text.trim_end(), text.lines().nth(line - 1).unwrap());
    assert_eq!(findings_of(&twice, &["table-out-of-order"]), Vec::<String>::new());
    // Table 二 moved after the last section as an attachment: not a swap.
    let (h2, h3) = (at(titles[0]), at(titles[1]));
    let table_two = &text[h2 + titles[0].len()..h3];
    let without = text.replacen(table_two, "主动公开情况见文末附表。", 1);
    let moved: Vec<String> = without
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                format!("{l}附：{table_two}")
            } else {
                l.to_string()
            }
        })
        .collect();
    let moved = moved.join("\n") + "\n";
    assert!(moved.contains("附："), "the attachment is there");
    assert_eq!(findings_of(&moved, &["table-out-of-order"]), Vec::<String>::new());
    // A list of contents before the report names the sections, not the tables.
    let contents = format!("目录：{}\n{text}", titles.join(" "));
    assert_eq!(findings_of(&contents, &["table-out-of-order"]), Vec::<String>::new());
}

#[test]
fn a_count_led_by_this_year_in_any_words_is_compared() {
    // Table 三 has 42 new applications. The year led in figures or in Chinese
    // numerals, the whole area's too; led by 本年度/今年/全年, the agency's.
    let spot = ProseSpot::new();
    let at = spot.line;
    let cases = [
        ("2020年，", "全市"),
        ("二〇二〇年，", "全市"),
        ("二○二○年", "我局"),
        ("本年度，", "我局"),
        ("本年", "我局"),
        ("今年，", "我局"),
        ("全年，", "我局"),
    ];
    for (lead, subject) in cases {
        let sentence = format!("{lead}{subject}收到政府信息公开申请45件。");
        assert_eq!(
            findings_of(&spot.with(&sentence), &["prose-applications-new"]),
            [format!("prose-applications-new@{at}")],
            "{sentence}"
        );
        let right = format!("{lead}{subject}收到政府信息公开申请42件。");
        assert_eq!(
            findings_of(&spot.with(&right), &["prose-"]),
            Vec::<String>::new(),
            "{right}"
        );
    }
    // Another year's, in Chinese numerals too, is not compared; nor the whole
    // city's after 全年 in a bureau's report.
    for sentence in [
        "二〇一九年，全市收到政府信息公开申请45件。",
        "2019年，我局收到政府信息公开申请45件。",
        "全年，全市收到政府信息公开申请3120件。",
    ] {
        assert_eq!(
            findings_of(&spot.with(sentence), &["prose-applications-new"]),
            Vec::<String>::new(),
            "{sentence}"
        );
    }
}

#[test]
fn a_whole_of_which_the_agencys_count_is_a_part_is_not_compared() {
    // `全市收到……1260件，其中我局收到42件`: the first is the whole city's.
    let spot = ProseSpot::new();
    let at = spot.line;
    for sentence in [
        "2020年，全市收到政府信息公开申请1260件，其中我局收到42件。",
        "2020年，全市收到政府信息公开申请1260件，其中：本级收到42件。",
        "2020年，全系统收到政府信息公开申请216件，其中局本级收到42件。",
    ] {
        assert_eq!(
            findings_of(&spot.with(sentence), &["prose-"]),
            Vec::<String>::new(),
            "{sentence}"
        );
    }
    // Without the part, the city's count led by its year is read as the agency's.
    assert_eq!(
        findings_of(
            &spot.with("2020年，全市收到政府信息公开申请1260件。"),
            &["prose-applications-new"]
        ),
        [format!("prose-applications-new@{at}")]
    );
}

#[test]
fn a_blank_in_a_table_that_writes_its_zeros_as_dashes_is_a_number_left_out() {
    // Zeros written `—` in two rows; one cell of another row left blank: the
    // blank is said, and no sum reads it as 0 (the row's 总计 counts it).
    for (f, _) in CLEAN {
        let mut text = fixture(f);
        let columns = ["natural", "commercial", "research", "social", "legal", "other", "total"];
        for row in [
            "withheld.secret",
            "withheld.case_file",
            "withheld.query",
            "rejected.repeated",
        ] {
            let values = row_values(&document(&text), "applications", row).unwrap();
            for (column, value) in columns.iter().zip(values) {
                if value == "0" {
                    text = with_cell(&text, "applications", row, column, "—");
                }
            }
        }
        assert!(text.matches('—').count() >= 3, "{f}");
        let placeholders = findings_of(&text, &["cell-", "applications-"]);
        assert!(
            placeholders.iter().all(|f| f.starts_with("cell-placeholder@")),
            "{f}: {placeholders:?}"
        );
        let blank = with_cell(&text, "applications", "new", "natural", "");
        let found: Vec<String> = findings_of(&blank, &["cell-empty", "applications-"])
            .into_iter()
            .map(|f| f[..f.find('@').unwrap()].to_string())
            .collect();
        assert_eq!(found, ["cell-empty"], "{f}");
    }
}

#[test]
fn prose_counts_of_table_two_in_force_and_licensing_are_compared() {
    // clean-2021, table 二: 行政规范性文件 in force 13, 行政许可 decisions 318.
    let spot = ProseSpot::applications_2021();
    let (line, with) = (spot.line, |s: &str| spot.with(s));
    for (said, found) in [
        ("截至2021年底，我局现行有效行政规范性文件13件。", None),
        (
            "截至2021年底，我局现行有效行政规范性文件94件。",
            Some("prose-normative-in-force"),
        ),
        ("现行有效规范性文件共15件。", Some("prose-normative-in-force")),
        ("全年共作出行政许可决定318件。", None),
        ("全年共作出行政许可决定999件。", Some("prose-licensing-decisions")),
        (
            "全年办结行政许可审批320件，全部按时办结。",
            Some("prose-licensing-decisions"),
        ),
        // Another date's, a clean-up's, a region's; applications received, items published.
        ("截至2022年3月，现行有效规范性文件15件。", None),
        ("目前我局现行有效规范性文件15件。", None),
        ("清理并集中发布现行有效规范性文件120件。", None),
        ("全市现行有效规范性文件880件。", None),
        ("受理行政许可申请330件。", None),
        ("公示行政许可决定信息330条。", None),
        ("全市各部门作出行政许可决定5000件。", None),
        ("2020年作出行政许可决定290件。", None),
        // Kinds of item, a part, another unit; actions on some documents, another date, the city's.
        ("进驻市政务服务大厅办理行政许可事项38项。", None),
        ("当场作出行政许可决定126件。", None),
        ("全年办理行政许可事项381件。", Some("prose-licensing-decisions")),
        (
            "全年办理行政许可330件，行政处罚84件。",
            Some("prose-licensing-decisions"),
        ),
        ("市行政审批局全年作出行政许可决定2860件。", None),
        ("修订现行有效规范性文件3件。", None),
        ("现行有效规范性文件14件（截至2022年1月20日）。", None),
        ("市政府现行有效规范性文件126件。", None),
    ] {
        let expected: Vec<String> = found.into_iter().map(|r| format!("{r}@{line}")).collect();
        assert_eq!(findings_of(&with(said), &["prose-"]), expected, "{said}");
    }
    // Edition 2019's table 二 has the licensing decisions too (tab-rows-2020: 286).
    let old = ProseSpot::at("layouts/tab-rows-2020.txt", "（二）依申请公开情况。");
    let line = old.line;
    for (said, found) in [
        ("全年作出行政许可决定286件。", vec![]),
        (
            "全年作出行政许可决定268件。",
            vec![format!("prose-licensing-decisions@{line}")],
        ),
    ] {
        assert_eq!(findings_of(&old.with(said), &["prose-"]), found, "{said}");
    }
}

#[test]
fn prose_counts_worded_other_ways_are_compared() {
    // clean-2021: 新收 54 (自然人 38, 法人或其他组织 16), 上年结转 3, （七）总计 54, 结转下年度 3.
    let spot = ProseSpot::applications_2021();
    let with = |s: &str| spot.with(s);
    for (right, wrong, rule) in [
        (
            "全年共收到政府信息公开申请54件，其中自然人38件、法人或者其他组织16件。",
            "全年共收到政府信息公开申请54件，其中自然人38件、法人或者其他组织9件。",
            "prose-applications-organizations",
        ),
        (
            "全年共收到政府信息公开申请54件。从申请主体看，自然人申请38件。",
            "全年共收到政府信息公开申请54件。从申请主体看，自然人申请45件。",
            "prose-applications-natural",
        ),
        (
            "全年共收到政府信息公开申请54件。按申请人类型分，公民申请38件，法人和其他组织申请16件。",
            "全年共收到政府信息公开申请54件。按申请人类型分，公民申请38件，法人和其他组织申请9件。",
            "prose-applications-organizations",
        ),
        (
            "全年新收申请54件，另有上年结转申请3件。",
            "全年新收申请54件，另有上年结转申请5件。",
            "prose-applications-carried",
        ),
        (
            "3件申请因情况复杂，结转至2022年继续办理。",
            "4件申请因情况复杂，结转至2022年继续办理。",
            "prose-applications-carried-next",
        ),
        (
            "另有3件申请因未到答复期限，转入下一年度继续办理。",
            "另有5件申请因未到答复期限，转入下一年度继续办理。",
            "prose-applications-carried-next",
        ),
        (
            "结转至2022年继续办理的申请3件。",
            "结转至2022年继续办理的申请6件。",
            "prose-applications-carried-next",
        ),
        (
            "全年收到政府信息公开申请54件，截至12月31日已办结51件，正在办理中3件。",
            "全年收到政府信息公开申请54件，截至12月31日已办结51件，正在办理中5件。",
            "prose-applications-carried-next",
        ),
        (
            "本年度共受理政府信息公开申请57件（含上年结转3件）。",
            "本年度共受理政府信息公开申请58件（含上年结转3件）。",
            "prose-applications-answered",
        ),
    ] {
        assert_eq!(findings_of(&with(right), &["prose-"]), Vec::<String>::new(), "{right}");
        assert_eq!(
            findings_of(&with(wrong), &["prose-"]),
            [format!("{rule}@11")],
            "{wrong}"
        );
    }
    // A count carried to another year than the next is not this report's.
    assert_eq!(
        findings_of(&with("4件申请因情况复杂，结转至2023年继续办理。"), &["prose-"]),
        Vec::<String>::new()
    );
}

#[test]
fn prose_counts_of_the_year_after_words_of_other_things_are_still_compared() {
    // clean-2021: 新收 54, （七）总计 54, 结转下年度 3; 表四: 复议 5.
    let base = fixture("sections/clean-2021.txt");
    let anchor = "（二）依申请公开情况。";
    let with = |s: &str| base.replacen(anchor, &format!("{anchor}{s}"), 1);
    for (sentence, rule) in [
        // A span of years before, then the year's own count.
        (
            "新《条例》施行以来，我局不断规范依申请公开工作，全年共收到政府信息公开申请45件。",
            "prose-applications-new",
        ),
        (
            "我局自2019年起实行网上申请，全年共收到政府信息公开申请45件。",
            "prose-applications-new",
        ),
        (
            "截至年底，我局全年累计收到政府信息公开申请45件。",
            "prose-applications-new",
        ),
        (
            "自2019年新《条例》施行以来，我局持续规范复议应诉工作，本年度共发生政府信息公开行政复议3件。",
            "prose-appeals-review",
        ),
        // What the applications were about, or how they came.
        (
            "全年共收到政府信息公开申请54件（主要涉及行政许可和行政处罚信息），办结50件。",
            "prose-applications-done",
        ),
        (
            "我局依托12345热线和政府网站受理渠道，全年新收政府信息公开申请54件，结转下年度继续办理5件。",
            "prose-applications-carried-next",
        ),
        (
            "我局严格区分信访事项与政府信息公开申请，全年新收政府信息公开申请54件，办结50件。",
            "prose-applications-done",
        ),
        // The whole year by months, laid out with spaces.
        (
            "2021 年 1-12 月共收到政府信息公开申请 45 件。",
            "prose-applications-new",
        ),
    ] {
        assert_eq!(
            findings_of(&with(sentence), &["prose-"]),
            [format!("{rule}@11")],
            "{sentence}"
        );
    }
    // Other matters still in hand are not the applications carried over.
    for sentence in [
        "本年度收到行政复议申请5件，维持3件，正在办理中2件。",
        "受理群众来信来访32件，已办结30件，正在办理中2件。",
        "办理市长信箱留言120件，正在办理中4件。",
    ] {
        assert_eq!(
            findings_of(&with(sentence), &["prose-"]),
            Vec::<String>::new(),
            "{sentence}"
        );
    }
}

#[test]
fn the_total_row_of_table_three_written_as_heji() {
    // （七）合计 and （七）总数 are the row （七）总计 in other words: a note on the
    // wording, not a missing row and its numbers left over. 合计 in the header
    // is the total column still.
    let text = fixture("sections/clean-2021.txt");
    for (from, to) in [
        ("（七）总计", "（七）合计"),
        ("（七）总计", "（七）总数"),
        ("\t总计\t", "\t合计\t"),
    ] {
        let said = text.replacen(from, to, 1);
        assert_ne!(said, text);
        let rules: Vec<String> = check(&said).into_iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["table-label-wording"], "{to}");
    }
}

#[test]
fn prose_counts_in_zong() {
    // 宗 counts applications as 件 does (56宗 is not the table's 54).
    let spot = ProseSpot::applications_2021();
    let (line, with) = (spot.line, |s: &str| spot.with(s));
    assert_eq!(
        findings_of(&with("全年共收到政府信息公开申请54宗。"), &["prose-"]),
        Vec::<String>::new()
    );
    assert_eq!(
        findings_of(&with("全年共收到政府信息公开申请56宗。"), &["prose-"]),
        [format!("prose-applications-new@{line}")]
    );
    assert_eq!(
        findings_of(&with("全年共收到政府信息公开申请54宗，上年结转5宗。"), &["prose-"]),
        [format!("prose-applications-carried@{line}")]
    );
    // Land as what applications were about: still compared.
    assert_eq!(
        findings_of(
            &with("全年新收政府信息公开申请54件，主要涉及不动产登记、土地征收补偿等信息，办结45件。"),
            &["prose-"]
        ),
        [format!("prose-applications-done@{line}")]
    );
    // 宗 of land parcels and registrations is not an application.
    for land in [
        "全年在门户网站公开国有建设用地供应结果45宗（含上年度结转12宗）。",
        "不动产登记方面，全年共受理登记申请8600宗，办结8590宗。",
        "出让宗地12宗结转下年度办理。",
    ] {
        assert_eq!(findings_of(&with(land), &["prose-"]), Vec::<String>::new(), "{land}");
    }
}

#[test]
fn prose_counts_of_a_zone_or_a_company_by_its_short_name() {
    // clean-2021: 54 new applications.
    let spot = ProseSpot::applications_2021();
    let (line, with) = (spot.line, |s: &str| spot.with(s));
    for (said, found) in [
        ("2021年，管委会新收政府信息公开申请51件。", true),
        ("2021年，公司新收政府信息公开申请51件。", true),
        ("本公司收到政府信息公开申请51件。", true),
        ("2021年，管委会新收政府信息公开申请54件。", false),
        // Another company's.
        ("2021年，示例水务公司新收政府信息公开申请51件。", false),
    ] {
        let expected: Vec<String> = found
            .then(|| format!("prose-applications-new@{line}"))
            .into_iter()
            .collect();
        assert_eq!(findings_of(&with(said), &["prose-"]), expected, "{said}");
    }
}

#[test]
fn prose_not_held_and_none_carried_forward() {
    // clean-2021: 不掌握 10 of 无法提供 13; 结转下年度 3.
    let spot = ProseSpot::applications_2021();
    let (line, with) = (spot.line, |s: &str| spot.with(s));
    for (said, found) in [
        ("全年办结的申请中，因本机关不掌握相关政府信息而无法提供10件。", None),
        (
            "全年办结的申请中，因本机关不掌握相关政府信息而无法提供11件。",
            Some("prose-applications-not-held"),
        ),
        (
            "其中：本机关不掌握相关政府信息12件。",
            Some("prose-applications-not-held"),
        ),
        // The group: with 等, or the whole of （四） put down to it.
        ("因本机关不掌握等原因无法提供13件。", None),
        ("因本机关不掌握相关政府信息无法提供13件。", None),
        // None carried forward, while the table carries 3.
        (
            "本年度收到的申请均已在法定期限内办结，无结转下年度办理的申请。",
            Some("prose-applications-carried-next"),
        ),
        (
            "申请均已办结，没有结转下年度继续办理的申请。",
            Some("prose-applications-carried-next"),
        ),
        // The count before 无结转 is what was done, not what was carried
        // (once two findings, 8 ≠ 3 and 0 ≠ 3).
        (
            "8件申请均已办结，无结转下年度办理的申请。",
            Some("prose-applications-carried-next"),
        ),
        (
            "8件申请已全部办结，无需结转下年度。",
            Some("prose-applications-carried-next"),
        ),
        // Other negations: no count of what was carried (once 8 ≠ 3, and 1 ≠ 3 for 无一件).
        ("8件申请均已办结，不涉及结转下年度。", None),
        ("8件申请均已办结，未发生结转下年度情况。", None),
        ("8件申请均已办结，无一件结转下年度。", None),
        // About last year's; no 下年度 named; a plan's aim.
        ("上年结转的申请均已办结，无结转。", None),
        ("下一步，我局将加快办理进度，确保无结转下年度办理的申请。", None),
        // Plans' words elsewhere in a sentence that counts.
        (
            "我局努力提高办理质效，结转下年度继续办理5件。",
            Some("prose-applications-carried-next"),
        ),
    ] {
        let expected: Vec<String> = found.into_iter().map(|r| format!("{r}@{line}")).collect();
        assert_eq!(findings_of(&with(said), &["prose-"]), expected, "{said}");
    }
    let none = spot.base.replacen(
        "办结54件，结转下年度继续办理3件",
        "办结54件，均已按期办结，无结转下年度继续办理的申请",
        1,
    );
    assert_ne!(none, spot.base);
    assert!(findings_of(&none, &["prose-"]).contains(&"prose-applications-carried-next@11".to_string()));
}
