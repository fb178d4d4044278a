//! The sources view (`O`): every source of the open briefing with its grade (the
//! Admiralty code: reliability A–F, credibility 1–6) and why it is graded so, the
//! passages that cite it, the notes made on those passages, and the sections that rest
//! on a single source. `w` withdraws a source (kept with the notes, never written into
//! the briefing): the passages and notes depending on it are what is listed under it.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::briefing::Briefing;
use crate::domain::i18n::{DocLabel, Lang, t};
use crate::domain::text::{sanitize_line, truncate};
use crate::domain::tradecraft::grade::{Credibility, Grade, Reliability};
use crate::keys::{Action, Context};
use crate::tr;
use crate::tui::effect::{Effect, Go, NoteOp, Place};
use crate::tui::messages::Message;
use crate::tui::model::Model;
use crate::tui::notebook::BlockPos;
use crate::tui::widgets::scroll::{moved, scroll_top};
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::{centered, overlay_frame, padded};

/// A row of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A heading.
    Heading(String),
    /// A source: its id (none when it cannot be cited) and its line.
    Source(Option<String>, String),
    /// A line about the source above (its grading), not selectable.
    Detail(String),
    /// A passage citing the source: where it is, and its line.
    Passage(Place, String),
    /// A note on such a passage: its id, and its line.
    Note(String, String),
}

impl Row {
    fn selectable(&self) -> bool {
        matches!(self, Row::Source(..) | Row::Passage(..) | Row::Note(..))
    }
}

/// The view's state.
#[derive(Debug, Clone, Default)]
pub struct SourcesView {
    /// The rows.
    pub rows: Vec<Row>,
    /// The selected row.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// Rows in view.
    height: usize,
}

/// The first words of a paragraph, for a passage's line.
fn snippet(briefing: &Briefing, unit: usize, block: usize) -> String {
    crate::domain::placing::unit_blocks(briefing, unit)
        .get(block)
        .map(|b| truncate(&sanitize_line(&b.text), 60))
        .unwrap_or_default()
}

/// What a grade means, in `lang`: `usually reliable; probably true` / `habituellement
/// fiable ; probablement vraie` (the Admiralty code's words).
fn grade_meaning(grade: Grade, lang: Lang) -> String {
    let reliability = grade.reliability.map(|r| {
        t(
            lang,
            match r {
                Reliability::A => "grade-reliability-a",
                Reliability::B => "grade-reliability-b",
                Reliability::C => "grade-reliability-c",
                Reliability::D => "grade-reliability-d",
                Reliability::E => "grade-reliability-e",
                Reliability::F => "grade-reliability-f",
            },
        )
    });
    let credibility = grade.credibility.map(|c| {
        t(
            lang,
            match c {
                Credibility::Confirmed => "grade-credibility-1",
                Credibility::ProbablyTrue => "grade-credibility-2",
                Credibility::PossiblyTrue => "grade-credibility-3",
                Credibility::Doubtful => "grade-credibility-4",
                Credibility::Improbable => "grade-credibility-5",
                Credibility::CannotBeJudged => "grade-credibility-6",
            },
        )
    });
    match (reliability, credibility) {
        (Some(r), Some(c)) => tr!(lang, "grade-meaning", reliability = r, credibility = c),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    }
}

impl SourcesView {
    /// The view of the open briefing's sources.
    pub fn new(m: &Model, height: usize) -> SourcesView {
        let mut view = SourcesView {
            height: height.max(1),
            ..SourcesView::default()
        };
        view.refresh(m);
        view
    }

    /// Rebuilds the rows (a source was withdrawn or taken back, notes changed).
    pub fn refresh(&mut self, m: &Model) {
        let Some(b) = m.open.clone() else {
            self.rows.clear();
            return;
        };
        let set = m.open_set();
        let lang = m.lang;
        // Places in the briefing are named as the briefing names them.
        let doc = crate::tui::widgets::doc_labels(&b, lang);
        let mut rows = Vec::new();
        if b.sources.is_empty() {
            rows.push(Row::Heading(t(lang, "sources-none")));
        }
        for src in &b.sources {
            let withdrawn = src
                .id
                .as_deref()
                .is_some_and(|id| set.is_some_and(|s| s.is_withdrawn(id)));
            let grade = src.grade();
            let mut line = sanitize_line(&src.name).into_owned();
            if let Some(id) = &src.id {
                line.push_str(&format!(" [{}]", sanitize_line(id)));
            }
            if withdrawn {
                line.push_str(" · ");
                line.push_str(&t(lang, "sources-withdrawn-mark"));
            }
            line.push_str(&if grade.is_empty() {
                format!(" · {}", t(lang, "sources-not-graded"))
            } else {
                format!(" · {} ({})", grade.label(), grade_meaning(grade, lang))
            });
            rows.push(Row::Source(src.id.clone(), line));
            if let Some(why) = &src.grading {
                rows.push(Row::Detail(format!("    {}", sanitize_line(why))));
            }
            if let Some(url) = &src.url {
                rows.push(Row::Detail(format!("    {}", sanitize_line(url))));
            }
            let Some(id) = &src.id else {
                rows.push(Row::Detail(format!("    {}", t(lang, "sources-no-id"))));
                continue;
            };
            let passages = b.passages_citing(id);
            if passages.is_empty() {
                rows.push(Row::Detail(format!(
                    "    {}",
                    t(lang, "sources-cited-nowhere")
                )));
            }
            for p in &passages {
                let unit = p.section.map_or(0, |s| s + 1);
                let title = p.section.and_then(|s| b.sections.get(s)).map_or_else(
                    || doc.get(DocLabel::BottomLine),
                    |s| sanitize_line(&s.title).into_owned(),
                );
                let place_name = if unit == 0 {
                    title.clone()
                } else {
                    format!("§{unit} {}", truncate(&title, 30))
                };
                let (place, text) = match p.block {
                    Some(block) => (
                        Place::Block(BlockPos { unit, block }),
                        format!(
                            "    {place_name} — {}",
                            tr!(lang, "text-quoted", text = snippet(&b, unit, block))
                        ),
                    ),
                    None => (
                        Place::Unit(unit),
                        format!("    {place_name} — {}", t(lang, "sources-whole-section")),
                    ),
                };
                rows.push(Row::Passage(place, text));
                // The notes made on this passage depend on the source too.
                if let Some(set) = set {
                    for note in &set.file.notes {
                        let at = m
                            .placed
                            .placed
                            .get(&note.id)
                            .and_then(|pl| pl.at.as_ref().map(|(pos, _)| *pos));
                        let Some(pos) = at else { continue };
                        if pos.unit >= 1 && p.covers(pos.unit - 1, pos.block) {
                            let first = note.body.lines().next().unwrap_or("");
                            rows.push(Row::Note(
                                note.id.clone(),
                                format!("      ✎ {}", truncate(&sanitize_line(first), 60)),
                            ));
                        }
                    }
                }
            }
        }
        let single: Vec<String> = b
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.rests_on_single_source())
            .map(|(i, _)| format!("§{}", i + 1))
            .collect();
        if !single.is_empty() {
            rows.push(Row::Heading(String::new()));
            rows.push(Row::Heading(tr!(
                lang,
                "sources-single",
                sections = single.join(", ")
            )));
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        if !self.rows.get(self.selected).is_some_and(Row::selectable) {
            self.selected = self.rows.iter().position(Row::selectable).unwrap_or(0);
        }
        self.offset = scroll_top(self.selected, self.offset, self.height, self.rows.len());
    }

    fn step(&mut self, delta: isize) {
        let len = self.rows.len();
        let mut at = self.selected;
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                (at + 1..len).find(|&i| self.rows[i].selectable())
            } else {
                (0..at).rev().find(|&i| self.rows[i].selectable())
            };
            match next {
                Some(i) => at = i,
                None => break,
            }
        }
        self.selected = at;
    }

    /// The source the selection belongs to.
    fn source(&self) -> Option<&str> {
        self.rows[..=self.selected.min(self.rows.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|r| match r {
                Row::Source(id, _) => Some(id.as_deref()),
                _ => None,
            })
            .flatten()
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action, m: &Model) -> Option<Vec<Effect>> {
        let page = self.height as isize;
        match action {
            Action::Next => self.step(1),
            Action::Previous => self.step(-1),
            Action::PageDown | Action::HalfPageDown => self.step(page / 2),
            Action::PageUp | Action::HalfPageUp => self.step(-page / 2),
            Action::Top => self.step(-(self.rows.len() as isize)),
            Action::Bottom => self.step(self.rows.len() as isize),
            Action::Back | Action::Sources => return Some(vec![Effect::Close]),
            Action::Search => {
                return Some(vec![Effect::Say(Message::info(t(
                    m.lang,
                    "sources-nothing-to-filter",
                )))]);
            }
            Action::Open => {
                let id = m.open_id()?.to_string();
                let at = match self.rows.get(self.selected)? {
                    Row::Passage(place, _) => place.clone(),
                    Row::Note(note, _) => Place::Annotation(note.clone()),
                    _ => return Some(Vec::new()),
                };
                return Some(vec![
                    Effect::Close,
                    Effect::Go(Go::Briefing { id, at: Some(at) }),
                ]);
            }
            Action::Withdraw => {
                let Some(id) = self.source().map(str::to_string) else {
                    return Some(vec![Effect::Say(Message::info(t(
                        m.lang,
                        "sources-cannot-withdraw",
                    )))]);
                };
                let withdrawn = m.open_set().is_some_and(|s| s.is_withdrawn(&id));
                return Some(vec![
                    Effect::Note(NoteOp::Withdraw {
                        source: id,
                        withdrawn: !withdrawn,
                    }),
                    Effect::Say(Message::info(t(
                        m.lang,
                        if withdrawn {
                            "sources-taken-back"
                        } else {
                            "sources-withdrawn"
                        },
                    ))),
                ]);
            }
            _ => return None,
        }
        self.offset = scroll_top(self.selected, self.offset, self.height, self.rows.len());
        Some(Vec::new())
    }

    /// Draws the view.
    pub fn render(&self, m: &Model, theme: &Theme, frame: &mut Frame) {
        let area = frame.area();
        let rect = centered(
            area,
            area.width.saturating_sub(4).min(110),
            area.height.saturating_sub(2),
        );
        let withdraw = m.keymap.label(Context::Sources, Action::Withdraw);
        let inner = overlay_frame(
            theme,
            frame,
            rect,
            &tr!(m.lang, "sources-title", key = withdraw),
        );
        let width = usize::from(inner.width);
        let lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(usize::from(inner.height))
            .map(|(i, row)| {
                let selected = i == self.selected;
                match row {
                    Row::Heading(t) => Line::from(Span::styled(truncate(t, width), theme.heading)),
                    Row::Detail(t) => Line::from(Span::styled(truncate(t, width), theme.dim)),
                    Row::Source(_, t) | Row::Passage(_, t) | Row::Note(_, t) => {
                        let style = if selected {
                            theme.selected_focused
                        } else if matches!(row, Row::Source(..)) {
                            theme.heading
                        } else {
                            theme.text
                        };
                        padded(t, width, style)
                    }
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        let _ = moved;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tradecraft::grade::{CREDIBILITIES, RELIABILITIES};

    #[test]
    fn grades_mean_in_english_what_the_domain_says_and_in_french_its_own_words() {
        for reliability in RELIABILITIES {
            for credibility in CREDIBILITIES {
                let grade = Grade {
                    reliability: Some(reliability),
                    credibility: Some(credibility),
                };
                assert_eq!(grade_meaning(grade, Lang::En), grade.meaning());
                assert_ne!(grade_meaning(grade, Lang::Fr), grade.meaning());
            }
        }
        let b2 = Grade {
            reliability: Some(Reliability::B),
            credibility: Some(Credibility::ProbablyTrue),
        };
        assert_eq!(
            grade_meaning(b2, Lang::Fr),
            "habituellement fiable\u{202f}; probablement vraie"
        );
        let only = Grade {
            reliability: None,
            credibility: Some(Credibility::Doubtful),
        };
        assert_eq!(grade_meaning(only, Lang::Fr), "douteuse");
    }
}
