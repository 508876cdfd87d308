//! A signature date past the legal deadline.

use serde::Deserialize;
use toml::Spanned;

use super::{LAST_LINES, agency, issuer_ending_at, signature};
use crate::diag::Finding;
use crate::pattern::Pattern;
use crate::rulefile::RuleFileError;
use crate::rules::year::calendar::is_calendar_day;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};

pub struct Deadline {
    last_lines: usize,
    government: Vec<Pattern>,
    department_deadline: (u32, u32),
    government_deadline: (u32, u32),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    last_lines: usize,
    government: Vec<Spanned<String>>,
    department_deadline: Spanned<String>,
    government_deadline: Spanned<String>,
}

impl CheckType for Deadline {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "deadline";
    const DOC: Doc = Doc {
        zh: "落款日期在报告年度的次年，但晚于公布期限：政府部门与本级人民政府的期限不同，按标题中的发布机关名称区分。",
        en: "The signature date is in the year after the report year but past the deadline, which differs for a \
department and for a government's own report (told apart by the issuer's name in the title).",
    };
    const PARAMS: &'static [ParamDoc] = &[
        LAST_LINES,
        ParamDoc {
            name: "government",
            doc: Doc {
                zh: "本级人民政府的发布机关名称（正则，如 人民政府$）",
                en: "issuer names of a government's own report (regexes: 人民政府$)",
            },
        },
        ParamDoc {
            name: "department-deadline",
            doc: Doc {
                zh: "政府部门的期限（月-日）",
                en: "a department's deadline (month-day)",
            },
        },
        ParamDoc {
            name: "government-deadline",
            doc: Doc {
                zh: "本级人民政府的期限（月-日）",
                en: "a government's deadline (month-day)",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["date", "report_year", "deadline"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let deadline = |d: &Spanned<String>| -> Result<(u32, u32), RuleFileError> {
            d.get_ref()
                .split_once('-')
                .and_then(|(m, day)| Some((m.parse::<u32>().ok()?, day.parse::<u32>().ok()?)))
                .filter(|&(m, day)| (1..=12).contains(&m) && (1..=31).contains(&day))
                .ok_or_else(|| cx.error_at(d, "a deadline is written month-day, e.g. \"01-31\""))
        };
        Ok(Deadline {
            last_lines: p.last_lines,
            government: cx.regexes(&p.government)?,
            department_deadline: deadline(&p.department_deadline)?,
            government_deadline: deadline(&p.government_deadline)?,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(report) = cx.doc.report_year else { return };
        let y = report.year;
        let Some((span, (year, month, day))) = signature(cx.doc, self.last_lines) else {
            return;
        };
        // Within the report year is the signature check's; any later year is
        // late. A day on no calendar is date-invalid's: no deadline is measured.
        if year <= y || !is_calendar_day(Some(year), month, day) {
            return;
        }
        let issuer = agency(cx.doc)
            .or_else(|| issuer_ending_at(cx.doc.source.text(), span.start).map(str::to_string))
            .unwrap_or_default();
        let government = self.government.iter().any(|re| re.is_match(&issuer));
        let (dm, dd) = if government {
            self.government_deadline
        } else {
            self.department_deadline
        };
        if year == y + 1 && (month, day) <= (dm, dd) {
            return;
        }
        let deadline = format!("{}年{dm}月{dd}日", y + 1);
        let who = if government {
            cx.tr("县级以上人民政府的年度报告", "a government's own report")
        } else {
            cx.tr("政府部门的年度报告", "a department's report")
        };
        let mut finding = Finding::at(span, cx.tr("晚于法定期限", "past the deadline"))
            .arg("date", format!("{year}年{month}月{day}日"))
            .arg("report_year", y.to_string())
            .arg("deadline", deadline.clone())
            .note(cx.tr(
                &format!("{who}应于 {deadline} 前公布（《条例》第五十条）；发布机关：{issuer}"),
                &format!("{who} is due by {deadline} (regulation art. 50); issuer: {issuer}"),
            ));
        // A year or more past the deadline is more likely a slip in the year
        // (`2022年1月26日` for a 2020 report signed in January 2021).
        // The date it would be is named only when that one is in time.
        if year >= y + 2 {
            let (zh, en) = if (month, day) <= (dm, dd) {
                (
                    format!("（{}年{month}月{day}日？）", y + 1),
                    format!(" ({}-{month:02}-{day:02}?)", y + 1),
                )
            } else {
                (String::new(), String::new())
            };
            finding = finding.note(cx.tr(
                &format!("落款比报告年度晚 {} 年，多半是年份写错{zh}", year - y),
                &format!(
                    "the signature is {} years after the report year: more likely a slip in the year{en}",
                    year - y
                ),
            ));
        }
        out.report(finding);
    }
}
