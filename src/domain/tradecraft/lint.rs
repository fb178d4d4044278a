//! Lints on estimative language (ICD 203), for `brief check --lint` and the reader's
//! panel: a sentence that states both a confidence level and a likelihood; a briefing
//! that mixes the two rows of the likelihood scale; an assessment section with no
//! likelihood or confidence statement at all. Each is a warning: the briefing still
//! loads. Must not depend on terminal crates.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::estimative::{Estimate, Lexicon, Lexicons, Row, TermMatch};
use crate::domain::briefing::Briefing;
use crate::domain::diag::{Diagnostic, Pos, cap_repeated};
use crate::domain::text::sanitize_line;

/// What a lint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LintKind {
    /// A sentence states both a confidence level and a likelihood.
    MixedSentence,
    /// A likelihood term from the row of the scale the briefing uses less.
    MixedRows,
    /// An assessment section with no likelihood or confidence statement.
    NoEstimate,
}

/// One lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// What it is about.
    pub kind: LintKind,
    /// The section (index), or `None` for the summary.
    pub section: Option<usize>,
    /// The text concerned, in bytes of the section's body (or of the summary): the
    /// sentence, or the term; empty at 0 for a section as a whole.
    pub range: Range<usize>,
    /// What is wrong, in plain words.
    pub message: String,
}

/// The text of a unit (the summary, a section's body) with soft line breaks turned into
/// spaces, byte for byte, so that a sentence wrapped over several lines is one
/// sentence, while a blank line or a line that starts a block (a list item, a heading,
/// a quote, a fence, a table row) still ends one.
fn prose(text: &str) -> String {
    let starts_block = |line: &str| {
        let t = line.trim_start();
        let numbered = {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
        };
        t.is_empty()
            || ["- ", "* ", "+ ", "#", ">", "```", "~~~", "|"]
                .iter()
                .any(|p| t.starts_with(p))
            || numbered
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let soft = line.ends_with('\n')
            && !line.trim().is_empty()
            && lines.get(i + 1).is_some_and(|next| !starts_block(next));
        if soft {
            let body = line.trim_end_matches(['\n', '\r']);
            out.push_str(body);
            out.extend(std::iter::repeat_n(' ', line.len() - body.len()));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The lints of one text: mixed sentences; and its likelihood terms, for the rows.
fn lint_text(
    text: &str,
    section: Option<usize>,
    lexicon: &Lexicon,
    lints: &mut Vec<Lint>,
) -> Vec<TermMatch> {
    let matches = lexicon.scan(text);
    if matches.is_empty() {
        return matches;
    }
    let view = prose(text);
    let mut next = 0;
    for (start, sentence) in view.split_sentence_bound_indices() {
        let end = start + sentence.len();
        let mut confidence = None;
        let mut likelihood = None;
        while let Some(m) = matches.get(next).filter(|m| m.range.start < end) {
            match m.estimate {
                Estimate::Confidence { .. } => {
                    confidence.get_or_insert(m.range.clone());
                }
                Estimate::Likelihood { .. } => {
                    likelihood.get_or_insert(m.range.clone());
                }
            }
            next += 1;
        }
        if let (Some(c), Some(l)) = (confidence, likelihood) {
            let trimmed = start + (sentence.len() - sentence.trim_start().len());
            let cut = sentence.trim_end().len() + start;
            lints.push(Lint {
                kind: LintKind::MixedSentence,
                section,
                range: trimmed..cut.max(trimmed),
                message: format!(
                    "this sentence states both a confidence level (`{}`) and a likelihood (`{}`): ICD 203 keeps them in separate sentences",
                    sanitize_line(&text[c]),
                    sanitize_line(&text[l])
                ),
            });
        }
    }
    matches
}

/// Every lint of a briefing, with `lexicon` (the list for its language; see
/// [`Lexicons::for_language`]). In document order: the summary, then each section.
pub fn lint_briefing(briefing: &Briefing, lexicon: &Lexicon) -> Vec<Lint> {
    let mut lints = Vec::new();
    // The likelihood terms of every text, for the rows.
    let mut terms: Vec<(Option<usize>, TermMatch)> = Vec::new();
    let mut collect = |section: Option<usize>, found: Vec<TermMatch>| {
        terms.extend(found.into_iter().map(|m| (section, m)));
    };
    if let Some(summary) = &briefing.summary {
        let found = lint_text(summary, None, lexicon, &mut lints);
        collect(None, found);
    }
    for (i, section) in briefing.sections.iter().enumerate() {
        let found = lint_text(&section.body, Some(i), lexicon, &mut lints);
        let is_assessment = section
            .kind
            .as_ref()
            .is_some_and(|k| k.as_str() == "assessment");
        if is_assessment && found.is_empty() {
            lints.push(Lint {
                kind: LintKind::NoEstimate,
                section: Some(i),
                range: 0..0,
                message: format!(
                    "the assessment section `{}` states no likelihood (such as `{}`) and no confidence level (such as `{}`)",
                    sanitize_line(&section.id),
                    example(lexicon, true),
                    example(lexicon, false)
                ),
            });
        }
        collect(Some(i), found);
    }
    // The rows: the one used more is the briefing's (on a tie, the one used first); each
    // term of the other is a lint.
    let rows: Vec<Row> = terms
        .iter()
        .filter_map(|(_, m)| match m.estimate {
            Estimate::Likelihood { row, .. } => Some(row),
            Estimate::Confidence { .. } => None,
        })
        .collect();
    let firsts = rows.iter().filter(|r| **r == Row::First).count();
    let seconds = rows.len() - firsts;
    if firsts > 0 && seconds > 0 {
        let main = match firsts.cmp(&seconds) {
            std::cmp::Ordering::Greater => Row::First,
            std::cmp::Ordering::Less => Row::Second,
            std::cmp::Ordering::Equal => rows[0],
        };
        for (section, m) in &terms {
            let Estimate::Likelihood { band, row } = m.estimate else {
                continue;
            };
            if row == main {
                continue;
            }
            let text = match section {
                Some(i) => briefing.sections.get(*i).map(|s| s.body.as_str()),
                None => briefing.summary.as_deref(),
            }
            .unwrap_or("");
            let instead = lexicon
                .terms
                .iter()
                .find(|t| t.estimate == Estimate::Likelihood { band, row: main })
                .map(|t| format!("`{}`", t.text))
                .unwrap_or_default();
            lints.push(Lint {
                kind: LintKind::MixedRows,
                section: *section,
                range: m.range.clone(),
                message: format!(
                    "`{}` is from the {} row of the likelihood scale, but this briefing mostly uses the {}: write {instead} ({}), and keep to one row",
                    sanitize_line(text.get(m.range.clone()).unwrap_or("")),
                    row.ordinal(),
                    main.ordinal(),
                    lexicon.band(band).map(|b| b.percent_text()).unwrap_or_default()
                ),
            });
        }
    }
    // Document order: the summary, then each section, each by position.
    lints.sort_by_key(|l| (l.section.map_or(0, |s| s + 1), l.range.start));
    lints
}

/// A term of the lexicon to suggest: a likelihood of the middle band's first row, or the
/// first confidence term.
fn example(lexicon: &Lexicon, likelihood: bool) -> String {
    let middle = lexicon.bands.len() / 2 + 1;
    lexicon
        .terms
        .iter()
        .find(|t| match t.estimate {
            Estimate::Likelihood { band, row } => {
                likelihood
                    && row == Row::First
                    && band == middle.min(lexicon.bands.len().saturating_sub(1))
            }
            Estimate::Confidence { .. } => !likelihood,
        })
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

/// The lints of a briefing as warnings located in its file, for `brief check --lint`:
/// the list for the briefing's language is taken from `lexicons`; a flood of one lint
/// is summarised (see [`cap_repeated`]).
pub fn lint_diagnostics(briefing: &Briefing, lexicons: &Lexicons) -> Vec<Diagnostic> {
    let lexicon = lexicons.for_language(briefing.language.as_deref());
    let lints = lint_briefing(briefing, lexicon);
    let file = briefing.origin.display_name();
    let mut out = Vec::with_capacity(lints.len());
    let mut cursor: Option<(Option<usize>, crate::domain::briefing::TextCursor<'_>)> = None;
    for lint in &lints {
        let pos = match (lint.kind, lint.section) {
            (LintKind::NoEstimate, Some(i)) => briefing.sections.get(i).map(|s| Pos {
                line: s.line,
                column: 1,
            }),
            (_, unit) => {
                if cursor.as_ref().is_none_or(|(u, _)| *u != unit) {
                    cursor = match unit {
                        Some(i) => briefing
                            .sections
                            .get(i)
                            .map(|s| (unit, s.body_origin.cursor(&s.body))),
                        None => briefing
                            .summary
                            .as_deref()
                            .map(|t| (unit, briefing.lines.summary_text.cursor(t))),
                    };
                }
                cursor.as_mut().map(|(_, c)| c.pos(lint.range.start))
            }
        };
        out.push(Diagnostic::warning(&file, pos, lint.message.clone()));
    }
    cap_repeated(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::briefing::Origin;

    fn briefing(text: &str) -> Briefing {
        match crate::domain::load::parse_briefing(
            text.as_bytes(),
            Origin::File("l.toml".into()),
            Some("l".into()),
        ) {
            Ok(l) => l.briefing,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn warnings(text: &str) -> Vec<String> {
        let b = briefing(text);
        lint_diagnostics(&b, &Lexicons::bundled())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_sentence_mixing_confidence_and_likelihood_gives_one_warning() {
        let w = warnings(
            "title = \"T\"\nlanguage = \"en\"\n[[sections]]\ntitle = \"A\"\nbody = \"\"\"\nIntro.\nWe assess with high confidence that X is likely.\n\"\"\"\n",
        );
        assert_eq!(
            w,
            [
                "l.toml:7:1: warning: this sentence states both a confidence level (`high confidence`) and a likelihood (`likely`): ICD 203 keeps them in separate sentences"
            ]
        );
        // Wrapped over two lines, still one sentence; two sentences, no warning.
        let w = warnings(
            "title = \"T\"\n[[sections]]\ntitle = \"A\"\nbody = \"\"\"\nWe have high confidence\nthat X is likely.\n\nWe have high confidence. X is likely.\n\"\"\"\n",
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("l.toml:5:1: warning: this sentence"),
            "{w:?}"
        );
    }

    #[test]
    fn the_same_in_french() {
        let w = warnings(
            "title = \"T\"\nlanguage = \"fr\"\n[[sections]]\ntitle = \"A\"\nbody = \"Nous estimons avec une confiance élevée que X est probable.\"\n",
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("l.toml:5:9: warning: this sentence states both a confidence level (`confiance élevée`) and a likelihood (`probable`)"), "{w:?}");
    }

    #[test]
    fn mixing_rows_warns_at_each_term_of_the_minority_row() {
        let w = warnings(
            "title = \"T\"\nsummary = \"X is likely; Y is very likely.\"\n[[sections]]\ntitle = \"A\"\nbody = \"Z will probably happen.\"\n",
        );
        assert_eq!(
            w,
            [
                "l.toml:5:16: warning: `probably` is from the second row of the likelihood scale, but this briefing mostly uses the first: write `likely` (55–80 %), and keep to one row"
            ]
        );
    }

    #[test]
    fn an_assessment_without_estimate_is_flagged() {
        let text = "title = \"T\"\n[[sections]]\ntitle = \"A\"\nkind = \"assessment\"\nbody = \"It may rain.\"\n\n[[sections]]\ntitle = \"B\"\nkind = \"assessment\"\nbody = \"We have low confidence in this.\"\n";
        let w = warnings(text);
        assert_eq!(
            w,
            [
                "l.toml:2:1: warning: the assessment section `a` states no likelihood (such as `likely`) and no confidence level (such as `low confidence`)"
            ]
        );
    }

    #[test]
    fn prose_keeps_offsets_and_block_breaks() {
        let text = "one\ntwo\n\n- a\n- b\r\nc\n";
        let p = prose(text);
        assert_eq!(p.len(), text.len());
        assert_eq!(p, "one two\n\n- a\n- b  c\n");
    }
}
