//! The outline fixtures give exactly the findings fixtures/README.md lists.

mod common;

use common::*;

/// The six section headings of `sections/clean-2021.txt`, as written there.
const HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

fn all(rel: &str) -> Vec<String> {
    let text = fixture(rel);
    findings(&text, &check(&text))
}

#[test]
fn a_clean_report_has_no_findings() {
    // Near-misses included: 第二十条第（一）项 in prose, 统一是, lists restarting at 一是.
    assert_eq!(all("sections/clean-2021.txt"), Vec::<String>::new());
}

#[test]
fn missing_out_of_order_duplicated() {
    // 六 absent: the caret is at the end of the report (the signature, line 85).
    assert_eq!(all("sections/missing-other-2020.txt"), ["section-missing@85"]);
    // 五 (70) comes before 四 (76): 四 is out of place.
    assert_eq!(all("sections/out-of-order-2020.txt"), ["section-out-of-order@76"]);
    // 二 at 19 and again at 70 (its paragraph, 72, two sentences of one of
    // 一's: too short for passage-repeated).
    assert_eq!(all("sections/duplicated-2020.txt"), ["section-duplicated@70"]);
}

#[test]
fn numbering_and_wording() {
    // 六 written as 七、.
    assert_eq!(all("sections/numbering-2021.txt"), ["section-numbering@82"]);
    // 一.总体情况, a space inside 二, 三 split over two lines: accepted silently;
    // the regulation's wordings of 四, 五 and 六 are noted at info level.
    let text = fixture("sections/wording-2021.txt");
    let d = check(&text);
    assert_eq!(
        findings(&text, &d),
        ["section-wording@70", "section-wording@77", "section-wording@83"]
    );
    assert!(d.iter().all(|d| d.severity == nianbao::Severity::Info));
    let keys: Vec<String> = document(&text).sections.iter().map(|s| s.key.clone()).collect();
    assert_eq!(
        keys,
        ["overview", "disclosure", "applications", "appeals", "problems", "other"]
    );
    // Each says truthfully where its wording comes from: 五's is the regulation's
    // (第五十条), 四's a variant of it, 六's (其他事项) a common shortening.
    let why: Vec<&str> = d.iter().map(|d| d.primary.message.as_str()).collect();
    assert_eq!(
        why,
        [
            "常见的另一种说法，已接受",
            "这是《条例》第五十条的说法，已接受",
            "常见的另一种说法，已接受"
        ]
    );
}

#[test]
fn a_section_in_words_of_its_own_is_found_by_its_number_and_place() {
    let text = fixture("sections/wording-2021.txt").replace("六、其他事项", "六、有关情况说明");
    let d = check(&text);
    // On the heading, at info level: not a missing 六 at the end of the report.
    assert_eq!(
        findings(&text, &d),
        ["section-wording@70", "section-wording@77", "section-wording@83"]
    );
    assert_eq!(d[2].primary.message, "措辞与规定标题不同，按编号和位置视为该部分");
    assert_eq!(
        d[2].message,
        "第六部分标题“有关情况说明”与格式规定的“其他需要报告的事项”不一致"
    );
    // Not a list item numbered 六 inside 五, when 六 is missing.
    let without_six = fixture("sections/wording-2021.txt").replace(
        "六、其他事项\n\n本年度我局未收取信息处理费。",
        "一、加强解读。\n二、及时更新。\n三、规范办理。\n四、强化培训。\n五、完善考核。\n六、接受监督。",
    );
    let found = findings(&without_six, &check(&without_six));
    assert!(found.iter().any(|f| f.starts_with("section-missing@")), "{found:?}");
}

#[test]
fn section_six_in_words_turned_round() {
    // 需要说明的其他事项（与附表）: 六 by its words, on a line of its own, or run
    // in after 五's text and into its own as a scraped page has it (no heading
    // line to go by there).
    for (from, six) in [
        ("六、其他事项\n\n", "六、需要说明的其他事项与附表\n\n"),
        ("\n\n六、其他事项\n\n", "六、需要说明的其他事项与附表"),
    ] {
        let text = fixture("sections/wording-2021.txt").replace(from, six);
        assert!(text.contains(six));
        let keys: Vec<String> = document(&text).sections.iter().map(|s| s.key.clone()).collect();
        assert_eq!(keys.last().map(String::as_str), Some("other"), "{six:?}");
        let found = findings(&text, &check(&text));
        assert!(!found.iter().any(|f| f.starts_with("section-missing")), "{found:?}");
    }
}

#[test]
fn a_misnumbered_section_run_into_a_scraped_page_is_found() {
    // A part of the agency's own at 五 (a fee table), then 存在的主要问题和改进情况
    // at 六, run into the table's digits on a page scraped into one line: 五 is
    // there under 六 (misnumbered), as it is read from a heading line; 六 is missing.
    let text = fixture("layouts/run-together-2021.txt")
        .replacen(
            "五、存在的主要问题及改进情况",
            "五、信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）000六、存在的主要问题和改进情况",
            1,
        )
        .replacen("六、其他需要报告的事项本年度我局未收取信息处理费。", "", 1);
    let found = findings(&text, &check(&text));
    let sections: Vec<&String> = found.iter().filter(|f| f.starts_with("section-")).collect();
    assert_eq!(sections.len(), 2, "{found:?}");
    assert!(sections[0].starts_with("section-numbering@"), "{found:?}");
    assert!(sections[1].starts_with("section-missing@"), "{found:?}");
    let keys: Vec<String> = document(&text).sections.iter().map(|s| s.key.clone()).collect();
    assert_eq!(keys.last().map(String::as_str), Some("problems"));
}

#[test]
fn a_heading_whose_numeral_has_no_mark_is_found_by_its_title() {
    // `一总体情况`, `一 总体情况` (the 、 lost in extraction): 一 by its exact
    // title, on a line of its own or run into a scraped page after a sentence.
    for heading in ["一总体情况", "一 总体情况", "一，总体情况"] {
        let text = fixture("sections/clean-2021.txt").replacen("一、总体情况", heading, 1);
        let keys: Vec<String> = document(&text).sections.iter().map(|s| s.key.clone()).collect();
        assert_eq!(keys.first().map(String::as_str), Some("overview"), "{heading}");
        assert_eq!(findings(&text, &check(&text)), Vec::<String>::new(), "{heading}");
    }
    let flat = fixture("layouts/run-together-2021.txt");
    let at = flat.find("一、总体情况").expect("heading 一");
    assert!(flat[..at].ends_with('。'), "after a sentence");
    let text = flat.replacen("一、总体情况", "一总体情况", 1);
    assert!(!findings(&text, &check(&text)).iter().any(|f| f.starts_with("section-")));
    // Not a numeral inside words (统一总体情况), nor one of another section.
    for other in ["统一总体情况", "二总体情况"] {
        let text = fixture("sections/clean-2021.txt").replacen("一、总体情况", other, 1);
        let found = findings(&text, &check(&text));
        assert!(
            found.iter().any(|f| f.starts_with("section-missing")),
            "{other}: {found:?}"
        );
    }
}

#[test]
fn a_section_in_words_of_its_own_is_found_after_a_missing_one() {
    // 四 cut short (因政府信息公开工作被申请) after 三's heading was deleted: 三 is
    // missing, 四 is still 四 by its number and place (not a second missing section).
    let text = fixture("sections/clean-2021.txt")
        .replace("三、收到和处理政府信息公开申请情况\n", "")
        .replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请");
    let found = findings(&text, &check(&text));
    let missing: Vec<&String> = found.iter().filter(|f| f.starts_with("section-missing@")).collect();
    assert_eq!(missing.len(), 1, "{found:?}");
    let keys: Vec<String> = document(&text).sections.iter().map(|s| s.key.clone()).collect();
    assert_eq!(keys, ["overview", "disclosure", "appeals", "problems", "other"]);
    // Not when a section between them is found elsewhere (三 written after 四).
    let moved = fixture("sections/clean-2021.txt")
        .replace("三、收到和处理政府信息公开申请情况\n", "")
        .replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请")
        .replace(
            "五、存在的主要问题及改进情况",
            "三、收到和处理政府信息公开申请情况\n\n五、存在的主要问题及改进情况",
        );
    let keys: Vec<String> = document(&moved).sections.iter().map(|s| s.key.clone()).collect();
    assert!(!keys.contains(&"appeals".to_string()), "{keys:?}");
}

#[test]
fn headings_of_the_overview_numbered_like_sections_are_not_sections() {
    // 总体情况 goes on in headings 二、 to 七、 of its own; two of them read loosely
    // like sections 二 and 三 (主动公开工作情况, 政府信息公开申请情况), which follow
    // in the format's words: not a repeat of either, and nothing misnumbered.
    let mut text = fixture("sections/clean-2021.txt");
    for (item, heading) in [
        (
            "（一）主动公开情况。",
            "二、工作机制保障\n\n我局设立政务公开领导小组，统筹推进公开工作。\n\n三、主动公开工作情况\n\n",
        ),
        ("（二）依申请公开情况。", "四、政府信息公开申请情况\n\n"),
        ("（三）政府信息管理情况。", "五、政府信息管理\n\n"),
        ("（四）政府信息公开平台建设情况。", "六、政府信息公开平台建设\n\n"),
        ("（五）政府信息公开监督保障情况。", "七、监督保障\n\n"),
    ] {
        assert!(text.contains(item));
        text = text.replacen(item, heading, 1);
    }
    assert_eq!(findings(&text, &check(&text)), Vec::<String>::new());
    let starts: Vec<usize> = document(&text).sections.iter().map(|s| s.heading.start).collect();
    assert_eq!(starts[1], text.find("二、主动公开政府信息情况").unwrap());
    // A section written twice in the same words is still a repeat.
    assert_eq!(all("sections/duplicated-2020.txt"), ["section-duplicated@70"]);
}

#[test]
fn sub_item_sequences() {
    // 11: a 一是-list starting at 二是; 13: （一）（二）（四); 77: 二是 repeated.
    assert_eq!(
        all("sections/subitems-2020.txt"),
        ["subitem-sequence@11", "subitem-sequence@13", "subitem-sequence@77"]
    );
}

#[test]
fn a_missing_sections_heading_is_pointed_at_above_its_table() {
    let base = fixture("sections/clean-2021.txt");
    // 三's heading deleted: its table runs on under 二, and the heading belongs above it.
    let text = base.replacen("三、收到和处理政府信息公开申请情况\n", "", 1);
    let table = line_of(&text, text.find("（本列数据的勾稽关系为").unwrap());
    let found = check(&text);
    assert_eq!(findings(&text, &found), [format!("section-missing@{table}")]);
    assert!(
        found[0].primary.message.contains("这张表属于第三部分"),
        "{:?}",
        found[0]
    );
    // 五 has no table: before the next heading, as before.
    let text = base.replacen("五、存在的主要问题及改进情况\n", "", 1);
    let six = line_of(&text, text.find("六、其他需要报告的事项").unwrap());
    assert_eq!(findings(&text, &check(&text)), [format!("section-missing@{six}")]);
}

#[test]
fn items_opening_markdown_headings_are_numbered_too() {
    let base = fixture("sections/clean-2021.txt");
    let list = "一是建立执法信息公开周报制度；二是对重大项目环评审批结果同步发布解读。";
    let items = |second: &str| {
        let text = base.replacen(
            list,
            &format!("\n\n### 一是建立周报制度。\n\n### {second}是同步发布解读。\n\n### 三是加强培训。\n\n"),
            1,
        );
        check(&text)
            .into_iter()
            .filter(|d| d.rule == "subitem-sequence")
            .map(|d| d.message)
            .collect::<Vec<_>>()
    };
    assert_eq!(items("二"), Vec::<String>::new());
    assert_eq!(items("三"), ["序号不连续：一是之后是三是，应为二是"]);
}

#[test]
fn one_slip_in_a_list_is_said_once() {
    let base = fixture("sections/clean-2021.txt");
    let list = "一是建立执法信息公开周报制度；二是对重大项目环评审批结果同步发布解读。";
    assert!(base.contains(list));
    let said = |written: &str| {
        let text = base.replacen(list, written, 1);
        let found = check(&text);
        let ours: Vec<_> = found.into_iter().filter(|d| d.rule == "subitem-sequence").collect();
        ours.iter()
            .map(|d| format!("{} / {}", d.message, d.primary.message))
            .collect::<Vec<_>>()
    };
    // 三是 written for 二是: not also 三是 repeated.
    assert_eq!(
        said("一是建立周报制度；三是同步发布解读；三是加强培训。"),
        ["序号不连续：一是之后是三是，应为二是 / 应为二是"]
    );
    // 二是 written twice for 二是、三是: not also 二是 followed by 四是.
    assert_eq!(
        said("一是建立周报制度；二是同步发布解读；二是加强培训；四是纳入考核。"),
        ["序号不连续：二是重复出现 / 应为三是"]
    );
    // A real gap, and a real repeat, are said as before.
    assert_eq!(
        said("一是建立周报制度；三是同步发布解读；四是加强培训。"),
        ["序号不连续：一是之后是三是，缺少二是 / 应为二是"]
    );
    assert_eq!(
        said("一是建立周报制度；二是同步发布解读；二是加强培训。"),
        ["序号不连续：二是重复出现 / 重复的序号"]
    );
}

#[test]
fn content_of_sections_five_and_six() {
    // 五 only 无。; 六 only 无。 in an edition-2021 report (no 信息处理费 statement).
    assert_eq!(
        all("sections/problems-empty-2021.txt"),
        ["problems-empty@76", "processing-fee-unstated@80"]
    );
    // The fee statement is an edition-2021 rule: the same 六 in a 2020 report is
    // fine (every year a year back: the title alone would be outvoted by the body).
    let text = fixture("sections/problems-empty-2021.txt")
        .replace("2021年", "2020年")
        .replace("2022年", "2021年");
    assert!(
        !findings(&text, &check(&text))
            .iter()
            .any(|f| f.starts_with("processing-fee"))
    );
}

#[test]
fn a_pre_2019_report_is_said_once_and_not_checked() {
    assert_eq!(all("sections/legacy-2018.txt"), ["legacy-format@1"]);
}

#[test]
fn a_draft_with_placeholders_left_in_it() {
    // XX件 (11), a note to the writer (13), a signature date not filled in (100):
    // the date is still a signature, not a statement naming 2022; the XX in a
    // table cell is cell-not-number's (62), not said twice.
    assert_eq!(
        all("sections/draft-placeholders-2021.txt"),
        [
            "text-placeholder@11",
            "text-placeholder@13",
            "cell-not-number@62",
            "text-placeholder@100"
        ]
    );
    // Past ten in a file, the tenth says how many more there are.
    let text = fixture("sections/clean-2021.txt").replace("（三）政府信息管理情况。", &"XX局收到XX件，".repeat(6));
    let found = check(&text);
    let placeholders: Vec<_> = found.iter().filter(|d| d.rule == "text-placeholder").collect();
    assert_eq!(placeholders.len(), 10);
    assert_eq!(placeholders[9].notes, ["另有 2 处未列出"]);
    // What each placeholder finding points at.
    let written = |text: &str| -> Vec<String> {
        check(text)
            .iter()
            .filter(|d| d.rule == "text-placeholder")
            .map(|d| text[d.primary.span.start..d.primary.span.end].to_string())
            .collect()
    };
    // Side by side they are one (X月X日), but not across a line break.
    let text = fixture("sections/clean-2021.txt").replace("示例市生态环境局\n2022年1月24日", "XX局\n2022年X月X日");
    assert_eq!(written(&text), ["XX局", "X月X日"]);
    // A note with brackets of its own is one placeholder, whole; empty brackets
    // before a unit are one too; a long run of X before a name is read to its
    // last eight.
    let text = fixture("sections/clean-2021.txt").replace(
        "（三）政府信息管理情况。",
        "（三）政府信息管理情况。【待补充（单位名称）】负责审核，全年审核（　）件，XXXXXXXXXX局参与。",
    );
    assert_eq!(written(&text), ["【待补充（单位名称）】", "（　）件", "XXXXXXXX局"]);
    // Counts of cases, copies and bodies (起, 份, 家) are units too.
    let text = fixture("sections/clean-2021.txt").replace(
        "（三）政府信息管理情况。",
        "（三）政府信息管理情况。引发行政复议XX起，印发XX份，涉及××家单位。",
    );
    assert_eq!(written(&text), ["XX起", "XX份", "××家"]);
    // A title in 《》 using a lone lowercase x as its variable names a series, not
    // a blank; 20xx and XX in a title are still blanks.
    let text = fixture("sections/clean-2021.txt").replace(
        "（三）政府信息管理情况。",
        "（三）政府信息管理情况。发布《今日检测食用农产品x批次，合格率x%》系列文章，印发《20xx年工作要点》《XX局制度汇编》，合格率x%。",
    );
    assert_eq!(written(&text), ["20xx年", "XX局", "x%"]);
    // A draft's other blanks: lenticular or square brackets left empty or
    // round an X, X with 余, boxes, a government written XX, an agency written
    // 某某 (a run of them one); a person or a body made anonymous is no blank.
    let text = fixture("sections/clean-2021.txt").replace(
        "（三）政府信息管理情况。",
        "（三）政府信息管理情况。主动公开【】条，[ ]件，解读【XX】篇，答复XX余件，□□□□年□月□日印发；\
XX人民政府统筹，某某市某某局配合，填报单位：【 】。申请人王某某、某公司申请公开某某项目。",
    );
    assert_eq!(
        written(&text),
        [
            "【】条",
            "[ ]件",
            "【XX】篇",
            "XX余件",
            "□□□□年□月□日",
            "XX人民政府",
            "某某市某某局",
            "【 】"
        ]
    );
    // Nor a person made anonymous before a word (王某某委托, 李某某办理), a list's
    // box bullets, a task list in Markdown, or an x ending a word (Linux多个).
    let text = fixture("sections/clean-2021.txt").replace(
        "（三）政府信息管理情况。",
        "（三）政府信息管理情况。申请人王某某委托代理人提起行政复议，李某某办理登记后申请公开。\n\
□ 条例宣传进社区\n□项目信息公开专栏\n- [ ] 年度培训计划\n门户网站已适配Linux多个国产操作系统。\n",
    );
    assert_eq!(written(&text), Vec::<String>::new());
    // But a signature run into the text before it, its date after it, is one.
    let text =
        fixture("sections/clean-2021.txt").replace("示例市生态环境局\n2022年1月24日", "本年度无某某局2022年1月24日");
    assert_eq!(written(&text), ["某某局"]);
}

#[test]
fn a_misnumbered_heading_run_into_the_text_is_misnumbered_not_missing() {
    // A page scraped into one line: 四's exact title under 三、 is section 四
    // written with the wrong number, not a missing section.
    let text = fixture("layouts/run-together-2021.txt");
    for (from, to) in [
        ("四、政府信息公开行政复议", "三、政府信息公开行政复议"),
        ("五、存在的主要问题", "四、存在的主要问题"),
    ] {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        let edited = text.replacen(from, to, 1);
        let found = findings_of(&edited, &["section-"]);
        assert_eq!(found.len(), 1, "{to}: {found:?}");
        assert!(found[0].starts_with("section-numbering@"), "{to}: {found:?}");
        let d = check(&edited);
        let numbering = d.iter().find(|d| d.rule == "section-numbering").unwrap();
        assert!(
            numbering.message.contains(&format!(
                "编号写作“{}”",
                &to[..to.find('、').unwrap() + '、'.len_utf8()]
            )),
            "{}",
            numbering.message
        );
    }
}

#[test]
fn a_heading_in_other_words_run_into_the_text_is_that_section() {
    // A page scraped into one line: `一、基本情况` (a wording the overview's
    // patterns take whole) runs into the text after it. Under 一 and after a
    // sentence's end it is section 一, whatever follows it.
    let text = fixture("layouts/run-together-2021.txt");
    assert_eq!(text.matches("一、总体情况").count(), 1);
    for (to, then) in [
        ("一、基本情况", ""),
        ("一、基本情况", "（一）工作概述。"),
        ("一、概况", ""),
    ] {
        let edited = text.replacen("一、总体情况", &format!("{to}{then}"), 1);
        assert_eq!(
            findings_of(&edited, &["section-missing"]),
            Vec::<String>::new(),
            "{to}{then}"
        );
    }
    // Under another number it is not section 一: still missing.
    let loose = text.replacen("一、总体情况", "二、基本情况", 1);
    assert!(
        findings_of(&loose, &["section-missing"])
            .iter()
            .any(|f| f.starts_with("section-missing@"))
    );
}

#[test]
fn disclosure_headed_in_words_turned_round_is_that_section_in_every_layout() {
    // `政府信息主动公开情况` is a common wording of 二: found on a line of its
    // own (a wording note) and run into a page scraped into one line alike.
    for rel in ["sections/clean-2021.txt", "layouts/run-together-2021.txt"] {
        let text = fixture(rel);
        let edited = text.replacen("二、主动公开政府信息情况", "二、政府信息主动公开情况", 1);
        assert_ne!(edited, text);
        assert_eq!(
            findings_of(&edited, &["section-missing"]),
            Vec::<String>::new(),
            "{rel}"
        );
    }
}

#[test]
fn a_sentence_wrapped_before_a_list_of_parts_opens_no_heading() {
    // `……详见本报告第` / `三、四部分）。……`: the line opens with a number and
    // 、, but closes a bracket opened on the line before; the sub-items of 一
    // go on at （三）.
    let text = fixture("sections/clean-2021.txt");
    let at = "（二）依申请公开情况。";
    let edited = text.replacen(at, &format!("{at}具体情况详见本报告第\n三、四部分）。"), 1);
    assert_eq!(rules_above_info(&edited), Vec::<String>::new());
    let listed = text.replacen(at, &format!("{at}具体情况详见本报告第\n三、四部分。"), 1);
    assert_eq!(rules_above_info(&listed), Vec::<String>::new());
}

#[test]
fn a_heading_run_on_with_its_first_words_is_worded_as_required_and_its_words_count() {
    // `六、其他需要报告的事项本年度我局未收取信息处理费。` on one line: the title
    // is the template's, and the fee is stated.
    let text = fixture("sections/clean-2021.txt");
    let apart = "六、其他需要报告的事项\n\n本年度我局未收取信息处理费。";
    assert!(text.contains(apart));
    let run_on = text.replacen(apart, "六、其他需要报告的事项本年度我局未收取信息处理费", 1);
    assert_eq!(findings(&run_on, &check(&run_on)), Vec::<String>::new());
    // Without the fee, the run-on words are still no statement of it.
    let no_fee = text.replacen(apart, "六、其他需要报告的事项本年度无其他需要报告的事项", 1);
    assert_eq!(findings_of(&no_fee, &["processing-fee"]).len(), 1);
    // Wrapped across lines (text taken from a PDF), with CR or LF line ends.
    for wrapped in [
        "本年度我局未收取信息处\n理费。",
        "本年度我局未收取信息处\r\n  理费。",
        "本年度我局未收取信息处\r理费。",
    ] {
        let text = text.replacen(apart, &format!("六、其他需要报告的事项\n\n{wrapped}"), 1);
        assert_eq!(
            findings_of(&text, &["processing-fee"]),
            Vec::<String>::new(),
            "{wrapped:?}"
        );
    }
    // The fee in other words.
    let other_words = text.replacen(
        apart,
        "六、其他需要报告的事项\n\n本年度我局无向申请人收取政府信息公开费用的情况。",
        1,
    );
    assert_eq!(findings_of(&other_words, &["processing-fee"]), Vec::<String>::new());
}

#[test]
fn parts_numbered_in_words_are_the_sections() {
    let mut text = fixture("sections/clean-2021.txt");
    for heading in HEADINGS {
        let (n, title) = heading.split_once('、').unwrap();
        let heading = format!("\n{heading}\n");
        assert!(text.contains(&heading), "{heading}");
        text = text.replacen(&heading, &format!("\n第{n}部分 {title}\n"), 1);
    }
    assert_eq!(findings(&text, &check(&text)), Vec::<String>::new());
    // A sentence opening with 第二部分 is not a heading.
    let plain = fixture("sections/clean-2021.txt");
    let sentence = plain.replacen(
        "\n二、主动公开",
        "\n第二部分 主动公开的内容已在厅网站专栏集中发布。\n二、主动公开",
        1,
    );
    assert_eq!(findings(&sentence, &check(&sentence)), Vec::<String>::new());
    let doc = document(&sentence);
    let item = doc
        .outline
        .iter()
        .find(|i| i.text.starts_with("主动公开的内容"))
        .expect("an item");
    assert!(!item.heading, "{item:?}");
    // Numbered 七: misnumbered, not missing.
    let misnumbered = text.replacen("第六部分", "第七部分", 1);
    assert_eq!(findings(&misnumbered, &check(&misnumbered)), ["section-numbering@92"]);
}

#[test]
fn headings_without_numbers_are_the_sections_they_name() {
    let mut text = fixture("sections/clean-2021.txt");
    for heading in HEADINGS {
        let bare = heading.split_once('、').unwrap().1;
        text = text.replacen(&format!("\n{heading}\n"), &format!("\n{bare}\n"), 1);
    }
    assert_eq!(findings(&text, &check(&text)), Vec::<String>::new());
    // Without its heading line, 五 is missing (its text runs on under 四).
    let without_five = text.replacen("\n存在的主要问题及改进情况\n", "\n", 1);
    let found = findings(&without_five, &check(&without_five));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("section-missing@"), "{found:?}");
}

#[test]
fn a_table_of_contents_is_not_the_sections() {
    let base = fixture("sections/clean-2021.txt");
    let tocs: [Vec<String>; 3] = [
        HEADINGS.iter().map(|h| h.to_string()).collect(),
        HEADINGS
            .iter()
            .enumerate()
            .map(|(i, h)| format!("{h}…………{}", i + 1))
            .collect(),
        HEADINGS.iter().map(|h| format!("- [{h}](#{h})")).collect(),
    ];
    for (toc, right_before_one) in tocs.iter().flat_map(|t| [(t, false), (t, true)]) {
        let toc = toc.join("\n");
        // After the title, or right before 一 with nothing between.
        let text = match right_before_one {
            false => base.replacen("\n\n本报告依据", &format!("\n\n目录\n{toc}\n\n本报告依据"), 1),
            true => base.replacen("\n一、总体情况\n", &format!("\n{toc}\n一、总体情况\n"), 1),
        };
        assert_eq!(findings(&text, &check(&text)), Vec::<String>::new(), "{toc}");
        // 六 left out of the body (its text runs on under 五): missing, not
        // the contents' line out of order.
        let mut without_six = text.clone();
        let heading = "\n六、其他需要报告的事项\n";
        let at = without_six.rfind(heading).unwrap();
        without_six.replace_range(at..at + heading.len(), "\n");
        let found = findings(&without_six, &check(&without_six));
        assert_eq!(found.len(), 1, "{toc}: {found:?}");
        assert!(found[0].starts_with("section-missing@"), "{toc}: {found:?}");
    }
}

#[test]
fn a_heading_in_another_sections_words_is_the_section_its_number_and_place_say() {
    let text = fixture("sections/clean-2021.txt");
    // 一 worded as 五's title: one warning there (a copy slip), not 一 missing, three out of
    // order and 五 twice.
    let one = text.replacen("\n一、总体情况\n", "\n一、存在的主要问题及改进情况\n", 1);
    assert_eq!(findings(&one, &check(&one)), ["section-other-title@5"]);
    let five = text.replacen("\n五、存在的主要问题及改进情况\n", "\n五、其他需要报告的事项\n", 1);
    assert_eq!(findings(&five, &check(&five)), ["section-other-title@76"]);
    let shown = check(&five);
    assert_eq!(shown[0].message, "第五部分的标题写成了第六部分的“其他需要报告的事项”");
    // Another wording of its own is still a note.
    let own = text.replacen("\n五、存在的主要问题及改进情况\n", "\n五、存在问题和改进措施\n", 1);
    assert_eq!(findings(&own, &check(&own)), ["section-wording@76"]);
    // Out of place (一's words under 五's number, before 二): not reassigned.
    let early = text.replacen("\n一、总体情况\n", "\n五、总体情况\n", 1);
    assert!(
        findings(&early, &check(&early))
            .iter()
            .any(|f| f.starts_with("section-numbering@5")),
        "{:?}",
        findings(&early, &check(&early))
    );
}

#[test]
fn headings_in_a_row_below_the_top_are_sections_not_contents() {
    // Sections 二 to 四 whose tables are images, and an appendix listing them at the end.
    let mut text = fixture("sections/clean-2021.txt");
    let two = text.find("\n二、主动公开政府信息情况\n").unwrap();
    let five = text.find("\n五、存在的主要问题及改进情况\n").unwrap();
    let bare: String = text[two..five]
        .lines()
        .filter(|l| l.starts_with("二、主动") || l.starts_with("三、收到") || l.starts_with("四、政府"))
        .map(|l| format!("\n{l}"))
        .collect();
    text.replace_range(two..five, &bare);
    text.push_str("\n附件：\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n");
    let found = findings(&text, &check(&text));
    // The headings stay the sections: none missing or out of order (the
    // appendix's lines repeat them).
    assert!(
        !found
            .iter()
            .any(|f| f.starts_with("section-missing") || f.starts_with("section-out-of-order")),
        "{found:?}"
    );
    assert_eq!(
        found.iter().filter(|f| f.starts_with("table-missing@")).count(),
        3,
        "{found:?}"
    );
}

#[test]
fn a_markdown_headings_closing_marks_are_not_its_words() {
    // `## **五、存在的问题及改进情况**`: the note quoted the title with its `**`.
    let text = fixture("layouts/pipes-2022.md");
    let at = text.find("五、存在的主要问题及改进情况").unwrap();
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    let line_end = at + text[at..].find('\n').unwrap();
    let bold = format!(
        "{}## **五、存在的问题及改进情况**{}",
        &text[..line_start],
        &text[line_end..]
    );
    let messages: Vec<String> = check(&bold)
        .into_iter()
        .filter(|d| d.rule == "section-wording")
        .map(|d| d.message)
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("“存在的问题及改进情况”"), "{messages:?}");
}

#[test]
fn contents_before_a_page_scraped_into_one_line_are_not_its_sections() {
    // The body's headings run into one line are found after the contents'
    // lines, which were taken for the sections (一 and 五 then empty).
    let text = fixture("layouts/run-together-2021.txt");
    let before = findings(&text, &check(&text));
    let body = text.find("样例县市场监督管理局2021年政府信息公开工作年度报告").unwrap();
    let title_end = body + "样例县市场监督管理局2021年政府信息公开工作年度报告".len();
    for contents in [
        format!("\n目录\n{}\n", HEADINGS.join("\n")),
        format!("\n目录　　{}　　", HEADINGS.join("　　")),
    ] {
        let edited = format!("{}{contents}{}", &text[..title_end], &text[title_end..]);
        let lines_added = contents.matches('\n').count();
        let shifted: Vec<String> = findings(&edited, &check(&edited))
            .into_iter()
            .map(|f| {
                let (rule, line) = f.split_once('@').unwrap();
                let line: usize = line.parse().unwrap();
                format!("{rule}@{}", if line > 3 { line - lines_added } else { line })
            })
            .collect();
        assert_eq!(shifted, before, "{contents:?}");
    }
}

#[test]
fn a_section_finding_where_a_table_ends_is_no_cell_of_it() {
    // A page scraped into one line: section 五's heading right after table 四's
    // last digits, its body gone. The finding is about 五, not a cell of 表四.
    let text = fixture("layouts/run-together-2021.txt");
    let start = text.find("五、存在的主要问题及改进情况").expect("heading 五");
    let end = start + text[start..].find("六、").expect("heading 六");
    let emptied = format!("{}五、存在的主要问题及改进情况{}", &text[..start], &text[end..]);
    let found = check(&emptied);
    let empty = found
        .iter()
        .find(|d| d.rule == "problems-empty")
        .expect("五 said empty");
    assert_eq!(empty.anchor.cell, None);
    assert_eq!(empty.anchor.section.as_deref(), Some("五、存在的主要问题及改进情况"));
    // So a table's finding there: 四 with no table, its heading after table 三's digits.
    let start = text.find("四、政府信息公开行政复议").expect("heading 四");
    let end = start + text[start..].find("五、").expect("heading 五");
    let before = text[..start].trim_end();
    let no_table = format!("{before}四、政府信息公开行政复议、行政诉讼情况{}", &text[end..]);
    let missing = check(&no_table)
        .into_iter()
        .find(|d| d.rule == "table-missing")
        .expect("表四 said missing");
    assert_eq!(missing.anchor.cell, None);
    // A cell's own finding keeps its cell.
    let changed = bump(&text, "applications", "carried", "total", 1);
    let d = check(&changed)
        .into_iter()
        .find(|d| d.rule == "applications-row-total")
        .expect("the total said");
    assert!(
        d.anchor.cell.as_deref().is_some_and(|c| c.starts_with("表三 / ")),
        "{:?}",
        d.anchor
    );
}

#[test]
fn a_section_number_with_a_space_for_its_mark_is_the_section() {
    // `一 总体情况`: the 、 left out, a space in its place; in a Markdown
    // heading too, and with the template's other wordings.
    let heading =
        regex::Regex::new(r"(?m)^([一二三四五六七])、(总体|主动公开|收到和处理|因政府|政府信息公开|存在|其他)")
            .unwrap();
    for rel in [
        "sections/clean-2021.txt",
        "sections/wording-2021.txt",
        "sections/duplicated-2020.txt",
        "sections/numbering-2021.txt",
    ] {
        let text = fixture(rel);
        let expected = findings(&text, &check(&text));
        for to in ["$1 $2", "## $1 $2", "$1　$2"] {
            let spaced = heading.replace_all(&text, to);
            assert_ne!(spaced, text);
            assert_eq!(findings(&spaced, &check(&spaced)), expected, "{rel}: {to}");
        }
    }
    // Lines opening with a numeral and a space that are no section's title
    // are no headings.
    let text = fixture("sections/clean-2021.txt").replacen(
        "（三）政府信息管理情况。",
        "一 是加强组织领导，二 是完善制度。\n三 季度开展自查。\n（三）政府信息管理情况。",
        1,
    );
    assert_eq!(findings(&text, &check(&text)), Vec::<String>::new());
}

#[test]
fn a_title_that_does_not_name_the_report() {
    let text = fixture("sections/clean-2021.txt");
    let title = text.lines().next().unwrap().to_string();
    assert!(title.ends_with("2021年政府信息公开工作年度报告"), "{title}");
    let retitled = |to: &str| {
        let t = text.replacen(&title, &title.replace("政府信息公开工作年度报告", to), 1);
        findings_of(&t, &["title-"])
    };
    assert_eq!(retitled("政务公开工作年度报告"), ["title-wording@1"]);
    assert_eq!(retitled("度报告"), ["title-wording@1"]);
    // A link to the government's work report above a title ending `（全文）`: no title of ours.
    let t = format!(
        "示例市2021年政府工作报告\n{}",
        text.replacen(&title, &format!("{title}（全文）"), 1)
    );
    assert_eq!(findings_of(&t, &["title-"]), Vec::<String>::new());
    // The other report's name written with 年度 before it: `……2021年度政务公开工作报告`.
    let t = text.replacen(
        &title,
        &title.replace("年政府信息公开工作年度报告", "年度政务公开工作报告"),
        1,
    );
    assert_eq!(findings_of(&t, &["title-"]), ["title-wording@1"]);
    // Other names of the same report.
    for same in [
        "政府信息公开年度报告",
        "政府信息公开工作报告",
        "政务公开暨政府信息公开工作年度报告",
        "政府信息 公开工作年度报告",
    ] {
        assert_eq!(retitled(same), Vec::<String>::new(), "{same}");
    }
    // Page furniture read as the title: no year, or the real title on its own line below.
    for furniture in ["首页 > 信息公开 > 政务公开年报", "标题: 示例市生态环境局2021年度报告"]
    {
        let t = format!("{furniture}\n{text}");
        assert_eq!(findings_of(&t, &["title-"]), Vec::<String>::new(), "{furniture}");
    }
    // A title broken over two lines, the first read as the title.
    let broken = text.replacen(&title, &title.replace("政府信息公开", "\n政府信息公开"), 1);
    assert_eq!(findings_of(&broken, &["title-"]), Vec::<String>::new());
}

#[test]
fn the_overview_and_problems_bodies_swapped() {
    let text = fixture("sections/clean-2021.txt");
    let lines: Vec<&str> = text.lines().collect();
    let at = |heading: &str| lines.iter().position(|l| l.starts_with(heading)).unwrap();
    let (one, two, five, six) = (at("一、"), at("二、主动"), at("五、"), at("六、"));
    let overview = lines[one + 1..two].join("\n");
    let problems = lines[five + 1..six].join("\n");
    let with = |one_body: &str, five_body: &str| {
        let mut out: Vec<String> = lines[..=one].iter().map(|l| l.to_string()).collect();
        out.push(one_body.to_string());
        out.extend(lines[two..=five].iter().map(|l| l.to_string()));
        out.push(five_body.to_string());
        out.extend(lines[six..].iter().map(|l| l.to_string()));
        out.join("\n") + "\n"
    };
    assert_eq!(
        findings_of(&with(&overview, &problems), &["problems-"]),
        Vec::<String>::new()
    );
    let swapped = with(&problems, &overview);
    let heading = swapped.lines().position(|l| l.starts_with("五、")).unwrap() + 1;
    assert_eq!(
        findings_of(&swapped, &["problems-"]),
        [format!("problems-swapped@{heading}")]
    );
    // A 五 written positively, tersely or as a plan, beside an overview with a stock
    // phrase of shortcomings (补短板、强弱项): no counts of work, not swapped.
    let stock = format!("{overview}\n我局坚持问题导向，补短板、强弱项，推动政务公开提质增效。");
    for five_body in [
        "本年度我局政府信息公开工作总体运行良好，未发现明显问题。2022年我局将继续严格落实《条例》要求。",
        "2022年，我局将重点做好以下工作：一是深化重点领域信息公开；二是加强政策解读。",
        "一是政策解读形式需进一步丰富；二是依申请公开办理质量需进一步提升。",
    ] {
        assert_eq!(
            findings_of(&with(&stock, five_body), &["problems-"]),
            Vec::<String>::new(),
            "{five_body}"
        );
    }
}

/// The run-together page with the text from `from` up to `to` written twice.
fn pasted_twice(text: &str, from: &str, to: &str) -> (String, usize) {
    let start = text.find(from).unwrap();
    let end = start + text[start..].find(to).unwrap();
    let copy = &text[start..end];
    (format!("{}{copy}{}", &text[..end], &text[end..]), end)
}

#[test]
fn a_section_pasted_twice_in_a_page_run_into_one_line_is_found() {
    let text = fixture("layouts/run-together-2021.txt");
    assert!(check(&text).iter().all(|d| d.rule != "section-duplicated"));
    // 一 with its sub-items, 三 with its table, 五 in words of its own: the
    // repeat is found where it starts, the first one pointed at.
    let loose = text.replacen("五、存在的主要问题及改进情况", "五、存在的主要问题及明年工作计划", 1);
    for (base, from, to) in [
        (&text, "一、总体情况", "二、主动公开"),
        (&text, "三、收到和处理", "四、政府信息公开行政复议"),
        (&loose, "五、存在的主要问题", "六、其他"),
    ] {
        let (twice, at) = pasted_twice(base, from, to);
        let d = check(&twice);
        let dup: Vec<_> = d.iter().filter(|d| d.rule == "section-duplicated").collect();
        assert_eq!(
            dup.len(),
            1,
            "{from}: {:?}",
            d.iter().map(|d| &d.rule).collect::<Vec<_>>()
        );
        assert_eq!(dup[0].primary.span.start, at, "{from}");
        assert_eq!(dup[0].secondary[0].span.start, base.find(from).unwrap(), "{from}");
    }
    // Its heading written again before the next section, after a full stop and
    // set apart by spaces, with other words under it (a draft's old 无。 left in).
    let (head, tail) = text.split_at(text.find("六、其他").unwrap());
    let again = format!("{head}　　五、存在的主要问题及改进情况　　无。　　{tail}");
    let d = check(&again);
    let dup: Vec<_> = d.iter().filter(|d| d.rule == "section-duplicated").collect();
    assert_eq!(dup.len(), 1, "{:?}", d.iter().map(|d| &d.rule).collect::<Vec<_>>());
    assert_eq!(dup[0].primary.span.start, head.len() + "　　".len());
    // The title quoted in a sentence or a note, named in an attachment, listed
    // in contents before or after the body, or a summary repeating the headings
    // is no second section: other words follow it than the section's own.
    let contents = "目录一、总体情况二、主动公开政府信息情况三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况六、其他需要报告的事项";
    let spaced = "目录 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项";
    let problems = "2021年，我局政府信息公开工作还存在";
    let mut pages = vec![
        text.replacen(
            problems,
            &format!("对照“五、存在的主要问题及改进情况”的要求，{problems}"),
            1,
        ),
        text.replacen(
            problems,
            &format!("说明：三、收到和处理政府信息公开申请情况表中数据截至年底。{problems}"),
            1,
        ),
        text.replacen(
            problems,
            &format!("如 三、收到和处理政府信息公开申请情况 所示，{problems}"),
            1,
        ),
        text.replacen("年度报告本报告根据", &format!("年度报告{contents}本报告根据"), 1),
        format!("{text} {spaced}"),
        format!("{text} 附件：三、收到和处理政府信息公开申请情况统计表.xlsx"),
        format!(
            "{text} 图解：一、总体情况 全年主动公开316条。二、主动公开政府信息情况 行政许可2864件。五、存在的主要问题及改进情况 执法信息公开不够及时。"
        ),
    ];
    pages.push(pages[4].replacen("年度报告本报告根据", &format!("年度报告{spaced} 本报告根据"), 1));
    for page in pages {
        let rules: Vec<String> = check(&page).into_iter().map(|d| d.rule).collect();
        assert!(!rules.contains(&"section-duplicated".to_string()), "{rules:?}");
    }
}

#[test]
fn contents_run_into_a_page_before_a_heading_worded_otherwise() {
    // The page's contents list 四 in the official words; the body words it as many
    // reports do. The list is the contents, not the body's sections out of order.
    let text = fixture("layouts/run-together-2021.txt");
    let contents = "目录　　一、总体情况　　二、主动公开政府信息情况　　三、收到和处理政府信息公开申请情况　　\
四、政府信息公开行政复议、行政诉讼情况　　五、存在的主要问题及改进情况　　六、其他需要报告的事项　　";
    let listed = text.replacen("年度报告本报告根据", &format!("年度报告{contents}本报告根据"), 1);
    let worded = listed.replacen(
        " 四、政府信息公开行政复议、行政诉讼情况 ",
        " 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 ",
        1,
    );
    assert_ne!(worded, listed);
    assert_eq!(findings_of(&worded, &["section-"]), Vec::<String>::new());
    // The body's 四 left out: missing, not out of order.
    let (head, tail) = worded.split_at(worded.find(" 四、因政府信息公开").unwrap());
    let left_out = format!("{head}{}", &tail[tail.find("五、存在").unwrap()..]);
    let rules: Vec<String> = check(&left_out).into_iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"section-missing".to_string()), "{rules:?}");
    assert!(!rules.contains(&"section-out-of-order".to_string()), "{rules:?}");
    // 目录 in 一's words, the headings after it with their tables left out (images):
    // the sections, each there.
    let two = text.find("二、主动公开政府信息情况").unwrap();
    let three = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let four = text.find(" 四、政府信息公开行政复议").unwrap();
    let bare = format!(
        "{}我局及时更新政府信息公开目录。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况{}",
        &text[..two],
        &text[four..]
    );
    assert!(three > two);
    let rules: Vec<String> = check(&bare).into_iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"section-missing".to_string()), "{rules:?}");
}

#[test]
fn an_item_opening_a_line_that_a_table_runs_into_is_read() {
    // A page run into one line, broken before `（一）` (a reflowed copy): the
    // line goes on into the tables, and its first item still counts.
    let text = fixture("layouts/run-together-2021.txt");
    let broken = text.replacen("（一）主动公开情况", "\n（一）主动公开情况", 1);
    assert_ne!(broken, text);
    let rules: Vec<String> = check(&broken).into_iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"subitem-sequence".to_string()), "{rules:?}");
    // Left out, it is said.
    let left_out = broken.replacen("\n（一）主动公开情况", "\n主动公开情况", 1);
    let rules: Vec<String> = check(&left_out).into_iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"subitem-sequence".to_string()), "{rules:?}");
}

#[test]
fn an_overview_headed_gaishu_is_section_one() {
    // `一、概述`, on its own line or run into a page's text.
    let text = fixture("sections/clean-2021.txt").replacen("一、总体情况", "一、概述", 1);
    assert!(
        all_of(&text).iter().all(|f| !f.starts_with("section-missing")),
        "{:?}",
        all_of(&text)
    );
    let flat = fixture("layouts/run-together-2021.txt").replacen("一、总体情况", "一、概述", 1);
    assert!(
        all_of(&flat).iter().all(|f| !f.starts_with("section-missing")),
        "{:?}",
        all_of(&flat)
    );
}

#[test]
fn the_first_numbered_heading_in_words_of_its_own_is_section_one() {
    // `一、工作基本情况` and the like: section 一 by its number and place, its
    // wording said (an info), not the section missing.
    let text = fixture("sections/clean-2021.txt");
    for heading in [
        "一、工作基本情况",
        "一、政府信息公开工作总体情况",
        "一、工作概况",
        "一、主要工作情况",
    ] {
        let worded = text.replacen("一、总体情况", heading, 1);
        assert_ne!(worded, text);
        let found: Vec<String> = all_of(&worded)
            .into_iter()
            .filter(|f| f.starts_with("section-"))
            .collect();
        assert_eq!(found, ["section-wording@5"], "{heading}");
        let d = check(&worded);
        let wording = d.iter().find(|d| d.rule == "section-wording").expect(heading);
        assert!(
            wording.message.contains(&heading["一、".len()..]),
            "{}",
            wording.message
        );
    }
    // Its heading deleted, the first section is missing, the other headings
    // numbered as before.
    let deleted = text.replacen("一、总体情况\n", "", 1);
    assert!(all_of(&deleted).iter().any(|f| f.starts_with("section-missing")));
}

fn all_of(text: &str) -> Vec<String> {
    findings(text, &check(text))
}

#[test]
fn a_page_holding_the_title_alone_is_said_once() {
    // A web page saved as text whose report is an attachment: its particulars
    // and the title, nothing else.
    let page = "标题: 示例县统计局2021年政府信息公开工作年度报告\n发布时间: 2022-01-20 10:00\n文号: \n\
发布机构: 示例县统计局\n==================== 正文 ====================\n示例县统计局2021年政府信息公开工作年度报告\n";
    assert_eq!(all_of(page), ["report-text-missing@1"]);
    // A title over a body whose headings are not found is not this.
    let body = format!(
        "{page}{}",
        "我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息86条。".repeat(6)
    );
    assert!(!all_of(&body).contains(&"report-text-missing@1".to_string()));
}

#[test]
fn a_sentence_written_twice_in_a_row_is_said() {
    let text = fixture("layouts/run-together-2021.txt");
    let sentence = "二是丰富图解、短视频等解读形式，提高政策知晓度。";
    assert!(text.contains(sentence));
    let rules = |t: &str| -> Vec<String> { check(t).into_iter().map(|d| d.rule).collect() };
    assert!(!rules(&text).contains(&"sentence-repeated".to_string()));
    let twice = text.replacen(sentence, &format!("{sentence}{sentence}"), 1);
    let found: Vec<_> = check(&twice)
        .into_iter()
        .filter(|d| d.rule == "sentence-repeated")
        .collect();
    assert_eq!(found.len(), 1);
    let second = text.find(sentence).unwrap() + sentence.len();
    assert_eq!(found[0].primary.span.start, second);
    // Right after section 五's heading run into the text, with a space between.
    let head = "五、存在的主要问题及改进情况";
    let opening = "2021年，我局政府信息公开工作还存在一些问题：";
    let after_heading = text.replacen(
        &format!("{head}2021年"),
        &format!("{head}执法信息公开的及时性有待进一步提高。 执法信息公开的及时性有待进一步提高。2021年"),
        1,
    );
    assert!(after_heading.contains(opening));
    assert!(rules(&after_heading).contains(&"sentence-repeated".to_string()));
    // Short sentences, or the same words with others between, are left alone.
    for fine in [
        text.replacen(sentence, &format!("{sentence}无。无。"), 1),
        text.replacen(sentence, &format!("{sentence}全年开展培训2次。{sentence}"), 1),
    ] {
        assert!(!rules(&fine).contains(&"sentence-repeated".to_string()));
    }
}

/// The report's sections numbered as items are: `（一）总体情况` … `（六）…`.
fn numbered_as_items(text: &str) -> String {
    numbered_with(text, |n| format!("（{}）", ["一", "二", "三", "四", "五", "六"][n]))
}

/// The report's sections numbered `mark(0)` … `mark(5)` instead of `一、` … `六、`.
fn numbered_with(text: &str, mark: impl Fn(usize) -> String) -> String {
    let mut out = text.to_string();
    for (n, title) in [
        "总体情况",
        "主动公开",
        "收到和处理",
        "政府信息公开行政复议",
        "存在的主要问题",
        "其他需要报告",
    ]
    .iter()
    .enumerate()
    {
        let numeral = ["一", "二", "三", "四", "五", "六"][n];
        let from = format!("{numeral}、{title}");
        assert!(out.contains(&from), "{from}");
        out = out.replacen(&from, &format!("{}{title}", mark(n)), 1);
    }
    out
}

#[test]
fn sections_numbered_as_items_in_a_listed_wording_are_found() {
    let text = numbered_as_items(&fixture("layouts/run-together-2021.txt"));
    assert_eq!(rules_above_info(&text), ["section-numbering"]);
    // Section 四 in the regulation's words, run into the text.
    let regulation = text.replacen(
        "（四）政府信息公开行政复议、行政诉讼情况",
        "（四）因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        1,
    );
    assert_ne!(regulation, text);
    assert_eq!(rules_above_info(&regulation), ["section-numbering"]);
    // An item of section 一 numbered （三） and opening like section 三's
    // pattern comes first: section 三 is still its own title, in order.
    let item = regulation.replacen(
        "（一）总体情况",
        "（一）总体情况（一）信息公开总体安排。（二）主动公开工作推进。（三）依申请公开规范办理。",
        1,
    );
    assert_eq!(rules_above_info(&item), ["section-numbering"]);
}

#[test]
fn sections_numbered_with_arabic_digits_are_found_in_every_layout() {
    // `1.总体情况` … `6.其他需要报告的事项`: one section-numbering warning, not six
    // section-missing errors, and each table still ends at the next section.
    for fixture_name in [
        "sections/clean-2021.txt",
        "layouts/run-together-2021.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/pdf-layout-2023.txt",
        "layouts/pipes-2022.md",
        "layouts/blank-rhythm-2022.txt",
    ] {
        for style in [".", "、", ". "] {
            // Left: `…总计1100210012100015. 存在…` on a page run into one line,
            // where the digits run into the number before its space.
            if style == ". " && fixture_name.contains("run-together") {
                continue;
            }
            let text = numbered_with(&fixture(fixture_name), |n| format!("{}{style}", n + 1));
            let found: Vec<_> = check(&text)
                .into_iter()
                .filter(|d| d.severity != nianbao::Severity::Info)
                .collect();
            let rules: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
            assert_eq!(rules, ["section-numbering"], "{fixture_name} `{style}`");
            // The number as written.
            let written = format!("“1{}”", style.trim());
            assert!(found[0].message.contains(&written), "{}", found[0].message);
            assert_eq!(found[0].secondary.len(), 5, "{fixture_name}");
        }
    }
    // A list of contents numbered so, over unnumbered headings, is no sections.
    let text = fixture("sections/clean-2021.txt");
    let titles = [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ];
    let mut unnumbered = text.clone();
    for (n, title) in titles.iter().enumerate() {
        let numeral = ["一", "二", "三", "四", "五", "六"][n];
        unnumbered = unnumbered.replacen(&format!("{numeral}、{title}"), title, 1);
    }
    let contents: String = titles
        .iter()
        .enumerate()
        .map(|(n, t)| format!("{}.{t}\n\n", n + 1))
        .collect();
    let listed = unnumbered.replacen(
        "\n\n总体情况",
        &format!("\n\n本报告包括以下内容：\n\n{contents}总体情况"),
        1,
    );
    assert_ne!(listed, unnumbered);
    assert_eq!(
        check(&listed).into_iter().map(|d| d.rule).collect::<Vec<_>>(),
        check(&unnumbered).into_iter().map(|d| d.rule).collect::<Vec<_>>()
    );
    // Numbered items inside a report with `一、` headings are no sections.
    let text = fixture("sections/clean-2021.txt");
    assert!(check(&text).is_empty());
}

#[test]
fn a_section_numbered_as_an_item_ends_the_table_above_it() {
    // Blank cells written as blank lines: the gap before the next section's
    // heading decodes as a blank cell unless the heading ends the table.
    let text = numbered_as_items(&fixture("layouts/blank-rhythm-2022.txt"));
    let heading = text.find("（三）收到和处理").unwrap();
    let last = text[..heading].rfind("1.25").unwrap() + "1.25".len();
    let wide = format!("{}{}{}", &text[..last], "\n".repeat(8), &text[heading..]);
    let found = rules_above_info(&wide);
    assert_eq!(found, ["section-numbering"]);
}

#[test]
fn section_one_in_words_of_its_own_run_into_the_text_is_section_one() {
    let text = fixture("layouts/run-together-2021.txt");
    let own = text.replacen("一、总体情况", "一、年度工作核心成效", 1);
    assert_ne!(own, text);
    let rules = |t: &str| -> Vec<String> { check(t).into_iter().map(|d| d.rule).collect() };
    assert!(
        !rules(&own).contains(&"section-missing".to_string()),
        "{:?}",
        rules(&own)
    );
    // Its heading taken out, section 一 is missing.
    let gone = text.replacen("一、总体情况", "", 1);
    assert!(rules(&gone).contains(&"section-missing".to_string()));
}

#[test]
fn a_block_written_twice_is_quoted_past_its_first_sentence() {
    let text = fixture("layouts/run-together-2021.txt");
    let block = "（四）平台建设。县政府网站全年发布信息432条，政务新媒体发布信息128条。";
    let twice = text.replacen("五、存在的主要问题", &format!("{block}{block}五、存在的主要问题"), 1);
    assert_ne!(twice, text);
    let found: Vec<_> = check(&twice)
        .into_iter()
        .filter(|d| d.rule == "sentence-repeated")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("（四）平台建设。县政府网站全年发布"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_heading_run_in_after_a_tables_digits_on_a_line_of_its_own_is_found() {
    // Table 四 on a line of its own (a sentence and a line break before it),
    // section 五 run in after its last digits, in words of its own up to its
    // first item.
    let text = fixture("layouts/run-together-2021.txt");
    let heading = "四、政府信息公开行政复议、行政诉讼情况";
    let broken = text
        .replacen(
            heading,
            &format!("{heading}本年度因政府信息公开被申请行政复议2件。\n"),
            1,
        )
        .replacen(
            "五、存在的主要问题及改进情况",
            "五、政府信息公开存在的问题及改进措施（一）主要问题。",
            1,
        );
    assert!(broken.contains("0001五、政府信息公开存在的问题及改进措施"));
    let rules: Vec<String> = check(&broken).into_iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"section-missing".to_string()), "{rules:?}");
}

#[test]
fn a_file_of_several_reports_is_checked_report_by_report() {
    // A county's report with a department's after it (`第二部分　……局`), each
    // with its six sections and tables: no section is a repeat, and part 二's
    // table 三 is checked (its first row's 自然人 is one too many).
    let text = fixture("sections/combined-2021.txt");
    assert_eq!(all("sections/combined-2021.txt"), ["applications-row-total@136"]);
    // What one part lacks is said in that part.
    let second = text.find("第二部分").unwrap();
    let (head, tail) = text.split_at(second);
    let cut = head.rfind("六、其他需要报告的事项").unwrap();
    let no_six = format!("{}{tail}", &head[..cut]);
    let found = findings_of(&no_six, &["section-", "applications-"]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("section-missing@"), "{found:?}");
    // The same defect in both parts: two findings, each its own fingerprint.
    let row = "一、本年新收政府信息公开申请数量\t\t38\t11";
    let both = text.replacen(row, "一、本年新收政府信息公开申请数量\t\t39\t11", 1);
    let d: Vec<_> = check(&both)
        .into_iter()
        .filter(|d| d.rule == "applications-row-total")
        .collect();
    assert_eq!(d.len(), 2);
    assert_ne!(d[0].fingerprint, d[1].fingerprint);
    assert!(d[0].primary.span.start < second && d[1].primary.span.start > second);
}

#[test]
fn a_file_of_several_reports_in_markdown_is_checked_report_by_report() {
    // The same two parts as Markdown headings (`# 第二部分……`, `## 一、总体情况`).
    let text = fixture("sections/combined-2021.txt");
    let mut marked = String::new();
    for line in text.lines() {
        let heading = HEADINGS.contains(&line);
        let part = line.starts_with("第") && line.contains("部分");
        marked += match (part, heading) {
            (true, _) => "# ",
            (_, true) => "## ",
            _ => "",
        };
        marked += line;
        marked += "\n";
    }
    assert_eq!(marked.matches("## 一、总体情况").count(), 2);
    let found = findings_of(&marked, &["section-", "applications-"]);
    assert_eq!(found, ["applications-row-total@136"]);
}

#[test]
fn a_later_part_is_its_own_agencys_report() {
    // Part 二 names itself with its own agency: not the file title's.
    let text = fixture("sections/combined-2021.txt");
    let second = text.find("第二部分").unwrap();
    let at = second + text[second..].find("2021年，县生态环境局").unwrap();
    let named = format!(
        "{}现将示例县生态环境局2021年政府信息公开工作年度报告公布如下。{}",
        &text[..at],
        &text[at..]
    );
    assert_eq!(findings(&named, &check(&named)), ["applications-row-total@136"]);
    // An interpretation after the report, under its own title and without
    // tables, is no report: neither checked nor a repeat.
    let prose: String = HEADINGS
        .iter()
        .map(|h| format!("{h}\n\n本部分介绍{}。\n\n", &h["一、".len()..]))
        .collect();
    let read = format!("{text}\n《示例县人民政府2021年政府信息公开工作年度报告》解读\n\n{prose}");
    assert_eq!(findings(&read, &check(&read)), ["applications-row-total@136"]);
}

#[test]
fn one_report_pasted_twice_or_sections_written_again_are_repeats_not_parts() {
    let text = fixture("sections/clean-2021.txt");
    let start = text.find("一、总体情况").unwrap();
    let end = text.rfind("示例市生态环境局").unwrap();
    // The whole body twice; also with a page's links after it, or one number
    // changed in the copy.
    let twice = format!("{}{}", &text[..end], &text[start..]);
    assert_eq!(findings_of(&twice, &["section-duplicated"]).len(), 6);
    let linked = format!("{twice}\n【打印本页】【关闭窗口】\n");
    assert_eq!(findings_of(&linked, &["section-duplicated"]).len(), 6);
    let changed = format!(
        "{}{}",
        &text[..end],
        text[start..].replacen("\t39\t10\t", "\t38\t11\t", 1)
    );
    assert_ne!(changed, twice);
    assert_eq!(findings_of(&changed, &["section-duplicated"]).len(), 6);
    // 一 to 三 written again after 六: three repeats, no second report.
    let three = text.find("四、政府信息公开行政复议").unwrap();
    let again = format!("{}{}{}", &text[..end], &text[start..three], &text[end..]);
    assert_eq!(findings_of(&again, &["section-duplicated"]).len(), 3);
}

#[test]
fn a_number_typed_again_after_the_automatic_one_is_misnumbering() {
    // `二、二、主动公开政府信息情况`: Word's list number and the typed one.
    let text = fixture("sections/clean-2021.txt");
    let twice = text.replacen("二、主动公开政府信息情况", "二、二、主动公开政府信息情况", 1);
    let d = check(&twice);
    let found: Vec<_> = d.iter().filter(|d| d.rule == "section-numbering").collect();
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("二、二、"), "{}", found[0].message);
    assert!(d.iter().all(|d| d.rule != "section-missing"));
}

#[test]
fn section_six_with_nothing_under_it_but_the_signature() {
    // tab-rows-2020 (edition 2019: no fee statement required): 六 says 本年度无其他需要报告的事项。
    let text = fixture("layouts/tab-rows-2020.txt");
    let said = "本年度无其他需要报告的事项。";
    let heading = text.lines().position(|l| l.starts_with("六、")).unwrap() + 1;
    let empty = text.replacen(said, "", 1);
    assert_ne!(empty, text);
    assert_eq!(
        findings_of(&empty, &["other-", "section-"]),
        [format!("other-empty@{heading}")]
    );
    // 无 is an answer; so is any sentence.
    for answer in ["无。", "无", "本机关本年度未收取信息处理费。"] {
        let text = text.replacen(said, answer, 1);
        assert_eq!(findings_of(&text, &["other-"]), Vec::<String>::new(), "{answer}");
    }
    // An answer without its full stop before a date alone, or run into the signature.
    let date_only = text.replacen(&format!("{said}\n\n\n示例市测绘局\n"), "无\n\n", 1);
    assert_ne!(date_only, text);
    assert_eq!(findings_of(&date_only, &["other-"]), Vec::<String>::new());
    let run_in = text.replacen(
        &format!("六、其他需要报告的事项\n\n{said}\n\n\n示例市测绘局\n2021年1月22日"),
        "六、其他需要报告的事项无示例市测绘局2021年1月22日",
        1,
    );
    assert_ne!(run_in, text);
    assert_eq!(findings_of(&run_in, &["other-"]), Vec::<String>::new());
    // Run together with the signature on the heading's line, as a scraped page is.
    let tail = format!("六、其他需要报告的事项\n\n{said}\n\n\n示例市测绘局\n2021年1月22日");
    let flat = text.replacen(&tail, "六、其他需要报告的事项　　示例市测绘局2021年1月22日", 1);
    assert_ne!(flat, text);
    assert!(
        findings_of(&flat, &["other-"])
            .iter()
            .any(|f| f.starts_with("other-empty@")),
        "{flat}"
    );
}

#[test]
fn several_paragraphs_pasted_twice() {
    // Section 一's four paragraphs written again right after themselves: more
    // sentences than one paragraph's.
    let text = fixture("sections/clean-2021.txt");
    let start = text.find("2021年，我局坚持").unwrap();
    let end = text.find("（四）").unwrap();
    let block = &text[start..end];
    assert!(block.matches('。').count() > 8, "{block}");
    let twice = format!("{}{block}{}", &text[..end], &text[end..]);
    let found = findings_of(&twice, &["sentence-"]);
    assert_eq!(found, [format!("sentence-repeated@{}", line_of(&twice, end))]);
}

#[test]
fn a_paragraph_pasted_again_further_on_is_said() {
    let text = fixture("sections/clean-2021.txt");
    let paragraph = |from: &str| {
        let start = text.find(from).unwrap();
        let end = start + text[start..].find('\n').unwrap();
        (start, &text[start..end])
    };
    let (first, copied) = paragraph("（三）政府信息管理情况");
    let (next, _) = paragraph("（四）政府信息公开平台建设情况");
    let (problems, _) = paragraph("五、存在的主要问题及改进情况");
    // After the paragraph that follows it, and in section 五.
    for at in [
        text[next..].find('\n').unwrap() + next,
        problems + "五、存在的主要问题及改进情况".len(),
    ] {
        let pasted = format!("{}\n\n{copied}{}", &text[..at], &text[at..]);
        let found: Vec<_> = check(&pasted)
            .into_iter()
            .filter(|d| d.rule.ends_with("-repeated"))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "passage-repeated");
        assert_eq!(found[0].primary.span.start, at + 2);
        assert_eq!(found[0].secondary[0].span.start, first);
    }
    // A copy whose commas were typed half-width is the same passage.
    let (_, copied) = paragraph("（三）政府信息管理情况");
    let half = copied.replacen('，', ",", 1);
    assert_ne!(half, copied);
    let at = text[next..].find('\n').unwrap() + next;
    let pasted = format!("{}\n\n{half}{}", &text[..at], &text[at..]);
    assert_eq!(findings_of(&pasted, &["passage-"]).len(), 1);
    // A sentence run in after its section's heading (`一、总体情况2021年，……`)
    // pasted alone: the first copy is pointed at from its words on.
    let page = fixture("layouts/run-together-2021.txt");
    let sentence = "2021年，我局以优化营商环境为主线，围绕市场主体登记、食品药品安全和质量监管等重点领域，积极推进政府信息公开工作。";
    let end = "全年开展政务公开培训2次。";
    assert!(page.contains(&format!("一、总体情况{sentence}")) && page.contains(end));
    let more = "（一）主动公开情况。全年主动公开政府信息316条，其中政策文件类12条，监管执法类170条，抽检结果公告46条，工作动态88条。";
    assert!(page.contains(&format!("{sentence}{more}")));
    let pasted = page.replacen(end, &format!("{end}{sentence}{more}"), 1);
    let found: Vec<_> = check(&pasted)
        .into_iter()
        .filter(|d| d.rule == "passage-repeated")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].secondary[0].span.start, page.find(sentence).unwrap());
    // One sentence said again in another section is a restatement, unless
    // very long; a short one, or a note under each table, is no paste either.
    let summary = "本年度，我局未发生因政府信息公开工作引起的行政复议、行政诉讼案件，也未收取任何信息处理费用。";
    let note = "注：本表数据来源于我局政府信息公开工作台账，统计时间为2021年1月1日至12月31日。";
    for (after, said) in [
        ("（三）政府信息管理情况。", "全年开展政务公开培训2次。"),
        ("（三）政府信息管理情况。", sentence),
        ("（五）政府信息公开监督保障情况。", summary),
    ] {
        let twice = page.replacen(after, &format!("{after}{said}"), 1);
        let twice = if said == summary {
            twice.replacen("五、存在", &format!("{summary}五、存在"), 1)
        } else {
            twice
        };
        assert!(findings_of(&twice, &["passage-"]).is_empty(), "{said}");
    }
    let clean = fixture("sections/clean-2021.txt");
    let noted = clean
        .replacen("\n三、收到和处理", &format!("{note}\n\n三、收到和处理"), 1)
        .replacen(
            "\n四、政府信息公开行政复议",
            &format!("{note}\n\n四、政府信息公开行政复议"),
            1,
        );
    assert_eq!(noted.matches(note).count(), 2);
    assert!(findings_of(&noted, &["passage-"]).is_empty());
}

#[test]
fn a_block_pasted_twice_with_a_heading_read_once_is_said() {
    // Two copies run together, section headings inside; the outline reads the
    // headings in the second copy only, so no section is duplicated and the
    // repeat is the sentences'.
    let block = "（四）政府信息公开平台建设情况。我局在县政府网站开设专栏，随机抽查计划和抽查结果全部按时公开。\
（五）政府信息公开监督保障情况。我局将政府信息公开纳入股室年度考核，全年开展政务公开培训2次。\
二、主动公开政府信息情况三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况\
五、存在的主要问题及改进情况部分股室对信息公开属性认定把握不准，公开内容不够规范。\
下一步，我局将加强培训，规范信息发布流程。";
    let text = format!("样例县市场监督管理局2021年政府信息公开工作年度报告\n{block}\n{block}\n");
    let sections = document(&text).sections;
    assert!(sections.iter().all(|s| s.heading.start > text.rfind("（四）").unwrap()));
    let found = findings_of(&text, &["sentence-", "passage-", "section-duplicated"]);
    // Pointed at the second copy's first words, on its own line.
    assert_eq!(found, ["sentence-repeated@3"]);
}
