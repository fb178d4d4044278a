//! `brief index`: builds, refreshes or checks the catalogue and search index of a
//! library folder; and the index-backed path of `brief search`. Uses the domain only.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::{Format, error_line};
use crate::config::Config;
use crate::domain::catalogue::{Catalogue, RefreshEvent, RefreshOptions};
use crate::domain::fold::fold_query;
use crate::domain::i18n::{Lang, t};
use crate::domain::library::{Library, default_paths};
use crate::domain::load::load_file;
use crate::domain::text::sanitize_line;
use crate::tr;

/// The library folders meant (as for the reader), or a message and exit code 2.
fn folders(paths: &[PathBuf], config: &Config, lang: Lang) -> Result<Vec<PathBuf>, ExitCode> {
    let Some(roots) = default_paths(paths, config.briefings_dir.as_deref()) else {
        eprintln!("{}", t(lang, "cli-index-no-folder"));
        return Err(ExitCode::from(2));
    };
    for root in &roots {
        if !root.is_dir() {
            eprintln!(
                "{}",
                tr!(lang, "cli-index-not-a-folder", path = shown(root))
            );
            return Err(ExitCode::from(2));
        }
    }
    Ok(roots)
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
}

fn options(config: &Config) -> RefreshOptions {
    RefreshOptions {
        load: config.load_options(),
        store: super::open_store(config).ok(),
        ..RefreshOptions::default()
    }
}

/// `brief index [PATH]... [--check]`.
pub(crate) fn index(paths: &[PathBuf], check: bool, config: &Config) -> ExitCode {
    let lang = config.language();
    let roots = match folders(paths, config, lang) {
        Ok(roots) => roots,
        Err(code) => return code,
    };
    let cache = match config.cache_dir() {
        Ok(dir) => dir,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::from(2);
        }
    };
    let mut worst = ExitCode::SUCCESS;
    for root in &roots {
        let code = if check {
            check_one(&cache, root, config, lang)
        } else {
            build_one(&cache, root, config, lang)
        };
        if code != ExitCode::SUCCESS {
            worst = code;
        }
    }
    worst
}

/// Builds or refreshes one folder's index, with progress on stderr.
fn build_one(cache: &Path, root: &Path, config: &Config, lang: Lang) -> ExitCode {
    let started = Instant::now();
    let opened = match Catalogue::open(cache, root) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("{}", error_line(lang, &e.to_string()));
            return ExitCode::from(2);
        }
    };
    for notice in &opened.notices {
        eprintln!("{}", error_line(lang, &notice.to_string()));
    }
    let mut catalogue = opened.catalogue;
    let mut progress = Progress::new(shown(root), lang);
    let result = catalogue.refresh(&options(config), &mut |event| {
        progress.show(&event);
        true
    });
    progress.clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            eprintln!("{}", error_line(lang, &e.to_string()));
            return ExitCode::from(2);
        }
    };
    for problem in &summary.problems {
        eprintln!("{problem}");
    }
    // Tenths of a second, with the language's decimal separator.
    let seconds = format!("{:.1}", started.elapsed().as_secs_f64())
        .replace('.', &lang.decimal_separator().to_string());
    let done = tr!(
        lang,
        "cli-index-done",
        folder = shown(root),
        files = summary.files,
        read = summary.added + summary.updated,
        added = summary.added,
        updated = summary.updated,
        removed = summary.removed,
        notes = summary.notes,
        seconds = seconds
    );
    eprintln!("{done}");
    ExitCode::SUCCESS
}

/// Progress on stderr: one line rewritten in place on a terminal, a line per tenth
/// otherwise.
struct Progress {
    root: String,
    lang: Lang,
    terminal: bool,
    last: Instant,
    last_tenth: usize,
    drawn: bool,
}

impl Progress {
    fn new(root: String, lang: Lang) -> Progress {
        Progress {
            root,
            lang,
            terminal: std::io::stderr().is_terminal(),
            last: Instant::now(),
            last_tenth: 0,
            drawn: false,
        }
    }

    fn show(&mut self, event: &RefreshEvent) {
        let mut err = std::io::stderr().lock();
        let (lang, folder) = (self.lang, self.root.as_str());
        match event {
            RefreshEvent::Waiting => {
                let _ = writeln!(err, "{}", tr!(lang, "cli-index-waiting", folder = folder));
            }
            RefreshEvent::Notice(text) => {
                self.clear();
                let _ = writeln!(err, "{}", error_line(lang, &text.to_string()));
            }
            RefreshEvent::Scanned {
                files,
                to_read,
                removed,
            } => {
                let scanned = tr!(
                    lang,
                    "cli-index-scanned",
                    folder = folder,
                    files = *files,
                    read = *to_read,
                    removed = *removed
                );
                let _ = writeln!(err, "{scanned}");
            }
            RefreshEvent::Progress { done, total } => {
                if self.terminal {
                    if self.last.elapsed() >= Duration::from_millis(100) || done == total {
                        self.last = Instant::now();
                        self.drawn = true;
                        let line = tr!(
                            lang,
                            "cli-index-progress",
                            folder = folder,
                            done = *done,
                            total = *total
                        );
                        let _ = write!(err, "\r{line}\x1b[K");
                    }
                } else {
                    let tenth = done * 10 / (*total).max(1);
                    if tenth > self.last_tenth {
                        self.last_tenth = tenth;
                        let line = tr!(
                            lang,
                            "cli-index-progress-line",
                            folder = folder,
                            done = *done,
                            total = *total
                        );
                        let _ = writeln!(err, "{line}");
                    }
                }
            }
            RefreshEvent::Changed(_) => {}
        }
    }

    fn clear(&mut self) {
        if self.drawn {
            self.drawn = false;
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
        }
    }
}

/// `brief index --check` on one folder: 0 when the index is up to date, 1 with the
/// stale entries on stdout otherwise.
fn check_one(cache: &Path, root: &Path, config: &Config, lang: Lang) -> ExitCode {
    let catalogue = match Catalogue::open_existing(cache, root) {
        Ok(Some(catalogue)) => catalogue,
        Ok(None) => {
            // The status words on stdout stay English in every language, for scripts.
            println!("missing  {}", shown(root));
            eprintln!("{}", tr!(lang, "cli-index-missing", folder = shown(root)));
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("{}", error_line(lang, &e.to_string()));
            return ExitCode::from(2);
        }
    };
    let stale = match catalogue.staleness(&options(config)) {
        Ok(stale) => stale,
        Err(e) => {
            eprintln!("{}", error_line(lang, &e.to_string()));
            return ExitCode::from(2);
        }
    };
    for problem in &stale.problems {
        eprintln!("{problem}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let lines = [
        ("added", &stale.added),
        ("changed", &stale.changed),
        ("removed", &stale.removed),
    ];
    for (status, paths) in lines {
        for path in paths {
            let _ = writeln!(out, "{status:<8} {}", shown(path));
        }
    }
    for id in &stale.notes {
        let _ = writeln!(out, "notes    {}", sanitize_line(id));
    }
    if stale.is_fresh() {
        eprintln!(
            "{}",
            tr!(lang, "cli-index-up-to-date", folder = shown(root))
        );
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `brief search` through the index: `None` when it does not apply (not one library
/// folder, no index, an index out of date, a query too short for it), and the caller
/// reads every file as before. The output is that of the in-memory path: the files
/// that may match (and those with problems or a duplicate id) are loaded and searched
/// exactly as the whole library would be.
pub(crate) fn search_indexed(
    query: &str,
    paths: &[PathBuf],
    notes: bool,
    format: Format,
    config: &Config,
    out: &mut impl Write,
) -> Option<std::io::Result<ExitCode>> {
    let roots = default_paths(paths, config.briefings_dir.as_deref())?;
    let [root] = roots.as_slice() else {
        return None;
    };
    if !root.is_dir() {
        return None;
    }
    let cache = config.cache_dir().ok()?;
    let lang = config.language();
    let fallback = |e: &dyn std::fmt::Display| {
        eprintln!("{}", error_line(lang, &e.to_string()));
    };
    let catalogue = match Catalogue::open_existing(&cache, root) {
        Ok(found) => found?,
        Err(e) => {
            fallback(&e.fallback_message());
            return None;
        }
    };
    let folded = fold_query(query);
    let stale = match catalogue.staleness(&RefreshOptions {
        load: config.load_options(),
        ..RefreshOptions::default()
    }) {
        Ok(stale) => stale,
        Err(e) => {
            fallback(&e.fallback_message());
            return None;
        }
    };
    if !stale.files_fresh() {
        let count = stale.added.len() + stale.changed.len() + stale.removed.len();
        let folder = shown(root);
        eprintln!(
            "{}",
            tr!(
                lang,
                "cli-index-out-of-date",
                folder = folder,
                count = count
            )
        );
        return None;
    }
    let mut files = match catalogue.files_for_grep(&folded) {
        Ok(files) => files?,
        Err(e) => {
            fallback(&e.fallback_message());
            return None;
        }
    };
    // Notes are read from the store as they are now: every briefing that has some is
    // searched too, so a note's match is found whatever the index knows of it.
    if notes && let Ok(store) = super::open_store(config) {
        let stored: std::collections::HashSet<String> = store.briefings().into_iter().collect();
        if !stored.is_empty() {
            let listing = match catalogue.listing() {
                Ok(listing) => listing,
                Err(e) => {
                    fallback(&e.fallback_message());
                    return None;
                }
            };
            for row in listing.briefings {
                if stored.contains(&row.id) && !files.contains(&row.path) {
                    files.push(row.path);
                }
            }
            // The library's order is the files' order.
            files.sort();
        }
    }
    let mut library = Library::default();
    library.problems = stale.problems;
    for file in files {
        library.add(load_file(&file, config.load_options()));
    }
    Some(super::search::search(
        &library, config, query, notes, format, out,
    ))
}
