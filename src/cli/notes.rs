//! The annotation commands: `brief notes`, `brief export`, `brief import-notes`. Uses
//! the domain only.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Format, json_pretty};
use crate::config::Config;
use crate::domain::diag::Diagnostic;
use crate::domain::export::{ExportFormat, ExportText, export_text};
use crate::domain::library::Library;
use crate::domain::text::{sanitize_line, truncate};

/// The annotation store under the configured data dir.
pub fn open_store(config: &Config) -> Result<crate::domain::store::Store, Diagnostic> {
    config.data_dir().map(crate::domain::store::Store::new)
}

/// `brief notes`: every annotation with its status.
pub(crate) fn notes(
    library: &Library,
    config: &Config,
    ids: &[String],
    tag: Option<&str>,
    orphans_only: bool,
    format: Format,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    use crate::domain::annotation::{Status, tags_of};
    use crate::domain::store::AnnotationRef;
    let store = match open_store(config) {
        Ok(s) => s,
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(ExitCode::from(2));
        }
    };
    let wanted: Vec<String> = if ids.is_empty() {
        store.briefings()
    } else {
        ids.to_vec()
    };
    let tag = tag.map(|t| t.trim_start_matches('#').to_lowercase());
    let mut items = Vec::new();
    let mut text_lines = Vec::new();
    for id in &wanted {
        let set = match store.load(id) {
            Ok(outcome) => {
                for notice in &outcome.notices {
                    eprintln!("brief: {}", sanitize_line(notice));
                }
                outcome.set
            }
            Err(e) => {
                eprintln!(
                    "brief: {}: {}",
                    sanitize_line(id),
                    sanitize_line(&e.to_string())
                );
                continue;
            }
        };
        let briefing = library.get(id);
        if briefing.is_none() && !set.file.is_empty() {
            eprintln!(
                "brief: briefing `{}` is not in the library: its annotations are listed as orphans",
                sanitize_line(id)
            );
        }
        let statuses = crate::domain::placing::statuses(&set, briefing.map(|b| b.as_ref()));
        for a in set.annotations() {
            let status = statuses.get(a.id()).copied().unwrap_or(Status::Orphan);
            if orphans_only && status != Status::Orphan {
                continue;
            }
            let (kind, body, label, created, updated) = match a {
                AnnotationRef::Note(n) => ("note", n.body.clone(), None, n.created, n.updated),
                AnnotationRef::Bookmark(b) => (
                    "bookmark",
                    String::new(),
                    b.label.clone(),
                    b.created,
                    b.updated,
                ),
            };
            let tags = tags_of(&body);
            if let Some(t) = &tag
                && !tags.contains(t)
            {
                continue;
            }
            let anchor = a.anchor();
            let status_word = match status {
                Status::Attached => "attached",
                Status::Moved => "moved",
                Status::Orphan => "orphan",
            };
            items.push(serde_json::json!({
                "id": a.id(),
                "type": kind,
                "briefing": id,
                "section": anchor.section,
                "quote": anchor.quote,
                "body": body,
                "label": label,
                "tags": tags,
                "created": created.to_string(),
                "updated": updated.to_string(),
                "status": status_word,
            }));
            let what = if kind == "note" {
                sanitize_line(body.lines().next().unwrap_or("")).into_owned()
            } else {
                format!(
                    "(bookmark{})",
                    label
                        .map(|l| format!(": {}", sanitize_line(&l)))
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
        }
    }
    match format {
        Format::Json => writeln!(out, "{}", json_pretty(&serde_json::Value::Array(items)))?,
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

/// `brief export`.
pub(crate) fn export(
    library: &Library,
    config: &Config,
    ids: &[String],
    format: ExportFormat,
    options: &crate::domain::export::ExportOptions,
    output: Option<&std::path::Path>,
) -> std::io::Result<ExitCode> {
    use crate::domain::export::{file_name, write_export};
    let store = match open_store(config) {
        Ok(s) => s,
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(ExitCode::from(2));
        }
    };
    let ExportText {
        text,
        exported,
        skipped,
    } = export_text(library, &store, ids, format, options, &Default::default());
    for why in &skipped {
        eprintln!("brief: skipped {why}");
    }
    if exported.is_empty() {
        eprintln!("brief: nothing to export");
        return Ok(ExitCode::FAILURE);
    }
    let (dir, name) = match output {
        Some(p) if p.as_os_str() == "-" => {
            std::io::stdout().lock().write_all(text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(p) => (
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from),
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
        None => {
            let refs: Vec<&str> = exported.iter().map(String::as_str).collect();
            (
                PathBuf::from("."),
                file_name(&refs, format, options.exported_at),
            )
        }
    };
    match write_export(&dir, &name, &text) {
        Ok(path) => {
            eprintln!("wrote {}", sanitize_line(&path.display().to_string()));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!(
                "brief: cannot write the export: {}",
                crate::domain::load::io_words(&e)
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `brief import-notes FILE`: brief's JSON, a STIX 2.1 bundle or W3C Web Annotations.
pub(crate) fn import_notes(file: &std::path::Path, config: &Config) -> std::io::Result<ExitCode> {
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
    let files = match read_notes(&text) {
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
