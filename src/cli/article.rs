//! `brief import`: turning an article into a briefing draft, printing what was
//! guessed. Uses the domain only.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::Config;
use crate::domain::atomic::{Existing, write_atomic};
use crate::domain::briefing::Kind;
use crate::domain::import::{ImportOptions, import_article};
use crate::domain::text::{sanitize, sanitize_line};

/// `brief import`: the draft, and what was guessed, for the user to check.
pub(crate) fn import(
    file: &std::path::Path,
    options: ImportOptions,
    output: Option<&std::path::Path>,
    force: bool,
    config: &Config,
) -> std::io::Result<ExitCode> {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
    let id = options
        .id
        .clone()
        .unwrap_or_else(|| crate::domain::text::slugify(stem));
    let target = output.map_or_else(
        || PathBuf::from(format!("{id}.toml")),
        std::path::Path::to_path_buf,
    );
    // Refused before anything is read or printed: the analysis would be wasted.
    if target.as_os_str() != "-" && !force && std::fs::symlink_metadata(&target).is_ok() {
        eprintln!(
            "brief: {} exists; use --force to replace it, or -o to write elsewhere",
            sanitize_line(&target.display().to_string())
        );
        return Ok(ExitCode::FAILURE);
    }
    let bytes = match crate::domain::load::read_bounded(file, config.max_file_bytes) {
        Ok(b) => b,
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let index = crate::domain::diag::LineIndex::new(e.as_bytes());
            let pos = index.pos(e.utf8_error().valid_up_to());
            eprintln!(
                "{}:{}:{}: error: invalid UTF-8: articles must be UTF-8 text",
                sanitize_line(&file.display().to_string()),
                pos.line,
                pos.column
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let guessed_language = options.lang.is_none();
    let draft = match import_article(&text, stem, &options) {
        Ok(d) => d,
        Err(message) => {
            eprintln!(
                "{}: error: {}",
                sanitize_line(&file.display().to_string()),
                sanitize(&message)
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let report = &draft.report;
    let mut err = std::io::stderr().lock();
    writeln!(err, "title:    {}", sanitize_line(&report.title))?;
    writeln!(
        err,
        "language: {}{}",
        sanitize_line(&report.language),
        if guessed_language { " (guessed)" } else { "" }
    )?;
    match &report.date {
        Some(date) => writeln!(err, "date:     {} (from the dateline)", sanitize_line(date))?,
        None => writeln!(err, "date:     none found (no dateline)")?,
    }
    if let Some(summary) = &report.summary {
        writeln!(
            err,
            "summary:  {}",
            crate::domain::text::truncate(&sanitize_line(summary), 70)
        )?;
    }
    writeln!(err, "sections: {}", report.headings.len())?;
    for (title, kind) in &report.headings {
        let badge = kind
            .as_ref()
            .map_or_else(|| "---".to_string(), |k| Kind::new(k.clone()).badge());
        let note = if kind.is_none() {
            "  (no kind: set one)"
        } else {
            ""
        };
        writeln!(err, "  {badge:<4} {}{note}", sanitize_line(title))?;
    }
    if report.dates.is_empty() {
        writeln!(err, "dates:    none found")?;
    } else {
        writeln!(err, "dates:    {}, all `unconfirmed`", report.dates.len())?;
        for (found, structured, section) in &report.dates {
            writeln!(
                err,
                "  {}  \"{}\"  → {}",
                sanitize_line(structured),
                sanitize_line(found),
                sanitize_line(section)
            )?;
        }
    }
    if target.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(draft.toml.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let existing = if force {
        Existing::Replace
    } else {
        Existing::Keep
    };
    match write_atomic(&target, draft.toml.as_bytes(), existing) {
        Ok(()) => {
            writeln!(
                err,
                "wrote {}: check the title, summary, kinds and dates, then run `brief check {}`",
                sanitize_line(&target.display().to_string()),
                sanitize_line(&target.display().to_string())
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            writeln!(
                err,
                "brief: {} exists; use --force to replace it, or -o to write elsewhere",
                sanitize_line(&target.display().to_string())
            )?;
            Ok(ExitCode::FAILURE)
        }
        Err(e) => {
            writeln!(
                err,
                "brief: cannot write {}: {}",
                sanitize_line(&target.display().to_string()),
                crate::domain::load::io_words(&e)
            )?;
            Ok(ExitCode::FAILURE)
        }
    }
}
