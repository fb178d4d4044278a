//! Themes: `dark`, `light` and `mono` (also chosen by `NO_COLOR`). Only ANSI colours,
//! so every terminal shows them; mono uses bold, underline and reverse alone, and every
//! colour cue also has a shape (badge letters, marks) so nothing depends on colour.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

/// Every style the view uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Plain text.
    pub text: Style,
    /// Secondary text.
    pub dim: Style,
    /// The briefing title in the overview.
    pub title: Style,
    /// Section and block headings.
    pub heading: Style,
    /// Overview labels.
    pub meta_label: Style,
    /// Structured dates.
    pub date: Style,
    /// The classification banner.
    pub banner: Style,
    /// The title line.
    pub header: Style,
    /// A pane's title when it has focus.
    pub pane_title_focused: Style,
    /// A pane's title otherwise.
    pub pane_title: Style,
    /// The separator between panes.
    pub border: Style,
    /// The outline's selected entry when the outline has focus.
    pub selected_focused: Style,
    /// The outline's selected entry otherwise.
    pub selected: Style,
    /// The paragraph cursor's gutter mark.
    pub cursor: Style,
    /// The status line.
    pub status: Style,
    /// The mode tag in the status line.
    pub mode: Style,
    /// Key names in hints.
    pub key: Style,
    /// Warnings in the status line.
    pub warning: Style,
    /// Errors in the status line.
    pub error: Style,
    /// `*emphasis*`.
    pub emphasis: Modifier,
    /// `**strong**`.
    pub strong: Modifier,
    /// Inline and block code.
    pub code: Style,
    /// A link's text.
    pub link: Style,
    /// A link's URL.
    pub url: Style,
    /// Block quotes.
    pub quote: Style,
    /// Overlay frames.
    pub overlay: Style,
    /// Badges of the known kinds, in `KNOWN_KINDS` order.
    pub badges: [Style; 9],
    /// The badge of any other kind.
    pub badge_other: Style,
    /// A search match.
    pub search_match: Style,
    /// The current search match.
    pub search_current: Style,
    /// Sentences chosen with `v`.
    pub selection: Style,
    /// Bookmark and note marks in the gutter and the outline.
    pub mark: Style,
    /// A note shown under its paragraph.
    pub note: Style,
    /// Something to look at again (a moved note, a changed section).
    pub attention: Style,
}

impl Theme {
    /// The theme for a config name; `no_color` (from `NO_COLOR`) forces mono.
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        match (name, no_color) {
            (_, true) | (ThemeName::Mono, _) => Theme::mono(),
            (ThemeName::Dark, _) => Theme::coloured(false),
            (ThemeName::Light, _) => Theme::coloured(true),
        }
    }

    fn coloured(light: bool) -> Theme {
        let fg = Style::default();
        let dim = if light {
            Style::default().fg(Color::Gray)
        } else {
            Style::default().fg(Color::DarkGray)
        };
        let accent = if light { Color::Blue } else { Color::Cyan };
        let badge = |bg: Color| {
            Style::default()
                .fg(Color::Black)
                .bg(bg)
                .add_modifier(Modifier::BOLD)
        };
        Theme {
            text: fg,
            dim,
            title: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            heading: Style::default().add_modifier(Modifier::BOLD),
            meta_label: dim,
            date: Style::default().fg(if light {
                Color::Magenta
            } else {
                Color::LightMagenta
            }),
            banner: Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            header: Style::default().add_modifier(Modifier::BOLD),
            pane_title_focused: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            pane_title: dim,
            border: dim,
            selected_focused: Style::default()
                .fg(Color::Black)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            cursor: Style::default().fg(accent),
            status: Style::default().bg(if light { Color::Gray } else { Color::Black }),
            mode: Style::default()
                .fg(Color::Black)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            key: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            warning: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            error: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            emphasis: Modifier::ITALIC,
            strong: Modifier::BOLD,
            code: Style::default().fg(if light {
                Color::Red
            } else {
                Color::LightYellow
            }),
            link: Style::default()
                .fg(accent)
                .add_modifier(Modifier::UNDERLINED),
            url: dim,
            quote: Style::default().add_modifier(Modifier::ITALIC),
            overlay: Style::default().fg(accent),
            badges: [
                badge(Color::Blue),
                badge(Color::Green),
                badge(Color::Red),
                badge(Color::Yellow),
                badge(Color::Magenta),
                badge(Color::LightRed),
                badge(Color::Cyan),
                badge(Color::LightBlue),
                badge(Color::LightGreen),
            ],
            badge_other: badge(Color::Gray),
            search_match: Style::default().fg(Color::Black).bg(Color::Yellow),
            search_current: Style::default()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            mark: Style::default().fg(if light {
                Color::Magenta
            } else {
                Color::LightMagenta
            }),
            note: Style::default()
                .fg(if light { Color::Blue } else { Color::LightBlue })
                .add_modifier(Modifier::ITALIC),
            attention: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        }
    }

    fn mono() -> Theme {
        let plain = Style::default();
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let rev = Style::default().add_modifier(Modifier::REVERSED);
        Theme {
            text: plain,
            dim: plain,
            title: bold,
            heading: bold,
            meta_label: plain,
            date: bold,
            banner: rev.add_modifier(Modifier::BOLD),
            header: bold,
            pane_title_focused: bold.add_modifier(Modifier::UNDERLINED),
            pane_title: plain,
            border: plain,
            selected_focused: rev.add_modifier(Modifier::BOLD),
            selected: rev,
            cursor: bold,
            status: rev,
            mode: bold,
            key: bold,
            warning: bold,
            error: bold.add_modifier(Modifier::UNDERLINED),
            emphasis: Modifier::ITALIC,
            strong: Modifier::BOLD,
            code: plain,
            link: Style::default().add_modifier(Modifier::UNDERLINED),
            url: plain,
            quote: Style::default().add_modifier(Modifier::ITALIC),
            overlay: bold,
            badges: [rev; 9],
            badge_other: rev,
            search_match: Style::default().add_modifier(Modifier::UNDERLINED),
            search_current: rev.add_modifier(Modifier::BOLD),
            selection: rev,
            mark: bold,
            note: Style::default().add_modifier(Modifier::ITALIC),
            attention: bold,
        }
    }

    /// The badge style of a kind (by its index in the known kinds).
    pub fn badge(&self, known: Option<usize>) -> Style {
        known
            .and_then(|i| self.badges.get(i).copied())
            .unwrap_or(self.badge_other)
    }
}
