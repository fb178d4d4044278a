//! Portion marks and banners: a section's `marking` and a paragraph's leading `(S)` or
//! `(U//FOUO)`, rolled up into the highest marking of the content (the high-water
//! mark), and the free-text `classification` mapped onto the same levels where it can
//! be recognised. Must not depend on terminal crates.

use std::fmt;

/// A classification level, from the lowest. The order is the order of sensitivity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `U`: UNCLASSIFIED.
    Unclassified,
    /// `C`: CONFIDENTIAL.
    Confidential,
    /// `S`: SECRET.
    Secret,
    /// `TS`: TOP SECRET.
    TopSecret,
}

/// Every level, from the lowest.
pub const LEVELS: [Level; 4] = [
    Level::Unclassified,
    Level::Confidential,
    Level::Secret,
    Level::TopSecret,
];

impl Level {
    /// The portion code: `U`, `C`, `S`, `TS`.
    pub fn code(self) -> &'static str {
        match self {
            Level::Unclassified => "U",
            Level::Confidential => "C",
            Level::Secret => "S",
            Level::TopSecret => "TS",
        }
    }

    /// The banner word: `UNCLASSIFIED`, `CONFIDENTIAL`, `SECRET`, `TOP SECRET`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Unclassified => "UNCLASSIFIED",
            Level::Confidential => "CONFIDENTIAL",
            Level::Secret => "SECRET",
            Level::TopSecret => "TOP SECRET",
        }
    }

    /// The level with this portion code, written exactly (`TS`, not `ts`).
    pub fn from_code(code: &str) -> Option<Self> {
        LEVELS.into_iter().find(|l| l.code() == code)
    }
}

/// A marking: a level and its caveats (dissemination controls such as `NOFORN`, or
/// `FOUO` on unclassified text), written `S//NOFORN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Marking {
    /// The level.
    pub level: Level,
    /// The caveats, in the order written.
    pub caveats: Vec<String>,
}

/// The longest marking text read as a portion mark.
const MAX_MARKING: usize = 64;

impl Marking {
    /// A marking with no caveat.
    pub fn new(level: Level) -> Self {
        Marking {
            level,
            caveats: Vec::new(),
        }
    }

    /// Parses `U`, `C`, `S` or `TS`, optionally followed by caveats each introduced by
    /// `//` (`S//NOFORN`, `U//FOUO`, `TS//SCI//NOFORN`). Caveats are written in capitals,
    /// digits, spaces, commas, hyphens and single slashes (`REL TO USA, FVEY`).
    pub fn parse(text: &str) -> Result<Marking, String> {
        let words = || {
            "a marking is U, C, S or TS, with optional caveats after `//` (e.g. \"S//NOFORN\", \"U//FOUO\")"
                .to_string()
        };
        if text.len() > MAX_MARKING {
            return Err(words());
        }
        let mut parts = text.split("//");
        let level = parts.next().and_then(Level::from_code).ok_or_else(words)?;
        let mut caveats = Vec::new();
        for caveat in parts {
            let valid = caveat
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && !caveat.ends_with([' ', '/', ','])
                && caveat.chars().all(|c| {
                    c.is_ascii_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, ' ' | ',' | '-' | '/')
                });
            if !valid {
                return Err(words());
            }
            caveats.push(caveat.to_string());
        }
        Ok(Marking { level, caveats })
    }

    /// The portion form, as in a paragraph: `(S//NOFORN)`.
    pub fn portion(&self) -> String {
        format!("({})", self.code())
    }

    /// The short form: `S//NOFORN`.
    pub fn code(&self) -> String {
        let mut out = self.level.code().to_string();
        for c in &self.caveats {
            out.push_str("//");
            out.push_str(c);
        }
        out
    }

    /// The banner form: `SECRET//NOFORN`.
    pub fn banner(&self) -> String {
        let mut out = self.level.name().to_string();
        for c in &self.caveats {
            out.push_str("//");
            out.push_str(c);
        }
        out
    }
}

impl fmt::Display for Marking {
    /// The banner form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.banner())
    }
}

/// A portion mark at the start of `text`: `(S)`, `(U//FOUO)`, followed by a space, a
/// line break or the end. Returns the marking and the length of the mark in bytes
/// (parentheses included). Anything else in parentheses (`(see below)`, `(a)`) is not
/// a portion mark.
pub fn portion_at_start(text: &str) -> Option<(Marking, usize)> {
    let rest = text.strip_prefix('(')?;
    let (close, _) = rest
        .char_indices()
        .take_while(|(i, _)| *i <= MAX_MARKING)
        .find(|(_, c)| *c == ')')?;
    let inner = rest.get(..close)?;
    let after = rest.get(close + 1..)?;
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let marking = Marking::parse(inner).ok()?;
    Some((marking, close + 2))
}

/// The high-water mark of some markings: the highest level, with every caveat met (in
/// the order first met), except `FOUO`, which only marks unclassified text and so is
/// dropped above UNCLASSIFIED. `None` when there is no marking at all.
pub fn roll_up<'a>(markings: impl IntoIterator<Item = &'a Marking>) -> Option<Marking> {
    let mut top: Option<Marking> = None;
    for m in markings {
        let top = top.get_or_insert_with(|| Marking::new(m.level));
        top.level = top.level.max(m.level);
        for c in &m.caveats {
            if !top.caveats.contains(c) {
                top.caveats.push(c.clone());
            }
        }
    }
    if let Some(top) = top.as_mut()
        && top.level > Level::Unclassified
    {
        top.caveats.retain(|c| c != "FOUO");
    }
    top
}

/// The phrases recognised at the start of a declared `classification`, folded
/// (lowercase, accents removed, words joined by single spaces), with their level.
/// Longer phrases are tried first.
pub const CLASSIFICATION_PHRASES: [(&str, Level); 21] = [
    ("unclassified", Level::Unclassified),
    ("unclass", Level::Unclassified),
    ("u", Level::Unclassified),
    ("non classifie", Level::Unclassified),
    ("non classifiee", Level::Unclassified),
    ("non protege", Level::Unclassified),
    ("nato unclassified", Level::Unclassified),
    ("confidential", Level::Confidential),
    ("c", Level::Confidential),
    ("confidentiel", Level::Confidential),
    ("confidentiel defense", Level::Confidential),
    ("nato confidential", Level::Confidential),
    ("secret", Level::Secret),
    ("s", Level::Secret),
    ("secret defense", Level::Secret),
    ("nato secret", Level::Secret),
    ("top secret", Level::TopSecret),
    ("ts", Level::TopSecret),
    ("tres secret", Level::TopSecret),
    ("tres secret defense", Level::TopSecret),
    ("cosmic top secret", Level::TopSecret),
];

/// The level a declared `classification` names, when it can be recognised: the
/// longest of [`CLASSIFICATION_PHRASES`] that the text starts with, as whole words,
/// after folding case and accents and reading every run of punctuation as a space
/// (`UNCLASSIFIED — open source` → U, `NON CLASSIFIÉ — source ouverte` → U,
/// `SECRET//NOFORN` → S, `Top Secret` → TS). `None` for anything else (`OFFICIAL`,
/// `RESTRICTED`, `DIFFUSION RESTREINTE`, `internal`): portions then cannot be checked
/// against it.
pub fn classification_level(declared: &str) -> Option<Level> {
    let folded = crate::domain::fold::fold(declared).text;
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut best: Option<(usize, Level)> = None;
    for (phrase, level) in CLASSIFICATION_PHRASES {
        let n = phrase.split(' ').count();
        let matches = words.len() >= n && words[..n].iter().copied().eq(phrase.split(' '));
        if matches && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, level));
        }
    }
    best.map(|(_, level)| level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markings_parse_with_caveats() {
        let m = Marking::parse("S//NOFORN");
        assert_eq!(
            m,
            Ok(Marking {
                level: Level::Secret,
                caveats: vec!["NOFORN".into()]
            })
        );
        assert_eq!(
            Marking::parse("U//FOUO").map(|m| m.banner()).as_deref(),
            Ok("UNCLASSIFIED//FOUO")
        );
        assert_eq!(
            Marking::parse("TS//SCI//REL TO USA, FVEY").map(|m| m.caveats.len()),
            Ok(2)
        );
        for bad in ["", "s", "SECRET", "S//", "S//nf", "S/NOFORN", "X", "S// NF"] {
            assert!(Marking::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn portion_marks_at_the_start_of_a_paragraph() {
        assert_eq!(
            portion_at_start("(S) Secret text.").map(|(m, n)| (m.code(), n)),
            Some(("S".to_string(), 3))
        );
        assert_eq!(
            portion_at_start("(U//FOUO)\nmore").map(|(m, n)| (m.code(), n)),
            Some(("U//FOUO".to_string(), 9))
        );
        assert_eq!(portion_at_start("(TS)").map(|(_, n)| n), Some(4));
        for not in [
            "(see below) x",
            "(a) x",
            "(S)x",
            "S) x",
            "(s) x",
            "((S) x",
            "(S",
        ] {
            assert!(portion_at_start(not).is_none(), "{not}");
        }
    }

    #[test]
    fn the_high_water_mark_rolls_up_levels_and_caveats() {
        let marks: Vec<Marking> = ["U//FOUO", "C", "S//NOFORN", "U"]
            .iter()
            .filter_map(|m| Marking::parse(m).ok())
            .collect();
        assert_eq!(
            roll_up(&marks).map(|m| m.banner()).as_deref(),
            Some("SECRET//NOFORN")
        );
        let fouo: Vec<Marking> = ["U", "U//FOUO"]
            .iter()
            .filter_map(|m| Marking::parse(m).ok())
            .collect();
        assert_eq!(roll_up(&fouo).map(|m| m.code()).as_deref(), Some("U//FOUO"));
        assert_eq!(roll_up(&[]), None);
    }

    #[test]
    fn declared_classifications_are_mapped_where_recognised() {
        let level = classification_level;
        assert_eq!(
            level("UNCLASSIFIED — open source"),
            Some(Level::Unclassified)
        );
        assert_eq!(
            level("NON CLASSIFIÉ — source ouverte"),
            Some(Level::Unclassified)
        );
        assert_eq!(level("U//FOUO"), Some(Level::Unclassified));
        assert_eq!(level("SECRET//NOFORN"), Some(Level::Secret));
        assert_eq!(level("Secret Défense"), Some(Level::Secret));
        assert_eq!(level("TOP SECRET//SCI"), Some(Level::TopSecret));
        assert_eq!(level("Très Secret"), Some(Level::TopSecret));
        assert_eq!(level("confidential"), Some(Level::Confidential));
        assert_eq!(level("OFFICIAL-SENSITIVE"), None);
        assert_eq!(level("DIFFUSION RESTREINTE"), None);
        assert_eq!(level("Secretariat notes"), None);
        assert_eq!(level(""), None);
    }
}
