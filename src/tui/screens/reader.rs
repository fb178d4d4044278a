//! The reader screen: the outline beside the reading pane, the search of the open
//! briefing, and sentence selection. It owns its state (position, focus, search,
//! selection, the briefing's search index); notes and read marks are shared data it
//! reads from the model and changes through effects.

pub mod annotate;
pub mod changes;
pub mod layout;
pub mod outline;
pub mod pane;
pub mod render;
pub mod search;

use std::sync::Arc;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use self::annotate::Selection;
use self::pane::Pane;
use self::search::Search;
use crate::domain::briefing::Briefing;
use crate::domain::i18n::{Lang, t};
use crate::domain::search::DocIndex;
use crate::keys::{Action, Context};
use crate::tr;
use crate::tui::effect::{Effect, Go, NoteOp, Place};
use crate::tui::messages::Message;
use crate::tui::model::Model;
use crate::tui::notebook::BlockPos;
use crate::tui::widgets::scroll::scroll_top;

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The list of sections.
    Outline,
    /// The reading pane.
    Reader,
}

/// The outline's state.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The selected unit (0 is the overview).
    pub selected: usize,
    /// The first visible entry.
    pub offset: usize,
}

/// The screen's regions.
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
/// Below this width, one pane at a time.
pub const TWO_PANE_WIDTH: u16 = 60;

/// The reader screen.
#[derive(Debug, Clone)]
pub struct ReaderScreen {
    /// The reading pane.
    pub pane: Pane,
    /// The outline.
    pub outline: Outline,
    /// Which pane has focus.
    pub focus: Focus,
    /// The search in progress or kept.
    pub search: Option<Search>,
    /// Sentences being chosen with `v`.
    pub selection: Option<Selection>,
    /// The briefing's search index, once built.
    pub index: Option<Arc<DocIndex>>,
    /// Whether the user moved since the briefing opened (then a saved position that
    /// arrives late is not applied).
    pub moved: bool,
    /// Sections on screen, and since when (read tracking).
    pub seen: std::collections::HashMap<usize, annotate::Seen>,
    size: Rect,
    outline_share: u16,
    max_width: u16,
    /// The outline's width chosen with `<` `>`, if any (else it fits its titles).
    pub outline_columns: Option<u16>,
    /// The width the outline's titles need.
    natural: u16,
    /// What changed in a section since it was read, shown in place of the pane.
    pub changes: Option<changes::ChangesView>,
}

/// The columns the outline needs to show every title whole: badge, number, title,
/// marks, border.
fn natural_outline(briefing: &Briefing) -> u16 {
    let widest = briefing
        .sections
        .iter()
        .map(|s| crate::domain::text::display_width(&crate::domain::text::sanitize_line(&s.title)))
        .max()
        .unwrap_or(8);
    u16::try_from(widest + 4 + 4 + 9 + 1).unwrap_or(u16::MAX)
}

impl ReaderScreen {
    /// The reader on `briefing`, at its top, for a screen of `size`.
    pub fn new(briefing: Arc<Briefing>, size: Rect, m: &Model) -> ReaderScreen {
        let natural = natural_outline(&briefing);
        let mut screen = ReaderScreen {
            pane: Pane::new(briefing, m.lang, 60, 20),
            outline: Outline::default(),
            focus: Focus::Reader,
            search: None,
            selection: None,
            index: None,
            moved: false,
            seen: std::collections::HashMap::new(),
            size,
            outline_share: m.config.outline_width,
            max_width: m.config.max_width,
            outline_columns: None,
            natural,
            changes: None,
        };
        screen.resize(size);
        screen
    }

    /// The briefing shown.
    pub fn briefing(&self) -> &Arc<Briefing> {
        &self.pane.briefing
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.search.as_ref().is_some_and(|s| s.editing) {
            Context::Prompt
        } else if self.selection.is_some() {
            Context::Selection
        } else if self.focus == Focus::Outline {
            Context::Outline
        } else {
            Context::Reader
        }
    }

    /// The screen's regions for its size and focus.
    pub fn areas(&self) -> Areas {
        let size = self.size;
        let b = self.briefing();
        let marked = b.classification.is_some() || b.tlp.is_some() || b.high_water_mark().is_some();
        let banner = (marked && size.height >= 10).then_some(Rect { height: 1, ..size });
        let top = size.y + u16::from(banner.is_some());
        let header = Rect {
            y: top,
            height: 1,
            ..size
        };
        let status = Rect {
            y: size.y + size.height.saturating_sub(1),
            height: 1,
            ..size
        };
        let body_y = top + 1;
        let body = Rect {
            y: body_y,
            height: status.y.saturating_sub(body_y),
            ..size
        };
        let (outline, reader) = if size.width < TWO_PANE_WIDTH {
            match self.focus {
                Focus::Outline => (Some(body), None),
                Focus::Reader => (None, Some(body)),
            }
        } else {
            let width = self.outline_width(size.width);
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

    /// The outline's width on a screen `screen` columns wide (two panes): what its
    /// titles need, or what the user chose, within its share of the screen, leaving
    /// the reading pane room.
    fn outline_width(&self, screen: u16) -> u16 {
        let share = u16::try_from(u32::from(screen) * u32::from(self.outline_share) / 100)
            .unwrap_or(u16::MAX)
            .max(22);
        let wanted = self.outline_columns.unwrap_or(self.natural);
        wanted
            .clamp(22, share)
            .min(screen.saturating_sub(36).max(22))
    }

    /// `<` `>`: a narrower or wider outline (within its share of the screen); the
    /// width chosen, to remember.
    fn widen_outline(&mut self, delta: i16, lang: Lang) -> Option<Effect> {
        if self.size.width < TWO_PANE_WIDTH {
            return Some(Effect::Say(Message::info(t(
                lang,
                "reader-outline-no-room",
            ))));
        }
        let now = self.outline_width(self.size.width);
        self.outline_columns = Some(now.saturating_add_signed(delta).max(22));
        let after = self.outline_width(self.size.width);
        self.outline_columns = Some(after);
        self.resize(self.size);
        (after == now).then(|| {
            Effect::Say(Message::info(t(
                lang,
                if delta > 0 {
                    "reader-outline-widest"
                } else {
                    "reader-outline-narrowest"
                },
            )))
        })
    }

    /// Adapts to a new screen size (and focus): the pane's text width and height.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        let areas = self.areas();
        // Without a visible reading pane, keep the size it would have alone.
        let pane = areas.reader.unwrap_or(Rect {
            height: areas.status.y.saturating_sub(areas.header.y + 1),
            ..size
        });
        let width = usize::from(pane.width.saturating_sub(GUTTER + 2))
            .clamp(8, usize::from(self.max_width));
        self.pane.resize(width, usize::from(pane.height.max(1)));
        if let Some(c) = &mut self.changes {
            c.resize(width);
        }
        self.keep_outline_visible();
    }

    fn outline_height(&self) -> usize {
        self.areas()
            .outline
            .map_or(1, |r| usize::from(r.height.saturating_sub(1)).max(1))
    }

    fn keep_outline_visible(&mut self) {
        let height = self.outline_height();
        let units = self.pane.units();
        self.outline.offset = scroll_top(self.outline.selected, self.outline.offset, height, units);
    }

    /// The outline follows the reading position.
    pub fn follow(&mut self) {
        if self.focus == Focus::Reader {
            self.outline.selected = self.pane.current_unit();
        }
        self.keep_outline_visible();
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.resize(self.size);
        self.follow();
    }

    /// Puts the view on a place.
    pub fn jump(&mut self, place: &Place, m: &Model) {
        match place {
            Place::Unit(unit) => self.pane.jump_to_unit(*unit),
            Place::Block(pos) => self.pane.jump_to_block(*pos),
            Place::Found { at, query } => {
                self.pane.jump_to_block(*at);
                let mut search = Search::kept(query, *at);
                if let Some(index) = &self.index
                    && let Some((pos, offset)) = search.run(index)
                {
                    self.pane.jump_to_offset(pos, offset);
                }
                self.search = Some(search);
            }
            Place::Annotation(id) => {
                if let Some(pos) = m
                    .placed
                    .placed
                    .get(id)
                    .and_then(|p| p.at.as_ref().map(|(pos, _)| *pos))
                {
                    self.pane.jump_to_block(pos);
                }
            }
        }
        self.focus = Focus::Reader;
        self.moved = true;
        self.resize(self.size);
        self.follow();
    }

    /// The search index is ready: a search typed before it was runs now.
    pub fn prepared(&mut self, index: Arc<DocIndex>) {
        self.index = Some(index.clone());
        if let Some(search) = &mut self.search
            && (search.stale || !search.matches.is_empty())
        {
            let place = search.run(&index);
            if search.editing
                && let Some((pos, offset)) = place
            {
                self.pane.jump_to_offset(pos, offset);
            }
        }
        self.follow();
    }

    /// Where the reader is, for the notes: (section id, block); the overview is "".
    pub fn position(&self) -> Option<(String, usize)> {
        let cursor = self.pane.cursor?;
        let section = match cursor.unit.checked_sub(1) {
            Some(i) => self.briefing().sections.get(i)?.id.clone(),
            None => String::new(),
        };
        Some((section, cursor.block))
    }

    /// Takes the keys of the reader, the outline, the search prompt and selection.
    /// `None` when the action means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        match self.context() {
            Context::Prompt => self.on_prompt(action),
            Context::Selection => self.on_selection(action, m),
            Context::Outline => match self.on_outline(action) {
                Some(effects) => Some(effects),
                None => self.on_reader(action, m),
            },
            _ => self.on_reader(action, m),
        }
    }

    fn on_reader(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        // While what changed is shown, the moving keys scroll it, its key or Esc closes
        // it, and any other key closes it and does what it does in the reader.
        if let Some(view) = &mut self.changes {
            if view.scroll(action, self.pane.height()) {
                return Some(Vec::new());
            }
            self.changes = None;
            if matches!(action, Action::Back | Action::Changes) {
                return Some(Vec::new());
            }
        }
        let pane = &mut self.pane;
        let mut effects = Vec::new();
        match action {
            Action::Next => pane.next_paragraph(),
            Action::Previous => pane.previous_paragraph(),
            Action::NextSection => pane.next_section(),
            Action::PreviousSection => pane.previous_section(),
            Action::Top => pane.top(),
            Action::Bottom => pane.bottom(),
            Action::PageDown => pane.page(true, false),
            Action::PageUp => pane.page(false, false),
            Action::HalfPageDown => pane.page(true, true),
            Action::HalfPageUp => pane.page(false, true),
            Action::FocusNext | Action::FocusPrevious => {
                let other = match self.focus {
                    Focus::Outline => Focus::Reader,
                    Focus::Reader => Focus::Outline,
                };
                self.set_focus(other);
                return Some(effects);
            }
            Action::FocusOutline => {
                self.set_focus(Focus::Outline);
                return Some(effects);
            }
            Action::Search => {
                self.search = Some(Search::start(self.pane.cursor));
                return Some(effects);
            }
            Action::Back => {
                if self.search.take().is_none() {
                    effects.push(Effect::Go(Go::Library));
                }
                return Some(effects);
            }
            Action::SearchNext | Action::SearchPrevious => {
                effects = self.step_match(action == Action::SearchNext, m);
            }
            Action::ToggleBookmark => effects = annotate::toggle_bookmark(self, m),
            Action::Annotate => effects = annotate::annotate(self, m),
            Action::Select => effects = annotate::start_selection(self, m),
            Action::Annotations => effects.push(Effect::Go(Go::Panel)),
            Action::ToggleNotes => effects.push(Effect::ShowNotes(!m.show_notes)),
            Action::ToggleRead => effects = annotate::toggle_read(self, m),
            Action::Export => effects.push(Effect::Export(false)),
            Action::ExportAll => effects.push(Effect::Export(true)),
            Action::Sources => effects.push(Effect::Go(Go::Sources)),
            Action::Lints => effects.push(Effect::Go(Go::Lints)),
            Action::Changes => effects.extend(self.show_changes(m)),
            Action::ToggleEstimative => effects.push(Effect::ShowEstimative(!m.show_estimative)),
            Action::OutlineWider | Action::OutlineNarrower => {
                let delta = if action == Action::OutlineWider {
                    4
                } else {
                    -4
                };
                effects.extend(self.widen_outline(delta, m.lang));
                return Some(effects);
            }
            _ => return None,
        }
        let moving = matches!(
            action,
            Action::Next
                | Action::Previous
                | Action::NextSection
                | Action::PreviousSection
                | Action::Top
                | Action::Bottom
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
        );
        self.moved |= moving;
        self.follow();
        Some(effects)
    }

    /// Shows what changed in the current section since it was read, or says why not.
    fn show_changes(&mut self, m: &Model) -> Vec<Effect> {
        let unit = self.pane.current_unit();
        let briefing = self.briefing().clone();
        let say = |id: &str| vec![Effect::Say(Message::info(t(m.lang, id)))];
        let Some(section) = unit.checked_sub(1).and_then(|i| briefing.sections.get(i)) else {
            return say("changes-not-a-section");
        };
        let Some(mark) = m.open_set().and_then(|s| s.read_mark(&section.id)) else {
            return say("changes-not-read");
        };
        if mark.hash == section.hash {
            return say("changes-none");
        }
        let Some(read) = &mark.text else {
            return say("changes-not-kept");
        };
        self.changes = Some(changes::ChangesView::new(
            &briefing,
            unit,
            read,
            self.pane.width(),
            m.lang,
        ));
        Vec::new()
    }

    fn on_outline(&mut self, action: Action) -> Option<Vec<Effect>> {
        let units = self.pane.units();
        let page = self.outline_height().saturating_sub(1).max(1);
        let selected = self.outline.selected;
        let target = match action {
            Action::Next | Action::NextSection => (selected + 1).min(units - 1),
            Action::Previous | Action::PreviousSection => selected.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => units - 1,
            Action::PageDown | Action::HalfPageDown => (selected + page).min(units - 1),
            Action::PageUp | Action::HalfPageUp => selected.saturating_sub(page),
            Action::Open => {
                self.pane.jump_to_unit(selected);
                self.moved = true;
                self.set_focus(Focus::Reader);
                return Some(Vec::new());
            }
            Action::Back => {
                self.set_focus(Focus::Reader);
                return Some(Vec::new());
            }
            _ => return None,
        };
        if target != selected {
            self.outline.selected = target;
            // Moving in the outline moves the reader.
            self.pane.jump_to_unit(target);
            self.moved = true;
        }
        self.keep_outline_visible();
        Some(Vec::new())
    }

    fn on_prompt(&mut self, action: Action) -> Option<Vec<Effect>> {
        let search = self.search.as_mut()?;
        match action {
            Action::Submit => {
                search.editing = false;
                if search.input.is_empty() {
                    self.search = None;
                }
            }
            Action::Cancel => {
                // Cancelled: back to where the search started.
                let origin = search.origin;
                self.search = None;
                if let Some(origin) = origin {
                    self.pane.jump_to_block(origin);
                }
            }
            other => {
                let changed = search.input.apply(other)?;
                if changed {
                    self.rerun_search();
                }
            }
        }
        self.follow();
        Some(Vec::new())
    }

    /// Text typed into the search prompt.
    pub fn on_text(&mut self, text: &str) {
        if let Some(search) = self.search.as_mut().filter(|s| s.editing) {
            search.input.insert(text);
            self.rerun_search();
            self.follow();
        }
    }

    fn rerun_search(&mut self) {
        let Some(search) = &mut self.search else {
            return;
        };
        search.stale = true;
        if search.input.is_empty() {
            search.matches.clear();
            search.current = None;
            search.stale = false;
        }
        // The search itself runs once the batch of keys is taken in (see
        // `settle_search`): typing "needle" fast searches once, not six times.
    }

    /// Runs the search typed since the last batch of messages, if the index is ready,
    /// and shows its first match from where the search started. Called once per batch
    /// by the loop, after every message of it is taken in.
    pub fn settle_search(&mut self) {
        let Some(search) = &mut self.search else {
            return;
        };
        if !search.stale || search.input.is_empty() {
            return;
        }
        if let Some(index) = &self.index
            && let Some((pos, offset)) = search.run(index)
        {
            self.pane.jump_to_offset(pos, offset);
            self.follow();
        }
    }

    fn step_match(&mut self, forward: bool, m: &Model) -> Vec<Effect> {
        let Some(search) = &mut self.search else {
            let key = m.keymap.label(Context::Reader, Action::Search);
            return vec![Effect::Say(Message::info(tr!(
                m.lang,
                "search-none",
                key = key
            )))];
        };
        let Some(((pos, offset), wrapped)) = search.step(forward) else {
            return vec![Effect::Say(Message::warning(tr!(
                m.lang,
                "search-no-match-for",
                query = search.input.text()
            )))];
        };
        self.pane.jump_to_offset(pos, offset);
        self.moved = true;
        if wrapped {
            vec![Effect::Say(Message::info(t(
                m.lang,
                if forward {
                    "search-wrapped-top"
                } else {
                    "search-wrapped-bottom"
                },
            )))]
        } else {
            Vec::new()
        }
    }

    fn on_selection(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        let sel = self.selection.as_mut()?;
        let last = sel.sentences.len().saturating_sub(1);
        match action {
            Action::ExtendEnd => sel.end = (sel.end + 1).min(last),
            Action::ShrinkEnd => sel.end = sel.end.saturating_sub(1).max(sel.start),
            Action::ExtendStart => sel.start = sel.start.saturating_sub(1),
            Action::ShrinkStart => sel.start = (sel.start + 1).min(sel.end),
            Action::Annotate => return Some(annotate::annotate(self, m)),
            Action::ToggleBookmark => return Some(annotate::toggle_bookmark(self, m)),
            Action::Back => self.selection = None,
            _ => return None,
        }
        Some(Vec::new())
    }

    /// The mouse: a click in the outline opens that entry, a click in the text puts
    /// the cursor there, the wheel scrolls the pane under the pointer.
    pub fn on_mouse(&mut self, mouse: &MouseEvent) -> Vec<Effect> {
        let areas = self.areas();
        let at = Position::new(mouse.column, mouse.row);
        let in_outline = areas.outline.filter(|r| r.contains(at));
        let in_reader = areas.reader.filter(|r| r.contains(at));
        let effects = Vec::new();
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                if in_outline.is_some() {
                    let height = self.outline_height();
                    let max = self.pane.units().saturating_sub(height);
                    let o = &mut self.outline;
                    o.offset = if down {
                        (o.offset + 3).min(max)
                    } else {
                        o.offset.saturating_sub(3)
                    };
                } else if in_reader.is_some() {
                    self.pane.scroll(if down { 3 } else { -3 });
                    self.moved = true;
                    self.follow();
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(rect) = in_outline {
                    // Row 0 of the outline is its title.
                    let row = usize::from(mouse.row.saturating_sub(rect.y));
                    let unit = self.outline.offset + row.saturating_sub(1);
                    if row > 0 && unit < self.pane.units() {
                        self.outline.selected = unit;
                        self.pane.jump_to_unit(unit);
                        self.moved = true;
                        self.set_focus(Focus::Reader);
                    }
                } else if let Some(rect) = in_reader {
                    self.focus = Focus::Reader;
                    let row = usize::from(mouse.row.saturating_sub(rect.y));
                    let hit = self.pane.visible().get(row).and_then(|(unit, r, layout)| {
                        layout
                            .block_rows
                            .iter()
                            .position(|rows| rows.contains(r))
                            .map(|block| BlockPos { unit: *unit, block })
                    });
                    if let Some(pos) = hit {
                        self.pane.cursor = Some(pos);
                    }
                    self.follow();
                }
            }
            _ => {}
        }
        effects
    }

    /// The reading position as a note change (kept with the notes), if it moved.
    pub fn position_change(&self, m: &Model) -> Option<Effect> {
        let (section, block) = self.position()?;
        let set = m.open_set()?;
        let same = set
            .file
            .position
            .as_ref()
            .is_some_and(|p| p.section == section && p.block == block);
        (!same).then_some(Effect::Note(NoteOp::Position(section, block)))
    }
}
