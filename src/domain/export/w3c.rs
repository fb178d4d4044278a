//! The W3C Web Annotation export, documented in `docs/export-w3c.md`: one
//! `AnnotationCollection` (JSON-LD, `http://www.w3.org/ns/anno.jsonld`) with one
//! `Annotation` per note and bookmark, for annotation tools. Must not depend on terminal
//! crates.
//!
//! Each annotation targets its briefing (`urn:brief:briefing:<id>`) through a
//! `TextQuoteSelector` made from the anchor and, when the passage is where the note was
//! made in the briefing exported, a `TextPositionSelector` over the briefing's text (see
//! [`BriefingText`]). What the model has no property for (brief's ids, the anchor's
//! hints, the `moved` flag) is carried as `brief:` properties, declared in each
//! annotation's `@context` as the Web Annotation vocabulary recommends for extensions,
//! so that `brief import-notes` reads the notes back exactly (`read`).

use std::borrow::Cow;

use jiff::Timestamp;
use serde::Serialize;

use super::super::anchor::{DocText, Resolution, resolve};
use super::super::annotation::{Anchor, Bookmark, Note, tags_of};
use super::super::briefing::Briefing;
use super::super::placing::doc_text;
use super::super::text::json_safe;
use super::marks::{ItemMarks, List, Marks, Scope};
use super::stix::{annotation_name, picked, stable_uuid};
use super::{ExportItem, ExportOptions};
use crate::domain::tradecraft::inherit::Inherited;

mod read;

pub(super) use read::read_annotations;

/// The Web Annotation JSON-LD context.
pub(crate) const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The IRI every `brief:` property expands to (JSON-LD prefix `brief`).
pub(crate) const BRIEF_VOCAB: &str = "urn:brief:vocab:";

/// A briefing's IRI is this followed by its id (a slug, so nothing needs escaping).
pub(crate) const BRIEFING_IRI: &str = "urn:brief:briefing:";

// ---------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, BriefContext),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    /// The banner: the highest marking and strictest TLP of the annotations, first…
    #[serde(rename = "brief:banner", skip_serializing_if = "Option::is_none")]
    banner: Option<String>,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'a>>,
    /// … and last.
    #[serde(rename = "brief:bannerEnd", skip_serializing_if = "Option::is_none")]
    banner_end: Option<String>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "partOf")]
    part_of: String,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<AnnotationOut<'a>>,
}

/// The extension context: the `brief` prefix.
#[derive(Serialize)]
struct BriefContext {
    brief: &'static str,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, BriefContext),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: Timestamp,
    modified: Timestamp,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<TextualBody<'a>>,
    target: Target<'a>,
    #[serde(rename = "brief:id")]
    brief_id: &'a str,
    #[serde(rename = "brief:section")]
    section: &'a str,
    #[serde(rename = "brief:block")]
    block: usize,
    #[serde(rename = "brief:version")]
    version: &'a str,
    #[serde(rename = "brief:moved", skip_serializing_if = "std::ops::Not::not")]
    moved: bool,
    #[serde(rename = "brief:conflictOf", skip_serializing_if = "Option::is_none")]
    conflict_of: Option<&'a str>,
    #[serde(rename = "brief:marking", skip_serializing_if = "Option::is_none")]
    marking: Option<String>,
    #[serde(rename = "brief:tlp", skip_serializing_if = "Option::is_none")]
    tlp: Option<&'static str>,
}

#[derive(Serialize)]
struct TextualBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: Cow<'a, str>,
    format: &'static str,
    purpose: &'static str,
}

impl<'a> TextualBody<'a> {
    fn new(value: impl Into<Cow<'a, str>>, purpose: &'static str) -> Self {
        TextualBody {
            kind: "TextualBody",
            value: value.into(),
            format: "text/plain",
            purpose,
        }
    }
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: Source<'a>,
    selector: Vec<Selector<'a>>,
}

#[derive(Serialize)]
struct Source<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

// ---------------------------------------------------------------------------------------
// Building it
// ---------------------------------------------------------------------------------------

/// A briefing's text as positions count it: the rendered text of every block of every
/// section, in order, joined by line breaks (`\n`) — the text brief anchors notes on.
/// Positions are in Unicode code points, as the Web Annotation model asks.
struct BriefingText {
    doc: DocText,
    /// The position where each block starts, by section then block.
    starts: Vec<Vec<usize>>,
}

impl BriefingText {
    fn new(briefing: &Briefing) -> Self {
        let doc = doc_text(briefing);
        let mut at = 0;
        let starts = doc
            .sections
            .iter()
            .map(|s| {
                s.blocks
                    .iter()
                    .map(|b| {
                        let start = at;
                        at += b.chars().count() + 1;
                        start
                    })
                    .collect()
            })
            .collect();
        BriefingText { doc, starts }
    }

    /// The quote's start and end in the briefing's text, when the passage is exactly
    /// where it was made (not moved, not approximate, not orphaned): only then does a
    /// position select the same text as the quote.
    fn position(&self, anchor: &Anchor, moved: bool) -> Option<(usize, usize)> {
        if moved {
            return None;
        }
        let Resolution::Attached(at) = resolve(anchor, &self.doc) else {
            return None;
        };
        let block = self.doc.sections.get(at.section)?.blocks.get(at.block)?;
        let start = self.starts.get(at.section)?.get(at.block)?
            + block.get(..at.range.start)?.chars().count();
        Some((start, start + block.get(at.range)?.chars().count()))
    }
}

fn target<'a>(
    briefing: &'a Briefing,
    text: &BriefingText,
    anchor: &'a Anchor,
    moved: bool,
) -> Target<'a> {
    let mut selector = vec![Selector::TextQuoteSelector {
        exact: &anchor.quote,
        prefix: &anchor.prefix,
        suffix: &anchor.suffix,
    }];
    if let Some((start, end)) = text.position(anchor, moved) {
        selector.push(Selector::TextPositionSelector { start, end });
    }
    Target {
        kind: "SpecificResource",
        source: Source {
            id: format!("{BRIEFING_IRI}{}", briefing.id),
            kind: "Text",
            language: briefing.language.as_deref(),
        },
        selector,
    }
}

fn annotation_id(kind: &str, briefing: &str, id: &str) -> String {
    format!(
        "urn:uuid:{}",
        stable_uuid(&annotation_name(kind, briefing, id))
    )
}

/// The marking (`S//NOFORN`) and TLP (`AMBER+STRICT`) an annotation inherits.
fn marked(i: Option<&Inherited>) -> (Option<String>, Option<&'static str>) {
    (
        i.and_then(|i| i.marking.as_ref()).map(|m| m.code()),
        i.and_then(|i| i.tlp).map(|t| t.name()),
    )
}

fn note_annotation<'a>(
    b: &'a Briefing,
    text: &BriefingText,
    n: &'a Note,
    marks: &ItemMarks<'_>,
) -> AnnotationOut<'a> {
    let (marking, tlp) = marked(marks.of(List::Note, &n.id));
    let mut body = vec![TextualBody::new(n.body.as_str(), "commenting")];
    body.extend(
        tags_of(&n.body)
            .into_iter()
            .map(|t| TextualBody::new(t, "tagging")),
    );
    AnnotationOut {
        context: (ANNO_CONTEXT, BriefContext { brief: BRIEF_VOCAB }),
        id: annotation_id("note", &b.id, &n.id),
        kind: "Annotation",
        motivation: "commenting",
        created: n.created,
        modified: n.updated,
        body,
        target: target(b, text, &n.anchor, n.moved),
        brief_id: &n.id,
        section: &n.anchor.section,
        block: n.anchor.block,
        version: &n.anchor.version,
        moved: n.moved,
        conflict_of: n.conflict_of.as_deref(),
        marking,
        tlp,
    }
}

fn bookmark_annotation<'a>(
    b: &'a Briefing,
    text: &BriefingText,
    m: &'a Bookmark,
    marks: &ItemMarks<'_>,
) -> AnnotationOut<'a> {
    let (marking, tlp) = marked(marks.of(List::Bookmark, &m.id));
    AnnotationOut {
        context: (ANNO_CONTEXT, BriefContext { brief: BRIEF_VOCAB }),
        id: annotation_id("bookmark", &b.id, &m.id),
        kind: "Annotation",
        motivation: "bookmarking",
        created: m.created,
        modified: m.updated,
        body: m
            .label
            .as_deref()
            .map(|l| TextualBody::new(l, "describing"))
            .into_iter()
            .collect(),
        target: target(b, text, &m.anchor, m.moved),
        brief_id: &m.id,
        section: &m.anchor.section,
        block: m.anchor.block,
        version: &m.anchor.version,
        moved: m.moved,
        conflict_of: None,
        marking,
        tlp,
    }
}

/// The annotations of one briefing: notes by id, then bookmarks by id.
fn briefing_annotations<'a>(
    item: &ExportItem<'a>,
    options: &ExportOptions,
    marks: &ItemMarks<'_>,
) -> Vec<AnnotationOut<'a>> {
    let b = item.briefing;
    let (notes, bookmarks) = picked(item, options);
    if notes.is_empty() && bookmarks.is_empty() {
        return Vec::new();
    }
    let text = BriefingText::new(b);
    let mut out: Vec<AnnotationOut<'a>> = notes
        .into_iter()
        .map(|n| note_annotation(b, &text, n, marks))
        .collect();
    out.extend(
        bookmarks
            .into_iter()
            .map(|m| bookmark_annotation(b, &text, m, marks)),
    );
    out
}

/// The collection for `items`, pretty-printed, safe to print on a terminal, ending with
/// a line break. Briefings keep the order given; every annotation is in the one page,
/// embedded (a collection with none has no page, as the model asks).
pub(super) fn render(items: &[ExportItem<'_>], options: &ExportOptions) -> String {
    let marks = Marks::new(items, options, Scope::of(super::ExportFormat::W3c));
    let annotations: Vec<AnnotationOut<'_>> = items
        .iter()
        .zip(&marks.items)
        .flat_map(|(i, m)| briefing_annotations(i, options, m))
        .collect();
    let banner = marks.banner();
    let mut ids: Vec<&str> = items.iter().map(|i| i.briefing.id.as_str()).collect();
    ids.sort_unstable();
    let ids = ids.join(",");
    let id = format!("urn:uuid:{}", stable_uuid(&format!("w3c/collection/{ids}")));
    let label = match items {
        [one] => format!("Notes from brief on “{}”", one.briefing.title),
        _ => format!("Notes from brief on {} briefings", items.len()),
    };
    let total = annotations.len();
    let first = (total > 0).then(|| Page {
        id: format!("urn:uuid:{}", stable_uuid(&format!("w3c/page/{ids}"))),
        kind: "AnnotationPage",
        part_of: id.clone(),
        start_index: 0,
        items: annotations,
    });
    let collection = Collection {
        context: (ANNO_CONTEXT, BriefContext { brief: BRIEF_VOCAB }),
        id,
        kind: "AnnotationCollection",
        label,
        banner: banner.clone(),
        total,
        first,
        banner_end: banner,
    };
    // Serialising these plain structures cannot fail (string keys only).
    let text = serde_json::to_string_pretty(&collection).unwrap_or_else(|_| "null".to_owned());
    let mut text = json_safe(&text).into_owned();
    text.push('\n');
    text
}
