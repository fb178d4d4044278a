//! `/` searches everything the reader shows, not only section bodies: section titles,
//! the briefing's title, tags, sources and dates. A match there counts like any other,
//! `n` goes to it (the section shown from its heading) and it is highlighted.

mod common;

use common::step::{EN, Stepper};

fn unit(s: &Stepper) -> Option<usize> {
    s.app().reader.as_ref().map(|r| r.pane.current_unit())
}

fn status(s: &mut Stepper) -> String {
    s.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_section_title_is_found_and_shown_from_its_heading() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(EN));
    s.press("/Obstacles to military\r");
    let status = status(&mut s);
    assert!(status.contains("match 1/1"), "{status}");
    let briefing = s.app().model.open.clone().expect("open");
    let section = briefing
        .sections
        .iter()
        .position(|x| x.title.starts_with("Obstacles to military"))
        .expect("the section");
    assert_eq!(unit(&s), Some(section + 1));
    let screen = s.screen();
    assert!(
        screen.contains("Obstacles to military cooperation"),
        "{screen}"
    );
}

#[test]
fn sources_and_tags_of_the_overview_are_found() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(EN));
    // Only in a source's name.
    s.press("]]/not consulted directly\r");
    let line = status(&mut s);
    assert!(line.contains("match 1/1"), "{line}");
    assert_eq!(unit(&s), Some(0));
    // A tag, found in the overview.
    s.press("\x1b");
    s.press("/north-korea\r");
    let line = status(&mut s);
    assert!(line.contains("match 1/1"), "{line}");
    assert_eq!(unit(&s), Some(0));
    // A word nowhere is no match.
    s.press("\x1b");
    s.press("/zzzz-nowhere\r");
    assert!(status(&mut s).contains("no match"));
}

#[test]
fn a_heading_match_is_highlighted_in_the_heading() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(EN));
    s.press("/Obstacles to military\r");
    let screen = s.screen();
    let buffer = s.driver.terminal.backend().buffer().clone();
    let current = s.app().theme.search_current;
    let heading = s.app().theme.heading;
    // The title's words are drawn in the current-match style, where the heading's own
    // style was.
    assert_ne!(current, heading);
    let found = screen.lines().enumerate().any(|(y, line)| {
        line.find("Obstacles to military").is_some_and(|byte| {
            let x = unicode_width::UnicodeWidthStr::width(&line[..byte]) as u16;
            let cell = &buffer[(x, y as u16)];
            cell.style().fg == current.fg && cell.style().bg == current.bg
        })
    });
    assert!(found, "the heading's match is highlighted");
}

#[test]
fn keys_typed_in_one_batch_search_once_after_the_batch() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(EN));
    s.press("/");
    // The loop takes in every key that arrived together, then settles once.
    for c in "Obstacles".chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        s.driver
            .handle(brief::tui::event::Msg::Term(Event::Key(key)));
    }
    let search = |s: &Stepper| {
        s.app()
            .reader
            .as_ref()
            .and_then(|r| r.search.clone())
            .expect("a search")
    };
    let typed = search(&s);
    assert_eq!(typed.input.text(), "Obstacles");
    assert!(typed.stale && typed.matches.is_empty(), "not searched yet");
    s.driver.flush(std::time::Instant::now());
    let done = search(&s);
    assert!(!done.stale);
    assert_eq!(done.matches.len(), 1);
}
