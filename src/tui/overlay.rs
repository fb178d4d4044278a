//! What can be drawn over a screen, in a stack: the help, the message log, the notes
//! panel, the editor, the library search, the finder, a question. The one on top has
//! the keyboard.

use super::screens::confirm::Confirm;
use super::screens::editor::Editor;
use super::screens::finder::Finder;
use super::screens::help::Help;
use super::screens::library_search::LibrarySearch;
use super::screens::lints::LintsView;
use super::screens::log::Log;
use super::screens::panel::Panel;
use super::screens::sources::SourcesView;
use crate::keys::Context;

/// An overlay.
#[derive(Debug)]
pub enum Overlay {
    /// The help.
    Help(Help),
    /// The message log.
    Log(Log),
    /// The notes panel.
    Panel(Box<Panel>),
    /// The note editor.
    Editor(Box<Editor>),
    /// The library-wide search.
    LibrarySearch(Box<LibrarySearch>),
    /// The finder.
    Finder(Box<Finder>),
    /// A question.
    Confirm(Confirm),
    /// The sources of the open briefing.
    Sources(Box<SourcesView>),
    /// Estimative-language warnings.
    Lints(Box<LintsView>),
}

impl Overlay {
    /// Where keys go while it is on top.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help(h) => h.context(),
            Overlay::Log(l) => l.context(),
            Overlay::Panel(p) => p.context(),
            Overlay::Editor(_) => Context::Editor,
            Overlay::LibrarySearch(_) => Context::LibrarySearch,
            Overlay::Finder(_) => Context::Finder,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Sources(_) => Context::Sources,
            Overlay::Lints(_) => Context::Lints,
        }
    }

    /// What the status line calls it.
    pub fn mode(&self) -> &'static str {
        match self {
            Overlay::Help(_) => "HELP",
            Overlay::Log(_) => "MESSAGES",
            Overlay::Panel(p) if p.filtering => "FILTER",
            Overlay::Panel(_) => "NOTES",
            Overlay::Editor(_) => "NOTE",
            Overlay::LibrarySearch(_) => "SEARCH ALL",
            Overlay::Finder(_) => "GO TO",
            Overlay::Confirm(_) => "QUESTION",
            Overlay::Sources(_) => "SOURCES",
            Overlay::Lints(_) => "ESTIMATIVE",
        }
    }
}
