//! The catalogues and the locale machinery: every language has every message, every id
//! the code asks for exists, plurals follow CLDR (0, 1, 2, 1000 in English and French),
//! numbers and dates read as each locale writes them, French typography is applied to
//! the catalogue and never to arguments, and the language is chosen as POSIX says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use brief::domain::date::{DateSpan, PartialDate};
use brief::domain::i18n::{
    Args, Catalog, DocLabel, DocLabels, Lang, RawLabels, catalog, catalogue_messages,
    confidence_label, format_civil_date, format_civil_datetime, format_count, format_number,
    format_partial_date, format_span, format_timestamp_utc, interface_language, kind_badge,
    kind_label, locale_language, message_ids, month_heading, t, validate_labels,
};
use brief::tr;

const NNBSP: char = '\u{202f}';

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).expect("a valid date")
}

fn span(from: &str, to: Option<&str>) -> DateSpan {
    DateSpan {
        from: date(from),
        to: to.map(date),
        label: None,
        confidence: None,
    }
}

/// French output with `_` standing for the narrow no-break space, to keep expectations
/// readable.
fn fr(text: &str) -> String {
    text.replace('_', &NNBSP.to_string())
}

// ---------------------------------------------------------------------------------
// The catalogues are complete and well formed.

#[test]
fn the_catalogues_parse_without_problems() {
    assert_eq!(catalog().problems(), [] as [String; 0]);
    assert!(message_ids(Lang::En).len() > 300);
}

#[test]
fn every_language_has_every_message_and_no_other() {
    let english: BTreeSet<String> = message_ids(Lang::En).into_iter().collect();
    let mut report = Vec::new();
    for lang in Lang::ALL {
        let ids = message_ids(lang);
        let mine: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(
            mine.len(),
            ids.len(),
            "{}: an id is defined twice",
            lang.catalogue_file()
        );
        for id in english.difference(&mine) {
            report.push(format!("{}: missing `{id}`", lang.catalogue_file()));
        }
        for id in mine.difference(&english) {
            report.push(format!(
                "{}: `{id}` is not in the English catalogue",
                lang.catalogue_file()
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn translations_use_only_the_variables_and_messages_english_has() {
    let english: BTreeMap<String, Vec<String>> = catalogue_messages(Lang::En.catalogue_source())
        .into_iter()
        .map(|m| (m.id, m.variables))
        .collect();
    let mut report = Vec::new();
    for lang in Lang::ALL {
        let messages = catalogue_messages(lang.catalogue_source());
        let ids: BTreeSet<&str> = messages.iter().map(|m| m.id.as_str()).collect();
        for m in &messages {
            let known = english.get(&m.id).cloned().unwrap_or_default();
            for v in &m.variables {
                if !known.contains(v) {
                    report.push(format!(
                        "{}: `{}` uses ${v}, which the code does not pass (English has {known:?})",
                        lang.catalogue_file(),
                        m.id
                    ));
                }
            }
            for r in &m.references {
                if !ids.contains(r.as_str()) {
                    report.push(format!(
                        "{}: `{}` refers to `{r}`, which does not exist",
                        lang.catalogue_file(),
                        m.id
                    ));
                }
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn every_message_formats_without_errors_or_isolation_marks() {
    let catalog = Catalog::build();
    let mut report = Vec::new();
    for lang in Lang::ALL {
        for m in catalogue_messages(lang.catalogue_source()) {
            for n in [0u32, 1, 2, 1000] {
                let mut args = Args::new();
                for v in &m.variables {
                    let name: &'static str = Box::leak(v.clone().into_boxed_str());
                    args.set(name, n);
                }
                match catalog.try_format(lang, &m.id, Some(&args)) {
                    Some(Ok(text)) => {
                        if text.contains(['\u{2068}', '\u{2069}']) {
                            report.push(format!("{lang} {}: isolation marks in {text:?}", m.id));
                        }
                        if text.trim() != text || text.is_empty() {
                            report.push(format!("{lang} {}: empty or padded: {text:?}", m.id));
                        }
                    }
                    Some(Err((text, errors))) => {
                        report.push(format!("{lang} {}: {errors:?} in {text:?}", m.id));
                    }
                    None => report.push(format!("{lang} {}: no value", m.id)),
                }
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// The Rust sources under `src/`, without their test modules (a test naming an id does
/// not make the program use it).
fn program_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                let text = std::fs::read_to_string(&path).expect("read");
                let code = match text.find("#[cfg(test)]") {
                    Some(cut) => text[..cut].to_owned(),
                    None => text,
                };
                out.push((path, code));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

fn looks_like_message_id(s: &str) -> bool {
    s.contains('-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The ids passed as string literals to `t(…)`, `t_args(…)` and `tr!(…)`: the second
/// argument of each call.
fn ids_asked_for(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for call in ["tr!(", "t(", "t_args("] {
        let mut from = 0;
        while let Some(i) = code[from..].find(call) {
            let at = from + i;
            from = at + call.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[from..];
            let mut depth = 0i32;
            let mut comma = None;
            for (j, c) in rest.char_indices() {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth == 0 => break,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        comma = Some(j);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(j) = comma else { continue };
            if let Some(lit) = rest[j + 1..].trim_start().strip_prefix('"')
                && let Some(end) = lit.find('"')
                && looks_like_message_id(&lit[..end])
            {
                out.push(lit[..end].to_owned());
            }
        }
    }
    out
}

/// The messages named after the keymap's vocabulary: `action-<name>` for each action
/// (its description in the help), `context-<name>` for each place keys go to (its
/// title), `key-<name>` for each named key (its label). The code builds these ids from
/// the enums, so they are checked against the enums rather than found in the code.
fn keymap_message_ids() -> Vec<String> {
    use brief::keys::{Action, Context, Named};
    use strum::IntoEnumIterator;
    let mut ids: Vec<String> = Action::iter()
        .map(|a| format!("action-{}", a.name()))
        .collect();
    ids.extend(Context::iter().map(|c| format!("context-{}", c.name())));
    ids.extend(Named::iter().map(|n| format!("key-{}", n.name().to_lowercase())));
    ids.extend(["key-space", "key-ctrl", "key-alt", "key-shift"].map(String::from));
    ids
}

#[test]
fn every_action_context_and_key_has_its_words_in_every_catalogue() {
    let ids = keymap_message_ids();
    assert!(ids.len() > 90, "{}", ids.len());
    let mut report = Vec::new();
    for lang in Lang::ALL {
        for id in &ids {
            if !catalog().has(lang, id) {
                report.push(format!("{}: missing `{id}`", lang.catalogue_file()));
            }
        }
    }
    // And no word for an action, a context or a key that no longer exists.
    for id in message_ids(Lang::En) {
        let family = ["action-", "context-", "key-"]
            .iter()
            .any(|p| id.starts_with(p));
        if family && !ids.contains(&id) {
            report.push(format!("`{id}` names nothing in the keymap"));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn every_id_the_code_asks_for_is_in_every_catalogue() {
    let mut asked = 0;
    let mut report = Vec::new();
    for (path, code) in program_sources() {
        for id in ids_asked_for(&code) {
            asked += 1;
            for lang in Lang::ALL {
                if !catalog().has(lang, &id) {
                    report.push(format!(
                        "{}: asks for `{id}`, missing from {}",
                        path.display(),
                        lang.catalogue_file()
                    ));
                }
            }
        }
    }
    assert!(
        asked >= 10,
        "the scan found only {asked} calls: is it still right?"
    );
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn the_call_scanner_finds_literal_ids_only() {
    let code = r#"let a = t(lang, "reader-x"); tr!(Lang::Fr, "cli-y", n = 1);
        t_args(f(a, b), "date-z", &args); print("no-id"); t(lang, id); format(x, "no-call")"#;
    assert_eq!(ids_asked_for(code), ["cli-y", "reader-x", "date-z"]);
}

/// The catalogue ids no program code names: neither as a string literal anywhere under
/// `src/` (outside tests), nor through another message that is used, nor as the words
/// of an action, a context or a key (see [`keymap_message_ids`]), nor as the help of
/// the command line (its ids follow the commands and arguments: see
/// `brief::cli::help_message_ids`).
fn unused_message_ids() -> Vec<String> {
    let sources = program_sources();
    let mut literals = BTreeSet::new();
    for (_, code) in &sources {
        for piece in code.split('"').skip(1).step_by(2) {
            if looks_like_message_id(piece) {
                literals.insert(piece.to_owned());
            }
        }
    }
    let messages = catalogue_messages(Lang::En.catalogue_source());
    let references: BTreeMap<&str, &[String]> = messages
        .iter()
        .map(|m| (m.id.as_str(), m.references.as_slice()))
        .collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    literals.extend(keymap_message_ids());
    let help = brief::cli::help_message_ids();
    literals.extend(help.required);
    literals.extend(help.optional);
    let mut todo: Vec<String> = messages
        .iter()
        .filter(|m| literals.contains(&m.id))
        .map(|m| m.id.clone())
        .collect();
    while let Some(id) = todo.pop() {
        if used.insert(id.clone()) {
            todo.extend(
                references
                    .get(id.as_str())
                    .into_iter()
                    .flat_map(|r| r.iter().cloned()),
            );
        }
    }
    messages
        .iter()
        .map(|m| m.id.clone())
        .filter(|id| !used.contains(id))
        .collect()
}

#[test]
#[ignore = "enabled when the interface strings are converted"]
fn every_message_is_used_by_the_code() {
    let unused = unused_message_ids();
    assert!(
        unused.is_empty(),
        "{} message(s) no code uses (remove them, or use them):\n{}",
        unused.len(),
        unused.join("\n")
    );
}

/// The command line's messages are all converted (`cli-*`, what `brief show` prints,
/// the summary of `brief import-notes`), except those of `brief export`
/// (`cli-export-*`), which `src/cli/export.rs` will use, and the errors of reading an
/// export (`import-error-*`), which the domain will.
#[test]
fn every_command_line_message_is_used_by_the_code() {
    let unused: Vec<String> = unused_message_ids()
        .into_iter()
        .filter(|id| {
            ["cli-", "show-", "import-"]
                .iter()
                .any(|p| id.starts_with(p))
        })
        .filter(|id| !id.starts_with("cli-export-") && !id.starts_with("import-error-"))
        .collect();
    assert!(
        unused.is_empty(),
        "{} command-line messages no code uses (remove them, or use them):\n{}",
        unused.len(),
        unused.join("\n")
    );
}

#[test]
fn the_messages_this_module_uses_are_seen_as_used() {
    // What the domain already asks for (dates, document labels) must not be reported.
    let unused = unused_message_ids();
    for id in [
        "date-day-month-year",
        "date-month-short",
        "date-day",
        "doc-bottom-line",
        "kind-badge-challenges",
        "confidence-reported",
    ] {
        assert!(!unused.iter().any(|u| u == id), "{id} reported unused");
    }
}

// ---------------------------------------------------------------------------------
// Plurals: CLDR rules, 0 and 1 singular in French.

#[test]
fn timeline_counts_in_both_languages() {
    let en = |n: u32| tr!(Lang::En, "timeline-title", dates = n, briefings = n);
    assert_eq!(en(0), "Timeline · 0 dates in 0 briefings");
    assert_eq!(en(1), "Timeline · 1 date in 1 briefing");
    assert_eq!(en(2), "Timeline · 2 dates in 2 briefings");
    assert_eq!(en(1000), "Timeline · 1,000 dates in 1,000 briefings");
    let fr_ = |n: u32| tr!(Lang::Fr, "timeline-title", dates = n, briefings = n);
    assert_eq!(fr_(0), "Chronologie · 0 date dans 0 briefing");
    assert_eq!(fr_(1), "Chronologie · 1 date dans 1 briefing");
    assert_eq!(fr_(2), "Chronologie · 2 dates dans 2 briefings");
    assert_eq!(
        fr_(1000),
        fr("Chronologie · 1_000 dates dans 1_000 briefings")
    );
}

#[test]
fn check_summary_counts_in_both_languages() {
    let en = |b: usize, e: usize, w: usize| {
        tr!(
            Lang::En,
            "cli-check-summary",
            briefings = b,
            errors = e,
            warnings = w
        )
    };
    assert_eq!(en(0, 0, 0), "0 briefings loaded, 0 errors, 0 warnings");
    assert_eq!(en(1, 1, 1), "1 briefing loaded, 1 error, 1 warning");
    assert_eq!(en(2, 2, 2), "2 briefings loaded, 2 errors, 2 warnings");
    assert_eq!(
        en(1000, 1000, 1000),
        "1,000 briefings loaded, 1,000 errors, 1,000 warnings"
    );
    let fr_ = |b: usize, e: usize, w: usize| {
        tr!(
            Lang::Fr,
            "cli-check-summary",
            briefings = b,
            errors = e,
            warnings = w
        )
    };
    assert_eq!(fr_(0, 0, 0), "0 briefing chargé, 0 erreur, 0 avertissement");
    assert_eq!(fr_(1, 1, 1), "1 briefing chargé, 1 erreur, 1 avertissement");
    assert_eq!(
        fr_(2, 2, 2),
        "2 briefings chargés, 2 erreurs, 2 avertissements"
    );
    assert_eq!(
        fr_(1000, 1000, 1000),
        fr("1_000 briefings chargés, 1_000 erreurs, 1_000 avertissements")
    );
}

#[test]
fn other_plurals_in_both_languages() {
    for (n, en, fr_) in [
        (
            0,
            "reloaded: 0 sections changed",
            "rechargé_: 0 section modifiée",
        ),
        (
            1,
            "reloaded: 1 section changed",
            "rechargé_: 1 section modifiée",
        ),
        (
            2,
            "reloaded: 2 sections changed",
            "rechargé_: 2 sections modifiées",
        ),
        (
            1000,
            "reloaded: 1,000 sections changed",
            "rechargé_: 1_000 sections modifiées",
        ),
    ] {
        assert_eq!(tr!(Lang::En, "reload-done", count = n), en);
        assert_eq!(tr!(Lang::Fr, "reload-done", count = n), fr(fr_));
    }
    assert_eq!(
        tr!(Lang::En, "export-counts", notes = 1, bookmarks = 0),
        "1 note, 0 bookmarks"
    );
    assert_eq!(
        tr!(Lang::Fr, "export-counts", notes = 1, bookmarks = 0),
        "1 note, 0 signet"
    );
    assert_eq!(
        tr!(
            Lang::En,
            "library-title",
            shown = 1,
            total = 12,
            sort = "by date"
        ),
        "Library · 1 of 12 briefings · by date"
    );
    assert_eq!(
        tr!(
            Lang::Fr,
            "library-title",
            shown = 1,
            total = 1,
            sort = "par date"
        ),
        "Bibliothèque · 1 sur 1 briefing · par date"
    );
}

#[test]
fn no_message_says_s_in_brackets() {
    for lang in Lang::ALL {
        for line in lang.catalogue_source().lines() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            assert!(
                !line.contains("(s)") && !line.contains("(es)"),
                "{}: {line}",
                lang.catalogue_file()
            );
        }
    }
}

// ---------------------------------------------------------------------------------
// Numbers and dates by locale.

#[test]
fn numbers_group_by_locale() {
    assert_eq!(format_count(10_000, Lang::En), "10,000");
    assert_eq!(format_count(10_000, Lang::Fr), fr("10_000"));
    assert_eq!(format_count(999, Lang::Fr), "999");
    assert_eq!(format_number(-1_234_567, Lang::Fr), fr("-1_234_567"));
    assert_eq!(
        tr!(
            Lang::Fr,
            "app-loading",
            done = 10_000usize,
            total = 12_345usize
        ),
        fr("chargement 10_000 / 12_345")
    );
    assert_eq!(
        tr!(
            Lang::En,
            "app-loading",
            done = 10_000usize,
            total = 12_345usize
        ),
        "loading 10,000 / 12,345"
    );
    // A decimal keeps its fraction, with the locale's separator.
    assert_eq!(
        tr!(Lang::Fr, "status-percent", percent = 12.5),
        fr("12,5_%")
    );
    assert_eq!(
        tr!(Lang::En, "status-percent", percent = 1234.5),
        "1,234.5%"
    );
}

#[test]
fn partial_dates_by_locale() {
    let cases = [
        ("2026-11-29", "29 Nov 2026", "29 nov. 2026"),
        ("--09-10", "10 Sep", "10 sept."),
        ("2023-09", "Sep 2023", "sept. 2023"),
        ("--09-01", "1 Sep", "1er sept."),
        ("2024-05-02", "2 May 2024", "2 mai 2024"),
        ("2024-02", "Feb 2024", "févr. 2024"),
    ];
    for (text, en, fr_) in cases {
        let d = date(text);
        assert_eq!(format_partial_date(&d, Lang::En), en, "{text}");
        assert_eq!(format_partial_date(&d, Lang::Fr), fr_, "{text}");
    }
    // A year is never grouped like a thousand.
    assert!(!format_partial_date(&date("2026-11-29"), Lang::Fr).contains(NNBSP));
}

#[test]
fn date_ranges_by_locale() {
    let cases = [
        (span("--09-10", Some("--09-13")), "10–13 Sep", "10–13 sept."),
        (
            span("2023-09-01", Some("2023-09-03")),
            "1–3 Sep 2023",
            "1er–3 sept. 2023",
        ),
        (
            span("2023-09-30", Some("2023-10-02")),
            "30 Sep – 2 Oct 2023",
            "30 sept. – 2 oct. 2023",
        ),
        (
            span("2023-12-30", Some("2024-01-02")),
            "30 Dec 2023 – 2 Jan 2024",
            "30 déc. 2023 – 2 janv. 2024",
        ),
        (
            span("2023-09", Some("2023-10")),
            "Sep – Oct 2023",
            "sept. – oct. 2023",
        ),
        (span("--09-10", Some("--09-10")), "10 Sep", "10 sept."),
        (span("--09-10", None), "10 Sep", "10 sept."),
    ];
    for (s, en, fr_) in cases {
        assert_eq!(format_span(&s, Lang::En), en);
        assert_eq!(format_span(&s, Lang::Fr), fr_);
    }
}

#[test]
fn headings_days_and_times_by_locale() {
    assert_eq!(month_heading(Some(2023), 9, Lang::En), "September 2023");
    assert_eq!(month_heading(Some(2023), 9, Lang::Fr), "Septembre 2023");
    assert_eq!(month_heading(None, 8, Lang::En), "August (year not stated)");
    assert_eq!(
        month_heading(None, 8, Lang::Fr),
        "Août (année non précisée)"
    );
    let day = jiff::civil::date(2026, 11, 29);
    assert_eq!(format_civil_date(day, Lang::En), "29 Nov 2026");
    assert_eq!(format_civil_date(day, Lang::Fr), "29 nov. 2026");
    let at = jiff::civil::date(2024, 9, 5).at(8, 30, 0, 0);
    assert_eq!(format_civil_datetime(at, Lang::En), "5 Sep 2024, 08:30");
    assert_eq!(format_civil_datetime(at, Lang::Fr), "5 sept. 2024 à 08:30");
    let stamp: jiff::Timestamp = "2024-09-05T08:30:00Z".parse().expect("timestamp");
    assert_eq!(
        format_timestamp_utc(stamp, Lang::En),
        "5 Sep 2024, 08:30 UTC"
    );
    assert_eq!(
        format_timestamp_utc(stamp, Lang::Fr),
        "5 sept. 2024 à 08:30 UTC"
    );
}

// ---------------------------------------------------------------------------------
// French typography, and arguments left alone.

#[test]
fn french_messages_get_narrow_no_break_spaces() {
    assert_eq!(
        t(Lang::Fr, "filter-label"),
        fr("Filtre_:"),
        "the space before a colon is narrow and no-break"
    );
    assert_eq!(
        t(Lang::Fr, "panel-empty-trash-question"),
        fr("Vider la corbeille_? Ses notes et signets seront supprimés définitivement.")
    );
    let mut report = Vec::new();
    for m in catalogue_messages(Lang::Fr.catalogue_source()) {
        let mut args = Args::new();
        for v in &m.variables {
            let name: &'static str = Box::leak(v.clone().into_boxed_str());
            args.set(name, 2);
        }
        let text = brief::domain::i18n::t_args(Lang::Fr, &m.id, &args);
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            let bad = (w[0] == ' ' && matches!(w[1], ':' | ';' | '?' | '!' | '»' | '%'))
                || (w[0] == '«' && w[1] != NNBSP);
            if bad {
                report.push(format!("{}: {text:?}", m.id));
                break;
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn arguments_are_never_retypeset_but_are_sanitised() {
    assert_eq!(
        tr!(Lang::Fr, "export-done", path = "https://example.org/a:b?c!"),
        "exporté vers https://example.org/a:b?c!"
    );
    assert_eq!(
        tr!(Lang::Fr, "search-no-match-for", query = "x:y"),
        fr("aucun résultat pour «_x:y_»")
    );
    // A format quoted verbatim in the catalogue keeps its colons.
    assert!(t(Lang::Fr, "cli-about-check").contains("`file:line:col: error|warning: message`"));
    // Control characters in an argument arrive as visible symbols, never as escapes.
    let shown = tr!(
        Lang::En,
        "export-done",
        path = "a\u{1b}[31mb\nc".to_string()
    );
    assert_eq!(shown, "exported to a␛[31mb c");
    // Bidi controls are dropped (and brief adds no isolation marks of its own).
    assert_eq!(
        tr!(Lang::En, "cli-man-wrote", folder = "a\u{202e}b"),
        "wrote the manual pages into ab"
    );
}

#[test]
fn a_missing_message_falls_back_to_its_id() {
    assert_eq!(t(Lang::Fr, "no-such-message"), "no-such-message");
    assert!(!catalog().has(Lang::En, "no-such-message"));
}

#[test]
fn the_catalogue_is_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Catalog>();
    let handles: Vec<_> = (0..4)
        .map(|i| std::thread::spawn(move || tr!(Lang::Fr, "reload-done", count = i)))
        .collect();
    for h in handles {
        assert!(h.join().expect("thread").starts_with("rechargé"));
    }
}

// ---------------------------------------------------------------------------------
// Which language.

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

#[test]
fn the_locale_decides_as_posix_says() {
    let cases: [(&[(&str, &str)], Lang); 11] = [
        (&[("LANG", "fr_FR.UTF-8")], Lang::Fr),
        (&[("LANG", "fr")], Lang::Fr),
        (&[("LANG", "fr_CA")], Lang::Fr),
        (&[("LANG", "fr_BE@euro")], Lang::Fr),
        (&[("LANG", "en_US.UTF-8")], Lang::En),
        (&[("LANG", "C")], Lang::En),
        (&[("LANG", "POSIX")], Lang::En),
        (&[], Lang::En),
        // An empty variable does not count; the next one decides.
        (
            &[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "fr_FR.UTF-8"),
                ("LANG", "en_GB"),
            ],
            Lang::Fr,
        ),
        // The first non-empty one decides, even when brief does not speak it.
        (
            &[("LC_ALL", "de_DE.UTF-8"), ("LANG", "fr_FR.UTF-8")],
            Lang::En,
        ),
        (&[("LC_ALL", "C.UTF-8"), ("LANG", "fr_FR.UTF-8")], Lang::En),
    ];
    for (env, want) in cases {
        assert_eq!(locale_language(env_of(env)), want, "{env:?}");
    }
}

#[test]
fn the_config_wins_over_the_locale() {
    let french = env_of(&[("LANG", "fr_FR.UTF-8")]);
    assert_eq!(interface_language(Some(Lang::En), &french), Lang::En);
    assert_eq!(interface_language(None, &french), Lang::Fr);
    let english = env_of(&[("LANG", "en_US.UTF-8")]);
    assert_eq!(interface_language(Some(Lang::Fr), english), Lang::Fr);
}

#[test]
fn a_document_speaks_its_own_language() {
    assert_eq!(Lang::for_document(Some("fr"), Lang::En), Lang::Fr);
    assert_eq!(Lang::for_document(Some("fr-CA"), Lang::En), Lang::Fr);
    assert_eq!(Lang::for_document(Some("en-GB"), Lang::Fr), Lang::En);
    assert_eq!(Lang::for_document(Some("de"), Lang::Fr), Lang::Fr);
    assert_eq!(Lang::for_document(None, Lang::En), Lang::En);
}

// ---------------------------------------------------------------------------------
// Labels that belong to the document.

#[test]
fn kinds_and_confidence_have_a_label_per_language() {
    assert_eq!(
        kind_label("military-cooperation", Lang::En),
        "Military cooperation"
    );
    assert_eq!(
        kind_label("military-cooperation", Lang::Fr),
        "Coopération militaire"
    );
    assert_eq!(kind_badge("military-cooperation", Lang::Fr), "MIL");
    assert_eq!(kind_badge("challenges", Lang::En), "CHL");
    assert_eq!(kind_badge("challenges", Lang::Fr), "DÉF");
    assert_eq!(kind_label("us-motives", Lang::Fr), "Us motives");
    assert_eq!(kind_badge("us-motives", Lang::Fr), "USM");
    for (kind, _, _) in brief::domain::briefing::KNOWN_KINDS {
        for lang in Lang::ALL {
            let badge = kind_badge(kind, lang);
            let width = brief::domain::text::display_width(&badge);
            assert!((1..=3).contains(&width), "{kind} {lang}: {badge}");
        }
    }
    assert_eq!(confidence_label("reported", Lang::En), "reported");
    assert_eq!(confidence_label("reported", Lang::Fr), "rapportée");
    assert_eq!(confidence_label("unconfirmed", Lang::Fr), "non confirmée");
    assert_eq!(confidence_label("per-sources", Lang::Fr), "per sources");
}

#[test]
fn document_labels_follow_the_documents_language() {
    let fr_doc = DocLabels::new(Lang::Fr, None);
    assert_eq!(fr_doc.get(DocLabel::BottomLine), "L’essentiel");
    assert_eq!(fr_doc.get(DocLabel::Overview), "Vue d’ensemble");
    assert_eq!(fr_doc.date_or_not_stated(None), "non précisée");
    assert_eq!(
        fr_doc.accessed(&date("2026-11-24")),
        "consultée le 24 nov. 2026"
    );
    let en_doc = DocLabels::new(Lang::En, None);
    assert_eq!(en_doc.get(DocLabel::BottomLine), "Bottom line");
    assert_eq!(en_doc.accessed(&date("2026-11-24")), "accessed 24 Nov 2026");
    assert_eq!(en_doc.get(DocLabel::Accessed), "accessed {date}");
    let mut s = span("--09-10", Some("--09-13"));
    s.label = Some("Window\tmentioned".into());
    s.confidence = Some("reported".into());
    assert_eq!(
        fr_doc.describe(&s),
        "10–13 sept. — Window mentioned (rapportée)"
    );
    assert_eq!(
        en_doc.describe(&s),
        "10–13 Sep — Window mentioned (reported)"
    );
}

#[test]
fn a_briefing_overrides_its_labels() {
    let text = r#"
bottom-line = "Key judgements"
accessed = "seen on {date}"

[kinds]
us-motives = "US motives"
military-cooperation = "Defence cooperation"

[badges]
us-motives = "USM"

[confidence]
reported = "per press reports"
"#;
    let raw: RawLabels = toml::from_str(text).expect("parses");
    let (overrides, problems) = validate_labels(raw);
    assert!(problems.is_empty(), "{problems:?}");
    let labels = DocLabels::new(Lang::En, Some(&overrides));
    assert_eq!(labels.get(DocLabel::BottomLine), "Key judgements");
    assert_eq!(labels.get(DocLabel::Sources), "Sources");
    assert_eq!(labels.accessed(&date("2026-11-24")), "seen on 24 Nov 2026");
    assert_eq!(labels.kind_label("us-motives"), "US motives");
    assert_eq!(
        labels.kind_label("military-cooperation"),
        "Defence cooperation"
    );
    assert_eq!(labels.kind_label("context"), "Context");
    assert_eq!(labels.kind_badge("us-motives"), "USM");
    assert_eq!(labels.kind_badge("context"), "CTX");
    assert_eq!(labels.confidence("reported"), "per press reports");
    assert_eq!(labels.confidence("confirmed"), "confirmed");
    // The document's language still decides what is not overridden.
    let french = DocLabels::new(Lang::Fr, Some(&overrides));
    assert_eq!(french.kind_label("context"), "Contexte");
}

#[test]
fn bad_label_tables_are_located() {
    let text = "bottom-line = \"  \"\n\
                accessed = \"consulted\"\n\
                sources = \"a\\nb\"\n\
                overview = \"x\\u001b[2Jy\"\n\
                [kinds]\n\
                \"Not Slug\" = \"x\"\n\
                [badges]\n\
                context = \"LONG\"\n";
    let raw: RawLabels = toml::from_str(text).expect("parses");
    let (overrides, problems) = validate_labels(raw);
    assert!(overrides.is_empty(), "{overrides:?}");
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (&text[p.span.clone()], p.message.as_str()))
        .collect();
    let expect = [
        ("\"x\\u001b[2Jy\"", "label `overview` contains a control"),
        ("\"  \"", "label `bottom-line` is empty"),
        ("\"a\\nb\"", "label `sources` must be one line"),
        (
            "\"consulted\"",
            "the `accessed` label must say where the date goes",
        ),
        (
            "\"Not Slug\"",
            "`Not Slug` in [labels.kinds] is not a lowercase slug",
        ),
        ("\"LONG\"", "the badge for `context` is 4 columns wide"),
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for ((at, message), (want_at, want_message)) in found.iter().zip(expect) {
        assert_eq!(*at, want_at);
        assert!(message.starts_with(want_message), "{message}");
    }
    let unknown = toml::from_str::<RawLabels>("bottom = \"x\"\n")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(unknown.contains("unknown field `bottom`"), "{unknown}");
}
