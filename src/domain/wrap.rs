//! Wrapping display blocks to a width, keeping byte offsets into the block text so that
//! styles, search matches and annotations can be drawn on the wrapped lines.
//! Must not depend on terminal crates.

use std::ops::Range;

use textwrap::WordSeparator;
use unicode_segmentation::UnicodeSegmentation;

use super::markdown::{Block, BlockKind};
use crate::domain::text::display_width;

/// One wrapped line of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Whether this is the block's first line (drawn after `prefix_first`) or a following
    /// one (after `prefix_rest`).
    pub first: bool,
    /// The bytes of [`Block::text`] this line shows, without trailing spaces.
    pub range: Range<usize>,
}

/// Wraps a block to `width` columns, prefixes included.
///
/// Prose is broken first-fit at Unicode line-break opportunities (and after hyphens
/// inside words), never inside a grapheme cluster; a word wider than the line is broken
/// between graphemes. A `\n` always ends a line. Code blocks are never re-wrapped: a
/// code line wider than the width is cut between graphemes. Every line fits `width`
/// (prefix included) unless even one grapheme cannot, in which case that line holds
/// exactly one grapheme and overflows (the renderer clips). Always returns at least one
/// line; a block with empty text gives one line with an empty range.
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
            wrapper.prose_line(range.clone());
        }
        start = range.end + 1;
    }
    if wrapper.lines.is_empty() {
        wrapper.emit(0..0);
    }
    wrapper.lines
}

/// The blocks as plain wrapped text, for `brief show`: each line is its prefix and its
/// text (trailing spaces trimmed), blocks are separated by a blank line, and a thematic
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
            out.push('\n');
        }
    }
    out
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
        let first = self.lines.is_empty();
        self.lines.push(WrappedLine { first, range });
    }

    fn width_of(&self, range: Range<usize>) -> usize {
        self.text.get(range).map_or(0, display_width)
    }

    /// One line of a code block: cut between graphemes where it is too wide.
    fn code_line(&mut self, line: Range<usize>) {
        let mut emitted = false;
        let mut pos = line.start;
        while pos < line.end {
            let (end, _) = self.fit(pos, line.end);
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

    /// One hard line of prose, wrapped first-fit.
    fn prose_line(&mut self, line: Range<usize>) {
        let before = self.lines.len();
        let breaks = break_points(self.text, line.clone());
        let mut open: Option<Open> = None;
        // Whitespace starting the hard line (kept if it fits with the first word).
        let mut lead: Option<usize> = None;
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
            open = Some(self.place(lead.take(), piece_start, word_end));
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
    /// last piece becoming full lines.
    fn place(&mut self, lead: Option<usize>, start: usize, end: usize) -> Open {
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
            let (cut, width) = self.fit(pos, end);
            if cut >= end {
                return Open {
                    start: pos,
                    end,
                    width,
                };
            }
            let trimmed = pos + trimmed_len(self.text.get(pos..cut).unwrap_or_default());
            if trimmed > pos {
                self.emit(pos..trimmed);
            }
            pos = cut;
        }
    }

    /// The end of the longest run of whole graphemes from `start` (before `end`) that
    /// fits the line being filled, and the sum of their widths; at least one grapheme,
    /// so wrapping always advances.
    fn fit(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(slice) = self.text.get(start..end) else {
            return (end, 0);
        };
        let avail = self.avail();
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
/// they fall between grapheme clusters.
fn break_points(text: &str, line: Range<usize>) -> Vec<usize> {
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
    points.into_iter().map(|p| line.start + p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::markdown::render_markdown;
    use proptest::prelude::*;

    fn block(kind: BlockKind, first: &str, rest: &str, text: &str) -> Block {
        Block {
            kind,
            prefix_first: first.to_owned(),
            prefix_rest: rest.to_owned(),
            text: text.to_owned(),
            styles: Vec::new(),
        }
    }

    fn para(text: &str) -> Block {
        block(BlockKind::Paragraph, "", "", text)
    }

    /// The text of each wrapped line.
    fn lines(block: &Block, width: usize) -> Vec<String> {
        wrap_block(block, width)
            .into_iter()
            .map(|l| block.text[l.range].to_owned())
            .collect()
    }

    #[test]
    fn french_accented_text_wraps_on_words() {
        let b = para("La coopération militaire franco-allemande s’est renforcée après l’été.");
        assert_eq!(
            lines(&b, 20),
            vec![
                "La coopération",
                "militaire franco-",
                "allemande s’est",
                "renforcée après",
                "l’été.",
            ]
        );
        let wrapped = wrap_block(&b, 20);
        assert!(wrapped[0].first && wrapped.iter().skip(1).all(|l| !l.first));
    }

    #[test]
    fn hanging_indent_uses_the_rest_prefix() {
        let b = block(
            BlockKind::ListItem,
            "• ",
            "  ",
            "one two three four five six",
        );
        assert_eq!(lines(&b, 12), vec!["one two", "three four", "five six"]);
        assert_eq!(
            render_plain(&[b], 12),
            "• one two\n  three four\n  five six\n"
        );
    }

    #[test]
    fn cjk_counts_two_columns() {
        let b = para("東京の会議では防衛協力について議論した");
        let got = lines(&b, 10);
        assert_eq!(
            got,
            vec!["東京の会議", "では防衛協", "力について", "議論した"]
        );
        // An odd width cannot hold a half character.
        let got = lines(&b, 9);
        assert!(got.iter().all(|l| display_width(l) <= 9));
        assert_eq!(got[0], "東京の会");
    }

    #[test]
    fn combining_marks_take_no_column_and_are_never_split() {
        // "é" as e + U+0301, five times: five columns.
        let word = "e\u{301}".repeat(5);
        let b = para(&format!("{word} {word}"));
        assert_eq!(lines(&b, 11), vec![format!("{word} {word}")]);
        assert_eq!(lines(&b, 10), vec![word.clone(), word.clone()]);
        // Broken inside the word: between graphemes only.
        let got = lines(&para(&word), 2);
        assert_eq!(
            got,
            vec!["e\u{301}e\u{301}", "e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn a_long_word_is_broken_between_graphemes() {
        let word = "a".repeat(200);
        let b = block(
            BlockKind::ListItem,
            "• ",
            "  ",
            &format!("start {word} end"),
        );
        let got = lines(&b, 20);
        assert_eq!(got[0], "start");
        // 200 = 11 × 18 + 2: eleven full lines, then the rest joins the next word.
        assert_eq!(got.len(), 1 + 11 + 1);
        for line in &got[1..12] {
            assert_eq!(line, &"a".repeat(18));
        }
        assert_eq!(got[12], "aa end");
    }

    #[test]
    fn width_smaller_than_the_prefix_still_terminates() {
        let b = block(BlockKind::ListItem, "│ │ • ", "│ │   ", "ab 東");
        let got = lines(&b, 3);
        assert_eq!(got, vec!["a", "b", "東"]);
        assert_eq!(lines(&b, 0), vec!["a", "b", "東"]);
    }

    #[test]
    fn width_one_gives_one_grapheme_per_line() {
        let b = para("ab c東e\u{301}");
        assert_eq!(lines(&b, 1), vec!["a", "b", "c", "東", "e\u{301}"]);
    }

    #[test]
    fn hard_breaks_force_lines_and_are_excluded() {
        let b = para("first line  \nsecond\n\nfourth");
        let wrapped = wrap_block(&b, 40);
        let got: Vec<&str> = wrapped.iter().map(|l| &b.text[l.range.clone()]).collect();
        assert_eq!(got, vec!["first line", "second", "", "fourth"]);
        assert_eq!(wrapped[2].range, 20..20);
    }

    #[test]
    fn code_lines_are_cut_not_rewrapped() {
        let b = block(
            BlockKind::Code,
            "    ",
            "    ",
            "let a = 1;\n\n    nested(b, c);",
        );
        assert_eq!(lines(&b, 40), vec!["let a = 1;", "", "    nested(b, c);"]);
        // Too long: cut at the width, not at spaces.
        assert_eq!(
            lines(&b, 12),
            vec!["let a =", "1;", "", "    nest", "ed(b, c)", ";"]
        );
    }

    #[test]
    fn grapheme_clusters_ending_in_a_space_stay_whole() {
        // U+0600 is a prepended mark: it forms one cluster with the space after it.
        let b = para("ab\u{600} cd ef");
        assert_eq!(lines(&b, 6), vec!["ab\u{600} cd", "ef"]);
        assert_eq!(lines(&b, 4), vec!["ab\u{600} ", "cd", "ef"]);
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        let rule = block(BlockKind::Rule, "", "", "");
        assert_eq!(
            wrap_block(&rule, 30),
            vec![WrappedLine {
                first: true,
                range: 0..0
            }]
        );
        assert_eq!(wrap_block(&para("   "), 30).len(), 1);
    }

    #[test]
    fn plain_rendering() {
        let blocks = render_markdown(
            "Intro text here.\n\n- one item\n  - nested\n\n---\n\n> quoted words wrap\n\n```\ncode\n```\n",
        );
        assert_eq!(
            render_plain(&blocks, 14),
            "Intro text\nhere.\n\n• one item\n\n  ◦ nested\n\n──────────────\n\n│ quoted words\n│ wrap\n\n    code\n"
        );
        let rule = render_markdown("***");
        assert_eq!(render_plain(&rule, 100), format!("{}\n", "─".repeat(40)));
        assert_eq!(render_plain(&[], 80), "");
    }

    fn non_whitespace(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    fn check_wrap(block: &Block, width: usize) -> Result<(), TestCaseError> {
        let wrapped = wrap_block(block, width);
        prop_assert!(!wrapped.is_empty());
        let mut kept = String::new();
        let mut last_end = 0;
        for (index, line) in wrapped.iter().enumerate() {
            prop_assert_eq!(line.first, index == 0);
            prop_assert!(line.range.start >= last_end, "ranges out of order");
            prop_assert!(line.range.start <= line.range.end);
            let shown = block.text.get(line.range.clone());
            prop_assert!(shown.is_some(), "range off char boundaries");
            let shown = shown.unwrap_or_default();
            prop_assert!(!shown.contains('\n'));
            prop_assert!(
                shown
                    .graphemes(true)
                    .next_back()
                    .is_none_or(|g| !g.chars().all(char::is_whitespace)),
                "trailing whitespace kept in {:?}",
                shown
            );
            let prefix = if line.first {
                &block.prefix_first
            } else {
                &block.prefix_rest
            };
            let used = display_width(prefix) + display_width(shown);
            let single = shown.graphemes(true).count() <= 1;
            prop_assert!(
                used <= width || single,
                "line {:?} is {} columns, width {}",
                shown,
                used,
                width
            );
            kept.push_str(&non_whitespace(shown));
            last_end = line.range.end;
        }
        prop_assert_eq!(kept, non_whitespace(&block.text));
        Ok(())
    }

    fn kinds() -> impl Strategy<Value = BlockKind> {
        prop_oneof![
            Just(BlockKind::Paragraph),
            Just(BlockKind::ListItem),
            Just(BlockKind::Code)
        ]
    }

    fn prefixes() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            Just((String::new(), String::new())),
            Just(("• ".to_owned(), "  ".to_owned())),
            Just(("│ 10. ".to_owned(), "│     ".to_owned())),
            Just(("    ".to_owned(), "    ".to_owned())),
        ]
    }

    /// Words in several scripts, with spaces, hyphens and hard breaks.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z]{1,12}",
            "[àéèêëîïôùûüçœÀÉ’]{1,6}",
            "[东京の会議防衛协力한국어]{1,10}",
            "[😀🎉👍🏽🇫🇷]{1,3}",
            "[a-z][\u{300}-\u{36f}]{1,3}",
            "[a-z]{1,5}-[a-z]{1,5}",
            "[ ]{1,3}",
            Just("\n".to_owned()),
            "[a-z]{30,80}",
            "[.,;:!?()«»—]",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn wrapped_lines_fit_and_keep_every_word(
            text in texts(),
            width in 10usize..120,
            kind in kinds(),
            (first, rest) in prefixes(),
        ) {
            check_wrap(&block(kind, &first, &rest, &text), width)?;
        }

        #[test]
        fn arbitrary_text_fits_and_keeps_every_word(
            text in any::<String>(),
            width in 10usize..120,
            kind in kinds(),
            (first, rest) in prefixes(),
        ) {
            let clean = crate::domain::text::sanitize(&text);
            check_wrap(&block(kind, &first, &rest, &clean), width)?;
        }

        #[test]
        fn tiny_widths_terminate(text in texts(), width in 0usize..6, kind in kinds()) {
            let b = block(kind, "│ • ", "│   ", &text);
            let wrapped = wrap_block(&b, width);
            let kept: String = wrapped
                .iter()
                .map(|l| non_whitespace(b.text.get(l.range.clone()).unwrap_or_default()))
                .collect();
            prop_assert_eq!(kept, non_whitespace(&b.text));
        }

        #[test]
        fn rendered_markdown_wraps(source in any::<String>(), width in 0usize..100) {
            for b in render_markdown(&source) {
                if width >= 20 {
                    check_wrap(&b, width)?;
                } else {
                    prop_assert!(!wrap_block(&b, width).is_empty());
                }
            }
            let _ = render_plain(&render_markdown(&source), width);
        }
    }
}
