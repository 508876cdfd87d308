//! Which files a run checks: the files named, and the reports found in the
//! folders named (configs' `include`/`exclude`, `--glob`, `--exclude`; names
//! like README.md and files that do not read like a report are left out).

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::GlobSet;
use nianbao::settings::glob_set;
use nianbao::{Lang, Linter};

use super::{Session, Status};

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Input {
    Path(PathBuf),
    Stdin,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub(crate) inputs: Vec<Input>,
    /// Paths that could not be read while walking, with why.
    pub(crate) errors: Vec<(String, String)>,
    /// Files left out, with why (shown with `--verbose`).
    pub(crate) skipped: Vec<(PathBuf, String)>,
}

/// What a folder walk takes by default: every format nianbao reads, and the
/// old Word formats, so that a report saved as one is reported, not skipped.
pub(crate) const DEFAULT_INCLUDE: &[&str] = &[
    "*.txt",
    "*.md",
    "*.markdown",
    "*.docx",
    "*.html",
    "*.htm",
    "*.shtml",
    "*.pdf",
    "*.doc",
    "*.wps",
];

/// Formats whose first bytes tell nothing a report would say (zip, PDF) or may
/// hold only page furniture (HTML): taken without looking.
const TAKEN_UNREAD: &[&str] = &["docx", "pdf", "html", "htm", "shtml", "doc", "wps"];

/// Files a folder walk never takes for reports.
const NOT_REPORTS: &[&str] = &[
    "readme.md",
    "readme.txt",
    "changelog.md",
    "changes.md",
    "license.md",
    "license.txt",
];

/// Bytes read to tell whether a file reads like a report.
const SNIFF: usize = 8192;

pub(crate) struct Walk<'a> {
    pub(crate) session: &'a mut Session,
    /// `--glob`: replaces every `include`.
    pub(crate) include: Option<GlobSet>,
    /// `--exclude`: added to the configs' `exclude`.
    pub(crate) exclude: GlobSet,
    /// For telling reports from other files.
    pub(crate) linter: &'a Linter,
    pub(crate) lang: Lang,
}

pub(crate) fn collect(paths: &[PathBuf], walk: &mut Walk<'_>) -> Result<Collected, Status> {
    // Built when a folder is first walked: files named one by one need no
    // globs, and compiling them starts the regex crate (0.4 M instructions).
    let mut default_include: Option<GlobSet> = None;
    let mut out = Collected::default();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        // Not sorted while walking (that holds a whole folder's entries at
        // once): the files taken are sorted below.
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) if e.loop_ancestor().is_some() => {
                    let at = e.path().map(Path::to_path_buf).unwrap_or_default();
                    let why = walk
                        .lang
                        .pick("指回上级文件夹的符号链接", "a symbolic link back to a folder above it");
                    out.skipped.push((at, why.into()));
                    continue;
                }
                Err(e) => {
                    let at = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| path.display().to_string());
                    out.errors.push((at, e.to_string()));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let file = entry.into_path();
            // `./a.txt` reads better as `a.txt`.
            let file = file.strip_prefix(".").map(Path::to_path_buf).unwrap_or(file);
            let default_include = default_include.get_or_insert_with(|| match &walk.include {
                Some(g) => g.clone(),
                None => {
                    glob_set(&DEFAULT_INCLUDE.iter().map(|g| g.to_string()).collect::<Vec<_>>()).expect("valid globs")
                }
            });
            match judge(&file, path, walk, default_include)? {
                None => files.push(file),
                Some(why) => out.skipped.push((file, why)),
            }
        }
    }
    files.sort();
    // The same file reached twice (two arguments, a symlink, a hard link) is
    // checked once, under the first of its names.
    let mut seen: HashSet<FileKey> = HashSet::with_capacity(files.len());
    files.retain(|f| seen.insert(FileKey::of(f)));
    out.skipped.sort();
    out.errors.sort();
    out.inputs = files.into_iter().map(Input::Path).collect();
    if stdin {
        out.inputs.push(Input::Stdin);
    }
    Ok(out)
}

/// What makes two paths the same file: its device and inode where there are
/// such (a stat, no name kept), else its canonical path.
#[derive(PartialEq, Eq, Hash)]
enum FileKey {
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileKey {
    fn of(path: &Path) -> FileKey {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let Ok(m) = std::fs::metadata(path) {
                return FileKey::Inode(m.dev(), m.ino());
            }
        }
        FileKey::Path(path.canonicalize().unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// `None` when a file found in a walk is to be checked, else why not.
fn judge(file: &Path, root: &Path, walk: &mut Walk<'_>, default_include: &GlobSet) -> Result<Option<String>, Status> {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let name = Path::new(file.file_name().unwrap_or_default());
    let dir = file.parent().unwrap_or(root);
    let discovery = walk.session.discovery.clone();
    let globs = walk
        .session
        .configs
        .walk_globs(dir, &discovery)
        .map_err(|e| walk.session.fail(&e))?;
    let taken = match (&globs, &walk.include) {
        (Some(g), None) => g.takes(file, default_include),
        (Some(g), Some(cli)) => {
            let abs = nianbao::rulefile::clean_absolute(file);
            let rel_to_config = abs.strip_prefix(&g.base).unwrap_or(&abs);
            (cli.is_match(rel) || cli.is_match(name))
                && !(g.exclude.is_match(rel_to_config) || g.exclude.is_match(name))
        }
        (None, _) => default_include.is_match(rel) || default_include.is_match(name),
    };
    let lang = walk.lang;
    if !taken {
        let why = lang.pick(
            "不符合 include 规则，或被 exclude 排除",
            "not matched by the include globs, or excluded",
        );
        return Ok(Some(why.into()));
    }
    if walk.exclude.is_match(rel) || walk.exclude.is_match(name) {
        return Ok(Some(lang.pick("被 --exclude 排除", "excluded by --exclude").into()));
    }
    let lower = name.to_string_lossy().to_lowercase();
    if NOT_REPORTS.contains(&lower.as_str()) {
        let why = lang.pick(
            "项目说明文件，不是报告（在命令行指名即可检查）",
            "a project file, not a report (name it to check it)",
        );
        return Ok(Some(why.into()));
    }
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if TAKEN_UNREAD.contains(&ext.as_str()) {
        return Ok(None);
    }
    let mut head = Vec::with_capacity(SNIFF);
    if let Ok(f) = std::fs::File::open(file) {
        let _ = f.take(SNIFF as u64).read_to_end(&mut head);
        if !walk.linter.looks_like_report(&head, walk.session.encoding()) {
            let why = lang.pick(
                "开头几行中没有报告的标题或章节（在命令行指名即可检查）",
                "no title or section of a report in its first lines (name it to check it)",
            );
            return Ok(Some(why.into()));
        }
    }
    Ok(None)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

/// Last year's report of a file among the files of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pair {
    /// No file of the run is last year's.
    Missing,
    One(usize),
    /// Two or more could be: none is taken.
    Ambiguous,
}

/// For each path, last year's report of the same agency among them: the path
/// whose file name differs only in a year one less (`某局2020年报告.txt`
/// beside `某局2021年报告.docx`, or `某局/2020.txt` beside `某局/2021.txt`). The
/// extension does not matter; two candidates are none, since guessing would
/// compare the wrong reports.
pub(crate) fn pair_previous_years(paths: &[Option<&Path>]) -> Vec<Pair> {
    // (hash of the name with one year blanked, that year, path) for every
    // year in every name, sorted: a batch of 20,000 keeps 16 bytes a year
    // found, and a hash that matches is checked against the names.
    let hash = |template: &str| {
        let mut h = fnv::FnvHasher::default();
        template.hash(&mut h);
        h.finish()
    };
    let mut keys: Vec<(u64, i32, usize)> = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        for (template, year) in p.map(year_templates).unwrap_or_default() {
            keys.push((hash(&template), year, i));
        }
    }
    keys.sort_unstable();
    paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut found = None;
            for (template, year) in p.map(year_templates).unwrap_or_default() {
                let h = hash(&template);
                let from = keys.partition_point(|&(kh, ky, _)| (kh, ky) < (h, year - 1));
                for &(_, _, k) in keys[from..]
                    .iter()
                    .take_while(|&&(kh, ky, _)| (kh, ky) == (h, year - 1))
                {
                    let same = paths[k]
                        .is_some_and(|q| year_templates(q).iter().any(|(t, y)| *t == template && *y == year - 1));
                    if k == i || !same {
                        continue;
                    }
                    match found {
                        None => found = Some(k),
                        Some(f) if f == k => {}
                        Some(_) => return Pair::Ambiguous,
                    }
                }
            }
            found.map_or(Pair::Missing, Pair::One)
        })
        .collect()
}

/// Last year's report beside `path` on disk, for a file whose pair is not in
/// the run (a batch limited by `--glob`, pre-commit's changed files): the one
/// file of a format nianbao reads in the same folder whose name differs only
/// in a year one less. Each folder is listed and indexed once (`listed`),
/// without the files of the run (`in_run`), which [`pair_previous_years`] has
/// looked at.
pub(crate) fn previous_on_disk(
    path: &Path,
    listed: &mut HashMap<PathBuf, FolderIndex>,
    in_run: &dyn Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let keys = year_templates(path);
    if keys.is_empty() {
        return None;
    }
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let index = listed
        .entry(folder.clone())
        .or_insert_with(|| index_folder(&folder, in_run));
    let mut found = keys
        .iter()
        .filter_map(|(template, year)| index.get(&(template.clone(), year - 1)))
        .flatten()
        .filter(|f| f.as_path() != path);
    let first = found.next()?;
    found.all(|f| f == first).then(|| first.clone())
}

/// A folder's files of the formats nianbao reads, by (name with one year
/// blanked, that year).
pub(crate) type FolderIndex = HashMap<(String, i32), Vec<PathBuf>>;

fn index_folder(folder: &Path, in_run: &dyn Fn(&Path) -> bool) -> FolderIndex {
    let at = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let mut index = FolderIndex::new();
    for entry in std::fs::read_dir(at).into_iter().flatten().flatten() {
        let file = folder.join(entry.file_name());
        if !readable_format(&file)
            || is_hidden(&entry.file_name())
            || in_run(&file)
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        for key in year_templates(&file) {
            index.entry(key).or_default().push(file.clone());
        }
    }
    index
}

/// Whether a file is of a format a folder walk takes and nianbao reads: not
/// the old Word formats, whose copy beside a report is never last year's.
pub(crate) fn readable_format(file: &Path) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        let e = e.to_ascii_lowercase();
        !matches!(e.as_str(), "doc" | "wps") && DEFAULT_INCLUDE.iter().any(|g| g.strip_prefix("*.") == Some(&e))
    })
}

/// The file's folder and stem with each four-digit year (19xx, 20xx) in turn
/// replaced by a mark, with that year.
fn year_templates(path: &Path) -> Vec<(String, i32)> {
    let folder = path
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let stem = without_serial(&stem);
    let bytes = stem.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &stem[start..i];
        if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
            let year: i32 = run.parse().expect("four ASCII digits");
            out.push((format!("{folder}/{}\u{0}{}", &stem[..start], &stem[i..]), year));
        }
    }
    out
}

/// The name without a serial number before it (`01_`, `P23_`, `A-`): the
/// batch's numbering, not the agency's name, which follows.
fn without_serial(stem: &str) -> &str {
    let Some(at) = stem.find(['_', '-', '.', ' ']) else {
        return stem;
    };
    let (serial, rest) = (&stem[..at], &stem[at + 1..]);
    let year = serial.len() == 4 && (serial.starts_with("19") || serial.starts_with("20"));
    // The agency's name follows, before its year (not a bare `2021年……报告`).
    let before_year = rest.find(|c: char| c.is_ascii_digit()).map_or(rest, |i| &rest[..i]);
    let named = before_year.chars().filter(|&c| nianbao::label::is_ideograph(c)).count() >= 2;
    if (1..=4).contains(&serial.len()) && serial.bytes().all(|b| b.is_ascii_alphanumeric()) && !year && named {
        rest
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(names: &[&str]) -> Vec<Option<usize>> {
        let paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let refs: Vec<Option<&Path>> = paths.iter().map(|p| Some(p.as_path())).collect();
        pair_previous_years(&refs)
            .into_iter()
            .map(|p| match p {
                Pair::One(k) => Some(k),
                Pair::Missing | Pair::Ambiguous => None,
            })
            .collect()
    }

    #[test]
    fn pairs_by_the_year_in_the_name() {
        assert_eq!(
            pair(&[
                "a/某局2020年报告.txt",
                "a/某局2021年报告.docx",
                "a/另一局2020年报告.txt"
            ]),
            [None, Some(0), None]
        );
        assert_eq!(
            pair(&["某局/2020.txt", "某局/2021.txt", "他局/2021.txt"]),
            [None, Some(0), None]
        );
    }

    #[test]
    fn other_folders_gaps_and_two_candidates_are_not_paired() {
        assert_eq!(pair(&["a/某局2020年报告.txt", "b/某局2021年报告.txt"]), [None, None]);
        assert_eq!(pair(&["某局2019年报告.txt", "某局2021年报告.txt"]), [None, None]);
        assert_eq!(
            pair(&["某局2020年报告.txt", "某局2020年报告.docx", "某局2021年报告.txt"]),
            [None, None, None]
        );
        assert_eq!(pair(&["report12021.txt", "report12020.txt"]), [None, None]);
    }

    #[test]
    fn a_serial_number_before_the_name_is_not_the_agencys() {
        for (last, this) in [
            ("P23_某局2023年报告.txt", "P24_某局2024年报告.txt"),
            ("01_某局2023年报告.txt", "02_某局2024年报告.docx"),
            ("A-某局2023年报告.txt", "B-某局2024年报告.txt"),
        ] {
            assert_eq!(pair(&[last, this]), [None, Some(0)], "{this}");
        }
        // Not without a name after it, nor another agency's.
        assert_eq!(pair(&["01_2023.txt", "02_2024.txt"]), [None, None]);
        assert_eq!(pair(&["01_2021年年度报告.txt", "02_2022年年度报告.txt"]), [None, None]);
        assert_eq!(pair(&["pt_2021年年度报告.txt", "kjt_2022年年度报告.txt"]), [None, None]);
        assert_eq!(pair(&["01_某局2023年报告.txt", "02_他局2024年报告.txt"]), [None, None]);
        // A year first is the year.
        assert_eq!(pair(&["2023_某局.txt", "2024_某局.txt"]), [None, Some(0)]);
    }
}
