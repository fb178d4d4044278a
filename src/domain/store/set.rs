//! Changing a set of annotations in memory, and handing a copy to a save on another
//! thread while the user goes on editing ([`AnnotationSet::snapshot`] and
//! [`AnnotationSet::adopt_saved`]).

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::merge::{merge, normalize, normalized};
use super::*;

impl AnnotationSet {
    /// An empty set for a briefing, as for a briefing that has no store file yet.
    pub fn new(briefing: &str) -> Self {
        Self::synced(StoreFile::new(briefing))
    }

    /// A set that is in step with `file` (as loaded).
    pub(super) fn synced(file: StoreFile) -> Self {
        AnnotationSet {
            synced: Arc::new(file.clone()),
            file,
            touched: BTreeMap::new(),
            force_write: false,
            read_only: None,
            chunks: ChunkCache::default(),
            edits: 0,
        }
    }

    fn touch(&mut self, key: Touch) {
        self.edits += 1;
        let touched = Touched {
            at: Timestamp::now(),
            edit: self.edits,
        };
        self.touched.insert(key, touched);
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

    /// Marks a section as read, with its current content hash (and no text: see
    /// [`Self::mark_read_with_text`]).
    pub fn mark_read(&mut self, section: &str, hash: &str) {
        self.put_read_mark(section, hash, None);
    }

    /// Marks a section as read, with its current content hash and its text as it is
    /// now, kept so that the reader can later show what changed since it was read. Only
    /// the latest text of each section is kept, and none above [`MAX_READ_TEXT_BYTES`].
    pub fn mark_read_with_text(&mut self, section: &str, hash: &str, text: &str) {
        let text = (text.len() <= MAX_READ_TEXT_BYTES).then(|| text.to_owned());
        self.put_read_mark(section, hash, text);
    }

    fn put_read_mark(&mut self, section: &str, hash: &str, text: Option<String>) {
        let mark = ReadMark {
            section: section.to_owned(),
            hash: hash.to_owned(),
            text,
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

    /// Records the briefing's title, so that its notes can be exported under it even
    /// once the briefing is gone. The reader sets it when it saves.
    pub fn set_title(&mut self, title: &str) {
        if self.file.title.as_deref() != Some(title) {
            self.file.title = Some(title.to_owned());
            self.touch(Touch::Title);
        }
    }

    /// The briefing's title as last recorded.
    pub fn title(&self) -> Option<&str> {
        self.file.title.as_deref()
    }

    /// Withdraws a source (by its id). False if it was withdrawn already.
    pub fn withdraw_source(&mut self, source: &str) -> bool {
        if self.is_withdrawn(source) {
            return false;
        }
        self.file.withdrawn.push(Withdrawn {
            source: source.to_owned(),
            at: Timestamp::now(),
        });
        self.touch(Touch::Withdrawn(source.to_owned()));
        true
    }

    /// Restores a withdrawn source. False if it was not withdrawn.
    pub fn restore_source(&mut self, source: &str) -> bool {
        if !self.is_withdrawn(source) {
            return false;
        }
        self.file.withdrawn.retain(|w| w.source != source);
        self.touch(Touch::Withdrawn(source.to_owned()));
        true
    }

    /// Whether a source is withdrawn.
    pub fn is_withdrawn(&self, source: &str) -> bool {
        self.file.withdrawn.iter().any(|w| w.source == source)
    }

    /// Whether there is anything to save: a change since the last load or save, or a
    /// damaged file to replace.
    pub fn is_dirty(&self) -> bool {
        self.force_write || self.file != *self.synced
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

/// What [`AnnotationSet::adopt_saved`] needs to tell the changes made after a
/// [`AnnotationSet::snapshot`] from those the snapshot holds.
#[derive(Debug, Clone)]
pub struct SaveTicket {
    /// The set's edit count when the snapshot was taken.
    edits: u64,
    /// The annotations as they were then.
    base: StoreFile,
}

impl AnnotationSet {
    /// How many changes were made to this set through its methods, ever: a set whose
    /// count is the same as at a [`snapshot`](Self::snapshot) has not changed since.
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// A copy to save on another thread while this set goes on being edited, and the
    /// ticket to [`adopt_saved`](Self::adopt_saved) the result with. Take one snapshot
    /// at a time: adopt (or drop) it before taking the next.
    pub fn snapshot(&self) -> (AnnotationSet, SaveTicket) {
        let ticket = SaveTicket {
            edits: self.edits,
            base: self.file.clone(),
        };
        (self.clone(), ticket)
    }

    /// Takes in the result of a save of a [`snapshot`](Self::snapshot) that succeeded.
    ///
    /// If nothing changed here since the snapshot, this set becomes the saved one (clean,
    /// holding what the save merged in from disk). Otherwise every change made since the
    /// snapshot is kept, still unsaved, on top of the saved state, which becomes the base
    /// of the next merge: the changes the snapshot held count as saved and are not merged
    /// again (a note edited "A" to "B", saved, then "B" to "C" saves next as "C", with no
    /// conflict copy), and what the save brought in from disk (another instance's notes)
    /// appears here.
    ///
    /// A `saved` set that is still dirty (its save failed) or of another briefing is
    /// ignored: this set keeps everything and the next save tries again.
    pub fn adopt_saved(&mut self, saved: AnnotationSet, ticket: SaveTicket) {
        if saved.is_dirty()
            || saved.file.briefing != self.file.briefing
            || ticket.base.briefing != self.file.briefing
            || ticket.edits > self.edits
        {
            return;
        }
        let edits = self.edits;
        if edits == ticket.edits && self.file == ticket.base {
            *self = saved;
            self.edits = edits;
            return;
        }
        let since: BTreeMap<Touch, Touched> = self
            .touched
            .iter()
            .filter(|(_, t)| t.edit > ticket.edits)
            .map(|(k, t)| (k.clone(), *t))
            .collect();
        let AnnotationSet {
            file: disk,
            synced,
            chunks,
            read_only,
            force_write,
            ..
        } = saved;
        let mut base = normalize(ticket.base);
        base.schema = disk.schema;
        let file = if base == disk {
            // The save brought nothing in (the usual case): what is here is the result,
            // as the merge below would find, without its cost on the caller's thread.
            let mut ours = normalize(std::mem::take(&mut self.file));
            ours.schema = disk.schema;
            ours
        } else {
            // Three-way: ours is this set, the base the snapshot, the "disk" what the
            // save left on disk; only what changed here since the snapshot is ours.
            merge(&normalized(&self.file), &base, Some(disk), &since).file
        };
        *self = AnnotationSet {
            file,
            synced,
            touched: since,
            force_write,
            read_only,
            chunks,
            edits,
        };
    }
}
