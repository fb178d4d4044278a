//! The fixture the STIX and W3C export tests share: a fictional briefing under TLP with
//! notes of every kind (tags, a stated confidence, a conflict copy, a moved note, an
//! orphan, bookmarks, hostile characters, a trashed note), and the bundled French
//! briefing with a note and a bookmark.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use brief::domain::anchor::make_anchor;
use brief::domain::annotation::{Bookmark, Note, Status};
use brief::domain::briefing::Briefing;
use brief::domain::export::{ExportFormat, ExportItem, ExportOptions, render};
use brief::domain::library::Library;
use brief::domain::load::{LoadOptions, load_file};
use brief::domain::placing::doc_text;
use brief::domain::store::AnnotationSet;
use jiff::Timestamp;
use serde_json::Value;

pub const FR: &str = "kim-putin-vladivostok-fr";
pub const AMBER_STRICT: &str = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";

pub fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

pub fn tlp_briefing() -> Arc<Briefing> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop/tlp-port-visit.toml");
    Arc::new(
        load_file(&path, LoadOptions::default())
            .expect("the fixture loads")
            .briefing,
    )
}

pub fn french() -> Arc<Briefing> {
    Library::bundled().get(FR).expect("bundled").clone()
}

/// A note on a passage of `b` (section index, block, byte range), with fixed times.
pub fn note_on(
    b: &Briefing,
    id: &str,
    (section, block, from, to): (usize, usize, usize, usize),
    body: &str,
) -> Note {
    let doc = doc_text(b);
    let text = &doc.sections[section].blocks[block];
    let end = if to == usize::MAX { text.len() } else { to };
    Note {
        id: id.into(),
        anchor: make_anchor(&b.id, &b.version, &doc, section, block, from..end),
        body: body.into(),
        created: at("2031-05-03T08:30:00Z"),
        updated: at("2031-05-04T09:15:30.123456789Z"),
        conflict_of: None,
        moved: false,
    }
}

/// The annotations of the TLP fixture: tags, several lines, a stated confidence, a
/// conflict copy, a moved note, an orphan, bookmarks with and without label, a note
/// with characters a terminal would act on, and a trashed note.
pub fn tlp_set(b: &Briefing) -> AnnotationSet {
    let mut set = AnnotationSet::new(&b.id);
    let f = &mut set.file;
    f.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000001",
        (0, 0, 0, usize::MAX),
        "Harbour notice only. #Sources #port-visit\nCheck with a second source.",
    ));
    f.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000002",
        (1, 0, 4, 35),
        "We hold this with low confidence: one notice, one interview. #assessment",
    ));
    let mut conflict = note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000003",
        (1, 0, 4, 35),
        "Edited elsewhere: low confidence.",
    );
    conflict.conflict_of = Some("0191c0a0-0000-7000-8000-000000000002".into());
    f.notes.push(conflict);
    let mut moved = note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000004",
        (0, 1, 0, 6),
        "Crew size unknown.",
    );
    moved.moved = true;
    f.notes.push(moved);
    let mut orphan = note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000005",
        (0, 2, 0, 10),
        "A passage that is gone.",
    );
    orphan.anchor.quote = "a sentence no longer in the briefing".into();
    f.notes.push(orphan);
    f.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000006",
        (0, 2, 0, 10),
        "Hostile: \u{1b}]0;owned\u{7} \u{202e}reversed\u{202c} and a\ttab. #odd",
    ));
    let doc = doc_text(b);
    f.bookmarks.push(Bookmark {
        id: "0191c0a0-0000-7000-8000-0000000000b1".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 1, 0, 4..13),
        label: Some("Read before the meeting".into()),
        created: at("2031-05-03T10:00:00Z"),
        updated: at("2031-05-03T10:00:00Z"),
        moved: false,
    });
    f.bookmarks.push(Bookmark {
        id: "0191c0a0-0000-7000-8000-0000000000b2".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 0, 2, 0..10),
        label: None,
        created: at("2031-05-03T10:05:00.5Z"),
        updated: at("2031-05-03T10:05:00.5Z"),
        moved: false,
    });
    set.delete("0191c0a0-0000-7000-8000-000000000005");
    set.file.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000007",
        (0, 2, 0, 10),
        "Kept, unlike the one in the trash.",
    ));
    set.file.notes.last_mut().expect("note").anchor.quote =
        "a sentence no longer in the briefing".into();
    set
}

/// Two notes on the bundled French briefing (no date, no TLP).
pub fn french_set(b: &Briefing) -> AnnotationSet {
    let mut set = AnnotationSet::new(&b.id);
    set.file.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-0000000000f1",
        (0, 0, 0, usize::MAX),
        "À recouper : le #NYT est la seule origine.",
    ));
    set.file.bookmarks.push(Bookmark {
        id: "0191c0a0-0000-7000-8000-0000000000f2".into(),
        anchor: make_anchor(&b.id, &b.version, &doc_text(b), 1, 0, 0..12),
        label: None,
        created: at("2024-09-06T07:50:00Z"),
        updated: at("2024-09-06T07:50:00Z"),
        moved: false,
    });
    set
}

pub struct Fixture {
    pub briefings: Vec<Arc<Briefing>>,
    pub sets: Vec<AnnotationSet>,
    pub status: HashMap<String, Status>,
}

impl Fixture {
    pub fn new() -> Self {
        let (tlp, fr) = (tlp_briefing(), french());
        let sets = vec![tlp_set(&tlp), french_set(&fr)];
        Fixture {
            briefings: vec![tlp, fr],
            sets,
            status: HashMap::new(),
        }
    }

    pub fn render(&self, format: ExportFormat, exported_at: &str) -> String {
        let items: Vec<ExportItem<'_>> = self
            .briefings
            .iter()
            .zip(&self.sets)
            .map(|(b, set)| ExportItem {
                briefing: b,
                set,
                status: &self.status,
                in_library: true,
            })
            .collect();
        render(&items, format, &ExportOptions::new(at(exported_at)))
    }
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the export is JSON")
}

pub fn objects<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["type"] == kind)
        .collect()
}

/// The example of `docs/export-stix.md` and `docs/export-w3c.md`: the TLP fixture with
/// one note stating low confidence and one labelled bookmark.
pub fn doc_example(format: ExportFormat) -> String {
    let b = tlp_briefing();
    let doc = doc_text(&b);
    let mut set = AnnotationSet::new(&b.id);
    set.file.notes.push(Note {
        id: "0193a1c2-7b10-7c3e-9d4f-2a6b8c0d1e2f".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 1, 0, 4..35),
        body: "One notice and one interview: low confidence. #assessment\nAsk the harbour office for the schedule.".into(),
        created: at("2031-05-03T08:30:00Z"),
        updated: at("2031-05-04T09:15:30.250Z"),
        conflict_of: None,
        moved: false,
    });
    let last = doc.sections[0].blocks[3].len();
    set.file.bookmarks.push(Bookmark {
        id: "0193a1c2-7b10-7c3e-9d4f-2a6b8c0d1e30".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 0, 3, 0..last),
        label: Some("Departure date".into()),
        created: at("2031-05-03T10:00:00Z"),
        updated: at("2031-05-03T10:00:00Z"),
        moved: false,
    });
    let status = HashMap::new();
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    render(
        &[item],
        format,
        &ExportOptions::new(at("2031-06-01T12:00:00Z")),
    )
}
