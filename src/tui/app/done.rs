//! Taking in what background work gives back: the library as it loads, notes read and
//! saved, a briefing prepared or reloaded, exports, the library index and its searches.
//! Each result is checked against the state it was meant for (a briefing closed since,
//! a search replaced since) before it is applied.

use std::sync::Arc;
use std::time::Instant;

use super::apply::jump_to_saved;
use super::{App, Base};
use crate::domain::i18n::t;
use crate::domain::library::LoadEvent;
use crate::domain::store::AnnotationSet;
use crate::tui::jobs::{Done, Job, Purpose};
use crate::tui::messages::Message;
use crate::tui::notebook::SaveReport;
use crate::tui::overlay::Overlay;
use crate::tui::runtime::Work;
use crate::tui::screens::editor::Editor;
use crate::tui::screens::reader::ReaderScreen;

impl App {
    /// The background load's progress. The library's rows are sorted once per batch of
    /// messages ([`App::settle`]), not once per briefing.
    pub(super) fn on_load(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Discovered { total, problems } => {
                self.model.shelf.problems.extend(problems.iter().cloned());
                self.model.library.problems.extend(problems);
                self.model.loading = Some((0, total));
            }
            LoadEvent::Head(head) => self.head_loaded(*head),
            LoadEvent::Loaded(outcome) => {
                // The head of this file, open while its rest was parsed.
                let head = self.model.open.clone().filter(|b| b.partial);
                let before = self.model.library.briefings.len();
                let problems = self.model.library.problems.len();
                self.model.library.add(*outcome);
                self.model
                    .shelf
                    .problems
                    .extend(self.model.library.problems[problems..].iter().cloned());
                if let Some((done, _)) = &mut self.model.loading {
                    *done += 1;
                }
                if let Some(b) = self.model.library.briefings.get(before).cloned() {
                    self.model.shelf.put(crate::domain::shelf::Entry::of(&b));
                    self.reindex(&b.id);
                }
                if let Some(head) = head {
                    self.whole_loaded(&head);
                }
                self.library_dirty = true;
            }
            LoadEvent::Done => {
                self.model.loading = None;
                self.library_dirty = true;
                // The briefing read last, or the only one: open it, unless the user is
                // already busy in the library.
                let untouched = self.model.open.is_none()
                    && self.library.filter.is_empty()
                    && self.overlays.is_empty()
                    && self.base == Base::Library;
                let only =
                    (self.model.shelf.len() == 1).then(|| self.model.shelf.entries[0].id.clone());
                let wanted = self
                    .open_when_loaded
                    .take()
                    .filter(|id| self.model.library.get(id).is_some())
                    .or(only);
                if untouched && let Some(id) = wanted {
                    self.open_briefing(&id, None);
                }
                self.report_load_problems();
                self.count_library();
            }
        }
    }

    /// The head of the only file being loaded: shown in the reader at once, as the
    /// briefing will be opened once loaded, unless the user is already busy elsewhere.
    /// No notes are read or placed on it (a passage further on would look orphaned):
    /// they come with the whole briefing ([`App::whole_loaded`]).
    fn head_loaded(&mut self, head: crate::domain::briefing::Briefing) {
        let only = self.model.loading.is_some_and(|(_, total)| total == 1);
        let wanted = only || self.open_when_loaded.as_deref() == Some(head.id.as_str());
        let untouched = self.model.open.is_none()
            && self.library.filter.is_empty()
            && self.overlays.is_empty()
            && self.base == Base::Library;
        if !(wanted && untouched && head.partial) {
            return;
        }
        let count = head.sections.len();
        let head = Arc::new(head);
        self.model.open = Some(head.clone());
        self.model.stale = None;
        let mut reader = ReaderScreen::new(head, self.size, &self.model);
        reader.outline_columns = self.reader.as_ref().and_then(|r| r.outline_columns);
        reader.resize(self.size);
        self.reader = Some(reader);
        self.base = Base::Reader;
        self.model.say(Message::info(crate::tr!(
            self.model.lang,
            "head-shown",
            count = count
        )));
    }

    /// The whole briefing whose head is open was loaded (or failed to): it replaces the
    /// head as if opened from the library (its notes read and placed, its file
    /// watched), the reader kept where it was, to the row, with what the user opened
    /// over it. A file whose rest does not load closes the head, and its problems are
    /// reported as for any file that does not load.
    fn whole_loaded(&mut self, head: &Arc<crate::domain::briefing::Briefing>) {
        let whole = self
            .model
            .library
            .get(&head.id)
            .filter(|b| !b.partial && b.origin == head.origin)
            .cloned();
        let before = self.reader.take();
        self.model.open = None;
        let Some(whole) = whole else {
            self.close_all();
            if self.base == Base::Reader {
                self.base = Base::Library;
            }
            return;
        };
        let base = self.base;
        let overlays = std::mem::take(&mut self.overlays);
        // A note or bookmark asked for on the head waits for the whole, as for any
        // briefing whose notes are not read yet.
        let deferred = self.deferred.take();
        self.open_briefing(&whole.id, None);
        self.base = base;
        self.overlays = overlays;
        self.deferred = deferred;
        if let (Some(before), Some(reader)) = (before, &mut self.reader) {
            reader.outline_columns = before.outline_columns;
            reader.focus = before.focus;
            reader.search = before.search;
            if let Some(search) = &mut reader.search {
                search.stale = true;
            }
            reader.selection = before.selection;
            reader.seen = before.seen;
            reader.resize(self.size);
            // At the very end of the head: sent there by the key for the end (the head's
            // text cannot be scrolled through while the rest is parsed), so the end of
            // the whole is meant.
            let mut end = before.pane.clone();
            end.bottom();
            if before.moved && (end.cursor, end.top) == (before.pane.cursor, before.pane.top) {
                reader.moved = true;
                reader.pane.bottom();
            } else if before.moved {
                // The head's sections are the whole's first ones, laid out alike: the
                // same paragraph, the same first row.
                reader.moved = true;
                if let Some(cursor) = before.pane.cursor {
                    reader.pane.jump_to_block(cursor);
                }
                reader.pane.top = before.pane.top;
                reader.pane.prepare();
            }
            reader.outline.selected = before.outline.selected;
            reader.outline.offset = before.outline.offset;
            reader.follow();
        }
        self.model.say(Message::info(crate::tr!(
            self.model.lang,
            "head-whole",
            count = whole.sections.len()
        )));
    }

    /// Counts notes and unread sections of every briefing, in the background.
    pub fn count_library(&mut self) {
        if self.model.notes_kept {
            let source = self.model.source();
            self.work(Work::Job(Box::new(Job::Stats(source))));
        }
    }

    /// Says in the status line how many files could not be loaded.
    pub fn report_load_problems(&mut self) {
        // Files, not problems: one file with three errors is one file not loaded.
        let errors = self
            .model
            .shelf
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.file.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len();
        if errors > 0 {
            let key = self
                .model
                .keymap
                .label(crate::keys::Context::Global, crate::keys::Action::Library);
            self.model.say(Message::warning(crate::tr!(
                self.model.lang,
                "app-load-problems",
                count = errors,
                key = key
            )));
        }
    }

    /// The briefing to open once the library has loaded (the one read last).
    pub fn open_when_loaded(&mut self, id: Option<String>) {
        self.open_when_loaded = id;
    }

    pub(super) fn on_done(&mut self, done: Done) {
        match done {
            Done::NotesLoaded(id, outcome, drafts) => self.notes_loaded(&id, outcome, drafts),
            Done::Prepared {
                version,
                index,
                text,
            } => {
                let Some(briefing) = self.model.open.clone() else {
                    return;
                };
                // The result applies only if its briefing is still the one open, and
                // never to a head (notes past it would look orphaned).
                if briefing.version != version || briefing.partial {
                    return;
                }
                if let Some(reader) = &mut self.reader {
                    reader.prepared(index);
                }
                if let Some(text) = text {
                    self.preparing_text = false;
                    let placed = &mut self.model.placed;
                    let counts = self
                        .model
                        .notebook
                        .change(&briefing.id, |set| placed.attach(set, text, &briefing));
                    if let Some((moved, orphans)) = counts
                        && moved + orphans > 0
                    {
                        let panel = self.model.keymap.label(
                            crate::keys::Context::Reader,
                            crate::keys::Action::Annotations,
                        );
                        self.model.say(Message::warning(crate::tr!(
                            self.model.lang,
                            "app-briefing-changed",
                            moved = moved,
                            orphans = orphans,
                            key = panel
                        )));
                    }
                    self.notes_changed();
                    self.offer_draft();
                    // A key pressed before the briefing was ready: carry it out now, if
                    // the reader is still where it was pressed.
                    if let Some(action) = self.deferred.take()
                        && self.overlays.is_empty()
                        && self.base == Base::Reader
                    {
                        self.dispatch(action);
                    }
                }
            }
            Done::Saved(id, edits, result) => {
                let report = self
                    .model
                    .notebook
                    .finish_save(&id, edits, result, Instant::now());
                self.saved(&id, report);
            }
            Done::Stats(stats) => self.model.stats = stats,
            Done::OtherNotes(purpose, sets, briefings) => {
                for b in briefings {
                    self.model.library.insert(b);
                }
                self.other_notes(purpose, sets);
            }
            Done::Archive(outcome) => self.archive_done(outcome),
            Done::BriefingRead(id, read) => self.briefing_read(&id, read),
            Done::Timeline(groups) => self.timeline_read(groups),
            Done::Compare {
                generation,
                kinds,
                kind,
                rows,
            } => self.compare_read(generation, kinds, kind, rows),
            Done::Exported(result) => {
                let lang = self.model.lang;
                self.model.say(match result {
                    Ok(Some(path)) => Message::info(crate::tr!(
                        lang,
                        "export-done",
                        path = path.display().to_string()
                    )),
                    Ok(None) => Message::info(t(lang, "export-nothing-yet")),
                    Err(e) => Message::error(crate::tr!(lang, "export-failed", error = e)),
                })
            }
            Done::Reloaded(path, result) => self.reloaded(&path, result),
            Done::IndexBuilt(index) => {
                self.model.index = Some(index);
                self.model.indexing = false;
                if let Some(Overlay::LibrarySearch(view)) = self.overlays.last_mut() {
                    let effects = view.start(&self.model);
                    self.apply_all(effects);
                }
            }
            Done::Reindexed | Done::Written => {}
            Done::Searched(generation) => {
                if let Some(Overlay::LibrarySearch(view)) = self.overlays.last_mut() {
                    view.finished(generation);
                }
            }
            Done::DraftWritten(result) => {
                if let Err(e) = result {
                    self.model.say(Message::warning(crate::tr!(
                        self.model.lang,
                        "app-draft-not-kept",
                        error = e.to_string()
                    )));
                }
            }
        }
    }

    fn notes_loaded(
        &mut self,
        id: &str,
        outcome: Result<Box<crate::domain::store::LoadOutcome>, String>,
        drafts: Vec<crate::domain::store::Draft>,
    ) {
        let set = match outcome {
            Ok(outcome) => {
                for notice in outcome.notices {
                    self.model.say(Message::warning(notice));
                }
                if outcome.set.is_read_only() {
                    self.model
                        .say(Message::warning(t(self.model.lang, "notes-read-only")));
                }
                outcome.set
            }
            Err(e) => {
                self.model.say(Message::error(crate::tr!(
                    self.model.lang,
                    "store-cannot-read",
                    error = e
                )));
                AnnotationSet::new(id)
            }
        };
        let position = set.file.position.clone();
        self.model.notebook.insert_loaded(set);
        // The store keeps the briefing's title, for when the briefing is gone.
        if let Some(briefing) = self.model.library.get(id).cloned() {
            self.model
                .notebook
                .change(id, |set| set.set_title(&briefing.title));
        }
        if self.model.open_id() != Some(id) {
            return;
        }
        if let (Some(reader), Some(position)) = (&mut self.reader, position)
            && !reader.moved
        {
            let briefing = reader.briefing().clone();
            jump_to_saved(reader, &briefing, &position);
        }
        self.drafts = drafts;
        self.prepare(true);
        self.notes_changed();
    }

    /// Drafts left by an earlier session for this briefing: reopened in the editor, one
    /// at a time, so that the user decides what becomes of them.
    fn offer_draft(&mut self) {
        if !self.overlays.is_empty() || self.drafts.is_empty() {
            return;
        }
        let draft = self.drafts.remove(0);
        let Some(briefing) = self.model.open.clone() else {
            return;
        };
        // Where the passage is now (the draft's anchor may be on an older version).
        let at = self
            .model
            .placed
            .doc
            .as_ref()
            .and_then(|doc| {
                crate::domain::anchor::resolve(&draft.anchor, doc)
                    .location()
                    .cloned()
            })
            .map(|l| {
                (
                    crate::tui::notebook::BlockPos {
                        unit: l.section + 1,
                        block: l.block,
                    },
                    l.range,
                )
            })
            .unwrap_or_default();
        let original = draft
            .note_id
            .as_ref()
            .and_then(|n| self.model.open_set().and_then(|s| s.note(n)))
            .map(|n| n.body.clone())
            .unwrap_or_default();
        let request = crate::tui::effect::EditorRequest {
            anchor: draft.anchor.clone(),
            at,
            note_id: draft.note_id.clone(),
            text: draft.body.clone(),
            draft_key: Some(draft.key.clone()),
            original: Some(original),
        };
        self.overlays.push(Overlay::Editor(Box::new(Editor::new(
            request,
            &briefing.id,
        ))));
        let save = self
            .model
            .keymap
            .label(crate::keys::Context::Editor, crate::keys::Action::Save);
        let cancel = self
            .model
            .keymap
            .label(crate::keys::Context::Editor, crate::keys::Action::Cancel);
        let when = crate::domain::i18n::format_civil_datetime(
            draft
                .saved
                .to_zoned(jiff::tz::TimeZone::system())
                .datetime(),
            self.model.lang,
        );
        self.model.say(Message::warning(crate::tr!(
            self.model.lang,
            "editor-draft-recovered",
            when = when,
            save = save,
            cancel = cancel
        )));
    }

    fn saved(&mut self, id: &str, report: SaveReport) {
        match report {
            SaveReport::Saved {
                announce,
                conflicts,
                merged,
                notices,
            } => {
                if let Some(text) = announce {
                    self.model.say(Message::info(text));
                }
                if conflicts > 0 {
                    self.model.say(Message::warning(crate::tr!(
                        self.model.lang,
                        "store-conflicts",
                        count = conflicts
                    )));
                }
                for notice in notices {
                    self.model.say(Message::warning(notice));
                }
                if merged > 0 && self.model.open_id() == Some(id) {
                    // Another reader added or changed notes: place them too.
                    if let (Some(doc), Some(briefing)) =
                        (self.model.placed.doc.clone(), self.model.open.clone())
                    {
                        let placed = &mut self.model.placed;
                        self.model
                            .notebook
                            .change(id, |set| placed.attach(set, doc, &briefing));
                    }
                }
                self.notes_changed();
                self.reindex(id);
            }
            SaveReport::Busy => {
                let owed = self.model.notebook.get(id).is_some_and(|s| s.is_dirty());
                if owed && self.model.log.current().is_none() {
                    self.model
                        .say(Message::info(t(self.model.lang, "store-busy")));
                }
            }
            SaveReport::Failed(e) => {
                self.model.say(Message::error(crate::tr!(
                    self.model.lang,
                    "store-save-failed",
                    error = e.to_string()
                )));
            }
        }
    }

    fn other_notes(&mut self, purpose: Purpose, sets: Vec<AnnotationSet>) {
        match purpose {
            Purpose::Panel => {
                for overlay in &mut self.overlays {
                    if let Overlay::Panel(panel) = overlay {
                        panel.set_others(sets.clone(), &self.model);
                    }
                }
            }
            Purpose::Compare => {
                if let Some(compare) = &mut self.compare {
                    compare.set_stored(sets, &self.model);
                }
            }
        }
    }

    /// The open briefing's file was read again: the new version replaces the old, the
    /// reading position kept by section id. A version that no longer loads is not
    /// shown: the last good one stays, with the error.
    fn reloaded(
        &mut self,
        path: &std::path::Path,
        result: Result<Box<crate::domain::briefing::Briefing>, String>,
    ) {
        let Some(old) = self.model.open.clone() else {
            return;
        };
        if old.origin != crate::domain::briefing::Origin::File(path.to_path_buf()) {
            return;
        }
        let mut briefing = match result {
            Ok(b) => *b,
            Err(first) => {
                let first = if first.is_empty() {
                    t(self.model.lang, "reload-does-not-load")
                } else {
                    first
                };
                self.model.say(Message::error(crate::tr!(
                    self.model.lang,
                    "reload-broken",
                    problem = first.as_str()
                )));
                self.model.stale = Some(first);
                return;
            }
        };
        // Keep the origin as the library knows it (the path as the user gave it).
        briefing.origin = old.origin.clone();
        self.model.stale = None;
        if briefing.version == old.version {
            return;
        }
        if briefing.id != old.id {
            self.model.say(Message::warning(crate::tr!(
                self.model.lang,
                "reload-id-changed",
                id = briefing.id.as_str()
            )));
            return;
        }
        let briefing = Arc::new(briefing);
        if let Some(slot) = self
            .model
            .library
            .briefings
            .iter_mut()
            .find(|b| b.id == old.id)
        {
            *slot = briefing.clone();
        }
        let changed = briefing
            .sections
            .iter()
            .filter(|s| old.section(&s.id).is_none_or(|o| o.hash != s.hash))
            .count();
        // Where the reader was, by section id, so the view stays on the same passage.
        if let Some(reader) = &mut self.reader {
            let cursor = reader.pane.cursor.unwrap_or_default();
            let unit = match cursor.unit.checked_sub(1).and_then(|i| old.sections.get(i)) {
                None => 0,
                Some(s) => briefing
                    .section_index(&s.id)
                    .map_or(cursor.unit.min(briefing.sections.len()), |i| i + 1),
            };
            let mut fresh = ReaderScreen::new(briefing.clone(), self.size, &self.model);
            fresh.focus = reader.focus;
            fresh.search = reader.search.take();
            if let Some(search) = &mut fresh.search {
                search.stale = true;
            }
            fresh.moved = true;
            fresh.pane.jump_to_block(crate::tui::notebook::BlockPos {
                unit,
                block: cursor.block,
            });
            fresh.resize(self.size);
            fresh.follow();
            *reader = fresh;
        }
        self.model.open = Some(briefing.clone());
        self.model.say(Message::info(crate::tr!(
            self.model.lang,
            "reload-done",
            count = changed
        )));
        self.prepare(true);
        self.reindex(&briefing.id);
        self.library_dirty = true;
    }
}
