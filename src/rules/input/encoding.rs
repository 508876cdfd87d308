//! Bytes that could not be decoded.

use crate::diag::Finding;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, NoParams, ParamDoc, Reporter};
use crate::source::Span;

pub struct Encoding;

impl CheckType for Encoding {
    const KIND: Kind = Kind::Input;
    const NAME: &'static str = "encoding";
    const DOC: Doc = Doc {
        zh: "文件中有无法按其编码解码的字节（已替换为 �），或文字中本来就有替换字符 �（早先的转换丢了字）。\
多是另存时编码混杂或文件损坏。报告一次，指向第一处。",
        en: "Some bytes could not be decoded in the file's encoding (replaced by �), or the text already holds the \
replacement character � (an earlier conversion lost characters): usually mixed encodings or a damaged file. Said \
once, at the first.",
    };
    const PARAMS: &'static [ParamDoc] = &[];
    const PLACEHOLDERS: &'static [&'static str] = &["encoding", "count"];
    type Params = NoParams;

    fn compile(_: NoParams, _: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Encoding)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let p = cx.doc.source.provenance();
        let text = cx.doc.source.text();
        let Some(at) = p.first_replaced.or_else(|| text.find('\u{FFFD}')) else {
            return;
        };
        let count = text.matches('\u{FFFD}').count().max(p.replaced);
        let end = at + '\u{FFFD}'.len_utf8();
        out.report(
            Finding::at(
                Span::new(at, end.min(cx.doc.source.text().len())),
                cx.tr("无法解码", "not decodable"),
            )
            .arg("encoding", p.encoding.clone())
            .arg("count", count.to_string())
            .note(cx.tr(
                &format!(
                    "按 {} 读入，{count} 处文字无法解码，显示为 �；可用 --encoding 指定编码",
                    p.encoding
                ),
                &format!(
                    "read as {}; {count} places could not be decoded and show as �; --encoding names the encoding",
                    p.encoding
                ),
            )),
        );
    }
}
