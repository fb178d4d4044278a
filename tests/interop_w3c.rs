//! The W3C Web Annotation export checked against the data model as its specification
//! states it (the collection, its page, each annotation: required properties and their
//! types, bodies, targets and selectors), and what the bodies and selectors hold.

mod interop_fixture;

use std::collections::HashMap;

use brief::domain::annotation::tags_of;
use brief::domain::export::{ExportFormat, ExportItem, ExportOptions, render};
use brief::domain::placing::doc_text;
use brief::domain::store::AnnotationSet;
use interop_fixture::{FR, Fixture, at, french, json};
use jiff::Timestamp;
use serde_json::Value;

const ANNO: &str = "http://www.w3.org/ns/anno.jsonld";
const MOTIVATIONS: [&str; 13] = [
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
];

/// One value or several (JSON-LD allows both wherever more than one is allowed).
fn values(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// An IRI: a scheme, then `:` (RFC 3987), and no space.
fn is_iri(v: &Value) -> bool {
    let Some(s) = v.as_str() else { return false };
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.contains(char::is_whitespace)
}

/// An `xsd:dateTime` in UTC written with `Z`, as `created` and `modified` must be.
fn is_utc_datetime(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.ends_with('Z') && s.parse::<Timestamp>().is_ok() && s.len() >= 20)
}

fn has_type(v: &Value, class: &str) -> bool {
    values(&v["type"]).iter().any(|t| *t == class)
}

/// The `@context` rule of Annotations and Collections: one or more values, the Web
/// Annotation context among them, a single one given as a string.
fn check_context(v: &Value, what: &str) {
    let ctx = &v["@context"];
    assert!(!ctx.is_null(), "{what}: @context is required");
    assert!(
        values(ctx).iter().any(|c| *c == ANNO),
        "{what}: {ANNO} must be a context"
    );
    if let Value::Array(a) = ctx {
        assert!(a.len() > 1, "{what}: a single context must be a string");
    }
}

fn check_textual_body(b: &Value, what: &str) {
    assert!(has_type(b, "TextualBody"), "{what}: a TextualBody");
    assert!(
        b["value"].is_string(),
        "{what}: exactly one value, a string"
    );
    for p in values(&b["purpose"]) {
        assert!(
            MOTIVATIONS.contains(&p.as_str().unwrap_or("")),
            "{what}: purpose {p}"
        );
    }
    if !b["format"].is_null() {
        assert!(b["format"].is_string(), "{what}: format is a media type");
    }
}

fn check_selector(s: &Value, what: &str) {
    let kinds = values(&s["type"]);
    assert_eq!(kinds.len(), 1, "{what}: a selector has exactly one type");
    match kinds[0].as_str() {
        Some("TextQuoteSelector") => {
            assert!(s["exact"].is_string(), "{what}: exactly one exact");
            for side in ["prefix", "suffix"] {
                assert!(
                    s[side].is_null() || s[side].is_string(),
                    "{what}: at most one {side}"
                );
            }
        }
        Some("TextPositionSelector") => {
            let (start, end) = (s["start"].as_u64(), s["end"].as_u64());
            assert!(
                start.is_some() && end.is_some(),
                "{what}: start and end, non-negative integers"
            );
            assert!(start <= end, "{what}: start after end");
        }
        other => panic!("{what}: unexpected selector {other:?}"),
    }
}

/// Checks one annotation against the model; returns its id.
fn check_annotation(a: &Value, what: &str) -> String {
    if !a["@context"].is_null() {
        check_context(a, what);
    }
    assert!(is_iri(&a["id"]), "{what}: exactly one IRI as id");
    assert!(has_type(a, "Annotation"), "{what}: the Annotation class");
    for m in values(&a["motivation"]) {
        assert!(
            MOTIVATIONS.contains(&m.as_str().unwrap_or("")),
            "{what}: motivation {m}"
        );
    }
    assert!(
        a["bodyValue"].is_null() || a["body"].is_null(),
        "{what}: body and bodyValue"
    );
    for key in ["created", "modified"] {
        assert!(
            a[key].is_null() || is_utc_datetime(&a[key]),
            "{what}: {key} is a UTC xsd:dateTime"
        );
    }
    for b in values(&a["body"]) {
        check_textual_body(b, what);
    }
    let targets = values(&a["target"]);
    assert!(!targets.is_empty(), "{what}: one or more targets");
    for t in targets {
        if t.is_string() {
            assert!(is_iri(t), "{what}: a target IRI");
            continue;
        }
        let source = if t["source"].is_object() {
            &t["source"]["id"]
        } else {
            &t["source"]
        };
        assert!(
            is_iri(source),
            "{what}: a Specific Resource has exactly one source"
        );
        if !t["type"].is_null() {
            assert!(has_type(t, "SpecificResource"), "{what}: SpecificResource");
        }
        for s in values(&t["selector"]) {
            check_selector(s, what);
        }
    }
    a["id"].as_str().unwrap_or_default().to_owned()
}

/// Checks a collection with its embedded page; returns its annotations.
fn check_collection(c: &Value) -> Vec<Value> {
    check_context(c, "collection");
    assert!(is_iri(&c["id"]), "the collection has exactly one IRI");
    assert!(has_type(c, "AnnotationCollection"));
    assert!(
        values(&c["label"]).iter().all(|l| l.is_string()),
        "labels are strings"
    );
    let total = c["total"]
        .as_u64()
        .expect("total is a non-negative integer");
    if total == 0 {
        assert!(c["first"].is_null(), "no page without annotations");
        return Vec::new();
    }
    let page = &c["first"];
    assert!(page.is_object(), "brief embeds its one page");
    assert!(
        page["@context"].is_null(),
        "an embedded page has no @context"
    );
    assert!(is_iri(&page["id"]), "the page has exactly one IRI");
    assert!(has_type(page, "AnnotationPage"));
    assert_eq!(page["partOf"], c["id"]);
    assert_eq!(page["startIndex"], 0);
    assert!(page["next"].is_null(), "one page only");
    let items = page["items"].as_array().expect("items is an array");
    assert!(!items.is_empty(), "a page has one or more annotations");
    assert_eq!(items.len() as u64, total);
    items.clone()
}

#[test]
fn w3c_output_follows_the_web_annotation_model() {
    let f = Fixture::new();
    let doc = json(&f.render(ExportFormat::W3c, "2031-06-01T12:00:00Z"));
    assert_eq!(
        doc["@context"],
        serde_json::json!([ANNO, {"brief": "urn:brief:vocab:"}]),
        "the collection's context declares the brief: prefix of its banner"
    );
    // The highest marking and strictest TLP of the annotations, first and last.
    assert_eq!(doc["brief:banner"], "CONFIDENTIAL · TLP:AMBER+STRICT");
    assert_eq!(doc["brief:bannerEnd"], doc["brief:banner"]);
    let text = f.render(ExportFormat::W3c, "2031-06-01T12:00:00Z");
    let end = text
        .rfind("\"brief:bannerEnd\"")
        .expect("the banner at the end");
    assert!(text.rfind("\"items\"").is_some_and(|items| items < end));
    assert!(
        text.find("\"brief:banner\"")
            .is_some_and(|top| top < text.find("\"items\"").unwrap_or(0))
    );
    let items = check_collection(&doc);
    assert_eq!(items.len(), 10, "7 notes and 3 bookmarks");
    let mut ids = Vec::new();
    for (i, a) in items.iter().enumerate() {
        ids.push(check_annotation(a, &format!("annotation {i}")));
        assert_eq!(
            a["@context"][1]["brief"], "urn:brief:vocab:",
            "the brief: prefix is declared"
        );
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), items.len(), "ids are unique");
    // An export without annotations: no page.
    let empty = AnnotationSet::new(FR);
    let fr = french();
    let status = HashMap::new();
    let item = ExportItem {
        briefing: &fr,
        set: &empty,
        status: &status,
        in_library: true,
    };
    let none = json(&render(
        &[item],
        ExportFormat::W3c,
        &ExportOptions::new(at("2031-06-01T12:00:00Z")),
    ));
    assert!(check_collection(&none).is_empty());
}

#[test]
fn w3c_bodies_targets_and_positions() {
    let f = Fixture::new();
    let doc = json(&f.render(ExportFormat::W3c, "2031-06-01T12:00:00Z"));
    let items = doc["first"]["items"].as_array().expect("items").clone();
    let by_id = |id: &str| {
        items
            .iter()
            .find(|a| a["brief:id"] == id)
            .unwrap_or_else(|| panic!("{id} exported"))
            .clone()
    };
    let b = &f.briefings[0];
    // The briefing's text as positions count it: every block, joined by line breaks.
    let text: Vec<char> = doc_text(b)
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n")
        .chars()
        .collect();
    let note = by_id("0191c0a0-0000-7000-8000-000000000001");
    assert_eq!(note["motivation"], "commenting");
    let bodies = note["body"].as_array().expect("bodies");
    assert_eq!(bodies[0]["purpose"], "commenting");
    assert_eq!(bodies[0]["value"], f.sets[0].file.notes[0].body);
    let tags: Vec<&str> = bodies[1..]
        .iter()
        .map(|t| t["value"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(tags, tags_of(&f.sets[0].file.notes[0].body));
    assert!(bodies[1..].iter().all(|t| t["purpose"] == "tagging"));
    let target = &note["target"];
    assert_eq!(
        target["source"]["id"],
        "urn:brief:briefing:example-tlp-port-visit"
    );
    let quote = &target["selector"][0];
    assert_eq!(quote["type"], "TextQuoteSelector");
    assert_eq!(quote["exact"], f.sets[0].file.notes[0].anchor.quote);
    let position = &target["selector"][1];
    assert_eq!(position["type"], "TextPositionSelector");
    let (start, end) = (
        position["start"].as_u64().expect("start") as usize,
        position["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(
        text[start..end].iter().collect::<String>(),
        quote["exact"].as_str().unwrap_or("")
    );
    // A passage further on: the position still selects the quote.
    let later = by_id("0191c0a0-0000-7000-8000-000000000002");
    let p = &later["target"]["selector"][1];
    let (s, e) = (
        p["start"].as_u64().unwrap_or(0) as usize,
        p["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(
        text[s..e].iter().collect::<String>(),
        later["target"]["selector"][0]["exact"]
            .as_str()
            .unwrap_or("?")
    );
    // No position where it would not select the quote: moved, orphaned.
    for id in [
        "0191c0a0-0000-7000-8000-000000000004",
        "0191c0a0-0000-7000-8000-000000000007",
    ] {
        assert_eq!(
            by_id(id)["target"]["selector"].as_array().map(Vec::len),
            Some(1),
            "{id}"
        );
    }
    let mark = by_id("0191c0a0-0000-7000-8000-0000000000b1");
    assert_eq!(mark["motivation"], "bookmarking");
    assert_eq!(mark["body"][0]["value"], "Read before the meeting");
    assert_eq!(mark["body"][0]["purpose"], "describing");
    assert!(
        by_id("0191c0a0-0000-7000-8000-0000000000b2")["body"].is_null(),
        "no label, no body"
    );
}
