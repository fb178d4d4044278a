//! A pseudo-terminal harness: the real `brief` binary in a PTY, its output parsed by
//! `vt100` with a spy on the sequences a briefing must never be able to send (window
//! title, clipboard, hyperlinks), keys typed, the screen read back. Config and data
//! live in a temporary directory.

#![allow(dead_code)]

pub mod step;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Records every sequence that would let a file reach outside the screen.
#[derive(Debug, Default, Clone)]
pub struct Spy {
    /// Window titles or icon names set.
    pub titles: Vec<String>,
    /// Clipboard writes.
    pub clipboard: Vec<String>,
    /// Other OSC sequences (hyperlinks are OSC 8).
    pub osc: Vec<String>,
}

impl vt100::Callbacks for Spy {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard
            .push(String::from_utf8_lossy(data).into_owned());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let parts: Vec<String> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        self.osc.push(parts.join(";"));
    }
}

struct Shared {
    parser: vt100::Parser<Spy>,
    raw: Vec<u8>,
    eof: bool,
}

/// A running `brief` in a pseudo-terminal.
pub struct Tui {
    shared: Arc<Mutex<Shared>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// The temporary home of config and data.
    pub home: tempfile::TempDir,
}

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n.max(1)).expect("non-zero")
}

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

impl Tui {
    /// Starts `brief ARGS` in a `cols`×`rows` terminal, run from the repository root,
    /// with an empty config and a fresh data dir (both in a temp dir).
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Tui {
        let home = tempfile::tempdir().expect("tempdir");
        std::fs::write(home.path().join("config.toml"), "").expect("config");
        Tui::start_in(home, args, cols, rows, &[])
    }

    /// Like [`Tui::start`], in a prepared home with extra environment.
    pub fn start_in(
        home: tempfile::TempDir,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("BRIEF_CONFIG", home.path().join("config.toml"));
        cmd.env("BRIEF_DATA_DIR", home.path().join("data"));
        cmd.env("BRIEF_CACHE_DIR", home.path().join("cache"));
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn brief");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new_with_callbacks(nz(rows), nz(cols), 0, Spy::default()),
            raw: Vec::new(),
            eof: false,
        }));
        let feed = shared.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => {
                        if let Ok(mut s) = feed.lock() {
                            s.eof = true;
                        }
                        return;
                    }
                    Ok(n) => {
                        if let Ok(mut s) = feed.lock() {
                            s.parser.process(&buf[..n]);
                            s.raw.extend_from_slice(&buf[..n]);
                        }
                    }
                }
            }
        });
        Tui {
            shared,
            writer,
            child,
            master: pair.master,
            home,
        }
    }

    /// The data dir given to brief.
    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data")
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.shared.lock().expect("lock").parser.screen().contents()
    }

    /// Every byte brief wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().expect("lock").raw.clone()
    }

    /// What the spy saw.
    pub fn spy(&self) -> Spy {
        self.shared.lock().expect("lock").parser.callbacks().clone()
    }

    /// Whether the alternate screen is active.
    pub fn alternate_screen(&self) -> bool {
        self.shared
            .lock()
            .expect("lock")
            .parser
            .screen()
            .alternate_screen()
    }

    /// Types keys (bytes as a terminal sends them).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
    }

    /// Waits until the screen satisfies `check`; fails the test with the screen after
    /// the timeout.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Resizes the terminal.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        if let Ok(mut s) = self.shared.lock() {
            s.parser.screen_mut().set_size(nz(rows), nz(cols));
        }
    }

    /// Waits for brief to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread drain the last bytes.
                let drained = Instant::now() + Duration::from_secs(5);
                while !self.shared.lock().expect("lock").eof && Instant::now() < drained {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("brief did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The process id (for signals).
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Writes a config file into the home of a harness before starting it.
pub fn home_with_config(config: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("tempdir");
    std::fs::write(home.path().join("config.toml"), config).expect("config");
    home
}

/// The repository's bundled briefings folder.
pub fn briefings() -> &'static Path {
    Path::new("briefings")
}

impl Tui {
    /// Whether the text `needle` appears on screen with a background colour (a
    /// highlight), searching every row.
    pub fn highlighted(&self, needle: &str) -> bool {
        let shared = self.shared.lock().expect("lock");
        let screen = shared.parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for row in 0..rows {
            let text = screen.contents_between(row, 0, row, cols);
            let Some(byte) = text.find(needle) else {
                continue;
            };
            // Columns of the match: count the display width of what precedes it.
            let col = unicode_width::UnicodeWidthStr::width(&text[..byte]) as u16;
            if let Some(cell) = screen.cell(row, col)
                && cell.bgcolor() != vt100::Color::Default
            {
                return true;
            }
        }
        false
    }
}

impl Tui {
    /// Ends this harness and hands back its home, to start brief again on the same
    /// config and data (the process must have exited or is killed).
    pub fn into_home(mut self) -> tempfile::TempDir {
        let empty = tempfile::tempdir().expect("tempdir");
        std::mem::replace(&mut self.home, empty)
    }
}
