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
mod tests;
