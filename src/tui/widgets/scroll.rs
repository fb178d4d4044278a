//! The one scroll rule of every list: the first visible row that keeps the selection
//! in view, moving the view as little as possible. Pure, so it is tested directly.

/// The first visible row for a list of `len` rows shown `height` at a time, so that
/// `selected` is in view, starting from the view's current first row `top`.
pub fn scroll_top(selected: usize, top: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let top = if selected < top {
        selected
    } else if selected >= top + height {
        selected + 1 - height
    } else {
        top
    };
    // Never leave empty rows at the bottom when the list could fill them.
    top.min(len.saturating_sub(height))
}

/// A selection moved by `delta` rows in a list of `len` rows, kept in it.
pub fn moved(selected: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    selected.saturating_add_signed(delta).min(len - 1)
}

/// A scrolled view's new first row after a moving action, for views of `len` rows shown
/// `height` at a time (help, the message log); `None` for other actions.
pub fn scrolled(
    action: crate::keys::Action,
    top: usize,
    len: usize,
    height: usize,
) -> Option<usize> {
    use crate::keys::Action;
    let rows = len.saturating_sub(height.max(1)) + 1;
    let page = height.max(2) as isize - 1;
    Some(match action {
        Action::Next => moved(top, 1, rows),
        Action::Previous => moved(top, -1, rows),
        Action::PageDown | Action::HalfPageDown => moved(top, page, rows),
        Action::PageUp | Action::HalfPageUp => moved(top, -page, rows),
        Action::Top => 0,
        Action::Bottom => rows - 1,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_follows_the_selection_minimally() {
        assert_eq!(scroll_top(0, 0, 10, 100), 0);
        assert_eq!(scroll_top(9, 0, 10, 100), 0);
        assert_eq!(scroll_top(10, 0, 10, 100), 1);
        assert_eq!(scroll_top(5, 8, 10, 100), 5);
        assert_eq!(scroll_top(99, 0, 10, 100), 90);
    }

    #[test]
    fn no_empty_rows_below_a_short_list() {
        assert_eq!(scroll_top(3, 6, 10, 8), 0);
        assert_eq!(scroll_top(0, 0, 0, 0), 0);
    }

    #[test]
    fn moving_stays_in_the_list() {
        assert_eq!(moved(0, -1, 5), 0);
        assert_eq!(moved(4, 1, 5), 4);
        assert_eq!(moved(2, isize::MAX / 2, 5), 4);
        assert_eq!(moved(2, 1, 0), 0);
    }
}
