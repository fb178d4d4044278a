//! The keymap: one table of `action = [keys]` per input context, the defaults read
//! from the example config (`config.example.toml`, compiled in) by the same code that
//! reads the user's `[keys.<context>]` tables, which replace an action's keys in that
//! context. A key bound to two actions in one context is refused with the line and
//! column of the entry, by the reader and by every command alike.
//!
//! Must not depend on terminal crates: the reader turns terminal events into
//! [`KeyChord`]s, and help, hints and the config all read the same tables.

mod action;
mod chord;
mod context;
mod table;

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use action::Action;
pub use chord::{Key, KeyChord, Named, mods};
pub use context::Context;
pub use table::{Binding, KeyTables, parse_key_tables, parse_key_tables_in};

use crate::domain::diag::{Diagnostic, Pos};
use crate::domain::i18n::Lang;

/// An action's keys in one context, each with where it is written, and the file.
type Chosen<'a> = (Vec<(KeyChord, Pos)>, &'a str);

/// One context's own keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Table {
    by_chord: BTreeMap<KeyChord, Action>,
    by_action: BTreeMap<Action, Vec<KeyChord>>,
}

/// Keys to actions, per context, and the language their names are shown in.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: BTreeMap<Context, Table>,
    /// The interface's language: key names in help and hints (`Entrée`), and the help
    /// itself, are shown in it.
    lang: Lang,
}

/// Two keymaps are equal when they bind the same keys, whatever language names them.
impl PartialEq for Keymap {
    fn eq(&self, other: &Keymap) -> bool {
        self.tables == other.tables
    }
}

impl Eq for Keymap {}

/// A group of the help: a context's title and its rows (keys, action).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpGroup {
    /// The context the rows come from.
    pub context: Context,
    /// Each action with the keys that reach it in the active context.
    pub rows: Vec<(Vec<KeyChord>, Action)>,
}

/// The default key tables, read once from the example config.
pub fn default_tables() -> &'static KeyTables {
    static DEFAULTS: OnceLock<KeyTables> = OnceLock::new();
    DEFAULTS.get_or_init(|| {
        // The example is checked by tests; a broken one shows as an empty keymap there.
        parse_key_tables(crate::config::EXAMPLE, "config.example.toml").unwrap_or_default()
    })
}

impl Keymap {
    /// The default keymap.
    pub fn defaults() -> Keymap {
        Keymap::build(&KeyTables::default()).unwrap_or_else(|_| Keymap {
            tables: BTreeMap::new(),
            lang: Lang::En,
        })
    }

    /// The same keys, named in `lang` (the interface's language) in help and hints.
    pub fn in_language(mut self, lang: Lang) -> Keymap {
        self.lang = lang;
        self
    }

    /// The language key names and the help are shown in (English unless set with
    /// [`Keymap::in_language`]).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The defaults, with each action the user's tables name given the user's keys in
    /// that context. Keys bound to two actions in one context are errors, each naming
    /// where it is written, in English (see [`Keymap::build_in`]).
    pub fn build(user: &KeyTables) -> Result<Keymap, Vec<Diagnostic>> {
        Keymap::build_in(user, Lang::En)
    }

    /// [`Keymap::build`], its problems worded in `lang` (the interface's); the keymap
    /// names its keys in `lang` too.
    pub fn build_in(user: &KeyTables, lang: Lang) -> Result<Keymap, Vec<Diagnostic>> {
        let defaults = default_tables();
        // (context, action) → (keys with where they are written, which file).
        let mut chosen: BTreeMap<(Context, Action), Chosen<'_>> = BTreeMap::new();
        for b in &defaults.bindings {
            chosen.insert((b.context, b.action), (b.keys.clone(), &defaults.file));
        }
        for b in &user.bindings {
            chosen.insert((b.context, b.action), (b.keys.clone(), &user.file));
        }
        let mut tables: BTreeMap<Context, Table> = BTreeMap::new();
        let mut seen: BTreeMap<(Context, KeyChord), (Action, Pos, &str)> = BTreeMap::new();
        let mut problems = Vec::new();
        for ((context, action), (keys, file)) in &chosen {
            let table = tables.entry(*context).or_default();
            for (chord, pos) in keys {
                match seen.get(&(*context, *chord)) {
                    Some((other, _, _)) if other == action => continue,
                    Some((other, other_pos, other_file)) => {
                        // Point at the user's entry when one of the two is theirs.
                        let (at_file, at) = if *file == user.file || *other_file != user.file {
                            (*file, *pos)
                        } else {
                            (*other_file, *other_pos)
                        };
                        problems.push(Diagnostic::error(
                            at_file,
                            Some(at),
                            crate::tr!(
                                lang,
                                "keys-bound-twice",
                                key = chord.to_string(),
                                first = other.name(),
                                second = action.name(),
                                table = context.name()
                            ),
                        ));
                        continue;
                    }
                    None => {}
                }
                seen.insert((*context, *chord), (*action, *pos, file));
                table.by_chord.insert(*chord, *action);
                table.by_action.entry(*action).or_default().push(*chord);
            }
        }
        // A key the user gives must mean the same thing wherever it is seen: not hide,
        // in some context, a key of another action that the context inherits (nor be
        // hidden by one).
        let keymap = Keymap { tables, lang };
        let mut reported = std::collections::BTreeSet::new();
        for context in <Context as strum::IntoEnumIterator>::iter() {
            let mut first: BTreeMap<KeyChord, (Context, Action)> = BTreeMap::new();
            for c in Keymap::chain(context) {
                let Some(table) = keymap.tables.get(&c) else {
                    continue;
                };
                for (chord, action) in &table.by_chord {
                    if context.types_text() && chord.is_text() {
                        continue;
                    }
                    let Some((near, near_action)) = first.get(chord).copied() else {
                        first.insert(*chord, (c, *action));
                        continue;
                    };
                    if near_action == *action {
                        continue;
                    }
                    // Which of the two is the user's, if either.
                    let user_side =
                        [(near, near_action), (c, *action)]
                            .into_iter()
                            .find_map(|(ctx, a)| {
                                let (keys, file) = chosen.get(&(ctx, a))?;
                                // A key the defaults give that action there is not the
                                // user's choice (a copy of the example changes nothing).
                                let default = defaults.bindings.iter().any(|b| {
                                    b.context == ctx
                                        && b.action == a
                                        && b.keys.iter().any(|(k, _)| k == chord)
                                });
                                (*file == user.file && !user.file.is_empty() && !default)
                                    .then(|| keys.iter().find(|(k, _)| k == chord).map(|(_, p)| *p))
                                    .flatten()
                            });
                    let Some(at) = user_side else { continue };
                    if reported.insert((near, c, *chord)) {
                        problems.push(Diagnostic::error(
                            &user.file,
                            Some(at),
                            crate::tr!(
                                lang,
                                "keys-inherited-clash",
                                key = chord.to_string(),
                                first = near_action.name(),
                                table = near.name(),
                                second = action.name(),
                                parent = c.name()
                            ),
                        ));
                    }
                }
            }
        }
        problems.sort_by_key(|p| (p.line, p.column));
        if problems.is_empty() {
            Ok(keymap)
        } else {
            Err(problems)
        }
    }

    fn chain(context: Context) -> impl Iterator<Item = Context> {
        std::iter::once(context).chain(context.parents().iter().copied())
    }

    /// The action a key means in a context: its own table first, then its parents'.
    /// While text is typed, a plain character is text (`None`), never a command.
    pub fn resolve(&self, context: Context, chord: KeyChord) -> Option<Action> {
        if context.types_text() && chord.is_text() {
            return None;
        }
        Keymap::chain(context).find_map(|c| self.tables.get(&c)?.by_chord.get(&chord).copied())
    }

    /// Every key that reaches `action` in `context`, nearest table first.
    pub fn keys_of(&self, context: Context, action: Action) -> Vec<KeyChord> {
        let mut out = Vec::new();
        for c in Keymap::chain(context) {
            let Some(keys) = self.tables.get(&c).and_then(|t| t.by_action.get(&action)) else {
                continue;
            };
            for chord in keys {
                if self.resolve(context, *chord) == Some(action) && !out.contains(chord) {
                    out.push(*chord);
                }
            }
        }
        out
    }

    /// The first key of an action in a context, as help and hints show it in the
    /// keymap's language (`?`, `Entrée`), or `""` when unbound.
    pub fn label(&self, context: Context, action: Action) -> String {
        self.keys_of(context, action)
            .first()
            .map(|k| k.label(self.lang))
            .unwrap_or_default()
    }

    /// The help of a context: its own keys first, then those it inherits, the keys
    /// that work everywhere last. An action shows once, with all its keys.
    pub fn help(&self, context: Context) -> Vec<HelpGroup> {
        let mut shown: Vec<Action> = Vec::new();
        let mut groups = Vec::new();
        for c in Keymap::chain(context) {
            let Some(table) = self.tables.get(&c) else {
                continue;
            };
            // The context's own actions in their documented order, then any other it binds.
            let mut actions: Vec<Action> = c
                .own_actions()
                .iter()
                .copied()
                .filter(|a| table.by_action.contains_key(a))
                .collect();
            for a in table.by_action.keys() {
                if !actions.contains(a) {
                    actions.push(*a);
                }
            }
            let mut rows = Vec::new();
            for action in actions {
                if shown.contains(&action) {
                    continue;
                }
                let keys = self.keys_of(context, action);
                if keys.is_empty() {
                    continue;
                }
                shown.push(action);
                rows.push((keys, action));
            }
            if !rows.is_empty() {
                groups.push(HelpGroup { context: c, rows });
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests;
