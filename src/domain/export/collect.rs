//! Gathering what an export holds: each briefing's annotations from memory or the
//! store, placed on the briefing as it is now. The reader's `e`/`E` and `brief export`
//! both use it. Must not depend on terminal crates.

use std::collections::HashMap;

use super::{Consent, ExportFormat, ExportItem, ExportOptions, export_needs_consent, render};
use crate::domain::briefing::{Briefing, FieldLines, Origin};
use crate::domain::library::Library;
use crate::domain::placing::statuses;
use crate::domain::store::{AnnotationSet, Store, StoreFile};
use crate::tr;

/// An export: its text, the briefings in it, and what was skipped and why.
pub struct ExportText {
    /// The rendered export.
    pub text: String,
    /// The ids exported.
    pub exported: Vec<String>,
    /// Briefings skipped, in plain words (sanitised).
    pub skipped: Vec<String>,
    /// The ids exported from the store alone, their briefing being no longer in the
    /// library: titled with [`last_known_title`], every annotation under "Needs review".
    pub not_in_library: Vec<String>,
    /// Set when the export was refused for want of consent (see
    /// [`export_needs_consent`]): then nothing was rendered (`text` and `exported` are
    /// empty), and this says which briefings and why. Ask the user, then export again
    /// with the labels of [`Consent::labels`] in [`ExportOptions::allow`].
    pub refused: Option<Consent>,
}

/// The title to show for the notes of a briefing that is no longer in the library.
///
/// The store does not record titles yet, so this is the briefing's id; once it does
/// (`StoreFile::title`), this is the one place to read it from.
pub fn last_known_title(id: &str, file: &StoreFile) -> String {
    file.title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map_or_else(|| id.to_owned(), str::to_owned)
}

/// A briefing standing in for one that is gone: its id, its last known title, no
/// sections (so every annotation is listed for review), read from the store's file.
fn stand_in(id: &str, file: &StoreFile, store: &Store) -> Briefing {
    Briefing {
        id: id.to_owned(),
        title: last_known_title(id, file),
        date: None,
        language: None,
        summary: None,
        classification: None,
        tags: Vec::new(),
        sources: Vec::new(),
        sections: Vec::new(),
        origin: Origin::File(store.file_path(id)),
        version: String::new(),
        id_position: None,
        lines: FieldLines::default(),
        summary_citations: Vec::new(),
        summary_portions: Vec::new(),
        tlp: None,
        partial: false,
        labels: None,
    }
}

/// Builds the export of `ids` (when empty: every briefing whose live notes or bookmarks
/// pass the filters), taking each briefing's annotations from `memory` when they are
/// there (unsaved changes included), else from the store.
///
/// A briefing with nothing to export (no annotation, or none passing the filters) is
/// left out, and said so in `skipped` when it was named. A briefing that is no longer
/// in the library is exported from what the store (or memory) holds, under its last
/// known title (see [`ExportText::not_in_library`]). A store file that cannot be read is
/// skipped and said so. When a briefing to export is labelled TLP:RED or
/// TLP:AMBER+STRICT and `options.allow` does not hold its label, nothing is rendered and
/// [`ExportText::refused`] says why.
pub fn export_text(
    library: &Library,
    store: &Store,
    ids: &[String],
    format: ExportFormat,
    options: &ExportOptions,
    memory: &HashMap<String, AnnotationSet>,
) -> ExportText {
    let named = !ids.is_empty();
    let wanted: Vec<String> = if named {
        ids.to_vec()
    } else {
        let mut all = store.briefings();
        all.extend(memory.keys().cloned());
        all.sort_unstable();
        all.dedup();
        all
    };
    let mut loaded: Vec<(std::sync::Arc<Briefing>, AnnotationSet, _, bool)> = Vec::new();
    let mut skipped = Vec::new();
    for id in &wanted {
        // What is in memory is newer than the store (it was loaded from it and changed).
        let set = match memory.get(id) {
            Some(set) => set.clone(),
            None => match store.load(id) {
                Ok(outcome) => outcome.set,
                Err(e) => {
                    let error = e.to_string();
                    skipped.push(tr!(
                        options.lang,
                        "export-skipped-unreadable",
                        id = id,
                        error = error
                    ));
                    continue;
                }
            },
        };
        if !options.keeps_any(&set) {
            if named {
                let why = if set.annotations().next().is_some() {
                    "export-skipped-filtered"
                } else if library.get(id).is_none() {
                    "export-skipped-not-in-library"
                } else {
                    "export-skipped-no-notes"
                };
                skipped.push(tr!(options.lang, why, id = id));
            }
            continue;
        }
        let (briefing, in_library) = match library.get(id) {
            Some(b) => (b.clone(), true),
            None => (std::sync::Arc::new(stand_in(id, &set.file, store)), false),
        };
        let status = statuses(&set, in_library.then_some(briefing.as_ref()));
        loaded.push((briefing, set, status, in_library));
    }
    let items: Vec<ExportItem> = loaded
        .iter()
        .map(|(b, set, status, in_library)| ExportItem {
            briefing: b,
            set,
            status,
            in_library: *in_library,
        })
        .collect();
    if let Some(consent) = export_needs_consent(&items, options) {
        return ExportText {
            text: String::new(),
            exported: Vec::new(),
            skipped,
            not_in_library: Vec::new(),
            refused: Some(consent),
        };
    }
    ExportText {
        text: render(&items, format, options),
        exported: loaded.iter().map(|(b, ..)| b.id.clone()).collect(),
        skipped,
        not_in_library: loaded
            .iter()
            .filter(|(.., in_library)| !in_library)
            .map(|(b, ..)| b.id.clone())
            .collect(),
        refused: None,
    }
}
