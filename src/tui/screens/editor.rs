//! The note editor: a multi-line text area in a popup (`ratatui-textarea`: word wrap,
//! undo, paste) driven by actions, so every key of it is in the keymap. `Ctrl-s` saves,
//! `Esc` cancels and asks before discarding changes. While it is open its text is kept
//! as a draft on disk about every second (the app writes it when due, and on SIGTERM,
//! SIGHUP or a panic), so nothing typed is ever lost.

use std::ops::Range;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::domain::annotation::{Anchor, new_id};
use crate::domain::i18n::{Lang, t};
use crate::domain::store::Draft;
use crate::domain::text::{sanitize_line, truncate};
use crate::keys::{Action, Context, Keymap};
use crate::tr;
use crate::tui::effect::{Answer, EditorRequest, Effect, Go, NoteOp, Question};
use crate::tui::jobs::Job;
use crate::tui::messages::Message;
use crate::tui::notebook::BlockPos;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame};

/// How often the draft is written while the text changes.
pub const DRAFT_EVERY: Duration = Duration::from_secs(1);

/// The editor's state.
#[derive(Debug)]
pub struct Editor {
    /// The text being edited.
    pub textarea: TextArea<'static>,
    /// The briefing the note is on.
    pub briefing: String,
    /// The passage the note is on.
    pub anchor: Anchor,
    /// Where the passage is shown now.
    pub at: (BlockPos, Range<usize>),
    /// The note being edited, or `None` for a new one.
    pub note_id: Option<String>,
    /// The draft's key (the note's id, or a fresh id).
    pub key: String,
    /// The text the note has (to tell whether anything changed).
    pub original: String,
    /// The text last written as a draft.
    pub drafted: String,
    /// When the draft should be written next.
    pub draft_due: Option<Instant>,
}

impl Editor {
    /// An editor for a request, on `briefing`.
    pub fn new(request: EditorRequest, briefing: &str) -> Editor {
        let text = &request.text;
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        // The placeholder is set when drawn, in the interface's language.
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        let key = request
            .draft_key
            .or_else(|| request.note_id.clone())
            .unwrap_or_else(new_id);
        Editor {
            textarea,
            briefing: briefing.to_string(),
            anchor: request.anchor,
            at: request.at,
            note_id: request.note_id,
            key,
            original: request.original.unwrap_or_else(|| text.clone()),
            drafted: text.clone(),
            draft_due: None,
        }
    }

    /// The text as typed.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Whether the text differs from the note's.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// The draft of the current text.
    pub fn draft(&self) -> Draft {
        Draft {
            key: self.key.clone(),
            briefing: self.briefing.clone(),
            note_id: self.note_id.clone(),
            anchor: self.anchor.clone(),
            body: self.text(),
            saved: jiff::Timestamp::now(),
        }
    }

    /// The draft to write now, if it is due (or `now` is `None`: at once) and the text
    /// changed since the last one.
    pub fn take_draft(&mut self, now: Option<Instant>) -> Option<Draft> {
        let due = match now {
            None => true,
            Some(now) => self.draft_due.is_some_and(|d| d <= now),
        };
        if !due {
            return None;
        }
        self.draft_due = None;
        let text = self.text();
        if text == self.drafted {
            return None;
        }
        self.drafted = text;
        Some(self.draft())
    }

    fn touched(&mut self) {
        if self.draft_due.is_none() {
            self.draft_due = Some(Instant::now() + DRAFT_EVERY);
        }
    }

    /// Takes an action; `None` when it means nothing here. What it says is in English
    /// with the default keys: see [`Editor::on_action_in`].
    pub fn on_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        self.act(action, None)
    }

    /// Takes an action; what it says (a question, a warning) is in the keymap's
    /// language (the interface's) and names its keys.
    pub fn on_action_in(&mut self, action: Action, keymap: &Keymap) -> Option<Vec<Effect>> {
        self.act(action, Some(keymap))
    }

    fn act(&mut self, action: Action, keymap: Option<&Keymap>) -> Option<Vec<Effect>> {
        let lang = keymap.map_or(Lang::En, Keymap::lang);
        let area = &mut self.textarea;
        let changed = match action {
            Action::Save => return Some(self.save(keymap)),
            Action::Cancel => {
                return Some(if self.changed() {
                    vec![Effect::Go(Go::Confirm(Question {
                        text: t(lang, "editor-discard-question"),
                        yes: Answer::DiscardNote,
                    }))]
                } else {
                    self.discard()
                });
            }
            Action::Newline => {
                area.insert_newline();
                true
            }
            Action::CursorLeft => moved(area, CursorMove::Back),
            Action::CursorRight => moved(area, CursorMove::Forward),
            Action::CursorUp => moved(area, CursorMove::Up),
            Action::CursorDown => moved(area, CursorMove::Down),
            Action::WordLeft => moved(area, CursorMove::WordBack),
            Action::WordRight => moved(area, CursorMove::WordForward),
            Action::LineStart => moved(area, CursorMove::Head),
            Action::LineEnd => moved(area, CursorMove::End),
            Action::DeleteBack => area.delete_char(),
            Action::DeleteForward => area.delete_next_char(),
            Action::DeleteWordBack => area.delete_word(),
            Action::DeleteToLineStart => area.delete_line_by_head(),
            Action::Undo => area.undo(),
            Action::Redo => area.redo(),
            _ => return None,
        };
        if changed {
            self.touched();
        }
        Some(Vec::new())
    }

    /// Typed text.
    pub fn on_text(&mut self, text: &str) {
        self.insert(text);
    }

    /// Pasted text: every kind of line break becomes one (a lone CR is what many
    /// terminals send for a newline in a paste), control characters go.
    pub fn on_paste(&mut self, text: &str) {
        let unified = text.replace("\r\n", "\n").replace('\r', "\n");
        self.insert(&unified);
    }

    fn insert(&mut self, text: &str) {
        let clean = crate::domain::text::sanitize(text);
        if self.textarea.insert_str(clean) {
            self.touched();
        }
    }

    /// Closes the editor without saving; its draft goes.
    pub fn discard(&self) -> Vec<Effect> {
        vec![
            Effect::Close,
            Effect::Work(Job::RemoveDraft(self.key.clone())),
        ]
    }

    /// Saves the note (an empty new note is not saved; an existing note emptied is kept
    /// as it was, with a message: deleting is the panel's).
    fn save(&mut self, keymap: Option<&Keymap>) -> Vec<Effect> {
        let body = self.text().trim_end().to_string();
        let op = match &self.note_id {
            Some(_) if body.trim().is_empty() => {
                let defaults;
                let keymap = match keymap {
                    Some(k) => k,
                    None => {
                        defaults = Keymap::defaults();
                        &defaults
                    }
                };
                return vec![Effect::Say(Message::warning(tr!(
                    keymap.lang(),
                    "editor-empty-not-saved",
                    delete = keymap.label(Context::Panel, Action::Delete),
                    panel = keymap.label(Context::Reader, Action::Annotations)
                )))];
            }
            Some(id) => NoteOp::UpdateNote {
                id: id.clone(),
                body,
            },
            None if body.trim().is_empty() => return self.discard(),
            None => NoteOp::AddNote {
                anchor: self.anchor.clone(),
                body,
                at: self.at.clone(),
            },
        };
        let mut effects = vec![Effect::Note(op)];
        effects.extend(self.discard());
        effects
    }

    /// Draws the editor: the quoted passage above, the text area below; its words in
    /// the keymap's language (the interface's).
    pub fn render(&self, keymap: &Keymap, theme: &Theme, frame: &mut Frame) {
        let lang = keymap.lang();
        let area = frame.area();
        let rect = centered(
            area,
            84.min(area.width.saturating_sub(2)),
            18.min(area.height.saturating_sub(2)),
        );
        let save = keymap.label(Context::Editor, Action::Save);
        let cancel = keymap.label(Context::Editor, Action::Cancel);
        let id = if self.note_id.is_some() {
            "editor-title-edit"
        } else {
            "editor-title-new"
        };
        let title = tr!(lang, id, save = save, cancel = cancel);
        let inner = overlay_frame(theme, frame, rect, &title);
        if inner.height < 3 {
            return;
        }
        let quote = sanitize_line(&self.anchor.quote);
        let quote_rows = 2u16.min(inner.height / 3).max(1);
        let width = usize::from(inner.width);
        let mut lines = Vec::new();
        let wrapped = textwrap::wrap(&quote, width.saturating_sub(2).max(1));
        for (i, piece) in wrapped.iter().take(usize::from(quote_rows)).enumerate() {
            let more = i + 1 == usize::from(quote_rows) && wrapped.len() > usize::from(quote_rows);
            let text = if more {
                format!("│ {}…", truncate(piece, width.saturating_sub(3)))
            } else {
                format!("│ {piece}")
            };
            lines.push(Line::from(Span::styled(text, theme.quote)));
        }
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: quote_rows,
                ..inner
            },
        );
        let text_rect = Rect {
            y: inner.y + quote_rows + 1,
            height: inner.height.saturating_sub(quote_rows + 1),
            ..inner
        };
        if self.textarea.is_empty() {
            // The placeholder in the interface's language (an empty text area is cheap
            // to copy).
            let mut empty = self.textarea.clone();
            empty.set_placeholder_text(t(lang, "editor-placeholder"));
            frame.render_widget(&empty, text_rect);
        } else {
            frame.render_widget(&self.textarea, text_rect);
        }
    }
}

fn moved(area: &mut TextArea<'static>, to: CursorMove) -> bool {
    area.move_cursor(to);
    false
}
