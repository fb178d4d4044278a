//! Unit tests of the merge rules, with two sets saved to one store as two instances of
//! brief would.

use std::collections::BTreeMap;

use super::super::merge::merge;
use super::*;

// ---- mutations -------------------------------------------------------------------

#[test]
fn every_mutation_makes_the_set_dirty() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let note = set.add_note(anchor("s"), "n");
    let mark = set.add_bookmark(anchor("s"), None);
    save(&store, &mut set);
    type Mutation = Box<dyn Fn(&mut AnnotationSet, &str, &str)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        (
            "add note",
            Box::new(|s, _, _| drop(s.add_note(anchor("x"), "y"))),
        ),
        (
            "update",
            Box::new(|s, n, _| assert!(s.update_note(n, "changed"))),
        ),
        (
            "label",
            Box::new(|s, _, m| assert!(s.set_bookmark_label(m, Some("l".into())))),
        ),
        (
            "anchor",
            Box::new(|s, n, _| assert!(s.set_anchor(n, anchor("z"), true))),
        ),
        ("delete", Box::new(|s, n, _| assert!(s.delete(n)))),
        ("position", Box::new(|s, _, _| s.set_position("s", 1))),
        ("read", Box::new(|s, _, _| s.mark_read("s", "h"))),
    ];
    for (name, mutate) in &mutations {
        let mut copy = set.clone();
        assert!(!copy.is_dirty());
        mutate(&mut copy, &note, &mark);
        assert!(copy.is_dirty(), "{name}");
        save(&store, &mut copy);
        assert!(!copy.is_dirty(), "{name}");
        set = copy;
    }
    assert!(set.restore(&note));
    assert!(set.is_dirty());
    save(&store, &mut set);
    set.unmark_read("s");
    assert!(set.is_dirty());
    assert!(set.delete(&note));
    assert_eq!(set.empty_trash(), 1);
    assert_eq!(set.file.purged.len(), 1);
    save(&store, &mut set);
    assert!(set.read_mark("s").is_none());
    assert!(!set.update_note(&note, "gone"));
    assert!(!set.delete("nope"));
    assert!(!set.restore("nope"));
    assert!(!set.set_anchor("nope", anchor("s"), false));
    assert!(!set.set_bookmark_label("nope", None));
    let ids: Vec<&str> = set.annotations().map(|a| a.id()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&mark.as_str()) && !ids.contains(&note.as_str()));
}

// ---- merging ---------------------------------------------------------------------

#[test]
fn merge_keeps_disjoint_additions() {
    let (_dir, store) = temp_store();
    let mut a = load(&store, "b1");
    let mut b = load(&store, "b1");
    let na = a.add_note(anchor("s"), "from a");
    let nb = b.add_note(anchor("s"), "from b");
    let ba = a.add_bookmark(anchor("s"), None);
    save(&store, &mut a);
    let outcome = save(&store, &mut b);
    assert_eq!(outcome.merged_from_disk, 2);
    assert_eq!(outcome.conflicts, 0);
    // b now shows a's additions; a sees b's after its next save.
    assert_eq!(body_of(&b, &na), "from a");
    assert!(b.bookmark(&ba).is_some());
    save(&store, &mut a);
    assert_eq!(body_of(&a, &nb), "from b");
    let disk = load(&store, "b1");
    assert_eq!(disk.file, a.file);
    assert_eq!(disk.file, b.file);
}

#[test]
fn merge_takes_an_edit_over_an_untouched_copy() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let id = a.add_note(anchor("s"), "v1");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.update_note(&id, "v2 by a");
    save(&store, &mut a);
    // b never touched the note: saving b must not bring v1 back.
    b.set_position("s", 4);
    let outcome = save(&store, &mut b);
    assert_eq!(outcome.conflicts, 0);
    assert_eq!(body_of(&b, &id), "v2 by a");
    assert_eq!(body_of(&load(&store, "b1"), &id), "v2 by a");
    // And the other way round: b edits, a (untouched) saves.
    b.update_note(&id, "v3 by b");
    save(&store, &mut b);
    save(&store, &mut a);
    assert_eq!(body_of(&a, &id), "v3 by b");
    assert_eq!(load(&store, "b1").file.notes.len(), 1);
}

#[test]
fn merge_keeps_both_texts_when_both_edit() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let id = a.add_note(anchor("s"), "original");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.update_note(&id, "text of a");
    b.update_note(&id, "text of b");
    save(&store, &mut a);
    let outcome = save(&store, &mut b);
    assert_eq!(outcome.conflicts, 1);
    let disk = load(&store, "b1");
    assert_eq!(disk.file.notes.len(), 2);
    // b edited last: its text is the note, a's is the conflict copy.
    assert_eq!(body_of(&disk, &id), "text of b");
    let copy = disk.file.notes.iter().find(|n| n.id != id).unwrap();
    assert_eq!(copy.body, "text of a");
    assert_eq!(copy.conflict_of.as_deref(), Some(id.as_str()));
    // a picks both up, with no further conflict.
    let outcome = save(&store, &mut a);
    assert_eq!(outcome.conflicts, 0);
    assert_eq!(a.file, disk.file);
}

#[test]
fn merge_takes_fields_changed_on_one_side_only() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let id = a.add_note(anchor("s"), "original");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.update_note(&id, "edited by a");
    b.set_anchor(&id, anchor("moved-here"), true);
    save(&store, &mut a);
    let outcome = save(&store, &mut b);
    assert_eq!(outcome.conflicts, 0);
    let note = b.note(&id).unwrap();
    assert_eq!(note.body, "edited by a");
    assert_eq!(note.anchor.section, "moved-here");
    assert!(note.moved);
    assert_eq!(b.file.notes.len(), 1);
}

#[test]
fn merge_keeps_both_bookmark_labels() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let id = a.add_bookmark(anchor("s"), None);
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.set_bookmark_label(&id, Some("label a".to_owned()));
    b.set_bookmark_label(&id, Some("label b".to_owned()));
    save(&store, &mut a);
    assert_eq!(save(&store, &mut b).conflicts, 1);
    let mut labels: Vec<_> = b
        .file
        .bookmarks
        .iter()
        .map(|m| m.label.clone().unwrap())
        .collect();
    labels.sort();
    assert_eq!(labels, ["label a", "label b"]);
    assert_eq!(b.bookmark(&id).unwrap().label.as_deref(), Some("label b"));
}

#[test]
fn merge_keeps_an_edit_over_a_delete_either_way() {
    for delete_first in [true, false] {
        let (_dir, store) = temp_store();
        let mut a = AnnotationSet::new("b1");
        let id = a.add_note(anchor("s"), "original");
        save(&store, &mut a);
        let mut b = load(&store, "b1");
        assert!(a.delete(&id));
        assert!(b.update_note(&id, "edited by b"));
        if delete_first {
            save(&store, &mut a);
            save(&store, &mut b);
            save(&store, &mut a);
        } else {
            save(&store, &mut b);
            save(&store, &mut a);
            save(&store, &mut b);
        }
        for set in [&a, &b, &load(&store, "b1")] {
            assert_eq!(
                body_of(set, &id),
                "edited by b",
                "delete_first={delete_first}"
            );
            assert_eq!(set.file.trash.len(), 1);
            let Annotation::Note(trashed) = &set.file.trash[0].annotation else {
                panic!("not a note");
            };
            assert_eq!(trashed.body, "original");
            assert_eq!(trashed.conflict_of.as_deref(), Some(id.as_str()));
        }
        assert_eq!(a.file, b.file);
    }
}

#[test]
fn a_delete_wins_over_a_mere_re_anchoring() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let id = a.add_note(anchor("s"), "original");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.delete(&id);
    b.set_anchor(&id, anchor("elsewhere"), true);
    save(&store, &mut a);
    save(&store, &mut b);
    assert!(b.note(&id).is_none());
    assert_eq!(b.file.trash.len(), 1);
}

#[test]
fn purge_tombstones_remove_untouched_copies_but_not_edits() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let gone = a.add_note(anchor("s"), "to purge");
    let kept = a.add_note(anchor("s"), "also deleted by a");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.delete(&gone);
    a.delete(&kept);
    assert_eq!(a.empty_trash(), 2);
    // b edits one of them without knowing: that text must survive.
    b.update_note(&kept, "edited by b, never seen by a");
    save(&store, &mut a);
    save(&store, &mut b);
    assert!(b.note(&gone).is_none());
    assert!(b.file.purged.iter().any(|p| p.id == gone));
    assert_eq!(body_of(&b, &kept), "edited by b, never seen by a");
    assert!(!b.file.purged.iter().any(|p| p.id == kept));
    // a sees the survivor and the tombstone persists: no resurrection by a stale copy.
    save(&store, &mut a);
    assert_eq!(body_of(&a, &kept), "edited by b, never seen by a");
    let mut c = AnnotationSet::new("b1");
    c.file.notes.push(Note {
        id: gone.clone(),
        anchor: anchor("s"),
        body: "to purge".to_owned(),
        created: Timestamp::UNIX_EPOCH,
        updated: Timestamp::UNIX_EPOCH,
        conflict_of: None,
        moved: false,
    });
    c.synced = Arc::new(c.file.clone());
    save(&store, &mut c);
    assert!(c.note(&gone).is_none());
}

#[test]
fn an_edit_after_a_purge_wins() {
    let t = |s: i64| Timestamp::from_second(s).unwrap();
    let mut base = StoreFile::new("b1");
    base.notes.push(Note {
        id: "n".to_owned(),
        anchor: anchor("s"),
        body: "same".to_owned(),
        created: t(10),
        updated: t(10),
        conflict_of: None,
        moved: false,
    });
    let mut disk = StoreFile::new("b1");
    disk.purged.push(Purged {
        id: "n".to_owned(),
        at: t(20),
    });
    // Ours changed after the purge (same text): ours wins.
    let mut ours = base.clone();
    ours.notes[0].updated = t(30);
    ours.notes[0].moved = true;
    let merged = merge(&ours, &base, Some(disk.clone()), &BTreeMap::new());
    assert_eq!(merged.file.notes.len(), 1);
    assert!(merged.file.purged.is_empty());
    // Changed before the purge, text unchanged: the purge wins.
    ours.notes[0].updated = t(15);
    let merged = merge(&ours, &base, Some(disk.clone()), &BTreeMap::new());
    assert!(merged.file.notes.is_empty());
    assert_eq!(merged.file.purged.len(), 1);
}

#[test]
fn a_note_missing_from_the_file_without_tombstone_is_kept() {
    let (_dir, store) = temp_store();
    let mut a = AnnotationSet::new("b1");
    let id = a.add_note(anchor("s"), "precious");
    save(&store, &mut a);
    // Someone replaces the file with an older one (e.g. restored by hand).
    fs::write(store.file_path("b1"), "schema = 1\nbriefing = \"b1\"\n").unwrap();
    a.set_position("s", 1);
    save(&store, &mut a);
    assert_eq!(body_of(&load(&store, "b1"), &id), "precious");
}

#[test]
fn merge_position_newer_wins() {
    let (_dir, store) = temp_store();
    let mut a = load(&store, "b1");
    let mut b = load(&store, "b1");
    a.set_position("older", 1);
    b.set_position("newer", 2);
    save(&store, &mut b);
    save(&store, &mut a);
    assert_eq!(a.file.position.as_ref().unwrap().section, "newer");
    // Untouched position follows the file.
    b.set_position("latest", 3);
    save(&store, &mut b);
    a.add_note(anchor("s"), "x");
    save(&store, &mut a);
    assert_eq!(a.file.position.as_ref().unwrap().section, "latest");
}

#[test]
fn merge_read_marks_by_section() {
    let (_dir, store) = temp_store();
    let mut a = load(&store, "b1");
    a.mark_read("common", "h0");
    a.mark_read("to-unmark", "h0");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    a.mark_read("only-a", "ha");
    b.mark_read("only-b", "hb");
    b.mark_read("common", "h-newer");
    a.unmark_read("to-unmark");
    save(&store, &mut a);
    save(&store, &mut b);
    let sections: Vec<(&str, &str)> = b
        .file
        .read
        .iter()
        .map(|r| (r.section.as_str(), r.hash.as_str()))
        .collect();
    assert_eq!(
        sections,
        [("common", "h-newer"), ("only-a", "ha"), ("only-b", "hb")]
    );
    save(&store, &mut a);
    assert_eq!(a.file.read, b.file.read);
    // Marked again elsewhere after our unmark: the newer mark wins.
    let mut c = load(&store, "b1");
    a.unmark_read("common");
    c.mark_read("common", "h-latest");
    save(&store, &mut c);
    save(&store, &mut a);
    assert_eq!(a.read_mark("common").unwrap().hash, "h-latest");
}

#[test]
fn duplicate_ids_in_a_hand_edited_file_are_all_kept() {
    let (_dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    let id = set.add_note(anchor("s"), "one");
    let mut twin = set.file.notes[0].clone();
    twin.body = "two".to_owned();
    set.file.notes.push(twin);
    let text = toml::to_string(&set.file).unwrap();
    fs::create_dir_all(store.annotations_dir()).unwrap();
    fs::write(store.file_path("b1"), text).unwrap();
    let mut loaded = load(&store, "b1");
    let mut bodies: Vec<_> = loaded.file.notes.iter().map(|n| n.body.clone()).collect();
    bodies.sort();
    assert_eq!(bodies, ["one", "two"]);
    assert!(loaded.note(&id).is_some());
    loaded.set_position("s", 0);
    save(&store, &mut loaded);
    assert_eq!(load(&store, "b1").file.notes.len(), 2);
}

#[test]
fn merge_title_one_side_changed_wins_else_ours() {
    let (_dir, store) = temp_store();
    let mut a = load(&store, "b1");
    a.set_title("Old title");
    a.set_position("s", 0);
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    assert_eq!(b.title(), Some("Old title"));
    a.set_title("New title");
    save(&store, &mut a);
    // b did not touch the title: it follows the file.
    b.add_note(anchor("s"), "x");
    let outcome = save(&store, &mut b);
    assert_eq!(b.title(), Some("New title"));
    assert!(outcome.merged_from_disk >= 1);
    // Both changed it: the one saving last keeps its own.
    a.set_title("A's title");
    b.set_title("B's title");
    save(&store, &mut a);
    save(&store, &mut b);
    assert_eq!(load(&store, "b1").title(), Some("B's title"));
    save(&store, &mut a);
    assert_eq!(a.title(), Some("B's title"));
}

#[test]
fn merge_never_takes_the_title_away() {
    let (_dir, store) = temp_store();
    // A title alone is not written, yet the set counts it as saved.
    let mut a = load(&store, "b1");
    a.set_title("T");
    assert!(!save(&store, &mut a).written);
    assert!(!a.is_dirty());
    // Another instance, which never saw it, creates the file without a title.
    let mut b = load(&store, "b1");
    b.add_note(anchor("s"), "by b");
    save(&store, &mut b);
    // a's next save, with nothing changed here, keeps its title and writes it.
    let outcome = save(&store, &mut a);
    assert_eq!(a.title(), Some("T"));
    assert_eq!(a.file.notes.len(), 1);
    assert_eq!(outcome.merged_from_disk, 1);
    assert_eq!(load(&store, "b1").title(), Some("T"));
    // b, which has none, takes it from the file.
    save(&store, &mut b);
    assert_eq!(b.title(), Some("T"));
}

#[test]
fn merge_read_marks_keep_their_text() {
    let (_dir, store) = temp_store();
    let mut a = load(&store, "b1");
    a.mark_read_with_text("s1", "h1", "the text as read by a");
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    assert_eq!(
        b.read_mark("s1").unwrap().text.as_deref(),
        Some("the text as read by a")
    );
    a.mark_read_with_text("s2", "h2", "only a");
    b.mark_read_with_text("s1", "h1-newer", "the newer text");
    save(&store, &mut a);
    save(&store, &mut b);
    save(&store, &mut a);
    for set in [&a, &b, &load(&store, "b1")] {
        let s1 = set.read_mark("s1").unwrap();
        assert_eq!(
            (s1.hash.as_str(), s1.text.as_deref()),
            ("h1-newer", Some("the newer text"))
        );
        assert_eq!(set.read_mark("s2").unwrap().text.as_deref(), Some("only a"));
    }
    // Only the latest text of a section is kept.
    a.mark_read_with_text("s1", "h3", "third");
    save(&store, &mut a);
    let text = fs::read_to_string(store.file_path("b1")).unwrap();
    assert!(
        !text.contains("the newer text") && text.contains("third"),
        "{text}"
    );
    // A section too large to keep is marked without its text.
    a.mark_read_with_text("big", "h", &"x".repeat(MAX_READ_TEXT_BYTES + 1));
    assert_eq!(a.read_mark("big").unwrap().text, None);
}

#[test]
fn merge_withdrawn_sources_newest_wins_per_source() {
    let (_dir, store) = temp_store();
    let mut a = load(&store, "b1");
    assert!(a.withdraw_source("common"));
    assert!(a.withdraw_source("to-restore"));
    assert!(!a.withdraw_source("common"));
    save(&store, &mut a);
    let mut b = load(&store, "b1");
    assert!(b.is_withdrawn("common"));
    a.withdraw_source("only-a");
    b.withdraw_source("only-b");
    assert!(a.restore_source("to-restore"));
    assert!(!a.restore_source("never-withdrawn"));
    save(&store, &mut a);
    save(&store, &mut b);
    let sources: Vec<&str> = b.file.withdrawn.iter().map(|w| w.source.as_str()).collect();
    assert_eq!(sources, ["common", "only-a", "only-b"]);
    save(&store, &mut a);
    assert_eq!(a.file.withdrawn, b.file.withdrawn);
    // Withdrawn again elsewhere after our restore: the newer decision wins.
    let mut c = load(&store, "b1");
    a.restore_source("common");
    c.restore_source("common");
    c.withdraw_source("common");
    save(&store, &mut c);
    save(&store, &mut a);
    assert!(a.is_withdrawn("common"));
    // Restored here after it was withdrawn elsewhere: stays restored.
    let mut d = load(&store, "b1");
    c.withdraw_source("only-b");
    d.restore_source("only-b");
    save(&store, &mut c);
    save(&store, &mut d);
    assert!(!d.is_withdrawn("only-b"));
    assert!(!load(&store, "b1").is_withdrawn("only-b"));
}

#[test]
fn a_file_of_the_previous_schema_is_read_and_upgraded() {
    let (_dir, store) = temp_store();
    fs::create_dir_all(store.annotations_dir()).unwrap();
    let old = "schema = 1\nbriefing = \"b1\"\n\n[position]\nsection = \"s\"\nblock = 2\nupdated = \"2024-01-01T00:00:00Z\"\n\n[[read]]\nsection = \"s\"\nhash = \"h\"\nat = \"2024-01-01T00:00:00Z\"\n\n";
    fs::write(store.file_path("b1"), old).unwrap();
    let mut set = load(&store, "b1");
    assert!(!set.is_read_only());
    assert_eq!(set.read_mark("s").unwrap().text, None);
    set.withdraw_source("src");
    save(&store, &mut set);
    let text = fs::read_to_string(store.file_path("b1")).unwrap();
    assert!(text.starts_with(&format!("schema = {SCHEMA}\n")), "{text}");
    assert_eq!(load(&store, "b1").file.position.unwrap().block, 2);
}
