//! `brief export --format stix|w3c` and `brief import-notes` as a user runs them: the
//! files written, a round trip into an empty data dir for both formats, what is passed
//! over said on stderr, and bad input named with its line and column.

use std::path::Path;
use std::process::{Command, Output};

use brief::domain::anchor::make_anchor;
use brief::domain::library::Library;
use brief::domain::placing::doc_text;
use brief::domain::store::{AnnotationSet, LockMode, Store, StoreFile};

const FR: &str = "kim-putin-vladivostok-fr";
const EN: &str = "kim-putin-vladivostok-en";

/// Notes (with tags) and a labelled bookmark on both bundled briefings.
fn store_with_notes(data: &Path) {
    let library = Library::bundled();
    let store = Store::new(data);
    for id in [FR, EN] {
        let briefing = library.get(id).expect("bundled");
        let doc = doc_text(briefing);
        let mut set = AnnotationSet::new(id);
        for i in 0..4 {
            let section = i % doc.sections.len();
            let len = doc.sections[section].blocks[0].len();
            let anchor = make_anchor(id, &briefing.version, &doc, section, 0, 0..len);
            set.add_note(
                anchor,
                &format!("Note {i} on {id}: à vérifier #tag{}\nline two", i % 2),
            );
        }
        let anchor = make_anchor(id, &briefing.version, &doc, 1, 0, 0..10);
        set.add_bookmark(anchor, Some("Relire".into()));
        store.save(&mut set, LockMode::Wait).expect("save");
    }
}

fn brief(data: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(cwd)
        .env("BRIEF_CONFIG", data.join("config.toml"))
        .env("BRIEF_DATA_DIR", data)
        .output()
        .expect("run brief")
}

fn briefings() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefings")
        .display()
        .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sorted(mut f: StoreFile) -> StoreFile {
    f.notes.sort_by(|a, b| a.id.cmp(&b.id));
    f.bookmarks.sort_by(|a, b| a.id.cmp(&b.id));
    f
}

fn round_trip(format: &str, extension: &str) {
    let (one, two, out) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    for d in [&one, &two] {
        std::fs::write(d.path().join("config.toml"), "").expect("config");
    }
    store_with_notes(one.path());
    let export = brief(
        one.path(),
        out.path(),
        &["export", "--format", format, "--from", &briefings()],
    );
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let written: Vec<_> = std::fs::read_dir(out.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        written[0].starts_with("brief-notes-all-") && written[0].ends_with(extension),
        "{written:?}"
    );
    let file = out.path().join(&written[0]);
    let import = brief(
        two.path(),
        out.path(),
        &["import-notes", &file.display().to_string()],
    );
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    assert!(
        stderr(&import).contains("2 briefings: 10 added, 0 updated, 0 unchanged"),
        "{}",
        stderr(&import)
    );
    let (a, b) = (Store::new(one.path()), Store::new(two.path()));
    for id in [FR, EN] {
        let before = sorted(a.load(id).expect("load").set.file);
        let after = sorted(b.load(id).expect("load").set.file);
        assert_eq!(before.notes, after.notes, "{format}: {id}");
        assert_eq!(before.bookmarks, after.bookmarks, "{format}: {id}");
    }
    // The same file again: nothing changes.
    let again = brief(
        two.path(),
        out.path(),
        &["import-notes", &file.display().to_string()],
    );
    assert!(
        stderr(&again).contains("0 added, 0 updated, 10 unchanged"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn stix_export_then_import_into_an_empty_store_round_trips() {
    round_trip("stix", ".stix.json");
}

#[test]
fn w3c_export_then_import_into_an_empty_store_round_trips() {
    round_trip("w3c", ".jsonld");
}

#[test]
fn what_is_passed_over_is_said() {
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::write(data.path().join("config.toml"), "").expect("config");
    let bundle = data.path().join("other.json");
    std::fs::write(
        &bundle,
        r#"{"type": "bundle", "id": "bundle--6b1f4b4e-4d57-4a4c-9a0e-3f1b1d1e2f30", "objects": [
            {"type": "note", "spec_version": "2.1", "id": "note--0a4d3c2b-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
             "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
             "content": "\u001b]0;owned\u0007 written in another tool",
             "object_refs": ["report--1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"]}]}"#,
    )
    .expect("write");
    let out = brief(
        data.path(),
        data.path(),
        &["import-notes", &bundle.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("passed over 1 STIX note that brief did not write"),
        "{err}"
    );
    assert!(err.contains("0 briefings"), "{err}");
}

#[test]
fn bad_web_annotations_are_named_with_their_place() {
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::write(data.path().join("config.toml"), "").expect("config");
    let path = data.path().join("notes.jsonld");
    std::fs::write(
        &path,
        "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n \"type\": \"Annotation\",\n \"created\": \"\u{1b}[2Jyesterday\",\n \"target\": \"urn:x\"}",
    )
    .expect("write");
    let out = brief(
        data.path(),
        data.path(),
        &["import-notes", &path.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("notes.jsonld: error: line 3, column"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}
