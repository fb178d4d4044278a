//! Unit tests of saving off the UI thread: a snapshot saved while the set goes on being
//! edited, then adopted back.

use super::*;

/// Saves a snapshot of `set` as a background thread would, and returns it with its
/// ticket.
fn save_snapshot(store: &Store, set: &AnnotationSet) -> (AnnotationSet, SaveTicket) {
    let (mut copy, ticket) = set.snapshot();
    let store = store.clone();
    let copy = std::thread::spawn(move || {
        save(&store, &mut copy);
        copy
    })
    .join()
    .unwrap();
    (copy, ticket)
}

#[test]
fn edits_counts_every_change_and_only_changes() {
    let mut set = AnnotationSet::new("b1");
    assert_eq!(set.edits(), 0);
    let id = set.add_note(anchor("s"), "a");
    assert_eq!(set.edits(), 1);
    set.update_note(&id, "a");
    set.set_title("T");
    set.set_title("T");
    set.withdraw_source("src");
    set.withdraw_source("src");
    assert_eq!(set.edits(), 3);
    set.restore_source("src");
    set.restore_source("src");
    set.mark_read_with_text("s", "h", "text");
    assert_eq!(set.edits(), 5);
}

#[test]
fn adopting_a_save_of_an_unchanged_set_makes_it_clean() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    set.add_note(anchor("s"), "note");
    let edits = set.edits();
    let (saved, ticket) = save_snapshot(&store, &set);
    set.adopt_saved(saved, ticket);
    assert!(!set.is_dirty());
    assert_eq!(set.edits(), edits);
    assert_eq!(set.file, load(&store, "b1").file);
    assert!(!save(&store, &mut set).written);
}

#[test]
fn an_edit_made_during_a_save_is_saved_next_without_a_conflict() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let id = set.add_note(anchor("s"), "A");
    save(&store, &mut set);
    set.update_note(&id, "B");
    let (saved, ticket) = save_snapshot(&store, &set);
    assert_eq!(body_of(&load(&store, "b1"), &id), "B");
    set.update_note(&id, "C");
    set.adopt_saved(saved, ticket);
    assert!(set.is_dirty());
    assert_eq!(body_of(&set, &id), "C");
    let outcome = save(&store, &mut set);
    assert_eq!(outcome.conflicts, 0);
    let disk = load(&store, "b1");
    assert_eq!(disk.file.notes.len(), 1);
    assert_eq!(body_of(&disk, &id), "C");
    assert_eq!(set.file, disk.file);
}

#[test]
fn what_a_save_merged_in_appears_after_adopting_it() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let shared = a.add_note(anchor("s"), "shared");
    let edited_by_b = a.add_note(anchor("s"), "to be edited by b");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.add_note(anchor("s"), "by a before the save");
    let theirs = b.add_note(anchor("s"), "by b");
    b.update_note(&edited_by_b, "edited by b");
    b.withdraw_source("src-b");
    save(&store, &mut b);
    let (saved, ticket) = save_snapshot(&store, &a);
    let during = a.add_note(anchor("s"), "by a during the save");
    a.update_note(&shared, "shared, edited during the save");
    a.mark_read_with_text("s", "h", "text");
    a.adopt_saved(saved, ticket);
    assert!(a.is_dirty());
    assert_eq!(body_of(&a, &theirs), "by b");
    assert_eq!(body_of(&a, &edited_by_b), "edited by b");
    assert!(a.is_withdrawn("src-b"));
    assert_eq!(body_of(&a, &during), "by a during the save");
    let outcome = save(&store, &mut a);
    assert_eq!(outcome.conflicts, 0);
    let disk = load(&store, "b1");
    assert_eq!(disk.file, a.file);
    assert_eq!(disk.file.notes.len(), 5);
    assert_eq!(body_of(&disk, &edited_by_b), "edited by b");
    assert_eq!(body_of(&disk, &shared), "shared, edited during the save");
    assert_eq!(disk.read_mark("s").unwrap().text.as_deref(), Some("text"));
    // b picks everything up, with no conflict either.
    assert_eq!(save(&store, &mut b).conflicts, 0);
    assert_eq!(b.file, disk.file);
}

#[test]
fn removals_made_during_a_save_stay_removed() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let id = set.add_note(anchor("s"), "to delete");
    set.mark_read("s", "h");
    set.withdraw_source("src");
    let (saved, ticket) = save_snapshot(&store, &set);
    set.delete(&id);
    set.unmark_read("s");
    set.restore_source("src");
    set.adopt_saved(saved, ticket);
    save(&store, &mut set);
    let disk = load(&store, "b1");
    assert!(disk.note(&id).is_none() && disk.file.trash.len() == 1);
    assert!(disk.read_mark("s").is_none());
    assert!(!disk.is_withdrawn("src"));
}

#[test]
fn a_save_that_failed_is_not_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let faults = Faults::new();
    let store = Store::with_faults(dir.path(), faults.clone());
    let mut set = AnnotationSet::new("b1");
    let id = set.add_note(anchor("s"), "unsaved");
    let (mut copy, ticket) = set.snapshot();
    faults.fail_step(Step::Write, Faults::ENOSPC);
    assert!(store.save(&mut copy, LockMode::Wait).is_err());
    set.add_note(anchor("s"), "later");
    set.adopt_saved(copy, ticket);
    assert!(set.is_dirty());
    assert_eq!(set.file.notes.len(), 2);
    faults.clear();
    save(&store, &mut set);
    assert_eq!(body_of(&load(&store, "b1"), &id), "unsaved");
}

/// The proptest's minimal failing case, as it was: a title recorded while the set held
/// nothing else (no file is written for a title alone), another instance then creating
/// the file without one, and the reader recording the same title again during the save.
/// The save must not read the title-less file as the title taken away.
#[test]
fn a_title_not_yet_on_disk_survives_a_save_over_another_instances_file() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    set.set_title("C");
    assert!(!save(&store, &mut set).written);
    let mut other = load(&store, "b1");
    other.add_note(anchor("s9"), "by another instance");
    save(&store, &mut other);
    assert_eq!(load(&store, "b1").title(), None);

    let (saved, ticket) = save_snapshot(&store, &set);
    assert_eq!(saved.title(), Some("C"));
    set.set_title("C");
    set.adopt_saved(saved, ticket);
    assert_eq!(set.title(), Some("C"));
    assert_eq!(set.file.notes.len(), 1);
    save(&store, &mut set);
    let disk = load(&store, "b1");
    assert_eq!(disk.title(), Some("C"));
    assert_eq!(disk.file, set.file);
}

// ---- the same result as two saves in a row ------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    AddNote(u8, String),
    Edit(usize, String),
    AddBookmark(u8, Option<String>),
    Label(usize, Option<String>),
    Delete(usize),
    Restore(usize),
    EmptyTrash,
    Position(u8, usize),
    Read(u8, String),
    Unread(u8),
    Title(String),
    Withdraw(u8),
    RestoreSource(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let text = prop_oneof![
        Just("A".to_owned()),
        Just("B".to_owned()),
        Just("C".to_owned()),
        Just("line\nline".to_owned()),
    ];
    let label = proptest::option::of(text.clone());
    prop_oneof![
        (0u8..3, text.clone()).prop_map(|(s, t)| Op::AddNote(s, t)),
        (any::<usize>(), text.clone()).prop_map(|(i, t)| Op::Edit(i, t)),
        (0u8..3, label.clone()).prop_map(|(s, l)| Op::AddBookmark(s, l)),
        (any::<usize>(), label).prop_map(|(i, l)| Op::Label(i, l)),
        any::<usize>().prop_map(Op::Delete),
        any::<usize>().prop_map(Op::Restore),
        Just(Op::EmptyTrash),
        (0u8..3, 0usize..5).prop_map(|(s, b)| Op::Position(s, b)),
        (0u8..3, text.clone()).prop_map(|(s, t)| Op::Read(s, t)),
        (0u8..3).prop_map(Op::Unread),
        text.prop_map(Op::Title),
        (0u8..3).prop_map(Op::Withdraw),
        (0u8..3).prop_map(Op::RestoreSource),
    ]
}

/// Applies an operation; `ids` are the items created so far, in order, so that the same
/// operations pick the same items in two sets whose new items have different ids.
fn apply(set: &mut AnnotationSet, ids: &mut Vec<String>, op: &Op) {
    let pick = |i: usize| ids.get(i % ids.len().max(1)).cloned().unwrap_or_default();
    let section = |s: u8| format!("s{s}");
    match op {
        Op::AddNote(s, t) => ids.push(set.add_note(anchor(&section(*s)), t)),
        Op::Edit(i, t) => drop(set.update_note(&pick(*i), t)),
        Op::AddBookmark(s, l) => ids.push(set.add_bookmark(anchor(&section(*s)), l.clone())),
        Op::Label(i, l) => drop(set.set_bookmark_label(&pick(*i), l.clone())),
        Op::Delete(i) => drop(set.delete(&pick(*i))),
        Op::Restore(i) => drop(set.restore(&pick(*i))),
        Op::EmptyTrash => drop(set.empty_trash()),
        Op::Position(s, b) => set.set_position(&section(*s), *b),
        Op::Read(s, t) => set.mark_read_with_text(&section(*s), t, &format!("{t} text")),
        Op::Unread(s) => set.unmark_read(&section(*s)),
        Op::Title(t) => set.set_title(t),
        Op::Withdraw(s) => drop(set.withdraw_source(&section(*s))),
        Op::RestoreSource(s) => drop(set.restore_source(&section(*s))),
    }
}

/// A file without what differs between two runs of the same edits (ids, times), in an
/// order that does not depend on them.
fn shape(file: &StoreFile) -> Vec<String> {
    let mut out = Vec::new();
    let mut items: Vec<String> = file
        .notes
        .iter()
        .map(|n| {
            format!(
                "note {:?} {} {}",
                n.body,
                n.anchor.section,
                n.conflict_of.is_some()
            )
        })
        .chain(
            file.bookmarks
                .iter()
                .map(|b| format!("bookmark {:?} {}", b.label, b.anchor.section)),
        )
        .chain(file.trash.iter().map(|t| match &t.annotation {
            Annotation::Note(n) => format!("trashed note {:?}", n.body),
            Annotation::Bookmark(b) => format!("trashed bookmark {:?}", b.label),
        }))
        .collect();
    items.sort();
    out.extend(items);
    out.push(format!("purged {}", file.purged.len()));
    out.push(format!(
        "position {:?}",
        file.position.as_ref().map(|p| (&p.section, p.block))
    ));
    out.extend(
        file.read
            .iter()
            .map(|r| format!("read {} {} {:?}", r.section, r.hash, r.text)),
    );
    out.extend(
        file.withdrawn
            .iter()
            .map(|w| format!("withdrawn {}", w.source)),
    );
    out.push(format!("title {:?}", file.title));
    out
}

/// A fresh store holding a copy of `from`'s file for `b1`, to which another instance
/// of brief then saves its own changes if `foreign` (changes that the edits of the test
/// cannot touch: a note of its own, a read mark, a withdrawn source, the position).
fn copy_store(from: &Store, foreign: bool) -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    if let Ok(bytes) = fs::read(from.file_path("b1")) {
        fs::create_dir_all(store.annotations_dir()).unwrap();
        fs::write(store.file_path("b1"), bytes).unwrap();
    }
    if foreign {
        let mut other = load(&store, "b1");
        other.add_note(anchor("s9"), "by another instance");
        other.mark_read_with_text("s9", "h9", "text 9");
        other.withdraw_source("src-foreign");
        other.set_position("s9", 7);
        save(&store, &mut other);
    }
    (dir, store)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn saving_a_snapshot_while_editing_equals_two_saves_in_a_row(
        initial in proptest::collection::vec(op(), 0..8),
        before in proptest::collection::vec(op(), 0..8),
        after in proptest::collection::vec(op(), 0..8),
        foreign in any::<bool>(),
    ) {
        let (_dir, store) = temp_store();
        let mut set = AnnotationSet::new("b1");
        let mut ids = Vec::new();
        for op in &initial {
            apply(&mut set, &mut ids, op);
        }
        save(&store, &mut set);
        for op in &before {
            apply(&mut set, &mut ids, op);
        }

        // Two saves in a row, the second after more edits.
        let (_a, store_a) = copy_store(&store, foreign);
        let (mut sync, mut sync_ids) = (set.clone(), ids.clone());
        save(&store_a, &mut sync);
        for op in &after {
            apply(&mut sync, &mut sync_ids, op);
        }
        prop_assert_eq!(save(&store_a, &mut sync).conflicts, 0);
        let expected = load(&store_a, "b1").file;

        // A snapshot saved while the same edits are made, then adopted and saved.
        let (_b, store_b) = copy_store(&store, foreign);
        let (mut live, mut live_ids) = (set.clone(), ids.clone());
        let (saved, ticket) = save_snapshot(&store_b, &live);
        for op in &after {
            apply(&mut live, &mut live_ids, op);
        }
        live.adopt_saved(saved, ticket);
        let outcome = save(&store_b, &mut live);
        prop_assert_eq!(outcome.conflicts, 0);
        let got = load(&store_b, "b1").file;
        if store_b.file_path("b1").exists() {
            prop_assert_eq!(&got, &live.file);
        } else {
            // Nothing worth a file (at most a title): none was written, either way.
            prop_assert!(live.file.is_empty() && !store_a.file_path("b1").exists());
        }
        prop_assert!(!live.is_dirty());
        prop_assert_eq!(shape(&got), shape(&expected));
        prop_assert!(got.notes.iter().all(|n| n.conflict_of.is_none()));
        prop_assert_eq!(got.withdrawn.iter().any(|w| w.source == "src-foreign"), foreign);
    }
}
