//! The briefing model: a validated, immutable document with metadata and typed
//! sections. Must not depend on terminal crates.

use std::path::PathBuf;

use super::date::{DateSpan, PartialDate};

/// The longest briefing id, in bytes: checked by the loader (an error at the id), and
/// every id up to it names its notes' files (the store hashes long ones).
pub const MAX_ID_LEN: usize = 200;

/// Where a briefing was loaded from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// One of the briefings compiled into the binary, by file name.
    Embedded(&'static str),
}

impl Origin {
    /// A name for messages: the path as given, or `<bundled>/name`.
    pub fn display_name(&self) -> String {
        match self {
            Origin::File(p) => p.display().to_string(),
            Origin::Embedded(name) => format!("<bundled>/{name}"),
        }
    }
}

/// A source the briefing is written from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    /// The source's name (publication, report, author).
    pub name: String,
    /// Where it can be read.
    pub url: Option<String>,
    /// When it was last consulted.
    pub accessed: Option<PartialDate>,
}

/// The kind of a section: one of the known vocabulary, or any other lowercase slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Kind(String);

/// The known section kinds: slug, display label, short badge.
pub const KNOWN_KINDS: [(&str, &str, &str); 9] = [
    ("context", "Context", "CTX"),
    ("objectives", "Objectives", "OBJ"),
    ("military-cooperation", "Military cooperation", "MIL"),
    ("interests", "Interests", "INT"),
    ("technology", "Technology", "TEC"),
    ("challenges", "Challenges", "CHL"),
    ("implications", "Implications", "IMP"),
    ("possible-dates", "Possible dates", "DAT"),
    ("assessment", "Assessment", "ASM"),
];

impl Kind {
    /// Wraps a slug (validated by the loader).
    pub fn new(slug: impl Into<String>) -> Self {
        Kind(slug.into())
    }

    /// The slug as written in files.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this kind is in the known vocabulary.
    pub fn is_known(&self) -> bool {
        self.known_index().is_some()
    }

    /// The index in [`KNOWN_KINDS`], which also picks the badge colour.
    pub fn known_index(&self) -> Option<usize> {
        KNOWN_KINDS.iter().position(|(slug, _, _)| *slug == self.0)
    }

    /// The display label: `Military cooperation`; for other kinds, the slug in words.
    pub fn label(&self) -> String {
        match self.known_index() {
            Some(i) => KNOWN_KINDS[i].1.to_string(),
            None => {
                let words = self.0.replace('-', " ");
                let mut chars = words.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
        }
    }

    /// A three-letter badge, legible without colour: `MIL`.
    pub fn badge(&self) -> String {
        match self.known_index() {
            Some(i) => KNOWN_KINDS[i].2.to_string(),
            None => self
                .0
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(3)
                .collect::<String>()
                .to_ascii_uppercase(),
        }
    }
}

/// One typed section of a briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Unique within the briefing; a lowercase slug.
    pub id: String,
    /// The heading.
    pub title: String,
    /// What the section is about.
    pub kind: Option<Kind>,
    /// CommonMark text.
    pub body: String,
    /// Structured dates the section states.
    pub dates: Vec<DateSpan>,
    /// The line in the source file where the section starts (1-based), for messages.
    pub line: u32,
    /// The line in the source file where the body's text starts, so that a match in
    /// the body can be reported at its line.
    pub body_line: u32,
    /// The line of the section's title in the source file (1-based; 0 when unknown).
    pub title_line: u32,
    /// A stable hash of title and body, to tell when a section changed since it was read.
    pub hash: String,
}

/// Where the briefing's fields are written in its source file (1-based lines; 0 when
/// unknown, as for a briefing built in memory), so that search and messages can point
/// at them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldLines {
    /// The `title`.
    pub title: u32,
    /// The `summary` (its first line).
    pub summary: u32,
    /// The `tags`.
    pub tags: u32,
    /// Each source, in order.
    pub sources: Vec<u32>,
}

/// A validated briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    /// Unique in a library; a lowercase slug.
    pub id: String,
    /// The title.
    pub title: String,
    /// The date of the briefing.
    pub date: Option<PartialDate>,
    /// BCP 47 language tag (`fr`, `en-GB`).
    pub language: Option<String>,
    /// The bottom line up front.
    pub summary: Option<String>,
    /// Free text shown as a banner.
    pub classification: Option<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// What it was written from.
    pub sources: Vec<Source>,
    /// The sections, in document order.
    pub sections: Vec<Section>,
    /// Where it came from.
    pub origin: Origin,
    /// A stable hash of the whole file: the version annotations were made on.
    pub version: String,
    /// Where the file sets its `id`, for messages (none when the id is the default).
    pub id_position: Option<super::diag::Pos>,
    /// Where the other fields are written.
    pub lines: FieldLines,
}

impl Briefing {
    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The position of the section with this id.
    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    /// Every structured date in the briefing, with the index of its section.
    pub fn dates(&self) -> impl Iterator<Item = (usize, &DateSpan)> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.dates.iter().map(move |d| (i, d)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_kinds_have_labels_and_badges() {
        let k = Kind::new("military-cooperation");
        assert!(k.is_known());
        assert_eq!(k.label(), "Military cooperation");
        assert_eq!(k.badge(), "MIL");
    }

    #[test]
    fn other_kinds_read_as_words() {
        let k = Kind::new("us-motives");
        assert!(!k.is_known());
        assert_eq!(k.label(), "Us motives");
        assert_eq!(k.badge(), "USM");
    }
}
