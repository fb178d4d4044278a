//! The interactive reader: terminal setup and restore, and the synchronous loop
//! (block on the next event, drain what is pending, update, draw once). The state is
//! in `app`, changes in `update`, drawing in `ui`.

pub mod action;
pub mod app;
pub mod event;
pub mod keymap;
pub mod layout;
pub mod reader;
pub mod ui;
pub mod update;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use self::app::App;
use self::event::{EventSource, Msg, TerminalEvents};
use self::keymap::Keymap;
use self::update::{Effect, handle_event, open_briefing, resize};
use crate::config::Config;

/// Runs the reader on `paths` (or the default briefings); returns the exit code.
pub fn main(paths: &[PathBuf], config: Config) -> ExitCode {
    let keymap = match Keymap::from_config(&config) {
        Ok(k) => k,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::from(2);
        }
    };
    let library = crate::cli::load_library(paths, &config);
    // The briefing named on the command line, when a single file was named.
    let named = match paths {
        [one] if one.is_file() => library
            .briefings
            .iter()
            .find(|b| b.origin == crate::domain::briefing::Origin::File(one.clone()))
            .map(|b| b.id.clone()),
        _ => None,
    };
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
    let result = (|| -> io::Result<()> {
        let size = terminal.size()?;
        let mut app = App::new(
            config,
            keymap,
            library,
            Rect::new(0, 0, size.width, size.height),
        );
        app.theme = ui::theme::Theme::new(app.config.theme, no_color);
        start(&mut app, named.as_deref());
        let mut events = TerminalEvents::start()?;
        run(&mut terminal, &mut app, &mut events)
    })();
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

/// Chooses what to show first: the briefing named on the command line; else the only
/// briefing; else the library.
pub fn start(app: &mut App, named: Option<&str>) {
    let only = (app.library.briefings.len() == 1).then(|| app.library.briefings[0].id.clone());
    if let Some(id) = named.map(str::to_string).or(only) {
        open_briefing(app, &id, None);
    }
    let problems = app.library.problems.iter().filter(|p| p.is_error()).count();
    if problems > 0 {
        app.message = Some(app::Message {
            text: format!(
                "{problems} file(s) could not be loaded: see the library ({})",
                app.keymap.key_label(action::Action::Library)
            ),
            tone: app::Tone::Warning,
        });
    }
}

/// The loop: draw, wait for the next event, drain the pending ones, repeat until quit.
/// Generic over the backend and the event source, so tests can script both.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    resize_to_terminal(terminal, app)?;
    terminal
        .draw(|frame| ui::render(app, frame))
        .map_err(Into::into)?;
    loop {
        let Some(first) = events.next(None)? else {
            return Ok(());
        };
        let mut batch = vec![first];
        while let Some(more) = events.next(Some(std::time::Duration::ZERO))? {
            batch.push(more);
        }
        for msg in batch {
            let effect = match msg {
                Msg::Term(event) => handle_event(app, &event),
                Msg::Signal(_) => Effect::Quit,
            };
            if effect == Effect::Quit {
                return Ok(());
            }
        }
        resize_to_terminal(terminal, app)?;
        terminal
            .draw(|frame| ui::render(app, frame))
            .map_err(Into::into)?;
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
