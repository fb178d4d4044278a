//! The Markdown export: CommonMark in which text from briefings and notes can never
//! become markup, and reads as written. Every such text is sanitised, then each
//! character that CommonMark (or a common extension: tables, strikethrough, math,
//! footnotes, definition lists, heading attributes) would read as syntax *where it
//! stands* is backslash-escaped, and nothing else (`kim-putin`, `(NYT)`, `#tag` stay as
//! they are); line breaks written in a note are kept as hard breaks, blank lines as
//! paragraph breaks. `tests/export_markdown.rs` reads every printable line back literal.
//! Must not depend on terminal crates.

use std::fmt::Write as _;

use super::super::annotation::{Bookmark, Note, Status, tags_of};
use super::super::briefing::Briefing;
use super::super::i18n::{DocLabel, Lang, t, tlp_meaning};
use super::super::text::{sanitize, sanitize_line};
use super::super::tradecraft::inherit::briefing_tlp;
use super::marks::{ItemMarks, List, Marks, Scope};
use super::{
    ExportFormat, ExportItem, ExportOptions, Picked, Plan, SectionPlan, filter_words, grade_words,
    page_lang, stamp,
};
use crate::tr;

/// The Markdown document for `items`: the banner (the highest marking and strictest TLP
/// of what it holds) as its first and last line, each note and bookmark opening with its
/// own portion mark.
pub(super) fn render(items: &[ExportItem<'_>], options: &ExportOptions) -> String {
    let mut out = String::new();
    if items.is_empty() {
        let lang = page_lang(items, options);
        let _ = writeln!(
            out,
            "# {}\n\n*{}*",
            escape_one_line(&t(lang, "export-title")),
            escape_one_line(&t(lang, "export-no-briefing"))
        );
        return out;
    }
    let marks = Marks::new(items, options, Scope::of(ExportFormat::Markdown));
    let banner = marks
        .banner()
        .map(|b| format!("**{}**\n", escape_one_line(&b)));
    if let Some(b) = &banner {
        out.push_str(b);
        out.push('\n');
    }
    for (i, (item, m)) in items.iter().zip(&marks.items).enumerate() {
        if i > 0 {
            out.push_str("\n* * *\n\n");
        }
        briefing(&mut out, &Plan::new(item, options), m, options);
    }
    if let Some(b) = &banner {
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(b);
    }
    out
}

fn briefing(out: &mut String, plan: &Plan<'_>, marks: &ItemMarks<'_>, options: &ExportOptions) {
    let lang = plan.lang;
    header(out, plan.briefing, plan, options);
    if plan.sections.is_empty() && plan.review.is_empty() {
        let _ = writeln!(out, "*{}*", escape_one_line(&t(lang, "export-no-notes")));
        return;
    }
    for s in &plan.sections {
        section(out, plan, s, marks);
    }
    if !plan.review.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n",
            escape_one_line(&t(lang, "export-needs-review"))
        );
        let _ = writeln!(
            out,
            "{}\n",
            escape_line_start(&t(lang, "export-review-intro"))
        );
        let mut bookmarks = Vec::new();
        for picked in &plan.review {
            match picked {
                Picked::Note(n, status) => {
                    let _ = writeln!(
                        out,
                        "{} {}\n",
                        field(lang, &t(lang, "export-made-on-section")),
                        made_on(plan, &n.anchor.section)
                    );
                    note(out, plan, n, *status, marks.portion(List::Note, &n.id));
                }
                Picked::Bookmark(b, status) => bookmarks.push((*b, *status)),
            }
        }
        if !bookmarks.is_empty() {
            let _ = writeln!(
                out,
                "### {}\n",
                escape_one_line(&t(lang, "export-bookmarks-to-review"))
            );
            for (b, status) in bookmarks {
                let section = made_on(plan, &b.anchor.section);
                let portion = marks.portion(List::Bookmark, &b.id);
                bookmark(out, plan, b, status, Some(&section), portion);
            }
            out.push('\n');
        }
    }
}

/// `context\-and\-preparation — title` (with the section's title when it still exists).
fn made_on(plan: &Plan<'_>, section: &str) -> String {
    match plan.briefing.section(section) {
        Some(s) => format!(
            "{} — {}",
            escape_one_line(section),
            escape_one_line(&s.title)
        ),
        None => escape_one_line(&tr!(plan.lang, "export-section-gone", section = section)),
    }
}

/// `**Label:**` in the document's language (French puts a narrow no-break space
/// before the colon).
fn field(lang: Lang, label: &str) -> String {
    format!(
        "**{}**",
        escape_one_line(&tr!(lang, "export-field", label = label))
    )
}

fn header(out: &mut String, b: &Briefing, plan: &Plan<'_>, options: &ExportOptions) {
    let lang = plan.lang;
    let labels = plan.labels();
    let _ = writeln!(out, "# {}\n", escape_one_line(&b.title));
    let item = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "- {} {value}", field(lang, label));
    };
    item(
        out,
        &t(lang, "export-meta-briefing"),
        &escape_one_line(&b.id),
    );
    if !plan.in_library {
        item(
            out,
            &t(lang, "export-meta-status"),
            &escape_one_line(&plan.not_in_library_words()),
        );
    }
    if let Some(date) = &b.date {
        let value = labels.date_or_not_stated(Some(date));
        item(out, &labels.get(DocLabel::Date), &escape_one_line(&value));
    }
    if let Some(language) = &b.language {
        item(
            out,
            &labels.get(DocLabel::Language),
            &escape_one_line(language),
        );
    }
    if let Some(c) = &b.classification {
        item(
            out,
            &t(lang, "export-meta-classification"),
            &escape_one_line(c),
        );
    }
    if let Some(tlp) = briefing_tlp(b) {
        let value = format!("{} ({})", tlp.label(), tlp_meaning(tlp, lang));
        item(out, "TLP", &escape_one_line(&value));
    }
    if !b.sources.is_empty() {
        let _ = writeln!(out, "- {}", field(lang, &labels.get(DocLabel::Sources)));
        for s in &b.sources {
            let mut line = escape_line_start(&s.name);
            if let Some(url) = &s.url {
                let _ = write!(line, " — {}", escape_one_line(url));
            }
            if let Some(accessed) = &s.accessed {
                let _ = write!(line, " ({})", escape_one_line(&labels.accessed(accessed)));
            }
            if let Some(grade) = grade_words(s, lang) {
                let _ = write!(line, " — {}", escape_one_line(&grade));
            }
            let _ = writeln!(out, "  - {line}");
        }
    }
    item(
        out,
        &t(lang, "export-meta-exported"),
        &escape_one_line(&stamp(options.exported_at, lang)),
    );
    let mut counts = escape_one_line(&plan.counts());
    if let Some(filter) = filter_words(options, lang) {
        let _ = write!(counts, " ({})", escape_one_line(&filter));
    }
    item(out, &t(lang, "export-meta-annotations"), &counts);
    out.push('\n');
}

fn section(out: &mut String, plan: &Plan<'_>, s: &SectionPlan<'_>, marks: &ItemMarks<'_>) {
    let title = escape_one_line(&s.section.title);
    match &s.section.kind {
        Some(kind) => {
            let label = plan.labels().kind_label(kind.as_str());
            let _ = writeln!(out, "## {title} ({})\n", escape_one_line(&label));
        }
        None => {
            let _ = writeln!(out, "## {title}\n");
        }
    }
    for (n, status) in &s.notes {
        note(out, plan, n, *status, marks.portion(List::Note, &n.id));
    }
    if !s.bookmarks.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            escape_one_line(&t(plan.lang, "export-bookmarks"))
        );
        for (b, status) in &s.bookmarks {
            let portion = marks.portion(List::Bookmark, &b.id);
            bookmark(out, plan, b, *status, None, portion);
        }
        out.push('\n');
    }
}

/// `*(no passage)*` in the document's language.
fn no_passage(lang: Lang) -> String {
    format!("*{}*", escape_one_line(&t(lang, "export-no-passage")))
}

/// A note: its passage as a block quote, its text opening with its portion mark
/// (`(S) …`), then tags and times.
fn note(out: &mut String, plan: &Plan<'_>, n: &Note, status: Status, portion: Option<String>) {
    let lang = plan.lang;
    if n.anchor.quote.trim().is_empty() {
        let _ = writeln!(out, "> {}\n", no_passage(lang));
    } else {
        out.push_str(&block(&n.anchor.quote, "> "));
        out.push('\n');
    }
    match (n.body.trim().is_empty(), portion) {
        (false, Some(p)) => {
            out.push_str(&p);
            out.push(' ');
            out.push_str(&block(&n.body, ""));
            out.push('\n');
        }
        (false, None) => {
            out.push_str(&block(&n.body, ""));
            out.push('\n');
        }
        (true, Some(p)) => {
            let _ = writeln!(out, "{p}\n");
        }
        (true, None) => {}
    }
    let mut meta = Vec::new();
    let tags = tags_of(&n.body);
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
        let words = tr!(lang, "export-tags", tags = tags.join(" · "));
        meta.push(escape_line_start(&words));
    }
    let times = if n.created == n.updated {
        tr!(lang, "export-created", created = stamp(n.created, lang))
    } else {
        tr!(
            lang,
            "export-created-updated",
            created = stamp(n.created, lang),
            updated = stamp(n.updated, lang)
        )
    };
    let mut times = format!("*{}*", escape_one_line(&times));
    if status == Status::Moved {
        let _ = write!(times, " **({})**", escape_one_line(&plan.moved_words()));
    }
    meta.push(times);
    if let Some(original) = &n.conflict_of {
        let words = tr!(lang, "export-conflict", id = original);
        meta.push(format!("*{}*", escape_one_line(&words)));
    }
    out.push_str(&meta.join("\\\n"));
    out.push_str("\n\n");
}

/// A bookmark as a list item: its portion mark, label, passage, and where it was made
/// when it is orphaned.
fn bookmark(
    out: &mut String,
    plan: &Plan<'_>,
    b: &Bookmark,
    status: Status,
    made_on: Option<&str>,
    portion: Option<String>,
) {
    let mut line = String::from("- ");
    if let Some(p) = portion {
        line.push_str(&p);
        line.push(' ');
    }
    if let Some(label) = b.label.as_deref().filter(|l| !l.trim().is_empty()) {
        let _ = write!(line, "**{}** — ", escape_one_line(label));
    }
    if b.anchor.quote.trim().is_empty() {
        line.push_str(&no_passage(plan.lang));
    } else {
        let _ = write!(line, "“{}”", escape_one_line(&b.anchor.quote));
    }
    if let Some(section) = made_on {
        let words = t(plan.lang, "export-made-on-section-inline");
        let _ = write!(line, " — *{}* {section}", escape_one_line(&words));
    }
    if status == Status::Moved {
        let _ = write!(line, " **({})**", escape_one_line(&plan.moved_words()));
    }
    out.push_str(&line);
    out.push('\n');
}

/// Multi-line text as Markdown paragraphs, each line starting with `prefix` (`"> "` for
/// a block quote): lines of a paragraph are joined by hard breaks, blank lines separate
/// paragraphs. Ends with a line break.
fn block(text: &str, prefix: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::new();
    let mut paragraph: Vec<String> = Vec::new();
    let blank = prefix.trim_end();
    let flush = |paragraph: &mut Vec<String>, out: &mut String| {
        if paragraph.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push_str(blank);
            out.push('\n');
        }
        let lines: Vec<String> = paragraph
            .drain(..)
            .map(|l| format!("{prefix}{l}"))
            .collect();
        out.push_str(&lines.join("\\\n"));
        out.push('\n');
    };
    for line in clean.split('\n') {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(escape_line(line));
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// One-line text (a title, a label, an id) placed inside a line, after markup of ours
/// (`- **Briefing:** `, `# `): sanitised and escaped with [`escape_inline`].
pub(super) fn escape_one_line(text: &str) -> String {
    escape_inline(sanitize_line(text).trim())
}

/// One-line text that starts a line (or a list item's content), sanitised and escaped
/// with [`escape_line`].
fn escape_line_start(text: &str) -> String {
    escape_line(sanitize_line(text).trim())
}

/// Whether `c` is ASCII punctuation: what a backslash can escape in CommonMark.
fn is_ascii_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// Whether an `&` at byte `at` of `text` starts an entity or numeric character
/// reference (`&amp;`, `&#38;`, `&#x26;`), which CommonMark would decode.
fn starts_reference(text: &str, at: usize) -> bool {
    let rest = &text.as_bytes()[at + 1..];
    let (body, hex) = match rest.first() {
        Some(b'#') => match rest.get(1) {
            Some(b'x' | b'X') => (&rest[2..], true),
            _ => (&rest[1..], false),
        },
        _ => (rest, false),
    };
    let numeric = rest.first() == Some(&b'#');
    let len = body
        .iter()
        .take(33)
        .take_while(|b| {
            if numeric && hex {
                b.is_ascii_hexdigit()
            } else if numeric {
                b.is_ascii_digit()
            } else {
                b.is_ascii_alphanumeric()
            }
        })
        .count();
    len > 0 && body.get(len) == Some(&b';')
}

/// Escapes sanitised text placed inside a line so that CommonMark (and the common
/// extensions: tables, strikethrough, math, footnotes, super- and subscript, heading
/// attributes) reads it as literal text, escaping only characters that could be read as
/// syntax where they stand:
///
/// - always: `` ` `` (code spans), `*` (emphasis), `[` and `]` (links, images,
///   footnotes), `<` (autolinks and HTML), `~` `|` `$` `^` `{` (extensions);
/// - `_` unless it stands between two letters or digits (intraword `_` is never
///   emphasis);
/// - `\` before ASCII punctuation or at the end of the text (a hard break);
/// - `&` when it starts an entity (`&amp;`);
/// - a run of `#` closing the text after a space (an ATX heading's closing sequence).
///
/// Everything else (`-`, `#`, `(`, `)`, `!`, `.`, `+`, `=`, `>` inside a line) stays
/// as written. Trailing spaces are dropped (two of them would be a hard break).
pub(super) fn escape_inline(text: &str) -> String {
    let text = text.trim_end_matches(' ');
    let mut out = String::with_capacity(text.len() + 8);
    // A closing run of `#` preceded by a space: its first `#` is escaped.
    let closing_hashes = {
        let body = text.trim_end_matches('#');
        (body.len() < text.len() && (body.is_empty() || body.ends_with(' '))).then_some(body.len())
    };
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let escape = match c {
            '`' | '*' | '[' | ']' | '<' | '~' | '|' | '$' | '^' | '{' => true,
            '_' => {
                !(previous.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '\\' => next.is_none_or(is_ascii_punctuation),
            '&' => starts_reference(text, i),
            '#' => closing_hashes == Some(i),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Escapes one line of sanitised text (no line break in it) that starts a line or a
/// list item's content: as [`escape_inline`], plus what only the start of a line can
/// be (a heading `#`, a quote `>`, a list marker `-`, `+` or `1.`/`1)`, a thematic break
/// or setext underline, a definition `:`). Leading spaces are kept as no-break spaces (so
/// they neither start a code block nor vanish).
pub(super) fn escape_line(line: &str) -> String {
    let line = line.trim_end_matches(' ');
    let spaces = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[spaces..];
    let mut out = String::with_capacity(line.len() + 8);
    out.extend(std::iter::repeat_n('\u{a0}', spaces));
    let first = rest.chars().next();
    let after_first = rest.get(1..).unwrap_or("");
    let blank_after = |s: &str| s.is_empty() || s.starts_with([' ', '\t']);
    let only = |c: char| rest.chars().all(|x| x == c || x == ' ');
    // After no-break spaces nothing starts a block: only the first character of the
    // line can.
    let lead = spaces == 0
        && match first {
            Some('#') => {
                let hashes = rest.len() - rest.trim_start_matches('#').len();
                hashes <= 6 && blank_after(&rest[hashes..])
            }
            Some('>' | ':') => true,
            Some('-' | '+') => blank_after(after_first) || only('-') || only('+'),
            Some('=') => only('='),
            _ => false,
        };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let ordered = spaces == 0
        && (1..=9).contains(&digits)
        && rest[digits..].starts_with(['.', ')'])
        && blank_after(&rest[digits + 1..]);
    if lead {
        // The first character is escaped here (and only here: a lone `#` must not be
        // escaped twice as a closing sequence too).
        out.push('\\');
        out.push_str(&rest[..1]);
        out.push_str(&escape_inline(&rest[1..]));
    } else if ordered {
        out.push_str(&rest[..digits]);
        out.push('\\');
        out.push_str(&escape_inline(&rest[digits..]));
    } else {
        out.push_str(&escape_inline(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_syntax_is_escaped() {
        assert_eq!(escape_line("a*b_c d_"), "a\\*b_c d\\_");
        assert_eq!(escape_line("12. x. 3."), "12\\. x. 3.");
        assert_eq!(escape_line("3) x"), "3\\) x");
        assert_eq!(escape_line("2024. A year"), "2024\\. A year");
        assert_eq!(escape_line("1.5 million"), "1.5 million");
        assert_eq!(escape_line("  - item  "), "\u{a0}\u{a0}- item");
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("-1 degree"), "-1 degree");
        assert_eq!(escape_line("---"), "\\---");
        assert_eq!(escape_line("==="), "\\===");
        assert_eq!(escape_line("a = b"), "a = b");
        assert_eq!(escape_line(": def"), "\\: def");
        assert_eq!(escape_line("> quote"), "\\> quote");
        assert_eq!(escape_line("# title"), "\\# title");
        assert_eq!(escape_line("#munitions"), "#munitions");
        assert_eq!(escape_line("<b>&amp; R&D"), "\\<b>\\&amp; R&D");
        assert_eq!(
            escape_inline(
                "kim-putin-vladivostok-en (relaying The New York Times) nord-coréens #munitions"
            ),
            "kim-putin-vladivostok-en (relaying The New York Times) nord-coréens #munitions"
        );
        assert_eq!(
            escape_inline("C:\\Users \\* end\\"),
            "C:\\Users \\\\\\* end\\\\"
        );
        assert_eq!(escape_inline("C #"), "C \\#");
        assert_eq!(escape_line("#"), "\\#");
        assert_eq!(escape_line("###"), "\\#\\##");
        assert_eq!(escape_line("# #"), "\\# \\#");
        assert_eq!(escape_inline("C# and F#"), "C# and F#");
    }

    #[test]
    fn blocks_keep_lines_and_paragraphs() {
        assert_eq!(
            block("one\ntwo\n\n\nthree", "> "),
            "> one\\\n> two\n>\n> three\n"
        );
        assert_eq!(block("a\u{1b}b", ""), "a\u{241b}b\n");
    }
}
