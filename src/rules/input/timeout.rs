//! Checking a file took longer than its time budget: stopped, said once.

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter, Scope};
use crate::source::{Refusal, Span};

pub struct Timeout;

impl CheckType for Timeout {
    const KIND: Kind = Kind::Input;
    const NAME: &'static str = "timeout";
    const DOC: Doc = Doc {
        zh: "检查一个文件的时间超过 --timeout（默认 10 秒）：停止检查这个文件，报告一次，批量检查继续。",
        en: "Checking one file took longer than --timeout (10 s by default): its checking stops, it is said once, \
and the batch goes on.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["limit"];
    const SCOPE: Scope = Scope::Gate;
    const TEXT_EXAMPLES: bool = false;
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Timeout)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let Some(Refusal::Timeout { limit }) = cx.doc.source.provenance().refused else {
            return;
        };
        out.report(
            Finding::at(Span::empty(0), cx.tr("检查超时", "checking timed out"))
                .arg("limit", format!("{}", limit.as_secs_f64()))
                .note(cx.tr(
                    "这个文件没有检查完，其中的问题没有报告；可用 --timeout 放宽（单位秒）",
                    "this file was not checked through and its findings are not reported; raise the limit with \
--timeout (in seconds)",
                )),
        );
    }
}
