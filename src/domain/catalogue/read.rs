//! Reading the catalogue: the library's rows at once (before any refresh), the
//! sections and dates the timeline and compare views need, and a whole briefing rebuilt
//! without parsing its file. Must not depend on terminal crates.

use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, Row, params};

use super::refresh::key_path;
use super::write::problems_from_json;
use super::{Catalogue, CatalogueError};
use crate::domain::briefing::{Briefing, FieldLines, Kind, Origin, Section, Source};
use crate::domain::date::{DateSpan, PartialDate};
use crate::domain::diag::{Diagnostic, Pos};

/// A file's id in the catalogue (stable while the file keeps its path).
pub type FileId = i64;

/// One briefing of the library, as the library view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefingRow {
    /// Its file in the catalogue.
    pub file: FileId,
    /// Its file, under the folder as given when the catalogue was opened.
    pub path: PathBuf,
    /// The file's size in bytes, when indexed.
    pub size: u64,
    /// The file's modification time, nanoseconds since the Unix epoch, when indexed.
    pub modified: i64,
    /// The file's content hash (the briefing's version).
    pub hash: String,
    /// The briefing's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<PartialDate>,
    /// Its language.
    pub language: Option<String>,
    /// Its classification banner.
    pub classification: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// How many sections it has.
    pub sections: usize,
}

/// The library as the catalogue has it: the briefings in file order (of several files
/// with one id, the first), and every problem as [`crate::domain::library::Library`]
/// would report it (a file's errors and warnings, duplicate ids).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// The briefings.
    pub briefings: Vec<BriefingRow>,
    /// The problems, in file order.
    pub problems: Vec<Diagnostic>,
}

/// A section without its body, for outlines and unread counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRow {
    /// Its briefing's file.
    pub file: FileId,
    /// Its index in the briefing.
    pub index: usize,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: Option<Kind>,
    /// Its content hash (for read marks).
    pub hash: String,
}

/// A structured date of a section, with what the timeline shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedSection {
    /// The briefing's file.
    pub file: FileId,
    /// The briefing's id.
    pub briefing: String,
    /// The briefing's title.
    pub briefing_title: String,
    /// The section's index.
    pub section: usize,
    /// The section's id.
    pub section_id: String,
    /// The section's title.
    pub section_title: String,
    /// The section's kind.
    pub kind: Option<Kind>,
    /// The briefing's tags.
    pub tags: Vec<String>,
    /// The briefing's date.
    pub date: Option<PartialDate>,
    /// The date.
    pub span: DateSpan,
}

/// A section of one kind, for the compare view (its body is read with
/// [`Catalogue::section`] when shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindSection {
    /// The briefing's file.
    pub file: FileId,
    /// The briefing's id.
    pub briefing: String,
    /// The briefing's title.
    pub briefing_title: String,
    /// The briefing's date.
    pub date: Option<PartialDate>,
    /// The section's index.
    pub section: usize,
    /// The section's id.
    pub section_id: String,
    /// The section's title.
    pub section_title: String,
    /// The briefing's tags.
    pub tags: Vec<String>,
}

fn date_from_json(json: Option<String>) -> Option<PartialDate> {
    json.and_then(|j| serde_json::from_str(&j).ok())
}

/// A date span from four columns from `at` on: from, to, label, confidence.
fn span_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<DateSpan> {
    let from: String = r.get(at)?;
    Ok(DateSpan {
        // Written by this code from a valid date; a month stands in should it not read.
        from: date_from_json(Some(from)).unwrap_or(PartialDate {
            year: None,
            month: 1,
            day: None,
        }),
        to: date_from_json(r.get(at + 1)?),
        label: r.get(at + 2)?,
        confidence: r.get(at + 3)?,
    })
}

fn tags_from_json(json: &str) -> Vec<String> {
    if json == "[]" {
        return Vec::new();
    }
    serde_json::from_str(json).unwrap_or_default()
}

/// A briefing's date from its three columns (no month: no date).
fn date_from_columns(year: Option<i16>, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
    Some(PartialDate {
        year,
        month: month?,
        day,
    })
}

fn opt_kind(kind: Option<String>) -> Option<Kind> {
    kind.map(Kind::new)
}

fn to_usize(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// The columns a listing reads, after the path and the problems.
const ROW_COLUMNS: &str = "b.file, f.size, f.mtime, f.hash, b.id, b.title, b.date_year,
    b.date_month, b.date_day, b.language, b.classification, b.tags, b.sections, b.id_line,
    b.id_column";

/// One file of a listing: its key, its problems (JSON), its briefing if it loaded (and
/// where its id is written).
type ListingEntry = (Vec<u8>, String, Option<(BriefingRow, Option<Pos>)>);

/// Reads a row of `path, problems, ROW_COLUMNS` (the briefing's columns NULL when the
/// file did not load).
fn listing_entry(r: &Row<'_>) -> rusqlite::Result<ListingEntry> {
    let key: Vec<u8> = r.get(0)?;
    let problems: String = r.get(1)?;
    let Some(file) = r.get::<_, Option<FileId>>(2)? else {
        return Ok((key, problems, None));
    };
    let line: Option<u32> = r.get(15)?;
    let column: Option<u32> = r.get(16)?;
    let row = BriefingRow {
        file,
        path: PathBuf::new(),
        size: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        modified: r.get(4)?,
        hash: r.get(5)?,
        id: r.get(6)?,
        title: r.get(7)?,
        date: date_from_columns(r.get(8)?, r.get(9)?, r.get(10)?),
        language: r.get(11)?,
        classification: r.get(12)?,
        tags: tags_from_json(&r.get::<_, String>(13)?),
        sections: to_usize(r.get(14)?),
    };
    let pos = line.zip(column).map(|(line, column)| Pos { line, column });
    Ok((key, problems, Some((row, pos))))
}

impl Catalogue {
    /// The library's rows, in file order, with every problem (as
    /// [`crate::domain::library::Library`] would report them), from the catalogue alone:
    /// no briefing file is read. For 100,000 briefings this takes a few hundred
    /// milliseconds: show [`Catalogue::listing_head`] first.
    pub fn listing(&self) -> Result<Listing, CatalogueError> {
        // Read in table order and sorted here: far cheaper than walking the path index
        // with a lookup per row.
        let sql = format!(
            "SELECT f.path, f.problems, {ROW_COLUMNS}
             FROM briefings b JOIN files f ON f.id = b.file
             UNION ALL
             SELECT path, problems, NULL, 0, 0, '', NULL, NULL, NULL, NULL, NULL, NULL,
                    NULL, NULL, NULL, NULL, NULL
             FROM files WHERE id NOT IN (SELECT file FROM briefings)"
        );
        let mut statement = self.conn.prepare(&sql).map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([], listing_entry)
            .map_err(|e| self.sql_error(&e))?;
        let mut entries: Vec<Option<ListingEntry>> = rows
            .map(|r| r.map(Some))
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))?;
        // Sort positions, not the entries themselves (a few hundred bytes each).
        let mut order: Vec<usize> = (0..entries.len()).collect();
        let key_of = |i: &usize| entries.get(*i).and_then(|e| e.as_ref()).map(|e| &e.0);
        order.sort_unstable_by(|a, b| key_of(a).cmp(&key_of(b)));
        let sorted = order
            .into_iter()
            .filter_map(|i| entries.get_mut(i).and_then(Option::take));
        Ok(self.build_listing(sorted))
    }

    /// The first `limit` files of the library in file order, as [`Catalogue::listing`]
    /// has them (exact: a briefing's id can only be taken by a file before it): what a
    /// first screen shows at once, while the whole listing is read.
    pub fn listing_head(&self, limit: usize) -> Result<Listing, CatalogueError> {
        let sql = format!(
            "SELECT f.path, f.problems, {ROW_COLUMNS}
             FROM files f LEFT JOIN briefings b ON b.file = f.id ORDER BY f.path LIMIT ?1"
        );
        let mut statement = self.conn.prepare(&sql).map_err(|e| self.sql_error(&e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement
            .query_map([limit], listing_entry)
            .map_err(|e| self.sql_error(&e))?;
        let entries: Vec<ListingEntry> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))?;
        Ok(self.build_listing(entries.into_iter()))
    }

    /// The listing of entries in file order: problems, and duplicate ids refused as
    /// `Library::add` refuses them.
    fn build_listing(&self, entries: impl Iterator<Item = ListingEntry>) -> Listing {
        let mut listing = Listing::default();
        // Briefing id → the index in `listing.briefings` of the first holder.
        let mut first: HashMap<String, usize> = HashMap::new();
        for (key, problems, briefing) in entries {
            let path = self.root.join(key_path(&key));
            if problems != "[]" {
                let name = path.display().to_string();
                listing
                    .problems
                    .extend(problems_from_json(&problems, &name));
            }
            let Some((mut row, pos)) = briefing else {
                continue;
            };
            if let Some(&holder) = first.get(&row.id) {
                let holder = listing
                    .briefings
                    .get(holder)
                    .map(|b| b.path.display().to_string())
                    .unwrap_or_default();
                listing.problems.push(Diagnostic::error(
                    path.display().to_string(),
                    pos.or(Some(Pos { line: 1, column: 1 })),
                    format!(
                        "duplicate briefing id `{}`: {holder} already uses it",
                        row.id
                    ),
                ));
                continue;
            }
            first.insert(row.id.clone(), listing.briefings.len());
            row.path = path;
            listing.briefings.push(row);
        }
        listing
    }

    /// The sections of one briefing, without their bodies.
    pub fn sections(&self, file: FileId) -> Result<Vec<SectionRow>, CatalogueError> {
        self.section_rows("WHERE file = ?1", params![file])
    }

    /// Every section of the library's briefings, without bodies, in file order.
    pub fn all_sections(&self) -> Result<Vec<SectionRow>, CatalogueError> {
        self.section_rows(
            "JOIN files f ON f.id = s.file WHERE s.file IN (SELECT file FROM library) ORDER BY f.path, s.idx",
            params![],
        )
    }

    fn section_rows(
        &self,
        tail: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<SectionRow>, CatalogueError> {
        let sql =
            format!("SELECT s.file, s.idx, s.id, s.title, s.kind, s.hash FROM sections s {tail}");
        let mut statement = self.conn.prepare(&sql).map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map(params, |r| {
                Ok(SectionRow {
                    file: r.get(0)?,
                    index: to_usize(r.get(1)?),
                    id: r.get(2)?,
                    title: r.get(3)?,
                    kind: opt_kind(r.get(4)?),
                    hash: r.get(5)?,
                })
            })
            .map_err(|e| self.sql_error(&e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))
    }

    /// Every structured date of the library's briefings, in file and section order
    /// (the timeline sorts and groups them).
    pub fn dated_sections(&self) -> Result<Vec<DatedSection>, CatalogueError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT d.file, l.id, l.title, d.section, s.id, s.title,
                        d.date_from, d.date_to, d.label, d.confidence,
                        s.kind, l.tags, l.date_year, l.date_month, l.date_day
                 FROM dates d JOIN library l ON l.file = d.file
                 JOIN sections s ON s.file = d.file AND s.idx = d.section
                 ORDER BY l.path, d.section, d.idx",
            )
            .map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([], |r| {
                Ok(DatedSection {
                    file: r.get(0)?,
                    briefing: r.get(1)?,
                    briefing_title: r.get(2)?,
                    section: to_usize(r.get(3)?),
                    section_id: r.get(4)?,
                    section_title: r.get(5)?,
                    kind: r.get::<_, Option<String>>(10)?.map(Kind::new),
                    tags: tags_from_json(&r.get::<_, String>(11)?),
                    date: date_from_columns(r.get(12)?, r.get(13)?, r.get(14)?),
                    span: span_from_row(r, 6)?,
                })
            })
            .map_err(|e| self.sql_error(&e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))
    }

    /// The section kinds of the library with how many sections have each, known kinds
    /// first in their canonical order (as [`crate::domain::timeline::kinds_in`]).
    pub fn kinds(&self) -> Result<Vec<(Kind, usize)>, CatalogueError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT s.kind, count(*) FROM sections s
                 WHERE s.kind IS NOT NULL AND s.file IN (SELECT file FROM library)
                 GROUP BY s.kind",
            )
            .map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([], |r| {
                Ok((Kind::new(r.get::<_, String>(0)?), to_usize(r.get(1)?)))
            })
            .map_err(|e| self.sql_error(&e))?;
        let mut kinds: Vec<(Kind, usize)> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))?;
        kinds.sort_by_key(|(k, _)| (k.known_index().unwrap_or(usize::MAX), k.as_str().to_owned()));
        Ok(kinds)
    }

    /// Every section of `kind`, by briefing date (undated last), then title, then
    /// section (as [`crate::domain::timeline::sections_of_kind`]).
    pub fn sections_of_kind(&self, kind: &Kind) -> Result<Vec<KindSection>, CatalogueError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT s.file, l.id, l.title, l.date_year, l.date_month, l.date_day, s.idx,
                        s.id, s.title, l.tags
                 FROM sections s JOIN library l ON l.file = s.file
                 WHERE s.kind = ?1",
            )
            .map_err(|e| self.sql_error(&e))?;
        let rows = statement
            .query_map([kind.as_str()], |r| {
                Ok(KindSection {
                    file: r.get(0)?,
                    briefing: r.get(1)?,
                    briefing_title: r.get(2)?,
                    date: date_from_columns(r.get(3)?, r.get(4)?, r.get(5)?),
                    section: to_usize(r.get(6)?),
                    section_id: r.get(7)?,
                    section_title: r.get(8)?,
                    tags: tags_from_json(&r.get::<_, String>(9)?),
                })
            })
            .map_err(|e| self.sql_error(&e))?;
        let mut entries: Vec<KindSection> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))?;
        entries.sort_by(|a, b| {
            let key = |e: &KindSection| {
                (
                    e.date.is_none(),
                    e.date
                        .map(|d| (d.year.unwrap_or(0), d.month, d.day.unwrap_or(0))),
                )
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.briefing_title.cmp(&b.briefing_title))
                .then(a.section.cmp(&b.section))
        });
        Ok(entries)
    }

    /// One section in full (body and dates included).
    pub fn section(&self, file: FileId, index: usize) -> Result<Option<Section>, CatalogueError> {
        let mut sections = self.full_sections(file, Some(index))?;
        Ok(sections.pop())
    }

    /// Sections of a file in full, all or one.
    fn full_sections(
        &self,
        file: FileId,
        only: Option<usize>,
    ) -> Result<Vec<Section>, CatalogueError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT s.idx, s.id, s.title, s.kind, b.body, s.hash, s.line, s.body_line,
                        s.title_line
                 FROM sections s JOIN section_bodies b ON b.file = s.file AND b.idx = s.idx
                 WHERE s.file = ?1 AND (?2 IS NULL OR s.idx = ?2) ORDER BY s.idx",
            )
            .map_err(|e| self.sql_error(&e))?;
        let only = only.and_then(|i| i64::try_from(i).ok());
        let rows = statement
            .query_map(params![file, only], |r| {
                Ok((
                    to_usize(r.get(0)?),
                    Section {
                        id: r.get(1)?,
                        title: r.get(2)?,
                        kind: opt_kind(r.get(3)?),
                        body: r.get::<_, String>(4)?.into(),
                        dates: Vec::new(),
                        hash: r.get(5)?,
                        line: r.get(6)?,
                        body_line: r.get(7)?,
                        title_line: r.get(8)?,
                        // What the catalogue does not keep (a briefing opened in the
                        // reader is read from its file, whole).
                        body_origin: Default::default(),
                        marking: None,
                        sources: Vec::new(),
                        citations: Vec::new(),
                        portions: Vec::new(),
                    },
                ))
            })
            .map_err(|e| self.sql_error(&e))?;
        let sections: Vec<(usize, Section)> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))?;
        let mut dates = self
            .conn
            .prepare_cached(
                "SELECT section, date_from, date_to, label, confidence FROM dates
                 WHERE file = ?1 AND (?2 IS NULL OR section = ?2) ORDER BY section, idx",
            )
            .map_err(|e| self.sql_error(&e))?;
        let spans = dates
            .query_map(params![file, only], |r| {
                Ok((to_usize(r.get(0)?), span_from_row(r, 1)?))
            })
            .map_err(|e| self.sql_error(&e))?;
        let spans: Vec<(usize, DateSpan)> = spans
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_error(&e))?;
        let mut out = Vec::with_capacity(sections.len());
        for (index, mut section) in sections {
            section.dates = spans
                .iter()
                .filter(|(s, _)| *s == index)
                .map(|(_, d)| d.clone())
                .collect();
            out.push(section);
        }
        Ok(out)
    }

    /// The file id of the library's briefing with this id.
    pub fn file_of(&self, id: &str) -> Result<Option<FileId>, CatalogueError> {
        self.conn
            .query_row("SELECT file FROM library WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql_error(&e))
    }

    /// The file of the library's briefing with this id.
    pub fn path_of(&self, id: &str) -> Result<Option<PathBuf>, CatalogueError> {
        let key: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT path FROM library WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql_error(&e))?;
        Ok(key.map(|k| self.root.join(key_path(&k))))
    }

    /// A briefing rebuilt in full from the catalogue, as the loader gave it when it was
    /// indexed (without reading its file).
    pub fn briefing(&self, file: FileId) -> Result<Option<Briefing>, CatalogueError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT f.path, b.id, b.title, b.date_year, b.date_month, b.date_day,
                        b.language, t.summary, b.classification, b.tags, b.version, b.id_line,
                        b.id_column, t.extra
                 FROM briefings b JOIN files f ON f.id = b.file
                 JOIN briefing_texts t ON t.file = b.file WHERE b.file = ?1",
            )
            .and_then(|mut s| {
                s.query_row([file], |r| {
                    let line: Option<u32> = r.get(11)?;
                    let column: Option<u32> = r.get(12)?;
                    Ok((
                        r.get::<_, Vec<u8>>(0)?,
                        Briefing {
                            id: r.get(1)?,
                            title: r.get(2)?,
                            date: date_from_columns(r.get(3)?, r.get(4)?, r.get(5)?),
                            language: r.get(6)?,
                            summary: r.get(7)?,
                            classification: r.get(8)?,
                            tags: tags_from_json(&r.get::<_, String>(9)?),
                            sources: Vec::new(),
                            sections: Vec::new(),
                            origin: Origin::Embedded(""),
                            version: r.get(10)?,
                            id_position: line
                                .zip(column)
                                .map(|(line, column)| Pos { line, column }),
                            lines: FieldLines::default(),
                            summary_citations: Vec::new(),
                            summary_portions: Vec::new(),
                            tlp: None,
                            partial: false,
                            labels: None,
                        },
                        r.get::<_, String>(13)?,
                    ))
                })
                .optional()
            })
            .map_err(|e| self.sql_error(&e))?;
        let Some((key, mut briefing, extra)) = row else {
            return Ok(None);
        };
        let path = self.root.join(key_path(&key));
        // The file is the truth, and the catalogue keeps only what the lists need: a
        // briefing asked for whole is read from its file when it still loads.
        if let Ok(loaded) = crate::domain::load::load_file(&path, Default::default()) {
            return Ok(Some(loaded.briefing));
        }
        briefing.origin = Origin::File(path);
        if let Ok(extra) = serde_json::from_str::<serde_json::Value>(&extra) {
            briefing.sources = sources_from_json(extra.get("sources"));
            briefing.lines = lines_from_json(extra.get("lines"));
        }
        briefing.sections = self.full_sections(file, None)?;
        Ok(Some(briefing))
    }
}

fn sources_from_json(value: Option<&serde_json::Value>) -> Vec<Source> {
    let Some(serde_json::Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            Some(Source {
                name: item.get("name")?.as_str()?.to_owned(),
                url: item.get("url").and_then(|u| u.as_str()).map(str::to_owned),
                accessed: item
                    .get("accessed")
                    .and_then(|a| serde_json::from_value(a.clone()).ok()),
                // Grades are read with the file, when the briefing is opened.
                id: None,
                reliability: None,
                credibility: None,
                grading: None,
            })
        })
        .collect()
}

fn lines_from_json(value: Option<&serde_json::Value>) -> FieldLines {
    let Some(value) = value else {
        return FieldLines::default();
    };
    let line = |key: &str| {
        value
            .get(key)
            .and_then(|v| v.as_u64())
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0)
    };
    FieldLines {
        summary_text: Default::default(),
        title: line("title"),
        summary: line("summary"),
        tags: line("tags"),
        sources: value
            .get("sources")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_u64().and_then(|v| u32::try_from(v).ok()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}
