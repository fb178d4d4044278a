//! The command line's help in the interface language: the command clap derives from
//! [`super::Args`], with every description, value, default and heading taken from the
//! catalogue. The ids follow the command line (`cli-about-check`,
//! `cli-arg-check-format`, `cli-value-format-json`: see [`help_message_ids`]), so a new
//! command or option without its message fails a test instead of showing English.
//! What clap writes itself on a mistake (`error: unexpected argument…`) stays English:
//! clap has no hook for those words. Uses the domain only.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{
    EnumValueParser, PossibleValue, Resettable, StyledStr, TypedValueParser, ValueParser,
};
use clap::{Arg, Command, FromArgMatches, ValueEnum};

use super::complete::{Shell, option_values};
use super::{Args, Format};
use crate::config::Config;
use crate::domain::export::ExportFormat;
use crate::domain::i18n::{Lang, catalog, t};
use crate::tr;

/// The command line with its help in `lang`: built (clap's `--help`, `--version` and
/// `help` are there, in `lang` too), ready to parse, complete or print.
pub fn localized_command(lang: Lang) -> Command {
    let mut cmd = localize(super::command(), "brief", lang);
    cmd.build();
    localize_built(cmd, lang)
}

/// Parses the process's arguments; on `--help`, `--version` or a mistake, prints what
/// clap says from [`localized_command`] in the language of [`help_language`] and exits
/// as clap does. An ordinary run pays for neither: the command as derived parses it
/// (the localised one differs only in its words).
pub fn parse_args() -> Args {
    use clap::Parser;
    match Args::try_parse() {
        Ok(args) => args,
        Err(_) => {
            let matches = localized_command(help_language()).get_matches();
            Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
        }
    }
}

/// The language of the help, known before the arguments are parsed: the `language` of
/// the config the command line names (`--config FILE`, else as usual), else the
/// locale's. A config that does not load is left for the command to report.
pub fn help_language() -> Lang {
    let words: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let explicit = option_values(&words, "config")
        .pop()
        .map(std::path::PathBuf::from);
    Config::discover(explicit.as_deref())
        .unwrap_or_default()
        .language()
}

/// The message ids the help asks for: `required` for every command, argument and
/// value of the command line (each must be in every catalogue), and `optional` for
/// the paragraphs `--help` adds where a catalogue has them (`cli-long-*`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HelpIds {
    /// Ids every catalogue must have.
    pub required: Vec<String>,
    /// Ids the help uses when they exist.
    pub optional: Vec<String>,
}

/// Every id the help of the command line can ask for (see [`HelpIds`]).
pub fn help_message_ids() -> HelpIds {
    let mut ids = HelpIds::default();
    for id in [
        "cli-help-usage",
        "cli-help-commands",
        "cli-help-arguments",
        "cli-help-options",
        "cli-help-flag",
        "cli-help-flag-more",
        "cli-help-flag-summary",
        "cli-version-flag",
        "cli-help-default",
        "cli-help-values",
        "cli-help-values-heading",
        "cli-about-help",
    ] {
        ids.required.push(id.to_owned());
    }
    collect_ids(&super::command(), "brief", &mut ids);
    ids
}

fn collect_ids(cmd: &Command, key: &str, ids: &mut HelpIds) {
    ids.required.push(format!("cli-about-{key}"));
    ids.optional.push(format!("cli-long-{key}"));
    for arg in cmd.get_arguments() {
        let arg_key = arg_key(arg);
        ids.required.push(format!("cli-arg-{key}-{arg_key}"));
        ids.optional.push(format!("cli-long-arg-{key}-{arg_key}"));
        if let Some((type_key, values)) = described_values(arg, Lang::En) {
            for value in values {
                ids.required
                    .push(format!("cli-value-{type_key}-{}", value.get_name()));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        collect_ids(sub, sub.get_name(), ids);
    }
}

/// An argument's part of its message ids: its clap id in kebab case (`no-notes`).
fn arg_key(arg: &Arg) -> String {
    arg.get_id().as_str().replace('_', "-")
}

/// A sentence as clap shows it on one line: without its final full stop.
fn one_line(text: &str) -> String {
    text.strip_suffix('.').unwrap_or(text).to_owned()
}

/// A heading as clap wants it: clap writes the colon itself (`Options:`), the
/// catalogue writes it too (`Options :` in French, with its space).
fn heading(lang: Lang, id: &str) -> String {
    let text = t(lang, id);
    text.strip_suffix(':').unwrap_or(&text).to_owned()
}

/// A message that may not exist (`cli-long-*`): `None` when the catalogue lacks it.
fn optional(lang: Lang, id: &str) -> Option<String> {
    catalog().has(lang, id).then(|| t(lang, id))
}

/// Sets the texts of one command (not yet built) and of its subcommands.
fn localize(mut cmd: Command, key: &str, lang: Lang) -> Command {
    let about = t(lang, &format!("cli-about-{key}"));
    let long = optional(lang, &format!("cli-long-{key}")).map(|long| format!("{about}\n\n{long}"));
    let template = template(&cmd, lang);
    cmd = cmd
        .about(one_line(&about))
        .long_about(resettable(long))
        .help_template(template)
        .subcommand_help_heading(heading(lang, "cli-help-commands"));
    let arguments = heading(lang, "cli-help-arguments");
    let options = heading(lang, "cli-help-options");
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in &ids {
        let place = if *positional { &arguments } else { &options };
        cmd = cmd.mut_arg(id, |arg| {
            localize_arg(arg, key, lang).help_heading(place.clone())
        });
    }
    // `mut_arg` moves an argument to the end: the options go after the positional
    // arguments, so "Arguments" comes before "Options" as clap would list them.
    for (id, _) in ids.iter().filter(|(_, positional)| !positional) {
        cmd = cmd.mut_arg(id, |arg| arg);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, &name, lang));
    }
    cmd
}

/// clap's default template, with its `Usage:` heading in `lang` (and clap's style).
fn template(cmd: &Command, lang: Lang) -> StyledStr {
    let style = cmd.get_styles().get_usage();
    let usage = t(lang, "cli-help-usage");
    StyledStr::from(format!(
        "{{before-help}}{{about-with-newline}}\n{}{usage}{} {{usage}}\n\n{{all-args}}{{after-help}}",
        style.render(),
        style.render_reset()
    ))
}

/// One argument's help, its values and its default, in `lang`. clap's own
/// `[default: …]` and `[possible values: …]` are hidden and written here instead.
fn localize_arg(mut arg: Arg, key: &str, lang: Lang) -> Arg {
    let arg_key = arg_key(&arg);
    let help = t(lang, &format!("cli-arg-{key}-{arg_key}"));
    let mut short = one_line(&help);
    let mut long = optional(lang, &format!("cli-long-arg-{key}-{arg_key}"))
        .map(|long| format!("{help}\n\n{long}"));
    // As clap orders them: `[default: …] [possible values: …]` after the one line;
    // the values one a line, then the default, after the paragraphs.
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let default = (!defaults.is_empty() && arg.get_action().takes_values())
        .then(|| tr!(lang, "cli-help-default", value = defaults.join(", ")));
    if let Some(default) = &default {
        short = format!("{short} {default}");
        arg = arg.hide_default_value(true);
    }
    if let Some((type_key, values)) = described_values(&arg, lang) {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        let names = names.join(", ");
        short = format!("{short} {}", tr!(lang, "cli-help-values", values = names));
        let width = values.iter().map(|v| v.get_name().len()).max().unwrap_or(0);
        let heading = t(lang, "cli-help-values-heading");
        let mut list = format!("{}\n\n{heading}", long.unwrap_or_else(|| help.clone()));
        for value in &values {
            let words = value.get_help().map(|h| h.to_string()).unwrap_or_default();
            let name = format!("{}:", value.get_name());
            list.push_str(&format!("\n  - {name:<w$} {words}", w = width + 1));
        }
        long = Some(list);
        arg = arg
            .value_parser(value_parser_for(type_key, lang))
            .hide_possible_values(true);
    }
    if let Some(default) = &default {
        long = long.map(|l| format!("{l}\n\n{default}"));
    }
    arg.help(short).long_help(resettable(long))
}

/// A text clap may have from the doc comments, replaced, or removed when `None`.
fn resettable(text: Option<String>) -> Resettable<StyledStr> {
    text.map_or(Resettable::Reset, |t| Resettable::Value(t.into()))
}

/// The values an argument takes, described in `lang`, with the key of their type in
/// the message ids (`format`, `export-format`, `shell`); `None` for a free value.
fn described_values(arg: &Arg, lang: Lang) -> Option<(&'static str, Vec<PossibleValue>)> {
    let parser = arg.get_value_parser();
    let same = |other: ValueParser| parser.type_id() == other.type_id();
    let key = if same(EnumValueParser::<Format>::new().into()) {
        "format"
    } else if same(EnumValueParser::<ExportFormat>::new().into()) {
        "export-format"
    } else if same(EnumValueParser::<Shell>::new().into()) {
        "shell"
    } else {
        return None;
    };
    let values = match key {
        "format" => values::<Format>(key, lang),
        "export-format" => values::<ExportFormat>(key, lang),
        _ => values::<Shell>(key, lang),
    };
    Some((key, values))
}

fn value_parser_for(key: &'static str, lang: Lang) -> ValueParser {
    match key {
        "format" => ValueParser::new(Described::<Format>::new(key, lang)),
        "export-format" => ValueParser::new(Described::<ExportFormat>::new(key, lang)),
        _ => ValueParser::new(Described::<Shell>::new(key, lang)),
    }
}

/// The values of `E`, each with its description in `lang` (`cli-value-<key>-<value>`).
fn values<E: ValueEnum>(key: &str, lang: Lang) -> Vec<PossibleValue> {
    E::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .map(|v| {
            let words = one_line(&t(lang, &format!("cli-value-{key}-{}", v.get_name())));
            v.help(words)
        })
        .collect()
}

/// clap's parser of the values of `E`, with their descriptions in a language (for the
/// help and for the shell's completions).
#[derive(Clone)]
struct Described<E> {
    key: &'static str,
    lang: Lang,
    values: PhantomData<fn() -> E>,
}

impl<E> Described<E> {
    fn new(key: &'static str, lang: Lang) -> Self {
        Described {
            key,
            lang,
            values: PhantomData,
        }
    }
}

impl<E: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for Described<E> {
    type Value = E;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<E, clap::Error> {
        EnumValueParser::<E>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(values::<E>(self.key, self.lang).into_iter()))
    }
}

/// What clap adds when it builds a command: `--help`, `--version` and the `help`
/// command, in `lang`, under the headings of the rest.
fn localize_built(mut cmd: Command, lang: Lang) -> Command {
    let options = heading(lang, "cli-help-options");
    let has = |cmd: &Command, id: &str| cmd.get_arguments().any(|a| a.get_id() == id);
    if has(&cmd, "help") {
        cmd = cmd.mut_arg("help", |arg| {
            let arg = if arg.get_long_help().is_some() {
                arg.help(one_line(&t(lang, "cli-help-flag-more")))
                    .long_help(one_line(&t(lang, "cli-help-flag-summary")))
            } else {
                arg.help(one_line(&t(lang, "cli-help-flag")))
            };
            arg.help_heading(options.clone())
        });
    }
    if has(&cmd, "version") {
        cmd = cmd.mut_arg("version", |arg| {
            arg.help(one_line(&t(lang, "cli-version-flag")))
                .help_heading(options.clone())
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = if name == "help" {
            cmd.mut_subcommand(&name, |help| localize_help_command(help, lang))
        } else {
            cmd.mut_subcommand(&name, |sub| localize_built(sub, lang))
        };
    }
    cmd
}

/// clap's `help` command: its description, and the copies of the other commands it
/// holds for completion (their descriptions are already in `lang`).
fn localize_help_command(help: Command, lang: Lang) -> Command {
    let about = one_line(&t(lang, "cli-about-help"));
    let template = template(&help, lang);
    let mut help = help
        .about(about)
        .help_template(template)
        .subcommand_help_heading(heading(lang, "cli-help-commands"));
    if help.find_subcommand("help").is_some() {
        help = help.mut_subcommand("help", |inner| {
            inner.about(one_line(&t(lang, "cli-about-help")))
        });
    }
    help
}
