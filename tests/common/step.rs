//! A stepping harness: the real app and its loop body ([`brief::tui::Driver`]) on
//! ratatui's `TestBackend`, fed scripted keys; background jobs really run, on their
//! threads, and the harness waits for them by their messages (a signal), never by a
//! clock. Each step draws as the loop does. The data dir is a fresh temporary folder.

use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use brief::config::Config;
use brief::domain::library::Library;
use brief::domain::store::Store;
use brief::tui::Driver;
use brief::tui::app::App;
use brief::tui::event::{EventSource, Msg, Next, ScriptedEvents};
use brief::tui::runtime::Runtime;

/// The French bundled briefing.
pub const FR: &str = "kim-putin-vladivostok-fr";
/// The English bundled briefing.
pub const EN: &str = "kim-putin-vladivostok-en";

/// How long a background job may take before the test fails (a failure, not a wait).
const JOB_TIMEOUT: Duration = Duration::from_secs(60);

/// The app, its loop body and its jobs.
pub struct Stepper {
    /// The loop body: app, terminal, services.
    pub driver: Driver<TestBackend>,
    events: ScriptedEvents,
    /// The data dir's home (removed when the stepper goes).
    pub home: tempfile::TempDir,
}

impl Stepper {
    /// The app over `library` with `config`, notes kept in a fresh data dir.
    pub fn new(config: Config, library: Library, width: u16, height: u16) -> Stepper {
        let home = tempfile::tempdir().expect("tempdir");
        let store = Store::new(home.path().join("data"));
        Stepper::with_store(config, library, width, height, Some(store), home)
    }

    /// Like [`Stepper::new`], with a store of the caller's choosing.
    pub fn with_store(
        mut config: Config,
        library: Library,
        width: u16,
        height: u16,
        store: Option<Store>,
        home: tempfile::TempDir,
    ) -> Stepper {
        // The interface in English unless a test asks otherwise: never the locale of
        // the machine running the tests.
        config.language.get_or_insert(brief::domain::i18n::Lang::En);
        // Exports go to the temporary home, never into the working folder.
        if config.export_dir == std::path::Path::new(".") {
            config.export_dir = home.path().to_path_buf();
        }
        let keymap = config.keymap().expect("keymap");
        let events = ScriptedEvents::new([]);
        let runtime = Runtime::new(events.sender(), store);
        let mut app = App::new(config, keymap, library, Rect::new(0, 0, width, height));
        app.model.notes_kept = runtime.store().is_some();
        // A fixed "today", so snapshots do not change with the calendar.
        app.model.today = jiff::civil::date(2026, 11, 5);
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        Stepper {
            driver: Driver::new(app, terminal, runtime),
            events,
            home,
        }
    }

    /// The bundled briefings with the default config.
    pub fn bundled(width: u16, height: u16) -> Stepper {
        Stepper::new(Config::default(), Library::bundled(), width, height)
    }

    /// A library folder read through its catalogue in `cache` (not started: call
    /// [`Stepper::start`]).
    pub fn archive(root: &Path, cache: &Path, width: u16, height: u16) -> Stepper {
        let mut s = Stepper::new(Config::default(), Library::default(), width, height);
        s.driver.app.model.archive = Some(brief::domain::shelf::Archive {
            cache_dir: cache.to_path_buf(),
            root: root.to_path_buf(),
            load: brief::domain::load::LoadOptions::default(),
        });
        s
    }

    /// The briefings of a folder of fixtures.
    pub fn fixtures(dir: &str, width: u16, height: u16) -> Stepper {
        let library = Library::load(
            &[Path::new(dir).to_path_buf()],
            brief::domain::load::LoadOptions::default(),
        );
        assert!(library.problems.is_empty(), "{:?}", library.problems);
        Stepper::new(Config::default(), library, width, height)
    }

    /// Starts as the reader does (what to show first, the first frame, then the
    /// background work), and waits for that work.
    pub fn start(&mut self, named: Option<&str>) -> &mut Self {
        brief::tui::start(&mut self.driver.app, named, None, None);
        self.driver.draw().expect("draw");
        self.driver.flush(Instant::now());
        self.settle();
        self
    }

    /// The app.
    pub fn app(&self) -> &App {
        &self.driver.app
    }

    /// One message, as the loop takes it, then waits for the work it started.
    pub fn send(&mut self, msg: Msg) -> &mut Self {
        self.driver.step(msg);
        self.settle();
        self
    }

    /// Presses keys one at a time (`\n` Enter, `\x1b` Esc, `\t` Tab), waiting after each
    /// for the work it started.
    pub fn press(&mut self, keys: &str) -> &mut Self {
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            };
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.key(code, modifiers);
        }
        self
    }

    /// Presses keys without waiting for the work they start.
    pub fn press_now(&mut self, keys: &str) -> &mut Self {
        for c in keys.chars() {
            let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            self.driver.step(Msg::Term(event));
        }
        self
    }

    /// Presses one key.
    pub fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        self.send(Msg::Term(Event::Key(KeyEvent::new(code, modifiers))))
    }

    /// Waits until no background job is in flight, taking in what they post.
    pub fn settle(&mut self) -> &mut Self {
        while self.driver.runtime.in_flight() > 0 {
            let deadline = Instant::now() + JOB_TIMEOUT;
            match self.events.receive(Some(JOB_TIMEOUT)) {
                Next::Msg(msg) => self.driver.step(msg),
                _ => panic!(
                    "a background job did not report within {JOB_TIMEOUT:?} (deadline {deadline:?})"
                ),
            }
        }
        self
    }

    /// Runs every timer as if it were due (drafts, save retries, reloads), and waits.
    pub fn fire_timers(&mut self) -> &mut Self {
        self.driver
            .app
            .on_tick(Instant::now() + Duration::from_secs(3600));
        self.driver
            .flush(Instant::now() + Duration::from_secs(3600));
        self.settle()
    }

    /// Draws as the loop does and returns the screen's text, trailing spaces trimmed.
    pub fn screen(&mut self) -> String {
        self.driver.draw().expect("draw");
        let buffer = self.driver.terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..buffer.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The text of the message log, newest last.
    pub fn said(&self) -> Vec<String> {
        self.driver
            .app
            .model
            .log
            .entries()
            .map(|e| e.message.text.clone())
            .collect()
    }

    /// Resizes the terminal, as a resize event would.
    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.driver.terminal.backend_mut().resize(width, height);
        self.send(Msg::Term(Event::Resize(width, height)))
    }
}
