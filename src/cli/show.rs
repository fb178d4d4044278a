//! `brief show`: a briefing (or one section) as wrapped plain text, found by id or by
//! file. Uses the domain only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::suggest::{self, Among};
use super::{load_library, report_problems};
use crate::config::Config;
use crate::domain::briefing::Briefing;
use crate::domain::i18n::{DocLabels, Lang, t};
use crate::domain::library::Library;
use crate::domain::markdown::render_markdown;
use crate::domain::text::{display_width, sanitize, sanitize_line};
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
    let labels = DocLabels::new(doc_lang, None);
    let sections: Vec<_> = match section {
        Some(sid) => match briefing.section(sid) {
            Some(s) => vec![s],
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
        let heading = textwrap::fill(&format!("{}{kind}", sanitize_line(&s.title)), width);
        writeln!(out, "{heading}")?;
        let rule = heading.lines().map(display_width).max().unwrap_or(0);
        writeln!(out, "{}", "=".repeat(rule))?;
        writeln!(out)?;
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
        let text = render_plain(&render_markdown(&s.body), width);
        if !text.trim().is_empty() {
            writeln!(out, "{}", text.trim_end())?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn plain_header(b: &Briefing, width: usize, labels: &DocLabels<'_>) -> String {
    use crate::tr;
    let lang = labels.lang();
    let mut s = String::new();
    if let Some(c) = &b.classification {
        s.push_str(&format!("[{}]\n", sanitize_line(c)));
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
        let mut source = src.name.clone();
        if let Some(u) = &src.url {
            source.push_str(&format!(" <{u}>"));
        }
        if let Some(a) = &src.accessed {
            source.push_str(&format!(" ({})", labels.accessed(a)));
        }
        let line = tr!(lang, "show-source", source = source);
        s.push_str(&textwrap::fill(&line, width));
        s.push('\n');
    }
    s.push('\n');
    if let Some(summary) = &b.summary {
        let text = textwrap::fill(&sanitize(summary), width);
        s.push_str(&text);
        s.push_str("\n\n");
    }
    s
}
