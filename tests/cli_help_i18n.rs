//! The help of the command line in the interface language: `--help`, `help COMMAND`
//! and `-h` with clap's headings, flags, defaults and values in French under a French
//! locale or config; the completions' descriptions too; every command, argument and
//! value with its message in every catalogue, and no id or English left in the pages.

use std::path::PathBuf;
use std::process::{Command, Output};

use brief::domain::i18n::{Lang, catalog};

/// French text with `_` standing for the narrow no-break space.
fn fr(text: &str) -> String {
    text.replace('_', "\u{202f}")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const FRENCH: &[(&str, &str)] = &[("LANG", "fr_FR.UTF-8")];
const ENGLISH: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// An empty config and a data dir in a temp dir.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("config.toml"), "").expect("config");
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `brief ARGS` under exactly the locale variables given.
    fn command(&self, locale: &[(&str, &str)], args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
        command
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("BRIEF_CONFIG", self.path("config.toml"))
            .env("BRIEF_DATA_DIR", self.path("data"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("COMPLETE");
        for (name, value) in locale {
            command.env(name, value);
        }
        command
    }

    fn run(&self, locale: &[(&str, &str)], args: &[&str]) -> Output {
        self.command(locale, args).output().expect("run brief")
    }
}

#[test]
fn the_help_is_in_the_interface_language() {
    let env = Env::new();
    let help = text(&env.run(FRENCH, &["--help"]).stdout);
    for words in [
        "Un lecteur en terminal pour briefings d’analyse structurés.",
        &fr("Utilisation_: brief [OPTIONS] [PATH]... [COMMAND]"),
        &fr("Commandes_:"),
        &fr("Arguments_:"),
        &fr("Options_:"),
        "Afficher l’aide",
        "Afficher la version",
        "Afficher ce message ou l’aide des sous-commandes données",
    ] {
        assert!(help.contains(words), "{words:?} missing from:\n{help}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help", "reader"] {
        assert!(!help.contains(english), "{english:?} in:\n{help}");
    }
    let check = text(&env.run(FRENCH, &["check", "-h"]).stdout);
    assert!(
        check.contains(&fr(
            "Format de sortie [par défaut_: text] [valeurs possibles_: text, json]"
        )),
        "{check}"
    );
    let check = text(&env.run(FRENCH, &["check", "--help"]).stdout);
    assert!(check.contains(&fr("Valeurs possibles_:")), "{check}");
    assert!(check.contains("- json: Pour les programmes"), "{check}");
    // `brief help COMMAND` too.
    let via_help = text(&env.run(FRENCH, &["help", "check"]).stdout);
    assert_eq!(via_help, check);
    // English under an English locale, as clap writes it.
    let help = text(&env.run(ENGLISH, &["--help"]).stdout);
    assert!(
        help.contains("Usage: brief [OPTIONS] [PATH]... [COMMAND]"),
        "{help}"
    );
    assert!(
        help.contains("Print help (see a summary with '-h')"),
        "{help}"
    );
    let check = text(&env.run(ENGLISH, &["check", "-h"]).stdout);
    assert!(
        check.contains("Output format [default: text] [possible values: text, json]"),
        "{check}"
    );
    // The config named on the command line decides, before the arguments are parsed.
    std::fs::write(env.path("fr.toml"), "language = \"fr\"\n").expect("write");
    let config = env.path("fr.toml");
    let help = text(
        &env.run(
            ENGLISH,
            &[
                "--config",
                config.to_str().unwrap_or_default(),
                "list",
                "--help",
            ],
        )
        .stdout,
    );
    assert!(help.contains("Lister les briefings"), "{help}");
    // A value is still checked against the values the command takes.
    let bad = env.run(FRENCH, &["check", "--format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn completions_describe_values_in_the_interface_language() {
    let env = Env::new();
    let out = env
        .command(FRENCH, &["--", "brief", "check", "--format", ""])
        .env("COMPLETE", "fish")
        .output()
        .expect("run brief");
    let candidates = text(&out.stdout);
    assert!(
        candidates.contains("text\tPour les personnes"),
        "{candidates}"
    );
}

#[test]
fn every_command_argument_and_value_has_its_help_in_every_catalogue() {
    let ids = brief::cli::help_message_ids();
    assert!(ids.required.len() > 60, "{}", ids.required.len());
    let mut report = Vec::new();
    for lang in Lang::ALL {
        for id in &ids.required {
            if !catalog().has(lang, id) {
                report.push(format!("{}: missing `{id}`", lang.catalogue_file()));
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
    // And the help as shown has no id left in it, nor clap's English in French.
    for lang in Lang::ALL {
        let mut command = brief::cli::localized_command(lang);
        let mut pages = vec![command.render_long_help().to_string()];
        for sub in command.get_subcommands_mut() {
            pages.push(sub.render_long_help().to_string());
            pages.push(sub.render_help().to_string());
        }
        for page in pages {
            for family in [
                "cli-about-",
                "cli-arg-",
                "cli-long-",
                "cli-value-",
                "cli-help-",
            ] {
                assert!(!page.contains(family), "{lang}: an id in\n{page}");
            }
            if lang == Lang::Fr {
                for english in ["Usage:", "Options:", "Print help", "[default:", "values:"] {
                    assert!(!page.contains(english), "{english:?} in\n{page}");
                }
            }
        }
    }
}
