//! The STIX 2.1 and W3C Web Annotation exports: the bundle validated by the OASIS
//! reference validator, the mappings (dates, TLP, confidence, sources, bookmarks), the
//! Web Annotation output checked against the data model as its specification states
//! it, round trips into an empty store, and ids that do not change between exports.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use brief::domain::anchor::make_anchor;
use brief::domain::annotation::{Bookmark, Note, Status, tags_of};
use brief::domain::briefing::Briefing;
use brief::domain::export::{
    ExportFormat, ExportItem, ExportOptions, NotesFormat, merge_into, read_notes, render,
};
use brief::domain::library::Library;
use brief::domain::load::{LoadOptions, load_file};
use brief::domain::placing::doc_text;
use brief::domain::store::{AnnotationSet, Store};
use jiff::Timestamp;
use serde_json::Value;

const FR: &str = "kim-putin-vladivostok-fr";
const AMBER_STRICT: &str = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";

fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn tlp_briefing() -> Arc<Briefing> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop/tlp-port-visit.toml");
    Arc::new(
        load_file(&path, LoadOptions::default())
            .expect("the fixture loads")
            .briefing,
    )
}

fn french() -> Arc<Briefing> {
    Library::bundled().get(FR).expect("bundled").clone()
}

/// A note on a passage of `b` (section index, block, byte range), with fixed times.
fn note_on(
    b: &Briefing,
    id: &str,
    (section, block, from, to): (usize, usize, usize, usize),
    body: &str,
) -> Note {
    let doc = doc_text(b);
    let text = &doc.sections[section].blocks[block];
    let end = if to == usize::MAX { text.len() } else { to };
    Note {
        id: id.into(),
        anchor: make_anchor(&b.id, &b.version, &doc, section, block, from..end),
        body: body.into(),
        created: at("2031-05-03T08:30:00Z"),
        updated: at("2031-05-04T09:15:30.123456789Z"),
        conflict_of: None,
        moved: false,
    }
}

/// The annotations of the TLP fixture: tags, several lines, a stated confidence, a
/// conflict copy, a moved note, an orphan, bookmarks with and without label, a note
/// with characters a terminal would act on, and a trashed note.
fn tlp_set(b: &Briefing) -> AnnotationSet {
    let mut set = AnnotationSet::new(&b.id);
    let f = &mut set.file;
    f.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000001",
        (0, 0, 0, usize::MAX),
        "Harbour notice only. #Sources #port-visit\nCheck with a second source.",
    ));
    f.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000002",
        (1, 0, 0, 31),
        "We hold this with low confidence: one notice, one interview. #assessment",
    ));
    let mut conflict = note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000003",
        (1, 0, 0, 31),
        "Edited elsewhere: low confidence.",
    );
    conflict.conflict_of = Some("0191c0a0-0000-7000-8000-000000000002".into());
    f.notes.push(conflict);
    let mut moved = note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000004",
        (0, 1, 0, 6),
        "Crew size unknown.",
    );
    moved.moved = true;
    f.notes.push(moved);
    let mut orphan = note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000005",
        (0, 2, 0, 10),
        "A passage that is gone.",
    );
    orphan.anchor.quote = "a sentence no longer in the briefing".into();
    f.notes.push(orphan);
    f.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000006",
        (0, 2, 0, 10),
        "Hostile: \u{1b}]0;owned\u{7} \u{202e}reversed\u{202c} and a\ttab. #odd",
    ));
    let doc = doc_text(b);
    f.bookmarks.push(Bookmark {
        id: "0191c0a0-0000-7000-8000-0000000000b1".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 1, 0, 0..9),
        label: Some("Read before the meeting".into()),
        created: at("2031-05-03T10:00:00Z"),
        updated: at("2031-05-03T10:00:00Z"),
        moved: false,
    });
    f.bookmarks.push(Bookmark {
        id: "0191c0a0-0000-7000-8000-0000000000b2".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 0, 2, 0..10),
        label: None,
        created: at("2031-05-03T10:05:00.5Z"),
        updated: at("2031-05-03T10:05:00.5Z"),
        moved: false,
    });
    set.delete("0191c0a0-0000-7000-8000-000000000005");
    set.file.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-000000000007",
        (0, 2, 0, 10),
        "Kept, unlike the one in the trash.",
    ));
    set.file.notes.last_mut().expect("note").anchor.quote =
        "a sentence no longer in the briefing".into();
    set
}

/// Two notes on the bundled French briefing (no date, no TLP).
fn french_set(b: &Briefing) -> AnnotationSet {
    let mut set = AnnotationSet::new(&b.id);
    set.file.notes.push(note_on(
        b,
        "0191c0a0-0000-7000-8000-0000000000f1",
        (0, 0, 0, usize::MAX),
        "À recouper : le #NYT est la seule origine.",
    ));
    set.file.bookmarks.push(Bookmark {
        id: "0191c0a0-0000-7000-8000-0000000000f2".into(),
        anchor: make_anchor(&b.id, &b.version, &doc_text(b), 1, 0, 0..12),
        label: None,
        created: at("2024-09-06T07:50:00Z"),
        updated: at("2024-09-06T07:50:00Z"),
        moved: false,
    });
    set
}

struct Fixture {
    briefings: Vec<Arc<Briefing>>,
    sets: Vec<AnnotationSet>,
    status: HashMap<String, Status>,
}

impl Fixture {
    fn new() -> Self {
        let (tlp, fr) = (tlp_briefing(), french());
        let sets = vec![tlp_set(&tlp), french_set(&fr)];
        Fixture {
            briefings: vec![tlp, fr],
            sets,
            status: HashMap::new(),
        }
    }

    fn render(&self, format: ExportFormat, exported_at: &str) -> String {
        let items: Vec<ExportItem<'_>> = self
            .briefings
            .iter()
            .zip(&self.sets)
            .map(|(b, set)| ExportItem {
                briefing: b,
                set,
                status: &self.status,
            })
            .collect();
        render(&items, format, &ExportOptions::new(at(exported_at)))
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the export is JSON")
}

fn objects<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["type"] == kind)
        .collect()
}

// ---------------------------------------------------------------------------------------
// The OASIS validator
// ---------------------------------------------------------------------------------------

/// The pinned validator, shared with `.ci/run`.
const REQUIREMENTS: &str = ".ci/requirements-stix.txt";

/// `stix2_validator` from `$BRIEF_STIX_VALIDATOR`, else from the virtual environment
/// `.venv-ci` that `.ci/run` creates (created here, the same way, when it is missing).
/// `None` only when there is no Python at all.
fn stix_validator() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("BRIEF_STIX_VALIDATOR") {
        return Some(PathBuf::from(path));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let venv = root.join(".venv-ci");
    let exe = venv.join("bin").join("stix2_validator");
    if exe.exists() {
        return Some(exe);
    }
    let python = Command::new("python3").arg("--version").output();
    if python.is_err() {
        return None;
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .expect("run python3 -m venv");
    assert!(made.success(), "python3 -m venv {} failed", venv.display());
    let installed = Command::new(venv.join("bin").join("pip"))
        .args(["install", "--quiet", "-r"])
        .arg(root.join(REQUIREMENTS))
        .status()
        .expect("run pip");
    assert!(
        installed.success(),
        "pip could not install the STIX validator into {} (run .ci/run with network access)",
        venv.display()
    );
    Some(exe)
}

#[test]
fn stix_bundle_passes_the_oasis_validator_without_warnings() {
    let Some(validator) = stix_validator() else {
        eprintln!(
            "SKIPPED: no Python (python3) on this machine, so the OASIS STIX validator cannot run"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bundle.json");
    std::fs::write(
        &path,
        Fixture::new().render(ExportFormat::Stix, "2031-06-01T12:00:00Z"),
    )
    .expect("write");
    let out = Command::new(&validator)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", validator.display()));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("STIX JSON: Valid"), "{report}");
    assert!(
        !report.contains("[!]") && !report.contains("[X]"),
        "{report}"
    );
}

// ---------------------------------------------------------------------------------------
// The STIX mappings
// ---------------------------------------------------------------------------------------

#[test]
fn stix_reports_carry_the_briefing() {
    let f = Fixture::new();
    let bundle = json(&f.render(ExportFormat::Stix, "2031-06-01T12:00:00Z"));
    assert_eq!(bundle["type"], "bundle");
    let reports = objects(&bundle, "report");
    assert_eq!(reports.len(), 2);
    let r = reports[0];
    assert_eq!(r["spec_version"], "2.1");
    assert_eq!(r["name"], "Example: a port visit under TLP");
    assert_eq!(r["published"], "2031-05-02T00:00:00.000Z");
    assert_eq!(r["lang"], "en");
    assert!(
        r["description"]
            .as_str()
            .expect("description")
            .starts_with("We assess with moderate confidence")
    );
    assert_eq!(r["confidence"], 50, "moderate confidence is Med (50)");
    assert_eq!(
        r["labels"],
        serde_json::json!(["example", "port-visit", "navy"])
    );
    assert_eq!(r["object_marking_refs"], serde_json::json!([AMBER_STRICT]));
    assert_eq!(
        r["created"], "2031-05-03T08:30:00.000Z",
        "its first annotation's"
    );
    assert_eq!(
        r["modified"], "2031-06-01T12:00:00.000Z",
        "the export's time"
    );
    let refs = r["external_references"].as_array().expect("sources");
    assert_eq!(
        refs[0]["source_name"],
        "Port Sample harbour office notice (fictional)"
    );
    assert_eq!(
        refs[0]["external_id"],
        "https://example.org/notices/port-visit"
    );
    assert_eq!(
        refs[0]["description"],
        "Source of the briefing; accessed 2031-05-01"
    );
    assert!(refs[1].get("external_id").is_none());
    let ext = &r["extensions"]["extension-definition--4e59d342-a9cc-47cc-b01b-6328d9dffedc"];
    assert_eq!(ext["briefing"], "example-tlp-port-visit");
    assert_eq!(ext["date"], "2031-05-02");
    // Every note of the report is referred to, and refers back.
    let notes = objects(&bundle, "note");
    let mine: Vec<&&Value> = notes
        .iter()
        .filter(|n| n["object_refs"][0] == r["id"])
        .collect();
    assert_eq!(r["object_refs"].as_array().map(Vec::len), Some(mine.len()));
    assert_eq!(
        mine.len(),
        8,
        "6 live notes and 2 bookmarks; the trash is not exported"
    );
    // The bundled briefing: no date (published falls back to created), no TLP.
    let fr = reports[1];
    assert_eq!(fr["published"], fr["created"]);
    assert!(fr.get("object_marking_refs").is_none());
    assert!(fr.get("confidence").is_none());
    // The standard TLP 2.0 marking definition, exactly as OASIS publishes it.
    let markings = objects(&bundle, "marking-definition");
    assert_eq!(markings.len(), 1);
    assert_eq!(
        *markings[0],
        serde_json::json!({
            "type": "marking-definition", "spec_version": "2.1", "id": AMBER_STRICT,
            "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER+STRICT",
            "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
                {"extension_type": "property-extension", "tlp_2_0": "amber+strict"}}
        })
    );
}

#[test]
fn stix_notes_and_bookmarks() {
    let bundle = json(&Fixture::new().render(ExportFormat::Stix, "2031-06-01T12:00:00Z"));
    let notes = objects(&bundle, "note");
    let ext = |n: &Value| {
        n["extensions"]["extension-definition--4e59d342-a9cc-47cc-b01b-6328d9dffedc"].clone()
    };
    let by_id = |id: &str| {
        *notes
            .iter()
            .find(|n| ext(n)["brief_id"] == id)
            .unwrap_or_else(|| panic!("{id} exported"))
    };
    let first = by_id("0191c0a0-0000-7000-8000-000000000001");
    assert_eq!(
        first["abstract"],
        "Harbour notice only. #Sources #port-visit"
    );
    assert_eq!(
        first["content"],
        "Harbour notice only. #Sources #port-visit\nCheck with a second source."
    );
    assert_eq!(
        first["labels"],
        serde_json::json!(["sources", "port-visit"])
    );
    assert_eq!(first["created"], "2031-05-03T08:30:00.000Z");
    assert_eq!(first["modified"], "2031-05-04T09:15:30.123456789Z");
    assert_eq!(
        first["object_marking_refs"],
        serde_json::json!([AMBER_STRICT])
    );
    assert!(first.get("confidence").is_none());
    assert_eq!(ext(first)["annotation_type"], "note");
    assert_eq!(ext(first)["anchor"]["section"], "context");
    assert_eq!(
        by_id("0191c0a0-0000-7000-8000-000000000002")["confidence"],
        15
    );
    assert_eq!(
        ext(by_id("0191c0a0-0000-7000-8000-000000000003"))["conflict_of"],
        "0191c0a0-0000-7000-8000-000000000002"
    );
    assert_eq!(
        ext(by_id("0191c0a0-0000-7000-8000-000000000004"))["moved"],
        true
    );
    let labelled = by_id("0191c0a0-0000-7000-8000-0000000000b1");
    assert_eq!(labelled["labels"], serde_json::json!(["bookmark"]));
    assert_eq!(labelled["abstract"], "Read before the meeting");
    assert_eq!(labelled["content"], ext(labelled)["anchor"]["quote"]);
    assert_eq!(ext(labelled)["annotation_type"], "bookmark");
    assert_eq!(
        by_id("0191c0a0-0000-7000-8000-0000000000b2")["abstract"],
        "Bookmark"
    );
}

// ---------------------------------------------------------------------------------------
// The Web Annotation data model, as its specification states it
// ---------------------------------------------------------------------------------------

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
        doc["@context"], ANNO,
        "the collection's context, as a string"
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

// ---------------------------------------------------------------------------------------
// Round trips and stable ids
// ---------------------------------------------------------------------------------------

fn sorted_notes(v: &[Note]) -> Vec<Note> {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

fn sorted_bookmarks(v: &[Bookmark]) -> Vec<Bookmark> {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

fn round_trip(format: ExportFormat, expected: NotesFormat) {
    let f = Fixture::new();
    let text = f.render(format, "2031-06-01T12:00:00Z");
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
        "nothing a terminal would act on is written raw"
    );
    let read = read_notes(&text).expect("read back");
    assert_eq!(read.format, expected);
    assert!(read.notices.is_empty(), "{:?}", read.notices);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path());
    let summary = merge_into(&store, read.files).expect("merge");
    assert_eq!(summary.briefings.len(), 2);
    for set in &f.sets {
        let back = store.load(&set.file.briefing).expect("load").set.file;
        assert_eq!(
            sorted_notes(&back.notes),
            sorted_notes(&set.file.notes),
            "{format:?}"
        );
        assert_eq!(
            sorted_bookmarks(&back.bookmarks),
            sorted_bookmarks(&set.file.bookmarks),
            "{format:?}"
        );
        let tags = |notes: &[Note]| -> BTreeMap<String, Vec<String>> {
            notes
                .iter()
                .map(|n| (n.id.clone(), tags_of(&n.body)))
                .collect()
        };
        assert_eq!(tags(&back.notes), tags(&set.file.notes));
        assert!(back.trash.is_empty(), "the trash is not carried");
    }
    // Importing the same file again changes nothing.
    let again = merge_into(&store, read_notes(&text).expect("read").files).expect("merge");
    assert!(
        again
            .briefings
            .iter()
            .all(|b| b.added == 0 && b.updated == 0 && b.conflicts == 0)
    );
}

#[test]
fn stix_round_trips_through_an_empty_store() {
    round_trip(ExportFormat::Stix, NotesFormat::Stix);
}

#[test]
fn w3c_round_trips_through_an_empty_store() {
    round_trip(ExportFormat::W3c, NotesFormat::W3c);
}

/// Every `"id"` value of a JSON document, in order.
fn ids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "id" {
                    out.push(v.as_str().unwrap_or_default().to_owned());
                }
                ids(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| ids(v, out)),
        _ => {}
    }
}

#[test]
fn exporting_twice_gives_the_same_ids() {
    for format in [ExportFormat::Stix, ExportFormat::W3c] {
        let f = Fixture::new();
        let (mut one, mut two) = (Vec::new(), Vec::new());
        ids(&json(&f.render(format, "2031-06-01T12:00:00Z")), &mut one);
        ids(&json(&f.render(format, "2031-07-15T08:00:00Z")), &mut two);
        assert!(one.len() > 10, "{format:?}: {one:?}");
        assert_eq!(one, two, "{format:?}");
        // And after a round trip through another store, still the same ids.
        let read = read_notes(&f.render(format, "2031-06-01T12:00:00Z")).expect("read");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::new(dir.path());
        merge_into(&store, read.files).expect("merge");
        let sets: Vec<AnnotationSet> = f
            .briefings
            .iter()
            .map(|b| store.load(&b.id).expect("load").set)
            .collect();
        let again = Fixture {
            briefings: f.briefings.clone(),
            sets,
            status: HashMap::new(),
        };
        let mut three = Vec::new();
        ids(
            &json(&again.render(format, "2031-08-01T00:00:00Z")),
            &mut three,
        );
        assert_eq!(one, three, "{format:?}");
    }
}

// ---------------------------------------------------------------------------------------
// The documentation's examples
// ---------------------------------------------------------------------------------------

/// The example of `docs/export-stix.md` and `docs/export-w3c.md`: the TLP fixture with
/// one note stating low confidence and one labelled bookmark.
fn doc_example(format: ExportFormat) -> String {
    let b = tlp_briefing();
    let doc = doc_text(&b);
    let mut set = AnnotationSet::new(&b.id);
    set.file.notes.push(Note {
        id: "0193a1c2-7b10-7c3e-9d4f-2a6b8c0d1e2f".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 1, 0, 0..31),
        body: "One notice and one interview: low confidence. #assessment\nAsk the harbour office for the schedule.".into(),
        created: at("2031-05-03T08:30:00Z"),
        updated: at("2031-05-04T09:15:30.250Z"),
        conflict_of: None,
        moved: false,
    });
    let last = doc.sections[0].blocks[3].len();
    set.file.bookmarks.push(Bookmark {
        id: "0193a1c2-7b10-7c3e-9d4f-2a6b8c0d1e30".into(),
        anchor: make_anchor(&b.id, &b.version, &doc, 0, 3, 0..last),
        label: Some("Departure date".into()),
        created: at("2031-05-03T10:00:00Z"),
        updated: at("2031-05-03T10:00:00Z"),
        moved: false,
    });
    let status = HashMap::new();
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
    };
    render(
        &[item],
        format,
        &ExportOptions::new(at("2031-06-01T12:00:00Z")),
    )
}

/// The JSON block under `## Example` in a doc.
fn doc_block(doc: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
    let text = std::fs::read_to_string(&path).expect("read the doc");
    let example = text
        .split("\n## Example\n")
        .nth(1)
        .expect("an Example section");
    let start = example.find("```json\n").expect("a json block") + "```json\n".len();
    let end = example[start..].find("\n```").expect("its end") + start;
    format!("{}\n", &example[start..end])
}

#[test]
fn the_docs_show_what_brief_writes() {
    assert_eq!(
        doc_block("docs/export-stix.md"),
        doc_example(ExportFormat::Stix)
    );
    assert_eq!(
        doc_block("docs/export-w3c.md"),
        doc_example(ExportFormat::W3c)
    );
}
