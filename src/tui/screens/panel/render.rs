//! Drawing the notes panel: a filter line, then the rows (headings and items, the
//! selected one highlighted edge to edge).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use ratatui::layout::Rect;

use super::{Item, Panel, Row};
use crate::domain::annotation::Status;
use crate::domain::text::sanitize_line;
use crate::keys::{Action, Context};
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
    let scope = if panel.all {
        "every briefing"
    } else {
        "this briefing"
    };
    let order = if panel.by_date {
        "newest first"
    } else {
        "in document order"
    };
    let inner = overlay_frame(
        theme,
        frame,
        rect,
        &format!("Bookmarks and notes · {scope} · {order}"),
    );
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let key = |a: Action| m.keymap.label(Context::Panel, a);
    let filter = if let Some((_, input)) = &panel.labeling {
        let mut spans = vec![Span::styled("Label: ", theme.dim)];
        spans.extend(input.spans(width.saturating_sub(8), theme.key, true));
        Line::from(spans)
    } else if panel.filtering || !panel.filter.is_empty() {
        let mut spans = vec![Span::styled("Filter: ", theme.dim)];
        spans.extend(
            panel
                .filter
                .spans(width.saturating_sub(8), theme.key, panel.filtering),
        );
        Line::from(spans)
    } else {
        Line::from(Span::styled(
            format!(
                "{} filters by #tag or words · {}: every briefing · {}: order · {}: confirm a move",
                key(Action::Search),
                key(Action::ToggleScope),
                key(Action::ToggleOrder),
                key(Action::ConfirmMove)
            ),
            theme.dim,
        ))
    };
    lines.push(filter);
    if panel.rows.is_empty() {
        let text = if panel.unfiltered > 0 {
            format!(
                "No note matches the filter; {} clears it.",
                key(Action::Back)
            )
        } else if panel.all {
            "No bookmarks or notes in any briefing yet.".to_string()
        } else {
            format!(
                "No bookmarks or notes yet: {} bookmarks the current paragraph, {} writes a note.",
                m.keymap.label(Context::Reader, Action::ToggleBookmark),
                m.keymap.label(Context::Reader, Action::Annotate)
            )
        };
        lines.push(Line::from(Span::styled(text, theme.dim)));
    }
    let (list_rows, preview) = split(inner);
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
                    Status::Moved => " [moved]",
                    Status::Orphan => "",
                    Status::Attached => "",
                };
                let when = item.updated.strftime("%Y-%m-%d").to_string();
                let body = item
                    .body
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                let text = if body.is_empty() {
                    format!(" {icon} “{}”{status}  {when}", sanitize_line(&item.quote))
                } else {
                    format!(
                        " {icon} {}{status} — “{}”  {when}",
                        sanitize_line(body),
                        sanitize_line(&item.quote)
                    )
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
        render_preview(item, theme, frame, rect);
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

/// The rows of the list the panel has on a screen `height` rows tall (for scrolling).
pub fn list_rows(height: u16) -> usize {
    let inner = Rect::new(0, 0, 10, height.saturating_sub(4));
    split(inner).0.saturating_sub(1).max(1)
}

/// The selected item whole: what it is, where, its status in words, the passage it
/// quotes, and the note's full text (or the bookmark's label).
fn render_preview(item: &Item, theme: &Theme, frame: &mut Frame, rect: Rect) {
    let width = usize::from(rect.width).max(10);
    let mut lines = vec![Line::from(Span::styled("─".repeat(width), theme.border))];
    let kind = if item.is_note { "Note" } else { "Bookmark" };
    let mut head = format!(
        "{kind} · {} · {}",
        sanitize_line(&item.section),
        item.updated.strftime("%Y-%m-%d %H:%M")
    );
    match (item.trashed, item.status) {
        (true, _) => head.push_str(" · in the trash"),
        (false, Status::Moved) => head.push_str(" · moved: its passage was found elsewhere"),
        (false, Status::Orphan) => head.push_str(" · needs review: its passage is gone"),
        (false, Status::Attached) => {}
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
        "(no label)".to_string()
    } else {
        format!("Label: {}", item.body)
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
            "… (the rest in the editor)",
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), rect);
}
