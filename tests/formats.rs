//! A report reads the same whatever it arrives as: Word, a web page, GB18030 or
//! UTF-16 give the findings the plain text gives.

mod common;

use common::convert::*;
use common::*;
use nianbao::Options;

fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["example", "layouts", "sections"] {
        for entry in std::fs::read_dir(fixture_path(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            out.push((name.clone(), fixture(&name)));
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_reads_the_same_in_every_format() {
    let all = fixtures();
    assert!(all.len() >= 15);
    let mut converted = 0;
    for (name, text) in &all {
        assert_same_in_every_format(name, text);
        converted += usize::from(convertible(text).is_ok());
    }
    assert!(converted >= 12, "most fixtures convert to Word and HTML: {converted}");
}

#[test]
fn merged_cells_are_written_as_word_and_html_write_them() {
    let text = fixture("sections/clean-2021.txt");
    let html = to_html(&text, false);
    assert!(html.contains("colspan="), "header cells merged across");
    assert!(html.contains("rowspan="), "label cells merged down");
    let xml = document_xml(&text, false);
    assert!(xml.contains("<w:gridSpan w:val="));
    assert!(xml.contains("<w:vMerge w:val=\"restart\"/>"));
    assert!(xml.contains("<w:vMerge/>"));
    // And the merged tables are the tables of the text, cell for cell.
    let plain = document(&text);
    let report = config().check_bytes("r.docx", &to_docx(&text), &Options::default());
    assert_eq!(report.error, None);
    let source = report.source.expect("the text view");
    let word = nianbao::parse::parse(source, &config().format, &Default::default());
    for key in ["disclosure", "applications", "appeals"] {
        let values = |d: &nianbao::model::Document| -> Vec<String> {
            table(d, key)
                .rows()
                .flat_map(|r| r.cells.iter().map(|c| format!("{}:{:?}", r.label, c.value)))
                .collect()
        };
        assert_eq!(values(&plain), values(&word), "{key}");
    }
}

// ---------------------------------------------------------------------------
// The fixtures in fixtures/formats/, and how they are made
// ---------------------------------------------------------------------------

/// A fixture text with edits, each `from` found exactly once.
fn edited(rel: &str, edits: &[(&str, &str)]) -> String {
    let mut text = fixture(rel);
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{rel}: {from:?} once");
        text = text.replacen(from, to, 1);
    }
    text
}

fn web_page_gbk() -> Vec<u8> {
    let text = edited(
        "sections/clean-2021.txt",
        &[
            ("2021年，我局坚持把环境信息公开", "2020年，我局坚持把环境信息公开"),
            ("行政处罚\t86\t\t", "行政处罚\t\t\t"),
            (
                "1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1",
                "1.属于国家秘密\t1\t0\t0\t0\t0\t0\t2",
            ),
        ],
    )
    .replace("示例市生态环境局", "示例市水务局");
    let options = HtmlOptions {
        page: true,
        breaks_in_headers: true,
        ..HtmlOptions::default()
    };
    let html = to_html_with(&text, options).replace(
        "<meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    );
    to_gb18030(&html)
}

fn div_grid_page() -> Vec<u8> {
    let text = edited(
        "layouts/pipes-2022.md",
        &[
            (
                "| 3 | 1 | 1 | 0 | 5 | 1 | 0 | 1 | 1 | 3 |",
                "| 3 | 1 | 1 | 0 | 6 | 1 | 0 | 1 | 1 | 3 |",
            ),
            ("| 行政强制 | 25 |", "| 行政强制 | / |"),
        ],
    )
    .replace("样本区交通运输局", "样本区住房和城乡建设局");
    let options = HtmlOptions {
        page: true,
        layout_table: true,
        div_grids: &["disclosure", "appeals"],
        breaks_in_headers: false,
    };
    to_html_with(&text, options).into_bytes()
}

fn word_document() -> Vec<u8> {
    let text = edited(
        "layouts/tab-cells-2021.txt",
        &[
            (
                "\t1\n\t0\n\t1\n\t0\n\t2\n\t0\n\t0\n\t0\n\t1\n\t1\n",
                "\t1\n\t0\n\t1\n\t0\n\t3\n\t0\n\t0\n\t0\n\t1\n\t1\n",
            ),
            ("2022年，我局将着重抓好三项工作", "2021年，我局将着重抓好三项工作"),
        ],
    );
    let xml = document_xml(&text, true);
    // A tracked change: the deleted year is not the document's text.
    let from = "<w:t xml:space=\"preserve\">2021年，我局认真贯彻";
    assert_eq!(xml.matches(from).count(), 1);
    let xml = xml.replace(
        from,
        "<w:t xml:space=\"preserve\"></w:t></w:r><w:del w:id=\"1\" w:author=\"审核人\"><w:r>\
         <w:delText>2020年，</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"审核人\"><w:r><w:t>2021年，</w:t>\
         </w:r></w:ins><w:r><w:t xml:space=\"preserve\">我局认真贯彻",
    );
    docx_of(&xml)
}

/// The official template filled with a report of 示例县农业农村局 for 2021.
fn filled_template(template: &[u8]) -> Vec<u8> {
    use common::template::*;
    let row = |values: [&'static str; 7]| values;
    #[rustfmt::skip]
    let applications: Vec<[&str; 7]> = vec![
        row(["30", "6", "0", "1", "2", "1", "40"]), // 一、本年新收
        row(["2", "1", "0", "0", "0", "0", "3"]),   // 二、上年结转
        row(["14", "3", "0", "1", "1", "0", "18"]), // （一）予以公开: 总计 should be 19
        row(["3", "1", "0", "0", "0", "0", "4"]),
        row(["0", "0", "0", "0", "0", "0", "0"]),   // （三）不予公开 1–8
        row(["1", "0", "0", "0", "0", "0", "1"]),
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["1", "0", "0", "0", "0", "0", "1"]),
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["1", "0", "0", "0", "0", "0", "1"]),
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["6", "1", "0", "0", "1", "1", "9"]),   // （四）无法提供 1–3
        row(["1", "0", "0", "0", "0", "0", "1"]),
        row(["1", "0", "0", "0", "0", "0", "1"]),
        row(["1", "0", "0", "0", "0", "0", "1"]),   // （五）不予处理 1–5
        row(["1", "0", "0", "0", "0", "0", "1"]),
        row(["", "", "", "", "", "", ""]),          // 3.要求提供公开出版物: left blank
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["1", "0", "0", "0", "0", "0", "1"]),   // （六）其他处理 1–3
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["0", "0", "0", "0", "0", "0", "0"]),
        row(["31", "5", "0", "1", "2", "1", "40"]), // （七）总计
        row(["1", "2", "0", "0", "0", "0", "3"]),   // 四、结转下年度
    ];
    let mut cells: Vec<&str> = vec!["0", "0", "0", "3", "1", "12", "156", "42", "3", "0"];
    cells.extend(applications.iter().flatten());
    // 表四: the lawsuits without review add up to 2, not 3.
    cells.extend([
        "2", "1", "0", "0", "3", "1", "0", "0", "1", "3", "0", "0", "0", "0", "0",
    ]);
    let filling = Filling {
        title: "示例县农业农村局2021年政府信息公开工作年度报告",
        sections: &[
            &[
                "2021年，我局围绕农业农村重点工作，认真落实政府信息公开各项要求。",
                "（一）主动公开情况。全年主动公开政府信息286条，涉农补贴、项目资金等信息按时公开。",
                "（二）依申请公开情况。全年新收政府信息公开申请40件，上年结转3件，办结40件，结转下年度继续办理3件。",
                "（三）政府信息管理情况。我局严格执行保密审查制度，及时清理过期信息。",
                "（四）政府信息公开平台建设情况。我局在县政府网站维护“农业农村”专栏，全年更新信息210条。",
                "（五）监督保障情况。我局将政务公开纳入年度考核，全年组织业务培训2次。",
            ],
            &[
                "2021年，我局政府信息公开工作还存在一些不足：一是政策解读形式较单一；二是基层信息更新不够及时。",
                "2022年，我局将采取以下措施：一是增加图解、视频等解读形式；二是建立基层信息更新提醒机制。",
            ],
            &["本年度我局未收取信息处理费。"],
        ],
        cells: &cells,
        closing: &["", "示例县农业农村局", "2022年1月20日"],
    };
    with_document(template, &fill_document(&document_of(template), &filling))
}

fn encoded(rel: &str, edits: &[(&str, &str)], encode: fn(&str) -> Vec<u8>) -> Vec<u8> {
    encode(&edited(rel, edits))
}

/// Every fixture of fixtures/formats/ as it is made (the template is in
/// ../shared, so the filled one only when it is there).
fn format_fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![
        ("web-page-gbk-2021.html", web_page_gbk()),
        ("div-grid-2022.html", div_grid_page()),
        ("word-2021.docx", word_document()),
        (
            "gb18030-2020.txt",
            encoded(
                "layouts/tab-rows-2020.txt",
                &[(
                    "不计其他情形）\t3\t1\t0\t0\t0\t0\t4\t",
                    "不计其他情形）\t3\t1\t0\t0\t0\t0\t5\t",
                )],
                |t| to_gb18030(&t.replace("示例市测绘局", "示例市气象局")),
            ),
        ),
        (
            "utf16le-crlf-2021.txt",
            encoded(
                "sections/wording-2021.txt",
                &[("行政处罚\t41\t\t", "行政处罚\t-41\t\t")],
                |t| to_utf16(&t.replace('\n', "\r\n"), true, true),
            ),
        ),
        (
            "utf16be-no-bom-2021.txt",
            encoded("sections/numbering-2021.txt", &[], |t| to_utf16(t, false, false)),
        ),
        ("stray-bytes-2021.txt", {
            let text = fixture("sections/problems-empty-2021.txt");
            let at = text.find("要求").expect("a place for the stray bytes");
            // 说明 in GBK, pasted into UTF-8.
            [&text.as_bytes()[..at], b"\xcb\xb5\xc3\xf7", &text.as_bytes()[at..]].concat()
        }),
    ];
    let word = word_document();
    out.extend([
        ("bad/empty.txt", Vec::new()),
        ("bad/blank.md", "\n   \n\t\n\u{3000}\r\n".as_bytes().to_vec()),
        ("bad/truncated.docx", word[..word.len() * 6 / 10].to_vec()),
        ("bad/image.txt", PNG.to_vec()),
        ("bad/old-format.doc", {
            let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            ole.resize(1536, 0);
            ole
        }),
        (
            "bad/sheet.docx",
            zip_parts(&[
                ("[Content_Types].xml", b"<Types/>".as_slice()),
                ("xl/workbook.xml", b"<workbook/>".as_slice()),
            ]),
        ),
        ("bad/scan.pdf", blank_pdf()),
    ]);
    if let Some(shared) = std::env::var_os("NIANBAO_SHARED") {
        let template = std::path::Path::new(&shared).join("templates/政务公开年报模版.docx");
        out.push(("template-2021.docx", filled_template(&std::fs::read(template).unwrap())));
    }
    out
}

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\x01\x01\x01\0\x18\xdd\x8d\xb4\0\0\0\0IEND\xaeB`\x82";

/// A PDF of one blank page: what a scan without OCR gives pdftotext.
fn blank_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

/// Run by hand to write fixtures/formats/ again:
/// `NIANBAO_SHARED=../shared cargo test --test formats -- --ignored write_format_fixtures`.
#[test]
#[ignore = "writes fixtures/formats/"]
fn write_format_fixtures() {
    std::fs::create_dir_all(fixture_path("formats/bad")).unwrap();
    for (name, bytes) in format_fixtures() {
        std::fs::write(fixture_path("formats").join(name), bytes).unwrap();
    }
}

#[test]
fn format_fixtures_are_as_their_recipes_make_them() {
    for (name, bytes) in format_fixtures() {
        let committed = std::fs::read(fixture_path("formats").join(name)).unwrap();
        if name.ends_with(".docx") && !name.starts_with("bad/") {
            // Zip entries carry times: compare what is inside.
            assert_eq!(
                common::template::document_of(&committed),
                common::template::document_of(&bytes),
                "{name}"
            );
        } else {
            assert!(
                committed == bytes,
                "{name} differs from its recipe: run write_format_fixtures"
            );
        }
    }
}

/// `rule@line` of each finding, and the file's format and encoding.
fn findings_of_file(name: &str) -> (Vec<String>, String, String, nianbao::FileReport) {
    let report = config().check_path(&fixture_path("formats").join(name), &Options::default());
    assert_eq!(report.error, None, "{name}");
    let p = report.source.as_ref().unwrap().provenance();
    (rule_lines(&report), p.format.to_string(), p.encoding.clone(), report)
}

/// `rule@line` of each finding of a report.
fn rule_lines(report: &nianbao::FileReport) -> Vec<String> {
    let source = report.source.as_ref().unwrap();
    report
        .diagnostics
        .iter()
        .map(|d| format!("{}@{}", d.rule, source.position(d.primary.span.start).line))
        .collect()
}

fn notes_of(report: &nianbao::FileReport, rule: &str) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .find(|d| d.rule == rule)
        .unwrap()
        .notes
        .clone()
}

#[test]
fn a_government_web_page_in_gbk() {
    let (found, format, encoding, report) = findings_of_file("web-page-gbk-2021.html");
    assert_eq!(
        found,
        [
            "year-statement-mismatch@4",
            "cell-empty@20",
            "applications-row-total@34"
        ]
    );
    assert_eq!((format.as_str(), encoding.as_str()), ("html", "gb18030"));
    let view = report.source.as_ref().unwrap().text();
    assert!(
        view.starts_with("示例市水务局2021年政府信息公开工作年度报告\n"),
        "{view}"
    );
    for chrome in ["首页", "当前位置", "相关链接", "分享到", "版权所有", "var nav"] {
        assert!(!view.contains(chrome), "{chrome} is the page's, not the report's");
    }
    // A header cell broken by <br> (and the source's line) reads as one cell.
    assert!(view.contains("信息内容\t本年制发件数\t"), "{view}");
    assert!(
        notes_of(&report, "cell-empty").contains(&"网页中的位置：第1个表格 第10行 第2列，源代码第46行".to_string())
    );
}

#[test]
fn a_page_with_tables_drawn_by_divs_inside_a_layout_table() {
    let (found, format, encoding, report) = findings_of_file("div-grid-2022.html");
    // Table 四's columns are named as the table names them.
    let total = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "appeals-group-total")
        .unwrap();
    assert!(
        total.message.starts_with("表四“行政复议·总计”不等于"),
        "{}",
        total.message
    );
    assert_eq!(found, ["cell-placeholder@21", "appeals-group-total@62"]);
    assert_eq!((format.as_str(), encoding.as_str()), ("html", "UTF-8"));
    assert!(
        notes_of(&report, "appeals-group-total")
            .contains(&"网页中的位置：第3个表格 第3行 第5列，源代码第91行".to_string())
    );
}

#[test]
fn a_word_document_with_numbered_headings_merged_cells_and_tracked_changes() {
    let (found, format, _, report) = findings_of_file("word-2021.docx");
    // The year in the tracked deletion (2020年) is not read: no year-statement-mismatch.
    assert_eq!(found, ["appeals-group-total@76", "year-plan-mismatch@84"]);
    assert_eq!(format, "docx");
    let view = report.source.as_ref().unwrap().text();
    assert!(
        view.contains("\n一、总体情况\n") && view.contains("\n六、其他需要报告的事项\n"),
        "numbered by Word"
    );
    assert!(notes_of(&report, "appeals-group-total").contains(&"Word 文档中的位置：第3个表格 第4行 第5列".to_string()));
    assert!(
        notes_of(&report, "year-plan-mismatch")
            .contains(&"Word 文档中的位置：第15段（“2021年，我局将着重抓好三项工…”）".to_string())
    );
}

#[test]
fn the_official_word_template_filled_in() {
    let (found, format, _, report) = findings_of_file("template-2021.docx");
    assert_eq!(
        found,
        ["applications-row-total@47", "cell-empty@62", "appeals-group-total@79"]
    );
    assert_eq!(format, "docx");
    assert!(
        notes_of(&report, "applications-row-total").contains(&"Word 文档中的位置：第2个表格 第6行 第10列".to_string())
    );
    // The template's blank cells hold ideographic spaces: still blank.
    assert!(notes_of(&report, "cell-empty").contains(&"Word 文档中的位置：第2个表格 第21行 第4列".to_string()));
}

#[test]
fn each_encoding() {
    let cases: [(&str, &[&str], &str); 4] = [
        ("gb18030-2020.txt", &["applications-row-total@48"], "gb18030"),
        (
            "utf16le-crlf-2021.txt",
            &[
                "cell-negative@30",
                "section-wording@70",
                "section-wording@77",
                "section-wording@83",
            ],
            "UTF-16LE",
        ),
        ("utf16be-no-bom-2021.txt", &["section-numbering@82"], "UTF-16BE"),
        (
            "stray-bytes-2021.txt",
            &["input-encoding@3", "problems-empty@76", "processing-fee-unstated@80"],
            "UTF-8",
        ),
    ];
    for (name, expected, encoding) in cases {
        let (found, format, used, report) = findings_of_file(name);
        assert_eq!(found, expected, "{name}");
        assert_eq!((format.as_str(), used.as_str()), ("text", encoding), "{name}");
        if name.starts_with("stray") {
            // At the first bad byte: line 3, column 21.
            let d = &report.diagnostics[0];
            let at = report.source.as_ref().unwrap().position(d.primary.span.start);
            assert_eq!((at.line, at.column), (3, 21));
        }
    }
}

#[test]
fn bad_files_each_get_one_error_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture_path("formats/bad")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("good.txt"), fixture("sections/clean-2021.txt")).unwrap();
    // A zip bomb: 70 MB of one byte inflated from a few kilobytes.
    let mut body = Vec::with_capacity(70 << 20);
    body.extend_from_slice(b"<w:document><w:body>");
    body.resize(70 << 20, b' ');
    let bomb = zip_parts(&[("word/document.xml", body.as_slice())]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    std::fs::write(dir.path().join("bomb.docx"), bomb).unwrap();
    // 100,000 nested tags.
    let nested = format!(
        "<html><body><p>一、总体情况</p>{}二、主动公开政府信息情况{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(dir.path().join("nested.html"), nested).unwrap();
    // Past --max-file-size 2 (MB).
    let large = fixture("sections/clean-2021.txt").repeat(1000);
    assert!(large.len() > 2 << 20);
    std::fs::write(dir.path().join("large.txt"), large).unwrap();

    let out = assert_cmd::Command::cargo_bin("nianbao")
        .unwrap()
        .args(["check", "--format", "json", "--lang", "en", "--max-file-size", "2"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_name = |name: &str| -> serde_json::Value {
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} in the report"))
            .clone()
    };
    let error = |name: &str| by_name(name)["error"].as_str().unwrap_or("").to_string();
    let rules = |name: &str| -> Vec<String> {
        by_name(name)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules("empty.txt"), ["input-empty"], "one finding, no section findings");
    assert_eq!(rules("blank.md"), ["input-empty"]);
    assert!(error("image.txt").contains("binary file"), "{}", error("image.txt"));
    assert!(error("old-format.doc").contains("save it as .docx"));
    assert!(error("sheet.docx").contains("Excel file, not a report"));
    assert!(
        error("truncated.docx").contains("not a readable .docx"),
        "{}",
        error("truncated.docx")
    );
    assert!(
        error("bomb.docx").starts_with("too large: word/document.xml inflates"),
        "{}",
        error("bomb.docx")
    );
    assert!(
        error("nested.html").contains("nests elements 100002 deep"),
        "{}",
        error("nested.html")
    );
    assert_eq!(rules("large.txt"), ["input-too-large"], "not read, one finding");
    let large = &by_name("large.txt")["diagnostics"][0]["message"];
    assert!(
        large.as_str().unwrap().contains("over the 2.0 MB limit: not read"),
        "{large}"
    );
    // With or without pdftotext, the scan is an error that says what to do.
    let scan = error("scan.pdf");
    assert!(
        scan.contains("no text layer") || scan.contains("needs pdftotext"),
        "{scan}"
    );
    // And the report among them is checked.
    assert_eq!(error("good.txt"), "");
    assert!(rules("good.txt").is_empty());
}

/// A stand-in for pdftotext that prints `text` whatever PDF it is given.
#[cfg(unix)]
fn fake_pdftotext(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let out = dir.join("layout.txt");
    std::fs::write(&out, text).unwrap();
    let script = dir.join("pdftotext");
    std::fs::write(&script, format!("#!/bin/sh\ncat >/dev/null\ncat '{}'\n", out.display())).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[cfg(unix)]
#[test]
fn a_pdf_is_read_through_pdftotext_and_findings_name_their_page() {
    let dir = tempfile::tempdir().unwrap();
    // Page 2 starts at line 40, where pdftotext writes a form feed.
    let text: String = fixture("example/示例区人力资源和社会保障局2020年报告.txt")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 39 {
                format!("\u{c}{l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let tool = fake_pdftotext(dir.path(), &text);
    std::fs::write(dir.path().join("report.pdf"), b"%PDF-1.7\n(stand-in)\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("nianbao")
        .unwrap()
        .env("NIANBAO_PDFTOTEXT", &tool)
        .args(["check", "--format", "json"])
        .arg(dir.path().join("report.pdf"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["format"], "pdf");
    let found: Vec<(String, u64, u64)> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["place"]["page"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found[1], ("year-statement-mismatch".to_string(), 13, 1));
    assert_eq!(found[2], ("applications-row-total".to_string(), 47, 2));
    assert_eq!(found.len(), 6, "the text's findings: {found:?}");
    let notes = file["diagnostics"][2]["notes"].as_array().unwrap();
    assert_eq!(notes.last().unwrap(), "PDF 中的位置：第2页");

    // Without the tool: one error saying how to get it.
    let out = assert_cmd::Command::cargo_bin("nianbao")
        .unwrap()
        .env("NIANBAO_PDFTOTEXT", dir.path().join("no-such-tool"))
        .args(["check", "--lang", "en"])
        .arg(dir.path().join("report.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("report.pdf: reading PDF needs pdftotext (poppler-utils"),
        "{stderr}"
    );
}

/// Checks a web page: `rule@line` of each finding, and the report.
fn check_page(html: &str) -> (Vec<String>, nianbao::FileReport) {
    let report = config().check_bytes("page.html", html.as_bytes(), &Options::default());
    assert_eq!(report.error, None);
    (rule_lines(&report), report)
}

#[test]
fn a_page_title_naming_another_year_than_the_heading() {
    let text = fixture("sections/clean-2021.txt");
    let page = to_html(&text, true);
    let titled = |title: &str| {
        page.replace(
            "<title>政府信息公开工作年度报告_示例区人民政府</title>",
            &format!("<title>{title}</title>"),
        )
    };
    let (clean, _) = check_page(&page);

    // The tab's title copied forward from last year's page: read as the first line.
    let (found, report) = check_page(&titled(
        "示例市生态环境局2020年政府信息公开工作年度报告-示例市生态环境局",
    ));
    assert_eq!(found, ["title-year-mismatch@1"]);
    let view = report.source.as_ref().unwrap().text();
    assert!(
        view.starts_with("示例市生态环境局2020年政府信息公开工作年度报告\n示例市生态环境局2021年"),
        "{view}"
    );
    assert!(
        notes_of(&report, "title-year-mismatch")
            .contains(&"网页中的位置：页面标题（<title>），源代码第2行".to_string())
    );

    // The same year in other words adds nothing: the view is the report's alone.
    let (found, report) = check_page(&titled("示例市生态环境局2021年度政府信息公开年度报告_示例市人民政府"));
    assert_eq!(found, clean);
    assert!(
        report
            .source
            .unwrap()
            .text()
            .starts_with("示例市生态环境局2021年政府信息公开工作年度报告\n")
    );

    // A heading whose year is in Chinese numerals is not compared.
    let numerals = titled("示例市生态环境局2020年政府信息公开工作年度报告").replacen(
        "<p>示例市生态环境局2021年政府信息公开工作年度报告</p>",
        "<p>示例市生态环境局二〇二一年政府信息公开工作年度报告</p>",
        1,
    );
    let (_, report) = check_page(&numerals);
    assert!(report.source.unwrap().text().starts_with("示例市生态环境局二〇二一年"));

    // A page without the heading: its title gives the report year.
    let headless = titled("示例市生态环境局2021年政府信息公开工作年度报告-示例市生态环境局").replacen(
        "<p>示例市生态环境局2021年政府信息公开工作年度报告</p>",
        "",
        1,
    );
    assert_ne!(headless, page, "the heading is removed");
    let (found, report) = check_page(&headless);
    assert_eq!(found, clean);
    let view = report.source.as_ref().unwrap().text();
    assert!(
        view.starts_with("示例市生态环境局2021年政府信息公开工作年度报告\n"),
        "{view}"
    );
    assert_eq!(report.report_year, Some(2021));
}

#[test]
fn a_line_break_between_chinese_characters_in_a_page_is_no_space() {
    // A page's source wrapped inside a word, as a browser shows it: no gap.
    let text = fixture("sections/clean-2021.txt");
    let page = to_html(&text, true);
    let (clean, _) = check_page(&page);
    let fee = "信息处理费";
    assert!(page.contains(fee));
    let wrapped = page.replace(fee, "信息处\n      理费");
    let (found, report) = check_page(&wrapped);
    assert_eq!(found, clean);
    assert!(report.source.unwrap().text().contains(fee));
    // The text's count read across the break is checked against table 三.
    let count = "全年新收政府信息公开申请54件";
    assert!(page.contains(count));
    let (found, _) = check_page(&page.replacen(count, "全年新收政府信息公开申\n请55件", 1));
    assert!(
        found.iter().any(|f| f.starts_with("prose-applications-new@")),
        "{found:?}"
    );
}

#[test]
fn a_tables_caption_is_read_as_the_heading_it_is() {
    // Section 三's heading written as table 三's caption.
    let text = fixture("sections/clean-2021.txt");
    let page = to_html(&text, true);
    let (clean, _) = check_page(&page);
    let heading = "<p>三、收到和处理政府信息公开申请情况</p>";
    let at = page.find(heading).expect("the heading");
    let table = at + page[at..].find("<table").expect("table 三");
    let captioned = format!(
        "{}{}<table><caption>三、收到和处理政府信息公开申请情况</caption>{}",
        &page[..at],
        &page[at + heading.len()..table],
        &page[table + page[table..].find('>').unwrap() + 1..]
    );
    assert!(!captioned.contains(heading));
    let (found, report) = check_page(&captioned);
    assert_eq!(found, clean);
    assert!(
        report
            .source
            .unwrap()
            .text()
            .contains("三、收到和处理政府信息公开申请情况\n")
    );
}

#[test]
fn html_tables_in_a_markdown_report_keep_their_lines() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let md = to_markdown_with_html_tables(&text);
    let report = config().check_bytes("r.md", md.as_bytes(), &Options::default());
    let source = report.source.clone().unwrap();
    let line_of = |rule: &str| {
        let d = report.diagnostics.iter().find(|d| d.rule == rule).unwrap();
        source.position(d.primary.span.start).line
    };
    // The finding sits on the line of the row's <tr> in the file.
    let row = md
        .lines()
        .position(|l| l.starts_with("<tr>") && l.contains("（一）予以公开"))
        .unwrap()
        + 1;
    assert_eq!(line_of("applications-row-total"), row);
    // Text after the tables keeps its line numbers too.
    let heading = md.lines().position(|l| l.starts_with("五、存在的主要问题")).unwrap() + 1;
    let d = report.diagnostics.iter().find(|d| d.rule == "section-missing").unwrap();
    assert!(source.position(d.primary.span.start).line > heading);
    assert_eq!(source.text().matches('\n').count(), md.matches('\n').count());
}

/// Found by the `text` fuzz target: in a grid table, a cell empty on its row's
/// first line but not below was placed on the lower line, after the cells to
/// its right, and measuring the row sliced the text backwards.
#[test]
fn a_grid_cell_that_starts_lower_down_keeps_its_place_in_the_row() {
    let border = "+------------------+------------------+------------------+----------------+----------+------+";
    let page = [
        "| （本列数据的勾稽 |                  | 申请人情况       |                |          |      |",
        border,
        "| 一、本年新收政府 |                  | 57               | 7              | 0        | 64   |",
        "| 信息公开申请数量 |                x |                  |                |          |      |",
        border,
    ]
    .join("\n");
    let report = config().check_bytes("grid.md", page.as_bytes(), &Options::default());
    assert_eq!(report.error, None);
    assert!(report.diagnostics.iter().any(|d| d.rule == "section-missing"));
}

/// The lines of a fixture page, decoded.
fn page_lines(name: &str) -> Vec<String> {
    let bytes = std::fs::read(fixture_path("formats").join(name)).unwrap();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => encoding_rs::GB18030.decode(e.as_bytes()).0.into_owned(),
    };
    text.lines().map(str::to_string).collect()
}

#[test]
fn findings_in_a_web_page_go_on_the_pages_own_lines() {
    // Tools that open the file itself (GitHub, SARIF viewers, editors) get the
    // page's line, not the text view's: each lands on the line holding the
    // paragraph or the table row of the finding.
    let run = |name: &str, format: &str| {
        let out = assert_cmd::Command::cargo_bin("nianbao")
            .unwrap()
            .args(["check", "--exit-zero", "--format", format])
            .arg(fixture_path("formats").join(name))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let name = "web-page-gbk-2021.html";
    let page = page_lines(name);
    let expected = [
        ("year-statement-mismatch", 16, "2020年，我局坚持"),
        ("cell-empty", 46, "行政处罚"),
        ("applications-row-total", 68, "1.属于国家秘密"),
    ];
    for (_, line, words) in expected {
        assert!(page[line - 1].contains(words), "line {line}: {}", page[line - 1]);
    }

    let concise = run(name, "concise");
    let github = run(name, "github");
    let sarif: serde_json::Value = serde_json::from_str(&run(name, "sarif")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&run(name, "json")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), expected.len());
    for (i, (rule, line, _)) in expected.into_iter().enumerate() {
        assert!(
            concise.contains(&format!("{name}:{line}:1: error[{rule}]")),
            "{concise}"
        );
        // No column: the view's columns are not the page's.
        assert!(
            github.contains(&format!("{name},line={line},endLine={line},title={rule}::")),
            "{github}"
        );
        let region = &results[i]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(results[i]["ruleId"], rule);
        assert_eq!(region["startLine"], line);
        assert!(region.get("startColumn").is_none(), "{region}");
        // JSON keeps the view's position and adds the page's line to the place.
        assert_eq!(diagnostics[i]["place"]["line"], line);
        assert_ne!(diagnostics[i]["labels"][0]["line"], line);
    }

    // A table drawn with divs: the row's own line.
    let name = "div-grid-2022.html";
    let page = page_lines(name);
    let github = run(name, "github");
    assert!(
        github.contains(&format!("{name},line=42,endLine=42,title=cell-placeholder")),
        "{github}"
    );
    assert!(page[41].contains("行政强制"), "{}", page[41]);
    assert!(
        github.contains(&format!("{name},line=91,endLine=91,title=appeals-group-total")),
        "{github}"
    );

    // A text report keeps its line and column.
    let text = run("../example/示例区人力资源和社会保障局2020年报告.txt", "github");
    assert!(
        text.lines().count() >= 5 && text.lines().all(|l| l.contains(",col=")),
        "{text}"
    );
}

#[test]
fn a_page_with_zero_width_characters_inside_its_numbers() {
    // `1&#8203;3` in a cell shows 13: the page reads as the same page without them.
    let page = to_html(&fixture("sections/clean-2021.txt"), true);
    let (clean, _) = check_page(&page);
    let cell = regex::Regex::new(r#""EN-US">(\d)(\d+)</span>"#).unwrap();
    for mark in ["&#8203;", "\u{200b}", "\u{2060}", "&shy;"] {
        let marked = cell.replace_all(&page, format!("\"EN-US\">${{1}}{mark}${{2}}</span>").as_str());
        assert!(marked.contains(mark), "{mark}");
        let (found, _) = check_page(&marked);
        assert_eq!(found, clean, "{mark}");
    }
}

#[test]
fn an_opening_that_lists_the_six_parts_is_not_the_report_on_a_web_page() {
    // `全文由总体情况、主动公开政府信息情况……六个部分组成`, a long paragraph of its
    // own: it names every part's title but holds no heading; the page's report is
    // the element whose lines are the headings.
    let text = fixture("sections/clean-2021.txt");
    let (clean, _) = check_page(&to_html(&text, true));
    let intro = "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。\
全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、\
存在的主要问题及改进情况、其他需要报告的事项六个部分组成。本报告中所列数据的统计期限自2021年1月1日起至2021年\
12月31日止。本报告电子版可在示例市人民政府门户网站政府信息公开专栏查阅或下载。如对本报告有任何疑问，请与示例市\
生态环境局办公室联系（地址：示例市人民路1号；邮编：100000；电话：010-12345678）。";
    let first_line = text.lines().next().unwrap();
    let listed = text.replacen(first_line, &format!("{first_line}\n{intro}"), 1);
    let (found, _) = check_page(&to_html(&listed, true));
    assert!(found.iter().all(|f| !f.starts_with("section-missing")), "{found:?}");
    assert_eq!(found.len(), clean.len(), "{found:?} vs {clean:?}");
}

#[test]
fn a_sentence_naming_the_sites_report_column_does_not_hide_the_heading() {
    let text = fixture("sections/clean-2021.txt");
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap();
    assert!(title.ends_with("年度报告"), "{title}");
    let body: String = lines.map(|l| format!("<p>{l}</p>\n")).collect();
    let page = |opening: &str| {
        format!(
            "<html><head><title>示例区人民政府</title></head><body>\n<h1 class=\"title\">{title}</h1>\n\
<div class=\"TRS_Editor\">\n<p>{opening}</p>\n{body}</div></body></html>"
        )
    };
    for opening in [
        "本报告电子版可在示例区人民政府门户网站查阅。",
        "本报告电子版可在示例区人民政府门户网站“政府信息公开年报”栏目查阅。",
        // A Word export's runs: one of them the words 年度报告 alone.
        "<span>本</span><span>年度报告</span><span>根据《条例》要求编制，由六部分组成。</span>",
    ] {
        let (_, report) = check_page(&page(opening));
        let view = report.source.unwrap();
        assert!(view.text().starts_with(title), "{opening}: {}", view.text());
    }
}

#[test]
fn a_page_in_sibling_blocks_is_read_whole_past_a_sentence_listing_the_sections() {
    // A site's page: the text in two sibling <div>s, lines broken by <br>, the
    // first opening with a sentence that lists the six parts. That block names
    // every section's title too, but holds only 一 and 二 as headings.
    let text = fixture("sections/clean-2021.txt").replacen(
        "编制。",
        "编制。本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\
政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项等六个部分。",
        1,
    );
    let (clean, _) = check_page(&to_html(&text, true));
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let split = lines.iter().position(|l| l.starts_with("二、")).unwrap() + 1;
    let block = |lines: &[&str]| format!("<div>{}</div>", lines.join("<br>\n"));
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告</title></head><body>\
<div id=\"content\">{}\n{}</div></body></html>",
        block(&lines[..split]),
        block(&lines[split..])
    );
    let (found, _) = check_page(&page);
    assert!(!found.iter().any(|f| f.starts_with("section-missing")), "{found:?}");
    assert_eq!(found, clean);
}

#[test]
fn a_table_given_as_a_picture_is_said_to_be_one() {
    // Table 三 replaced by a picture of it: still no table to check, and the
    // finding says why (a page's <img>, a Markdown image), not just "add it".
    let text = fixture("sections/clean-2021.txt");
    let lines: Vec<&str> = text.lines().collect();
    let (from, to) = (lines.iter().position(|l| l.starts_with("（本列")).unwrap(), 67);
    assert!(lines[to - 1].starts_with("四、结转下年度"));
    let with = |picture: &str| {
        let mut out = lines[..from].join("\n");
        out.push_str(&format!("\n{picture}\n"));
        out.push_str(&lines[to..].join("\n"));
        out
    };
    let picture_note = "此部分有一张图片：表格若以图片发布，读者无法复制、读屏软件无法朗读，本工具也无法核对其中的数字；请以文字表格发布";
    let page = to_html(&with("IMAGE"), true).replacen("<p>IMAGE</p>", "<p><img src=\"t3.png\"></p>", 1);
    assert!(page.contains("<img"), "the picture is on the page");
    let (found, report) = check_page(&page);
    assert!(found.iter().any(|f| f.starts_with("table-missing")), "{found:?}");
    assert!(notes_of(&report, "table-missing").contains(&picture_note.to_string()));
    let markdown = config().check_bytes("report.md", with("![表三](t3.png)").as_bytes(), &Options::default());
    assert!(notes_of(&markdown, "table-missing").contains(&picture_note.to_string()));
    // Without a picture, the usual advice.
    let bare = config().check_bytes("report.txt", with("").as_bytes(), &Options::default());
    let notes = notes_of(&bare, "table-missing");
    assert!(
        !notes.contains(&picture_note.to_string()) && !notes.is_empty(),
        "{notes:?}"
    );
}

#[test]
fn a_grid_table_written_twice_is_table_duplicated() {
    // Pandoc's grid table of table 三 pasted again right after itself: the
    // copy's anchor stands inside its first line, and the first's last label
    // ends on a line of its own (`| 办理 |`) — still nothing but the table between.
    let grid = to_grid_markdown(&fixture("sections/clean-2021.txt"));
    assert!(check(&grid).iter().all(|d| d.severity == nianbao::Severity::Info));
    let start = grid.find("\n+").unwrap() + 1;
    let heading = grid.find("三、收到和处理").unwrap();
    let start = grid[heading..].find("\n+").map(|i| heading + i + 1).unwrap_or(start);
    let end = grid[start..].find("\n\n").map_or(grid.len(), |i| start + i);
    let table = &grid[start..end];
    assert!(table.contains("本年新收"), "{table}");
    let twice = grid.replacen(table, &format!("{table}\n\n{table}"), 1);
    let found = rules_above_info(&twice);
    assert_eq!(found, ["table-duplicated"]);
}

#[test]
fn word_packages_as_other_tools_write_them() {
    let text = fixture("sections/clean-2021.txt");
    let xml = document_xml(&text, false);
    let clean = rules_of("r.docx", &to_docx(&text));
    // The main part named otherwise, found through the package's relationships.
    let renamed = zip_parts(&[
        (
            "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
             Target=\"/word/document2.xml\"/></Relationships>"
                .as_bytes(),
        ),
        ("word/document2.xml", xml.as_bytes()),
    ]);
    assert_eq!(rules_of("r.docx", &renamed), clean);
    let dotted = zip_parts(&[
        (
            "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
             Target=\"./word/document2.xml\"/></Relationships>"
                .as_bytes(),
        ),
        ("word/document2.xml", xml.as_bytes()),
    ]);
    assert_eq!(rules_of("r.docx", &dotted), clean);
    // The document part in UTF-16 with its byte-order mark.
    let utf16 = to_utf16(&xml.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\""), true, true);
    let utf16 = zip_parts(&[("word/document.xml", utf16.as_slice())]);
    assert_eq!(rules_of("r.docx", &utf16), clean);
    // A heading's numbering as it was before a tracked formatting change is not
    // what Word shows: `一、总体情况`, not `一、一、总体情况`.
    let old_numbering = "<w:pPr><w:pPrChange w:id=\"7\" w:author=\"编辑\"><w:pPr><w:numPr><w:ilvl w:val=\"0\"/>\
                         <w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange>";
    let mut changed = xml.clone();
    for heading in [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "五、存在的主要问题及改进情况",
    ] {
        let at = changed.find(heading).expect(heading);
        let p = changed[..at].rfind("<w:pPr>").unwrap();
        changed.replace_range(p..p + "<w:pPr>".len(), old_numbering);
    }
    assert_ne!(changed, xml);
    assert_eq!(rules_of("r.docx", &docx_of(&changed)), clean);

    // A picture larger than --max-file-size: only the text parts count.
    let dir = tempfile::tempdir().unwrap();
    let mut picture: Vec<u8> = Vec::with_capacity(3 << 20);
    let mut state = 0x2545_f491_u32;
    while picture.len() < 3 << 20 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        picture.extend_from_slice(&state.to_le_bytes());
    }
    let with_picture = zip_parts(&[
        ("word/document.xml", xml.as_bytes()),
        ("word/media/image1.png", picture.as_slice()),
    ]);
    assert!(with_picture.len() > 3 << 20, "the picture does not compress");
    std::fs::write(dir.path().join("picture.docx"), with_picture).unwrap();
    let mut big_text = xml.clone();
    let filler = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "说明".repeat(200));
    while big_text.len() < 3 << 20 {
        big_text.insert_str(big_text.rfind("</w:body>").unwrap(), &filler);
    }
    std::fs::write(
        dir.path().join("text.docx"),
        zip_parts(&[("word/document.xml", big_text.as_bytes())]),
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("nianbao")
        .unwrap()
        .args(["check", "--format", "json", "--lang", "en", "--max-file-size", "2"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = |name: &str| {
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    let picture = file("picture.docx");
    assert!(picture["error"].is_null(), "{picture}");
    let rules: Vec<&str> = picture["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"input-too-large"), "{rules:?}");
    // Text past the limit still is not read.
    let error = file("text.docx")["error"].as_str().unwrap_or("").to_string();
    assert!(error.contains("word/document.xml inflates"), "{error}");
}
