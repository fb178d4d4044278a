//! `brief import`: turning an article into a briefing draft, printing what was
//! guessed. Uses the domain only.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::Config;
use crate::domain::atomic::{Existing, write_atomic};
use crate::domain::i18n::{Lang, format_count, kind_badge, t};
use crate::domain::import::{ImportOptions, ImportReport, import_article};
use crate::domain::text::{display_width, sanitize, sanitize_line};
use crate::tr;

/// `brief import`: the draft, and what was guessed, for the user to check.
pub(crate) fn import(
    file: &std::path::Path,
    options: ImportOptions,
    output: Option<&std::path::Path>,
    force: bool,
    config: &Config,
) -> std::io::Result<ExitCode> {
    let lang = config.language();
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
    let target_name = target.display().to_string();
    if target.as_os_str() != "-" && !force && std::fs::symlink_metadata(&target).is_ok() {
        eprintln!(
            "{}",
            tr!(lang, "cli-import-exists", path = target_name.as_str())
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
                "{}:{}:{}: error: {}",
                sanitize_line(&file.display().to_string()),
                pos.line,
                pos.column,
                t(lang, "cli-import-not-utf8")
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
    let mut err = std::io::stderr().lock();
    write_report(&mut err, &draft.report, guessed_language, lang)?;
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
            let wrote = tr!(lang, "cli-import-wrote", path = target_name.as_str());
            writeln!(err, "{wrote}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let exists = tr!(lang, "cli-import-exists", path = target_name.as_str());
            writeln!(err, "{exists}")?;
            Ok(ExitCode::FAILURE)
        }
        Err(e) => {
            let error = crate::domain::load::io_words(&e);
            let message = tr!(
                lang,
                "cli-cannot-write",
                path = target_name.as_str(),
                error = error
            );
            writeln!(err, "{message}")?;
            Ok(ExitCode::FAILURE)
        }
    }
}

/// What was guessed, one field a line in `lang`, the values lined up: `title:    …`.
/// Kinds are shown by their badge in the draft's own language.
fn write_report(
    err: &mut impl Write,
    report: &ImportReport,
    guessed_language: bool,
    lang: Lang,
) -> std::io::Result<()> {
    let labels = [
        "cli-import-label-title",
        "cli-import-label-language",
        "cli-import-label-date",
        "cli-import-label-summary",
        "cli-import-label-sections",
        "cli-import-label-dates",
    ]
    .map(|id| t(lang, id));
    let width = labels.iter().map(|l| display_width(l)).max().unwrap_or(0);
    let [title, language, date, summary, sections, dates] = labels.map(|label| {
        let pad = width.saturating_sub(display_width(&label));
        format!("{label}{} ", " ".repeat(pad))
    });
    writeln!(err, "{title}{}", sanitize_line(&report.title))?;
    let language_value = if guessed_language {
        tr!(
            lang,
            "cli-import-language-guessed",
            language = report.language.as_str()
        )
    } else {
        sanitize_line(&report.language).into_owned()
    };
    writeln!(err, "{language}{language_value}")?;
    // The dates are shown as the draft writes them (ISO 8601), to be checked against it.
    let date_value = match &report.date {
        Some(d) => tr!(lang, "cli-import-date-found", date = d.as_str()),
        None => t(lang, "cli-import-no-date"),
    };
    writeln!(err, "{date}{date_value}")?;
    if let Some(text) = &report.summary {
        let text = crate::domain::text::truncate(&sanitize_line(text), 70);
        writeln!(err, "{summary}{text}")?;
    }
    writeln!(
        err,
        "{sections}{}",
        format_count(report.headings.len(), lang)
    )?;
    let draft_lang = Lang::for_document(Some(&report.language), lang);
    for (heading, kind) in &report.headings {
        let badge = kind
            .as_ref()
            .map_or_else(|| "---".to_string(), |k| kind_badge(k, draft_lang));
        let note = if kind.is_none() {
            format!("  {}", t(lang, "cli-import-no-kind"))
        } else {
            String::new()
        };
        let pad = 4usize.saturating_sub(display_width(&badge));
        writeln!(
            err,
            "  {badge}{} {}{note}",
            " ".repeat(pad),
            sanitize_line(heading)
        )?;
    }
    if report.dates.is_empty() {
        writeln!(err, "{dates}{}", t(lang, "cli-import-no-dates"))?;
    } else {
        let count = tr!(lang, "cli-import-dates-count", count = report.dates.len());
        writeln!(err, "{dates}{count}")?;
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
    Ok(())
}
