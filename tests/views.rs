//! The analyst views, stepped as the loop steps them and read back from the drawn
//! screen: compare side by side on a wide screen (one column per briefing, scrolling
//! together or separately, a position shown, lists as tight as in the reader, notes
//! kept) and stacked on a narrow one; the timeline's dates without a year apart from
//! the dated ones and never under "today", month-only dates as marks, dates never cut,
//! never two ellipses, and its filter.

mod common;

use crossterm::event::{KeyCode, KeyModifiers};

use brief::config::Config;
use brief::domain::library::Library;
use common::step::{FR, Stepper};

const TIMELINE: &str = "tests/fixtures/timeline";

/// The screen's rows.
fn rows(screen: &str) -> Vec<&str> {
    screen.lines().collect()
}

/// The row holding `needle`, if any.
fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

/// Columns `from..to` of a row (by character: every character here is one column).
fn cols(row: &str, from: usize, to: usize) -> String {
    row.chars().skip(from).take(to - from).collect()
}

/// Opens compare on the bundled briefings at the kind `tabs` presses of `l` away from
/// the first (Context): 3 is Interests, two sections in each briefing.
fn compare(width: u16, height: u16, tabs: usize) -> Stepper {
    let mut s = Stepper::bundled(width, height);
    s.start(None).press("K");
    for _ in 0..tabs {
        s.press("l");
    }
    s
}

// ─── Compare ────────────────────────────────────────────────────────────────────────

#[test]
fn compare_shows_one_column_per_briefing_when_wide_200x50() {
    let mut s = compare(200, 50, 3);
    let screen = s.screen();
    let lines = rows(&screen);
    // The column headers: both briefings on one row, a rule between them.
    let header = lines[3];
    assert!(
        header.contains("Kim Jong Un and Vladimir Putin") && header.contains("Kim Jong Un et"),
        "{screen}"
    );
    assert!(header.contains('│'), "{header}");
    // The English briefing's two sections of the kind are one under the other in the
    // left column, and the French ones in the right column, on the same rows.
    let (Some(four), Some(seven)) = (
        row_of(&screen, "§4 What each side"),
        row_of(&screen, "§7 Converging"),
    ) else {
        panic!("both sections shown: {screen}");
    };
    assert!(four < seven, "{screen}");
    assert!(lines[four].contains("§4 Ce que chaque partie"), "{screen}");
    assert!(
        cols(lines[seven], 100, 200).contains("§7 Des positions"),
        "{screen}"
    );
    assert!(screen.contains("1 of 4"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn compare_stacks_sections_when_narrow_80x24_and_widens_on_resize() {
    let mut s = compare(80, 24, 3);
    let screen = s.screen();
    assert!(!screen.contains('│'), "stacked, no columns: {screen}");
    assert!(
        screen.contains(" Kim Jong Un and Vladimir Putin: an expected meeting in Vladivostok · §4"),
        "{screen}"
    );
    assert!(screen.contains("1 of 4"), "{screen}");
    insta::assert_snapshot!(screen);
    // Widened, the same view puts the briefings side by side, on the same section.
    s.press("j");
    assert!(s.screen().contains("2 of 4"));
    s.resize(200, 50);
    let screen = s.screen();
    assert!(rows(&screen)[3].contains('│'), "{screen}");
    assert!(screen.contains("2 of 4"), "{screen}");
    s.resize(80, 24);
    let screen = s.screen();
    assert!(!screen.contains('│'), "{screen}");
    assert!(
        rows(&screen)[3].contains("§7 Conver"),
        "the selected section at the top again: {screen}"
    );
}

#[test]
fn compare_120x30_columns_fit_their_width() {
    let mut s = compare(120, 30, 3);
    let screen = s.screen();
    insta::assert_snapshot!(screen);
    // Every row of the columns keeps the rule at the same place: no text runs over it.
    let lines = rows(&screen);
    let rule = lines[3].chars().position(|c| c == '│');
    assert_eq!(rule, Some(59), "{screen}");
    for line in &lines[3..29] {
        assert_eq!(line.chars().nth(59), Some('│'), "{line}\n{screen}");
    }
}

#[test]
fn compare_columns_scroll_together_or_separately() {
    let mut s = compare(120, 30, 3);
    // What each column shows under its first row (which holds the section's heading).
    let first_rows = |s: &mut Stepper| {
        let screen = s.screen();
        let lines = &rows(&screen)[5..9];
        let left: Vec<String> = lines.iter().map(|l| cols(l, 0, 59)).collect();
        let right: Vec<String> = lines.iter().map(|l| cols(l, 60, 120)).collect();
        (left.join("\n"), right.join("\n"))
    };
    let (left0, right0) = first_rows(&mut s);
    // Together: a page down moves both columns.
    s.press(" ");
    let (left1, right1) = first_rows(&mut s);
    assert_ne!(left0, left1);
    assert_ne!(right0, right1);
    assert!(s.screen().contains("scrolling together (s)"));
    // Back to the top; `s` makes them scroll separately: only the selected one moves.
    s.press("g");
    assert_eq!(first_rows(&mut s), (left0.clone(), right0.clone()));
    s.press("s");
    assert!(
        s.screen().contains("scrolling separately (s)"),
        "{}",
        s.screen()
    );
    s.press(" ");
    let (left2, right2) = first_rows(&mut s);
    assert_ne!(left0, left2, "the selected column scrolled");
    assert_eq!(right0, right2, "the other stayed");
    // The French briefing's first section is the third: selected, its column scrolls
    // alone.
    s.press("gjj");
    assert!(s.screen().contains("3 of 4"), "{}", s.screen());
    let (left3, right3) = first_rows(&mut s);
    s.press(" ");
    let (left4, right4) = first_rows(&mut s);
    assert_eq!(left3, left4, "the English column stayed");
    assert_ne!(right3, right4, "the French column scrolled");
    // Help says what the key does.
    s.press("?");
    let help = s.screen();
    assert!(
        help.lines().any(|l| l.contains("│s ")
            && l.contains("Scroll the columns together, or only the selected one")),
        "{help}"
    );
}

#[test]
fn compare_shows_where_you_are() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut s = compare(w, h, 3);
        for (keys, at) in [
            ("", "1 of 4"),
            ("j", "2 of 4"),
            ("jj", "4 of 4"),
            ("j", "4 of 4"),
        ] {
            s.press(keys);
            let screen = s.screen();
            assert!(rows(&screen)[0].contains(at), "{w}×{h} {keys}: {screen}");
        }
        s.press("g");
        assert!(s.screen().contains("1 of 4"));
        s.press("G");
        assert!(s.screen().contains("4 of 4"));
        // Enter opens the selected section.
        s.press("\n");
        let screen = s.screen();
        assert!(screen.contains(" READ "), "{screen}");
        assert!(screen.contains("Des positions convergentes"), "{screen}");
    }
}

#[test]
fn compare_keeps_the_heading_of_a_section_scrolled_into() {
    // Stacked: a page down from the English §7 lands inside the French §4.
    let mut s = compare(80, 24, 3);
    s.press("j ");
    let screen = s.screen();
    assert!(screen.contains("3 of 4"), "{screen}");
    assert!(
        rows(&screen)[3].starts_with(" Kim Jong Un et Vladimir Poutine")
            && rows(&screen)[3].contains("§4"),
        "{screen}"
    );
    // Side by side: each column keeps its section's heading on its first row.
    let mut s = compare(120, 30, 3);
    s.press(" ");
    let screen = s.screen();
    let first = rows(&screen)[4];
    assert!(cols(first, 0, 59).starts_with(" §"), "{screen}");
    assert!(cols(first, 60, 120).starts_with(" §"), "{screen}");
}

/// Rows of a view, from its first body row to its last non-blank one.
fn body(lines: &[String], from: usize) -> Vec<String> {
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .unwrap_or(0);
    lines[from.min(end)..end].to_vec()
}

#[test]
fn compare_lists_are_tight_and_never_two_blank_rows() {
    for (w, h, columns) in [(80, 24, 1), (200, 50, 2)] {
        let mut s = compare(w, h, 0);
        for _kind in 0..9 {
            for _page in 0..4 {
                let screen = s.screen();
                let all: Vec<&str> = rows(&screen);
                for c in 0..columns {
                    let column: Vec<String> = all[..all.len() - 1]
                        .iter()
                        .map(|l| cols(l, c * 100, c * 100 + 99).trim_end().to_string())
                        .collect();
                    let body = body(&column, 4);
                    for pair in body.windows(2) {
                        assert!(
                            !(pair[0].trim().is_empty() && pair[1].trim().is_empty()),
                            "two blank rows at {w}×{h}:\n{screen}"
                        );
                    }
                    // No blank row between two items of a list.
                    for triple in body.windows(3) {
                        let item = |l: &str| l.trim_start().starts_with("• ");
                        assert!(
                            !(item(&triple[0]) && triple[1].is_empty() && item(&triple[2])),
                            "a loose list at {w}×{h}:\n{screen}"
                        );
                    }
                }
                s.press(" ");
            }
            s.press("l");
        }
    }
    // The Interests lists, as in the reader.
    let mut s = compare(80, 24, 3);
    let screen = s.screen();
    let (Some(a), Some(b)) = (
        row_of(&screen, "• Strengthen its position"),
        row_of(&screen, "• Consolidate its alliances"),
    ) else {
        panic!("{screen}")
    };
    assert_eq!(b, a + 1, "{screen}");
}

#[test]
fn compare_keeps_each_sections_notes_side_by_side_and_stacked() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut s = Stepper::bundled(w, h);
        s.start(Some(FR)).press("]aUne note comparée");
        s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(s.said().iter().any(|m| m == "note saved"), "{:?}", s.said());
        // Compare opens on the kind of the section being read (Context).
        s.press("K");
        let screen = s.screen();
        assert!(screen.contains("Compare · Context"), "{screen}");
        // The French briefing's section, second: selected, it is in view.
        s.press("j");
        let screen = s.screen();
        assert!(screen.contains("2 of 2"), "{screen}");
        let Some(row) = row_of(&screen, "✎ Une note comparée") else {
            panic!("{w}×{h}: the note is not shown: {screen}");
        };
        if w == 200 {
            // In the French briefing's column, the right one.
            let at = rows(&screen)[row].chars().position(|c| c == '✎');
            assert!(at > Some(99), "{screen}");
        }
    }
}

// ─── Timeline ───────────────────────────────────────────────────────────────────────

fn timeline(width: u16, height: u16) -> Stepper {
    let mut s = Stepper::fixtures(TIMELINE, width, height);
    s.start(None).press("T");
    s
}

#[test]
fn dates_without_a_year_are_apart_and_never_under_today() {
    let mut s = timeline(120, 30);
    let screen = s.screen();
    let (Some(today), Some(undated), Some(exercise), Some(fallback)) = (
        row_of(&screen, "── today"),
        row_of(&screen, "── year not stated"),
        row_of(&screen, "Exercise window"),
        row_of(&screen, "Fallback month"),
    ) else {
        panic!("{screen}");
    };
    // Today among the dated ones; the undated group after all of them, under its own
    // heading, which is the nearest rule above them.
    assert!(
        today < fallback && fallback < undated && undated < exercise,
        "{screen}"
    );
    assert!(!screen.contains("(year not stated)"), "{screen}");
    // Filtered to the undated date alone: no "today" above it.
    s.press("/exercise\n");
    let screen = s.screen();
    assert!(!screen.contains("── today"), "{screen}");
    assert!(screen.contains("── year not stated"), "{screen}");
    // The bundled briefings have only dates without a year: no "today" rule at all.
    let mut s = Stepper::bundled(80, 24);
    s.start(None).press("T");
    let screen = s.screen();
    assert!(!screen.contains("── today"), "{screen}");
    assert!(
        row_of(&screen, "── year not stated") < row_of(&screen, "10–13 Sep"),
        "{screen}"
    );
}

#[test]
fn a_date_after_every_dated_one_puts_today_last_then_the_undated() {
    let mut s = Stepper::fixtures(TIMELINE, 120, 30);
    s.driver.app.model.today = jiff::civil::date(2030, 1, 1);
    s.start(None).press("T");
    let screen = s.screen();
    let (Some(jan), Some(today), Some(undated)) = (
        row_of(&screen, "Fallback month"),
        row_of(&screen, "── today · 1 Jan 2030"),
        row_of(&screen, "── year not stated"),
    ) else {
        panic!("{screen}");
    };
    assert!(jan < today && today < undated, "{screen}");
}

#[test]
fn today_falls_between_the_dates_that_are_over_and_the_others() {
    // 20 Nov 2026: the 10–12 Nov window is over, the December visit is not.
    let mut s = Stepper::fixtures(TIMELINE, 120, 30);
    s.driver.app.model.today = jiff::civil::date(2026, 11, 20);
    s.start(None).press("T");
    let screen = s.screen();
    let (Some(november), Some(first), Some(today), Some(december)) = (
        row_of(&screen, "November 2026"),
        row_of(&screen, "First window"),
        row_of(&screen, "── today · 20 Nov 2026"),
        row_of(&screen, "December 2026"),
    ) else {
        panic!("{screen}");
    };
    assert!(
        november < first && first < today && today < december,
        "{screen}"
    );
    // 2 Nov 2026: the port call (28 Oct – 3 Nov) is not over yet.
    let mut s = Stepper::fixtures(TIMELINE, 120, 30);
    s.driver.app.model.today = jiff::civil::date(2026, 11, 2);
    s.start(None).press("T");
    let screen = s.screen();
    assert!(
        row_of(&screen, "── today") < row_of(&screen, "October 2026"),
        "{screen}"
    );
}

#[test]
fn a_month_without_a_day_is_a_mark_not_a_bar() {
    let mut s = timeline(120, 30);
    let screen = s.screen();
    let Some(row) = row_of(&screen, "Fallback month") else {
        panic!("{screen}");
    };
    let line = rows(&screen)[row];
    assert!(line.contains("◆"), "{line}");
    assert!(!line.contains('━'), "{line}");
    // A range of days is still a bar.
    let port = rows(&screen)[row_of(&screen, "Port call").unwrap_or(0)];
    assert!(port.contains("━━━━"), "{port}");
}

#[test]
fn the_date_is_never_cut_the_label_is() {
    let dates = [
        ("Port", "28 Oct – 3 Nov 2026"),
        ("First", "10–12 Nov 2026"),
        ("Return", "15 Dec 2026"),
        ("Fallback", "Jan 2027"),
        ("Exercise", "10–13 Sep"),
    ];
    for (w, h) in [(40, 12), (60, 16), (80, 24), (120, 30), (200, 50)] {
        let mut s = timeline(w, h);
        let mut seen = 0;
        for keys in ["", "G"] {
            s.press(keys);
            let screen = s.screen();
            for (label, date) in dates {
                let Some(row) = row_of(&screen, label) else {
                    continue;
                };
                seen += 1;
                assert!(
                    rows(&screen)[row].starts_with(&format!("   {date} ")),
                    "{w}×{h} {date}: {screen}"
                );
            }
            if w <= 80 {
                // The label is what gives way (the longest row, "First window", is
                // too wide for 80 columns).
                let first = row_of(&screen, "First window");
                assert!(
                    first.is_none_or(|r| rows(&screen)[r].ends_with('…')),
                    "{screen}"
                );
            }
        }
        assert!(seen >= 5, "{w}×{h}: only {seen} dates seen: {}", s.screen());
    }
}

#[test]
fn never_two_ellipses() {
    // A briefing whose title already ends in an ellipsis, with long labels.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("long.toml"),
        "title = \"Trilateral prospects: Russia, China…\"\ndate = 2026-10-01\n\
         [[sections]]\ntitle = \"A section whose title is long enough to be cut somewhere…\"\nkind = \"possible-dates\"\nbody = \"Text.\"\n\
         [[sections.dates]]\nfrom = 2026-10-28\nto = 2026-11-03\nlabel = \"A label long enough to be cut at every width but the widest…\"\nconfidence = \"reported\"\n",
    )
    .expect("write");
    for source in [TIMELINE, dir.path().to_str().unwrap_or_default()] {
        for (w, h) in [(40, 12), (60, 16), (80, 24), (120, 30), (200, 50)] {
            let library = Library::load(
                &[std::path::PathBuf::from(source)],
                brief::domain::load::LoadOptions::default(),
            );
            let mut s = Stepper::new(Config::default(), library, w, h);
            s.start(None);
            for keys in ["T", "K", "l"] {
                s.press(keys);
                let screen = s.screen();
                for line in screen.lines() {
                    // The fixtures hold no ellipsis: one on a line is a single cut.
                    if source == TIMELINE {
                        assert!(
                            line.matches('…').count() <= 1,
                            "{w}×{h} {keys}: {line}\n{screen}"
                        );
                    }
                    assert!(
                        !line.contains(" …") && !line.contains("……"),
                        "{w}×{h} {keys}: {line}\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_timeline_filters_by_briefing_tag_kind_and_confidence() {
    let mut s = timeline(120, 30);
    for (query, shown) in [
        ("navy", 2),              // a tag of the port visit
        ("speculative", 1),       // a confidence
        ("possible dates", 5),    // the sections' kind
        ("regional summit", 2),   // a briefing's title
        ("exercise reported", 1), // all words must match
    ] {
        s.press("/").press(query).press("\n");
        let screen = s.screen();
        assert!(
            screen.contains(&format!("{shown} of 5 dates")),
            "{query}: {screen}"
        );
        s.press("\x1b");
        assert!(s.screen().contains("5 dates in 3 briefings"));
    }
}

#[test]
fn timeline_80x24() {
    let mut s = timeline(80, 24);
    insta::assert_snapshot!(s.screen());
}

#[test]
fn timeline_120x30() {
    let mut s = timeline(120, 30);
    insta::assert_snapshot!(s.screen());
}

#[test]
fn timeline_200x50() {
    let mut s = timeline(200, 50);
    insta::assert_snapshot!(s.screen());
}

#[test]
fn compare_fixtures_120x30_more_briefings_than_columns() {
    let mut s = Stepper::fixtures(TIMELINE, 120, 30);
    s.start(None).press("K");
    let screen = s.screen();
    // Three briefings, two columns: the third is off screen, and the arrow says so.
    assert!(screen.contains("briefings 1–2 of 3"), "{screen}");
    assert!(rows(&screen)[3].trim_end().ends_with('›'), "{screen}");
    s.press("jj");
    let screen = s.screen();
    assert!(
        screen.contains("3 of 3") && screen.contains("briefings 2–3 of 3"),
        "{screen}"
    );
    assert!(rows(&screen)[3].starts_with("‹ "), "{screen}");
    assert!(screen.contains("Example: a joint exercise"), "{screen}");
    insta::assert_snapshot!(screen);
}
