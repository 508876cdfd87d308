//! A file with no text: said once, no other rule runs.

use crate::diag::Finding;
use crate::label::is_space;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter, Scope};
use crate::source::Span;

pub struct Empty;

impl CheckType for Empty {
    const KIND: Kind = Kind::Input;
    const NAME: &'static str = "empty";
    const DOC: Doc = Doc {
        zh: "文件是空的，或只有空白：报告一次，其余规则都不运行（不会再报告缺少六个部分）。",
        en: "The file is empty or only whitespace: said once, and no other rule runs (no six missing sections).",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["format"];
    const SCOPE: Scope = Scope::Gate;
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Empty)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let text = cx.doc.source.text();
        // A file not read says why itself.
        if cx.doc.source.provenance().refused.is_some() || !text.chars().all(|c| is_space(c) || c == '\u{c}') {
            return;
        }
        out.report(
            Finding::at(Span::empty(0), cx.tr("文件是空的", "the file is empty"))
                .arg("format", cx.doc.source.provenance().format)
                .note(cx.tr(
                    "没有可检查的文字；如果是 Word 或 PDF 转出的文件，请检查转换是否成功",
                    "there is no text to check; if the file was converted from Word or PDF, check the conversion",
                )),
        );
    }
}
