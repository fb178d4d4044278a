//! The timeline (`T`): every structured date of the library by month, today marked
//! among the dated ones, the dates whose year the sources do not state in a group of
//! their own below (never under the "today" rule, where they would read as future);
//! ranges drawn as bars on a day strip when the screen is wide enough, a month named
//! without a day as a mark. The date column is as wide as the widest date shown, so a
//! date is never cut: the label is. `/` filters; `Enter` opens the passage.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::text::{display_width, sanitize_line};
use crate::domain::timeline::{MonthGroup, days_covered, is_past};
use crate::keys::{Action, Context};
use crate::tui::effect::{Effect, Go, Place};
use crate::tui::model::Model;
use crate::tui::widgets::clip::clip;
use crate::tui::widgets::filter::Filter;
use crate::tui::widgets::scroll::scroll_top;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::title_line;

/// A row of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    /// A month heading (index into the groups).
    Month(usize),
    /// The "today" marker.
    Today,
    /// The heading of the dates whose year is not stated.
    Undated,
    /// A date: group and entry.
    Entry(usize, usize),
}

/// The timeline's state.
#[derive(Debug, Clone)]
pub struct TimelineView {
    /// The dates, by month.
    pub groups: Vec<MonthGroup>,
    /// What is drawn, top to bottom.
    pub rows: Vec<TimelineRow>,
    /// The selected row (always an entry when there is one).
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    /// Today, as the marker shows it.
    pub today: jiff::civil::Date,
    /// The filter (`/`): by briefing, tag, kind, confidence or label.
    pub filter: Filter,
    /// Rows in view.
    height: usize,
    /// The widest date shown, in columns: the date column's width.
    date_width: usize,
    /// How many briefings have dates.
    briefing_count: usize,
}

/// What the filter looks at in an entry: the briefing's title and tags, the section's
/// title and kind, the date's label and confidence.
fn entry_text(entry: &crate::domain::timeline::TimelineEntry) -> String {
    let b = &entry.briefing;
    let mut text = format!("{} {} {}", b.title, b.tags.join(" "), entry.section_title);
    if let Some(k) = &entry.kind {
        text.push(' ');
        text.push_str(&k.label());
        text.push(' ');
        text.push_str(k.as_str());
    }
    for part in [&entry.span.label, &entry.span.confidence]
        .into_iter()
        .flatten()
    {
        text.push(' ');
        text.push_str(part);
    }
    text
}

impl TimelineView {
    /// Builds the timeline of a library, with `today` marked.
    pub fn new(groups: Vec<MonthGroup>, today: jiff::civil::Date, height: usize) -> TimelineView {
        let mut view = TimelineView {
            groups,
            briefing_count: 0,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            today,
            filter: Filter::default(),
            height: height.max(1),
            date_width: 0,
        };
        view.briefing_count = view.count_briefings();
        view.rebuild();
        view
    }

    /// How many briefings have dates.
    pub fn briefings(&self) -> usize {
        self.briefing_count
    }

    fn count_briefings(&self) -> usize {
        let mut ids: Vec<&str> = self
            .groups
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.briefing.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.filter.editing {
            Context::Prompt
        } else {
            Context::Timeline
        }
    }

    /// The rows drawn, from the groups and the filter; the selection on the first entry.
    /// Dated months come first, with "today" among them: before the first date that is
    /// not over (above its month's heading when it is the month's first), or after the
    /// last. The months without a year follow under their own heading. "Today" is shown
    /// only when a dated month is.
    fn rebuild(&mut self) {
        let mut dated = Vec::new();
        let mut undated = Vec::new();
        let mut date_width = 0;
        let mut today_placed = false;
        for (g, group) in self.groups.iter().enumerate() {
            let rows = if group.is_dated() {
                &mut dated
            } else {
                &mut undated
            };
            let mut heading = false;
            for (e, entry) in group.entries.iter().enumerate() {
                if !self.filter.matches(&entry_text(entry)) {
                    continue;
                }
                date_width = date_width.max(display_width(&entry.span.human()));
                if group.is_dated() && !today_placed && !is_past(&entry.span, self.today) {
                    rows.push(TimelineRow::Today);
                    today_placed = true;
                }
                if !heading {
                    rows.push(TimelineRow::Month(g));
                    heading = true;
                }
                rows.push(TimelineRow::Entry(g, e));
            }
        }
        if !dated.is_empty() && !today_placed {
            dated.push(TimelineRow::Today);
        }
        let mut rows = dated;
        if !undated.is_empty() {
            rows.push(TimelineRow::Undated);
            rows.extend(undated);
        }
        self.selected = rows
            .iter()
            .position(|r| matches!(r, TimelineRow::Entry(..)))
            .unwrap_or(0);
        self.offset = 0;
        self.rows = rows;
        self.date_width = date_width;
    }

    /// How many dates are shown (after the filter).
    pub fn shown(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, TimelineRow::Entry(..)))
            .count()
    }

    /// Text typed into the filter.
    pub fn on_text(&mut self, text: &str) {
        if self.filter.editing {
            self.filter.on_text(text);
            self.rebuild();
        }
    }

    fn step(&mut self, down: bool, times: usize) {
        for _ in 0..times {
            let found = if down {
                (self.selected + 1..self.rows.len())
                    .find(|&i| matches!(self.rows[i], TimelineRow::Entry(..)))
            } else {
                (0..self.selected)
                    .rev()
                    .find(|&i| matches!(self.rows[i], TimelineRow::Entry(..)))
            };
            match found {
                Some(i) => self.selected = i,
                None => break,
            }
        }
    }

    /// Adapts to the rows in view (the screen less its title and status lines).
    pub fn resize(&mut self, size: Rect) {
        self.height = usize::from(size.height.saturating_sub(3)).max(1);
        self.keep_visible();
    }

    fn keep_visible(&mut self) {
        // Show the month heading above the first entry too.
        let selected = self
            .selected
            .saturating_sub(usize::from(self.selected <= self.offset));
        self.offset = scroll_top(selected, self.offset, self.height, self.rows.len());
    }

    /// Takes an action; `None` when it means nothing here.
    pub fn on_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        if self.filter.editing {
            if self.filter.on_action(action)? {
                self.rebuild();
            }
            return Some(Vec::new());
        }
        let half = self.height / 2;
        match action {
            Action::Search => {
                self.filter.start();
                self.rebuild();
            }
            Action::Back if self.filter.clear() => self.rebuild(),
            Action::Back => return Some(vec![Effect::Go(Go::Back)]),
            Action::Timeline => return Some(vec![Effect::Go(Go::Back)]),
            Action::Open => {
                let Some(TimelineRow::Entry(g, e)) = self.rows.get(self.selected).copied() else {
                    return Some(Vec::new());
                };
                let entry = &self.groups[g].entries[e];
                return Some(vec![Effect::Go(Go::Briefing {
                    id: entry.briefing.id.clone(),
                    at: Some(Place::Unit(entry.section + 1)),
                })]);
            }
            Action::Next => self.step(true, 1),
            Action::Previous => self.step(false, 1),
            Action::PageDown | Action::HalfPageDown => self.step(true, half.max(1)),
            Action::PageUp | Action::HalfPageUp => self.step(false, half.max(1)),
            Action::Top => self.step(false, usize::MAX / 2),
            Action::Bottom => self.step(true, usize::MAX / 2),
            _ => return None,
        }
        self.keep_visible();
        Some(Vec::new())
    }
}

/// Below this width the timeline is a list without the day strip.
pub const STRIP_MIN_WIDTH: u16 = 100;

/// The day strip's width: 31 days and a gap.
const STRIP: usize = 33;

/// Draws the timeline over the whole screen but the status line.
pub fn render(view: &TimelineView, _m: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let dates: usize = view.groups.iter().map(|g| g.entries.len()).sum();
    let count = if view.filter.is_active() {
        format!("{} of {dates} dates", view.shown())
    } else {
        format!("{dates} dates")
    };
    title_line(
        theme,
        frame,
        format!(
            " Timeline · {count} in {}",
            crate::tui::messages::plural(view.briefings(), "briefing", "briefings")
        ),
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
                y: area.y + 1,
                height: 1,
                ..area
            },
        );
    }
    let list = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(3),
        ..area
    };
    let width = usize::from(area.width);
    let strip = area.width >= STRIP_MIN_WIDTH;
    // The date column holds the widest date shown and a month's name (with its year).
    let headings = view
        .rows
        .iter()
        .filter_map(|r| match r {
            TimelineRow::Month(g) => Some(display_width(&heading(&view.groups[*g]))),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let date_col = (3 + view.date_width + 2).max(1 + headings + 2);
    let mut lines = Vec::new();
    if view.groups.is_empty() {
        lines.push(Line::from(Span::styled(
            " No briefing in the library has structured dates ([[sections.dates]]).",
            theme.dim,
        )));
    } else if view
        .rows
        .iter()
        .all(|r| !matches!(r, TimelineRow::Entry(..)))
    {
        lines.push(Line::from(Span::styled(
            " No date matches the filter.",
            theme.dim,
        )));
    }
    for (i, row) in view.rows.iter().enumerate().skip(view.offset) {
        if lines.len() >= usize::from(list.height) {
            break;
        }
        let line = match *row {
            TimelineRow::Today => rule(
                &format!(
                    " ── today · {} ",
                    crate::domain::date::PartialDate::from(view.today).human()
                ),
                width,
                theme.key,
            ),
            TimelineRow::Undated => rule(" ── year not stated ", width, theme.heading),
            TimelineRow::Month(g) => {
                let group = &view.groups[g];
                let mut spans = vec![Span::styled(
                    format!(" {:<w$}", heading(group), w = date_col - 1),
                    theme.heading,
                )];
                if strip {
                    spans.push(Span::styled(ruler(group.days()), theme.dim));
                }
                Line::from(spans)
            }
            TimelineRow::Entry(g, e) => {
                let group = &view.groups[g];
                let entry = &group.entries[e];
                // The date whole; on a screen narrower than it, the screen's edge cuts.
                let mut spans = vec![Span::styled(
                    format!("   {:<w$}", entry.span.human(), w = date_col - 3),
                    theme.date,
                )];
                if strip {
                    spans.push(match days_covered(group, &entry.span) {
                        Some((first, last)) => {
                            Span::styled(bar(group.days(), first, last), theme.key)
                        }
                        None => Span::styled(format!("{:<STRIP$}", "◆ day not stated"), theme.dim),
                    });
                }
                let mut text = String::new();
                if let Some(label) = &entry.span.label {
                    text.push_str(&sanitize_line(label));
                    text.push_str(" — ");
                }
                text.push_str(&format!(
                    "{} · {}",
                    sanitize_line(&entry.briefing.title),
                    sanitize_line(&entry.section_title)
                ));
                if let Some(c) = &entry.span.confidence {
                    text.push_str(&format!(" ({})", sanitize_line(c)));
                }
                let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
                let text = clip(&text, width.saturating_sub(used));
                let pad = width.saturating_sub(used + display_width(&text));
                spans.push(Span::raw(format!("{text}{}", " ".repeat(pad))));
                let mut line = Line::from(spans);
                if i == view.selected {
                    line = line.style(theme.selected_focused);
                }
                line
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// A month's heading: `October 2026`, or `September` under "year not stated".
fn heading(group: &MonthGroup) -> String {
    if group.is_dated() {
        group.label()
    } else {
        group.month_name().to_string()
    }
}

/// ` ── text ─────…`: a rule across the screen.
fn rule(text: &str, width: usize, style: ratatui::style::Style) -> Line<'static> {
    let text = clip(text, width);
    let fill = width.saturating_sub(display_width(&text));
    Line::from(Span::styled(format!("{text}{}", "─".repeat(fill)), style))
}

/// `1    5    10   15   20   25   30`: a day ruler for a month.
fn ruler(days: u8) -> String {
    let mut out = String::new();
    let mut day = 1u8;
    while day <= days {
        if day == 1 || day.is_multiple_of(5) {
            let label = day.to_string();
            out.push_str(&label);
            day += label.len() as u8;
        } else {
            out.push(' ');
            day += 1;
        }
    }
    format!("{out:<STRIP$}")
}

/// `·········━━━━··················`: the days a range covers in its month.
fn bar(days: u8, first: u8, last: u8) -> String {
    let out: String = (1..=days)
        .map(|d| {
            if (first..=last).contains(&d) {
                '━'
            } else {
                '·'
            }
        })
        .collect();
    format!("{out:<STRIP$}")
}
