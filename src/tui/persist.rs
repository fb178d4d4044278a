//! What the reader keeps on disk: the open briefing's annotations and reading
//! position (through the store, never blocking the UI: a busy lock or a failed save is
//! retried, and nothing in memory is dropped), the briefing read last, and background
//! jobs whose results come back to the loop.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::{App, Message, Tone};
use super::event::Msg;
use super::notes::Annotations;
use crate::domain::anchor::DocText;
use crate::domain::atomic::{Existing, write_atomic};
use crate::domain::briefing::Briefing;
use crate::domain::search::DocIndex;
use crate::domain::store::{AnnotationSet, LockMode, Store, StoreError};

/// How soon a save that found the store busy is tried again.
const BUSY_RETRY: Duration = Duration::from_millis(250);
/// How soon a save that failed (read-only folder, full disk) is tried again.
const FAILED_RETRY: Duration = Duration::from_secs(5);

/// The store and the state of saving.
#[derive(Debug)]
pub struct Persist {
    /// The annotation store in the data dir.
    pub store: Store,
    /// When to try saving again, if a save is owed.
    pub retry_at: Option<Instant>,
    /// The last save error, shown until a save succeeds.
    pub failing: Option<String>,
}

impl Persist {
    /// The store under `data_dir`.
    pub fn new(data_dir: PathBuf) -> Persist {
        Persist {
            store: Store::new(data_dir),
            retry_at: None,
            failing: None,
        }
    }
}

/// Runs `work` in the background and applies its result on the loop's thread; without
/// a loop (tests), runs both at once.
pub fn spawn_job<R: Send + 'static>(
    app: &mut App,
    work: impl FnOnce() -> R + Send + 'static,
    apply: impl FnOnce(&mut App, R) + Send + 'static,
) {
    match &app.tx {
        Some(tx) => {
            let tx = tx.clone();
            std::thread::spawn(move || {
                // Background work must never slow the keys down.
                let _ = thread_priority::set_current_thread_priority(
                    thread_priority::ThreadPriority::Min,
                );
                let result = work();
                let _ = tx.send(Msg::Apply(Box::new(move |app: &mut App| {
                    apply(app, result)
                })));
            });
        }
        None => {
            let result = work();
            apply(app, result);
        }
    }
}

/// The rendered text of a briefing for search and anchoring, built once.
pub struct Prepared {
    /// The search index.
    pub index: Arc<DocIndex>,
    /// The text anchoring works on, when there are annotations to place.
    pub text: Option<Arc<DocText>>,
}

/// Renders every unit of a briefing once, one at a time (so a large briefing never
/// holds all its rendered blocks at once), for the search index and, when `with_text`,
/// for anchoring.
pub fn prepare(briefing: &Briefing, with_text: bool) -> Prepared {
    let size = briefing
        .sections
        .iter()
        .map(|s| s.body.len() + 1)
        .sum::<usize>()
        + briefing.summary.as_ref().map_or(0, |s| s.len());
    let mut index = crate::domain::search::DocIndexBuilder::new(size);
    let mut sections = Vec::new();
    for unit in 0..=briefing.sections.len() {
        let blocks = super::layout::unit_blocks(briefing, unit);
        index.push_unit(&blocks);
        if with_text
            && let Some(section) = unit.checked_sub(1).and_then(|i| briefing.sections.get(i))
        {
            sections.push(crate::domain::placing::section_text(section, blocks));
        }
    }
    Prepared {
        index: Arc::new(index.finish()),
        text: with_text.then(|| Arc::new(DocText { sections })),
    }
}

/// Loads the annotations of a briefing, telling the user about any repair.
pub fn load_annotations(app: &mut App, briefing: &Briefing) -> Annotations {
    let Some(persist) = &app.persist else {
        return Annotations::new(AnnotationSet::new(&briefing.id));
    };
    match persist.store.load(&briefing.id) {
        Ok(outcome) => {
            if let Some(notice) = outcome.notices.first() {
                app.message = Some(Message {
                    text: notice.clone(),
                    tone: Tone::Warning,
                });
            }
            if outcome.set.is_read_only() {
                app.message = Some(Message {
                    text: "these notes were written by a newer brief: read-only".into(),
                    tone: Tone::Warning,
                });
            }
            Annotations::new(outcome.set)
        }
        Err(e) => {
            app.message = Some(Message {
                text: format!("cannot read notes: {e}"),
                tone: Tone::Error,
            });
            Annotations::new(AnnotationSet::new(&briefing.id))
        }
    }
}

/// Saves the open briefing's annotations if they changed. Never waits for the lock:
/// a busy store or a failure schedules a retry and keeps everything in memory.
pub fn save_annotations(app: &mut App) {
    let Some(persist) = &mut app.persist else {
        return;
    };
    let Some(open) = &mut app.open else { return };
    let set = &mut open.notes.set;
    if !set.is_dirty() || set.is_read_only() {
        persist.retry_at = None;
        return;
    }
    match persist.store.save(set, LockMode::Try) {
        Ok(outcome) => {
            persist.retry_at = None;
            let recovered = persist.failing.take().is_some();
            if outcome.conflicts > 0 {
                app.message = Some(Message {
                    text: format!(
                        "{} note(s) were edited elsewhere too: both texts kept, one as a conflict copy",
                        outcome.conflicts
                    ),
                    tone: Tone::Warning,
                });
            } else if recovered {
                app.message = Some(Message {
                    text: "notes saved".into(),
                    tone: Tone::Info,
                });
            }
            if outcome.merged_from_disk > 0 {
                // Another reader added or changed notes: place them too.
                if let Some(doc) = open.notes.doc.clone() {
                    let briefing = open.reader.briefing.clone();
                    open.notes.attach(doc, &briefing);
                    open.reader.invalidate();
                }
            }
        }
        Err(StoreError::Busy) => {
            persist.retry_at = Some(Instant::now() + BUSY_RETRY);
        }
        Err(e) => {
            let text = format!("notes not saved ({e}); kept in memory, retrying");
            persist.failing = Some(text.clone());
            persist.retry_at = Some(Instant::now() + FAILED_RETRY);
            app.message = Some(Message {
                text,
                tone: Tone::Error,
            });
        }
    }
}

/// Records the reading position in the open briefing's set (saved with it).
pub fn record_position(app: &mut App) {
    let Some(open) = &mut app.open else { return };
    let Some(cursor) = open.reader.cursor else {
        return;
    };
    let section = match cursor.unit.checked_sub(1) {
        Some(i) => open
            .reader
            .briefing
            .sections
            .get(i)
            .map_or("", |s| s.id.as_str()),
        None => "",
    };
    let same = open
        .notes
        .set
        .file
        .position
        .as_ref()
        .is_some_and(|p| p.section == section && p.block == cursor.block);
    if !same {
        let section = section.to_string();
        open.notes.set.set_position(&section, cursor.block);
    }
}

/// The file naming the briefing read last.
fn state_path(app: &App) -> Option<PathBuf> {
    app.persist
        .as_ref()
        .map(|p| p.store.data_dir().join("state.toml"))
}

/// Remembers the open briefing as the one read last.
pub fn save_last_opened(app: &App) {
    let (Some(path), Some(open)) = (state_path(app), &app.open) else {
        return;
    };
    let text = format!(
        "# Written by brief: the briefing read last.\nlast = {}\n",
        toml::Value::String(open.briefing().id.clone())
    );
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = write_atomic(&path, text.as_bytes(), Existing::Replace);
}

/// The briefing read last, if recorded.
pub fn last_opened(app: &App) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct State {
        last: String,
    }
    let path = state_path(app)?;
    let bytes = crate::domain::load::read_bounded(&path, 64 * 1024).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    toml::from_str::<State>(&text).ok().map(|s| s.last)
}

/// Saves what must survive the session: position, annotations, the briefing read last.
/// Waits for the lock, briefly: this runs when leaving.
pub fn save_on_exit(app: &mut App) {
    record_position(app);
    save_last_opened(app);
    if let (Some(persist), Some(open)) = (&mut app.persist, &mut app.open) {
        let set = &mut open.notes.set;
        if set.is_dirty() && !set.is_read_only() {
            let mut tries = 0;
            loop {
                match persist.store.save(set, LockMode::Try) {
                    Err(StoreError::Busy) if tries < 40 => {
                        tries += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    Ok(_) => break,
                    Err(e) => {
                        eprintln!("brief: notes could not be saved: {e}");
                        rescue(&set.file);
                        break;
                    }
                }
            }
        }
    }
}

/// Last resort when the store cannot be written on the way out: the notes go to a
/// rescue file in the temporary folder (or the current one), and the path is printed.
fn rescue(file: &crate::domain::store::StoreFile) {
    let Ok(text) = toml::to_string(file) else {
        return;
    };
    let name = format!(
        "brief-rescue-{}-{}.toml",
        file.briefing,
        jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S")
    );
    for dir in [std::env::temp_dir(), PathBuf::from(".")] {
        let path = dir.join(&name);
        if write_atomic(&path, text.as_bytes(), Existing::Keep).is_ok() {
            eprintln!(
                "brief: your notes are safe in {}: it is a store file; put it back as annotations/{}.toml in the data folder once that is writable",
                path.display(),
                file.briefing
            );
            return;
        }
    }
}

/// Annotations and unread sections of one briefing, for the library.
pub fn stats_of(briefing: &Briefing, set: &AnnotationSet) -> (usize, usize) {
    let annotations = set.annotations().count();
    let unread = briefing
        .sections
        .iter()
        .filter(|s| set.read_mark(&s.id).is_none_or(|m| m.hash != s.hash))
        .count();
    (annotations, unread)
}

/// Counts annotations and unread sections of every briefing, in the background.
pub fn refresh_library_stats(app: &mut App) {
    let Some(persist) = &app.persist else { return };
    let store = persist.store.clone();
    let briefings = app.library.briefings.clone();
    spawn_job(
        app,
        move || {
            let stored: std::collections::HashSet<String> = store.briefings().into_iter().collect();
            briefings
                .iter()
                .map(|b| {
                    let stats = if stored.contains(&b.id) {
                        store
                            .load(&b.id)
                            .map_or((0, b.sections.len()), |o| stats_of(b, &o.set))
                    } else {
                        (0, b.sections.len())
                    };
                    (b.id.clone(), stats)
                })
                .collect::<std::collections::HashMap<_, _>>()
        },
        |app, stats| app.library_stats = stats,
    );
}

/// `e`/`E`: exports the open briefing's notes (or every briefing's) to the export
/// folder, atomically, and says where.
pub fn export(app: &mut App, all: bool) {
    use crate::domain::export::{ExportOptions, ExportText, export_text, file_name, write_export};
    save_annotations(app);
    let Some(persist) = &app.persist else {
        app.message = Some(Message {
            text: "notes are not kept in this session: nothing to export".into(),
            tone: Tone::Warning,
        });
        return;
    };
    let ids: Vec<String> = if all {
        Vec::new()
    } else {
        match &app.open {
            Some(o) => vec![o.briefing().id.clone()],
            None => return,
        }
    };
    let format = app.config.export_format;
    let options = ExportOptions::new(jiff::Timestamp::now());
    let memory = app
        .open
        .as_ref()
        .map(|o| (o.briefing().id.clone(), o.notes.set.clone()))
        .into_iter()
        .collect();
    let ExportText { text, exported, .. } = export_text(
        &app.library,
        &persist.store,
        &ids,
        format,
        &options,
        &memory,
    );
    if exported.is_empty() {
        app.message = Some(Message {
            text: "no bookmarks or notes to export yet".into(),
            tone: Tone::Info,
        });
        return;
    }
    let refs: Vec<&str> = exported.iter().map(String::as_str).collect();
    let name = file_name(&refs, format, options.exported_at);
    let dir = app.config.export_dir.clone();
    app.message = Some(match write_export(&dir, &name, &text) {
        Ok(path) => Message {
            text: format!("exported to {}", path.display()),
            tone: Tone::Info,
        },
        Err(e) => Message {
            text: format!(
                "export failed: {} ({})",
                crate::domain::load::io_words(&e),
                dir.display()
            ),
            tone: Tone::Error,
        },
    });
}
