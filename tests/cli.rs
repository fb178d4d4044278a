//! The command line as a user runs it: the real `brief` binary on the bundled
//! briefings and on the invalid fixtures, checking output and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn brief(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Never read the developer's own config or data.
        .env("BRIEF_CONFIG", data.join("no-config.toml"))
        .env("BRIEF_DATA_DIR", data.join("data"))
        .env_remove("NO_COLOR")
        // The messages read here are English whatever the developer's locale (LC_ALL
        // comes first); tests/cli_i18n.rs tests the other languages.
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run brief")
}

fn empty_config(dir: &Path) -> PathBuf {
    let path = dir.join("no-config.toml");
    std::fs::write(&path, "").expect("write config");
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    empty_config(dir.path());
    dir
}

#[test]
fn check_passes_on_the_bundled_briefings() {
    let dir = setup();
    let out = brief(&["check", "briefings"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("2 briefings loaded, 0 errors, 0 warnings"));
}

#[test]
fn list_shows_both_bundled_briefings_with_their_sections() {
    let dir = setup();
    let out = brief(&["list", "--format", "json", "briefings"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = items.as_array().expect("array");
    let ids: Vec<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["kim-putin-vladivostok-en", "kim-putin-vladivostok-fr"]
    );
    for item in items {
        assert!(item["sections"].as_u64().unwrap_or(0) >= 10, "{item}");
    }
    let table = brief(&["list", "briefings"], dir.path());
    let table = text(&table.stdout);
    assert!(table.starts_with("ID "), "{table}");
    assert!(
        table.contains("kim-putin-vladivostok-fr  -     fr    Kim Jong Un et Vladimir Poutine")
    );
}

#[test]
fn the_bundled_briefings_state_their_possible_dates() {
    let dir = setup();
    let out = brief(
        &[
            "show",
            "kim-putin-vladivostok-en",
            "--section",
            "possible-dates",
            "briefings",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("Date: 10–13 Sep"), "{shown}");
    assert!(shown.contains("(reported)"), "{shown}");
}

#[test]
fn with_no_path_and_no_folder_the_embedded_briefings_are_used() {
    let dir = setup();
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["list"])
        .current_dir(dir.path())
        .env("BRIEF_CONFIG", dir.path().join("no-config.toml"))
        .env("BRIEF_DATA_DIR", dir.path().join("data"))
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let table = text(&out.stdout);
    assert!(table.contains("kim-putin-vladivostok-fr"), "{table}");
    assert!(table.contains("kim-putin-vladivostok-en"), "{table}");
}

#[test]
fn show_wraps_to_the_width_asked() {
    let dir = setup();
    let out = brief(
        &[
            "show",
            "kim-putin-vladivostok-fr",
            "--width",
            "40",
            "briefings",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(
        shown.starts_with("[NON CLASSIFIÉ — source ouverte]\n"),
        "{shown}"
    );
    for line in shown.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "too wide: {line:?}"
        );
    }
    let missing = brief(&["show", "nope", "briefings"], dir.path());
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("no briefing with id `nope`"));
}

/// Each invalid fixture: its file, the `line:column` of the error, and words of the message.
const INVALID: &[(&str, &str, &str)] = &[
    (
        "broken-toml.toml",
        "3:12",
        "invalid TOML: unclosed array table",
    ),
    ("invalid-utf8.toml", "2:27", "invalid UTF-8"),
    ("missing-title.toml", "1:1", "missing `title`"),
    ("unknown-key.toml", "5:1", "unknown field `kynd`"),
    (
        "duplicate-section-id.toml",
        "9:6",
        "duplicate section id `context`: already used on line 4",
    ),
    (
        "backwards-date.toml",
        "9:6",
        "the range runs backwards: `from` 2023-09-13 is after `to` 2023-09-10",
    ),
    ("malformed-id.toml", "2:6", "malformed id `Kim Putin 2023`"),
    ("empty.toml", "1:1", "the file is empty"),
    ("control-char.toml", "1:14", "raw control character U+001B"),
    ("deep-nesting.toml", "2:85", "nested too deeply"),
    ("bad-date.toml", "2:8", "month 13 does not exist"),
    (
        "bad-language.toml",
        "2:12",
        "`French!` is not a language tag",
    ),
    ("wrong-type.toml", "2:8", "expected a list"),
    (
        "section-without-title.toml",
        "3:1",
        "a section needs a `title`",
    ),
];

#[test]
fn every_invalid_fixture_is_reported_at_its_position() {
    let dir = setup();
    for (file, position, words) in INVALID {
        let path = format!("tests/fixtures/invalid/{file}");
        let out = brief(&["check", &path], dir.path());
        assert_eq!(out.status.code(), Some(1), "{file} should fail");
        let stdout = text(&out.stdout);
        let first = stdout.lines().next().unwrap_or_default();
        let expected = format!("{path}:{position}: error: ");
        assert!(
            first.starts_with(&expected),
            "{file}: {first:?} does not start with {expected:?}"
        );
        assert!(
            first.contains(words),
            "{file}: {first:?} does not say {words:?}"
        );
    }
}

#[test]
fn two_files_with_one_id_is_an_error_naming_both() {
    let dir = setup();
    let out = brief(
        &["check", "tests/fixtures/invalid/duplicate-id"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout).trim(),
        "tests/fixtures/invalid/duplicate-id/second.toml:1:6: error: duplicate briefing id `same-id`: tests/fixtures/invalid/duplicate-id/first.toml already uses it"
    );
}

#[test]
fn files_over_the_size_cap_are_refused() {
    let dir = setup();
    let config = dir.path().join("small.toml");
    std::fs::write(&config, "max_file_bytes = 1024\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--config", config.to_str().unwrap_or_default()])
        .args(["check", "tests/fixtures/invalid/over-size-cap.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_DATA_DIR", dir.path().join("data"))
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout).trim(),
        "tests/fixtures/invalid/over-size-cap.toml: error: file is too large: 2.5 KiB is over the 1 KiB limit (config `max_file_bytes`)"
    );
}

#[test]
fn check_json_carries_the_positions() {
    let dir = setup();
    let out = brief(
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/invalid/malformed-id.toml",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(items[0]["line"], 2);
    assert_eq!(items[0]["column"], 6);
    assert_eq!(items[0]["severity"], "error");
}

#[test]
fn a_broken_file_does_not_hide_the_good_ones() {
    let dir = setup();
    let folder = dir.path().join("mixed");
    std::fs::create_dir(&folder).expect("mkdir");
    for name in [
        "kim-putin-vladivostok.fr.toml",
        "kim-putin-vladivostok.en.toml",
    ] {
        std::fs::copy(Path::new("briefings").join(name), folder.join(name)).expect("copy");
    }
    std::fs::write(
        folder.join("broken.toml"),
        "title = \"Broken\"\n[[sections]\n",
    )
    .expect("write");
    let out = brief(&["list", folder.to_str().unwrap_or_default()], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let table = text(&out.stdout);
    assert!(table.contains("kim-putin-vladivostok-fr"), "{table}");
    assert!(table.contains("kim-putin-vladivostok-en"), "{table}");
    let errors = text(&out.stderr);
    assert!(
        errors.contains("broken.toml:2:12: error: invalid TOML"),
        "{errors}"
    );
}

#[test]
fn escape_sequences_in_file_names_and_text_never_reach_the_terminal() {
    let dir = setup();
    let evil = dir.path().join("evil\u{1b}]0;pwned\u{7}.toml");
    std::fs::write(&evil, "title = \"x\"\nid = \"Bad\\u001b[2J\"\n").expect("write");
    let out = brief(&["check", evil.to_str().unwrap_or_default()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    for stream in [&out.stdout, &out.stderr] {
        assert!(!stream.contains(&0x1b), "ESC leaked: {:?}", text(stream));
        assert!(!stream.contains(&0x07), "BEL leaked: {:?}", text(stream));
    }
}

#[test]
fn a_bad_config_is_reported_with_its_position() {
    let dir = setup();
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "theme = \"dark\"\nmouse = \"sometimes\"\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--config", config.to_str().unwrap_or_default(), "list"])
        .env("BRIEF_DATA_DIR", dir.path().join("data"))
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("bad.toml:2:9: error: invalid config"), "{err}");
}

#[test]
fn help_version_and_completions() {
    let dir = setup();
    let help = brief(&["--help"], dir.path());
    assert_eq!(help.status.code(), Some(0));
    let help = text(&help.stdout);
    for word in ["check", "list", "show", "completions", "--config"] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    let version = brief(&["--version"], dir.path());
    assert_eq!(
        text(&version.stdout).trim(),
        format!("brief {}", env!("CARGO_PKG_VERSION"))
    );
    let bash = brief(&["completions", "bash"], dir.path());
    assert_eq!(bash.status.code(), Some(0));
    assert!(text(&bash.stdout).contains("_brief()"));
}

#[test]
fn import_writes_a_draft_that_passes_check_and_never_overwrites() {
    let dir = setup();
    let out = dir.path().join("draft.toml");
    let out_arg = out.to_str().unwrap_or_default();
    let first = brief(
        &[
            "import",
            "tests/fixtures/import/en-plain.txt",
            "-o",
            out_arg,
        ],
        dir.path(),
    );
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let report = text(&first.stderr);
    assert!(report.contains("sections: 4"), "{report}");
    assert!(report.contains("dates:"), "{report}");
    let check = brief(&["check", out_arg], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let before = std::fs::read(&out).expect("read");
    let again = brief(
        &[
            "import",
            "tests/fixtures/import/fr-plain.txt",
            "-o",
            out_arg,
        ],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("exists; use --force"));
    // Refused before any analysis is printed.
    assert!(
        !text(&again.stderr).contains("title:"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read(&out).expect("read"),
        before,
        "the file was touched"
    );
    let forced = brief(
        &[
            "import",
            "tests/fixtures/import/fr-plain.txt",
            "-o",
            out_arg,
            "--force",
        ],
        dir.path(),
    );
    assert_eq!(forced.status.code(), Some(0));
    assert_ne!(std::fs::read(&out).expect("read"), before);
    let stdout = brief(
        &[
            "import",
            "tests/fixtures/import/fr-markdown.md",
            "--year",
            "2031",
            "-o",
            "-",
        ],
        dir.path(),
    );
    assert_eq!(stdout.status.code(), Some(0));
    assert!(text(&stdout.stdout).contains("[[sections]]"));
}

#[test]
fn markdown_briefings_load_beside_toml_ones() {
    let dir = setup();
    let out = brief(
        &[
            "list",
            "--format",
            "json",
            "tests/fixtures/valid/same-briefing.md",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(items[0]["id"], "same-briefing");
    assert_eq!(items[0]["sections"], 3);
}

#[test]
fn search_is_like_grep() {
    let dir = setup();
    let out = brief(&["search", "poutine", "briefings"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let lines = text(&out.stdout);
    assert!(lines.contains("Poutine"), "{lines}");
    // Every body hit names a line of the file that holds the word.
    let source = std::fs::read_to_string("briefings/kim-putin-vladivostok.fr.toml").expect("read");
    let file_lines: Vec<&str> = source.lines().collect();
    let mut checked = 0;
    for hit in lines.lines() {
        let mut parts = hit.splitn(4, ':');
        let (file, section, line) = (parts.next(), parts.next(), parts.next());
        if file != Some("briefings/kim-putin-vladivostok.fr.toml")
            || matches!(section, Some("title" | "summary" | "tags"))
        {
            continue;
        }
        let n: usize = line.and_then(|l| l.parse().ok()).expect("line number");
        assert!(
            file_lines[n - 1].contains("Poutine"),
            "line {n} of the file: {:?}",
            file_lines[n - 1]
        );
        checked += 1;
    }
    assert!(checked >= 2, "{lines}");
    // Accents fold: `cooperation` finds `coopération`.
    let folded = brief(
        &[
            "search",
            "cooperation militaire",
            "briefings/kim-putin-vladivostok.fr.toml",
        ],
        dir.path(),
    );
    assert_eq!(folded.status.code(), Some(0));
    assert!(text(&folded.stdout).contains("coopération militaire"));
    // Nothing found: exit 1, like grep.
    let none = brief(&["search", "zqxnothing", "briefings"], dir.path());
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(text(&none.stdout), "");
    let json = brief(
        &["search", "--format", "json", "Vladivostok", "briefings"],
        dir.path(),
    );
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(items.as_array().is_some_and(|a| a.len() > 3));
}

// ---------------------------------------------------------------------------------------
// Ids, files, notes in search, JSON, completions and the man page
// ---------------------------------------------------------------------------------------

const FR: &str = "kim-putin-vladivostok-fr";

/// Notes with these bodies on the French briefing, in the data dir `brief()` uses.
fn notes_on_french(dir: &Path, bodies: &[&str]) {
    use brief::domain::anchor::make_anchor;
    use brief::domain::placing::doc_text;
    use brief::domain::store::{AnnotationSet, LockMode, Store};
    let library = brief::domain::library::Library::bundled();
    let briefing = library.get(FR).expect("bundled");
    let doc = doc_text(briefing);
    let store = Store::new(dir.join("data"));
    let mut set = AnnotationSet::new(FR);
    for (i, body) in bodies.iter().enumerate() {
        let section = i % doc.sections.len();
        let anchor = make_anchor(
            FR,
            &briefing.version,
            &doc,
            section,
            0,
            0..doc.sections[section].blocks[0].len(),
        );
        set.add_note(anchor, body);
    }
    store.save(&mut set, LockMode::Wait).expect("save");
}

#[test]
fn show_accepts_a_file_as_well_as_an_id() {
    let dir = setup();
    let out = brief(
        &[
            "show",
            "briefings/kim-putin-vladivostok.en.toml",
            "--section",
            "possible-dates",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Possible dates"),
        "{}",
        text(&out.stdout)
    );
    // A file outside any library folder.
    let copy = dir.path().join("copy.toml");
    std::fs::copy("briefings/kim-putin-vladivostok.fr.toml", &copy).expect("copy");
    let out = brief(&["show", copy.to_str().unwrap_or_default()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Kim Jong Un et Vladimir Poutine"),
        "{}",
        text(&out.stdout)
    );
    let missing = brief(&["show", "no/such/file.toml"], dir.path());
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).contains("no/such/file.toml"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn unknown_ids_are_errors_naming_the_closest_known_ids() {
    let dir = setup();
    notes_on_french(dir.path(), &["a note"]);
    for args in [
        &["show", "kim-putin", "briefings"][..],
        &["notes", "kim-putin-vladivostok", "--from", "briefings"][..],
        &[
            "export",
            "kim-putin-vladivostk-fr",
            "-o",
            "-",
            "--from",
            "briefings",
        ][..],
    ] {
        let out = brief(args, dir.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("no briefing with id `"), "{args:?}: {err}");
        assert!(
            err.contains("closest: kim-putin-vladivostok-"),
            "{args:?}: {err}"
        );
        assert_eq!(text(&out.stdout), "", "{args:?}");
    }
    let section = brief(
        &["show", FR, "--section", "objectifs", "briefings"],
        dir.path(),
    );
    assert_eq!(section.status.code(), Some(1));
    assert!(
        text(&section.stderr).contains("closest: objectives"),
        "{}",
        text(&section.stderr)
    );
}

#[test]
fn notes_tags_fold_case_and_accents() {
    let dir = setup();
    notes_on_french(
        dir.path(),
        &["À recouper #à-vérifier", "Rien à signaler #autre"],
    );
    for tag in ["a-verifier", "#A-VERIFIER", "#à-vérifier"] {
        let out = brief(&["notes", "--tag", tag, "--from", "briefings"], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let listed = text(&out.stdout);
        assert!(listed.contains("À recouper"), "{tag}: {listed}");
        assert!(!listed.contains("Rien à signaler"), "{tag}: {listed}");
    }
}

#[test]
fn search_finds_notes_marked_as_notes_unless_left_out() {
    let dir = setup();
    notes_on_french(dir.path(), &["Un zqxmarqueur dans une note"]);
    let out = brief(&["search", "zqxmarqueur", "briefings"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines = text(&out.stdout);
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(
        lines.starts_with("briefings/kim-putin-vladivostok.fr.toml:context-and-preparation:"),
        "{lines}"
    );
    assert!(lines.contains(": [note] Un zqxmarqueur"), "{lines}");
    let json = brief(
        &["search", "--format", "json", "zqxmarqueur", "briefings"],
        dir.path(),
    );
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(
        items[0]["note"].as_str().is_some_and(|id| id.len() == 36),
        "{items}"
    );
    let without = brief(
        &["search", "--no-notes", "zqxmarqueur", "briefings"],
        dir.path(),
    );
    assert_eq!(without.status.code(), Some(1));
    assert_eq!(text(&without.stdout), "");
    // The briefing's own matches carry no note id.
    let own = brief(
        &["search", "--format", "json", "Vladivostok", "briefings"],
        dir.path(),
    );
    let items: serde_json::Value = serde_json::from_slice(&own.stdout).expect("json");
    assert!(
        items
            .as_array()
            .is_some_and(|a| a.iter().all(|i| i["note"].is_null()))
    );
}

#[test]
fn json_outputs_write_dates_as_iso_strings() {
    let dir = setup();
    notes_on_french(dir.path(), &["a note #tag"]);
    let iso_date = |v: &serde_json::Value| {
        v.as_str()
            .is_some_and(|s| s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-')
    };
    let list = brief(&["list", "--format", "json", "briefings"], dir.path());
    let items: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    let accessed = &items[0]["sources"][0]["accessed"];
    assert!(iso_date(accessed), "{accessed}");
    let notes = brief(
        &["notes", "--format", "json", "--from", "briefings"],
        dir.path(),
    );
    let items: serde_json::Value = serde_json::from_slice(&notes.stdout).expect("json");
    let note = &items[0];
    assert!(
        note["created"].as_str().is_some_and(|s| s.ends_with('Z')),
        "{note}"
    );
    assert_eq!(
        note["section_title"],
        "Contexte : Kim prépare un rare voyage à l’étranger"
    );
    assert_eq!(note["type"], "note");
    assert_eq!(note["tags"][0], "tag");
}

#[test]
fn completions_offer_briefing_and_section_ids() {
    let dir = setup();
    let complete = |index: &str, words: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("--")
            .args(words)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", index)
            .env("BRIEF_CONFIG", dir.path().join("no-config.toml"))
            .env("BRIEF_DATA_DIR", dir.path().join("data"))
            .output()
            .expect("run brief");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let ids = complete("2", &["brief", "show", "kim-putin-vladivostok-f"]);
    assert_eq!(ids.trim(), "kim-putin-vladivostok-fr");
    let sections = complete(
        "4",
        &[
            "brief",
            "show",
            "kim-putin-vladivostok-en",
            "--section",
            "poss",
        ],
    );
    assert_eq!(sections.trim(), "possible-dates");
    let all = complete("3", &["brief", "export", "kim", ""]);
    assert!(all.contains("kim-putin-vladivostok-en"), "{all}");
    let commands = complete("1", &["brief", "exp"]);
    assert_eq!(commands.trim(), "export");
    // The shell code calls brief back for candidates.
    let bash = brief(&["completions", "bash"], dir.path());
    assert_eq!(bash.status.code(), Some(0));
    let script = text(&bash.stdout);
    assert!(script.contains("COMPLETE=\"bash\""), "{script}");
    assert!(script.contains("complete -o nospace"), "{script}");
}

#[test]
fn the_man_page_is_generated_from_the_command_line() {
    let dir = setup();
    let out = brief(&["man"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH brief 1"),
        "{page}"
    );
    for word in ["export", "import\\-notes", "completions"] {
        assert!(page.contains(word), "{word} missing from the man page");
    }
    let pages = dir.path().join("man");
    std::fs::create_dir(&pages).expect("mkdir");
    let out = brief(&["man", pages.to_str().unwrap_or_default()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let export = std::fs::read_to_string(pages.join("brief-export.1")).expect("brief-export.1");
    assert!(export.contains("\\-\\-since"), "{export}");
}

/// 100,000 sections that all match: `brief search` once scanned every block of the
/// briefing for each of them (44 s); it must complete (the time is held by `cargo bench`).
#[test]
fn search_over_100000_matching_sections_completes() {
    let dir = setup();
    let file = dir.path().join("many.toml");
    let mut source = String::from("title = \"Many sections\"\n");
    for i in 0..100_000 {
        source.push_str(&format!(
            "\n[[sections]]\nid = \"s{i}\"\ntitle = \"Section {i}\"\nbody = \"\"\"\nThe needle is here.\n\nAnd a second paragraph.\n\"\"\"\n"
        ));
    }
    std::fs::write(&file, source).expect("write");
    let out = brief(
        &["search", "needle", file.to_str().unwrap_or_default()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let hits = text(&out.stdout);
    assert_eq!(hits.lines().count(), 100_000);
    assert!(
        hits.lines().last().is_some_and(|l| l.contains(":s99999:")),
        "{hits:.200}"
    );
}

/// Every key each `--format json` output writes is documented in docs/cli-json.md, under
/// the command's heading.
#[test]
fn every_json_output_is_documented() {
    let dir = setup();
    notes_on_french(dir.path(), &["Un zqxmarqueur #tag"]);
    let doc = std::fs::read_to_string("docs/cli-json.md").expect("docs/cli-json.md");
    for (heading, args) in [
        (
            "## `brief check --format json`",
            &[
                "check",
                "--format",
                "json",
                "tests/fixtures/invalid/malformed-id.toml",
            ][..],
        ),
        (
            "## `brief list --format json`",
            &["list", "--format", "json", "briefings"][..],
        ),
        (
            "## `brief search --format json`",
            &["search", "--format", "json", "zqxmarqueur", "briefings"][..],
        ),
        (
            "## `brief notes --format json`",
            &["notes", "--format", "json", "--from", "briefings"][..],
        ),
    ] {
        let out = brief(args, dir.path());
        let items: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let first = items[0]
            .as_object()
            .unwrap_or_else(|| panic!("{args:?}: {items}"));
        let start = doc
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing"));
        let section = doc[start + heading.len()..]
            .split("\n## ")
            .next()
            .unwrap_or_default();
        for key in first.keys() {
            assert!(
                section.contains(&format!("| `{key}` |")),
                "{heading}: `{key}` is not documented"
            );
        }
    }
}
