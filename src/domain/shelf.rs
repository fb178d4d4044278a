//! The library as the reader's views see it, whatever holds it: the rows the library
//! screen lists (a few hundred bytes per briefing, never the text), and where whole
//! briefings, dated sections and sections of a kind come from — briefings in memory
//! (the bundled ones, a file or folders read whole), or the catalogue of a library
//! folder (`super::catalogue`), where 100,000 briefings cost a query, not a parse.
//! Must not depend on terminal crates.
//!
//! Every [`Source`] call may read files or a database: call it from a background job,
//! never from the UI thread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::briefing::{Briefing, Kind, Origin};
use super::catalogue::{BriefingRow, Catalogue, FileId, Listing};
use super::date::PartialDate;
use super::diag::Diagnostic;
use super::fold::Query;
use super::fold::fold;
use super::library::Library;
use super::load::{LoadOptions, load_file};
use super::search::LibraryHit;
use super::timeline::{
    BriefingRef, CompareEntry, MonthGroup, TimelineEntry, compare_order, dated_entries, kinds_in,
    sections_of_kind, timeline,
};

/// One briefing as the library lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<PartialDate>,
    /// Its language.
    pub language: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its classification banner.
    pub classification: Option<String>,
    /// How many sections it has.
    pub sections: usize,
    /// Its file, when it has one.
    pub path: Option<PathBuf>,
}

impl Entry {
    /// The row of a loaded briefing.
    pub fn of(b: &Briefing) -> Entry {
        Entry {
            id: b.id.clone(),
            title: b.title.clone(),
            date: b.date,
            language: b.language.clone(),
            tags: b.tags.clone(),
            classification: b.classification.clone(),
            sections: b.sections.len(),
            path: match &b.origin {
                Origin::File(p) => Some(p.clone()),
                Origin::Embedded(_) => None,
            },
        }
    }

    /// The row of a catalogue's briefing.
    pub fn from_row(row: BriefingRow) -> Entry {
        Entry {
            id: row.id,
            title: row.title,
            date: row.date,
            language: row.language,
            tags: row.tags,
            classification: row.classification,
            sections: row.sections,
            path: Some(row.path),
        }
    }
}

/// The rows of a library, in the order found, with the problems met reading it.
#[derive(Debug, Clone, Default)]
pub struct Shelf {
    /// The briefings; ids are unique.
    pub entries: Vec<Entry>,
    /// Errors and warnings, as the library reports them.
    pub problems: Vec<Diagnostic>,
    /// Id → index in `entries`.
    by_id: HashMap<String, usize>,
}

impl Shelf {
    /// The rows of briefings in memory.
    pub fn from_library(library: &Library) -> Shelf {
        let mut shelf = Shelf {
            problems: library.problems.clone(),
            ..Shelf::default()
        };
        for b in &library.briefings {
            shelf.put(Entry::of(b));
        }
        shelf
    }

    /// The rows a catalogue lists.
    pub fn from_listing(listing: Listing) -> Shelf {
        let mut shelf = Shelf {
            problems: listing.problems,
            ..Shelf::default()
        };
        for row in listing.briefings {
            shelf.put(Entry::from_row(row));
        }
        shelf
    }

    /// Adds a row, or replaces the row of the same id.
    pub fn put(&mut self, entry: Entry) {
        match self.by_id.get(&entry.id) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.by_id.insert(entry.id.clone(), self.entries.len());
                self.entries.push(entry);
            }
        }
    }

    /// The row of a briefing.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).and_then(|&i| self.entries.get(i))
    }

    /// How many briefings.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The catalogue of one library folder, as background jobs open it (a connection per
/// job: SQLite connections stay on their thread).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    /// Where caches live.
    pub cache_dir: PathBuf,
    /// The library folder.
    pub root: PathBuf,
    /// How its files are read.
    pub load: LoadOptions,
}

impl Archive {
    /// A read-only connection to the catalogue, which must exist.
    pub fn open(&self) -> Result<Catalogue, String> {
        match Catalogue::open_existing(&self.cache_dir, &self.root) {
            Ok(Some(c)) => Ok(c),
            Ok(None) => Err("the library's index is not there".into()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// How many briefings' sections the compare view shows at most: the most recent ones
/// that pass its filter (comparing more side by side reads nothing better).
pub const COMPARE_LIMIT: usize = 100;

/// The sections of one kind the compare view shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareRows {
    /// The sections shown, in [`compare_order`].
    pub entries: Vec<CompareEntry>,
    /// How many briefings pass the filter in all (more than shown when over
    /// [`COMPARE_LIMIT`]).
    pub briefings: usize,
}

/// Where whole briefings and the views' rows come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Briefings in memory.
    Memory(Vec<Arc<Briefing>>),
    /// The catalogue of a library folder.
    Catalogue(Archive),
}

/// What the compare filter looks at: the briefing's title and tags, the section's title.
fn compare_text(b: &BriefingRef, section_title: &str) -> String {
    format!("{} {} {section_title}", b.title, b.tags.join(" "))
}

/// Whether every word of `words` (folded) is in `text` folded.
fn passes(words: &[String], text: &str) -> bool {
    if words.is_empty() {
        return true;
    }
    let hay = fold(text).text;
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// The words of a filter, folded.
pub fn filter_words(filter: &str) -> Vec<String> {
    super::fold::fold_query(filter)
        .text
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Keeps the last [`COMPARE_LIMIT`] briefings' runs of `entries` (in compare order):
/// the most recent.
fn keep_recent<T>(entries: Vec<T>, id: impl Fn(&T) -> &str) -> (Vec<T>, usize) {
    let mut starts: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if i == 0 || id(&entries[i - 1]) != id(e) {
            starts.push(i);
        }
    }
    let briefings = starts.len();
    let from = starts
        .len()
        .checked_sub(COMPARE_LIMIT)
        .and_then(|k| starts.get(k).copied())
        .unwrap_or(0);
    (entries.into_iter().skip(from).collect(), briefings)
}

impl Source {
    /// A whole briefing, read from its file (or from memory).
    pub fn briefing(&self, id: &str) -> Result<Arc<Briefing>, String> {
        match self {
            Source::Memory(all) => all
                .iter()
                .find(|b| b.id == id)
                .cloned()
                .ok_or_else(|| format!("no briefing `{id}` in the library")),
            Source::Catalogue(archive) => {
                let catalogue = archive.open()?;
                let path = catalogue
                    .path_of(id)
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| format!("no briefing `{id}` in the library"))?;
                read_file(&path, archive.load)
            }
        }
    }

    /// Every structured date, grouped by month (the timeline).
    pub fn timeline(&self) -> Result<Vec<MonthGroup>, String> {
        let entries = match self {
            Source::Memory(all) => dated_entries(all),
            Source::Catalogue(archive) => {
                let rows = archive
                    .open()?
                    .dated_sections()
                    .map_err(|e| e.to_string())?;
                let mut refs: HashMap<FileId, Arc<BriefingRef>> = HashMap::new();
                rows.into_iter()
                    .map(|d| {
                        let at = refs
                            .entry(d.file)
                            .or_insert_with(|| {
                                Arc::new(BriefingRef {
                                    id: d.briefing.clone(),
                                    title: d.briefing_title.clone(),
                                    date: d.date,
                                    tags: d.tags.clone(),
                                })
                            })
                            .clone();
                        TimelineEntry {
                            briefing: at,
                            section: d.section,
                            section_title: d.section_title,
                            kind: d.kind,
                            span: d.span,
                        }
                    })
                    .collect()
            }
        };
        Ok(timeline(entries))
    }

    /// The section kinds with how many sections have each, known kinds first.
    pub fn kinds(&self) -> Result<Vec<(Kind, usize)>, String> {
        match self {
            Source::Memory(all) => Ok(kinds_in(all)),
            Source::Catalogue(archive) => archive.open()?.kinds().map_err(|e| e.to_string()),
        }
    }

    /// The sections of `kind` whose briefing title, tags or section title hold every
    /// word of `filter`, for the [`COMPARE_LIMIT`] most recent briefings.
    pub fn compare(&self, kind: &Kind, filter: &str) -> Result<CompareRows, String> {
        let words = filter_words(filter);
        match self {
            Source::Memory(all) => {
                let entries: Vec<CompareEntry> = sections_of_kind(all, kind)
                    .into_iter()
                    .filter(|e| passes(&words, &compare_text(&e.briefing, &e.content.title)))
                    .collect();
                let (entries, briefings) = keep_recent(entries, |e| e.briefing.id.as_str());
                Ok(CompareRows { entries, briefings })
            }
            Source::Catalogue(archive) => {
                let catalogue = archive.open()?;
                let rows = catalogue
                    .sections_of_kind(kind)
                    .map_err(|e| e.to_string())?;
                let mut refs: HashMap<FileId, Arc<BriefingRef>> = HashMap::new();
                let mut found: Vec<(FileId, Arc<BriefingRef>, usize)> = Vec::new();
                for row in rows {
                    let at = refs
                        .entry(row.file)
                        .or_insert_with(|| {
                            Arc::new(BriefingRef {
                                id: row.briefing.clone(),
                                title: row.briefing_title.clone(),
                                date: row.date,
                                tags: row.tags.clone(),
                            })
                        })
                        .clone();
                    if passes(&words, &compare_text(&at, &row.section_title)) {
                        found.push((row.file, at, row.section));
                    }
                }
                found.sort_by(|a, b| compare_order((&a.1, a.2), (&b.1, b.2)));
                let (found, briefings) = keep_recent(found, |e| e.1.id.as_str());
                let mut entries = Vec::with_capacity(found.len());
                for (file, briefing, section) in found {
                    if let Some(content) = catalogue
                        .section(file, section)
                        .map_err(|e| e.to_string())?
                    {
                        entries.push(CompareEntry {
                            briefing,
                            section,
                            content: Arc::new(content),
                        });
                    }
                }
                Ok(CompareRows { entries, briefings })
            }
        }
    }

    /// Searches the catalogue's index (notes included); `sink` gets each briefing's
    /// hits and returns false to stop. Briefings in memory are searched by the
    /// reader's own index instead.
    pub fn search(
        &self,
        query: &Query,
        sink: &mut dyn FnMut(Vec<LibraryHit>) -> bool,
    ) -> Result<(), String> {
        match self {
            Source::Memory(_) => Ok(()),
            Source::Catalogue(archive) => archive
                .open()?
                .search(query, sink)
                .map_err(|e| e.to_string()),
        }
    }

    /// The section ids and content hashes of a briefing (for unread counts), without
    /// its text; `None` when it is not in the library.
    pub fn section_hashes(&self, id: &str) -> Result<Option<Vec<(String, String)>>, String> {
        match self {
            Source::Memory(all) => Ok(all.iter().find(|b| b.id == id).map(|b| {
                b.sections
                    .iter()
                    .map(|s| (s.id.clone(), s.hash.clone()))
                    .collect()
            })),
            Source::Catalogue(archive) => {
                let catalogue = archive.open()?;
                let Some(file) = catalogue.file_of(id).map_err(|e| e.to_string())? else {
                    return Ok(None);
                };
                let rows = catalogue.sections(file).map_err(|e| e.to_string())?;
                Ok(Some(rows.into_iter().map(|r| (r.id, r.hash)).collect()))
            }
        }
    }

    /// The briefings of `ids` that are in the library, read whole (for an export).
    pub fn library_of(&self, ids: &[String]) -> Library {
        let mut library = Library::default();
        for id in ids {
            match self.briefing(id) {
                Ok(b) => library.insert(b),
                // A briefing gone from the library is exported from its notes alone.
                Err(_) => continue,
            }
        }
        library
    }
}

/// Reads one briefing file whole; the first problem, in words, when it does not load.
pub fn read_file(path: &Path, options: LoadOptions) -> Result<Arc<Briefing>, String> {
    load_file(path, options)
        .map(|loaded| Arc::new(loaded.briefing))
        .map_err(|problems| {
            problems
                .first()
                .map_or_else(|| "it does not load".to_string(), ToString::to_string)
        })
}
