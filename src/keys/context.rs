//! Input contexts: every place keys can go to has a name (the config's
//! `[keys.<context>]`), the actions it understands, and the contexts it inherits keys
//! from. A key is looked up in the active context's own table first, then in each
//! parent in order; while text is being typed, a plain character is always text.
//! Must not depend on terminal crates.

use strum::{EnumIter, IntoStaticStr};

use super::action::Action;
use Action as A;

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Context {
    /// Keys that work on every screen.
    Global,
    /// Moving in any list: the library, the outline, the panel, the timeline, help…
    List,
    /// Editing a line of text: the note editor, the search prompt, the finder…
    LineEdit,
    /// The library of briefings.
    Library,
    /// The reading pane.
    Reader,
    /// The outline beside it.
    Outline,
    /// The bookmarks and notes panel.
    Panel,
    /// The note editor.
    Editor,
    /// Choosing sentences of a paragraph.
    Selection,
    /// A one-line prompt: the search of the reader, the filter of a list.
    Prompt,
    /// The library-wide search.
    LibrarySearch,
    /// The fuzzy finder.
    Finder,
    /// The timeline.
    Timeline,
    /// The compare view.
    Compare,
    /// The help.
    Help,
    /// A question to answer yes or no.
    Confirm,
    /// The message log.
    Messages,
    /// The sources of the open briefing.
    Sources,
    /// Estimative-language warnings of the open briefing.
    Lints,
}

/// What a list understands.
const LIST: &[Action] = &[
    A::Next,
    A::Previous,
    A::Top,
    A::Bottom,
    A::PageDown,
    A::PageUp,
    A::HalfPageDown,
    A::HalfPageUp,
    A::Open,
    A::Back,
    A::Search,
];

/// What every line of text understands.
const LINE_EDIT: &[Action] = &[
    A::CursorLeft,
    A::CursorRight,
    A::WordLeft,
    A::WordRight,
    A::LineStart,
    A::LineEnd,
    A::DeleteBack,
    A::DeleteForward,
    A::DeleteWordBack,
    A::DeleteToLineStart,
];

/// What works everywhere.
const GLOBAL: &[Action] = &[
    A::Quit,
    A::ForceQuit,
    A::Help,
    A::Messages,
    A::Library,
    A::Timeline,
    A::Compare,
    A::LibrarySearch,
    A::Finder,
];

const READER: &[Action] = &[
    A::Next,
    A::Previous,
    A::Top,
    A::Bottom,
    A::PageDown,
    A::PageUp,
    A::HalfPageDown,
    A::HalfPageUp,
    A::NextSection,
    A::PreviousSection,
    A::FocusNext,
    A::FocusPrevious,
    A::FocusOutline,
    A::Search,
    A::Back,
    A::SearchNext,
    A::SearchPrevious,
    A::ToggleBookmark,
    A::Annotate,
    A::Select,
    A::Annotations,
    A::ToggleNotes,
    A::ToggleRead,
    A::Export,
    A::ExportAll,
    A::Sources,
    A::ToggleEstimative,
    A::Lints,
    A::OutlineWider,
    A::OutlineNarrower,
];

impl Context {
    /// The name in the config (`library-search`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Looks a context up by its config name.
    pub fn from_name(name: &str) -> Option<Context> {
        use strum::IntoEnumIterator;
        Context::iter().find(|c| c.name() == name)
    }

    /// A heading for the help, in `lang`: the catalogue's `context-<name>` message
    /// (`Bookmarks and notes` / `Signets et notes`).
    pub fn title(self, lang: crate::domain::i18n::Lang) -> String {
        crate::domain::i18n::t(lang, &format!("context-{}", self.name()))
    }

    /// The contexts whose keys also work here, nearest first.
    pub fn parents(self) -> &'static [Context] {
        use Context as C;
        match self {
            C::Global | C::LineEdit => &[],
            C::List | C::Reader | C::Selection | C::Confirm => &[C::Global],
            C::Library
            | C::Panel
            | C::Timeline
            | C::Compare
            | C::Help
            | C::Messages
            | C::Sources
            | C::Lints => &[C::List, C::Global],
            // The outline is a list beside the reader: the reader's keys work there too.
            C::Outline => &[C::List, C::Reader, C::Global],
            C::Editor | C::Prompt | C::LibrarySearch | C::Finder => &[C::LineEdit, C::Global],
        }
    }

    /// Whether text is typed here: a plain character is text, never a command.
    pub fn types_text(self) -> bool {
        matches!(
            self,
            Context::LineEdit
                | Context::Editor
                | Context::Prompt
                | Context::LibrarySearch
                | Context::Finder
        )
    }

    /// Whether a key table shows only as part of others (it is never active itself).
    pub fn is_shared(self) -> bool {
        matches!(self, Context::Global | Context::List | Context::LineEdit)
    }

    /// The actions this context's own table may bind (its parents' come on top).
    pub fn own_actions(self) -> &'static [Action] {
        use Context as C;
        match self {
            C::Global => GLOBAL,
            C::List => LIST,
            C::LineEdit => LINE_EDIT,
            C::Library => &[A::Sort],
            C::Reader | C::Outline => READER,
            C::Panel => &[
                A::Edit,
                A::Label,
                A::Delete,
                A::Restore,
                A::EmptyTrash,
                A::ConfirmMove,
                A::ToggleScope,
                A::ToggleOrder,
            ],
            C::Editor => &[
                A::Save,
                A::Cancel,
                A::Newline,
                A::CursorUp,
                A::CursorDown,
                A::Undo,
                A::Redo,
            ],
            C::Selection => &[
                A::ExtendEnd,
                A::ShrinkEnd,
                A::ExtendStart,
                A::ShrinkStart,
                A::Annotate,
                A::ToggleBookmark,
                A::Back,
            ],
            C::Prompt => &[A::Submit, A::Cancel],
            C::LibrarySearch | C::Finder => &[
                A::Open,
                A::Cancel,
                A::Next,
                A::Previous,
                A::PageDown,
                A::PageUp,
            ],
            C::Timeline | C::Help | C::Messages | C::Lints => &[],
            C::Sources => &[A::Withdraw],
            C::Compare => &[A::NextKind, A::PreviousKind, A::SyncScroll],
            C::Confirm => &[A::Yes, A::No],
        }
    }

    /// Whether this context's own table may bind `action`: its own actions, and those
    /// of the contexts it inherits from (to give them other keys here).
    pub fn accepts(self, action: Action) -> bool {
        self.own_actions().contains(&action)
            || self
                .parents()
                .iter()
                .any(|p| p.own_actions().contains(&action))
    }
}
