//! The names of the store's files: a briefing id or a draft key becomes the stem of its
//! file names, so that any valid id fits in a file name with every suffix the store
//! adds, and two ids never share a stem. Must not depend on terminal crates.
//!
//! A short plain id (at most [`DIRECT_STEM_MAX`] ASCII letters, digits, `-` or `_`) is
//! its own stem, as it always was, so existing files keep their names. Any other id
//! becomes `<prefix>~<hash>`: at most [`HASHED_PREFIX`] characters of the id (others
//! than letters, digits, `-` and `_` replaced by `_`), a `~` (never part of a plain id,
//! so a hashed stem never equals a plain one), and 32 hex digits of the id's SHA-256.
//!
//! The longest name made from a stem is a damaged copy's temporary file,
//! `.<stem>.toml.corrupt-<26-character stamp>-<n>.tmp-<pid>-<n>`: under 190 bytes for
//! the longest stem (100), well within the 255 bytes file systems allow.

use sha2::{Digest, Sha256};

use crate::domain::briefing::MAX_ID_LEN;

/// Ids up to this length, made only of plain characters, are their own file stem.
pub(super) const DIRECT_STEM_MAX: usize = 100;

/// How much of a long id is kept, readable, at the start of its hashed stem.
pub(super) const HASHED_PREFIX: usize = 64;

/// Hex digits of the hash in a hashed stem (128 bits).
const HASH_HEX: usize = 32;

/// A character that can be part of a file name anywhere.
fn is_plain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Whether a name is made only of plain characters (and is not empty).
fn is_plain(name: &str) -> bool {
    !name.is_empty() && name.chars().all(is_plain_char)
}

/// Whether a briefing id can be stored: 1 to [`MAX_ID_LEN`] ASCII letters, digits, `-`
/// or `_` (every id the loader accepts is).
pub(super) fn valid_id(id: &str) -> bool {
    id.len() <= MAX_ID_LEN && is_plain(id)
}

/// The file stem of an id or key. Total: any string gets a stem that is a safe, short
/// file name (see the module's documentation).
pub(super) fn stem(id: &str) -> String {
    if id.len() <= DIRECT_STEM_MAX && is_plain(id) {
        return id.to_owned();
    }
    let prefix: String = id
        .chars()
        .take(HASHED_PREFIX)
        .map(|c| if is_plain_char(c) { c } else { '_' })
        .collect();
    let digest = Sha256::digest(id.as_bytes());
    let mut hash = String::with_capacity(HASH_HEX);
    for byte in &digest[..HASH_HEX / 2] {
        hash.push_str(&format!("{byte:02x}"));
    }
    format!("{prefix}~{hash}")
}

/// Whether a stem names its id directly (else the id is read from inside the file).
pub(super) fn is_direct(stem: &str) -> bool {
    stem.len() <= DIRECT_STEM_MAX && is_plain(stem)
}

/// Whether a file stem is one that [`stem`] makes.
pub(super) fn is_stem(stem: &str) -> bool {
    if is_direct(stem) {
        return true;
    }
    let Some((prefix, hash)) = stem.split_once('~') else {
        return false;
    };
    prefix.len() <= HASHED_PREFIX
        && prefix.chars().all(is_plain_char)
        && hash.len() == HASH_HEX
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_plain_ids_keep_their_names() {
        for id in [
            "b1",
            "kim-putin-2023",
            "A_b-9",
            &"x".repeat(DIRECT_STEM_MAX),
        ] {
            assert_eq!(stem(id), id);
            assert!(is_stem(id) && is_direct(id));
        }
    }

    #[test]
    fn long_ids_get_a_short_hashed_stem_that_never_collides() {
        let base = "a".repeat(DIRECT_STEM_MAX);
        let one = format!("{base}-one");
        let two = format!("{base}-two");
        let (s1, s2) = (stem(&one), stem(&two));
        assert_ne!(s1, s2);
        for s in [&s1, &s2] {
            assert!(s.len() <= DIRECT_STEM_MAX, "{s}");
            assert!(s.starts_with(&"a".repeat(HASHED_PREFIX)), "{s}");
            assert!(is_stem(s) && !is_direct(s), "{s}");
        }
        // Stable: the same id always names the same file.
        assert_eq!(stem(&one), s1);
        // The longest id the loader accepts.
        let longest = "z".repeat(MAX_ID_LEN);
        assert!(valid_id(&longest) && !valid_id(&format!("{longest}z")));
        assert!(stem(&longest).len() <= DIRECT_STEM_MAX);
    }

    #[test]
    fn any_string_gets_a_safe_stem() {
        for odd in [
            "",
            "../x",
            "a/b",
            "é",
            "x~1",
            ".hidden",
            "\u{1b}[31m",
            "a b",
        ] {
            let s = stem(odd);
            assert!(is_stem(&s), "{odd:?} -> {s}");
            assert!(!s.contains('/') && !s.starts_with('.'), "{odd:?} -> {s}");
        }
        assert_ne!(stem("a/b"), stem("a_b"));
        assert_ne!(stem("a/b"), stem("a.b"));
    }
}
