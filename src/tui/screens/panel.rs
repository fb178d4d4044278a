//! The notes panel (`A`): every bookmark and note of the open briefing (or, with `Tab`,
//! of every briefing), in document order or by date, filtered with `/` by tag or text;
//! orphans under "Needs review"; deleted ones in a trash that `u` restores. Nothing is
//! removed for good unless the trash is emptied on purpose (`X`, after a question).
//! Changes go to the shared notes as effects; the rows are rebuilt when notes change.

pub mod render;

use crate::domain::annotation::{Status, tags_of};
use crate::domain::briefing::Briefing;
use crate::domain::fold::{fold, fold_query};
use crate::domain::i18n::{Lang, t};
use crate::domain::store::{AnnotationRef, AnnotationSet};
use crate::keys::{Action, Context};
use crate::tr;
use crate::tui::effect::{Answer, EditorRequest, Effect, Go, NoteOp, Place, Question};
use crate::tui::jobs::{Job, Purpose};
use crate::tui::messages::Message;
use crate::tui::model::Model;
use crate::tui::notebook::{BlockPos, Placed};
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::scroll::scroll_top;

/// The longest label a bookmark takes, in characters.
pub const LABEL_CHARS: usize = 80;

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
    pub filter: LineInput,
    /// Typing goes to the filter.
    pub filtering: bool,
    /// A bookmark's label being typed: the bookmark and the text.
    pub labeling: Option<(String, LineInput)>,
    /// The rows.
    pub rows: Vec<Row>,
    /// The selected row (an item when there is one).
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// How many annotations there are before filtering (to tell "none yet" from "none
    /// matches").
    pub unfiltered: usize,
    /// Other briefings' annotations, read once when `all` is turned on.
    others: Option<Vec<AnnotationSet>>,
    /// Rows in view.
    height: usize,
}

/// The items of one set.
fn items_of(
    set: &AnnotationSet,
    briefing: Option<&Briefing>,
    placed: Option<&Placed>,
    lang: Lang,
) -> Vec<Item> {
    let section_title = |id: &str| {
        briefing.and_then(|b| b.section(id)).map_or_else(
            || tr!(lang, "panel-section-missing", id = id),
            |s| s.title.clone(),
        )
    };
    let unit_of = |id: &str| {
        briefing
            .and_then(|b| b.section_index(id))
            .map_or(usize::MAX, |i| i + 1)
    };
    let mut items = Vec::new();
    let mut push = |a: AnnotationRef<'_>, trashed: bool| {
        let anchor = a.anchor();
        let place = placed.and_then(|p| p.placed.get(a.id()));
        let status = place.map_or(Status::Attached, |p| p.status);
        let at = place.and_then(|p| p.at.as_ref().map(|(pos, _)| *pos));
        let order = at.map_or((unit_of(&anchor.section), anchor.block), |p| {
            (p.unit, p.block)
        });
        let (is_note, body) = match a {
            AnnotationRef::Note(n) => (true, n.body.clone()),
            AnnotationRef::Bookmark(b) => (false, b.label.clone().unwrap_or_default()),
        };
        let section = at
            .and_then(|p| briefing.and_then(|b| b.sections.get(p.unit.wrapping_sub(1))))
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
        push(AnnotationRef::from(&t.annotation), true);
    }
    items
}

fn matches_filter(item: &Item, filter: &str) -> bool {
    let filter = filter.trim();
    if filter.is_empty() {
        return true;
    }
    if let Some(tag) = filter.strip_prefix('#') {
        let tag = fold_query(tag).text;
        return item.tags.iter().any(|t| fold(t).text.starts_with(&tag));
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
    /// The panel, its rows built from the model.
    pub fn new(m: &Model, height: usize) -> Panel {
        let mut panel = Panel {
            height,
            ..Panel::default()
        };
        panel.refresh(m);
        panel
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.filtering || self.labeling.is_some() {
            Context::Prompt
        } else {
            Context::Panel
        }
    }

    /// Other briefings' annotations arrived.
    pub fn set_others(&mut self, sets: Vec<AnnotationSet>, m: &Model) {
        self.others = Some(sets);
        self.refresh(m);
    }

    /// Rebuilds the rows (the notes, the filter or the order changed).
    pub fn refresh(&mut self, m: &Model) {
        let mut items = Vec::new();
        if let (Some(set), Some(open)) = (m.open_set(), &m.open) {
            items.extend(items_of(set, Some(open), Some(&m.placed), m.lang));
        }
        if self.all
            && let Some(others) = &self.others
        {
            for set in others {
                if Some(set.file.briefing.as_str()) == m.open_id() {
                    continue;
                }
                // A set in memory (unsaved) is newer than the one read from the store.
                let set = m.notebook.get(&set.file.briefing).unwrap_or(set);
                let briefing = m.library.get(&set.file.briefing).map(|b| b.as_ref());
                items.extend(items_of(set, briefing, None, m.lang));
            }
        }
        self.unfiltered = items.len();
        items.retain(|i| matches_filter(i, self.filter.text()));
        let (mut trash, live): (Vec<Item>, Vec<Item>) = items.into_iter().partition(|i| i.trashed);
        let (mut review, mut placed): (Vec<Item>, Vec<Item>) =
            live.into_iter().partition(|i| i.status == Status::Orphan);
        let mut rows = Vec::new();
        if !review.is_empty() {
            review.sort_by_key(|i| std::cmp::Reverse(i.updated));
            rows.push(Row::Heading(tr!(
                m.lang,
                "panel-needs-review",
                count = review.len()
            )));
            rows.extend(review.into_iter().map(|i| Row::Item(Box::new(i))));
        }
        if self.by_date {
            placed.sort_by_key(|i| std::cmp::Reverse(i.updated));
            if !placed.is_empty() {
                rows.push(Row::Heading(t(m.lang, "panel-newest-first")));
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
            let restore = m.keymap.label(Context::Panel, Action::Restore);
            let empty = m.keymap.label(Context::Panel, Action::EmptyTrash);
            rows.push(Row::Heading(tr!(
                m.lang,
                "panel-trash",
                count = trash.len(),
                restore = restore,
                empty = empty
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
        self.keep_visible();
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

    fn steps(&mut self, down: bool, n: usize) {
        for _ in 0..n {
            self.step(down);
        }
    }

    /// The selected item.
    pub fn item(&self) -> Option<&Item> {
        match self.rows.get(self.selected) {
            Some(Row::Item(i)) => Some(i),
            _ => None,
        }
    }

    /// Adapts to the rows in view.
    pub fn resize(&mut self, height: usize) {
        self.height = height.max(1);
        self.keep_visible();
    }

    fn keep_visible(&mut self) {
        // One row of context above: the heading of the first item.
        let selected = self
            .selected
            .saturating_sub(usize::from(self.selected < self.offset));
        self.offset = scroll_top(selected, self.offset, self.height, self.rows.len());
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        if let Some((id, input)) = &mut self.labeling {
            match action {
                Action::Submit => {
                    let label = input.text().trim().to_string();
                    let id = id.clone();
                    self.labeling = None;
                    let said = t(
                        m.lang,
                        if label.is_empty() {
                            "panel-label-removed"
                        } else {
                            "panel-label-saved"
                        },
                    );
                    return Some(vec![
                        Effect::Note(NoteOp::Label {
                            id,
                            label: (!label.is_empty()).then_some(label),
                        }),
                        Effect::Say(Message::info(said)),
                    ]);
                }
                Action::Cancel => self.labeling = None,
                other => {
                    input.apply(other)?;
                }
            }
            return Some(Vec::new());
        }
        if self.filtering {
            match action {
                Action::Submit => self.filtering = false,
                Action::Cancel => {
                    self.filtering = false;
                    self.filter.clear();
                }
                other => {
                    self.filter.apply(other)?;
                }
            }
            self.refresh(m);
            return Some(Vec::new());
        }
        let page = self.height.saturating_sub(1).max(1);
        let mut effects = Vec::new();
        match action {
            Action::Next => self.step(true),
            Action::Previous => self.step(false),
            Action::PageDown => self.steps(true, page),
            Action::PageUp => self.steps(false, page),
            Action::HalfPageDown => self.steps(true, page / 2),
            Action::HalfPageUp => self.steps(false, page / 2),
            Action::Top => {
                self.selected = 0;
                if !matches!(self.rows.first(), Some(Row::Item(_))) {
                    self.step(true);
                }
            }
            Action::Bottom => {
                self.selected = self.rows.len().saturating_sub(1);
                if !matches!(self.rows.last(), Some(Row::Item(_))) {
                    self.step(false);
                }
            }
            Action::Search => {
                // A new `/` starts a new filter.
                self.filter.clear();
                self.filtering = true;
                self.refresh(m);
            }
            Action::Back => {
                if self.filter.is_empty() {
                    effects.push(Effect::Close);
                } else {
                    self.filter.clear();
                    self.refresh(m);
                }
            }
            Action::ToggleScope => {
                self.all = !self.all;
                if self.all && self.others.is_none() {
                    // No ids: every briefing with notes in the store.
                    effects.push(Effect::Work(Job::OtherNotes(
                        Vec::new(),
                        Purpose::Panel,
                        m.source(),
                    )));
                }
                self.refresh(m);
            }
            Action::ToggleOrder => {
                self.by_date = !self.by_date;
                self.refresh(m);
            }
            Action::EmptyTrash => {
                let empty = m.open_set().is_none_or(|s| s.file.trash.is_empty());
                effects.push(if empty {
                    Effect::Say(Message::info(t(m.lang, "panel-trash-empty")))
                } else {
                    Effect::Go(Go::Confirm(Question {
                        text: t(m.lang, "panel-empty-trash-question"),
                        yes: Answer::EmptyTrash,
                    }))
                });
            }
            Action::Open => effects = self.open(m),
            Action::Label => effects = self.label(m),
            Action::Edit => effects = self.edit(m),
            Action::Delete => effects = self.delete(m),
            Action::Restore => effects = self.restore(m),
            Action::ConfirmMove => effects = self.confirm(m),
            _ => return None,
        }
        self.keep_visible();
        Some(effects)
    }

    /// Text typed into the filter or a label.
    pub fn on_text(&mut self, text: &str, m: &Model) {
        if let Some((_, input)) = &mut self.labeling {
            if input.text().chars().count() < LABEL_CHARS {
                input.insert(text);
            }
            return;
        }
        if self.filtering {
            self.filter.insert(text);
            self.refresh(m);
        }
    }

    fn in_open_briefing(&self, item: &Item, m: &Model) -> Result<(), Vec<Effect>> {
        if m.open_id() == Some(item.briefing.as_str()) {
            Ok(())
        } else {
            let open = m.keymap.label(Context::Panel, Action::Open);
            Err(vec![Effect::Say(Message::info(tr!(
                m.lang,
                "panel-other-briefing",
                open = open
            )))])
        }
    }

    fn open(&self, m: &Model) -> Vec<Effect> {
        let Some(item) = self.item() else {
            return Vec::new();
        };
        if item.trashed {
            let restore = m.keymap.label(Context::Panel, Action::Restore);
            return vec![Effect::Say(Message::info(tr!(
                m.lang,
                "panel-in-trash",
                restore = restore
            )))];
        }
        if m.open_id() != Some(item.briefing.as_str()) {
            return vec![Effect::Go(Go::Briefing {
                id: item.briefing.clone(),
                at: Some(Place::Block(BlockPos {
                    unit: item.order.0,
                    block: item.order.1,
                })),
            })];
        }
        match item.at {
            Some(pos) => vec![
                Effect::Close,
                Effect::Go(Go::Briefing {
                    id: item.briefing.clone(),
                    at: Some(Place::Block(pos)),
                }),
            ],
            None => vec![Effect::Say(Message::info(t(m.lang, "panel-passage-gone")))],
        }
    }

    fn label(&mut self, m: &Model) -> Vec<Effect> {
        let Some(item) = self.item() else {
            return Vec::new();
        };
        if item.is_note {
            let edit = m.keymap.label(Context::Panel, Action::Edit);
            return vec![Effect::Say(Message::info(tr!(
                m.lang,
                "panel-labels-for-bookmarks",
                edit = edit
            )))];
        }
        if item.trashed {
            return vec![Effect::Say(Message::info(t(m.lang, "panel-restore-first")))];
        }
        if let Err(e) = self.in_open_briefing(item, m) {
            return e;
        }
        self.labeling = Some((item.id.clone(), LineInput::with(&item.body)));
        Vec::new()
    }

    fn edit(&self, m: &Model) -> Vec<Effect> {
        let Some(item) = self.item() else {
            return Vec::new();
        };
        if !item.is_note {
            return vec![Effect::Say(Message::info(t(
                m.lang,
                "panel-bookmark-no-text",
            )))];
        }
        if item.trashed {
            return vec![Effect::Say(Message::info(t(m.lang, "panel-restore-first")))];
        }
        if let Err(e) = self.in_open_briefing(item, m) {
            return e;
        }
        let Some(note) = m.open_set().and_then(|s| s.note(&item.id)) else {
            return Vec::new();
        };
        let at = m
            .placed
            .placed
            .get(&item.id)
            .and_then(|p| p.at.clone())
            .unwrap_or((BlockPos::default(), 0..0));
        vec![Effect::Go(Go::Editor(Box::new(EditorRequest::edit(
            note, at,
        ))))]
    }

    fn delete(&self, m: &Model) -> Vec<Effect> {
        let Some(item) = self.item() else {
            return Vec::new();
        };
        if item.trashed {
            return vec![Effect::Say(Message::info(t(
                m.lang,
                "panel-already-in-trash",
            )))];
        }
        if let Err(e) = self.in_open_briefing(item, m) {
            return e;
        }
        let restore = m.keymap.label(Context::Panel, Action::Restore);
        vec![
            Effect::Note(NoteOp::Delete(item.id.clone())),
            Effect::Say(Message::info(tr!(
                m.lang,
                "panel-moved-to-trash",
                restore = restore
            ))),
        ]
    }

    fn restore(&self, m: &Model) -> Vec<Effect> {
        let chosen = self.item().filter(|i| i.trashed);
        if let Some(item) = chosen
            && let Err(e) = self.in_open_briefing(item, m)
        {
            return e;
        }
        let empty = m.open_set().is_none_or(|s| s.file.trash.is_empty());
        if empty {
            return vec![Effect::Say(Message::info(t(m.lang, "panel-trash-empty")))];
        }
        vec![
            Effect::Note(NoteOp::Restore(chosen.map(|i| i.id.clone()))),
            Effect::Say(Message::info(t(m.lang, "panel-restored"))),
        ]
    }

    fn confirm(&self, m: &Model) -> Vec<Effect> {
        let Some(item) = self.item() else {
            return Vec::new();
        };
        if item.status != Status::Moved {
            return vec![Effect::Say(Message::info(t(m.lang, "panel-only-moved")))];
        }
        if let Err(e) = self.in_open_briefing(item, m) {
            return e;
        }
        vec![
            Effect::Note(NoteOp::ConfirmMove(item.id.clone())),
            Effect::Say(Message::info(t(m.lang, "panel-move-confirmed"))),
        ]
    }
}
