//! The keymap: one action, many keys. Defaults live here; the config's `[keys]` table
//! replaces an action's keys; a key bound to two actions is rejected at load with the
//! position of the offending entry.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use strum::IntoEnumIterator;

use super::action::Action;
use crate::config::Config;
use crate::domain::diag::Diagnostic;

/// A key with its modifiers, normalised so that `G` and `Shift-g` are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    code: KeyCodeKey,
    mods: u8,
}

/// `KeyCode` is not `Ord`; this mirrors the subset brief binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeKey {
    Char(char),
    F(u8),
    Named(Named),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
enum Named {
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

impl Named {
    fn name(self) -> &'static str {
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

    fn from_code(code: KeyCode) -> Option<Named> {
        Some(match code {
            KeyCode::Enter => Named::Enter,
            KeyCode::Esc => Named::Esc,
            KeyCode::Tab => Named::Tab,
            KeyCode::BackTab => Named::BackTab,
            KeyCode::Backspace => Named::Backspace,
            KeyCode::Delete => Named::Delete,
            KeyCode::Insert => Named::Insert,
            KeyCode::Up => Named::Up,
            KeyCode::Down => Named::Down,
            KeyCode::Left => Named::Left,
            KeyCode::Right => Named::Right,
            KeyCode::Home => Named::Home,
            KeyCode::End => Named::End,
            KeyCode::PageUp => Named::PageUp,
            KeyCode::PageDown => Named::PageDown,
            _ => return None,
        })
    }
}

const CTRL: u8 = 1;
const ALT: u8 = 2;
const SHIFT: u8 = 4;

impl KeyChord {
    /// The chord of a terminal key event (`None` for keys brief never binds).
    pub fn from_event(event: &KeyEvent) -> Option<KeyChord> {
        let mut mods = 0;
        if event.modifiers.contains(KeyModifiers::CONTROL) {
            mods |= CTRL;
        }
        if event.modifiers.contains(KeyModifiers::ALT) {
            mods |= ALT;
        }
        let shift = event.modifiers.contains(KeyModifiers::SHIFT);
        let code = match event.code {
            // A character carries its own case; Shift is already in it.
            KeyCode::Char(c) => KeyCodeKey::Char(c),
            KeyCode::F(n) => {
                if shift {
                    mods |= SHIFT;
                }
                KeyCodeKey::F(n)
            }
            other => {
                let named = Named::from_code(other)?;
                if shift && named != Named::BackTab {
                    mods |= SHIFT;
                }
                KeyCodeKey::Named(named)
            }
        };
        Some(KeyChord { code, mods })
    }

    /// Parses `j`, `G`, `?`, `Space`, `Enter`, `Ctrl-d`, `Alt-x`, `Shift-Tab`, `F5`.
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut mods = 0;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix_len, bit) = if lower.starts_with("ctrl-") || lower.starts_with("ctrl+") {
                (5, CTRL)
            } else if lower.starts_with("c-") && rest.len() > 2 {
                (2, CTRL)
            } else if lower.starts_with("alt-") || lower.starts_with("alt+") {
                (4, ALT)
            } else if lower.starts_with("shift-") || lower.starts_with("shift+") {
                (6, SHIFT)
            } else {
                break;
            };
            mods |= bit;
            rest = &rest[prefix_len..];
        }
        let bad = || {
            format!(
                "`{}` is not a key: use a character, a name such as Enter or PageDown, or Ctrl-/Alt-/Shift- with one",
                crate::domain::text::sanitize_line(text)
            )
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods & SHIFT != 0 && c.is_alphabetic() {
                    mods &= !SHIFT;
                    KeyCodeKey::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCodeKey::Char(c)
                }
            }
            (None, _) => return Err(bad()),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    KeyCodeKey::Char(' ')
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    KeyCodeKey::F(n)
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
                    if named == Named::Tab && mods & SHIFT != 0 {
                        mods &= !SHIFT;
                        KeyCodeKey::Named(Named::BackTab)
                    } else {
                        KeyCodeKey::Named(named)
                    }
                }
            }
        };
        Ok(KeyChord { code, mods })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods & CTRL != 0 {
            f.write_str("Ctrl-")?;
        }
        if self.mods & ALT != 0 {
            f.write_str("Alt-")?;
        }
        if self.mods & SHIFT != 0 {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCodeKey::Char(' ') => f.write_str("Space"),
            KeyCodeKey::Char(c) => write!(f, "{c}"),
            KeyCodeKey::F(n) => write!(f, "F{n}"),
            KeyCodeKey::Named(Named::BackTab) => f.write_str("Shift-Tab"),
            KeyCodeKey::Named(n) => f.write_str(n.name()),
        }
    }
}

/// The default keys of every action.
pub fn default_keys(action: Action) -> &'static [&'static str] {
    match action {
        Action::Quit => &["q"],
        Action::ForceQuit => &["Ctrl-c"],
        Action::Help => &["?"],
        Action::FocusNext => &["Tab"],
        Action::FocusPrevious => &["BackTab"],
        Action::FocusOutline => &["h", "Left"],
        Action::Open => &["l", "Right", "Enter"],
        Action::Next => &["j", "Down"],
        Action::Previous => &["k", "Up"],
        Action::NextSection => &["]"],
        Action::PreviousSection => &["["],
        Action::Top => &["g", "Home"],
        Action::Bottom => &["G", "End"],
        Action::PageDown => &["Space", "PageDown"],
        Action::PageUp => &["PageUp"],
        Action::HalfPageDown => &["Ctrl-d"],
        Action::HalfPageUp => &["Ctrl-u"],
        Action::Library => &["L"],
        Action::Timeline => &["T"],
        Action::Compare => &["K"],
        Action::Search => &["/"],
        Action::SearchNext => &["n"],
        Action::SearchPrevious => &["N"],
        Action::LibrarySearch => &["S"],
        Action::Finder => &[":", "Ctrl-p"],
        Action::ToggleBookmark => &["b"],
        Action::Annotate => &["a"],
        Action::Select => &["v"],
        Action::Annotations => &["A"],
        Action::ToggleNotes => &["i"],
        Action::ToggleRead => &["r"],
        Action::Export => &["e"],
        Action::ExportAll => &["E"],
    }
}

/// Keys to actions, and actions to their keys (for help and hints).
#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: BTreeMap<KeyChord, Action>,
    by_action: BTreeMap<Action, Vec<KeyChord>>,
}

impl Keymap {
    /// The default keymap.
    pub fn defaults() -> Keymap {
        Keymap::from_config(&Config::default()).unwrap_or_else(|_| Keymap {
            by_key: BTreeMap::new(),
            by_action: BTreeMap::new(),
        })
    }

    /// The defaults patched by the config's `[keys]` table. Unknown actions, malformed
    /// keys and a key bound to two actions are errors naming the config file's line
    /// and column.
    pub fn from_config(config: &Config) -> Result<Keymap, Diagnostic> {
        let file = config
            .origin
            .as_ref()
            .map_or_else(|| "config".to_string(), |p| p.display().to_string());
        let mut overrides: BTreeMap<Action, Vec<(String, KeyChord)>> = BTreeMap::new();
        for (name, keys) in &config.keys {
            let name = name.get_ref();
            let pos = config.key_positions.actions.get(name).copied();
            let action = Action::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Action::iter().map(Action::name).collect();
                Diagnostic::error(
                    &file,
                    pos,
                    format!(
                        "unknown action `{}` in [keys]; the actions are: {}",
                        crate::domain::text::sanitize_line(name),
                        known.join(", ")
                    ),
                )
            })?;
            let mut chords = Vec::new();
            for key in keys {
                let key_pos = config
                    .key_positions
                    .keys
                    .get(&(name.clone(), key.get_ref().clone()))
                    .copied();
                let chord = KeyChord::parse(key.get_ref())
                    .map_err(|m| Diagnostic::error(&file, key_pos, m))?;
                chords.push((key.get_ref().clone(), chord));
            }
            overrides.insert(action, chords);
        }
        let mut by_key: BTreeMap<KeyChord, Action> = BTreeMap::new();
        let mut by_action: BTreeMap<Action, Vec<KeyChord>> = BTreeMap::new();
        for action in Action::iter() {
            let chords: Vec<(String, KeyChord)> = match overrides.remove(&action) {
                Some(chords) => chords,
                None => default_keys(action)
                    .iter()
                    .filter_map(|k| KeyChord::parse(k).ok().map(|c| (k.to_string(), c)))
                    .collect(),
            };
            for (text, chord) in chords {
                if let Some(other) = by_key.get(&chord) {
                    if *other == action {
                        continue;
                    }
                    let pos = config
                        .key_positions
                        .keys
                        .get(&(action.name().to_string(), text.clone()))
                        .or_else(|| {
                            config
                                .key_positions
                                .keys
                                .get(&(other.name().to_string(), text.clone()))
                        })
                        .copied();
                    return Err(Diagnostic::error(
                        &file,
                        pos,
                        format!(
                            "key `{chord}` is bound to both `{}` and `{}`; give it to one of them",
                            other.name(),
                            action.name()
                        ),
                    ));
                }
                by_key.insert(chord, action);
                by_action.entry(action).or_default().push(chord);
            }
        }
        Ok(Keymap { by_key, by_action })
    }

    /// The action bound to a key event.
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        KeyChord::from_event(event).and_then(|c| self.by_key.get(&c).copied())
    }

    /// The keys of an action, for help and hints.
    pub fn keys_of(&self, action: Action) -> &[KeyChord] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key of an action as text (`?`), or an empty string when unbound.
    pub fn key_label(&self, action: Action) -> String {
        self.keys_of(action)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_resolve() {
        let km = Keymap::defaults();
        assert_eq!(
            km.action_for(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Next)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrevious)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Action::PageDown)
        );
    }

    #[test]
    fn every_default_key_parses_and_round_trips() {
        for action in Action::iter() {
            for k in default_keys(action) {
                let chord = KeyChord::parse(k);
                assert!(chord.is_ok(), "{k}");
                if let Ok(c) = chord {
                    assert_eq!(KeyChord::parse(&c.to_string()), Ok(c), "{k}");
                }
            }
        }
        assert_eq!(KeyChord::parse("Shift-g"), KeyChord::parse("G"));
        assert_eq!(KeyChord::parse("Shift-Tab"), KeyChord::parse("BackTab"));
        assert_eq!(KeyChord::parse("C-d"), KeyChord::parse("Ctrl-d"));
        assert!(KeyChord::parse("Hyper-x").is_err());
        assert!(KeyChord::parse("").is_err());
    }

    #[test]
    fn config_replaces_an_actions_keys() {
        let config = Config::parse("[keys]\nnext = [\"J\", \"Down\"]\n", Path::new("c.toml"));
        let km = config.and_then(|c| Keymap::from_config(&c));
        let km = match km {
            Ok(km) => km,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            km.action_for(&key(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::Next)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(km.key_label(Action::Next), "J");
    }

    #[test]
    fn a_key_bound_twice_is_rejected_with_its_position() {
        let config = Config::parse(
            "[keys]\nhelp = [\"x\"]\nlibrary = [\"?\", \"x\"]\n",
            Path::new("c.toml"),
        );
        let err = config
            .and_then(|c| Keymap::from_config(&c))
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "c.toml:3:17: error: key `x` is bound to both `help` and `library`; give it to one of them"
            )
        );
    }

    #[test]
    fn unknown_actions_and_bad_keys_are_rejected() {
        let config = Config::parse("[keys]\nfly = [\"x\"]\n", Path::new("c.toml"));
        let err = config
            .and_then(|c| Keymap::from_config(&c))
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("c.toml:2:1: error: unknown action `fly`")));
        let config = Config::parse("[keys]\nnext = [\"Hyper-x\"]\n", Path::new("c.toml"));
        let err = config
            .and_then(|c| Keymap::from_config(&c))
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("c.toml:2:9: error: `Hyper-x` is not a key")));
    }
}
