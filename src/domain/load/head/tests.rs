//! Tests of the head parse: its sections are the whole parse's first sections, the
//! whole parse after it is today's, and problems anywhere are reported as today.
use std::path::PathBuf;

use super::*;
use crate::domain::load::parse_briefing;
use crate::domain::load_md::parse_markdown_briefing;

const WORDS: [&str; 12] = [
    "the",
    "coopération",
    "militaire",
    "œuvre",
    "Vladivostok",
    "東京の会議",
    "analysts",
    "expect",
    "très",
    "ZQX",
    "l’Élysée",
    "revenue",
];

/// A paragraph of `n` words picked by `seed`.
fn prose(seed: usize, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[(seed * 7 + i * 5 + i / 3) % WORDS.len()]);
    }
    out.push('.');
    out
}

/// A TOML briefing of at least `size` bytes with sources, citations, dates, markings,
/// bodies with escapes and without; `tail` ends it.
fn toml_briefing(size: usize, tail: &str) -> String {
    let mut text = String::from(
        "title = \"A large briefing\"\nid = \"large\"\ndate = 2023-09-10\nlanguage = \"fr\"\nclassification = \"SECRET\"\nsummary = \"The summary [^nyt], with an \\\"escape\\\".\"\ntags = [\"a\", \"b\"]\n\n[[sources]]\nid = \"nyt\"\nname = \"NYT\"\nreliability = \"B\"\ncredibility = 2\n",
    );
    let mut i = 0;
    while text.len() < size {
        i += 1;
        text.push_str(&format!(
            "\n[[sections]]\nid = \"s{i}\"\ntitle = \"Section {i}\"\nkind = \"context\"\n"
        ));
        if i % 3 == 0 {
            text.push_str(&format!(
                "body = \"An escaped body\\n\\n{} [^nyt]\"\n",
                prose(i, 20)
            ));
        } else {
            text.push_str(&format!(
                "marking = \"C\"\nbody = \"\"\"\n{}\n\n(S) {} [^nyt]\n\n[[sections]] is not a header here\n\"\"\"\n",
                prose(i, 40),
                prose(i + 1, 30)
            ));
        }
        if i % 5 == 0 {
            text.push_str("\n[[sections.dates]]\nfrom = 2023-09-10\nto = \"2023-09-13\"\n");
        }
    }
    text.push_str(tail);
    text
}

/// The same shape in Markdown.
fn markdown_briefing(size: usize, tail: &str) -> String {
    let mut text = String::from(
        "+++\ntitle = \"A large briefing\"\nid = \"large\"\nlanguage = \"fr\"\n\n[[sources]]\nid = \"nyt\"\nname = \"NYT\"\n\n[[dates]]\nsection = \"s40\"\nfrom = 2023-09-10\n+++\n\nThe summary [^nyt].\n",
    );
    let mut i = 0;
    while text.len() < size {
        i += 1;
        text.push_str(&format!(
            "\n## Section {i} {{#s{i} .context}}\n\n{}\n\n- a list {}\n\n```\n## not a heading\n```\n",
            prose(i, 40),
            prose(i + 2, 10)
        ));
    }
    text.push_str(tail);
    text
}

fn toml_origin() -> Origin {
    Origin::File(PathBuf::from("big.toml"))
}

fn md_origin() -> Origin {
    Origin::File(PathBuf::from("big.md"))
}

/// The head and the rest, or a failure naming what came instead.
fn split(text: &str, origin: Origin, max: usize) -> (Briefing, Rest) {
    match parse_head(text.as_bytes().to_vec(), origin, Some("big".into()), max) {
        HeadParse::Head { head, rest } => (*head, rest),
        HeadParse::Whole(whole) => panic!("no head: {:?}", whole.err()),
    }
}

/// Whether `head` is the start of `whole`: the same metadata, the same first sections.
fn assert_head_of(head: &Briefing, whole: &Briefing) {
    assert!(head.partial && !whole.partial);
    assert!(!head.sections.is_empty());
    assert!(head.sections.len() < whole.sections.len());
    assert_eq!(head.sections[..], whole.sections[..head.sections.len()]);
    let metadata = |b: &Briefing| {
        (
            b.id.clone(),
            b.title.clone(),
            b.date,
            b.language.clone(),
            b.summary.clone(),
            b.classification.clone(),
            b.tags.clone(),
            b.sources.clone(),
            b.summary_citations.clone(),
            b.version.clone(),
            b.lines.clone(),
            b.id_position,
        )
    };
    assert_eq!(metadata(head), metadata(whole));
}

#[test]
fn the_head_holds_the_first_sections_of_the_whole_parse_which_is_todays() {
    let text = toml_briefing(HEAD_FROM + 50_000, "");
    let (head, rest) = split(&text, toml_origin(), 5);
    assert_eq!(head.sections.len(), 5);
    assert_eq!(rest.len(), text.len());
    let whole = rest.parse();
    let today = parse_briefing(text.as_bytes(), toml_origin(), Some("big".into()));
    let (Ok(whole), Ok(today)) = (whole, today) else {
        panic!("both must load");
    };
    assert_eq!(whole.warnings, today.warnings);
    let whole = whole.briefing;
    assert_eq!(whole, today.briefing);
    assert_head_of(&head, &whole);
    // Dates, markings, escapes and citations made it into the head's sections.
    assert!(head.sections[4].dates.len() == 1);
    assert!(head.sections[2].body.starts_with("An escaped body\n\n"));
    assert!(head.sections[0].marking.is_some());
    assert!(head.sections[0].citations.len() == 1);
}

#[test]
fn a_head_stops_after_its_byte_budget_with_at_least_one_section() {
    let big_body = "word ".repeat(HEAD_BYTES / 4);
    let mut text = format!(
        "title = \"T\"\n[[sections]]\ntitle = \"One\"\nbody = \"\"\"\n{big_body}\n\"\"\"\n"
    );
    for i in 0..40 {
        text.push_str(&format!(
            "[[sections]]\ntitle = \"S{i}\"\nbody = \"\"\"\n{big_body}\n\"\"\"\n"
        ));
    }
    let (head, rest) = split(&text, toml_origin(), 30);
    assert!(
        (1..30).contains(&head.sections.len()),
        "{}",
        head.sections.len()
    );
    let whole = rest
        .parse()
        .map(|l| l.briefing)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_head_of(&head, &whole);
}

#[test]
fn the_markdown_head_holds_the_first_sections_of_the_whole_parse() {
    let text = markdown_briefing(HEAD_FROM + 50_000, "");
    let (head, rest) = split(&text, md_origin(), 7);
    assert_eq!(head.sections.len(), 7);
    let whole = rest.parse();
    let today = parse_markdown_briefing(text.as_bytes(), md_origin(), Some("big".into()));
    let (Ok(whole), Ok(today)) = (whole, today) else {
        panic!("both must load");
    };
    assert_eq!(whole.warnings, today.warnings);
    let whole = whole.briefing;
    assert_eq!(whole, today.briefing);
    assert_head_of(&head, &whole);
    // The front matter's date is for a section past the head: not an error there.
    assert!(head.sections.iter().all(|s| s.dates.is_empty()));
    assert_eq!(whole.section("s40").map(|s| s.dates.len()), Some(1));
}

#[test]
fn a_markdown_cut_never_falls_in_a_code_or_html_block() {
    // Lines that look like headings in a fenced code block and in an HTML block, right
    // where the head would end.
    let mut text = String::from("# T\n\nSummary.\n");
    for i in 1..=3 {
        text.push_str(&format!("\n## S{i}\n\nText {i}.\n"));
    }
    text.push_str(
        "\n```\n## inside the fence\n```\n\n<pre>\n## inside html\n\n## and again\n</pre>\n",
    );
    let mut i = 4;
    while text.len() < HEAD_FROM + 10_000 {
        text.push_str(&format!("\n## S{i}\n\n{}\n", prose(i, 30)));
        i += 1;
    }
    let (head, rest) = split(&text, md_origin(), 3);
    assert_eq!(head.sections.len(), 3);
    let whole = rest
        .parse()
        .map(|l| l.briefing)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_head_of(&head, &whole);
    assert!(head.sections[2].body.contains("## and again"));
}

#[test]
fn an_error_in_the_last_section_comes_with_the_rest_at_its_line_and_column() {
    let text = toml_briefing(
        HEAD_FROM + 20_000,
        "\n[[sections]]\ntitle = \"Last\"\nbody = \"cites [^nobody]\"\nkynd = \"x\"\n",
    );
    let (head, rest) = split(&text, toml_origin(), HEAD_SECTIONS);
    assert_eq!(head.sections.len(), HEAD_SECTIONS);
    let errors = rest.parse().err().unwrap_or_default();
    let today = parse_briefing(text.as_bytes(), toml_origin(), Some("big".into()));
    assert_eq!(Some(&errors), today.as_ref().err());
    let lines = text.lines().count() as u32;
    let located: Vec<(Option<u32>, Option<u32>)> =
        errors.iter().map(|e| (e.line, e.column)).collect();
    // `kynd` on the last line; the citation on the line before, at `[^nobody]`.
    assert_eq!(
        located,
        [(Some(lines - 1), Some(15)), (Some(lines), Some(1))]
    );
    assert!(errors[0].message.starts_with("unknown source `nobody`"));
    assert!(errors[1].message.starts_with("unknown field `kynd`"));
}

#[test]
fn a_syntax_error_or_bad_utf8_late_in_the_file_is_reported_as_today() {
    for tail in ["\n[[sections]]\ntitle = \"open\nbody = 1\n", "\n# \u{1}\n"] {
        let text = toml_briefing(HEAD_FROM + 20_000, tail);
        let (_, rest) = split(&text, toml_origin(), 4);
        let today = parse_briefing(text.as_bytes(), toml_origin(), Some("big".into()));
        let errors = rest.parse().err();
        assert!(errors.is_some());
        assert_eq!(errors.as_ref(), today.as_ref().err());
    }
    let mut bytes = toml_briefing(HEAD_FROM + 20_000, "\n# caf").into_bytes();
    bytes.push(0xe9);
    bytes.extend_from_slice(b"\n");
    let today = parse_briefing(&bytes, toml_origin(), Some("big".into()));
    let HeadParse::Head { rest, .. } = parse_head(bytes, toml_origin(), Some("big".into()), 4)
    else {
        panic!("the head is valid UTF-8");
    };
    let errors = rest.parse().err().unwrap_or_default();
    assert_eq!(Some(&errors), today.as_ref().err());
    assert!(errors[0].message.starts_with("invalid UTF-8"));
    assert_eq!(errors[0].column, Some(6));
}

#[test]
fn a_file_whose_head_cannot_stand_alone_is_parsed_whole_as_today() {
    // An error in the first section: reported exactly as the whole parse does.
    let text = toml_briefing(HEAD_FROM, "").replacen("title = \"Section 1\"", "title = \"\"", 1);
    let today = parse_briefing(text.as_bytes(), toml_origin(), Some("big".into()));
    match parse_head(text.into_bytes(), toml_origin(), Some("big".into()), 3) {
        HeadParse::Whole(result) => {
            assert!(today.is_err());
            assert_eq!(result.err(), today.err());
        }
        HeadParse::Head { .. } => panic!("a head with an error"),
    }
    // Sources declared after the sections, cited by the first one: the head alone would
    // not know them, so the file is parsed whole (and loads).
    let mut text = toml_briefing(HEAD_FROM, "").replace("id = \"nyt\"", "id = \"old\"");
    text.push_str("\n[[sources]]\nid = \"nyt\"\nname = \"Late\"\n");
    let today = parse_briefing(text.as_bytes(), toml_origin(), Some("big".into()));
    match parse_head(text.into_bytes(), toml_origin(), Some("big".into()), 3) {
        HeadParse::Whole(Ok(loaded)) => {
            assert_eq!(Some(loaded.briefing), today.ok().map(|l| l.briefing));
        }
        other => panic!("{other:?}"),
    }
    // A small file, and a large one with too few sections to cut.
    let small = toml_briefing(10_000, "");
    assert!(matches!(
        parse_head(small.into_bytes(), toml_origin(), None, 3),
        HeadParse::Whole(Ok(_))
    ));
    let few = format!(
        "title = \"T\"\n[[sections]]\ntitle = \"A\"\nbody = \"\"\"\n{}\n\"\"\"\n",
        "x".repeat(HEAD_FROM)
    );
    assert!(matches!(
        parse_head(few.into_bytes(), toml_origin(), Some("few".into()), 3),
        HeadParse::Whole(Ok(_))
    ));
}

#[test]
fn pathological_files_head_parse_and_parse_whole() {
    // One 10 MB line in a late section.
    let line = "a".repeat(10 * 1024 * 1024);
    let text = toml_briefing(
        HEAD_FROM,
        &format!("\n[[sections]]\ntitle = \"Long\"\nbody = \"\"\"\n{line}\n\"\"\"\n"),
    );
    let (head, rest) = split(&text, toml_origin(), 3);
    assert_eq!(head.sections.len(), 3);
    let whole = rest
        .parse()
        .map(|l| l.briefing)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        whole.sections.last().map(|s| s.body.len()),
        Some(line.len() + 1)
    );
    // 20,000 identical section headers, each section with its id.
    let mut text = String::from("title = \"T\"\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "[[sections]]\nid = \"s{i}\"\ntitle = \"Same\"\nbody = \"\"\"\nThe same text again.\n\"\"\"\n"
        ));
    }
    let (head, rest) = split(&text, toml_origin(), 5);
    assert_eq!(head.sections.len(), 5);
    assert_eq!(
        rest.parse().map(|l| l.briefing.sections.len()).ok(),
        Some(20_000)
    );
    // 20,000 identical sections (so 19,999 duplicate ids): the head has the error, so
    // the file is parsed whole, its problems capped as today.
    let mut text = String::from("title = \"T\"\n");
    for _ in 0..20_000 {
        text.push_str(
            "[[sections]]\ntitle = \"Same\"\nbody = \"\"\"\nThe same text again.\n\"\"\"\n",
        );
    }
    let today = parse_briefing(text.as_bytes(), toml_origin(), Some("t".into()));
    let HeadParse::Whole(Err(errors)) =
        parse_head(text.into_bytes(), toml_origin(), Some("t".into()), 5)
    else {
        panic!("duplicates are errors");
    };
    assert!(errors[0].message.starts_with("duplicate section id `same`"));
    assert!(errors.len() <= 11, "{}", errors.len());
    assert_eq!(Some(errors), today.err());
    // The same in Markdown, with and without ids.
    let mut text = String::from("# T\n");
    for i in 0..20_000 {
        text.push_str(&format!("\n## Same {{#s{i}}}\n\nThe same text again.\n"));
    }
    let (head, rest) = split(&text, md_origin(), 5);
    assert_eq!(head.sections.len(), 5);
    assert_eq!(
        rest.parse().map(|l| l.briefing.sections.len()).ok(),
        Some(20_000)
    );
    let text = format!(
        "# T\n{}",
        "\n## Same\n\nThe same text again.\n".repeat(20_000)
    );
    let result = parse_head(text.into_bytes(), md_origin(), Some("t".into()), 5);
    assert!(matches!(result, HeadParse::Whole(Err(_))));
}

#[test]
fn bodies_are_kept_once_as_ranges_of_the_file() {
    let text = toml_briefing(HEAD_FROM, "");
    let loaded =
        crate::domain::load::parse_briefing_owned(text.clone().into_bytes(), toml_origin(), None);
    let briefing = loaded
        .map(|l| l.briefing)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let first = &briefing.sections[0].body;
    assert_eq!(first.source_len(), text.len());
    for s in &briefing.sections {
        if s.body.starts_with("An escaped body") {
            // Written with escapes: a string of its own.
            assert_eq!(s.body.source_len(), s.body.len());
        } else {
            assert!(s.body.shares_source_with(first), "{}", s.id);
        }
    }
    // Bodies written mostly with escapes are copied out, so the file is not kept.
    let escaped: String = (0..200)
        .map(|i| format!("[[sections]]\ntitle = \"S{i}\"\nbody = \"x\\ty\"\n"))
        .collect();
    let text =
        format!("title = \"T\"\n[[sections]]\ntitle = \"V\"\nbody = '''verbatim'''\n{escaped}");
    let loaded = crate::domain::load::parse_briefing_owned(
        text.into_bytes(),
        toml_origin(),
        Some("t".into()),
    );
    let briefing = loaded
        .map(|l| l.briefing)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(briefing.sections[0].body, "verbatim");
    assert_eq!(briefing.sections[0].body.source_len(), "verbatim".len());
}
