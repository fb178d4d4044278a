//! Reading an article into parts: the title, lines about the article (dateline,
//! byline), and sections made of paragraph blocks, from plain text or Markdown. Must not
//! depend on terminal crates.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::dates;
use super::kinds::guess_kind;
use super::{Lang, fold};
use crate::domain::briefing::Kind;
use crate::domain::date::PartialDate;
use crate::domain::text::{is_slug, sanitize_line};

/// One paragraph-like block of an article section.
#[derive(Debug, Clone)]
pub(super) struct Block {
    /// The block as Markdown.
    pub(super) markdown: String,
    /// Its plain text (for sentences and dates); empty for code.
    pub(super) plain: String,
    /// A plain-text list item: written next to the items around it without a blank line.
    pub(super) item: bool,
    /// A list (or list item): not used for the summary.
    pub(super) list: bool,
}

/// A section of the article before ids and kinds are settled.
#[derive(Debug, Clone)]
pub(super) struct Part {
    pub(super) title: String,
    /// `{#id}` on a Markdown heading.
    pub(super) id: Option<String>,
    /// `{.kind}` on a Markdown heading.
    pub(super) kind: Option<String>,
    pub(super) blocks: Vec<Block>,
    /// Made by the importer for the text before the first heading.
    pub(super) synthetic: bool,
}

/// An article read into parts.
#[derive(Debug, Clone)]
pub(super) struct Article {
    pub(super) title: String,
    pub(super) meta: Meta,
    pub(super) parts: Vec<Part>,
}

/// Short lines under the title that are about the article, not part of it.
#[derive(Debug, Clone, Default)]
pub(super) struct Meta {
    /// A line that dates the article (`Publié le 5 septembre 2023`), and the date.
    pub(super) dateline: Option<(String, PartialDate)>,
    /// A line naming the author (`By Jane Roe`, `Par Jean Dupont`).
    pub(super) byline: Option<String>,
}

impl Meta {
    /// How many of the first lines under the title are looked at.
    const WINDOW: usize = 3;

    /// Takes `line` when it is a dateline or a byline not seen yet; says whether it did.
    fn take(&mut self, line: &str, lang: Lang) -> bool {
        if self.dateline.is_none()
            && let Some(date) = dateline(line, lang)
        {
            self.dateline = Some((sanitize_line(line).into_owned(), date));
            return true;
        }
        if self.byline.is_none() && byline(line) {
            self.byline = Some(sanitize_line(line).into_owned());
            return true;
        }
        false
    }
}

/// The title of the section made of the text before the first heading.
const INTRODUCTION: &str = "Introduction";
/// The title of the only section of an article without headings.
const WHOLE_ARTICLE: &str = "Article";

/// Whether the text has an ATX heading (`#`–`######` then a space) outside fenced code.
pub(super) fn looks_like_markdown(text: &str) -> bool {
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || line.len() - t.len() > 3 {
            continue;
        }
        let hashes = t.len() - t.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------
// Plain text

const CLOSING: [char; 8] = ['"', '»', '”', '’', ')', ']', '\'', ' '];

/// Whether a line ends like a sentence or a clause: `. ! ? : ; …` (closing quotes and
/// brackets aside).
fn ends_with_punctuation(line: &str) -> bool {
    line.trim_end_matches(CLOSING)
        .ends_with(['.', '!', '?', ':', ';', '…', ','])
}

/// The marker of a bulleted line (`- `, `* `, `• `…) and the text after it.
fn bullet(line: &str) -> Option<&str> {
    ["- ", "* ", "• ", "◦ ", "▪ ", "‣ ", "– "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
}

/// Whether a line starts a numbered item: `1. ` or `1) ` (up to three digits).
fn numbered(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=3).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A line that could be a heading: short, not a list item, no closing punctuation, and
/// starting with a capital letter or a digit.
fn heading_shaped(line: &str) -> bool {
    let words = word_count(line);
    (1..=12).contains(&words)
        && line.chars().count() <= 100
        && !ends_with_punctuation(line)
        && bullet(line).is_none()
        && !numbered(line)
        && line
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Prose: a sentence, or a line too long to be a heading.
fn prose(text: &str) -> bool {
    ends_with_punctuation(text) || word_count(text) > 12 || text.chars().count() > 100
}

/// A dateline: a short line, not a sentence, that states a full date (`Publié le
/// 5 septembre 2023`, `September 5, 2023`, `14/01/2024`).
fn dateline(line: &str, lang: Lang) -> Option<PartialDate> {
    if word_count(line) > 12 || line.trim_end().ends_with('.') {
        return None;
    }
    dates::find_dates(line, lang, None)
        .into_iter()
        .find(|f| f.to.is_none() && f.from.year.is_some())
        .map(|f| f.from)
        .or_else(|| numeric_date(line, lang))
}

/// A numeric date in a dateline: `14/01/2024`, `14.01.2024`, `14-01-2024`. Day first
/// in French; in English only when it cannot be read the other way (`14/01/2024`,
/// `01/14/2024`), as `05/06/2024` is May or June depending on the writer.
fn numeric_date(line: &str, lang: Lang) -> Option<PartialDate> {
    line.split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '.' | '-')))
        .find_map(|word| {
            let word = word.trim_matches(['.', '-', '/']);
            let sep = word.chars().find(|c| !c.is_ascii_digit())?;
            let parts: Vec<&str> = word.split(sep).collect();
            let [a, b, y] = parts.as_slice() else {
                return None;
            };
            let short = |s: &str| (1..=2).contains(&s.len());
            if !short(a) || !short(b) || y.len() != 4 {
                return None;
            }
            let (a, b): (u8, u8) = (a.parse().ok()?, b.parse().ok()?);
            let year: i16 = y.parse().ok()?;
            let (day, month) = match lang {
                Lang::Fr => (a, b),
                Lang::En if a > 12 => (a, b),
                Lang::En if b > 12 => (b, a),
                Lang::En => return None,
            };
            let date = PartialDate::ymd(year, month, day);
            ((1800..=2200).contains(&year) && date.validate().is_ok()).then_some(date)
        })
}

/// Headings that say where a text is, not what it is about (`Introduction`, `Résumé`,
/// `Background`): never a briefing's title.
pub(super) fn generic_heading(heading: &str) -> bool {
    const GENERIC: [&str; 40] = [
        "introduction",
        "intro",
        "contexte",
        "context",
        "background",
        "resume",
        "summary",
        "sommaire",
        "abstract",
        "overview",
        "apercu",
        "preambule",
        "avant propos",
        "foreword",
        "preface",
        "chapeau",
        "lead",
        "conclusion",
        "conclusions",
        "contents",
        "table of contents",
        "table des matieres",
        "en bref",
        "in brief",
        "key points",
        "points cles",
        "points essentiels",
        "synthese",
        "executive summary",
        "notes",
        "references",
        "sources",
        "annexe",
        "annexes",
        "appendix",
        "article",
        "texte",
        "text",
        "a la une",
        "editorial",
    ];
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !w
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == 'i' || c == 'I')
        })
        .map(fold)
        .collect();
    let phrase = words.join(" ");
    GENERIC.contains(&phrase.as_str())
}

/// A byline: `By …` or `Par …`, at most eight words, not a sentence.
fn byline(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = words.next().map(fold);
    matches!(first.as_deref(), Some("by" | "par"))
        && word_count(line) <= 8
        && !ends_with_punctuation(line)
}

/// Escapes what Markdown would read as markup in plain text: `\`, `` ` ``, `*`, `_`,
/// `<`, `[`, `~`, and at the start of a line `#`, `>`, `+ `, `- `, `=`, `|` and `12. `.
pub(super) fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let lead = line.chars().next();
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if matches!(lead, Some('#' | '>' | '=' | '|'))
        || ((lead == Some('+') || lead == Some('-')) && line[1..].starts_with(' '))
    {
        out.push('\\');
    }
    for (i, c) in line.char_indices() {
        if digits > 0 && i == digits && (c == '.' || c == ')') && line[i + 1..].starts_with(' ') {
            out.push('\\');
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '<' | '[' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One block of plain text: its lines (already trimmed).
fn plain_block(lines: &[&str]) -> Block {
    let Some(first) = lines.first() else {
        return Block {
            markdown: String::new(),
            plain: String::new(),
            item: false,
            list: false,
        };
    };
    let (marker, first_text) = match bullet(first) {
        Some(rest) => ("- ".to_string(), rest),
        None if numbered(first) => {
            let cut = first.find([' ']).map_or(0, |i| i + 1);
            (first[..cut].to_string(), &first[cut..])
        }
        None => (String::new(), *first),
    };
    let item = !marker.is_empty();
    let mut markdown = marker;
    markdown.push_str(&escape_markdown(first_text));
    let mut plain = first_text.to_string();
    for line in &lines[1..] {
        markdown.push('\n');
        if item {
            markdown.push_str("  ");
        }
        markdown.push_str(&escape_markdown(line));
        plain.push(' ');
        plain.push_str(line);
    }
    Block {
        markdown,
        plain,
        item,
        list: item,
    }
}

/// Reads a plain-text article: the first line is the title; headings are short lines
/// followed by prose; paragraphs are separated by blank lines, or are one per line.
pub(super) fn read_plain(text: &str, lang: Lang) -> Article {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let Some(title_at) = lines.iter().position(|l| !l.is_empty()) else {
        return Article {
            title: String::new(),
            meta: Meta::default(),
            parts: Vec::new(),
        };
    };
    // A generic first line (`Introduction`) is the first heading, not the title: the
    // title is then left for the importer to make.
    let (title, body_at) = if generic_heading(lines[title_at]) {
        (String::new(), title_at)
    } else {
        (sanitize_line(lines[title_at]).into_owned(), title_at + 1)
    };
    let mut rest: Vec<&str> = lines[body_at..].to_vec();
    // A dateline and a byline among the first lines under the title.
    let mut meta = Meta::default();
    for line in rest.iter_mut().filter(|l| !l.is_empty()).take(Meta::WINDOW) {
        if meta.take(line, lang) {
            *line = "";
        }
    }
    // Blocks separated by blank lines.
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in rest {
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    // Hard-wrapped paragraphs: a line that is not a sentence end followed, in the same
    // block, by a line starting in lowercase.
    let wrapped = blocks.iter().any(|b| {
        b.windows(2).any(|w| {
            !ends_with_punctuation(w[0])
                && bullet(w[1]).is_none()
                && w[1].chars().next().is_some_and(char::is_lowercase)
        })
    });
    let units: Vec<Vec<&str>> = if wrapped {
        let mut units = Vec::new();
        for block in blocks {
            let mut unit: Vec<&str> = Vec::new();
            for (i, line) in block.iter().enumerate() {
                let starts_item = bullet(line).is_some() || numbered(line);
                // A heading on the first line of a block, prose under it.
                let heading_first = i == 1
                    && heading_shaped(block[0])
                    && line.chars().next().is_some_and(|c| !c.is_lowercase())
                    && line.chars().count() > block[0].chars().count()
                    && prose(&block[1..].join(" "));
                if (starts_item || heading_first) && !unit.is_empty() {
                    units.push(std::mem::take(&mut unit));
                }
                unit.push(line);
            }
            if !unit.is_empty() {
                units.push(unit);
            }
        }
        units
    } else {
        blocks.into_iter().flatten().map(|l| vec![l]).collect()
    };
    let is_heading = |k: usize| -> bool {
        let [line] = units[k].as_slice() else {
            return false;
        };
        let Some(next) = units.get(k + 1) else {
            return false;
        };
        let next = next.join(" ");
        heading_shaped(line) && prose(&next) && next.chars().count() > line.chars().count()
    };
    let mut parts: Vec<Part> = Vec::new();
    for (k, unit) in units.iter().enumerate() {
        if is_heading(k) {
            parts.push(Part {
                title: sanitize_line(unit.first().copied().unwrap_or("")).into_owned(),
                id: None,
                kind: None,
                blocks: Vec::new(),
                synthetic: false,
            });
            continue;
        }
        if parts.is_empty() {
            parts.push(intro_part());
        }
        if let Some(part) = parts.last_mut() {
            part.blocks.push(plain_block(unit));
        }
    }
    finish_parts(&mut parts, lang);
    Article { title, meta, parts }
}

fn intro_part() -> Part {
    Part {
        title: INTRODUCTION.to_string(),
        id: None,
        kind: None,
        blocks: Vec::new(),
        synthetic: true,
    }
}

/// Settles the section made of the text before the first heading: when the first
/// heading is itself about context (`Introduction`, `Contexte`…), the text joins it;
/// when there is no heading at all, the one section is called `Article`.
fn finish_parts(parts: &mut Vec<Part>, lang: Lang) {
    if let [only] = parts.as_mut_slice()
        && only.synthetic
    {
        only.title = WHOLE_ARTICLE.to_string();
        return;
    }
    let merge = match parts.as_slice() {
        [intro, next, ..] => {
            intro.synthetic
                && next
                    .kind
                    .as_deref()
                    .or_else(|| guess_kind(&next.title, lang))
                    == Some("context")
        }
        _ => false,
    };
    if merge {
        let intro = parts.remove(0);
        if let Some(next) = parts.first_mut() {
            let rest = std::mem::replace(&mut next.blocks, intro.blocks);
            next.blocks.extend(rest);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Markdown

/// A top-level item of a Markdown article.
enum MdItem {
    Heading {
        level: HeadingLevel,
        title: String,
        id: Option<String>,
        classes: Vec<String>,
    },
    Block {
        range: Range<usize>,
        plain: String,
        list: bool,
    },
}

/// Skips a front matter block (`---` or `+++` lines) at the top of a Markdown article.
fn skip_front_matter(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return 0;
    };
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return 0;
    }
    let mut at = first.len();
    for line in lines {
        at += line.len();
        if line.trim_end() == fence {
            return at;
        }
    }
    0
}

/// The top-level items of a Markdown text: headings, and blocks with their plain text.
fn markdown_items(text: &str) -> Vec<MdItem> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut plain = String::new();
    let mut start = 0usize;
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<String>)> = None;
    let mut in_code = false;
    let flush_para = |plain: &mut String| {
        if !plain.is_empty() && !plain.ends_with(' ') {
            plain.push(' ');
        }
    };
    for (event, range) in
        Parser::new_ext(text, Options::ENABLE_HEADING_ATTRIBUTES).into_offset_iter()
    {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    plain.clear();
                    start = range.start;
                    heading = match &tag {
                        Tag::Heading {
                            level, id, classes, ..
                        } if matches!(level, HeadingLevel::H1 | HeadingLevel::H2) => Some((
                            *level,
                            id.as_ref().map(ToString::to_string),
                            classes.iter().map(ToString::to_string).collect(),
                        )),
                        _ => None,
                    };
                }
                if matches!(tag, Tag::CodeBlock(_)) {
                    in_code = true;
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if matches!(tag, TagEnd::CodeBlock) {
                    in_code = false;
                }
                if matches!(
                    tag,
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::BlockQuote(_)
                ) {
                    flush_para(&mut plain);
                }
                if depth == 0 {
                    let text_of = plain.split_whitespace().collect::<Vec<_>>().join(" ");
                    match heading.take() {
                        Some((level, id, classes)) => items.push(MdItem::Heading {
                            level,
                            title: text_of,
                            id,
                            classes,
                        }),
                        None => items.push(MdItem::Block {
                            range: start..range.end,
                            plain: text_of,
                            list: matches!(tag, TagEnd::List(_)),
                        }),
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if !in_code => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::Html(_) | Event::InlineHtml(_) | Event::Rule if depth == 0 => {
                items.push(MdItem::Block {
                    range,
                    plain: String::new(),
                    list: false,
                });
            }
            _ => {}
        }
    }
    items
}

/// Reads a Markdown article: the first `#` heading is the title, every other `#` or `##`
/// heading starts a section, and deeper headings stay in the section's body.
pub(super) fn read_markdown(text: &str, lang: Lang) -> Article {
    let body_start = skip_front_matter(text);
    let body = &text[body_start..];
    let items = markdown_items(body);
    let mut title = None;
    let mut meta = Meta::default();
    let mut parts: Vec<Part> = Vec::new();
    let mut intro_blocks_seen = 0usize;
    for item in items {
        match item {
            MdItem::Heading {
                level,
                title: heading,
                id,
                classes,
            } => {
                if level == HeadingLevel::H1
                    && title.is_none()
                    && parts.is_empty()
                    && !generic_heading(&heading)
                {
                    title = Some(heading);
                    continue;
                }
                let kind = match classes.as_slice() {
                    [k] if is_slug(k) && Kind::new(k.as_str()).is_known() => Some(k.clone()),
                    _ => None,
                };
                parts.push(Part {
                    title: heading,
                    id: id.filter(|i| is_slug(i)),
                    kind,
                    blocks: Vec::new(),
                    synthetic: false,
                });
            }
            MdItem::Block { range, plain, list } => {
                let source = body.get(range).unwrap_or("");
                let markdown = source.trim_end().trim_start_matches('\n').to_string();
                if markdown.trim().is_empty() {
                    continue;
                }
                if parts.is_empty() {
                    intro_blocks_seen += 1;
                    // The title when there is no `#` heading: a one-line first paragraph.
                    if title.is_none()
                        && intro_blocks_seen == 1
                        && !markdown.contains('\n')
                        && !list
                    {
                        title = Some(plain);
                        continue;
                    }
                    if intro_blocks_seen <= Meta::WINDOW
                        && !markdown.contains('\n')
                        && meta.take(&plain, lang)
                    {
                        continue;
                    }
                    parts.push(intro_part());
                }
                if let Some(part) = parts.last_mut() {
                    part.blocks.push(Block {
                        markdown,
                        plain,
                        item: false,
                        list,
                    });
                }
            }
        }
    }
    // No `#` title: the first section heading that is not generic, else none (the
    // importer makes one from the file name).
    let title = title
        .or_else(|| {
            parts
                .iter()
                .find(|p| !p.synthetic && !generic_heading(&p.title))
                .map(|p| p.title.clone())
        })
        .unwrap_or_default();
    finish_parts(&mut parts, lang);
    Article {
        title: sanitize_line(&title).trim().to_string(),
        meta,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_escaped_for_markdown() {
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("2023. A year"), "2023\\. A year");
        assert_eq!(
            escape_markdown("a *b* _c_ <d> [e] `f` ~g~ \\"),
            "a \\*b\\* \\_c\\_ \\<d> \\[e] \\`f\\` \\~g\\~ \\\\"
        );
        assert_eq!(escape_markdown("- dash"), "\\- dash");
        assert_eq!(escape_markdown("-1 degree"), "-1 degree");
    }

    #[test]
    fn headings_in_plain_text() {
        assert!(heading_shaped("Les défis de la coopération militaire"));
        assert!(!heading_shaped("Les défis de la coopération militaire."));
        assert!(!heading_shaped("Note :"));
        assert!(!heading_shaped("- a list item"));
        assert!(!heading_shaped("lowercase start"));
        assert!(!heading_shaped(
            "One two three four five six seven eight nine ten eleven twelve thirteen"
        ));
    }
}
