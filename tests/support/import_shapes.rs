//! Articles of the shapes that once made `brief import` run for minutes, shared by
//! `tests/import.rs` (which asserts they import) and `benches/internal.rs` (which holds
//! the time). Generated, never committed.

/// A Markdown article of 20,000 sections with the same heading.
pub fn repeated_headings() -> String {
    std::iter::once("# Same headings\n\n".to_string())
        .chain((0..20_000).map(|_| "## Same\n\nThe same text, again.\n\n".to_string()))
        .collect()
}

/// A plain-text article of 200,000 one-line paragraphs.
pub fn many_paragraphs() -> String {
    std::iter::once("Many paragraphs\n".to_string())
        .chain((0..200_000).map(|i| format!("Paragraph {i} says something short.\n")))
        .collect()
}

/// A plain-text article whose text is one 10 MB line: one sentence with thousands of
/// distinct dates.
pub fn one_long_line() -> String {
    let months = ["janvier", "mars", "mai", "juillet", "septembre", "novembre"];
    let mut line = String::from("Une ligne\nUne ligne sans fin");
    let mut n = 0usize;
    while line.len() < 10_000_000 {
        if n.is_multiple_of(8) {
            let day = 1 + n / 8 % 28;
            let month = months[n / 8 / 28 % months.len()];
            let year = 1900 + n / 8 / 28 / months.len() % 200;
            line.push_str(&format!(", le {day} {month} {year}"));
        }
        line.push_str(", puis encore des mots sans point final qui continuent");
        n += 1;
    }
    line.push_str(".\n");
    line
}
