//! Bringing the catalogue in step with the files: every briefing file is looked at
//! (size and modification time, then the content hash when they differ), and only
//! files added, changed or removed are read, parsed and indexed again, on worker
//! threads, written in short transactions; annotation store files likewise. Progress
//! and changes stream to the caller. Must not depend on terminal crates.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rusqlite::TransactionBehavior;

use super::write::{self, Prepared};
use super::{Catalogue, CatalogueError, schema};
use crate::domain::diag::Diagnostic;
use crate::domain::load::{LoadOptions, discover};
use crate::domain::store::Store;

/// A file indexed less than this long after it was last modified is read again (its
/// content hash compared) by the next refresh: a write within the file system's
/// timestamp resolution could otherwise go unseen.
const RACY_NS: i64 = 2_000_000_000;

/// At most this many files per transaction, so that no reader or other writer waits
/// long on a refresh.
const BATCH_FILES: usize = 256;

/// At most about this much indexed text per transaction.
const BATCH_BYTES: usize = 4 << 20;

/// What a refresh needs besides the catalogue.
#[derive(Debug, Clone)]
pub struct RefreshOptions {
    /// The limits for reading briefing files (as for loading a library).
    pub load: LoadOptions,
    /// How many threads read and parse files.
    pub workers: usize,
    /// The annotation store whose notes are indexed, if any.
    pub store: Option<Store>,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions {
            load: LoadOptions::default(),
            workers: std::thread::available_parallelism().map_or(2, usize::from),
            store: None,
        }
    }
}

/// What a refresh reports as it goes, in this order: `Waiting` (maybe), `Scanned`, then
/// `Progress` and `Changed` per batch, and `Notice` whenever there is something to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshEvent {
    /// Another brief is refreshing this catalogue; this one waits for it, then finds
    /// little left to do.
    Waiting,
    /// Every file was looked at: how many there are, how many must be read again, how
    /// many are gone.
    Scanned {
        /// Briefing files found.
        files: usize,
        /// Files new or with another size or time, to be read.
        to_read: usize,
        /// Files in the catalogue that are gone.
        removed: usize,
    },
    /// Files read so far, of `Scanned::to_read`.
    Progress {
        /// Read so far.
        done: usize,
        /// To read in all.
        total: usize,
    },
    /// A batch was committed: every reader of the catalogue sees these changes now.
    Changed(Vec<Change>),
    /// A message for the user (sanitised), such as a damaged cache set aside.
    Notice(String),
}

/// One change a refresh made to the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new file (its briefing's id, when it loaded).
    Added {
        /// The file.
        path: PathBuf,
        /// The briefing's id.
        id: Option<String>,
    },
    /// A file whose content changed.
    Updated {
        /// The file.
        path: PathBuf,
        /// The briefing's id, when it loads now.
        id: Option<String>,
    },
    /// A file that is gone.
    Removed {
        /// The file.
        path: PathBuf,
    },
    /// The notes of a briefing were indexed again.
    Notes {
        /// The briefing's id.
        briefing: String,
    },
}

/// What a refresh did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshSummary {
    /// Briefing files found.
    pub files: usize,
    /// Files not read again (same size and time).
    pub unchanged: usize,
    /// Files read again whose content had not changed.
    pub touched: usize,
    /// New files.
    pub added: usize,
    /// Changed files.
    pub updated: usize,
    /// Files gone.
    pub removed: usize,
    /// Briefings whose notes were indexed again (or dropped).
    pub notes: usize,
    /// Problems with the folders themselves (one that cannot be read).
    pub problems: Vec<Diagnostic>,
    /// Whether the caller stopped it before the end (what was committed stays).
    pub cancelled: bool,
}

/// What is out of date in a catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files not in the catalogue.
    pub added: Vec<PathBuf>,
    /// Files whose content differs from the catalogue's.
    pub changed: Vec<PathBuf>,
    /// Files in the catalogue that are gone.
    pub removed: Vec<PathBuf>,
    /// Briefings whose annotation file changed since it was indexed (or is gone).
    pub notes: Vec<String>,
    /// Problems with the folders themselves.
    pub problems: Vec<Diagnostic>,
}

impl Staleness {
    /// Whether the briefing files are all as indexed.
    pub fn files_fresh(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// Whether everything (notes included) is as indexed.
    pub fn is_fresh(&self) -> bool {
        self.files_fresh() && self.notes.is_empty()
    }
}

/// Size and modification time of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) size: i64,
    pub(super) mtime: i64,
}

impl Stamp {
    pub(super) fn of(meta: &Metadata) -> Stamp {
        let mtime =
            meta.modified()
                .ok()
                .map_or(0, |t| match t.duration_since(std::time::UNIX_EPOCH) {
                    Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
                    Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
                });
        Stamp {
            size: i64::try_from(meta.len()).unwrap_or(i64::MAX),
            mtime,
        }
    }

    /// The stamp of the file at `path`, or one no file has when it cannot be read.
    pub(super) fn of_path(path: &Path) -> Stamp {
        std::fs::metadata(path).map_or(Stamp { size: -1, mtime: 0 }, |m| Stamp::of(&m))
    }
}

/// Now, in nanoseconds since the Unix epoch.
pub(super) fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// An annotation file read: its stamp and live notes.
type NotesRead = (Stamp, Vec<crate::domain::annotation::Note>);

/// A file as the catalogue knows it.
#[derive(Debug, Clone)]
pub(super) struct Known {
    pub(super) id: i64,
    pub(super) stamp: Stamp,
    pub(super) hash: String,
    pub(super) checked: i64,
}

impl Known {
    fn matches(&self, stamp: Stamp) -> bool {
        self.stamp == stamp && self.checked.saturating_sub(self.stamp.mtime) >= RACY_NS
    }
}

/// A file to read.
#[derive(Debug)]
pub(super) struct Task {
    pub(super) key: Vec<u8>,
    pub(super) path: PathBuf,
    pub(super) stamp: Stamp,
    pub(super) old: Option<Known>,
}

/// The files compared with the catalogue.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub(super) files: usize,
    pub(super) unchanged: usize,
    pub(super) to_read: Vec<Task>,
    /// (id, relative key) of files gone.
    pub(super) removed: Vec<(i64, Vec<u8>)>,
    pub(super) problems: Vec<Diagnostic>,
}

/// The catalogue's key of a path relative to the library folder: its components joined
/// by NUL, so that byte order is [`discover`]'s order.
pub(super) fn path_key(relative: &Path) -> Vec<u8> {
    let mut key = Vec::new();
    for (i, part) in relative.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(part.as_os_str().as_encoded_bytes());
    }
    key
}

/// The relative path of a key.
#[cfg(unix)]
pub(super) fn key_path(key: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    // One allocation: the listing makes 100,000 of these.
    let bytes: Vec<u8> = key.iter().map(|&b| if b == 0 { b'/' } else { b }).collect();
    PathBuf::from(std::ffi::OsStr::from_bytes(&bytes))
}

/// The relative path of a key.
#[cfg(not(unix))]
pub(super) fn key_path(key: &[u8]) -> PathBuf {
    // Elsewhere paths were stored from valid Unicode (WTF-8 of a valid string is UTF-8).
    key.split(|&b| b == 0)
        .map(|part| String::from_utf8_lossy(part).into_owned())
        .collect()
}

impl Catalogue {
    /// The full path of a stored key, as the loader would name the file.
    pub(super) fn full_path(&self, key: &[u8]) -> PathBuf {
        self.root.join(key_path(key))
    }

    /// Every file of the catalogue, by key.
    fn known(&self) -> Result<HashMap<Vec<u8>, Known>, CatalogueError> {
        let mut statement = self
            .conn
            .prepare("SELECT id, path, size, mtime, hash, checked FROM files")
            .map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(1)?,
                    Known {
                        id: r.get(0)?,
                        stamp: Stamp {
                            size: r.get(2)?,
                            mtime: r.get(3)?,
                        },
                        hash: r.get(4)?,
                        checked: r.get(5)?,
                    },
                ))
            })
            .map_err(|e| self.sql_error(&e))?;
        rows.collect::<Result<HashMap<_, _>, _>>()
            .map_err(|e| self.sql_error(&e))
    }

    /// Compares the files under the folder with the catalogue, by size and time only.
    pub(super) fn scan(&self) -> Result<Scan, CatalogueError> {
        // A folder gone (unmounted, renamed) must not empty the catalogue.
        if !self.root.is_dir() {
            return Err(CatalogueError::Other {
                path: self.root.clone(),
                reason: "the library folder cannot be read".into(),
            });
        }
        let (files, problems) = discover(std::slice::from_ref(&self.root));
        let mut known = self.known()?;
        let mut scan = Scan {
            files: files.len(),
            problems,
            ..Scan::default()
        };
        for path in files {
            let relative = path.strip_prefix(&self.root).unwrap_or(&path);
            let key = path_key(relative);
            let stamp = Stamp::of_path(&path);
            match known.remove(&key) {
                Some(old) if old.matches(stamp) => scan.unchanged += 1,
                old => scan.to_read.push(Task {
                    key,
                    path,
                    stamp,
                    old,
                }),
            }
        }
        let mut removed: Vec<(i64, Vec<u8>)> =
            known.into_iter().map(|(key, k)| (k.id, key)).collect();
        removed.sort_by(|a, b| a.1.cmp(&b.1));
        scan.removed = removed;
        Ok(scan)
    }

    /// What is out of date, without changing anything: files are compared by size and
    /// time, then by content hash when those differ; annotation files (when `store` is
    /// given) by size and time.
    pub fn staleness(&self, options: &RefreshOptions) -> Result<Staleness, CatalogueError> {
        let scan = self.scan()?;
        let mut stale = Staleness {
            problems: scan.problems,
            removed: scan
                .removed
                .iter()
                .map(|(_, k)| self.full_path(k))
                .collect(),
            ..Staleness::default()
        };
        for task in scan.to_read {
            match &task.old {
                None => stale.added.push(task.path),
                Some(old) => {
                    let same =
                        crate::domain::load::read_bounded(&task.path, options.load.max_file_bytes)
                            .map(|bytes| crate::domain::hash::content_hash(&bytes))
                            .is_ok_and(|hash| hash == old.hash);
                    if !same {
                        stale.changed.push(task.path);
                    }
                }
            }
        }
        if let Some(store) = &options.store {
            let mut known = write::known_notes(&self.conn).map_err(|e| self.sql_error(&e))?;
            let indexed_dir =
                schema::meta(&self.conn, "data_dir").map_err(|e| self.sql_error(&e))?;
            let same_dir = indexed_dir.as_deref() == Some(&*store.data_dir().to_string_lossy());
            for id in store.briefings() {
                let stamp = Stamp::of_path(&store.file_path(&id));
                match known.remove(&id) {
                    Some((_, old)) if same_dir && old == stamp => {}
                    _ => stale.notes.push(id),
                }
            }
            stale.notes.extend(known.into_keys());
            stale.notes.sort();
        }
        Ok(stale)
    }

    /// Brings the catalogue in step with the files (and the notes of `options.store`):
    /// reads only what changed, writes in short transactions, and reports through
    /// `sink`, which stops the refresh by returning false (what was committed stays).
    /// Run it on a background thread, on a connection of its own ([`Catalogue::reopen`]).
    /// A catalogue found damaged on the way, or locked by another program for longer
    /// than [`super::BUSY_TIMEOUT`], is set aside and rebuilt, with a notice.
    pub fn refresh(
        &mut self,
        options: &RefreshOptions,
        sink: &mut dyn FnMut(RefreshEvent) -> bool,
    ) -> Result<RefreshSummary, CatalogueError> {
        let _lock = self.refresh_lock(sink)?;
        match self.refresh_locked(options, sink) {
            Err(e) if e.is_corrupt() || matches!(e, CatalogueError::Locked { .. }) => {
                let notice = self.set_aside_and_recreate(&e)?;
                sink(RefreshEvent::Notice(notice));
                self.refresh_locked(options, sink)
            }
            other => other,
        }
    }

    /// Takes the lock that lets one refresh run at a time on this catalogue.
    fn refresh_lock(
        &self,
        sink: &mut dyn FnMut(RefreshEvent) -> bool,
    ) -> Result<std::fs::File, CatalogueError> {
        let path = super::with_suffix(&self.db, ".lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| CatalogueError::from_io(&path, &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                sink(RefreshEvent::Waiting);
                file.lock()
                    .map_err(|e| CatalogueError::from_io(&path, &e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(CatalogueError::from_io(&path, &e));
            }
        }
        Ok(file)
    }

    fn refresh_locked(
        &mut self,
        options: &RefreshOptions,
        sink: &mut dyn FnMut(RefreshEvent) -> bool,
    ) -> Result<RefreshSummary, CatalogueError> {
        let scan = self.scan()?;
        let mut summary = RefreshSummary {
            files: scan.files,
            unchanged: scan.unchanged,
            problems: scan.problems,
            ..RefreshSummary::default()
        };
        let total = scan.to_read.len();
        if !sink(RefreshEvent::Scanned {
            files: scan.files,
            to_read: total,
            removed: scan.removed.len(),
        }) {
            summary.cancelled = true;
            return Ok(summary);
        }
        // Files gone first, so that a renamed briefing's id is free again.
        for chunk in scan.removed.chunks(BATCH_FILES) {
            let db = self.db.clone();
            let fail = |e: rusqlite::Error| CatalogueError::from_sqlite(&db, &e);
            let tx = self.write_transaction()?;
            for (id, _) in chunk {
                write::remove_file(&tx, *id).map_err(fail)?;
            }
            tx.commit().map_err(fail)?;
            summary.removed += chunk.len();
            let changes = chunk
                .iter()
                .map(|(_, key)| Change::Removed {
                    path: self.full_path(key),
                })
                .collect();
            if !sink(RefreshEvent::Changed(changes)) {
                summary.cancelled = true;
                return Ok(summary);
            }
        }
        if total > 0 && !self.read_files(scan.to_read, options, &mut summary, sink)? {
            summary.cancelled = true;
            return Ok(summary);
        }
        if let Some(store) = &options.store
            && !self.refresh_notes(store, &mut summary, sink)?
        {
            summary.cancelled = true;
        }
        Ok(summary)
    }

    fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>, CatalogueError> {
        let db = self.db.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| CatalogueError::from_sqlite(&db, &e))
    }

    /// Reads, parses and indexes `tasks` on worker threads, writing in batches; false
    /// when the sink stopped it.
    fn read_files(
        &mut self,
        tasks: Vec<Task>,
        options: &RefreshOptions,
        summary: &mut RefreshSummary,
        sink: &mut dyn FnMut(RefreshEvent) -> bool,
    ) -> Result<bool, CatalogueError> {
        let total = tasks.len();
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let workers = options.workers.clamp(1, total.max(1));
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Prepared)>(workers * 16);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let tx = tx.clone();
                let (tasks, next, stop) = (&tasks, &next, &stop);
                let load = options.load;
                scope.spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(task) = tasks.get(i) else { return };
                        if tx.send((i, write::prepare(task, load))).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(tx);
            let mut batch: Vec<(usize, Prepared)> = Vec::new();
            let mut bytes = 0;
            let mut done = 0;
            let mut outcome = Ok(true);
            for (i, prepared) in rx.iter() {
                bytes += prepared.text_len();
                batch.push((i, prepared));
                if batch.len() < BATCH_FILES && bytes < BATCH_BYTES {
                    continue;
                }
                done += batch.len();
                outcome = self.write_batch(
                    &tasks,
                    std::mem::take(&mut batch),
                    summary,
                    done,
                    total,
                    sink,
                );
                bytes = 0;
                if !matches!(outcome, Ok(true)) {
                    break;
                }
            }
            if matches!(outcome, Ok(true)) && !batch.is_empty() {
                done += batch.len();
                outcome = self.write_batch(&tasks, batch, summary, done, total, sink);
            }
            // Workers waiting to send see the channel closed and stop.
            stop.store(true, Ordering::Relaxed);
            drop(rx);
            outcome
        })
    }

    /// Writes one batch in one transaction and reports it.
    fn write_batch(
        &mut self,
        tasks: &[Task],
        batch: Vec<(usize, Prepared)>,
        summary: &mut RefreshSummary,
        done: usize,
        total: usize,
        sink: &mut dyn FnMut(RefreshEvent) -> bool,
    ) -> Result<bool, CatalogueError> {
        let checked = now_ns();
        let db = self.db.clone();
        let fail = |e: rusqlite::Error| CatalogueError::from_sqlite(&db, &e);
        let mut changes = Vec::new();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        for (i, prepared) in &batch {
            let Some(task) = tasks.get(*i) else { continue };
            match prepared {
                Prepared::Same => {
                    write::touch_file(&tx, &task.key, task.stamp, checked).map_err(fail)?;
                    summary.touched += 1;
                }
                Prepared::Read { hash, loaded, text } => {
                    write::write_file(&tx, task, hash, loaded, text, checked).map_err(fail)?;
                    let id = (**loaded).as_ref().ok().map(|l| l.briefing.id.clone());
                    let path = self.root.join(key_path(&task.key));
                    if task.old.is_some() {
                        summary.updated += 1;
                        changes.push(Change::Updated { path, id });
                    } else {
                        summary.added += 1;
                        changes.push(Change::Added { path, id });
                    }
                }
            }
        }
        tx.commit().map_err(fail)?;
        let go_on = changes.is_empty() || sink(RefreshEvent::Changed(changes));
        Ok(go_on && sink(RefreshEvent::Progress { done, total }))
    }

    /// Indexes again the notes of every annotation file that changed; false when the
    /// sink stopped it.
    fn refresh_notes(
        &mut self,
        store: &Store,
        summary: &mut RefreshSummary,
        sink: &mut dyn FnMut(RefreshEvent) -> bool,
    ) -> Result<bool, CatalogueError> {
        let db = self.db.clone();
        let fail = |e: rusqlite::Error| CatalogueError::from_sqlite(&db, &e);
        let data_dir = store.data_dir().to_string_lossy().into_owned();
        if schema::meta(&self.conn, "data_dir")
            .map_err(fail)?
            .as_deref()
            != Some(&data_dir)
        {
            // Another data dir: none of the notes indexed are its.
            let tx = self.write_transaction()?;
            write::clear_notes(&tx).map_err(fail)?;
            schema::set_meta(&tx, "data_dir", &data_dir).map_err(fail)?;
            tx.commit().map_err(fail)?;
        }
        let mut known = write::known_notes(&self.conn).map_err(fail)?;
        let mut work: Vec<(String, Option<Stamp>)> = Vec::new();
        for id in store.briefings() {
            let stamp = Stamp::of_path(&store.file_path(&id));
            match known.remove(&id) {
                Some((_, old)) if old == stamp => {}
                _ => work.push((id, Some(stamp))),
            }
        }
        work.extend(known.into_keys().map(|id| (id, None)));
        for chunk in work.chunks(BATCH_FILES) {
            // Read before the transaction, so that it stays short.
            let loaded: Vec<(String, Option<NotesRead>)> = chunk
                .iter()
                .map(|(id, stamp)| {
                    let notes = stamp.map(|stamp| {
                        let notes = store.load(id).map(|o| o.set.file.notes).unwrap_or_default();
                        (stamp, notes)
                    });
                    (id.clone(), notes)
                })
                .collect();
            let tx = self.write_transaction()?;
            for (id, notes) in &loaded {
                match notes {
                    Some((stamp, notes)) => {
                        write::write_notes(&tx, id, *stamp, notes).map_err(fail)?
                    }
                    None => write::remove_notes(&tx, id).map_err(fail)?,
                }
            }
            tx.commit().map_err(fail)?;
            summary.notes += loaded.len();
            let changes = loaded
                .into_iter()
                .map(|(briefing, _)| Change::Notes { briefing })
                .collect();
            if !sink(RefreshEvent::Changed(changes)) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Indexes a briefing's notes as they are now (call it after a note is saved):
    /// `notes` are the live notes of its annotation set. With `store`, the annotation
    /// file's size and time are recorded, so the next refresh does not read it again.
    /// It writes (waiting, at worst, for a refresh's batch to commit): call it off the
    /// UI thread.
    pub fn update_notes(
        &mut self,
        store: Option<&Store>,
        briefing: &str,
        notes: &[crate::domain::annotation::Note],
    ) -> Result<(), CatalogueError> {
        let stamp = store.map_or(Stamp { size: -1, mtime: 0 }, |s| {
            Stamp::of_path(&s.file_path(briefing))
        });
        let db = self.db.clone();
        let tx = self.write_transaction()?;
        write::write_notes(&tx, briefing, stamp, notes)
            .and_then(|()| tx.commit())
            .map_err(|e| CatalogueError::from_sqlite(&db, &e))
    }
}
