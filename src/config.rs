//! Configuration: `config.example.toml` is both the documentation and the defaults.
//! Looked up at `--config FILE`, then `$BRIEF_CONFIG`, then the platform config dir.
//! Must not depend on terminal crates (the key table is checked by the TUI keymap).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::diag::{Diagnostic, LineIndex};
use crate::domain::i18n::{Lang, locale_language};
use crate::domain::load::{LoadOptions, io_words, read_bounded};
use crate::domain::tradecraft::estimative::{Lexicon, Lexicons};
use crate::keys::{KeyTables, Keymap, parse_key_tables_in};
use crate::tr;

/// The example configuration, compiled in: every key with its default value.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

/// Environment variable naming a config file.
pub const ENV_CONFIG: &str = "BRIEF_CONFIG";
/// Environment variable naming the data dir.
pub const ENV_DATA_DIR: &str = "BRIEF_DATA_DIR";
/// Environment variable naming the cache dir (the catalogue and search index).
pub const ENV_CACHE_DIR: &str = "BRIEF_CACHE_DIR";

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colour at all: bold, underline and reverse only.
    Mono,
}

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where briefings are read from when no path is given.
    pub briefings_dir: Option<PathBuf>,
    /// Where notes, bookmarks and reading positions are kept.
    pub data_dir: Option<PathBuf>,
    /// Where the catalogue and search index of each library folder are cached.
    pub cache_dir: Option<PathBuf>,
    /// Where `e`/`E` write exports.
    pub export_dir: PathBuf,
    /// The format `e`/`E` write: `markdown`, `json` or `html`.
    pub export_format: crate::domain::export::ExportFormat,
    /// `dark`, `light` or `mono`.
    pub theme: ThemeName,
    /// Whether the mouse is captured (click and wheel).
    pub mouse: bool,
    /// The widest the reading text may be, in columns.
    pub max_width: u16,
    /// The largest share of the screen the outline takes, in percent.
    pub outline_width: u16,
    /// Files larger than this are refused.
    pub max_file_bytes: u64,
    /// Show the first line of each note under its paragraph.
    pub show_notes: bool,
    /// The interface's language (`en`, `fr`); unset: the locale's.
    pub language: Option<crate::domain::i18n::Lang>,
    /// An organisation's own estimative scales: files laid out like the bundled
    /// `assets/estimative/*.toml`, each replacing the list of its `language`.
    pub estimative: Vec<PathBuf>,
    /// Key bindings: `[keys.<context>]` tables of `action = ["key", …]`, each
    /// replacing that action's default keys in that context (read apart from the rest,
    /// with the position of every entry; see [`crate::keys`]).
    #[serde(skip)]
    pub keys: KeyTables,
    /// The `[keys]` table as serde sees it: accepted here, read by `parse_key_tables`.
    #[serde(rename = "keys")]
    raw_keys: Option<toml::Table>,
    /// The file this was read from, for messages.
    #[serde(skip)]
    pub origin: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            briefings_dir: None,
            data_dir: None,
            cache_dir: None,
            export_dir: PathBuf::from("."),
            export_format: crate::domain::export::ExportFormat::Markdown,
            theme: ThemeName::Dark,
            mouse: true,
            max_width: 88,
            outline_width: 40,
            max_file_bytes: crate::domain::load::DEFAULT_MAX_FILE_BYTES,
            show_notes: false,
            language: None,
            estimative: Vec::new(),
            keys: KeyTables::default(),
            raw_keys: None,
            origin: None,
        }
    }
}

impl Config {
    /// Parses a config file's text; `name` is used in messages.
    pub fn parse(text: &str, name: &Path) -> Result<Config, Diagnostic> {
        let index = LineIndex::new(text.as_bytes());
        let mut config: Config = toml::from_str(text).map_err(|e| {
            // The config's own `language` is not known: the locale's words.
            let lang = locale_language(|v| std::env::var(v).ok());
            Diagnostic::error(
                name.display().to_string(),
                e.span().map(|s| index.pos(s.start)),
                tr!(lang, "config-invalid", message = e.message().trim()),
            )
        })?;
        config.raw_keys = None;
        let lang = config.language();
        let file = name.display().to_string();
        config.keys =
            parse_key_tables_in(text, &file, lang).map_err(|mut problems| problems.remove(0))?;
        if config.max_width < 20 {
            return Err(Diagnostic::error(
                name.display().to_string(),
                None,
                tr!(lang, "config-max-width"),
            ));
        }
        if !(10..=60).contains(&config.outline_width) {
            return Err(Diagnostic::error(
                name.display().to_string(),
                None,
                tr!(lang, "config-outline-width"),
            ));
        }
        let base = name.parent().map(Path::to_path_buf).unwrap_or_default();
        config.briefings_dir = config.briefings_dir.map(|p| resolve(&base, &p));
        config.data_dir = config.data_dir.map(|p| resolve(&base, &p));
        config.cache_dir = config.cache_dir.map(|p| resolve(&base, &p));
        config.estimative = config
            .estimative
            .iter()
            .map(|p| resolve(&base, p))
            .collect();
        if config.export_dir != Path::new(".") {
            config.export_dir = resolve(&base, &config.export_dir);
        }
        config.origin = Some(name.to_path_buf());
        Ok(config)
    }

    /// Finds and loads the config: `explicit` (from `--config`), else `$BRIEF_CONFIG`,
    /// else the platform file. A missing platform file means defaults; a file named
    /// explicitly must exist.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, Diagnostic> {
        let env = std::env::var_os(ENV_CONFIG)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let (path, must_exist) = match (explicit, env) {
            (Some(p), _) => (Some(p.to_path_buf()), true),
            (None, Some(p)) => (Some(p), true),
            (None, None) => (platform_config_file(), false),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        if !must_exist && !path.exists() {
            return Ok(Config::default());
        }
        let bytes = read_bounded(&path, 1024 * 1024)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let index = LineIndex::new(e.as_bytes());
            Diagnostic::error(
                path.display().to_string(),
                Some(index.pos(e.utf8_error().valid_up_to())),
                tr!(
                    locale_language(|v| std::env::var(v).ok()),
                    "config-not-utf8"
                ),
            )
        })?;
        Config::parse(&text, &path)
    }

    /// The data dir: config `data_dir`, then `$BRIEF_DATA_DIR`, else the platform's.
    pub fn data_dir(&self) -> Result<PathBuf, Diagnostic> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        if let Some(dir) = std::env::var_os(ENV_DATA_DIR).filter(|v| !v.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "brief")
            .map(|d| d.data_dir().to_path_buf())
            .ok_or_else(|| {
                Diagnostic::error(
                    "config",
                    None,
                    tr!(self.language(), "config-no-home", variable = ENV_DATA_DIR),
                )
            })
    }

    /// The keymap: the defaults patched by this config's key tables, its keys named
    /// in the interface's language. Every key bound to two actions of one context is
    /// reported, each at its line and column.
    pub fn keymap(&self) -> Result<Keymap, Vec<Diagnostic>> {
        Keymap::build_in(&self.keys, self.language())
    }

    /// The interface's language: `language` when set, else the locale's (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`), else English.
    pub fn language(&self) -> Lang {
        crate::domain::i18n::interface_language(self.language, |var| std::env::var(var).ok())
    }

    /// The estimative terms: the bundled lists, each replaced by the config's file of
    /// its language (`estimative`); the problems of those files, each at its file, line
    /// and column, when one cannot be read or is not a valid list.
    pub fn lexicons(&self) -> Result<Lexicons, Vec<Diagnostic>> {
        let mut lexicons = Lexicons::bundled();
        let mut problems = Vec::new();
        for path in &self.estimative {
            let name = path.display().to_string();
            match std::fs::read_to_string(path) {
                Ok(text) => match Lexicon::parse(&text, &name) {
                    Ok(lexicon) => lexicons.replace(lexicon),
                    Err(found) => problems.extend(found),
                },
                Err(e) => problems.push(Diagnostic::error(
                    name,
                    None,
                    format!("cannot read this estimative scale: {e}"),
                )),
            }
        }
        if problems.is_empty() {
            Ok(lexicons)
        } else {
            Err(problems)
        }
    }

    /// The cache dir: config `cache_dir`, then `$BRIEF_CACHE_DIR`, else the platform's
    /// (`~/.cache/brief` on Linux).
    pub fn cache_dir(&self) -> Result<PathBuf, Diagnostic> {
        if let Some(dir) = &self.cache_dir {
            return Ok(dir.clone());
        }
        if let Some(dir) = std::env::var_os(ENV_CACHE_DIR).filter(|v| !v.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "brief")
            .map(|d| d.cache_dir().to_path_buf())
            .ok_or_else(|| {
                Diagnostic::error(
                    "config",
                    None,
                    format!(
                        "no home folder to keep the index in: set `cache_dir` or ${ENV_CACHE_DIR}"
                    ),
                )
            })
    }

    /// The limits for loading briefings.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            max_file_bytes: self.max_file_bytes,
        }
    }
}

/// The platform config file (`~/.config/brief/config.toml` on Linux).
pub fn platform_config_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|d| d.config_dir().join("config.toml"))
}

/// Expands a leading `~/` and makes relative paths relative to the config's folder.
fn resolve(base: &Path, path: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    if path.is_relative() {
        base.join(path)
    } else {
        path.to_path_buf()
    }
}

/// Describes an I/O failure on a path in plain words.
pub fn io_problem(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path.display().to_string(),
        None,
        format!("{what}: {}", io_words(e)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_the_default() {
        let parsed = Config::parse(EXAMPLE, Path::new("config.example.toml"));
        let mut parsed = match parsed {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        parsed.origin = None;
        // The example's key tables are the defaults themselves: applied to the
        // defaults, they change nothing.
        assert!(!parsed.keys.bindings.is_empty());
        assert_eq!(parsed.keymap(), Ok(Keymap::defaults()));
        parsed.keys = KeyTables::default();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn unknown_keys_are_located() {
        let e = Config::parse("theme = \"dark\"\nmaxwidth = 80\n", Path::new("c.toml"));
        let e = e.err().map(|d| d.to_string()).unwrap_or_default();
        assert!(
            e.starts_with("c.toml:2:1: error: invalid config: unknown field `maxwidth`"),
            "{e}"
        );
    }

    #[test]
    fn the_language_is_en_or_fr() {
        use crate::domain::i18n::Lang;
        let c = Config::parse("language = \"fr\"\n", Path::new("c.toml"));
        assert_eq!(c.ok().and_then(|c| c.language), Some(Lang::Fr));
        let e = Config::parse("language = \"de\"\n", Path::new("c.toml"));
        let e = e.err().map(|d| d.to_string()).unwrap_or_default();
        assert!(e.starts_with("c.toml:1:12: error: invalid config:"), "{e}");
    }

    #[test]
    fn mistyped_values_are_located() {
        let e = Config::parse("mouse = \"yes\"\n", Path::new("c.toml"));
        let e = e.err().map(|d| d.to_string()).unwrap_or_default();
        assert!(e.starts_with("c.toml:1:9: error: invalid config:"), "{e}");
    }
}
