//! Frame snapshots: the real app stepped as the loop steps it (`Driver` on ratatui's
//! `TestBackend`), driven by keys as a user would press them, at 100×30, 80×24 and
//! 40×12 (and the 20×6 minimum).

mod common;

use crossterm::event::{KeyCode, KeyModifiers};

use brief::config::Config;
use common::step::{FR, Stepper};

#[test]
fn library_100x30() {
    let mut s = Stepper::bundled(100, 30);
    s.start(None);
    insta::assert_snapshot!(s.screen());
}

#[test]
fn library_filtered_40x12() {
    let mut s = Stepper::bundled(40, 12);
    s.start(None).press("/poutine");
    let screen = s.screen();
    assert!(screen.contains("1 of 2"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn french_briefing_top_100x30() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    insta::assert_snapshot!(s.screen());
}

#[test]
fn french_briefing_top_40x12() {
    let mut s = Stepper::bundled(40, 12);
    s.start(Some(FR));
    insta::assert_snapshot!(s.screen());
}

fn goto_possible_dates(s: &mut Stepper) {
    s.start(Some(FR));
    for _ in 0..10 {
        s.press("]");
    }
}

#[test]
fn french_possible_dates_100x30() {
    let mut s = Stepper::bundled(100, 30);
    goto_possible_dates(&mut s);
    let screen = s.screen();
    assert!(screen.contains("DAT  10. Dates possibles"), "{screen}");
    assert!(screen.contains("10–13 sept."), "{screen}");
    assert!(screen.contains("§10/12"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn french_possible_dates_40x12() {
    let mut s = Stepper::bundled(40, 12);
    goto_possible_dates(&mut s);
    insta::assert_snapshot!(s.screen());
}

#[test]
fn help_overlay_100x30() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR)).press("?");
    let screen = s.screen();
    assert!(screen.contains("Next section"), "{screen}");
    insta::assert_snapshot!(screen);
    s.press("?");
    assert!(!s.screen().contains("Next section"));
}

#[test]
fn help_overlay_40x12() {
    let mut s = Stepper::bundled(40, 12);
    s.start(Some(FR)).press("?");
    insta::assert_snapshot!(s.screen());
}

#[test]
fn minimum_size_20x6_and_below() {
    let mut s = Stepper::bundled(20, 6);
    s.start(Some(FR)).press("]j");
    insta::assert_snapshot!(s.screen());
    let mut tiny = Stepper::bundled(12, 3);
    tiny.start(Some(FR));
    let screen = tiny.screen();
    assert!(screen.starts_with("too small"), "{screen}");
}

#[test]
fn every_size_from_1x1_draws_without_panic() {
    for width in [1u16, 2, 5, 19, 20, 21, 39, 59, 60, 61, 120, 250] {
        for height in [1u16, 2, 5, 6, 7, 9, 10, 11, 40] {
            let mut s = Stepper::bundled(width, height);
            s.start(Some(FR)).press("]]jjG?");
            let _ = s.screen();
            s.press("?\tjjjkg");
            let _ = s.screen();
            s.press("LMA\x1bS");
            let _ = s.screen();
            s.press("\x1bTKq:");
            let _ = s.screen();
        }
    }
}

#[test]
fn outline_moves_the_reader_and_enter_focuses_it() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR)).press("hjjj");
    let screen = s.screen();
    assert!(screen.contains("OUTLINE"), "{screen}");
    assert!(screen.contains("§3/12"), "{screen}");
    // The reading pane shows section 3's heading at its top.
    let reader_top = screen.lines().nth(2).unwrap_or_default();
    assert!(
        reader_top.contains("MIL  3. Coopération militaire"),
        "{reader_top}"
    );
    s.key(KeyCode::Enter, KeyModifiers::NONE);
    assert!(s.screen().contains(" READ "));
}

#[test]
fn a_rebound_key_works_and_help_shows_it() {
    let config = Config::parse(
        "[keys]\nnext-section = [\"w\"]\n",
        std::path::Path::new("c.toml"),
    )
    .expect("config");
    let mut s = Stepper::new(config, brief::domain::library::Library::bundled(), 100, 30);
    s.start(Some(FR)).press("ww");
    assert!(s.screen().contains("§2/12"));
    s.press("]");
    assert!(s.screen().contains("§2/12"), "] is no longer bound");
    s.press("?");
    let help = s.screen();
    let line = help
        .lines()
        .find(|l| l.contains("Next section"))
        .unwrap_or_default();
    assert!(line.contains("│w "), "{line}");
}

#[test]
fn timeline_wide_120x16() {
    let mut s = Stepper::fixtures("tests/fixtures/timeline", 120, 16);
    s.start(None).press("T");
    let screen = s.screen();
    assert!(screen.contains("── today · 5 Nov 2026"), "{screen}");
    assert!(
        screen.contains("·━━━━·"),
        "ranges are drawn as bars: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn timeline_narrow_60x16() {
    let mut s = Stepper::fixtures("tests/fixtures/timeline", 60, 16);
    s.start(None).press("T");
    let screen = s.screen();
    assert!(!screen.contains("━"), "no strip when narrow: {screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn timeline_enter_opens_the_passage() {
    let mut s = Stepper::fixtures("tests/fixtures/timeline", 120, 30);
    s.start(None).press("Tj\n");
    let screen = s.screen();
    assert!(screen.contains(" READ "), "{screen}");
    assert!(screen.contains("Example: a regional summit"), "{screen}");
    assert!(screen.contains("When it may happen"), "{screen}");
}

#[test]
fn compare_100x30() {
    let mut s = Stepper::fixtures("tests/fixtures/timeline", 100, 30);
    s.start(None).press("K");
    let screen = s.screen();
    assert!(
        screen.contains("Compare · Context · 3 sections"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    // Right switches the kind; Enter opens the section at the top in the reader.
    s.key(KeyCode::Right, KeyModifiers::NONE);
    let screen = s.screen();
    assert!(screen.contains("Compare · Possible dates"), "{screen}");
    s.press("\n");
    assert!(s.screen().contains(" READ "));
}
