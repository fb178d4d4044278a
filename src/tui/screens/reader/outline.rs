//! Drawing the outline: every section with its kind badge (letters and a colour),
//! numbered, with the selected entry highlighted; the first entry is the overview.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Focus, ReaderScreen};
use crate::domain::i18n::{DocLabel, t};
use crate::domain::text::{display_width, sanitize_line};
use crate::tui::model::Model;
use crate::tui::widgets::doc_labels;
use crate::tui::widgets::theme::Theme;

/// Draws the outline in `rect`.
pub fn render_outline(
    screen: &ReaderScreen,
    m: &Model,
    theme: &Theme,
    frame: &mut Frame,
    rect: Rect,
) {
    let focused = screen.focus == Focus::Outline;
    // The pane's title is the reader's (the interface's language); its entries are the
    // briefing's (its own language).
    let block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", t(m.lang, "outline-title")),
            if focused {
                theme.pane_title_focused
            } else {
                theme.pane_title
            },
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // The title sits on the first row; entries below it.
    let list = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let briefing = screen.briefing();
    let doc = doc_labels(briefing, m.lang);
    let set = m.open_set();
    let width = usize::from(list.width);
    let mut lines = Vec::new();
    for unit in screen.outline.offset..screen.pane.units() {
        if lines.len() >= usize::from(list.height) {
            break;
        }
        let selected = unit == screen.outline.selected;
        let mut spans = Vec::new();
        let (badge, badge_style, title) = if unit == 0 {
            (
                " ≡  ".to_string(),
                theme.badge(None),
                doc.get(DocLabel::Overview),
            )
        } else {
            let s = &briefing.sections[unit - 1];
            match &s.kind {
                Some(k) => (
                    format!("{:<4}", format!(" {}", doc.kind_badge(k.as_str()))),
                    theme.badge(k.known_index()),
                    sanitize_line(&s.title).into_owned(),
                ),
                None => (
                    " ·  ".to_string(),
                    theme.badge(None),
                    sanitize_line(&s.title).into_owned(),
                ),
            }
        };
        let number = if unit == 0 {
            "  ".to_string()
        } else {
            format!("{unit:>2}")
        };
        spans.push(Span::styled(badge, badge_style));
        spans.push(Span::styled(format!(" {number} "), theme.dim));
        // Marks at the right: search matches, notes, bookmarks, and read or changed.
        let mut marks: Vec<Span> = Vec::new();
        if screen
            .search
            .as_ref()
            .is_some_and(|s| s.unit_has_match(unit))
        {
            marks.push(Span::styled("•", theme.search_current));
        }
        let (notes, bookmarks) = m.placed.counts(unit);
        if notes > 0 {
            marks.push(Span::styled(format!("✎{notes}"), theme.mark));
        }
        if bookmarks > 0 {
            marks.push(Span::styled(format!("⚑{bookmarks}"), theme.mark));
        }
        if unit > 0 {
            let section = &briefing.sections[unit - 1];
            match set.and_then(|s| s.read_mark(&section.id)) {
                Some(_) if set.is_some_and(|s| crate::tui::notebook::is_read(s, section)) => {
                    marks.push(Span::styled("✓", theme.dim))
                }
                Some(_) => marks.push(Span::styled("Δ", theme.attention)),
                None => marks.push(Span::raw(" ")),
            }
        }
        let marks_width: usize = marks
            .iter()
            .map(|s| display_width(&s.content))
            .sum::<usize>()
            + marks.len();
        let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
        let room = width.saturating_sub(used + marks_width);
        let title = crate::domain::text::truncate(&title, room);
        let pad = room.saturating_sub(display_width(&title));
        let title_style = match (selected, focused) {
            (true, true) => theme.selected_focused,
            (true, false) => theme.selected,
            _ => theme.text,
        };
        spans.push(Span::styled(
            format!("{title}{}", " ".repeat(pad)),
            title_style,
        ));
        for mark in marks {
            spans.push(Span::raw(" "));
            spans.push(mark);
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
