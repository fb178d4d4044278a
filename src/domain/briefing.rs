//! The briefing model: a validated, immutable document with metadata and typed
//! sections. Must not depend on terminal crates.

use std::path::PathBuf;

use super::date::{DateSpan, PartialDate};
use super::diag::Pos;
use super::shared::SharedText;
use super::tradecraft::cite::{InlineCitation, Portion};
use super::tradecraft::grade::{Credibility, Grade, Reliability};
use super::tradecraft::marking::{Level, Marking, classification_level, portion_at_start, roll_up};
use super::tradecraft::tlp::Tlp;

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
    /// The id sections and paragraphs cite it by (`nyt`): a slug, unique among the
    /// briefing's sources. A source without one cannot be cited.
    pub id: Option<String>,
    /// The source's name (publication, report, author).
    pub name: String,
    /// Where it can be read.
    pub url: Option<String>,
    /// When it was last consulted.
    pub accessed: Option<PartialDate>,
    /// How reliable the source is (Admiralty code, A–F).
    pub reliability: Option<Reliability>,
    /// How credible its information is (Admiralty code, 1–6).
    pub credibility: Option<Credibility>,
    /// Why it is graded so, in the briefing's words.
    pub grading: Option<String>,
}

impl Source {
    /// The source's grade (`B2`, `F6`, or partly or not graded).
    pub fn grade(&self) -> Grade {
        Grade {
            reliability: self.reliability,
            credibility: self.credibility,
        }
    }
}

/// Where a text of the briefing (a section's body, the summary) starts in its file, and
/// how its bytes map to the file's lines and columns. The text is a copy of the file
/// from its start, except where `jumps` says otherwise (an escape or a line
/// continuation in a TOML string); so a position in the text is known exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOrigin {
    /// The line of the text's first character (1-based; 0 when unknown).
    pub line: u32,
    /// Its column, in characters (1-based).
    pub column: u32,
    /// From byte `.0` of the text on, the text continues at line `.1`, column `.2` of
    /// the file. In increasing order of bytes.
    pub jumps: Vec<(usize, u32, u32)>,
}

impl TextOrigin {
    /// A text copied verbatim from the file from this line and column.
    pub fn verbatim(line: u32, column: u32) -> Self {
        TextOrigin {
            line,
            column,
            jumps: Vec::new(),
        }
    }

    /// The line and column in the file of byte `offset` of `text` (the text this origin
    /// describes). For several offsets of one text, [`TextOrigin::cursor`] is linear.
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        self.cursor(text).pos(offset)
    }

    /// A cursor that finds positions of increasing offsets in one pass over `text`.
    pub fn cursor<'a>(&'a self, text: &'a str) -> TextCursor<'a> {
        TextCursor {
            origin: self,
            text,
            at: 0,
            pos: Pos {
                line: self.line,
                column: self.column.max(1),
            },
        }
    }
}

/// Finds the file positions of bytes of a text, walking forward (see
/// [`TextOrigin::cursor`]).
pub struct TextCursor<'a> {
    origin: &'a TextOrigin,
    text: &'a str,
    at: usize,
    pos: Pos,
}

impl TextCursor<'_> {
    /// The line and column in the file of byte `offset` of the text (clamped to the
    /// text; an offset before the last one asked starts again from the beginning).
    pub fn pos(&mut self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at {
            *self = self.origin.cursor(self.text);
        }
        // Start from the last jump at or before the offset, if it is past where we are.
        let jumps = &self.origin.jumps;
        let k = jumps.partition_point(|j| j.0 <= offset);
        if let Some(&(at, line, column)) = k.checked_sub(1).and_then(|k| jumps.get(k))
            && at >= self.at
            && self.text.is_char_boundary(at)
        {
            self.at = at;
            self.pos = Pos { line, column };
        }
        let piece = self.text.get(self.at..offset).unwrap_or("");
        for c in piece.chars() {
            if c == '\n' {
                self.pos.line = self.pos.line.saturating_add(1);
                self.pos.column = 1;
            } else {
                self.pos.column = self.pos.column.saturating_add(1);
            }
        }
        self.at = offset;
        self.pos
    }
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
    /// CommonMark text: a range of the file it was read from, shared with it where it
    /// is written there verbatim (it derefs to `str`).
    pub body: SharedText,
    /// Structured dates the section states.
    pub dates: Vec<DateSpan>,
    /// The line in the source file where the section starts (1-based), for messages.
    pub line: u32,
    /// The line in the source file where the body's text starts, so that a match in
    /// the body can be reported at its line.
    pub body_line: u32,
    /// The line of the section's title in the source file (1-based; 0 when unknown).
    pub title_line: u32,
    /// Where the body's text is in the file, character by character.
    pub body_origin: TextOrigin,
    /// The section's portion marking (`marking = "S//NOFORN"`), for all its paragraphs
    /// that carry no mark of their own.
    pub marking: Option<Marking>,
    /// The ids of the sources the section as a whole rests on (`sources = ["nyt"]`).
    pub sources: Vec<String>,
    /// The inline citations of its body (`[^nyt]`), in order.
    pub citations: Vec<InlineCitation>,
    /// The portion marks that open paragraphs of its body (`(S)`), in order.
    pub portions: Vec<Portion>,
    /// A stable hash of title and body, to tell when a section changed since it was read.
    pub hash: String,
}

impl Section {
    /// The ids of every source the section cites, as a whole or inline, each once, in
    /// order (the section's `sources` first).
    pub fn cited_sources(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for id in self
            .sources
            .iter()
            .map(String::as_str)
            .chain(self.citations.iter().map(|c| c.source.as_str()))
        {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Whether the section's judgment rests on a single source: it cites exactly one
    /// (a section that cites none says nothing about its sourcing, and is not counted).
    pub fn rests_on_single_source(&self) -> bool {
        self.cited_sources().len() == 1
    }

    /// The marking that applies at byte `offset` of the body: the mark of the paragraph
    /// it is in, else the section's own.
    pub fn marking_at(&self, offset: usize) -> Option<&Marking> {
        self.portions
            .iter()
            .find(|p| p.paragraph.contains(&offset))
            .map(|p| &p.marking)
            .or(self.marking.as_ref())
    }

    /// For each display block of the body (as [`super::markdown::render_markdown`] cuts
    /// it, the unit notes attach to), the marking that applies to it: its own `(S)`
    /// mark, else the section's.
    pub fn block_markings(&self) -> Vec<Option<Marking>> {
        super::markdown::render_markdown(&self.body)
            .iter()
            .map(|b| {
                portion_at_start(&b.text)
                    .map(|(m, _)| m)
                    .or_else(|| self.marking.clone())
            })
            .collect()
    }

    /// For each display block of the body, the ids it cites inline (`[^nyt]`).
    pub fn block_citations(&self) -> Vec<Vec<String>> {
        block_citations(&self.body)
    }
}

/// For each display block of a CommonMark text, the source ids it cites inline.
fn block_citations(text: &str) -> Vec<Vec<String>> {
    super::markdown::render_markdown(text)
        .iter()
        .map(|b| {
            super::tradecraft::cite::find_citations(&b.text)
                .into_iter()
                .map(|c| c.source)
                .collect()
        })
        .collect()
}

/// A passage that depends on a source (see [`Briefing::passages_citing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Passage {
    /// The section (index), or `None` for the summary.
    pub section: Option<usize>,
    /// The display block citing it inline, or `None` when the whole section rests on
    /// it (its `sources`).
    pub block: Option<usize>,
}

impl Passage {
    /// Whether a note on block `block` of section `section` depends on this passage.
    pub fn covers(&self, section: usize, block: usize) -> bool {
        self.section == Some(section) && self.block.is_none_or(|b| b == block)
    }
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
    /// Where the summary's text is, character by character (its `line` is `summary`).
    pub summary_text: TextOrigin,
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
    /// The Traffic Light Protocol label: how far the briefing may be shared.
    pub tlp: Option<Tlp>,
    /// Free tags.
    pub tags: Vec<String>,
    /// What it was written from.
    pub sources: Vec<Source>,
    /// The sections, in document order.
    pub sections: Vec<Section>,
    /// The inline citations of the summary.
    pub summary_citations: Vec<InlineCitation>,
    /// The portion marks of the summary's paragraphs.
    pub summary_portions: Vec<Portion>,
    /// Where it came from.
    pub origin: Origin,
    /// A stable hash of the whole file: the version annotations were made on.
    pub version: String,
    /// Where the file sets its `id`, for messages (none when the id is the default).
    pub id_position: Option<super::diag::Pos>,
    /// Where the other fields are written.
    pub lines: FieldLines,
    /// Only the head of its file: its first sections, shown while the rest is parsed
    /// (see [`crate::domain::load::parse_head`]). Notes are never placed on a partial
    /// briefing: a passage further on would look orphaned or moved.
    pub partial: bool,
    /// What its `[labels]` table changes in the labels drawn as part of it (kinds,
    /// "Bottom line", "Sources"…), if it has one.
    pub labels: Option<crate::domain::i18n::LabelOverrides>,
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

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.as_deref() == Some(id))
    }

    /// The level the declared `classification` names, when it is recognised (see
    /// [`classification_level`]).
    pub fn declared_level(&self) -> Option<Level> {
        self.classification
            .as_deref()
            .and_then(classification_level)
    }

    /// The high-water mark: the highest marking of the content (sections' `marking`,
    /// paragraphs' portion marks, the summary's), with the caveats rolled up (see
    /// [`roll_up`]); `None` when nothing is marked.
    pub fn high_water_mark(&self) -> Option<Marking> {
        let sections = self.sections.iter().flat_map(|s| {
            s.marking
                .iter()
                .chain(s.portions.iter().map(|p| &p.marking))
        });
        let summary = self.summary_portions.iter().map(|p| &p.marking);
        roll_up(sections.chain(summary))
    }

    /// Every passage that depends on the source `id`: each section whose `sources` name
    /// it (the whole section), and each display block of a section or of the summary
    /// that cites it inline. In document order, summary first.
    pub fn passages_citing(&self, id: &str) -> Vec<Passage> {
        let mut passages = Vec::new();
        let inline = |text: &str, section: Option<usize>, out: &mut Vec<Passage>| {
            for (block, ids) in block_citations(text).iter().enumerate() {
                if ids.iter().any(|i| i == id) {
                    out.push(Passage {
                        section,
                        block: Some(block),
                    });
                }
            }
        };
        if let Some(summary) = &self.summary
            && self.summary_citations.iter().any(|c| c.source == id)
        {
            inline(summary, None, &mut passages);
        }
        for (i, section) in self.sections.iter().enumerate() {
            if section.sources.iter().any(|s| s == id) {
                passages.push(Passage {
                    section: Some(i),
                    block: None,
                });
            } else if section.citations.iter().any(|c| c.source == id) {
                inline(&section.body, Some(i), &mut passages);
            }
        }
        passages
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
