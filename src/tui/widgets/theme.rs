//! Themes: `dark`, `light` and `mono` (also chosen by `NO_COLOR`). The coloured themes
//! use xterm 256-colour indexes from 16 up (the 6×6×6 cube and the grey ramp), whose
//! RGB values are the same in every terminal, never the sixteen ANSI colours that each
//! terminal scheme redefines — so every text colour can be held to WCAG AA contrast
//! (4.5:1) by a test (`theme/tests.rs`, which states the terminal backgrounds assumed).
//! A style with a background always sets its foreground too. Mono uses bold, underline
//! and reverse alone, and every colour cue also has a shape (badge letters, marks), so
//! nothing depends on colour.

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
    /// Whether colours are drawn at all (the TLP label takes TLP's colours).
    pub coloured: bool,
}

/// The colours that differ between the coloured themes: xterm 256-colour indexes.
struct Palette {
    /// Secondary text, URLs, borders; also legible on `status_bg`.
    dim: u8,
    /// Titles, links, keys, the cursor, overlay frames, the mode tag's background;
    /// also legible on `selected_bg` (the finder and the timeline draw keys there).
    accent: u8,
    /// Drawn on `accent` (the mode tag).
    on_accent: u8,
    /// Structured dates and the bookmark and note marks; also legible on
    /// `selected_bg` (the timeline's selected row).
    date: u8,
    /// Inline and block code.
    code: u8,
    /// Notes shown under their paragraph.
    note: u8,
    /// Warnings and things to look at again.
    warning: u8,
    /// Errors.
    error: u8,
    /// The focused selection's background.
    selected_bg: u8,
    /// The focused selection's text.
    selected_fg: u8,
    /// The status line's background.
    status_bg: u8,
    /// The status line's own text (messages, the position).
    status_fg: u8,
}

/// On dark terminals (the assumptions are in `theme/tests.rs`).
const DARK: Palette = Palette {
    dim: 248,         // #a8a8a8
    accent: 117,      // #87d7ff
    on_accent: 16,    // #000000
    date: 219,        // #ffafff
    code: 229,        // #ffffaf
    note: 111,        // #87afff
    warning: 221,     // #ffd75f
    error: 210,       // #ff8787
    selected_bg: 18,  // #000087
    selected_fg: 231, // #ffffff
    status_bg: 236,   // #303030
    status_fg: 252,   // #d0d0d0
};

/// On light terminals.
const LIGHT: Palette = Palette {
    dim: 240,         // #585858
    accent: 24,       // #005f87
    on_accent: 231,   // #ffffff
    date: 90,         // #870087
    code: 22,         // #005f00
    note: 25,         // #005faf
    warning: 94,      // #875f00
    error: 124,       // #af0000
    selected_bg: 153, // #afd7ff
    selected_fg: 16,  // #000000
    status_bg: 255,   // #eeeeee
    status_fg: 16,    // #000000
};

/// The kind badges (black on these, in both coloured themes, since a badge brings its
/// own background): blue, green, salmon, yellow, violet, orange, teal, pink, beige.
const BADGES: [u8; 9] = [75, 114, 210, 221, 177, 215, 80, 218, 187];
/// The badge of any other kind: grey.
const BADGE_OTHER: u8 = 250;

impl Theme {
    /// The theme for a config name; `no_color` (from `NO_COLOR`) forces mono.
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        match (name, no_color) {
            (_, true) | (ThemeName::Mono, _) => Theme::mono(),
            (ThemeName::Dark, _) => Theme::coloured(&DARK),
            (ThemeName::Light, _) => Theme::coloured(&LIGHT),
        }
    }

    fn coloured(p: &Palette) -> Theme {
        let fg = |i: u8| Style::default().fg(Color::Indexed(i));
        let on = |fore: u8, back: u8| fg(fore).bg(Color::Indexed(back));
        let bold = Modifier::BOLD;
        let black = 16;
        let dim = fg(p.dim);
        let accent = fg(p.accent);
        let badge = |back: u8| on(black, back).add_modifier(bold);
        Theme {
            text: Style::default(),
            dim,
            title: accent.add_modifier(bold),
            heading: Style::default().add_modifier(bold),
            meta_label: dim,
            date: fg(p.date),
            // White on #af0000.
            banner: on(231, 124).add_modifier(bold),
            header: Style::default().add_modifier(bold),
            pane_title_focused: accent.add_modifier(bold),
            pane_title: dim,
            border: dim,
            selected_focused: on(p.selected_fg, p.selected_bg).add_modifier(bold),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            cursor: accent,
            status: on(p.status_fg, p.status_bg),
            mode: on(p.on_accent, p.accent).add_modifier(bold),
            key: accent.add_modifier(bold),
            warning: fg(p.warning).add_modifier(bold),
            error: fg(p.error).add_modifier(bold),
            emphasis: Modifier::ITALIC,
            strong: bold,
            code: fg(p.code),
            link: accent.add_modifier(Modifier::UNDERLINED),
            url: dim,
            quote: Style::default().add_modifier(Modifier::ITALIC),
            overlay: accent,
            badges: BADGES.map(badge),
            badge_other: badge(BADGE_OTHER),
            // Black on #ffff87, and on #ffaf5f for the current match.
            search_match: on(black, 228),
            search_current: on(black, 215).add_modifier(bold),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            mark: fg(p.date),
            note: fg(p.note).add_modifier(Modifier::ITALIC),
            attention: fg(p.warning).add_modifier(bold),
            coloured: true,
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
            coloured: false,
        }
    }

    /// The TLP label's style: TLP 2.0's colour on black (the nearest xterm-256 colour,
    /// like every colour of the themes), bold; reversed without colour. The label's
    /// words carry its meaning either way.
    pub fn tlp(&self, tlp: crate::domain::tradecraft::tlp::Tlp) -> Style {
        use crate::domain::tradecraft::tlp::Tlp;
        if !self.coloured {
            return Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        // #ffffff, #5fff00, #ffaf00, #ff5f5f: the TLP colours #FFFFFF, #33FF00,
        // #FFC000 and #FF2B2B in the 256-colour cube, each above 7:1 on black.
        let colour = match tlp {
            Tlp::Clear => 231,
            Tlp::Green => 82,
            Tlp::Amber | Tlp::AmberStrict => 214,
            Tlp::Red => 203,
        };
        Style::default()
            .fg(Color::Indexed(colour))
            .bg(Color::Indexed(16))
            .add_modifier(Modifier::BOLD)
    }

    /// The badge style of a kind (by its index in the known kinds).
    pub fn badge(&self, known: Option<usize>) -> Style {
        known
            .and_then(|i| self.badges.get(i).copied())
            .unwrap_or(self.badge_other)
    }
}

#[cfg(test)]
mod tests;
