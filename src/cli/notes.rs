//! The annotation commands `brief notes` and `brief import-notes`, and the store they
//! share with `brief export` and `brief search`. Uses the domain only.

use std::io::Write;
use std::process::ExitCode;

use super::json::{AnnotationOut, write_json};
use super::{Format, suggest};
use crate::config::Config;
use crate::domain::annotation::tags_of;
use crate::domain::diag::Diagnostic;
use crate::domain::export::has_tag;
use crate::domain::library::Library;
use crate::domain::text::{sanitize_line, truncate};

/// The annotation store under the configured data dir.
pub fn open_store(config: &Config) -> Result<crate::domain::store::Store, Diagnostic> {
    config.data_dir().map(crate::domain::store::Store::new)
}

/// The store, once every id named is known to the library or the store; otherwise each
/// unknown id is reported with the closest known ids, and the exit code returned (2 when
/// the store cannot be found, 1 for an unknown id).
pub(super) fn store_knowing(
    library: &Library,
    config: &Config,
    ids: &[String],
) -> Result<crate::domain::store::Store, ExitCode> {
    let store = open_store(config).map_err(|problem| {
        eprintln!("{problem}");
        ExitCode::from(2)
    })?;
    let stored = store.briefings();
    let mut ok = true;
    for id in ids {
        if library.get(id).is_none() && stored.binary_search(id).is_err() {
            let known = library
                .briefings
                .iter()
                .map(|b| b.id.as_str())
                .chain(stored.iter().map(String::as_str));
            eprintln!(
                "{}",
                suggest::unknown("briefing", id, known, "see `brief list` and `brief notes`")
            );
            ok = false;
        }
    }
    if ok {
        Ok(store)
    } else {
        Err(ExitCode::FAILURE)
    }
}

/// `brief notes`: every annotation with its status.
pub(super) fn notes(
    library: &Library,
    config: &Config,
    ids: &[String],
    tag: Option<&str>,
    orphans_only: bool,
    format: Format,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    use crate::domain::annotation::Status;
    use crate::domain::store::AnnotationRef;
    let store = match store_knowing(library, config, ids) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let wanted: Vec<String> = if ids.is_empty() {
        store.briefings()
    } else {
        ids.to_vec()
    };
    let mut sets = Vec::new();
    for id in &wanted {
        match store.load(id) {
            Ok(outcome) => {
                for notice in &outcome.notices {
                    eprintln!("brief: {}", sanitize_line(notice));
                }
                sets.push((id, outcome.set));
            }
            Err(e) => {
                eprintln!(
                    "brief: {}: {}",
                    sanitize_line(id),
                    sanitize_line(&e.to_string())
                );
            }
        }
    }
    let mut items: Vec<AnnotationOut> = Vec::new();
    let mut text_lines = Vec::new();
    for (id, set) in &sets {
        let briefing = library.get(id);
        if briefing.is_none() && !set.file.is_empty() {
            eprintln!(
                "brief: briefing `{}` is not in the library: its annotations are listed as orphans",
                sanitize_line(id)
            );
        }
        let statuses = crate::domain::placing::statuses(set, briefing.map(|b| b.as_ref()));
        for a in set.annotations() {
            let status = statuses.get(a.id()).copied().unwrap_or(Status::Orphan);
            if orphans_only && status != Status::Orphan {
                continue;
            }
            let (kind, body, label, created, updated) = match a {
                AnnotationRef::Note(n) => ("note", n.body.as_str(), None, n.created, n.updated),
                AnnotationRef::Bookmark(b) => {
                    ("bookmark", "", b.label.as_deref(), b.created, b.updated)
                }
            };
            if let Some(t) = tag
                && !has_tag(body, t)
            {
                continue;
            }
            let anchor = a.anchor();
            let status_word = match status {
                Status::Attached => "attached",
                Status::Moved => "moved",
                Status::Orphan => "orphan",
            };
            let what = if kind == "note" {
                sanitize_line(body.lines().next().unwrap_or("")).into_owned()
            } else {
                format!(
                    "(bookmark{})",
                    label
                        .map(|l| format!(": {}", sanitize_line(l)))
                        .unwrap_or_default()
                )
            };
            text_lines.push(format!(
                "{}:{}: [{status_word}] {} — “{}”",
                sanitize_line(id),
                sanitize_line(&anchor.section),
                what,
                truncate(&sanitize_line(&anchor.quote), 60)
            ));
            items.push(AnnotationOut {
                id: a.id(),
                kind,
                briefing: id,
                section: &anchor.section,
                section_title: briefing
                    .and_then(|b| b.section(&anchor.section))
                    .map(|s| s.title.as_str()),
                quote: &anchor.quote,
                body,
                label,
                tags: tags_of(body),
                created,
                updated,
                status: status_word,
            });
        }
    }
    match format {
        Format::Json => write_json(out, &items)?,
        Format::Text => {
            for line in &text_lines {
                writeln!(out, "{line}")?;
            }
            if text_lines.is_empty() {
                eprintln!("no bookmarks or notes");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `brief import-notes FILE`: brief's JSON, a STIX 2.1 bundle or W3C Web Annotations.
pub(super) fn import_notes(file: &std::path::Path, config: &Config) -> std::io::Result<ExitCode> {
    use crate::domain::export::{merge_into, read_notes};
    let name = sanitize_line(&file.display().to_string()).into_owned();
    let bytes = match crate::domain::load::read_bounded(file, config.max_file_bytes) {
        Ok(b) => b,
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("{name}: error: not UTF-8 text");
        return Ok(ExitCode::FAILURE);
    };
    // A byte-order mark (as some editors write) is skipped, as for briefings; positions
    // in messages still count from the first line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let files = match read_notes(text) {
        Ok(read) => {
            for notice in &read.notices {
                eprintln!("{name}: {}", sanitize_line(notice));
            }
            read.files
        }
        Err(e) => {
            eprintln!("{name}: error: {}", sanitize_line(&e.to_string()));
            return Ok(ExitCode::FAILURE);
        }
    };
    let store = match open_store(config) {
        Ok(s) => s,
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(ExitCode::from(2));
        }
    };
    match merge_into(&store, files) {
        Ok(summary) => {
            eprintln!("{}", sanitize_line(&summary.describe()));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("brief: {}", sanitize_line(&e.to_string()));
            Ok(ExitCode::FAILURE)
        }
    }
}
