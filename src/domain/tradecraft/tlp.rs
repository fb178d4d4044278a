//! The Traffic Light Protocol, version 2.0 (FIRST): how far a briefing may be shared.
//! Labels are written exactly as TLP 2.0 spells them. Must not depend on terminal
//! crates.

use std::fmt;

/// A TLP 2.0 label, ordered from the least to the most restrictive, so that the
/// strictest of several is their maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tlp {
    /// TLP:CLEAR: may be shared without limit.
    Clear,
    /// TLP:GREEN: within the recipient's community, not publicly.
    Green,
    /// TLP:AMBER: within the recipient's organisation and its clients, on a need-to-know basis.
    Amber,
    /// TLP:AMBER+STRICT: within the recipient's organisation only.
    AmberStrict,
    /// TLP:RED: to the individual recipients only, no further.
    Red,
}

/// Every label, from the least restrictive.
pub const TLPS: [Tlp; 5] = [
    Tlp::Clear,
    Tlp::Green,
    Tlp::Amber,
    Tlp::AmberStrict,
    Tlp::Red,
];

impl Tlp {
    /// Parses a label as written in a briefing's `tlp`: exactly `CLEAR`, `GREEN`,
    /// `AMBER`, `AMBER+STRICT` or `RED`.
    pub fn parse(text: &str) -> Option<Self> {
        TLPS.into_iter().find(|t| t.name() == text)
    }

    /// The name as written: `AMBER+STRICT`.
    pub fn name(self) -> &'static str {
        match self {
            Tlp::Clear => "CLEAR",
            Tlp::Green => "GREEN",
            Tlp::Amber => "AMBER",
            Tlp::AmberStrict => "AMBER+STRICT",
            Tlp::Red => "RED",
        }
    }

    /// The label as TLP 2.0 prints it: `TLP:AMBER+STRICT`.
    pub fn label(self) -> String {
        format!("TLP:{}", self.name())
    }

    /// Who may receive it, in words: the label's meaning without its colour.
    pub fn meaning(self) -> &'static str {
        match self {
            Tlp::Clear => "no limit on disclosure",
            Tlp::Green => "limited to the community; not for public release",
            Tlp::Amber => "limited to the organisation and its clients, on a need-to-know basis",
            Tlp::AmberStrict => "limited to the organisation only",
            Tlp::Red => "for the named recipients only",
        }
    }

    /// The label's colour in TLP 2.0 (RGB, written on black): red `#FF2B2B`, amber
    /// `#FFC000`, green `#33FF00`, clear `#FFFFFF`.
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            Tlp::Clear => (0xff, 0xff, 0xff),
            Tlp::Green => (0x33, 0xff, 0x00),
            Tlp::Amber | Tlp::AmberStrict => (0xff, 0xc0, 0x00),
            Tlp::Red => (0xff, 0x2b, 0x2b),
        }
    }

    /// Whether sharing it (in an export) calls for an explicit consent: `RED` and
    /// `AMBER+STRICT`.
    pub fn needs_consent(self) -> bool {
        self >= Tlp::AmberStrict
    }
}

impl fmt::Display for Tlp {
    /// The [`Tlp::label`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The strictest of some labels (`None` when there is none).
pub fn strictest(labels: impl IntoIterator<Item = Tlp>) -> Option<Tlp> {
    labels.into_iter().max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_written_exactly() {
        assert_eq!(Tlp::parse("AMBER+STRICT"), Some(Tlp::AmberStrict));
        assert_eq!(Tlp::parse("CLEAR"), Some(Tlp::Clear));
        for bad in ["amber", "TLP:AMBER", "AMBER STRICT", "WHITE", " RED", ""] {
            assert_eq!(Tlp::parse(bad), None, "{bad}");
        }
        assert_eq!(Tlp::AmberStrict.label(), "TLP:AMBER+STRICT");
    }

    #[test]
    fn the_strictest_wins() {
        assert_eq!(
            strictest([Tlp::Green, Tlp::Red, Tlp::Amber]),
            Some(Tlp::Red)
        );
        assert_eq!(
            strictest([Tlp::Amber, Tlp::AmberStrict]),
            Some(Tlp::AmberStrict)
        );
        assert_eq!(strictest([]), None);
        assert!(Tlp::AmberStrict.needs_consent() && !Tlp::Amber.needs_consent());
    }
}
