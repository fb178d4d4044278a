//! The finder (`:` or `Ctrl-p`): a fuzzy match over the open briefing's sections and
//! every briefing's title, on folded text, ranked by word starts and contiguous runs
//! (weak matches dropped: see `domain::fuzzy`); `Enter` goes there.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::fuzzy::fuzzy_match;
use crate::domain::i18n::{DocLabel, Lang, t};
use crate::keys::Action;
use crate::tr;
use crate::tui::effect::{Effect, Go, Place};
use crate::tui::model::Model;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::scroll::moved;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame};

/// What choosing a finder entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Go to a unit of the open briefing.
    Unit(usize),
    /// Open a briefing.
    Briefing(String),
}

/// One finder entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What is matched and shown.
    pub label: String,
    /// Where it leads.
    pub target: Target,
}

/// The finder's state.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    /// What was typed.
    pub input: LineInput,
    /// Every entry.
    pub entries: Vec<Entry>,
    /// Matching entries, best first: (entry, matched character positions).
    pub shown: Vec<(usize, Vec<u32>)>,
    /// The selected row of `shown`.
    pub selected: usize,
    /// The interface's language: the title and the count.
    pub lang: Lang,
}

impl Finder {
    /// The finder on the open briefing's sections and every briefing's title.
    pub fn new(m: &Model) -> Finder {
        let mut entries = Vec::new();
        if let Some(open) = &m.open {
            // The briefing's own word for its front matter, as its outline says it.
            let overview = crate::tui::widgets::doc_labels(open, m.lang).get(DocLabel::Overview);
            entries.push(Entry {
                label: format!("§ {overview}"),
                target: Target::Unit(0),
            });
            for (i, s) in open.sections.iter().enumerate() {
                entries.push(Entry {
                    label: format!(
                        "§{} {}",
                        i + 1,
                        crate::domain::text::sanitize_line(&s.title)
                    ),
                    target: Target::Unit(i + 1),
                });
            }
        }
        for b in &m.shelf.entries {
            entries.push(Entry {
                label: format!("⧉ {}", crate::domain::text::sanitize_line(&b.title)),
                target: Target::Briefing(b.id.clone()),
            });
        }
        let mut finder = Finder {
            entries,
            lang: m.lang,
            ..Finder::default()
        };
        finder.filter();
        finder
    }

    fn filter(&mut self) {
        self.selected = 0;
        if self.input.is_empty() {
            self.shown = (0..self.entries.len()).map(|i| (i, Vec::new())).collect();
            return;
        }
        let mut scored: Vec<(u32, usize, Vec<u32>)> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let Some(m) = fuzzy_match(self.input.text(), &entry.label) else {
                continue;
            };
            // The characters to highlight, by index.
            let mut chars = Vec::new();
            for (n, (at, _)) in entry.label.char_indices().enumerate() {
                if m.ranges.iter().any(|r| r.contains(&at)) {
                    chars.push(n as u32);
                }
            }
            scored.push((m.score, i, chars));
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.shown = scored.into_iter().map(|(_, i, ix)| (i, ix)).collect();
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        let len = self.shown.len();
        match action {
            Action::Cancel => return Some(vec![Effect::Close]),
            Action::Open => {
                let target = self
                    .shown
                    .get(self.selected)
                    .and_then(|(i, _)| self.entries.get(*i))
                    .map(|e| e.target.clone());
                let go = match target {
                    Some(Target::Unit(unit)) => m.open_id().map(|id| Go::Briefing {
                        id: id.to_string(),
                        at: Some(Place::Unit(unit)),
                    }),
                    Some(Target::Briefing(id)) => Some(Go::Briefing { id, at: None }),
                    None => None,
                };
                let mut effects = vec![Effect::Close];
                effects.extend(go.map(Effect::Go));
                return Some(effects);
            }
            Action::Next => self.selected = moved(self.selected, 1, len),
            Action::Previous => self.selected = moved(self.selected, -1, len),
            Action::PageDown => self.selected = moved(self.selected, 10, len),
            Action::PageUp => self.selected = moved(self.selected, -10, len),
            other => {
                if self.input.apply(other)? {
                    self.filter();
                }
            }
        }
        Some(Vec::new())
    }

    /// Typed text.
    pub fn on_text(&mut self, text: &str) {
        self.input.insert(text);
        self.filter();
    }
}

/// Draws the fuzzy finder.
pub fn render(finder: &Finder, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let rect = centered(
        area,
        80.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(4).min(24),
    );
    let title = t(finder.lang, "finder-title");
    let inner = overlay_frame(theme, frame, rect, &title);
    let width = usize::from(inner.width);
    let count = tr!(
        finder.lang,
        "finder-count",
        shown = finder.shown.len(),
        total = finder.entries.len()
    );
    let count = format!("  {count}");
    let mut first = vec![Span::styled("› ", theme.key)];
    first.extend(
        finder.input.spans(
            width
                .saturating_sub(2 + crate::domain::text::display_width(&count))
                .max(10),
            theme.key,
            true,
        ),
    );
    first.push(Span::styled(count, theme.dim));
    let mut lines = vec![Line::from(first)];
    let height = usize::from(inner.height).saturating_sub(1);
    let offset = finder.selected.saturating_sub(height.saturating_sub(1));
    for (row, (index, positions)) in finder.shown.iter().enumerate().skip(offset).take(height) {
        let Some(entry) = finder.entries.get(*index) else {
            continue;
        };
        let selected = row == finder.selected;
        let base = if selected {
            theme.selected_focused
        } else {
            theme.text
        };
        let mut spans = Vec::new();
        let mut used = 0;
        for (i, c) in entry.label.chars().enumerate() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            used += w;
            let hit = positions.binary_search(&(i as u32)).is_ok();
            spans.push(Span::styled(
                c.to_string(),
                // Matched letters are underlined too: legible on the selected row and
                // without colour.
                if hit {
                    base.patch(theme.key)
                        .add_modifier(ratatui::style::Modifier::UNDERLINED)
                } else {
                    base
                },
            ));
        }
        if used < width {
            spans.push(Span::styled(" ".repeat(width - used), base));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
