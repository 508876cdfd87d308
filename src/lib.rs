//! nianbao (年报): a linter for Chinese government information disclosure annual
//! reports (政府信息公开工作年度报告).
//!
//! The pipeline runs one way: [`load`] reads and decodes a file, [`parse`] turns the
//! text into a [`model::Document`] (outline, tables, paragraphs, each with byte
//! spans), [`engine`] runs the rules compiled by [`config`] from TOML over it, and
//! [`render`] prints the diagnostics. The library never prints.

pub mod config;
pub mod diag;
pub mod dump;
pub mod engine;
pub mod expr;
pub mod format;
pub mod label;
pub mod load;
pub mod model;
pub mod number;
pub mod parse;
pub mod render;
pub mod rules;
pub mod source;

pub use diag::{Diagnostic, Lang, Severity};
