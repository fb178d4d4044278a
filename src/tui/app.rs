//! The app: the shared model, the screens and the overlay stack, and the one place
//! where messages come in (`update`). A key goes through the keymap of the active
//! context to an action; the screen on top turns it into changes of its own state and
//! effects; the app applies the effects (navigation, notes, messages) and queues the
//! work the loop must start. Drawing (`render`) reads and changes nothing.

mod apply;
mod archive;
mod done;
mod view;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::effect::Effect;
use super::event::Msg;
use super::messages::Message;
use super::model::Model;
use super::overlay::Overlay;
use super::runtime::Work;
use super::screens::compare::CompareView;
use super::screens::confirm::Answered;
use super::screens::library::LibraryScreen;
use super::screens::reader::ReaderScreen;
use super::screens::timeline::TimelineView;
use super::widgets::theme::Theme;
use crate::config::Config;
use crate::domain::library::Library;
use crate::keys::{Action, Context, Keymap};

/// How long after the last change event the file is read (editors write in steps).
pub const SETTLE: Duration = Duration::from_millis(150);

/// What fills the screen under the overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The library of briefings.
    Library,
    /// The outline and the reading pane.
    Reader,
    /// Every structured date.
    Timeline,
    /// One section kind across briefings.
    Compare,
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// What every screen reads.
    pub model: Model,
    /// Styles.
    pub theme: Theme,
    /// The terminal's size.
    pub size: Rect,
    /// What fills the screen.
    pub base: Base,
    /// The library screen.
    pub library: LibraryScreen,
    /// The reader, once a briefing is open.
    pub reader: Option<ReaderScreen>,
    /// The timeline, while shown.
    pub timeline: Option<TimelineView>,
    /// The compare view, while shown.
    pub compare: Option<CompareView>,
    /// What is drawn over the screen, bottom to top.
    pub overlays: Vec<Overlay>,
    /// Set when the loop should end (after saving).
    pub quit: bool,
    /// Work for the loop's services, in the order asked.
    outbox: Vec<Work>,
    /// When to read the open briefing's file again, after it changed.
    reload_due: Option<Instant>,
    /// The last library search, offered again when `S` opens.
    library_query: String,
    /// Briefings arrived in this batch of messages: the library's rows need sorting.
    library_dirty: bool,
    /// Drafts left for the open briefing, offered once it is prepared.
    drafts: Vec<crate::domain::store::Draft>,
    /// The briefing to open when the background load ends, unless the user is busy.
    open_when_loaded: Option<String>,
    /// An annotation key pressed before the open briefing was ready for notes.
    deferred: Option<Action>,
    /// A briefing being read to be opened, and where.
    pending_open: Option<(String, Option<super::effect::Place>)>,
    /// The timeline was asked for: it opens when its rows come.
    timeline_wanted: bool,
    /// The catalogue's background work.
    archive: archive::ArchiveState,
    /// Whether the open briefing's anchoring text is being built.
    preparing_text: bool,
}

impl App {
    /// A new app over a library, sized for `size`. Nothing is open yet.
    pub fn new(config: Config, keymap: Keymap, library: Library, size: Rect) -> App {
        let theme = Theme::new(config.theme, false);
        let screen = LibraryScreen::new(&crate::domain::shelf::Shelf::from_library(&library), size);
        App {
            model: Model::new(config, keymap, library),
            theme,
            size,
            base: Base::Library,
            library: screen,
            reader: None,
            timeline: None,
            compare: None,
            overlays: Vec::new(),
            quit: false,
            outbox: Vec::new(),
            reload_due: None,
            library_query: String::new(),
            library_dirty: false,
            drafts: Vec::new(),
            open_when_loaded: None,
            deferred: None,
            pending_open: None,
            timeline_wanted: false,
            archive: archive::ArchiveState::default(),
            preparing_text: false,
        }
    }

    /// Where keys go now: the overlay on top, else the screen.
    pub fn context(&self) -> Context {
        if let Some(top) = self.overlays.last() {
            return top.context();
        }
        match self.base {
            Base::Library => self.library.context(),
            Base::Reader => self
                .reader
                .as_ref()
                .map_or(Context::Library, ReaderScreen::context),
            Base::Timeline => self
                .timeline
                .as_ref()
                .map_or(Context::Timeline, TimelineView::context),
            Base::Compare => self
                .compare
                .as_ref()
                .map_or(Context::Compare, CompareView::context),
        }
    }

    /// The work the loop must start now, in order.
    pub fn take_work(&mut self) -> Vec<Work> {
        std::mem::take(&mut self.outbox)
    }

    pub(crate) fn work(&mut self, work: Work) {
        self.outbox.push(work);
    }

    /// Takes one message. After a batch of them, call [`App::settle`].
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Term(Event::Key(key)) if key.kind != KeyEventKind::Release => self.on_key(&key),
            Msg::Term(Event::Mouse(mouse)) => {
                if self.model.config.mouse
                    && self.overlays.is_empty()
                    && self.base == Base::Reader
                    && let Some(reader) = &mut self.reader
                {
                    let effects = reader.on_mouse(&mouse);
                    self.apply_all(effects);
                }
            }
            Msg::Term(Event::Resize(w, h)) => self.resize(Rect::new(0, 0, w, h)),
            Msg::Term(Event::Paste(text)) => self.on_paste(&text),
            Msg::Term(_) => {}
            Msg::Signal(_) => self.quit = true,
            Msg::Load(event) => self.on_load(event),
            Msg::Archive(event) => self.on_archive(event),
            Msg::LibraryChanged => self.library_changed(Instant::now()),
            Msg::Hits(hits) => {
                if let Some(Overlay::LibrarySearch(view)) = self.overlays.last_mut() {
                    view.add_hits(hits.generation, hits.hits);
                }
            }
            Msg::Done(done) => self.on_done(*done),
            Msg::FileChanged(path) => {
                let watched = self
                    .model
                    .open
                    .as_ref()
                    .is_some_and(|b| b.origin == crate::domain::briefing::Origin::File(path));
                if watched {
                    self.reload_due = Some(Instant::now() + SETTLE);
                }
            }
        }
    }

    /// After a batch of messages: derived data that many messages may have changed
    /// (the library's order) is brought up to date once, and owed saves start.
    pub fn settle(&mut self, now: Instant) {
        if self.library_dirty {
            self.library_dirty = false;
            self.library.refresh(&self.model.shelf);
        }
        if let Some(reader) = &mut self.reader {
            reader.settle_search();
        }
        self.observe_reading(now);
        self.schedule_saves(now);
    }

    /// Read tracking: what is on screen now, and the sections that became read.
    fn observe_reading(&mut self, now: Instant) {
        if self.base != Base::Reader || !self.overlays.is_empty() {
            return;
        }
        if let Some(reader) = &mut self.reader {
            let effects = super::screens::reader::annotate::observe(reader, &self.model, now);
            self.apply_all(effects);
        }
    }

    /// Starts the saves that are due.
    pub fn schedule_saves(&mut self, now: Instant) {
        for id in self.model.notebook.due(now) {
            if let Some((set, edits)) = self.model.notebook.begin_save(&id) {
                self.outbox.push(Work::Job(Box::new(super::jobs::Job::Save(
                    Box::new(set),
                    edits,
                ))));
            }
        }
    }

    /// When the loop must wake up even without input: a draft to write, a save to
    /// retry, a changed file to read again.
    pub fn next_deadline(&self) -> Option<Instant> {
        let draft = self.overlays.iter().find_map(|o| match o {
            Overlay::Editor(e) => e.draft_due,
            _ => None,
        });
        let read = self
            .reader
            .as_ref()
            .filter(|_| self.base == Base::Reader && self.overlays.is_empty())
            .and_then(|r| super::screens::reader::annotate::next_read(r, &self.model));
        [
            draft,
            self.model.notebook.next_retry(),
            self.reload_due,
            read,
            self.archive.due,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Does what is due at `now` (tests pass a time far ahead to run every timer).
    pub fn on_tick(&mut self, now: Instant) {
        for overlay in &mut self.overlays {
            if let Overlay::Editor(editor) = overlay
                && let Some(draft) = editor.take_draft(Some(now))
            {
                self.outbox
                    .push(Work::Job(Box::new(super::jobs::Job::WriteDraft(Box::new(
                        draft,
                    )))));
            }
        }
        if self.reload_due.is_some_and(|t| t <= now) {
            self.reload_due = None;
            if let Some(crate::domain::briefing::Origin::File(path)) =
                self.model.open.as_ref().map(|b| b.origin.clone())
            {
                let options = self.model.config.load_options();
                self.outbox
                    .push(Work::Job(Box::new(super::jobs::Job::Reload(path, options))));
            }
        }
        self.refresh_archive_if_due(now);
        self.observe_reading(now);
        self.schedule_saves(now);
    }

    /// Adapts to a new terminal size.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.library.resize(size);
        if let Some(reader) = &mut self.reader {
            reader.resize(size);
        }
        if let Some(timeline) = &mut self.timeline {
            timeline.resize(size);
        }
        if let Some(compare) = &mut self.compare {
            compare.resize(size);
        }
        let height = self.overlay_rows();
        for overlay in &mut self.overlays {
            match overlay {
                Overlay::Panel(p) => {
                    p.resize(super::screens::panel::render::list_rows(size.height))
                }
                Overlay::LibrarySearch(s) => s.resize(height),
                _ => {}
            }
        }
    }

    /// Rows inside a full-height overlay.
    fn overlay_rows(&self) -> usize {
        usize::from(self.size.height.saturating_sub(5)).max(1)
    }

    fn on_key(&mut self, key: &KeyEvent) {
        self.model.log.on_key();
        let context = self.context();
        let chord = super::keymap::chord(key);
        let action = chord.and_then(|c| self.model.keymap.resolve(context, c));
        match action {
            Some(Action::ForceQuit) => self.quit = true,
            Some(action) => self.dispatch(action),
            None => {
                let Some(chord) = chord else { return };
                match chord.key {
                    crate::keys::Key::Char(ch) if context.types_text() && chord.is_text() => {
                        self.on_text(&ch.to_string());
                    }
                    _ => {
                        let help = self.model.keymap.label(context, Action::Help);
                        let text = crate::tr!(
                            self.model.lang,
                            "app-key-does-nothing",
                            chord = chord.label(self.model.lang),
                            help = help
                        );
                        self.model.say(Message::info(text));
                    }
                }
            }
        }
    }

    /// Carries out an action in the active context: the screen on top first, then
    /// what works everywhere.
    pub fn dispatch(&mut self, action: Action) {
        let context = self.context();
        let effects = match self.overlays.last_mut() {
            // A question still lets the user read the help and the log.
            Some(Overlay::Confirm(_)) if matches!(action, Action::Help | Action::Messages) => None,
            Some(Overlay::Confirm(confirm)) => {
                match confirm.on_action(action, &self.model.keymap) {
                    Ok(answer) => {
                        self.answer(answer);
                        return;
                    }
                    Err(effects) => Some(effects),
                }
            }
            Some(_) => self.overlay_action(action),
            None => self.screen_action(action),
        };
        let effects = effects.or_else(|| self.global(action, context));
        match effects {
            Some(effects) => self.apply_all(effects),
            None => {
                let help = self.model.keymap.label(context, Action::Help);
                let text = crate::tr!(
                    self.model.lang,
                    "app-action-does-nothing",
                    action = action.describe(self.model.lang),
                    help = help
                );
                self.model.say(Message::info(text));
            }
        }
    }

    fn overlay_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let rows = self.overlay_rows();
        let width = usize::from(self.size.width.saturating_sub(6));
        let m = &self.model;
        match self.overlays.last_mut()? {
            Overlay::Help(h) => h.on_action(action, &m.keymap, self.size),
            Overlay::Log(l) => l.on_action(action, &m.log, rows, width),
            Overlay::Panel(p) => p.on_action(action, m),
            Overlay::Editor(e) => e.on_action(action),
            Overlay::LibrarySearch(s) => s.on_action(action, m),
            Overlay::Finder(f) => f.on_action(action, m),
            Overlay::Sources(v) => v.on_action(action, m),
            Overlay::Lints(v) => v.on_action(action, m),
            Overlay::Confirm(_) => None,
        }
    }

    fn screen_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let m = &self.model;
        match self.base {
            Base::Library => self.library.on_action(action, m),
            Base::Reader => self.reader.as_mut()?.on_action(action, m),
            Base::Timeline => self.timeline.as_mut()?.on_action(action),
            Base::Compare => self.compare.as_mut()?.on_action(action, m),
        }
    }

    /// What works everywhere.
    fn global(&self, action: Action, context: Context) -> Option<Vec<Effect>> {
        use super::effect::Go;
        let go = match action {
            Action::Quit if !self.overlays.is_empty() => return Some(vec![Effect::Close]),
            Action::Quit => return Some(vec![Effect::Quit]),
            Action::Help => Go::Help(context),
            Action::Messages => Go::Messages,
            Action::Library => Go::Library,
            Action::Timeline => Go::Timeline,
            Action::Compare => Go::Compare,
            Action::LibrarySearch => Go::LibrarySearch,
            Action::Finder => Go::Finder,
            _ => return None,
        };
        Some(vec![Effect::Go(go)])
    }

    fn answer(&mut self, answer: Answered) {
        let Some(Overlay::Confirm(confirm)) = self.overlays.pop() else {
            return;
        };
        self.model.log.clear_current();
        if answer == Answered::No {
            if let super::effect::Answer::Export { .. } = confirm.question.yes {
                let text = crate::domain::i18n::t(self.model.lang, "export-cancelled");
                self.model.say(Message::info(text));
            }
            return;
        }
        match confirm.question.yes {
            super::effect::Answer::Export { all, allow } => self.export_allowing(all, allow),
            super::effect::Answer::EmptyTrash => {
                self.apply(Effect::Note(super::effect::NoteOp::EmptyTrash));
            }
            super::effect::Answer::DiscardNote => {
                if let Some(Overlay::Editor(editor)) = self.overlays.last() {
                    let effects = editor.discard();
                    self.apply_all(effects);
                    let text = crate::domain::i18n::t(self.model.lang, "editor-discarded");
                    self.model.say(Message::info(text));
                }
            }
        }
    }

    fn on_text(&mut self, text: &str) {
        let m = &self.model;
        let effects = match self.overlays.last_mut() {
            Some(Overlay::Editor(e)) => {
                e.on_text(text);
                Vec::new()
            }
            Some(Overlay::Panel(p)) => {
                p.on_text(text, m);
                Vec::new()
            }
            Some(Overlay::LibrarySearch(s)) => s.on_text(text, m),
            Some(Overlay::Finder(f)) => {
                f.on_text(text);
                Vec::new()
            }
            Some(Overlay::Help(h)) => {
                h.on_text(text);
                Vec::new()
            }
            Some(Overlay::Log(l)) => {
                l.on_text(text);
                Vec::new()
            }
            Some(Overlay::Confirm(_) | Overlay::Sources(_) | Overlay::Lints(_)) => Vec::new(),
            None => match self.base {
                Base::Library => {
                    self.library.on_text(text, &m.shelf);
                    Vec::new()
                }
                Base::Reader => {
                    if let Some(r) = &mut self.reader {
                        r.on_text(text);
                    }
                    Vec::new()
                }
                Base::Timeline => {
                    if let Some(t) = &mut self.timeline {
                        t.on_text(text);
                    }
                    Vec::new()
                }
                Base::Compare => match &mut self.compare {
                    Some(c) => c.on_text(text, m),
                    None => Vec::new(),
                },
            },
        };
        self.apply_all(effects);
    }

    fn on_paste(&mut self, text: &str) {
        if let Some(Overlay::Editor(editor)) = self.overlays.last_mut() {
            editor.on_paste(text);
        } else if self.context().types_text() {
            self.on_text(text);
        }
    }

    /// Saves what must survive the session and writes the draft being typed; returns
    /// the problems to print once the terminal is restored. Runs on the way out.
    pub fn save_on_exit(&mut self, store: Option<&crate::domain::store::Store>) -> Vec<String> {
        self.record_position();
        let Some(store) = store else {
            return Vec::new();
        };
        for overlay in &mut self.overlays {
            if let Overlay::Editor(editor) = overlay
                && let Some(draft) = editor.take_draft(None)
            {
                let _ = store.save_draft(&draft);
            }
        }
        if let Some(id) = self.model.open_id() {
            super::notebook::save_last_opened(store, id);
        }
        self.model.notebook.save_all_on_exit(store)
    }

    /// The reading position, recorded in the open briefing's notes.
    pub fn record_position(&mut self) {
        let change = self
            .reader
            .as_ref()
            .and_then(|r| r.position_change(&self.model));
        if let Some(effect) = change {
            self.apply(effect);
        }
    }

    /// The file of the open briefing, to watch.
    pub fn watched_path(&self) -> Option<PathBuf> {
        match &self.model.open.as_ref()?.origin {
            crate::domain::briefing::Origin::File(p) => Some(p.clone()),
            crate::domain::briefing::Origin::Embedded(_) => None,
        }
    }
}
