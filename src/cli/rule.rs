//! `nianbao rule`: what a rule checks and why, its examples and its TOML; the
//! list of rules; the list of checks.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use nianbao::config::rule_text;
use nianbao::rules::{CheckEntry, Kind, REGISTRY, Rule};
use nianbao::{Lang, Linter};

use super::{RuleArgs, RuleFormat, Status, load_linter, stderr_is_terminal};

#[derive(Serialize)]
struct RuleView<'a> {
    id: &'a str,
    kind: &'a str,
    check: &'a str,
    severity: &'a str,
    edition: Option<&'a str>,
    message: &'a str,
    explanation: Option<&'a str>,
    check_doc: &'a str,
    examples: ExamplesView<'a>,
    /// `file:line` of the `[[rule]]` that defines it.
    defined_in: String,
    /// `file:line` of each `[[rule]]` that adjusts it.
    adjusted_in: Vec<String>,
    /// The definition as written, then each adjustment.
    toml: String,
}

#[derive(Serialize)]
struct ExamplesView<'a> {
    valid: &'a [String],
    invalid: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a str>,
}

fn place(linter: &Linter, span: nianbao::source::Span) -> String {
    match linter.sources.locate(span) {
        Some((id, local)) => {
            let file = linter.sources.file(id);
            format!("{}:{}", file.name(), file.position(local.start).line)
        }
        None => String::new(),
    }
}

fn check_of(rule: &Rule) -> Option<&'static CheckEntry> {
    REGISTRY.iter().find(|c| c.kind == rule.kind && c.name == rule.check)
}

fn view<'a>(linter: &'a Linter, rule: &'a Rule, lang: Lang) -> RuleView<'a> {
    let mut toml = rule_text(&linter.sources, rule.defined).to_string();
    for &span in &rule.adjusted {
        let _ = write!(
            toml,
            "\n\n# {} {}\n{}",
            lang.pick("调整于", "adjusted in"),
            place(linter, span),
            rule_text(&linter.sources, span)
        );
    }
    RuleView {
        id: &rule.id,
        kind: rule.kind.as_str(),
        check: rule.check,
        severity: rule.severity.map(|s| s.as_str()).unwrap_or("off"),
        edition: rule.edition.as_deref(),
        message: rule.message.get(lang),
        explanation: rule.explanation.as_ref().map(|e| e.get(lang)),
        check_doc: check_of(rule).map(|c| c.doc.get(lang)).unwrap_or(""),
        examples: ExamplesView {
            valid: &rule.examples.valid,
            invalid: &rule.examples.invalid,
            previous: rule.examples.previous.as_deref(),
        },
        defined_in: place(linter, rule.defined),
        adjusted_in: rule.adjusted.iter().map(|&s| place(linter, s)).collect(),
        toml,
    }
}

pub(crate) fn run(args: RuleArgs) -> io::Result<Status> {
    let linter = match load_linter(&args.ruleset, stderr_is_terminal()) {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let lang: Lang = args.lang.into();
    let mut out = io::stdout().lock();
    if args.checks {
        let text = match args.format {
            RuleFormat::Json => json(&checks_json(lang))?,
            RuleFormat::Markdown => checks_markdown(),
            RuleFormat::Text => checks_text(lang),
        };
        out.write_all(text.as_bytes())?;
        return Ok(Status::Clean);
    }
    let selected: Vec<&Rule> = match &args.id {
        Some(id) => match linter.rule(id) {
            Some(r) => vec![r],
            None => {
                let mut msg = format!("error: no rule `{id}`; `nianbao rule --all` lists them");
                if let Some(best) = nianbao::rulefile::did_you_mean(id, linter.rules.iter().map(|r| r.id.as_str())) {
                    msg.push_str(&format!("\n  = did you mean `{best}`?"));
                }
                writeln!(io::stderr(), "{msg}")?;
                return Ok(Status::Error);
            }
        },
        None => linter.rules.iter().collect(),
    };
    let views: Vec<RuleView<'_>> = selected.iter().map(|r| view(&linter, r, lang)).collect();
    let text = match args.format {
        RuleFormat::Json => json(&views)?,
        RuleFormat::Markdown => rules_markdown(&views),
        RuleFormat::Text if args.all => rules_table(&views),
        RuleFormat::Text => views.iter().map(|v| explain(v, lang)).collect::<Vec<_>>().join("\n"),
    };
    out.write_all(text.as_bytes())?;
    Ok(Status::Clean)
}

fn json<T: Serialize>(value: &T) -> io::Result<String> {
    let mut s = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    s.push('\n');
    Ok(s)
}

fn rules_table(views: &[RuleView<'_>]) -> String {
    let mut s = String::new();
    for v in views {
        let _ = writeln!(
            s,
            "{:<32} {:<10} {:<16} {:<8} {:<5} {}",
            v.id,
            v.kind,
            v.check,
            v.severity,
            v.edition.unwrap_or("all"),
            v.defined_in
        );
    }
    s
}

fn rules_markdown(views: &[RuleView<'_>]) -> String {
    let mut s = String::from("| id | kind | check | severity | edition | message |\n|---|---|---|---|---|---|\n");
    for v in views {
        let _ = writeln!(
            s,
            "| `{}` | {} | `{}` | {} | {} | {} |",
            v.id,
            v.kind,
            v.check,
            v.severity,
            v.edition.unwrap_or("all"),
            v.message.replace('|', "\\|")
        );
    }
    s
}

fn explain(v: &RuleView<'_>, lang: Lang) -> String {
    let label = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut s = String::new();
    let _ = writeln!(s, "{} ({} / {})\n", v.id, v.kind, v.check);
    let _ = writeln!(s, "{}: {}", label("级别", "severity"), v.severity);
    let _ = writeln!(
        s,
        "{}: {}",
        label("适用版本", "edition"),
        v.edition.unwrap_or(label("全部", "all"))
    );
    let _ = writeln!(s, "{}: {}", label("提示信息", "message"), v.message);
    let _ = writeln!(s, "{}: {}", label("定义于", "defined in"), v.defined_in);
    for a in &v.adjusted_in {
        let _ = writeln!(s, "{}: {a}", label("调整于", "adjusted in"));
    }
    if let Some(e) = v.explanation {
        let _ = writeln!(s, "\n{}", e.trim());
    }
    let _ = writeln!(
        s,
        "\n{} `{}/{}`: {}",
        label("检查", "check"),
        v.kind,
        v.check,
        v.check_doc
    );
    if let Some(last) = v.examples.previous {
        let _ = writeln!(
            s,
            "\n{}",
            label(
                "上年报告（下面的示例都与它一起检查）:",
                "last year's report (each example below is checked beside it):"
            )
        );
        for line in last.trim_end().lines() {
            let _ = writeln!(s, "    {line}");
        }
    }
    let mut examples = |title: &str, list: &[String]| {
        for (i, e) in list.iter().enumerate() {
            let _ = writeln!(s, "\n{title} {}:", i + 1);
            for line in e.trim_end().lines() {
                let _ = writeln!(s, "    {line}");
            }
        }
    };
    examples(label("应报告的示例", "raises it, example"), v.examples.invalid);
    examples(label("不应报告的示例", "does not raise it, example"), v.examples.valid);
    let _ = writeln!(
        s,
        "\n{}\n\n{}",
        label(
            "规则定义（复制到自己的规则文件，用 --rules 加载后修改；只改级别或参数时写 [[rule]] id = … 加要改的键即可）：",
            "The rule as defined (copy it into your own rule file and load it with --rules; to change only the severity or a parameter, write [[rule]] id = … with the keys to change):"
        ),
        v.toml
    );
    s
}

#[derive(Serialize)]
struct CheckView {
    kind: &'static str,
    check: &'static str,
    doc: &'static str,
    params: Vec<(&'static str, &'static str)>,
    placeholders: &'static [&'static str],
}

fn checks_json(lang: Lang) -> Vec<CheckView> {
    REGISTRY
        .iter()
        .map(|c| CheckView {
            kind: c.kind.as_str(),
            check: c.name,
            doc: c.doc.get(lang),
            params: c.params.iter().map(|p| (p.name, p.doc.get(lang))).collect(),
            placeholders: c.placeholders,
        })
        .collect()
}

fn checks_text(lang: Lang) -> String {
    let mut s = String::new();
    for kind in Kind::ALL {
        let _ = writeln!(s, "{kind}: {}\n", kind.doc().get(lang));
        for c in REGISTRY.iter().filter(|c| c.kind == kind) {
            let _ = writeln!(s, "  {kind}/{}: {}", c.name, c.doc.get(lang));
            for p in c.params {
                let _ = writeln!(s, "      {}: {}", p.name, p.doc.get(lang));
            }
        }
        s.push('\n');
    }
    s
}

/// The README's "Rule kinds and checks" section, in English.
pub(crate) fn checks_markdown() -> String {
    let lang = Lang::En;
    let mut s = String::new();
    for kind in Kind::ALL {
        let _ = writeln!(s, "#### Kind `{kind}`\n\n{}\n", kind.doc().get(lang));
        for c in REGISTRY.iter().filter(|c| c.kind == kind) {
            let _ = writeln!(s, "- **`{}`**: {}", c.name, c.doc.get(lang));
            for p in c.params {
                let _ = writeln!(s, "  - `{}`: {}", p.name, p.doc.get(lang));
            }
            if !c.placeholders.is_empty() {
                let names: Vec<String> = c.placeholders.iter().map(|p| format!("`{{{p}}}`")).collect();
                let _ = writeln!(s, "  - message placeholders: {}", names.join(", "));
            }
        }
        s.push('\n');
    }
    s
}
