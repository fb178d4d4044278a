//! Importing articles into briefing drafts, and loading Markdown briefings: the fixtures
//! in `tests/fixtures/import/` give the expected headings, kinds and dates, and each
//! draft must load without error or warning; a briefing written in TOML and in Markdown
//! loads to the same model.
//!
//! Set `BRIEF_BLESS=1` to rewrite the `*.expected.toml` files after a deliberate change.

use std::path::{Path, PathBuf};

use brief::domain::briefing::{Briefing, Origin};
use brief::domain::import::{ImportOptions, import_article};
use brief::domain::load::parse_briefing;
use brief::domain::load_md::{is_markdown_path, parse_markdown_briefing};
use proptest::prelude::*;

#[path = "support/import_shapes.rs"]
mod import_shapes;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// What one article must give.
struct Case {
    file: &'static str,
    options: ImportOptions,
    id: &'static str,
    language: &'static str,
    title: &'static str,
    headings: &'static [(&'static str, Option<&'static str>)],
    dates: &'static [(&'static str, &'static str, &'static str)],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            file: "fr-plain.txt",
            options: ImportOptions::default(),
            id: "fr-plain",
            language: "fr",
            title: "Exemple fictif : le président de la Valdorie attendu à Port-Sabine",
            // The lead paragraph is the summary: the introduction it was alone in is
            // gone, its dates go with the first section.
            headings: &[
                ("Les objectifs de la rencontre", Some("objectives")),
                (
                    "La coopération militaire et les avantages mutuels",
                    Some("military-cooperation"),
                ),
                ("Les défis de la coopération militaire", Some("challenges")),
                ("Calendrier", Some("possible-dates")),
                ("Évaluation", Some("assessment")),
            ],
            dates: &[
                (
                    "du 10 au 13 septembre",
                    "--09-10..--09-13",
                    "les-objectifs-de-la-rencontre",
                ),
                (
                    "le 12 septembre",
                    "--09-12",
                    "les-objectifs-de-la-rencontre",
                ),
                (
                    "le 1er octobre",
                    "--10-01",
                    "les-defis-de-la-cooperation-militaire",
                ),
                ("le 9 septembre", "--09-09", "calendrier"),
                ("le 14 septembre", "--09-14", "calendrier"),
            ],
        },
        Case {
            // Hard-wrapped paragraphs; the dateline gives the briefing's date, not the
            // year of dates that state none.
            file: "en-plain.txt",
            options: ImportOptions::default(),
            id: "en-plain",
            language: "en",
            title: "Example only: the Northport ferry talks between Aldonia and Brevia",
            // The text before `Background` joins it.
            headings: &[
                ("Background", Some("context")),
                ("Goals of the talks", Some("objectives")),
                ("Risks and obstacles", Some("challenges")),
                ("Assessment", Some("assessment")),
            ],
            dates: &[
                ("on 14 April", "--04-14", "background"),
                ("on March 2", "--03-02", "background"),
                ("April 14–16", "--04-14..--04-16", "goals-of-the-talks"),
                (
                    "10-13 May 2031",
                    "2031-05-10..2031-05-13",
                    "goals-of-the-talks",
                ),
                ("on 7 June", "--06-07", "risks-and-obstacles"),
            ],
        },
        Case {
            file: "fr-markdown.md",
            options: ImportOptions {
                lang: Some("fr".into()),
                id: Some("accord-spatial-exemple".into()),
                year: None,
            },
            id: "accord-spatial-exemple",
            language: "fr",
            title: "Exemple fictif : un accord spatial entre la Valdorie et la Marenie",
            // The text before `Contexte` joins it.
            headings: &[
                ("Contexte", Some("context")),
                ("Partenariat technologique", Some("technology")),
                ("Intérêts et avantages", Some("interests")),
                ("Implications régionales", Some("implications")),
                ("Un titre sans mot-clé", None),
            ],
            dates: &[
                ("du 3 au 5 mars", "--03-03..--03-05", "contexte"),
                ("le 1er mai 2030", "2030-05-01", "contexte"),
                ("le 15 juin", "--06-15", "implications-regionales"),
            ],
        },
        Case {
            file: "en-markdown.md",
            options: ImportOptions {
                lang: None,
                id: None,
                year: Some(2030),
            },
            id: "en-markdown",
            language: "en",
            title: "Example: a fictional river treaty between Ostland and Westmark",
            headings: &[
                ("Objectives", Some("objectives")),
                ("Weapons and security", Some("military-cooperation")),
                ("Challenges ahead", Some("challenges")),
                ("Timeline", Some("possible-dates")),
                ("Conclusion", Some("assessment")),
            ],
            dates: &[
                ("on September 10–13", "2030-09-10..2030-09-13", "objectives"),
                ("on 14 April", "2030-04-14", "objectives"),
                ("April 14, 2031", "2031-04-14", "challenges-ahead"),
                ("10–13 September", "2030-09-10..2030-09-13", "timeline"),
                ("1 October", "2030-10-01", "timeline"),
            ],
        },
    ]
}

fn load_toml(text: &str, name: &str) -> Briefing {
    match parse_briefing(text.as_bytes(), Origin::File(name.into()), None) {
        Ok(loaded) => {
            assert!(
                loaded.warnings.is_empty(),
                "{name}: warnings: {:?}",
                loaded.warnings
            );
            loaded.briefing
        }
        Err(problems) => panic!("{name}: does not load: {problems:?}\n{text}"),
    }
}

#[test]
fn each_article_imports_to_the_expected_draft() {
    let bless = std::env::var_os("BRIEF_BLESS").is_some();
    for case in cases() {
        let path = fixture(&format!("import/{}", case.file));
        let text = std::fs::read_to_string(&path).expect("fixture");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
        let draft = import_article(&text, stem, &case.options)
            .unwrap_or_else(|e| panic!("{}: {e}", case.file));
        let report = &draft.report;
        assert_eq!(report.title, case.title, "{}", case.file);
        assert_eq!(report.language, case.language, "{}", case.file);
        let headings: Vec<(&str, Option<&str>)> = report
            .headings
            .iter()
            .map(|(t, k)| (t.as_str(), k.as_deref()))
            .collect();
        assert_eq!(headings, case.headings, "{}", case.file);
        let dates: Vec<(&str, &str, &str)> = report
            .dates
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        assert_eq!(dates, case.dates, "{}", case.file);

        // The draft loads cleanly and says what the report says.
        let briefing = load_toml(&draft.toml, case.file);
        assert_eq!(briefing.id, case.id);
        assert_eq!(briefing.title, case.title);
        assert_eq!(briefing.language.as_deref(), Some(case.language));
        assert!(briefing.summary.is_some(), "{}: no summary", case.file);
        assert_eq!(briefing.sections.len(), case.headings.len());
        for (section, (title, kind)) in briefing.sections.iter().zip(case.headings) {
            assert_eq!(section.title, *title);
            assert_eq!(section.kind.as_ref().map(|k| k.as_str()), *kind);
            assert!(
                !section.body.trim().is_empty(),
                "{}: empty body",
                section.id
            );
        }
        let loaded_dates: Vec<(String, String)> = briefing
            .dates()
            .map(|(i, d)| {
                let structured = match &d.to {
                    Some(to) => format!("{}..{}", d.from.to_iso(), to.to_iso()),
                    None => d.from.to_iso(),
                };
                assert_eq!(d.confidence.as_deref(), Some("unconfirmed"));
                assert!(d.label.as_ref().is_some_and(|l| l.chars().count() <= 62));
                (structured, briefing.sections[i].id.clone())
            })
            .collect();
        let expected: Vec<(String, String)> = case
            .dates
            .iter()
            .map(|(_, s, id)| (s.to_string(), id.to_string()))
            .collect();
        assert_eq!(loaded_dates, expected, "{}", case.file);

        // The whole draft, as a reviewed golden file.
        let golden = path.with_file_name(format!("{stem}.expected.toml"));
        if bless {
            std::fs::write(&golden, &draft.toml).expect("write golden file");
        }
        let expected = std::fs::read_to_string(&golden).expect("golden file");
        assert_eq!(
            draft.toml,
            expected,
            "{} differs from {}",
            case.file,
            golden.display()
        );
    }
}

#[test]
fn the_markdown_body_keeps_quotes_backslashes_and_triple_quotes() {
    let path = fixture("import/en-markdown.md");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let draft = import_article(&text, "en-markdown", &ImportOptions::default()).expect("draft");
    let briefing = load_toml(&draft.toml, "en-markdown");
    let conclusion = briefing.section("conclusion").expect("conclusion");
    assert!(
        conclusion
            .body
            .contains(r#"the C:\path\ backslashes and a triple quote """ are here"#),
        "{}",
        conclusion.body
    );
    let objectives = briefing.section("objectives").expect("objectives");
    assert!(objectives.body.contains("\"fair\""));
    // No year given and no dateline: the years stay missing.
    assert_eq!(draft.report.dates[0].1, "--09-10..--09-13");
}

#[test]
fn plain_text_is_escaped_and_sanitised() {
    let text = "Un titre \u{1b}[2J piégé\nLe *texte* contient \\ un \"\"\" triple, un <b>, un `code` et un \u{7}.\n";
    let draft = import_article(text, "piege", &ImportOptions::default()).expect("draft");
    assert!(!draft.toml.contains('\u{1b}') && !draft.toml.contains('\u{7}'));
    let briefing = load_toml(&draft.toml, "piege");
    assert_eq!(briefing.title, "Un titre \u{241b}[2J piégé");
    let body = &briefing.sections[0].body;
    assert_eq!(
        body,
        "Le \\*texte\\* contient \\\\ un \"\"\" triple, un \\<b>, un \\`code\\` et un \u{2407}.\n"
    );
    // Rendered, the escapes give the text back.
    let blocks = brief::domain::markdown::render_markdown(body);
    assert_eq!(
        blocks[0].text,
        "Le *texte* contient \\ un \"\"\" triple, un <b>, un `code` et un \u{2407}."
    );
}

#[test]
fn import_refuses_what_it_cannot_use() {
    let opts = ImportOptions::default();
    assert!(import_article("   \n\n", "x", &opts).is_err());
    assert!(import_article("Only a title\n", "x", &opts).is_err());
    let bad_id = ImportOptions {
        id: Some("Not A Slug".into()),
        ..ImportOptions::default()
    };
    assert!(import_article("T\nSome text.\n", "x", &bad_id).is_err());
    let bad_lang = ImportOptions {
        lang: Some("de".into()),
        ..ImportOptions::default()
    };
    assert!(import_article("T\nSome text.\n", "x", &bad_lang).is_err());
    assert!(import_article("T\nSome text.\n", "東京", &opts).is_err());
    let ok = import_article("T\nSome text.\n", "x", &opts).expect("draft");
    assert_eq!(ok.report.headings, vec![("Article".to_string(), None)]);
}

fn import(text: &str, options: &ImportOptions) -> (brief::domain::import::Draft, Briefing) {
    let draft = import_article(text, "article", options).expect("draft");
    let briefing = load_toml(&draft.toml, "article");
    (draft, briefing)
}

#[test]
fn a_dateline_sets_the_date_in_each_form() {
    for (text, expected) in [
        (
            "Un sommet fictif à Port-Sabine\nPublié le 14 janvier 2024\nLes deux présidents se rencontreraient à Port-Sabine, selon la presse régionale.\n",
            "2024-01-14",
        ),
        (
            "# A fictional summit\n\n*23 May 2024*\n\nThe two presidents are said to be meeting in a port city, according to the regional press.\n",
            "2024-05-23",
        ),
        (
            "Un sommet fictif\n14/01/2024\nLes deux présidents se rencontreraient à Port-Sabine, selon la presse régionale.\n",
            "2024-01-14",
        ),
    ] {
        let (draft, briefing) = import(text, &ImportOptions::default());
        assert_eq!(
            briefing.date.map(|d| d.to_iso()).as_deref(),
            Some(expected),
            "{}",
            draft.toml
        );
        assert_eq!(draft.report.date.as_deref(), Some(expected));
    }
    // `05/06/2024` is May or June depending on the writer: an English article states no
    // date with it.
    let (_, briefing) = import(
        "A fictional summit\n05/06/2024\nThe two presidents are said to be meeting soon, the regional press says.\n",
        &ImportOptions::default(),
    );
    assert_eq!(briefing.date, None);
}

#[test]
fn a_year_the_text_does_not_state_stays_unstated() {
    let text = "Un sommet fictif à Port-Sabine\nPublié le 14 janvier 2024\nLes deux présidents se rencontreraient à Port-Sabine.\nLe calendrier\nLa visite aurait lieu du 22 au 24 janvier, selon la presse régionale.\n";
    let (draft, briefing) = import(text, &ImportOptions::default());
    let dates: Vec<String> = briefing
        .dates()
        .map(|(_, d)| {
            format!(
                "{}..{}",
                d.from.to_iso(),
                d.to.map(|t| t.to_iso()).unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(dates, ["--01-22..--01-24"], "{}", draft.toml);
    // The dateline's year is the briefing's date, not the year of other dates.
    assert_eq!(
        briefing.date.map(|d| d.to_iso()).as_deref(),
        Some("2024-01-14")
    );
    let with_year = ImportOptions {
        year: Some(2024),
        ..ImportOptions::default()
    };
    let (_, briefing) = import(text, &with_year);
    let first = briefing.dates().next().expect("a date").1;
    assert_eq!(first.from.to_iso(), "2024-01-22");
}

#[test]
fn the_lead_paragraph_is_the_summary_and_is_not_repeated() {
    let lead =
        "Ostland and Westmark are said to be drafting a river treaty, a regional paper reports.";
    for text in [
        format!(
            "# A fictional treaty\n\n{lead}\n\n## Objectives\n\nThe treaty would set quotas.\n"
        ),
        format!(
            "A fictional treaty\n\n{lead}\n\nObjectives\n\nThe treaty would set quotas and a joint body.\n"
        ),
        format!("# A fictional treaty\n\n{lead}\n\n## Background\n\nThe river is shared.\n"),
    ] {
        let (draft, briefing) = import(&text, &ImportOptions::default());
        assert_eq!(briefing.summary.as_deref(), Some(lead), "{}", draft.toml);
        assert_eq!(
            draft.toml.matches("drafting a river treaty").count(),
            1,
            "{}",
            draft.toml
        );
        for section in &briefing.sections {
            assert!(!section.body.contains("drafting"), "{}", draft.toml);
            assert!(!section.body.trim().is_empty(), "{}", draft.toml);
        }
    }
}

#[test]
fn a_generic_first_heading_is_not_the_title() {
    let markdown = "# Introduction\n\nThe two fictional towns are said to share a reservoir, the paper says.\n\n## The Lakeside water talks\n\nTalks are expected in the spring, according to officials.\n";
    let (draft, briefing) = import(markdown, &ImportOptions::default());
    assert_eq!(briefing.title, "The Lakeside water talks", "{}", draft.toml);
    let plain = "Introduction\nThe two fictional towns are said to share a reservoir, the local paper says.\nThe talks\nTalks are expected in the spring, according to officials of both towns.\n";
    let draft =
        import_article(plain, "lakeside-water-talks", &ImportOptions::default()).expect("draft");
    assert_eq!(draft.report.title, "Lakeside water talks", "{}", draft.toml);
    assert!(
        draft
            .report
            .headings
            .iter()
            .all(|(t, _)| t != "Lakeside water talks")
    );
}

/// Shapes that once cost minutes: they must import (the time is held by `cargo bench`).
#[test]
fn pathological_articles_import() {
    let draft = import_article(
        &import_shapes::repeated_headings(),
        "same",
        &ImportOptions::default(),
    )
    .expect("20,000 identical headings");
    assert_eq!(draft.report.headings.len(), 20_000);
    assert!(draft.toml.contains("id = \"same-20000\""));

    let draft = import_article(
        &import_shapes::many_paragraphs(),
        "many",
        &ImportOptions::default(),
    )
    .expect("200,000 paragraphs");
    assert_eq!(draft.report.headings.len(), 1);

    // One line of 10 MB: one sentence holding thousands of distinct dates.
    let text = import_shapes::one_long_line();
    let draft = import_article(&text, "ligne", &ImportOptions::default()).expect("a 10 MB line");
    assert!(
        draft.report.dates.len() > 1_000,
        "{}",
        draft.report.dates.len()
    );
}

#[test]
fn the_same_briefing_in_toml_and_markdown_loads_to_the_same_model() {
    let toml_path = fixture("valid/same-briefing.toml");
    let md_path = fixture("valid/same-briefing.md");
    assert!(is_markdown_path(&md_path) && !is_markdown_path(&toml_path));
    let toml_bytes = std::fs::read(&toml_path).expect("toml fixture");
    let md_bytes = std::fs::read(&md_path).expect("md fixture");
    let from_toml = parse_briefing(
        &toml_bytes,
        Origin::File(toml_path.clone()),
        Some("same-briefing".into()),
    )
    .expect("the TOML twin loads");
    let from_md = parse_markdown_briefing(
        &md_bytes,
        Origin::File(md_path.clone()),
        Some("same-briefing".into()),
    )
    .expect("the Markdown twin loads");
    assert!(from_toml.warnings.is_empty(), "{:?}", from_toml.warnings);
    assert!(from_md.warnings.is_empty(), "{:?}", from_md.warnings);
    let (mut a, mut b) = (from_toml.briefing, from_md.briefing);
    // The dates and sections are really there, so the comparison means something.
    assert_eq!(a.sections.len(), 3);
    assert_eq!(a.dates().count(), 3);
    assert_eq!(a.sources.len(), 2);
    // Everything is equal but where the text sits in each file.
    for briefing in [&mut a, &mut b] {
        briefing.origin = Origin::Embedded("same");
        briefing.version = String::new();
        briefing.id_position = None;
        briefing.lines = Default::default();
        for section in &mut briefing.sections {
            section.line = 0;
            section.body_line = 0;
            section.title_line = 0;
            section.body_origin = Default::default();
        }
    }
    assert_eq!(a, b);
}

#[test]
fn markdown_positions_point_into_the_markdown_file() {
    let md_path = fixture("valid/same-briefing.md");
    let md_bytes = std::fs::read(&md_path).expect("md fixture");
    let loaded = parse_markdown_briefing(&md_bytes, Origin::File(md_path), None).expect("loads");
    let lines: Vec<&str> = std::str::from_utf8(&md_bytes)
        .expect("utf-8")
        .lines()
        .collect();
    for section in &loaded.briefing.sections {
        let heading = lines[section.line as usize - 1];
        assert!(heading.starts_with("## "), "{heading}");
        let first = lines[section.body_line as usize - 1];
        assert!(section.body.starts_with(first), "{first:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the text, import never panics, and a draft it returns loads cleanly.
    #[test]
    fn import_never_panics_and_its_drafts_load(
        lines in prop::collection::vec(
            prop_oneof![
                Just(String::new()),
                Just("Les défis de la coopération militaire".to_string()),
                Just("Le sommet aurait lieu du 10 au 13 septembre à Port-Sabine.".to_string()),
                Just("## Objectives {#obj .objectives}".to_string()),
                Just("- a list item with \"\"\" and \\".to_string()),
                Just("On April 14, 2024 and 30 December – 2 January nothing happened.".to_string()),
                "[ -~]{0,80}",
                any::<String>(),
            ],
            0..12,
        ),
        year in prop::option::of(1i16..=9999),
    ) {
        let text = lines.join("\n");
        let options = ImportOptions { lang: None, id: None, year };
        if let Ok(draft) = import_article(&text, "prop", &options) {
            let loaded = parse_briefing(draft.toml.as_bytes(), Origin::File("prop.toml".into()), None);
            prop_assert!(loaded.as_ref().is_ok_and(|l| l.warnings.is_empty()), "{:?}\n{}", loaded.err(), draft.toml);
        }
    }

    /// Whatever the bytes, the Markdown loader never panics, and every problem has a place.
    #[test]
    fn markdown_loading_never_panics(text in "(\\+\\+\\+\n|## [a-z{}#. ]{0,12}\n|[ -~]{0,30}\n|title = \"T\"\n|\\[\\[dates\\]\\]\nsection = \"a\"\nfrom = \"--09-10\"\n)*") {
        match parse_markdown_briefing(text.as_bytes(), Origin::File("p.md".into()), Some("p".into())) {
            Ok(loaded) => prop_assert!(!loaded.briefing.title.is_empty()),
            Err(problems) => {
                prop_assert!(problems.iter().any(|p| p.is_error()));
                for p in &problems {
                    prop_assert!(p.line.is_some(), "no position: {}", p);
                }
            }
        }
    }
}

/// The fenced block of `lang` that follows `heading` in the format documentation.
fn doc_example(doc: &str, heading: &str, lang: &str) -> String {
    let from = doc.find(heading).expect("heading in the docs");
    let fence = format!("```{lang}\n");
    let start = doc[from..].find(&fence).expect("example") + from + fence.len();
    let end = doc[start..].find("\n```").expect("end of example") + start;
    doc[start..=end].to_string()
}

#[test]
fn the_documented_markdown_example_is_the_documented_toml_example() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/briefing-format.md"),
    )
    .expect("docs");
    let toml = doc_example(&doc, "## A complete example", "toml");
    let md = doc_example(&doc, "## Markdown briefings", "markdown");
    let a = parse_briefing(toml.as_bytes(), Origin::File("example.toml".into()), None)
        .expect("the TOML example loads");
    let b = parse_markdown_briefing(md.as_bytes(), Origin::File("example.md".into()), None)
        .expect("the Markdown example loads");
    assert!(a.warnings.is_empty() && b.warnings.is_empty());
    let (mut a, mut b) = (a.briefing, b.briefing);
    // The summary differs only in line breaks, which Markdown shows as spaces.
    let words = |s: &Option<String>| {
        s.as_deref()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    assert_eq!(words(&a.summary), words(&b.summary));
    for briefing in [&mut a, &mut b] {
        briefing.summary = None;
        briefing.origin = Origin::Embedded("example");
        briefing.version = String::new();
        briefing.id_position = None;
        briefing.lines = Default::default();
        for section in &mut briefing.sections {
            section.line = 0;
            section.body_line = 0;
            section.title_line = 0;
            section.body_origin = Default::default();
        }
    }
    assert_eq!(a, b);
}
