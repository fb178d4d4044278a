//! Reading notes back from any export brief writes that carries them: brief's JSON,
//! a STIX 2.1 bundle, or a W3C Web Annotation collection. [`read_notes`] tells them
//! apart and gives store files for [`merge_into`](super::merge_into), so `brief
//! import-notes` takes all three. Must not depend on terminal crates.

use std::collections::HashMap;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::ImportError;
use crate::domain::annotation::{Bookmark, Note};
use crate::domain::store::StoreFile;

/// The formats `import-notes` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesFormat {
    /// brief's own JSON export (`docs/export-json.md`).
    Json,
    /// A STIX 2.1 bundle (`docs/export-stix.md`).
    Stix,
    /// A W3C Web Annotation collection, page or annotation (`docs/export-w3c.md`).
    W3c,
}

impl NotesFormat {
    /// Its name for messages: `JSON`, `STIX 2.1`, `W3C Web Annotation`.
    pub fn name(self) -> &'static str {
        match self {
            NotesFormat::Json => "JSON",
            NotesFormat::Stix => "STIX 2.1",
            NotesFormat::W3c => "W3C Web Annotation",
        }
    }
}

/// Notes read from an export, ready for [`merge_into`](super::merge_into).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadNotes {
    /// The format the text was in.
    pub format: NotesFormat,
    /// One store file per briefing, in order of first appearance.
    pub files: Vec<StoreFile>,
    /// What was passed over and why, in plain words (not yet sanitised: the caller
    /// prints them through `sanitize_line`).
    pub notices: Vec<String>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "@context")]
    context: Option<IgnoredAny>,
    #[serde(rename = "type")]
    kind: Option<serde_json::Value>,
}

/// Reads notes from the text of an export: a W3C Web Annotation document (it has an
/// `@context`), a STIX bundle (`"type": "bundle"`), else brief's JSON export (whose
/// errors are given for anything else). Errors name the line and column.
pub fn read_notes(text: &str) -> Result<ReadNotes, ImportError> {
    let probe: Option<Probe> = serde_json::from_str(text).ok();
    let (format, imported) = match probe {
        Some(Probe {
            context: Some(_), ..
        }) => (NotesFormat::W3c, super::w3c::read_annotations(text)?),
        Some(Probe {
            kind: Some(serde_json::Value::String(kind)),
            ..
        }) if kind == "bundle" => (NotesFormat::Stix, super::stix::read_bundle(text)?),
        _ => {
            return Ok(ReadNotes {
                format: NotesFormat::Json,
                files: super::json::import_notes(text)?,
                notices: Vec::new(),
            });
        }
    };
    let mut notices = imported.notices;
    if imported.foreign > 0 {
        let n = imported.foreign;
        notices.push(format!(
            "passed over {n} {} that brief did not write (no anchor to a briefing's passage)",
            match format {
                NotesFormat::Stix if n == 1 => "STIX note",
                NotesFormat::Stix => "STIX notes",
                _ if n == 1 => "annotation",
                _ => "annotations",
            }
        ));
    }
    Ok(ReadNotes {
        format,
        files: imported.files,
        notices,
    })
}

/// A note or a bookmark read from an export.
#[derive(Debug)]
pub(super) enum ImportedItem {
    Note(Note),
    Bookmark(Bookmark),
}

impl ImportedItem {
    fn key(&self) -> (bool, &str) {
        match self {
            ImportedItem::Note(n) => (true, &n.id),
            ImportedItem::Bookmark(b) => (false, &b.id),
        }
    }
}

/// What a STIX or W3C reader found: store files by briefing, and what it passed over.
#[derive(Debug, Default)]
pub(super) struct Imported {
    /// One per briefing, in order of first appearance.
    pub files: Vec<StoreFile>,
    /// Notes or annotations passed over because brief did not write them.
    pub foreign: usize,
    /// Other things passed over, in words.
    pub notices: Vec<String>,
    /// Where each briefing's file is in `files`.
    by_briefing: HashMap<String, usize>,
    /// Where each item is in its file: (file, is a note, id) → index.
    by_id: HashMap<(usize, bool, String), usize>,
}

impl Imported {
    /// Adds an item to its briefing's file. The same id twice (two versions of an object
    /// in one bundle) keeps the one updated last.
    pub fn push(&mut self, briefing: &str, item: ImportedItem) {
        let file = *self
            .by_briefing
            .entry(briefing.to_owned())
            .or_insert_with(|| {
                self.files.push(StoreFile::new(briefing));
                self.files.len() - 1
            });
        let (is_note, id) = item.key();
        let key = (file, is_note, id.to_owned());
        let f = &mut self.files[file];
        match (item, self.by_id.get(&key)) {
            (ImportedItem::Note(n), Some(&i)) => {
                if n.updated > f.notes[i].updated {
                    f.notes[i] = n;
                }
            }
            (ImportedItem::Bookmark(b), Some(&i)) => {
                if b.updated > f.bookmarks[i].updated {
                    f.bookmarks[i] = b;
                }
            }
            (ImportedItem::Note(n), None) => {
                self.by_id.insert(key, f.notes.len());
                f.notes.push(n);
            }
            (ImportedItem::Bookmark(b), None) => {
                self.by_id.insert(key, f.bookmarks.len());
                f.bookmarks.push(b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart() {
        let json = r#"{"schema": 1, "briefings": []}"#;
        assert_eq!(read_notes(json).map(|r| r.format), Ok(NotesFormat::Json));
        let stix = r#"{"type": "bundle", "id": "bundle--x"}"#;
        assert_eq!(read_notes(stix).map(|r| r.format), Ok(NotesFormat::Stix));
        let w3c = r#"{"@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "urn:x", "type": "AnnotationCollection", "total": 0}"#;
        assert_eq!(read_notes(w3c).map(|r| r.format), Ok(NotesFormat::W3c));
        // Anything else gets the JSON export's errors, with their place.
        let err = read_notes("{\"type\": \"report\"}").expect_err("an error");
        assert!(matches!(err, ImportError::Schema { .. }), "{err:?}");
        let err = read_notes("[1,").expect_err("an error");
        assert!(matches!(err, ImportError::Syntax { .. }), "{err:?}");
    }
}
