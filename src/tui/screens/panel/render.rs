//! Drawing the notes panel: a filter line, then the rows (headings and items, the
//! selected one highlighted edge to edge).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use ratatui::layout::Rect;

use super::{Item, Panel, Row};
use crate::domain::annotation::Status;
use crate::domain::i18n::{Lang, format_civil_date, format_civil_datetime, t};
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::keys::{Action, Context};
use crate::tr;
use crate::tui::model::Model;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame, padded};

/// Draws the annotations panel.
pub fn render(panel: &Panel, m: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let lang = m.lang;
    let scope = t(
        lang,
        if panel.all {
            "panel-scope-all"
        } else {
            "panel-scope-this"
        },
    );
    let order = t(
        lang,
        if panel.by_date {
            "panel-order-newest"
        } else {
            "panel-order-document"
        },
    );
    let inner = overlay_frame(
        theme,
        frame,
        rect,
        &tr!(lang, "panel-title", scope = scope, order = order),
    );
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let key = |a: Action| m.keymap.label(Context::Panel, a);
    let prompt = |id: &str, input: &crate::tui::widgets::line_input::LineInput, editing| {
        let lead = format!("{} ", t(lang, id));
        let room = width.saturating_sub(display_width(&lead));
        let mut spans = vec![Span::styled(lead, theme.dim)];
        spans.extend(input.spans(room, theme.key, editing));
        Line::from(spans)
    };
    let filter = if let Some((_, input)) = &panel.labeling {
        prompt("panel-label-prompt", input, true)
    } else if panel.filtering || !panel.filter.is_empty() {
        prompt("filter-label", &panel.filter, panel.filtering)
    } else {
        let help = tr!(
            lang,
            "panel-help",
            filter = key(Action::Search),
            scope = key(Action::ToggleScope),
            order = key(Action::ToggleOrder),
            confirm = key(Action::ConfirmMove)
        );
        // Cut visibly when the panel is narrow (the help lists every key).
        Line::from(Span::styled(truncate(&help, width), theme.dim))
    };
    lines.push(filter);
    if panel.rows.is_empty() {
        let text = if panel.unfiltered > 0 {
            tr!(lang, "panel-no-match", key = key(Action::Back))
        } else if panel.all {
            t(lang, "panel-empty-all")
        } else {
            tr!(
                lang,
                "panel-empty",
                bookmark = m.keymap.label(Context::Reader, Action::ToggleBookmark),
                note = m.keymap.label(Context::Reader, Action::Annotate)
            )
        };
        lines.push(Line::from(Span::styled(text, theme.dim)));
    }
    let (list_rows, preview) = split(inner);
    let moved = format!(" {}", t(lang, "panel-moved"));
    for (i, row) in panel.rows.iter().enumerate().skip(panel.offset) {
        if lines.len() >= list_rows {
            break;
        }
        match row {
            Row::Heading(text) => lines.push(Line::from(Span::styled(
                sanitize_line(text).into_owned(),
                theme.heading,
            ))),
            Row::Item(item) => {
                let icon = match (item.is_note, item.trashed) {
                    (_, true) => "×",
                    (true, _) => "✎",
                    (false, _) => "⚑",
                };
                let status = match item.status {
                    Status::Moved => moved.as_str(),
                    Status::Orphan => "",
                    Status::Attached => "",
                };
                let when = day(item.updated, lang);
                let body = item
                    .body
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                let quote = tr!(lang, "text-quoted", text = &item.quote);
                let text = if body.is_empty() {
                    format!(" {icon} {quote}{status}  {when}")
                } else {
                    format!(" {icon} {}{status} — {quote}  {when}", sanitize_line(body))
                };
                let style = if i == panel.selected {
                    theme.selected_focused
                } else if item.status == Status::Moved {
                    theme.attention
                } else if item.trashed {
                    theme.dim
                } else {
                    theme.text
                };
                lines.push(padded(&text, width, style));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let (Some(rect), Some(item)) = (preview, panel.item()) {
        render_preview(item, lang, theme, frame, rect);
    }
}

/// Rows for the list (filter line included) and, when the panel is tall enough, the
/// preview pane of the selected item below it.
fn split(inner: Rect) -> (usize, Option<Rect>) {
    if inner.height < 14 {
        return (usize::from(inner.height), None);
    }
    let preview = (inner.height / 3).max(6);
    let list = inner.height - preview;
    (
        usize::from(list),
        Some(Rect {
            y: inner.y + list,
            height: preview,
            ..inner
        }),
    )
}

/// The day a note last changed (UTC, as stored), as the interface writes dates.
fn day(at: jiff::Timestamp, lang: Lang) -> String {
    format_civil_date(at.to_zoned(jiff::tz::TimeZone::UTC).date(), lang)
}

/// The rows of the list the panel has on a screen `height` rows tall (for scrolling).
pub fn list_rows(height: u16) -> usize {
    let inner = Rect::new(0, 0, 10, height.saturating_sub(4));
    split(inner).0.saturating_sub(1).max(1)
}

/// The selected item whole: what it is, where, its status in words, the passage it
/// quotes, and the note's full text (or the bookmark's label).
fn render_preview(item: &Item, lang: Lang, theme: &Theme, frame: &mut Frame, rect: Rect) {
    let width = usize::from(rect.width).max(10);
    let mut lines = vec![Line::from(Span::styled("─".repeat(width), theme.border))];
    let kind = t(
        lang,
        if item.is_note {
            "panel-preview-note"
        } else {
            "panel-preview-bookmark"
        },
    );
    let when = format_civil_datetime(
        item.updated.to_zoned(jiff::tz::TimeZone::UTC).datetime(),
        lang,
    );
    // The date before the section: a long title is what gets cut.
    let mut head = format!("{kind} · {when} · {}", sanitize_line(&item.section));
    let status = match (item.trashed, item.status) {
        (true, _) => Some("panel-preview-in-trash"),
        (false, Status::Moved) => Some("panel-preview-moved"),
        (false, Status::Orphan) => Some("panel-preview-orphan"),
        (false, Status::Attached) => None,
    };
    if let Some(id) = status {
        head.push_str(" · ");
        head.push_str(&t(lang, id));
    }
    lines.push(Line::from(Span::styled(
        crate::domain::text::truncate(&head, width),
        theme.heading,
    )));
    for piece in textwrap::wrap(&sanitize_line(&item.quote), width.saturating_sub(2))
        .iter()
        .take(3)
    {
        lines.push(Line::from(Span::styled(format!("│ {piece}"), theme.quote)));
    }
    let body = if item.is_note {
        item.body.clone()
    } else if item.body.is_empty() {
        t(lang, "panel-preview-no-label")
    } else {
        tr!(lang, "panel-preview-label", label = &item.body)
    };
    for line in body.lines() {
        for piece in textwrap::wrap(&sanitize_line(line), width) {
            lines.push(Line::from(Span::styled(piece.into_owned(), theme.text)));
        }
    }
    let room = usize::from(rect.height);
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::from(Span::styled(
            t(lang, "panel-preview-more"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), rect);
}
