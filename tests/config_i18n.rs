//! Problems in the config file are worded in the interface language, keeping the
//! `file:line:col: error: message` form scripts read: the config's own `language` when
//! it could be read, else the locale's (the config failed before saying it).

use std::path::Path;
use std::process::{Command, Output};

fn brief_with_config(config: &str, locale: &str) -> (Output, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, config).expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["list", "briefings"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_CONFIG", &path)
        .env("BRIEF_DATA_DIR", dir.path().join("data"))
        .env("BRIEF_CACHE_DIR", dir.path().join("cache"))
        .env("LC_ALL", locale)
        .output()
        .expect("run brief");
    let shown = Path::new(&path).display().to_string();
    let err = String::from_utf8_lossy(&out.stderr).replace(&shown, "config.toml");
    (out, err)
}

#[test]
fn a_bad_key_is_told_in_the_config_s_language_at_its_place() {
    let config = "language = \"fr\"\n[keys.reader]\nnext = [\"Ctrl-Nope\"]\n";
    let (out, err) = brief_with_config(config, "C.UTF-8");
    assert_ne!(out.status.code(), Some(0));
    assert!(
        err.contains("config.toml:3:9: error: `Ctrl-Nope` n’est pas une touche\u{202f}:"),
        "{err}"
    );
    let (_, err) = brief_with_config(&config.replace("\"fr\"", "\"en\""), "fr_FR.UTF-8");
    assert!(
        err.contains("config.toml:3:9: error: `Ctrl-Nope` is not a key: "),
        "{err}"
    );
    let (_, err) = brief_with_config("language = \"fr\"\nmax_width = 5\n", "C.UTF-8");
    assert!(
        err.contains("error: `max_width` doit valoir au moins 20 colonnes"),
        "{err}"
    );
}

#[test]
fn a_config_that_does_not_parse_is_told_in_the_locale_s_language() {
    let (out, err) = brief_with_config("language = \"fr\"\nmaxwidth = 80\n", "fr_FR.UTF-8");
    assert_ne!(out.status.code(), Some(0));
    assert!(
        err.contains("config.toml:2:1: error: configuration invalide\u{202f}: unknown field"),
        "{err}"
    );
    let (_, err) = brief_with_config("language = \"fr\"\nmaxwidth = 80\n", "C.UTF-8");
    assert!(
        err.contains("config.toml:2:1: error: invalid config: unknown field"),
        "{err}"
    );
}
