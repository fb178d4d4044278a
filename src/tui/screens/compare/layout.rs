//! The compare view's layout for a screen size: side by side (one column per briefing,
//! its sections of the kind one under the other) when the screen holds two columns of
//! a readable width, else one column of every section stacked. Each column is a list
//! of rows (headings, dates, notes, wrapped lines of the body) with the row of each
//! section's heading, so scrolling and the position are plain row arithmetic. Built
//! when what it depends on changes (size, kind, filter, notes), never per frame.

use std::collections::HashMap;
use std::ops::Range;

use crate::domain::markdown::{Block, BlockKind};
use crate::domain::timeline::CompareEntry;
use crate::domain::wrap::wrap_block;

/// The narrowest column side by side: narrower, the sections are stacked.
pub const COLUMN_MIN: usize = 48;

/// The indent of body text in the stacked view (under the section's heading).
pub const STACKED_INDENT: usize = 3;

/// The left margin of body text in a column.
pub const COLUMN_INDENT: usize = 1;

/// A row of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// An empty row.
    Blank,
    /// A section's heading (the entry's index).
    Head(usize),
    /// A structured date of a section: (entry, date).
    Date(usize, usize),
    /// A note on a section: its first line.
    Note(String),
    /// A wrapped line of a block of a section's body.
    Body {
        /// The entry.
        entry: usize,
        /// The block, in the entry's blocks.
        block: usize,
        /// Whether this is the block's first line (it carries the bullet).
        first: bool,
        /// The bytes of the block's text on this line.
        range: Range<usize>,
        /// A link too wide for a line, cut here: the marker follows the text.
        cut: bool,
    },
}

/// One column: the sections of one briefing (or, stacked, of all).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Column {
    /// The entries it shows, in order.
    pub entries: Range<usize>,
    /// Its rows, top to bottom.
    pub rows: Vec<Row>,
    /// The row of each entry's heading (index: entry − `entries.start`).
    pub heads: Vec<usize>,
}

impl Column {
    /// The row of `entry`'s heading (0 when the entry is not in this column).
    pub fn head(&self, entry: usize) -> usize {
        entry
            .checked_sub(self.entries.start)
            .and_then(|i| self.heads.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The section at row `row`: the last whose heading is at or above it.
    pub fn entry_at(&self, row: usize) -> usize {
        let before = self.heads.partition_point(|&h| h <= row);
        self.entries.start + before.saturating_sub(1)
    }
}

/// Where everything goes on the screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Sections stacked in one column (the screen is too narrow for two).
    pub stacked: bool,
    /// The columns (one when stacked).
    pub columns: Vec<Column>,
    /// How many columns are on screen at once.
    pub visible: usize,
    /// The width of a column on screen, separators excluded.
    pub column_width: usize,
    /// The width text is wrapped to (prefixes included).
    pub text_width: usize,
    /// The rows of text on screen, under the headers.
    pub height: usize,
}

/// The screen's parts: title, kinds, filter, then (side by side) the column headers.
const TOP_ROWS: usize = 3;

impl Layout {
    /// The layout of `entries` (whose briefings are grouped in `runs`) on a screen of
    /// `width`×`height` (status line included), text no wider than `max_width`.
    pub fn new(
        entries: &[CompareEntry],
        blocks: &[Vec<Block>],
        notes: &HashMap<(String, String), Vec<String>>,
        runs: &[Range<usize>],
        (width, height): (usize, usize),
        max_width: usize,
    ) -> Layout {
        let side_by_side = runs.len() >= 2 && width > 2 * COLUMN_MIN;
        if !side_by_side {
            let text_width = width
                .saturating_sub(STACKED_INDENT + 1)
                .clamp(8, max_width.max(8));
            let all = 0..entries.len();
            return Layout {
                stacked: true,
                columns: vec![column(entries, blocks, notes, all, text_width)],
                visible: 1,
                column_width: width,
                text_width,
                height: height.saturating_sub(TOP_ROWS + 1).max(1),
            };
        }
        let visible = runs.len().min((width + 1) / (COLUMN_MIN + 1)).max(1);
        let column_width = (width + 1) / visible - 1;
        let text_width = column_width
            .saturating_sub(COLUMN_INDENT + 1)
            .clamp(8, max_width.max(8));
        Layout {
            stacked: false,
            columns: runs
                .iter()
                .map(|run| column(entries, blocks, notes, run.clone(), text_width))
                .collect(),
            visible,
            column_width,
            text_width,
            // The column headers take a row.
            height: height.saturating_sub(TOP_ROWS + 2).max(1),
        }
    }

    /// The column that shows `entry`.
    pub fn column_of(&self, entry: usize) -> usize {
        self.columns
            .iter()
            .position(|c| c.entries.contains(&entry))
            .unwrap_or(0)
    }

    /// The furthest a column can be scrolled: its last row at the bottom of the view.
    pub fn max_offset(&self, column: usize) -> usize {
        self.columns
            .get(column)
            .map_or(0, |c| c.rows.len().saturating_sub(self.height))
    }

    /// The furthest the columns can be scrolled together (the longest one's end).
    pub fn max_offset_together(&self) -> usize {
        (0..self.columns.len())
            .map(|c| self.max_offset(c))
            .max()
            .unwrap_or(0)
    }
}

/// The rows of the sections `range` of `entries`: each one's heading, its dates, its
/// notes, then its body with the reader's spacing (a blank row before each block but
/// between the items of a list); one blank row between sections, never two.
fn column(
    entries: &[CompareEntry],
    blocks: &[Vec<Block>],
    notes: &HashMap<(String, String), Vec<String>>,
    range: Range<usize>,
    text_width: usize,
) -> Column {
    let mut rows = Vec::new();
    let mut heads = Vec::new();
    for i in range.clone() {
        let entry = &entries[i];
        let section = &entry.content;
        if !rows.is_empty() {
            rows.push(Row::Blank);
        }
        heads.push(rows.len());
        rows.push(Row::Head(i));
        rows.extend((0..section.dates.len()).map(|d| Row::Date(i, d)));
        let key = (entry.briefing.id.clone(), section.id.clone());
        for body in notes.get(&key).into_iter().flatten() {
            let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            rows.push(Row::Note(first.to_string()));
        }
        let blocks = blocks.get(i).map(Vec::as_slice).unwrap_or_default();
        for (b, block) in blocks.iter().enumerate() {
            let next_item = b > 0
                && block.kind == BlockKind::ListItem
                && blocks[b - 1].kind == BlockKind::ListItem
                && !block.prefix_first.trim().is_empty();
            if !next_item {
                rows.push(Row::Blank);
            }
            for w in wrap_block(block, text_width) {
                rows.push(Row::Body {
                    entry: i,
                    block: b,
                    first: w.first,
                    range: w.range,
                    cut: w.cut,
                });
            }
        }
    }
    Column {
        entries: range,
        rows,
        heads,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::Library;
    use crate::domain::markdown::render_markdown;
    use crate::domain::timeline::{columns_of, kinds_in, sections_of_kind};

    fn layouts(width: usize) -> Vec<Layout> {
        let library = Library::bundled().briefings;
        kinds_in(&library)
            .iter()
            .map(|(kind, _)| {
                let entries = sections_of_kind(&library, kind);
                let blocks: Vec<Vec<Block>> = entries
                    .iter()
                    .map(|e| render_markdown(&e.content.body))
                    .collect();
                let runs = columns_of(&entries);
                Layout::new(&entries, &blocks, &HashMap::new(), &runs, (width, 40), 88)
            })
            .collect()
    }

    #[test]
    fn never_two_blank_rows_and_lists_are_tight() {
        for width in [60, 100, 200] {
            for layout in layouts(width) {
                for column in &layout.columns {
                    let blank_pairs = column
                        .rows
                        .windows(2)
                        .filter(|w| w[0] == Row::Blank && w[1] == Row::Blank)
                        .count();
                    assert_eq!(blank_pairs, 0, "{width}: {:?}", column.rows);
                    assert_ne!(column.rows.first(), Some(&Row::Blank));
                    assert_ne!(column.rows.last(), Some(&Row::Blank));
                }
            }
        }
    }

    #[test]
    fn list_items_follow_each_other_as_in_the_reader() {
        let briefing = crate::domain::load::parse_briefing(
            b"title = \"T\"\n[[sections]]\ntitle = \"S\"\nkind = \"context\"\nbody = \"Intro.\\n\\n- a\\n- b\\n- c\\n\\nAfter.\"\n",
            crate::domain::briefing::Origin::File("t.toml".into()),
            Some("t".into()),
        );
        let Ok(loaded) = briefing else {
            panic!("the test briefing loads")
        };
        let briefing = std::sync::Arc::new(loaded.briefing);
        let entries = vec![CompareEntry {
            briefing: crate::domain::timeline::BriefingRef::of(&briefing),
            section: 0,
            content: std::sync::Arc::new(briefing.sections[0].clone()),
        }];
        let blocks = vec![render_markdown(&briefing.sections[0].body)];
        let layout = Layout::new(
            &entries,
            &blocks,
            &HashMap::new(),
            &columns_of(&entries),
            (80, 24),
            88,
        );
        let shape: String = layout.columns[0]
            .rows
            .iter()
            .map(|r| match r {
                Row::Blank => '_',
                Row::Head(_) => 'H',
                Row::Body { .. } => 'b',
                Row::Date(..) | Row::Note(_) => '?',
            })
            .collect();
        assert_eq!(shape, "H_b_bbb_b");
    }

    #[test]
    fn side_by_side_when_two_columns_fit() {
        assert!(layouts(80).iter().all(|l| l.stacked));
        let wide = layouts(200);
        assert!(wide.iter().all(|l| !l.stacked && l.columns.len() == 2));
        assert!(wide.iter().all(|l| l.visible == 2 && l.column_width == 99));
        let mid = layouts(100);
        assert!(mid.iter().all(|l| !l.stacked && l.column_width == 49));
        // A column's heads are where its sections start, and rows map back to them.
        for layout in &wide {
            for column in &layout.columns {
                for (i, &h) in column.heads.iter().enumerate() {
                    assert_eq!(column.rows[h], Row::Head(column.entries.start + i));
                    assert_eq!(column.entry_at(h), column.entries.start + i);
                }
            }
        }
    }
}
