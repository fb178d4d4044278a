//! The reading pane: where the view starts, which paragraph the cursor is on,
//! and the per-width layout cache. Units (the overview, then each section) are laid
//! out only when they come into view, so a key press costs the same at the top of a
//! 50 MB briefing as at its end; positions are (unit, row), never a `u16` offset.

use std::collections::HashMap;
use std::sync::Arc;

use super::layout::{UnitLayout, layout_unit, unit_blocks};
use crate::domain::briefing::Briefing;
use crate::domain::i18n::Lang;
use crate::domain::markdown::Block;
use crate::tui::notebook::BlockPos;

/// A row of the continuous flow: a unit and a row inside its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct RowPos {
    /// 0 is the overview; `n` is section `n - 1`.
    pub unit: usize,
    /// Row within the unit's layout.
    pub row: usize,
}

/// How many laid-out units to keep around; farther ones are dropped and redone on
/// demand, so memory stays bounded however far one reads.
const CACHE_UNITS: usize = 256;

/// The reading pane.
#[derive(Debug, Clone)]
pub struct Pane {
    /// The briefing being read.
    pub briefing: Arc<Briefing>,
    width: usize,
    height: usize,
    layouts: HashMap<usize, Arc<UnitLayout>>,
    blocks: HashMap<usize, Arc<Vec<Block>>>,
    /// The first visible row.
    pub top: RowPos,
    /// The current paragraph (`None` only for a briefing without any text).
    pub cursor: Option<BlockPos>,
    /// Cumulative weight (bytes of text) before each unit, for the progress figure.
    weights: Vec<u64>,
    /// Note lines shown under paragraphs: unit → block → lines.
    previews: Previews,
    /// Withdrawn sources and estimative bands, drawn around the text.
    decor: super::layout::Decor,
    /// Not moved since it opened: it stays at the title and metadata, whatever the
    /// size, even when the first paragraph is below the pane.
    pristine: bool,
    /// The interface's language (the briefing's own labels follow its language).
    lang: Lang,
}

/// Note lines to show under paragraphs: unit → block → lines.
pub type Previews =
    std::collections::BTreeMap<usize, std::collections::BTreeMap<usize, Vec<String>>>;

impl Pane {
    /// A reader at the top of `briefing`, for a text column `width` wide and a pane
    /// `height` rows tall, in an interface speaking `lang`.
    pub fn new(briefing: Arc<Briefing>, lang: Lang, width: usize, height: usize) -> Pane {
        let mut weights = Vec::with_capacity(briefing.sections.len() + 2);
        let mut total = 0u64;
        weights.push(0);
        total += briefing.summary.as_ref().map_or(0, |s| s.len() as u64) + 200;
        weights.push(total);
        for s in &briefing.sections {
            total += (s.body.len() + s.title.len()) as u64 + 80;
            weights.push(total);
        }
        let mut reader = Pane {
            briefing,
            width: width.max(8),
            height: height.max(1),
            layouts: HashMap::new(),
            blocks: HashMap::new(),
            top: RowPos::default(),
            cursor: None,
            weights,
            previews: Previews::new(),
            decor: super::layout::Decor::default(),
            pristine: true,
            lang,
        };
        reader.cursor = reader.first_stop_from(0);
        reader.prepare();
        reader
    }

    /// How many units: the overview and every section.
    pub fn units(&self) -> usize {
        self.briefing.sections.len() + 1
    }

    /// The text column's width.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The pane's height in rows.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Adapts to a new pane size: layouts are redone at a new width, the cursor's
    /// paragraph stays in view.
    pub fn resize(&mut self, width: usize, height: usize) {
        let width = width.max(8);
        let height = height.max(1);
        if width == self.width && height == self.height {
            return;
        }
        if width != self.width {
            self.layouts.clear();
            // Keep the top on the same unit; rows change with the width.
            self.top.row = 0;
        }
        self.width = width;
        self.height = height;
        if self.pristine {
            self.top = RowPos::default();
        } else {
            self.keep_cursor_in_view();
        }
        self.prepare();
    }

    /// After a resize: the view moves only if the cursor's paragraph left it entirely
    /// (so a briefing opened at its title stays at its title, even when the first
    /// paragraph does not fit below it).
    fn keep_cursor_in_view(&mut self) {
        if let Some(cursor) = self.cursor {
            let (start, end) = self.block_span(cursor);
            let bottom = self.bottom_row();
            if end >= self.top && start <= bottom {
                self.clamp_top();
                return;
            }
        }
        self.ensure_cursor_visible();
    }

    /// Lays everything out again on the next move (after marks or notes changed how
    /// paragraphs look), keeping the position.
    pub fn invalidate(&mut self) {
        self.layouts.clear();
        self.clamp_top();
        self.prepare();
    }

    /// Shows notes under their paragraphs (or none); lays out again only if they changed.
    pub fn set_previews(&mut self, previews: Previews) {
        if previews != self.previews {
            // Only the units whose notes changed need a new layout.
            let units: std::collections::BTreeSet<usize> = previews
                .keys()
                .chain(self.previews.keys())
                .copied()
                .collect();
            self.previews = previews;
            for unit in units {
                self.layouts.remove(&unit);
            }
            self.clamp_top();
            self.prepare();
        }
    }

    /// What to draw around the text (withdrawn sources, estimative bands): laid out
    /// again when it changes.
    pub fn set_decor(&mut self, decor: super::layout::Decor) {
        let same = decor.withdrawn == self.decor.withdrawn
            && decor.estimative.is_some() == self.decor.estimative.is_some();
        self.decor = decor;
        if !same {
            self.invalidate();
        }
    }

    /// Whether estimative bands are shown.
    pub fn shows_estimative(&self) -> bool {
        self.decor.estimative.is_some()
    }

    /// Puts the cursor on a block and brings the line holding byte `offset` of its text
    /// into view (for a search match deep in a long paragraph).
    pub fn jump_to_offset(&mut self, pos: BlockPos, offset: usize) {
        self.pristine = false;
        self.jump_to_block(pos);
        let layout = self.ensure(pos.unit);
        let Some(rows) = layout.block_rows.get(pos.block).cloned() else {
            return;
        };
        let row = rows
            .clone()
            .find(|&r| match &layout.lines[r] {
                super::layout::Line::Body { range, .. } => range.end > offset,
                _ => false,
            })
            .unwrap_or(rows.start);
        let target = RowPos {
            unit: pos.unit,
            row,
        };
        let bottom = self.bottom_row();
        if target < self.top || target > bottom {
            // Show the line with a little context above it.
            self.top = self.backward(target, self.height / 3);
            self.clamp_top();
            self.prepare();
        }
    }

    /// The blocks of a unit (cached; independent of the width).
    pub fn blocks(&mut self, unit: usize) -> Arc<Vec<Block>> {
        if let Some(b) = self.blocks.get(&unit) {
            return b.clone();
        }
        let blocks = Arc::new(unit_blocks(&self.briefing, unit));
        self.blocks.insert(unit, blocks.clone());
        blocks
    }

    /// The layout of a unit, laying it out if needed.
    pub fn ensure(&mut self, unit: usize) -> Arc<UnitLayout> {
        if let Some(l) = self.layouts.get(&unit) {
            return l.clone();
        }
        let blocks = self.blocks(unit);
        let empty = std::collections::BTreeMap::new();
        let previews = self.previews.get(&unit).unwrap_or(&empty);
        let layout = Arc::new(layout_unit(
            &self.briefing,
            unit,
            blocks,
            self.width,
            previews,
            &self.decor,
            self.lang,
        ));
        self.layouts.insert(unit, layout.clone());
        layout
    }

    /// The layout of a unit if it is laid out (drawing never lays out).
    pub fn layout(&self, unit: usize) -> Option<&Arc<UnitLayout>> {
        self.layouts.get(&unit)
    }

    fn rows(&mut self, unit: usize) -> usize {
        self.ensure(unit).lines.len()
    }

    fn block_count(&mut self, unit: usize) -> usize {
        self.blocks(unit).len()
    }

    /// The first cursor stop at or after `unit`.
    fn first_stop_from(&mut self, unit: usize) -> Option<BlockPos> {
        (unit..self.units())
            .find(|&u| self.block_count(u) > 0)
            .map(|unit| BlockPos { unit, block: 0 })
    }

    /// The last cursor stop at or before `unit`.
    fn last_stop_until(&mut self, unit: usize) -> Option<BlockPos> {
        (0..=unit.min(self.units().saturating_sub(1)))
            .rev()
            .find(|&u| self.block_count(u) > 0)
            .map(|u| BlockPos {
                unit: u,
                block: self.block_count(u) - 1,
            })
    }

    /// Rows of a block, in the flow.
    fn block_span(&mut self, pos: BlockPos) -> (RowPos, RowPos) {
        let layout = self.ensure(pos.unit);
        let rows = layout.block_rows.get(pos.block).cloned().unwrap_or(0..1);
        (
            RowPos {
                unit: pos.unit,
                row: rows.start,
            },
            RowPos {
                unit: pos.unit,
                row: rows.end.saturating_sub(1).max(rows.start),
            },
        )
    }

    /// Rows from `start` to `end`, both included (both in the same unit for a block).
    fn span_rows(&self, start: RowPos, end: RowPos) -> usize {
        if start.unit == end.unit {
            end.row.saturating_sub(start.row) + 1
        } else {
            usize::MAX
        }
    }

    /// `pos` moved down by `n` rows, stopping at the last row.
    fn forward(&mut self, mut pos: RowPos, mut n: usize) -> RowPos {
        while n > 0 {
            let rows = self.rows(pos.unit);
            let left = rows.saturating_sub(1 + pos.row);
            if n <= left {
                pos.row += n;
                return pos;
            }
            if pos.unit + 1 >= self.units() {
                pos.row = rows.saturating_sub(1);
                return pos;
            }
            n -= left + 1;
            pos = RowPos {
                unit: pos.unit + 1,
                row: 0,
            };
        }
        pos
    }

    /// `pos` moved up by `n` rows, stopping at the first row.
    fn backward(&mut self, mut pos: RowPos, mut n: usize) -> RowPos {
        while n > 0 {
            if n <= pos.row {
                pos.row -= n;
                return pos;
            }
            if pos.unit == 0 {
                return RowPos::default();
            }
            n -= pos.row + 1;
            let unit = pos.unit - 1;
            pos = RowPos {
                unit,
                row: self.rows(unit).saturating_sub(1),
            };
        }
        pos
    }

    /// The lowest the top may go: the last row at the bottom of the pane.
    fn max_top(&mut self) -> RowPos {
        let last_unit = self.units() - 1;
        let last = RowPos {
            unit: last_unit,
            row: self.rows(last_unit).saturating_sub(1),
        };
        // The trailing blank lines of the last unit need not be shown.
        let last = self.backward(last, 1);
        self.backward(last, self.height.saturating_sub(1))
    }

    fn clamp_top(&mut self) {
        let max = self.max_top();
        if self.top > max {
            self.top = max;
        }
    }

    /// The row just below the pane.
    fn bottom_row(&mut self) -> RowPos {
        self.forward(self.top, self.height.saturating_sub(1))
    }

    /// Lays out the units in view and drops far-away ones from the cache.
    pub fn prepare(&mut self) {
        let mut pos = self.top;
        let mut left = self.height;
        loop {
            let rows = self.rows(pos.unit);
            let here = rows.saturating_sub(pos.row);
            if here >= left || pos.unit + 1 >= self.units() {
                break;
            }
            left -= here;
            pos = RowPos {
                unit: pos.unit + 1,
                row: 0,
            };
        }
        if self.layouts.len() > CACHE_UNITS {
            let center = self.top.unit;
            let keep = CACHE_UNITS / 4;
            self.layouts.retain(|&u, _| u.abs_diff(center) <= keep);
            self.blocks.retain(|&u, _| u.abs_diff(center) <= keep);
        }
    }

    /// The visible rows, top to bottom: (unit, row) pairs with their layouts. Rows
    /// past the end are not returned.
    pub fn visible(&self) -> Vec<(usize, usize, &Arc<UnitLayout>)> {
        let mut out = Vec::with_capacity(self.height);
        let mut unit = self.top.unit;
        let mut row = self.top.row;
        while out.len() < self.height {
            let Some(layout) = self.layouts.get(&unit) else {
                break;
            };
            if row < layout.lines.len() {
                out.push((unit, row, layout));
                row += 1;
            } else {
                unit += 1;
                row = 0;
            }
        }
        out
    }

    /// Scrolls so that the cursor's paragraph is in view (its top, if it is taller
    /// than the pane).
    fn ensure_cursor_visible(&mut self) {
        let Some(cursor) = self.cursor else {
            self.clamp_top();
            return;
        };
        let (start, end) = self.block_span(cursor);
        // One row of context above a paragraph brought into view from above.
        let start_ctx = self.backward(start, 1);
        let bottom = self.bottom_row();
        if start < self.top {
            self.top = start_ctx;
        } else if end > bottom {
            // The top that shows the paragraph's end on the last row; a paragraph taller
            // than the pane is shown from its start instead.
            let fit = self.backward(end, self.height.saturating_sub(1));
            self.top = if fit > start { start } else { fit };
        }
        self.clamp_top();
    }

    fn after_move(&mut self) {
        self.ensure_cursor_visible();
        self.prepare();
    }

    /// The next paragraph; within a paragraph taller than the pane, the next page of it.
    pub fn next_paragraph(&mut self) {
        self.pristine = false;
        let Some(cursor) = self.cursor else { return };
        let (start, end) = self.block_span(cursor);
        let bottom = self.bottom_row();
        if end > bottom {
            // Never skip text the reader has not seen: reveal the rest of this
            // paragraph first, a page at a time when it is taller than the pane.
            if start <= bottom && self.span_rows(start, end) > self.height {
                let step = self.height.saturating_sub(2).max(1);
                self.top = self.forward(self.top, step);
                self.clamp_top();
                self.prepare();
            } else {
                self.after_move();
            }
            return;
        }
        let next = if cursor.block + 1 < self.block_count(cursor.unit) {
            Some(BlockPos {
                unit: cursor.unit,
                block: cursor.block + 1,
            })
        } else {
            self.first_stop_from(cursor.unit + 1)
        };
        match next {
            Some(next) => {
                self.cursor = Some(next);
                self.after_move();
            }
            // The last paragraph: show the end of the briefing.
            None => {
                self.top = self.max_top();
                self.prepare();
            }
        }
    }

    /// The previous paragraph; within a paragraph taller than the pane, the previous page.
    pub fn previous_paragraph(&mut self) {
        self.pristine = false;
        let Some(cursor) = self.cursor else { return };
        let (start, end) = self.block_span(cursor);
        if start < self.top {
            if self.span_rows(start, end) > self.height {
                let step = self.height.saturating_sub(2).max(1);
                self.top = self.backward(self.top, step).max(start);
                self.prepare();
            } else {
                self.after_move();
            }
            return;
        }
        let previous = if cursor.block > 0 {
            Some(BlockPos {
                unit: cursor.unit,
                block: cursor.block - 1,
            })
        } else if cursor.unit > 0 {
            self.last_stop_until(cursor.unit - 1)
        } else {
            None
        };
        match previous {
            Some(p) => {
                self.cursor = Some(p);
                // Show the paragraph's end too when coming from below: its start first.
                self.after_move();
            }
            None => {
                self.top = RowPos::default();
                self.prepare();
            }
        }
    }

    /// Shows a unit from its heading, with the cursor on its first paragraph.
    pub fn jump_to_unit(&mut self, unit: usize) {
        self.pristine = false;
        let unit = unit.min(self.units() - 1);
        self.top = RowPos { unit, row: 0 };
        self.cursor = if self.block_count(unit) > 0 {
            Some(BlockPos { unit, block: 0 })
        } else {
            self.first_stop_from(unit)
                .or_else(|| self.last_stop_until(unit))
        };
        self.clamp_top();
        self.prepare();
    }

    /// Puts the cursor on a block and brings it into view.
    pub fn jump_to_block(&mut self, pos: BlockPos) {
        self.pristine = false;
        let unit = pos.unit.min(self.units() - 1);
        let count = self.block_count(unit);
        if count == 0 {
            self.jump_to_unit(unit);
            return;
        }
        let pos = BlockPos {
            unit,
            block: pos.block.min(count - 1),
        };
        self.cursor = Some(pos);
        let (start, _) = self.block_span(pos);
        // Land with the section's heading in view when the paragraph is near it.
        let heading = RowPos { unit, row: 0 };
        let start_ctx = self.backward(start, 1);
        self.top = if self.forward(heading, self.height / 2) >= start {
            heading
        } else {
            start_ctx
        };
        self.clamp_top();
        self.prepare();
    }

    /// The next section's heading.
    pub fn next_section(&mut self) {
        self.pristine = false;
        let current = self.current_unit();
        if current + 1 < self.units() {
            self.jump_to_unit(current + 1);
        } else {
            self.bottom();
        }
    }

    /// The start of the current section, or the previous one when already there.
    pub fn previous_section(&mut self) {
        self.pristine = false;
        let current = self.current_unit();
        let at_start = self.top
            == RowPos {
                unit: current,
                row: 0,
            };
        let cursor_first = self
            .cursor
            .is_none_or(|c| c.unit != current || c.block == 0);
        if at_start && cursor_first || current == 0 {
            self.jump_to_unit(current.saturating_sub(1));
        } else {
            self.jump_to_unit(current);
        }
    }

    /// The top of the briefing.
    pub fn top(&mut self) {
        self.pristine = false;
        self.top = RowPos::default();
        self.cursor = self.first_stop_from(0);
        self.prepare();
    }

    /// The end of the briefing, cursor on the last paragraph.
    pub fn bottom(&mut self) {
        self.pristine = false;
        let last = self.units() - 1;
        self.cursor = self.last_stop_until(last);
        self.top = self.max_top();
        self.prepare();
    }

    /// Scrolls by `rows` (down if positive) and keeps the cursor on a visible paragraph.
    pub fn scroll(&mut self, rows: isize) {
        self.pristine = false;
        let before = self.top;
        self.top = if rows >= 0 {
            self.forward(self.top, rows.unsigned_abs())
        } else {
            self.backward(self.top, rows.unsigned_abs())
        };
        self.clamp_top();
        if self.top == before && rows > 0 {
            // Already at the end: the cursor goes to the last paragraph.
            let last = self.units() - 1;
            self.cursor = self.last_stop_until(last);
        } else {
            self.cursor_into_view(rows >= 0);
        }
        self.prepare();
    }

    /// A page down (or up), the cursor on the first paragraph that starts in view.
    pub fn page(&mut self, down: bool, fraction_half: bool) {
        self.pristine = false;
        let rows = if fraction_half {
            (self.height / 2).max(1)
        } else {
            self.height.saturating_sub(2).max(1)
        };
        self.scroll(if down {
            rows as isize
        } else {
            -(rows as isize)
        });
    }

    /// After a scroll: if the cursor left the pane, put it on the first paragraph
    /// that starts in view (or the one covering the top row).
    fn cursor_into_view(&mut self, down: bool) {
        let bottom = self.bottom_row();
        if let Some(c) = self.cursor {
            let (start, end) = self.block_span(c);
            let visible = end >= self.top && start <= bottom;
            let cut_off_above = down && start < self.top;
            if visible && !cut_off_above {
                return;
            }
        }
        // Scan the visible rows for the first block start.
        let mut pos = self.top;
        let mut covering = None;
        for _ in 0..self.height {
            let layout = self.ensure(pos.unit);
            for (i, rows) in layout.block_rows.iter().enumerate() {
                if rows.start == pos.row {
                    self.cursor = Some(BlockPos {
                        unit: pos.unit,
                        block: i,
                    });
                    return;
                }
                if covering.is_none() && rows.contains(&pos.row) {
                    covering = Some(BlockPos {
                        unit: pos.unit,
                        block: i,
                    });
                }
            }
            let next = self.forward(pos, 1);
            if next == pos {
                break;
            }
            pos = next;
        }
        if let Some(c) = covering {
            self.cursor = Some(c);
        }
    }

    /// The byte offset, in a block's text, of its first line on screen (0 when the
    /// block starts on screen; `None` when it is not on screen at all).
    pub fn first_visible_offset(&self, pos: BlockPos) -> Option<usize> {
        self.visible().into_iter().find_map(|(unit, row, layout)| {
            if unit != pos.unit {
                return None;
            }
            match &layout.lines[row] {
                super::layout::Line::Body { block, range, .. } if *block == pos.block => {
                    Some(range.start)
                }
                _ => None,
            }
        })
    }

    /// The unit the reader is in: the cursor's, else the top row's.
    pub fn current_unit(&self) -> usize {
        self.cursor.map_or(self.top.unit, |c| c.unit)
    }

    /// How far through the briefing the view is, 0–100.
    pub fn percent(&self) -> u8 {
        let total = self.weights.last().copied().unwrap_or(1).max(1);
        let unit = self.top.unit;
        let rows = self.layouts.get(&unit).map_or(1, |l| l.lines.len().max(1));
        let before = self.weights.get(unit).copied().unwrap_or(0);
        let span = self.weights.get(unit + 1).copied().unwrap_or(total) - before;
        let done = before + span * self.top.row as u64 / rows as u64;
        // At the end of the flow, say so.
        let visible = self.visible();
        let at_end = visible
            .last()
            .is_some_and(|(u, r, l)| *u + 1 == self.units() && *r + 3 >= l.lines.len());
        if at_end {
            100
        } else {
            (done * 100 / total).min(99) as u8
        }
    }
}

#[cfg(test)]
mod tests;
