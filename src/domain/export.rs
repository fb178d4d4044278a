//! Exporting annotated notes: a briefing's notes and bookmarks as Markdown (to read or
//! paste anywhere), as JSON (a versioned schema that `brief import-notes` reads back, see
//! `docs/export-json.md`) or as one self-contained printable HTML page. Also the file
//! names and the safe writing of export files.
//! Must not depend on terminal crates.
//!
//! Every piece of text taken from a briefing or a note is passed through
//! [`sanitize`](super::text::sanitize) first (no control character ever reaches the
//! output), then escaped for the format: Markdown specials are backslash-escaped so a
//! quote can never turn into markup, HTML specials become entities, JSON goes through
//! [`json_safe`](super::text::json_safe).
//!
//! Times are shown and filtered in UTC, so that an export reads the same wherever it is
//! opened.
//!
//! Every export carries its markings: each note and bookmark the marking it inherits
//! from the passage it quotes (see [`crate::domain::tradecraft::inherit`]), and the
//! export the highest marking and strictest TLP of what it holds at its top and bottom
//! (`marks`). Briefings labelled TLP:RED or TLP:AMBER+STRICT are exported only with the
//! user's consent ([`ExportOptions::allow`], [`export_needs_consent`]).
//!
//! The code is split in private submodules: `markdown`, `html`, `json` (the schema,
//! reading it back and merging it into the store), `stix` and `w3c` (STIX 2.1 and W3C
//! Web Annotation, for analysts' platforms), `interop_import` (telling the formats
//! `import-notes` reads apart), `marks` (the markings of an export) and `consent`.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::annotation::{Bookmark, Note, Status, tags_of};
use super::atomic::{Existing, write_atomic};
use super::briefing::{Briefing, Section};
use super::fold::fold;
use super::i18n::{DocLabels, Lang, format_civil_date, format_timestamp_utc, grade_meaning, t};
use super::store::AnnotationSet;
use super::text::sanitize_line;
use super::tradecraft::tlp::Tlp;

mod collect;
mod consent;
mod html;
mod interop_import;
mod json;
mod markdown;
mod marks;
mod since;
mod stix;
mod target;
mod w3c;

pub use collect::{ExportText, export_text, last_known_title};
pub use consent::{Consent, Restricted, allow_word, export_needs_consent};
pub use marks::{ExportMarking, export_marking};
pub use since::{SINCE_FORMS, parse_since};
pub use target::{Target, TargetError, check_target, write_export_to};

pub use interop_import::{NotesFormat, ReadNotes, read_notes};
pub use json::{BriefingImport, ImportError, ImportSummary, import_notes, merge_into};

/// The version of the JSON export schema this brief writes and reads (see
/// `docs/export-json.md`).
pub const JSON_SCHEMA: u32 = 1;

/// What wrote an export: `brief <version>`.
pub const GENERATOR: &str = concat!("brief ", env!("CARGO_PKG_VERSION"));

/// The formats an export can take: one type for the config (`export_format`), the
/// command line (`--format`) and the renderers.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Deserialize,
    serde::Serialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// CommonMark, every quoted or written text escaped so it stays literal.
    #[default]
    Markdown,
    /// The versioned JSON schema that `brief import-notes` reads back.
    Json,
    /// One self-contained printable page: inline CSS, no script, no external request.
    Html,
    /// A STIX 2.1 bundle (a report per briefing, a note per note or bookmark) for threat
    /// intelligence platforms; `brief import-notes` reads it back.
    Stix,
    /// A W3C Web Annotation collection (JSON-LD) for annotation tools; `brief
    /// import-notes` reads it back.
    W3c,
}

impl ExportFormat {
    /// The file extension, without the dot: `md`, `json`, `html`, `stix.json`, `jsonld`.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Json => "json",
            ExportFormat::Html => "html",
            ExportFormat::Stix => "stix.json",
            ExportFormat::W3c => "jsonld",
        }
    }
}

/// One briefing to export, with its annotations.
#[derive(Debug, Clone, Copy)]
pub struct ExportItem<'a> {
    /// The briefing.
    pub briefing: &'a Briefing,
    /// Its annotations, as loaded from the store.
    pub set: &'a AnnotationSet,
    /// The status of each annotation (by id) from re-anchoring against the briefing as it
    /// is now. A missing id counts as [`Status::Attached`], unless the annotation's own
    /// `moved` flag is set, which counts as [`Status::Moved`].
    pub status: &'a HashMap<String, Status>,
    /// Whether the briefing is in the library. When it is not (its file was removed),
    /// `briefing` stands in for it with its id and last known title and no sections,
    /// and the export says so.
    pub in_library: bool,
}

/// What to export, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only the notes carrying this tag (with or without its `#`; case, accents and
    /// typography folded as search does: `a-verifier` finds `#à-vérifier`). Bookmarks
    /// carry no tags: they are exported only when there is no tag filter.
    pub tag: Option<String>,
    /// Only the annotations updated at or after this moment (see [`parse_since`]).
    pub since: Option<Timestamp>,
    /// The time written in the export as its own (fixed in tests).
    pub exported_at: Timestamp,
    /// The TLP labels the user consents to export (`--allow tlp:red`, a confirmation
    /// in the reader): a briefing labelled RED or AMBER+STRICT is exported only when
    /// its label is here (see [`export_needs_consent`]). Empty by default.
    pub allow: Vec<Tlp>,
    /// The interface's language: the words of a briefing whose own `language` brief
    /// does not speak (or that has none), and of the export's own headings when it holds
    /// no briefing. Each briefing's part is written in its own language (see
    /// [`Lang::for_document`]). English by default.
    pub lang: Lang,
}

impl ExportOptions {
    /// No filter, exported at `exported_at` (usually [`Timestamp::now`]).
    pub fn new(exported_at: Timestamp) -> Self {
        ExportOptions {
            tag: None,
            since: None,
            exported_at,
            allow: Vec::new(),
            lang: Lang::En,
        }
    }

    /// The tag filter as written in exports: one line, sanitised, without `#`,
    /// lowercase; `None` when empty.
    fn tag_key(&self) -> Option<String> {
        self.tag
            .as_deref()
            .map(|t| sanitize_line(t.trim().trim_start_matches('#')).to_lowercase())
            .filter(|t| !t.is_empty())
    }

    /// Whether the notes of `body` pass the tag filter.
    fn tag_matches(&self, body: &str) -> bool {
        match self.tag_key() {
            None => true,
            Some(tag) => has_tag(body, &tag),
        }
    }

    fn recent_enough(&self, updated: Timestamp) -> bool {
        self.since.is_none_or(|since| updated >= since)
    }

    /// Whether a note passes the filters.
    pub fn keeps_note(&self, note: &Note) -> bool {
        self.recent_enough(note.updated) && self.tag_matches(&note.body)
    }

    /// Whether a bookmark passes the filters (never under a tag filter).
    pub fn keeps_bookmark(&self, bookmark: &Bookmark) -> bool {
        self.tag_key().is_none() && self.recent_enough(bookmark.updated)
    }

    /// Whether any live note or bookmark of `set` passes the filters.
    pub fn keeps_any(&self, set: &AnnotationSet) -> bool {
        set.file.notes.iter().any(|n| self.keeps_note(n))
            || set.file.bookmarks.iter().any(|b| self.keeps_bookmark(b))
    }
}

/// Whether a note's body carries `tag` (with or without `#`), compared as search
/// compares text: case, accents and typography folded (`#a-verifier` finds
/// `#à-vérifier`). `brief notes --tag` and exports both use it.
pub fn has_tag(body: &str, tag: &str) -> bool {
    let wanted = fold(tag.trim().trim_start_matches('#')).text;
    !wanted.is_empty() && tags_of(body).iter().any(|t| fold(t).text == wanted)
}

/// Renders the annotations of `items` (in the order given) in `format`.
///
/// Markdown and HTML show, per briefing, a header (title, id, date, sources,
/// classification, export time), then the sections that have annotations in document
/// order, each with its notes (passage quoted, then the note, its tags and times) and
/// its bookmarks, then a "Needs review" part with the orphans. JSON carries everything
/// the store knows about each annotation, trash included (see `docs/export-json.md`).
/// STIX and W3C carry the live notes and bookmarks (`docs/export-stix.md`,
/// `docs/export-w3c.md`).
pub fn render(items: &[ExportItem<'_>], format: ExportFormat, options: &ExportOptions) -> String {
    match format {
        ExportFormat::Markdown => markdown::render(items, options),
        ExportFormat::Json => json::render(items, options),
        ExportFormat::Html => html::render(items, options),
        ExportFormat::Stix => stix::render(items, options),
        ExportFormat::W3c => w3c::render(items, options),
    }
}

/// A default file name: `brief-notes-<id or "all">-<YYYYMMDD-HHMMSS>.<md|json|html>`,
/// the time in UTC. The id is used when exactly one is given (characters other than
/// ASCII letters, digits, `-` and `_` become `-`); otherwise `all`.
pub fn file_name(ids: &[&str], format: ExportFormat, at: Timestamp) -> String {
    let what = match ids {
        [one] if !one.is_empty() => one
            .chars()
            .take(100)
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect(),
        _ => "all".to_owned(),
    };
    format!(
        "brief-notes-{what}-{}.{}",
        at.strftime("%Y%m%d-%H%M%S"),
        format.extension()
    )
}

/// The most numbered variants `write_export` tries before giving up.
const MAX_VARIANTS: u32 = 10_000;

/// Writes an export into `dir` as `name`, atomically, never replacing a file: when
/// `name` is taken, `-2`, `-3`… is added before its extension (`notes-2.md`). Returns the
/// path written. Its own errors are worded in English: see [`write_export_in`].
pub fn write_export(dir: &Path, name: &str, content: &str) -> io::Result<PathBuf> {
    write_export_in(dir, name, content, Lang::En)
}

/// [`write_export`], its own errors worded in `lang` (the interface's).
///
/// Fails with `InvalidInput` when `name` is empty, `.` or `..`, or holds a path
/// separator; with `AlreadyExists` after 10,000 taken names; and with the
/// system's error when the folder cannot be written.
pub fn write_export_in(dir: &Path, name: &str, content: &str, lang: Lang) -> io::Result<PathBuf> {
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', '\0']) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            crate::tr!(lang, "export-bad-file-name", name = name),
        ));
    }
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    for n in 1..=MAX_VARIANTS {
        let candidate = if n == 1 {
            name.to_owned()
        } else {
            format!("{stem}-{n}{extension}")
        };
        let path = dir.join(candidate);
        match write_atomic(&path, content.as_bytes(), Existing::Keep) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        crate::tr!(
            lang,
            "export-too-many-variants",
            count = MAX_VARIANTS,
            name = name
        ),
    ))
}

// ---------------------------------------------------------------------------------------
// What the readable formats show: the annotations picked, grouped by section
// ---------------------------------------------------------------------------------------

/// A note or bookmark picked for a readable export, with its status.
#[derive(Debug, Clone, Copy)]
enum Picked<'a> {
    Note(&'a Note, Status),
    Bookmark(&'a Bookmark, Status),
}

/// One section of a readable export: the section and what is anchored in it.
#[derive(Debug)]
struct SectionPlan<'a> {
    section: &'a Section,
    notes: Vec<(&'a Note, Status)>,
    bookmarks: Vec<(&'a Bookmark, Status)>,
}

/// What a readable export shows of one briefing.
#[derive(Debug)]
struct Plan<'a> {
    briefing: &'a Briefing,
    /// The language its headings are written in: the briefing's own.
    lang: Lang,
    in_library: bool,
    /// The sections that have annotations, in document order.
    sections: Vec<SectionPlan<'a>>,
    /// Orphans, and annotations whose section is gone: "Needs review".
    review: Vec<Picked<'a>>,
    notes: usize,
    bookmarks: usize,
}

/// The status an annotation is shown with: the map's, else `Moved` if its `moved` flag
/// is set, else `Attached`.
fn status_of(map: &HashMap<String, Status>, id: &str, moved: bool) -> Status {
    match map.get(id) {
        Some(Status::Orphan) => Status::Orphan,
        Some(Status::Moved) => Status::Moved,
        _ if moved => Status::Moved,
        _ => Status::Attached,
    }
}

impl<'a> Plan<'a> {
    fn new(item: &ExportItem<'a>, options: &ExportOptions) -> Self {
        let briefing = item.briefing;
        let mut sections: Vec<SectionPlan<'a>> = briefing
            .sections
            .iter()
            .map(|section| SectionPlan {
                section,
                notes: Vec::new(),
                bookmarks: Vec::new(),
            })
            .collect();
        let mut review = Vec::new();
        let (mut notes, mut bookmarks) = (0, 0);
        for note in item.set.file.notes.iter().filter(|n| options.keeps_note(n)) {
            notes += 1;
            let status = status_of(item.status, &note.id, note.moved);
            match briefing.section_index(&note.anchor.section) {
                Some(i) if status != Status::Orphan => sections[i].notes.push((note, status)),
                _ => review.push(Picked::Note(note, status)),
            }
        }
        for mark in item.set.file.bookmarks.iter() {
            if !options.keeps_bookmark(mark) {
                continue;
            }
            bookmarks += 1;
            let status = status_of(item.status, &mark.id, mark.moved);
            match briefing.section_index(&mark.anchor.section) {
                Some(i) if status != Status::Orphan => sections[i].bookmarks.push((mark, status)),
                _ => review.push(Picked::Bookmark(mark, status)),
            }
        }
        for s in &mut sections {
            s.notes.sort_by(|(a, _), (b, _)| {
                (a.anchor.block, a.created, &a.id).cmp(&(b.anchor.block, b.created, &b.id))
            });
            s.bookmarks.sort_by(|(a, _), (b, _)| {
                (a.anchor.block, a.created, &a.id).cmp(&(b.anchor.block, b.created, &b.id))
            });
        }
        sections.retain(|s| !s.notes.is_empty() || !s.bookmarks.is_empty());
        let key = |p: &Picked<'_>| {
            let (anchor, created, id, kind) = match p {
                Picked::Note(n, _) => (&n.anchor, n.created, &n.id, 0),
                Picked::Bookmark(b, _) => (&b.anchor, b.created, &b.id, 1),
            };
            let at = briefing
                .section_index(&anchor.section)
                .unwrap_or(usize::MAX);
            (kind, at, anchor.block, created, id.clone())
        };
        review.sort_by_key(key);
        Plan {
            briefing,
            lang: Lang::for_document(briefing.language.as_deref(), options.lang),
            in_library: item.in_library,
            sections,
            review,
            notes,
            bookmarks,
        }
    }

    /// "3 notes, 1 bookmark", in the briefing's language.
    fn counts(&self) -> String {
        crate::tr!(
            self.lang,
            "export-counts",
            notes = self.notes,
            bookmarks = self.bookmarks
        )
    }

    /// The labels drawn as part of the briefing (kinds, "Sources", dates).
    fn labels(&self) -> DocLabels<'a> {
        DocLabels::new(self.lang, self.briefing.labels.as_ref())
    }

    /// What is said of a moved annotation.
    fn moved_words(&self) -> String {
        t(self.lang, "export-moved")
    }

    /// What is said of a briefing that is no longer in the library.
    fn not_in_library_words(&self) -> String {
        t(self.lang, "export-not-in-library")
    }
}

/// The language of an export's own title and headings (the page's `<title>`, the
/// heading of an empty export): the first briefing's, else the interface's. Each
/// briefing's part is written in its own language.
fn page_lang(items: &[ExportItem<'_>], options: &ExportOptions) -> Lang {
    items.first().map_or(options.lang, |item| {
        Lang::for_document(item.briefing.language.as_deref(), options.lang)
    })
}

/// A time as shown in readable exports, in UTC: `5 Sep 2024, 08:30 UTC` /
/// `5 sept. 2024 à 08:30 UTC`.
fn stamp(at: Timestamp, lang: Lang) -> String {
    format_timestamp_utc(at, lang)
}

/// The filters in words, for the header of readable exports: `notes tagged #munitions,
/// updated since 1 Sep 2024`; `None` without filters.
fn filter_words(options: &ExportOptions, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(tag) = options.tag_key() {
        parts.push(crate::tr!(lang, "export-filter-tag", tag = tag));
    }
    if let Some(since) = options.since {
        parts.push(crate::tr!(
            lang,
            "export-filter-since",
            date = since_words(since, lang)
        ));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A `since` moment in words: the day alone at midnight UTC (`1 Sep 2024`), else the
/// time (`1 Sep 2024, 08:30 UTC`).
fn since_words(since: Timestamp, lang: Lang) -> String {
    let at = since.to_zoned(TimeZone::UTC);
    if at.time() == jiff::civil::Time::midnight() {
        format_civil_date(at.date(), lang)
    } else {
        stamp(since, lang)
    }
}

/// A source's grade in words, for readable exports: `graded B2 (usually reliable;
/// probably true)`; `None` when it is not graded.
fn grade_words(source: &super::briefing::Source, lang: Lang) -> Option<String> {
    let grade = source.grade();
    (!grade.is_empty()).then(|| {
        let words = format!("{} ({})", grade.label(), grade_meaning(grade, lang));
        crate::tr!(lang, "doc-graded", grade = words)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let at: Timestamp = "2024-09-12T14:03:09Z".parse().expect("time");
        assert_eq!(
            file_name(&["kim-fr"], ExportFormat::Markdown, at),
            "brief-notes-kim-fr-20240912-140309.md"
        );
        assert_eq!(
            file_name(&[], ExportFormat::Json, at),
            "brief-notes-all-20240912-140309.json"
        );
        assert_eq!(
            file_name(&["a", "b"], ExportFormat::Html, at),
            "brief-notes-all-20240912-140309.html"
        );
        assert_eq!(
            file_name(&["../x y"], ExportFormat::Html, at),
            "brief-notes----x-y-20240912-140309.html"
        );
    }

    #[test]
    fn tag_filter_ignores_hash_case_and_accents() {
        let options = ExportOptions {
            tag: Some("#Munitions".into()),
            ..ExportOptions::new(Timestamp::UNIX_EPOCH)
        };
        assert_eq!(options.tag_key().as_deref(), Some("munitions"));
        assert!(has_tag("see #munitions", "#Munitions"));
        assert!(has_tag("À recouper #à-vérifier", "a-verifier"));
        assert!(has_tag("À recouper #A-Verifier", "#À-VÉRIFIER"));
        assert!(!has_tag("#verifier", "a-verifier"));
        assert!(!has_tag("#x", "#"));
    }

    #[test]
    fn the_tag_is_written_sanitised() {
        let options = ExportOptions {
            tag: Some("#x\u{1b}]0;pwned\u{7}".into()),
            ..ExportOptions::new(Timestamp::UNIX_EPOCH)
        };
        let words = filter_words(&options, Lang::Fr).expect("a filter");
        assert!(!words.chars().any(char::is_control), "{words:?}");
    }
}
