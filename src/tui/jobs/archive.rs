//! The catalogue's background work for the reader: open the library folder's catalogue
//! (creating it), list it at once, bring it up to date with the files while the reader
//! is used, and list it again when that changed anything. Nothing here touches the
//! app's state; everything is posted.

use std::time::{Duration, Instant};

use super::Report;
use crate::domain::catalogue::{Catalogue, CatalogueError, RefreshEvent, RefreshOptions};
use crate::domain::shelf::{Archive, Shelf};
use crate::domain::store::{AnnotationSet, Store};

/// How many rows are listed first, before the whole listing (a screen's worth and more).
const HEAD: usize = 200;

/// While a catalogue is built from nothing, the rows indexed so far are listed again
/// this often, so the library fills in as it is built.
const RELIST: Duration = Duration::from_secs(2);

/// What the catalogue's job posts while it runs.
#[derive(Debug)]
pub enum ArchiveEvent {
    /// Rows to list: the first ones (`false`), then all of them (`true`).
    Listing(Box<Shelf>, bool),
    /// The refresh's progress.
    Refresh(RefreshEvent),
}

/// How the catalogue's job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveOutcome {
    /// Up to date with the files; `changed`: something was added, changed or removed.
    Ready {
        /// Whether the rows changed.
        changed: bool,
    },
    /// The catalogue cannot be used (a read-only or full cache folder…): why, in words;
    /// the library is read without it.
    Unusable(String),
    /// Stopped: nobody listens any more.
    Stopped,
}

/// Runs the catalogue's job (see [`super::Job::Archive`]); posts the outcome last.
pub fn run(archive: &Archive, first: bool, store: Option<&Store>, post: &dyn Fn(Report) -> bool) {
    let outcome = match refresh(archive, first, store, post) {
        Ok(outcome) => outcome,
        Err(e) => ArchiveOutcome::Unusable(e.fallback_message()),
    };
    post(Report::Done(Box::new(super::Done::Archive(outcome))));
}

fn listing(catalogue: &Catalogue) -> Result<Box<Shelf>, CatalogueError> {
    Ok(Box::new(Shelf::from_listing(catalogue.listing()?)))
}

fn refresh(
    archive: &Archive,
    first: bool,
    store: Option<&Store>,
    post: &dyn Fn(Report) -> bool,
) -> Result<ArchiveOutcome, CatalogueError> {
    let say = |event: ArchiveEvent| post(Report::Archive(event));
    let opened = Catalogue::open(&archive.cache_dir, &archive.root)?;
    for notice in opened.notices {
        say(ArchiveEvent::Refresh(RefreshEvent::Notice(notice)));
    }
    let created = opened.created;
    let mut catalogue = opened.catalogue;
    // Twice at most: the second time on a catalogue just set aside and recreated.
    for attempt in 0..2 {
        match pass(&mut catalogue, archive, first, created, store, &say) {
            Ok(outcome) => return Ok(outcome),
            Err(e)
                if attempt == 0
                    && (e.is_corrupt() || matches!(e, CatalogueError::Locked { .. })) =>
            {
                let notice = catalogue.set_aside_and_recreate(&e)?;
                say(ArchiveEvent::Refresh(RefreshEvent::Notice(notice)));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(ArchiveOutcome::Stopped)
}

/// One pass: list (at the start of a session), refresh, list again if it changed.
fn pass(
    catalogue: &mut Catalogue,
    archive: &Archive,
    first: bool,
    created: bool,
    store: Option<&Store>,
    say: &dyn Fn(ArchiveEvent) -> bool,
) -> Result<ArchiveOutcome, CatalogueError> {
    if first && !created {
        // The first screen at once, then every row (a few hundred ms for 100,000).
        let head = catalogue.listing_head(HEAD)?;
        if !say(ArchiveEvent::Listing(
            Box::new(Shelf::from_listing(head)),
            false,
        )) {
            return Ok(ArchiveOutcome::Stopped);
        }
        if !say(ArchiveEvent::Listing(listing(catalogue)?, true)) {
            return Ok(ArchiveOutcome::Stopped);
        }
    }
    // A second connection lists what is indexed so far while the refresh writes.
    let reader = catalogue.reopen()?;
    let options = RefreshOptions {
        load: archive.load,
        store: store.cloned(),
        ..RefreshOptions::default()
    };
    let mut changed = false;
    let mut listed = Instant::now();
    let mut listen = true;
    let summary = catalogue.refresh(&options, &mut |event| {
        if let RefreshEvent::Changed(changes) = &event {
            changed |= changes
                .iter()
                .any(|c| !matches!(c, crate::domain::catalogue::Change::Notes { .. }));
        }
        listen = say(ArchiveEvent::Refresh(event));
        if listen && created && changed && listed.elapsed() >= RELIST {
            listed = Instant::now();
            if let Ok(shelf) = listing(&reader) {
                listen = say(ArchiveEvent::Listing(shelf, false));
            }
        }
        listen
    })?;
    if !listen || summary.cancelled {
        return Ok(ArchiveOutcome::Stopped);
    }
    // Listed again when this refresh changed something, and after any refresh but the
    // first one of a session: another reader may have brought the catalogue up to
    // date with the change that woke this one, leaving it nothing to do.
    if changed || created || !first {
        say(ArchiveEvent::Listing(listing(&reader)?, true));
    }
    Ok(ArchiveOutcome::Ready { changed })
}

/// Indexes a briefing's notes in the catalogue as they are now (best effort: the next
/// refresh reads the store again if this fails).
pub fn update_notes(archive: &Archive, store: Option<&Store>, set: &AnnotationSet) {
    if let Ok(opened) = Catalogue::open(&archive.cache_dir, &archive.root) {
        let mut catalogue = opened.catalogue;
        let _ = catalogue.update_notes(store, &set.file.briefing, &set.file.notes);
    }
}
