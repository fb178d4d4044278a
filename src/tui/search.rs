//! Finding things: incremental search in the open briefing (`/`, `n`, `N`), the
//! library-wide search (`S`) whose results stream in from a background thread, and the
//! fuzzy finder over section and briefing titles (`:` or `Ctrl-p`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};

use super::app::{App, Message, Overlay, Tone};
use super::event::Msg;
use super::reader::BlockPos;
use super::update::{Effect, follow_reader, open_briefing};
use crate::domain::fold::fold_query;
use crate::domain::search::{LibraryHit, LibraryIndex, Match};

/// The most matches kept for highlighting and `n`/`N`.
pub const MAX_MATCHES: usize = 100_000;

/// Search in the open briefing.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What was typed.
    pub input: String,
    /// Typing goes to the query.
    pub editing: bool,
    /// Every match, in document order.
    pub matches: Vec<Match>,
    /// The current match.
    pub current: Option<usize>,
    /// Where the cursor was when the search started (typing searches from there).
    pub origin: Option<BlockPos>,
    /// The query changed since the matches were computed.
    pub stale: bool,
    /// More matches than [`MAX_MATCHES`] exist.
    pub capped: bool,
}

impl Search {
    /// The matches in one block, with whether each is the current one.
    pub fn in_block(&self, pos: BlockPos) -> impl Iterator<Item = (&Match, bool)> {
        let start = self
            .matches
            .partition_point(|m| (m.unit, m.block) < (pos.unit, pos.block));
        self.matches[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, m)| m.unit == pos.unit && m.block == pos.block)
            .map(move |(i, m)| (m, self.current == Some(start + i)))
    }

    /// Whether any match is in a unit (for the outline's marks).
    pub fn unit_has_match(&self, unit: usize) -> bool {
        let i = self.matches.partition_point(|m| m.unit < unit);
        self.matches.get(i).is_some_and(|m| m.unit == unit)
    }
}

/// Starts typing a search in the open briefing.
pub fn start_search(app: &mut App) {
    let Some(open) = &mut app.open else { return };
    open.search = Some(Search {
        editing: true,
        origin: open.reader.cursor,
        ..Search::default()
    });
}

/// Keys while typing a search.
pub fn handle_search_input(app: &mut App, key: &KeyEvent) -> Effect {
    let Some(open) = &mut app.open else {
        return Effect::None;
    };
    let Some(search) = &mut open.search else {
        return Effect::None;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Enter => {
            search.editing = false;
            if search.input.is_empty() {
                open.search = None;
            }
        }
        KeyCode::Esc => {
            // Cancelled: back to where the search started.
            let origin = search.origin;
            open.search = None;
            if let Some(origin) = origin {
                open.reader.jump_to_block(origin);
            }
            follow_reader(app);
        }
        KeyCode::Backspace => {
            if search.input.pop().is_none() {
                open.search = None;
            } else {
                search.stale = true;
            }
        }
        KeyCode::Char('u') if ctrl => {
            search.input.clear();
            search.stale = true;
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            search.input.push(c);
            search.stale = true;
        }
        _ => {}
    }
    Effect::None
}

/// Runs a search whose query changed (once per frame, however fast one types), and
/// moves to the first match from where the search started.
pub fn run_pending_search(app: &mut App) {
    let Some(open) = &mut app.open else { return };
    let Some(search) = &mut open.search else {
        return;
    };
    if !search.stale {
        return;
    }
    let Some(index) = open.index.clone() else {
        return;
    };
    search.stale = false;
    let query = fold_query(&search.input);
    let mut matches = index.search(&query);
    search.capped = matches.len() > MAX_MATCHES;
    matches.truncate(MAX_MATCHES);
    search.matches = matches;
    let origin = search.origin.unwrap_or_default();
    search.current = if search.matches.is_empty() {
        None
    } else {
        let i = search
            .matches
            .partition_point(|m| (m.unit, m.block) < (origin.unit, origin.block));
        Some(if i < search.matches.len() { i } else { 0 })
    };
    if let Some(i) = search.current {
        let m = &search.matches[i];
        let pos = BlockPos {
            unit: m.unit,
            block: m.block,
        };
        open.reader.jump_to_offset(pos, m.range.start);
    }
    follow_reader(app);
}

/// The next (or previous) match, wrapping around with a message.
pub fn step_match(app: &mut App, forward: bool) {
    let Some(open) = &mut app.open else { return };
    let Some(search) = &mut open.search else {
        app.message = Some(Message {
            text: format!(
                "no search: {} starts one",
                app.keymap.key_label(super::action::Action::Search)
            ),
            tone: Tone::Info,
        });
        return;
    };
    let n = search.matches.len();
    if n == 0 {
        app.message = Some(Message {
            text: format!("no match for “{}”", search.input),
            tone: Tone::Warning,
        });
        return;
    }
    let current = search.current.unwrap_or(0);
    let (next, wrapped) = if forward {
        if current + 1 >= n {
            (0, true)
        } else {
            (current + 1, false)
        }
    } else if current == 0 {
        (n - 1, true)
    } else {
        (current - 1, false)
    };
    search.current = Some(next);
    let m = &search.matches[next];
    let pos = BlockPos {
        unit: m.unit,
        block: m.block,
    };
    open.reader.jump_to_offset(pos, m.range.start);
    if wrapped {
        app.message = Some(Message {
            text: if forward {
                "search wrapped to the top".into()
            } else {
                "search wrapped to the bottom".into()
            },
            tone: Tone::Info,
        });
    }
    follow_reader(app);
}

// ---------------------------------------------------------------------------------------
// Library-wide search.

/// The library-wide search overlay.
#[derive(Debug, Clone, Default)]
pub struct LibrarySearch {
    /// What was typed.
    pub input: String,
    /// The hits so far, in arrival order (grouped by briefing).
    pub hits: Vec<LibraryHit>,
    /// The selected hit.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// The search this overlay shows (results of older ones are dropped).
    pub generation: u64,
    /// Results are still coming.
    pub running: bool,
}

/// The library's search index, shared with the search thread.
pub type SharedIndex = Arc<RwLock<LibraryIndex>>;

/// Builds the library-wide index in the background (with every stored note).
pub fn build_library_index(app: &mut App) {
    let briefings = app.library.briefings.clone();
    let store = app.persist.as_ref().map(|p| p.store.clone());
    super::persist::spawn_job(
        app,
        move || {
            let mut index = LibraryIndex::new();
            for b in &briefings {
                let notes = store
                    .as_ref()
                    .and_then(|s| s.load(&b.id).ok())
                    .map(|o| o.set.file.notes)
                    .unwrap_or_default();
                index.add(b, &notes);
            }
            index
        },
        |app, index| {
            app.library_index = Some(Arc::new(RwLock::new(index)));
            if matches!(app.overlay, Some(Overlay::LibrarySearch(_))) {
                start_library_query(app);
            }
        },
    );
}

/// Updates one briefing's notes in the library index (after a note is saved).
pub fn reindex_notes(app: &mut App) {
    let (Some(index), Some(open)) = (&app.library_index, &app.open) else {
        return;
    };
    if let Ok(mut index) = index.write() {
        index.add(open.briefing(), &open.notes.set.file.notes);
    }
}

/// Opens the library-wide search.
pub fn open_library_search(app: &mut App) {
    app.overlay = Some(Overlay::LibrarySearch(Box::default()));
    if app.library_index.is_none() && !app.library_indexing {
        app.library_indexing = true;
        build_library_index(app);
    }
}

/// Starts the query typed so far; results stream in, older searches stop.
fn start_library_query(app: &mut App) {
    let Some(Overlay::LibrarySearch(view)) = &mut app.overlay else {
        return;
    };
    let generation = app.search_generation.fetch_add(1, Ordering::SeqCst) + 1;
    view.generation = generation;
    view.hits.clear();
    view.selected = 0;
    view.offset = 0;
    let query = fold_query(&view.input);
    if query.is_empty() {
        view.running = false;
        return;
    }
    let Some(index) = app.library_index.clone() else {
        view.running = true;
        return;
    };
    view.running = true;
    let current = app.search_generation.clone();
    match app.tx.clone() {
        Some(tx) => {
            std::thread::spawn(move || {
                if let Ok(index) = index.read() {
                    index.search(&query, &mut |hits| {
                        if current.load(Ordering::SeqCst) != generation {
                            return false;
                        }
                        tx.send(Msg::Apply(Box::new(move |app: &mut App| {
                            add_hits(app, generation, hits)
                        })))
                        .is_ok()
                    });
                }
                let _ = tx.send(Msg::Apply(Box::new(move |app: &mut App| {
                    finish(app, generation)
                })));
            });
        }
        None => {
            let mut all = Vec::new();
            if let Ok(index) = index.read() {
                index.search(&query, &mut |hits| {
                    all.push(hits);
                    true
                });
            }
            for hits in all {
                add_hits(app, generation, hits);
            }
            finish(app, generation);
        }
    }
}

fn add_hits(app: &mut App, generation: u64, hits: Vec<LibraryHit>) {
    if let Some(Overlay::LibrarySearch(view)) = &mut app.overlay
        && view.generation == generation
    {
        view.hits.extend(hits);
    }
}

fn finish(app: &mut App, generation: u64) {
    if let Some(Overlay::LibrarySearch(view)) = &mut app.overlay
        && view.generation == generation
    {
        view.running = false;
    }
}

/// Keys in the library-wide search.
pub fn handle_library_search_key(app: &mut App, key: &KeyEvent) -> Effect {
    let height = usize::from(app.size.height.saturating_sub(8)).max(1);
    let Some(Overlay::LibrarySearch(view)) = &mut app.overlay else {
        return Effect::None;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let mut changed = false;
    match key.code {
        KeyCode::Esc => {
            app.search_generation.fetch_add(1, Ordering::SeqCst);
            app.overlay = None;
            return Effect::None;
        }
        KeyCode::Enter => {
            if let Some(hit) = view.hits.get(view.selected).cloned() {
                app.search_generation.fetch_add(1, Ordering::SeqCst);
                app.overlay = None;
                open_hit(app, &hit);
            }
            return Effect::None;
        }
        KeyCode::Down => view.selected = (view.selected + 1).min(view.hits.len().saturating_sub(1)),
        KeyCode::Up => view.selected = view.selected.saturating_sub(1),
        KeyCode::Char('n') if ctrl => {
            view.selected = (view.selected + 1).min(view.hits.len().saturating_sub(1))
        }
        KeyCode::Char('p') if ctrl => view.selected = view.selected.saturating_sub(1),
        KeyCode::PageDown => {
            view.selected = (view.selected + height).min(view.hits.len().saturating_sub(1))
        }
        KeyCode::PageUp => view.selected = view.selected.saturating_sub(height),
        KeyCode::Backspace => changed = view.input.pop().is_some(),
        KeyCode::Char('u') if ctrl => {
            view.input.clear();
            changed = true;
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            view.input.push(c);
            changed = true;
        }
        _ => {}
    }
    if view.selected < view.offset {
        view.offset = view.selected;
    } else if view.selected >= view.offset + height {
        view.offset = view.selected + 1 - height;
    }
    if changed {
        start_library_query(app);
    }
    Effect::None
}

/// Opens the passage of a hit.
fn open_hit(app: &mut App, hit: &LibraryHit) {
    if !open_briefing(app, &hit.briefing, None) {
        return;
    }
    let placed = hit.note_id.as_ref().and_then(|id| {
        app.open
            .as_ref()
            .and_then(|o| o.notes.placed.get(id))
            .and_then(|p| p.at.as_ref().map(|(pos, _)| *pos))
    });
    let pos = placed.unwrap_or(BlockPos {
        unit: hit.unit,
        block: hit.block,
    });
    if let Some(open) = &mut app.open {
        open.reader.jump_to_block(pos);
    }
    follow_reader(app);
}

// ---------------------------------------------------------------------------------------
// The fuzzy finder.

/// What choosing a finder entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Go to a unit of the open briefing.
    Unit(usize),
    /// Open a briefing.
    Briefing(String),
}

/// One finder entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What is matched and shown.
    pub label: String,
    /// Where it leads.
    pub target: Target,
}

/// The finder's state.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    /// What was typed.
    pub input: String,
    /// Every entry.
    pub entries: Vec<Entry>,
    /// Matching entries, best first: (entry, matched character positions).
    pub shown: Vec<(usize, Vec<u32>)>,
    /// The selected row of `shown`.
    pub selected: usize,
}

impl Finder {
    fn filter(&mut self) {
        self.selected = 0;
        if self.input.is_empty() {
            self.shown = (0..self.entries.len()).map(|i| (i, Vec::new())).collect();
            return;
        }
        let mut matcher = Matcher::new(nucleo_matcher::Config::DEFAULT);
        let pattern = Pattern::parse(&self.input, CaseMatching::Smart, Normalization::Smart);
        let mut buf = Vec::new();
        let mut scored: Vec<(u32, usize, Vec<u32>)> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let mut indices = Vec::new();
            let hay = Utf32Str::new(&entry.label, &mut buf);
            if let Some(score) = pattern.indices(hay, &mut matcher, &mut indices) {
                indices.sort_unstable();
                indices.dedup();
                scored.push((score, i, indices));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.shown = scored.into_iter().map(|(_, i, ix)| (i, ix)).collect();
    }
}

/// Opens the finder on the open briefing's sections and every briefing's title.
pub fn open_finder(app: &mut App) {
    let mut entries = Vec::new();
    if let Some(open) = &app.open {
        entries.push(Entry {
            label: "§ Overview".into(),
            target: Target::Unit(0),
        });
        for (i, s) in open.briefing().sections.iter().enumerate() {
            entries.push(Entry {
                label: format!(
                    "§{} {}",
                    i + 1,
                    crate::domain::text::sanitize_line(&s.title)
                ),
                target: Target::Unit(i + 1),
            });
        }
    }
    for b in &app.library.briefings {
        entries.push(Entry {
            label: format!("⧉ {}", crate::domain::text::sanitize_line(&b.title)),
            target: Target::Briefing(b.id.clone()),
        });
    }
    let mut finder = Finder {
        entries,
        ..Finder::default()
    };
    finder.filter();
    app.overlay = Some(Overlay::Finder(Box::new(finder)));
}

/// Keys in the finder.
pub fn handle_finder_key(app: &mut App, key: &KeyEvent) -> Effect {
    let Some(Overlay::Finder(finder)) = &mut app.overlay else {
        return Effect::None;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => app.overlay = None,
        KeyCode::Enter => {
            let target = finder
                .shown
                .get(finder.selected)
                .and_then(|(i, _)| finder.entries.get(*i))
                .map(|e| e.target.clone());
            app.overlay = None;
            match target {
                Some(Target::Unit(unit)) => {
                    if let Some(open) = &mut app.open {
                        open.reader.jump_to_unit(unit);
                    }
                    follow_reader(app);
                }
                Some(Target::Briefing(id)) => {
                    open_briefing(app, &id, None);
                }
                None => {}
            }
        }
        KeyCode::Down => {
            finder.selected = (finder.selected + 1).min(finder.shown.len().saturating_sub(1))
        }
        KeyCode::Up => finder.selected = finder.selected.saturating_sub(1),
        KeyCode::Char('n') if ctrl => {
            finder.selected = (finder.selected + 1).min(finder.shown.len().saturating_sub(1))
        }
        KeyCode::Char('p') if ctrl => finder.selected = finder.selected.saturating_sub(1),
        KeyCode::Backspace => {
            finder.input.pop();
            finder.filter();
        }
        KeyCode::Char('u') if ctrl => {
            finder.input.clear();
            finder.filter();
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            finder.input.push(c);
            finder.filter();
        }
        _ => {}
    }
    Effect::None
}

/// A fresh generation counter for library searches.
pub fn new_generation() -> Arc<AtomicU64> {
    Arc::new(AtomicU64::new(0))
}
