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
