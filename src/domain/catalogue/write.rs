//! Writing to the catalogue: a file read and parsed (on a worker thread), then its rows
//! and its folded text replaced in one transaction; notes likewise. Must not depend on
//! terminal crates.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{OptionalExtension, Transaction, params};

use super::refresh::{Stamp, Task};
use crate::domain::annotation::Note;
use crate::domain::briefing::{Briefing, Origin};
use crate::domain::diag::{Diagnostic, Severity};
use crate::domain::fold::FoldBuilder;
use crate::domain::hash::content_hash;
use crate::domain::load::{LoadOptions, Loaded, parse_briefing, read_bounded};
use crate::domain::load_md::{is_markdown_path, parse_markdown_briefing};
use crate::domain::markdown::render_markdown;
use crate::domain::text::{sanitize, slugify};

/// A file read on a worker thread, ready to be written.
#[derive(Debug)]
pub(super) enum Prepared {
    /// Same content as indexed (only its size or time changed).
    Same,
    /// Read (and parsed, or not).
    Read {
        /// The content hash ('' when the file could not be read).
        hash: String,
        /// The briefing, or why it did not load.
        loaded: Box<Result<Loaded, Vec<Diagnostic>>>,
        /// Its searchable text, folded.
        text: String,
    },
}

impl Prepared {
    pub(super) fn text_len(&self) -> usize {
        match self {
            Prepared::Same => 0,
            Prepared::Read { text, .. } => text.len() + 256,
        }
    }
}

/// Reads and parses one file as [`crate::domain::load::load_file`] does, and folds its
/// searchable text.
pub(super) fn prepare(task: &Task, options: LoadOptions) -> Prepared {
    let bytes = match read_bounded(&task.path, options.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(problem) => {
            return Prepared::Read {
                hash: String::new(),
                loaded: Box::new(Err(vec![problem])),
                text: String::new(),
            };
        }
    };
    let hash = content_hash(&bytes);
    if task.old.as_ref().is_some_and(|old| old.hash == hash) {
        return Prepared::Same;
    }
    let loaded = parse_file(&task.path, &bytes);
    let text = loaded
        .as_ref()
        .map(|l| searchable_text(&l.briefing))
        .unwrap_or_default();
    Prepared::Read {
        hash,
        loaded: Box::new(loaded),
        text,
    }
}

/// Parses a file's bytes exactly as the loader does for a file on disk.
pub(super) fn parse_file(path: &Path, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    let default_id = path.file_stem().and_then(|s| s.to_str()).map(slugify);
    let origin = Origin::File(path.to_path_buf());
    if is_markdown_path(path) {
        parse_markdown_briefing(bytes, origin, default_id)
    } else {
        parse_briefing(bytes, origin, default_id)
    }
}

/// The texts [`crate::domain::search::LibraryIndex`] searches in a briefing (title,
/// tags, rendered summary, section titles and rendered bodies), folded and joined by
/// line breaks (which folding never produces, so no trigram spans two texts).
pub(super) fn searchable_text(briefing: &Briefing) -> String {
    let mut folder = FoldBuilder::new(true, briefing.title.len() + 1024);
    let mut first = true;
    let mut push = |text: &str| {
        if text.is_empty() {
            return;
        }
        if !first {
            folder.push_separator();
        }
        first = false;
        folder.push_str(text);
    };
    push(&sanitize(&briefing.title));
    push(&sanitize(&briefing.tags.join(", ")));
    if let Some(summary) = &briefing.summary {
        for block in render_markdown(summary) {
            push(&block.text);
        }
    }
    for section in &briefing.sections {
        push(&sanitize(&section.title));
        for block in render_markdown(&section.body) {
            push(&block.text);
        }
    }
    separated(folder)
}

/// The folded text with its NUL separators as line breaks.
fn separated(folder: FoldBuilder) -> String {
    folder.finish().text.replace('\0', "\n")
}

/// The folded text of notes, as searched.
pub(super) fn notes_text(notes: &[Note]) -> String {
    let mut folder = FoldBuilder::new(true, 256);
    for (i, note) in notes.iter().enumerate() {
        if i > 0 {
            folder.push_separator();
        }
        folder.push_str(&sanitize(&note.body));
    }
    separated(folder)
}

/// A file's problems as stored: `[[severity, line, column, message], ...]` (the file
/// name is added back when read, from the folder as given then).
fn problems_json(problems: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| {
            serde_json::json!([
                matches!(p.severity, Severity::Error),
                p.line,
                p.column,
                p.message
            ])
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// Reads back [`problems_json`] for the file `name`.
pub(super) fn problems_from_json(json: &str, name: &str) -> Vec<Diagnostic> {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(json)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let error = item.get(0)?.as_bool()?;
            let line = item
                .get(1)
                .and_then(|v| v.as_u64())
                .and_then(|v| u32::try_from(v).ok());
            let column = item
                .get(2)
                .and_then(|v| v.as_u64())
                .and_then(|v| u32::try_from(v).ok());
            let message = item.get(3)?.as_str()?.to_owned();
            Some(Diagnostic {
                file: name.to_owned(),
                line,
                column,
                severity: if error {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                message,
            })
        })
        .collect()
}

/// Records that a file is unchanged as of `checked`.
pub(super) fn touch_file(
    tx: &Transaction<'_>,
    key: &[u8],
    stamp: Stamp,
    checked: i64,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE files SET size = ?2, mtime = ?3, checked = ?4 WHERE path = ?1",
        params![key, stamp.size, stamp.mtime, checked],
    )
    .map(|_| ())
}

/// Deletes what the catalogue holds of a file's briefing (its row stays).
fn clear_file(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    let had = tx.execute("DELETE FROM briefings WHERE file = ?1", [id])?;
    if had > 0 {
        tx.execute("DELETE FROM briefing_texts WHERE file = ?1", [id])?;
        tx.execute("DELETE FROM sections WHERE file = ?1", [id])?;
        tx.execute("DELETE FROM section_bodies WHERE file = ?1", [id])?;
        tx.execute("DELETE FROM dates WHERE file = ?1", [id])?;
        tx.execute("DELETE FROM text_index WHERE rowid = ?1", [id])?;
    }
    Ok(())
}

/// Removes a file and its briefing.
pub(super) fn remove_file(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    clear_file(tx, id)?;
    tx.execute("DELETE FROM files WHERE id = ?1", [id])
        .map(|_| ())
}

/// Writes (or replaces) a file, its briefing, sections, dates and searchable text.
pub(super) fn write_file(
    tx: &Transaction<'_>,
    task: &Task,
    hash: &str,
    loaded: &Result<Loaded, Vec<Diagnostic>>,
    text: &str,
    checked: i64,
) -> rusqlite::Result<()> {
    let problems = match loaded {
        Ok(l) => problems_json(&l.warnings),
        Err(problems) => problems_json(problems),
    };
    let id: i64 = tx.query_row(
        "INSERT INTO files (path, size, mtime, hash, checked, problems)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,
             hash = excluded.hash, checked = excluded.checked, problems = excluded.problems
         RETURNING id",
        params![
            task.key,
            task.stamp.size,
            task.stamp.mtime,
            hash,
            checked,
            problems
        ],
        |r| r.get(0),
    )?;
    clear_file(tx, id)?;
    let Ok(loaded) = loaded else {
        return Ok(());
    };
    let b = &loaded.briefing;
    let extra = serde_json::json!({
        "sources": b.sources,
        "lines": {
            "title": b.lines.title,
            "summary": b.lines.summary,
            "tags": b.lines.tags,
            "sources": b.lines.sources,
        },
    });
    tx.execute(
        "INSERT INTO briefings (file, id, title, date_year, date_month, date_day, language,
             classification, tags, version, sections, id_line, id_column)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            b.id,
            b.title,
            b.date.and_then(|d| d.year),
            b.date.map(|d| d.month),
            b.date.and_then(|d| d.day),
            b.language,
            b.classification,
            serde_json::Value::from(b.tags.clone()).to_string(),
            b.version,
            int(b.sections.len()),
            b.id_position.map(|p| p.line),
            b.id_position.map(|p| p.column),
        ],
    )?;
    tx.execute(
        "INSERT INTO briefing_texts (file, summary, extra) VALUES (?1, ?2, ?3)",
        params![id, b.summary, extra.to_string()],
    )?;
    let mut section_insert = tx.prepare_cached(
        "INSERT INTO sections (file, idx, id, title, kind, hash, line, body_line, title_line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut body_insert =
        tx.prepare_cached("INSERT INTO section_bodies (file, idx, body) VALUES (?1, ?2, ?3)")?;
    let mut date_insert = tx.prepare_cached(
        "INSERT INTO dates (file, section, idx, date_from, date_to, label, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, s) in b.sections.iter().enumerate() {
        section_insert.execute(params![
            id,
            int(i),
            s.id,
            s.title,
            s.kind.as_ref().map(|k| k.as_str()),
            s.hash,
            s.line,
            s.body_line,
            s.title_line,
        ])?;
        body_insert.execute(params![id, int(i), s.body.as_str()])?;
        for (j, d) in s.dates.iter().enumerate() {
            date_insert.execute(params![
                id,
                int(i),
                int(j),
                d.from.to_json(),
                d.to.map(|t| t.to_json()),
                d.label,
                d.confidence,
            ])?;
        }
    }
    tx.prepare_cached("INSERT INTO text_index (rowid, text) VALUES (?1, ?2)")?
        .execute(params![id, text])?;
    Ok(())
}

/// The annotation files indexed: briefing id → (doc, stamp).
pub(super) fn known_notes(
    conn: &rusqlite::Connection,
) -> rusqlite::Result<HashMap<String, (i64, Stamp)>> {
    let mut statement = conn.prepare("SELECT briefing, doc, size, mtime FROM note_files")?;
    let rows = statement.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            (
                r.get::<_, i64>(1)?,
                Stamp {
                    size: r.get(2)?,
                    mtime: r.get(3)?,
                },
            ),
        ))
    })?;
    rows.collect()
}

/// Forgets every note.
pub(super) fn clear_notes(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM notes; DELETE FROM note_files;
         INSERT INTO note_index (note_index) VALUES ('delete-all');",
    )
}

/// Forgets a briefing's notes.
pub(super) fn remove_notes(tx: &Transaction<'_>, briefing: &str) -> rusqlite::Result<()> {
    let doc: Option<i64> = tx
        .query_row(
            "SELECT doc FROM note_files WHERE briefing = ?1",
            [briefing],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(doc) = doc {
        let had = tx.execute("DELETE FROM notes WHERE doc = ?1", [doc])?;
        if had > 0 {
            tx.execute("DELETE FROM note_index WHERE rowid = ?1", [doc])?;
        }
        tx.execute("DELETE FROM note_files WHERE doc = ?1", [doc])?;
    }
    Ok(())
}

/// Replaces a briefing's notes.
pub(super) fn write_notes(
    tx: &Transaction<'_>,
    briefing: &str,
    stamp: Stamp,
    notes: &[Note],
) -> rusqlite::Result<()> {
    let doc: i64 = tx.query_row(
        "INSERT INTO note_files (briefing, size, mtime) VALUES (?1, ?2, ?3)
         ON CONFLICT (briefing) DO UPDATE SET size = excluded.size, mtime = excluded.mtime
         RETURNING doc",
        params![briefing, stamp.size, stamp.mtime],
        |r| r.get(0),
    )?;
    let had = tx.execute("DELETE FROM notes WHERE doc = ?1", [doc])?;
    if had > 0 {
        tx.execute("DELETE FROM note_index WHERE rowid = ?1", [doc])?;
    }
    if notes.is_empty() {
        return Ok(());
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO notes (doc, idx, id, section, block, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, n) in notes.iter().enumerate() {
        insert.execute(params![
            doc,
            int(i),
            n.id,
            n.anchor.section,
            int(n.anchor.block),
            n.body
        ])?;
    }
    tx.execute(
        "INSERT INTO note_index (rowid, text) VALUES (?1, ?2)",
        params![doc, notes_text(notes)],
    )?;
    Ok(())
}

/// A count or index as SQLite stores it.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// PartialDate to and from the JSON kept in the catalogue.
pub(super) trait DateJson {
    fn to_json(&self) -> String;
}

impl DateJson for crate::domain::date::PartialDate {
    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
