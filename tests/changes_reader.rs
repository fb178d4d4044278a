//! What changed since a section was read: on a section marked Δ, the "what changed"
//! key shows a word-level diff of the text as read against the text as it is now,
//! deletions and insertions marked in words; the moving keys scroll it and Esc returns
//! to the text. On a section that did not change, or was never read, it says why.

mod common;

use brief::config::Config;
use brief::domain::library::Library;
use brief::tui::event::Msg;
use common::step::Stepper;

const BEFORE: &str = "title = \"Changing\"\nid = \"changing\"\n\n[[sections]]\ntitle = \"One\"\nbody = \"The summit is expected in Vladivostok.\\n\\nA second paragraph stays as it was.\"\n\n[[sections]]\ntitle = \"Two\"\nbody = \"Unchanged text.\"\n";

fn reader(dir: &std::path::Path) -> (Stepper, std::path::PathBuf) {
    let path = dir.join("b.toml");
    std::fs::write(&path, BEFORE).expect("write");
    let library = Library::load(
        std::slice::from_ref(&path),
        brief::domain::load::LoadOptions::default(),
    );
    let mut s = Stepper::new(Config::default(), library, 100, 30);
    s.start(Some("changing"));
    (s, path)
}

#[test]
fn a_section_changed_since_it_was_read_shows_its_words_deleted_and_inserted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, path) = reader(dir.path());
    // Read section 1 (r marks it read, keeping its text), then it changes on disk.
    // (The briefing has no summary: the first stop is section 1's first paragraph.)
    s.press("g");
    assert_eq!(
        s.app().reader.as_ref().map(|r| r.pane.current_unit()),
        Some(1)
    );
    s.press("r");
    let edited = BEFORE.replace("is expected in", "was confirmed for");
    std::fs::write(&path, edited).expect("edit");
    s.send(Msg::FileChanged(path.clone()));
    s.fire_timers();
    let screen = s.screen();
    assert!(
        screen.contains('Δ'),
        "section 1 is marked changed:\n{screen}"
    );
    s.press("D");
    let screen = s.screen();
    assert!(
        screen.contains("[-is expected in-] {+was confirmed for+}"),
        "{screen}"
    );
    assert!(screen.contains("3 words deleted"), "{screen}");
    assert!(
        screen.contains("A second paragraph stays as it was."),
        "{screen}"
    );
    // Esc returns to the text, and the same key toggles it off too.
    s.press("\x1b");
    let screen = s.screen();
    assert!(!screen.contains("{+was confirmed for+}"), "{screen}");
    assert!(
        screen.contains("The summit was confirmed for Vladivostok."),
        "{screen}"
    );
    s.press("D");
    assert!(s.screen().contains("{+was confirmed for+}"));
    s.press("D");
    assert!(!s.screen().contains("{+was confirmed for+}"));
}

#[test]
fn a_section_unread_or_unchanged_says_why_there_is_nothing_to_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _path) = reader(dir.path());
    s.press("gD");
    assert!(
        s.said()
            .iter()
            .any(|m| m.contains("not marked read: nothing to compare with")),
        "{:?}",
        s.said()
    );
    s.press("rD");
    assert!(
        s.said()
            .iter()
            .any(|m| m.contains("has not changed since you read it")),
        "{:?}",
        s.said()
    );
    assert!(!s.screen().contains("What changed in"));
}
