//! The catalogue's tables, and the check made on every open (version, folder, damage).
//! Must not depend on terminal crates.

use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use super::{CatalogueError, SCHEMA_VERSION, Unusable};

/// The tables. Paths are stored relative to the library folder as bytes with NUL
/// between components, so that `ORDER BY path` is the order in which
/// [`crate::domain::load::discover`] walks the folder (component by component).
const TABLES: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Every briefing file found, loaded or not.
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,     -- nanoseconds since the Unix epoch
    hash TEXT NOT NULL,         -- content_hash of the bytes ('' when unreadable)
    checked INTEGER NOT NULL,   -- when it was last read, nanoseconds
    problems TEXT NOT NULL      -- JSON: [[severity, line, column, message], ...]
);
-- The briefing a file holds, when it loaded: what the library lists, kept small so that
-- listing 100,000 reads little (the summary and the rest are in briefing_texts).
CREATE TABLE briefings (
    file INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    date_year INTEGER,
    date_month INTEGER,         -- NULL when the briefing has no date
    date_day INTEGER,
    language TEXT,
    classification TEXT,
    tags TEXT NOT NULL,         -- JSON array
    version TEXT NOT NULL,
    sections INTEGER NOT NULL,
    id_line INTEGER,
    id_column INTEGER
);
CREATE TABLE briefing_texts (
    file INTEGER PRIMARY KEY,
    summary TEXT,
    extra TEXT NOT NULL         -- JSON: sources, field lines
);
CREATE INDEX briefings_id ON briefings (id);
-- The briefings the library shows: of several files with one id, the first in file
-- order (as `Library::add` keeps it).
CREATE VIEW library AS
    SELECT b.*, f.path AS path FROM briefings b JOIN files f ON f.id = b.file
    WHERE NOT EXISTS (
        SELECT 1 FROM briefings b2 JOIN files f2 ON f2.id = b2.file
        WHERE b2.id = b.id AND f2.path < f.path
    );
-- Sections without their bodies (outlines, timeline, compare), clustered by briefing.
CREATE TABLE sections (
    file INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT,
    hash TEXT NOT NULL,
    line INTEGER NOT NULL,
    body_line INTEGER NOT NULL,
    title_line INTEGER NOT NULL,
    PRIMARY KEY (file, idx)
) WITHOUT ROWID;
-- A rowid table: bodies of a few KB stay in its leaves (a WITHOUT ROWID table would
-- spill each into an overflow page of its own).
CREATE TABLE section_bodies (
    file INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (file, idx)
);
CREATE INDEX sections_kind ON sections (kind);
CREATE TABLE dates (
    file INTEGER NOT NULL,
    section INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    date_from TEXT NOT NULL,
    date_to TEXT,
    label TEXT,
    confidence TEXT,
    PRIMARY KEY (file, section, idx)
) WITHOUT ROWID;
-- The annotation store files read, one per briefing id.
CREATE TABLE note_files (
    doc INTEGER PRIMARY KEY,
    briefing TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL
);
CREATE TABLE notes (
    doc INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    section TEXT NOT NULL,
    block INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
-- The searchable text of each briefing (rowid = files.id) and of its notes (rowid =
-- note_files.doc), folded; only which trigrams each holds is kept.
CREATE VIRTUAL TABLE text_index USING fts5 (
    text, content = '', contentless_delete = 1, detail = none,
    tokenize = 'trigram case_sensitive 1'
);
CREATE VIRTUAL TABLE note_index USING fts5 (
    text, content = '', contentless_delete = 1, detail = none,
    tokenize = 'trigram case_sensitive 1'
);
";

/// Why a cache could not be prepared.
pub(super) enum Prepare {
    /// It must be set aside (or dropped) and recreated.
    Unusable(Unusable),
    /// It cannot be used at all.
    Failed(CatalogueError),
}

/// Checks the cache and creates its tables when it is new; `Ok(true)` when it was
/// created (empty).
pub(super) fn prepare(conn: &Connection, root: &str) -> Result<bool, Prepare> {
    let path = conn
        .path()
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    let fail = |e: rusqlite::Error| classify(&path, e);
    let version: i64 =
        super::retry_busy(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .map_err(fail)?;
    if version > SCHEMA_VERSION {
        return Err(Prepare::Unusable(Unusable::Newer(version)));
    }
    if version == SCHEMA_VERSION {
        let stored = meta(conn, "root").map_err(fail)?;
        if stored.as_deref() != Some(root) {
            return Err(Prepare::Unusable(Unusable::Outdated));
        }
        return Ok(false);
    }
    // Version 0: new, unless something else is in the file.
    let tx = super::retry_busy(|| {
        rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
    })
    .map_err(fail)?;
    // Another brief may have created it while this one waited for the lock.
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(fail)?;
    if version == SCHEMA_VERSION {
        return Ok(false);
    }
    let tables: i64 = tx
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(fail)?;
    if tables > 0 {
        return Err(Prepare::Unusable(Unusable::Outdated));
    }
    tx.execute_batch(TABLES).map_err(fail)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('root', ?1)", [root])
        .map_err(fail)?;
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))
        .map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(true)
}

/// A value of the `meta` table.
pub(super) fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

/// Sets a value of the `meta` table.
pub(super) fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
    .map(|_| ())
}

fn classify(path: &std::path::Path, e: rusqlite::Error) -> Prepare {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            Prepare::Unusable(Unusable::Damaged(e.to_string()))
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            Prepare::Unusable(Unusable::Locked)
        }
        _ => Prepare::Failed(CatalogueError::from_sqlite(path, &e)),
    }
}
