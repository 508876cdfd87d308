//! No input of any kind makes nianbao panic. These tests call the pipeline
//! directly (without the per-file panic guard), so a panic fails them.

use nianbao::FileReport;
use nianbao::Lang;
use nianbao::Linter;
use nianbao::engine::document_edition;
use nianbao::parse::{ParseOptions, parse};
use nianbao::render::{human, json};
use nianbao::source::SourceFile;

/// Pieces that stress the parser: numbering, cell separators, line endings,
/// blanks, numbers, table labels, headings, odd characters.
const FRAGMENTS: &[&str] = &[
    "一、",
    "四、",
    "六、",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "一是",
    "三是",
    "\t",
    "\t\t",
    "\n",
    "\r",
    "\r\n",
    "\n\n\n",
    " ",
    "   ",
    "\u{a0}",
    "\u{3000}",
    "\u{c}",
    "0",
    "7",
    "12",
    "-3",
    "+44",
    "2122500000元",
    "12.5",
    "１２",
    "/",
    "—",
    "无",
    "总计",
    "其他",
    "规章",
    "行政规范性文件",
    "本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（七）总计",
    "四、结转下年度继续办理",
    "1.属于国家秘密",
    "3.其他",
    "第二十条第（一）项",
    "第二十条第（九）项",
    "信息内容",
    "本年制发件数",
    "本年增/减",
    "申请人情况",
    "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "结果维持",
    "尚未审结",
    "|",
    "|---|",
    "#",
    "## ",
    "2020年",
    "二〇二一年",
    "年度报告",
    "政府信息公开工作年度报告",
    "。",
    "：",
    "，",
    "一、总体情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "- 3 -",
    "😀",
    "ａｂ",
    "统计期限为2020年1月1日至12月31日",
    "标题: ",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn check_all_the_way(config: &Linter, name: &str, text: &str) {
    let doc = parse(SourceFile::new(name, text), &config.format, &ParseOptions::default());
    let edition = document_edition(&doc, &config.format, None);
    for lang in [Lang::Zh, Lang::En] {
        let mut diagnostics = config.run(&doc, edition.as_deref(), lang);
        nianbao::anchor::annotate(&doc, &config.format, &mut diagnostics);
        let report = FileReport {
            path: name.to_string(),
            source: Some(doc.source.clone()),
            previous: None,
            extract: None,
            report_year: doc.report_year.map(|y| y.year),
            edition: edition.clone(),
            error: None,
            diagnostics,
            checked: true,
        };
        let reports = std::slice::from_ref(&report);
        let _ = human::render_file(&report, false);
        let _ = json::render(reports);
        let _ = nianbao::render::concise::render(reports, lang);
        let _ = nianbao::render::github::render(reports);
        let _ = nianbao::render::sarif::render(reports, &[], "0");
        let _ = nianbao::render::junit::render(reports, &[], nianbao::Severity::Error);
    }
    let _ = nianbao::dump::to_json(&nianbao::dump::view(&doc, &config.format, edition.as_deref()));
    let _ = nianbao::dump::to_text(&doc, &config.format, edition.as_deref());
}

#[test]
fn random_documents_from_report_fragments() {
    let config = Linter::builtin().unwrap();
    let seed = std::env::var("NIANBAO_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let mut rng = Rng(seed);
    for case in 0..std::env::var("NIANBAO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 600 } else { 3000 })
    {
        let len = 1 + rng.below(400);
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        }
        check_all_the_way(&config, &format!("case-{case}"), &text);
    }
}

#[test]
fn every_prefix_of_the_fixtures() {
    let config = Linter::builtin().unwrap();
    let mut files: Vec<_> = walk(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"));
    files.sort();
    for path in files {
        // Word, HTML and other encodings: every prefix of the bytes is read or
        // refused, never a panic.
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let bytes = std::fs::read(&path).unwrap();
        if !matches!(ext, "txt" | "md") || std::str::from_utf8(&bytes).is_err() {
            let name = path.display().to_string();
            let step = (bytes.len() / 40).max(1);
            for cut in (0..bytes.len()).step_by(step).chain([bytes.len()]) {
                let report = config.check_bytes(&name, &bytes[..cut], &nianbao::Options::default());
                if let Some(source) = report.source {
                    check_all_the_way(&config, &name, source.text());
                }
            }
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        // Cut at many points, on character boundaries.
        let mut cut = 0;
        while cut < text.len() {
            while !text.is_char_boundary(cut) {
                cut += 1;
            }
            check_all_the_way(&config, &path.display().to_string(), &text[..cut]);
            cut += 97;
        }
        check_all_the_way(&config, &path.display().to_string(), &text);
    }
}

#[test]
fn degenerate_inputs() {
    let config = Linter::builtin().unwrap();
    for text in [
        "",
        "\n",
        "\r",
        "\t",
        "\u{feff}",
        "一、",
        "（",
        "\t\t\t\n\t\n",
        "本列数据的勾稽关系",
        "未经复议直接起诉",
        "第二十条第（一）项",
        &"\r".repeat(5000),
        &"0".repeat(10_000),
        &"一是".repeat(2000),
        &"|".repeat(3000),
        &format!("本年新收政府信息公开申请数量{}", "9".repeat(500)),
    ] {
        check_all_the_way(&config, "degenerate", text);
    }
}

fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Found by the `text` fuzz target: runs of 7s read as table cells, whose
/// readings are so far off that their distances overflowed when summed.
#[test]
fn readings_far_off_do_not_overflow() {
    let bytes = b"# \xe6\x9c\xad\xbd\xe1\xb9\xfb\xbc\xc6\x09\xce\xb4\xbe\xad\xb8\xb4\xd2\xe9\xd6\xb1\xbd\
        \xd3\xc6\xf0\xcb\xdf\x09\x09\x09\x09\x09\xb8\xb4\xd2\xe9\xba\xf3\xc6\xf0\xcb\xdf\x09\x09\
        \x09\x09\x0a\x09\x09\x09\x09\x09\xbd\xe1\xb9\xfb\xce\xac\xb3\xd6\x09\x80\xe6\x9c\x88\xe5\
        \x8a\x9e\xe6\xa3\x80\xe6\x9f\xa50\xe6\xac\xa1\xef\xbc\x8f\x8e\xe5\xe7\x8c\xe7\x91\xb0\
        \x9a\x84\xe9\x97\xae\xe9\xa2\x98\xe5\x9d\x87\xe5\xb7\xb2\xe6\x95\xb4\xe6\x94\xb9\xe3\x80\
        \x82\x0a\x0a\xe4\xba\x8c\xe3\x80\x81\xe4\xb8\xbb\xe5\x8a\xa8\xe5\x85\xac\xe5\xbc\x80\xe6\
        '''''''\xba\xa4\xe9\x80\x9a\xe8\xbf\x90\xe8\xbe\x93\xe7\xb1\x8020\xba*\x9c\xe4\xbf\xe7\
        \xe6\x94\xba\x82\xb70\xe5\xe6\x9c\x9a\x97\xe4\xa1\xb8\x8a\xe6\xa0\xb9\xe6\x8d\xe6\xe6\
        \x94\xbf\xe5\xba\x9c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x85\xac\xe5\xbc'''''7777777777\xc9\xd17\
        77777777777777777\xbf\x90\xe8\xbe\x93\xe7\xb1\x8020\xba*\x9c\xe4\xbf\xe7\xe6\x94\xba\x82\
        \xb70\xe5\xe6\x9c\x9a\x97\xe4\xa1\xb8\x8a\xe6\xa0\xb9\xe6\x8d\xe6\xe6\x94\xbf\xe5\xba\
        \x9c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x85\xac\xe5\xbc'''''7777777777\xc9\xd177777777777777A77\
        777777;777777777777777777;77777777777777777777\xcd\xd0\xd0\xd5\xfe\xcb\xdf\xcb\xcf\xc7\
        \xe9\xbf\xf6\xa1\xa2\xb4\xe6\xd4\xda\xb5\xc4\xd6\xf7\xd2\xaa\xce\xca\xcc\xe2\xbc\xb0\xb8\
        \xc4\xbd\xf8\xc77777777777777777'''''''''''l@\x1aE\xb7\xa5\xe4\xbd\xa4\xba\xe4\xbe\xd3\
        \x8b\xe5\xb8\x82\xe6\x9e\x97\xe4\xb8\x9a\xe5\xb1\x802020\xe5\xb9\x80\xb0\x91\xe4\xbf\xa1\
        \xe6\xe5";
    let linter = Linter::builtin().unwrap();
    let source = SourceFile::new("crash.txt", String::from_utf8_lossy(bytes).into_owned());
    let mut doc = parse(source, &linter.format, &ParseOptions::default());
    nianbao::infer::read_tables(&mut doc, &linter.rules, &linter.format);
    let report = linter.check_bytes("crash.txt", bytes, &nianbao::Options::default());
    assert_eq!(report.error, None);
}

/// Found by the `text` fuzz target (a 10 s timeout there, 1.1 s optimized):
/// long runs of 7s and zeros whose cuts into cells mostly lead nowhere. The
/// search now enters only cuts that can still make a reading.
#[test]
fn run_together_digits_that_cannot_be_cut_are_given_up_at_once() {
    let bytes = b"# \xe6\x9c\xad\xbd\xe1\xb9\xfb\xbc\xc6\x09\xce\xb4\xbe\xad\xb8\xb4\xd2\xe9\xd6\xb1\xbd''\
        '''''\xba\xa4\xe9\x80\xbd\xe1\xb9\xfb\xbc\xc6\x09\xce\xb4\xbe\xad\xb8\xb4\xd2\xe9\xd6\
        \xb1\xbd\xd3\xc6\xf0\xcb\xdf\x09\x09\x09\x09\x09\xb8\xb4\xd2\xe9\xba\xf3\xc6\xf0\xcb\xdf\
        \x09\x09\x09\x09\x0a\x09\x09\x09\x09\x09\xbd\xe1\xb9\xfb\xce\xac\xb3\xd6\x09\x80\xe6\x9c\
        \x88\xe5\x8a\x9e\xe6\xa3\x80\xe6\x9f\xa50\xe6\xac\xa1\xef\xbc\x8f\x8e\xe5\xe7\x8c\xe7\
        \x91\xb0\x9a\x84\xe9\x97\xae\xe9\xa2\x98\xe5\x9d\x87\xe5\xb7\xb2\xe6\x95\xb4\xe6\x94\xb9\
        \xe3\x80\x82\x0a\x0a.\xe4p77003014526681976609906;777777777777777777;7777777777777777777\
        7\xcd\xd0\xd0\xd5\xfe\xcb777;7777777777777777\xe5\x85\xac\xe5\xbc'''''7777777777\xc9\xd1\
        77003014526681976609906;777777\xce\xca\xcc\xe2\xbc\xb0\xb8\xc4\xbd\xf8\xc777777777777777\
        77'''''''''''l@\x1aE\xb7\xa5\xe4\xbd\xa4\xba\xe4\xbe\xd3\x8b\xe5\xb8\x82\xe6\x9e\x97\xe4\
        \xb8\x9a\x802\xe5\xb1020\xe5\xb9\x80\xb0\x91\xe4\xbf\xa1\xe6\xe5";
    let linter = Linter::builtin().unwrap();
    let report = linter.check_bytes("slow.txt", bytes, &nianbao::Options::default());
    assert_eq!(report.error, None);
}

/// Found by the `rule_file` fuzz target: a user's pattern that parses but is
/// too big to build (`[^。]{0,65212}`) was compiled only when a report reached
/// it, and panicked there. It is the rule file's error, pointing at the pattern.
#[test]
fn a_pattern_too_big_to_build_is_the_rule_files_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    std::fs::write(
        &rules,
        "[document]\ntitle-field = '^(标题)\\s*[:：]\\s*(?P<title>.+)月[^。]{0,65212}?日'\n",
    )
    .unwrap();
    let e = Linter::load(&[rules]).unwrap_err();
    assert!(e.message.starts_with("invalid regular expression"), "{}", e.message);
    assert!(e.message.contains("size limit"), "{}", e.message);
    assert!(e.to_string().contains("mine.toml:2:"), "{e}");
}

/// Found by the `text` fuzz target: a bad byte after an HTML table in a text
/// report was placed where the decoder left it, before the table was rewritten
/// as tab rows (shorter): past the end of the text.
#[test]
fn a_bad_byte_after_an_html_table_is_placed_where_it_is() {
    let mut bytes = "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr>\
        <tr><td>二、上年结转政府信息公开申请数量</td><td>0</td></tr></table>\n后记"
        .as_bytes()
        .to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice("。\n".as_bytes());
    let linter = Linter::builtin().unwrap();
    let report = linter.check_bytes("table.md", &bytes, &nianbao::Options::default());
    assert_eq!(report.error, None);
    let source = report.source.unwrap();
    let d = report.diagnostics.iter().find(|d| d.rule == "input-encoding").unwrap();
    assert_eq!(source.slice(d.primary.span), "\u{FFFD}");
}
