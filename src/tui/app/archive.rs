//! The library through its catalogue: the rows as they come (the first screen, then
//! all), the refresh's progress, changes under the folder while the reader is open, a
//! catalogue that cannot be used (the library is then read whole, as without one), and
//! the views whose rows are read in the background (a briefing to open, the timeline,
//! compare).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{App, Base};
use crate::domain::briefing::Briefing;
use crate::domain::catalogue::{Change, RefreshEvent};
use crate::domain::shelf::CompareRows;
use crate::domain::timeline::MonthGroup;
use crate::tui::jobs::{ArchiveEvent, ArchiveOutcome, Job};
use crate::tui::messages::Message;
use crate::tui::runtime::Work;
use crate::tui::screens::timeline::TimelineView;

/// How long the folder must stay quiet after a change before the catalogue is brought
/// up to date (a copy of many files is one refresh, not one per file).
const QUIET: Duration = Duration::from_millis(500);

/// The catalogue's background work, as the app follows it.
#[derive(Debug, Default)]
pub struct ArchiveState {
    /// A refresh is running.
    busy: bool,
    /// The folder changed while it ran: refresh again when it ends.
    again: bool,
    /// When to refresh, once the folder is quiet.
    pub due: Option<Instant>,
    /// Every row has been listed once (what was wanted first is then opened).
    listed: bool,
}

impl App {
    /// Starts reading the library through its catalogue (the model's `archive`): the
    /// rows at once, then the refresh, and a watch on the folder.
    pub fn start_archive(&mut self) {
        let Some(archive) = self.model.archive.clone() else {
            return;
        };
        self.model.refresh = Some((0, 0));
        self.archive.busy = true;
        self.work(Work::WatchLibrary(archive.root.clone()));
        self.work(Work::Job(Box::new(Job::Archive(archive, true))));
    }

    /// Rows and progress from the catalogue's job.
    pub(super) fn on_archive(&mut self, event: ArchiveEvent) {
        match event {
            ArchiveEvent::Listing(shelf, complete) => {
                let old = std::mem::replace(&mut self.model.shelf, *shelf);
                self.library.replaced(&old, &self.model.shelf);
                if complete {
                    self.listed();
                }
            }
            ArchiveEvent::Refresh(event) => self.on_refresh(event),
        }
    }

    fn on_refresh(&mut self, event: RefreshEvent) {
        match event {
            RefreshEvent::Waiting => self.model.say(Message::info(
                "another brief is indexing this library: waiting for it",
            )),
            RefreshEvent::Scanned { to_read, .. } => {
                self.model.refresh = (to_read > 0).then_some((0, to_read));
            }
            RefreshEvent::Progress { done, total } => self.model.refresh = Some((done, total)),
            RefreshEvent::Changed(changes) => {
                // A briefing read whole before it changed is read again when opened.
                for change in changes {
                    if let Change::Updated { id: Some(id), .. } = change
                        && self.model.open_id() != Some(id.as_str())
                    {
                        self.model.library.remove(&id);
                    }
                }
            }
            RefreshEvent::Notice(text) => self.model.say(Message::warning(text)),
        }
    }

    /// Every row is listed: the briefing wanted first opens (unless the user is busy
    /// already), problems are reported, notes counted.
    fn listed(&mut self) {
        if self.archive.listed {
            return;
        }
        self.archive.listed = true;
        let untouched = self.model.open.is_none()
            && self.library.filter.is_empty()
            && self.overlays.is_empty()
            && self.base == Base::Library;
        let only = (self.model.shelf.len() == 1).then(|| self.model.shelf.entries[0].id.clone());
        let wanted = self
            .open_when_loaded
            .take()
            .filter(|id| self.model.shelf.get(id).is_some())
            .or(only);
        if untouched && let Some(id) = wanted {
            self.open_briefing(&id, None);
        }
        self.report_load_problems();
        self.count_library();
    }

    /// The catalogue's job ended.
    pub(super) fn archive_done(&mut self, outcome: ArchiveOutcome) {
        self.archive.busy = false;
        self.model.refresh = None;
        match outcome {
            ArchiveOutcome::Ready { changed } => {
                self.listed();
                if changed {
                    self.count_library();
                }
            }
            ArchiveOutcome::Unusable(why) => {
                // Read the library whole, as without a catalogue.
                self.model.say(Message::warning(why));
                if let Some(archive) = self.model.archive.take() {
                    self.archive = ArchiveState::default();
                    self.model.loading = Some((0, 0));
                    let options = self.model.config.load_options();
                    self.work(Work::Job(Box::new(Job::LoadLibrary(
                        vec![archive.root],
                        options,
                    ))));
                }
                return;
            }
            ArchiveOutcome::Stopped => {}
        }
        if std::mem::take(&mut self.archive.again) {
            self.archive.due = Some(Instant::now());
        }
    }

    /// Something changed under the library folder: refresh once it is quiet.
    pub(crate) fn library_changed(&mut self, now: Instant) {
        if self.model.archive.is_some() {
            self.archive.due = Some(now + QUIET);
        }
    }

    /// Refreshes the catalogue if a change asked for it and the folder is quiet.
    pub(crate) fn refresh_archive_if_due(&mut self, now: Instant) {
        if self.archive.due.is_none_or(|t| t > now) {
            return;
        }
        self.archive.due = None;
        if self.archive.busy {
            self.archive.again = true;
            return;
        }
        if let Some(archive) = self.model.archive.clone() {
            self.archive.busy = true;
            self.work(Work::Job(Box::new(Job::Archive(archive, false))));
        }
    }

    /// A briefing read whole: kept, and opened if it was being opened.
    pub(super) fn briefing_read(&mut self, id: &str, read: Result<Arc<Briefing>, String>) {
        let wanted = self
            .pending_open
            .as_ref()
            .is_some_and(|(pending, _)| pending == id);
        match read {
            Ok(briefing) => {
                self.model.library.insert(briefing);
                if wanted && let Some((id, at)) = self.pending_open.take() {
                    self.open_briefing(&id, at);
                }
            }
            Err(why) => {
                if wanted {
                    self.pending_open = None;
                }
                self.model.say(Message::error(format!(
                    "cannot open `{}`: {}",
                    crate::domain::text::sanitize_line(id),
                    crate::domain::text::sanitize_line(&why)
                )));
            }
        }
    }

    /// The timeline's rows came: the timeline opens, unless it was left meanwhile.
    pub(super) fn timeline_read(&mut self, groups: Result<Vec<MonthGroup>, String>) {
        if !std::mem::take(&mut self.timeline_wanted) {
            return;
        }
        match groups {
            Ok(groups) => {
                self.close_all();
                let mut view = TimelineView::new(groups, self.model.today, 1);
                view.resize(self.size);
                self.timeline = Some(view);
                self.base = Base::Timeline;
            }
            Err(why) => self.model.say(Message::error(format!(
                "the timeline cannot be read: {}",
                crate::domain::text::sanitize_line(&why)
            ))),
        }
    }

    /// The compare view's rows came.
    pub(super) fn compare_read(
        &mut self,
        generation: u64,
        kinds: Vec<(crate::domain::briefing::Kind, usize)>,
        kind: usize,
        rows: Result<CompareRows, String>,
    ) {
        let Some(view) = &mut self.compare else {
            return;
        };
        match rows {
            Ok(rows) => {
                let effects = view.set_rows(generation, kinds, kind, rows, &self.model);
                self.apply_all(effects);
            }
            Err(why) if generation == view.generation() => {
                view.loading = false;
                self.model.say(Message::error(format!(
                    "the sections cannot be read: {}",
                    crate::domain::text::sanitize_line(&why)
                )));
            }
            Err(_) => {}
        }
    }
}
