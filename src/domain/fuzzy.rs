//! Fuzzy matching for the finder: a query matches a title when its characters appear
//! in order in the title's folded text (case, accents and typography folded, like
//! every search of brief), and the match is scored by how a person reads it — runs
//! of contiguous characters, runs that start a word, an early start. Scattered
//! single letters are a weak match and are dropped: `putin` does not match
//! "Pourquoi le voyage…", and `obst` puts "Obstacles…" first. Terminal-free.

use std::ops::Range;

use super::fold::{fold, fold_query};

/// A match: its score (higher is better) and the byte ranges of the title it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyMatch {
    /// Higher is better.
    pub score: u32,
    /// Byte ranges of the original title that matched, in order.
    pub ranges: Vec<Range<usize>>,
}

fn is_word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Scores `title` for `query`; `None` when it does not match or matches too weakly.
pub fn fuzzy_match(query: &str, title: &str) -> Option<FuzzyMatch> {
    let q = fold_query(query).text.replace(' ', "");
    if q.is_empty() {
        return Some(FuzzyMatch {
            score: 0,
            ranges: Vec::new(),
        });
    }
    let folded = fold(title);
    let hay = folded.text.as_str();
    // Best case: the query whole, at a word start, as early as possible.
    let mut best: Option<(u32, Vec<Range<usize>>)> = None;
    for (at, _) in hay.match_indices(q.as_str()) {
        let word = is_word_start(hay, at);
        let score = 1000 + if word { 500 } else { 0 } - (at.min(400) as u32);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, std::iter::once(at..at + q.len()).collect()));
        }
    }
    if best.is_none() {
        best = runs(&q, hay);
    }
    let (score, folded_ranges) = best?;
    let ranges = folded_ranges
        .into_iter()
        .map(|r| folded.to_original(r))
        .collect();
    Some(FuzzyMatch { score, ranges })
}

/// The query in pieces, greedily: each piece the longest run of the query found at
/// or after the last one, preferring word starts. Strong only if every piece but a
/// last short one is at least two characters and starts a word.
fn runs(query: &str, hay: &str) -> Option<(u32, Vec<Range<usize>>)> {
    let mut ranges = Vec::new();
    let mut from = 0;
    let mut rest = query;
    let mut score = 0u32;
    while !rest.is_empty() {
        // The longest prefix of what is left of the query found after `from`,
        // at a word start if possible.
        let mut found: Option<(usize, usize, bool)> = None;
        let mut end = rest.len();
        while end > 0 {
            if !rest.is_char_boundary(end) {
                end -= 1;
                continue;
            }
            let piece = &rest[..end];
            let mut at_word = None;
            let mut anywhere = None;
            for (at, _) in hay[from..].match_indices(piece) {
                let at = from + at;
                if anywhere.is_none() {
                    anywhere = Some(at);
                }
                if is_word_start(hay, at) {
                    at_word = Some(at);
                    break;
                }
            }
            if let Some(at) = at_word {
                found = Some((at, end, true));
                break;
            }
            if let Some(at) = anywhere
                && found.is_none()
            {
                found = Some((at, end, false));
            }
            end -= 1;
        }
        let (at, len, word) = found?;
        let chars = rest[..len].chars().count();
        let last = len == rest.len();
        // A scattered letter (or one in the middle of a word) is what makes a match weak.
        if !word && (!last || chars > 2) {
            return None;
        }
        if chars < 2 && !last {
            return None;
        }
        score += (chars * chars) as u32 * 10 + if word { 50 } else { 0 };
        ranges.push(at..at + len);
        from = at + len;
        rest = &rest[len..];
    }
    Some((score, ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best<'a>(query: &str, titles: &[&'a str]) -> Vec<&'a str> {
        let mut scored: Vec<(u32, &str)> = titles
            .iter()
            .filter_map(|t| fuzzy_match(query, t).map(|m| (m.score, *t)))
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored.into_iter().map(|(_, t)| t).collect()
    }

    const TITLES: &[&str] = &[
        "Pourquoi le voyage a-t-il été divulgué ?",
        "Obstacles to military cooperation",
        "Objectives of the meeting",
        "Kim Jong Un and Vladimir Putin: an expected meeting in Vladivostok",
        "Les obstacles à la coopération militaire",
        "Coopération militaire et avantages mutuels",
    ];

    #[test]
    fn scattered_letters_are_not_a_match() {
        let found = best("putin", TITLES);
        assert_eq!(
            found,
            vec!["Kim Jong Un and Vladimir Putin: an expected meeting in Vladivostok"]
        );
    }

    #[test]
    fn a_word_start_comes_first() {
        let found = best("obst", TITLES);
        assert_eq!(found.first(), Some(&"Obstacles to military cooperation"));
        assert!(found.contains(&"Les obstacles à la coopération militaire"));
    }

    #[test]
    fn matching_folds_accents_and_pieces_start_words() {
        let found = best("coop mil", TITLES);
        assert!(
            found.contains(&"Coopération militaire et avantages mutuels"),
            "{found:?}"
        );
        let m = fuzzy_match("cooperation", "Coopération militaire");
        let expected: Vec<Range<usize>> = std::iter::once(0..12).collect();
        assert_eq!(m.map(|m| m.ranges), Some(expected));
        // Initials of words.
        assert!(fuzzy_match("mico", "Military cooperation").is_some());
    }
}
