//! The markings an export carries: each note's and bookmark's own (inherited from the
//! passage it quotes, see [`crate::domain::tradecraft::inherit`]) and the highest
//! marking and strictest TLP of everything the export holds, written at its top and
//! bottom. Must not depend on terminal crates.

use std::collections::HashMap;

use super::{ExportFormat, ExportItem, ExportOptions};
use crate::domain::annotation::{Anchor, Annotation};
use crate::domain::text::sanitize_line;
use crate::domain::tradecraft::inherit::{Inherited, Markings, unranked_classification};
use crate::domain::tradecraft::marking::{Marking, roll_up};
use crate::domain::tradecraft::tlp::Tlp;

/// The highest marking and the strictest TLP of what an export holds: the banner
/// written at its top and bottom (and, in HTML, on every printed page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportMarking {
    /// The roll-up of the markings of every note and bookmark exported (and of the
    /// section titles and summaries shown with them; see `docs/export-json.md`).
    pub marking: Option<Marking>,
    /// The strictest TLP label of the briefings exported.
    pub tlp: Option<Tlp>,
    /// Declared classifications brief cannot rank (`DIFFUSION RESTREINTE`), as written
    /// (one line, sanitised), each once: they cannot be rolled up, so they are shown
    /// beside the roll-up rather than dropped.
    pub unranked: Vec<String>,
}

impl ExportMarking {
    /// The banner: the marking (`SECRET//NOFORN`) and the classifications brief cannot
    /// rank, joined by ` / `, then the TLP label, after ` · `:
    /// `SECRET//NOFORN · TLP:AMBER+STRICT`. `None` when there is none of them.
    pub fn banner(&self) -> Option<String> {
        let mut parts: Vec<String> = self.classification().into_iter().collect();
        if let Some(tlp) = self.tlp {
            parts.push(tlp.label());
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// The classification part of the banner: the marking (`SECRET//NOFORN`) and the
    /// classifications brief cannot rank, joined by ` / `; `None` when there is none.
    pub fn classification(&self) -> Option<String> {
        let mut classes: Vec<String> = self.marking.iter().map(Marking::banner).collect();
        classes.extend(self.unranked.iter().cloned());
        (!classes.is_empty()).then(|| classes.join(" / "))
    }

    /// Adds a marking to the roll-up.
    fn add_marking(&mut self, marking: Option<&Marking>) {
        if let Some(m) = marking {
            self.marking = roll_up(self.marking.iter().chain([m]));
        }
    }

    fn add_tlp(&mut self, tlp: Option<Tlp>) {
        self.tlp = self.tlp.max(tlp);
    }

    fn add_unranked(&mut self, text: Option<&str>) {
        if let Some(text) = text {
            let text = sanitize_line(text).trim().to_owned();
            if !text.is_empty() && !self.unranked.contains(&text) {
                self.unranked.push(text);
            }
        }
    }

    /// Rolls another export marking into this one.
    fn merge(&mut self, other: &ExportMarking) {
        self.add_marking(other.marking.as_ref());
        self.add_tlp(other.tlp);
        for u in &other.unranked {
            self.add_unranked(Some(u));
        }
    }
}

/// What an export shows besides the annotations themselves, which counts in its roll-up.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Scope {
    /// Deleted notes and bookmarks (the JSON export carries the trash).
    pub trash: bool,
    /// The title of the section each annotation was made on (Markdown, HTML, JSON): the
    /// section's own `marking` counts.
    pub section_titles: bool,
    /// The briefing's summary (a STIX report's description).
    pub summary: bool,
}

impl Scope {
    /// What `format` shows: Markdown and HTML the section titles; JSON the section
    /// titles and the trash; STIX the summary (a report's description); W3C the
    /// annotations alone.
    pub fn of(format: ExportFormat) -> Self {
        let none = Scope::default();
        match format {
            ExportFormat::Markdown | ExportFormat::Html => Scope {
                section_titles: true,
                ..none
            },
            ExportFormat::Json => Scope {
                trash: true,
                section_titles: true,
                ..none
            },
            ExportFormat::Stix => Scope {
                summary: true,
                ..none
            },
            ExportFormat::W3c => none,
        }
    }
}

/// The highest marking and strictest TLP of what exporting `items` in `format` would
/// hold: what its banner says (see [`ExportMarking::banner`]). The reader can show it
/// before exporting.
pub fn export_marking(
    items: &[ExportItem<'_>],
    format: ExportFormat,
    options: &ExportOptions,
) -> ExportMarking {
    Marks::new(items, options, Scope::of(format)).total
}

/// Which list an annotation comes from: ids are unique within one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum List {
    Note,
    Bookmark,
    TrashedNote,
    TrashedBookmark,
}

/// The markings of one briefing of an export.
pub(super) struct ItemMarks<'a> {
    /// By list (index: `List as usize`), then by id.
    by_id: [HashMap<&'a str, Inherited>; 4],
    /// The roll-up of what this briefing's part of the export holds.
    pub total: ExportMarking,
}

impl ItemMarks<'_> {
    /// The marking an exported annotation carries.
    pub fn of(&self, from: List, id: &str) -> Option<&Inherited> {
        self.by_id[from as usize].get(id)
    }

    /// The portion mark to write before an annotation: `(S)`.
    pub fn portion(&self, from: List, id: &str) -> Option<String> {
        self.of(from, id).and_then(Inherited::portion)
    }
}

/// The markings of a whole export: per briefing (in the order of the items), and the
/// roll-up of all of them.
pub(super) struct Marks<'a> {
    pub items: Vec<ItemMarks<'a>>,
    pub total: ExportMarking,
}

impl<'a> Marks<'a> {
    /// Works out the markings of every annotation of `items` that passes the filters
    /// (each briefing's markings once, each anchor found once), and their roll-up
    /// with what `scope` adds. Every briefing given counts for the TLP and the
    /// classifications that cannot be ranked.
    pub fn new(items: &[ExportItem<'a>], options: &ExportOptions, scope: Scope) -> Self {
        let mut total = ExportMarking::default();
        let items: Vec<ItemMarks<'a>> = items
            .iter()
            .map(|item| {
                let marks = item_marks(item, options, scope);
                total.merge(&marks.total);
                marks
            })
            .collect();
        Marks { items, total }
    }

    /// The banner of the whole export.
    pub fn banner(&self) -> Option<String> {
        self.total.banner()
    }
}

fn item_marks<'a>(item: &ExportItem<'a>, options: &ExportOptions, scope: Scope) -> ItemMarks<'a> {
    let b = item.briefing;
    let markings = Markings::new(b);
    let file = &item.set.file;
    let mut picked: Vec<(List, &'a str, &'a Anchor)> = Vec::new();
    for n in file.notes.iter().filter(|n| options.keeps_note(n)) {
        picked.push((List::Note, &n.id, &n.anchor));
    }
    for m in file.bookmarks.iter().filter(|m| options.keeps_bookmark(m)) {
        picked.push((List::Bookmark, &m.id, &m.anchor));
    }
    if scope.trash {
        for t in &file.trash {
            match &t.annotation {
                Annotation::Note(n) if options.keeps_note(n) => {
                    picked.push((List::TrashedNote, &n.id, &n.anchor));
                }
                Annotation::Bookmark(m) if options.keeps_bookmark(m) => {
                    picked.push((List::TrashedBookmark, &m.id, &m.anchor));
                }
                _ => {}
            }
        }
    }
    let mut total = ExportMarking::default();
    total.add_tlp(markings.tlp());
    total.add_unranked(unranked_classification(b));
    let mut by_id: [HashMap<&'a str, Inherited>; 4] = Default::default();
    for (from, id, anchor) in &picked {
        let inherited = markings.of(anchor);
        total.add_marking(inherited.marking.as_ref());
        if scope.section_titles
            && let Some(i) = b.section_index(&anchor.section)
        {
            total.add_marking(markings.section(i));
        }
        by_id[*from as usize].insert(*id, inherited);
    }
    if scope.summary && !picked.is_empty() {
        total.add_marking(markings.summary());
    }
    ItemMarks { by_id, total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tradecraft::marking::Marking;

    #[test]
    fn banners_join_the_marking_the_unranked_and_the_tlp() {
        let mut m = ExportMarking::default();
        assert_eq!(m.banner(), None);
        m.add_tlp(Some(Tlp::Amber));
        m.add_tlp(Some(Tlp::Green));
        assert_eq!(m.banner().as_deref(), Some("TLP:AMBER"));
        m.add_marking(Marking::parse("C").ok().as_ref());
        m.add_marking(Marking::parse("S//NOFORN").ok().as_ref());
        m.add_marking(Marking::parse("U//FOUO").ok().as_ref());
        m.add_unranked(Some("DIFFUSION\u{1b}[31m RESTREINTE"));
        m.add_unranked(Some("DIFFUSION\u{1b}[31m RESTREINTE"));
        assert_eq!(
            m.banner().as_deref(),
            Some("SECRET//NOFORN / DIFFUSION\u{241b}[31m RESTREINTE · TLP:AMBER")
        );
    }
}
