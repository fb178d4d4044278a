//! One line of text being typed: the search of the reader, the filters of the lists,
//! the library search and the finder all use it. Editing is done by actions (so every
//! editing key is in the keymap and can be rebound) and typed text is sanitised as it
//! comes in: control characters and line breaks never enter it.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

use crate::domain::text::{display_width, sanitize_line};
use crate::keys::Action;

/// A line of text with a cursor (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// An input holding `text`, the cursor at its end.
    pub fn with(text: &str) -> LineInput {
        let mut input = LineInput::default();
        input.insert(text);
        input
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Empties it.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Types `text` at the cursor (a paste too: line breaks become spaces).
    pub fn insert(&mut self, text: &str) {
        let clean = sanitize_line(&text.replace(['\n', '\r', '\t'], " ")).into_owned();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn previous_boundary(&self, from: usize) -> usize {
        self.text[..from]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, from: usize) -> usize {
        self.text[from..]
            .graphemes(true)
            .next()
            .map_or(from, |g| from + g.len())
    }

    fn word_start_before(&self, from: usize) -> usize {
        let before = &self.text[..from];
        let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    fn word_end_after(&self, from: usize) -> usize {
        let after = &self.text[from..];
        let skipped = after.len()
            - after
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let rest = &after[skipped..];
        from + skipped
            + rest
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i)
    }

    /// Carries out an editing action. `None` when the action is not an editing one;
    /// else whether the text changed.
    pub fn apply(&mut self, action: Action) -> Option<bool> {
        let before = self.text.len();
        match action {
            Action::CursorLeft => self.cursor = self.previous_boundary(self.cursor),
            Action::CursorRight => self.cursor = self.next_boundary(self.cursor),
            Action::WordLeft => self.cursor = self.word_start_before(self.cursor),
            Action::WordRight => self.cursor = self.word_end_after(self.cursor),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.text.len(),
            Action::DeleteBack => {
                let from = self.previous_boundary(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Action::DeleteForward => {
                let to = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..to, "");
            }
            Action::DeleteWordBack => {
                let from = self.word_start_before(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Action::DeleteToLineStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            _ => return None,
        }
        Some(self.text.len() != before)
    }

    /// The spans showing the text in `width` columns with the cursor (`▏`), scrolled so
    /// the cursor is in view.
    pub fn spans(&self, width: usize, style: Style, show_cursor: bool) -> Vec<Span<'static>> {
        let width = width.max(2);
        let (head, tail) = self.text.split_at(self.cursor);
        // Keep the end of what is before the cursor when it does not fit, after `…`.
        let room = width - usize::from(show_cursor);
        let mut used = 0;
        let mut start = head.len();
        let mut cut = false;
        for (i, g) in head.grapheme_indices(true).rev() {
            let w = display_width(g);
            if used + w > room.saturating_sub(1) && (used + w > room || i > 0) {
                cut = true;
                break;
            }
            used += w;
            start = i;
        }
        let head_shown = if cut {
            used += 1;
            format!("…{}", &head[start..])
        } else {
            head.to_string()
        };
        let mut spans = vec![Span::styled(head_shown, style)];
        if show_cursor {
            spans.push(Span::styled("▏", style));
            used += 1;
        }
        let mut tail_shown = String::new();
        for g in tail.graphemes(true) {
            let w = display_width(g);
            if used + w > width {
                break;
            }
            used += w;
            tail_shown.push_str(g);
        }
        spans.push(Span::styled(tail_shown, style));
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_and_deleting_by_graphemes() {
        let mut input = LineInput::with("coopé");
        assert_eq!(input.apply(Action::DeleteBack), Some(true));
        assert_eq!(input.text(), "coop");
        input.apply(Action::LineStart);
        input.insert("la ");
        assert_eq!(input.text(), "la coop");
        input.apply(Action::WordRight);
        input.apply(Action::DeleteWordBack);
        assert_eq!(input.text(), "la ");
        input.apply(Action::DeleteToLineStart);
        assert_eq!(input.text(), "");
        assert_eq!(input.apply(Action::Next), None);
    }

    #[test]
    fn pasted_lines_and_controls_stay_out() {
        let mut input = LineInput::default();
        input.insert("a\nb\u{1b}[2Jc");
        assert!(!input.text().contains('\n'));
        assert!(!input.text().contains('\u{1b}'));
    }

    #[test]
    fn the_cursor_stays_in_view() {
        let input = LineInput::with(&"x".repeat(100));
        let shown: String = input
            .spans(20, Style::default(), true)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert!(display_width(&shown) <= 20, "{shown}");
        assert!(shown.ends_with('▏'), "{shown}");
    }
}
