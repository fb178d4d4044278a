//! Terminal keys to the keymap's chords: the one place the reader reads crossterm's
//! key events. What a chord means is the keymap's business (`crate::keys`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keys::{Key, KeyChord, Named, mods};

/// The chord of a terminal key event (`None` for keys brief never binds, such as a
/// lone modifier).
pub fn chord(event: &KeyEvent) -> Option<KeyChord> {
    let mut bits = 0;
    if event.modifiers.contains(KeyModifiers::CONTROL) {
        bits |= mods::CTRL;
    }
    if event.modifiers.contains(KeyModifiers::ALT) {
        bits |= mods::ALT;
    }
    let shift = event.modifiers.contains(KeyModifiers::SHIFT);
    let key = match event.code {
        // A character carries its own case; Shift is already in it.
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::F(n) => {
            if shift {
                bits |= mods::SHIFT;
            }
            Key::F(n)
        }
        other => {
            let named = match other {
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
            };
            if shift && named != Named::BackTab {
                bits |= mods::SHIFT;
            }
            Key::Named(named)
        }
    };
    Some(KeyChord { key, mods: bits })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Action, Context, Keymap};

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn terminal_keys_resolve_through_the_keymap() {
        let km = Keymap::defaults();
        let resolve = |ctx, k: KeyEvent| chord(&k).and_then(|c| km.resolve(ctx, c));
        assert_eq!(
            resolve(Context::Reader, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Next)
        );
        assert_eq!(
            resolve(
                Context::Reader,
                key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            resolve(
                Context::Editor,
                key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            resolve(Context::Reader, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrevious)
        );
        // While typing, a letter is text.
        assert_eq!(
            resolve(Context::Prompt, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            resolve(Context::Prompt, key(KeyCode::F(1), KeyModifiers::NONE)),
            Some(Action::Help)
        );
    }
}
