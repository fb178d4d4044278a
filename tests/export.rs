//! Exporting notes: snapshots of the three formats for the bundled French briefing, the
//! JSON round trip through the store, hostile text staying literal, control characters
//! never leaking, and export files never overwriting one another.

use std::collections::HashMap;
use std::sync::Arc;

use brief::domain::annotation::{Anchor, Annotation, Bookmark, Note, Status};
use brief::domain::briefing::Briefing;
use brief::domain::export::{
    ExportFormat, ExportItem, ExportOptions, GENERATOR, ImportError, file_name, import_notes,
    merge_into, render, write_export,
};
use brief::domain::library::Library;
use brief::domain::store::{AnnotationSet, LockMode, Store, Trashed};
use jiff::Timestamp;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const FR: &str = "kim-putin-vladivostok-fr";

fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn french() -> Arc<Briefing> {
    Library::bundled()
        .get(FR)
        .expect("bundled French briefing")
        .clone()
}

fn anchor(b: &Briefing, section: &str, block: usize, quote: &str) -> Anchor {
    Anchor {
        briefing: b.id.clone(),
        section: section.into(),
        block,
        quote: quote.into(),
        prefix: String::new(),
        suffix: String::new(),
        version: b.version.clone(),
    }
}

fn note(b: &Briefing, id: &str, (section, block, quote): (&str, usize, &str), body: &str) -> Note {
    Note {
        id: id.into(),
        anchor: anchor(b, section, block, quote),
        body: body.into(),
        created: at("2024-09-05T08:30:00Z"),
        updated: at("2024-09-05T08:30:00Z"),
        conflict_of: None,
        moved: false,
    }
}

const N_ACCENTS: &str = "0191c0a0-0000-7000-8000-000000000001";
const N_MULTI: &str = "0191c0a0-0000-7000-8000-000000000002";
const N_MOVED: &str = "0191c0a0-0000-7000-8000-000000000003";
const N_ORPHAN: &str = "0191c0a0-0000-7000-8000-000000000004";
const N_CONFLICT: &str = "0191c0a0-0000-7000-8000-000000000005";
const N_TRASHED: &str = "0191c0a0-0000-7000-8000-000000000006";
const B_LABEL: &str = "0191c0a0-0000-7000-8000-0000000000b1";
const B_PLAIN: &str = "0191c0a0-0000-7000-8000-0000000000b2";

/// The notes and bookmarks of the snapshots: fixed ids and times.
fn fixture(b: &Briefing) -> (AnnotationSet, HashMap<String, Status>) {
    let mut set = AnnotationSet::new(&b.id);
    let file = &mut set.file;
    file.notes.push(note(
        b,
        N_ACCENTS,
        (
            "context-and-preparation",
            0,
            "Kim Jong Un préparerait un déplacement hors de Corée du Nord",
        ),
        "À recouper : le #NYT est la seule origine de l’information. #à-vérifier #Sources",
    ));
    let mut multi = note(
        b,
        N_MULTI,
        (
            "military-cooperation",
            1,
            "le Nord dispose de stocks de munitions importants dans les calibres dont la Russie a besoin",
        ),
        "Points à suivre :\n- volumes livrés ?\n- calibres exacts (152 mm, 122 mm)\n\nVoir aussi la section sur les obstacles. #munitions",
    );
    multi.anchor.prefix = "Atout nord-coréen : ".into();
    multi.anchor.suffix = ", et ses capacités de production".into();
    multi.created = at("2024-09-05T09:00:00Z");
    multi.updated = at("2024-09-06T14:12:30Z");
    file.notes.push(multi);
    let mut moved = note(
        b,
        N_MOVED,
        (
            "objectives",
            2,
            "Il cadre mal avec la partie suivante du même texte",
        ),
        "Contradiction sur le sens des flux : à signaler dans la synthèse. #contradiction",
    );
    moved.created = at("2024-09-05T10:15:00Z");
    moved.updated = moved.created;
    file.notes.push(moved);
    file.notes.push(note(
        b,
        N_ORPHAN,
        (
            "possible-dates",
            1,
            "le sommet aurait lieu le 12 septembre à bord d’un navire",
        ),
        "Date à confirmer auprès d’une seconde source.",
    ));
    let mut conflict = note(
        b,
        N_CONFLICT,
        ("assessment", 2, "Confiance : faible à modérée."),
        "Confiance plutôt faible, vu l’unique source.",
    );
    conflict.conflict_of = Some(N_ACCENTS.into());
    file.notes.push(conflict);
    file.bookmarks.push(Bookmark {
        id: B_LABEL.into(),
        anchor: anchor(
            b,
            "challenges",
            1,
            "Pression extérieure : les deux pays subissent déjà des pressions internationales et des sanctions",
        ),
        label: Some("À relire avant la réunion".into()),
        created: at("2024-09-06T07:45:00Z"),
        updated: at("2024-09-06T07:45:00Z"),
        moved: false,
    });
    file.bookmarks.push(Bookmark {
        id: B_PLAIN.into(),
        anchor: anchor(
            b,
            "possible-dates",
            1,
            "Fenêtre évoquée : du 10 au 13 septembre.",
        ),
        label: None,
        created: at("2024-09-06T07:50:00Z"),
        updated: at("2024-09-06T07:50:00Z"),
        moved: false,
    });
    file.trash.push(Trashed {
        deleted: at("2024-09-07T16:00:00Z"),
        annotation: Annotation::Note(note(
            b,
            N_TRASHED,
            ("interests", 0, "Au-delà des armes"),
            "Note supprimée, gardée dans la corbeille.",
        )),
    });
    let status = HashMap::from([
        (N_MOVED.to_owned(), Status::Moved),
        (N_ORPHAN.to_owned(), Status::Orphan),
    ]);
    (set, status)
}

fn options() -> ExportOptions {
    ExportOptions::new(at("2024-09-12T14:00:00Z"))
}

/// The export with the version number taken out, so snapshots outlive releases.
fn export(format: ExportFormat) -> String {
    let b = french();
    let (set, status) = fixture(&b);
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    render(&[item], format, &options()).replace(GENERATOR, "brief [version]")
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(export(ExportFormat::Markdown));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(export(ExportFormat::Json));
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!(export(ExportFormat::Html));
}

#[test]
fn json_round_trips_through_an_empty_store() {
    let b = french();
    let (set, status) = fixture(&b);
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let first = render(&[item], ExportFormat::Json, &options());
    let files = import_notes(&first).expect("import");
    assert_eq!(files.len(), 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path());
    let summary = merge_into(&store, files).expect("merge");
    assert_eq!(summary.briefings.len(), 1);
    assert_eq!(summary.briefings[0].added, 8, "{summary:?}");
    assert_eq!(summary.briefings[0].conflicts, 0);
    let loaded = store.load(FR).expect("load").set;
    let again = ExportItem {
        briefing: &b,
        set: &loaded,
        status: &status,
        in_library: true,
    };
    let second = render(&[again], ExportFormat::Json, &options());
    assert_eq!(first, second);
    // Importing the same export again changes nothing.
    let summary = merge_into(&store, import_notes(&first).expect("import")).expect("merge");
    assert_eq!(summary.briefings[0].unchanged, 8, "{summary:?}");
    assert_eq!(
        summary.describe(),
        "1 briefing: 0 added, 0 updated, 8 unchanged"
    );
}

#[test]
fn importing_keeps_both_texts_and_respects_deletions() {
    let b = french();
    let (set, status) = fixture(&b);
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let json = render(&[item], ExportFormat::Json, &options());

    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path());
    let mut here = AnnotationSet::new(FR);
    // Edited here later, differently: both texts must survive.
    let mut edited = fixture(&b).0.file.notes.remove(0);
    edited.body = "Texte réécrit ici. #sources".into();
    edited.updated = at("2024-09-10T10:00:00Z");
    here.file.notes.push(edited);
    // The labelled bookmark, deleted here with the same label: it stays deleted.
    let mut mark = fixture(&b).0.file.bookmarks.remove(0);
    mark.updated = at("2024-09-06T07:45:00Z");
    here.file.trash.push(Trashed {
        deleted: at("2024-09-09T09:00:00Z"),
        annotation: Annotation::Bookmark(mark),
    });
    // Something only this store has.
    here.file.notes.push(note(
        &b,
        "0191c0a0-0000-7000-8000-0000000000ff",
        ("assessment", 0, "En bref"),
        "Seulement ici.",
    ));
    store.save(&mut here, LockMode::Wait).expect("save");

    let summary = merge_into(&store, import_notes(&json).expect("import")).expect("merge");
    let s = &summary.briefings[0];
    assert_eq!((s.added, s.kept_deleted, s.conflicts), (6, 1, 1), "{s:?}");
    let merged = store.load(FR).expect("load").set;
    let bodies: Vec<&str> = merged.file.notes.iter().map(|n| n.body.as_str()).collect();
    assert!(
        bodies.contains(&"Texte réécrit ici. #sources"),
        "{bodies:?}"
    );
    assert!(
        bodies.iter().any(|t| t.starts_with("À recouper")),
        "{bodies:?}"
    );
    assert!(bodies.contains(&"Seulement ici."));
    let newer = merged.note(N_ACCENTS).expect("the note keeps its id");
    assert_eq!(
        newer.body, "Texte réécrit ici. #sources",
        "the newer text wins"
    );
    assert!(
        merged.file.notes.iter().any(
            |n| n.conflict_of.as_deref() == Some(N_ACCENTS) && n.body.starts_with("À recouper")
        )
    );
    assert!(merged.bookmark(B_LABEL).is_none(), "the deletion stands");
}

#[test]
fn import_errors_name_line_and_column() {
    let err = import_notes("{\n  \"schema\": 7,\n  \"briefings\": []\n}").unwrap_err();
    assert!(matches!(err, ImportError::Schema { line: 2, ref found, .. } if found == "7"));
    let message = err.to_string();
    assert!(
        message.contains("line 2, column") && message.contains("`schema` 7"),
        "{message}"
    );
    let err = import_notes("not json").unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::Syntax {
                line: 1,
                column: 2,
                ..
            }
        ),
        "{err:?}"
    );
    let json =
        export(ExportFormat::Json).replace("\"body\": \"Date", "\"body\": 12, \"x\": \"Date");
    let err = import_notes(&json).unwrap_err();
    assert!(matches!(err, ImportError::Invalid { .. }), "{err:?}");
}

#[test]
fn filters_pick_notes_by_tag_and_date() {
    let b = french();
    let (set, status) = fixture(&b);
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let tagged = ExportOptions {
        tag: Some("#Munitions".into()),
        ..options()
    };
    let json = render(&[item], ExportFormat::Json, &tagged);
    let files = import_notes(&json).expect("import");
    let ids: Vec<&str> = files[0].notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [N_MULTI]);
    assert!(
        files[0].bookmarks.is_empty(),
        "no bookmarks under a tag filter"
    );
    let md = render(&[item], ExportFormat::Markdown, &tagged);
    assert!(
        md.contains("1 note, 0 signet (notes étiquetées #munitions)"),
        "{md}"
    );

    let recent = ExportOptions {
        since: Some(at("2024-09-06T00:00:00Z")),
        ..options()
    };
    let files = import_notes(&render(&[item], ExportFormat::Json, &recent)).expect("import");
    let ids: Vec<&str> = files[0].notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [N_MULTI]);
    assert_eq!(files[0].bookmarks.len(), 2);
    assert_eq!(files[0].trash.len(), 0);
}

const HOSTILE: &str = "*star* _under_ > quote\n# not a heading\n<script>alert(1)</script> &amp; `code` [x](y) ![i](z)\n1. first\n- second\n  + third\n===\n| a | b |\n|---|---|\n~~gone~~ $x$ ^sup^ [^1] <https://example.com>\n    indented code?\n: definition\\";

/// The French briefing with hostile text in its title, a section title and the
/// classification, and one note whose quote and body are hostile, plus a bookmark.
fn hostile() -> (Briefing, AnnotationSet, HashMap<String, Status>) {
    let mut b = (*french()).clone();
    b.title = "T <script>alert(1)</script> *t* & `c`".into();
    b.classification = Some("<b>SECRET</b> & \"x\" 'y'".into());
    b.sections[1].title = "# [x](y) <i>".into();
    let mut set = AnnotationSet::new(&b.id);
    set.file
        .notes
        .push(note(&b, N_ACCENTS, ("objectives", 0, HOSTILE), HOSTILE));
    set.file.bookmarks.push(Bookmark {
        id: B_LABEL.into(),
        anchor: anchor(&b, "objectives", 1, HOSTILE),
        label: Some("**<img src=x onerror=alert(1)>**".into()),
        created: at("2024-09-06T07:45:00Z"),
        updated: at("2024-09-06T07:45:00Z"),
        moved: false,
    });
    (b, set, HashMap::new())
}

fn markdown_events(md: &str, options: Options) -> Vec<Event<'_>> {
    Parser::new_ext(md, options).collect()
}

#[test]
fn markdown_specials_stay_literal_text() {
    let (b, set, status) = hostile();
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let md = render(&[item], ExportFormat::Markdown, &options());
    let extensions = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
    for opts in [Options::empty(), extensions] {
        let events = markdown_events(&md, opts);
        let mut text = String::new();
        let (mut headings, mut lists, mut strong, mut emphasis) = (0, 0, 0, 0);
        let mut in_quote = false;
        for e in &events {
            match e {
                Event::Html(_) | Event::InlineHtml(_) => panic!("HTML in Markdown: {e:?}\n{md}"),
                Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                    panic!("markup from text: {e:?}\n{md}")
                }
                Event::FootnoteReference(_) | Event::TaskListMarker(_) => panic!("{e:?}"),
                Event::Start(Tag::BlockQuote(_)) => in_quote = true,
                Event::End(TagEnd::BlockQuote(_)) => in_quote = false,
                Event::Start(tag) => {
                    if in_quote {
                        assert!(matches!(tag, Tag::Paragraph), "{tag:?} in the quote\n{md}");
                    }
                    match tag {
                        Tag::Heading { .. } => headings += 1,
                        Tag::List(_) => lists += 1,
                        Tag::Strong => strong += 1,
                        Tag::Emphasis => emphasis += 1,
                        Tag::Paragraph | Tag::Item => {}
                        other => panic!("unexpected {other:?}\n{md}"),
                    }
                }
                Event::Text(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                _ => {}
            }
        }
        // Ours: the title, the section, "Bookmarks"; the metadata list (with its sources)
        // and the bookmark list; the banner at the top and the bottom, the metadata
        // labels and the bookmark label; the times.
        assert_eq!(headings, 3, "{md}");
        assert_eq!(lists, 3, "{md}");
        assert_eq!(strong, 9, "{md}");
        assert_eq!(emphasis, 1, "{md}");
        for literal in [
            "*star* _under_ > quote",
            "# not a heading",
            "<script>alert(1)</script> &amp; `code` [x](y) ![i](z)",
            "1. first",
            "- second",
            "===",
            "|---|---|",
            "~~gone~~ $x$ ^sup^ [^1] <https://example.com>",
            ": definition\\",
            "T <script>alert(1)</script> *t* & `c`",
            "<b>SECRET</b> & \"x\" 'y'",
            "# [x](y) <i>",
            "**<img src=x onerror=alert(1)>**",
        ] {
            assert!(text.contains(literal), "{literal:?} not literal in {text}");
        }
    }
}

#[test]
fn html_escapes_everything_and_loads_nothing() {
    let (b, set, status) = hostile();
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let html = render(&[item], ExportFormat::Html, &options());
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;b&gt;SECRET&lt;/b&gt; &amp; &quot;x&quot; &#39;y&#39;"));
    assert!(html.contains("&amp;amp;"));
    let lower = html.to_lowercase();
    for banned in [
        "<script", "<img", "<i>", "<b>", "url(", "@import", "<link", "<iframe",
    ] {
        assert!(!lower.contains(banned), "{banned} in the page");
    }
    // Every tag is ours (text never holds a raw `<`): none loads or links anything.
    for tag in lower
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
    {
        for attribute in ["src=", "href=", "srcset=", "on"] {
            let found = tag
                .split_whitespace()
                .skip(1)
                .any(|a| a.starts_with(attribute));
            assert!(!found, "<{tag}> has {attribute}");
        }
    }
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
}

#[test]
fn control_characters_never_leak() {
    let b = french();
    let nasty = "red \u{1b}[31m bell \u{7} csi \u{9b}2J del \u{7f} bidi \u{202e}x\ttab\r\nnext";
    let mut set = AnnotationSet::new(&b.id);
    set.file
        .notes
        .push(note(&b, N_ACCENTS, ("objectives", 0, nasty), nasty));
    set.file.bookmarks.push(Bookmark {
        id: B_LABEL.into(),
        anchor: anchor(&b, "objectives", 1, nasty),
        label: Some(nasty.into()),
        created: at("2024-09-06T07:45:00Z"),
        updated: at("2024-09-06T07:45:00Z"),
        moved: false,
    });
    let status = HashMap::from([(B_LABEL.to_owned(), Status::Orphan)]);
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Json,
    ] {
        let out = render(&[item], format, &options());
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| (c.is_control() && c != '\n') || c == '\u{202e}')
            .collect();
        assert!(bad.is_empty(), "{format:?}: {bad:?}");
        if format != ExportFormat::Json {
            assert!(
                out.contains('\u{241b}') && out.contains('\u{2407}'),
                "{format:?}"
            );
        }
    }
    // JSON keeps the data: the characters are escaped, not lost.
    let json = render(&[item], ExportFormat::Json, &options());
    assert!(json.contains("\\u001b[31m"));
    let back = import_notes(&json).expect("import");
    assert_eq!(back[0].notes[0].body, nasty);
}

#[test]
fn export_files_never_replace_one_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = file_name(&[FR], ExportFormat::Markdown, at("2024-09-12T14:00:00Z"));
    assert_eq!(
        name,
        "brief-notes-kim-putin-vladivostok-fr-20240912-140000.md"
    );
    let first = write_export(dir.path(), &name, "one").expect("write");
    let second = write_export(dir.path(), &name, "two").expect("write");
    let third = write_export(dir.path(), &name, "three").expect("write");
    assert_eq!(first, dir.path().join(&name));
    assert_eq!(
        second,
        dir.path()
            .join("brief-notes-kim-putin-vladivostok-fr-20240912-140000-2.md")
    );
    assert_eq!(
        third,
        dir.path()
            .join("brief-notes-kim-putin-vladivostok-fr-20240912-140000-3.md")
    );
    assert_eq!(std::fs::read_to_string(&first).expect("read"), "one");
    assert_eq!(std::fs::read_to_string(&third).expect("read"), "three");
    let plain = write_export(dir.path(), "notes", "a").expect("write");
    let plain2 = write_export(dir.path(), "notes", "b").expect("write");
    assert_eq!(plain2, plain.with_file_name("notes-2"));
    for bad in ["", "..", "../x.md", "a/b.md"] {
        let err = write_export(dir.path(), bad, "x").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{bad:?}");
    }
    let missing = write_export(&dir.path().join("missing"), "x.md", "x").unwrap_err();
    assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
    // Only the files written, no temporary file left.
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 5);
}

#[test]
fn the_documented_example_imports() {
    let doc = include_str!("../docs/export-json.md");
    let example = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("docs/export-json.md has a JSON example");
    let files = import_notes(example).expect("the example imports");
    assert_eq!(files.len(), 1);
    assert_eq!((files[0].notes.len(), files[0].bookmarks.len()), (1, 1));
    // It is a part of the fixture's export, as it says.
    let full = export(ExportFormat::Json);
    let note = import_notes(&full)
        .expect("import")
        .remove(0)
        .notes
        .remove(1);
    assert_eq!(files[0].notes[0], note);
}

#[test]
fn html_pages_carry_the_title_and_language_and_a_safe_filter() {
    let b = french();
    let (set, status) = fixture(&b);
    let item = ExportItem {
        briefing: &b,
        set: &set,
        status: &status,
        in_library: true,
    };
    let html = render(&[item], ExportFormat::Html, &options());
    assert!(
        html.contains(&format!("<title>Notes — {}</title>", b.title)),
        "{html:.600}"
    );
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    // A tag filter holding escape sequences is written as visible symbols.
    let hostile = ExportOptions {
        tag: Some("x\u{1b}]0;pwned\u{7}".into()),
        ..options()
    };
    for format in [
        ExportFormat::Html,
        ExportFormat::Markdown,
        ExportFormat::Json,
    ] {
        let out = render(&[item], format, &hostile);
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{format:?}"
        );
    }
}

#[test]
fn json_notes_carry_their_section_title_and_kind() {
    let doc: serde_json::Value = serde_json::from_str(&export(ExportFormat::Json)).expect("json");
    let notes = doc["briefings"][0]["notes"].as_array().expect("notes");
    let accents = notes
        .iter()
        .find(|n| n["id"] == N_ACCENTS)
        .expect("the note");
    assert_eq!(
        accents["section_title"],
        "Contexte : Kim prépare un rare voyage à l’étranger"
    );
    assert_eq!(accents["section_kind"], "context");
    assert_eq!(doc["briefings"][0]["in_library"], true);
}

#[test]
fn notes_of_a_briefing_not_in_the_library_are_listed_for_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path());
    let b = french();
    let (mut set, _) = fixture(&b);
    store.save(&mut set, LockMode::Wait).expect("save");
    // A library without the briefing.
    let library = Library::default();
    let out = brief::domain::export::export_text(
        &library,
        &store,
        &[],
        ExportFormat::Markdown,
        &options(),
        &HashMap::new(),
    );
    assert_eq!(out.exported, [FR]);
    assert_eq!(out.not_in_library, [FR]);
    assert!(out.text.starts_with(&format!("# {FR}\n")), "{}", out.text);
    assert!(out.text.contains("## Needs review"), "{}", out.text);
    // Every live note and bookmark is there.
    for id in [N_ACCENTS, N_MULTI, N_MOVED, N_ORPHAN] {
        let note = set.file.notes.iter().find(|n| n.id == id).expect("note");
        let first = note.body.split_whitespace().next().expect("a word");
        assert!(out.text.contains(first), "{id}: {first}");
    }
}
