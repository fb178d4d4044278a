//! Reading W3C Web Annotations back into notes and bookmarks: a collection whose page is
//! embedded, a page, or one annotation. Must not depend on terminal crates.
//!
//! An annotation brief wrote comes back exactly, from its `brief:` properties. One
//! written elsewhere on a brief briefing (its target's source is
//! `urn:brief:briefing:<id>` and it quotes the passage with a `TextQuoteSelector`) comes
//! in too, keyed by its own IRI, anchored by its quote alone (brief finds the passage
//! again when the briefing is read); anything else is passed over and counted. The JSON
//! shapes the model allows (one value or an array, an IRI or an object) are read as
//! they stream, so errors keep their line and column.

use std::fmt;
use std::marker::PhantomData;

use jiff::Timestamp;
use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::super::ImportError;
use super::super::interop_import::{Imported, ImportedItem};
use super::super::json::json_error;
use super::BRIEFING_IRI;
use crate::domain::annotation::{Anchor, Bookmark, Note, tags_of};

// ---------------------------------------------------------------------------------------
// The shapes JSON-LD allows
// ---------------------------------------------------------------------------------------

/// A property that may hold one value or an array of them.
struct OneOrMany<T>(Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or an array of values")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(StrDeserializer::<E>::new(v)).map(|t| OneOrMany(vec![t]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| OneOrMany(vec![t]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany)
            }
            // JSON-LD reads `null` as no value.
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl OneOrMany<String> {
    fn has(&self, word: &str) -> bool {
        self.0.iter().any(|w| w == word)
    }
}

/// A resource given by its IRI alone, or described by an object.
enum IriOr<T> {
    Iri(String),
    Object(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for IriOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = IriOr<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an IRI or an object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(IriOr::Iri(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(IriOr::Object)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

// ---------------------------------------------------------------------------------------
// The documents
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct TypeProbe {
    #[serde(rename = "type", default)]
    kind: OneOrMany<String>,
}

#[derive(Deserialize)]
struct CollectionIn {
    #[serde(default, deserialize_with = "embedded_page")]
    first: Option<PageIn>,
}

/// The collection's first page, which must be in the file: a link to it is refused
/// where it is written, rather than importing nothing without a word.
fn embedded_page<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PageIn>, D::Error> {
    match IriOr::<PageIn>::deserialize(d)? {
        IriOr::Object(page) => Ok(Some(page)),
        IriOr::Iri(_) => Err(de::Error::custom(
            "the collection's first page is not in the file (`first` is a link): brief reads the annotations written in the file",
        )),
    }
}

#[derive(Deserialize)]
struct PageIn {
    #[serde(default)]
    items: Vec<AnnotationIn>,
    #[serde(rename = "next", default, deserialize_with = "no_next_page")]
    _next: (),
}

/// A `next` page means annotations that are not in the file: refused where it is
/// written, rather than importing part of a collection without a word.
fn no_next_page<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    IgnoredAny::deserialize(d)?;
    Err(de::Error::custom(
        "the collection goes on in another page (`next`): brief reads the annotations written in the file, so give it one page holding them all",
    ))
}

#[derive(Deserialize)]
struct AnnotationIn {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    motivation: OneOrMany<String>,
    #[serde(default)]
    created: Option<Timestamp>,
    #[serde(default)]
    modified: Option<Timestamp>,
    #[serde(default)]
    body: OneOrMany<IriOr<BodyIn>>,
    #[serde(rename = "bodyValue", default)]
    body_value: Option<String>,
    #[serde(default)]
    target: OneOrMany<IriOr<TargetIn>>,
    #[serde(rename = "brief:id", default)]
    brief_id: Option<String>,
    #[serde(rename = "brief:section", default)]
    section: Option<String>,
    #[serde(rename = "brief:block", default)]
    block: Option<usize>,
    #[serde(rename = "brief:version", default)]
    version: Option<String>,
    #[serde(rename = "brief:moved", default)]
    moved: bool,
    #[serde(rename = "brief:conflictOf", default)]
    conflict_of: Option<String>,
}

#[derive(Deserialize)]
struct BodyIn {
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    purpose: OneOrMany<String>,
}

#[derive(Deserialize)]
struct TargetIn {
    #[serde(default)]
    source: Option<IriOr<SourceIn>>,
    #[serde(default)]
    selector: OneOrMany<IriOr<SelectorIn>>,
}

#[derive(Deserialize)]
struct SourceIn {
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
struct SelectorIn {
    #[serde(rename = "type", default)]
    kind: OneOrMany<String>,
    #[serde(default)]
    exact: Option<String>,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    suffix: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// The annotations of a Web Annotation document (a collection with its page embedded, a
/// page, or one annotation), by briefing; those not on a brief briefing's passage are
/// counted as passed over.
pub(in crate::domain::export) fn read_annotations(text: &str) -> Result<Imported, ImportError> {
    let parse_err = |e: serde_json::Error| json_error(&e);
    let probe: TypeProbe = serde_json::from_str(text).map_err(parse_err)?;
    let annotations = if probe.kind.has("AnnotationCollection") {
        let collection: CollectionIn = serde_json::from_str(text).map_err(parse_err)?;
        collection.first.map(|page| page.items).unwrap_or_default()
    } else if probe.kind.has("AnnotationPage") {
        serde_json::from_str::<PageIn>(text)
            .map_err(parse_err)?
            .items
    } else if probe.kind.has("Annotation") {
        vec![serde_json::from_str::<AnnotationIn>(text).map_err(parse_err)?]
    } else {
        return Err(ImportError::Invalid {
            line: 1,
            column: 1,
            message: "this Web Annotation document is not an AnnotationCollection, an AnnotationPage or an Annotation (its `type` says neither)".to_owned(),
        });
    };
    let mut imported = Imported::default();
    for annotation in annotations {
        match item_of(annotation) {
            Some((briefing, item)) => imported.push(&briefing, item),
            None => imported.foreign += 1,
        }
    }
    Ok(imported)
}

/// The briefing and the quote an annotation targets: the first target whose source is
/// a brief briefing, with its first `TextQuoteSelector`.
fn passage(targets: Vec<IriOr<TargetIn>>) -> Option<(String, SelectorIn)> {
    targets.into_iter().find_map(|t| {
        let IriOr::Object(t) = t else { return None };
        let source = match t.source? {
            IriOr::Iri(iri) => iri,
            IriOr::Object(s) => s.id?,
        };
        let briefing = source.strip_prefix(BRIEFING_IRI)?.to_owned();
        let quote = t.selector.0.into_iter().find_map(|s| match s {
            IriOr::Object(s) if s.kind.has("TextQuoteSelector") && s.exact.is_some() => Some(s),
            _ => None,
        })?;
        Some((briefing, quote))
    })
}

/// The text of a note from the bodies: the commenting ones (else every textual body
/// that is not a tag, else `bodyValue`), with each tag the text does not already carry
/// added as a `#tag` line, so that nothing written elsewhere is lost.
fn note_text(bodies: &[BodyIn], body_value: Option<String>) -> String {
    let values = |keep: &dyn Fn(&BodyIn) -> bool| -> Vec<&str> {
        bodies
            .iter()
            .filter(|b| keep(b))
            .filter_map(|b| b.value.as_deref())
            .collect()
    };
    let mut parts = values(&|b| b.purpose.has("commenting"));
    if parts.is_empty() {
        parts = values(&|b| !b.purpose.has("tagging"));
    }
    let mut text = if parts.is_empty() {
        body_value.unwrap_or_default()
    } else {
        parts.join("\n\n")
    };
    let have = tags_of(&text);
    let missing: Vec<String> = values(&|b| b.purpose.has("tagging"))
        .into_iter()
        .map(|t| {
            t.trim()
                .trim_start_matches('#')
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|t| !t.is_empty() && !have.contains(&t.to_lowercase()))
        .map(|t| format!("#{t}"))
        .collect();
    if !missing.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&missing.join(" "));
    }
    text
}

/// The note or bookmark an annotation stands for, with its briefing; `None` when it is
/// not on a brief briefing's passage or has no id.
fn item_of(a: AnnotationIn) -> Option<(String, ImportedItem)> {
    let id = a.brief_id.or(a.id)?;
    let (briefing, quote) = passage(a.target.0)?;
    let anchor = Anchor {
        briefing: briefing.clone(),
        section: a.section.unwrap_or_default(),
        block: a.block.unwrap_or(0),
        quote: quote.exact.unwrap_or_default(),
        prefix: quote.prefix.unwrap_or_default(),
        suffix: quote.suffix.unwrap_or_default(),
        version: a.version.unwrap_or_default(),
    };
    let created = a.created.or(a.modified).unwrap_or_else(Timestamp::now);
    let updated = a.modified.unwrap_or(created);
    let bodies: Vec<BodyIn> = a
        .body
        .0
        .into_iter()
        .filter_map(|b| match b {
            IriOr::Object(b) => Some(b),
            IriOr::Iri(_) => None,
        })
        .collect();
    let item = if a.motivation.has("bookmarking") {
        let label = bodies
            .iter()
            .find(|b| b.purpose.has("describing"))
            .or_else(|| bodies.iter().find(|b| !b.purpose.has("tagging")))
            .and_then(|b| b.value.clone())
            .or(a.body_value);
        ImportedItem::Bookmark(Bookmark {
            id,
            anchor,
            label,
            created,
            updated,
            moved: a.moved,
        })
    } else {
        ImportedItem::Note(Note {
            id,
            anchor,
            body: note_text(&bodies, a.body_value),
            created,
            updated,
            conflict_of: a.conflict_of,
            moved: a.moved,
        })
    };
    Some((briefing, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Imported {
        read_annotations(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_annotation_made_elsewhere_on_a_brief_briefing_comes_in_by_its_quote() {
        let imported = one(
            r##"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/anno1",
            "type": "Annotation", "created": "2015-01-28T12:00:00Z", "motivation": null,
            "body": [{"type": "TextualBody", "value": "Worth checking #NYT"},
                     {"type": "TextualBody", "value": "nyt", "purpose": "tagging"},
                     {"type": "TextualBody", "value": "open question", "purpose": "tagging"}],
            "target": ["http://example.com/elsewhere",
                       {"source": {"id": "urn:brief:briefing:kim"},
                        "selector": {"type": "TextQuoteSelector", "exact": "Vladivostok"}}]}"##,
        );
        assert_eq!(imported.foreign, 0);
        let file = &imported.files[0];
        assert_eq!(file.briefing, "kim");
        let note = &file.notes[0];
        assert_eq!(note.id, "http://example.org/anno1");
        assert_eq!(note.body, "Worth checking #NYT\n\n#open-question");
        assert_eq!(note.anchor.quote, "Vladivostok");
        assert_eq!(note.anchor.section, "");
        assert_eq!(note.updated, note.created);
    }

    #[test]
    fn annotations_not_on_a_brief_passage_are_counted() {
        let imported = one(
            r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:c", "type": "AnnotationPage",
            "items": [
              {"id": "urn:a", "type": "Annotation", "target": "http://example.com/page1"},
              {"id": "urn:b", "type": "Annotation", "bodyValue": "x",
               "target": {"source": "urn:brief:briefing:kim",
                          "selector": {"type": "TextPositionSelector", "start": 1, "end": 2}}}
            ]}"#,
        );
        assert!(imported.files.is_empty());
        assert_eq!(imported.foreign, 2);
    }

    #[test]
    fn pages_not_in_the_file_are_refused_with_a_place() {
        let err = read_annotations(
            "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationCollection\",\n \"first\": {\"type\": \"AnnotationPage\", \"items\": [],\n \"next\": \"urn:page2\"}}",
        )
        .expect_err("an error");
        assert!(
            matches!(err, ImportError::Invalid { line: 3, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("next"), "{err}");
        let err = read_annotations(
            "{\"@context\": \"x\", \"type\": \"AnnotationCollection\",\n \"first\": \"urn:page1\"}",
        )
        .expect_err("an error");
        assert!(
            matches!(err, ImportError::Invalid { line: 2, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("`first` is a link"), "{err}");
    }

    #[test]
    fn shape_errors_name_the_place() {
        let err = read_annotations(
            "{\"@context\": \"x\", \"type\": \"Annotation\",\n \"created\": \"yesterday\", \"target\": []}",
        )
        .expect_err("an error");
        assert!(
            matches!(err, ImportError::Invalid { line: 2, .. }),
            "{err:?}"
        );
        let err = read_annotations(r#"{"@context": "x", "type": "Person"}"#).expect_err("an error");
        assert!(err.to_string().contains("AnnotationCollection"), "{err}");
    }
}
