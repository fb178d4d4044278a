//! Labels that belong to the document: drawn as part of a briefing, they follow the
//! briefing's own `language`, not the interface's — section kinds and their badges,
//! "Bottom line", "Sources", "not stated", "accessed {date}", confidence words. A
//! briefing may override any of them in a `[labels]` table, parsed here for the
//! loader. Must not depend on terminal crates.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::briefing::Kind;
use crate::domain::date::{DateSpan, PartialDate};
use crate::domain::text::{display_width, is_slug, sanitize, sanitize_line};

use super::{Args, Lang, t, t_args};

/// A label drawn as part of a briefing, overridable in its `[labels]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocLabel {
    /// The outline's first entry, the briefing's front matter (`Overview`).
    Overview,
    /// The heading of the summary (`Bottom line`).
    BottomLine,
    /// The label of the briefing's date.
    Date,
    /// Shown for a briefing without a date (`not stated`).
    DateNotStated,
    /// The label of the briefing's language.
    Language,
    /// The label of the number of sections.
    Sections,
    /// The label of the tags.
    Tags,
    /// The label of the sources.
    Sources,
    /// When a source was consulted: `accessed {date}`.
    Accessed,
}

impl DocLabel {
    /// Every label, in the order of the overview.
    pub const ALL: [DocLabel; 9] = [
        DocLabel::Overview,
        DocLabel::BottomLine,
        DocLabel::Date,
        DocLabel::DateNotStated,
        DocLabel::Language,
        DocLabel::Sections,
        DocLabel::Tags,
        DocLabel::Sources,
        DocLabel::Accessed,
    ];

    /// Its key in a briefing's `[labels]` table (`bottom-line`).
    pub fn key(self) -> &'static str {
        match self {
            DocLabel::Overview => "overview",
            DocLabel::BottomLine => "bottom-line",
            DocLabel::Date => "date",
            DocLabel::DateNotStated => "date-not-stated",
            DocLabel::Language => "language",
            DocLabel::Sections => "sections",
            DocLabel::Tags => "tags",
            DocLabel::Sources => "sources",
            DocLabel::Accessed => "accessed",
        }
    }

    /// Its message id in the catalogues (`doc-bottom-line`).
    pub fn message_id(self) -> &'static str {
        match self {
            DocLabel::Overview => "doc-overview",
            DocLabel::BottomLine => "doc-bottom-line",
            DocLabel::Date => "doc-date",
            DocLabel::DateNotStated => "doc-date-not-stated",
            DocLabel::Language => "doc-language",
            DocLabel::Sections => "doc-sections",
            DocLabel::Tags => "doc-tags",
            DocLabel::Sources => "doc-sources",
            DocLabel::Accessed => "doc-accessed",
        }
    }
}

/// The known kinds' messages: (slug, label id, badge id), in the order of
/// [`crate::domain::briefing::KNOWN_KINDS`] (a test checks it).
pub(crate) const KIND_MESSAGES: [(&str, &str, &str); 9] = [
    ("context", "kind-context", "kind-badge-context"),
    ("objectives", "kind-objectives", "kind-badge-objectives"),
    (
        "military-cooperation",
        "kind-military-cooperation",
        "kind-badge-military-cooperation",
    ),
    ("interests", "kind-interests", "kind-badge-interests"),
    ("technology", "kind-technology", "kind-badge-technology"),
    ("challenges", "kind-challenges", "kind-badge-challenges"),
    (
        "implications",
        "kind-implications",
        "kind-badge-implications",
    ),
    (
        "possible-dates",
        "kind-possible-dates",
        "kind-badge-possible-dates",
    ),
    ("assessment", "kind-assessment", "kind-badge-assessment"),
];

/// The confidence words the catalogues know: (slug, message id).
pub(crate) const CONFIDENCE_MESSAGES: [(&str, &str); 4] = [
    ("confirmed", "confidence-confirmed"),
    ("reported", "confidence-reported"),
    ("speculative", "confidence-speculative"),
    ("unconfirmed", "confidence-unconfirmed"),
];

/// A section kind's label in `lang`: `Military cooperation` / `Coopération
/// militaire`; a kind outside the known vocabulary reads as its slug in words.
pub fn kind_label(kind: &str, lang: Lang) -> String {
    match KIND_MESSAGES.iter().find(|(slug, _, _)| *slug == kind) {
        Some((_, id, _)) => t(lang, id),
        None => Kind::new(kind).label(),
    }
}

/// A section kind's badge in `lang`, three columns at most: `MIL`; French has its own
/// where the English letters mean nothing (`DÉF` for challenges, `ÉVA` for assessment).
pub fn kind_badge(kind: &str, lang: Lang) -> String {
    match KIND_MESSAGES.iter().find(|(slug, _, _)| *slug == kind) {
        Some((_, _, id)) => t(lang, id),
        None => Kind::new(kind).badge(),
    }
}

/// A confidence slug in words in `lang`: `reported` → `reported` / `rapportée`;
/// others as the slug in words, sanitised.
pub fn confidence_label(confidence: &str, lang: Lang) -> String {
    match CONFIDENCE_MESSAGES
        .iter()
        .find(|(slug, _)| *slug == confidence)
    {
        Some((_, id)) => t(lang, id),
        None => sanitize_line(&confidence.replace('-', " ")).into_owned(),
    }
}

/// What a briefing's `[labels]` table changes, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelOverrides {
    /// The document labels it replaces.
    pub labels: BTreeMap<DocLabel, String>,
    /// Kind slug → label (for known kinds, or to name a kind of the briefing's own).
    pub kinds: BTreeMap<String, String>,
    /// Kind slug → badge (three columns at most).
    pub badges: BTreeMap<String, String>,
    /// Confidence slug → words.
    pub confidence: BTreeMap<String, String>,
}

impl LabelOverrides {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
            && self.kinds.is_empty()
            && self.badges.is_empty()
            && self.confidence.is_empty()
    }
}

/// The labels of one document: its language's catalogue, with its overrides on top.
#[derive(Debug, Clone, Copy)]
pub struct DocLabels<'a> {
    lang: Lang,
    overrides: Option<&'a LabelOverrides>,
}

impl<'a> DocLabels<'a> {
    /// The labels of a document in `lang` (see [`Lang::for_document`]), with the
    /// briefing's overrides if it has any.
    pub fn new(lang: Lang, overrides: Option<&'a LabelOverrides>) -> Self {
        DocLabels { lang, overrides }
    }

    /// The document's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn overridden(
        &self,
        pick: impl FnOnce(&'a LabelOverrides) -> Option<&'a String>,
    ) -> Option<String> {
        self.overrides
            .and_then(pick)
            .map(|s| sanitize_line(s).into_owned())
    }

    /// A label (for [`DocLabel::Accessed`], see [`DocLabels::accessed`]).
    pub fn get(&self, label: DocLabel) -> String {
        self.overridden(|o| o.labels.get(&label))
            .unwrap_or_else(|| match label {
                DocLabel::Accessed => self.accessed_template(),
                _ => t(self.lang, label.message_id()),
            })
    }

    fn accessed_template(&self) -> String {
        t_args(
            self.lang,
            DocLabel::Accessed.message_id(),
            &Args::new().with("date", "{date}"),
        )
    }

    /// When a source was consulted: `accessed 24 Nov 2026` / `consulté le 24 nov. 2026`.
    pub fn accessed(&self, date: &PartialDate) -> String {
        let date = super::format_partial_date(date, self.lang);
        match self.overridden(|o| o.labels.get(&DocLabel::Accessed)) {
            Some(template) => template.replacen("{date}", &date, 1),
            None => t_args(
                self.lang,
                DocLabel::Accessed.message_id(),
                &Args::new().with("date", date.as_str()),
            ),
        }
    }

    /// The briefing's date in the document's language, or `not stated`.
    pub fn date_or_not_stated(&self, date: Option<&PartialDate>) -> String {
        match date {
            Some(d) => super::format_partial_date(d, self.lang),
            None => self.get(DocLabel::DateNotStated),
        }
    }

    /// A section kind's label.
    pub fn kind_label(&self, kind: &str) -> String {
        self.overridden(|o| o.kinds.get(kind))
            .unwrap_or_else(|| kind_label(kind, self.lang))
    }

    /// A section kind's badge.
    pub fn kind_badge(&self, kind: &str) -> String {
        self.overridden(|o| o.badges.get(kind))
            .unwrap_or_else(|| kind_badge(kind, self.lang))
    }

    /// A confidence slug in words.
    pub fn confidence(&self, confidence: &str) -> String {
        self.overridden(|o| o.confidence.get(confidence))
            .unwrap_or_else(|| confidence_label(confidence, self.lang))
    }

    /// A structured date's range (see [`super::format_span`]).
    pub fn span(&self, span: &DateSpan) -> String {
        super::format_span(span, self.lang)
    }

    /// A structured date with its label and confidence (see [`super::describe_span`]).
    pub fn describe(&self, span: &DateSpan) -> String {
        super::describe_span(span, self)
    }
}

/// A briefing's `[labels]` table as written, with positions, for [`validate_labels`].
///
/// ```toml
/// [labels]
/// bottom-line = "Key judgements"
/// accessed = "consulted on {date}"
///
/// [labels.kinds]
/// military-cooperation = "Defence cooperation"
/// us-motives = "US motives"          # a kind of this briefing's own
///
/// [labels.badges]
/// us-motives = "USM"
///
/// [labels.confidence]
/// reported = "per press reports"
/// ```
///
/// The loader adds `labels: Option<RawLabels>` to its raw briefing (TOML, and the
/// Markdown front matter), and calls [`validate_labels`]. An unknown key is a TOML
/// error at its position, like any other.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawLabels {
    overview: Option<Spanned<String>>,
    bottom_line: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    date_not_stated: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    sections: Option<Spanned<String>>,
    tags: Option<Spanned<String>>,
    sources: Option<Spanned<String>>,
    accessed: Option<Spanned<String>>,
    #[serde(default)]
    kinds: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    badges: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    confidence: BTreeMap<Spanned<String>, Spanned<String>>,
}

impl RawLabels {
    /// The keys of a `[labels]` table: one per label, then the three tables.
    pub const KEYS: [&'static str; 12] = [
        "overview",
        "bottom-line",
        "date",
        "date-not-stated",
        "language",
        "sections",
        "tags",
        "sources",
        "accessed",
        "kinds",
        "badges",
        "confidence",
    ];

    /// Sets a label (`key` one of [`DocLabel::key`]); `false` for another key.
    pub fn put_label(&mut self, key: &str, value: Spanned<String>) -> bool {
        let slot = match DocLabel::ALL.into_iter().find(|l| l.key() == key) {
            Some(DocLabel::Overview) => &mut self.overview,
            Some(DocLabel::BottomLine) => &mut self.bottom_line,
            Some(DocLabel::Date) => &mut self.date,
            Some(DocLabel::DateNotStated) => &mut self.date_not_stated,
            Some(DocLabel::Language) => &mut self.language,
            Some(DocLabel::Sections) => &mut self.sections,
            Some(DocLabel::Tags) => &mut self.tags,
            Some(DocLabel::Sources) => &mut self.sources,
            Some(DocLabel::Accessed) => &mut self.accessed,
            None => return false,
        };
        *slot = Some(value);
        true
    }

    /// Adds an entry of `[labels.kinds]`, `[labels.badges]` or `[labels.confidence]`;
    /// `false` for another table.
    pub fn put_entry(&mut self, table: &str, key: Spanned<String>, value: Spanned<String>) -> bool {
        let entries = match table {
            "kinds" => &mut self.kinds,
            "badges" => &mut self.badges,
            "confidence" => &mut self.confidence,
            _ => return false,
        };
        entries.insert(key, value);
        true
    }

    fn label(&mut self, label: DocLabel) -> Option<Spanned<String>> {
        match label {
            DocLabel::Overview => self.overview.take(),
            DocLabel::BottomLine => self.bottom_line.take(),
            DocLabel::Date => self.date.take(),
            DocLabel::DateNotStated => self.date_not_stated.take(),
            DocLabel::Language => self.language.take(),
            DocLabel::Sections => self.sections.take(),
            DocLabel::Tags => self.tags.take(),
            DocLabel::Sources => self.sources.take(),
            DocLabel::Accessed => self.accessed.take(),
        }
    }
}

/// Something wrong in a `[labels]` table: where (a byte range of the text that was
/// parsed, as `toml::Spanned` gives it) and what, in words. Every problem is an error:
/// the loader reports it at its line and column and does not load the briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelProblem {
    /// The byte range of the offending key or value.
    pub span: Range<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Checks a `[labels]` table: every label one line of text, not empty; kind and
/// confidence keys lowercase slugs; badges one to three columns; `accessed` saying
/// where the date goes with `{date}`, once. Returns what is valid, and the problems.
pub fn validate_labels(mut raw: RawLabels) -> (LabelOverrides, Vec<LabelProblem>) {
    let mut out = LabelOverrides::default();
    let mut problems = Vec::new();
    for label in DocLabel::ALL {
        let Some(value) = raw.label(label) else {
            continue;
        };
        let name = format!("label `{}`", label.key());
        let Some(text) = one_line(&value, &name, &mut problems) else {
            continue;
        };
        if label == DocLabel::Accessed && text.matches("{date}").count() != 1 {
            problems.push(LabelProblem {
                span: value.span(),
                message: "the `accessed` label must say where the date goes, once: e.g. \
                          \"consulted on {date}\""
                    .into(),
            });
            continue;
        }
        out.labels.insert(label, text);
    }
    let tables = [
        ("kinds", std::mem::take(&mut raw.kinds)),
        ("badges", std::mem::take(&mut raw.badges)),
        ("confidence", std::mem::take(&mut raw.confidence)),
    ];
    for (table, entries) in tables {
        for (key, value) in entries {
            if !is_slug(key.get_ref()) {
                let what = if table == "confidence" {
                    "a confidence word such as `reported`"
                } else {
                    "a kind such as `military-cooperation`"
                };
                problems.push(LabelProblem {
                    span: key.span(),
                    message: format!(
                        "`{}` in [labels.{table}] is not a lowercase slug: write {what}",
                        sanitize_line(key.get_ref())
                    ),
                });
                continue;
            }
            let name = format!("[labels.{table}] `{}`", key.get_ref());
            let Some(text) = one_line(&value, &name, &mut problems) else {
                continue;
            };
            let target = match table {
                "kinds" => &mut out.kinds,
                "badges" => {
                    let width = display_width(&text);
                    if width > 3 {
                        problems.push(LabelProblem {
                            span: value.span(),
                            message: format!(
                                "the badge for `{}` is {width} columns wide: a badge has three at most",
                                key.get_ref()
                            ),
                        });
                        continue;
                    }
                    &mut out.badges
                }
                _ => &mut out.confidence,
            };
            target.insert(key.into_inner(), text);
        }
    }
    (out, problems)
}

/// The trimmed text of a label, or a problem when it is empty or not one line.
fn one_line(
    value: &Spanned<String>,
    name: &str,
    problems: &mut Vec<LabelProblem>,
) -> Option<String> {
    let text = value.get_ref().trim();
    let message = if text.is_empty() {
        format!("{name} is empty: leave it out to keep the default")
    } else if text.contains(['\n', '\r', '\t']) {
        format!("{name} must be one line: no line break or tab")
    } else if sanitize(text) != text {
        format!("{name} contains a control or invisible character: write plain text")
    } else {
        return Some(text.to_owned());
    };
    problems.push(LabelProblem {
        span: value.span(),
        message,
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_messages_follow_the_known_kinds() {
        let known: Vec<&str> = crate::domain::briefing::KNOWN_KINDS
            .iter()
            .map(|k| k.0)
            .collect();
        let ours: Vec<&str> = KIND_MESSAGES.iter().map(|k| k.0).collect();
        assert_eq!(ours, known);
    }

    #[test]
    fn every_id_the_tables_name_is_in_every_catalogue() {
        let ids = DocLabel::ALL
            .iter()
            .map(|l| l.message_id())
            .chain(KIND_MESSAGES.iter().flat_map(|k| [k.1, k.2]))
            .chain(CONFIDENCE_MESSAGES.iter().map(|c| c.1));
        for id in ids {
            for lang in Lang::ALL {
                assert!(
                    super::super::catalog().has(lang, id),
                    "{id} missing in {lang}"
                );
            }
        }
    }

    #[test]
    fn every_doc_label_has_a_key_the_table_accepts() {
        let mut text = String::new();
        for label in DocLabel::ALL {
            let value = if label == DocLabel::Accessed {
                "seen {date}"
            } else {
                "x"
            };
            text.push_str(&format!("{} = \"{value}\"\n", label.key()));
        }
        let raw: RawLabels = toml::from_str(&text).expect("every key is accepted");
        let (labels, problems) = validate_labels(raw);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(labels.labels.len(), DocLabel::ALL.len());
    }
}
