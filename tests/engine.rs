//! The engine's contract: findings do not depend on the order of rules or rule
//! files; one wrong number is reported once; a new check plugs in through the
//! registry alone.

mod common;

use std::path::Path;

use common::*;
use nianbao::config::Docs;
use nianbao::diag::Finding;
use nianbao::pattern::Pattern;
use nianbao::rulefile::RuleFileError;
use nianbao::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, REGISTRY, Reporter, entry};
use nianbao::source::SourceFile;
use nianbao::{Linter, Options};
use serde::Deserialize;
use toml::Spanned;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[test]
fn common_rules_redefined_in_reverse_order_give_byte_identical_json() {
    let dir = tempfile::tempdir().unwrap();
    let reversed = dir.path().join("reversed.toml");
    std::fs::write(&reversed, common_rules_reversed()).unwrap();
    let builtin = Linter::builtin().unwrap();
    let shuffled = Linter::load(&[reversed]).unwrap();
    let ids = |l: &Linter| l.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&builtin).len(), ids(&shuffled).len());
    let files = files_under(&fixtures());
    assert!(files.len() >= 15);
    for file in files {
        assert_eq!(
            json_with(&builtin, &file),
            json_with(&shuffled, &file),
            "{}",
            file.display()
        );
    }
}

#[test]
fn rules_run_in_reverse_order_give_byte_identical_json() {
    // A redefinition keeps its rule's place, so also run the rules themselves
    // backwards: the engine must not care.
    let builtin = Linter::builtin().unwrap();
    let mut backwards = Linter::builtin().unwrap();
    backwards.rules.reverse();
    for file in files_under(&fixtures()) {
        assert_eq!(
            json_with(&builtin, &file),
            json_with(&backwards, &file),
            "{}",
            file.display()
        );
    }
    // And on the defects the tests plant: a wrong total in every layout.
    for f in [
        "layouts/tab-rows-2020.txt",
        "layouts/tab-cells-2021.txt",
        "layouts/pipes-2022.md",
    ] {
        for (row, column) in [
            ("granted", "total"),
            ("total", "natural"),
            ("new", "total"),
            ("total", "total"),
        ] {
            let text = bump(&fixture(f), "applications", row, column, 1);
            let run = |l: &Linter| {
                l.check_source(SourceFile::new("t", text.as_str()), &Options::default())
                    .diagnostics
            };
            assert_eq!(run(&builtin), run(&backwards), "{f}: {row}/{column}");
        }
    }
}

#[test]
fn copying_a_rule_into_a_user_file_changes_nothing() {
    // The README invites copying a rule to tune it. Copied unchanged, it must not
    // change the findings (it used to move the rule last and add a finding).
    let common = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/common.toml")).unwrap();
    let start = common.find("[[rule]]\nid = \"applications-row-total\"").unwrap();
    let end = start + 8 + common[start + 8..].find("\n[[rule]]").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.toml");
    std::fs::write(&copy, &common[start..end]).unwrap();
    let example = fixtures().join("example/示例区人力资源和社会保障局2020年报告.txt");
    let builtin = Linter::builtin().unwrap();
    let copied = Linter::load(&[copy]).unwrap();
    assert_eq!(json_with(&builtin, &example), json_with(&copied, &example));
}

#[test]
fn one_wrong_total_is_reported_once_whatever_it_breaks() {
    // （七）总计's 自然人 cell one too many: it breaks the 自然人 column's balance and
    // results total, and the 总计 row. One finding, on that cell, naming the rest.
    let text = fixture("layouts/tab-rows-2020.txt");
    let text = bump(&text, "applications", "total", "natural", 1);
    let d: Vec<_> = check(&text)
        .into_iter()
        .filter(|d| d.rule.starts_with("applications-"))
        .collect();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].primary.span, cell_span(&text, "applications", "total", "natural"));
    assert!(
        d[0].notes.iter().any(|n| n.starts_with("同一个数也使这些关系不成立：")),
        "{:?}",
        d[0].notes
    );
}

/// A toy check, as a newcomer would write one: section 一 must name a contact.
struct Contact {
    pattern: Pattern,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContactParams {
    pattern: Spanned<String>,
}

impl CheckType for Contact {
    const KIND: Kind = Kind::Section;
    const NAME: &'static str = "contact";
    const DOC: Doc = Doc {
        zh: "第一部分应写明联系人",
        en: "section 一 names a contact",
    };
    const PARAMS: &'static [ParamDoc] = &[ParamDoc {
        name: "pattern",
        doc: Doc {
            zh: "联系人的写法",
            en: "how a contact is written",
        },
    }];
    const PLACEHOLDERS: &'static [&'static str] = &["section"];
    type Params = ContactParams;

    fn compile(p: ContactParams, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(Contact {
            pattern: cx.regex(&p.pattern)?,
        })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        if let Some(s) = cx.doc.section("overview")
            && !self.pattern.is_match(cx.doc.text(s.body()))
        {
            out.report(Finding::at(s.heading, cx.tr("没有写联系人", "no contact named")).arg("section", "一"));
        }
    }
}

#[test]
fn a_new_check_plugs_in_through_the_registry() {
    let mut registry = REGISTRY.to_vec();
    registry.push(entry::<Contact>());
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    let rule = |pattern: &str| {
        format!(
            "[[rule]]\nid = \"contact-unnamed\"\nkind = \"section\"\ncheck = \"contact\"\npattern = '{pattern}'\nseverity = \"warning\"\nmessage = {{ zh = \"第{{section}}部分没有联系人\", en = \"section {{section}} names no contact\" }}\n"
        )
    };
    std::fs::write(&rules, rule("联系人|联系电话")).unwrap();
    let linter = Linter::with_registry(
        nianbao::config::sources(std::slice::from_ref(&rules)).unwrap(),
        &registry,
    )
    .unwrap();
    let text = fixture("sections/clean-2021.txt");
    let report = linter.check_source(SourceFile::new("t", text.as_str()), &Options::default());
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "contact-unnamed")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "第一部分没有联系人");
    assert_eq!(found[0].kind, "section");
    let named = text.replacen(
        "一、总体情况\n",
        "一、总体情况\n联系人：王某，联系电话：0000-1234567。\n",
        1,
    );
    let report = linter.check_source(SourceFile::new("t", named.as_str()), &Options::default());
    assert!(report.diagnostics.iter().all(|d| d.rule != "contact-unnamed"));

    // Its parameters are checked like any other: a bad regex points into the file.
    std::fs::write(&rules, rule("联系人(")).unwrap();
    let e = Linter::with_registry(
        nianbao::config::sources(std::slice::from_ref(&rules)).unwrap(),
        &registry,
    )
    .unwrap_err();
    assert!(e.message.starts_with("invalid regular expression"), "{}", e.message);
    assert!(e.to_string().contains("mine.toml:5:"), "{e}");
    // Without the registry line, the check does not exist.
    std::fs::write(&rules, rule("联系人")).unwrap();
    let e = Linter::load(&[rules]).unwrap_err();
    assert_eq!(e.message, "kind `section` has no check `contact`");
}

/// Checking loads the built-in rules without their examples (and most
/// outputs without their explanations) and without checking their regexes
/// (they would cost a third of a one-report run): the same findings, and
/// every pattern compiles.
#[test]
fn rules_loaded_for_checking_find_the_same_and_every_pattern_compiles() {
    let full = Linter::builtin().unwrap();
    let lean = Linter::load_for_checking(&[], Docs::None).unwrap();
    assert_eq!(full.rules.len(), lean.rules.len());
    assert!(
        lean.rules
            .iter()
            .all(|r| r.examples.invalid.is_empty() && r.explanation.is_none())
    );
    for dir in ["example", "layouts", "sections", "years"] {
        for entry in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let options = Options::default();
            let (a, b) = (full.check_path(&path, &options), lean.check_path(&path, &options));
            assert_eq!(
                nianbao::render::json::render(std::slice::from_ref(&a)),
                nianbao::render::json::render(std::slice::from_ref(&b)),
                "{}",
                path.display()
            );
        }
    }
    // Panics on a pattern that does not compile.
    nianbao::pattern::compile_all();
}

/// A walked file is checked when its first 60 lines name a report, in any
/// encoding, whatever the byte count of the head cut off.
#[test]
fn a_report_is_recognised_by_its_first_lines_in_any_encoding() {
    let linter = Linter::builtin().unwrap();
    let filler = "说明\n".repeat(59);
    let report = format!("{filler}某局政府信息公开工作年度报告\n");
    assert!(linter.looks_like_report(report.as_bytes(), None));
    assert!(linter.looks_like_report(report.replace('\n', "\r\n").as_bytes(), None));
    // The marker on line 61 is past the head.
    assert!(!linter.looks_like_report(format!("说明\n{report}").as_bytes(), None));
    // A head cut inside a character.
    let cut = &report.as_bytes()[..report.len() - 2];
    assert!(linter.looks_like_report(cut, None));
    let (gb, _, _) = encoding_rs::GB18030.encode(&report);
    assert!(linter.looks_like_report(&gb, None));
    let bom = [b"\xEF\xBB\xBF".as_slice(), report.as_bytes()].concat();
    assert!(linter.looks_like_report(&bom, None));
    assert!(!linter.looks_like_report("会议纪要\n第一项\n".as_bytes(), None));
    assert!(
        linter.looks_like_report(b"  \n", None),
        "a blank file is checked, to be reported"
    );
    assert!(!linter.looks_like_report(b"\n\xE4", None), "a stray byte is not blank");
}

/// `src/config/builtin_patterns.rs` lists the built-in regexes for `check` to
/// compile before the rule files are read; `NIANBAO_BLESS=1` rewrites it.
#[test]
fn the_list_of_built_in_patterns_is_current() {
    Linter::load_for_checking(&[], Docs::None).unwrap();
    let mut made = nianbao::pattern::made();
    assert!(made.len() > 50, "{} built-in patterns", made.len());
    made.reverse();
    let mut expected = String::from(
        "//! Written by `NIANBAO_BLESS=1 cargo test --test engine the_list_of_built_in_patterns`:\n\
         //! every regex of the built-in rule files, last made first, with what is\n\
         //! known of it (`nianbao::pattern::facts_of`).\n\n\
         use crate::pattern::Known;\n\n\
         #[rustfmt::skip]\n\
         pub const BUILTIN_PATTERNS: &[(&str, Known)] = &[\n",
    );
    for source in &made {
        let facts = nianbao::pattern::facts_of(source);
        let needles: Vec<String> = facts.needles.iter().map(|set| format!("&{set:?}")).collect();
        expected.push_str(&format!(
            "    ({source:?}, Known {{ needles: &[{}], starts: &{:?}, reach: {:?}, assertions: {}, one_line: {}, groups: &{:?} }}),\n",
            needles.join(", "),
            facts.starts,
            facts.reach,
            facts.assertions,
            facts.one_line,
            facts.groups
        ));
    }
    expected.push_str("];\n");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/config/builtin_patterns.rs");
    let actual = std::fs::read_to_string(&path).unwrap();
    if actual != expected {
        if std::env::var_os("NIANBAO_BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        } else {
            panic!("{} is out of date: rerun with NIANBAO_BLESS=1", path.display());
        }
    }
    assert_eq!(nianbao::config::BUILTIN_PATTERNS.len(), made.len());
}

/// A pattern is not compiled for a text without its needles, and its lite
/// form is tried only where its first words are: that must never hide a
/// match. Every match of every built-in pattern in the fixtures (whole files
/// and each line) holds a word of each of its sets of needles, and starts
/// with one of its first words.
#[test]
fn every_match_of_a_built_in_pattern_holds_one_of_its_needles() {
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(fixtures()) {
        let entry = entry.unwrap();
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            texts.push(text);
        }
    }
    assert!(texts.len() > 20, "{} fixture texts", texts.len());
    let (mut gated, mut matches) = (0, 0);
    for &(source, known) in nianbao::config::BUILTIN_PATTERNS {
        if known.needles.is_empty() {
            continue;
        }
        gated += 1;
        let regex = regex::Regex::new(source).unwrap();
        for text in &texts {
            for haystack in std::iter::once(text.as_str()).chain(text.lines()) {
                for m in regex.find_iter(haystack) {
                    matches += 1;
                    assert!(
                        known.starts.is_empty() || known.starts.iter().any(|w| m.as_str().starts_with(w)),
                        "{source:?} matched {:?}, which starts with none of {:?}",
                        m.as_str(),
                        known.starts
                    );
                    for set in known.needles {
                        assert!(
                            set.iter().any(|n| m.as_str().contains(n)),
                            "{source:?} matched {:?}, which holds none of {set:?}",
                            m.as_str()
                        );
                    }
                }
            }
        }
    }
    assert!(
        gated > 100 && matches > 1000,
        "{gated} patterns with needles, {matches} matches"
    );
}

/// The fixtures' texts, whole, line by line and sentence by sentence.
fn fixture_haystacks() -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(fixtures()) {
        let entry = entry.unwrap();
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            out.extend(text.split(['。', '；']).map(str::to_string));
            out.extend(text.lines().map(str::to_string));
            out.push(text);
        }
    }
    out
}

/// Every group of every match, by place.
type Spans = Vec<Vec<Option<std::ops::Range<usize>>>>;

fn spans_of_regex(regex: &regex::Regex, haystack: &str) -> Spans {
    let groups = |c: regex::Captures<'_>| c.iter().map(|g| g.map(|g| g.range())).collect();
    regex.captures_iter(haystack).map(groups).collect()
}

fn spans_of_pattern(pattern: &Pattern, haystack: &str) -> Spans {
    let groups = |c: nianbao::pattern::Captures<'_>| (0..c.len()).map(|i| c.get(i).map(|g| g.range())).collect();
    pattern.captures_iter(haystack).map(groups).collect()
}

/// A built-in pattern is searched with regex-lite until compiling the regex
/// pays: both must find the same matches and groups. Every built-in pattern
/// with a lite form, over every fixture (whole, line by line, sentence by
/// sentence): its matches and groups, its first match, from places inside
/// the text, and whether it matches at all.
#[test]
fn a_built_in_patterns_lite_form_finds_what_its_regex_finds() {
    let haystacks = fixture_haystacks();
    assert!(haystacks.len() > 1000, "{} haystacks", haystacks.len());
    let (mut with_lite, mut without, mut matches) = (0, 0, 0);
    for &(source, known) in nianbao::config::BUILTIN_PATTERNS {
        let lite = Pattern::with_lite_budget(source, known, usize::MAX);
        if !lite.forms().0 {
            without += 1;
            continue;
        }
        with_lite += 1;
        let regex = regex::Regex::new(source).unwrap();
        for haystack in &haystacks {
            let expected = spans_of_regex(&regex, haystack);
            matches += expected.len();
            assert_eq!(
                spans_of_pattern(&lite, haystack),
                expected,
                "{source:?} in {haystack:?}"
            );
            assert_eq!(
                lite.is_match(haystack),
                regex.is_match(haystack),
                "{source:?} in {haystack:?}"
            );
            let found: Vec<_> = lite.find_iter(haystack).map(|m| m.range()).collect();
            let wanted: Vec<_> = regex.find_iter(haystack).map(|m| m.range()).collect();
            assert_eq!(found, wanted, "{source:?} in {haystack:?}");
            // From places inside a line or sentence (a whole text's would
            // search it over and over).
            let places = if haystack.len() < 400 { haystack.len() } else { 0 };
            for (start, _) in haystack[..places].char_indices().step_by(7) {
                assert_eq!(
                    lite.captures_at(haystack, start)
                        .and_then(|c| c.get(0))
                        .map(|m| m.range()),
                    regex
                        .captures_at(haystack, start)
                        .and_then(|c| c.get(0))
                        .map(|m| m.range()),
                    "{source:?} from {start} in {haystack:?}"
                );
            }
        }
        assert!(!lite.forms().1, "{source:?}: searched with its lite form alone");
    }
    assert!(
        with_lite > 145 && without < 10 && matches > 10_000,
        "{with_lite} with a lite form, {without} without, {matches} matches"
    );
}

/// A search that would overspend the lite form's budget goes on with the
/// compiled regex from where the lite form stopped, even inside a list of
/// matches: the same matches, and the regex compiled.
#[test]
fn a_lite_search_past_its_budget_goes_on_with_the_regex() {
    let texts: Vec<String> = walkdir::WalkDir::new(fixtures())
        .into_iter()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .collect();
    let (mut switched, mut compared) = (0, 0);
    for &(source, known) in nianbao::config::BUILTIN_PATTERNS {
        let regex = regex::Regex::new(source).unwrap();
        for text in &texts {
            let expected = spans_of_regex(&regex, text);
            if expected.len() < 3 {
                continue;
            }
            // Enough for a few places, not for the whole text.
            let pattern = Pattern::with_lite_budget(source, known, 200);
            if !pattern.forms().0 {
                continue;
            }
            compared += 1;
            assert_eq!(spans_of_pattern(&pattern, text), expected, "{source:?}");
            switched += usize::from(pattern.forms().1);
        }
    }
    assert!(
        compared > 50 && switched > 20,
        "{compared} compared, {switched} switched"
    );
}
