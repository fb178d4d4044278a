//! Cutting a line of text to a width with one ellipsis: never two in a row (a title
//! that already ends in `…` or `...` is not given another), never after a space. The
//! views that cut labels to make room for what must stay whole (a date, a column) use
//! it. Knows nothing of screens.

use crate::domain::text::{display_width, truncate};

/// `text` cut to at most `width` columns, ending in a single `…` when it was cut.
pub fn clip(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let cut = truncate(text, width);
    let kept = cut.strip_suffix('…').unwrap_or(&cut);
    // What was kept may end where the text had its own ellipsis, or in a space.
    let kept = kept.trim_end_matches(|c: char| c == '…' || c == '.' || c.is_whitespace());
    if kept.is_empty() {
        return "…".to_string();
    }
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_ellipsis_and_never_after_a_space() {
        assert_eq!(clip("Russia, China…", 20), "Russia, China…");
        assert_eq!(clip("Russia, China… and more", 15), "Russia, China…");
        assert_eq!(clip("Russia, China... and more", 16), "Russia, China…");
        assert_eq!(clip("a port visit", 8), "a port…");
        assert_eq!(clip("abc", 0), "");
        assert_eq!(clip("… and", 3), "…");
        for width in 0..30 {
            let cut = clip("Trilateral prospects: Russia, China… and the rest", width);
            assert!(display_width(&cut) <= width, "{cut}");
            assert!(!cut.contains("……") && !cut.contains(" …"), "{cut}");
            assert!(cut.matches('…').count() <= 1, "{cut}");
        }
    }
}
