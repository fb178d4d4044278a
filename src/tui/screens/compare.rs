//! Compare (`K`): the sections of one kind across the library, by briefing date, each
//! under its briefing's title and date, with its notes; the kinds as tabs; `Enter`
//! opens the section in the reader.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::briefing::Kind;
use crate::domain::markdown::render_markdown;
use crate::domain::store::AnnotationSet;
use crate::domain::text::{sanitize_line, truncate};
use crate::domain::timeline::{CompareEntry, kinds_in, sections_of_kind};
use crate::domain::wrap::wrap_block;
use crate::keys::{Action, Context};
use crate::tui::effect::{Effect, Go, Place};
use crate::tui::jobs::{Job, Purpose};
use crate::tui::model::Model;
use crate::tui::widgets::filter::Filter;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::title_line;

/// The compare view's state.
#[derive(Debug, Clone)]
pub struct CompareView {
    /// The kinds present, with how many sections each has.
    pub kinds: Vec<(Kind, usize)>,
    /// The kind shown.
    pub kind: usize,
    /// Its sections, by briefing date.
    pub entries: Vec<CompareEntry>,
    /// The section at the top.
    pub selected: usize,
    /// Rows scrolled within the selected section.
    pub scroll: usize,
    /// The notes of the sections shown: (briefing id, section id) → note texts.
    pub notes: std::collections::HashMap<(String, String), Vec<String>>,
    /// Annotations read from the store for briefings not in memory.
    stored: Vec<AnnotationSet>,
    /// The filter (`/`): by briefing title, tag or section title.
    pub filter: Filter,
}

impl CompareView {
    /// The compare view of the library, on the kind `current` when it has sections of
    /// it (the kind of the section being read); the notes of the sections shown are
    /// asked for with [`CompareView::notes_wanted`].
    pub fn new(m: &Model, current: Option<Kind>) -> CompareView {
        let kinds = kinds_in(&m.library);
        let kind = current
            .and_then(|k| kinds.iter().position(|(kk, _)| *kk == k))
            .unwrap_or(0);
        let mut view = CompareView {
            kinds,
            kind,
            entries: Vec::new(),
            selected: 0,
            scroll: 0,
            notes: std::collections::HashMap::new(),
            stored: Vec::new(),
            filter: Filter::default(),
        };
        view.load_entries(m);
        view
    }

    fn load_entries(&mut self, m: &Model) {
        let filter = &self.filter;
        self.entries = self
            .kinds
            .get(self.kind)
            .map(|(k, _)| sections_of_kind(&m.library, k))
            .unwrap_or_default()
            .into_iter()
            .filter(|e| {
                let b = &e.briefing;
                let section = b.sections.get(e.section).map_or("", |s| s.title.as_str());
                filter.matches(&format!("{} {} {section}", b.title, b.tags.join(" ")))
            })
            .collect();
        self.selected = 0;
        self.scroll = 0;
        self.refresh_notes(m);
    }

    /// The briefings whose notes are not in memory: read them with a job.
    pub fn notes_wanted(&self, m: &Model) -> Vec<String> {
        let mut ids: Vec<String> = self
            .entries
            .iter()
            .map(|e| e.briefing.id.clone())
            .filter(|id| !m.notebook.has(id) && !self.stored.iter().any(|s| s.file.briefing == *id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Notes read from the store arrived.
    pub fn set_stored(&mut self, sets: Vec<AnnotationSet>, m: &Model) {
        for set in sets {
            self.stored.retain(|s| s.file.briefing != set.file.briefing);
            self.stored.push(set);
        }
        self.refresh_notes(m);
    }

    /// The notes on the sections shown, by the section they were made on: from memory
    /// when a set is there (unsaved changes included), else as read from the store.
    pub fn refresh_notes(&mut self, m: &Model) {
        self.notes.clear();
        let mut briefings: Vec<&str> = self
            .entries
            .iter()
            .map(|e| e.briefing.id.as_str())
            .collect();
        briefings.sort_unstable();
        briefings.dedup();
        for id in briefings {
            let set = m
                .notebook
                .get(id)
                .or_else(|| self.stored.iter().find(|s| s.file.briefing == id));
            for note in set.map(|s| s.file.notes.as_slice()).unwrap_or_default() {
                self.notes
                    .entry((id.to_string(), note.anchor.section.clone()))
                    .or_default()
                    .push(note.body.clone());
            }
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.filter.editing {
            Context::Prompt
        } else {
            Context::Compare
        }
    }

    /// Text typed into the filter.
    pub fn on_text(&mut self, text: &str, m: &Model) {
        if self.filter.editing {
            self.filter.on_text(text);
            self.load_entries(m);
        }
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        if self.filter.editing {
            if self.filter.on_action(action)? {
                self.load_entries(m);
            }
            return Some(Vec::new());
        }
        let mut effects = Vec::new();
        match action {
            Action::Search => {
                self.filter.start();
                self.load_entries(m);
            }
            Action::Back if self.filter.clear() => self.load_entries(m),
            Action::Back | Action::Compare => return Some(vec![Effect::Go(Go::Back)]),
            Action::NextKind | Action::PreviousKind if !self.kinds.is_empty() => {
                let n = self.kinds.len();
                self.kind = if action == Action::NextKind {
                    (self.kind + 1) % n
                } else {
                    (self.kind + n - 1) % n
                };
                self.load_entries(m);
                let wanted = self.notes_wanted(m);
                if !wanted.is_empty() {
                    effects.push(Effect::Work(Job::OtherNotes(wanted, Purpose::Compare)));
                }
            }
            Action::NextKind | Action::PreviousKind => {}
            Action::Open => {
                if let Some(entry) = self.entries.get(self.selected) {
                    effects.push(Effect::Go(Go::Briefing {
                        id: entry.briefing.id.clone(),
                        at: Some(Place::Unit(entry.section + 1)),
                    }));
                }
            }
            Action::Next => {
                if self.selected + 1 < self.entries.len() {
                    self.selected += 1;
                    self.scroll = 0;
                }
            }
            Action::Previous => {
                if self.scroll > 0 {
                    self.scroll = 0;
                } else {
                    self.selected = self.selected.saturating_sub(1);
                }
            }
            Action::PageDown | Action::HalfPageDown => self.scroll += 10,
            Action::PageUp | Action::HalfPageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::Top => {
                self.selected = 0;
                self.scroll = 0;
            }
            Action::Bottom => {
                self.selected = self.entries.len().saturating_sub(1);
                self.scroll = 0;
            }
            _ => return None,
        }
        Some(effects)
    }
}
/// Draws the compare view over the whole screen but the status line.
pub fn render(view: &CompareView, m: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some((kind, count)) = view.kinds.get(view.kind) else {
        title_line(
            theme,
            frame,
            " Compare · no section in the library has a kind".to_string(),
        );
        return;
    };
    title_line(
        theme,
        frame,
        format!(
            " Compare · {} · {count} section{} across the library",
            kind.label(),
            if *count == 1 { "" } else { "s" }
        ),
    );
    // The kinds as tabs.
    let mut tabs = vec![Span::raw(" ")];
    for (i, (k, n)) in view.kinds.iter().enumerate() {
        let style = if i == view.kind {
            theme.badge(k.known_index())
        } else {
            theme.dim
        };
        tabs.push(Span::styled(format!(" {} {n} ", k.badge()), style));
        tabs.push(Span::raw(" "));
    }
    frame.render_widget(
        Paragraph::new(Line::from(tabs)),
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
    if view.filter.is_active() {
        let mut spans = vec![Span::raw(" ")];
        spans.extend(
            view.filter
                .spans(usize::from(area.width), theme.dim, theme.key),
        );
        frame.render_widget(
            Paragraph::new(Line::from(spans)),
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
        );
    }
    let body = Rect {
        y: area.y + 3,
        height: area.height.saturating_sub(4),
        ..area
    };
    let width = usize::from(body.width)
        .saturating_sub(4)
        .clamp(8, usize::from(m.config.max_width));
    let mut lines: Vec<Line> = Vec::new();
    let mut skip = view.scroll;
    for (i, entry) in view.entries.iter().enumerate().skip(view.selected) {
        if lines.len() >= usize::from(body.height) {
            break;
        }
        let b: &Arc<_> = &entry.briefing;
        let Some(section) = b.sections.get(entry.section) else {
            continue;
        };
        let mut header = format!(" {}", sanitize_line(&b.title));
        if let Some(d) = b.date {
            header.push_str(&format!(" · {}", d.human()));
        }
        header.push_str(&format!(
            " · §{} {}",
            entry.section + 1,
            sanitize_line(&section.title)
        ));
        let header = truncate(&header, usize::from(body.width));
        let style = if i == view.selected {
            theme.selected_focused
        } else {
            theme.heading
        };
        let mut entry_lines = vec![Line::from(Span::styled(header, style))];
        for date in &section.dates {
            entry_lines.push(Line::from(Span::styled(
                truncate(
                    &format!("   ◷ {}", date.describe()),
                    usize::from(body.width),
                ),
                theme.date,
            )));
        }
        let notes = view.notes.get(&(b.id.clone(), section.id.clone()));
        for note_body in notes.into_iter().flatten() {
            let first = note_body
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            entry_lines.push(Line::from(Span::styled(
                truncate(
                    &format!("   ✎ {}", sanitize_line(first)),
                    usize::from(body.width),
                ),
                theme.note,
            )));
        }
        for block in render_markdown(&section.body) {
            entry_lines.push(Line::raw(""));
            for w in wrap_block(&block, width) {
                let prefix = if w.first {
                    &block.prefix_first
                } else {
                    &block.prefix_rest
                };
                entry_lines.push(Line::raw(format!("   {prefix}{}", &block.text[w.range])));
            }
            if lines.len() + entry_lines.len() > usize::from(body.height) + skip {
                break;
            }
        }
        entry_lines.push(Line::raw(""));
        for line in entry_lines {
            if skip > 0 && i == view.selected {
                skip -= 1;
                continue;
            }
            lines.push(line);
        }
    }
    if view.entries.is_empty() {
        lines.push(Line::from(Span::styled(
            " Nothing of this kind.",
            theme.dim,
        )));
    }
    lines.truncate(usize::from(body.height));
    frame.render_widget(Paragraph::new(lines), body);
}
