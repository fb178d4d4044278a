//! The catalogue: a persistent cache, one per library folder, of what the library,
//! timeline and compare views need (every briefing's metadata, sections and structured
//! dates, each file's size, modification time and content hash) and a full-text index
//! that answers library-wide search with the semantics of [`super::search::LibraryIndex`],
//! notes included, without reading a briefing file. Must not depend on terminal crates.
//!
//! It is only a cache: briefing files and annotation stores stay the truth, and
//! everything here can be rebuilt from them. It lives in SQLite (compiled in through
//! `rusqlite`'s `bundled` feature), in WAL mode so that a reader never waits on a writer;
//! a refresh writes in short transactions of a few hundred files. The index is an FTS5
//! table with the trigram tokenizer over brief's folded text ([`super::fold`]), kept
//! with `detail=none` (which trigrams a briefing holds, not where): a query's trigrams
//! select the candidate briefings, and the in-memory matcher of
//! [`super::search::LibraryIndex`] runs on each candidate, so the hits are exactly those
//! of the in-memory path. A query that folds to fewer than three characters has no
//! trigram: it is matched against every briefing of the catalogue in turn (results
//! still stream, briefing by briefing).
//!
//! What goes wrong is handled here, never by losing anything: a damaged cache, one
//! written by a newer brief, or one locked by another program for longer than
//! [`BUSY_TIMEOUT`] is set aside (renamed `*.broken`) and rebuilt, with a notice; a
//! cache folder that cannot be written (read-only, full disk) gives a
//! [`CatalogueError`] whose [`CatalogueError::fallback_message`] tells the user that the
//! library is read without the index. Two processes on one library share the cache:
//! SQLite's locking keeps every transaction whole, and a lock file lets one refresh at a
//! time (the other waits, then finds nothing left to do).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::hash::content_hash;
use super::text::{sanitize_line, slugify};

mod read;
mod refresh;
mod schema;
mod search;
mod write;

pub use read::{BriefingRow, DatedSection, FileId, KindSection, Listing, SectionRow};
pub use refresh::{Change, RefreshEvent, RefreshOptions, RefreshSummary, Staleness};

#[cfg(test)]
mod tests;

/// The version of the cache's layout; a cache of another version is rebuilt.
pub const SCHEMA_VERSION: i64 = 1;

/// How long a connection waits for another one's write before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the catalogue cannot be used. Every variant means the same to the reader: show
/// [`CatalogueError::fallback_message`] and read the library as before, without the
/// index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// The cache folder or file cannot be written (read-only, permission denied, a
    /// path through a file).
    #[error("{}: the index cannot be written there ({reason})", path.display())]
    ReadOnly {
        /// The cache file or folder.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The disk holding the cache is full.
    #[error("{}: the disk is full", path.display())]
    Full {
        /// The cache file.
        path: PathBuf,
    },
    /// The cache is damaged and could not be set aside.
    #[error("{}: the index is damaged ({reason})", path.display())]
    Corrupt {
        /// The cache file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// Another program holds the cache locked.
    #[error("{}: the index is locked by another program", path.display())]
    Locked {
        /// The cache file.
        path: PathBuf,
    },
    /// Anything else (no cache folder at all, an I/O error).
    #[error("{}: {reason}", path.display())]
    Other {
        /// The cache file or folder.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

impl CatalogueError {
    /// One sanitised line for the user: what went wrong, and that the library is read
    /// without its index.
    pub fn fallback_message(&self) -> String {
        format!(
            "{}: reading the library without its index",
            sanitize_line(&self.to_string())
        )
    }

    /// Whether the cache is damaged (the caller may set it aside and rebuild).
    pub fn is_corrupt(&self) -> bool {
        matches!(self, CatalogueError::Corrupt { .. })
    }

    /// From an SQLite error on the cache at `path`.
    pub(crate) fn from_sqlite(path: &Path, e: &rusqlite::Error) -> CatalogueError {
        let path = path.to_path_buf();
        let reason = e.to_string();
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => CatalogueError::Full { path },
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                CatalogueError::ReadOnly { path, reason }
            }
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                CatalogueError::Corrupt { path, reason }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                CatalogueError::Locked { path }
            }
            _ => CatalogueError::Other { path, reason },
        }
    }

    /// From an I/O error on the cache at `path`.
    pub(crate) fn from_io(path: &Path, e: &std::io::Error) -> CatalogueError {
        use std::io::ErrorKind::*;
        let path = path.to_path_buf();
        let reason = super::load::io_words(e);
        match e.kind() {
            StorageFull | QuotaExceeded => CatalogueError::Full { path },
            PermissionDenied | ReadOnlyFilesystem | NotADirectory | AlreadyExists => {
                CatalogueError::ReadOnly { path, reason }
            }
            _ => CatalogueError::Other { path, reason },
        }
    }
}

/// The cache file of the library under `root` in `cache_dir`:
/// `<cache_dir>/catalogue/<folder name>-<hash of its canonical path>.sqlite`, so every
/// spelling of one folder (`lib`, `./lib`, an absolute path) shares one catalogue.
pub fn cache_file(cache_dir: &Path, root: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf());
    let name = canonical
        .file_name()
        .map(|n| slugify(&n.to_string_lossy()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "library".to_owned());
    let hash = content_hash(canonical.as_os_str().as_encoded_bytes());
    cache_dir
        .join("catalogue")
        .join(format!("{name}-{hash}.sqlite"))
}

/// The catalogue of one library folder, through one SQLite connection. A connection
/// belongs to one thread at a time: give another thread its own with
/// [`Catalogue::reopen`].
#[derive(Debug)]
pub struct Catalogue {
    conn: Connection,
    /// The cache file.
    db: PathBuf,
    /// The library folder, as the user gave it (paths shown are built from it).
    root: PathBuf,
}

/// A catalogue just opened, and what the user should be told about it.
#[derive(Debug)]
pub struct Opened {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// Whether it was empty (new, or rebuilt): a first refresh reads every file.
    pub created: bool,
    /// Messages for the user: a cache set aside and why (sanitised).
    pub notices: Vec<String>,
}

/// What is wrong with a cache file found on disk, when it cannot be used as it is.
enum Unusable {
    /// Damaged or not a database.
    Damaged(String),
    /// Written by a newer brief.
    Newer(i64),
    /// Written by an older brief, or for another folder: rebuilt without keeping it.
    Outdated,
    /// Locked by another program for longer than [`BUSY_TIMEOUT`].
    Locked,
}

impl Catalogue {
    /// Opens (creating it if needed) the catalogue of the library folder `root` in
    /// `cache_dir`. A damaged, newer or stuck cache is set aside as `*.broken` and a new
    /// one created, with a notice. Fails when the cache cannot be written at all: the
    /// caller then reads the library without it.
    pub fn open(cache_dir: &Path, root: &Path) -> Result<Opened, CatalogueError> {
        let db = cache_file(cache_dir, root);
        if let Some(parent) = db.parent() {
            std::fs::create_dir_all(parent).map_err(|e| CatalogueError::from_io(parent, &e))?;
        }
        let mut notices = Vec::new();
        // Twice at most: the second time on a file just set aside.
        for _ in 0..2 {
            let conn = connect(&db, false)?;
            match schema::prepare(&conn, &canonical_root(root)) {
                Ok(created) => {
                    return Ok(Opened {
                        catalogue: Catalogue {
                            conn,
                            db,
                            root: root.to_path_buf(),
                        },
                        created,
                        notices,
                    });
                }
                Err(schema::Prepare::Failed(e)) => return Err(e),
                Err(schema::Prepare::Unusable(why)) => {
                    drop(conn);
                    notices.push(set_aside(&db, why)?);
                }
            }
        }
        Err(CatalogueError::Other {
            path: db,
            reason: "the index could not be recreated".into(),
        })
    }

    /// Opens the catalogue of `root` only if it exists and is of this version, read
    /// only: never creates, writes or sets anything aside (for `brief search`).
    /// `Ok(None)` when there is none.
    pub fn open_existing(
        cache_dir: &Path,
        root: &Path,
    ) -> Result<Option<Catalogue>, CatalogueError> {
        let db = cache_file(cache_dir, root);
        if !db.is_file() {
            return Ok(None);
        }
        let conn = connect(&db, true)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| CatalogueError::from_sqlite(&db, &e))?;
        if version != SCHEMA_VERSION {
            return Ok(None);
        }
        let stored =
            schema::meta(&conn, "root").map_err(|e| CatalogueError::from_sqlite(&db, &e))?;
        if stored.as_deref() != Some(canonical_root(root).as_str()) {
            return Ok(None);
        }
        Ok(Some(Catalogue {
            conn,
            db,
            root: root.to_path_buf(),
        }))
    }

    /// Another connection to the same catalogue, for another thread.
    pub fn reopen(&self) -> Result<Catalogue, CatalogueError> {
        Ok(Catalogue {
            conn: connect(&self.db, false)?,
            db: self.db.clone(),
            root: self.root.clone(),
        })
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.db
    }

    /// The library folder, as given when opened.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Sets this catalogue aside (renamed `*.broken`) and starts an empty one in its
    /// place, after a query found it damaged ([`CatalogueError::Corrupt`]) or locked by
    /// another program ([`CatalogueError::Locked`]); returns the notice for the user.
    pub fn set_aside_and_recreate(
        &mut self,
        why: &CatalogueError,
    ) -> Result<String, CatalogueError> {
        let placeholder =
            Connection::open_in_memory().map_err(|e| CatalogueError::from_sqlite(&self.db, &e))?;
        drop(std::mem::replace(&mut self.conn, placeholder));
        let why = match why {
            CatalogueError::Locked { .. } => Unusable::Locked,
            CatalogueError::Corrupt { reason, .. } => Unusable::Damaged(reason.clone()),
            other => Unusable::Damaged(other.to_string()),
        };
        let notice = set_aside(&self.db, why)?;
        let conn = connect(&self.db, false)?;
        match schema::prepare(&conn, &canonical_root(&self.root)) {
            Ok(_) => {
                self.conn = conn;
                Ok(notice)
            }
            Err(schema::Prepare::Failed(e)) => Err(e),
            Err(schema::Prepare::Unusable(_)) => Err(CatalogueError::Other {
                path: self.db.clone(),
                reason: "the index could not be recreated".into(),
            }),
        }
    }

    fn sql_error(&self, e: &rusqlite::Error) -> CatalogueError {
        CatalogueError::from_sqlite(&self.db, e)
    }
}

/// The folder as stored in the catalogue, to tell two folders apart whatever their
/// spelling.
fn canonical_root(root: &Path) -> String {
    std::fs::canonicalize(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// A connection with the settings every user of the cache shares.
fn connect(db: &Path, read_only: bool) -> Result<Connection, CatalogueError> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(db, flags).map_err(|e| {
        // SQLite says "unable to open" for a folder that cannot be written: ask the
        // file system what is wrong.
        match probe_writable(db) {
            Some(io) if !read_only => CatalogueError::from_io(db, &io),
            _ => CatalogueError::from_sqlite(db, &e),
        }
    })?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| CatalogueError::from_sqlite(db, &e))?;
    // A cache: losing the last transactions to a power cut is fine (the next refresh
    // redoes them), corrupting the file is not, and WAL with NORMAL never does.
    let pragmas = if read_only {
        "PRAGMA cache_size = -16384;"
    } else {
        // Pages of 16 KiB hold several section bodies of a few KB each, where 4 KiB pages
        // leave much of each one empty (set before WAL: it only applies to a new file).
        "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         PRAGMA cache_size = -16384;"
    };
    if let Err(e) = retry_busy(|| conn.execute_batch(pragmas)) {
        let error = CatalogueError::from_sqlite(db, &e);
        // A damaged file is reported by the schema check, which sets it aside.
        if !error.is_corrupt() {
            return Err(error);
        }
    }
    Ok(conn)
}

/// Runs `f` again while SQLite answers "busy" at once, up to [`BUSY_TIMEOUT`]. SQLite
/// does not call its busy handler everywhere (switching a new file to WAL while
/// another brief does the same, or recovering its WAL, answers busy at once), and two
/// briefs opening one new cache together must both succeed.
pub(super) fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(2);
    loop {
        match f() {
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Why a file cannot be created next to `db`, if it cannot.
fn probe_writable(db: &Path) -> Option<std::io::Error> {
    let folder = db.parent()?;
    let probe = folder.join(format!(".probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) => Some(e),
    }
}

/// Renames the cache file (and its WAL and shared-memory files, which must never meet
/// a new database of the same name) to `*.broken`, replacing an older one; returns the
/// notice for the user.
fn set_aside(db: &Path, why: Unusable) -> Result<String, CatalogueError> {
    let aside = with_suffix(db, ".broken");
    for suffix in ["", "-wal", "-shm"] {
        let from = with_suffix(db, suffix);
        let to = with_suffix(&aside, suffix);
        if matches!(why, Unusable::Outdated) {
            match std::fs::remove_file(&from) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(CatalogueError::from_io(&from, &e)),
            }
            continue;
        }
        match std::fs::rename(&from, &to) {
            Ok(()) => {}
            // Another brief set it aside first.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(CatalogueError::from_io(&from, &e)),
        }
    }
    let name = sanitize_line(&db.display().to_string()).into_owned();
    let aside = sanitize_line(&aside.display().to_string()).into_owned();
    Ok(match why {
        Unusable::Damaged(reason) => format!(
            "the index {name} was damaged ({}): set aside as {aside} and rebuilt",
            sanitize_line(&reason)
        ),
        Unusable::Newer(version) => format!(
            "the index {name} was written by a newer brief (layout {version}): set aside as {aside} and rebuilt"
        ),
        Unusable::Locked => format!(
            "the index {name} stayed locked by another program: set aside as {aside} and rebuilt"
        ),
        Unusable::Outdated => format!("the index {name} was rebuilt for this version of brief"),
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
