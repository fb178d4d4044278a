//! The STIX 2.1 export, documented in `docs/export-stix.md`: one bundle holding a
//! `report` per briefing and a `note` per note or bookmark, for threat intelligence
//! platforms (OpenCTI, MISP…). Also the deterministic ids the W3C export shares.
//! Must not depend on terminal crates.
//!
//! Ids are derived from brief's own ids ([`stable_uuid`]), so exporting again gives the
//! same ids and a platform updates what it holds rather than duplicating it. What STIX
//! has no property for (the anchor, brief's ids, a bookmark's label, the `moved` flag)
//! rides in brief's property extension ([`BRIEF_EXTENSION`]), from which `brief
//! import-notes` reads the notes back exactly (`read`). The JSON comes from the typed
//! structures below, and is made safe to print like the JSON export.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Serialize, Serializer};
use uuid::Uuid;

use super::super::annotation::{Anchor, Bookmark, Note, tags_of};
use super::super::briefing::Briefing;
use super::super::text::json_safe;
use super::{ExportItem, ExportOptions};

mod read;
mod scales;

pub(super) use read::read_bundle;
use scales::{
    TLP_2_0, TLP_CREATED, TLP_EXTENSION, Tlp, briefing_tlp, grade_words, stated_confidence,
};

use super::marks::{ItemMarks, List, Marks, Scope};
use crate::domain::text::sanitize_line;
use crate::domain::tradecraft::inherit::unranked_classification;
use crate::domain::tradecraft::marking::Marking as Classification;

/// The namespace of brief's deterministic ids. Fixed for ever: changing it would make
/// every platform see new objects.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x125a593a_a3a1_49e7_858f_1a87ed5bc57f);

/// The id of brief's property extension, which carries what STIX has no property for.
pub(crate) const BRIEF_EXTENSION: &str =
    "extension-definition--4e59d342-a9cc-47cc-b01b-6328d9dffedc";

/// The id of the `identity` that defines brief's extension (brief, the software).
const BRIEF_IDENTITY: &str = "identity--a3578768-c37c-43af-b756-f03f5d88a05f";

/// When brief's extension definition (and the identity defining it) were written; it
/// changes only with the extension's version.
const BRIEF_EXTENSION_CREATED: &str = "2026-11-29T00:00:00.000Z";

/// The version of brief's extension.
pub(crate) const BRIEF_EXTENSION_VERSION: &str = "1.0.0";

/// A deterministic UUID for `name`: computed as a UUIDv5 (SHA-1 of [`ID_NAMESPACE`] and
/// the name, RFC 9562 §5.5), then marked as version 4. STIX 2.1 asks domain and meta
/// objects for UUIDv4 ids, and the OASIS validator warns on any other version; the bits
/// stay the name's hash, so the id is as stable and as unlikely to collide as a UUIDv5.
pub(crate) fn stable_uuid(name: &str) -> Uuid {
    let v5 = Uuid::new_v5(&ID_NAMESPACE, name.as_bytes());
    uuid::Builder::from_bytes(v5.into_bytes())
        .with_version(uuid::Version::Random)
        .into_uuid()
}

/// The name an annotation's id is derived from: its kind, its briefing and its own id
/// (brief's ids are UUIDv7, but an imported one may be any text, unique per briefing).
pub(crate) fn annotation_name(kind: &str, briefing: &str, id: &str) -> String {
    format!("{kind}/{briefing}/{id}")
}

/// A timestamp as STIX 2.1 requires it for `created` and `modified`: UTC, `Z`, at
/// least milliseconds; finer digits are kept when the time has them, so that reading
/// it back gives the same time.
fn stix_time(t: &Timestamp) -> String {
    let nanos = t.subsec_nanosecond();
    if nanos % 1_000_000 == 0 {
        format!("{t:.3}")
    } else if nanos % 1_000 == 0 {
        format!("{t:.6}")
    } else {
        format!("{t:.9}")
    }
}

fn time<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&stix_time(t))
}

// ---------------------------------------------------------------------------------------
// The objects
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Bundle<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    objects: Vec<Object<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Object<'a> {
    Identity(Identity),
    ExtensionDefinition(ExtensionDefinition),
    MarkingDefinition(Marking),
    #[serde(rename = "marking-definition")]
    Statement(Statement),
    Report(Report<'a>),
    Note(NoteObject<'a>),
}

/// A statement marking: the classification of what an object holds, in words
/// (`SECRET//NOFORN`), as STIX 2.1 marks copyright and terms of use.
#[derive(Serialize)]
struct Statement {
    spec_version: &'static str,
    id: String,
    created_by_ref: &'static str,
    created: &'static str,
    name: String,
    definition_type: &'static str,
    definition: StatementText,
}

#[derive(Serialize)]
struct StatementText {
    statement: String,
}

#[derive(Serialize)]
struct Identity {
    spec_version: &'static str,
    id: &'static str,
    created: &'static str,
    modified: &'static str,
    name: &'static str,
    description: &'static str,
    identity_class: &'static str,
}

#[derive(Serialize)]
struct ExtensionDefinition {
    spec_version: &'static str,
    id: &'static str,
    created_by_ref: &'static str,
    created: &'static str,
    modified: &'static str,
    name: &'static str,
    description: &'static str,
    schema: &'static str,
    version: &'static str,
    extension_types: [&'static str; 1],
}

#[derive(Serialize)]
struct Marking {
    spec_version: &'static str,
    id: &'static str,
    created: &'static str,
    name: String,
    extensions: BTreeMap<&'static str, TlpExtension>,
}

#[derive(Serialize)]
struct TlpExtension {
    extension_type: &'static str,
    tlp_2_0: &'static str,
}

#[derive(Serialize)]
struct Report<'a> {
    spec_version: &'static str,
    id: String,
    #[serde(serialize_with = "time")]
    created: Timestamp,
    #[serde(serialize_with = "time")]
    modified: Timestamp,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(serialize_with = "time")]
    published: Timestamp,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    labels: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    object_refs: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_references: Vec<ExternalReference<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    object_marking_refs: Vec<String>,
    extensions: BTreeMap<&'static str, ReportExtension<'a>>,
}

#[derive(Serialize)]
struct ExternalReference<'a> {
    source_name: &'a str,
    description: String,
    /// The source's address. STIX asks a `url` to come with hashes of what it points
    /// to, which brief cannot give (it never fetches sources); an address is an
    /// identifier of the source, so it goes here (see `docs/export-stix.md`).
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<&'a str>,
}

/// brief's properties on a report.
#[derive(Serialize)]
struct ReportExtension<'a> {
    extension_type: &'static str,
    briefing: &'a str,
    version: &'a str,
    /// The briefing's date as written (`2023-09-10`, `2023-09`, `--09-10`).
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    classification: Option<&'a str>,
}

#[derive(Serialize)]
struct NoteObject<'a> {
    spec_version: &'static str,
    id: String,
    #[serde(serialize_with = "time")]
    created: Timestamp,
    #[serde(serialize_with = "time")]
    modified: Timestamp,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    content: &'a str,
    object_refs: [String; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    object_marking_refs: Vec<String>,
    extensions: BTreeMap<&'static str, AnnotationExtension<'a>>,
}

/// brief's properties on a note: everything `import-notes` needs to rebuild the
/// annotation exactly.
#[derive(Serialize)]
struct AnnotationExtension<'a> {
    extension_type: &'static str,
    brief_id: &'a str,
    annotation_type: &'static str,
    briefing: &'a str,
    anchor: &'a Anchor,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conflict_of: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    moved: bool,
}

const SPEC: &str = "2.1";
const PROPERTY_EXTENSION: &str = "property-extension";

fn identity() -> Object<'static> {
    Object::Identity(Identity {
        spec_version: SPEC,
        id: BRIEF_IDENTITY,
        created: BRIEF_EXTENSION_CREATED,
        modified: BRIEF_EXTENSION_CREATED,
        name: "brief",
        description: "brief, a terminal reader for structured analyst briefings: the software that defines the extension carrying brief's annotation data.",
        identity_class: "system",
    })
}

fn extension_definition() -> Object<'static> {
    Object::ExtensionDefinition(ExtensionDefinition {
        spec_version: SPEC,
        id: BRIEF_EXTENSION,
        created_by_ref: BRIEF_IDENTITY,
        created: BRIEF_EXTENSION_CREATED,
        modified: BRIEF_EXTENSION_CREATED,
        name: "brief annotations",
        description: "What brief knows of a briefing and of each note or bookmark on it that STIX has no property for, so that brief can read its notes back exactly.",
        schema: "On a report: briefing (brief's id of the briefing), version (the content hash of the briefing exported), date (the briefing's date as written: YYYY-MM-DD, YYYY-MM or --MM-DD), classification (its banner). On a note: brief_id (brief's id of the annotation), annotation_type (note or bookmark), briefing (the briefing's id), anchor (the passage: briefing, section, block, quote, prefix, suffix, version), label (a bookmark's label), conflict_of (the id of the note this one is a conflict copy of), moved (true while a moved anchor awaits confirmation). Documented in docs/export-stix.md of brief.",
        version: BRIEF_EXTENSION_VERSION,
        extension_types: [PROPERTY_EXTENSION],
    })
}

fn marking<'a>(tlp: &Tlp) -> Object<'a> {
    Object::MarkingDefinition(Marking {
        spec_version: SPEC,
        id: tlp.id,
        created: TLP_CREATED,
        name: tlp.name(),
        extensions: BTreeMap::from([(
            TLP_EXTENSION,
            TlpExtension {
                extension_type: PROPERTY_EXTENSION,
                tlp_2_0: tlp.value,
            },
        )]),
    })
}

/// When brief's statement markings were first written: fixed, since a marking
/// definition never changes and its id is derived from its text alone.
const STATEMENT_CREATED: &str = "2026-11-29T00:00:00.000Z";

/// The text of the statement marking an object carries: its marking in words
/// (`SECRET//NOFORN`), else the briefing's classification as written when brief cannot
/// rank it (`DIFFUSION RESTREINTE`); `None` when there is neither.
fn statement_text(marking: Option<&Classification>, unranked: Option<&str>) -> Option<String> {
    marking
        .map(Classification::banner)
        .or_else(|| unranked.map(|u| sanitize_line(u).trim().to_owned()))
        .filter(|t| !t.is_empty())
}

/// The id of the statement marking of a text: derived from the text, so that the same
/// classification has the same marking in every export.
fn statement_id(text: &str) -> String {
    format!(
        "marking-definition--{}",
        stable_uuid(&format!("marking/statement/{text}"))
    )
}

fn statement(text: &str) -> Object<'static> {
    Object::Statement(Statement {
        spec_version: SPEC,
        id: statement_id(text),
        created_by_ref: BRIEF_IDENTITY,
        created: STATEMENT_CREATED,
        name: text.to_owned(),
        definition_type: "statement",
        definition: StatementText {
            statement: text.to_owned(),
        },
    })
}

/// The markings an object refers to: its briefing's TLP, then its classification
/// statement.
fn marking_refs(tlp: Option<&'static Tlp>, statement: Option<&str>) -> Vec<String> {
    tlp.map(|t| t.id.to_owned())
        .into_iter()
        .chain(statement.map(statement_id))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Building the bundle
// ---------------------------------------------------------------------------------------

/// The first line of a text with something on it, trimmed.
fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty())
}

/// The report's `published`: the briefing's date at 00:00 UTC when it is a full date;
/// otherwise (a month, a day without a year, no date) `fallback`, since STIX requires
/// the property and a timestamp cannot say less than a day. The date as written is kept
/// in brief's extension.
fn published(briefing: &Briefing, fallback: Timestamp) -> Timestamp {
    briefing
        .date
        .and_then(|d| d.to_civil())
        .and_then(|d| d.to_zoned(TimeZone::UTC).ok())
        .map_or(fallback, |z| z.timestamp())
}

fn note_object<'a>(
    briefing: &'a Briefing,
    report: &str,
    note: &'a Note,
    markings: Vec<String>,
) -> Object<'a> {
    let name = annotation_name("note", &briefing.id, &note.id);
    Object::Note(NoteObject {
        spec_version: SPEC,
        id: format!("note--{}", stable_uuid(&name)),
        created: note.created,
        modified: note.updated.max(note.created),
        summary: first_line(&note.body),
        content: &note.body,
        object_refs: [report.to_owned()],
        labels: tags_of(&note.body),
        confidence: stated_confidence(&note.body, briefing.language.as_deref()).map(|c| c.stix()),
        object_marking_refs: markings,
        extensions: BTreeMap::from([(
            BRIEF_EXTENSION,
            AnnotationExtension {
                extension_type: PROPERTY_EXTENSION,
                brief_id: &note.id,
                annotation_type: "note",
                briefing: &briefing.id,
                anchor: &note.anchor,
                label: None,
                conflict_of: note.conflict_of.as_deref(),
                moved: note.moved,
            },
        )]),
    })
}

/// A bookmark as a STIX note: its content is the passage it marks, its abstract its
/// label (or `Bookmark`), and it carries the label `bookmark`.
fn bookmark_object<'a>(
    briefing: &'a Briefing,
    report: &str,
    mark: &'a Bookmark,
    markings: Vec<String>,
) -> Object<'a> {
    let name = annotation_name("bookmark", &briefing.id, &mark.id);
    Object::Note(NoteObject {
        spec_version: SPEC,
        id: format!("note--{}", stable_uuid(&name)),
        created: mark.created,
        modified: mark.updated.max(mark.created),
        summary: Some(
            mark.label
                .as_deref()
                .and_then(first_line)
                .unwrap_or("Bookmark"),
        ),
        content: &mark.anchor.quote,
        object_refs: [report.to_owned()],
        labels: vec!["bookmark".to_owned()],
        confidence: None,
        object_marking_refs: markings,
        extensions: BTreeMap::from([(
            BRIEF_EXTENSION,
            AnnotationExtension {
                extension_type: PROPERTY_EXTENSION,
                brief_id: &mark.id,
                annotation_type: "bookmark",
                briefing: &briefing.id,
                anchor: &mark.anchor,
                label: mark.label.as_deref(),
                conflict_of: None,
                moved: mark.moved,
            },
        )]),
    })
}

/// The notes and the bookmarks of an item that pass the filters, each sorted by id (a
/// stable order, whatever order the store holds them in).
pub(super) fn picked<'a>(
    item: &ExportItem<'a>,
    options: &ExportOptions,
) -> (Vec<&'a Note>, Vec<&'a Bookmark>) {
    let file = &item.set.file;
    let mut notes: Vec<&'a Note> = file
        .notes
        .iter()
        .filter(|n| options.keeps_note(n))
        .collect();
    notes.sort_by(|x, y| x.id.cmp(&y.id));
    let mut marks: Vec<&'a Bookmark> = file
        .bookmarks
        .iter()
        .filter(|m| options.keeps_bookmark(m))
        .collect();
    marks.sort_by(|x, y| x.id.cmp(&y.id));
    (notes, marks)
}

/// The report of one briefing followed by its notes (by id), then its bookmarks (by
/// id); nothing when no annotation passes the filters (a report must refer to
/// something).
fn briefing_objects<'a>(
    item: &ExportItem<'a>,
    options: &ExportOptions,
    tlp: Option<&'static Tlp>,
    marks: &ItemMarks<'_>,
    statements: &mut Vec<String>,
) -> Vec<Object<'a>> {
    let b = item.briefing;
    let (notes, bookmarks) = picked(item, options);
    let Some(created) = notes
        .iter()
        .map(|n| n.created)
        .chain(bookmarks.iter().map(|m| m.created))
        .min()
    else {
        return Vec::new();
    };
    let unranked = unranked_classification(b);
    let mut refs = |list: List, id: &str| {
        let marking = marks.of(list, id).and_then(|i| i.marking.as_ref());
        let text = statement_text(marking, unranked);
        if let Some(t) = &text
            && !statements.contains(t)
        {
            statements.push(t.clone());
        }
        marking_refs(tlp, text.as_deref())
    };
    let report = format!("report--{}", stable_uuid(&format!("report/{}", b.id)));
    let mut objects: Vec<Object<'a>> = Vec::with_capacity(1 + notes.len() + bookmarks.len());
    for n in &notes {
        let markings = refs(List::Note, &n.id);
        objects.push(note_object(b, &report, n, markings));
    }
    for m in &bookmarks {
        let markings = refs(List::Bookmark, &m.id);
        objects.push(bookmark_object(b, &report, m, markings));
    }
    // The report holds the summary and refers to every note: it carries their roll-up.
    let report_statement = statement_text(marks.total.marking.as_ref(), unranked);
    if let Some(t) = &report_statement
        && !statements.contains(t)
    {
        statements.push(t.clone());
    }
    let report_markings = marking_refs(tlp, report_statement.as_deref());
    let object_refs = objects
        .iter()
        .filter_map(|o| match o {
            Object::Note(n) => Some(n.id.clone()),
            _ => None,
        })
        .collect();
    let external_references = b
        .sources
        .iter()
        .map(|s| {
            let mut description = "Source of the briefing".to_owned();
            if let Some(grade) = grade_words(s) {
                description.push_str("; ");
                description.push_str(&grade);
            }
            if let Some(accessed) = s.accessed {
                description.push_str(&format!("; accessed {}", accessed.to_iso()));
            }
            ExternalReference {
                source_name: &s.name,
                description,
                external_id: s.url.as_deref(),
            }
        })
        .collect();
    let report_object = Object::Report(Report {
        spec_version: SPEC,
        id: report,
        created,
        // Each export is a new version of the report: its notes and text may have
        // changed, and platforms keep the version with the latest `modified`.
        modified: options.exported_at.max(created),
        name: &b.title,
        description: b.summary.as_deref(),
        published: published(b, created),
        labels: &b.tags,
        confidence: b
            .summary
            .as_deref()
            .and_then(|text| stated_confidence(text, b.language.as_deref()))
            .map(|c| c.stix()),
        lang: b.language.as_deref(),
        object_refs,
        external_references,
        object_marking_refs: report_markings,
        extensions: BTreeMap::from([(
            BRIEF_EXTENSION,
            ReportExtension {
                extension_type: PROPERTY_EXTENSION,
                briefing: &b.id,
                version: &b.version,
                date: b.date.map(|d| d.to_iso()),
                classification: b.classification.as_deref(),
            },
        )]),
    });
    objects.insert(0, report_object);
    objects
}

/// The STIX 2.1 bundle for `items`, pretty-printed, safe to print on a terminal, ending
/// with a line break. Briefings keep the order given; brief's identity and extension
/// definition, and the TLP 2.0 marking definitions used, come first.
pub(super) fn render(items: &[ExportItem<'_>], options: &ExportOptions) -> String {
    let marks = Marks::new(items, options, Scope::of(super::ExportFormat::Stix));
    let mut body: Vec<Object<'_>> = Vec::new();
    let mut used: Vec<&'static Tlp> = Vec::new();
    let mut statements: Vec<String> = Vec::new();
    for (item, m) in items.iter().zip(&marks.items) {
        let tlp = briefing_tlp(item.briefing);
        let objects = briefing_objects(item, options, tlp, m, &mut statements);
        if let Some(t) = tlp.filter(|_| !objects.is_empty()) {
            used.push(t);
        }
        body.extend(objects);
    }
    let mut objects: Vec<Object<'_>> = Vec::with_capacity(body.len() + 7 + statements.len());
    if !body.is_empty() {
        objects.push(identity());
        objects.push(extension_definition());
        objects.extend(
            TLP_2_0
                .iter()
                .filter(|t| used.iter().any(|u| u.id == t.id))
                .map(marking),
        );
        objects.extend(statements.iter().map(|t| statement(t)));
    }
    objects.extend(body);
    let mut ids: Vec<&str> = items.iter().map(|i| i.briefing.id.as_str()).collect();
    ids.sort_unstable();
    let bundle = Bundle {
        kind: "bundle",
        id: format!(
            "bundle--{}",
            stable_uuid(&format!("bundle/{}", ids.join(",")))
        ),
        objects,
    };
    // Serialising these plain structures cannot fail (string keys only).
    let text = serde_json::to_string_pretty(&bundle).unwrap_or_else(|_| "null".to_owned());
    let mut text = json_safe(&text).into_owned();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_are_version_4_and_depend_on_the_name_only() {
        let a = stable_uuid("note/b/1");
        assert_eq!(a, stable_uuid("note/b/1"));
        assert_ne!(a, stable_uuid("note/b/2"));
        assert_eq!(a.get_version_num(), 4);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
        // The UUIDv5 computation, with only the version field changed.
        let v5 = Uuid::new_v5(&ID_NAMESPACE, b"note/b/1");
        let (x, y) = (a.as_bytes(), v5.as_bytes());
        assert_eq!(x[..6], y[..6]);
        assert_eq!(x[6] & 0x0f, y[6] & 0x0f);
        assert_eq!(x[7..], y[7..]);
    }

    #[test]
    fn times_keep_their_digits_with_at_least_milliseconds() {
        let t = |s: &str| stix_time(&s.parse().expect("time"));
        assert_eq!(t("2024-09-05T08:30:00Z"), "2024-09-05T08:30:00.000Z");
        assert_eq!(t("2024-09-05T08:30:00.12Z"), "2024-09-05T08:30:00.120Z");
        assert_eq!(
            t("2024-09-05T08:30:00.1234Z"),
            "2024-09-05T08:30:00.123400Z"
        );
        assert_eq!(
            t("2024-09-05T08:30:00.123456789Z"),
            "2024-09-05T08:30:00.123456789Z"
        );
    }
}
