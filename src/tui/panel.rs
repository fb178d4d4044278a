//! The annotations panel (`A`): every bookmark and note of the open briefing (or, with
//! `Tab`, of every briefing), in document order or by date, filtered by tag or text;
//! orphans under "Needs review"; deleted ones in a trash that `u` restores. Nothing is
//! removed for good unless the trash is emptied on purpose (`X`, confirmed).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Message, Overlay, Tone};
use super::editor::Editor;
use super::persist::save_annotations;
use super::reader::BlockPos;
use super::update::{Effect, open_briefing};
use crate::domain::annotation::{Status, tags_of};
use crate::domain::fold::{fold, fold_query};
use crate::domain::store::{AnnotationRef, AnnotationSet};

/// One annotation as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The briefing it belongs to.
    pub briefing: String,
    /// Its id.
    pub id: String,
    /// A note (else a bookmark).
    pub is_note: bool,
    /// In the trash.
    pub trashed: bool,
    /// Attached, moved or orphan.
    pub status: Status,
    /// The section's title (or its id when the section is gone).
    pub section: String,
    /// Document order: unit and block (orphans and other briefings sort by their hint).
    pub order: (usize, usize),
    /// The quoted passage.
    pub quote: String,
    /// The note's text or the bookmark's label.
    pub body: String,
    /// The note's tags.
    pub tags: Vec<String>,
    /// When it last changed.
    pub updated: jiff::Timestamp,
    /// Where it is now in the open briefing, if it is placed there.
    pub at: Option<BlockPos>,
}

/// A row of the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A group heading.
    Heading(String),
    /// An annotation.
    Item(Box<Item>),
}

/// The panel's state.
#[derive(Debug, Clone, Default)]
pub struct Panel {
    /// Every briefing's annotations, not only the open one's.
    pub all: bool,
    /// Newest first instead of document order.
    pub by_date: bool,
    /// The filter (a `#tag` or words).
    pub filter: String,
    /// Typing goes to the filter.
    pub filtering: bool,
    /// Asking to confirm emptying the trash.
    pub confirm_empty: bool,
    /// The rows.
    pub rows: Vec<Row>,
    /// The selected row (an item when there is one).
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// Other briefings' annotations, read from the store once when `all` is turned on
    /// (not again on every key typed in the filter).
    others: Option<Vec<Item>>,
}

fn items_of(app: &App, set: &AnnotationSet, open_briefing: bool) -> Vec<Item> {
    let briefing = app.library.get(&set.file.briefing).cloned();
    let notes = app
        .open
        .as_ref()
        .filter(|_| open_briefing)
        .map(|o| &o.notes);
    let section_title = |id: &str| {
        briefing
            .as_ref()
            .and_then(|b| b.section(id))
            .map_or_else(|| format!("(section {id})"), |s| s.title.clone())
    };
    let unit_of = |id: &str| {
        briefing
            .as_ref()
            .and_then(|b| b.section_index(id))
            .map_or(usize::MAX, |i| i + 1)
    };
    let mut items = Vec::new();
    let mut push = |a: AnnotationRef<'_>, trashed: bool| {
        let anchor = a.anchor();
        let placed = notes.and_then(|n| n.placed.get(a.id()));
        let status = placed.map_or(Status::Attached, |p| p.status);
        let at = placed.and_then(|p| p.at.as_ref().map(|(pos, _)| *pos));
        let order = at.map_or((unit_of(&anchor.section), anchor.block), |p| {
            (p.unit, p.block)
        });
        let (is_note, body) = match a {
            AnnotationRef::Note(n) => (true, n.body.clone()),
            AnnotationRef::Bookmark(b) => (false, b.label.clone().unwrap_or_default()),
        };
        let section = at
            .and_then(|p| {
                briefing
                    .as_ref()
                    .and_then(|b| b.sections.get(p.unit.wrapping_sub(1)))
            })
            .map_or_else(|| section_title(&anchor.section), |s| s.title.clone());
        items.push(Item {
            briefing: set.file.briefing.clone(),
            id: a.id().to_string(),
            is_note,
            trashed,
            status,
            section,
            order,
            quote: anchor.quote.clone(),
            tags: tags_of(&body),
            body,
            updated: a.updated(),
            at,
        });
    };
    for a in set.annotations() {
        push(a, false);
    }
    for t in &set.file.trash {
        let a = match &t.annotation {
            crate::domain::annotation::Annotation::Note(n) => AnnotationRef::Note(n),
            crate::domain::annotation::Annotation::Bookmark(b) => AnnotationRef::Bookmark(b),
        };
        push(a, true);
    }
    items
}

fn matches_filter(item: &Item, filter: &str) -> bool {
    let filter = filter.trim();
    if filter.is_empty() {
        return true;
    }
    if let Some(tag) = filter.strip_prefix('#') {
        let tag = tag.to_lowercase();
        return item.tags.iter().any(|t| t.starts_with(&tag));
    }
    let query = fold_query(filter);
    let hay = fold(&format!("{} {} {}", item.quote, item.body, item.section)).text;
    query
        .text
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| hay.contains(w))
}

impl Panel {
    /// Rebuilds the rows from the annotations.
    pub fn refresh(&mut self, app: &App) {
        let mut items = Vec::new();
        if let Some(open) = &app.open {
            items.extend(items_of(app, &open.notes.set, true));
        }
        if !self.all {
            self.others = None;
        } else if self.others.is_none()
            && let Some(persist) = &app.persist
        {
            let open_id = app.open.as_ref().map(|o| o.briefing().id.clone());
            let mut others = Vec::new();
            for id in persist.store.briefings() {
                if Some(&id) == open_id.as_ref() {
                    continue;
                }
                if let Ok(outcome) = persist.store.load(&id) {
                    others.extend(items_of(app, &outcome.set, false));
                }
            }
            self.others = Some(others);
        }
        if let Some(others) = &self.others {
            items.extend(others.iter().cloned());
        }
        items.retain(|i| matches_filter(i, &self.filter));
        let (mut trash, live): (Vec<Item>, Vec<Item>) = items.into_iter().partition(|i| i.trashed);
        let (mut review, mut placed): (Vec<Item>, Vec<Item>) =
            live.into_iter().partition(|i| i.status == Status::Orphan);
        let mut rows = Vec::new();
        if !review.is_empty() {
            review.sort_by_key(|i| std::cmp::Reverse(i.updated));
            rows.push(Row::Heading(format!(
                "Needs review · {} not found in the current text",
                review.len()
            )));
            rows.extend(review.into_iter().map(|i| Row::Item(Box::new(i))));
        }
        if self.by_date {
            placed.sort_by_key(|i| std::cmp::Reverse(i.updated));
            if !placed.is_empty() {
                rows.push(Row::Heading("Newest first".into()));
            }
            rows.extend(placed.into_iter().map(|i| Row::Item(Box::new(i))));
        } else {
            placed.sort_by(|a, b| (&a.briefing, a.order).cmp(&(&b.briefing, b.order)));
            let mut last: Option<(String, String)> = None;
            for item in placed {
                let key = (item.briefing.clone(), item.section.clone());
                if last.as_ref() != Some(&key) {
                    let heading = if self.all {
                        format!("{} · {}", item.briefing, item.section)
                    } else {
                        item.section.clone()
                    };
                    rows.push(Row::Heading(heading));
                    last = Some(key);
                }
                rows.push(Row::Item(Box::new(item)));
            }
        }
        if !trash.is_empty() {
            trash.sort_by_key(|i| std::cmp::Reverse(i.updated));
            rows.push(Row::Heading(format!(
                "Trash · {} · u restores, X empties it",
                trash.len()
            )));
            rows.extend(trash.into_iter().map(|i| Row::Item(Box::new(i))));
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        if !matches!(self.rows.get(self.selected), Some(Row::Item(_))) {
            self.step(true);
            if !matches!(self.rows.get(self.selected), Some(Row::Item(_))) {
                self.step(false);
            }
        }
    }

    fn step(&mut self, down: bool) {
        let is_item = |r: &Row| matches!(r, Row::Item(_));
        let found = if down {
            (self.selected + 1..self.rows.len()).find(|&i| is_item(&self.rows[i]))
        } else {
            (0..self.selected).rev().find(|&i| is_item(&self.rows[i]))
        };
        if let Some(i) = found {
            self.selected = i;
        }
    }

    /// The selected item.
    pub fn item(&self) -> Option<&Item> {
        match self.rows.get(self.selected) {
            Some(Row::Item(i)) => Some(i),
            _ => None,
        }
    }

    /// Keeps the selection in `height` rows.
    pub fn keep_visible(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected.saturating_sub(1);
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// Opens the panel.
pub fn open_panel(app: &mut App) {
    let mut panel = Panel::default();
    panel.refresh(app);
    app.overlay = Some(Overlay::Panel(Box::new(panel)));
}

fn refresh(app: &mut App) {
    if let Some(Overlay::Panel(mut panel)) = app.overlay.take() {
        panel.refresh(app);
        app.overlay = Some(Overlay::Panel(panel));
    }
}

/// Keys in the panel.
pub fn handle_panel_key(app: &mut App, key: &KeyEvent) -> Effect {
    let height = usize::from(app.size.height.saturating_sub(8)).max(1);
    let Some(Overlay::Panel(panel)) = &mut app.overlay else {
        return Effect::None;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if panel.confirm_empty {
        panel.confirm_empty = false;
        if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
            if let Some(open) = &mut app.open {
                let n = open.notes.set.empty_trash();
                app.message = Some(Message {
                    text: format!("{n} item(s) removed for good"),
                    tone: Tone::Info,
                });
            }
            save_annotations(app);
            refresh(app);
        } else {
            app.message = None;
        }
        return Effect::None;
    }
    if panel.filtering {
        match key.code {
            KeyCode::Esc | KeyCode::Enter => panel.filtering = false,
            KeyCode::Backspace => {
                panel.filter.pop();
            }
            KeyCode::Char('u') if ctrl => panel.filter.clear(),
            KeyCode::Char(c) if !ctrl && !c.is_control() => panel.filter.push(c),
            _ => {}
        }
        refresh(app);
        return Effect::None;
    }
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('A') => {
            if !panel.filter.is_empty() && key.code == KeyCode::Esc {
                panel.filter.clear();
                refresh(app);
            } else {
                app.overlay = None;
            }
        }
        KeyCode::Char('j') | KeyCode::Down => panel.step(true),
        KeyCode::Char('k') | KeyCode::Up => panel.step(false),
        KeyCode::Char('g') | KeyCode::Home => {
            panel.selected = 0;
            panel.step(false);
            panel.refresh_selection_start();
        }
        KeyCode::Char('G') | KeyCode::End => {
            panel.selected = panel.rows.len().saturating_sub(1);
            panel.step(false);
            if matches!(panel.rows.last(), Some(Row::Item(_))) {
                panel.selected = panel.rows.len() - 1;
            }
        }
        KeyCode::Char('/') => panel.filtering = true,
        KeyCode::Tab => {
            panel.all = !panel.all;
            refresh(app);
        }
        KeyCode::Char('o') => {
            panel.by_date = !panel.by_date;
            refresh(app);
        }
        KeyCode::Char('X') => {
            panel.confirm_empty = true;
            app.message = Some(Message {
                text: "Empty the trash? Its notes and bookmarks are removed for good. y empties it"
                    .into(),
                tone: Tone::Warning,
            });
        }
        KeyCode::Enter => jump(app),
        KeyCode::Char('e') => edit(app),
        KeyCode::Char('d') => delete(app),
        KeyCode::Char('u') => restore(app),
        KeyCode::Char('m') => confirm(app),
        _ => {}
    }
    if let Some(Overlay::Panel(panel)) = &mut app.overlay {
        panel.keep_visible(height);
    }
    Effect::None
}

impl Panel {
    fn refresh_selection_start(&mut self) {
        if !matches!(self.rows.get(self.selected), Some(Row::Item(_))) {
            self.step(true);
        }
    }
}

fn selected(app: &App) -> Option<Item> {
    match &app.overlay {
        Some(Overlay::Panel(p)) => p.item().cloned(),
        _ => None,
    }
}

fn in_open_briefing(app: &mut App, item: &Item) -> bool {
    let open = app
        .open
        .as_ref()
        .is_some_and(|o| o.briefing().id == item.briefing);
    if !open {
        app.message = Some(Message {
            text: "open that briefing (Enter) to change its notes".into(),
            tone: Tone::Info,
        });
    }
    open
}

fn jump(app: &mut App) {
    let Some(item) = selected(app) else { return };
    if item.trashed {
        app.message = Some(Message {
            text: "in the trash: u restores it first".into(),
            tone: Tone::Info,
        });
        return;
    }
    if app
        .open
        .as_ref()
        .is_none_or(|o| o.briefing().id != item.briefing)
    {
        open_briefing(app, &item.briefing, None);
        app.overlay = None;
        if let Some(open) = &mut app.open
            && let unit = item.order.0
            && unit < open.reader.units()
        {
            open.reader.jump_to_block(BlockPos {
                unit,
                block: item.order.1,
            });
        }
        return;
    }
    match item.at {
        Some(pos) => {
            app.overlay = None;
            if let Some(open) = &mut app.open {
                open.reader.jump_to_block(pos);
            }
            super::update::follow_reader(app);
        }
        None => {
            app.message = Some(Message {
                text: "its passage is no longer in the briefing: the quote is kept here".into(),
                tone: Tone::Info,
            });
        }
    }
}

fn edit(app: &mut App) {
    let Some(item) = selected(app) else { return };
    if !item.is_note || item.trashed || !in_open_briefing(app, &item) {
        return;
    }
    let Some(open) = &app.open else { return };
    let Some(note) = open.notes.set.note(&item.id) else {
        return;
    };
    let at = open
        .notes
        .placed
        .get(&item.id)
        .and_then(|p| p.at.clone())
        .unwrap_or((BlockPos::default(), 0..0));
    let editor = Editor::new(note.anchor.clone(), at, Some(note.id.clone()), &note.body);
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
}

fn delete(app: &mut App) {
    let Some(item) = selected(app) else { return };
    if item.trashed || !in_open_briefing(app, &item) {
        return;
    }
    if let Some(open) = &mut app.open {
        open.notes.delete(&item.id);
        open.reader.invalidate();
    }
    save_annotations(app);
    app.message = Some(Message {
        text: "moved to the trash: u restores it".into(),
        tone: Tone::Info,
    });
    refresh(app);
}

fn restore(app: &mut App) {
    let chosen = selected(app).filter(|i| i.trashed);
    let Some(open) = &mut app.open else { return };
    // The selected trashed item, else the one deleted last.
    let id = chosen.map(|i| i.id).or_else(|| {
        open.notes
            .set
            .file
            .trash
            .iter()
            .max_by_key(|t| t.deleted)
            .map(|t| t.annotation.id().to_string())
    });
    let Some(id) = id else {
        app.message = Some(Message {
            text: "the trash is empty".into(),
            tone: Tone::Info,
        });
        return;
    };
    if open.notes.restore(&id) {
        open.reader.invalidate();
        save_annotations(app);
        app.message = Some(Message {
            text: "restored".into(),
            tone: Tone::Info,
        });
    }
    refresh(app);
}

fn confirm(app: &mut App) {
    let Some(item) = selected(app) else { return };
    if item.status != Status::Moved || !in_open_briefing(app, &item) {
        return;
    }
    if let Some(open) = &mut app.open {
        open.notes.confirm_move(&item.id);
        open.reader.invalidate();
    }
    save_annotations(app);
    app.message = Some(Message {
        text: "new place confirmed".into(),
        tone: Tone::Info,
    });
    refresh(app);
}
