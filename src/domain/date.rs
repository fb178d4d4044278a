//! Calendar dates as briefings state them: a full date, a month, or a day and month
//! whose year the source does not give. Must not depend on terminal crates.

use std::cmp::Ordering;
use std::fmt;

/// A date that may lack its year or its day, because sources often do.
///
/// Written in briefing files as a TOML date (`2023-09-10`) or as a string:
/// `"2023-09-10"`, `"2023-09"` (a month) or `"--09-10"` (day and month, year not stated,
/// the ISO 8601 form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PartialDate {
    /// The year, when the source states it.
    pub year: Option<i16>,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, when stated.
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl PartialDate {
    /// A full date.
    pub fn ymd(year: i16, month: u8, day: u8) -> Self {
        PartialDate {
            year: Some(year),
            month,
            day: Some(day),
        }
    }

    /// Parses the string forms; returns a plain-words reason when the text is not one.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{}` is not a date: write YYYY-MM-DD, YYYY-MM, or --MM-DD when the year is not known",
                crate::domain::text::sanitize_line(text)
            )
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let date = if let Some(rest) = text.strip_prefix("--") {
            let (m, d) = rest.split_once('-').ok_or_else(bad)?;
            if !digits(m, 2) || !digits(d, 2) {
                return Err(bad());
            }
            PartialDate {
                year: None,
                month: m.parse().map_err(|_| bad())?,
                day: Some(d.parse().map_err(|_| bad())?),
            }
        } else {
            let mut parts = text.split('-');
            let y = parts.next().ok_or_else(bad)?;
            let m = parts.next().ok_or_else(bad)?;
            let d = parts.next();
            if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) {
                return Err(bad());
            }
            if let Some(d) = d
                && !digits(d, 2)
            {
                return Err(bad());
            }
            PartialDate {
                year: Some(y.parse().map_err(|_| bad())?),
                month: m.parse().map_err(|_| bad())?,
                day: match d {
                    Some(d) => Some(d.parse().map_err(|_| bad())?),
                    None => None,
                },
            }
        };
        date.validate()?;
        Ok(date)
    }

    /// Checks month and day ranges (29 February is allowed without a year).
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=12).contains(&self.month) {
            return Err(format!("month {} does not exist", self.month));
        }
        if let Some(day) = self.day {
            let year = self.year.unwrap_or(2024); // a leap year: 29 February may be meant
            if jiff::civil::Date::new(year, self.month as i8, day as i8).is_err() {
                return Err(format!(
                    "day {day} does not exist in {}",
                    MONTHS[self.month as usize - 1]
                ));
            }
        }
        Ok(())
    }

    /// The canonical string form (`2023-09-10`, `2023-09`, `--09-10`).
    pub fn to_iso(&self) -> String {
        match (self.year, self.day) {
            (Some(y), Some(d)) => format!("{y:04}-{:02}-{d:02}", self.month),
            (Some(y), None) => format!("{y:04}-{:02}", self.month),
            (None, Some(d)) => format!("--{:02}-{d:02}", self.month),
            (None, None) => format!("--{:02}", self.month),
        }
    }

    /// A short human form: `10 Sep 2023`, `Sep 2023`, `10 Sep`.
    pub fn human(&self) -> String {
        let month = MONTHS[(self.month.clamp(1, 12) - 1) as usize];
        match (self.day, self.year) {
            (Some(d), Some(y)) => format!("{d} {month} {y}"),
            (Some(d), None) => format!("{d} {month}"),
            (None, Some(y)) => format!("{month} {y}"),
            (None, None) => month.to_string(),
        }
    }

    /// Orders two dates when they can be ordered: both with a year, or both without.
    pub fn compare(&self, other: &PartialDate) -> Option<Ordering> {
        if self.year.is_some() != other.year.is_some() {
            return None;
        }
        Some((self.year, self.month, self.day.unwrap_or(0)).cmp(&(
            other.year,
            other.month,
            other.day.unwrap_or(0),
        )))
    }

    /// The full date, when year, month and day are all known.
    pub fn to_civil(&self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year?, self.month as i8, self.day? as i8).ok()
    }
}

impl From<jiff::civil::Date> for PartialDate {
    fn from(d: jiff::civil::Date) -> Self {
        PartialDate::ymd(d.year(), d.month() as u8, d.day() as u8)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// A structured date attached to a section: a day or a range, with how sure it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DateSpan {
    /// The first day.
    pub from: PartialDate,
    /// The last day, for a range.
    pub to: Option<PartialDate>,
    /// What the date is (`Summit in Vladivostok`).
    pub label: Option<String>,
    /// How sure the source is: `confirmed`, `reported`, `speculative`, `unconfirmed`…
    pub confidence: Option<String>,
}

impl DateSpan {
    /// `10–13 Sep` or `10 Sep 2023`: the range in a compact human form.
    pub fn human(&self) -> String {
        match &self.to {
            None => self.from.human(),
            Some(to) if to == &self.from => self.from.human(),
            Some(to) => {
                if self.from.year == to.year
                    && self.from.month == to.month
                    && let (Some(a), Some(_)) = (self.from.day, to.day)
                {
                    return format!("{a}–{}", to.human());
                }
                format!("{} – {}", self.from.human(), to.human())
            }
        }
    }

    /// The date with what it is and how sure it is, sanitised for display:
    /// `10–13 Sep — Window mentioned (reported)`.
    pub fn describe(&self) -> String {
        use super::text::sanitize_line;
        let mut line = self.human();
        if let Some(label) = &self.label {
            line.push_str(" — ");
            line.push_str(&sanitize_line(label));
        }
        if let Some(c) = &self.confidence {
            line.push_str(&format!(" ({})", sanitize_line(c)));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_string_forms() {
        assert_eq!(
            PartialDate::parse("2023-09-10"),
            Ok(PartialDate::ymd(2023, 9, 10))
        );
        assert_eq!(
            PartialDate::parse("2023-09").map(|d| (d.year, d.month, d.day)),
            Ok((Some(2023), 9, None))
        );
        assert_eq!(
            PartialDate::parse("--09-10").map(|d| (d.year, d.month, d.day)),
            Ok((None, 9, Some(10)))
        );
        assert_eq!(
            PartialDate::parse("--09-10").map(|d| d.to_iso()).as_deref(),
            Ok("--09-10")
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "2023",
            "23-09-10",
            "2023-13-01",
            "2023-02-30",
            "--02-30",
            "2023-9-1",
            "x",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} accepted");
        }
        assert!(PartialDate::parse("--02-29").is_ok());
    }

    #[test]
    fn human_forms_of_ranges() {
        let span = DateSpan {
            from: PartialDate::parse("--09-10").unwrap_or(PartialDate::ymd(1, 1, 1)),
            to: PartialDate::parse("--09-13").ok(),
            label: None,
            confidence: None,
        };
        assert_eq!(span.human(), "10–13 Sep");
        let year = DateSpan {
            from: PartialDate::ymd(2023, 9, 30),
            to: Some(PartialDate::ymd(2023, 10, 2)),
            label: None,
            confidence: None,
        };
        assert_eq!(year.human(), "30 Sep 2023 – 2 Oct 2023");
    }

    #[test]
    fn dates_with_and_without_year_do_not_compare() {
        let a = PartialDate::ymd(2023, 9, 10);
        let b = PartialDate::parse("--09-10").unwrap_or(a);
        assert_eq!(a.compare(&b), None);
        assert_eq!(
            a.compare(&PartialDate::ymd(2023, 9, 11)),
            Some(Ordering::Less)
        );
    }
}
