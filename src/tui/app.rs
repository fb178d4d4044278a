//! The reader's state, plain data: what is open, what has focus, what is shown over
//! it. `update` changes it; `ui::render` only reads it.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::keymap::Keymap;
use super::reader::Reader;
use crate::config::Config;
use crate::domain::briefing::Briefing;
use crate::domain::library::Library;

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The list of sections.
    Outline,
    /// The reading pane.
    Reader,
}

/// What fills the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The outline and the reading pane.
    Reader,
    /// The library of briefings.
    Library,
    /// Every structured date on one line.
    Timeline,
    /// One section kind across briefings.
    Compare,
}

/// A panel drawn over the screen.
#[derive(Debug)]
pub enum Overlay {
    /// The help, generated from the keymap; `scroll` is its first row.
    Help {
        /// First visible row.
        scroll: usize,
    },
    /// The note editor.
    Editor(Box<super::editor::Editor>),
    /// The annotations panel.
    Panel(Box<super::panel::Panel>),
    /// The library-wide search.
    LibrarySearch(Box<super::search::LibrarySearch>),
    /// The fuzzy finder.
    Finder(Box<super::search::Finder>),
}

/// How the library is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibrarySort {
    /// Newest first; undated last.
    Date,
    /// Alphabetical.
    Title,
}

/// The library screen's state.
#[derive(Debug, Clone)]
pub struct LibraryView {
    /// What the user typed to filter.
    pub filter: String,
    /// The order.
    pub sort: LibrarySort,
    /// The selected row among the filtered rows.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// Indices into the library's briefings, filtered and sorted.
    pub rows: Vec<usize>,
}

/// The outline's state.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The selected unit (0 is the overview).
    pub selected: usize,
    /// The first visible entry.
    pub offset: usize,
}

/// An open briefing: the reading pane, its outline, its notes and its search.
#[derive(Debug)]
pub struct Open {
    /// The reading pane.
    pub reader: Reader,
    /// The outline.
    pub outline: Outline,
    /// Bookmarks and notes, placed on the current text.
    pub notes: super::notes::Annotations,
    /// The search index, once built.
    pub index: Option<Arc<crate::domain::search::DocIndex>>,
    /// The search in progress or kept.
    pub search: Option<super::search::Search>,
    /// Sentences being chosen with `v`.
    pub selection: Option<super::annotate::Selection>,
}

impl Open {
    /// The briefing.
    pub fn briefing(&self) -> &Arc<Briefing> {
        &self.reader.briefing
    }
}

/// How a status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// For information.
    Info,
    /// Something needs attention.
    Warning,
    /// Something failed.
    Error,
}

/// A transient message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text (sanitised when drawn).
    pub text: String,
    /// How it looks.
    pub tone: Tone,
}

/// The screen's regions, computed the same way by `update` (to size the reader) and by
/// the view (to draw).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The classification banner, when there is one and room for it.
    pub banner: Option<Rect>,
    /// The title line.
    pub header: Rect,
    /// The outline, unless the screen is too narrow for two panes and the reader has focus.
    pub outline: Option<Rect>,
    /// The reading pane, unless the screen is too narrow and the outline has focus.
    pub reader: Option<Rect>,
    /// The status line.
    pub status: Rect,
}

/// Columns left of the text: the cursor bar and the annotation marks.
pub const GUTTER: u16 = 4;
/// The smallest screen brief draws its interface on.
pub const MIN_WIDTH: u16 = 20;
/// The smallest screen height brief draws its interface on.
pub const MIN_HEIGHT: u16 = 6;
/// Below this width, one pane at a time.
pub const TWO_PANE_WIDTH: u16 = 60;

/// The whole state.
#[derive(Debug)]
pub struct App {
    /// Settings.
    pub config: Config,
    /// Keys to actions.
    pub keymap: Keymap,
    /// Every briefing, and the problems met loading them.
    pub library: Library,
    /// The briefing being read.
    pub open: Option<Open>,
    /// Which pane has focus.
    pub focus: Focus,
    /// What fills the screen.
    pub screen: Screen,
    /// What is drawn over it.
    pub overlay: Option<Overlay>,
    /// The library screen.
    pub library_view: LibraryView,
    /// The status message.
    pub message: Option<Message>,
    /// The terminal's size.
    pub size: Rect,
    /// Set when the loop should end.
    pub quit: bool,
    /// Styles.
    pub theme: super::ui::theme::Theme,
    /// The background load, while it runs: (files loaded, files found).
    pub loading: Option<(usize, usize)>,
    /// Set when briefings arrived and the library rows need sorting again.
    pub library_dirty: bool,
    /// What the library filter matches, per briefing (built once per briefing).
    haystacks: Vec<String>,
    /// The timeline, while shown.
    pub timeline: Option<super::views::TimelineView>,
    /// The compare view, while shown.
    pub compare: Option<super::views::CompareView>,
    /// Where background jobs post their results (none in tests: jobs run at once).
    pub tx: Option<std::sync::mpsc::Sender<super::event::Msg>>,
    /// The annotation store (none when notes are not kept, as in some tests).
    pub persist: Option<super::persist::Persist>,
    /// The library-wide search index, once built.
    pub library_index: Option<super::search::SharedIndex>,
    /// Set while the library index is being built.
    pub library_indexing: bool,
    /// The current library search; older ones stop when it changes.
    pub search_generation: Arc<std::sync::atomic::AtomicU64>,
    /// The watch on the open briefing's file, for live reload.
    pub watch: Option<super::reload::Watch>,
    /// Per briefing: (notes and bookmarks, sections unread), for the library.
    pub library_stats: std::collections::HashMap<String, (usize, usize)>,
    /// Set once the first frame is on screen; background work waits for it, so that
    /// nothing delays what the user came to see.
    pub painted: bool,
}

impl App {
    /// A new app over a library, sized for `size`. Nothing is open yet.
    pub fn new(config: Config, keymap: Keymap, library: Library, size: Rect) -> App {
        let config_theme = config.theme;
        let mut app = App {
            config,
            keymap,
            library,
            open: None,
            focus: Focus::Reader,
            screen: Screen::Library,
            overlay: None,
            library_view: LibraryView {
                filter: String::new(),
                sort: LibrarySort::Date,
                selected: 0,
                offset: 0,
                rows: Vec::new(),
            },
            message: None,
            size,
            quit: false,
            theme: super::ui::theme::Theme::new(config_theme, false),
            loading: None,
            library_dirty: false,
            haystacks: Vec::new(),
            timeline: None,
            compare: None,
            tx: None,
            persist: None,
            library_index: None,
            library_indexing: false,
            search_generation: super::search::new_generation(),
            watch: None,
            library_stats: std::collections::HashMap::new(),
            painted: false,
        };
        app.refresh_library_rows();
        app
    }

    /// The screen's regions for the current size and focus.
    pub fn areas(&self) -> Areas {
        let size = self.size;
        let banner_wanted = self.screen == Screen::Reader
            && self
                .open
                .as_ref()
                .is_some_and(|o| o.briefing().classification.is_some());
        let banner = (banner_wanted && size.height >= 10).then_some(Rect { height: 1, ..size });
        let top = size.y + u16::from(banner.is_some());
        let header = Rect {
            x: size.x,
            y: top,
            width: size.width,
            height: 1,
        };
        let status = Rect {
            x: size.x,
            y: size.y + size.height.saturating_sub(1),
            width: size.width,
            height: 1,
        };
        let body_y = top + 1;
        let body = Rect {
            x: size.x,
            y: body_y,
            width: size.width,
            height: status.y.saturating_sub(body_y),
        };
        let (outline, reader) = if size.width < TWO_PANE_WIDTH {
            match self.focus {
                Focus::Outline => (Some(body), None),
                Focus::Reader => (None, Some(body)),
            }
        } else {
            let share = u32::from(size.width) * u32::from(self.config.outline_width) / 100;
            let width = (share as u16).clamp(22, 48).min(size.width / 2);
            (
                Some(Rect { width, ..body }),
                Some(Rect {
                    x: body.x + width,
                    width: body.width - width,
                    ..body
                }),
            )
        };
        Areas {
            banner,
            header,
            outline,
            reader,
            status,
        }
    }

    /// The reading text's width for a reading pane of `pane` columns: the gutter and
    /// a margin taken off, capped at `max_width`.
    pub fn text_width(&self, pane: u16) -> usize {
        usize::from(pane.saturating_sub(GUTTER + 2)).clamp(8, usize::from(self.config.max_width))
    }

    /// The size the reader should have now (text width, rows).
    pub fn reader_size(&self) -> (usize, usize) {
        let areas = self.areas();
        // Without a visible reading pane, keep the size it would have alone.
        let pane = areas.reader.unwrap_or(Rect {
            height: areas.status.y.saturating_sub(areas.header.y + 1),
            ..self.size
        });
        (self.text_width(pane.width), usize::from(pane.height.max(1)))
    }

    /// Recomputes the filtered, sorted library rows.
    pub fn refresh_library_rows(&mut self) {
        for b in &self.library.briefings[self.haystacks.len().min(self.library.briefings.len())..] {
            self.haystacks.push(library_haystack(b));
        }
        // Every word of the filter must appear (accents and case folded).
        let filter = crate::domain::text::slugify(&self.library_view.filter);
        let words: Vec<&str> = filter.split('-').filter(|w| !w.is_empty()).collect();
        let haystacks = &self.haystacks;
        let mut rows: Vec<usize> = (0..self.library.briefings.len())
            .filter(|&i| words.iter().all(|w| haystacks[i].contains(w)))
            .collect();
        let briefings = &self.library.briefings;
        match self.library_view.sort {
            LibrarySort::Title => rows.sort_by_key(|&i| briefings[i].title.to_lowercase()),
            LibrarySort::Date => rows.sort_by(|&a, &b| {
                let (da, db) = (briefings[a].date, briefings[b].date);
                let key = |d: Option<crate::domain::date::PartialDate>| {
                    d.map(|d| (d.year.unwrap_or(0), d.month, d.day.unwrap_or(0)))
                };
                // Newest first, undated last, then by title.
                key(db)
                    .cmp(&key(da))
                    .then_with(|| briefings[a].title.cmp(&briefings[b].title))
            }),
        }
        self.library_view.rows = rows;
        let last = self.library_view.rows.len().saturating_sub(1);
        self.library_view.selected = self.library_view.selected.min(last);
    }
}

/// What the library filter matches: title, id, language and tags, as one slug.
fn library_haystack(b: &Briefing) -> String {
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
