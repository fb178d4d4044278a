//! Pasting into the note editor: every kind of line break a terminal sends in a paste
//! (CR LF, LF, and the lone CR many terminals send for a newline) becomes a newline of
//! the note, and control characters are shown as symbols, never sent to the terminal.

mod common;

use crossterm::event::{Event, KeyCode, KeyModifiers};

use brief::tui::event::Msg;
use common::step::{FR, Stepper};

#[test]
fn a_pasted_lone_cr_is_a_new_line_of_the_note() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    s.press("]a");
    assert!(!s.app().overlays.is_empty(), "the editor is open");
    s.send(Msg::Term(Event::Paste(
        "line one\rline two\r\nline three\nline\u{1b}[31m four".into(),
    )));
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(s.said().iter().any(|m| m == "note saved"), "{:?}", s.said());
    let set = s.app().model.open_set().expect("notes");
    let bodies: Vec<&str> = set.file.notes.iter().map(|n| n.body.as_str()).collect();
    assert_eq!(bodies, ["line one\nline two\nline three\nline␛[31m four"]);
}
