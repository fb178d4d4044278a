//! The view: `App::render` draws the screen, the overlays in their order and the
//! status line, from the state, and changes nothing. Every piece of text from a
//! briefing is sanitised before it is drawn, and ratatui writes cells, never raw bytes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::{App, Base};
use crate::domain::i18n::{Lang, t};
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::keys::Context;
use crate::tr;
use crate::tui::overlay::Overlay;
use crate::tui::screens::{compare, library, reader, timeline};
use crate::tui::widgets::status::{Saving, StatusInfo, render_status};

/// The smallest screen brief draws its interface on.
pub const MIN_WIDTH: u16 = 20;
/// The smallest screen height brief draws its interface on.
pub const MIN_HEIGHT: u16 = 6;

impl App {
    /// Draws the whole screen.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(frame, area, self.model.lang);
            return;
        }
        let m = &self.model;
        let theme = &self.theme;
        match (self.base, &self.reader, &self.timeline, &self.compare) {
            (Base::Reader, Some(r), _, _) => reader::render::render(r, m, theme, frame),
            (Base::Timeline, _, Some(t), _) => timeline::render(t, m, theme, frame),
            (Base::Compare, _, _, Some(c)) => compare::render(c, m, theme, frame),
            _ => library::render::render(&self.library, m, theme, frame),
        }
        for overlay in &self.overlays {
            match overlay {
                Overlay::Help(h) => h.render(&m.keymap, theme, frame),
                Overlay::Log(l) => l.render(&m.log, &m.keymap, theme, frame),
                Overlay::Panel(p) => crate::tui::screens::panel::render::render(p, m, theme, frame),
                Overlay::Editor(e) => e.render(&m.keymap, theme, frame),
                Overlay::LibrarySearch(s) => {
                    crate::tui::screens::library_search::render(s, m, theme, frame)
                }
                Overlay::Finder(f) => crate::tui::screens::finder::render(f, theme, frame),
                Overlay::Confirm(c) => c.render(&m.keymap, theme, frame),
                Overlay::Sources(v) => v.render(m, theme, frame),
                Overlay::Lints(v) => v.render(m, theme, frame),
            }
        }
        let status = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let saving = Saving {
            unsaved: m.notebook.unsaved(),
            failing: m.notebook.failing().map(str::to_string),
            loading: m.loading,
            stale: m.stale.is_some() && self.base == Base::Reader,
        };
        render_status(
            &self.status_info(),
            &saving,
            &m.log,
            &m.keymap,
            theme,
            frame,
            status,
        );
    }

    /// What the status line says of the screen on top.
    fn status_info(&self) -> StatusInfo {
        let context = self.context();
        let mode = match self.overlays.last() {
            Some(o) => o.mode(),
            None => match (self.base, context) {
                (_, Context::Prompt) => "SEARCH",
                (Base::Library, _) => "LIBRARY",
                (Base::Timeline, _) => "TIMELINE",
                (Base::Compare, _) => "COMPARE",
                (Base::Reader, Context::Outline) => "OUTLINE",
                (Base::Reader, Context::Selection) => "SELECT",
                (Base::Reader, _) => "READ",
            },
        };
        let reader = self.reader.as_ref().filter(|_| self.base == Base::Reader);
        let facts = reader
            .map(|r| {
                crate::tui::screens::reader::render::status_facts(
                    r,
                    self.model.lang,
                    &self.theme,
                    self.overlays.is_empty(),
                )
            })
            .unwrap_or_default();
        StatusInfo {
            mode,
            facts,
            context: Some(context),
            searching: reader.is_some_and(|r| r.search.is_some()),
        }
    }
}

fn render_too_small(frame: &mut Frame, area: Rect, lang: Lang) {
    let long = tr!(
        lang,
        "app-too-small",
        width = area.width,
        height = area.height
    );
    let text = if display_width(&long) <= usize::from(area.width) {
        long
    } else {
        truncate(&t(lang, "app-too-small-short"), usize::from(area.width))
    };
    frame.render_widget(Paragraph::new(sanitize_line(&text).into_owned()), area);
}
