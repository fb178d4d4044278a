//! What an export carries of tradecraft, as a user runs `brief export`: a briefing
//! labelled TLP:AMBER+STRICT is refused without `--allow tlp:amber+strict` (exit 1,
//! naming the briefing and its label, nothing written) and, with it, the label is at the
//! top and bottom of the Markdown, JSON and HTML; a note quoting an (S) paragraph is
//! exported marked (S), one quoting a (U) paragraph (U); every format carries the
//! highest marking of what it holds.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use brief::domain::anchor::make_anchor;
use brief::domain::briefing::Briefing;
use brief::domain::export::{
    ExportFormat, ExportItem, ExportOptions, export_marking, export_needs_consent,
};
use brief::domain::load::{LoadOptions, load_file};
use brief::domain::placing::doc_text;
use brief::domain::store::{AnnotationSet, LockMode, Store};
use brief::domain::tradecraft::inherit::annotation_marking;
use brief::domain::tradecraft::tlp::Tlp;
use jiff::Timestamp;
use serde_json::Value;

const ID: &str = "example-amber-strict";
const FIXTURES: &str = "tests/fixtures/export";
const LABEL: &str = "TLP:AMBER+STRICT";
const BANNER: &str = "SECRET · TLP:AMBER+STRICT";

fn fixture() -> Briefing {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join("amber-strict.toml");
    load_file(&path, LoadOptions::default())
        .expect("loads")
        .briefing
}

/// The fixture's notes: one quoting its (S) paragraph, one its (U) paragraph.
fn notes_on(briefing: &Briefing) -> AnnotationSet {
    let doc = doc_text(briefing);
    let assessment = briefing.section_index("assessment").expect("assessment");
    let mut set = AnnotationSet::new(ID);
    for (block, body) in [
        (0, "Secret note: check the depot."),
        (1, "Unclassified note."),
    ] {
        let text = &doc.sections[assessment].blocks[block];
        let anchor = make_anchor(
            ID,
            &briefing.version,
            &doc,
            assessment,
            block,
            4..text.len(),
        );
        set.add_note(anchor, body);
    }
    set
}

/// A data dir with the fixture's notes.
fn data_with_notes() -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::write(data.path().join("config.toml"), "").expect("config");
    let mut set = notes_on(&fixture());
    Store::new(data.path())
        .save(&mut set, LockMode::Wait)
        .expect("save");
    data
}

#[test]
fn the_reader_can_ask_before_exporting_and_show_each_notes_marking() {
    let b = fixture();
    let set = notes_on(&b);
    let status = HashMap::new();
    let items = [ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    }];
    let mut options = ExportOptions::new(Timestamp::UNIX_EPOCH);
    let consent = export_needs_consent(&items, &options).expect("consent is needed");
    assert_eq!(consent.labels(), [Tlp::AmberStrict]);
    assert_eq!(consent.flags(), "--allow tlp:amber+strict");
    assert!(
        consent
            .reason(brief::domain::i18n::Lang::En)
            .contains(&format!("`{ID}`")),
        "{}",
        consent.reason(brief::domain::i18n::Lang::En)
    );
    options.allow = vec![Tlp::Red];
    assert!(
        export_needs_consent(&items, &options).is_some(),
        "RED does not cover AMBER+STRICT"
    );
    options.allow = consent.labels();
    assert_eq!(export_needs_consent(&items, &options), None);
    // What each note inherits, and the banner of the whole export.
    let marks: Vec<Option<String>> = set
        .file
        .notes
        .iter()
        .map(|n| annotation_marking(&b, &n.anchor).portion())
        .collect();
    assert_eq!(marks, [Some("(S)".to_owned()), Some("(U)".to_owned())]);
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Json,
        ExportFormat::Html,
    ] {
        assert_eq!(
            export_marking(&items, format, &options).banner().as_deref(),
            Some(BANNER)
        );
    }
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

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `brief export ID --format FORMAT -o FILE` with `extra` options; the file's text.
fn export(data: &Path, format: &str, extra: &[&str]) -> (std::process::Output, Option<String>) {
    let file = data.join(format!("out.{format}"));
    let _ = std::fs::remove_file(&file);
    let mut args = vec![
        "export",
        ID,
        "--format",
        format,
        "-o",
        file.to_str().expect("path"),
        "--from",
        FIXTURES,
    ];
    args.extend_from_slice(extra);
    let out = brief(data, &args);
    (out, std::fs::read_to_string(&file).ok())
}

#[test]
fn amber_strict_is_refused_without_the_flag_and_nothing_is_written() {
    let data = data_with_notes();
    for format in ["markdown", "json", "html", "stix", "w3c"] {
        for extra in [&[][..], &["--allow", "tlp:red"][..]] {
            let (out, written) = export(data.path(), format, extra);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{format} {extra:?}: {}",
                stderr(&out)
            );
            assert_eq!(written, None, "{format}: a file was written");
            assert!(out.stdout.is_empty());
            let why = stderr(&out);
            for needed in [
                "not exported",
                LABEL,
                &format!("`{ID}`"),
                "Example: a convoy seen at Port Sample",
                "limited to the organisation only",
                "--allow tlp:amber+strict",
            ] {
                assert!(why.contains(needed), "{format}: {needed:?} not in {why}");
            }
        }
    }
    // Exporting everything refuses the same way.
    let all = brief(data.path(), &["export", "-o", "-", "--from", FIXTURES]);
    assert_eq!(all.status.code(), Some(1));
    assert!(stderr(&all).contains(LABEL), "{}", stderr(&all));
    assert!(all.stdout.is_empty());
}

#[test]
fn with_the_flag_the_label_is_at_the_top_and_bottom_and_notes_carry_their_marks() {
    let data = data_with_notes();
    // Markdown: the banner is the first and the last line; each note opens with its mark.
    let (out, md) = export(data.path(), "markdown", &["--allow", "tlp:amber+strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = md.expect("written");
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&format!("**{BANNER}**").as_str()),
        "{md}"
    );
    assert_eq!(
        lines.last(),
        Some(&format!("**{BANNER}**").as_str()),
        "{md}"
    );
    assert!(md.contains("\n(S) Secret note: check the depot.\n"), "{md}");
    assert!(md.contains("\n(U) Unclassified note.\n"), "{md}");
    assert!(md.contains("- **TLP:** TLP:AMBER+STRICT (limited to the organisation only)"));
    assert!(
        md.contains("The Example Times (fictional) — graded B2 (usually reliable; probably true)")
    );

    // JSON: the banner is the first key and the last; typed fields say the rest.
    let (out, json) = export(data.path(), "json", &["--allow", "tlp:amber+strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = json.expect("written");
    let keys: Vec<&str> = json.lines().filter(|l| l.starts_with("  \"")).collect();
    assert!(
        keys.first()
            .is_some_and(|k| k.starts_with("  \"banner\": \"SECRET · TLP:AMBER+STRICT\"")),
        "{keys:?}"
    );
    assert!(
        keys.last()
            .is_some_and(|k| k.starts_with("  \"banner_end\": \"SECRET · TLP:AMBER+STRICT\"")),
        "{keys:?}"
    );
    let doc: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(doc["tlp"], "AMBER+STRICT");
    assert_eq!(doc["marking"]["code"], "S");
    assert_eq!(doc["marking"]["banner"], "SECRET");
    let b = &doc["briefings"][0];
    assert_eq!(b["tlp"], "AMBER+STRICT");
    assert_eq!(b["high_water_mark"]["code"], "S");
    assert_eq!(b["sources"][0]["grade"], "B2");
    assert_eq!(b["sources"][0]["reliability"], "B");
    assert_eq!(b["sources"][0]["credibility"], 2);
    let marked: Vec<(String, String)> = b["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| {
            (
                n["body"].as_str().unwrap_or_default().to_owned(),
                n["marking"]["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        marked.contains(&("Secret note: check the depot.".into(), "S".into())),
        "{marked:?}"
    );
    assert!(
        marked.contains(&("Unclassified note.".into(), "U".into())),
        "{marked:?}"
    );
    assert!(
        b["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .all(|n| n["tlp"] == "AMBER+STRICT")
    );

    // HTML: a banner opens and closes the page, and the print margins of every page
    // carry it; each note opens with its mark.
    let (out, html) = export(data.path(), "html", &["--allow", "tlp:amber+strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = html.expect("written");
    let banner_html = "SECRET · <span class=\"tlp tlp-amber-strict\">TLP:AMBER+STRICT</span>";
    let body = html.split("<body>\n").nth(1).expect("a body");
    assert!(
        body.starts_with(&format!("<p class=\"banner\">{banner_html}</p>\n")),
        "{body}"
    );
    assert!(
        body.ends_with(&format!(
            "<p class=\"banner end\">{banner_html}</p>\n</body>\n</html>\n"
        )),
        "{body}"
    );
    for place in ["@top-center", "@bottom-center"] {
        assert!(
            html.contains(&format!(
                "{place} {{ content: \"SECRET \\B7  TLP\\3A AMBER\\2B STRICT\";"
            )),
            "{place} in {html}"
        );
    }
    assert!(
        html.contains("<p><span class=\"portion\">(S)</span> Secret note: check the depot.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p><span class=\"portion\">(U)</span> Unclassified note.</p>"),
        "{html}"
    );
}

#[test]
fn stix_and_w3c_carry_the_markings_of_each_note() {
    let data = data_with_notes();
    let (out, stix) = export(data.path(), "stix", &["--allow", "tlp:amber+strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bundle: Value = serde_json::from_str(&stix.expect("written")).expect("JSON");
    let objects = bundle["objects"].as_array().expect("objects");
    let statement = |name: &str| {
        objects
            .iter()
            .find(|o| o["definition_type"] == "statement" && o["name"] == name)
            .and_then(|o| o["id"].as_str())
            .unwrap_or_else(|| panic!("a statement {name}"))
            .to_owned()
    };
    let amber = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
    for o in objects.iter().filter(|o| o["type"] == "note") {
        let want = if o["content"] == "Secret note: check the depot." {
            "SECRET"
        } else {
            "UNCLASSIFIED"
        };
        assert_eq!(
            o["object_marking_refs"],
            serde_json::json!([amber, statement(want)]),
            "{o}"
        );
    }
    let report = objects
        .iter()
        .find(|o| o["type"] == "report")
        .expect("a report");
    assert_eq!(
        report["object_marking_refs"],
        serde_json::json!([amber, statement("SECRET")])
    );

    let (out, w3c) = export(data.path(), "w3c", &["--allow", "tlp:amber+strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&w3c.expect("written")).expect("JSON");
    assert_eq!(doc["brief:banner"], BANNER);
    assert_eq!(doc["brief:bannerEnd"], BANNER);
    let items = doc["first"]["items"].as_array().expect("items");
    let secret = items
        .iter()
        .find(|a| a["body"][0]["value"] == "Secret note: check the depot.")
        .expect("the secret note");
    assert_eq!(secret["brief:marking"], "S");
    assert_eq!(secret["brief:tlp"], "AMBER+STRICT");
}

#[test]
fn show_prints_grades_citations_and_the_banner() {
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::write(data.path().join("config.toml"), "").expect("config");
    let out = brief(
        data.path(),
        &[
            "show",
            &format!("{FIXTURES}/amber-strict.toml"),
            "--width",
            "100",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout);
    let first = shown.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "[SECRET] · TLP:AMBER+STRICT (limited to the organisation only)"
    );
    for needed in [
        "source TIMES B2: The Example Times (fictional)",
        "  usually reliable; probably true — A paper with a long and accurate record on port matters.",
        "source HARBOUR C3: Port Sample harbour office (fictional)",
        "(U) A convoy was reported at Port Sample [HARBOUR C3].",
        "(U) Context [Context]",
        "Sources: HARBOUR C3 (a single source)",
        "Sources: TIMES B2, HARBOUR C3\n",
        "(S) The convoy is likely to carry fuel for the depot [HARBOUR C3].",
    ] {
        assert!(shown.contains(needed), "{needed:?} not in\n{shown}");
    }
    assert!(
        !shown.contains("[^"),
        "a citation marker left raw:\n{shown}"
    );
    // A section alone still opens with the banner.
    let file = format!("{FIXTURES}/amber-strict.toml");
    let section = brief(data.path(), &["show", &file, "--section", "assessment"]);
    assert_eq!(section.status.code(), Some(0), "{}", stderr(&section));
    let section = String::from_utf8_lossy(&section.stdout);
    assert!(
        section.starts_with("[SECRET] · TLP:AMBER+STRICT"),
        "{section}"
    );
    assert!(section.contains("\nAssessment [Assessment]\n"), "{section}");
}
