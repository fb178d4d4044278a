//! What changed in a section since it was read: a word-level diff of the text kept
//! with its read mark against the text as it is now. Words are compared, whitespace
//! kept with them, so a changed word reads as one deletion and one insertion. Must not
//! depend on terminal crates.

use std::time::{Duration, Instant};

use similar::{ChangeTag, TextDiff};

/// How long a diff may take before it settles for a coarser answer (still correct:
/// every word is either kept, deleted or inserted, only less finely matched). Keeps a
/// pathological pair of texts from holding the reader.
pub const DIFF_DEADLINE: Duration = Duration::from_millis(40);

/// What a piece of the diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In both texts.
    Same,
    /// Only in the text as it was read.
    Deleted,
    /// Only in the text as it is now.
    Inserted,
}

/// A run of text with what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// What it is.
    pub change: Change,
    /// The text, whitespace included.
    pub text: String,
}

/// The word-level diff of `old` (as read) and `new` (as now), as runs: adjacent words
/// of one kind are merged into one piece. Concatenating the `Same` and `Deleted`
/// pieces gives `old`, the `Same` and `Inserted` pieces `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::configure()
        .deadline(Instant::now() + DIFF_DEADLINE)
        .diff_words(old, new);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Delete => Change::Deleted,
            ChangeTag::Insert => Change::Inserted,
        };
        let text = change.value();
        match pieces.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(text),
            _ => pieces.push(Piece {
                change: kind,
                text: text.to_owned(),
            }),
        }
    }
    join_runs(pieces)
}

/// Changed words separated only by spaces read as one change: `is expected in` →
/// `was confirmed for` rather than word against word. The spaces between them go to
/// both sides, so each text is still rebuilt exactly.
fn join_runs(pieces: Vec<Piece>) -> Vec<Piece> {
    let changed = |p: &Piece| p.change != Change::Same;
    let blank = |p: &Piece| p.change == Change::Same && p.text.trim().is_empty();
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        if !changed(&pieces[i]) {
            out.push(pieces[i].clone());
            i += 1;
            continue;
        }
        let mut j = i;
        while j < pieces.len()
            && (changed(&pieces[j])
                || (blank(&pieces[j]) && pieces.get(j + 1).is_some_and(changed)))
        {
            j += 1;
        }
        let side = |without: Change| -> String {
            pieces[i..j]
                .iter()
                .filter(|p| p.change != without)
                .map(|p| p.text.as_str())
                .collect()
        };
        for (change, text) in [
            (Change::Deleted, side(Change::Inserted)),
            (Change::Inserted, side(Change::Deleted)),
        ] {
            if !text.is_empty() {
                out.push(Piece { change, text });
            }
        }
        i = j;
    }
    out
}

/// How many words were deleted and inserted.
pub fn counts(pieces: &[Piece]) -> (usize, usize) {
    let words = |kind| {
        pieces
            .iter()
            .filter(|p| p.change == kind)
            .map(|p| p.text.split_whitespace().count())
            .sum()
    };
    (words(Change::Deleted), words(Change::Inserted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(pieces: &[Piece], without: Change) -> String {
        pieces
            .iter()
            .filter(|p| p.change != without)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn a_changed_word_is_one_deletion_and_one_insertion() {
        let old = "The summit is expected in Vladivostok next week.";
        let new = "The summit is confirmed in Vladivostok next week.";
        let pieces = word_diff(old, new);
        let changed: Vec<(Change, &str)> = pieces
            .iter()
            .filter(|p| p.change != Change::Same)
            .map(|p| (p.change, p.text.trim()))
            .collect();
        assert_eq!(
            changed,
            [
                (Change::Deleted, "expected"),
                (Change::Inserted, "confirmed")
            ]
        );
        // Neighbouring changed words make one change.
        let joined = word_diff("it is expected in May", "it was confirmed for May");
        let changed: Vec<(Change, &str)> = joined
            .iter()
            .filter(|p| p.change != Change::Same)
            .map(|p| (p.change, p.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                (Change::Deleted, "is expected in"),
                (Change::Inserted, "was confirmed for")
            ]
        );
        assert_eq!(side(&pieces, Change::Inserted), old);
        assert_eq!(side(&pieces, Change::Deleted), new);
        assert_eq!(counts(&pieces), (1, 1));
    }

    #[test]
    fn both_texts_are_rebuilt_from_the_pieces_whatever_the_change() {
        let cases = [
            ("", "Tout neuf."),
            ("Tout supprimé.", ""),
            ("a b c", "a b c"),
            ("un  deux\n\ntrois", "un deux\n\ntrois quatre"),
            (
                "coopération militaire",
                "coopération militaire et économique",
            ),
        ];
        for (old, new) in cases {
            let pieces = word_diff(old, new);
            assert_eq!(side(&pieces, Change::Inserted), old, "{old:?} → {new:?}");
            assert_eq!(side(&pieces, Change::Deleted), new, "{old:?} → {new:?}");
            // Runs of one kind are merged.
            assert!(pieces.windows(2).all(|w| w[0].change != w[1].change));
        }
        assert!(
            word_diff("same", "same")
                .iter()
                .all(|p| p.change == Change::Same)
        );
    }

    #[test]
    fn a_large_rewrite_completes_and_stays_exact() {
        // 40,000 words against 40,000 others: the deadline bounds the time, the pieces
        // still rebuild both texts.
        let old: String = (0..40_000).map(|i| format!("w{i} ")).collect();
        let new: String = (0..40_000)
            .map(|i| format!("v{} ", i * 7 % 40_000))
            .collect();
        let pieces = word_diff(&old, &new);
        assert_eq!(side(&pieces, Change::Inserted), old);
        assert_eq!(side(&pieces, Change::Deleted), new);
    }
}
