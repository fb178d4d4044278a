//! Finding date expressions in French and English article text (`du 10 au 13 septembre`,
//! `September 10–13, 2023`, `on 14 April`…), splitting text into sentences, and cutting
//! a short label around a date. Used by the importer. Must not depend on terminal crates.

use std::ops::Range;

use crate::domain::date::PartialDate;

use super::{Lang, fold};

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Where the expression is, in bytes of the text searched (prefix words such as
    /// `du`, `le`, `on` included).
    pub range: Range<usize>,
    /// The first (or only) day.
    pub from: PartialDate,
    /// The last day of a range.
    pub to: Option<PartialDate>,
}

impl Found {
    /// `2023-09-10..2023-09-13`, `--09-10..--09-13` or `2023-09-09`.
    pub fn structured(&self) -> String {
        match &self.to {
            Some(to) => format!("{}..{}", self.from.to_iso(), to.to_iso()),
            None => self.from.to_iso(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Dash,
    Comma,
    Dot,
    Other,
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    range: Range<usize>,
    kind: Kind,
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                if !n.is_alphanumeric() {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
            toks.push(Tok {
                text: &text[start..end],
                range: start..end,
                kind: Kind::Word,
            });
            continue;
        } else if matches!(c, '-' | '–' | '—' | '‐' | '‑' | '‒' | '−') {
            Kind::Dash
        } else if c == ',' {
            Kind::Comma
        } else if c == '.' {
            Kind::Dot
        } else {
            Kind::Other
        };
        let end = start + c.len_utf8();
        toks.push(Tok {
            text: &text[start..end],
            range: start..end,
            kind,
        });
    }
    toks
}

const FR_MONTHS: [(&str, u8); 21] = [
    ("janvier", 1),
    ("janv", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
    ("fev", 2),
];

const EN_MONTHS: [(&str, u8); 24] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

struct Matcher<'t, 'a> {
    toks: &'t [Tok<'a>],
    lang: Lang,
}

/// The pieces of a date expression before years are settled.
#[derive(Debug, Clone, Copy)]
struct Parts {
    d1: u8,
    m1: u8,
    y1: Option<i16>,
    /// For a range: the last day, its month and year.
    end: Option<(u8, u8, Option<i16>)>,
    /// A range within one month whose month was written once (`10–13 septembre`).
    same_month: bool,
}

impl Matcher<'_, '_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text)
    }

    fn is_word(&self, i: usize, options: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| options.contains(&fold(w).as_str()))
    }

    fn day(&self, i: usize) -> Option<u8> {
        let w = self.word(i)?;
        let digits = w.len() - w.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 2 {
            return None;
        }
        let (number, suffix) = w.split_at(digits);
        let n: u8 = number.parse().ok()?;
        let suffix_ok = match (self.lang, suffix.to_ascii_lowercase().as_str()) {
            (_, "") => true,
            (Lang::Fr, "er") => n == 1,
            (Lang::En, "st") => n % 10 == 1 && n != 11,
            (Lang::En, "nd") => n % 10 == 2 && n != 12,
            (Lang::En, "rd") => n % 10 == 3 && n != 13,
            (Lang::En, "th") => true,
            _ => false,
        };
        (suffix_ok && (1..=31).contains(&n)).then_some(n)
    }

    /// A month name at `i`: the month and the index after it (an abbreviation may take
    /// its dot). English month names must be capitalised (`may` is a verb).
    fn month(&self, i: usize) -> Option<(u8, usize)> {
        let w = self.word(i)?;
        let folded = fold(w);
        let table: &[(&str, u8)] = match self.lang {
            Lang::Fr => &FR_MONTHS,
            Lang::En => &EN_MONTHS,
        };
        if self.lang == Lang::En && !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let (name, month) = table.iter().find(|(name, _)| *name == folded)?;
        let full = table
            .iter()
            .filter(|(_, m)| m == month)
            .map(|(n, _)| n.len())
            .max()
            .unwrap_or(0);
        let abbreviated = name.len() < full;
        let dot = abbreviated && self.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Dot);
        if abbreviated && !dot && name.len() < 3 {
            return None;
        }
        Some((*month, i + 1 + usize::from(dot)))
    }

    fn year(&self, i: usize) -> Option<(i16, usize)> {
        let w = self.word(i)?;
        if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i16 = w.parse().ok()?;
        (1800..=2200).contains(&y).then_some((y, i + 1))
    }

    /// A year right after `i`, optionally after a comma (`April 14, 2024`).
    fn year_after(&self, i: usize, comma: bool) -> (Option<i16>, usize) {
        if let Some((y, next)) = self.year(i) {
            return (Some(y), next);
        }
        if comma
            && self.toks.get(i).is_some_and(|t| t.kind == Kind::Comma)
            && let Some((y, next)) = self.year(i + 1)
        {
            return (Some(y), next);
        }
        (None, i)
    }

    /// A range separator at `i`; `and` and `et` only after `between` / `entre`.
    fn separator(&self, i: usize, between: bool) -> Option<usize> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Dash {
            return Some(i + 1);
        }
        let words: &[&str] = match (self.lang, between) {
            (Lang::Fr, false) => &["au", "a"],
            (Lang::Fr, true) => &["et"],
            (Lang::En, false) => &["to", "until", "till", "through", "thru"],
            (Lang::En, true) => &["and"],
        };
        if !self.is_word(i, words) {
            return None;
        }
        // `et le 13`, `to the 13th`
        let article: &[&str] = match self.lang {
            Lang::Fr => &["le"],
            Lang::En => &["the"],
        };
        Some(i + 1 + usize::from(self.is_word(i + 1, article)))
    }

    /// A day-first date: `10 septembre [2023]`, `14th of April`; returns the month and
    /// the index after the month.
    fn day_month(&self, i: usize) -> Option<(u8, u8, usize)> {
        let d = self.day(i)?;
        let mut j = i + 1;
        if self.lang == Lang::En && self.is_word(j, &["of"]) && self.month(j + 1).is_some() {
            j += 1;
        }
        let (m, next) = self.month(j)?;
        Some((d, m, next))
    }

    /// The date expression starting at token `i`, if any: the parts and the index after.
    fn at(&self, i: usize) -> Option<(Parts, usize)> {
        let prefixes: &[&str] = match self.lang {
            Lang::Fr => &["du", "le", "entre"],
            Lang::En => &["on", "from", "between"],
        };
        let mut p = i;
        let mut between = false;
        if self.is_word(p, prefixes) {
            between = self.is_word(p, &["entre", "between"]);
            p += 1;
            if self.is_word(p, &["le", "the"]) {
                p += 1;
            }
        }
        let parsed = self
            .day_first(p, between)
            .or_else(|| self.month_first(p, between))
            .or_else(|| self.iso(p));
        if parsed.is_none() && p != i {
            return None;
        }
        parsed
    }

    fn day_first(&self, p: usize, between: bool) -> Option<(Parts, usize)> {
        let d1 = self.day(p)?;
        if let Some((_, m1, after)) = self.day_month(p) {
            let (y1, after) = self.year_after(after, false);
            let single = Parts {
                d1,
                m1,
                y1,
                end: None,
                same_month: false,
            };
            // `10 septembre au 2 octobre [2023]`
            if let Some(q) = self.separator(after, between)
                && let Some((d2, m2, next)) = self.day_month(q)
            {
                let (y2, next) = self.year_after(next, false);
                let parts = Parts {
                    end: Some((d2, m2, y2)),
                    ..single
                };
                return Some((parts, next));
            }
            return Some((single, after));
        }
        // `10 au 13 septembre [2023]`, `10–13 September`
        let q = self.separator(p + 1, between)?;
        let (d2, m, next) = self.day_month(q)?;
        let (y, next) = self.year_after(next, false);
        let parts = Parts {
            d1,
            m1: m,
            y1: None,
            end: Some((d2, m, y)),
            same_month: true,
        };
        Some((parts, next))
    }

    fn month_first(&self, p: usize, between: bool) -> Option<(Parts, usize)> {
        if self.lang != Lang::En {
            return None;
        }
        let (m1, q) = self.month(p)?;
        let d1 = self.day(q)?;
        let q = q + 1;
        if let Some(r) = self.separator(q, between) {
            // `September 10–13[, 2023]`
            if let Some(d2) = self.day(r) {
                let (y, next) = self.year_after(r + 1, true);
                let parts = Parts {
                    d1,
                    m1,
                    y1: None,
                    end: Some((d2, m1, y)),
                    same_month: true,
                };
                return Some((parts, next));
            }
        }
        let (y1, after) = self.year_after(q, true);
        let single = Parts {
            d1,
            m1,
            y1,
            end: None,
            same_month: false,
        };
        // `September 30 – October 2[, 2023]`
        if let Some(r) = self.separator(after, between)
            && let Some((m2, s)) = self.month(r)
            && let Some(d2) = self.day(s)
        {
            let (y2, next) = self.year_after(s + 1, true);
            let parts = Parts {
                end: Some((d2, m2, y2)),
                ..single
            };
            return Some((parts, next));
        }
        Some((single, after))
    }

    /// `2023-09-10`.
    fn iso(&self, p: usize) -> Option<(Parts, usize)> {
        let (y, q) = self.year(p)?;
        let two = |i: usize| {
            self.word(i)
                .filter(|w| w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|w| w.parse::<u8>().ok())
        };
        let dash = |i: usize| self.toks.get(i).is_some_and(|t| t.kind == Kind::Dash);
        if !(dash(q) && dash(q + 2)) {
            return None;
        }
        let m = two(q + 1)?;
        let d = two(q + 3)?;
        let parts = Parts {
            d1: d,
            m1: m,
            y1: Some(y),
            end: None,
            same_month: false,
        };
        Some((parts, q + 4))
    }
}

/// Settles years and checks the dates: the year written last applies to the whole
/// expression, `default_year` to an expression that states none. `None` when a date
/// does not exist or the range cannot be ordered.
fn resolve(parts: Parts, default_year: Option<i16>) -> Option<(PartialDate, Option<PartialDate>)> {
    let Some((d2, m2, y2)) = parts.end else {
        let year = parts.y1.or(default_year);
        let date = PartialDate {
            year,
            month: parts.m1,
            day: Some(parts.d1),
        };
        return date.validate().is_ok().then_some((date, None));
    };
    let mut m1 = parts.m1;
    let stated = y2.or(parts.y1);
    let mut y1 = parts.y1.or(stated);
    let mut y2 = y2.or(parts.y1);
    // `du 30 au 2 octobre`: the range starts in the month before.
    let mut wraps = false;
    if parts.same_month && parts.d1 > d2 {
        if m1 == 1 {
            m1 = 12;
            wraps = true;
        } else {
            m1 -= 1;
        }
    } else if !parts.same_month && (m1, parts.d1) > (m2, d2) && parts.y1.is_none() {
        // `30 December – 2 January 2024`: the start is in the year before.
        wraps = true;
    }
    if wraps {
        match (parts.y1, stated, default_year) {
            (None, Some(y), _) => y1 = Some(y - 1),
            (None, None, Some(y)) => {
                y1 = Some(y);
                y2 = Some(y + 1);
            }
            _ => return None,
        }
    } else if stated.is_none() {
        y1 = default_year;
        y2 = default_year;
    }
    let from = PartialDate {
        year: y1,
        month: m1,
        day: Some(parts.d1),
    };
    let to = PartialDate {
        year: y2,
        month: m2,
        day: Some(d2),
    };
    from.validate().ok()?;
    to.validate().ok()?;
    match from.compare(&to)? {
        std::cmp::Ordering::Less => Some((from, Some(to))),
        std::cmp::Ordering::Equal => Some((from, None)),
        std::cmp::Ordering::Greater => None,
    }
}

/// Every date expression in `text`, in order. A year the text does not state is taken
/// from `default_year` when given, else left out (`--MM-DD`).
pub(crate) fn find_dates(text: &str, lang: Lang, default_year: Option<i16>) -> Vec<Found> {
    let toks = tokenize(text);
    let m = Matcher { toks: &toks, lang };
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match m.at(i) {
            Some((parts, next)) if next > i => {
                if let Some((from, to)) = resolve(parts, default_year) {
                    let start = toks[i].range.start;
                    let end = toks.get(next - 1).map_or(text.len(), |t| t.range.end);
                    found.push(Found {
                        range: start..end,
                        from,
                        to,
                    });
                }
                i = next;
            }
            _ => i += 1,
        }
    }
    found
}

/// Words before a dot that do not end a sentence.
const ABBREVIATIONS: [&str; 40] = [
    "m", "mm", "mme", "mmes", "mlle", "me", "pr", "dr", "mr", "mrs", "ms", "st", "ste", "jr", "sr",
    "vs", "cf", "no", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "prof", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv",
];

/// Splits text into sentences: after `.`, `!`, `?` or `…` (and any closing quotes or
/// brackets), before a capital letter, a digit or an opening quote, except after an
/// abbreviation or an initial. Returns byte ranges without surrounding spaces.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut e = k + 1;
            loop {
                match chars.get(e) {
                    Some(&(
                        _,
                        '.' | '!' | '?' | '…' | '"' | '»' | '”' | '’' | ')' | ']' | '\'',
                    )) => {
                        e += 1;
                    }
                    // French spacing: `? »`
                    Some(&(_, n)) if n.is_whitespace() && n != '\n' => {
                        let mut w = e;
                        while chars
                            .get(w)
                            .is_some_and(|&(_, c)| c.is_whitespace() && c != '\n')
                        {
                            w += 1;
                        }
                        if chars.get(w).is_some_and(|&(_, c)| c == '»') {
                            e = w + 1;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let end_byte = chars.get(e).map_or(text.len(), |&(b, _)| b);
            let mut n = e;
            while chars
                .get(n)
                .is_some_and(|&(_, c)| c.is_whitespace() && c != '\n')
            {
                n += 1;
            }
            let spaced = n > e;
            let next = chars.get(n).map(|&(_, c)| c);
            let opens = next.is_none_or(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '"' | '«' | '“' | '(' | '—' | '–' | '\'')
            });
            let abbreviation = c == '.' && {
                let before = &text[start.unwrap_or(0)..i];
                let word: String = before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                initial || ABBREVIATIONS.contains(&fold(&word).as_str())
            };
            if (spaced || next.is_none()) && opens && !abbreviation {
                if let Some(s) = start.take() {
                    out.push(s..end_byte);
                }
                k = n;
                continue;
            }
        }
        k += 1;
    }
    if let Some(s) = start {
        let end = s + text[s..].trim_end().len();
        if end > s {
            out.push(s..end);
        }
    }
    out
}

/// The longest a label may be, in characters.
pub(crate) const LABEL_MAX: usize = 60;

/// A short label for a date: the sentence when it is short, else the words around the
/// date expression (`found`, a byte range of `sentence`) up to [`LABEL_MAX`] characters,
/// `…` marking a cut. One line, without a final full stop.
pub(crate) fn label(sentence: &str, found: Range<usize>) -> String {
    // Only the text around the date can be in the label: a window of it is enough, so
    // that a sentence of megabytes with many dates costs no more per date than a short
    // one. `WINDOW` bytes hold more than `LABEL_MAX` characters on each side.
    const WINDOW: usize = 8 * LABEL_MAX;
    if sentence.len() > 2 * WINDOW + found.len() {
        let mut start = found.start.saturating_sub(WINDOW);
        while !sentence.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (found.end + WINDOW).min(sentence.len());
        while !sentence.is_char_boundary(end) {
            end += 1;
        }
        let window = &sentence[start..end];
        let inner = found.start - start..found.end - start;
        let mut out = label_within(window, inner);
        // The window cut the sentence: say so, as a cut label does.
        if start > 0 && !out.starts_with('…') {
            out.insert(0, '…');
        }
        if end < sentence.len() && !out.ends_with('…') {
            out.push('…');
        }
        return out;
    }
    label_within(sentence, found)
}

/// [`label`] on a text short enough to look at whole.
fn label_within(sentence: &str, found: Range<usize>) -> String {
    let whole = crate::domain::text::sanitize_line(sentence.trim());
    let whole = whole.trim_end_matches(['.', ' ']);
    if whole.chars().count() <= LABEL_MAX {
        return whole.to_string();
    }
    // Words with their byte ranges.
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut begin = None;
    for (i, c) in sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ' ')))
    {
        match (c.is_whitespace(), begin) {
            (true, Some(b)) => {
                words.push(b..i);
                begin = None;
            }
            (false, None) => begin = Some(i),
            _ => {}
        }
    }
    let inside: Vec<usize> = (0..words.len())
        .filter(|&w| words[w].start < found.end && words[w].end > found.start)
        .collect();
    let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
        return crate::domain::text::truncate(whole, LABEL_MAX);
    };
    let width = |a: usize, b: usize| sentence[words[a].start..words[b].end].chars().count();
    let (mut a, mut b) = (first, last);
    let mut left = true;
    loop {
        let grown = if left && a > 0 {
            (a - 1, b)
        } else if b + 1 < words.len() {
            (a, b + 1)
        } else if a > 0 {
            (a - 1, b)
        } else {
            break;
        };
        // Two characters are kept for the `…` marks.
        if width(grown.0, grown.1) + 2 > LABEL_MAX {
            break;
        }
        (a, b) = grown;
        left = !left;
    }
    let core = crate::domain::text::sanitize_line(&sentence[words[a].start..words[b].end]);
    let core = core.trim_end_matches(['.', ',', ';', ':']);
    let mut out = String::new();
    if a > 0 {
        out.push('…');
    }
    out.push_str(core);
    if b + 1 < words.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
