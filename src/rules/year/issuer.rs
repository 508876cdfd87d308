//! The agency that signs the report is the one its title names: a signature
//! left from another body's report (copied as a model) names someone else.

use serde::Deserialize;
use toml::Spanned;

use super::{LAST_LINES, issuer_name_ending, nothing_else_to_report, signature};
use crate::diag::Finding;
use crate::label::is_space;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct Issuer {
    last_lines: usize,
    opening: Vec<Pattern>,
    subject: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    last_lines: usize,
    #[serde(default)]
    opening: Vec<Spanned<String>>,
    #[serde(default)]
    subject: Vec<Spanned<String>>,
}

impl CheckType for Issuer {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "issuer";
    const DOC: Doc = Doc {
        zh: "落款（落款日期前一行或同一行中、以厅、局、委员会、人民政府、办公室等结尾的名称）与标题中的机关名称是同一机关：\
一方是另一方的简称（按顺序含有其全部文字，如“市人社局”之于“示例市人力资源和社会保障局”）也算同一机关。\
人民政府、管委会的报告可由其部门或办公室落款，只在落款的机关写明了另一个地方时报告（“广州市南沙区科学技术局”之于“平潭综合实验区管理委员会”）。",
        en: "The issuer signing the report (a name ending in 厅, 局, 委员会, 人民政府, 办公室… on the line before the \
signature date, or on its line) is the agency the title names; one written as the other's short form (holding its \
characters in order: 市人社局 for 示例市人力资源和社会保障局) is the same agency. A report without a title is \
compared with the agency its opening names the report by (`opening`), else with the agency that section 一's \
first words say did the year's work (`subject`). A government's or a 管委会's report may be signed by one of \
its departments or its office: only a body that names another place is reported (广州市南沙区科学技术局 for \
平潭综合实验区管理委员会).",
    };
    const PARAMS: &'static [ParamDoc] = &[
        LAST_LINES,
        ParamDoc {
            name: "opening",
            doc: Doc {
                zh: "没有标题的报告，开头（第一个一级标题之前）提到本报告的写法（正则，命名组 name 为机关名称，如“发布示例市统计局2021年\
政府信息公开工作年度报告”），其中的机关代替标题中的机关与落款比较",
                en: "for a report without a title, how its opening (before the first section) names the report (regexes, \
named group `name` the agency: 发布示例市统计局2021年政府信息公开工作年度报告): that agency is compared with the signature \
instead of the title's",
            },
        },
        ParamDoc {
            name: "subject",
            doc: Doc {
                zh: "没有标题、开头也没有写明机关的报告，第一部分开头说本年工作的主语（正则，命名组 name 为机关名称，如“2021年，\
示例市统计局认真贯彻……”）；只在第一部分正文的前 200 个字里找，落款是人民政府或其办公室、管委会的不比较",
                en: "for a report without a title whose opening names no agency, the subject of the year's work where section \
一 starts (regexes, named group `name` the agency: 2021年，示例市统计局认真贯彻……); looked for in the first 200 \
characters of section 一's body only; a signature by a government, its office or a 管委会 is not compared",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["issuer", "agency", "where"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let opening = cx.regexes(&p.opening)?;
        let subject = cx.regexes(&p.subject)?;
        for (re, spec) in opening.iter().zip(&p.opening).chain(subject.iter().zip(&p.subject)) {
            if !re.has_group("name") {
                return Err(cx.error_at(spec, "this pattern has no named group `name`"));
            }
        }
        Ok(Issuer {
            last_lines: p.last_lines,
            opening,
            subject,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some((agency, named_at, named)) = self.agency(cx) else {
            return;
        };
        // A government's report is signed by whichever office compiles it
        // (its 办公室, a 政务服务管理办公室): only a department's is compared.
        let government = |name: &str| {
            let name = name.trim_end_matches("办公室").trim_end_matches("办公厅");
            name.ends_with("人民政府") || name.ends_with("管理委员会") || name.ends_with("管委会")
        };
        let government_report = government(&agency);
        let Some((date, _)) = signature(cx.doc, self.last_lines) else {
            return;
        };
        // The office that printed it (`……党政办公室 2023年1月9日印发`): no signature.
        if super::printed(&cx.doc.source.text()[date.end..]) {
            return;
        }
        let Some(issuer) = issuer_before(&cx.doc.source, date) else {
            return;
        };
        let name = cx.doc.text(issuer);
        // Who did the year's work may be a body the government's office signs
        // for, and is often named without the place (`省人社厅` for
        // `河北省人力资源社会保障厅`).
        let subject = named == Named::Subject;
        if government_report {
            // Its department or office may sign it, but not a body of
            // another place (`广州市南沙区科学技术局` for 平潭综合实验区管理委员会).
            if !of_another_place(name, &agency) {
                return;
            }
        } else if same_agency(name, &agency) || (subject && (government(name) || same_without_place(name, &agency))) {
            return;
        }
        let (label, place) = match named {
            Named::Title => (
                cx.tr("标题中的机关", "the agency in the title"),
                cx.tr("标题中", "title"),
            ),
            Named::Opening => (
                cx.tr("开头提到本报告时的机关", "the agency the opening names"),
                cx.tr("开头所写", "opening"),
            ),
            Named::Subject => (
                cx.tr(
                    "正文开头说本年工作的机关",
                    "the agency the body says did the year's work",
                ),
                cx.tr("正文开头所写", "body's opening"),
            ),
        };
        out.report(
            Finding::at(issuer, cx.tr("落款", "the signature"))
                .secondary(named_at, label)
                .arg("issuer", name.to_string())
                .arg("agency", agency.clone())
                .arg("where", place.to_string())
                .note(if government_report {
                    cx.tr(
                        "政府、管委会的报告可由其部门或办公室落款，但落款的机关属于另一个地方；多半是照搬别处的报告时留下的",
                        "a government's report may be signed by one of its departments or its office, but this body \
belongs to another place; usually left from a report copied as a model",
                    )
                } else if named == Named::Title {
                    cx.tr(
                        "落款与标题应为同一机关；落款多半是照搬别的机关的报告时留下的",
                        "the report is signed by the agency its title names; another name is usually left from a \
report copied as a model",
                    )
                } else {
                    cx.tr(
                        "报告没有标题；落款应与开头所写的机关为同一机关，落款多半是照搬别的机关的报告时留下的",
                        "the report has no title; it is signed by the agency its opening names, and another name is \
usually left from a report copied as a model",
                    )
                }),
        );
    }
}

/// Where the report's agency was read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Title,
    /// How the opening names the report (`发布河北省教育厅2021年……年度报告`).
    Opening,
    /// Who did the year's work, where section 一 starts (`2023年，省教育厅坚持……`).
    Subject,
}

/// How far into section 一's body its subject is looked for, in characters.
const SUBJECT_REACH: usize = 200;

impl Issuer {
    /// The report's agency, where it is named, and how: the title's; without
    /// a title, the agency the opening names the report by, else the one
    /// section 一 opens with as doing the year's work.
    fn agency(&self, cx: &Context<'_>) -> Option<(String, Span, Named)> {
        if let Some(title) = cx.doc.title.as_ref() {
            return Some((cx.doc.agency()?, title.span(), Named::Title));
        }
        let text = cx.doc.source.text();
        let named = |patterns: &[Pattern], from: usize, words: &str, how: Named| {
            patterns.iter().find_map(|re| {
                re.captures_iter(words).find_map(|c| {
                    let m = c.name("name")?;
                    let name = m.as_str();
                    // An office (`厅政务公开办公室`, `省政府办公厅`) speaks for another.
                    let office = how == Named::Subject && (name.ends_with("办公室") || name.ends_with("办公厅"));
                    (issuer_name_ending(name) == Some(name) && !name.starts_with(['我', '本']) && !office)
                        .then(|| (name.to_string(), Span::new(from + m.start(), from + m.end()), how))
                })
            })
        };
        let first = cx.doc.first_heading().unwrap_or(0);
        if let Some(found) = named(&self.opening, 0, &text[..first], Named::Opening) {
            return Some(found);
        }
        let overview_key = cx.format.sections.first().map(|d| d.key.as_str());
        let overview = cx
            .doc
            .sections
            .first()
            .filter(|m| Some(m.key.as_str()) == overview_key)?;
        let body = cx.doc.text(overview.body());
        let reach = body.char_indices().nth(SUBJECT_REACH).map_or(body.len(), |(i, _)| i);
        named(&self.subject, overview.body().start, &body[..reach], Named::Subject)
    }
}

/// The issuer's name signing before the date at `date`: on its line before it,
/// or on the line above.
fn issuer_before(source: &crate::source::SourceFile, date: Span) -> Option<Span> {
    let text = source.text();
    let line = source.line_index(date.start);
    let range = source.line_content_range(line);
    let before = text[range.start..date.start].trim_end_matches(is_space);
    let (start, candidate) = if before.trim_start_matches(is_space).is_empty() {
        let above = (0..line)
            .rev()
            .find(|&i| !source.line(i).trim_matches(is_space).is_empty())?;
        let range = source.line_content_range(above);
        (range.start, &text[range])
    } else {
        (range.start, before)
    };
    let trimmed = super::without_seal(candidate);
    let name = issuer_name_ending(trimmed)?;
    // The name opens its line or follows a sentence (a page scraped into one
    // line: `……信息处理费。示例市生态环境局2022年1月20日`), and is short.
    let lead = &trimmed[..trimmed.len() - name.len()];
    // A scraped page's link label before it (`报告下载：示例市生态环境局2023年1月28日`) too.
    let opens = lead.ends_with(|c: char| is_space(c) || matches!(c, '。' | '；' | '！' | '）' | ')'))
        || lead.trim_start_matches(is_space).is_empty()
        || nothing_else_to_report(lead)
        || super::download_label(lead);
    // Two bodies signing together (`示例市教育局　示例市财政局`) are not compared.
    if !opens
        || name.chars().count() > 40
        || lead
            .trim_end_matches(is_space)
            .ends_with(['局', '厅', '委', '会', '府', '室'])
    {
        return None;
    }
    let at = start + lead.len();
    Some(Span::new(at, at + name.len()))
}

/// The characters a place's name ends with (`河北省`, `南沙区`).
const PLACE_ENDS: [char; 6] = ['省', '市', '县', '区', '州', '旗'];

/// Zones named by their kind, not their place (`高新区`, `经开区`).
const GENERIC_ZONES: &[&str] = &[
    "高新",
    "经开",
    "开发",
    "经济开发",
    "高新技术开发",
    "工业园",
    "保税",
    "综保",
    "自贸",
    "新",
];

/// The places a name starts with (`广州市南沙区科学技术局`: 广州, 南沙), each of
/// two characters or more before its 省, 市, 县, 区, 州 or 旗, at most two.
pub(super) fn leading_places(name: &str) -> Vec<&str> {
    let mut places = Vec::new();
    let mut rest = name.trim_start_matches(is_space);
    // `市城市管理局`, `县政府办公室`: the place's own body, its name left out.
    if rest.starts_with(PLACE_ENDS) {
        return places;
    }
    while places.len() < 2 {
        // A place's name is two characters or more (`广州市`, not `广`+`州`).
        let Some((at, c)) = rest
            .char_indices()
            .skip(2)
            .take(6)
            .find(|(_, c)| PLACE_ENDS.contains(c))
        else {
            break;
        };
        let place = &rest[..at];
        let after = &rest[at + c.len_utf8()..];
        // A zone named by its kind alone (`高新区管委会`) is the place's own.
        if after.chars().count() < 3 || GENERIC_ZONES.contains(&place) {
            break;
        }
        places.push(place);
        rest = after;
    }
    places
}

/// Whether a body signing a government's report names a place, and neither
/// names the other's, even shortened (`科右前旗` for 科尔沁右翼前旗, `示例经开区`
/// for 示例经济开发区): another place's body (`泗洪县教育局` or `泗洪县人民政府`
/// for 沭阳县人民政府).
fn of_another_place(name: &str, government: &str) -> bool {
    let theirs = leading_places(name);
    let ours = leading_places(government);
    !theirs.is_empty()
        && !ours.is_empty()
        && !theirs.iter().any(|p| same_agency(p, government))
        && !ours.iter().any(|p| same_agency(p, name))
}

/// Whether two names are the same agency once the places they start with
/// and the 和 between words are left out (`省人力资源和社会保障厅` and
/// `河北省人力资源社会保障厅`, `市人力资源和社会保障局` and `石家庄市人社局`).
fn same_without_place(a: &str, b: &str) -> bool {
    let core = |s: &str| -> String {
        let s: String = s.chars().filter(|&c| !is_space(c) && c != '和').collect();
        // Up to two levels of place (`河北省石家庄市`), each a few characters long.
        let mut rest = s.as_str();
        for _ in 0..2 {
            let place = rest
                .char_indices()
                .take(8)
                .find(|(_, c)| PLACE_ENDS.contains(c))
                .map(|(i, c)| i + c.len_utf8());
            match place {
                Some(at) if rest[at..].chars().count() >= 3 => rest = &rest[at..],
                _ => break,
            }
        }
        rest.to_string()
    };
    same_agency(&core(a), &core(b))
}

/// Whether two names are the same agency: one holds the other's characters
/// in order (`市人社局` in `示例市人力资源和社会保障局`, `示例市人民政府` in
/// `示例市人民政府办公室`).
pub(super) fn same_agency(a: &str, b: &str) -> bool {
    // The office that signs for its body (`长安区人民政府办公室`) is the body.
    let body = |s: &str| -> Vec<char> {
        let s = s.trim_end_matches("办公室").trim_end_matches("办公厅");
        s.chars().filter(|c| !is_space(*c)).collect()
    };
    let (a, b) = (body(a), body(b));
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
}

#[cfg(test)]
mod tests {
    use super::{of_another_place, same_agency, same_without_place};

    #[test]
    fn a_body_of_another_place_is_not_a_governments() {
        assert!(of_another_place("广州市南沙区科学技术局", "平潭综合实验区管理委员会"));
        assert!(of_another_place("泗洪县教育局", "沭阳县人民政府"));
        assert!(!of_another_place(
            "平潭综合实验区经济发展局",
            "平潭综合实验区管理委员会"
        ));
        assert!(!of_another_place("宿迁市沭阳县发展和改革委员会", "沭阳县人民政府"));
        assert!(!of_another_place("县政务服务管理办公室", "沭阳县人民政府"));
        assert!(!of_another_place("沭阳县政务服务管理办公室", "沭阳县人民政府"));
        assert!(of_another_place("泗洪县人民政府", "沭阳县人民政府"));
        // The place's own bodies, its name left out or shortened.
        assert!(!of_another_place("市城市管理局", "示例市人民政府"));
        assert!(!of_another_place("高新区管委会", "示例市人民政府"));
        assert!(!of_another_place("县城市管理局", "示例县人民政府"));
        assert!(!of_another_place("科右前旗政务服务局", "科尔沁右翼前旗人民政府"));
        assert!(!of_another_place("示例经开区财政局", "示例经济开发区管理委员会"));
        assert!(!of_another_place("平潭实验区经济发展局", "平潭综合实验区管理委员会"));
        assert!(!of_another_place("苏州园区经济发展委员会", "苏州工业园区管理委员会"));
        assert!(!of_another_place(
            "苏州工业园区经济发展委员会",
            "苏州工业园区管理委员会"
        ));
    }

    #[test]
    fn without_their_places_spellings_of_one_agency_are_the_same() {
        assert!(same_without_place("省人力资源和社会保障厅", "河北省人力资源社会保障厅"));
        assert!(same_without_place("市人力资源和社会保障局", "石家庄市人社局"));
        assert!(same_without_place("县市场监督管理局", "示例县市场监管局"));
        assert!(!same_without_place("省教育厅", "上海市科学技术委员会"));
        assert!(!same_without_place("示例市测绘局", "示例市交通运输局"));
    }

    #[test]
    fn short_forms_are_the_same_agency_other_bodies_are_not() {
        assert!(same_agency("示例市人力资源和社会保障局", "市人社局"));
        assert!(same_agency("上海市科学技术委员会", "上海市科委"));
        assert!(same_agency("示例市人民政府", "示例市人民政府办公室"));
        assert!(same_agency("示例县教育局", "示例县教育体育局"));
        assert!(same_agency("示例市教育局", "示例市教育局办公室"));
        assert!(!same_agency("示例市生态环境局", "示例市交通运输局"));
        assert!(!same_agency("示例市生态环境局", "样本市生态环境局"));
    }
}
