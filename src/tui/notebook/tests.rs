//! Unit tests of the notebook: saving off the UI thread, busy and failing stores,
//! unsaved sets kept across briefings, the rescue at exit.

use super::*;
use crate::domain::annotation::Anchor;
use crate::domain::store::LockMode;

fn anchor(briefing: &str) -> Anchor {
    Anchor {
        briefing: briefing.into(),
        section: "s".into(),
        block: 0,
        quote: "a quote".into(),
        prefix: String::new(),
        suffix: String::new(),
        version: "v".into(),
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::new(dir.path());
    (dir, store)
}

fn save(notebook: &mut Notebook, store: &Store, id: &str) -> SaveReport {
    let (mut set, edits) = notebook
        .begin_save(id)
        .unwrap_or_else(|| panic!("no set {id}"));
    let result = store
        .save(&mut set, LockMode::Wait)
        .map(|outcome| (Box::new(set), outcome));
    notebook.finish_save(id, edits, result, Instant::now())
}

#[test]
fn a_note_is_announced_only_once_saved() {
    let (_dir, store) = store();
    let mut notebook = Notebook::default();
    notebook.insert_loaded(AnnotationSet::new("b"));
    notebook.change("b", |set| set.add_note(anchor("b"), "hello"));
    notebook.announce_when_saved("b", "note saved");
    assert_eq!(notebook.unsaved(), 1);
    assert_eq!(notebook.due(Instant::now()), vec!["b".to_string()]);
    let report = save(&mut notebook, &store, "b");
    assert!(
        matches!(&report, SaveReport::Saved { announce: Some(t), .. } if t == "note saved"),
        "{report:?}"
    );
    assert_eq!(notebook.unsaved(), 0);
    let on_disk = store.load("b").map(|o| o.set.file.notes.len());
    assert_eq!(on_disk.ok(), Some(1));
}

#[test]
fn a_busy_store_says_nothing_is_saved_and_retries() {
    let (_dir, store) = store();
    let mut notebook = Notebook::default();
    notebook.insert_loaded(AnnotationSet::new("b"));
    notebook.change("b", |set| set.add_note(anchor("b"), "hello"));
    notebook.announce_when_saved("b", "note saved");
    let (_set, edits) = notebook.begin_save("b").unwrap_or_else(|| panic!("set"));
    assert!(
        notebook.due(Instant::now()).is_empty(),
        "a save is under way"
    );
    let now = Instant::now();
    let report = notebook.finish_save("b", edits, Err(StoreError::Busy), now);
    assert_eq!(report, SaveReport::Busy);
    assert_eq!(notebook.unsaved(), 1);
    assert_eq!(notebook.next_retry(), Some(now + BUSY_RETRY));
    assert!(notebook.due(now).is_empty());
    assert_eq!(notebook.due(now + BUSY_RETRY), vec!["b".to_string()]);
    // The announcement waits for the save that succeeds.
    let report = save(&mut notebook, &store, "b");
    assert!(matches!(
        report,
        SaveReport::Saved {
            announce: Some(_),
            ..
        }
    ));
}

#[test]
fn changes_made_while_saving_stay_to_save() {
    let (_dir, store) = store();
    let mut notebook = Notebook::default();
    notebook.insert_loaded(AnnotationSet::new("b"));
    notebook.change("b", |set| set.add_note(anchor("b"), "one"));
    let (mut snapshot, edits) = notebook.begin_save("b").unwrap_or_else(|| panic!("set"));
    notebook.change("b", |set| set.add_bookmark(anchor("b"), None));
    let result = store
        .save(&mut snapshot, LockMode::Wait)
        .map(|o| (Box::new(snapshot), o));
    notebook.finish_save("b", edits, result, Instant::now());
    assert_eq!(notebook.unsaved(), 1, "the bookmark is not saved yet");
    assert_eq!(notebook.get("b").map(|s| s.file.bookmarks.len()), Some(1));
    save(&mut notebook, &store, "b");
    assert_eq!(notebook.unsaved(), 0);
    let on_disk = store
        .load("b")
        .map(|o| (o.set.file.notes.len(), o.set.file.bookmarks.len()));
    assert_eq!(on_disk.ok(), Some((1, 1)));
}

#[test]
fn unsaved_sets_stay_whatever_is_opened_after() {
    let mut notebook = Notebook::default();
    for id in ["a", "b", "c"] {
        notebook.insert_loaded(AnnotationSet::new(id));
    }
    notebook.change("a", |set| set.add_note(anchor("a"), "kept"));
    notebook.forget_saved_except("c");
    assert!(notebook.has("a"), "unsaved: kept");
    assert!(
        !notebook.has("b"),
        "saved and not open: read again when needed"
    );
    assert!(notebook.has("c"), "open");
    assert_eq!(notebook.unsaved(), 1);
}

#[test]
fn a_failed_save_is_reported_and_retried_later() {
    let mut notebook = Notebook::default();
    notebook.insert_loaded(AnnotationSet::new("b"));
    notebook.change("b", |set| set.add_note(anchor("b"), "x"));
    let (_, edits) = notebook.begin_save("b").unwrap_or_else(|| panic!("set"));
    let now = Instant::now();
    let error = StoreError::Io {
        path: "annotations/b.toml".into(),
        action: "write",
        source: std::io::Error::from_raw_os_error(28),
    };
    let report = notebook.finish_save("b", edits, Err(error), now);
    assert!(matches!(report, SaveReport::Failed(_)));
    assert!(notebook.failing().is_some());
    assert_eq!(notebook.next_retry(), Some(now + FAILED_RETRY));
}

#[test]
fn what_cannot_be_saved_on_exit_is_rescued() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The data dir is a file: nothing can be written under it.
    let blocked = dir.path().join("not-a-dir");
    std::fs::write(&blocked, "x").unwrap_or_else(|e| panic!("{e}"));
    let store = Store::new(&blocked);
    let mut notebook = Notebook::default();
    notebook.insert_loaded(AnnotationSet::new("b"));
    notebook.change("b", |set| set.add_note(anchor("b"), "precious"));
    let said = notebook.save_all_on_exit(&store);
    assert!(
        said.iter().any(|s| s.contains("could not be saved")),
        "{said:?}"
    );
    let rescued = said
        .iter()
        .find_map(|s| s.split("safe in ").nth(1))
        .and_then(|s| s.split(':').next())
        .map(std::path::PathBuf::from);
    let text = rescued
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok());
    assert!(
        text.as_deref().is_some_and(|t| t.contains("precious")),
        "{said:?}"
    );
    if let Some(p) = rescued {
        let _ = std::fs::remove_file(p);
    }
}
