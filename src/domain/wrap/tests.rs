//! Tests of wrapping: examples in several scripts and properties (lines fit, every word
//! is kept, links stay whole unless wider than the line).

use std::ops::Range;

use super::*;
use crate::domain::markdown::render_markdown;
use proptest::prelude::*;

fn block(kind: BlockKind, first: &str, rest: &str, text: &str) -> Block {
    Block {
        kind,
        prefix_first: first.to_owned(),
        prefix_rest: rest.to_owned(),
        text: text.to_owned(),
        styles: Vec::new(),
    }
}

fn para(text: &str) -> Block {
    block(BlockKind::Paragraph, "", "", text)
}

/// The text of each wrapped line.
fn lines(block: &Block, width: usize) -> Vec<String> {
    wrap_block(block, width)
        .into_iter()
        .map(|l| block.text[l.range].to_owned())
        .collect()
}

#[test]
fn french_accented_text_wraps_on_words() {
    let b = para("La coopération militaire franco-allemande s’est renforcée après l’été.");
    assert_eq!(
        lines(&b, 20),
        vec![
            "La coopération",
            "militaire franco-",
            "allemande s’est",
            "renforcée après",
            "l’été.",
        ]
    );
    let wrapped = wrap_block(&b, 20);
    assert!(wrapped[0].first && wrapped.iter().skip(1).all(|l| !l.first));
}

#[test]
fn hanging_indent_uses_the_rest_prefix() {
    let b = block(
        BlockKind::ListItem,
        "• ",
        "  ",
        "one two three four five six",
    );
    assert_eq!(lines(&b, 12), vec!["one two", "three four", "five six"]);
    assert_eq!(
        render_plain(&[b], 12),
        "• one two\n  three four\n  five six\n"
    );
}

#[test]
fn cjk_counts_two_columns() {
    let b = para("東京の会議では防衛協力について議論した");
    let got = lines(&b, 10);
    assert_eq!(
        got,
        vec!["東京の会議", "では防衛協", "力について", "議論した"]
    );
    // An odd width cannot hold a half character.
    let got = lines(&b, 9);
    assert!(got.iter().all(|l| display_width(l) <= 9));
    assert_eq!(got[0], "東京の会");
}

#[test]
fn combining_marks_take_no_column_and_are_never_split() {
    // "é" as e + U+0301, five times: five columns.
    let word = "e\u{301}".repeat(5);
    let b = para(&format!("{word} {word}"));
    assert_eq!(lines(&b, 11), vec![format!("{word} {word}")]);
    assert_eq!(lines(&b, 10), vec![word.clone(), word.clone()]);
    // Broken inside the word: between graphemes only.
    let got = lines(&para(&word), 2);
    assert_eq!(
        got,
        vec!["e\u{301}e\u{301}", "e\u{301}e\u{301}", "e\u{301}"]
    );
}

#[test]
fn a_long_word_is_broken_between_graphemes() {
    let word = "a".repeat(200);
    let b = block(
        BlockKind::ListItem,
        "• ",
        "  ",
        &format!("start {word} end"),
    );
    let got = lines(&b, 20);
    assert_eq!(got[0], "start");
    // 200 = 11 × 18 + 2: eleven full lines, then the rest joins the next word.
    assert_eq!(got.len(), 1 + 11 + 1);
    for line in &got[1..12] {
        assert_eq!(line, &"a".repeat(18));
    }
    assert_eq!(got[12], "aa end");
    // An ordinary word is cut at the full width, without a marker.
    assert!(wrap_block(&b, 20).iter().all(|l| !l.cut));
}

#[test]
fn width_smaller_than_the_prefix_still_terminates() {
    let b = block(BlockKind::ListItem, "│ │ • ", "│ │   ", "ab 東");
    let got = lines(&b, 3);
    assert_eq!(got, vec!["a", "b", "東"]);
    assert_eq!(lines(&b, 0), vec!["a", "b", "東"]);
}

#[test]
fn width_one_gives_one_grapheme_per_line() {
    let b = para("ab c東e\u{301}");
    assert_eq!(lines(&b, 1), vec!["a", "b", "c", "東", "e\u{301}"]);
}

#[test]
fn hard_breaks_force_lines_and_are_excluded() {
    let b = para("first line  \nsecond\n\nfourth");
    let wrapped = wrap_block(&b, 40);
    let got: Vec<&str> = wrapped.iter().map(|l| &b.text[l.range.clone()]).collect();
    assert_eq!(got, vec!["first line", "second", "", "fourth"]);
    assert_eq!(wrapped[2].range, 20..20);
}

#[test]
fn code_lines_are_cut_not_rewrapped() {
    let b = block(
        BlockKind::Code,
        "    ",
        "    ",
        "let a = 1;\n\n    nested(b, c);",
    );
    assert_eq!(lines(&b, 40), vec!["let a = 1;", "", "    nested(b, c);"]);
    // Too long: cut at the width, not at spaces.
    assert_eq!(
        lines(&b, 12),
        vec!["let a =", "1;", "", "    nest", "ed(b, c)", ";"]
    );
}

#[test]
fn grapheme_clusters_ending_in_a_space_stay_whole() {
    // U+0600 is a prepended mark: it forms one cluster with the space after it.
    let b = para("ab\u{600} cd ef");
    assert_eq!(lines(&b, 6), vec!["ab\u{600} cd", "ef"]);
    assert_eq!(lines(&b, 4), vec!["ab\u{600} ", "cd", "ef"]);
}

#[test]
fn empty_text_gives_one_empty_line() {
    let rule = block(BlockKind::Rule, "", "", "");
    assert_eq!(
        wrap_block(&rule, 30),
        vec![WrappedLine {
            first: true,
            range: 0..0,
            cut: false,
        }]
    );
    assert_eq!(wrap_block(&para("   "), 30).len(), 1);
}

#[test]
fn plain_rendering() {
    let blocks = render_markdown(
        "Intro text here.\n\n- one item\n  - nested\n\n---\n\n> quoted words wrap\n\n```\ncode\n```\n",
    );
    assert_eq!(
        render_plain(&blocks, 14),
        "Intro text\nhere.\n\n• one item\n\n  ◦ nested\n\n──────────────\n\n│ quoted words\n│ wrap\n\n    code\n"
    );
    let rule = render_markdown("***");
    assert_eq!(render_plain(&rule, 100), format!("{}\n", "─".repeat(40)));
    assert_eq!(render_plain(&[], 80), "");
}

/// Each wrapped line as drawn: its text, then the marker where it is cut.
fn drawn(block: &Block, width: usize) -> Vec<String> {
    wrap_block(block, width)
        .into_iter()
        .map(|l| {
            let marker = if l.cut { CUT_MARKER } else { "" };
            format!("{}{marker}", &block.text[l.range])
        })
        .collect()
}

#[test]
fn a_url_is_never_split_at_its_hyphens_or_slashes() {
    let url = "<https://example.org/kcna-statement>";
    let text = format!("Statement relayed by the agency {url} on Monday.");
    let b = para(&text);
    for width in display_width(url)..100 {
        let got = lines(&b, width);
        assert!(got.iter().any(|l| l.contains(url)), "{width}: {got:?}");
        assert!(wrap_block(&b, width).iter().all(|l| !l.cut));
    }
    assert_eq!(
        lines(&b, 40),
        vec![
            "Statement relayed by the agency",
            "<https://example.org/kcna-statement> on",
            "Monday.",
        ]
    );
    // Plain text (a source line in the overview or `brief show`'s header) too.
    let source = format!("Sources    Korean Central News Agency {url} (accessed 24 November)");
    assert_eq!(
        fill(&source, 44),
        format!("Sources    Korean Central News Agency\n{url}\n(accessed 24 November)")
    );
    // The same words without a URL still break after their hyphens.
    assert_eq!(
        lines(&para("the statement of the kcna-statement office"), 22),
        vec!["the statement of the", "kcna-statement office"]
    );
    assert_eq!(
        lines(&para("the statement of the kcna-statement office"), 26),
        vec!["the statement of the kcna-", "statement office"]
    );
}

#[test]
fn an_email_address_is_never_split() {
    let text = "Write to jean-pierre.dupont@example.fr or to press-office@mfa.example.org today.";
    let b = para(text);
    for width in 31..100 {
        let got = lines(&b, width);
        assert!(
            got.iter()
                .any(|l| l.contains("jean-pierre.dupont@example.fr")),
            "{width}: {got:?}"
        );
        assert!(
            got.iter()
                .any(|l| l.contains("press-office@mfa.example.org")),
            "{width}: {got:?}"
        );
    }
    assert_eq!(
        lines(&b, 35),
        vec![
            "Write to",
            "jean-pierre.dupont@example.fr or to",
            "press-office@mfa.example.org today.",
        ]
    );
}

#[test]
fn markdown_link_urls_are_kept_whole_even_when_relative() {
    let blocks = render_markdown(
        "The [agency statement](https://example.org/kcna-statement) and [the annex](annexes/chronology-of-the-talks) agree.",
    );
    let b = &blocks[0];
    for width in 40..100 {
        let got = lines(b, width);
        for url in [
            "<https://example.org/kcna-statement>",
            "<annexes/chronology-of-the-talks>",
        ] {
            assert!(got.iter().any(|l| l.contains(url)), "{width}: {got:?}");
        }
    }
}

#[test]
fn a_url_wider_than_the_line_is_cut_only_where_it_must_with_a_marker() {
    let url = "https://example.org/a-very-long-path/with-many-segments/and-more";
    assert_eq!(url.len(), 64);
    let b = block(
        BlockKind::ListItem,
        "• ",
        "  ",
        &format!("See {url} today, then more."),
    );
    // 20 columns less the prefix: 18, so 17 characters and the marker a line.
    assert_eq!(
        drawn(&b, 20),
        vec![
            "See",
            "https://example.o↩",
            "rg/a-very-long-pa↩",
            "th/with-many-segm↩",
            "ents/and-more",
            "today, then more.",
        ]
    );
    let wrapped = wrap_block(&b, 20);
    assert_eq!(
        wrapped.iter().map(|l| l.cut).collect::<Vec<_>>(),
        vec![false, true, true, true, false, false]
    );
    // The ranges still hold the address whole, marker aside.
    let joined: String = wrapped[1..5]
        .iter()
        .map(|l| &b.text[l.range.clone()])
        .collect();
    assert_eq!(joined, url);
    // `brief show` draws the marker.
    assert!(render_plain(&[b], 20).contains("\n  rg/a-very-long-pa↩\n"));
}

#[test]
fn a_cut_needs_room_for_the_marker() {
    let url = para("https://例え.jp/x");
    // Two columns: one character and the marker; a wide one cannot have the marker.
    assert_eq!(
        drawn(&url, 2),
        vec![
            "h↩", "t↩", "t↩", "p↩", "s↩", ":↩", "/↩", "/↩", "例", "え", ".↩", "j↩", "p↩", "/x"
        ]
    );
    // One column: cut like any word, one grapheme a line, no marker.
    assert!(wrap_block(&url, 1).iter().all(|l| !l.cut));
    // Code is cut, never marked.
    let code = block(
        BlockKind::Code,
        "",
        "",
        "curl https://example.org/a-long-path",
    );
    assert!(wrap_block(&code, 12).iter().all(|l| !l.cut));
}

#[test]
fn links_in_long_lines_are_found_in_linear_time() {
    // Inputs on which a careless link scan rescans the rest of the line at every
    // trigger: each must complete (a quadratic scan of 1 MB never would). Wrapping is
    // timed by the benchmarks; here the scan alone, plus one wrap of a shorter line.
    for unit in [
        "a.b_",
        "x@",
        "a@b.",
        "http://",
        "a://b_",
        "@a.b",
        "<https://x.org/",
        "a-",
    ] {
        let text = unit.repeat((1 << 20) / unit.len());
        let links = links_in(&text, 0..text.len(), &[]);
        assert!(links.windows(2).all(|w| w[0].end < w[1].start), "{unit}");
        assert!(links.last().is_none_or(|l| l.end <= text.len()), "{unit}");
        let short = &text[..(1 << 14) / unit.len() * unit.len()];
        let wrapped = wrap_block(&para(short), 80);
        let kept: usize = wrapped.iter().map(|l| l.range.len()).sum();
        assert_eq!(kept, short.len(), "{unit}");
    }
}

fn non_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check_wrap(block: &Block, width: usize) -> Result<(), TestCaseError> {
    let wrapped = wrap_block(block, width);
    prop_assert!(!wrapped.is_empty());
    let mut kept = String::new();
    let mut last_end = 0;
    for (index, line) in wrapped.iter().enumerate() {
        prop_assert_eq!(line.first, index == 0);
        prop_assert!(line.range.start >= last_end, "ranges out of order");
        prop_assert!(line.range.start <= line.range.end);
        let shown = block.text.get(line.range.clone());
        prop_assert!(shown.is_some(), "range off char boundaries");
        let shown = shown.unwrap_or_default();
        prop_assert!(!shown.contains('\n'));
        prop_assert!(
            shown
                .graphemes(true)
                .next_back()
                .is_none_or(|g| !g.chars().all(char::is_whitespace)),
            "trailing whitespace kept in {:?}",
            shown
        );
        let prefix = if line.first {
            &block.prefix_first
        } else {
            &block.prefix_rest
        };
        let used = display_width(prefix) + display_width(shown);
        let single = shown.graphemes(true).count() <= 1;
        if line.cut {
            prop_assert!(block.kind != BlockKind::Code, "a code line marked as cut");
            // The marker always has its column: a cut line never overflows.
            prop_assert!(
                used + display_width(CUT_MARKER) <= width,
                "cut line {:?} and its marker take {} columns, width {}",
                shown,
                used + 1,
                width
            );
        }
        prop_assert!(
            used <= width || single,
            "line {:?} is {} columns, width {}",
            shown,
            used,
            width
        );
        kept.push_str(&non_whitespace(shown));
        last_end = line.range.end;
    }
    prop_assert_eq!(kept, non_whitespace(&block.text));
    Ok(())
}

fn kinds() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        Just(BlockKind::Paragraph),
        Just(BlockKind::ListItem),
        Just(BlockKind::Code)
    ]
}

fn prefixes() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        Just((String::new(), String::new())),
        Just(("• ".to_owned(), "  ".to_owned())),
        Just(("│ 10. ".to_owned(), "│     ".to_owned())),
        Just(("    ".to_owned(), "    ".to_owned())),
    ]
}

/// Words in several scripts, with spaces, hyphens and hard breaks.
fn texts() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,12}",
        "[àéèêëîïôùûüçœÀÉ’]{1,6}",
        "[东京の会議防衛协力한국어]{1,10}",
        "[😀🎉👍🏽🇫🇷]{1,3}",
        "[a-z][\u{300}-\u{36f}]{1,3}",
        "[a-z]{1,5}-[a-z]{1,5}",
        "[ ]{1,3}",
        Just("\n".to_owned()),
        "[a-z]{30,80}",
        "[.,;:!?()«»—]",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

/// Prose with URLs and e-mail addresses among its words: the text, and the byte range
/// of each link as written (angle brackets included).
fn linked_texts() -> impl Strategy<Value = (String, Vec<Range<usize>>)> {
    let link = prop_oneof![
        "https://example\\.(org|fr)/[a-z]{1,8}(-[a-z]{1,8}){0,4}(/[a-z0-9-]{1,10}){0,3}",
        "<https://example\\.org/[a-z]{1,10}-[a-z]{1,10}>",
        "https://example\\.org/([a-z]{2,9}-){5,20}[a-z]{1,5}",
        "[a-z]{1,8}(\\.[a-z]{1,8})?(-[a-z]{1,6})?@[a-z]{2,8}(-[a-z]{2,6})?\\.(org|fr|com)",
        "https://例え\\.jp/[東京会議防衛a-z-]{1,30}",
    ];
    let word = prop_oneof![
        "[a-zA-Zàéè]{1,12}",
        "[a-z]{1,5}-[a-z]{1,5}",
        "[东京の会議]{1,6}",
        Just("\n".to_owned()),
    ];
    let piece = prop_oneof![
        2 => link.prop_map(|l| (l, true)),
        3 => word.prop_map(|w| (w, false)),
    ];
    prop::collection::vec(piece, 1..30).prop_map(|pieces| {
        let mut text = String::new();
        let mut links = Vec::new();
        for (piece, is_link) in pieces {
            if !text.is_empty() {
                text.push(' ');
            }
            if is_link {
                links.push(text.len()..text.len() + piece.len());
            }
            text.push_str(&piece);
        }
        (text, links)
    })
}

/// A link that fits a line is on one line; one that does not starts a line, and every
/// line ending inside it is cut as late as its marker allows, and marked.
fn check_links(block: &Block, width: usize, links: &[Range<usize>]) -> Result<(), TestCaseError> {
    let wrapped = wrap_block(block, width);
    let avail_first = width.saturating_sub(display_width(&block.prefix_first));
    let avail_rest = width.saturating_sub(display_width(&block.prefix_rest));
    let text = block.text.as_str();
    for link in links {
        let shown = &text[link.clone()];
        let holder = wrapped
            .iter()
            .find(|l| l.range.start <= link.start && link.start < l.range.end);
        prop_assert!(holder.is_some(), "{:?} is on no line", shown);
        let holder = holder.map_or(0..0, |l| l.range.clone());
        if display_width(shown) <= avail_first.min(avail_rest) {
            prop_assert!(
                link.end <= holder.end,
                "{:?} split at width {}: {:?}",
                shown,
                width,
                drawn(block, width)
            );
            continue;
        }
        prop_assert!(
            holder.start == link.start,
            "{:?} does not start its line: {:?}",
            shown,
            drawn(block, width)
        );
        for line in wrapped
            .iter()
            .filter(|l| link.start < l.range.end && l.range.end < link.end)
        {
            let avail = if line.first { avail_first } else { avail_rest };
            let piece = &text[line.range.clone()];
            let used = display_width(piece);
            let next = text[line.range.end..]
                .graphemes(true)
                .next()
                .map_or(0, display_width);
            if line.cut {
                prop_assert!(
                    used + 1 + next > avail,
                    "{:?} cut early at width {}: {:?}",
                    shown,
                    width,
                    drawn(block, width)
                );
            } else {
                // Only a grapheme too wide to share its line with the marker.
                prop_assert!(
                    used + 1 > avail && piece.graphemes(true).count() == 1,
                    "{:?} cut without a marker at width {}: {:?}",
                    shown,
                    width,
                    drawn(block, width)
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn wrapped_lines_fit_and_keep_every_word(
        text in texts(),
        width in 10usize..120,
        kind in kinds(),
        (first, rest) in prefixes(),
    ) {
        check_wrap(&block(kind, &first, &rest, &text), width)?;
    }

    #[test]
    fn arbitrary_text_fits_and_keeps_every_word(
        text in any::<String>(),
        width in 10usize..120,
        kind in kinds(),
        (first, rest) in prefixes(),
    ) {
        let clean = crate::domain::text::sanitize(&text);
        check_wrap(&block(kind, &first, &rest, &clean), width)?;
    }

    #[test]
    fn links_are_split_only_when_wider_than_the_line(
        (text, links) in linked_texts(),
        width in 4usize..80,
        list in any::<bool>(),
        (first, rest) in prefixes(),
    ) {
        let kind = if list { BlockKind::ListItem } else { BlockKind::Paragraph };
        let b = block(kind, &first, &rest, &text);
        check_wrap(&b, width)?;
        check_links(&b, width, &links)?;
    }

    #[test]
    fn tiny_widths_terminate(text in texts(), width in 0usize..6, kind in kinds()) {
        let b = block(kind, "│ • ", "│   ", &text);
        let wrapped = wrap_block(&b, width);
        let kept: String = wrapped
            .iter()
            .map(|l| non_whitespace(b.text.get(l.range.clone()).unwrap_or_default()))
            .collect();
        prop_assert_eq!(kept, non_whitespace(&b.text));
    }

    #[test]
    fn rendered_markdown_wraps(source in any::<String>(), width in 0usize..100) {
        for b in render_markdown(&source) {
            if width >= 20 {
                check_wrap(&b, width)?;
            } else {
                prop_assert!(!wrap_block(&b, width).is_empty());
            }
        }
        let _ = render_plain(&render_markdown(&source), width);
    }
}
