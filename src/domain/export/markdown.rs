//! The Markdown export: CommonMark in which text from briefings and notes can never
//! become markup. Every such text is sanitised, then every character that CommonMark (or
//! a common extension: tables, strikethrough, math, footnotes, definition lists) could
//! read as syntax is backslash-escaped; line breaks written in a note are kept as hard
//! breaks, blank lines as paragraph breaks. Must not depend on terminal crates.

use std::fmt::Write as _;

use super::super::annotation::{Bookmark, Note, Status, tags_of};
use super::super::briefing::Briefing;
use super::super::text::{sanitize, sanitize_line};
use super::{
    ExportItem, ExportOptions, MOVED_WORDS, Picked, Plan, SectionPlan, filter_words, stamp,
};

/// The Markdown document for `items`.
pub(super) fn render(items: &[ExportItem<'_>], options: &ExportOptions) -> String {
    let mut out = String::new();
    if items.is_empty() {
        out.push_str("# Notes\n\n*No briefing to export.*\n");
        return out;
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("\n* * *\n\n");
        }
        briefing(&mut out, &Plan::new(item, options), options);
    }
    out
}

fn briefing(out: &mut String, plan: &Plan<'_>, options: &ExportOptions) {
    header(out, plan.briefing, plan, options);
    if plan.sections.is_empty() && plan.review.is_empty() {
        out.push_str("*No notes or bookmarks to export.*\n");
        return;
    }
    for s in &plan.sections {
        section(out, s);
    }
    if !plan.review.is_empty() {
        out.push_str("## Needs review\n\n");
        out.push_str(
            "These annotations were not found in the briefing as it is now. \
             Nothing was deleted: check them in brief.\n\n",
        );
        let mut bookmarks = Vec::new();
        for picked in &plan.review {
            match picked {
                Picked::Note(n, status) => {
                    let _ = writeln!(
                        out,
                        "**Made on section:** {}\n",
                        made_on(plan.briefing, &n.anchor.section)
                    );
                    note(out, n, *status);
                }
                Picked::Bookmark(b, status) => bookmarks.push((*b, *status)),
            }
        }
        if !bookmarks.is_empty() {
            out.push_str("### Bookmarks to review\n\n");
            for (b, status) in bookmarks {
                let section = made_on(plan.briefing, &b.anchor.section);
                bookmark(out, b, status, Some(&section));
            }
            out.push('\n');
        }
    }
}

/// `context\-and\-preparation` (with the section's title when it still exists).
fn made_on(briefing: &Briefing, section: &str) -> String {
    let id = escape_one_line(section);
    match briefing.section(section) {
        Some(s) => format!("{id} — {}", escape_one_line(&s.title)),
        None => format!("{id} (no longer in the briefing)"),
    }
}

fn header(out: &mut String, b: &Briefing, plan: &Plan<'_>, options: &ExportOptions) {
    let _ = writeln!(out, "# {}\n", escape_one_line(&b.title));
    let _ = writeln!(out, "- **Briefing:** {}", escape_one_line(&b.id));
    if let Some(date) = b.date {
        let _ = writeln!(out, "- **Date:** {}", date.human());
    }
    if let Some(language) = &b.language {
        let _ = writeln!(out, "- **Language:** {}", escape_one_line(language));
    }
    if let Some(c) = &b.classification {
        let _ = writeln!(out, "- **Classification:** {}", escape_one_line(c));
    }
    match b.sources.as_slice() {
        [] => {}
        sources => {
            out.push_str("- **Sources:**\n");
            for s in sources {
                let mut line = escape_one_line(&s.name);
                if let Some(url) = &s.url {
                    let _ = write!(line, " — {}", escape_one_line(url));
                }
                if let Some(accessed) = s.accessed {
                    let _ = write!(line, " \\(accessed {}\\)", accessed.human());
                }
                let _ = writeln!(out, "  - {line}");
            }
        }
    }
    let _ = writeln!(out, "- **Exported:** {}", stamp(options.exported_at));
    let mut counts = plan.counts();
    if let Some(filter) = filter_words(options) {
        let _ = write!(counts, " \\({}\\)", escape_one_line(&filter));
    }
    let _ = writeln!(out, "- **Annotations:** {counts}\n");
}

fn section(out: &mut String, s: &SectionPlan<'_>) {
    let title = escape_one_line(&s.section.title);
    match &s.section.kind {
        Some(kind) => {
            let _ = writeln!(out, "## {title} \\({}\\)\n", escape_one_line(&kind.label()));
        }
        None => {
            let _ = writeln!(out, "## {title}\n");
        }
    }
    for (n, status) in &s.notes {
        note(out, n, *status);
    }
    if !s.bookmarks.is_empty() {
        out.push_str("### Bookmarks\n\n");
        for (b, status) in &s.bookmarks {
            bookmark(out, b, *status, None);
        }
        out.push('\n');
    }
}

/// A note: its passage as a block quote, its text, then tags and times.
fn note(out: &mut String, n: &Note, status: Status) {
    if n.anchor.quote.trim().is_empty() {
        out.push_str("> *\\(no passage\\)*\n\n");
    } else {
        out.push_str(&block(&n.anchor.quote, "> "));
        out.push('\n');
    }
    if !n.body.trim().is_empty() {
        out.push_str(&block(&n.body, ""));
        out.push('\n');
    }
    let mut meta = Vec::new();
    let tags = tags_of(&n.body);
    if !tags.is_empty() {
        let tags: Vec<String> = tags
            .iter()
            .map(|t| format!("\\#{}", escape_one_line(t)))
            .collect();
        meta.push(format!("Tags: {}", tags.join(" · ")));
    }
    let mut times = if n.created == n.updated {
        format!("*Created {}*", stamp(n.created))
    } else {
        format!(
            "*Created {} · updated {}*",
            stamp(n.created),
            stamp(n.updated)
        )
    };
    if status == Status::Moved {
        let _ = write!(times, " **({MOVED_WORDS})**");
    }
    meta.push(times);
    if let Some(original) = &n.conflict_of {
        meta.push(format!(
            "*Conflict copy of note {}: the same note was edited in two places*",
            escape_one_line(original)
        ));
    }
    out.push_str(&meta.join("\\\n"));
    out.push_str("\n\n");
}

/// A bookmark as a list item: label, passage, and where it was made when it is orphaned.
fn bookmark(out: &mut String, b: &Bookmark, status: Status, made_on: Option<&str>) {
    let mut line = String::from("- ");
    if let Some(label) = b.label.as_deref().filter(|l| !l.trim().is_empty()) {
        let _ = write!(line, "**{}** — ", escape_one_line(label));
    }
    if b.anchor.quote.trim().is_empty() {
        line.push_str("*\\(no passage\\)*");
    } else {
        let _ = write!(line, "“{}”", escape_one_line(&b.anchor.quote));
    }
    if let Some(section) = made_on {
        let _ = write!(line, " — *made on section* {section}");
    }
    if status == Status::Moved {
        let _ = write!(line, " **({MOVED_WORDS})**");
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

/// One-line text (a title, a label, an id), sanitised and escaped.
pub(super) fn escape_one_line(text: &str) -> String {
    escape_line(&sanitize_line(text))
}

/// Whether CommonMark (or an extension) could read `c` as syntax anywhere in a line.
fn is_special(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '['
            | ']'
            | '<'
            | '>'
            | '#'
            | '+'
            | '-'
            | '!'
            | '|'
            | '{'
            | '}'
            | '('
            | ')'
            | '&'
            | '~'
            | '='
            | '$'
            | '^'
    )
}

/// Escapes one line of sanitised text (no line break in it) so that CommonMark reads it
/// as literal text: specials backslash-escaped; a `.` or `:` that would start a list
/// item or a definition at the start of the line escaped too; leading spaces kept as
/// no-break spaces (so they neither start a code block nor vanish); trailing spaces
/// dropped (two of them would be a hard break).
pub(super) fn escape_line(line: &str) -> String {
    let line = line.trim_end();
    let mut out = String::with_capacity(line.len() + 8);
    let mut leading = true;
    // Whether everything since the leading spaces is digits (an ordered list marker).
    let mut digits_only = true;
    let mut seen_digit = false;
    for c in line.chars() {
        if leading && c == ' ' {
            out.push('\u{a0}');
            continue;
        }
        let at_start = leading;
        leading = false;
        if is_special(c) || (c == '.' && digits_only && seen_digit) || (c == ':' && at_start) {
            out.push('\\');
        }
        out.push(c);
        if c.is_ascii_digit() {
            seen_digit = true;
        } else {
            digits_only = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_escaped() {
        assert_eq!(escape_line("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape_line("12. x. 3."), "12\\. x. 3.");
        assert_eq!(escape_line("  - item  "), "\u{a0}\u{a0}\\- item");
        assert_eq!(escape_line(": def"), "\\: def");
        assert_eq!(escape_line("<b>&amp;"), "\\<b\\>\\&amp;");
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
