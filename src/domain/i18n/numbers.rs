//! Numbers by locale: digits grouped by three (`10,000` in English, `10 000` with a
//! narrow no-break space in French) and the locale's decimal separator, both for
//! numbers formatted directly and for numbers inside Fluent messages. Must not depend
//! on terminal crates.

use fluent_bundle::FluentValue;

use super::{LANGS, Lang};

/// An integer with its digits grouped: `10,000` / `10 000`. CLDR groups from four
/// digits in both languages (`1,000` / `1 000`).
pub fn format_number(n: i128, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3 + 1);
    if n < 0 {
        out.push('-');
    }
    group_into(&mut out, &digits, lang.group_separator());
    out
}

/// A count (lengths, totals) with its digits grouped; see [`format_number`].
pub fn format_count(n: usize, lang: Lang) -> String {
    format_number(i128::try_from(n).unwrap_or(i128::MAX), lang)
}

fn group_into(out: &mut String, digits: &str, separator: char) {
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
}

/// How Fluent prints a number in the language at `LANGS[I]`: Fluent's own digits
/// (which honour `minimumFractionDigits`), with the locale's grouping and decimal
/// separator. A function per language because Fluent's hook is a plain `fn`.
pub(super) fn fluent_number<const I: usize>(
    value: &FluentValue<'_>,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    if !number.value.is_finite() {
        return None;
    }
    let lang = &LANGS[I];
    let plain = number.as_string();
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_ref()),
    };
    let (int, fraction) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        // Exponent notation for huge values: leave it as Fluent wrote it.
        return None;
    }
    let mut out = String::from(sign);
    if number.options.use_grouping {
        group_into(&mut out, int, lang.group);
    } else {
        out.push_str(int);
    }
    if let Some(f) = fraction {
        out.push(lang.decimal);
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_three_from_four_digits() {
        assert_eq!(format_number(0, Lang::En), "0");
        assert_eq!(format_number(999, Lang::En), "999");
        assert_eq!(format_number(1000, Lang::En), "1,000");
        assert_eq!(format_number(-1234567, Lang::En), "-1,234,567");
        assert_eq!(format_number(10000, Lang::Fr), "10\u{202f}000");
        assert_eq!(format_count(usize::MAX, Lang::En).matches(',').count(), 6);
    }
}
