//! The catalogue from the command line: `brief index` builds, refreshes and checks it
//! (exit codes, the stale list), `brief search` gives through it exactly what it gives
//! without it, and a cache that cannot be used never stops a command. The real binary,
//! on small generated libraries, with config, data and cache in temp dirs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("config.toml"), "").expect("config");
        let lib = dir.path().join("lib");
        fs::create_dir_all(lib.join("nested")).expect("lib");
        let env = Env { dir };
        env.write(
            "lib/alpha.toml",
            "Alpha",
            "La coopération militaire à Vladivostok.",
        );
        env.write("lib/beta.toml", "Beta", "Poutine et POUTINE, l’Œuvre.");
        env.write(
            "lib/nested/gamma.toml",
            "Gamma",
            "Un *ornithorynque* discret.",
        );
        fs::write(env.path("lib/broken.toml"), "title = \n").expect("broken");
        env
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, relative: &str, title: &str, body: &str) {
        let text = format!(
            "title = \"{title}\"\nsummary = \"Résumé de {title}\"\ntags = [\"essai\"]\n\n\
             [[sections]]\nid = \"one\"\ntitle = \"Context\"\nkind = \"context\"\n\
             body = \"\"\"\n{body}\n\nSecond paragraph of {title}.\n\"\"\"\n"
        );
        fs::write(self.path(relative), text).expect("write briefing");
    }

    /// Runs brief in the temp dir with `cache` as its cache dir.
    fn run_with_cache(&self, cache: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .current_dir(self.dir.path())
            .env("BRIEF_CONFIG", self.path("config.toml"))
            .env("BRIEF_DATA_DIR", self.path("data"))
            .env("BRIEF_CACHE_DIR", cache)
            .output()
            .expect("run brief")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with_cache(&self.path("cache"), args)
    }

    /// The same command with no index anywhere: the in-memory path.
    fn run_without_index(&self, args: &[&str]) -> Output {
        self.run_with_cache(&self.path("no-cache"), args)
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn index_check_exits_0_when_up_to_date_and_1_with_the_stale_entries() {
    let env = Env::new();
    let none = env.run(&["index", "--check", "lib"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(text(&none.stdout), "missing  lib\n");
    assert!(
        text(&none.stderr).contains("no index"),
        "{}",
        text(&none.stderr)
    );

    let built = env.run(&["index", "lib"]);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stderr));
    let progress = text(&built.stderr);
    assert!(progress.contains("lib: 4 files, 4 to read"), "{progress}");
    assert!(progress.contains("indexed 4/4"), "{progress}");

    let fresh = env.run(&["index", "--check", "lib"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stdout));
    assert_eq!(text(&fresh.stdout), "");

    env.write("lib/delta.toml", "Delta", "Nouveau.");
    env.write("lib/beta.toml", "Beta", "Tout autre chose maintenant.");
    fs::remove_file(env.path("lib/alpha.toml")).unwrap();
    let stale = env.run(&["index", "--check", "lib"]);
    assert_eq!(stale.status.code(), Some(1));
    assert_eq!(
        text(&stale.stdout),
        "added    lib/delta.toml\nchanged  lib/beta.toml\nremoved  lib/alpha.toml\n"
    );

    let refreshed = env.run(&["index", "lib"]);
    let summary = text(&refreshed.stderr);
    assert!(
        summary.contains("2 read (1 new, 1 changed), 1 removed"),
        "{summary}"
    );
    assert_eq!(env.run(&["index", "--check", "lib"]).status.code(), Some(0));
}

#[test]
fn search_through_the_index_prints_exactly_what_the_files_give() {
    let env = Env::new();
    assert_eq!(env.run(&["index", "lib"]).status.code(), Some(0));
    let queries = [
        "cooperation",
        "ornithorynque",
        "Poutine",
        "poutine",
        "oe",
        "second paragraph",
        "essai",
        "absent-everywhere",
    ];
    for query in queries {
        for format in ["text", "json"] {
            let args = ["search", query, "lib", "--format", format];
            let indexed = env.run(&args);
            let direct = env.run_without_index(&args);
            assert_eq!(text(&indexed.stdout), text(&direct.stdout), "{query}");
            assert_eq!(text(&indexed.stderr), text(&direct.stderr), "{query}");
            assert_eq!(indexed.status.code(), direct.status.code(), "{query}");
        }
    }
    // Once a file changes, the index is not used until it is refreshed: still the
    // same results, and a word on stderr.
    env.write(
        "lib/nested/gamma.toml",
        "Gamma",
        "Un quokka a remplacé l'ornithorynque.",
    );
    let stale = env.run(&["search", "quokka", "lib"]);
    assert_eq!(stale.status.code(), Some(0));
    assert_eq!(
        text(&stale.stdout),
        text(&env.run_without_index(&["search", "quokka", "lib"]).stdout)
    );
    assert!(
        text(&stale.stderr).contains("out of date"),
        "{}",
        text(&stale.stderr)
    );
}

#[test]
fn a_cache_dir_that_cannot_be_written_never_stops_a_command() {
    let env = Env::new();
    fs::write(env.path("a-file"), "x").unwrap();
    let cache = env.path("a-file/cache");
    let index = env.run_with_cache(&cache, &["index", "lib"]);
    assert_eq!(index.status.code(), Some(2));
    assert!(
        text(&index.stderr).contains("the index cannot be written there"),
        "{}",
        text(&index.stderr)
    );
    let search = env.run_with_cache(&cache, &["search", "ornithorynque", "lib"]);
    assert_eq!(search.status.code(), Some(0));
    assert!(text(&search.stdout).contains("lib/nested/gamma.toml:one:"));
}

#[test]
fn a_damaged_cache_is_set_aside_and_rebuilt_by_brief_index() {
    let env = Env::new();
    assert_eq!(env.run(&["index", "lib"]).status.code(), Some(0));
    let folder = env.path("cache/catalogue");
    let db = fs::read_dir(&folder)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .expect("the cache file");
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
    fs::write(&db, b"garbage, not a database".repeat(100)).unwrap();
    let rebuilt = env.run(&["index", "lib"]);
    assert_eq!(rebuilt.status.code(), Some(0));
    let said = text(&rebuilt.stderr);
    assert!(
        said.contains("damaged") && said.contains("set aside"),
        "{said}"
    );
    assert!(said.contains("4 read (4 new"), "{said}");
    assert_eq!(env.run(&["index", "--check", "lib"]).status.code(), Some(0));
}

#[test]
fn two_processes_index_one_library_at_once() {
    let env = Env::new();
    for i in 0..30 {
        env.write(
            &format!("lib/many{i:02}.toml"),
            &format!("Many {i}"),
            "Texte.",
        );
    }
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["index", "lib"])
            .current_dir(env.dir.path())
            .env("BRIEF_CONFIG", env.path("config.toml"))
            .env("BRIEF_DATA_DIR", env.path("data"))
            .env("BRIEF_CACHE_DIR", env.path("cache"))
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn brief")
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    assert_eq!(b.status.code(), Some(0), "{}", text(&b.stderr));
    assert_eq!(env.run(&["index", "--check", "lib"]).status.code(), Some(0));
    let args = ["search", "texte", "lib"];
    assert_eq!(
        text(&env.run(&args).stdout),
        text(&env.run_without_index(&args).stdout)
    );
}
