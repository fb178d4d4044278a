//! Dates by locale: partial dates as briefings state them (`10 Sep`, `sept. 2023`,
//! `1er–3 sept.`), ranges, month headings, civil dates and timestamps. The words and
//! their order come from the catalogue (`date-*` messages), so a new language brings
//! its own. Must not depend on terminal crates.

use crate::domain::date::{DateSpan, PartialDate};
use crate::domain::text::sanitize_line;

use super::{Args, DocLabels, Lang, t_args};

/// A partial date in `lang`: `10 Sep 2023` / `10 sept. 2023`, `Sep 2023`, `10 Sep`
/// (year not stated), `Sep`.
pub fn format_partial_date(date: &PartialDate, lang: Lang) -> String {
    let month = date.month.clamp(1, 12);
    let year = date.year.map(|y| y.to_string());
    let mut args = Args::new().with("month", month);
    if let Some(day) = date.day {
        args.set("day", day);
    }
    if let Some(year) = &year {
        args.set("year", year.as_str());
    }
    let id = match (date.day, &year) {
        (Some(_), Some(_)) => "date-day-month-year",
        (Some(_), None) => "date-day-month",
        (None, Some(_)) => "date-month-year",
        (None, None) => "date-month",
    };
    t_args(lang, id, &args)
}

/// A structured date's range in `lang`, compactly: `10–13 Sep` / `10–13 sept.`,
/// `30 Sep – 2 Oct 2023`, or one day.
pub fn format_span(span: &DateSpan, lang: Lang) -> String {
    let from = &span.from;
    let Some(to) = span.to.as_ref().filter(|to| *to != from) else {
        return format_partial_date(from, lang);
    };
    let to_text = format_partial_date(to, lang);
    if from.year == to.year
        && from.month == to.month
        && let (Some(day), Some(_)) = (from.day, to.day)
    {
        let day = t_args(lang, "date-day", &Args::new().with("day", day));
        let args = Args::new()
            .with("from", day.as_str())
            .with("to", to_text.as_str());
        return t_args(lang, "date-range-same-month", &args);
    }
    // The same year is said once, at the end: `30 Sep – 2 Oct 2023`.
    let first = if from.year == to.year {
        PartialDate {
            year: None,
            ..*from
        }
    } else {
        *from
    };
    let first = format_partial_date(&first, lang);
    let args = Args::new()
        .with("from", first.as_str())
        .with("to", to_text.as_str());
    t_args(lang, "date-range", &args)
}

/// A structured date with what it is and how sure the source is, in the document's
/// language, sanitised: `10–13 Sep — Window mentioned (reported)` /
/// `10–13 sept. — Fenêtre évoquée (rapportée)`.
pub fn describe_span(span: &DateSpan, labels: &DocLabels<'_>) -> String {
    let mut line = format_span(span, labels.lang());
    if let Some(label) = &span.label {
        line.push_str(" — ");
        line.push_str(&sanitize_line(label));
    }
    if let Some(c) = &span.confidence {
        line.push_str(" (");
        line.push_str(&labels.confidence(c));
        line.push(')');
    }
    line
}

/// A timeline heading: `September 2023` / `Septembre 2023`, or the month with a note
/// that the year is not stated.
pub fn month_heading(year: Option<i16>, month: u8, lang: Lang) -> String {
    let month = month.clamp(1, 12);
    match year {
        Some(y) => {
            let year = y.to_string();
            let args = Args::new().with("month", month).with("year", year.as_str());
            t_args(lang, "date-month-heading", &args)
        }
        None => t_args(
            lang,
            "date-month-heading-yearless",
            &Args::new().with("month", month),
        ),
    }
}

/// A calendar day: `29 Nov 2026` / `29 nov. 2026`.
pub fn format_civil_date(date: jiff::civil::Date, lang: Lang) -> String {
    format_partial_date(&PartialDate::from(date), lang)
}

/// A day and a time of day (24-hour clock): `5 Sep 2024, 08:30` /
/// `5 sept. 2024 à 08:30`.
pub fn format_civil_datetime(at: jiff::civil::DateTime, lang: Lang) -> String {
    let date = format_civil_date(at.date(), lang);
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    let args = Args::new()
        .with("date", date.as_str())
        .with("time", time.as_str());
    t_args(lang, "date-time", &args)
}

/// An instant in UTC, as exports show it: `5 Sep 2024, 08:30 UTC` /
/// `5 sept. 2024 à 08:30 UTC`.
pub fn format_timestamp_utc(at: jiff::Timestamp, lang: Lang) -> String {
    let civil = at.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    let date = format_civil_date(civil.date(), lang);
    let time = format!("{:02}:{:02}", civil.hour(), civil.minute());
    let args = Args::new()
        .with("date", date.as_str())
        .with("time", time.as_str());
    t_args(lang, "date-time-utc", &args)
}
