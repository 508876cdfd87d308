//! `nianbao rule`: what a rule checks and why, from its rule file and its kind.

use std::io::{self, Write};

use serde::Serialize;

use nianbao::Lang;
use nianbao::config::Config;
use nianbao::rules::{self, Rule};

use super::{DumpFormat, RuleArgs, Status, load_config, stderr_is_terminal};

#[derive(Serialize)]
struct RuleView<'a> {
    id: &'a str,
    kind: &'a str,
    severity: &'a str,
    edition: Option<&'a str>,
    message: &'a str,
    explanation: Option<&'a str>,
    kind_doc: &'a str,
    defined_in: &'a str,
}

fn view<'a>(config: &'a Config, rule: &'a Rule, lang: Lang) -> RuleView<'a> {
    RuleView {
        id: &rule.id,
        kind: rule.kind,
        severity: rule.severity.map(|s| s.as_str()).unwrap_or("off"),
        edition: rule.edition.as_deref(),
        message: rule.message.get(lang),
        explanation: rule.explanation.as_ref().map(|e| e.get(lang)),
        kind_doc: rules::kind(rule.kind).map(|k| k.doc.get(lang)).unwrap_or(""),
        defined_in: config.sources[rule.origin.0].name(),
    }
}

pub(crate) fn run(args: RuleArgs) -> io::Result<Status> {
    let config = match load_config(&args.ruleset, stderr_is_terminal()) {
        Ok(c) => c,
        Err(status) => return Ok(status),
    };
    let lang: Lang = args.lang.into();
    let selected: Vec<&Rule> = match &args.id {
        Some(id) => match config.rule(id) {
            Some(r) => vec![r],
            None => {
                writeln!(io::stderr(), "error: no rule `{id}`; `nianbao rule --all` lists them")?;
                return Ok(Status::Error);
            }
        },
        None => config.rules.iter().collect(),
    };
    let mut out = io::stdout().lock();
    match args.format {
        DumpFormat::Json => {
            let views: Vec<RuleView<'_>> = selected.iter().map(|r| view(&config, r, lang)).collect();
            let mut s = serde_json::to_string_pretty(&views).map_err(io::Error::other)?;
            s.push('\n');
            out.write_all(s.as_bytes())?;
        }
        DumpFormat::Text if args.all => {
            for r in selected {
                let v = view(&config, r, lang);
                writeln!(
                    out,
                    "{:<32} {:<11} {:<8} {:<6} {}",
                    v.id,
                    v.kind,
                    v.severity,
                    v.edition.unwrap_or("all"),
                    v.message
                )?;
            }
        }
        DumpFormat::Text => {
            for r in selected {
                let v = view(&config, r, lang);
                writeln!(out, "{} ({})", v.id, v.kind)?;
                writeln!(out)?;
                let label = |zh: &'static str, en: &'static str| lang.pick(zh, en);
                writeln!(out, "{}: {}", label("级别", "severity"), v.severity)?;
                writeln!(
                    out,
                    "{}: {}",
                    label("适用版本", "edition"),
                    v.edition.unwrap_or(label("全部", "all"))
                )?;
                writeln!(out, "{}: {}", label("提示信息", "message"), v.message)?;
                writeln!(out, "{}: {}", label("定义于", "defined in"), v.defined_in)?;
                if let Some(e) = v.explanation {
                    writeln!(out, "\n{}", e.trim())?;
                }
                writeln!(
                    out,
                    "\n{} `{}`:\n{}",
                    label("规则类型", "rule kind"),
                    v.kind,
                    v.kind_doc
                )?;
            }
        }
    }
    Ok(Status::Clean)
}
