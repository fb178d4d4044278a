//! Reading key tables from a config file's text: `[keys.<context>]` tables of
//! `action = ["key", …]`, and the older flat `[keys]` entries (the reader's keys, or
//! the global ones for actions that work everywhere). The defaults are read from the
//! example config by this same code. Every problem names its line and column.

use toml::de::{DeTable, DeValue};

use super::action::Action;
use super::chord::KeyChord;
use super::context::Context;
use crate::domain::diag::{Diagnostic, LineIndex, Pos};
use crate::domain::i18n::Lang;
use crate::tr;

/// One `action = [keys]` entry of one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The context it binds in.
    pub context: Context,
    /// The action.
    pub action: Action,
    /// Its keys, each with where it is written.
    pub keys: Vec<(KeyChord, Pos)>,
    /// Where the action's name is written.
    pub pos: Pos,
}

/// The key tables of one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyTables {
    /// The file, for messages.
    pub file: String,
    /// Every entry, in file order.
    pub bindings: Vec<Binding>,
}

/// Reads the `[keys]` part of a config file's text. A file without one gives empty
/// tables. Every problem found is returned, not only the first, worded in English (see
/// [`parse_key_tables_in`]).
pub fn parse_key_tables(text: &str, file: &str) -> Result<KeyTables, Vec<Diagnostic>> {
    parse_key_tables_in(text, file, Lang::En)
}

/// [`parse_key_tables`], its problems worded in `lang` (the interface's).
pub fn parse_key_tables_in(
    text: &str,
    file: &str,
    lang: Lang,
) -> Result<KeyTables, Vec<Diagnostic>> {
    let index = LineIndex::new(text.as_bytes());
    let pos = |offset: usize| index.pos(offset);
    let mut tables = KeyTables {
        file: file.to_string(),
        bindings: Vec::new(),
    };
    let document = match DeTable::parse(text) {
        Ok(d) => d,
        Err(e) => {
            return Err(vec![Diagnostic::error(
                file,
                e.span().map(|s| pos(s.start)),
                tr!(lang, "config-invalid", message = e.message().trim()),
            )]);
        }
    };
    let Some((_, keys)) = document
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "keys")
    else {
        return Ok(tables);
    };
    let mut problems = Vec::new();
    let error = |at: usize, message: String| Diagnostic::error(file, Some(pos(at)), message);
    let DeValue::Table(entries) = keys.get_ref() else {
        return Err(vec![error(
            keys.span().start,
            tr!(lang, "keys-not-a-table"),
        )]);
    };
    for (name, value) in entries.iter() {
        let name_text = name.get_ref().as_ref();
        match value.get_ref() {
            // The older flat form: `[keys] next = ["j"]`.
            DeValue::Array(_) => {
                let Some(action) = Action::from_name(name_text) else {
                    let at = pos(name.span().start);
                    problems.push(unknown_action(file, at, name_text, None, lang));
                    continue;
                };
                let context = if Context::Global.own_actions().contains(&action) {
                    Context::Global
                } else {
                    Context::Reader
                };
                read_binding(
                    &mut tables,
                    &mut problems,
                    (&pos, file, lang),
                    context,
                    action,
                    name.span().start,
                    value,
                );
            }
            DeValue::Table(actions) => {
                let Some(context) = Context::from_name(name_text) else {
                    use strum::IntoEnumIterator;
                    let known: Vec<&str> = Context::iter().map(Context::name).collect();
                    problems.push(error(
                        name.span().start,
                        tr!(
                            lang,
                            "keys-unknown-table",
                            table = name_text,
                            tables = known.join(", ")
                        ),
                    ));
                    continue;
                };
                for (action_name, keys) in actions.iter() {
                    let text = action_name.get_ref().as_ref();
                    let at = pos(action_name.span().start);
                    let Some(action) = Action::from_name(text) else {
                        problems.push(unknown_action(file, at, text, Some(context), lang));
                        continue;
                    };
                    if !context.accepts(action) {
                        problems.push(Diagnostic::error(
                            file,
                            Some(at),
                            tr!(
                                lang,
                                "keys-action-not-here",
                                action = action.name(),
                                table = context.name(),
                                actions = accepted(context).join(", ")
                            ),
                        ));
                        continue;
                    }
                    read_binding(
                        &mut tables,
                        &mut problems,
                        (&pos, file, lang),
                        context,
                        action,
                        action_name.span().start,
                        keys,
                    );
                }
            }
            _ => problems.push(error(
                value.span().start,
                tr!(lang, "keys-needs-list-or-table", action = name_text),
            )),
        }
    }
    // The document's tables come sorted by name: report in the file's order.
    tables.bindings.sort_by_key(|b| (b.pos.line, b.pos.column));
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() {
        Ok(tables)
    } else {
        Err(problems)
    }
}

/// Where problems are: positions of the text, the file's name, and their language.
type Place<'a> = (&'a dyn Fn(usize) -> Pos, &'a str, Lang);

fn read_binding(
    tables: &mut KeyTables,
    problems: &mut Vec<Diagnostic>,
    (pos, file, lang): Place<'_>,
    context: Context,
    action: Action,
    name_at: usize,
    value: &toml::Spanned<DeValue<'_>>,
) {
    let DeValue::Array(items) = value.get_ref() else {
        problems.push(Diagnostic::error(
            file,
            Some(pos(value.span().start)),
            tr!(lang, "keys-needs-list", action = action.name()),
        ));
        return;
    };
    let mut keys = Vec::new();
    for item in items.iter() {
        let at = pos(item.span().start);
        let Some(text) = item.get_ref().as_str() else {
            problems.push(Diagnostic::error(
                file,
                Some(at),
                tr!(lang, "keys-key-is-string"),
            ));
            continue;
        };
        match KeyChord::parse(text) {
            Ok(chord) if context.types_text() && chord.is_text() => {
                problems.push(Diagnostic::error(
                    file,
                    Some(at),
                    tr!(lang, "keys-types-text", key = text, table = context.name()),
                ));
            }
            Ok(chord) => keys.push((chord, at)),
            Err(_) => problems.push(Diagnostic::error(
                file,
                Some(at),
                tr!(lang, "keys-not-a-key", key = text),
            )),
        }
    }
    tables.bindings.push(Binding {
        context,
        action,
        keys,
        pos: pos(name_at),
    });
}

fn accepted(context: Context) -> Vec<&'static str> {
    let mut names: Vec<&str> = context.own_actions().iter().map(|a| a.name()).collect();
    for parent in context.parents() {
        names.extend(parent.own_actions().iter().map(|a| a.name()));
    }
    names.dedup();
    names
}

fn unknown_action(
    file: &str,
    at: Pos,
    name: &str,
    context: Option<Context>,
    lang: Lang,
) -> Diagnostic {
    let known = match context {
        Some(c) => accepted(c),
        None => {
            use strum::IntoEnumIterator;
            Action::iter().map(Action::name).collect()
        }
    };
    let place = context.map_or_else(|| "[keys]".to_string(), |c| format!("[keys.{}]", c.name()));
    Diagnostic::error(
        file,
        Some(at),
        tr!(
            lang,
            "keys-unknown-action",
            action = name,
            place = place,
            actions = known.join(", ")
        ),
    )
}
