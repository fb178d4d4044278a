//! Consent before sharing, in the reader: `e` and `E` on a briefing labelled TLP:RED
//! (or TLP:AMBER+STRICT) ask first with the question overlay, naming the briefing and
//! its label; `n` writes nothing and says so; `y` writes the export with its banner;
//! a TLP:CLEAR briefing is exported without a question.

mod common;

use std::path::{Path, PathBuf};

use brief::config::Config;
use brief::domain::library::Library;
use common::step::Stepper;

/// A briefing with a TLP label, written into `dir`.
fn briefing(dir: &Path, id: &str, tlp: &str) -> PathBuf {
    let path = dir.join(format!("{id}.toml"));
    std::fs::write(
        &path,
        format!(
            "title = \"Depot {tlp}\"\nid = \"{id}\"\nlanguage = \"en\"\ntlp = \"{tlp}\"\n\n\
             [[sections]]\nid = \"one\"\ntitle = \"One\"\nbody = \"A convoy reached the depot.\"\n"
        ),
    )
    .expect("write the briefing");
    path
}

/// The reader over the briefings of `dir`, on `open`, with a bookmark on its first
/// section so there is something to export.
fn reader_with_bookmark(dir: &Path, open: &str) -> Stepper {
    let library = Library::load(
        &[dir.to_path_buf()],
        brief::domain::load::LoadOptions::default(),
    );
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let mut s = Stepper::new(Config::default(), library, 100, 30);
    s.start(Some(open));
    s.press("]b");
    s
}

/// The question on screen, if one is asked.
fn question(s: &Stepper) -> Option<String> {
    match s.app().overlays.last() {
        Some(brief::tui::overlay::Overlay::Confirm(c)) => Some(c.question.text.clone()),
        _ => None,
    }
}

/// The files in the export folder (the stepper's home), by name.
fn exports(s: &Stepper) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(s.home.path())
        .expect("read the home")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn exporting_a_red_briefing_asks_first_and_no_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    briefing(dir.path(), "red", "RED");
    let mut s = reader_with_bookmark(dir.path(), "red");
    s.press("e");
    let screen = s.screen();
    assert!(screen.contains("Question"), "no question asked:\n{screen}");
    assert!(screen.contains("TLP:RED"), "{screen}");
    let asked = question(&s).unwrap_or_default();
    assert_eq!(
        asked,
        "Export a briefing whose label restricts sharing? “Depot RED” is TLP:RED (for the named recipients only)"
    );
    assert!(exports(&s).is_empty(), "written before the answer");
    s.press("n");
    assert!(
        s.said()
            .iter()
            .any(|m| m == "export cancelled: nothing written"),
        "{:?}",
        s.said()
    );
    assert!(
        exports(&s).is_empty(),
        "written after a no: {:?}",
        exports(&s)
    );
    assert_eq!(question(&s), None);
}

#[test]
fn yes_writes_the_red_export_with_its_banner() {
    let dir = tempfile::tempdir().expect("tempdir");
    briefing(dir.path(), "red", "RED");
    let mut s = reader_with_bookmark(dir.path(), "red");
    s.press("e");
    assert!(question(&s).is_some(), "no question asked");
    s.press("y");
    let written = s
        .said()
        .iter()
        .find_map(|m| m.strip_prefix("exported to ").map(PathBuf::from))
        .unwrap_or_else(|| panic!("not exported: {:?}", s.said()));
    let text = std::fs::read_to_string(&written).expect("the export");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        lines.first().is_some_and(|l| l.contains("TLP:RED")),
        "no banner at the top:\n{text}"
    );
    assert!(
        lines.last().is_some_and(|l| l.contains("TLP:RED")),
        "no banner at the bottom:\n{text}"
    );
    assert_eq!(exports(&s), [written]);
}

#[test]
fn exporting_every_briefing_asks_for_the_red_one_among_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    briefing(dir.path(), "clear", "CLEAR");
    briefing(dir.path(), "red", "RED");
    let mut s = reader_with_bookmark(dir.path(), "red");
    s.press("E");
    let asked = question(&s).unwrap_or_default();
    assert!(asked.contains("“Depot RED” is TLP:RED"), "{asked}");
    assert!(!asked.contains("Depot CLEAR"), "{asked}");
    s.press("n");
    assert!(exports(&s).is_empty());
}

#[test]
fn a_clear_briefing_is_exported_without_a_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    briefing(dir.path(), "clear", "CLEAR");
    let mut s = reader_with_bookmark(dir.path(), "clear");
    s.press("e");
    assert_eq!(question(&s), None);
    assert!(
        s.said().iter().any(|m| m.starts_with("exported to ")),
        "{:?}",
        s.said()
    );
    assert_eq!(exports(&s).len(), 1);
}
