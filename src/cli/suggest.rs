//! "Did you mean": the known ids closest to one that is not known, for the error that
//! `show`, `notes` and `export` give. Uses the domain only.

use crate::domain::text::sanitize_line;

/// How many suggestions an error names at most.
const MAX_SUGGESTIONS: usize = 3;

/// How alike two ids must be (Jaro-Winkler similarity, 0 to 1) to be suggested.
const THRESHOLD: f64 = 0.75;

/// The known ids closest to `wanted`, best first: those alike enough by Jaro-Winkler
/// similarity (which favours a shared start, as ids share prefixes), those sharing a
/// long start with it, and those that contain it or that it contains; at most three.
pub(super) fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .filter(|k| !k.is_empty())
        .filter_map(|k| {
            let mut score = strsim::jaro_winkler(&wanted, k);
            if !wanted.is_empty() && (k.contains(wanted.as_str()) || wanted.contains(k)) {
                score = score.max(0.9);
            }
            // A long shared start (`kim-putin…`) counts even when the rest differs.
            let common = wanted
                .chars()
                .zip(k.chars())
                .take_while(|(a, b)| a == b)
                .count();
            if common >= 4 && common * 2 >= wanted.chars().count() {
                score = score.max(0.8);
            }
            (score >= THRESHOLD).then_some((score, k))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, k)| k)
        .collect()
}

/// `brief: no briefing with id `kim-putin` (closest: kim-putin-vladivostok-en,
/// kim-putin-vladivostok-fr)`, sanitised; `what` names the thing (`briefing`, ``section
/// of `x` ``), `hint` what to run to see them all.
pub(super) fn unknown<'a>(
    what: &str,
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
    hint: &str,
) -> String {
    let near = closest(wanted, known);
    let id = sanitize_line(wanted);
    if near.is_empty() {
        format!("brief: no {what} with id `{id}` ({hint})")
    } else {
        let near: Vec<String> = near.iter().map(|k| sanitize_line(k).into_owned()).collect();
        format!(
            "brief: no {what} with id `{id}` (closest: {})",
            near.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 4] = [
        "kim-putin-vladivostok-en",
        "kim-putin-vladivostok-fr",
        "river-treaty",
        "ferry-talks",
    ];

    #[test]
    fn the_closest_ids_are_named() {
        assert_eq!(
            closest("kim-putin", IDS),
            ["kim-putin-vladivostok-en", "kim-putin-vladivostok-fr"]
        );
        assert_eq!(closest("kim-putin-vladivostok-de", IDS)[..2], IDS[..2]);
        assert_eq!(closest("river-traety", IDS), ["river-treaty"]);
        assert!(closest("zzzzzz", IDS).is_empty());
    }

    #[test]
    fn the_message_is_safe_and_helpful() {
        let m = unknown("briefing", "kim-putin\u{1b}[2J", IDS, "see `brief list`");
        assert!(!m.contains('\u{1b}'), "{m:?}");
        assert!(m.contains("closest: kim-putin-vladivostok-en"), "{m}");
        let m = unknown("briefing", "zzzz", IDS, "see `brief list`");
        assert_eq!(m, "brief: no briefing with id `zzzz` (see `brief list`)");
    }
}
