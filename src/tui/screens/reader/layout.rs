//! Laying out one "unit" of a briefing (the overview, or one section) as display lines
//! at a given width. Lines refer to block text by byte range, so styles, search matches
//! and annotation marks are applied when drawing, without laying out again.
//! Knows nothing of colours: lines carry semantic roles that the theme maps to styles.

use std::ops::Range;
use std::sync::Arc;

use crate::domain::briefing::Briefing;
use crate::domain::i18n::{DocLabel, DocLabels, Lang, format_count, format_partial_date, t};
use crate::domain::markdown::{Block, BlockKind};
use crate::domain::text::{display_width, sanitize_line};
use crate::domain::tradecraft::estimative::Lexicon;
use crate::domain::wrap::wrap_block;
use crate::tr;
use crate::tui::widgets::doc_labels;

/// What a piece of decoration text is, for the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The briefing's title in the overview.
    Title,
    /// A label in the overview (`Sources`).
    MetaLabel,
    /// A value in the overview.
    Meta,
    /// A section heading.
    Heading,
    /// A section kind's badge; the index into the known kinds picks its colour.
    Badge(Option<usize>),
    /// Secondary text (a kind's label, a date's confidence).
    Dim,
    /// A structured date.
    Date,
    /// Plain text.
    Plain,
}

/// One display line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// An empty line.
    Blank,
    /// Decoration: pieces of text with roles (already sanitised).
    Styled(Vec<(String, Role)>),
    /// A note shown under its paragraph (already sanitised and cut to the width).
    Note(String),
    /// A wrapped line of a body block: `range` of `blocks[block].text`, after the
    /// block's first or following prefix.
    Body {
        /// Index of the block in the unit.
        block: usize,
        /// Whether this is the block's first line.
        first: bool,
        /// Bytes of the block text on this line.
        range: Range<usize>,
        /// A link too wide for a line, cut here: the marker follows the text.
        cut: bool,
    },
}

/// A unit laid out at one width.
#[derive(Debug, Clone)]
pub struct UnitLayout {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// The unit's body blocks (the cursor stops).
    pub blocks: Arc<Vec<Block>>,
    /// For each block, the rows it occupies.
    pub block_rows: Vec<Range<usize>>,
}

pub use crate::domain::placing::unit_blocks;

/// Wraps one-line text into lines of at most `width` columns.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    // Links and addresses are never split (a wider one is cut with a marker).
    crate::domain::wrap::wrap_text(text, width.max(1))
}

/// A date kept on one line when wrapped (`24 nov. 2026`): its spaces made no-break.
fn unbroken(date: &str) -> String {
    date.replace(' ', "\u{a0}")
}

/// A label and a value, the value wrapped with a hanging indent.
fn labelled(out: &mut Vec<Line>, label: &str, value: &str, width: usize) {
    let label_width = 11.min(width / 3);
    let value_width = width.saturating_sub(label_width).max(1);
    for (i, piece) in wrap_words(value, value_width).into_iter().enumerate() {
        let left = if i == 0 {
            let cut = crate::domain::text::truncate(label, label_width.saturating_sub(1));
            format!("{cut:<label_width$}")
        } else {
            " ".repeat(label_width)
        };
        out.push(Line::Styled(vec![
            (left, Role::MetaLabel),
            (piece, Role::Meta),
        ]));
    }
}

/// What the reader draws around the text besides notes: sources withdrawn by the
/// user, and the estimative scale when its bands are shown.
#[derive(Debug, Clone, Default)]
pub struct Decor {
    /// Source ids marked withdrawn.
    pub withdrawn: Vec<String>,
    /// The terms whose bands are shown under their paragraphs, when shown.
    pub estimative: Option<Arc<Lexicon>>,
}

/// A source as the reader names it: its name and grade (`NYT B2`), and `withdrawn`
/// (in the briefing's language) when it is; `short`, by its id (`nyt B2`), for a
/// narrow pane.
pub fn source_label(
    briefing: &Briefing,
    id: &str,
    decor: &Decor,
    short: bool,
    doc: &DocLabels<'_>,
) -> String {
    let mut text = match briefing.source(id) {
        Some(src) => {
            let grade = src.grade().label();
            let name = if short {
                sanitize_line(id).into_owned()
            } else {
                crate::domain::text::truncate(&sanitize_line(&src.name), 36)
            };
            if grade.is_empty() {
                name
            } else {
                format!("{name} {grade}")
            }
        }
        None => sanitize_line(id).into_owned(),
    };
    if decor.withdrawn.iter().any(|w| w == id) {
        text.push_str(&format!(" ({})", t(doc.lang(), "doc-withdrawn")));
    }
    text
}

/// The labels of `ids` in the sentence `line` makes of them (`Sources: …`, `cites …`),
/// by name when that fits on one line of `width`, by id otherwise: the grades stay
/// legible in a narrow pane.
fn sources_text(
    briefing: &Briefing,
    ids: &[&str],
    decor: &Decor,
    doc: &DocLabels<'_>,
    line: impl Fn(&str) -> String,
    width: usize,
) -> String {
    let list = |short: bool| {
        let labels: Vec<String> = ids
            .iter()
            .map(|id| source_label(briefing, id, decor, short, doc))
            .collect();
        line(&labels.join(", "))
    };
    let long = list(false);
    if display_width(&long) <= width {
        long
    } else {
        list(true)
    }
}

/// The bands of the estimative terms of a text, in words: `likely (55–80 %)`.
fn bands_of(text: &str, lexicon: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in lexicon.scan(text) {
        let said = lexicon.describe(m.estimate);
        if !out.contains(&said) {
            out.push(said);
        }
    }
    out
}

/// Lays out a unit at `width` columns (the text column, gutter excluded). What is part
/// of the briefing (labels, kinds, dates) is in the briefing's language; what is the
/// reader's own (a folded note's marker) in the interface's, `lang`.
pub fn layout_unit(
    briefing: &Briefing,
    unit: usize,
    blocks: Arc<Vec<Block>>,
    width: usize,
    notes: &std::collections::BTreeMap<usize, Vec<String>>,
    decor: &Decor,
    lang: Lang,
) -> UnitLayout {
    let width = width.max(8);
    let doc = doc_labels(briefing, lang);
    let mut lines = Vec::new();
    if unit == 0 {
        for piece in wrap_words(&sanitize_line(&briefing.title), width) {
            lines.push(Line::Styled(vec![(piece, Role::Title)]));
        }
        lines.push(Line::Blank);
        let date = match &briefing.date {
            Some(d) => unbroken(&format_partial_date(d, doc.lang())),
            None => doc.date_or_not_stated(None),
        };
        labelled(&mut lines, &doc.get(DocLabel::Date), &date, width);
        if let Some(language) = &briefing.language {
            labelled(
                &mut lines,
                &doc.get(DocLabel::Language),
                &sanitize_line(language),
                width,
            );
        }
        labelled(
            &mut lines,
            &doc.get(DocLabel::Sections),
            &format_count(briefing.sections.len(), doc.lang()),
            width,
        );
        if !briefing.tags.is_empty() {
            labelled(
                &mut lines,
                &doc.get(DocLabel::Tags),
                &sanitize_line(&briefing.tags.join(", ")),
                width,
            );
        }
        let sources_label = doc.get(DocLabel::Sources);
        for (i, source) in briefing.sources.iter().enumerate() {
            let mut text = sanitize_line(&source.name).into_owned();
            let grade = source.grade().label();
            if !grade.is_empty() {
                text.push_str(" — ");
                text.push_str(&tr!(doc.lang(), "doc-graded", grade = grade));
            }
            if source
                .id
                .as_ref()
                .is_some_and(|id| decor.withdrawn.contains(id))
            {
                text.push_str(&format!(" ({})", t(doc.lang(), "doc-withdrawn")));
            }
            if let Some(url) = &source.url {
                text.push_str(&format!(" <{}>", sanitize_line(url)));
            }
            if let Some(at) = source.accessed {
                let date = format_partial_date(&at, doc.lang());
                let accessed = doc.accessed(&at).replacen(&date, &unbroken(&date), 1);
                text.push_str(&format!(" ({accessed})"));
            }
            labelled(
                &mut lines,
                if i == 0 { &sources_label } else { "" },
                &text,
                width,
            );
        }
        if !blocks.is_empty() {
            lines.push(Line::Blank);
            lines.push(Line::Styled(vec![(
                doc.get(DocLabel::BottomLine),
                Role::Heading,
            )]));
        }
    } else if let Some(section) = briefing.sections.get(unit - 1) {
        let (badge, colour) = match &section.kind {
            Some(k) => (format!(" {} ", doc.kind_badge(k.as_str())), k.known_index()),
            None => (" §  ".to_string(), None),
        };
        let number = format!("{unit}. ");
        let indent = display_width(&badge) + 1 + number.len();
        let title = sanitize_line(&section.title);
        for (i, piece) in wrap_words(&title, width.saturating_sub(indent).max(8))
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                lines.push(Line::Styled(vec![
                    (badge.clone(), Role::Badge(colour)),
                    (" ".to_string(), Role::Plain),
                    (number.clone(), Role::Dim),
                    (piece, Role::Heading),
                ]));
            } else {
                lines.push(Line::Styled(vec![
                    (" ".repeat(indent), Role::Plain),
                    (piece, Role::Heading),
                ]));
            }
        }
        // The kind's label, unless the title says just that.
        if let Some(label) = section
            .kind
            .as_ref()
            .map(|k| doc.kind_label(k.as_str()))
            .filter(|label| {
                !label
                    .to_lowercase()
                    .eq(&section.title.trim().to_lowercase())
            })
        {
            lines.push(Line::Styled(clip_pieces(
                vec![(" ".repeat(indent), Role::Plain), (label, Role::Dim)],
                width,
            )));
        }
        // What the section rests on: its sources with their grades.
        let cited = section.cited_sources();
        if !cited.is_empty() {
            let avail = width.saturating_sub(indent).max(8);
            let label = doc.get(DocLabel::Sources);
            let line =
                |list: &str| tr!(doc.lang(), "doc-sources-list", label = &label, list = list);
            let mut text = sources_text(briefing, &cited, decor, &doc, line, avail);
            // Said where a judgment is made; the sources view says it of every section.
            let judgment = section
                .kind
                .as_ref()
                .is_some_and(|k| k.as_str() == "assessment");
            if judgment && section.rests_on_single_source() {
                text.push_str(" · ");
                text.push_str(&t(doc.lang(), "doc-single-source"));
            }
            let hang = indent + 2;
            for (i, piece) in wrap_words(&text, width.saturating_sub(indent).max(8))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { indent } else { hang };
                lines.push(Line::Styled(clip_pieces(
                    vec![(" ".repeat(lead), Role::Plain), (piece, Role::Dim)],
                    width,
                )));
            }
        }
        for date in &section.dates {
            // The date on the first line; its label and confidence follow, wrapped
            // with a hanging indent when they do not fit.
            let when = format!("◷ {}", doc.span(date));
            let mut about = date
                .label
                .as_deref()
                .map(|l| sanitize_line(l).into_owned())
                .unwrap_or_default();
            if let Some(c) = &date.confidence {
                if !about.is_empty() {
                    about.push(' ');
                }
                about.push_str(&format!("({})", doc.confidence(c)));
            }
            let sep = if date.label.is_some() { " — " } else { " " };
            let hang = indent + 2;
            let first_room = width.saturating_sub(indent + display_width(&when) + sep.len());
            let mut pieces = vec![(" ".repeat(indent), Role::Plain), (when, Role::Date)];
            let mut rest: Vec<String> = Vec::new();
            if !about.is_empty() {
                let first = wrap_words(&about, first_room.max(1));
                if first_room >= 8 {
                    let head = first.first().cloned().unwrap_or_default();
                    let tail = about[head.len().min(about.len())..]
                        .trim_start()
                        .to_string();
                    pieces.push((format!("{sep}{head}"), Role::Meta));
                    if !tail.is_empty() {
                        rest = wrap_words(&tail, width.saturating_sub(hang).max(8));
                    }
                } else {
                    rest = wrap_words(&about, width.saturating_sub(hang).max(8));
                }
            }
            lines.push(Line::Styled(clip_pieces(pieces, width)));
            for piece in rest {
                lines.push(Line::Styled(clip_pieces(
                    vec![(" ".repeat(hang), Role::Plain), (piece, Role::Meta)],
                    width,
                )));
            }
        }
    }
    let citations = match unit.checked_sub(1).and_then(|i| briefing.sections.get(i)) {
        Some(section) => section.block_citations(),
        None => Vec::new(),
    };
    let mut block_rows = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        // Items of one list follow each other without a blank line between them.
        let next_item = i > 0
            && block.kind == BlockKind::ListItem
            && blocks[i - 1].kind == BlockKind::ListItem
            && block.prefix_first.trim() != "";
        if !next_item {
            lines.push(Line::Blank);
        }
        let start = lines.len();
        for wrapped in wrap_block(block, width) {
            lines.push(Line::Body {
                block: i,
                first: wrapped.first,
                range: wrapped.range,
                cut: wrapped.cut,
            });
        }
        block_rows.push(start..lines.len());
        // Inline citations, with the grades of what is cited.
        if let Some(ids) = citations.get(i).filter(|ids| !ids.is_empty()) {
            let ids: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
            let line = |list: &str| tr!(doc.lang(), "doc-cites", list = list);
            let text = sources_text(briefing, &ids, decor, &doc, line, width.saturating_sub(4));
            for piece in wrap_words(&text, width.saturating_sub(4).max(8)) {
                lines.push(Line::Styled(clip_pieces(
                    vec![("    ".into(), Role::Plain), (piece, Role::Dim)],
                    width,
                )));
            }
        }
        // The estimative terms' bands, when asked for.
        if let Some(lexicon) = &decor.estimative {
            let bands = bands_of(&block.text, lexicon);
            if !bands.is_empty() {
                let text = format!("≈ {}", bands.join(" · "));
                for piece in wrap_words(&text, width.saturating_sub(4).max(8)) {
                    lines.push(Line::Styled(clip_pieces(
                        vec![("    ".into(), Role::Plain), (piece, Role::Date)],
                        width,
                    )));
                }
            }
        }
        for note in notes.get(&i).into_iter().flatten() {
            note_lines(&mut lines, note, width, lang);
        }
    }
    lines.push(Line::Blank);
    lines.push(Line::Blank);
    UnitLayout {
        lines,
        blocks,
        block_rows,
    }
}

/// The most lines of a note shown under its paragraph; a longer note is folded.
pub const NOTE_LINES: usize = 4;

/// A note under its paragraph: whole, wrapped under a `✎`, its lines kept as written;
/// folded after [`NOTE_LINES`] lines with a marker saying how much more there is (in
/// the interface's language: the marker is the reader's, not the note's).
fn note_lines(out: &mut Vec<Line>, note: &str, width: usize, lang: Lang) {
    let room = width.saturating_sub(4).max(4);
    let mut wrapped: Vec<String> = Vec::new();
    for line in note.lines().filter(|l| !l.trim().is_empty()) {
        for piece in textwrap::wrap(&sanitize_line(line), room) {
            wrapped.push(piece.into_owned());
        }
    }
    let shown = if wrapped.len() > NOTE_LINES {
        NOTE_LINES - 1
    } else {
        wrapped.len()
    };
    for (i, piece) in wrapped.iter().take(shown).enumerate() {
        let lead = if i == 0 { "  ✎ " } else { "    " };
        out.push(Line::Note(crate::domain::text::truncate(
            &format!("{lead}{piece}"),
            width,
        )));
    }
    let more = wrapped.len() - shown;
    if more > 0 {
        let text = format!("    {}", tr!(lang, "reader-note-more", count = more));
        out.push(Line::Note(crate::domain::text::truncate(&text, width)));
    }
}

/// Cuts decoration pieces so that together they fit `width` columns.
fn clip_pieces(pieces: Vec<(String, Role)>, width: usize) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    let mut used = 0;
    for (text, role) in pieces {
        let w = display_width(&text);
        if used + w <= width {
            used += w;
            out.push((text, role));
        } else {
            let cut = crate::domain::text::truncate(&text, width.saturating_sub(used));
            if !cut.is_empty() {
                out.push((cut, role));
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::Library;

    #[test]
    fn every_line_fits_the_width() {
        let library = Library::bundled();
        for briefing in &library.briefings {
            for width in [20, 37, 60, 88] {
                for unit in 0..=briefing.sections.len() {
                    let blocks = Arc::new(unit_blocks(briefing, unit));
                    let layout = layout_unit(
                        briefing,
                        unit,
                        blocks.clone(),
                        width,
                        &Default::default(),
                        &Decor::default(),
                        Lang::Fr,
                    );
                    assert_eq!(layout.block_rows.len(), blocks.len());
                    for line in &layout.lines {
                        let w = match line {
                            Line::Blank => 0,
                            Line::Note(text) => display_width(text),
                            Line::Styled(pieces) => {
                                pieces.iter().map(|(t, _)| display_width(t)).sum()
                            }
                            Line::Body {
                                block,
                                first,
                                range,
                                cut,
                            } => {
                                let b = &blocks[*block];
                                let prefix = if *first {
                                    &b.prefix_first
                                } else {
                                    &b.prefix_rest
                                };
                                display_width(prefix)
                                    + display_width(&b.text[range.clone()])
                                    + usize::from(*cut)
                            }
                        };
                        assert!(w <= width, "{w} > {width} in unit {unit}: {line:?}");
                    }
                }
            }
        }
    }
}
