//! Parsing a large TOML briefing on several threads: the file is cut at its top-level
//! `[[sections]]` headers (found by a scanner that knows TOML strings, comments and
//! arrays, so a header quoted inside a body is never taken for one), and the pieces are
//! parsed and walked at once, every span shifted to count from the start of the whole
//! text. A TOML syntax error, or a piece with anything but `[[sections]]` at its top,
//! gives up and the caller parses the whole file as usual, so such errors are always
//! reported from the whole file. Must not depend on terminal crates.

use toml::Spanned;
use toml::de::DeTable;

use super::raw::{Layout, RawBriefing, RawProblem, RawSection, Walker};

/// Below this size, one thread parses faster than the split costs.
pub(super) const PARALLEL_FROM: usize = 4 * 1024 * 1024;

/// The sections of a piece after the first, and the problems met in them; `None` when
/// the piece does not parse or holds more than sections. `base` is where the piece
/// starts in `whole`, the text spans count from.
fn walk_piece(
    piece: &str,
    base: usize,
    whole: &str,
) -> Option<(Vec<Spanned<RawSection>>, Vec<RawProblem>)> {
    let mut table = DeTable::parse(piece).ok()?.into_inner();
    let sections = table.remove("sections")?;
    if !table.is_empty() {
        return None;
    }
    let mut walker = Walker::new(base, whole);
    let sections = walker.sections(sections);
    Some((sections, walker.problems))
}

/// Where the scanner is in the TOML text.
#[derive(PartialEq)]
enum State {
    Normal,
    Basic,
    Literal,
    MlBasic,
    MlLiteral,
}

/// Finds the lines that are a top-level `[[sections]]` header, one after the other, in
/// the bytes of a TOML text (which need not be valid UTF-8 past the headers asked for,
/// so that a file's head can be cut before the rest is checked).
pub(super) struct Headers<'a> {
    bytes: &'a [u8],
    at: usize,
    state: State,
    depth: i64,
    line_start: bool,
    /// The text is not shaped as expected (an unclosed string or bracket).
    odd: bool,
}

impl<'a> Headers<'a> {
    /// A scanner from the start of `bytes`.
    pub(super) fn new(bytes: &'a [u8]) -> Headers<'a> {
        Headers {
            bytes,
            at: 0,
            state: State::Normal,
            depth: 0,
            line_start: true,
            odd: false,
        }
    }

    /// Whether the whole text was scanned and ended as TOML should (no string or
    /// bracket left open).
    pub(super) fn ended_cleanly(&self) -> bool {
        !self.odd && self.at >= self.bytes.len() && self.state == State::Normal && self.depth == 0
    }

    /// The byte offset of the next header line; `None` at the end of the text, or as
    /// soon as the text is not shaped as expected.
    pub(super) fn next_header(&mut self) -> Option<usize> {
        let bytes = self.bytes;
        while self.at < bytes.len() && !self.odd {
            let i = self.at;
            let b = bytes[i];
            match self.state {
                State::Normal => {
                    if self.line_start && self.depth == 0 {
                        // A table header line: skip it whole (its brackets are not arrays).
                        let line_end =
                            memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                        let line = bytes[i..line_end].trim_ascii_start();
                        if line.starts_with(b"[") {
                            let head = line.split(|&c| c == b'#').next().unwrap_or(b"");
                            self.at = line_end;
                            self.line_start = false;
                            if head.trim_ascii_end() == b"[[sections]]" {
                                return Some(i);
                            }
                            continue;
                        }
                    }
                    self.line_start = false;
                    match b {
                        b'\n' => self.line_start = true,
                        b'#' => {
                            self.at =
                                memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                            continue;
                        }
                        b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                            self.state = State::MlBasic;
                            self.at += 3;
                            continue;
                        }
                        b'"' => self.state = State::Basic,
                        b'\'' if bytes[i..].starts_with(b"'''") => {
                            self.state = State::MlLiteral;
                            self.at += 3;
                            continue;
                        }
                        b'\'' => self.state = State::Literal,
                        b'[' => self.depth += 1,
                        b']' => {
                            self.depth -= 1;
                            if self.depth < 0 {
                                self.odd = true;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
                State::Basic => {
                    match b {
                        b'\\' => self.at += 1,
                        b'"' => self.state = State::Normal,
                        b'\n' => self.odd = true,
                        _ => {}
                    }
                    self.at += 1;
                }
                State::Literal => {
                    match b {
                        b'\'' => self.state = State::Normal,
                        b'\n' => self.odd = true,
                        _ => {}
                    }
                    self.at += 1;
                }
                State::MlBasic | State::MlLiteral => {
                    let quote = if self.state == State::MlBasic {
                        b'"'
                    } else {
                        b'\''
                    };
                    // Jump to the next quote or backslash.
                    let next = if self.state == State::MlBasic {
                        memchr::memchr2(b'"', b'\\', &bytes[i..])
                    } else {
                        memchr::memchr(b'\'', &bytes[i..])
                    };
                    let Some(n) = next else {
                        self.odd = true;
                        break;
                    };
                    let at = i + n;
                    if bytes[at] == b'\\' {
                        self.at = at + 2;
                        continue;
                    }
                    // A run of quotes: three of them close the string (up to two more may
                    // belong to its content).
                    let run = bytes[at..].iter().take_while(|&&c| c == quote).count();
                    if run >= 3 {
                        self.state = State::Normal;
                    }
                    self.at = at + run;
                }
            }
        }
        None
    }
}

/// Byte offsets of the lines that are a top-level `[[sections]]` header; `None` when
/// the text is not shaped as expected (an unclosed string or bracket).
pub(super) fn section_headers(text: &str) -> Option<Vec<usize>> {
    let mut scanner = Headers::new(text.as_bytes());
    let mut headers = Vec::new();
    while let Some(h) = scanner.next_header() {
        headers.push(h);
    }
    scanner.ended_cleanly().then_some(headers)
}

/// Parses `body` in `parts` pieces at once. `None` means: parse it the usual way.
pub(super) fn parse_parallel(body: &str, parts: usize) -> Option<RawBriefing> {
    if parts < 2 || body.len() < PARALLEL_FROM {
        return None;
    }
    let headers = section_headers(body)?;
    // Cut points: the headers closest after each equal share of the text.
    let mut cuts = Vec::new();
    for k in 1..parts {
        let target = body.len() * k / parts;
        let at = headers.partition_point(|&h| h < target);
        if let Some(&h) = headers.get(at)
            && cuts.last().is_none_or(|&c| h > c)
            && h > 0
        {
            cuts.push(h);
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut bounds = vec![0];
    bounds.extend(&cuts);
    bounds.push(body.len());
    let (first, rest) = std::thread::scope(|scope| {
        let rest: Vec<_> = bounds
            .windows(2)
            .skip(1)
            .map(|w| {
                let (start, piece) = (w[0], &body[w[0]..w[1]]);
                scope.spawn(move || walk_piece(piece, start, body))
            })
            .collect();
        let first = DeTable::parse(&body[..bounds[1]])
            .ok()
            .map(|root| Walker::new(0, body).briefing(root.into_inner(), Layout::Toml));
        let rest: Vec<_> = rest.into_iter().map(|h| h.join().ok().flatten()).collect();
        (first, rest)
    });
    let mut raw = first?;
    for piece in rest {
        let (sections, problems) = piece?;
        raw.sections.extend(sections);
        raw.problems.extend(problems);
    }
    Some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_inside_strings_and_comments_are_not_headers() {
        let text = "title = \"t\" # [[sections]]\nbody = \"\"\"\n[[sections]]\n\"\"\"\n[[sections]]\ntitle = 'a'\nx = '''\n[[sections]]\n'''\n  [[sections]]  # two\n";
        let headers = section_headers(text).unwrap_or_default();
        let lines: Vec<&str> = headers
            .iter()
            .map(|&h| text[h..].lines().next().unwrap_or(""))
            .collect();
        assert_eq!(lines, ["[[sections]]", "  [[sections]]  # two"]);
    }

    #[test]
    fn odd_shapes_give_up() {
        assert_eq!(section_headers("a = \"open\n"), None);
        assert_eq!(section_headers("a = [1,\n[[sections]]\n"), None);
        assert_eq!(section_headers("a = \"\"\"never closed\n"), None);
    }

    #[test]
    fn quotes_and_escapes_at_the_end_of_multi_line_strings() {
        let text = "a = \"\"\"x\\\"\"\"\"\"\n[[sections]]\nb = '''y'''''\n[[sections]]\n";
        assert_eq!(section_headers(text).map(|h| h.len()), Some(2));
    }

    /// A large briefing whose bodies hold lines that look like headers; `tail` ends it.
    fn large(tail: &str) -> String {
        let mut text = String::from("title = \"Large\"\n# [[sections]] in a comment\n");
        let mut i = 0;
        while text.len() < PARALLEL_FROM * 2 {
            text.push_str(&format!(
                "\n[[sections]]\nid = \"s{i}\"\ntitle = \"S {i}\"\nbody = \"\"\"\nLine one of {i}.\n[[sections]]\nnot a header \\\"\"\" still text\n\"\"\"\n"
            ));
            if i % 50 == 0 {
                text.push_str("\n[[sections.dates]]\nfrom = 2023-09-10\n");
            }
            i += 1;
        }
        text.push_str(tail);
        text
    }

    fn origin() -> crate::domain::briefing::Origin {
        crate::domain::briefing::Origin::File("l.toml".into())
    }

    /// Validates a raw briefing walked from `text` (spans and shared bodies count from
    /// its start).
    fn validate(
        raw: RawBriefing,
        text: &str,
    ) -> Result<crate::domain::load::Loaded, Vec<crate::domain::diag::Diagnostic>> {
        let source = std::sync::Arc::new(text.to_owned());
        let index = crate::domain::diag::LineIndex::new(text.as_bytes());
        let file = super::super::Checked {
            source: &source,
            index: &index,
            base: 0,
            version: String::new(),
        };
        super::super::validate_raw(raw, &file, origin(), Some("l".into()))
    }

    fn sequential(
        text: &str,
    ) -> Result<crate::domain::load::Loaded, Vec<crate::domain::diag::Diagnostic>> {
        let root = DeTable::parse(text).map_err(|_| Vec::new())?;
        let raw = Walker::new(0, text).briefing(root.into_inner(), Layout::Toml);
        validate(raw, text)
    }

    #[test]
    fn parsing_in_pieces_gives_the_same_briefing_with_the_same_positions() {
        let text =
            large("\n[[sections]]\ntitle = \"Last\"\nbody = \"with an \\\"escape\\\" [^x]\"\n");
        let raw = parse_parallel(&text, 3);
        assert!(raw.is_some(), "the text was not cut");
        let Some(raw) = raw else { return };
        let parallel = validate(raw, &text);
        let (a, b) = (
            parallel.err().unwrap_or_default(),
            sequential(&text).err().unwrap_or_default(),
        );
        // The unknown citation in the last piece is found at the same place both ways.
        assert_eq!(a, b);
        let line = text.lines().count() as u32;
        assert_eq!(
            a.first().map(|e| (e.line, e.column)),
            Some((Some(line), Some(28)))
        );
        let text = large("");
        let raw = parse_parallel(&text, 3);
        let parallel = raw.map(|raw| validate(raw, &text));
        let (Some(Ok(a)), Ok(b)) = (parallel, sequential(&text)) else {
            panic!("both must load");
        };
        assert_eq!(a.briefing, b.briefing);
        assert!(a.briefing.sections.len() > 1000);
    }

    #[test]
    fn unknown_keys_in_a_later_piece_are_found_in_the_piece() {
        let text = large("\n[[sections]]\ntitle = \"bad\"\nkynd = \"x\"\n");
        assert!(parse_parallel(&text, 3).is_some());
        let loaded =
            crate::domain::load::parse_briefing(text.as_bytes(), origin(), Some("l".into()));
        let errors = loaded.err().unwrap_or_default();
        let line = text.lines().count() as u32;
        assert_eq!(errors.first().and_then(|e| e.line), Some(line));
        assert!(errors[0].message.contains("unknown field `kynd`"));
    }

    #[test]
    fn a_syntax_error_in_a_later_piece_falls_back_to_the_whole_file() {
        let text = large("\n[[sections]]\ntitle = \"bad\nbody = 1\n");
        assert!(parse_parallel(&text, 3).is_none());
        let loaded =
            crate::domain::load::parse_briefing(text.as_bytes(), origin(), Some("l".into()));
        let errors = loaded.err().unwrap_or_default();
        let line = text.lines().count() as u32 - 1;
        assert_eq!(errors.first().and_then(|e| e.line), Some(line));
        assert!(errors[0].message.starts_with("invalid TOML"), "{errors:?}");
    }
}
