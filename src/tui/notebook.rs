//! The annotations the reader holds in memory: the open briefing's, and every other
//! briefing's whose changes are not saved yet (kept, retried and saved or rescued at
//! exit, however many briefings are opened in between). Saving runs off the UI thread
//! on a snapshot; the edit count tells whether the set changed while it ran. Also where
//! the open briefing's annotations are placed on its text now.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::domain::anchor::{DocText, Location, Resolution, make_anchor, reanchor, resolve};
use crate::domain::annotation::{Anchor, Status};
use crate::domain::briefing::Briefing;
use crate::domain::store::{
    AnnotationRef, AnnotationSet, SaveOutcome, SaveTicket, Store, StoreError,
};

/// How soon a save that found the store busy is tried again.
pub const BUSY_RETRY: Duration = Duration::from_millis(250);
/// How soon a save that failed (read-only folder, full disk) is tried again.
pub const FAILED_RETRY: Duration = Duration::from_secs(5);

/// A cursor stop: a block of a unit (unit 0 is the overview, `n` is section `n - 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct BlockPos {
    /// The unit.
    pub unit: usize,
    /// The block's index in the unit.
    pub block: usize,
}

/// One briefing's annotations in memory and the state of saving them.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The set as stored, plus unsaved changes.
    pub set: AnnotationSet,
    /// Changes made since it was loaded (a save's snapshot records it).
    pub edits: u64,
    /// The save under way: its edit count, and the ticket to take its result back with.
    pub saving: Option<(u64, SaveTicket)>,
    /// When to try saving again, if a save is owed.
    pub retry_at: Option<Instant>,
    /// Why the last save failed, until one succeeds.
    pub failing: Option<String>,
    /// What to say once the changes are saved ("note saved").
    pub announce: Option<String>,
}

/// What a finished save means for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveReport {
    /// Saved; the message owed, if any, and notes that came in from another reader.
    Saved {
        /// The message to say now.
        announce: Option<String>,
        /// Conflict copies made.
        conflicts: usize,
        /// Items another reader changed, merged in.
        merged: usize,
        /// Notices of the store (a damaged file kept aside…).
        notices: Vec<String>,
    },
    /// The store was busy: tried again shortly.
    Busy,
    /// It failed: kept in memory, tried again later.
    Failed(String),
}

/// Every set in memory.
#[derive(Debug, Clone, Default)]
pub struct Notebook {
    entries: HashMap<String, Entry>,
    /// The interface's language, for what the notebook says.
    pub lang: crate::domain::i18n::Lang,
}

impl Notebook {
    /// The set of a briefing, if it is in memory.
    pub fn get(&self, id: &str) -> Option<&AnnotationSet> {
        self.entries.get(id).map(|e| &e.set)
    }

    /// Whether a briefing's set is in memory.
    pub fn has(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// Takes in a set just read from the store (unless one is already in memory: that
    /// one is newer).
    pub fn insert_loaded(&mut self, set: AnnotationSet) {
        let id = set.file.briefing.clone();
        self.entries.entry(id).or_insert(Entry {
            set,
            edits: 0,
            saving: None,
            retry_at: None,
            failing: None,
            announce: None,
        });
    }

    /// Changes a set; the change counts as an edit to save.
    pub fn change<R>(&mut self, id: &str, f: impl FnOnce(&mut AnnotationSet) -> R) -> Option<R> {
        let entry = self.entries.get_mut(id)?;
        let out = f(&mut entry.set);
        if entry.set.is_dirty() {
            entry.edits += 1;
        }
        Some(out)
    }

    /// Says `text` once the briefing's changes are saved.
    pub fn announce_when_saved(&mut self, id: &str, text: impl Into<String>) {
        if let Some(e) = self.entries.get_mut(id) {
            e.announce = Some(text.into());
        }
    }

    /// The briefings whose changes should be saved now: dirty, writable, no save under
    /// way, and no retry set for later than `now`.
    pub fn due(&self, now: Instant) -> Vec<String> {
        let mut ids: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| {
                e.set.is_dirty()
                    && !e.set.is_read_only()
                    && e.saving.is_none()
                    && e.retry_at.is_none_or(|t| t <= now)
            })
            .map(|(id, _)| id.clone())
            .collect();
        ids.sort();
        ids
    }

    /// A copy of a set to save on another thread, with its edit count.
    pub fn begin_save(&mut self, id: &str) -> Option<(AnnotationSet, u64)> {
        let entry = self.entries.get_mut(id)?;
        let (copy, ticket) = entry.set.snapshot();
        entry.saving = Some((entry.edits, ticket));
        entry.retry_at = None;
        Some((copy, entry.edits))
    }

    /// Takes in the end of a save started at edit count `edits`.
    pub fn finish_save(
        &mut self,
        id: &str,
        edits: u64,
        result: Result<(Box<AnnotationSet>, SaveOutcome), StoreError>,
        now: Instant,
    ) -> SaveReport {
        let Some(entry) = self.entries.get_mut(id) else {
            return SaveReport::Busy;
        };
        let ticket = entry.saving.take().map(|(_, t)| t);
        match result {
            Ok((saved, outcome)) => {
                let recovered = entry.failing.take().is_some();
                // Memory becomes what was saved (with what the save merged in from
                // another reader), and changes made during the save stay on top of it,
                // still to save.
                if let Some(ticket) = ticket {
                    entry.set.adopt_saved(*saved, ticket);
                }
                if entry.edits != edits {
                    entry.retry_at = Some(now);
                }
                let mut announce = entry.announce.take();
                if announce.is_none() && recovered {
                    announce = Some(crate::domain::i18n::t(self.lang, "store-saved"));
                }
                SaveReport::Saved {
                    announce,
                    conflicts: outcome.conflicts,
                    merged: outcome.merged_from_disk,
                    notices: outcome.notices,
                }
            }
            Err(StoreError::Busy) => {
                entry.retry_at = Some(now + BUSY_RETRY);
                SaveReport::Busy
            }
            Err(e) => {
                let text = e.to_string();
                entry.failing = Some(text.clone());
                entry.retry_at = Some(now + FAILED_RETRY);
                SaveReport::Failed(text)
            }
        }
    }

    /// When a save is next owed, if one is.
    pub fn next_retry(&self) -> Option<Instant> {
        self.entries
            .values()
            .filter(|e| e.set.is_dirty() && e.saving.is_none())
            .filter_map(|e| e.retry_at)
            .min()
    }

    /// How many briefings have changes not saved yet.
    pub fn unsaved(&self) -> usize {
        self.entries
            .values()
            .filter(|e| e.set.is_dirty() && !e.set.is_read_only())
            .count()
    }

    /// The last save error, while saves fail.
    pub fn failing(&self) -> Option<&str> {
        self.entries.values().find_map(|e| e.failing.as_deref())
    }

    /// Drops the sets of briefings other than `keep` that are saved: they are read
    /// again when needed. Unsaved sets stay, whatever is opened in between.
    pub fn forget_saved_except(&mut self, keep: &str) {
        self.entries
            .retain(|id, e| id == keep || e.set.is_dirty() || e.saving.is_some());
    }

    /// Every set in memory (for exports and the library index: newer than the store).
    pub fn sets(&self) -> impl Iterator<Item = &AnnotationSet> {
        self.entries.values().map(|e| &e.set)
    }

    /// Every set in memory, by briefing id (cloned: for work off the UI thread).
    pub fn by_briefing(&self) -> HashMap<String, AnnotationSet> {
        self.entries
            .iter()
            .map(|(id, e)| (id.clone(), e.set.clone()))
            .collect()
    }

    /// Saves every unsaved set now, waiting briefly for the lock (this runs when
    /// leaving). Returns the problems met, after rescuing what could not be saved.
    pub fn save_all_on_exit(&mut self, store: &Store) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids: Vec<String> = self.entries.keys().cloned().collect();
        ids.sort();
        for id in ids {
            let Some(entry) = self.entries.get_mut(&id) else {
                continue;
            };
            let set = &mut entry.set;
            if !set.is_dirty() || set.is_read_only() {
                continue;
            }
            let mut tries = 0;
            loop {
                match store.save(set, crate::domain::store::LockMode::Try) {
                    Err(StoreError::Busy) if tries < 40 => {
                        tries += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    Ok(_) => break,
                    Err(e) => {
                        let lang = self.lang;
                        problems.push(crate::tr!(
                            lang,
                            "store-briefing-not-saved",
                            id = id.as_str(),
                            error = e.to_string()
                        ));
                        problems.push(match store.rescue(&set.file) {
                            Ok(path) => crate::tr!(
                                lang,
                                "store-rescued",
                                path = path.display().to_string(),
                                target = store.file_path(&set.file.briefing).display().to_string()
                            ),
                            Err(e) => {
                                crate::tr!(lang, "store-rescue-failed", error = e.to_string())
                            }
                        });
                        break;
                    }
                }
            }
        }
        problems
    }
}

/// Whether a section counts as read: marked read with the text it has now. The one
/// answer to that question, for the outline, the library and the counts.
pub fn is_read(set: &AnnotationSet, section: &crate::domain::briefing::Section) -> bool {
    set.read_mark(&section.id)
        .is_some_and(|m| m.hash == section.hash)
}

/// Remembers the briefing read last (best effort: a failure only loses the choice of
/// what to show first next time).
pub fn save_last_opened(store: &Store, id: &str) {
    let _ = store.save_last_opened(id);
}

/// The briefing read last, if recorded.
pub fn last_opened(store: &Store) -> Option<String> {
    store.last_opened()
}

/// Where an annotation is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Attached, moved (unconfirmed) or orphan.
    pub status: Status,
    /// The paragraph and the passage in it (`None` for an orphan).
    pub at: Option<(BlockPos, Range<usize>)>,
}

/// The marks of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    /// How many bookmarks.
    pub bookmarks: usize,
    /// How many notes.
    pub notes: usize,
    /// Whether one of them moved and awaits confirmation.
    pub moved: bool,
}

/// An annotated passage of a paragraph, as the reader marks it in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Bytes of the paragraph's text.
    pub range: Range<usize>,
    /// A note (else a bookmark).
    pub note: bool,
    /// Moved, awaiting confirmation.
    pub moved: bool,
}

/// Where the open briefing's annotations are on its text now.
#[derive(Debug, Clone, Default)]
pub struct Placed {
    /// Annotation id → where it is now.
    pub placed: HashMap<String, Placement>,
    /// Marks per paragraph.
    pub marks: BTreeMap<BlockPos, Marks>,
    /// Annotated passages per paragraph, in text order.
    pub passages: BTreeMap<BlockPos, Vec<Passage>>,
    /// The briefing's rendered text, once prepared (anchoring needs it).
    pub doc: Option<Arc<DocText>>,
}

fn placement(status: Status, at: &Location) -> Placement {
    Placement {
        status,
        at: Some((
            BlockPos {
                unit: at.section + 1,
                block: at.block,
            },
            at.range.clone(),
        )),
    }
}

impl Placed {
    /// Re-attaches every annotation of `set` against the briefing as it is now. Those
    /// found elsewhere get a fresh anchor and the "moved" mark (saved, so it survives
    /// until the user confirms); orphans keep their anchor untouched. Returns how many
    /// moved and how many are orphans.
    pub fn attach(
        &mut self,
        set: &mut AnnotationSet,
        doc: Arc<DocText>,
        briefing: &Briefing,
    ) -> (usize, usize) {
        let mut moved = 0;
        let mut orphans = 0;
        let items: Vec<(String, Anchor, bool)> = set
            .annotations()
            .map(|a| {
                let flagged = match a {
                    AnnotationRef::Note(n) => n.moved,
                    AnnotationRef::Bookmark(b) => b.moved,
                };
                (a.id().to_string(), a.anchor().clone(), flagged)
            })
            .collect();
        self.placed.clear();
        for (id, anchor, flagged) in items {
            let p = match resolve(&anchor, &doc) {
                Resolution::Attached(at) => {
                    if anchor.version != briefing.version {
                        // Refresh the context and version quietly: same place, same text.
                        let fresh = reanchor(&anchor, &doc, &at, &briefing.version);
                        if fresh != anchor {
                            set.set_anchor(&id, fresh, flagged);
                        }
                    }
                    if flagged {
                        moved += 1;
                    }
                    placement(
                        if flagged {
                            Status::Moved
                        } else {
                            Status::Attached
                        },
                        &at,
                    )
                }
                Resolution::Moved(at) => {
                    moved += 1;
                    let fresh = reanchor(&anchor, &doc, &at, &briefing.version);
                    set.set_anchor(&id, fresh, true);
                    placement(Status::Moved, &at)
                }
                Resolution::Orphan => {
                    orphans += 1;
                    Placement {
                        status: Status::Orphan,
                        at: None,
                    }
                }
            };
            self.placed.insert(id, p);
        }
        self.doc = Some(doc);
        self.refresh_marks(set);
        (moved, orphans)
    }

    /// Places one annotation (after it was added or restored).
    pub fn place(&mut self, set: &AnnotationSet, id: &str) {
        let Some(doc) = self.doc.clone() else { return };
        let Some(anchor) = set
            .annotations()
            .find(|a| a.id() == id)
            .map(|a| a.anchor().clone())
        else {
            return;
        };
        let p = match resolve(&anchor, &doc) {
            Resolution::Attached(at) => placement(Status::Attached, &at),
            Resolution::Moved(at) => placement(Status::Moved, &at),
            Resolution::Orphan => Placement {
                status: Status::Orphan,
                at: None,
            },
        };
        self.placed.insert(id.to_string(), p);
    }

    /// Recomputes the marks per paragraph from the placements.
    pub fn refresh_marks(&mut self, set: &AnnotationSet) {
        self.marks.clear();
        self.passages.clear();
        for a in set.annotations() {
            let Some(Placement {
                status,
                at: Some((pos, range)),
            }) = self.placed.get(a.id())
            else {
                continue;
            };
            let marks = self.marks.entry(*pos).or_default();
            let note = matches!(a, AnnotationRef::Note(_));
            if note {
                marks.notes += 1;
            } else {
                marks.bookmarks += 1;
            }
            let moved = *status == Status::Moved;
            marks.moved |= moved;
            self.passages.entry(*pos).or_default().push(Passage {
                range: range.clone(),
                note,
                moved,
            });
        }
        for passages in self.passages.values_mut() {
            passages.sort_by_key(|p| (p.range.start, p.range.end));
        }
    }

    /// Notes and bookmarks per unit, for the outline.
    pub fn counts(&self, unit: usize) -> (usize, usize) {
        let from = BlockPos { unit, block: 0 };
        let to = BlockPos {
            unit: unit + 1,
            block: 0,
        };
        self.marks
            .range(from..to)
            .fold((0, 0), |(n, b), (_, m)| (n + m.notes, b + m.bookmarks))
    }

    /// An anchor for a passage of a paragraph (`None` outside sections, or before the
    /// text is prepared).
    pub fn anchor_for(
        &self,
        briefing: &Briefing,
        pos: BlockPos,
        range: Option<Range<usize>>,
    ) -> Option<Anchor> {
        let doc = self.doc.as_ref()?;
        let section = pos.unit.checked_sub(1)?;
        let text = doc.sections.get(section)?.blocks.get(pos.block)?;
        let range = range.unwrap_or(0..text.len());
        Some(make_anchor(
            &briefing.id,
            &briefing.version,
            doc,
            section,
            pos.block,
            range,
        ))
    }

    /// The annotations on a paragraph: (id, is a note), notes first.
    pub fn at(&self, set: &AnnotationSet, pos: BlockPos) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = set
            .annotations()
            .filter(|a| matches!(self.placed.get(a.id()), Some(Placement { at: Some((p, _)), .. }) if *p == pos))
            .map(|a| (a.id().to_string(), matches!(a, AnnotationRef::Note(_))))
            .collect();
        out.sort_by_key(|(_, note)| !note);
        out
    }

    /// The status of an annotation (attached when it has not been placed yet).
    pub fn status(&self, id: &str) -> Status {
        self.placed.get(id).map_or(Status::Attached, |p| p.status)
    }
}

#[cfg(test)]
mod tests;
