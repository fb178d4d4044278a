//! The reading pane: the visible rows of the continuous flow (overview, then each
//! section), a gutter with the paragraph cursor, and body text styled from its
//! Markdown. Draws only the rows in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::Paragraph;

use crate::domain::markdown::{Block, BlockKind, Inline};
use crate::domain::text::display_width;
use crate::tui::app::{App, Focus, GUTTER};
use crate::tui::layout::{Line, Role};
use crate::tui::ui::theme::Theme;

/// Draws the reading pane in `rect`.
pub fn render_reader(app: &App, frame: &mut Frame, rect: Rect) {
    let Some(open) = &app.open else { return };
    let theme = &app.theme;
    let reader = &open.reader;
    let cursor = reader.cursor;
    let focused = app.focus == Focus::Reader;
    let width = reader.width();
    let mut lines = Vec::with_capacity(usize::from(rect.height));
    for (unit, row, layout) in reader.visible() {
        let mut spans = Vec::new();
        let line = &layout.lines[row];
        let on_cursor = matches!(line, Line::Body { block, .. }
            if cursor.is_some_and(|c| c.unit == unit && c.block == *block));
        let bar = if on_cursor {
            Span::styled("▌", if focused { theme.cursor } else { theme.dim })
        } else {
            Span::raw(" ")
        };
        spans.push(bar);
        spans.push(Span::raw(" ".repeat(usize::from(GUTTER) - 1)));
        match line {
            Line::Blank => {}
            Line::Styled(pieces) => {
                for (text, role) in pieces {
                    spans.push(Span::styled(text.clone(), role_style(theme, *role)));
                }
            }
            Line::Body {
                block,
                first,
                range,
            } => {
                if let Some(b) = layout.blocks.get(*block) {
                    body_spans(theme, b, *first, range.clone(), width, &mut spans);
                }
            }
        }
        lines.push(TextLine::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), rect);
}

fn role_style(theme: &Theme, role: Role) -> Style {
    match role {
        Role::Title => theme.title,
        Role::MetaLabel => theme.meta_label,
        Role::Meta | Role::Plain => theme.text,
        Role::Heading => theme.heading,
        Role::Badge(k) => theme.badge(k),
        Role::Dim => theme.dim,
        Role::Date => theme.date,
    }
}

/// The spans of one wrapped line of a block: its prefix, then its text cut at style
/// boundaries.
fn body_spans(
    theme: &Theme,
    block: &Block,
    first: bool,
    range: std::ops::Range<usize>,
    width: usize,
    spans: &mut Vec<Span<'static>>,
) {
    let base = match block.kind {
        BlockKind::Heading(_) => theme.heading,
        BlockKind::Quote => theme.quote,
        BlockKind::Code => theme.code,
        _ => theme.text,
    };
    let prefix = if first {
        &block.prefix_first
    } else {
        &block.prefix_rest
    };
    if !prefix.is_empty() {
        spans.push(Span::styled(prefix.clone(), theme.dim));
    }
    if block.kind == BlockKind::Rule {
        let n = width.saturating_sub(display_width(prefix)).min(40);
        spans.push(Span::styled("─".repeat(n), theme.dim));
        return;
    }
    let text = &block.text;
    let mut at = range.start;
    for style in &block.styles {
        if style.range.end <= at || style.range.start >= range.end {
            continue;
        }
        let start = style.range.start.max(at);
        let end = style.range.end.min(range.end);
        if start > at {
            spans.push(Span::styled(text[at..start].to_string(), base));
        }
        spans.push(Span::styled(
            text[start..end].to_string(),
            inline_style(theme, base, style.style),
        ));
        at = end;
    }
    if at < range.end {
        spans.push(Span::styled(text[at..range.end].to_string(), base));
    }
}

fn inline_style(theme: &Theme, base: Style, inline: Inline) -> Style {
    let mut style = base;
    if inline.code {
        style = style.patch(theme.code);
    }
    if inline.link {
        style = style.patch(theme.link);
    }
    if inline.url {
        style = style.patch(theme.url);
    }
    if inline.emphasis {
        style = style.add_modifier(theme.emphasis);
    }
    if inline.strong {
        style = style.add_modifier(theme.strong);
    }
    if inline.strike {
        style = style.add_modifier(ratatui::style::Modifier::CROSSED_OUT);
    }
    style
}
