//! Text shared with the file it was read from: a section body is a range of the file's
//! text, held once behind an `Arc`, instead of a copy of its own. It reads as a `&str`
//! everywhere (it derefs to `str`), clones in constant time, and compares by content.
//! Must not depend on terminal crates.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A piece of text, held once: either a range of a shared source (the file a briefing
/// was read from) or a string of its own. Derefs to `str`; equality, order and hashing
/// are those of the text, wherever it is kept.
#[derive(Clone)]
pub struct SharedText {
    source: Arc<String>,
    start: usize,
    end: usize,
}

impl SharedText {
    /// The range `range` of `source`. A range that is not on character boundaries of
    /// `source`, or past its end, gives the empty text (callers pass ranges they found
    /// in `source`; this only keeps a mistake from panicking later).
    pub fn new(source: &Arc<String>, range: Range<usize>) -> SharedText {
        if source.get(range.clone()).is_none() {
            return SharedText::default();
        }
        SharedText {
            source: Arc::clone(source),
            start: range.start,
            end: range.end,
        }
    }

    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        self.source.get(self.start..self.end).unwrap_or_default()
    }

    /// Whether this text is a range of `source` (the very same allocation), not a copy.
    pub fn shares(&self, source: &Arc<String>) -> bool {
        Arc::ptr_eq(&self.source, source)
    }

    /// Whether this text and `other` are ranges of one source (one allocation).
    pub fn shares_source_with(&self, other: &SharedText) -> bool {
        Arc::ptr_eq(&self.source, &other.source)
    }

    /// How many bytes the source this text keeps alive holds (the whole file for a
    /// body borrowed from it).
    pub fn source_len(&self) -> usize {
        self.source.len()
    }

    /// The same text in an allocation of its own, so that it no longer keeps a larger
    /// source alive.
    pub fn detached(&self) -> SharedText {
        if self.start == 0 && self.end == self.source.len() {
            return self.clone();
        }
        SharedText::from(self.as_str().to_owned())
    }

    /// The range `range` (relative to this text) as a text sharing the same source.
    /// `None` when `range` is out of bounds or not on character boundaries.
    pub fn slice(&self, range: Range<usize>) -> Option<SharedText> {
        self.as_str().get(range.clone())?;
        Some(SharedText {
            source: Arc::clone(&self.source),
            start: self.start + range.start,
            end: self.start + range.end,
        })
    }
}

impl Default for SharedText {
    fn default() -> Self {
        SharedText::from(String::new())
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        let end = text.len();
        SharedText {
            source: Arc::new(text),
            start: 0,
            end,
        }
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        SharedText::from(text.to_owned())
    }
}

impl From<SharedText> for String {
    fn from(text: SharedText) -> Self {
        text.as_str().to_owned()
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for SharedText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl serde::Serialize for SharedText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_a_source_reads_compares_and_detaches_as_its_text() {
        let source = Arc::new("title\nbody é text\n".to_owned());
        let body = SharedText::new(&source, 6..18);
        assert_eq!(body.as_str(), "body é text");
        assert_eq!(&*body, "body é text");
        assert_eq!(body, SharedText::from("body é text"));
        assert!(body.shares(&source));
        assert_eq!(body.len(), 12);
        let alone = body.detached();
        assert!(!alone.shares(&source));
        assert_eq!(alone, body);
        assert_eq!(body.slice(5..7).map(String::from), Some("é".to_owned()));
        assert_eq!(body.slice(5..6), None, "not on a character boundary");
        // A range that is not in the source is empty rather than a panic.
        assert_eq!(SharedText::new(&source, 7..99).as_str(), "");
        assert_eq!(SharedText::new(&source, 12..13).as_str(), "");
    }
}
