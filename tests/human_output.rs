//! Snapshots of the rustc-style output: what an editor actually reads.

use nianbao::Lang;
use nianbao::render::human;
use nianbao::source::SourceFile;
use nianbao::{Linter, Options};

fn render(name: &str, text: &str, lang: Lang) -> String {
    render_only(name, text, lang, &[])
}

/// Render the findings of rules whose id starts with one of `prefixes` (all when
/// empty).
fn render_only(name: &str, text: &str, lang: Lang, prefixes: &[&str]) -> String {
    let linter = Linter::builtin().unwrap();
    let mut report = linter.check_source(
        SourceFile::new(name, text),
        &Options {
            lang,
            ..Default::default()
        },
    );
    if !prefixes.is_empty() {
        report
            .diagnostics
            .retain(|d| prefixes.iter().any(|p| d.rule.starts_with(p)));
    }
    human::render_file(&report, false)
}

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(rel),
    )
    .unwrap()
}

const OUTLINE: &[&str] = &["section-", "subitem-", "processing-fee", "problems-"];

const OUTLINE_DEFECTS: &str = "样本镇农业农村办公室2021年政府信息公开工作年度报告

一、总体情况

（二）组织保障。2021年，我办把政务公开纳入年度工作要点，明确一名分管领导和一名工作人员。

（三）平台建设。我办通过镇政府网站公开信息。

二、主动公开政府信息情况

三、收到和处理政府信息公开申请情况

四、因政府信息公开工作被申请行政复议
和提起行政诉讼情况

五、存在的主要问题及改进情况

主要问题：一是公开内容不够全面；二是更新不够及时；二是解读形式单一。下一步，我办将逐项整改。

六、其他需要报告的事项

无。
";

#[test]
fn outline_defects_zh() {
    insta::assert_snapshot!(render_only("outline.txt", OUTLINE_DEFECTS, Lang::Zh, OUTLINE));
}

#[test]
fn outline_defects_en() {
    insta::assert_snapshot!(render_only("outline.txt", OUTLINE_DEFECTS, Lang::En, OUTLINE));
}

#[test]
fn long_line_is_clipped_around_the_finding() {
    // A scraped page: the whole report on one line.
    let filler = "我局严格落实政府信息公开各项制度，持续推进公开平台建设，".repeat(8);
    let text = format!(
        "某市统计局2022年政府信息公开工作年度报告\n一、总体情况{filler}一是完善制度；二是加强培训；四是强化监督。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况{filler}六、其他需要报告的事项本年度未收取信息处理费。\n"
    );
    insta::assert_snapshot!(render_only("flat.txt", &text, Lang::Zh, OUTLINE));
}

#[test]
fn tab_separated_text_keeps_its_columns() {
    let text = "某区司法局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n（一）\t组织领导。\n（三）\t制度建设。\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n问题与措施。下一步，我局将加强信息公开队伍建设，提高公开质量。\n\n六、其他需要报告的事项\n\n无。\n";
    insta::assert_snapshot!(render_only("tabs.txt", text, Lang::Zh, OUTLINE));
}

#[test]
fn rule_file_error_points_into_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "[[rule]]\nid = \"fee\"\nkind = \"section\"\ncheck = \"content\"\nsection = \"other\"\nexpect = ['处理费(']\nmessage = { zh = \"缺\", en = \"missing\" }\n",
    )
    .unwrap();
    let err = Linter::load(&[path]).unwrap_err();
    let rendered = err.render(false).replace(&dir.path().display().to_string(), "<dir>");
    insta::assert_snapshot!(rendered);
}

#[test]
fn the_bundled_example() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    insta::assert_snapshot!(render("example.txt", &text, Lang::Zh));
}

#[test]
fn the_bundled_example_in_english() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    insta::assert_snapshot!(render("example.txt", &text, Lang::En));
}

#[test]
fn balance_failure_in_one_cell_per_line() {
    // Two more new applications from 自然人 (row total kept right): the 自然人 and
    // 总计 columns no longer balance.
    let text = fixture("layouts/tab-cells-2021.txt");
    let text = text.replacen(
        "\t一、本年新收政府信息公开申请数量\n\t17\n",
        "\t一、本年新收政府信息公开申请数量\n\t19\n",
        1,
    );
    let text = text.replacen("\t1\n\t23\n", "\t1\n\t25\n", 1);
    insta::assert_snapshot!(render_only("cells.txt", &text, Lang::Zh, &["applications-"]));
}

#[test]
fn blank_rows_and_unsplit_rows() {
    let text = fixture("layouts/run-together-2021.txt");
    insta::assert_snapshot!(render("flat.txt", &text, Lang::Zh));
}

#[test]
fn prose_breakdown() {
    let text = "某区统计局2021年政府信息公开工作年度报告\n\n一、总体情况\n\n2021年，我局主动公开政府信息120条，其中：1.政策文件20条；2.工作动态70条；3.其他信息25条。\n";
    insta::assert_snapshot!(render_only("prose.txt", text, Lang::Zh, &["prose-"]));
}
