//! Importing an article (plain text or Markdown, French or English) into a TOML briefing
//! draft: title, summary, one section per heading with a guessed kind, and the dates
//! the text states. The draft is checked by the loader before it is returned. Must not
//! depend on terminal crates.
//!
//! How the article is read (every guess is for the analyst to check):
//!
//! - **Markdown or plain text**: Markdown when a line outside fenced code is an ATX
//!   heading (`#` to `######`, then a space). The text is normalised (NFC) and sanitised
//!   (`text::sanitize`) before anything else.
//! - **Title**: Markdown, the first `#` heading before any section; plain text, the
//!   first line. A generic heading (`Introduction`, `Contexte`, `Summary`…) is never
//!   the title: it starts a section, and the title is the next heading that is not
//!   generic, else made from the file name.
//! - **Dateline and byline**: among the three first lines (or one-line paragraphs) under
//!   the title, a short line that is not a sentence and states a full date
//!   (`Publié le 5 septembre 2023`, `*23 May 2024*`, `14/01/2024`) or starts with
//!   `By`/`Par`. The dateline's date is the briefing's `date`; both lines go into the
//!   source's name, not the body.
//! - **Sections**: Markdown, every other `#` and `##` heading (`###` stays in the body; a
//!   heading's `{#id}` and a known `{.kind}` are kept). Plain text, a line of at most 12
//!   words and 100 characters, starting with a capital or a digit, not a list item, not
//!   ending with `. ! ? : ; , …`, followed by a longer line that reads as prose. Text
//!   before the first heading becomes an `Introduction` section, or joins the first
//!   section when that one is about context; an article without headings is one
//!   section, `Article`.
//! - **Paragraphs** (plain text): one per line, unless the text is hard-wrapped (a line
//!   that does not end a sentence followed by one starting in lowercase), in which case
//!   blank lines separate them. Lines starting `- `, `* `, `• ` become list items; other
//!   Markdown punctuation is escaped so the text reads as written.
//! - **Kinds**: French and English keyword tables on whole words, accents and case
//!   aside; the first noun phrase of the heading that holds a keyword decides
//!   (`import/kinds.rs`).
//! - **Summary**: the lead paragraph (the first paragraph of prose), taken out of the
//!   body so it is not said twice; its dates go with the first section. When the lead
//!   is the only text of a section with its own heading, it stays there and the summary
//!   is its first two or three sentences.
//! - **Dates**: French and English day-level expressions (`du 10 au 13 septembre`,
//!   `le 1er mai 2024`, `10–13 September 2023`, `September 10–13`, `on 14 April`,
//!   `April 14, 2024`, `2023-09-10`…) in the language of the article, each once per
//!   section, with confidence `unconfirmed` and a label cut from its sentence. A month
//!   alone (`en septembre`) is not a date. A year the text does not state stays
//!   unstated (`--09-10`) unless the `year` option gives it (the dateline's year is not
//!   assumed); a yearless range across the new year is left out, as `--MM-DD` cannot
//!   order it.
//! - **Cost**: linear in the article: 20,000 identical headings, 200,000 paragraphs or
//!   one 10 MB line take seconds at most (`tests/import.rs`, `cargo bench`).

mod dates;
mod kinds;
mod read;

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::briefing::Origin;
use super::date::PartialDate;
use super::load::parse_briefing;
use super::text::{is_slug, sanitize, sanitize_line, slugify};
use kinds::guess_kind;
use read::{Article, Block, Part, escape_markdown, looks_like_markdown, read_markdown, read_plain};

/// What the user may impose on an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The article's language, `fr` or `en` (a region may follow: `en-GB`); guessed from
    /// the text's common words when not given.
    pub lang: Option<String>,
    /// The briefing id; a slug of the file stem when not given.
    pub id: Option<String>,
    /// The year of dates the text gives without one; when not given, such dates stay
    /// without a year (`--MM-DD`): nothing is invented, not even from the dateline.
    pub year: Option<i16>,
}

/// A briefing draft and what was found on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The briefing file's text (TOML), which loads without error or warning.
    pub toml: String,
    /// What the importer decided, for the user to check.
    pub report: ImportReport,
}

/// What the importer found, for the user to check before using the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The briefing's title.
    pub title: String,
    /// The briefing's date, from the article's dateline (`2024-01-14`).
    pub date: Option<String>,
    /// The summary: the article's lead paragraph, taken out of the first section.
    pub summary: Option<String>,
    /// The language tag written in the draft (`fr`, `en`…).
    pub language: String,
    /// Each section's title and guessed kind, in order.
    pub headings: Vec<(String, Option<String>)>,
    /// Each date: as found in the text, structured (`2023-09-10..2023-09-13`,
    /// `--09-10..--09-13`, `2023-09-09`), and the id of its section.
    pub dates: Vec<(String, String, String)>,
}

/// The two languages the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
}

/// Lowercase, accents removed (`Défis` → `defis`, `Œuvre` → `oeuvre`).
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of a text, folded: letters and digits, everything else a separator.
fn folded_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

const FR_STOP_WORDS: [&str; 30] = [
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "aux", "ce", "cette", "il", "elle", "ne", "se", "sont", "avec",
    "par", "plus", "ou",
];

const EN_STOP_WORDS: [&str; 30] = [
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "by",
    "be", "are", "this", "from", "at", "an", "which", "have", "has", "not", "its", "were", "or",
    "would", "will", "their",
];

/// `fr` or `en`, from which language's common words the text uses more (English on a tie).
fn guess_language(text: &str) -> Lang {
    let (mut fr, mut en) = (0usize, 0usize);
    for word in folded_words(text) {
        fr += usize::from(FR_STOP_WORDS.contains(&word.as_str()));
        en += usize::from(EN_STOP_WORDS.contains(&word.as_str()));
    }
    if fr > en { Lang::Fr } else { Lang::En }
}

/// The language to write and read: the option (`fr`, `en`, with an optional region), or
/// a guess.
fn resolve_language(option: Option<&str>, text: &str) -> Result<(String, Lang), String> {
    let Some(tag) = option else {
        let lang = guess_language(text);
        let tag = match lang {
            Lang::Fr => "fr",
            Lang::En => "en",
        };
        return Ok((tag.to_string(), lang));
    };
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let regions_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    let lang = match primary.as_str() {
        "fr" => Lang::Fr,
        "en" => Lang::En,
        _ => {
            return Err(format!(
                "unsupported language `{}`: use fr or en",
                sanitize_line(tag)
            ));
        }
    };
    if !regions_ok {
        return Err(format!(
            "`{}` is not a language tag: use fr or en",
            sanitize_line(tag)
        ));
    }
    let rest = &tag[primary.len()..];
    Ok((format!("{primary}{rest}"), lang))
}

/// Turns an article into a TOML briefing draft.
///
/// `text` is plain text or Markdown (Markdown when it has a `#` heading outside code);
/// `file_stem` names the source and gives the default id. The draft is loaded with the
/// TOML loader before it is returned: an `Err` says why no valid draft could be made.
pub fn import_article(
    text: &str,
    file_stem: &str,
    options: &ImportOptions,
) -> Result<Draft, String> {
    if let Some(y) = options.year
        && !(1..=9999).contains(&y)
    {
        return Err(format!(
            "year {y} is out of range: use four digits, e.g. 2023"
        ));
    }
    let id = match &options.id {
        Some(id) if is_slug(id) => id.clone(),
        Some(id) => {
            return Err(format!(
                "`{}` is not a valid id: use lowercase letters, digits and single hyphens",
                sanitize_line(id)
            ));
        }
        None => {
            let slug = slugify(file_stem);
            if slug.is_empty() {
                return Err("no id can be made from the file name: give one with --id".into());
            }
            slug
        }
    };
    let normalized: String = text.nfc().collect();
    let clean = sanitize(&normalized).into_owned();
    if clean.trim().is_empty() {
        return Err("the article is empty".into());
    }
    let (tag, lang) = resolve_language(options.lang.as_deref(), &clean)?;
    let mut article = if looks_like_markdown(&clean) {
        read_markdown(&clean, lang)
    } else {
        read_plain(&clean, lang)
    };
    if article.title.is_empty() {
        article.title = title_from_stem(file_stem);
    }
    if article.title.is_empty() {
        return Err("the article has no title: give the file a name that says what it is".into());
    }
    if article.parts.iter().all(|p| p.blocks.is_empty()) {
        return Err("the article has no text under its title".into());
    }
    let lead = take_lead(&mut article);
    let draft = compose(&article, lead, &id, &tag, lang, file_stem, options.year);
    check_draft(&draft.toml, &id)?;
    Ok(draft)
}

/// Loads the draft with the TOML loader: any error or warning is a bug worth reporting.
fn check_draft(toml: &str, id: &str) -> Result<(), String> {
    let origin = Origin::File(format!("{id}.toml").into());
    match parse_briefing(toml.as_bytes(), origin, Some(id.to_string())) {
        Ok(loaded) if loaded.warnings.is_empty() => Ok(()),
        Ok(loaded) => Err(problems_text(&loaded.warnings)),
        Err(problems) => Err(problems_text(&problems)),
    }
}

fn problems_text(problems: &[super::diag::Diagnostic]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    format!(
        "the draft does not load cleanly (a bug in brief import):\n{}",
        lines.join("\n")
    )
}

// ---------------------------------------------------------------------------------------
// The draft

/// A date ready to be written.
struct DraftDate {
    found: String,
    structured: String,
    from: PartialDate,
    to: Option<PartialDate>,
    label: String,
}

/// Section ids: a slug of the title (or the heading's `{#id}`), at most 48 characters,
/// made unique with `-2`, `-3`…
fn section_ids(parts: &[Part]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(parts.len());
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut counters: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, part) in parts.iter().enumerate() {
        let mut base = part.id.clone().unwrap_or_else(|| slugify(&part.title));
        if base.len() > 48 {
            let cut = base[..48].rfind('-').unwrap_or(48);
            base.truncate(cut);
        }
        if base.is_empty() {
            base = format!("section-{}", n + 1);
        }
        // The next free number for this base, so that 20,000 identical headings cost
        // 20,000 steps, not 20,000².
        let mut id = base.clone();
        let next = counters.entry(base.clone()).or_insert(2);
        while taken.contains(&id) {
            id = format!("{base}-{next}");
            *next += 1;
        }
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

/// The dates of some blocks, each once (in the order found).
fn blocks_dates<'b>(
    blocks: impl IntoIterator<Item = &'b Block>,
    lang: Lang,
    default_year: Option<i16>,
) -> Vec<DraftDate> {
    let mut out: Vec<DraftDate> = Vec::new();
    let mut seen: std::collections::HashSet<(PartialDate, Option<PartialDate>)> =
        std::collections::HashSet::new();
    for block in blocks {
        for sentence in dates::sentences(&block.plain) {
            let sentence = &block.plain[sentence];
            for found in dates::find_dates(sentence, lang, default_year) {
                if !seen.insert((found.from, found.to)) {
                    continue;
                }
                out.push(DraftDate {
                    found: sanitize_line(&sentence[found.range.clone()]).into_owned(),
                    structured: found.structured(),
                    from: found.from,
                    to: found.to,
                    label: dates::label(sentence, found.range.clone()),
                });
            }
        }
    }
    out
}

/// A title made from the file's name, for an article whose first heading is generic
/// (`Introduction`) and that has no other: `ferry-talks` → `Ferry talks`.
fn title_from_stem(stem: &str) -> String {
    let words: Vec<&str> = stem
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let text = sanitize_line(&words.join(" ")).into_owned();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Takes the article's lead paragraph (the first paragraph of prose of its first part)
/// out of the body, to be the summary, so that it is not said twice.
///
/// A synthetic introduction left empty is dropped (its dates go with the lead). When
/// the lead is the only text of a section with a heading of its own, or of the whole
/// article, it stays in the body and no lead is taken (the summary is then its first
/// sentences).
fn take_lead(article: &mut Article) -> Option<Block> {
    let first = article.parts.first_mut()?;
    let at = first
        .blocks
        .iter()
        .position(|b| !b.list && !b.plain.trim().is_empty())?;
    let only_block = first.blocks.len() == 1;
    let only_text = article.parts.iter().map(|p| p.blocks.len()).sum::<usize>() == 1;
    let first = article.parts.first_mut()?;
    if only_text || (only_block && !first.synthetic) {
        return None;
    }
    let lead = first.blocks.remove(at);
    if first.blocks.is_empty() && first.synthetic {
        article.parts.remove(0);
    }
    Some(lead)
}

/// A paragraph's Markdown on one line: its lines (soft breaks) joined by spaces, unless
/// it is a quote, whose lines must keep their `>`.
fn one_paragraph(markdown: &str) -> String {
    let text = markdown.trim();
    if text.starts_with('>') {
        return text.to_string();
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The summary when no lead paragraph could be taken: the first two or three sentences
/// (at most about 400 characters) of the first paragraph of prose.
fn summary_from_first_sentences(article: &Article) -> Option<String> {
    let first = article.parts.first()?;
    let block = first
        .blocks
        .iter()
        .find(|b| !b.list && !b.plain.trim().is_empty())?;
    let mut taken: Vec<&str> = Vec::new();
    let mut length = 0;
    for range in dates::sentences(&block.plain) {
        let sentence = block.plain[range].trim();
        let n = sentence.chars().count();
        if taken.len() >= 3 || (taken.len() >= 2 && length + n > 400) {
            break;
        }
        taken.push(sentence);
        length += n + 1;
    }
    let text = sanitize_line(&taken.join(" ")).into_owned();
    (!text.trim().is_empty()).then(|| escape_markdown(text.trim()))
}

/// A TOML basic string (quoted and escaped by the `toml` crate).
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML multi-line basic string, `"""` then a line break, for a body: backslashes,
/// control characters and any third quote in a row are escaped.
fn toml_multiline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    let mut quotes = 0;
    let count = s.chars().count();
    for (i, c) in s.chars().enumerate() {
        match c {
            '"' if quotes == 2 || i + 1 == count => {
                out.push_str("\\\"");
                quotes = 0;
            }
            '"' => {
                out.push('"');
                quotes += 1;
            }
            '\\' => {
                out.push_str("\\\\");
                quotes = 0;
            }
            '\n' | '\t' => {
                out.push(c);
                quotes = 0;
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
                quotes = 0;
            }
            c => {
                out.push(c);
                quotes = 0;
            }
        }
    }
    out.push_str("\"\"\"");
    out
}

/// A part's body: its blocks as Markdown, a blank line between them (list items of one
/// list side by side), ending with a line break.
fn body_markdown(part: &Part) -> String {
    let mut body = String::new();
    let mut previous_item = false;
    for block in &part.blocks {
        if !body.is_empty() {
            body.push_str(if previous_item && block.item {
                "\n"
            } else {
                "\n\n"
            });
        }
        body.push_str(&block.markdown);
        previous_item = block.item;
    }
    if !body.is_empty() {
        body.push('\n');
    }
    body
}

/// Writes the draft and its report.
fn compose(
    article: &Article,
    lead: Option<Block>,
    id: &str,
    tag: &str,
    lang: Lang,
    file_stem: &str,
    default_year: Option<i16>,
) -> Draft {
    let ids = section_ids(&article.parts);
    let kinds: Vec<Option<&str>> = article
        .parts
        .iter()
        .map(|p| p.kind.as_deref().or_else(|| guess_kind(&p.title, lang)))
        .collect();
    let mut out = String::new();
    out.push_str(
        "# A briefing draft made by `brief import`. The title, summary, section kinds and\n",
    );
    out.push_str(
        "# dates were guessed from the article: check each of them, then run `brief check`.\n",
    );
    let _ = writeln!(out, "title = {}", toml_string(&article.title));
    let _ = writeln!(out, "id = {}", toml_string(id));
    let _ = writeln!(out, "language = {}", toml_string(tag));
    let date = article.meta.dateline.as_ref().map(|(_, d)| d.to_iso());
    if let Some(date) = &date {
        let _ = writeln!(out, "date = {}", toml_string(date));
    }
    let summary = match &lead {
        Some(block) => Some(one_paragraph(&block.markdown)),
        None => summary_from_first_sentences(article),
    };
    if let Some(summary) = &summary {
        let _ = writeln!(out, "summary = {}", toml_string(summary));
    }
    out.push_str("tags = []\n\n[[sources]]\n");
    let stem = sanitize_line(file_stem);
    let mut name = format!("{stem} (imported article");
    if let Some(byline) = &article.meta.byline {
        let _ = write!(name, "; byline: {byline}");
    }
    if let Some((line, _)) = &article.meta.dateline {
        let _ = write!(name, "; dateline: {line}");
    }
    name.push(')');
    let _ = writeln!(out, "name = {}", toml_string(&name));
    let mut report = ImportReport {
        title: article.title.clone(),
        date,
        summary,
        language: tag.to_string(),
        headings: Vec::new(),
        dates: Vec::new(),
    };
    for (n, ((part, section_id), kind)) in article.parts.iter().zip(&ids).zip(&kinds).enumerate() {
        out.push_str("\n[[sections]]\n");
        let _ = writeln!(out, "id = {}", toml_string(section_id));
        let _ = writeln!(out, "title = {}", toml_string(&part.title));
        if let Some(kind) = kind {
            let _ = writeln!(out, "kind = {}", toml_string(kind));
        }
        let body = body_markdown(part);
        if !body.is_empty() {
            let _ = writeln!(out, "body = {}", toml_multiline(&body));
        }
        report
            .headings
            .push((part.title.clone(), kind.map(str::to_string)));
        // The lead's dates go with the first section, as the lead is no longer in it.
        let lead_blocks = lead.iter().filter(|_| n == 0);
        for date in blocks_dates(lead_blocks.chain(&part.blocks), lang, default_year) {
            out.push_str("\n[[sections.dates]]\n");
            let _ = writeln!(out, "from = {}", toml_string(&date.from.to_iso()));
            if let Some(to) = date.to {
                let _ = writeln!(out, "to = {}", toml_string(&to.to_iso()));
            }
            if !date.label.is_empty() {
                let _ = writeln!(out, "label = {}", toml_string(&date.label));
            }
            out.push_str("confidence = \"unconfirmed\"\n");
            report
                .dates
                .push((date.found, date.structured, section_id.clone()));
        }
    }
    Draft { toml: out, report }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_guessed_from_common_words() {
        assert_eq!(
            guess_language("Le président de la République est arrivé dans la ville."),
            Lang::Fr
        );
        assert_eq!(
            guess_language("The president of the republic arrived in the city."),
            Lang::En
        );
        assert!(resolve_language(Some("de"), "").is_err());
        assert_eq!(
            resolve_language(Some("en-GB"), "").map(|r| r.1),
            Ok(Lang::En)
        );
    }

    #[test]
    fn multi_line_strings_round_trip() {
        for s in [
            "plain\n",
            "quotes \" and \"\" and \"\"\" and \"\"\"\" end\n",
            "ends with a quote\"",
            "ends with two\"\"",
            "back\\slash at end\\\n",
            "\\\"\"\"\n",
            "''' and \\u0041\n",
            "\nstarts with a line break\n",
            "ctl \u{7f} \u{1b}\n",
        ] {
            let doc = format!("x = {}\n", toml_multiline(s));
            let parsed: Result<toml::Table, _> = toml::from_str(&doc);
            let value = parsed
                .as_ref()
                .ok()
                .and_then(|t| t.get("x"))
                .and_then(|v| v.as_str());
            assert_eq!(value, Some(s), "{doc}");
        }
    }
}
