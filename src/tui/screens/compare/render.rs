//! Drawing the compare view from its state and layout: the title with the position
//! (`2 of 4`) and how the columns scroll, the kinds as tabs, the filter, then the
//! columns side by side under their briefings' titles, or the sections stacked. Reads
//! and changes nothing; every piece of briefing text is sanitised before it is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::CompareView;
use super::layout::{COLUMN_INDENT, Row, STACKED_INDENT};
use crate::domain::text::{display_width, sanitize_line};
use crate::keys::{Action, Context};
use crate::tui::model::Model;
use crate::tui::widgets::blocks::block_line;
use crate::tui::widgets::clip::clip;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::title_line;

/// Draws the compare view over the whole screen but the status line.
pub fn render(view: &CompareView, m: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    if view.loading && view.kinds.is_empty() {
        title_line(theme, frame, " Compare · reading the sections…".to_string());
        return;
    }
    let Some((kind, count)) = view.kinds.get(view.kind) else {
        title_line(
            theme,
            frame,
            " Compare · no section in the library has a kind".to_string(),
        );
        return;
    };
    let title = format!(
        " Compare · {} · {count} section{} across the library",
        kind.label(),
        if *count == 1 { "" } else { "s" }
    );
    render_title(view, m, theme, frame, title);
    // The kinds as tabs.
    let mut tabs = vec![Span::raw(" ")];
    for (i, (k, n)) in view.kinds.iter().enumerate() {
        let style = if i == view.kind {
            theme.badge(k.known_index())
        } else {
            theme.dim
        };
        tabs.push(Span::styled(format!(" {} {n} ", k.badge()), style));
        tabs.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(tabs)), row(area, 1));
    if view.filter.is_active() {
        let mut spans = vec![Span::raw(" ")];
        spans.extend(
            view.filter
                .spans(usize::from(area.width), theme.dim, theme.key),
        );
        frame.render_widget(Paragraph::new(Line::from(spans)), row(area, 2));
    }
    if view.entries.is_empty() {
        let text = if view.filter.is_active() {
            " No section of this kind matches the filter."
        } else {
            " Nothing of this kind."
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(text, theme.dim))),
            row(area, 3),
        );
        return;
    }
    if view.layout.stacked {
        render_stacked(view, theme, frame);
    } else {
        render_columns(view, theme, frame);
    }
}

/// Row `y` of `area`, one row high (empty below the area).
fn row(area: Rect, y: u16) -> Rect {
    Rect {
        y: area.y + y.min(area.height),
        height: u16::from(y < area.height),
        ..area
    }
}

/// The title, and at its right where you are: `2 of 4`, the briefings on screen when
/// not all fit, and how the columns scroll (with the key that changes it).
fn render_title(view: &CompareView, m: &Model, theme: &Theme, frame: &mut Frame, title: String) {
    let area = frame.area();
    let width = usize::from(area.width);
    let position = format!(
        "{} of {}",
        (view.selected + 1).min(view.entries.len()),
        view.entries.len()
    );
    let mut parts = vec![position];
    // Over the limit, the most recent briefings are shown: say so, with the key that
    // narrows the rest down.
    let shown_briefings = view.briefings_shown();
    if view.briefings > shown_briefings {
        let key = m.keymap.label(Context::Compare, Action::Search);
        parts.push(format!(
            "the {shown_briefings} most recent of {} briefings ({key} narrows)",
            crate::tui::widgets::thousands(view.briefings)
        ));
    }
    if !view.layout.stacked {
        let shown = view.shown_columns();
        let total = view.layout.columns.len();
        if shown.len() < total {
            parts.push(format!(
                "briefings {}–{} of {total}",
                shown.start + 1,
                shown.end
            ));
        }
        let key = m.keymap.label(Context::Compare, Action::SyncScroll);
        let how = if view.together {
            "together"
        } else {
            "separately"
        };
        parts.push(if key.is_empty() {
            format!("scrolling {how}")
        } else {
            format!("scrolling {how} ({key})")
        });
    }
    // The position stays; when room is short the title loses "across the library",
    // then what follows the position goes.
    let short = title
        .strip_suffix(" across the library")
        .unwrap_or(&title)
        .to_string();
    let mut choice = (title.clone(), format!("{} ", parts[0]));
    'fit: for n in (1..=parts.len()).rev() {
        for t in [&title, &short] {
            let right = format!("{} ", parts[..n].join(" · "));
            if display_width(t) + display_width(&right) < width {
                choice = (t.clone(), right);
                break 'fit;
            }
        }
    }
    let (title, right) = choice;
    let room = width.saturating_sub(display_width(&right) + 1);
    title_line(theme, frame, clip(&title, room));
    let right_width = display_width(&right).min(width);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(right, theme.header))),
        Rect {
            x: area.x + (width - right_width) as u16,
            y: area.y,
            width: right_width as u16,
            height: 1.min(area.height),
        },
    );
}

/// The sections one under the other, each under its briefing's title and date.
fn render_stacked(view: &CompareView, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let width = usize::from(area.width);
    let Some(column) = view.layout.columns.first() else {
        return;
    };
    let top = view.offsets.first().copied().unwrap_or(0);
    let indent = " ".repeat(STACKED_INDENT);
    let head = |i: usize| {
        let style = head_style(view, theme, i);
        Line::from(Span::styled(clip(&stacked_head(view, i), width), style))
    };
    let mut lines: Vec<Line> = column
        .rows
        .iter()
        .skip(top)
        .take(view.layout.height)
        .map(|r| match r {
            Row::Head(i) => head(*i),
            other => row_line(view, theme, other, &indent, width),
        })
        .collect();
    // Scrolled into a section, its heading stays on the first row (it covers the row
    // that ended the page before, so no row goes unseen).
    if top > 0
        && !matches!(column.rows.get(top), Some(Row::Head(_)))
        && let Some(first) = lines.first_mut()
    {
        *first = head(column.entry_at(top));
    }
    let body = Rect {
        y: area.y + 3,
        height: (view.layout.height as u16).min(area.height.saturating_sub(4)),
        ..area
    };
    frame.render_widget(Paragraph::new(lines), body);
}

/// The columns on screen, each under its briefing's title, separated by a rule.
fn render_columns(view: &CompareView, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let width = view.layout.column_width;
    let height = (view.layout.height as u16).min(area.height.saturating_sub(5));
    let shown = view.shown_columns();
    let focus = view.focus();
    let indent = " ".repeat(COLUMN_INDENT);
    for (v, c) in shown.clone().enumerate() {
        let Some(column) = view.layout.columns.get(c) else {
            continue;
        };
        let x = area.x + (v * (width + 1)) as u16;
        if x >= area.x + area.width {
            break;
        }
        let w = (width as u16).min(area.x + area.width - x);
        // The briefing's title and date, with arrows when columns are off screen.
        let briefing = &view.entries[column.entries.start].briefing;
        let mut header = sanitize_line(&briefing.title).into_owned();
        if let Some(d) = briefing.date {
            header.push_str(&format!(" · {}", d.human()));
        }
        let left = if v == 0 && shown.start > 0 {
            "‹ "
        } else {
            " "
        };
        let right = if c + 1 == shown.end && shown.end < view.layout.columns.len() {
            " ›"
        } else {
            ""
        };
        let room = usize::from(w).saturating_sub(display_width(left) + display_width(right));
        let header = format!("{left}{}", clip(&header, room));
        let pad = usize::from(w).saturating_sub(display_width(&header) + display_width(right));
        let style = if c == focus {
            theme.selected_focused
        } else {
            theme.heading
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                format!("{header}{}{right}", " ".repeat(pad)),
                style,
            ))),
            Rect {
                x,
                y: area.y + 3,
                width: w,
                height: 1.min(area.height.saturating_sub(4)),
            },
        );
        let top = view.offsets.get(c).copied().unwrap_or(0);
        let head = |i: usize| {
            let text = format!("{indent}{}", section_head(view, i));
            let style = head_style(view, theme, i);
            Line::from(Span::styled(clip(&text, usize::from(w)), style))
        };
        let mut lines: Vec<Line> = column
            .rows
            .iter()
            .skip(top)
            .take(usize::from(height))
            .map(|r| match r {
                Row::Head(i) => head(*i),
                other => row_line(view, theme, other, &indent, usize::from(w)),
            })
            .collect();
        // A column scrolled into a section keeps its heading on its first row.
        if top > 0
            && top < column.rows.len()
            && !matches!(column.rows.get(top), Some(Row::Head(_)))
            && let Some(first) = lines.first_mut()
        {
            *first = head(column.entry_at(top));
        }
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                x,
                y: area.y + 4,
                width: w,
                height,
            },
        );
        // The rule after every column but the last on screen.
        let sep = x + w;
        if c + 1 < shown.end && sep < area.x + area.width {
            let rule: Vec<Line> = (0..=height)
                .map(|_| Line::from(Span::styled("│", theme.border)))
                .collect();
            frame.render_widget(
                Paragraph::new(rule),
                Rect {
                    x: sep,
                    y: area.y + 3,
                    width: 1,
                    height: height + 1,
                },
            );
        }
    }
}

/// A row other than a heading: a date, a note, a line of the body, or nothing.
fn row_line(
    view: &CompareView,
    theme: &Theme,
    row: &Row,
    indent: &str,
    width: usize,
) -> Line<'static> {
    match row {
        Row::Blank | Row::Head(_) => Line::raw(""),
        Row::Date(i, d) => {
            let entry = &view.entries[*i];
            let text = entry
                .content
                .dates
                .get(*d)
                .map(|date| date.describe())
                .unwrap_or_default();
            Line::from(Span::styled(
                clip(&format!("{indent}◷ {text}"), width),
                theme.date,
            ))
        }
        Row::Note(text) => Line::from(Span::styled(
            clip(&format!("{indent}✎ {}", sanitize_line(text)), width),
            theme.note,
        )),
        Row::Body {
            entry,
            block,
            first,
            range,
            cut,
        } => {
            let mut spans = vec![Span::raw(indent.to_string())];
            if let Some(b) = view.blocks.get(*entry).and_then(|b| b.get(*block)) {
                block_line(
                    theme,
                    b,
                    *first,
                    range.clone(),
                    view.layout.text_width,
                    &[],
                    &mut spans,
                );
            }
            if *cut {
                spans.push(Span::styled(crate::domain::wrap::CUT_MARKER, theme.dim));
            }
            Line::from(spans)
        }
    }
}

/// The selected section's heading stands out.
fn head_style(view: &CompareView, theme: &Theme, entry: usize) -> Style {
    if entry == view.selected {
        theme.selected_focused
    } else {
        theme.heading
    }
}

/// `§4 What each side wants`: a section's heading in its briefing's column.
fn section_head(view: &CompareView, entry: usize) -> String {
    let e = &view.entries[entry];
    let title = e.content.title.as_str();
    format!("§{} {}", e.section + 1, sanitize_line(title))
}

/// ` Briefing · 15 Sep 2026 · §2 Context`: a section's heading when stacked.
fn stacked_head(view: &CompareView, entry: usize) -> String {
    let b = &view.entries[entry].briefing;
    let mut header = format!(" {}", sanitize_line(&b.title));
    if let Some(d) = b.date {
        header.push_str(&format!(" · {}", d.human()));
    }
    format!("{header} · {}", section_head(view, entry))
}
