//! Compare (`K`): the sections of one kind across the library, the kinds as tabs. On a
//! screen wide enough for two readable columns, one column per briefing (by briefing
//! date; a briefing with several sections of the kind shows them one under the other),
//! scrolling together or each on its own (`s` toggles); narrower, every section stacked
//! under its briefing's title. Each section keeps its dates and its notes; bodies are
//! wrapped and spaced as in the reader. `j`/`k` go from section to section, the title
//! line says which (`2 of 4`); `Enter` opens it in the reader.

pub mod layout;
pub mod render;

use std::collections::HashMap;
use std::ops::Range;

use ratatui::layout::Rect;

pub use self::render::render;
use crate::domain::briefing::Kind;
use crate::domain::markdown::{Block, render_markdown};
use crate::domain::shelf::CompareRows;
use crate::domain::store::AnnotationSet;
use crate::domain::timeline::{CompareEntry, columns_of};
use crate::keys::{Action, Context};
use crate::tui::effect::{Effect, Go, Place};
use crate::tui::jobs::{Job, Purpose};
use crate::tui::messages::Message;
use crate::tui::model::Model;
use crate::tui::widgets::filter::Filter;
use layout::Layout;

/// The compare view's state.
#[derive(Debug, Clone)]
pub struct CompareView {
    /// The kinds present, with how many sections each has.
    pub kinds: Vec<(Kind, usize)>,
    /// The kind shown.
    pub kind: usize,
    /// Its sections, by briefing date, a briefing's sections together.
    pub entries: Vec<CompareEntry>,
    /// How many briefings pass the filter (more than shown when over the limit).
    pub briefings: usize,
    /// The last request for rows (results of older ones are dropped).
    generation: u64,
    /// Rows were asked for and have not come yet.
    pub loading: bool,
    /// Each entry's body, rendered.
    blocks: Vec<Vec<Block>>,
    /// The entries of each briefing.
    runs: Vec<Range<usize>>,
    /// The selected section (the one `Enter` opens, and the position shown).
    pub selected: usize,
    /// Each column's first row in view.
    pub offsets: Vec<usize>,
    /// The first column on screen, when not all fit.
    pub first: usize,
    /// Whether the columns scroll together (else only the selected one scrolls).
    pub together: bool,
    /// The notes of the sections shown: (briefing id, section id) → note texts.
    pub notes: HashMap<(String, String), Vec<String>>,
    /// Annotations read from the store for briefings not in memory.
    stored: Vec<AnnotationSet>,
    /// The filter (`/`): by briefing title, tag or section title.
    pub filter: Filter,
    /// The screen's size: (width, height).
    size: (usize, usize),
    /// The widest text may be (the reader's setting).
    max_width: usize,
    /// Where everything goes, for that size.
    pub layout: Layout,
}

impl CompareView {
    /// The compare view, on the rows read for it (see [`CompareView::request`]); the
    /// notes of the sections shown are asked for with [`CompareView::notes_wanted`].
    /// Call [`CompareView::resize`] with the screen's size (80×24 is assumed until then).
    pub fn new(m: &Model, generation: u64) -> CompareView {
        CompareView {
            kinds: Vec::new(),
            kind: 0,
            entries: Vec::new(),
            briefings: 0,
            generation,
            loading: true,
            blocks: Vec::new(),
            runs: Vec::new(),
            selected: 0,
            offsets: Vec::new(),
            first: 0,
            together: true,
            notes: HashMap::new(),
            stored: Vec::new(),
            filter: Filter::default(),
            size: (80, 24),
            max_width: usize::from(m.config.max_width),
            layout: Layout::default(),
        }
    }

    /// Asks for the rows of the kind shown (or `kind`), with the filter as it is.
    pub fn request(&mut self, m: &Model, kind: Option<Kind>) -> Effect {
        self.generation += 1;
        self.loading = true;
        let kind = kind.or_else(|| self.kinds.get(self.kind).map(|(k, _)| k.clone()));
        Effect::Work(Job::Compare(
            m.source(),
            kind,
            self.filter.input.text().to_string(),
            self.generation,
        ))
    }

    /// How many briefings' sections are shown.
    pub fn briefings_shown(&self) -> usize {
        self.runs.len()
    }

    /// The generation of the last request.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Rows arrived: shown if they answer the last request. Returns the work to do
    /// (the notes of the briefings shown).
    pub fn set_rows(
        &mut self,
        generation: u64,
        kinds: Vec<(Kind, usize)>,
        kind: usize,
        rows: CompareRows,
        m: &Model,
    ) -> Vec<Effect> {
        if generation != self.generation {
            return Vec::new();
        }
        self.loading = false;
        self.kinds = kinds;
        self.kind = kind;
        self.entries = rows.entries;
        self.briefings = rows.briefings;
        self.blocks = self
            .entries
            .iter()
            .map(|e| render_markdown(&e.content.body))
            .collect();
        self.runs = columns_of(&self.entries);
        self.selected = 0;
        self.first = 0;
        self.offsets.clear();
        self.layout = Layout::default();
        self.refresh_notes(m);
        let wanted = self.notes_wanted(m);
        if wanted.is_empty() {
            Vec::new()
        } else {
            vec![Effect::Work(Job::OtherNotes(
                wanted,
                Purpose::Compare,
                m.source(),
            ))]
        }
    }

    /// Adapts to the screen's size.
    pub fn resize(&mut self, size: Rect) {
        self.size = (usize::from(size.width), usize::from(size.height));
        self.relayout();
    }

    /// Lays the sections out again; a view of the same shape keeps its rows, another
    /// keeps each column's section at its top.
    fn relayout(&mut self) {
        let old = std::mem::take(&mut self.layout);
        self.layout = Layout::new(
            &self.entries,
            &self.blocks,
            &self.notes,
            &self.runs,
            self.size,
            self.max_width,
        );
        let n = self.layout.columns.len();
        let same_columns = old.columns.len() == n && old.stacked == self.layout.stacked;
        if !(same_columns && old.text_width == self.layout.text_width) {
            let anchors: Vec<usize> = if same_columns {
                (0..n)
                    .map(|c| old.columns[c].entry_at(self.offsets.get(c).copied().unwrap_or(0)))
                    .collect()
            } else {
                Vec::new()
            };
            self.offsets = vec![0; n];
            if anchors.is_empty() {
                let c = self.focus();
                self.offsets[c] = self.layout.columns[c].head(self.selected);
                if self.together {
                    self.offsets = vec![self.offsets[c]; n];
                }
            } else {
                for (c, anchor) in anchors.into_iter().enumerate() {
                    self.offsets[c] = self.layout.columns[c].head(anchor);
                }
                if self.together {
                    self.offsets = vec![self.offsets[self.focus()]; n];
                }
            }
        }
        self.clamp();
        self.show_focus();
    }

    /// The briefings whose notes are not in memory: read them with a job.
    pub fn notes_wanted(&self, m: &Model) -> Vec<String> {
        let mut ids: Vec<String> = self
            .entries
            .iter()
            .map(|e| e.briefing.id.clone())
            .filter(|id| !m.notebook.has(id) && !self.stored.iter().any(|s| s.file.briefing == *id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Notes read from the store arrived.
    pub fn set_stored(&mut self, sets: Vec<AnnotationSet>, m: &Model) {
        for set in sets {
            self.stored.retain(|s| s.file.briefing != set.file.briefing);
            self.stored.push(set);
        }
        self.refresh_notes(m);
    }

    /// The notes on the sections shown, by the section they were made on: from memory
    /// when a set is there (unsaved changes included), else as read from the store.
    pub fn refresh_notes(&mut self, m: &Model) {
        self.notes.clear();
        let mut briefings: Vec<&str> = self
            .entries
            .iter()
            .map(|e| e.briefing.id.as_str())
            .collect();
        briefings.sort_unstable();
        briefings.dedup();
        for id in briefings {
            let set = m
                .notebook
                .get(id)
                .or_else(|| self.stored.iter().find(|s| s.file.briefing == id));
            for note in set.map(|s| s.file.notes.as_slice()).unwrap_or_default() {
                self.notes
                    .entry((id.to_string(), note.anchor.section.clone()))
                    .or_default()
                    .push(note.body.clone());
            }
        }
        self.relayout();
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.filter.editing {
            Context::Prompt
        } else {
            Context::Compare
        }
    }

    /// Text typed into the filter: the rows are asked for again.
    pub fn on_text(&mut self, text: &str, m: &Model) -> Vec<Effect> {
        if self.filter.editing {
            self.filter.on_text(text);
            return vec![self.request(m, None)];
        }
        Vec::new()
    }

    /// The column of the selected section.
    pub fn focus(&self) -> usize {
        self.layout.column_of(self.selected)
    }

    /// The columns on screen.
    pub fn shown_columns(&self) -> Range<usize> {
        let end = (self.first + self.layout.visible).min(self.layout.columns.len());
        self.first..end
    }

    /// Keeps every offset within its column (together: within the longest).
    fn clamp(&mut self) {
        if self.together && !self.layout.stacked {
            let shared = self
                .offsets
                .get(self.focus())
                .copied()
                .unwrap_or(0)
                .min(self.layout.max_offset_together());
            self.offsets.iter_mut().for_each(|o| *o = shared);
        } else {
            for (c, o) in self.offsets.iter_mut().enumerate() {
                *o = (*o).min(self.layout.max_offset(c));
            }
        }
    }

    /// Brings the selected section's column on screen.
    fn show_focus(&mut self) {
        let c = self.focus();
        let visible = self.layout.visible.max(1);
        if c < self.first {
            self.first = c;
        } else if c >= self.first + visible {
            self.first = c + 1 - visible;
        }
        self.first = self
            .first
            .min(self.layout.columns.len().saturating_sub(visible));
    }

    /// Puts row `row` of column `c` at the top (all columns when they scroll together).
    fn set_offset(&mut self, c: usize, row: usize) {
        if let Some(o) = self.offsets.get_mut(c) {
            *o = row;
        }
        if self.together {
            self.offsets.iter_mut().for_each(|o| *o = row);
        }
        self.clamp();
    }

    /// Selects a section: its heading goes to the top of its column, unless it is in
    /// another column and already in view (moving across keeps the rows compared).
    fn go_to(&mut self, entry: usize) {
        let from = self.focus();
        self.selected = entry;
        let c = self.focus();
        let head = self.layout.columns.get(c).map_or(0, |col| col.head(entry));
        let top = self.offsets.get(c).copied().unwrap_or(0);
        let in_view = head >= top && head < top + self.layout.height;
        if c == from || !in_view {
            self.set_offset(c, head);
        }
        self.show_focus();
    }

    /// Scrolls the selected column (or all, together) by `delta` rows; the section at
    /// the top becomes the selected one.
    fn scroll(&mut self, delta: isize) {
        let c = self.focus();
        let before = self.offsets.get(c).copied().unwrap_or(0);
        self.set_offset(c, before.saturating_add_signed(delta));
        let after = self.offsets.get(c).copied().unwrap_or(0);
        if after != before
            && let Some(column) = self.layout.columns.get(c)
        {
            self.selected = column.entry_at(after);
        }
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        if self.filter.editing {
            if self.filter.on_action(action)? {
                return Some(vec![self.request(m, None)]);
            }
            return Some(Vec::new());
        }
        let mut effects = Vec::new();
        let page = self.layout.height.saturating_sub(1).max(1) as isize;
        match action {
            Action::Search => {
                let had = self.filter.is_active();
                self.filter.start();
                if had {
                    effects.push(self.request(m, None));
                }
            }
            Action::Back if self.filter.clear() => effects.push(self.request(m, None)),
            Action::Back | Action::Compare => return Some(vec![Effect::Go(Go::Back)]),
            Action::NextKind | Action::PreviousKind if !self.kinds.is_empty() => {
                let n = self.kinds.len();
                let next = if action == Action::NextKind {
                    (self.kind + 1) % n
                } else {
                    (self.kind + n - 1) % n
                };
                let kind = self.kinds.get(next).map(|(k, _)| k.clone());
                effects.push(self.request(m, kind));
            }
            Action::NextKind | Action::PreviousKind => {}
            Action::Open => {
                if let Some(entry) = self.entries.get(self.selected) {
                    effects.push(Effect::Go(Go::Briefing {
                        id: entry.briefing.id.clone(),
                        at: Some(Place::Unit(entry.section + 1)),
                    }));
                }
            }
            Action::Next => {
                if self.selected + 1 < self.entries.len() {
                    self.go_to(self.selected + 1);
                }
            }
            Action::Previous => {
                let c = self.focus();
                let head = self
                    .layout
                    .columns
                    .get(c)
                    .map_or(0, |col| col.head(self.selected));
                if self.offsets.get(c).is_some_and(|&o| o > head) {
                    self.set_offset(c, head);
                } else if self.selected > 0 {
                    self.go_to(self.selected - 1);
                }
            }
            Action::PageDown => self.scroll(page),
            Action::PageUp => self.scroll(-page),
            Action::HalfPageDown => self.scroll((page + 1) / 2),
            Action::HalfPageUp => self.scroll(-(page + 1) / 2),
            Action::Top => {
                self.selected = 0;
                self.offsets.iter_mut().for_each(|o| *o = 0);
                self.first = 0;
            }
            Action::Bottom => self.go_to(self.entries.len().saturating_sub(1)),
            Action::SyncScroll => {
                self.together = !self.together;
                self.clamp();
                let how = if self.together {
                    "the columns scroll together"
                } else {
                    "only the selected column scrolls"
                };
                let when = if self.layout.stacked {
                    " (when side by side)"
                } else {
                    ""
                };
                effects.push(Effect::Say(Message::info(format!("{how}{when}"))));
            }
            _ => return None,
        }
        Some(effects)
    }
}
