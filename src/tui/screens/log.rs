//! The message log (`M`): every message of the session, newest first, whole (a message
//! cut at 80 columns in the status line can be read here, wrapped). Opening it counts
//! its warnings and errors as seen.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::i18n::{Lang, t};
use crate::domain::text::sanitize_line;
use crate::keys::{Action, Context, Keymap};
use crate::tr;
use crate::tui::effect::Effect;
use crate::tui::messages::{MessageLog, Tone};
use crate::tui::widgets::filter::Filter;
use crate::tui::widgets::scroll::scrolled;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame};

/// The log overlay's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    /// The first visible row.
    pub scroll: usize,
    /// The filter (`/`): messages holding every word.
    pub filter: Filter,
}

/// The log's lines at a width, in `lang`: each message wrapped, newest first.
fn lines(log: &MessageLog, width: usize, filter: &Filter, lang: Lang) -> Vec<(String, Tone)> {
    let mut out = Vec::new();
    for entry in log.entries().rev() {
        if !filter.matches(&entry.message.text) {
            continue;
        }
        let stamp = entry.at.strftime("%H:%M:%S").to_string();
        let tag = match entry.message.tone {
            Tone::Info => String::new(),
            Tone::Warning => format!("{} ", t(lang, "app-log-warning")),
            Tone::Error => format!("{} ", t(lang, "app-log-error")),
        };
        let text = format!("{stamp}  {tag}{}", sanitize_line(&entry.message.text));
        let indent = " ".repeat(stamp.len() + 2);
        let options = textwrap::Options::new(width.max(12)).subsequent_indent(&indent);
        for piece in textwrap::wrap(&text, options) {
            out.push((piece.into_owned(), entry.message.tone));
        }
    }
    out
}

impl Log {
    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.filter.editing {
            Context::Prompt
        } else {
            Context::Messages
        }
    }

    /// Text typed into the filter.
    pub fn on_text(&mut self, text: &str) {
        if self.filter.editing {
            self.filter.on_text(text);
            self.scroll = 0;
        }
    }

    /// Takes an action (`height`, `width`: the view's rows and columns).
    pub fn on_action(
        &mut self,
        action: Action,
        log: &MessageLog,
        height: usize,
        width: usize,
    ) -> Option<Vec<Effect>> {
        if self.filter.editing {
            self.filter.on_action(action)?;
            self.scroll = 0;
            return Some(Vec::new());
        }
        match action {
            Action::Search => {
                self.filter.start();
                self.scroll = 0;
                return Some(Vec::new());
            }
            Action::Back if self.filter.clear() => return Some(Vec::new()),
            _ => {}
        }
        // The words `warning:` and `error:` differ by language and the log is not told
        // which one it is drawn in: scroll as far as the longest needs.
        let len = Lang::ALL
            .into_iter()
            .map(|lang| lines(log, width, &self.filter, lang).len())
            .max()
            .unwrap_or(0);
        if matches!(action, Action::Back | Action::Messages | Action::Open) {
            return Some(vec![Effect::Close]);
        }
        self.scroll = scrolled(action, self.scroll, len, height)?;
        Some(Vec::new())
    }

    /// Draws the log over the screen, in the keymap's language (the interface's).
    pub fn render(&self, log: &MessageLog, keymap: &Keymap, theme: &Theme, frame: &mut Frame) {
        let lang = keymap.lang();
        let area = frame.area();
        let rect = centered(
            area,
            area.width.saturating_sub(4).min(110),
            area.height.saturating_sub(2),
        );
        let close = keymap.label(Context::Messages, Action::Back);
        let inner = overlay_frame(
            theme,
            frame,
            rect,
            &tr!(lang, "app-log-title", close = close),
        );
        let all = lines(log, usize::from(inner.width), &self.filter, lang);
        let mut shown: Vec<Line> = Vec::new();
        if self.filter.is_active() {
            shown.push(Line::from(self.filter.spans_in(
                lang,
                usize::from(inner.width),
                theme.dim,
                theme.key,
            )));
        }
        let room = usize::from(inner.height).saturating_sub(shown.len());
        shown.extend(
            all.into_iter()
                .skip(self.scroll)
                .take(room)
                .map(|(text, tone)| {
                    let style = match tone {
                        Tone::Info => theme.text,
                        Tone::Warning => theme.warning,
                        Tone::Error => theme.error,
                    };
                    Line::from(Span::styled(text, style))
                }),
        );
        if shown.is_empty() {
            shown.push(Line::from(Span::styled(
                t(lang, "app-log-empty"),
                theme.dim,
            )));
        }
        frame.render_widget(Paragraph::new(shown), inner);
    }
}
