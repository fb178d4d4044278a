//! Search: the in-briefing index (every rendered block, folded once), the library-wide
//! index (titles, tags, summaries, sections and notes of every briefing) and the
//! `brief search` grep. Matching follows [`super::fold`]: case (smart case), accents and
//! typography folded, exact original ranges. Must not depend on terminal crates.
//!
//! Every index keeps one haystack per briefing: the texts it searches, folded and
//! joined by NUL (which folding never produces, so no match crosses two texts), searched
//! with one [`memchr::memmem::Finder`] built once per query.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use memchr::memmem::Finder;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::annotation::Note;
use super::briefing::{Briefing, Section};
use super::fold::{FoldBuilder, Folded, Query, SEPARATOR, fold, fold_keep_case};
use super::library::Library;
use super::markdown::{Block, render_markdown};
use super::text::sanitize;

/// The widest a snippet gets, in terminal columns (ellipses included).
pub const SNIPPET_COLUMNS: usize = 100;

// The haystack shared by every index.

/// Texts folded into one string, separated by NUL, with where each starts.
#[derive(Debug, Clone, Default)]
struct Haystack {
    /// The original texts joined by NUL (needed for smart case and snippets).
    original: String,
    /// The fold of `original`.
    folded: Folded,
    /// Where each text starts: (folded, original) byte offsets.
    starts: Vec<(usize, usize)>,
}

/// Builds a [`Haystack`] text by text.
struct HaystackBuilder {
    original: String,
    folder: FoldBuilder,
    starts: Vec<(usize, usize)>,
}

impl HaystackBuilder {
    fn new(capacity: usize) -> HaystackBuilder {
        HaystackBuilder {
            original: String::with_capacity(capacity),
            folder: FoldBuilder::new(true, capacity),
            starts: Vec::new(),
        }
    }

    /// Appends a text; its index is the number of texts pushed before it.
    fn push(&mut self, text: &str) {
        if !self.starts.is_empty() {
            self.original.push(SEPARATOR);
            self.folder.push_separator();
        }
        self.starts
            .push((self.folder.folded_len(), self.original.len()));
        self.original.push_str(text);
        self.folder.push_str(text);
    }

    fn finish(mut self) -> Haystack {
        self.original.shrink_to_fit();
        self.starts.shrink_to_fit();
        let mut folded = self.folder.finish();
        folded.text.shrink_to_fit();
        Haystack {
            original: self.original,
            folded,
            starts: self.starts,
        }
    }
}

/// A query ready to run: its finder is built once and used on every haystack.
struct Searcher {
    finder: Finder<'static>,
    len: usize,
    /// For a case-sensitive query, its case-keeping fold, which a match must contain.
    keep_case: Option<String>,
}

impl Searcher {
    /// `None` for a query that matches nothing (it folds to nothing).
    fn new(query: &Query) -> Option<Searcher> {
        if query.text.is_empty() {
            return None;
        }
        Some(Searcher {
            finder: Finder::new(query.text.as_bytes()).into_owned(),
            len: query.text.len(),
            keep_case: query.case_sensitive.then(|| fold_keep_case(&query.raw)),
        })
    }

    /// Every match in `folded` (whose original is `original`), in order and not
    /// overlapping, as original byte ranges.
    fn all(&self, original: &str, folded: &Folded) -> Vec<Range<usize>> {
        let mut matches: Vec<Range<usize>> = Vec::new();
        let hay = folded.text.as_bytes();
        let mut at = 0;
        while at < hay.len() {
            let Some(found) = hay.get(at..).and_then(|h| self.finder.find(h)) else {
                break;
            };
            let pos = at + found;
            let range = folded.to_original(pos..pos + self.len);
            let case_ok = match &self.keep_case {
                None => true,
                Some(keep) => original
                    .get(range.clone())
                    .is_some_and(|s| fold_keep_case(s).contains(keep.as_str())),
            };
            if case_ok {
                at = pos + self.len;
                // Two folded matches inside one original character (`s` in `ß`) are one.
                if matches.last().is_none_or(|last| range.start >= last.end) {
                    matches.push(range);
                }
            } else {
                // A case mismatch: an overlapping occurrence may still match.
                at = pos + 1;
                while at < hay.len() && !folded.text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        matches
    }
}

impl Haystack {
    /// The original of text `i`.
    fn text(&self, i: usize) -> &str {
        let Some(&(_, start)) = self.starts.get(i) else {
            return "";
        };
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.original.len(), |&(_, next)| next.saturating_sub(1));
        self.original.get(start..end).unwrap_or_default()
    }

    /// Every match: (text index, byte range in that text), in order.
    fn search(&self, searcher: &Searcher) -> Vec<(usize, Range<usize>)> {
        let found = searcher.all(&self.original, &self.folded);
        found
            .into_iter()
            .map(|range| {
                let piece = self
                    .starts
                    .partition_point(|&(_, original)| original <= range.start)
                    .saturating_sub(1);
                let base = self.starts.get(piece).map_or(0, |&(_, original)| original);
                (piece, range.start - base..range.end - base)
            })
            .collect()
    }
}

// In one briefing.

/// The searchable text of one briefing: every block of every unit (unit 0 = the summary
/// rendered with [`render_markdown`], unit n = section n-1's body), folded once.
#[derive(Debug, Clone, Default)]
pub struct DocIndex {
    haystack: Haystack,
    /// For each text of the haystack: (unit, block).
    blocks: Vec<(usize, usize)>,
    /// How many blocks were given, empty ones included.
    block_count: usize,
}

/// The `block` of a match in what a unit shows above its text: the briefing's title,
/// date, tags and sources for the overview; a section's title, kind, dates and sources.
pub const HEADING: usize = usize::MAX;

/// A match in a [`DocIndex`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The unit: 0 for the summary, n for section n-1.
    pub unit: usize,
    /// The block's index in the unit's rendered blocks, or [`HEADING`] for a match in
    /// the unit's heading (its range is then in one of the unit's heading texts).
    pub block: usize,
    /// Bytes in that block's [`Block::text`], on character boundaries, covering whole
    /// characters and their combining marks.
    pub range: Range<usize>,
}

impl Match {
    /// Its place in document order: a unit's heading comes before its blocks.
    pub fn order(&self) -> (usize, usize) {
        order_of(self.unit, self.block)
    }
}

/// The place in document order of a block of a unit (or of its [`HEADING`]).
pub fn order_of(unit: usize, block: usize) -> (usize, usize) {
    (unit, if block == HEADING { 0 } else { block + 1 })
}

/// The texts a unit shows above its body, searched by `/` like the body: for the
/// overview, the briefing's title, date, language, tags and sources (name, id, grade,
/// url); for a section, its title, kind (its id and its label in the briefing's
/// language), structured dates and cited sources.
pub fn heading_texts(briefing: &Briefing, unit: usize) -> Vec<String> {
    use super::i18n::{DocLabels, Lang};
    let lang = Lang::for_document(briefing.language.as_deref(), Lang::En);
    let labels = DocLabels::new(lang, briefing.labels.as_ref());
    let mut texts = Vec::new();
    if unit == 0 {
        texts.push(briefing.title.clone());
        if let Some(d) = &briefing.date {
            texts.push(super::i18n::format_partial_date(d, lang));
        }
        texts.extend(briefing.language.iter().cloned());
        texts.extend(briefing.tags.iter().cloned());
        for source in &briefing.sources {
            texts.push(source.name.clone());
            texts.extend(source.id.iter().cloned());
            texts.extend(source.url.iter().cloned());
            let grade = source.grade().label();
            if !grade.is_empty() {
                texts.push(grade);
            }
        }
    } else if let Some(section) = briefing.sections.get(unit - 1) {
        texts.push(section.title.clone());
        if let Some(kind) = &section.kind {
            texts.push(kind.as_str().to_owned());
            texts.push(labels.kind_label(kind.as_str()));
        }
        texts.extend(section.dates.iter().map(|d| labels.describe(d)));
        texts.extend(section.cited_sources().iter().map(|s| s.to_string()));
    }
    texts.retain(|t| !t.is_empty());
    texts
}

/// Every match of `query` in one text, as byte ranges of it (for highlighting a text
/// drawn outside the index, such as a heading).
pub fn find_in(text: &str, query: &Query) -> Vec<Range<usize>> {
    match Searcher::new(query) {
        Some(searcher) => searcher.all(text, &super::fold::fold(text)),
        None => Vec::new(),
    }
}

impl DocIndex {
    /// Renders the summary and every section body, and indexes their blocks.
    pub fn build(briefing: &Briefing) -> DocIndex {
        let summary = briefing
            .summary
            .as_deref()
            .map(render_markdown)
            .unwrap_or_default();
        let mut units = vec![summary];
        units.extend(briefing.sections.iter().map(|s| render_markdown(&s.body)));
        DocIndex::from_units(units)
    }

    /// Indexes blocks already rendered: `units[0]` is the summary, `units[n]` section
    /// n-1's body.
    pub fn from_units(units: Vec<Vec<Block>>) -> DocIndex {
        DocIndex::from_blocks(units.iter().map(|u| u.as_slice()))
    }

    /// Like [`DocIndex::from_units`], borrowing the blocks.
    pub fn from_blocks<'a>(units: impl IntoIterator<Item = &'a [Block]>) -> DocIndex {
        let units: Vec<&[Block]> = units.into_iter().collect();
        let size: usize = units
            .iter()
            .flat_map(|u| u.iter())
            .map(|b| b.text.len() + 1)
            .sum();
        let mut builder = HaystackBuilder::new(size);
        let mut blocks = Vec::new();
        let mut block_count = 0;
        for (unit, unit_blocks) in units.iter().enumerate() {
            block_count += unit_blocks.len();
            for (index, block) in unit_blocks.iter().enumerate() {
                if !block.text.is_empty() {
                    builder.push(&block.text);
                    blocks.push((unit, index));
                }
            }
        }
        DocIndex {
            haystack: builder.finish(),
            blocks,
            block_count,
        }
    }

    /// Every match, in document order, not overlapping. An empty query matches nothing;
    /// no match spans two blocks.
    pub fn search(&self, query: &Query) -> Vec<Match> {
        let Some(searcher) = Searcher::new(query) else {
            return Vec::new();
        };
        let found = self.haystack.search(&searcher);
        found
            .into_iter()
            .filter_map(|(piece, range)| {
                let &(unit, block) = self.blocks.get(piece)?;
                Some(Match { unit, block, range })
            })
            .collect()
    }

    /// How many blocks there are in all units (empty ones, such as rules, included).
    pub fn block_count(&self) -> usize {
        self.block_count
    }
}

/// Builds a [`DocIndex`] one unit at a time, so a large briefing never needs all its
/// rendered blocks in memory at once.
pub struct DocIndexBuilder {
    builder: HaystackBuilder,
    blocks: Vec<(usize, usize)>,
    block_count: usize,
    unit: usize,
}

impl DocIndexBuilder {
    /// A builder expecting about `size` bytes of text.
    pub fn new(size: usize) -> DocIndexBuilder {
        DocIndexBuilder {
            builder: HaystackBuilder::new(size),
            blocks: Vec::new(),
            block_count: 0,
            unit: 0,
        }
    }

    /// Adds the texts shown above the next unit's blocks ([`heading_texts`]); call it
    /// before that unit's [`Self::push_unit`].
    pub fn push_heading(&mut self, texts: &[String]) {
        for text in texts {
            self.builder.push(text);
            self.blocks.push((self.unit, HEADING));
        }
    }

    /// Adds the next unit's blocks (unit 0 first: the summary).
    pub fn push_unit(&mut self, unit_blocks: &[Block]) {
        self.block_count += unit_blocks.len();
        for (index, block) in unit_blocks.iter().enumerate() {
            if !block.text.is_empty() {
                self.builder.push(&block.text);
                self.blocks.push((self.unit, index));
            }
        }
        self.unit += 1;
    }

    /// The index.
    pub fn finish(self) -> DocIndex {
        DocIndex {
            haystack: self.builder.finish(),
            blocks: self.blocks,
            block_count: self.block_count,
        }
    }
}

// Library-wide.

/// Which part of a briefing a library match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The briefing's title.
    Title,
    /// Its tags (searched joined by `, `).
    Tags,
    /// Its summary.
    Summary,
    /// A section's title.
    SectionTitle,
    /// A section's body.
    SectionBody,
    /// The body of a note on the briefing.
    Note,
}

/// One match in a [`LibraryIndex`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryHit {
    /// The briefing's id.
    pub briefing: String,
    /// The section's id: for a section's title or body, and for a note anchored to a
    /// section that exists; `None` for the title, tags and summary.
    pub section: Option<String>,
    /// Where the match is.
    pub field: Field,
    /// The unit, as in [`DocIndex`]: 0 for the summary (and the title and tags), n for
    /// section n-1; for a note, its anchor's section (0 when it is not found).
    pub unit: usize,
    /// The block in the unit for a summary or body match; the anchor's block for a note;
    /// 0 for a title or tags.
    pub block: usize,
    /// One line of sanitised text around the match, at most [`SNIPPET_COLUMNS`] wide.
    pub snippet: String,
    /// The match, in bytes of `snippet` (possibly cut short with the snippet).
    pub highlight: Range<usize>,
    /// For a note, its id.
    pub note_id: Option<String>,
    /// The section's title, when the match is in a section (or a note on one).
    pub section_title: Option<String>,
}

/// What one text of a briefing's haystack is.
#[derive(Debug, Clone)]
struct Piece {
    field: Field,
    /// Index of the section (for notes: of the anchor's section, if found).
    section: Option<usize>,
    unit: usize,
    block: usize,
    /// Index in [`Entry::notes`].
    note: Option<usize>,
}

/// One briefing in the library index.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    haystack: Haystack,
    pieces: Vec<Piece>,
    section_ids: Vec<String>,
    section_titles: Vec<String>,
    /// Note ids.
    notes: Vec<String>,
}

impl Entry {
    fn new(briefing: &Briefing, notes: &[Note]) -> Entry {
        let size = briefing.title.len()
            + briefing.summary.as_ref().map_or(0, String::len)
            + briefing
                .sections
                .iter()
                .map(|s| s.title.len() + s.body.len())
                .sum::<usize>()
            + notes.iter().map(|n| n.body.len()).sum::<usize>();
        let mut builder = HaystackBuilder::new(size + 64);
        let mut pieces = Vec::new();
        // Rendered blocks are sanitised already; the other texts are sanitised here.
        let mut push = |text: &str, piece: Piece| {
            if !text.is_empty() {
                builder.push(text);
                pieces.push(piece);
            }
        };
        let plain = |field| Piece {
            field,
            section: None,
            unit: 0,
            block: 0,
            note: None,
        };
        push(&sanitize(&briefing.title), plain(Field::Title));
        push(&sanitize(&briefing.tags.join(", ")), plain(Field::Tags));
        if let Some(summary) = &briefing.summary {
            for (block, b) in render_markdown(summary).iter().enumerate() {
                push(
                    &b.text,
                    Piece {
                        block,
                        ..plain(Field::Summary)
                    },
                );
            }
        }
        for (index, section) in briefing.sections.iter().enumerate() {
            let in_section = |field, block| Piece {
                field,
                section: Some(index),
                unit: index + 1,
                block,
                note: None,
            };
            push(
                &sanitize(&section.title),
                in_section(Field::SectionTitle, 0),
            );
            for (block, b) in render_markdown(&section.body).iter().enumerate() {
                push(&b.text, in_section(Field::SectionBody, block));
            }
        }
        for (index, note) in notes.iter().enumerate() {
            let section = briefing.section_index(&note.anchor.section);
            push(
                &sanitize(&note.body),
                Piece {
                    field: Field::Note,
                    section,
                    unit: section.map_or(0, |s| s + 1),
                    block: note.anchor.block,
                    note: Some(index),
                },
            );
        }
        debug_assert_eq!(builder.starts.len(), pieces.len());
        Entry {
            id: briefing.id.clone(),
            haystack: builder.finish(),
            pieces,
            section_ids: briefing.sections.iter().map(|s| s.id.clone()).collect(),
            section_titles: briefing.sections.iter().map(|s| s.title.clone()).collect(),
            notes: notes.iter().map(|n| n.id.clone()).collect(),
        }
    }

    fn hit(&self, piece: usize, range: Range<usize>) -> Option<LibraryHit> {
        let p = self.pieces.get(piece)?;
        let (snippet, highlight) = snippet(self.haystack.text(piece), range);
        Some(LibraryHit {
            briefing: self.id.clone(),
            section: p.section.and_then(|s| self.section_ids.get(s)).cloned(),
            field: p.field,
            unit: p.unit,
            block: p.block,
            snippet,
            highlight,
            note_id: p.note.and_then(|n| self.notes.get(n)).cloned(),
            section_title: p.section.and_then(|s| self.section_titles.get(s)).cloned(),
        })
    }
}

/// The searchable text of a whole library: one entry per briefing with its title, tags,
/// summary, sections (titles and rendered bodies) and the bodies of its notes, folded
/// once into one haystack per briefing.
#[derive(Debug, Clone, Default)]
pub struct LibraryIndex {
    entries: Vec<Entry>,
    positions: HashMap<String, usize>,
}

impl LibraryIndex {
    /// An empty index.
    pub fn new() -> LibraryIndex {
        LibraryIndex::default()
    }

    /// Indexes a briefing with the notes on it (the caller picks them); a briefing with
    /// the same id already indexed is replaced, keeping its place in the order.
    pub fn add(&mut self, briefing: &Briefing, notes: &[Note]) {
        let entry = Entry::new(briefing, notes);
        match self.positions.get(&briefing.id) {
            Some(&at) if at < self.entries.len() => self.entries[at] = entry,
            _ => {
                self.positions
                    .insert(briefing.id.clone(), self.entries.len());
                self.entries.push(entry);
            }
        }
    }

    /// Removes a briefing; whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(at) = self.positions.remove(id) else {
            return false;
        };
        if at < self.entries.len() {
            self.entries.remove(at);
        }
        for position in self.positions.values_mut() {
            if *position > at {
                *position -= 1;
            }
        }
        true
    }

    /// How many briefings are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no briefing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Searches every briefing, in the order they were added, and calls `sink` once per
    /// briefing that has matches (so results stream) with all of its hits in order:
    /// title, tags, summary, sections in order (title, then body), notes. Stops as soon
    /// as `sink` returns false (cancelled). An empty query matches nothing.
    pub fn search(&self, query: &Query, sink: &mut dyn FnMut(Vec<LibraryHit>) -> bool) {
        let Some(searcher) = Searcher::new(query) else {
            return;
        };
        for entry in &self.entries {
            let found = entry.haystack.search(&searcher);
            if found.is_empty() {
                continue;
            }
            let hits: Vec<LibraryHit> = found
                .into_iter()
                .filter_map(|(piece, range)| entry.hit(piece, range))
                .collect();
            if !sink(hits) {
                return;
            }
        }
    }
}

// Snippets.

/// One line of `text` around `range` (a match), at most [`SNIPPET_COLUMNS`] wide, with
/// `…` where it is cut; and where the match is in it. Line breaks become spaces.
fn snippet(text: &str, range: Range<usize>) -> (String, Range<usize>) {
    snippet_within(text, range, SNIPPET_COLUMNS)
}

/// One line of `text` around `range` (a match), at most `columns` wide (at least 8),
/// with `…` where it is cut; and where the match is in it. The match is centred in
/// its context, and never cut unless it alone is wider than the line; cuts fall
/// between words where one is near. Line breaks become spaces. For a snippet drawn
/// narrower than it was made, call it again on the snippet.
pub fn snippet_within(text: &str, range: Range<usize>, columns: usize) -> (String, Range<usize>) {
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    let part = |r: Range<usize>| text.get(r).unwrap_or_default();
    // Two columns for the ellipses.
    let room = columns.max(8) - 2;
    // The context before the match: half of what the match leaves, so it sits in the
    // middle (less when the text after it is short: the rest goes before).
    let before = room.saturating_sub(part(start..end).width()) / 2;
    let mut used = 0;
    // The bytes of the graphemes that fit, at most `limit` columns of them.
    let mut take = |graphemes: &mut dyn Iterator<Item = &str>, limit: usize| {
        let (mut bytes, mut columns) = (0, 0);
        for g in graphemes {
            let w = g.width();
            if columns + w > limit || used + w > room {
                break;
            }
            (bytes, columns, used) = (bytes + g.len(), columns + w, used + w);
        }
        bytes
    };
    let (mut from, mut to) = (
        start,
        start + take(&mut part(start..end).graphemes(true), room),
    );
    // Unless the match itself had to be cut: context, before and after it.
    if to == end {
        from -= take(&mut part(0..start).graphemes(true).rev(), before);
        to += take(&mut part(end..text.len()).graphemes(true), room);
        from -= take(&mut part(0..from).graphemes(true).rev(), room);
        // Cut between words rather than in one.
        if from > 0
            && let Some(space) = part(from..start).find([' ', '\n'])
            && from + space + 1 < start
        {
            from += space + 1;
        }
        if to < text.len()
            && let Some(space) = part(end..to).rfind([' ', '\n'])
            && space > 0
        {
            to = end + space;
        }
    }
    let mut out = String::with_capacity(to - from + 8);
    if from > 0 {
        out.push('…');
    }
    let offset = out.len();
    out.extend(
        part(from..to)
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c }),
    );
    if to < text.len() {
        out.push('…');
    }
    (out, offset + (start - from)..offset + (end.min(to) - from))
}

mod grep;
pub use grep::{GrepHit, grep_library, grep_library_with_notes};

#[cfg(test)]
mod tests;
