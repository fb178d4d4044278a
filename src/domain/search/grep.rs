//! `brief search`: every match in a library as `file:section:line: snippet`, with the
//! line found in the section's source. Must not depend on terminal crates.

use super::*;

/// One line of `brief search` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrepHit {
    /// The file, as [`super::briefing::Origin::display_name`] gives it.
    pub file: String,
    /// The briefing's id.
    pub briefing: String,
    /// The section's id, or `title`, `summary` or `tags`.
    pub section: String,
    /// The line in the source file (1-based). For a match in a section body, the line
    /// of the match in the body's source; for a section title, the title's line; for the
    /// briefing's title and tags, their line; for the summary, the line where its text
    /// starts (see [`super::briefing::FieldLines`]; 1 when the briefing was built in
    /// memory and records no lines).
    pub line: u32,
    /// The 1-based byte column of the match in that line, when it is known exactly (a
    /// match located in a body's source, past the body's first line).
    pub column: Option<u32>,
    /// One line of rendered, sanitised text around the match.
    pub snippet: String,
    /// The match, in bytes of `snippet`.
    pub highlight: Range<usize>,
    /// For a match in a note on the briefing, the note's id. `section` is then the id
    /// of the section the note was made on, and `line` that section's line (1 when the
    /// section is gone).
    pub note: Option<String>,
}

impl fmt::Display for GrepHit {
    /// `file:section:line: snippet`, or `file:section:line: [note] snippet` for a
    /// match in a note.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.note.is_some() { "[note] " } else { "" };
        write!(
            f,
            "{}:{}:{}: {mark}{}",
            self.file, self.section, self.line, self.snippet
        )
    }
}

/// `brief search QUERY [PATH]...`: every match in the library's briefings (titles, tags,
/// summaries, section titles and rendered bodies), in order, one hit per source line
/// (several matches on one line give one hit, the first). Printed as
/// `file:section:line: snippet` (see [`GrepHit`]'s `Display`) or as JSON objects
/// `{file, briefing, section, line, column?, snippet, match: [start, end]}`.
///
/// A body match is located in the section's source (`Section::body`) to report its line
/// (`Section::body_line` plus the line breaks before it); when the rendered text cannot be
/// found there (a match across inline markup), the line of the block it is in, or else
/// the body's first line. Lines inside a basic string written with `\` line continuations
/// come out too small, as the loader does not keep the raw text.
pub fn grep_library(library: &Library, query: &Query) -> Vec<GrepHit> {
    grep_library_with_notes(library, query, &HashMap::new())
}

/// [`grep_library`], searching also the notes given for each briefing (by id), as the
/// reader's library search does: a note's matches come after its briefing's, one hit
/// per note, marked with the note's id ([`GrepHit::note`]).
///
/// Linear in the library and the notes: each briefing is folded once, and each section
/// with a match is located in its source once.
pub fn grep_library_with_notes(
    library: &Library,
    query: &Query,
    notes: &HashMap<String, Vec<Note>>,
) -> Vec<GrepHit> {
    let mut hits = Vec::new();
    let Some(searcher) = Searcher::new(query) else {
        return hits;
    };
    for briefing in &library.briefings {
        let own_notes = notes.get(&briefing.id).map_or(&[][..], Vec::as_slice);
        let entry = Entry::new(briefing, own_notes);
        let found = entry.haystack.search(&searcher);
        if found.is_empty() {
            continue;
        }
        let file = briefing.origin.display_name();
        let lines = &briefing.lines;
        // A line the loader did not record (0) is reported as the first.
        let known = |line: u32| line.max(1);
        let mut seen: HashSet<(String, u32, usize, Option<usize>)> = HashSet::new();
        let mut locators: HashMap<usize, SourceLocator> = HashMap::new();
        let body_pieces = body_pieces(&entry);
        for (piece, range) in found {
            let Some(p) = entry.pieces.get(piece) else {
                continue;
            };
            let text = entry.haystack.text(piece);
            let section = p.section.and_then(|s| briefing.sections.get(s));
            if p.field == Field::Note {
                let Some(note) = p.note.and_then(|n| own_notes.get(n)) else {
                    continue;
                };
                if !seen.insert((note.anchor.section.clone(), 0, 0, p.note)) {
                    continue;
                }
                let (snippet, highlight) = snippet(text, range);
                hits.push(GrepHit {
                    file: file.clone(),
                    briefing: briefing.id.clone(),
                    section: note.anchor.section.clone(),
                    line: section.map_or(1, |s| s.line),
                    column: None,
                    snippet,
                    highlight,
                    note: Some(note.id.clone()),
                });
                continue;
            }
            let (label, line, column, key_block) = match (p.field, section) {
                (Field::Title, _) => ("title".to_owned(), known(lines.title), None, 0),
                (Field::Tags, _) => ("tags".to_owned(), known(lines.tags), None, 0),
                // One hit per paragraph of the summary, each at the summary's first line.
                (Field::Summary, _) => ("summary".to_owned(), known(lines.summary), None, p.block),
                (Field::SectionTitle, Some(s)) => {
                    let line = if s.title_line > 0 {
                        s.title_line
                    } else {
                        s.line
                    };
                    (s.id.clone(), line, None, 0)
                }
                (Field::SectionBody, Some(s)) => {
                    let blocks = body_pieces.get(&p.unit).map_or(&[][..], Vec::as_slice);
                    let locator = locators
                        .entry(p.unit)
                        .or_insert_with(|| SourceLocator::new(s, &entry, blocks, &searcher));
                    let (line, column) = locator.locate(p.block);
                    (s.id.clone(), line, column, 0)
                }
                _ => continue,
            };
            if !seen.insert((label.clone(), line, key_block, None)) {
                continue;
            }
            let (snippet, highlight) = snippet(text, range);
            hits.push(GrepHit {
                file: file.clone(),
                briefing: briefing.id.clone(),
                section: label,
                line,
                column,
                snippet,
                highlight,
                note: None,
            });
        }
    }
    hits
}

/// The pieces of each section body, by unit: (block, piece index), in order. Built once
/// per briefing, so that locating a section never scans the others' pieces.
fn body_pieces(entry: &Entry) -> HashMap<usize, Vec<(usize, usize)>> {
    let mut map: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (i, p) in entry.pieces.iter().enumerate() {
        if p.field == Field::SectionBody {
            map.entry(p.unit).or_default().push((p.block, i));
        }
    }
    map
}

/// Finds where matches in a section's rendered body are in its source.
struct SourceLocator<'s> {
    section: &'s Section,
    /// The query's matches in the source, as byte ranges of `Section::body`, in order.
    matches: Vec<Range<usize>>,
    /// How many of `matches` were used.
    used: usize,
    /// Where each block of the body seems to start in the source (by block index).
    anchors: Vec<Option<usize>>,
    /// For each block, the first anchor of a later block (so that finding it is not a
    /// scan per match).
    next_anchors: Vec<Option<usize>>,
    /// Where each line break of the body is, in bytes.
    breaks: Vec<usize>,
}

impl<'s> SourceLocator<'s> {
    /// `pieces`: the (block, piece) of the section's body, from [`body_pieces`].
    fn new(
        section: &'s Section,
        entry: &Entry,
        pieces: &[(usize, usize)],
        searcher: &Searcher,
    ) -> Self {
        let source = fold(&section.body);
        let matches = searcher.all(&section.body, &source);
        let blocks: Vec<(usize, &str)> = pieces
            .iter()
            .map(|&(block, i)| (block, entry.haystack.text(i)))
            .collect();
        let count = blocks.iter().map(|(b, _)| b + 1).max().unwrap_or(0);
        let mut anchors = vec![None; count];
        // Where the next block's source may start: past the previous block's start, and
        // past half of its text (a block's source is rarely shorter than that), so that
        // its first words are not found in the previous block.
        let mut cursor = 0;
        for (block, text) in blocks {
            let found = anchor_keys(text)
                .into_iter()
                .filter_map(|key| {
                    let at = source
                        .text
                        .get(cursor..)
                        .and_then(|hay| memchr::memmem::find(hay.as_bytes(), key.as_bytes()))?;
                    Some((cursor + at, key.len()))
                })
                .min();
            if let Some((at, len)) = found {
                if let Some(slot) = anchors.get_mut(block) {
                    *slot = Some(source.to_original(at..at + len).start);
                }
                cursor = at + len.max(text.len() / 2);
                while cursor < source.text.len() && !source.text.is_char_boundary(cursor) {
                    cursor += 1;
                }
            }
        }
        let mut next_anchors = vec![None; anchors.len()];
        let mut later = None;
        for (slot, anchor) in next_anchors.iter_mut().zip(&anchors).rev() {
            *slot = later;
            if anchor.is_some() {
                later = *anchor;
            }
        }
        let breaks = memchr::memchr_iter(b'\n', section.body.as_bytes()).collect();
        SourceLocator {
            section,
            matches,
            used: 0,
            anchors,
            next_anchors,
            breaks,
        }
    }

    /// The line and column of the next match in block `block` (matches are located in
    /// order).
    fn locate(&mut self, block: usize) -> (u32, Option<u32>) {
        let anchor = self.anchors.get(block).copied().flatten();
        let next_anchor = self.next_anchors.get(block).copied().flatten();
        let from = anchor.unwrap_or(0);
        let candidate = self
            .matches
            .iter()
            .enumerate()
            .skip(self.used)
            .find(|(_, m)| m.start >= from)
            .filter(|(_, m)| next_anchor.is_none_or(|next| m.start < next));
        match candidate {
            Some((i, m)) => {
                self.used = i + 1;
                let (line, column) = self.line_of(m.start);
                (line, column)
            }
            None => match anchor {
                Some(at) => (self.line_of(at).0, None),
                None => (self.section.body_line, None),
            },
        }
    }

    /// The file line of byte `at` of the body, and its column when it is past the body's
    /// first line.
    fn line_of(&self, at: usize) -> (u32, Option<u32>) {
        let at = at.min(self.section.body.len());
        // The line breaks before `at`, found by binary search in the body's breaks.
        let breaks = self.breaks.partition_point(|&nl| nl < at);
        let line = self
            .section
            .body_line
            .saturating_add(u32::try_from(breaks).unwrap_or(u32::MAX));
        let column = breaks
            .checked_sub(1)
            .and_then(|i| self.breaks.get(i))
            .and_then(|nl| u32::try_from(at - nl).ok());
        (line, column)
    }
}

/// Starts of a block's folded text that its source may hold verbatim: up to 24 bytes,
/// and the first word, each cut before any character Markdown may have consumed; none
/// shorter than 4 bytes.
fn anchor_keys(text: &str) -> Vec<String> {
    let folded = fold(text).text;
    let mut long = 0;
    let mut word = None;
    for (i, c) in folded.char_indices() {
        if i >= 24 || "*_`[]<>\\&!#|~".contains(c) {
            break;
        }
        if c == ' ' && word.is_none() {
            word = Some(i);
        }
        long = i + c.len_utf8();
    }
    let mut keys: Vec<String> = [Some(long), word]
        .into_iter()
        .flatten()
        .filter(|&end| end >= 4)
        .filter_map(|end| folded.get(..end).map(str::to_owned))
        .collect();
    keys.dedup();
    keys
}
