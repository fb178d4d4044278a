//! Consent before sharing: exporting content labelled TLP:RED or TLP:AMBER+STRICT needs
//! the user's explicit word (`--allow tlp:red` on the command line, a confirmation in
//! the reader), and a refusal says which briefings and why. Must not depend on
//! terminal crates.

use super::{ExportItem, ExportOptions};
use crate::domain::i18n::{Lang, tlp_meaning};
use crate::domain::tradecraft::inherit::briefing_tlp;
use crate::domain::tradecraft::tlp::Tlp;

/// A briefing whose export needs consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restricted {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its TLP label (`RED` or `AMBER+STRICT`).
    pub tlp: Tlp,
}

/// What an export needs consent for: the briefings labelled TLP:RED or
/// TLP:AMBER+STRICT in it that the options do not allow yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// The briefings, in the order of the export.
    pub briefings: Vec<Restricted>,
}

impl Consent {
    /// The strictest label among the briefings.
    pub fn tlp(&self) -> Tlp {
        self.briefings
            .iter()
            .map(|b| b.tlp)
            .max()
            .unwrap_or(Tlp::Red)
    }

    /// The labels to allow, each once, from the least restrictive: what
    /// [`ExportOptions::allow`] must hold for the export to go ahead.
    pub fn labels(&self) -> Vec<Tlp> {
        let mut labels: Vec<Tlp> = self.briefings.iter().map(|b| b.tlp).collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    }

    /// The command-line options that give consent: `--allow tlp:amber+strict --allow
    /// tlp:red`.
    pub fn flags(&self) -> String {
        self.labels()
            .iter()
            .map(|t| format!("--allow {}", allow_word(*t)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Why consent is needed, one line per briefing, in `lang` (sanitised, without
    /// trailing line break): `` `depot` “Harbour depot” is TLP:RED: for the named
    /// recipients only``.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.briefings
            .iter()
            .map(|b| {
                crate::tr!(
                    lang,
                    "export-consent-line",
                    id = b.id.as_str(),
                    title = b.title.as_str(),
                    label = b.tlp.label(),
                    meaning = tlp_meaning(b.tlp, lang)
                )
            })
            .collect()
    }

    /// The labels that need consent, as one text: `TLP:AMBER+STRICT, TLP:RED`.
    pub fn labels_text(&self) -> String {
        let labels: Vec<String> = self.labels().iter().map(|t| t.label()).collect();
        labels.join(", ")
    }

    /// The reason in one paragraph, in `lang`, for a confirmation or an error message:
    /// `this export holds TLP:RED content, which needs explicit consent to share: …`.
    pub fn reason(&self, lang: Lang) -> String {
        crate::tr!(
            lang,
            "export-consent-reason",
            labels = self.labels_text(),
            list = self.lines(lang).join("; ")
        )
    }
}

/// The word `--allow` takes for a label: `tlp:red`, `tlp:amber+strict`.
pub fn allow_word(tlp: Tlp) -> String {
    format!("tlp:{}", tlp.name().to_ascii_lowercase())
}

/// Whether exporting `items` needs consent the options do not give: every briefing
/// given whose TLP label (see [`briefing_tlp`]) is RED or AMBER+STRICT and is not in
/// [`ExportOptions::allow`]; `None` when the export may go ahead. The reader calls it
/// before writing an export to know whether to ask, and what to say
/// ([`Consent::reason`]); [`super::export_text`] refuses without it.
pub fn export_needs_consent(items: &[ExportItem<'_>], options: &ExportOptions) -> Option<Consent> {
    let briefings: Vec<Restricted> = items
        .iter()
        .filter_map(|item| {
            let tlp = briefing_tlp(item.briefing)?;
            (tlp.needs_consent() && !options.allow.contains(&tlp)).then(|| Restricted {
                id: item.briefing.id.clone(),
                title: item.briefing.title.clone(),
                tlp,
            })
        })
        .collect();
    (!briefings.is_empty()).then_some(Consent { briefings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_names_each_briefing_and_its_label() {
        let consent = Consent {
            briefings: vec![
                Restricted {
                    id: "b".into(),
                    title: "Red\u{1b}]0;x\u{7}".into(),
                    tlp: Tlp::Red,
                },
                Restricted {
                    id: "a".into(),
                    title: "Amber".into(),
                    tlp: Tlp::AmberStrict,
                },
            ],
        };
        assert_eq!(consent.tlp(), Tlp::Red);
        assert_eq!(consent.labels(), [Tlp::AmberStrict, Tlp::Red]);
        assert_eq!(consent.flags(), "--allow tlp:amber+strict --allow tlp:red");
        let reason = consent.reason(Lang::En);
        assert!(
            reason.starts_with(
                "this export holds TLP:AMBER+STRICT, TLP:RED content, which needs explicit consent to share: `b` “Red"
            ),
            "{reason}"
        );
        assert!(
            reason.contains("`a` “Amber” is TLP:AMBER+STRICT: limited to the organisation only")
        );
        assert!(!reason.chars().any(char::is_control), "{reason:?}");
        // In French, the words and the meaning of each label are French.
        let raison = consent.reason(Lang::Fr);
        assert!(
            raison.starts_with("cet export contient un contenu TLP:AMBER+STRICT, TLP:RED"),
            "{raison}"
        );
        assert!(raison.contains("limité à l’organisation seule"), "{raison}");
        assert!(!raison.chars().any(char::is_control), "{raison:?}");
    }
}
