//! The shared model: what every screen may read and none may change. The library, the
//! annotations in memory and where the open briefing's are placed, the message log,
//! the library index, settings and keys. Only the app changes it, when it applies an
//! effect or a job's result.

use std::collections::HashMap;
use std::sync::Arc;

use super::jobs::SharedIndex;
use super::messages::MessageLog;
use super::notebook::{Notebook, Placed};
use crate::config::Config;
use crate::domain::briefing::Briefing;
use crate::domain::library::Library;
use crate::domain::shelf::{Archive, Entry, Shelf, Source};
use crate::domain::store::AnnotationSet;
use crate::keys::Keymap;

/// The shared model.
#[derive(Debug)]
pub struct Model {
    /// Settings.
    pub config: Config,
    /// The interface's language (the chrome: status line, help, overlays, messages);
    /// what is drawn as part of a briefing follows the briefing's own language.
    pub lang: crate::domain::i18n::Lang,
    /// Keys to actions, per context.
    pub keymap: Keymap,
    /// The briefings read whole: every one when the library is in memory; with a
    /// catalogue, those opened (and those whose notes another view shows).
    pub library: Library,
    /// What the library lists: a row per briefing, and the problems met reading it.
    pub shelf: Shelf,
    /// The library folder's catalogue, when the library is read through one.
    pub archive: Option<Archive>,
    /// Annotations in memory: the open briefing's and every unsaved one.
    pub notebook: Notebook,
    /// The briefing open in the reader.
    pub open: Option<Arc<Briefing>>,
    /// Where the open briefing's annotations are on its text.
    pub placed: Placed,
    /// Messages: the status line's and the log.
    pub log: super::messages::MessageLog,
    /// The background load, while it runs: (files loaded, files found).
    pub loading: Option<(usize, usize)>,
    /// The catalogue's refresh, while it runs: (files read, files to read); (0, 0)
    /// while files are being checked.
    pub refresh: Option<(usize, usize)>,
    /// Per briefing: (notes and bookmarks, sections unread), for the library.
    pub stats: HashMap<String, (usize, usize)>,
    /// The library-wide search index, once built.
    pub index: Option<SharedIndex>,
    /// Whether the index is being built.
    pub indexing: bool,
    /// Whether notes are shown under their paragraphs.
    pub show_notes: bool,
    /// Whether the bands of estimative words are shown under paragraphs.
    pub show_estimative: bool,
    /// The estimative terms, per language (bundled; a config may replace them).
    pub lexicons: crate::domain::tradecraft::estimative::Lexicons,
    /// Whether notes are kept on disk in this session.
    pub notes_kept: bool,
    /// Today, for the timeline (fixed in tests).
    pub today: jiff::civil::Date,
    /// Why the open briefing's file no longer loads, while the last good version is
    /// shown.
    pub stale: Option<String>,
}

impl Model {
    /// A model over a library; nothing open yet.
    pub fn new(config: Config, keymap: Keymap, library: Library) -> Model {
        let show_notes = config.show_notes;
        let lang = config.language();
        // An organisation's scale that does not read is said once, and the bundled
        // lists are used.
        let (lexicons, scale_problem) = match config.lexicons() {
            Ok(lexicons) => (lexicons, None),
            Err(problems) => (
                crate::domain::tradecraft::estimative::Lexicons::bundled(),
                problems.first().map(ToString::to_string),
            ),
        };
        let mut model = Model {
            lang,
            config,
            keymap,
            shelf: Shelf::from_library(&library),
            library,
            archive: None,
            notebook: Notebook::default(),
            open: None,
            placed: Placed::default(),
            log: MessageLog::default(),
            loading: None,
            refresh: None,
            stats: HashMap::new(),
            index: None,
            indexing: false,
            show_notes,
            show_estimative: false,
            lexicons,
            notes_kept: false,
            today: jiff::Zoned::now().date(),
            stale: None,
        };
        model.notebook.lang = lang;
        if let Some(problem) = scale_problem {
            let text = crate::tr!(lang, "config-estimative-failed", problem = problem);
            model.say(crate::tui::messages::Message::warning(text));
        }
        model
    }

    /// The open briefing's annotations, once read.
    pub fn open_set(&self) -> Option<&AnnotationSet> {
        self.notebook.get(&self.open.as_ref()?.id)
    }

    /// The id of the open briefing.
    pub fn open_id(&self) -> Option<&str> {
        self.open.as_deref().map(|b| b.id.as_str())
    }

    /// A briefing's (annotations, unread sections): live for a set in memory (when the
    /// briefing is too), else as last counted.
    pub fn stats_of(&self, entry: &Entry) -> (usize, usize) {
        match (self.notebook.get(&entry.id), self.library.get(&entry.id)) {
            (Some(set), Some(briefing)) => super::jobs::stats_of(briefing, set),
            _ => self
                .stats
                .get(&entry.id)
                .copied()
                .unwrap_or((0, entry.sections)),
        }
    }

    /// Where background jobs read whole briefings and the views' rows from.
    pub fn source(&self) -> Source {
        match &self.archive {
            Some(archive) => Source::Catalogue(archive.clone()),
            None => Source::Memory(self.library.briefings.clone()),
        }
    }

    /// Whether a section counts as read: marked read with its current text.
    pub fn is_read(&self, section: &crate::domain::briefing::Section) -> bool {
        self.open_set()
            .is_some_and(|set| super::notebook::is_read(set, section))
    }

    /// Says something (status line and log).
    pub fn say(&mut self, message: super::messages::Message) {
        self.log.say(message);
    }

    /// The log, to read.
    pub fn log(&self) -> &MessageLog {
        &self.log
    }
}
