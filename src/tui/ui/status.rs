//! The status line: mode, position (section n/m and percent), the transient message,
//! and the few keys that matter right now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::text::{display_width, sanitize_line};
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Overlay, Screen, Tone};

/// Draws the status line.
pub fn render_status(app: &App, frame: &mut Frame, rect: Rect) {
    let theme = &app.theme;
    let mode = match (&app.overlay, app.screen, app.focus) {
        (Some(Overlay::Help { .. }), _, _) => "HELP",
        (None, Screen::Library, _) => "LIBRARY",
        (None, Screen::Timeline, _) => "TIMELINE",
        (None, Screen::Compare, _) => "COMPARE",
        (None, Screen::Reader, Focus::Outline) => "OUTLINE",
        (None, Screen::Reader, Focus::Reader) => "READ",
    };
    let mut left = vec![Span::styled(format!(" {mode} "), theme.mode)];
    if app.screen == Screen::Reader
        && let Some(open) = &app.open
    {
        let units = open.reader.units();
        let unit = open.reader.current_unit();
        let place = if unit == 0 {
            format!(" overview/{} ", units - 1)
        } else {
            format!(" §{}/{} ", unit, units - 1)
        };
        left.push(Span::raw(place));
        left.push(Span::styled(
            format!("{}% ", open.reader.percent()),
            theme.dim,
        ));
    }
    if let Some((done, total)) = app.loading {
        use crate::tui::ui::library::thousands;
        left.push(Span::styled(
            format!(" loading {} / {} ", thousands(done), thousands(total)),
            theme.warning,
        ));
    }
    let mut used: usize = left.iter().map(|s| display_width(&s.content)).sum();
    let width = usize::from(rect.width);
    let hints = hints(app);
    let mut right: Vec<Span> = Vec::new();
    let mut right_width = 0;
    for (key, what) in hints {
        let w = display_width(&key) + display_width(what) + 3;
        if used + right_width + w + 20 > width {
            break;
        }
        right.push(Span::styled(key.clone(), theme.key));
        right.push(Span::styled(format!(" {what}  "), theme.dim));
        right_width += w;
    }
    if let Some(message) = &app.message {
        let style = match message.tone {
            Tone::Info => Style::default(),
            Tone::Warning => theme.warning,
            Tone::Error => theme.error,
        };
        let room = width.saturating_sub(used + right_width + 2);
        let text = crate::domain::text::truncate(&sanitize_line(&message.text), room);
        used += display_width(&text) + 1;
        left.push(Span::styled(format!(" {text}"), style));
    }
    let gap = width.saturating_sub(used + right_width);
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(right);
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), rect);
}

/// The keys worth showing now, most important first.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let k = |a: Action| app.keymap.key_label(a);
    match (&app.overlay, app.screen, app.focus) {
        (Some(Overlay::Help { .. }), _, _) => {
            vec![("Esc".into(), "close"), (k(Action::Next), "scroll")]
        }
        (None, Screen::Timeline, _) => vec![
            (
                format!("{}/{}", k(Action::Next), k(Action::Previous)),
                "move",
            ),
            ("Enter".into(), "open"),
            ("Esc".into(), "back"),
        ],
        (None, Screen::Compare, _) => vec![
            ("←/→".into(), "kind"),
            (
                format!("{}/{}", k(Action::Next), k(Action::Previous)),
                "section",
            ),
            ("Space".into(), "scroll"),
            ("Enter".into(), "open"),
            ("Esc".into(), "back"),
        ],
        (None, Screen::Library, _) => vec![
            ("type".into(), "filter"),
            ("↑↓".into(), "move"),
            ("Enter".into(), "open"),
            ("Tab".into(), "sort"),
            ("Esc".into(), "close"),
        ],
        (None, Screen::Reader, Focus::Outline) => vec![
            (
                format!("{}/{}", k(Action::Next), k(Action::Previous)),
                "section",
            ),
            (k(Action::Open), "read"),
            (k(Action::FocusNext), "reader"),
            (k(Action::Help), "help"),
            (k(Action::Quit), "quit"),
        ],
        (None, Screen::Reader, Focus::Reader) => vec![
            (format!("{}/{}", k(Action::Next), k(Action::Previous)), "¶"),
            (
                format!("{}/{}", k(Action::NextSection), k(Action::PreviousSection)),
                "§",
            ),
            (k(Action::Library), "library"),
            (k(Action::Help), "help"),
            (k(Action::Quit), "quit"),
        ],
    }
}
