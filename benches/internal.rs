//! Benchmarks of brief's internal paths (`cargo bench`), with divan: loading one large
//! briefing and a library of 10,000, wrapping a section, drawing one 200×50 frame at the
//! top and at the end of a large briefing, one search in it and across the library,
//! saving an annotation store of 10,000 notes, and what a save made on another thread
//! costs the reader's thread (snapshot, adopt); importing articles of 20,000 identical
//! headings, 200,000 paragraphs and one 10 MB line, and `brief search` over 100,000
//! sections that all match. Inputs are generated at run time, never
//! committed (the prose mixes English, accented French and CJK, like the shared
//! generators). `BRIEF_BENCH_MB` sets the large briefing's size (default 50).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use brief::config::Config;
use brief::domain::briefing::Origin;
use brief::domain::fold::fold_query;
use brief::domain::library::Library;
use brief::domain::load::{LoadOptions, parse_briefing};
use brief::domain::markdown::render_markdown;
use brief::domain::search::{DocIndex, LibraryIndex};
use brief::domain::store::{AnnotationSet, LockMode, Store};
use brief::domain::wrap::wrap_block;
use brief::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[path = "../tests/support/import_shapes.rs"]
mod import_shapes;

fn main() {
    divan::main();
}

const WORDS: &[&str] = &[
    "the",
    "quarterly",
    "briefing",
    "summarises",
    "market",
    "signals",
    "supply",
    "risk",
    "analysts",
    "expect",
    "revenue",
    "déjà",
    "très",
    "économie",
    "stratégie",
    "réunion",
    "sécurité",
    "cœur",
    "œuvre",
    "Genève",
    "coopération",
    "東京の会議",
    "서울",
    "市场分析",
];

/// Deterministic prose: a tiny linear congruential generator picks the words.
struct Prose(u64);

impl Prose {
    fn word(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(self.0 >> 33) as usize % WORDS.len()]
    }

    fn paragraph(&mut self) -> String {
        let mut out = String::new();
        for sentence in 0..5 {
            for i in 0..14 {
                if i > 0 || sentence > 0 {
                    out.push(' ');
                }
                out.push_str(self.word());
            }
            out.push('.');
        }
        out
    }
}

/// A briefing of about `bytes` bytes: ZQXSTARTMARK first, ZQXNEEDLE in the last section.
fn briefing_text(bytes: usize, title: &str, needle: bool) -> String {
    let mut prose = Prose(11);
    let mut text = format!("title = \"{title}\"\ndate = 2026-01-05\nlanguage = \"fr\"\n");
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        let mut body = String::new();
        for p in 0..3 {
            if n == 1 && p == 0 {
                body.push_str("ZQXSTARTMARK ");
            }
            body.push_str(&prose.paragraph());
            body.push_str("\n\n");
        }
        text.push_str(&format!(
            "\n[[sections]]\nid = \"s{n}\"\ntitle = \"Section {n}\"\nkind = \"context\"\nbody = \"\"\"\n{body}\"\"\"\n"
        ));
    }
    if needle {
        text.push_str("\n[[sections]]\nid = \"last\"\ntitle = \"Last\"\nbody = \"Le terme ZQXNEEDLE QWFPGJLUY est ici.\\n\\nZQXENDMARK\"\n");
    }
    text
}

fn large_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mb: usize = std::env::var("BRIEF_BENCH_MB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(50);
        briefing_text(mb * 1_000_000, "Generated briefing", true)
    })
}

fn large_library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let mut library = Library::default();
        library.add(parse_briefing(
            large_text().as_bytes(),
            Origin::File("large.toml".into()),
            Some("large".into()),
        ));
        library
    })
}

/// A folder of 10,000 briefings of about 10 KB (one holds the needle).
fn library_dir() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..10_000 {
            let text = briefing_text(10_000, &format!("Briefing {i:05}"), i == 5_000);
            std::fs::write(dir.path().join(format!("b{i:05}.toml")), text).expect("write");
        }
        let path = dir.path().to_path_buf();
        (dir, path)
    })
    .1
}

#[divan::bench(sample_count = 5)]
fn load_one_large_briefing() {
    let loaded = parse_briefing(
        divan::black_box(large_text().as_bytes()),
        Origin::File("large.toml".into()),
        Some("large".into()),
    );
    assert!(loaded.is_ok());
}

#[divan::bench(sample_count = 3)]
fn load_library_of_10000() {
    let library = Library::load(std::slice::from_ref(library_dir()), LoadOptions::default());
    assert_eq!(library.briefings.len(), 10_000);
}

#[divan::bench]
fn wrap_a_section(bencher: divan::Bencher) {
    let briefing = &large_library().briefings[0];
    let blocks = render_markdown(&briefing.sections[0].body);
    bencher.bench(|| {
        blocks
            .iter()
            .map(|b| wrap_block(b, 88).len())
            .sum::<usize>()
    });
}

fn app_on_large(bottom: bool) -> App {
    let config = Config::default();
    let keymap = config.keymap().expect("keymap");
    let mut app = App::new(
        config,
        keymap,
        large_library().clone(),
        Rect::new(0, 0, 200, 50),
    );
    app.open_briefing("large", None);
    assert_eq!(app.model.open_id(), Some("large"));
    if bottom && let Some(reader) = &mut app.reader {
        reader.pane.bottom();
    }
    app
}

#[divan::bench(args = [false, true])]
fn draw_a_200x50_frame(bencher: divan::Bencher, at_end: bool) {
    let app = app_on_large(at_end);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    bencher.bench_local(|| {
        terminal.draw(|f| app.render(f)).expect("draw");
    });
}

#[divan::bench(sample_count = 20)]
fn search_the_large_briefing(bencher: divan::Bencher) {
    let index = DocIndex::build(&large_library().briefings[0]);
    let query = fold_query("ZQXNEEDLE");
    bencher.bench(|| {
        let found = index.search(&query);
        assert_eq!(found.len(), 1);
    });
}

#[divan::bench(sample_count = 10)]
fn search_the_library_of_10000(bencher: divan::Bencher) {
    let library = Library::load(std::slice::from_ref(library_dir()), LoadOptions::default());
    let mut index = LibraryIndex::new();
    for b in &library.briefings {
        index.add(b, &[]);
    }
    let query = fold_query("ZQXNEEDLE");
    bencher.bench(|| {
        let mut hits = 0;
        index.search(&query, &mut |h| {
            hits += h.len();
            true
        });
        assert!(hits >= 1);
    });
}

/// A store of 10,000 notes on the first bundled briefing, saved once.
fn store_of_10000_notes() -> (tempfile::TempDir, Store, AnnotationSet) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path());
    let library = Library::bundled();
    let briefing = library.briefings[0].clone();
    let doc = brief::domain::placing::doc_text(&briefing);
    let mut set = AnnotationSet::new(&briefing.id);
    for i in 0..10_000 {
        let anchor = brief::domain::anchor::make_anchor(
            &briefing.id,
            &briefing.version,
            &doc,
            i % doc.sections.len(),
            0,
            0..20,
        );
        set.add_note(anchor, &format!("Note {i}: à vérifier #tag"));
    }
    store.save(&mut set, LockMode::Wait).expect("first save");
    (dir, store, set)
}

#[divan::bench(sample_count = 10)]
fn save_a_store_of_10000_notes(bencher: divan::Bencher) {
    let (_dir, store, set) = store_of_10000_notes();
    let first = set.file.notes[0].id.clone();
    let set = Arc::new(std::sync::Mutex::new(set));
    let mut round = 0u64;
    bencher.bench_local(|| {
        // One note changed, then saved: lock, re-read, merge, write, sync, rename.
        round += 1;
        let mut set = set.lock().expect("lock");
        set.update_note(&first, &format!("edited {round}"));
        store.save(&mut set, LockMode::Wait).expect("save");
    });
}

// Importing articles and grepping: shapes that once cost minutes, held to seconds.

fn import(text: &str) {
    let options = brief::domain::import::ImportOptions::default();
    brief::domain::import::import_article(text, "bench", &options).expect("draft");
}

#[divan::bench(sample_count = 3)]
fn import_20000_identical_headings(bencher: divan::Bencher) {
    let text = import_shapes::repeated_headings();
    bencher.bench(|| import(&text));
}

#[divan::bench(sample_count = 3)]
fn import_200000_paragraphs(bencher: divan::Bencher) {
    let text = import_shapes::many_paragraphs();
    bencher.bench(|| import(&text));
}

#[divan::bench(sample_count = 3)]
fn import_a_10_mb_line(bencher: divan::Bencher) {
    let text = import_shapes::one_long_line();
    bencher.bench(|| import(&text));
}

#[divan::bench(sample_count = 3)]
fn grep_100000_sections_each_matching(bencher: divan::Bencher) {
    let mut text = String::from("title = \"Many sections\"\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "\n[[sections]]\nid = \"s{i}\"\ntitle = \"Section {i}\"\nbody = \"\"\"\nThe needle is here.\n\nAnd a second paragraph.\n\"\"\"\n"
        ));
    }
    let mut library = Library::default();
    library.add(parse_briefing(
        text.as_bytes(),
        Origin::Embedded("many"),
        Some("many".into()),
    ));
    let query = fold_query("needle");
    bencher.bench(|| {
        let hits = brief::domain::search::grep_library(&library, &query);
        assert_eq!(hits.len(), 100_000);
    });
}

/// What the reader's own thread pays for a save made on another thread, with 10,000
/// notes: the snapshot handed to the save.
#[divan::bench(sample_count = 10)]
fn snapshot_a_store_of_10000_notes(bencher: divan::Bencher) {
    let (_dir, _store, mut set) = store_of_10000_notes();
    let first = set.file.notes[0].id.clone();
    set.update_note(&first, "edited");
    bencher.bench_local(|| set.snapshot());
}

/// ... and adopting the saved copy when a note was edited during the save; `merged`:
/// another instance had saved a note meanwhile, which the save brought in (the slow
/// case, a three-way merge in memory).
#[divan::bench(sample_count = 10, args = [false, true])]
fn adopt_a_save_of_10000_notes_edited_meanwhile(bencher: divan::Bencher, merged: bool) {
    let (_dir, store, set) = store_of_10000_notes();
    let first = set.file.notes[0].id.clone();
    bencher
        .with_inputs(|| {
            let mut live = set.clone();
            live.update_note(&first, "edited");
            if merged {
                let mut other = set.clone();
                other.add_note(set.file.notes[1].anchor.clone(), "by another instance");
                store.save(&mut other, LockMode::Wait).expect("save");
            }
            let (mut copy, ticket) = live.snapshot();
            store.save(&mut copy, LockMode::Wait).expect("save");
            live.update_note(&first, "edited again during the save");
            (live, copy, ticket)
        })
        .bench_local_values(|(mut live, copy, ticket)| {
            live.adopt_saved(copy, ticket);
            live
        });
}
