//! Carrying out effects: navigation between screens and overlays, changes to the
//! notes (in memory, then saved off the UI thread), messages, and work for the loop.

use std::sync::Arc;

use super::{App, Base};
use crate::domain::briefing::Briefing;
use crate::domain::export::{Consent, ExportItem, ExportOptions, export_needs_consent};
use crate::domain::i18n::t;
use crate::domain::store::AnnotationSet;
use crate::domain::tradecraft::tlp::Tlp;
use crate::keys::{Action, Context};
use crate::tr;
use crate::tui::effect::{Answer, Effect, Go, NoteOp, Place, Question};
use crate::tui::jobs::{ExportJob, Job};
use crate::tui::messages::Message;
use crate::tui::notebook::{Placed, Placement};
use crate::tui::overlay::Overlay;
use crate::tui::runtime::Work;
use crate::tui::screens::compare::CompareView;
use crate::tui::screens::confirm::Confirm;
use crate::tui::screens::editor::Editor;
use crate::tui::screens::finder::Finder;
use crate::tui::screens::help::Help;
use crate::tui::screens::library_search::LibrarySearch;
use crate::tui::screens::log::Log;
use crate::tui::screens::panel::Panel;
use crate::tui::screens::reader::ReaderScreen;

/// A briefing this large gets its anchoring text built only once notes need it.
const EAGER_TEXT_BYTES: usize = 8 * 1024 * 1024;

impl App {
    /// Carries out effects in order.
    pub fn apply_all(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.apply(effect);
        }
    }

    /// Carries out one effect.
    pub fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Quit => self.quit = true,
            Effect::Say(message) => self.model.say(message),
            Effect::Go(go) => self.go(go),
            Effect::Close => {
                if let Some(overlay) = self.overlays.pop() {
                    self.closed(&overlay);
                }
            }
            Effect::Note(op) => self.change_notes(op),
            Effect::ShowNotes(show) => {
                self.model.show_notes = show;
                self.refresh_previews();
                let id = if show { "notes-shown" } else { "notes-hidden" };
                self.model.say(Message::info(t(self.model.lang, id)));
            }
            Effect::ShowEstimative(show) => {
                self.model.show_estimative = show;
                self.refresh_decor();
                let id = if show {
                    "estimative-shown"
                } else {
                    "estimative-hidden"
                };
                self.model.say(Message::info(t(self.model.lang, id)));
            }
            Effect::Work(job) => self.work(Work::Job(Box::new(job))),
            Effect::Export(all) => self.export(all),
            Effect::WhenPrepared(action) => {
                self.deferred = Some(action);
                // A large briefing without notes is prepared without its anchoring
                // text: build it now that a note needs it.
                if self.model.open_set().is_some() && self.model.placed.doc.is_none() {
                    self.prepare_text();
                }
            }
        }
    }

    /// Keeps what an overlay leaves behind: the library search's query.
    fn closed(&mut self, overlay: &Overlay) {
        if let Overlay::LibrarySearch(view) = overlay {
            self.library_query = view.input.text().to_string();
        }
    }

    /// Closes every overlay.
    pub(super) fn close_all(&mut self) {
        while let Some(overlay) = self.overlays.pop() {
            self.closed(&overlay);
        }
    }

    fn push(&mut self, overlay: Overlay) {
        self.overlays.push(overlay);
    }

    /// Goes somewhere.
    pub fn go(&mut self, go: Go) {
        match go {
            Go::Briefing { id, at } => self.open_briefing(&id, at),
            Go::Library => {
                self.close_all();
                self.base = Base::Library;
            }
            Go::Timeline => {
                // The rows are read in the background; the view opens when they come.
                self.timeline_wanted = true;
                let source = self.model.source();
                self.work(Work::Job(Box::new(Job::Timeline(source))));
            }
            Go::Compare => {
                self.close_all();
                let current = self.reader.as_ref().and_then(|r| {
                    let unit = r.pane.current_unit();
                    unit.checked_sub(1)
                        .and_then(|i| r.briefing().sections.get(i))
                        .and_then(|s| s.kind.clone())
                });
                // The view opens at once and fills in when its rows come.
                let generation = self.compare.as_ref().map_or(0, CompareView::generation);
                let mut view = CompareView::new(&self.model, generation);
                view.resize(self.size);
                let request = view.request(&self.model, current);
                self.compare = Some(view);
                self.base = Base::Compare;
                self.apply_all(vec![request]);
            }
            Go::Back => {
                self.close_all();
                self.base = if self.reader.is_some() {
                    Base::Reader
                } else {
                    Base::Library
                };
            }
            Go::Help(context) => self.push(Overlay::Help(Help::new(context))),
            Go::Messages => {
                self.model.log.mark_seen();
                self.push(Overlay::Log(Log::default()));
            }
            Go::LibrarySearch => {
                let mut view = LibrarySearch::new(&self.library_query, self.overlay_rows());
                // Through a catalogue, its index answers; in memory, one is built.
                if self.model.archive.is_none()
                    && self.model.index.is_none()
                    && !self.model.indexing
                {
                    self.build_index();
                }
                let effects = view.start(&self.model);
                self.push(Overlay::LibrarySearch(Box::new(view)));
                self.apply_all(effects);
            }
            Go::Finder => self.push(Overlay::Finder(Box::new(Finder::new(&self.model)))),
            Go::Sources | Go::Lints if self.model.open.is_none() => {
                self.model
                    .say(Message::info(t(self.model.lang, "app-open-briefing-first")));
            }
            Go::Sources => {
                let view = crate::tui::screens::sources::SourcesView::new(
                    &self.model,
                    self.overlay_rows(),
                );
                self.push(Overlay::Sources(Box::new(view)));
            }
            Go::Lints => {
                let view =
                    crate::tui::screens::lints::LintsView::new(&self.model, self.overlay_rows());
                self.push(Overlay::Lints(Box::new(view)));
            }
            Go::Panel => {
                if self.model.open.is_none() {
                    self.model
                        .say(Message::info(t(self.model.lang, "panel-needs-briefing")));
                } else {
                    let rows = crate::tui::screens::panel::render::list_rows(self.size.height);
                    let panel = Panel::new(&self.model, rows);
                    self.push(Overlay::Panel(Box::new(panel)));
                }
            }
            Go::Editor(request) => {
                let Some(id) = self.model.open_id().map(str::to_string) else {
                    return;
                };
                self.push(Overlay::Editor(Box::new(Editor::new(*request, &id))));
            }
            Go::Confirm(question) => self.push(Overlay::Confirm(Confirm { question })),
        }
    }

    /// Builds the library-wide index in the background, with the notes in memory.
    pub(crate) fn build_index(&mut self) {
        self.model.indexing = true;
        let memory = self.model.notebook.by_briefing();
        self.work(Work::Job(Box::new(Job::BuildIndex(
            self.model.library.briefings.clone(),
            memory,
        ))));
    }

    /// Puts one briefing (again) in the library index, with its notes; or takes it out.
    pub(crate) fn reindex(&mut self, id: &str) {
        // Through a catalogue, its index takes the notes as saved.
        if let Some(archive) = self.model.archive.clone() {
            if let Some(set) = self.model.notebook.get(id).cloned() {
                self.work(Work::Job(Box::new(Job::UpdateNotes(
                    archive,
                    Box::new(set),
                ))));
            }
            return;
        }
        let Some(index) = self.model.index.clone() else {
            return;
        };
        let briefing = self.model.library.get(id).cloned();
        let set = self.model.notebook.get(id).cloned().map(Box::new);
        self.work(Work::Job(Box::new(Job::Reindex(
            index,
            id.to_string(),
            briefing,
            set,
        ))));
    }

    /// Opens a briefing by id, at a place if given, and shows the reader.
    pub fn open_briefing(&mut self, id: &str, at: Option<Place>) {
        let Some(briefing) = self.model.library.get(id).cloned() else {
            if self.model.shelf.get(id).is_some() {
                // Listed but not read yet: read in the background, opened when read.
                self.pending_open = Some((id.to_string(), at));
                let source = self.model.source();
                self.work(Work::Job(Box::new(Job::ReadBriefing(
                    source,
                    id.to_string(),
                ))));
                return;
            }
            let text = tr!(self.model.lang, "app-no-such-briefing", id = id);
            self.model.say(Message::warning(text));
            return;
        };
        self.close_all();
        self.base = Base::Reader;
        if self.model.open_id() != Some(id) {
            self.leave_briefing();
            self.show_briefing(briefing);
        }
        if let (Some(reader), Some(at)) = (&mut self.reader, at) {
            reader.jump(&at, &self.model);
        }
    }

    /// Leaves the open briefing in a good state: its position recorded, its changes
    /// kept until saved (however many briefings are opened after it).
    fn leave_briefing(&mut self) {
        self.record_position();
        if let Some(id) = self.model.open_id().map(str::to_string) {
            self.model.notebook.forget_saved_except(&id);
        }
    }

    fn show_briefing(&mut self, briefing: Arc<Briefing>) {
        let id = briefing.id.clone();
        self.model.open = Some(briefing.clone());
        self.model.stale = None;
        self.model.placed = Placed::default();
        self.drafts.clear();
        self.deferred = None;
        self.preparing_text = false;
        let mut reader = ReaderScreen::new(briefing.clone(), self.size, &self.model);
        // The outline's width, as the user chose it, goes from briefing to briefing.
        reader.outline_columns = self.reader.as_ref().and_then(|r| r.outline_columns);
        reader.resize(self.size);
        if self.model.notebook.has(&id) {
            // Unsaved notes kept in memory: newer than the store's.
            if let Some(p) = self
                .model
                .notebook
                .get(&id)
                .and_then(|s| s.file.position.clone())
            {
                jump_to_saved(&mut reader, &briefing, &p);
            }
            self.reader = Some(reader);
            self.prepare(true);
        } else {
            self.reader = Some(reader);
            self.work(Work::Job(Box::new(Job::LoadNotes(id))));
        }
        let path = self.watched_path();
        self.work(Work::Watch(path));
    }

    /// Builds the open briefing's search index (and anchoring text) in the background.
    pub(crate) fn prepare(&mut self, with_text: bool) {
        let Some(briefing) = self.model.open.clone() else {
            return;
        };
        let size: usize = briefing.sections.iter().map(|s| s.body.len()).sum();
        let has_notes = self
            .model
            .open_set()
            .is_some_and(|s| s.annotations().next().is_some() || !s.file.trash.is_empty());
        let wanted = has_notes || size < EAGER_TEXT_BYTES || self.deferred.is_some();
        let text = with_text && wanted;
        self.preparing_text |= text;
        self.work(Work::Job(Box::new(Job::Prepare(briefing, text))));
    }

    /// Builds the open briefing's anchoring text, unless that is under way.
    fn prepare_text(&mut self) {
        if self.preparing_text {
            return;
        }
        if let Some(briefing) = self.model.open.clone() {
            self.preparing_text = true;
            self.work(Work::Job(Box::new(Job::Prepare(briefing, true))));
        }
    }

    /// The notes under their paragraphs, as the reader shows them.
    pub(crate) fn refresh_previews(&mut self) {
        let mut previews = crate::tui::screens::reader::pane::Previews::new();
        if self.model.show_notes
            && let Some(set) = self.model.open_set()
        {
            for note in &set.file.notes {
                let Some(Placement {
                    status,
                    at: Some((pos, _)),
                }) = self.model.placed.placed.get(&note.id)
                else {
                    continue;
                };
                // A moved note says so in words, not only in colour.
                let text = if *status == crate::domain::annotation::Status::Moved {
                    tr!(
                        self.model.lang,
                        "reader-note-preview-moved",
                        text = note.body.as_str(),
                        key = self.model.keymap.label(Context::Panel, Action::ConfirmMove)
                    )
                } else {
                    note.body.clone()
                };
                previews
                    .entry(pos.unit)
                    .or_default()
                    .entry(pos.block)
                    .or_default()
                    .push(text);
            }
        }
        if let Some(reader) = &mut self.reader {
            reader.pane.set_previews(previews);
        }
    }

    /// What the reader draws around the text: withdrawn sources, estimative bands.
    pub(crate) fn refresh_decor(&mut self) {
        let Some(b) = self.model.open.clone() else {
            return;
        };
        let withdrawn = self
            .model
            .open_set()
            .map(|s| s.file.withdrawn.iter().map(|w| w.source.clone()).collect())
            .unwrap_or_default();
        let estimative = self.model.show_estimative.then(|| {
            std::sync::Arc::new(
                self.model
                    .lexicons
                    .for_language(b.language.as_deref())
                    .clone(),
            )
        });
        if let Some(reader) = &mut self.reader {
            reader
                .pane
                .set_decor(crate::tui::screens::reader::layout::Decor {
                    withdrawn,
                    estimative,
                });
        }
    }

    /// Everything drawn from the notes is brought up to date after they changed.
    pub(crate) fn notes_changed(&mut self) {
        if let Some(reader) = &mut self.reader {
            reader.pane.invalidate();
        }
        self.refresh_decor();
        self.refresh_previews();
        for overlay in &mut self.overlays {
            match overlay {
                Overlay::Panel(panel) => panel.refresh(&self.model),
                Overlay::Sources(view) => view.refresh(&self.model),
                _ => {}
            }
        }
        if let Some(compare) = &mut self.compare {
            compare.refresh_notes(&self.model);
        }
    }

    fn change_notes(&mut self, op: NoteOp) {
        let Some(briefing) = self.model.open.clone() else {
            return;
        };
        let id = briefing.id.clone();
        let saved = t(self.model.lang, "editor-saved");
        let notebook = &mut self.model.notebook;
        let placed = &mut self.model.placed;
        match op {
            NoteOp::AddNote { anchor, body, at } => {
                let note = notebook.change(&id, |set| set.add_note(anchor, &body));
                if let Some(note) = note {
                    placed.placed.insert(note, attached(at));
                    notebook.announce_when_saved(&id, &saved);
                }
            }
            NoteOp::UpdateNote { id: note, body } => {
                notebook.change(&id, |set| set.update_note(&note, &body));
                notebook.announce_when_saved(&id, &saved);
            }
            NoteOp::AddBookmark { anchor, at } => {
                if let Some(mark) = notebook.change(&id, |set| set.add_bookmark(anchor, None)) {
                    placed.placed.insert(mark, attached(at));
                }
            }
            NoteOp::Label { id: item, label } => {
                notebook.change(&id, |set| set.set_bookmark_label(&item, label));
            }
            NoteOp::Delete(item) => {
                notebook.change(&id, |set| set.delete(&item));
            }
            NoteOp::Restore(item) => {
                let restored = notebook.change(&id, |set| {
                    let item = item.or_else(|| {
                        set.file
                            .trash
                            .iter()
                            .max_by_key(|t| t.deleted)
                            .map(|t| t.annotation.id().to_string())
                    })?;
                    set.restore(&item).then_some(item)
                });
                if let (Some(Some(item)), Some(set)) = (restored, notebook.get(&id)) {
                    placed.place(set, &item);
                }
            }
            NoteOp::EmptyTrash => {
                let n = notebook.change(&id, |set| set.empty_trash()).unwrap_or(0);
                let text = tr!(self.model.lang, "panel-removed-for-good", count = n);
                self.model.say(Message::info(text));
            }
            NoteOp::ConfirmMove(item) => {
                notebook.change(&id, |set| {
                    let anchor = set
                        .annotations()
                        .find(|a| a.id() == item)
                        .map(|a| a.anchor().clone());
                    if let Some(anchor) = anchor {
                        set.set_anchor(&item, anchor, false);
                    }
                });
                if let Some(p) = placed.placed.get_mut(&item) {
                    p.status = crate::domain::annotation::Status::Attached;
                }
            }
            NoteOp::Read { section, hash } => {
                // The text as read is kept, to show what changed when it changes.
                let text = briefing
                    .section_index(&section)
                    .map(|i| crate::domain::placing::unit_text(&briefing, i + 1))
                    .unwrap_or_default();
                notebook.change(&id, |set| match &hash {
                    Some(hash) => set.mark_read_with_text(&section, hash, &text),
                    None => set.unmark_read(&section),
                });
            }
            NoteOp::Position(section, block) => {
                notebook.change(&id, |set| set.set_position(&section, block));
            }
            NoteOp::Withdraw { source, withdrawn } => {
                notebook.change(&id, |set| {
                    if withdrawn {
                        set.withdraw_source(&source)
                    } else {
                        set.restore_source(&source)
                    }
                });
            }
        }
        if let Some(set) = self.model.notebook.get(&id) {
            self.model.placed.refresh_marks(set);
        }
        self.notes_changed();
    }

    /// `e`/`E`: the export, written in the background to the export folder. A
    /// briefing labelled TLP:RED or TLP:AMBER+STRICT is exported only once the user
    /// said yes to a question naming it and its label.
    fn export(&mut self, all: bool) {
        self.export_allowing(all, Vec::new());
    }

    /// The export, with the TLP labels in `allow` consented to; asks first when a
    /// briefing it holds carries another label that needs consent.
    pub(super) fn export_allowing(&mut self, all: bool, allow: Vec<Tlp>) {
        if !self.model.notes_kept {
            self.model
                .say(Message::warning(t(self.model.lang, "export-not-kept")));
            return;
        }
        let ids = if all {
            Vec::new()
        } else {
            match self.model.open_id() {
                Some(id) => vec![id.to_string()],
                None => {
                    self.model
                        .say(Message::info(t(self.model.lang, "export-needs-briefing")));
                    return;
                }
            }
        };
        if let Some(consent) = self.export_consent(all, &allow) {
            let mut allow = allow;
            allow.extend(consent.labels());
            let question = Question {
                text: consent_question(&consent, self.model.lang),
                yes: Answer::Export { all, allow },
            };
            self.go(Go::Confirm(question));
            return;
        }
        let memory = self.model.notebook.by_briefing();
        let job = ExportJob {
            source: self.model.source(),
            ids,
            memory,
            format: self.model.config.export_format,
            dir: self.model.config.export_dir.clone(),
            allow,
            lang: self.model.lang,
        };
        self.work(Work::Job(Box::new(Job::Export(Box::new(job)))));
    }

    /// Whether the export needs consent the user has not given (`allow`), from what
    /// the model holds, without reading anything: the open briefing for `e`; for `E`,
    /// the briefings read whole that have notes or bookmarks. A briefing not read yet
    /// (through a catalogue) is checked by the export itself, which refuses it.
    fn export_consent(&self, all: bool, allow: &[Tlp]) -> Option<Consent> {
        let briefings: Vec<&Arc<Briefing>> = if all {
            self.model
                .library
                .briefings
                .iter()
                .filter(|b| {
                    self.model.notebook.has(&b.id)
                        || self
                            .model
                            .shelf
                            .get(&b.id)
                            .is_some_and(|e| self.model.stats_of(e).0 > 0)
                })
                .collect()
        } else {
            self.model.open.iter().collect()
        };
        let empty = AnnotationSet::new("");
        let status = std::collections::HashMap::new();
        let items: Vec<ExportItem<'_>> = briefings
            .into_iter()
            .map(|b| ExportItem {
                briefing: b,
                set: self.model.notebook.get(&b.id).unwrap_or(&empty),
                status: &status,
                in_library: true,
            })
            .collect();
        let mut options = ExportOptions::new(jiff::Timestamp::UNIX_EPOCH);
        options.allow = allow.to_vec();
        export_needs_consent(&items, &options)
    }

    /// The context help opens on, for tests and the help key.
    pub fn help_context(&self) -> Context {
        self.context()
    }
}

fn attached(at: (crate::tui::notebook::BlockPos, std::ops::Range<usize>)) -> Placement {
    Placement {
        status: crate::domain::annotation::Status::Attached,
        at: Some(at),
    }
}

/// Puts the reader back where it was left.
pub(super) fn jump_to_saved(
    reader: &mut ReaderScreen,
    briefing: &Briefing,
    position: &crate::domain::store::Position,
) {
    let unit = if position.section.is_empty() {
        Some(0)
    } else {
        briefing.section_index(&position.section).map(|i| i + 1)
    };
    if let Some(unit) = unit {
        reader.pane.jump_to_block(crate::tui::notebook::BlockPos {
            unit,
            block: position.block,
        });
        reader.follow();
    }
}

/// The question asked before exporting briefings whose TLP label needs consent: each
/// briefing, its label and who may receive it, in the interface's language.
fn consent_question(consent: &Consent, lang: crate::domain::i18n::Lang) -> String {
    let list: Vec<String> = consent
        .briefings
        .iter()
        .map(|b| {
            tr!(
                lang,
                "export-consent-item",
                title = b.title.as_str(),
                label = b.tlp.label(),
                meaning = crate::domain::i18n::tlp_meaning(b.tlp, lang)
            )
        })
        .collect();
    tr!(
        lang,
        "export-consent-question",
        count = consent.briefings.len(),
        list = list.join("; ")
    )
}
