//! Reading a STIX 2.1 bundle back into annotations: every `note` carrying brief's
//! extension becomes the note or bookmark it was exported from. Must not depend on
//! terminal crates.
//!
//! Everything else in the bundle (reports, identities, markings, other objects, notes
//! written elsewhere) is passed over; notes without brief's extension are counted, so
//! the user is told. Errors name the line and column.

use jiff::Timestamp;
use serde::Deserialize;

use super::super::ImportError;
use super::super::interop_import::{Imported, ImportedItem};
use super::super::json::json_error;
use crate::domain::annotation::{Anchor, Bookmark, Note};

#[derive(Deserialize)]
struct BundleIn {
    #[serde(default)]
    objects: Vec<ObjectIn>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum ObjectIn {
    #[serde(rename = "note")]
    Note(Box<NoteIn>),
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct NoteIn {
    #[serde(default)]
    content: String,
    created: Timestamp,
    modified: Timestamp,
    #[serde(default)]
    extensions: ExtensionsIn,
}

#[derive(Deserialize, Default)]
struct ExtensionsIn {
    // Must be the literal of `BRIEF_EXTENSION` (serde needs a literal).
    #[serde(rename = "extension-definition--4e59d342-a9cc-47cc-b01b-6328d9dffedc")]
    brief: Option<AnnotationIn>,
}

#[derive(Deserialize)]
struct AnnotationIn {
    brief_id: String,
    annotation_type: Kind,
    briefing: String,
    anchor: Anchor,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    conflict_of: Option<String>,
    #[serde(default)]
    moved: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Note,
    Bookmark,
}

/// The annotations of a STIX bundle brief wrote, in the order of the bundle, and how
/// many notes were passed over because brief did not write them.
pub(in crate::domain::export) fn read_bundle(text: &str) -> Result<Imported, ImportError> {
    let bundle: BundleIn = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut imported = Imported::default();
    for object in bundle.objects {
        let ObjectIn::Note(note) = object else {
            continue;
        };
        let Some(ext) = note.extensions.brief else {
            imported.foreign += 1;
            continue;
        };
        let item = match ext.annotation_type {
            Kind::Note => ImportedItem::Note(Note {
                id: ext.brief_id,
                anchor: ext.anchor,
                body: note.content,
                created: note.created,
                updated: note.modified,
                conflict_of: ext.conflict_of,
                moved: ext.moved,
            }),
            Kind::Bookmark => ImportedItem::Bookmark(Bookmark {
                id: ext.brief_id,
                anchor: ext.anchor,
                label: ext.label,
                created: note.created,
                updated: note.modified,
                moved: ext.moved,
            }),
        };
        imported.push(&ext.briefing, item);
    }
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_place() {
        let err = read_bundle(
            "{\"type\": \"bundle\",\n \"objects\": [{\"type\": \"note\", \"created\": 3}]}",
        )
        .expect_err("an error");
        assert!(
            matches!(err, ImportError::Invalid { line: 2, .. }),
            "{err:?}"
        );
        let err = read_bundle("{\"type\": \"bundle\", \"objects\": [").expect_err("an error");
        assert!(
            matches!(err, ImportError::Syntax { line: 1, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn other_objects_and_foreign_notes_are_passed_over() {
        let text = r#"{"type": "bundle", "id": "bundle--x", "objects": [
            {"type": "indicator", "created": 12, "pattern": {"odd": true}},
            {"type": "note", "content": "from elsewhere", "created": "2024-01-01T00:00:00.000Z",
             "modified": "2024-01-01T00:00:00.000Z", "object_refs": ["report--x"]}
        ]}"#;
        let imported = read_bundle(text).expect("read");
        assert!(imported.files.is_empty());
        assert_eq!(imported.foreign, 1);
    }
}
