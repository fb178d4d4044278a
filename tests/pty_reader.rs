//! End to end: the real binary in a pseudo-terminal, driven by keys, read back from
//! the emulated screen.

mod common;

use common::{Tui, home_with_config};

const DOWN: &str = "\x1b[B";

/// Starts on the bundled briefings folder and opens the French one from the library.
fn open_french() -> Tui {
    let mut tui = Tui::start(&["briefings"], 100, 30);
    tui.wait_for("Library · 2 of 2");
    // `/` filters the library; Enter keeps the filter, Enter again opens.
    tui.send("/poutine\r");
    tui.wait_for("1 of 2");
    tui.send("\r");
    tui.wait_for("Outline");
    tui
}

#[test]
fn starts_on_the_library_and_opens_a_briefing() {
    let mut tui = Tui::start(&["briefings"], 100, 30);
    let screen = tui.wait_for("Library · 2 of 2 briefings");
    assert!(
        screen.contains("Kim Jong Un and Vladimir Putin"),
        "{screen}"
    );
    assert!(
        screen.contains("Kim Jong Un et Vladimir Poutine"),
        "{screen}"
    );
    tui.send(DOWN);
    tui.send("\r");
    // The status line is the frame's last row: once it says READ, the frame is whole.
    let screen = tui.wait_for(" READ ");
    // The outline lists the sections with their badges; the reader shows the overview.
    assert!(screen.contains("CTX  1 Contexte"), "{screen}");
    assert!(screen.contains("DAT 10 Dates possibles"), "{screen}");
    assert!(
        screen.contains("NON CLASSIFIÉ — source ouverte"),
        "{screen}"
    );
    assert!(screen.contains(" READ "), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(!tui.alternate_screen(), "the alternate screen was not left");
}

#[test]
fn a_file_named_on_the_command_line_opens_directly() {
    let mut tui = Tui::start(&["briefings/kim-putin-vladivostok.en.toml"], 100, 30);
    let screen = tui.wait_for("Outline");
    assert!(screen.contains("UNCLASSIFIED"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn moves_by_section_paragraph_and_to_the_end() {
    let mut tui = open_french();
    tui.send("]");
    let screen = tui.wait_for("§1/12");
    assert!(screen.contains("CTX  1. Contexte"), "{screen}");
    let before = tui.screen();
    tui.send("j");
    // The cursor moved: the screen changed, and it is still in section 1.
    let screen = tui.wait_until("the cursor to move", |s| s != before);
    assert!(screen.contains("§1/12"), "{screen}");
    tui.send("]]");
    let screen = tui.wait_for("§3/12");
    assert!(screen.contains("MIL  3. Coopération militaire"), "{screen}");
    tui.send("G");
    let screen = tui.wait_for("100%");
    assert!(screen.contains("§12/12"), "{screen}");
    assert!(
        screen.contains("divulgation."),
        "the last words are shown: {screen}"
    );
    tui.send("g");
    tui.wait_for("overview/12");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn jumps_from_the_outline() {
    let mut tui = open_french();
    tui.send("h");
    tui.wait_for(" OUTLINE ");
    tui.send("jjjjjjjjjj");
    let screen = tui.wait_for("§10/12");
    assert!(screen.contains("DAT  10. Dates possibles"), "{screen}");
    tui.send("\r");
    let screen = tui.wait_for(" READ ");
    // The briefing is French: its dates are written the French way, whatever the
    // interface's language.
    assert!(screen.contains("10–13 sept."), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn mouse_click_on_the_outline_jumps() {
    let mut tui = open_french();
    // Row of section 8 in the outline: banner, header, title row, overview, then 1..8.
    let row = 1 + 1 + 1 + 1 + 8;
    tui.send(&format!("\x1b[<0;5;{row}M\x1b[<0;5;{row}m"));
    let screen = tui.wait_for("§8/12");
    assert!(
        screen.contains("DÉF   8. Les obstacles") || screen.contains("DÉF  8. Les obstacles"),
        "{screen}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn help_opens_and_closes() {
    let mut tui = open_french();
    tui.send("?");
    let screen = tui.wait_for("Esc closes");
    assert!(screen.contains("the next paragraph"), "{screen}");
    tui.send("\x1b");
    tui.wait_until("help closed", |s| !s.contains("Esc closes"));
    tui.send("?");
    tui.wait_for("Esc closes");
    // `q` closes the overlay first, then quits.
    tui.send("q");
    tui.wait_until("help closed", |s| !s.contains("Esc closes"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(!tui.alternate_screen());
}

#[test]
fn a_rebound_key_works_and_help_shows_it() {
    let home = home_with_config("[keys]\nnext-section = [\"w\"]\nhelp = [\"F1\", \"?\"]\n");
    let mut tui = Tui::start_in(
        home,
        &["briefings/kim-putin-vladivostok.fr.toml"],
        100,
        30,
        &[],
    );
    tui.wait_for("Outline");
    tui.send("ww");
    tui.wait_for("§2/12");
    tui.send("?");
    let screen = tui.wait_for("Esc closes");
    let line = screen
        .lines()
        .find(|l| l.contains("Next section"))
        .unwrap_or_default()
        .to_string();
    assert!(line.contains("│w "), "{line}");
    tui.send("\x1b");
    tui.wait_until("help closed", |s| !s.contains("Esc closes"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_key_bound_twice_is_refused_at_start() {
    let home = home_with_config("[keys]\nquit = [\"j\"]\n");
    let mut tui = Tui::start_in(home, &["briefings"], 100, 30, &[]);
    assert_eq!(tui.wait_exit(), 2);
    let screen = tui.screen();
    assert!(
        screen.contains(
            "config.toml:2:9: error: key `j` is `next` in [keys.list] and `quit` in [keys.global]"
        ),
        "{screen}"
    );
}

#[test]
fn ctrl_c_quits_from_the_library_and_the_reader() {
    let mut tui = Tui::start(&["briefings"], 100, 30);
    tui.wait_for("Library");
    tui.send("\x03");
    assert_eq!(tui.wait_exit(), 0);
    let mut tui = open_french();
    tui.send("\x03");
    assert_eq!(tui.wait_exit(), 0);
    assert!(!tui.alternate_screen());
}

#[test]
fn resizing_redraws_and_tiny_sizes_do_not_crash() {
    let mut tui = open_french();
    tui.send("]]");
    tui.wait_for("§2/12");
    tui.resize(40, 12);
    tui.wait_until("narrow layout", |s| {
        s.contains("§2/12") && !s.contains("Outline")
    });
    tui.resize(1, 1);
    tui.resize(10, 3);
    tui.wait_for("too small");
    tui.resize(100, 30);
    let screen = tui.wait_for("Outline");
    assert!(screen.contains("§2/12"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut tui = open_french();
    let pid = tui.pid().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_eq!(tui.wait_exit(), 0);
    assert!(!tui.alternate_screen());
}
