//! The interface in several languages: message catalogues (Fluent files embedded in the
//! binary), the choice of language (config, then the POSIX locale), and locale-aware
//! numbers, dates and document labels. Must not depend on terminal crates.
//!
//! Calling it:
//!
//! ```
//! use brief::domain::i18n::{Lang, t};
//! assert_eq!(t(Lang::Fr, "panel-trash-empty"), "la corbeille est vide");
//! assert_eq!(brief::tr!(Lang::En, "reload-done", count = 1), "reloaded: 1 section changed");
//! assert_eq!(brief::tr!(Lang::Fr, "reload-done", count = 0), "rechargé\u{202f}: 0 section modifiée");
//! ```
//!
//! Counts are passed as numbers (never as text), so Fluent picks the CLDR plural form
//! and the catalogue's separators apply (`10,000` / `10 000`). Text arguments are made
//! safe for a terminal on the way in ([`sanitize_line`]); HTML or Markdown must be
//! escaped by the caller before it is passed. Unicode isolation marks around
//! arguments are turned off: on a terminal they either show as boxes or shift widths,
//! and every argument we pass is already sanitised of bidi controls.

mod dates;
mod labels;
mod numbers;
mod tradecraft;
mod typography;

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::text::sanitize_line;

pub use dates::{
    describe_span, format_civil_date, format_civil_datetime, format_partial_date, format_span,
    format_timestamp_utc, month_heading,
};
pub use labels::{
    DocLabel, DocLabels, LabelOverrides, LabelProblem, RawLabels, confidence_label, kind_badge,
    kind_label, validate_labels,
};
pub use numbers::{format_count, format_number};
pub use tradecraft::{grade_meaning, tlp_meaning};
pub use typography::french_typography;

/// A language the interface speaks.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English: the default, and the fallback for any message a catalogue lacks.
    #[default]
    En,
    /// French.
    Fr,
}

/// What the code knows of one language: everything else is in its catalogue.
struct LangData {
    lang: Lang,
    /// The BCP 47 primary language subtag, also the name in the config.
    code: &'static str,
    /// The catalogue, embedded.
    source: &'static str,
    /// Where the catalogue lives in the repository, for messages.
    file: &'static str,
    /// Between groups of three digits.
    group: char,
    /// Before the fraction.
    decimal: char,
    /// Typography applied to the catalogue's own text (never to arguments).
    transform: Option<fn(&str) -> Cow<'_, str>>,
    /// How Fluent prints numbers in this language.
    formatter: NumberFormatter,
}

type NumberFormatter =
    fn(&FluentValue<'_>, &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String>;

/// Every language, in the order of [`Lang`]'s variants (a test checks it).
const LANGS: [LangData; 2] = [
    LangData {
        lang: Lang::En,
        code: "en",
        source: include_str!("../../locales/en/brief.ftl"),
        file: "locales/en/brief.ftl",
        group: ',',
        decimal: '.',
        transform: None,
        formatter: numbers::fluent_number::<0>,
    },
    LangData {
        lang: Lang::Fr,
        code: "fr",
        source: include_str!("../../locales/fr/brief.ftl"),
        file: "locales/fr/brief.ftl",
        // CLDR: a narrow no-break space between groups, a comma before decimals.
        group: '\u{202f}',
        decimal: ',',
        transform: Some(typography::french_typography),
        formatter: numbers::fluent_number::<1>,
    },
];

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    fn data(self) -> &'static LangData {
        let data = &LANGS[self as usize];
        debug_assert_eq!(data.lang, self, "LANGS is in the order of Lang's variants");
        data
    }

    /// The language's code: `en`, `fr` (as in the config and in BCP 47).
    pub fn code(self) -> &'static str {
        self.data().code
    }

    /// The catalogue file, relative to the repository root (`locales/fr/brief.ftl`).
    pub fn catalogue_file(self) -> &'static str {
        self.data().file
    }

    /// The catalogue's text, as embedded.
    pub fn catalogue_source(self) -> &'static str {
        self.data().source
    }

    /// The language of a BCP 47 tag (`fr`, `fr-CA`, `en-GB`) or of a POSIX locale name
    /// (`fr_FR.UTF-8`, `fr_BE@euro`); `None` for `C`, `POSIX` and any language brief
    /// does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        // `fr_FR.UTF-8@euro`: the language is what comes before `_`, `-`, `.` or `@`.
        let primary = tag.split(['_', '-', '.', '@']).next()?.trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language a document's own labels are drawn in: the briefing's `language`
    /// when brief speaks it, else `fallback` (the interface's).
    pub fn for_document(language: Option<&str>, fallback: Lang) -> Lang {
        language.and_then(Lang::from_tag).unwrap_or(fallback)
    }

    /// Where numbers group digits (`,` in English, U+202F in French).
    pub fn group_separator(self) -> char {
        self.data().group
    }

    /// What separates the fraction (`.` in English, `,` in French).
    pub fn decimal_separator(self) -> char {
        self.data().decimal
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The environment variables that name the locale, in POSIX order of precedence.
pub const LOCALE_VARIABLES: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty decides (POSIX), as read through `env`; `C`, `POSIX`, an unknown
/// language or no locale at all mean English. Pure, so it is tested without touching
/// the process's environment.
pub fn locale_language(env: impl Fn(&str) -> Option<String>) -> Lang {
    LOCALE_VARIABLES
        .iter()
        .find_map(|var| env(var).filter(|v| !v.is_empty()))
        .and_then(|locale| Lang::from_tag(&locale))
        .unwrap_or(Lang::En)
}

/// The interface's language: the config's `language` when set, else the locale's
/// (see [`locale_language`]).
pub fn interface_language(configured: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    configured.unwrap_or_else(|| locale_language(env))
}

/// The message catalogues of every language, parsed once.
pub struct Catalog {
    bundles: Vec<FluentBundle<FluentResource>>,
    problems: Vec<String>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("languages", &self.bundles.len())
            .field("problems", &self.problems)
            .finish()
    }
}

/// The catalogues, built on first use and shared by every thread.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::build)
}

impl Catalog {
    /// Parses the embedded catalogues. A syntax error cannot stop brief (the messages
    /// that did parse are kept, and English stands in for the rest); it is listed in
    /// [`Catalog::problems`], which a test requires to be empty.
    pub fn build() -> Catalog {
        let mut problems = Vec::new();
        let mut bundles = Vec::with_capacity(LANGS.len());
        for data in &LANGS {
            let resource = match FluentResource::try_new(data.source.to_owned()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        let line = data.source[..e.pos.start.min(data.source.len())]
                            .matches('\n')
                            .count()
                            + 1;
                        problems.push(format!("{}:{line}: {}", data.file, e.kind));
                    }
                    r
                }
            };
            let mut bundle =
                FluentBundle::new_concurrent(vec![data.code.parse().unwrap_or_default()]);
            bundle.set_use_isolating(false);
            bundle.set_transform(data.transform);
            bundle.set_formatter(Some(data.formatter));
            if let Err(errors) = bundle.add_resource(resource) {
                for e in errors {
                    problems.push(format!("{}: {e}", data.file));
                }
            }
            bundles.push(bundle);
        }
        Catalog { bundles, problems }
    }

    /// Syntax errors and duplicate ids met while parsing (empty when all is well).
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Whether `lang`'s catalogue has a message `id` with a value.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles[lang as usize]
            .get_message(id)
            .is_some_and(|m| m.value().is_some())
    }

    /// The message `id` in `lang`, with `args`; English when `lang`'s catalogue lacks
    /// it, and the id itself when no catalogue has it (so a slip shows, and never
    /// crashes).
    pub fn format(&self, lang: Lang, id: &str, args: Option<&Args<'_>>) -> String {
        match self.try_format(lang, id, args) {
            Some(Ok(text) | Err((text, _))) => text,
            None => match self.try_format(Lang::En, id, args) {
                Some(Ok(text) | Err((text, _))) => text,
                None => id.to_owned(),
            },
        }
    }

    /// The message `id` in `lang` only: `None` when the catalogue lacks it, and the
    /// resolver's complaints (a missing argument, a reference to nothing) as `Err`
    /// with the text as formatted anyway. For tests and tools.
    #[allow(clippy::type_complexity)]
    pub fn try_format(
        &self,
        lang: Lang,
        id: &str,
        args: Option<&Args<'_>>,
    ) -> Option<Result<String, (String, Vec<String>)>> {
        let bundle = &self.bundles[lang as usize];
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, args.map(|a| &a.0), &mut errors)
            .into_owned();
        Some(if errors.is_empty() {
            Ok(text)
        } else {
            Err((text, errors.iter().map(ToString::to_string).collect()))
        })
    }
}

/// The arguments of a message: names and values, text sanitised for a terminal.
#[derive(Debug, Default)]
pub struct Args<'a>(FluentArgs<'a>);

impl<'a> Args<'a> {
    /// No arguments yet.
    pub fn new() -> Self {
        Args(FluentArgs::new())
    }

    /// Sets `name` (as written after `$` in the catalogue) to `value`.
    pub fn set(&mut self, name: &'static str, value: impl IntoArg<'a>) -> &mut Self {
        self.0.set(name, value.into_arg());
        self
    }

    /// Like [`Args::set`], for building in one expression.
    pub fn with(mut self, name: &'static str, value: impl IntoArg<'a>) -> Self {
        self.set(name, value);
        self
    }
}

/// A value a message can take: text (sanitised with [`sanitize_line`]) or a number
/// (formatted by the catalogue's language, and chosen on by plural rules).
pub trait IntoArg<'a> {
    /// The Fluent value.
    fn into_arg(self) -> FluentValue<'a>;
}

impl<'a> IntoArg<'a> for &'a str {
    fn into_arg(self) -> FluentValue<'a> {
        FluentValue::String(sanitize_line(self))
    }
}

impl<'a> IntoArg<'a> for &'a String {
    fn into_arg(self) -> FluentValue<'a> {
        self.as_str().into_arg()
    }
}

impl<'a> IntoArg<'a> for String {
    fn into_arg(self) -> FluentValue<'a> {
        let clean = match sanitize_line(&self) {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) => Some(s),
        };
        FluentValue::String(Cow::Owned(clean.unwrap_or(self)))
    }
}

impl<'a> IntoArg<'a> for Cow<'a, str> {
    fn into_arg(self) -> FluentValue<'a> {
        match self {
            Cow::Borrowed(s) => s.into_arg(),
            Cow::Owned(s) => s.into_arg(),
        }
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl<'a> IntoArg<'a> for $t {
            fn into_arg(self) -> FluentValue<'a> {
                FluentValue::from(self)
            }
        }
    )*};
}

number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);

/// The message `id` in `lang`, without arguments.
pub fn t(lang: Lang, id: &str) -> String {
    catalog().format(lang, id, None)
}

/// The message `id` in `lang`, with `args` (see also [`tr!`](crate::tr)).
pub fn t_args(lang: Lang, id: &str, args: &Args<'_>) -> String {
    catalog().format(lang, id, Some(args))
}

/// A message with named arguments: `tr!(lang, "reload-done", count = n)`. Numbers stay
/// numbers (for plurals and separators); text is sanitised for the terminal.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:expr $(,)?) => {
        $crate::domain::i18n::t($lang, $id)
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::domain::i18n::Args::new();
        $( args.set(stringify!($name), $value); )+
        $crate::domain::i18n::t_args($lang, $id, &args)
    }};
}

/// Every message id of `lang`'s catalogue (terms excluded), in file order.
pub fn message_ids(lang: Lang) -> Vec<String> {
    catalogue_messages(lang.catalogue_source())
        .into_iter()
        .map(|m| m.id)
        .collect()
}

/// What a catalogue's message needs: its id, the variables it uses and the messages
/// it refers to. Read from the source, for the completeness and usage checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageInfo {
    /// The message id.
    pub id: String,
    /// `$variables` it needs: used anywhere in it, or in a message it refers to.
    pub variables: Vec<String>,
    /// Other messages its value refers to (`{ date-month-short }`).
    pub references: Vec<String>,
}

/// The messages of a catalogue's source text (terms and comments skipped).
pub fn catalogue_messages(source: &str) -> Vec<MessageInfo> {
    use fluent_syntax::ast;
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = Vec::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut info = MessageInfo {
                id: m.id.name.to_owned(),
                variables: Vec::new(),
                references: Vec::new(),
            };
            if let Some(value) = &m.value {
                walk_pattern(value, &mut info);
            }
            for attribute in &m.attributes {
                walk_pattern(&attribute.value, &mut info);
            }
            info.references.sort();
            info.references.dedup();
            out.push(info);
        }
    }
    // A message needs the variables of the messages it refers to as well: they are
    // formatted with its arguments.
    let direct: std::collections::HashMap<String, (Vec<String>, Vec<String>)> = out
        .iter()
        .map(|m| (m.id.clone(), (m.variables.clone(), m.references.clone())))
        .collect();
    for m in &mut out {
        let mut seen = std::collections::HashSet::new();
        let mut todo = m.references.clone();
        while let Some(r) = todo.pop() {
            if let Some((vars, refs)) = direct.get(&r)
                && seen.insert(r)
            {
                m.variables.extend(vars.iter().cloned());
                todo.extend(refs.iter().cloned());
            }
        }
        m.variables.sort();
        m.variables.dedup();
    }
    out
}

fn walk_pattern(pattern: &fluent_syntax::ast::Pattern<&str>, info: &mut MessageInfo) {
    use fluent_syntax::ast::PatternElement;
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, info);
        }
    }
}

fn walk_expression(expression: &fluent_syntax::ast::Expression<&str>, info: &mut MessageInfo) {
    use fluent_syntax::ast::Expression;
    match expression {
        Expression::Select { selector, variants } => {
            walk_inline(selector, info);
            for v in variants {
                walk_pattern(&v.value, info);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, info),
    }
}

fn walk_inline(inline: &fluent_syntax::ast::InlineExpression<&str>, info: &mut MessageInfo) {
    use fluent_syntax::ast::InlineExpression;
    match inline {
        InlineExpression::VariableReference { id } => info.variables.push(id.name.to_owned()),
        InlineExpression::MessageReference { id, .. } => info.references.push(id.name.to_owned()),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, info);
            }
            for a in &arguments.named {
                walk_inline(&a.value, info);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, info),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_enum() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(LANGS[i].lang, lang);
            assert_eq!(lang as usize, i);
        }
    }
}
