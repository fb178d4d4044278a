//! The JSON export (schema [`JSON_SCHEMA`](super::JSON_SCHEMA), documented field by field
//! in `docs/export-json.md`; written by `write`), reading it back, and merging what was
//! read into the store. Must not depend on terminal crates.
//!
//! Keys are written in the order the structures below declare them (the order of the
//! documentation), which is stable; readers must not depend on it. Optional values are
//! written as `null` rather than left out, so every key is always there.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use serde::Deserialize;

use super::super::annotation::{Anchor, Annotation, Bookmark, Note};
use super::super::store::{AnnotationSet, LockMode, Store, StoreError, StoreFile, Trashed};
use super::super::text::{sanitize_line, truncate};
use super::JSON_SCHEMA;
use crate::domain::i18n::Lang;
use crate::tr;

mod write;

pub(super) use write::render;

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// Why a notes export could not be read. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The text is not JSON.
    #[error("{}", self.words(Lang::En))]
    Syntax {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The `schema` number is missing, or one this brief does not read.
    #[error("{}", self.words(Lang::En))]
    Schema {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
        /// The value found, as JSON (`2`, `"1"`), or `missing`.
        found: String,
    },
    /// Valid JSON of the right schema, but a value is missing or of the wrong type.
    #[error("{}", self.words(Lang::En))]
    Invalid {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl ImportError {
    /// The error in words, in `lang` (the interface's), starting with its line and
    /// column: `line 3, column 7: not valid JSON: …`. Its `Display` is the English.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            ImportError::Syntax {
                line,
                column,
                message,
            } => tr!(
                lang,
                "import-error-syntax",
                line = line.to_string(),
                column = column.to_string(),
                message = message
            ),
            ImportError::Schema {
                line,
                column,
                found,
            } => {
                let message = if found == "missing" {
                    tr!(lang, "import-error-no-schema", expected = JSON_SCHEMA)
                } else {
                    tr!(
                        lang,
                        "import-error-newer-schema",
                        found = found,
                        expected = JSON_SCHEMA
                    )
                };
                tr!(
                    lang,
                    "import-error-at",
                    line = line.to_string(),
                    column = column.to_string(),
                    message = message
                )
            }
            ImportError::Invalid {
                line,
                column,
                message,
            } => tr!(
                lang,
                "import-error-at",
                line = line.to_string(),
                column = column.to_string(),
                message = message
            ),
        }
    }
}

/// Marks the error raised for a bad schema number, to tell it from others.
const SCHEMA_MARK: &str = "\u{1}schema:";

/// The `schema` field, accepted only when it is [`JSON_SCHEMA`].
struct SchemaNumber;

impl<'de> Deserialize<'de> for SchemaNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        if value.as_u64() == Some(u64::from(JSON_SCHEMA)) {
            Ok(SchemaNumber)
        } else {
            Err(serde::de::Error::custom(format!("{SCHEMA_MARK}{value}")))
        }
    }
}

#[derive(Deserialize)]
struct Probe {
    schema: Option<SchemaNumber>,
}

#[derive(Deserialize)]
struct DocIn {
    briefings: Vec<BriefingIn>,
}

#[derive(Deserialize)]
struct BriefingIn {
    id: String,
    #[serde(default)]
    notes: Vec<NoteIn>,
    #[serde(default)]
    bookmarks: Vec<BookmarkIn>,
    #[serde(default)]
    trash: Vec<TrashedIn>,
}

#[derive(Deserialize)]
struct AnchorIn {
    briefing: String,
    section: String,
    block: usize,
    quote: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    version: String,
}

#[derive(Deserialize)]
struct NoteIn {
    id: String,
    anchor: AnchorIn,
    body: String,
    created: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    conflict_of: Option<String>,
    #[serde(default)]
    moved: bool,
}

#[derive(Deserialize)]
struct BookmarkIn {
    id: String,
    anchor: AnchorIn,
    #[serde(default)]
    label: Option<String>,
    created: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    moved: bool,
}

#[derive(Deserialize)]
struct TrashedIn {
    deleted: Timestamp,
    annotation: AnnotationIn,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum AnnotationIn {
    Note(NoteIn),
    Bookmark(BookmarkIn),
}

impl From<AnchorIn> for Anchor {
    fn from(a: AnchorIn) -> Self {
        Anchor {
            briefing: a.briefing,
            section: a.section,
            block: a.block,
            quote: a.quote,
            prefix: a.prefix,
            suffix: a.suffix,
            version: a.version,
        }
    }
}

impl From<NoteIn> for Note {
    fn from(n: NoteIn) -> Self {
        Note {
            id: n.id,
            anchor: n.anchor.into(),
            body: n.body,
            created: n.created,
            updated: n.updated,
            conflict_of: n.conflict_of,
            moved: n.moved,
        }
    }
}

impl From<BookmarkIn> for Bookmark {
    fn from(b: BookmarkIn) -> Self {
        Bookmark {
            id: b.id,
            anchor: b.anchor.into(),
            label: b.label,
            created: b.created,
            updated: b.updated,
            moved: b.moved,
        }
    }
}

/// The message of a `serde_json` error without its ` at line L column C` tail.
fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&tail).unwrap_or(&text).to_owned()
}

/// The error for the user. Messages can quote the file (`invalid type: string "…"`), so
/// they are made safe to print on a terminal.
pub(super) fn json_error(e: &serde_json::Error) -> ImportError {
    let (line, column) = (e.line(), e.column());
    let message = bare_message(e);
    if let Some(found) = message.strip_prefix(SCHEMA_MARK) {
        return ImportError::Schema {
            line,
            column,
            found: truncate(&sanitize_line(found), 40),
        };
    }
    let message = truncate(&sanitize_line(&message), 200);
    if e.is_syntax() || e.is_eof() {
        ImportError::Syntax {
            line,
            column,
            message,
        }
    } else {
        ImportError::Invalid {
            line,
            column,
            message,
        }
    }
}

/// Reads a JSON notes export (schema [`JSON_SCHEMA`]) back: one [`StoreFile`] per
/// briefing (entries of the same briefing are put together), holding its notes,
/// bookmarks and trash. Derived fields (`tags`, `status`) and unknown keys are ignored.
///
/// Errors name the line and column: text that is not JSON, a `schema` that is missing
/// or not [`JSON_SCHEMA`] (checked before anything else), a missing or ill-typed value.
pub fn import_notes(json: &str) -> Result<Vec<StoreFile>, ImportError> {
    let probe: Probe = serde_json::from_str(json).map_err(|e| json_error(&e))?;
    if probe.schema.is_none() {
        return Err(ImportError::Schema {
            line: 1,
            column: 1,
            found: "missing".to_owned(),
        });
    }
    let doc: DocIn = serde_json::from_str(json).map_err(|e| json_error(&e))?;
    let mut files: Vec<StoreFile> = Vec::new();
    for b in doc.briefings {
        let index = match files.iter().position(|f| f.briefing == b.id) {
            Some(i) => i,
            None => {
                files.push(StoreFile::new(&b.id));
                files.len() - 1
            }
        };
        let file = &mut files[index];
        file.notes.extend(b.notes.into_iter().map(Note::from));
        file.bookmarks
            .extend(b.bookmarks.into_iter().map(Bookmark::from));
        file.trash.extend(b.trash.into_iter().map(|t| Trashed {
            deleted: t.deleted,
            annotation: match t.annotation {
                AnnotationIn::Note(n) => Annotation::Note(n.into()),
                AnnotationIn::Bookmark(m) => Annotation::Bookmark(m.into()),
            },
        }));
    }
    Ok(files)
}

// ---------------------------------------------------------------------------------------
// Merging into the store
// ---------------------------------------------------------------------------------------

/// What [`merge_into`] did, per briefing, in the order of the files given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// One entry per briefing merged.
    pub briefings: Vec<BriefingImport>,
}

impl ImportSummary {
    /// The totals over all briefings, as one line for the user:
    /// `2 briefings: 5 added, 1 updated, 3 unchanged, 1 conflict copy`.
    pub fn describe(&self) -> String {
        let sum = |f: fn(&BriefingImport) -> usize| self.briefings.iter().map(f).sum::<usize>();
        let mut parts = vec![
            format!("{} added", sum(|b| b.added)),
            format!("{} updated", sum(|b| b.updated)),
            format!("{} unchanged", sum(|b| b.unchanged)),
        ];
        let kept = sum(|b| b.kept_deleted);
        if kept > 0 {
            parts.push(format!("{kept} left deleted"));
        }
        let conflicts = sum(|b| b.conflicts);
        if conflicts > 0 {
            parts.push(format!(
                "{conflicts} conflict {}",
                if conflicts == 1 { "copy" } else { "copies" }
            ));
        }
        let n = self.briefings.len();
        format!(
            "{n} {}: {}",
            if n == 1 { "briefing" } else { "briefings" },
            parts.join(", ")
        )
    }
}

/// What importing did to one briefing's notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BriefingImport {
    /// The briefing's id.
    pub briefing: String,
    /// Items (live or trashed) the store did not have.
    pub added: usize,
    /// Items the store had, changed by the import (a newer version, or fields merged).
    pub updated: usize,
    /// Items the store already had as imported, or newer.
    pub unchanged: usize,
    /// Live items of the import that this store had deleted with the same text (or
    /// removed for good after their last change): the deletion stands.
    pub kept_deleted: usize,
    /// Conflict copies made (an item whose text differs on both sides keeps both).
    pub conflicts: usize,
    /// Messages from the store (a damaged file recovered from a backup, …).
    pub notices: Vec<String>,
}

/// The text a merge must keep of an annotation: a note's body, a bookmark's label.
#[derive(PartialEq)]
enum Words<'a> {
    Note(&'a str),
    Bookmark(Option<&'a str>),
}

fn words_of(a: &Annotation) -> Words<'_> {
    match a {
        Annotation::Note(n) => Words::Note(&n.body),
        Annotation::Bookmark(b) => Words::Bookmark(b.label.as_deref()),
    }
}

/// Every item of a file by id, owned: live or trashed, with a flag for trashed.
fn items_of(file: &StoreFile) -> BTreeMap<String, (Annotation, bool)> {
    let mut map = BTreeMap::new();
    for n in &file.notes {
        map.insert(n.id.clone(), (Annotation::Note(n.clone()), false));
    }
    for b in &file.bookmarks {
        map.insert(b.id.clone(), (Annotation::Bookmark(b.clone()), false));
    }
    for t in &file.trash {
        map.insert(t.annotation.id().to_owned(), (t.annotation.clone(), true));
    }
    map
}

/// Drops from `import` the live items this store deleted and should stay deleted: in its
/// trash with the same text, or removed for good (emptied trash) after the item's last
/// change. Returns how many were dropped.
fn respect_deletions(import: &mut StoreFile, here: &StoreFile) -> usize {
    let trashed: BTreeMap<&str, Words<'_>> = here
        .trash
        .iter()
        .map(|t| (t.annotation.id(), words_of(&t.annotation)))
        .collect();
    let purged: BTreeMap<&str, Timestamp> =
        here.purged.iter().map(|p| (p.id.as_str(), p.at)).collect();
    let purged_since =
        |id: &str, updated: Timestamp| purged.get(id).is_some_and(|at| *at >= updated);
    let stays_deleted = |id: &str, words: Words<'_>, updated: Timestamp| {
        trashed.get(id).is_some_and(|t| *t == words) || purged_since(id, updated)
    };
    let before = import.notes.len() + import.bookmarks.len() + import.trash.len();
    import
        .notes
        .retain(|n| !stays_deleted(&n.id, Words::Note(&n.body), n.updated));
    import
        .bookmarks
        .retain(|b| !stays_deleted(&b.id, Words::Bookmark(b.label.as_deref()), b.updated));
    import
        .trash
        .retain(|t| !purged_since(t.annotation.id(), t.annotation.updated()));
    before - (import.notes.len() + import.bookmarks.len() + import.trash.len())
}

/// Merges imported files into the store, briefing by briefing, by id: what the store
/// lacks is added; for an id on both sides the store's own merge applies (see
/// [`Store::save`]), with nothing as the common base: fields differing are taken from the
/// newer `updated`, and when the text (note body, bookmark label) differs both versions
/// are kept, the older as a conflict copy (new id, `conflict_of` set). Nothing already in
/// the store is removed; an imported trash never deletes a live item here. A live item
/// that this store deleted with the same text (or removed for good after its last change)
/// stays deleted. Saved with [`LockMode::Wait`].
///
/// Stops at the first briefing that cannot be saved (a bad id, a file written by a newer
/// brief, an I/O error); the briefings before it are merged and saved.
pub fn merge_into(store: &Store, files: Vec<StoreFile>) -> Result<ImportSummary, StoreError> {
    let mut summary = ImportSummary::default();
    for mut import in files {
        let briefing = import.briefing.clone();
        let loaded = store.load(&briefing)?;
        let mut here = loaded.set;
        if here.is_dirty() {
            // A damaged file was replaced by its backup in memory: write that first, so
            // the import is merged with it rather than with nothing.
            store.save(&mut here, LockMode::Wait)?;
        }
        let kept_deleted = respect_deletions(&mut import, &here.file);
        let before = items_of(&here.file);
        let imported: BTreeSet<String> = items_of(&import).into_keys().collect();
        let mut set = AnnotationSet::new(&briefing);
        set.file.notes = import.notes;
        set.file.bookmarks = import.bookmarks;
        set.file.trash = import.trash;
        let outcome = store.save(&mut set, LockMode::Wait)?;
        let after = items_of(&set.file);
        let mut entry = BriefingImport {
            briefing,
            kept_deleted,
            conflicts: outcome.conflicts,
            notices: loaded.notices,
            ..BriefingImport::default()
        };
        entry.notices.extend(outcome.notices);
        for id in &imported {
            match (before.get(id), after.get(id)) {
                (None, _) => entry.added += 1,
                (Some(old), Some(new)) if old != new => entry.updated += 1,
                _ => entry.unchanged += 1,
            }
        }
        summary.briefings.push(entry);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_errors_name_the_place_and_the_number() {
        let err = import_notes("{\n  \"schema\": 2,\n  \"briefings\": []\n}").unwrap_err();
        assert_eq!(
            err,
            ImportError::Schema {
                line: 2,
                column: 13,
                found: "2".into()
            }
        );
        assert!(err.to_string().contains("line 2, column 13"), "{err}");
        let err = import_notes("{\"briefings\": []}").unwrap_err();
        assert!(matches!(err, ImportError::Schema { ref found, .. } if found == "missing"));
        let err = import_notes("{\"schema\": \"1\"}").unwrap_err();
        assert!(matches!(err, ImportError::Schema { ref found, .. } if found == "\"1\""));
    }

    #[test]
    fn syntax_and_shape_errors_name_the_place() {
        let err = import_notes("{\"schema\": 1,\n \"briefings\": [}").unwrap_err();
        assert!(
            matches!(err, ImportError::Syntax { line: 2, .. }),
            "{err:?}"
        );
        let err = import_notes("{\"schema\": 1,\n \"briefings\": [{\"id\": 3}]}").unwrap_err();
        assert!(
            matches!(err, ImportError::Invalid { line: 2, .. }),
            "{err:?}"
        );
        let err = import_notes("{\"schema\": 1}").unwrap_err();
        assert!(err.to_string().contains("briefings"), "{err}");
    }

    #[test]
    fn messages_quoting_the_file_are_safe_to_print() {
        let hostile = r#"{"schema": 1, "briefings": [{"id": "a", "notes": [{"id": "n",
            "anchor": {"briefing": "a", "section": "s", "block": "\u001b]0;x\u0007\u202e",
            "quote": "q", "version": "v"}, "body": "", "created": "2024-01-01T00:00:00Z",
            "updated": "2024-01-01T00:00:00Z"}]}]}"#;
        let text = import_notes(hostile).unwrap_err().to_string();
        assert!(text.contains("invalid type"), "{text}");
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{text:?}"
        );
        let err = import_notes(r#"{"schema": "\u202e\u001b]0;x\u0007"}"#).unwrap_err();
        assert!(matches!(err, ImportError::Schema { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{text:?}"
        );
    }

    #[test]
    fn entries_of_one_briefing_are_put_together() {
        let json = r#"{"schema": 1, "briefings": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}"#;
        let files = import_notes(json).expect("read");
        let ids: Vec<&str> = files.iter().map(|f| f.briefing.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
    }
}
