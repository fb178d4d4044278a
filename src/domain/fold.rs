//! Folding text for matching: case (smart case), accents and typography are folded so
//! that `cooperation` finds `coopération`, `oe` finds `œ` and `'` finds `’`, in any
//! script, while a compact offset map leads every match back to the exact characters
//! of the original. Must not depend on terminal crates.
//!
//! Rules, applied to each character of the original on its own (folding is
//! context-free: the fold of a concatenation is the concatenation of the folds):
//!
//! - ASCII: lowercased (not by [`fold_keep_case`]); `\n`, `\t` and `\r` become a space
//!   (a soft line break in a source matches a space); NUL becomes `␀`, so folded text
//!   never holds NUL and it can separate texts in one haystack.
//! - Typography: `’ ‘ ‛ ʼ ʻ ′ ´` → `'`; `“ ” „ ‟ « » ″` → `"`; `‐ ‑ ‒ – — ― −` → `-`;
//!   no-break, narrow no-break, thin and other spaces → ` `; `…` → `...`; soft
//!   hyphens and zero-width spaces vanish.
//! - Ligatures and letters without a decomposition: `œ` → `oe`, `æ` → `ae`,
//!   `ß`/`ẞ` → `ss`, `ø` → `o`, `ł` → `l`, `đ` → `d`, `ħ` → `h`, `ı` → `i`,
//!   `ŧ` → `t`, `ς` → `σ` (uppercase forms kept uppercase by [`fold_keep_case`]).
//! - Latin, Greek and Cyrillic letters (and Latin ligatures such as `ﬁ`, fullwidth
//!   ASCII, super- and subscripts, letterlike symbols, number forms, enclosed
//!   alphanumerics): compatibility decomposition (NFKD), then the combining
//!   diacritics are dropped (`É` → `e`, `ﬁ` → `fi`, `Ё` → `е`, `²` → `2`). Note that
//!   this folds `й` to `и` as well, as most search engines do.
//! - Combining diacritical marks written as separate characters (`e` + U+0301) vanish.
//! - Every other character (CJK, kana, Hangul, Arabic, Devanagari…) is only
//!   lowercased where it has case: Hangul syllables are never split into jamo, kana
//!   keep their voicing marks, and non-diacritic combining marks are kept.
//!
//! The offset map is a list of checkpoints where the offset between folded and original
//! text changes (mostly-ASCII text needs almost none), stored compactly: every 32nd
//! absolute and binary-searched, the others as differences of two or three bytes.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Text folded for matching, with the map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text (lowercased unless made by a case-keeping fold).
    pub text: String,
    /// Where folded offsets come from in the original.
    map: OffsetMap,
    /// The length of the original text in bytes.
    original_len: usize,
}

/// The start of a segment of the folded text: from `folded` up to the next checkpoint,
/// folded bytes correspond to original bytes from `original` on.
///
/// In an ordinary segment every original character but the last became exactly one
/// character of the same length, so offsets correspond one to one; the last one may
/// have changed length (or vanished, with its combining marks), which is why the next
/// checkpoint starts where it ends. An atom is one original character that became
/// several characters (`œ` → `oe`): any part of it maps to all of it. Checkpoints have
/// strictly increasing folded offsets; the first is (0, 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Checkpoint {
    folded: usize,
    original: usize,
    atom: bool,
}

/// A segment of the folded text and where it comes from.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: Checkpoint,
    folded_end: usize,
    original_end: usize,
}

/// How many checkpoints share one absolute sample.
const GROUP: usize = 32;

/// The checkpoints, compact: every [`GROUP`]-th one absolute (binary-searched), the
/// others as variable-length differences from the one before (usually two bytes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OffsetMap {
    /// Checkpoint `k * GROUP`, and where checkpoints `k * GROUP + 1 ..` are encoded.
    samples: Vec<(Checkpoint, usize)>,
    /// Per checkpoint: LEB128 of `folded gap << 1 | atom`, then LEB128 of the zigzag of
    /// `original gap - folded gap`.
    bytes: Vec<u8>,
    count: usize,
    /// The last checkpoint pushed.
    last: Checkpoint,
}

impl OffsetMap {
    fn push(&mut self, cp: Checkpoint) {
        if self.count.is_multiple_of(GROUP) {
            self.samples.push((cp, self.bytes.len()));
        } else {
            let folded_gap = cp.folded.wrapping_sub(self.last.folded) as u64;
            let original_gap = cp.original.wrapping_sub(self.last.original) as u64;
            write_varint(&mut self.bytes, folded_gap << 1 | u64::from(cp.atom));
            let diff = original_gap.wrapping_sub(folded_gap) as i64;
            write_varint(&mut self.bytes, ((diff << 1) ^ (diff >> 63)) as u64);
        }
        self.last = cp;
        self.count += 1;
    }

    /// The last checkpoint at or before folded offset `at`, and the one after it.
    fn around(&self, at: usize) -> (Checkpoint, Option<Checkpoint>) {
        let k = self
            .samples
            .partition_point(|(cp, _)| cp.folded <= at)
            .saturating_sub(1);
        let Some(&(mut current, mut pos)) = self.samples.get(k) else {
            return (Checkpoint::default(), None);
        };
        let next_sample = self.samples.get(k + 1);
        let group_end = next_sample.map_or(self.bytes.len(), |&(_, p)| p);
        loop {
            let next = if pos < group_end {
                let (first, p) = read_varint(&self.bytes, pos);
                let (second, p) = read_varint(&self.bytes, p);
                pos = p;
                let folded_gap = first >> 1;
                let diff = ((second >> 1) as i64) ^ -((second & 1) as i64);
                let original_gap = folded_gap.wrapping_add(diff as u64);
                Some(Checkpoint {
                    folded: current.folded.wrapping_add(folded_gap as usize),
                    original: current.original.wrapping_add(original_gap as usize),
                    atom: first & 1 == 1,
                })
            } else {
                next_sample.map(|&(cp, _)| cp)
            };
            match next {
                Some(n) if n.folded <= at => current = n,
                _ => return (current, next),
            }
        }
    }

    /// Bytes used.
    fn size(&self) -> usize {
        self.bytes.len() + self.samples.len() * std::mem::size_of::<(Checkpoint, usize)>()
    }

    fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.samples.shrink_to_fit();
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A value and the offset after it; a truncated value reads as what was there.
fn read_varint(bytes: &[u8], mut pos: usize) -> (u64, usize) {
    let mut value = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(pos) {
        pos += 1;
        if shift < 64 {
            value |= u64::from(b & 0x7f) << shift;
        }
        shift += 7;
        if b & 0x80 == 0 {
            break;
        }
    }
    (value, pos)
}

/// Folds text for case-insensitive matching: lowercase, accents stripped, typography
/// unified (see the module documentation). Never panics.
pub fn fold(original: &str) -> Folded {
    let mut builder = FoldBuilder::new(true, original.len());
    builder.push_str(original);
    builder.finish()
}

/// Folds like [`fold`] but keeps case: `Coopération` → `Cooperation`. Used to check a
/// case-sensitive (smart-case) match.
pub fn fold_keep_case(original: &str) -> String {
    let mut builder = FoldBuilder::new(false, original.len());
    builder.push_str(original);
    builder.finish().text
}

impl Folded {
    /// The length in bytes of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Maps a byte range of the folded text back to the smallest byte range of the
    /// original covering it, extended to whole characters and to any combining marks
    /// attached to the last one (and, when the range starts on a combining mark, back to
    /// its base). Out-of-range bounds are clamped; an empty range maps to an empty range.
    /// The result is always on character boundaries of the original.
    pub fn to_original(&self, folded: Range<usize>) -> Range<usize> {
        let text = &self.text;
        let mut start = floor_boundary(text, folded.start.min(text.len()));
        if folded.end <= folded.start || start == text.len() {
            let at = self.map_start(start);
            return at..at;
        }
        let mut end = ceil_boundary(text, folded.end.min(text.len()));
        // Never separate a base from its combining marks, nor take marks without base.
        start = self.atom_start(start);
        while let Some(c) = text[start..].chars().next()
            && is_combining_mark(c)
        {
            let Some(prev) = text[..start].chars().next_back() else {
                break;
            };
            if prev == SEPARATOR {
                break;
            }
            start = self.atom_start(start - prev.len_utf8());
        }
        loop {
            end = self.atom_end(end);
            match text[end..].chars().next() {
                Some(c) if is_combining_mark(c) => end += c.len_utf8(),
                _ => break,
            }
        }
        // Marks without a base in the folded text: take the marks that vanished before
        // them too, from the start of the text (or of its piece).
        let orphan = text[start..].chars().next().is_some_and(is_combining_mark);
        let original_start = match start.checked_sub(1) {
            Some(separator) if orphan => self.map_start(separator) + 1,
            None if orphan => 0,
            _ => self.map_start(start),
        };
        original_start..self.map_end(end)
    }

    /// Where the atom holding folded byte `at` starts, or `at` itself.
    fn atom_start(&self, at: usize) -> usize {
        let segment = self.segment(at);
        if segment.start.atom {
            segment.start.folded
        } else {
            at
        }
    }

    /// Where the atom holding the folded byte before `at` ends, or `at` itself.
    fn atom_end(&self, at: usize) -> usize {
        if at == 0 {
            return at;
        }
        let segment = self.segment(at - 1);
        if segment.start.atom {
            segment.folded_end
        } else {
            at
        }
    }

    /// The segment that holds folded byte `at`.
    fn segment(&self, at: usize) -> Segment {
        let (start, next) = self.map.around(at);
        Segment {
            start,
            folded_end: next.map_or(self.text.len(), |n| n.folded),
            original_end: next.map_or(self.original_len, |n| n.original),
        }
    }

    /// The original offset where the character at folded char boundary `at` starts.
    fn map_start(&self, at: usize) -> usize {
        let segment = self.segment(at);
        let start = segment.start;
        let mapped = if start.atom {
            start.original
        } else {
            start.original + at.saturating_sub(start.folded)
        };
        mapped.min(segment.original_end)
    }

    /// The original offset where the character that ends at folded char boundary `at`
    /// (and any combining marks that vanished after it) ends.
    fn map_end(&self, at: usize) -> usize {
        let segment = self.segment(at.saturating_sub(1));
        let start = segment.start;
        if start.atom || at >= segment.folded_end {
            segment.original_end
        } else {
            (start.original + at.saturating_sub(start.folded)).min(segment.original_end)
        }
    }

    /// How many checkpoints the offset map holds.
    pub fn checkpoint_count(&self) -> usize {
        self.map.count
    }

    /// How many bytes the offset map uses (besides the folded text).
    pub fn map_bytes(&self) -> usize {
        self.map.size()
    }
}

/// The largest char boundary of `s` at or before `at`.
fn floor_boundary(s: &str, mut at: usize) -> usize {
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `s` at or after `at`.
fn ceil_boundary(s: &str, mut at: usize) -> usize {
    while at < s.len() && !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// What separates texts folded into one haystack; never produced by folding.
pub(crate) const SEPARATOR: char = '\0';

/// A search query, folded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query folded with [`fold`]: what is searched for.
    pub text: String,
    /// Smart case: whether the query holds an uppercase letter, in which case a match
    /// must have the same case (accents and typography still fold).
    pub case_sensitive: bool,
    /// The query as typed.
    pub raw: String,
}

impl Query {
    /// Whether the query can match nothing (it folds to nothing).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// Prepares a query: folded, with smart case (case-sensitive only when it holds an
/// uppercase letter).
pub fn fold_query(query: &str) -> Query {
    Query {
        text: fold(query).text,
        case_sensitive: query.chars().any(char::is_uppercase),
        raw: query.to_owned(),
    }
}

/// Builds a [`Folded`] from pieces of original text, and separators between them.
#[derive(Debug)]
pub(crate) struct FoldBuilder {
    lower: bool,
    out: Vec<u8>,
    map: OffsetMap,
    /// The last checkpoint, not yet in `map`: the next one may replace it.
    pending: Checkpoint,
    original_len: usize,
    scratch: String,
}

impl FoldBuilder {
    /// A builder; `capacity` is a hint of the original length.
    pub(crate) fn new(lower: bool, capacity: usize) -> FoldBuilder {
        FoldBuilder {
            lower,
            out: Vec::with_capacity(capacity),
            map: OffsetMap::default(),
            pending: Checkpoint::default(),
            original_len: 0,
            scratch: String::new(),
        }
    }

    /// The length of the folded text so far.
    pub(crate) fn folded_len(&self) -> usize {
        self.out.len()
    }

    /// Appends [`SEPARATOR`] to both texts (one byte each, so the map is unchanged).
    pub(crate) fn push_separator(&mut self) {
        self.out.push(0);
        self.original_len += 1;
    }

    /// Folds and appends a piece of original text.
    pub(crate) fn push_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII: one byte to one byte, no checkpoint (NUL aside).
            let run = bytes[i..]
                .iter()
                .position(|&b| b >= 0x80 || b == 0)
                .unwrap_or(bytes.len() - i);
            if run > 0 {
                let from = self.out.len();
                self.out.extend_from_slice(&bytes[i..i + run]);
                let table = if self.lower {
                    &ASCII_LOWER
                } else {
                    &ASCII_KEEP
                };
                for b in &mut self.out[from..] {
                    *b = table[usize::from(*b)];
                }
                self.original_len += run;
                i += run;
                continue;
            }
            let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            self.push_char(c);
            i += c.len_utf8();
        }
    }

    fn push_char(&mut self, c: char) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        fold_char(c, self.lower, &mut scratch);
        let original = self.original_len;
        let original_len = c.len_utf8();
        let folded = self.out.len();
        self.out.extend_from_slice(scratch.as_bytes());
        self.original_len += original_len;
        let mut chars = scratch.chars();
        let first = chars.next();
        let several = chars.next().is_some();
        if several {
            self.checkpoint(folded, original, true);
            self.checkpoint(self.out.len(), self.original_len, false);
        } else if first.map_or(0, char::len_utf8) != original_len {
            self.checkpoint(self.out.len(), self.original_len, false);
        }
        self.scratch = scratch;
    }

    fn checkpoint(&mut self, folded: usize, original: usize, atom: bool) {
        let cp = Checkpoint {
            folded,
            original,
            atom,
        };
        // A segment that would be empty is replaced (atoms are never empty).
        if self.pending.folded != folded || self.pending.atom {
            self.map.push(self.pending);
        }
        self.pending = cp;
    }

    /// The folded text and its map.
    pub(crate) fn finish(self) -> Folded {
        let text = match String::from_utf8(self.out) {
            Ok(text) => text,
            // Cannot happen: only whole characters are ever appended.
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        let mut map = self.map;
        map.push(self.pending);
        map.shrink_to_fit();
        Folded {
            text,
            map,
            original_len: self.original_len,
        }
    }
}

/// How ASCII folds, lowercasing.
static ASCII_LOWER: [u8; 256] = ascii_table(true);
/// How ASCII folds, keeping case.
static ASCII_KEEP: [u8; 256] = ascii_table(false);

const fn ascii_table(lower: bool) -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = match b {
            b'\n' | b'\t' | b'\r' => b' ',
            b'A'..=b'Z' if lower => b + 32,
            _ => b,
        };
        i += 1;
    }
    table
}

/// Appends the fold of one character.
fn fold_char(c: char, lower: bool, out: &mut String) {
    if let Some(s) = special(c, lower) {
        out.push_str(s);
        return;
    }
    if is_diacritic(c) {
        return;
    }
    if decomposes(c) {
        decompose_compatible(c, |d| {
            if is_diacritic(d) {
                return;
            }
            if let Some(s) = special(d, lower) {
                out.push_str(s);
            } else {
                push_case(d, lower, out);
            }
        });
        return;
    }
    push_case(c, lower, out);
}

fn push_case(c: char, lower: bool, out: &mut String) {
    if lower {
        for l in c.to_lowercase() {
            if !is_diacritic(l) {
                out.push(l);
            }
        }
    } else {
        out.push(c);
    }
}

/// Characters folded by hand: typography, ligatures and letters without decomposition.
fn special(c: char, lower: bool) -> Option<&'static str> {
    Some(match c {
        '\0' => "\u{2400}",
        '\n' | '\t' | '\r' => " ",
        '\u{2019}' | '\u{2018}' | '\u{201b}' | '\u{2bc}' | '\u{2bb}' | '\u{2032}' | '\u{b4}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}' | '\u{2033}' => {
            "\""
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => " ",
        '\u{2026}' => "...",
        '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}' => "",
        'œ' => "oe",
        'æ' => "ae",
        'ß' => "ss",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ħ' => "h",
        'ŧ' => "t",
        'ı' => "i",
        'ς' => "σ",
        'Œ' => pick(lower, "oe", "OE"),
        'Æ' => pick(lower, "ae", "AE"),
        'ẞ' => pick(lower, "ss", "SS"),
        'Ø' => pick(lower, "o", "O"),
        'Ł' => pick(lower, "l", "L"),
        'Đ' => pick(lower, "d", "D"),
        'Ħ' => pick(lower, "h", "H"),
        'Ŧ' => pick(lower, "t", "T"),
        _ => return None,
    })
}

fn pick(lower: bool, l: &'static str, keep: &'static str) -> &'static str {
    if lower { l } else { keep }
}

/// Combining diacritics, dropped wherever they appear.
fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{483}'..='\u{489}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// Characters whose compatibility decomposition is applied: Latin, Greek, Cyrillic and
/// the symbol blocks that hold letters and digits in disguise. CJK, kana and Hangul are
/// deliberately absent.
fn decomposes(c: char) -> bool {
    matches!(c,
        '\u{a0}'..='\u{52f}'
        | '\u{1d00}'..='\u{1dbf}'
        | '\u{1e00}'..='\u{1fff}'
        | '\u{2070}'..='\u{209f}'
        | '\u{2100}'..='\u{218f}'
        | '\u{2460}'..='\u{24ff}'
        | '\u{fb00}'..='\u{fb06}'
        | '\u{ff01}'..='\u{ff5e}')
}

#[cfg(test)]
mod tests;
