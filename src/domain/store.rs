//! The annotation store: persistence of notes, bookmarks, trash, reading position and read
//! marks, one TOML file per briefing. Must not depend on terminal crates.
//!
//! Files are saved atomically under a file lock and merged three-way with what other
//! instances of brief saved meanwhile, so that no note is ever lost.
//!
//! # Layout under the data dir
//!
//! - `annotations/<briefing>.toml`: the store file ([`StoreFile`]), readable TOML.
//! - `annotations/<briefing>.lock`: the lock taken by every save; never deleted.
//! - `annotations/backups/<briefing>.<UTC stamp>.toml`: copies of the previous good file,
//!   taken before it is replaced; the newest [`BACKUPS_KEPT`] are kept.
//! - `annotations/<briefing>.toml.corrupt-<UTC stamp>`: a damaged file, kept byte for byte.
//! - `drafts/<key>.toml`: unsaved work of the note editor ([`Draft`]).
//!
//! Briefing ids and draft keys are used as file names, so they must be 1 to 100 ASCII
//! letters, digits, `-` or `_` ([`StoreError::BadName`] otherwise).
//!
//! # Saving
//!
//! [`Store::save`] locks `<briefing>.lock`, re-reads the file, merges it with memory by id
//! (see [`Store::save`] for the rules), writes a temporary file in the same folder,
//! `fsync`s it, renames it over the file, `fsync`s the folder and releases the lock. On
//! any failure memory is left exactly as it was (still dirty) and no temporary file stays.
//!
//! # Fault injection
//!
//! Every write a save (or a draft save) performs goes through a small internal trait of
//! file operations (create a folder, create the temporary file, write, sync, rename, sync
//! the folder, copy). [`Store::new`] uses the real operations; [`Store::with_faults`] wraps
//! them with a [`Faults`] handle, which records each operation as a [`Step`] and can make a
//! chosen one fail with a chosen OS error (`ENOSPC`, `EROFS`, `EACCES`, ...), so full disks
//! and read-only folders can be tested even as root.
//!
//! The code is split in private submodules: `files` (load, save, drafts, locking,
//! backups), `format` (parsing and the canonical encoding), `merge` (the three-way
//! merge) and `faults` (the file operations and their failing test double).

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::annotation::{Anchor, Annotation, Bookmark, Note, new_id};

mod faults;
mod files;
mod format;
mod merge;
#[cfg(test)]
mod tests;

pub use faults::{Faults, Step};

use faults::FileOps;
use format::ChunkCache;
use merge::Text;

/// The version of the file format this brief writes. A file with a higher number was
/// written by a newer brief: it is read leniently and never written over.
pub const SCHEMA: u32 = 1;

/// The largest store, backup or draft file that is read; a larger one counts as damaged.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How many backups are kept per briefing.
pub const BACKUPS_KEPT: usize = 5;

// ---------------------------------------------------------------------------------------
// The file format
// ---------------------------------------------------------------------------------------

/// The content of `annotations/<briefing>.toml`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreFile {
    /// The format version ([`SCHEMA`] when written by this brief).
    pub schema: u32,
    /// The briefing's id; must match the file name.
    pub briefing: String,
    /// The reading position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Live notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Live bookmarks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<Bookmark>,
    /// Deleted notes and bookmarks, restorable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trash: Vec<Trashed>,
    /// Tombstones of items removed for good, so that merges never bring them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purged: Vec<Purged>,
    /// Sections read, with the content hash they had then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<ReadMark>,
}

impl StoreFile {
    /// An empty file for a briefing, at the current [`SCHEMA`].
    pub fn new(briefing: &str) -> Self {
        StoreFile {
            schema: SCHEMA,
            briefing: briefing.to_owned(),
            ..StoreFile::default()
        }
    }

    /// Whether it holds nothing at all (no item, tombstone, position or read mark).
    pub fn is_empty(&self) -> bool {
        self.position.is_none()
            && self.notes.is_empty()
            && self.bookmarks.is_empty()
            && self.trash.is_empty()
            && self.purged.is_empty()
            && self.read.is_empty()
    }
}

/// The reading position in a briefing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// The section's id.
    pub section: String,
    /// The block's index in the section.
    pub block: usize,
    /// When it was set; the newer position wins in a merge.
    pub updated: Timestamp,
}

/// A deleted note or bookmark, restorable until the trash is emptied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trashed {
    /// When it was deleted.
    pub deleted: Timestamp,
    /// The item as it was.
    pub annotation: Annotation,
}

/// The tombstone of an item removed for good (by emptying the trash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purged {
    /// The removed item's id.
    pub id: String,
    /// When it was removed.
    pub at: Timestamp,
}

/// A section marked as read, with the content hash it had then (so a changed section
/// can be shown as unread again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadMark {
    /// The section's id.
    pub section: String,
    /// The section's content hash when it was read.
    pub hash: String,
    /// When it was marked.
    pub at: Timestamp,
}

/// A draft of the note editor, kept in `drafts/<key>.toml` until the user saves or
/// discards it, so that a crash or a kill never loses what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The note's id when editing one, else a fresh id ([`new_id`]).
    pub key: String,
    /// The briefing's id.
    pub briefing: String,
    /// The note being edited, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_id: Option<String>,
    /// Where the note is (or will be) anchored.
    pub anchor: Anchor,
    /// The text typed so far.
    pub body: String,
    /// When the draft was saved.
    pub saved: Timestamp,
}

// ---------------------------------------------------------------------------------------
// The in-memory handle
// ---------------------------------------------------------------------------------------

/// A key of change tracking: an item, the position, or a section's read mark.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Touch {
    Item(String),
    Position,
    Read(String),
}

/// The annotations of one briefing in memory, with what is needed to merge them with the
/// file on the next save: a copy of the file as last loaded or saved (the merge base),
/// when each item was last changed here, and whether the set is read-only.
///
/// Change it through its methods. `file` is public for reading; a direct edit is still
/// saved (anything that differs from the merge base counts as changed) but has no change
/// time, which only matters against tombstones and read marks removed elsewhere.
#[derive(Debug, Clone)]
pub struct AnnotationSet {
    /// The annotations as they are now.
    pub file: StoreFile,
    /// The file as last loaded or saved: the base of three-way merges.
    synced: StoreFile,
    /// What was changed here since, and when.
    touched: BTreeMap<Touch, Timestamp>,
    /// Write on the next save even if nothing changed (after recovering a damaged file).
    force_write: bool,
    /// `Some(schema)` when the file was written by a newer brief.
    read_only: Option<u32>,
    /// The items of the file as last synced, by their text, to parse the next one fast.
    chunks: ChunkCache,
}

/// A borrowed note or bookmark, as yielded by [`AnnotationSet::annotations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationRef<'a> {
    /// A note.
    Note(&'a Note),
    /// A bookmark.
    Bookmark(&'a Bookmark),
}

impl<'a> AnnotationRef<'a> {
    /// The id.
    pub fn id(&self) -> &'a str {
        match self {
            AnnotationRef::Note(n) => &n.id,
            AnnotationRef::Bookmark(b) => &b.id,
        }
    }

    /// The anchor.
    pub fn anchor(&self) -> &'a Anchor {
        match self {
            AnnotationRef::Note(n) => &n.anchor,
            AnnotationRef::Bookmark(b) => &b.anchor,
        }
    }

    /// When it last changed.
    pub fn updated(&self) -> Timestamp {
        match self {
            AnnotationRef::Note(n) => n.updated,
            AnnotationRef::Bookmark(b) => b.updated,
        }
    }

    /// An owned copy.
    pub fn to_annotation(&self) -> Annotation {
        match self {
            AnnotationRef::Note(n) => Annotation::Note((*n).clone()),
            AnnotationRef::Bookmark(b) => Annotation::Bookmark((*b).clone()),
        }
    }

    /// The text that a merge must never lose: a note's body or a bookmark's label.
    fn text(&self) -> Text<'a> {
        match self {
            AnnotationRef::Note(n) => Text::Note(&n.body),
            AnnotationRef::Bookmark(b) => Text::Bookmark(b.label.as_deref()),
        }
    }
}

impl<'a> From<&'a Annotation> for AnnotationRef<'a> {
    fn from(a: &'a Annotation) -> Self {
        match a {
            Annotation::Note(n) => AnnotationRef::Note(n),
            Annotation::Bookmark(b) => AnnotationRef::Bookmark(b),
        }
    }
}

impl AnnotationSet {
    /// An empty set for a briefing, as for a briefing that has no store file yet.
    pub fn new(briefing: &str) -> Self {
        Self::synced(StoreFile::new(briefing))
    }

    /// A set that is in step with `file` (as loaded).
    fn synced(file: StoreFile) -> Self {
        AnnotationSet {
            synced: file.clone(),
            file,
            touched: BTreeMap::new(),
            force_write: false,
            read_only: None,
            chunks: ChunkCache::default(),
        }
    }

    fn touch(&mut self, key: Touch) {
        self.touched.insert(key, Timestamp::now());
    }

    /// Adds a note; returns its new id. `created` and `updated` are now.
    pub fn add_note(&mut self, anchor: Anchor, body: &str) -> String {
        let id = new_id();
        let now = Timestamp::now();
        self.file.notes.push(Note {
            id: id.clone(),
            anchor,
            body: body.to_owned(),
            created: now,
            updated: now,
            conflict_of: None,
            moved: false,
        });
        self.touch(Touch::Item(id.clone()));
        id
    }

    /// Replaces a live note's body (and sets `updated` to now, unless the body is the
    /// same). False if there is no live note with this id.
    pub fn update_note(&mut self, id: &str, body: &str) -> bool {
        let Some(note) = self.file.notes.iter_mut().find(|n| n.id == id) else {
            return false;
        };
        if note.body != body {
            note.body = body.to_owned();
            note.updated = Timestamp::now();
            self.touch(Touch::Item(id.to_owned()));
        }
        true
    }

    /// Adds a bookmark; returns its new id.
    pub fn add_bookmark(&mut self, anchor: Anchor, label: Option<String>) -> String {
        let id = new_id();
        let now = Timestamp::now();
        self.file.bookmarks.push(Bookmark {
            id: id.clone(),
            anchor,
            label,
            created: now,
            updated: now,
            moved: false,
        });
        self.touch(Touch::Item(id.clone()));
        id
    }

    /// Sets or clears a live bookmark's label. False if there is no such bookmark.
    pub fn set_bookmark_label(&mut self, id: &str, label: Option<String>) -> bool {
        let Some(bookmark) = self.file.bookmarks.iter_mut().find(|b| b.id == id) else {
            return false;
        };
        if bookmark.label != label {
            bookmark.label = label;
            bookmark.updated = Timestamp::now();
            self.touch(Touch::Item(id.to_owned()));
        }
        true
    }

    /// Re-anchors a live note or bookmark: the result of re-attachment (`moved` true:
    /// the user should confirm), or the user confirming a move (`moved` false). Sets
    /// `updated`. False if there is no live item with this id.
    pub fn set_anchor(&mut self, id: &str, anchor: Anchor, moved: bool) -> bool {
        let now = Timestamp::now();
        let changed = if let Some(n) = self.file.notes.iter_mut().find(|n| n.id == id) {
            if n.anchor != anchor || n.moved != moved {
                n.anchor = anchor;
                n.moved = moved;
                n.updated = now;
            }
            true
        } else if let Some(b) = self.file.bookmarks.iter_mut().find(|b| b.id == id) {
            if b.anchor != anchor || b.moved != moved {
                b.anchor = anchor;
                b.moved = moved;
                b.updated = now;
            }
            true
        } else {
            false
        };
        if changed {
            self.touch(Touch::Item(id.to_owned()));
        }
        changed
    }

    /// Moves a live note or bookmark to the trash. False if there is none with this id.
    pub fn delete(&mut self, id: &str) -> bool {
        let annotation = if let Some(i) = self.file.notes.iter().position(|n| n.id == id) {
            Annotation::Note(self.file.notes.remove(i))
        } else if let Some(i) = self.file.bookmarks.iter().position(|b| b.id == id) {
            Annotation::Bookmark(self.file.bookmarks.remove(i))
        } else {
            return false;
        };
        self.file.trash.push(Trashed {
            deleted: Timestamp::now(),
            annotation,
        });
        self.touch(Touch::Item(id.to_owned()));
        true
    }

    /// Brings an item back from the trash. False if it is not in the trash.
    pub fn restore(&mut self, id: &str) -> bool {
        let Some(i) = self.file.trash.iter().position(|t| t.annotation.id() == id) else {
            return false;
        };
        match self.file.trash.remove(i).annotation {
            Annotation::Note(n) => self.file.notes.push(n),
            Annotation::Bookmark(b) => self.file.bookmarks.push(b),
        }
        self.touch(Touch::Item(id.to_owned()));
        true
    }

    /// Removes everything in the trash for good, leaving tombstones so that merges do not
    /// bring the items back. The only hard delete. Returns how many items were removed.
    pub fn empty_trash(&mut self) -> usize {
        let now = Timestamp::now();
        let trash = std::mem::take(&mut self.file.trash);
        let count = trash.len();
        for t in trash {
            let id = t.annotation.id().to_owned();
            self.file.purged.push(Purged {
                id: id.clone(),
                at: now,
            });
            self.touch(Touch::Item(id));
        }
        count
    }

    /// Sets the reading position.
    pub fn set_position(&mut self, section: &str, block: usize) {
        self.file.position = Some(Position {
            section: section.to_owned(),
            block,
            updated: Timestamp::now(),
        });
        self.touch(Touch::Position);
    }

    /// Marks a section as read, with its current content hash.
    pub fn mark_read(&mut self, section: &str, hash: &str) {
        let mark = ReadMark {
            section: section.to_owned(),
            hash: hash.to_owned(),
            at: Timestamp::now(),
        };
        self.file.read.retain(|r| r.section != section);
        self.file.read.push(mark);
        self.touch(Touch::Read(section.to_owned()));
    }

    /// Marks a section as unread.
    pub fn unmark_read(&mut self, section: &str) {
        self.file.read.retain(|r| r.section != section);
        self.touch(Touch::Read(section.to_owned()));
    }

    /// The read mark of a section, if it is marked.
    pub fn read_mark(&self, section: &str) -> Option<&ReadMark> {
        self.file.read.iter().find(|r| r.section == section)
    }

    /// Whether there is anything to save: a change since the last load or save, or a
    /// damaged file to replace.
    pub fn is_dirty(&self) -> bool {
        self.force_write || self.file != self.synced
    }

    /// Whether the file was written by a newer brief: it can be read, and changed in
    /// memory, but [`Store::save`] refuses to write it ([`StoreError::ReadOnly`]). The
    /// UI should not offer edits.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// The format version of the file when it is newer than this brief's.
    pub fn newer_schema(&self) -> Option<u32> {
        self.read_only
    }

    /// The live notes and bookmarks, borrowed: notes first, then bookmarks, each in file
    /// order (creation order after a save). The trash is `file.trash`.
    pub fn annotations(&self) -> impl Iterator<Item = AnnotationRef<'_>> {
        self.file
            .notes
            .iter()
            .map(AnnotationRef::Note)
            .chain(self.file.bookmarks.iter().map(AnnotationRef::Bookmark))
    }

    /// The live note with this id.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.file.notes.iter().find(|n| n.id == id)
    }

    /// The live bookmark with this id.
    pub fn bookmark(&self, id: &str) -> Option<&Bookmark> {
        self.file.bookmarks.iter().find(|b| b.id == id)
    }
}

// ---------------------------------------------------------------------------------------
// Errors and outcomes
// ---------------------------------------------------------------------------------------

/// Why a load or save failed. On every error of a save, memory is unchanged and still
/// dirty: the UI shows the message and tries again later.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another brief holds the lock (only with [`LockMode::Try`]).
    #[error(
        "another brief is saving these notes right now; they are kept and will be saved on the next try"
    )]
    Busy,
    /// The file was written by a newer brief; this one does not write over it.
    #[error(
        "these notes were saved by a newer version of brief (file format {schema}, this version knows {SCHEMA}): they are shown read-only and are not saved"
    )]
    ReadOnly {
        /// The file's format version.
        schema: u32,
    },
    /// A file operation failed.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What was being done, in words ("write", "replace", ...).
        action: &'static str,
        /// The system's error.
        #[source]
        source: io::Error,
    },
    /// The annotations could not be written as TOML (e.g. a number too large).
    #[error("could not write the notes for {} as TOML: {message}", path.display())]
    Encode {
        /// The file that was to be written.
        path: PathBuf,
        /// The encoder's message.
        message: String,
    },
    /// A briefing id or draft key that cannot be used as a file name.
    #[error(
        "`{name}` cannot be used as a file name for notes (use 1 to 100 letters, digits, `-` or `_`)"
    )]
    BadName {
        /// The id or key.
        name: String,
    },
}

fn io_error(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        path,
        action,
        source,
    }
}

/// How [`Store::save`] takes the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    /// Fail at once with [`StoreError::Busy`] if another brief holds it (for the UI,
    /// which must never freeze).
    Try,
    /// Wait for it (for the command line and tests).
    Wait,
}

/// What [`Store::load`] found.
#[derive(Debug, Clone)]
pub struct LoadOutcome {
    /// The annotations.
    pub set: AnnotationSet,
    /// Messages for the user: a damaged file kept aside, a backup loaded, a file shown
    /// read-only because a newer brief wrote it.
    pub notices: Vec<String>,
}

/// What [`Store::save`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveOutcome {
    /// How many conflict copies were made (an item changed here and elsewhere).
    pub conflicts: usize,
    /// How many items (and position or read marks) came in from the file, changed by
    /// another instance.
    pub merged_from_disk: usize,
    /// Whether the file was written (false when it already held exactly the result).
    pub written: bool,
    /// Messages for the user (e.g. a damaged file found and kept aside).
    pub notices: Vec<String>,
}

/// The annotation files under a data dir. Cheap to clone; holds no open file.
#[derive(Clone)]
pub struct Store {
    dir: PathBuf,
    ops: Arc<dyn FileOps>,
    faulty: bool,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("faulty", &self.faulty)
            .finish()
    }
}
