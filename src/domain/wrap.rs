//! Wrapping display blocks to a width, keeping byte offsets into the block text so that
//! styles, search matches and annotations can be drawn on the wrapped lines. URLs and
//! e-mail addresses are kept whole, and cut (with [`CUT_MARKER`]) only when wider than a
//! line. Must not depend on terminal crates.

use std::ops::Range;

use linkify::LinkFinder;
use textwrap::WordSeparator;
use unicode_segmentation::UnicodeSegmentation;

use super::markdown::{Block, BlockKind, StyleSpan};
use crate::domain::text::display_width;

/// Drawn after the text of a line whose [`WrappedLine::cut`] is set: the URL or e-mail
/// address on it was too wide for a line and goes on on the next one. One column wide
/// (not East Asian ambiguous), and never part of the text, so copying the text back
/// out of the block's ranges gives the address whole.
pub const CUT_MARKER: &str = "↩";

/// One wrapped line of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Whether this is the block's first line (drawn after `prefix_first`) or a following
    /// one (after `prefix_rest`).
    pub first: bool,
    /// The bytes of [`Block::text`] this line shows, without trailing spaces.
    pub range: Range<usize>,
    /// Whether the line ends inside a URL or e-mail address that was cut because it is
    /// wider than a line: the caller draws [`CUT_MARKER`] right after the text. The
    /// wrapper left a column for it, so the line with its marker still fits the width.
    pub cut: bool,
}

/// Wraps a block to `width` columns, prefixes included.
///
/// Prose is broken first-fit at Unicode line-break opportunities (and after hyphens
/// inside words), never inside a grapheme cluster; a word wider than the line is broken
/// between graphemes. URLs and e-mail addresses (found in the text, or styled as a
/// link's URL) are never broken inside (at a hyphen, a slash…): one that does not fit the
/// rest of a line moves to the next, and one wider than a whole line starts a line of
/// its own and is cut between graphemes as late as the line allows, leaving a column for
/// [`CUT_MARKER`] ([`WrappedLine::cut`] is set on every line but its last). A `\n`
/// always ends a line. Code blocks are never re-wrapped: a code line wider than the
/// width is cut between graphemes. Every line fits `width` (prefix and marker included)
/// unless even one grapheme cannot, in which case that line holds exactly one grapheme,
/// has no marker, and overflows (the renderer clips). Always returns at least one line;
/// a block with empty text gives one line with an empty range.
pub fn wrap_block(block: &Block, width: usize) -> Vec<WrappedLine> {
    let text = block.text.as_str();
    let mut wrapper = Wrapper {
        text,
        lines: Vec::new(),
        avail_first: width.saturating_sub(display_width(&block.prefix_first)),
        avail_rest: width.saturating_sub(display_width(&block.prefix_rest)),
    };
    let mut start = 0;
    for segment in text.split('\n') {
        let range = start..start + segment.len();
        if block.kind == BlockKind::Code {
            wrapper.code_line(range.clone());
        } else {
            let links = links_in(text, range.clone(), &block.styles);
            wrapper.prose_line(range.clone(), &links);
        }
        start = range.end + 1;
    }
    if wrapper.lines.is_empty() {
        wrapper.emit(0..0);
    }
    wrapper.lines
}

/// The blocks as plain wrapped text, for `brief show`: each line is its prefix and its
/// text (trailing spaces trimmed), then [`CUT_MARKER`] on a line that cuts a URL; blocks are separated by a blank line, and a thematic
/// break is a line of `─` as wide as `min(width, 40)`. Ends with a newline unless empty.
pub fn render_plain(blocks: &[Block], width: usize) -> String {
    let mut out = String::new();
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if block.kind == BlockKind::Rule {
            let length = width
                .min(RULE_MAX_WIDTH)
                .saturating_sub(display_width(&block.prefix_first));
            let line = format!("{}{}", block.prefix_first, "─".repeat(length));
            out.push_str(line.trim_end());
            out.push('\n');
            continue;
        }
        for line in wrap_block(block, width) {
            let prefix = if line.first {
                &block.prefix_first
            } else {
                &block.prefix_rest
            };
            let shown = format!("{prefix}{}", block.text.get(line.range).unwrap_or_default());
            out.push_str(shown.trim_end());
            if line.cut {
                out.push_str(CUT_MARKER);
            }
            out.push('\n');
        }
    }
    out
}

/// Wraps plain text (no Markdown: a title, a source line, a summary) to `width`
/// columns exactly as [`wrap_block`] wraps a paragraph — URLs and e-mail addresses kept
/// whole, a `\n` ending a line — and returns each line as a string, with
/// [`CUT_MARKER`] appended where an address was cut. At least one line. For callers that
/// draw lines as strings (`textwrap::wrap` would split `<https://…/a-b>` at its hyphen).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let block = Block {
        kind: BlockKind::Paragraph,
        prefix_first: String::new(),
        prefix_rest: String::new(),
        text: text.to_owned(),
        styles: Vec::new(),
    };
    wrap_block(&block, width)
        .into_iter()
        .map(|line| {
            let shown = block.text.get(line.range).unwrap_or_default();
            if line.cut {
                format!("{shown}{CUT_MARKER}")
            } else {
                shown.to_owned()
            }
        })
        .collect()
}

/// [`wrap_text`]'s lines joined with `\n` (no final newline), in place of
/// `textwrap::fill`.
pub fn fill(text: &str, width: usize) -> String {
    wrap_text(text, width).join("\n")
}

/// The widest a thematic break is drawn by [`render_plain`].
pub const RULE_MAX_WIDTH: usize = 40;

/// The line being filled: `start..end` of the block text, without trailing whitespace.
struct Open {
    start: usize,
    end: usize,
    /// The sum of the widths of its pieces: never less than its display width, since
    /// joining text at grapheme boundaries can only narrow it (ligatures), never widen.
    width: usize,
}

struct Wrapper<'a> {
    text: &'a str,
    lines: Vec<WrappedLine>,
    avail_first: usize,
    avail_rest: usize,
}

impl Wrapper<'_> {
    /// Columns for the text of the line being filled.
    fn avail(&self) -> usize {
        if self.lines.is_empty() {
            self.avail_first
        } else {
            self.avail_rest
        }
    }

    fn emit(&mut self, range: Range<usize>) {
        self.emit_line(range, false);
    }

    fn emit_line(&mut self, range: Range<usize>, cut: bool) {
        let first = self.lines.is_empty();
        self.lines.push(WrappedLine { first, range, cut });
    }

    fn width_of(&self, range: Range<usize>) -> usize {
        self.text.get(range).map_or(0, display_width)
    }

    /// One line of a code block: cut between graphemes where it is too wide.
    fn code_line(&mut self, line: Range<usize>) {
        let mut emitted = false;
        let mut pos = line.start;
        while pos < line.end {
            let (end, _) = self.fit(pos, line.end, self.avail());
            let trimmed = pos + trimmed_len(self.text.get(pos..end).unwrap_or_default());
            if trimmed > pos {
                self.emit(pos..trimmed);
                emitted = true;
            }
            pos = end;
        }
        if !emitted {
            self.emit(line.start..line.start);
        }
    }

    /// One hard line of prose, wrapped first-fit; `links` (sorted, disjoint, inside
    /// `line`) are the URLs and addresses to keep whole.
    fn prose_line(&mut self, line: Range<usize>, links: &[Range<usize>]) {
        let before = self.lines.len();
        let breaks = break_points(self.text, line.clone(), links);
        let mut open: Option<Open> = None;
        // Whitespace starting the hard line (kept if it fits with the first word).
        let mut lead: Option<usize> = None;
        // The first link not wholly before the current piece.
        let mut next_link = 0;
        for (index, &piece_start) in breaks.iter().enumerate() {
            let piece_end = breaks.get(index + 1).copied().unwrap_or(line.end);
            let piece = self.text.get(piece_start..piece_end).unwrap_or_default();
            let word_end = piece_start + trimmed_len(piece);
            if word_end == piece_start {
                // Only whitespace: trailing space of the open line, or leading space.
                if open.is_none() && lead.is_none() {
                    lead = Some(piece_start);
                }
                continue;
            }
            if let Some(current) = open.as_mut() {
                let added = self.width_of(current.end..word_end);
                if current.width + added <= self.avail() {
                    current.end = word_end;
                    current.width += added;
                    continue;
                }
                let done = current.start..current.end;
                self.emit(done);
            }
            while links.get(next_link).is_some_and(|l| l.end <= piece_start) {
                next_link += 1;
            }
            let in_link = links.get(next_link).is_some_and(|l| l.start < word_end);
            open = Some(self.place(lead.take(), piece_start, word_end, in_link));
        }
        if let Some(current) = open {
            self.emit(current.start..current.end);
        }
        if self.lines.len() == before {
            self.emit(line.start..line.start);
        }
    }

    /// Starts a fresh line with the word `start..end` (after leading whitespace from
    /// `lead`, if it fits); a word too wide is broken between graphemes, all but its
    /// last piece becoming full lines. A word holding a link (`in_link`) is broken a
    /// column short of the width, and those lines are marked [`WrappedLine::cut`].
    fn place(&mut self, lead: Option<usize>, start: usize, end: usize, in_link: bool) -> Open {
        if let Some(lead) = lead {
            let width = self.width_of(lead..end);
            if width <= self.avail() {
                return Open {
                    start: lead,
                    end,
                    width,
                };
            }
        }
        let width = self.width_of(start..end);
        if width <= self.avail() {
            return Open { start, end, width };
        }
        let mut pos = start;
        loop {
            let avail = self.avail();
            let (cut, width) = self.fit(pos, end, avail);
            if cut >= end {
                return Open {
                    start: pos,
                    end,
                    width,
                };
            }
            // The rest does not fit this line: a link is cut where the line with its
            // marker is full, unless not even one grapheme fits beside the marker.
            let marked = if in_link && avail >= 2 {
                let (short, used) = self.fit(pos, end, avail - 1);
                (used < avail).then_some(short)
            } else {
                None
            };
            let cut = marked.unwrap_or(cut);
            let trimmed = pos + trimmed_len(self.text.get(pos..cut).unwrap_or_default());
            if trimmed > pos {
                self.emit_line(pos..trimmed, marked.is_some());
            }
            pos = cut;
        }
    }

    /// The end of the longest run of whole graphemes from `start` (before `end`) that
    /// fits `avail` columns, and the sum of their widths; at least one grapheme, so
    /// wrapping always advances.
    fn fit(&self, start: usize, end: usize, avail: usize) -> (usize, usize) {
        let Some(slice) = self.text.get(start..end) else {
            return (end, 0);
        };
        let mut cut = start;
        let mut width = 0;
        for (offset, grapheme) in slice.grapheme_indices(true) {
            let added = display_width(grapheme);
            if cut > start && width + added > avail {
                break;
            }
            cut = start + offset + grapheme.len();
            width += added;
            if width > avail {
                // A single grapheme wider than the line: it goes alone.
                break;
            }
        }
        (cut, width)
    }
}

/// The length of `s` without its trailing whitespace graphemes.
fn trimmed_len(s: &str) -> usize {
    let mut len = s.len();
    for (offset, grapheme) in s.grapheme_indices(true).rev() {
        if grapheme.chars().all(char::is_whitespace) {
            len = offset;
        } else {
            break;
        }
    }
    len
}

/// Where the pieces of the hard line `line` start: its start, then every Unicode
/// line-break opportunity and every hyphen between letters or digits, kept only where
/// they fall between grapheme clusters and outside `links` (sorted, disjoint).
fn break_points(text: &str, line: Range<usize>, links: &[Range<usize>]) -> Vec<usize> {
    let Some(slice) = text.get(line.clone()) else {
        return vec![line.start];
    };
    let graphemes: Vec<usize> = slice.grapheme_indices(true).map(|(i, _)| i).collect();
    let base = slice.as_ptr() as usize;
    let mut points: Vec<usize> = WordSeparator::UnicodeBreakProperties
        .find_words(slice)
        .map(|word| (word.word.as_ptr() as usize).wrapping_sub(base))
        .collect();
    let mut previous: Option<char> = None;
    let mut chars = slice.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '-'
            && previous.is_some_and(char::is_alphanumeric)
            && let Some(&(next_offset, next)) = chars.peek()
            && next.is_alphanumeric()
        {
            points.push(next_offset);
        }
        previous = Some(c);
    }
    points.retain(|&p| p > 0 && p < slice.len() && graphemes.binary_search(&p).is_ok());
    points.push(0);
    points.sort_unstable();
    points.dedup();
    // Both sorted: one pass drops the points strictly inside a link.
    let mut link = links.iter().peekable();
    points
        .into_iter()
        .map(|p| line.start + p)
        .filter(|&p| {
            while link.next_if(|l| l.end <= p).is_some() {}
            link.peek().is_none_or(|l| p <= l.start)
        })
        .collect()
}

/// The URLs and e-mail addresses in the hard line `line` of `text`, as sorted, disjoint
/// byte ranges: those `linkify` finds (with a scheme, like `https://…`, or addresses
/// like `a@b.org`), and the words of the spans styled as a link's URL (`<…>` after a
/// Markdown link, which may be relative). Schemeless domains (`example.org/a-b`) are not
/// looked for: linkify's scan for them is quadratic on inputs like `a.b_a.b_…`.
fn links_in(text: &str, line: Range<usize>, styles: &[StyleSpan]) -> Vec<Range<usize>> {
    let Some(slice) = text.get(line.clone()) else {
        return Vec::new();
    };
    let mut links: Vec<Range<usize>> = LinkFinder::new()
        .links(slice)
        .map(|link| line.start + link.start()..line.start + link.end())
        .collect();
    // Sorted and disjoint, so their ends are sorted too: skip to the first that can
    // reach this line (a block may have many hard lines and many spans).
    let first = styles.partition_point(|s| s.range.end <= line.start);
    let spans = styles[first..]
        .iter()
        .take_while(|s| s.range.start < line.end);
    for span in spans.filter(|s| s.style.url) {
        let start = span.range.start.max(line.start);
        let end = span.range.end.min(line.end);
        let Some(url) = text.get(start..end) else {
            continue;
        };
        let base = url.as_ptr() as usize;
        links.extend(url.split_whitespace().map(|word| {
            let at = start + (word.as_ptr() as usize).wrapping_sub(base);
            at..at + word.len()
        }));
    }
    links.retain(|l| l.start < l.end);
    links.sort_unstable_by_key(|l| l.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(links.len());
    for link in links {
        match merged.last_mut() {
            Some(last) if link.start <= last.end => last.end = last.end.max(link.end),
            _ => merged.push(link),
        }
    }
    merged
}

#[cfg(test)]
mod tests;
