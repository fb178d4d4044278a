//! The reader in both languages: frame snapshots at 80×24 of the main screens with a
//! French interface (`language = "fr"`), and the rule that what is drawn as part of a
//! briefing follows the briefing's language while the chrome follows the interface's:
//! the French briefing keeps `Coopération militaire` in an English interface, and the
//! English one keeps `Military cooperation` in a French interface. Times and days that
//! come from the clock (a note's date, a message's time) are masked before comparing,
//! from the values the app holds, never by guessing.

mod common;

use crossterm::event::{KeyCode, KeyModifiers};

use brief::config::Config;
use brief::domain::i18n::{Lang, format_civil_date, format_civil_datetime};
use brief::domain::library::Library;
use brief::tr;
use brief::tui::widgets::status::hint_labels;
use common::step::{EN, FR, Stepper};

/// The bundled briefings at `width`×`height`, the interface in `lang`.
fn stepper(lang: Lang, width: u16, height: u16) -> Stepper {
    let mut config = Config::default();
    config.language = Some(lang);
    Stepper::new(config, Library::bundled(), width, height)
}

/// The reading pane's lines (what is right of the outline's border), trimmed.
fn pane_lines(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.split_once('│').map(|(_, r)| r.trim().to_string()))
        .collect()
}

/// The status line: the screen's last line.
fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

/// `text` with every occurrence of `what` replaced by `token` (a fixed text: a date's
/// length changes with its month and day).
fn mask(text: &str, what: &str, token: &str) -> String {
    if what.is_empty() {
        return text.to_string();
    }
    text.replace(what, token)
}

/// The screen with the clock's traces masked: the days and times of the open
/// briefing's annotations as the panel writes them in `lang`, and the times of the
/// log's messages.
fn masked_screen(s: &mut Stepper, lang: Lang) -> String {
    let mut screen = s.screen();
    let model = &s.app().model;
    if let Some(set) = model.open_set() {
        for a in set.annotations() {
            let civil = a.updated().to_zoned(jiff::tz::TimeZone::UTC).datetime();
            screen = mask(&screen, &format_civil_datetime(civil, lang), "<when>");
            screen = mask(&screen, &format_civil_date(civil.date(), lang), "<day>");
        }
    }
    for entry in model.log().entries() {
        screen = mask(
            &screen,
            &entry.at.strftime("%H:%M:%S").to_string(),
            "hh:mm:ss",
        );
    }
    // A masked line is shorter by as much as its date was long: the padding before its
    // frame's edge goes too, so the line reads the same whatever the date.
    let lines: Vec<String> = screen
        .lines()
        .map(|line| match line.rfind('│') {
            Some(edge) if line.contains("<when>") || line.contains("<day>") => {
                format!("{}{}", line[..edge].trim_end(), &line[edge..])
            }
            _ => line.to_string(),
        })
        .collect();
    lines.join("\n")
}

#[test]
fn french_reader_80x24_with_french_status_line() {
    let mut s = stepper(Lang::Fr, 80, 24);
    s.start(Some(FR));
    let screen = s.screen();
    let status = status_line(&screen);
    assert!(status.starts_with(" LECTURE "), "{status}");
    for hint in ["/ chercher", "a note", "b signet", "? aide"] {
        assert!(status.contains(hint), "{hint} in {status}");
    }
    // The outline's title is the reader's; its first entry is the briefing's.
    assert!(screen.contains(" Plan "), "{screen}");
    assert!(screen.contains("Vue d’ensemble"), "{screen}");
    let pane = pane_lines(&screen);
    assert!(
        pane.iter()
            .any(|l| l.starts_with("Date") && l.ends_with("non précisée")),
        "{pane:#?}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn french_help_80x24() {
    let mut s = stepper(Lang::Fr, 80, 24);
    s.start(Some(FR)).press("?");
    let screen = s.screen();
    assert!(screen.contains("Aide · Lecture · Échap ferme"), "{screen}");
    assert!(screen.contains("Lecture — cet écran"), "{screen}");
    assert!(screen.contains("Section suivante"), "{screen}");
    // Key names too: `Espace`, `PgSuiv`, `Maj-Tab`.
    assert!(screen.contains("Espace, PgSuiv"), "{screen}");
    assert!(status_line(&screen).starts_with(" AIDE "), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn french_panel_80x24() {
    let mut s = stepper(Lang::Fr, 80, 24);
    // Section 2, whose title is short: the preview's heading shows the whole date
    // (masked), so nothing after it moves with the calendar.
    s.start(Some(FR)).press("]]b");
    assert!(
        s.said().iter().any(|m| m == "signet posé"),
        "{:?}",
        s.said()
    );
    s.press("ja");
    s.press("à revoir #suivi");
    s.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.press("A");
    let screen = masked_screen(&mut s, Lang::Fr);
    assert!(
        screen.contains("Signets et notes · ce briefing · dans l’ordre du document"),
        "{screen}"
    );
    assert!(screen.contains("Signet · "), "{screen}");
    assert!(status_line(&screen).starts_with(" NOTES "), "{screen}");
    insta::assert_snapshot!(screen);
    // Deleting says where it went, with the key that brings it back.
    s.press("d");
    assert!(
        s.said()
            .iter()
            .any(|m| m == "mis à la corbeille\u{202f}: u le rétablit"),
        "{:?}",
        s.said()
    );
}

#[test]
fn french_messages_log_80x24() {
    let mut s = stepper(Lang::Fr, 80, 24);
    s.start(Some(FR)).press("]b");
    // `n` with no search, then a search that finds nothing: a warning.
    s.press("n/zzqx\n");
    s.press("n");
    s.press("M");
    let screen = masked_screen(&mut s, Lang::Fr);
    assert!(
        screen.contains("Messages · les plus récents d’abord · Échap ferme"),
        "{screen}"
    );
    assert!(
        screen.contains("avertissement\u{202f}: aucun résultat pour «\u{202f}zzqx\u{202f}»"),
        "{screen}"
    );
    assert!(
        screen.contains("aucune recherche\u{202f}: / en lance une"),
        "{screen}"
    );
    assert!(status_line(&screen).starts_with(" MESSAGES "), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn english_interface_keeps_the_french_briefings_labels() {
    let mut s = stepper(Lang::En, 80, 24);
    s.start(Some(FR)).press("]]]");
    let screen = s.screen();
    let pane = pane_lines(&screen);
    assert!(
        pane.iter()
            .any(|l| l.contains("MIL  3. Coopération militaire")),
        "{pane:#?}"
    );
    // The kind's label under the heading, in the briefing's language.
    assert!(
        pane.iter().any(|l| l == "Coopération militaire"),
        "{pane:#?}"
    );
    assert!(
        pane.iter().any(|l| l.starts_with("Sources\u{202f}: ")),
        "{pane:#?}"
    );
    assert!(!screen.contains("Military cooperation"), "{screen}");
    // The chrome is English.
    let status = status_line(&screen);
    assert!(status.starts_with(" READ "), "{status}");
    assert!(status.contains("/ search"), "{status}");
    assert!(screen.contains(" Outline "), "{screen}");
    // Its structured dates are French too.
    s.press("]]]]]]]");
    let screen = s.screen();
    assert!(screen.contains("◷ 10–13 sept."), "{screen}");
    assert!(screen.contains("(rapportée)"), "{screen}");
}

#[test]
fn french_interface_keeps_the_english_briefings_labels() {
    let mut s = stepper(Lang::Fr, 80, 24);
    s.start(Some(EN));
    let screen = s.screen();
    assert!(screen.contains(" Plan "), "{screen}");
    assert!(screen.contains("Overview"), "{screen}");
    assert!(!screen.contains("Vue d’ensemble"), "{screen}");
    let pane = pane_lines(&screen);
    assert!(
        pane.iter()
            .any(|l| l.starts_with("Date") && l.ends_with("not stated")),
        "{pane:#?}"
    );
    s.press("]]]");
    let pane = pane_lines(&s.screen());
    assert!(
        pane.iter().any(|l| l == "Military cooperation"),
        "{pane:#?}"
    );
    assert!(pane.iter().any(|l| l.starts_with("Sources: ")), "{pane:#?}");
    assert!(status_line(&s.screen()).starts_with(" LECTURE "));
}

#[test]
fn the_status_line_fits_80_columns_in_french_in_every_screen() {
    // French words are longer: at 80 columns each screen still shows its first key
    // hint, and the line ends on a whole hint (hints that do not fit are left out,
    // never cut).
    let mut s = stepper(Lang::Fr, 80, 24);
    s.start(Some(FR));
    let steps = [
        "",
        "?",
        "\x1b]v",
        "\x1bh",
        "\x1b/x",
        "\x1b\x1bA",
        "\x1bO",
        "\x1bW",
        "\x1bM",
    ];
    for keys in steps {
        s.press(keys);
        let status = status_line(&s.screen());
        let context = s.app().context();
        let searching = s.app().reader.as_ref().is_some_and(|r| r.search.is_some());
        let hints: Vec<String> = hint_labels(&s.app().model.keymap, context, searching)
            .into_iter()
            .map(|(keys, word)| format!("{keys} {word}"))
            .collect();
        let first = hints.first().cloned().unwrap_or_default();
        assert!(status.contains(&first), "{keys:?}: {first} in {status}");
        assert!(
            hints
                .iter()
                .any(|h| status.trim_end().ends_with(h.as_str())),
            "{keys:?}: {status} ends on a cut hint ({hints:?})"
        );
    }
}

#[test]
fn plurals_of_the_readers_own_messages() {
    for (lang, one, two) in [
        (
            Lang::En,
            "… 1 more line, in the notes panel",
            "… 2 more lines, in the notes panel",
        ),
        (
            Lang::Fr,
            "… 1 ligne de plus, dans le panneau des notes",
            "… 2 lignes de plus, dans le panneau des notes",
        ),
    ] {
        assert_eq!(tr!(lang, "reader-note-more", count = 1), one);
        assert_eq!(tr!(lang, "reader-note-more", count = 2), two);
    }
    assert_eq!(
        tr!(Lang::Fr, "status-unsaved-failing", count = 1),
        "1 briefing non enregistré\u{202f}: l’enregistrement échoue"
    );
    assert_eq!(
        tr!(Lang::Fr, "status-unsaved-failing", count = 1000),
        "1\u{202f}000 briefings non enregistrés\u{202f}: l’enregistrement échoue"
    );
    assert_eq!(
        tr!(Lang::En, "status-unsaved", count = 2),
        "2 briefings not saved yet"
    );
}
