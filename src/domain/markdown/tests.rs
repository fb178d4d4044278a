//! Tests of `markdown`.
use super::*;
use proptest::prelude::*;

/// (kind, prefix_first, prefix_rest, text) of each block.
fn shape(source: &str) -> Vec<(BlockKind, String, String, String)> {
    render_markdown(source)
        .into_iter()
        .map(|b| (b.kind, b.prefix_first, b.prefix_rest, b.text))
        .collect()
}

fn row(
    kind: BlockKind,
    first: &str,
    rest: &str,
    text: &str,
) -> (BlockKind, String, String, String) {
    (kind, first.to_owned(), rest.to_owned(), text.to_owned())
}

fn span(range: Range<usize>, style: Inline) -> StyleSpan {
    StyleSpan { range, style }
}

const EM: Inline = Inline {
    emphasis: true,
    strong: false,
    code: false,
    link: false,
    url: false,
    strike: false,
};
const STRONG: Inline = Inline {
    strong: true,
    emphasis: false,
    code: false,
    link: false,
    url: false,
    strike: false,
};
const CODE: Inline = Inline {
    code: true,
    emphasis: false,
    strong: false,
    link: false,
    url: false,
    strike: false,
};
const LINK: Inline = Inline {
    link: true,
    emphasis: false,
    strong: false,
    code: false,
    url: false,
    strike: false,
};
const URL: Inline = Inline {
    url: true,
    emphasis: false,
    strong: false,
    code: false,
    link: false,
    strike: false,
};

#[test]
fn empty_and_blank_bodies_give_nothing() {
    assert!(render_markdown("").is_empty());
    assert!(render_markdown("  \n\t\n   \n").is_empty());
}

#[test]
fn paragraphs_join_soft_breaks_and_keep_hard_ones() {
    assert_eq!(
        shape("First line\nsame paragraph.\n\nSecond\\\nhard  \nbreaks."),
        vec![
            row(BlockKind::Paragraph, "", "", "First line same paragraph."),
            row(BlockKind::Paragraph, "", "", "Second\nhard\nbreaks."),
        ]
    );
}

#[test]
fn nested_bullet_lists_hang_their_indent() {
    let source = "- one\n  - two\n    - three\n      - four\n- five\n";
    assert_eq!(
        shape(source),
        vec![
            row(BlockKind::ListItem, "• ", "  ", "one"),
            row(BlockKind::ListItem, "  ◦ ", "    ", "two"),
            row(BlockKind::ListItem, "    ▪ ", "      ", "three"),
            row(BlockKind::ListItem, "      ▪ ", "        ", "four"),
            row(BlockKind::ListItem, "• ", "  ", "five"),
        ]
    );
}

#[test]
fn second_paragraph_of_an_item_has_no_bullet() {
    let source = "- first\n\n  second\n- next\n";
    assert_eq!(
        shape(source),
        vec![
            row(BlockKind::ListItem, "• ", "  ", "first"),
            row(BlockKind::ListItem, "  ", "  ", "second"),
            row(BlockKind::ListItem, "• ", "  ", "next"),
        ]
    );
}

#[test]
fn ordered_lists_number_and_align() {
    assert_eq!(
        shape("1. one\n2. two\n"),
        vec![
            row(BlockKind::ListItem, "1. ", "   ", "one"),
            row(BlockKind::ListItem, "2. ", "   ", "two"),
        ]
    );
    let source: String = (1..=10).map(|i| format!("{i}. item {i}\n")).collect();
    let blocks = shape(&source);
    assert_eq!(blocks.len(), 10);
    assert_eq!(
        blocks[0],
        row(BlockKind::ListItem, " 1. ", "    ", "item 1")
    );
    assert_eq!(
        blocks[8],
        row(BlockKind::ListItem, " 9. ", "    ", "item 9")
    );
    assert_eq!(
        blocks[9],
        row(BlockKind::ListItem, "10. ", "    ", "item 10")
    );
    // A list may start anywhere.
    assert_eq!(
        shape("7. seven\n8. eight\n")[1],
        row(BlockKind::ListItem, "8. ", "   ", "eight")
    );
}

#[test]
fn a_bullet_list_inside_an_ordered_one() {
    assert_eq!(
        shape("1. one\n   - sub\n"),
        vec![
            row(BlockKind::ListItem, "1. ", "   ", "one"),
            row(BlockKind::ListItem, "   ◦ ", "     ", "sub"),
        ]
    );
}

#[test]
fn empty_items_still_show_their_marker() {
    assert_eq!(
        shape("- \n- b\n"),
        vec![
            row(BlockKind::ListItem, "• ", "  ", ""),
            row(BlockKind::ListItem, "• ", "  ", "b"),
        ]
    );
}

#[test]
fn inline_styles_have_exact_ranges() {
    let blocks = render_markdown("Plain *em* **strong** `code` [link](https://e.org/x) end");
    assert_eq!(blocks.len(), 1);
    let b = &blocks[0];
    assert_eq!(b.text, "Plain em strong code link <https://e.org/x> end");
    assert_eq!(
        b.styles,
        vec![
            span(6..8, EM),
            span(9..15, STRONG),
            span(16..20, CODE),
            span(21..25, LINK),
            span(26..43, URL),
        ]
    );
    assert_eq!(&b.text[26..43], "<https://e.org/x>");
}

#[test]
fn nested_styles_split_runs() {
    let b = &render_markdown("*a **b** c* ~~gone~~")[0];
    assert_eq!(b.text, "a b c gone");
    let both = Inline {
        emphasis: true,
        strong: true,
        ..Inline::default()
    };
    let strike = Inline {
        strike: true,
        ..Inline::default()
    };
    assert_eq!(
        b.styles,
        vec![
            span(0..2, EM),
            span(2..3, both),
            span(3..5, EM),
            span(6..10, strike)
        ]
    );
}

#[test]
fn autolinks_show_the_url_once() {
    let b = &render_markdown("See <https://x.org/a> or <me@x.org>.")[0];
    assert_eq!(b.text, "See https://x.org/a or me@x.org.");
    assert_eq!(b.styles, vec![span(4..19, URL), span(23..31, URL)]);
    // A link whose text is its URL, too.
    let b = &render_markdown("[https://x.org](https://x.org)")[0];
    assert_eq!(b.text, "https://x.org");
    assert_eq!(b.styles, vec![span(0..13, URL)]);
}

#[test]
fn images_show_alt_and_url() {
    let b = &render_markdown("![A map](map.png) ![](x.png)")[0];
    assert_eq!(b.text, "[image: A map] <map.png> [image] <x.png>");
    assert_eq!(b.styles, vec![span(15..24, URL), span(33..40, URL)]);
}

#[test]
fn block_quotes_prefix_every_line_and_compose_with_lists() {
    let source = "> Said:\n>\n> - a point\n>   - nested\n>\n> > deeper\n";
    assert_eq!(
        shape(source),
        vec![
            row(BlockKind::Quote, "│ ", "│ ", "Said:"),
            row(BlockKind::ListItem, "│ • ", "│   ", "a point"),
            row(BlockKind::ListItem, "│   ◦ ", "│     ", "nested"),
            row(BlockKind::Quote, "│ │ ", "│ │ ", "deeper"),
        ]
    );
    assert_eq!(
        shape("- > quoted item\n"),
        vec![row(BlockKind::Quote, "• │ ", "  │ ", "quoted item")]
    );
}

#[test]
fn code_blocks_keep_their_lines() {
    let blocks = render_markdown("Before\n\n```rust\nfn main() {\n\tprintln!(\"hi\");\n}\n```\n");
    assert_eq!(blocks.len(), 2);
    let code = &blocks[1];
    assert_eq!(code.kind, BlockKind::Code);
    assert_eq!(code.prefix_first, "    ");
    assert_eq!(code.prefix_rest, "    ");
    assert_eq!(code.text, "fn main() {\n    println!(\"hi\");\n}");
    assert_eq!(code.styles, vec![span(0..code.text.len(), CODE)]);
    // Indented code, inside a list item.
    let blocks = render_markdown("- item\n\n      indented code\n");
    assert_eq!(blocks[1].kind, BlockKind::Code);
    assert_eq!(blocks[1].prefix_first, "      ");
    assert_eq!(blocks[1].text, "indented code");
}

#[test]
fn headings_rules_and_html() {
    let blocks =
        render_markdown("## Title *x*\n\n---\n\n<div>\n<b>raw</b>\n</div>\n\nText <i>in</i> line");
    assert_eq!(blocks[0].kind, BlockKind::Heading(2));
    assert_eq!(blocks[0].text, "Title x");
    let strong_em = Inline {
        strong: true,
        emphasis: true,
        ..Inline::default()
    };
    assert_eq!(
        blocks[0].styles,
        vec![span(0..6, STRONG), span(6..7, strong_em)]
    );
    assert_eq!(blocks[1].kind, BlockKind::Rule);
    assert_eq!(blocks[1].text, "");
    assert_eq!(blocks[2].kind, BlockKind::Paragraph);
    assert_eq!(blocks[2].text, "<div>\n<b>raw</b>\n</div>");
    assert_eq!(blocks[3].text, "Text <i>in</i> line");
}

#[test]
fn escape_sequences_are_sanitised_everywhere() {
    let source = "Clear \u{1b}[2J screen `\u{1b}]0;x\u{7}`\n\n```\n\u{1b}[31mred\n```\n\n<p>\u{1b}[H</p>\n\n[a](http://x/\u{1b}[2J) \u{9b}1m \u{202e}evil";
    let blocks = render_markdown(source);
    assert_eq!(blocks.len(), 4);
    for block in &blocks {
        assert!(!block.text.contains('\u{1b}'), "{:?}", block.text);
        assert!(!block.text.contains('\u{9b}'), "{:?}", block.text);
        assert!(!block.text.contains('\u{7}'), "{:?}", block.text);
        assert!(!block.text.contains('\u{202e}'), "{:?}", block.text);
    }
    assert!(
        blocks[0]
            .text
            .starts_with("Clear \u{241b}[2J screen \u{241b}]0;x\u{2407}")
    );
    assert_eq!(blocks[1].text, "\u{241b}[31mred");
}

#[test]
fn bullets_by_depth() {
    assert_eq!(bullet_for_depth(1), "• ");
    assert_eq!(bullet_for_depth(2), "◦ ");
    assert_eq!(bullet_for_depth(3), "▪ ");
    assert_eq!(bullet_for_depth(9), "▪ ");
}

fn check_blocks(blocks: &[Block]) -> Result<(), TestCaseError> {
    for block in blocks {
        let mut last_end = 0;
        for span in &block.styles {
            prop_assert!(span.range.start < span.range.end, "empty span {:?}", span);
            prop_assert!(span.range.start >= last_end, "overlap in {:?}", block);
            prop_assert!(span.range.end <= block.text.len());
            prop_assert!(block.text.is_char_boundary(span.range.start));
            prop_assert!(block.text.is_char_boundary(span.range.end));
            prop_assert!(span.style != Inline::default());
            last_end = span.range.end;
        }
        for c in block.text.chars() {
            prop_assert!(
                c == '\n' || !c.is_control(),
                "control {:?} in {:?}",
                c,
                block.text
            );
        }
        prop_assert!(!block.prefix_first.contains('\n') && !block.prefix_rest.contains('\n'));
        prop_assert_eq!(
            display_width(&block.prefix_first),
            display_width(&block.prefix_rest)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_strings(s in any::<String>()) {
        let blocks = render_markdown(&s);
        check_blocks(&blocks)?;
    }

    #[test]
    fn never_panics_on_markdownish_strings(
        s in "([-*_`>#~!\\[\\]()<>|\\\\ \n\t1.2a-zé東😀\u{301}\u{1b}:/]|https://x\\.y|    |```|\n\n){0,120}"
    ) {
        let blocks = render_markdown(&s);
        check_blocks(&blocks)?;
    }
}
