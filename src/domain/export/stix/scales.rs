//! What a briefing or a note states, on STIX's scales: the Traffic Light Protocol 2.0
//! label as the official TLP 2.0 marking-definition objects, the confidence an analyst
//! states in words on STIX's 0–100 confidence scale, and the Admiralty grades of a
//! source in words. Must not depend on terminal crates.
//!
//! The TLP 2.0 marking definitions are the OASIS ones (`cti-stix-common-objects`,
//! `extension-definition-specifications/tlp-2.0`): fixed ids, created
//! 2022-10-01T00:00:00.000Z, each naming its level through the TLP 2.0 property
//! extension. Consumers recognise them by id, so they are copied exactly, never made up.

use crate::domain::briefing::{Briefing, Source};
use crate::domain::fold::fold;

/// The id of the OASIS extension definition that TLP 2.0 marking definitions use.
pub(crate) const TLP_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// When the OASIS TLP 2.0 marking definitions were created.
pub(crate) const TLP_CREATED: &str = "2022-10-01T00:00:00.000Z";

/// One TLP 2.0 level and its standard STIX marking definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tlp {
    /// The label as TLP 2.0 writes it, without `TLP:` (`AMBER+STRICT`).
    pub label: &'static str,
    /// The standard marking definition's id.
    pub id: &'static str,
    /// The value of its `tlp_2_0` extension property (`amber+strict`).
    pub value: &'static str,
}

impl Tlp {
    /// The marking definition's `name`: `TLP:AMBER+STRICT`.
    pub fn name(&self) -> String {
        format!("TLP:{}", self.label)
    }
}

/// The five TLP 2.0 levels, least restrictive first.
pub(crate) static TLP_2_0: [Tlp; 5] = [
    Tlp {
        label: "CLEAR",
        id: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        value: "clear",
    },
    Tlp {
        label: "GREEN",
        id: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        value: "green",
    },
    Tlp {
        label: "AMBER",
        id: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        value: "amber",
    },
    Tlp {
        label: "AMBER+STRICT",
        id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        value: "amber+strict",
    },
    Tlp {
        label: "RED",
        id: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        value: "red",
    },
];

/// The TLP 2.0 level of a label written `AMBER+STRICT` or `TLP:AMBER+STRICT` (any case,
/// spaces around ignored); `None` for anything else, TLP 1.0's `WHITE` included.
pub(crate) fn tlp_of_label(label: &str) -> Option<&'static Tlp> {
    let label = label.trim();
    let bare = match label.get(..4) {
        Some(head) if head.eq_ignore_ascii_case("TLP:") => &label[4..],
        _ => label,
    };
    TLP_2_0
        .iter()
        .find(|t| t.label.eq_ignore_ascii_case(bare.trim()))
}

/// The briefing's TLP 2.0 level, if it states one.
///
/// TRADECRAFT (issue 18): briefings gain a `tlp` field (`"CLEAR"`, `"GREEN"`, `"AMBER"`,
/// `"AMBER+STRICT"`, `"RED"`); when it lands, read it here first, with
/// [`tlp_of_label`]. Until then a briefing states its TLP by a `classification` that is
/// exactly a TLP 2.0 label, such as `TLP:AMBER`.
pub(crate) fn briefing_tlp(briefing: &Briefing) -> Option<&'static Tlp> {
    let classification = briefing.classification.as_deref()?;
    let head = classification.trim_start().get(..4)?;
    if !head.eq_ignore_ascii_case("TLP:") {
        return None;
    }
    tlp_of_label(classification)
}

/// A confidence level as analytic standards (ICD 203) state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Confidence {
    /// "low confidence", "confiance faible".
    Low,
    /// "moderate confidence", "confiance modérée".
    Moderate,
    /// "high confidence", "confiance élevée".
    High,
}

impl Confidence {
    /// The value on STIX's 0–100 scale, after the "None / Low / Med / High" table of the
    /// STIX 2.1 specification (Appendix A): Low 15, Med 50, High 85.
    pub fn stix(self) -> u8 {
        match self {
            Confidence::Low => 15,
            Confidence::Moderate => 50,
            Confidence::High => 85,
        }
    }
}

/// The two words that state a level, folded (lowercase, no accents), in order.
const CONFIDENCE_PHRASES: [(&str, &str, Confidence); 10] = [
    ("low", "confidence", Confidence::Low),
    ("moderate", "confidence", Confidence::Moderate),
    ("high", "confidence", Confidence::High),
    ("confiance", "faible", Confidence::Low),
    ("faible", "confiance", Confidence::Low),
    ("confiance", "moderee", Confidence::Moderate),
    ("confiance", "modere", Confidence::Moderate),
    ("confiance", "elevee", Confidence::High),
    ("confiance", "eleve", Confidence::High),
    ("haute", "confiance", Confidence::High),
];

/// The confidence a text states: one of the phrases of [`CONFIDENCE_PHRASES`] (case,
/// accents and line breaks ignored, whole words). A text that states two different
/// levels states none: it is not for the export to choose. Linear in the text.
///
/// TRADECRAFT (issue 18) brings a configurable list of estimative terms; when it lands,
/// this should ask it instead of keeping its own list.
pub(crate) fn stated_confidence(text: &str) -> Option<Confidence> {
    let folded = fold(text).text;
    let mut words = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut found: Option<Confidence> = None;
    let mut previous = words.next()?;
    for word in words {
        let level = CONFIDENCE_PHRASES
            .iter()
            .find(|(a, b, _)| *a == previous && *b == word)
            .map(|(_, _, level)| *level);
        if let Some(level) = level {
            match found {
                Some(other) if other != level => return None,
                _ => found = Some(level),
            }
        }
        previous = word;
    }
    found
}

/// The Admiralty grades of a source: reliability `A`–`F` and credibility `1`–`6`.
///
/// TRADECRAFT (issue 18): `Source` gains `reliability` and `credibility`; return them
/// here and the export carries them (see [`grade_words`]). Until then sources carry no
/// grade.
pub(crate) fn admiralty_grade(_source: &Source) -> (Option<char>, Option<u8>) {
    (None, None)
}

/// The Admiralty grades in words, for an external reference's description:
/// `Admiralty grade B2 (reliability B: usually reliable; credibility 2: probably true)`;
/// `None` when the source is not graded.
pub(crate) fn grade_words(reliability: Option<char>, credibility: Option<u8>) -> Option<String> {
    const RELIABILITY: [&str; 6] = [
        "completely reliable",
        "usually reliable",
        "fairly reliable",
        "not usually reliable",
        "unreliable",
        "reliability cannot be judged",
    ];
    const CREDIBILITY: [&str; 6] = [
        "confirmed by other sources",
        "probably true",
        "possibly true",
        "doubtful",
        "improbable",
        "truth cannot be judged",
    ];
    let r = reliability.and_then(|r| {
        let i = "ABCDEF".find(r.to_ascii_uppercase())?;
        Some((r.to_ascii_uppercase(), RELIABILITY[i]))
    });
    let c = credibility
        .filter(|c| (1..=6).contains(c))
        .map(|c| (c, CREDIBILITY[usize::from(c) - 1]));
    let mut parts = Vec::new();
    if let Some((r, words)) = r {
        parts.push(format!("reliability {r}: {words}"));
    }
    if let Some((c, words)) = c {
        parts.push(format!("credibility {c}: {words}"));
    }
    if parts.is_empty() {
        return None;
    }
    let code = format!(
        "{}{}",
        r.map(|(r, _)| r.to_string()).unwrap_or_default(),
        c.map(|(c, _)| c.to_string()).unwrap_or_default()
    );
    Some(format!("Admiralty grade {code} ({})", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tlp_labels_with_or_without_prefix() {
        assert_eq!(
            tlp_of_label("AMBER+STRICT").map(|t| t.id),
            Some("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003")
        );
        assert_eq!(tlp_of_label(" tlp:red ").map(|t| t.value), Some("red"));
        assert_eq!(
            tlp_of_label("TLP:CLEAR").map(|t| t.name()).as_deref(),
            Some("TLP:CLEAR")
        );
        assert_eq!(tlp_of_label("TLP:WHITE"), None);
        assert_eq!(tlp_of_label("AMBER STRICT"), None);
        assert_eq!(tlp_of_label(""), None);
    }

    #[test]
    fn confidence_in_words_english_and_french() {
        let level = |t: &str| stated_confidence(t).map(Confidence::stix);
        assert_eq!(
            level("We assess with HIGH\nconfidence that it is likely."),
            Some(85)
        );
        assert_eq!(level("low confidence: a single source"), Some(15));
        assert_eq!(level("Moderate confidence."), Some(50));
        assert_eq!(level("Avec une confiance élevée, …"), Some(85));
        assert_eq!(level("degré de confiance modéré"), Some(50));
        assert_eq!(level("Confiance faible."), Some(15));
        assert_eq!(level("confidence is what we lack"), None);
        assert_eq!(level("highconfidence"), None);
        // Two different levels: none is chosen.
        assert_eq!(level("high confidence here, low confidence there"), None);
        assert_eq!(
            level("high confidence, and again high confidence"),
            Some(85)
        );
        assert_eq!(level(""), None);
    }

    #[test]
    fn admiralty_grades_in_words() {
        assert_eq!(
            grade_words(Some('b'), Some(2)).as_deref(),
            Some(
                "Admiralty grade B2 (reliability B: usually reliable; credibility 2: probably true)"
            )
        );
        assert_eq!(
            grade_words(Some('F'), None).as_deref(),
            Some("Admiralty grade F (reliability F: reliability cannot be judged)")
        );
        assert_eq!(grade_words(Some('G'), Some(7)), None);
        assert_eq!(grade_words(None, None), None);
    }
}
