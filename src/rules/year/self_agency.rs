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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    opening: Vec<Spanned<String>>,
    #[serde(default)]
    compiled_by: Vec<Spanned<String>>,
}

/// How a government's own report is known: by its title's agency.
const GOVERNMENT: [&str; 3] = ["人民政府", "管理委员会", "管委会"];

/// Words that lead to the report's name and are not part of it.
const LEADS: [&str; 24] = [
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
];

/// Verbs of making the report, after the name of who made it.
const MAKERS: [&str; 6] = ["编制", "编写", "编撰", "撰写", "制作", "形成"];

/// How an agency's or a place's name ends.
const NAME_ENDINGS: [&str; 16] = [
    "厅",
    "局",
    "委员会",
    "人民政府",
    "管理委员会",
    "管委会",
    "办公室",
    "办公厅",
    "委",
    "办",
    "中心",
    "区",
    "县",
    "市",
    "省",
    "街道",
];

impl CheckType for SelfAgency {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "self-agency";
    const DOC: Doc = Doc {
        zh: "正文提到本报告的地方（与 self-name 的写法相同：发布语、附件名、正文开头重复的标题）写在年份前的机关名称与标题中的机关\
不是同一机关（一方按顺序包含另一方的字，如 市人社局 与 示例市人力资源和社会保障局，视为同一机关；我局、本机关、全市等不比较）。",
        en: "Where the text names the report itself (self-name's patterns: the release line, an attachment, the title \
repeated where the body opens), the agency written before the year is another than the title's (one holding the \
other's characters in order, 市人社局 and 示例市人力资源和社会保障局, is the same; 我局, 本机关, 全市 are not compared).",
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
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["name", "agency"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let compiled_by = cx.regexes(&p.compiled_by)?;
        for (re, spec) in compiled_by.iter().zip(&p.compiled_by) {
            if !re.has_group("name") {
                return Err(cx.error_at(spec, "this pattern has no named group `name`"));
            }
        }
        let names = SelfName::compiled(
            self_name::Params {
                patterns: p.patterns,
                opening: p.opening,
            },
            cx,
        )?;
        Ok(SelfAgency { names, compiled_by })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let (Some(agency), Some(title)) = (cx.doc.agency(), cx.doc.title.as_ref()) else {
            return;
        };
        let text = cx.doc.source.text();
        // A government's report is compiled by whichever office it chooses (a
        // 政务服务管理局): only another government is compared with it.
        let government = GOVERNMENT.iter().any(|g| agency.ends_with(g));
        let comparable = |name: &str| {
            let body = name.trim_end_matches("办公室").trim_end_matches("办公厅");
            !government || GOVERNMENT.iter().any(|g| body.ends_with(g))
        };
        let mut names: Vec<Span> = self
            .names
            .names(cx)
            .into_iter()
            .filter_map(|(year, _)| name_before(text, year.start))
            .collect();
        // Who compiled it, said before the first section.
        let opening_end = cx.doc.sections.first().map_or(0, |s| s.heading.start);
        for re in &self.compiled_by {
            for c in re.captures_iter(&text[..opening_end]) {
                if let Some(m) = c.name("name").filter(|m| is_a_name(m.as_str())) {
                    names.push(Span::new(m.start(), m.end()));
                }
            }
        }
        names.sort_by_key(|s| s.start);
        names.dedup();
        for name in names {
            let written = &text[name.start..name.end];
            if !comparable(written) || same_agency(written, &agency) {
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

/// The agency's name written right before the year at `year_start`: the
/// characters back to a space or a punctuation mark (at most 30), without the
/// words that lead to it; `None` when it is no name (我局, 全市, a verb).
fn name_before(text: &str, year_start: usize) -> Option<Span> {
    const LONGEST: usize = 30;
    let before = &text[..year_start];
    let end = before.trim_end_matches(is_space).len();
    let stop = |c: char| {
        is_space(c) || c.is_ascii_punctuation() || c.is_ascii_digit() || "，。；：、（）《》“”‘’【】！？·—".contains(c)
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
    let mut name = made_by.unwrap_or(chunk);
    while let Some(lead) = LEADS.iter().find(|lead| name.starts_with(*lead)) {
        name = &name[lead.len()..];
    }
    let end = match made_by {
        Some(m) => start + m.len(),
        None => end,
    };
    let start = end - name.len();
    is_a_name(name).then_some(Span::new(start, end))
}

/// Whether `name` reads as an agency's or a place's: not a pronoun (我局,
/// 全市), three characters or more, ending as names do.
pub(super) fn is_a_name(name: &str) -> bool {
    !name.starts_with(['我', '本', '全', '各', '该', '其'])
        && (3..=30).contains(&name.chars().count())
        && !name.contains(|c: char| is_space(c) || c.is_ascii_punctuation() || "，。、；：《》“”（）【】".contains(c))
        && NAME_ENDINGS.iter().any(|e| name.ends_with(e))
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
