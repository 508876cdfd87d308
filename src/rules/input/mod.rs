//! Kind `input`: what was read, before what it says: a file with nothing in it,
//! bytes that could not be decoded.

pub mod empty;
pub mod encoding;

use crate::rules::Doc;

pub const DOC: Doc = Doc {
    zh: "读入的文件本身：文件是空的，或有无法解码的字节。",
    en: "The file as read: it is empty, or some of its bytes could not be decoded.",
};
