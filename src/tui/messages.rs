//! What the reader tells the user: the message in the status line and the log of every
//! message of the session (opened with `M`). A message says what happened, after it
//! happened. Information gives way to the next key; a warning or an error stays marked
//! in the status line until the log has been seen, so nothing important flashes by.

use std::collections::VecDeque;

/// How a message should look, and how long it stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    /// For information: gone at the next key.
    Info,
    /// Something needs attention: kept until seen.
    Warning,
    /// Something failed: kept until seen.
    Error,
}

/// A message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text (sanitised when drawn).
    pub text: String,
    /// How it looks.
    pub tone: Tone,
}

impl Message {
    /// Information.
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Info,
        }
    }

    /// A warning.
    pub fn warning(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Warning,
        }
    }

    /// An error.
    pub fn error(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Error,
        }
    }
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When it was said (local time, for the log's column).
    pub at: jiff::civil::Time,
    /// The message.
    pub message: Message,
}

/// The most entries the log keeps; older ones go first.
const KEPT: usize = 500;

/// The status line's message and the session's log.
#[derive(Debug, Clone, Default)]
pub struct MessageLog {
    entries: VecDeque<Entry>,
    /// The message shown in the status line, if any.
    current: Option<Message>,
    /// Warnings and errors not yet seen in the log.
    unseen: usize,
}

impl MessageLog {
    /// Says something: shown in the status line and kept in the log.
    pub fn say(&mut self, message: Message) {
        if message.tone > Tone::Info {
            self.unseen += 1;
        }
        let at = jiff::Zoned::now().time();
        if self.entries.len() == KEPT {
            self.entries.pop_front();
        }
        self.entries.push_back(Entry {
            at,
            message: message.clone(),
        });
        self.current = Some(message);
    }

    /// The message shown in the status line.
    pub fn current(&self) -> Option<&Message> {
        self.current.as_ref()
    }

    /// A key was pressed: information gives way. A warning or an error stays until
    /// the next message (and its mark stays until the log is seen).
    pub fn on_key(&mut self) {
        if self.current.as_ref().is_some_and(|m| m.tone == Tone::Info) {
            self.current = None;
        }
    }

    /// Clears the status line's message (after the user answered a question about it).
    pub fn clear_current(&mut self) {
        self.current = None;
    }

    /// How many warnings and errors were said and not yet seen in the log.
    pub fn unseen(&self) -> usize {
        self.unseen
    }

    /// The log was opened: everything in it counts as seen.
    pub fn mark_seen(&mut self) {
        self.unseen = 0;
        if self.current.as_ref().is_some_and(|m| m.tone > Tone::Info) {
            self.current = None;
        }
    }

    /// Every entry, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> + ExactSizeIterator {
        self.entries.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_goes_at_the_next_key_errors_stay_until_seen() {
        let mut log = MessageLog::default();
        log.say(Message::info("bookmarked"));
        log.on_key();
        assert_eq!(log.current(), None);
        log.say(Message::error("notes not saved"));
        log.on_key();
        assert_eq!(log.current().map(|m| m.tone), Some(Tone::Error));
        assert_eq!(log.unseen(), 1);
        log.mark_seen();
        assert_eq!(log.unseen(), 0);
        assert_eq!(log.current(), None);
        assert_eq!(log.entries().len(), 2);
    }

    #[test]
    fn the_log_is_bounded() {
        let mut log = MessageLog::default();
        for i in 0..KEPT + 10 {
            log.say(Message::info(format!("{i}")));
        }
        assert_eq!(log.entries().len(), KEPT);
        assert_eq!(
            log.entries().next().map(|e| e.message.text.as_str()),
            Some("10")
        );
    }
}
