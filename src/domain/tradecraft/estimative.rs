//! Estimative language (ICD 203): the likelihood scale (seven bands, each with the
//! terms of the scale's two rows) and the confidence levels, read from term lists
//! embedded in the binary (`assets/estimative/*.toml`) or given by the user, and a
//! scanner that finds the terms in text. Must not depend on terminal crates.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::diag::{Diagnostic, LineIndex};
use crate::domain::fold::fold;

/// The term lists built into brief: file name and text.
pub const BUNDLED_LEXICONS: [(&str, &str); 2] = [
    (
        "en.toml",
        include_str!("../../../assets/estimative/en.toml"),
    ),
    (
        "fr.toml",
        include_str!("../../../assets/estimative/fr.toml"),
    ),
];

/// Which row of the likelihood scale a term comes from. ICD 203 gives two words for
/// each band (`likely` / `probable`) and asks a product to keep to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Row {
    /// The first row (`almost no chance` … `almost certain`).
    First,
    /// The second row (`remote` … `nearly certain`).
    Second,
}

impl Row {
    /// `first` or `second`.
    pub fn ordinal(self) -> &'static str {
        match self {
            Row::First => "first",
            Row::Second => "second",
        }
    }
}

/// One band of the likelihood scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Its name, as the file gives it: `likely`.
    pub label: String,
    /// The lowest probability it stands for, in percent.
    pub low: u8,
    /// The highest, in percent.
    pub high: u8,
}

impl Band {
    /// `55–80 %`, for the margin.
    pub fn percent_text(&self) -> String {
        format!("{}–{} %", self.low, self.high)
    }
}

/// What a term states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Estimate {
    /// A likelihood: the band (index into [`Lexicon::bands`]) and the row of the scale.
    Likelihood {
        /// Index of the band, from the least likely.
        band: usize,
        /// The row the term belongs to.
        row: Row,
    },
    /// A confidence level: index into [`Lexicon::confidence_levels`], from the lowest.
    Confidence {
        /// Index of the level.
        level: usize,
    },
}

/// One term of a lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As the list writes it: `très probable`.
    pub text: String,
    /// What it states.
    pub estimate: Estimate,
    /// Its words, folded (`tres`, `probable`).
    words: Vec<String>,
}

/// A term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Where, in bytes of the text scanned (on character boundaries).
    pub range: Range<usize>,
    /// Which term (index into [`Lexicon::terms`]).
    pub term: usize,
    /// What it states (the term's [`Estimate`]).
    pub estimate: Estimate,
}

/// The estimative terms of one language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lexicon {
    /// The language the terms are in (BCP 47 primary tag: `en`, `fr`).
    pub language: String,
    /// The likelihood bands, from the least likely.
    pub bands: Vec<Band>,
    /// The confidence levels' names, from the lowest.
    pub confidence_levels: Vec<String>,
    /// Every term.
    pub terms: Vec<Term>,
    /// Terms by their first folded word, longest first.
    by_first_word: HashMap<String, Vec<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    language: Spanned<String>,
    #[serde(default)]
    likelihood: Vec<Spanned<RawBand>>,
    #[serde(default)]
    confidence: Vec<Spanned<RawLevel>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    label: Spanned<String>,
    percent: Spanned<Vec<i64>>,
    #[serde(default)]
    row1: Vec<Spanned<String>>,
    #[serde(default)]
    row2: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    label: Spanned<String>,
    terms: Vec<Spanned<String>>,
}

/// The folded words of a term: runs of letters and digits.
fn words_of(text: &str) -> Vec<String> {
    fold(text)
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Lexicon {
    /// Parses a term list (the layout of `assets/estimative/en.toml`). `name` names the
    /// file in messages. Every problem is reported, located: a term listed twice, a
    /// band whose percentages are not `[low, high]` within 0–100, an empty term or label.
    pub fn parse(text: &str, name: &str) -> Result<Lexicon, Vec<Diagnostic>> {
        let index = LineIndex::new(text.as_bytes());
        let raw: RawLexicon = toml::from_str(text).map_err(|e| {
            let start = e.span().map(|s| s.start);
            let at = start
                .and_then(|s| text.get(s..))
                .and_then(|t| t.chars().next());
            vec![Diagnostic::error(
                name,
                start.map(|s| index.pos(s)),
                crate::domain::load::toml_words(e.message(), at),
            )]
        })?;
        let mut problems = Vec::new();
        let mut error = |span: Range<usize>, message: String| {
            problems.push(Diagnostic::error(
                name,
                Some(index.pos(span.start)),
                message,
            ));
        };
        let mut lexicon = Lexicon {
            language: raw.language.get_ref().trim().to_string(),
            ..Lexicon::default()
        };
        if lexicon.language.is_empty() {
            error(raw.language.span(), "`language` is empty".into());
        }
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        let mut add = |lexicon: &mut Lexicon,
                       error: &mut dyn FnMut(Range<usize>, String),
                       term: Spanned<String>,
                       estimate: Estimate| {
            let words = words_of(term.get_ref());
            if words.is_empty() {
                error(term.span(), "an empty term: write at least one word".into());
            } else if !seen.insert(words.clone()) {
                error(
                    term.span(),
                    format!(
                        "the term `{}` is listed twice",
                        crate::domain::text::sanitize_line(term.get_ref())
                    ),
                );
            } else {
                lexicon.terms.push(Term {
                    text: term.into_inner(),
                    estimate,
                    words,
                });
            }
        };
        for band in raw.likelihood {
            let span = band.span();
            let band = band.into_inner();
            let percent = band.percent.get_ref();
            let range = match percent.as_slice() {
                [low, high] if 0 <= *low && low < high && *high <= 100 => {
                    Some((*low as u8, *high as u8))
                }
                _ => {
                    error(
                        band.percent.span(),
                        "`percent` must be [low, high], two whole numbers from 0 to 100, low below high".into(),
                    );
                    None
                }
            };
            if band.label.get_ref().trim().is_empty() {
                error(band.label.span(), "the band's `label` is empty".into());
            }
            if band.row1.is_empty() && band.row2.is_empty() {
                error(
                    span.clone(),
                    "a band needs terms in `row1` or `row2`".into(),
                );
            }
            let index = lexicon.bands.len();
            let (low, high) = range.unwrap_or((0, 0));
            lexicon.bands.push(Band {
                label: band.label.into_inner(),
                low,
                high,
            });
            for (row, terms) in [(Row::First, band.row1), (Row::Second, band.row2)] {
                for term in terms {
                    add(
                        &mut lexicon,
                        &mut error,
                        term,
                        Estimate::Likelihood { band: index, row },
                    );
                }
            }
        }
        for level in raw.confidence {
            let level = level.into_inner();
            if level.label.get_ref().trim().is_empty() {
                error(level.label.span(), "the level's `label` is empty".into());
            }
            let index = lexicon.confidence_levels.len();
            lexicon.confidence_levels.push(level.label.into_inner());
            for term in level.terms {
                add(
                    &mut lexicon,
                    &mut error,
                    term,
                    Estimate::Confidence { level: index },
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for (i, term) in lexicon.terms.iter().enumerate() {
            if let Some(first) = term.words.first() {
                lexicon
                    .by_first_word
                    .entry(first.clone())
                    .or_default()
                    .push(i);
            }
        }
        let terms = &lexicon.terms;
        for candidates in lexicon.by_first_word.values_mut() {
            candidates.sort_by_key(|&i| std::cmp::Reverse(terms[i].words.len()));
        }
        Ok(lexicon)
    }

    /// The band with this index.
    pub fn band(&self, index: usize) -> Option<&Band> {
        self.bands.get(index)
    }

    /// The term with this index.
    pub fn term(&self, index: usize) -> Option<&Term> {
        self.terms.get(index)
    }

    /// What a match states, in words for the margin: `likely · 55–80 %`, or
    /// `high confidence`.
    pub fn describe(&self, estimate: Estimate) -> String {
        match estimate {
            Estimate::Likelihood { band, .. } => self
                .bands
                .get(band)
                .map(|b| format!("{} · {}", b.label, b.percent_text()))
                .unwrap_or_default(),
            Estimate::Confidence { level } => self
                .confidence_levels
                .get(level)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// Finds every term in `text`, in order, without overlaps: whole words only
    /// (`likely` is not found in `unlikely`), folding case and accents (`tres probable`
    /// finds `Très probable`), the words of a multi-word term separated by spaces,
    /// line breaks, hyphens or emphasis marks (`*`, `_`), and where several terms start
    /// at one word the longest wins (`very likely`, not `likely`). Linear in the text.
    pub fn scan(&self, text: &str) -> Vec<TermMatch> {
        let mut found = Vec::new();
        if self.terms.is_empty() || text.is_empty() {
            return found;
        }
        let folded = fold(text);
        let hay = folded.text.as_str();
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut start = None;
        for (i, c) in hay.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push(s..hay.len());
        }
        let joins = |gap: &str| gap.chars().all(|c| matches!(c, ' ' | '-' | '*' | '_'));
        let mut i = 0;
        while i < words.len() {
            let word = &hay[words[i].clone()];
            let hit = self.by_first_word.get(word).and_then(|candidates| {
                candidates.iter().copied().find(|&t| {
                    let tw = &self.terms[t].words;
                    i + tw.len() <= words.len()
                        && (1..tw.len()).all(|k| {
                            hay[words[i + k].clone()] == tw[k]
                                && joins(&hay[words[i + k - 1].end..words[i + k].start])
                        })
                })
            });
            match hit {
                Some(t) => {
                    let n = self.terms[t].words.len();
                    let range = folded.to_original(words[i].start..words[i + n - 1].end);
                    found.push(TermMatch {
                        range,
                        term: t,
                        estimate: self.terms[t].estimate,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// The term lists of every language brief knows, the first being the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexicons {
    lexicons: Vec<Lexicon>,
}

impl Lexicons {
    /// The lists built into brief: English (the default) and French.
    pub fn bundled() -> Lexicons {
        let lexicons = BUNDLED_LEXICONS
            .iter()
            .map(|(name, text)| {
                // The bundled lists are checked by a test; should one ever fail, its
                // language simply has no terms.
                Lexicon::parse(text, name).unwrap_or_default()
            })
            .collect();
        Lexicons { lexicons }
    }

    /// Puts `lexicon` in place of the list of its language (or adds it), as a config
    /// that names an organisation's own list does.
    pub fn replace(&mut self, lexicon: Lexicon) {
        match self
            .lexicons
            .iter_mut()
            .find(|l| l.language.eq_ignore_ascii_case(&lexicon.language))
        {
            Some(slot) => *slot = lexicon,
            None => self.lexicons.push(lexicon),
        }
    }

    /// The list for a briefing's language: the one whose language is the tag's primary
    /// subtag (`fr-CA` → `fr`), else the default (English).
    pub fn for_language(&self, language: Option<&str>) -> &Lexicon {
        static EMPTY: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        let primary = language.and_then(|l| l.split('-').next()).unwrap_or("");
        self.lexicons
            .iter()
            .find(|l| l.language.eq_ignore_ascii_case(primary))
            .or_else(|| self.lexicons.first())
            .unwrap_or_else(|| EMPTY.get_or_init(Lexicon::default))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Lexicon {
        Lexicons::bundled().for_language(Some("en")).clone()
    }

    fn french() -> Lexicon {
        Lexicons::bundled().for_language(Some("fr-FR")).clone()
    }

    /// The matched texts and what they state, in words.
    fn found(lexicon: &Lexicon, text: &str) -> Vec<(String, String)> {
        lexicon
            .scan(text)
            .into_iter()
            .map(|m| (text[m.range].to_string(), lexicon.describe(m.estimate)))
            .collect()
    }

    #[test]
    fn the_bundled_lists_parse_and_hold_the_whole_scale() {
        for (name, text) in BUNDLED_LEXICONS {
            let lexicon = Lexicon::parse(text, name);
            assert!(lexicon.is_ok(), "{name}: {:?}", lexicon.err());
            let lexicon = lexicon.unwrap_or_default();
            assert_eq!(lexicon.bands.len(), 7, "{name}");
            assert_eq!(lexicon.confidence_levels.len(), 3, "{name}");
            for (i, band) in lexicon.bands.iter().enumerate() {
                for row in [Row::First, Row::Second] {
                    assert!(
                        lexicon
                            .terms
                            .iter()
                            .any(|t| t.estimate == Estimate::Likelihood { band: i, row }),
                        "{name}: band {} has no {} row term",
                        band.label,
                        row.ordinal()
                    );
                }
            }
        }
        assert_eq!(english().bands[4].percent_text(), "55–80 %");
    }

    #[test]
    fn english_terms_with_their_bands() {
        let en = english();
        assert_eq!(
            found(&en, "It will probably rain."),
            [("probably".to_string(), "likely · 55–80 %".to_string())]
        );
        assert_eq!(
            found(
                &en,
                "Very\n  LIKELY, not unlikely; likelyhood; an almost-certain fact"
            ),
            [
                (
                    "Very\n  LIKELY".to_string(),
                    "very likely · 80–95 %".to_string()
                ),
                ("unlikely".to_string(), "unlikely · 20–45 %".to_string()),
                (
                    "almost-certain".to_string(),
                    "almost certain · 95–99 %".to_string()
                ),
            ]
        );
        assert_eq!(
            found(
                &en,
                "We have high confidence; remote sensing; a remote chance."
            ),
            [
                ("high confidence".to_string(), "high confidence".to_string()),
                (
                    "remote chance".to_string(),
                    "almost no chance · 1–5 %".to_string()
                ),
            ]
        );
    }

    #[test]
    fn french_terms_fold_accents_and_prefer_the_longest() {
        let fr = french();
        assert_eq!(
            found(
                &fr,
                "Il pleuvra probablement. C’est TRES peu probable, voire improbable."
            ),
            [
                ("probablement".to_string(), "probable · 55–80 %".to_string()),
                (
                    "TRES peu probable".to_string(),
                    "très peu probable · 5–20 %".to_string()
                ),
                (
                    "improbable".to_string(),
                    "peu probable · 20–45 %".to_string()
                ),
            ]
        );
        assert_eq!(
            found(&fr, "avec une confiance élevée, quasi-certaine"),
            [
                (
                    "confiance élevée".to_string(),
                    "confiance élevée".to_string()
                ),
                (
                    "quasi-certaine".to_string(),
                    "presque certain · 95–99 %".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_replacement_list_is_checked_and_takes_the_place_of_its_language() {
        let bad = "language = \"en\"\n[[likelihood]]\nlabel = \"x\"\npercent = [80, 20]\nrow1 = [\"maybe\", \"Maybe\"]\n";
        let problems = Lexicon::parse(bad, "mine.toml").err().unwrap_or_default();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("mine.toml:4:11: error: `percent`"),
            "{shown:?}"
        );
        assert!(
            shown[1].starts_with("mine.toml:5:18: error: the term `Maybe` is listed twice"),
            "{shown:?}"
        );
        let mine = "language = \"en\"\n[[likelihood]]\nlabel = \"maybe\"\npercent = [40, 60]\nrow1 = [\"maybe\"]\n";
        let mut all = Lexicons::bundled();
        all.replace(Lexicon::parse(mine, "mine.toml").unwrap_or_default());
        let en = all.for_language(Some("en-GB"));
        assert_eq!(en.scan("maybe likely").len(), 1);
        assert_eq!(all.for_language(Some("fr")).language, "fr");
        assert_eq!(all.for_language(Some("de")).language, "en");
    }
}
