//! Binding a relation's names to the rows and columns of a table schema.

use toml::Spanned;

use super::expr::{self, Name, Op, Relation, Sign, Term};
use crate::format::{BlockSchema, Format, TableSchema};
use crate::number::Number;
use crate::rulefile::{RuleFileError, SourceMap, did_you_mean, span_of};
use crate::source::Span;

/// What the names of a relation are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Each {
    /// Rows; the relation holds in every column.
    Column,
    /// Columns; the relation holds in every row.
    Row,
    /// Cells, `row[column]`; checked once.
    Cell,
}

/// A term bound to a schema block.
#[derive(Debug, Clone)]
pub enum Bound {
    /// A row, in the column being checked.
    Row(usize),
    /// A column, in the row being checked.
    Column(usize),
    Cell(usize, usize),
    /// The rows below a group (or the row itself when it has none), and the group;
    /// in the column being checked, or in a given one (`other[total]` naming a group).
    Rows(Vec<usize>, usize, Option<usize>),
    Const(Number),
    /// The number found in the text (`n`, prose relations).
    Text,
    /// The term in last year's report, found there by the keys of its rows and
    /// columns in this schema.
    Previous(Box<Bound>),
}

#[derive(Debug, Clone)]
pub struct BoundRelation {
    /// As written in the rule file.
    pub text: String,
    pub block: usize,
    pub left: Vec<(Sign, Bound)>,
    pub op: Op,
    pub right: Vec<(Sign, Bound)>,
    /// (side is left, index) of the term that gets the primary label.
    pub primary: Option<(bool, usize)>,
    /// It names last year's report (`previous(…)`): checked only beside one.
    pub uses_previous: bool,
}

/// A rule's relations bound to every schema of its table.
#[derive(Debug)]
pub struct BoundTable {
    pub key: String,
    pub each: Each,
    /// For each schema (index into `Format::tables`): its bound relations.
    pub by_schema: Vec<(usize, Vec<BoundRelation>)>,
    /// Only these columns (each = column) or rows (each = row).
    pub only: Option<Vec<String>>,
}

impl BoundTable {
    /// Whether a relation names last year's report.
    pub fn uses_previous(&self) -> bool {
        self.by_schema
            .iter()
            .any(|(_, rels)| rels.iter().any(|r| r.uses_previous))
    }
}

/// What a rule says about its relations.
pub struct BindSpec<'a> {
    pub sources: &'a SourceMap,
    pub format: &'a Format,
    /// The edition the rule is limited to, and where it says so.
    pub edition: Option<&'a Spanned<String>>,
    /// The rule's `[[rule]]` header.
    pub rule: Span,
    pub table: Option<&'a Spanned<String>>,
    pub relations: Vec<&'a Spanned<String>>,
    pub each: Each,
    pub primary: Option<&'a Spanned<String>>,
    pub only: Option<Vec<String>>,
    /// The relations may name `n`, a number found in the text.
    pub text_number: bool,
}

pub fn bind(spec: BindSpec<'_>) -> Result<BoundTable, RuleFileError> {
    let sources = spec.sources;
    let Some(table_name) = spec.table else {
        return Err(sources.error(spec.rule, "a sum rule needs `table`"));
    };
    let Some(key) = spec.format.table_key(table_name.get_ref()) else {
        return Err(sources
            .error(span_of(table_name), format!("unknown table `{}`", table_name.get_ref()))
            .note(format!("known tables: {}", spec.format.table_keys().join(", "))));
    };
    if spec.relations.is_empty() {
        return Err(sources.error(spec.rule, "a sum rule needs `relation` (or `relations`)"));
    }
    let edition = spec.edition.map(|e| e.get_ref().as_str());
    let all = spec.format.schemas_for(key);
    let schemas: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&s| match (edition, spec.format.tables[s].edition.as_deref()) {
            (Some(rule), Some(table)) => rule == table,
            _ => true,
        })
        .collect();
    if schemas.is_empty() {
        return Err(sources.error(
            span_of(table_name),
            format!("table `{key}` has no schema for edition {}", edition.unwrap_or("?")),
        ));
    }
    let primary = spec.primary.map(|p| p.get_ref().as_str());
    let mut by_schema = Vec::new();
    for &s in &schemas {
        let schema = &spec.format.tables[s];
        let mut bound = Vec::new();
        for text in &spec.relations {
            let relation = expr::parse(text.get_ref()).map_err(|e| {
                sources.error(
                    text_span(sources, text, e.at..e.at + 1),
                    format!("invalid relation: {}", e.message),
                )
            })?;
            let own_term = |(_, t): &(Sign, Term)| !matches!(t, Term::Previous(_) | Term::Const(_));
            if relation.uses_previous() && !relation.left.iter().chain(&relation.right).any(own_term) {
                return Err(sources
                    .error(
                        span_of(text),
                        "a relation with `previous(…)` needs a term of this year's table",
                    )
                    .note("findings point at this year's report: for example `carried == previous(carried_next)`"));
            }
            let mut first_error: Option<(usize, Name)> = None;
            let mut any = false;
            for (b, block) in schema.blocks.iter().enumerate() {
                match bind_relation(&relation, schema, b, block, spec.each, spec.text_number, primary) {
                    Ok(r) => {
                        bound.push(BoundRelation {
                            text: text.get_ref().clone(),
                            ..r
                        });
                        any = true;
                    }
                    Err(name) => {
                        first_error.get_or_insert((b, name));
                    }
                }
            }
            if !any {
                let (b, name) = first_error.expect("a table has at least one block");
                return Err(unknown_name(
                    &spec,
                    text,
                    schema,
                    &schema.blocks[b],
                    &name,
                    &all,
                    &relation,
                ));
            }
        }
        by_schema.push((s, bound));
    }
    if let Some(p) = spec.primary
        && by_schema
            .iter()
            .all(|(_, rels)| rels.iter().all(|r| r.primary.is_none()))
    {
        return Err(sources.error(
            span_of(p),
            format!(
                "`primary` must be one of the names in the relation, not `{}`",
                p.get_ref()
            ),
        ));
    }
    Ok(BoundTable {
        key: key.to_string(),
        each: spec.each,
        by_schema,
        only: spec.only,
    })
}

/// The span of part of a relation string in the rule file: exact for plain
/// strings, the whole string otherwise.
fn text_span(sources: &SourceMap, text: &Spanned<String>, at: std::ops::Range<usize>) -> Span {
    let whole = span_of(text);
    let raw = sources.slice(whole);
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    if inner != text.get_ref() {
        return whole;
    }
    let mut start = (at.start + 1).min(raw.len());
    let mut end = (at.end + 1).min(raw.len()).max(start);
    while !raw.is_char_boundary(start) {
        start -= 1;
    }
    while !raw.is_char_boundary(end) {
        end += 1;
    }
    Span::new(whole.start + start, whole.start + end)
}

fn unknown_name(
    spec: &BindSpec<'_>,
    text: &Spanned<String>,
    schema: &TableSchema,
    block: &BlockSchema,
    name: &Name,
    all_schemas: &[usize],
    relation: &Relation,
) -> RuleFileError {
    let (what, known): (&str, Vec<&str>) = match spec.each {
        Each::Row => ("column", block.columns.iter().map(|c| c.key.as_str()).collect()),
        _ => (
            "row",
            block
                .rows
                .iter()
                .filter(|r| !r.implicit)
                .map(|r| r.key.as_str())
                .collect(),
        ),
    };
    let sources = spec.sources;
    let in_edition = match &schema.edition {
        Some(e) if all_schemas.len() > 1 => format!(" of edition {e}"),
        _ => String::new(),
    };
    let mut err = sources.error(
        text_span(sources, text, name.at.clone()),
        format!("unknown {what} `{}` in table `{}`{in_edition}", name.text, schema.key),
    );
    // A name another edition's table has: the rule should be limited to that edition.
    let elsewhere: Vec<&str> =
        all_schemas
            .iter()
            .map(|&s| &spec.format.tables[s])
            .filter(|other| other.edition != schema.edition)
            .filter(|other| {
                other.blocks.iter().enumerate().any(|(b, block)| {
                    bind_relation(relation, other, b, block, spec.each, spec.text_number, None).is_ok()
                })
            })
            .filter_map(|other| other.edition.as_deref())
            .collect();
    if let Some(there) = elsewhere.first() {
        let checked = schema.edition.as_deref().unwrap_or("?");
        err = match spec.edition {
            Some(e) => err
                .label(
                    sources,
                    span_of(e),
                    format!("the rule is limited to edition {checked} here"),
                )
                .note(format!(
                    "the relation fits edition {there}'s table: set `edition = \"{there}\"`"
                )),
            None => err.note(format!(
                "without `edition`, a rule is checked against every edition's table; this relation fits only \
                 edition {there}'s: add `edition = \"{there}\"` to the rule"
            )),
        };
        return err;
    }
    if let Some(best) = did_you_mean(&name.text, known.iter().copied()) {
        err = err.note(format!("did you mean `{best}`?"));
    }
    err.note(format!("{what}s of block `{}`: {}", block.key, known.join(", ")))
}

fn bind_relation(
    relation: &Relation,
    schema: &TableSchema,
    b: usize,
    block: &BlockSchema,
    each: Each,
    text_number: bool,
    primary: Option<&str>,
) -> Result<BoundRelation, Name> {
    let find_row = |n: &Name| {
        block
            .rows
            .iter()
            .position(|r| r.key == n.text || r.alias.as_deref() == Some(n.text.as_str()))
            .ok_or_else(|| n.clone())
    };
    let find_col = |n: &Name| block.find_column(&n.text).ok_or_else(|| n.clone());
    fn bind_term(
        t: &Term,
        each: Each,
        text_number: bool,
        find_row: &dyn Fn(&Name) -> Result<usize, Name>,
        find_col: &dyn Fn(&Name) -> Result<usize, Name>,
        children: &dyn Fn(usize) -> Vec<usize>,
    ) -> Result<Bound, Name> {
        Ok(match t {
            Term::Const(n) => Bound::Const(*n),
            Term::Ref(n) if text_number && n.text == "n" => Bound::Text,
            Term::Ref(n) => match each {
                Each::Column => Bound::Row(find_row(n)?),
                Each::Row => Bound::Column(find_col(n)?),
                Each::Cell => return Err(n.clone()),
            },
            Term::Cell(r, c) => {
                let (r, c) = (find_row(r)?, find_col(c)?);
                // A group's cell is its sub-rows' sum in that column: （六）其他处理 is
                // a row in one edition and three in the other.
                let below = children(r);
                if below.is_empty() {
                    Bound::Cell(r, c)
                } else {
                    Bound::Rows(below, r, Some(c))
                }
            }
            Term::Sum(n) => {
                if each == Each::Row {
                    return Err(n.clone());
                }
                let r = find_row(n)?;
                let below = children(r);
                Bound::Rows(if below.is_empty() { vec![r] } else { below }, r, None)
            }
            Term::Previous(inner) => {
                Bound::Previous(Box::new(bind_term(inner, each, false, find_row, find_col, children)?))
            }
        })
    }
    let children = |r: usize| schema.children(b, r);
    let bind = |t: &Term| bind_term(t, each, text_number, &find_row, &find_col, &children);
    let side = |terms: &[(Sign, Term)]| -> Result<Vec<(Sign, Bound)>, Name> {
        terms.iter().map(|(s, t)| Ok((*s, bind(t)?))).collect()
    };
    let left = side(&relation.left)?;
    let right = side(&relation.right)?;
    let term_name = |t: &Term| match t {
        Term::Ref(n) | Term::Sum(n) => Some(n.text.clone()),
        Term::Cell(r, c) => Some(format!("{}[{}]", r.text, c.text)),
        Term::Const(_) | Term::Previous(_) => None,
    };
    let find = |side: &[(Sign, Term)], p: &str| side.iter().position(|(_, t)| term_name(t).as_deref() == Some(p));
    let primary = primary.and_then(|p| {
        find(&relation.left, p)
            .map(|i| (true, i))
            .or_else(|| find(&relation.right, p).map(|i| (false, i)))
    });
    Ok(BoundRelation {
        text: String::new(),
        block: b,
        left,
        op: relation.op,
        right,
        primary,
        uses_previous: relation.uses_previous(),
    })
}
