//! Drawing the library: every briefing with its date, language, title, tags and
//! section count, filtered and sorted; problems loading files are listed below so a
//! broken file is never silently missing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{LibraryScreen, Sort};
use crate::domain::text::{display_width, sanitize_line};
use crate::keys::{Action, Context};
use crate::tui::model::Model;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::thousands;

/// Draws the library over the whole screen but the status line.
pub fn render(view: &LibraryScreen, m: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let width = usize::from(area.width);
    let sort = match view.sort {
        Sort::Date => "by date",
        Sort::Title => "by title",
    };
    let mut title = format!(
        " Library · {} of {} briefings · {sort}",
        view.rows.len(),
        m.shelf.len()
    );
    match m.refresh {
        Some((_, 0)) => title.push_str(" · checking files"),
        Some((done, total)) => title.push_str(&format!(
            " · indexing {} / {}",
            thousands(done),
            thousands(total)
        )),
        None => {}
    }
    if let Some((done, total)) = m.loading {
        title.push_str(&format!(
            " · loading {} / {}",
            thousands(done),
            thousands(total)
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(title, theme.header))),
        Rect { height: 1, ..area },
    );
    let filter = if view.filter.is_empty() && !view.filtering {
        let key = m.keymap.label(Context::Library, Action::Search);
        Line::from(Span::styled(
            format!(" Filter: {key} filters by title, id, language or tag"),
            theme.dim,
        ))
    } else {
        let mut spans = vec![Span::styled(" Filter: ", theme.dim)];
        spans.extend(
            view.filter
                .spans(width.saturating_sub(10), theme.key, view.filtering),
        );
        Line::from(spans)
    };
    frame.render_widget(
        Paragraph::new(filter),
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
    let problems = &m.shelf.problems;
    let problem_rows = problems.len().min(3) as u16;
    let list = Rect {
        y: area.y + 3,
        height: area
            .height
            .saturating_sub(4 + problem_rows + u16::from(problem_rows > 0)),
        ..area
    };
    let wide = width >= 70;
    let mut lines = Vec::new();
    let header = if wide {
        format!(
            " {:<11} {:<5} {:>4} {:>6} {:>5}  {}",
            "DATE", "LANG", "§", "UNREAD", "NOTES", "TITLE · TAGS"
        )
    } else {
        " TITLE".to_string()
    };
    lines.push(Line::from(Span::styled(header, theme.dim)));
    for (row, &index) in view.rows.iter().enumerate().skip(view.offset) {
        if lines.len() >= usize::from(list.height) {
            break;
        }
        let Some(b) = m.shelf.entries.get(index) else {
            continue;
        };
        let selected = row == view.selected;
        let title = sanitize_line(&b.title);
        let text = if wide {
            let date = b.date.map_or_else(|| "—".to_string(), |d| d.to_iso());
            let lang = b
                .language
                .as_deref()
                .map_or_else(|| "—".into(), sanitize_line);
            let tags = if b.tags.is_empty() {
                String::new()
            } else {
                format!("  #{}", sanitize_line(&b.tags.join(" #")))
            };
            let (notes, unread) = m.stats_of(b);
            let unread = if unread == 0 {
                "✓".to_string()
            } else {
                unread.to_string()
            };
            let notes = if notes == 0 {
                "·".to_string()
            } else {
                notes.to_string()
            };
            format!(
                " {date:<11} {lang:<5} {:>4} {unread:>6} {notes:>5}  {title}{tags}",
                b.sections
            )
        } else {
            format!(" {title}")
        };
        let text = crate::domain::text::truncate(&text, width);
        let pad = width.saturating_sub(display_width(&text));
        let style = if selected {
            theme.selected_focused
        } else {
            theme.text
        };
        lines.push(Line::from(Span::styled(
            format!("{text}{}", " ".repeat(pad)),
            style,
        )));
    }
    if view.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            if m.shelf.is_empty() {
                " No briefing loaded."
            } else {
                " Nothing matches the filter."
            },
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), list);
    if problem_rows > 0 {
        let rect = Rect {
            y: list.y + list.height,
            height: problem_rows + 1,
            ..area
        };
        let mut lines = vec![Line::from(Span::styled(
            if problems.len() == 1 {
                " 1 problem loading briefings:".to_string()
            } else {
                format!(" {} problems loading briefings:", thousands(problems.len()))
            },
            theme.warning,
        ))];
        for p in problems.iter().take(usize::from(problem_rows)) {
            lines.push(Line::from(crate::domain::text::truncate(
                &format!(" {p}"),
                width,
            )));
        }
        frame.render_widget(Paragraph::new(lines), rect);
    }
}
