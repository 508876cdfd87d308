//! The report format as the rule files describe it: editions, the required
//! sections, the table schemas, the units numbers are written in, and how a
//! report's title and period are recognised. The parser reads documents against
//! it; rules refer to its keys.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use fnv::FnvHashMap;

use crate::diag::Text;
use crate::label::{LabelDef, MatchQuality, Normalized, Numbering};
use crate::number::{UnitId, Units};
use crate::pattern::Pattern;

#[derive(Debug, Default)]
pub struct Format {
    /// Sorted by first year.
    pub editions: Vec<Edition>,
    /// In the order the format requires them.
    pub sections: Vec<SectionDef>,
    pub tables: Vec<TableSchema>,
    pub units: Units,
    pub matching: Matching,
    pub document: DocumentPatterns,
}

/// How close a written label or heading must be to a known one (similarity of
/// characters, 0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matching {
    /// A heading this close to a section's title is that section (a typo).
    pub heading_similarity: f32,
    /// A cell this close to a known label is that label.
    pub label_similarity: f32,
    /// …and must beat the next best row label by this much.
    pub label_margin: f32,
}

impl Default for Matching {
    /// Exact matches only; the rule files give the real thresholds.
    fn default() -> Self {
        Matching {
            heading_similarity: 1.0,
            label_similarity: 1.0,
            label_margin: 0.0,
        }
    }
}

/// What surrounds a report's text: site chrome before the title, the title's
/// forms, the statistics period.
#[derive(Debug, Default)]
pub struct DocumentPatterns {
    /// Lines before the title that are site chrome or metadata (whole line).
    pub chrome: Vec<Pattern>,
    /// A metadata line naming the title; group `title`.
    pub title_field: Option<Pattern>,
    /// The title at the start of a page scraped into one line.
    pub run_on_title: Option<Pattern>,
    /// The statistics period; group `year`.
    pub period: Option<Pattern>,
    /// What a report says near its start (its title, its first section): a file
    /// in a folder walk without any of these in its first lines is not a report.
    pub report_markers: Vec<Pattern>,
    /// Words before a count in its sentence that make it a count over more
    /// than the report year (`自2008年……以来，累计……`); group `year`, when it
    /// names the report year, makes them the year's own (`2021年以来`).
    pub several_years: Vec<Pattern>,
    /// Words that make a count after `several_years` words the report year's
    /// again (`……施行以来，……，全年共收到……`).
    pub the_year: Vec<Pattern>,
}

#[derive(Debug, Clone)]
pub struct Edition {
    pub id: String,
    pub document: String,
    pub first_year: i32,
    pub last_year: Option<i32>,
}

impl Edition {
    pub fn covers(&self, year: i32) -> bool {
        year >= self.first_year && self.last_year.is_none_or(|last| year <= last)
    }
}

#[derive(Debug)]
pub struct SectionDef {
    pub key: String,
    /// 1 for 一 … 6 for 六.
    pub number: u32,
    pub title: String,
    pub title_core: String,
    /// Matched against a heading's core (no numbering, spaces or punctuation).
    pub patterns: Vec<Pattern>,
    /// Cores of accepted alternative wordings.
    pub alternatives: Vec<String>,
    /// Cores of the regulation's own wordings (《条例》第五十条).
    pub regulation: Vec<String>,
    /// A heading at least this similar to the title or an alternative is this section.
    pub similarity: f32,
    /// Unique in the process ([`next_id`]): keys the memory of costly answers.
    pub id: MemoId,
}

/// A definition's id for remembered answers: unique in the process, and
/// left out of its `Debug` (two loads of the same rules print the same).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct MemoId(u64);

impl std::fmt::Debug for MemoId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoId")
    }
}

/// How a heading's words matched a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SectionWording {
    /// Words of its own, read as the section by its number and place.
    Numbered,
    /// Close to the title but not one of the patterns: a typo.
    Fuzzy,
    /// Matches a pattern but is neither the title nor a listed alternative.
    Pattern,
    /// A listed alternative wording.
    Alternative,
    /// The regulation's wording.
    Regulation,
    Exact,
}

impl SectionDef {
    pub fn matches(&self, core: &str) -> Option<SectionWording> {
        if core.is_empty() {
            return None;
        }
        if core == self.title_core {
            return Some(SectionWording::Exact);
        }
        if self.regulation.iter().any(|a| a == core) {
            return Some(SectionWording::Regulation);
        }
        if self.alternatives.iter().any(|a| a == core) {
            return Some(SectionWording::Alternative);
        }
        // The patterns and the similarity are costly, and the same lines
        // (sub-headings, notes) recur in every report of a batch.
        remembered(&SECTION_ANSWERS, core, self.id, || self.matches_costly(core))
    }

    /// The cores of the regulation's wordings, then of the listed alternatives,
    /// each with how it matches.
    pub fn listed_wordings(&self) -> impl Iterator<Item = (&str, SectionWording)> {
        let regulation = self.regulation.iter().map(|w| (w.as_str(), SectionWording::Regulation));
        regulation.chain(
            self.alternatives
                .iter()
                .map(|w| (w.as_str(), SectionWording::Alternative)),
        )
    }

    /// The patterns, then the similarity to the title and the other wordings.
    fn matches_costly(&self, core: &str) -> Option<SectionWording> {
        if self.patterns.iter().any(|p| p.is_match(core)) {
            return Some(SectionWording::Pattern);
        }
        // Similarity is at most 2·min/(sum) of the lengths: most lines are far
        // longer or shorter than any title and need no comparing.
        let core_chars: Vec<char> = core.chars().collect();
        let close = |title: &String| {
            let n = title.chars().count();
            let bound = 2.0 * core_chars.len().min(n) as f32 / (core_chars.len() + n) as f32;
            bound >= self.similarity && {
                let title: Vec<char> = title.chars().collect();
                crate::label::similarity_chars(&core_chars, &title) >= self.similarity
            }
        };
        (close(&self.title_core) || self.alternatives.iter().chain(&self.regulation).any(close))
            .then_some(SectionWording::Fuzzy)
    }
}

/// What a column's numbers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A non-negative integer.
    Count,
    /// An integer that may be negative (本年增/减).
    Signed,
    /// A non-negative amount, decimals allowed.
    Amount,
}

#[derive(Debug)]
pub struct TableSchema {
    pub key: String,
    /// `None`: the same in every edition.
    pub edition: Option<String>,
    pub name: Text,
    pub aliases: Vec<String>,
    /// The section the table belongs in.
    pub section: Option<String>,
    pub anchors: Vec<Pattern>,
    pub blocks: Vec<BlockSchema>,
    pub vocab: Vocab,
}

#[derive(Debug)]
pub struct BlockSchema {
    pub key: String,
    pub title: Option<LabelDef>,
    pub columns: Vec<ColumnDef>,
    pub rows: Vec<RowDef>,
}

#[derive(Debug)]
pub struct ColumnDef {
    pub key: String,
    pub label: LabelDef,
    pub alias: Option<String>,
    /// What messages call it, when set.
    pub title: Option<String>,
    pub values: ValueKind,
    /// The unit the column counts in (`万元`); a bare number is read in it.
    pub unit: Option<UnitId>,
}

#[derive(Debug)]
pub struct RowDef {
    pub key: String,
    pub label: LabelDef,
    pub alias: Option<String>,
    /// Label-only: carries no numbers of its own.
    pub group: bool,
    /// Has no label: its cells follow the header directly.
    pub implicit: bool,
}

impl TableSchema {
    pub fn row(&self, block: usize, row: usize) -> &RowDef {
        &self.blocks[block].rows[row]
    }

    /// Find a row by key or alias.
    pub fn find_row(&self, name: &str) -> Option<(usize, usize)> {
        for (b, block) in self.blocks.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                if row.key == name || row.alias.as_deref() == Some(name) {
                    return Some((b, r));
                }
            }
        }
        None
    }

    /// Rows below a group row: those whose key starts with `<key>.`.
    pub fn children(&self, block: usize, row: usize) -> Vec<usize> {
        let prefix = format!("{}.", self.blocks[block].rows[row].key);
        self.blocks[block]
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.key.starts_with(&prefix))
            .map(|(i, _)| i)
            .collect()
    }

    /// A short name for a row in messages: `（七）总计`, `一`, `（二）部分公开区…`.
    pub fn row_name(&self, block: usize, row: usize) -> String {
        let def = self.row(block, row);
        if def.label.official.chars().count() <= 8 {
            return def.label.official.clone();
        }
        if let Some(alias) = &def.alias
            && alias.chars().count() == 1
        {
            return alias.clone();
        }
        let n = crate::label::normalize(&def.label.official);
        let numbering = n.numbering.map(|n| n.to_string()).unwrap_or_default();
        let short: String = n.core.chars().take(4).collect();
        format!("{numbering}{short}")
    }

    /// A readable name for a row in messages: the label without its note,
    /// abbreviated when long (`（二）部分公开`, `一、本年新收政府…`).
    pub fn row_title(&self, block: usize, row: usize) -> String {
        let def = self.row(block, row);
        let official = def.label.official.as_str();
        // The note in the last parentheses: `（二）部分公开（区分处理的，…）`.
        let base = match official.rfind('（') {
            Some(i) if i > 0 && official.ends_with('）') => &official[..i],
            _ => official,
        };
        if base.chars().count() <= 12 {
            return base.to_string();
        }
        let n = crate::label::normalize(base);
        let numbering = n.numbering.map(|n| n.to_string()).unwrap_or_default();
        let short: String = n.core.chars().take(6).collect();
        format!("{numbering}{short}…")
    }

    /// A short name for a column in messages: its alias, else its label.
    pub fn column_name(&self, block: usize, column: usize) -> String {
        let def = &self.blocks[block].columns[column];
        def.title
            .clone()
            .or_else(|| def.alias.clone())
            .unwrap_or_else(|| def.label.official.clone())
    }

    pub fn has_alias(&self, name: &str) -> bool {
        self.key == name || self.aliases.iter().any(|a| a == name)
    }
}

impl BlockSchema {
    pub fn find_column(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.key == name || c.alias.as_deref() == Some(name))
    }
}

/// What a known label stands for in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Header words that are not a column (信息内容, 申请人情况…).
    Header,
    BlockTitle(usize),
    Column(usize, usize),
    Row(usize, usize),
}

impl Role {
    pub fn is_header(self) -> bool {
        matches!(self, Role::Header | Role::Column(..) | Role::BlockTitle(_))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct VocabMatch {
    pub role: Role,
    pub quality: MatchQuality,
    pub score: f32,
}

/// Every label a table may contain, for matching cells and for finding labels in
/// text where cells run together.
#[derive(Debug)]
pub struct Vocab {
    entries: Vec<(Role, LabelDef)>,
    matching: Matching,
    by_core: FnvHashMap<String, Vec<usize>>,
    /// The label cores looked for in text normalized like
    /// [`crate::label::core`] (two characters or more, sorted), each with the
    /// entries that have it, and an automaton finding them in long texts.
    /// Made on first use: only lines without cell marks need them, and the
    /// automaton was most of the vocabulary's building time.
    finder: std::sync::OnceLock<Finder>,
    /// Unique in the process: keys the memory of fuzzy answers.
    id: MemoId,
    /// Some label's core is digits only (then a line of digits may hold one).
    digit_core: bool,
}

/// A vocabulary's label cores, and the automaton finding them in long texts.
#[derive(Debug)]
struct Finder {
    cores: Vec<String>,
    entries: Vec<Vec<usize>>,
    automaton: std::sync::OnceLock<AhoCorasick>,
    /// How many texts were searched.
    searches: std::sync::atomic::AtomicUsize,
}

/// Texts up to this many bytes (a line, a table's row) are searched core by
/// core, the first few of them: building the automaton costs more than a
/// report's such searches (one report: 34.8 M → 31.3 M instructions), and
/// less than a batch's (1.30 G → 1.39 G for 200 reports without it).
const SHORT_TEXT: usize = 4096;
const SEARCHES_ONE_BY_ONE: usize = 64;

impl Finder {
    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                // A DFA searches a little faster but takes far longer to build.
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&self.cores)
                .expect("label patterns build")
        })
    }
}

impl Vocab {
    pub fn new(entries: Vec<(Role, LabelDef)>, matching: Matching) -> Self {
        let mut by_core: FnvHashMap<String, Vec<usize>> = FnvHashMap::default();
        for (i, (_, def)) in entries.iter().enumerate() {
            for core in &def.cores {
                let list = by_core.entry(core.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let digit_core = by_core.keys().any(|c| c.chars().all(|c| c.is_ascii_digit()));
        Vocab {
            digit_core,
            id: next_id(),
            entries,
            matching,
            by_core,
            finder: std::sync::OnceLock::new(),
        }
    }

    fn finder(&self) -> &Finder {
        self.finder.get_or_init(|| {
            // Cores of one character (其, 计) only make sense as whole cells;
            // searching for them inside run-together text would split words.
            let mut cores: Vec<(&String, &Vec<usize>)> = self
                .by_core
                .iter()
                .filter(|(core, _)| core.chars().count() >= 2)
                .collect();
            cores.sort();
            Finder {
                cores: cores.iter().map(|(c, _)| (*c).clone()).collect(),
                entries: cores.iter().map(|(_, e)| (*e).clone()).collect(),
                automaton: std::sync::OnceLock::new(),
                searches: std::sync::atomic::AtomicUsize::new(0),
            }
        })
    }

    /// The label cores in `text`, leftmost first and, of those starting at
    /// one place, the longest; none overlapping. Each with the index of its
    /// core, for [`Vocab::core_entries`].
    pub fn find_cores<'t>(&'t self, text: &'t str) -> Box<dyn Iterator<Item = (std::ops::Range<usize>, usize)> + 't> {
        let finder = self.finder();
        let searched = finder.searches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if text.len() > SHORT_TEXT || searched >= SEARCHES_ONE_BY_ONE || finder.automaton.get().is_some() {
            Box::new(self.cores_by_automaton(text))
        } else {
            Box::new(self.cores_one_by_one(text).into_iter())
        }
    }

    fn cores_by_automaton<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (std::ops::Range<usize>, usize)> + 't {
        self.finder()
            .automaton()
            .find_iter(text)
            .map(|m| (m.range(), m.pattern().as_usize()))
    }

    /// Every place each core occurs, then the leftmost-longest of them.
    fn cores_one_by_one(&self, text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        let finder = self.finder();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (k, core) in finder.cores.iter().enumerate() {
            let mut at = 0;
            while let Some(i) = memchr::memmem::find(&text.as_bytes()[at..], core.as_bytes()) {
                found.push((at + i, at + i + core.len(), k));
                at += i + 1;
            }
        }
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut after = 0;
        let mut out = Vec::new();
        for (start, end, k) in found {
            if start >= after {
                out.push((start..end, k));
                after = end;
            }
        }
        out
    }

    /// The entries whose label has the core `k` of [`Vocab::find_cores`].
    pub fn core_entries(&self, k: usize) -> &[usize] {
        &self.finder().entries[k]
    }

    /// Whether a line of digits may hold a label.
    pub fn has_digit_core(&self) -> bool {
        self.digit_core
    }

    pub fn entry(&self, i: usize) -> (Role, &LabelDef) {
        (self.entries[i].0, &self.entries[i].1)
    }

    /// The best reading of a written label, if any is good enough and unambiguous.
    pub fn lookup(&self, written: &Normalized) -> Option<VocabMatch> {
        if written.core.is_empty() {
            return None;
        }
        if let Some(list) = self.by_core.get(&written.core) {
            let pick = list
                .iter()
                .copied()
                .max_by_key(|&i| numbering_agreement(written.numbering, self.entries[i].1.numbering))?;
            let (role, def) = &self.entries[pick];
            if numbering_agreement(written.numbering, def.numbering) >= 1 {
                let quality = if def.cores[0] == written.core {
                    MatchQuality::Exact
                } else {
                    MatchQuality::Variant
                };
                return Some(VocabMatch {
                    role: *role,
                    quality,
                    score: 1.0,
                });
            }
        }
        // Fuzzy scoring is costly and the same few hundred stray words recur in
        // every report (header words, notes).
        remembered(&FUZZY, &written.core, (self.id, written.numbering), || {
            self.fuzzy(written)
        })
    }

    /// Whether written words numbered like a section (`三、本年`) are the first
    /// piece of a row label numbered the same (`三、本年度办理结果` wrapped in a
    /// narrow column of PDF text), not the next section's heading.
    pub fn starts_row_label(&self, written: &Normalized) -> bool {
        self.rows_started_by(written).next().is_some()
    }

    /// The one row whose label numbered words begin (`3.危及“三` of
    /// `3.危及“三安全一稳定”`, wrapped in a narrow column with its numbers
    /// beside the first piece), if only one does.
    pub fn row_started_by(&self, written: &Normalized) -> Option<Role> {
        let mut rows = self.rows_started_by(written);
        let role = rows.next()?;
        rows.all(|r| r == role).then_some(role)
    }

    /// Whether written words are the beginning (or the whole) of a wording of
    /// the label of `role`.
    pub fn begins_label_of(&self, role: Role, written: &Normalized) -> bool {
        !written.core.is_empty()
            && self
                .entries
                .iter()
                .any(|(r, def)| *r == role && def.cores.iter().any(|c| c.starts_with(&written.core)))
    }

    fn rows_started_by<'v>(&'v self, written: &'v Normalized) -> impl Iterator<Item = Role> + 'v {
        let numbered = written.numbering.is_some() && written.core.chars().count() >= 2;
        self.entries
            .iter()
            .filter(move |(role, def)| {
                numbered
                    && matches!(role, Role::Row(..))
                    && def.numbering == written.numbering
                    && def
                        .cores
                        .iter()
                        .any(|c| c.len() > written.core.len() && c.starts_with(&written.core))
            })
            .map(|(role, _)| *role)
    }

    /// The row a written label names, when a column's title is written the
    /// same (`其他`, the row 3.其他 and the column): the row among the readings.
    pub fn row_reading(&self, written: &Normalized) -> Option<VocabMatch> {
        let list = self.by_core.get(&written.core)?;
        list.iter().find_map(|&i| {
            let (role, def) = &self.entries[i];
            (matches!(role, Role::Row(..)) && numbering_agreement(written.numbering, def.numbering) >= 1).then(|| {
                VocabMatch {
                    role: *role,
                    quality: if def.cores[0] == written.core {
                        MatchQuality::Exact
                    } else {
                        MatchQuality::Variant
                    },
                    score: 1.0,
                }
            })
        })
    }

    /// The best fuzzy reading, if it stands out from the next best row.
    fn fuzzy(&self, written: &Normalized) -> Option<VocabMatch> {
        let mut scored: Vec<(f32, usize)> = Vec::new();
        for (i, (role, def)) in self.entries.iter().enumerate() {
            if matches!(role, Role::BlockTitle(_)) {
                continue; // 第二十条第（一）项 and 第（五）项 differ by one character
            }
            if let Some((_, s)) = def.score(written, self.matching.label_similarity) {
                scored.push((s, i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (best_score, best) = *scored.first()?;
        if let Some(&(second_score, second)) = scored.get(1) {
            let both_rows =
                matches!(self.entries[best].0, Role::Row(..)) && matches!(self.entries[second].0, Role::Row(..));
            if both_rows && best_score - second_score < self.matching.label_margin {
                return None;
            }
        }
        Some(VocabMatch {
            role: self.entries[best].0,
            quality: MatchQuality::Fuzzy,
            score: best_score,
        })
    }
}

/// A new id, unique in the process.
pub(crate) fn next_id() -> MemoId {
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    MemoId(NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Answers remembered for the words they were asked about, each with the key
/// of the question (a definition's id, and what else it depends on): keyed by
/// the words first, so that asking again costs no allocation.
struct Remembered<K, V> {
    answers: FnvHashMap<String, Vec<(K, V)>>,
    /// How many answers there are in all.
    count: usize,
}

impl<K, V> Default for Remembered<K, V> {
    fn default() -> Self {
        Remembered {
            answers: FnvHashMap::default(),
            count: 0,
        }
    }
}

/// The answer remembered in `memo` for `words` and `key`, else what `work`
/// gives, then remembered. Bounded: an odd batch of ever-new words, or a
/// process that loads rules again and again (new ids), does not grow it for ever.
fn remembered<K: PartialEq + Copy, V: Copy>(
    memo: &'static std::thread::LocalKey<std::cell::RefCell<Remembered<K, V>>>,
    words: &str,
    key: K,
    work: impl FnOnce() -> V,
) -> V {
    let known = memo.with(|m| {
        let m = m.borrow();
        let answers = m.answers.get(words)?;
        answers.iter().find(|(k, _)| *k == key).map(|&(_, found)| found)
    });
    if let Some(known) = known {
        return known;
    }
    let found = work();
    memo.with(|m| {
        let m = &mut *m.borrow_mut();
        if m.count >= REMEMBERED_MAX {
            m.answers.clear();
            m.count = 0;
        }
        m.answers.entry(words.to_string()).or_default().push((key, found));
        m.count += 1;
    });
    found
}

/// What a fuzzy label lookup depends on besides the words: the vocabulary
/// and the written numbering.
type FuzzyQuestion = (MemoId, Option<Numbering>);

thread_local! {
    /// Sections' costly answers (patterns, similarity) by heading core.
    static SECTION_ANSWERS: std::cell::RefCell<Remembered<MemoId, Option<SectionWording>>> =
        std::cell::RefCell::default();
    /// Fuzzy label lookups by written core, for a vocabulary and a written numbering.
    static FUZZY: std::cell::RefCell<Remembered<FuzzyQuestion, Option<VocabMatch>>> =
        std::cell::RefCell::default();
}

/// How many answers a thread remembers at most, in each memory.
const REMEMBERED_MAX: usize = 50_000;

/// 2 when both sides have the same numbering, 1 when either has none, 0 when they
/// disagree.
fn numbering_agreement(written: Option<Numbering>, known: Option<Numbering>) -> u8 {
    match (written, known) {
        (Some(a), Some(b)) if a.number() == b.number() => 2,
        (Some(_), Some(_)) => 0,
        (None, None) => 2,
        _ => 1,
    }
}

impl Format {
    pub fn edition(&self, id: &str) -> Option<&Edition> {
        self.editions.iter().find(|e| e.id == id)
    }

    pub fn edition_for_year(&self, year: i32) -> Option<&Edition> {
        self.editions.iter().find(|e| e.covers(year))
    }

    pub fn section(&self, key: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// Table keys in the order first defined.
    pub fn table_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for t in &self.tables {
            if !keys.contains(&t.key.as_str()) {
                keys.push(&t.key);
            }
        }
        keys
    }

    /// The schemas that could describe a table with this key, one per edition.
    pub fn schemas_for(&self, key: &str) -> Vec<usize> {
        self.tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.key == key)
            .map(|(i, _)| i)
            .collect()
    }

    /// Resolve a table name (key or alias).
    pub fn table_key(&self, name: &str) -> Option<&str> {
        self.tables.iter().find(|t| t.has_alias(name)).map(|t| t.key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules loaded again and again (a long-running process, the fuzzer) make
    /// new vocabularies: the remembered answers stay bounded all the same.
    #[test]
    fn label_cores_are_found_alike_one_by_one_and_by_the_automaton() {
        let format = crate::config::builtin_format();
        let mut lines = 0;
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")) {
            let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) else {
                continue;
            };
            for line in text.lines() {
                let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
                lines += 1;
                for schema in &format.tables {
                    let v = &schema.vocab;
                    assert_eq!(
                        v.cores_one_by_one(&line),
                        v.cores_by_automaton(&line).collect::<Vec<_>>(),
                        "{line}"
                    );
                }
            }
        }
        assert!(lines > 1000, "{lines}");
        // Overlapping cores: the leftmost, then the longest there.
        let v = Vocab::new(
            vec![
                (Role::Row(0, 0), LabelDef::new("结果维持", &[])),
                (Role::Row(0, 1), LabelDef::new("维持原判", &[])),
                (Role::Row(0, 2), LabelDef::new("结果", &[])),
            ],
            Matching::default(),
        );
        for text in ["结果维持原判", "结果结果维持", "维持原判结果维持"] {
            assert_eq!(
                v.cores_one_by_one(text),
                v.cores_by_automaton(text).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn remembered_fuzzy_answers_stay_bounded_across_vocabularies() {
        let matching = Matching {
            heading_similarity: 0.8,
            label_similarity: 0.75,
            label_margin: 0.04,
        };
        let written = crate::label::normalize("结果维");
        for _ in 0..REMEMBERED_MAX + 10 {
            let vocab = Vocab::new(
                vec![(Role::Row(0, 0), crate::label::LabelDef::new("结果维持", &[]))],
                matching,
            );
            vocab.lookup(&written);
        }
        let (answers, count) = FUZZY.with(|m| {
            let m = m.borrow();
            (m.answers.values().map(Vec::len).sum::<usize>(), m.count)
        });
        assert_eq!(answers, count);
        assert!(count <= REMEMBERED_MAX, "{count}");
    }

    #[test]
    fn remembered_section_answers_are_each_sections_own_and_stay_bounded() {
        let section = |title: &str| SectionDef {
            key: "problems".into(),
            number: 5,
            title: title.into(),
            title_core: crate::label::core(title),
            patterns: Vec::new(),
            alternatives: Vec::new(),
            regulation: Vec::new(),
            similarity: 0.8,
            id: next_id(),
        };
        // One heading asked of two sections: each keeps its own answer.
        let heading = crate::label::core("存在的主要问题和改进情况");
        let problems = section("存在的主要问题及改进情况");
        let other = section("其他需要报告的事项");
        for _ in 0..2 {
            assert_eq!(problems.matches(&heading), Some(SectionWording::Fuzzy));
            assert_eq!(other.matches(&heading), None);
        }
        for _ in 0..REMEMBERED_MAX + 10 {
            section("存在的主要问题及改进情况").matches(&heading);
        }
        let (answers, count) = SECTION_ANSWERS.with(|m| {
            let m = m.borrow();
            (m.answers.values().map(Vec::len).sum::<usize>(), m.count)
        });
        assert_eq!(answers, count);
        assert!(count > 0 && count <= REMEMBERED_MAX, "{count}");
    }

    #[test]
    fn row_titles_are_readable() {
        let format = crate::config::builtin_format();
        let t = format.tables.iter().find(|t| t.key == "applications").unwrap();
        let title = |key: &str| {
            let (b, r) = t.find_row(key).unwrap();
            t.row_title(b, r)
        };
        assert_eq!(title("partial"), "（二）部分公开");
        assert_eq!(title("granted"), "（一）予以公开");
        assert_eq!(title("new"), "一、本年新收政府…");
        assert_eq!(title("withheld.safety"), "3.危及“三安全一稳定”");
    }
}
