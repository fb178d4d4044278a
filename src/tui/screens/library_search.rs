//! The library-wide search (`S`): type, and hits stream in from a background thread,
//! grouped by briefing; `Enter` opens the passage with the term highlighted, and
//! `n`/`N` go on searching it there. A new query stops the one before it; so does
//! closing the overlay.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::fold::fold_query;
use crate::domain::search::{Field, LibraryHit};
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::keys::Action;
use crate::tui::effect::{Effect, Go, Place};
use crate::tui::jobs::Job;
use crate::tui::model::Model;
use crate::tui::notebook::BlockPos;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::scroll::{moved, scroll_top};
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame};

/// The library search's state.
#[derive(Debug)]
pub struct LibrarySearch {
    /// What was typed.
    pub input: LineInput,
    /// The hits so far, in arrival order (grouped by briefing).
    pub hits: Vec<LibraryHit>,
    /// The selected hit.
    pub selected: usize,
    /// The first visible hit.
    pub offset: usize,
    /// The search this overlay shows (results of older ones are dropped).
    pub generation: u64,
    /// Results are still coming.
    pub running: bool,
    /// The current generation, shared with the search thread so it can stop.
    current: Arc<AtomicU64>,
    /// Rows in view.
    height: usize,
}

impl Drop for LibrarySearch {
    fn drop(&mut self) {
        // Closed: the search thread stops at its next briefing.
        self.current.fetch_add(1, Ordering::SeqCst);
    }
}

impl LibrarySearch {
    /// The overlay, with `query` typed (the last one, kept between openings).
    pub fn new(query: &str, height: usize) -> LibrarySearch {
        LibrarySearch {
            input: LineInput::with(query),
            hits: Vec::new(),
            selected: 0,
            offset: 0,
            generation: 0,
            running: false,
            current: Arc::new(AtomicU64::new(0)),
            height: height.max(1),
        }
    }

    /// Starts the query typed so far (stopping the one before); the work to do, if any.
    pub fn start(&mut self, m: &Model) -> Vec<Effect> {
        self.generation = self.current.fetch_add(1, Ordering::SeqCst) + 1;
        self.hits.clear();
        self.selected = 0;
        self.offset = 0;
        let query = fold_query(self.input.text());
        if query.is_empty() {
            self.running = false;
            return Vec::new();
        }
        self.running = true;
        if let Some(archive) = &m.archive {
            return vec![Effect::Work(Job::SearchArchive(
                archive.clone(),
                query,
                self.generation,
                self.current.clone(),
            ))];
        }
        match &m.index {
            Some(index) => vec![Effect::Work(Job::SearchLibrary(
                index.clone(),
                query,
                self.generation,
                self.current.clone(),
            ))],
            // The index is being built: the search starts when it is ready.
            None => Vec::new(),
        }
    }

    /// Hits of a search arrived.
    pub fn add_hits(&mut self, generation: u64, hits: Vec<LibraryHit>) {
        if generation == self.generation {
            self.hits.extend(hits);
        }
    }

    /// A search ended.
    pub fn finished(&mut self, generation: u64) {
        if generation == self.generation {
            self.running = false;
        }
    }

    /// Adapts to the rows in view.
    pub fn resize(&mut self, height: usize) {
        self.height = height.max(1);
        self.offset = scroll_top(self.selected, self.offset, self.height, self.hits.len());
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        let len = self.hits.len();
        let page = self.height as isize;
        match action {
            Action::Cancel => return Some(vec![Effect::Close]),
            Action::Open => {
                let Some(hit) = self.hits.get(self.selected) else {
                    return Some(Vec::new());
                };
                let at = BlockPos {
                    unit: hit.unit,
                    block: hit.block,
                };
                let place = match &hit.note_id {
                    Some(id) => Place::Annotation(id.clone()),
                    None => Place::Found {
                        at,
                        query: self.input.text().to_string(),
                    },
                };
                return Some(vec![
                    Effect::Close,
                    Effect::Go(Go::Briefing {
                        id: hit.briefing.clone(),
                        at: Some(place),
                    }),
                ]);
            }
            Action::Next => self.selected = moved(self.selected, 1, len),
            Action::Previous => self.selected = moved(self.selected, -1, len),
            Action::PageDown => self.selected = moved(self.selected, page, len),
            Action::PageUp => self.selected = moved(self.selected, -page, len),
            other => {
                if self.input.apply(other)? {
                    return Some(self.start(m));
                }
            }
        }
        self.offset = scroll_top(self.selected, self.offset, self.height, len);
        Some(Vec::new())
    }

    /// Typed text.
    pub fn on_text(&mut self, text: &str, m: &Model) -> Vec<Effect> {
        self.input.insert(text);
        self.start(m)
    }
}

/// Draws the library-wide search: results grouped by briefing and section.
pub fn render(view: &LibrarySearch, m: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(120),
        area.height.saturating_sub(2),
    );
    let status = if m.index.is_none() {
        "indexing the library…".to_string()
    } else if view.running {
        format!("{} found, searching…", view.hits.len())
    } else if view.input.is_empty() {
        "type to search titles, tags, summaries, sections and notes".to_string()
    } else {
        format!("{} found", view.hits.len())
    };
    let inner = overlay_frame(theme, frame, rect, "Search the library");
    let width = usize::from(inner.width);
    let mut first = vec![Span::styled("› ", theme.key)];
    let status_width = crate::domain::text::display_width(&status) + 2;
    first.extend(view.input.spans(
        width.saturating_sub(2 + status_width).max(10),
        theme.key,
        true,
    ));
    first.push(Span::styled(format!("  {status}"), theme.dim));
    let mut lines = vec![Line::from(first)];
    let mut last_briefing: Option<&str> = None;
    let height = usize::from(inner.height);
    for (i, hit) in view.hits.iter().enumerate().skip(view.offset) {
        if lines.len() >= height {
            break;
        }
        if last_briefing != Some(hit.briefing.as_str()) {
            let title = m.shelf.get(&hit.briefing).map_or_else(
                || sanitize_line(&hit.briefing).into_owned(),
                |b| sanitize_line(&b.title).into_owned(),
            );
            lines.push(Line::from(Span::styled(
                truncate(&title, width),
                theme.heading,
            )));
            last_briefing = Some(hit.briefing.as_str());
            if lines.len() >= height {
                break;
            }
        }
        let place = match hit.field {
            Field::Title => "title".to_string(),
            Field::Tags => "tags".to_string(),
            Field::Summary => "summary".to_string(),
            Field::Note => "note".to_string(),
            _ => {
                let section = hit
                    .section_title
                    .as_deref()
                    .map_or_else(String::new, |t| sanitize_line(t).into_owned());
                format!("§{} {}", hit.unit, truncate(&section, 28))
            }
        };
        let selected = i == view.selected;
        let base = if selected {
            theme.selected_focused
        } else {
            theme.text
        };
        let lead = format!("  {place}: ");
        // Fitted to the room left, the match centred in it: never cut at the edge.
        let room = width.saturating_sub(display_width(&lead));
        let (snippet, highlight) = if display_width(&hit.snippet) > room {
            crate::domain::search::snippet_within(&hit.snippet, hit.highlight.clone(), room)
        } else {
            (hit.snippet.clone(), hit.highlight.clone())
        };
        let snippet = &snippet;
        let (a, b) = (
            highlight.start.min(snippet.len()),
            highlight.end.min(snippet.len()),
        );
        let valid = snippet.is_char_boundary(a) && snippet.is_char_boundary(b);
        let mut spans = vec![Span::styled(
            lead.clone(),
            if selected { base } else { theme.dim },
        )];
        if valid {
            spans.push(Span::styled(snippet[..a].to_string(), base));
            spans.push(Span::styled(
                snippet[a..b].to_string(),
                base.patch(theme.search_match),
            ));
            spans.push(Span::styled(snippet[b..].to_string(), base));
        } else {
            spans.push(Span::styled(snippet.clone(), base));
        }
        let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
        if used < width {
            spans.push(Span::styled(" ".repeat(width - used), base));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
