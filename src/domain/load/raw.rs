//! The raw form of a briefing: the parsed TOML document walked key by key into the
//! fields the validator checks. Every problem of the document's shape is collected
//! (every unknown key, every value of the wrong type) instead of stopping at the first,
//! and every value keeps its span. Must not depend on terminal crates.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A problem of shape (always an error), at a span of the text walked.
pub(crate) struct RawProblem {
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
}

/// A date as written: a TOML date, a string, or a value of another type (in words).
pub(crate) enum RawDateValue {
    Datetime(toml::value::Datetime),
    Text(String),
    Other(&'static str),
}

/// The whole briefing. Spans count bytes from the start of the text that was parsed
/// (the validator adds where that text starts in the file).
#[derive(Default)]
pub(crate) struct RawBriefing {
    pub(crate) title: Option<Spanned<String>>,
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) date: Option<Spanned<RawDateValue>>,
    pub(crate) language: Option<Spanned<String>>,
    pub(crate) summary: Option<Spanned<String>>,
    pub(crate) classification: Option<Spanned<String>>,
    pub(crate) tlp: Option<Spanned<String>>,
    pub(crate) tags: Vec<Spanned<String>>,
    /// Where `tags = […]` is written.
    pub(crate) tags_span: Option<Range<usize>>,
    pub(crate) sources: Vec<Spanned<RawSource>>,
    pub(crate) sections: Vec<Spanned<RawSection>>,
    /// Markdown front matter only: the `[[dates]]` entries, with their section.
    pub(crate) front_dates: Vec<Spanned<RawFrontDate>>,
    /// The `[labels]` table, validated (its problems are in `problems`).
    pub(crate) labels: Option<crate::domain::i18n::LabelOverrides>,
    /// Problems of shape found while walking.
    pub(crate) problems: Vec<RawProblem>,
}

#[derive(Default)]
pub(crate) struct RawSource {
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) name: Option<Spanned<String>>,
    pub(crate) url: Option<String>,
    pub(crate) accessed: Option<Spanned<RawDateValue>>,
    pub(crate) reliability: Option<Spanned<String>>,
    pub(crate) credibility: Option<Spanned<RawNumber>>,
    pub(crate) grading: Option<Spanned<String>>,
}

/// A whole number, or the type of what was written instead.
pub(crate) enum RawNumber {
    Integer(i64),
    Other(&'static str),
}

#[derive(Default)]
pub(crate) struct RawSection {
    pub(crate) title: Option<Spanned<String>>,
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) body: Option<Spanned<RawBody>>,
    pub(crate) dates: Vec<Spanned<RawDate>>,
    pub(crate) sources: Vec<Spanned<String>>,
    pub(crate) marking: Option<Spanned<String>>,
}

/// A body's text: where it lies, verbatim, in the text the spans count from (so that
/// it can be shared with the file instead of copied), or a string of its own (a string
/// with escapes, whose value is not written as such in the file).
pub(crate) enum RawBody {
    Shared(Range<usize>),
    Owned(String),
}

#[derive(Default)]
pub(crate) struct RawDate {
    pub(crate) from: Option<Spanned<RawDateValue>>,
    pub(crate) to: Option<Spanned<RawDateValue>>,
    pub(crate) label: Option<String>,
    pub(crate) confidence: Option<Spanned<String>>,
}

/// A Markdown front matter `[[dates]]` entry: a date and the id of its section.
pub(crate) struct RawFrontDate {
    pub(crate) section: Option<Spanned<String>>,
    pub(crate) date: RawDate,
}

/// Which document is walked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A TOML briefing: `[[sections]]`.
    Toml,
    /// The front matter of a Markdown briefing: `[[dates]]`, no `sections`.
    FrontMatter,
}

const BRIEFING_KEYS: [&str; 11] = [
    "title",
    "id",
    "date",
    "language",
    "summary",
    "classification",
    "tlp",
    "tags",
    "sources",
    "sections",
    "labels",
];
/// The front matter of a Markdown briefing: `dates` in place of `sections`.
const FRONT_MATTER_KEYS: [&str; 11] = [
    "title",
    "id",
    "date",
    "language",
    "summary",
    "classification",
    "tlp",
    "tags",
    "sources",
    "dates",
    "labels",
];
const SOURCE_KEYS: [&str; 7] = [
    "id",
    "name",
    "url",
    "accessed",
    "reliability",
    "credibility",
    "grading",
];
const SECTION_KEYS: [&str; 7] = ["title", "id", "kind", "body", "dates", "sources", "marking"];
const DATE_KEYS: [&str; 4] = ["from", "to", "label", "confidence"];
const FRONT_DATE_KEYS: [&str; 5] = ["section", "from", "to", "label", "confidence"];

/// A value's type in words: `a string`, `a list`.
pub(crate) fn type_words(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Walks one parsed document (or piece of one) into raw fields.
pub(crate) struct Walker {
    /// Where the walked text starts, in the text spans count from.
    base: usize,
    /// The address and length of the text spans count from, to tell where a string the
    /// parser borrowed from it lies (see [`RawBody`]).
    whole: (usize, usize),
    pub(crate) problems: Vec<RawProblem>,
}

impl Walker {
    /// A walker of a piece of `whole` (the text spans count from) that starts at byte
    /// `base` of it.
    pub(crate) fn new(base: usize, whole: &str) -> Self {
        Walker {
            base,
            whole: (whole.as_ptr() as usize, whole.len()),
            problems: Vec::new(),
        }
    }

    /// Where `s`, a string the parser borrowed from the text, lies in `whole`; `None`
    /// for a string that is not part of it.
    fn place(&self, s: &str) -> Option<Range<usize>> {
        let start = (s.as_ptr() as usize).checked_sub(self.whole.0)?;
        let end = start.checked_add(s.len())?;
        (end <= self.whole.1).then_some(start..end)
    }

    /// A section's body: shared with the text where it is written verbatim.
    fn body(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<Spanned<RawBody>> {
        let span = value.span();
        match value.into_inner() {
            DeValue::String(std::borrow::Cow::Borrowed(s)) => {
                let body = match self.place(s) {
                    Some(range) => RawBody::Shared(range),
                    None => RawBody::Owned(s.to_owned()),
                };
                Some(Spanned::new(self.at(span), body))
            }
            DeValue::String(std::borrow::Cow::Owned(s)) => {
                Some(Spanned::new(self.at(span), RawBody::Owned(s)))
            }
            other => {
                let found = type_words(&other);
                self.error(span, format!("`{key}`: expected a string, found {found}"));
                None
            }
        }
    }

    fn at(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        let span = self.at(span);
        self.problems.push(RawProblem { span, message });
    }

    /// The known keys of a table, each with its value; every other key is reported.
    fn fields<'i>(
        &mut self,
        table: DeTable<'i>,
        what: &str,
        known: &[&str],
    ) -> Vec<(String, Spanned<DeValue<'i>>)> {
        let mut fields = Vec::with_capacity(table.len());
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                fields.push((name.to_string(), value));
            } else {
                let mut message = format!(
                    "unknown field `{}` in {what}: the fields are {}",
                    crate::domain::text::sanitize_line(name),
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                if let Some(near) = closest(name, known) {
                    message.push_str(&format!(" (did you mean `{near}`?)"));
                }
                self.error(key.span(), message);
            }
        }
        // The map is sorted by key: walk the fields in the order they are written.
        fields.sort_by_key(|(_, v)| v.span().start);
        fields
    }

    fn string(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<Spanned<String>> {
        let span = value.span();
        match value.into_inner() {
            DeValue::String(s) => Some(Spanned::new(self.at(span), s.into_owned())),
            other => {
                let found = type_words(&other);
                self.error(span, format!("`{key}`: expected a string, found {found}"));
                None
            }
        }
    }

    fn date(&mut self, value: Spanned<DeValue<'_>>) -> Spanned<RawDateValue> {
        let span = self.at(value.span());
        let date = match value.into_inner() {
            DeValue::Datetime(d) => RawDateValue::Datetime(d),
            DeValue::String(s) => RawDateValue::Text(s.into_owned()),
            other => RawDateValue::Other(type_words(&other)),
        };
        Spanned::new(span, date)
    }

    /// A list of strings; elements of another type are reported and left out.
    fn strings(
        &mut self,
        key: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Option<(Range<usize>, Vec<Spanned<String>>)> {
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    if let Some(s) = self.string(key, item) {
                        out.push(s);
                    }
                }
                Some((self.at(span), out))
            }
            other => {
                let found = type_words(&other);
                self.error(
                    span,
                    format!("`{key}`: expected a list of strings, found {found}"),
                );
                None
            }
        }
    }

    /// A list of tables (`[[key]]`), each with its span.
    fn tables<'i>(
        &mut self,
        key: &str,
        value: Spanned<DeValue<'i>>,
    ) -> Vec<(Range<usize>, DeTable<'i>)> {
        let span = value.span();
        let mut out = Vec::new();
        match value.into_inner() {
            DeValue::Array(items) => {
                for item in items {
                    let span = item.span();
                    match item.into_inner() {
                        DeValue::Table(t) => out.push((span, t)),
                        other => {
                            let found = type_words(&other);
                            self.error(
                                span,
                                format!("`{key}`: expected a list of tables (`[[{key}]]`), found {found} in it"),
                            );
                        }
                    }
                }
            }
            other => {
                let found = type_words(&other);
                self.error(
                    span,
                    format!("`{key}`: expected a list of tables (`[[{key}]]`), found {found}"),
                );
            }
        }
        out
    }

    /// Walks a whole document.
    pub(crate) fn briefing(&mut self, mut root: DeTable<'_>, layout: Layout) -> RawBriefing {
        let mut raw = RawBriefing::default();
        let known: &[&str] = match layout {
            Layout::Toml => &BRIEFING_KEYS,
            Layout::FrontMatter => {
                if let Some(sections) = root.remove("sections") {
                    self.error(
                        sections.span(),
                        "no `sections` in the front matter of a Markdown briefing: each `## Heading` starts a section".into(),
                    );
                }
                &FRONT_MATTER_KEYS
            }
        };
        let what = match layout {
            Layout::Toml => "the briefing",
            Layout::FrontMatter => "the front matter",
        };
        for (key, value) in self.fields(root, what, known) {
            match key.as_str() {
                "title" => raw.title = self.string(&key, value),
                "id" => raw.id = self.string(&key, value),
                "date" => raw.date = Some(self.date(value)),
                "language" => raw.language = self.string(&key, value),
                "summary" => raw.summary = self.string(&key, value),
                "classification" => raw.classification = self.string(&key, value),
                "tlp" => raw.tlp = self.string(&key, value),
                "tags" => {
                    if let Some((span, tags)) = self.strings(&key, value) {
                        raw.tags_span = Some(span);
                        raw.tags = tags;
                    }
                }
                "sources" => {
                    for (span, table) in self.tables(&key, value) {
                        let source = self.source(table);
                        raw.sources.push(Spanned::new(self.at(span), source));
                    }
                }
                "sections" => raw.sections = self.sections(value),
                "labels" => raw.labels = self.labels(value),
                _ => {
                    for (span, table) in self.tables(&key, value) {
                        let mut section = None;
                        let mut date = RawDate::default();
                        for (k, v) in self.fields(table, "a `[[dates]]` entry", &FRONT_DATE_KEYS) {
                            if k == "section" {
                                section = self.string(&k, v);
                            } else {
                                self.date_field(&mut date, &k, v);
                            }
                        }
                        raw.front_dates
                            .push(Spanned::new(self.at(span), RawFrontDate { section, date }));
                    }
                }
            }
        }
        raw.problems = std::mem::take(&mut self.problems);
        raw
    }

    /// The `[labels]` table: labels, and the `kinds`, `badges` and `confidence` tables,
    /// validated; every problem at its key or value.
    fn labels(
        &mut self,
        value: Spanned<DeValue<'_>>,
    ) -> Option<crate::domain::i18n::LabelOverrides> {
        use crate::domain::i18n::{RawLabels, validate_labels};
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.error(span, "`labels`: expected a table (`[labels]`)".into());
            return None;
        };
        let mut raw = RawLabels::default();
        for (key, value) in self.fields(table, "`[labels]`", &RawLabels::KEYS) {
            if matches!(key.as_str(), "kinds" | "badges" | "confidence") {
                let span = value.span();
                let DeValue::Table(entries) = value.into_inner() else {
                    self.error(
                        span,
                        format!("`{key}`: expected a table (`[labels.{key}]`)"),
                    );
                    continue;
                };
                for (name, text) in entries {
                    let at = self.at(name.span());
                    let name = name.into_inner().into_owned();
                    if let Some(text) = self.string(&name, text) {
                        raw.put_entry(&key, Spanned::new(at, name), text);
                    }
                }
            } else if let Some(text) = self.string(&key, value) {
                raw.put_label(&key, text);
            }
        }
        let (labels, problems) = validate_labels(raw);
        // Spans are already where the text is in the file (see `Self::at`).
        self.problems
            .extend(problems.into_iter().map(|p| RawProblem {
                span: p.span,
                message: p.message,
            }));
        Some(labels)
    }

    /// The `sections` list of tables.
    pub(crate) fn sections(&mut self, value: Spanned<DeValue<'_>>) -> Vec<Spanned<RawSection>> {
        let mut out = Vec::new();
        for (span, table) in self.tables("sections", value) {
            let section = self.section(table);
            out.push(Spanned::new(self.at(span), section));
        }
        out
    }

    fn source(&mut self, table: DeTable<'_>) -> RawSource {
        let mut raw = RawSource::default();
        for (key, value) in self.fields(table, "a `[[sources]]` entry", &SOURCE_KEYS) {
            match key.as_str() {
                "id" => raw.id = self.string(&key, value),
                "name" => raw.name = self.string(&key, value),
                "url" => raw.url = self.string(&key, value).map(Spanned::into_inner),
                "accessed" => raw.accessed = Some(self.date(value)),
                "reliability" => raw.reliability = self.string(&key, value),
                "credibility" => {
                    let span = self.at(value.span());
                    let number = match value.into_inner() {
                        DeValue::Integer(i) => i
                            .as_str()
                            .parse::<i64>()
                            .ok()
                            .filter(|_| i.radix() == 10)
                            .map_or(
                                RawNumber::Other("a number in another base"),
                                RawNumber::Integer,
                            ),
                        other => RawNumber::Other(type_words(&other)),
                    };
                    raw.credibility = Some(Spanned::new(span, number));
                }
                _ => raw.grading = self.string(&key, value),
            }
        }
        raw
    }

    fn section(&mut self, table: DeTable<'_>) -> RawSection {
        let mut raw = RawSection::default();
        for (key, value) in self.fields(table, "a section", &SECTION_KEYS) {
            match key.as_str() {
                "title" => raw.title = self.string(&key, value),
                "id" => raw.id = self.string(&key, value),
                "kind" => raw.kind = self.string(&key, value),
                "body" => raw.body = self.body(&key, value),
                "marking" => raw.marking = self.string(&key, value),
                "sources" => {
                    raw.sources = self
                        .strings(&key, value)
                        .map(|(_, s)| s)
                        .unwrap_or_default();
                }
                _ => {
                    for (span, table) in self.tables("sections.dates", value) {
                        let mut date = RawDate::default();
                        for (k, v) in self.fields(table, "a `[[sections.dates]]` entry", &DATE_KEYS)
                        {
                            self.date_field(&mut date, &k, v);
                        }
                        raw.dates.push(Spanned::new(self.at(span), date));
                    }
                }
            }
        }
        raw
    }

    fn date_field(&mut self, date: &mut RawDate, key: &str, value: Spanned<DeValue<'_>>) {
        match key {
            "from" => date.from = Some(self.date(value)),
            "to" => date.to = Some(self.date(value)),
            "label" => date.label = self.string(key, value).map(Spanned::into_inner),
            _ => date.confidence = self.string(key, value),
        }
    }
}

/// The known key closest to a misspelt one (at most two edits away).
fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    if name.len() > 40 {
        return None;
    }
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_keys_get_a_suggestion() {
        assert_eq!(closest("kynd", &SECTION_KEYS), Some("kind"));
        assert_eq!(closest("summray", &BRIEFING_KEYS), Some("summary"));
        assert_eq!(closest("zzzzzz", &BRIEFING_KEYS), None);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
