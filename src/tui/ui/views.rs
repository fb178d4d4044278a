//! Drawing the analyst views: the timeline (a list by month, with each range drawn as
//! a bar on a day ruler when the screen is wide enough) and the compare view (the
//! sections of one kind, each under its briefing's title and date).

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::markdown::render_markdown;
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::domain::timeline::days_covered;
use crate::domain::wrap::wrap_block;
use crate::tui::app::App;
use crate::tui::views::TimelineRow;

/// Below this width the timeline is a list without the day strip.
pub const STRIP_MIN_WIDTH: u16 = 100;

fn title_line(app: &App, frame: &mut Frame, text: String) {
    let area = frame.area();
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, app.theme.header))),
        Rect { height: 1, ..area },
    );
}

/// Draws the timeline over the whole screen.
pub fn render_timeline(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = &app.theme;
    let Some(view) = &app.timeline else { return };
    let dates: usize = view.groups.iter().map(|g| g.entries.len()).sum();
    title_line(
        app,
        frame,
        format!(
            " Timeline · {dates} dates in {} briefings",
            app.library.briefings.len()
        ),
    );
    let list = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(3),
        ..area
    };
    let width = usize::from(area.width);
    let strip = area.width >= STRIP_MIN_WIDTH;
    let date_col = if strip { 30 } else { 22 };
    let mut lines = Vec::new();
    if view.groups.is_empty() {
        lines.push(Line::from(Span::styled(
            " No briefing in the library has structured dates ([[sections.dates]]).",
            theme.dim,
        )));
    }
    for (i, row) in view.rows.iter().enumerate().skip(view.offset) {
        if lines.len() >= usize::from(list.height) {
            break;
        }
        let selected = i == view.selected;
        let line = match *row {
            TimelineRow::Today => {
                let text = format!(
                    " ── today · {} ",
                    crate::domain::date::PartialDate::from(view.today).human()
                );
                let fill = width.saturating_sub(display_width(&text));
                Line::from(Span::styled(
                    format!("{text}{}", "─".repeat(fill)),
                    theme.key,
                ))
            }
            TimelineRow::Month(g) => {
                let group = &view.groups[g];
                let mut spans = vec![Span::styled(
                    format!(" {:<w$}", group.label(), w = date_col - 1),
                    theme.heading,
                )];
                if strip {
                    spans.push(Span::styled(ruler(group.days()), theme.dim));
                }
                Line::from(spans)
            }
            TimelineRow::Entry(g, e) => {
                let group = &view.groups[g];
                let entry = &group.entries[e];
                let when = format!("   {}", entry.span.human());
                let mut spans = vec![Span::styled(
                    format!("{:<w$}", truncate(&when, date_col - 1), w = date_col),
                    theme.date,
                )];
                if strip {
                    let (first, last) = days_covered(group, &entry.span);
                    spans.push(Span::styled(bar(group.days(), first, last), theme.key));
                    spans.push(Span::raw("  "));
                }
                let mut text = String::new();
                if let Some(label) = &entry.span.label {
                    text.push_str(&sanitize_line(label));
                    text.push_str(" — ");
                }
                text.push_str(&format!(
                    "{} · {}",
                    sanitize_line(&entry.briefing.title),
                    sanitize_line(entry.section_title())
                ));
                if let Some(c) = &entry.span.confidence {
                    text.push_str(&format!(" ({})", sanitize_line(c)));
                }
                let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
                let text = truncate(&text, width.saturating_sub(used));
                let pad = width.saturating_sub(used + display_width(&text));
                spans.push(Span::raw(format!("{text}{}", " ".repeat(pad))));
                let mut line = Line::from(spans);
                if selected {
                    line = line.style(theme.selected_focused);
                }
                line
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), list);
    super::status::render_status_at_bottom(app, frame);
}

/// `1    5    10   15   20   25   30`: a day ruler for a month.
fn ruler(days: u8) -> String {
    let mut out = String::new();
    let mut day = 1u8;
    while day <= days {
        if day == 1 || day.is_multiple_of(5) {
            let label = day.to_string();
            out.push_str(&label);
            day += label.len() as u8;
        } else {
            out.push(' ');
            day += 1;
        }
    }
    format!("{out:<33}")
}

/// `·········━━━━··················`: the days a range covers in its month.
fn bar(days: u8, first: u8, last: u8) -> String {
    let mut out: String = (1..=days)
        .map(|d| {
            if (first..=last).contains(&d) {
                '━'
            } else {
                '·'
            }
        })
        .collect();
    for _ in days..31 {
        out.push(' ');
    }
    out
}

/// Draws the compare view over the whole screen.
pub fn render_compare(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = &app.theme;
    let Some(view) = &app.compare else { return };
    let Some((kind, count)) = view.kinds.get(view.kind) else {
        title_line(
            app,
            frame,
            " Compare · no section in the library has a kind".to_string(),
        );
        super::status::render_status_at_bottom(app, frame);
        return;
    };
    title_line(
        app,
        frame,
        format!(
            " Compare · {} · {count} section{} across the library",
            kind.label(),
            if *count == 1 { "" } else { "s" }
        ),
    );
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
    frame.render_widget(
        Paragraph::new(Line::from(tabs)),
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
    let body = Rect {
        y: area.y + 3,
        height: area.height.saturating_sub(4),
        ..area
    };
    let width = usize::from(body.width)
        .saturating_sub(4)
        .clamp(8, usize::from(app.config.max_width));
    let mut lines: Vec<Line> = Vec::new();
    let mut skip = view.scroll;
    for (i, entry) in view.entries.iter().enumerate().skip(view.selected) {
        if lines.len() >= usize::from(body.height) {
            break;
        }
        let b: &Arc<_> = &entry.briefing;
        let Some(section) = b.sections.get(entry.section) else {
            continue;
        };
        let mut header = format!(" {}", sanitize_line(&b.title));
        if let Some(d) = b.date {
            header.push_str(&format!(" · {}", d.human()));
        }
        header.push_str(&format!(
            " · §{} {}",
            entry.section + 1,
            sanitize_line(&section.title)
        ));
        let header = truncate(&header, usize::from(body.width));
        let style = if i == view.selected {
            theme.selected_focused
        } else {
            theme.heading
        };
        let mut entry_lines = vec![Line::from(Span::styled(header, style))];
        for date in &section.dates {
            entry_lines.push(Line::from(Span::styled(
                truncate(
                    &format!("   ◷ {}", date.describe()),
                    usize::from(body.width),
                ),
                theme.date,
            )));
        }
        let notes = view.notes.get(&(b.id.clone(), section.id.clone()));
        for note_body in notes.into_iter().flatten() {
            let first = note_body
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            entry_lines.push(Line::from(Span::styled(
                truncate(
                    &format!("   ✎ {}", sanitize_line(first)),
                    usize::from(body.width),
                ),
                theme.note,
            )));
        }
        for block in render_markdown(&section.body) {
            entry_lines.push(Line::raw(""));
            for w in wrap_block(&block, width) {
                let prefix = if w.first {
                    &block.prefix_first
                } else {
                    &block.prefix_rest
                };
                entry_lines.push(Line::raw(format!("   {prefix}{}", &block.text[w.range])));
            }
            if lines.len() + entry_lines.len() > usize::from(body.height) + skip {
                break;
            }
        }
        entry_lines.push(Line::raw(""));
        for line in entry_lines {
            if skip > 0 && i == view.selected {
                skip -= 1;
                continue;
            }
            lines.push(line);
        }
    }
    if view.entries.is_empty() {
        lines.push(Line::from(Span::styled(
            " Nothing of this kind.",
            theme.dim,
        )));
    }
    lines.truncate(usize::from(body.height));
    frame.render_widget(Paragraph::new(lines), body);
    super::status::render_status_at_bottom(app, frame);
}
