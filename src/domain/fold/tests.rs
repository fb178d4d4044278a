//! Tests of `fold`.
use super::*;
use proptest::prelude::*;

/// The original text a folded range maps to.
fn back<'a>(original: &'a str, folded: &Folded, range: Range<usize>) -> &'a str {
    &original[folded.to_original(range)]
}

/// The original text of the first match of `needle` (already folded).
fn find<'a>(original: &'a str, needle: &str) -> Option<&'a str> {
    let f = fold(original);
    let at = f.text.find(needle)?;
    Some(back(original, &f, at..at + needle.len()))
}

#[test]
fn accents_case_and_ligatures_fold() {
    assert_eq!(fold("Coopération").text, "cooperation");
    assert_eq!(
        fold("ŒUVRE œuvre Æsir straße ẞ").text,
        "oeuvre oeuvre aesir strasse ss"
    );
    assert_eq!(fold("ﬁnance ﬂeur").text, "finance fleur");
    assert_eq!(
        fold("Ёлка Путин ΆΘΉΝΑ ὀδυσσεύς").text,
        "елка путин αθηνα οδυσσευσ"
    );
    assert_eq!(fold("Łódź Đakovo Øresund").text, "lodz dakovo oresund");
    assert_eq!(fold("ＡＢＣ１ x² ½").text, "abc1 x2 1\u{2044}2");
    assert_eq!(fold("e\u{301}te\u{0301}").text, "ete");
    assert_eq!(fold_keep_case("Coopération ŒUVRE"), "Cooperation OEUVRE");
}

#[test]
fn typography_unifies() {
    assert_eq!(fold("l’Œuvre ‘a’ ʼb′").text, "l'oeuvre 'a' 'b'");
    assert_eq!(fold("“x” «\u{a0}y\u{a0}» „z“").text, "\"x\" \" y \" \"z\"");
    assert_eq!(fold("a–b—c‑d−e").text, "a-b-c-d-e");
    assert_eq!(fold("1\u{202f}000\u{2009}€ a\u{a0}b").text, "1 000 € a b");
    assert_eq!(fold("wait…").text, "wait...");
    assert_eq!(fold("soft\u{ad}hyphen\u{200b}").text, "softhyphen");
    assert_eq!(fold("a\nb\tc\r\n").text, "a b c  ");
    assert_eq!(fold("nul\0here").text, "nul\u{2400}here");
}

#[test]
fn other_scripts_are_kept() {
    // Hangul syllables are not split into jamo.
    assert_eq!(fold("서울 지사").text, "서울 지사");
    assert_eq!(fold("東京の会議").text, "東京の会議");
    // Kana keep their voicing marks, as precomposed or separate characters.
    assert_eq!(fold("ガ か\u{3099}").text, "ガ か\u{3099}");
    assert_eq!(fold("हिन्दी").text, "हिन्दी");
    assert_eq!(fold("東京").checkpoint_count(), 1);
}

#[test]
fn matches_map_back_to_whole_characters() {
    assert_eq!(
        find("la coopération militaire", "cooperation"),
        Some("coopération")
    );
    let f = fold("la coopération militaire");
    assert_eq!(f.to_original(3..14), 3..15);
    assert_eq!(find("une œuvre", "oe"), Some("œ"));
    // A part of an expansion maps to the whole character.
    assert_eq!(find("œuvre", "e"), Some("œ"));
    assert_eq!(find("straße", "s"), Some("s"));
    assert_eq!(find("straße", "ss"), Some("ß"));
    assert_eq!(find("l’état", "'"), Some("’"));
    assert_eq!(find("l’état", "l'e"), Some("l’é"));
    assert_eq!(find("Путин", "путин"), Some("Путин"));
    assert_eq!(find("서울 지사", "서울"), Some("서울"));
    assert_eq!(find("在東京的会议", "東京"), Some("東京"));
    assert_eq!(find("x ½ y", "1"), Some("½"));
    assert_eq!(find("x ½ y", " y"), Some(" y"));
}

#[test]
fn combining_marks_stay_with_their_base() {
    // A dropped mark is taken with its base.
    assert_eq!(find("cafe\u{301} noir", "cafe"), Some("cafe\u{301}"));
    assert_eq!(
        find("cafe\u{301}\u{302} noir", "e"),
        Some("e\u{301}\u{302}")
    );
    assert_eq!(find("cafe\u{301} noir", " noir"), Some(" noir"));
    // A kept mark too, and a range starting on a kept mark takes its base.
    assert_eq!(find("か\u{3099}き", "か"), Some("か\u{3099}"));
    assert_eq!(find("か\u{3099}き", "\u{3099}"), Some("か\u{3099}"));
    assert_eq!(find("हिन्दी", "ह"), Some("हि"));
}

#[test]
fn wide_characters_are_whole() {
    let s = "a東京b";
    let f = fold(s);
    // Ranges inside a character widen to it.
    assert_eq!(f.to_original(2..3), 1..4);
    assert_eq!(f.to_original(1..4), 1..4);
    assert_eq!(f.to_original(1..5), 1..7);
    assert_eq!(f.to_original(0..100), 0..8);
    assert_eq!(f.to_original(5..5), 4..4);
}

#[test]
fn queries_have_smart_case() {
    let q = fold_query("Poutine");
    assert!(q.case_sensitive);
    assert_eq!(q.text, "poutine");
    assert!(!fold_query("poutine").case_sensitive);
    assert!(fold_query("Путин").case_sensitive);
    assert!(!fold_query("서울").case_sensitive);
    assert!(fold_query("").is_empty());
    assert!(fold_query("\u{301}").is_empty());
}

#[test]
fn mostly_ascii_text_has_a_tiny_map() {
    let text = "plain ascii text ".repeat(10_000) + "é";
    let f = fold(&text);
    assert_eq!(f.checkpoint_count(), 2);
    assert_eq!(f.original_len(), text.len());
}

/// Whether `at` splits a base from a combining mark in `s`.
fn splits_marks(s: &str, at: usize) -> bool {
    at > 0
        && at < s.len()
        && s[at..].chars().next().is_some_and(is_combining_mark)
        && s[..at].chars().next_back().is_some_and(|p| p != SEPARATOR)
}

/// Text that exercises the folding rules.
fn texty() -> impl Strategy<Value = String> {
    "([a-zA-Z \n\t]|é|É|e\u{301}|\u{301}|\u{302}|œ|Œ|ß|ẞ|ﬁ|½|’|“|–|\u{a0}|東|京|서|울|ガ|か\u{3099}|\u{3099}|हि|Й|Ё|ς|İ|K|\u{ad}|\u{0}|😀|ǅ|…){0,40}"
}

fn check_range(original: &str, folded: &Folded, range: Range<usize>) -> Result<(), TestCaseError> {
    let r = folded.to_original(range.clone());
    prop_assert!(
        r.start <= r.end && r.end <= original.len(),
        "{:?} -> {:?}",
        range,
        r
    );
    prop_assert!(original.is_char_boundary(r.start) && original.is_char_boundary(r.end));
    if !r.is_empty() {
        prop_assert!(
            !splits_marks(original, r.start),
            "{:?} starts inside marks",
            r
        );
        prop_assert!(!splits_marks(original, r.end), "{:?} ends inside marks", r);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ranges_are_whole_characters(s in any::<String>(), a in 0usize..200, b in 0usize..200) {
        let f = fold(&s);
        prop_assert_eq!(f.original_len(), s.len());
        prop_assert!(!f.text.contains('\0'));
        check_range(&s, &f, a.min(b)..a.max(b))?;
        let _ = fold_keep_case(&s);
    }

    #[test]
    fn texty_ranges_are_whole_characters(s in texty(), a in 0usize..120, b in 0usize..120) {
        let f = fold(&s);
        check_range(&s, &f, a.min(b)..a.max(b))?;
        // Every folded char maps to a non-empty original range, in order.
        let mut last = 0;
        for (i, c) in f.text.char_indices() {
            let r = f.to_original(i..i + c.len_utf8());
            prop_assert!(!r.is_empty());
            prop_assert!(r.start >= last, "out of order");
            last = r.start;
        }
    }

    #[test]
    fn the_compact_map_agrees_with_folding_each_character(
        s in "([a-z ]|é|É|e\u{301}|\u{301}|œ|ß|ﬁ|½|’|–|\u{a0}|東|Й|ǅ|\u{ad}|\u{0}|😀|…){0,400}"
    ) {
        // For each original character: its folded range.
        let mut pieces = Vec::new();
        let mut at = 0;
        for (i, c) in s.char_indices() {
            let n = fold(c.encode_utf8(&mut [0; 4])).text.len();
            pieces.push((at..at + n, i..i + c.len_utf8()));
            at += n;
        }
        let f = fold(&s);
        prop_assert_eq!(f.text.len(), at);
        for (k, (folded, original)) in pieces.iter().enumerate() {
            if folded.is_empty() {
                continue;
            }
            // The character, and the characters after it that vanished.
            let end = pieces[k + 1..]
                .iter()
                .take_while(|(f, _)| f.is_empty())
                .last()
                .map_or(original.end, |(_, o)| o.end);
            prop_assert_eq!(f.to_original(folded.clone()), original.start..end);
            let first = f.text[folded.start..].chars().next().map_or(0, char::len_utf8);
            let r = f.to_original(folded.start..folded.start + first);
            prop_assert_eq!(r.start, original.start);
        }
    }

    #[test]
    fn a_folded_substring_maps_back_over_itself(s in texty(), a in 0usize..60, b in 0usize..60) {
        // Char boundaries of `s` that do not split a base from its marks.
        let cuts: Vec<usize> = (0..=s.len())
            .filter(|&i| s.is_char_boundary(i) && !splits_marks(&s, i))
            .collect();
        let i = cuts[a % cuts.len()];
        let j = cuts[b % cuts.len()];
        let (i, j) = (i.min(j), i.max(j));
        let f = fold(&s);
        let prefix = fold(&s[..i]).text;
        let needle = fold(&s[i..j]).text;
        prop_assert_eq!(&f.text[prefix.len()..prefix.len() + needle.len()], needle.as_str());
        if !needle.is_empty() {
            // Characters that fold to nothing at the start of the substring (a soft
            // hyphen, a mark without base) cannot be part of a match.
            let vanishing: usize = s[i..j]
                .chars()
                .take_while(|c| fold(c.encode_utf8(&mut [0; 4])).text.is_empty())
                .map(char::len_utf8)
                .sum();
            let r = f.to_original(prefix.len()..prefix.len() + needle.len());
            prop_assert!(r.start <= i + vanishing && r.end >= j, "{:?} does not cover {:?}", r, i..j);
            prop_assert!(f.text.contains(&needle));
        }
    }
}
