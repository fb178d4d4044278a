//! Keys as the config writes them (`j`, `G`, `Ctrl-d`, `Shift-Tab`, `F5`), normalised so
//! that `G` and `Shift-g` are the same chord. The reader turns terminal events into
//! chords; nothing here knows of the terminal.

use std::fmt;

use strum::IntoEnumIterator;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A character, with its case (`G` is Shift-g).
    Char(char),
    /// A function key, 1 to 12.
    F(u8),
    /// A named key.
    Named(Named),
}

/// The named keys brief can bind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
pub enum Named {
    /// Enter (Return).
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
}

impl Named {
    /// The name as written in the config.
    pub fn name(self) -> &'static str {
        match self {
            Named::Enter => "Enter",
            Named::Esc => "Esc",
            Named::Tab => "Tab",
            Named::BackTab => "BackTab",
            Named::Backspace => "Backspace",
            Named::Delete => "Delete",
            Named::Insert => "Insert",
            Named::Up => "Up",
            Named::Down => "Down",
            Named::Left => "Left",
            Named::Right => "Right",
            Named::Home => "Home",
            Named::End => "End",
            Named::PageUp => "PageUp",
            Named::PageDown => "PageDown",
        }
    }

    /// How help and hints show it (arrows as arrows).
    fn label(self) -> &'static str {
        match self {
            Named::Up => "↑",
            Named::Down => "↓",
            Named::Left => "←",
            Named::Right => "→",
            Named::BackTab => "Shift-Tab",
            other => other.name(),
        }
    }
}

/// Modifier bits.
pub mod mods {
    /// Control.
    pub const CTRL: u8 = 1;
    /// Alt (Meta).
    pub const ALT: u8 = 2;
    /// Shift, for keys whose case does not carry it (named and function keys).
    pub const SHIFT: u8 = 4;
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    /// The key.
    pub key: Key,
    /// Modifier bits ([`mods`]).
    pub mods: u8,
}

impl KeyChord {
    /// A plain character.
    pub fn char(c: char) -> KeyChord {
        KeyChord {
            key: Key::Char(c),
            mods: 0,
        }
    }

    /// A named key without modifiers.
    pub fn named(n: Named) -> KeyChord {
        KeyChord {
            key: Key::Named(n),
            mods: 0,
        }
    }

    /// Whether typing this key produces text (a character without Ctrl or Alt).
    pub fn is_text(self) -> bool {
        matches!(self.key, Key::Char(c) if !c.is_control())
            && self.mods & (mods::CTRL | mods::ALT) == 0
    }

    /// Parses `j`, `G`, `?`, `Space`, `Enter`, `Ctrl-d`, `Alt-x`, `Shift-Tab`, `F5`.
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut bits = 0;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix_len, bit) = if lower.starts_with("ctrl-") || lower.starts_with("ctrl+") {
                (5, mods::CTRL)
            } else if lower.starts_with("c-") && rest.len() > 2 {
                (2, mods::CTRL)
            } else if lower.starts_with("alt-") || lower.starts_with("alt+") {
                (4, mods::ALT)
            } else if lower.starts_with("shift-") || lower.starts_with("shift+") {
                (6, mods::SHIFT)
            } else {
                break;
            };
            bits |= bit;
            rest = &rest[prefix_len..];
        }
        // In English: the config's reader words it in the interface's language.
        let bad = || {
            crate::domain::i18n::t_args(
                crate::domain::i18n::Lang::En,
                "keys-not-a-key",
                &crate::domain::i18n::Args::new().with("key", text),
            )
        };
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if bits & mods::SHIFT != 0 && c.is_alphabetic() {
                    bits &= !mods::SHIFT;
                    Key::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    Key::Char(c)
                }
            }
            (None, _) => return Err(bad()),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    Key::Char(' ')
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    Key::F(n)
                } else {
                    let alias = match lower.as_str() {
                        "return" => "enter",
                        "escape" => "esc",
                        "pgup" => "pageup",
                        "pgdn" | "pgdown" => "pagedown",
                        "del" => "delete",
                        "ins" => "insert",
                        other => other,
                    };
                    let named = Named::iter()
                        .find(|n| n.name().eq_ignore_ascii_case(alias))
                        .ok_or_else(bad)?;
                    if named == Named::Tab && bits & mods::SHIFT != 0 {
                        bits &= !mods::SHIFT;
                        Key::Named(Named::BackTab)
                    } else {
                        Key::Named(named)
                    }
                }
            }
        };
        Ok(KeyChord { key, mods: bits })
    }
}

impl KeyChord {
    /// How help and hints show it in `lang`: the [`Display`](fmt::Display) form with
    /// names from the catalogue (`key-<name>`): `Ctrl-d`, `Entrée`, `Maj-Tab`,
    /// `Espace`. The config keeps the English names.
    pub fn label(self, lang: crate::domain::i18n::Lang) -> String {
        use crate::domain::i18n::t;
        let mut out = String::new();
        for (bit, id) in [
            (mods::CTRL, "key-ctrl"),
            (mods::ALT, "key-alt"),
            (mods::SHIFT, "key-shift"),
        ] {
            if self.mods & bit != 0 {
                out.push_str(&t(lang, id));
                out.push('-');
            }
        }
        match self.key {
            Key::Char(' ') => out.push_str(&t(lang, "key-space")),
            Key::Char(c) => out.push(c),
            Key::F(n) => out.push_str(&format!("F{n}")),
            Key::Named(n) => {
                out.push_str(&t(lang, &format!("key-{}", n.name().to_ascii_lowercase())))
            }
        }
        out
    }
}

impl fmt::Display for KeyChord {
    /// The form help and hints show: `Ctrl-d`, `Space`, `↓`, `Shift-Tab`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods & mods::CTRL != 0 {
            f.write_str("Ctrl-")?;
        }
        if self.mods & mods::ALT != 0 {
            f.write_str("Alt-")?;
        }
        if self.mods & mods::SHIFT != 0 {
            f.write_str("Shift-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::F(n) => write!(f, "F{n}"),
            Key::Named(n) => f.write_str(n.label()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_parse_to_the_same_chord() {
        assert_eq!(KeyChord::parse("Shift-g"), KeyChord::parse("G"));
        assert_eq!(KeyChord::parse("Shift-Tab"), KeyChord::parse("BackTab"));
        assert_eq!(KeyChord::parse("C-d"), KeyChord::parse("Ctrl-d"));
        assert_eq!(KeyChord::parse("pgdn"), KeyChord::parse("PageDown"));
        assert!(KeyChord::parse("Hyper-x").is_err());
        assert!(KeyChord::parse("").is_err());
        assert!(KeyChord::parse("F13").is_err());
    }

    #[test]
    fn text_keys_are_plain_characters() {
        assert!(KeyChord::char('q').is_text());
        assert!(KeyChord::char(' ').is_text());
        assert!(KeyChord::parse("G").is_ok_and(|c| c.is_text()));
        assert!(!KeyChord::parse("Ctrl-s").is_ok_and(|c| c.is_text()));
        assert!(!KeyChord::named(Named::Enter).is_text());
    }

    #[test]
    fn labels_name_keys_in_the_language_and_display_stays_english() {
        use crate::domain::i18n::Lang;
        let chord = |t: &str| KeyChord::parse(t).unwrap_or(KeyChord::char('?'));
        for text in [
            "j", "G", "?", "Space", "Ctrl-d", "Alt-x", "F5", "Enter", "PageDown",
        ] {
            assert_eq!(
                chord(text).label(Lang::En),
                chord(text).to_string(),
                "{text}"
            );
        }
        assert_eq!(chord("Shift-Tab").label(Lang::En), "Shift-Tab");
        assert_eq!(chord("Down").label(Lang::En), "↓");
        assert_eq!(chord("Enter").label(Lang::Fr), "Entrée");
        assert_eq!(chord("Esc").label(Lang::Fr), "Échap");
        assert_eq!(chord("Shift-Tab").label(Lang::Fr), "Maj-Tab");
        assert_eq!(chord("Space").label(Lang::Fr), "Espace");
        assert_eq!(chord("Ctrl-s").label(Lang::Fr), "Ctrl-s");
        assert_eq!(chord("Enter").to_string(), "Enter");
    }

    #[test]
    fn display_round_trips_except_arrows() {
        for text in [
            "j", "G", "?", "Space", "Ctrl-d", "Alt-x", "F5", "Enter", "PageDown",
        ] {
            let chord = KeyChord::parse(text);
            assert_eq!(chord.map(|c| c.to_string()).as_deref(), Ok(text), "{text}");
        }
        assert_eq!(
            KeyChord::parse("Down").map(|c| c.to_string()).as_deref(),
            Ok("↓")
        );
    }
}
