//! Relations between the cells of a table.

use serde::Deserialize;
use toml::Spanned;

use crate::model::Readability;
use crate::relation::bind::BindSpec;
use crate::relation::eval::PreviousTable;
use crate::relation::report::Place;
use crate::relation::{At, BoundTable, Each, FAILURE_PLACEHOLDERS, bind, evaluate, failure, places, total};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct Relation {
    table: BoundTable,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    table: Option<Spanned<String>>,
    relation: Option<Spanned<String>>,
    relations: Option<Vec<Spanned<String>>>,
    each: Option<Spanned<String>>,
    columns: Option<Vec<Spanned<String>>>,
    rows: Option<Vec<Spanned<String>>>,
    primary: Option<Spanned<String>>,
}

impl CheckType for Relation {
    const KIND: Kind = Kind::Sum;
    const NAME: &'static str = "relation";
    const DOC: Doc = Doc {
        zh: "表格单元格之间的关系式（==、!=、>=、<=、>、<）。each = \"column\" 时名称是行，逐列检查（new + carried == total + \
carried_next）；each = \"row\" 时名称是列，逐行检查；each = \"cell\" 时名称是单元格 row[column]，只查一次。sum(组) 是组下各子行之和，\
数字是常数。previous(x) 是同一机关上一年度报告中的 x（--previous 指定，或在同批文件中按文件名找到）：\
含它的关系式只在有上年报告时检查。主标注在总数上。",
        en: "A relation between cells (==, !=, >=, <=, >, <). With each = \"column\" names are rows and the relation \
holds in every column (new + carried == total + carried_next); with each = \"row\" names are columns and it holds in \
every row; with each = \"cell\" names are cells, row[column], checked once. sum(group) is a group's sub-rows; a \
number is a constant. previous(x) is x in the same agency's report for the year before (--previous, or found in \
the batch by its file name): such a relation is checked only beside that report. The primary label goes on the \
total.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "table",
            doc: Doc {
                zh: "哪张表（key 或别名，如 三）",
                en: "which table (key or alias, e.g. 三)",
            },
        },
        ParamDoc {
            name: "relation",
            doc: Doc {
                zh: "关系式",
                en: "the relation",
            },
        },
        ParamDoc {
            name: "relations",
            doc: Doc {
                zh: "几个关系式，同一条规则",
                en: "several relations under one rule",
            },
        },
        ParamDoc {
            name: "each",
            doc: Doc {
                zh: "column（默认）、row 或 cell",
                en: "column (default), row or cell",
            },
        },
        ParamDoc {
            name: "columns",
            doc: Doc {
                zh: "each = column 时只查这些列（键名）",
                en: "with each = column, only these columns (keys)",
            },
        },
        ParamDoc {
            name: "rows",
            doc: Doc {
                zh: "each = row 时只查这些行（键名）",
                en: "with each = row, only these rows (keys)",
            },
        },
        ParamDoc {
            name: "primary",
            doc: Doc {
                zh: "主标注放在关系式中的哪个名称上（默认：一边只有一项时的那一项）",
                en: "which name in the relation gets the primary label (default: the lone term of one side)",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = FAILURE_PLACEHOLDERS;
    const SCOPE: Scope = Scope::Tables;
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let each = match &p.each {
            None => Each::Column,
            Some(e) => {
                cx.one_of(e, &["column", "row", "cell"])?;
                match e.get_ref().as_str() {
                    "column" => Each::Column,
                    "row" => Each::Row,
                    _ => Each::Cell,
                }
            }
        };
        if let (Some(c), false) = (&p.columns, each == Each::Column) {
            return Err(cx.error_at(&c[0], "`columns` only applies with `each = \"column\"`"));
        }
        if let (Some(r), false) = (&p.rows, each == Each::Row) {
            return Err(cx.error_at(&r[0], "`rows` only applies with `each = \"row\"`"));
        }
        let only = p.columns.as_ref().or(p.rows.as_ref());
        let mut relations: Vec<&Spanned<String>> = p.relation.iter().collect();
        relations.extend(p.relations.iter().flatten());
        let table = bind(BindSpec {
            sources: cx.sources,
            format: cx.format,
            edition: cx.edition,
            rule: cx.rule,
            table: p.table.as_ref(),
            relations,
            each,
            primary: p.primary.as_ref(),
            only: only.map(|l| l.iter().map(|s| s.get_ref().clone()).collect()),
            text_number: false,
        })?;
        Ok(Relation { table })
    }

    fn relations(&self) -> Option<&BoundTable> {
        Some(&self.table)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let units = &cx.format.units;
        for table in cx.tables(Some(&self.table.key), out.edition()) {
            // A table too broken to read as a whole still has rows that stand
            // alone: their own relations are checked, nothing across rows.
            let partly = table.readable != Readability::Ok;
            if partly && self.table.each != Each::Row {
                continue;
            }
            let Some((_, relations)) = self.table.by_schema.iter().find(|(s, _)| *s == table.schema) else {
                continue;
            };
            let schema = &cx.format.tables[table.schema];
            let previous = cx
                .previous
                .filter(|p| p.fits)
                .and_then(|p| p.table(&self.table.key))
                .map(|t| PreviousTable {
                    table: t,
                    schema: &cx.format.tables[t.schema],
                    prefix: cx.tr("上年报告·", "last year's "),
                });
            for relation in relations {
                if relation.uses_previous && previous.is_none() {
                    continue;
                }
                let b = relation.block;
                // Where to evaluate, with the column or row index for the message.
                for at in places(&self.table, relation, table, schema) {
                    if partly && !at.row.is_some_and(|r| r.stands_alone(cx.doc.source.text())) {
                        continue;
                    }
                    let at = At { previous, ..at };
                    let (column, row) = match self.table.each {
                        Each::Column => (at.column, None),
                        Each::Row => (None, at.row.map(|r| r.index)),
                        Each::Cell => (None, None),
                    };
                    let quick = At { unnamed: true, ..at };
                    let Some((left, right)) = evaluate(relation, table, schema, units, quick) else {
                        continue;
                    };
                    if relation.op.holds(total(&left), total(&right)) {
                        continue;
                    }
                    // It fails: evaluated again, named, to be described.
                    let Some((left, right)) = evaluate(relation, table, schema, units, at) else {
                        continue;
                    };
                    // The message names the column (or row) checked, and the other
                    // from the first term.
                    let first = left.first().map(|v| v.name.clone()).unwrap_or_default();
                    let (column, row) = match (column, row) {
                        (Some(c), _) => (schema.column_name(b, c), first),
                        (_, Some(r)) => (first, schema.row_title(b, r)),
                        _ => (String::new(), String::new()),
                    };
                    let place = Place {
                        table: schema.name.get(cx.lang),
                        column,
                        row,
                    };
                    if let Some(f) = failure(cx.lang, relation, &left, &right, place) {
                        out.report(if partly {
                            f.note(cx.tr(
                                "整张表读不全，这一行单独成行、各格分隔清楚，只核对了本行",
                                "the table as a whole could not be read; this row stands alone on its line, its cells \
marked, and only the row itself was checked",
                            ))
                        } else {
                            f
                        });
                    }
                }
            }
        }
    }
}
