//! The command line in the interface's language: what `brief` prints for people is
//! French under a French locale (or `language = "fr"`, which wins over the locale),
//! English under any locale brief does not speak; JSON output is the same in every
//! language; what `brief show` prints as part of a briefing follows the briefing's own
//! language; counts are real plurals and numbers are grouped as each language writes
//! them. The help: tests/cli_help_i18n.rs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brief::domain::i18n::Lang;
use brief::tr;

const FR_BRIEFING: &str = "kim-putin-vladivostok-fr";
const EN_BRIEFING: &str = "kim-putin-vladivostok-en";

/// French text with `_` standing for the narrow no-break space French typography puts
/// before `:`, `;` and inside « ».
fn fr(text: &str) -> String {
    text.replace('_', "\u{202f}")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A config, a data dir and a cache dir of their own, in a temp dir.
struct Env {
    dir: tempfile::TempDir,
}

/// A French locale, as most French systems set it.
const FRENCH: &[(&str, &str)] = &[("LANG", "fr_FR.UTF-8")];
/// An English locale.
const ENGLISH: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

impl Env {
    fn new(config: &str) -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("config.toml"), config).expect("config");
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `brief ARGS` from the repository root under exactly the locale variables given
    /// (the developer's own are removed).
    fn run(&self, locale: &[(&str, &str)], args: &[&str]) -> Output {
        self.run_with_config("config.toml", locale, args)
    }

    /// The same, with the config file `name` of the env's folder.
    fn run_with_config(&self, name: &str, locale: &[(&str, &str)], args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
        command
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("BRIEF_CONFIG", self.path(name))
            .env("BRIEF_DATA_DIR", self.path("data"))
            .env("BRIEF_CACHE_DIR", self.path("cache"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("COMPLETE");
        for (name, value) in locale {
            command.env(name, value);
        }
        command.output().expect("run brief")
    }

    /// A note on the first paragraph of the French briefing, in this env's store.
    fn note_on_french(&self, body: &str) {
        use brief::domain::anchor::make_anchor;
        use brief::domain::placing::doc_text;
        use brief::domain::store::{AnnotationSet, LockMode, Store};
        let library = brief::domain::library::Library::bundled();
        let briefing = library.get(FR_BRIEFING).expect("bundled");
        let doc = doc_text(briefing);
        let store = Store::new(self.path("data"));
        let mut set = AnnotationSet::new(FR_BRIEFING);
        let anchor = make_anchor(
            FR_BRIEFING,
            &briefing.version,
            &doc,
            0,
            0,
            0..doc.sections[0].blocks[0].len(),
        );
        set.add_note(anchor, body);
        store.save(&mut set, LockMode::Wait).expect("save");
    }
}

/// The first line of `out`'s stdout.
fn header(out: &Output) -> String {
    text(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

// ---------------------------------------------------------------------------------
// Which language

#[test]
fn list_check_and_notes_speak_french_under_a_french_locale() {
    let env = Env::new("");
    let list = env.run(FRENCH, &["list", "briefings"]);
    assert_eq!(list.status.code(), Some(0), "{}", text(&list.stderr));
    let columns: Vec<String> = header(&list)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        columns,
        ["ID", "DATE", "LANGUE", "TITRE", "SECTIONS", "MOTS-CLÉS"]
    );
    let check = env.run(FRENCH, &["check", "briefings"]);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        text(&check.stderr),
        "2 briefings chargés, 0 erreur, 0 avertissement\n"
    );
    // A problem keeps its `file:line:col: error:` form, for tools.
    let broken = env.run(
        FRENCH,
        &["check", "tests/fixtures/invalid/malformed-id.toml"],
    );
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        header(&broken).starts_with("tests/fixtures/invalid/malformed-id.toml:2:6: error: "),
        "{}",
        header(&broken)
    );
    assert_eq!(
        text(&broken.stderr),
        "0 briefing chargé, 1 erreur, 0 avertissement\n"
    );
    let none = env.run(FRENCH, &["notes", "--from", "briefings"]);
    assert_eq!(none.status.code(), Some(0));
    assert_eq!(text(&none.stderr), "aucun signet ni aucune note\n");
    let unknown = env.run(FRENCH, &["notes", "nope", "--from", "briefings"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown.stderr).starts_with(&fr(
            "brief_: aucun briefing n’a l’identifiant `nope` (voir `brief list` et `brief notes`)"
        )),
        "{}",
        text(&unknown.stderr)
    );
    env.note_on_french("À recouper #à-vérifier");
    let notes = env.run(FRENCH, &["notes", "--from", "briefings"]);
    let line = header(&notes);
    assert!(
        line.starts_with(&format!(
            "{FR_BRIEFING}:context-and-preparation: [rattachée] À recouper #à-vérifier — «\u{202f}"
        )),
        "{line}"
    );
    assert!(line.ends_with("\u{202f}»"), "{line}");
}

#[test]
fn the_same_commands_speak_english_under_an_english_locale() {
    let env = Env::new("");
    let list = env.run(ENGLISH, &["list", "briefings"]);
    let columns: Vec<String> = header(&list)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_eq!(columns, ["ID", "DATE", "LANG", "TITLE", "SECTIONS", "TAGS"]);
    let check = env.run(ENGLISH, &["check", "briefings"]);
    assert_eq!(
        text(&check.stderr),
        "2 briefings loaded, 0 errors, 0 warnings\n"
    );
    let none = env.run(ENGLISH, &["notes", "--from", "briefings"]);
    assert_eq!(text(&none.stderr), "no bookmarks or notes\n");
    env.note_on_french("À recouper");
    let notes = env.run(ENGLISH, &["notes", "--from", "briefings"]);
    let line = header(&notes);
    assert!(
        line.starts_with(&format!(
            "{FR_BRIEFING}:context-and-preparation: [attached] À recouper — “"
        )),
        "{line}"
    );
}

#[test]
fn the_configured_language_wins_over_the_locale() {
    let french = Env::new("language = \"fr\"\n");
    for locale in [ENGLISH, &[("LC_ALL", "en_GB.UTF-8")][..], &[]] {
        let check = french.run(locale, &["check", "briefings"]);
        assert_eq!(
            text(&check.stderr),
            "2 briefings chargés, 0 erreur, 0 avertissement\n",
            "{locale:?}"
        );
    }
    let english = Env::new("language = \"en\"\n");
    let check = english.run(&[("LC_ALL", "fr_FR.UTF-8")], &["check", "briefings"]);
    assert_eq!(
        text(&check.stderr),
        "2 briefings loaded, 0 errors, 0 warnings\n"
    );
}

#[test]
fn an_unknown_locale_means_english_without_an_error() {
    let env = Env::new("");
    for locale in [
        &[("LANG", "de_DE.UTF-8")][..],
        &[("LC_ALL", "C")],
        &[("LC_MESSAGES", "tlh"), ("LANG", "fr_FR.UTF-8")],
        &[("LANG", "")],
        &[],
    ] {
        let check = env.run(locale, &["check", "briefings"]);
        assert_eq!(check.status.code(), Some(0), "{locale:?}");
        assert_eq!(
            text(&check.stderr),
            "2 briefings loaded, 0 errors, 0 warnings\n",
            "{locale:?}"
        );
    }
    // LC_ALL comes first, then LC_MESSAGES, then LANG.
    let check = env.run(
        &[("LC_ALL", "fr_CA.UTF-8"), ("LANG", "en_US.UTF-8")],
        &["check", "briefings"],
    );
    assert_eq!(
        text(&check.stderr),
        "2 briefings chargés, 0 erreur, 0 avertissement\n"
    );
}

// ---------------------------------------------------------------------------------
// What does not change

#[test]
fn json_output_is_the_same_in_every_language() {
    let env = Env::new("");
    env.note_on_french("Un zqxmarqueur #tag");
    std::fs::write(env.path("fr.toml"), "language = \"fr\"\n").expect("write");
    for args in [
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/invalid/malformed-id.toml",
        ][..],
        &["list", "--format", "json", "briefings"],
        &["search", "--format", "json", "zqxmarqueur", "briefings"],
        &["search", "--format", "json", "coopération", "briefings"],
        &["notes", "--format", "json", "--from", "briefings"],
    ] {
        let reference = env.run(ENGLISH, args);
        let json: serde_json::Value =
            serde_json::from_slice(&reference.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert!(
            json.as_array().is_some_and(|a| !a.is_empty()),
            "{args:?}: {json}"
        );
        for (config, locale) in [
            ("config.toml", FRENCH),
            ("fr.toml", ENGLISH),
            ("fr.toml", FRENCH),
        ] {
            let other = env.run_with_config(config, locale, args);
            assert_eq!(
                text(&other.stdout),
                text(&reference.stdout),
                "{args:?} under {locale:?}"
            );
            assert_eq!(other.status.code(), reference.status.code(), "{args:?}");
        }
    }
    let notes = env.run(
        FRENCH,
        &["notes", "--format", "json", "--from", "briefings"],
    );
    let items: serde_json::Value = serde_json::from_slice(&notes.stdout).expect("json");
    assert_eq!(items[0]["status"], "attached");
    assert_eq!(items[0]["type"], "note");
}

// ---------------------------------------------------------------------------------
// The briefing's own language

#[test]
fn show_draws_a_briefing_in_its_own_language() {
    let env = Env::new("");
    // The French briefing in an English interface: French labels.
    // Lines are wrapped at 80 columns: the checks read them as one.
    let shown = env.run(ENGLISH, &["show", FR_BRIEFING, "briefings"]);
    assert_eq!(shown.status.code(), Some(0), "{}", text(&shown.stderr));
    let page = text(&shown.stdout).replace('\n', " ");
    assert!(page.contains("[Coopération militaire]"), "{page}");
    assert!(
        page.contains(&fr("identifiant_: kim-putin-vladivostok-fr")),
        "{page}"
    );
    assert!(page.contains(&fr("date_: non précisée")), "{page}");
    assert!(page.contains("consultée le 24 nov. 2026"), "{page}");
    assert!(!page.contains("Military cooperation"), "{page}");
    // The English briefing in a French interface: English labels.
    let shown = env.run(FRENCH, &["show", EN_BRIEFING, "briefings"]);
    let page = text(&shown.stdout).replace('\n', " ");
    assert!(page.contains("[Military cooperation]"), "{page}");
    assert!(page.contains("id: kim-putin-vladivostok-en"), "{page}");
    assert!(page.contains("date: not stated"), "{page}");
    assert!(page.contains("(accessed 24 Nov 2026)"), "{page}");
    assert!(
        page.contains("Date: 10–13 Sep — Window mentioned for the meeting (reported)"),
        "{page}"
    );
    assert!(!page.contains("Coopération militaire"), "{page}");
    // The French briefing's structured dates, in French whatever the interface.
    let dates = env.run(
        ENGLISH,
        &["show", FR_BRIEFING, "--section", "calendar", "briefings"],
    );
    let known = env.run(ENGLISH, &["show", FR_BRIEFING, "briefings"]);
    let all = text(&known.stdout);
    assert!(
        all.contains(&fr(
            "Date_: 10–13 sept. — Fenêtre évoquée pour la rencontre (rapportée)"
        )),
        "{all}"
    );
    // What is not the briefing (an error about it) is in the interface's language.
    assert_eq!(dates.status.code(), Some(1));
    assert!(
        text(&dates.stderr).starts_with(&format!(
            "brief: no section in `{FR_BRIEFING}` with id `calendar`"
        )),
        "{}",
        text(&dates.stderr)
    );
    let missing = env.run(
        FRENCH,
        &["show", EN_BRIEFING, "--section", "nope", "briefings"],
    );
    assert!(
        text(&missing.stderr).starts_with(&fr(&format!(
            "brief_: aucune section de `{EN_BRIEFING}` n’a l’identifiant `nope` (sections_: "
        ))),
        "{}",
        text(&missing.stderr)
    );
}

// ---------------------------------------------------------------------------------
// Counts and numbers

/// The counts the command line prints, in both languages, at 0, 1, 2 and 1000.
#[test]
fn the_counts_the_cli_prints_are_real_plurals() {
    let check = |lang, n: usize| {
        tr!(
            lang,
            "cli-check-summary",
            briefings = n,
            errors = n,
            warnings = n
        )
    };
    let cases: [(usize, &str, &str); 4] = [
        (
            0,
            "0 briefings loaded, 0 errors, 0 warnings",
            "0 briefing chargé, 0 erreur, 0 avertissement",
        ),
        (
            1,
            "1 briefing loaded, 1 error, 1 warning",
            "1 briefing chargé, 1 erreur, 1 avertissement",
        ),
        (
            2,
            "2 briefings loaded, 2 errors, 2 warnings",
            "2 briefings chargés, 2 erreurs, 2 avertissements",
        ),
        (
            1000,
            "1,000 briefings loaded, 1,000 errors, 1,000 warnings",
            "1_000 briefings chargés, 1_000 erreurs, 1_000 avertissements",
        ),
    ];
    for (n, en, fr_) in cases {
        assert_eq!(check(Lang::En, n), en);
        assert_eq!(check(Lang::Fr, n), fr(fr_));
    }
    let index = |lang, n: usize| {
        tr!(
            lang,
            "cli-index-done",
            folder = "lib",
            files = n,
            read = n,
            added = n,
            updated = n,
            removed = n,
            notes = n,
            seconds = "0.1"
        )
    };
    assert_eq!(
        index(Lang::En, 1),
        "lib: 1 file, 1 read (1 new, 1 changed), 1 removed, notes of 1 briefing indexed, in 0.1 s"
    );
    assert_eq!(
        index(Lang::En, 2),
        "lib: 2 files, 2 read (2 new, 2 changed), 2 removed, notes of 2 briefings indexed, in 0.1 s"
    );
    assert_eq!(
        index(Lang::En, 0),
        "lib: 0 files, 0 read (0 new, 0 changed), 0 removed, notes of 0 briefings indexed, in 0.1 s"
    );
    assert_eq!(
        index(Lang::Fr, 0),
        fr(
            "lib_: 0 fichier, 0 lu (0 nouveau, 0 modifié), 0 supprimé, notes de 0 briefing indexées, en 0.1 s"
        )
    );
    assert_eq!(
        index(Lang::Fr, 1),
        fr(
            "lib_: 1 fichier, 1 lu (1 nouveau, 1 modifié), 1 supprimé, notes de 1 briefing indexées, en 0.1 s"
        )
    );
    assert_eq!(
        index(Lang::Fr, 1000),
        fr(
            "lib_: 1_000 fichiers, 1_000 lus (1_000 nouveaux, 1_000 modifiés), 1_000 supprimés, notes de 1_000 briefings indexées, en 0.1 s"
        )
    );
    for (n, en, fr_) in [
        (
            0,
            "0 files, 0 to read, 0 gone",
            "0 fichier, 0 à lire, 0 disparu",
        ),
        (
            1,
            "1 file, 1 to read, 1 gone",
            "1 fichier, 1 à lire, 1 disparu",
        ),
        (
            2,
            "2 files, 2 to read, 2 gone",
            "2 fichiers, 2 à lire, 2 disparus",
        ),
        (
            1000,
            "1,000 files, 1,000 to read, 1,000 gone",
            "1_000 fichiers, 1_000 à lire, 1_000 disparus",
        ),
    ] {
        let scanned = |lang| {
            tr!(
                lang,
                "cli-index-scanned",
                folder = "lib",
                files = n,
                read = n,
                removed = n
            )
        };
        assert_eq!(scanned(Lang::En), format!("lib: {en}"));
        assert_eq!(scanned(Lang::Fr), fr(&format!("lib_: {fr_}")));
    }
    for (n, en, fr_) in [
        (0, "0 files changed", "0 fichier modifié"),
        (1, "1 file changed", "1 fichier modifié"),
        (2, "2 files changed", "2 fichiers modifiés"),
        (1000, "1,000 files changed", "1_000 fichiers modifiés"),
    ] {
        let stale = |lang| tr!(lang, "cli-index-out-of-date", folder = "lib", count = n);
        assert!(stale(Lang::En).contains(&format!("({en} since")), "{n}");
        assert!(
            stale(Lang::Fr).contains(&fr(&format!("({fr_} depuis"))),
            "{n}"
        );
    }
    for (n, en, fr_) in [
        (0, "0, all `unconfirmed`", "0, marquée `unconfirmed`"),
        (1, "1, `unconfirmed`", "1, marquée `unconfirmed`"),
        (
            2,
            "2, all `unconfirmed`",
            "2, toutes marquées `unconfirmed`",
        ),
        (
            1000,
            "1,000, all `unconfirmed`",
            "1_000, toutes marquées `unconfirmed`",
        ),
    ] {
        assert_eq!(tr!(Lang::En, "cli-import-dates-count", count = n), en);
        assert_eq!(tr!(Lang::Fr, "cli-import-dates-count", count = n), fr(fr_));
    }
    for (n, en, fr_) in [
        (0, "0 briefings: 0 added", "0 briefing_: 0 ajoutée"),
        (1, "1 briefing: 1 added", "1 briefing_: 1 ajoutée"),
        (2, "2 briefings: 2 added", "2 briefings_: 2 ajoutées"),
        (
            1000,
            "1,000 briefings: 1,000 added",
            "1_000 briefings_: 1_000 ajoutées",
        ),
    ] {
        let summary = |lang| {
            let part = tr!(lang, "import-added", count = n);
            tr!(lang, "import-summary", briefings = n, parts = part)
        };
        assert_eq!(summary(Lang::En), en);
        assert_eq!(summary(Lang::Fr), fr(fr_));
    }
    assert_eq!(
        tr!(Lang::En, "import-conflicts", count = 1),
        "1 conflict copy"
    );
    assert_eq!(
        tr!(Lang::Fr, "import-conflicts", count = 2),
        "2 copies de conflit"
    );
    assert_eq!(
        tr!(Lang::Fr, "cli-hint-sections-more", count = 1000),
        fr("… et 1_000 de plus")
    );
}

#[test]
fn check_counts_briefings_and_errors_as_each_language_does() {
    let env = Env::new("");
    let one = env.run(
        FRENCH,
        &["check", "briefings/kim-putin-vladivostok.fr.toml"],
    );
    assert_eq!(
        text(&one.stderr),
        "1 briefing chargé, 0 erreur, 0 avertissement\n"
    );
    let one = env.run(
        ENGLISH,
        &["check", "briefings/kim-putin-vladivostok.fr.toml"],
    );
    assert_eq!(
        text(&one.stderr),
        "1 briefing loaded, 0 errors, 0 warnings\n"
    );
    let folder = env.path("broken");
    std::fs::create_dir(&folder).expect("mkdir");
    for name in ["a.toml", "b.toml"] {
        std::fs::write(folder.join(name), "").expect("write");
    }
    let folder = folder.to_str().unwrap_or_default();
    let two = env.run(FRENCH, &["check", folder]);
    assert_eq!(
        text(&two.stderr),
        "0 briefing chargé, 2 erreurs, 0 avertissement\n"
    );
    let two = env.run(ENGLISH, &["check", folder]);
    assert_eq!(
        text(&two.stderr),
        "0 briefings loaded, 2 errors, 0 warnings\n"
    );
}

#[test]
fn list_groups_the_digits_of_counts_as_each_language_does() {
    let env = Env::new("");
    let mut source = String::from("title = \"Many\"\nid = \"many\"\n");
    for i in 0..1000 {
        source.push_str(&format!(
            "\n[[sections]]\nid = \"s{i}\"\ntitle = \"S {i}\"\nbody = \"x\"\n"
        ));
    }
    let file = env.path("many.toml");
    std::fs::write(&file, source).expect("write");
    let file = file.to_str().unwrap_or_default();
    let row = |locale| {
        let out = env.run(locale, &["list", file]);
        text(&out.stdout)
            .lines()
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    // The row ends with the count (there are no tags).
    assert!(row(ENGLISH).ends_with("  1,000"), "{}", row(ENGLISH));
    assert!(row(FRENCH).ends_with(&fr("  1_000")), "{}", row(FRENCH));
    let json = text(&env.run(FRENCH, &["list", "--format", "json", file]).stdout);
    assert!(json.contains("\"sections\": 1000"), "{json}");
}

// ---------------------------------------------------------------------------------
// The other commands

#[test]
fn import_and_index_report_in_french() {
    let env = Env::new("language = \"fr\"\n");
    let draft = env.path("draft.toml");
    let out = env.run(
        ENGLISH,
        &[
            "import",
            "tests/fixtures/import/en-plain.txt",
            "-o",
            draft.to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stderr);
    // The values line up after labels of different widths.
    assert!(report.contains(&fr("titre_:    ")), "{report}");
    assert!(report.contains(&fr("sections_: 4\n")), "{report}");
    assert!(report.contains(&fr("langue_:   en (devinée)")), "{report}");
    assert!(
        report.contains(&fr(" écrit_: vérifiez le titre")),
        "{report}"
    );
    let again = env.run(
        ENGLISH,
        &[
            "import",
            "tests/fixtures/import/en-plain.txt",
            "-o",
            draft.to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains(&fr(" existe déjà_; utilisez --force")),
        "{}",
        text(&again.stderr)
    );
    let lib = env.path("lib");
    std::fs::create_dir(&lib).expect("mkdir");
    for name in [
        "kim-putin-vladivostok.fr.toml",
        "kim-putin-vladivostok.en.toml",
    ] {
        std::fs::copy(Path::new("briefings").join(name), lib.join(name)).expect("copy");
    }
    let lib = lib.to_str().unwrap_or_default();
    let missing = env.run(ENGLISH, &["index", "--check", lib]);
    assert_eq!(missing.status.code(), Some(1));
    // The status words on stdout stay English, for scripts.
    assert_eq!(text(&missing.stdout), format!("missing  {lib}\n"));
    assert!(
        text(&missing.stderr).contains(&fr(" pas d’index (`brief index ")),
        "{}",
        text(&missing.stderr)
    );
    let built = env.run(ENGLISH, &["index", lib]);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stderr));
    let said = text(&built.stderr);
    assert!(
        said.contains(&fr(
            "_: 2 fichiers, 2 lus (2 nouveaux, 0 modifié), 0 supprimé, notes de 0 briefing indexées, en "
        )),
        "{said}"
    );
    let fresh = env.run(ENGLISH, &["index", "--check", lib]);
    assert!(
        text(&fresh.stderr).contains(&fr("_: l’index est à jour")),
        "{}",
        text(&fresh.stderr)
    );
}
