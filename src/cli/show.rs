//! `brief show`: a briefing (or one section) as wrapped plain text, found by id or by
//! file. Uses the domain only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::{load_library, report_problems, suggest};
use crate::config::Config;
use crate::domain::briefing::Briefing;
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
                    eprintln!("brief: {}: no briefing in it", sanitize_line(arg));
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
            eprintln!(
                "{}",
                suggest::unknown(
                    "briefing",
                    arg,
                    library.briefings.iter().map(|b| b.id.as_str()),
                    "see `brief list`, or give the briefing's file"
                )
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
    let sections: Vec<_> = match section {
        Some(sid) => match briefing.section(sid) {
            Some(s) => vec![s],
            None => {
                let what = format!("section in `{}`", sanitize_line(&briefing.id));
                eprintln!(
                    "{}",
                    suggest::unknown(
                        &what,
                        sid,
                        briefing.sections.iter().map(|s| s.id.as_str()),
                        &section_list(&briefing)
                    )
                );
                return Ok(ExitCode::FAILURE);
            }
        },
        None => {
            write!(out, "{}", plain_header(&briefing, width))?;
            briefing.sections.iter().collect()
        }
    };
    for s in sections {
        let kind = s
            .kind
            .as_ref()
            .map(|k| format!(" [{}]", k.label()))
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
                textwrap::fill(&format!("Date: {}", d.describe()), width)
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

/// `sections: a, b, c` (the first ten, then how many more), sanitised.
fn section_list(b: &Briefing) -> String {
    const SHOWN: usize = 10;
    let mut ids: Vec<&str> = b
        .sections
        .iter()
        .take(SHOWN)
        .map(|s| s.id.as_str())
        .collect();
    let more = b.sections.len().saturating_sub(SHOWN);
    let more = format!("… and {more} more");
    if b.sections.len() > SHOWN {
        ids.push(&more);
    }
    format!("sections: {}", sanitize_line(&ids.join(", ")))
}

fn plain_header(b: &Briefing, width: usize) -> String {
    let mut s = String::new();
    if let Some(c) = &b.classification {
        s.push_str(&format!("[{}]\n", sanitize_line(c)));
    }
    let title = sanitize_line(&b.title);
    let title = textwrap::fill(&title, width);
    let rule = title.lines().map(display_width).max().unwrap_or(0);
    s.push_str(&format!("{title}\n{}\n", "#".repeat(rule)));
    let mut meta = vec![format!("id: {}", b.id)];
    if let Some(d) = b.date {
        meta.push(format!("date: {}", d.human()));
    }
    if let Some(l) = &b.language {
        meta.push(format!("language: {}", sanitize_line(l)));
    }
    s.push_str(&textwrap::fill(&meta.join(" · "), width));
    s.push('\n');
    if !b.tags.is_empty() {
        let tags = format!("tags: {}", sanitize_line(&b.tags.join(", ")));
        s.push_str(&textwrap::fill(&tags, width));
        s.push('\n');
    }
    for src in &b.sources {
        let mut line = format!("source: {}", sanitize_line(&src.name));
        if let Some(u) = &src.url {
            line.push_str(&format!(" <{}>", sanitize_line(u)));
        }
        if let Some(a) = src.accessed {
            line.push_str(&format!(" (accessed {})", a.human()));
        }
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
