//! Where the text of a TOML string is in its file, character by character: the string's
//! source is walked beside its value, and every escape or line continuation, where the
//! two part ways, becomes a jump of the [`TextOrigin`]. Linear in the string. Must not
//! depend on terminal crates.

use std::ops::Range;

use crate::domain::briefing::TextOrigin;
use crate::domain::diag::{LineIndex, Pos};

/// The origin of `value`, a string written at `span` of `file` (its quotes included;
/// spans count bytes of `file`). A value that is not a TOML string there (a Markdown
/// text, whose span is empty) is taken as written verbatim from `span.start`. Should the
/// source and the value ever disagree in a way this does not understand, the origin
/// keeps its start and no jumps, so positions stay close.
pub(crate) fn string_origin(
    file: &[u8],
    span: Range<usize>,
    value: &str,
    index: &LineIndex<'_>,
) -> TextOrigin {
    let Some(raw) = file
        .get(span.clone())
        .and_then(|r| std::str::from_utf8(r).ok())
    else {
        let p = index.pos(span.start);
        return TextOrigin::verbatim(p.line, p.column);
    };
    let (open, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        let p = index.pos(span.start);
        return TextOrigin::verbatim(p.line, p.column);
    };
    let Some(mut content) = raw.get(open..raw.len().saturating_sub(open)) else {
        let p = index.pos(span.start);
        return TextOrigin::verbatim(p.line, p.column);
    };
    let mut start = span.start + open;
    // A line break right after the opening quotes of a multi-line string is not text.
    if open == 3 {
        for newline in ["\r\n", "\n"] {
            if let Some(rest) = content.strip_prefix(newline) {
                content = rest;
                start += newline.len();
                break;
            }
        }
    }
    let first = index.pos(start);
    let mut origin = TextOrigin::verbatim(first.line, first.column);
    if content == value {
        return origin;
    }
    match walk(content, value, basic, first) {
        Some(jumps) => origin.jumps = jumps,
        None => origin.jumps.clear(),
    }
    origin
}

/// Walks the source of a string (`content`, between its quotes) beside its value; the
/// jumps, or `None` when they disagree.
fn walk(content: &str, value: &str, basic: bool, first: Pos) -> Option<Vec<(usize, u32, u32)>> {
    let mut jumps = Vec::new();
    let mut pos = first;
    let mut d = 0usize;
    let mut chars = content.char_indices().peekable();
    let advance = |pos: &mut Pos, c: char| {
        if c == '\n' {
            pos.line = pos.line.saturating_add(1);
            pos.column = 1;
        } else {
            pos.column = pos.column.saturating_add(1);
        }
    };
    while let Some((_, c)) = chars.next() {
        if basic && c == '\\' {
            advance(&mut pos, c);
            let (_, e) = chars.next()?;
            advance(&mut pos, e);
            let produced: Option<char> = match e {
                'b' => Some('\u{8}'),
                't' => Some('\t'),
                'n' => Some('\n'),
                'f' => Some('\u{c}'),
                'r' => Some('\r'),
                'e' => Some('\u{1b}'),
                '"' => Some('"'),
                '\\' => Some('\\'),
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let mut code = 0u32;
                    for _ in 0..n {
                        let (_, h) = chars.next()?;
                        advance(&mut pos, h);
                        code = code.checked_mul(16)?.checked_add(h.to_digit(16)?)?;
                    }
                    Some(char::from_u32(code)?)
                }
                // A line-ending backslash: whitespace and line breaks up to the next
                // character vanish.
                ' ' | '\t' | '\r' | '\n' => {
                    while let Some(&(_, w)) = chars.peek() {
                        if !matches!(w, ' ' | '\t' | '\r' | '\n') {
                            break;
                        }
                        advance(&mut pos, w);
                        chars.next();
                    }
                    None
                }
                _ => return None,
            };
            if let Some(p) = produced {
                if !value.get(d..)?.starts_with(p) {
                    return None;
                }
                d += p.len_utf8();
            }
            jumps.push((d, pos.line, pos.column));
            continue;
        }
        if value.get(d..)?.starts_with(c) {
            d += c.len_utf8();
            advance(&mut pos, c);
        } else if c == '\r' && value.get(d..)?.starts_with('\n') {
            // CR LF read as LF: the CR has no counterpart.
            pos.column = pos.column.saturating_add(1);
            jumps.push((d, pos.line, pos.column));
        } else {
            return None;
        }
    }
    (d == value.len()).then_some(jumps)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file positions of every byte of the value of `key = …` on the first line.
    fn positions(file: &str, value: &str) -> Vec<(u32, u32)> {
        let index = LineIndex::new(file.as_bytes());
        let start = file.find('=').map_or(0, |i| i + 2);
        let end = file.trim_end().len();
        let origin = string_origin(file.as_bytes(), start..end, value, &index);
        let mut cursor = origin.cursor(value);
        value
            .char_indices()
            .map(|(i, _)| {
                let p = cursor.pos(i);
                (p.line, p.column)
            })
            .collect()
    }

    #[test]
    fn escapes_and_continuations_are_followed() {
        let file = "s = \"\"\"\nA\\tB \\\n   C\\u00e9\r\nD\"\"\"";
        let value = "A\tB C\u{e9}\nD";
        let found = positions(file, value);
        assert_eq!(found[0], (2, 1), "A");
        assert_eq!(found[1], (2, 2), "tab");
        assert_eq!(found[2], (2, 4), "B");
        assert_eq!(found[4], (3, 4), "C");
        assert_eq!(found[5], (3, 5), "é");
        assert_eq!(found[7], (4, 1), "D");
    }

    #[test]
    fn verbatim_strings_need_no_jumps() {
        let file = "s = '''\nfirst\nsecond'''";
        let index = LineIndex::new(file.as_bytes());
        let origin = string_origin(file.as_bytes(), 4..file.len(), "first\nsecond", &index);
        assert_eq!(origin, TextOrigin::verbatim(2, 1));
        assert_eq!(origin.pos("first\nsecond", 8), Pos { line: 3, column: 3 });
        let file = "s = \"one line\"";
        let index = LineIndex::new(file.as_bytes());
        let origin = string_origin(file.as_bytes(), 4..file.len(), "one line", &index);
        assert_eq!(origin, TextOrigin::verbatim(1, 6));
    }
}
