//! Annotation anchoring: re-attaching notes after edits. Must not depend on terminal crates.
//!
//! [`make_anchor`] makes an [`Anchor`] for a passage of a briefing's rendered text: the
//! quote, [`CONTEXT_CHARS`] characters of context on either side (across the section's
//! blocks, joined with `"\n"`) and hints (section id, block index), after the W3C
//! `TextQuoteSelector` and Hypothesis. [`resolve`] finds it again after edits, trying in
//! order: (1) the exact quote in the hinted block, `Attached`; (2) elsewhere in the same
//! section, `Moved`; (3) anywhere, `Moved`; (4) approximately, `Moved`; (5) `Orphan`. A
//! wrong attachment is worse than an orphan, so every step asks for evidence.
//!
//! **Exact steps.** Each occurrence scores the characters of prefix and suffix matching
//! the text next to it (section edge facing section edge: [`EDGE_CREDIT`]); context is
//! *good* from [`MIN_CONTEXT_CHARS`]. An occurrence is acceptable with good context, a
//! distinctive quote (32 characters in its section, 64 elsewhere), or, for a short quote
//! at or next to its hinted block, agreeing block boundaries. The best is chosen by good
//! context, then hinted block / same section / elsewhere, then context, then nearness.
//!
//! **Approximate step.** Candidates are runs of whole sentences (or whole blocks) of
//! similar length. One is accepted only if its similarity to the quote (1 − edit
//! distance ÷ length, whitespace collapsed) is at least [`MIN_QUOTE_SIMILARITY`]; both
//! sides of context agree (each at least [`MIN_CONTEXT_SIMILARITY`]), or one does and it
//! is at or next to the hinted block with a distinctive quote (position alone is never
//! enough); its figures (digit runs) are the quote's; and it is not the text recorded
//! next to the quote, slid into a deleted passage's place. The winner maximises
//! similarity + ¼ × context similarities + ¼ × position (1 at the hint, ½ next to it, ¼
//! in its section).
//!
//! **Cost.** Exact search is a `memchr::memmem` scan, nearest sections first, stopping at
//! an occurrence with good context at the hint. The approximate step goes nearest first,
//! skips blocks that cannot beat the best so far, prefilters by length and by a sliding
//! density of the quote's trigrams, checks context before the quote, bands its edit
//! distances, and stops after [`APPROX_SCAN_BYTES`] or its work budget. On 80,000 blocks
//! (43 MB, release build) an exact hit costs under 10 ms, an orphan 25 to 70 ms.

use std::cmp::Reverse;
use std::ops::Range;

use memchr::memmem;

use crate::domain::annotation::Anchor;

/// How many characters of context an anchor keeps on each side of its quote.
pub const CONTEXT_CHARS: usize = 32;

/// The least similarity (1 − edit distance ÷ longer length, over characters, whitespace
/// collapsed) between a quote and an approximate match.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.85;

/// The least similarity for a side of context (prefix or suffix) to agree, approximately.
/// Unrelated text of that length scores about 0.3.
pub const MIN_CONTEXT_SIMILARITY: f64 = 0.6;

/// How many characters of context must match next to an exact occurrence to be good.
pub const MIN_CONTEXT_CHARS: usize = 12;

/// What a section edge facing a section edge counts for, in matched characters.
pub const EDGE_CREDIT: usize = 6;

/// How many bytes of text the approximate step looks at, nearest blocks first.
pub const APPROX_SCAN_BYTES: u64 = 4 << 20;

/// The approximate step's budget: bytes looked at closely, and edit-distance cells.
const APPROX_WORK: u64 = 20_000_000;

/// Quotes this long (characters) are found in their own section without their context.
const DISTINCT_IN_SECTION: usize = 32;

/// Quotes this long are found in another section without their context.
const DISTINCT_ANYWHERE: usize = 64;

/// The most exact occurrences looked at.
const MAX_OCCURRENCES: usize = 10_000;

/// The least share of a candidate's character trigrams found in the quote. A candidate
/// within the similarity threshold keeps at least 1 − 3 × 0.15 = 55 % of them.
const MIN_TRIGRAM_DENSITY: f64 = 0.5;

/// The rendered text of a briefing, as anchoring sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocText {
    /// The sections, in order.
    pub sections: Vec<SectionText>,
}

/// One section's rendered text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionText {
    /// The section's id.
    pub id: String,
    /// The rendered text of each block (paragraph, list, quote…), in order.
    pub blocks: Vec<String>,
}

/// Where an anchor lands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly where it was made (same section id, same block index, quote found in that
    /// block).
    Attached(Location),
    /// Found elsewhere or approximately: show a "moved" mark until the user confirms.
    Moved(Location),
    /// Not found: "Needs review".
    Orphan,
}

/// A passage of a [`DocText`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// Index into [`DocText::sections`].
    pub section: usize,
    /// Index into that section's blocks.
    pub block: usize,
    /// Byte range of the passage in that block's text.
    pub range: Range<usize>,
}

impl Location {
    fn new(section: usize, block: usize, range: Range<usize>) -> Self {
        Location {
            section,
            block,
            range,
        }
    }
}

impl DocText {
    /// The text of a passage, if the location is in the document.
    pub fn passage(&self, at: &Location) -> Option<&str> {
        let block = self.sections.get(at.section)?.blocks.get(at.block)?;
        block.get(at.range.clone())
    }
}

impl Resolution {
    /// Where the anchor landed, unless it is an orphan.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Resolution::Attached(at) | Resolution::Moved(at) => Some(at),
            Resolution::Orphan => None,
        }
    }
}

/// Makes an anchor for a passage: `range` is a byte range of block text (char
/// boundaries). Context is taken from the block's text and, at its edges, from the
/// neighbouring blocks of the same section joined with `"\n"`.
///
/// A range off the text is clamped to it (and widened to character boundaries); a
/// section or block that does not exist gives an anchor with an empty quote, which
/// [`resolve`] always reports as an orphan.
pub fn make_anchor(
    briefing: &str,
    version: &str,
    doc: &DocText,
    section: usize,
    block: usize,
    range: Range<usize>,
) -> Anchor {
    let sec = doc.sections.get(section).filter(|s| block < s.blocks.len());
    let text = sec.map_or("", |s| &s.blocks[block]);
    let range = snap(text, range);
    let (mut prefix, mut suffix) = (String::new(), String::new());
    if let Some(sec) = sec {
        prefix = String::from_iter(before(sec, block, range.start, CONTEXT_CHARS));
        suffix = String::from_iter(after(sec, block, range.end, CONTEXT_CHARS));
    }
    let id = doc.sections.get(section).map(|s| s.id.clone());
    Anchor {
        briefing: briefing.to_owned(),
        section: id.unwrap_or_default(),
        block,
        quote: text.get(range).unwrap_or_default().to_owned(),
        prefix,
        suffix,
        version: version.to_owned(),
    }
}

/// Re-attaches an anchor to the document as it is now (see the module's documentation
/// for the order of the steps and the thresholds). An empty quote is an orphan.
pub fn resolve(anchor: &Anchor, doc: &DocText) -> Resolution {
    if anchor.quote.is_empty() {
        return Resolution::Orphan;
    }
    let hinted = doc.sections.iter().position(|s| s.id == anchor.section);
    let approximately = || Approx::new(anchor, doc, hinted).run();
    find_exact(anchor, doc, hinted)
        .unwrap_or_else(|| approximately().map_or(Resolution::Orphan, Resolution::Moved))
}

/// Anchor for the location found (same quote text as now in the document, fresh
/// context, new hints): used after a move is confirmed.
pub fn reanchor(anchor: &Anchor, doc: &DocText, at: &Location, version: &str) -> Anchor {
    let (section, block, range) = (at.section, at.block, at.range.clone());
    make_anchor(&anchor.briefing, version, doc, section, block, range)
}

/// Sentences of a block as byte ranges, for selecting a run of whole sentences.
///
/// A sentence ends at `.` `!` `?` `…` (or a run of them, such as `?!` or `...`), with
/// any closing quotes or brackets right after it, including a French `»` after a space
/// (`« Non ! »`), when whitespace and then something other than a lowercase letter
/// follow; after an abbreviation (`M.`, `Dr.`, `cf.`, initials such as `U.S.` or `J.-C.`)
/// it does not. CJK full stops `。！？` end a sentence whatever follows. A blank line
/// ends one too. Ranges are never empty, are in order, and cover the text except the
/// whitespace between sentences (and at both ends).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(p, _)| p);
    let mut out = Vec::new();
    let mut push = |a: usize, e: usize| {
        let e = a + text[a..e].trim_end().len();
        if e > a {
            out.push(a..e);
        }
    };
    let (mut start, mut i) = (None, 0);
    while i < n {
        let c = chars[i].1;
        let Some(first) = start else {
            start = (!c.is_whitespace()).then_some(i);
            i += usize::from(c.is_whitespace());
            continue;
        };
        if c == '\n' && blank_line_follows(&chars[i + 1..]) {
            push(byte(first), byte(i));
            (start, i) = (None, i + 1);
            continue;
        }
        if !is_in(STOPS, c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && is_in(STOPS, chars[j].1) {
            j += 1;
        }
        let (period, cjk) = (j - i == 1 && c == '.', is_in(CJK_STOPS, chars[j - 1].1));
        // Closing quotes and brackets: right after the stop, or a French » after a space.
        let inline_space = |c: char| c.is_whitespace() && c != '\n';
        loop {
            let spaces = chars[j..].iter().take_while(|p| inline_space(p.1));
            let k = j + spaces.count();
            if j < n && is_in(CLOSERS, chars[j].1) {
                j += 1;
            } else if k > j && k < n && "»›".contains(chars[k].1) {
                j = k + 1;
            } else {
                break;
            }
        }
        if cjk || ends_sentence(&chars[first..], i - first, j - first, period) {
            push(byte(first), byte(j));
            start = None;
        }
        i = j;
    }
    if let Some(first) = start {
        push(byte(first), text.len());
    }
    out
}

// Sentence boundaries

const STOPS: &str = ".!?…‼⁇⁈⁉。！？｡．";
const CJK_STOPS: &str = "。！？｡．";
const CLOSERS: &str = "\"'»›”’)]}」』）】〉》〕］｝";
const OPENERS: &str = "\"'«‹“‘„([{¿¡「『（【—–-";

/// Whether `c` is in `set`, a set of punctuation (quick for letters and digits).
fn is_in(set: &str, c: char) -> bool {
    !c.is_alphanumeric() && set.contains(c)
}

/// Abbreviations after which a period does not end a sentence, even before a capital.
const ABBREVIATIONS: &str = "m mm mme mmes mlle mr mrs ms dr pr prof st ste sr jr mgr gen gén \
    col lt capt cpt sgt gov sen rep pres hon rev cf vs art pp fig vol ch chap éd ed eds op cit \
    ibid env av apr ca approx dept nb jan janv feb févr fév aug sept oct nov dec déc";

fn blank_line_follows(rest: &[(usize, char)]) -> bool {
    let mut spaces = rest.iter().map(|p| p.1).take_while(|c| c.is_whitespace());
    spaces.any(|c| c == '\n')
}

fn is_abbreviation(token: &str) -> bool {
    let token = token
        .trim_start_matches(|c| is_in(OPENERS, c))
        .to_lowercase();
    // Initials: single letters separated by periods (U.S, e.g, J.-C, M).
    let initials = token.split('.').all(|part| {
        let mut letters = part.trim_start_matches('-').chars();
        matches!((letters.next(), letters.next()), (Some(l), None) if l.is_alphabetic())
    });
    let listed = ABBREVIATIONS.split(' ').any(|a| a == token);
    !token.is_empty() && (initials || listed)
}

/// Whether the stop at `chars[stop]`, with closers up to `after`, ends the sentence that
/// begins at `chars[0]` (`period`: the stop is a single period, maybe an abbreviation's).
fn ends_sentence(chars: &[(usize, char)], stop: usize, after: usize, period: bool) -> bool {
    match chars.get(after) {
        None => return true,
        Some(&(_, c)) if !c.is_whitespace() => return false,
        Some(_) => {}
    }
    let mut rest = chars[after..].iter().map(|p| p.1);
    match rest.find(|&c| !c.is_whitespace() && !is_in(OPENERS, c)) {
        None => true,
        Some(c) if c.is_lowercase() => false,
        Some(_) if !period => true,
        Some(_) => {
            let word = chars[..stop].iter().rposition(|p| p.1.is_whitespace());
            let token = &chars[word.map_or(0, |p| p + 1)..stop];
            token.len() > 12 || !is_abbreviation(&token.iter().map(|p| p.1).collect::<String>())
        }
    }
}

// Context

/// `range` clamped to `text` and widened to character boundaries.
fn snap(text: &str, range: Range<usize>) -> Range<usize> {
    let end = (range.end.min(text.len())..).find(|&e| text.is_char_boundary(e));
    let end = end.unwrap_or(text.len());
    let start = (0..=range.start.min(end))
        .rev()
        .find(|&s| text.is_char_boundary(s));
    start.unwrap_or(0)..end
}

/// The characters before byte `pos` of a block, nearest first, continuing into the
/// earlier blocks of the section (each followed by `'\n'`).
fn chars_before(sec: &SectionText, block: usize, pos: usize) -> impl Iterator<Item = char> {
    let here = sec.blocks[block][..pos].chars().rev();
    let earlier = sec.blocks[..block].iter().rev();
    here.chain(earlier.flat_map(|t| std::iter::once('\n').chain(t.chars().rev())))
}

/// The characters from byte `pos` of a block on, continuing into the later blocks of
/// the section (each preceded by `'\n'`).
fn chars_after(sec: &SectionText, block: usize, pos: usize) -> impl Iterator<Item = char> {
    let later = sec.blocks[block + 1..].iter();
    let later = later.flat_map(|t| std::iter::once('\n').chain(t.chars()));
    sec.blocks[block][pos..].chars().chain(later)
}

/// The `n` characters before byte `pos` of a block, in reading order.
fn before(sec: &SectionText, block: usize, pos: usize, n: usize) -> Vec<char> {
    let mut chars: Vec<char> = chars_before(sec, block, pos).take(n).collect();
    chars.reverse();
    chars
}

/// The `n` characters from byte `pos` of a block on.
fn after(sec: &SectionText, block: usize, pos: usize, n: usize) -> Vec<char> {
    chars_after(sec, block, pos).take(n).collect()
}

/// How many characters of one side of an anchor's context match the text next to an
/// occurrence (both running away from the quote), and whether the nearest characters
/// agree (both at a section edge, or the same character).
fn agreement(
    ours: impl Iterator<Item = char>,
    theirs: impl Iterator<Item = char>,
) -> (usize, bool) {
    let (mut anchored, mut actual) = (ours.peekable(), theirs.peekable());
    match (anchored.peek(), actual.peek()) {
        (None, None) => (EDGE_CREDIT, true),
        (None, Some(_)) | (Some(_), None) => (0, false),
        (Some(a), Some(b)) => {
            let edge = a == b;
            let same = anchored.zip(actual).take_while(|(a, b)| a == b);
            (same.count(), edge)
        }
    }
}

/// Sections nearest the hinted one first and, in the hinted section, blocks nearest the
/// hinted block first.
fn scan_order(
    doc: &DocText,
    hinted: Option<usize>,
    hint: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let mut sections: Vec<usize> = (0..doc.sections.len()).collect();
    sections.sort_by_key(|&s| hinted.map_or(0, |h| s.abs_diff(h)));
    sections.into_iter().flat_map(move |s| {
        let mut blocks: Vec<usize> = (0..doc.sections[s].blocks.len()).collect();
        if hinted == Some(s) {
            blocks.sort_by_key(|&b| b.abs_diff(hint));
        }
        blocks.into_iter().map(move |b| (s, b))
    })
}

// Steps 1–3: exact occurrences

/// What ranks exact occurrences: good context; the hinted block (2), a section with the
/// anchor's id (1), another (0); matched context; nearness to the hint.
type Rank = (bool, u8, usize, Reverse<(usize, usize)>);

/// Steps 1–3: the best acceptable exact occurrence, hinted block first.
fn find_exact(anchor: &Anchor, doc: &DocText, hinted: Option<usize>) -> Option<Resolution> {
    let finder = memmem::Finder::new(anchor.quote.as_bytes());
    let step = anchor.quote.chars().next().map_or(1, char::len_utf8);
    let (mut best, mut seen) = (None::<(Rank, Location)>, 0);
    for (s, b) in scan_order(doc, hinted, anchor.block) {
        // Nothing can outrank an occurrence at the hint with good context.
        let done = best.as_ref().is_some_and(|(rank, _)| rank.0 && rank.1 == 2);
        if done || seen >= MAX_OCCURRENCES {
            break;
        }
        let text = doc.sections[s].blocks[b].as_bytes();
        let mut from = 0;
        while let Some(found) = text.get(from..).and_then(|rest| finder.find(rest)) {
            let start = from + found;
            (seen, from) = (seen + 1, start + step);
            let at = Location::new(s, b, start..start + anchor.quote.len());
            let rank = ranked(anchor, doc, hinted, &at);
            if let Some(rank) = rank.filter(|r| best.as_ref().is_none_or(|top| *r > top.0)) {
                best = Some((rank, at));
            }
        }
    }
    best.map(|(rank, at)| match rank.1 {
        2 => Resolution::Attached(at),
        _ => Resolution::Moved(at),
    })
}

/// The rank of an exact occurrence, if there is enough evidence that it is the passage.
fn ranked(anchor: &Anchor, doc: &DocText, hinted: Option<usize>, at: &Location) -> Option<Rank> {
    let (s, b, sec) = (at.section, at.block, &doc.sections[at.section]);
    let in_place = hinted == Some(s) && b == anchor.block;
    let same_section = sec.id == anchor.section;
    let before = chars_before(sec, b, at.range.start);
    let (p, prefix_edge) = agreement(anchor.prefix.chars().rev(), before);
    let (q, suffix_edge) = agreement(anchor.suffix.chars(), chars_after(sec, b, at.range.end));
    let (context, edges) = (p + q, prefix_edge && suffix_edge);
    let (quote_chars, block_distance) = (anchor.quote.chars().count(), b.abs_diff(anchor.block));
    let acceptable = context >= MIN_CONTEXT_CHARS
        || match (in_place, same_section) {
            (true, _) => quote_chars >= DISTINCT_IN_SECTION || edges,
            (false, true) => quote_chars >= DISTINCT_IN_SECTION || (edges && block_distance <= 1),
            (false, false) => quote_chars >= DISTINCT_ANYWHERE,
        };
    let section_distance = usize::from(!same_section) * (1 + hinted.map_or(0, |h| s.abs_diff(h)));
    let tier = if in_place { 2 } else { u8::from(same_section) };
    let distance = Reverse((section_distance, block_distance));
    acceptable.then_some((context >= MIN_CONTEXT_CHARS, tier, context, distance))
}

// Step 4: approximate matches

/// Text with runs of whitespace collapsed to one space and trimmed, as characters.
fn normalized(text: &str) -> Vec<char> {
    let words = text
        .split_whitespace()
        .map(|w| std::iter::once(' ').chain(w.chars()));
    words.flatten().skip(1).collect()
}

/// The characters of a text with leading whitespace dropped and runs of whitespace
/// collapsed to one space, each with the length in bytes of the character it stands
/// for (None: whitespace dropped).
fn collapsed(text: &str) -> impl Iterator<Item = (usize, Option<char>)> {
    let mut after_space = true;
    text.chars().map(move |c| {
        let space = c.is_whitespace();
        let kept = (!space || !after_space).then_some(if space { ' ' } else { c });
        after_space = space;
        (c.len_utf8(), kept)
    })
}

/// The runs of digits in a text, in order.
fn numbers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_numeric())
        .filter(|run| !run.is_empty())
}

/// The edit distance (Levenshtein, over characters) between `a` and `b` if it is at most
/// `limit`, computed in a band of width 2 × `limit` + 1.
fn edit_distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let far = limit + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut cur = vec![far; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        let row = i + 1;
        let (lo, hi) = (row.saturating_sub(limit).max(1), (row + limit).min(b.len()));
        cur[0] = row.min(far);
        cur[lo - 1] = if lo > 1 { far } else { cur[0] };
        let mut row_min = cur[0];
        for j in lo..=hi {
            let replace = prev[j - 1] + usize::from(x != b[j - 1]);
            cur[j] = replace.min(prev[j] + 1).min(cur[j - 1] + 1).min(far);
            row_min = row_min.min(cur[j]);
        }
        if hi < b.len() {
            cur[hi + 1] = far;
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

/// 1 − edit distance ÷ the longer length (1 for two empty texts), if at least `min`.
fn similar(a: &[char], b: &[char], min: f64) -> Option<f64> {
    let longest = a.len().max(b.len());
    let limit = ((1.0 - min) * longest as f64 + 1e-9) as usize;
    let distance = edit_distance_within(a, b, limit)?;
    Some(1.0 - distance as f64 / longest.max(1) as f64)
}

/// A hashed set of character trigrams: a 65,536-bit bitmap.
struct Trigrams(Vec<u64>);

impl Trigrams {
    fn of(chars: &[char]) -> Self {
        let mut bits = vec![0u64; 1024];
        for w in chars.windows(3) {
            let h = Self::hash(w[0], w[1], w[2]);
            bits[h >> 6] |= 1 << (h & 63);
        }
        Trigrams(bits)
    }

    fn contains(&self, a: char, b: char, c: char) -> bool {
        let h = Self::hash(a, b, c);
        self.0[h >> 6] & (1 << (h & 63)) != 0
    }

    fn hash(a: char, b: char, c: char) -> usize {
        let key = (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }
}

/// How much a candidate's position agrees with the hint: 1 at the hinted block, ½ next
/// to it, ¼ elsewhere in the section, 0 in another section.
fn position(same_section: bool, block_distance: usize) -> f64 {
    f64::from(u8::from(same_section)) * [1.0, 0.5, 0.25][block_distance.min(2)]
}

/// What ranks approximate candidates: their score, then nearness to the hint.
type Score = (f64, Reverse<(usize, usize)>);

/// Step 4: the search for an approximate match.
struct Approx<'a> {
    anchor: &'a Anchor,
    doc: &'a DocText,
    hinted: Option<usize>,
    /// The quote, collapsed, and the shortest and longest acceptable candidates.
    quote: Vec<char>,
    lengths: (usize, usize),
    grams: Trigrams,
    /// The anchor's prefix and suffix.
    context: [Vec<char>; 2],
    /// What is left of [`APPROX_SCAN_BYTES`] and of [`APPROX_WORK`].
    scan: u64,
    work: u64,
}

impl<'a> Approx<'a> {
    fn new(anchor: &'a Anchor, doc: &'a DocText, hinted: Option<usize>) -> Self {
        let quote = normalized(&anchor.quote);
        let (len, min) = (quote.len() as f64, MIN_QUOTE_SIMILARITY);
        let lengths = ((len * min).ceil() as usize, (len / min) as usize);
        let grams = Trigrams::of(&quote);
        let (scan, work) = (APPROX_SCAN_BYTES, APPROX_WORK);
        let context = [&anchor.prefix, &anchor.suffix].map(|side| side.chars().collect());
        Approx {
            anchor,
            doc,
            hinted,
            quote,
            lengths,
            grams,
            context,
            scan,
            work,
        }
    }

    /// Spends some of the work budget; false when it is exhausted.
    fn spend(&mut self, cost: usize) -> bool {
        let enough = cost as u64 <= self.work;
        self.work = if enough { self.work - cost as u64 } else { 0 };
        enough
    }

    fn run(mut self) -> Option<Location> {
        let (doc, anchor) = (self.doc, self.anchor);
        let mut best: Option<(Score, Location)> = None;
        for (s, b) in scan_order(doc, self.hinted, anchor.block) {
            let text = &doc.sections[s].blocks[b];
            let same_section = doc.sections[s].id == anchor.section;
            let block_distance = b.abs_diff(anchor.block);
            let apart = self.hinted.map_or(0, |h| s.abs_diff(h)) + usize::from(!same_section);
            let nearness = Reverse((apart, block_distance));
            // Skip blocks where no candidate could beat the best so far.
            let bound = 1.5 + 0.25 * position(same_section, block_distance);
            if best.as_ref().is_some_and(|top| top.0.0 > bound) || text.len() < self.lengths.0 {
                continue;
            }
            if text.len() as u64 > self.scan || self.work == 0 {
                break;
            }
            self.scan -= text.len() as u64;
            for range in self.windows(text) {
                let at = Location::new(s, b, range);
                let rank = self.score(&at).map(|score| (score, nearness));
                if let Some(rank) = rank.filter(|r| best.as_ref().is_none_or(|top| *r > top.0)) {
                    best = Some((rank, at));
                }
            }
        }
        best.map(|(_, at)| at)
    }

    /// Runs of whole sentences of `text` whose collapsed length is within the quote's
    /// similarity window and enough of whose trigrams are the quote's.
    fn windows(&mut self, text: &str) -> Vec<Range<usize>> {
        // A first look, without allocating: a stretch of the shortest candidate's length
        // dense enough in the quote's trigrams (with some slack for its edges).
        let width = self.lengths.0.max(1);
        let (mut ring, mut slot, mut in_window, mut most) = (vec![0u8; width], 0, 0u32, 0u32);
        let (mut count, mut a, mut b) = (0, '\0', '\0');
        for c in collapsed(text).filter_map(|c| c.1) {
            count += 1;
            let hit = u8::from(count >= 3 && self.grams.contains(a, b, c));
            in_window = in_window + u32::from(hit) - u32::from(ring[slot]);
            (ring[slot], slot, a, b) = (hit, if slot + 1 == width { 0 } else { slot + 1 }, b, c);
            most = most.max(in_window);
        }
        let dense = |hits: u32, chars: usize| {
            chars < 3 || f64::from(hits) >= MIN_TRIGRAM_DENSITY * chars.saturating_sub(2) as f64
        };
        if count < width || !dense(most * 10 / 9, width) || !self.spend(text.len()) {
            return Vec::new();
        }
        // Per byte: collapsed characters, and quote trigrams ending, before it.
        let mut counts = Vec::with_capacity(text.len() + 1);
        let (mut count, mut hits) = (0u32, 0u32);
        for (bytes, c) in collapsed(text) {
            counts.extend(std::iter::repeat_n((count, hits), bytes));
            if let Some(c) = c {
                count += 1;
                hits += u32::from(count >= 3 && self.grams.contains(a, b, c));
                (a, b) = (b, c);
            }
        }
        counts.push((count, hits));
        let spans = sentences(text);
        let mut out = Vec::new();
        for (i, first) in spans.iter().enumerate() {
            for last in &spans[i..] {
                let ((c0, h0), (c1, h1)) = (counts[first.start], counts[last.end]);
                let len = (c1 - c0) as usize;
                if len > self.lengths.1 {
                    break;
                }
                if len >= self.lengths.0 && dense(h1 - h0, len) {
                    out.push(first.start..last.end);
                }
            }
        }
        out
    }

    /// How much the prefix (`suffix` false) or the suffix agrees with the text next to a
    /// candidate, if it does (similarity at least [`MIN_CONTEXT_SIMILARITY`]).
    fn context(&mut self, at: &Location, suffix: bool) -> Option<f64> {
        let (i, n) = (usize::from(suffix), self.context[usize::from(suffix)].len());
        let n = n.max(CONTEXT_CHARS);
        let pos = [at.range.start, at.range.end][i];
        let actual = [before, after][i](&self.doc.sections[at.section], at.block, pos, n);
        let enough = self.spend(n * n);
        enough.then(|| similar(&self.context[i], &actual, MIN_CONTEXT_SIMILARITY))?
    }

    /// The score of a candidate passage, if it is acceptable.
    fn score(&mut self, at: &Location) -> Option<f64> {
        let anchor = self.anchor;
        let same_section = self.doc.sections[at.section].id == anchor.section;
        let block_distance = at.block.abs_diff(anchor.block);
        // Context first: cheap, and required (both sides agreeing, or one side at or
        // next to the hinted block, for a distinctive quote).
        let may_be_weak =
            same_section && block_distance <= 1 && self.quote.len() >= DISTINCT_IN_SECTION;
        let p = self.context(at, false);
        if p.is_none() && !may_be_weak {
            return None;
        }
        let q = self.context(at, true);
        let strong = p.is_some() && q.is_some();
        if !strong && !(may_be_weak && (p.is_some() || q.is_some())) {
            return None;
        }
        let text = self.doc.passage(at)?;
        let candidate = normalized(text);
        let longest = self.quote.len().max(candidate.len()) as f64;
        let limit = ((1.0 - MIN_QUOTE_SIMILARITY) * longest) as usize;
        if !self.spend(self.quote.len() * (2 * limit + 1)) {
            return None;
        }
        let quote_similarity = similar(&self.quote, &candidate, MIN_QUOTE_SIMILARITY)?;
        // The figures are what tells apart the paragraphs of a series ("0,3 %" in the
        // first quarter, "0,5 %" in the second): an approximate match keeps them all.
        if !numbers(text).eq(numbers(&anchor.quote)) {
            return None;
        }
        // A candidate that looks like the text recorded next to the quote is that
        // neighbour, slid into the place of a deleted passage. With one side of context,
        // any likeness refuses it; with both, a closer likeness than to the quote.
        let bodies = [anchor.prefix.trim_end(), anchor.suffix.trim_start()].map(normalized);
        for (side, body) in bodies.iter().enumerate().filter(|b| b.1.len() >= 8) {
            let n = body.len().min(candidate.len()).min(self.quote.len());
            let part = |t: &[char]| [&t[t.len() - n..], &t[..n]][side].to_vec();
            let mine = part(&candidate);
            let like = |other: &[char]| similar(&mine, &part(other), 0.0).unwrap_or(0.0);
            let (to_body, to_quote) = (like(body), like(&self.quote));
            if to_body > to_quote || (!strong && to_body >= MIN_CONTEXT_SIMILARITY) {
                return None;
            }
        }
        let context = p.unwrap_or(0.0) + q.unwrap_or(0.0);
        Some(quote_similarity + 0.25 * context + 0.25 * position(same_section, block_distance))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sentences `first..=last` of a block, or the whole block.
    type Run = Option<(usize, usize)>;

    /// The anchor of a whole block, or of a run of its sentences.
    fn anchor_on(d: &DocText, s: usize, b: usize, run: Run) -> Anchor {
        let text = &d.sections[s].blocks[b];
        let spans = sentences(text);
        let range = run.map_or(0..text.len(), |(i, j)| spans[i].start..spans[j].end);
        make_anchor("b", "v1", d, s, b, range)
    }

    fn sim(a: &str, b: &str) -> f64 {
        similar(&normalized(a), &normalized(b), 0.0).unwrap_or(0.0)
    }

    fn section(id: String, blocks: Vec<String>) -> SectionText {
        SectionText { id, blocks }
    }

    /// A document written as lines: `# id` starts a section, any other line is a block
    /// (`\` at the end of a line of a Rust string joins the next line to it).
    fn parse(text: &str) -> DocText {
        let section = |chunk: &str| {
            let mut lines = chunk.lines().map(str::trim).filter(|l| !l.is_empty());
            let id = lines.next().unwrap_or_default().to_owned();
            section(id, lines.map(String::from).collect())
        };
        let sections = text.split("# ").skip(1).map(section).collect();
        DocText { sections }
    }

    /// `|` marks where a sentence ends; the text is the line without the marks.
    const SENTENCES: &str = "\
        Bonjour.| Comment allez-vous ?| Très bien !| Et vous…|  Moi aussi.
        Vraiment\u{a0}?| Oui\u{202f}!| D’accord.
        « Non ! »| Il partit.| « Pourquoi ? » demanda-t-elle.
        Il a crié « Non ! » et il est parti.
        M. Dupont et Mme Durand sont arrivés.| Ils repartent en 52 av. J.-C. Demain.
        Il hésite… puis accepte.| Le taux est de 3,75 %.| Fin !?
        The U.S. Treasury expects a cut.| Markets, e.g. bonds, rallied.| Dr. Smith agreed.
        See Fig. 3 (p. 12).| Rates were 3.75% in Jan. 2024, i.e. high!
        He said \"no.\"| Then he left...| Why?| Visit example.com today.
        今日は晴れです。|明日は雨でしょう！|本当？
        他说：「好。」|我们走吧。
        Sans point final
        Deux.| Phrases sans fin   \t
        !
        ... ";

    #[test]
    fn sentences_in_french_english_and_cjk() {
        for line in SENTENCES.lines().map(str::trim_start) {
            let text = line.replace('|', "");
            let got: Vec<&str> = sentences(&text).into_iter().map(|r| &text[r]).collect();
            let want: Vec<&str> = line.split('|').map(str::trim).collect();
            assert_eq!(got, want, "{line:?}");
        }
        assert_eq!(sentences("  Une phrase.   "), vec![2..13]);
        assert_eq!(sentences("Titre\n\nCorps."), vec![0..5, 7..13]);
        assert!(sentences("").is_empty() && sentences(" \n\u{a0} ").is_empty());
    }

    #[test]
    fn context_crosses_block_edges_and_tells_repeats_apart() {
        let d = parse("# a\nPremier bloc.\nDeuxième bloc. Suite.\nDernier.\n# b\nAutre.");
        let a = anchor_on(&d, 0, 1, Some((0, 0)));
        let got = [a.section, a.quote, a.prefix, a.suffix].join("|");
        assert_eq!(got, "a|Deuxième bloc.|Premier bloc.\n| Suite.\nDernier.");
        let (first, last) = (anchor_on(&d, 0, 0, None), anchor_on(&d, 0, 2, None));
        assert_eq!((first.prefix.as_str(), last.suffix.as_str()), ("", ""));
        assert_eq!(last.prefix.chars().count(), CONTEXT_CHARS);
        // Context tells repeats in the hinted block apart.
        let d = parse("# a\nÀ suivre. Rien de neuf. À suivre. Fin du point.");
        let want = Location::new(0, 0, sentences(&d.sections[0].blocks[0])[2].clone());
        let got = resolve(&anchor_on(&d, 0, 0, Some((2, 2))), &d);
        assert_eq!(got, Resolution::Attached(want));
    }

    #[test]
    fn bad_ranges_and_hints_do_not_panic() {
        let d = parse("# a\nÉquipe été.");
        let quote = |s, b, range| make_anchor("b", "v", &d, s, b, range).quote;
        assert_eq!([quote(0, 0, 1..2), quote(0, 0, 5..500)], ["É", "pe été."]);
        let (from, to) = (9, 3);
        for (s, b, range) in [(0, 0, from..to), (3, 7, 0..4)] {
            let a = make_anchor("b", "v", &d, s, b, range);
            assert_eq!(a.quote, "");
            assert_eq!(resolve(&a, &d), Resolution::Orphan);
            assert_eq!(resolve(&a, &DocText::default()), Resolution::Orphan);
        }
    }

    #[test]
    fn reanchor_after_a_move_makes_it_attached() {
        let mut d = parse(BRIEFING);
        let a = anchor_on(&d, 1, 0, None);
        apply(&mut d, "ins 1 0 Nouveau paragraphe.");
        let Resolution::Moved(at) = resolve(&a, &d) else {
            panic!("expected a move")
        };
        let fresh = reanchor(&a, &d, &at, "v2");
        assert!(fresh.quote == a.quote && fresh.block == 1 && fresh.version == "v2");
        assert_eq!(resolve(&fresh, &d), Resolution::Attached(at));
    }

    #[test]
    fn large_documents_resolve() {
        // 80,000 blocks: an exact hit far from the hint, then an orphan for which the
        // approximate step scans as far as it may.
        let text = |s, b| format!("Paragraphe {b} de la section {s} : la conjoncture reste floue.");
        let section = |s| section(format!("s{s}"), (0..200).map(|b| text(s, b)).collect());
        let sections = (0..400).map(section).collect();
        let mut d = DocText { sections };
        let a = anchor_on(&d, 10, 5, None);
        let moved = d.sections[10].blocks.remove(5);
        d.sections[390].blocks.insert(7, moved);
        let want = Location::new(390, 7, 0..a.quote.len());
        assert_eq!(resolve(&a, &d), Resolution::Moved(want));
        d.sections[390].blocks.remove(7);
        assert_eq!(resolve(&a, &d), Resolution::Orphan);
    }

    // The edit corpus: a briefing in three sections, nine annotations, sixteen edits.

    const BRIEFING: &str = "\
        # synthese
        La situation sécuritaire au Sahel s'est encore dégradé ce trimestre. Les attaques \
        contre les convois ont doublé depuis janvier. Les autorités de transition refusent \
        toute médiation extérieure.
        Les prix de l'énergie restent élevés. Le gouvernement a prolongé le bouclier tarifaire \
        jusqu'en décembre, pour un coût estimé à 4,2 milliards d'euros.
        À suivre.
        # economie
        Au premier trimestre, le PIB a progressé de 0,3 %, porté par la consommation des \
        ménages. L'investissement des entreprises recule pour le troisième trimestre consécutif.
        Au deuxième trimestre, le PIB a progressé de 0,5 %, porté par la consommation des \
        ménages. L'investissement des entreprises recule pour le quatrième trimestre consécutif.
        Les prix de l'énergie restent élevés. La facture énergétique pèse sur les industriels, \
        qui réduisent leurs marges plutôt que leurs effectifs.
        The central bank kept its key rate unchanged at 3.75%, citing e.g. persistent services \
        inflation. Markets had priced in a cut. Analysts at the U.S. Treasury expect a first \
        move in September.
        # diplomatie
        Le ministre s'est rendu à Nairobi puis à Addis-Abeba. Il y a défendu « une approche \
        régionale » de la crise soudanaise\u{a0}! La presse locale a salué sa visite.
        Washington and Brussels issued a joint statement on Tuesday. It calls for an immediate \
        ceasefire and unhindered humanitarian access.
        À suivre.
        Les négociations reprendront la semaine prochaine à Doha, sous l'égide des médiateurs \
        qataris.
        Les négociations reprendront la semaine prochaine à Doha, sous l'égide des médiateurs \
        égyptiens.
        La prochaine réunion ministérielle aura lieu à Genéve en novembre.";

    const NOTES: [(usize, usize, Run); 9] = [
        (0, 0, None),         // A1 synthèse ¶0, with a typo ("dégradé")
        (0, 1, Some((0, 0))), // A2 "Les prix de l'énergie restent élevés." (also in économie)
        (0, 2, None),         // A3 "À suivre."
        (2, 2, None),         // A4 "À suivre." (the other one)
        (1, 0, None),         // A5 PIB, first quarter (the second quarter is very similar)
        (1, 3, Some((1, 2))), // A6 "Markets had priced in a cut. Analysts at the U.S. …"
        (2, 1, Some((1, 1))), // A7 "It calls for an immediate ceasefire …"
        (2, 0, Some((1, 1))), // A8 "Il y a défendu « une approche régionale » … !"
        (2, 3, None),         // A9 Doha, Qatari mediators (the Egyptian ones follow)
    ];

    /// Where A1…A9 are found on the base document: A attached, M moved (exact), N moved
    /// (approximately: the same sentences of the edited block), O orphan; section.block.
    const SAME: &str = "A0.0 A0.1 A0.2 A2.2 A1.0 A1.3 A2.1 A2.0 A2.3";

    /// Each edit: name | operations (see `apply`) | outcomes: all nine, or changes from SAME.
    const EDITS: &str = "\
        typo fixed elsewhere | rep 2 5 Genéve→Genève |
        paragraph inserted before | ins 1 0 Les chiffres ont été révisés. | A5=M1.1 A6=M1.4
        section inserted before | sec 0 contexte | A1.0 A1.1 A1.2 A3.2 A2.0 A2.3 A3.1 A3.0 A3.3
        sections reordered | swap 0 2; swap 1 2 | A1.0 A1.1 A1.2 A0.2 A2.0 A2.3 A0.1 A0.0 A0.3
        section renamed | ren 2 international | A4=M2.2 A7=M2.1 A8=M2.0 A9=M2.3
        word changed in quoted sentence | rep 2 1 unhindered→unimpeded | A7=N2.1
        quoted sentence rewritten | rep 2 0 Il y a défendu « une approche régionale » de la crise \
            soudanaise\u{a0}!→Il a plaidé pour un dialogue inclusif entre les belligérants. | A8=O
        quoted paragraphs deleted, similar ones left | del 1 0; del 2 3 | A5=O A6=M1.2 A9=O
        short paragraphs: context decides | ren 0 resume; ren 2 intl; swap 0 2 | \
            M2.0 M2.1 M2.2 M0.2 A1.0 A1.3 M0.1 M0.0 M0.3
        short paragraph deleted, its twin left | del 0 2 | A3=O
        quote moved into another section | move 1 3 0 | A6=M0.3
        whitespace changed elsewhere | rep 1 1 le PIB a→le  PIB\u{a0}a; rep 2 0 i puis→i\\n puis; \
            rep 2 5 aura lieu→aura\u{a0} lieu |
        whitespace changed inside quotes | rep 0 0 . →.\\n; rep 0 0 au Sahel→au  Sahel; \
            rep 2 1 an immediate ceasefire→an  immediate\u{a0}ceasefire | A1=N0.0 A7=N2.1
        typo fixed inside quoted paragraph | rep 0 0 dégradé→dégradée | A1=N0.0
        paragraph with a repeated sentence deleted | del 0 1 | A2=O A3=M0.1
        document replaced by unrelated text | new | O O O O O O O O O";

    const UNRELATED: &str = "# meteo\nUn anticyclone s'installe sur la moitié nord.\n# sport\n\
        Le club local a remporté son troisième match.\nThe coach praised the defence.\nÀ suivre.";

    /// Applies operations separated by `;`: `rep S B from→to` (in block B of section S,
    /// `\\n` a line break), `ins S B text`, `del S B`, `move S B T` (to the end of T),
    /// `sec S id` (a new section at S), `ren S id`, `swap S T`, `new` (unrelated text).
    fn apply(d: &mut DocText, ops: &str) {
        for op in ops.split(';').map(str::trim).filter(|op| !op.is_empty()) {
            let parts: Vec<&str> = op.splitn(4, ' ').collect();
            let arg = |i: usize| parts.get(i).copied().unwrap_or_default();
            let num = |i: usize| arg(i).parse::<usize>().unwrap_or(0);
            let (s, b, rest) = (num(1), num(2), arg(3).replace("\\n", "\n"));
            match arg(0) {
                "rep" => {
                    let (from, to) = rest.split_once('→').expect("from→to");
                    let block = &mut d.sections[s].blocks[b];
                    assert!(block.contains(from), "{from:?} not in {block:?}");
                    *block = block.replace(from, to);
                }
                "ins" => d.sections[s].blocks.insert(b, rest),
                "del" => drop(d.sections[s].blocks.remove(b)),
                "move" => {
                    let block = d.sections[s].blocks.remove(b);
                    d.sections[num(3)].blocks.push(block);
                }
                "sec" => {
                    let blocks = vec!["Rappel du contexte.".into(), "À suivre.".into()];
                    d.sections.insert(s, section(arg(2).into(), blocks));
                }
                "ren" => d.sections[s].id = arg(2).to_owned(),
                "swap" => d.sections.swap(s, b),
                "new" => *d = parse(UNRELATED),
                _ => panic!("unknown operation {op:?}"),
            }
        }
    }

    /// How an annotation resolved, in the notation of SAME.
    fn outcome(got: &Resolution, d: &DocText, a: &Anchor, run: Run) -> String {
        let Some(at) = got.location() else {
            return "O".into();
        };
        let (passage, text) = (d.passage(at), &d.sections[at.section].blocks[at.block]);
        let spans = sentences(text);
        let same = run.map_or(text.trim(), |(i, j)| &text[spans[i].start..spans[j].end]);
        let kind = match got {
            Resolution::Attached(_) if passage == Some(a.quote.as_str()) => "A",
            Resolution::Moved(_) if passage == Some(a.quote.as_str()) => "M",
            Resolution::Moved(_) if passage == Some(same) => "N",
            _ => "?",
        };
        format!("{kind}{}.{}", at.section, at.block)
    }

    #[test]
    fn the_edit_corpus_resolves_as_expected() {
        let base = parse(BRIEFING);
        let anchors = NOTES.map(|(s, b, run)| anchor_on(&base, s, b, run));
        let a6 = "Markets had priced in a cut. Analysts at the U.S. Treasury expect a first move";
        assert_eq!(anchors[5].quote, format!("{a6} in September."));
        let a8 = "Il y a défendu « une approche régionale » de la crise soudanaise\u{a0}!";
        assert_eq!(anchors[7].quote, a8);
        let mut failures = Vec::new();
        for line in EDITS.lines() {
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            let (edit, ops, changes) = (fields[0], fields[1], fields[2]);
            let mut d = base.clone();
            apply(&mut d, ops);
            let mut want: Vec<&str> = SAME.split(' ').collect();
            for (i, change) in changes.split_whitespace().enumerate() {
                let (note, place) = change.split_once('=').unwrap_or(("", change));
                let note = note.get(1..).and_then(|n| n.parse::<usize>().ok());
                want[note.map_or(i, |n| n - 1)] = place;
            }
            for (i, a) in anchors.iter().enumerate() {
                let got = outcome(&resolve(a, &d), &d, a, NOTES[i].2);
                if got != want[i] {
                    failures.push(format!("{edit}: A{}: want {}, got {got}", i + 1, want[i]));
                }
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
        // The similar paragraphs pass the quote threshold: only context, figures and the
        // neighbour test turn them away.
        let text = |s: usize, b: usize| base.sections[s].blocks[b].as_str();
        assert!(sim(text(1, 0), text(1, 1)) > 0.9 && sim(text(2, 3), text(2, 4)) > 0.9);
    }

    // Properties, on generated briefings.

    const WORDS: &str = "analyse budget crise défense économie élection frontière gouvernement \
        hausse industrie journée marché ministre navire opération pétrole région sécurité traité \
        urgence village zone accord bilan conflit dette énergie forces grève impôt réforme sommet \
        report market growth border treaty minister pressure summit inflation shipping coalition";

    /// A block: one to four sentences of seven to eleven words.
    fn block() -> impl Strategy<Value = String> {
        let words = prop::sample::select(WORDS.split(' ').collect::<Vec<_>>());
        let stop = prop::sample::select(vec![".", "!", " ?", "\u{a0}!"]);
        let sentence = (prop::collection::vec(words, 7..12), stop).prop_map(|(words, stop)| {
            let text = words.join(" ");
            let first = text.chars().next().map_or(0, char::len_utf8);
            format!("{}{}{stop}", text[..first].to_uppercase(), &text[first..])
        });
        prop::collection::vec(sentence, 1..5).prop_map(|s| s.join(" "))
    }

    /// A briefing (sections s0, s1…) and a passage: section, block, byte range (the whole
    /// block, or a run of up to three sentences).
    fn passage() -> impl Strategy<Value = (DocText, usize, usize, Range<usize>)> {
        let sections = prop::collection::vec(prop::collection::vec(block(), 1..7), 1..5);
        let run = prop::option::of((any::<usize>(), 0..3usize));
        (sections, any::<(usize, usize)>(), run).prop_map(|(sections, (s, b), run)| {
            let sections = sections.into_iter().enumerate();
            let sections = sections.map(|(i, b)| section(format!("s{i}"), b)).collect();
            let d = DocText { sections };
            let s = s % d.sections.len();
            let b = b % d.sections[s].blocks.len();
            let spans = sentences(&d.sections[s].blocks[b]);
            let (i, n) = run.map_or((0, spans.len() - 1), |(i, n)| (i % spans.len(), n));
            let range = spans[i].start..spans[(i + n).min(spans.len() - 1)].end;
            (d, s, b, range)
        })
    }

    /// Edits: (kind, section, position, text). Kinds: 0 insert a block, 1 delete one, 2
    /// change one, 3 insert a section, 4 swap two sections.
    type Edits = Vec<(u8, usize, usize, String)>;

    fn edits() -> impl Strategy<Value = Edits> {
        prop::collection::vec((0..5u8, any::<usize>(), any::<usize>(), block()), 0..12)
    }

    /// Applies edits to blocks other than `q` (section, block); returns where `q` is now.
    fn apply_edits(d: &mut DocText, mut q: (usize, usize), edits: &Edits) -> (usize, usize) {
        for (n, (kind, s, b, text)) in edits.iter().enumerate() {
            let (count, s) = (d.sections.len(), s % d.sections.len());
            let blocks = &mut d.sections[s].blocks;
            let (len, here) = (blocks.len(), s == q.0);
            let (at, other) = (b % (len + 1), b % count);
            let mine = here && at == q.1;
            match kind {
                0 => blocks.insert(at, text.clone()),
                1 if at < len && !mine => drop(blocks.remove(at)),
                2 if at < len && !mine => blocks[at] = text.clone(),
                3 => d.sections.insert(other, section(format!("n{n}"), vec![])),
                4 => d.sections.swap(s, other),
                _ => continue,
            }
            match kind {
                0 => q.1 += usize::from(here && at <= q.1),
                1 => q.1 -= usize::from(here && at < q.1),
                3 => q.0 += usize::from(other <= q.0),
                4 if q.0 == s || q.0 == other => q.0 = s + other - q.0,
                _ => {}
            }
        }
        q
    }

    /// Whether some run of whole sentences in the briefing is within the threshold.
    fn similar_left(d: &DocText, quote: &str) -> bool {
        let quote = normalized(quote);
        let mut blocks = d.sections.iter().flat_map(|s| &s.blocks);
        blocks.any(|t| {
            let spans = sentences(t);
            let ends = |start: usize| spans.iter().map(move |e| start..e.end);
            let runs = spans.iter().map(|a| a.start).flat_map(ends);
            let mut runs = runs.filter(|r| r.start < r.end);
            runs.any(|r| similar(&normalized(&t[r]), &quote, MIN_QUOTE_SIMILARITY).is_some())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn passages_are_found_again_after_unrelated_edits((mut d, s, b, range) in passage(),
                                                          edits in edits()) {
            let anchor = make_anchor("b", "v1", &d, s, b, range.clone());
            let here = Location::new(s, b, range.clone());
            prop_assert_eq!(resolve(&anchor, &d), Resolution::Attached(here));
            let (qs, qb) = apply_edits(&mut d, (s, b), &edits);
            let got = resolve(&anchor, &d);
            let at = got.location().cloned().unwrap_or(Location::new(0, 0, 0..0));
            prop_assert_eq!(d.passage(&at), Some(anchor.quote.as_str()), "{:?}", got);
            let blocks = d.sections.iter().flat_map(|s| &s.blocks);
            if blocks.map(|t| t.matches(&anchor.quote).count()).sum::<usize>() == 1 {
                let there = Location::new(qs, qb, range);
                let want = if qb == b { Resolution::Attached(there) } else { Resolution::Moved(there) };
                prop_assert_eq!(got, want);
            }
        }

        #[test]
        fn deleted_passages_become_orphans((mut d, s, b, range) in passage(), edits in edits()) {
            let anchor = make_anchor("b", "v1", &d, s, b, range);
            let (qs, qb) = apply_edits(&mut d, (s, b), &edits);
            d.sections[qs].blocks.remove(qb);
            prop_assume!(!similar_left(&d, &anchor.quote));
            prop_assert_eq!(resolve(&anchor, &d), Resolution::Orphan);
        }

        #[test]
        fn edited_passages_never_attach_beyond_the_threshold(
            (mut d, s, b, range) in passage(),
            changes in prop::collection::vec((any::<usize>(), 0..3u8, "[a-z ]"), 1..25),
        ) {
            let anchor = make_anchor("b", "v1", &d, s, b, range.clone());
            let mut chars: Vec<char> = anchor.quote.chars().collect();
            for (at, kind, c) in changes {
                let (at, c) = (at % (chars.len() + 1), c.chars().next().unwrap_or('x'));
                match kind {
                    0 if at < chars.len() => chars[at] = c,
                    1 if at < chars.len() => drop(chars.remove(at)),
                    _ => chars.insert(at, c),
                }
            }
            d.sections[s].blocks[b].replace_range(range, &chars.into_iter().collect::<String>());
            if let Some(at) = resolve(&anchor, &d).location() {
                let passage = d.passage(at).unwrap_or_default();
                prop_assert!(sim(passage, &anchor.quote) >= MIN_QUOTE_SIMILARITY, "{:?}", passage);
            }
        }

        #[test]
        fn banded_edit_distance_is_the_edit_distance(a in "[abé ]{0,12}", b in "[abé ]{0,12}",
                                                     limit in 0usize..14) {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let mut row: Vec<usize> = (0..=b.len()).collect();
            for (i, x) in a.iter().enumerate() {
                let mut next = vec![i + 1; b.len() + 1];
                for (j, y) in b.iter().enumerate() {
                    next[j + 1] = (row[j] + usize::from(x != y)).min(row[j + 1] + 1).min(next[j] + 1);
                }
                row = next;
            }
            let plain = row[b.len()];
            prop_assert_eq!(edit_distance_within(&a, &b, limit), (plain <= limit).then_some(plain));
        }

        #[test]
        fn sentences_cover_the_text_but_whitespace(text in any::<String>()) {
            let mut covered = 0;
            for r in sentences(&text) {
                prop_assert!(r.start < r.end && r.start >= covered, "{:?}", text);
                prop_assert!(text[covered..r.start].trim().is_empty());
                prop_assert_eq!(&text[r.clone()], text[r.clone()].trim());
                covered = r.end;
            }
            prop_assert!(text[covered..].trim().is_empty());
        }
    }
}
