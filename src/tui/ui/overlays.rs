//! Drawing the overlays that take the keyboard: the note editor, the annotations
//! panel, the library-wide search and the fuzzy finder.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centered, overlay_frame};
use crate::domain::annotation::Status;
use crate::domain::search::Field;
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::panel::{Panel, Row};
use crate::tui::search::{Finder, LibrarySearch};

/// A line padded to `width`, so a selected row is highlighted edge to edge.
fn padded(text: String, width: usize, style: Style) -> Line<'static> {
    let text = truncate(&text, width);
    let pad = width.saturating_sub(display_width(&text));
    Line::from(Span::styled(format!("{text}{}", " ".repeat(pad)), style))
}

/// Draws the note editor: the quoted passage above, the text area below.
pub fn render_editor(app: &App, frame: &mut Frame, editor: &Editor) {
    let area = frame.area();
    let rect = centered(
        area,
        84.min(area.width.saturating_sub(2)),
        18.min(area.height.saturating_sub(2)),
    );
    let title = if editor.note_id.is_some() {
        "Edit note · Ctrl-s saves · Esc cancels"
    } else {
        "New note · Ctrl-s saves · Esc cancels"
    };
    let inner = overlay_frame(app, frame, rect, title);
    if inner.height < 3 {
        return;
    }
    let quote = sanitize_line(&editor.anchor.quote);
    let quote_rows = 2u16.min(inner.height / 3).max(1);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let wrapped = textwrap::wrap(&quote, width.saturating_sub(2).max(1));
    for (i, piece) in wrapped.iter().take(usize::from(quote_rows)).enumerate() {
        let more = i + 1 == usize::from(quote_rows) && wrapped.len() > usize::from(quote_rows);
        let text = if more {
            format!("│ {}…", truncate(piece, width.saturating_sub(3)))
        } else {
            format!("│ {piece}")
        };
        lines.push(Line::from(Span::styled(text, app.theme.quote)));
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: quote_rows,
            ..inner
        },
    );
    let text_rect = Rect {
        y: inner.y + quote_rows + 1,
        height: inner.height.saturating_sub(quote_rows + 1),
        ..inner
    };
    frame.render_widget(&editor.textarea, text_rect);
}

/// Draws the annotations panel.
pub fn render_panel(app: &App, frame: &mut Frame, panel: &Panel) {
    let theme = &app.theme;
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
        app,
        frame,
        rect,
        &format!("Bookmarks and notes · {scope} · {order}"),
    );
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let filter = if panel.filtering || !panel.filter.is_empty() {
        let cursor = if panel.filtering { "▏" } else { "" };
        Line::from(vec![
            Span::styled("Filter: ", theme.dim),
            Span::styled(
                format!("{}{cursor}", sanitize_line(&panel.filter)),
                theme.key,
            ),
        ])
    } else {
        Line::from(Span::styled(
            "/ filters by #tag or words · Tab: every briefing · o: order · m: confirm a move",
            theme.dim,
        ))
    };
    lines.push(filter);
    if panel.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "No bookmarks or notes yet: b bookmarks the current paragraph, a writes a note.",
            theme.dim,
        )));
    }
    for (i, row) in panel.rows.iter().enumerate().skip(panel.offset) {
        if lines.len() >= usize::from(inner.height) {
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
                lines.push(padded(text, width, style));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Draws the library-wide search: results grouped by briefing and section.
pub fn render_library_search(app: &App, frame: &mut Frame, view: &LibrarySearch) {
    let theme = &app.theme;
    let area = frame.area();
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(120),
        area.height.saturating_sub(2),
    );
    let status = if app.library_index.is_none() {
        "indexing the library…".to_string()
    } else if view.running {
        format!("{} found, searching…", view.hits.len())
    } else if view.input.is_empty() {
        "type to search titles, tags, summaries, sections and notes".to_string()
    } else {
        format!("{} found", view.hits.len())
    };
    let inner = overlay_frame(app, frame, rect, "Search the library");
    let width = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.key),
        Span::styled(format!("{}▏", sanitize_line(&view.input)), theme.key),
        Span::styled(format!("  {status}"), theme.dim),
    ])];
    let mut last_briefing: Option<&str> = None;
    let height = usize::from(inner.height);
    for (i, hit) in view.hits.iter().enumerate().skip(view.offset) {
        if lines.len() >= height {
            break;
        }
        if last_briefing != Some(hit.briefing.as_str()) {
            let title = app.library.get(&hit.briefing).map_or_else(
                || hit.briefing.clone(),
                |b| sanitize_line(&b.title).into_owned(),
            );
            lines.push(Line::from(Span::styled(
                truncate(&title, width),
                theme.heading,
            )));
            last_briefing = Some(hit.briefing.as_str());
            if lines.len() >= height {
                break;
            }
        }
        let place = match hit.field {
            Field::Title => "title".to_string(),
            Field::Tags => "tags".to_string(),
            Field::Summary => "summary".to_string(),
            Field::Note => "note".to_string(),
            _ => {
                let section = app
                    .library
                    .get(&hit.briefing)
                    .and_then(|b| b.sections.get(hit.unit.wrapping_sub(1)))
                    .map_or_else(String::new, |s| sanitize_line(&s.title).into_owned());
                format!("§{} {}", hit.unit, truncate(&section, 28))
            }
        };
        let selected = i == view.selected;
        let base = if selected {
            theme.selected_focused
        } else {
            theme.text
        };
        let lead = format!("  {place}: ");
        let snippet = &hit.snippet;
        let (a, b) = (
            hit.highlight.start.min(snippet.len()),
            hit.highlight.end.min(snippet.len()),
        );
        let valid = snippet.is_char_boundary(a) && snippet.is_char_boundary(b);
        let mut spans = vec![Span::styled(
            lead.clone(),
            if selected { base } else { theme.dim },
        )];
        if valid {
            spans.push(Span::styled(snippet[..a].to_string(), base));
            spans.push(Span::styled(
                snippet[a..b].to_string(),
                base.patch(theme.search_match),
            ));
            spans.push(Span::styled(snippet[b..].to_string(), base));
        } else {
            spans.push(Span::styled(snippet.clone(), base));
        }
        let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
        if used < width {
            spans.push(Span::styled(" ".repeat(width - used), base));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Draws the fuzzy finder.
pub fn render_finder(app: &App, frame: &mut Frame, finder: &Finder) {
    let theme = &app.theme;
    let area = frame.area();
    let rect = centered(
        area,
        80.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(4).min(24),
    );
    let inner = overlay_frame(app, frame, rect, "Go to a section or briefing");
    let width = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.key),
        Span::styled(format!("{}▏", sanitize_line(&finder.input)), theme.key),
        Span::styled(
            format!("  {} of {}", finder.shown.len(), finder.entries.len()),
            theme.dim,
        ),
    ])];
    let height = usize::from(inner.height).saturating_sub(1);
    let offset = finder.selected.saturating_sub(height.saturating_sub(1));
    for (row, (index, positions)) in finder.shown.iter().enumerate().skip(offset).take(height) {
        let Some(entry) = finder.entries.get(*index) else {
            continue;
        };
        let selected = row == finder.selected;
        let base = if selected {
            theme.selected_focused
        } else {
            theme.text
        };
        let mut spans = Vec::new();
        let mut used = 0;
        for (i, c) in entry.label.chars().enumerate() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            used += w;
            let hit = positions.binary_search(&(i as u32)).is_ok();
            spans.push(Span::styled(
                c.to_string(),
                if hit { base.patch(theme.key) } else { base },
            ));
        }
        if used < width {
            spans.push(Span::styled(" ".repeat(width - used), base));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
