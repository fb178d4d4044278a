//! The interactive reader: terminal setup and restore, and the synchronous loop
//! (block on the next event, drain what is pending, update, draw once). The state is
//! in `app`, changes in `update`, drawing in `ui`.

pub mod action;
pub mod annotate;
pub mod app;
pub mod editor;
pub mod event;
pub mod keymap;
pub mod layout;
pub mod notes;
pub mod panel;
pub mod persist;
pub mod reader;
pub mod reload;
pub mod search;
pub mod ui;
pub mod update;
pub mod views;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use self::app::App;
use self::event::{EventSource, Msg, Next, TerminalEvents};
use self::keymap::Keymap;
use self::update::{
    Effect, after_first_paint, before_draw, handle_event, handle_load, next_deadline, on_tick,
    open_briefing, report_load_problems, resize,
};
use crate::config::Config;
use crate::domain::library::{Library, LoadEvent, load_in_background};

/// Runs the reader on `paths` (or the default briefings); returns the exit code.
pub fn main(paths: &[PathBuf], config: Config) -> ExitCode {
    let keymap = match Keymap::from_config(&config) {
        Ok(k) => k,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::from(2);
        }
    };
    // A single file is read at once (it is what the user asked to see); folders load
    // in the background so the first frame appears at once, whatever their size.
    let sources = crate::domain::library::default_paths(paths, config.briefings_dir.as_deref());
    let (library, background) = match sources {
        None => (Library::bundled(), None),
        Some(p) if p.len() == 1 && p[0].is_file() => {
            (Library::load(&p, config.load_options()), None)
        }
        Some(p) => (Library::default(), Some(p)),
    };
    // The briefing named on the command line, when a single file was named.
    let named = match paths {
        [one] if one.is_file() => library
            .briefings
            .iter()
            .find(|b| b.origin == crate::domain::briefing::Origin::File(one.clone()))
            .map(|b| b.id.clone()),
        _ => None,
    };
    // Nothing to read: say why on stderr rather than open an empty screen.
    if background.is_none() && library.briefings.is_empty() {
        for problem in &library.problems {
            eprintln!("{problem}");
        }
        if library.problems.is_empty() {
            eprintln!("brief: no briefing found");
        }
        return ExitCode::FAILURE;
    }
    let mouse = config.mouse;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "brief: the reader needs a terminal; to print a briefing use `brief show ID`, to list them `brief list`"
        );
        return ExitCode::from(2);
    }
    // Installs ratatui's panic hook, which restores the terminal before any other report.
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            eprintln!("brief: cannot set up the terminal: {e}");
            return ExitCode::FAILURE;
        }
    };
    if mouse {
        let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
    let _ = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    let data_dir = config.data_dir();
    let result = (|| -> io::Result<()> {
        let size = terminal.size()?;
        let mut app = App::new(
            config,
            keymap,
            library,
            Rect::new(0, 0, size.width, size.height),
        );
        app.theme = ui::theme::Theme::new(app.config.theme, no_color);
        let mut events = TerminalEvents::start()?;
        app.tx = Some(events.sender());
        match data_dir {
            Ok(dir) => app.persist = Some(persist::Persist::new(dir)),
            Err(problem) => {
                app.message = Some(app::Message {
                    text: format!("notes cannot be kept: {}", problem.message),
                    tone: app::Tone::Error,
                });
            }
        }
        start(&mut app, named.as_deref());
        if let Some(paths) = background {
            app.loading = Some((0, 0));
            let tx = events.sender();
            let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
            load_in_background(paths, app.config.load_options(), workers, move |event| {
                tx.send(Msg::Load(event)).is_ok()
            });
        }
        // A panic must not lose the note being typed: write its draft, then let the
        // panic go on (ratatui's hook has already restored the terminal).
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(&mut terminal, &mut app, &mut events)
        }));
        match outcome {
            Ok(result) => result,
            Err(panic) => {
                editor::write_draft(&mut app);
                std::panic::resume_unwind(panic)
            }
        }
    })();
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    if mouse {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("brief: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Chooses what to show first: the briefing named on the command line; else the one
/// read last (at its saved position); else the only briefing; else the library.
pub fn start(app: &mut App, named: Option<&str>) {
    let last = persist::last_opened(app).filter(|id| app.library.get(id).is_some());
    let only = (app.library.briefings.len() == 1).then(|| app.library.briefings[0].id.clone());
    if let Some(id) = named.map(str::to_string).or(last).or(only) {
        open_briefing(app, &id, None);
    }
    report_load_problems(app);
}

/// The loop: draw, wait for the next event, drain the pending ones, repeat until quit.
/// Generic over the backend and the event source, so tests can script both. Wakes on
/// its own only when something is due (a draft to write, a save to retry): idle, it
/// uses no CPU and writes nothing.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    // While a library loads, progress alone redraws at most this often.
    const PROGRESS_FRAME: std::time::Duration = std::time::Duration::from_millis(50);
    before_draw(app);
    resize_to_terminal(terminal, app)?;
    terminal
        .draw(|frame| ui::render(app, frame))
        .map_err(Into::into)?;
    after_first_paint(app);
    events.after_first_paint();
    let mut last_draw = std::time::Instant::now();
    loop {
        let timeout =
            next_deadline(app).map(|d| d.saturating_duration_since(std::time::Instant::now()));
        let mut batch = Vec::new();
        match events.next(timeout)? {
            Next::Msg(m) => batch.push(m),
            Next::Timeout => on_tick(app),
            Next::Closed => {
                persist::save_on_exit(app);
                return Ok(());
            }
        }
        while let Next::Msg(more) = events.next(Some(std::time::Duration::ZERO))? {
            batch.push(more);
        }
        let only_progress = !batch.is_empty()
            && batch.iter().all(|m| {
                matches!(
                    m,
                    Msg::Load(LoadEvent::Loaded(_) | LoadEvent::Discovered { .. })
                )
            });
        for msg in batch {
            let effect = match msg {
                Msg::Term(event) => handle_event(app, &event),
                Msg::Signal(_) => Effect::Quit,
                Msg::Load(event) => {
                    handle_load(app, event);
                    Effect::None
                }
                Msg::Apply(apply) => {
                    apply(app);
                    Effect::None
                }
            };
            if effect == Effect::Quit {
                // A note being written is kept as a draft, offered back next time.
                editor::write_draft(app);
                persist::save_on_exit(app);
                return Ok(());
            }
        }
        if only_progress && last_draw.elapsed() < PROGRESS_FRAME {
            continue;
        }
        before_draw(app);
        resize_to_terminal(terminal, app)?;
        terminal
            .draw(|frame| ui::render(app, frame))
            .map_err(Into::into)?;
        last_draw = std::time::Instant::now();
    }
}

fn resize_to_terminal<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    let size = terminal.size().map_err(Into::into)?;
    let rect = Rect::new(0, 0, size.width, size.height);
    if rect != app.size {
        resize(app, rect);
    }
    Ok(())
}
