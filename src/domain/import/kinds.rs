//! Guessing a section's kind from its heading, with French and English keyword tables
//! read on whole words, accents and case aside. Must not depend on terminal crates.

use super::{Lang, fold};

/// Keywords (folded words) that give a section its kind.
const KIND_KEYWORDS: &[(&str, &str)] = &[
    ("objectif", "objectives"),
    ("objectifs", "objectives"),
    ("objective", "objectives"),
    ("objectives", "objectives"),
    ("goal", "objectives"),
    ("goals", "objectives"),
    ("aim", "objectives"),
    ("aims", "objectives"),
    ("enjeu", "objectives"),
    ("enjeux", "objectives"),
    ("cooperation militaire", "military-cooperation"),
    ("military cooperation", "military-cooperation"),
    ("arms", "military-cooperation"),
    ("armement", "military-cooperation"),
    ("armements", "military-cooperation"),
    ("armes", "military-cooperation"),
    ("weapon", "military-cooperation"),
    ("weapons", "military-cooperation"),
    ("defi", "challenges"),
    ("defis", "challenges"),
    ("risque", "challenges"),
    ("risques", "challenges"),
    ("obstacle", "challenges"),
    ("obstacles", "challenges"),
    ("challenge", "challenges"),
    ("challenges", "challenges"),
    ("risk", "challenges"),
    ("risks", "challenges"),
    ("dates", "possible-dates"),
    ("calendrier", "possible-dates"),
    ("timeline", "possible-dates"),
    ("schedule", "possible-dates"),
    ("introduction", "context"),
    ("contexte", "context"),
    ("context", "context"),
    ("background", "context"),
    ("preparation", "context"),
    ("preparatifs", "context"),
    ("conclusion", "assessment"),
    ("conclusions", "assessment"),
    ("evaluation", "assessment"),
    ("assessment", "assessment"),
    ("bilan", "assessment"),
    ("implication", "implications"),
    ("implications", "implications"),
    ("consequence", "implications"),
    ("consequences", "implications"),
    ("interet", "interests"),
    ("interets", "interests"),
    ("interest", "interests"),
    ("interests", "interests"),
    ("avantage", "interests"),
    ("avantages", "interests"),
    ("benefits", "interests"),
    ("advantages", "interests"),
    ("technologie", "technology"),
    ("technologies", "technology"),
    ("technologique", "technology"),
    ("technologiques", "technology"),
    ("technology", "technology"),
    ("technological", "technology"),
    ("partenariat technologique", "technology"),
];

/// Words that end a noun phrase in a heading.
const PHRASE_BREAKS: [&str; 45] = [
    "et", "ou", "de", "des", "du", "d", "la", "le", "les", "l", "un", "une", "pour", "avec", "sur",
    "dans", "en", "a", "au", "aux", "entre", "par", "contre", "sans", "vers", "and", "or", "of",
    "the", "an", "for", "with", "on", "in", "to", "at", "by", "from", "between", "against",
    "versus", "vs", "into", "over", "after",
];

/// Guesses a section's kind from its heading.
///
/// The heading is cut into noun phrases at punctuation and at small words (`et`, `de`,
/// `les`, `and`, `of`, `the`…). The first phrase holding a keyword decides, so
/// "La coopération militaire et les avantages mutuels" is `military-cooperation` and
/// "Les défis de la coopération militaire" is `challenges`. Within that phrase, French
/// puts the head noun first and English last: "Partenariat technologique" is read from
/// its first keyword, "Weapons technology risks" from its last (`challenges`). On a tie
/// the longer keyword wins.
pub(crate) fn guess_kind(heading: &str, lang: Lang) -> Option<&'static str> {
    // Phrases: runs of words between punctuation and break words.
    let mut phrases: Vec<Vec<String>> = vec![Vec::new()];
    let mut word = String::new();
    let flush = |word: &mut String, phrases: &mut Vec<Vec<String>>| {
        if word.is_empty() {
            return;
        }
        let folded = fold(word);
        word.clear();
        if PHRASE_BREAKS.contains(&folded.as_str()) {
            phrases.push(Vec::new());
        } else if let Some(last) = phrases.last_mut() {
            last.push(folded);
        }
    };
    for c in heading.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut phrases);
            // A hyphen or an apostrophe joins words of one phrase; other marks end it.
            if !c.is_whitespace() && !matches!(c, '-' | '\'' | '’') {
                phrases.push(Vec::new());
            }
        }
    }
    flush(&mut word, &mut phrases);
    for phrase in phrases.iter().filter(|p| !p.is_empty()) {
        // (start, end, kind) of each keyword found in the phrase.
        let mut hits: Vec<(usize, usize, &'static str)> = Vec::new();
        for (keyword, kind) in KIND_KEYWORDS {
            let words: Vec<&str> = keyword.split(' ').collect();
            for start in 0..phrase.len() {
                let end = start + words.len();
                if end <= phrase.len() && phrase[start..end].iter().zip(&words).all(|(a, b)| a == b)
                {
                    hits.push((start, end, kind));
                }
            }
        }
        let best = match lang {
            Lang::Fr => hits
                .iter()
                .min_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e))),
            Lang::En => hits
                .iter()
                .max_by_key(|(s, e, _)| (*e, std::cmp::Reverse(*s))),
        };
        if let Some((_, _, kind)) = best {
            return Some(kind);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_first_noun_phrase() {
        let fr = Lang::Fr;
        let en = Lang::En;
        assert_eq!(
            guess_kind("La coopération militaire et les avantages mutuels", fr),
            Some("military-cooperation")
        );
        assert_eq!(
            guess_kind("Les défis de la coopération militaire", fr),
            Some("challenges")
        );
        assert_eq!(
            guess_kind("Military cooperation and mutual benefits", en),
            Some("military-cooperation")
        );
        assert_eq!(
            guess_kind("Challenges to military cooperation", en),
            Some("challenges")
        );
        assert_eq!(
            guess_kind("Economic and technological interests", en),
            Some("interests")
        );
        assert_eq!(
            guess_kind("Partenariat technologique", fr),
            Some("technology")
        );
        assert_eq!(guess_kind("Weapons technology", en), Some("technology"));
        assert_eq!(
            guess_kind("OBJECTIFS DE LA RENCONTRE", fr),
            Some("objectives")
        );
        assert_eq!(
            guess_kind("Context: Kim prepares a trip", en),
            Some("context")
        );
        assert_eq!(
            guess_kind("Calendrier et dates possibles", fr),
            Some("possible-dates")
        );
        assert_eq!(guess_kind("Évaluation", fr), Some("assessment"));
        assert_eq!(
            guess_kind("Les conséquences pour la Chine", fr),
            Some("implications")
        );
        assert_eq!(guess_kind("Intérêts de Pyongyang", fr), Some("interests"));
        assert_eq!(guess_kind("Un voyage rare", fr), None);
        assert_eq!(guess_kind("Background noise", en), Some("context"));
        assert_eq!(guess_kind("Armed forces", en), None);
    }
}
