//! The analyst views' state and keys: the timeline (`T`) of every structured date in
//! the library, and the compare view (`K`) of one section kind across briefings.

use crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::app::{App, Screen};
use super::reader::BlockPos;
use super::update::{Effect, open_briefing};
use crate::domain::briefing::Kind;
use crate::domain::timeline::{CompareEntry, MonthGroup, kinds_in, sections_of_kind, timeline};

/// A row of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    /// A month heading (index into the groups).
    Month(usize),
    /// The "today" marker.
    Today,
    /// A date: group and entry.
    Entry(usize, usize),
}

/// The timeline's state.
#[derive(Debug, Clone)]
pub struct TimelineView {
    /// The dates, by month.
    pub groups: Vec<MonthGroup>,
    /// What is drawn, top to bottom.
    pub rows: Vec<TimelineRow>,
    /// The selected row (always an entry when there is one).
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// Today, as the marker shows it.
    pub today: jiff::civil::Date,
}

impl TimelineView {
    /// Builds the timeline of the app's library, with `today` marked.
    pub fn new(app: &App, today: jiff::civil::Date) -> TimelineView {
        let groups = timeline(&app.library);
        let mut rows = Vec::new();
        let mut today_placed = false;
        for (g, group) in groups.iter().enumerate() {
            if !today_placed && !group.is_before(today) && group.year.is_some() {
                rows.push(TimelineRow::Today);
                today_placed = true;
            }
            if !today_placed && group.year.is_none() {
                rows.push(TimelineRow::Today);
                today_placed = true;
            }
            rows.push(TimelineRow::Month(g));
            for e in 0..group.entries.len() {
                rows.push(TimelineRow::Entry(g, e));
            }
        }
        if !today_placed {
            rows.push(TimelineRow::Today);
        }
        let selected = rows
            .iter()
            .position(|r| matches!(r, TimelineRow::Entry(..)))
            .unwrap_or(0);
        TimelineView {
            groups,
            rows,
            selected,
            offset: 0,
            today,
        }
    }

    fn step(&mut self, down: bool, times: usize) {
        for _ in 0..times {
            let found = if down {
                (self.selected + 1..self.rows.len())
                    .find(|&i| matches!(self.rows[i], TimelineRow::Entry(..)))
            } else {
                (0..self.selected)
                    .rev()
                    .find(|&i| matches!(self.rows[i], TimelineRow::Entry(..)))
            };
            match found {
                Some(i) => self.selected = i,
                None => break,
            }
        }
    }

    /// Keeps the selection within `height` visible rows.
    pub fn keep_visible(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            // Show the month heading above the first entry too.
            self.offset = self.selected.saturating_sub(1);
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// The compare view's state.
#[derive(Debug, Clone)]
pub struct CompareView {
    /// The kinds present, with how many sections each has.
    pub kinds: Vec<(Kind, usize)>,
    /// The kind shown.
    pub kind: usize,
    /// Its sections, by briefing date.
    pub entries: Vec<CompareEntry>,
    /// The section at the top.
    pub selected: usize,
    /// Rows scrolled within the selected section.
    pub scroll: usize,
    /// The notes of the sections shown: (briefing id, section id) → note texts.
    pub notes: std::collections::HashMap<(String, String), Vec<String>>,
}

impl CompareView {
    /// The compare view of the app's library, on the kind of the section being read
    /// when there is one.
    pub fn new(app: &App) -> CompareView {
        let kinds = kinds_in(&app.library);
        let current = app.open.as_ref().and_then(|o| {
            let unit = o.reader.current_unit();
            unit.checked_sub(1)
                .and_then(|i| o.briefing().sections.get(i))
                .and_then(|s| s.kind.clone())
        });
        let kind = current
            .and_then(|k| kinds.iter().position(|(kk, _)| *kk == k))
            .unwrap_or(0);
        let mut view = CompareView {
            kinds,
            kind,
            entries: Vec::new(),
            selected: 0,
            scroll: 0,
            notes: std::collections::HashMap::new(),
        };
        view.load_entries(app);
        view
    }

    fn load_entries(&mut self, app: &App) {
        self.entries = self
            .kinds
            .get(self.kind)
            .map(|(k, _)| sections_of_kind(&app.library, k))
            .unwrap_or_default();
        self.selected = 0;
        self.scroll = 0;
        self.load_notes(app);
    }

    /// The notes on the sections shown, by the section they were made on: the open
    /// briefing's from memory, the others' from the store.
    fn load_notes(&mut self, app: &App) {
        self.notes.clear();
        let mut briefings: Vec<&str> = self
            .entries
            .iter()
            .map(|e| e.briefing.id.as_str())
            .collect();
        briefings.sort_unstable();
        briefings.dedup();
        let stored = app
            .persist
            .as_ref()
            .map(|p| p.store.briefings())
            .unwrap_or_default();
        for id in briefings {
            let from_memory = app
                .open
                .as_ref()
                .filter(|o| o.briefing().id == id)
                .map(|o| o.notes.set.file.notes.clone());
            let notes = from_memory.or_else(|| {
                let persist = app.persist.as_ref()?;
                stored
                    .iter()
                    .any(|s| s == id)
                    .then(|| persist.store.load(id).ok())?
                    .map(|o| o.set.file.notes)
            });
            for note in notes.unwrap_or_default() {
                self.notes
                    .entry((id.to_string(), note.anchor.section.clone()))
                    .or_default()
                    .push(note.body);
            }
        }
    }
}

/// Opens the timeline.
pub fn open_timeline(app: &mut App) {
    let today = jiff::Zoned::now().date();
    app.timeline = Some(TimelineView::new(app, today));
    app.screen = Screen::Timeline;
    app.overlay = None;
}

/// Opens the compare view.
pub fn open_compare(app: &mut App) {
    app.compare = Some(CompareView::new(app));
    app.screen = Screen::Compare;
    app.overlay = None;
}

fn back_to_reader_or_library(app: &mut App) {
    app.screen = if app.open.is_some() {
        Screen::Reader
    } else {
        Screen::Library
    };
}

/// Rows the timeline shows (the screen less its title and status lines).
pub fn timeline_height(app: &App) -> usize {
    usize::from(app.size.height.saturating_sub(3)).max(1)
}

/// Keys in the timeline.
pub fn handle_timeline_key(app: &mut App, key: &KeyEvent, action: Option<Action>) -> Effect {
    let height = timeline_height(app);
    let Some(view) = &mut app.timeline else {
        return Effect::None;
    };
    match (key.code, action) {
        (KeyCode::Esc, _) | (_, Some(Action::Quit | Action::Timeline)) => {
            back_to_reader_or_library(app);
            return Effect::None;
        }
        (KeyCode::Enter, _) | (_, Some(Action::Open)) => {
            if let Some(TimelineRow::Entry(g, e)) = view.rows.get(view.selected).copied() {
                let entry = &view.groups[g].entries[e];
                let id = entry.briefing.id.clone();
                let unit = entry.section + 1;
                open_briefing(app, &id, Some(BlockPos { unit, block: 0 }));
                if let Some(open) = &mut app.open {
                    open.reader.jump_to_unit(unit);
                }
            }
            return Effect::None;
        }
        (_, Some(Action::Next)) => view.step(true, 1),
        (_, Some(Action::Previous)) => view.step(false, 1),
        (_, Some(Action::PageDown | Action::HalfPageDown)) => view.step(true, height / 2),
        (_, Some(Action::PageUp | Action::HalfPageUp)) => view.step(false, height / 2),
        (_, Some(Action::Top)) => view.step(false, usize::MAX / 2),
        (_, Some(Action::Bottom)) => view.step(true, usize::MAX / 2),
        _ => {}
    }
    view.keep_visible(height);
    Effect::None
}

/// Keys in the compare view.
pub fn handle_compare_key(app: &mut App, key: &KeyEvent, action: Option<Action>) -> Effect {
    let Some(mut view) = app.compare.take() else {
        return Effect::None;
    };
    let mut effect = Effect::None;
    match (key.code, action) {
        (KeyCode::Esc, _) | (_, Some(Action::Quit | Action::Compare)) => {
            back_to_reader_or_library(app);
        }
        (KeyCode::Tab | KeyCode::Right, _) | (_, Some(Action::FocusNext | Action::NextSection))
            if !view.kinds.is_empty() =>
        {
            view.kind = (view.kind + 1) % view.kinds.len();
            view.load_entries(app);
        }
        (KeyCode::BackTab | KeyCode::Left, _)
        | (_, Some(Action::FocusPrevious | Action::PreviousSection | Action::FocusOutline))
            if !view.kinds.is_empty() =>
        {
            view.kind = (view.kind + view.kinds.len() - 1) % view.kinds.len();
            view.load_entries(app);
        }
        (KeyCode::Enter, _) | (_, Some(Action::Open)) => {
            if let Some(entry) = view.entries.get(view.selected) {
                let id = entry.briefing.id.clone();
                let unit = entry.section + 1;
                open_briefing(app, &id, None);
                if let Some(open) = &mut app.open {
                    open.reader.jump_to_unit(unit);
                }
                app.compare = Some(view);
                return effect;
            }
        }
        (_, Some(Action::Next)) if view.selected + 1 < view.entries.len() => {
            view.selected += 1;
            view.scroll = 0;
        }
        (_, Some(Action::Previous)) => {
            if view.scroll > 0 {
                view.scroll = 0;
            } else {
                view.selected = view.selected.saturating_sub(1);
            }
        }
        (_, Some(Action::PageDown | Action::HalfPageDown)) => view.scroll += 10,
        (_, Some(Action::PageUp | Action::HalfPageUp)) => {
            view.scroll = view.scroll.saturating_sub(10)
        }
        (_, Some(Action::Top)) => {
            view.selected = 0;
            view.scroll = 0;
        }
        (_, Some(Action::Bottom)) => {
            view.selected = view.entries.len().saturating_sub(1);
            view.scroll = 0;
        }
        (_, Some(Action::ForceQuit)) => effect = Effect::Quit,
        _ => {}
    }
    app.compare = Some(view);
    effect
}
