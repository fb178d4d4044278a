//! The loop's services: background jobs (one thread each, at low priority, so keys stay
//! fast), the count of jobs in flight (tests wait on it, never on a clock), and the
//! watch on the open briefing's file. The app asks for them through its outbox; only
//! the loop starts threads.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::{RecursiveMode, Watcher};

use super::event::Msg;
use super::jobs::{Job, Report, run};
use crate::domain::store::Store;

/// What the app asks of the loop's services.
#[derive(Debug)]
pub enum Work {
    /// Start a background job.
    Job(Box<Job>),
    /// Watch this file for changes (or nothing).
    Watch(Option<PathBuf>),
    /// Watch this library folder, and everything under it, for changes.
    WatchLibrary(PathBuf),
}

/// The services.
pub struct Runtime {
    tx: Sender<Msg>,
    store: Option<Store>,
    in_flight: usize,
    watcher: Option<(PathBuf, notify::RecommendedWatcher)>,
    library_watcher: Option<notify::RecommendedWatcher>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("store", &self.store)
            .field("in_flight", &self.in_flight)
            .field("watching", &self.watcher.as_ref().map(|(p, _)| p))
            .finish()
    }
}

impl Runtime {
    /// Services posting to `tx`, keeping notes in `store` (none: notes are not kept).
    pub fn new(tx: Sender<Msg>, store: Option<Store>) -> Runtime {
        Runtime {
            tx,
            store,
            in_flight: 0,
            watcher: None,
            library_watcher: None,
        }
    }

    /// The annotation store, if notes are kept.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Carries out what the app asked for.
    pub fn perform(&mut self, work: Work) {
        match work {
            Work::Job(job) => self.start(*job),
            Work::Watch(path) => self.watch(path),
            Work::WatchLibrary(root) => self.watch_library(&root),
        }
    }

    /// Starts a job on its own thread.
    pub fn start(&mut self, job: Job) {
        self.in_flight += 1;
        let tx = self.tx.clone();
        let store = self.store.clone();
        let spawned = std::thread::Builder::new()
            .name("brief-job".into())
            .spawn(move || {
                // Background work must never slow the keys down.
                let _ = thread_priority::set_current_thread_priority(
                    thread_priority::ThreadPriority::Min,
                );
                let post = |report: Report| {
                    tx.send(match report {
                        Report::Load(event) => Msg::Load(event),
                        Report::Archive(event) => Msg::Archive(event),
                        Report::Hits(hits) => Msg::Hits(hits),
                        Report::Done(done) => Msg::Done(done),
                    })
                    .is_ok()
                };
                run(job, store.as_ref(), &post);
            });
        if spawned.is_err() {
            // No thread to be had: nothing will report back.
            self.in_flight -= 1;
        }
    }

    /// A job reported its end.
    pub fn finished(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// How many jobs have not reported their end yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Watches a library folder recursively: any change but a read is reported (the
    /// app waits for the changes to settle, then refreshes the catalogue, which finds
    /// exactly what changed). Best effort: without a watch, the next start refreshes.
    fn watch_library(&mut self, root: &Path) {
        let tx = self.tx.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            let _ = tx.send(Msg::LibraryChanged);
        });
        let Ok(mut watcher) = watcher else { return };
        if watcher.watch(root, RecursiveMode::Recursive).is_ok() {
            self.library_watcher = Some(watcher);
        }
    }

    /// Watches a file (its folder, in fact: editors often replace a file by renaming a
    /// new one over it, which a watch on the file itself would miss).
    fn watch(&mut self, path: Option<PathBuf>) {
        let Some(path) = path else {
            self.watcher = None;
            return;
        };
        if self.watcher.as_ref().is_some_and(|(p, _)| *p == path) {
            return;
        }
        self.watcher = None;
        let target = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let Some(dir) = target.parent().map(Path::to_path_buf) else {
            return;
        };
        let tx = self.tx.clone();
        let reported = path.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            if event.paths.contains(&target) {
                let _ = tx.send(Msg::FileChanged(reported.clone()));
            }
        });
        let Ok(mut watcher) = watcher else { return };
        if watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok() {
            self.watcher = Some((path, watcher));
        }
    }
}
