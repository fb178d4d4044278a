//! Unit tests of the store: the format, damaged and newer files, backups, faults, locking
//! and drafts. The merge rules are tested in `merging`.

use std::fs::{self, File, OpenOptions};
use std::path::Path;

use proptest::prelude::*;

use super::format::{ChunkCache, Parsed, encode, parse, parse_canonical, split_chunks};
use super::merge::normalize;
use super::*;

mod disk;
mod merging;
mod saving;

pub(super) fn anchor(section: &str) -> Anchor {
    Anchor {
        briefing: "b1".to_owned(),
        section: section.to_owned(),
        block: 2,
        quote: "the quoted passage".to_owned(),
        prefix: "before ".to_owned(),
        suffix: " after".to_owned(),
        version: "0123456789abcdef".to_owned(),
    }
}

pub(super) fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    (dir, store)
}

pub(super) fn load(store: &Store, id: &str) -> AnnotationSet {
    let outcome = store.load(id).unwrap();
    assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
    outcome.set
}

pub(super) fn save(store: &Store, set: &mut AnnotationSet) -> SaveOutcome {
    store.save(set, LockMode::Wait).unwrap()
}

/// Every file under `dir`, recursively, with its path.
pub(super) fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

pub(super) fn temp_files(dir: &Path) -> Vec<PathBuf> {
    all_files(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect()
}

pub(super) fn body_of(set: &AnnotationSet, id: &str) -> String {
    set.note(id).unwrap().body.clone()
}

// ---- format ----------------------------------------------------------------------

#[test]
fn the_file_is_readable_toml() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    set.add_note(anchor("s1"), "first line\nsecond line");
    set.add_bookmark(anchor("s2"), Some("label".to_owned()));
    set.set_position("s1", 3);
    set.mark_read("s1", "abcd");
    let id = set.add_note(anchor("s3"), "to trash");
    set.delete(&id);
    save(&store, &mut set);
    let text = fs::read_to_string(store.file_path("b1")).unwrap();
    assert!(
        text.starts_with(&format!("schema = {SCHEMA}\nbriefing = \"b1\"\n")),
        "{text}"
    );
    for header in [
        "[[notes]]",
        "[notes.anchor]",
        "[[bookmarks]]",
        "[position]",
        "[[read]]",
        "[[trash]]",
        "[trash.annotation]",
    ] {
        assert!(text.contains(header), "{header} missing in\n{text}");
    }
    assert!(text.contains("first line\nsecond line"), "{text}");
    let again = load(&store, "b1");
    assert_eq!(again.file, set.file);
    assert!(!again.is_dirty());
}

#[test]
fn saving_an_unchanged_set_writes_nothing() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    assert!(!set.is_dirty());
    assert!(!save(&store, &mut set).written);
    assert!(!store.file_path("b1").exists());
    set.add_note(anchor("s"), "x");
    assert!(save(&store, &mut set).written);
    // Timestamps round-trip exactly, so the file equals memory after a save.
    assert!(!set.is_dirty());
    assert!(!save(&store, &mut set).written);
    let mut other = load(&store, "b1");
    assert!(!save(&store, &mut other).written);
}

fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\"\"\"".to_owned()),
        Just("'''".to_owned()),
        Just("\\".to_owned()),
        Just("\\n".to_owned()),
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\0".to_owned()),
        Just("\u{7f}\u{1b}[31m\u{8}".to_owned()),
        Just("e\u{301}\u{302}".to_owned()),
        Just("👩‍👩‍👧 🎉".to_owned()),
        Just("東京 Ελληνικά".to_owned()),
        Just("\u{feff}\u{200b}\u{2028}\u{2029}".to_owned()),
        Just(" \t ".to_owned()),
        Just("#tag".to_owned()),
        Just("\n[[notes]]\nid = \"x\"\n".to_owned()),
        Just("\n[position]\n".to_owned()),
        Just("\"".to_owned()),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn bodies_round_trip_byte_exactly(
        body in nasty_text(),
        label in nasty_text(),
        quote in nasty_text(),
        section in nasty_text(),
        seconds in -377_705_116_800i64..253_402_207_200,
        nanos in 0i32..1_000_000_000,
        block in 0usize..=(i64::MAX as usize),
    ) {
        let time = Timestamp::new(seconds, nanos).unwrap();
        let mut set = AnnotationSet::new("b1");
        let mut a = anchor(&section);
        a.quote = quote.clone();
        a.prefix = quote.clone();
        a.block = block;
        let id = set.add_note(a.clone(), &body);
        set.file.notes[0].created = time;
        set.file.notes[0].conflict_of = Some(label.clone());
        set.add_bookmark(a, Some(label.clone()));
        set.file.bookmarks[0].moved = true;
        let trashed = set.add_note(anchor("t"), &body);
        set.delete(&trashed);
        let bookmark = set.add_bookmark(anchor("t"), None);
        set.delete(&bookmark);
        set.set_position(&section, block);
        set.mark_read_with_text(&section, &quote, &body);
        set.mark_read(&format!("{section}+"), &quote);
        set.set_title(&label);
        set.withdraw_source(&quote);
        set.withdraw_source(&section);
        set.file.purged.push(Purged { id: label.clone(), at: time });
        let file = normalize(set.file.clone());
        let (bytes, chunks) = encode(&file, Path::new("x"), &ChunkCache::default()).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        // The canonical layout is TOML that the `toml` crate reads back exactly...
        let by_toml: StoreFile = toml::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&by_toml, &file);
        // ... and so does the item-by-item parse, with and without cached items.
        for cache in [ChunkCache::default(), chunks] {
            match parse(&bytes, "b1", &cache) {
                Parsed::Good(back) => {
                    prop_assert_eq!(&back, &file);
                    let note = back.notes.iter().find(|n| n.id == id).unwrap();
                    prop_assert_eq!(note.body.as_bytes(), body.as_bytes());
                    prop_assert_eq!(note.anchor.quote.as_bytes(), quote.as_bytes());
                    prop_assert_eq!(back.bookmarks[0].label.as_deref(), Some(label.as_str()));
                    prop_assert_eq!(back.title.as_deref(), Some(label.as_str()));
                    let mark = back.read.iter().find(|r| r.section == section).unwrap();
                    prop_assert_eq!(mark.text.as_deref().map(str::as_bytes), Some(body.as_bytes()));
                    prop_assert!(back.withdrawn.iter().any(|w| w.source == quote));
                }
                _ => prop_assert!(false, "did not parse:\n{}", text),
            }
        }
    }
}

#[test]
fn files_in_another_layout_load_and_are_rewritten_canonically() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let id = set.add_note(anchor("s"), "line one\nline \"two\"");
    set.add_bookmark(anchor("s"), Some("mark".to_owned()));
    set.set_position("s", 1);
    let file = normalize(set.file.clone());
    fs::create_dir_all(store.annotations_dir()).unwrap();
    // As the `toml` crate writes it, and then hand-edited with comments and spacing.
    let by_toml = toml::to_string(&file).unwrap();
    let edited = format!("# my notes\n{}", by_toml.replace("\n[[", "\n  # next\n[["));
    for text in [by_toml, edited] {
        fs::write(store.file_path("b1"), &text).unwrap();
        let mut loaded = load(&store, "b1");
        assert_eq!(loaded.file, file);
        loaded.mark_read("s", "h");
        save(&store, &mut loaded);
        let written = fs::read(store.file_path("b1")).unwrap();
        assert_ne!(written, text.as_bytes());
        assert_eq!(body_of(&load(&store, "b1"), &id), "line one\nline \"two\"");
    }
}

#[test]
fn canonical_files_are_parsed_item_by_item() {
    let mut set = AnnotationSet::new("b1");
    set.add_note(anchor("s"), "multi\nline \"body\"");
    set.add_bookmark(anchor("s"), None);
    set.set_position("s", 0);
    set.mark_read("s", "h");
    let file = normalize(set.file.clone());
    let (bytes, cache) = encode(&file, Path::new("x"), &ChunkCache::default()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let (header, chunks) = split_chunks(&text);
    assert_eq!(chunks.len(), 4);
    for cache in [ChunkCache::default(), cache.clone()] {
        assert_eq!(parse_canonical(header, &chunks, &cache), Some(file.clone()));
    }
    // Out of order, or an item changed by hand: not canonical (the full parse is used).
    let swapped = [chunks[1], chunks[0], chunks[2], chunks[3]];
    assert_eq!(parse_canonical(header, &swapped, &cache), None);
    let edited = chunks[1]
        .replace("body", "body ")
        .replace("body  =", "body =");
    let edited = edited.replacen("id = ", "id  = ", 1);
    assert_eq!(parse_canonical(header, &[&edited], &cache), None);
}

#[test]
fn a_body_holding_a_header_line_is_read_whole() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let tricky = "before\n[[notes]]\nid = \"fake\"\n[position]\nafter";
    let id = set.add_note(anchor("s"), tricky);
    set.add_note(anchor("s"), "plain");
    save(&store, &mut set);
    let mut other = load(&store, "b1");
    assert_eq!(body_of(&other, &id), tricky);
    assert_eq!(other.file.notes.len(), 2);
    set.add_note(anchor("s"), "third");
    save(&store, &mut set);
    other.set_position("s", 2);
    save(&store, &mut other);
    assert_eq!(other.file.notes.len(), 3);
    assert_eq!(body_of(&other, &id), tricky);
}

#[test]
fn nasty_bodies_round_trip_through_the_store() {
    let (_dir, store) = temp_store();
    let bodies = [
        "",
        "\"\"\"",
        "ends with a quote\"",
        "a\\b\\\\c\\n",
        "line\r\nline\rline\n",
        "nul\0inside",
        "bell\u{7}esc\u{1b}del\u{7f}",
        "e\u{301} 東京 👩‍👩‍👧 🎉",
        "'''\n\"\"\"\n'''",
        "\n\nleading and trailing newlines\n\n",
        "trailing spaces   \n\t",
    ];
    let mut set = AnnotationSet::new("b1");
    let ids: Vec<String> = bodies
        .iter()
        .map(|b| set.add_note(anchor("s"), b))
        .collect();
    save(&store, &mut set);
    let back = load(&store, "b1");
    for (id, body) in ids.iter().zip(bodies) {
        assert_eq!(body_of(&back, id).as_bytes(), body.as_bytes());
    }
}

// ---- damaged and newer files -----------------------------------------------------

fn corrupt_copies(store: &Store) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = all_files(&store.annotations_dir())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".toml.corrupt-"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_damaged_file_is_kept_and_the_backup_loaded() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let first = set.add_note(anchor("s"), "first");
    save(&store, &mut set);
    set.add_note(anchor("s"), "second");
    save(&store, &mut set); // backs up the version with "first" only
    let damaged: &[u8] = b"schema = 1\nbriefing = \"b1\"\n[[notes]]\nid = \"trunc";
    fs::write(store.file_path("b1"), damaged).unwrap();

    let outcome = store.load("b1").unwrap();
    let copies = corrupt_copies(&store);
    assert_eq!(copies.len(), 1);
    assert_eq!(fs::read(&copies[0]).unwrap(), damaged);
    assert_eq!(fs::read(store.file_path("b1")).unwrap(), damaged);
    assert_eq!(outcome.notices.len(), 1);
    let notice = &outcome.notices[0];
    assert!(notice.contains("was damaged"), "{notice}");
    assert!(notice.contains("kept as"), "{notice}");
    assert!(notice.contains("loaded the backup from"), "{notice}");
    let mut set = outcome.set;
    assert_eq!(body_of(&set, &first), "first");
    assert!(set.is_dirty());

    // Loading again does not pile up copies.
    store.load("b1").unwrap();
    assert_eq!(corrupt_copies(&store).len(), 1);

    // The next save writes a good file; the damaged one stays kept.
    save(&store, &mut set);
    assert_eq!(body_of(&load(&store, "b1"), &first), "first");
    assert_eq!(fs::read(&copies[0]).unwrap(), damaged);
}

#[test]
fn damaged_files_of_every_kind_are_kept_byte_identical() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "not utf-8",
            b"schema = 1\nbriefing = \"b1\xff\xfe\"\n".to_vec(),
        ),
        ("not toml", b"this is { not toml".to_vec()),
        (
            "other briefing",
            b"schema = 1\nbriefing = \"b2\"\n".to_vec(),
        ),
        ("no schema", b"briefing = \"b1\"\n".to_vec()),
        (
            "unknown field",
            b"schema = 1\nbriefing = \"b1\"\nextra = 3\n".to_vec(),
        ),
        ("empty", Vec::new()),
    ];
    for (name, bytes) in cases {
        let (_dir, store) = temp_store();
        fs::create_dir_all(store.annotations_dir()).unwrap();
        fs::write(store.file_path("b1"), &bytes).unwrap();
        let outcome = store.load("b1").unwrap();
        assert!(
            outcome.notices[0].contains("no usable backup"),
            "{name}: {:?}",
            outcome.notices
        );
        let copies = corrupt_copies(&store);
        assert_eq!(copies.len(), 1, "{name}");
        assert_eq!(fs::read(&copies[0]).unwrap(), bytes, "{name}");
        let mut set = outcome.set;
        assert!(set.file.notes.is_empty() && set.is_dirty(), "{name}");
        set.add_note(anchor("s"), "new");
        save(&store, &mut set);
        assert_eq!(load(&store, "b1").file.notes.len(), 1, "{name}");
        assert_eq!(fs::read(&copies[0]).unwrap(), bytes, "{name}");
    }
}

#[test]
fn a_file_damaged_after_loading_is_kept_before_being_replaced() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let id = set.add_note(anchor("s"), "mine");
    save(&store, &mut set);
    fs::write(store.file_path("b1"), b"garbage \x00\x01").unwrap();
    set.set_position("s", 1);
    let outcome = save(&store, &mut set);
    assert_eq!(outcome.notices.len(), 1, "{:?}", outcome.notices);
    let copies = corrupt_copies(&store);
    assert_eq!(fs::read(&copies[0]).unwrap(), b"garbage \x00\x01");
    assert_eq!(body_of(&load(&store, "b1"), &id), "mine");
}

#[test]
fn a_file_over_the_size_cap_counts_as_damaged() {
    let (_dir, store) = temp_store();
    fs::create_dir_all(store.annotations_dir()).unwrap();
    let file = File::create(store.file_path("b1")).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    let outcome = store.load("b1").unwrap();
    assert!(outcome.notices[0].contains("larger than 64 MiB"));
    let copies = corrupt_copies(&store);
    assert_eq!(fs::metadata(&copies[0]).unwrap().len(), MAX_FILE_BYTES + 1);
}

#[test]
fn a_newer_schema_is_read_only_and_never_written() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let id = set.add_note(anchor("s"), "old note");
    save(&store, &mut set);
    let text = fs::read_to_string(store.file_path("b1")).unwrap();
    let future = SCHEMA + 1;
    let newer = text
        .replacen(
            &format!("schema = {SCHEMA}"),
            &format!("schema = {future}\nfuture_field = \"x\""),
            1,
        )
        .replacen("[notes.anchor]", "colour = \"red\"\n\n[notes.anchor]", 1)
        + "\n[[notes]]\nid = \"weird\"\nshape = 3\n\n[[future_things]]\nx = 1\n";
    fs::write(store.file_path("b1"), &newer).unwrap();
    let before = all_files(store.data_dir());

    let outcome = store.load("b1").unwrap();
    let mut set = outcome.set;
    assert!(set.is_read_only());
    assert_eq!(set.newer_schema(), Some(future));
    assert!(
        outcome.notices[0].contains("newer version"),
        "{:?}",
        outcome.notices
    );
    assert!(
        outcome.notices[0].contains("1 item"),
        "{:?}",
        outcome.notices
    );
    assert_eq!(body_of(&set, &id), "old note");

    set.add_note(anchor("s"), "attempt");
    let err = store.save(&mut set, LockMode::Wait).unwrap_err();
    assert!(
        matches!(err, StoreError::ReadOnly { schema } if schema == future),
        "{err}"
    );
    assert!(err.to_string().contains("newer version"));
    assert!(set.is_dirty());
    assert_eq!(fs::read_to_string(store.file_path("b1")).unwrap(), newer);
    assert_eq!(all_files(store.data_dir()), before);

    // A file upgraded by a newer brief while this one had it open: refused too.
    let mut fs_set = AnnotationSet::new("b1");
    fs_set.add_note(anchor("s"), "x");
    let err = store.save(&mut fs_set, LockMode::Wait).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { schema } if schema == future));
    assert_eq!(fs::read_to_string(store.file_path("b1")).unwrap(), newer);
}

// ---- backups, temp files, names ----------------------------------------------------

#[test]
fn backups_keep_the_newest_five() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let mut versions = Vec::new();
    for i in 0..9 {
        set.add_note(anchor("s"), &format!("note {i}"));
        save(&store, &mut set);
        versions.push(fs::read(store.file_path("b1")).unwrap());
    }
    // Another briefing whose id starts the same is not touched.
    let mut other = AnnotationSet::new("b1-x");
    other.add_note(anchor("s"), "x");
    save(&store, &mut other);
    other.add_note(anchor("s"), "y");
    save(&store, &mut other);
    let backups = store.backups("b1");
    assert_eq!(backups.len(), BACKUPS_KEPT);
    let contents: Vec<Vec<u8>> = backups.iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(contents, versions[3..8].to_vec());
    assert_eq!(store.backups("b1-x").len(), 1);
}

#[test]
fn stale_temp_files_are_removed_on_the_next_save() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    set.add_note(anchor("s"), "x");
    save(&store, &mut set);
    let stale = store.annotations_dir().join(".b1.toml.tmp-99999-7");
    let other = store.annotations_dir().join(".b1-x.toml.tmp-99999-7");
    fs::write(&stale, "partial").unwrap();
    fs::write(&other, "partial").unwrap();
    set.add_note(anchor("s"), "y");
    save(&store, &mut set);
    assert!(!stale.exists());
    assert!(
        other.exists(),
        "another briefing's temp file is not ours to remove"
    );
}

#[test]
fn names_that_are_not_plain_are_refused() {
    let (_dir, store) = temp_store();
    for bad in [
        "",
        "../x",
        "a/b",
        "a.b",
        ".hidden",
        "a b",
        "é",
        "x~1",
        &"x".repeat(MAX_ID_LEN + 1),
    ] {
        assert!(
            matches!(store.load(bad), Err(StoreError::BadName { .. })),
            "{bad}"
        );
        let mut set = AnnotationSet::new(bad);
        assert!(matches!(
            store.save(&mut set, LockMode::Wait),
            Err(StoreError::BadName { .. })
        ));
    }
    assert!(all_files(store.data_dir()).is_empty());
}

#[test]
fn briefings_lists_ids_with_a_store_file() {
    let (_dir, store) = temp_store();
    assert!(store.briefings().is_empty());
    for id in ["zeta", "alpha-1"] {
        let mut set = AnnotationSet::new(id);
        set.set_position("s", 0);
        save(&store, &mut set);
    }
    assert_eq!(store.briefings(), ["alpha-1", "zeta"]);
}

// ---- locking -------------------------------------------------------------------------

#[test]
fn busy_when_another_holds_the_lock() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    set.add_note(anchor("s"), "first");
    save(&store, &mut set);
    set.add_note(anchor("s"), "second");
    let memory = set.file.clone();
    let before = fs::read(store.file_path("b1")).unwrap();

    let holder = OpenOptions::new()
        .write(true)
        .open(store.lock_path("b1"))
        .unwrap();
    holder.lock().unwrap();
    let err = store.save(&mut set, LockMode::Try).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err}");
    assert!(err.to_string().contains("another brief"));
    assert_eq!(set.file, memory);
    assert!(set.is_dirty());
    assert_eq!(fs::read(store.file_path("b1")).unwrap(), before);

    // Wait blocks until the holder lets go.
    let (tx, rx) = std::sync::mpsc::channel();
    let waiting_store = store.clone();
    let mut waiting_set = set.clone();
    let waiter = std::thread::spawn(move || {
        let result = waiting_store.save(&mut waiting_set, LockMode::Wait);
        tx.send(result.is_ok()).unwrap();
    });
    assert!(
        rx.recv_timeout(std::time::Duration::from_millis(300))
            .is_err()
    );
    drop(holder);
    assert!(rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap());
    waiter.join().unwrap();

    // And the lock is released after every save, failed or not.
    store.save(&mut set, LockMode::Try).unwrap();
    assert_eq!(load(&store, "b1").file.notes.len(), 2);
}

// ---- drafts ----------------------------------------------------------------------------

#[test]
fn drafts_are_saved_listed_and_removed() {
    let (dir, store) = temp_store();
    assert!(store.drafts().is_empty());
    let draft = Draft {
        key: new_id(),
        briefing: "b1".to_owned(),
        note_id: None,
        anchor: anchor("s"),
        body: "half-typed \"\"\" \r\n 東京 🎉\0".to_owned(),
        saved: Timestamp::now(),
    };
    store.save_draft(&draft).unwrap();
    let mut second = draft.clone();
    second.key = "n-2".to_owned();
    second.note_id = Some("n-2".to_owned());
    second.saved = draft.saved + jiff::SignedDuration::from_secs(1);
    store.save_draft(&second).unwrap();
    // Saving again replaces.
    second.body = "more text".to_owned();
    store.save_draft(&second).unwrap();
    assert_eq!(store.drafts(), [draft.clone(), second.clone()]);
    // A damaged draft is skipped and left in place.
    let damaged = store.drafts_dir().join("broken.toml");
    fs::write(&damaged, "nope").unwrap();
    assert_eq!(store.drafts().len(), 2);
    assert!(damaged.exists());
    store.remove_draft(&draft.key).unwrap();
    store.remove_draft(&draft.key).unwrap();
    assert_eq!(store.drafts(), [second]);
    assert!(temp_files(dir.path()).is_empty());
    // Any key is kept safely inside `drafts/`: one that is not a plain name is hashed.
    let mut odd = draft;
    odd.key = "../escape~1".to_owned();
    store.save_draft(&odd).unwrap();
    assert!(
        all_files(dir.path())
            .iter()
            .all(|p| p.starts_with(dir.path()))
    );
    assert!(!dir.path().parent().unwrap().join("escape~1.toml").exists());
    assert!(store.drafts().contains(&odd));
    store.remove_draft(&odd.key).unwrap();
    assert!(!store.drafts().contains(&odd));
}

#[test]
fn a_failing_draft_save_leaves_the_old_draft() {
    let dir = tempfile::tempdir().unwrap();
    let faults = Faults::new();
    let store = Store::with_faults(dir.path(), faults.clone());
    let mut draft = Draft {
        key: "k".to_owned(),
        briefing: "b1".to_owned(),
        note_id: None,
        anchor: anchor("s"),
        body: "version 1".to_owned(),
        saved: Timestamp::now(),
    };
    store.save_draft(&draft).unwrap();
    draft.body = "version 2".to_owned();
    faults.fail_step(Step::Write, Faults::ENOSPC);
    assert!(store.save_draft(&draft).is_err());
    assert_eq!(store.drafts()[0].body, "version 1");
    assert!(temp_files(dir.path()).is_empty());
    faults.clear();
    store.save_draft(&draft).unwrap();
    assert_eq!(store.drafts()[0].body, "version 2");
}
