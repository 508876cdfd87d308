//! Rule files as nianbao reads them: TOML with every value's span, errors that
//! point into the file, regexes compiled with their span.
//!
//! All the rule files of a run share one address space, a [`SourceMap`], the way
//! rustc numbers every byte of every source file. A rule whose parameters come
//! from two files (a built-in rule adjusted in the user's file) can then point
//! each error at the right file without carrying the file around.
//!
//! This module is a leaf: it knows TOML and spans, nothing of rules or reports.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::pattern::Pattern;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::source::{SourceFile, Span};

pub(crate) mod preparsed;

/// How alike a misspelt name must be to a known one for a did-you-mean.
const SUGGEST_SIMILARITY: f32 = 0.6;

/// Every rule file of a run, each at its own offset.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    /// (first global offset, file), in load order.
    files: Vec<(usize, SourceFile)>,
    /// For each file, whether its regexes are known to be valid.
    trusted: Vec<bool>,
    /// For each built-in file, its tree as the build script parsed it.
    parsed: Vec<Option<Tree>>,
}

/// A built-in file's tree, as the build script wrote it ([`preparsed`]).
#[derive(Debug, Clone, Copy)]
pub struct Tree {
    pub shape: &'static [u8],
    pub strings: &'static str,
}

/// A file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

impl SourceMap {
    pub fn new() -> Self {
        SourceMap::default()
    }

    /// Add a file; its bytes get offsets after every file added before.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let base = self.next_base();
        self.files.push((base, SourceFile::new(name, text)));
        self.trusted.push(false);
        self.parsed.push(None);
        FileId(self.files.len() - 1)
    }

    /// Add a built-in file: not copied, read from its tree `parsed` by the build
    /// script ([`preparsed`]), and `trusted` when its regexes need no checking as
    /// they are read (a test checks them all).
    pub fn add_builtin(&mut self, name: impl Into<String>, text: &'static str, parsed: Tree, trusted: bool) -> FileId {
        let base = self.next_base();
        self.files.push((base, SourceFile::from_static(name, text)));
        self.trusted.push(trusted);
        self.parsed.push(Some(parsed));
        FileId(self.files.len() - 1)
    }

    /// The first global offset of the next file: one past the last file's end.
    fn next_base(&self) -> usize {
        self.files.last().map(|(b, f)| b + f.text().len() + 1).unwrap_or(0)
    }

    /// Read a file from disk, or every `*.toml` in a directory (in name order).
    pub fn add_path(&mut self, path: &Path) -> Result<Vec<FileId>, RuleFileError> {
        let mut ids = Vec::new();
        for file in toml_files(path)? {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| RuleFileError::bare(format!("cannot read rule file {}: {e}", file.display())))?;
            ids.push(self.add(file.display().to_string(), text));
        }
        Ok(ids)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0].1
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len()).map(FileId)
    }

    /// The file holding a global span, and the span within it.
    pub fn locate(&self, span: Span) -> Option<(FileId, Span)> {
        let i = self
            .files
            .partition_point(|(base, _)| *base <= span.start)
            .checked_sub(1)?;
        let (base, file) = &self.files[i];
        let len = file.text().len();
        let start = (span.start - base).min(len);
        let end = span.end.saturating_sub(*base).clamp(start, len);
        Some((FileId(i), Span::new(start, end)))
    }

    /// The text at a global span.
    pub fn slice(&self, span: Span) -> &str {
        match self.locate(span) {
            Some((id, local)) => self.file(id).slice(local),
            None => "",
        }
    }

    /// The name of the file holding a global span.
    pub fn name_at(&self, span: Span) -> &str {
        self.locate(span).map(|(id, _)| self.file(id).name()).unwrap_or("")
    }

    /// The global span of a span local to a file.
    pub fn global(&self, id: FileId, local: Span) -> Span {
        let base = self.files[id.0].0;
        Span::new(base + local.start, base + local.end)
    }

    /// Parse a file; every span in the result is global.
    pub fn parse(&self, id: FileId) -> Result<Spanned<DeTable<'_>>, RuleFileError> {
        let (base, file) = &self.files[id.0];
        let base = *base;
        // Empty when the build script could not parse it: then the TOML error
        // below points into the file.
        if let Some(tree) = self.parsed[id.0].filter(|t| !t.shape.is_empty()) {
            return preparsed::decode(tree.shape, tree.strings, base)
                .ok_or_else(|| self.file_error(id, "the built-in rule file's parsed form is damaged"));
        }
        let root = DeTable::parse(file.text()).map_err(|e| self.toml_error(id, &e))?;
        // The first file's spans are global already.
        match base {
            0 => Ok(root),
            _ => Ok(map_spans(root, &|r: Range<usize>| r.start + base..r.end + base)),
        }
    }

    /// An error at a global span.
    pub fn error(&self, span: Span, message: impl Into<String>) -> RuleFileError {
        let mut e = RuleFileError::bare(message);
        if let Some((id, local)) = self.locate(span) {
            e.file = Some(Box::new(self.file(id).clone()));
            e.span = Some(local);
        }
        e
    }

    /// An error about a whole file.
    pub fn file_error(&self, id: FileId, message: impl Into<String>) -> RuleFileError {
        let mut e = RuleFileError::bare(message);
        e.file = Some(Box::new(self.file(id).clone()));
        e
    }

    /// A toml error whose span is local to file `id`.
    fn toml_error(&self, id: FileId, err: &toml::de::Error) -> RuleFileError {
        let file = self.file(id);
        let span = err.span().map(|r| {
            // A missing-key error can point past the end.
            let end = r.end.min(file.text().len());
            Span::new(r.start.min(end), end)
        });
        let mut e = RuleFileError::bare(err.message().trim());
        e.file = Some(Box::new(file.clone()));
        e.span = span;
        e
    }

    /// A toml error from deserializing values whose spans are global.
    pub fn de_error(&self, fallback: Span, err: &toml::de::Error) -> RuleFileError {
        let span = err
            .span()
            .map(|r| Span::new(r.start, r.end.max(r.start)))
            .unwrap_or(fallback);
        self.error(span, err.message().trim())
    }

    /// Compile a regex written in a rule file (a trusted built-in one compiles
    /// when first used); a bad pattern points at itself.
    pub fn regex(&self, pattern: &Spanned<String>) -> Result<Pattern, RuleFileError> {
        if self.is_trusted(pattern) {
            return Ok(Pattern::unchecked(pattern.get_ref()));
        }
        Pattern::new(pattern.get_ref()).map_err(|detail| {
            let last = detail.lines().last().unwrap_or("").trim();
            let last = last.strip_prefix("error: ").unwrap_or(last).to_string();
            self.error(span_of(pattern), format!("invalid regular expression: {last}"))
        })
    }

    /// A regex built by a rule from what its file says (`from`): shared and
    /// compiled when first used if that file is a built-in one, now if not.
    pub fn derived_regex(&self, from: &Spanned<String>, source: &str) -> Result<Pattern, String> {
        if self.is_trusted(from) {
            return Ok(Pattern::unchecked(source));
        }
        Pattern::new(source)
    }

    fn is_trusted<T>(&self, value: &Spanned<T>) -> bool {
        self.locate(span_of(value)).is_some_and(|(id, _)| self.trusted[id.0])
    }

    /// Deserialize a table (global spans) into `T`; unknown keys get a did-you-mean
    /// among `T`'s fields and `extra_known`.
    pub fn deserialize<T: DeserializeOwned>(
        &self,
        value: Spanned<DeValue<'_>>,
        extra_known: &[&str],
    ) -> Result<T, RuleFileError> {
        let span = span_of(&value);
        T::deserialize(toml::de::ValueDeserializer::from(value)).map_err(|e| {
            let err = self.de_error(span, &e);
            // A nested table's unknown field: serde's message lists its fields.
            let message = err.message.clone();
            let listed = expected_fields(&message);
            let mut known: Vec<&str> = if listed.is_empty() || message.contains("there are no fields") {
                field_names::<T>().to_vec()
            } else {
                listed
            };
            known.extend_from_slice(extra_known);
            err.suggest_field(&known)
        })
    }
}

/// `path` made absolute, with `.` and `..` taken out as written (`报告/../报告/a.txt`
/// is `报告/a.txt`), so that paths compare by where they point.
pub fn clean_absolute(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c.as_os_str());
                }
            }
            _ => out.push(c.as_os_str()),
        }
    }
    out
}

/// A path as messages show it: relative to the current folder when inside it.
pub fn display_path(path: &Path) -> String {
    let abs = clean_absolute(path);
    match std::env::current_dir()
        .ok()
        .and_then(|cwd| abs.strip_prefix(cwd).ok().map(Path::to_path_buf))
    {
        Some(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// The fields serde names in "unknown field `x`, expected one of `a`, `b`".
fn expected_fields(message: &str) -> Vec<&str> {
    match message.split_once("expected") {
        Some((_, list)) => list.split('`').skip(1).step_by(2).collect(),
        None => Vec::new(),
    }
}

/// The global span of a spanned value.
pub fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end.max(r.start))
}

/// `value` with every span in it mapped.
pub(crate) fn map_spans<'a>(
    value: Spanned<DeTable<'a>>,
    map: &impl Fn(Range<usize>) -> Range<usize>,
) -> Spanned<DeTable<'a>> {
    let r = value.span();
    Spanned::new(map(r), map_table(value.into_inner(), map))
}

fn map_table<'a>(table: DeTable<'a>, map: &impl Fn(Range<usize>) -> Range<usize>) -> DeTable<'a> {
    table
        .into_iter()
        .map(|(k, v)| {
            let r = k.span();
            (Spanned::new(map(r), k.into_inner()), map_value(v, map))
        })
        .collect()
}

fn map_value<'a>(value: Spanned<DeValue<'a>>, map: &impl Fn(Range<usize>) -> Range<usize>) -> Spanned<DeValue<'a>> {
    let r = value.span();
    let inner = match value.into_inner() {
        DeValue::Table(t) => DeValue::Table(map_table(t, map)),
        DeValue::Array(a) => DeValue::Array(a.into_iter().map(|v| map_value(v, map)).collect()),
        other => other,
    };
    Spanned::new(map(r), inner)
}

fn toml_files(path: &Path) -> Result<Vec<PathBuf>, RuleFileError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| RuleFileError::bare(format!("cannot read rule file {}: {e}", path.display())))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry =
            entry.map_err(|e| RuleFileError::bare(format!("cannot read rule directory {}: {e}", path.display())))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "toml") {
            files.push(entry.into_path());
        }
    }
    if files.is_empty() {
        return Err(RuleFileError::bare(format!(
            "no *.toml rule files in {}",
            path.display()
        )));
    }
    Ok(files)
}

/// A mistake in a rule file, pointing into it where possible.
#[derive(Debug, Clone)]
pub struct RuleFileError {
    /// The file, for rendering the snippet; `None` when it could not be read.
    pub file: Option<Box<SourceFile>>,
    /// Local to `file`.
    pub span: Option<Span>,
    pub message: String,
    /// More places in the same file, with what they say.
    pub labels: Vec<(Span, String)>,
    pub notes: Vec<String>,
}

impl RuleFileError {
    pub fn bare(message: impl Into<String>) -> Self {
        RuleFileError {
            file: None,
            span: None,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// A secondary label at a global span; a note instead when it lies in another file.
    pub fn label(mut self, sources: &SourceMap, span: Span, message: impl Into<String>) -> Self {
        let message = message.into();
        match sources.locate(span) {
            Some((id, local))
                if self
                    .file
                    .as_deref()
                    .is_some_and(|f| f.name() == sources.file(id).name()) =>
            {
                self.labels.push((local, message));
            }
            Some((id, local)) => {
                let p = sources.file(id).position(local.start);
                self.notes.push(format!(
                    "{}:{}:{}: {message}",
                    sources.file(id).name(),
                    p.line,
                    p.column
                ));
            }
            None => self.notes.push(message),
        }
        self
    }

    /// For `unknown field` errors, name the closest known field.
    pub fn suggest_field(mut self, known: &[&str]) -> Self {
        let Some(rest) = self.message.strip_prefix("unknown field `") else {
            return self;
        };
        let Some((name, _)) = rest.split_once('`') else {
            return self;
        };
        let name = name.to_string();
        if let Some(best) = did_you_mean(&name, known.iter().copied()) {
            self.notes.push(format!("did you mean `{best}`?"));
        }
        self.message = format!("unknown field `{name}`");
        let mut all: Vec<&str> = known.to_vec();
        all.sort();
        all.dedup();
        self.notes.push(format!("known fields: {}", all.join(", ")));
        self
    }

    /// Render like rustc, pointing into the rule file.
    pub fn render(&self, color: bool) -> String {
        use codespan_reporting::diagnostic::{Diagnostic, Label};
        use codespan_reporting::term::{self, Config};
        let Some(file) = &self.file else {
            return format!("error: {self}\n");
        };
        let mut diag = Diagnostic::error().with_message(&self.message);
        let mut labels = Vec::new();
        if let Some(span) = self.span {
            labels.push(Label::primary((), span.range()));
        }
        labels.extend(
            self.labels
                .iter()
                .map(|(s, m)| Label::secondary((), s.range()).with_message(m)),
        );
        diag = diag.with_labels(labels).with_notes(self.notes.clone());
        let config = Config::default();
        if color {
            let mut buffer = term::termcolor::Buffer::ansi();
            if term::emit_to_write_style(&mut buffer, &config, file.as_ref(), &diag).is_ok() {
                return String::from_utf8_lossy(buffer.as_slice()).into_owned();
            }
        }
        let mut out = String::new();
        match term::emit_to_string(&mut out, &config, file.as_ref(), &diag) {
            Ok(()) => out,
            Err(_) => format!("error: {self}\n"),
        }
    }
}

impl fmt::Display for RuleFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.span) {
            (Some(file), Some(span)) => {
                let p = file.position(span.start);
                write!(f, "{}:{}:{}: {}", file.name(), p.line, p.column, self.message)
            }
            (Some(file), None) => write!(f, "{}: {}", file.name(), self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for RuleFileError {}

/// The known name closest to `name`, if close enough to suggest.
pub fn did_you_mean<'k>(name: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    known
        .into_iter()
        .map(|k| (crate::label::similarity(name, k), k))
        .filter(|(s, _)| *s >= SUGGEST_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The field names a struct deserializes, read from its `Deserialize` impl.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut grab = FieldGrabber(&[]);
    let _ = T::deserialize(&mut grab);
    grab.0
}

/// A deserializer that only records the field list serde asks for.
struct FieldGrabber(&'static [&'static str]);

#[derive(Debug)]
struct Grabbed;

impl fmt::Display for Grabbed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field names read")
    }
}

impl std::error::Error for Grabbed {}

impl serde::de::Error for Grabbed {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Grabbed
    }
}

impl<'de> serde::Deserializer<'de> for &mut FieldGrabber {
    type Error = Grabbed;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Grabbed> {
        Err(Grabbed)
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Grabbed> {
        self.0 = fields;
        Err(Grabbed)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    #[allow(dead_code)]
    struct Sample {
        check: String,
        min_chars: Option<usize>,
    }

    #[test]
    fn field_names_come_from_serde() {
        assert_eq!(field_names::<Sample>(), ["check", "min-chars"]);
    }

    #[test]
    fn spans_are_global_and_located() {
        let mut map = SourceMap::new();
        let a = map.add("a.toml", "x = 1\n");
        let b = map.add("b.toml", "y = 'two'\n");
        let root = map.parse(b).unwrap();
        let (key, value) = root.get_ref().iter().next().unwrap();
        assert_eq!(key.get_ref(), "y");
        let span = span_of(value);
        assert_eq!(map.slice(span), "'two'");
        assert_eq!(map.locate(span), Some((b, Span::new(4, 9))));
        assert_eq!(map.name_at(span), "b.toml");
        let root = map.parse(a).unwrap();
        let (_, value) = root.get_ref().iter().next().unwrap();
        assert_eq!(map.name_at(span_of(value)), "a.toml");
    }

    #[test]
    fn errors_point_into_the_right_file() {
        let mut map = SourceMap::new();
        map.add("a.toml", "x = 1\n");
        let b = map.add("b.toml", "y = [\n");
        let e = map.parse(b).unwrap_err();
        assert_eq!(e.file.as_ref().unwrap().name(), "b.toml");
        assert!(e.to_string().starts_with("b.toml:"), "{e}");
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("sevrity", ["severity", "message"]), Some("severity"));
        assert_eq!(did_you_mean("zzz", ["severity"]), None);
    }
}
