//! Tests of `load`.
use super::*;

fn parse(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    parse_briefing(
        text.as_bytes(),
        Origin::File(PathBuf::from("t.toml")),
        Some("t".into()),
    )
}

fn first_error(text: &str) -> String {
    match parse(text) {
        Ok(_) => "loaded".into(),
        Err(d) => d[0].to_string(),
    }
}

#[test]
fn a_minimal_briefing_loads_with_defaults() {
    let loaded =
        parse("title = \"T\"\n[[sections]]\ntitle = \"Coopération militaire\"\nbody = \"x\"\n");
    let b = match loaded {
        Ok(l) => l.briefing,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(b.id, "t");
    assert_eq!(b.sections[0].id, "cooperation-militaire");
    assert_eq!(b.sections[0].line, 2);
    assert_eq!(b.sections[0].body_line, 4);
}

#[test]
fn a_multi_line_body_starts_on_the_line_after_its_quotes() {
    let l = parse(
        "title = \"T\"\n\n[[sections]]\ntitle = \"A\"\nbody = \"\"\"\nfirst\nsecond\n\"\"\"\n",
    );
    let l = l.map_err(|e| format!("{e:?}"));
    assert_eq!(l.map(|l| l.briefing.sections[0].body_line), Ok(6));
}

#[test]
fn errors_are_located() {
    assert_eq!(
        first_error("title = \"T\"\nid = \"Bad Id\"\n"),
        "t.toml:2:6: error: malformed id `Bad Id`: use lowercase letters, digits and single hyphens (e.g. `kim-putin-2023`)"
    );
    assert!(
        first_error("title = \"T\"\n[[sections]]\ntitle = \"a\"\n[[sections.dates]]\nfrom = 2023-09-13\nto = 2023-09-10\n")
            .starts_with("t.toml:6:6: error: the range runs backwards")
    );
}

#[test]
fn yearless_dates_load() {
    let b = parse(
        "title = \"T\"\n[[sections]]\ntitle = \"a\"\n[[sections.dates]]\nfrom = \"--09-10\"\nto = \"--09-13\"\n",
    );
    let d = b.map(|l| l.briefing.sections[0].dates[0].human());
    assert_eq!(d.ok().as_deref(), Some("10–13 Sep"));
}

#[test]
fn unknown_kinds_warn_but_load() {
    let l = parse("title = \"T\"\n[[sections]]\ntitle = \"a\"\nkind = \"gossip\"\n");
    let l = l.map_err(|e| format!("{e:?}"));
    assert_eq!(l.as_ref().map(|l| l.warnings.len()), Ok(1));
}

#[test]
fn language_tags() {
    assert!(is_language_tag("fr"));
    assert!(is_language_tag("en-GB"));
    assert!(is_language_tag("zh-Hant-TW"));
    assert!(!is_language_tag("french!"));
    assert!(!is_language_tag(""));
}

#[test]
fn human_sizes() {
    assert_eq!(human_bytes(64 * 1024 * 1024), "64 MiB");
    assert_eq!(human_bytes(1536), "1.5 KiB");
    assert_eq!(human_bytes(12), "12 bytes");
}

fn messages(text: &str) -> Vec<String> {
    match parse(text) {
        Ok(l) => l.warnings.iter().map(ToString::to_string).collect(),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    }
}

fn load(text: &str) -> Briefing {
    match parse(text) {
        Ok(l) => l.briefing,
        Err(e) => panic!("{e:#?}"),
    }
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let text = "title = \"T\"\nsummray = \"x\"\ndate = \"2023-13-01\"\n\n[[sources]]\nname = \"S\"\nurll = \"u\"\n\n[[sections]]\nid = \"a\"\ntitle = \"A\"\nkynd = \"context\"\n\n[[sections.dates]]\nfrom = \"2023-02-30\"\n\n[[sections]]\nid = \"a\"\ntitle = \"B\"\ntags = 3\n\n[[sections]]\nid = \"a\"\ntitle = \"C\"\n";
    let shown = messages(text);
    let located: Vec<&str> = shown
        .iter()
        .map(|m| m.split(": error: ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        located,
        [
            "t.toml:2:1",
            "t.toml:3:8",
            "t.toml:7:1",
            "t.toml:12:1",
            "t.toml:15:8",
            "t.toml:18:6",
            "t.toml:20:1",
            "t.toml:23:6"
        ],
        "{shown:#?}"
    );
    assert!(
        shown[0].contains("unknown field `summray` in the briefing"),
        "{}",
        shown[0]
    );
    assert!(
        shown[0].ends_with("(did you mean `summary`?)"),
        "{}",
        shown[0]
    );
    assert!(shown[2].contains("unknown field `urll` in a `[[sources]]` entry"));
    assert!(shown[3].contains("(did you mean `kind`?)"));
    assert!(shown[5].contains("duplicate section id `a`: already used on line 10"));
    assert!(shown[6].contains("unknown field `tags` in a section"));
    assert!(shown[7].contains("duplicate section id `a`"));
}

#[test]
fn wrong_types_are_reported_with_the_rest() {
    let shown = messages(
        "title = 3\ntags = \"a, b\"\n[[sections]]\ntitle = \"A\"\nbody = [\"x\"]\nsources = \"s\"\n",
    );
    assert_eq!(
        shown,
        [
            "t.toml:1:1: error: missing `title`: every briefing needs one",
            "t.toml:1:9: error: `title`: expected a string, found a whole number",
            "t.toml:2:8: error: `tags`: expected a list of strings, found a string",
            "t.toml:5:8: error: `body`: expected a string, found a list",
            "t.toml:6:11: error: `sources`: expected a list of strings, found a string",
        ],
        "{shown:#?}"
    );
}

#[test]
fn field_lines_are_the_lines_of_the_fields() {
    let b = load(
        "# a comment\nid = \"x\"\n\ntitle = \"T\"\nsummary = \"\"\"\nThe summary.\"\"\"\ntags = [\n  \"a\",\n]\n\n[[sources]]\nname = \"S1\"\n\n[[sources]]\nname = \"S2\"\n\n[[sections]]\nid = \"s\"\n\ntitle = \"Section\"\nbody = \"b\"\n",
    );
    assert_eq!(b.lines.title, 4);
    assert_eq!(b.lines.summary, 6);
    assert_eq!(b.lines.tags, 7);
    assert_eq!(b.lines.sources, [11, 14]);
    assert_eq!((b.sections[0].line, b.sections[0].title_line), (17, 20));
    assert_eq!(b.sections[0].body_line, 21);
}

#[test]
fn a_title_without_a_visible_character_is_refused() {
    let shown =
        messages("title = \"\\u200b\\u200d\\u202e\\u2066 \"\n[[sections]]\ntitle = \"\\u200b\"\n");
    assert_eq!(
        shown,
        [
            "t.toml:1:9: error: the briefing's `title` has no visible character (only spaces, zero-width characters or direction marks)",
            "t.toml:3:9: error: the section's `title` has no visible character (only spaces, zero-width characters or direction marks)",
        ]
    );
}

#[test]
fn repeated_tags_are_linear_and_capped() {
    let mut text = String::from("title = \"T\"\ntags = [");
    for i in 0..50_000 {
        text.push_str(&format!("\"t{}\", ", i % 25_000));
    }
    text.push_str("]\n[[sections]]\ntitle = \"A\"\n");
    let loaded = parse(&text).map_err(|e| format!("{e:?}"));
    let loaded = loaded.as_ref().expect("loads");
    assert_eq!(loaded.briefing.tags.len(), 25_000);
    assert_eq!(loaded.warnings.len(), crate::domain::diag::MAX_REPEATED + 1);
    assert_eq!(
        loaded.warnings.last().map(|w| w.message.as_str()),
        Some("… and 24,990 more like this")
    );
}

const GRADED: &str = "title = \"T\"\nclassification = \"UNCLASSIFIED//FOUO\"\ntlp = \"AMBER+STRICT\"\n\n[[sources]]\nid = \"nyt\"\nname = \"The New York Times\"\nreliability = \"B\"\ncredibility = 2\n\n[[sources]]\nid = \"kcna\"\nname = \"KCNA\"\nreliability = \"E\"\ngrading = \"State media.\"\n\n[[sections]]\nid = \"a\"\ntitle = \"A\"\nsources = [\"nyt\"]\nmarking = \"U//FOUO\"\nbody = \"\"\"\n(U) Kim may travel [^kcna].\n\nMore text.\n\"\"\"\n\n[[sections]]\nid = \"b\"\ntitle = \"B\"\nbody = \"\"\"\nFirst [^kcna].\n\nSecond [^nyt] and [^kcna].\n\"\"\"\n";

#[test]
fn graded_sources_citations_markings_and_tlp_load() {
    let b = load(GRADED);
    assert_eq!(
        b.tlp.map(|t| t.label()).as_deref(),
        Some("TLP:AMBER+STRICT")
    );
    let grades: Vec<String> = b.sources.iter().map(|s| s.grade().label()).collect();
    assert_eq!(grades, ["B2", "E"]);
    assert_eq!(
        b.source("kcna").and_then(|s| s.grading.as_deref()),
        Some("State media.")
    );
    assert_eq!(b.sections[0].cited_sources(), ["nyt", "kcna"]);
    assert!(!b.sections[0].rests_on_single_source());
    assert_eq!(b.sections[1].cited_sources(), ["kcna", "nyt"]);
    let passages = b.passages_citing("kcna");
    use crate::domain::briefing::Passage;
    assert_eq!(
        passages,
        [
            Passage {
                section: Some(0),
                block: Some(0)
            },
            Passage {
                section: Some(1),
                block: Some(0)
            },
            Passage {
                section: Some(1),
                block: Some(1)
            },
        ]
    );
    assert_eq!(
        b.passages_citing("nyt"),
        [
            Passage {
                section: Some(0),
                block: None
            },
            Passage {
                section: Some(1),
                block: Some(1)
            }
        ]
    );
    assert_eq!(
        b.high_water_mark().map(|m| m.banner()).as_deref(),
        Some("UNCLASSIFIED//FOUO")
    );
    let marks: Vec<Option<String>> = b.sections[0]
        .block_markings()
        .iter()
        .map(|m| m.as_ref().map(|m| m.code()))
        .collect();
    assert_eq!(marks, [Some("U".to_string()), Some("U//FOUO".to_string())]);
}

#[test]
fn a_secret_paragraph_under_unclassified_is_an_error_at_the_paragraph() {
    let text = "title = \"T\"\nclassification = \"UNCLASSIFIED — open source\"\n[[sections]]\ntitle = \"A\"\nbody = \"\"\"\nOpen text.\n\n(S) Secret text.\n\"\"\"\n[[sections]]\ntitle = \"B\"\nmarking = \"TS//SCI\"\n";
    assert_eq!(
        messages(text),
        [
            "t.toml:8:1: error: the portion marked (S) is SECRET, above the briefing's classification `UNCLASSIFIED — open source` (UNCLASSIFIED)",
            "t.toml:12:11: error: the portion marked (TS//SCI) is TOP SECRET, above the briefing's classification `UNCLASSIFIED — open source` (UNCLASSIFIED)",
        ]
    );
    // Under SECRET the same paragraph loads, and the banner is SECRET.
    let b = load(
        &text
            .replace("UNCLASSIFIED — open source", "SECRET")
            .replace("TS//SCI", "C"),
    );
    assert_eq!(
        b.high_water_mark().map(|m| m.banner()).as_deref(),
        Some("SECRET")
    );
    assert_eq!(
        b.declared_level(),
        Some(crate::domain::tradecraft::marking::Level::Secret)
    );
}

#[test]
fn marks_that_cannot_be_compared_are_warned_about() {
    let w = messages(
        "title = \"T\"\nclassification = \"OFFICIAL\"\n[[sections]]\ntitle = \"A\"\nbody = \"(S) x\"\n",
    );
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with(
            "t.toml:2:18: warning: the classification `OFFICIAL` names no level brief recognises"
        ),
        "{w:?}"
    );
    let w = messages("title = \"T\"\n[[sections]]\ntitle = \"A\"\nmarking = \"C\"\n");
    assert_eq!(
        w,
        [
            "t.toml:1:1: warning: portions are marked up to CONFIDENTIAL, but the briefing declares no `classification`"
        ]
    );
}

#[test]
fn unknown_sources_bad_grades_and_bad_labels_are_located() {
    let text = "title = \"T\"\ntlp = \"amber\"\n[[sources]]\nid = \"nyt\"\nname = \"N\"\nreliability = \"b\"\ncredibility = \"2\"\n[[sources]]\nid = \"nyt\"\nname = \"M\"\ncredibility = 7\n[[sections]]\ntitle = \"A\"\nsources = [\"nyt\", \"kcna\"]\nmarking = \"secret\"\nbody = \"Text \\\"quoted\\\" [^kcna].\"\n";
    let shown = messages(text);
    let expected = [
        "t.toml:2:7: error: `amber` is not a TLP 2.0 label: write one of CLEAR, GREEN, AMBER, AMBER+STRICT or RED, in capitals and without `TLP:`",
        "t.toml:6:15: error: `b` is not a reliability grade: write one capital letter from A (completely reliable) to F (cannot be judged)",
        "t.toml:7:15: error: `credibility` is a string: write a number from 1 (confirmed) to 6 (truth cannot be judged), without quotes",
        "t.toml:9:6: error: duplicate source id `nyt`: already used on line 4",
        "t.toml:11:15: error: 7 is not a credibility grade: write a number from 1 (confirmed) to 6 (truth cannot be judged), without quotes",
        "t.toml:14:19: error: unknown source `kcna`: no `[[sources]]` entry has this `id` (the ids are nyt)",
        "t.toml:15:11: error: malformed marking `secret`: a marking is U, C, S or TS, with optional caveats after `//` (e.g. \"S//NOFORN\", \"U//FOUO\")",
        "t.toml:16:25: error: unknown source `kcna` in the citation `[^kcna]`: no `[[sources]]` entry has this `id` (the ids are nyt)",
    ];
    assert_eq!(shown, expected, "{shown:#?}");
}
