//! A question that waits for yes or no (emptying the trash, discarding a changed
//! note). Drawn as a small box over the screen, with the keys that answer it; any
//! other key is ignored with a reminder, never taken as an answer.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keys::{Action, Context, Keymap};
use crate::tr;
use crate::tui::effect::{Effect, Question};
use crate::tui::messages::Message;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame};

/// The question's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question and what a yes does.
    pub question: Question,
}

/// How a question ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Yes.
    Yes,
    /// No.
    No,
}

impl Confirm {
    /// Takes an action: the answer, or a reminder of the keys that answer.
    pub fn on_action(&self, action: Action, keymap: &Keymap) -> Result<Answered, Vec<Effect>> {
        match action {
            Action::Yes => Ok(Answered::Yes),
            Action::No | Action::Quit | Action::Back => Ok(Answered::No),
            _ => Err(vec![Effect::Say(Message::info(self.keys(keymap)))]),
        }
    }

    fn keys(&self, keymap: &Keymap) -> String {
        tr!(
            keymap.lang(),
            "app-confirm-keys",
            yes = keymap.label(Context::Confirm, Action::Yes),
            no = keymap.label(Context::Confirm, Action::No)
        )
    }

    /// Draws the question, in the keymap's language (the interface's; the question
    /// was asked in it).
    pub fn render(&self, keymap: &Keymap, theme: &Theme, frame: &mut Frame) {
        let area = frame.area();
        let width = 60.min(area.width.saturating_sub(2));
        // Tall enough for the whole question (a consent names every briefing), up to
        // the screen; the keys always on the last line.
        let text_width = usize::from(width.saturating_sub(2)).max(1);
        let question = textwrap::wrap(&self.question.text, text_width);
        let keys = self.keys(keymap);
        let wanted = question.len() + 1 + textwrap::wrap(&keys, text_width).len() + 2;
        let height = u16::try_from(wanted)
            .unwrap_or(u16::MAX)
            .min(area.height.saturating_sub(2))
            .max(6);
        let rect = centered(area, width, height);
        let title = crate::domain::i18n::t(keymap.lang(), "app-confirm-title");
        let inner = overlay_frame(theme, frame, rect, &title);
        let mut lines: Vec<Line> = question
            .into_iter()
            .map(|l| Line::from(Span::styled(l.into_owned(), theme.warning)))
            .collect();
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(keys, theme.key)));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::effect::Answer;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn a_long_question_is_shown_whole_with_its_keys() {
        let names: Vec<String> = (1..=6)
            .map(|i| format!("“Depot number {i}” is TLP:RED (for the named recipients only)"))
            .collect();
        let confirm = Confirm {
            question: Question {
                text: format!(
                    "Export briefings whose label restricts sharing? {}",
                    names.join("; ")
                ),
                yes: Answer::EmptyTrash,
            },
        };
        let keymap = Keymap::defaults();
        let theme = Theme::new(crate::config::ThemeName::Dark, false);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| confirm.render(&keymap, &theme, frame))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        let screen: String = (0..24)
            .map(|y| {
                (0..80)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        // The box's text, its lines joined (the borders left out).
        let flat: String = screen
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for i in 1..=6 {
            assert!(flat.contains(&format!("Depot number {i}")), "{screen}");
        }
        assert!(flat.contains(&confirm.keys(&keymap)), "{screen}");
    }
}
