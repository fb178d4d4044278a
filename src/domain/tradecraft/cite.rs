//! What a text says about its own sourcing and marking: inline citations written as
//! footnote markers (`[^nyt]`), and portion marks at the start of paragraphs (`(S)`,
//! `(U//FOUO)`). Positions are byte ranges of the text. Must not depend on terminal
//! crates.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::grade::Grade;
use super::marking::{Marking, portion_at_start};

/// The longest source id read in a citation marker.
const MAX_ID: usize = 100;

/// An inline citation: `[^nyt]` in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InlineCitation {
    /// The source id as written (the loader refuses one no source has).
    pub source: String,
    /// The marker, `[^nyt]`, in bytes of the text.
    pub range: Range<usize>,
}

/// A portion mark: `(S)` at the start of a paragraph, list item or heading.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Portion {
    /// The marking.
    pub marking: Marking,
    /// The mark itself, `(S)`, in bytes of the text.
    pub range: Range<usize>,
    /// The paragraph (or list item, or heading) it marks, in bytes of the text.
    pub paragraph: Range<usize>,
}

/// How a citation is shown beside the passage that makes it: the source's id in
/// capitals, then its grade (`NYT B2`); the id alone when the source is not graded
/// (`NYT`). The reader and `brief show` use it.
pub fn citation_label(source_id: &str, grade: Grade) -> String {
    let id = source_id.to_uppercase();
    if grade.is_empty() {
        id
    } else {
        format!("{id} {}", grade.label())
    }
}

/// Byte ranges of code (spans and blocks) in a CommonMark text: markers there are text.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Code(_)
            | Event::Start(Tag::CodeBlock(_))
            | Event::Html(_)
            | Event::InlineHtml(_) => {
                ranges.push(range);
            }
            _ => {}
        }
    }
    ranges
}

/// Every inline citation in a CommonMark text, in order: `[^` then an id (no space, no
/// bracket, at most 100 bytes) then `]`. Markers in code, or written `\[^x]`, are text.
pub fn find_citations(text: &str) -> Vec<InlineCitation> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"[^") {
        if at > 0 && bytes[at - 1] == b'\\' {
            continue;
        }
        let id_start = at + 2;
        let rest = &bytes[id_start..];
        let Some(len) = rest
            .iter()
            .take(MAX_ID + 1)
            .position(|&b| b == b']' || b == b'[' || b.is_ascii_whitespace())
        else {
            continue;
        };
        if len == 0 || rest[len] != b']' {
            continue;
        }
        let Some(id) = text.get(id_start..id_start + len) else {
            continue;
        };
        found.push(InlineCitation {
            source: id.to_string(),
            range: at..id_start + len + 1,
        });
    }
    if !found.is_empty() {
        let code = code_ranges(text);
        if !code.is_empty() {
            found.retain(|c| {
                !code
                    .iter()
                    .any(|r| r.start <= c.range.start && c.range.end <= r.end)
            });
        }
    }
    found
}

/// Every portion mark in a CommonMark text, in order: a mark that opens a paragraph, a
/// list item or a heading (see [`portion_at_start`]); not one in the middle of a
/// sentence, in code or after emphasis.
pub fn find_portions(text: &str) -> Vec<Portion> {
    // Most texts hold nothing like `(S)` or `(TS//` at all: no need to parse them.
    let bytes = text.as_bytes();
    let maybe = memchr::memchr_iter(b'(', bytes).any(|i| {
        let after = bytes.get(i + 1..).unwrap_or_default();
        let code = if after.starts_with(b"TS") { 2 } else { 1 };
        matches!(after.first(), Some(b'U' | b'C' | b'S' | b'T'))
            && matches!(after.get(code), Some(b')' | b'/'))
    });
    if !maybe {
        return Vec::new();
    }
    let mut found = Vec::new();
    // The block whose first text is awaited.
    let mut pending: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. }) => {
                pending = Some(range);
            }
            Event::Text(_) => {
                if let Some(paragraph) = pending.take()
                    && let Some((marking, len)) = text.get(range.start..).and_then(portion_at_start)
                {
                    found.push(Portion {
                        marking,
                        range: range.start..range.start + len,
                        paragraph,
                    });
                }
            }
            _ => pending = None,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_labels_carry_the_grade() {
        use super::super::grade::{Credibility, Reliability};
        let b2 = Grade {
            reliability: Reliability::parse("B"),
            credibility: Credibility::from_number(2),
        };
        assert_eq!(citation_label("nyt", b2), "NYT B2");
        assert_eq!(citation_label("kcna-2023", Grade::default()), "KCNA-2023");
    }

    #[test]
    fn citations_are_found_outside_code() {
        let text = "Kim may travel [^nyt][^kcna]. Not `[^code]`, not \\[^esc], not [^ x] or [^].\n\n```\n[^block]\n```\n";
        let ids: Vec<(String, &str)> = find_citations(text)
            .into_iter()
            .map(|c| (c.source, &text[c.range]))
            .collect();
        assert_eq!(
            ids,
            [
                ("nyt".to_string(), "[^nyt]"),
                ("kcna".to_string(), "[^kcna]")
            ]
        );
    }

    #[test]
    fn portion_marks_open_paragraphs_items_and_headings() {
        let text = "(S) A secret paragraph.\n\n(U//FOUO) Another\non two lines.\n\n- (C) an item\n- plain (S) item\n\n### (TS) Heading\n\n*(S)* emphasised\n\n`(S)` code\n";
        let found: Vec<(String, &str)> = find_portions(text)
            .into_iter()
            .map(|p| (p.marking.code(), &text[p.paragraph]))
            .collect();
        assert_eq!(
            found,
            [
                ("S".to_string(), "(S) A secret paragraph.\n"),
                ("U//FOUO".to_string(), "(U//FOUO) Another\non two lines.\n"),
                ("C".to_string(), "- (C) an item\n"),
                ("TS".to_string(), "### (TS) Heading\n"),
            ]
        );
        assert!(find_portions("No marks (here).").is_empty());
    }
}
