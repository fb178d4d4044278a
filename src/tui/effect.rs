//! What a screen's update asks for, beyond changing its own state: another screen or
//! overlay (described as data: the app builds it), a message, a change to the notes
//! (applied by the app to the shared model), or work for the loop to carry out off the
//! UI thread. Screens return effects; they never call each other, touch the disk or
//! start threads.

use std::ops::Range;

use super::jobs::Job;
use super::messages::Message;
use super::notebook::BlockPos;
use crate::domain::annotation::Anchor;
use crate::keys::Context;

/// A request of an update.
#[derive(Debug)]
pub enum Effect {
    /// Save what must be kept and leave.
    Quit,
    /// Tell the user something (status line and log).
    Say(Message),
    /// Go somewhere.
    Go(Go),
    /// Close the overlay on top.
    Close,
    /// Change the annotations of a briefing (in memory; saving follows).
    Note(NoteOp),
    /// Notes under their paragraphs, or not.
    ShowNotes(bool),
    /// The bands of estimative words under their paragraphs, or not.
    ShowEstimative(bool),
    /// Work off the UI thread; its result comes back as a message.
    Work(Job),
    /// Export this briefing's notes (`false`) or every annotated briefing's (`true`).
    Export(bool),
    /// Do this action again once the open briefing's notes are read and its text is
    /// prepared for anchoring (a key pressed just after opening is not lost).
    WhenPrepared(crate::keys::Action),
}

/// Where to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    /// The reader on a briefing, at a place if given.
    Briefing {
        /// The briefing's id.
        id: String,
        /// Where to put the cursor.
        at: Option<Place>,
    },
    /// The library.
    Library,
    /// The timeline.
    Timeline,
    /// The compare view.
    Compare,
    /// Back from a full-screen view to the reader (or the library when nothing is open).
    Back,
    /// The help of a context.
    Help(Context),
    /// The message log.
    Messages,
    /// The library-wide search.
    LibrarySearch,
    /// The finder.
    Finder,
    /// The bookmarks and notes panel.
    Panel,
    /// The sources view.
    Sources,
    /// The estimative-language panel.
    Lints,
    /// The note editor.
    Editor(Box<EditorRequest>),
    /// A question to answer yes or no.
    Confirm(Question),
}

/// What the note editor opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorRequest {
    /// The passage the note is on.
    pub anchor: Anchor,
    /// Where the passage is shown now.
    pub at: (BlockPos, Range<usize>),
    /// The note being edited, or `None` for a new one.
    pub note_id: Option<String>,
    /// The text to start from.
    pub text: String,
    /// The draft's key, when reopening a draft.
    pub draft_key: Option<String>,
    /// The note's saved text, when it differs from `text` (a draft of an edit).
    pub original: Option<String>,
}

impl EditorRequest {
    /// A new note on a passage.
    pub fn new_note(anchor: Anchor, at: (BlockPos, Range<usize>)) -> EditorRequest {
        EditorRequest {
            anchor,
            at,
            note_id: None,
            text: String::new(),
            draft_key: None,
            original: None,
        }
    }

    /// An existing note.
    pub fn edit(note: &crate::domain::annotation::Note, at: (BlockPos, Range<usize>)) -> Self {
        EditorRequest {
            anchor: note.anchor.clone(),
            at,
            note_id: Some(note.id.clone()),
            text: note.body.clone(),
            draft_key: None,
            original: None,
        }
    }
}

/// A question, and what a yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question, in full.
    pub text: String,
    /// What happens on yes.
    pub yes: Answer,
}

/// What a yes to a question does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Empty the notes panel's trash.
    EmptyTrash,
    /// Close the note editor without saving.
    DiscardNote,
    /// Export (every briefing when `all`) with these TLP labels consented to: the
    /// labels the question named (TLP:RED, TLP:AMBER+STRICT).
    Export {
        /// `E` rather than `e`.
        all: bool,
        /// The labels the user consents to export.
        allow: Vec<crate::domain::tradecraft::tlp::Tlp>,
    },
}

/// A place in a briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A unit's heading (0 is the overview).
    Unit(usize),
    /// A paragraph.
    Block(BlockPos),
    /// A paragraph, with a search to show there (from the library search).
    Found {
        /// The paragraph.
        at: BlockPos,
        /// The query to keep searching with `n`/`N`.
        query: String,
    },
    /// Where an annotation is placed now, if it is.
    Annotation(String),
}

/// A change to the open briefing's annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOp {
    /// A new note on a passage.
    AddNote {
        /// The passage.
        anchor: Anchor,
        /// The note's text.
        body: String,
        /// Where the passage is shown now.
        at: (BlockPos, Range<usize>),
    },
    /// New text for a note.
    UpdateNote {
        /// The note.
        id: String,
        /// Its text.
        body: String,
    },
    /// A new bookmark.
    AddBookmark {
        /// The passage.
        anchor: Anchor,
        /// Where it is shown now.
        at: (BlockPos, Range<usize>),
    },
    /// A bookmark's short label (none removes it).
    Label {
        /// The bookmark.
        id: String,
        /// Its label.
        label: Option<String>,
    },
    /// To the trash.
    Delete(String),
    /// Back from the trash: this one, or the one deleted last.
    Restore(Option<String>),
    /// Empty the trash for good.
    EmptyTrash,
    /// Confirm a moved annotation at its new place.
    ConfirmMove(String),
    /// A section read (with its hash then), or unread again.
    Read {
        /// The section.
        section: String,
        /// Its hash when read; `None` marks it unread.
        hash: Option<String>,
    },
    /// Where the reader is (section id, block), kept with the notes.
    Position(String, usize),
    /// A source withdrawn (or taken back), kept with the notes.
    Withdraw {
        /// The source's id.
        source: String,
        /// Withdrawn (else taken back).
        withdrawn: bool,
    },
}
