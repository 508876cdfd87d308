//! Gaps, repeats and late starts in sub-item numbering.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Finding;
use crate::label::{self, cn_numeral};
use crate::model::{ItemKind, OutlineItem};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct Sequence {
    styles: Vec<ItemKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    styles: Vec<Spanned<String>>,
}

impl CheckType for Sequence {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "sequence";
    const DOC: Doc = Doc {
        zh: "同一部分内的序号应连续：跳号（（一）之后是（三））、重号（三是之后又是三是）或缺少开头（从（二）开始）。\
序号其实写在别处（粘在前一个词后面）时不报告。一处笔误（一是、三是、三是）只报告一次，指向写错的那一项。",
        en: "Sub-items inside a section are numbered consecutively: a gap (（一） then （三）), a repeat (三是 twice) or a \
late start (from （二）). Not reported when the missing item is written but glued to other words. One slip (一是, 三是, \
三是) is reported once, at the item written wrong.",
    };
    const PARAMS: &'static [ParamDoc] = &[ParamDoc {
        name: "styles",
        doc: Doc {
            zh: "检查哪些编号：paren（（一））、shi（一是）、arabic（1.）",
            en: "which numbering styles: paren (（一）), shi (一是), arabic (1.)",
        },
    }];
    const PLACEHOLDERS: &'static [&'static str] = &["problem"];
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let mut styles = Vec::new();
        for s in &p.styles {
            cx.one_of(s, &["paren", "shi", "arabic"])?;
            styles.push(match s.get_ref().as_str() {
                "paren" => ItemKind::Paren,
                "shi" => ItemKind::Shi,
                _ => ItemKind::Arabic,
            });
        }
        Ok(Sequence { styles })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        for &style in &self.styles {
            // Runs of one style, broken where a higher level starts a new part. Each
            // run remembers where its part began.
            let mut runs: Vec<(usize, Vec<&OutlineItem>)> = Vec::new();
            let mut run: Vec<&OutlineItem> = Vec::new();
            let mut part_start = 0;
            let mut section = None;
            for item in &doc.outline {
                let item_section = doc.section_at(item.span.start);
                let resets = item_section != section
                    || match style {
                        ItemKind::Paren => item.kind == ItemKind::Top,
                        ItemKind::Arabic => matches!(item.kind, ItemKind::Top | ItemKind::Paren),
                        ItemKind::Shi => matches!(item.kind, ItemKind::Top | ItemKind::Paren | ItemKind::Arabic),
                        _ => false,
                    };
                if resets {
                    if !run.is_empty() {
                        runs.push((part_start, std::mem::take(&mut run)));
                    }
                    part_start = if item.kind == style {
                        item_section.map(|s| doc.sections[s].heading.end).unwrap_or(0)
                    } else {
                        item.marker.end
                    };
                }
                section = item_section;
                if item.kind == style {
                    run.push(item);
                }
            }
            if !run.is_empty() {
                runs.push((part_start, run));
            }
            for (start, run) in runs {
                check_run(cx, out, style, start, &run);
            }
        }
    }
}

fn marker_text(kind: ItemKind, n: u32) -> String {
    match kind {
        ItemKind::Paren => format!("（{}）", cn_numeral(n)),
        ItemKind::Shi => format!("{}是", cn_numeral(n)),
        ItemKind::Arabic => format!("{n}."),
        _ => cn_numeral(n),
    }
}

/// Whether item `n` of `style` is written anywhere in `text`, glued to other words
/// or not. Used to drop a finding when the item is there but was not read as one
/// (`…改进措施一是…`).
fn written_anywhere(style: ItemKind, n: u32, text: &str) -> bool {
    // Wrapped PDF text splits `一\n是`.
    let joined: String = text.chars().filter(|c| !label::is_space(*c)).collect();
    let text = joined.as_str();
    match style {
        ItemKind::Shi => text.contains(&format!("{}是", cn_numeral(n))),
        ItemKind::Paren => {
            let cn = cn_numeral(n);
            ["（", "("].iter().any(|open| {
                text.match_indices(open).any(|(i, o)| {
                    let rest = text[i + o.len()..].trim_start();
                    rest.strip_prefix(cn.as_str())
                        .is_some_and(|r| r.trim_start().starts_with(['）', ')']))
                })
            })
        }
        ItemKind::Arabic => {
            let digits = n.to_string();
            text.match_indices(digits.as_str()).any(|(i, d)| {
                let before_ok = !text[..i].ends_with(|c: char| c.is_ascii_digit());
                let after = &text[i + d.len()..];
                let after_ok = after.starts_with(['.', '、', '．'])
                    && !after[after.chars().next().map_or(0, char::len_utf8)..]
                        .starts_with(|c: char| c.is_ascii_digit());
                before_ok && after_ok
            })
        }
        _ => false,
    }
}

fn check_run(cx: &Context<'_>, out: &mut Reporter<'_>, style: ItemKind, part_start: usize, run: &[&OutlineItem]) {
    let doc = cx.doc;
    let num = |i: &OutlineItem| i.number.unwrap_or(0);
    let between = |a: usize, b: usize| doc.text(Span::new(a.min(b), b));
    // A list that starts past 1 (（二）（三） with no （一）). One item alone is not
    // a list.
    if run.len() >= 2 && num(run[0]) > 1 && num(run[1]) == num(run[0]) + 1 {
        let first = num(run[0]);
        let before = between(part_start, run[0].marker.start);
        if !(1..first).any(|n| written_anywhere(style, n, before)) {
            let missing: String = (1..first).map(|n| marker_text(style, n)).collect();
            let start = marker_text(style, first);
            let problem = cx
                .tr(
                    &format!("从{start}开始，缺少{missing}"),
                    &format!("starts at {start}, {missing} missing"),
                )
                .to_string();
            out.report(
                Finding::at(
                    run[0].marker,
                    cx.tr(&format!("前面缺少{missing}"), &format!("{missing} missing before this")),
                )
                .arg("problem", problem),
            );
        }
    }
    // The number each item stands for: one slip (一是、三是、三是) is said once,
    // at the item whose number slipped, and the list goes on from what it
    // should have been.
    let mut meant = num(run[0]);
    for (i, pair) in run.windows(2).enumerate() {
        let (prev, cur) = (pair[0], pair[1]);
        let (p, c) = (meant, num(cur));
        let slipped = run.get(i + 2).is_some_and(|after| num(after) == p + 2);
        meant = if slipped { p + 1 } else { c };
        if c == p + 1 || c == 1 {
            continue;
        }
        // The list restarted, or the missing item is there, glued to a word.
        let gap = between(prev.marker.end, cur.marker.start);
        if written_anywhere(style, 1, gap) || (p + 1..c).any(|n| written_anywhere(style, n, gap)) {
            continue;
        }
        let (pm, cm, next) = (marker_text(style, p), marker_text(style, c), marker_text(style, p + 1));
        let expected = cx.tr(&format!("应为{next}"), &format!("expected {next}")).to_string();
        let (problem, label) = if c == p {
            (
                cx.tr(&format!("{cm}重复出现"), &format!("{cm} repeated")).to_string(),
                match slipped {
                    true => expected,
                    false => cx.tr("重复的序号", "repeated number").to_string(),
                },
            )
        } else if slipped {
            (
                cx.tr(
                    &format!("{pm}之后是{cm}，应为{next}"),
                    &format!("{pm} is followed by {cm}, expected {next}"),
                )
                .to_string(),
                expected,
            )
        } else if c > p {
            let missing: String = (p + 1..c).map(|n| marker_text(style, n)).collect();
            (
                cx.tr(
                    &format!("{pm}之后是{cm}，缺少{missing}"),
                    &format!("{pm} is followed by {cm}, {missing} missing"),
                )
                .to_string(),
                expected,
            )
        } else {
            (
                cx.tr(&format!("{pm}之后回到{cm}"), &format!("{pm} is followed by {cm}"))
                    .to_string(),
                expected,
            )
        };
        out.report(
            Finding::at(cur.marker, label)
                .secondary(prev.marker, cx.tr("上一项", "previous item"))
                .arg("problem", problem),
        );
    }
}
