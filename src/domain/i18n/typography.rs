//! French typography for the catalogue's own text: a narrow no-break space (U+202F)
//! before `:` `;` `?` `!` `%` `»` and after `«`, so they never start a line and look
//! as French typesetting wants. Applied by Fluent to the text of a message, never to
//! its arguments (ids, paths, URLs stay as they are). Must not depend on terminal
//! crates.

use std::borrow::Cow;

/// The narrow no-break space (espace fine insécable).
pub const NNBSP: char = '\u{202f}';

/// Puts narrow no-break spaces where French typography wants them: a space (or a
/// no-break space) written before `:` `;` `?` `!` `%` `»` or after `«` becomes a narrow
/// no-break space, and one is added where the catalogue wrote none after a letter or a
/// closing mark (`fin:` → `fin :`). Left alone: what follows a digit (`08:30`), `://`,
/// doubled marks (`?!`), and a mark at the very start of a text fragment (what comes
/// before it is an argument, which the catalogue spaces itself).
pub fn french_typography(text: &str) -> Cow<'_, str> {
    if !text.contains([':', ';', '?', '!', '%', '«', '»']) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            ':' | ';' | '?' | '!' | '%' | '»' => {
                let url = c == ':' && next == Some('/');
                match out.chars().last() {
                    Some(' ' | '\u{a0}') if !url => {
                        out.pop();
                        out.push(NNBSP);
                    }
                    Some(p) if !url && c != '%' && wants_space_after(p) => out.push(NNBSP),
                    _ => {}
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                match next {
                    Some(' ' | '\u{a0}') => {
                        out.push(NNBSP);
                        i += 1;
                    }
                    Some(n) if n != NNBSP && !n.is_whitespace() => out.push(NNBSP),
                    _ => {}
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// Whether a mark written right after `p` needs a space before it in French.
fn wants_space_after(p: char) -> bool {
    p.is_alphabetic() || matches!(p, ')' | ']' | '»' | '”' | '’' | '"' | '`' | '…' | '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_become_narrow_and_missing_ones_appear() {
        assert_eq!(french_typography("Filtre : x"), "Filtre\u{202f}: x");
        assert_eq!(french_typography("Filtre: x"), "Filtre\u{202f}: x");
        assert_eq!(french_typography("vider ?"), "vider\u{202f}?");
        assert_eq!(french_typography("non ; oui!"), "non\u{202f}; oui\u{202f}!");
        assert_eq!(french_typography("25 %"), "25\u{202f}%");
        assert_eq!(
            french_typography("« mot » et «mot»"),
            "«\u{202f}mot\u{202f}» et «\u{202f}mot\u{202f}»"
        );
    }

    #[test]
    fn leaves_times_urls_and_fragment_starts() {
        assert_eq!(french_typography("08:30"), "08:30");
        assert_eq!(french_typography("https://x"), "https://x");
        assert_eq!(french_typography("quoi ?!"), "quoi\u{202f}?!");
        assert_eq!(french_typography(":x"), ":x");
        assert_eq!(french_typography("aucun"), "aucun");
        assert_eq!(french_typography("a\u{202f}: b"), "a\u{202f}: b");
    }
}
