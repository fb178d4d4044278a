//! Loading briefings written in Markdown: TOML front matter between `+++` lines, then one
//! `## Heading {#id .kind}` per section. The file is turned into the same raw model as a
//! TOML briefing and checked by the same validator, with every problem located in the
//! `.md` file. Must not depend on terminal crates.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use toml::Spanned;

use super::briefing::Origin;
use super::diag::{Diagnostic, LineIndex, Pos, cap_repeated};
use super::hash::content_hash;
use super::load::raw::{Layout, RawBody, RawSection, Walker};
use super::load::{
    Checked, Loaded, RawBriefing, keep_source_if_worth, short_list, toml_words, utf8_source,
    validate_raw,
};
use super::text::{sanitize_line, slugify};

/// The file extension read as a Markdown briefing (compared without case).
pub const MARKDOWN_EXTENSIONS: [&str; 1] = ["md"];

/// Whether a path names a Markdown briefing (by its extension).
pub fn is_markdown_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The line that opens and closes the front matter.
const FENCE: &str = "+++";

/// A top-level `#` or `##` heading of the body, positions as byte offsets in the file.
struct Heading {
    level: HeadingLevel,
    /// The whole heading (both lines of a setext heading).
    range: Range<usize>,
    /// The heading's text, inline markup reduced to plain text.
    title: String,
    /// Where the text starts.
    title_at: usize,
    /// `{#id}`, with the offset of its `#`.
    id: Option<(String, usize)>,
    /// `{.class}` entries, with the offset of each `.`.
    classes: Vec<(String, usize)>,
    /// `{key=value}` entries: `marking` and `sources` are read, others refused.
    attrs: Vec<Attribute>,
}

/// A `key=value` heading attribute, with the offset of its key.
struct Attribute {
    key: String,
    value: Option<String>,
    at: usize,
}

/// Collects the problems found before validation, located in the file.
struct Problems<'a> {
    name: &'a str,
    index: &'a LineIndex<'a>,
    list: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn error(&mut self, at: usize, message: impl Into<String>) {
        let pos = Some(self.index.pos(at));
        self.list.push(Diagnostic::error(self.name, pos, message));
    }

    fn warning(&mut self, at: usize, message: impl Into<String>) {
        let pos = Some(self.index.pos(at));
        self.list.push(Diagnostic::warning(self.name, pos, message));
    }
}

/// Parses and validates a Markdown briefing from bytes. `default_id` is used when the
/// front matter sets no `id` (normally a slug of the file stem).
///
/// The file is: optional TOML front matter between two `+++` lines at the very top; an
/// optional `# Title` and introduction (the summary); then one section per top-level
/// `## Heading {#id .kind}`, whose body is the Markdown source up to the next `##`,
/// byte for byte, without the blank lines around it. The result is validated exactly
/// like a TOML briefing (see `docs/briefing-format.md`, "Markdown briefings"). The bytes
/// are copied once; [`parse_markdown_owned`] takes bytes already read instead.
pub fn parse_markdown_briefing(
    bytes: &[u8],
    origin: Origin,
    default_id: Option<String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    parse_markdown_owned(bytes.to_vec(), origin, default_id)
}

/// [`parse_markdown_briefing`] on bytes it takes, without copying them: every section
/// body is a range of the text read (see [`super::load::parse_briefing_owned`]).
pub fn parse_markdown_owned(
    bytes: Vec<u8>,
    origin: Origin,
    default_id: Option<String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let version = content_hash(&bytes);
    parse_markdown_with(bytes, origin, default_id, version)
}

/// [`parse_markdown_owned`] with the file's hash already made.
pub(crate) fn parse_markdown_with(
    bytes: Vec<u8>,
    origin: Origin,
    default_id: Option<String>,
    version: String,
) -> Result<Loaded, Vec<Diagnostic>> {
    let source = Arc::new(utf8_source(bytes, &origin.display_name())?);
    let loaded = parse_markdown_source(&source, origin, default_id, version, Scope::Whole)?;
    Ok(keep_source_if_worth(loaded, &source))
}

/// Whether a text is a whole file, or only its head (its first sections, cut before a
/// `##` heading): a head does not report what the rest of the file may resolve.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Whole,
    Head,
}

/// Parses a Markdown briefing whose text is `source`; every body is a range of it.
pub(crate) fn parse_markdown_source(
    source: &Arc<String>,
    origin: Origin,
    default_id: Option<String>,
    version: String,
    scope: Scope,
) -> Result<Loaded, Vec<Diagnostic>> {
    let name = origin.display_name();
    let text = source.as_str();
    let index = LineIndex::new(text.as_bytes());
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[bom..].trim().is_empty() {
        return Err(vec![Diagnostic::error(
            &name,
            Some(Pos { line: 1, column: 1 }),
            "the file is empty: a briefing needs at least a title (`# Title`)",
        )]);
    }
    let mut problems = Problems {
        name: &name,
        index: &index,
        list: Vec::new(),
    };
    let (front_range, body_start) = split_front_matter(text, bom)
        .map_err(|(at, message)| vec![Diagnostic::error(&name, Some(index.pos(at)), message)])?;
    // Spans given to the validator count from `base`: the front matter's first byte.
    let base = front_range.as_ref().map_or(bom, |r| r.start);
    let mut front: RawBriefing = match &front_range {
        Some(range) => {
            let source = &text[range.clone()];
            let root = toml::de::DeTable::parse(source).map_err(|e| {
                let start = e.span().map(|s| s.start);
                let pos = start.map(|s| index.pos(range.start + s));
                let at = start
                    .and_then(|s| source.get(s..))
                    .and_then(|t| t.chars().next());
                vec![Diagnostic::error(&name, pos, toml_words(e.message(), at))]
            })?;
            Walker::new(0, source).briefing(root.into_inner(), Layout::FrontMatter)
        }
        None => RawBriefing::default(),
    };
    let headings = top_headings(text, body_start);
    let first_section = headings
        .iter()
        .position(|h| h.level == HeadingLevel::H2)
        .unwrap_or(headings.len());
    let preamble_end = headings
        .get(first_section)
        .map_or(text.len(), |h| h.range.start);

    // The `# Title`: at most one, before the first section, without attributes.
    let mut title_heading: Option<&Heading> = None;
    for (i, heading) in headings.iter().enumerate() {
        if heading.level != HeadingLevel::H1 {
            continue;
        }
        if i > first_section {
            problems.error(
                heading.range.start,
                "a `#` heading among the sections: start a section with `##`, or use `###` for a heading inside one",
            );
        } else if title_heading.is_some() {
            problems.error(
                heading.range.start,
                "a second `#` title: a Markdown briefing has at most one `# Title`, before the first `##` section",
            );
        } else {
            if heading.id.is_some() || !heading.classes.is_empty() || !heading.attrs.is_empty() {
                problems.error(
                    heading.range.start,
                    "attributes on the `# Title` are not used: set `id` in the front matter",
                );
            }
            title_heading = Some(heading);
        }
    }

    let title = match (front.title.take(), title_heading) {
        (Some(t), Some(h)) => {
            if t.get_ref().trim() != h.title.trim() {
                problems.warning(
                    h.title_at,
                    format!(
                        "the `# {}` title differs from the front matter's `title`, which is used",
                        sanitize_line(h.title.trim())
                    ),
                );
            }
            Some(t)
        }
        (Some(t), None) => Some(t),
        (None, Some(h)) => Some(Spanned::new(rel(h.title_at, base), h.title.clone())),
        (None, None) => None,
    };

    // The summary: the front matter's, or the text before the first section.
    let pieces: [Range<usize>; 2] = match title_heading {
        Some(h) => [body_start..h.range.start, h.range.end..preamble_end],
        None => [body_start..preamble_end, preamble_end..preamble_end],
    };
    let intro: String = pieces.iter().filter_map(|r| text.get(r.clone())).collect();
    let intro_at = pieces
        .iter()
        .find_map(|r| first_text_offset(text, r.clone()));
    let summary = match (front.summary.take(), intro_at) {
        (Some(s), Some(at)) => {
            problems.error(
                at,
                "text before the first `##` section is the summary, but the front matter already sets `summary`: keep one of them",
            );
            Some(s)
        }
        (Some(s), None) => Some(s),
        (None, _) => {
            let (_, kept) = trim_blank_lines(&intro, 0..intro.len());
            let kept = kept.trim_end().to_string();
            // Spans of text written verbatim in the file are empty, at its first byte:
            // the start of the line of its first character.
            intro_at.filter(|_| !kept.is_empty()).map(|at| {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(body_start);
                Spanned::new(rel(line_start, base), kept)
            })
        }
    };

    // The sections.
    let mut sections = Vec::new();
    let mut effective_ids: HashMap<String, usize> = HashMap::new();
    let mut id_list: Vec<String> = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        if heading.level != HeadingLevel::H2 {
            continue;
        }
        let end = headings.get(i + 1).map_or(text.len(), |h| h.range.start);
        let (body_range, body) = trim_blank_lines(text, heading.range.end..end);
        let mut marking = None;
        let mut cited = Vec::new();
        for attr in &heading.attrs {
            match (attr.key.as_str(), &attr.value) {
                ("marking", Some(value)) => {
                    marking = Some(Spanned::new(rel(attr.at, base), value.clone()));
                }
                ("sources", Some(value)) => {
                    let mut at = attr.at + "sources=".len();
                    for id in value.split(',') {
                        if !id.is_empty() {
                            cited.push(Spanned::new(rel(at, base), id.to_string()));
                        }
                        at += id.len() + 1;
                    }
                }
                _ => {
                    let shown = match &attr.value {
                        Some(v) => format!("{}={v}", attr.key),
                        None => attr.key.clone(),
                    };
                    problems.error(
                        heading.range.start,
                        format!(
                            "heading attribute `{}` is not supported: use `{{#id .kind marking=S sources=a,b}}`, or write `\\{{` for a literal brace",
                            sanitize_line(&shown)
                        ),
                    );
                }
            }
        }
        let kind = match heading.classes.as_slice() {
            [] => None,
            [(kind, at)] => Some(Spanned::new(rel(*at, base), kind.clone())),
            [_, (_, at), ..] => {
                let all: Vec<String> = heading
                    .classes
                    .iter()
                    .map(|(c, _)| format!(".{c}"))
                    .collect();
                problems.error(
                    *at,
                    format!(
                        "several classes `{}` on one heading: a section has at most one `.kind`",
                        sanitize_line(&all.join(" "))
                    ),
                );
                None
            }
        };
        let effective = match &heading.id {
            Some((id, _)) => id.clone(),
            None => slugify(heading.title.trim()),
        };
        effective_ids
            .entry(effective.clone())
            .or_insert(sections.len());
        id_list.push(effective);
        sections.push(Spanned::new(
            rel(heading.range.start, base),
            RawSection {
                title: Some(Spanned::new(
                    rel(heading.title_at, base),
                    heading.title.clone(),
                )),
                id: heading
                    .id
                    .as_ref()
                    .map(|(id, at)| Spanned::new(rel(*at, base), id.clone())),
                kind,
                body: (!body.is_empty()).then(|| {
                    let shared =
                        body_range.start.saturating_sub(base)..body_range.end.saturating_sub(base);
                    Spanned::new(rel(body_range.start, base), RawBody::Shared(shared))
                }),
                dates: Vec::new(),
                sources: cited,
                marking,
            },
        ));
    }

    // The front matter's `[[dates]]`, each moved to its section. The list of ids a
    // message gives stays short however many sections there are.
    let known = if id_list.is_empty() {
        "there are no sections".to_string()
    } else {
        format!(
            "the section ids are {}",
            short_list(id_list.iter().map(String::as_str))
        )
    };
    for entry in std::mem::take(&mut front.front_dates) {
        let span = entry.span();
        let date = entry.into_inner();
        let Some(section) = date.section else {
            problems.error(
                base + span.start,
                "a `[[dates]]` entry needs `section = \"…\"`: the id of the section it belongs to",
            );
            continue;
        };
        let Some(&target) = effective_ids.get(section.get_ref()) else {
            if scope == Scope::Head {
                // The section may be further on, past the head.
                continue;
            }
            problems.error(
                base + section.span().start,
                format!(
                    "no section has the id `{}` ({known})",
                    sanitize_line(section.get_ref())
                ),
            );
            continue;
        };
        if let Some(s) = sections.get_mut(target) {
            s.get_mut().dates.push(Spanned::new(span, date.date));
        }
    }

    let raw = RawBriefing {
        title,
        summary,
        sections,
        ..front
    };
    let file = Checked {
        source,
        index: &index,
        base,
        version,
    };
    let validated = validate_raw(raw, &file, origin, default_id);
    let mut found = problems.list;
    match validated {
        Ok(mut loaded) if !found.iter().any(Diagnostic::is_error) => {
            found.extend(loaded.warnings);
            loaded.warnings = in_markdown_words(found);
            Ok(loaded)
        }
        Ok(loaded) => {
            found.extend(loaded.warnings);
            Err(in_markdown_words(found))
        }
        Err(more) => {
            found.extend(more);
            Err(in_markdown_words(found))
        }
    }
}

/// Where the body starts after the front matter, in bytes that may not be valid UTF-8
/// past it: 0 without front matter; `None` when the front matter is not closed or is
/// not TOML (the whole parse reports it).
pub(crate) fn front_matter_end(bytes: &[u8]) -> Option<usize> {
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let first = lines.next()?;
    if first.trim_ascii_end() != FENCE.as_bytes() {
        return (first.trim_ascii_end() != b"---").then_some(0);
    }
    let mut at = first.len();
    for line in lines {
        at += line.len();
        if line.trim_ascii_end() == FENCE.as_bytes() {
            return Some(at);
        }
    }
    None
}

/// The offsets of the lines from `from` on that may open a section: `##` at the start
/// of the line, then a space, a tab or the end of the line, outside the fenced code
/// blocks that start at the margin (other blocks that hide a heading, such as HTML
/// blocks, are told apart by [`opens_section_at`]).
pub(crate) fn h2_lines(bytes: &[u8], from: usize) -> impl Iterator<Item = usize> + '_ {
    let starts = std::iter::once(from).chain(
        memchr::memchr_iter(b'\n', bytes.get(from..).unwrap_or_default())
            .map(move |n| from + n + 1),
    );
    // The open fence: its character and length.
    let mut fence: Option<(u8, usize)> = None;
    starts.filter(move |&at| {
        let line = bytes.get(at..).unwrap_or_default();
        let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let marks = |c: u8| line.iter().skip(indent).take_while(|&&b| b == c).count();
        if indent <= 3 {
            for c in [b'`', b'~'] {
                let n = marks(c);
                if n < 3 {
                    continue;
                }
                let after = &line[indent + n..];
                match fence {
                    Some((open, len)) if open == c && n >= len && after.trim_ascii().is_empty() => {
                        fence = None;
                    }
                    None if c == b'~' || !after.contains(&b'`') => fence = Some((c, n)),
                    _ => {}
                }
                return false;
            }
        }
        fence.is_none()
            && line.starts_with(b"##")
            && line
                .get(2)
                .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r'))
    })
}

/// Whether the line at `cut`, the last line of `text`, is a top-level `##` heading of
/// the briefing (not a line of a code block, an HTML block or the front matter), and
/// whether any heading before it holds a `[` (a link whose definition may come later).
/// `None` when the front matter does not parse as the whole file's would.
pub(crate) fn opens_section_at(text: &str, cut: usize) -> Option<(bool, bool)> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (_, body_start) = split_front_matter(text, bom).ok()?;
    if cut <= body_start {
        return Some((false, false));
    }
    let headings = top_headings(text, body_start);
    let opens = headings
        .last()
        .is_some_and(|h| h.level == HeadingLevel::H2 && h.range.start == cut);
    let brackets = headings
        .iter()
        .filter(|h| h.range.start < cut)
        .any(|h| text.get(h.range.clone()).is_some_and(|t| t.contains('[')));
    Some((opens, brackets))
}

/// A byte offset of the file as a span for the validator, which adds `base` back.
fn rel(at: usize, base: usize) -> Range<usize> {
    let at = at.saturating_sub(base);
    at..at
}

/// Where the front matter's TOML text is (none when the file has no front matter), and
/// where the body starts.
type Split = (Option<Range<usize>>, usize);

/// Finds the front matter: `Ok((Some(range of the TOML text), body start))`, or
/// `Ok((None, start))` when the file has none. An error is an offset and a message.
fn split_front_matter(text: &str, start: usize) -> Result<Split, (usize, String)> {
    let mut lines = lines_from(text, start);
    let Some((first, first_end)) = lines.next() else {
        return Ok((None, start));
    };
    let first_line = text[first..first_end].trim_end();
    if first_line == "---" {
        return Err((
            first,
            "YAML front matter (`---`) is not supported: write the front matter in TOML between two `+++` lines"
                .to_string(),
        ));
    }
    if first_line != FENCE {
        return Ok((None, start));
    }
    for (line_start, line_end) in lines {
        if text[line_start..line_end].trim_end() == FENCE {
            return Ok((Some(first_end..line_start), line_end));
        }
    }
    Err((
        first,
        "the front matter is never closed: end it with a line `+++`".to_string(),
    ))
}

/// The lines of `text` from `start`: (first byte, byte after the line break).
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let rest = text.get(start..).unwrap_or("");
    rest.split_inclusive('\n').scan(start, |at, line| {
        let begin = *at;
        *at += line.len();
        Some((begin, *at))
    })
}

/// The offset of the first non-blank character in `range`, if any.
fn first_text_offset(text: &str, range: Range<usize>) -> Option<usize> {
    let piece = text.get(range.clone())?;
    piece
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| range.start + i)
}

/// The part of `range` from the start of its first non-blank line to the end of its last
/// non-blank line (line break included), and that text. Blank lines hold only spaces
/// and tabs.
fn trim_blank_lines(text: &str, range: Range<usize>) -> (Range<usize>, &str) {
    let blank = |r: &(usize, usize)| text.get(r.0..r.1).is_none_or(|l| l.trim().is_empty());
    let lines: Vec<(usize, usize)> = lines_from(text, range.start)
        .take_while(|(s, _)| *s < range.end)
        .map(|(s, e)| (s, e.min(range.end)))
        .collect();
    let first = lines.iter().find(|r| !blank(r));
    let last = lines.iter().rev().find(|r| !blank(r));
    match (first, last) {
        (Some(first), Some(last)) => {
            let r = first.0..last.1;
            (r.clone(), text.get(r).unwrap_or(""))
        }
        _ => (range.start..range.start, ""),
    }
}

/// The top-level `#` and `##` headings of the body (not those inside lists or quotes),
/// in order.
fn top_headings(text: &str, body_start: usize) -> Vec<Heading> {
    let body = text.get(body_start..).unwrap_or("");
    let mut headings = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Heading> = None;
    for (event, range) in
        Parser::new_ext(body, Options::ENABLE_HEADING_ATTRIBUTES).into_offset_iter()
    {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if depth == 0 && matches!(level, HeadingLevel::H1 | HeadingLevel::H2) {
                    let source = text.get(range.clone()).unwrap_or("");
                    let brace = source.rfind('{').unwrap_or(source.len());
                    let locate = |prefix: char, name: &str| {
                        let needle = format!("{prefix}{name}");
                        source
                            .get(brace..)
                            .and_then(|tail| tail.find(&needle))
                            .map_or(range.start, |i| range.start + brace + i)
                    };
                    current = Some(Heading {
                        level,
                        range: range.clone(),
                        title: String::new(),
                        title_at: range.start + heading_text_offset(source),
                        id: id.map(|id| (id.to_string(), locate('#', &id))),
                        classes: classes
                            .iter()
                            .map(|c| (c.to_string(), locate('.', c)))
                            .collect(),
                        attrs: attrs
                            .iter()
                            .map(|(k, v)| Attribute {
                                key: k.to_string(),
                                value: v.as_ref().map(ToString::to_string),
                                at: locate_attr(source, brace, range.start, k),
                            })
                            .collect(),
                    });
                }
                depth += 1;
            }
            Event::End(TagEnd::Heading(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(mut heading) = current.take()
                {
                    heading.title = heading.title.trim().to_string();
                    headings.push(heading);
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                if let Some(h) = current.as_mut() {
                    h.title.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = current.as_mut() {
                    h.title.push(' ');
                }
            }
            _ => {}
        }
    }
    headings
}

/// The offset of the attribute `key=` (or `key`) in a heading's `{…}`, or the heading's
/// start.
fn locate_attr(source: &str, brace: usize, start: usize, key: &str) -> usize {
    source
        .get(brace..)
        .and_then(|tail| {
            tail.match_indices(key).find_map(|(i, _)| {
                let before = tail.get(..i)?.chars().last()?;
                (before == '{' || before.is_whitespace()).then_some(i)
            })
        })
        .map_or(start, |i| start + brace + i)
}

/// Where a heading's text starts in its source: after `#`s and spaces (ATX), or at the
/// first non-blank character (setext).
fn heading_text_offset(source: &str) -> usize {
    let indent = source.len() - source.trim_start_matches(' ').len();
    let rest = &source[indent..];
    if rest.starts_with('#') {
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let after = &rest[hashes..];
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        indent + hashes + spaces
    } else {
        indent
    }
}

/// The validator speaks of TOML tables; say the same things in Markdown terms.
fn in_markdown_words(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for p in &mut problems {
        let replacement = match p.message.as_str() {
            "missing `title`: every briefing needs one" => {
                "missing title: write a `# Title` line, or `title = \"…\"` in the front matter"
            }
            "the briefing has no `[[sections]]`" => {
                "the briefing has no sections: start each one with a `## Heading`"
            }
            _ => continue,
        };
        p.message = replacement.to_string();
    }
    // Errors first, then warnings, each in file order; a flood of one mistake is
    // summarised.
    problems.sort_by_key(|p| (!p.is_error(), p.line, p.column));
    cap_repeated(problems)
}

#[cfg(test)]
mod tests;
