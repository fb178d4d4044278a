//! Unit tests of the keymap: defaults, user tables, conflicts, help order.

use super::*;
use strum::IntoEnumIterator;

fn tables(text: &str) -> KeyTables {
    match parse_key_tables(text, "c.toml") {
        Ok(t) => t,
        Err(e) => panic!("{e:?}"),
    }
}

fn errors(text: &str) -> Vec<String> {
    let user = match parse_key_tables(text, "c.toml") {
        Ok(t) => t,
        Err(e) => return e.iter().map(ToString::to_string).collect(),
    };
    match Keymap::build(&user) {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

fn chord(text: &str) -> KeyChord {
    match KeyChord::parse(text) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_defaults_build_without_conflict() {
    assert!(!default_tables().bindings.is_empty());
    let built = Keymap::build(&KeyTables::default());
    assert!(built.is_ok(), "{built:?}");
}

#[test]
fn every_action_has_a_default_key_somewhere() {
    let km = Keymap::defaults();
    for action in Action::iter() {
        let bound = Context::iter().any(|c| !km.keys_of(c, action).is_empty());
        assert!(bound, "{action:?} has no key in any context");
    }
}

#[test]
fn every_context_reaches_its_own_actions() {
    let km = Keymap::defaults();
    for context in Context::iter().filter(|c| !c.is_shared()) {
        for action in context.own_actions() {
            assert!(
                !km.keys_of(context, *action).is_empty(),
                "{action:?} has no key in {context:?}"
            );
        }
    }
}

#[test]
fn the_same_key_means_the_same_thing_in_every_list() {
    let km = Keymap::defaults();
    let lists = [
        Context::Library,
        Context::Outline,
        Context::Panel,
        Context::Timeline,
        Context::Compare,
        Context::Help,
        Context::Messages,
    ];
    for context in lists {
        for (key, action) in [
            ("j", Action::Next),
            ("k", Action::Previous),
            ("g", Action::Top),
            ("G", Action::Bottom),
            ("Enter", Action::Open),
            ("Esc", Action::Back),
            ("?", Action::Help),
            ("q", Action::Quit),
        ] {
            assert_eq!(
                km.resolve(context, chord(key)),
                Some(action),
                "{key} in {context:?}"
            );
        }
    }
    // `/` searches the text or filters the list.
    for context in [
        Context::Library,
        Context::Panel,
        Context::Timeline,
        Context::Reader,
    ] {
        assert_eq!(km.resolve(context, chord("/")), Some(Action::Search));
    }
}

#[test]
fn typing_contexts_take_letters_as_text() {
    let km = Keymap::defaults();
    for context in Context::iter().filter(|c| c.types_text() && !c.is_shared()) {
        for key in ["q", "?", "j", "M", " "] {
            assert_eq!(
                km.resolve(context, chord(key)),
                None,
                "{key:?} in {context:?}"
            );
        }
        assert_eq!(km.resolve(context, chord("F1")), Some(Action::Help));
        assert_eq!(
            km.resolve(context, chord("Ctrl-c")),
            Some(Action::ForceQuit)
        );
    }
}

#[test]
fn a_context_table_replaces_keys_there_only() {
    let user = tables("[keys.panel]\ndelete = [\"x\"]\n");
    let km = Keymap::build(&user).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(km.resolve(Context::Panel, chord("x")), Some(Action::Delete));
    assert_eq!(km.resolve(Context::Panel, chord("d")), None);
    assert_eq!(km.label(Context::Panel, Action::Delete), "x");
    // The reader's keys are untouched.
    assert_eq!(km.resolve(Context::Reader, chord("d")), None);
    assert_eq!(
        km.resolve(Context::Reader, chord("b")),
        Some(Action::ToggleBookmark)
    );
}

#[test]
fn the_flat_form_binds_the_reader_and_global_actions() {
    let user = tables("[keys]\nnext-section = [\"w\"]\nhelp = [\"F2\"]\n");
    assert_eq!(user.bindings[0].context, Context::Reader);
    let km = Keymap::build(&user).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        km.resolve(Context::Reader, chord("w")),
        Some(Action::NextSection)
    );
    assert_eq!(km.resolve(Context::Reader, chord("]")), None);
    assert_eq!(km.resolve(Context::Panel, chord("F2")), Some(Action::Help));
    assert_eq!(km.resolve(Context::Panel, chord("?")), None);
}

#[test]
fn a_key_bound_twice_in_one_context_is_refused_where_the_user_wrote_it() {
    let e = errors("[keys.reader]\nannotate = [\"n\"]\n");
    assert_eq!(
        e,
        vec![
            "c.toml:2:13: error: key `n` is bound to both `search-next` and `annotate` in [keys.reader]; give it to one of them"
        ]
    );
    let e = errors("[keys]\nhelp = [\"x\"]\nlibrary = [\"?\", \"x\"]\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(
            "c.toml:3:17: error: key `x` is bound to both `help` and `library` in [keys.global]"
        ),
        "{e:?}"
    );
}

#[test]
fn every_problem_names_its_place() {
    let e = errors(
        "[keys.nowhere]\nnext = [\"j\"]\n[keys.panel]\nfly = [\"x\"]\nnext-section = [\"]\"]\nedit = [\"Hyper-x\"]\n[keys.editor]\nsave = [\"s\"]\n",
    );
    assert_eq!(e.len(), 5, "{e:?}");
    assert!(
        e[0].starts_with("c.toml:1:7: error: unknown key table [keys.nowhere]"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("c.toml:4:1: error: unknown action `fly` in [keys.panel]"),
        "{e:?}"
    );
    assert!(
        e[2].starts_with("c.toml:5:1: error: `next-section` does nothing in [keys.panel]"),
        "{e:?}"
    );
    assert!(
        e[3].starts_with("c.toml:6:9: error: `Hyper-x` is not a key"),
        "{e:?}"
    );
    assert!(
        e[4].starts_with("c.toml:8:9: error: `s` types text in [keys.editor]"),
        "{e:?}"
    );
}

#[test]
fn help_shows_the_screen_first_and_the_global_keys_last() {
    let km = Keymap::defaults();
    let help = km.help(Context::Panel);
    assert_eq!(help.first().map(|g| g.context), Some(Context::Panel));
    assert_eq!(help.last().map(|g| g.context), Some(Context::Global));
    let all: Vec<Action> = help
        .iter()
        .flat_map(|g| g.rows.iter().map(|(_, a)| *a))
        .collect();
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "an action shows once");
    assert!(all.contains(&Action::Delete) && all.contains(&Action::Next));
}

#[test]
fn a_users_key_may_not_hide_or_be_hidden_by_an_inherited_one() {
    // `j` is already `next` in every list and in the reader.
    let e = errors("[keys]\nquit = [\"j\"]\n");
    assert!(!e.is_empty());
    assert!(
        e[0].starts_with(
            "c.toml:2:9: error: key `j` is `next` in [keys.list] and `quit` in [keys.global]"
        ),
        "{e:?}"
    );
    // `q` quits everywhere: the panel may not take it for `delete`.
    let e = errors("[keys.panel]\ndelete = [\"q\"]\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(
            "c.toml:2:11: error: key `q` is `delete` in [keys.panel] and `quit` in [keys.global]"
        ),
        "{e:?}"
    );
    // While typing, letters are text: a global letter hides nothing there.
    assert!(errors("[keys.global]\nmessages = [\"U\"]\n").is_empty());
}
