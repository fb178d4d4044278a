//! Searching the open briefing as you type (`/`), then `n`/`N` from match to match.
//! The query folds case, accents and typography like every search of brief.

use crate::domain::fold::fold_query;
use crate::domain::search::{DocIndex, HEADING, Match, order_of};
use crate::tui::notebook::BlockPos;
use crate::tui::widgets::line_input::LineInput;

/// The most matches kept for highlighting and `n`/`N`.
pub const MAX_MATCHES: usize = 100_000;

/// A search in the open briefing.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What was typed.
    pub input: LineInput,
    /// Typing goes to the query.
    pub editing: bool,
    /// Every match, in document order.
    pub matches: Vec<Match>,
    /// The current match.
    pub current: Option<usize>,
    /// Where the cursor was when the search started (typing searches from there).
    pub origin: Option<BlockPos>,
    /// The query changed since the matches were computed (the index was not ready).
    pub stale: bool,
    /// More matches than [`MAX_MATCHES`] exist.
    pub capped: bool,
}

impl Search {
    /// A search being typed, from `origin`.
    pub fn start(origin: Option<BlockPos>) -> Search {
        Search {
            editing: true,
            origin,
            ..Search::default()
        }
    }

    /// A search already run for `query` (from the library search).
    pub fn kept(query: &str, origin: BlockPos) -> Search {
        Search {
            input: LineInput::with(query),
            origin: Some(origin),
            stale: true,
            ..Search::default()
        }
    }

    /// The matches in one block, with whether each is the current one.
    pub fn in_block(&self, pos: BlockPos) -> impl Iterator<Item = (&Match, bool)> {
        let key = order_of(pos.unit, pos.block);
        let start = self.matches.partition_point(|m| m.order() < key);
        self.matches[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, m)| m.unit == pos.unit && m.block == pos.block)
            .map(move |(i, m)| (m, self.current == Some(start + i)))
    }

    /// Whether the current match is in the heading of `unit` (its title, metadata,
    /// sources, dates), which the reader then highlights.
    pub fn current_in_heading(&self, unit: usize) -> bool {
        self.current
            .and_then(|i| self.matches.get(i))
            .is_some_and(|m| m.unit == unit && m.block == HEADING)
    }

    /// Whether any match is in a unit (for the outline's marks).
    pub fn unit_has_match(&self, unit: usize) -> bool {
        let i = self.matches.partition_point(|m| m.unit < unit);
        self.matches.get(i).is_some_and(|m| m.unit == unit)
    }

    /// Runs the query on `index`; returns the first match at or after the origin (the
    /// place to show), if any.
    pub fn run(&mut self, index: &DocIndex) -> Option<(BlockPos, usize)> {
        self.stale = false;
        let query = fold_query(self.input.text());
        let mut matches = index.search(&query);
        self.capped = matches.len() > MAX_MATCHES;
        matches.truncate(MAX_MATCHES);
        self.matches = matches;
        let origin = self.origin.unwrap_or_default();
        self.current = if self.matches.is_empty() {
            None
        } else {
            let key = order_of(origin.unit, origin.block);
            let i = self.matches.partition_point(|m| m.order() < key);
            Some(if i < self.matches.len() { i } else { 0 })
        };
        self.current.map(|i| self.place(i))
    }

    fn place(&self, i: usize) -> (BlockPos, usize) {
        let m = &self.matches[i];
        (
            BlockPos {
                unit: m.unit,
                block: m.block,
            },
            m.range.start,
        )
    }

    /// The next (or previous) match, wrapping around: where it is, and whether it
    /// wrapped. `None` without matches.
    pub fn step(&mut self, forward: bool) -> Option<((BlockPos, usize), bool)> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let current = self.current.unwrap_or(0);
        let (next, wrapped) = if forward {
            if current + 1 >= n {
                (0, true)
            } else {
                (current + 1, false)
            }
        } else if current == 0 {
            (n - 1, true)
        } else {
            (current - 1, false)
        };
        self.current = Some(next);
        Some((self.place(next), wrapped))
    }
}
