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
use crate::domain::i18n::{Lang, t};
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::keys::{Action, Context, Keymap};
use crate::tr;
use crate::tui::messages::{MessageLog, Tone};

/// What the screen on top puts in the status line.
#[derive(Debug, Clone, Default)]
pub struct StatusInfo {
    /// The mode, one word or two as named in English (`READ`, `LIBRARY`…): shown in
    /// the interface's language (see [`mode_label`]).
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

/// What a hint says after its keys: a word from the catalogue (`hint-<word>`) or a
/// sign that needs no translation (`¶`, `§`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// A catalogue id.
    Id(&'static str),
    /// Shown as it is.
    Sign(&'static str),
}

impl Word {
    fn in_lang(self, lang: Lang) -> String {
        match self {
            Word::Id(id) => t(lang, id),
            Word::Sign(s) => s.to_string(),
        }
    }
}

/// The keys worth showing in a context, most important first: (action, its pair, word).
fn hints(context: Context, searching: bool) -> Vec<(Action, Option<Action>, Word)> {
    use Action as A;
    use Word::{Id, Sign};
    match context {
        Context::Library => vec![
            (A::Next, Some(A::Previous), Id("hint-move")),
            (A::Open, None, Id("hint-open")),
            (A::Search, None, Id("hint-filter")),
            (A::Sort, None, Id("hint-sort")),
            (A::Help, None, Id("hint-help")),
            (A::Quit, None, Id("hint-quit")),
        ],
        Context::Reader if searching => vec![
            (A::SearchNext, Some(A::SearchPrevious), Id("hint-match")),
            (A::Back, None, Id("hint-clear")),
            (A::Next, Some(A::Previous), Sign("¶")),
            (A::Help, None, Id("hint-help")),
            (A::Quit, None, Id("hint-quit")),
        ],
        Context::Reader => vec![
            (A::Next, Some(A::Previous), Sign("¶")),
            (A::NextSection, Some(A::PreviousSection), Sign("§")),
            (A::Search, None, Id("hint-search")),
            (A::Annotate, None, Id("hint-note")),
            (A::ToggleBookmark, None, Id("hint-mark")),
            (A::Help, None, Id("hint-help")),
            (A::Quit, None, Id("hint-quit")),
        ],
        Context::Outline => vec![
            (A::Next, Some(A::Previous), Id("hint-move")),
            (A::Open, None, Id("hint-read")),
            (A::FocusNext, None, Id("hint-reader")),
            (A::Help, None, Id("hint-help")),
            (A::Quit, None, Id("hint-quit")),
        ],
        Context::Panel => vec![
            (A::Open, None, Id("hint-go")),
            (A::Edit, None, Id("hint-edit")),
            (A::Delete, None, Id("hint-delete")),
            (A::Restore, None, Id("hint-restore")),
            (A::Search, None, Id("hint-filter")),
            (A::ToggleScope, None, Id("hint-all")),
            (A::Back, None, Id("hint-close")),
            (A::Help, None, Id("hint-help")),
        ],
        Context::Editor => vec![
            (A::Save, None, Id("hint-save")),
            (A::Cancel, None, Id("hint-cancel")),
            (A::Help, None, Id("hint-help")),
        ],
        Context::Selection => vec![
            (A::ExtendEnd, Some(A::ShrinkEnd), Id("hint-more-fewer")),
            (A::ExtendStart, Some(A::ShrinkStart), Id("hint-start")),
            (A::Annotate, None, Id("hint-note")),
            (A::ToggleBookmark, None, Id("hint-bookmark")),
            (A::Back, None, Id("hint-leave")),
        ],
        Context::Prompt => vec![
            (A::Submit, None, Id("hint-keep")),
            (A::Cancel, None, Id("hint-cancel")),
            (A::Help, None, Id("hint-help")),
        ],
        Context::LibrarySearch | Context::Finder => vec![
            (A::Next, Some(A::Previous), Id("hint-move")),
            (A::Open, None, Id("hint-open")),
            (A::Cancel, None, Id("hint-close")),
            (A::Help, None, Id("hint-help")),
        ],
        Context::Timeline => vec![
            (A::Next, Some(A::Previous), Id("hint-move")),
            (A::Open, None, Id("hint-open")),
            (A::Back, None, Id("hint-back")),
            (A::Help, None, Id("hint-help")),
            (A::Quit, None, Id("hint-quit")),
        ],
        Context::Compare => vec![
            (A::NextKind, Some(A::PreviousKind), Id("hint-kind")),
            (A::SyncScroll, None, Id("hint-together")),
            (A::Next, Some(A::Previous), Id("hint-section")),
            (A::PageDown, None, Id("hint-scroll")),
            (A::Open, None, Id("hint-open")),
            (A::Back, None, Id("hint-back")),
            (A::Help, None, Id("hint-help")),
        ],
        Context::Help | Context::Messages => vec![
            (A::Next, Some(A::Previous), Id("hint-scroll")),
            (A::Back, None, Id("hint-close")),
        ],
        Context::Confirm => vec![(A::Yes, None, Id("hint-yes")), (A::No, None, Id("hint-no"))],
        Context::Sources => vec![
            (A::Next, Some(A::Previous), Id("hint-move")),
            (A::Open, None, Id("hint-go")),
            (A::Withdraw, None, Id("hint-withdraw")),
            (A::Back, None, Id("hint-close")),
            (A::Help, None, Id("hint-help")),
        ],
        Context::Lints => vec![
            (A::Next, Some(A::Previous), Id("hint-move")),
            (A::Open, None, Id("hint-go")),
            (A::Back, None, Id("hint-close")),
            (A::Help, None, Id("hint-help")),
        ],
        Context::Global | Context::List | Context::LineEdit => Vec::new(),
    }
}

/// The hints of a context as (keys, word), from the keymap, in its language.
pub fn hint_labels(keymap: &Keymap, context: Context, searching: bool) -> Vec<(String, String)> {
    let lang = keymap.lang();
    hints(context, searching)
        .into_iter()
        .filter_map(|(a, b, word)| {
            let first = keymap.label(context, a);
            if first.is_empty() {
                return None;
            }
            let keys = match b.map(|b| keymap.label(context, b)) {
                Some(second) if !second.is_empty() => format!("{first}/{second}"),
                _ => first,
            };
            Some((keys, word.in_lang(lang)))
        })
        .collect()
}

/// The modes the screens name (one word or two, in English: `READ`, `SEARCH ALL`),
/// with their catalogue ids.
const MODES: [(&str, &str); 17] = [
    ("HELP", "mode-help"),
    ("NOTE", "mode-note"),
    ("NOTES", "mode-notes"),
    ("SEARCH ALL", "mode-search-all"),
    ("GO TO", "mode-go-to"),
    ("LIBRARY", "mode-library"),
    ("TIMELINE", "mode-timeline"),
    ("COMPARE", "mode-compare"),
    ("OUTLINE", "mode-outline"),
    ("SELECT", "mode-select"),
    ("SEARCH", "mode-search"),
    ("READ", "mode-read"),
    ("MESSAGES", "mode-messages"),
    ("FILTER", "mode-filter"),
    ("QUESTION", "mode-question"),
    ("SOURCES", "mode-sources"),
    ("ESTIMATIVE", "mode-estimative"),
];

/// A mode as the status line shows it in `lang`: `READ` → `LECTURE`. A mode the table
/// does not know shows as it is named.
pub fn mode_label(mode: &str, lang: Lang) -> String {
    match MODES.iter().find(|(name, _)| *name == mode) {
        Some((_, id)) => t(lang, id),
        None => mode.to_string(),
    }
}

/// Draws the status line, in the keymap's language (the interface's).
pub fn render_status(
    info: &StatusInfo,
    saving: &Saving,
    log: &MessageLog,
    keymap: &Keymap,
    theme: &Theme,
    frame: &mut Frame,
    rect: Rect,
) {
    let lang = keymap.lang();
    let mode = mode_label(info.mode, lang);
    let mut left = vec![Span::styled(format!(" {mode} "), theme.mode)];
    left.extend(info.facts.iter().cloned());
    if let Some((done, total)) = saving.loading {
        left.push(Span::styled(
            format!(" {} ", tr!(lang, "app-loading", done = done, total = total)),
            theme.warning,
        ));
    }
    if saving.unsaved > 0 {
        // Failing or only pending: said in words, not only in colour.
        let (id, style) = if saving.failing.is_some() {
            ("status-unsaved-failing", theme.error)
        } else {
            ("status-unsaved", theme.warning)
        };
        let text = tr!(lang, id, count = saving.unsaved);
        left.push(Span::styled(format!(" {text} "), style));
    }
    if saving.stale {
        let key = keymap.label(Context::Global, Action::Messages);
        left.push(Span::styled(
            format!(" {} ", tr!(lang, "status-stale", key = key)),
            theme.error,
        ));
    }
    if log.unseen() > 0 {
        let key = keymap.label(Context::Global, Action::Messages);
        left.push(Span::styled(
            format!(
                " ⚠ {} {key} ",
                crate::domain::i18n::format_count(log.unseen(), lang)
            ),
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
            let w = display_width(&key) + display_width(&what) + 3;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_the_screens_name_has_its_words() {
        for (name, id) in MODES {
            assert_eq!(mode_label(name, Lang::En), name, "{id}");
        }
        assert_eq!(mode_label("READ", Lang::Fr), "LECTURE");
        assert_eq!(mode_label("SEARCH ALL", Lang::Fr), "RECHERCHE GLOBALE");
    }

    #[test]
    fn hints_are_words_of_the_keymap_language() {
        let fr = Keymap::defaults().in_language(Lang::Fr);
        let hints = hint_labels(&fr, Context::Reader, false);
        assert!(
            hints.contains(&("/".to_string(), "chercher".to_string())),
            "{hints:?}"
        );
        assert!(
            hints.contains(&("j/k".to_string(), "¶".to_string())),
            "{hints:?}"
        );
        let en = hint_labels(&Keymap::defaults(), Context::Confirm, false);
        assert_eq!(en[0].1, "yes");
    }
}
