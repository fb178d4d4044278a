//! Frame snapshots: the real `App` on ratatui's `TestBackend`, driven by keys as a
//! user would press them, at 100×30 and 40×12 (and the 20×6 minimum).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use brief::config::Config;
use brief::domain::library::Library;
use brief::tui::app::App;
use brief::tui::keymap::Keymap;
use brief::tui::ui;
use brief::tui::update::{handle_event, open_briefing};

const FR: &str = "kim-putin-vladivostok-fr";

fn app(width: u16, height: u16) -> App {
    app_with(Config::default(), width, height)
}

fn app_with(config: Config, width: u16, height: u16) -> App {
    let keymap = Keymap::from_config(&config).expect("keymap");
    App::new(
        config,
        keymap,
        Library::bundled(),
        Rect::new(0, 0, width, height),
    )
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        handle_event(app, &Event::Key(KeyEvent::new(code, modifiers)));
    }
}

fn key(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn draw(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("terminal");
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn library_100x30() {
    let app = app(100, 30);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn library_filtered_40x12() {
    let mut app = app(40, 12);
    press(&mut app, "poutine");
    let screen = draw(&app);
    assert!(screen.contains("1 of 2"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn french_briefing_top_100x30() {
    let mut app = app(100, 30);
    assert!(open_briefing(&mut app, FR, None));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn french_briefing_top_40x12() {
    let mut app = app(40, 12);
    assert!(open_briefing(&mut app, FR, None));
    insta::assert_snapshot!(draw(&app));
}

fn goto_possible_dates(app: &mut App) {
    assert!(open_briefing(app, FR, None));
    for _ in 0..10 {
        press(app, "]");
    }
}

#[test]
fn french_possible_dates_100x30() {
    let mut app = app(100, 30);
    goto_possible_dates(&mut app);
    let screen = draw(&app);
    assert!(screen.contains("DAT  10. Dates possibles"), "{screen}");
    assert!(screen.contains("10–13 Sep"), "{screen}");
    assert!(screen.contains("§10/12"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn french_possible_dates_40x12() {
    let mut app = app(40, 12);
    goto_possible_dates(&mut app);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn help_overlay_100x30() {
    let mut app = app(100, 30);
    assert!(open_briefing(&mut app, FR, None));
    press(&mut app, "?");
    let screen = draw(&app);
    assert!(screen.contains("Next section"), "{screen}");
    insta::assert_snapshot!(screen);
    press(&mut app, "?");
    assert!(!draw(&app).contains("Next section"));
}

#[test]
fn help_overlay_40x12() {
    let mut app = app(40, 12);
    assert!(open_briefing(&mut app, FR, None));
    press(&mut app, "?");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn minimum_size_20x6_and_below() {
    let mut app = app(20, 6);
    assert!(open_briefing(&mut app, FR, None));
    press(&mut app, "]j");
    insta::assert_snapshot!(draw(&app));
    let mut tiny = app_with(Config::default(), 12, 3);
    assert!(open_briefing(&mut tiny, FR, None));
    let screen = draw(&tiny);
    assert!(screen.starts_with("too small"), "{screen}");
}

#[test]
fn every_size_from_1x1_draws_without_panic() {
    for width in [1u16, 2, 5, 19, 20, 21, 39, 59, 60, 61, 120, 250] {
        for height in [1u16, 2, 5, 6, 7, 9, 10, 11, 40] {
            let mut app = app(width, height);
            assert!(open_briefing(&mut app, FR, None));
            press(&mut app, "]]jjG?");
            let _ = draw(&app);
            press(&mut app, "?\tjjjkg");
            let _ = draw(&app);
            press(&mut app, "L");
            let _ = draw(&app);
        }
    }
}

#[test]
fn outline_moves_the_reader_and_enter_focuses_it() {
    let mut app = app(100, 30);
    assert!(open_briefing(&mut app, FR, None));
    press(&mut app, "h");
    press(&mut app, "jjj");
    let screen = draw(&app);
    assert!(screen.contains("OUTLINE"), "{screen}");
    assert!(screen.contains("§3/12"), "{screen}");
    // The reading pane shows section 3's heading at its top.
    let reader_top = screen.lines().nth(2).unwrap_or_default();
    assert!(
        reader_top.contains("MIL  3. Coopération militaire"),
        "{reader_top}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(draw(&app).contains(" READ "));
}

#[test]
fn a_rebound_key_works_and_help_shows_it() {
    let config = Config::parse(
        "[keys]\nnext-section = [\"w\"]\n",
        std::path::Path::new("c.toml"),
    )
    .expect("config");
    let mut app = app_with(config, 100, 30);
    assert!(open_briefing(&mut app, FR, None));
    press(&mut app, "ww");
    assert!(draw(&app).contains("§2/12"));
    press(&mut app, "]");
    assert!(draw(&app).contains("§2/12"), "] is no longer bound");
    press(&mut app, "?");
    let help = draw(&app);
    let line = help
        .lines()
        .find(|l| l.contains("Next section"))
        .unwrap_or_default();
    assert!(line.contains("│w "), "{line}");
}

fn timeline_app(width: u16, height: u16) -> App {
    let library = Library::load(
        &[std::path::PathBuf::from("tests/fixtures/timeline")],
        brief::domain::load::LoadOptions::default(),
    );
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let config = Config::default();
    let keymap = Keymap::from_config(&config).expect("keymap");
    let mut app = App::new(config, keymap, library, Rect::new(0, 0, width, height));
    // A fixed "today", so the snapshot does not change with the calendar.
    let today = jiff::civil::date(2026, 11, 5);
    app.timeline = Some(brief::tui::views::TimelineView::new(&app, today));
    app.screen = brief::tui::app::Screen::Timeline;
    app
}

#[test]
fn timeline_wide_120x16() {
    let app = timeline_app(120, 16);
    let screen = draw(&app);
    assert!(screen.contains("── today · 5 Nov 2026"), "{screen}");
    assert!(
        screen.contains("━━━━━━━"),
        "ranges are drawn as bars: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn timeline_narrow_60x16() {
    let app = timeline_app(60, 16);
    let screen = draw(&app);
    assert!(!screen.contains("━"), "no strip when narrow: {screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn timeline_enter_opens_the_passage() {
    let mut app = timeline_app(120, 30);
    press(&mut app, "j");
    key(&mut app, KeyCode::Enter);
    let screen = draw(&app);
    assert!(screen.contains(" READ "), "{screen}");
    assert!(screen.contains("Example: a regional summit"), "{screen}");
    assert!(screen.contains("When it may happen"), "{screen}");
}

#[test]
fn compare_100x30() {
    let mut app = timeline_app(100, 30);
    app.screen = brief::tui::app::Screen::Reader;
    press(&mut app, "K");
    let screen = draw(&app);
    assert!(
        screen.contains("Compare · Context · 3 sections"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    // Right switches the kind; Enter opens the section at the top in the reader.
    key(&mut app, KeyCode::Right);
    let screen = draw(&app);
    assert!(screen.contains("Compare · Possible dates"), "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(draw(&app).contains(" READ "));
}

#[test]
fn scrolling_through_a_section_marks_it_read_but_jumping_does_not() {
    let mut app = app(100, 30);
    assert!(open_briefing(&mut app, FR, None));
    let read =
        |screen: &str, entry: &str| screen.lines().any(|l| l.contains(entry) && l.contains('✓'));
    press(&mut app, "]]]");
    let screen = draw(&app);
    assert!(!read(&screen, "CTX  1 "), "a jump does not read: {screen}");
    press(&mut app, "g]");
    for _ in 0..8 {
        press(&mut app, "j");
    }
    let screen = draw(&app);
    assert!(
        read(&screen, "CTX  1 "),
        "scrolled through section 1: {screen}"
    );
    // `r` toggles it back.
    press(&mut app, "[[");
    key(&mut app, KeyCode::Home);
    press(&mut app, "]r");
    assert!(!read(&draw(&app), "CTX  1 "));
}
