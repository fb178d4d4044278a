//! The HTML export: one self-contained page to read or print. Inline CSS only (with
//! print rules), no script, no font, image or other external request (a
//! Content-Security-Policy forbids them too), every text sanitised then escaped.
//! Must not depend on terminal crates.

use std::fmt::Write as _;

use super::super::annotation::{Bookmark, Note, Status, tags_of};
use super::super::briefing::Briefing;
use super::super::i18n::{DocLabel, Lang, t, tlp_meaning};
use super::super::text::{sanitize, sanitize_line};
use super::super::tradecraft::inherit::briefing_tlp;
use super::super::tradecraft::tlp::Tlp;
use super::marks::{ExportMarking, ItemMarks, List, Marks, Scope};
use super::{
    ExportFormat, ExportItem, ExportOptions, GENERATOR, Picked, Plan, SectionPlan, filter_words,
    grade_words, page_lang, stamp,
};
use crate::tr;

/// The page's style sheet: a printed brief. Serif body text from the system, about 65
/// characters a line, quotes set off by a rule, muted and italic; notes in plain text.
const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5b5b5b; --rule: #c9c2b4; --accent: #7a1f1f; --paper: #fffdf8; }
* { box-sizing: border-box; }
html { background: #ebe8e1; }
body { margin: 0; color: var(--ink); background: var(--paper);
  font-family: "Iowan Old Style", Charter, "Bitstream Charter", "Sitka Text", "Palatino Linotype", Palatino, "Book Antiqua", "URW Palladio L", P052, Cambria, Georgia, "Noto Serif", "Liberation Serif", "DejaVu Serif", serif;
  font-size: 11.5pt; line-height: 1.55; font-kerning: normal; text-rendering: optimizeLegibility;
  max-width: 52rem; margin: 2rem auto; box-shadow: 0 0.1rem 0.6rem rgba(0,0,0,0.15); }
main { max-width: 65ch; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
.banner { font-family: system-ui, -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 8.5pt; font-weight: 700; letter-spacing: 0.12em; text-transform: uppercase; text-align: center;
  color: var(--accent); border-top: 2px solid var(--accent); border-bottom: 2px solid var(--accent);
  padding: 0.35rem 1rem; margin: 0; }
.sans, .kicker, .kind, .tags, .times, .label, table.meta th, h3, .status { font-family: system-ui, -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
.kicker { font-size: 8.5pt; letter-spacing: 0.14em; text-transform: uppercase; color: var(--muted); margin: 0 0 0.4rem; }
h1 { font-size: 21pt; line-height: 1.2; font-weight: 600; margin: 0 0 1.2rem; text-wrap: balance; }
h2 { font-size: 14pt; line-height: 1.3; font-weight: 600; margin: 2.4rem 0 0.9rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--rule); break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 8.5pt; letter-spacing: 0.1em; text-transform: uppercase; color: var(--muted); margin: 1.4rem 0 0.4rem; break-after: avoid; page-break-after: avoid; }
.kind { display: block; font-size: 7.5pt; font-weight: 600; letter-spacing: 0.14em; text-transform: uppercase; color: var(--accent); margin-bottom: 0.2rem; }
table.meta { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 0 0 1rem; }
table.meta th, table.meta td { text-align: left; vertical-align: top; padding: 0.3rem 0.6rem 0.3rem 0; border-top: 1px solid var(--rule); }
table.meta tr:last-child th, table.meta tr:last-child td { border-bottom: 1px solid var(--rule); }
table.meta th { width: 9.5rem; font-size: 8pt; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); padding-top: 0.42rem; }
table.meta ul { margin: 0; padding-left: 1.1rem; }
.url { overflow-wrap: anywhere; font-size: 9pt; color: var(--muted); }
.note { margin: 0 0 1.6rem; break-inside: avoid; page-break-inside: avoid; }
blockquote.passage { margin: 0 0 0.6rem; padding: 0.1rem 0 0.1rem 1rem; border-left: 3px solid var(--rule); color: var(--muted); font-style: italic; }
blockquote.passage p, .body p { margin: 0 0 0.5rem; }
blockquote.passage p:last-child, .body p:last-child { margin-bottom: 0; }
.body { hyphens: auto; overflow-wrap: break-word; }
.footer { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline; margin-top: 0.45rem; }
.tags { display: flex; flex-wrap: wrap; gap: 0.3rem; list-style: none; margin: 0; padding: 0; }
.tags li { font-size: 7.5pt; letter-spacing: 0.03em; color: #3f3a30; background: #efe9dc; border-radius: 0.2rem; padding: 0.05rem 0.4rem; }
.times { font-size: 7.5pt; color: var(--muted); margin: 0; }
.status { display: inline-block; font-size: 7.5pt; font-weight: 600; color: #7a4a00; background: #fbefd5; border: 1px solid #e7cf98; border-radius: 0.2rem; padding: 0.05rem 0.4rem; }
.conflict { color: var(--accent); }
ul.bookmarks { margin: 0 0 1rem; padding-left: 1.2rem; }
ul.bookmarks li { margin: 0 0 0.35rem; break-inside: avoid; page-break-inside: avoid; }
ul.bookmarks q { font-style: italic; color: var(--muted); quotes: "“" "”"; }
.label { font-size: 9pt; font-weight: 600; }
.where { font-size: 9pt; color: var(--muted); }
section.review h2 { color: var(--accent); border-bottom-color: var(--accent); }
.review-intro { font-size: 10pt; color: var(--muted); margin: -0.3rem 0 1rem; break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
.empty { font-style: italic; color: var(--muted); }
article.briefing + article.briefing { margin-top: 3rem; padding-top: 2rem; border-top: 3px double var(--rule); }
.portion { font-family: system-ui, -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 8pt; font-weight: 700; font-style: normal; letter-spacing: 0.04em; color: var(--accent); }
.tlp { display: inline-block; background: #000; padding: 0 0.4em; border-radius: 0.15rem; letter-spacing: 0.08em; }
.tlp-clear { color: #fff; } .tlp-green { color: #33ff00; } .tlp-amber, .tlp-amber-strict { color: #ffc000; } .tlp-red { color: #ff2b2b; }
@media print {
  /* Every page carries the banner in its margins where the browser draws margin boxes
     (see the @page rule); the banners at the top and the end of the page stay too, for
     the browsers that do not. */
  .banner.end { break-before: avoid; page-break-before: avoid; }
  .tlp, .portion { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html, body { background: #fff; }
  body { font-size: 11pt; max-width: none; margin: 0; box-shadow: none; }
  main { max-width: 70ch; padding: 1.2rem 0 0; }
  .note:last-child, section:last-child { margin-bottom: 0; }
  a { color: inherit; text-decoration: none; }
  article.briefing + article.briefing { break-before: page; page-break-before: always; border-top: 0; margin-top: 0; padding-top: 0; }
  .tags li, .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The page rule for print: A4 with margins, and, where the browser draws page-margin
/// boxes (Chromium 131 and later), the banner (highest marking and TLP) at the top and
/// bottom of every page and the page number at the bottom right. Elsewhere the banners
/// in the page still mark the first page's top and the last page's end.
fn page_rule(classification: Option<&str>) -> String {
    let mut rule = String::from(
        r#"@page { size: A4; margin: 20mm 20mm 22mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt system-ui, sans-serif; color: #5b5b5b; }
"#,
    );
    if let Some(c) = classification {
        let text = css_string(c);
        for place in ["top-center", "bottom-center"] {
            let _ = writeln!(
                rule,
                "  @{place} {{ content: \"{text}\"; font: 700 7.5pt system-ui, sans-serif; letter-spacing: 0.12em; text-transform: uppercase; color: #7a1f1f; }}"
            );
        }
    }
    rule.push_str("}\n");
    rule
}

/// Text as the inside of a CSS string: everything but ASCII letters, digits and spaces
/// as a hexadecimal escape, so that no quote, backslash or `</style>` can get through.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in sanitize_line(text).chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            // The space ends the escape and is consumed with it.
            let _ = write!(out, "\\{:X} ", u32::from(c));
        }
    }
    out
}

/// HTML-escapes `& < > " '`.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One-line text, sanitised and escaped.
fn line(text: &str) -> String {
    esc(&sanitize_line(text))
}

/// Multi-line text as paragraphs (split at blank lines), lines joined by `<br>`, leading
/// spaces kept as no-break spaces.
fn paragraphs(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::new();
    let mut lines: Vec<String> = Vec::new();
    let flush = |lines: &mut Vec<String>, out: &mut String| {
        if !lines.is_empty() {
            let _ = write!(out, "<p>{}</p>", lines.join("<br>\n"));
            lines.clear();
        }
    };
    for l in clean.split('\n') {
        if l.trim().is_empty() {
            flush(&mut lines, &mut out);
        } else {
            let l = l.trim_end();
            let spaces = l.len() - l.trim_start_matches(' ').len();
            lines.push(format!("{}{}", "&nbsp;".repeat(spaces), esc(&l[spaces..])));
        }
    }
    flush(&mut lines, &mut out);
    out
}

/// A language tag fit for a `lang` attribute: letters, digits and `-` only.
fn lang_tag(language: Option<&str>) -> Option<String> {
    language
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 35
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_owned)
}

/// The banner's HTML: the marking (escaped) and the TLP label in TLP 2.0's colours on
/// black, its text carrying its meaning without colour. `None` when there is neither.
fn banner_html(total: &ExportMarking) -> Option<String> {
    let mut parts: Vec<String> = total.classification().iter().map(|c| esc(c)).collect();
    if let Some(tlp) = total.tlp {
        parts.push(tlp_html(tlp));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// `<span class="tlp tlp-amber-strict">TLP:AMBER+STRICT</span>`.
fn tlp_html(tlp: Tlp) -> String {
    let class = tlp.name().to_ascii_lowercase().replace('+', "-");
    format!(
        "<span class=\"tlp tlp-{class}\">{}</span>",
        esc(&tlp.label())
    )
}

/// The page for `items`.
pub(super) fn render(items: &[ExportItem<'_>], options: &ExportOptions) -> String {
    let plans: Vec<Plan<'_>> = items.iter().map(|i| Plan::new(i, options)).collect();
    let langs: Vec<Option<String>> = items
        .iter()
        .map(|i| lang_tag(i.briefing.language.as_deref()))
        .collect();
    // The page is titled in the first briefing's language (else the interface's), and
    // says so; each briefing's part carries its own `lang`.
    let title_lang = page_lang(items, options);
    let page_lang = match langs.first() {
        Some(Some(first))
            if langs.iter().all(|l| l.as_ref() == Some(first))
                && Lang::from_tag(first) == Some(title_lang) =>
        {
            first.clone()
        }
        _ => title_lang.code().to_owned(),
    };
    let marks = Marks::new(items, options, Scope::of(ExportFormat::Html));
    let classification = marks.banner();
    let banner = banner_html(&marks.total);
    let page = page_rule(classification.as_deref());
    let title = match items {
        [one] => line(&tr!(
            title_lang,
            "export-title-one",
            title = &one.briefing.title
        )),
        [] => esc(&t(title_lang, "export-title")),
        many => esc(&tr!(title_lang, "export-title-many", count = many.len())),
    };

    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"{}\">\n<title>{title}</title>\n<style>{STYLE}{page}</style>\n</head>\n<body>\n",
        esc(&page_lang),
        esc(GENERATOR),
    );
    if let Some(b) = &banner {
        let _ = writeln!(out, "<p class=\"banner\">{b}</p>");
    }
    out.push_str("<main>\n");
    if plans.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"empty\">{}</p>",
            esc(&t(title_lang, "export-no-briefing"))
        );
    }
    for ((plan, lang), m) in plans.iter().zip(&langs).zip(&marks.items) {
        briefing(&mut out, plan, lang.as_deref(), m, options);
    }
    out.push_str("</main>\n");
    if let Some(b) = &banner {
        let _ = writeln!(out, "<p class=\"banner end\">{b}</p>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn briefing(
    out: &mut String,
    plan: &Plan<'_>,
    lang: Option<&str>,
    marks: &ItemMarks<'_>,
    options: &ExportOptions,
) {
    let b = plan.briefing;
    let words = |id: &str| esc(&t(plan.lang, id));
    match lang {
        Some(l) => {
            let _ = writeln!(out, "<article class=\"briefing\" lang=\"{}\">", esc(l));
        }
        None => out.push_str("<article class=\"briefing\">\n"),
    }
    header(out, b, plan, options);
    if plan.sections.is_empty() && plan.review.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", words("export-no-notes"));
    }
    for s in &plan.sections {
        section(out, plan, s, marks);
    }
    if !plan.review.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"review\">\n<h2>{}</h2>",
            words("export-needs-review")
        );
        let _ = writeln!(
            out,
            "<p class=\"review-intro sans\">{}</p>",
            words("export-review-intro")
        );
        let mut bookmarks = Vec::new();
        for picked in &plan.review {
            match picked {
                Picked::Note(n, status) => {
                    let portion = marks.portion(List::Note, &n.id);
                    let where_ = made_on(plan, &n.anchor.section);
                    note(out, plan, n, *status, Some(&where_), portion);
                }
                Picked::Bookmark(m, status) => bookmarks.push((*m, *status)),
            }
        }
        if !bookmarks.is_empty() {
            let _ = writeln!(
                out,
                "<h3>{}</h3>\n<ul class=\"bookmarks\">",
                words("export-bookmarks-to-review")
            );
            for (m, status) in bookmarks {
                let portion = marks.portion(List::Bookmark, &m.id);
                let where_ = made_on(plan, &m.anchor.section);
                bookmark(out, plan, m, status, Some(&where_), portion);
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</article>\n");
}

/// "Made on section `id` — title", escaped, in the briefing's language.
fn made_on(plan: &Plan<'_>, section: &str) -> String {
    line(&match plan.briefing.section(section) {
        Some(s) => tr!(
            plan.lang,
            "export-made-on",
            section = section,
            title = &s.title
        ),
        None => tr!(plan.lang, "export-made-on-gone", section = section),
    })
}

fn header(out: &mut String, b: &Briefing, plan: &Plan<'_>, options: &ExportOptions) {
    let lang = plan.lang;
    let labels = plan.labels();
    let _ = writeln!(
        out,
        "<header>\n<p class=\"kicker\">{}</p>",
        esc(&t(lang, "export-kicker"))
    );
    let _ = writeln!(out, "<h1>{}</h1>", line(&b.title));
    out.push_str("<table class=\"meta\">\n");
    let row = |out: &mut String, name: &str, value: &str| {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{value}</td></tr>",
            esc(name)
        );
    };
    row(out, &t(lang, "export-meta-briefing"), &line(&b.id));
    if !plan.in_library {
        row(
            out,
            &t(lang, "export-meta-status"),
            &esc(&plan.not_in_library_words()),
        );
    }
    if let Some(date) = &b.date {
        let value = labels.date_or_not_stated(Some(date));
        row(out, &labels.get(DocLabel::Date), &esc(&value));
    }
    if let Some(language) = &b.language {
        row(out, &labels.get(DocLabel::Language), &line(language));
    }
    if let Some(c) = &b.classification {
        row(out, &t(lang, "export-meta-classification"), &line(c));
    }
    if let Some(tlp) = briefing_tlp(b) {
        let meaning = format!("({})", tlp_meaning(tlp, lang));
        row(out, "TLP", &format!("{} {}", tlp_html(tlp), esc(&meaning)));
    }
    if !b.sources.is_empty() {
        let mut list = String::from("<ul>");
        for s in &b.sources {
            let _ = write!(list, "<li>{}", line(&s.name));
            if let Some(accessed) = &s.accessed {
                let _ = write!(list, " ({})", esc(&labels.accessed(accessed)));
            }
            if let Some(grade) = grade_words(s, lang) {
                let _ = write!(list, " — {}", esc(&grade));
            }
            if let Some(url) = &s.url {
                let _ = write!(list, "<br><span class=\"url\">{}</span>", line(url));
            }
            list.push_str("</li>");
        }
        list.push_str("</ul>");
        row(out, &labels.get(DocLabel::Sources), &list);
    }
    row(
        out,
        &t(lang, "export-meta-exported"),
        &time(options.exported_at, lang),
    );
    let mut counts = esc(&plan.counts());
    if let Some(filter) = filter_words(options, lang) {
        let _ = write!(counts, " ({})", esc(&filter));
    }
    row(out, &t(lang, "export-meta-annotations"), &counts);
    out.push_str("</table>\n</header>\n");
}

/// `<time datetime="…">5 Sep 2024, 08:30 UTC</time>`.
fn time(at: jiff::Timestamp, lang: Lang) -> String {
    format!("<time datetime=\"{at}\">{}</time>", esc(&stamp(at, lang)))
}

fn section(out: &mut String, plan: &Plan<'_>, s: &SectionPlan<'_>, marks: &ItemMarks<'_>) {
    out.push_str("<section class=\"section\">\n");
    let kind = s
        .section
        .kind
        .as_ref()
        .map(|k| {
            let label = plan.labels().kind_label(k.as_str());
            format!("<span class=\"kind\">{}</span>", line(&label))
        })
        .unwrap_or_default();
    let _ = writeln!(out, "<h2>{kind} {}</h2>", line(&s.section.title));
    for (n, status) in &s.notes {
        note(
            out,
            plan,
            n,
            *status,
            None,
            marks.portion(List::Note, &n.id),
        );
    }
    if !s.bookmarks.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"bookmarks\">",
            esc(&t(plan.lang, "export-bookmarks"))
        );
        for (b, status) in &s.bookmarks {
            let portion = marks.portion(List::Bookmark, &b.id);
            bookmark(out, plan, b, *status, None, portion);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// `<span class="portion">(S)</span>`, with the space that follows it.
fn portion_html(portion: Option<&str>) -> String {
    portion
        .map(|p| format!("<span class=\"portion\">{}</span> ", esc(p)))
        .unwrap_or_default()
}

fn note(
    out: &mut String,
    plan: &Plan<'_>,
    n: &Note,
    status: Status,
    made_on: Option<&str>,
    portion: Option<String>,
) {
    let lang = plan.lang;
    out.push_str("<div class=\"note\">\n");
    if let Some(where_) = made_on {
        let _ = writeln!(out, "<p class=\"where sans\">{where_}</p>");
    }
    if n.anchor.quote.trim().is_empty() {
        let _ = writeln!(
            out,
            "<blockquote class=\"passage\"><p>{}</p></blockquote>",
            esc(&t(lang, "export-no-passage"))
        );
    } else {
        let _ = writeln!(
            out,
            "<blockquote class=\"passage\">{}</blockquote>",
            paragraphs(&n.anchor.quote)
        );
    }
    let mark = portion_html(portion.as_deref());
    if !n.body.trim().is_empty() {
        // The portion mark opens the note's first paragraph.
        let body = paragraphs(&n.body);
        let body = match body.strip_prefix("<p>") {
            Some(rest) => format!("<p>{mark}{rest}"),
            None => format!("{mark}{body}"),
        };
        let _ = writeln!(out, "<div class=\"body\">{body}</div>");
    } else if !mark.is_empty() {
        let _ = writeln!(out, "<div class=\"body\"><p>{}</p></div>", mark.trim_end());
    }
    out.push_str("<div class=\"footer\">");
    let tags = tags_of(&n.body);
    if !tags.is_empty() {
        out.push_str("<ul class=\"tags\">");
        for t in tags {
            let _ = write!(out, "<li>#{}</li>", line(&t));
        }
        out.push_str("</ul>");
    }
    // The times go in as `<time>` elements: the message is formatted around markers
    // that the escaped text cannot hold, then each is replaced.
    let (created, updated) = ("\u{e000}", "\u{e001}");
    let words = if n.created == n.updated {
        tr!(lang, "export-created", created = created)
    } else {
        tr!(
            lang,
            "export-created-updated",
            created = created,
            updated = updated
        )
    };
    let words = esc(&words)
        .replacen(created, &time(n.created, lang), 1)
        .replacen(updated, &time(n.updated, lang), 1);
    let _ = write!(out, "<p class=\"times\">{words}</p>");
    if status == Status::Moved {
        let _ = write!(
            out,
            "<span class=\"status\">{}</span>",
            esc(&plan.moved_words())
        );
    }
    if let Some(original) = &n.conflict_of {
        let _ = write!(
            out,
            "<p class=\"times conflict\">{}</p>",
            line(&tr!(lang, "export-conflict", id = original))
        );
    }
    out.push_str("</div>\n</div>\n");
}

fn bookmark(
    out: &mut String,
    plan: &Plan<'_>,
    b: &Bookmark,
    status: Status,
    made_on: Option<&str>,
    portion: Option<String>,
) {
    out.push_str("<li>");
    out.push_str(&portion_html(portion.as_deref()));
    if let Some(label) = b.label.as_deref().filter(|l| !l.trim().is_empty()) {
        let _ = write!(out, "<span class=\"label\">{}</span> — ", line(label));
    }
    if b.anchor.quote.trim().is_empty() {
        let _ = write!(out, "<em>{}</em>", esc(&t(plan.lang, "export-no-passage")));
    } else {
        let _ = write!(out, "<q>{}</q>", line(&b.anchor.quote));
    }
    if let Some(where_) = made_on {
        let _ = write!(out, " <span class=\"where\">{where_}</span>");
    }
    if status == Status::Moved {
        let _ = write!(
            out,
            " <span class=\"status\">{}</span>",
            esc(&plan.moved_words())
        );
    }
    out.push_str("</li>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_keeps_lines() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(
            paragraphs("one\n  two\n\nthree\u{7}"),
            "<p>one<br>\n&nbsp;&nbsp;two</p><p>three\u{2407}</p>"
        );
        assert_eq!(lang_tag(Some("fr\"><x")), None);
        assert_eq!(css_string("a \"</style>"), "a \\22 \\3C \\2F style\\3E ");
        assert_eq!(lang_tag(Some("en-GB")).as_deref(), Some("en-GB"));
    }
}
