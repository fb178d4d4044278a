//! A library: the briefings that loaded, and the problems with those that did not.
//! One bad file never stops the others. Must not depend on terminal crates.

use std::path::PathBuf;
use std::sync::Arc;

use super::briefing::{Briefing, Origin};
use super::bundled::BUNDLED;
use super::diag::{Diagnostic, Pos};
use super::load::{LoadOptions, Loaded, discover, load_file, parse_briefing};
use super::text::slugify;

/// The briefings that loaded, in the order found, and every problem met.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Loaded briefings; ids are unique.
    pub briefings: Vec<Arc<Briefing>>,
    /// Errors and warnings, in the order found.
    pub problems: Vec<Diagnostic>,
}

impl Library {
    /// Loads every briefing under `paths` (files, or folders searched recursively).
    pub fn load(paths: &[PathBuf], options: LoadOptions) -> Library {
        let (files, problems) = discover(paths);
        let mut library = Library {
            briefings: Vec::new(),
            problems,
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
                    self.briefings.push(Arc::new(briefing));
                }
            }
            Err(problems) => self.problems.extend(problems),
        }
    }

    /// The briefing with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Briefing>> {
        self.briefings.iter().find(|b| b.id == id)
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
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
}
