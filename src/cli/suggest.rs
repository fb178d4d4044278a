//! "Did you mean": the known ids closest to one that is not known, for the error that
//! `show`, `notes` and `export` give. Uses the domain only.

use crate::domain::briefing::Briefing;
use crate::domain::i18n::{Args, Lang, t_args};
use crate::tr;

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

/// What an id was looked for among.
#[derive(Debug, Clone, Copy)]
pub(super) enum Among<'a> {
    /// The briefings of the library (and of the store).
    Briefings,
    /// The sections of the briefing with this id.
    Sections(&'a str),
}

/// ``brief: no briefing with id `kim-putin` (closest: kim-putin-vladivostok-en,
/// kim-putin-vladivostok-fr)`` in `lang`, sanitised; without a close id, `hint` says
/// where to find them all.
pub(super) fn unknown<'a>(
    lang: Lang,
    among: Among<'_>,
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
    hint: &str,
) -> String {
    let near = closest(wanted, known);
    let mut args = Args::new().with("id", wanted);
    let id = match (among, near.is_empty()) {
        (Among::Briefings, true) => "cli-unknown-briefing",
        (Among::Briefings, false) => "cli-unknown-briefing-closest",
        (Among::Sections(_), true) => "cli-unknown-section",
        (Among::Sections(_), false) => "cli-unknown-section-closest",
    };
    if let Among::Sections(briefing) = among {
        args.set("briefing", briefing);
    }
    if near.is_empty() {
        args.set("hint", hint);
    } else {
        args.set("closest", near.join(", "));
    }
    t_args(lang, id, &args)
}

/// `sections: a, b, c` in `lang`: the first ten ids, then how many more.
pub(super) fn sections_hint(lang: Lang, briefing: &Briefing) -> String {
    const SHOWN: usize = 10;
    let mut ids: Vec<&str> = briefing
        .sections
        .iter()
        .take(SHOWN)
        .map(|s| s.id.as_str())
        .collect();
    let more = briefing.sections.len().saturating_sub(SHOWN);
    let more = tr!(lang, "cli-hint-sections-more", count = more);
    if briefing.sections.len() > SHOWN {
        ids.push(&more);
    }
    tr!(lang, "cli-hint-sections", ids = ids.join(", "))
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
        let briefings = Among::Briefings;
        let m = unknown(
            Lang::En,
            briefings,
            "kim-putin\u{1b}[2J",
            IDS,
            "see `brief list`",
        );
        assert!(!m.contains('\u{1b}'), "{m:?}");
        assert!(m.contains("closest: kim-putin-vladivostok-en"), "{m}");
        let m = unknown(Lang::En, briefings, "zzzz", IDS, "see `brief list`");
        assert_eq!(m, "brief: no briefing with id `zzzz` (see `brief list`)");
        let m = unknown(
            Lang::Fr,
            Among::Sections("x"),
            "objectifs",
            ["objectives"],
            "",
        );
        assert_eq!(
            m,
            "brief\u{202f}: aucune section de `x` n’a l’identifiant `objectifs` \
             (les plus proches\u{202f}: objectives)"
        );
    }
}
