//! The analyst views' data: every structured date in a library on one chronological
//! line, and the sections of one kind across briefings. Must not depend on terminal
//! crates.

use std::collections::HashMap;
use std::sync::Arc;

use super::briefing::{Briefing, Kind, Section};
use super::date::{DateSpan, PartialDate};

/// What the views show of a briefing beside its sections: shared by all its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefingRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<PartialDate>,
    /// Its tags.
    pub tags: Vec<String>,
}

impl BriefingRef {
    /// What the views need of a loaded briefing.
    pub fn of(b: &Briefing) -> Arc<BriefingRef> {
        Arc::new(BriefingRef {
            id: b.id.clone(),
            title: b.title.clone(),
            date: b.date,
            tags: b.tags.clone(),
        })
    }
}

/// One dated passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The briefing.
    pub briefing: Arc<BriefingRef>,
    /// Index of the section in the briefing.
    pub section: usize,
    /// The section's title.
    pub section_title: String,
    /// The section's kind.
    pub kind: Option<Kind>,
    /// The date.
    pub span: DateSpan,
}

/// The dates of one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGroup {
    /// The year, when stated.
    pub year: Option<i16>,
    /// The month, 1–12.
    pub month: u8,
    /// Its dates, by first day.
    pub entries: Vec<TimelineEntry>,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl MonthGroup {
    /// `September 2023`, or `September (year not stated)`.
    pub fn label(&self) -> String {
        let name = self.month_name();
        match self.year {
            Some(y) => format!("{name} {y}"),
            None => format!("{name} (year not stated)"),
        }
    }

    /// `September`: the month's name alone (under a heading that says the year is not
    /// stated, or to build a label).
    pub fn month_name(&self) -> &'static str {
        MONTH_NAMES[usize::from(self.month.clamp(1, 12) - 1)]
    }

    /// Whether the sources state the year of this month's dates.
    pub fn is_dated(&self) -> bool {
        self.year.is_some()
    }

    /// How many days the month has (29 for February without a year).
    pub fn days(&self) -> u8 {
        let year = self.year.unwrap_or(2024);
        jiff::civil::Date::new(year, self.month as i8, 1).map_or(31, |d| d.days_in_month() as u8)
    }

    /// Whether `date` falls after this month (yearless months sort after dated ones).
    pub fn is_before(&self, date: jiff::civil::Date) -> bool {
        match self.year {
            Some(y) => (y, self.month) < (date.year(), date.month() as u8),
            None => false,
        }
    }
}

/// The month a date's range starts in.
fn month_key(d: &PartialDate) -> (bool, i16, u8) {
    // Dated months first, in order; then months without a year.
    (d.year.is_none(), d.year.unwrap_or(0), d.month)
}

/// Every structured date of loaded briefings, as [`timeline`] takes them.
pub fn dated_entries(briefings: &[Arc<Briefing>]) -> Vec<TimelineEntry> {
    briefings
        .iter()
        .flat_map(|b| {
            let at = BriefingRef::of(b);
            b.dates()
                .map(|(section, span)| {
                    let s = b.sections.get(section);
                    TimelineEntry {
                        briefing: at.clone(),
                        section,
                        section_title: s.map(|s| s.title.clone()).unwrap_or_default(),
                        kind: s.and_then(|s| s.kind.clone()),
                        span: span.clone(),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every structured date, grouped by the month it starts in: dated months
/// chronologically, then months whose year the sources do not state.
pub fn timeline(mut entries: Vec<TimelineEntry>) -> Vec<MonthGroup> {
    entries.sort_by(|a, b| {
        let (fa, fb) = (&a.span.from, &b.span.from);
        month_key(fa)
            .cmp(&month_key(fb))
            .then(fa.day.unwrap_or(0).cmp(&fb.day.unwrap_or(0)))
            .then_with(|| a.briefing.title.cmp(&b.briefing.title))
    });
    let mut groups: Vec<MonthGroup> = Vec::new();
    for entry in entries {
        let (year, month) = (entry.span.from.year, entry.span.from.month);
        match groups.last_mut() {
            Some(g) if g.year == year && g.month == month => g.entries.push(entry),
            _ => groups.push(MonthGroup {
                year,
                month,
                entries: vec![entry],
            }),
        }
    }
    groups
}

/// Whether a date names a month and no day (`2027-01`, or a range of such months): it
/// is drawn as a mark on its month, not as a bar over every day of it.
pub fn is_month_only(span: &DateSpan) -> bool {
    span.from.day.is_none() && span.to.is_none_or(|to| to.day.is_none())
}

/// Whether a dated span is over by `today`: its last day (the end of its last month
/// when no day is named) is before `today`. A span without a year is never past: it
/// cannot be placed against today.
pub fn is_past(span: &DateSpan, today: jiff::civil::Date) -> bool {
    let end = span.to.unwrap_or(span.from);
    let Some(year) = end.year else {
        return false;
    };
    let day = end.day.unwrap_or_else(|| {
        jiff::civil::Date::new(year, end.month as i8, 1).map_or(31, |d| d.days_in_month() as u8)
    });
    (year, end.month, day) < (today.year(), today.month() as u8, today.day() as u8)
}

/// The days of `group`'s month that an entry covers (1-based, inclusive), for drawing
/// a range as a bar; a range running past the month's end stops at its last day.
/// `None` for a date that names no day ([`is_month_only`]): it covers no day in
/// particular.
pub fn days_covered(group: &MonthGroup, span: &DateSpan) -> Option<(u8, u8)> {
    if is_month_only(span) {
        return None;
    }
    let first = span.from.day.unwrap_or(1);
    let last = match &span.to {
        Some(to) if to.month == group.month && to.year == group.year => {
            to.day.unwrap_or(group.days())
        }
        Some(_) => group.days(),
        None => span.from.day.unwrap_or(group.days()),
    };
    let first = first.min(group.days());
    Some((first, last.clamp(first, group.days())))
}

/// One section of the compare view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareEntry {
    /// The briefing.
    pub briefing: Arc<BriefingRef>,
    /// Index of the section.
    pub section: usize,
    /// The section (title, body, dates).
    pub content: Arc<Section>,
}

/// The section kinds present in loaded briefings, known ones first in their canonical
/// order.
pub fn kinds_in(briefings: &[Arc<Briefing>]) -> Vec<(Kind, usize)> {
    let mut counts: std::collections::BTreeMap<Kind, usize> = std::collections::BTreeMap::new();
    for b in briefings {
        for s in &b.sections {
            if let Some(k) = &s.kind {
                *counts.entry(k.clone()).or_default() += 1;
            }
        }
    }
    let mut kinds: Vec<(Kind, usize)> = counts.into_iter().collect();
    kinds.sort_by_key(|(k, _)| {
        (
            k.known_index().unwrap_or(usize::MAX),
            k.as_str().to_string(),
        )
    });
    kinds
}

/// The order of the compare view: by briefing date (undated last), then title, then id,
/// then section; the sections of one briefing follow each other (see [`columns_of`]).
pub fn compare_order(a: (&BriefingRef, usize), b: (&BriefingRef, usize)) -> std::cmp::Ordering {
    let key = |r: &BriefingRef| {
        (
            r.date.is_none(),
            r.date
                .map(|d| (d.year.unwrap_or(0), d.month, d.day.unwrap_or(0))),
        )
    };
    key(a.0)
        .cmp(&key(b.0))
        .then_with(|| a.0.title.cmp(&b.0.title))
        .then_with(|| a.0.id.cmp(&b.0.id))
        .then(a.1.cmp(&b.1))
}

/// Every section of `kind` in loaded briefings, in [`compare_order`].
pub fn sections_of_kind(briefings: &[Arc<Briefing>], kind: &Kind) -> Vec<CompareEntry> {
    let mut refs: HashMap<&str, Arc<BriefingRef>> = HashMap::new();
    let mut entries: Vec<CompareEntry> = Vec::new();
    for b in briefings {
        for (i, s) in b.sections.iter().enumerate() {
            if s.kind.as_ref() != Some(kind) {
                continue;
            }
            let at = refs
                .entry(&b.id)
                .or_insert_with(|| BriefingRef::of(b))
                .clone();
            entries.push(CompareEntry {
                briefing: at,
                section: i,
                content: Arc::new(s.clone()),
            });
        }
    }
    entries.sort_by(|a, b| compare_order((&a.briefing, a.section), (&b.briefing, b.section)));
    entries
}

/// The runs of `entries` that belong to one briefing, in order: the columns of the
/// compare view, one per briefing, each holding that briefing's sections one under the
/// other. `entries` come from [`sections_of_kind`] (a briefing's sections adjacent).
pub fn columns_of(entries: &[CompareEntry]) -> Vec<std::ops::Range<usize>> {
    let mut columns: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        match columns.last_mut() {
            Some(run) if entries[run.start].briefing.id == entry.briefing.id => run.end = i + 1,
            _ => columns.push(i..i + 1),
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::briefing::Origin;
    use crate::domain::library::Library;
    use crate::domain::load::parse_briefing;

    fn library(files: &[&str]) -> Vec<Arc<Briefing>> {
        let mut library = Library::default();
        for (i, text) in files.iter().enumerate() {
            library.add(parse_briefing(
                text.as_bytes(),
                Origin::File(format!("b{i}.toml").into()),
                Some(format!("b{i}")),
            ));
        }
        assert!(library.problems.is_empty(), "{:?}", library.problems);
        library.briefings
    }

    const A: &str = "title = \"A\"\ndate = 2023-09-01\n[[sections]]\ntitle = \"Dates\"\nkind = \"possible-dates\"\n[[sections.dates]]\nfrom = 2023-09-10\nto = 2023-09-13\n[[sections.dates]]\nfrom = \"--09-10\"\n[[sections.dates]]\nfrom = 2023-08-30\nto = 2023-09-02\n";
    const B: &str = "title = \"B\"\ndate = 2022-01-01\n[[sections]]\ntitle = \"When\"\nkind = \"possible-dates\"\n[[sections.dates]]\nfrom = 2024-01-05\n";

    #[test]
    fn dates_are_grouped_by_month_in_order_yearless_last() {
        let groups = timeline(dated_entries(&library(&[A, B])));
        let labels: Vec<String> = groups.iter().map(MonthGroup::label).collect();
        assert_eq!(
            labels,
            [
                "August 2023",
                "September 2023",
                "January 2024",
                "September (year not stated)"
            ]
        );
        assert_eq!(groups[1].entries[0].span.human(), "10–13 Sep 2023");
    }

    #[test]
    fn ranges_cover_their_days_within_the_month() {
        let groups = timeline(dated_entries(&library(&[A])));
        let august = &groups[0];
        assert_eq!(
            days_covered(august, &august.entries[0].span),
            Some((30, 31))
        );
        let september = &groups[1];
        assert_eq!(
            days_covered(september, &september.entries[0].span),
            Some((10, 13))
        );
    }

    const MONTHS: &str = "title = \"M\"\n[[sections]]\ntitle = \"When\"\nkind = \"possible-dates\"\n[[sections.dates]]\nfrom = \"2027-01\"\n[[sections.dates]]\nfrom = \"2027-03\"\nto = \"2027-04\"\n[[sections.dates]]\nfrom = \"2027-05-30\"\nto = \"2027-06\"\n";

    #[test]
    fn a_month_without_a_day_covers_no_day_in_particular() {
        let groups = timeline(dated_entries(&library(&[MONTHS])));
        let covered: Vec<Option<(u8, u8)>> = groups
            .iter()
            .map(|g| days_covered(g, &g.entries[0].span))
            .collect();
        // January and March–April are months; 30 May to some day of June is a range of
        // days that runs to the end of May.
        assert_eq!(covered, [None, None, Some((30, 31))]);
        assert!(is_month_only(&groups[0].entries[0].span));
        assert!(!is_month_only(&groups[2].entries[0].span));
    }

    #[test]
    fn a_date_is_past_once_its_last_day_is() {
        let groups = timeline(dated_entries(&library(&[A, MONTHS])));
        let span = |label: &str| {
            groups
                .iter()
                .flat_map(|g| &g.entries)
                .map(|e| &e.span)
                .find(|s| s.human() == label)
                .cloned()
        };
        let Some(range) = span("10–13 Sep 2023") else {
            panic!("{groups:?}")
        };
        let on = |y, m, d| jiff::civil::date(y, m, d);
        assert!(!is_past(&range, on(2023, 9, 13)));
        assert!(is_past(&range, on(2023, 9, 14)));
        let Some(month) = span("Jan 2027") else {
            panic!()
        };
        assert!(!is_past(&month, on(2027, 1, 31)));
        assert!(is_past(&month, on(2027, 2, 1)));
        let Some(yearless) = span("10 Sep") else {
            panic!()
        };
        assert!(!is_past(&yearless, on(2100, 1, 1)));
    }

    #[test]
    fn a_briefings_sections_of_a_kind_form_one_column() {
        const C: &str = "title = \"A\"\ndate = 2023-09-01\n[[sections]]\ntitle = \"One\"\nkind = \"context\"\n[[sections]]\ntitle = \"Two\"\nkind = \"context\"\n";
        const D: &str = "title = \"A\"\ndate = 2023-09-01\n[[sections]]\ntitle = \"Other\"\nkind = \"context\"\n";
        let library = library(&[C, D, C]);
        let kind = &kinds_in(&library)[0].0;
        let entries = sections_of_kind(&library, kind);
        // Same title and date: the sections still group by briefing.
        let columns = columns_of(&entries);
        assert_eq!(columns.len(), 3, "{columns:?}");
        for run in &columns {
            let ids: Vec<&str> = entries[run.clone()]
                .iter()
                .map(|e| e.briefing.id.as_str())
                .collect();
            assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
        }
        assert_eq!(columns.iter().map(|r| r.len()).sum::<usize>(), 5);
    }

    #[test]
    fn compare_lists_sections_of_a_kind_by_briefing_date() {
        let library = library(&[A, B]);
        let kinds = kinds_in(&library);
        assert_eq!(kinds[0].0.as_str(), "possible-dates");
        let entries = sections_of_kind(&library, &kinds[0].0);
        let titles: Vec<&str> = entries.iter().map(|e| e.briefing.title.as_str()).collect();
        assert_eq!(titles, ["B", "A"]);
    }
}
