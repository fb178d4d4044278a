//! Text normalisation: making text from files safe to show (no escape sequence, no
//! invisible control ever reaches a terminal), slugs, and display widths.
//! Must not depend on terminal crates.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How many columns a tab advances to (tabs are expanded to spaces).
pub const TAB_WIDTH: usize = 4;

/// The most combining marks kept on one base character; the rest of a "Zalgo" storm
/// is dropped so it cannot smear over neighbouring lines.
pub const MAX_COMBINING: usize = 4;

/// What to do with one character on its way to a terminal.
enum Fate {
    Keep,
    Drop,
    Replace(char),
}

fn fate(c: char) -> Fate {
    match c {
        '\n' | '\t' => Fate::Keep,
        // C0 controls are shown as their Unicode "control picture" (␛ for ESC, ␇ for BEL).
        '\u{0}'..='\u{1f}' => {
            Fate::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
        }
        '\u{7f}' => Fate::Replace('\u{2421}'),
        // C1 controls, CSI (0x9b) among them: a visible replacement.
        '\u{80}'..='\u{9f}' => Fate::Replace('\u{fffd}'),
        // Bidi embeddings, overrides and isolates, and marks: dropped (Trojan Source).
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            Fate::Drop
        }
        // Zero-width and invisible formatting characters, BOM, interlinear annotations,
        // soft hyphen, Mongolian vowel separator, tag characters, line/paragraph separators.
        '\u{200b}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{ad}'
        | '\u{180e}'
        | '\u{e0000}'..='\u{e007f}' => Fate::Drop,
        '\u{2028}' | '\u{2029}' => Fate::Replace('\n'),
        // Private use and unassigned-looking noncharacters are kept: they are inert.
        _ => Fate::Keep,
    }
}

/// The zero-width joiner: one between two emoji joins them into one picture (👩‍💻); a
/// run of them has no use, and terminals disagree on how wide it is.
const ZWJ: char = '\u{200d}';

/// Makes multi-line text safe to show: tabs expanded, carriage returns dropped, C0 and
/// C1 controls shown as visible symbols, bidi overrides and invisible formatting
/// characters removed, runs of zero-width joiners removed (a single joiner is kept),
/// combining storms capped. Newlines are kept.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| matches!(fate(c), Fate::Keep) && c != '\t' && c != '\r')
        && !has_combining_storm(text)
        && !text.contains("\u{200d}\u{200d}")
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // The column at `measured` (a byte offset of `out` on the current line): tabs are
    // expanded by the width of the grapheme clusters written since, so that the measure
    // is the one terminals use, at a cost linear in the line.
    let mut column = 0usize;
    let mut measured = 0usize;
    let mut combining = 0usize;
    let mut in_zwj_run = false;
    for c in text.chars() {
        if c == '\r' {
            continue;
        }
        let c = match fate(c) {
            Fate::Keep => c,
            Fate::Drop => continue,
            Fate::Replace(r) => r,
        };
        if c == ZWJ {
            // A second joiner in a row: the run goes, the first one with it.
            if out.ends_with(ZWJ) {
                out.pop();
                in_zwj_run = true;
            }
            if in_zwj_run {
                continue;
            }
        } else {
            in_zwj_run = false;
        }
        if is_combining_mark(c) {
            combining += 1;
            if combining > MAX_COMBINING {
                continue;
            }
        } else {
            combining = 0;
        }
        match c {
            '\t' => {
                column += display_width(out.get(measured..).unwrap_or(""));
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
                measured = out.len();
            }
            '\n' => {
                out.push('\n');
                column = 0;
                measured = out.len();
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn has_combining_storm(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if is_combining_mark(c) {
            run += 1;
            if run > MAX_COMBINING {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Makes JSON text safe to print on a terminal without changing the data it carries:
/// every character a terminal would act on or hide (C0 and C1 controls, DEL, bidi
/// controls, invisible formatting characters) becomes a `\uXXXX` escape. Such
/// characters can only occur inside JSON strings, where the escape means the same.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    let risky = |c: char| c.is_control() || !matches!(fate(c), Fate::Keep) || c == '\u{2028}';
    if !json.chars().any(risky) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if risky(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], for one-line fields (titles, labels, messages): line breaks and
/// tabs become single spaces, and runs of spaces collapse.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    let clean = sanitize(text);
    if !clean.contains(['\n', '\t']) && !clean.contains("  ") {
        return clean;
    }
    let mut out = String::with_capacity(clean.len());
    for word in clean.split([' ', '\n', '\t']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether `s` holds at least one character a reader can see once sanitised: not only
/// spaces, zero-width characters, bidi controls or joiners (a title made of those would
/// show blank).
pub fn has_visible_text(s: &str) -> bool {
    sanitize(s)
        .graphemes(true)
        .any(|g| !g.chars().all(char::is_whitespace) && display_width(g) > 0 && !g.starts_with(ZWJ))
}

/// Whether `s` is a lowercase slug: ASCII letters and digits in words joined by single
/// hyphens (`military-cooperation`, `s12`).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns a title into a slug: accents folded (`é` → `e`, `œ` → `oe`), lowercase, every
/// other run of characters a single hyphen. May be empty (a title in another script).
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_hyphen = false;
    for c in title.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let expanded: &str = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            'ø' | 'Ø' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            _ => "",
        };
        if !expanded.is_empty() || c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            if expanded.is_empty() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.push_str(expanded);
            }
        } else {
            pending_hyphen = true;
        }
    }
    out
}

/// The width of one grapheme cluster in terminal columns, as the reader places it in its
/// cells and as terminals that understand clusters draw it: a flag (two regional
/// indicators), an emoji ZWJ sequence or an emoji with a skin tone is one picture, two
/// columns wide; a letter with its accents is one column.
pub fn cluster_width(cluster: &str) -> usize {
    UnicodeWidthStr::width(cluster)
}

/// Display width in terminal columns: the sum of the widths of its grapheme clusters
/// (see [`cluster_width`]: wide characters count two, combining marks none, a flag or
/// an emoji ZWJ sequence two).
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        // One cluster per character (but CR LF, counted once either way).
        return UnicodeWidthStr::width(s);
    }
    s.graphemes(true).map(cluster_width).sum()
}

/// Cuts `s` to at most `max` columns, marking the cut with `…`. Cuts fall between
/// grapheme clusters, never inside one (half a flag, or an emoji sequence without its
/// last picture, would be drawn at another width).
pub fn truncate(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut width = 0;
    for g in s.graphemes(true) {
        let w = cluster_width(g);
        if width + w + 1 > max {
            break;
        }
        out.push_str(g);
        width += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_become_visible_symbols() {
        let s = sanitize("a\u{1b}]0;title\u{7}b\u{9b}2Jc");
        assert_eq!(s, "a\u{241b}]0;title\u{2407}b\u{fffd}2Jc");
    }

    #[test]
    fn bidi_and_zero_width_are_removed() {
        assert_eq!(sanitize("ab\u{202e}cd\u{200b}e\u{feff}"), "abcde");
    }

    #[test]
    fn tabs_expand_to_the_next_stop_and_cr_is_dropped() {
        assert_eq!(sanitize("a\tb\r\nxy\tz"), "a   b\nxy  z");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("Coopération militaire — 東京"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn combining_storms_are_capped() {
        let storm = format!("e{}", "\u{301}".repeat(50));
        assert_eq!(sanitize(&storm).chars().count(), 1 + MAX_COMBINING);
    }

    #[test]
    fn one_line_fields_fold_breaks() {
        assert_eq!(sanitize_line("  a\n b\t\tc  "), "a b c");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Coopération militaire"), "cooperation-militaire");
        assert_eq!(
            slugify("Les défis : la Chine, l’Œuvre"),
            "les-defis-la-chine-l-oeuvre"
        );
        assert_eq!(slugify("東京"), "");
        assert!(is_slug("military-cooperation"));
        assert!(!is_slug("Military"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("東京東京", 5), "東京…");
        assert_eq!(truncate("ab", 4), "ab");
    }

    #[test]
    fn widths_are_measured_by_grapheme_cluster() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let flag = "\u{1f1eb}\u{1f1f7}";
        assert_eq!(display_width(family), 2);
        assert_eq!(display_width(flag), 2);
        assert_eq!(display_width("e\u{301}t\u{e9}"), 3);
        // Forty families are eighty columns; cut to ten, four pictures fit before `…`
        // (one, when each of their characters counted).
        let many = family.repeat(40);
        let cut = truncate(&many, 10);
        assert_eq!(cut, format!("{}…", family.repeat(4)));
        assert_eq!(display_width(&cut), 9);
        // A flag is never cut in half.
        let flags = flag.repeat(3);
        assert_eq!(truncate(&flags, 4), format!("{flag}…"));
    }

    #[test]
    fn runs_of_zero_width_joiners_are_dropped_and_single_ones_kept() {
        let family = "\u{1f468}\u{200d}\u{1f469}";
        assert_eq!(sanitize(family), family);
        assert_eq!(sanitize("a\u{200d}\u{200d}\u{200d}b"), "ab");
        // A run made by removing what separated two joiners goes too.
        assert_eq!(sanitize("a\u{200d}\u{200b}\u{200d}b"), "ab");
        let long = format!("x{}y", "\u{200d}".repeat(10_000));
        assert_eq!(sanitize(&long), "xy");
        // A tab after a ZWJ sequence stops where the terminal draws it.
        assert_eq!(sanitize(&format!("{family}\tz")), format!("{family}  z"));
    }

    #[test]
    fn visible_text() {
        assert!(has_visible_text("Titre"));
        assert!(has_visible_text("\u{200b} x"));
        assert!(!has_visible_text(
            "\u{200b}\u{200d}\u{202e}\u{2066} \u{feff}\u{200e}"
        ));
        assert!(!has_visible_text("\u{200d}\u{200d}"));
        assert!(!has_visible_text("   \t"));
    }

    #[test]
    fn json_keeps_its_data_but_loses_its_teeth() {
        let value = serde_json::json!({"t": "a\u{9b}2J\u{202e}b\u{7f}\u{e0041}"});
        let text = serde_json::to_string(&value).unwrap_or_default();
        let safe = json_safe(&text);
        assert!(
            !safe.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, value);
    }

    proptest! {
        #[test]
        fn sanitized_text_has_no_controls(s in any::<String>()) {
            let clean = sanitize(&s);
            for c in clean.chars() {
                prop_assert!(c == '\n' || !(c.is_control()), "control {:?} survived", c);
                let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
                prop_assert!(!bidi, "bidi control survived");
            }
            let line = sanitize_line(&s);
            prop_assert!(!line.contains('\n'));
        }

        #[test]
        fn slugify_gives_slugs(s in any::<String>()) {
            let slug = slugify(&s);
            prop_assert!(slug.is_empty() || is_slug(&slug), "{:?}", slug);
        }
    }
}
