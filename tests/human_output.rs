//! Snapshots of the rustc-style output: what an editor actually reads.

use nianbao::Lang;
use nianbao::config::Config;
use nianbao::engine::{self, Options};
use nianbao::render::human;
use nianbao::source::SourceFile;

fn render(name: &str, text: &str, lang: Lang) -> String {
    let config = Config::builtin().unwrap();
    let report = engine::check_source(
        SourceFile::new(name, text),
        &config,
        &Options {
            lang,
            ..Default::default()
        },
    );
    human::render_file(&report, false)
}

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
    insta::assert_snapshot!(render("outline.txt", OUTLINE_DEFECTS, Lang::Zh));
}

#[test]
fn outline_defects_en() {
    insta::assert_snapshot!(render("outline.txt", OUTLINE_DEFECTS, Lang::En));
}

#[test]
fn long_line_is_clipped_around_the_finding() {
    // A scraped page: the whole report on one line.
    let filler = "我局严格落实政府信息公开各项制度，持续推进公开平台建设，".repeat(8);
    let text = format!(
        "某市统计局2022年政府信息公开工作年度报告\n一、总体情况{filler}一是完善制度；二是加强培训；四是强化监督。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况{filler}六、其他需要报告的事项本年度未收取信息处理费。\n"
    );
    insta::assert_snapshot!(render("flat.txt", &text, Lang::Zh));
}

#[test]
fn tab_separated_text_keeps_its_columns() {
    let text = "某区司法局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n（一）\t组织领导。\n（三）\t制度建设。\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n问题与措施。下一步，我局将加强信息公开队伍建设，提高公开质量。\n\n六、其他需要报告的事项\n\n无。\n";
    insta::assert_snapshot!(render("tabs.txt", text, Lang::Zh));
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
    let err = Config::load(&[path]).unwrap_err();
    let rendered = err.render(false).replace(&dir.path().display().to_string(), "<dir>");
    insta::assert_snapshot!(rendered);
}
