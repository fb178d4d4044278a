//! Writing the JSON export (schema [`JSON_SCHEMA`]): the typed structures, in the order
//! of `docs/export-json.md`, with the banner (highest marking and TLP of what the file
//! holds) as its first and last key and each note's own marking. Must not depend on
//! terminal crates.

use jiff::Timestamp;
use serde::Serialize;

use crate::domain::annotation::{Anchor, Annotation, Bookmark, Note, Status, tags_of};
use crate::domain::briefing::Briefing;
use crate::domain::export::marks::{ItemMarks, List, Marks, Scope};
use crate::domain::export::{
    ExportFormat, ExportItem, ExportOptions, GENERATOR, JSON_SCHEMA, status_of,
};
use crate::domain::store::Trashed;
use crate::domain::text::json_safe;
use crate::domain::tradecraft::grade::{Credibility, Reliability};
use crate::domain::tradecraft::inherit::{Inherited, briefing_tlp};
use crate::domain::tradecraft::marking::Marking;
use crate::domain::tradecraft::tlp::Tlp;

#[derive(Serialize)]
struct DocOut<'a> {
    banner: Option<String>,
    schema: u32,
    generator: &'static str,
    exported_at: Timestamp,
    marking: Option<MarkingOut>,
    tlp: Option<&'static str>,
    filter: FilterOut,
    briefings: Vec<BriefingOut<'a>>,
    banner_end: Option<String>,
}

/// A marking, typed: `{"code": "S//NOFORN", "level": "S", "caveats": ["NOFORN"],
/// "banner": "SECRET//NOFORN"}`.
#[derive(Serialize)]
struct MarkingOut {
    code: String,
    level: &'static str,
    caveats: Vec<String>,
    banner: String,
}

impl MarkingOut {
    fn new(m: &Marking) -> Self {
        MarkingOut {
            code: m.code(),
            level: m.level.code(),
            caveats: m.caveats.clone(),
            banner: m.banner(),
        }
    }

    fn of(m: Option<&Marking>) -> Option<Self> {
        m.map(MarkingOut::new)
    }
}

#[derive(Serialize)]
struct FilterOut {
    tag: Option<String>,
    since: Option<Timestamp>,
}

#[derive(Serialize)]
struct BriefingOut<'a> {
    id: &'a str,
    title: &'a str,
    in_library: bool,
    version: &'a str,
    date: Option<String>,
    language: Option<&'a str>,
    classification: Option<&'a str>,
    tlp: Option<&'static str>,
    high_water_mark: Option<MarkingOut>,
    marking: Option<MarkingOut>,
    sources: Vec<SourceOut<'a>>,
    notes: Vec<NoteOut<'a>>,
    bookmarks: Vec<BookmarkOut<'a>>,
    trash: Vec<TrashedOut<'a>>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    name: &'a str,
    url: Option<&'a str>,
    accessed: Option<String>,
    id: Option<&'a str>,
    reliability: Option<Reliability>,
    credibility: Option<Credibility>,
    grade: Option<String>,
    grading: Option<&'a str>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    id: &'a str,
    anchor: &'a Anchor,
    section_title: Option<&'a str>,
    section_kind: Option<&'a str>,
    body: &'a str,
    tags: Vec<String>,
    created: Timestamp,
    updated: Timestamp,
    conflict_of: Option<&'a str>,
    moved: bool,
    marking: Option<MarkingOut>,
    tlp: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
}

#[derive(Serialize)]
struct BookmarkOut<'a> {
    id: &'a str,
    anchor: &'a Anchor,
    section_title: Option<&'a str>,
    section_kind: Option<&'a str>,
    label: Option<&'a str>,
    created: Timestamp,
    updated: Timestamp,
    moved: bool,
    marking: Option<MarkingOut>,
    tlp: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
}

#[derive(Serialize)]
struct TrashedOut<'a> {
    deleted: Timestamp,
    annotation: AnnotationOut<'a>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum AnnotationOut<'a> {
    Note(NoteOut<'a>),
    Bookmark(BookmarkOut<'a>),
}

/// The title and kind of the section an anchor names, when the briefing has it.
fn section_of<'a>(b: &'a Briefing, anchor: &Anchor) -> (Option<&'a str>, Option<&'a str>) {
    match b.section(&anchor.section) {
        Some(s) => (Some(&s.title), s.kind.as_ref().map(|k| k.as_str())),
        None => (None, None),
    }
}

/// The typed marking and TLP an annotation inherits.
fn inherited(i: Option<&Inherited>) -> (Option<MarkingOut>, Option<&'static str>) {
    (
        i.and_then(|i| MarkingOut::of(i.marking.as_ref())),
        i.and_then(|i| i.tlp).map(Tlp::name),
    )
}

fn note_out<'a>(
    b: &'a Briefing,
    n: &'a Note,
    status: Option<Status>,
    marks: Option<&Inherited>,
) -> NoteOut<'a> {
    let (section_title, section_kind) = section_of(b, &n.anchor);
    let (marking, tlp) = inherited(marks);
    NoteOut {
        id: &n.id,
        anchor: &n.anchor,
        section_title,
        section_kind,
        body: &n.body,
        tags: tags_of(&n.body),
        created: n.created,
        updated: n.updated,
        conflict_of: n.conflict_of.as_deref(),
        moved: n.moved,
        marking,
        tlp,
        status,
    }
}

fn bookmark_out<'a>(
    briefing: &'a Briefing,
    b: &'a Bookmark,
    status: Option<Status>,
    marks: Option<&Inherited>,
) -> BookmarkOut<'a> {
    let (section_title, section_kind) = section_of(briefing, &b.anchor);
    let (marking, tlp) = inherited(marks);
    BookmarkOut {
        id: &b.id,
        anchor: &b.anchor,
        section_title,
        section_kind,
        label: b.label.as_deref(),
        created: b.created,
        updated: b.updated,
        moved: b.moved,
        marking,
        tlp,
        status,
    }
}

fn briefing_out<'a>(
    item: &ExportItem<'a>,
    marks: &ItemMarks<'_>,
    options: &ExportOptions,
) -> BriefingOut<'a> {
    let (b, file) = (item.briefing, &item.set.file);
    let mut notes: Vec<&Note> = file
        .notes
        .iter()
        .filter(|n| options.keeps_note(n))
        .collect();
    notes.sort_by(|x, y| x.id.cmp(&y.id));
    let mut bookmarks: Vec<&Bookmark> = file
        .bookmarks
        .iter()
        .filter(|m| options.keeps_bookmark(m))
        .collect();
    bookmarks.sort_by(|x, y| x.id.cmp(&y.id));
    let mut trash: Vec<&Trashed> = file
        .trash
        .iter()
        .filter(|t| match &t.annotation {
            Annotation::Note(n) => options.keeps_note(n),
            Annotation::Bookmark(m) => options.keeps_bookmark(m),
        })
        .collect();
    trash.sort_by(|x, y| (x.deleted, x.annotation.id()).cmp(&(y.deleted, y.annotation.id())));
    BriefingOut {
        id: &b.id,
        title: &b.title,
        in_library: item.in_library,
        version: &b.version,
        date: b.date.map(|d| d.to_iso()),
        language: b.language.as_deref(),
        classification: b.classification.as_deref(),
        tlp: briefing_tlp(b).map(Tlp::name),
        high_water_mark: MarkingOut::of(b.high_water_mark().as_ref()),
        marking: MarkingOut::of(marks.total.marking.as_ref()),
        sources: b
            .sources
            .iter()
            .map(|s| {
                let grade = s.grade();
                SourceOut {
                    name: &s.name,
                    url: s.url.as_deref(),
                    accessed: s.accessed.map(|d| d.to_iso()),
                    id: s.id.as_deref(),
                    reliability: s.reliability,
                    credibility: s.credibility,
                    grade: (!grade.is_empty()).then(|| grade.label()),
                    grading: s.grading.as_deref(),
                }
            })
            .collect(),
        notes: notes
            .into_iter()
            .map(|n| {
                let status = Some(status_of(item.status, &n.id, n.moved));
                note_out(b, n, status, marks.of(List::Note, &n.id))
            })
            .collect(),
        bookmarks: bookmarks
            .into_iter()
            .map(|m| {
                let status = Some(status_of(item.status, &m.id, m.moved));
                bookmark_out(b, m, status, marks.of(List::Bookmark, &m.id))
            })
            .collect(),
        trash: trash
            .into_iter()
            .map(|t| TrashedOut {
                deleted: t.deleted,
                annotation: match &t.annotation {
                    Annotation::Note(n) => AnnotationOut::Note(note_out(
                        b,
                        n,
                        None,
                        marks.of(List::TrashedNote, &n.id),
                    )),
                    Annotation::Bookmark(m) => AnnotationOut::Bookmark(bookmark_out(
                        b,
                        m,
                        None,
                        marks.of(List::TrashedBookmark, &m.id),
                    )),
                },
            })
            .collect(),
    }
}

/// The JSON document for `items`, pretty-printed, safe to print on a terminal, ending
/// with a line break.
pub(in crate::domain::export) fn render(
    items: &[ExportItem<'_>],
    options: &ExportOptions,
) -> String {
    let marks = Marks::new(items, options, Scope::of(ExportFormat::Json));
    let banner = marks.banner();
    let doc = DocOut {
        banner: banner.clone(),
        schema: JSON_SCHEMA,
        generator: GENERATOR,
        exported_at: options.exported_at,
        marking: MarkingOut::of(marks.total.marking.as_ref()),
        tlp: marks.total.tlp.map(Tlp::name),
        filter: FilterOut {
            tag: options.tag_key(),
            since: options.since,
        },
        briefings: items
            .iter()
            .zip(&marks.items)
            .map(|(i, m)| briefing_out(i, m, options))
            .collect(),
        banner_end: banner,
    };
    // Serialising these plain structures cannot fail (string keys, no maps of other keys).
    let text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "null".to_owned());
    let mut text = json_safe(&text).into_owned();
    text.push('\n');
    text
}
