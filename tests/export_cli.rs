//! `brief export` and `brief import-notes` as a user runs them: a JSON round trip
//! through the command line, a kill -9 in the middle of an export never leaving a
//! half-written file, `-o` writing what it names (a file, replaced only with `--force`; a
//! device in place; never a folder), only what has notes, `--since` forms, tag filters,
//! the notes of a briefing gone from the library, and a byte-order mark.

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

/// A data dir with a config and `n` notes on the French briefing.
fn data_with_notes(n: usize) -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::write(data.path().join("config.toml"), "").expect("config");
    store_with_notes(data.path(), n);
    data
}

fn err(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn o_writes_the_file_named_and_replaces_it_only_with_force() {
    let data = data_with_notes(2);
    let target = data.path().join("notes.md");
    let target_arg = target.to_str().expect("path");
    let first = brief(
        data.path(),
        &["export", "-o", target_arg, "--from", "briefings"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", err(&first));
    assert!(err(&first).contains("wrote"), "{}", err(&first));
    std::fs::write(&target, "mine").expect("write");
    let again = brief(
        data.path(),
        &["export", "-o", target_arg, "--from", "briefings"],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        err(&again).contains("exists: use --force"),
        "{}",
        err(&again)
    );
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "mine");
    assert!(
        !data.path().join("notes-2.md").exists(),
        "a sibling was written"
    );
    let forced = brief(
        data.path(),
        &["export", "-o", target_arg, "--force", "--from", "briefings"],
    );
    assert_eq!(forced.status.code(), Some(0), "{}", err(&forced));
    assert!(err(&forced).contains("replaced"), "{}", err(&forced));
    assert!(
        std::fs::read_to_string(&target)
            .expect("read")
            .starts_with("**UNCLASSIFIED**\n\n# Kim Jong Un")
    );
}

#[test]
fn o_refuses_a_folder_and_writes_a_device_in_place() {
    let data = data_with_notes(1);
    let folder = data.path().join("out");
    std::fs::create_dir(&folder).expect("mkdir");
    for arg in [
        folder.to_str().expect("path").to_owned(),
        format!("{}/", folder.display()),
        format!("{}/", data.path().join("missing").display()),
    ] {
        let out = brief(data.path(), &["export", "-o", &arg, "--from", "briefings"]);
        assert_eq!(out.status.code(), Some(1), "{arg}");
        assert!(err(&out).contains("is a folder"), "{arg}: {}", err(&out));
    }
    assert_eq!(std::fs::read_dir(&folder).expect("ls").count(), 0);
    assert!(!data.path().join("missing").exists());
    if Path::new("/dev/stdout").exists() {
        let out = brief(
            data.path(),
            &["export", "-o", "/dev/stdout", "--from", "briefings"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", err(&out));
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with("**UNCLASSIFIED**\n\n# Kim Jong Un")
        );
        assert!(err(&out).contains("wrote to /dev/stdout"), "{}", err(&out));
    }
}

#[test]
fn without_o_each_export_is_a_new_file_and_says_which() {
    let data = data_with_notes(1);
    let cwd = data.path().join("work");
    std::fs::create_dir(&cwd).expect("mkdir");
    let briefings = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let mut said = Vec::new();
    for _ in 0..2 {
        let out = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["export", "--from"])
            .arg(&briefings)
            .current_dir(&cwd)
            .env("BRIEF_CONFIG", data.path().join("config.toml"))
            .env("BRIEF_DATA_DIR", data.path())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", err(&out));
        said.push(err(&out));
    }
    let names: Vec<String> = std::fs::read_dir(&cwd)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for name in &names {
        assert!(
            said.iter().any(|s| s.contains(name.as_str())),
            "{name} not said: {said:?}"
        );
    }
}

#[test]
fn only_briefings_with_notes_are_exported_unless_named() {
    let data = data_with_notes(2);
    // The English briefing's store file holds a reading position only.
    let store = Store::new(data.path());
    let mut en = AnnotationSet::new("kim-putin-vladivostok-en");
    en.set_position("context-and-preparation", 0);
    store.save(&mut en, LockMode::Wait).expect("save");
    let out = brief(
        data.path(),
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
    assert_eq!(out.status.code(), Some(0), "{}", err(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = doc["briefings"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|b| b["id"].as_str())
        .collect();
    assert_eq!(ids, [FR]);
    // Named, a briefing without notes is said so, and nothing is written for it.
    let named = brief(
        data.path(),
        &[
            "export",
            "kim-putin-vladivostok-en",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    assert_eq!(named.status.code(), Some(1));
    assert!(
        err(&named).contains("has no notes or bookmarks"),
        "{}",
        err(&named)
    );
    assert!(err(&named).contains("nothing to export"), "{}", err(&named));
    // A filter nothing passes exports nothing.
    let filtered = brief(
        data.path(),
        &[
            "export",
            "--tag",
            "absent",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    assert_eq!(filtered.status.code(), Some(1), "{}", err(&filtered));
}

#[test]
fn tag_filters_fold_accents_and_are_sanitised() {
    let data = data_with_notes(3);
    // The notes carry #tag0, #tag1, #tag2: `TAG1` and `tág1` find the second.
    for tag in ["TAG1", "#tág1"] {
        let out = brief(
            data.path(),
            &[
                "export",
                "--format",
                "json",
                "--tag",
                tag,
                "-o",
                "-",
                "--from",
                "briefings",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{tag}: {}", err(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(
            doc["briefings"][0]["notes"].as_array().map(Vec::len),
            Some(1)
        );
    }
    // A tag holding escape sequences never reaches the terminal.
    let out = brief(
        data.path(),
        &[
            "export",
            FR,
            "--format",
            "html",
            "--tag",
            "x\u{1b}]0;pwned\u{7}",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    for stream in [&out.stdout, &out.stderr] {
        assert!(
            !stream.contains(&0x1b) && !stream.contains(&0x07),
            "{}",
            err(&out)
        );
    }
}

#[test]
fn since_takes_dates_and_spans_and_explains_bad_values() {
    let data = data_with_notes(2);
    for since in [
        "7d",
        "2w",
        "today",
        "yesterday",
        "2020-01-01",
        "2020-01-01T08:30",
    ] {
        let out = brief(
            data.path(),
            &["export", "--since", since, "-o", "-", "--from", "briefings"],
        );
        assert_eq!(out.status.code(), Some(0), "{since}: {}", err(&out));
    }
    let future = brief(
        data.path(),
        &[
            "export",
            "--since",
            "2999-01-01",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    assert_eq!(future.status.code(), Some(1));
    let bad = brief(
        data.path(),
        &[
            "export",
            "--since",
            "last tuesday",
            "-o",
            "-",
            "--from",
            "briefings",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    let message = err(&bad);
    assert!(
        message.contains("`last tuesday` is not a moment"),
        "{message}"
    );
    assert!(message.contains("7d, 2w"), "{message}");
    assert!(!message.contains("four digit"), "{message}");
}

#[test]
fn notes_of_a_briefing_gone_from_the_library_are_exported() {
    let data = data_with_notes(2);
    let empty = data.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let from = empty.to_str().expect("path");
    let listed = brief(data.path(), &["notes", "--from", from]);
    assert_eq!(listed.status.code(), Some(0), "{}", err(&listed));
    for args in [
        &["export", "-o", "-", "--from", from][..],
        &["export", FR, "-o", "-", "--from", from][..],
    ] {
        let out = brief(data.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", err(&out));
        let md = String::from_utf8_lossy(&out.stdout);
        assert!(md.starts_with(&format!("# {FR}\n")), "{md}");
        assert!(md.contains("not in the library any more"), "{md}");
        assert!(md.contains("## Needs review"), "{md}");
        assert_eq!(md.matches("Note ").count(), 2, "{md}");
        assert!(err(&out).contains("is not in the library"), "{}", err(&out));
    }
}

#[test]
fn import_notes_accepts_a_byte_order_mark() {
    let one = data_with_notes(3);
    let two = tempfile::tempdir().expect("tempdir");
    std::fs::write(two.path().join("config.toml"), "").expect("config");
    let export = brief(
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
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(&export.stdout);
    let file = one.path().join("bom.json");
    std::fs::write(&file, bytes).expect("write");
    let import = brief(two.path(), &["import-notes", file.to_str().expect("path")]);
    assert_eq!(import.status.code(), Some(0), "{}", err(&import));
    assert!(err(&import).contains("3 added"), "{}", err(&import));
}

#[test]
fn export_and_import_speak_the_interface_language_and_headings_the_briefing_s() {
    let data = data_with_notes(2);
    let config = data.path().join("config.toml");
    let run = |language: &str, args: &[&str]| {
        std::fs::write(&config, format!("language = \"{language}\"\n")).expect("config");
        brief(data.path(), args)
    };
    let en = "kim-putin-vladivostok-en";
    // Named without notes: skipped, and nothing to export, in the interface's words.
    let out = run("fr", &["export", en, "-o", "-", "--from", "briefings"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err(&out).contains(&format!("ignoré\u{202f}: `{en}` n’a ni note ni signet")),
        "{}",
        err(&out)
    );
    assert!(err(&out).contains("rien à exporter"), "{}", err(&out));
    let out = run("en", &["export", en, "-o", "-", "--from", "briefings"]);
    assert!(
        err(&out).contains(&format!("brief: skipped `{en}` has no notes or bookmarks")),
        "{}",
        err(&out)
    );
    assert!(
        err(&out).contains("brief: nothing to export"),
        "{}",
        err(&out)
    );
    // The French briefing's headings are French in both interfaces.
    for language in ["en", "fr"] {
        let out = run(language, &["export", FR, "-o", "-", "--from", "briefings"]);
        let md = String::from_utf8_lossy(&out.stdout);
        assert!(md.contains("- **Exporté le\u{202f}:**"), "{md}");
        assert!(md.contains("2 notes, 0 signet"), "{md}");
    }
    // A bad notes file: its line and column, in the interface's words.
    let bad = data.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"schema\": 1,\n  oops").expect("write");
    let path = bad.to_str().expect("path");
    let out = run("fr", &["import-notes", path]);
    assert!(
        err(&out).contains("ligne 3, colonne 3\u{202f}: JSON invalide\u{202f}:"),
        "{}",
        err(&out)
    );
    let out = run("en", &["import-notes", path]);
    assert!(
        err(&out).contains("line 3, column 3: not valid JSON: "),
        "{}",
        err(&out)
    );
}
