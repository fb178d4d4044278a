//! What changed in a section since it was read, shown in the reading pane: a
//! word-level diff of the text kept with the read mark against the text as it is now,
//! deletions `[-so-]` and insertions `{+so+}` marked in words and in colour (legible
//! with `NO_COLOR`). Toggled with the "what changed" key; the moving keys scroll it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::briefing::Briefing;
use crate::domain::changes::{Change, Piece, counts, word_diff};
use crate::domain::i18n::Lang;
use crate::domain::text::{display_width, sanitize_line};
use crate::keys::Action;
use crate::tr;
use crate::tui::widgets::theme::Theme;

/// One piece of a display line.
type Run = (String, Change);

/// The diff of one section, laid out.
#[derive(Debug, Clone)]
pub struct ChangesView {
    /// The unit (1 = the first section) it shows.
    pub unit: usize,
    pieces: Vec<Piece>,
    heading: String,
    legend: String,
    lines: Vec<Vec<Run>>,
    width: usize,
    /// The first line shown.
    pub top: usize,
}

impl ChangesView {
    /// The diff of section `unit` of `briefing` against `read` (its text when it was
    /// read), at `width` columns; headings in the interface's language.
    pub fn new(briefing: &Briefing, unit: usize, read: &str, width: usize, lang: Lang) -> Self {
        let now = crate::domain::placing::unit_text(briefing, unit);
        let pieces = word_diff(read, &now);
        let (deleted, inserted) = counts(&pieces);
        let title = briefing
            .sections
            .get(unit.wrapping_sub(1))
            .map(|s| sanitize_line(&s.title).into_owned())
            .unwrap_or_default();
        let heading = tr!(lang, "changes-heading", number = unit, title = title);
        let legend = tr!(
            lang,
            "changes-legend",
            deleted = deleted,
            inserted = inserted
        );
        let mut view = ChangesView {
            unit,
            pieces,
            heading,
            legend,
            lines: Vec::new(),
            width: 0,
            top: 0,
        };
        view.resize(width);
        view
    }

    /// Lays the diff out again for `width` columns.
    pub fn resize(&mut self, width: usize) {
        let width = width.max(8);
        if width != self.width {
            self.width = width;
            self.lines = wrap_pieces(&self.pieces, width);
        }
    }

    /// How many display lines the diff takes (its text, not its heading).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the diff has no text at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Scrolls for a moving key in a pane of `height` rows; `false` for any other key.
    pub fn scroll(&mut self, action: Action, height: usize) -> bool {
        let page = height.saturating_sub(3).max(1);
        let last = self.lines.len().saturating_sub(page);
        self.top = match action {
            Action::Next => self.top + 1,
            Action::Previous => self.top.saturating_sub(1),
            Action::PageDown => self.top + page,
            Action::PageUp => self.top.saturating_sub(page),
            Action::HalfPageDown => self.top + page / 2,
            Action::HalfPageUp => self.top.saturating_sub(page / 2),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        }
        .min(last);
        true
    }

    /// Draws the heading, the legend and the diff from `top` in `rect`.
    pub fn render(&self, theme: &Theme, frame: &mut Frame, rect: Rect) {
        let deleted = theme.error.add_modifier(Modifier::CROSSED_OUT);
        let inserted = theme
            .mark
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        let style = |change: Change| -> Style {
            match change {
                Change::Same => theme.text,
                Change::Deleted => deleted,
                Change::Inserted => inserted,
            }
        };
        let width = usize::from(rect.width);
        let mut lines: Vec<Line> = Vec::new();
        for (text, style) in [(&self.heading, theme.heading), (&self.legend, theme.dim)] {
            for piece in textwrap::wrap(text, width.max(8)) {
                lines.push(Line::from(Span::styled(piece.into_owned(), style)));
            }
        }
        lines.push(Line::default());
        let room = usize::from(rect.height).saturating_sub(lines.len());
        for runs in self.lines.iter().skip(self.top).take(room) {
            lines.push(Line::from(
                runs.iter()
                    .map(|(text, change)| Span::styled(text.clone(), style(*change)))
                    .collect::<Vec<_>>(),
            ));
        }
        frame.render_widget(Paragraph::new(lines).style(theme.text), rect);
    }
}

/// The pieces as display lines of at most `width` columns: a newline in the text
/// breaks the line; a deleted run reads `[-…-]`, an inserted one `{+…+}` (markers on
/// each line of a run that spans lines); words wider than a line are cut.
fn wrap_pieces(pieces: &[Piece], width: usize) -> Vec<Vec<Run>> {
    let mut out = Lines {
        width,
        lines: vec![Vec::new()],
        used: 0,
    };
    let mut previous = Change::Same;
    for piece in pieces {
        // A replaced word reads `[-old-] {+new+}`, not glued together.
        if previous == Change::Deleted
            && piece.change == Change::Inserted
            && (1..out.width).contains(&out.used)
        {
            out.push(" ", Change::Same);
        }
        previous = piece.change;
        let (open, close) = match piece.change {
            Change::Same => ("", ""),
            Change::Deleted => ("[-", "-]"),
            Change::Inserted => ("{+", "+}"),
        };
        for (i, segment) in piece.text.split('\n').enumerate() {
            if i > 0 {
                out.newline();
            }
            let words: Vec<&str> = segment.split_inclusive(' ').collect();
            let last = words.iter().rposition(|w| !w.trim().is_empty());
            let first = words.iter().position(|w| !w.trim().is_empty());
            for (k, word) in words.iter().enumerate() {
                let word = sanitize_line(word);
                let (body, space) = match word.strip_suffix(' ') {
                    Some(body) => (body, " "),
                    None => (word.as_ref(), ""),
                };
                let mut text = String::new();
                if Some(k) == first {
                    text.push_str(open);
                }
                text.push_str(body);
                if Some(k) == last {
                    text.push_str(close);
                }
                out.word(&text, space, piece.change);
            }
        }
    }
    out.lines
}

/// Display lines being filled, word by word.
struct Lines {
    width: usize,
    lines: Vec<Vec<Run>>,
    used: usize,
}

impl Lines {
    fn newline(&mut self) {
        self.lines.push(Vec::new());
        self.used = 0;
    }

    fn push(&mut self, text: &str, change: Change) {
        if text.is_empty() {
            return;
        }
        self.used += display_width(text);
        let line = self.lines.last_mut();
        match line.and_then(|l| l.last_mut().filter(|(_, c)| *c == change)) {
            Some((t, _)) => t.push_str(text),
            None => {
                if let Some(l) = self.lines.last_mut() {
                    l.push((text.to_owned(), change));
                }
            }
        }
    }

    /// A word and the space after it; the space is dropped at a line's end.
    fn word(&mut self, text: &str, space: &str, change: Change) {
        let w = display_width(text);
        if self.used > 0 && self.used + w > self.width {
            self.newline();
        }
        if w <= self.width {
            self.push(text, change);
        } else {
            // Wider than a line: cut it, column by column.
            let mut piece = String::new();
            for c in text.chars() {
                let cw = display_width(c.encode_utf8(&mut [0; 4]));
                if self.used + display_width(&piece) + cw > self.width && !piece.is_empty() {
                    self.push(&std::mem::take(&mut piece), change);
                    self.newline();
                }
                piece.push(c);
            }
            self.push(&piece, change);
        }
        if !space.is_empty() && self.used < self.width {
            // The space belongs to the run only inside it.
            self.push(space, change);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Vec<Run>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn deletions_and_insertions_are_marked_in_words() {
        let pieces = word_diff(
            "the summit is expected soon",
            "the summit is confirmed soon",
        );
        let lines = text(&wrap_pieces(&pieces, 80));
        assert_eq!(lines, ["the summit is [-expected-] {+confirmed+} soon"]);
    }

    #[test]
    fn lines_never_exceed_the_width_and_paragraphs_stay_apart() {
        let old = "word ".repeat(60) + "\n\nsecond paragraph";
        let new = "word ".repeat(30)
            + &"averyveryverylongwordthatcannotfit".repeat(3)
            + "\n\nsecond paragraph kept";
        let lines = wrap_pieces(&word_diff(&old, &new), 20);
        for l in text(&lines) {
            assert!(display_width(&l) <= 20, "{l:?}");
        }
        let all = text(&lines);
        assert!(
            all.iter().any(|l| l.is_empty()),
            "a blank line between paragraphs"
        );
        assert!(all.iter().any(|l| l.contains("{+kept+}")), "{all:?}");
    }
}
