//! Validation of a raw briefing into the model: every rule of `docs/briefing-format.md`,
//! each problem located at its line and column, all of them reported in one pass.
//! Must not depend on terminal crates.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::origin::string_origin;
use super::raw::{RawBody, RawBriefing, RawDate, RawDateValue, RawNumber, RawSection, RawSource};
use crate::domain::briefing::{Briefing, FieldLines, Kind, Origin, Section, Source, TextOrigin};
use crate::domain::date::{DateSpan, PartialDate};
use crate::domain::diag::{Diagnostic, LineIndex, Pos, thousands};
use crate::domain::hash::content_hash_parts;
use crate::domain::shared::SharedText;
use crate::domain::text::{has_visible_text, is_slug, sanitize_line, slugify};
use crate::domain::tradecraft::cite::{InlineCitation, Portion, find_citations, find_portions};
use crate::domain::tradecraft::grade::{Credibility, Reliability};
use crate::domain::tradecraft::marking::{Level, Marking, classification_level};
use crate::domain::tradecraft::tlp::Tlp;

/// How many ids a message lists before it says how many more there are.
const LISTED_IDS: usize = 8;

/// `a, b, c`, or `a, b, c and 9,997 more`: a list that stays short however long the
/// file is.
pub(crate) fn short_list<'a>(items: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = items.len();
    let shown: Vec<String> = items
        .take(LISTED_IDS)
        .map(|s| sanitize_line(s).into_owned())
        .collect();
    let mut out = shown.join(", ");
    if total > LISTED_IDS {
        out.push_str(&format!(" and {} more", thousands(total - LISTED_IDS)));
    }
    out
}

/// What sections and paragraphs may be checked against, known once the top-level keys
/// are read.
struct Context {
    /// Source ids, in order, for messages; and as a set.
    source_ids: Vec<String>,
    known_sources: HashSet<String>,
    /// The declared classification and the level it names, if recognised.
    classification: Option<String>,
    declared: Option<Level>,
    /// The highest portion met, for the message when the classification is missing
    /// or not recognised.
    highest: Option<Level>,
}

pub(super) struct Validator<'a> {
    pub(super) name: &'a str,
    pub(super) index: &'a LineIndex<'a>,
    /// The file as read (the text of `source`).
    pub(super) bytes: &'a [u8],
    /// The file's text, which bodies written verbatim are ranges of.
    pub(super) source: &'a std::sync::Arc<String>,
    /// The briefing's version: the hash of the whole file.
    pub(super) version: String,
    /// Where the text the spans count from starts in `bytes`.
    pub(super) base: usize,
    pub(super) problems: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn abs(&self, span: &Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    fn pos(&self, span: &Range<usize>) -> Option<Pos> {
        Some(self.index.pos(span.start + self.base))
    }

    fn line(&self, span: &Range<usize>) -> u32 {
        self.pos(span).map_or(0, |p| p.line)
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span);
        self.problems
            .push(Diagnostic::error(self.name, pos, message.into()));
    }

    fn warning(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span);
        self.problems
            .push(Diagnostic::warning(self.name, pos, message.into()));
    }

    /// Where the text of a string value is in the file.
    fn origin(&self, span: &Range<usize>, value: &str) -> TextOrigin {
        string_origin(self.bytes, self.abs(span), value, self.index)
    }

    pub(super) fn briefing(
        &mut self,
        raw: RawBriefing,
        origin: Origin,
        default_id: Option<String>,
    ) -> Option<Briefing> {
        for p in raw.problems {
            self.error(&p.span, p.message);
        }
        let labels = raw.labels;
        let mut lines = FieldLines::default();
        let title = match raw.title {
            Some(t) => {
                lines.title = self.line(&t.span());
                self.title_text(t, "the briefing's")
            }
            None => {
                self.problems.push(Diagnostic::error(
                    self.name,
                    Some(Pos { line: 1, column: 1 }),
                    "missing `title`: every briefing needs one",
                ));
                None
            }
        };
        let id_position = raw.id.as_ref().and_then(|id| self.pos(&id.span()));
        let id = match raw.id {
            Some(id) => {
                if is_slug(id.get_ref()) {
                    Some(id.into_inner())
                } else {
                    let msg = format!(
                        "malformed id `{}`: use lowercase letters, digits and single hyphens (e.g. `kim-putin-2023`)",
                        sanitize_line(id.get_ref())
                    );
                    self.error(&id.span(), msg);
                    None
                }
            }
            None => match default_id.filter(|d| !d.is_empty()) {
                Some(id) => Some(id),
                None => {
                    self.problems.push(Diagnostic::error(
                        self.name,
                        Some(Pos { line: 1, column: 1 }),
                        "no `id`, and none can be made from the file name: add `id = \"…\"`",
                    ));
                    None
                }
            },
        };
        // One limit for ids everywhere: the store names files for any id up to it.
        if let Some(long) = id
            .as_ref()
            .filter(|id| id.len() > crate::domain::briefing::MAX_ID_LEN)
        {
            let at = id_position.or(Some(Pos { line: 1, column: 1 }));
            let msg = format!(
                "the id is {} characters long, over the limit of {}: set a shorter `id = \"…\"`",
                long.len(),
                crate::domain::briefing::MAX_ID_LEN
            );
            self.problems.push(Diagnostic::error(self.name, at, msg));
        }
        let date = raw.date.and_then(|d| self.date(d));
        let language = raw.language.and_then(|l| {
            if is_language_tag(l.get_ref()) {
                Some(l.into_inner())
            } else {
                let msg = format!(
                    "`{}` is not a language tag: use BCP 47, e.g. \"fr\", \"en\" or \"en-GB\"",
                    sanitize_line(l.get_ref())
                );
                self.error(&l.span(), msg);
                None
            }
        });
        lines.tags = raw.tags_span.as_ref().map_or(0, |s| self.line(s));
        let mut tags = Vec::with_capacity(raw.tags.len());
        let mut seen_tags: HashSet<String> = HashSet::with_capacity(raw.tags.len());
        for tag in raw.tags {
            let text = tag.get_ref().trim();
            if text.is_empty() {
                self.error(&tag.span(), "empty tag");
            } else if seen_tags.contains(text) {
                let msg = format!("tag `{}` is listed twice", sanitize_line(text));
                self.warning(&tag.span(), msg);
            } else {
                seen_tags.insert(text.to_string());
                tags.push(text.to_string());
            }
        }
        let tlp = raw.tlp.and_then(|t| match Tlp::parse(t.get_ref()) {
            Some(tlp) => Some(tlp),
            None => {
                let msg = format!(
                    "`{}` is not a TLP 2.0 label: write one of CLEAR, GREEN, AMBER, AMBER+STRICT or RED, in capitals and without `TLP:`",
                    sanitize_line(t.get_ref())
                );
                self.error(&t.span(), msg);
                None
            }
        });
        let mut sources = Vec::with_capacity(raw.sources.len());
        let mut source_lines: HashMap<String, u32> = HashMap::new();
        for s in raw.sources {
            lines.sources.push(self.line(&s.span()));
            if let Some(source) = self.source(s, &mut source_lines) {
                sources.push(source);
            }
        }
        let classification_span = raw.classification.as_ref().map(Spanned::span);
        let classification = raw
            .classification
            .map(Spanned::into_inner)
            .filter(|s| !s.trim().is_empty());
        let source_ids: Vec<String> = sources
            .iter()
            .filter_map(|s: &Source| s.id.clone())
            .collect();
        let mut context = Context {
            known_sources: source_ids.iter().cloned().collect(),
            source_ids,
            declared: classification.as_deref().and_then(classification_level),
            classification: classification.clone(),
            highest: None,
        };
        let (summary, summary_citations, summary_portions) = match raw.summary {
            Some(s) if !s.get_ref().trim().is_empty() => {
                let span = s.span();
                let text = s.into_inner();
                let origin = self.origin(&span, &text);
                let (citations, portions) = self.marks(&text, &origin, &mut context);
                lines.summary = origin.line;
                lines.summary_text = origin;
                (Some(text), citations, portions)
            }
            _ => (None, Vec::new(), Vec::new()),
        };
        if raw.sections.is_empty() {
            self.problems.push(Diagnostic::warning(
                self.name,
                Some(Pos { line: 1, column: 1 }),
                "the briefing has no `[[sections]]`",
            ));
        }
        let mut seen: HashMap<String, Pos> = HashMap::new();
        let mut sections = Vec::with_capacity(raw.sections.len());
        for raw_section in raw.sections {
            if let Some(section) = self.section(raw_section, &mut seen, &mut context) {
                sections.push(section);
            }
        }
        if let Some(highest) = context.highest
            && context.declared.is_none()
        {
            let (pos, message) = match (&classification_span, &context.classification) {
                (Some(span), Some(c)) => (
                    self.pos(span),
                    format!(
                        "the classification `{}` names no level brief recognises (see \"Portion marks\" in docs/briefing-format.md), so the portion marks (up to {}) cannot be checked against it",
                        sanitize_line(c),
                        highest.name()
                    ),
                ),
                _ => (
                    Some(Pos { line: 1, column: 1 }),
                    format!(
                        "portions are marked up to {}, but the briefing declares no `classification`",
                        highest.name()
                    ),
                ),
            };
            self.problems
                .push(Diagnostic::warning(self.name, pos, message));
        }
        Some(Briefing {
            id: id?,
            title: title?,
            date,
            language,
            summary,
            classification,
            tlp,
            tags,
            sources,
            sections,
            summary_citations,
            summary_portions,
            origin,
            version: std::mem::take(&mut self.version),
            id_position,
            lines,
            partial: false,
            labels: labels.filter(|l| !l.is_empty()),
        })
    }

    /// A title: not empty, and with at least one visible character.
    fn title_text(&mut self, value: Spanned<String>, whose: &str) -> Option<String> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            self.error(&value.span(), format!("{whose} `title` is empty"));
            None
        } else if !has_visible_text(text) {
            self.error(
                &value.span(),
                format!(
                    "{whose} `title` has no visible character (only spaces, zero-width characters or direction marks)"
                ),
            );
            None
        } else {
            Some(text.to_string())
        }
    }

    fn required_text(&mut self, value: Spanned<String>, empty: &str) -> Option<String> {
        if value.get_ref().trim().is_empty() {
            self.error(&value.span(), empty);
            None
        } else {
            Some(value.get_ref().trim().to_string())
        }
    }

    fn date(&mut self, value: Spanned<RawDateValue>) -> Option<PartialDate> {
        let span = value.span();
        let parsed = match value.into_inner() {
            RawDateValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let date = PartialDate {
                        year: i16::try_from(d.year).ok(),
                        month: d.month,
                        day: Some(d.day),
                    };
                    date.validate().map(|()| date)
                }
                _ => Err("a date without a time is expected here (e.g. 2023-09-10)".to_string()),
            },
            RawDateValue::Text(s) => PartialDate::parse(&s),
            RawDateValue::Other(found) => Err(format!(
                "a date is expected here, not {found} (write 2023-09-10, \"2023-09\" or \"--09-10\")"
            )),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(&span, msg);
                None
            }
        }
    }

    fn source(
        &mut self,
        raw: Spanned<RawSource>,
        seen: &mut HashMap<String, u32>,
    ) -> Option<Source> {
        let span = raw.span();
        let raw = raw.into_inner();
        let name = match raw.name {
            Some(n) => self.required_text(n, "the source's `name` is empty"),
            None => {
                self.error(&span, "a `[[sources]]` entry needs a `name`");
                None
            }
        };
        let id = raw.id.and_then(|id| {
            let line = self.line(&id.span());
            if !is_slug(id.get_ref()) {
                let msg = format!(
                    "malformed source id `{}`: use lowercase letters, digits and single hyphens (e.g. `nyt`)",
                    sanitize_line(id.get_ref())
                );
                self.error(&id.span(), msg);
                None
            } else if let Some(first) = seen.get(id.get_ref()) {
                let msg = format!(
                    "duplicate source id `{}`: already used on line {first}",
                    id.get_ref()
                );
                self.error(&id.span(), msg);
                None
            } else {
                seen.insert(id.get_ref().clone(), line);
                Some(id.into_inner())
            }
        });
        let reliability = raw.reliability.and_then(|r| {
            let grade = Reliability::parse(r.get_ref());
            if grade.is_none() {
                let msg = format!(
                    "`{}` is not a reliability grade: write one capital letter from A (completely reliable) to F (cannot be judged)",
                    sanitize_line(r.get_ref())
                );
                self.error(&r.span(), msg);
            }
            grade
        });
        let credibility = raw.credibility.and_then(|c| {
            let span = c.span();
            let grade = match c.into_inner() {
                RawNumber::Integer(n) => {
                    Credibility::from_number(n).ok_or_else(|| format!("{n} is not a credibility grade"))
                }
                RawNumber::Other(found) => Err(format!("`credibility` is {found}")),
            };
            grade
                .map_err(|why| {
                    self.error(
                        &span,
                        format!("{why}: write a number from 1 (confirmed) to 6 (truth cannot be judged), without quotes"),
                    );
                })
                .ok()
        });
        let accessed = raw.accessed.and_then(|d| self.date(d));
        Some(Source {
            id,
            name: name?,
            url: raw.url.filter(|u| !u.trim().is_empty()),
            accessed,
            reliability,
            credibility,
            grading: raw
                .grading
                .map(Spanned::into_inner)
                .filter(|g| !g.trim().is_empty()),
        })
    }

    /// The inline citations and portion marks of a text, each checked: a citation must
    /// name a source, and a portion must not be above the declared classification.
    fn marks(
        &mut self,
        text: &str,
        origin: &TextOrigin,
        context: &mut Context,
    ) -> (Vec<InlineCitation>, Vec<Portion>) {
        let citations = find_citations(text);
        let portions = find_portions(text);
        if citations.is_empty() && portions.is_empty() {
            return (citations, portions);
        }
        let mut places: Vec<(usize, bool, usize)> = citations
            .iter()
            .enumerate()
            .map(|(i, c)| (c.range.start, true, i))
            .chain(
                portions
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.range.start, false, i)),
            )
            .collect();
        places.sort_unstable();
        let mut cursor = origin.cursor(text);
        for (at, is_citation, i) in places {
            let pos = cursor.pos(at);
            if is_citation {
                let c = &citations[i];
                if !context.known_sources.contains(&c.source) {
                    let message = format!(
                        "unknown source `{}` in the citation `[^{}]`: {}",
                        sanitize_line(&c.source),
                        sanitize_line(&c.source),
                        sources_known(context)
                    );
                    self.problems
                        .push(Diagnostic::error(self.name, Some(pos), message));
                }
            } else {
                let marking = &portions[i].marking;
                if let Some(message) = above_declared(marking, context) {
                    self.problems
                        .push(Diagnostic::error(self.name, Some(pos), message));
                }
            }
        }
        (citations, portions)
    }

    fn section(
        &mut self,
        raw: Spanned<RawSection>,
        seen: &mut HashMap<String, Pos>,
        context: &mut Context,
    ) -> Option<Section> {
        let span = raw.span();
        let line = self.pos(&span).map_or(1, |p| p.line);
        let raw = raw.into_inner();
        let title_line = raw.title.as_ref().map_or(line, |t| self.line(&t.span()));
        let title = match raw.title {
            Some(t) => self.title_text(t, "the section's"),
            None => {
                self.error(&span, "a section needs a `title`");
                None
            }
        };
        let id = match raw.id {
            Some(id) => {
                if is_slug(id.get_ref()) {
                    let pos = self.pos(&id.span());
                    Some((id.into_inner(), pos))
                } else {
                    let msg = format!(
                        "malformed section id `{}`: use lowercase letters, digits and single hyphens",
                        sanitize_line(id.get_ref())
                    );
                    self.error(&id.span(), msg);
                    None
                }
            }
            None => match title.as_deref().map(slugify) {
                Some(slug) if !slug.is_empty() => Some((slug, self.pos(&span))),
                Some(_) => {
                    self.error(
                        &span,
                        "no section `id`, and none can be made from its title: add `id = \"…\"`",
                    );
                    None
                }
                None => None,
            },
        };
        if let Some((id, pos)) = &id {
            if let Some(first) = seen.get(id) {
                let msg = format!(
                    "duplicate section id `{id}`: already used on line {}",
                    first.line
                );
                self.problems.push(Diagnostic::error(self.name, *pos, msg));
            } else if let Some(pos) = pos {
                seen.insert(id.clone(), *pos);
            }
        }
        let kind = raw.kind.and_then(|k| self.kind(k));
        let marking = raw.marking.and_then(|m| match Marking::parse(m.get_ref()) {
            Ok(marking) => {
                if let Some(message) = above_declared(&marking, context) {
                    self.error(&m.span(), message);
                }
                Some(marking)
            }
            Err(words) => {
                let msg = format!(
                    "malformed marking `{}`: {words}",
                    sanitize_line(m.get_ref())
                );
                self.error(&m.span(), msg);
                None
            }
        });
        let mut sources: Vec<String> = Vec::with_capacity(raw.sources.len());
        for s in raw.sources {
            if !context.known_sources.contains(s.get_ref()) {
                let msg = format!(
                    "unknown source `{}`: {}",
                    sanitize_line(s.get_ref()),
                    sources_known(context)
                );
                self.error(&s.span(), msg);
            } else if !sources.contains(s.get_ref()) {
                sources.push(s.into_inner());
            }
        }
        let mut dates = Vec::new();
        for raw_date in raw.dates {
            if let Some(d) = self.date_span(raw_date) {
                dates.push(d);
            }
        }
        let (body, body_origin) = match raw.body {
            Some(b) => {
                let span = b.span();
                let body = match b.into_inner() {
                    RawBody::Shared(r) => {
                        let range = self.base + r.start..self.base + r.end;
                        debug_assert!(self.source.get(range.clone()).is_some());
                        SharedText::new(self.source, range)
                    }
                    RawBody::Owned(text) => SharedText::from(text),
                };
                let origin = self.origin(&span, &body);
                (body, origin)
            }
            None => (SharedText::default(), TextOrigin::verbatim(line, 1)),
        };
        let (citations, portions) = self.marks(&body, &body_origin, context);
        let title = title?;
        let (id, _) = id?;
        let hash = content_hash_parts(&[&title, &body]);
        Some(Section {
            id,
            title,
            kind,
            body,
            body_line: body_origin.line,
            dates,
            line,
            title_line,
            body_origin,
            marking,
            sources,
            citations,
            portions,
            hash,
        })
    }

    fn kind(&mut self, k: Spanned<String>) -> Option<Kind> {
        let slug = k.get_ref().trim();
        if !is_slug(slug) {
            let msg = format!(
                "malformed kind `{}`: use a lowercase slug such as `challenges`",
                sanitize_line(slug)
            );
            self.error(&k.span(), msg);
            return None;
        }
        let kind = Kind::new(slug);
        if !kind.is_known() {
            let known: Vec<&str> = crate::domain::briefing::KNOWN_KINDS
                .iter()
                .map(|k| k.0)
                .collect();
            let msg = format!(
                "unknown section kind `{slug}` (accepted; the known kinds are {})",
                known.join(", ")
            );
            self.warning(&k.span(), msg);
        }
        Some(kind)
    }

    fn date_span(&mut self, raw: Spanned<RawDate>) -> Option<DateSpan> {
        let span = raw.span();
        let raw = raw.into_inner();
        let Some(from_raw) = raw.from else {
            self.error(&span, "a `[[sections.dates]]` entry needs a `from` date");
            return None;
        };
        let to_span = raw.to.as_ref().map(Spanned::span);
        let from = self.date(from_raw);
        let to = raw.to.and_then(|t| self.date(t));
        if let (Some(f), Some(t), Some(to_span)) = (from, to, to_span) {
            match f.compare(&t) {
                Some(std::cmp::Ordering::Greater) => {
                    let msg = format!(
                        "the range runs backwards: `from` {} is after `to` {}",
                        f.to_iso(),
                        t.to_iso()
                    );
                    self.error(&to_span, msg);
                    return None;
                }
                None => {
                    self.error(
                        &to_span,
                        "`from` and `to` must both state the year, or both leave it out",
                    );
                    return None;
                }
                _ => {}
            }
        }
        let confidence = raw.confidence.and_then(|c| {
            if is_slug(c.get_ref()) {
                Some(c.into_inner())
            } else {
                let msg = format!(
                    "malformed confidence `{}`: use a lowercase word such as `reported`",
                    sanitize_line(c.get_ref())
                );
                self.error(&c.span(), msg);
                None
            }
        });
        Some(DateSpan {
            from: from?,
            to,
            label: raw.label.filter(|l| !l.trim().is_empty()),
            confidence,
        })
    }
}

/// The end of a message about an unknown source id: the ids there are.
fn sources_known(context: &Context) -> String {
    if context.source_ids.is_empty() {
        "no `[[sources]]` entry has an `id`".to_string()
    } else {
        format!(
            "no `[[sources]]` entry has this `id` (the ids are {})",
            short_list(context.source_ids.iter().map(String::as_str))
        )
    }
}

/// The error for a marking above the declared classification (and the highest level
/// met, noted for the message given when the classification is not recognised).
fn above_declared(marking: &Marking, context: &mut Context) -> Option<String> {
    context.highest = context.highest.max(Some(marking.level));
    let declared = context.declared?;
    (marking.level > declared).then(|| {
        format!(
            "the portion marked {} is {}, above the briefing's classification `{}` ({})",
            marking.portion(),
            marking.level.name(),
            sanitize_line(context.classification.as_deref().unwrap_or("")),
            declared.name(),
        )
    })
}

/// A loose BCP 47 check: a 2–3 letter language, then subtags of 1–8 letters or digits.
pub(super) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(lang) = parts.next() else {
        return false;
    };
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
