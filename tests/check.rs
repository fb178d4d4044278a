//! `brief check` and the briefing format as a user meets them: the real binary on the
//! bundled briefings and on fixtures, for tradecraft (graded sources, portion marks,
//! TLP, estimative language), for every problem of a file in one run, and for the lines
//! `brief search` reports.

use std::path::Path;
use std::process::{Command, Output};

use brief::domain::briefing::Origin;
use brief::domain::load::{LoadOptions, parse_briefing};
use brief::domain::tradecraft::estimative::Lexicons;

fn brief(args: &[&str], home: &Path) -> Output {
    std::fs::write(home.join("config.toml"), "").expect("config");
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_CONFIG", home.join("config.toml"))
        .env("BRIEF_DATA_DIR", home.join("data"))
        .output()
        .expect("run brief")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `brief check ARGS`: exit code, stdout lines, stderr.
fn check(args: &[&str]) -> (Option<i32>, Vec<String>, String) {
    let home = tempfile::tempdir().expect("tempdir");
    let mut all = vec!["check"];
    all.extend(args);
    let out = brief(&all, home.path());
    let lines = text(&out.stdout).lines().map(str::to_owned).collect();
    (out.status.code(), lines, text(&out.stderr))
}

#[test]
fn a_secret_paragraph_under_unclassified_fails_check_at_the_paragraph() {
    let (code, lines, _) = check(&["tests/fixtures/invalid/secret-portion.toml"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        lines,
        [
            "tests/fixtures/invalid/secret-portion.toml:10:1: error: the portion marked (S) is SECRET, above the briefing's classification `UNCLASSIFIED` (UNCLASSIFIED)"
        ]
    );
}

#[test]
fn an_unknown_source_id_fails_check_at_its_position() {
    let (code, lines, _) = check(&["tests/fixtures/invalid/unknown-source.toml"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        lines,
        [
            "tests/fixtures/invalid/unknown-source.toml:11:24: error: unknown source `kcna` in the citation `[^kcna]`: no `[[sources]]` entry has this `id` (the ids are nyt)"
        ]
    );
    let (code, lines, _) = check(&["tests/fixtures/invalid/bad-tlp.toml"]);
    assert_eq!(code, Some(1));
    assert!(
        lines[0].starts_with(
            "tests/fixtures/invalid/bad-tlp.toml:2:7: error: `amber` is not a TLP 2.0 label"
        ),
        "{lines:?}"
    );
}

#[test]
fn check_reports_every_problem_of_a_file_in_one_run() {
    let (code, lines, err) = check(&["tests/fixtures/invalid/several-mistakes.toml"]);
    assert_eq!(code, Some(1));
    let at: Vec<&str> = lines
        .iter()
        .map(|l| l.split(": error: ").next().unwrap_or(""))
        .map(|l| l.trim_start_matches("tests/fixtures/invalid/several-mistakes.toml:"))
        .collect();
    // Two invalid dates, two unknown keys, two duplicate ids.
    assert_eq!(
        at,
        ["3:8", "4:1", "9:1", "12:8", "15:6", "19:6"],
        "{lines:#?}"
    );
    assert!(lines[1].contains("unknown field `summray`"));
    assert!(lines[2].contains("unknown field `kynd`"));
    assert!(
        err.contains("0 briefings loaded, 6 errors, 0 warnings"),
        "{err}"
    );
}

#[test]
fn a_sentence_mixing_confidence_and_likelihood_gives_exactly_one_lint() {
    for (file, words) in [
        (
            "tests/fixtures/lint/mixed-sentence.en.toml",
            "(`high confidence`) and a likelihood (`likely`)",
        ),
        (
            "tests/fixtures/lint/mixed-sentence.fr.toml",
            "(`confiance élevée`) and a likelihood (`probable`)",
        ),
    ] {
        // Without --lint, no lint.
        let (code, lines, _) = check(&[file]);
        assert_eq!((code, lines.len()), (Some(0), 0), "{file}");
        let (code, lines, err) = check(&["--lint", file]);
        assert_eq!(code, Some(0), "lints are warnings");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with(&format!(
                "{file}:11:1: warning: this sentence states both a confidence level {words}"
            )),
            "{lines:?}"
        );
        assert!(
            err.contains("1 briefing loaded, 0 errors, 1 warning"),
            "{err}"
        );
    }
}

#[test]
fn the_scanner_finds_probably_and_probablement_with_their_band() {
    let lexicons = Lexicons::bundled();
    for (language, text, term) in [
        ("en", "The talks will probably resume.", "probably"),
        (
            "fr",
            "Les pourparlers reprendront probablement.",
            "probablement",
        ),
    ] {
        let lexicon = lexicons.for_language(Some(language));
        let found = lexicon.scan(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(&text[found[0].range.clone()], term);
        let brief::domain::tradecraft::estimative::Estimate::Likelihood { band, .. } =
            found[0].estimate
        else {
            panic!("{term} is a likelihood");
        };
        assert_eq!(
            lexicon.band(band).map(|b| b.percent_text()).as_deref(),
            Some("55–80 %")
        );
    }
}

#[test]
fn the_bundled_briefings_pass_check_lint_and_carry_graded_sources() {
    let (code, lines, err) = check(&["--lint", "briefings"]);
    assert_eq!(code, Some(0), "{lines:#?}");
    assert_eq!(lines, Vec::<String>::new());
    assert!(
        err.contains("2 briefings loaded, 0 errors, 0 warnings"),
        "{err}"
    );
    // The copies built into the binary too.
    let home = tempfile::tempdir().expect("tempdir");
    std::fs::write(home.path().join("config.toml"), "").expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "--lint"])
        .current_dir(home.path())
        .env("BRIEF_CONFIG", home.path().join("config.toml"))
        .env("BRIEF_DATA_DIR", home.path().join("data"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("2 briefings loaded, 0 errors, 0 warnings"));
    for name in [
        "kim-putin-vladivostok.en.toml",
        "kim-putin-vladivostok.fr.toml",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("briefings")
            .join(name);
        let loaded = brief::domain::load::load_file(&path, LoadOptions::default()).expect("loads");
        let b = loaded.briefing;
        let article = b.source("article").expect("the article is a cited source");
        assert_eq!(article.grade().label(), "F6", "{name}");
        assert!(
            article
                .grading
                .as_deref()
                .is_some_and(|g| g.contains("F") && g.contains('6'))
        );
        assert!(
            b.sections.iter().all(|s| s.cited_sources() == ["article"]),
            "{name}"
        );
        assert!(b.sections.iter().all(|s| s.rests_on_single_source()));
        assert_eq!(b.passages_citing("article").len(), b.sections.len());
    }
}

#[test]
fn the_tradecraft_twins_load_to_the_same_marks_and_grades() {
    let mut seen = Vec::new();
    for name in ["tradecraft.toml", "tradecraft.md"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/valid")
            .join(name);
        let b = brief::domain::load::load_file(&path, LoadOptions::default())
            .map(|l| l.briefing)
            .expect("loads");
        seen.push((
            b.high_water_mark().map(|m| m.banner()),
            b.tlp.map(|t| t.label()),
            b.sources
                .iter()
                .map(|s| s.grade().label())
                .collect::<Vec<_>>(),
            b.sections
                .iter()
                .map(|s| s.cited_sources().join(","))
                .collect::<Vec<_>>(),
            b.passages_citing("caller"),
        ));
        let (code, lines, _) = check(&["--lint", path.to_str().unwrap_or_default()]);
        assert_eq!((code, lines.len()), (Some(0), 0), "{name}: {lines:?}");
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0].0.as_deref(), Some("SECRET//NOFORN"));
    assert_eq!(seen[0].2, ["B2", "F3"]);
    // Built in memory, a briefing reads the same.
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/tradecraft.toml"),
    )
    .expect("read");
    assert!(parse_briefing(&bytes, Origin::Embedded("t.toml"), None).is_ok());
}

/// Each line `brief search` reports for a query: `section:line`.
fn hits(query: &str, path: &str) -> Vec<String> {
    let home = tempfile::tempdir().expect("tempdir");
    let out = brief(&["search", query, path], home.path());
    text(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(4, ':');
            let (_, section, line) = (parts.next(), parts.next()?, parts.next()?);
            Some(format!("{section}:{line}"))
        })
        .collect()
}

#[test]
fn search_reports_the_true_lines_of_titles_summary_tags_and_section_titles() {
    let toml = "tests/fixtures/valid/same-briefing.toml";
    let md = "tests/fixtures/valid/same-briefing.md";
    let source = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    for (path, query, expected) in [
        (toml, "Lakeside", ["title:3", "summary:8"]),
        (md, "Lakeside", ["title:39", "summary:41"]),
        (toml, "negotiation", ["tags:11", "tags:11"]),
        (md, "negotiation", ["tags:8", "tags:8"]),
    ] {
        let file = source(path);
        let lines: Vec<&str> = file.lines().collect();
        let found = hits(query, path);
        for hit in expected {
            assert!(
                found.iter().any(|h| h == hit),
                "{path}: {hit} not in {found:?}"
            );
        }
        for hit in &found {
            let (field, n) = hit.split_once(':').unwrap_or_default();
            let n: usize = n.parse().unwrap_or(0);
            let line = lines.get(n.wrapping_sub(1)).copied().unwrap_or_default();
            match field {
                "title" => assert!(
                    line.contains("Lakeside water-sharing"),
                    "{path} {hit}: {line:?}"
                ),
                "tags" => assert!(line.contains("negotiation"), "{path} {hit}: {line:?}"),
                "summary" => assert!(
                    line.contains("Lakeside and Hillcrest"),
                    "{path} {hit}: {line:?}"
                ),
                _ => assert!(
                    line.to_lowercase().contains(&query.to_lowercase()),
                    "{path} {hit}: {line:?}"
                ),
            }
        }
    }
    // A section title is reported at its own line, not at its `[[sections]]` line.
    let found = hits("Timeline of the Example", toml);
    assert_eq!(found, ["timeline:44"]);
    let found = hits("Timeline of the Example", md);
    assert_eq!(found, ["timeline:55"]);
}

/// `check --lint` with the config naming an organisation's own scale at `scale`.
fn check_with_scale(scale: &str, briefing: &str) -> (Option<i32>, String, String) {
    let home = tempfile::tempdir().expect("tempdir");
    let scale_path = home.path().join("our-scale.toml");
    std::fs::write(&scale_path, scale).expect("scale");
    let file = home.path().join("b.toml");
    std::fs::write(&file, briefing).expect("briefing");
    let config = home.path().join("config.toml");
    std::fs::write(&config, "estimative = [\"our-scale.toml\"]\n").expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "--lint"])
        .arg(&file)
        .env("BRIEF_CONFIG", &config)
        .env("BRIEF_DATA_DIR", home.path().join("data"))
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run brief");
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn an_organisation_s_own_scale_from_the_config_replaces_the_bundled_one() {
    let scale = "language = \"en\"\n\n[[likelihood]]\nlabel = \"plausible\"\npercent = [55, 80]\nrow1 = [\"plausible\"]\nrow2 = []\n\n[[confidence]]\nlabel = \"high confidence\"\nterms = [\"high confidence\"]\n";
    let briefing = "title = \"T\"\nlanguage = \"en\"\n\n[[sections]]\ntitle = \"A\"\nbody = \"We assess with high confidence that the talks are plausible.\"\n";
    let (code, out, err) = check_with_scale(scale, briefing);
    assert_eq!(code, Some(0), "{err}");
    let warnings: Vec<&str> = out.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{out}");
    assert!(warnings[0].contains("`plausible`"), "{out}");
    // The bundled scale does not know `plausible`: no lint without the config's.
    let home = tempfile::tempdir().expect("tempdir");
    let file = home.path().join("b.toml");
    std::fs::write(&file, briefing).expect("briefing");
    let out = brief(
        &["check", "--lint", file.to_str().unwrap_or_default()],
        home.path(),
    );
    assert!(
        !text(&out.stdout).contains("`plausible`"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn an_invalid_scale_in_the_config_is_an_error_at_its_line_and_column() {
    let scale = "language = \"en\"\n\n[[likelihood]]\nlabel = \"likely\"\npercent = [80, 55]\nrow1 = [\"likely\"]\nrow2 = []\n";
    let (code, _out, err) = check_with_scale(scale, "title = \"T\"\n");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("our-scale.toml:5:"), "{err}");
}
