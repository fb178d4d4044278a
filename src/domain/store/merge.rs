//! The three-way merge of a set in memory with the file on disk, by id, and the canonical
//! form of a file (unique ids, sorted items) that it works on. The rules are told on
//! [`Store::save`](super::Store::save).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;

use super::format::{FastMap, FastSet};
use super::*;

/// An item of a file, owned: where it is and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Entry {
    Live(Annotation),
    Trashed(Trashed),
    Purged(Purged),
}

impl Entry {
    fn id(&self) -> &str {
        match self {
            Entry::Live(a) => a.id(),
            Entry::Trashed(t) => t.annotation.id(),
            Entry::Purged(p) => &p.id,
        }
    }

    fn set_id(&mut self, id: String) {
        match self {
            Entry::Live(a) | Entry::Trashed(Trashed { annotation: a, .. }) => match a {
                Annotation::Note(n) => n.id = id,
                Annotation::Bookmark(b) => b.id = id,
            },
            Entry::Purged(p) => p.id = id,
        }
    }

    fn as_ref(&self) -> ERef<'_> {
        match self {
            Entry::Live(a) => ERef::Live(a.into()),
            Entry::Trashed(t) => ERef::Trashed(t),
            Entry::Purged(p) => ERef::Purged(p),
        }
    }
}

/// An item of a file, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ERef<'a> {
    Live(AnnotationRef<'a>),
    Trashed(&'a Trashed),
    Purged(&'a Purged),
}

impl<'a> ERef<'a> {
    fn annotation(self) -> Option<AnnotationRef<'a>> {
        match self {
            ERef::Live(a) => Some(a),
            ERef::Trashed(t) => Some((&t.annotation).into()),
            ERef::Purged(_) => None,
        }
    }

    fn text(self) -> Option<Text<'a>> {
        self.annotation().map(|a| a.text())
    }

    fn to_entry(self) -> Entry {
        match self {
            ERef::Live(a) => Entry::Live(a.to_annotation()),
            ERef::Trashed(t) => Entry::Trashed(t.clone()),
            ERef::Purged(p) => Entry::Purged(p.clone()),
        }
    }
}

/// The words of an item that must never be lost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Text<'a> {
    Note(&'a str),
    Bookmark(Option<&'a str>),
}

/// The items of a file by id (ids are unique after [`normalize`]).
pub(super) fn entry_map(file: &StoreFile) -> FastMap<&str, ERef<'_>> {
    let mut map = FastMap::default();
    map.reserve(file.notes.len() + file.bookmarks.len() + file.trash.len() + file.purged.len());
    for n in &file.notes {
        map.insert(n.id.as_str(), ERef::Live(AnnotationRef::Note(n)));
    }
    for b in &file.bookmarks {
        map.insert(b.id.as_str(), ERef::Live(AnnotationRef::Bookmark(b)));
    }
    for t in &file.trash {
        map.insert(t.annotation.id(), ERef::Trashed(t));
    }
    for p in &file.purged {
        map.insert(p.id.as_str(), ERef::Purged(p));
    }
    map
}

/// Puts a file in canonical form: ids unique (an item of a hand-edited file whose id is
/// taken by a different item gets `<id>~<n>`, deterministically; exact duplicates and
/// tombstones of items still present are dropped), one read mark per section and one
/// withdrawal per source (the newest), items sorted (notes, bookmarks and tombstones by
/// id, which for UUIDv7 is creation order; trash by deletion time).
pub(super) fn normalize(file: StoreFile) -> StoreFile {
    if is_normalized(&file) {
        return file;
    }
    let StoreFile {
        schema,
        briefing,
        title,
        position,
        notes,
        bookmarks,
        trash,
        purged,
        read,
        withdrawn,
    } = file;
    let mut map: BTreeMap<String, Entry> = BTreeMap::new();
    let entries = notes
        .into_iter()
        .map(|n| Entry::Live(Annotation::Note(n)))
        .chain(
            bookmarks
                .into_iter()
                .map(|b| Entry::Live(Annotation::Bookmark(b))),
        )
        .chain(trash.into_iter().map(Entry::Trashed))
        .chain(purged.into_iter().map(Entry::Purged));
    for mut entry in entries {
        let id = entry.id().to_owned();
        match map.get(&id) {
            None => {
                map.insert(id, entry);
            }
            Some(existing) if *existing == entry => {}
            Some(Entry::Purged(_)) => {
                map.insert(id, entry);
            }
            Some(_) if matches!(entry, Entry::Purged(_)) => {}
            Some(_) => {
                let mut n = 1;
                let new = loop {
                    let candidate = format!("{id}~{n}");
                    if !map.contains_key(&candidate) {
                        break candidate;
                    }
                    n += 1;
                };
                entry.set_id(new.clone());
                map.insert(new, entry);
            }
        }
    }
    let mut file = assemble(
        &briefing,
        position,
        map.into_values(),
        newest_by_key(read),
        newest_by_key(withdrawn),
    );
    file.schema = schema;
    file.title = title;
    file
}

/// A mark kept once per key, merged across instances by time: a read mark (by section)
/// or a withdrawn source (by source).
pub(super) trait Mark: Clone + PartialEq {
    fn key(&self) -> &str;
    fn at(&self) -> Timestamp;
    /// The change-tracking key of this mark's key.
    fn touch(key: &str) -> Touch;
}

impl Mark for ReadMark {
    fn key(&self) -> &str {
        &self.section
    }
    fn at(&self) -> Timestamp {
        self.at
    }
    fn touch(key: &str) -> Touch {
        Touch::Read(key.to_owned())
    }
}

impl Mark for Withdrawn {
    fn key(&self) -> &str {
        &self.source
    }
    fn at(&self) -> Timestamp {
        self.at
    }
    fn touch(key: &str) -> Touch {
        Touch::Withdrawn(key.to_owned())
    }
}

/// One mark per key, the newest, sorted by key.
fn newest_by_key<M: Mark>(marks: Vec<M>) -> Vec<M> {
    let mut by_key: BTreeMap<String, M> = BTreeMap::new();
    for mark in marks {
        match by_key.get(mark.key()) {
            Some(existing) if existing.at() >= mark.at() => {}
            _ => {
                by_key.insert(mark.key().to_owned(), mark);
            }
        }
    }
    by_key.into_values().collect()
}

/// A file in canonical form: borrowed when it is already, else a normalized copy.
pub(super) fn normalized(file: &StoreFile) -> Cow<'_, StoreFile> {
    if is_normalized(file) {
        Cow::Borrowed(file)
    } else {
        Cow::Owned(normalize(file.clone()))
    }
}

/// Whether a file is already as [`normalize`] would make it.
pub(super) fn is_normalized(file: &StoreFile) -> bool {
    fn strictly_sorted<T>(items: &[T], key: impl Fn(&T) -> &str) -> bool {
        items.windows(2).all(|w| key(&w[0]) < key(&w[1]))
    }
    let sorted = strictly_sorted(&file.notes, |n| &n.id)
        && strictly_sorted(&file.bookmarks, |b| &b.id)
        && strictly_sorted(&file.purged, |p| &p.id)
        && strictly_sorted(&file.read, |r| &r.section)
        && strictly_sorted(&file.withdrawn, |w| &w.source)
        && file
            .trash
            .windows(2)
            .all(|w| (w[0].deleted, w[0].annotation.id()) < (w[1].deleted, w[1].annotation.id()));
    if !sorted {
        return false;
    }
    let mut ids: FastSet<&str> = FastSet::default();
    ids.reserve(file.notes.len() + file.bookmarks.len() + file.trash.len() + file.purged.len());
    file.notes
        .iter()
        .map(|n| n.id.as_str())
        .chain(file.bookmarks.iter().map(|b| b.id.as_str()))
        .chain(file.trash.iter().map(|t| t.annotation.id()))
        .chain(file.purged.iter().map(|p| p.id.as_str()))
        .all(|id| ids.insert(id))
}

/// Builds a file (at [`SCHEMA`], without a title) from items, in canonical order.
pub(super) fn assemble(
    briefing: &str,
    position: Option<Position>,
    entries: impl IntoIterator<Item = Entry>,
    read: impl IntoIterator<Item = ReadMark>,
    withdrawn: impl IntoIterator<Item = Withdrawn>,
) -> StoreFile {
    let mut file = StoreFile::new(briefing);
    file.position = position;
    file.withdrawn = withdrawn.into_iter().collect();
    file.withdrawn.sort_by(|a, b| a.source.cmp(&b.source));
    for entry in entries {
        match entry {
            Entry::Live(Annotation::Note(n)) => file.notes.push(n),
            Entry::Live(Annotation::Bookmark(b)) => file.bookmarks.push(b),
            Entry::Trashed(t) => file.trash.push(t),
            Entry::Purged(p) => file.purged.push(p),
        }
    }
    file.read = read.into_iter().collect();
    file.notes.sort_by(|a, b| a.id.cmp(&b.id));
    file.bookmarks.sort_by(|a, b| a.id.cmp(&b.id));
    file.trash.sort_by(|a, b| {
        a.deleted
            .cmp(&b.deleted)
            .then_with(|| a.annotation.id().cmp(b.annotation.id()))
    });
    file.purged.sort_by(|a, b| a.id.cmp(&b.id));
    file.read.sort_by(|a, b| a.section.cmp(&b.section));
    file
}

pub(super) struct Merged {
    pub(super) file: StoreFile,
    pub(super) conflicts: usize,
    pub(super) from_disk: usize,
}

/// The three-way merge of `ours` (memory, normalized) with `disk` (normalized; `None`
/// when missing or damaged, and then ours is the result), `base` being the file as last
/// synced. See [`Store::save`] for the rules.
pub(super) fn merge(
    ours: &StoreFile,
    base: &StoreFile,
    disk: Option<StoreFile>,
    touched: &BTreeMap<Touch, Touched>,
) -> Merged {
    let Some(disk) = disk else {
        let mut file = assemble(
            &ours.briefing,
            ours.position.clone(),
            ours.notes
                .iter()
                .map(|n| Entry::Live(Annotation::Note(n.clone())))
                .chain(
                    ours.bookmarks
                        .iter()
                        .map(|b| Entry::Live(Annotation::Bookmark(b.clone()))),
                )
                .chain(ours.trash.iter().cloned().map(Entry::Trashed))
                .chain(ours.purged.iter().cloned().map(Entry::Purged)),
            ours.read.iter().cloned(),
            ours.withdrawn.iter().cloned(),
        );
        file.title = ours.title.clone();
        return Merged {
            file,
            conflicts: 0,
            from_disk: 0,
        };
    };
    // Items taken from disk as they are are moved out of it at the end, not cloned.
    let mut keep = Keep::new(&disk);
    let mut out: Vec<Entry> = Vec::new();
    let (position, read, conflicts, from_disk) = {
        let (o_map, b_map, d_map) = (entry_map(ours), entry_map(base), entry_slots(&disk));
        let ids = o_map
            .keys()
            .chain(d_map.keys().filter(|id| !o_map.contains_key(*id)))
            .copied();
        let (mut conflicts, mut from_disk) = (0, 0);
        for id in ids {
            let (o, b) = (o_map.get(id).copied(), b_map.get(id).copied());
            let (d, slot) = match d_map.get(id) {
                Some(&(d, slot)) => (Some(d), Some(slot)),
                None => (None, None),
            };
            match (o, d, slot) {
                (Some(o), None, _) => out.push(o.to_entry()),
                (None, _, Some(slot)) => {
                    from_disk += 1;
                    keep.mark(slot);
                }
                (Some(o), Some(d), Some(slot)) => {
                    if o == d {
                        keep.mark(slot);
                    } else if Some(d) == b {
                        out.push(o.to_entry());
                    } else if Some(o) == b {
                        from_disk += 1;
                        keep.mark(slot);
                    } else {
                        let touched_at = touched.get(&Touch::Item(id.to_owned())).map(|t| t.at);
                        let (resolved, copies) = resolve(id, o, d, b, touched_at);
                        conflicts += copies;
                        if resolved.len() != 1 || resolved.first().map(Entry::as_ref) != Some(o) {
                            from_disk += 1;
                        }
                        out.extend(resolved);
                    }
                }
                _ => {}
            }
        }
        let (position, read, others) = merge_position_and_reads(ours, base, &disk, touched);
        (position, read, conflicts, from_disk + others)
    };
    let (withdrawn, took_withdrawn) =
        merge_marks(&ours.withdrawn, &disk.withdrawn, &base.withdrawn, touched);
    let title = merge_title(&ours.title, &disk.title, &base.title);
    let took_title = usize::from(*title != ours.title);
    let title = title.clone();
    let StoreFile {
        notes,
        bookmarks,
        trash,
        purged,
        ..
    } = disk;
    out.extend(
        notes
            .into_iter()
            .zip(keep.notes)
            .filter_map(|(n, k)| k.then_some(Entry::Live(Annotation::Note(n)))),
    );
    out.extend(
        bookmarks
            .into_iter()
            .zip(keep.bookmarks)
            .filter_map(|(b, k)| k.then_some(Entry::Live(Annotation::Bookmark(b)))),
    );
    out.extend(
        trash
            .into_iter()
            .zip(keep.trash)
            .filter_map(|(t, k)| k.then_some(Entry::Trashed(t))),
    );
    out.extend(
        purged
            .into_iter()
            .zip(keep.purged)
            .filter_map(|(p, k)| k.then_some(Entry::Purged(p))),
    );
    let mut file = assemble(&ours.briefing, position, out, read, withdrawn);
    file.title = title;
    Merged {
        file,
        conflicts,
        from_disk: from_disk + took_withdrawn + took_title,
    }
}

/// The title a merge keeps: one side changed wins, else ours; but a side without one
/// never takes it away. A title is recorded, never removed: none means a writer that never
/// knew it (a set holding only a title counts as saved but writes no file, and another
/// instance may then create the file without it), not a removal.
fn merge_title<'v>(
    ours: &'v Option<String>,
    disk: &'v Option<String>,
    base: &Option<String>,
) -> &'v Option<String> {
    match (ours, disk) {
        (Some(_), None) => ours,
        (None, Some(_)) => disk,
        _ => three_way(ours, disk, Some(base)).unwrap_or(ours),
    }
}

/// Where an item sits in a file's lists.
#[derive(Debug, Clone, Copy)]
pub(super) enum Slot {
    Note(usize),
    Bookmark(usize),
    Trashed(usize),
    Purged(usize),
}

/// Which items of the disk's lists a merge keeps as they are.
struct Keep {
    notes: Vec<bool>,
    bookmarks: Vec<bool>,
    trash: Vec<bool>,
    purged: Vec<bool>,
}

impl Keep {
    fn new(file: &StoreFile) -> Self {
        Keep {
            notes: vec![false; file.notes.len()],
            bookmarks: vec![false; file.bookmarks.len()],
            trash: vec![false; file.trash.len()],
            purged: vec![false; file.purged.len()],
        }
    }

    fn mark(&mut self, slot: Slot) {
        match slot {
            Slot::Note(i) => self.notes[i] = true,
            Slot::Bookmark(i) => self.bookmarks[i] = true,
            Slot::Trashed(i) => self.trash[i] = true,
            Slot::Purged(i) => self.purged[i] = true,
        }
    }
}

/// The items of a file by id, with where they sit (ids are unique after [`normalize`]).
pub(super) fn entry_slots(file: &StoreFile) -> FastMap<&str, (ERef<'_>, Slot)> {
    let mut map = FastMap::default();
    map.reserve(file.notes.len() + file.bookmarks.len() + file.trash.len() + file.purged.len());
    for (i, n) in file.notes.iter().enumerate() {
        map.insert(
            n.id.as_str(),
            (ERef::Live(AnnotationRef::Note(n)), Slot::Note(i)),
        );
    }
    for (i, b) in file.bookmarks.iter().enumerate() {
        map.insert(
            b.id.as_str(),
            (ERef::Live(AnnotationRef::Bookmark(b)), Slot::Bookmark(i)),
        );
    }
    for (i, t) in file.trash.iter().enumerate() {
        map.insert(t.annotation.id(), (ERef::Trashed(t), Slot::Trashed(i)));
    }
    for (i, p) in file.purged.iter().enumerate() {
        map.insert(p.id.as_str(), (ERef::Purged(p), Slot::Purged(i)));
    }
    map
}

/// The position and the read marks of a merge, and how many came from disk.
fn merge_position_and_reads(
    ours: &StoreFile,
    base: &StoreFile,
    disk: &StoreFile,
    touched: &BTreeMap<Touch, Touched>,
) -> (Option<Position>, Vec<ReadMark>, usize) {
    let (position, took) = merge_position(
        ours.position.as_ref(),
        disk.position.as_ref(),
        base.position.as_ref(),
    );
    let (read, took_read) = merge_marks(&ours.read, &disk.read, &base.read, touched);
    (position, read, usize::from(took) + took_read)
}

/// Marks merged by key, three-way: the side that changed a key since the base wins;
/// when both did, the newer mark wins, and a mark removed here (unmarked, restored)
/// stays removed unless the other side set it again later. Returns the marks and how
/// many came from disk.
fn merge_marks<M: Mark>(
    ours: &[M],
    disk: &[M],
    base: &[M],
    touched: &BTreeMap<Touch, Touched>,
) -> (Vec<M>, usize) {
    let now = Timestamp::now();
    let by_key = |marks: &[M]| -> BTreeMap<String, M> {
        marks
            .iter()
            .map(|m| (m.key().to_owned(), m.clone()))
            .collect()
    };
    let (o_map, d_map, b_map) = (by_key(ours), by_key(disk), by_key(base));
    let keys: BTreeSet<&String> = o_map.keys().chain(d_map.keys()).collect();
    let (mut out, mut from_disk) = (Vec::new(), 0);
    for key in keys {
        let (o, d, b) = (o_map.get(key), d_map.get(key), b_map.get(key));
        let result = if o == d || d == b {
            o
        } else if o == b {
            d
        } else {
            match (o, d) {
                (Some(o), Some(d)) => Some(if o.at() >= d.at() { o } else { d }),
                (None, Some(d)) => {
                    let removed = touched.get(&M::touch(key)).map_or(now, |t| t.at);
                    (d.at() > removed).then_some(d)
                }
                (o, None) => o,
            }
        };
        if result != o {
            from_disk += 1;
        }
        out.extend(result.cloned());
    }
    (out, from_disk)
}

/// The position: the side that changed it since the base, or the newer. Returns it and
/// whether it came from disk.
pub(super) fn merge_position(
    o: Option<&Position>,
    d: Option<&Position>,
    b: Option<&Position>,
) -> (Option<Position>, bool) {
    let chosen = if o == d || d == b || d.is_none() {
        o
    } else if o == b || o.is_none() {
        d
    } else {
        match (o, d) {
            (Some(op), Some(dp)) if dp.updated > op.updated => d,
            _ => o,
        }
    };
    (chosen.cloned(), chosen != o)
}

/// The value that changed since the base, when only one side changed it; `None` when
/// both changed it differently.
pub(super) fn three_way<'v, T: PartialEq + ?Sized>(
    o: &'v T,
    d: &'v T,
    b: Option<&T>,
) -> Option<&'v T> {
    if o == d || b == Some(d) {
        Some(o)
    } else if b == Some(o) {
        Some(d)
    } else {
        None
    }
}

/// Resolves an item changed both here (`o`) and on disk (`d`) since the base `b`.
/// Returns the entries to keep and how many of them are conflict copies (new ids).
pub(super) fn resolve(
    id: &str,
    o: ERef<'_>,
    d: ERef<'_>,
    b: Option<ERef<'_>>,
    touched: Option<Timestamp>,
) -> (Vec<Entry>, usize) {
    let base_text = b.and_then(ERef::text);
    let base_live = matches!(b, Some(ERef::Live(_)));
    // Whether a live side brought something the other side never saw: new text, or a
    // new life (restored from the trash, or created).
    let is_active = |a: AnnotationRef<'_>| !base_live || Some(a.text()) != base_text;
    match (o, d) {
        (ERef::Live(oa), ERef::Live(da)) => merge_live(id, oa, da, b.and_then(ERef::annotation)),
        (ERef::Live(oa), ERef::Trashed(dt)) => {
            if is_active(oa) {
                keep_live_and_trash(id, oa, dt)
            } else {
                (vec![Entry::Trashed(dt.clone())], 0)
            }
        }
        (ERef::Trashed(ot), ERef::Live(da)) => {
            if is_active(da) {
                keep_live_and_trash(id, da, ot)
            } else {
                (vec![Entry::Trashed(ot.clone())], 0)
            }
        }
        (ERef::Trashed(ot), ERef::Trashed(dt)) => {
            let (newer, older) = if ot.deleted >= dt.deleted {
                (ot, dt)
            } else {
                (dt, ot)
            };
            let newer_text = AnnotationRef::from(&newer.annotation).text();
            let older_text = AnnotationRef::from(&older.annotation).text();
            if newer_text == older_text {
                (vec![Entry::Trashed(newer.clone())], 0)
            } else {
                let copy = Trashed {
                    deleted: older.deleted,
                    annotation: conflict_copy(id, (&older.annotation).into()),
                };
                (vec![Entry::Trashed(newer.clone()), Entry::Trashed(copy)], 1)
            }
        }
        (ERef::Purged(p), other) => {
            // We removed it for good; the other side keeps it only if it holds words we
            // never saw, or was changed after the removal.
            let survives = other
                .annotation()
                .is_some_and(|a| Some(a.text()) != base_text || a.updated() > p.at);
            if survives {
                (vec![other.to_entry()], 0)
            } else {
                (vec![Entry::Purged(p.clone())], 0)
            }
        }
        (mine, ERef::Purged(p)) => {
            // Removed for good elsewhere: ours survives if its words were not seen by
            // whoever removed it (changed here since the last sync), or if it was
            // changed or restored here after the removal.
            let survives = mine.annotation().is_some_and(|a| {
                Some(a.text()) != base_text
                    || a.updated() > p.at
                    || touched.is_some_and(|t| t > p.at)
            });
            if survives {
                (vec![mine.to_entry()], 0)
            } else {
                (vec![Entry::Purged(p.clone())], 0)
            }
        }
    }
}

/// A live item wins over a deletion; the trashed version stays in the trash (under a new
/// id) when its words differ.
pub(super) fn keep_live_and_trash(
    id: &str,
    live: AnnotationRef<'_>,
    trashed: &Trashed,
) -> (Vec<Entry>, usize) {
    let mut out = vec![Entry::Live(live.to_annotation())];
    let trashed_ref = AnnotationRef::from(&trashed.annotation);
    if trashed_ref.text() != live.text() {
        out.push(Entry::Trashed(Trashed {
            deleted: trashed.deleted,
            annotation: conflict_copy(id, trashed_ref),
        }));
        (out, 1)
    } else {
        (out, 0)
    }
}

/// A copy of an item under a new id; a note copy says which note it is a conflict copy of.
pub(super) fn conflict_copy(id: &str, a: AnnotationRef<'_>) -> Annotation {
    match a {
        AnnotationRef::Note(n) => Annotation::Note(Note {
            id: new_id(),
            conflict_of: Some(id.to_owned()),
            ..n.clone()
        }),
        AnnotationRef::Bookmark(b) => Annotation::Bookmark(Bookmark {
            id: new_id(),
            ..b.clone()
        }),
    }
}

/// Merges two live versions of an item field by field. Returns the entries to keep and
/// how many are conflict copies.
pub(super) fn merge_live(
    id: &str,
    o: AnnotationRef<'_>,
    d: AnnotationRef<'_>,
    b: Option<AnnotationRef<'_>>,
) -> (Vec<Entry>, usize) {
    let ours_newer = o.updated() >= d.updated();
    match (o, d) {
        (AnnotationRef::Note(on), AnnotationRef::Note(dn)) => {
            let bn = match b {
                Some(AnnotationRef::Note(n)) => Some(n),
                _ => None,
            };
            let (newer, older) = if ours_newer { (on, dn) } else { (dn, on) };
            let body = three_way(&on.body, &dn.body, bn.map(|n| &n.body));
            let place = three_way(
                &(&on.anchor, on.moved),
                &(&dn.anchor, dn.moved),
                bn.map(|n| (&n.anchor, n.moved)).as_ref(),
            )
            .copied()
            .unwrap_or((&newer.anchor, newer.moved));
            let conflict_of =
                three_way(&on.conflict_of, &dn.conflict_of, bn.map(|n| &n.conflict_of))
                    .unwrap_or(&newer.conflict_of);
            let merged = Note {
                id: id.to_owned(),
                anchor: place.0.clone(),
                moved: place.1,
                body: body.unwrap_or(&newer.body).clone(),
                created: on.created.min(dn.created),
                updated: on.updated.max(dn.updated),
                conflict_of: conflict_of.clone(),
            };
            let mut out = vec![Entry::Live(Annotation::Note(merged))];
            if body.is_none() {
                out.push(Entry::Live(conflict_copy(id, AnnotationRef::Note(older))));
            }
            let copies = out.len() - 1;
            (out, copies)
        }
        (AnnotationRef::Bookmark(ob), AnnotationRef::Bookmark(db)) => {
            let bb = match b {
                Some(AnnotationRef::Bookmark(b)) => Some(b),
                _ => None,
            };
            let (newer, older) = if ours_newer { (ob, db) } else { (db, ob) };
            let label = three_way(&ob.label, &db.label, bb.map(|b| &b.label));
            let place = three_way(
                &(&ob.anchor, ob.moved),
                &(&db.anchor, db.moved),
                bb.map(|b| (&b.anchor, b.moved)).as_ref(),
            )
            .copied()
            .unwrap_or((&newer.anchor, newer.moved));
            let merged = Bookmark {
                id: id.to_owned(),
                anchor: place.0.clone(),
                moved: place.1,
                label: label.unwrap_or(&newer.label).clone(),
                created: ob.created.min(db.created),
                updated: ob.updated.max(db.updated),
            };
            let mut out = vec![Entry::Live(Annotation::Bookmark(merged))];
            if label.is_none() {
                out.push(Entry::Live(conflict_copy(
                    id,
                    AnnotationRef::Bookmark(older),
                )));
            }
            let copies = out.len() - 1;
            (out, copies)
        }
        // The same id for a note and a bookmark: keep both.
        _ => (
            vec![
                Entry::Live(o.to_annotation()),
                Entry::Live(conflict_copy(id, d)),
            ],
            1,
        ),
    }
}
