//! Actions: the reader's vocabulary. Keys map to actions through the keymap, and the
//! config's `[keys]` table names them (kebab-case). Each variant's `///` line is its
//! description in the help overlay, so write it for the user.

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
    /// Quit (closes an open overlay first)
    Quit,
    /// Quit at once, from anywhere
    ForceQuit,
    /// Show or hide this help
    Help,
    /// Move focus to the other pane
    FocusNext,
    /// Move focus to the other pane, backwards
    FocusPrevious,
    /// Focus the outline
    FocusOutline,
    /// Open the selected section in the reader
    Open,
    /// Next paragraph (reader) or entry (outline)
    Next,
    /// Previous paragraph (reader) or entry (outline)
    Previous,
    /// Next section
    NextSection,
    /// Previous section (or the start of this one)
    PreviousSection,
    /// Go to the top
    Top,
    /// Go to the bottom
    Bottom,
    /// Scroll down a page
    PageDown,
    /// Scroll up a page
    PageUp,
    /// Scroll down half a page
    HalfPageDown,
    /// Scroll up half a page
    HalfPageUp,
    /// Open the library of briefings
    Library,
    /// Every date of the library on one timeline
    Timeline,
    /// One kind of section across all briefings, side by side
    Compare,
    /// Search this briefing as you type
    Search,
    /// Next search match
    SearchNext,
    /// Previous search match
    SearchPrevious,
    /// Search every briefing and note in the library
    LibrarySearch,
    /// Jump to a section or briefing by fuzzy title
    Finder,
    /// Bookmark the current paragraph (or remove its bookmark)
    ToggleBookmark,
    /// Write a note on the current paragraph (or edit its note)
    Annotate,
    /// Choose whole sentences of the paragraph to annotate
    Select,
    /// The bookmarks and notes of this briefing
    Annotations,
    /// Show or hide notes under their paragraphs
    ToggleNotes,
    /// Mark the current section read or unread
    ToggleRead,
    /// Export this briefing's notes (to the export folder)
    Export,
    /// Export the notes of every briefing
    ExportAll,
}

impl Action {
    /// The name used in the config's `[keys]` table (`next-section`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The one-line description shown in the help overlay.
    pub fn description(self) -> &'static str {
        self.get_documentation().unwrap_or("")
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
    fn serde_names_match_config_names() {
        for action in Action::iter() {
            let json = serde_json::to_string(&action).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", action.name()));
        }
    }
}
