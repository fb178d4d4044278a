//! End to end: bookmarks, notes and search in the real binary, in a pseudo-terminal.
//! Notes must survive a restart and an edit of the briefing underneath them.

mod common;

use common::Tui;

const FR: &str = "kim-putin-vladivostok.fr.toml";

/// A home with a copy of the French briefing, so the test can edit it.
fn home_with_briefing() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().expect("tempdir");
    std::fs::write(home.path().join("config.toml"), "").expect("config");
    let file = home.path().join(FR);
    std::fs::copy(common::briefings().join(FR), &file).expect("copy");
    let path = file.to_str().expect("utf-8 path").to_string();
    (home, path)
}

fn start(home: tempfile::TempDir, file: &str) -> Tui {
    let tui = Tui::start_in(home, &[file], 110, 32, &[]);
    tui.wait_for("Outline");
    tui
}

#[test]
fn a_bookmark_and_a_note_survive_a_restart_and_an_edit_of_the_briefing() {
    let (home, file) = home_with_briefing();
    let mut tui = start(home, &file);
    // Section 2, its second paragraph: bookmark it, then write a note on it.
    tui.send("]]j");
    tui.wait_for("§2/12");
    tui.send("b");
    tui.wait_for("bookmarked");
    tui.send("a");
    tui.wait_for("New note");
    tui.send("Vérifier les munitions évoquées #logistique");
    tui.wait_for("#logistique");
    tui.send("\x13"); // Ctrl-s
    tui.wait_for("note saved");
    let screen = tui.screen();
    assert!(screen.contains("⚑✎"), "marks in the gutter: {screen}");
    assert!(screen.contains("✎1 ⚑1"), "counts in the outline: {screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    // Start again: back at the same place, both annotations there.
    let home = tui.into_home();
    let data = home.path().join("data");
    let mut tui = start(home, &file);
    let screen = tui.wait_for("⚑✎");
    assert!(screen.contains("§2/12"), "{screen}");
    tui.send("A");
    let panel = tui.wait_for("Bookmarks and notes");
    assert!(
        panel.contains("Vérifier les munitions évoquées #logistique"),
        "{panel}"
    );
    tui.send("\x1b");
    tui.wait_until("panel closed", |s| !s.contains("Bookmarks and notes ·"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let home = tui.into_home();
    let stored = std::fs::read_to_string(data.join("annotations/kim-putin-vladivostok-fr.toml"))
        .expect("store");
    assert!(
        stored.contains("Vérifier les munitions évoquées #logistique"),
        "{stored}"
    );

    // Edit the briefing on disk: insert a paragraph before the annotated one.
    let text = std::fs::read_to_string(&file).expect("read");
    let edited = text.replacen(
        "L’article place la **coopération militaire** en tête",
        "Paragraphe ajouté pour le test, avant le passage annoté.\n\nL’article place la **coopération militaire** en tête",
        1,
    );
    assert!(text != edited, "the edit must apply");
    std::fs::write(&file, edited).expect("write");
    let mut tui = start(home, &file);
    let screen = tui.wait_for("moved");
    assert!(screen.contains("⚑✎"), "the note is re-attached: {screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let home = tui.into_home();

    // Now delete the annotated passage: the note is listed as needing review.
    let text = std::fs::read_to_string(&file).expect("read");
    let start_at = text
        .find("- **Qui l’affirme")
        .or_else(|| text.find("Qui l’affirme"))
        .expect("passage");
    let end_at = start_at + text[start_at..].find('\n').expect("end of line");
    let mut cut = text.clone();
    cut.replace_range(
        start_at..end_at,
        "- Passage entièrement réécrit pour le test, sans rapport.",
    );
    std::fs::write(&file, cut).expect("write");
    let mut tui = start(home, &file);
    tui.wait_for("need review");
    tui.send("A");
    let panel = tui.wait_for("Needs review");
    assert!(panel.contains("Vérifier les munitions"), "{panel}");
    tui.send("\x1b");
    tui.wait_until("panel closed", |s| !s.contains("Needs review"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn search_highlights_folded_matches_and_n_moves_between_them() {
    let mut tui = Tui::start(&["briefings/kim-putin-vladivostok.fr.toml"], 110, 32);
    tui.wait_for("Outline");
    tui.send("/cooperation");
    // Match 1 is the tag `military-cooperation` in the overview's heading, above the
    // cursor: typing finds the first match after it.
    let screen = tui.wait_for("match 2/");
    assert!(screen.contains("coopération"), "{screen}");
    assert!(
        tui.highlighted("coopération"),
        "coopération is highlighted:\n{screen}"
    );
    tui.send("\r");
    tui.send("n");
    tui.wait_for("match 3/");
    tui.send("N");
    tui.wait_for("match 2/");
    tui.send("N");
    tui.wait_for("match 1/");
    tui.send("N");
    tui.wait_for("wrapped to the bottom");
    tui.send("\x1b");
    tui.wait_until("search cleared", |s| !s.contains("match "));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn library_search_finds_the_text_of_a_note() {
    let (home, file) = home_with_briefing();
    let mut tui = start(home, &file);
    tui.send("]]j");
    tui.wait_for("§2/12");
    tui.send("a");
    tui.wait_for("New note");
    tui.send("Zeppelin quantique introuvable ailleurs");
    tui.send("\x13");
    tui.wait_for("note saved");
    tui.send("S");
    tui.wait_for("Search the library");
    tui.send("zeppelin");
    let screen = tui.wait_for("note: Zeppelin quantique");
    assert!(screen.contains("1 found"), "{screen}");
    tui.send("\r");
    tui.wait_until("back in the reader", |s| !s.contains("Search the library"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn the_finder_jumps_to_a_section_by_fuzzy_title() {
    let mut tui = Tui::start(&["briefings/kim-putin-vladivostok.fr.toml"], 110, 32);
    tui.wait_for("Outline");
    tui.send(":");
    tui.wait_for("Go to a section or briefing");
    tui.send("dat pos");
    tui.wait_for("Dates possibles");
    tui.send("\r");
    tui.wait_for("§10/12");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_briefing_edited_underneath_the_reader_reloads_with_the_changed_mark() {
    let (home, file) = home_with_briefing();
    let mut tui = start(home, &file);
    // Read section 1 to its end: it is marked read (✓).
    tui.send("]");
    tui.wait_for("§1/12");
    tui.send("jjjj");
    let screen = tui.wait_until("section 1 read", |s| {
        s.lines()
            .any(|l| l.contains("CTX  1 Contexte") && l.contains('✓'))
    });
    assert!(
        screen.contains("§1/12") || screen.contains("§2/12"),
        "{screen}"
    );
    // Change section 1 on disk, as an editor would (write a new file, rename it over).
    let text = std::fs::read_to_string(&file).expect("read");
    let edited = text.replacen(
        "L’article reste au conditionnel.",
        "Mise à jour : l’article reste au conditionnel.",
        1,
    );
    assert!(text != edited, "the edit must apply");
    let tmp = format!("{file}.tmp");
    std::fs::write(&tmp, edited).expect("write");
    std::fs::rename(&tmp, &file).expect("rename");
    let screen = tui.wait_until("the changed mark", |s| {
        s.lines()
            .any(|l| l.contains("CTX  1 Contexte") && l.contains('Δ'))
    });
    assert!(
        screen.contains("Mise à jour"),
        "the new text is shown: {screen}"
    );
    // A version that does not load keeps the last good one on screen, with the error.
    std::fs::write(&file, "title = \"broken\n").expect("write");
    let screen = tui.wait_for("no longer loads");
    assert!(screen.contains("Mise à jour"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// Types a note and leaves it unsaved, then sends `signal`: the text must come back as
/// a draft on the next start.
fn draft_survives(signal: &str) {
    let (home, file) = home_with_briefing();
    let mut tui = start(home, &file);
    tui.send("]]j");
    tui.wait_for("§2/12");
    tui.send("a");
    tui.wait_for("New note");
    tui.send("Brouillon à ne pas perdre, même tué");
    tui.wait_for("même tué");
    let pid = tui.pid().expect("pid");
    let status = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    tui.wait_exit();
    assert!(!tui.alternate_screen(), "terminal restored after {signal}");
    let home = tui.into_home();
    let mut tui = start(home, &file);
    let screen = tui.wait_for("recovered an unsaved note");
    assert!(
        screen.contains("Brouillon à ne pas perdre, même tué"),
        "{screen}"
    );
    tui.send("\x13");
    tui.wait_for("note saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn sigterm_while_editing_keeps_the_draft() {
    draft_survives("-TERM");
}

#[test]
fn sighup_while_editing_keeps_the_draft() {
    draft_survives("-HUP");
}

#[test]
fn two_readers_on_one_briefing_both_keep_their_notes() {
    let (home, file) = home_with_briefing();
    let data = home.path().join("data");
    let data_env = data.to_str().expect("utf-8").to_string();
    let mut first = start(home, &file);
    let other_home = tempfile::tempdir().expect("tempdir");
    std::fs::write(other_home.path().join("config.toml"), "").expect("config");
    let mut second = Tui::start_in(
        other_home,
        &[&file],
        110,
        32,
        &[("BRIEF_DATA_DIR", &data_env)],
    );
    second.wait_for("Outline");
    for (tui, text) in [
        (&mut first, "Note du premier lecteur"),
        (&mut second, "Note du second lecteur"),
    ] {
        tui.send("]]j");
        tui.wait_for("§2/12");
        tui.send("a");
        tui.wait_for("New note");
        tui.send(text);
        tui.send("\x13");
        tui.wait_for("note saved");
    }
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    let stored = std::fs::read_to_string(data.join("annotations/kim-putin-vladivostok-fr.toml"))
        .expect("store");
    assert!(stored.contains("Note du premier lecteur"), "{stored}");
    assert!(stored.contains("Note du second lecteur"), "{stored}");
}
