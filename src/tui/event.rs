//! Where the loop's messages come from: the terminal, signals, background jobs and the
//! file watcher, all through one channel, behind a trait so tests can script keys and
//! still receive the results of real background work.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

use crossterm::event::Event;

use super::jobs::{Done, Hits};
use crate::domain::library::LoadEvent;

/// Something the loop reacts to. Typed: no closure ever crosses the channel.
#[derive(Debug)]
pub enum Msg {
    /// A key, mouse, paste or resize event from the terminal.
    Term(Event),
    /// SIGTERM or SIGHUP: leave cleanly (saving first).
    Signal(i32),
    /// Progress of the background load of the library.
    Load(LoadEvent),
    /// The catalogue's rows and refresh progress.
    Archive(super::jobs::ArchiveEvent),
    /// Something changed under the library folder.
    LibraryChanged,
    /// Hits of a library search, while it runs.
    Hits(Hits),
    /// A background job ended.
    Done(Box<Done>),
    /// The watched file changed on disk.
    FileChanged(PathBuf),
}

impl Msg {
    /// Whether this message ends a background job (the loop counts jobs in flight).
    pub fn ends_job(&self) -> bool {
        matches!(self, Msg::Done(_) | Msg::Load(LoadEvent::Done))
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

    /// Where background work posts its results.
    fn sender(&self) -> Sender<Msg>;

    /// Called once the first frame is on screen: sources may start their threads then
    /// (input typed before is kept by the terminal).
    fn after_first_paint(&mut self) {}
}

/// Waits on a channel.
fn wait(rx: &Receiver<Msg>, timeout: Option<Duration>) -> Next {
    match timeout {
        None => rx.recv().map_or(Next::Closed, Next::Msg),
        Some(t) if t.is_zero() => match rx.try_recv() {
            Ok(m) => Next::Msg(m),
            Err(TryRecvError::Empty) => Next::Timeout,
            Err(TryRecvError::Disconnected) => Next::Closed,
        },
        Some(t) => match rx.recv_timeout(t) {
            Ok(m) => Next::Msg(m),
            Err(RecvTimeoutError::Timeout) => Next::Timeout,
            Err(RecvTimeoutError::Disconnected) => Next::Closed,
        },
    }
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

    fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }

    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Next> {
        Ok(wait(&self.rx, timeout))
    }
}

/// Scripted terminal events first, then whatever background work posts; for tests.
/// Closed once the script is played and nothing else is pending.
#[derive(Debug)]
pub struct ScriptedEvents {
    queue: VecDeque<Msg>,
    rx: Receiver<Msg>,
    tx: Sender<Msg>,
}

impl ScriptedEvents {
    /// A script of terminal events.
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        let (tx, rx) = mpsc::channel();
        ScriptedEvents {
            queue: events.into_iter().map(Msg::Term).collect(),
            rx,
            tx,
        }
    }

    /// Receives what background work posted, waiting up to `timeout`.
    pub fn receive(&mut self, timeout: Option<Duration>) -> Next {
        wait(&self.rx, timeout)
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Next> {
        if let Some(m) = self.queue.pop_front() {
            return Ok(Next::Msg(m));
        }
        match wait(&self.rx, Some(Duration::ZERO)) {
            Next::Msg(m) => Ok(Next::Msg(m)),
            _ if timeout.is_some() => Ok(Next::Timeout),
            _ => Ok(Next::Closed),
        }
    }

    fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }
}
