//! The library screen: every briefing, sorted by date or title, filtered with `/` by
//! title, id, language or tag; `Enter` opens one. Letters are commands here, as in
//! every list: typing goes to the filter only after `/`.

pub mod render;

use ratatui::layout::Rect;

use crate::domain::shelf::{Entry, Shelf};
use crate::keys::{Action, Context};
use crate::tui::effect::{Effect, Go};
use crate::tui::messages::Message;
use crate::tui::model::Model;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::scroll::{moved, scroll_top};

/// How the library is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Newest first; undated last.
    Date,
    /// Alphabetical.
    Title,
}

/// The library screen's state.
#[derive(Debug, Clone)]
pub struct LibraryScreen {
    /// What the rows are filtered by.
    pub filter: LineInput,
    /// Typing goes to the filter.
    pub filtering: bool,
    /// The order.
    pub sort: Sort,
    /// The selected row among the filtered rows.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// Indices into the shelf's entries, filtered and sorted.
    pub rows: Vec<usize>,
    /// What the filter matches, per entry (built once per entry, again when the shelf
    /// is replaced).
    haystacks: Vec<String>,
    /// The screen's size.
    size: Rect,
}

/// What the filter matches: title, id, language and tags, as one slug.
fn haystack(b: &Entry) -> String {
    let mut text = format!("{} {}", b.title, b.id);
    if let Some(lang) = &b.language {
        text.push(' ');
        text.push_str(lang);
    }
    for tag in &b.tags {
        text.push(' ');
        text.push_str(tag);
    }
    crate::domain::text::slugify(&text)
}

impl LibraryScreen {
    /// The library screen over `shelf`.
    pub fn new(shelf: &Shelf, size: Rect) -> LibraryScreen {
        let mut screen = LibraryScreen {
            filter: LineInput::default(),
            filtering: false,
            sort: Sort::Date,
            selected: 0,
            offset: 0,
            rows: Vec::new(),
            haystacks: Vec::new(),
            size,
        };
        screen.refresh(shelf);
        screen
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.filtering {
            Context::Prompt
        } else {
            Context::Library
        }
    }

    /// Rows in view at once.
    pub fn page(&self) -> usize {
        usize::from(self.size.height.saturating_sub(6)).max(1)
    }

    /// Adapts to a new screen size.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.keep_visible();
    }

    fn keep_visible(&mut self) {
        self.offset = scroll_top(self.selected, self.offset, self.page(), self.rows.len());
    }

    /// The shelf was replaced (read again from the catalogue): the rows are rebuilt,
    /// the selection stays on the briefing it was on.
    pub fn replaced(&mut self, old: &Shelf, new: &Shelf) {
        let selected = self
            .selected_index()
            .and_then(|i| old.entries.get(i))
            .map(|e| e.id.clone());
        self.haystacks.clear();
        self.refresh(new);
        if let Some(id) = selected
            && let Some(row) = self
                .rows
                .iter()
                .position(|&i| new.entries.get(i).is_some_and(|e| e.id == id))
        {
            self.selected = row;
            self.keep_visible();
        }
    }

    /// Filters and sorts the rows again (entries were added, the filter or the order
    /// changed).
    pub fn refresh(&mut self, shelf: &Shelf) {
        let entries = &shelf.entries;
        // Every word of the filter must appear (accents and case folded).
        let filter = crate::domain::text::slugify(self.filter.text());
        let words: Vec<&str> = filter.split('-').filter(|w| !w.is_empty()).collect();
        // The folded text of each row is made only once a filter needs it: a listing of
        // 100,000 rows arriving while the catalogue is built costs a sort, not a fold of
        // every title.
        if !words.is_empty() {
            let known = self.haystacks.len().min(entries.len());
            self.haystacks.truncate(known);
            for b in &entries[known..] {
                self.haystacks.push(haystack(b));
            }
        }
        let haystacks = &self.haystacks;
        let mut rows: Vec<usize> = (0..entries.len())
            .filter(|&i| words.iter().all(|w| haystacks[i].contains(w)))
            .collect();
        let briefings = entries;
        match self.sort {
            Sort::Title => rows.sort_by_cached_key(|&i| briefings[i].title.to_lowercase()),
            Sort::Date => rows.sort_by(|&a, &b| {
                let key = |d: Option<crate::domain::date::PartialDate>| {
                    d.map(|d| (d.year.unwrap_or(0), d.month, d.day.unwrap_or(0)))
                };
                // Newest first, undated last, then by title.
                key(briefings[b].date)
                    .cmp(&key(briefings[a].date))
                    .then_with(|| briefings[a].title.cmp(&briefings[b].title))
            }),
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.keep_visible();
    }

    /// The selected briefing's index in the library.
    pub fn selected_index(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        if self.filtering {
            return self.on_prompt(action, &m.shelf);
        }
        let page = self.page() as isize;
        let len = self.rows.len();
        match action {
            Action::Next => self.selected = moved(self.selected, 1, len),
            Action::Previous => self.selected = moved(self.selected, -1, len),
            Action::PageDown => self.selected = moved(self.selected, page, len),
            Action::PageUp => self.selected = moved(self.selected, -page, len),
            Action::HalfPageDown => self.selected = moved(self.selected, page / 2, len),
            Action::HalfPageUp => self.selected = moved(self.selected, -page / 2, len),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = len.saturating_sub(1),
            Action::Open => {
                let Some(b) = self.selected_index().and_then(|i| m.shelf.entries.get(i)) else {
                    let text = crate::domain::i18n::t(m.lang, "library-nothing-to-open");
                    return Some(vec![Effect::Say(Message::info(text))]);
                };
                return Some(vec![Effect::Go(Go::Briefing {
                    id: b.id.clone(),
                    at: None,
                })]);
            }
            Action::Search => self.filtering = true,
            Action::Sort => {
                self.sort = match self.sort {
                    Sort::Date => Sort::Title,
                    Sort::Title => Sort::Date,
                };
                self.refresh(&m.shelf);
            }
            Action::Back => {
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.refresh(&m.shelf);
                } else if m.open.is_some() {
                    return Some(vec![Effect::Go(Go::Back)]);
                } else {
                    let quit = m.keymap.label(Context::Library, Action::Quit);
                    let text = crate::tr!(m.lang, "library-first-screen", quit = quit);
                    return Some(vec![Effect::Say(Message::info(text))]);
                }
            }
            Action::Library => {}
            _ => return None,
        }
        self.keep_visible();
        Some(Vec::new())
    }

    fn on_prompt(&mut self, action: Action, shelf: &Shelf) -> Option<Vec<Effect>> {
        match action {
            Action::Submit => self.filtering = false,
            Action::Cancel => {
                self.filtering = false;
                self.filter.clear();
            }
            other => {
                self.filter.apply(other)?;
                self.selected = 0;
            }
        }
        self.refresh(shelf);
        Some(Vec::new())
    }

    /// Text typed into the filter.
    pub fn on_text(&mut self, text: &str, shelf: &Shelf) {
        if self.filtering {
            self.filter.insert(text);
            self.selected = 0;
            self.refresh(shelf);
        }
    }
}
