//! The status line: what the user is doing (mode), where (section n/m and percent),
//! the search, what is not saved yet, the message of the moment and a mark for
//! warnings not yet read, then the keys that matter here — from the keymap, so a
//! rebound key shows as rebound — as many as fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::keys::{Action, Context, Keymap};
use crate::tui::messages::{MessageLog, Tone};

/// What the screen on top puts in the status line.
#[derive(Debug, Clone, Default)]
pub struct StatusInfo {
    /// The mode, one word (`READ`, `LIBRARY`…).
    pub mode: &'static str,
    /// Where the reader is, and other facts of the screen (already styled).
    pub facts: Vec<Span<'static>>,
    /// Hint set: which context's keys to show.
    pub context: Option<Context>,
    /// Whether a search is kept in the reader (its keys are hinted then).
    pub searching: bool,
}

/// What is not saved, for the status line.
#[derive(Debug, Clone, Default)]
pub struct Saving {
    /// Briefings with changes not saved yet.
    pub unsaved: usize,
    /// The last save error, while saves fail.
    pub failing: Option<String>,
    /// Files loaded and found, while the library loads.
    pub loading: Option<(usize, usize)>,
    /// Whether the briefing shown is the last good version of a file that no longer
    /// loads.
    pub stale: bool,
}

/// The keys worth showing in a context, most important first: (action, its pair, label).
fn hints(context: Context, searching: bool) -> Vec<(Action, Option<Action>, &'static str)> {
    use Action as A;
    match context {
        Context::Library => vec![
            (A::Next, Some(A::Previous), "move"),
            (A::Open, None, "open"),
            (A::Search, None, "filter"),
            (A::Sort, None, "sort"),
            (A::Help, None, "help"),
            (A::Quit, None, "quit"),
        ],
        Context::Reader if searching => vec![
            (A::SearchNext, Some(A::SearchPrevious), "match"),
            (A::Back, None, "clear"),
            (A::Next, Some(A::Previous), "¶"),
            (A::Help, None, "help"),
            (A::Quit, None, "quit"),
        ],
        Context::Reader => vec![
            (A::Next, Some(A::Previous), "¶"),
            (A::NextSection, Some(A::PreviousSection), "§"),
            (A::Search, None, "search"),
            (A::Annotate, None, "note"),
            (A::ToggleBookmark, None, "mark"),
            (A::Help, None, "help"),
            (A::Quit, None, "quit"),
        ],
        Context::Outline => vec![
            (A::Next, Some(A::Previous), "move"),
            (A::Open, None, "read"),
            (A::FocusNext, None, "reader"),
            (A::Help, None, "help"),
            (A::Quit, None, "quit"),
        ],
        Context::Panel => vec![
            (A::Open, None, "go"),
            (A::Edit, None, "edit"),
            (A::Delete, None, "delete"),
            (A::Restore, None, "restore"),
            (A::Search, None, "filter"),
            (A::ToggleScope, None, "all"),
            (A::Back, None, "close"),
            (A::Help, None, "help"),
        ],
        Context::Editor => vec![
            (A::Save, None, "save"),
            (A::Cancel, None, "cancel"),
            (A::Help, None, "help"),
        ],
        Context::Selection => vec![
            (A::ExtendEnd, Some(A::ShrinkEnd), "more/fewer"),
            (A::ExtendStart, Some(A::ShrinkStart), "start"),
            (A::Annotate, None, "note"),
            (A::ToggleBookmark, None, "bookmark"),
            (A::Back, None, "leave"),
        ],
        Context::Prompt => vec![
            (A::Submit, None, "keep"),
            (A::Cancel, None, "cancel"),
            (A::Help, None, "help"),
        ],
        Context::LibrarySearch | Context::Finder => vec![
            (A::Next, Some(A::Previous), "move"),
            (A::Open, None, "open"),
            (A::Cancel, None, "close"),
            (A::Help, None, "help"),
        ],
        Context::Timeline => vec![
            (A::Next, Some(A::Previous), "move"),
            (A::Open, None, "open"),
            (A::Back, None, "back"),
            (A::Help, None, "help"),
            (A::Quit, None, "quit"),
        ],
        Context::Compare => vec![
            (A::NextKind, Some(A::PreviousKind), "kind"),
            (A::SyncScroll, None, "together"),
            (A::Next, Some(A::Previous), "section"),
            (A::PageDown, None, "scroll"),
            (A::Open, None, "open"),
            (A::Back, None, "back"),
            (A::Help, None, "help"),
        ],
        Context::Help | Context::Messages => vec![
            (A::Next, Some(A::Previous), "scroll"),
            (A::Back, None, "close"),
        ],
        Context::Confirm => vec![(A::Yes, None, "yes"), (A::No, None, "no")],
        Context::Sources => vec![
            (A::Next, Some(A::Previous), "move"),
            (A::Open, None, "go"),
            (A::Withdraw, None, "withdraw"),
            (A::Back, None, "close"),
            (A::Help, None, "help"),
        ],
        Context::Lints => vec![
            (A::Next, Some(A::Previous), "move"),
            (A::Open, None, "go"),
            (A::Back, None, "close"),
            (A::Help, None, "help"),
        ],
        Context::Global | Context::List | Context::LineEdit => Vec::new(),
    }
}

/// The hints of a context as (keys, label), from the keymap.
pub fn hint_labels(
    keymap: &Keymap,
    context: Context,
    searching: bool,
) -> Vec<(String, &'static str)> {
    hints(context, searching)
        .into_iter()
        .filter_map(|(a, b, label)| {
            let first = keymap.label(context, a);
            if first.is_empty() {
                return None;
            }
            let keys = match b.map(|b| keymap.label(context, b)) {
                Some(second) if !second.is_empty() => format!("{first}/{second}"),
                _ => first,
            };
            Some((keys, label))
        })
        .collect()
}

/// Draws the status line.
pub fn render_status(
    info: &StatusInfo,
    saving: &Saving,
    log: &MessageLog,
    keymap: &Keymap,
    theme: &Theme,
    frame: &mut Frame,
    rect: Rect,
) {
    let mut left = vec![Span::styled(format!(" {} ", info.mode), theme.mode)];
    left.extend(info.facts.iter().cloned());
    if let Some((done, total)) = saving.loading {
        left.push(Span::styled(
            format!(
                " loading {} / {} ",
                super::thousands(done),
                super::thousands(total)
            ),
            theme.warning,
        ));
    }
    if saving.unsaved > 0 {
        // Failing or only pending: said in words, not only in colour.
        let why = if saving.failing.is_some() {
            "not saved: saving fails"
        } else {
            "not saved yet"
        };
        let text = if saving.unsaved == 1 {
            format!(" 1 briefing {why} ")
        } else {
            format!(" {} briefings {why} ", saving.unsaved)
        };
        let style = if saving.failing.is_some() {
            theme.error
        } else {
            theme.warning
        };
        left.push(Span::styled(text, style));
    }
    if saving.stale {
        let key = keymap.label(Context::Global, Action::Messages);
        left.push(Span::styled(
            format!(" showing the last good version — {key} for details "),
            theme.error,
        ));
    }
    if log.unseen() > 0 {
        let key = keymap.label(Context::Global, Action::Messages);
        left.push(Span::styled(
            format!(" ⚠ {} {key} ", log.unseen()),
            theme.error,
        ));
    }
    let mut used: usize = left.iter().map(|s| display_width(&s.content)).sum();
    let width = usize::from(rect.width);
    // A message comes before the key hints: they only fill the room left.
    if let Some(message) = log.current() {
        // The tone has a shape too, for screens without colour.
        let (style, mark) = match message.tone {
            Tone::Info => (Style::default(), ""),
            Tone::Warning => (theme.warning, "⚠ "),
            Tone::Error => (theme.error, "✖ "),
        };
        let room = width.saturating_sub(used + 2);
        let text = truncate(&format!("{mark}{}", sanitize_line(&message.text)), room);
        used += display_width(&text) + 1;
        left.push(Span::styled(format!(" {text}"), style));
    }
    let mut right: Vec<Span> = Vec::new();
    let mut right_width = 0;
    if let Some(context) = info.context {
        for (key, what) in hint_labels(keymap, context, info.searching) {
            let w = display_width(&key) + display_width(what) + 3;
            if used + right_width + w + 2 > width {
                break;
            }
            right.push(Span::styled(key, theme.key));
            right.push(Span::styled(format!(" {what}  "), theme.dim));
            right_width += w;
        }
    }
    let gap = width.saturating_sub(used + right_width);
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(right);
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status), rect);
}
