//! The JSON the commands print with `--format json`: one typed structure per output,
//! documented field by field in `docs/cli-json.md` (the notes export has its own schema,
//! `docs/export-json.md`). Dates are ISO 8601 strings (`2024-09-05`, `--09-10` when the
//! year is not stated), times RFC 3339 in UTC. Uses the domain only.

use std::io::Write;

use jiff::Timestamp;
use serde::Serialize;

use crate::domain::briefing::Briefing;
use crate::domain::diag::{Diagnostic, Severity};
use crate::domain::text::json_safe;
use crate::domain::tradecraft::inherit::briefing_tlp;

/// Writes `value` as pretty JSON, safe to print on a terminal (see [`json_safe`]),
/// ending with a line break.
pub fn write_json<T: Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{}", json_safe(&text))
}

/// One problem of `brief check --format json`.
#[derive(Debug, Serialize)]
pub struct ProblemOut<'a> {
    /// The file as named.
    pub file: &'a str,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column (characters), when known.
    pub column: Option<u32>,
    /// `error` or `warning`.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
}

impl<'a> From<&'a Diagnostic> for ProblemOut<'a> {
    fn from(p: &'a Diagnostic) -> Self {
        ProblemOut {
            file: &p.file,
            line: p.line,
            column: p.column,
            severity: p.severity,
            message: &p.message,
        }
    }
}

/// One source of a briefing in `brief list --format json`.
#[derive(Debug, Serialize)]
pub struct SourceOut<'a> {
    /// Its name.
    pub name: &'a str,
    /// Where it can be read.
    pub url: Option<&'a str>,
    /// When it was consulted: an ISO 8601 date.
    pub accessed: Option<String>,
    /// The id sections and paragraphs cite it by.
    pub id: Option<&'a str>,
    /// Its grade in the Admiralty code (`B2`, `F`, `2`), when graded.
    pub grade: Option<String>,
    /// Why it is graded so.
    pub grading: Option<&'a str>,
}

/// One briefing of `brief list --format json`.
#[derive(Debug, Serialize)]
pub struct BriefingOut<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its date: `YYYY-MM-DD`, `YYYY-MM` or `--MM-DD`.
    pub date: Option<String>,
    /// Its language tag.
    pub language: Option<&'a str>,
    /// Its classification line.
    pub classification: Option<&'a str>,
    /// The highest marking of its content (`S//NOFORN`), when it carries portion marks.
    pub high_water_mark: Option<String>,
    /// Its TLP 2.0 label (`AMBER+STRICT`).
    pub tlp: Option<&'static str>,
    /// Its summary (CommonMark).
    pub summary: Option<&'a str>,
    /// Its tags.
    pub tags: &'a [String],
    /// Its sources.
    pub sources: Vec<SourceOut<'a>>,
    /// How many sections it has.
    pub sections: usize,
    /// The file it was read from (`<bundled>/name` for a built-in one).
    pub file: String,
}

impl<'a> From<&'a Briefing> for BriefingOut<'a> {
    fn from(b: &'a Briefing) -> Self {
        BriefingOut {
            id: &b.id,
            title: &b.title,
            date: b.date.map(|d| d.to_iso()),
            language: b.language.as_deref(),
            classification: b.classification.as_deref(),
            high_water_mark: b.high_water_mark().map(|m| m.code()),
            tlp: briefing_tlp(b).map(|t| t.name()),
            summary: b.summary.as_deref(),
            tags: &b.tags,
            sources: b
                .sources
                .iter()
                .map(|s| SourceOut {
                    name: &s.name,
                    url: s.url.as_deref(),
                    accessed: s.accessed.map(|d| d.to_iso()),
                    id: s.id.as_deref(),
                    grade: Some(s.grade().label()).filter(|g| !g.is_empty()),
                    grading: s.grading.as_deref(),
                })
                .collect(),
            sections: b.sections.len(),
            file: b.origin.display_name(),
        }
    }
}

/// One match of `brief search --format json`.
#[derive(Debug, Serialize)]
pub struct HitOut<'a> {
    /// The briefing's file.
    pub file: &'a str,
    /// The briefing's id.
    pub briefing: &'a str,
    /// The section's id, or `title`, `summary`, `tags`, `sources`.
    pub section: &'a str,
    /// The line in the file (1-based); for a note, the line of its section.
    pub line: u32,
    /// The byte column in that line, when known exactly.
    pub column: Option<u32>,
    /// One line of text around the match.
    pub snippet: &'a str,
    /// The match, as byte offsets `[start, end]` of `snippet`.
    #[serde(rename = "match")]
    pub highlight: [usize; 2],
    /// For a match in a note, the note's id; `null` for the briefing's own text.
    pub note: Option<&'a str>,
}

/// One annotation of `brief notes --format json`.
#[derive(Debug, Serialize)]
pub struct AnnotationOut<'a> {
    /// Its id.
    pub id: &'a str,
    /// `note` or `bookmark`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The briefing's id.
    pub briefing: &'a str,
    /// The id of the section it was made on.
    pub section: &'a str,
    /// That section's title, when the briefing (still) has it.
    pub section_title: Option<&'a str>,
    /// The passage it is anchored to.
    pub quote: &'a str,
    /// A note's text (empty for a bookmark).
    pub body: &'a str,
    /// A bookmark's label.
    pub label: Option<&'a str>,
    /// The note's tags, lowercase, without `#`.
    pub tags: Vec<String>,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// `attached`, `moved` or `orphan`.
    pub status: &'static str,
}
