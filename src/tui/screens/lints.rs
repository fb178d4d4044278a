//! The estimative-language panel (`W`): the open briefing's lints (ICD 203): a sentence
//! that mixes a confidence level with a likelihood word, a briefing that mixes the two
//! rows of the likelihood scale, an assessment that states neither. The same warnings
//! as `brief check --lint`; `Enter` goes to the section.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::i18n::{DocLabel, t};
use crate::domain::text::{sanitize_line, truncate};
use crate::domain::tradecraft::lint::{Lint, lint_briefing};
use crate::keys::Action;
use crate::tui::effect::{Effect, Go, Place};
use crate::tui::model::Model;
use crate::tui::widgets::scroll::{moved, scroll_top};
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame, padded};

/// The panel's state.
#[derive(Debug, Clone, Default)]
pub struct LintsView {
    /// The lints of the open briefing.
    pub lints: Vec<Lint>,
    /// The selected one.
    pub selected: usize,
    /// The first visible one.
    pub offset: usize,
    height: usize,
}

impl LintsView {
    /// The lints of the open briefing, with the terms of its language.
    pub fn new(m: &Model, height: usize) -> LintsView {
        let lints = m
            .open
            .as_ref()
            .map(|b| lint_briefing(b, m.lexicons.for_language(b.language.as_deref())))
            .unwrap_or_default();
        LintsView {
            lints,
            height: height.max(1),
            ..LintsView::default()
        }
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        let len = self.lints.len();
        let page = self.height as isize;
        match action {
            Action::Next => self.selected = moved(self.selected, 1, len),
            Action::Previous => self.selected = moved(self.selected, -1, len),
            Action::PageDown | Action::HalfPageDown => {
                self.selected = moved(self.selected, page / 2, len)
            }
            Action::PageUp | Action::HalfPageUp => {
                self.selected = moved(self.selected, -page / 2, len)
            }
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = len.saturating_sub(1),
            Action::Back | Action::Lints => return Some(vec![Effect::Close]),
            Action::Search => {
                return Some(vec![Effect::Say(crate::tui::messages::Message::info(t(
                    m.lang,
                    "lints-nothing-to-filter",
                )))]);
            }
            Action::Open if self.lints.is_empty() => {
                return Some(vec![Effect::Say(crate::tui::messages::Message::info(t(
                    m.lang,
                    "lints-nothing-to-open",
                )))]);
            }
            Action::Open => {
                let id = m.open_id()?.to_string();
                let unit = self.lints.get(self.selected)?.section.map_or(0, |s| s + 1);
                return Some(vec![
                    Effect::Close,
                    Effect::Go(Go::Briefing {
                        id,
                        at: Some(Place::Unit(unit)),
                    }),
                ]);
            }
            _ => return None,
        }
        self.offset = scroll_top(self.selected, self.offset, self.height, len);
        Some(Vec::new())
    }

    /// Draws the panel.
    pub fn render(&self, m: &Model, theme: &Theme, frame: &mut Frame) {
        let area = frame.area();
        let rect = centered(
            area,
            area.width.saturating_sub(4).min(110),
            area.height.saturating_sub(2),
        );
        let inner = overlay_frame(theme, frame, rect, &t(m.lang, "lints-title"));
        let width = usize::from(inner.width);
        let mut lines = Vec::new();
        if self.lints.is_empty() {
            for piece in textwrap::wrap(&t(m.lang, "lints-none"), width.max(1)) {
                lines.push(Line::from(Span::styled(piece.into_owned(), theme.dim)));
            }
        }
        let titles = m.open.as_ref();
        // The bottom line is named as the briefing names it; the warnings themselves
        // come from the domain's lint, in English.
        let bottom_line = titles.map_or_else(String::new, |b| {
            crate::tui::widgets::doc_labels(b, m.lang).get(DocLabel::BottomLine)
        });
        for (i, lint) in self.lints.iter().enumerate().skip(self.offset) {
            if lines.len() >= usize::from(inner.height) {
                break;
            }
            let place = match lint.section {
                Some(s) => {
                    let title = titles
                        .and_then(|b| b.sections.get(s))
                        .map_or_else(String::new, |sec| sanitize_line(&sec.title).into_owned());
                    format!("§{} {}", s + 1, truncate(&title, 28))
                }
                None => bottom_line.clone(),
            };
            let text = format!("⚠ {place} — {}", sanitize_line(&lint.message));
            let style = if i == self.selected {
                theme.selected_focused
            } else {
                theme.text
            };
            lines.push(padded(&text, width, style));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
