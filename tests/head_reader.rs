//! A large briefing in the reader: its head is shown first, then the whole replaces it
//! where the reader is, with the notes kept on sections past the head. The load's
//! events are sent by hand, in the order `load_streaming` sends them, so that what the
//! reader shows between the head and the whole is checked deterministically.

mod common;

use crossterm::event::{KeyCode, KeyModifiers};

use brief::config::Config;
use brief::domain::briefing::{Briefing, Origin};
use brief::domain::library::{Library, LoadEvent};
use brief::domain::load::{HEAD_FROM, HEAD_SECTIONS, HeadParse, LoadOptions, Loaded, parse_head};
use brief::domain::store::Store;
use brief::tui::app::Base;
use brief::tui::event::Msg;
use common::step::Stepper;

/// A TOML briefing of `sections` sections of about 8 KB each, then `tail`.
fn big(sections: usize, tail: &str) -> String {
    let mut text = String::from("title = \"A big briefing\"\nid = \"big\"\n");
    for i in 0..sections {
        let body = format!(
            "Paragraph {i} of the section, long enough to wrap on a line of the reader.\n\n"
        )
        .repeat(100);
        text.push_str(&format!(
            "\n[[sections]]\nid = \"s{i}\"\ntitle = \"Section number {i}\"\nbody = \"\"\"\n{body}\"\"\"\n"
        ));
    }
    text.push_str(tail);
    text
}

/// The head and the whole of a briefing file, as the load reports them.
fn head_and_whole(
    path: &std::path::Path,
) -> (
    Briefing,
    Result<Loaded, Vec<brief::domain::diag::Diagnostic>>,
) {
    let bytes = std::fs::read(path).expect("read");
    assert!(bytes.len() >= HEAD_FROM);
    match parse_head(
        bytes,
        Origin::File(path.to_path_buf()),
        Some("big".into()),
        HEAD_SECTIONS,
    ) {
        HeadParse::Head { head, rest } => (*head, rest.parse()),
        HeadParse::Whole(w) => panic!("no head: {:?}", w.err()),
    }
}

fn send(s: &mut Stepper, event: LoadEvent) {
    s.send(Msg::Load(event));
}

#[test]
fn the_whole_replaces_the_head_where_the_reader_is_and_places_the_notes_past_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.toml");
    std::fs::write(&path, big(40, "")).expect("write");

    // A first session writes a note on a section the head does not hold.
    let first = {
        let library = Library::load(std::slice::from_ref(&path), LoadOptions::default());
        let mut s = Stepper::new(Config::default(), library, 100, 30);
        s.start(Some("big"));
        s.press(&"]".repeat(30));
        assert_eq!(
            s.app().reader.as_ref().map(|r| r.pane.current_unit()),
            Some(31)
        );
        s.press("aFar past the head");
        s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(s.said().iter().any(|m| m == "note saved"), "{:?}", s.said());
        s
    };
    let data = first.home.path().join("data");

    // The second session is given the head, then the whole.
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Stepper::with_store(
        Config::default(),
        Library::default(),
        100,
        30,
        Some(Store::new(data.clone())),
        home,
    );
    let (head, whole) = head_and_whole(&path);
    let shown = head.sections.len();
    assert!(shown < 40);
    send(
        &mut s,
        LoadEvent::Discovered {
            total: 1,
            problems: Vec::new(),
        },
    );
    send(&mut s, LoadEvent::Head(Box::new(head)));
    assert_eq!(s.app().base, Base::Reader);
    assert!(s.app().model.open.as_ref().is_some_and(|b| b.partial));
    let screen = s.screen();
    assert!(screen.contains("A big briefing"), "{screen}");
    assert!(screen.contains("Section number 0"), "{screen}");
    assert!(
        s.said()
            .iter()
            .any(|m| m.contains(&format!("showing the first {shown} sections"))),
        "{:?}",
        s.said()
    );
    // No notes are read for a head.
    assert!(s.app().model.open_set().is_none());

    // The user reads on: the third section, a few lines down.
    s.press("]]]jj");
    let reader = s.app().reader.as_ref().expect("reader");
    let (cursor, top) = (reader.pane.cursor, reader.pane.top);
    let unit = reader.pane.current_unit();
    assert!((3..=shown).contains(&unit), "{unit}");
    let before = s.screen();

    send(&mut s, LoadEvent::Loaded(Box::new(whole)));
    send(&mut s, LoadEvent::Done);
    s.settle();
    let open = s.app().model.open.clone().expect("open");
    assert!(!open.partial);
    assert_eq!(open.sections.len(), 40);
    assert_eq!(s.app().base, Base::Reader);
    let reader = s.app().reader.as_ref().expect("reader");
    assert_eq!((reader.pane.cursor, reader.pane.top), (cursor, top));
    // The text on screen did not move: the reading pane's rows are the same.
    let after = s.screen();
    let pane = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter(|l| l.contains(&format!("Paragraph {} ", unit - 1)))
            .map(|l| l.rsplit('│').next().unwrap_or(l).trim().to_owned())
            .collect()
    };
    assert!(!pane(&before).is_empty(), "{before}");
    assert_eq!(pane(&before), pane(&after), "{before}\n{after}");
    // The note past the head is placed on its passage, not orphaned.
    let set = s.app().model.open_set().expect("notes read");
    assert_eq!(set.file.notes.len(), 1);
    let placed = s
        .app()
        .model
        .placed
        .placed
        .values()
        .map(|p| p.status)
        .collect::<Vec<_>>();
    assert_eq!(placed, vec![brief::domain::annotation::Status::Attached]);
    assert!(
        !s.said().iter().any(|m| m.contains("need review")),
        "{:?}",
        s.said()
    );
    let stored = Store::new(data).load("big").map(|o| o.set.file.notes.len());
    assert_eq!(stored.ok(), Some(1));
}

#[test]
fn a_rest_that_does_not_load_closes_the_head_and_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.toml");
    std::fs::write(&path, big(40, "\n[[sections]]\ntitle = 3\n")).expect("write");
    let mut s = Stepper::new(Config::default(), Library::default(), 100, 30);
    let (head, whole) = head_and_whole(&path);
    let errors = whole.as_ref().err().cloned().expect("an error in the rest");
    send(
        &mut s,
        LoadEvent::Discovered {
            total: 1,
            problems: Vec::new(),
        },
    );
    send(&mut s, LoadEvent::Head(Box::new(head)));
    assert_eq!(s.app().base, Base::Reader);
    send(&mut s, LoadEvent::Loaded(Box::new(whole)));
    send(&mut s, LoadEvent::Done);
    assert_eq!(s.app().base, Base::Library);
    assert!(s.app().model.open.is_none());
    assert_eq!(s.app().model.library.problems, errors);
    assert!(
        s.said().iter().any(|m| m.contains("could not be loaded")),
        "{:?}",
        s.said()
    );
}

#[test]
fn the_end_asked_for_on_the_head_is_the_end_of_the_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.toml");
    std::fs::write(&path, big(40, "")).expect("write");
    let mut s = Stepper::new(Config::default(), Library::default(), 100, 30);
    let (head, whole) = head_and_whole(&path);
    let shown = head.sections.len();
    send(
        &mut s,
        LoadEvent::Discovered {
            total: 1,
            problems: Vec::new(),
        },
    );
    send(&mut s, LoadEvent::Head(Box::new(head)));
    s.press("G");
    let unit = s.app().reader.as_ref().map(|r| r.pane.current_unit());
    assert_eq!(unit, Some(shown));
    send(&mut s, LoadEvent::Loaded(Box::new(whole)));
    send(&mut s, LoadEvent::Done);
    let unit = s.app().reader.as_ref().map(|r| r.pane.current_unit());
    assert_eq!(unit, Some(40));
    assert!(s.screen().contains("Paragraph 39 "), "{}", s.screen());
}

#[test]
fn a_large_file_named_on_the_command_line_opens_on_its_head_then_its_whole() {
    // What `brief big.toml` does: the head parsed before the first frame, the rest in a
    // job.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.toml");
    std::fs::write(&path, big(40, "")).expect("write");
    let mut s = Stepper::new(Config::default(), Library::default(), 100, 30);
    let HeadParse::Head { head, rest } =
        brief::domain::load::load_head(&path, LoadOptions::default(), HEAD_SECTIONS)
    else {
        panic!("a 320 KB file has a head");
    };
    brief::tui::start_with_head(&mut s.driver.app, head, rest);
    // The head is open at once, before the job has run.
    let open = s.app().model.open.clone().expect("the head is open");
    assert!(open.partial && open.sections.len() < 40);
    assert!(s.screen().contains("A big briefing"));
    // Once the job is done, the whole is open (the loop draws, then starts the work).
    s.driver.draw().expect("draw");
    s.driver.flush(std::time::Instant::now());
    s.settle();
    let open = s.app().model.open.clone().expect("the whole is open");
    assert!(!open.partial);
    assert_eq!(open.sections.len(), 40);
    assert_eq!(s.app().base, Base::Reader);
}
