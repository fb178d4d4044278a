//! Source grades in the Admiralty code (NATO AJP-2.1; the system ICD 206 sourcing
//! builds on): the source's reliability (A–F) and the information's credibility (1–6),
//! graded separately. Must not depend on terminal crates.

use std::fmt;

/// How reliable a source has proved: `A` (completely reliable) to `F` (cannot be
/// judged). Ordered from most to least reliable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reliability {
    /// A: completely reliable.
    A,
    /// B: usually reliable.
    B,
    /// C: fairly reliable.
    C,
    /// D: not usually reliable.
    D,
    /// E: unreliable.
    E,
    /// F: reliability cannot be judged.
    F,
}

/// Every reliability grade, in order.
pub const RELIABILITIES: [Reliability; 6] = [
    Reliability::A,
    Reliability::B,
    Reliability::C,
    Reliability::D,
    Reliability::E,
    Reliability::F,
];

impl Reliability {
    /// Parses the letter as written in a briefing: exactly one of `A` to `F`.
    pub fn parse(text: &str) -> Option<Self> {
        RELIABILITIES
            .into_iter()
            .find(|r| r.letter().to_string() == text)
    }

    /// The letter: `B`.
    pub fn letter(self) -> char {
        match self {
            Reliability::A => 'A',
            Reliability::B => 'B',
            Reliability::C => 'C',
            Reliability::D => 'D',
            Reliability::E => 'E',
            Reliability::F => 'F',
        }
    }

    /// What the grade means: `usually reliable`.
    pub fn meaning(self) -> &'static str {
        match self {
            Reliability::A => "completely reliable",
            Reliability::B => "usually reliable",
            Reliability::C => "fairly reliable",
            Reliability::D => "not usually reliable",
            Reliability::E => "unreliable",
            Reliability::F => "reliability cannot be judged",
        }
    }
}

impl serde::Serialize for Reliability {
    /// As its letter, `"B"`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_char(self.letter())
    }
}

/// How credible the information is: `1` (confirmed by other sources) to `6` (truth
/// cannot be judged). Ordered from most to least credible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Credibility {
    /// 1: confirmed by other sources.
    Confirmed,
    /// 2: probably true.
    ProbablyTrue,
    /// 3: possibly true.
    PossiblyTrue,
    /// 4: doubtful.
    Doubtful,
    /// 5: improbable.
    Improbable,
    /// 6: truth cannot be judged.
    CannotBeJudged,
}

/// Every credibility grade, in order.
pub const CREDIBILITIES: [Credibility; 6] = [
    Credibility::Confirmed,
    Credibility::ProbablyTrue,
    Credibility::PossiblyTrue,
    Credibility::Doubtful,
    Credibility::Improbable,
    Credibility::CannotBeJudged,
];

impl Credibility {
    /// The grade with this number, 1 to 6.
    pub fn from_number(n: i64) -> Option<Self> {
        CREDIBILITIES
            .into_iter()
            .find(|c| i64::from(c.number()) == n)
    }

    /// The number: `2`.
    pub fn number(self) -> u8 {
        match self {
            Credibility::Confirmed => 1,
            Credibility::ProbablyTrue => 2,
            Credibility::PossiblyTrue => 3,
            Credibility::Doubtful => 4,
            Credibility::Improbable => 5,
            Credibility::CannotBeJudged => 6,
        }
    }

    /// What the grade means: `probably true`.
    pub fn meaning(self) -> &'static str {
        match self {
            Credibility::Confirmed => "confirmed by other sources",
            Credibility::ProbablyTrue => "probably true",
            Credibility::PossiblyTrue => "possibly true",
            Credibility::Doubtful => "doubtful",
            Credibility::Improbable => "improbable",
            Credibility::CannotBeJudged => "truth cannot be judged",
        }
    }
}

impl serde::Serialize for Credibility {
    /// As its number, `2`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

/// A source's grade: either part may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Grade {
    /// The source's reliability.
    pub reliability: Option<Reliability>,
    /// The information's credibility.
    pub credibility: Option<Credibility>,
}

impl Grade {
    /// The label shown beside a citation: `B2`, `B` (credibility not graded), `2`
    /// (reliability not graded), or empty (not graded at all).
    pub fn label(self) -> String {
        let mut out = String::new();
        if let Some(r) = self.reliability {
            out.push(r.letter());
        }
        if let Some(c) = self.credibility {
            out.push_str(&c.number().to_string());
        }
        out
    }

    /// Both meanings in words: `usually reliable; probably true`; empty when ungraded.
    pub fn meaning(self) -> String {
        let parts: Vec<&str> = [
            self.reliability.map(Reliability::meaning),
            self.credibility.map(Credibility::meaning),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join("; ")
    }

    /// Whether neither part is graded.
    pub fn is_empty(self) -> bool {
        self.reliability.is_none() && self.credibility.is_none()
    }
}

impl fmt::Display for Grade {
    /// The [`Grade::label`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_one_function() {
        let grade = |r, c| Grade {
            reliability: r,
            credibility: c,
        };
        let b = Reliability::parse("B");
        let two = Credibility::from_number(2);
        assert_eq!(grade(b, two).label(), "B2");
        assert_eq!(grade(b, None).label(), "B");
        assert_eq!(grade(None, two).label(), "2");
        assert_eq!(grade(None, None).label(), "");
        assert_eq!(
            grade(Reliability::parse("F"), Credibility::from_number(6)).meaning(),
            "reliability cannot be judged; truth cannot be judged"
        );
    }

    #[test]
    fn only_the_grades_of_the_code_parse() {
        assert_eq!(Reliability::parse("A"), Some(Reliability::A));
        assert_eq!(Reliability::parse("a"), None);
        assert_eq!(Reliability::parse("G"), None);
        assert_eq!(Reliability::parse("AB"), None);
        assert_eq!(Credibility::from_number(0), None);
        assert_eq!(Credibility::from_number(7), None);
        assert!(Reliability::A < Reliability::F);
        assert!(Credibility::Confirmed < Credibility::CannotBeJudged);
    }
}
