//! Library-wide search through the catalogue: the query's trigrams select candidate
//! briefings (and notes) in the index, then [`LibraryIndex`] matches each candidate, so
//! hits, their order and their snippets are those of the in-memory path. Must not
//! depend on terminal crates.

use std::collections::HashSet;
use std::path::PathBuf;

use super::read::FileId;
use super::refresh::key_path;
use super::{Catalogue, CatalogueError};
use crate::domain::annotation::{Anchor, Note};
use crate::domain::fold::Query;
use crate::domain::search::{LibraryHit, LibraryIndex};

/// At most this many of a query's trigrams are looked up (a long query's first ones
/// select few enough candidates; the matcher checks the whole query).
const MAX_TRIGRAMS: usize = 24;

/// The FTS5 expression selecting texts that hold every trigram of the folded query;
/// `None` when the query has fewer than three characters (no trigram).
pub(super) fn match_expression(folded: &str) -> Option<String> {
    let chars: Vec<char> = folded.chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let mut seen = HashSet::new();
    let terms: Vec<String> = chars
        .windows(3)
        .map(|w| w.iter().collect::<String>())
        .filter(|t| seen.insert(t.clone()))
        .take(MAX_TRIGRAMS)
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    Some(terms.join(" AND "))
}

impl Catalogue {
    /// Searches every briefing of the library and its notes, as
    /// [`LibraryIndex::search`] does over the same briefings and notes: `sink` is called
    /// once per briefing that has matches, in library order, with all of its hits;
    /// returning false stops the search (cancelled). An empty query matches nothing. A
    /// query of fewer than three folded characters cannot use the index: every briefing
    /// is matched in turn (hits still stream).
    pub fn search(
        &self,
        query: &Query,
        sink: &mut dyn FnMut(Vec<LibraryHit>) -> bool,
    ) -> Result<(), CatalogueError> {
        if query.is_empty() {
            return Ok(());
        }
        let candidates = self.candidates(query)?;
        for (file, id) in candidates {
            let Some(briefing) = self.briefing(file)? else {
                continue;
            };
            let notes = self.notes_of(&id)?;
            let mut index = LibraryIndex::new();
            index.add(&briefing, &notes);
            let mut go_on = true;
            index.search(query, &mut |hits| {
                go_on = sink(hits);
                go_on
            });
            if !go_on {
                break;
            }
        }
        Ok(())
    }

    /// The library's briefings (file, id) whose text or notes may hold the query, in
    /// library order: all of them for a query too short for the index.
    fn candidates(&self, query: &Query) -> Result<Vec<(FileId, String)>, CatalogueError> {
        let expression = match_expression(&query.text);
        let sql = if expression.is_some() {
            "SELECT file, id FROM library
             WHERE file IN (SELECT rowid FROM text_index WHERE text_index MATCH ?1)
                OR id IN (SELECT briefing FROM note_files WHERE doc IN
                          (SELECT rowid FROM note_index WHERE note_index MATCH ?1))
             ORDER BY path"
        } else {
            "SELECT file, id FROM library WHERE ?1 IS NULL ORDER BY path"
        };
        let mut statement = self.conn.prepare(sql).map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([expression], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.sql_error(&e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))
    }

    /// The live notes of a briefing, as indexed (what search needs of them).
    fn notes_of(&self, briefing: &str) -> Result<Vec<Note>, CatalogueError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT n.id, n.section, n.block, n.body FROM notes n
                 JOIN note_files f ON f.doc = n.doc WHERE f.briefing = ?1 ORDER BY n.idx",
            )
            .map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([briefing], |r| {
                Ok(Note {
                    id: r.get(0)?,
                    anchor: Anchor {
                        briefing: briefing.to_owned(),
                        section: r.get(1)?,
                        block: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                        quote: String::new(),
                        prefix: String::new(),
                        suffix: String::new(),
                        version: String::new(),
                    },
                    body: r.get(3)?,
                    created: jiff::Timestamp::UNIX_EPOCH,
                    updated: jiff::Timestamp::UNIX_EPOCH,
                    conflict_of: None,
                    moved: false,
                })
            })
            .map_err(|e| self.sql_error(&e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))
    }

    /// For `brief search`: the files to load so that searching them gives what
    /// searching the whole library gives (same hits, same problems reported), in file
    /// order: every file whose text may hold the query, every file with problems, and
    /// every file sharing its briefing's id with another. `None` when the query is too
    /// short for the index.
    pub fn files_for_grep(&self, query: &Query) -> Result<Option<Vec<PathBuf>>, CatalogueError> {
        let Some(expression) = match_expression(&query.text) else {
            return Ok(None);
        };
        let mut statement = self
            .conn
            .prepare(
                "SELECT path FROM files
                 WHERE id IN (SELECT rowid FROM text_index WHERE text_index MATCH ?1)
                    OR problems != '[]'
                    OR id IN (SELECT file FROM briefings WHERE id IN
                              (SELECT id FROM briefings GROUP BY id HAVING count(*) > 1))
                 ORDER BY path",
            )
            .map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([expression], |r| r.get::<_, Vec<u8>>(0))
            .map_err(|e| self.sql_error(&e))?;
        let keys: Vec<Vec<u8>> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))?;
        Ok(Some(
            keys.iter().map(|k| self.root.join(key_path(k))).collect(),
        ))
    }
}
