//! `brief show`: a briefing (or one section) as wrapped plain text, found by id or by
//! file, with its tradecraft: the banner (declared classification, highest marking,
//! TLP), each source with its grade (`NYT B2`), each section's sources and portion
//! mark, and inline citations shown with their grades. Uses the domain only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::suggest::{self, Among};
use super::{load_library, report_problems};
use crate::config::Config;
use crate::domain::briefing::{Briefing, Section, Source};
use crate::domain::i18n::{DocLabel, DocLabels, Lang, grade_meaning, t, tlp_meaning};
use crate::domain::library::Library;
use crate::domain::markdown::{Block, BlockKind, render_markdown};
use crate::domain::text::{display_width, sanitize, sanitize_line};
use crate::domain::tradecraft::cite::{citation_label, find_citations};
use crate::domain::tradecraft::inherit::briefing_tlp;
use crate::domain::wrap::render_plain;

/// Whether the argument of `show` names a file rather than an id: an existing file, or
/// a path (a separator in it, or a briefing extension), which ids never hold.
fn names_a_file(arg: &str) -> bool {
    let path = Path::new(arg);
    path.is_file()
        || arg.contains(['/', '\\'])
        || [".toml", ".md", ".markdown"]
            .iter()
            .any(|ext| arg.to_ascii_lowercase().ends_with(ext))
}

/// The briefing `show` is asked for: the one in the file named, or the one with the id
/// in the library; `Err` with the exit code once the reason is printed.
fn find(config: &Config, paths: &[PathBuf], arg: &str) -> Result<Arc<Briefing>, ExitCode> {
    if names_a_file(arg) {
        let library = Library::load(&[PathBuf::from(arg)], config.load_options());
        report_problems(&library.problems);
        return match library.briefings.first() {
            Some(b) if !library.has_errors() => Ok(b.clone()),
            _ => {
                if library.problems.is_empty() {
                    let lang = config.language();
                    eprintln!(
                        "{}",
                        crate::tr!(lang, "cli-show-nothing-in-file", file = arg)
                    );
                }
                Err(ExitCode::FAILURE)
            }
        };
    }
    let library = load_library(paths, config);
    match library.get(arg) {
        Some(b) => Ok(b.clone()),
        None => {
            report_problems(&library.problems);
            let (lang, known) = (config.language(), library.briefings.iter());
            let hint = t(lang, "cli-hint-list");
            let known = known.map(|b| b.id.as_str());
            eprintln!(
                "{}",
                suggest::unknown(lang, Among::Briefings, arg, known, &hint)
            );
            Err(ExitCode::FAILURE)
        }
    }
}

/// `brief show`: the briefing (or one section) as wrapped plain text.
pub(super) fn show(
    config: &Config,
    paths: &[PathBuf],
    arg: &str,
    section: Option<&str>,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    let briefing = match find(config, paths, arg) {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    // What is printed as part of the briefing is in the briefing's own language.
    let lang = config.language();
    let doc_lang = Lang::for_document(briefing.language.as_deref(), lang);
    let labels = DocLabels::new(doc_lang, briefing.labels.as_ref());
    let sections: Vec<_> = match section {
        Some(sid) => match briefing.section(sid) {
            Some(s) => {
                // A section alone still says how far it may be shared.
                let banner = banner(&briefing, doc_lang);
                if !banner.is_empty() {
                    writeln!(out, "{}\n", textwrap::fill(&banner, width))?;
                }
                vec![s]
            }
            None => {
                let among = Among::Sections(&briefing.id);
                let known = briefing.sections.iter().map(|s| s.id.as_str());
                let hint = suggest::sections_hint(lang, &briefing);
                eprintln!("{}", suggest::unknown(lang, among, sid, known, &hint));
                return Ok(ExitCode::FAILURE);
            }
        },
        None => {
            write!(out, "{}", plain_header(&briefing, width, &labels))?;
            briefing.sections.iter().collect()
        }
    };
    for s in sections {
        let kind = s
            .kind
            .as_ref()
            .map(|k| format!(" [{}]", labels.kind_label(k.as_str())))
            .unwrap_or_default();
        let marking = s
            .marking
            .as_ref()
            .map(|m| format!("{} ", m.portion()))
            .unwrap_or_default();
        let heading = textwrap::fill(
            &format!("{marking}{}{kind}", sanitize_line(&s.title)),
            width,
        );
        writeln!(out, "{heading}")?;
        let rule = heading.lines().map(display_width).max().unwrap_or(0);
        writeln!(out, "{}", "=".repeat(rule))?;
        writeln!(out)?;
        if let Some(line) = sources_line(&briefing, s, &labels) {
            writeln!(out, "{}", textwrap::fill(&line, width))?;
            writeln!(out)?;
        }
        for d in &s.dates {
            writeln!(
                out,
                "{}",
                textwrap::fill(
                    &crate::tr!(doc_lang, "show-section-date", date = labels.describe(d)),
                    width
                )
            )?;
        }
        if !s.dates.is_empty() {
            writeln!(out)?;
        }
        let text = render_plain(&with_grades(&briefing, render_markdown(&s.body)), width);
        if !text.trim().is_empty() {
            writeln!(out, "{}", text.trim_end())?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The banner: the declared classification in brackets, the highest marking of the
/// content beside it when higher, and the TLP label with its meaning:
/// `[CONFIDENTIAL] · content up to SECRET//NOFORN · TLP:AMBER (limited to the
/// organisation and its clients, on a need-to-know basis)`. Empty when there is none.
fn banner(b: &Briefing, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &b.classification {
        parts.push(format!("[{}]", sanitize_line(c)));
    }
    // Like the reader's banner: the content's marking when it is higher than the
    // declared classification (or that is not recognised).
    if let Some(high) = b.high_water_mark()
        && b.declared_level()
            .is_none_or(|declared| high.level > declared)
    {
        parts.push(crate::tr!(
            lang,
            "doc-content-up-to",
            marking = high.banner()
        ));
    }
    if let Some(tlp) = briefing_tlp(b) {
        parts.push(format!("{} ({})", tlp.label(), tlp_meaning(tlp, lang)));
    }
    parts.join(" · ")
}

/// What a section rests on: `Sources: NYT B2, KCNA C3`, with `(a single source)` when
/// its judgment rests on one; `None` when it cites none.
fn sources_line(b: &Briefing, s: &Section, doc: &DocLabels<'_>) -> Option<String> {
    let cited = s.cited_sources();
    if cited.is_empty() {
        return None;
    }
    let labels: Vec<String> = cited
        .iter()
        .map(|id| {
            let grade = b.source(id).map(Source::grade).unwrap_or_default();
            sanitize_line(&citation_label(id, grade)).into_owned()
        })
        .collect();
    let lang = doc.lang();
    let single = if s.rests_on_single_source() {
        format!(" ({})", t(lang, "doc-single-source"))
    } else {
        String::new()
    };
    let line = crate::tr!(
        lang,
        "doc-sources-list",
        label = doc.get(DocLabel::Sources),
        list = labels.join(", ")
    );
    Some(format!("{line}{single}"))
}

/// The blocks with each inline citation `[^nyt]` shown as its source and grade,
/// `[NYT B2]` (not in code); the styles after it moved along.
fn with_grades(b: &Briefing, mut blocks: Vec<Block>) -> Vec<Block> {
    for block in &mut blocks {
        if block.kind == BlockKind::Code {
            continue;
        }
        let found = find_citations(&block.text);
        if found.is_empty() {
            continue;
        }
        let mut text = String::with_capacity(block.text.len() + 8 * found.len());
        // (where in the old text, how far later it is in the new)
        let mut shifts: Vec<(usize, isize)> = Vec::new();
        let mut at = 0;
        let mut shift: isize = 0;
        for c in found {
            // Styles are sorted and do not overlap: the one that could hold the marker
            // is the first that ends after its start.
            let first = block
                .styles
                .partition_point(|st| st.range.end <= c.range.start);
            let in_code = block.styles.get(first).is_some_and(|st| {
                st.style.code && st.range.start <= c.range.start && c.range.end <= st.range.end
            });
            let Some(source) = b.source(&c.source).filter(|_| !in_code) else {
                continue;
            };
            let label = format!("[{}]", citation_label(&c.source, source.grade()));
            let label = sanitize_line(&label);
            text.push_str(&block.text[at..c.range.start]);
            text.push_str(&label);
            shift += (label.len() as isize) - (c.range.len() as isize);
            shifts.push((c.range.end, shift));
            at = c.range.end;
        }
        if shifts.is_empty() {
            continue;
        }
        text.push_str(&block.text[at..]);
        let moved = |pos: usize| -> usize {
            let before = shifts.partition_point(|(end, _)| *end <= pos);
            let delta = before.checked_sub(1).map_or(0, |i| shifts[i].1);
            pos.saturating_add_signed(delta)
        };
        for st in &mut block.styles {
            st.range = moved(st.range.start)..moved(st.range.end);
        }
        block.text = text;
    }
    blocks
}

/// A text with each inline citation `[^nyt]` (not in code) written as its source and
/// grade, `[NYT B2]`.
fn graded_citations(b: &Briefing, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for c in find_citations(text) {
        if let Some(source) = b.source(&c.source) {
            out.push_str(&text[at..c.range.start]);
            out.push_str(&format!("[{}]", citation_label(&c.source, source.grade())));
            at = c.range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

fn plain_header(b: &Briefing, width: usize, labels: &DocLabels<'_>) -> String {
    use crate::tr;
    let lang = labels.lang();
    let mut s = String::new();
    let banner = banner(b, lang);
    if !banner.is_empty() {
        s.push_str(&textwrap::fill(&banner, width));
        s.push('\n');
    }
    let title = sanitize_line(&b.title);
    let title = textwrap::fill(&title, width);
    let rule = title.lines().map(display_width).max().unwrap_or(0);
    s.push_str(&format!("{title}\n{}\n", "#".repeat(rule)));
    let mut meta = vec![tr!(lang, "show-id", id = b.id.as_str())];
    let date = labels.date_or_not_stated(b.date.as_ref());
    meta.push(tr!(lang, "show-date", date = date));
    if let Some(l) = &b.language {
        meta.push(tr!(lang, "show-language", language = l.as_str()));
    }
    s.push_str(&textwrap::fill(&meta.join(" · "), width));
    s.push('\n');
    if !b.tags.is_empty() {
        let tags = tr!(lang, "show-tags", tags = b.tags.join(", "));
        s.push_str(&textwrap::fill(&tags, width));
        s.push('\n');
    }
    for src in &b.sources {
        let grade = src.grade();
        let mut source = sanitize_line(&src.name).into_owned();
        if let Some(u) = &src.url {
            source.push_str(&format!(" <{}>", sanitize_line(u)));
        }
        if let Some(a) = &src.accessed {
            source.push_str(&format!(" ({})", labels.accessed(a)));
        }
        let label = match &src.id {
            Some(id) => Some(sanitize_line(&citation_label(id, grade)).into_owned()),
            None if !grade.is_empty() => Some(grade.label()),
            None => None,
        };
        let line = match label {
            Some(label) => tr!(lang, "show-source-cited", label = label, source = source),
            None => tr!(lang, "show-source", source = source),
        };
        s.push_str(&textwrap::fill(&line, width));
        s.push('\n');
        // Why it is graded so, indented under it.
        let why = match (grade.is_empty(), &src.grading) {
            (false, Some(g)) => Some(format!(
                "{} — {}",
                grade_meaning(grade, lang),
                sanitize_line(g)
            )),
            (false, None) => Some(grade_meaning(grade, lang)),
            (true, Some(g)) => Some(sanitize_line(g).into_owned()),
            (true, None) => None,
        };
        if let Some(why) = why {
            let indent = textwrap::Options::new(width)
                .initial_indent("  ")
                .subsequent_indent("  ");
            s.push_str(&textwrap::fill(&why, indent));
            s.push('\n');
        }
    }
    s.push('\n');
    if let Some(summary) = &b.summary {
        let text = textwrap::fill(&sanitize(&graded_citations(b, summary)), width);
        s.push_str(&text);
        s.push_str("\n\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::briefing::Origin;
    use crate::domain::load::parse_briefing;

    fn briefing() -> Briefing {
        let toml = "title = \"T\"\n[[sources]]\nid = \"nyt\"\nname = \"N\"\nreliability = \"B\"\ncredibility = 2\n[[sections]]\ntitle = \"A\"\nbody = \"x\"\n";
        match parse_briefing(
            toml.as_bytes(),
            Origin::File("t.toml".into()),
            Some("t".into()),
        ) {
            Ok(loaded) => loaded.briefing,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn citations_show_their_grades_and_styles_follow() {
        let b = briefing();
        let blocks = with_grades(
            &b,
            render_markdown("Said [^nyt] then **bold** and `[^nyt]` and [^other]."),
        );
        let block = &blocks[0];
        assert_eq!(
            block.text,
            "Said [NYT B2] then bold and [^nyt] and [^other]."
        );
        let styled: Vec<&str> = block
            .styles
            .iter()
            .map(|s| &block.text[s.range.clone()])
            .collect();
        assert!(styled.contains(&"bold"), "{styled:?}");
        assert!(styled.contains(&"[^nyt]"), "{styled:?}");
    }
}
