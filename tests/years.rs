//! Years and editions that do not belong, and the many that do.

mod common;

use common::*;
use nianbao::source::SourceFile;
use nianbao::{Linter, Options};

fn years(text: &str) -> Vec<String> {
    findings_of(
        text,
        &["year-", "edition-", "signature-", "publication-", "report-name-"],
    )
}

/// Replace `from` once, asserting it is there.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture has {from:?}");
    text.replacen(from, to, 1)
}

/// The line number `extra` gets when inserted right after the line starting
/// with `heading`.
fn inserted_line(text: &str, heading: &str) -> usize {
    text.lines().position(|l| l.starts_with(heading)).expect("heading") + 2
}

/// The year findings on `extra`, inserted right after the line starting with `heading`.
fn on_inserted_line(text: &str, heading: &str, extra: &str) -> Vec<String> {
    let line = inserted_line(text, heading);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(line - 1, extra);
    years(&(lines.join("\n") + "\n"))
        .into_iter()
        .filter(|f| f.ends_with(&format!("@{line}")))
        .collect()
}

#[test]
fn clean_reports_have_no_year_findings() {
    for f in [
        "layouts/tab-rows-2020.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/pipes-2022.md",
        "layouts/pdf-layout-2023.txt",
        "layouts/run-together-2021.txt",
        "layouts/blank-rhythm-2022.txt",
        "sections/clean-2021.txt",
    ] {
        assert_eq!(years(&fixture(f)), Vec::<String>::new(), "{f}");
    }
}

#[test]
fn a_statement_naming_another_year() {
    // The example: line 13 says 2021年，我局修订了…… in a 2020 report.
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    assert_eq!(years(&text), ["year-statement-mismatch@13"]);
    let d = check(&text)
        .into_iter()
        .find(|d| d.rule == "year-statement-mismatch")
        .unwrap();
    assert_eq!(&text[d.primary.span.range()], "2021年");
    assert_eq!(d.message, "陈述工作的句子写的是 2021 年，报告年度是 2020 年");
    assert_eq!(
        d.secondary[0].message, "报告年度 2020（取自标题）",
        "where the report year was read"
    );
    // Edition 2021: a 2021 report stating 2022.
    let text = fixture("sections/clean-2021.txt");
    let first = text
        .lines()
        .find(|l| l.starts_with("2021年，我局"))
        .expect("a statement of 2021");
    let wrong = edit(&text, first, &first.replacen("2021年", "2022年", 1));
    assert_eq!(years(&wrong).len(), 1);
    assert!(years(&wrong)[0].starts_with("year-statement-mismatch@"));
}

#[test]
fn a_statistics_period_of_another_year() {
    let text = fixture("sections/clean-2021.txt");
    let period = |d: &nianbao::Diagnostic, t: &str| {
        let spans: Vec<String> = std::iter::once(&d.primary)
            .chain(&d.secondary)
            .map(|l| t[l.span.range()].to_string())
            .collect();
        (d.message.clone(), spans)
    };
    let only = |t: &str| {
        let found: Vec<_> = check(t)
            .into_iter()
            .filter(|d| d.rule == "year-period-mismatch")
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        found.into_iter().next().unwrap()
    };
    // Last year's period, copied whole: the primary label on its first year,
    // secondary ones on its last and on the title's year.
    let wrong = edit(
        &text,
        "统计期限为2021年1月1日至2021年12月31日",
        "统计期限为2020年1月1日至2020年12月31日",
    );
    assert_eq!(years(&wrong), ["year-period-mismatch@3"]);
    // The same period after the other words reports use for it.
    for words in ["数据统计时段为", "统计范围为"] {
        let other = edit(
            &text,
            "统计期限为2021年1月1日至2021年12月31日",
            &format!("{words}2020年1月1日至2020年12月31日"),
        );
        assert_eq!(years(&other), ["year-period-mismatch@3"], "{words}");
    }
    let d = only(&wrong);
    assert_eq!(
        period(&d, &wrong),
        (
            "统计期限写的是 2020 年，报告年度是 2021 年".to_string(),
            vec!["2020".to_string(), "2020".to_string(), "2021".to_string()]
        )
    );
    assert_eq!(d.notes, ["2021 年度报告的统计期限应为 2021年1月1日至2021年12月31日"]);
    // Updated at one end only: the label is on the end that was missed.
    let wrong = edit(&text, "至2021年12月31日", "至2020年12月31日");
    let d = only(&wrong);
    assert_eq!(d.message, "统计期限写的是 2021—2020 年，报告年度是 2021 年");
    assert_eq!(&wrong[d.primary.span.range()], "2020");
    assert!(wrong[..d.primary.span.start].ends_with("2021年1月1日至"));
    // Full-width digits, 起……止, and no year at the end.
    let wrong = edit(
        &text,
        "统计期限为2021年1月1日至2021年12月31日",
        "统计期限自２０２２年１月１日起至12月31日止",
    );
    assert_eq!(only(&wrong).message, "统计期限写的是 2022 年，报告年度是 2021 年");
    // A period broken over two lines of a PDF's text.
    let pdf = fixture("layouts/pdf-layout-2023.txt");
    let wrong = edit(&pdf, "2023 年 1 月 1 日起至", "2022 年 1 月 1 日起至");
    assert_eq!(only(&wrong).message, "统计期限写的是 2022—2023 年，报告年度是 2023 年");
    // A programme's years carry no statistics word: not the period.
    let plan = edit(
        &text,
        "本报告所列数据",
        "按照《2019年1月1日至2021年12月31日三年行动计划》，本报告所列数据",
    );
    assert_eq!(years(&plan), Vec::<String>::new());
}

#[test]
fn a_statistics_period_shorter_than_the_year() {
    let text = fixture("sections/clean-2021.txt");
    let whole = "统计期限为2021年1月1日至2021年12月31日";
    assert!(years(&text).is_empty());
    let short = edit(&text, whole, "统计期限为2021年1月1日至2021年11月30日");
    assert_eq!(years(&short), ["year-period-partial@3"]);
    let d = check(&short)
        .into_iter()
        .find(|d| d.rule == "year-period-partial")
        .unwrap();
    assert_eq!(&short[d.primary.span.range()], "11月30");
    assert!(d.message.contains("1月1日至11月30日"), "{}", d.message);
    let late = edit(&text, whole, "统计期限为2021年3月1日至2021年12月31日");
    assert_eq!(years(&late), ["year-period-partial@3"]);
    // A part's period beside the whole year's (a body merged in the year).
    let part = edit(
        &text,
        whole,
        "统计期限为2021年1月1日至2021年12月31日（原示例局数据统计期限为2021年1月1日至2021年3月31日）",
    );
    assert!(years(&part).is_empty());
    // Chinese numerals, the whole year: nothing to say.
    let words = edit(&text, whole, "统计期限为2021年一月一日至2021年十二月三十一日");
    assert!(years(&words).is_empty());
    // A body set up during the year, saying so: by the period, in the sentence
    // before, or where the text says it was set up that month.
    let september = "统计期限为2021年9月1日至2021年12月31日";
    for reason in [
        format!("由于机构改革，我局从2021年9月1日开始履职，{september}"),
        format!("我局于2021年8月组建。本报告所列数据{september}"),
    ] {
        let explained = edit(&text, whole, &reason);
        assert!(years(&explained).is_empty(), "{reason}");
    }
    let founded = edit(
        &edit(&text, whole, september),
        "2021年，",
        "我局2021年8月份机构改革以来，",
    );
    assert!(years(&founded).is_empty());
    // A committee set up that month explains nothing: the body itself was not.
    let committee = edit(
        &edit(&text, whole, september),
        "2021年，",
        "2021年8月成立了政务公开领导小组。2021年，",
    );
    assert_eq!(years(&committee), ["year-period-partial@3"]);
}

#[test]
fn the_report_naming_itself_with_another_year() {
    let text = fixture("layouts/tab-cells-2021.txt");
    let named = |t: &str| -> Vec<(String, String)> {
        check(t)
            .into_iter()
            .filter(|d| d.rule == "year-report-name-mismatch")
            .map(|d| (d.message.clone(), t[d.primary.span.range()].to_string()))
            .collect()
    };
    assert_eq!(named(&text), Vec::new(), "the release line names 2021");
    // The release line left from last year.
    let wrong = edit(&text, "现公布某县统计局2021年", "现公布某县统计局2020年");
    assert_eq!(years(&wrong), ["year-report-name-mismatch@3"]);
    assert_eq!(
        named(&wrong),
        [(
            "提到本报告时写的是 2020 年，报告年度是 2021 年".to_string(),
            "2020".to_string()
        )]
    );
    // Attachments, by name and by file name; each year is judged once.
    let attached = format!(
        "{text}\n附件：某县统计局2020年政府信息公开工作年度报告\n附件下载：2021年度政府信息公开工作报告.doc　2020年度政府信息公开工作报告.pdf\n"
    );
    assert_eq!(
        named(&attached).iter().map(|(_, y)| y.as_str()).collect::<Vec<_>>(),
        ["2020", "2020"]
    );
    // A list of attached files, each named with the agency first.
    let listed = format!(
        "{text}\n附件：1、某县统计局2021年政府信息公开工作年度报告.doc　2、某县统计局2020年政府信息公开工作年度报告.pdf\n"
    );
    assert_eq!(
        named(&listed).iter().map(|(_, y)| y.as_str()).collect::<Vec<_>>(),
        ["2020"]
    );
    // Last year's report cited for its problems, and titles in 《》: not this report.
    let cited = format!(
        "{text}\n现将2020年政府信息公开工作年度报告中指出的问题整改情况说明如下。\n附件：《某县关于做好2020年政府信息公开工作年度报告编制工作的通知》\n"
    );
    assert_eq!(named(&cited), Vec::new());
}

#[test]
fn the_agency_named_in_the_title_is_a_subject() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let agency = "示例市测绘局";
    assert!(text.starts_with(agency));
    let line = text.lines().find(|l| l.starts_with("2020年，我局")).unwrap();
    let wrong = edit(
        &text,
        line,
        &line.replacen("2020年，我局", &format!("2021年，{agency}"), 1),
    );
    assert_eq!(years(&wrong).len(), 1, "{:?}", years(&wrong));
}

#[test]
fn a_plan_naming_the_report_year() {
    // Line 85: 2021年，我局将从以下方面加以改进…… (a 2020 report, correctly Y+1).
    let text = fixture("layouts/tab-rows-2020.txt");
    let wrong = edit(
        &text,
        "2021年，我局将从以下方面加以改进",
        "2020年，我局将从以下方面加以改进",
    );
    assert_eq!(years(&wrong), ["year-plan-mismatch@85"]);
    let d = check(&wrong)
        .into_iter()
        .find(|d| d.rule == "year-plan-mismatch")
        .unwrap();
    assert_eq!(d.notes[0], "这句话含“将从以”，是下一步的计划，应写 2021 年");
    // Edition 2021.
    let text = fixture("layouts/tab-cells-2021.txt");
    let wrong = edit(
        &text,
        "2022年，我局将着重抓好三项工作",
        "2021年，我局将着重抓好三项工作",
    );
    assert_eq!(years(&wrong), ["year-plan-mismatch@502"]);
}

#[test]
fn a_plans_deadline_naming_the_report_year() {
    // In 五, a year right after 将于, 力争于, 计划在…… is when a plan is due: the
    // report year's is last year's plan left in (a 2021 report's plans are for 2022).
    let text = fixture("sections/clean-2021.txt");
    let line = inserted_line(&text, "五、");
    for (said, found) in [
        ("我局将于2021年6月底前完成政府信息公开指南的修订工作。", true),
        ("力争于2021年底前完成政务公开专区标准化建设。", true),
        ("计划在2021年9月前完成网站改版。", true),
        ("我局将于2022年6月底前完成政府信息公开指南的修订工作。", false),
        // A goal years ahead; what was planned or done; done after all.
        ("力争到2025年底，实现政务公开标准化规范化全覆盖。", false),
        ("原计划于2021年6月完成的指南修订工作，因机构改革推迟。", false),
        ("指南修订工作已于2021年6月完成。", false),
        ("计划于2021年6月完成指南修订，已按期完成。", false),
        // Told as done, to plan, an aim of a measure taken, an attribute, a plan missed.
        (
            "针对上年度存在的问题，我局按计划于2021年6月完成政府网站集约化迁移。",
            false,
        ),
        ("计划在2021年开展的3项专题培训均如期举办。", false),
        (
            "我局建立执法信息公开周报制度，确保2021年度行政处罚信息全部公开到位。",
            false,
        ),
        ("对拟于2021年出台的政策文件，我局均同步开展公开属性审查。", false),
        ("计划于2021年6月上线的新版门户网站因技术原因延期至2022年3月。", false),
        (
            "上年度报告提出力争于2021年6月底前完成专栏改造，该项工作按期完成。",
            false,
        ),
        ("我局将在2021年度报告公开后组织自查。", false),
        ("年初计划于2021年6月底前完成指南修订，目前尚未完成。", false),
        ("我局力争于2021年9月底前完成专栏改造，实际提前完成。", false),
        // Words that only look like it was met: 为了, 的 further on.
        ("为了提高公开时效，我局将于2021年6月底前完成信息发布系统升级。", true),
        ("我局将于2021年底前完成网站的集约化改造。", true),
    ] {
        let expected: Vec<String> = if found {
            vec![format!("year-plan-mismatch@{line}")]
        } else {
            vec![]
        };
        assert_eq!(on_inserted_line(&text, "五、", said), expected, "{said}");
    }
    // Outside 五 such words are not judged as a plan's.
    assert_eq!(
        on_inserted_line(&text, "一、", "根据上级要求，将于2021年底前完成专区建设。"),
        Vec::<String>::new()
    );
}

#[test]
fn legitimate_years_are_left_alone() {
    let base = fixture("layouts/tab-rows-2020.txt");
    let anchor = "（二）依申请公开情况。";
    for sentence in [
        // A document cited by title and number.
        "我局转发了《关于做好2021年政务公开工作的通知》（测发〔2021〕2号）。",
        "2019年，我局收到申请较上年增加5件。",
        "2019年度存在的栏目更新不及时问题已整改到位。",
        "2008年以来，我局持续推进政务公开。",
        "我局“2021年测绘成果开放日”专题获评优秀栏目。",
        "2020年度中国十佳政务网站评选中，我局网站入围。",
        "2021年1月，我局对本报告进行了审核。",
        // New Year's Day and the Spring Festival open the next year: before
        // them is the report year's end.
        "2021年元旦前，我局完成了门户网站改版。",
        "2021年春节前，我局对本报告进行了审核。",
        "2021年，本市将召开第五次测绘工作会议。",
        // 将 here is the disposal marker, and the year is the report year.
        "2020年，我局将政务公开纳入年度绩效考核。",
        "统计期限为2020年1月1日至2020年12月31日。",
        "根据[2021]2号文件要求，我局编制本报告。",
        // Last year's things, not its work: applications carried over, last
        // year's report, an assessment's result, a document made then, another
        // department's act, last year's figure beside this year's.
        "2019年12月收到的3件申请结转至本年度办理。",
        "2019年度结转的3件申请已全部办结。",
        "2019年度政府信息公开工作年度报告已于2020年1月按时发布。",
        "2019年度全市政务公开考核中，我局被评为优秀等次。",
        "2019年印发的测绘信息公开工作规程在本年度继续执行。",
        "2019年，省自然资源厅印发了测绘成果公开目录。",
        "2019年我局主动公开政府信息567条，2020年为652条。",
        "2019年全年收到申请40件，本年度有所增加。",
        // A document number written without brackets.
        "2019年12号文件下发后，我局细化了任务分工。",
    ] {
        let text = edit(&base, anchor, &format!("{sentence}{anchor}"));
        assert_eq!(years(&text), Vec::<String>::new(), "{sentence}");
    }
    // Naming the next year, the same words may be a plan (将 as 'will'): left
    // alone; naming the year before, they are a statement of the wrong year.
    for (sentence, found) in [
        ("2021年，我局将政务公开纳入年度绩效考核。", vec![]),
        ("2021年，我局将政务公开工作与测绘业务同部署。", vec![]),
        (
            "2019年，我局将政务公开纳入年度绩效考核。",
            vec!["year-statement-mismatch@11"],
        ),
        (
            "2019年，我局将政务公开工作与测绘业务同部署。",
            vec!["year-statement-mismatch@11"],
        ),
    ] {
        let text = edit(&base, anchor, &format!("{sentence}{anchor}"));
        assert_eq!(years(&text), found, "{sentence}");
    }
    // After a count of what was done, 将 is no plan: the next year there is a
    // statement of the wrong year.
    let text = edit(
        &base,
        anchor,
        &format!("2021年共收到政府信息公开申请26件，并将答复结果发送给申请人。{anchor}"),
    );
    assert_eq!(years(&text), ["year-statement-mismatch@11"]);
    // Before a noun, 将 is 把 and the report year is fine; before what a plan
    // goes on with, it is a plan and the report year is wrong.
    for (sentence, found) in [
        ("2020年，我局将政务公开工作与测绘业务同部署。", vec![]),
        ("2020年，我局将主动公开目录进行了全面梳理。", vec![]),
        ("2020年，我局主动公开信息将近700条。", vec![]),
        ("2020年，我局将继续深化政务公开。", vec!["year-plan-mismatch@11"]),
        (
            "2020年，我局将进一步将政务公开纳入考核。",
            vec!["year-plan-mismatch@11"],
        ),
    ] {
        let text = edit(&base, anchor, &format!("{sentence}{anchor}"));
        assert_eq!(years(&text), found, "{sentence}");
    }
}

#[test]
fn tables_of_the_wrong_edition() {
    // The 2020 fixture (edition 2019 tables) relabelled as a 2021 report, its
    // years all a year on (the title alone would be outvoted by the body).
    let text = fixture("layouts/tab-rows-2020.txt");
    let relabelled = text.replace("2021年", "2022年").replace("2020年", "2021年");
    let found: Vec<String> = years(&relabelled)
        .into_iter()
        .filter(|f| f.starts_with("edition-"))
        .collect();
    assert_eq!(
        found,
        ["edition-mismatch@22", "edition-mismatch@70"],
        "table 二 (its header) and table 三 (（六） with numbers)"
    );
    let d: Vec<_> = check(&relabelled)
        .into_iter()
        .filter(|d| d.rule == "edition-mismatch")
        .collect();
    assert_eq!(d[0].message, "表二用的是 2019 年版格式，2021 年度报告应使用 2021 年版");
    assert!(
        d[0].notes.iter().any(|n| n.contains("本年新制作数量")),
        "{:?}",
        d[0].notes
    );
    assert!(
        d[1].notes.iter().any(|n| n.contains("（六）其他处理（有数字）")),
        "{:?}",
        d[1].notes
    );
    // The sums are still checked, against the edition each table follows.
    let broken = bump(&relabelled, "applications", "granted", "total", 1);
    assert!(
        findings_of(&broken, &["applications-"])
            .iter()
            .any(|f| f.starts_with("applications-row-total"))
    );
    // A forced edition says the same.
    let report = config().check_source(
        nianbao::source::SourceFile::new("t", text.as_str()),
        &nianbao::Options {
            edition: Some("2021".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "edition-mismatch")
            .count(),
        2
    );
}

#[test]
fn a_report_mixing_editions() {
    // A 2021 report whose table 二 was left in the 2019 format.
    let new = fixture("sections/clean-2021.txt");
    let old = fixture("layouts/tab-rows-2020.txt");
    let block = |t: &str| {
        let start = t.find("第二十条第（一）项").unwrap();
        let end = t.find("三、收到和处理政府信息公开申请情况").unwrap();
        t[start..end].to_string()
    };
    let mixed = new.replacen(&block(&new), &block(&old), 1);
    let found = years(&mixed);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("edition-mismatch@"));
    // The same table run into one line, its numbers past reading: its header
    // still says which edition it is.
    let flat: String = block(&old).split_whitespace().collect::<Vec<_>>().join("");
    let run_together = new.replacen(&block(&new), &format!("{flat}\n\n"), 1);
    let found = check(&run_together);
    let rules: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
    assert!(rules.contains(&"table-unreadable"), "{rules:?}");
    assert!(rules.contains(&"edition-mismatch"), "{rules:?}");
    // A table unread with nothing of another edition's in its header is not said.
    let unread = new.replacen(
        &block(&new),
        &format!("{}\n\n", block(&new).split_whitespace().collect::<Vec<_>>().join("")),
        1,
    );
    assert!(!check(&unread).iter().any(|d| d.rule == "edition-mismatch"));
    // Without a year, the tables that show their edition decide. Table 三 cut
    // before its (六) rows fits either: table 二's 2021 wording is no mismatch.
    let untitled = new.replace("2021年", "").replace("2022年", "");
    let cut = untitled.find("（六）其他处理").unwrap();
    let rest = untitled.find("四、政府信息公开行政复议").unwrap();
    let cut = format!("{}{}", &untitled[..cut], &untitled[rest..]);
    assert!(document(&cut).report_year.is_none());
    assert!(
        !check(&cut).iter().any(|d| d.rule == "edition-mismatch"),
        "{:?}",
        years(&cut)
    );
    // Table 二 left in the 2019 format as well: the report is of 2019 by its
    // tables, and table 三 (either edition) is not said.
    let old_two = cut.replacen(&block(&new), &block(&old).replace("2020年", ""), 1);
    let found = check(&old_two);
    let said: Vec<_> = found.iter().filter(|d| d.rule == "edition-mismatch").collect();
    assert_eq!(said.len(), 0, "{:?}", years(&old_two));
}

#[test]
fn no_report_year() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let untitled = text.replacen(
        "示例市测绘局2020年政府信息公开工作年度报告",
        "示例市测绘局政府信息公开工作年度报告",
        1,
    );
    let period = "本报告所列数据的统计期限为2020年1月1日至2020年12月31日。";
    let neither = edit(&untitled, period, "");
    // (Section 五's 2020年，我局……仍存在一些不足 is a statement: left out.)
    let neither = edit(
        &neither,
        "2020年，我局政府信息公开工作仍存在",
        "我局政府信息公开工作仍存在",
    );
    assert_eq!(years(&neither), ["year-unknown@1"]);
    // The statistics period is the fallback.
    let with_period = untitled;
    let doc = document(&with_period);
    assert_eq!(doc.report_year.unwrap().year, 2020);
    assert_eq!(years(&with_period), Vec::<String>::new());
}

#[test]
fn a_report_naming_its_year_only_in_its_body() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let untitled = edit(
        &text,
        "示例市测绘局2020年政府信息公开工作年度报告",
        "示例市测绘局政府信息公开工作年度报告",
    );
    let neither = edit(
        &untitled,
        "本报告所列数据的统计期限为2020年1月1日至2020年12月31日。",
        "",
    );
    // (Section 五's 2020年，我局……仍存在一些不足 is a statement too: left out.)
    let neither = edit(
        &neither,
        "2020年，我局政府信息公开工作仍存在",
        "我局政府信息公开工作仍存在",
    );
    // One statement of 2020's work and the signature of January 2021: too little.
    assert_eq!(years(&neither), ["year-unknown@1"]);
    // Two statements and the signature: checked as 2020's, said once, on the first statement.
    let body = edit(
        &neither,
        "（一）主动公开情况。",
        "2020年，我局全年主动公开政府信息188条。（一）主动公开情况。",
    );
    assert_eq!(years(&body), ["year-from-body@7"]);
    let d = check(&body).into_iter().find(|d| d.rule == "year-from-body").unwrap();
    assert_eq!(d.message, "标题和统计期限都没有写年份，按正文推定为 2020 年度");
    assert_eq!(d.secondary.len(), 2, "the other statement and the signature");
    // And the year checks run: a plan for the report year is found.
    let plan = edit(&body, "2021年，我局将从以下方面", "2020年，我局将从以下方面");
    let line = plan.lines().position(|l| l.starts_with("2020年，我局将从")).unwrap() + 1;
    assert_eq!(
        years(&plan),
        ["year-from-body@7".to_string(), format!("year-plan-mismatch@{line}")]
    );
    // The signature's issuer names the agency when the title does not: a
    // statement with its short name as subject (in section 四, where a year
    // opening a sentence is not one by itself) is the second statement.
    let short = edit(
        &neither,
        "五、存在的主要问题及改进情况",
        "2020年，市测绘局办理行政复议答复3件。\n\n五、存在的主要问题及改进情况",
    );
    assert_eq!(years(&short), ["year-from-body@7"]);
    // Unsigned, two statements are too little; three are enough by themselves,
    // and a fourth naming another year is then a slip.
    let unsigned = edit(&body, "2021年1月22日", "");
    assert_eq!(years(&unsigned), ["year-unknown@1"]);
    let three = edit(
        &unsigned,
        "（一）主动公开情况。",
        "（一）主动公开情况。2020年，我局新增公开目录12项。",
    );
    assert_eq!(years(&three), ["year-from-body@7"]);
    let slip = edit(
        &three,
        "（一）主动公开情况。",
        "（一）主动公开情况。2019年，我局修订公开指南1次。",
    );
    assert_eq!(years(&slip), ["year-from-body@7", "year-statement-mismatch@9"]);
    // Statements of one year, the signature of the next but one: no year is taken.
    let split = edit(&body, "2020年，我局全年主动公开", "2019年，我局全年主动公开");
    let split = edit(&split, "2020年，我局以服务", "2019年，我局以服务");
    assert_eq!(years(&split), ["year-unknown@1"]);
}

#[test]
fn a_statement_with_the_agency_by_its_short_name() {
    // 示例市生态环境局's report for 2021: in section 四, where a year opening a
    // sentence is not a statement by itself, its short name makes it one.
    let text = fixture("sections/clean-2021.txt");
    let row = "3\t1\t0\t1\t5\t1\t1\t0\t0\t2\t1\t0\t0\t1\t2\n";
    assert!(text.contains(row));
    let with = |sentence: &str| text.replacen(row, &format!("{row}\n{sentence}\n"), 1);
    let line = text.lines().position(|l| l.starts_with("3\t1\t0\t1\t5")).unwrap() + 3;
    assert_eq!(
        years(&with("2020年，市环境局办理行政复议答复5件。")),
        [format!("year-statement-mismatch@{line}")]
    );
    // Another body, or the report year: nothing.
    for fine in ["2020年，市委印发有关文件。", "2021年，市环境局办理行政复议答复5件。"] {
        assert_eq!(years(&with(fine)), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn titles_in_every_form() {
    for (title, year) in [
        ("附件1\n\n某县交通运输局2021年度政府信息公开工作年度报告\n", 2021),
        ("某县交通运输局 2022 年政府信息\n\n公开工作年度报告\n", 2022),
        ("# 某县交通运输局２０２３年政府信息公开工作年度报告\n", 2023),
        ("某县人民政府\n二〇二四年政府信息公开工作年度报告\n", 2024),
        // Split after the year, as two paragraphs of a Word title.
        ("某县交通运输局2025年\n政府信息公开工作年度报告\n", 2025),
        ("某县交通运输局 2026 年度\n\n政府信息公开工作年度报告\n", 2026),
        // A page's metadata fields above the title name the kind of report, not this one.
        (
            "分类：政府信息公开年报\n公开方式：主动公开\n附件1\n\n某县交通运输局2021年政府信息公开工作年度报告\n",
            2021,
        ),
        (
            "关键词：2020年政府信息公开年度报告\n某县交通运输局2021年政府信息公开工作年度报告\n",
            2021,
        ),
        // The title on a field's line is still the title.
        (
            "公开方式：主动公开　　某县交通运输局2022年政府信息公开工作年度报告\n",
            2022,
        ),
    ] {
        let doc = document(&format!("{title}\n一、总体情况\n\n正文。\n"));
        assert_eq!(doc.report_year.map(|y| y.year), Some(year), "{title}");
    }
}

#[test]
fn a_list_of_years_before_a_title_is_not_its_year() {
    // A scraped page's archive of years, then the title without its year.
    let doc = document("2020年\n某县交通运输局政府信息公开工作年度报告\n一、总体情况\n\n正文。\n");
    assert_eq!(
        doc.title.map(|t| t.text).as_deref(),
        Some("某县交通运输局政府信息公开工作年度报告")
    );
    assert_eq!(doc.report_year.map(|y| y.year), None);
}

#[test]
fn signature_dates() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let date = "2021年1月22日";
    assert!(text.trim_end().ends_with(date), "the fixture is signed {date}");
    let sign = |d: &str| text.replacen(date, d, 1);
    assert_eq!(years(&sign("2021年1月30日")), Vec::<String>::new());
    let at = text.lines().count();
    assert_eq!(
        years(&sign("2020年12月28日")),
        [format!("signature-date-in-report-year@{at}")]
    );
    // A department is due by 31 January.
    assert_eq!(years(&sign("2021年2月3日")), [format!("signature-date-late@{at}")]);
    // A government's own report is due by 31 March.
    // (Signed by the government too: the whole report is its own.)
    let government = sign("2021年3月20日").replace("示例市测绘局", "示例县人民政府");
    assert_eq!(years(&government), Vec::<String>::new());
    let late = sign("2021年4月2日").replace("示例市测绘局", "示例县人民政府");
    assert_eq!(years(&late), [format!("signature-date-late@{at}")]);
    // Two years on is late too, most likely a slip in the year.
    assert_eq!(years(&sign("2022年1月20日")), [format!("signature-date-late@{at}")]);
    let late = check(&sign("2022年1月20日"));
    let note = |d: &nianbao::Diagnostic| d.notes.iter().any(|n| n.contains("多半是年份写错（2021年1月20日？）"));
    assert!(late.iter().any(note), "{late:?}");
    assert!(!check(&sign("2021年2月3日")).iter().any(note));
    // Dates written with digits and a separator.
    for (d, found) in [
        ("2021-01-22", vec![]),
        ("2021.1.22", vec![]),
        ("2021/01/22", vec![]),
        ("2020-12-28", vec![format!("signature-date-in-report-year@{at}")]),
        ("2020.12.28", vec![format!("signature-date-in-report-year@{at}")]),
        ("2021-02-03", vec![format!("signature-date-late@{at}")]),
        // Not a date: no finding either way.
        ("2020-13-28", vec![]),
    ] {
        assert_eq!(years(&sign(d)), found, "{d}");
    }
    // A scraped page's related links after the signature, dated with digits:
    // the signature in words is the one.
    let links = format!(
        "{}\n相关链接\n示例市关于印发某方案的通知\n2020-12-28\n",
        sign("2021年1月20日").trim_end()
    );
    assert_eq!(years(&links), Vec::<String>::new());
}

#[test]
fn publication_dates_in_a_page_header() {
    // A scraped page's header between the title and the report, as sites print it.
    let text = fixture("layouts/tab-rows-2020.txt");
    let title = "示例市测绘局2020年政府信息公开工作年度报告\n";
    let header = |h: &str| edit(&text, title, &format!("{title}{h}\n"));
    assert_eq!(years(&header("发布时间: 2021-01-26 15:22")), Vec::<String>::new());
    // Published before it was signed (2021年1月22日): one of the two dates is wrong.
    let early = header("发布时间: 2021-01-20 15:22");
    let signed_at = early.lines().position(|l| l == "2021年1月22日").unwrap() + 1;
    assert_eq!(years(&early), [format!("signature-after-publication@{signed_at}")]);
    assert_eq!(
        years(&header("发布时间: 2020-01-20 15:22")),
        ["publication-date-in-report-year@2"]
    );
    assert_eq!(
        years(&header("发布日期：2019年12月30日")),
        ["publication-date-in-report-year@2"]
    );
    assert_eq!(
        years(&header("成文日期：2023-02-01")),
        ["publication-date-years-late@2"]
    );
    // A dateline under the title, alone or in brackets.
    assert_eq!(
        years(&header("（2020年1月18日）")),
        ["publication-date-in-report-year@2"]
    );
    assert_eq!(years(&header("(2021年1月18日)")), Vec::<String>::new());
    assert_eq!(years(&header("2020年1月18日")), ["publication-date-in-report-year@2"]);
    // Not the day of publication: a span, a deadline, another label, a date after 》.
    for other in [
        "发布时间：2020年1月1日至2020年12月31日",
        "公开时间：2020年3月1日起",
        "采集时间：2020-01-20",
        "统计时间：2020年12月31日",
        "根据《示例市政务公开规定》（2020年3月1日）编制",
        "2020年1月18日召开会议审议。",
    ] {
        assert_eq!(years(&header(other)), Vec::<String>::new(), "{other}");
    }
    // Words of a sentence, a cited notice's date, a related link's, a period over lines.
    for other in [
        "市政务公开办通知发布于2020年12月20日，要求各单位按时报送。",
        "根据市政务公开办公室关于做好年度报告编制发布工作的通知（2020年12月20日）要求，编制本报告。",
        "依据《示例市政务公开办法》（发布日期：2020年3月1日）编制。",
        "相关阅读\n示例市测绘局2019年政府信息公开工作年度报告\n2020年1月20日",
        "统计期限：\n2020年1月1日\n至\n2020年12月31日",
    ] {
        assert_eq!(years(&header(other)), Vec::<String>::new(), "{other}");
    }
    // A list of links, each with its date, is not the page's own.
    let links = "发布时间：2020-12-28\n发布时间：2020-12-30\n发布时间：2020-11-02";
    assert_eq!(years(&header(links)), Vec::<String>::new());
    // The page's particulars run together, and lines broken by CR alone.
    assert_eq!(
        years(&header("来源：示例市测绘局发布时间：2020-01-28 09:43")),
        ["publication-date-in-report-year@2"]
    );
    assert_eq!(
        years(&header("示例市测绘局\n（2020年1月18日）")),
        ["publication-date-in-report-year@3"]
    );
    let cr = header("2020年1月18日").replace('\n', "\r");
    assert_eq!(years(&cr), ["publication-date-in-report-year@2"]);
    // Without a title, a date alone before the report may be a page's list of links.
    let untitled = header("2020年1月18日").replacen(title, "", 1);
    assert_eq!(years(&untitled), Vec::<String>::new());
    // A label in the body is the body's.
    let body = edit(
        &text,
        "一、总体情况\n",
        "一、总体情况\n发布时间: 2020-01-20，我局召开发布会。\n",
    );
    assert_eq!(years(&body), Vec::<String>::new());
    // The whole page on one line, the header run into the title.
    let flat = header("发布时间: 2020-01-20 15:22 文号: 栏目: 政府信息公开年报").replace('\n', " ");
    assert_eq!(years(&flat), ["publication-date-in-report-year@1"]);
}

#[test]
fn the_report_names_itself_with_the_titles_agency() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let opening = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由示例市测绘局编制。";
    let open = |o: &str| edit(&text, opening, o);
    // The release line, the title again where a page's body opens, who compiled it.
    assert_eq!(
        years(&open("现将示例市交通运输局2020年政府信息公开工作年度报告公布如下。")),
        ["report-name-agency-mismatch@3"]
    );
    assert_eq!(
        years(&open(
            "首页 示例市交通运输局2020年政府信息公开工作年度报告 来源：示例网"
        )),
        ["report-name-agency-mismatch@3"]
    );
    assert_eq!(
        years(&open("本报告由示例市交通运输局根据《条例》编制。")),
        ["report-name-agency-mismatch@3"]
    );
    // Whom to ask about it: the agency's own office, not another agency's.
    assert_eq!(
        years(&open(
            "如对本报告有任何疑问，请与示例市交通运输局办公室联系（电话：0000-1234567）。"
        )),
        ["report-name-agency-mismatch@3"]
    );
    for same in [
        "如对本报告有任何疑问，请与示例市测绘局办公室联系（电话：0000-1234567）。",
        "如对本报告有任何疑问，请与市测绘局政府信息公开工作领导小组办公室联系。",
        "如对本报告有任何疑问，请与我局办公室联系。",
        "如对本报告有疑问，请联系：示例市测绘局政务公开科。",
        "如对本报告有任何疑问，请与示例市人民政府办公室联系。",
        "如对本报告有疑问，请与区政府办联系。",
        "如对本报告有疑问，请与市政务公开办联系。",
        "如对本报告有疑问，请与信息中心联系。",
        "如对本报告有疑问，请与12345市民服务热线中心联系。",
        "如对本报告有疑问，请与示例市测绘地理信息局办公室联系。",
        "对本网站有意见建议，请与示例市政务服务数据管理局联系。",
    ] {
        assert_eq!(years(&open(same)), Vec::<String>::new(), "{same}");
    }
    // The same agency in short, with its office, or as 我局; a report in 《》.
    for same in [
        "现将市测绘局2020年政府信息公开工作年度报告公布如下。",
        "现将我局2020年政府信息公开工作年度报告公布如下。",
        "本报告由示例市测绘局办公室根据《条例》编制。",
        "参照《示例市交通运输局2020年政府信息公开工作年度报告》编制。",
        "本报告由总体情况、主动公开政府信息情况等六个部分组成。",
    ] {
        assert_eq!(years(&open(same)), Vec::<String>::new(), "{same}");
    }
    // Short forms ending in 办, words leading to the name, a unit of the body, its
    // former name, a related link, two bodies publishing together, names in another order.
    let office = text.replace("示例市测绘局", "示例市人民防空办公室");
    let office_opening = opening.replace("示例市测绘局", "示例市人民防空办公室");
    assert_eq!(
        years(&edit(
            &office,
            &office_opening,
            "现将市人防办2020年政府信息公开工作年度报告公布如下。"
        )),
        Vec::<String>::new()
    );
    for same in [
        "本报告是根据《条例》要求，由示例市测绘局编制的2020年度政府信息公开工作年度报告。",
        "根据工作要求现将市测绘局2020年政府信息公开工作年度报告公布如下。",
        "本报告由市测绘局信息中心根据《条例》编制。",
        "现将原示例市地理信息局2020年政府信息公开工作年度报告公布如下。",
        "相关链接： 示例市财政局2020年政府信息公开工作年度报告 根据《条例》编制。",
        "现将示例市测绘局 示例市地名委员会2020年政府信息公开工作年度报告公布如下。",
        "现将示例市局测绘2020年政府信息公开工作年度报告公布如下。",
    ] {
        assert_eq!(years(&open(same)), Vec::<String>::new(), "{same}");
    }
    // A government's report, compiled by an office of its choosing: only another
    // government of its level is compared, by its place.
    let government = text.replace("示例市测绘局", "示例县人民政府");
    let opening = opening.replace("示例市测绘局", "示例县人民政府");
    let gov = |o: &str| years(&edit(&government, &opening, o));
    assert_eq!(
        gov("本报告由示例县政务服务管理局根据《条例》编制。"),
        Vec::<String>::new()
    );
    assert_eq!(
        gov("本报告由样本县人民政府办公室根据《条例》编制。"),
        ["report-name-agency-mismatch@3"]
    );
    assert_eq!(gov("本报告由示例县政府办根据《条例》编制。"), Vec::<String>::new());
    assert_eq!(
        gov("附件：示例镇人民政府2020年政府信息公开工作年度报告.pdf"),
        Vec::<String>::new()
    );
    // A government titled by its place alone.
    let place = government.replacen("示例县人民政府2020年", "示例县2020年", 1);
    let pl = |o: &str| years(&edit(&place, &opening, o));
    assert_eq!(
        pl("本报告由示例县人民政府办公室根据《条例》编制。"),
        Vec::<String>::new()
    );
    assert_eq!(
        pl("本报告由示例县政务服务管理局根据《条例》编制。"),
        Vec::<String>::new()
    );
    assert_eq!(
        pl("现将样本县2020年政府信息公开工作年度报告公布如下。"),
        ["report-name-agency-mismatch@3"]
    );
}

#[test]
fn a_signature_inside_a_page_scraped_into_one_line() {
    // The whole page on one line, the site's footer after the date.
    let footer = "更多信息请关注示例省人力资源和社会保障厅门户网站".repeat(60);
    let page = format!(
        "示例省人力资源和社会保障厅2022年政府信息公开工作年度报告一、总体情况2022年，我厅认真贯彻《条例》。\
         二、主动公开政府信息情况三、收到和处理政府信息公开申请情况四、政府信息公开行政复议、行政诉讼情况\
         五、存在的主要问题及改进情况六、其他需要报告的事项本年度未收取信息处理费。\
         示例省人力资源和社会保障厅2023年3月29日{footer}"
    );
    assert!(
        years(&page).contains(&"signature-date-late@1".to_string()),
        "{:?}",
        years(&page)
    );
}

#[test]
fn a_signature_on_a_page_scraped_without_its_title() {
    // No title: the year is the period's, and the issuer is known by how its name ends.
    let page = |date: &str| {
        format!(
            "本报告根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据统计期限从2023年1月1日起至2023年12月31日止。\
             一、总体情况2023年，省人社厅认真贯彻《条例》。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况\
             四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况六、其他需要报告的事项\
             2023年我厅未收取信息处理费。示例省人力资源和社会保障厅{date}更多信息请关注官方微信"
        )
    };
    assert_eq!(years(&page("2024年1月29日")), Vec::<String>::new());
    assert_eq!(years(&page("2023年1月29日")), ["signature-date-in-report-year@1"]);
    // A government's own report is due by 31 March, a department's by 31 January: told by the
    // issuer's name when there is no title to give it.
    let government = |date: &str| page(date).replace("示例省人力资源和社会保障厅", "示例市人民政府");
    assert_eq!(years(&government("2024年3月20日")), Vec::<String>::new());
    assert_eq!(years(&page("2024年3月20日")), ["signature-date-late@1"]);
    // A date after other words is not a signature.
    let not_signed =
        page("2023年1月29日").replace("示例省人力资源和社会保障厅2023年1月29日", "会议于2023年1月29日召开");
    assert_eq!(years(&not_signed), Vec::<String>::new());
}

#[test]
fn the_day_a_report_was_printed_is_not_its_signature() {
    // A document's footer after the signature: 抄送 and the office that printed
    // it, `2022年1月7日印发`. The signature above it is dated in the report year.
    let clean = fixture("layouts/tab-rows-2020.txt");
    let signed = "\n示例市测绘局\n2021年1月22日";
    assert!(clean.trim_end().ends_with(signed));
    let footer = "\n\n抄送：市政务公开办。\n示例市测绘局办公室 2021年1月25日印发";
    let early = clean.trim_end().replacen(signed, "\n示例市测绘局\n2020年1月22日", 1);
    let line = early.lines().count();
    assert_eq!(years(&early), [format!("signature-date-in-report-year@{line}")]);
    assert_eq!(
        years(&format!("{early}{footer}")),
        [format!("signature-date-in-report-year@{line}")]
    );
    // The same run into one line, as a page is scraped.
    let flat = format!("{early}{footer}").replace('\n', "");
    let found = years(&flat);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("signature-date-in-report-year@"), "{found:?}");
    // A right signature with its footer is fine.
    assert_eq!(years(&format!("{}{footer}", clean.trim_end())), Vec::<String>::new());
    // The day it was printed, the only date at the end, stands for the signature.
    let only_printed = early.replacen("\n示例市测绘局\n2020年1月22日", "\n示例市测绘局 2020年1月22日印发", 1);
    let found = years(&only_printed);
    assert!(
        found.iter().any(|f| f.starts_with("signature-date-in-report-year@")),
        "{found:?}"
    );
}

#[test]
fn a_date_alone_after_the_last_sentence_of_a_scraped_page_is_its_signature() {
    // The issuer's line lost with the page's layout: the date stands after the
    // last sentence, only the site's links after it.
    let page = |tail: &str| {
        format!(
            "本报告根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据统计期限从2023年1月1日起至2023年12月31日止。\
             一、总体情况2023年，我厅认真贯彻《条例》。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况\
             四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况六、其他需要报告的事项\
             2023年我厅未收取信息处理费。{tail}"
        )
    };
    assert_eq!(
        years(&page("2024年1月29日更多信息请关注官方微信")),
        Vec::<String>::new()
    );
    assert_eq!(
        years(&page("2023年1月29日更多信息请关注官方微信")),
        ["signature-date-in-report-year@1"]
    );
    assert_eq!(years(&page("2023年1月29日")), ["signature-date-in-report-year@1"]);
    // A date that goes on (起施行), or a sentence after it, is not a signature.
    assert_eq!(years(&page("2023年1月29日起施行")), Vec::<String>::new());
    assert_eq!(years(&page("2023年1月29日，我厅召开专题会议。")), Vec::<String>::new());
}

#[test]
fn a_title_before_the_current_format_over_its_tables_is_the_title_wrong() {
    // Titled 2018 over the current outline and tables, the body all 2020: the
    // title was left from an old report, not a report in the old format.
    let text = fixture("layouts/tab-rows-2020.txt");
    let titled = text.replacen("示例市测绘局2020年", "示例市测绘局2018年", 1);
    assert_ne!(titled, text);
    let rules: Vec<String> = check(&titled).into_iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"title-year-mismatch".to_string()), "{rules:?}");
    assert!(!rules.contains(&"legacy-format".to_string()), "{rules:?}");
    // Every year 2018 over the current tables: still checked (a sum broken is
    // found), not set aside as a report in the old format.
    let old = text.replace("2020年", "2018年").replace("2021年", "2019年");
    assert!(findings_of(&old, &["legacy-"]).is_empty());
    let row = "一、本年新收政府信息公开申请数量\t\t";
    let at = old.find(row).unwrap() + row.len();
    let first = old[at..].split('\t').next().unwrap().to_string();
    let broken = format!(
        "{}{}{}",
        &old[..at],
        first.parse::<u32>().unwrap() + 1,
        &old[at + first.len()..]
    );
    assert!(!findings_of(&broken, &["applications-row-total"]).is_empty());
}

#[test]
fn an_untitled_page_signed_before_the_current_format_is_an_old_report() {
    // Scraped without its title, in the old outline (no tables): only the
    // signature dates it, and too thinly to check a year against, but enough
    // to say the report is old rather than list six sections as missing.
    let old = "2017年省示例厅认真贯彻《条例》，现将主要工作报告如下：一、工作情况（一）加大重点领域公开。\
               二、依申请公开政府信息情况2017年省示例厅受理政府信息依申请公开30件。三、政府信息公开行政复议和行政诉讼情况\
               无。四、支出与收费情况本年度无收费。2018年1月29日更多信息请关注官方微信";
    let found = findings_of(old, &[""]);
    assert_eq!(found, ["legacy-format@1"]);
    let legacy = check(old).into_iter().find(|d| d.rule == "legacy-format").unwrap();
    assert!(
        legacy.notes.iter().any(|n| n.contains("正文的年份证据指向 2017 年")),
        "{:?}",
        legacy.notes
    );
    // Signed in 2021 (a report for 2020): the current format's sections are asked for.
    let recent = old.replace("2018年1月29日", "2021年1月29日");
    assert!(findings_of(&recent, &["section-missing"]).len() >= 5);
    assert!(findings_of(&recent, &["legacy-"]).is_empty());
}

#[test]
fn a_year_opening_a_sentence_of_the_overview_is_judged_whatever_follows() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let at = |line: &str| text.lines().position(|l| l.starts_with(line)).unwrap() + 1;
    // Section 一 of this 2020 report, as the issue quotes it.
    let overview = text.lines().position(|l| l.starts_with("一、总体情况")).unwrap();
    let insert = |extra: &str| -> String {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(overview + 1, extra);
        lines.join("\n") + "\n"
    };
    let found = |extra: &str| -> Vec<String> {
        years(&insert(extra))
            .into_iter()
            .filter(|f| f.ends_with(&format!("@{}", overview + 2)))
            .collect()
    };
    assert_eq!(
        found("2021年，在区委、区政府的坚强领导下，我区紧紧围绕“放管服”改革，持续深化政务公开。"),
        [format!("year-statement-mismatch@{}", overview + 2)]
    );
    assert_eq!(
        found("2021年，先后印发实施《示例区政务公开工作要点》等文件。"),
        [format!("year-statement-mismatch@{}", overview + 2)]
    );
    // Others' acts, the statistics period, comparisons, looking back: not statements.
    for fine in [
        "2019年国务院办公厅印发的通知对政务公开作出部署，我局认真落实。",
        "2020年1月1日至2020年12月31日为本报告统计期限。",
        "2019年我局仅组织培训2期，2020年增至4期。",
        "2018年以来，我局持续推进政务公开标准化建设。",
    ] {
        assert_eq!(found(fine), Vec::<String>::new(), "{fine}");
    }
    // Section 六 too: `2022年，未收取……` in a 2021 report.
    let clean = fixture("sections/clean-2021.txt");
    let six = clean.lines().position(|l| l.starts_with("六、")).unwrap() + 1;
    let mut lines: Vec<&str> = clean.lines().collect();
    lines.insert(six, "2022年，本机关未收取信息处理费。");
    let fees = lines.join("\n") + "\n";
    assert_eq!(years(&fees), [format!("year-statement-mismatch@{}", six + 1)]);
    // There after a comma too, when it tells what was done.
    let mut lines: Vec<&str> = clean.lines().collect();
    lines.insert(
        six,
        "按照《政府信息公开信息处理费管理办法》要求，2022年未向申请人收取信息处理费。",
    );
    let fees = lines.join("\n") + "\n";
    assert_eq!(years(&fees), [format!("year-statement-mismatch@{}", six + 1)]);
    let mut lines: Vec<&str> = clean.lines().collect();
    lines.insert(
        six,
        "按照《政府信息公开信息处理费管理办法》要求，2021年未向申请人收取信息处理费。",
    );
    assert_eq!(years(&(lines.join("\n") + "\n")), Vec::<String>::new());
    // A date alone on its line there is the signature, judged by the signature checks only.
    let late = edit(&clean, "\n2022年1月24日", "\n2022年8月12日");
    let signed = clean.lines().position(|l| l == "2022年1月24日").unwrap() + 1;
    assert_eq!(years(&late), [format!("signature-date-late@{signed}")]);
    // In section 五, whose plans often lack a marker, a subject is still needed.
    let five = at("五、");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(five, "2021年，先后印发实施《示例区政务公开工作要点》等文件。");
    let elsewhere = lines.join("\n") + "\n";
    assert!(!years(&elsewhere).iter().any(|f| f.ends_with(&format!("@{}", five + 1))));
}

#[test]
fn a_year_opening_an_account_of_what_was_achieved_is_judged_in_any_section() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let found = |extra: &str| on_inserted_line(&text, "五、", extra);
    let at_five = [format!("year-statement-mismatch@{}", inserted_line(&text, "五、"))];
    // Section 五 opening with last year's retrospective, left from last year's report.
    assert_eq!(
        found("2019年，政务信息公开工作虽然取得了一些成效，但仍存在政策解读不够深入等问题。"),
        at_five
    );
    assert_eq!(
        found("2021年，政府信息公开工作取得了新进展，但在工作中也存在一些不足。"),
        at_five
    );
    // The report year, and a plan built on what was achieved, are fine.
    assert_eq!(
        found("2020年，政务信息公开工作虽然取得了一些成效，但仍存在政策解读不够深入等问题。"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("2021年，在已取得成效的基础上进一步规范依申请公开办理。"),
        Vec::<String>::new()
    );
    // 取得 without 了, conceded with 但: also an account of that year.
    assert_eq!(
        found("2019年，示例区政府信息公开工作取得一定的成效，但对照上级要求仍存在差距。"),
        at_five
    );
    assert_eq!(found("2021年，力争取得更大成效，让群众满意。"), Vec::<String>::new());
}

#[test]
fn an_older_year_opening_an_account_of_the_year_is_a_leftover() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let at = |heading: &str| [format!("year-statement-mismatch@{}", inserted_line(&text, heading))];
    // Two or three years back, opening 一 or 五 in words that sum up a year's work: an old report's text left in.
    assert_eq!(
        on_inserted_line(
            &text,
            "五、",
            "2018年，我局政府信息公开工作还存在一些不足，主要是政策解读形式单一。"
        ),
        at("五、")
    );
    assert_eq!(
        on_inserted_line(
            &text,
            "一、",
            "2017年，在区委、区政府的正确领导下，我局认真贯彻落实《条例》。"
        ),
        at("一、")
    );
    // 五 without a subject; a sub-item run into its text.
    assert_eq!(
        on_inserted_line(
            &text,
            "五、",
            "2018年，政务信息公开工作虽然取得了一定成效，但还存在一些不足。"
        ),
        at("五、")
    );
    let item = "（四）政府信息管理情况。";
    assert!(text.contains(item));
    let run_in = edit(
        &text,
        item,
        &format!("{item}2018年，我局政府信息公开工作取得了新进展。"),
    );
    assert_eq!(
        years(&run_in),
        ["year-statement-mismatch@13", "year-statement-mismatch@13"],
        "this one and the fixture's own"
    );
    // Four years back, or background opening the section, or an account not opening it: not judged.
    for (heading, extra) in [
        ("五、", "2016年，我局政府信息公开工作还存在一些不足。"),
        ("一、", "2018年，我局制定《重大行政决策目录》，每年更新一次。"),
        ("一、", "2018年，我局搬迁至新办公楼，政务公开专区同步启用。"),
        ("一、", "2018年起，我局坚持每季度召开政务公开例会。"),
        ("一、", "2018年5月，新修订的《条例》正式施行，我局认真贯彻落实。"),
        ("五、", "2018年，我局被确定为全省政务公开示范单位，工作取得明显成效。"),
        ("三、", "2018年，我局政府信息公开工作还存在一些不足。"),
        // Others as subject; a history told year by year or beside other years; a month;
        // what still runs or was taken up by others; a problem since mended; a duty added then.
        (
            "一、",
            "2018年，省委、省政府高度重视政务公开工作，我局据此建立了考核机制。",
        ),
        (
            "一、",
            "2018年，我局开始推行政务公开标准化，2019年全面铺开，工作持续深化。",
        ),
        (
            "一、",
            "2018年，我局主动公开政府信息420条，2019年为560条，工作稳步推进。",
        ),
        ("一、", "2018年12月，我局高度重视群众反映的问题，开通了“局长信箱”。"),
        (
            "一、",
            "2018年，我局坚持以“五公开”为抓手，率先开展政务开放日活动，此项活动已连续开展三年。",
        ),
        ("一、", "2018年，我局政务公开工作取得的经验做法被省政府办公厅推广。"),
        (
            "五、",
            "2018年，我局政府信息公开工作存在的信息更新不及时等问题，目前已全部整改到位。",
        ),
        (
            "五、",
            "2018年，我局新增环境执法职能，相关信息公开工作还存在不够规范的问题。",
        ),
    ] {
        assert_eq!(on_inserted_line(&text, heading, extra), Vec::<String>::new(), "{extra}");
    }
    // A later paragraph of 五.
    let later = edit(
        &text,
        "二是依申请公开答复的规范性有待提高。\n",
        "二是依申请公开答复的规范性有待提高。\n2018年，我局政府信息公开工作还存在一些不足。\n",
    );
    assert_eq!(years(&later), years(&text));
}

#[test]
fn the_agency_before_the_year_is_its_subject() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let found = |extra: &str| on_inserted_line(&text, "一、总体情况", extra);
    let at_one = [format!(
        "year-statement-mismatch@{}",
        inserted_line(&text, "一、总体情况")
    )];
    assert_eq!(
        found("我局2021年严格按照《中华人民共和国政府信息公开条例》的要求开展工作。"),
        at_one
    );
    assert_eq!(
        found("（五）监督保障。我局2019年严格按照《条例》的要求开展工作。"),
        at_one
    );
    assert_eq!(
        found("我局2020年严格按照《条例》的要求开展工作。"),
        Vec::<String>::new()
    );
    // A span of years, a year's name, a noun phrase (what was made that year) and a
    // signature are not statements.
    assert_eq!(
        found("我局2019年至2020年累计公开政府信息1200条。"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("2019年至2020年，我局累计公开政府信息1200条。"),
        Vec::<String>::new()
    );
    assert_eq!(found("我局2019年度考核获评优秀等次。"), Vec::<String>::new());
    assert_eq!(
        found("我局2019年制定的《信息公开办法》继续施行。"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("示例区人力资源和社会保障局2019年政府信息公开工作年度报告已于2020年1月公开。"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("示例区人力资源和社会保障局2021年8月20日 附件下载"),
        Vec::<String>::new()
    );
}

#[test]
fn the_title_repeated_where_the_body_opens_names_the_report() {
    // A page whose header gives the title, and whose body repeats it run on.
    let text = fixture("layouts/tab-rows-2020.txt");
    let title = text.lines().next().unwrap().trim();
    assert!(title.contains("2020年"), "{title}");
    let page = |body_title: &str| {
        format!("标题: {title}\n\n{body_title} 根据《中华人民共和国政府信息公开条例》要求，编制本报告。\n{text}")
    };
    assert_eq!(years(&page(title)), Vec::<String>::new());
    let stale = title.replacen("2020年", "2019年", 1);
    assert_eq!(years(&page(&stale)), ["year-report-name-mismatch@3"]);
}

#[test]
fn a_plan_names_the_next_year_and_no_other() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let five = text.lines().position(|l| l.starts_with("五、")).unwrap();
    let with = |plan: &str| -> Vec<String> {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(five + 1, plan);
        years(&(lines.join("\n") + "\n"))
            .into_iter()
            .filter(|f| f.ends_with(&format!("@{}", five + 2)))
            .collect()
    };
    assert_eq!(with("2021年，我局将进一步规范依申请公开办理。"), Vec::<String>::new());
    assert_eq!(
        with("2022年，我局将进一步规范依申请公开办理。"),
        [format!("year-plan-mismatch@{}", five + 2)]
    );
    assert_eq!(
        with("2020年，我局将进一步规范依申请公开办理。"),
        [format!("year-plan-mismatch@{}", five + 2)]
    );
}

#[test]
fn a_plan_said_with_plan_or_intend_is_a_plan() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let at = inserted_line(&text, "五、");
    for verb in ["计划重点抓好", "打算从三个方面", "拟从以下方面", "准备开展"] {
        // The next year's plan is no statement of work in a wrong year.
        let next = format!("2021年，我局{verb}做好政务公开工作。");
        assert_eq!(on_inserted_line(&text, "五、", &next), Vec::<String>::new(), "{verb}");
        // The report year's is a leftover plan.
        let same = format!("2020年，我局{verb}做好政务公开工作。");
        assert_eq!(
            on_inserted_line(&text, "五、", &same),
            [format!("year-plan-mismatch@{at}")],
            "{verb}"
        );
    }
    // Work done to a plan is the year's work, not a plan.
    for done in [
        "2020年，我局按计划开展政务公开培训3次。",
        "2020年，我局严格按照年度工作计划推进各项任务。",
    ] {
        assert_eq!(on_inserted_line(&text, "一、", done), Vec::<String>::new(), "{done}");
    }
}

#[test]
fn a_count_of_what_was_done_before_a_plan_marker_makes_it_no_plan() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    // 将 after what the year saw is 把: the sentence states the year's work.
    let done = "2020年度我局共收到申请14件，均按时答复，并将申请人所需信息通过电子邮件发送给申请人。";
    assert_eq!(on_inserted_line(&text, "三、", done), Vec::<String>::new());
    // Without the count, 将 soon after the report year is still a plan for it.
    let plan = "2020年度我局将通过电子邮件向申请人发送所需信息。";
    assert_eq!(
        on_inserted_line(&text, "五、", plan),
        [format!("year-plan-mismatch@{}", inserted_line(&text, "五、"))]
    );
    // A count after the marker does not change that.
    let later = "2020年，我局将力争全年主动公开信息300条。";
    assert_eq!(
        on_inserted_line(&text, "五、", later),
        [format!("year-plan-mismatch@{}", inserted_line(&text, "五、"))]
    );
}

#[test]
fn a_period_whose_years_differ_gives_the_year_the_text_names_more() {
    // No title: the year is the period's. Its start is a typo (2018).
    let text = "根据《中华人民共和国政府信息公开条例》要求，我厅编制了本报告。本报告所列数据的统计期限自2018年1月1日起至2019年12月31日止。\n\
一、总体情况\n2019年，我厅主动公开政府信息733条。\n2019年，我厅收到政府信息公开申请12件。\n";
    assert_eq!(years(text), ["year-period-mismatch@1"]);
    let report = config().check_source(nianbao::source::SourceFile::new("t", text), &Default::default());
    assert_eq!(report.report_year, Some(2019));
    // The other way round: the end is the typo.
    let text = text.replacen("自2018年1月1日起至2019年", "自2019年1月1日起至2020年", 1);
    assert_eq!(years(&text), ["year-period-mismatch@1"]);
    let report = config().check_source(
        nianbao::source::SourceFile::new("t", text.as_str()),
        &Default::default(),
    );
    assert_eq!(report.report_year, Some(2019));
}

#[test]
fn year_override() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let report = config().check_source(
        nianbao::source::SourceFile::new("t", text.as_str()),
        &nianbao::Options {
            year: Some(2021),
            ..Default::default()
        },
    );
    assert_eq!(report.report_year, Some(2021));
    assert_eq!(report.edition.as_deref(), Some("2021"));
    assert!(report.diagnostics.iter().any(|d| d.rule == "edition-mismatch"));
}

/// The built-in rules and a user file holding `year-statement-mismatch` as
/// written in `rules/common.toml`, with `from` replaced by `to` once.
fn with_statement_rule((from, to): (&str, &str)) -> Linter {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    let common = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/common.toml")).unwrap();
    let start = common.find("[[rule]]\nid = \"year-statement-mismatch\"").unwrap();
    let end = common[start..].find("\n[[rule]]").map(|e| start + e).unwrap();
    std::fs::write(&rules, common[start..end].replacen(from, to, 1)).unwrap();
    Linter::load(&[rules]).unwrap()
}

#[test]
fn contexts_can_be_tuned_in_a_rule_file() {
    // An office whose reports say 本局 … adds it as a subject.
    let config = with_statement_rule(("subjects = [\n", "subjects = [\n  '测绘队',\n"));
    // In section 五 a year needs its subject.
    let text = fixture("layouts/tab-rows-2020.txt");
    let anchor = "五、存在的主要问题及改进情况\n\n";
    let text = edit(&text, anchor, &format!("{anchor}2021年，测绘队完成了外业数据公开。"));
    assert_eq!(years(&text), Vec::<String>::new(), "not a subject by default");
    let d: Vec<_> = check_with(&config, &text)
        .into_iter()
        .filter(|d| d.rule == "year-statement-mismatch")
        .collect();
    assert_eq!(d.len(), 1);
}

#[test]
fn evidence_given_by_two_rules_counts_once() {
    // A user file repeats the statement check under another id: its statements
    // are the same evidence, not twice as much.
    let config = with_statement_rule(("id = \"year-statement-mismatch\"", "id = \"my-statements\""));
    // Two statements against the title: too little to overrule it (four
    // would be), so the title stands and each statement is reported.
    let text = "示例县统计局2019年政府信息公开工作年度报告\n\n一、总体情况\n\
2020年，我局主动公开政府信息86条。\n2020年，我局共收到政府信息公开申请12件。\n";
    let rules_found = |d: Vec<nianbao::diag::Diagnostic>| {
        let mut r: Vec<String> = d
            .into_iter()
            .map(|d| d.rule)
            .filter(|r| r.contains("year") || r.contains("statements"))
            .collect();
        r.sort();
        r
    };
    assert_eq!(
        rules_found(check(text)),
        ["year-statement-mismatch", "year-statement-mismatch"]
    );
    assert_eq!(
        rules_found(check_with(&config, text)),
        [
            "my-statements",
            "my-statements",
            "year-statement-mismatch",
            "year-statement-mismatch"
        ]
    );
}

#[test]
fn a_year_right_after_a_heading_on_a_flattened_page_opens_its_text() {
    // A page scraped into one line: the heading runs straight into the text.
    for joint in ["", "　　", " "] {
        let page = format!(
            "示例省工业和信息化厅2021年政府信息公开工作年度报告一、总体情况{joint}2022年，省工业和信息化厅坚持以人民为中心。\
             （一）主动公开情况。2021年，我厅主动公开政府信息120条。二、主动公开政府信息情况"
        );
        assert_eq!(years(&page), ["year-statement-mismatch@1"], "{joint:?}");
        // The report year itself is fine there.
        let fine = page.replacen("2022年，省工业", "2021年，省工业", 1);
        assert_eq!(years(&fine), Vec::<String>::new(), "{joint:?}");
    }
}

#[test]
fn a_slogan_with_a_word_of_change_is_not_a_comparison() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let overview = text.lines().position(|l| l.starts_with("一、总体情况")).unwrap();
    let with = |extra: &str| -> Vec<String> {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(overview + 1, extra);
        years(&(lines.join("\n") + "\n"))
            .into_iter()
            .filter(|f| f.ends_with(&format!("@{}", overview + 2)))
            .collect()
    };
    // 稳增长 is a policy, not a change against an earlier year.
    assert_eq!(
        with("2019年，区政府办公室统筹抓好稳增长、促改革等重点任务。"),
        [format!("year-statement-mismatch@{}", overview + 2)]
    );
    // A change with its amount still compares.
    assert_eq!(with("2019年我局受理申请12件，今年增长3件。"), Vec::<String>::new());
    assert_eq!(with("2019年，我局受理申请较上年增长。"), Vec::<String>::new());
}

/// The title's year findings: title, year, edition, signature and legacy.
fn year_and_title(text: &str) -> Vec<String> {
    findings_of(text, &["title-", "year-", "edition-", "signature-", "legacy-"])
}

#[test]
fn a_title_year_that_the_body_outvotes() {
    // The body states 2021's work, its tables follow the 2021 edition and it is
    // signed in January 2022: a title naming another year is the one wrong.
    let clean = fixture("sections/clean-2021.txt");
    for wrong in ["2020", "2022", "2018"] {
        let text = edit(&clean, "示例市生态环境局2021年", &format!("示例市生态环境局{wrong}年"));
        assert_eq!(year_and_title(&text), ["title-year-mismatch@1"], "title {wrong}");
        let report = config().check_source(SourceFile::new("test", &text), &Options::default());
        assert_eq!(report.report_year, Some(2021), "checked as a report for 2021");
        let d = check(&text)
            .into_iter()
            .find(|d| d.rule == "title-year-mismatch")
            .unwrap();
        assert_eq!(&text[d.primary.span.range()], wrong);
        assert_eq!(d.message, format!("标题写的是 {wrong} 年，正文写的是 2021 年"));
        let evidence: Vec<&str> = d.secondary.iter().map(|l| l.message.as_str()).collect();
        assert!(evidence.contains(&"陈述 2021 年的工作"), "{evidence:?}");
        assert!(evidence.contains(&"落款日期"), "{evidence:?}");
    }
}

#[test]
fn a_copy_of_the_title_is_no_evidence_for_its_year() {
    // A scraped page repeats its title in a breadcrumb (or the saved page's
    // path): written wrong once, it is wrong in both, and the copy is no body
    // naming the report in the title's year.
    let clean = fixture("sections/clean-2021.txt");
    let text = edit(&clean, "示例市生态环境局2021年", "示例市生态环境局2020年");
    let crumbed = edit(
        &text,
        "\n",
        "\n当前位置：首页 > 政府信息公开年报 > 示例市生态环境局2020年政府信息公开工作年度报告\n",
    );
    assert_eq!(year_and_title(&crumbed), ["title-year-mismatch@1"]);
}

#[test]
fn plans_and_the_report_naming_itself_are_evidence_of_its_year() {
    let clean = fixture("sections/clean-2021.txt");
    let evidence = |text: &str| -> Vec<String> {
        let d = check(text)
            .into_iter()
            .find(|d| d.rule == "title-year-mismatch")
            .expect("the title said wrong");
        d.secondary.iter().map(|l| l.message.clone()).collect()
    };
    // Titled 2022 (the tables' edition is the same), one statement and no
    // signature: the period and the plan for 2022 agree on 2021.
    let text = edit(&clean, "示例市生态环境局2021年", "示例市生态环境局2022年");
    let text = edit(
        &text,
        "2021年，我局政府信息公开工作还存在",
        "我局政府信息公开工作还存在",
    );
    let unsigned = edit(&text, "\n2022年1月24日", "");
    assert_eq!(year_and_title(&unsigned), ["title-year-mismatch@1"]);
    assert!(evidence(&unsigned).contains(&"计划写 2022 年".to_string()));
    // The plan without its year and no period: the signature and the report
    // naming itself (`现将……2021年……年度报告公布如下`) agree on 2021.
    let text = edit(&text, "2022年，我局将采取", "下一步，我局将采取");
    let text = edit(&text, "本报告所列数据统计期限为2021年1月1日至2021年12月31日。", "");
    let named = edit(
        &text,
        "\n一、总体情况",
        "\n现将示例市生态环境局2021年政府信息公开工作年度报告公布如下。\n\n一、总体情况",
    );
    assert_eq!(year_and_title(&named), ["title-year-mismatch@1"]);
    assert!(evidence(&named).contains(&"提到本报告：2021 年".to_string()));
    let released = edit(
        &text,
        "\n一、总体情况",
        "\n现向社会公开2021年度政府信息公开年度报告。\n\n一、总体情况",
    );
    assert_eq!(year_and_title(&released), ["title-year-mismatch@1"]);
    // Without the release line the signature alone does not outvote the title.
    assert!(!year_and_title(&text).iter().any(|f| f.starts_with("title-")));
    // Tables of the title year's edition and not of the body's keep the title:
    // titled 2021, the release line and the plan left from 2020's report.
    let leftovers = edit(&named, "示例市生态环境局2022年", "示例市生态环境局2021年");
    let leftovers = edit(&leftovers, "现将示例市生态环境局2021年", "现将示例市生态环境局2020年");
    let leftovers = edit(&leftovers, "下一步，我局将采取", "2021年，我局将采取");
    let leftovers = edit(&leftovers, "2022年1月24日", "2021年1月24日");
    let leftovers = edit(&leftovers, "2021年，我局坚持", "我局坚持");
    let found = year_and_title(&leftovers);
    assert!(!found.iter().any(|f| f.starts_with("title-")), "{found:?}");
    assert!(
        found.iter().any(|f| f.starts_with("year-report-name-mismatch")),
        "{found:?}"
    );
    // Not against the period and the year's statements: a 2021 report on the
    // 2019 edition's tables, titled 2020 by mistake, is still 2021's.
    let old_tables = fixture("layouts/tab-rows-2020.txt");
    let span = |t: &str| {
        let start = t.find("第二十条第（一）项").unwrap();
        let end = t.find("五、存在的主要问题").unwrap();
        t[start..end].to_string()
    };
    let on_old = clean.replacen(&span(&clean), &span(&old_tables), 1);
    let on_old = edit(&on_old, "示例市生态环境局2021年", "示例市生态环境局2020年");
    let found = year_and_title(&on_old);
    assert!(found.contains(&"title-year-mismatch@1".to_string()), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("edition-mismatch")), "{found:?}");
    // A plan left from last year's report and tables of an edition spanning
    // two years do not make a second year: a 2020 report on the 2019 edition's
    // tables, titled 2021, with `2020年，我局将……` left in.
    let spanning = fixture("layouts/tab-rows-2020.txt");
    let spanning = edit(&spanning, "示例市测绘局2020年", "示例市测绘局2021年");
    let spanning = edit(&spanning, "2021年，我局将从以下方面", "2020年，我局将从以下方面");
    let found = year_and_title(&spanning);
    assert!(found.contains(&"title-year-mismatch@1".to_string()), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("year-plan-mismatch")), "{found:?}");
    // A plan left from last year's report (for the title's year +1) does not
    // keep a wrong title: the title and the plan are both said.
    let text = edit(&clean, "示例市生态环境局2021年", "示例市生态环境局2020年");
    let stale = edit(&text, "2022年，我局将采取", "2021年，我局将采取");
    assert_eq!(
        year_and_title(&stale),
        ["title-year-mismatch@1", "year-plan-mismatch@80"]
    );
}

#[test]
fn a_title_year_the_body_names_stands() {
    // One statement names another year, another names the title's: the
    // statement is the one reported.
    let clean = fixture("sections/clean-2021.txt");
    let text = edit(&clean, "2021年，我局坚持", "2020年，我局坚持");
    assert_eq!(year_and_title(&text), ["year-statement-mismatch@7"]);
    // The signature dated the year after the title's speaks for the title,
    // against the statements and the tables: the body disagrees with itself,
    // and each place is reported.
    let text = edit(&clean, "示例市生态环境局2021年", "示例市生态环境局2020年");
    let text = edit(&text, "2022年1月24日", "2021年1月24日");
    let found = year_and_title(&text);
    assert!(!found.iter().any(|f| f.starts_with("title-")), "{found:?}");
    assert!(found.contains(&"year-statement-mismatch@7".to_string()), "{found:?}");
}

#[test]
fn the_title_check_turned_off_trusts_the_title() {
    let clean = fixture("sections/clean-2021.txt");
    let text = edit(&clean, "示例市生态环境局2021年", "示例市生态环境局2020年");
    let mut options = Options::default();
    let linter = config();
    options.severities = Some(
        linter
            .rules
            .iter()
            .map(|r| {
                if r.id == "title-year-mismatch" {
                    None
                } else {
                    r.severity
                }
            })
            .collect(),
    );
    let report = linter.check_source(SourceFile::new("test", &text), &options);
    assert_eq!(report.report_year, Some(2020));
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert!(rules.contains(&"year-statement-mismatch"), "{rules:?}");
    assert!(!rules.contains(&"title-year-mismatch"), "{rules:?}");
}

#[test]
fn a_year_opening_a_sentence_of_section_two_states_its_work() {
    // Section 二 tells what was disclosed: a year opening its sentence, subject
    // or not, is the report year's (`2023年，在主动公开的61条政府信息中……` in 2024's).
    let clean = fixture("sections/clean-2021.txt");
    let line = inserted_line(&clean, "二、");
    assert_eq!(
        on_inserted_line(
            &clean,
            "二、",
            "2020年，在主动公开的86条政府信息中，全文电子化的共86条。"
        ),
        [format!("year-statement-mismatch@{line}")]
    );
    for fine in [
        "2021年，在主动公开的86条政府信息中，全文电子化的共86条。",
        "2020年，上级部门下发的文件在本年度全部公开。",
        "2021年主动公开政府信息86条，较2020年增加12条。",
    ] {
        let found = on_inserted_line(&clean, "二、", fine);
        assert!(
            !found.iter().any(|f| f.starts_with("year-statement")),
            "{fine}: {found:?}"
        );
    }
}

#[test]
fn a_plan_without_a_subject_in_section_five() {
    // `plans-in`: in 五 a year opening a sentence with a plan marker soon after
    // is the agency's plan, subject or not.
    let clean = fixture("sections/clean-2021.txt");
    let text = edit(&clean, "2022年，我局将采取", "2021年，将采取");
    assert_eq!(years(&text), ["year-plan-mismatch@80"]);
    assert_eq!(
        years(&edit(&clean, "2022年，我局将采取", "2022年，将采取")),
        Vec::<String>::new()
    );
    // What was done is no plan (`将……进行了改版`: 把).
    let text = edit(&clean, "2022年，我局将采取", "2021年，将政务公开专栏进行了改版，采取");
    assert_eq!(years(&text), Vec::<String>::new());
    // Elsewhere a 将 without a subject is left alone (`将收到的申请……`: 把).
    let text = on_inserted_line(&clean, "三、", "2021年，将收到的申请全部录入办理系统。");
    assert_eq!(text, Vec::<String>::new());
}

#[test]
fn a_body_that_names_two_years_keeps_the_title() {
    // The signature and the tables say 2021 against a 2020 title, but the
    // period names 2019: the body disagrees with itself, the title stands.
    let clean = fixture("sections/clean-2021.txt");
    let text = edit(&clean, "示例市生态环境局2021年", "示例市生态环境局2020年");
    let text = edit(
        &text,
        "一、总体情况",
        "一、总体情况\n本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。",
    );
    let found = year_and_title(&text);
    assert!(!found.iter().any(|f| f.starts_with("title-")), "{found:?}");
}

#[test]
fn without_a_title_the_signature_names_the_agency_of_the_opening() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let title = "示例市测绘局2020年政府信息公开工作年度报告";
    let signed = "\n示例市测绘局\n2021年1月22日";
    assert!(text.starts_with(title) && text.trim_end().ends_with(signed));
    let untitled = text.replacen(
        title,
        "根据《中华人民共和国政府信息公开条例》要求，发布示例市测绘局2020年政府信息公开工作年度报告。",
        1,
    );
    let at = untitled.lines().count() - 1;
    let sign = |name: &str| untitled.replacen(signed, &format!("\n{name}\n2021年1月22日"), 1);
    assert_eq!(
        years(&sign("示例市交通运输局")),
        [format!("signature-agency-mismatch@{at}")]
    );
    assert_eq!(years(&sign("示例市测绘局")), Vec::<String>::new());
    assert_eq!(years(&sign("市测绘局")), Vec::<String>::new());
    // An opening that names no agency (我局编写了……) gives nothing to compare.
    let ours = untitled.replacen("发布示例市测绘局2020年", "我局编写了2020年", 1);
    assert_eq!(
        years(&ours.replacen(signed, "\n示例市交通运输局\n2021年1月22日", 1)),
        Vec::<String>::new()
    );
    // Then section 一's first words may say who did the year's work.
    let subject = ours.replacen("2020年，我局以服务", "2020年，示例市测绘局以服务", 1);
    assert_ne!(subject, ours);
    let sign = |name: &str| subject.replacen(signed, &format!("\n{name}\n2021年1月22日"), 1);
    let found = check(&sign("示例市交通运输局"));
    let mismatch: Vec<_> = found.iter().filter(|d| d.rule == "signature-agency-mismatch").collect();
    assert_eq!(mismatch.len(), 1);
    assert_eq!(
        mismatch[0].secondary[0].span.start,
        subject.find("示例市测绘局以服务").unwrap()
    );
    assert!(mismatch[0].message.contains("正文开头所写"), "{}", mismatch[0].message);
    for same in [
        "示例市测绘局",
        "市测绘局",
        "示例市人民政府办公室",
        "示例市人民政府办公厅",
    ] {
        assert_eq!(years(&sign(same)), Vec::<String>::new(), "{same}");
    }
    // Named without its place, or with 和 (`省人力资源和社会保障厅` signed
    // `河北省人力资源社会保障厅`), the subject is still the agency.
    let placeless = subject.replacen("2020年，示例市测绘局以", "2020年，市测绘和地理信息局以", 1);
    let signed_full = placeless.replacen(signed, "\n示例市测绘地理信息局\n2021年1月22日", 1);
    assert_eq!(years(&signed_full), Vec::<String>::new());
    // An office speaks for another body: not compared.
    let office = subject.replacen("2020年，示例市测绘局以", "2020年，市政府办公室以", 1);
    let other = office.replacen(signed, "\n示例市交通运输局\n2021年1月22日", 1);
    assert_eq!(years(&other), Vec::<String>::new());
}

#[test]
fn the_signature_names_the_agency_of_the_title() {
    let text = fixture("layouts/tab-rows-2020.txt");
    let signed = "\n示例市测绘局\n2021年1月22日";
    assert!(text.trim_end().ends_with(signed));
    let at = text.lines().count() - 1;
    let sign = |name: &str| text.replacen(signed, &format!("\n{name}\n2021年1月22日"), 1);
    // Another body's name, left from a report copied as a model.
    assert_eq!(
        years(&sign("示例市交通运输局")),
        [format!("signature-agency-mismatch@{at}")]
    );
    assert_eq!(
        years(&sign("样本市测绘局")),
        [format!("signature-agency-mismatch@{at}")]
    );
    // A short form, or the name with its office, is the same agency.
    assert_eq!(years(&sign("市测绘局")), Vec::<String>::new());
    assert_eq!(years(&sign("示例市测绘局办公室")), Vec::<String>::new());
    // Two bodies signing together are not compared.
    assert_eq!(years(&sign("示例市测绘局　示例市自然资源局")), Vec::<String>::new());
    // A government's report is signed by the office that compiles it.
    let government = text.replace("示例市测绘局", "示例市长安区人民政府");
    assert!(government.contains("\n示例市长安区人民政府\n2021年1月22日"));
    let signed_by = |name: &str| {
        government.replacen(
            "\n示例市长安区人民政府\n2021年1月22日",
            &format!("\n{name}\n2021年1月22日"),
            1,
        )
    };
    for office in ["长安区人民政府办公室", "示例市政务服务管理办公室"] {
        assert_eq!(years(&signed_by(office)), Vec::<String>::new(), "{office}");
    }
}

#[test]
fn a_wrong_title_year_is_said_once() {
    // The title's year was also read as the report naming itself when a line
    // after it says 发布本年度报告: two findings on one year.
    let clean = fixture("sections/clean-2021.txt");
    let title = clean.lines().next().unwrap();
    let released = clean.replacen(
        &format!("{title}\n"),
        &format!("{title}\n根据《中华人民共和国政府信息公开条例》等规定，发布本年度报告。\n"),
        1,
    );
    assert_eq!(year_and_title(&released), Vec::<String>::new());
    let wrong = edit(&released, "示例市生态环境局2021年", "示例市生态环境局2022年");
    assert_eq!(year_and_title(&wrong), ["title-year-mismatch@1"]);
}

#[test]
fn another_bodys_name_signs_a_page_scraped_into_one_line_too() {
    // `……信息处理费。 样例县质量技术监督局 2022年1月20日`: only the title's own
    // agency was taken to sign before a date at the end of one long line.
    let text = fixture("layouts/run-together-2021.txt");
    let signed = "样例县市场监督管理局2022年1月20日";
    assert!(text.contains(signed));
    let line = text.lines().position(|l| l.contains(signed)).unwrap() + 1;
    assert_eq!(years(&text), Vec::<String>::new());
    for sign in [
        "样例县质量技术监督局2022年1月20日",
        " 样例县质量技术监督局 2022年1月20日",
    ] {
        let other = text.replacen(signed, sign, 1);
        assert_eq!(years(&other), [format!("signature-agency-mismatch@{line}")], "{sign}");
    }
    // Its date is the signature's: in the report year, it is said.
    let early = text.replacen(signed, "样例县质量技术监督局2021年12月20日", 1);
    assert!(
        years(&early).contains(&format!("signature-date-in-report-year@{line}")),
        "{:?}",
        years(&early)
    );
}

#[test]
fn a_governments_report_signed_by_a_body_of_another_place_is_said() {
    // A county government's report may be signed by its office or one of its
    // departments; not by another county's bureau, left from a model copied.
    let text = fixture("layouts/run-together-2021.txt");
    let title = "样例县市场监督管理局2021年政府信息公开工作年度报告";
    let signed = "样例县市场监督管理局2022年1月20日";
    assert!(text.contains(title) && text.contains(signed));
    let government = text.replacen(title, "样例县人民政府2021年政府信息公开工作年度报告", 1);
    let line = text.lines().position(|l| l.contains(signed)).unwrap() + 1;
    for own in [
        "样例县人民政府办公室",
        "样例县市场监督管理局",
        "县政务服务管理办公室",
        "县城市管理局",
        "某市样例县教育局",
    ] {
        let own = government.replacen(signed, &format!("{own}2022年1月20日"), 1);
        assert_eq!(years(&own), Vec::<String>::new(), "{own}");
    }
    for other in ["另例县市场监督管理局", "另例县人民政府"] {
        let other = government.replacen(signed, &format!("{other}2022年1月20日"), 1);
        assert_eq!(years(&other), [format!("signature-agency-mismatch@{line}")]);
    }
}

#[test]
fn a_page_scraped_into_one_line_titled_niandu_gongzuo_baogao_still_has_its_title() {
    // `……2021年度政府信息公开工作报告本报告根据……`: a common wording of the
    // title run into the page's first sentence; the signature and the subject
    // of section 一 are then compared with it.
    let text = fixture("layouts/run-together-2021.txt");
    let titled = "样例县市场监督管理局2021年政府信息公开工作年度报告本报告";
    assert!(text.contains(titled));
    let niandu = text.replacen(titled, "样例县市场监督管理局2021年度政府信息公开工作报告本报告", 1);
    let title = |t: &str| document(t).title.map(|t| t.text);
    assert_eq!(
        title(&niandu).as_deref(),
        Some("样例县市场监督管理局2021年度政府信息公开工作报告")
    );
    assert_eq!(years(&niandu), Vec::<String>::new());
    let signed = niandu.replacen(
        "样例县市场监督管理局2022年1月20日",
        "样例县质量技术监督局2022年1月20日",
        1,
    );
    assert_eq!(years(&signed), ["signature-agency-mismatch@3"]);
    // Section 一 opening with another body's work (`2021年，县质量技术监督局以……为主线`).
    let opening = "一、总体情况2021年，我局以优化营商环境为主线";
    assert!(text.contains(opening));
    let other = text.replacen(opening, "一、总体情况2021年，县质量技术监督局以优化营商环境为主线", 1);
    assert_eq!(years(&other), ["report-name-agency-mismatch@3"]);
}

#[test]
fn a_short_first_line_with_the_title_run_on_is_the_title_not_a_sentence_citing_a_notice() {
    // The title run into a short first sentence, then a sentence citing the
    // notice about the reports (`……关于做好2021年政府信息公开工作年度报告……的通知》`):
    // the notice's words are no title, and the signature is compared with the real one.
    let text = fixture("sections/clean-2021.txt");
    let title = text.lines().next().unwrap();
    let run_on = format!(
        "{}本报告依据《中华人民共和国政府信息公开条例》编制。\n\n本报告依据《中华人民共和国政府信息公开条例》和《示例市人民政府办公室关于做好2021年政府信息公开工作年度报告编制发布工作的通知》编制。",
        title.replace("年政府信息公开工作年度报告", "年度政府信息公开工作报告")
    );
    let text = text.replacen(title, &run_on, 1);
    let found = document(&text).title.map(|t| t.text).unwrap();
    assert!(found.ends_with("2021年度政府信息公开工作报告"), "{found}");
    assert_eq!(years(&text), Vec::<String>::new());
}

#[test]
fn a_year_before_last_year_opening_a_sentence_is_background() {
    // `2019年5月15日，新修订的《条例》正式施行`, `2019年起，我局……` in a report for
    // 2021: years before last year are history (`earliest` = -1), while last
    // year in the same place is judged.
    let text = fixture("sections/clean-2021.txt");
    let first = text
        .lines()
        .find(|l| l.starts_with("2021年，我局"))
        .expect("a statement of 2021");
    let line = text.lines().position(|l| l == first).unwrap() + 1;
    let last_year = edit(&text, first, &first.replacen("2021年", "2020年", 1));
    assert_eq!(years(&last_year), [format!("year-statement-mismatch@{line}")]);
    // (Two or three years back opening 一 in words that sum up a year's work is a
    // leftover: see `an_older_year_opening_an_account_of_the_year_is_a_leftover`.)
    for year in ["2019年", "2018年"] {
        let leftover = edit(&text, first, &first.replacen("2021年", year, 1));
        assert_eq!(years(&leftover), [format!("year-statement-mismatch@{line}")], "{year}");
    }
    for year in ["2017年", "2016年"] {
        let history = edit(&text, first, &first.replacen("2021年", year, 1));
        assert_eq!(years(&history), Vec::<String>::new(), "{year}");
    }
    // Last year as background: a law coming into force, the legislature's or a
    // ministry's act, since when, the reform that made the body.
    for background in [
        "2020年5月15日，新修订的《中华人民共和国政府信息公开条例》正式施行，我局据此修订了公开指南。",
        "2020年，全国人大常委会修订《中华人民共和国环境影响评价法》，我局据此调整公开内容。",
        "2020年，生态环境部印发《环境影响评价公众参与办法》，我局严格执行。",
        "2020年起，我局每季度召开一次政务公开工作例会。",
        "2020年机构改革后，我局承担原环境保护局的监管职责。",
    ] {
        let wrong = edit(&text, first, background);
        assert_eq!(years(&wrong), Vec::<String>::new(), "{background}");
    }
}

#[test]
fn a_link_to_the_reports_file_under_the_page_is_not_its_title() {
    // `附件：2021年政府信息公开工作年度报告.pdf` under a page scraped into one
    // line was its title (no line of its own before it is one), and the
    // signature before it was then lost.
    let text = fixture("layouts/run-together-2021.txt");
    let linked = format!("{}\n附件：2021年政府信息公开工作年度报告.pdf\n", text.trim_end());
    let title = |t: &str| document(t).title.map(|t| t.text);
    assert_eq!(title(&linked), title(&text));
    assert_eq!(years(&linked), years(&text));
    let early = linked.replacen(
        "样例县市场监督管理局2022年1月20日",
        "样例县市场监督管理局2021年12月20日",
        1,
    );
    assert!(
        years(&early)
            .iter()
            .any(|f| f.starts_with("signature-date-in-report-year@")),
        "{:?}",
        years(&early)
    );
}

#[test]
fn a_site_header_line_above_an_untitled_page_is_not_its_text() {
    // A page scraped without its title, its body on one line: three statements
    // of 2021's work. The site's header line above it, with no blank line
    // between, is a paragraph of its own, so the first statement still opens
    // a sentence and the year is still the body's.
    let body = "2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息52条。\
2021年，我局共收到政府信息公开申请6件，均已按时答复。2021年，我局未因政府信息公开被申请行政复议、提起行政诉讼。\n";
    assert_eq!(years(body), ["year-from-body@1"]);
    for header in [
        "发布时间：2022-01-20 10:30  来源：示例县水利局  浏览次数：1234\n",
        "索引号：000014349/2022-00012\n发布日期：2022-01-20\n",
    ] {
        let page = format!("{header}{body}");
        let line = header.lines().count() + 1;
        assert_eq!(years(&page), [format!("year-from-body@{line}")], "{header}");
    }
}

#[test]
fn a_year_after_a_sub_heading_run_into_its_text_opens_it() {
    // `（四）政府信息管理情况2019年，我局……`: the sub-heading run into its
    // text, the year opening that text (in section 一, where a year opening
    // its text needs no subject).
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let found = |extra: &str| on_inserted_line(&text, "（五）", extra);
    let at_five = [format!("year-statement-mismatch@{}", inserted_line(&text, "（五）"))];
    for wrong in [
        "（七）队伍建设情况2019年，我局配备专职人员2名。",
        "（七）概述2019年，我局配备专职人员2名。",
        "(七)主动公开政府信息的数量2019年制作、获取政府信息总数510条。",
    ] {
        assert_eq!(found(wrong), at_five, "{wrong}");
    }
    // The report year, and a year inside words that are no sub-heading, are fine.
    for fine in [
        "（七）概述2020年，我局配备专职人员2名。",
        "（七）全面贯彻2019年出台的政务公开规定，配备专职人员2名。",
    ] {
        assert_eq!(found(fine), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn only_a_comparison_or_the_report_year_beside_it_excuses_last_years_statement_not_any_较() {
    let text = fixture("example/示例区人力资源和社会保障局2020年报告.txt");
    let found = |extra: &str| on_inserted_line(&text, "五、", extra);
    let at_five = [format!("year-statement-mismatch@{}", inserted_line(&text, "五、"))];
    // 较好 compares nothing.
    assert_eq!(found("2019年，我局政务公开工作取得较好成效。"), at_five);
    // One figure of that year's work compared only with the year before it, the
    // sentence ending there: last year's sentence left in.
    for stale in [
        "2019年，我局主动公开政府信息306条，同比增长8.1%。",
        "2019年，我局共收到政府信息公开申请35件，同比减少5件。",
    ] {
        assert_eq!(found(stale), at_five, "{stale}");
    }
    for fine in [
        "2019年，我局主动公开信息较上年增加。",
        "2019年，我局主动公开信息比2018年多。",
        // A comparison anywhere else: last year's figures set against others
        // (narrowing this further gave false alarms on 报告期内, 通过整改, 一年来
        // and many more).
        "2019年，我局依申请公开按期答复率为95%，通过整改，答复率已提高到100%。",
        "2019年，我局共收到政府信息公开申请35件，本报告期内收到54件，同比增长54%。",
        "2019年，我局主动公开政府信息306条，同比增长8.1%，其中政策文件12条。",
        "与2019年相比，我局主动公开信息有所增加。",
        "我局主动公开信息较2019年增加46条。",
        "2019年同期相比，我局主动公开信息有所增加。",
        "2019年，我局主动公开信息300条，2020年为352条。",
        "2019年全年主动公开信息532条，今年数量有了较大提升。",
        // The report year in a title beside it: last December's plan for this year.
        "2019年12月，我局印发《示例区2020年政务公开工作要点》，对全年工作作出部署。",
    ] {
        assert_eq!(found(fine), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn a_signature_run_into_section_six_saying_nothing_to_report_is_read() {
    // `……其他需要报告的事项无样例县交通运输局2022年1月20日`: 六's `无` is not
    // part of the issuer's name, and the date after it signs the report.
    let text = fixture("layouts/run-together-2021.txt");
    let tail = "六、其他需要报告的事项本年度我局未收取信息处理费。样例县市场监督管理局2022年1月20日";
    assert!(text.contains(tail));
    let signed = |issuer: &str, date: &str| edit(&text, tail, &format!("六、其他需要报告的事项 无{issuer}{date}"));
    assert_eq!(
        years(&signed("样例县市场监督管理局", "2022年1月20日")),
        Vec::<String>::new()
    );
    let other = years(&signed("样例县交通运输局", "2022年1月20日"));
    assert_eq!(other, ["signature-agency-mismatch@3"]);
    let glued = edit(&text, tail, "六、其他需要报告的事项无样例县交通运输局 2022年1月20日");
    assert_eq!(years(&glued), ["signature-agency-mismatch@3"]);
    let early = years(&signed("样例县市场监督管理局", "2021年1月20日"));
    assert_eq!(early, ["signature-date-in-report-year@3"]);
    // After a scraped page's download link's label.
    let linked = |issuer: &str| {
        edit(
            &text,
            tail,
            &format!(
                "六、其他需要报告的事项本年度我局未收取信息处理费。报告下载：{issuer}2022年1月20日更多信息请关注官方微信"
            ),
        )
    };
    assert_eq!(years(&linked("样例县市场监督管理局")), Vec::<String>::new());
    assert_eq!(years(&linked("样例县交通运输局")), ["signature-agency-mismatch@3"]);
    // The finding points at the date itself.
    let found = check(&signed("样例县市场监督管理局", "2021年1月20日"))
        .into_iter()
        .find(|d| d.rule == "signature-date-in-report-year")
        .unwrap();
    assert_eq!(&found.primary.span.len(), &"2021年1月20日".len());
}

#[test]
fn an_untitled_reports_period_is_outvoted_only_by_the_years_work() {
    // No title; the period names 2020, the year's work 2021, signed January 2022.
    let body = |period: &str, work: &str| {
        format!(
            "{period}\n\n一、总体情况\n{work}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息86条。\n\
{work}年，我局新建政策解读专栏，发布解读材料12篇。\n\n示例县统计局\n2022年1月20日\n"
        )
    };
    let report_year = |text: &str| {
        config()
            .check_source(SourceFile::new("test", text), &Options::default())
            .report_year
    };
    let stated = "本报告所列数据统计期限为2020年1月1日至12月31日。";
    let text = body(stated, "2021");
    assert_eq!(report_year(&text), Some(2021));
    assert_eq!(years(&text), ["year-period-mismatch@1"]);
    // A period its own check does not read (no 统计期限 before it) would go
    // unreported: it stands, and the statements are what disagree.
    let unread = body("报告中数据起止时间为2020年1月1日至12月31日。", "2021");
    assert_eq!(report_year(&unread), Some(2020));
    // Without the year's work, a signature and the report naming itself
    // (often left from last year's) do not outvote the period.
    let leftovers =
        body(stated, "2020").replace("2020年，", "本年度，") + "附件：示例县统计局2021年政府信息公开工作年度报告.doc\n";
    assert_eq!(report_year(&leftovers), Some(2020));
}

#[test]
fn a_title_and_the_report_naming_itself_both_wrong_are_outvoted_by_period_statements_and_signature() {
    // Title and `现将我局……年度报告公布如下` say 2020; the period, the year's
    // statements and the signature (2022年1月) say 2021: the two places are
    // wrong, not the eight the body and the tables make.
    let text = fixture("sections/clean-2021.txt")
        .replacen(
            "示例市生态环境局2021年政府信息公开工作年度报告",
            "示例市生态环境局2020年政府信息公开工作年度报告",
            1,
        )
        .replacen(
            "\n\n一、总体情况",
            "\n\n现将我局2020年度政府信息公开工作年度报告公布如下。本报告所列数据的统计期限为2021年1月1日至2021年12月31日。\n\n一、总体情况",
            1,
        );
    let rules = rules_above_info(&text);
    assert_eq!(rules, ["title-year-mismatch", "year-report-name-mismatch"]);
    // Without the signature's year among them, the title and its echo stand.
    let unsigned = text.replacen("2022年1月24日", "", 1);
    let rules: Vec<String> = check(&unsigned).into_iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"title-year-mismatch".to_string()), "{rules:?}");
}

#[test]
fn tables_of_an_edition_newer_than_the_bodys_year_keep_the_title() {
    // A 2021 report (tables of the 2021 edition) whose period, statements and
    // signature say 2020: the 2021 tables did not exist for 2020, so the body
    // is wrong, not the title (nor the tables' edition).
    let text = fixture("layouts/run-together-2021.txt");
    let title = "2021年政府信息公开工作年度报告";
    let end = text.find(title).unwrap() + title.len();
    let body = text[end..]
        .replace("2022年1月20日", "2021年1月20日")
        .replace("2021年1月1日至2021年12月31日", "2020年1月1日至2020年12月31日")
        .replace("2021年，", "2020年，");
    let body_2020 = format!("{}{body}", &text[..end]);
    let rules = rules_above_info(&body_2020);
    assert!(!rules.contains(&"title-year-mismatch".to_string()), "{rules:?}");
    assert!(!rules.contains(&"edition-mismatch".to_string()), "{rules:?}");
    assert!(rules.contains(&"year-period-mismatch".to_string()), "{rules:?}");
    assert!(rules.contains(&"year-statement-mismatch".to_string()), "{rules:?}");
}

#[test]
fn a_tables_caption_naming_last_year_is_a_leftover() {
    let text = fixture("sections/clean-2021.txt");
    let caption = |year: &str| {
        text.replacen(
            "（本列数据的勾稽关系为",
            &format!("{year}年度政府信息公开申请情况统计表\n（本列数据的勾稽关系为"),
            1,
        )
    };
    let at = line_of(&text, text.find("（本列数据的勾稽关系为").unwrap());
    assert_eq!(years(&caption("2021")), Vec::<String>::new());
    assert_eq!(years(&caption("2020")), [format!("year-statement-mismatch@{at}")]);
    // The table's own title, naming the year.
    let titled = text.replacen(
        "（本列数据的勾稽关系为",
        "2020年收到和处理政府信息公开申请情况统计表\n（本列数据的勾稽关系为",
        1,
    );
    assert_eq!(years(&titled), [format!("year-statement-mismatch@{at}")]);
}

#[test]
fn a_caption_between_a_tables_anchor_and_its_header_is_read_too() {
    // Inside the table's span, in no paragraph: after the anchor's line, and
    // run into the page between the anchor and `申请人情况`.
    let text = fixture("sections/clean-2021.txt");
    let anchor = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    let after_anchor = |year: &str| {
        edit(
            &text,
            anchor,
            &format!("{anchor}\n{year}年度政府信息公开申请情况统计表\n"),
        )
    };
    let at = line_of(&text, text.find(anchor).unwrap()) + 1;
    assert_eq!(years(&after_anchor("2021")), Vec::<String>::new());
    assert_eq!(years(&after_anchor("2020")), [format!("year-statement-mismatch@{at}")]);
    // A note there with a comma is no caption.
    let note = edit(&text, anchor, &format!("{anchor}\n2020年度数据，单位为件\n"));
    assert_eq!(years(&note), Vec::<String>::new());

    let flat = fixture("layouts/run-together-2021.txt");
    let anchor = "等于第三项加第四项之和）";
    let run_in = |year: &str| {
        edit(
            &flat,
            anchor,
            &format!("{anchor}{year}年度政府信息公开申请情况统计表　　"),
        )
    };
    assert_eq!(years(&run_in("2021")), Vec::<String>::new());
    let found = years(&run_in("2020"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("year-statement-mismatch@"), "{found:?}");
}

#[test]
fn plan_words_as_attributes_or_nouns_are_no_plan() {
    let text = fixture("sections/clean-2021.txt");
    for said in [
        "2021年，我局对拟制定的涉企政策均公开征求意见，共征集意见26条。",
        "2021年，我局落实决策预公开制度，对拟出台的政策文件公开征求意见。",
        "2021年，我局严格执行信息发布审核制度，拟发布信息均经三级审核。",
        "2021年，我局及时公开年度计划落实情况和重点项目进展。",
        "2021年，我局按照年度政务公开工作计划开展各项工作。",
    ] {
        assert_eq!(on_inserted_line(&text, "一、", said), Vec::<String>::new(), "{said}");
    }
    // A leftover year is a statement's, not a plan's for the next year.
    let stale = "2020年，我局对拟出台的规范性文件均进行了合法性审查。";
    assert_eq!(
        on_inserted_line(&text, "一、", stale),
        [format!("year-statement-mismatch@{}", inserted_line(&text, "一、"))]
    );
    // Next year's list of tasks is no leftover table.
    for caption in [
        "2022年度政务公开重点工作任务一览表",
        "2022年度政府信息公开重点工作任务安排一览表",
    ] {
        assert_eq!(
            on_inserted_line(&text, "五、", caption),
            Vec::<String>::new(),
            "{caption}"
        );
    }
    // The attribute or the plan followed may still be next year's plan.
    for plan in [
        "2022年，我局计划开展的重点工作主要有以下几个方面。",
        "2022年，我局按照年度计划将重点推进政务公开标准化建设。",
        "2022年，我局根据市政府工作计划推进政务公开。",
    ] {
        assert_eq!(on_inserted_line(&text, "五、", plan), Vec::<String>::new(), "{plan}");
    }
    let stale = "2021年，我局按照年度计划将重点推进政务公开标准化建设。";
    assert_eq!(
        on_inserted_line(&text, "五、", stale),
        [format!("year-plan-mismatch@{}", inserted_line(&text, "五、"))]
    );
}
