//! Check throughput on a generated corpus of reports in mixed layouts.
//!
//! `cargo bench --bench throughput` (optionally `-- 3000` for the corpus size);
//! `cargo bench --bench throughput -- write DIR 2000` writes the corpus to DIR
//! instead, and `-- write-big DIR` the huge inputs, for `benches/compare.sh`;
//! `-- slowest DIR [EXT]` times every file of DIR (a fuzzing corpus, say) alone,
//! read as a `.EXT` file (default `txt`), and prints the slowest per 100 KB.
//! The corpus is made from the project's layout fixtures: each report gets its
//! own agency name and its own numbers, so no two are alike. Prints reports/s
//! and MB/s for the library (one thread, all threads) and for the `nianbao`
//! binary end to end, and the peak resident memory.

// A benchmark reports by printing.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use nianbao::source::SourceFile;
use nianbao::{Linter, Options};

const TEMPLATES: &[&str] = &[
    "layouts/tab-rows-2020.txt",
    "layouts/tab-cells-2021.txt",
    "layouts/pipes-2022.md",
    "layouts/pdf-layout-2023.txt",
    "layouts/run-together-2021.txt",
    "layouts/blank-rhythm-2022.txt",
    "sections/clean-2021.txt",
    "sections/subitems-2020.txt",
    "example/示例区人力资源和社会保障局2020年报告.txt",
];

const PLACES: &[&str] = &[
    "东城", "西湖", "南山", "北辰", "中原", "青山", "白云", "金水", "长安", "新华",
];
const AGENCIES: &[&str] = &[
    "教育局",
    "财政局",
    "卫生健康委员会",
    "交通运输局",
    "民政局",
    "水利局",
    "统计局",
    "司法局",
];

/// A tiny deterministic generator, so every run benches the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Vary a template: another agency, and single digits changed here and there.
fn variant(template: &str, i: usize, rng: &mut Rng) -> String {
    let name = format!(
        "{}区{}",
        PLACES[i % PLACES.len()],
        AGENCIES[(i / PLACES.len()) % AGENCIES.len()]
    );
    let mut out = String::with_capacity(template.len() + 64);
    let mut first_line = true;
    for (k, ch) in template.char_indices() {
        if first_line && (ch == '\n' || ch == '\r') {
            first_line = false;
        }
        if ch.is_ascii_digit() && rng.next() % 9 == 0 && !template[..k].ends_with(|c: char| c.is_ascii_digit()) {
            out.push(char::from(b'0' + (rng.next() % 10) as u8));
        } else {
            out.push(ch);
        }
    }
    out.insert_str(0, &format!("{name}\n"));
    out
}

fn generate(count: usize) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let templates: Vec<String> = TEMPLATES
        .iter()
        .map(|t| std::fs::read_to_string(root.join(t)).expect("fixture"))
        .collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..count)
        .map(|i| {
            let t = &templates[i % templates.len()];
            let ext = if TEMPLATES[i % TEMPLATES.len()].ends_with(".md") {
                "md"
            } else {
                "txt"
            };
            (format!("report-{i:05}.{ext}"), variant(t, i, &mut rng))
        })
        .collect()
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn report(label: &str, reports: usize, bytes: usize, elapsed: Duration) {
    let secs = elapsed.as_secs_f64();
    println!(
        "{label:<28} {reports} reports, {:.1} MB in {:.3} s: {:>8.0} reports/s, {:>6.2} MB/s",
        bytes as f64 / 1e6,
        secs,
        reports as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}

/// The inputs of the linear-time check: a report 1,000 times over, a 5 MB page
/// on one line, a 20,000-row table 三.
fn write_big(dir: &Path) {
    let report =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sections/clean-2021.txt"))
            .expect("fixture");
    let lines: Vec<&str> = report.lines().collect();
    let from = lines
        .iter()
        .position(|l| l.starts_with("三、本年度办理结果"))
        .expect("table 三");
    let to = lines
        .iter()
        .position(|l| l.starts_with("\t（七）总计"))
        .expect("its total");
    let mut long: Vec<&str> = lines[..from].to_vec();
    for _ in 0..20_000 / (to - from) {
        long.extend_from_slice(&lines[from..to]);
    }
    long.extend_from_slice(&lines[to..]);
    std::fs::create_dir_all(dir).expect("create the directory");
    let files = [
        ("normal.txt", report.clone()),
        ("repeated-1000.txt", report.repeat(1000)),
        ("one-line.txt", report.replace(['\n', '\t'], " ").repeat(1000)),
        (
            "one-line-findings.txt",
            format!(
                "某局2021年政府信息公开工作年度报告 {}",
                report.replace('\n', " ").replacen("2021年", "2019年", 3).repeat(1000)
            ),
        ),
        ("rows-20000.txt", long.join("\n")),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    println!("wrote the big inputs to {}", dir.display());
}

/// Time each file of `dir` alone (the best of three), one thread, and print
/// the slowest by time per 100 KB, counting at least 1 KB per file.
fn slowest(dir: &Path, ext: &str) {
    let linter = Linter::builtin().expect("built-in rules");
    let options = Options::default();
    let mut times: Vec<(f64, Duration, usize, String)> = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read the directory") {
        let path = entry.expect("a directory entry").path();
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let name = path.display().to_string();
        let read_as = format!("input.{ext}");
        let best = (0..3)
            .map(|_| {
                let start = Instant::now();
                let report = linter.check_bytes(&read_as, &bytes, &options);
                std::hint::black_box(report);
                start.elapsed()
            })
            .min()
            .expect("three runs");
        let per_100k = best.as_secs_f64() * 1e3 / (bytes.len().max(1000) as f64 / 1e5);
        times.push((per_100k, best, bytes.len(), name));
    }
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: Duration = times.iter().map(|t| t.1).sum();
    let mut each: Vec<Duration> = times.iter().map(|t| t.1).collect();
    each.sort();
    println!(
        "{} files; mean {:.2?}, median {:.2?} per file; slowest per 100 KB:",
        times.len(),
        total / times.len().max(1) as u32,
        each.get(each.len() / 2).copied().unwrap_or_default()
    );
    for (per, took, len, name) in times.iter().take(5) {
        println!("  {per:8.1} ms/100 KB  {took:>10.2?}  {len:>7} B  {name}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "slowest") {
        let ext = args.get(at + 2).map_or("txt", String::as_str);
        slowest(Path::new(args.get(at + 1).expect("slowest DIR [EXT]")), ext);
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "write-big") {
        write_big(Path::new(args.get(at + 1).expect("write-big DIR")));
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "write") {
        let dir = Path::new(args.get(at + 1).expect("write DIR [COUNT]"));
        let count = args.get(at + 2).and_then(|c| c.parse().ok()).unwrap_or(2000);
        std::fs::create_dir_all(dir).expect("create the directory");
        let corpus = generate(count);
        for (name, text) in &corpus {
            std::fs::write(dir.join(name), text).expect("write corpus");
        }
        let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();
        println!(
            "wrote {count} reports, {:.1} MB, to {}",
            bytes as f64 / 1e6,
            dir.display()
        );
        return;
    }
    let count: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1200).max(1000);
    let corpus = generate(count);
    let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();
    let config = Linter::builtin().expect("built-in rules");
    let options = Options::default();
    let check = |(name, text): &(String, String)| {
        config
            .check_source(SourceFile::new(name.clone(), text.clone()), &options)
            .diagnostics
            .len()
    };

    // Warm up, then time the best of three runs.
    let _ = corpus.iter().take(50).map(check).sum::<usize>();
    let best = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .min()
            .unwrap()
    };
    println!(
        "generated corpus: {count} reports from {} templates in six layouts, {:.1} MB",
        TEMPLATES.len(),
        bytes as f64 / 1e6
    );
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    report(
        "library, 1 thread",
        count,
        bytes,
        best(&|| one.install(|| corpus.par_iter().map(check).sum())),
    );
    let threads = rayon::current_num_threads();
    report(
        &format!("library, {threads} threads"),
        count,
        bytes,
        best(&|| corpus.par_iter().map(check).sum()),
    );

    // End to end: the binary over a directory, JSON to a pipe.
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in &corpus {
        std::fs::write(dir.path().join(name), text).expect("write corpus");
    }
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let run = || {
        let out = std::process::Command::new(bin)
            .args(["check", "--format", "json"])
            .arg(dir.path())
            .output()
            .expect("run nianbao");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "nianbao failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout.len()
    };
    report("nianbao check (end to end)", count, bytes, best(&run));
    if let Some(mib) = peak_rss_mib() {
        println!("peak resident memory of the bench process: {mib:.1} MiB");
    }
}
