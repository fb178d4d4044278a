//! The interactive reader: terminal setup and restore, and the synchronous loop — draw,
//! block on the next message (keys, resize, signals, results of background jobs, the
//! file watcher; one channel), update, carry out the work asked for, draw again. The
//! state and its update are in `app`; screens in `screens`; the loop's services in
//! `runtime`. [`Driver`] is the loop's body, so tests step exactly what runs.

pub mod app;
pub mod effect;
pub mod event;
pub mod jobs;
pub mod keymap;
pub mod messages;
pub mod model;
pub mod notebook;
pub mod overlay;
pub mod runtime;
pub mod screens;
pub mod widgets;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use self::app::App;
use self::event::{EventSource, Msg, Next, TerminalEvents};
use self::runtime::{Runtime, Work};
use crate::config::Config;
use crate::domain::library::{Library, LoadEvent};
use crate::domain::load::{HEAD_SECTIONS, HeadParse, Rest, load_head};

/// The loop's body: the app, the terminal it draws on, and the services that carry
/// out its work. The real loop and the tests both drive it.
pub struct Driver<B: Backend> {
    /// The state.
    pub app: App,
    /// Where it is drawn.
    pub terminal: Terminal<B>,
    /// Jobs, the watcher, the store.
    pub runtime: Runtime,
}

impl<B: Backend> Driver<B>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    /// A driver.
    pub fn new(app: App, terminal: Terminal<B>, runtime: Runtime) -> Driver<B> {
        Driver {
            app,
            terminal,
            runtime,
        }
    }

    /// Takes one message as the loop does.
    pub fn handle(&mut self, msg: Msg) {
        if msg.ends_job() {
            self.runtime.finished();
        }
        self.app.update(msg);
    }

    /// After a batch of messages: derived data settled, owed saves started, the work
    /// asked for handed to the services.
    pub fn flush(&mut self, now: Instant) {
        self.app.settle(now);
        for work in self.app.take_work() {
            self.runtime.perform(work);
        }
    }

    /// One message, then the flush: a step of the loop.
    pub fn step(&mut self, msg: Msg) {
        self.handle(msg);
        self.flush(Instant::now());
    }

    /// Draws the app at the terminal's current size.
    pub fn draw(&mut self) -> io::Result<()> {
        let size = self.terminal.size().map_err(io::Error::other)?;
        let rect = Rect::new(0, 0, size.width, size.height);
        if rect != self.app.size {
            self.app.resize(rect);
        }
        let app = &self.app;
        self.terminal
            .draw(|frame| app.render(frame))
            .map_err(io::Error::other)?;
        Ok(())
    }

    /// Saves what must survive and returns what to tell the user once the terminal is
    /// restored.
    pub fn finish(&mut self) -> Vec<String> {
        self.app.save_on_exit(self.runtime.store())
    }
}

/// Runs the reader on `paths` (or the default briefings); returns the exit code.
pub fn main(paths: &[PathBuf], config: Config) -> ExitCode {
    let lang = config.language();
    let keymap = match config.keymap() {
        Ok(k) => k,
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            return ExitCode::from(2);
        }
    };
    // A single file is read at once (it is what the user asked to see); folders load
    // in the background so the first frame appears at once, whatever their size.
    let sources = crate::domain::library::default_paths(paths, config.briefings_dir.as_deref());
    // A large file shows its head (preamble and first sections) at once, and is parsed
    // whole in the background; a problem in the head is reported here, as for any file.
    let mut head = None;
    let (library, background) = match sources {
        None => (Library::bundled(), None),
        Some(p) if p.len() == 1 && p[0].is_file() => {
            let mut library = Library::default();
            match load_head(&p[0], config.load_options(), HEAD_SECTIONS) {
                HeadParse::Whole(outcome) => library.add(outcome),
                HeadParse::Head { head: h, rest } => head = Some((h, rest)),
            }
            (library, None)
        }
        Some(p) => (Library::default(), Some(p)),
    };
    // The briefing named on the command line, when a single file was named.
    let named = match paths {
        [one] if one.is_file() => library
            .briefings
            .iter()
            .map(|b| b.as_ref())
            .chain(head.as_ref().map(|(h, _)| h.as_ref()))
            .find(|b| b.origin == crate::domain::briefing::Origin::File(one.clone()))
            .map(|b| b.id.clone()),
        _ => None,
    };
    // Nothing to read: say why on stderr rather than open an empty screen.
    if background.is_none() && head.is_none() && library.briefings.is_empty() {
        for problem in &library.problems {
            eprintln!("{problem}");
        }
        if library.problems.is_empty() {
            eprintln!("{}", crate::tr!(lang, "app-no-briefing"));
        }
        return ExitCode::FAILURE;
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!("{}", crate::tr!(lang, "app-needs-terminal"));
        return ExitCode::from(2);
    }
    let mouse = config.mouse;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // Installs ratatui's panic hook, which restores the terminal before any other report.
    let terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            let error = e.to_string();
            eprintln!("{}", crate::tr!(lang, "app-terminal-failed", error = error));
            return ExitCode::FAILURE;
        }
    };
    if mouse {
        let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
    let _ = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    let data_dir = config.data_dir();
    let mut said = Vec::new();
    let result = (|| -> io::Result<()> {
        let mut events = TerminalEvents::start()?;
        let store = data_dir
            .as_ref()
            .ok()
            .map(|d| crate::domain::store::Store::new(d.clone()));
        let runtime = Runtime::new(events.sender(), store);
        let size = Rect::default();
        let theme = config.theme;
        // One library folder is read through its catalogue, kept in the cache folder:
        // the rows at once, the files checked in the background. Anything else (the
        // bundled briefings, files, several folders, no cache folder) is read whole.
        let archive = match (&background, config.cache_dir()) {
            (Some(paths), Ok(cache_dir)) if paths.len() == 1 && paths[0].is_dir() => {
                Some(crate::domain::shelf::Archive {
                    cache_dir,
                    root: paths[0].clone(),
                    load: config.load_options(),
                })
            }
            _ => None,
        };
        let mut app = App::new(config, keymap, library, size);
        app.model.archive = archive;
        app.theme = widgets::theme::Theme::new(theme, no_color);
        app.model.notes_kept = runtime.store().is_some();
        if let Err(problem) = &data_dir {
            app.model.say(messages::Message::error(crate::tr!(
                lang,
                "app-notes-not-kept",
                reason = &problem.message
            )));
        }
        let last = runtime.store().and_then(notebook::last_opened);
        let mut driver = Driver::new(app, terminal, runtime);
        match head {
            Some((head, rest)) => start_with_head(&mut driver.app, head, rest),
            None => start(&mut driver.app, named.as_deref(), last, background),
        }
        // A panic must not lose the note being typed: write its draft, then let the
        // panic go on (ratatui's hook has already restored the terminal).
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(&mut driver, &mut events)
        }));
        said = driver.finish();
        match outcome {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })();
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    if mouse {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    for line in &said {
        eprintln!("{}", crate::tr!(lang, "app-error", error = line));
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let error = e.to_string();
            eprintln!("{}", crate::tr!(lang, "app-error", error = error));
            ExitCode::FAILURE
        }
    }
}

/// Shows the head of a large briefing at once and parses the whole in the background:
/// the whole replaces the head where the reader is when it arrives.
pub fn start_with_head(app: &mut App, head: Box<crate::domain::briefing::Briefing>, rest: Rest) {
    app.update(Msg::Load(LoadEvent::Discovered {
        total: 1,
        problems: Vec::new(),
    }));
    app.update(Msg::Load(LoadEvent::Head(head)));
    app.work(Work::Job(Box::new(jobs::Job::ParseRest(Box::new(rest)))));
}

/// Chooses what to show first: the briefing named on the command line; else the one
/// read last (at its saved position); else the only briefing; else the library. A
/// library loading in the background opens the one read last when it is complete.
pub fn start(
    app: &mut App,
    named: Option<&str>,
    last: Option<String>,
    background: Option<Vec<PathBuf>>,
) {
    if app.model.archive.is_some() {
        app.open_when_loaded(named.map(str::to_string).or(last));
        app.start_archive();
        return;
    }
    if let Some(paths) = background {
        app.model.loading = Some((0, 0));
        app.open_when_loaded(named.map(str::to_string).or(last));
        let options = app.model.config.load_options();
        app.work(Work::Job(Box::new(jobs::Job::LoadLibrary(paths, options))));
        return;
    }
    let last = last.filter(|id| app.model.shelf.get(id).is_some());
    let only = (app.model.shelf.len() == 1).then(|| app.model.shelf.entries[0].id.clone());
    if let Some(id) = named.map(str::to_string).or(last).or(only) {
        app.open_briefing(&id, None);
    }
    app.report_load_problems();
    app.count_library();
}

/// The loop: draw, wait for the next event, drain the pending ones, repeat until quit.
/// Wakes on its own only when something is due (a draft to write, a save to retry, a
/// changed file to read): idle, it uses no CPU and writes nothing.
pub fn run<B: Backend>(driver: &mut Driver<B>, events: &mut impl EventSource) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    // While a library loads, progress alone redraws at most this often.
    const PROGRESS_FRAME: Duration = Duration::from_millis(50);
    driver.draw()?;
    // Background work starts once the first frame is on screen: nothing delays what
    // the user came to see.
    events.after_first_paint();
    driver.flush(Instant::now());
    let mut last_draw = Instant::now();
    loop {
        let timeout = driver
            .app
            .next_deadline()
            .map(|d| d.saturating_duration_since(Instant::now()));
        let mut batch = Vec::new();
        match events.next(timeout)? {
            Next::Msg(m) => batch.push(m),
            Next::Timeout => driver.app.on_tick(Instant::now()),
            Next::Closed => return Ok(()),
        }
        while let Next::Msg(more) = events.next(Some(Duration::ZERO))? {
            batch.push(more);
        }
        let only_progress = !batch.is_empty()
            && batch.iter().all(|m| {
                matches!(
                    m,
                    Msg::Load(LoadEvent::Loaded(_) | LoadEvent::Discovered { .. })
                        | Msg::LibraryChanged
                        | Msg::Archive(jobs::ArchiveEvent::Refresh(
                            crate::domain::catalogue::RefreshEvent::Progress { .. }
                                | crate::domain::catalogue::RefreshEvent::Changed(_)
                        ))
                )
            });
        for msg in batch {
            driver.handle(msg);
            if driver.app.quit {
                return Ok(());
            }
        }
        driver.flush(Instant::now());
        if only_progress && last_draw.elapsed() < PROGRESS_FRAME {
            continue;
        }
        driver.draw()?;
        last_draw = Instant::now();
    }
}
