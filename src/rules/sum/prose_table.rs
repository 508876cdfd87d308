//! A number stated in the text against a table's cells: `共收到申请N件` = 表三 一.

use serde::Deserialize;
use toml::Spanned;

use super::SENTENCE_ENDS;
use crate::label::is_space;
use crate::model::{Readability, ReportYear};
use crate::number::{Number, parse_number};
use crate::pattern::Pattern;
use crate::relation::bind::BindSpec;
use crate::relation::report::Place;
use crate::relation::{At, BoundTable, Each, FAILURE_PLACEHOLDERS, bind, evaluate, failure, names, total};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};
use crate::source::Span;

pub struct ProseTable {
    table: BoundTable,
    /// Each with whether it has no anchors or word boundaries: such a pattern
    /// that finds nothing in the whole text finds nothing in a sentence.
    patterns: Vec<(Pattern, bool)>,
    exclude: Vec<Pattern>,
    exclude_next: Vec<Pattern>,
    exclude_before: Vec<Pattern>,
    clause_lead: Option<Pattern>,
    other_units: Vec<Pattern>,
    /// Other readings of the text's number: when one holds, no finding.
    unless: Option<BoundTable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    table: Spanned<String>,
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    exclude_next: Vec<Spanned<String>>,
    #[serde(default)]
    exclude_before: Vec<Spanned<String>>,
    clause_lead: Option<Spanned<String>>,
    #[serde(default)]
    other_units: Vec<Spanned<String>>,
    relation: Option<Spanned<String>>,
    relations: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
}

impl CheckType for ProseTable {
    const KIND: Kind = Kind::Sum;
    const NAME: &'static str = "prose-table";
    const DOC: Doc = Doc {
        zh: "正文中的数字与表格单元格比较：patterns 中的正则（命名组 n）从正文取数，关系式中的 n 就是它，单元格写作 row[column]\
（如 n == new[total]）。分句含 exclude 中的正则（上年、其中……）时不取；分句之前写着报告年度以外的年份（2020年共收到……、\
与2020年……相比）时不取；有命名组 year 时，年份不是报告年度的也不取；有命名组 next_year 时（结转至2026年），\
年份不是报告年度的下一年也不取；句中之前的文字说明是多年累计（文档的 several-years）时也不取。\
n 可以写成汉字（四十二件、一百零五件、三千一百二十一件），整个读出；约数（数十件、上百件）不取。",
        en: "A number in the text against table cells: the regexes in `patterns` (named group n) take it from the \
text, the relation calls it n and names cells as row[column] (n == new[total]). Clauses matching an `exclude` regex \
(last year, a subset…) are left alone, as are those led by another year than the report's (2020年共收到……, \
与2020年……相比), matches whose named group `year`, if any, is not the report year, or whose named group `next_year` \
(carried to 2026) is not the year after it, or whose sentence before them says they count several years \
(the document's `several-years`). n may be written in Chinese numerals (四十二件, 一百零五件, 三千一百二十一件), read \
whole; a guess (数十件, 上百件) is not taken.",
    };
    const PARAMS: &'static [ParamDoc] = &[
        ParamDoc {
            name: "table",
            doc: Doc {
                zh: "哪张表（key 或别名）",
                en: "which table (key or alias)",
            },
        },
        ParamDoc {
            name: "patterns",
            doc: Doc {
                zh: "从正文取数的正则，数字在命名组 n 中；可选命名组 year：年份不是报告年度时不取；可选命名组 next_year：\
年份不是报告年度的下一年时不取；可选命名组 at：分句从这里算起（前面只是上下文，如“……申请54件，”之后的“办结54件”）；命名组 n 什么也不匹配时（未收到政府信息公开申请(?P<n>)），正文说的是没有，即 0",
                en: "regexes that take the number from the text, in a named group n; an optional named group year \
skips the match unless it is the report year, an optional group next_year unless it is the year after; an optional \
group at starts the clause there (what comes before is context: 办结54件 after ……申请54件，); a group n that \
matches nothing (未收到政府信息公开申请(?P<n>)) says there were none: 0",
            },
        },
        ParamDoc {
            name: "exclude",
            doc: Doc {
                zh: "分句含这些正则时不取数",
                en: "clauses matching any of these are skipped",
            },
        },
        ParamDoc {
            name: "exclude-next",
            doc: Doc {
                zh: "紧接的下一分句含这些正则时不取数（如“全区收到申请1260件，其中我局收到54件”：前者是全区的总数）",
                en: "a match whose next clause matches any of these is skipped (全区收到申请1260件，其中我局收到54件: the \
first is the whole area's)",
            },
        },
        ParamDoc {
            name: "exclude-before",
            doc: Doc {
                zh: "句子开头到所取数字之间含这些正则时不取数（如“作为行政复议机关，全年收到……15件”“办理人大代表建议……，结转下年度2件”：\
说的是别的事）",
                en: "a match whose sentence matches any of these up to its number is skipped (作为行政复议机关，全年收到……15件; \
办理人大代表建议……，结转下年度2件: about something else)",
            },
        },
        ParamDoc {
            name: "clause-lead",
            doc: Doc {
                zh: "分句开头到匹配之间的文字须与之匹配（正则，如 “(?:^|[、：:])\\s*(?:其中\\s*[：:]?)?\\s*$”：匹配须开启分句）",
                en: "what may stand between the start of the clause and a match (a regex the text before the match must \
match, such as “(?:^|[、：:])\\s*(?:其中\\s*[：:]?)?\\s*$”: the match opens its clause)",
            },
        },
        ParamDoc {
            name: "other-units",
            doc: Doc {
                zh: "分句开头到匹配之间（去掉标题中的本机关名称后）出现这些正则时，数字是别的单位的（如“区住建局全年共收到……20件”），不取",
                en: "between the start of the clause and a match, with the agency's own name (from the title) taken out, \
what names another unit (regexes): its figure is not compared (区住建局全年共收到……20件)",
            },
        },
        ParamDoc {
            name: "relation",
            doc: Doc {
                zh: "关系式，n 是正文中的数字",
                en: "the relation; n is the number in the text",
            },
        },
        ParamDoc {
            name: "relations",
            doc: Doc {
                zh: "几个关系式",
                en: "several relations",
            },
        },
        ParamDoc {
            name: "unless",
            doc: Doc {
                zh: "正文数字的其他读法（关系式）：其中之一成立，或所需单元格读不出而无法判断时，就不报告（如“共受理749件”含上年结转：\
n == new[total] + carried[total]）",
                en: "other readings of the text's number (relations): when one holds, or a cell it needs cannot be read so \
it cannot be ruled out, nothing is reported (共受理749件 counting the carried-over ones too: n == new[total] + \
carried[total])",
            },
        },
    ];
    const PLACEHOLDERS: &'static [&'static str] = FAILURE_PLACEHOLDERS;
    const SCOPE: Scope = Scope::Tables;
    type Params = Params;

    fn compile(p: Params, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        let patterns = cx.regexes(&p.patterns)?;
        if patterns.is_empty() {
            return Err(cx.rule_error("`patterns` needs at least one regex with a named group `n`"));
        }
        for (re, spec) in patterns.iter().zip(&p.patterns) {
            if !re.has_group("n") {
                return Err(cx.error_at(
                    spec,
                    "this pattern has no named group `n` for the number: write `(?P<n>\\d+)`",
                ));
            }
        }
        let mut relations: Vec<&Spanned<String>> = p.relation.iter().collect();
        relations.extend(p.relations.iter().flatten());
        // The relations on cells of `table`, with the text's number as `n`.
        let bind_cells = |relations: Vec<&Spanned<String>>| {
            bind(BindSpec {
                sources: cx.sources,
                format: cx.format,
                edition: cx.edition,
                rule: cx.rule,
                table: Some(&p.table),
                relations,
                each: Each::Cell,
                primary: None,
                only: None,
                text_number: true,
            })
        };
        let table = bind_cells(relations)?;
        let unless = (!p.unless.is_empty())
            .then(|| bind_cells(p.unless.iter().collect()))
            .transpose()?;
        let patterns = patterns
            .into_iter()
            .map(|re| {
                let free = re.has_no_assertions();
                (re, free)
            })
            .collect();
        Ok(ProseTable {
            table,
            patterns,
            exclude: cx.regexes(&p.exclude)?,
            exclude_next: cx.regexes(&p.exclude_next)?,
            exclude_before: cx.regexes(&p.exclude_before)?,
            clause_lead: p.clause_lead.as_ref().map(|l| cx.regex(l)).transpose()?,
            other_units: cx.regexes(&p.other_units)?,
            unless,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let doc = cx.doc;
        let units = &cx.format.units;
        let Some(table) = cx
            .tables(Some(&self.table.key), out.edition())
            .find(|t| t.readable == Readability::Ok)
        else {
            return;
        };
        let Some((_, relations)) = self.table.by_schema.iter().find(|(s, _)| *s == table.schema) else {
            return;
        };
        let unless: &[_] = self
            .unless
            .as_ref()
            .and_then(|u| u.by_schema.iter().find(|(s, _)| *s == table.schema))
            .map_or(&[], |(_, r)| r.as_slice());
        let schema = &cx.format.tables[table.schema];
        // Read with wrapped lines joined: `答⏎复 3050 件`.
        let joined = doc.joined();
        let whole_text = joined.text.as_str();
        let live: Vec<&Pattern> = self
            .patterns
            .iter()
            // A free pattern is tried on the whole text; any other needs its words there.
            .filter(|(re, free)| match free {
                true => re.may_match(whole_text),
                false => re.may_match_within(whole_text),
            })
            .map(|(re, _)| re)
            .collect();
        if live.is_empty() {
            return;
        }
        let agency = if self.other_units.is_empty() {
            None
        } else {
            doc.agency()
        };
        let mut seen: Vec<Span> = Vec::new();
        for &sentence in joined.sentences(SENTENCE_ENDS).iter() {
            let text = joined.slice(sentence);
            for re in &live {
                for c in re.captures_iter(text) {
                    let Some(m) = c.name("n") else { continue };
                    // `exclude` looks at the clause of the match, not the whole
                    // sentence: `新收申请42件，上年结转3件` is still about this year.
                    let matched = c.get(0).unwrap();
                    // What comes before the group `at` is context, not the clause.
                    let whole = c.name("at").map_or(matched.range(), |at| at.start()..matched.end());
                    let clause_start = clause_start_at(text, whole.start);
                    // A match that ends with its clause's mark (`未收到申请，`)
                    // ends its clause there, not the next one's.
                    let own_end = text[..whole.end]
                        .strip_suffix(['，', '；', '。', ',', ';'])
                        .map_or(whole.end, str::len)
                        .max(whole.start);
                    let clause_end = clause_end_at(text, own_end);
                    // The context's own clause may say whose figure it is
                    // (`政务服务窗口共收到申请320件，办结318件`).
                    if whole.start != matched.start() {
                        let context = clause_start_at(text, matched.start())..clause_end_at(text, matched.start());
                        if self.exclude.iter().any(|re| re.is_match(&text[context.clone()])) {
                            continue;
                        }
                    }
                    // A clause of a word or two before it belongs to it: `其中，局属…`.
                    let lead_start = clause_before(text, clause_start)
                        .filter(|&at| text[at..clause_start].chars().count() <= 5)
                        .unwrap_or(clause_start);
                    // A part (`其中上年结转1件`) is of the clause before it that
                    // counts the whole, whose subject it keeps: `本年度行政复议5件，
                    // 其中……` (past a clause without a count: `，同比增长15%，`).
                    let part = text[clause_start..].trim_start_matches(is_space).starts_with("其中");
                    // An aside in brackets is not whose whole it is: `办结17件
                    // （含上年结转3件），其中……` counts this year's.
                    let whole_clause = part
                        .then(|| whole_of_part(text, clause_start))
                        .flatten()
                        .map_or(String::new(), |r| without_brackets(&text[r]));
                    let clause = &text[lead_start.min(whole.start)..clause_end];
                    if self
                        .exclude
                        .iter()
                        .any(|re| re.is_match(clause) || re.is_match(&whole_clause))
                    {
                        continue;
                    }
                    // The clause after it may say the figure is a whole of
                    // which the agency's is a part (`……1260件，其中我局收到54件`).
                    if !self.exclude_next.is_empty() && clause_end < text.len() {
                        let next_start = clause_end + text[clause_end..].chars().next().map_or(0, char::len_utf8);
                        let next = &text[next_start..clause_end_at(text, next_start)];
                        if self.exclude_next.iter().any(|re| re.is_match(next)) {
                            continue;
                        }
                    }
                    // Another year's figure: `2020年共收到申请40件`, `与2020年收到的40件相比`;
                    // a sentence's opening `2020年，` counts too.
                    let opening = clause_before(text, clause_start)
                        .filter(|&at| at == 0 && text[..clause_start].chars().count() <= 10)
                        .unwrap_or(clause_start);
                    // With `at`, from the context's clause: `2019年共收到……40件，办结40件`.
                    let opening = opening.min(clause_start_at(text, matched.start()));
                    let before = &text[opening.min(whole.start)..whole.start];
                    if let Some(report) = doc.report_year
                        && crate::years::years(before)
                            .any(|y| crate::label::parse_year(&before[y.digits]) != Some(report.year))
                    {
                        continue;
                    }
                    // The sentence up to the count says it is of something else
                    // (`作为行政复议机关，……`; `行政许可申请1260件，已办结……`).
                    if self.exclude_before.iter().any(|re| re.is_match(&text[..m.start()])) {
                        continue;
                    }
                    // A count over several years (`自2008年《条例》施行以来，累计办理……`), the
                    // match's own words too (`截至2021年底，本局累计办理……`).
                    if spans_several_years(
                        &cx.format.document,
                        &text[..m.start()],
                        clause_start_at(text, m.start()),
                        doc.report_year,
                    ) {
                        continue;
                    }
                    // Another unit's figure (`区住建局全年共收到……20件`), not the agency's own.
                    if !self.other_units.is_empty() {
                        let lead = &text[clause_start.min(whole.start)..whole.start];
                        let lead = match &agency {
                            Some(a) if !a.is_empty() => lead.replace(a.as_str(), ""),
                            _ => lead.to_string(),
                        };
                        if self.other_units.iter().any(|re| re.is_match(&lead)) {
                            continue;
                        }
                    }
                    if let Some(lead) = &self.clause_lead
                        && !lead.is_match(&text[clause_start.min(whole.start)..whole.start])
                    {
                        continue;
                    }
                    // A sentence led by its year (`2023年收到申请17件`) is about
                    // the report year only when it names it.
                    if let (Some(y), Some(report)) = (c.name("year"), doc.report_year)
                        && crate::label::parse_year(y.as_str()) != Some(report.year)
                    {
                        continue;
                    }
                    // Carried to the next year by its name: `结转至2026年6件`.
                    if let Some(y) = c.name("next_year")
                        && doc
                            .report_year
                            .is_none_or(|report| crate::label::parse_year(y.as_str()) != Some(report.year + 1))
                    {
                        continue;
                    }
                    // A group `n` that matches nothing says there were none
                    // (`未收到政府信息公开申请`): 0, shown on the words that say so.
                    let (n, said) = match m.as_str() {
                        "" => {
                            let words = matched
                                .as_str()
                                .trim_end_matches(|c: char| is_space(c) || "。；，,、;".contains(c));
                            (Number::zero(), matched.start()..matched.start() + words.len())
                        }
                        // A count in words (`收到申请两件`, `一百零五件`), whole: not the end
                        // of a larger one or a guess (`一万零五件`, `数十件`), nor words (`一件一件`).
                        digits => match parse_number(digits, units).or_else(|| {
                            let before = text[..m.start()].chars().next_back();
                            let after = text[m.end()..].trim_start_matches(is_space);
                            let unit = after.chars().next();
                            let next = after.chars().nth(1);
                            let whole = !before.is_some_and(|c| "数几多余近约逾上百千万零〇第".contains(c))
                                && matches!(unit, Some('件' | '宗'))
                                && !next.is_some_and(|c| "一二两三四五六七八九十事".contains(c));
                            whole
                                .then(|| crate::label::parse_cn_count(digits))
                                .flatten()
                                .map(|n| Number::from_int(n.into()))
                        }) {
                            Some(n) => (n, m.range()),
                            None => continue,
                        },
                    };
                    let span = joined.source_span(Span::new(sentence.start + said.start, sentence.start + said.end));
                    if seen.contains(&span) {
                        continue;
                    }
                    seen.push(span);
                    for relation in relations {
                        let at = At {
                            text: Some((span, n)),
                            ..At::default()
                        };
                        let Some((mut left, mut right)) = evaluate(relation, table, schema, units, at) else {
                            continue;
                        };
                        for v in left.iter_mut().chain(right.iter_mut()).filter(|v| v.name == "n") {
                            v.name = cx.tr("正文", "the text").to_string();
                        }
                        if relation.op.holds(total(&left), total(&right)) {
                            continue;
                        }
                        // The other readings: one that holds is what the text meant.
                        let mut others = Vec::new();
                        let mut meant = false;
                        for r in unless {
                            // A reading the table cannot tell (a cell it needs is
                            // unreadable) is not ruled out: nothing is said.
                            let Some((l, r2)) = evaluate(r, table, schema, units, at) else {
                                meant = true;
                                break;
                            };
                            meant |= r.op.holds(total(&l), total(&r2));
                            // The side without the text's number, in the table's words.
                            let side = if l.iter().any(|v| v.name == "n") { &r2 } else { &l };
                            others.push((names(side), total(side)));
                        }
                        if meant {
                            continue;
                        }
                        let place = Place {
                            table: schema.name.get(cx.lang),
                            column: String::new(),
                            row: String::new(),
                        };
                        if let Some(mut f) = failure(cx.lang, relation, &left, &right, place) {
                            for (terms, value) in others {
                                f = f.note(cx.tr(
                                    &format!("也不等于另一种读法 {terms} = {value}"),
                                    &format!("nor the other reading {terms} = {value}"),
                                ));
                            }
                            out.report(f);
                        }
                    }
                }
            }
        }
    }
}

/// Where the clause holding `at` starts.
fn clause_start_at(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(_, ch)| matches!(ch, '，' | '；' | '。' | ',' | ';'))
        .map_or(0, |(i, ch)| i + ch.len_utf8())
}

/// Where the clause holding `at` ends.
fn clause_end_at(text: &str, at: usize) -> usize {
    text[at..]
        .find(['，', '；', '。', ',', ';'])
        .map_or(text.len(), |i| at + i)
}

/// Where the clause before the one starting at `start` starts, if there is one.
/// The clause that counts the whole of a part starting at `start`: the
/// nearest of the three clauses before it with a count (`件`, `宗`).
fn whole_of_part(text: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let mut end = start;
    for _ in 0..3 {
        let at = clause_before(text, end)?;
        if text[at..end].contains(['件', '宗']) {
            return Some(at..end);
        }
        end = at;
    }
    None
}

/// `text` without its asides in brackets (`（含上年结转3件）`, `（包括……）`):
/// a bracket saying what the whole is (`（上年结转）`) stays.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['（', '(']) {
        let inside = &rest[open..];
        let first = inside.chars().next().map_or(1, char::len_utf8);
        let aside = ["含", "包括", "包含", "其中", "另含"].iter().any(|w| {
            inside[first..]
                .trim_start_matches(crate::label::is_space)
                .starts_with(w)
        });
        let Some(close) = inside.find(['）', ')']).filter(|_| aside) else {
            out.push_str(&rest[..open + first]);
            rest = &rest[open + first..];
            continue;
        };
        out.push_str(&rest[..open]);
        rest = &inside[close + inside[close..].chars().next().map_or(1, char::len_utf8)..];
    }
    out.push_str(rest);
    out
}

fn clause_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].strip_suffix(['，', '；', ',', ';'])?;
    Some(clause_start_at(before, before.len()))
}

/// Whether the words before a count in its sentence make it a count over more
/// than the report year; a match whose group `year` names the report year is
/// the year's own (`2021年以来` in the report for 2021), and so is a count
/// after the report year named later (`……累计523件，其中2021年54件`) or a word
/// for it in the count's own clause (`the_year`: `……施行以来，……，全年共收到……`;
/// not `近三年内`, `截至本年度末，累计……`).
fn spans_several_years(
    document: &crate::format::DocumentPatterns,
    before: &str,
    clause_start: usize,
    report: Option<ReportYear>,
) -> bool {
    let is_report = |y: &str| report.is_some_and(|r| crate::label::parse_year(y) == Some(r.year));
    let last = document
        .several_years
        .iter()
        .flat_map(|re| re.captures_iter(before))
        .filter(|c| !c.name("year").is_some_and(|y| is_report(y.as_str())))
        .filter_map(|c| c.get(0).map(|m| m.range()))
        .max_by_key(|r| r.start);
    let Some(words) = last else {
        return false;
    };
    let after = &before[words.end..];
    // The count's own clause, words that open in it left out (`近三年内` holds no
    // `年内`); of words from an earlier clause, the part in it counts (`截至年底，
    // 我局全年累计`).
    let clause_start = clause_start.min(before.len());
    let own: Vec<&str> = if words.start >= clause_start {
        vec![&before[clause_start..words.start], after]
    } else {
        vec![&before[clause_start..]]
    };
    !crate::years::years(after).any(|y| is_report(&after[y.digits]))
        && !own
            .iter()
            .any(|part| document.the_year.iter().any(|re| re.is_match(part)))
}
