//! `update`: the only place the state changes. Terminal events are resolved to actions
//! through the keymap (or handled by the overlay that has the keyboard), and each
//! action returns an `Effect` for the loop to carry out.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{App, Focus, LibrarySort, Message, Open, Outline, Overlay, Screen, Tone};
use super::reader::{BlockPos, Reader};
use crate::domain::library::LoadEvent;

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing beyond drawing.
    None,
    /// Save state and leave.
    Quit,
}

/// Takes in the background load's progress. Library rows are re-sorted once per
/// frame (see [`App::library_dirty`]), not once per briefing.
pub fn handle_load(app: &mut App, event: LoadEvent) {
    match event {
        LoadEvent::Discovered { total, problems } => {
            app.library.problems.extend(problems);
            app.loading = Some((0, total));
        }
        LoadEvent::Loaded(outcome) => {
            app.library.add(*outcome);
            if let Some((done, _)) = &mut app.loading {
                *done += 1;
            }
            app.library_dirty = true;
        }
        LoadEvent::Done => {
            app.loading = None;
            app.library_dirty = true;
            // The briefing read last, or the only one: open it, unless the user is
            // already busy in the library.
            let untouched = app.open.is_none() && app.library_view.filter.is_empty();
            if untouched {
                let last =
                    super::persist::last_opened(app).filter(|id| app.library.get(id).is_some());
                let only =
                    (app.library.briefings.len() == 1).then(|| app.library.briefings[0].id.clone());
                if let Some(id) = last.or(only) {
                    open_briefing(app, &id, None);
                }
            }
            report_load_problems(app);
            super::persist::refresh_library_stats(app);
        }
    }
}

/// Says in the status line how many files could not be loaded.
pub fn report_load_problems(app: &mut App) {
    let errors = app.library.problems.iter().filter(|p| p.is_error()).count();
    if errors > 0 {
        app.message = Some(Message {
            text: format!(
                "{errors} file(s) could not be loaded: see the library ({})",
                app.keymap.key_label(Action::Library)
            ),
            tone: Tone::Warning,
        });
    }
}

/// Work put off until the events of a batch are handled, before drawing: sorting
/// newly loaded briefings, running a changed search, tracking what was read, notes
/// under their paragraphs.
pub fn before_draw(app: &mut App) {
    if app.library_dirty {
        app.library_dirty = false;
        app.refresh_library_rows();
        keep_library_selection_visible(app);
    }
    super::search::run_pending_search(app);
    let show = app.config.show_notes;
    if let Some(open) = &mut app.open {
        let mut previews = super::reader::Previews::new();
        if show {
            for note in &open.notes.set.file.notes {
                let Some(super::notes::Placement {
                    status,
                    at: Some((pos, _)),
                }) = open.notes.placed.get(&note.id)
                else {
                    continue;
                };
                let first = note
                    .body
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                let moved = if *status == crate::domain::annotation::Status::Moved {
                    " (moved)"
                } else {
                    ""
                };
                previews
                    .entry(pos.unit)
                    .or_default()
                    .entry(pos.block)
                    .or_default()
                    .push(format!("{first}{moved}"));
            }
        }
        open.reader.set_previews(previews);
    }
}

/// Starts the background work put off until the first frame was drawn: preparing the
/// open briefing (search index, notes), watching its file, counting the library.
pub fn after_first_paint(app: &mut App) {
    if app.painted {
        return;
    }
    app.painted = true;
    reprepare_open_briefing(app);
    super::reload::watch_open_briefing(app);
    if app.loading.is_none() {
        super::persist::refresh_library_stats(app);
    }
}

/// When the loop must wake up even without input: a draft to write, a save to retry.
pub fn next_deadline(app: &App) -> Option<std::time::Instant> {
    let draft = match &app.overlay {
        Some(Overlay::Editor(e)) => e.draft_due,
        _ => None,
    };
    let retry = app.persist.as_ref().and_then(|p| p.retry_at);
    let reload = app.watch.as_ref().and_then(|w| w.due);
    [draft, retry, reload].into_iter().flatten().min()
}

/// Does what was due at [`next_deadline`].
pub fn on_tick(app: &mut App) {
    let now = std::time::Instant::now();
    if let Some(Overlay::Editor(e)) = &app.overlay
        && e.draft_due.is_some_and(|d| d <= now)
    {
        super::editor::write_draft(app);
    }
    if app
        .persist
        .as_ref()
        .and_then(|p| p.retry_at)
        .is_some_and(|t| t <= now)
    {
        super::persist::save_annotations(app);
    }
    if app
        .watch
        .as_ref()
        .and_then(|w| w.due)
        .is_some_and(|t| t <= now)
    {
        super::reload::reload(app);
    }
}

/// Handles one terminal event.
pub fn handle_event(app: &mut App, event: &Event) -> Effect {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => handle_key(app, key),
        Event::Mouse(mouse) if app.config.mouse => {
            handle_mouse(app, mouse);
            Effect::None
        }
        Event::Resize(w, h) => {
            resize(app, Rect::new(0, 0, *w, *h));
            Effect::None
        }
        Event::Paste(text) => {
            super::editor::paste(app, text);
            Effect::None
        }
        _ => Effect::None,
    }
}

/// Adapts to a new terminal size.
pub fn resize(app: &mut App, size: Rect) {
    app.size = size;
    sync_reader_size(app);
}

fn sync_reader_size(app: &mut App) {
    let (width, height) = app.reader_size();
    if let Some(open) = &mut app.open {
        open.reader.resize(width, height);
    }
    keep_outline_selection_visible(app);
    keep_library_selection_visible(app);
}

fn handle_key(app: &mut App, key: &KeyEvent) -> Effect {
    let asking = matches!(&app.overlay, Some(Overlay::Editor(e)) if e.confirm_discard)
        || matches!(&app.overlay, Some(Overlay::Panel(p)) if p.confirm_empty);
    if !asking {
        app.message = None;
    }
    let action = app.keymap.action_for(key);
    if action == Some(Action::ForceQuit) {
        return update(app, Action::ForceQuit);
    }
    match &app.overlay {
        Some(Overlay::Help { scroll }) => {
            let scroll = *scroll;
            return handle_help_key(app, scroll, key, action);
        }
        Some(Overlay::Editor(_)) => return super::editor::handle_editor_key(app, key),
        Some(Overlay::Panel(_)) => return super::panel::handle_panel_key(app, key),
        Some(Overlay::LibrarySearch(_)) => {
            return super::search::handle_library_search_key(app, key);
        }
        Some(Overlay::Finder(_)) => return super::search::handle_finder_key(app, key),
        None => {}
    }
    match app.screen {
        Screen::Library => return handle_library_key(app, key),
        Screen::Timeline => return super::views::handle_timeline_key(app, key, action),
        Screen::Compare => return super::views::handle_compare_key(app, key, action),
        Screen::Reader => {}
    }
    if let Some(open) = &app.open {
        if open.search.as_ref().is_some_and(|s| s.editing) {
            return super::search::handle_search_input(app, key);
        }
        if open.selection.is_some() {
            return super::annotate::handle_selection_key(app, key, action);
        }
        if key.code == KeyCode::Esc && open.search.is_some() {
            if let Some(open) = &mut app.open {
                open.search = None;
            }
            return Effect::None;
        }
    }
    match action {
        Some(action) => update(app, action),
        None => {
            if let KeyCode::Char(c) = key.code
                && !c.is_control()
            {
                app.message = Some(Message {
                    text: format!(
                        "`{c}` does nothing here; {} shows the keys",
                        app.keymap.key_label(Action::Help)
                    ),
                    tone: Tone::Info,
                });
            }
            Effect::None
        }
    }
}

fn handle_help_key(app: &mut App, scroll: usize, key: &KeyEvent, action: Option<Action>) -> Effect {
    let close = key.code == KeyCode::Esc || matches!(action, Some(Action::Quit | Action::Help));
    if close {
        app.overlay = None;
        return Effect::None;
    }
    let max = help_rows(app).saturating_sub(3);
    let scroll = match action {
        Some(Action::Next) => scroll + 1,
        Some(Action::Previous) => scroll.saturating_sub(1),
        Some(Action::PageDown | Action::HalfPageDown) => scroll + 10,
        Some(Action::PageUp | Action::HalfPageUp) => scroll.saturating_sub(10),
        Some(Action::Top) => 0,
        Some(Action::Bottom) => max,
        _ => scroll,
    };
    app.overlay = Some(Overlay::Help {
        scroll: scroll.min(max),
    });
    Effect::None
}

/// How many rows the help has (for scrolling).
pub fn help_rows(app: &App) -> usize {
    super::ui::help::help_lines(&app.keymap).len()
}

fn handle_library_key(app: &mut App, key: &KeyEvent) -> Effect {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            if !app.library_view.filter.is_empty() {
                app.library_view.filter.clear();
                app.refresh_library_rows();
            } else if app.open.is_some() {
                app.screen = Screen::Reader;
                sync_reader_size(app);
            } else {
                return Effect::Quit;
            }
        }
        KeyCode::Enter => open_selected_briefing(app),
        KeyCode::Down => move_library_selection(app, 1),
        KeyCode::Up => move_library_selection(app, -1),
        KeyCode::Char('n') if ctrl => move_library_selection(app, 1),
        KeyCode::Char('p') if ctrl => move_library_selection(app, -1),
        KeyCode::PageDown => move_library_selection(app, library_page(app) as isize),
        KeyCode::PageUp => move_library_selection(app, -(library_page(app) as isize)),
        KeyCode::Home => move_library_selection(app, isize::MIN / 2),
        KeyCode::End => move_library_selection(app, isize::MAX / 2),
        KeyCode::Tab | KeyCode::BackTab => {
            app.library_view.sort = match app.library_view.sort {
                LibrarySort::Date => LibrarySort::Title,
                LibrarySort::Title => LibrarySort::Date,
            };
            app.refresh_library_rows();
        }
        KeyCode::Backspace => {
            app.library_view.filter.pop();
            app.library_view.selected = 0;
            app.refresh_library_rows();
        }
        KeyCode::Char('u') if ctrl => {
            app.library_view.filter.clear();
            app.refresh_library_rows();
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            app.library_view.filter.push(c);
            app.library_view.selected = 0;
            app.refresh_library_rows();
        }
        _ => {}
    }
    keep_library_selection_visible(app);
    Effect::None
}

fn library_page(app: &App) -> usize {
    usize::from(app.size.height.saturating_sub(6)).max(1)
}

fn move_library_selection(app: &mut App, delta: isize) {
    let rows = app.library_view.rows.len();
    if rows == 0 {
        return;
    }
    let selected = app.library_view.selected as isize + delta;
    app.library_view.selected = selected.clamp(0, rows as isize - 1) as usize;
}

fn keep_library_selection_visible(app: &mut App) {
    let height = library_page(app);
    let view = &mut app.library_view;
    if view.selected < view.offset {
        view.offset = view.selected;
    } else if view.selected >= view.offset + height {
        view.offset = view.selected + 1 - height;
    }
}

fn open_selected_briefing(app: &mut App) {
    let Some(&index) = app.library_view.rows.get(app.library_view.selected) else {
        return;
    };
    let id = app.library.briefings[index].id.clone();
    open_briefing(app, &id, None);
}

/// Opens a briefing by id, at a paragraph if given, and shows the reader.
pub fn open_briefing(app: &mut App, id: &str, at: Option<BlockPos>) -> bool {
    let Some(briefing) = app.library.get(id).cloned() else {
        return false;
    };
    let already = app.open.as_ref().is_some_and(|o| o.briefing().id == id);
    app.screen = Screen::Reader;
    app.focus = Focus::Reader;
    if !already {
        // Leave the briefing being read in a good state: position and notes saved.
        super::persist::record_position(app);
        super::persist::save_annotations(app);
        let notes = super::persist::load_annotations(app, &briefing);
        let (width, height) = app.reader_size();
        let saved = notes.set.file.position.clone();
        let mut reader = Reader::new(briefing.clone(), width, height);
        if at.is_none()
            && let Some(p) = saved
        {
            // Back where the reader left off.
            let unit = if p.section.is_empty() {
                Some(0)
            } else {
                briefing.section_index(&p.section).map(|i| i + 1)
            };
            if let Some(unit) = unit {
                reader.jump_to_block(BlockPos {
                    unit,
                    block: p.block,
                });
            }
        }
        app.open = Some(Open {
            reader,
            outline: Outline::default(),
            notes,
            index: None,
            search: None,
            selection: None,
        });
        // The briefing read last is recorded when leaving (`save_on_exit`): an fsync
        // here would delay the first frame.
        reprepare_open_briefing(app);
        super::reload::watch_open_briefing(app);
    }
    // Sizes may differ now that the banner is known.
    sync_reader_size(app);
    if let (Some(open), Some(at)) = (&mut app.open, at) {
        open.reader.jump_to_block(at);
    }
    follow_reader(app);
    true
}

/// Renders the open briefing's text once, in the background: the search index, and
/// the placing of its notes (re-anchored if the briefing changed since they were made).
pub fn reprepare_open_briefing(app: &mut App) {
    if !app.painted && app.tx.is_some() {
        // Started by `after_first_paint`.
        return;
    }
    let Some(open) = &app.open else { return };
    let briefing = open.reader.briefing.clone();
    let version = briefing.version.clone();
    // The text for anchoring is only built when there is something to anchor.
    let with_text = open.notes.set.annotations().next().is_some();
    super::persist::spawn_job(
        app,
        move || super::persist::prepare(&briefing, with_text),
        move |app, prepared| {
            let Some(open) = &mut app.open else { return };
            // The job applies only if its briefing is still the one open.
            if open.reader.briefing.version != version {
                return;
            }
            open.index = Some(prepared.index);
            if let Some(search) = &mut open.search {
                search.stale = true;
            }
            let briefing = open.reader.briefing.clone();
            let (moved, orphans) = match prepared.text {
                Some(text) => open.notes.attach(text, &briefing),
                None => (0, 0),
            };
            open.reader.invalidate();
            if moved + orphans > 0 {
                app.message = Some(Message {
                    text: format!(
                        "briefing changed: {moved} note(s) moved, {orphans} need review; A lists them"
                    ),
                    tone: Tone::Warning,
                });
            }
            if open.notes.set.is_dirty() {
                super::persist::save_annotations(app);
            }
            super::editor::recover_draft(app);
        },
    );
}

/// Carries out an action.
pub fn update(app: &mut App, action: Action) -> Effect {
    match action {
        Action::ForceQuit => return Effect::Quit,
        Action::Quit => {
            if app.overlay.is_some() {
                app.overlay = None;
            } else {
                return Effect::Quit;
            }
        }
        Action::Help => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            };
        }
        Action::Library => {
            app.screen = Screen::Library;
            app.overlay = None;
            keep_library_selection_visible(app);
        }
        Action::Timeline => super::views::open_timeline(app),
        Action::Compare => super::views::open_compare(app),
        Action::LibrarySearch => super::search::open_library_search(app),
        Action::Finder => super::search::open_finder(app),
        Action::Annotations if app.open.is_some() => super::panel::open_panel(app),
        Action::Export => super::persist::export(app, false),
        Action::ExportAll => super::persist::export(app, true),
        Action::FocusNext | Action::FocusPrevious => {
            app.focus = match app.focus {
                Focus::Outline => Focus::Reader,
                Focus::Reader => Focus::Outline,
            };
            sync_reader_size(app);
            if app.focus == Focus::Outline {
                follow_reader(app);
            }
        }
        Action::FocusOutline => {
            app.focus = Focus::Outline;
            sync_reader_size(app);
            follow_reader(app);
        }
        _ => match app.focus {
            Focus::Reader => reader_action(app, action),
            Focus::Outline => outline_action(app, action),
        },
    }
    Effect::None
}

fn reader_action(app: &mut App, action: Action) {
    let Some(open) = &mut app.open else { return };
    let reader = &mut open.reader;
    match action {
        Action::Next => reader.next_paragraph(),
        Action::Previous => reader.previous_paragraph(),
        Action::NextSection => reader.next_section(),
        Action::PreviousSection => reader.previous_section(),
        Action::Top => reader.top(),
        Action::Bottom => reader.bottom(),
        Action::PageDown => reader.page(true, false),
        Action::PageUp => reader.page(false, false),
        Action::HalfPageDown => reader.page(true, true),
        Action::HalfPageUp => reader.page(false, true),
        Action::Search => super::search::start_search(app),
        Action::SearchNext => super::search::step_match(app, true),
        Action::SearchPrevious => super::search::step_match(app, false),
        Action::ToggleBookmark => super::annotate::toggle_bookmark(app),
        Action::Annotate => super::annotate::annotate(app),
        Action::Select => super::annotate::start_selection(app),
        Action::ToggleNotes => super::annotate::toggle_notes(app),
        Action::ToggleRead => super::annotate::toggle_read(app),
        // In the reader, "open" has nothing to open; the outline's entry is already shown.
        _ => {}
    }
    // Reading is scrolling through: a section whose end the user scrolled to counts as
    // read. Jumps (sections, top, bottom) and reloads do not read anything.
    let scrolling = matches!(
        action,
        Action::Next | Action::PageDown | Action::HalfPageDown
    );
    if scrolling {
        super::annotate::track_reading(app);
    }
    follow_reader(app);
}

fn outline_action(app: &mut App, action: Action) {
    let Some(open) = &mut app.open else { return };
    let units = open.reader.units();
    let page = outline_height(app).saturating_sub(1).max(1);
    let Some(open) = &mut app.open else { return };
    let selected = open.outline.selected;
    let target = match action {
        Action::Next => (selected + 1).min(units - 1),
        Action::Previous => selected.saturating_sub(1),
        Action::NextSection => (selected + 1).min(units - 1),
        Action::PreviousSection => selected.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => units - 1,
        Action::PageDown | Action::HalfPageDown => (selected + page).min(units - 1),
        Action::PageUp | Action::HalfPageUp => selected.saturating_sub(page),
        Action::Open => {
            open.reader.jump_to_unit(selected);
            app.focus = Focus::Reader;
            sync_reader_size(app);
            return;
        }
        _ => selected,
    };
    if target != selected {
        open.outline.selected = target;
        // Moving in the outline moves the reader.
        open.reader.jump_to_unit(target);
    }
    keep_outline_selection_visible(app);
}

/// The outline follows the reading position.
pub fn follow_reader(app: &mut App) {
    if let Some(open) = &mut app.open
        && app.focus == Focus::Reader
    {
        open.outline.selected = open.reader.current_unit();
    }
    keep_outline_selection_visible(app);
}

fn outline_height(app: &App) -> usize {
    app.areas()
        .outline
        .map_or(1, |r| usize::from(r.height.saturating_sub(1)).max(1))
}

fn keep_outline_selection_visible(app: &mut App) {
    let height = outline_height(app);
    let Some(open) = &mut app.open else { return };
    let o = &mut open.outline;
    if o.selected < o.offset {
        o.offset = o.selected;
    } else if o.selected >= o.offset + height {
        o.offset = o.selected + 1 - height;
    }
    let units = open.reader.units();
    o.offset = o.offset.min(units.saturating_sub(height));
}

fn handle_mouse(app: &mut App, mouse: &MouseEvent) {
    if app.overlay.is_some() || app.screen != Screen::Reader {
        return;
    }
    let areas = app.areas();
    let at = Position::new(mouse.column, mouse.row);
    let in_outline = areas.outline.filter(|r| r.contains(at));
    let in_reader = areas.reader.filter(|r| r.contains(at));
    match mouse.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = mouse.kind == MouseEventKind::ScrollDown;
            if in_outline.is_some() {
                if let Some(open) = &mut app.open {
                    let height = outline_height_of(areas.outline);
                    let max = open.reader.units().saturating_sub(height);
                    let o = &mut open.outline;
                    o.offset = if down {
                        (o.offset + 3).min(max)
                    } else {
                        o.offset.saturating_sub(3)
                    };
                }
            } else if in_reader.is_some() {
                if let Some(open) = &mut app.open {
                    open.reader.scroll(if down { 3 } else { -3 });
                }
                if down {
                    super::annotate::track_reading(app);
                }
                follow_reader(app);
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(rect) = in_outline {
                // Row 0 of the outline is its title.
                let row = usize::from(mouse.row.saturating_sub(rect.y));
                if row == 0 {
                    return;
                }
                if let Some(open) = &mut app.open {
                    let unit = open.outline.offset + row - 1;
                    if unit < open.reader.units() {
                        open.outline.selected = unit;
                        open.reader.jump_to_unit(unit);
                        app.focus = Focus::Reader;
                        sync_reader_size(app);
                        follow_reader(app);
                    }
                }
            } else if let Some(rect) = in_reader {
                app.focus = Focus::Reader;
                let row = usize::from(mouse.row.saturating_sub(rect.y));
                if let Some(open) = &mut app.open {
                    let visible = open.reader.visible();
                    let hit = visible.get(row).and_then(|(unit, r, layout)| {
                        layout
                            .block_rows
                            .iter()
                            .position(|rows| rows.contains(r))
                            .map(|block| BlockPos { unit: *unit, block })
                    });
                    if let Some(pos) = hit {
                        open.reader.cursor = Some(pos);
                    }
                }
                follow_reader(app);
            }
        }
        _ => {}
    }
}

fn outline_height_of(rect: Option<Rect>) -> usize {
    rect.map_or(1, |r| usize::from(r.height.saturating_sub(1)).max(1))
}
