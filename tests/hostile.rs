//! Hostile input: a briefing from elsewhere must not be able to set the terminal's
//! title, write its clipboard, plant a link, move the cursor, crash the reader or eat
//! memory. The small corpus is committed in `tests/fixtures/hostile/`; the large and
//! special files (100 MB, /dev/zero, a FIFO, 200,000 sections, a 1 MB line, escapes in
//! file names) are generated here, at test time.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::Tui;

/// Runs `brief ARGS` with a hang detector (not a speed goal: a FIFO or /dev/zero must
/// never block brief at all, so any bound catches a regression).
fn brief(args: &[&str], home: &Path) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    std::fs::write(home.join("config.toml"), "").expect("config");
    let child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_CONFIG", home.join("config.toml"))
        .env("BRIEF_DATA_DIR", home.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    // Read the output on another thread (a full pipe must not stall brief).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(out) => {
            let out = out.expect("output");
            (out.status.code(), out.stdout, out.stderr)
        }
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("brief {args:?} hung");
        }
    }
}

/// Fails if any byte sequence that can drive a terminal is in `bytes`.
fn assert_inert(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
        assert!(
            !bad,
            "{what}: control U+{:04X} at byte {i}: {:?}",
            c as u32,
            &text[i.saturating_sub(40)..]
        );
    }
}

fn hostile_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read_dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "the hostile corpus is missing");
    files
}

fn rel(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn no_escape_sequence_reaches_stdout_or_stderr_from_any_command() {
    let home = tempfile::tempdir().expect("tempdir");
    for file in hostile_fixtures() {
        let path = rel(&file);
        for args in [
            vec!["check", &path],
            vec!["list", &path],
            vec!["list", "--format", "json", &path],
        ] {
            let (code, out, err) = brief(&args, home.path());
            assert!(matches!(code, Some(0 | 1)), "{args:?} exited {code:?}");
            assert_inert(&out, &format!("{args:?} stdout"));
            assert_inert(&err, &format!("{args:?} stderr"));
        }
        // `show` every briefing that loads.
        let (_, json, _) = brief(&["list", "--format", "json", &path], home.path());
        let items: serde_json::Value = serde_json::from_slice(&json).expect("json");
        for item in items.as_array().into_iter().flatten() {
            let id = item["id"].as_str().unwrap_or_default();
            let (code, out, err) = brief(&["show", id, "--width", "60", &path], home.path());
            assert_eq!(code, Some(0), "show {id}");
            assert_inert(&out, &format!("show {id}"));
            assert_inert(&err, &format!("show {id} stderr"));
        }
    }
}

#[test]
fn escapes_are_shown_as_visible_symbols_not_dropped_silently() {
    let home = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = brief(
        &["show", "osc-title", "tests/fixtures/hostile/osc-title.toml"],
        home.path(),
    );
    assert_eq!(code, Some(0));
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("Title ␛]0;PWNED-TITLE␇"), "{text}");
}

#[test]
fn files_over_the_cap_devices_and_fifos_are_refused_at_once() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path();
    // A 100 MB file (sparse: the cap is checked before a byte is read).
    let big = dir.join("big.toml");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(100 * 1024 * 1024).expect("set_len");
    drop(f);
    let (code, out, _) = brief(&["check", big.to_str().unwrap_or_default()], dir);
    assert_eq!(code, Some(1));
    assert!(
        String::from_utf8_lossy(&out)
            .contains("file is too large: 100 MiB is over the 64 MiB limit")
    );
    // A character device.
    let (code, out, _) = brief(&["check", "/dev/zero"], dir);
    assert_eq!(code, Some(1));
    assert!(String::from_utf8_lossy(&out).contains("/dev/zero: error: not a regular file"));
    // A FIFO with no writer would block any reader that opens it.
    let fifo = dir.join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let (code, out, _) = brief(&["check", fifo.to_str().unwrap_or_default()], dir);
    assert_eq!(code, Some(1));
    assert!(String::from_utf8_lossy(&out).contains("not a regular file"));
    // A folder holding all three: walked, each refused, no hang.
    let (code, out, _) = brief(&["list", dir.to_str().unwrap_or_default()], dir);
    assert_eq!(code, Some(1));
    assert_inert(&out, "list of refused files");
}

/// 200,000 sections, and one section whose body is a single 1 MB line.
fn big_shapes(dir: &Path) -> (PathBuf, PathBuf) {
    let many = dir.join("many-sections.toml");
    let mut text = String::from("title = \"Two hundred thousand sections\"\n");
    for i in 0..200_000 {
        text.push_str(&format!(
            "\n[[sections]]\nid = \"s{i}\"\ntitle = \"S{i}\"\nbody = \"Text of {i}.\"\n"
        ));
    }
    std::fs::write(&many, text).expect("write");
    let line = dir.join("one-long-line.toml");
    let word = "mot ".repeat(250_000);
    std::fs::write(
        &line,
        format!(
            "title = \"One long line\"\n\n[[sections]]\ntitle = \"Long\"\nbody = \"{word}ZQXEND\"\n"
        ),
    )
    .expect("write");
    (many, line)
}

#[test]
fn huge_shapes_load_and_show() {
    let home = tempfile::tempdir().expect("tempdir");
    let (many, line) = big_shapes(home.path());
    let (code, out, _) = brief(
        &[
            "list",
            "--format",
            "json",
            many.to_str().unwrap_or_default(),
        ],
        home.path(),
    );
    assert_eq!(code, Some(0));
    let items: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(items[0]["sections"], 200_000);
    let (code, out, _) = brief(
        &[
            "show",
            "one-long-line",
            "--width",
            "80",
            line.to_str().unwrap_or_default(),
        ],
        home.path(),
    );
    assert_eq!(code, Some(0));
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
    );
    assert!(text.contains("ZQXEND"));
}

#[test]
fn escapes_in_file_names_never_reach_the_terminal() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("x\u{1b}]0;PWNED\u{7}.toml"), "title = \"[broken\n").expect("write");
    std::fs::write(
        dir.join("y\u{1b}[2J\u{9b}.toml"),
        "title = \"fine\"\n[[sections]]\ntitle = \"A\"\n",
    )
    .expect("write");
    for cmd in ["check", "list"] {
        let (code, out, err) = brief(&[cmd, dir.to_str().unwrap_or_default()], home.path());
        assert!(matches!(code, Some(0 | 1)));
        assert_inert(&out, cmd);
        assert_inert(&err, cmd);
    }
}

/// Opens a file in the reader, walks it, and checks that nothing it holds reached the
/// terminal as a sequence: the spy saw no title, clipboard or OSC, and the raw bytes
/// hold no OSC introducer, BEL or C1 control.
fn read_in_pty(path: &str) {
    let mut tui = Tui::start(&[path], 100, 30);
    let screen = tui.wait_until("the reader or its error", |s| {
        s.contains("Outline") || s.contains("error")
    });
    if screen.contains("Outline") {
        // Each step waits for its effect, so that Esc is never read together with
        // the next key as Alt-key.
        tui.send("G");
        tui.wait_for("100%");
        tui.send("gjjj]");
        tui.send("?");
        tui.wait_for("Esc closes");
        tui.send("\x1b");
        tui.wait_until("help closed", |s| !s.contains("Esc closes"));
        tui.send("L");
        tui.wait_for(" LIBRARY ");
        tui.send("\x1b");
        tui.wait_for(" READ ");
        tui.send("hG");
        tui.wait_for(" OUTLINE ");
        tui.send("q");
        assert_eq!(tui.wait_exit(), 0, "{path}: the reader did not end cleanly");
    } else {
        assert_eq!(
            tui.wait_exit(),
            1,
            "{path}: a file that does not load exits 1"
        );
    }
    let spy = tui.spy();
    assert!(spy.titles.is_empty(), "{path}: title set: {:?}", spy.titles);
    assert!(
        spy.clipboard.is_empty(),
        "{path}: clipboard written: {:?}",
        spy.clipboard
    );
    assert!(spy.osc.is_empty(), "{path}: OSC sent: {:?}", spy.osc);
    let raw = tui.raw();
    assert!(
        !raw.windows(2).any(|w| w == b"\x1b]"),
        "{path}: OSC in the output"
    );
    assert!(!raw.contains(&0x07), "{path}: BEL in the output");
    assert!(
        !raw.windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])),
        "{path}: C1 in the output"
    );
    assert!(!tui.alternate_screen(), "{path}: terminal not restored");
}

#[test]
fn the_reader_never_passes_a_sequence_from_a_file_to_the_terminal() {
    for file in hostile_fixtures() {
        read_in_pty(&rel(&file));
    }
}

#[test]
fn the_reader_opens_huge_shapes() {
    let home = tempfile::tempdir().expect("tempdir");
    let (many, line) = big_shapes(home.path());
    for path in [many, line] {
        read_in_pty(path.to_str().unwrap_or_default());
    }
}

/// The lines of `brief check` on a generated file, its exit code and the total size of
/// what it printed.
fn check_generated(dir: &Path, name: &str, text: &str) -> (Option<i32>, Vec<String>, usize) {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    let (code, out, err) = brief(&["check", path.to_str().unwrap_or_default()], dir);
    assert_inert(&out, name);
    let lines = String::from_utf8_lossy(&out)
        .lines()
        .map(str::to_owned)
        .collect();
    (code, lines, out.len() + err.len())
}

#[test]
fn two_megabytes_of_tags_load_in_linear_time() {
    // 190,000 tags (1.9 MB): the duplicate check compared each with every other one
    // before it, 34 seconds in a release build. The last 10,000 repeat earlier ones: ten
    // warnings are shown, and the rest summarised.
    let home = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("title = \"Tags\"\ntags = [");
    for i in 0..190_000 {
        text.push_str(&format!(
            "\"tag-{}\",",
            if i < 180_000 { i } else { i - 180_000 }
        ));
    }
    text.push_str("]\n[[sections]]\ntitle = \"A\"\n");
    assert!(text.len() > 1_800_000);
    let (code, lines, size) = check_generated(home.path(), "tags.toml", &text);
    assert_eq!(code, Some(0));
    assert_eq!(lines.len(), 11, "{lines:#?}");
    assert!(
        lines[0].ends_with("warning: tag `tag-0` is listed twice"),
        "{}",
        lines[0]
    );
    assert!(
        lines[10].ends_with("warning: … and 9,990 more like this"),
        "{}",
        lines[10]
    );
    assert!(size < 4_000, "{size} bytes printed");
}

#[test]
fn ten_thousand_dates_naming_unknown_sections_print_a_screenful() {
    // 0.9 MB of Markdown: 10,000 sections and 10,000 `[[dates]]` naming none of them.
    // Each error listed every section id: 1.39 GB of output and as much memory.
    let home = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("+++\ntitle = \"Dates\"\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "[[dates]]\nsection = \"gone-{i}\"\nfrom = \"--09-10\"\nlabel = \"Mentioned\"\n"
        ));
    }
    text.push_str("+++\n");
    for i in 0..10_000 {
        text.push_str(&format!("## Section {i}\n\nText {i}.\n\n"));
    }
    assert!(text.len() > 800_000);
    let (code, lines, size) = check_generated(home.path(), "dates.md", &text);
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 11, "{lines:#?}");
    assert!(
        lines[0].ends_with("error: no section has the id `gone-0` (the section ids are section-0, section-1, section-2, section-3, section-4, section-5, section-6, section-7 and 9,992 more)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[10].ends_with("error: … and 9,990 more like this"),
        "{}",
        lines[10]
    );
    assert!(size < 5_000, "{size} bytes printed");
}

#[test]
fn a_title_made_only_of_invisible_characters_is_refused() {
    let home = tempfile::tempdir().expect("tempdir");
    let text = "title = \"\\u200b\\u200d\\u200d\\u202e\\u2066\\u2069\\ufeff \\u200e\"\n[[sections]]\ntitle = \"A\"\n";
    let (code, lines, _) = check_generated(home.path(), "blank.toml", text);
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].ends_with("blank.toml:1:9: error: the briefing's `title` has no visible character (only spaces, zero-width characters or direction marks)"),
        "{}",
        lines[0]
    );
}

#[test]
fn flags_and_joiner_sequences_are_measured_as_terminals_draw_them() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = "tests/fixtures/hostile/zwj-flags.toml";
    // A run of joiners never reaches the terminal; a single one (inside a family) does.
    let (code, out, _) = brief(&["show", "zwj-flags", path], home.path());
    assert_eq!(code, Some(0));
    let shown = String::from_utf8_lossy(&out);
    assert!(
        !shown.contains("\u{200d}\u{200d}"),
        "a run of joiners was printed"
    );
    assert!(shown.contains("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}"));
    assert!(shown.contains("xy"), "{shown}");
    // A title of forty families (eighty columns) is cut to sixty in `list`, counting each
    // family as the two columns it takes, not as the six of its characters.
    let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let file = home.path().join("families.toml");
    std::fs::write(
        &file,
        format!(
            "title = \"{}\"\n[[sections]]\ntitle = \"A\"\n",
            family.repeat(40)
        ),
    )
    .expect("write");
    let (code, out, _) = brief(&["list", file.to_str().unwrap_or_default()], home.path());
    assert_eq!(code, Some(0));
    let table = String::from_utf8_lossy(&out);
    let row = table.lines().nth(1).unwrap_or_default();
    let start = row.find('\u{1f468}').unwrap_or(0);
    let end = row.find('…').map_or(0, |i| i + '…'.len_utf8());
    let title = row.get(start..end).unwrap_or_default();
    assert_eq!(unicode_width::UnicodeWidthStr::width(title), 59, "{row}");
}
