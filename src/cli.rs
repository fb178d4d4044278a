//! Command-line interface: argument parsing and the non-interactive subcommands.
//! Uses the domain only: never `ratatui` or `crossterm` (the reader lives in `tui`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::domain::atomic::{Existing, write_atomic};
use crate::domain::briefing::Briefing;
use crate::domain::briefing::Kind;
use crate::domain::diag::Diagnostic;
use crate::domain::import::{ImportOptions, import_article};
use crate::domain::library::Library;
use crate::domain::markdown::render_markdown;
use crate::domain::text::{display_width, json_safe, sanitize, sanitize_line, truncate};
use crate::domain::wrap::render_plain;

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
        #[arg(long, value_enum, default_value_t = ExportKind::Markdown)]
        format: ExportKind,
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
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// CommonMark.
    Markdown,
    /// The versioned JSON schema of docs/export-json.md.
    Json,
    /// One self-contained, printable page.
    Html,
}

impl ExportKind {
    /// The domain's format.
    pub fn format(self) -> crate::domain::export::ExportFormat {
        use crate::domain::export::ExportFormat;
        match self {
            ExportKind::Markdown => ExportFormat::Markdown,
            ExportKind::Json => ExportFormat::Json,
            ExportKind::Html => ExportFormat::Html,
        }
    }
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// Where briefings come from when no path is given: config `briefings_dir`, else
/// `./briefings` if it exists, else `None` (the bundled briefings).
pub fn default_paths(paths: &[PathBuf], config: &Config) -> Option<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Some(paths.to_vec());
    }
    if let Some(dir) = &config.briefings_dir {
        return Some(vec![dir.clone()]);
    }
    let local = PathBuf::from("briefings");
    local.is_dir().then(|| vec![local])
}

/// Loads the library the user means (see [`default_paths`]).
pub fn load_library(paths: &[PathBuf], config: &Config) -> Library {
    match default_paths(paths, config) {
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
        } => search(&load_library(&paths, config), &query, format, &mut out),
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
            export(
                &load_library(&paths, config),
                config,
                &ids,
                format,
                &options,
                output.as_deref(),
            )
        }
        Command::ImportNotes { file } => import_notes(&file, config),
        Command::Notes {
            ids,
            tag,
            orphans,
            format,
            paths,
        } => notes(
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
        } => import(
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
            writeln!(out, "{}", textwrap::fill(&date_line(d), width))?;
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

/// `Date: 10–13 Sep — Window mentioned (reported)`.
pub fn date_line(d: &crate::domain::date::DateSpan) -> String {
    let mut line = format!("Date: {}", d.human());
    if let Some(label) = &d.label {
        line.push_str(" — ");
        line.push_str(&sanitize_line(label));
    }
    if let Some(c) = &d.confidence {
        line.push_str(&format!(" ({})", sanitize_line(c)));
    }
    line
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

/// `brief import`: the draft, and what was guessed, for the user to check.
fn import(
    file: &std::path::Path,
    options: ImportOptions,
    output: Option<&std::path::Path>,
    force: bool,
    config: &Config,
) -> std::io::Result<ExitCode> {
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
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
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
    let id = options
        .id
        .clone()
        .unwrap_or_else(|| crate::domain::text::slugify(stem));
    let mut err = std::io::stderr().lock();
    writeln!(err, "title:    {}", sanitize_line(&report.title))?;
    writeln!(
        err,
        "language: {}{}",
        sanitize_line(&report.language),
        if guessed_language { " (guessed)" } else { "" }
    )?;
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
    let target = output.map_or_else(
        || PathBuf::from(format!("{id}.toml")),
        std::path::Path::to_path_buf,
    );
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

/// The annotation store under the configured data dir.
pub fn open_store(config: &Config) -> Result<crate::domain::store::Store, Diagnostic> {
    config.data_dir().map(crate::domain::store::Store::new)
}

/// `brief notes`: every annotation with its status.
fn notes(
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

/// An export: its text, the briefings in it, and what was skipped and why.
pub struct ExportText {
    /// The rendered export.
    pub text: String,
    /// The ids exported.
    pub exported: Vec<String>,
    /// Briefings skipped, in plain words (sanitised).
    pub skipped: Vec<String>,
}

/// Builds the export of `ids` (every briefing with annotations when empty). Briefings
/// not in the library, or whose notes cannot be read, are skipped and said so.
pub fn export_text(
    library: &Library,
    store: &crate::domain::store::Store,
    ids: &[String],
    format: crate::domain::export::ExportFormat,
    options: &crate::domain::export::ExportOptions,
) -> ExportText {
    use crate::domain::export::{ExportItem, render};
    let wanted: Vec<String> = if ids.is_empty() {
        store.briefings()
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
        match store.load(id) {
            Ok(outcome) => {
                let statuses = crate::domain::placing::statuses(&outcome.set, Some(briefing));
                loaded.push((briefing.clone(), outcome.set, statuses));
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

/// `brief export`.
fn export(
    library: &Library,
    config: &Config,
    ids: &[String],
    kind: ExportKind,
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
    } = export_text(library, &store, ids, kind.format(), options);
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
                file_name(&refs, kind.format(), options.exported_at),
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

/// `brief import-notes FILE`.
fn import_notes(file: &std::path::Path, config: &Config) -> std::io::Result<ExitCode> {
    use crate::domain::export::{import_notes, merge_into};
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
    let files = match import_notes(&text) {
        Ok(f) => f,
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
