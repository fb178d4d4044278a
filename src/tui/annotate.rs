//! The reader's annotation keys: `b` toggles a bookmark on the current paragraph, `a`
//! writes a note on it, `v` narrows the passage to whole sentences first, `i` shows
//! notes under their paragraphs, `r` marks a section read; and read tracking as the
//! reader scrolls.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::app::{App, Message, Overlay, Tone};
use super::editor::Editor;
use super::persist::save_annotations;
use super::reader::BlockPos;
use super::update::Effect;
use crate::domain::anchor::sentences;

/// A passage being chosen with `v`: whole sentences of one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The paragraph.
    pub pos: BlockPos,
    /// Its sentences.
    pub sentences: Vec<Range<usize>>,
    /// First sentence chosen.
    pub start: usize,
    /// Last sentence chosen.
    pub end: usize,
}

impl Selection {
    /// The chosen bytes of the paragraph's text.
    pub fn range(&self) -> Range<usize> {
        let first = self.sentences.get(self.start).map_or(0, |r| r.start);
        let last = self.sentences.get(self.end).map_or(first, |r| r.end);
        first..last
    }
}

fn say(app: &mut App, text: impl Into<String>, tone: Tone) {
    app.message = Some(Message {
        text: text.into(),
        tone,
    });
}

/// Makes sure the rendered text anchoring needs is there (built in the background
/// when a briefing opens; built now if the user is quicker).
pub fn ensure_prepared(app: &mut App) -> bool {
    let Some(open) = &mut app.open else {
        return false;
    };
    if open.notes.doc.is_none() {
        let briefing = open.reader.briefing.clone();
        let text = std::sync::Arc::new(crate::domain::placing::doc_text(&briefing));
        open.notes.attach(text, &briefing);
    }
    true
}

/// Whether annotations can be changed now (not read-only, on a section's paragraph).
fn can_annotate(app: &mut App) -> Option<BlockPos> {
    let open = app.open.as_ref()?;
    if open.notes.set.is_read_only() {
        say(
            app,
            "these notes were written by a newer brief: read-only",
            Tone::Warning,
        );
        return None;
    }
    let pos = open.reader.cursor?;
    if pos.unit == 0 {
        say(
            app,
            "notes and bookmarks attach to a section's paragraphs, not the overview",
            Tone::Info,
        );
        return None;
    }
    Some(pos)
}

/// `b`: a bookmark on the current paragraph (or the selected sentences), or off again.
pub fn toggle_bookmark(app: &mut App) {
    let Some(pos) = can_annotate(app) else { return };
    if !ensure_prepared(app) {
        return;
    }
    let selection = app.open.as_ref().and_then(|o| o.selection.clone());
    let Some(open) = &mut app.open else { return };
    let existing = open
        .notes
        .at(pos)
        .into_iter()
        .find(|(_, is_note)| !is_note)
        .map(|(id, _)| id);
    let text = match (existing, selection) {
        (Some(id), None) => {
            open.notes.delete(&id);
            "bookmark removed (the annotations panel, A, can restore it)"
        }
        (_, selection) => {
            let range = selection.as_ref().map(Selection::range);
            let briefing = open.reader.briefing.clone();
            let Some(anchor) = open.notes.anchor_for(&briefing, pos, range.clone()) else {
                return;
            };
            let len = anchor.quote.len();
            open.notes
                .add_bookmark(anchor, (pos, range.unwrap_or(0..len)));
            open.selection = None;
            "bookmarked"
        }
    };
    open.reader.invalidate();
    say(app, text, Tone::Info);
    save_annotations(app);
}

/// `a`: the note editor on the current paragraph's note, or a new one (on the selected
/// sentences, when choosing with `v`).
pub fn annotate(app: &mut App) {
    let Some(pos) = can_annotate(app) else { return };
    if !ensure_prepared(app) {
        return;
    }
    let Some(open) = &mut app.open else { return };
    let selection = open.selection.take();
    if selection.is_none()
        && let Some((id, _)) = open.notes.at(pos).into_iter().find(|(_, is_note)| *is_note)
        && let Some(note) = open.notes.set.note(&id)
    {
        let at = open
            .notes
            .placed
            .get(&id)
            .and_then(|p| p.at.clone())
            .unwrap_or((pos, 0..0));
        let editor = Editor::new(note.anchor.clone(), at, Some(id), &note.body);
        app.overlay = Some(Overlay::Editor(Box::new(editor)));
        return;
    }
    let range = selection.as_ref().map(Selection::range);
    let briefing = open.reader.briefing.clone();
    let Some(anchor) = open.notes.anchor_for(&briefing, pos, range.clone()) else {
        return;
    };
    let len = anchor.quote.len();
    let editor = Editor::new(anchor, (pos, range.unwrap_or(0..len)), None, "");
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
}

/// `v`: starts choosing sentences of the current paragraph.
pub fn start_selection(app: &mut App) {
    let Some(pos) = can_annotate(app) else { return };
    if !ensure_prepared(app) {
        return;
    }
    let Some(open) = &mut app.open else { return };
    let text = open
        .notes
        .doc
        .as_ref()
        .and_then(|d| d.sections.get(pos.unit - 1))
        .and_then(|s| s.blocks.get(pos.block))
        .cloned()
        .unwrap_or_default();
    let sentences = sentences(&text);
    if sentences.is_empty() {
        say(app, "this paragraph has no text to choose", Tone::Info);
        return;
    }
    open.selection = Some(Selection {
        pos,
        sentences,
        start: 0,
        end: 0,
    });
    say(
        app,
        "choosing sentences: j/k extend or shrink, a writes a note, b bookmarks, Esc leaves",
        Tone::Info,
    );
}

/// Keys while choosing sentences.
pub fn handle_selection_key(app: &mut App, key: &KeyEvent, action: Option<Action>) -> Effect {
    let Some(open) = &mut app.open else {
        return Effect::None;
    };
    let Some(sel) = &mut open.selection else {
        return Effect::None;
    };
    match (key.code, action) {
        (KeyCode::Esc, _) | (_, Some(Action::Quit)) => {
            open.selection = None;
            app.message = None;
        }
        (_, Some(Action::Next)) => sel.end = (sel.end + 1).min(sel.sentences.len() - 1),
        (_, Some(Action::Previous)) => sel.end = sel.end.saturating_sub(1).max(sel.start),
        (KeyCode::Char('h') | KeyCode::Left, _) => sel.start = sel.start.saturating_sub(1),
        (KeyCode::Char('l') | KeyCode::Right, _) => {
            sel.start = (sel.start + 1).min(sel.end);
        }
        (_, Some(Action::Annotate)) => annotate(app),
        (_, Some(Action::ToggleBookmark)) => toggle_bookmark(app),
        (_, Some(Action::ForceQuit)) => return Effect::Quit,
        _ => {}
    }
    Effect::None
}

/// `i`: shows or hides notes under their paragraphs.
pub fn toggle_notes(app: &mut App) {
    app.config.show_notes = !app.config.show_notes;
    let show = app.config.show_notes;
    if let Some(open) = &mut app.open {
        open.reader.invalidate();
    }
    say(
        app,
        if show {
            "notes shown under their paragraphs"
        } else {
            "notes hidden"
        },
        Tone::Info,
    );
}

/// `r`: marks the current section read, or unread again.
pub fn toggle_read(app: &mut App) {
    let Some(open) = &mut app.open else { return };
    let unit = open.reader.current_unit();
    let Some(section) = unit
        .checked_sub(1)
        .and_then(|i| open.reader.briefing.sections.get(i))
        .cloned()
    else {
        return;
    };
    let read = open
        .notes
        .set
        .read_mark(&section.id)
        .is_some_and(|m| m.hash == section.hash);
    if read {
        open.notes.set.unmark_read(&section.id);
    } else {
        open.notes.set.mark_read(&section.id, &section.hash);
    }
    say(
        app,
        if read { "marked unread" } else { "marked read" },
        Tone::Info,
    );
    save_annotations(app);
}

/// A section counts as read once its end has been in view: marks every section whose
/// last line is on screen now.
pub fn track_reading(app: &mut App) {
    let Some(open) = &mut app.open else { return };
    if open.notes.set.is_read_only() {
        return;
    }
    let mut ends: Vec<usize> = Vec::new();
    for (unit, row, layout) in open.reader.visible() {
        // The last line with text (trailing blank lines do not count).
        let last_text = layout
            .lines
            .iter()
            .rposition(|l| !matches!(l, super::layout::Line::Blank))
            .unwrap_or(0);
        if unit > 0 && row == last_text {
            ends.push(unit);
        }
    }
    for unit in ends {
        let Some(section) = open.reader.briefing.sections.get(unit - 1) else {
            continue;
        };
        let fresh = open
            .notes
            .set
            .read_mark(&section.id)
            .is_some_and(|m| m.hash == section.hash);
        if !fresh {
            let (id, hash) = (section.id.clone(), section.hash.clone());
            open.notes.set.mark_read(&id, &hash);
        }
    }
    // Read marks are saved with the next save (a note, switching briefing, quitting),
    // not on every key.
}
