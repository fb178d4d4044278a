//! The reader on a library folder read through its catalogue: the rows come from the
//! catalogue, a briefing is read whole only when opened, `S` searches the index, and
//! files added, edited, renamed or removed — while the reader is closed or open — show
//! in the library and in `S`. The cache is only a cache: deleted, it is rebuilt and the
//! user sees the same library; damaged, it is set aside with a message; two readers
//! share it; where it cannot be written, the library is read whole, with a message.

mod common;

use std::fs;
use std::path::Path;

use brief::tui::event::Msg;
use common::step::Stepper;

/// A small briefing whose text holds `word`.
fn briefing(title: &str, word: &str) -> String {
    format!(
        "title = \"{title}\"\ndate = 2026-03-01\nlanguage = \"en\"\n\n[[sections]]\ntitle = \"Context\"\nkind = \"context\"\nbody = \"The {word} talks went on.\"\n"
    )
}

/// A library folder of `n` briefings (`b0.toml`…), each with its own word.
fn library(root: &Path, n: usize) {
    fs::create_dir_all(root).expect("library folder");
    for i in 0..n {
        fs::write(
            root.join(format!("b{i}.toml")),
            briefing(&format!("Briefing {i}"), &format!("zqx{i}word")),
        )
        .expect("write");
    }
}

/// The library's rows as the screen lists them (title line and status aside).
fn rows(s: &mut Stepper) -> Vec<String> {
    let screen = s.screen();
    screen
        .lines()
        .filter(|l| l.contains("Briefing "))
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// How many briefings `S` finds for `query`.
fn found(s: &mut Stepper, query: &str) -> Vec<String> {
    s.press("S");
    // The query kept from before is replaced.
    s.key(
        crossterm::event::KeyCode::Char('u'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    s.press(query);
    let hits: Vec<String> = match s.app().overlays.last() {
        Some(brief::tui::overlay::Overlay::LibrarySearch(view)) => {
            let mut ids: Vec<String> = view.hits.iter().map(|h| h.briefing.clone()).collect();
            ids.dedup();
            ids
        }
        _ => panic!("S did not open the library search"),
    };
    s.press("\x1b");
    hits
}

fn start(root: &Path, cache: &Path) -> Stepper {
    let mut s = Stepper::archive(root, cache, 120, 40);
    s.start(None);
    s
}

#[test]
fn the_library_comes_from_the_catalogue_and_a_briefing_is_read_when_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    library(&root, 5);
    let mut s = start(&root, &cache);
    assert_eq!(s.app().model.shelf.len(), 5);
    assert!(s.screen().contains("5 of 5 briefings"), "{}", s.screen());
    // Nothing was read whole to list them.
    assert!(s.app().model.library.briefings.is_empty());
    assert_eq!(found(&mut s, "zqx3word"), ["b3"]);
    // Enter reads the selected briefing and opens it.
    s.press("\n");
    assert!(s.app().model.open.is_some(), "{}", s.screen());
    assert!(s.screen().contains("Outline"), "{}", s.screen());
}

#[test]
fn changes_made_while_the_reader_was_closed_show_at_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    library(&root, 4);
    drop(start(&root, &cache));
    // Added, edited, renamed, removed.
    fs::write(
        root.join("new.toml"),
        briefing("Briefing new", "zqxnewword"),
    )
    .expect("add");
    fs::write(
        root.join("b1.toml"),
        briefing("Briefing 1 edited", "zqxeditedword"),
    )
    .expect("edit");
    fs::rename(root.join("b2.toml"), root.join("renamed.toml")).expect("rename");
    fs::remove_file(root.join("b3.toml")).expect("remove");
    let mut s = start(&root, &cache);
    let ids: Vec<String> = s
        .app()
        .model
        .shelf
        .entries
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    for want in ["b0", "b1", "renamed", "new"] {
        assert!(ids.iter().any(|id| id == want), "{want} in {ids:?}");
    }
    assert!(rows(&mut s).iter().any(|r| r.contains("Briefing 1 edited")));
    assert_eq!(found(&mut s, "zqxnewword"), ["new"]);
    assert_eq!(found(&mut s, "zqxeditedword"), ["b1"]);
    assert!(found(&mut s, "zqx1word").is_empty());
    assert!(found(&mut s, "zqx3word").is_empty());
    assert_eq!(found(&mut s, "zqx2word"), ["renamed"]);
}

#[test]
fn changes_made_while_the_reader_is_open_show_in_the_library_and_in_search() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    library(&root, 4);
    let mut s = start(&root, &cache);
    fs::write(
        root.join("new.toml"),
        briefing("Briefing new", "zqxnewword"),
    )
    .expect("add");
    fs::write(
        root.join("b1.toml"),
        briefing("Briefing 1 edited", "zqxeditedword"),
    )
    .expect("edit");
    fs::rename(root.join("b2.toml"), root.join("renamed.toml")).expect("rename");
    fs::remove_file(root.join("b3.toml")).expect("remove");
    // The folder's watch reports changes; the refresh runs once the folder is quiet.
    s.send(Msg::LibraryChanged);
    s.fire_timers();
    let ids: Vec<String> = s
        .app()
        .model
        .shelf
        .entries
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    for want in ["b0", "b1", "renamed", "new"] {
        assert!(ids.iter().any(|id| id == want), "{want} in {ids:?}");
    }
    assert!(s.screen().contains("4 of 4 briefings"), "{}", s.screen());
    assert_eq!(found(&mut s, "zqxnewword"), ["new"]);
    assert_eq!(found(&mut s, "zqxeditedword"), ["b1"]);
    assert!(found(&mut s, "zqx3word").is_empty());
}

#[test]
fn deleting_the_cache_changes_nothing_the_user_sees_but_the_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    library(&root, 6);
    let mut first = start(&root, &cache);
    let before = rows(&mut first);
    let hits = found(&mut first, "zqx4word");
    drop(first);
    fs::remove_dir_all(&cache).expect("delete the cache");
    let mut second = start(&root, &cache);
    assert_eq!(rows(&mut second), before);
    assert_eq!(found(&mut second, "zqx4word"), hits);
    assert!(cache.is_dir(), "the cache was rebuilt");
}

#[test]
fn a_damaged_cache_is_set_aside_with_a_message_and_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    library(&root, 3);
    drop(start(&root, &cache));
    let file = brief::domain::catalogue::cache_file(&cache, &root);
    fs::write(
        &file,
        b"this is not a database, not at all, not even close.....",
    )
    .expect("damage");
    let mut s = start(&root, &cache);
    assert_eq!(s.app().model.shelf.len(), 3);
    let said = s.said().join("\n");
    assert!(said.contains("set aside"), "{said}");
    assert_eq!(found(&mut s, "zqx2word"), ["b2"]);
}

#[test]
fn two_readers_on_one_library_both_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    library(&root, 3);
    let mut a = start(&root, &cache);
    let mut b = start(&root, &cache);
    assert_eq!(a.app().model.shelf.len(), 3);
    assert_eq!(b.app().model.shelf.len(), 3);
    fs::write(
        root.join("new.toml"),
        briefing("Briefing new", "zqxnewword"),
    )
    .expect("add");
    for s in [&mut a, &mut b] {
        s.send(Msg::LibraryChanged);
        s.fire_timers();
        assert_eq!(s.app().model.shelf.len(), 4);
        assert_eq!(found(s, "zqxnewword"), ["new"]);
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_falls_back_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("lib");
    library(&root, 3);
    // A cache "folder" under a file: it can never be created.
    let blocker = dir.path().join("a-file");
    fs::write(&blocker, "").expect("file");
    let mut s = start(&root, &blocker.join("cache"));
    let said = s.said().join("\n");
    assert!(said.contains("without its index"), "{said}");
    // The library is read whole instead, and works as it always did.
    assert!(s.app().model.archive.is_none());
    assert_eq!(s.app().model.shelf.len(), 3);
    assert!(s.screen().contains("3 of 3 briefings"), "{}", s.screen());
    assert_eq!(found(&mut s, "zqx1word"), ["b1"]);
}

#[test]
fn a_note_saved_is_found_by_s_through_the_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    library(&root, 2);
    let mut s = start(&root, &cache);
    // Open the first row, write a note on its first paragraph, save it.
    s.press("\n]");
    s.press("a");
    s.press("zqxnoteword");
    s.key(
        crossterm::event::KeyCode::Char('s'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    s.fire_timers();
    let open = s.app().model.open_id().map(str::to_string);
    assert!(open.is_some());
    let hits = found(&mut s, "zqxnoteword");
    assert_eq!(hits, [open.unwrap_or_default()]);
}
