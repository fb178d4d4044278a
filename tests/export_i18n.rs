//! Exports speak the language of their briefing: the French bundled briefing's notes
//! have French headings (and `lang="fr"`) in an English interface, the English one
//! English headings in a French interface; an export of both writes each part in its
//! own language, and titles the page in the first one's.

use std::collections::HashMap;

use brief::domain::annotation::{Anchor, Bookmark, Note};
use brief::domain::briefing::Briefing;
use brief::domain::export::{ExportFormat, ExportItem, ExportOptions, render};
use brief::domain::i18n::Lang;
use brief::domain::library::Library;
use brief::domain::store::AnnotationSet;

const FR: &str = "kim-putin-vladivostok-fr";
const EN: &str = "kim-putin-vladivostok-en";

fn at(s: &str) -> jiff::Timestamp {
    s.parse().expect("timestamp")
}

/// A bundled briefing with one note (created and updated apart, tagged) and one
/// bookmark whose section is gone, so every heading of a readable export shows.
fn annotated(id: &str) -> (Briefing, AnnotationSet) {
    let b = (*Library::bundled().get(id).expect("bundled").clone()).clone();
    let anchor = |section: &str| Anchor {
        briefing: b.id.clone(),
        section: section.to_owned(),
        block: 0,
        quote: "passage".to_owned(),
        prefix: String::new(),
        suffix: String::new(),
        version: b.version.clone(),
    };
    let mut set = AnnotationSet::new(&b.id);
    set.file.notes.push(Note {
        id: "n1".into(),
        anchor: anchor(&b.sections[1].id),
        body: "check this #munitions".into(),
        created: at("2024-09-05T08:30:00Z"),
        updated: at("2024-09-06T14:12:00Z"),
        conflict_of: None,
        moved: false,
    });
    set.file.bookmarks.push(Bookmark {
        id: "b1".into(),
        anchor: anchor("a-section-since-removed"),
        label: None,
        created: at("2024-09-05T08:30:00Z"),
        updated: at("2024-09-05T08:30:00Z"),
        moved: false,
    });
    (b, set)
}

/// The text of an HTML page without its tags (the times are `<time>` elements).
fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn export(ids: &[&str], format: ExportFormat, interface: Lang) -> String {
    let loaded: Vec<(Briefing, AnnotationSet)> = ids.iter().map(|id| annotated(id)).collect();
    let status = HashMap::new();
    let items: Vec<ExportItem<'_>> = loaded
        .iter()
        .map(|(briefing, set)| ExportItem {
            briefing,
            set,
            status: &status,
            in_library: true,
        })
        .collect();
    let options = ExportOptions {
        lang: interface,
        ..ExportOptions::new(at("2024-09-12T14:00:00Z"))
    };
    render(&items, format, &options)
}

const FRENCH_HEADINGS: [&str; 6] = [
    "Exporté le",
    "À revoir",
    "Signets à revoir",
    "Créée le 5 sept. 2024 à 08:30 UTC · modifiée le 6 sept. 2024 à 14:12 UTC",
    "1 note, 1 signet",
    "(pas de passage)",
];
const ENGLISH_HEADINGS: [&str; 6] = [
    "Exported",
    "Needs review",
    "Bookmarks to review",
    "Created 5 Sep 2024, 08:30 UTC · updated 6 Sep 2024, 14:12 UTC",
    "1 note, 1 bookmark",
    "(no passage)",
];

#[test]
fn the_french_briefing_exports_with_french_headings_in_an_english_interface() {
    for format in [ExportFormat::Markdown, ExportFormat::Html] {
        let out = without_tags(&export(&[FR], format, Lang::En));
        for words in FRENCH_HEADINGS {
            // `(pas de passage)` only shows for an empty quote: not here.
            if words.starts_with('(') {
                continue;
            }
            assert!(out.contains(words), "{format:?}: no `{words}` in\n{out}");
        }
        for words in ["Needs review", "Exported", "Bookmarks", "Created"] {
            assert!(!out.contains(words), "{format:?}: `{words}` in\n{out}");
        }
    }
    let html = export(&[FR], ExportFormat::Html, Lang::En);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "{html:.200}"
    );
    assert!(html.contains("<title>Notes — Kim Jong Un"), "{html:.900}");
    assert!(html.contains("<p class=\"kicker\">Notes de lecture</p>"));
    // French typography: a narrow no-break space before the colon.
    let md = export(&[FR], ExportFormat::Markdown, Lang::En);
    assert!(
        md.contains("- **Exporté le\u{202f}:** 12 sept. 2024 à 14:00 UTC"),
        "{md}"
    );
}

#[test]
fn the_english_briefing_exports_with_english_headings_in_a_french_interface() {
    for format in [ExportFormat::Markdown, ExportFormat::Html] {
        let out = without_tags(&export(&[EN], format, Lang::Fr));
        for words in ENGLISH_HEADINGS.iter().filter(|w| !w.starts_with('(')) {
            assert!(out.contains(words), "{format:?}: no `{words}` in\n{out}");
        }
        for words in ["À revoir", "Exporté", "Signets", "Créée"] {
            assert!(!out.contains(words), "{format:?}: `{words}` in\n{out}");
        }
    }
    let html = export(&[EN], ExportFormat::Html, Lang::Fr);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{html:.200}"
    );
    assert!(html.contains("<title>Notes — "), "{html:.900}");
    let md = export(&[EN], ExportFormat::Markdown, Lang::Fr);
    assert!(
        md.contains("- **Exported:** 12 Sep 2024, 14:00 UTC"),
        "{md}"
    );
}

#[test]
fn a_two_language_export_writes_each_part_in_its_language() {
    let md = export(&[EN, FR], ExportFormat::Markdown, Lang::En);
    let (english, french) = md.split_once("\n* * *\n").expect("two parts");
    assert!(english.contains("## Needs review") && !english.contains("À revoir"));
    assert!(french.contains("## À revoir") && !french.contains("Needs review"));

    let html = export(&[FR, EN], ExportFormat::Html, Lang::En);
    // The page is titled in the first briefing's language, and says so.
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "{html:.200}"
    );
    assert!(
        html.contains("<title>Notes sur 2 briefings</title>"),
        "{html:.900}"
    );
    assert!(html.contains("<article class=\"briefing\" lang=\"fr\">"));
    assert!(html.contains("<article class=\"briefing\" lang=\"en\">"));
    let (french, english) = html
        .split_once("<article class=\"briefing\" lang=\"en\">")
        .expect("the English part");
    assert!(french.contains("<h2>À revoir</h2>") && !french.contains("Needs review"));
    assert!(english.contains("<h2>Needs review</h2>") && !english.contains("À revoir"));

    let html = export(&[EN, FR], ExportFormat::Html, Lang::Fr);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{html:.200}"
    );
    assert!(
        html.contains("<title>Notes on 2 briefings</title>"),
        "{html:.900}"
    );
}

#[test]
fn an_empty_export_and_a_briefing_without_language_take_the_interface_language() {
    let options = |lang| ExportOptions {
        lang,
        ..ExportOptions::new(at("2024-09-12T14:00:00Z"))
    };
    let md = render(&[], ExportFormat::Markdown, &options(Lang::Fr));
    assert_eq!(md, "# Notes\n\n*Aucun briefing à exporter.*\n");
    let html = render(&[], ExportFormat::Html, &options(Lang::Fr));
    assert!(html.contains("<html lang=\"fr\">") && html.contains("Aucun briefing à exporter."));

    let (mut b, set) = annotated(EN);
    b.language = None;
    let status = HashMap::new();
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let md = render(&[item], ExportFormat::Markdown, &options(Lang::Fr));
    assert!(md.contains("## À revoir"), "{md}");
    let md = render(&[item], ExportFormat::Markdown, &options(Lang::En));
    assert!(md.contains("## Needs review"), "{md}");
}
