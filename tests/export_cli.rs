//! `brief export` and `brief import-notes` as a user runs them: a JSON round trip
//! through the command line, and a kill -9 in the middle of an export never leaving a
//! half-written file.

use std::path::Path;
use std::process::{Command, Stdio};

use brief::domain::anchor::make_anchor;
use brief::domain::library::Library;
use brief::domain::placing::doc_text;
use brief::domain::store::{AnnotationSet, LockMode, Store};

const FR: &str = "kim-putin-vladivostok-fr";

/// A data dir with `n` notes on the French briefing.
fn store_with_notes(data: &Path, n: usize) {
    let library = Library::bundled();
    let briefing = library.get(FR).expect("bundled");
    let doc = doc_text(briefing);
    let store = Store::new(data);
    let mut set = AnnotationSet::new(FR);
    for i in 0..n {
        let section = i % doc.sections.len();
        let anchor = make_anchor(
            FR,
            &briefing.version,
            &doc,
            section,
            0,
            0..doc.sections[section].blocks[0].len(),
        );
        set.add_note(
            anchor,
            &format!("Note {i} : à vérifier *vite* <b>&amp; #tag{}", i % 3),
        );
    }
    store.save(&mut set, LockMode::Wait).expect("save");
}

fn brief(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_CONFIG", data.join("config.toml"))
        .env("BRIEF_DATA_DIR", data)
        .output()
        .expect("run brief")
}

fn without_export_time(json: &str) -> String {
    json.lines()
        .filter(|l| !l.contains("\"exported_at\""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn json_export_then_import_into_an_empty_store_round_trips() {
    let one = tempfile::tempdir().expect("tempdir");
    let two = tempfile::tempdir().expect("tempdir");
    for d in [&one, &two] {
        std::fs::write(d.path().join("config.toml"), "").expect("config");
    }
    store_with_notes(one.path(), 5);
    let first = brief(
        one.path(),
        &[
            "export",
            "--format",
            "json",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let file = one.path().join("notes.json");
    std::fs::write(&file, &first.stdout).expect("write");
    let import = brief(two.path(), &["import-notes", file.to_str().expect("path")]);
    assert_eq!(
        import.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert!(String::from_utf8_lossy(&import.stderr).contains("5 added"));
    let second = brief(
        two.path(),
        &[
            "export",
            "--format",
            "json",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    let (a, b) = (
        String::from_utf8_lossy(&first.stdout),
        String::from_utf8_lossy(&second.stdout),
    );
    assert_eq!(without_export_time(&a), without_export_time(&b));
    // Markdown and HTML keep the specials literal.
    let md = brief(one.path(), &["export", "-o", "-", "--from", "briefings"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("\\*vite\\*"), "{md}");
    let html = brief(
        one.path(),
        &[
            "export",
            "--format",
            "html",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    let html = String::from_utf8_lossy(&html.stdout);
    assert!(html.contains("&lt;b&gt;&amp;amp;"), "escaped");
    assert!(!html.contains("<b>"), "no raw markup from a note");
}

#[test]
fn a_killed_export_never_leaves_a_half_written_file() {
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::write(data.path().join("config.toml"), "").expect("config");
    store_with_notes(data.path(), 3000);
    let out = data.path().join("export.html");
    let mut seed = 7u64;
    for trial in 0..25 {
        let _ = std::fs::remove_file(&out);
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["export", "--format", "html", "--from", "briefings", "-o"])
            .arg(&out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("BRIEF_CONFIG", data.path().join("config.toml"))
            .env("BRIEF_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // A pseudo-random moment: from the start to well after a typical export.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = (seed >> 33) % 400;
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        if let Ok(text) = std::fs::read_to_string(&out) {
            assert!(
                text.trim_end().ends_with("</html>"),
                "trial {trial}: a partial export was left ({} bytes)",
                text.len()
            );
        }
    }
}
