//! CommonMark section bodies turned into display blocks: plain, sanitised text with
//! style runs, and the prefixes (bullets, numbers, quote bars) that wrapping repeats.
//! Must not depend on terminal crates.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::domain::text::{display_width, sanitize};

/// What a block is, for styling and for the paragraph cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of prose.
    Paragraph,
    /// A heading inside a body, with its level (1–6).
    Heading(u8),
    /// A paragraph that is (or continues) a list item.
    ListItem,
    /// A paragraph inside a block quote (at any depth).
    Quote,
    /// A code block: its text keeps its line breaks and is never re-wrapped.
    Code,
    /// A thematic break.
    Rule,
}

/// Inline styles, combinable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Inline {
    /// `*emphasis*`
    pub emphasis: bool,
    /// `**strong**`
    pub strong: bool,
    /// `` `code` ``
    pub code: bool,
    /// The text of a link.
    pub link: bool,
    /// A link's URL, shown after its text.
    pub url: bool,
    /// `~~strikethrough~~`
    pub strike: bool,
}

/// A style over a byte range of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleSpan {
    /// Byte range into [`Block::text`], on character boundaries.
    pub range: Range<usize>,
    /// The style.
    pub style: Inline,
}

/// One display block: the unit the paragraph cursor moves over and annotations attach to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Drawn before the first line (`• `, `12. `, `│ `, `│ • `).
    pub prefix_first: String,
    /// Drawn before every following line (the hanging indent).
    pub prefix_rest: String,
    /// The text, sanitised: no control characters; `\n` only in code blocks and hard breaks.
    pub text: String,
    /// Styles, sorted by start, not overlapping.
    pub styles: Vec<StyleSpan>,
}

/// Renders a CommonMark body into blocks.
///
/// Paragraphs, list items (each of their paragraphs), headings, code blocks, HTML blocks
/// (shown literally) and thematic breaks each become one [`Block`]; containers (lists,
/// block quotes) become prefixes. Never panics; an empty or blank body gives no block.
pub fn render_markdown(source: &str) -> Vec<Block> {
    if source.trim().is_empty() {
        return Vec::new();
    }
    let events: Vec<Event<'_>> = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).collect();
    let number_widths = ordered_number_widths(&events);
    let mut renderer = Renderer::default();
    for (index, event) in events.into_iter().enumerate() {
        let width = number_widths.get(index).copied().flatten();
        renderer.event(event, width);
    }
    renderer.finish()
}

/// The bullet drawn for an unordered list item at a list nesting depth (1 = outermost).
pub fn bullet_for_depth(depth: usize) -> &'static str {
    match depth {
        0 | 1 => "• ",
        2 => "◦ ",
        _ => "▪ ",
    }
}

/// For each `Start(List(Some(start)))` event, the number of digits of the list's largest
/// number, so that `9.` and `10.` line up; `None` for every other event.
fn ordered_number_widths(events: &[Event<'_>]) -> Vec<Option<usize>> {
    let mut widths = vec![None; events.len()];
    // (event index, first number, item count) of the lists being read.
    let mut open: Vec<(usize, Option<u64>, u64)> = Vec::new();
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::List(start)) => open.push((index, *start, 0)),
            Event::Start(Tag::Item) => {
                if let Some(list) = open.last_mut() {
                    list.2 = list.2.saturating_add(1);
                }
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((at, Some(start), count)) = open.pop()
                    && let Some(slot) = widths.get_mut(at)
                {
                    let last = start.saturating_add(count.saturating_sub(1));
                    *slot = Some(last.to_string().len());
                }
            }
            _ => {}
        }
    }
    widths
}

/// A container the current position is inside, outermost first.
enum Container {
    Quote,
    List {
        /// The next item's number, for ordered lists.
        next: Option<u64>,
        /// Digits of the largest number (ordered lists).
        number_width: usize,
    },
    Item {
        /// `• `, `12. `…
        marker: String,
        /// Whether the marker has not been drawn yet (by the item's first block).
        pending: bool,
    },
}

/// Inline content being gathered for one block.
struct Pending {
    kind: BlockKind,
    text: String,
    runs: Vec<(Range<usize>, Inline)>,
}

/// A link whose text is being read.
struct OpenLink {
    url: String,
    email: bool,
    first_run: usize,
    text_start: usize,
}

/// An image whose alternative text is being read.
struct OpenImage {
    url: String,
    /// Where `[image: ` starts.
    start: usize,
    /// Where the alternative text starts.
    alt_start: usize,
}

#[derive(Default)]
struct Renderer {
    blocks: Vec<Block>,
    stack: Vec<Container>,
    pending: Option<Pending>,
    /// Raw text of the code block being read.
    code: Option<String>,
    /// Raw text of the HTML block being read.
    html: Option<String>,
    heading: Option<u8>,
    emphasis: usize,
    strong: usize,
    strike: usize,
    links: Vec<OpenLink>,
    images: Vec<OpenImage>,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>, number_width: Option<usize>) {
        // Inside a code or HTML block, text is gathered raw.
        if let Some(code) = self.code.as_mut()
            && let Event::Text(t) | Event::Html(t) = &event
        {
            code.push_str(t);
            return;
        }
        if let Some(html) = self.html.as_mut()
            && let Event::Text(t) | Event::Html(t) = &event
        {
            html.push_str(t);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, number_width),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let style = self.style();
                self.push(&clean_inline(&t), style);
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                let style = self.style();
                self.push(&clean_inline(&t), style);
            }
            Event::Code(t) => {
                let style = Inline {
                    code: true,
                    ..self.style()
                };
                self.push(&clean_inline(&t), style);
            }
            Event::FootnoteReference(label) => {
                let style = self.style();
                self.push(&format!("[^{}]", clean_inline(&label)), style);
            }
            Event::SoftBreak => {
                let style = self.style();
                self.push(" ", style);
            }
            Event::HardBreak => {
                let style = self.style();
                self.push("\n", style);
            }
            Event::Rule => {
                self.flush();
                self.emit(BlockKind::Rule, String::new(), Vec::new());
            }
            Event::TaskListMarker(done) => {
                let style = self.style();
                self.push(if done { "[x] " } else { "[ ] " }, style);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, number_width: Option<usize>) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.open(None);
            }
            Tag::Heading { level, .. } => {
                self.flush();
                let level = level as u8;
                self.heading = Some(level);
                self.open(Some(BlockKind::Heading(level)));
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.stack.push(Container::Quote);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                self.stack.push(Container::List {
                    next: start,
                    number_width: number_width.unwrap_or(1),
                });
            }
            Tag::Item => {
                self.flush();
                let depth = self
                    .stack
                    .iter()
                    .filter(|c| matches!(c, Container::List { .. }))
                    .count();
                let marker = match self.stack.last_mut() {
                    Some(Container::List {
                        next: Some(n),
                        number_width,
                    }) => {
                        let marker = format!("{:>width$}. ", *n, width = *number_width);
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => bullet_for_depth(depth).to_owned(),
                };
                self.stack.push(Container::Item {
                    marker,
                    pending: true,
                });
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                self.ensure_open();
                let (first_run, text_start) = self.position();
                self.links.push(OpenLink {
                    url: clean_inline(&dest_url),
                    email: link_type == LinkType::Email,
                    first_run,
                    text_start,
                });
            }
            Tag::Image { dest_url, .. } => {
                self.ensure_open();
                let (_, start) = self.position();
                let style = self.style();
                self.push("[image: ", style);
                let (_, alt_start) = self.position();
                self.images.push(OpenImage {
                    url: clean_inline(&dest_url),
                    start,
                    alt_start,
                });
            }
            // Not enabled (tables, footnotes, definition lists, metadata…): their text
            // still comes through as inline events.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush(),
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                if matches!(self.stack.last(), Some(Container::Quote)) {
                    self.stack.pop();
                }
            }
            TagEnd::CodeBlock => {
                let raw = self.code.take().unwrap_or_default();
                let mut text = sanitize(&raw).into_owned();
                if text.ends_with('\n') {
                    text.pop();
                }
                let styles = if text.is_empty() {
                    Vec::new()
                } else {
                    vec![StyleSpan {
                        range: 0..text.len(),
                        style: Inline {
                            code: true,
                            ..Inline::default()
                        },
                    }]
                };
                self.emit(BlockKind::Code, text, styles);
            }
            TagEnd::HtmlBlock => {
                let raw = self.html.take().unwrap_or_default();
                let text = sanitize(&raw);
                let text = text.trim_end();
                if !text.trim_start().is_empty() {
                    let kind = self.container_kind();
                    self.emit(kind, text.to_owned(), Vec::new());
                }
            }
            TagEnd::List(_) => {
                self.flush();
                if matches!(self.stack.last(), Some(Container::List { .. })) {
                    self.stack.pop();
                }
            }
            TagEnd::Item => {
                self.flush();
                if let Some(Container::Item { pending: true, .. }) = self.stack.last() {
                    // An empty item: still show its marker.
                    self.emit(BlockKind::ListItem, String::new(), Vec::new());
                }
                if matches!(self.stack.last(), Some(Container::Item { .. })) {
                    self.stack.pop();
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => self.end_link(),
            TagEnd::Image => self.end_image(),
            _ => {}
        }
    }

    fn end_link(&mut self) {
        let Some(link) = self.links.pop() else {
            return;
        };
        let Some(pending) = self.pending.as_mut() else {
            return;
        };
        let shown = pending.text.get(link.text_start..).unwrap_or_default();
        let same = !shown.is_empty()
            && (shown == link.url
                || (link.email && link.url.strip_prefix("mailto:") == Some(shown)));
        if same {
            // An autolink: the URL shown once, as a URL.
            for run in pending.runs.iter_mut().skip(link.first_run) {
                run.1.link = false;
                run.1.url = true;
            }
        } else if !link.url.is_empty() {
            let style = self.style();
            self.push(" ", style);
            let url = format!("<{}>", link.url);
            self.push(&url, Inline { url: true, ..style });
        }
    }

    fn end_image(&mut self) {
        let Some(image) = self.images.pop() else {
            return;
        };
        let style = self.style();
        let alt_empty = self
            .pending
            .as_ref()
            .is_some_and(|p| p.text.len() <= image.alt_start);
        if alt_empty {
            self.truncate(image.start);
            self.push("[image]", style);
        } else {
            self.push("]", style);
        }
        if !image.url.is_empty() {
            self.push(" ", style);
            let url = format!("<{}>", image.url);
            self.push(&url, Inline { url: true, ..style });
        }
    }

    /// The inline style at the current position.
    fn style(&self) -> Inline {
        Inline {
            emphasis: self.emphasis > 0,
            strong: self.strong > 0 || self.heading.is_some(),
            code: false,
            link: !self.links.is_empty(),
            url: false,
            strike: self.strike > 0,
        }
    }

    /// The kind of a paragraph here: from the innermost list item or quote.
    fn container_kind(&self) -> BlockKind {
        for container in self.stack.iter().rev() {
            match container {
                Container::Item { .. } => return BlockKind::ListItem,
                Container::Quote => return BlockKind::Quote,
                Container::List { .. } => {}
            }
        }
        BlockKind::Paragraph
    }

    fn open(&mut self, kind: Option<BlockKind>) {
        let kind = kind.unwrap_or_else(|| self.container_kind());
        self.pending = Some(Pending {
            kind,
            text: String::new(),
            runs: Vec::new(),
        });
    }

    /// Inline content outside a paragraph (a tight list item's text) opens a block.
    fn ensure_open(&mut self) {
        if self.pending.is_none() {
            self.open(None);
        }
    }

    /// (number of runs, text length) of the open block.
    fn position(&self) -> (usize, usize) {
        self.pending
            .as_ref()
            .map_or((0, 0), |p| (p.runs.len(), p.text.len()))
    }

    fn push(&mut self, s: &str, style: Inline) {
        if s.is_empty() {
            return;
        }
        self.ensure_open();
        if let Some(pending) = self.pending.as_mut() {
            let start = pending.text.len();
            pending.text.push_str(s);
            pending.runs.push((start..pending.text.len(), style));
        }
    }

    /// Drops the open block's text from byte `at` on.
    fn truncate(&mut self, at: usize) {
        if let Some(pending) = self.pending.as_mut()
            && at <= pending.text.len()
            && pending.text.is_char_boundary(at)
        {
            pending.text.truncate(at);
            pending.runs.retain(|(range, _)| range.start < at);
            for (range, _) in &mut pending.runs {
                range.end = range.end.min(at);
            }
        }
    }

    /// Ends the open inline block, if any, and emits it.
    fn flush(&mut self) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        // Links or images left open cannot span blocks.
        self.links.clear();
        self.images.clear();
        let marker_pending = self
            .stack
            .iter()
            .any(|c| matches!(c, Container::Item { pending: true, .. }));
        if pending.text.trim().is_empty() && !marker_pending {
            return;
        }
        let styles = merge_runs(pending.runs);
        self.emit(pending.kind, pending.text, styles);
    }

    fn emit(&mut self, kind: BlockKind, text: String, styles: Vec<StyleSpan>) {
        let (mut prefix_first, mut prefix_rest) = self.prefixes();
        if kind == BlockKind::Code {
            prefix_first.push_str(CODE_INDENT);
            prefix_rest.push_str(CODE_INDENT);
        }
        self.blocks.push(Block {
            kind,
            prefix_first,
            prefix_rest,
            text,
            styles,
        });
    }

    /// The prefixes of a block here; draws (consumes) the pending item markers.
    fn prefixes(&mut self) -> (String, String) {
        let mut first = String::new();
        let mut rest = String::new();
        for container in &mut self.stack {
            match container {
                Container::Quote => {
                    first.push_str(QUOTE_BAR);
                    rest.push_str(QUOTE_BAR);
                }
                Container::List { .. } => {}
                Container::Item { marker, pending } => {
                    let indent = " ".repeat(display_width(marker));
                    if *pending {
                        first.push_str(marker);
                        *pending = false;
                    } else {
                        first.push_str(&indent);
                    }
                    rest.push_str(&indent);
                }
            }
        }
        (first, rest)
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        // A code or HTML block cut short cannot happen with pulldown-cmark, but never
        // lose text.
        if self.code.is_some() {
            self.end(TagEnd::CodeBlock);
        }
        if self.html.is_some() {
            self.end(TagEnd::HtmlBlock);
        }
        self.blocks
    }
}

/// Drawn before every line of a block quote, once per depth.
pub const QUOTE_BAR: &str = "│ ";

/// Drawn before every line of a code block.
pub const CODE_INDENT: &str = "    ";

/// Sanitised inline text: line breaks inside one inline fragment (raw HTML, code spans)
/// become spaces.
fn clean_inline(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}

/// Joins adjacent runs of the same style and drops unstyled and empty ones.
fn merge_runs(runs: Vec<(Range<usize>, Inline)>) -> Vec<StyleSpan> {
    let mut spans: Vec<StyleSpan> = Vec::new();
    for (range, style) in runs {
        if range.is_empty() || style == Inline::default() {
            continue;
        }
        if let Some(last) = spans.last_mut()
            && last.style == style
            && last.range.end == range.start
        {
            last.range.end = range.end;
            continue;
        }
        spans.push(StyleSpan { range, style });
    }
    spans
}

#[cfg(test)]
mod tests;
