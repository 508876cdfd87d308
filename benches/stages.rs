//! Each stage on its own, per report: `cargo bench --bench stages`.
//! Load (decode GB18030, a Word document, a web page), parse, run the rules,
//! render. The inputs are the project's fixtures.

use std::path::Path;

use divan::{Bencher, black_box};
use nianbao::engine::document_edition;
use nianbao::load::{LoadOptions, load_bytes};
use nianbao::parse::{ParseOptions, parse};
use nianbao::render;
use nianbao::source::SourceFile;
use nianbao::{Lang, Linter, Options};

fn main() {
    divan::main();
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)).expect("fixture")
}

fn linter() -> &'static Linter {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    LINTER.get_or_init(|| Linter::builtin().expect("built-in rules"))
}

const TEXTS: &[&str] = &[
    "sections/clean-2021.txt",
    "layouts/tab-cells-2021.txt",
    "layouts/pdf-layout-2023.txt",
    "layouts/run-together-2021.txt",
];

#[divan::bench]
fn load_builtin_rules() -> Linter {
    Linter::builtin().expect("built-in rules")
}

#[divan::bench(args = ["sections/clean-2021.txt", "formats/gb18030-2020.txt", "formats/word-2021.docx", "formats/web-page-gbk-2021.html"])]
fn load(bencher: Bencher, rel: &str) {
    let bytes = fixture(rel);
    let options = LoadOptions::default();
    bencher.bench(|| load_bytes(rel, black_box(&bytes), &options).expect("readable"));
}

#[divan::bench(args = TEXTS)]
fn parse_text(bencher: Bencher, rel: &str) {
    let text = String::from_utf8(fixture(rel)).expect("UTF-8");
    let format = &linter().format;
    bencher
        .with_inputs(|| SourceFile::new(rel, text.clone()))
        .bench_values(|source| parse(source, format, &ParseOptions::default()));
}

#[divan::bench(args = TEXTS)]
fn rules(bencher: Bencher, rel: &str) {
    let text = String::from_utf8(fixture(rel)).expect("UTF-8");
    let linter = linter();
    let doc = parse(SourceFile::new(rel, text), &linter.format, &ParseOptions::default());
    let edition = document_edition(&doc, &linter.format, None);
    bencher.bench(|| linter.run(black_box(&doc), edition.as_deref(), Lang::Zh));
}

#[divan::bench(args = ["example/示例区人力资源和社会保障局2020年报告.txt"])]
fn render_human_and_json(bencher: Bencher, rel: &str) {
    let text = String::from_utf8(fixture(rel)).expect("UTF-8");
    let report = linter().check_source(SourceFile::new(rel, text), &Options::default());
    bencher.bench(|| {
        let human = render::human::render_file(black_box(&report), false);
        let json = render::json::render(std::slice::from_ref(&report));
        human.len() + json.len()
    });
}
