//! The interaction model, stepped as the loop steps it: the first screen can be
//! learnt (help, moving, filtering, opening; Esc never quits), every screen's help
//! lists keys that do what they say, rebinding works in every context, messages never
//! claim what has not happened, and slow work never runs on the UI thread.

mod common;

use std::time::Instant;

use crossterm::event::{KeyCode, KeyModifiers};

use brief::config::Config;
use brief::domain::i18n::Lang;
use brief::domain::library::Library;
use brief::keys::{Action, Context};
use common::step::{EN, FR, Stepper};

fn config(text: &str) -> Config {
    Config::parse(text, std::path::Path::new("config.toml")).expect("config")
}

#[test]
fn the_first_screen_can_be_learnt_at_80x24_and_200x50() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut s = Stepper::bundled(w, h);
        s.start(None);
        let screen = s.screen();
        assert!(screen.contains(" LIBRARY "), "{screen}");
        // `?` shows help, with the library's keys first.
        s.press("?");
        let screen = s.screen();
        assert!(screen.contains("Help · Library"), "{screen}");
        assert!(screen.contains("Sort by date or by title"), "{screen}");
        // Esc closes it, and Esc again does not quit.
        s.press("\x1b");
        assert!(!s.screen().contains("Help · Library"));
        s.press("\x1b");
        assert!(!s.app().quit, "Esc quit from the first screen");
        assert!(
            s.said().iter().any(|m| m.contains("q quits")),
            "{:?}",
            s.said()
        );
        // j/k move the selection (the French briefing is second by title order).
        let first = s.app().library.selected;
        s.press("j");
        assert_eq!(s.app().library.selected, first + 1);
        s.press("k");
        assert_eq!(s.app().library.selected, first);
        // `/` then text filters; letters are text there, `q` included.
        s.press("/poutine");
        assert_eq!(s.app().library.rows.len(), 1);
        assert!(s.screen().contains("1 of 2"));
        s.press("q");
        assert!(!s.app().quit, "q was typed into the filter");
        s.key(KeyCode::Backspace, KeyModifiers::NONE);
        // Enter keeps the filter, Enter again opens.
        s.press("\n\n");
        assert_eq!(s.app().model.open_id(), Some(FR));
        assert!(s.screen().contains(" READ "));
    }
}

/// Puts a stepper in a context, from the French briefing.
fn in_context(context: Context) -> Option<Stepper> {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    let keys = match context {
        Context::Library => "L",
        Context::Reader => "]j",
        Context::Outline => "h",
        Context::Panel => "]ba\n",
        Context::Editor => "]a",
        Context::Selection => "]v",
        Context::Prompt => "/",
        Context::LibrarySearch => "S",
        Context::Finder => ":",
        Context::Timeline => "T",
        Context::Compare => "K",
        Context::Help => "?",
        Context::Confirm => "]bA",
        Context::Messages => "M",
        Context::Sources => "O",
        Context::Lints => "W",
        Context::Global | Context::List | Context::LineEdit => return None,
    };
    s.press(keys);
    match context {
        // A note with text, then the panel.
        Context::Panel => {
            s.press("x");
            s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
            s.press("A");
        }
        // A bookmark, deleted, then the trash emptied: a question.
        Context::Confirm => {
            s.press("dX");
        }
        _ => {}
    }
    Some(s)
}

#[test]
fn every_key_that_help_lists_does_what_it_says() {
    use strum::IntoEnumIterator;
    let keymap = brief::keys::Keymap::defaults();
    let mut walked = 0;
    let mut idle = Vec::new();
    for context in Context::iter() {
        let Some(mut s) = in_context(context) else {
            continue;
        };
        assert_eq!(s.app().context(), context, "could not reach {context:?}");
        // Help shows this screen's keys first.
        let groups = keymap.help(context);
        let first = groups.first().map(|g| g.context);
        if context.own_actions().is_empty() {
            assert_eq!(first, context.parents().first().copied(), "{context:?}");
        } else {
            assert_eq!(first, Some(context), "{context:?}");
        }
        for group in groups {
            for (keys, action) in group.rows {
                // Leaving the program is checked elsewhere; here every other key.
                if matches!(action, Action::Quit | Action::ForceQuit) {
                    continue;
                }
                for key in keys {
                    let Some(mut s) = in_context(context) else {
                        continue;
                    };
                    assert_eq!(
                        keymap.resolve(context, key),
                        Some(action),
                        "{key} in {context:?}"
                    );
                    s.driver.app.dispatch(action);
                    s.driver.flush(Instant::now());
                    s.settle();
                    if s.said().iter().any(|m| m.contains("does nothing here")) {
                        idle.push(format!("{key} ({action:?}) in {context:?}"));
                    }
                    walked += 1;
                }
            }
        }
        // And `?` (or F1 where letters are text) shows this screen's help.
        if context != Context::Help {
            s.key(KeyCode::F(1), KeyModifiers::NONE);
            let screen = s.screen();
            assert!(
                screen.contains(&format!("Help · {}", context.title(Lang::En))),
                "{context:?}: {screen}"
            );
        }
    }
    assert!(idle.is_empty(), "in the help but doing nothing: {idle:#?}");
    assert!(walked > 150, "walked only {walked} keys");
}

#[test]
fn keys_rebound_in_the_panel_the_editor_and_the_library_work_and_show_in_help() {
    let c = config(
        "[keys.panel]\ndelete = [\"x\"]\n[keys.editor]\nsave = [\"Ctrl-g\"]\n[keys.library]\nsort = [\"o\"]\n",
    );
    let mut s = Stepper::new(c, Library::bundled(), 100, 30);
    s.start(None);
    // Library: `o` sorts, `s` no longer does.
    s.press("o");
    assert!(s.screen().contains("by title"), "{}", s.screen());
    s.press("?");
    let help = s.screen();
    assert!(
        help.lines()
            .any(|l| l.contains("│o ") && l.contains("Sort")),
        "{help}"
    );
    s.press("\x1b");
    // Editor: Ctrl-g saves, Ctrl-s no longer does.
    s.press("\n]a");
    s.press("kept");
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(!s.app().overlays.is_empty(), "Ctrl-s still saves");
    s.key(KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(s.app().overlays.is_empty(), "the editor closed");
    assert!(s.said().iter().any(|m| m == "note saved"), "{:?}", s.said());
    // Panel: `x` deletes, and help says so.
    s.press("A");
    s.key(KeyCode::F(1), KeyModifiers::NONE);
    let help = s.screen();
    assert!(
        help.lines()
            .any(|l| l.contains("│x ") && l.contains("trash")),
        "{help}"
    );
    s.press("\x1b");
    s.press("x");
    assert!(s.said().iter().any(|m| m.contains("moved to the trash")));
}

#[test]
fn a_conflict_in_any_context_is_refused_with_its_place() {
    let c = config("[keys.panel]\nedit = [\"d\"]\n");
    let e = c.keymap().err().unwrap_or_default();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].to_string()
            .starts_with("config.toml:2:9: error: key `d` is bound to both"),
        "{e:?}"
    );
}

#[test]
fn a_note_saved_after_the_first_library_search_is_found_by_the_next() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    s.press("Szeppelin");
    assert!(s.app().model.index.is_some());
    assert!(s.screen().contains("0 found"), "{}", s.screen());
    s.press("\x1b]aZeppelin quantique");
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(s.said().iter().any(|m| m == "note saved"));
    s.press("S");
    // The query is kept; the new note is found.
    let screen = s.screen();
    assert!(screen.contains("note: Zeppelin quantique"), "{screen}");
}

#[test]
fn a_busy_store_never_shows_note_saved_before_the_note_is_saved() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    // Another brief holds the store's lock.
    let store = brief::domain::store::Store::new(s.home.path().join("data"));
    let lock_path = store.lock_path(FR);
    std::fs::create_dir_all(lock_path.parent().expect("parent")).expect("dir");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .expect("lock file");
    lock.lock().expect("lock");
    s.press("]aHeld back");
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        !s.said().iter().any(|m| m == "note saved"),
        "{:?}",
        s.said()
    );
    assert!(
        s.said().iter().any(|m| m.contains("store busy")),
        "{:?}",
        s.said()
    );
    assert!(
        s.screen().contains("1 briefing not saved yet"),
        "{}",
        s.screen()
    );
    // Retries keep failing while the lock is held, and say nothing false.
    s.fire_timers();
    assert!(!s.said().iter().any(|m| m == "note saved"));
    lock.unlock().expect("unlock");
    s.fire_timers();
    assert!(s.said().iter().any(|m| m == "note saved"), "{:?}", s.said());
    assert!(!s.screen().contains("not saved yet"));
    let saved = store.load(FR).map(|o| o.set.file.notes.len());
    assert_eq!(saved.ok(), Some(1));
}

#[test]
fn notes_not_yet_saved_stay_when_another_briefing_is_opened() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    let store = brief::domain::store::Store::new(s.home.path().join("data"));
    let lock_path = store.lock_path(FR);
    std::fs::create_dir_all(lock_path.parent().expect("parent")).expect("dir");
    let lock = std::fs::File::create(&lock_path).expect("lock file");
    lock.lock().expect("lock");
    s.press("]aFirst briefing's note");
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    // Open the English briefing, then the French again, then the English.
    s.press("L/vladimir putin\n\n");
    assert_eq!(s.app().model.open_id(), Some(EN));
    assert!(
        s.screen().contains("1 briefing not saved yet"),
        "{}",
        s.screen()
    );
    lock.unlock().expect("unlock");
    s.fire_timers();
    let saved = store.load(FR).map(|o| o.set.file.notes.len());
    assert_eq!(saved.ok(), Some(1), "{:?}", s.said());
}

#[test]
fn exporting_runs_off_the_ui_thread() {
    let mut s = Stepper::bundled(100, 30);
    s.driver.app.model.config.export_dir = s.home.path().to_path_buf();
    s.start(Some(FR));
    s.press("]b");
    let before = s.app().reader.as_ref().and_then(|r| r.pane.cursor);
    // `E` returns at once with the export in flight; keys are still taken meanwhile.
    s.press_now("E");
    assert!(
        s.driver.runtime.in_flight() > 0,
        "the export ran on the UI thread"
    );
    s.press_now("j");
    let after = s.app().reader.as_ref().and_then(|r| r.pane.cursor);
    assert_ne!(before, after, "a key waited for the export");
    s.settle();
    assert!(
        s.said().iter().any(|m| m.starts_with("exported to")),
        "{:?}",
        s.said()
    );
}

#[test]
fn every_message_is_in_the_log_and_errors_stay_marked_until_seen() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    s.press("n");
    assert!(s.said().iter().any(|m| m.starts_with("no search")));
    s.driver
        .app
        .model
        .say(brief::tui::messages::Message::error("something failed"));
    s.press("j");
    assert!(s.screen().contains("⚠ 1 M"), "{}", s.screen());
    s.press("M");
    let screen = s.screen();
    assert!(screen.contains("error: something failed"), "{screen}");
    assert!(screen.contains("no search"), "{screen}");
    s.press("\x1b");
    assert!(!s.screen().contains("⚠ 1"), "{}", s.screen());
}

/// The sections the outline shows as read (`✓`).
fn read_sections(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.contains('✓'))
        .filter_map(|l| l.split('│').next())
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn reading_counts_what_was_read_not_what_flew_by() {
    // Tall enough for section 1 to show whole.
    let mut s = Stepper::bundled(100, 40);
    s.start(Some(FR));
    // Page-downs that fly over sections read nothing, however much they showed.
    s.press("    ");
    assert_eq!(read_sections(&s.screen()), Vec::<String>::new());
    // Jumps read nothing either.
    s.press("]]]]");
    assert_eq!(read_sections(&s.screen()), Vec::<String>::new());
    // A section seen whole on screen for a few seconds is read.
    s.press("g]");
    s.fire_timers();
    let read = read_sections(&s.screen());
    assert!(read.iter().any(|l| l.contains("CTX  1")), "{read:?}");
    // `r` toggles it back.
    s.press("r");
    let read = read_sections(&s.screen());
    assert!(!read.iter().any(|l| l.contains("CTX  1")), "{read:?}");
}

#[test]
fn a_long_section_scrolled_through_is_read_when_its_end_is_reached() {
    let mut s = Stepper::bundled(60, 12);
    s.start(Some(FR));
    s.press("]]]");
    let section = s.app().reader.as_ref().map(|r| r.pane.current_unit());
    assert_eq!(section, Some(3));
    // Some time on the section, but its end not yet seen: not read.
    s.press("j");
    s.fire_timers();
    assert!(!read_sections(&s.screen()).iter().any(|l| l.contains(" 3 ")));
    // Scrolling on until its end shows, with time spent on it: read.
    for _ in 0..30 {
        s.press("j");
        if s.app().reader.as_ref().map(|r| r.pane.current_unit()) != Some(3) {
            break;
        }
    }
    // One paragraph back: the section's end in view, as a reader stops there.
    s.press("k");
    assert_eq!(
        s.app().reader.as_ref().map(|r| r.pane.current_unit()),
        Some(3)
    );
    s.fire_timers();
    let set = s.app().model.open_set().expect("notes");
    let briefing = s.app().model.open.clone().expect("open");
    assert!(
        brief::tui::notebook::is_read(set, &briefing.sections[2]),
        "section 3 was scrolled through"
    );
}

#[test]
fn a_failed_reload_stays_marked_while_the_last_good_version_is_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("b.toml");
    let good = "title = \"Reloadable\"\nid = \"reloadable\"\n\n[[sections]]\ntitle = \"One\"\nbody = \"First text.\"\n";
    std::fs::write(&path, good).expect("write");
    let library = Library::load(
        std::slice::from_ref(&path),
        brief::domain::load::LoadOptions::default(),
    );
    let mut s = Stepper::new(Config::default(), library, 100, 30);
    s.start(Some("reloadable"));
    std::fs::write(&path, "title = \n").expect("break it");
    s.send(brief::tui::event::Msg::FileChanged(path.clone()));
    s.fire_timers();
    let screen = s.screen();
    assert!(screen.contains("showing the last good version"), "{screen}");
    assert!(screen.contains("Reloadable"), "{screen}");
    // Still there after other keys and messages.
    s.press("jj");
    assert!(s.screen().contains("showing the last good version"));
    std::fs::write(&path, good.replace("First text", "Second text")).expect("fix it");
    s.send(brief::tui::event::Msg::FileChanged(path.clone()));
    s.fire_timers();
    let screen = s.screen();
    assert!(
        !screen.contains("showing the last good version"),
        "{screen}"
    );
    assert!(
        s.said().iter().any(|m| m.starts_with("reloaded")),
        "{:?}",
        s.said()
    );
}

/// Whether the cells showing `needle` on screen are underlined.
fn underlined(s: &mut Stepper, needle: &str) -> Option<bool> {
    let screen = s.screen();
    let buffer = s.driver.terminal.backend().buffer().clone();
    for (y, line) in screen.lines().enumerate() {
        let Some(byte) = line.find(needle) else {
            continue;
        };
        let x = unicode_width::UnicodeWidthStr::width(&line[..byte]) as u16;
        let cell = &buffer[(x, y as u16)];
        return Some(cell.modifier.contains(ratatui::style::Modifier::UNDERLINED));
    }
    None
}

/// Presses `j` until the cursor is on a section's paragraph of which `pick` approves
/// (given its text and the byte offset of its first line on screen).
fn walk_to(s: &mut Stepper, pick: impl Fn(&str, usize) -> bool) {
    for _ in 0..400 {
        s.press("j");
        let app = s.app();
        let Some(pos) = app.reader.as_ref().and_then(|r| r.pane.cursor) else {
            continue;
        };
        if pos.unit == 0 {
            continue;
        }
        let offset = app
            .reader
            .as_ref()
            .and_then(|r| r.pane.first_visible_offset(pos))
            .unwrap_or(0);
        let text = app
            .model
            .placed
            .doc
            .as_ref()
            .and_then(|d| d.sections.get(pos.unit - 1))
            .and_then(|sec| sec.blocks.get(pos.block))
            .cloned()
            .unwrap_or_default();
        if pick(&text, offset) {
            return;
        }
    }
    panic!("no such paragraph");
}

#[test]
fn the_second_sentence_alone_can_be_annotated_and_shows_in_the_text() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(EN));
    s.press("]");
    walk_to(&mut s, |text, _| {
        brief::domain::anchor::sentences(text).len() >= 2
    });
    // Choose sentences, move the end on, then the start.
    s.press("v");
    let sel = s.app().reader.as_ref().and_then(|r| r.selection.clone());
    let sel = sel.expect("choosing sentences");
    assert_eq!((sel.start, sel.end), (0, 0));
    s.press("jl");
    let sel = s
        .app()
        .reader
        .as_ref()
        .and_then(|r| r.selection.clone())
        .expect("still choosing");
    assert_eq!((sel.start, sel.end), (1, 1));
    s.press("b");
    let set = s.app().model.open_set().expect("notes");
    let quote = set.file.bookmarks[0].anchor.quote.clone();
    let pos = sel.pos;
    let text = s.app().model.placed.doc.as_ref().expect("doc").sections[pos.unit - 1].blocks
        [pos.block]
        .clone();
    assert_eq!(quote, text[sel.sentences[1].clone()].to_string());
    // The passage is marked in the text, the rest of the paragraph is not.
    let head: String = quote.chars().take(12).collect();
    assert_eq!(underlined(&mut s, &head), Some(true), "{head}");
    let other: String = text[sel.sentences[0].clone()].chars().take(12).collect();
    assert_eq!(underlined(&mut s, &other), Some(false), "{other}");
}

#[test]
fn choosing_sentences_starts_at_the_first_one_on_screen() {
    // A paragraph taller than the pane, its second page on screen: `v` starts on the
    // first sentence of that page, not the first of the paragraph.
    let mut s = Stepper::bundled(36, 9);
    s.start(Some(FR));
    s.press("]");
    walk_to(&mut s, |text, offset| {
        offset > 0
            && brief::domain::anchor::sentences(text)
                .iter()
                .any(|r| r.end <= offset)
    });
    s.press("v");
    let sel = s
        .app()
        .reader
        .as_ref()
        .and_then(|r| r.selection.clone())
        .expect("choosing sentences");
    let offset = s
        .app()
        .reader
        .as_ref()
        .and_then(|r| r.pane.first_visible_offset(sel.pos))
        .unwrap_or(0);
    assert!(sel.start > 0, "{sel:?}");
    assert!(
        sel.sentences[sel.start].end > offset && sel.sentences[sel.start - 1].end <= offset,
        "{sel:?} offset {offset}"
    );
}

#[test]
fn a_bookmark_can_carry_a_label_shown_in_the_panel_and_exported() {
    let mut s = Stepper::bundled(100, 30);
    s.start(Some(FR));
    s.press("]bA");
    s.press("lport de Vladivostok\n");
    assert!(
        s.said().iter().any(|m| m.contains("label saved")),
        "{:?}",
        s.said()
    );
    let screen = s.screen();
    assert!(screen.contains("⚑ port de Vladivostok"), "{screen}");
    let label = s
        .app()
        .model
        .open_set()
        .and_then(|set| set.file.bookmarks.first())
        .and_then(|b| b.label.clone());
    assert_eq!(label.as_deref(), Some("port de Vladivostok"));
    // Exported with the bookmark.
    s.press("\x1be");
    let exported = s
        .said()
        .iter()
        .find_map(|m| m.strip_prefix("exported to ").map(str::to_string))
        .expect("exported");
    let text = std::fs::read_to_string(exported).expect("export");
    assert!(text.contains("port de Vladivostok"), "{text}");
}

#[test]
fn a_note_can_be_read_whole_without_the_editor() {
    let mut s = Stepper::bundled(100, 40);
    s.start(Some(EN));
    s.press("]a");
    for (i, line) in ["one", "two", "three", "four", "five", "six"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            s.key(KeyCode::Enter, KeyModifiers::NONE);
        }
        s.press(&format!("line {line}"));
    }
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    // Under its paragraph: whole up to a few lines, then folded with a marker.
    s.press("i");
    let screen = s.screen();
    assert!(screen.contains("✎ line one"), "{screen}");
    assert!(screen.contains("line three"), "{screen}");
    assert!(!screen.contains("line five"), "{screen}");
    assert!(screen.contains("… 3 more lines"), "{screen}");
    // In the panel's preview: all of it, with the passage it quotes.
    s.press("A");
    let screen = s.screen();
    assert!(screen.contains("line six"), "{screen}");
    assert!(screen.lines().any(|l| l.contains("│ ")), "{screen}");
}

#[test]
fn library_search_snippets_show_the_whole_match_at_80_columns() {
    let mut s = Stepper::bundled(80, 24);
    s.start(None);
    s.press("Ssanctions");
    let screen = s.screen();
    let hits: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("§") && l.contains(':'))
        .collect();
    assert!(hits.len() >= 2, "{screen}");
    for line in hits {
        assert!(
            line.to_lowercase().contains("sanctions"),
            "{line}\n{screen}"
        );
    }
}
