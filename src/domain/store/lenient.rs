//! Reading a store file of a newer schema: lenient mirrors of the format, where unknown
//! fields are ignored and items that cannot be read are skipped and counted.

use std::path::Path;

use jiff::Timestamp;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::merge::normalize;
use super::paths::one_line;
use super::*;

// Lenient mirrors of the format, for files of a newer schema: unknown fields are ignored.

#[derive(Deserialize)]
pub(super) struct LenientAnchor {
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

impl From<LenientAnchor> for Anchor {
    fn from(a: LenientAnchor) -> Self {
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

#[derive(Deserialize)]
pub(super) struct LenientNote {
    id: String,
    anchor: LenientAnchor,
    body: String,
    created: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    conflict_of: Option<String>,
    #[serde(default)]
    moved: bool,
}

impl From<LenientNote> for Note {
    fn from(n: LenientNote) -> Self {
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

#[derive(Deserialize)]
pub(super) struct LenientBookmark {
    id: String,
    anchor: LenientAnchor,
    #[serde(default)]
    label: Option<String>,
    created: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    moved: bool,
}

impl From<LenientBookmark> for Bookmark {
    fn from(b: LenientBookmark) -> Self {
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

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(super) enum LenientAnnotation {
    Note(LenientNote),
    Bookmark(LenientBookmark),
}

#[derive(Deserialize)]
pub(super) struct LenientTrashed {
    deleted: Timestamp,
    annotation: LenientAnnotation,
}

#[derive(Deserialize)]
pub(super) struct LenientPosition {
    section: String,
    block: usize,
    updated: Timestamp,
}

#[derive(Deserialize)]
pub(super) struct LenientPurged {
    id: String,
    at: Timestamp,
}

#[derive(Deserialize)]
pub(super) struct LenientReadMark {
    section: String,
    hash: String,
    #[serde(default)]
    text: Option<String>,
    at: Timestamp,
}

#[derive(Deserialize)]
pub(super) struct LenientWithdrawn {
    source: String,
    at: Timestamp,
}

/// Reads what can be read of a file of a newer schema. Returns the file and how many
/// items had to be skipped.
pub(super) fn parse_lenient(text: &str) -> Result<(StoreFile, usize), String> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| format!("it is not valid TOML: {}", one_line(e)))?;
    let mut skipped = 0;
    let notes: Vec<LenientNote> = lenient_list(&table, "notes", &mut skipped);
    let bookmarks: Vec<LenientBookmark> = lenient_list(&table, "bookmarks", &mut skipped);
    let trash: Vec<LenientTrashed> = lenient_list(&table, "trash", &mut skipped);
    let purged: Vec<LenientPurged> = lenient_list(&table, "purged", &mut skipped);
    let read: Vec<LenientReadMark> = lenient_list(&table, "read", &mut skipped);
    let withdrawn: Vec<LenientWithdrawn> = lenient_list(&table, "withdrawn", &mut skipped);
    let position = table
        .get("position")
        .cloned()
        .and_then(|v| lenient_item::<LenientPosition>(v, &mut skipped));
    let briefing = table
        .get("briefing")
        .and_then(|v| v.as_str())
        .ok_or("it has no `briefing` id")?
        .to_owned();
    let title = table
        .get("title")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let file = StoreFile {
        schema: SCHEMA,
        briefing,
        title,
        position: position.map(|p| Position {
            section: p.section,
            block: p.block,
            updated: p.updated,
        }),
        notes: notes.into_iter().map(Note::from).collect(),
        bookmarks: bookmarks.into_iter().map(Bookmark::from).collect(),
        trash: trash
            .into_iter()
            .map(|t| Trashed {
                deleted: t.deleted,
                annotation: match t.annotation {
                    LenientAnnotation::Note(n) => Annotation::Note(n.into()),
                    LenientAnnotation::Bookmark(b) => Annotation::Bookmark(b.into()),
                },
            })
            .collect(),
        purged: purged
            .into_iter()
            .map(|p| Purged { id: p.id, at: p.at })
            .collect(),
        read: read
            .into_iter()
            .map(|r| ReadMark {
                section: r.section,
                hash: r.hash,
                text: r.text,
                at: r.at,
            })
            .collect(),
        withdrawn: withdrawn
            .into_iter()
            .map(|w| Withdrawn {
                source: w.source,
                at: w.at,
            })
            .collect(),
    };
    Ok((normalize(file), skipped))
}

/// The items of an array of a lenient table that can be read; counts the others.
pub(super) fn lenient_list<T: DeserializeOwned>(
    table: &toml::Table,
    key: &str,
    skipped: &mut usize,
) -> Vec<T> {
    match table.get(key) {
        Some(toml::Value::Array(values)) => values
            .iter()
            .filter_map(|v| lenient_item(v.clone(), skipped))
            .collect(),
        Some(_) => {
            *skipped += 1;
            Vec::new()
        }
        None => Vec::new(),
    }
}

pub(super) fn lenient_item<T: DeserializeOwned>(
    value: toml::Value,
    skipped: &mut usize,
) -> Option<T> {
    match value.try_into() {
        Ok(item) => Some(item),
        Err(_) => {
            *skipped += 1;
            None
        }
    }
}

pub(super) fn newer_notice(path: &Path, schema: u32, skipped: usize) -> String {
    let mut notice = format!(
        "{} was written by a newer version of brief (file format {schema}, this version knows {SCHEMA}): its notes are shown read-only and will not be saved.",
        path.display()
    );
    if skipped > 0 {
        notice.push_str(&format!(
            " {skipped} item(s) could not be read by this version."
        ));
    }
    notice
}
