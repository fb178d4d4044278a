//! The help overlay, generated from the keymap: every action with its keys and its
//! description (the action's doc comment), then the keys of the library screen.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use strum::IntoEnumIterator;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;

/// The help's rows: (keys, description); an empty key column starts a group heading.
pub fn help_lines(keymap: &Keymap) -> Vec<(String, String)> {
    let mut rows = vec![(String::new(), "Reader and outline".to_string())];
    for action in Action::iter() {
        let keys: Vec<String> = keymap
            .keys_of(action)
            .iter()
            .map(ToString::to_string)
            .collect();
        let keys = if keys.is_empty() {
            "(unbound)".to_string()
        } else {
            keys.join(", ")
        };
        rows.push((keys, action.description().to_string()));
    }
    rows.push((String::new(), String::new()));
    rows.push((String::new(), "Library".to_string()));
    for (k, d) in [
        ("type", "Filter by title, id, language or tag"),
        ("↑ ↓, Ctrl-n/p", "Move"),
        ("Enter", "Open the briefing"),
        ("Tab", "Sort by date or title"),
        ("Esc", "Clear the filter, or go back"),
    ] {
        rows.push((k.to_string(), d.to_string()));
    }
    rows.push((String::new(), String::new()));
    rows.push((String::new(), "Timeline and compare".to_string()));
    for (k, d) in [
        ("j k, ↑ ↓", "Move between dates or sections"),
        ("← → , Tab", "Compare: the previous or next section kind"),
        ("Space", "Compare: scroll the section on top"),
        ("Enter", "Open the passage in the reader"),
        ("Esc", "Go back"),
    ] {
        rows.push((k.to_string(), d.to_string()));
    }
    rows.push((String::new(), String::new()));
    rows.push((String::new(), "Mouse".to_string()));
    rows.push((
        "click".into(),
        "Jump to an outline entry, or put the cursor on a paragraph".into(),
    ));
    rows.push(("wheel".into(), "Scroll the pane under the pointer".into()));
    rows
}

/// Draws the help over the screen, from row `scroll`.
pub fn render_help(app: &App, frame: &mut Frame, scroll: usize) {
    let rows = help_lines(&app.keymap);
    let area = frame.area();
    let rect = super::centered(area, 86, (rows.len() + 2) as u16);
    let inner = super::overlay_frame(app, frame, rect, "Help · Esc closes");
    let key_width = 18usize.min(usize::from(inner.width) / 3);
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|(keys, what)| {
            if keys.is_empty() {
                Line::from(Span::styled(what.clone(), app.theme.heading))
            } else {
                let keys = crate::domain::text::truncate(keys, key_width.saturating_sub(1));
                Line::from(vec![
                    Span::styled(format!("{keys:<key_width$}"), app.theme.key),
                    Span::raw(what.clone()),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
