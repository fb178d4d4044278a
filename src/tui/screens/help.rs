//! The help overlay, generated from the keymap: the keys of the screen it was opened
//! from first, then those it shares with every list or text, then the keys that work
//! everywhere; each with its action's description. Rebound keys show as rebound. In
//! the interface's language (the keymap's), descriptions from the catalogue.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::i18n::t;
use crate::domain::text::truncate;
use crate::keys::{Action, Context, Keymap};
use crate::tr;
use crate::tui::effect::Effect;
use crate::tui::widgets::filter::Filter;
use crate::tui::widgets::scroll::scrolled;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame};

/// The help's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    /// The context whose keys it shows.
    pub context: Context,
    /// The first visible row.
    pub scroll: usize,
    /// The filter (`/`): rows whose keys or description hold every word.
    pub filter: Filter,
}

/// A row of the help: a heading (no keys) or keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The keys, `, `-separated (empty for a heading).
    pub keys: String,
    /// The description, or the heading.
    pub text: String,
    /// The action, for rows of keys.
    pub action: Option<Action>,
}

/// A blank row between groups.
fn gap() -> Row {
    Row {
        keys: String::new(),
        text: String::new(),
        action: None,
    }
}

/// A row that is not an action: a heading (no keys) or a note on keys.
fn words(keys: String, text: String) -> Row {
    Row {
        keys,
        text,
        action: None,
    }
}

/// The help's rows for a context, in the keymap's language (the interface's).
pub fn rows(keymap: &Keymap, context: Context) -> Vec<Row> {
    let lang = keymap.lang();
    let mut out = Vec::new();
    for group in keymap.help(context) {
        if !out.is_empty() {
            out.push(gap());
        }
        let title = if group.context == context {
            tr!(
                lang,
                "help-this-screen",
                context = group.context.title(lang)
            )
        } else {
            group.context.title(lang)
        };
        out.push(words(String::new(), title));
        for (keys, action) in group.rows {
            let keys: Vec<String> = keys.iter().map(|k| k.label(lang)).collect();
            out.push(Row {
                keys: keys.join(", "),
                text: action.describe(lang),
                action: Some(action),
            });
        }
    }
    if context.types_text() {
        out.push(gap());
        out.push(words(t(lang, "help-letters-key"), t(lang, "help-letters")));
    }
    if matches!(context, Context::Reader | Context::Outline) {
        out.push(gap());
        out.push(words(String::new(), t(lang, "help-mouse")));
        out.push(words(
            t(lang, "help-mouse-click-key"),
            t(lang, "help-mouse-click"),
        ));
        out.push(words(
            t(lang, "help-mouse-wheel-key"),
            t(lang, "help-mouse-wheel"),
        ));
    }
    out
}

/// One drawn line of the help: keys (or none), text, and whether it is a heading.
type HelpLine = (String, String, bool);

/// The key column's width for a help `width` columns wide.
fn key_width(width: usize) -> usize {
    22usize.min(width / 3)
}

/// The help's lines at a width: long descriptions wrap under themselves.
fn lines(keymap: &Keymap, context: Context, width: usize, filter: &Filter) -> Vec<HelpLine> {
    let keys = key_width(width);
    let text_width = width.saturating_sub(keys).max(10);
    let mut out = Vec::new();
    for row in rows(keymap, context) {
        if filter.is_active()
            && (row.keys.is_empty() || !filter.matches(&format!("{} {}", row.keys, row.text)))
        {
            continue;
        }
        if row.keys.is_empty() {
            out.push((String::new(), row.text, true));
            continue;
        }
        for (i, piece) in textwrap::wrap(&row.text, text_width)
            .into_iter()
            .enumerate()
        {
            let k = if i == 0 {
                row.keys.clone()
            } else {
                String::new()
            };
            out.push((k, piece.into_owned(), false));
        }
    }
    out
}

/// The help's rectangle on a screen.
fn area(screen: ratatui::layout::Rect, lines: usize) -> ratatui::layout::Rect {
    centered(
        screen,
        88.min(screen.width.saturating_sub(2)),
        (lines + 2).min(usize::from(screen.height.saturating_sub(1))) as u16,
    )
}

impl Help {
    /// The help of `context`, from its top.
    pub fn new(context: Context) -> Help {
        Help {
            context,
            scroll: 0,
            filter: Filter::default(),
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.filter.editing {
            Context::Prompt
        } else {
            Context::Help
        }
    }

    /// Text typed into the filter.
    pub fn on_text(&mut self, text: &str) {
        if self.filter.editing {
            self.filter.on_text(text);
            self.scroll = 0;
        }
    }

    /// Takes an action, on a screen of `size`.
    pub fn on_action(
        &mut self,
        action: Action,
        keymap: &Keymap,
        size: ratatui::layout::Rect,
    ) -> Option<Vec<Effect>> {
        if self.filter.editing {
            self.filter.on_action(action)?;
            self.scroll = 0;
            return Some(Vec::new());
        }
        match action {
            Action::Search => {
                self.filter.start();
                self.scroll = 0;
                return Some(Vec::new());
            }
            Action::Back if self.filter.clear() => return Some(Vec::new()),
            _ => {}
        }
        let width = usize::from(area(size, usize::from(size.height)).width.saturating_sub(2));
        let len = lines(keymap, self.context, width, &self.filter).len();
        let rect = area(size, len);
        let height = usize::from(rect.height.saturating_sub(2));
        if matches!(action, Action::Back | Action::Help | Action::Open) {
            return Some(vec![Effect::Close]);
        }
        self.scroll = scrolled(action, self.scroll, len, height)?;
        Some(Vec::new())
    }

    /// Draws the help over the screen.
    pub fn render(&self, keymap: &Keymap, theme: &Theme, frame: &mut Frame) {
        let screen = frame.area();
        let width = usize::from(
            area(screen, usize::from(screen.height))
                .width
                .saturating_sub(2),
        );
        let all = lines(keymap, self.context, width, &self.filter);
        let rect = area(screen, all.len() + usize::from(self.filter.is_active()));
        let lang = keymap.lang();
        let close = keymap.label(Context::Help, Action::Back);
        let title = tr!(
            lang,
            "help-title",
            context = self.context.title(lang),
            close = close
        );
        let inner = overlay_frame(theme, frame, rect, &title);
        let key_width = key_width(usize::from(inner.width));
        let mut shown: Vec<Line> = Vec::new();
        if self.filter.is_active() {
            shown.push(Line::from(self.filter.spans_in(
                lang,
                usize::from(inner.width),
                theme.dim,
                theme.key,
            )));
        }
        let room = usize::from(inner.height).saturating_sub(shown.len());
        shown.extend(
            all.iter()
                .skip(self.scroll)
                .take(room)
                .map(|(keys, text, heading)| {
                    if *heading {
                        Line::from(Span::styled(text.clone(), theme.heading))
                    } else {
                        let keys = truncate(keys, key_width.saturating_sub(1));
                        Line::from(vec![
                            Span::styled(format!("{keys:<key_width$}"), theme.key),
                            Span::styled(text.clone(), theme.text),
                        ])
                    }
                }),
        );
        frame.render_widget(Paragraph::new(shown), inner);
    }
}
