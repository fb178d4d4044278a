//! Live reload: the open briefing's file is watched (`notify`); when it changes on
//! disk it is read again shortly after, the reading position kept (by section id),
//! annotations re-anchored, and the status line says what moved or was orphaned. A
//! version that no longer loads is not shown: the last good one stays, with the error.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::app::{App, Message, Tone};
use super::event::Msg;
use super::reader::{BlockPos, Reader};
use crate::domain::briefing::Origin;
use crate::domain::load::load_file;

/// How long after the last change event the file is read (editors write in steps).
pub const SETTLE: Duration = Duration::from_millis(150);

/// The watch on the open briefing's file.
pub struct Watch {
    /// The file watched.
    pub path: PathBuf,
    /// When to read it again, after a change.
    pub due: Option<Instant>,
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("path", &self.path)
            .field("due", &self.due)
            .finish()
    }
}

/// Watches the open briefing's file (its folder, in fact: editors often replace a file
/// by renaming a new one over it, which a watch on the file itself would miss).
pub fn watch_open_briefing(app: &mut App) {
    app.watch = None;
    if !app.painted {
        // Started by `after_first_paint`.
        return;
    }
    let (Some(open), Some(tx)) = (&app.open, &app.tx) else {
        return;
    };
    let Origin::File(path) = &open.reader.briefing.origin else {
        return;
    };
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    let Some(dir) = path.parent().map(Path::to_path_buf) else {
        return;
    };
    let tx = tx.clone();
    let target = path.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        if event.paths.iter().any(|p| p == &target) {
            let _ = tx.send(Msg::Apply(Box::new(|app: &mut App| {
                if let Some(watch) = &mut app.watch {
                    watch.due = Some(Instant::now() + SETTLE);
                }
            })));
        }
    });
    let Ok(mut watcher) = watcher else { return };
    if watcher.watch(&dir, RecursiveMode::NonRecursive).is_err() {
        return;
    }
    app.watch = Some(Watch {
        path,
        due: None,
        _watcher: watcher,
    });
}

/// Reads the watched file again and shows the new version in place of the old.
pub fn reload(app: &mut App) {
    let Some(watch) = &mut app.watch else { return };
    watch.due = None;
    let path = watch.path.clone();
    let Some(open) = &app.open else { return };
    let old = open.reader.briefing.clone();
    let outcome = load_file(&path, app.config.load_options());
    let loaded = match outcome {
        Ok(loaded) => loaded,
        Err(problems) => {
            let first = problems
                .first()
                .map_or_else(String::new, ToString::to_string);
            app.message = Some(Message {
                text: format!("the file no longer loads; showing the last good version: {first}"),
                tone: Tone::Error,
            });
            return;
        }
    };
    let mut briefing = loaded.briefing;
    // Keep the origin as the library knows it (the path as the user gave it).
    briefing.origin = old.origin.clone();
    if briefing.version == old.version {
        return;
    }
    if briefing.id != old.id {
        app.message = Some(Message {
            text: format!(
                "the file's id changed to `{}`: reopen it from the library to read it",
                crate::domain::text::sanitize_line(&briefing.id)
            ),
            tone: Tone::Warning,
        });
        return;
    }
    let briefing = Arc::new(briefing);
    if let Some(slot) = app.library.briefings.iter_mut().find(|b| b.id == old.id) {
        *slot = briefing.clone();
    }
    // Where the reader was, by section id, so the view stays on the same passage.
    let Some(open) = &mut app.open else { return };
    let cursor = open.reader.cursor.unwrap_or_default();
    let section_id = cursor
        .unit
        .checked_sub(1)
        .and_then(|i| old.sections.get(i))
        .map(|s| s.id.clone());
    let unit = match &section_id {
        None => 0,
        Some(id) => briefing
            .section_index(id)
            .map_or(cursor.unit.min(briefing.sections.len()), |i| i + 1),
    };
    let (width, height) = (open.reader.width(), open.reader.height());
    let mut reader = Reader::new(briefing.clone(), width, height);
    reader.jump_to_block(BlockPos {
        unit,
        block: cursor.block,
    });
    open.reader = reader;
    open.index = None;
    if let Some(search) = &mut open.search {
        search.stale = true;
    }
    let changed = briefing
        .sections
        .iter()
        .filter(|s| old.section(&s.id).is_none_or(|o| o.hash != s.hash))
        .count();
    app.message = Some(Message {
        text: format!("reloaded: {changed} section(s) changed"),
        tone: Tone::Info,
    });
    super::update::reprepare_open_briefing(app);
    super::update::follow_reader(app);
}
