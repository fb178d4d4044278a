//! The filter every list has behind `/`: a prompt (letters are text while it is
//! open), words that must all appear in a row, folded like every search of brief
//! (case, accents, typography). `Enter` keeps it, `Esc` in the prompt drops it, and
//! `Esc` in the list clears a kept filter before it leaves.

use ratatui::style::Style;
use ratatui::text::Span;

use super::line_input::LineInput;
use crate::domain::fold::{fold, fold_query};
use crate::domain::i18n::{Lang, t};
use crate::domain::text::display_width;
use crate::keys::Action;

/// A list's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// What was typed.
    pub input: LineInput,
    /// Whether the prompt is open (typing goes to it).
    pub editing: bool,
    /// The folded words, all of which a row must hold.
    words: Vec<String>,
}

impl Filter {
    /// Opens the prompt on a new, empty filter.
    pub fn start(&mut self) {
        self.input.clear();
        self.words.clear();
        self.editing = true;
    }

    /// Whether a filter is kept or being typed.
    pub fn is_active(&self) -> bool {
        self.editing || !self.input.is_empty()
    }

    /// Takes a prompt action. `None` when it is not one; else whether the filter changed.
    pub fn on_action(&mut self, action: Action) -> Option<bool> {
        match action {
            Action::Submit => {
                self.editing = false;
                Some(false)
            }
            Action::Cancel => {
                self.editing = false;
                let had = !self.input.is_empty();
                self.input.clear();
                self.words.clear();
                Some(had)
            }
            other => {
                let changed = self.input.apply(other)?;
                self.refold();
                Some(changed)
            }
        }
    }

    /// Text typed into the prompt.
    pub fn on_text(&mut self, text: &str) {
        self.input.insert(text);
        self.refold();
    }

    /// Clears a kept filter; whether there was one.
    pub fn clear(&mut self) -> bool {
        let had = !self.input.is_empty();
        self.input.clear();
        self.words.clear();
        had
    }

    fn refold(&mut self) {
        self.words = fold_query(self.input.text())
            .text
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
    }

    /// Whether a row's text passes the filter.
    pub fn matches(&self, text: &str) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let hay = fold(text).text;
        self.words.iter().all(|w| hay.contains(w.as_str()))
    }

    /// The filter as shown, in English: see [`Filter::spans_in`].
    pub fn spans(&self, width: usize, label: Style, text: Style) -> Vec<Span<'static>> {
        self.spans_in(Lang::En, width, label, text)
    }

    /// The filter as shown in `lang`: `Filter: words▏` / `Filtre : mots▏`.
    pub fn spans_in(
        &self,
        lang: Lang,
        width: usize,
        label: Style,
        text: Style,
    ) -> Vec<Span<'static>> {
        let lead = format!("{} ", t(lang, "filter-label"));
        let room = width.saturating_sub(display_width(&lead));
        let mut spans = vec![Span::styled(lead, label)];
        spans.extend(self.input.spans(room, text, self.editing));
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_appear_folded() {
        let mut f = Filter::default();
        f.start();
        f.on_text("cooperation sept");
        assert!(f.matches("Coopération militaire — 10–13 sept."));
        assert!(!f.matches("Coopération militaire"));
        assert_eq!(f.on_action(Action::Submit), Some(false));
        assert!(!f.editing && f.is_active());
        assert!(f.clear());
        assert!(f.matches("anything"));
    }
}
