//! Loading briefing files: a bounded read, UTF-8 validation, TOML parsing and model
//! validation, each problem located as `file:line:column`. Must not depend on terminal
//! crates.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::briefing::{Briefing, Kind, Origin, Section, Source};
use super::date::{DateSpan, PartialDate};
use super::diag::{Diagnostic, LineIndex, Pos};
use super::hash::{content_hash, content_hash_parts};
use super::text::{is_slug, sanitize_line, slugify};

mod split;

/// The default size cap: 64 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Limits that protect the reader from hostile or mistaken input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this are refused before they are parsed.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// A briefing that loaded, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated briefing.
    pub briefing: Briefing,
    /// Problems that did not stop it loading (an unknown section kind…).
    pub warnings: Vec<Diagnostic>,
}

/// The file extensions brief reads as briefings.
pub const BRIEFING_EXTENSIONS: [&str; 1] = ["toml"];

/// Expands files and folders (recursively, in name order) into briefing files.
/// A folder symlink is not followed, so a loop can never trap the walk.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut problems),
            Ok(_) => files.push(path.clone()),
            Err(e) => problems.push(Diagnostic::error(
                path.display().to_string(),
                None,
                format!("cannot open: {}", io_words(&e)),
            )),
        }
    }
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Diagnostic::error(
                dir.display().to_string(),
                None,
                format!("cannot read folder: {}", io_words(&e)),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let Ok(link_meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link_meta.is_dir() {
            walk(&path, files, problems);
        } else if has_briefing_extension(&path) || is_markdown_briefing(&path) {
            files.push(path);
        }
    }
}

/// In a folder, a Markdown file is a briefing only when it opens with `+++` front
/// matter, so a README or notes beside the briefings are not mistaken for one. (A
/// Markdown file named on the command line is always read as a briefing.)
fn is_markdown_briefing(path: &Path) -> bool {
    if !super::load_md::is_markdown_path(path) {
        return false;
    }
    let mut head = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"+++"
}

fn has_briefing_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| BRIEFING_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Plain words for an I/O error, without the OS error number.
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a folder".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// Reads at most `max` bytes of a regular file. Anything else (a FIFO, a device such
/// as `/dev/zero`, a socket) is refused before it is opened, so it can never block or
/// fill memory; a file that grows past the cap while being read is refused too.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, Diagnostic> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(&name, None, format!("cannot open: {}", io_words(&e))))?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            &name,
            None,
            "not a regular file (a folder, device, FIFO or socket is never read as a briefing)",
        ));
    }
    if meta.len() > max {
        return Err(too_large(&name, meta.len(), max));
    }
    let file = File::open(path)
        .map_err(|e| Diagnostic::error(&name, None, format!("cannot open: {}", io_words(&e))))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(&name, None, format!("cannot read: {}", io_words(&e))))?;
    if bytes.len() as u64 > max {
        return Err(too_large(&name, bytes.len() as u64, max));
    }
    Ok(bytes)
}

fn too_large(name: &str, size: u64, max: u64) -> Diagnostic {
    Diagnostic::error(
        name,
        None,
        format!(
            "file is too large: {} is over the {} limit (config `max_file_bytes`)",
            human_bytes(size),
            human_bytes(max)
        ),
    )
}

/// `64 MiB`, `1.5 KiB`, `12 bytes`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut value = n as f64;
    let mut unit = "bytes";
    for u in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = u;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

/// Loads one briefing file from disk.
pub fn load_file(path: &Path, options: LoadOptions) -> Result<Loaded, Vec<Diagnostic>> {
    let bytes = read_bounded(path, options.max_file_bytes).map_err(|d| vec![d])?;
    let default_id = path.file_stem().and_then(|s| s.to_str()).map(slugify);
    let origin = Origin::File(path.to_path_buf());
    if super::load_md::is_markdown_path(path) {
        super::load_md::parse_markdown_briefing(&bytes, origin, default_id)
    } else {
        parse_briefing(&bytes, origin, default_id)
    }
}

/// The bytes as text, or an error at the first byte that is not UTF-8.
pub(crate) fn utf8_text<'a>(
    bytes: &'a [u8],
    name: &str,
    index: &LineIndex<'_>,
) -> Result<&'a str, Vec<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        vec![Diagnostic::error(
            name,
            Some(index.pos(e.valid_up_to())),
            "invalid UTF-8: briefings must be UTF-8 text",
        )]
    })
}

/// Parses and validates a briefing from bytes. `default_id` is used when the file sets
/// no `id` (normally a slug of the file stem).
pub fn parse_briefing(
    bytes: &[u8],
    origin: Origin,
    default_id: Option<String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let name = origin.display_name();
    let index = LineIndex::new(bytes);
    let text = utf8_text(bytes, &name, &index)?;
    // A byte order mark is harmless; skip it but keep positions in the original bytes.
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (3, rest),
        None => (0, text),
    };
    if body.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            &name,
            Some(Pos { line: 1, column: 1 }),
            "the file is empty: a briefing needs at least a `title`",
        )]);
    }
    // A large file is parsed on several threads when its shape allows it; otherwise,
    // and for every file with an error, the whole file is parsed as one.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if let Some(raw) = split::parse_parallel(body, threads) {
        return validate_raw(raw, bytes, bom, origin, default_id);
    }
    let raw: RawBriefing = toml::from_str(body).map_err(|e| {
        let start = e.span().map(|s| s.start);
        let pos = start.map(|s| index.pos(s + bom));
        let at = start.and_then(|s| body[s..].chars().next());
        vec![Diagnostic::error(&name, pos, toml_words(e.message(), at))]
    })?;
    validate_raw(raw, bytes, bom, origin, default_id)
}

/// Validates a briefing already parsed into its raw form, as [`parse_briefing`] does
/// after parsing. Every span in `raw` counts bytes from `base` in `bytes` (the file as
/// read), so that problems are reported at their line and column in the file; `bytes`
/// also gives the briefing's `version`. Used by the Markdown loader.
pub(crate) fn validate_raw(
    raw: RawBriefing,
    bytes: &[u8],
    base: usize,
    origin: Origin,
    default_id: Option<String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let name = origin.display_name();
    let index = LineIndex::new(bytes);
    let mut v = Validator {
        name: &name,
        index: &index,
        bom: base,
        problems: Vec::new(),
    };
    let briefing = v.briefing(raw, origin.clone(), default_id, bytes);
    let (errors, warnings): (Vec<_>, Vec<_>) = v.problems.into_iter().partition(|d| d.is_error());
    match briefing {
        Some(briefing) if errors.is_empty() => Ok(Loaded { briefing, warnings }),
        _ => {
            let mut all = errors;
            all.extend(warnings);
            Err(all)
        }
    }
}

/// TOML's own messages in plainer words. `at` is the character the error points at.
pub(crate) fn toml_words(message: &str, at: Option<char>) -> String {
    if let Some(c) = at.filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
        return format!(
            "raw control character U+{:04X} in the file: write it as an escape (\\u{:04x}) if it is meant",
            u32::from(c),
            u32::from(c)
        );
    }
    let message = message.trim().trim_end_matches('.');
    if message.contains("recursion") {
        return "nested too deeply: arrays or tables inside each other go past the limit".into();
    }
    let message = message
        .replace("expected a sequence", "expected a list")
        .replace("expected a map", "expected a table");
    if message.is_empty() {
        "invalid TOML".to_string()
    } else {
        format!("invalid TOML: {message}")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBriefing {
    pub(crate) title: Option<Spanned<String>>,
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) date: Option<Spanned<toml::Value>>,
    pub(crate) language: Option<Spanned<String>>,
    pub(crate) summary: Option<String>,
    pub(crate) classification: Option<String>,
    #[serde(default)]
    pub(crate) tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) sources: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub(crate) sections: Vec<Spanned<RawSection>>,
    /// When parsed in pieces: (first section of a piece, where the piece starts); the
    /// spans of a piece's sections count from its start.
    #[serde(skip)]
    pub(crate) section_bases: Vec<(usize, usize)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    name: Option<Spanned<String>>,
    url: Option<String>,
    accessed: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub(crate) title: Option<Spanned<String>>,
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) body: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) dates: Vec<Spanned<RawDate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDate {
    pub(crate) from: Option<Spanned<toml::Value>>,
    pub(crate) to: Option<Spanned<toml::Value>>,
    pub(crate) label: Option<String>,
    pub(crate) confidence: Option<Spanned<String>>,
}

struct Validator<'a> {
    name: &'a str,
    index: &'a LineIndex<'a>,
    bom: usize,
    problems: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn pos(&self, span: &std::ops::Range<usize>) -> Option<Pos> {
        Some(self.index.pos(span.start + self.bom))
    }

    fn error(&mut self, span: &std::ops::Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span);
        self.problems
            .push(Diagnostic::error(self.name, pos, message.into()));
    }

    fn warning(&mut self, span: &std::ops::Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span);
        self.problems
            .push(Diagnostic::warning(self.name, pos, message.into()));
    }

    fn briefing(
        &mut self,
        raw: RawBriefing,
        origin: Origin,
        default_id: Option<String>,
        bytes: &[u8],
    ) -> Option<Briefing> {
        let title = match raw.title {
            Some(t) => self.required_text(t, "the briefing's `title` is empty"),
            None => {
                self.problems.push(Diagnostic::error(
                    self.name,
                    Some(Pos { line: 1, column: 1 }),
                    "missing `title`: every briefing needs one",
                ));
                None
            }
        };
        let id_position = raw.id.as_ref().and_then(|id| self.pos(&id.span()));
        let id = match raw.id {
            Some(id) => {
                if is_slug(id.get_ref()) {
                    Some(id.into_inner())
                } else {
                    let msg = format!(
                        "malformed id `{}`: use lowercase letters, digits and single hyphens (e.g. `kim-putin-2023`)",
                        sanitize_line(id.get_ref())
                    );
                    self.error(&id.span(), msg);
                    None
                }
            }
            None => match default_id.filter(|d| !d.is_empty()) {
                Some(id) => Some(id),
                None => {
                    self.problems.push(Diagnostic::error(
                        self.name,
                        Some(Pos { line: 1, column: 1 }),
                        "no `id`, and none can be made from the file name: add `id = \"…\"`",
                    ));
                    None
                }
            },
        };
        if let Some(long) = id
            .as_ref()
            .filter(|id| id.len() > super::briefing::MAX_ID_LEN)
        {
            let at = id_position.or(Some(Pos { line: 1, column: 1 }));
            let msg = format!(
                "the id is {} characters long, over the limit of {}: set a shorter `id = \"…\"`",
                long.len(),
                super::briefing::MAX_ID_LEN
            );
            self.problems.push(Diagnostic::error(self.name, at, msg));
        }
        let date = raw.date.and_then(|d| self.date(d));
        let language = raw.language.and_then(|l| {
            if is_language_tag(l.get_ref()) {
                Some(l.into_inner())
            } else {
                let msg = format!(
                    "`{}` is not a language tag: use BCP 47, e.g. \"fr\", \"en\" or \"en-GB\"",
                    sanitize_line(l.get_ref())
                );
                self.error(&l.span(), msg);
                None
            }
        });
        let mut tags = Vec::new();
        for tag in raw.tags {
            let text = tag.get_ref().trim();
            if text.is_empty() {
                self.error(&tag.span(), "empty tag");
            } else if tags.iter().any(|t: &String| t == text) {
                let msg = format!("tag `{}` is listed twice", sanitize_line(text));
                self.warning(&tag.span(), msg);
            } else {
                tags.push(text.to_string());
            }
        }
        let sources = raw
            .sources
            .into_iter()
            .filter_map(|s| self.source(s))
            .collect();
        if raw.sections.is_empty() {
            self.problems.push(Diagnostic::warning(
                self.name,
                Some(Pos { line: 1, column: 1 }),
                "the briefing has no `[[sections]]`",
            ));
        }
        let mut seen: HashMap<String, Pos> = HashMap::new();
        let mut sections = Vec::with_capacity(raw.sections.len());
        let base = self.bom;
        for (i, raw_section) in raw.sections.into_iter().enumerate() {
            let piece = raw.section_bases.partition_point(|&(first, _)| first <= i);
            self.bom = base + piece.checked_sub(1).map_or(0, |p| raw.section_bases[p].1);
            if let Some(section) = self.section(raw_section, &mut seen) {
                sections.push(section);
            }
        }
        self.bom = base;
        Some(Briefing {
            id: id?,
            title: title?,
            date,
            language,
            summary: raw.summary.filter(|s| !s.trim().is_empty()),
            classification: raw.classification.filter(|s| !s.trim().is_empty()),
            tags,
            sources,
            sections,
            origin,
            version: content_hash(bytes),
            id_position,
            lines: super::briefing::FieldLines::default(),
        })
    }

    fn required_text(&mut self, value: Spanned<String>, empty: &str) -> Option<String> {
        if value.get_ref().trim().is_empty() {
            self.error(&value.span(), empty);
            None
        } else {
            Some(value.get_ref().trim().to_string())
        }
    }

    fn date(&mut self, value: Spanned<toml::Value>) -> Option<PartialDate> {
        let span = value.span();
        let parsed = match value.into_inner() {
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let date = PartialDate {
                        year: i16::try_from(d.year).ok(),
                        month: d.month,
                        day: Some(d.day),
                    };
                    date.validate().map(|()| date)
                }
                _ => Err("a date without a time is expected here (e.g. 2023-09-10)".to_string()),
            },
            toml::Value::String(s) => PartialDate::parse(&s),
            other => Err(format!(
                "a date is expected here, not {} (write 2023-09-10, \"2023-09\" or \"--09-10\")",
                other.type_str()
            )),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(&span, msg);
                None
            }
        }
    }

    fn source(&mut self, raw: Spanned<RawSource>) -> Option<Source> {
        let span = raw.span();
        let raw = raw.into_inner();
        let name = match raw.name {
            Some(n) => self.required_text(n, "the source's `name` is empty"),
            None => {
                self.error(&span, "a `[[sources]]` entry needs a `name`");
                None
            }
        };
        let accessed = raw.accessed.and_then(|d| self.date(d));
        Some(Source {
            name: name?,
            url: raw.url.filter(|u| !u.trim().is_empty()),
            accessed,
        })
    }

    fn section(
        &mut self,
        raw: Spanned<RawSection>,
        seen: &mut HashMap<String, Pos>,
    ) -> Option<Section> {
        let span = raw.span();
        let line = self.pos(&span).map_or(1, |p| p.line);
        let raw = raw.into_inner();
        let title = match raw.title {
            Some(t) => self.required_text(t, "the section's `title` is empty"),
            None => {
                self.error(&span, "a section needs a `title`");
                None
            }
        };
        let id = match raw.id {
            Some(id) => {
                if is_slug(id.get_ref()) {
                    let pos = self.pos(&id.span());
                    Some((id.into_inner(), pos))
                } else {
                    let msg = format!(
                        "malformed section id `{}`: use lowercase letters, digits and single hyphens",
                        sanitize_line(id.get_ref())
                    );
                    self.error(&id.span(), msg);
                    None
                }
            }
            None => match title.as_deref().map(slugify) {
                Some(slug) if !slug.is_empty() => Some((slug, self.pos(&span))),
                Some(_) => {
                    self.error(
                        &span,
                        "no section `id`, and none can be made from its title: add `id = \"…\"`",
                    );
                    None
                }
                None => None,
            },
        };
        if let Some((id, pos)) = &id {
            if let Some(first) = seen.get(id) {
                let msg = format!(
                    "duplicate section id `{id}`: already used on line {}",
                    first.line
                );
                self.problems.push(Diagnostic::error(self.name, *pos, msg));
            } else if let Some(pos) = pos {
                seen.insert(id.clone(), *pos);
            }
        }
        let kind = raw.kind.and_then(|k| {
            let slug = k.get_ref().trim();
            if !is_slug(slug) {
                let msg = format!(
                    "malformed kind `{}`: use a lowercase slug such as `challenges`",
                    sanitize_line(slug)
                );
                self.error(&k.span(), msg);
                return None;
            }
            let kind = Kind::new(slug);
            if !kind.is_known() {
                let known: Vec<&str> = super::briefing::KNOWN_KINDS.iter().map(|k| k.0).collect();
                let msg = format!(
                    "unknown section kind `{slug}` (accepted; the known kinds are {})",
                    known.join(", ")
                );
                self.warning(&k.span(), msg);
            }
            Some(kind)
        });
        let mut dates = Vec::new();
        for raw_date in raw.dates {
            if let Some(d) = self.date_span(raw_date) {
                dates.push(d);
            }
        }
        let title = title?;
        let (id, _) = id?;
        // The line where the body's text starts: a multi-line string's first line
        // break is not part of the text.
        let (body, body_line) = match raw.body {
            Some(b) => {
                let span = b.span();
                let line = self.pos(&span).map_or(line, |p| p.line);
                let opens_block = self
                    .index
                    .text_at(span.start + self.bom, 4)
                    .is_some_and(|t| t == b"\"\"\"\n" || t == b"'''\n");
                (b.into_inner(), line + u32::from(opens_block))
            }
            None => (String::new(), line),
        };
        let hash = content_hash_parts(&[&title, &body]);
        Some(Section {
            id,
            title,
            kind,
            body,
            body_line,
            dates,
            line,
            // Filled in with the title's own line by the loader's position pass.
            title_line: line,
            hash,
        })
    }

    fn date_span(&mut self, raw: Spanned<RawDate>) -> Option<DateSpan> {
        let span = raw.span();
        let raw = raw.into_inner();
        let Some(from_raw) = raw.from else {
            self.error(&span, "a `[[sections.dates]]` entry needs a `from` date");
            return None;
        };
        let to_span = raw.to.as_ref().map(|t| t.span());
        let from = self.date(from_raw);
        let to = raw.to.and_then(|t| self.date(t));
        if let (Some(f), Some(t), Some(to_span)) = (from, to, to_span) {
            match f.compare(&t) {
                Some(std::cmp::Ordering::Greater) => {
                    let msg = format!(
                        "the range runs backwards: `from` {} is after `to` {}",
                        f.to_iso(),
                        t.to_iso()
                    );
                    self.error(&to_span, msg);
                    return None;
                }
                None => {
                    self.error(
                        &to_span,
                        "`from` and `to` must both state the year, or both leave it out",
                    );
                    return None;
                }
                _ => {}
            }
        }
        let confidence = raw.confidence.and_then(|c| {
            if is_slug(c.get_ref()) {
                Some(c.into_inner())
            } else {
                let msg = format!(
                    "malformed confidence `{}`: use a lowercase word such as `reported`",
                    sanitize_line(c.get_ref())
                );
                self.error(&c.span(), msg);
                None
            }
        });
        Some(DateSpan {
            from: from?,
            to,
            label: raw.label.filter(|l| !l.trim().is_empty()),
            confidence,
        })
    }
}

/// A loose BCP 47 check: a 2–3 letter language, then subtags of 1–8 letters or digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(lang) = parts.next() else {
        return false;
    };
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests;
