//! The head of a large briefing, parsed before the rest: the preamble (metadata,
//! summary, sources) and the first sections, cut at a top-level `[[sections]]` header
//! (or a Markdown `##` heading) in time that does not grow with the file, so that the
//! reader can paint its first screen at once and parse the whole file in the
//! background. Must not depend on terminal crates.

use std::path::Path;
use std::sync::Arc;

use super::split::Headers;
use super::{
    LoadOptions, Loaded, default_id_of, parse_toml_owned, parse_toml_source, read_bounded,
};
use crate::domain::briefing::{Briefing, Origin};
use crate::domain::diag::Diagnostic;
use crate::domain::hash::content_hash;
use crate::domain::load_md::{self, Scope};

/// Files smaller than this are parsed whole at once: the whole parse is as quick as a
/// head would be.
pub const HEAD_FROM: usize = 256 * 1024;

/// How many sections a head holds by default: more than a screen shows.
pub const HEAD_SECTIONS: usize = 12;

/// Once a head holds at least one section, it ends at the first section header past
/// this many bytes, however few sections it holds (sections of a megabyte each would
/// otherwise make the head as slow as the file).
pub const HEAD_BYTES: usize = 192 * 1024;

/// What [`parse_head`] gives.
// One is made per file opened and moved once: boxing the larger variant would buy
// nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum HeadParse {
    /// The file was parsed whole, exactly as [`super::load_file`] does: it is small, it
    /// has too few sections to cut, or its head did not stand on its own (a problem in
    /// it, which is then reported exactly as the whole file's parse reports it).
    Whole(Result<Loaded, Vec<Diagnostic>>),
    /// The first sections, and the rest of the work.
    Head {
        /// The briefing's preamble and first sections: its metadata, summary and
        /// sources as the file declares them before its first section, and sections
        /// equal to the first sections of the whole parse. Its `version` is the whole
        /// file's. Sources declared after the first sections, and the warnings about
        /// the whole file, come with [`Rest::parse`]. It is marked
        /// [`partial`](Briefing::partial).
        head: Box<Briefing>,
        /// The whole file, to parse (on another thread) with [`Rest::parse`].
        rest: Rest,
    },
}

/// A briefing file whose head was parsed: its bytes (taken, never copied) and what
/// its whole parse needs. Send it to a background job and call [`Rest::parse`].
#[derive(Debug)]
pub struct Rest {
    bytes: Vec<u8>,
    origin: Origin,
    default_id: Option<String>,
    version: String,
    markdown: bool,
}

impl Rest {
    /// Parses the whole file, exactly as [`super::load_file`] does (the same briefing,
    /// the same problems at the same lines and columns), without copying the bytes or
    /// hashing them again. The head's sections are parsed again with the rest: they are
    /// a few kilobytes, and reading them again costs less than keeping their raw form.
    pub fn parse(self) -> Result<Loaded, Vec<Diagnostic>> {
        if self.markdown {
            load_md::parse_markdown_with(self.bytes, self.origin, self.default_id, self.version)
        } else {
            parse_toml_owned(self.bytes, self.origin, self.default_id, self.version)
        }
    }

    /// The size of the file in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the file is empty (never, for a rest: an empty file is parsed whole).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Reads a briefing file once (bounded as [`read_bounded`] does) and parses its head:
/// [`parse_head`] on the bytes read. A file that cannot be read gives
/// `HeadParse::Whole(Err(…))`, as [`super::load_file`] would.
pub fn load_head(path: &Path, options: LoadOptions, max_sections: usize) -> HeadParse {
    match read_bounded(path, options.max_file_bytes) {
        Ok(bytes) => parse_head(
            bytes,
            Origin::File(path.to_path_buf()),
            default_id_of(path),
            max_sections,
        ),
        Err(d) => HeadParse::Whole(Err(vec![d])),
    }
}

/// Parses the head of a briefing: its preamble and its first `max_sections` sections
/// (fewer when they pass [`HEAD_BYTES`]; at least one), in time that depends on the
/// head, not on the file. The bytes are taken, and handed on in the [`Rest`] for the
/// whole parse, which reuses the file's hash made here. Markdown briefings (an `.md`
/// origin) are cut at a top-level `##` heading.
///
/// The flow of a reader that paints at once (bytes read once, never copied, the
/// whole file parsed once more on a background thread):
///
/// ```no_run
/// use brief::domain::load::{HEAD_SECTIONS, HeadParse, LoadOptions, load_head};
///
/// let path = std::path::Path::new("big.toml");
/// match load_head(path, LoadOptions::default(), HEAD_SECTIONS) {
///     HeadParse::Whole(result) => {
///         // Small or unusual: the final result, as `load_file` gives it.
///         let _ = result;
///     }
///     HeadParse::Head { head, rest } => {
///         // Paint `head` now (its outline holds the first sections only)…
///         let _first_screen = head;
///         // …and parse the whole file off the UI thread; the result replaces the
///         // head (same id, same version, same first sections), or its problems are
///         // shown as the whole file's.
///         let job = std::thread::spawn(move || rest.parse());
///         let _whole = job.join();
///     }
/// }
/// ```
pub fn parse_head(
    bytes: Vec<u8>,
    origin: Origin,
    default_id: Option<String>,
    max_sections: usize,
) -> HeadParse {
    let markdown = match &origin {
        Origin::File(path) => load_md::is_markdown_path(path),
        Origin::Embedded(_) => false,
    };
    let version = content_hash(&bytes);
    let head = if bytes.len() < HEAD_FROM {
        None
    } else if markdown {
        markdown_head(&bytes, &origin, &default_id, max_sections, &version)
    } else {
        toml_head(&bytes, &origin, &default_id, max_sections, &version)
    };
    let rest = Rest {
        bytes,
        origin,
        default_id,
        version,
        markdown,
    };
    match head {
        Some(head) => HeadParse::Head {
            head: Box::new(Briefing {
                partial: true,
                ..head
            }),
            rest,
        },
        None => HeadParse::Whole(rest.parse()),
    }
}

/// The length of a UTF-8 byte order mark at the start of `bytes`, if there is one.
fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    }
}

/// Where the head ends, given the offsets of the section starts met in order (the
/// first one opens the first section): before the section that would be one too many,
/// or the first past [`HEAD_BYTES`]. `None` when the starts run out first.
fn cut_at(starts: impl Iterator<Item = usize>, max_sections: usize) -> Option<usize> {
    for (sections, start) in starts.enumerate() {
        if sections >= max_sections.max(1) || (sections >= 1 && start >= HEAD_BYTES) {
            return Some(start);
        }
    }
    None
}

/// The head of a TOML briefing, or `None` when there is none to show apart from the
/// whole (too few sections, a cut that does not parse, any problem in the head).
fn toml_head(
    bytes: &[u8],
    origin: &Origin,
    default_id: &Option<String>,
    max_sections: usize,
    version: &str,
) -> Option<Briefing> {
    let bom = bom_len(bytes);
    let mut headers = Headers::new(&bytes[bom..]);
    let cut = bom + cut_at(std::iter::from_fn(|| headers.next_header()), max_sections)?;
    let text = std::str::from_utf8(&bytes[..cut]).ok()?;
    // The head is a copy of a few kilobytes: its bodies share it, and the file's bytes
    // stay whole for the rest.
    let source = Arc::new(text.to_owned());
    let loaded = parse_toml_source(
        &source,
        origin.clone(),
        default_id.clone(),
        version.to_owned(),
    );
    loaded.ok().map(|l| l.briefing)
}

/// The head of a Markdown briefing, cut before a top-level `##` heading at the start of
/// a line, or `None` (see [`toml_head`]).
fn markdown_head(
    bytes: &[u8],
    origin: &Origin,
    default_id: &Option<String>,
    max_sections: usize,
    version: &str,
) -> Option<Briefing> {
    let bom = bom_len(bytes);
    let body_start = bom + load_md::front_matter_end(&bytes[bom..])?;
    // Lines that may open a section (a heading inside a code block or an HTML block
    // looks the same: the cut is checked below).
    let mut candidates = load_md::h2_lines(bytes, body_start);
    let mut cut = cut_at(&mut candidates, max_sections)?;
    // A few tries: a cut inside a fenced block is not a section's start.
    for _ in 0..4 {
        let line_end = memchr::memchr(b'\n', &bytes[cut..]).map_or(bytes.len(), |n| cut + n);
        let text = std::str::from_utf8(&bytes[..line_end]).ok()?;
        let (opens, brackets) = load_md::opens_section_at(text, cut)?;
        if opens {
            // A link in a title whose definition comes later would read differently.
            if brackets && memchr::memmem::find(&bytes[cut..], b"]:").is_some() {
                return None;
            }
            let source = Arc::new(text.get(..cut)?.to_owned());
            let loaded = load_md::parse_markdown_source(
                &source,
                origin.clone(),
                default_id.clone(),
                version.to_owned(),
                Scope::Head,
            );
            return loaded.ok().map(|l| l.briefing);
        }
        cut = candidates.next()?;
    }
    None
}

#[cfg(test)]
mod tests;
