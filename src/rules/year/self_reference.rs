//! A report that calls itself another kind of body than its title names:
//! `我区` all through a report whose title names a 局, never `我局` nor the
//! title's place. The title was most likely written over another report.

use serde::Deserialize;

use super::issuer::leading_places;
use crate::diag::Finding;
use crate::label::is_space;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter};
use crate::source::Span;

pub struct SelfReference {
    words: Vec<String>,
    at_least: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    words: Vec<String>,
    at_least: usize,
}

impl CheckType for SelfReference {
    const KIND: Kind = Kind::Year;
    const NAME: &'static str = "self-reference";
    const DOC: Doc = Doc {
        zh: "正文自称（“我”加 words 中的词，如“我区”“我局”）与标题中的机关不是一类：标题写的是“沭阳县发展和改革局”，\
正文却至少 at-least 次自称“我区”，从未写“我局”“本局”“我县”，也从未提到标题中的地名（“沭阳”）。机关的地名\
（县、区、市等）和机关的类别（局、厅、委、办等）都算标题的自称，比标题的地方高一级的地方（区局说“我市”）不算另一类；\
标题不以地名开头、或以认不出的类别结尾（中心、公司、医院等部门下属单位）时不检查。",
        en: "The report's words for itself (我 with one of `words`: 我区, 我局) are of another kind than the body its \
title names: the title names 沭阳县发展和改革局, yet the body calls itself 我区 at least `at-least` times, never 我局, \
本局 or 我县, and never names the title's place (沭阳). Both the title's places (县, 区, 市…) and its kind of body \
(局, 厅, 委, 办…) count as its own words, and a place above the title's (我市 in a district bureau's report) is no \
other kind; a title that opens with no place, or ends in no known kind of body (a 中心, 公司 or 医院 under a department), \
is not checked.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "words",
            doc: Doc {
                zh: "“我”后面表示机关自身的词（局、区、街道……）",
                en: "the words after 我 by which a body names itself (局, 区, 街道…)",
            },
        },
        ParamDoc {
            name: "at-least",
            doc: Doc {
                zh: "另一类自称至少出现几次才报告",
                en: "how many times the other kind of word must occur to be reported",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = &["agency", "word", "count"];
    type Params = Params;

    fn compile(p: Params, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        let mut words = p.words;
        // The longest first: `街道` before a word it may start with.
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        Ok(SelfReference {
            words,
            at_least: p.at_least.max(1),
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        let (Some(title), Some(agency)) = (&doc.title, doc.agency()) else {
            return;
        };
        let places = leading_places(&agency);
        let Some(own) = own_words(&agency) else { return };
        if places.is_empty() {
            return;
        }
        let text = doc.source.text();
        let body_start = title.spans.iter().map(|s| s.end).max().unwrap_or(0);
        let body = &text[body_start..];
        // The title's place named anywhere else (a page's footer too): its own.
        if places.iter().any(|p| body.contains(p)) {
            return;
        }
        // Each word for itself, with where it is written.
        let mut found: Vec<(&str, Vec<Span>)> = Vec::new();
        for (at, c) in body.match_indices(['我', '本']) {
            let rest = &body[at + c.len()..];
            let Some(word) = self.words.iter().find(|w| rest.starts_with(w.as_str())) else {
                continue;
            };
            let after = rest[word.len()..].chars().next();
            // `自我`, `我办理`, `我会同`, `本市范围`: no word for itself.
            if body[..at].ends_with('自')
                || (word == "办" && after.is_some_and(|c| "理结件".contains(c)))
                || (word == "会" && after == Some('同'))
            {
                continue;
            }
            if own.iter().any(|o| o == word) {
                // `本局`, `我县`: the title's own words.
                return;
            }
            // A place above the title's (`我市` in a district bureau's report) is where it is.
            if c == "本" || above(word, &own) {
                continue;
            }
            let span = Span::new(body_start + at, body_start + at + c.len() + word.len());
            match found.iter_mut().find(|(w, _)| *w == word.as_str()) {
                Some((_, spans)) => spans.push(span),
                None => found.push((word.as_str(), vec![span])),
            }
        }
        let Some((word, spans)) = found.into_iter().max_by_key(|(_, spans)| spans.len()) else {
            return;
        };
        if spans.len() < self.at_least {
            return;
        }
        let word = format!("我{word}");
        let agency_span = agency_span(text, title.spans[0], &agency);
        let mut finding = Finding::at(agency_span, cx.tr("标题中的机关", "the agency in the title"))
            .arg("agency", agency.clone())
            .arg("word", word.clone())
            .arg("count", spans.len().to_string());
        for &span in spans.iter().take(3) {
            finding = finding.secondary(span, cx.tr("正文的自称", "the body's word for itself"));
        }
        let own_list: Vec<String> = own.iter().map(|o| format!("“我{o}”")).collect();
        let places_list: Vec<String> = places.iter().map(|p| format!("“{p}”")).collect();
        out.report(finding.note(cx.lang.pick_with(
            || {
                format!(
                    "正文 {} 次自称“{word}”，从未写{}，也未提到标题中的地名{}；多半是标题照搬了别的机关的报告，或正文是别的机关的",
                    spans.len(),
                    own_list.join("、"),
                    places_list.join("、"),
                )
            },
            || {
                format!(
                    "the body calls itself {word} {} times, never {}, and never names the title's place {}: the title \
was most likely taken from another body's report, or the body is another's",
                    spans.len(),
                    own_list.join(", "),
                    places_list.join(", "),
                )
            },
        )));
    }
}

/// The words a body named `agency` calls itself by after 我 or 本: its
/// places' kinds (`南沙区` → 区) and its own kind (`……局` → 局); `None` when
/// its kind is not known.
fn own_words(agency: &str) -> Option<Vec<&'static str>> {
    const PLACES: [&str; 9] = ["省", "市", "县", "区", "州", "旗", "镇", "乡", "盟"];
    const KINDS: [(&str, &[&str]); 13] = [
        ("人民政府", &[]),
        ("政府", &[]),
        ("管理委员会", &["委", "会", "区"]),
        ("管委会", &["委", "会", "区"]),
        ("办事处", &["街道", "办"]),
        ("街道", &["街道"]),
        ("办公厅", &["厅", "办"]),
        ("办公室", &["办"]),
        ("委员会", &["委", "会"]),
        ("局", &["局"]),
        ("厅", &["厅"]),
        ("委", &["委"]),
        ("办", &["办"]),
    ];
    let name = agency.trim_end_matches(is_space);
    let mut own: Vec<&'static str> = PLACES.into_iter().filter(|p| name.contains(p)).collect();
    match KINDS.iter().find(|(end, _)| name.ends_with(end)) {
        Some((_, words)) => own.extend_from_slice(words),
        // A place's own name (`平潭综合实验区`) is a government's.
        None if PLACES.iter().any(|p| name.ends_with(p)) => {}
        None => return None,
    }
    Some(own)
}

/// Whether `word` is a place above every place among the title's `own` words
/// (`市` above `区`, `省` above `市`): the body may speak of it as its own.
fn above(word: &str, own: &[&str]) -> bool {
    let tier = |w: &str| match w {
        "省" => Some(0),
        "市" | "州" | "盟" => Some(1),
        "县" | "区" | "旗" => Some(2),
        "镇" | "乡" | "街道" => Some(3),
        _ => None,
    };
    let Some(t) = tier(word) else { return false };
    own.iter()
        .filter_map(|o| tier(o))
        .max()
        .is_some_and(|lowest| t < lowest)
}

/// Where the title writes `agency`: the title's first piece when it opens
/// with the name as written, else the whole piece.
fn agency_span(text: &str, first: Span, agency: &str) -> Span {
    let piece = &text[first.range()];
    let lead = piece.len() - piece.trim_start_matches(|c: char| is_space(c) || c == '#').len();
    match piece[lead..].starts_with(agency) {
        true => Span::new(first.start + lead, first.start + lead + agency.len()),
        false => first,
    }
}

#[cfg(test)]
mod tests {
    use super::own_words;

    #[test]
    fn a_body_calls_itself_by_its_places_and_its_kind() {
        assert_eq!(own_words("沭阳县发展和改革局"), Some(vec!["县", "局"]));
        // (广州's 州 too: a word it would not call itself by costs nothing.)
        assert_eq!(own_words("广州市南沙区人民政府"), Some(vec!["市", "区", "州"]));
        assert_eq!(own_words("平潭综合实验区"), Some(vec!["区"]));
        assert_eq!(
            own_words("示例经济开发区管理委员会"),
            Some(vec!["区", "委", "会", "区"])
        );
        assert_eq!(own_words("河北省人民政府办公厅"), Some(vec!["省", "厅", "办"]));
        assert_eq!(own_words("示例县图书馆"), None);
        // A unit under a department may call the department 我局: not checked.
        assert_eq!(own_words("示例市公共资源交易中心"), None);
        assert!(super::above("市", &["区", "局"]) && !super::above("区", &["区", "局"]));
        assert!(!super::above("区", &["省", "厅"]) && !super::above("局", &["区"]));
    }
}
