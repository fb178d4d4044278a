//! Command-line interface: argument parsing and the non-interactive subcommands.
//! Uses the domain only: never `ratatui` or `crossterm` (the reader lives in `tui`).
//!
//! One file per command family: `check` (check, list), `show`, `search`, `notes`
//! (notes, import-notes), `export`, `article` (import), `index`; `complete` holds the
//! shell completions and the man page, `help` the help in the interface language,
//! `suggest` the "did you mean" for unknown ids, `json` the typed JSON every command
//! writes (documented in `docs/cli-json.md`).
//!
//! Everything printed for people comes from the catalogues (`locales/*/brief.ftl`,
//! `cli-*` messages) in the interface language ([`Config::language`]); JSON output is
//! the same in every language, and so is the `file:line:col: error:` form of problems.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use crate::config::Config;
use crate::domain::diag::Diagnostic;
use crate::domain::export::{ExportFormat, ExportOptions};
use crate::domain::i18n::Lang;
use crate::domain::import::ImportOptions;
use crate::domain::library::Library;
use crate::domain::tradecraft::tlp::Tlp;
use crate::tr;

mod article;
mod check;
mod complete;
mod export;
mod help;
mod index;
pub mod json;
mod notes;
mod search;
mod show;
mod suggest;

pub use complete::{command, complete_from_env};
pub use help::{HelpIds, help_language, help_message_ids, localized_command, parse_args};
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
        /// Also check the estimative language (ICD 203), as warnings: a sentence that
        /// states both a confidence level and a likelihood, a briefing that mixes the two
        /// rows of the likelihood scale, an assessment section that states neither.
        #[arg(long)]
        lint: bool,
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
        /// The briefing: its id (see `brief list`) or its file.
        #[arg(value_name = "ID|FILE", add = ArgValueCompleter::new(complete::briefing_or_file))]
        briefing: String,
        /// Only this section (its id).
        #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::section_id))]
        section: Option<String>,
        /// Wrap to this many columns.
        #[arg(long, value_name = "N", default_value_t = 80, value_parser = clap::value_parser!(u16).range(20..))]
        width: u16,
        /// Files or folders to look in (default: as for the reader).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Search briefings and their notes: every match as `file:section:line: snippet`,
    /// like grep; notes as `file:section:line: [note] snippet`.
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
        /// Leave notes out: search the briefings only.
        #[arg(long)]
        no_notes: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List bookmarks and notes, with their status against the briefings as they are now.
    ///
    /// Status: attached, moved (found elsewhere; confirm it in the reader) or orphan (its
    /// passage is gone; the quote is kept). An id that is neither in the library nor in
    /// the store is an error (exit 1).
    Notes {
        /// Only these briefings (ids; default: every briefing with annotations).
        #[arg(value_name = "ID", add = ArgValueCompleter::new(complete::briefing_id))]
        ids: Vec<String>,
        /// Only notes carrying this #tag (case and accents aside: `a-verifier` finds
        /// `#à-vérifier`).
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
    /// back), a printable HTML page, a STIX 2.1 bundle or W3C Web Annotations (both read
    /// back by `import-notes`).
    ///
    /// Exports the briefings that have notes or bookmarks (passing the filters), or the
    /// ids named. Notes of a briefing no longer in the library are exported from the
    /// store, under "Needs review". An unknown id is an error (exit 1). Every export
    /// carries the highest marking and TLP of what it holds at its top and bottom, and
    /// each note its own portion mark; a briefing labelled TLP:RED or TLP:AMBER+STRICT
    /// is exported only with --allow.
    Export {
        /// The briefings (ids; default: every briefing with annotations).
        #[arg(value_name = "ID", add = ArgValueCompleter::new(complete::briefing_id))]
        ids: Vec<String>,
        /// The format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Only notes carrying this #tag (case and accents aside).
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Only annotations changed at or after this moment: a date (2024-09-05), a date
        /// and time (2024-09-05T08:30, UTC unless an offset is given), 7d, 2w, today or
        /// yesterday.
        #[arg(long, value_name = "WHEN", value_parser = parse_since_now)]
        since: Option<jiff::Timestamp>,
        /// Write to this file (`-` for standard output). An existing file is replaced
        /// only with --force; a device (`/dev/stdout`) is written in place. Default: a
        /// new file in the current folder, named after the briefing and the time.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        /// Consent to export briefings labelled with this TLP: `tlp:red`,
        /// `tlp:amber+strict` (repeat it, or separate with commas, for both). Without
        /// it, an export holding such a briefing is refused (exit 1), naming them.
        #[arg(long, value_enum, value_name = "LABEL", value_delimiter = ',')]
        allow: Vec<Allow>,
        /// Briefing files or folders (default: as for the reader).
        #[arg(long = "from", value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Merge notes from an export (brief's JSON, STIX 2.1 or W3C Web Annotation) into
    /// the store, by id (nothing is lost: a note edited on both sides keeps both texts).
    ImportNotes {
        /// The export.
        file: PathBuf,
    },
    /// Turn a plain-text or Markdown article into a TOML briefing draft.
    ///
    /// Guesses the title, the headings and each section's kind (French and English
    /// keywords), the date from the dateline, a summary from the lead paragraph, and the
    /// dates the text states (a year the text does not give stays unstated unless
    /// --year); prints what it guessed. The draft passes `brief check`. An existing file
    /// is never overwritten without --force.
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
    /// Print the shell code that completes brief's commands, options, briefing ids and
    /// section ids.
    ///
    /// Bash: `source <(brief completions bash)` in ~/.bashrc. Zsh: `source <(brief
    /// completions zsh)` in ~/.zshrc. Fish: `brief completions fish | source` in
    /// ~/.config/fish/config.fish. The code asks brief for candidates as you type, so
    /// ids come from your library and store.
    Completions {
        /// The shell.
        shell: complete::Shell,
    },
    /// Print the manual page (roff), generated from this command line: `brief man >
    /// brief.1`; given a folder, write one page per command into it.
    #[command(hide = true)]
    Man {
        /// The folder to write `brief.1`, `brief-export.1`… into.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// A TLP label whose export needs the user's consent (`brief export --allow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Allow {
    /// TLP:AMBER+STRICT: limited to the organisation only.
    #[value(name = "tlp:amber+strict")]
    TlpAmberStrict,
    /// TLP:RED: for the named recipients only.
    #[value(name = "tlp:red")]
    TlpRed,
}

impl Allow {
    /// The label it consents to.
    pub fn tlp(self) -> Tlp {
        match self {
            Allow::TlpAmberStrict => Tlp::AmberStrict,
            Allow::TlpRed => Tlp::Red,
        }
    }
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs (schemas in docs/cli-json.md).
    Json,
}

/// `--since`, read against the present moment.
fn parse_since_now(text: &str) -> Result<jiff::Timestamp, String> {
    crate::domain::export::parse_since(text, jiff::Timestamp::now())
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
    let lang = config.language();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match command {
        Command::Check {
            paths,
            format,
            lint,
        } => {
            let lexicons = match lint.then(|| config.lexicons()).transpose() {
                Ok(lexicons) => lexicons,
                Err(problems) => {
                    report_problems(&problems);
                    return ExitCode::FAILURE;
                }
            };
            check::check(
                &load_library(&paths, config),
                format,
                lexicons.as_ref(),
                lang,
                &mut out,
            )
        }
        Command::List { paths, format } => {
            check::list(&load_library(&paths, config), format, lang, &mut out)
        }
        Command::Show {
            briefing,
            section,
            width,
            paths,
        } => show::show(
            config,
            &paths,
            &briefing,
            section.as_deref(),
            width.into(),
            &mut out,
        ),
        Command::Search {
            query,
            paths,
            no_notes,
            format,
        } => index::search_indexed(&query, &paths, !no_notes, format, config, &mut out)
            .unwrap_or_else(|| {
                search::search(
                    &load_library(&paths, config),
                    config,
                    &query,
                    !no_notes,
                    format,
                    &mut out,
                )
            }),
        Command::Index { paths, check } => Ok(index::index(&paths, check, config)),
        Command::Export {
            ids,
            format,
            tag,
            since,
            output,
            force,
            allow,
            paths,
        } => {
            let options = ExportOptions {
                tag,
                since,
                exported_at: jiff::Timestamp::now(),
                allow: allow.into_iter().map(Allow::tlp).collect(),
                lang: config.language(),
            };
            export::export(
                &load_library(&paths, config),
                config,
                &ids,
                format,
                &options,
                output.as_deref(),
                force,
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
        Command::Completions { shell } => complete::registration(shell, &mut out),
        Command::Man { dir } => complete::man_page(dir.as_deref(), lang, &mut out),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`brief show x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let error = crate::domain::load::io_words(&e);
            eprintln!("{}", tr!(lang, "cli-cannot-write-output", error = error));
            ExitCode::FAILURE
        }
    }
}

/// Prints problems on stderr, one a line.
fn report_problems(problems: &[Diagnostic]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
}

/// `brief: …` in `lang`: a message from the domain (English for now), after brief's
/// name as the catalogue writes it.
fn error_line(lang: Lang, message: &str) -> String {
    tr!(lang, "cli-error", message = message)
}
