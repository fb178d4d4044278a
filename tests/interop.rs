//! The STIX 2.1 export and reading notes back: the bundle validated by the OASIS
//! reference validator, the mappings (dates, TLP, confidence, sources, bookmarks),
//! round trips of both formats into an empty store, ids that do not change between
//! exports, and the documentation's examples.

mod interop_fixture;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use brief::domain::annotation::{Bookmark, Note, tags_of};
use brief::domain::export::{ExportFormat, NotesFormat, merge_into, read_notes};
use brief::domain::store::{AnnotationSet, Store};
use interop_fixture::{AMBER_STRICT, Fixture, doc_example, json, objects};
use serde_json::Value;

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

/// The id of the statement marking named `name` in the bundle.
fn statement(bundle: &Value, name: &str) -> String {
    objects(bundle, "marking-definition")
        .into_iter()
        .find(|m| m["name"] == name && m["definition_type"] == "statement")
        .and_then(|m| m["id"].as_str())
        .unwrap_or_else(|| panic!("a statement marking {name}"))
        .to_owned()
}

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
    // Its TLP, and the highest marking of what it holds (its summary, unmarked in a
    // CONFIDENTIAL briefing, and its notes), as a statement.
    assert_eq!(
        r["object_marking_refs"],
        serde_json::json!([AMBER_STRICT, statement(&bundle, "CONFIDENTIAL")])
    );
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
        "Source of the briefing; Admiralty grade B2 (reliability B: usually reliable; credibility 2: probably true); accessed 2031-05-01"
    );
    assert!(refs[1].get("external_id").is_none());
    assert_eq!(
        refs[1]["description"], "Source of the briefing",
        "not graded"
    );
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
    // The bundled briefing: no date (published falls back to created), no TLP, its
    // declared NON CLASSIFIÉ read as UNCLASSIFIED.
    let fr = reports[1];
    assert_eq!(fr["published"], fr["created"]);
    assert_eq!(
        fr["object_marking_refs"],
        serde_json::json!([statement(&bundle, "UNCLASSIFIED")])
    );
    assert!(fr.get("confidence").is_none());
    // The standard TLP 2.0 marking definition, exactly as OASIS publishes it, then the
    // two statements.
    let markings = objects(&bundle, "marking-definition");
    assert_eq!(markings.len(), 3);
    assert_eq!(
        *markings[2],
        serde_json::json!({
            "type": "marking-definition", "spec_version": "2.1",
            "id": statement(&bundle, "CONFIDENTIAL"),
            "created_by_ref": "identity--a3578768-c37c-43af-b756-f03f5d88a05f",
            "created": "2026-11-29T00:00:00.000Z", "name": "CONFIDENTIAL",
            "definition_type": "statement", "definition": {"statement": "CONFIDENTIAL"}
        })
    );
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
    // On an unmarked paragraph of a section marked U.
    assert_eq!(
        first["object_marking_refs"],
        serde_json::json!([AMBER_STRICT, statement(&bundle, "UNCLASSIFIED")])
    );
    // On the (C) paragraph; the orphan takes the briefing's CONFIDENTIAL.
    for id in [
        "0191c0a0-0000-7000-8000-000000000002",
        "0191c0a0-0000-7000-8000-000000000007",
    ] {
        assert_eq!(
            by_id(id)["object_marking_refs"],
            serde_json::json!([AMBER_STRICT, statement(&bundle, "CONFIDENTIAL")]),
            "{id}"
        );
    }
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
