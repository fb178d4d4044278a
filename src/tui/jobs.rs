//! Work that can take longer than a frame, and what it gives back: each job runs on a
//! background thread at low priority and posts typed results to the loop, which applies
//! them. Nothing here touches the app's state.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use crate::domain::anchor::DocText;
use crate::domain::briefing::Briefing;
use crate::domain::export::ExportFormat;
use crate::domain::fold::Query;
use crate::domain::library::{Library, LoadEvent};
use crate::domain::load::LoadOptions;
use crate::domain::search::{DocIndex, LibraryHit, LibraryIndex};
use crate::domain::shelf::{Archive, CompareRows, Source};
use crate::domain::store::{AnnotationSet, Draft, LoadOutcome, SaveOutcome, Store, StoreError};
use crate::domain::timeline::MonthGroup;

mod archive;

pub use archive::{ArchiveEvent, ArchiveOutcome};

/// The library's search index, shared with the threads that search it.
pub type SharedIndex = Arc<RwLock<LibraryIndex>>;

/// Background work.
#[derive(Debug)]
pub enum Job {
    /// Load the briefings under these paths (results stream as [`Msg::Load`]).
    LoadLibrary(Vec<PathBuf>, LoadOptions),
    /// Parse the whole of a large briefing whose head is shown (the outcome comes as
    /// a [`LoadEvent::Loaded`], then [`LoadEvent::Done`]).
    ParseRest(Box<crate::domain::load::Rest>),
    /// Read a briefing's annotations and the drafts left for it.
    LoadNotes(String),
    /// The search index and anchoring text of a briefing.
    Prepare(Arc<Briefing>, bool),
    /// Save one briefing's annotations (a snapshot, with the edit count it was taken at).
    Save(Box<AnnotationSet>, u64),
    /// Notes and unread sections of every briefing with notes, for the library.
    Stats(Source),
    /// Annotations of other briefings, read-only (the panel's "every briefing",
    /// compare), with those briefings read whole when they are not in memory; no ids:
    /// every briefing with notes in the store.
    OtherNotes(Vec<String>, Purpose, Source),
    /// Open the library folder's catalogue (creating it), list it, bring it up to date
    /// with the files (results stream as [`Msg::Archive`]), and list it again if that
    /// changed anything. `first`: the start of the session (the first rows are listed
    /// before the rest).
    Archive(Archive, bool),
    /// Search the catalogue's index; hits stream in while `generation` is current.
    SearchArchive(Archive, Query, u64, Arc<AtomicU64>),
    /// Index a briefing's notes as they are now in the catalogue.
    UpdateNotes(Archive, Box<AnnotationSet>),
    /// Read a briefing whole (from its file), to open it.
    ReadBriefing(Source, String),
    /// The timeline's rows.
    Timeline(Source),
    /// The compare view's rows: the kinds, the kind shown (the one asked for when the
    /// library has it) and its sections passing the filter.
    Compare(Source, Option<crate::domain::briefing::Kind>, String, u64),
    /// Write an export.
    Export(Box<ExportJob>),
    /// Read the open briefing's file again.
    Reload(PathBuf, LoadOptions),
    /// Build the library-wide index (every briefing, with its notes).
    BuildIndex(Vec<Arc<Briefing>>, HashMap<String, AnnotationSet>),
    /// Put one briefing (again) into the index, with its notes (from memory when
    /// given, else from the store); without a briefing, take it out.
    Reindex(
        SharedIndex,
        String,
        Option<Arc<Briefing>>,
        Option<Box<AnnotationSet>>,
    ),
    /// Search the library index; hits stream in while `generation` is current.
    SearchLibrary(SharedIndex, Query, u64, Arc<AtomicU64>),
    /// Keep a draft of the note being written.
    WriteDraft(Box<Draft>),
    /// Forget a draft.
    RemoveDraft(String),
    /// Remember the briefing read last.
    SaveLastOpened(String),
}

/// Why other briefings' notes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The panel's "every briefing".
    Panel,
    /// The compare view.
    Compare,
}

/// What an export needs.
#[derive(Debug)]
pub struct ExportJob {
    /// Where the briefings exported are read from (in memory, shared, not copied).
    pub source: Source,
    /// The ids to export (empty: every briefing with annotations).
    pub ids: Vec<String>,
    /// Annotations in memory, newer than the store's.
    pub memory: HashMap<String, AnnotationSet>,
    /// The format.
    pub format: ExportFormat,
    /// The folder to write into.
    pub dir: PathBuf,
    /// The TLP labels the user consented to export (see [`crate::domain::export::ExportOptions::allow`]).
    pub allow: Vec<crate::domain::tradecraft::tlp::Tlp>,
    /// The interface's language (an export's parts speak their briefings' own).
    pub lang: crate::domain::i18n::Lang,
}

/// What a job gives back.
#[derive(Debug)]
pub enum Done {
    /// A briefing's annotations, and drafts left for it.
    NotesLoaded(String, Result<Box<LoadOutcome>, String>, Vec<Draft>),
    /// A briefing prepared (its version, to check it is still the one shown).
    Prepared {
        /// The briefing's version.
        version: String,
        /// The search index.
        index: Arc<DocIndex>,
        /// The anchoring text, when asked for.
        text: Option<Arc<DocText>>,
    },
    /// A save ended: the saved set and what it did, or why it failed.
    Saved(
        String,
        u64,
        Result<(Box<AnnotationSet>, SaveOutcome), StoreError>,
    ),
    /// Per briefing: (annotations, unread sections).
    Stats(HashMap<String, (usize, usize)>),
    /// Other briefings' annotations, and those briefings read whole.
    OtherNotes(Purpose, Vec<AnnotationSet>, Vec<Arc<Briefing>>),
    /// The catalogue's job ended.
    Archive(ArchiveOutcome),
    /// A briefing read whole, or why it could not be.
    BriefingRead(String, Result<Arc<Briefing>, String>),
    /// The timeline's rows, or why they could not be read.
    Timeline(Result<Vec<MonthGroup>, String>),
    /// The compare view's rows (for the request `generation`).
    Compare {
        /// The request.
        generation: u64,
        /// The kinds, with how many sections each.
        kinds: Vec<(crate::domain::briefing::Kind, usize)>,
        /// The kind shown, in `kinds`.
        kind: usize,
        /// Its sections, or why they could not be read.
        rows: Result<CompareRows, String>,
    },
    /// Where the export was written, or why not; `None` when there was nothing to export.
    Exported(Result<Option<PathBuf>, String>),
    /// The file read again: the briefing, or the first problem.
    Reloaded(PathBuf, Result<Box<Briefing>, String>),
    /// The library index.
    IndexBuilt(SharedIndex),
    /// The index has a briefing's latest text and notes.
    Reindexed,
    /// A library search ended (all its hits were posted).
    Searched(u64),
    /// A draft was written, or not.
    DraftWritten(Result<(), String>),
    /// A small write ended (drafts removed, the last briefing recorded).
    Written,
}

/// What a job posts while it runs, and at its end.
#[derive(Debug)]
pub enum Report {
    /// Progress of loading the library.
    Load(LoadEvent),
    /// The catalogue's rows and progress.
    Archive(ArchiveEvent),
    /// Hits of a library search.
    Hits(Hits),
    /// The end of the job.
    Done(Box<Done>),
}

/// Hits of a library search, while it runs.
#[derive(Debug)]
pub struct Hits {
    /// The search they belong to.
    pub generation: u64,
    /// Hits of one briefing.
    pub hits: Vec<LibraryHit>,
}

/// Runs a job to its end on this thread, posting what it finds (`post` returns false
/// once nobody listens). Streaming jobs post progress first; every job ends with
/// exactly one final report (a library load ends with [`LoadEvent::Done`]).
pub fn run(job: Job, store: Option<&Store>, post: &dyn Fn(Report) -> bool) {
    let done = match job {
        Job::ParseRest(rest) => {
            if post(Report::Load(LoadEvent::Loaded(Box::new(rest.parse())))) {
                post(Report::Load(LoadEvent::Done));
            }
            return;
        }
        Job::LoadLibrary(paths, options) => {
            let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
            let mut ended = false;
            crate::domain::library::load_streaming(&paths, options, workers, |event| {
                ended |= matches!(event, LoadEvent::Done);
                post(Report::Load(event))
            });
            if !ended {
                // Stopped early: the load still ends, for whoever counts jobs.
                post(Report::Load(LoadEvent::Done));
            }
            return;
        }
        Job::LoadNotes(id) => {
            let (outcome, drafts) = match store {
                Some(store) => {
                    let (drafts, notices) = store.drafts_with_notices();
                    let outcome = store.load(&id).map_err(|e| e.to_string()).map(|mut o| {
                        o.notices.extend(notices);
                        Box::new(o)
                    });
                    (
                        outcome,
                        drafts.into_iter().filter(|d| d.briefing == id).collect(),
                    )
                }
                None => (
                    Ok(Box::new(LoadOutcome {
                        set: AnnotationSet::new(&id),
                        notices: Vec::new(),
                    })),
                    Vec::new(),
                ),
            };
            Done::NotesLoaded(id, outcome, drafts)
        }
        Job::Prepare(briefing, with_text) => {
            let (index, text) = prepare(&briefing, with_text);
            Done::Prepared {
                version: briefing.version.clone(),
                index,
                text,
            }
        }
        Job::Save(mut set, edits) => {
            let id = set.file.briefing.clone();
            let result = match store {
                Some(store) => store
                    .save(&mut set, crate::domain::store::LockMode::Try)
                    .map(|outcome| (set, outcome)),
                None => Ok((set, SaveOutcome::default())),
            };
            Done::Saved(id, edits, result)
        }
        Job::Stats(source) => Done::Stats(stats(&source, store)),
        Job::OtherNotes(ids, purpose, source) => {
            let sets: Vec<AnnotationSet> = store.map_or_else(Vec::new, |store| {
                let ids = if ids.is_empty() {
                    store.briefings()
                } else {
                    ids
                };
                ids.iter()
                    .filter_map(|id| store.load(id).ok().map(|o| o.set))
                    .collect()
            });
            // In memory the briefings are there already; from a catalogue, those with
            // notes are read, so their notes show under their sections' titles.
            let briefings = match &source {
                Source::Memory(_) => Vec::new(),
                Source::Catalogue(_) => sets
                    .iter()
                    .filter_map(|s| source.briefing(&s.file.briefing).ok())
                    .collect(),
            };
            Done::OtherNotes(purpose, sets, briefings)
        }
        Job::Archive(archive, first) => {
            archive::run(&archive, first, store, post);
            return;
        }
        Job::SearchArchive(archive, query, generation, current) => {
            let source = Source::Catalogue(archive);
            let _ = source.search(&query, &mut |hits| {
                if current.load(Ordering::SeqCst) != generation {
                    return false;
                }
                post(Report::Hits(Hits { generation, hits }))
            });
            Done::Searched(generation)
        }
        Job::UpdateNotes(archive, set) => {
            archive::update_notes(&archive, store, &set);
            Done::Written
        }
        Job::ReadBriefing(source, id) => {
            let read = source.briefing(&id);
            Done::BriefingRead(id, read)
        }
        Job::Timeline(source) => Done::Timeline(source.timeline()),
        Job::Compare(source, wanted, filter, generation) => {
            let kinds = source.kinds().unwrap_or_default();
            let kind = wanted
                .and_then(|k| kinds.iter().position(|(kk, _)| *kk == k))
                .unwrap_or(0);
            let rows = match kinds.get(kind) {
                Some((k, _)) => source.compare(k, &filter),
                None => Ok(CompareRows::default()),
            };
            Done::Compare {
                generation,
                kinds,
                kind,
                rows,
            }
        }
        Job::Export(job) => Done::Exported(export(&job, store)),
        Job::Reload(path, options) => {
            let outcome = crate::domain::load::load_file(&path, options)
                .map(|loaded| Box::new(loaded.briefing))
                // The first problem; empty when there is none to name (the reader
                // says "it does not load" in its language).
                .map_err(|problems| {
                    problems
                        .first()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                });
            Done::Reloaded(path, outcome)
        }
        Job::BuildIndex(briefings, memory) => {
            let mut index = LibraryIndex::new();
            for b in &briefings {
                let notes = match memory.get(&b.id) {
                    Some(set) => set.file.notes.clone(),
                    None => store
                        .and_then(|s| s.load(&b.id).ok())
                        .map(|o| o.set.file.notes)
                        .unwrap_or_default(),
                };
                index.add(b, &notes);
            }
            Done::IndexBuilt(Arc::new(RwLock::new(index)))
        }
        Job::Reindex(index, id, briefing, set) => {
            let notes = match (&briefing, set) {
                (None, _) => Vec::new(),
                (Some(_), Some(set)) => set.file.notes,
                (Some(_), None) => store
                    .and_then(|s| s.load(&id).ok())
                    .map(|o| o.set.file.notes)
                    .unwrap_or_default(),
            };
            if let Ok(mut index) = index.write() {
                match &briefing {
                    Some(briefing) => index.add(briefing, &notes),
                    None => {
                        index.remove(&id);
                    }
                }
            }
            Done::Reindexed
        }
        Job::SearchLibrary(index, query, generation, current) => {
            if let Ok(index) = index.read() {
                index.search(&query, &mut |hits| {
                    if current.load(Ordering::SeqCst) != generation {
                        return false;
                    }
                    post(Report::Hits(Hits { generation, hits }))
                });
            }
            Done::Searched(generation)
        }
        Job::WriteDraft(draft) => Done::DraftWritten(match store {
            Some(store) => store.save_draft(&draft).map_err(|e| e.to_string()),
            None => Ok(()),
        }),
        Job::RemoveDraft(key) => {
            if let Some(store) = store {
                let _ = store.remove_draft(&key);
            }
            Done::Written
        }
        Job::SaveLastOpened(id) => {
            if let Some(store) = store {
                super::notebook::save_last_opened(store, &id);
            }
            Done::Written
        }
    };
    post(Report::Done(Box::new(done)));
}

/// Renders every unit of a briefing once, one at a time (so a large briefing never
/// holds all its rendered blocks at once), for the search index and, when `with_text`,
/// for anchoring.
pub fn prepare(briefing: &Briefing, with_text: bool) -> (Arc<DocIndex>, Option<Arc<DocText>>) {
    let size = briefing
        .sections
        .iter()
        .map(|s| s.body.len() + 1)
        .sum::<usize>()
        + briefing.summary.as_ref().map_or(0, |s| s.len());
    let mut index = crate::domain::search::DocIndexBuilder::new(size);
    let mut sections = Vec::new();
    for unit in 0..=briefing.sections.len() {
        let blocks = crate::domain::placing::unit_blocks(briefing, unit);
        index.push_heading(&crate::domain::search::heading_texts(briefing, unit));
        index.push_unit(&blocks);
        if with_text
            && let Some(section) = unit.checked_sub(1).and_then(|i| briefing.sections.get(i))
        {
            sections.push(crate::domain::placing::section_text(section, blocks));
        }
    }
    (
        Arc::new(index.finish()),
        with_text.then(|| Arc::new(DocText { sections })),
    )
}

/// Annotations and unread sections of one briefing, for the library.
pub fn stats_of(briefing: &Briefing, set: &AnnotationSet) -> (usize, usize) {
    let annotations = set.annotations().count();
    let unread = briefing
        .sections
        .iter()
        .filter(|s| !super::notebook::is_read(set, s))
        .count();
    (annotations, unread)
}

/// The counts of the briefings with notes (the others have none, and every section
/// unread: the library knows that without asking).
fn stats(source: &Source, store: Option<&Store>) -> HashMap<String, (usize, usize)> {
    let Some(store) = store else {
        return HashMap::new();
    };
    let mut out = HashMap::new();
    for id in store.briefings() {
        let Ok(outcome) = store.load(&id) else {
            continue;
        };
        let Ok(Some(sections)) = source.section_hashes(&id) else {
            continue;
        };
        let set = &outcome.set;
        let unread = sections
            .iter()
            .filter(|(section, hash)| set.read_mark(section).is_none_or(|m| m.hash != *hash))
            .count();
        out.insert(id, (set.annotations().count(), unread));
    }
    out
}

fn export(job: &ExportJob, store: Option<&Store>) -> Result<Option<PathBuf>, String> {
    use crate::domain::export::{
        ExportOptions, ExportText, export_text, file_name, write_export_in,
    };
    let Some(store) = store else {
        return Err("notes are not kept in this session: nothing to export".into());
    };
    let mut options = ExportOptions::new(jiff::Timestamp::now());
    options.allow = job.allow.clone();
    options.lang = job.lang;
    // The briefings to export, read whole: those named, else every one with notes.
    let library = match &job.source {
        Source::Memory(all) => {
            let mut library = Library::default();
            for b in all {
                library.insert(b.clone());
            }
            library
        }
        Source::Catalogue(_) => {
            let mut ids = if job.ids.is_empty() {
                store.briefings()
            } else {
                job.ids.clone()
            };
            ids.extend(job.memory.keys().cloned());
            ids.sort_unstable();
            ids.dedup();
            job.source.library_of(&ids)
        }
    };
    let ExportText {
        text,
        exported,
        refused,
        ..
    } = export_text(&library, store, &job.ids, job.format, &options, &job.memory);
    if let Some(consent) = refused {
        return Err(consent.reason(job.lang));
    }
    if exported.is_empty() {
        return Ok(None);
    }
    let refs: Vec<&str> = exported.iter().map(String::as_str).collect();
    let name = file_name(&refs, job.format, options.exported_at);
    write_export_in(&job.dir, &name, &text, job.lang)
        .map(Some)
        .map_err(|e| {
            format!(
                "{} ({})",
                crate::domain::load::io_words(&e),
                job.dir.display()
            )
        })
}
