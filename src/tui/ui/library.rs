//! The library screen: every briefing with its date, language, title, tags and section
//! count, filtered by typing and sorted by date or title; problems loading files are
//! listed below so a broken file is never silently missing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::text::{display_width, sanitize_line};
use crate::tui::app::{App, LibrarySort};

/// Draws the library over the whole screen.
pub fn render_library(app: &App, frame: &mut Frame) {
    let theme = &app.theme;
    let area = frame.area();
    let view = &app.library_view;
    let width = usize::from(area.width);
    let sort = match view.sort {
        LibrarySort::Date => "by date",
        LibrarySort::Title => "by title",
    };
    let mut title = format!(
        " Library · {} of {} briefings · {sort}",
        view.rows.len(),
        app.library.briefings.len()
    );
    if let Some((done, total)) = app.loading {
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
    let filter = if view.filter.is_empty() {
        Line::from(Span::styled(" Filter: type to filter", theme.dim))
    } else {
        Line::from(vec![
            Span::styled(" Filter: ", theme.dim),
            Span::styled(format!("{}▏", sanitize_line(&view.filter)), theme.key),
        ])
    };
    frame.render_widget(
        Paragraph::new(filter),
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
    let problems = &app.library.problems;
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
        let b = &app.library.briefings[index];
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
            let (notes, unread) = app
                .library_stats
                .get(&b.id)
                .copied()
                .unwrap_or((0, b.sections.len()));
            // The open briefing's figures are live.
            let live = app
                .open
                .as_ref()
                .filter(|o| o.briefing().id == b.id)
                .map(|o| crate::tui::persist::stats_of(b, &o.notes.set));
            let (notes, unread) = live.unwrap_or((notes, unread));
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
                b.sections.len()
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
            if app.library.briefings.is_empty() {
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
            format!(" {} problem(s) loading briefings:", problems.len()),
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
    super::status::render_status_at_bottom(app, frame);
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
