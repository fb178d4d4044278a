//! The view: `render(&App, &mut Frame)` draws the state and changes nothing. Every
//! piece of text from a briefing was sanitised before it got here (layout, outline,
//! header), and ratatui writes cells, never raw bytes.

pub mod help;
pub mod library;
pub mod outline;
pub mod overlays;
pub mod reader;
pub mod status;
pub mod theme;
pub mod views;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Overlay, Screen};
use crate::domain::text::{display_width, sanitize_line};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }
    match app.screen {
        Screen::Library => library::render_library(app, frame),
        Screen::Reader => render_reader_screen(app, frame),
        Screen::Timeline => views::render_timeline(app, frame),
        Screen::Compare => views::render_compare(app, frame),
    }
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render_help(app, frame, *scroll),
        Some(Overlay::Editor(editor)) => overlays::render_editor(app, frame, editor),
        Some(Overlay::Panel(panel)) => overlays::render_panel(app, frame, panel),
        Some(Overlay::LibrarySearch(view)) => overlays::render_library_search(app, frame, view),
        Some(Overlay::Finder(finder)) => overlays::render_finder(app, frame, finder),
        None => {}
    }
    // Overlays keep the status line (messages, the keys that matter) in view.
    if app.overlay.is_some() && app.screen == Screen::Reader {
        let areas = app.areas();
        status::render_status(app, frame, areas.status);
    }
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let long = format!("terminal too small ({}×{})", area.width, area.height);
    let text = if display_width(&long) <= usize::from(area.width) {
        long
    } else {
        crate::domain::text::truncate("too small", usize::from(area.width))
    };
    frame.render_widget(Paragraph::new(text), area);
}

fn render_reader_screen(app: &App, frame: &mut Frame) {
    let areas = app.areas();
    let Some(open) = &app.open else {
        return;
    };
    let briefing = open.briefing();
    if let (Some(rect), Some(classification)) = (areas.banner, &briefing.classification) {
        let text = sanitize_line(classification);
        let pad = usize::from(rect.width).saturating_sub(display_width(&text)) / 2;
        let line = format!("{}{}", " ".repeat(pad), text);
        frame.render_widget(
            Paragraph::new(crate::domain::text::truncate(
                &line,
                usize::from(rect.width),
            ))
            .style(app.theme.banner),
            rect,
        );
    }
    render_header(app, frame, areas.header);
    if let Some(rect) = areas.outline {
        outline::render_outline(app, frame, rect);
    }
    if let Some(rect) = areas.reader {
        reader::render_reader(app, frame, rect);
    }
    status::render_status(app, frame, areas.status);
}

/// The title line: title, then date, language and (without a banner row) the
/// classification, right-aligned.
fn render_header(app: &App, frame: &mut Frame, rect: Rect) {
    let Some(open) = &app.open else { return };
    let b = open.briefing();
    let mut right = Vec::new();
    if let Some(d) = b.date {
        right.push(d.human());
    }
    if let Some(l) = &b.language {
        right.push(sanitize_line(l).into_owned());
    }
    if app.areas().banner.is_none()
        && let Some(c) = &b.classification
    {
        right.push(format!("[{}]", sanitize_line(c)));
    }
    let right = right.join(" · ");
    let width = usize::from(rect.width);
    let right_width = display_width(&right).min(width / 2);
    let right = crate::domain::text::truncate(&right, right_width);
    let title_room = width.saturating_sub(right_width + 3);
    let title = crate::domain::text::truncate(&sanitize_line(&b.title), title_room);
    let gap = width.saturating_sub(display_width(&title) + display_width(&right) + 1);
    let line = Line::from(vec![
        Span::styled(format!(" {title}"), app.theme.header),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, app.theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), rect);
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Clears `rect` and draws a framed overlay with a title; returns the inner area.
pub fn overlay_frame(app: &App, frame: &mut Frame, rect: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.overlay)
        .title(Span::styled(
            format!(" {title} "),
            app.theme.pane_title_focused,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}
