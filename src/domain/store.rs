//! The annotation store: persistence of notes, bookmarks, trash, reading position, read
//! marks and withdrawn sources, one TOML file per briefing, and the other files of the
//! data dir (drafts, the briefing read last, rescue files). Must not depend on terminal
//! crates.
//!
//! Files are saved atomically under a file lock and merged three-way with what other
//! instances of brief saved meanwhile, so that no note is ever lost.
//!
//! # Layout under the data dir
//!
//! - `annotations/<stem>.toml`: the store file ([`StoreFile`]), readable TOML.
//! - `annotations/<stem>.lock`: the lock taken by every save; never deleted.
//! - `annotations/backups/<stem>.<UTC stamp>.toml`: copies of the previous good file,
//!   taken before it is replaced; the newest [`BACKUPS_KEPT`] are kept.
//! - `annotations/<stem>.toml.corrupt-<UTC stamp>`: a damaged file, kept byte for byte.
//! - `drafts/<stem>.toml`: unsaved work of the note editor ([`Draft`]).
//! - `rescue/<stem>.<UTC stamp>.toml`: notes that could not be saved ([`Store::rescue`]).
//! - `state.toml`: the briefing read last ([`Store::save_last_opened`]).
//!
//! The stem is the briefing id (or draft key) itself when it is at most 100 letters,
//! digits, `-` or `_`, as it always was; a longer id gets a stem of its first 64
//! characters, `~` and a hash, so that any id up to [`MAX_ID_LEN`] fits in a file name
//! with every suffix, and the id is read back from inside the file. A briefing id must
//! be 1 to [`MAX_ID_LEN`] ASCII letters, digits, `-` or `_` ([`StoreError::BadName`]
//! otherwise); a draft key can be anything.
//!
//! # Files of the data dir
//!
//! Everything brief creates in the data dir is private to the user whatever the umask:
//! folders 0700, files 0600. No file of the data dir is opened through a symbolic link
//! or opened in a way that could block: a link, a FIFO, a device or a folder where brief
//! keeps one of its files is refused at once ([`StoreError::NotAFile`]), never followed
//! or read.
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
//! The code is split in private submodules: `files` (load, save, locking, backups),
//! `other_files` (drafts, the state file, rescue files), `paths` (file names, listing,
//! safe reads), `names` (the stem of an id), `set` (changing a set, saving it off the
//! UI thread), `format` (parsing and the canonical encoding), `lenient` (reading files
//! of a newer schema), `merge` (the three-way merge) and `faults` (the file operations
//! and their failing test double).

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::annotation::{Anchor, Annotation, Bookmark, Note, new_id};
pub use super::briefing::MAX_ID_LEN;
use super::text::sanitize_line;

mod faults;
mod files;
mod format;
mod lenient;
mod merge;
mod names;
mod other_files;
mod paths;
mod set;
#[cfg(test)]
mod tests;

pub use faults::{Faults, Step};
pub use set::SaveTicket;

use faults::FileOps;
use format::ChunkCache;
use merge::Text;

/// The version of the file format this brief writes. A file with a higher number was
/// written by a newer brief: it is read leniently and never written over.
///
/// 2 added the briefing's `title`, the section text of read marks and withdrawn
/// sources; a brief that knows only 1 shows such a file read-only instead of taking
/// the new fields for damage. Files of schema 1 are read as they are and written as 2.
pub const SCHEMA: u32 = 2;

/// The longest section text a read mark keeps (for "what changed since you read it");
/// a longer section is marked without its text.
pub const MAX_READ_TEXT_BYTES: usize = 256 * 1024;

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
    /// The briefing's title when it was last saved by the reader, so that the notes of
    /// a briefing that is gone can still be exported under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
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
    /// Sources the user withdrew (no longer trusts), kept with the notes and never
    /// written into the briefing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<Withdrawn>,
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

    /// Whether it holds nothing worth a file (no item, tombstone, position, read mark or
    /// withdrawn source; a title alone does not count).
    pub fn is_empty(&self) -> bool {
        self.position.is_none()
            && self.notes.is_empty()
            && self.bookmarks.is_empty()
            && self.trash.is_empty()
            && self.purged.is_empty()
            && self.read.is_empty()
            && self.withdrawn.is_empty()
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
/// can be shown as unread again) and, when known, its text then (so the reader can show
/// what changed since).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadMark {
    /// The section's id.
    pub section: String,
    /// The section's content hash when it was read.
    pub hash: String,
    /// The section's text when it was read (at most [`MAX_READ_TEXT_BYTES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// When it was marked.
    pub at: Timestamp,
}

/// A source withdrawn by the user. Merged across instances like read marks: per source,
/// the newer decision (withdrawn, or restored) wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawn {
    /// The source's id.
    pub source: String,
    /// When it was withdrawn.
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

/// A key of change tracking: an item, the position, a section's read mark, the title
/// or a source's withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Touch {
    Item(String),
    Position,
    Read(String),
    Title,
    Withdrawn(String),
}

/// When a key was last changed here: the time (for merges) and the number of the edit
/// (for [`AnnotationSet::adopt_saved`], to tell changes made after a snapshot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Touched {
    at: Timestamp,
    edit: u64,
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
    /// The file as last loaded or saved: the base of three-way merges. Shared, so that
    /// a snapshot for a save on another thread does not copy it.
    synced: Arc<StoreFile>,
    /// What was changed here since, and when.
    touched: BTreeMap<Touch, Touched>,
    /// Write on the next save even if nothing changed (after recovering a damaged file).
    force_write: bool,
    /// `Some(schema)` when the file was written by a newer brief.
    read_only: Option<u32>,
    /// The items of the file as last synced, by their text, to parse the next one fast.
    chunks: ChunkCache,
    /// How many changes were made through the methods, ever (see [`Self::edits`]).
    edits: u64,
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
    /// A briefing id that cannot name a store file.
    #[error(
        "`{}` cannot be used as a briefing id for notes (use 1 to {MAX_ID_LEN} letters, digits, `-` or `_`)",
        shown_name(name)
    )]
    BadName {
        /// The id.
        name: String,
    },
    /// Something that is not a regular file (a symbolic link, a FIFO, a device, a
    /// folder) is where brief keeps one of its files: refused, never followed or read.
    #[error(
        "{} is {found}, where brief keeps a file of its own: it is left alone and not used (brief never follows links or reads special files in its data folder); move it away",
        path.display()
    )]
    NotAFile {
        /// Where.
        path: PathBuf,
        /// What is there, in words ("a symbolic link", "a FIFO (named pipe)", ...).
        found: &'static str,
    },
}

/// An id for a message: sanitised, and cut if very long.
fn shown_name(name: &str) -> String {
    let line = sanitize_line(name);
    match line.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.into_owned(),
    }
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
