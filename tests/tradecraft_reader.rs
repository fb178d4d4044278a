//! Tradecraft in the reader: the banner rolls up the portion marks beside the declared
//! classification and names the TLP label in words; citations show their sources'
//! grades; the sources view lists what cites each source, and withdrawing one lists the
//! passages and notes that depend on it; estimative words show their bands when asked;
//! the lints panel lists what `check --lint` says.

mod common;

use crossterm::event::{KeyCode, KeyModifiers};

use brief::config::Config;
use brief::domain::library::Library;
use common::step::Stepper;

fn tradecraft(width: u16, height: u16) -> Stepper {
    let library = Library::load(
        &[std::path::PathBuf::from(
            "tests/fixtures/valid/tradecraft.toml",
        )],
        brief::domain::load::LoadOptions::default(),
    );
    assert!(
        library.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        library.problems
    );
    let mut s = Stepper::new(Config::default(), library, width, height);
    s.start(Some("tradecraft"));
    s
}

#[test]
fn the_banner_rolls_up_the_marks_and_names_the_tlp_label() {
    let mut s = tradecraft(100, 30);
    let screen = s.screen();
    let banner = screen.lines().next().unwrap_or_default();
    assert!(banner.contains("SECRET//NOFORN"), "{banner}");
    assert!(banner.contains("TLP:AMBER"), "{banner}");
}

#[test]
fn a_portion_above_the_declared_classification_shows_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("b.toml");
    // A confidential briefing (declared) holding a secret portion is refused by the
    // loader; an unrecognised classification keeps the briefing and the banner says
    // what the content holds.
    std::fs::write(
        &path,
        "title = \"Marks\"\nid = \"marks\"\nclassification = \"Internal only\"\n\n[[sections]]\ntitle = \"One\"\nbody = \"(S) A secret paragraph.\"\n",
    )
    .expect("write");
    let library = Library::load(&[path], brief::domain::load::LoadOptions::default());
    let mut s = Stepper::new(Config::default(), library, 100, 30);
    s.start(Some("marks"));
    let screen = s.screen();
    let banner = screen.lines().next().unwrap_or_default();
    assert!(banner.contains("Internal only"), "{banner}");
    assert!(banner.contains("content up to SECRET"), "{banner}");
}

#[test]
fn citations_show_their_sources_grades() {
    let mut s = tradecraft(140, 40);
    s.press("]");
    let screen = s.screen();
    assert!(
        screen.contains("Sources: Harbour Sample Gazette (fictional) B2"),
        "{screen}"
    );
    s.press("]");
    let screen = s.screen();
    assert!(
        screen.contains("cites Harbour Sample Gazette (fictional) B2"),
        "{screen}"
    );
    assert!(screen.contains("F3"), "{screen}");
}

#[test]
fn withdrawing_a_source_lists_the_passages_and_notes_that_depend_on_it() {
    let mut s = tradecraft(100, 40);
    // A note on the paragraph citing the caller.
    s.press("]]jj");
    s.press("a");
    s.press("depends on the caller");
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.press("O");
    let screen = s.screen();
    assert!(
        screen.contains("Anonymous caller to the Gazette (fictional) [caller] · F3"),
        "{screen}"
    );
    // Under the caller: its one passage, and the note on it.
    let caller = screen
        .lines()
        .position(|l| l.contains("[caller]"))
        .expect("caller row");
    let below: Vec<&str> = screen.lines().skip(caller + 1).take(5).collect();
    assert!(
        below.iter().any(|l| l.contains("§2 Assessment")),
        "{below:?}"
    );
    assert!(
        below.iter().any(|l| l.contains("✎ depends on the caller")),
        "{below:?}"
    );
    // The selection starts on the first source: withdraw it. It is kept with the
    // notes, said in the view, and in the text where it is cited.
    s.press("w");
    let set = s.app().model.open_set().expect("notes");
    assert!(set.is_withdrawn("gazette"));
    let screen = s.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("[gazette]") && l.contains("WITHDRAWN")),
        "{screen}"
    );
    s.press("\x1b");
    let screen = s.screen();
    assert!(screen.contains("(withdrawn)"), "{screen}");
    // And taken back.
    s.press("Ow");
    assert!(
        !s.app()
            .model
            .open_set()
            .expect("notes")
            .is_withdrawn("gazette")
    );
}

#[test]
fn estimative_words_show_their_bands_when_asked() {
    let mut s = tradecraft(100, 40);
    s.press("]]");
    assert!(!s.screen().contains("≈ likely"), "{}", s.screen());
    s.press("P");
    let screen = s.screen();
    assert!(screen.contains("≈ likely"), "{screen}");
    assert!(screen.contains("55–80 %"), "{screen}");
    s.press("P");
    assert!(!s.screen().contains("≈ likely"));
}

#[test]
fn the_lints_panel_says_what_check_lint_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("b.toml");
    std::fs::write(
        &path,
        "title = \"Lint me\"\nid = \"lint-me\"\nlanguage = \"en\"\n\n[[sections]]\ntitle = \"Judgment\"\nkind = \"assessment\"\nbody = \"We assess with high confidence that the talks are likely to resume.\"\n",
    )
    .expect("write");
    let library = Library::load(&[path], brief::domain::load::LoadOptions::default());
    let mut s = Stepper::new(Config::default(), library, 100, 30);
    s.start(Some("lint-me"));
    s.press("W");
    let screen = s.screen();
    assert!(screen.contains("Estimative language"), "{screen}");
    assert_eq!(
        screen.lines().filter(|l| l.contains("⚠ §1")).count(),
        1,
        "{screen}"
    );
}
