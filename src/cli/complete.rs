//! What is generated from the command-line definition: shell completions and the man
//! page. Completions are dynamic (clap_complete's `CompleteEnv`): the shell code asks
//! brief for candidates as the user types, so briefing ids and section ids come from
//! the user's library and store, not from a list frozen when the script was made. Uses
//! the domain only.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, ValueEnum};
use clap_complete::engine::{CompletionCandidate, PathCompleter, ValueCompleter};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use super::{Args, load_library};
use crate::config::Config;
use crate::domain::briefing::Briefing;
use crate::domain::i18n::{Lang, t};
use crate::domain::library::Library;
use crate::domain::text::sanitize_line;
use crate::tr;

/// The environment variable that turns a run of brief into a completion request.
const VAR: &str = "COMPLETE";

/// The shells brief writes completion code for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// GNU Bash (4.4 or later for the best results).
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// Elvish.
    Elvish,
    /// PowerShell.
    Powershell,
}

/// The command line as clap derives it from [`Args`] (its doc comments, in English):
/// the shape of the command line. What brief parses, completes and prints is
/// [`super::localized_command`], the same with its words from the catalogue.
pub fn command() -> clap::Command {
    Args::command()
}

/// Answers a completion request from the shell code of `brief completions` (the
/// `COMPLETE` environment variable is set) and exits; on an ordinary run, does
/// nothing. Call it first thing in `main`, before anything is written to stdout.
/// Descriptions of commands, options and values are in the interface language (see
/// [`super::help_language`]), found only when completing.
pub fn complete_from_env() {
    clap_complete::CompleteEnv::with_factory(|| {
        super::help::localized_command(super::help::help_language())
    })
    .var(VAR)
    .complete();
}

/// How the shell should call brief back: the program as it was run, made absolute when
/// it was named by a relative path (`./target/release/brief`), else its name (found on
/// `PATH`).
fn completer_program() -> String {
    let arg0 = std::env::args_os()
        .next()
        .unwrap_or_else(|| OsString::from("brief"));
    let path = PathBuf::from(&arg0);
    let path = if path.components().count() > 1 && path.is_relative() {
        std::env::current_dir().map_or(path.clone(), |d| d.join(&path))
    } else {
        path
    };
    path.to_string_lossy().into_owned()
}

/// `brief completions SHELL`: the shell code that registers brief's dynamic completion.
pub(super) fn registration(shell: Shell, out: &mut impl Write) -> std::io::Result<ExitCode> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Elvish => &Elvish,
        Shell::Powershell => &Powershell,
    };
    let mut buf = Vec::new();
    completer.write_registration(VAR, "brief", "brief", &completer_program(), &mut buf)?;
    out.write_all(&buf)?;
    Ok(ExitCode::SUCCESS)
}

/// `brief man [DIR]`: the manual page on stdout, or, given a folder, one page per
/// command written into it (`brief.1`, `brief-export.1`…), the descriptions in `lang`
/// (the section titles are clap_mangen's, in English).
pub(super) fn man_page(
    dir: Option<&Path>,
    lang: Lang,
    out: &mut impl Write,
) -> std::io::Result<ExitCode> {
    let command = super::help::localized_command(lang);
    match dir {
        None => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(command).render(&mut buf)?;
            out.write_all(&buf)?;
        }
        Some(dir) => {
            clap_mangen::generate_to(command, dir)?;
            let folder = dir.display().to_string();
            eprintln!("{}", tr!(lang, "cli-man-wrote", folder = folder));
        }
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------

/// The words of the command line being completed: what the shell passed after `--`.
fn words() -> Vec<String> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match args.iter().position(|a| a == "--") {
        Some(at) => args[at + 1..].to_vec(),
        None => Vec::new(),
    }
}

/// The values given to `--name` in `words` (`--name V` or `--name=V`).
pub(super) fn option_values(words: &[String], name: &str) -> Vec<String> {
    let flag = format!("--{name}");
    let prefix = format!("--{name}=");
    let mut values = Vec::new();
    let mut it = words.iter();
    while let Some(w) = it.next() {
        if *w == flag {
            if let Some(v) = it.next() {
                values.push(v.clone());
            }
        } else if let Some(v) = w.strip_prefix(&prefix) {
            values.push(v.to_owned());
        }
    }
    values
}

/// The config and library the command being completed would use (its `--config` and
/// `--from`), or defaults; quietly, as a shell is waiting.
fn context(words: &[String]) -> (Config, Library) {
    let explicit = option_values(words, "config").pop().map(PathBuf::from);
    let config = Config::discover(explicit.as_deref()).unwrap_or_default();
    let from: Vec<PathBuf> = option_values(words, "from")
        .into_iter()
        .map(PathBuf::from)
        .collect();
    let library = load_library(&from, &config);
    (config, library)
}

/// A candidate with a one-line help text (a title), sanitised.
fn candidate(value: &str, help: &str) -> CompletionCandidate {
    CompletionCandidate::new(value).help(Some(sanitize_line(help).into_owned().into()))
}

/// Briefing ids starting with `current`: the library's (with their titles), then those
/// only the store knows (notes of briefings no longer in the library).
pub(super) fn briefing_id(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let words = words();
    let (config, library) = context(&words);
    let mut out: Vec<CompletionCandidate> = library
        .briefings
        .iter()
        .filter(|b| b.id.starts_with(current.as_ref()))
        .map(|b| candidate(&b.id, &b.title))
        .collect();
    if let Ok(store) = super::open_store(&config) {
        for id in store.briefings() {
            if id.starts_with(current.as_ref()) && library.get(&id).is_none() {
                let help = t(config.language(), "cli-complete-store-only");
                out.push(candidate(&id, &help));
            }
        }
    }
    out
}

/// For `show`: briefing ids, and files once the word looks like a path.
pub(super) fn briefing_or_file(current: &OsStr) -> Vec<CompletionCandidate> {
    let text = current.to_string_lossy();
    let mut out = Vec::new();
    if !text.contains(['/', '\\']) && !text.starts_with(['.', '~']) {
        out = briefing_id(current);
    }
    if out.is_empty() {
        out = PathCompleter::file().complete(current);
    }
    out
}

/// The briefing a `show` command line names, if any: the first word after `show` that
/// is neither an option nor an option's value.
fn shown_briefing(words: &[String]) -> Option<String> {
    let at = words.iter().position(|w| w == "show")?;
    let mut it = words[at + 1..].iter();
    while let Some(w) = it.next() {
        if matches!(w.as_str(), "--section" | "--width" | "--config") {
            it.next();
        } else if !w.starts_with('-') {
            return Some(w.clone());
        }
    }
    None
}

/// Section ids starting with `current`: of the briefing the command line names (by id
/// or file), else of every briefing in the library.
pub(super) fn section_id(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let words = words();
    let (config, library) = context(&words);
    let named: Option<std::sync::Arc<Briefing>> = shown_briefing(&words).and_then(|arg| {
        library.get(&arg).cloned().or_else(|| {
            let path = PathBuf::from(&arg);
            path.is_file()
                .then(|| Library::load(&[path], config.load_options()))
                .and_then(|l| l.briefings.first().cloned())
        })
    });
    let briefings: Vec<&std::sync::Arc<Briefing>> = match &named {
        Some(b) => vec![b],
        None => library.briefings.iter().collect(),
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for b in briefings {
        for s in &b.sections {
            if s.id.starts_with(current.as_ref()) && seen.insert(s.id.clone()) {
                out.push(candidate(&s.id, &s.title));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn the_briefing_of_a_show_command_is_found() {
        assert_eq!(
            shown_briefing(&words("brief show kim-fr --section ob")).as_deref(),
            Some("kim-fr")
        );
        assert_eq!(
            shown_briefing(&words(
                "brief --config c.toml show --width 60 kim-en --section"
            ))
            .as_deref(),
            Some("kim-en")
        );
        assert_eq!(shown_briefing(&words("brief show --section x")), None);
        assert_eq!(
            option_values(&words("brief export --from a --from=b x"), "from"),
            ["a", "b"]
        );
    }
}
