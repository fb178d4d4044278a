//! Reading and writing the store file format: the schema number read first, the lenient
//! reading of files of a newer schema, and the canonical layout this brief writes, parsed
//! back item by item with a cache of unchanged items.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Deserialize;

use super::lenient::parse_lenient;
use super::merge::normalize;
use super::paths::one_line;
use super::*;

/// A fast hasher for the maps of a save: it mixes the length, the first 56 bytes and the
/// last 8 of what it hashes, so that hashing a long item text costs no more than hashing
/// an id. That tells ids and item texts apart well (an item's text starts with its id);
/// equal hashes are settled by equality anyway. The data is local, so flooding is not a
/// concern.
#[derive(Default)]
pub(super) struct FastHasher(u64);

pub(super) const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

pub(super) fn hash_word(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let mut h = (self.0 ^ n as u64).wrapping_mul(HASH_K);
        if n < 8 {
            for &b in bytes {
                h = (h ^ u64::from(b)).wrapping_mul(HASH_K);
            }
        } else {
            let mut at = 0;
            while at + 8 <= n && at < 56 {
                h = (h ^ hash_word(bytes, at)).wrapping_mul(HASH_K);
                at += 8;
            }
            h = (h ^ hash_word(bytes, n - 8)).wrapping_mul(HASH_K);
        }
        self.0 = h ^ (h >> 32);
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0 ^ u64::from(i)).wrapping_mul(HASH_K);
    }

    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(HASH_K);
    }

    fn write_isize(&mut self, i: isize) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(HASH_K);
    }

    fn finish(&self) -> u64 {
        let h = self.0;
        (h ^ (h >> 29)).wrapping_mul(HASH_K) ^ (h >> 32)
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(super) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// What parsing a store file gave.
pub(super) enum Parsed {
    Good(StoreFile),
    Newer {
        schema: u32,
        file: StoreFile,
        skipped: usize,
    },
    Damaged(String),
}

/// Only the schema number, read before the full parse.
#[derive(Deserialize)]
pub(super) struct SchemaProbe {
    schema: Option<toml::Value>,
}

/// The schema number: from the lines before the first item when they are plain TOML
/// (always so for files this brief writes), else from a parse of the whole file.
pub(super) fn read_schema(text: &str, header: &str) -> Result<u32, String> {
    let probe = match toml::from_str::<SchemaProbe>(header) {
        Ok(probe @ SchemaProbe { schema: Some(_) }) => probe,
        _ => toml::from_str::<SchemaProbe>(text)
            .map_err(|e| format!("it is not valid TOML: {}", one_line(e)))?,
    };
    let value = probe.schema.ok_or("it has no `schema` number")?;
    value
        .as_integer()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| "its `schema` is not a version number".to_owned())
}

/// Parses a store file. Reads the schema number first; a file of a newer schema is read
/// leniently. Files in this brief's own layout are parsed item by item, reusing the
/// items of `cache` whose text is unchanged (see [`ChunkCache`]); anything else is
/// parsed whole by the `toml` crate.
pub(super) fn parse(bytes: &[u8], briefing: &str, cache: &ChunkCache) -> Parsed {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Parsed::Damaged("it is not UTF-8 text".to_owned());
    };
    let (header, chunks) = split_chunks(text);
    let schema = match read_schema(text, header) {
        Ok(schema) => schema,
        Err(reason) => return Parsed::Damaged(reason),
    };
    if schema > SCHEMA {
        return match parse_lenient(text) {
            Ok((file, _)) if file.briefing != briefing => {
                Parsed::Damaged(format!("it belongs to briefing `{}`", file.briefing))
            }
            Ok((file, skipped)) => Parsed::Newer {
                schema,
                file,
                skipped,
            },
            Err(reason) => Parsed::Damaged(reason),
        };
    }
    let parsed = match parse_canonical(header, &chunks, cache) {
        Some(file) => Ok(file),
        None => toml::from_str::<StoreFile>(text),
    };
    match parsed {
        Err(e) => Parsed::Damaged(format!("it could not be read: {}", one_line(e))),
        Ok(file) if file.briefing != briefing => {
            Parsed::Damaged(format!("it belongs to briefing `{}`", file.briefing))
        }
        Ok(file) => Parsed::Good(normalize(file)),
    }
}

// ---------------------------------------------------------------------------------------
// The canonical layout
// ---------------------------------------------------------------------------------------
//
// This brief writes store files itself, in one canonical layout: the header (`schema`,
// `briefing`, `title` when known, a blank line), then each item (position, notes,
// bookmarks, trash, purged, read marks, withdrawn sources, in that order) as a top-level table or array-of-tables entry with its
// sub-tables, followed by a blank line. Strings are TOML basic strings (multi-line when
// they hold a line feed), with `\`, control characters other than tab and line feed, and
// any `"` that could close the string escaped. The `toml` crate parses this layout back
// to the same values (tested with arbitrary text).
//
// Since every item's text depends only on the item, a file in this layout can be split
// into chunks at its top-level headers, and a chunk seen before (in the file last loaded
// or written) need not be parsed again: that makes a save cost one parse of what others
// changed, not of the whole file. A chunk is accepted only if it is byte for byte the
// encoding of its item, in canonical order, so the result is exactly what a full parse
// would give; otherwise the whole file is parsed by `toml`.

/// The top-level headers of the canonical layout, in canonical order.
pub(super) const ITEM_HEADERS: [&str; 7] = [
    "[position]",
    "[[notes]]",
    "[[bookmarks]]",
    "[[trash]]",
    "[[purged]]",
    "[[read]]",
    "[[withdrawn]]",
];

/// One top-level item of a store file.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    Position(Position),
    Note(Note),
    Bookmark(Bookmark),
    Trashed(Trashed),
    Purged(Purged),
    Read(ReadMark),
    Withdrawn(Withdrawn),
}

/// What identifies an item within a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum ItemKey<'a> {
    Position,
    Note(&'a str),
    Bookmark(&'a str),
    Trashed(&'a str),
    Purged(&'a str),
    Read(&'a str),
    Withdrawn(&'a str),
}

/// An item of a file, borrowed.
#[derive(Debug, Clone, Copy)]
pub(super) enum ItemRef<'a> {
    Position(&'a Position),
    Note(&'a Note),
    Bookmark(&'a Bookmark),
    Trashed(&'a Trashed),
    Purged(&'a Purged),
    Read(&'a ReadMark),
    Withdrawn(&'a Withdrawn),
}

impl<'a> ItemRef<'a> {
    fn key(self) -> ItemKey<'a> {
        match self {
            ItemRef::Position(_) => ItemKey::Position,
            ItemRef::Note(n) => ItemKey::Note(&n.id),
            ItemRef::Bookmark(b) => ItemKey::Bookmark(&b.id),
            ItemRef::Trashed(t) => ItemKey::Trashed(t.annotation.id()),
            ItemRef::Purged(p) => ItemKey::Purged(&p.id),
            ItemRef::Read(r) => ItemKey::Read(&r.section),
            ItemRef::Withdrawn(w) => ItemKey::Withdrawn(&w.source),
        }
    }

    /// Whether `item` is this very item.
    fn is(&self, item: &Item) -> bool {
        match (self, item) {
            (ItemRef::Position(a), Item::Position(b)) => *a == b,
            (ItemRef::Note(a), Item::Note(b)) => *a == b,
            (ItemRef::Bookmark(a), Item::Bookmark(b)) => *a == b,
            (ItemRef::Trashed(a), Item::Trashed(b)) => *a == b,
            (ItemRef::Purged(a), Item::Purged(b)) => *a == b,
            (ItemRef::Read(a), Item::Read(b)) => *a == b,
            (ItemRef::Withdrawn(a), Item::Withdrawn(b)) => *a == b,
            _ => false,
        }
    }

    fn to_item(self) -> Item {
        match self {
            ItemRef::Position(p) => Item::Position(p.clone()),
            ItemRef::Note(n) => Item::Note(n.clone()),
            ItemRef::Bookmark(b) => Item::Bookmark(b.clone()),
            ItemRef::Trashed(t) => Item::Trashed(t.clone()),
            ItemRef::Purged(p) => Item::Purged(p.clone()),
            ItemRef::Read(r) => Item::Read(r.clone()),
            ItemRef::Withdrawn(w) => Item::Withdrawn(w.clone()),
        }
    }
}

impl Item {
    fn view(&self) -> ItemRef<'_> {
        match self {
            Item::Position(p) => ItemRef::Position(p),
            Item::Note(n) => ItemRef::Note(n),
            Item::Bookmark(b) => ItemRef::Bookmark(b),
            Item::Trashed(t) => ItemRef::Trashed(t),
            Item::Purged(p) => ItemRef::Purged(p),
            Item::Read(r) => ItemRef::Read(r),
            Item::Withdrawn(w) => ItemRef::Withdrawn(w),
        }
    }

    /// Its place in the canonical order.
    fn rank(&self) -> usize {
        match self {
            Item::Position(_) => 0,
            Item::Note(_) => 1,
            Item::Bookmark(_) => 2,
            Item::Trashed(_) => 3,
            Item::Purged(_) => 4,
            Item::Read(_) => 5,
            Item::Withdrawn(_) => 6,
        }
    }
}

/// The items of the file last loaded or written, by their exact canonical text.
#[derive(Clone, Default)]
pub(super) struct ChunkCache(FastMap<Arc<str>, Arc<Item>>);

impl fmt::Debug for ChunkCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChunkCache({} items)", self.0.len())
    }
}

/// Splits a file at its top-level item headers: the text before the first, and each
/// item's text (from its header line to the next one).
pub(super) fn split_chunks(text: &str) -> (&str, Vec<&str>) {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut line = 0;
    while line < text.len() {
        let end = text[line..].find('\n').map_or(text.len(), |i| line + i);
        if bytes[line] == b'[' && ITEM_HEADERS.contains(&&text[line..end]) {
            starts.push(line);
        }
        line = end + 1;
    }
    let Some(&first) = starts.first() else {
        return (text, Vec::new());
    };
    let mut chunks = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        chunks.push(&text[start..end]);
    }
    (&text[..first], chunks)
}

/// Parses a file in the canonical layout, reusing cached items; `None` if it is not
/// exactly in that layout (or an item does not parse).
pub(super) fn parse_canonical(
    header: &str,
    chunks: &[&str],
    cache: &ChunkCache,
) -> Option<StoreFile> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Header {
        schema: u32,
        briefing: String,
        #[serde(default)]
        title: Option<String>,
    }
    let head: Header = toml::from_str(header).ok()?;
    let mut file = StoreFile {
        schema: head.schema,
        briefing: head.briefing,
        title: head.title,
        ..StoreFile::default()
    };
    let mut check = String::new();
    encode_header(&mut check, &file);
    if check != header {
        return None;
    }
    let mut rank = 0;
    for chunk in chunks {
        let item = match cache.0.get(*chunk) {
            Some(item) => Item::clone(item),
            None => {
                let item = parse_chunk(chunk)?;
                check.clear();
                encode_item(&mut check, item.view()).ok()?;
                if check != *chunk {
                    return None;
                }
                item
            }
        };
        if item.rank() < rank || (item.rank() == 0 && file.position.is_some()) {
            return None;
        }
        rank = item.rank();
        match item {
            Item::Position(p) => file.position = Some(p),
            Item::Note(n) => file.notes.push(n),
            Item::Bookmark(b) => file.bookmarks.push(b),
            Item::Trashed(t) => file.trash.push(t),
            Item::Purged(p) => file.purged.push(p),
            Item::Read(r) => file.read.push(r),
            Item::Withdrawn(w) => file.withdrawn.push(w),
        }
    }
    Some(file)
}

/// Parses one item's text with `toml`.
pub(super) fn parse_chunk(chunk: &str) -> Option<Item> {
    let mut file: StoreFile =
        toml::from_str(&format!("schema = {SCHEMA}\nbriefing = \"\"\n\n{chunk}")).ok()?;
    let count = usize::from(file.position.is_some())
        + file.notes.len()
        + file.bookmarks.len()
        + file.trash.len()
        + file.purged.len()
        + file.read.len()
        + file.withdrawn.len();
    if count != 1 || file.title.is_some() {
        return None;
    }
    file.position
        .take()
        .map(Item::Position)
        .or_else(|| file.notes.pop().map(Item::Note))
        .or_else(|| file.bookmarks.pop().map(Item::Bookmark))
        .or_else(|| file.trash.pop().map(Item::Trashed))
        .or_else(|| file.purged.pop().map(Item::Purged))
        .or_else(|| file.read.pop().map(Item::Read))
        .or_else(|| file.withdrawn.pop().map(Item::Withdrawn))
}

/// Encodes a file in the canonical layout; also returns the cache of its items. The text
/// of an item found unchanged in `previous` is reused rather than encoded again.
pub(super) fn encode(
    file: &StoreFile,
    path: &Path,
    previous: &ChunkCache,
) -> Result<(Vec<u8>, ChunkCache), StoreError> {
    let known: FastMap<ItemKey<'_>, (&Arc<str>, &Arc<Item>)> = previous
        .0
        .iter()
        .map(|(text, item)| (item.view().key(), (text, item)))
        .collect();
    let items = file
        .position
        .iter()
        .map(ItemRef::Position)
        .chain(file.notes.iter().map(ItemRef::Note))
        .chain(file.bookmarks.iter().map(ItemRef::Bookmark))
        .chain(file.trash.iter().map(ItemRef::Trashed))
        .chain(file.purged.iter().map(ItemRef::Purged))
        .chain(file.read.iter().map(ItemRef::Read))
        .chain(file.withdrawn.iter().map(ItemRef::Withdrawn));
    let mut text = String::with_capacity(previous.0.keys().map(|t| t.len()).sum::<usize>() + 4096);
    encode_header(&mut text, file);
    let mut cache = ChunkCache::default();
    let mut chunk = String::new();
    for item in items {
        match known.get(&item.key()) {
            Some((known_text, known_item)) if item.is(known_item) => {
                text.push_str(known_text);
                cache
                    .0
                    .insert(Arc::clone(known_text), Arc::clone(known_item));
            }
            _ => {
                chunk.clear();
                encode_item(&mut chunk, item).map_err(|message| StoreError::Encode {
                    path: path.to_path_buf(),
                    message,
                })?;
                text.push_str(&chunk);
                cache
                    .0
                    .insert(Arc::from(chunk.as_str()), Arc::new(item.to_item()));
            }
        }
    }
    Ok((text.into_bytes(), cache))
}

pub(super) fn encode_header(out: &mut String, file: &StoreFile) {
    out.push_str(&format!("schema = {}\nbriefing = ", file.schema));
    push_string(out, &file.briefing);
    out.push('\n');
    if let Some(title) = &file.title {
        push_key_string(out, "title", title);
    }
    out.push('\n');
}

pub(super) fn encode_item(out: &mut String, item: ItemRef<'_>) -> Result<(), String> {
    match item {
        ItemRef::Position(p) => {
            out.push_str("[position]\n");
            push_key_string(out, "section", &p.section);
            push_key_number(out, "block", p.block)?;
            push_key_time(out, "updated", p.updated);
        }
        ItemRef::Note(n) => encode_note(out, "notes", n)?,
        ItemRef::Bookmark(b) => encode_bookmark(out, "bookmarks", b)?,
        ItemRef::Trashed(t) => {
            out.push_str("[[trash]]\n");
            push_key_time(out, "deleted", t.deleted);
            out.push_str("\n[trash.annotation]\n");
            match &t.annotation {
                Annotation::Note(n) => {
                    out.push_str("type = \"note\"\n");
                    encode_note_fields(out, "trash.annotation", n)?;
                }
                Annotation::Bookmark(b) => {
                    out.push_str("type = \"bookmark\"\n");
                    encode_bookmark_fields(out, "trash.annotation", b)?;
                }
            }
        }
        ItemRef::Purged(p) => {
            out.push_str("[[purged]]\n");
            push_key_string(out, "id", &p.id);
            push_key_time(out, "at", p.at);
        }
        ItemRef::Read(r) => {
            out.push_str("[[read]]\n");
            push_key_string(out, "section", &r.section);
            push_key_string(out, "hash", &r.hash);
            if let Some(text) = &r.text {
                push_key_string(out, "text", text);
            }
            push_key_time(out, "at", r.at);
        }
        ItemRef::Withdrawn(w) => {
            out.push_str("[[withdrawn]]\n");
            push_key_string(out, "source", &w.source);
            push_key_time(out, "at", w.at);
        }
    }
    out.push('\n');
    Ok(())
}

pub(super) fn encode_note(out: &mut String, table: &str, n: &Note) -> Result<(), String> {
    out.push_str(&format!("[[{table}]]\n"));
    encode_note_fields(out, table, n)
}

/// A note's fields, then its anchor as the sub-table `<table>.anchor`.
pub(super) fn encode_note_fields(out: &mut String, table: &str, n: &Note) -> Result<(), String> {
    push_key_string(out, "id", &n.id);
    push_key_string(out, "body", &n.body);
    push_key_time(out, "created", n.created);
    push_key_time(out, "updated", n.updated);
    if let Some(original) = &n.conflict_of {
        push_key_string(out, "conflict_of", original);
    }
    if n.moved {
        out.push_str("moved = true\n");
    }
    encode_anchor(out, table, &n.anchor)
}

pub(super) fn encode_bookmark(out: &mut String, table: &str, b: &Bookmark) -> Result<(), String> {
    out.push_str(&format!("[[{table}]]\n"));
    encode_bookmark_fields(out, table, b)
}

pub(super) fn encode_bookmark_fields(
    out: &mut String,
    table: &str,
    b: &Bookmark,
) -> Result<(), String> {
    push_key_string(out, "id", &b.id);
    if let Some(label) = &b.label {
        push_key_string(out, "label", label);
    }
    push_key_time(out, "created", b.created);
    push_key_time(out, "updated", b.updated);
    if b.moved {
        out.push_str("moved = true\n");
    }
    encode_anchor(out, table, &b.anchor)
}

pub(super) fn encode_anchor(out: &mut String, table: &str, a: &Anchor) -> Result<(), String> {
    out.push_str(&format!("\n[{table}.anchor]\n"));
    push_key_string(out, "briefing", &a.briefing);
    push_key_string(out, "section", &a.section);
    push_key_number(out, "block", a.block)?;
    push_key_string(out, "quote", &a.quote);
    push_key_string(out, "prefix", &a.prefix);
    push_key_string(out, "suffix", &a.suffix);
    push_key_string(out, "version", &a.version);
    Ok(())
}

pub(super) fn push_key_string(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    push_string(out, value);
    out.push('\n');
}

pub(super) fn push_key_time(out: &mut String, key: &str, value: Timestamp) {
    push_key_string(out, key, &value.to_string());
}

pub(super) fn push_key_number(out: &mut String, key: &str, value: usize) -> Result<(), String> {
    if i64::try_from(value).is_err() {
        return Err(format!("`{key}` is too large for TOML ({value})"));
    }
    out.push_str(&format!("{key} = {value}\n"));
    Ok(())
}

/// A TOML basic string: multi-line (`"""`, starting on the next line) when the text has
/// a line feed. Escaped: `\`, control characters other than tab and line feed, and `"`
/// when it is followed by another `"` or ends the text (so `"""` never appears inside).
pub(super) fn push_string(out: &mut String, s: &str) {
    let multi_line = s.contains('\n');
    out.push_str(if multi_line { "\"\"\"\n" } else { "\"" });
    let bytes = s.as_bytes();
    let mut run = 0; // start of the text not yet copied
    for (i, &b) in bytes.iter().enumerate() {
        let escape: Option<&str> = match b {
            b'\\' => Some("\\\\"),
            b'"' if !multi_line || i + 1 == bytes.len() || bytes[i + 1] == b'"' => Some("\\\""),
            b'\n' if multi_line => None,
            b'\n' => Some("\\n"),
            b'\t' if multi_line => None,
            b'\t' => Some("\\t"),
            b'\r' => Some("\\r"),
            0x08 => Some("\\b"),
            0x0c => Some("\\f"),
            0x00..=0x1f | 0x7f => Some(""),
            _ => None,
        };
        if let Some(escape) = escape {
            out.push_str(&s[run..i]);
            if escape.is_empty() {
                out.push_str(&format!("\\u{b:04X}"));
            } else {
                out.push_str(escape);
            }
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
    out.push_str(if multi_line { "\"\"\"" } else { "\"" });
}
