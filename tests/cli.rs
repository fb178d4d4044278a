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
