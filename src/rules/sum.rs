//! Kind `sum`: numbers that must add up.
//!
//! A table relation names rows and columns by the keys (or aliases) of the table
//! schema: `each = "column"` applies a relation between rows to every column,
//! `each = "row"` a relation between columns to every row, `each = "cell"` a
//! relation between named cells (`new[total]`) once. A relation is only checked
//! when every cell it needs holds a number: an empty cell is reported once, by the
//! `empty-cell` rules, not again here.
//!
//! With `prose = "breakdown"` or `prose = "table"` the numbers come from the text
//! instead (see `prose.rs`).

use std::fmt::Write;

use serde::Deserialize;
use toml::Spanned;

use crate::config::{ConfigError, to_span};
use crate::expr::{self, Name, Op, Relation, Sign, Term};
use crate::format::{BlockSchema, TableSchema, ValueKind};
use crate::model::{Readability, Row, Table};
use crate::number::{CellValue, Number};
use crate::rules::prose;
use crate::rules::{Check, Compiled, Context, Finding, KindDoc, KindInfo, Params, Reporter, Scope};
use crate::source::Span;

pub static KIND: KindInfo = KindInfo {
    name: "sum",
    doc: KindDoc { zh: DOC_ZH, en: DOC_EN },
    compile,
};

const DOC_ZH: &str = "检查应当相加相等的数字。表格关系式用表格定义中的行、列键名（或别名）书写：\
each = \"column\" 时关系式写行，逐列检查（如 new + carried == total + carried_next）；\
each = \"row\" 时写列，逐行检查（如 total == natural + commercial + …）；each = \"cell\" 时写单元格 row[column]，只查一次。\
sum(组) 表示组下各子行之和。只有所需单元格都是数字时才检查：空白单元格由 empty-cell 规则报告，不会再报一次不平衡。\
prose = \"breakdown\" 检查正文“共N条，其中……”的各部分之和；prose = \"table\" 用 patterns 中的正则（命名组 n）\
从正文取数，与关系式中的表格单元格比较（如 n == new[total]）。\n\
参数：table、relation 或 relations、each、columns、rows、primary（主标注的名称）、prose、patterns、exclude、units。";

const DOC_EN: &str = "Checks numbers that must add up. Table relations name rows and columns by the table schema's \
keys (or aliases): with each = \"column\" the relation is between rows and holds in every column \
(new + carried == total + carried_next); with each = \"row\" it is between columns and holds in every row \
(total == natural + commercial + …); with each = \"cell\" it names cells as row[column] and is checked once. \
sum(group) is the rows below a group. A relation is only checked when every cell it needs holds a number: \
an empty cell is reported by the empty-cell rules, never again as a sum failure. \
prose = \"breakdown\" checks that the parts of a whole stated in the text (共N条，其中……) add up; \
prose = \"table\" takes a number from the text with the regexes in `patterns` (named group n) and compares it \
with table cells (n == new[total]).\n\
Parameters: table, relation or relations, each, columns, rows, primary (the name that gets the primary label), \
prose, patterns, exclude, units.";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SumParams {
    table: Option<Spanned<String>>,
    relation: Option<Spanned<String>>,
    relations: Option<Vec<Spanned<String>>>,
    each: Option<Spanned<String>>,
    columns: Option<Vec<Spanned<String>>>,
    rows: Option<Vec<Spanned<String>>>,
    primary: Option<Spanned<String>>,
    prose: Option<Spanned<String>>,
    patterns: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    units: Option<Vec<String>>,
}

pub(super) const PLACEHOLDERS: &[&str] = &[
    "table",
    "column",
    "row",
    "total",
    "left",
    "right",
    "difference",
    "relation",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Each {
    Column,
    Row,
    Cell,
}

fn compile(params: &Params<'_, '_>) -> Result<Compiled, ConfigError> {
    let p: SumParams = params.parse()?;
    if let Some(prose_kind) = &p.prose {
        params.one_of(prose_kind, &["breakdown", "table"])?;
        for (name, given) in [
            ("columns", p.columns.is_some()),
            ("rows", p.rows.is_some()),
            ("primary", p.primary.is_some()),
        ] {
            if given {
                return Err(params.error(params.span, format!("`{name}` does not apply to prose rules")));
            }
        }
        if prose_kind.get_ref() == "breakdown" {
            for (name, given) in [
                ("table", p.table.is_some()),
                ("relation", p.relation.is_some() || p.relations.is_some()),
                ("patterns", p.patterns.is_some()),
                ("each", p.each.is_some()),
            ] {
                if given {
                    return Err(params.error(
                        params.span,
                        format!("`{name}` does not apply to `prose = \"breakdown\"`"),
                    ));
                }
            }
            let exclude = compile_regexes(params, &p.exclude)?;
            let check = prose::Breakdown::new(p.units.unwrap_or_default(), exclude);
            return Ok(Compiled {
                kind: "sum",
                placeholders: prose::BREAKDOWN_PLACEHOLDERS,
                check: Box::new(check),
            });
        }
        if p.units.is_some() {
            return Err(params.error(params.span, "`units` only applies to `prose = \"breakdown\"`"));
        }
        let patterns = compile_regexes(params, &p.patterns)?;
        if patterns.is_empty() {
            return Err(params.error(
                params.span,
                "`prose = \"table\"` needs `patterns` with a named group `n`",
            ));
        }
        for (re, spec) in patterns.iter().zip(p.patterns.iter().flatten()) {
            if !re.capture_names().any(|n| n == Some("n")) {
                return Err(params.error_at(
                    spec,
                    "this pattern has no named group `n` for the number: write `(?P<n>\\d+)`",
                ));
            }
        }
        let exclude = compile_regexes(params, &p.exclude)?;
        let table = bind_table(params, &p, Each::Cell, true)?;
        return Ok(Compiled {
            kind: "sum",
            placeholders: PLACEHOLDERS,
            check: Box::new(prose::ProseTable::new(table, patterns, exclude)),
        });
    }
    if p.patterns.is_some() || p.exclude.is_some() || p.units.is_some() {
        return Err(params.error(
            params.span,
            "`patterns`, `exclude` and `units` only apply to prose rules",
        ));
    }
    let each = match &p.each {
        None => Each::Column,
        Some(e) => {
            params.one_of(e, &["column", "row", "cell"])?;
            match e.get_ref().as_str() {
                "column" => Each::Column,
                "row" => Each::Row,
                _ => Each::Cell,
            }
        }
    };
    let table = bind_table(params, &p, each, false)?;
    Ok(Compiled {
        kind: "sum",
        placeholders: PLACEHOLDERS,
        check: Box::new(TableSum { table }),
    })
}

fn compile_regexes(
    params: &Params<'_, '_>,
    list: &Option<Vec<Spanned<String>>>,
) -> Result<Vec<regex::Regex>, ConfigError> {
    list.iter().flatten().map(|p| params.regex(p)).collect()
}

/// A term bound to a schema block.
#[derive(Debug, Clone)]
pub(super) enum Bound {
    /// A row, in the column being checked.
    Row(usize),
    /// A column, in the row being checked.
    Column(usize),
    Cell(usize, usize),
    /// The rows below a group (or the row itself when it has none).
    Rows(Vec<usize>, usize),
    Const(Number),
    /// The number found in the text (prose rules).
    Prose,
}

#[derive(Debug, Clone)]
pub(super) struct BoundRelation {
    pub(super) text: String,
    pub(super) block: usize,
    pub(super) left: Vec<(Sign, Bound)>,
    pub(super) op: Op,
    pub(super) right: Vec<(Sign, Bound)>,
    /// (side is left, index) of the term that gets the primary label.
    pub(super) primary: Option<(bool, usize)>,
}

/// A rule's relations bound to every schema of its table.
#[derive(Debug)]
pub(super) struct BoundTable {
    pub(super) key: String,
    pub(super) each: Each,
    /// For each schema index: its bound relations.
    pub(super) by_schema: Vec<(usize, Vec<BoundRelation>)>,
    pub(super) columns: Option<Vec<String>>,
    pub(super) rows: Option<Vec<String>>,
}

fn bind_table(params: &Params<'_, '_>, p: &SumParams, each: Each, prose: bool) -> Result<BoundTable, ConfigError> {
    let Some(key) = params.table_key(p.table.as_ref())? else {
        return Err(params.error(params.span, "a sum rule needs `table`"));
    };
    let table_name = p.table.as_ref().expect("checked above");
    let key = key.as_str();
    let mut texts: Vec<&Spanned<String>> = Vec::new();
    texts.extend(p.relation.iter());
    texts.extend(p.relations.iter().flatten());
    if texts.is_empty() {
        return Err(params.error(params.span, "a sum rule needs `relation` (or `relations`)"));
    }
    let schemas: Vec<usize> = params
        .format
        .schemas_for(key)
        .into_iter()
        .filter(
            |&s| match (params.edition, params.format.tables[s].edition.as_deref()) {
                (Some(rule), Some(table)) => rule == table,
                _ => true,
            },
        )
        .collect();
    if schemas.is_empty() {
        return Err(params.error_at(
            table_name,
            format!(
                "table `{key}` has no schema for edition {}",
                params.edition.unwrap_or("?")
            ),
        ));
    }
    let mut by_schema = Vec::new();
    for &s in &schemas {
        let schema = &params.format.tables[s];
        let mut bound = Vec::new();
        for text in &texts {
            let relation = expr::parse(text.get_ref()).map_err(|e| {
                params.error(
                    text_span(params, text, e.at..e.at + 1),
                    format!("invalid relation: {}", e.message),
                )
            })?;
            let mut any = false;
            let mut first_error: Option<ConfigError> = None;
            for (b, block) in schema.blocks.iter().enumerate() {
                match bind_relation(
                    &relation,
                    schema,
                    b,
                    block,
                    each,
                    prose,
                    p.primary.as_ref().map(|s| s.get_ref().as_str()),
                ) {
                    Ok(r) => {
                        bound.push(BoundRelation {
                            text: text.get_ref().clone(),
                            ..r
                        });
                        any = true;
                    }
                    Err(name) => {
                        if first_error.is_none() {
                            first_error = Some(unknown_name(params, text, schema, block, each, &name));
                        }
                    }
                }
            }
            if !any {
                return Err(first_error.expect("at least one block"));
            }
        }
        by_schema.push((s, bound));
    }
    if let Some(primary) = &p.primary
        && by_schema
            .iter()
            .all(|(_, rels)| rels.iter().all(|r| r.primary.is_none()))
    {
        return Err(params.error_at(
            primary,
            format!(
                "`primary` must be one of the names in the relation, not `{}`",
                primary.get_ref()
            ),
        ));
    }
    let names =
        |list: &Option<Vec<Spanned<String>>>| list.as_ref().map(|l| l.iter().map(|s| s.get_ref().clone()).collect());
    Ok(BoundTable {
        key: key.to_string(),
        each,
        by_schema,
        columns: names(&p.columns),
        rows: names(&p.rows),
    })
}

/// The span of part of a relation string in the rule file: exact for plain
/// strings, the whole string otherwise.
fn text_span(params: &Params<'_, '_>, text: &Spanned<String>, at: std::ops::Range<usize>) -> Span {
    let whole = to_span(text.span());
    let raw = params.source.slice(whole);
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    if inner == text.get_ref() {
        let start = (whole.start + 1 + at.start).min(whole.end);
        let end = (whole.start + 1 + at.end).min(whole.end).max(start);
        // Keep to char boundaries.
        let text = params.source.text();
        let mut s = start;
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = end;
        while !text.is_char_boundary(e) {
            e += 1;
        }
        Span::new(s, e)
    } else {
        whole
    }
}

fn unknown_name(
    params: &Params<'_, '_>,
    text: &Spanned<String>,
    schema: &TableSchema,
    block: &BlockSchema,
    each: Each,
    name: &Name,
) -> ConfigError {
    let (what, known): (&str, Vec<String>) = match each {
        Each::Row => ("column", block.columns.iter().map(|c| c.key.clone()).collect()),
        _ => (
            "row",
            block
                .rows
                .iter()
                .filter(|r| !r.implicit)
                .map(|r| r.key.clone())
                .collect(),
        ),
    };
    let mut err = params.error(
        text_span(params, text, name.at.clone()),
        format!("unknown {what} `{}` in table `{}`", name.text, schema.key),
    );
    if let Some(best) = known
        .iter()
        .map(|k| (crate::label::similarity(k, &name.text), k))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(s, _)| *s >= 0.6)
    {
        err = err.note(format!("did you mean `{}`?", best.1));
    }
    err.note(format!("{what}s of block `{}`: {}", block.key, known.join(", ")))
}

fn bind_relation(
    relation: &Relation,
    schema: &TableSchema,
    b: usize,
    block: &BlockSchema,
    each: Each,
    prose: bool,
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
    let bind = |t: &Term| -> Result<Bound, Name> {
        Ok(match t {
            Term::Const(n) => Bound::Const(*n),
            Term::Ref(n) if prose && n.text == "n" => Bound::Prose,
            Term::Ref(n) => match each {
                Each::Column => Bound::Row(find_row(n)?),
                Each::Row => Bound::Column(find_col(n)?),
                Each::Cell => return Err(n.clone()),
            },
            Term::Cell(r, c) => Bound::Cell(find_row(r)?, find_col(c)?),
            Term::Sum(n) => {
                if each == Each::Row {
                    return Err(n.clone());
                }
                let r = find_row(n)?;
                let children = schema.children(b, r);
                Bound::Rows(if children.is_empty() { vec![r] } else { children }, r)
            }
        })
    };
    let side = |terms: &[(Sign, Term)]| -> Result<Vec<(Sign, Bound)>, Name> {
        terms.iter().map(|(s, t)| Ok((*s, bind(t)?))).collect()
    };
    let left = side(&relation.left)?;
    let right = side(&relation.right)?;
    let term_name = |t: &Term| match t {
        Term::Ref(n) | Term::Sum(n) => Some(n.text.clone()),
        Term::Cell(r, c) => Some(format!("{}[{}]", r.text, c.text)),
        Term::Const(_) => None,
    };
    let primary = match primary {
        Some(p) => relation
            .left
            .iter()
            .position(|(_, t)| term_name(t).as_deref() == Some(p))
            .map(|i| (true, i))
            .or_else(|| {
                relation
                    .right
                    .iter()
                    .position(|(_, t)| term_name(t).as_deref() == Some(p))
                    .map(|i| (false, i))
            }),
        None => None,
    };
    Ok(BoundRelation {
        text: String::new(),
        block: b,
        left,
        op: relation.op,
        right,
        primary,
    })
}

struct TableSum {
    table: BoundTable,
}

/// One term's value and the cells it came from.
#[derive(Debug, Clone)]
pub(super) struct Value {
    pub(super) sign: Sign,
    pub(super) name: String,
    pub(super) value: Number,
    /// (span, value) of each cell used.
    pub(super) cells: Vec<(Span, Number)>,
    pub(super) is_group: bool,
}

/// The number in a row's column, if it holds a valid one. A negative count or
/// a fraction where a count belongs is reported by the `table` rules and, like a
/// blank, not used in sums.
pub(super) fn cell_number(schema: &TableSchema, block: usize, row: &Row, column: usize) -> Option<(Span, Number)> {
    let cell = row.cell(column)?;
    let kind = schema.blocks[block].columns.get(column)?.values;
    match cell.value {
        CellValue::Number(n) if n.is_negative() && kind != ValueKind::Signed => None,
        CellValue::Number(n) if !n.is_integer() && kind == ValueKind::Count => None,
        CellValue::Number(n) => Some((cell.span, n)),
        _ => None,
    }
}

impl Value {
    /// A term that is one cell.
    fn cell(sign: Sign, name: String, (span, value): (Span, Number)) -> Value {
        Value {
            sign,
            name,
            value,
            cells: vec![(span, value)],
            is_group: false,
        }
    }
}

/// Evaluate one side. `None` when a cell it needs is missing or not a number.
fn eval_side(
    terms: &[(Sign, Bound)],
    table: &Table,
    schema: &TableSchema,
    block: usize,
    at: At<'_>,
) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    for &(sign, ref term) in terms {
        let value = match term {
            Bound::Const(n) => Value {
                sign,
                name: n.to_string(),
                value: *n,
                cells: Vec::new(),
                is_group: false,
            },
            Bound::Prose => Value::cell(sign, "n".into(), at.prose?),
            Bound::Row(r) => Value::cell(
                sign,
                schema.row_name(block, *r),
                cell_number(schema, block, table.row(block, *r)?, at.column?)?,
            ),
            Bound::Column(k) => Value::cell(
                sign,
                schema.column_name(block, *k),
                cell_number(schema, block, at.row?, *k)?,
            ),
            Bound::Cell(r, k) => Value::cell(
                sign,
                format!("{}·{}", schema.row_name(block, *r), schema.column_name(block, *k)),
                cell_number(schema, block, table.row(block, *r)?, *k)?,
            ),
            Bound::Rows(rows, group) => {
                let mut cells = Vec::new();
                let mut total = Number::zero();
                for r in rows {
                    let c = cell_number(schema, block, table.row(block, *r)?, at.column?)?;
                    total = total + c.1;
                    cells.push(c);
                }
                // The sub-rows of a group, or the row itself when it has none.
                let is_group = rows.as_slice() != [*group];
                let name = schema.row_name(block, *group);
                Value {
                    sign,
                    name: if is_group { format!("Σ{name}") } else { name },
                    value: total,
                    cells,
                    is_group,
                }
            }
        };
        out.push(value);
    }
    Some(out)
}

pub(super) fn total(values: &[Value]) -> Number {
    values.iter().fold(Number::zero(), |acc, v| match v.sign {
        Sign::Plus => acc + v.value,
        Sign::Minus => acc - v.value,
    })
}

/// `一 + 二 = 1696 + 6 = 1702`
pub(super) fn describe(values: &[Value]) -> String {
    let mut names = String::new();
    let mut numbers = String::new();
    for (i, v) in values.iter().enumerate() {
        let op = match (i, v.sign) {
            (0, Sign::Plus) => "",
            (0, Sign::Minus) => "-",
            (_, Sign::Plus) => " + ",
            (_, Sign::Minus) => " - ",
        };
        let _ = write!(names, "{op}{}", v.name);
        let _ = write!(numbers, "{op}{}", v.value);
    }
    if values.len() == 1 {
        format!("{names} = {}", total(values))
    } else {
        format!("{names} = {numbers} = {}", total(values))
    }
}

/// Report a relation that does not hold, unless a cell already blamed explains it.
#[allow(clippy::too_many_arguments)]
pub(super) fn report_failure(
    ctx: &Context<'_>,
    out: &mut Reporter<'_>,
    relation: &BoundRelation,
    left: &[Value],
    right: &[Value],
    table_name: &str,
    column: String,
    row: String,
) {
    let (l, r) = (total(left), total(right));
    let difference = l - r;
    let diff_abs = difference.raw().abs();
    let involved: Vec<Span> = left
        .iter()
        .chain(right)
        .flat_map(|v| v.cells.iter().map(|c| c.0))
        .collect();
    if relation.op == Op::Eq
        && ctx
            .blamed
            .borrow()
            .iter()
            .any(|(span, d)| d.abs() == diff_abs && involved.contains(span))
    {
        return;
    }
    // The primary label goes on the total: the configured term, else the lone term
    // of one side, else the first of the left.
    let has_cell = |v: &Value| !v.cells.is_empty();
    let lone = |side: &[Value]| {
        (side.iter().filter(|v| has_cell(v)).count() == 1)
            .then(|| side.iter().position(has_cell))
            .flatten()
    };
    let chosen = relation
        .primary
        .filter(|&(l, i)| has_cell(if l { &left[i] } else { &right[i] }))
        .or_else(|| match (lone(left), lone(right)) {
            (Some(_), Some(i)) if left.iter().filter(|v| has_cell(v)).count() > 1 => Some((false, i)),
            (Some(i), _) => Some((true, i)),
            (None, Some(i)) => Some((false, i)),
            (None, None) => left
                .iter()
                .position(has_cell)
                .map(|i| (true, i))
                .or_else(|| right.iter().position(has_cell).map(|i| (false, i))),
        });
    let Some((p_left, p_index)) = chosen else {
        return;
    };
    let primary_value = if p_left { &left[p_index] } else { &right[p_index] };
    let primary_span = primary_value.cells[0].0;
    let mut finding = Finding::at(
        primary_span,
        ctx.tr(
            &format!("{} = {}", primary_value.name, primary_value.value),
            &format!("{} = {}", primary_value.name, primary_value.value),
        ),
    );
    // Secondary labels on the cells summed; zeros add nothing, so they are left out.
    let mut shown = 0;
    let mut hidden = 0;
    for v in left.iter().chain(right) {
        for &(span, n) in &v.cells {
            if span == primary_span || n.raw() == 0 {
                continue;
            }
            if shown < 8 {
                let label = if v.is_group {
                    format!("{} {}", v.name, n)
                } else {
                    format!("{} = {}", v.name, n)
                };
                finding = finding.secondary(span, label);
                shown += 1;
            } else {
                hidden += 1;
            }
        }
    }
    finding = finding
        .note(ctx.tr(
            &format!("{}，{}", describe(left), describe(right)),
            &format!("{}; {}", describe(left), describe(right)),
        ))
        .note(match relation.op {
            Op::Eq => ctx
                .tr(
                    &format!("相差 {}", abs(difference)),
                    &format!("difference: {}", abs(difference)),
                )
                .to_string(),
            op => ctx
                .tr(
                    &format!("应满足 {l} {} {r}", op.as_str()),
                    &format!("expected {l} {} {r}", op.as_str()),
                )
                .to_string(),
        });
    if hidden > 0 {
        finding = finding.note(ctx.tr(
            &format!("另有 {hidden} 个非零单元格参与求和"),
            &format!("{hidden} more non-zero cells are in the sum"),
        ));
    }
    finding = finding
        .arg("table", table_name)
        .arg("column", column)
        .arg("row", row)
        .arg("total", primary_value.name.clone())
        .arg("left", l.to_string())
        .arg("right", r.to_string())
        .arg("difference", abs(difference).to_string())
        .arg("relation", relation.text.clone());
    if relation.op == Op::Eq {
        ctx.blamed.borrow_mut().push((primary_span, diff_abs));
    }
    out.report(finding);
}

fn abs(n: Number) -> Number {
    if n.is_negative() { Number::zero() - n } else { n }
}

/// Where a relation is evaluated: in a column (each column), in a row (each
/// row), with the number found in the text (prose), or at named cells.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct At<'r> {
    pub(super) column: Option<usize>,
    pub(super) row: Option<&'r Row>,
    pub(super) prose: Option<(Span, Number)>,
}

/// Both sides of a relation, or `None` when a cell it needs is missing or not a
/// valid number.
pub(super) fn evaluate(
    relation: &BoundRelation,
    table: &Table,
    schema: &TableSchema,
    at: At<'_>,
) -> Option<(Vec<Value>, Vec<Value>)> {
    let side = |terms| eval_side(terms, table, schema, relation.block, at);
    Some((side(&relation.left)?, side(&relation.right)?))
}

impl Check for TableSum {
    fn scope(&self) -> Scope {
        Scope::Tables
    }

    fn run(&self, ctx: &Context<'_>, out: &mut Reporter<'_>) {
        let edition = out.edition().map(str::to_string);
        for table in ctx.tables(Some(&self.table.key), edition.as_deref()) {
            if table.readable != Readability::Ok {
                continue;
            }
            let Some((_, relations)) = self.table.by_schema.iter().find(|(s, _)| *s == table.schema) else {
                continue;
            };
            let schema = &ctx.format.tables[table.schema];
            let table_name = schema.name.get(ctx.lang);
            for relation in relations {
                let b = relation.block;
                // (where, and the column and row names for the message)
                let mut places: Vec<(At<'_>, Option<usize>, Option<usize>)> = Vec::new();
                match self.table.each {
                    Each::Column => {
                        for (c, col) in schema.blocks[b].columns.iter().enumerate() {
                            if self.table.columns.as_ref().is_none_or(|only| only.contains(&col.key)) {
                                places.push((
                                    At {
                                        column: Some(c),
                                        ..At::default()
                                    },
                                    Some(c),
                                    None,
                                ));
                            }
                        }
                    }
                    Each::Row => {
                        let Some(block) = table.block(b) else {
                            continue;
                        };
                        for row in block.rows.iter().filter(|r| !r.cells.is_empty()) {
                            let key = &schema.blocks[b].rows[row.index].key;
                            if self.table.rows.as_ref().is_none_or(|only| only.contains(key)) {
                                places.push((
                                    At {
                                        row: Some(row),
                                        ..At::default()
                                    },
                                    None,
                                    Some(row.index),
                                ));
                            }
                        }
                    }
                    Each::Cell => places.push((At::default(), None, None)),
                }
                for (at, column, row) in places {
                    let Some((left, right)) = evaluate(relation, table, schema, at) else {
                        continue;
                    };
                    if relation.op.holds(total(&left), total(&right)) {
                        continue;
                    }
                    // The message names the column (or row) checked, and the
                    // other from the first term.
                    let first = left.first().map(|v| v.name.clone()).unwrap_or_default();
                    let (column, row) = match (column, row) {
                        (Some(c), _) => (schema.column_name(b, c), first),
                        (_, Some(r)) => (first, schema.row_title(b, r)),
                        _ => (String::new(), String::new()),
                    };
                    report_failure(ctx, out, relation, &left, &right, table_name, column, row);
                }
            }
        }
    }
}
