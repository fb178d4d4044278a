//! Every message of the catalogues is asked for by the program, and every id the program
//! asks for is in every catalogue: ids passed as literals (`t(lang, "reload-done")`),
//! ids named in tables (`"grade-reliability-a"`), ids a message refers to, and the
//! families of ids composed at run time (`action-<name>`, `cli-value-<type>-<value>`),
//! which are listed explicitly with what enumerates them. Messages still waiting for
//! their code to be converted are listed by file, and the list must stay exact.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use brief::domain::i18n::{Lang, catalog, catalogue_messages, message_ids};

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

/// Messages the catalogues hold for code that still writes its words in English: each
/// group names the file that will ask for them once converted. Every id here must be
/// unused (the test fails when one is used, so the list shrinks as the code is
/// converted) and in the catalogue; an id nobody will ask for is removed, not listed.
const AWAITING_CONVERSION: &[(&str, &[&str])] = &[];

#[test]
fn every_message_is_used_by_the_code() {
    let unused: BTreeSet<String> = unused_message_ids().into_iter().collect();
    let english: BTreeSet<String> = message_ids(Lang::En).into_iter().collect();
    let mut awaiting = BTreeSet::new();
    let mut report = Vec::new();
    for (file, ids) in AWAITING_CONVERSION {
        for id in *ids {
            if !awaiting.insert(*id) {
                report.push(format!("`{id}` is listed twice as awaiting conversion"));
            }
            if !english.contains(*id) {
                report.push(format!(
                    "`{id}` ({file}) is listed as awaiting conversion but is in no catalogue"
                ));
            } else if !unused.contains(*id) {
                report.push(format!(
                    "`{id}` is used now: take it off the list awaiting conversion ({file})"
                ));
            }
        }
    }
    for id in &unused {
        if !awaiting.contains(id.as_str()) {
            report.push(format!(
                "`{id}`: no code uses it (remove it from every catalogue, or use it)"
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// The message ids the program composes at run time (`format!("action-{}", …)`): the
/// prefix, and what enumerates every id of the family, which [`unused_message_ids`]
/// counts as used (and nothing else with that prefix).
const COMPOSED: &[(&str, &str)] = &[
    ("action-", "the keymap's actions (keymap_message_ids)"),
    ("context-", "the keymap's contexts (keymap_message_ids)"),
    ("key-", "the keymap's named keys (keymap_message_ids)"),
    ("cli-about-", "brief::cli::help_message_ids"),
    ("cli-long-", "brief::cli::help_message_ids"),
    ("cli-arg-", "brief::cli::help_message_ids"),
    ("cli-long-arg-", "brief::cli::help_message_ids"),
    ("cli-value-", "brief::cli::help_message_ids"),
];

/// The prefixes of message ids the code builds with `format!`: a literal that starts
/// like an id and goes on with an argument (`"action-{}"`, `"cli-value-{key}-{value}"`),
/// kept when some catalogue id starts with it.
fn composed_prefixes(code: &str, ids: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for piece in code.split("format!(\"").skip(1) {
        let Some(brace) = piece.find('{') else {
            continue;
        };
        let head = &piece[..brace];
        if head.ends_with('-')
            && !head.is_empty()
            && head
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && ids.iter().any(|id| id.starts_with(head))
        {
            out.insert(head.to_owned());
        }
    }
    out
}

#[test]
fn every_id_the_code_composes_belongs_to_a_family_the_usage_check_enumerates() {
    let ids = message_ids(Lang::En);
    let mut found = BTreeSet::new();
    for (path, code) in program_sources() {
        for prefix in composed_prefixes(&code, &ids) {
            if !COMPOSED.iter().any(|(p, _)| *p == prefix) {
                panic!(
                    "{} composes message ids `{prefix}…` at run time: list the family in \
                     COMPOSED with what enumerates its ids, and count those as used in \
                     unused_message_ids",
                    path.display()
                );
            }
            found.insert(prefix);
        }
    }
    for (prefix, how) in COMPOSED {
        assert!(
            found.contains(*prefix),
            "no code composes `{prefix}…` any more ({how}): take it off COMPOSED"
        );
    }
}

#[test]
fn the_composition_scanner_finds_id_prefixes_only() {
    let ids = vec![
        "action-quit".to_string(),
        "cli-value-format-json".to_string(),
    ];
    let code = r#"t(lang, &format!("action-{}", a)); format!("cli-value-{key}-{v}");
        format!("section-{}", n); format!("{x}-y"); format!("note--{}", u)"#;
    let found: Vec<String> = composed_prefixes(code, &ids).into_iter().collect();
    assert_eq!(found, ["action-", "cli-value-"]);
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
