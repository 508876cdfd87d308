//! A file holding a report's title and no report: a web page whose report is
//! an attachment or an image.

use crate::diag::Finding;
use crate::label::is_space;
use crate::model::Document;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};
use crate::source::Span;

/// Past the title, at most this many Chinese characters (breadcrumbs, a
/// page's links) and no sentence: no report.
const MAX_CHARS: usize = 150;

pub struct BodyMissing;

impl CheckType for BodyMissing {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "body-missing";
    const DOC: Doc = Doc {
        zh: "文件有标题，却没有报告正文：找不到任何一级标题和统计表，标题之外（不计“发布时间：”一类的网页信息行）没有一个句子、\
汉字不超过 150 个。多半是报告放在附件或图片里。只报告这一条，不再逐条报告六个部分缺失（section-missing 不再报告）。",
        en: "The file has a report's title but no report: no section and no table is found, and past the title (not \
counting a page's particulars such as 发布时间：) no sentence and at most 150 Chinese characters. Most likely the report is \
an attachment or an image. Said once, instead of six missing sections (section-missing says nothing then).",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["title"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(BodyMissing)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        let (Some(title), Some(chars)) = (&doc.title, title_alone(doc)) else {
            return;
        };
        out.report(
            Finding::at(
                Span::new(title.span().start, title.span().end),
                cx.tr("只有标题", "the title alone"),
            )
            .arg("title", title.text.clone())
            .note(cx.tr(
                &format!("标题之外只有 {chars} 个汉字，没有句子，也没有任何一级标题和统计表"),
                &format!("{chars} Chinese characters past the title, no sentence, no section and no table"),
            )),
        );
    }
}

/// How many Chinese characters stand past the title, when the document is its
/// title alone: no section, no table, no sentence, at most [`MAX_CHARS`].
pub(crate) fn title_alone(doc: &Document) -> Option<usize> {
    let title = doc.title.as_ref()?;
    if !doc.sections.is_empty() || !doc.tables.is_empty() {
        return None;
    }
    let source = &doc.source;
    let title_lines: Vec<usize> = title.spans.iter().map(|s| source.line_index(s.start)).collect();
    let mut chars = 0;
    for i in 0..source.line_count() {
        let line = source.line(i).trim_matches(is_space);
        // The title's own lines, written again (a page's heading), and a
        // page's particulars (`发布时间: 2021-01-28`, `栏目：……`).
        if title_lines.contains(&i) || line == title.text || particulars(line) {
            continue;
        }
        chars += line.chars().filter(|&c| crate::label::is_ideograph(c)).count();
        // A sentence is some report (a draft begun, an example).
        if chars > MAX_CHARS || line.contains(['。', '；', '！']) {
            return None;
        }
    }
    Some(chars)
}

/// A line of a page's particulars: a short label, then a colon.
fn particulars(line: &str) -> bool {
    line.char_indices()
        .take(8)
        .any(|(i, c)| matches!(c, '：' | ':') && i > 0)
}
