//! `nianbao config`: the settings a file gets, and where each comes from.

use std::fmt::Write as _;
use std::io::{self, Write};

use nianbao::Lang;
use nianbao::settings::Origin;

use super::{ConfigArgs, Session, Status};

pub(crate) fn run(args: ConfigArgs) -> io::Result<Status> {
    let mut session = match Session::new(&args.ruleset.source, &args.ruleset, Some(&args.select)) {
        Ok(s) => s,
        Err(status) => return Ok(status),
    };
    if let Some(l) = args.lang {
        session.cli.lang = Some(l.into());
    }
    let settings = match session.settings(&args.path) {
        Ok(s) => s,
        Err(status) => return Ok(status),
    };
    let linter = match session.linter(&settings) {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let severities = match settings.severities(&linter.rules, &session.configs.sources) {
        Ok(s) => s,
        Err(e) => return Ok(session.fail(&e)),
    };
    let lang: Lang = settings.lang.value;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", t("文件", "file"), args.path.display());
    if settings.configs.is_empty() {
        let _ = writeln!(out, "{}", t("配置：无（使用默认设置）", "config: none (defaults)"));
    } else {
        let names: Vec<String> = settings
            .configs
            .iter()
            .map(|c| nianbao::rulefile::display_path(c))
            .collect();
        let _ = writeln!(
            out,
            "{}: {}",
            t("配置", "config"),
            names.join(t("，继承 ", ", extending "))
        );
    }
    let _ = writeln!(out);
    let line = |out: &mut String, key: &str, value: String, origin: &Origin| {
        let _ = writeln!(out, "{key:<13} {value:<24} ({origin})");
    };
    match &settings.year {
        Some(y) => line(&mut out, "year", y.value.to_string(), &y.origin),
        None => line(
            &mut out,
            "year",
            t("取自报告标题", "from the report's title").into(),
            &Origin::Default,
        ),
    }
    match &settings.edition {
        Some(e) => line(&mut out, "edition", e.value.clone(), &e.origin),
        None => line(
            &mut out,
            "edition",
            t("按报告年度", "from the report year").into(),
            &Origin::Default,
        ),
    }
    let lang_name = match settings.lang.value {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    line(&mut out, "lang", lang_name.into(), &settings.lang.origin);
    line(
        &mut out,
        "fail-level",
        settings.fail_level.value.to_string(),
        &settings.fail_level.origin,
    );
    line(
        &mut out,
        "max-file-size",
        format!("{} MB", settings.max_file_size.value),
        &settings.max_file_size.origin,
    );
    let timeout = match settings.timeout.value {
        0.0 => t("不限", "no limit").to_string(),
        s => format!("{s} s"),
    };
    line(&mut out, "timeout", timeout, &settings.timeout.origin);
    for r in &settings.rule_files {
        line(&mut out, "rules", r.value.display().to_string(), &r.origin);
    }
    let _ = writeln!(out, "\n{}", t("规则：", "rules:"));
    for (rule, s) in linter.rules.iter().zip(&severities) {
        let level = s.value.map(|l| l.as_str()).unwrap_or("off");
        let origin = match &s.origin {
            Origin::Default => Origin::RuleFile(linter.sources.name_at(rule.defined).to_string()),
            o => o.clone(),
        };
        let _ = writeln!(out, "  {:<34} {:<8} ({origin})", rule.id, level);
    }
    io::stdout().lock().write_all(out.as_bytes())?;
    Ok(Status::Clean)
}
