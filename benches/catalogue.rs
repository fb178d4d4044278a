//! Benchmarks of the catalogue (`cargo bench --bench catalogue`), with divan: opening
//! it and listing the library's rows (what a warm start shows), a rare-term search to
//! its last hit, the first hits of a common term, the timeline's dates and the compare
//! view's kinds, and a refresh that finds nothing changed.
//!
//! By default a library of 2,000 generated briefings of about 10 KB is indexed once in
//! a temp dir. To measure an archive, index it first (`brief index DIR` with
//! `cache_dir` set) and give both: `BRIEF_BENCH_ARCHIVE=DIR BRIEF_BENCH_CACHE=CACHE
//! cargo bench --bench catalogue` (`bench/e2e.py --archive N` does it for the generated
//! archive). The rare term is `ZQXNEEDLE`, which one briefing holds.

use std::path::PathBuf;
use std::sync::OnceLock;

use brief::domain::briefing::Kind;
use brief::domain::catalogue::{Catalogue, RefreshOptions};
use brief::domain::fold::fold_query;

fn main() {
    divan::main();
}

/// The library folder and the cache dir holding its catalogue.
fn archive() -> &'static (PathBuf, PathBuf) {
    static ARCHIVE: OnceLock<(Option<tempfile::TempDir>, (PathBuf, PathBuf))> = OnceLock::new();
    &ARCHIVE
        .get_or_init(|| {
            if let (Some(dir), Some(cache)) = (
                std::env::var_os("BRIEF_BENCH_ARCHIVE"),
                std::env::var_os("BRIEF_BENCH_CACHE"),
            ) {
                return (None, (PathBuf::from(dir), PathBuf::from(cache)));
            }
            let temp = tempfile::tempdir().expect("tempdir");
            let dir = temp.path().join("lib");
            std::fs::create_dir_all(&dir).expect("lib");
            for i in 0..2_000 {
                let text = briefing_text(10_000, i, i == 1_000);
                std::fs::write(dir.join(format!("b{i:05}.toml")), text).expect("write");
            }
            let cache = temp.path().join("cache");
            let mut catalogue = Catalogue::open(&cache, &dir).expect("open").catalogue;
            catalogue
                .refresh(&RefreshOptions::default(), &mut |_| true)
                .expect("index");
            (Some(temp), (dir, cache))
        })
        .1
}

/// About `bytes` of deterministic prose in sections; `needle` adds the rare term.
fn briefing_text(bytes: usize, i: usize, needle: bool) -> String {
    const WORDS: [&str; 12] = [
        "the",
        "quarterly",
        "briefing",
        "économie",
        "stratégie",
        "réunion",
        "cœur",
        "œuvre",
        "coopération",
        "東京の会議",
        "서울",
        "signals",
    ];
    let mut seed = i as u64 + 11;
    let mut text = format!(
        "title = \"Briefing {i:05}\"\ndate = 2026-01-{:02}\n",
        1 + i % 28
    );
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        let mut body = String::new();
        for _ in 0..120 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            body.push_str(WORDS[(seed >> 33) as usize % WORDS.len()]);
            body.push(' ');
        }
        text.push_str(&format!(
            "\n[[sections]]\nid = \"s{n}\"\ntitle = \"Section {n}\"\nkind = \"context\"\nbody = \"\"\"\n{body}\n\"\"\"\n"
        ));
    }
    if needle {
        text.push_str(
            "\n[[sections]]\nid = \"last\"\ntitle = \"Last\"\nbody = \"ZQXNEEDLE QWFPGJLUY\"\n",
        );
    }
    text
}

fn catalogue() -> Catalogue {
    let (dir, cache) = archive();
    Catalogue::open(cache, dir).expect("open").catalogue
}

#[divan::bench(sample_count = 10)]
fn open_and_list() -> brief::domain::catalogue::Listing {
    // Returned, so that dropping 100,000 rows is not timed (the reader keeps them).
    catalogue().listing().expect("listing")
}

#[divan::bench(sample_count = 10)]
fn open_and_list_first_200() -> brief::domain::catalogue::Listing {
    catalogue().listing_head(200).expect("listing")
}

#[divan::bench(sample_count = 10)]
fn search_rare_term_to_last_hit(bencher: divan::Bencher) {
    let c = catalogue();
    let query = fold_query("ZQXNEEDLE");
    bencher.bench_local(|| {
        let mut hits = 0;
        c.search(&query, &mut |h| {
            hits += h.len();
            true
        })
        .expect("search");
        assert!(hits > 0);
        hits
    });
}

#[divan::bench(sample_count = 10)]
fn search_common_term_first_hits(bencher: divan::Bencher) {
    let c = catalogue();
    let query = fold_query("coopération");
    bencher.bench_local(|| {
        let mut hits = 0;
        c.search(&query, &mut |h| {
            hits += h.len();
            false
        })
        .expect("search");
        hits
    });
}

#[divan::bench(sample_count = 5)]
fn timeline_dates_and_compare_kinds(bencher: divan::Bencher) {
    let c = catalogue();
    bencher.bench_local(|| {
        let dates = c.dated_sections().expect("dates").len();
        let kinds = c.kinds().expect("kinds");
        let context = c
            .sections_of_kind(&Kind::new("context"))
            .expect("sections")
            .len();
        (dates, kinds.len(), context)
    });
}

#[divan::bench(sample_count = 3)]
fn refresh_with_nothing_changed(bencher: divan::Bencher) {
    let mut c = catalogue();
    bencher.bench_local(|| {
        c.refresh(&RefreshOptions::default(), &mut |_| true)
            .expect("refresh")
            .unchanged
    });
}
