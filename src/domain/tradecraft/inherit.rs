//! What a note or a bookmark inherits from the passage it quotes: the marking of that
//! passage and the briefing's TLP label, so that an annotation is never shared more
//! widely than what it quotes. The reader shows it beside each note, and every export
//! writes it. Must not depend on terminal crates.
//!
//! The rule, in order (documented in `docs/briefing-format.md`, "What notes inherit"):
//!
//! 1. The passage is found in the briefing as it is now (attached or moved): the portion
//!    mark of the paragraph (list item, heading) its quote lies in, else its section's
//!    `marking`, else — an unmarked paragraph in an unmarked section — the briefing's
//!    overall marking ([`overall_marking`]: the high-water mark rolled up with the level
//!    the declared `classification` names), since an unmarked portion is read at the
//!    level of the whole document.
//! 2. The passage is not found (an orphan, or a briefing no longer in the library): the
//!    briefing's overall marking, rolled up with a portion mark the quote itself starts
//!    with (`(S) …`).
//!
//! The TLP is the briefing's ([`briefing_tlp`]): TLP labels a whole briefing.

use super::marking::{Level, Marking, classification_level, portion_at_start, roll_up};
use super::tlp::Tlp;
use crate::domain::anchor::{DocText, resolve};
use crate::domain::annotation::Anchor;
use crate::domain::briefing::Briefing;
use crate::domain::placing::doc_text;

/// Where an annotation's marking comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The portion mark of the paragraph its quote lies in (`(S) …`).
    Portion,
    /// The `marking` of the section its quote lies in (the paragraph has none).
    Section,
    /// The briefing's overall marking: neither paragraph nor section is marked.
    Briefing,
    /// The passage was not found: the briefing's overall marking, with the quote's own
    /// leading portion mark if it has one.
    NotFound,
}

/// What an annotation inherits from the passage it quotes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Inherited {
    /// The marking (`None` when neither the passage nor the briefing is marked).
    pub marking: Option<Marking>,
    /// The briefing's TLP label.
    pub tlp: Option<Tlp>,
    /// Where the marking comes from.
    pub basis: Basis,
}

impl Inherited {
    /// The portion mark to write before the annotation: `(S//NOFORN)`; `None` when it
    /// has no marking.
    pub fn portion(&self) -> Option<String> {
        self.marking.as_ref().map(Marking::portion)
    }
}

/// The briefing's TLP label: its `tlp`, else a `classification` that is exactly a TLP
/// 2.0 label (`TLP:RED`, any case, as briefings wrote it before `tlp` existed), which is
/// the safe reading of such a line.
pub fn briefing_tlp(briefing: &Briefing) -> Option<Tlp> {
    briefing.tlp.or_else(|| {
        let c = briefing.classification.as_deref()?.trim();
        let label = c.get(..4).filter(|h| h.eq_ignore_ascii_case("TLP:"))?;
        let rest = c.get(label.len()..)?.trim();
        Tlp::parse(&rest.to_ascii_uppercase())
    })
}

/// The marking the declared `classification` names, when brief recognises its level
/// (see [`classification_level`]): that level, with the caveats written after it when
/// they read as caveats (`SECRET//NOFORN` → `S//NOFORN`; `UNCLASSIFIED — open source`
/// → `U`). `None` when there is no classification or it is not recognised.
pub fn declared_marking(briefing: &Briefing) -> Option<Marking> {
    let declared = briefing.classification.as_deref()?;
    let level: Level = classification_level(declared)?;
    let caveats = declared
        .find("//")
        .and_then(|at| Marking::parse(&format!("{}{}", level.code(), &declared[at..])).ok())
        .map(|m| m.caveats)
        .unwrap_or_default();
    Some(Marking { level, caveats })
}

/// The briefing's overall marking: its high-water mark rolled up with its
/// [`declared_marking`]; what an unmarked passage of it is read at. `None` when it has
/// neither.
pub fn overall_marking(briefing: &Briefing) -> Option<Marking> {
    let high = briefing.high_water_mark();
    let declared = declared_marking(briefing);
    roll_up(high.iter().chain(declared.iter()))
}

/// A declared `classification` whose level brief cannot recognise (`OFFICIAL`,
/// `DIFFUSION RESTREINTE`), and which is not a TLP label: it cannot be rolled up with
/// portion marks, so exports show it as written beside the roll-up. `None` otherwise.
pub fn unranked_classification(briefing: &Briefing) -> Option<&str> {
    let c = briefing.classification.as_deref()?.trim();
    let is_tlp = briefing.tlp.is_none() && briefing_tlp(briefing).is_some();
    (!c.is_empty() && classification_level(c).is_none() && !is_tlp).then_some(c)
}

/// The markings of one briefing, worked out once, to give each of its annotations its
/// own: the rendered text anchoring works on, and the marking of every block.
#[derive(Debug, Clone)]
pub struct Markings {
    doc: DocText,
    /// Per section, each block's own portion mark.
    blocks: Vec<Vec<Option<Marking>>>,
    /// Per section, its `marking`.
    sections: Vec<Option<Marking>>,
    overall: Option<Marking>,
    tlp: Option<Tlp>,
    summary: Option<Marking>,
}

impl Markings {
    /// Works out the markings of `briefing` (linear in its text).
    pub fn new(briefing: &Briefing) -> Self {
        Markings::with_doc(briefing, doc_text(briefing))
    }

    /// As [`Markings::new`], with the briefing's rendered text already made (as
    /// [`doc_text`] makes it; the reader keeps one).
    pub fn with_doc(briefing: &Briefing, doc: DocText) -> Self {
        let sections: Vec<Option<Marking>> = briefing
            .sections
            .iter()
            .map(|s| s.marking.clone())
            .collect();
        let blocks = doc
            .sections
            .iter()
            .map(|s| {
                s.blocks
                    .iter()
                    .map(|text| portion_at_start(text).map(|(m, _)| m))
                    .collect()
            })
            .collect();
        let overall = overall_marking(briefing);
        // The summary: each paragraph's mark, an unmarked one read at the overall level.
        let summary = briefing.summary.as_deref().and_then(|text| {
            let marks: Vec<Marking> = crate::domain::markdown::render_markdown(text)
                .iter()
                .filter_map(|b| {
                    portion_at_start(&b.text)
                        .map(|(m, _)| m)
                        .or(overall.clone())
                })
                .collect();
            roll_up(&marks)
        });
        Markings {
            doc,
            blocks,
            sections,
            overall,
            tlp: briefing_tlp(briefing),
            summary,
        }
    }

    /// The rendered text the markings were worked out on.
    pub fn doc(&self) -> &DocText {
        &self.doc
    }

    /// The briefing's overall marking (see [`overall_marking`]).
    pub fn overall(&self) -> Option<&Marking> {
        self.overall.as_ref()
    }

    /// The briefing's TLP (see [`briefing_tlp`]).
    pub fn tlp(&self) -> Option<Tlp> {
        self.tlp
    }

    /// The `marking` of section `section` (index), which its title carries.
    pub fn section(&self, section: usize) -> Option<&Marking> {
        self.sections.get(section).and_then(Option::as_ref)
    }

    /// The marking of the summary: the roll-up of its paragraphs' marks, an unmarked
    /// paragraph counting at the overall marking; `None` without a summary.
    pub fn summary(&self) -> Option<&Marking> {
        self.summary.as_ref()
    }

    /// What an annotation on block `block` of section `section` (indexes into
    /// [`Markings::doc`]) inherits. A place off the document counts as not found.
    pub fn at(&self, section: usize, block: usize) -> Inherited {
        let Some(own) = self.blocks.get(section).and_then(|s| s.get(block)) else {
            return self.not_found(None);
        };
        let (marking, basis) = match (own, self.section(section)) {
            (Some(own), _) => (Some(own.clone()), Basis::Portion),
            (None, Some(section)) => (Some(section.clone()), Basis::Section),
            (None, None) => (self.overall.clone(), Basis::Briefing),
        };
        Inherited {
            marking,
            tlp: self.tlp,
            basis,
        }
    }

    /// What an annotation made on `anchor` inherits: its passage is found again as the
    /// reader finds it (see [`resolve`]), then as [`Markings::at`]; a passage not found
    /// takes the overall marking with the quote's own leading mark.
    pub fn of(&self, anchor: &Anchor) -> Inherited {
        match resolve(anchor, &self.doc).location() {
            Some(at) => self.at(at.section, at.block),
            None => self.not_found(Some(&anchor.quote)),
        }
    }

    fn not_found(&self, quote: Option<&str>) -> Inherited {
        let own = quote.and_then(portion_at_start).map(|(m, _)| m);
        Inherited {
            marking: roll_up(self.overall.iter().chain(own.iter())),
            tlp: self.tlp,
            basis: Basis::NotFound,
        }
    }
}

/// What a note or bookmark made on `anchor` inherits from `briefing` (see the module's
/// documentation for the rule). For many annotations of one briefing, make one
/// [`Markings`] and ask it ([`Markings::of`]): this works the briefing's markings out
/// each time.
pub fn annotation_marking(briefing: &Briefing, anchor: &Anchor) -> Inherited {
    Markings::new(briefing).of(anchor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::anchor::make_anchor;
    use crate::domain::briefing::Origin;
    use crate::domain::load::parse_briefing;

    fn briefing(toml: &str) -> Briefing {
        let origin = Origin::File("t.toml".into());
        match parse_briefing(toml.as_bytes(), origin, Some("t".into())) {
            Ok(loaded) => loaded.briefing,
            Err(e) => panic!("{e:?}"),
        }
    }

    const DEPOT: &str = r#"
title = "Depot"
classification = "SECRET//NOFORN"
tlp = "AMBER+STRICT"
summary = "(U) A summary."

[[sections]]
id = "context"
title = "Context"
body = """
Unmarked paragraph.

(C) Confidential paragraph.
"""

[[sections]]
id = "assessment"
title = "Assessment"
marking = "S//NOFORN"
body = """
(U) The depot is being expanded.

The expansion is likely to be finished within a year.
"""
"#;

    fn anchor_on(b: &Briefing, section: usize, block: usize) -> Anchor {
        let doc = doc_text(b);
        let len = doc.sections[section].blocks[block].len();
        make_anchor(&b.id, &b.version, &doc, section, block, 0..len)
    }

    #[test]
    fn a_note_takes_its_paragraphs_mark_else_its_sections_else_the_briefings() {
        let b = briefing(DEPOT);
        let marks = Markings::new(&b);
        let of = |s, k| {
            let i = marks.of(&anchor_on(&b, s, k));
            (i.marking.map(|m| m.code()), i.basis)
        };
        assert_eq!(of(0, 1), (Some("C".into()), Basis::Portion));
        assert_eq!(of(1, 0), (Some("U".into()), Basis::Portion));
        assert_eq!(of(1, 1), (Some("S//NOFORN".into()), Basis::Section));
        // Unmarked paragraph, unmarked section: the declared SECRET//NOFORN.
        assert_eq!(of(0, 0), (Some("S//NOFORN".into()), Basis::Briefing));
        assert_eq!(
            annotation_marking(&b, &anchor_on(&b, 0, 1)).tlp,
            Some(Tlp::AmberStrict)
        );
        assert_eq!(
            annotation_marking(&b, &anchor_on(&b, 0, 1))
                .portion()
                .as_deref(),
            Some("(C)")
        );
    }

    #[test]
    fn a_passage_not_found_takes_the_overall_marking_and_its_own_mark() {
        let b = briefing(DEPOT);
        let mut gone = anchor_on(&b, 0, 1);
        gone.quote = "(TS) a passage no longer there".into();
        let i = annotation_marking(&b, &gone);
        assert_eq!(i.basis, Basis::NotFound);
        assert_eq!(i.marking.map(|m| m.code()).as_deref(), Some("TS//NOFORN"));
        // A briefing with no marking at all: nothing, unless the quote carries one.
        let plain = briefing("title = \"P\"\n[[sections]]\ntitle = \"A\"\nbody = \"Text.\"\n");
        assert_eq!(
            annotation_marking(&plain, &anchor_on(&plain, 0, 0)).marking,
            None
        );
        let mut quoted = anchor_on(&plain, 0, 0);
        quoted.quote = "(S) elsewhere".into();
        assert_eq!(
            annotation_marking(&plain, &quoted)
                .marking
                .map(|m| m.code())
                .as_deref(),
            Some("S")
        );
    }

    #[test]
    fn declared_classifications_give_levels_and_caveats() {
        let with = |c: &str| {
            let mut b = briefing("title = \"P\"\n");
            b.classification = Some(c.into());
            (
                declared_marking(&b).map(|m| m.code()),
                unranked_classification(&b).map(str::to_owned),
                briefing_tlp(&b),
            )
        };
        assert_eq!(
            with("SECRET//NOFORN"),
            (Some("S//NOFORN".into()), None, None)
        );
        assert_eq!(
            with("UNCLASSIFIED — open source"),
            (Some("U".into()), None, None)
        );
        assert_eq!(
            with("TOP SECRET//SCI//x y"),
            (Some("TS".into()), None, None)
        );
        assert_eq!(
            with("DIFFUSION RESTREINTE"),
            (None, Some("DIFFUSION RESTREINTE".into()), None)
        );
        assert_eq!(
            with("tlp:amber+strict"),
            (None, None, Some(Tlp::AmberStrict))
        );
    }

    #[test]
    fn the_summary_rolls_up_its_paragraphs() {
        let b = briefing(DEPOT);
        assert_eq!(
            Markings::new(&b).summary().map(Marking::code).as_deref(),
            Some("U")
        );
        let mut unmarked = b.clone();
        unmarked.summary = Some("No mark.".into());
        assert_eq!(
            Markings::new(&unmarked)
                .summary()
                .map(Marking::code)
                .as_deref(),
            Some("S//NOFORN")
        );
    }
}
