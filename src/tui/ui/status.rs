//! The status line: mode, position (section n/m and percent), the search being typed
//! or its match count, the transient message, and the few keys that matter right now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Open, Overlay, Screen, Tone};

/// What the user is doing, in one word.
fn mode(app: &App) -> &'static str {
    match (&app.overlay, app.screen, app.focus) {
        (Some(Overlay::Help { .. }), _, _) => "HELP",
        (Some(Overlay::Editor(_)), _, _) => "NOTE",
        (Some(Overlay::Panel(_)), _, _) => "NOTES",
        (Some(Overlay::LibrarySearch(_)), _, _) => "SEARCH ALL",
        (Some(Overlay::Finder(_)), _, _) => "GO TO",
        (None, Screen::Library, _) => "LIBRARY",
        (None, Screen::Timeline, _) => "TIMELINE",
        (None, Screen::Compare, _) => "COMPARE",
        (None, Screen::Reader, Focus::Outline) => "OUTLINE",
        (None, Screen::Reader, Focus::Reader) => {
            let open = app.open.as_ref();
            if open.is_some_and(|o| o.selection.is_some()) {
                "SELECT"
            } else if open.is_some_and(|o| o.search.as_ref().is_some_and(|s| s.editing)) {
                "SEARCH"
            } else {
                "READ"
            }
        }
    }
}

/// The search part: `/query▏` while typing, then `match 3/17`.
fn search_spans(app: &App, open: &Open) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let Some(search) = &open.search else {
        return Vec::new();
    };
    let query = sanitize_line(&search.input).into_owned();
    let count = if open.index.is_none() {
        "indexing…".to_string()
    } else if search.matches.is_empty() {
        if query.is_empty() {
            String::new()
        } else {
            "no match".into()
        }
    } else {
        let plus = if search.capped { "+" } else { "" };
        format!(
            "match {}/{}{plus}",
            search.current.map_or(0, |c| c + 1),
            search.matches.len()
        )
    };
    let mut spans = vec![Span::styled(format!(" /{query}"), theme.key)];
    if search.editing {
        spans.push(Span::styled("▏", theme.key));
    }
    let style = if search.matches.is_empty() && !query.is_empty() {
        theme.warning
    } else {
        theme.dim
    };
    spans.push(Span::styled(format!(" {count} "), style));
    spans
}

/// Draws the status line on the screen's last row.
pub fn render_status_at_bottom(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let rect = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: 1,
        ..area
    };
    render_status(app, frame, rect);
}

/// Draws the status line.
pub fn render_status(app: &App, frame: &mut Frame, rect: Rect) {
    let theme = &app.theme;
    let mut left = vec![Span::styled(format!(" {} ", mode(app)), theme.mode)];
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
        if app.overlay.is_none() {
            left.extend(search_spans(app, open));
        }
    }
    if let Some((done, total)) = app.loading {
        use crate::tui::ui::library::thousands;
        left.push(Span::styled(
            format!(" loading {} / {} ", thousands(done), thousands(total)),
            theme.warning,
        ));
    }
    if let Some(failing) = app.persist.as_ref().and_then(|p| p.failing.as_ref())
        && app.message.is_none()
    {
        left.push(Span::styled(
            format!(" {} ", sanitize_line(failing)),
            theme.error,
        ));
    }
    let mut used: usize = left.iter().map(|s| display_width(&s.content)).sum();
    let width = usize::from(rect.width);
    // A message comes before the key hints: they only fill the room left.
    if let Some(message) = &app.message {
        let style = match message.tone {
            Tone::Info => Style::default(),
            Tone::Warning => theme.warning,
            Tone::Error => theme.error,
        };
        let room = width.saturating_sub(used + 2);
        let text = truncate(&sanitize_line(&message.text), room);
        used += display_width(&text) + 1;
        left.push(Span::styled(format!(" {text}"), style));
    }
    let mut right: Vec<Span> = Vec::new();
    let mut right_width = 0;
    for (key, what) in hints(app) {
        let w = display_width(&key) + display_width(what) + 3;
        if used + right_width + w + 2 > width {
            break;
        }
        right.push(Span::styled(key.clone(), theme.key));
        right.push(Span::styled(format!(" {what}  "), theme.dim));
        right_width += w;
    }
    let gap = width.saturating_sub(used + right_width);
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(right);
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), rect);
}

/// The keys worth showing now, most important first.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let k = |a: Action| app.keymap.key_label(a);
    let pair = |a: Action, b: Action| format!("{}/{}", k(a), k(b));
    match mode(app) {
        "HELP" => vec![("Esc".into(), "close"), (k(Action::Next), "scroll")],
        "NOTE" => vec![("Ctrl-s".into(), "save"), ("Esc".into(), "cancel")],
        "NOTES" => vec![
            ("Enter".into(), "go"),
            ("e".into(), "edit"),
            ("d".into(), "delete"),
            ("u".into(), "restore"),
            ("/".into(), "filter"),
            ("Tab".into(), "all"),
            ("o".into(), "order"),
            ("Esc".into(), "close"),
        ],
        "SEARCH ALL" | "GO TO" => vec![
            ("type".into(), "search"),
            ("↑↓".into(), "move"),
            ("Enter".into(), "open"),
            ("Esc".into(), "close"),
        ],
        "SEARCH" => vec![("Enter".into(), "keep"), ("Esc".into(), "cancel")],
        "SELECT" => vec![
            (pair(Action::Next, Action::Previous), "more/less"),
            (k(Action::Annotate), "note"),
            (k(Action::ToggleBookmark), "bookmark"),
            ("Esc".into(), "leave"),
        ],
        "TIMELINE" => vec![
            (pair(Action::Next, Action::Previous), "move"),
            ("Enter".into(), "open"),
            ("Esc".into(), "back"),
        ],
        "COMPARE" => vec![
            ("←/→".into(), "kind"),
            (pair(Action::Next, Action::Previous), "section"),
            ("Space".into(), "scroll"),
            ("Enter".into(), "open"),
            ("Esc".into(), "back"),
        ],
        "LIBRARY" => vec![
            ("type".into(), "filter"),
            ("↑↓".into(), "move"),
            ("Enter".into(), "open"),
            ("Tab".into(), "sort"),
            ("Esc".into(), "close"),
        ],
        "OUTLINE" => vec![
            (pair(Action::Next, Action::Previous), "section"),
            (k(Action::Open), "read"),
            (k(Action::FocusNext), "reader"),
            (k(Action::Help), "help"),
            (k(Action::Quit), "quit"),
        ],
        _ => {
            let searching = app.open.as_ref().is_some_and(|o| o.search.is_some());
            let mut hints = vec![(pair(Action::Next, Action::Previous), "¶")];
            if searching {
                hints.push((pair(Action::SearchNext, Action::SearchPrevious), "match"));
                hints.push(("Esc".into(), "clear"));
            } else {
                hints.push((pair(Action::NextSection, Action::PreviousSection), "§"));
                hints.push((k(Action::Search), "search"));
            }
            hints.push((k(Action::Annotate), "note"));
            hints.push((k(Action::ToggleBookmark), "mark"));
            hints.push((k(Action::Help), "help"));
            hints.push((k(Action::Quit), "quit"));
            hints
        }
    }
}
