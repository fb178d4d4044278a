//! A library: the briefings that loaded, and the problems with those that did not.
//! One bad file never stops the others. Must not depend on terminal crates.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::briefing::{Briefing, Origin};
use super::bundled::BUNDLED;
use super::diag::{Diagnostic, Pos};
use super::load::{
    HEAD_SECTIONS, HeadParse, LoadOptions, Loaded, discover, load_file, load_head, parse_briefing,
};
use super::text::slugify;

/// The briefings that loaded, in the order found, and every problem met.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Loaded briefings; ids are unique.
    pub briefings: Vec<Arc<Briefing>>,
    /// Errors and warnings, in the order found.
    pub problems: Vec<Diagnostic>,
    /// Briefing id → index, kept by [`Library::add`].
    index: std::collections::HashMap<String, usize>,
}

/// Where briefings come from: the `paths` given, else `briefings_dir` (from the
/// config), else `./briefings` if it exists, else `None` (the bundled briefings). The
/// reader and every command resolve them the same way.
pub fn default_paths(paths: &[PathBuf], briefings_dir: Option<&Path>) -> Option<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Some(paths.to_vec());
    }
    if let Some(dir) = briefings_dir {
        return Some(vec![dir.to_path_buf()]);
    }
    let local = PathBuf::from("briefings");
    local.is_dir().then(|| vec![local])
}

impl Library {
    /// Loads every briefing under `paths` (files, or folders searched recursively).
    pub fn load(paths: &[PathBuf], options: LoadOptions) -> Library {
        let (files, problems) = discover(paths);
        let mut library = Library {
            problems,
            ..Library::default()
        };
        for file in files {
            library.add(load_file(&file, options));
        }
        library
    }

    /// The briefings compiled into the binary.
    pub fn bundled() -> Library {
        let mut library = Library::default();
        for (name, text) in BUNDLED {
            let stem = name.strip_suffix(".toml").unwrap_or(name);
            library.add(parse_briefing(
                text.as_bytes(),
                Origin::Embedded(name),
                Some(slugify(stem)),
            ));
        }
        library
    }

    /// Adds the outcome of loading one file: the briefing, or its problems. A second
    /// briefing with an id already taken is refused with an error naming both files.
    pub fn add(&mut self, outcome: Result<Loaded, Vec<Diagnostic>>) {
        match outcome {
            Ok(loaded) => {
                self.problems.extend(loaded.warnings);
                let briefing = loaded.briefing;
                if let Some(first) = self.get(&briefing.id) {
                    let message = format!(
                        "duplicate briefing id `{}`: {} already uses it",
                        briefing.id,
                        first.origin.display_name()
                    );
                    self.problems.push(Diagnostic::error(
                        briefing.origin.display_name(),
                        briefing.id_position.or(Some(Pos { line: 1, column: 1 })),
                        message,
                    ));
                } else {
                    self.index.insert(briefing.id.clone(), self.briefings.len());
                    self.briefings.push(Arc::new(briefing));
                }
            }
            Err(problems) => self.problems.extend(problems),
        }
    }

    /// Adds a briefing already loaded (or replaces the one with its id).
    pub fn insert(&mut self, briefing: Arc<Briefing>) {
        match self.index.get(&briefing.id) {
            Some(&i) => self.briefings[i] = briefing,
            None => {
                self.index.insert(briefing.id.clone(), self.briefings.len());
                self.briefings.push(briefing);
            }
        }
    }

    /// Forgets a briefing (to be read again when next wanted).
    pub fn remove(&mut self, id: &str) {
        if let Some(i) = self.briefings.iter().position(|b| b.id == id) {
            self.briefings.remove(i);
            self.index = self
                .briefings
                .iter()
                .enumerate()
                .map(|(i, b)| (b.id.clone(), i))
                .collect();
        }
    }

    /// The briefing with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Briefing>> {
        if self.index.len() == self.briefings.len() {
            self.index.get(id).and_then(|&i| self.briefings.get(i))
        } else {
            // Briefings were pushed without `add`: fall back to a scan.
            self.briefings.iter().find(|b| b.id == id)
        }
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// What a background load reports, in order: what was found, then every file's
/// outcome in the order the files were found, then the end. A load of one large file
/// reports its head first (see [`LoadEvent::Head`]).
#[derive(Debug)]
pub enum LoadEvent {
    /// The files to load, and problems with paths that could not be read at all.
    Discovered {
        /// How many files will be loaded.
        total: usize,
        /// Paths that could not be opened or walked.
        problems: Vec<Diagnostic>,
    },
    /// The head of the only file loaded, when it is large (at least
    /// [`HEAD_FROM`](super::load::HEAD_FROM) bytes): its preamble and first sections, a
    /// [`partial`](Briefing::partial) briefing to show while the rest is parsed. Its
    /// [`LoadEvent::Loaded`] follows (the whole briefing, or the file's problems, exactly
    /// as when no head is sent). Not added to a [`Library`]: it stands in for the whole.
    Head(Box<Briefing>),
    /// One file's outcome.
    Loaded(Box<Result<Loaded, Vec<Diagnostic>>>),
    /// Every file was loaded.
    Done,
}

/// Loads `paths` on `workers` background threads and reports through `sink`, in file
/// order (so which of two files with one id wins never depends on timing). Returns at
/// once; `sink` returning `false` stops the load early.
pub fn load_in_background(
    paths: Vec<PathBuf>,
    options: LoadOptions,
    workers: usize,
    sink: impl FnMut(LoadEvent) -> bool + Send + 'static,
) {
    std::thread::spawn(move || load_streaming(&paths, options, workers, sink));
}

/// The body of [`load_in_background`], on the calling thread.
pub fn load_streaming(
    paths: &[PathBuf],
    options: LoadOptions,
    workers: usize,
    mut sink: impl FnMut(LoadEvent) -> bool,
) {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::mpsc;

    let (files, problems) = discover(paths);
    let total = files.len();
    if !sink(LoadEvent::Discovered { total, problems }) {
        return;
    }
    if let [file] = files.as_slice() {
        // One file: the reader opens it, so a large one is shown by its head first.
        let outcome = match load_head(file, options, HEAD_SECTIONS) {
            HeadParse::Whole(outcome) => outcome,
            HeadParse::Head { head, rest } => {
                if !sink(LoadEvent::Head(head)) {
                    return;
                }
                rest.parse()
            }
        };
        if sink(LoadEvent::Loaded(Box::new(outcome))) {
            sink(LoadEvent::Done);
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Result<Loaded, Vec<Diagnostic>>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            let tx = tx.clone();
            let (files, next, stop) = (&files, &next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { return };
                    if tx.send((i, load_file(file, options))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        // Put results back in file order before reporting them.
        let mut waiting = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (i, outcome) in rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&expected) {
                expected += 1;
                if !sink(LoadEvent::Loaded(Box::new(outcome))) {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
    if !stop.load(std::sync::atomic::Ordering::Relaxed) {
        sink(LoadEvent::Done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_briefings_load_cleanly() {
        let library = Library::bundled();
        assert!(library.problems.is_empty(), "{:#?}", library.problems);
        assert_eq!(library.briefings.len(), 2);
        for b in &library.briefings {
            assert!(
                b.sections.len() >= 10,
                "{} has {} sections",
                b.id,
                b.sections.len()
            );
            let dated = b
                .sections
                .iter()
                .find(|s| s.kind.as_ref().map(|k| k.as_str()) == Some("possible-dates"));
            assert!(dated.is_some_and(|s| !s.dates.is_empty()), "{}", b.id);
        }
    }

    /// A TOML briefing of `sections` sections of about 8 KB each, then `tail`.
    fn big(sections: usize, tail: &str) -> String {
        let mut text = String::from("title = \"Big\"\nid = \"big\"\n");
        for i in 0..sections {
            let body = format!("Paragraph {i} of the section.\n\n").repeat(300);
            text.push_str(&format!(
                "\n[[sections]]\nid = \"s{i}\"\ntitle = \"Section {i}\"\nbody = \"\"\"\n{body}\"\"\"\n"
            ));
        }
        text.push_str(tail);
        text
    }

    /// What `load_streaming` reports for `paths`, event by event.
    fn stream(paths: &[PathBuf]) -> Vec<LoadEvent> {
        let mut events = Vec::new();
        load_streaming(paths, LoadOptions::default(), 2, |e| {
            events.push(e);
            true
        });
        events
    }

    #[test]
    fn one_large_file_is_reported_by_its_head_before_the_whole() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("big.toml");
        let text = big(40, "");
        assert!(text.len() >= crate::domain::load::HEAD_FROM);
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        let today = load_file(&path, LoadOptions::default()).unwrap_or_else(|e| panic!("{e:?}"));
        let events = stream(std::slice::from_ref(&path));
        let [
            LoadEvent::Discovered { total: 1, .. },
            LoadEvent::Head(head),
            LoadEvent::Loaded(whole),
            LoadEvent::Done,
        ] = events.as_slice()
        else {
            panic!("{events:#?}");
        };
        let Ok(whole) = whole.as_ref() else {
            panic!("{whole:?}");
        };
        assert_eq!(whole.briefing, today.briefing);
        assert!(head.partial && !whole.briefing.partial);
        let n = head.sections.len();
        assert!(n >= 1 && n < whole.briefing.sections.len(), "{n}");
        assert_eq!(head.sections[..], whole.briefing.sections[..n]);
        assert_eq!(head.title, "Big");

        // A problem in the rest comes after the head, exactly as `load_file` reports it.
        let broken = dir.path().join("broken.toml");
        std::fs::write(&broken, big(40, "\n[[sections]]\ntitle = 3\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        let today = load_file(&broken, LoadOptions::default()).err();
        assert!(
            today.as_ref().is_some_and(|e| e[0].line.is_some()),
            "{today:?}"
        );
        let events = stream(std::slice::from_ref(&broken));
        let [
            _,
            LoadEvent::Head(_),
            LoadEvent::Loaded(whole),
            LoadEvent::Done,
        ] = events.as_slice()
        else {
            panic!("{events:#?}");
        };
        assert_eq!(whole.as_ref().as_ref().err(), today.as_ref());
    }

    #[test]
    fn small_files_and_loads_of_several_files_send_no_head() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let small = dir.path().join("small.toml");
        std::fs::write(&small, big(3, "")).unwrap_or_else(|e| panic!("{e}"));
        let events = stream(std::slice::from_ref(&small));
        assert!(
            matches!(
                events.as_slice(),
                [
                    LoadEvent::Discovered { .. },
                    LoadEvent::Loaded(_),
                    LoadEvent::Done
                ]
            ),
            "{events:#?}"
        );
        std::fs::write(
            dir.path().join("big.toml"),
            big(40, "").replace("\"big\"", "\"b2\""),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let events = stream(&[dir.path().to_path_buf()]);
        assert_eq!(events.len(), 4, "{events:#?}");
        assert!(!events.iter().any(|e| matches!(e, LoadEvent::Head(_))));
    }

    #[test]
    fn a_background_load_reports_in_file_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
        let mut sequential = Library::load(std::slice::from_ref(&dir), LoadOptions::default());
        let mut streamed = Library::default();
        let mut total = 0;
        let mut done = false;
        load_streaming(&[dir], LoadOptions::default(), 3, |event| {
            match event {
                LoadEvent::Discovered { total: t, problems } => {
                    total = t;
                    streamed.problems.extend(problems);
                }
                LoadEvent::Loaded(outcome) => streamed.add(*outcome),
                LoadEvent::Head(_) => panic!("a head for a load of several files"),
                LoadEvent::Done => done = true,
            }
            true
        });
        assert!(done);
        assert!(total >= 12);
        sequential.problems.sort_by(|a, b| a.file.cmp(&b.file));
        streamed.problems.sort_by(|a, b| a.file.cmp(&b.file));
        assert_eq!(streamed.problems, sequential.problems);
        let ids = |l: &Library| l.briefings.iter().map(|b| b.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&streamed), ids(&sequential));
    }
}
