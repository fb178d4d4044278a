//! The Markdown export escapes exactly what CommonMark would read as syntax: every text
//! from a briefing or a note comes back from pulldown-cmark as the same literal text
//! (a property test over every printable ASCII character and some others, in every
//! place a text can go), and ordinary punctuation (`-`, `#`, `(`, `)`) is left as
//! written.

use std::collections::HashMap;

use brief::domain::annotation::{Anchor, Bookmark, Note};
use brief::domain::briefing::Briefing;
use brief::domain::export::{ExportFormat, ExportItem, ExportOptions, render};
use brief::domain::library::Library;
use brief::domain::store::AnnotationSet;
use brief::domain::text::{sanitize, sanitize_line};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const FR: &str = "kim-putin-vladivostok-fr";

fn at(s: &str) -> jiff::Timestamp {
    s.parse().expect("timestamp")
}

/// The French briefing with `text` as its title and its second section's title, and one
/// note (quote and body `text`) and one bookmark (label `text`) on that section.
fn export_with(text: &str) -> (Briefing, String) {
    let mut b = (*Library::bundled().get(FR).expect("bundled").clone()).clone();
    b.title = text.to_owned();
    b.sections[1].title = text.to_owned();
    let section = b.sections[1].id.clone();
    let anchor = Anchor {
        briefing: b.id.clone(),
        section,
        block: 0,
        quote: text.to_owned(),
        prefix: String::new(),
        suffix: String::new(),
        version: b.version.clone(),
    };
    let mut set = AnnotationSet::new(&b.id);
    set.file.notes.push(Note {
        id: "n1".into(),
        anchor: anchor.clone(),
        body: text.to_owned(),
        created: at("2024-09-05T08:30:00Z"),
        updated: at("2024-09-05T08:30:00Z"),
        conflict_of: None,
        moved: false,
    });
    set.file.bookmarks.push(Bookmark {
        id: "b1".into(),
        anchor,
        label: Some(text.to_owned()),
        created: at("2024-09-05T08:30:00Z"),
        updated: at("2024-09-05T08:30:00Z"),
        moved: false,
    });
    let status = HashMap::new();
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let md = render(
        &[item],
        ExportFormat::Markdown,
        &ExportOptions::new(at("2024-09-12T14:00:00Z")),
    );
    (b, md)
}

/// The structure pulldown-cmark reads (every start of a block or inline element), and
/// the text of each leaf block (paragraph, heading, list item), breaks as `\n`.
fn read_back(md: &str, options: Options) -> (Vec<String>, Vec<String>) {
    let mut structure = Vec::new();
    let mut texts = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::Paragraph | Tag::Heading { .. } | Tag::Item) {
                    texts.push(std::mem::take(&mut current));
                }
                let name = format!("{tag:?}");
                structure.push(name.split([' ', '(', '{']).next().unwrap_or("").to_owned());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                texts.push(std::mem::take(&mut current));
            }
            Event::End(_) => {}
            Event::Text(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            other => structure.push(format!("{other:?}")),
        }
    }
    texts.retain(|t| !t.is_empty());
    (structure, texts)
}

/// The options the export must hold up under: CommonMark, and every extension.
fn option_sets() -> [Options; 2] {
    [
        Options::empty(),
        Options::all() - Options::ENABLE_SMART_PUNCTUATION,
    ]
}

/// What a one-line text must read back as: in a title or label (one line, inner runs of
/// spaces collapsed), and as a paragraph (leading spaces kept as no-break spaces).
fn expected(text: &str) -> (String, String) {
    let one_line = sanitize_line(text).trim().to_owned();
    let clean = sanitize(text);
    let trimmed = clean.trim_end();
    let spaces = trimmed.len() - trimmed.trim_start_matches(' ').len();
    let paragraph = format!("{}{}", "\u{a0}".repeat(spaces), &trimmed[spaces..]);
    (one_line, paragraph)
}

fn check_literal(text: &str) -> Result<(), TestCaseError> {
    let (_, baseline) = export_with("plain words");
    let (_, md) = export_with(text);
    let (one_line, paragraph) = expected(text);
    for options in option_sets() {
        // A blank text is left out (no passage, no label): nothing to compare.
        if one_line.is_empty() {
            continue;
        }
        let (base_structure, _) = read_back(&baseline, options);
        let (structure, texts) = read_back(&md, options);
        // No element of ours appears or vanishes, and none comes from the text.
        prop_assert_eq!(&structure, &base_structure, "{:?}\n{}", text, md);
        // The title, the section heading, the quote, the note and the bookmark.
        prop_assert!(
            texts.contains(&one_line),
            "{:?} not read back as a title in {:?}\n{}",
            one_line,
            texts,
            md
        );
        // The note's text opens with its portion mark (the briefing is NON CLASSIFIÉ).
        let paragraph = format!("(U) {paragraph}");
        prop_assert!(
            texts
                .iter()
                .any(|t| t.starts_with(&paragraph) || *t == paragraph),
            "{:?} not read back as a paragraph in {:?}\n{}",
            paragraph,
            texts,
            md
        );
        let label = format!("{one_line} — “{one_line}”");
        prop_assert!(
            texts.iter().any(|t| t.contains(&label)),
            "{:?} not read back as a bookmark in {:?}\n{}",
            label,
            texts,
            md
        );
    }
    Ok(())
}

#[test]
fn hostile_lines_read_back_as_written() {
    for text in [
        "*star* _under_ snake_case __dunder__",
        "# heading",
        "#tag at the start",
        "> quote",
        "- item",
        "+ item",
        "-1 degree",
        "1. first",
        "12) twelfth",
        "2024. A year",
        "===",
        "---",
        "- - -",
        "| a | b |",
        "`code` ``two``",
        "[x](y) ![i](z) [^1] [[wiki]]",
        "<https://example.com> <b>bold</b> <!-- c -->",
        "&amp; &#38; &#x26; AT&T R&D",
        "~~gone~~ ~sub~ ^sup^ $x$ $$y$$",
        "{#id .class}",
        ": definition",
        "back\\slash \\* \\",
        "C #",
        "#",
        "###",
        "# #",
        "####### seven",
        "-",
        "+",
        "1.",
        ">",
        ":",
        "=",
        "_",
        "\\",
        "&",
        "ends with a backslash\\",
        "    indented",
        "  two spaces then - dash",
    ] {
        check_literal(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

#[test]
fn ordinary_punctuation_is_left_as_written() {
    let text =
        "kim-putin-vladivostok-en (relaying The New York Times) nord-coréens #munitions 1.5 C# a_b";
    let (_, md) = export_with(text);
    assert!(md.contains(&format!("# {text}\n")), "{md}");
    assert!(md.contains(&format!("\n(U) {text}\n")), "{md}");
    // The briefing's id, the sources and the kinds too.
    assert!(
        md.contains("- **Briefing\u{202f}:** kim-putin-vladivostok-fr\n"),
        "{md}"
    );
    assert!(
        md.contains("(reprenant le New York Times) (consultée le"),
        "{md}"
    );
    assert!(!md.contains("\\-"), "a hyphen was escaped:\n{md}");
    assert!(!md.contains("\\("), "a bracket was escaped:\n{md}");
    assert!(!md.contains("\\#"), "a hash was escaped:\n{md}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any line of printable text (ASCII punctuation above all), wherever it goes,
    /// comes back literal, and leaves the document's structure as it was.
    #[test]
    fn any_line_reads_back_as_written(
        text in "[ -~]{0,24}|[ #>*_`\\[\\]<&!|~$^{}:=+.)0-9a-z-]{0,16}|[#>*_`\\[\\]<&|~:=+.)1-]{1,4}( [a-z]{1,3})?"
    ) {
        check_literal(&text)?;
    }
}
