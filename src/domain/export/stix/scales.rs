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
use crate::domain::tradecraft::estimative::{Estimate, Lexicons};

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

/// The standard TLP 2.0 marking definition of a label.
pub(crate) fn tlp_marking(tlp: crate::domain::tradecraft::tlp::Tlp) -> &'static Tlp {
    use crate::domain::tradecraft::tlp::Tlp as Label;
    let index = match tlp {
        Label::Clear => 0,
        Label::Green => 1,
        Label::Amber => 2,
        Label::AmberStrict => 3,
        Label::Red => 4,
    };
    &TLP_2_0[index]
}

/// The briefing's TLP 2.0 marking definition, if it has a label (its `tlp`, or a
/// `classification` that is exactly a TLP 2.0 label: see
/// [`crate::domain::tradecraft::inherit::briefing_tlp`]).
pub(crate) fn briefing_tlp(briefing: &Briefing) -> Option<&'static Tlp> {
    crate::domain::tradecraft::inherit::briefing_tlp(briefing).map(tlp_marking)
}

/// A confidence level as analytic standards (ICD 203) state it: the index of a level
/// of the estimative lexicon (from the lowest) among how many it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Confidence {
    level: usize,
    levels: usize,
}

impl Confidence {
    /// The value on STIX's 0–100 scale. With the three levels of ICD 203 (low,
    /// moderate, high), the "None / Low / Med / High" table of the STIX 2.1
    /// specification (Appendix A): Low 15, Med 50, High 85. An organisation's own scale
    /// with another number of levels is spread evenly, each level at the middle of its
    /// share of 0–100.
    pub fn stix(self) -> u8 {
        if self.levels == 3 {
            return [15, 50, 85][self.level.min(2)];
        }
        let n = self.levels.max(1) as u64;
        let i = self.level.min(self.levels.saturating_sub(1)) as u64;
        u8::try_from((100 * (2 * i + 1)) / (2 * n)).unwrap_or(100)
    }
}

/// The lexicons a confidence is looked for with: the built-in ones (English and
/// French), read once.
fn lexicons() -> &'static Lexicons {
    static LEXICONS: std::sync::OnceLock<Lexicons> = std::sync::OnceLock::new();
    LEXICONS.get_or_init(Lexicons::bundled)
}

/// The confidence a text states, found with the estimative lexicon of `language` and
/// the default (English) one, as `brief check --lint` finds it: the confidence terms
/// of `assets/estimative/*.toml` (case, accents and line breaks ignored, whole words).
/// A text that states two different levels states none: it is not for the export to
/// choose. Linear in the text.
pub(crate) fn stated_confidence(text: &str, language: Option<&str>) -> Option<Confidence> {
    let lexicons = lexicons();
    let own = lexicons.for_language(language);
    let default = lexicons.for_language(None);
    let mut found: Option<Confidence> = None;
    let mut scanned = vec![own];
    if !std::ptr::eq(own, default) {
        scanned.push(default);
    }
    for lexicon in scanned {
        let levels = lexicon.confidence_levels.len();
        for m in lexicon.scan(text) {
            if let Estimate::Confidence { level } = m.estimate {
                // Two lists may share a level's name: compare levels as STIX does.
                let this = Confidence { level, levels };
                match found {
                    Some(other) if other.stix() != this.stix() => return None,
                    _ => found = Some(this),
                }
            }
        }
    }
    found
}

/// A source's Admiralty grade in words, for an external reference's description:
/// `Admiralty grade B2 (reliability B: usually reliable; credibility 2: probably
/// true)`; `None` when the source is not graded.
pub(crate) fn grade_words(source: &Source) -> Option<String> {
    let grade = source.grade();
    let mut parts = Vec::new();
    if let Some(r) = grade.reliability {
        parts.push(format!("reliability {}: {}", r.letter(), r.meaning()));
    }
    if let Some(c) = grade.credibility {
        parts.push(format!("credibility {}: {}", c.number(), c.meaning()));
    }
    (!parts.is_empty()).then(|| format!("Admiralty grade {} ({})", grade.label(), parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tradecraft::grade::{Credibility, Reliability};

    #[test]
    fn tlp_labels_map_to_the_oasis_definitions() {
        use crate::domain::tradecraft::tlp::{TLPS, Tlp as Label};
        for label in TLPS {
            assert_eq!(tlp_marking(label).name(), label.label());
        }
        assert_eq!(
            tlp_marking(Label::AmberStrict).id,
            "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
        );
        assert_eq!(tlp_marking(Label::AmberStrict).value, "amber+strict");
    }

    #[test]
    fn confidence_in_words_english_and_french() {
        let level = |t: &str, lang: Option<&str>| stated_confidence(t, lang).map(Confidence::stix);
        assert_eq!(
            level(
                "We assess with HIGH\nconfidence that it is likely.",
                Some("en")
            ),
            Some(85)
        );
        assert_eq!(level("low confidence: a single source", None), Some(15));
        assert_eq!(level("Moderate confidence.", Some("en")), Some(50));
        assert_eq!(level("Avec une confiance élevée, …", Some("fr")), Some(85));
        assert_eq!(level("Confiance faible.", Some("fr")), Some(15));
        // A note in English on a French briefing.
        assert_eq!(level("medium confidence", Some("fr")), Some(50));
        assert_eq!(level("confidence is what we lack", None), None);
        assert_eq!(level("highconfidence", None), None);
        // Two different levels: none is chosen.
        assert_eq!(
            level("high confidence here, low confidence there", None),
            None
        );
        assert_eq!(
            level("high confidence, and again high confidence", None),
            Some(85)
        );
        assert_eq!(level("", None), None);
    }

    #[test]
    fn other_scales_spread_evenly() {
        let c = |level, levels| Confidence { level, levels }.stix();
        assert_eq!((c(0, 2), c(1, 2)), (25, 75));
        assert_eq!((c(0, 5), c(4, 5)), (10, 90));
    }

    #[test]
    fn admiralty_grades_in_words() {
        let source = |r, c| Source {
            id: None,
            name: "n".into(),
            url: None,
            accessed: None,
            reliability: Reliability::parse(r),
            credibility: Credibility::from_number(c),
            grading: None,
        };
        assert_eq!(
            grade_words(&source("B", 2)).as_deref(),
            Some(
                "Admiralty grade B2 (reliability B: usually reliable; credibility 2: probably true)"
            )
        );
        assert_eq!(
            grade_words(&source("F", 0)).as_deref(),
            Some("Admiralty grade F (reliability F: reliability cannot be judged)")
        );
        assert_eq!(grade_words(&source("G", 7)), None);
    }
}
