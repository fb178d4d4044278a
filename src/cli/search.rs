//! `brief search`: grep-like matches in briefings and, as the reader's library search
//! does, in their notes. Uses the domain only.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use super::json::{HitOut, write_json};
use super::notes::open_store;
use super::{Format, report_problems};
use crate::config::Config;
use crate::domain::annotation::Note;
use crate::domain::i18n::t;
use crate::domain::library::Library;
use crate::domain::search::grep_library_with_notes;
use crate::domain::text::sanitize_line;
use crate::tr;

/// The live notes of every briefing of the library that has a store file, by id.
/// Store files that cannot be read are said so on stderr and left out.
fn library_notes(library: &Library, config: &Config) -> HashMap<String, Vec<Note>> {
    let mut notes = HashMap::new();
    let Ok(store) = open_store(config) else {
        return notes;
    };
    for id in store.briefings() {
        if library.get(&id).is_none() {
            continue;
        }
        match store.load(&id) {
            Ok(outcome) if !outcome.set.file.notes.is_empty() => {
                notes.insert(id, outcome.set.file.notes);
            }
            Ok(_) => {}
            Err(e) => eprintln!(
                "{}",
                tr!(
                    config.language(),
                    "cli-search-notes-left-out",
                    id = id.as_str(),
                    error = e.to_string()
                )
            ),
        }
    }
    notes
}

/// `brief search`: grep-like output; exit 0 on a match, 1 on none.
pub(super) fn search(
    library: &Library,
    config: &Config,
    query: &str,
    with_notes: bool,
    format: Format,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    report_problems(&library.problems);
    let query = crate::domain::fold::fold_query(query);
    if query.is_empty() {
        eprintln!("{}", t(config.language(), "cli-query-empty"));
        return Ok(ExitCode::from(2));
    }
    let notes = if with_notes {
        library_notes(library, config)
    } else {
        HashMap::new()
    };
    let hits = grep_library_with_notes(library, &query, &notes);
    match format {
        Format::Text => {
            for hit in &hits {
                writeln!(out, "{}", sanitize_line(&hit.to_string()))?;
            }
        }
        Format::Json => {
            let items: Vec<HitOut> = hits
                .iter()
                .map(|h| HitOut {
                    file: &h.file,
                    briefing: &h.briefing,
                    section: &h.section,
                    line: h.line,
                    column: h.column,
                    snippet: &h.snippet,
                    highlight: [h.highlight.start, h.highlight.end],
                    note: h.note.as_deref(),
                })
                .collect();
            write_json(out, &items)?;
        }
    }
    Ok(if hits.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
