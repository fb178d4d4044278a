//! Tests of `search`.
use super::*;
use crate::domain::bundled::BUNDLED;
use crate::domain::fold::fold_query;
use crate::domain::markdown::BlockKind;
use proptest::prelude::*;

fn block(text: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        prefix_first: String::new(),
        prefix_rest: String::new(),
        text: text.to_owned(),
        styles: Vec::new(),
    }
}

fn index(units: &[&[&str]]) -> DocIndex {
    DocIndex::from_units(
        units
            .iter()
            .map(|u| u.iter().map(|t| block(t)).collect())
            .collect(),
    )
}

/// (unit, block, matched original text) of every match.
fn found<'a>(units: &[&'a [&'a str]], query: &str) -> Vec<(usize, usize, &'a str)> {
    index(units)
        .search(&fold_query(query))
        .into_iter()
        .map(|m| (m.unit, m.block, &units[m.unit][m.block][m.range]))
        .collect()
}

#[test]
fn accents_ligatures_and_typography_fold() {
    let units: &[&[&str]] = &[&["La coopération militaire"], &["Une œuvre, l’Œuvre"]];
    assert_eq!(found(units, "cooperation"), vec![(0, 0, "coopération")]);
    let m = index(units).search(&fold_query("cooperation"));
    assert_eq!(m[0].range, 3..15);
    assert_eq!(found(units, "oe"), vec![(1, 0, "œ"), (1, 0, "Œ")]);
    assert_eq!(found(units, "l'"), vec![(1, 0, "l’")]);
    assert_eq!(found(units, "'"), vec![(1, 0, "’")]);
}

#[test]
fn smart_case() {
    let units: &[&[&str]] = &[&["Poutine, poutine et POUTINE."]];
    assert_eq!(found(units, "Poutine"), vec![(0, 0, "Poutine")]);
    assert_eq!(
        found(units, "poutine"),
        vec![(0, 0, "Poutine"), (0, 0, "poutine"), (0, 0, "POUTINE")]
    );
    assert_eq!(found(units, "POUTINE"), vec![(0, 0, "POUTINE")]);
    // Accents still fold in a case-sensitive query.
    assert_eq!(found(&[&["l’Élysée"]], "Elysee"), vec![(0, 0, "Élysée")]);
    assert_eq!(found(&[&["l’élysée"]], "Elysee"), vec![]);
    // A rejected occurrence does not hide an overlapping one.
    assert_eq!(found(&[&["AAa"]], "Aa"), vec![(0, 0, "Aa")]);
}

#[test]
fn any_script() {
    let units: &[&[&str]] = &[&["Встреча: Путин и Ким"], &["서울 지사는", "東京の会議"]];
    assert_eq!(found(units, "путин"), vec![(0, 0, "Путин")]);
    assert_eq!(found(units, "Путин"), vec![(0, 0, "Путин")]);
    assert_eq!(found(units, "서울"), vec![(1, 0, "서울")]);
    assert_eq!(found(units, "東京"), vec![(1, 1, "東京")]);
    // Hangul is not decomposed: a jamo does not match a syllable.
    assert_eq!(found(units, "ᄉ"), vec![]);
}

#[test]
fn ranges_cover_whole_characters() {
    let units: &[&[&str]] = &[&["cafe\u{301} 東京 straße"]];
    assert_eq!(found(units, "cafe"), vec![(0, 0, "cafe\u{301}")]);
    assert_eq!(found(units, "café"), vec![(0, 0, "cafe\u{301}")]);
    assert_eq!(found(units, "京"), vec![(0, 0, "京")]);
    // Two folded matches in one character are one match.
    assert_eq!(found(units, "s"), vec![(0, 0, "s"), (0, 0, "ß")]);
}

#[test]
fn empty_queries_and_block_boundaries() {
    let units: &[&[&str]] = &[&["ends with ab"], &["cd starts", ""], &["x"]];
    assert_eq!(found(units, ""), vec![]);
    assert_eq!(found(units, "\u{301}"), vec![]);
    assert_eq!(found(units, "abcd"), vec![]);
    assert_eq!(found(units, "ab cd"), vec![]);
    assert_eq!(found(units, "b\0c"), vec![]);
    assert_eq!(found(units, "x"), vec![(2, 0, "x")]);
    assert_eq!(index(units).block_count(), 4);
}

#[test]
fn builds_from_a_briefing() {
    let library = Library::bundled();
    let fr = library
        .briefings
        .iter()
        .find(|b| b.language.as_deref() == Some("fr"))
        .expect("a French briefing");
    let idx = DocIndex::build(fr);
    let matches = idx.search(&fold_query("vladivostok"));
    assert!(matches.iter().any(|m| m.unit == 0));
    assert!(matches.iter().any(|m| m.unit > 0));
    for m in &matches {
        let blocks = if m.unit == 0 {
            render_markdown(fr.summary.as_deref().unwrap_or_default())
        } else {
            render_markdown(&fr.sections[m.unit - 1].body)
        };
        assert_eq!(
            fold(&blocks[m.block].text[m.range.clone()]).text,
            "vladivostok"
        );
    }
}

#[test]
fn snippets_are_one_short_line() {
    let text = format!(
        "{} Poutine\nà Vladivostok {}",
        "mot ".repeat(40),
        "suite ".repeat(40)
    );
    let at = text.find("Poutine").expect("present");
    let (s, h) = snippet(&text, at..at + 7);
    assert_eq!(&s[h.clone()], "Poutine");
    assert!(s.width() <= SNIPPET_COLUMNS, "{s}");
    assert!(!s.contains('\n'));
    assert!(s.starts_with('…') && s.ends_with('…'));
    assert!(s.contains("Poutine à Vladivostok"));
    // Short text: all of it.
    assert_eq!(snippet("a 東京 b", 2..8), ("a 東京 b".to_owned(), 2..8));
    // A match wider than the snippet is cut.
    let long = "x".repeat(300);
    let (s, h) = snippet(&long, 0..300);
    assert!(s.width() <= SNIPPET_COLUMNS);
    assert_eq!(h.start, 0);
}

fn note(id: &str, briefing: &str, section: &str, body: &str) -> Note {
    use crate::domain::annotation::Anchor;
    Note {
        id: id.to_owned(),
        anchor: Anchor {
            briefing: briefing.to_owned(),
            section: section.to_owned(),
            block: 2,
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            version: String::new(),
        },
        body: body.to_owned(),
        created: jiff::Timestamp::UNIX_EPOCH,
        updated: jiff::Timestamp::UNIX_EPOCH,
        conflict_of: None,
        moved: false,
    }
}

fn bundled_index() -> LibraryIndex {
    let library = Library::bundled();
    let mut index = LibraryIndex::new();
    for b in &library.briefings {
        let notes = vec![note(
            "0190-note",
            &b.id,
            &b.sections[1].id,
            "À vérifier : la #Coopération avec Pyongyang\net les obus.",
        )];
        index.add(b, &notes);
    }
    index
}

fn all_hits(index: &LibraryIndex, query: &str) -> Vec<Vec<LibraryHit>> {
    let mut out = Vec::new();
    index.search(&fold_query(query), &mut |hits| {
        out.push(hits);
        true
    });
    out
}

#[test]
fn library_search_finds_titles_and_streams_per_briefing() {
    let index = bundled_index();
    assert_eq!(index.len(), 2);
    let results = all_hits(&index, "poutine");
    assert_eq!(results.len(), 1, "only the French briefing");
    let hits = &results[0];
    assert_eq!(hits[0].field, Field::Title);
    assert_eq!(hits[0].section, None);
    assert_eq!(&hits[0].snippet[hits[0].highlight.clone()], "Poutine");
    assert!(
        hits[0]
            .snippet
            .starts_with("Kim Jong Un et Vladimir Poutine")
    );
    // In order: title, (tags,) summary, sections in order, notes.
    let rank = |h: &LibraryHit| match h.field {
        Field::Title => (0, 0),
        Field::Tags => (1, 0),
        Field::Summary => (2, 0),
        Field::SectionTitle | Field::SectionBody => (3, h.unit),
        Field::Note => (4, 0),
    };
    assert!(hits.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
    assert!(hits.iter().any(|h| h.field == Field::Summary));
    assert!(
        hits.iter()
            .any(|h| h.field == Field::SectionBody && h.section.is_some())
    );
    for h in hits {
        assert_eq!(fold(&h.snippet[h.highlight.clone()]).text, "poutine");
        assert!(!h.snippet.contains('\n'));
        assert!(h.snippet.width() <= SNIPPET_COLUMNS);
    }
    // Both briefings' tags.
    let tags = all_hits(&index, "north-korea");
    assert_eq!(tags.len(), 2);
    assert!(tags.iter().all(|hits| hits[0].field == Field::Tags));
}

#[test]
fn library_search_finds_notes_and_can_be_cancelled() {
    let index = bundled_index();
    let results = all_hits(&index, "pyongyang");
    assert_eq!(results.len(), 2);
    for hits in &results {
        let notes: Vec<&LibraryHit> = hits.iter().filter(|h| h.field == Field::Note).collect();
        assert_eq!(notes.len(), 1);
        let n = notes[0];
        assert_eq!(n.note_id.as_deref(), Some("0190-note"));
        assert_eq!(n.unit, 2);
        assert_eq!(n.block, 2);
        assert!(n.section.is_some());
        assert_eq!(&n.snippet[n.highlight.clone()], "Pyongyang");
        assert_eq!(hits.last().map(|h| h.field), Some(Field::Note));
    }
    let mut calls = 0;
    index.search(&fold_query("vladivostok"), &mut |_| {
        calls += 1;
        false
    });
    assert_eq!(calls, 1);
    let mut calls = 0;
    index.search(&fold_query(""), &mut |_| {
        calls += 1;
        true
    });
    assert_eq!(calls, 0);
}

#[test]
fn library_entries_are_replaced_and_removed() {
    let library = Library::bundled();
    let mut index = LibraryIndex::new();
    for b in &library.briefings {
        index.add(b, &[]);
    }
    let first = &library.briefings[0];
    index.add(first, &[note("n2", &first.id, "nope", "zqxw marker")]);
    assert_eq!(index.len(), 2);
    let hits = all_hits(&index, "zqxw");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0][0].unit, 0);
    assert_eq!(hits[0][0].section, None);
    assert!(index.remove(&first.id));
    assert!(!index.remove(&first.id));
    assert_eq!(index.len(), 1);
    assert!(all_hits(&index, "zqxw").is_empty());
    index.add(first, &[]);
    assert_eq!(index.len(), 2);
}

/// The text of line `line` (1-based) of a bundled file.
fn bundled_line(file: &str, line: u32) -> &'static str {
    let name = file.trim_start_matches("<bundled>/");
    let (_, text) = BUNDLED
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a bundled file");
    text.lines()
        .nth(line as usize - 1)
        .expect("the line exists")
}

#[test]
fn grep_reports_source_lines() {
    let library = Library::bundled();
    let hits = grep_library(&library, &fold_query("Poutine"));
    assert_eq!(hits.len(), 4, "{hits:#?}");
    assert_eq!(hits[0].section, "title");
    assert!(hits.iter().any(|h| h.section == "summary"));
    let mut lines = HashSet::new();
    for h in &hits {
        assert!(h.file.ends_with(".fr.toml"), "{}", h.file);
        assert_eq!(&h.snippet[h.highlight.clone()], "Poutine");
        let line = bundled_line(&h.file, h.line);
        assert!(
            fold(line).text.contains("poutine"),
            "{h}: line {} is {line:?}",
            h.line
        );
        if let Some(column) = h.column {
            let at = column as usize - 1;
            assert!(line[at..].starts_with("Poutine"), "{h}: column {column}");
        }
        assert!(
            lines.insert((h.section.clone(), h.line)),
            "one hit per line: {h}"
        );
    }
    // Section hits are located in their bodies, past the sections' first lines.
    assert!(hits.iter().any(|h| h.column.is_some()));
    assert!(hits.iter().any(|h| h.line > 20));
    // Display.
    assert!(
        hits[0]
            .to_string()
            .starts_with("<bundled>/kim-putin-vladivostok.fr.toml:title:1: Kim")
    );
    // The English briefing says Putin; lowercase matches any case.
    let putin = grep_library(&library, &fold_query("putin"));
    assert!(putin.iter().any(|h| h.file.ends_with(".en.toml")));
    for h in &putin {
        assert!(
            fold(bundled_line(&h.file, h.line)).text.contains("putin"),
            "{h}"
        );
    }
    assert!(grep_library(&library, &fold_query("")).is_empty());
}

#[test]
fn grep_locates_matches_across_markup_and_repeats() {
    use crate::domain::{briefing::Origin, load::parse_briefing};
    let source = "title = \"T\"\n\n[[sections]]\nid = \"s\"\ntitle = \"Section\"\nbody = \"\"\"\nFirst *para*\nline two has target.\n\n- item **tar**get\n- item target and target\n\n```\ncode target\n```\n\"\"\"\n";
    let mut library = Library::default();
    let id = Some("t".to_owned());
    library.add(parse_briefing(source.as_bytes(), Origin::Embedded("t"), id));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let hits = grep_library(&library, &fold_query("target"));
    let lines: Vec<(u32, Option<u32>)> = hits.iter().map(|h| (h.line, h.column)).collect();
    // Line 8: "line two has target."; 10: "- item **tar**get" (not in the source as
    // such: the block's line); 11: two matches, one hit; 14: code.
    assert_eq!(
        lines,
        vec![(8, Some(14)), (10, None), (11, Some(8)), (14, Some(6))]
    );
    for h in &hits {
        let line = source.lines().nth(h.line as usize - 1).unwrap_or_default();
        assert!(line.contains("target") || line.contains("tar**get"), "{h}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_piece_of_a_block_is_always_found(
        blocks in prop::collection::vec("([a-zA-Z ]|é|É|e\u{301}|œ|ß|ﬁ|’|東|서|か\u{3099}|Й|\u{ad}){0,20}", 1..4),
        which in 0usize..4, a in 0usize..40, b in 0usize..40,
    ) {
        let which = which % blocks.len();
        let text = &blocks[which];
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i)
                && !text[i..].chars().next().is_some_and(unicode_normalization::char::is_combining_mark))
            .collect();
        let (i, j) = (cuts[a % cuts.len()], cuts[b % cuts.len()]);
        let (i, j) = (i.min(j), i.max(j));
        let needle = fold(&text[i..j]).text;
        let query = Query { text: needle.clone(), case_sensitive: false, raw: needle.clone() };
        let units = vec![blocks.iter().map(|t| block(t)).collect::<Vec<_>>()];
        let matches = DocIndex::from_units(units).search(&query);
        if needle.is_empty() {
            prop_assert!(matches.is_empty());
        } else {
            prop_assert!(!matches.is_empty());
            for m in &matches {
                let t = &blocks[m.block];
                prop_assert!(t.is_char_boundary(m.range.start) && t.is_char_boundary(m.range.end));
                prop_assert!(fold(&t[m.range.clone()]).text.contains(&needle));
            }
        }
    }
}

#[test]
fn a_snippet_centres_its_match_and_never_cuts_it() {
    use unicode_width::UnicodeWidthStr;
    let before = "word ".repeat(60);
    let after = " more".repeat(60);
    let text = format!("{before}coopération{after}");
    let start = before.len();
    let range = start..start + "coopération".len();
    for columns in [20, 33, 40, 80, 100] {
        let (line, at) = super::snippet_within(&text, range.clone(), columns);
        assert!(line.width() <= columns, "{columns}: {line}");
        assert_eq!(&line[at.clone()], "coopération", "{columns}: {line}");
        // Centred: the context on either side differs by less than a word and an
        // ellipsis.
        let left = line[..at.start].width();
        let right = line[at.end..].width();
        assert!(
            left.abs_diff(right) <= 6,
            "{columns}: {left} vs {right}: {line}"
        );
    }
    // Near the end of the text, the context goes before the match.
    let text = format!("{before}coopération");
    let range = before.len()..text.len();
    let (line, at) = super::snippet_within(&text, range, 40);
    assert_eq!(&line[at.clone()], "coopération");
    assert!(line[..at.start].width() > 20, "{line}");
}
