//! Shared pieces of drawing and input: the theme, the status line, a one-line text
//! input, the scroll rule every list uses, and overlay frames. Screens use these;
//! these use no screen.

pub mod blocks;
pub mod clip;
pub mod filter;
pub mod line_input;
pub mod scroll;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use crate::domain::briefing::Briefing;
use crate::domain::i18n::{DocLabels, Lang};
use crate::domain::text::{display_width, truncate};

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

/// Clears `rect` (and a column either side, so no half of a wide character of the
/// screen below shows at its edges) and draws a framed overlay with a title; returns
/// the inner area.
pub fn overlay_frame(theme: &theme::Theme, frame: &mut Frame, rect: Rect, title: &str) -> Rect {
    let area = frame.area();
    let left = rect.x.saturating_sub(1).max(area.x);
    let right = (rect.x + rect.width + 1).min(area.x + area.width);
    frame.render_widget(
        Clear,
        Rect {
            x: left,
            width: right - left,
            ..rect
        },
    );
    let title = truncate(title, usize::from(rect.width.saturating_sub(4)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.overlay)
        .title(Span::styled(format!(" {title} "), theme.pane_title_focused));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A full-screen view's title, on the first row.
pub fn title_line(theme: &theme::Theme, frame: &mut Frame, text: String) {
    let area = frame.area();
    frame.render_widget(
        ratatui::widgets::Paragraph::new(Line::from(Span::styled(text, theme.header))),
        Rect { height: 1, ..area },
    );
}

/// A line padded to `width`, so a selected row is highlighted edge to edge.
pub fn padded(text: &str, width: usize, style: Style) -> Line<'static> {
    let text = truncate(text, width);
    let pad = width.saturating_sub(display_width(&text));
    Line::from(Span::styled(format!("{text}{}", " ".repeat(pad)), style))
}

/// The labels a briefing is drawn with: its own language's (or, when brief does not
/// speak it, the interface's, `ui`), for section kinds, "Bottom line", "Sources",
/// dates and confidence words, with the briefing's own `[labels]` on top.
pub fn doc_labels(briefing: &Briefing, ui: Lang) -> DocLabels<'_> {
    DocLabels::new(
        Lang::for_document(briefing.language.as_deref(), ui),
        briefing.labels.as_ref(),
    )
}

/// `3,412`: a count with thousands separators.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
