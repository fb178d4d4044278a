//! Gathering what an export holds: each briefing's annotations from memory or the
//! store, placed on the briefing as it is now. The reader's `e`/`E` and `brief export`
//! both use it. Must not depend on terminal crates.

use std::collections::HashMap;

use super::{ExportFormat, ExportItem, ExportOptions, render};
use crate::domain::library::Library;
use crate::domain::placing::statuses;
use crate::domain::store::{AnnotationSet, Store};
use crate::domain::text::sanitize_line;

/// An export: its text, the briefings in it, and what was skipped and why.
pub struct ExportText {
    /// The rendered export.
    pub text: String,
    /// The ids exported.
    pub exported: Vec<String>,
    /// Briefings skipped, in plain words (sanitised).
    pub skipped: Vec<String>,
}

/// Builds the export of `ids` (every briefing with annotations when empty), taking each
/// briefing's annotations from `memory` when they are there (unsaved changes included),
/// else from the store. Briefings not in the library, or whose notes cannot be read, are
/// skipped and said so.
pub fn export_text(
    library: &Library,
    store: &Store,
    ids: &[String],
    format: ExportFormat,
    options: &ExportOptions,
    memory: &HashMap<String, AnnotationSet>,
) -> ExportText {
    let wanted: Vec<String> = if ids.is_empty() {
        let mut all = store.briefings();
        all.extend(memory.keys().cloned());
        all.sort_unstable();
        all.dedup();
        all
    } else {
        ids.to_vec()
    };
    let mut loaded = Vec::new();
    let mut skipped = Vec::new();
    for id in &wanted {
        let Some(briefing) = library.get(id) else {
            skipped.push(format!("`{}` is not in the library", sanitize_line(id)));
            continue;
        };
        // What is in memory is newer than the store (it was loaded from it and changed).
        let set = match memory.get(id) {
            Some(set) => Ok(set.clone()),
            None => store.load(id).map(|o| o.set),
        };
        match set {
            Ok(set) => {
                let statuses = statuses(&set, Some(briefing));
                loaded.push((briefing.clone(), set, statuses));
            }
            Err(e) => skipped.push(format!(
                "{}: {}",
                sanitize_line(id),
                sanitize_line(&e.to_string())
            )),
        }
    }
    let items: Vec<ExportItem> = loaded
        .iter()
        .map(|(b, set, status)| ExportItem {
            briefing: b,
            set,
            status,
        })
        .collect();
    ExportText {
        text: render(&items, format, options),
        exported: loaded.iter().map(|(b, _, _)| b.id.clone()).collect(),
        skipped,
    }
}
