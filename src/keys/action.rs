//! Actions: the reader's vocabulary. Keys map to actions through the keymap of the
//! active context, and the config's `[keys.<context>]` tables name them (kebab-case).
//! Each variant's `///` line is its description in the help, so write it for the user.
//! Must not depend on terminal crates (the CLI validates key tables too).

use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumMessage, IntoStaticStr};

/// Something the user asks the reader to do.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumIter,
    EnumMessage,
    IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Action {
    // Everywhere.
    /// Quit (closes the panel or overlay on top first)
    Quit,
    /// Quit at once, from anywhere
    ForceQuit,
    /// Show the keys of this screen, then the keys that work everywhere
    Help,
    /// The message log: every message of this session, errors first until seen
    Messages,
    /// The library of briefings
    Library,
    /// Every date of the library on one timeline
    Timeline,
    /// One kind of section across all briefings, side by side
    Compare,
    /// Search every briefing and note in the library
    LibrarySearch,
    /// Jump to a section or briefing by fuzzy title
    Finder,

    // Moving in lists, and in the reader.
    /// Down: the next paragraph, entry or result
    Next,
    /// Up: the previous paragraph, entry or result
    Previous,
    /// The first one
    Top,
    /// The last one
    Bottom,
    /// A page down
    PageDown,
    /// A page up
    PageUp,
    /// Half a page down
    HalfPageDown,
    /// Half a page up
    HalfPageUp,
    /// Open what is selected
    Open,
    /// Back: clear the filter or search, close the panel, or leave the screen
    Back,
    /// Search as you type: the text in the reader, the list elsewhere
    Search,

    // The reader.
    /// Next section
    NextSection,
    /// Previous section (or the start of this one)
    PreviousSection,
    /// Move focus to the other pane
    FocusNext,
    /// Move focus to the other pane, backwards
    FocusPrevious,
    /// Focus the outline
    FocusOutline,
    /// Next search match
    SearchNext,
    /// Previous search match
    SearchPrevious,
    /// Bookmark the current paragraph (or remove its bookmark)
    ToggleBookmark,
    /// Write a note on the current paragraph (or edit its note)
    Annotate,
    /// Choose sentences of the paragraph to annotate
    Select,
    /// The bookmarks and notes panel
    Annotations,
    /// Show or hide notes under their paragraphs
    ToggleNotes,
    /// Mark the current section read or unread
    ToggleRead,
    /// Export this briefing's notes (to the export folder)
    Export,
    /// Export the notes of every briefing that has some
    ExportAll,
    /// The sources: their grades, what cites them, what rests on one alone
    Sources,
    /// Show or hide the bands of estimative words (likely, probable…) under paragraphs
    ToggleEstimative,
    /// Estimative language that mixes scales or is missing where it should be
    Lints,
    /// Withdraw the selected source, or take it back (kept with your notes)
    Withdraw,
    /// A wider outline
    OutlineWider,
    /// A narrower outline
    OutlineNarrower,

    // The library.
    /// Sort by date or by title
    Sort,

    // The notes panel.
    /// Edit the selected note
    Edit,
    /// Give the selected bookmark a short label
    Label,
    /// Move the selected note or bookmark to the trash
    Delete,
    /// Restore from the trash (the selected item, else the last deleted)
    Restore,
    /// Empty the trash, after confirmation
    EmptyTrash,
    /// Confirm a moved note at its new place
    ConfirmMove,
    /// This briefing's notes, or every briefing's
    ToggleScope,
    /// Document order, or newest first
    ToggleOrder,

    // Sentence selection.
    /// Choose one more sentence at the end
    ExtendEnd,
    /// Choose one sentence fewer at the end
    ShrinkEnd,
    /// Choose one more sentence at the start
    ExtendStart,
    /// Choose one sentence fewer at the start
    ShrinkStart,

    // Compare.
    /// The next section kind
    NextKind,
    /// The previous section kind
    PreviousKind,
    /// Scroll the columns together, or only the selected one
    SyncScroll,

    // Typing text.
    /// Keep what was typed (search: keep the matches)
    Submit,
    /// Save the note
    Save,
    /// Cancel (asks before discarding a changed note)
    Cancel,
    /// A new line
    Newline,
    /// Cursor left
    CursorLeft,
    /// Cursor right
    CursorRight,
    /// Cursor up a line
    CursorUp,
    /// Cursor down a line
    CursorDown,
    /// Cursor to the previous word
    WordLeft,
    /// Cursor to the next word
    WordRight,
    /// Cursor to the start of the line
    LineStart,
    /// Cursor to the end of the line
    LineEnd,
    /// Delete the character before the cursor
    DeleteBack,
    /// Delete the character under the cursor
    DeleteForward,
    /// Delete the word before the cursor
    DeleteWordBack,
    /// Delete from the start of the line to the cursor
    DeleteToLineStart,
    /// Undo
    Undo,
    /// Redo
    Redo,

    // Confirmation.
    /// Yes
    Yes,
    /// No
    No,
}

impl Action {
    /// The name used in the config's key tables (`next-section`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The one-line description in English: the variant's `///` line, which is also
    /// the config vocabulary's documentation (a test keeps it equal to the English
    /// catalogue's `action-<name>`).
    pub fn description(self) -> &'static str {
        self.get_documentation().unwrap_or("")
    }

    /// The description the help shows, in `lang`: the catalogue's `action-<name>`.
    pub fn describe(self, lang: crate::domain::i18n::Lang) -> String {
        crate::domain::i18n::t(lang, &format!("action-{}", self.name()))
    }

    /// Looks an action up by its config name.
    pub fn from_name(name: &str) -> Option<Action> {
        use strum::IntoEnumIterator;
        Action::iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_action_is_described_and_named() {
        for action in Action::iter() {
            assert!(
                !action.description().is_empty(),
                "{action:?} has no description"
            );
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
        assert_eq!(Action::NextSection.name(), "next-section");
    }

    #[test]
    fn the_english_catalogue_says_what_the_docs_say() {
        use crate::domain::i18n::Lang;
        for action in Action::iter() {
            assert_eq!(
                action.describe(Lang::En),
                action.description(),
                "{action:?}"
            );
            assert_ne!(
                action.describe(Lang::Fr),
                action.description(),
                "{action:?}"
            );
        }
    }

    #[test]
    fn serde_names_match_config_names() {
        for action in Action::iter() {
            let json = serde_json::to_string(&action).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", action.name()));
        }
    }
}
