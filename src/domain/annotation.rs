//! Bookmarks and notes: what they are anchored to and what they hold. The model only;
//! persistence is `store`, re-attachment after edits is `anchor`.
//! Must not depend on terminal crates.

use serde::{Deserialize, Serialize};

/// Where an annotation points: a passage of a briefing, in the spirit of the W3C Web
/// Annotation `TextQuoteSelector` (the quote, with some context on either side), plus
/// hints (section, block) and the briefing version it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The briefing's id.
    pub briefing: String,
    /// The section's id (a hint: the passage may have moved).
    pub section: String,
    /// The block's index in the section's rendered body (a hint).
    pub block: usize,
    /// The exact quoted text (the block's rendered text, or a part of it).
    pub quote: String,
    /// Up to about 32 characters of rendered text just before the quote.
    #[serde(default)]
    pub prefix: String,
    /// Up to about 32 characters just after it.
    #[serde(default)]
    pub suffix: String,
    /// The version (content hash) of the briefing the anchor was made on.
    pub version: String,
}

/// How an annotation relates to the briefing as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Found where it was made.
    #[default]
    Attached,
    /// Found again, somewhere else or approximately: the user should confirm.
    Moved,
    /// Not found: listed under "Needs review", never dropped.
    Orphan,
}

/// A note on a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// A UUIDv7: stable, and sortable by creation time.
    pub id: String,
    /// The passage.
    pub anchor: Anchor,
    /// The text, multi-line; `#tags` written in it are its tags.
    pub body: String,
    /// RFC 3339.
    pub created: jiff::Timestamp,
    /// RFC 3339; changes on every edit.
    pub updated: jiff::Timestamp,
    /// When this note is the conflict copy of another (edited in two places), its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_of: Option<String>,
    /// Set when the anchor moved and the user has not yet confirmed the new place.
    #[serde(default, skip_serializing_if = "is_false")]
    pub moved: bool,
}

/// A bookmark on a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmark {
    /// A UUIDv7.
    pub id: String,
    /// The passage.
    pub anchor: Anchor,
    /// An optional short label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// RFC 3339.
    pub created: jiff::Timestamp,
    /// RFC 3339; changes when the label or anchor changes.
    pub updated: jiff::Timestamp,
    /// Set when the anchor moved and the user has not yet confirmed the new place.
    #[serde(default, skip_serializing_if = "is_false")]
    pub moved: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A note or a bookmark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Annotation {
    /// A note.
    Note(Note),
    /// A bookmark.
    Bookmark(Bookmark),
}

impl Annotation {
    /// The id.
    pub fn id(&self) -> &str {
        match self {
            Annotation::Note(n) => &n.id,
            Annotation::Bookmark(b) => &b.id,
        }
    }

    /// The anchor.
    pub fn anchor(&self) -> &Anchor {
        match self {
            Annotation::Note(n) => &n.anchor,
            Annotation::Bookmark(b) => &b.anchor,
        }
    }

    /// When it last changed.
    pub fn updated(&self) -> jiff::Timestamp {
        match self {
            Annotation::Note(n) => n.updated,
            Annotation::Bookmark(b) => b.updated,
        }
    }
}

/// A new UUIDv7, as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The `#tags` written in a note's body, lowercased, without the `#`, in order of first
/// appearance, without repeats. A tag is `#` followed by letters, digits, `-` or `_`
/// (any script), at the start of the text or after whitespace or an opening bracket;
/// `#` alone, `#1` followed by nothing but digits, and URL fragments are not tags.
pub fn tags_of(body: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at_boundary = prev.is_none_or(|p| p.is_whitespace() || "([{\"'«“".contains(p));
        if c == '#' && at_boundary {
            let rest = &body[i + 1..];
            let len: usize = rest
                .chars()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '-' || *ch == '_')
                .map(char::len_utf8)
                .sum();
            let tag = rest[..len].trim_end_matches(['-', '_']);
            if !tag.is_empty() && !tag.chars().all(|ch| ch.is_ascii_digit()) {
                let tag = tag.to_lowercase();
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            for _ in 0..rest[..len].chars().count() {
                chars.next();
            }
            prev = rest[..len].chars().last().or(Some(c));
            continue;
        }
        prev = Some(c);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_in_any_script() {
        assert_eq!(
            tags_of("Voir #Munitions et #coopération-militaire.\n#東京 (#x_y) #1 a#b # #"),
            vec!["munitions", "coopération-militaire", "東京", "x_y"]
        );
    }

    #[test]
    fn repeated_tags_count_once() {
        assert_eq!(tags_of("#a #A #a"), vec!["a"]);
    }

    #[test]
    fn ids_are_uuid_v7() {
        let id = new_id();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "7");
    }
}
