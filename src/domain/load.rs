//! Loading briefing files: a bounded read, UTF-8 validation, TOML parsing and model
//! validation, each problem located as `file:line:column`. Must not depend on terminal
//! crates.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use super::briefing::{Briefing, Origin};
use super::diag::{Diagnostic, LineIndex, Pos, cap_repeated};
use super::hash::content_hash;
use super::text::slugify;

mod head;
mod origin;
pub(crate) mod raw;
mod split;
mod validate;

pub use head::{HEAD_BYTES, HEAD_FROM, HEAD_SECTIONS, HeadParse, Rest, load_head, parse_head};

pub(crate) use raw::RawBriefing;
use raw::{Layout, Walker};
use validate::Validator;
#[cfg(test)]
use validate::is_language_tag;
pub(crate) use validate::short_list;

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

/// Loads one briefing file from disk. The bodies written verbatim in the file are
/// ranges of the text read (see [`parse_briefing_owned`]), never copies.
pub fn load_file(path: &Path, options: LoadOptions) -> Result<Loaded, Vec<Diagnostic>> {
    let bytes = read_bounded(path, options.max_file_bytes).map_err(|d| vec![d])?;
    let default_id = default_id_of(path);
    let origin = Origin::File(path.to_path_buf());
    if super::load_md::is_markdown_path(path) {
        super::load_md::parse_markdown_owned(bytes, origin, default_id)
    } else {
        parse_briefing_owned(bytes, origin, default_id)
    }
}

/// The id a briefing file gets when it sets none: a slug of its file stem.
pub fn default_id_of(path: &Path) -> Option<String> {
    path.file_stem().and_then(|s| s.to_str()).map(slugify)
}

/// The bytes, taken, as text (no copy), or an error at the first byte that is not
/// UTF-8, at its line and column.
pub(crate) fn utf8_source(bytes: Vec<u8>, name: &str) -> Result<String, Vec<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| {
        let index = LineIndex::new(e.as_bytes());
        vec![Diagnostic::error(
            name,
            Some(index.pos(e.utf8_error().valid_up_to())),
            "invalid UTF-8: briefings must be UTF-8 text",
        )]
    })
}

/// Parses and validates a briefing from bytes. `default_id` is used when the file sets
/// no `id` (normally a slug of the file stem). The bytes are copied once, and the bodies
/// share that copy; [`parse_briefing_owned`] takes bytes already read instead.
pub fn parse_briefing(
    bytes: &[u8],
    origin: Origin,
    default_id: Option<String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    parse_briefing_owned(bytes.to_vec(), origin, default_id)
}

/// [`parse_briefing`] on bytes it takes, without copying them: the text read becomes
/// the storage of every section body written verbatim in it (a multi-line or literal
/// string without escapes), so each body is kept once, as a range of the file (see
/// [`SharedText`](super::shared::SharedText)). When the bodies are less than half the file (most written with
/// escapes, or a file of metadata), they are copied out instead so that the file's
/// text is dropped.
pub fn parse_briefing_owned(
    bytes: Vec<u8>,
    origin: Origin,
    default_id: Option<String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let version = content_hash(&bytes);
    parse_toml_owned(bytes, origin, default_id, version)
}

/// [`parse_briefing_owned`] with the file's hash already made.
pub(crate) fn parse_toml_owned(
    bytes: Vec<u8>,
    origin: Origin,
    default_id: Option<String>,
    version: String,
) -> Result<Loaded, Vec<Diagnostic>> {
    let source = Arc::new(utf8_source(bytes, &origin.display_name())?);
    let loaded = parse_toml_source(&source, origin, default_id, version)?;
    Ok(keep_source_if_worth(loaded, &source))
}

/// Parses a TOML briefing whose whole text is `source` (a byte order mark included);
/// bodies written verbatim are ranges of `source`.
pub(crate) fn parse_toml_source(
    source: &Arc<String>,
    origin: Origin,
    default_id: Option<String>,
    version: String,
) -> Result<Loaded, Vec<Diagnostic>> {
    let name = origin.display_name();
    let text = source.as_str();
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
    let index = LineIndex::new(text.as_bytes());
    // A large file is parsed on several threads when its shape allows it; otherwise,
    // and for every file with an error, the whole file is parsed as one.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let raw = match split::parse_parallel(body, threads) {
        Some(raw) => raw,
        None => {
            let root = toml::de::DeTable::parse(body).map_err(|e| {
                let start = e.span().map(|s| s.start);
                let pos = start.map(|s| index.pos(s + bom));
                let at = start
                    .and_then(|s| body.get(s..))
                    .and_then(|t| t.chars().next());
                vec![Diagnostic::error(&name, pos, toml_words(e.message(), at))]
            })?;
            Walker::new(0, body).briefing(root.into_inner(), Layout::Toml)
        }
    };
    validate_raw(
        raw,
        &Checked {
            source,
            index: &index,
            base: bom,
            version,
        },
        origin,
        default_id,
    )
}

/// Copies the bodies out of `source` when they are less than half of it, so that the
/// file's text (titles, metadata, markup) is not kept for their sake; otherwise they
/// stay ranges of it.
pub(crate) fn keep_source_if_worth(mut loaded: Loaded, source: &Arc<String>) -> Loaded {
    let shared: usize = loaded
        .briefing
        .sections
        .iter()
        .filter(|s| s.body.shares(source))
        .map(|s| s.body.len())
        .sum();
    if shared.saturating_mul(2) < source.len() {
        for section in &mut loaded.briefing.sections {
            if section.body.shares(source) {
                section.body = section.body.detached();
            }
        }
    }
    loaded
}

/// The file a raw briefing was walked from, for its validation.
pub(crate) struct Checked<'a> {
    /// The whole file's text: spans count from `base` in it, and bodies written
    /// verbatim are ranges of it.
    pub(crate) source: &'a Arc<String>,
    /// Its lines.
    pub(crate) index: &'a LineIndex<'a>,
    /// Where the text spans count from starts.
    pub(crate) base: usize,
    /// The briefing's version: the hash of the whole file as read.
    pub(crate) version: String,
}

/// Validates a briefing already parsed into its raw form, as [`parse_briefing`] does
/// after parsing. Every span in `raw` counts bytes from `file.base` in the file, so that
/// problems are reported at their line and column in the file. Used by the Markdown
/// loader.
pub(crate) fn validate_raw(
    raw: RawBriefing,
    file: &Checked<'_>,
    origin: Origin,
    default_id: Option<String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let name = origin.display_name();
    let mut v = Validator {
        name: &name,
        index: file.index,
        bytes: file.source.as_bytes(),
        source: file.source,
        version: file.version.clone(),
        base: file.base,
        problems: Vec::new(),
    };
    let briefing = v.briefing(raw, origin.clone(), default_id);
    // Errors first, then warnings, each in file order; a flood of one mistake is
    // summarised.
    let mut problems = v.problems;
    problems.sort_by_key(|p| (!p.is_error(), p.line, p.column));
    let problems = cap_repeated(problems);
    let (errors, warnings): (Vec<_>, Vec<_>) = problems.into_iter().partition(|d| d.is_error());
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

#[cfg(test)]
mod tests;
