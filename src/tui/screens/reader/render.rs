//! Drawing the reader screen: the banner and the title line, the outline, and the
//! reading pane — the visible rows of the continuous flow (overview, then each
//! section), a gutter with the paragraph cursor and the bookmark and note marks, and
//! body text styled from its Markdown, with search matches and chosen sentences
//! highlighted. Draws only the rows in view, and changes nothing.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::Paragraph;

use super::layout::{Line, Role};
use super::{Focus, ReaderScreen};
use crate::domain::i18n::{DocLabels, Lang, format_partial_date, t};
use crate::domain::text::{display_width, sanitize_line, truncate};
use crate::tr;
use crate::tui::model::Model;
use crate::tui::notebook::BlockPos;
use crate::tui::widgets::doc_labels;
use crate::tui::widgets::theme::Theme;

/// Draws the screen (all but the status line).
pub fn render(screen: &ReaderScreen, m: &Model, theme: &Theme, frame: &mut Frame) {
    let areas = screen.areas();
    let briefing = screen.briefing();
    // The banner and the title line are the briefing's: in its language.
    let doc = doc_labels(briefing, m.lang);
    if let Some(rect) = areas.banner {
        render_banner(briefing, &doc, theme, frame, rect);
    }
    render_header(
        screen,
        &doc,
        theme,
        frame,
        areas.header,
        areas.banner.is_none(),
    );
    if let Some(rect) = areas.outline {
        super::outline::render_outline(screen, m, theme, frame, rect);
    }
    if let Some(rect) = areas.reader {
        match &screen.changes {
            // Text where the pane's text is: after the gutter.
            Some(view) => {
                let gutter = super::GUTTER.min(rect.width.saturating_sub(8));
                let text = Rect {
                    x: rect.x + gutter,
                    width: rect.width - gutter,
                    ..rect
                };
                view.render(theme, frame, text)
            }
            None => render_pane(screen, m, theme, frame, rect),
        }
    }
}

/// What the status line says of the reader, in the interface's language `lang`:
/// `§3/12 25%` (or `overview/12`), then the search — `/query▏` while typing, then
/// `match 3/17`, `no match` or `indexing…`. `with_search` is false while an overlay is
/// on top. The app's status line calls it with the model's language.
pub fn status_facts(
    screen: &ReaderScreen,
    lang: Lang,
    theme: &Theme,
    with_search: bool,
) -> Vec<Span<'static>> {
    let units = screen.pane.units();
    let unit = screen.pane.current_unit();
    let place = if unit == 0 {
        tr!(lang, "status-overview", total = units - 1)
    } else {
        format!("§{}/{}", unit, units - 1)
    };
    let percent = tr!(lang, "status-percent", percent = screen.pane.percent());
    let mut spans = vec![
        Span::raw(format!(" {place} ")),
        Span::styled(format!("{percent} "), theme.dim),
    ];
    let Some(search) = screen.search.as_ref().filter(|_| with_search) else {
        return spans;
    };
    let query = search.input.text();
    let count = if screen.index.is_none() {
        t(lang, "search-indexing")
    } else if search.matches.is_empty() {
        if query.is_empty() {
            String::new()
        } else {
            t(lang, "search-no-match")
        }
    } else {
        let id = if search.capped {
            "search-match-capped"
        } else {
            "search-match"
        };
        tr!(
            lang,
            id,
            current = search.current.map_or(0, |c| c + 1),
            total = search.matches.len()
        )
    };
    spans.push(Span::styled(" /", theme.key));
    spans.extend(search.input.spans(30, theme.key, search.editing));
    let style = if search.matches.is_empty() && !query.is_empty() {
        theme.warning
    } else {
        theme.dim
    };
    spans.push(Span::styled(format!(" {count} "), style));
    spans
}

/// The banner: the declared classification, the highest marking of the content when
/// it is higher (or the classification is not recognised), and the TLP label in TLP's
/// colours — every part in words, so it reads the same without colour.
fn render_banner(
    b: &crate::domain::briefing::Briefing,
    doc: &DocLabels<'_>,
    theme: &Theme,
    frame: &mut Frame,
    rect: Rect,
) {
    let mut parts: Vec<(String, Style)> = Vec::new();
    if let Some(c) = &b.classification {
        parts.push((sanitize_line(c).into_owned(), theme.banner));
    }
    if let Some(hwm) = b.high_water_mark() {
        let higher = b
            .declared_level()
            .is_none_or(|declared| hwm.level > declared);
        if higher {
            parts.push((
                tr!(doc.lang(), "doc-content-up-to", marking = hwm.banner()),
                theme.banner,
            ));
        }
    }
    if let Some(tlp) = b.tlp {
        parts.push((tlp.label(), theme.tlp(tlp)));
    }
    let width = usize::from(rect.width);
    // Each part padded by a space either side, a " · " between two.
    let total: usize = parts
        .iter()
        .map(|(t, _)| display_width(t) + 2)
        .sum::<usize>()
        + 3 * parts.len().saturating_sub(1);
    let pad = width.saturating_sub(total) / 2;
    let mut spans = vec![Span::styled(" ".repeat(pad), theme.banner)];
    for (i, (text, style)) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.banner));
        }
        spans.push(Span::styled(format!(" {text} "), style));
    }
    let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), theme.banner));
    }
    frame.render_widget(Paragraph::new(TextLine::from(spans)), rect);
}

/// The title line: title, then date, language and (without a banner row) the
/// classification, right-aligned.
fn render_header(
    screen: &ReaderScreen,
    doc: &DocLabels<'_>,
    theme: &Theme,
    frame: &mut Frame,
    rect: Rect,
    no_banner: bool,
) {
    let b = screen.briefing();
    let mut right = Vec::new();
    if let Some(d) = &b.date {
        right.push(format_partial_date(d, doc.lang()));
    }
    if let Some(l) = &b.language {
        right.push(sanitize_line(l).into_owned());
    }
    if no_banner && let Some(c) = &b.classification {
        right.push(format!("[{}]", sanitize_line(c)));
    }
    let right = right.join(" · ");
    let width = usize::from(rect.width);
    let right_width = display_width(&right).min(width / 2);
    let right = truncate(&right, right_width);
    let title_room = width.saturating_sub(right_width + 3);
    let title = truncate(&sanitize_line(&b.title), title_room);
    let gap = width.saturating_sub(display_width(&title) + display_width(&right) + 1);
    let line = TextLine::from(vec![
        Span::styled(format!(" {title}"), theme.header),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), rect);
}

/// Draws the reading pane in `rect`.
fn render_pane(screen: &ReaderScreen, m: &Model, theme: &Theme, frame: &mut Frame, rect: Rect) {
    let reader = &screen.pane;
    let focused = screen.focus == Focus::Reader;
    let width = reader.width();
    let mut lines = Vec::with_capacity(usize::from(rect.height));
    // What `/` looks for, to mark it in headings and metadata too.
    let query = screen
        .search
        .as_ref()
        .filter(|s| !s.matches.is_empty())
        .map(|s| crate::domain::fold::fold_query(s.input.text()));
    for (unit, row, layout) in reader.visible() {
        let line = &layout.lines[row];
        let block = match line {
            Line::Body { block, .. } => Some(BlockPos {
                unit,
                block: *block,
            }),
            _ => None,
        };
        let mut spans = gutter(screen, m, theme, block, focused, line);
        match line {
            Line::Blank => {}
            Line::Note(text) => spans.push(Span::styled(text.clone(), theme.note)),
            Line::Styled(pieces) => {
                let current = screen
                    .search
                    .as_ref()
                    .is_some_and(|s| s.current_in_heading(unit));
                for (text, role) in pieces {
                    let style = role_style(theme, *role);
                    let found = query
                        .as_ref()
                        .map(|q| crate::domain::search::find_in(text, q))
                        .unwrap_or_default();
                    let mark = if current {
                        theme.search_current
                    } else {
                        theme.search_match
                    };
                    let mut at = 0;
                    for range in found {
                        if let (Some(before), Some(hit)) =
                            (text.get(at..range.start), text.get(range.clone()))
                        {
                            spans.push(Span::styled(before.to_owned(), style));
                            spans.push(Span::styled(hit.to_owned(), mark));
                            at = range.end;
                        }
                    }
                    spans.push(Span::styled(text.get(at..).unwrap_or("").to_owned(), style));
                }
            }
            Line::Body {
                block: b,
                first,
                range,
                cut,
            } => {
                if let (Some(blk), Some(pos)) = (layout.blocks.get(*b), block) {
                    let marks = highlights(screen, m, theme, pos);
                    crate::tui::widgets::blocks::block_line(
                        theme,
                        blk,
                        *first,
                        range.clone(),
                        width,
                        &marks,
                        &mut spans,
                    );
                }
                if *cut {
                    spans.push(Span::styled(crate::domain::wrap::CUT_MARKER, theme.dim));
                }
            }
        }
        lines.push(TextLine::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), rect);
}

/// The gutter: cursor bar, bookmark mark, note mark, a space.
fn gutter(
    screen: &ReaderScreen,
    m: &Model,
    theme: &Theme,
    block: Option<BlockPos>,
    focused: bool,
    line: &Line,
) -> Vec<Span<'static>> {
    let on_cursor = block.is_some() && block == screen.pane.cursor;
    let bar = if on_cursor {
        Span::styled("▌", if focused { theme.cursor } else { theme.dim })
    } else {
        Span::raw(" ")
    };
    // The marks of an annotated passage: ⚑ or ✎ on the line where it starts, a bar on
    // the lines it goes on, so the span is visible without colour.
    let passages = block.and_then(|b| m.placed.passages.get(&b));
    let (starts, continues) = match (line, passages) {
        (
            Line::Body {
                range, first: f, ..
            },
            Some(passages),
        ) => {
            let starts: Vec<&crate::tui::notebook::Passage> = passages
                .iter()
                .filter(|p| {
                    (p.range.start >= range.start && p.range.start < range.end.max(range.start + 1))
                        || (*f && p.range.start <= range.start && p.range.end > range.start)
                })
                .collect();
            let continues = passages
                .iter()
                .any(|p| p.range.start < range.start && p.range.end > range.start);
            (starts, continues)
        }
        _ => (Vec::new(), false),
    };
    let moved = starts.iter().any(|p| p.moved);
    let style = if moved { theme.attention } else { theme.mark };
    let bookmark = if starts.iter().any(|p| !p.note) {
        Span::styled("⚑", style)
    } else if continues && starts.is_empty() {
        Span::styled("│", theme.mark)
    } else {
        Span::raw(" ")
    };
    let note = if starts.iter().any(|p| p.note) {
        Span::styled("✎", style)
    } else {
        Span::raw(" ")
    };
    // A moved annotation says so by a shape, not only by its colour.
    let flag = if moved {
        Span::styled("?", theme.attention)
    } else {
        Span::raw(" ")
    };
    vec![bar, bookmark, note, flag]
}

/// What to highlight in a paragraph: search matches (the current one stronger),
/// annotated passages, and the sentences being chosen.
fn highlights(
    screen: &ReaderScreen,
    m: &Model,
    theme: &Theme,
    pos: BlockPos,
) -> Vec<(Range<usize>, Style)> {
    let mut out = Vec::new();
    if let Some(search) = &screen.search {
        for (m, current) in search.in_block(pos) {
            out.push((
                m.range.clone(),
                if current {
                    theme.search_current
                } else {
                    theme.search_match
                },
            ));
        }
    }
    // Annotated passages are underlined (legible without colour).
    for p in m.placed.passages.get(&pos).into_iter().flatten() {
        out.push((
            p.range.clone(),
            Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED),
        ));
    }
    if let Some(sel) = &screen.selection
        && sel.pos == pos
    {
        out.push((sel.range(), theme.selection));
    }
    out
}

fn role_style(theme: &Theme, role: Role) -> Style {
    match role {
        Role::Title => theme.title,
        Role::MetaLabel => theme.meta_label,
        Role::Meta | Role::Plain => theme.text,
        Role::Heading => theme.heading,
        Role::Badge(k) => theme.badge(k),
        Role::Dim => theme.dim,
        Role::Date => theme.date,
    }
}
