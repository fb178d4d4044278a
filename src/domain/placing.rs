//! Placing annotations on a briefing as it is now, outside the reader (for `brief
//! notes` and exports): the rendered text anchoring works on, and each annotation's
//! status. Must not depend on terminal crates.

use std::collections::HashMap;

use super::anchor::{DocText, Resolution, SectionText, resolve};
use super::annotation::Status;
use super::briefing::{Briefing, Section};
use super::markdown::{Block, render_markdown};
use super::store::{AnnotationRef, AnnotationSet};

/// The rendered text of every section, as anchoring sees it (the blocks the reader's
/// paragraph cursor moves over).
pub fn doc_text(briefing: &Briefing) -> DocText {
    DocText {
        sections: briefing
            .sections
            .iter()
            .map(|s| section_text(s, render_markdown(&s.body)))
            .collect(),
    }
}

/// The blocks of a unit as the reader shows them: the summary for the overview (unit
/// 0), else a section's body. The reader's paragraph cursor moves over these.
pub fn unit_blocks(briefing: &Briefing, unit: usize) -> Vec<Block> {
    if unit == 0 {
        briefing
            .summary
            .as_deref()
            .map(render_markdown)
            .unwrap_or_default()
    } else {
        briefing
            .sections
            .get(unit - 1)
            .map(|s| render_markdown(&s.body))
            .unwrap_or_default()
    }
}

/// The text of a unit as the reader shows it: its blocks' text, a blank line between
/// two. What a read mark keeps, to show later what changed.
pub fn unit_text(briefing: &Briefing, unit: usize) -> String {
    unit_blocks(briefing, unit)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A section's text for anchoring, from its rendered blocks.
pub fn section_text(section: &Section, blocks: Vec<Block>) -> SectionText {
    SectionText {
        id: section.id.clone(),
        blocks: blocks.into_iter().map(|b| b.text).collect(),
    }
}

/// Each annotation's status against the briefing as it is now: attached, moved (found
/// elsewhere, or still awaiting the user's confirmation), or orphan.
pub fn statuses(set: &AnnotationSet, briefing: Option<&Briefing>) -> HashMap<String, Status> {
    let doc = briefing.map(doc_text);
    set.annotations()
        .map(|a| {
            let flagged = match a {
                AnnotationRef::Note(n) => n.moved,
                AnnotationRef::Bookmark(b) => b.moved,
            };
            let status = match &doc {
                None => Status::Orphan,
                Some(doc) => match resolve(a.anchor(), doc) {
                    Resolution::Attached(_) if flagged => Status::Moved,
                    Resolution::Attached(_) => Status::Attached,
                    Resolution::Moved(_) => Status::Moved,
                    Resolution::Orphan => Status::Orphan,
                },
            };
            (a.id().to_string(), status)
        })
        .collect()
}
