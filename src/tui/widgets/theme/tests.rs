//! The themes' contrast, computed: every text colour against every background it is
//! drawn on, at least 4.5:1 (WCAG 2.x AA, relative luminance), in `dark`, `light` and
//! `mono`.
//!
//! What is assumed, since a terminal's own colours cannot be known:
//! - A style without a background is drawn on the terminal's default background. For
//!   `dark` that is a dark one: #000000 (black), #1e1e1e (a common editor dark) and
//!   #282c34 (One Dark); for `light` a light one: #ffffff (white) and #fdf6e3 (Solarized
//!   Light). A coloured theme is meant for its own kind of terminal: `dark`'s pale
//!   colours are not held to contrast on white, nor `light`'s dark ones on black. `mono`
//!   sets no colour, so it is legible on either.
//! - A style without a foreground (plain text, headings) is drawn in the terminal's
//!   default foreground on its default background: the user's own pair, not ours. That
//!   is why a style with a background must set its foreground too (tested).
//! - Reverse video swaps a pair, which keeps its ratio.
//! - Indexed colours from 16 up have the RGB of the xterm 256-colour palette (taken
//!   from `ansi_colours`, not from our own formula); the sixteen ANSI colours and the
//!   named ones have none (every terminal scheme redefines them), so a theme that uses
//!   one fails.

use ratatui::style::{Color, Style};

use super::Theme;
use crate::config::ThemeName;

type Rgb = (u8, u8, u8);

const DARK_TERMINALS: [(&str, Rgb); 3] = [
    ("#000000", (0x00, 0x00, 0x00)),
    ("#1e1e1e", (0x1e, 0x1e, 0x1e)),
    ("#282c34", (0x28, 0x2c, 0x34)),
];
const LIGHT_TERMINALS: [(&str, Rgb); 2] = [
    ("#ffffff", (0xff, 0xff, 0xff)),
    ("#fdf6e3", (0xfd, 0xf6, 0xe3)),
];

/// WCAG AA for text.
const MINIMUM: f64 = 4.5;

/// The fixed RGB of a colour, if it has one.
fn rgb(colour: Color) -> Option<Rgb> {
    match colour {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) if i >= 16 => Some(ansi_colours::rgb_from_ansi256(i)),
        _ => None,
    }
}

/// WCAG 2.x relative luminance of an sRGB colour.
fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2.x contrast ratio, from 1 to 21.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every style of a theme by name. Destructured, so a new field cannot be forgotten.
fn named_styles(theme: &Theme) -> Vec<(String, Style)> {
    let Theme {
        text,
        dim,
        title,
        heading,
        meta_label,
        date,
        banner,
        header,
        pane_title_focused,
        pane_title,
        border,
        selected_focused,
        selected,
        cursor,
        status,
        mode,
        key,
        warning,
        error,
        emphasis: _,
        strong: _,
        code,
        link,
        url,
        quote,
        overlay,
        badges,
        badge_other,
        search_match,
        search_current,
        selection,
        mark,
        note,
        attention,
        coloured: _,
    } = theme;
    let mut out: Vec<(String, Style)> = [
        ("text", text),
        ("dim", dim),
        ("title", title),
        ("heading", heading),
        ("meta_label", meta_label),
        ("date", date),
        ("banner", banner),
        ("header", header),
        ("pane_title_focused", pane_title_focused),
        ("pane_title", pane_title),
        ("border", border),
        ("selected_focused", selected_focused),
        ("selected", selected),
        ("cursor", cursor),
        ("status", status),
        ("mode", mode),
        ("key", key),
        ("warning", warning),
        ("error", error),
        ("code", code),
        ("link", link),
        ("url", url),
        ("quote", quote),
        ("overlay", overlay),
        ("badge_other", badge_other),
        ("search_match", search_match),
        ("search_current", search_current),
        ("selection", selection),
        ("mark", mark),
        ("note", note),
        ("attention", attention),
    ]
    .into_iter()
    .map(|(name, style)| (name.to_string(), *style))
    .collect();
    for (i, badge) in badges.iter().enumerate() {
        out.push((format!("badges[{i}]"), *badge));
    }
    use crate::domain::tradecraft::tlp::Tlp;
    for tlp in [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ] {
        out.push((format!("tlp {}", tlp.label()), theme.tlp(tlp)));
    }
    out
}

/// Where a screen draws one style's text on another style's background (a span's style
/// patched over a line's or a paragraph's): (text, background).
const DRAWN_OVER: [(&str, &str); 7] = [
    // The status line (`widgets/status.rs`, `app/view.rs`): the paragraph has the
    // `status` style, and its spans only set a foreground.
    ("dim", "status"),
    ("key", "status"),
    ("warning", "status"),
    ("error", "status"),
    // The finder's matched letters on the selected row (`screens/finder.rs`).
    ("key", "selected_focused"),
    // The timeline's selected row (`screens/timeline.rs`): the line is
    // `selected_focused`, its date and bar spans keep their foreground.
    ("date", "selected_focused"),
    ("key", "selected_focused"),
];

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn style_of<'a>(styles: &'a [(String, Style)], name: &str) -> &'a Style {
    let found = styles.iter().find(|(n, _)| n == name);
    assert!(found.is_some(), "no style `{name}`");
    found.map(|(_, s)| s).unwrap_or_else(|| unreachable!())
}

/// Every failure of a theme meant for terminals with `terminals` backgrounds, each
/// with the pair and its ratio.
fn problems(theme: &Theme, terminals: &[(&str, Rgb)]) -> Vec<String> {
    let styles = named_styles(theme);
    let mut out = Vec::new();
    for (name, style) in &styles {
        for colour in [style.fg, style.bg].into_iter().flatten() {
            if rgb(colour).is_none() {
                out.push(format!("{name}: {colour:?} has no fixed RGB"));
            }
        }
        if style.bg.is_some() && style.fg.is_none() {
            out.push(format!(
                "{name}: a background without a foreground (drawn in the terminal's)"
            ));
        }
    }
    let mut check = |what: String, fg: Option<Color>, bg: Rgb, bg_name: &str| {
        if let Some((colour, fore)) = fg.and_then(|c| rgb(c).map(|v| (c, v))) {
            let ratio = contrast(fore, bg);
            if ratio < MINIMUM {
                out.push(format!(
                    "{what}: {colour:?} {} on {bg_name} {} is {ratio:.2}:1",
                    hex(fore),
                    hex(bg)
                ));
            }
        }
    };
    for (name, style) in &styles {
        match style.bg.and_then(rgb) {
            Some(bg) => check(name.clone(), style.fg, bg, "its own"),
            None => {
                for (terminal, bg) in terminals {
                    check(name.clone(), style.fg, *bg, terminal);
                }
            }
        }
    }
    for (text, under) in DRAWN_OVER {
        let (text_style, under_style) = (style_of(&styles, text), style_of(&styles, under));
        let fg = text_style.fg.or(under_style.fg);
        match under_style.bg.and_then(rgb) {
            Some(bg) => check(format!("{text} over {under}"), fg, bg, under),
            None => {
                for (terminal, bg) in terminals {
                    check(format!("{text} over {under}"), fg, *bg, terminal);
                }
            }
        }
    }
    out
}

#[test]
fn the_contrast_formula_matches_wcag() {
    let (black, white) = ((0, 0, 0), (255, 255, 255));
    assert!((contrast(black, white) - 21.0).abs() < 1e-9);
    assert!((contrast(white, white) - 1.0).abs() < 1e-9);
    // #767676 is the lightest grey that passes AA on white; #777777 fails.
    assert!(contrast((0x76, 0x76, 0x76), white) >= MINIMUM);
    assert!(contrast((0x77, 0x77, 0x77), white) < MINIMUM);
    // Symmetric, so reverse video keeps a pair legible.
    assert_eq!(
        contrast(black, (0x00, 0x5f, 0x87)),
        contrast((0x00, 0x5f, 0x87), black)
    );
    // The xterm palette, independently: 16 is black, 231 white, 24 #005f87, 240 #585858.
    assert_eq!(rgb(Color::Indexed(16)), Some(black));
    assert_eq!(rgb(Color::Indexed(231)), Some(white));
    assert_eq!(rgb(Color::Indexed(24)), Some((0x00, 0x5f, 0x87)));
    assert_eq!(rgb(Color::Indexed(240)), Some((0x58, 0x58, 0x58)));
    // The sixteen ANSI colours have none.
    assert_eq!(rgb(Color::Indexed(7)), None);
    assert_eq!(rgb(Color::Blue), None);
    assert_eq!(rgb(Color::Reset), None);
}

#[test]
fn dark_text_is_legible_on_dark_terminals() {
    let problems = problems(&Theme::new(ThemeName::Dark, false), &DARK_TERMINALS);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn light_text_is_legible_on_light_terminals() {
    let problems = problems(&Theme::new(ThemeName::Light, false), &LIGHT_TERMINALS);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn mono_sets_no_colour_and_is_what_no_color_gives() {
    let mono = Theme::new(ThemeName::Mono, false);
    for (name, style) in named_styles(&mono) {
        assert!(
            style.fg.is_none() && style.bg.is_none(),
            "{name} has a colour"
        );
    }
    let everywhere: Vec<(&str, Rgb)> = DARK_TERMINALS.into_iter().chain(LIGHT_TERMINALS).collect();
    assert!(problems(&mono, &everywhere).is_empty());
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::Mono] {
        assert_eq!(Theme::new(name, true), mono);
    }
}

#[test]
fn kind_badges_keep_distinct_colours() {
    for name in [ThemeName::Dark, ThemeName::Light] {
        let theme = Theme::new(name, false);
        let mut backgrounds: Vec<Color> = theme.badges.iter().filter_map(|s| s.bg).collect();
        backgrounds.extend(theme.badge_other.bg);
        assert_eq!(backgrounds.len(), 10);
        backgrounds.sort_by_key(|c| format!("{c:?}"));
        backgrounds.dedup();
        assert_eq!(
            backgrounds.len(),
            10,
            "two badges share a colour in {name:?}"
        );
    }
}

#[test]
fn the_check_catches_what_the_old_themes_got_wrong() {
    // Muted text in palette colour 7 on white, and black on blue badges: neither has a
    // fixed colour, and with common values they are 1.8:1 (#c0c0c0 on white) and
    // 2.2:1 (black on xterm's #0000ee).
    let mut old = Theme::new(ThemeName::Light, false);
    old.dim = Style::default().fg(Color::Indexed(7));
    old.badges[0] = Style::default().fg(Color::Black).bg(Color::Blue);
    let found = problems(&old, &LIGHT_TERMINALS);
    assert!(
        found.iter().any(|p| p.starts_with("dim: Indexed(7)")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with("badges[0]: Blue")),
        "{found:#?}"
    );
    // Fixed but too faint: #c0c0c0 (xterm's 7) on white, black on #0000d7 (xterm's
    // 4 as the cube has it), and a status hint as faint as its bar.
    let mut faint = Theme::new(ThemeName::Light, false);
    faint.dim = Style::default().fg(Color::Rgb(0xc0, 0xc0, 0xc0));
    faint.badges[0] = Style::default()
        .fg(Color::Indexed(16))
        .bg(Color::Indexed(20));
    faint.key = Style::default().fg(Color::Indexed(250));
    let found = problems(&faint, &LIGHT_TERMINALS);
    for expected in [
        "dim: Rgb(192, 192, 192) #c0c0c0 on #ffffff #ffffff is 1.82:1",
        "badges[0]: Indexed(16) #000000 on its own #0000d7 is 1.98:1",
        "key over status: Indexed(250) #bcbcbc on status #eeeeee is 1.64:1",
    ] {
        assert!(
            found.iter().any(|p| p == expected),
            "{expected}: {found:#?}"
        );
    }
}
