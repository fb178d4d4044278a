//! The open briefing's bookmarks and notes as the reader sees them: where each one is
//! attached now (after re-anchoring against the current text), the marks per
//! paragraph, the counts per section, and the operations the keys call. Saving is
//! `persist`'s job; this only changes the in-memory set.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use super::reader::BlockPos;
use crate::domain::anchor::{DocText, Location, Resolution, make_anchor, reanchor, resolve};
use crate::domain::annotation::{Anchor, Status};
use crate::domain::briefing::Briefing;
use crate::domain::store::{AnnotationRef, AnnotationSet};

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

/// The open briefing's annotations.
#[derive(Debug, Clone)]
pub struct Annotations {
    /// The set as stored, plus unsaved changes.
    pub set: AnnotationSet,
    /// Annotation id → where it is now.
    pub placed: HashMap<String, Placement>,
    /// Marks per paragraph.
    pub marks: BTreeMap<BlockPos, Marks>,
    /// The briefing's rendered text, once prepared (anchoring needs it).
    pub doc: Option<Arc<DocText>>,
}

impl Annotations {
    /// Wraps a loaded set; placements wait for the rendered text.
    pub fn new(set: AnnotationSet) -> Annotations {
        Annotations {
            set,
            placed: HashMap::new(),
            marks: BTreeMap::new(),
            doc: None,
        }
    }

    /// Re-attaches every annotation against the briefing as it is now. Those found
    /// elsewhere get a fresh anchor and the "moved" mark (saved, so it survives until
    /// the user confirms); orphans keep their anchor untouched. Returns how many moved
    /// and how many are orphans.
    pub fn attach(&mut self, doc: Arc<DocText>, briefing: &Briefing) -> (usize, usize) {
        let mut moved = 0;
        let mut orphans = 0;
        let items: Vec<(String, Anchor, bool)> = self
            .set
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
            let placement = match resolve(&anchor, &doc) {
                Resolution::Attached(at) => {
                    if anchor.version != briefing.version {
                        // Refresh the context and version quietly: same place, same text.
                        let fresh = reanchor(&anchor, &doc, &at, &briefing.version);
                        if fresh != anchor {
                            self.set.set_anchor(&id, fresh, flagged);
                        }
                    }
                    let status = if flagged {
                        Status::Moved
                    } else {
                        Status::Attached
                    };
                    if flagged {
                        moved += 1;
                    }
                    placement(status, &at)
                }
                Resolution::Moved(at) => {
                    moved += 1;
                    let fresh = reanchor(&anchor, &doc, &at, &briefing.version);
                    self.set.set_anchor(&id, fresh, true);
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
            self.placed.insert(id, placement);
        }
        self.doc = Some(doc);
        self.refresh_marks();
        (moved, orphans)
    }

    /// Recomputes the marks per paragraph from the placements.
    pub fn refresh_marks(&mut self) {
        self.marks.clear();
        for a in self.set.annotations() {
            let Some(Placement {
                status,
                at: Some((pos, _)),
            }) = self.placed.get(a.id())
            else {
                continue;
            };
            let marks = self.marks.entry(*pos).or_default();
            match a {
                AnnotationRef::Note(_) => marks.notes += 1,
                AnnotationRef::Bookmark(_) => marks.bookmarks += 1,
            }
            marks.moved |= *status == Status::Moved;
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
    pub fn at(&self, pos: BlockPos) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = self
            .set
            .annotations()
            .filter(|a| matches!(self.placed.get(a.id()), Some(Placement { at: Some((p, _)), .. }) if *p == pos))
            .map(|a| (a.id().to_string(), matches!(a, AnnotationRef::Note(_))))
            .collect();
        out.sort_by_key(|(_, note)| !note);
        out
    }

    /// Adds a note and places it.
    pub fn add_note(&mut self, anchor: Anchor, body: &str, at: (BlockPos, Range<usize>)) -> String {
        let id = self.set.add_note(anchor, body);
        self.placed.insert(
            id.clone(),
            Placement {
                status: Status::Attached,
                at: Some(at),
            },
        );
        self.refresh_marks();
        id
    }

    /// Adds a bookmark and places it.
    pub fn add_bookmark(&mut self, anchor: Anchor, at: (BlockPos, Range<usize>)) -> String {
        let id = self.set.add_bookmark(anchor, None);
        self.placed.insert(
            id.clone(),
            Placement {
                status: Status::Attached,
                at: Some(at),
            },
        );
        self.refresh_marks();
        id
    }

    /// Moves an annotation to the trash.
    pub fn delete(&mut self, id: &str) -> bool {
        let done = self.set.delete(id);
        self.refresh_marks();
        done
    }

    /// Brings an annotation back from the trash, placing it again.
    pub fn restore(&mut self, id: &str) -> bool {
        let done = self.set.restore(id);
        if done && let Some(doc) = self.doc.clone() {
            let anchor = self
                .set
                .annotations()
                .find(|a| a.id() == id)
                .map(|a| a.anchor().clone());
            if let Some(anchor) = anchor {
                let placement = match resolve(&anchor, &doc) {
                    Resolution::Attached(at) => placement(Status::Attached, &at),
                    Resolution::Moved(at) => placement(Status::Moved, &at),
                    Resolution::Orphan => Placement {
                        status: Status::Orphan,
                        at: None,
                    },
                };
                self.placed.insert(id.to_string(), placement);
            }
        }
        self.refresh_marks();
        done
    }

    /// Confirms a moved annotation at its new place.
    pub fn confirm_move(&mut self, id: &str) -> bool {
        let Some(anchor) = self
            .set
            .annotations()
            .find(|a| a.id() == id)
            .map(|a| a.anchor().clone())
        else {
            return false;
        };
        let done = self.set.set_anchor(id, anchor, false);
        if let Some(p) = self.placed.get_mut(id)
            && p.status == Status::Moved
        {
            p.status = Status::Attached;
        }
        self.refresh_marks();
        done
    }

    /// The status of an annotation (attached when it has not been placed yet).
    pub fn status(&self, id: &str) -> Status {
        self.placed.get(id).map_or(Status::Attached, |p| p.status)
    }

    /// Statuses of every annotation, for exports.
    pub fn statuses(&self) -> HashMap<String, Status> {
        self.placed
            .iter()
            .map(|(id, p)| (id.clone(), p.status))
            .collect()
    }
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
