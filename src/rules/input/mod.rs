//! Kind `input`: what was read, before what it says: a file with nothing in it,
//! bytes that could not be decoded.

pub mod empty;
pub mod encoding;
pub mod timeout;
pub mod too_large;

use crate::rules::Doc;

pub const DOC: Doc = Doc {
    zh: "读入的文件本身：文件是空的、过大、检查超时，或有无法解码的字节。",
    en: "The file as read: it is empty, too large, took too long to check, or some of its bytes could not be \
decoded.",
};
