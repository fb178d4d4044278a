//! A briefing's own labels: its `[labels]` table replaces what is drawn as part of it
//! (a kind's label, "Bottom line", "Sources", "accessed {date}") in the reader, in
//! `brief show` and in exports; a mistake in it is an error at its line and column.

mod common;

use std::process::Command;

use brief::config::Config;
use brief::domain::library::Library;
use common::step::Stepper;

const LABELLED: &str = "title = \"Labelled\"\nid = \"labelled\"\nlanguage = \"en\"\nsummary = \"The gist.\"\n\n[labels]\nbottom-line = \"Key judgements\"\n\n[labels.kinds]\nmilitary-cooperation = \"Defence ties\"\n\n[labels.badges]\nmilitary-cooperation = \"DEF\"\n\n[[sections]]\nid = \"one\"\ntitle = \"Arms and more\"\nkind = \"military-cooperation\"\nbody = \"Text.\"\n";

fn write(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("labelled.toml");
    std::fs::write(&path, text).expect("write");
    path
}

fn brief(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    std::fs::write(dir.join("config.toml"), "").expect("config");
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env("BRIEF_CONFIG", dir.join("config.toml"))
        .env("BRIEF_DATA_DIR", dir.join("data"))
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run brief")
}

#[test]
fn the_reader_and_show_draw_the_briefing_s_own_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), LABELLED);
    let library = Library::load(
        std::slice::from_ref(&path),
        brief::domain::load::LoadOptions::default(),
    );
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let mut s = Stepper::new(Config::default(), library, 100, 30);
    s.start(Some("labelled"));
    let screen = s.screen();
    assert!(screen.contains("Key judgements"), "{screen}");
    assert!(!screen.contains("Bottom line"), "{screen}");
    assert!(screen.contains(" DEF "), "{screen}");
    assert!(screen.contains("Defence ties"), "{screen}");
    let out = brief(&["show", path.to_str().unwrap_or_default()], dir.path());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(shown.contains("Arms and more [Defence ties]"), "{shown}");
}

#[test]
fn a_mistake_in_labels_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = LABELLED
        .replace("\"DEF\"", "\"DEFENCE\"")
        .replace("bottom-line = ", "bottom-lines = ");
    let path = write(dir.path(), &text);
    let out = brief(&["check", path.to_str().unwrap_or_default()], dir.path());
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    // `bottom-lines` on line 7, the badge's value on line 13, column 24.
    assert!(
        said.contains("labelled.toml:7:1: error: unknown field `bottom-lines`"),
        "{said}"
    );
    assert!(said.contains("did you mean `bottom-line`?"), "{said}");
    assert!(
        said.contains(
            "labelled.toml:13:24: error: the badge for `military-cooperation` is 7 columns wide"
        ),
        "{said}"
    );
}
