//! What tradecraft's words mean in the interface's or the document's language: an
//! Admiralty grade (`usually reliable; probably true`) and a TLP label (`limited to
//! the organisation only`). The English words are the domain's own. Must not depend
//! on terminal crates.

use crate::domain::tradecraft::grade::{Credibility, Grade, Reliability};
use crate::domain::tradecraft::tlp::Tlp;
use crate::tr;

use super::{Lang, t};

/// What a grade means, in `lang`: `usually reliable; probably true` / `habituellement
/// fiable ; probablement vraie` (the Admiralty code's words).
pub fn grade_meaning(grade: Grade, lang: Lang) -> String {
    let reliability = grade.reliability.map(|r| {
        t(
            lang,
            match r {
                Reliability::A => "grade-reliability-a",
                Reliability::B => "grade-reliability-b",
                Reliability::C => "grade-reliability-c",
                Reliability::D => "grade-reliability-d",
                Reliability::E => "grade-reliability-e",
                Reliability::F => "grade-reliability-f",
            },
        )
    });
    let credibility = grade.credibility.map(|c| {
        t(
            lang,
            match c {
                Credibility::Confirmed => "grade-credibility-1",
                Credibility::ProbablyTrue => "grade-credibility-2",
                Credibility::PossiblyTrue => "grade-credibility-3",
                Credibility::Doubtful => "grade-credibility-4",
                Credibility::Improbable => "grade-credibility-5",
                Credibility::CannotBeJudged => "grade-credibility-6",
            },
        )
    });
    match (reliability, credibility) {
        (Some(r), Some(c)) => tr!(lang, "grade-meaning", reliability = r, credibility = c),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    }
}

/// Who may receive a TLP label, in `lang`: the label's meaning without its colour.
pub fn tlp_meaning(tlp: Tlp, lang: Lang) -> String {
    t(
        lang,
        match tlp {
            Tlp::Clear => "tlp-meaning-clear",
            Tlp::Green => "tlp-meaning-green",
            Tlp::Amber => "tlp-meaning-amber",
            Tlp::AmberStrict => "tlp-meaning-amber-strict",
            Tlp::Red => "tlp-meaning-red",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tradecraft::grade::{CREDIBILITIES, RELIABILITIES};
    use crate::domain::tradecraft::tlp::TLPS;

    #[test]
    fn grades_mean_in_english_what_the_domain_says_and_in_french_its_own_words() {
        for reliability in RELIABILITIES {
            for credibility in CREDIBILITIES {
                let grade = Grade {
                    reliability: Some(reliability),
                    credibility: Some(credibility),
                };
                assert_eq!(grade_meaning(grade, Lang::En), grade.meaning());
                assert_ne!(grade_meaning(grade, Lang::Fr), grade.meaning());
            }
        }
        let b2 = Grade {
            reliability: Some(Reliability::B),
            credibility: Some(Credibility::ProbablyTrue),
        };
        assert_eq!(
            grade_meaning(b2, Lang::Fr),
            "habituellement fiable\u{202f}; probablement vraie"
        );
        let only = Grade {
            reliability: None,
            credibility: Some(Credibility::Doubtful),
        };
        assert_eq!(grade_meaning(only, Lang::Fr), "douteuse");
    }

    #[test]
    fn tlp_meanings_in_english_are_the_domain_s_and_french_has_its_own() {
        for tlp in TLPS {
            assert_eq!(tlp_meaning(tlp, Lang::En), tlp.meaning());
            assert_ne!(tlp_meaning(tlp, Lang::Fr), tlp.meaning());
        }
    }
}
