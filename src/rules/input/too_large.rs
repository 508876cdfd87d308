//! A file larger than `--max-file-size`: not read, said once.

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter, Scope};
use crate::source::{Refusal, Span};

pub struct TooLarge;

impl CheckType for TooLarge {
    const KIND: Kind = Kind::Input;
    const NAME: &'static str = "too-large";
    const DOC: Doc = Doc {
        zh: "文件大于 --max-file-size（默认 20 MB）：不读取，报告一次。一份年报通常不到 1 MB。",
        en: "The file is larger than --max-file-size (20 MB by default): not read, said once. A report is \
usually under 1 MB.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["size", "limit"];
    const SCOPE: Scope = Scope::Gate;
    const TEXT_EXAMPLES: bool = false;
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(TooLarge)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(Refusal::TooLarge { size, limit }) = cx.doc.source.provenance().refused else {
            return;
        };
        let mb = |b: u64| format!("{:.1}", b as f64 / 1_048_576.0);
        out.report(
            Finding::at(Span::empty(0), cx.tr("文件过大，未读取", "too large, not read"))
                .arg("size", mb(size))
                .arg("limit", mb(limit))
                .note(cx.tr(
                    "确实要检查时，用 --max-file-size 放宽限制（单位 MB）",
                    "to check it anyway, raise the limit with --max-file-size (in MB)",
                )),
        );
    }
}
