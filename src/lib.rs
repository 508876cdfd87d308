//! nianbao (年报): a linter for Chinese government information disclosure annual
//! reports (政府信息公开工作年度报告).
//!
//! The pipeline runs one way:
//!
//! ```text
//! load → parse → model → rules → render
//!          ↑               ↑
//!        format ← config ← rulefile
//! ```
//!
//! [`load`] reads and decodes a file; [`parse`] turns the text into a
//! [`model::Document`] (outline, tables, paragraphs, each with byte spans) read
//! against the [`format`] the rule files describe; [`config`] loads and layers the
//! rule files ([`rulefile`] points errors into them); [`rules`] holds one type per
//! check and the [`relation`] machinery; [`engine`] compiles the rules and runs
//! them over a document; [`render`] prints the [`diag`]nostics. The library never
//! prints.

pub mod anchor;
pub mod budget;
pub mod config;
pub mod diag;
pub mod dump;
pub mod engine;
pub mod extract;
pub mod format;
pub mod grid;
pub mod infer;
pub mod label;
pub mod load;
pub mod model;
pub mod number;
pub mod parse;
pub mod pattern;
pub mod relation;
pub mod render;
pub mod rulefile;
pub mod rules;
pub mod settings;
pub mod source;
pub mod suppress;
pub mod telltale;
pub mod years;

pub use diag::{Diagnostic, FileReport, Lang, Severity};
pub use engine::{Linter, Options};
