//! The reader's annotation keys, as effects on the shared notes: `b` toggles a bookmark
//! on the current paragraph, `a` writes a note on it, `v` narrows the passage to whole
//! sentences first, `r` marks a section read; and read tracking as the reader scrolls.

use std::ops::Range;

use super::ReaderScreen;
use crate::domain::anchor::sentences;
use crate::domain::i18n::t;
use crate::keys::{Action, Context};
use crate::tr;
use crate::tui::effect::{EditorRequest, Effect, Go, NoteOp};
use crate::tui::messages::Message;
use crate::tui::model::Model;
use crate::tui::notebook::{BlockPos, is_read};

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

/// Information in the interface's language.
fn say(m: &Model, id: &str) -> Vec<Effect> {
    vec![Effect::Say(Message::info(t(m.lang, id)))]
}

/// The paragraph annotations can attach to now, or why not (or the action again,
/// once the briefing is ready for notes).
fn target(screen: &ReaderScreen, m: &Model, action: Action) -> Result<BlockPos, Vec<Effect>> {
    let Some(set) = m.open_set() else {
        return Err(vec![Effect::WhenPrepared(action)]);
    };
    if set.is_read_only() {
        return Err(vec![Effect::Say(Message::warning(t(
            m.lang,
            "notes-read-only",
        )))]);
    }
    if m.placed.doc.is_none() {
        return Err(vec![Effect::WhenPrepared(action)]);
    }
    let Some(pos) = screen.pane.cursor else {
        return Err(say(m, "notes-no-text-to-annotate"));
    };
    if pos.unit == 0 {
        return Err(say(m, "notes-not-on-overview"));
    }
    Ok(pos)
}

/// `b`: a bookmark on the current paragraph (or the chosen sentences), or off again.
pub fn toggle_bookmark(screen: &mut ReaderScreen, m: &Model) -> Vec<Effect> {
    let pos = match target(screen, m, Action::ToggleBookmark) {
        Ok(p) => p,
        Err(effects) => return effects,
    };
    let Some(set) = m.open_set() else {
        return Vec::new();
    };
    let selection = screen.selection.take();
    let existing = m
        .placed
        .at(set, pos)
        .into_iter()
        .find(|(_, is_note)| !is_note)
        .map(|(id, _)| id);
    if let (Some(id), None) = (existing, &selection) {
        return vec![
            Effect::Note(NoteOp::Delete(id)),
            Effect::Say(Message::info(tr!(
                m.lang,
                "notes-bookmark-removed",
                key = m.keymap.label(Context::Reader, Action::Annotations)
            ))),
        ];
    }
    let range = selection.as_ref().map(Selection::range);
    let Some(anchor) = m.placed.anchor_for(screen.briefing(), pos, range.clone()) else {
        return Vec::new();
    };
    let len = anchor.quote.len();
    vec![
        Effect::Note(NoteOp::AddBookmark {
            anchor,
            at: (pos, range.unwrap_or(0..len)),
        }),
        Effect::Say(Message::info(t(m.lang, "notes-bookmarked"))),
    ]
}

/// `a`: the note editor on the current paragraph's note, or on a new one (on the chosen
/// sentences, when choosing with `v`).
pub fn annotate(screen: &mut ReaderScreen, m: &Model) -> Vec<Effect> {
    let pos = match target(screen, m, Action::Annotate) {
        Ok(p) => p,
        Err(effects) => return effects,
    };
    let Some(set) = m.open_set() else {
        return Vec::new();
    };
    let selection = screen.selection.take();
    if selection.is_none()
        && let Some((id, _)) = m.placed.at(set, pos).into_iter().find(|(_, n)| *n)
        && let Some(note) = set.note(&id)
    {
        let at = m
            .placed
            .placed
            .get(&id)
            .and_then(|p| p.at.clone())
            .unwrap_or((pos, 0..0));
        return vec![Effect::Go(Go::Editor(Box::new(EditorRequest::edit(
            note, at,
        ))))];
    }
    let range = selection.as_ref().map(Selection::range);
    let Some(anchor) = m.placed.anchor_for(screen.briefing(), pos, range.clone()) else {
        return Vec::new();
    };
    let len = anchor.quote.len();
    vec![Effect::Go(Go::Editor(Box::new(EditorRequest::new_note(
        anchor,
        (pos, range.unwrap_or(0..len)),
    ))))]
}

/// `v`: starts choosing sentences of the current paragraph.
pub fn start_selection(screen: &mut ReaderScreen, m: &Model) -> Vec<Effect> {
    let pos = match target(screen, m, Action::Select) {
        Ok(p) => p,
        Err(effects) => return effects,
    };
    let text = m
        .placed
        .doc
        .as_ref()
        .and_then(|d| d.sections.get(pos.unit - 1))
        .and_then(|s| s.blocks.get(pos.block))
        .cloned()
        .unwrap_or_default();
    let sentences = sentences(&text);
    if sentences.is_empty() {
        return say(m, "notes-no-text-to-choose");
    }
    // Start at the cursor's sentence: the first one on screen, when the paragraph
    // began above the pane.
    let offset = screen.pane.first_visible_offset(pos).unwrap_or(0);
    let first = sentences.iter().position(|r| r.end > offset).unwrap_or(0);
    screen.selection = Some(Selection {
        pos,
        sentences,
        start: first,
        end: first,
    });
    Vec::new()
}

/// `r`: marks the current section read, or unread again.
pub fn toggle_read(screen: &ReaderScreen, m: &Model) -> Vec<Effect> {
    let Some(set) = m.open_set() else {
        return vec![Effect::WhenPrepared(Action::ToggleRead)];
    };
    let unit = screen.pane.current_unit();
    let Some(section) = unit
        .checked_sub(1)
        .and_then(|i| screen.briefing().sections.get(i))
    else {
        return say(m, "notes-overview-not-a-section");
    };
    let read = is_read(set, section);
    vec![
        Effect::Note(NoteOp::Read {
            section: section.id.clone(),
            hash: (!read).then(|| section.hash.clone()),
        }),
        Effect::Say(Message::info(t(
            m.lang,
            if read {
                "notes-marked-unread"
            } else {
                "notes-marked-read"
            },
        ))),
    ]
}

/// How long a section's end must stay on screen (the section in view all along) for
/// it to count as read.
pub const DWELL: std::time::Duration = std::time::Duration::from_secs(3);

/// What the reader saw of a section that is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// When the section came into view (it has stayed in view since).
    pub since: std::time::Instant,
    /// When its last line came into view, if it has.
    pub end: Option<std::time::Instant>,
}

/// Read tracking. A section becomes read once its last line has been on screen and
/// the section has stayed in view for [`DWELL`] since (reading it through, or seeing it
/// whole for a few seconds); a page-down that flies over short sections reads nothing,
/// nor does a jump. Returns the read marks now due.
pub fn observe(screen: &mut ReaderScreen, m: &Model, now: std::time::Instant) -> Vec<Effect> {
    let mut visible: Vec<(usize, bool)> = Vec::new();
    for (unit, row, layout) in screen.pane.visible() {
        if unit == 0 {
            continue;
        }
        // The last line with text (trailing blank lines do not count).
        let last_text = layout
            .lines
            .iter()
            .rposition(|l| !matches!(l, super::layout::Line::Blank))
            .unwrap_or(0);
        match visible.last_mut() {
            Some((u, end)) if *u == unit => *end |= row == last_text,
            _ => visible.push((unit, row == last_text)),
        }
    }
    screen
        .seen
        .retain(|unit, _| visible.iter().any(|(u, _)| u == unit));
    for (unit, end) in &visible {
        let seen = screen.seen.entry(*unit).or_insert(Seen {
            since: now,
            end: None,
        });
        if *end && seen.end.is_none() {
            seen.end = Some(now);
        }
    }
    let Some(set) = m.open_set().filter(|s| !s.is_read_only()) else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    for (unit, seen) in &screen.seen {
        if seen.end.is_none() || now.duration_since(seen.since) < DWELL {
            continue;
        }
        let Some(section) = screen.briefing().sections.get(unit - 1) else {
            continue;
        };
        if !is_read(set, section) {
            effects.push(Effect::Note(NoteOp::Read {
                section: section.id.clone(),
                hash: Some(section.hash.clone()),
            }));
        }
    }
    effects
}

/// When a section on screen will count as read, if one will.
pub fn next_read(screen: &ReaderScreen, m: &Model) -> Option<std::time::Instant> {
    let set = m.open_set().filter(|s| !s.is_read_only())?;
    screen
        .seen
        .iter()
        .filter(|(_, seen)| seen.end.is_some())
        .filter(|(unit, _)| {
            screen
                .briefing()
                .sections
                .get(*unit - 1)
                .is_some_and(|s| !is_read(set, s))
        })
        .map(|(_, seen)| seen.since + DWELL)
        .min()
}
