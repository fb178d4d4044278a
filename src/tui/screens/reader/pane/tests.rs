//! Unit tests of the reading pane: every stop in order, the cursor always in view,
//! top and bottom, sections, resizing, opening at the title.

use super::*;
use crate::domain::library::Library;

fn reader(height: usize) -> Pane {
    let library = Library::bundled();
    let b = library
        .get("kim-putin-vladivostok-fr")
        .cloned()
        .unwrap_or_else(|| library.briefings[0].clone());
    Pane::new(b, crate::domain::i18n::Lang::En, 60, height)
}

#[test]
fn next_paragraph_walks_every_stop_in_order() {
    let mut r = reader(20);
    let mut seen = vec![r.cursor];
    for _ in 0..500 {
        r.next_paragraph();
        if seen.last() != Some(&r.cursor) {
            seen.push(r.cursor);
        }
    }
    let total: usize = (0..r.units()).map(|u| r.blocks(u).len()).sum();
    assert_eq!(seen.len(), total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
    // And back.
    for _ in 0..500 {
        r.previous_paragraph();
    }
    assert_eq!(r.cursor, seen[0]);
    assert_eq!(r.top, RowPos::default());
}

#[test]
fn the_cursor_is_always_in_view() {
    let mut r = reader(8);
    for step in 0..200 {
        match step % 7 {
            0..=2 => r.next_paragraph(),
            3 => r.page(true, false),
            4 => r.previous_paragraph(),
            5 => r.next_section(),
            _ => r.page(false, true),
        }
        let c = r.cursor.unwrap_or_default();
        let (start, end) = r.block_span(c);
        let bottom = r.bottom_row();
        assert!(
            end >= r.top && start <= bottom,
            "step {step}: cursor {c:?} out of view"
        );
    }
}

#[test]
fn bottom_shows_the_end_and_top_the_start() {
    let mut r = reader(10);
    r.bottom();
    assert_eq!(r.percent(), 100);
    assert_eq!(r.current_unit(), r.units() - 1);
    let visible = r.visible();
    assert_eq!(visible.len(), 10);
    r.top();
    assert_eq!(r.percent(), 0);
    assert_eq!(r.current_unit(), 0);
}

#[test]
fn sections_step_forward_and_back() {
    let mut r = reader(10);
    r.next_section();
    r.next_section();
    assert_eq!(r.current_unit(), 2);
    assert_eq!(r.top, RowPos { unit: 2, row: 0 });
    r.previous_section();
    assert_eq!(r.current_unit(), 1);
    r.next_paragraph();
    r.next_paragraph();
    r.previous_section();
    assert_eq!(r.top.unit, r.current_unit());
}

#[test]
fn a_briefing_opens_at_its_title_whatever_the_size() {
    for (width, height) in [(60, 20), (40, 8), (80, 22), (120, 47)] {
        let mut r = reader(20);
        r.resize(width, height);
        assert_eq!(r.top, RowPos::default(), "{width}x{height}");
        assert_eq!(r.cursor, Some(BlockPos { unit: 0, block: 0 }));
    }
}

#[test]
fn resizing_keeps_the_cursor() {
    let mut r = reader(10);
    r.next_section();
    r.next_section();
    r.next_paragraph();
    let before = r.cursor;
    r.resize(30, 6);
    assert_eq!(r.cursor, before);
    r.resize(100, 40);
    assert_eq!(r.cursor, before);
}
