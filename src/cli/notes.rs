//! The annotation commands `brief notes` and `brief import-notes`, and the store they
//! share with `brief export` and `brief search`. Uses the domain only.

use std::io::Write;
use std::process::ExitCode;

use super::json::{AnnotationOut, write_json};
use super::suggest::{self, Among};
use super::{Format, error_line};
use crate::config::Config;
use crate::domain::annotation::tags_of;
use crate::domain::diag::Diagnostic;
use crate::domain::export::{ImportSummary, has_tag};
use crate::domain::i18n::{Lang, t};
use crate::domain::library::Library;
use crate::domain::text::{sanitize_line, truncate};
use crate::tr;

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
    let lang = config.language();
    let mut ok = true;
    for id in ids {
        if library.get(id).is_none() && stored.binary_search(id).is_err() {
            let known = library
                .briefings
                .iter()
                .map(|b| b.id.as_str())
                .chain(stored.iter().map(String::as_str));
            let hint = t(lang, "cli-hint-list-notes");
            eprintln!(
                "{}",
                suggest::unknown(lang, Among::Briefings, id, known, &hint)
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
    let lang = config.language();
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
                    eprintln!("{}", error_line(lang, notice));
                }
                sets.push((id, outcome.set));
            }
            Err(e) => {
                let error = e.to_string();
                eprintln!(
                    "{}",
                    tr!(lang, "cli-briefing-error", id = id, error = error)
                );
            }
        }
    }
    let mut items: Vec<AnnotationOut> = Vec::new();
    let mut text_lines = Vec::new();
    for (id, set) in &sets {
        let briefing = library.get(id);
        if briefing.is_none() && !set.file.is_empty() {
            eprintln!("{}", tr!(lang, "cli-notes-not-in-library", id = *id));
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
            // The JSON's words stay English; the text's are in the interface language.
            let (status_word, status_id) = match status {
                Status::Attached => ("attached", "cli-notes-status-attached"),
                Status::Moved => ("moved", "cli-notes-status-moved"),
                Status::Orphan => ("orphan", "cli-notes-status-orphan"),
            };
            let what = match (kind, label) {
                ("note", _) => body.lines().next().unwrap_or("").to_owned(),
                (_, Some(label)) => tr!(lang, "cli-notes-bookmark-labelled", label = label),
                (_, None) => t(lang, "cli-notes-bookmark"),
            };
            let line = tr!(
                lang,
                "cli-notes-line",
                status = t(lang, status_id),
                what = what,
                quote = truncate(&sanitize_line(&anchor.quote), 60)
            );
            text_lines.push(format!(
                "{}:{}: {line}",
                sanitize_line(id),
                sanitize_line(&anchor.section),
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
                eprintln!("{}", t(lang, "cli-notes-none"));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `brief import-notes FILE`: brief's JSON, a STIX 2.1 bundle or W3C Web Annotations.
pub(super) fn import_notes(file: &std::path::Path, config: &Config) -> std::io::Result<ExitCode> {
    use crate::domain::export::{merge_into, read_notes};
    let lang = config.language();
    let name = sanitize_line(&file.display().to_string()).into_owned();
    let bytes = match crate::domain::load::read_bounded(file, config.max_file_bytes) {
        Ok(b) => b,
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("{name}: error: {}", t(lang, "cli-not-utf8"));
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
            eprintln!("{name}: error: {}", sanitize_line(&e.words(lang)));
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
            eprintln!("{}", describe_import(&summary, lang));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{}", error_line(lang, &e.to_string()));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// What `import-notes` did, totalled over the briefings, in `lang`:
/// `2 briefings: 5 added, 1 updated, 3 unchanged, 1 conflict copy`.
fn describe_import(summary: &ImportSummary, lang: Lang) -> String {
    let sum = |f: fn(&crate::domain::export::BriefingImport) -> usize| {
        summary.briefings.iter().map(f).sum::<usize>()
    };
    let mut parts = vec![
        tr!(lang, "import-added", count = sum(|b| b.added)),
        tr!(lang, "import-updated", count = sum(|b| b.updated)),
        tr!(lang, "import-unchanged", count = sum(|b| b.unchanged)),
    ];
    let kept = sum(|b| b.kept_deleted);
    if kept > 0 {
        parts.push(tr!(lang, "import-left-deleted", count = kept));
    }
    let conflicts = sum(|b| b.conflicts);
    if conflicts > 0 {
        parts.push(tr!(lang, "import-conflicts", count = conflicts));
    }
    tr!(
        lang,
        "import-summary",
        briefings = summary.briefings.len(),
        parts = parts.join(", ")
    )
}
