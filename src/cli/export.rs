//! `brief export`: the notes of the briefings asked for, written where the user said
//! (`-o FILE`, `-o -`) or to a new file in the current folder. Uses the domain only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::notes::store_knowing;
use crate::config::Config;
use crate::domain::export::{
    ExportFormat, ExportOptions, ExportText, check_target, export_text, file_name, write_export_in,
    write_export_to,
};
use crate::domain::i18n::t;
use crate::domain::library::Library;
use crate::tr;

/// `brief export`: its messages in `options.lang`, the interface's.
pub(super) fn export(
    library: &Library,
    config: &Config,
    ids: &[String],
    format: ExportFormat,
    options: &ExportOptions,
    output: Option<&Path>,
    force: bool,
) -> std::io::Result<ExitCode> {
    let lang = options.lang;
    let store = match store_knowing(library, config, ids) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    // Checked before the export is made, so a refusal costs nothing.
    if let Some(path) = output.filter(|p| p.as_os_str() != "-")
        && let Err(e) = check_target(path, force)
    {
        eprintln!("brief: {e}");
        return Ok(ExitCode::FAILURE);
    }
    let ExportText {
        text,
        exported,
        skipped,
        not_in_library,
        refused,
    } = export_text(library, &store, ids, format, options, &Default::default());
    for why in &skipped {
        eprintln!("{}", tr!(lang, "cli-export-skipped", why = why));
    }
    if let Some(consent) = refused {
        eprintln!(
            "{}",
            tr!(
                lang,
                "cli-export-consent-needed",
                labels = consent.labels_text()
            )
        );
        for line in consent.lines(lang) {
            eprintln!("  {line}");
        }
        eprintln!(
            "{}",
            tr!(lang, "cli-export-consent-how", flags = consent.flags())
        );
        return Ok(ExitCode::FAILURE);
    }
    for id in &not_in_library {
        eprintln!("{}", tr!(lang, "cli-export-not-in-library", id = id));
    }
    if exported.is_empty() {
        eprintln!("{}", t(lang, "cli-export-nothing"));
        return Ok(ExitCode::FAILURE);
    }
    match output {
        Some(p) if p.as_os_str() == "-" => {
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(p) => match write_export_to(p, &text, force) {
            Ok(target) => {
                eprintln!("{}", target.describe());
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("brief: {e}");
                Ok(ExitCode::FAILURE)
            }
        },
        None => {
            let refs: Vec<&str> = exported.iter().map(String::as_str).collect();
            let name = file_name(&refs, format, options.exported_at);
            match write_export_in(&PathBuf::from("."), &name, &text, lang) {
                Ok(path) => {
                    let path = path.display().to_string();
                    eprintln!("{}", tr!(lang, "cli-export-wrote-new", path = path));
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let error = crate::domain::load::io_words(&e);
                    eprintln!("{}", tr!(lang, "cli-export-cannot-write", error = error));
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}
