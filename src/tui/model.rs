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
    /// Every briefing, and the problems met loading them.
    pub library: Library,
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
        Model {
            lang,
            config,
            keymap,
            library,
            notebook: Notebook::default(),
            open: None,
            placed: Placed::default(),
            log: MessageLog::default(),
            loading: None,
            stats: HashMap::new(),
            index: None,
            indexing: false,
            show_notes,
            show_estimative: false,
            lexicons: crate::domain::tradecraft::estimative::Lexicons::bundled(),
            notes_kept: false,
            today: jiff::Zoned::now().date(),
            stale: None,
        }
    }

    /// The open briefing's annotations, once read.
    pub fn open_set(&self) -> Option<&AnnotationSet> {
        self.notebook.get(&self.open.as_ref()?.id)
    }

    /// The id of the open briefing.
    pub fn open_id(&self) -> Option<&str> {
        self.open.as_deref().map(|b| b.id.as_str())
    }

    /// A briefing's (annotations, unread sections): live for a set in memory, else as
    /// last counted.
    pub fn stats_of(&self, briefing: &Briefing) -> (usize, usize) {
        match self.notebook.get(&briefing.id) {
            Some(set) => super::jobs::stats_of(briefing, set),
            None => self
                .stats
                .get(&briefing.id)
                .copied()
                .unwrap_or((0, briefing.sections.len())),
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
