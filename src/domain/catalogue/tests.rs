//! Tests of the catalogue: small generated libraries in temp dirs, the cache in a temp
//! dir; every result compared with the in-memory path (`Library::load` and
//! `LibraryIndex`).
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::domain::annotation::Anchor;
use crate::domain::fold::fold_query;
use crate::domain::library::Library;
use crate::domain::load::LoadOptions;
use crate::domain::search::{LibraryHit, LibraryIndex};
use crate::domain::store::{AnnotationSet, LockMode, Store};

/// A briefing file's text: a title, a summary and two sections.
fn briefing(title: &str, summary: &str, first: &str, second: &str) -> String {
    format!(
        "title = \"{title}\"\ndate = \"2024-03-05\"\nlanguage = \"fr\"\nsummary = \"{summary}\"\n\
         tags = [\"test\"]\n\n[[sections]]\nid = \"one\"\ntitle = \"First\"\nkind = \"context\"\n\
         body = \"\"\"\n{first}\n\"\"\"\n\n[[sections]]\nid = \"two\"\ntitle = \"Second\"\n\
         kind = \"possible-dates\"\nbody = \"\"\"\n{second}\n\"\"\"\n\n\
         [[sections.dates]]\nfrom = \"2024-09-10\"\nto = \"2024-09-13\"\nlabel = \"Summit\"\n"
    )
}

struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
    data: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::write(
        root.join("alpha.toml"),
        briefing(
            "Alpha",
            "La coopération militaire",
            "Un œuvre à Vladivostok.",
            "Dates",
        ),
    )
    .unwrap();
    fs::write(
        root.join("beta.toml"),
        briefing(
            "Beta",
            "Rien",
            "Poutine et POUTINE, l’Élysée.",
            "Sommet prévu",
        ),
    )
    .unwrap();
    fs::write(
        root.join("sub/gamma.toml"),
        briefing(
            "Gamma",
            "Straße",
            "*co*opération **forte** et zéphyr",
            "Rien",
        ),
    )
    .unwrap();
    // A file that does not load, and one with an id already taken.
    fs::write(root.join("broken.toml"), "title = \n").unwrap();
    fs::write(
        root.join("sub/zeta.toml"),
        format!("id = \"alpha\"\n{}", briefing("Alpha bis", "x", "y", "z")),
    )
    .unwrap();
    Setup {
        cache: dir.path().join("cache"),
        data: dir.path().join("data"),
        root,
        _dir: dir,
    }
}

fn open(s: &Setup) -> Catalogue {
    Catalogue::open(&s.cache, &s.root).unwrap().catalogue
}

fn options(s: &Setup) -> RefreshOptions {
    RefreshOptions {
        load: LoadOptions::default(),
        workers: 2,
        store: Some(Store::new(&s.data)),
    }
}

fn refresh(c: &mut Catalogue, s: &Setup) -> (RefreshSummary, Vec<RefreshEvent>) {
    let mut events = Vec::new();
    let summary = c
        .refresh(&options(s), &mut |e| {
            events.push(e);
            true
        })
        .unwrap();
    (summary, events)
}

fn changes(events: &[RefreshEvent]) -> Vec<Change> {
    events
        .iter()
        .flat_map(|e| match e {
            RefreshEvent::Changed(c) => c.clone(),
            _ => Vec::new(),
        })
        .filter(|c| !matches!(c, Change::Notes { .. }))
        .collect()
}

/// Every hit of `query` through the catalogue.
fn hits(c: &Catalogue, query: &str) -> Vec<Vec<LibraryHit>> {
    let mut all = Vec::new();
    c.search(&fold_query(query), &mut |h| {
        all.push(h);
        true
    })
    .unwrap();
    all
}

/// Every hit of `query` in memory, as the reader finds them today.
fn hits_in_memory(s: &Setup, query: &str) -> Vec<Vec<LibraryHit>> {
    let library = Library::load(std::slice::from_ref(&s.root), LoadOptions::default());
    let store = Store::new(&s.data);
    let mut index = LibraryIndex::new();
    for b in &library.briefings {
        let notes = store
            .load(&b.id)
            .map(|o| o.set.file.notes)
            .unwrap_or_default();
        index.add(b, &notes);
    }
    let mut all = Vec::new();
    index.search(&fold_query(query), &mut |h| {
        all.push(h);
        true
    });
    all
}

const QUERIES: [&str; 14] = [
    "cooperation",
    "coopération",
    "oe",
    "Poutine",
    "poutine",
    "Elysee",
    "l'",
    "ss",
    "s",
    "vladivostok",
    "alpha",
    "test",
    "opération forte",
    "zzz-absent",
];

fn assert_same_as_memory(c: &Catalogue, s: &Setup) {
    for q in QUERIES {
        assert_eq!(hits(c, q), hits_in_memory(s, q), "query {q:?}");
    }
}

/// The listing as `Library::load` would report it: ids, paths and problems.
fn assert_listing_matches_library(c: &Catalogue, s: &Setup) {
    let library = Library::load(std::slice::from_ref(&s.root), LoadOptions::default());
    let listing = c.listing().unwrap();
    let ids = |l: &Library| l.briefings.iter().map(|b| b.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        listing
            .briefings
            .iter()
            .map(|b| b.id.clone())
            .collect::<Vec<_>>(),
        ids(&library)
    );
    for (row, b) in listing.briefings.iter().zip(&library.briefings) {
        assert_eq!(
            Some(&row.path),
            match &b.origin {
                crate::domain::briefing::Origin::File(p) => Some(p),
                _ => None,
            }
        );
        assert_eq!(row.title, b.title);
        assert_eq!(row.date, b.date);
        assert_eq!(row.tags, b.tags);
        assert_eq!(row.hash, b.version);
        assert_eq!(row.sections, b.sections.len());
        // The whole briefing comes back from the catalogue as the loader gave it.
        assert_eq!(c.briefing(row.file).unwrap().as_ref(), Some(&**b));
    }
    assert_eq!(listing.problems, library.problems);
    // The head of the listing is the listing's beginning, problems included.
    for n in [0, 1, 3, 100] {
        let head = c.listing_head(n).unwrap();
        let files = listing.briefings.len() + library.problems.len();
        assert!(head.briefings.len() <= n.min(files));
        assert_eq!(
            head.briefings[..],
            listing.briefings[..head.briefings.len()]
        );
        assert_eq!(head.problems[..], listing.problems[..head.problems.len()]);
    }
    assert_eq!(c.listing_head(100).unwrap(), listing);
}

#[test]
fn a_first_refresh_catalogues_the_library_as_the_loader_sees_it() {
    let s = setup();
    let opened = Catalogue::open(&s.cache, &s.root).unwrap();
    assert!(opened.created);
    let mut c = opened.catalogue;
    assert!(c.listing().unwrap().briefings.is_empty());
    let (summary, events) = refresh(&mut c, &s);
    assert_eq!((summary.files, summary.added, summary.removed), (5, 5, 0));
    assert!(events.contains(&RefreshEvent::Scanned {
        files: 5,
        to_read: 5,
        removed: 0
    }));
    assert!(events.contains(&RefreshEvent::Progress { done: 5, total: 5 }));
    assert_listing_matches_library(&c, &s);
    assert!(
        c.listing()
            .unwrap()
            .problems
            .iter()
            .any(|p| p.message.contains("duplicate briefing id `alpha`"))
    );
    assert_same_as_memory(&c, &s);
    // A second refresh reads nothing.
    let (summary, _) = refresh(&mut c, &s);
    assert_eq!(summary.added + summary.updated + summary.removed, 0);
}

#[test]
fn added_edited_renamed_and_removed_files_are_reflected() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    fs::write(
        s.root.join("delta.toml"),
        briefing("Delta", "nouveau", "Un quokka.", "x"),
    )
    .unwrap();
    fs::write(
        s.root.join("beta.toml"),
        briefing(
            "Beta",
            "Rien",
            "Désormais un ornithorynque.",
            "Sommet prévu",
        ),
    )
    .unwrap();
    fs::rename(
        s.root.join("sub/gamma.toml"),
        s.root.join("sub/gamma2.toml"),
    )
    .unwrap();
    fs::remove_file(s.root.join("broken.toml")).unwrap();
    let (summary, events) = refresh(&mut c, &s);
    assert_eq!((summary.added, summary.updated, summary.removed), (2, 1, 2));
    let mut got = changes(&events);
    got.sort_by_key(|c| format!("{c:?}"));
    let mut want = vec![
        Change::Added {
            path: s.root.join("delta.toml"),
            id: Some("delta".into()),
        },
        Change::Added {
            path: s.root.join("sub/gamma2.toml"),
            id: Some("gamma2".into()),
        },
        Change::Updated {
            path: s.root.join("beta.toml"),
            id: Some("beta".into()),
        },
        Change::Removed {
            path: s.root.join("broken.toml"),
        },
        Change::Removed {
            path: s.root.join("sub/gamma.toml"),
        },
    ];
    want.sort_by_key(|c| format!("{c:?}"));
    assert_eq!(got, want);
    assert_listing_matches_library(&c, &s);
    assert_eq!(hits(&c, "ornithorynque").len(), 1);
    assert!(hits(&c, "Poutine").is_empty());
    assert_eq!(hits(&c, "quokka")[0][0].briefing, "delta");
    assert_eq!(hits(&c, "zephyr")[0][0].briefing, "gamma2");
    assert_same_as_memory(&c, &s);
}

#[test]
fn an_edit_keeping_size_and_time_is_caught_when_it_was_racy() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    // Same length, same modification time: only the content hash can tell, and the
    // file was indexed within the racy window of its modification.
    let path = s.root.join("beta.toml");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Poutine et", "Tamarin et");
    fs::write(&path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let (summary, _) = refresh(&mut c, &s);
    assert_eq!(summary.updated, 1);
    assert_eq!(hits(&c, "tamarin").len(), 1);
}

#[test]
fn deleting_the_cache_changes_nothing_but_the_rebuild() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    let strip = |l: Listing| {
        let rows: Vec<_> = l
            .briefings
            .into_iter()
            .map(|r| (r.path, r.id, r.title, r.hash))
            .collect();
        (rows, l.problems)
    };
    let before = strip(c.listing().unwrap());
    let found = hits(&c, "cooperation");
    drop(c);
    fs::remove_dir_all(&s.cache).unwrap();
    let opened = Catalogue::open(&s.cache, &s.root).unwrap();
    assert!(opened.created && opened.notices.is_empty());
    let mut c = opened.catalogue;
    let (summary, events) = refresh(&mut c, &s);
    assert_eq!(summary.added, 5);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, RefreshEvent::Progress { .. }))
    );
    assert_eq!(strip(c.listing().unwrap()), before);
    assert_eq!(hits(&c, "cooperation"), found);
}

#[test]
fn a_corrupt_cache_file_is_set_aside_and_rebuilt() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    let db = c.path().to_path_buf();
    drop(c);
    let garbage = b"this is not a database, it is garbage".repeat(200);
    fs::write(&db, &garbage).unwrap();
    let opened = Catalogue::open(&s.cache, &s.root).unwrap();
    assert!(opened.created);
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(opened.notices[0].contains("damaged") && opened.notices[0].contains("set aside"));
    // Kept byte for byte, beside the new one.
    assert_eq!(fs::read(with_suffix(&db, ".broken")).unwrap(), garbage);
    let mut c = opened.catalogue;
    refresh(&mut c, &s);
    assert_listing_matches_library(&c, &s);
}

#[test]
fn a_cache_of_a_newer_brief_is_set_aside_and_rebuilt() {
    let s = setup();
    let c = open(&s);
    c.conn.execute_batch("PRAGMA user_version = 99;").unwrap();
    drop(c);
    let opened = Catalogue::open(&s.cache, &s.root).unwrap();
    assert!(opened.created);
    assert!(
        opened.notices[0].contains("newer brief"),
        "{:?}",
        opened.notices
    );
    // `brief search` never uses (nor touches) a cache it does not understand.
    let db = cache_file(&s.cache, &s.root);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA user_version = 99;").unwrap();
    drop(conn);
    assert!(
        Catalogue::open_existing(&s.cache, &s.root)
            .unwrap()
            .is_none()
    );
}

#[test]
fn two_connections_refresh_and_read_one_library_safely() {
    let s = setup();
    for i in 0..40 {
        fs::write(
            s.root.join(format!("many{i:02}.toml")),
            briefing(&format!("Many {i}"), "s", &format!("texte numéro{i}"), "x"),
        )
        .unwrap();
    }
    let first = open(&s);
    let second = Catalogue::open(&s.cache, &s.root).unwrap().catalogue;
    let reader = first.reopen().unwrap();
    let (a, b) = std::thread::scope(|scope| {
        let run = |mut c: Catalogue| {
            let s = &s;
            scope.spawn(move || refresh(&mut c, s).0)
        };
        let a = run(first);
        let b = run(second);
        // Meanwhile a reader lists and searches: never an error.
        for _ in 0..20 {
            reader.listing().unwrap();
            hits(&reader, "numero");
        }
        (a.join().unwrap(), b.join().unwrap())
    });
    // One refresh read the files; the other, after waiting, found them done (or both
    // shared the work): never more than once each.
    assert_eq!(a.added + b.added, 45, "{a:?} {b:?}");
    assert_listing_matches_library(&reader, &s);
    assert_same_as_memory(&reader, &s);
}

#[test]
fn a_cache_dir_that_cannot_be_written_falls_back_with_a_message() {
    let s = setup();
    // A cache dir under a regular file can never be created, even by root.
    fs::write(s._dir.path().join("file"), "x").unwrap();
    let cache = s._dir.path().join("file/cache");
    let e = Catalogue::open(&cache, &s.root).unwrap_err();
    assert!(matches!(e, CatalogueError::ReadOnly { .. }), "{e:?}");
    let message = e.fallback_message();
    assert!(
        message.contains("cannot be written")
            && message.ends_with("reading the library without its index"),
        "{message}"
    );
    // A read-only folder, where permissions apply (not as root).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = s._dir.path().join("ro");
        fs::create_dir_all(ro.join("catalogue")).unwrap();
        fs::set_permissions(ro.join("catalogue"), fs::Permissions::from_mode(0o555)).unwrap();
        let probe = fs::File::create(ro.join("catalogue/probe")).is_err();
        if probe {
            let e = Catalogue::open(&ro, &s.root).unwrap_err();
            assert!(matches!(e, CatalogueError::ReadOnly { .. }), "{e:?}");
        }
        fs::set_permissions(ro.join("catalogue"), fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn a_full_disk_is_an_error_the_reader_can_act_on() {
    let s = setup();
    let big = "Un long texte qui ne tient pas dans les pages libres. ".repeat(4000);
    fs::write(s.root.join("big.toml"), briefing("Big", "b", &big, "x")).unwrap();
    let mut c = open(&s);
    // SQLite's own page limit stands in for a full disk.
    let pages: i64 = c
        .conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    c.conn
        .execute_batch(&format!("PRAGMA max_page_count = {pages};"))
        .unwrap();
    let e = c.refresh(&options(&s), &mut |_| true).unwrap_err();
    assert!(matches!(e, CatalogueError::Full { .. }), "{e:?}");
    assert!(e.fallback_message().contains("the disk is full"));
}

fn note(briefing: &str, section: &str, body: &str) -> crate::domain::annotation::Note {
    crate::domain::annotation::Note {
        id: format!("n-{body}"),
        anchor: Anchor {
            briefing: briefing.into(),
            section: section.into(),
            block: 0,
            quote: "x".into(),
            prefix: String::new(),
            suffix: String::new(),
            version: String::new(),
        },
        body: body.into(),
        created: jiff::Timestamp::UNIX_EPOCH,
        updated: jiff::Timestamp::UNIX_EPOCH,
        conflict_of: None,
        moved: false,
    }
}

fn save_note(
    s: &Setup,
    briefing: &str,
    section: &str,
    body: &str,
) -> Vec<crate::domain::annotation::Note> {
    let store = Store::new(&s.data);
    let mut set = store
        .load(briefing)
        .map(|o| o.set)
        .unwrap_or_else(|_| AnnotationSet::new(briefing));
    let n = note(briefing, section, body);
    set.add_note(n.anchor, &n.body);
    store.save(&mut set, LockMode::Wait).unwrap();
    set.file.notes.clone()
}

#[test]
fn notes_are_searched_and_updated_after_a_save() {
    let s = setup();
    save_note(&s, "alpha", "one", "Une remarque sur la coopération #suivi");
    let mut c = open(&s);
    refresh(&mut c, &s);
    let found = hits(&c, "remarque");
    assert_eq!(found.len(), 1);
    assert!(found[0].iter().any(|h| h.note_id.is_some()));
    assert_same_as_memory(&c, &s);
    // A note saved while the reader runs: indexed at once, and the next refresh has
    // nothing left to read.
    let notes = save_note(&s, "beta", "two", "Un tamanoir");
    c.update_notes(Some(&Store::new(&s.data)), "beta", &notes)
        .unwrap();
    assert_eq!(hits(&c, "tamanoir").len(), 1);
    assert_same_as_memory(&c, &s);
    let stale = c.staleness(&options(&s)).unwrap();
    assert!(stale.is_fresh(), "{stale:?}");
    // Notes changed by another program are read again by a refresh.
    save_note(&s, "gamma", "one", "Un pangolin");
    assert_eq!(
        c.staleness(&options(&s)).unwrap().notes,
        vec!["gamma".to_owned()]
    );
    refresh(&mut c, &s);
    assert_eq!(hits(&c, "pangolin").len(), 1);
    assert_same_as_memory(&c, &s);
}

#[test]
fn staleness_lists_what_changed_without_changing_anything() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    assert!(c.staleness(&options(&s)).unwrap().is_fresh());
    fs::write(s.root.join("new.toml"), briefing("New", "n", "n", "n")).unwrap();
    fs::write(
        s.root.join("beta.toml"),
        briefing("Beta", "changed", "c", "c"),
    )
    .unwrap();
    fs::remove_file(s.root.join("alpha.toml")).unwrap();
    // Rewritten with the same content: not stale.
    let gamma = s.root.join("sub/gamma.toml");
    fs::write(&gamma, fs::read(&gamma).unwrap()).unwrap();
    let stale = c.staleness(&options(&s)).unwrap();
    assert_eq!(stale.added, vec![s.root.join("new.toml")]);
    assert_eq!(stale.changed, vec![s.root.join("beta.toml")]);
    assert_eq!(stale.removed, vec![s.root.join("alpha.toml")]);
    // Nothing was written.
    assert!(!c.staleness(&options(&s)).unwrap().is_fresh());
}

#[test]
fn timeline_and_compare_rows_come_from_the_catalogue() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    let library = Library::load(std::slice::from_ref(&s.root), LoadOptions::default());
    assert_eq!(
        c.kinds().unwrap(),
        crate::domain::timeline::kinds_in(&library.briefings)
    );
    let kind = crate::domain::briefing::Kind::new("context");
    let want: Vec<(String, usize)> =
        crate::domain::timeline::sections_of_kind(&library.briefings, &kind)
            .iter()
            .map(|e| (e.briefing.id.clone(), e.section))
            .collect();
    let got: Vec<(String, usize)> = c
        .sections_of_kind(&kind)
        .unwrap()
        .into_iter()
        .map(|e| (e.briefing, e.section))
        .collect();
    assert_eq!(got, want);
    let dated = c.dated_sections().unwrap();
    let want: Vec<(String, usize, crate::domain::date::DateSpan)> = library
        .briefings
        .iter()
        .flat_map(|b| {
            b.dates()
                .map(|(i, d)| (b.id.clone(), i, d.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let got: Vec<_> = dated
        .into_iter()
        .map(|d| (d.briefing, d.section, d.span))
        .collect();
    assert_eq!(got, want);
    let alpha = c.file_of("alpha").unwrap().unwrap();
    let sections = c.sections(alpha).unwrap();
    assert_eq!(
        sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["one", "two"]
    );
    assert_eq!(c.all_sections().unwrap().len(), 6);
    let full = c.section(alpha, 1).unwrap().unwrap();
    assert_eq!(full.dates.len(), 1);
}

#[test]
fn a_search_can_be_cancelled() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    let mut calls = 0;
    c.search(&fold_query("e"), &mut |_| {
        calls += 1;
        false
    })
    .unwrap();
    assert_eq!(calls, 1);
}

#[test]
fn short_queries_have_no_trigram_and_long_ones_are_quoted() {
    assert_eq!(search::match_expression("ab"), None);
    assert_eq!(search::match_expression("abc").as_deref(), Some("\"abc\""));
    assert_eq!(
        search::match_expression("a\"bcb\"").as_deref(),
        Some("\"a\"\"b\" AND \"\"\"bc\" AND \"bcb\" AND \"cb\"\"\"")
    );
}

#[test]
fn every_spelling_of_a_folder_shares_one_cache() {
    let s = setup();
    let dotted: PathBuf = s.root.join(".").join("sub").join("..");
    assert_eq!(cache_file(&s.cache, &s.root), cache_file(&s.cache, &dotted));
    assert_ne!(
        cache_file(&s.cache, &s.root),
        cache_file(&s.cache, &s.root.join("sub"))
    );
    let key = refresh::path_key(Path::new("a/b.toml"));
    assert_eq!(refresh::key_path(&key), Path::new("a/b.toml"));
    // NUL between components: `a/x` sorts before `a-b/x`, as the folder walk does.
    assert!(refresh::path_key(Path::new("a/x")) < refresh::path_key(Path::new("a-b/x")));
}

#[test]
fn brief_search_loads_only_the_files_that_may_match() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    let files = c.files_for_grep(&fold_query("zéphyr")).unwrap().unwrap();
    // Gamma holds the word; broken.toml has problems to report; alpha and zeta share an
    // id (which one wins must not change). Beta is never read.
    let want: Vec<PathBuf> = [
        "alpha.toml",
        "broken.toml",
        "sub/gamma.toml",
        "sub/zeta.toml",
    ]
    .iter()
    .map(|p| s.root.join(p))
    .collect();
    assert_eq!(files, want);
    assert_eq!(c.files_for_grep(&fold_query("ze")).unwrap(), None);
}

#[test]
fn a_library_folder_gone_leaves_the_catalogue_as_it_was() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    let moved = s.root.with_file_name("elsewhere");
    fs::rename(&s.root, &moved).unwrap();
    let e = c.refresh(&options(&s), &mut |_| true).unwrap_err();
    assert!(
        e.to_string().contains("the library folder cannot be read"),
        "{e}"
    );
    assert!(c.staleness(&options(&s)).is_err());
    assert_eq!(c.listing().unwrap().briefings.len(), 3);
}

#[test]
fn a_cache_locked_by_another_program_is_set_aside_and_rebuilt() {
    let s = setup();
    let mut c = open(&s);
    refresh(&mut c, &s);
    fs::write(
        s.root.join("delta.toml"),
        briefing("Delta", "d", "Un quokka.", "x"),
    )
    .unwrap();
    // Another program takes the write lock and keeps it.
    let other = rusqlite::Connection::open(c.path()).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    c.conn
        .busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let (summary, events) = refresh(&mut c, &s);
    let notice = events.iter().find_map(|e| match e {
        RefreshEvent::Notice(n) => Some(n.clone()),
        _ => None,
    });
    assert!(
        notice
            .as_deref()
            .is_some_and(|n| n.contains("locked by another program")),
        "{events:?}"
    );
    // Rebuilt from nothing, while the other program still holds the old file.
    assert_eq!(summary.added, 6);
    assert!(with_suffix(c.path(), ".broken").exists());
    assert_listing_matches_library(&c, &s);
    drop(other);
}
