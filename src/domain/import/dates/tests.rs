//! Tests of `import::dates`.
use super::*;

fn one(text: &str, lang: Lang, year: Option<i16>) -> Option<(String, String)> {
    let found = find_dates(text, lang, year);
    found
        .first()
        .map(|f| (text[f.range.clone()].to_string(), f.structured()))
}

fn s(found: &str, structured: &str) -> Option<(String, String)> {
    Some((found.to_string(), structured.to_string()))
}

#[test]
fn french_forms() {
    let fr = Lang::Fr;
    assert_eq!(
        one("La rencontre aurait lieu du 10 au 13 septembre.", fr, None),
        s("du 10 au 13 septembre", "--09-10..--09-13")
    );
    assert_eq!(
        one("prévue le 10 au 13 septembre à Vladivostok", fr, None),
        s("le 10 au 13 septembre", "--09-10..--09-13")
    );
    assert_eq!(
        one("Il arrive le 9 septembre.", fr, None),
        s("le 9 septembre", "--09-09")
    );
    assert_eq!(
        one("annoncé le 9 septembre 2023 par", fr, None),
        s("le 9 septembre 2023", "2023-09-09")
    );
    assert_eq!(
        one("Le 1er mai, rien.", fr, None),
        s("Le 1er mai", "--05-01")
    );
    assert_eq!(
        one("Les 10-13 septembre 2023", fr, None),
        s("10-13 septembre 2023", "2023-09-10..2023-09-13")
    );
    assert_eq!(
        one("entre le 10 et le 13 septembre", fr, Some(2023)),
        s("entre le 10 et le 13 septembre", "2023-09-10..2023-09-13")
    );
    assert_eq!(
        one("du 30 septembre au 2 octobre", fr, None),
        s("du 30 septembre au 2 octobre", "--09-30..--10-02")
    );
    assert_eq!(
        one("du 30 au 2 octobre 2023", fr, None),
        s("du 30 au 2 octobre 2023", "2023-09-30..2023-10-02")
    );
    assert_eq!(
        one("vers le 5 sept. 2023", fr, None),
        s("le 5 sept. 2023", "2023-09-05")
    );
}

#[test]
fn english_forms() {
    let en = Lang::En;
    assert_eq!(
        one("held 10–13 September 2023 in", en, None),
        s("10–13 September 2023", "2023-09-10..2023-09-13")
    );
    assert_eq!(
        one("from 10-13 September", en, None),
        s("from 10-13 September", "--09-10..--09-13")
    );
    assert_eq!(
        one("on September 10–13 they", en, None),
        s("on September 10–13", "--09-10..--09-13")
    );
    assert_eq!(
        one("due on 14 April.", en, None),
        s("on 14 April", "--04-14")
    );
    assert_eq!(
        one("signed 14 April 2024.", en, None),
        s("14 April 2024", "2024-04-14")
    );
    assert_eq!(
        one("signed April 14, 2024, in", en, None),
        s("April 14, 2024", "2024-04-14")
    );
    assert_eq!(
        one("from 30 December to 2 January 2024", en, None),
        s(
            "from 30 December to 2 January 2024",
            "2023-12-30..2024-01-02"
        )
    );
    assert_eq!(
        one("between the 3rd and 5th of May", en, Some(2030)),
        s("between the 3rd and 5th of May", "2030-05-03..2030-05-05")
    );
    assert_eq!(
        one("on 2023-09-10 at", en, None),
        s("on 2023-09-10", "2023-09-10")
    );
}

#[test]
fn what_is_not_a_date() {
    assert_eq!(one("they may 10 times", Lang::En, None), None);
    assert_eq!(one("le 31 septembre", Lang::Fr, None), None);
    assert_eq!(one("10 soldiers in September", Lang::En, None), None);
    assert_eq!(one("3 000 hommes en septembre 2023", Lang::Fr, None), None);
    assert_eq!(one("du 30 décembre au 2 janvier", Lang::Fr, None), None);
    assert_eq!(
        one("du 30 décembre au 2 janvier", Lang::Fr, Some(2023)),
        s("du 30 décembre au 2 janvier", "2023-12-30..2024-01-02")
    );
}

#[test]
fn sentences_split_at_sentence_ends_only() {
    let text = "M. Kim arrive. Le 10 sept. 2023, rien! « Quoi ? » Il part… Fin";
    let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        parts,
        vec![
            "M. Kim arrive.",
            "Le 10 sept. 2023, rien!",
            "« Quoi ? »",
            "Il part…",
            "Fin"
        ]
    );
    let text = "Mr. J. Smith met U.S. officials. They left.";
    let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        parts,
        vec!["Mr. J. Smith met U.S. officials.", "They left."]
    );
}

#[test]
fn labels_are_short_phrases_around_the_date() {
    assert_eq!(
        label("Il arrive le 9 septembre.", 9..23),
        "Il arrive le 9 septembre"
    );
    let sentence = "Selon des responsables américains cités par le journal, la rencontre pourrait avoir lieu du 10 au 13 septembre à Vladivostok, dans l'Extrême-Orient russe.";
    let at = sentence.find("du 10").unwrap_or(0);
    let l = label(sentence, at..at + 21);
    assert!(l.chars().count() <= LABEL_MAX, "{l}");
    assert!(l.contains("du 10 au 13 septembre"), "{l}");
    assert!(l.starts_with('…') && l.ends_with('…'), "{l}");
}
