//! Benchmarks of the message catalogues (`cargo bench --bench i18n`), with divan: parsing
//! both embedded catalogues once, and the calls the reader makes on every frame — a
//! plain message, a message with a plural and a grouped number, a date range in French.

use brief::domain::date::{DateSpan, PartialDate};
use brief::domain::i18n::{Catalog, Lang, format_span, t};
use brief::tr;

fn main() {
    divan::main();
}

#[divan::bench]
fn build_the_catalogues() -> Catalog {
    Catalog::build()
}

#[divan::bench]
fn plain_message() -> String {
    t(divan::black_box(Lang::Fr), "hint-quit")
}

#[divan::bench]
fn plural_with_a_grouped_number() -> String {
    tr!(
        divan::black_box(Lang::Fr),
        "timeline-title",
        dates = divan::black_box(12_345usize),
        briefings = 2usize
    )
}

#[divan::bench]
fn date_range_in_french() -> String {
    let span = DateSpan {
        from: PartialDate::ymd(2023, 9, 30),
        to: Some(PartialDate::ymd(2023, 10, 2)),
        label: None,
        confidence: None,
    };
    format_span(divan::black_box(&span), Lang::Fr)
}
