//! Where the loop's events come from: the terminal and signals, through one channel,
//! behind a trait so tests can feed a scripted sequence.

use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

use crossterm::event::Event;

use crate::domain::library::LoadEvent;

/// Something the loop reacts to.
pub enum Msg {
    /// A key, mouse or resize event from the terminal.
    Term(Event),
    /// SIGTERM or SIGHUP: leave cleanly (saving first).
    Signal(i32),
    /// Progress of the background load of the library.
    Load(LoadEvent),
    /// The result of a background job, applied on the loop's thread.
    Apply(Box<dyn FnOnce(&mut crate::tui::app::App) + Send>),
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Msg::Term(e) => f.debug_tuple("Term").field(e).finish(),
            Msg::Signal(s) => f.debug_tuple("Signal").field(s).finish(),
            Msg::Load(e) => f.debug_tuple("Load").field(e).finish(),
            Msg::Apply(_) => f.write_str("Apply(..)"),
        }
    }
}

/// What waiting for a message gave.
#[derive(Debug)]
pub enum Next {
    /// A message.
    Msg(Msg),
    /// The timeout passed with nothing to report.
    Timeout,
    /// The source has nothing more, ever.
    Closed,
}

/// A source of messages.
pub trait EventSource {
    /// The next message, waiting up to `timeout` (forever for `None`).
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Next>;

    /// Called once the first frame is on screen: sources may start their threads then
    /// (input typed before is kept by the terminal).
    fn after_first_paint(&mut self) {}
}

/// Terminal events read on a thread, and SIGTERM/SIGHUP caught on another.
pub struct TerminalEvents {
    rx: Receiver<Msg>,
    tx: Sender<Msg>,
    signals: Option<signal_hook::iterator::Signals>,
}

impl TerminalEvents {
    /// Catches SIGTERM and SIGHUP from now on; the threads that read the terminal and
    /// forward the signals start after the first frame (`after_first_paint`).
    pub fn start() -> io::Result<TerminalEvents> {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let (tx, rx) = mpsc::channel();
        let signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
        Ok(TerminalEvents {
            rx,
            tx,
            signals: Some(signals),
        })
    }

    /// A handle for background work to post messages to the loop.
    pub fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }
}

fn spawn_terminal_reader(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            match crossterm::event::read() {
                Ok(event) => {
                    if tx.send(Msg::Term(event)).is_err() {
                        return;
                    }
                }
                // The terminal is gone (hang-up): behave as if told to leave.
                Err(_) => {
                    let _ = tx.send(Msg::Signal(signal_hook::consts::SIGHUP));
                    return;
                }
            }
        }
    });
}

fn spawn_signal_watcher(tx: Sender<Msg>, mut signals: signal_hook::iterator::Signals) {
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Msg::Signal(signal)).is_err() {
                return;
            }
        }
    });
}

impl EventSource for TerminalEvents {
    fn after_first_paint(&mut self) {
        if let Some(signals) = self.signals.take() {
            spawn_terminal_reader(self.tx.clone());
            spawn_signal_watcher(self.tx.clone(), signals);
        }
    }

    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Next> {
        Ok(match timeout {
            None => self.rx.recv().map_or(Next::Closed, Next::Msg),
            Some(t) if t.is_zero() => match self.rx.try_recv() {
                Ok(m) => Next::Msg(m),
                Err(TryRecvError::Empty) => Next::Timeout,
                Err(TryRecvError::Disconnected) => Next::Closed,
            },
            Some(t) => match self.rx.recv_timeout(t) {
                Ok(m) => Next::Msg(m),
                Err(RecvTimeoutError::Timeout) => Next::Timeout,
                Err(RecvTimeoutError::Disconnected) => Next::Closed,
            },
        })
    }
}

/// A fixed sequence of messages, for tests.
#[derive(Debug, Default)]
pub struct ScriptedEvents {
    queue: VecDeque<Msg>,
}

impl ScriptedEvents {
    /// A script of terminal events.
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        ScriptedEvents {
            queue: events.into_iter().map(Msg::Term).collect(),
        }
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self, _timeout: Option<Duration>) -> io::Result<Next> {
        Ok(self.queue.pop_front().map_or(Next::Closed, Next::Msg))
    }
}
