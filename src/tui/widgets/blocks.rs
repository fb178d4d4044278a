//! One wrapped line of a rendered markdown block as styled spans: its prefix (bullet,
//! number, quote bar), then its text cut wherever an inline style (or a mark laid over
//! it) begins or ends. Any view that shows section bodies draws them with this, so a
//! body looks the same wherever it is shown. Knows nothing of screens.

use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::theme::Theme;
use crate::domain::markdown::{Block, BlockKind, Inline};
use crate::domain::text::display_width;

/// Appends to `spans` the line of `block` covering `range` of its text (`first` when it
/// is the block's first line), `width` columns wide at most for a rule; `marks` are
/// styles laid over byte ranges of the text (search matches, annotated passages).
pub fn block_line(
    theme: &Theme,
    block: &Block,
    first: bool,
    range: Range<usize>,
    width: usize,
    marks: &[(Range<usize>, Style)],
    spans: &mut Vec<Span<'static>>,
) {
    let base = match block.kind {
        BlockKind::Heading(_) => theme.heading,
        BlockKind::Quote => theme.quote,
        BlockKind::Code => theme.code,
        _ => theme.text,
    };
    let prefix = if first {
        &block.prefix_first
    } else {
        &block.prefix_rest
    };
    if !prefix.is_empty() {
        spans.push(Span::styled(prefix.clone(), theme.dim));
    }
    if block.kind == BlockKind::Rule {
        let n = width.saturating_sub(display_width(prefix)).min(40);
        spans.push(Span::styled("─".repeat(n), theme.dim));
        return;
    }
    let text = &block.text;
    let mut cuts = vec![range.start, range.end];
    for s in &block.styles {
        cuts.extend([s.range.start, s.range.end]);
    }
    for (r, _) in marks {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|&c| c >= range.start && c <= range.end && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mut style = base;
        for s in block
            .styles
            .iter()
            .filter(|s| s.range.start <= a && b <= s.range.end)
        {
            style = inline_style(theme, style, s.style);
        }
        for (r, mark) in marks {
            if r.start <= a && b <= r.end {
                style = style.patch(*mark);
            }
        }
        spans.push(Span::styled(text[a..b].to_string(), style));
    }
}

/// `base` with an inline style's look added.
pub fn inline_style(theme: &Theme, base: Style, inline: Inline) -> Style {
    let mut style = base;
    if inline.code {
        style = style.patch(theme.code);
    }
    if inline.link {
        style = style.patch(theme.link);
    }
    if inline.url {
        style = style.patch(theme.url);
    }
    if inline.emphasis {
        style = style.add_modifier(theme.emphasis);
    }
    if inline.strong {
        style = style.add_modifier(theme.strong);
    }
    if inline.strike {
        style = style.add_modifier(Modifier::CROSSED_OUT);
    }
    style
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ThemeName;
    use crate::domain::markdown::render_markdown;
    use crate::domain::wrap::wrap_block;

    #[test]
    fn a_line_keeps_its_text_and_its_styles() {
        let theme = Theme::new(ThemeName::Dark, false);
        let blocks = render_markdown("- some **strong** words and `code` here");
        let block = &blocks[0];
        let mut text = String::new();
        let mut strong = false;
        for w in wrap_block(block, 12) {
            let mut spans = Vec::new();
            block_line(&theme, block, w.first, w.range.clone(), 12, &[], &mut spans);
            for s in &spans {
                strong |=
                    s.content.contains("strong") && s.style.add_modifier.contains(theme.strong);
            }
            let line: String = spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(display_width(&line) <= 12, "{line}");
            text.push_str(&block.text[w.range]);
            text.push(' ');
        }
        assert!(strong, "the strong words are drawn strong");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            block.text
        );
    }
}
