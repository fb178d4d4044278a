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
        let rect = centered(area, 60.min(area.width.saturating_sub(2)), 6);
        let title = crate::domain::i18n::t(keymap.lang(), "app-confirm-title");
        let inner = overlay_frame(theme, frame, rect, &title);
        let lines = vec![
            Line::from(Span::styled(self.question.text.clone(), theme.warning)),
            Line::from(""),
            Line::from(Span::styled(self.keys(keymap), theme.key)),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }
}
