//! The file operations of a save, behind a small trait: the real ones, and a test double
//! ([`Faults`]) that records them and fails a chosen one with a chosen OS error.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::domain::atomic::{self, Links, OpenError};

#[cfg(doc)]
use super::Store;

/// A kind of file operation performed by a save, as recorded and failed by [`Faults`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Creating a folder (`annotations/`, `annotations/backups/`, `drafts/`, `rescue/`,
    /// the data dir).
    CreateDir,
    /// Creating a temporary file (or a rescue file).
    CreateTemp,
    /// Writing the new content into it.
    Write,
    /// `fsync` of the temporary file.
    Sync,
    /// Renaming a temporary file over its target.
    Rename,
    /// `fsync` of the folder after the rename.
    SyncDir,
    /// Copying a file (backups, damaged files kept aside).
    Copy,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Trigger {
    /// Every operation of this kind.
    Step(Step),
    /// The n-th operation (0-based) after the plan was set, whatever its kind; once.
    Call(usize),
}

#[derive(Debug, Default)]
pub(super) struct FaultState {
    plan: Option<(Trigger, i32)>,
    /// Operations counted since the plan was set.
    since_plan: usize,
    log: Vec<Step>,
}

/// A handle to make the file operations of a [`Store`] fail on purpose, for tests (see
/// [`Store::with_faults`]). Clones share the same state, so a test keeps one clone to
/// arm, clear and inspect while the store uses another.
///
/// A failing write first writes half of its bytes, as a disk that fills up would.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    state: Arc<Mutex<FaultState>>,
}

impl Faults {
    /// No space left on device.
    pub const ENOSPC: i32 = 28;
    /// Read-only file system.
    pub const EROFS: i32 = 30;
    /// Permission denied.
    pub const EACCES: i32 = 13;

    /// A handle that fails nothing (yet) and records every operation.
    pub fn new() -> Self {
        Faults::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, FaultState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// From now on, every operation of kind `step` fails with OS error `errno`.
    pub fn fail_step(&self, step: Step, errno: i32) {
        let mut s = self.state();
        s.plan = Some((Trigger::Step(step), errno));
        s.since_plan = 0;
    }

    /// The `n`-th operation (0-based, of any kind) from now on fails with OS error
    /// `errno`, once.
    pub fn fail_call(&self, n: usize, errno: i32) {
        let mut s = self.state();
        s.plan = Some((Trigger::Call(n), errno));
        s.since_plan = 0;
    }

    /// Nothing fails any more.
    pub fn clear(&self) {
        self.state().plan = None;
    }

    /// The operations performed so far, in order.
    pub fn log(&self) -> Vec<Step> {
        self.state().log.clone()
    }

    /// Forgets the recorded operations.
    pub fn clear_log(&self) {
        self.state().log.clear();
    }

    /// Records an operation and says whether it must fail.
    fn check(&self, step: Step) -> io::Result<()> {
        let mut s = self.state();
        s.log.push(step);
        let index = s.since_plan;
        s.since_plan += 1;
        match s.plan {
            Some((Trigger::Step(failing), errno)) if failing == step => {
                Err(io::Error::from_raw_os_error(errno))
            }
            Some((Trigger::Call(n), errno)) if n == index => {
                s.plan = None;
                Err(io::Error::from_raw_os_error(errno))
            }
            _ => Ok(()),
        }
    }
}

/// The file operations of a save: the real ones, or ones that fail on purpose.
pub(super) trait FileOps: Send + Sync {
    fn create_dir_all(&self, dir: &Path) -> io::Result<()>;
    /// Creates a new file that must not exist yet.
    fn create_temp(&self, path: &Path) -> io::Result<File>;
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    fn sync(&self, file: &File) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()>;
}

pub(super) struct RealOps;

impl FileOps for RealOps {
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        atomic::create_private_dirs(dir)
    }

    fn create_temp(&self, path: &Path) -> io::Result<File> {
        atomic::create_private(path)
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }

    /// Copies a regular file (never through a link, never from a FIFO) to a new private
    /// file.
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        let mut source = atomic::open_regular(from, Links::Refuse).map_err(|e| match e {
            OpenError::Io(e) => e,
            OpenError::Missing => io::ErrorKind::NotFound.into(),
            OpenError::NotRegular(found) => {
                io::Error::other(format!("it is {found}, not a regular file"))
            }
        })?;
        let mut target = atomic::create_private(to)?;
        io::copy(&mut source, &mut target)?;
        Ok(())
    }
}

pub(super) struct FaultyOps(pub(super) Faults);

impl FileOps for FaultyOps {
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        self.0.check(Step::CreateDir)?;
        RealOps.create_dir_all(dir)
    }

    fn create_temp(&self, path: &Path) -> io::Result<File> {
        self.0.check(Step::CreateTemp)?;
        RealOps.create_temp(path)
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        if let Err(e) = self.0.check(Step::Write) {
            // A disk filling up takes part of the data first.
            file.write_all(&bytes[..bytes.len() / 2])?;
            return Err(e);
        }
        RealOps.write_all(file, bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        self.0.check(Step::Sync)?;
        RealOps.sync(file)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.0.check(Step::Rename)?;
        RealOps.rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.0.check(Step::SyncDir)?;
        RealOps.sync_dir(dir)
    }

    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.0.check(Step::Copy)?;
        RealOps.copy(from, to)
    }
}
