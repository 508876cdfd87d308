//! The report's title and the year it reports on.

use crate::format::DocumentPatterns;
use crate::label::{Numbering, is_space, numbering_prefix, parse_year};
// A year written before 年: `2020年`, `2020 年`, `２０２０年`, `二〇二〇年`.
use crate::model::{ReportYear, Title, YearSource};
use crate::parse::lines::{Line, LineKind};
use crate::source::{SourceFile, Span};
use crate::years::first_year;

/// Find the title among the first lines: the line that names the report, joined
/// with the pieces it was split into.
pub(crate) fn find_title(
    source: &SourceFile,
    lines: &[Line],
    first_heading: usize,
    patterns: &DocumentPatterns,
) -> Option<Title> {
    let text = source.text();
    // Not past the body's first paragraph (which may open with the title, run
    // in; a long line of a site's links or notes before the title is no body):
    // in a page scraped into one line (headings run into the text, no
    // heading line), lines after it are its links (`相关链接：` / `本机关2018年
    // 政府信息公开工作年度报告`).
    let body = |l: &Line| {
        let line = &text[l.span.range()];
        l.span.len() > 600 && line.contains('。') && (line.contains("一、") || line.contains("总体情况"))
    };
    let mut candidates: Vec<&Line> = Vec::new();
    for l in lines
        .iter()
        .filter(|l| l.span.start < first_heading && l.kind == LineKind::Text)
        .take(20)
    {
        candidates.push(l);
        if body(l) {
            break;
        }
    }
    let clean = |l: &Line| -> (Span, String) {
        let raw = &text[l.span.range()];
        let start = raw.len()
            - raw
                .trim_start_matches(|c: char| is_space(c) || c == '#' || c == '*')
                .len();
        let inner = raw[start..].trim_end_matches(|c: char| is_space(c) || c == '*');
        (
            Span::new(l.span.start + start, l.span.start + start + inner.len()),
            inner.to_string(),
        )
    };
    let usable: Vec<(usize, Span, String)> = candidates
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (s, t) = clean(l);
            (i, s, t)
        })
        .filter(|(_, _, t)| !t.is_empty() && !patterns.chrome.iter().any(|re| re.is_match(t)))
        // A section's heading run into its text (`六、其他需要报告的事项无……2020年1月20日`).
        .filter(|(_, _, t)| !matches!(numbering_prefix(t), Some((Numbering::Top(_), _))))
        .collect();

    // A metadata line `标题: …` names the title outright.
    for (_, span, t) in &usable {
        if let Some(c) = patterns.title_field.as_ref().and_then(|re| re.captures(t))
            && let Some(m) = c.name("title")
        {
            return Some(Title {
                text: m.as_str().trim().to_string(),
                spans: vec![Span::new(span.start + m.start(), span.start + m.end())],
            });
        }
    }

    let is_title_like = |t: &str| {
        let n = t.chars().count();
        n <= 60
            && !t.ends_with('。')
            && (t.contains("年度报告")
                || t.contains("年报")
                || t.contains("政府信息公开")
                || (first_year(t).is_some() && t.contains("报告")))
    };
    let short = |t: &str| t.chars().count() <= 24 && !t.contains(['。', '，', '；', '：']);
    let Some(pos) = usable
        .iter()
        .position(|(_, _, t)| is_title_like(t) || (first_year(t).is_some() && short(t) && t.contains("政府信息")))
    else {
        return run_on_title(&usable, patterns);
    };
    let (_, first_span, first_text) = &usable[pos];
    let mut spans = vec![*first_span];
    let mut joined = first_text.clone();
    // Pieces after it, until the title ends with 报告.
    let mut k = pos + 1;
    while !ends_title(&joined) && k < usable.len() && short(&usable[k].2) && k <= pos + 2 {
        joined.push_str(&usable[k].2);
        spans.push(usable[k].1);
        k += 1;
    }
    // The issuer on the line before (`淮安市洪泽区人民政府` / `2024年政府信息…`),
    // or the issuer and the year (`某市生态环境局2020年` / `政府信息公开…`).
    if pos > 0 {
        let (_, prev_span, prev_text) = &usable[pos - 1];
        let issuer = starts_with_year(first_text) && names_no_agency(first_text) && first_year(prev_text).is_none();
        // (An issuer before the year: a bare `2020年` is a page's list of years.)
        let issuer_and_year = first_year(first_text).is_none()
            && first_year(prev_text).is_some_and(|m| {
                prev_text[..m.start()].chars().filter(|c| !is_space(*c)).count() >= 2
                    && prev_text[m.nian_end..]
                        .trim_matches(|c: char| is_space(c) || c == '度')
                        .is_empty()
            });
        if short(prev_text) && (issuer || issuer_and_year) {
            joined = format!("{prev_text}{joined}");
            spans.insert(0, *prev_span);
        }
    }
    let text = joined.chars().filter(|c| !is_space(*c)).collect::<String>();
    Some(Title { text, spans })
}

/// A page scraped into one line starts with its title (`某局2021年…年度报告本报告根据…`):
/// taken only when no line of its own is a title, so that a long first
/// paragraph citing another report is not read as one.
fn run_on_title(usable: &[(usize, Span, String)], patterns: &DocumentPatterns) -> Option<Title> {
    for (_, span, t) in usable {
        // (A short line run on too: `某局2021年度……工作报告本报告依据《条例》编制。`.)
        if (t.chars().count() > 60 || t.ends_with('。'))
            && let Some(m) = patterns.run_on_title.as_ref().and_then(|re| re.find(t))
            && first_year(m.as_str()).is_some()
            // A sentence citing a notice about the reports is no title
            // (`本报告依据《……关于做好2021年政府信息公开工作年度报告……的通知》`).
            && !m.as_str().contains(['《', '》'])
            && !["本报告", "根据", "依据", "按照"].iter().any(|w| m.as_str().starts_with(w))
        {
            return Some(Title {
                text: m.as_str().chars().filter(|c| !is_space(*c)).collect(),
                spans: vec![Span::new(span.start, span.start + m.end())],
            });
        }
    }
    None
}

fn ends_title(t: &str) -> bool {
    let t = t.trim_end_matches(is_space);
    t.ends_with("报告") || t.ends_with("年报") || t.ends_with("）") || t.ends_with(')')
}

/// `2024年政府信息公开工作年度报告`: the year is followed by the kind of report,
/// not by who wrote it.
fn names_no_agency(t: &str) -> bool {
    let Some(m) = first_year(t) else { return true };
    let rest = t[m.nian_end..].trim_start_matches(|c: char| is_space(c) || c == '度');
    ["政府信息公开", "政务公开", "信息公开"]
        .iter()
        .any(|k| rest.starts_with(k))
}

fn starts_with_year(t: &str) -> bool {
    first_year(t).is_some_and(|m| m.start() == 0)
}

/// The first year written in the title.
pub(crate) fn title_year(source: &SourceFile, title: &Title) -> Option<ReportYear> {
    for span in &title.spans {
        let piece = source.slice(*span);
        if let Some(m) = first_year(piece) {
            if let Some(year) = parse_year(&piece[m.digits.clone()]) {
                return Some(ReportYear {
                    year,
                    span: Span::new(span.start + m.digits.start, span.start + m.digits.end),
                    source: YearSource::Title,
                });
            }
        }
    }
    None
}

/// The statistics period: `2020年1月1日至2020年12月31日`.
pub(crate) fn period_year(source: &SourceFile, patterns: &DocumentPatterns) -> Option<ReportYear> {
    let text = source.text();
    let head = &text[..floor(text, 20_000)];
    let c = patterns.period.as_ref()?.captures(head)?;
    let start = c.name("year")?;
    let mut m = start;
    // `自2018年1月1日起至2019年12月31日止`: one of the two is a typo, and the
    // report year is the one the text names more often (the end on a tie).
    if let Some(end) = c.name("end")
        && let (Some(a), Some(b)) = (parse_year(start.as_str()), parse_year(end.as_str()))
        && a != b
    {
        // In either width: a period in full-width digits, the text in ASCII.
        let count = |y: &str| {
            let ascii: String = y.chars().map(crate::label::to_halfwidth).collect();
            let full: String = ascii.chars().map(crate::label::to_fullwidth_digit).collect();
            text.matches(ascii.as_str()).count() + text.matches(full.as_str()).count()
        };
        if count(end.as_str()) >= count(start.as_str()) {
            m = end;
        }
    }
    Some(ReportYear {
        year: parse_year(m.as_str())?,
        span: Span::new(m.start(), m.end()),
        source: YearSource::Period,
    })
}

fn floor(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::classify_lines;

    fn patterns() -> &'static DocumentPatterns {
        static FORMAT: std::sync::OnceLock<crate::format::Format> = std::sync::OnceLock::new();
        &FORMAT.get_or_init(crate::config::builtin_format).document
    }

    fn title_of(text: &str) -> Option<(String, Option<i32>)> {
        let source = SourceFile::new("t", text);
        let lines = classify_lines(&source);
        let title = find_title(&source, &lines, text.len(), patterns())?;
        let year = title_year(&source, &title).map(|y| y.year);
        Some((title.text, year))
    }

    #[test]
    fn links_and_headings_after_the_body_of_an_untitled_page_are_no_title() {
        // A page scraped into one line, its title lost: the body's one line,
        // then the page's links.
        let body = format!(
            "一、总体情况　　2019年，我局认真贯彻落实《条例》。{}",
            "全年主动公开政府信息86条，均已按时发布。".repeat(12)
        );
        for after in [
            "上一篇：本机关2018年政府信息公开工作年度报告\n下一篇：本机关2019年法治政府建设情况报告\n",
            "相关链接：\n本机关2018年政府信息公开工作年度报告\n本机关2017年政府信息公开工作年度报告\n",
        ] {
            assert_eq!(title_of(&format!("\n{body}\n{after}")), None, "{after}");
        }
        // Its title run in at the start of that line is still read.
        let titled = format!(
            "示例县统计局2019年政府信息公开工作年度报告{body}\n相关链接：\n本机关2018年政府信息公开工作年度报告\n"
        );
        assert_eq!(title_of(&titled).and_then(|t| t.1), Some(2019));
        // A long line of a site's links and notes before the title is no body.
        let nav = format!(
            "{}本站所有信息仅供参考。\n",
            "首页 政务公开 政府信息公开年报 ".repeat(30)
        );
        let after_nav = format!("{nav}示例县统计局2019年政府信息公开工作年度报告\n{body}\n");
        assert_eq!(title_of(&after_nav).and_then(|t| t.1), Some(2019));
        // A link line alone, before any body.
        assert_eq!(title_of("上一篇：本机关2018年政府信息公开工作年度报告\n"), None);
        // A section's heading run into its text and the signature.
        assert_eq!(
            title_of("2019年，我局认真贯彻落实《条例》。\n六、其他需要报告的事项无示例县统计局2020年1月20日\n"),
            None
        );
    }

    #[test]
    fn title_split_over_lines() {
        let (t, y) = title_of("\n南沙区科学技术局2020年政府信息公开\n\n工作年度报告\n\n    2020年，我局……").unwrap();
        assert_eq!(t, "南沙区科学技术局2020年政府信息公开工作年度报告");
        assert_eq!(y, Some(2020));
    }

    #[test]
    fn title_with_spaces_and_attachment_line() {
        let (t, y) = title_of("附件1\n\n固原市科学技术局 2020 年政府信息\n\n公开工作年度报告\n").unwrap();
        assert_eq!(t, "固原市科学技术局2020年政府信息公开工作年度报告");
        assert_eq!(y, Some(2020));
    }

    #[test]
    fn a_long_first_paragraph_citing_a_report_is_not_the_title() {
        let (t, y) = title_of(
            "示例市水务局2021年政府信息公开工作年度报告\n\
             本报告依据《中华人民共和国政府信息公开条例》和《示例市人民政府办公室关于做好2021年政府信息公开工作年度报告编制发布工作的通知》要求编制。\n",
        )
        .unwrap();
        assert_eq!(t, "示例市水务局2021年政府信息公开工作年度报告");
        assert_eq!(y, Some(2021));
    }

    #[test]
    fn issuer_on_the_line_before() {
        let (t, y) = title_of("         淮安市洪泽区人民政府\n    2024 年政府信息公开工作年度报告\n").unwrap();
        assert_eq!(t, "淮安市洪泽区人民政府2024年政府信息公开工作年度报告");
        assert_eq!(y, Some(2024));
        // A title that names its agency takes nothing from the line before
        // (here a web page's banner).
        let (t, _) = title_of("示例区人民政府门户网站\n2020年南关区科技局政府信息公开工作年度报告\n").unwrap();
        assert_eq!(t, "2020年南关区科技局政府信息公开工作年度报告");
    }

    #[test]
    fn metadata_title_line() {
        let (t, y) = title_of("标题: 某区2021年度政府信息公开工作年度报告\n发布时间: 2022-02-08\n").unwrap();
        assert_eq!(t, "某区2021年度政府信息公开工作年度报告");
        assert_eq!(y, Some(2021));
    }

    #[test]
    fn markdown_title_and_chinese_year() {
        let (_, y) = title_of("# 某局二〇二二年政府信息公开工作年度报告\n").unwrap();
        assert_eq!(y, Some(2022));
    }

    #[test]
    fn title_at_the_start_of_a_run_on_line() {
        let line = format!(
            "某县水利局2021年政府信息公开工作年度报告本报告根据条例编制。{}",
            "一、总体情况".repeat(20)
        );
        let (t, y) = title_of(&line).unwrap();
        assert_eq!(t, "某县水利局2021年政府信息公开工作年度报告");
        assert_eq!(y, Some(2021));
    }

    #[test]
    fn period_fallback() {
        let source = SourceFile::new("t", "报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。");
        assert_eq!(period_year(&source, patterns()).unwrap().year, 2020);
        let source = SourceFile::new("t", "数据统计期限为2022年1月1日至12月31日。");
        assert_eq!(period_year(&source, patterns()).unwrap().year, 2022);
        // Two years, one a typo: the one the text names more often, in either width.
        let source = SourceFile::new(
            "t",
            "统计期限为２０２０年１月１日至２０２１年１２月３１日。2020年，我局推进公开。2020年，我局完善制度。",
        );
        assert_eq!(period_year(&source, patterns()).unwrap().year, 2020);
    }
}
