//! Reading the `since` filter of an export as people write it: a day, a moment, or a
//! span back from today (`7d`, `2w`, `yesterday`). Must not depend on terminal crates.
//!
//! Days are UTC days, as everywhere in exports, so that a filter means the same on every
//! machine.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

use crate::domain::text::sanitize_line;

/// The forms [`parse_since`] accepts, in words, for help and error messages.
pub const SINCE_FORMS: &str = "a date (2024-09-05), a date and time (2024-09-05T08:30, UTC unless it ends with Z or an offset such as +02:00), a number of days or weeks back (7d, 2w), today or yesterday";

/// The largest span back a relative form may ask for (in days): about 270 years, far
/// beyond any note, and well inside what the calendar can count.
const MAX_DAYS: i64 = 100_000;

/// The start (midnight UTC) of the UTC day `days` days before `now`'s.
fn days_back(now: Timestamp, days: i64) -> Result<Timestamp, String> {
    let today = now.to_zoned(TimeZone::UTC).date();
    let day = today
        .checked_sub(Span::new().days(days))
        .map_err(|e| e.to_string())?;
    midnight(day)
}

fn midnight(day: Date) -> Result<Timestamp, String> {
    day.to_zoned(TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|e| e.to_string())
}

/// Reads a `--since` value: the moment from which annotations are kept (updated at or
/// after it).
///
/// - `2024-09-05`: that day, from midnight UTC;
/// - `2024-09-05T08:30`, `2024-09-05 08:30:15` (UTC), `2024-09-05T08:30Z`,
///   `2024-09-05T10:30+02:00`: that moment;
/// - `7d`, `2w`: from midnight UTC of the day 7 days (2 weeks) before today;
/// - `today`, `yesterday`: from midnight UTC of that day.
///
/// `now` is the present moment (fixed in tests). The error names the value and every
/// accepted form.
pub fn parse_since(text: &str, now: Timestamp) -> Result<Timestamp, String> {
    let value = text.trim();
    let bad = || {
        format!(
            "`{}` is not a moment brief understands: use {SINCE_FORMS}",
            sanitize_line(value)
        )
    };
    let lower = value.to_ascii_lowercase();
    match lower.as_str() {
        "today" => return days_back(now, 0),
        "yesterday" => return days_back(now, 1),
        _ => {}
    }
    if let Some((number, unit)) = lower
        .strip_suffix('d')
        .map(|n| (n, 1))
        .or_else(|| lower.strip_suffix('w').map(|n| (n, 7)))
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
    {
        let days = number
            .parse::<i64>()
            .ok()
            .and_then(|n| n.checked_mul(unit))
            .filter(|d| *d <= MAX_DAYS)
            .ok_or_else(|| {
                format!(
                    "`{}` reaches too far back: at most {MAX_DAYS} days",
                    sanitize_line(value)
                )
            })?;
        return days_back(now, days);
    }
    let has_time = value.contains(['T', 't', ' ']);
    if !has_time {
        return value
            .parse::<Date>()
            .map_err(|_| bad())
            .and_then(|d| midnight(d).map_err(|_| bad()));
    }
    // With an offset or `Z`: an exact moment. Without: a civil time, read as UTC.
    if let Ok(at) = value.parse::<Timestamp>() {
        return Ok(at);
    }
    let civil: DateTime = value.parse().map_err(|_| bad())?;
    civil
        .to_zoned(TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2024-09-12T14:03:09Z".parse().expect("time")
    }

    fn at(s: &str) -> Timestamp {
        s.parse().expect("time")
    }

    #[test]
    fn every_form_is_read() {
        let cases = [
            ("2024-09-05", "2024-09-05T00:00:00Z"),
            ("2024-09-05T08:30", "2024-09-05T08:30:00Z"),
            ("2024-09-05 08:30:15", "2024-09-05T08:30:15Z"),
            ("2024-09-05T08:30Z", "2024-09-05T08:30:00Z"),
            ("2024-09-05T10:30+02:00", "2024-09-05T08:30:00Z"),
            ("today", "2024-09-12T00:00:00Z"),
            ("Yesterday", "2024-09-11T00:00:00Z"),
            ("7d", "2024-09-05T00:00:00Z"),
            ("0d", "2024-09-12T00:00:00Z"),
            ("2w", "2024-08-29T00:00:00Z"),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_since(text, now()), Ok(at(expected)), "{text}");
        }
    }

    #[test]
    fn a_bad_value_names_the_accepted_forms() {
        for bad in [
            "",
            "2024",
            "2024-13-01",
            "last week",
            "7x",
            "d",
            "-3d",
            "2024-09-05T25:00",
        ] {
            let err = parse_since(bad, now()).expect_err(bad);
            assert!(err.contains("7d, 2w"), "{bad}: {err}");
            assert!(err.contains("2024-09-05T08:30"), "{bad}: {err}");
            assert!(!err.contains("four digit"), "{bad}: {err}");
        }
        let far = parse_since("99999999999w", now()).expect_err("too far");
        assert!(far.contains("too far back"), "{far}");
        let hostile = parse_since("\u{1b}]0;x\u{7}", now()).expect_err("bad");
        assert!(!hostile.chars().any(char::is_control), "{hostile:?}");
    }
}
