//! The note editor: a multi-line text area in a popup (cursor movement, word wrap,
//! undo, paste) from `ratatui-textarea`. `Ctrl-s` saves, `Esc` cancels and asks before
//! discarding changes. While it is open its text is kept as a draft on disk about every
//! second, and on SIGTERM/SIGHUP or a panic, so nothing typed is ever lost.

use std::ops::Range;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::app::{App, Message, Overlay, Tone};
use super::persist::save_annotations;
use super::reader::BlockPos;
use super::update::Effect;
use crate::domain::annotation::{Anchor, new_id};
use crate::domain::store::Draft;

/// How often the draft is written while the text changes.
pub const DRAFT_EVERY: Duration = Duration::from_secs(1);

/// The editor's state.
#[derive(Debug)]
pub struct Editor {
    /// The text being edited.
    pub textarea: TextArea<'static>,
    /// The passage the note is on.
    pub anchor: Anchor,
    /// Where the passage is shown now.
    pub at: (BlockPos, Range<usize>),
    /// The note being edited, or `None` for a new one.
    pub note_id: Option<String>,
    /// The draft's key (the note's id, or a fresh id).
    pub key: String,
    /// The text when the editor opened (to tell whether anything changed).
    pub original: String,
    /// Set while asking whether to discard changes.
    pub confirm_discard: bool,
    /// The text last written as a draft.
    pub drafted: String,
    /// When the draft should be written next.
    pub draft_due: Option<Instant>,
}

impl Editor {
    /// An editor on `text`.
    pub fn new(
        anchor: Anchor,
        at: (BlockPos, Range<usize>),
        note_id: Option<String>,
        text: &str,
    ) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_placeholder_text("Write the note; #tags become its tags");
        let key = note_id.clone().unwrap_or_else(new_id);
        Editor {
            textarea,
            anchor,
            at,
            note_id,
            key,
            original: text.to_string(),
            confirm_discard: false,
            drafted: text.to_string(),
            draft_due: None,
        }
    }

    /// The text as typed.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Whether the text differs from what the editor opened with.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// The draft of the current text.
    pub fn draft(&self, briefing: &str) -> Draft {
        Draft {
            key: self.key.clone(),
            briefing: briefing.to_string(),
            note_id: self.note_id.clone(),
            anchor: self.anchor.clone(),
            body: self.text(),
            saved: jiff::Timestamp::now(),
        }
    }
}

/// Writes the open editor's draft now if its text changed since the last one.
pub fn write_draft(app: &mut App) {
    let (Some(Overlay::Editor(editor)), Some(persist), Some(open)) =
        (&mut app.overlay, &app.persist, &app.open)
    else {
        return;
    };
    editor.draft_due = None;
    let text = editor.text();
    if text == editor.drafted {
        return;
    }
    if persist
        .store
        .save_draft(&editor.draft(&open.briefing().id))
        .is_ok()
    {
        editor.drafted = text;
    }
}

/// Keys in the editor.
pub fn handle_editor_key(app: &mut App, key: &KeyEvent) -> Effect {
    let Some(Overlay::Editor(editor)) = &mut app.overlay else {
        return Effect::None;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if editor.confirm_discard {
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => close_editor(app, false),
            _ => {
                editor.confirm_discard = false;
                app.message = None;
            }
        }
        return Effect::None;
    }
    match key.code {
        KeyCode::Char('s') if ctrl => close_editor(app, true),
        KeyCode::Esc => {
            if editor.changed() {
                editor.confirm_discard = true;
                app.message = Some(Message {
                    text:
                        "Discard the changes to this note? y discards, any other key keeps editing"
                            .into(),
                    tone: Tone::Warning,
                });
            } else {
                close_editor(app, false);
            }
        }
        _ => {
            if editor.textarea.input(*key) && editor.draft_due.is_none() {
                editor.draft_due = Some(Instant::now() + DRAFT_EVERY);
            }
        }
    }
    Effect::None
}

/// Pasted text goes into the editor as typed text.
pub fn paste(app: &mut App, text: &str) {
    if let Some(Overlay::Editor(editor)) = &mut app.overlay {
        let unified = text.replace("\r\n", "\n");
        let clean = crate::domain::text::sanitize(&unified);
        if editor.textarea.insert_str(clean) && editor.draft_due.is_none() {
            editor.draft_due = Some(Instant::now() + DRAFT_EVERY);
        }
    }
}

/// Closes the editor, saving the note when `save` (an empty new note is not saved; an
/// existing note emptied is kept as it was, with a message: deleting is `d`).
fn close_editor(app: &mut App, save: bool) {
    let Some(Overlay::Editor(editor)) = app.overlay.take() else {
        return;
    };
    let text = editor.text();
    let body = text.trim_end().to_string();
    if save {
        let Some(open) = &mut app.open else { return };
        match &editor.note_id {
            Some(_) if body.trim().is_empty() => {
                app.message = Some(Message {
                    text:
                        "an empty note is not saved; d in the annotations panel (A) deletes a note"
                            .into(),
                    tone: Tone::Warning,
                });
                app.overlay = Some(Overlay::Editor(editor));
                return;
            }
            Some(id) => {
                open.notes.set.update_note(id, &body);
                open.notes.refresh_marks();
            }
            None if body.trim().is_empty() => {}
            None => {
                open.notes
                    .add_note(editor.anchor.clone(), &body, editor.at.clone());
            }
        }
        open.reader.invalidate();
        save_annotations(app);
        if app.message.is_none() {
            app.message = Some(Message {
                text: "note saved".into(),
                tone: Tone::Info,
            });
        }
    }
    if let Some(persist) = &app.persist {
        let _ = persist.store.remove_draft(&editor.key);
    }
}

/// Drafts left by an earlier session for this briefing: reopened in the editor, one at
/// a time, so that the user decides what becomes of them.
pub fn recover_draft(app: &mut App) {
    let (Some(persist), Some(open)) = (&app.persist, &app.open) else {
        return;
    };
    if app.overlay.is_some() {
        return;
    }
    let id = open.briefing().id.clone();
    let Some(draft) = persist
        .store
        .drafts()
        .into_iter()
        .find(|d| d.briefing == id)
    else {
        return;
    };
    super::annotate::ensure_prepared(app);
    let Some(open) = &app.open else { return };
    // Where the passage is now (the draft's anchor may be on an older version).
    let at = open
        .notes
        .doc
        .as_ref()
        .and_then(|doc| {
            crate::domain::anchor::resolve(&draft.anchor, doc)
                .location()
                .cloned()
        })
        .map(|l| {
            (
                BlockPos {
                    unit: l.section + 1,
                    block: l.block,
                },
                l.range,
            )
        })
        .unwrap_or((BlockPos::default(), 0..0));
    let original = draft
        .note_id
        .as_ref()
        .and_then(|n| open.notes.set.note(n))
        .map(|n| n.body.clone())
        .unwrap_or_default();
    let mut editor = Editor::new(draft.anchor.clone(), at, draft.note_id.clone(), &draft.body);
    editor.key = draft.key.clone();
    editor.original = original;
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
    app.message = Some(Message {
        text: format!(
            "recovered an unsaved note from {}: Ctrl-s saves it, Esc discards it",
            draft.saved.strftime("%Y-%m-%d %H:%M")
        ),
        tone: Tone::Warning,
    });
}
