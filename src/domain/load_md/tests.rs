//! Tests of `load_md`.
use super::*;
use std::path::PathBuf;

fn parse(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    parse_markdown_briefing(
        text.as_bytes(),
        Origin::File(PathBuf::from("t.md")),
        Some("t".into()),
    )
}

fn errors(text: &str) -> Vec<String> {
    match parse(text) {
        Ok(_) => vec!["loaded".into()],
        Err(d) => d.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_file_without_front_matter_loads() {
    let l = parse(
        "# The title\n\nThe summary.\n\n## First {#one .context}\n\nBody *one*.\n\n### Inner\n\nMore.\n\n## Second part\nTwo.\n",
    );
    let b = match l {
        Ok(l) => l.briefing,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(b.title, "The title");
    assert_eq!(b.id, "t");
    assert_eq!(b.summary.as_deref(), Some("The summary."));
    assert_eq!(b.sections.len(), 2);
    assert_eq!(b.sections[0].id, "one");
    assert_eq!(
        b.sections[0].kind.as_ref().map(|k| k.as_str()),
        Some("context")
    );
    assert_eq!(b.sections[0].body, "Body *one*.\n\n### Inner\n\nMore.\n");
    assert_eq!(b.sections[0].line, 5);
    assert_eq!(b.sections[0].body_line, 7);
    assert_eq!(b.sections[1].id, "second-part");
    assert_eq!(b.sections[1].kind, None);
    assert_eq!(b.sections[1].body, "Two.\n");
    assert_eq!(b.sections[1].body_line, 14);
}

#[test]
fn front_matter_dates_go_to_their_section() {
    let text = "+++\ntitle = \"T\"\n[[dates]]\nsection = \"b\"\nfrom = \"--09-10\"\nto = \"--09-13\"\nlabel = \"L\"\n+++\n## A {#a}\nx\n## B {#b}\ny\n";
    let b = match parse(text) {
        Ok(l) => l.briefing,
        Err(e) => panic!("{e:?}"),
    };
    assert!(b.sections[0].dates.is_empty());
    assert_eq!(b.sections[1].dates[0].human(), "10–13 Sep");
    assert_eq!(b.sections[1].dates[0].label.as_deref(), Some("L"));
}

#[test]
fn front_matter_errors_are_located_in_the_file() {
    let e = errors("+++\ntitle = \"T\"\nid = \"Bad Id\"\n+++\n## A\nx\n");
    assert_eq!(
        e[0],
        "t.md:3:6: error: malformed id `Bad Id`: use lowercase letters, digits and single hyphens (e.g. `kim-putin-2023`)"
    );
    let e = errors("+++\ntitle = \"T\"\nsummray = \"x\"\n+++\n## A\n");
    assert!(
        e[0].starts_with("t.md:3:1: error: unknown field `summray` in the front matter"),
        "{e:?}"
    );
    assert!(e[0].ends_with("(did you mean `summary`?)"), "{e:?}");
    let e = errors(
        "+++\ntitle = \"T\"\n[[dates]]\nsection = \"a\"\nfrom = \"--09-13\"\nto = \"--09-10\"\n+++\n## A\n",
    );
    assert!(
        e[0].starts_with("t.md:6:6: error: the range runs backwards"),
        "{e:?}"
    );
    let e =
        errors("+++\ntitle = \"T\"\n[[dates]]\nsection = \"zz\"\nfrom = \"--09-13\"\n+++\n## A\n");
    assert_eq!(
        e[0],
        "t.md:4:11: error: no section has the id `zz` (the section ids are a)"
    );
}

#[test]
fn heading_errors_are_located_at_the_heading() {
    let e = errors("# T\n\n## A {#a .context .challenges}\n\nx\n");
    assert_eq!(
        e[0],
        "t.md:3:19: error: several classes `.context .challenges` on one heading: a section has at most one `.kind`"
    );
    let e = errors("# T\n\n## A {#a}\n\nx\n\n## B {#a}\n");
    assert_eq!(
        e[0],
        "t.md:7:7: error: duplicate section id `a`: already used on line 3"
    );
    let e = errors("# T\n\n## A {#Bad}\n");
    assert!(
        e[0].starts_with("t.md:3:7: error: malformed section id `Bad`"),
        "{e:?}"
    );
    let e = errors("# T\n\n## A {.Bad}\n");
    assert!(
        e[0].starts_with("t.md:3:7: error: malformed kind `Bad`"),
        "{e:?}"
    );
    let e = errors("# T\n\n## A {x=1}\n");
    assert!(
        e[0].starts_with("t.md:3:1: error: heading attribute `x=1`"),
        "{e:?}"
    );
    let e = errors("# T\n\n## A\n\n# U\n");
    assert!(
        e[0].starts_with("t.md:5:1: error: a `#` heading among the sections"),
        "{e:?}"
    );
}

#[test]
fn structure_problems() {
    assert_eq!(
        errors("+++\ntitle = \"T\"\n## A\n")[0],
        "t.md:1:1: error: the front matter is never closed: end it with a line `+++`"
    );
    assert!(errors("---\ntitle: x\n---\n")[0].contains("YAML front matter"));
    assert!(
        errors("+++\ntitle = \"T\"\nsummary = \"S\"\n+++\nIntro.\n## A\n")[0]
            .starts_with("t.md:5:1: error: text before the first `##` section is the summary")
    );
    assert!(
        errors("Just text.\n\n## A\n")[0]
            .starts_with("t.md:1:1: error: missing title: write a `# Title`")
    );
    assert!(errors("   \n\n")[0].contains("the file is empty"));
    assert!(
        errors("+++\ntitle = \"T\"\n[[sections]]\ntitle = \"x\"\n+++\n")[0]
            .contains("no `sections` in the front matter")
    );
}

#[test]
fn headings_in_code_quotes_and_lists_stay_in_the_body() {
    let l = parse("# T\n## A\n\n```\n## not a heading\n```\n\n> ## quoted\n\n- ## listed\n");
    let b = l.map(|l| l.briefing).map_err(|e| format!("{e:?}"));
    assert_eq!(b.as_ref().map(|b| b.sections.len()), Ok(1));
    assert!(
        b.as_ref()
            .is_ok_and(|b| b.sections[0].body.ends_with("- ## listed\n"))
    );
}

#[test]
fn a_section_with_no_body_and_warnings() {
    let l = parse("+++\ntitle = \"T\"\n+++\n# Other\n## A {.gossip}\n");
    let l = l.map_err(|e| format!("{e:?}"));
    let warnings: Vec<String> = l
        .as_ref()
        .map(|l| l.warnings.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("t.md:4:3: warning: the `# Other` title differs"));
    assert!(warnings[1].starts_with("t.md:5:7: warning: unknown section kind `gossip`"));
    let s = l.map(|l| l.briefing.sections[0].clone());
    assert_eq!(
        s.as_ref().map(|s| (s.body.as_str(), s.line, s.body_line)),
        Ok(("", 5, 5))
    );
}

#[test]
fn bom_and_crlf() {
    let l = parse("\u{feff}+++\r\ntitle = \"T\"\r\n+++\r\n## A\r\n\r\nx\r\n");
    let b = l.map(|l| l.briefing).map_err(|e| format!("{e:?}"));
    assert_eq!(b.as_ref().map(|b| b.title.as_str()), Ok("T"));
    assert_eq!(b.as_ref().map(|b| b.sections[0].body.as_str()), Ok("x\r\n"));
    assert_eq!(b.as_ref().map(|b| b.sections[0].body_line), Ok(6));
    let e = errors("\u{feff}+++\nid = \"X\"\ntitle = \"T\"\n+++\n");
    assert!(e[0].starts_with("t.md:2:6: error: malformed id"), "{e:?}");
}

#[test]
fn tradecraft_fields_in_front_matter_and_headings() {
    let text = "+++\nclassification = \"SECRET\"\ntlp = \"GREEN\"\ntags = [\"a\"]\n\n[[sources]]\nid = \"nyt\"\nname = \"N\"\nreliability = \"B\"\ncredibility = 2\n+++\n# The title\n\nThe summary [^nyt].\n\n## A {#a .assessment marking=S//NOFORN sources=nyt}\n\n(C) Paragraph [^nyt].\n\n## B {#b}\n\nText.\n";
    let b = match parse(text) {
        Ok(l) => l.briefing,
        Err(e) => panic!("{e:#?}"),
    };
    assert_eq!(b.tlp.map(|t| t.label()).as_deref(), Some("TLP:GREEN"));
    assert_eq!(b.sources[0].grade().label(), "B2");
    assert_eq!(b.sections[0].sources, ["nyt"]);
    assert_eq!(
        b.sections[0].marking.as_ref().map(|m| m.code()).as_deref(),
        Some("S//NOFORN")
    );
    assert_eq!(b.sections[0].portions.len(), 1);
    assert_eq!(b.summary_citations.len(), 1);
    assert_eq!(
        b.high_water_mark().map(|m| m.banner()).as_deref(),
        Some("SECRET//NOFORN")
    );
    assert_eq!(
        (
            b.lines.title,
            b.lines.summary,
            b.lines.tags,
            b.lines.sources.clone()
        ),
        (12, 14, 4, vec![6])
    );
    assert_eq!(
        b.sections
            .iter()
            .map(|s| (s.title_line, s.body_line))
            .collect::<Vec<_>>(),
        [(16, 18), (20, 22)]
    );
}

#[test]
fn tradecraft_errors_are_located_in_the_markdown_file() {
    let text = "+++\nclassification = \"UNCLASSIFIED\"\ntlp = \"TLP:RED\"\n[[sources]]\nid = \"nyt\"\nname = \"N\"\n+++\n# T\n\n## A {#a sources=nyt,kcna marking=C}\n\nIntro.\n\n(S) Secret [^afp].\n";
    assert_eq!(
        errors(text),
        [
            "t.md:3:7: error: `TLP:RED` is not a TLP 2.0 label: write one of CLEAR, GREEN, AMBER, AMBER+STRICT or RED, in capitals and without `TLP:`",
            "t.md:10:22: error: unknown source `kcna`: no `[[sources]]` entry has this `id` (the ids are nyt)",
            "t.md:10:27: error: the portion marked (C) is CONFIDENTIAL, above the briefing's classification `UNCLASSIFIED` (UNCLASSIFIED)",
            "t.md:14:1: error: the portion marked (S) is SECRET, above the briefing's classification `UNCLASSIFIED` (UNCLASSIFIED)",
            "t.md:14:12: error: unknown source `afp` in the citation `[^afp]`: no `[[sources]]` entry has this `id` (the ids are nyt)",
        ]
    );
}

#[test]
fn thousands_of_dates_naming_unknown_sections_give_a_short_report() {
    let mut text = String::from("+++\ntitle = \"T\"\n");
    for i in 0..5_000 {
        text.push_str(&format!(
            "[[dates]]\nsection = \"missing-{i}\"\nfrom = \"--09-10\"\n"
        ));
    }
    text.push_str("+++\n");
    for i in 0..3_000 {
        text.push_str(&format!("## Section {i}\n\nText.\n\n"));
    }
    let e = errors(&text);
    assert_eq!(e.len(), crate::domain::diag::MAX_REPEATED + 1);
    assert!(
        e[0].ends_with("no section has the id `missing-0` (the section ids are section-0, section-1, section-2, section-3, section-4, section-5, section-6, section-7 and 2,992 more)"),
        "{}",
        e[0]
    );
    assert!(
        e[10].ends_with("error: … and 4,990 more like this"),
        "{}",
        e[10]
    );
    let total: usize = e.iter().map(String::len).sum();
    assert!(total < 4_000, "{total} bytes of messages");
}
