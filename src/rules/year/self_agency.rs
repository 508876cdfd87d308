//! Where the report names itself (`现将示例市统计局2021年……年度报告公布如下`,
//! the title again where a scraped page's body opens), the agency is the one
//! the title names: another is a title or an opening copied from another
//! agency's report.

use serde::Deserialize;
use toml::Spanned;

use super::issuer::same_agency;
use super::self_name::{self, SelfName};
use crate::diag::Finding;
use crate::label::is_space;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct SelfAgency {
    names: SelfName,
    compiled_by: Vec<Pattern>,
    subject: Option<Subject>,
}

/// Who did the year's work, where a section's body opens.
struct Subject {
    section: String,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectParams {
    section: Spanned<String>,
    patterns: Vec<Spanned<String>>,
}

/// How far into a section's body its opening sentence is looked for, in bytes.
const SUBJECT_REACH: usize = 240;

/// Words that open a clause about who led or guided the work, not a subject.
const SUBJECT_LEADS: [&str; 12] = [
    "在", "由", "按照", "根据", "依据", "围绕", "通过", "随着", "对照", "面对", "结合", "经过",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    opening: Vec<Spanned<String>>,
    #[serde(default)]
    compiled_by: Vec<Spanned<String>>,
    #[serde(default)]
    subject: Option<SubjectParams>,
}

/// Words that lead to the report's name and are not part of it: the name
/// starts after the last of them (`要求现将`, `由`, a breadcrumb's `……年报`).
const LEADS: [&str; 30] = [
    "现将",
    "现予",
    "现就",
    "特将",
    "现向社会公开",
    "现向社会公布",
    "现向社会发布",
    "现公布",
    "特此公布",
    "予以公布",
    "现发布",
    "现印发",
    "编制",
    "编写",
    "编撰",
    "撰写",
    "制作",
    "形成",
    "发布",
    "公布",
    "完成",
    "了",
    "附件下载",
    "附件",
    "由",
    "要求",
    "规定",
    "部署",
    "关于",
    "通过",
];

/// Words before a name in a breadcrumb or a clause, cut the same way.
const CUTS: [&str; 4] = ["指导下", "领导下", "年报", "首页"];

/// Verbs of making the report, after the name of who made it.
const MAKERS: [&str; 6] = ["编制", "编写", "编撰", "撰写", "制作", "形成"];

/// How a name ends besides as an issuer's ([`super::ISSUER_ENDINGS`]): a
/// short form, a unit, a place.
const MORE_ENDINGS: [&str; 13] = [
    "委",
    "办",
    "中心",
    "区",
    "县",
    "市",
    "省",
    "街道",
    "办事处",
    "乡",
    "镇",
    "旗",
    "州",
];

/// Whether `name` ends as an agency's or a place's name does.
fn ends_as_a_name(name: &str) -> bool {
    super::ISSUER_ENDINGS
        .iter()
        .chain(&MORE_ENDINGS)
        .any(|e| name.ends_with(e))
}

impl CheckType for SelfAgency {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "self-agency";
    const DOC: Doc = Doc {
        zh: "正文提到本报告的地方（与 self-name 的写法相同：发布语、附件名、正文开头重复的标题，以及 compiled-by：开头的“本报告由……编制”\
“如对本报告有任何疑问，请与……联系”）写在年份前（或编制、联系）的机关名称与标题中的机关不是同一机关。\
开头所写的编制、联系机关，对部门的报告不比较政府及其办公室、政务公开办、政务服务中心、热线和不带地名的科室，\
机关本身的简称、全称或一两个字的笔误（与/和）视为同一机关。简称（市人社局、市人防办）、机关的办公室或下属单位（市教育局信息中心）、\
字序不同的同一名称视为同一机关；我局、全市、原……、相关链接中的名称不比较；本级政府（或只写地名）的报告只与同级政府比较地名。",
        en: "Where the text names the report itself (self-name's patterns: the release line, an attachment, the title \
repeated where the body opens; and compiled-by: the opening's 本报告由……编制 and 如对本报告有任何疑问，请与……联系), the \
agency written before the year (or as compiler or contact) is another than the title's. Of an opening's compiler or \
contact, a department's report does not compare a government or its office, 政务公开办, a service centre, a hotline or \
a unit named without its place, and the body's short or full name or a slip of a character or two (与 for 和) is the \
same body. Short forms (市人社局, 市人防办), the body's office or units (市教育局信息中心) and the same words in \
another order are the same agency; 我局, 全市, 原…… and names in related links are not compared; a government's \
report (or one titled by its place) is compared only with a government of its level, by place.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        <SelfName as CheckType>::PARAMS[0],
        <SelfName as CheckType>::PARAMS[1],
        ParamDoc {
            name: "compiled-by",
            doc: Doc {
                zh: "报告说明由谁编制的写法（正则，命名组 name 为机关名称，如“本报告由……编制”）",
                en: "how the report says who compiled it (regexes, named group `name` the agency: 本报告由……编制)",
            },
        },
        ParamDoc {
            name: "subject",
            doc: Doc {
                zh: "一节正文开头的第一句由谁做了这一年的工作：section 为该节，patterns 为正则（命名组 name 为机关名称，\
从正文开头匹配，如“2021年，示例市统计局坚持……”）；与 compiled-by 一样比较",
                en: "who did the year's work, in the opening sentence of a section's body: `section` the section, \
`patterns` regexes matched from where its body starts (named group `name` the agency: 2021年，示例市统计局坚持……); \
compared as compiled-by's names are",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["name", "agency"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let named = |specs: &[Spanned<String>]| -> Result<Vec<Pattern>, RuleFileError> {
            let patterns = cx.regexes(specs)?;
            for (re, spec) in patterns.iter().zip(specs) {
                if !re.has_group("name") {
                    return Err(cx.error_at(spec, "this pattern has no named group `name`"));
                }
            }
            Ok(patterns)
        };
        let compiled_by = named(&p.compiled_by)?;
        let subject = match p.subject {
            Some(sp) => Some(Subject {
                section: cx.section_key(&sp.section)?,
                patterns: named(&sp.patterns)?,
            }),
            None => None,
        };
        let names = SelfName::compiled(
            self_name::Params {
                patterns: p.patterns,
                opening: p.opening,
            },
            cx,
        )?;
        Ok(SelfAgency {
            names,
            compiled_by,
            subject,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let (Some(agency), Some(title)) = (cx.doc.agency(), cx.doc.title.as_ref()) else {
            return;
        };
        // A title whose agency is on another line (`2023年年度报告` under the name).
        if !ends_as_a_name(&agency) {
            return;
        }
        let text = cx.doc.source.text();
        // A government's report is compiled by whichever office it chooses (a
        // 政务服务管理局) and names its towns' reports: only a government of
        // its own level is compared with it.
        let level = government_level(&agency);
        let comparable =
            |name: &str| level.is_none() || government_level(name).map(|(_, l)| tier(l)) == level.map(|(_, l)| tier(l));
        // Two governments are the same when their places are.
        let same = |name: &str| match (level, government_level(name)) {
            (Some((title_place, _)), Some((place, _))) => same_body(place, title_place),
            _ => same_body(name, &agency),
        };
        let mut names: Vec<Span> = self
            .names
            .names(cx)
            .iter()
            .filter_map(|(year, _)| name_before(text, year.start))
            .collect();
        // Who compiled it, or whom to ask, said before the first section. A
        // body's report may send readers to its government's office (which
        // may gather them all): a government is not compared with a body.
        let opening_end = cx.doc.first_heading().unwrap_or(0);
        let another_body = |name: &str| {
            is_a_name(name) && (level.is_some() || !names_a_government_office(name) && !named_alike(name, &agency))
        };
        for re in &self.compiled_by {
            for c in re.captures_iter(&text[..opening_end]) {
                if let Some(m) = c.name("name").filter(|m| another_body(m.as_str())) {
                    names.push(Span::new(m.start(), m.end()));
                }
            }
        }
        // Who did the year's work, as the section's body opens: the title's
        // agency, or one left from a report copied as a model.
        if let Some(subject) = &self.subject
            && let Some(section) = cx.doc.section(&subject.section)
        {
            let body = section.body();
            let end = cx
                .doc
                .source
                .floor_char_boundary((body.start + SUBJECT_REACH).min(body.end));
            let opening = &text[body.start..end];
            let opening = &opening[..opening.find('。').unwrap_or(opening.len())];
            for re in &subject.patterns {
                // `在……的指导下`, `按照……`: who guided the work, not who did it.
                let guided = |name: &str| SUBJECT_LEADS.iter().any(|w| name.starts_with(w));
                if let Some(m) = re
                    .captures(opening)
                    .and_then(|c| c.name("name"))
                    .filter(|m| !guided(m.as_str()) && another_body(m.as_str()))
                {
                    names.push(Span::new(body.start + m.start(), body.start + m.end()));
                }
            }
        }
        names.sort_by_key(|s| s.start);
        names.dedup();
        for name in names {
            let written = &text[name.start..name.end];
            if !comparable(written)
                || same(written)
                || after_links(text, name.start)
                || beside(text, name.start, &agency)
            {
                continue;
            }
            out.report(
                Finding::at(name, cx.tr("提到本报告时的机关", "the agency naming this report"))
                    .secondary(title.span(), cx.tr("标题中的机关", "the agency in the title"))
                    .arg("name", written.to_string())
                    .arg("agency", agency.clone())
                    .note(cx.tr(
                        "这里提到的是本报告，机关应与标题一致；不一致多半是照搬了别的机关的报告，或标题写错了机关",
                        "this names the report itself, so the agency is the title's; another is usually left from a \
report copied as a model, or the title names the wrong agency",
                    )),
            );
        }
    }
}

/// How a place's name ends: a government's report is titled by its place or
/// its government.
const PLACES: [char; 9] = ['省', '市', '县', '区', '乡', '镇', '旗', '州', '道'];

/// A government's place and level (`示例县人民政府`, `示例县人民政府办公室`,
/// `示例县`, `示例街道办事处`, `示例开发区党工委管委会`): the place, and its last
/// character; `None` for a department.
fn government_level(name: &str) -> Option<(&str, char)> {
    let mut s = name
        .trim_end_matches("办公室")
        .trim_end_matches("办公厅")
        .trim_end_matches("办事处");
    for g in ["人民政府", "管理委员会", "管委会", "党工委", "工作委员会"] {
        s = s.trim_end_matches(g);
    }
    s.chars().last().filter(|c| PLACES.contains(c)).map(|c| (s, c))
}

/// A government's tier by its place's last character: a county's and a
/// district's (县, 区, 旗) are alike, as are a city's and a prefecture's.
fn tier(place: char) -> u8 {
    match place {
        '省' => 0,
        '市' | '州' => 1,
        '县' | '区' | '旗' => 2,
        _ => 3,
    }
}

/// Whether an opening's name is its government's office or a service of the
/// whole government (`区政府办`, `市政府办公厅`, `省政务公开办`, `政务服务中心`,
/// `12345市民服务热线`), which a body's report may send readers to; or a unit
/// named without its place (`信息中心`, `综合办`): only a name with its place
/// is another body's.
fn names_a_government_office(name: &str) -> bool {
    government_level(name).is_some()
        || ["政府", "政务", "热线", "大数据"].iter().any(|w| name.contains(w))
        || name.contains(|c: char| c.is_ascii_digit())
        || !name.contains(PLACES)
}

/// Whether an opening's name is the title's agency written otherwise: its
/// body's words, past the place, a short form of the other's (`区科学技术局`
/// and `南关区科技局`, `市科学技术委员会` and `上海市科委`), or the names all but
/// the same, past the place or whole (`与` for `和`, `试验区` for `实验区`: a
/// slip, not another body).
fn named_alike(name: &str, agency: &str) -> bool {
    // (place, body): the name split after its last place character.
    let split = |s: &str| -> (Vec<char>, Vec<char>) {
        let s = s.trim_end_matches("办公室").trim_end_matches("办公厅");
        let from = s
            .rfind(PLACES)
            .map_or(0, |i| i + s[i..].chars().next().map_or(0, char::len_utf8));
        (s[..from].chars().collect(), s[from..].chars().collect())
    };
    let in_order = |short: &[char], long: &[char]| {
        let mut rest = long.iter();
        !short.is_empty() && short.iter().all(|c| rest.any(|l| l == c))
    };
    let ((pa, a), (pb, b)) = (split(name), split(agency));
    let alike = |x: &[char], y: &[char]| crate::label::similarity_chars(x, y) >= 0.8;
    // Two places each written out and unlike (`青原县` in a `南屏省` body's
    // report): another body of the same kind, left from a model report. A
    // place in part (`区`, `云溪市` of `南屏省云溪市`) or by a slip
    // (`试验区` for `实验区`) is the same place.
    let elsewhere = pa.len() >= 2
        && pb.len() >= 2
        && !in_order(&pa, &pb)
        && !in_order(&pb, &pa)
        && crate::label::similarity_chars(&pa, &pb) < 0.6;
    if elsewhere {
        return false;
    }
    let (na, nb): (Vec<char>, Vec<char>) = (name.chars().collect(), agency.chars().collect());
    in_order(&a, &b) || in_order(&b, &a) || alike(&a, &b) || alike(&na, &nb)
}

/// The words before `at` on its line, at most the last 90 bytes of them.
fn line_before(text: &str, at: usize) -> &str {
    const LOOK_BACK: usize = 90;
    let mut from = at.saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    &before[before.rfind(['\n', '\r']).map_or(0, |i| i + 1)..]
}

/// Whether the title's agency is written right before a name on its line: two
/// bodies publishing one report (`示例市教育局 示例市语言文字工作委员会`).
fn beside(text: &str, at: usize, agency: &str) -> bool {
    let squeezed: String = line_before(text, at).chars().filter(|c| !is_space(*c)).collect();
    squeezed.ends_with(agency)
}

/// Whether a name written in the text is the title's agency: a short form
/// (`市人防办` for `示例市人民防空办公室`), the body with its office, or one
/// of its units (`市教育局信息中心`).
fn same_body(written: &str, agency: &str) -> bool {
    let core = |s: &str| -> String {
        let s: String = s.chars().filter(|c| !is_space(*c)).collect();
        let mut s = s.trim_start_matches("中共").to_string();
        for suffix in ["办公室", "办公厅", "办事处", "办"] {
            if let Some(rest) = s.strip_suffix(suffix)
                && rest.chars().count() >= 2
            {
                s = rest.to_string();
            }
        }
        s
    };
    let (a, b) = (core(written), core(agency));
    // One holding the other's characters, in order or not (`市规划和自然资源局`,
    // `示例县生态环境局` for `示例市生态环境局示例县分局`).
    let within = |short: &str, long: &str| short.chars().all(|c| long.contains(c));
    if same_agency(&a, &b) || within(&a, &b) || within(&b, &a) {
        return true;
    }
    // A unit of the body: the name up to a kind of agency is the body.
    let kinds = ['局', '厅', '委', '会', '府', '院'];
    let unit_of = |unit: &str, body: &str| {
        unit.char_indices()
            .filter(|&(_, c)| kinds.contains(&c))
            .any(|(i, c)| same_agency(&unit[..i + c.len_utf8()], body))
    };
    unit_of(&a, &b) || unit_of(&b, &a)
}

/// Whether a name follows a list of links on its line (`相关链接：`, `上一篇：`):
/// another report, not this one.
fn after_links(text: &str, at: usize) -> bool {
    let line = line_before(text, at);
    ["相关", "链接", "上一篇", "下一篇", "阅读", "推荐"]
        .iter()
        .any(|w| line.contains(w))
}

/// The agency's name written right before the year at `year_start`: the
/// characters back to a space or a punctuation mark (at most 30), after the
/// last word leading to it (`要求现将`, `由`); `None` when it is no name (我局,
/// 全市, 原……, a verb).
fn name_before(text: &str, year_start: usize) -> Option<Span> {
    const LONGEST: usize = 30;
    let before = &text[..year_start];
    let end = before.trim_end_matches(is_space).len();
    let stop = |c: char| {
        is_space(c)
            || c.is_ascii_punctuation()
            || c.is_ascii_digit()
            || "，。；：、（）《》“”‘’【】！？·—＞»→｜".contains(c)
    };
    let mut start = end;
    for (count, (i, c)) in before[..end].char_indices().rev().enumerate() {
        if stop(c) || count == LONGEST {
            break;
        }
        start = i;
    }
    let chunk = &before[start..end];
    // `市科委编制了2024年度……报告`: the name is before the verb.
    let made_by = MAKERS
        .iter()
        .find_map(|m| chunk.find(m).filter(|&at| at > 0))
        .map(|at| &chunk[..at]);
    let name = made_by.unwrap_or(chunk);
    let cut = LEADS
        .iter()
        .chain(&CUTS)
        .filter_map(|w| name.rfind(w).map(|at| at + w.len()))
        .max()
        .unwrap_or(0);
    let name = &name[cut..];
    let end = match made_by {
        Some(m) => start + m.len(),
        None => end,
    };
    let start = end - name.len();
    (is_a_name(name) && !name.starts_with('原')).then_some(Span::new(start, end))
}

/// Whether `name` reads as an agency's or a place's: not a pronoun (我局,
/// 全市), three characters or more, ending as names do.
pub(super) fn is_a_name(name: &str) -> bool {
    !name.starts_with(['我', '本', '全', '各', '该', '其'])
        && (3..=30).contains(&name.chars().count())
        && !name.contains(|c: char| is_space(c) || c.is_ascii_punctuation() || "，。、；：《》“”（）【】".contains(c))
        && ends_as_a_name(name)
}

#[cfg(test)]
mod tests {
    use super::name_before;

    fn name(text: &str) -> Option<&str> {
        let at = text.find("2021").unwrap();
        name_before(text, at).map(|s| &text[s.start..s.end])
    }

    #[test]
    fn the_name_before_the_year() {
        assert_eq!(
            name("现将示例市统计局2021年政府信息公开工作年度报告公布如下"),
            Some("示例市统计局")
        );
        assert_eq!(
            name("首页 示例市统计局 2021年政府信息公开工作年度报告 来源："),
            Some("示例市统计局")
        );
        assert_eq!(
            name("现将平潭综合实验区2021年度政府信息公开工作年度报告"),
            Some("平潭综合实验区")
        );
        assert_eq!(
            name("编制了示例县人民政府2021年政府信息公开工作年度报告"),
            Some("示例县人民政府")
        );
        // Not names: a pronoun, the whole area, a verb alone.
        assert_eq!(name("现将我局2021年政府信息公开工作年度报告公布如下"), None);
        assert_eq!(name("现将全市2021年政府信息公开工作年度报告"), None);
        assert_eq!(name("现将2021年政府信息公开工作年度报告"), None);
        assert_eq!(name("根据要求，编写2021年度报告"), None);
        // The maker before its verb.
        assert_eq!(name("要求，市科委编制了 2021 年度政务公开工作年度报告"), Some("市科委"));
        assert_eq!(name("结合我局实际，编制2021年政府信息公开工作年度报告"), None);
    }
}
