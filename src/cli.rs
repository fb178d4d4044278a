//! Command-line interface: argument parsing and the non-interactive subcommands.
//! Uses the domain only: never `ratatui` or `crossterm` (the reader lives in `tui`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::domain::briefing::Briefing;
use crate::domain::diag::Diagnostic;
use crate::domain::export::ExportFormat;
use crate::domain::import::ImportOptions;
use crate::domain::library::Library;
use crate::domain::markdown::render_markdown;
use crate::domain::text::{display_width, json_safe, sanitize, sanitize_line, truncate};
use crate::domain::wrap::render_plain;

mod article;
mod index;
mod notes;

pub use notes::open_store;

/// A terminal reader for structured analyst briefings.
///
/// Run with no command to open the reader on PATHs (files or folders of briefings), or
/// on `briefings_dir` from the config, or on ./briefings, or on the briefings built
/// into brief.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about)]
pub struct Args {
    /// Read the config from this file (default: $BRIEF_CONFIG, then the platform config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Briefing files or folders to open in the reader.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// A subcommand; none opens the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate briefings: each problem as `file:line:col: error|warning: message`.
    ///
    /// Exits 0 when there is no error (warnings allowed), 1 on any error.
    Check {
        /// Files or folders (default: as for the reader).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List briefings: id, date, language, title, sections, tags.
    List {
        /// Files or folders (default: as for the reader).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a briefing as wrapped plain text, for piping into less or grep.
    Show {
        /// The briefing's id (see `brief list`).
        id: String,
        /// Only this section (its id).
        #[arg(long, value_name = "ID")]
        section: Option<String>,
        /// Wrap to this many columns.
        #[arg(long, value_name = "N", default_value_t = 80, value_parser = clap::value_parser!(u16).range(20..))]
        width: u16,
        /// Files or folders to look in (default: as for the reader).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Search briefings: every match as `file:section:line: snippet`, like grep.
    ///
    /// Folds case (an uppercase letter makes the search case-sensitive), accents and
    /// typography: `cooperation` finds `coopération`. Exits 0 when something matches, 1
    /// when nothing does, 2 on an error.
    Search {
        /// What to look for.
        query: String,
        /// Files or folders (default: as for the reader).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List bookmarks and notes, with their status against the briefings as they are now.
    ///
    /// Status: attached, moved (found elsewhere; confirm it in the reader) or orphan (its
    /// passage is gone; the quote is kept).
    Notes {
        /// Only these briefings (ids; default: every briefing with annotations).
        ids: Vec<String>,
        /// Only notes carrying this #tag.
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Only annotations whose passage was not found.
        #[arg(long)]
        orphans: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Briefing files or folders (default: as for the reader).
        #[arg(long = "from", value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Export annotated notes: Markdown, JSON (for other tools; `import-notes` reads it
    /// back) or a printable HTML page.
    Export {
        /// The briefings (ids; default: every briefing with annotations).
        ids: Vec<String>,
        /// The format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Only notes carrying this #tag.
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Only annotations changed on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<jiff::civil::Date>,
        /// Where to write (`-` for standard output; default: a new file in the current folder).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Briefing files or folders (default: as for the reader).
        #[arg(long = "from", value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Merge notes from a JSON export into the store, by id (nothing is lost: a note
    /// edited on both sides keeps both texts).
    ImportNotes {
        /// The JSON export.
        file: PathBuf,
    },
    /// Turn a plain-text or Markdown article into a TOML briefing draft.
    ///
    /// Guesses the title, the headings and each section's kind (French and English
    /// keywords), a summary from the introduction, and the dates the text states; prints
    /// what it guessed. The draft passes `brief check`. An existing file is never
    /// overwritten without --force.
    Import {
        /// The article (plain text, or Markdown for .md files).
        file: PathBuf,
        /// The article's language (guessed when not given).
        #[arg(long, value_name = "fr|en")]
        lang: Option<String>,
        /// The briefing's id (default: a slug of the file name).
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The year of dates the text states without one.
        #[arg(long, value_name = "YYYY")]
        year: Option<i16>,
        /// Where to write the draft (`-` for standard output; default: ./ID.toml).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Build or refresh the catalogue and search index of library folders (a cache, under
    /// the config's `cache_dir`), with progress on stderr; `brief search` uses it.
    ///
    /// Only files added, changed or removed since the last run are read. With --check,
    /// changes nothing: exits 0 when the index is up to date, 1 listing what is stale.
    Index {
        /// Library folders (default: as for the reader).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Check the index instead of refreshing it.
        #[arg(long)]
        check: bool,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// Loads the library the user means (see [`crate::domain::library::default_paths`]).
pub fn load_library(paths: &[PathBuf], config: &Config) -> Library {
    match crate::domain::library::default_paths(paths, config.briefings_dir.as_deref()) {
        Some(paths) => Library::load(&paths, config.load_options()),
        None => Library::bundled(),
    }
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command, config: &Config) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match command {
        Command::Check { paths, format } => check(&load_library(&paths, config), format, &mut out),
        Command::List { paths, format } => list(&load_library(&paths, config), format, &mut out),
        Command::Show {
            id,
            section,
            width,
            paths,
        } => show(
            &load_library(&paths, config),
            &id,
            section.as_deref(),
            width.into(),
            &mut out,
        ),
        Command::Search {
            query,
            paths,
            format,
        } => index::search_indexed(&query, &paths, format, config, &mut out)
            .unwrap_or_else(|| search(&load_library(&paths, config), &query, format, &mut out)),
        Command::Index { paths, check } => Ok(index::index(&paths, check, config)),
        Command::Export {
            ids,
            format,
            tag,
            since,
            output,
            paths,
        } => {
            let options = crate::domain::export::ExportOptions {
                tag,
                since,
                exported_at: jiff::Timestamp::now(),
            };
            notes::export(
                &load_library(&paths, config),
                config,
                &ids,
                format,
                &options,
                output.as_deref(),
            )
        }
        Command::ImportNotes { file } => notes::import_notes(&file, config),
        Command::Notes {
            ids,
            tag,
            orphans,
            format,
            paths,
        } => notes::notes(
            &load_library(&paths, config),
            config,
            &ids,
            tag.as_deref(),
            orphans,
            format,
            &mut out,
        ),
        Command::Import {
            file,
            lang,
            id,
            year,
            output,
            force,
        } => article::import(
            &file,
            ImportOptions { lang, id, year },
            output.as_deref(),
            force,
            config,
        ),
        Command::Completions { shell } => {
            let mut cmd = <Args as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "brief", &mut out);
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`brief show x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("brief: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn report_problems(problems: &[Diagnostic]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
}

/// `brief check`: every problem, then a count on stderr; exit 1 on any error.
pub fn check(library: &Library, format: Format, out: &mut impl Write) -> std::io::Result<ExitCode> {
    match format {
        Format::Text => {
            for p in &library.problems {
                writeln!(out, "{p}")?;
            }
            let errors = library.problems.iter().filter(|p| p.is_error()).count();
            let warnings = library.problems.len() - errors;
            eprintln!(
                "{} loaded, {} {}, {} {}",
                plural(library.briefings.len(), "briefing"),
                errors,
                if errors == 1 { "error" } else { "errors" },
                warnings,
                if warnings == 1 { "warning" } else { "warnings" },
            );
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = library
                .problems
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "file": p.file,
                        "line": p.line,
                        "column": p.column,
                        "severity": p.severity,
                        "message": p.message,
                    })
                })
                .collect();
            writeln!(out, "{}", json_pretty(&serde_json::Value::Array(items)))?;
        }
    }
    Ok(if library.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Pretty JSON, safe to print on a terminal (see [`json_safe`]).
pub fn json_pretty(value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    json_safe(&text).into_owned()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `brief list`: a table (or JSON) of the briefings that loaded; problems on stderr.
pub fn list(library: &Library, format: Format, out: &mut impl Write) -> std::io::Result<ExitCode> {
    report_problems(&library.problems);
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> =
                library.briefings.iter().map(|b| briefing_json(b)).collect();
            writeln!(out, "{}", json_pretty(&serde_json::Value::Array(items)))?;
        }
        Format::Text => {
            let header = ["ID", "DATE", "LANG", "TITLE", "SECTIONS", "TAGS"];
            let rows: Vec<[String; 6]> = library
                .briefings
                .iter()
                .map(|b| {
                    [
                        sanitize_line(&b.id).into_owned(),
                        b.date.map(|d| d.to_iso()).unwrap_or_else(|| "-".into()),
                        sanitize_line(b.language.as_deref().unwrap_or("-")).into_owned(),
                        truncate(&sanitize_line(&b.title), 60),
                        b.sections.len().to_string(),
                        sanitize_line(&b.tags.join(", ")).into_owned(),
                    ]
                })
                .collect();
            let mut widths = header.map(display_width);
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
            writeln!(out, "{}", line(&header))?;
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

fn briefing_json(b: &Briefing) -> serde_json::Value {
    serde_json::json!({
        "id": b.id,
        "title": b.title,
        "date": b.date.map(|d| d.to_iso()),
        "language": b.language,
        "classification": b.classification,
        "summary": b.summary,
        "tags": b.tags,
        "sources": b.sources,
        "sections": b.sections.len(),
        "file": b.origin.display_name(),
    })
}

/// `brief show`: the briefing (or one section) as wrapped plain text.
pub fn show(
    library: &Library,
    id: &str,
    section: Option<&str>,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    let Some(briefing) = library.get(id) else {
        report_problems(&library.problems);
        let known: Vec<&str> = library.briefings.iter().map(|b| b.id.as_str()).collect();
        eprintln!(
            "brief: no briefing with id `{}` (known: {})",
            sanitize_line(id),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        );
        return Ok(ExitCode::FAILURE);
    };
    let sections: Vec<_> = match section {
        Some(sid) => match briefing.section(sid) {
            Some(s) => vec![s],
            None => {
                let known: Vec<&str> = briefing.sections.iter().map(|s| s.id.as_str()).collect();
                eprintln!(
                    "brief: `{}` has no section `{}` (sections: {})",
                    briefing.id,
                    sanitize_line(sid),
                    known.join(", ")
                );
                return Ok(ExitCode::FAILURE);
            }
        },
        None => {
            write!(out, "{}", plain_header(briefing, width))?;
            briefing.sections.iter().collect()
        }
    };
    for s in sections {
        let kind = s
            .kind
            .as_ref()
            .map(|k| format!(" [{}]", k.label()))
            .unwrap_or_default();
        let heading = textwrap::fill(&format!("{}{kind}", sanitize_line(&s.title)), width);
        writeln!(out, "{heading}")?;
        let rule = heading.lines().map(display_width).max().unwrap_or(0);
        writeln!(out, "{}", "=".repeat(rule))?;
        writeln!(out)?;
        for d in &s.dates {
            writeln!(
                out,
                "{}",
                textwrap::fill(&format!("Date: {}", d.describe()), width)
            )?;
        }
        if !s.dates.is_empty() {
            writeln!(out)?;
        }
        let text = render_plain(&render_markdown(&s.body), width);
        if !text.trim().is_empty() {
            writeln!(out, "{}", text.trim_end())?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn plain_header(b: &Briefing, width: usize) -> String {
    let mut s = String::new();
    if let Some(c) = &b.classification {
        s.push_str(&format!("[{}]\n", sanitize_line(c)));
    }
    let title = sanitize_line(&b.title);
    let title = textwrap::fill(&title, width);
    let rule = title.lines().map(display_width).max().unwrap_or(0);
    s.push_str(&format!("{title}\n{}\n", "#".repeat(rule)));
    let mut meta = vec![format!("id: {}", b.id)];
    if let Some(d) = b.date {
        meta.push(format!("date: {}", d.human()));
    }
    if let Some(l) = &b.language {
        meta.push(format!("language: {}", sanitize_line(l)));
    }
    s.push_str(&textwrap::fill(&meta.join(" · "), width));
    s.push('\n');
    if !b.tags.is_empty() {
        let tags = format!("tags: {}", sanitize_line(&b.tags.join(", ")));
        s.push_str(&textwrap::fill(&tags, width));
        s.push('\n');
    }
    for src in &b.sources {
        let mut line = format!("source: {}", sanitize_line(&src.name));
        if let Some(u) = &src.url {
            line.push_str(&format!(" <{}>", sanitize_line(u)));
        }
        if let Some(a) = src.accessed {
            line.push_str(&format!(" (accessed {})", a.human()));
        }
        s.push_str(&textwrap::fill(&line, width));
        s.push('\n');
    }
    s.push('\n');
    if let Some(summary) = &b.summary {
        let text = textwrap::fill(&sanitize(summary), width);
        s.push_str(&text);
        s.push_str("\n\n");
    }
    s
}

/// `brief search`: grep-like output; exit 0 on a match, 1 on none.
pub fn search(
    library: &Library,
    query: &str,
    format: Format,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    report_problems(&library.problems);
    let query = crate::domain::fold::fold_query(query);
    if query.is_empty() {
        eprintln!("brief: the query is empty");
        return Ok(ExitCode::from(2));
    }
    let hits = crate::domain::search::grep_library(library, &query);
    match format {
        Format::Text => {
            for hit in &hits {
                writeln!(out, "{}", sanitize_line(&hit.to_string()))?;
            }
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    serde_json::json!({
                        "file": h.file,
                        "briefing": h.briefing,
                        "section": h.section,
                        "line": h.line,
                        "column": h.column,
                        "snippet": h.snippet,
                        "match": [h.highlight.start, h.highlight.end],
                    })
                })
                .collect();
            writeln!(out, "{}", json_pretty(&serde_json::Value::Array(items)))?;
        }
    }
    Ok(if hits.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
