//! `brief check` and `brief list`: what loaded, and what did not. Uses the domain only.

use std::io::Write;
use std::process::ExitCode;

use super::json::{BriefingOut, ProblemOut, write_json};
use super::{Format, report_problems};
use crate::domain::i18n::{Lang, format_count, t};
use crate::domain::library::Library;
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::tr;

/// `brief check`: every problem, then a count on stderr; exit 1 on any error.
pub(super) fn check(
    library: &Library,
    format: Format,
    lint: Option<&crate::domain::tradecraft::estimative::Lexicons>,
    lang: Lang,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    // With `--lint`, the lints of every briefing that loaded follow the problems, as
    // warnings.
    let mut problems = library.problems.clone();
    if let Some(lexicons) = lint {
        for b in &library.briefings {
            problems.extend(crate::domain::tradecraft::lint::lint_diagnostics(
                b, lexicons,
            ));
        }
    }
    match format {
        Format::Text => {
            for p in &problems {
                writeln!(out, "{p}")?;
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let warnings = problems.len() - errors;
            let summary = tr!(
                lang,
                "cli-check-summary",
                briefings = library.briefings.len(),
                errors = errors,
                warnings = warnings
            );
            eprintln!("{summary}");
        }
        Format::Json => {
            let items: Vec<ProblemOut> = problems.iter().map(ProblemOut::from).collect();
            write_json(out, &items)?;
        }
    }
    Ok(if library.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `brief list`: a table (or JSON) of the briefings that loaded; problems on stderr.
pub(super) fn list(
    library: &Library,
    format: Format,
    lang: Lang,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    report_problems(&library.problems);
    match format {
        Format::Json => {
            let items: Vec<BriefingOut> = library
                .briefings
                .iter()
                .map(|b| BriefingOut::from(b.as_ref()))
                .collect();
            write_json(out, &items)?;
        }
        Format::Text => {
            let header = [
                "cli-list-id",
                "cli-list-date",
                "cli-list-lang",
                "cli-list-title",
                "cli-list-sections",
                "cli-list-tags",
            ]
            .map(|id| t(lang, id));
            // The date stays ISO 8601, as in the reader's library: a column that sorts.
            let rows: Vec<[String; 6]> = library
                .briefings
                .iter()
                .map(|b| {
                    [
                        sanitize_line(&b.id).into_owned(),
                        b.date.map(|d| d.to_iso()).unwrap_or_else(|| "-".into()),
                        sanitize_line(b.language.as_deref().unwrap_or("-")).into_owned(),
                        truncate(&sanitize_line(&b.title), 60),
                        format_count(b.sections.len(), lang),
                        sanitize_line(&b.tags.join(", ")).into_owned(),
                    ]
                })
                .collect();
            let mut widths = header.each_ref().map(|h| display_width(h));
            for row in &rows {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(display_width(cell));
                }
            }
            let line = |cells: &[&str]| -> String {
                let mut s = String::new();
                for (i, cell) in cells.iter().enumerate() {
                    s.push_str(cell);
                    if i + 1 < cells.len() {
                        let pad = widths[i].saturating_sub(display_width(cell)) + 2;
                        s.extend(std::iter::repeat_n(' ', pad));
                    }
                }
                s.trim_end().to_string()
            };
            writeln!(out, "{}", line(&header.each_ref().map(String::as_str)))?;
            for row in &rows {
                let cells: Vec<&str> = row.iter().map(String::as_str).collect();
                writeln!(out, "{}", line(&cells))?;
            }
        }
    }
    Ok(if library.briefings.is_empty() && library.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
