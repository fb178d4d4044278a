//! Where the store's files are, listing them, and reading them safely: every read of a
//! file of the data dir goes through [`read_at_most`], which never follows a symbolic
//! link and never blocks on a FIFO or a device.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;
use serde::Deserialize;

use super::faults::{FaultyOps, RealOps};
use super::format::split_chunks;
use super::names;
use super::*;
use crate::domain::atomic::{Links, OpenError, open_regular};

/// What reading a file gave.
pub(super) enum Bytes {
    Missing,
    TooBig,
    Read(Vec<u8>),
}

pub(super) static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Store {
    /// A store under `data_dir` (which need not exist yet), with real file operations.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Store {
            dir: data_dir.into(),
            ops: Arc::new(RealOps),
            faulty: false,
        }
    }

    /// A store whose writes go through `faults` (for tests): every file operation of a
    /// save, a draft save, a rescue or keeping a damaged file is recorded there as a
    /// [`Step`], and fails when `faults` is armed for it. Reads are never failed.
    pub fn with_faults(data_dir: impl Into<PathBuf>, faults: Faults) -> Self {
        Store {
            dir: data_dir.into(),
            ops: Arc::new(FaultyOps(faults)),
            faulty: true,
        }
    }

    /// The data dir.
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    pub(super) fn annotations_dir(&self) -> PathBuf {
        self.dir.join("annotations")
    }

    pub(super) fn backups_dir(&self) -> PathBuf {
        self.annotations_dir().join("backups")
    }

    pub(super) fn drafts_dir(&self) -> PathBuf {
        self.dir.join("drafts")
    }

    pub(super) fn rescue_dir(&self) -> PathBuf {
        self.dir.join("rescue")
    }

    /// The store file of a briefing: `<data dir>/annotations/<stem>.toml`, the stem being
    /// the id itself for ids of up to 100 plain characters (see the module's
    /// documentation).
    pub fn file_path(&self, briefing: &str) -> PathBuf {
        self.annotations_dir()
            .join(format!("{}.toml", names::stem(briefing)))
    }

    /// The lock file of a briefing: `<data dir>/annotations/<stem>.lock`. Every save
    /// holds an exclusive [`File::lock`] on it; it is never deleted.
    pub fn lock_path(&self, briefing: &str) -> PathBuf {
        self.annotations_dir()
            .join(format!("{}.lock", names::stem(briefing)))
    }

    /// Creates one of brief's own folders (and any missing parent, the data dir
    /// included), private, and takes group and other permissions away from it if an
    /// older brief made it with the umask's.
    pub(super) fn create_own_dir(&self, dir: &Path) -> Result<(), StoreError> {
        self.ops
            .create_dir_all(dir)
            .map_err(io_error(dir, "create the folder"))?;
        crate::domain::atomic::tighten_dir(dir);
        Ok(())
    }

    /// The ids of the briefings that have a store file, sorted. A file named with a
    /// hashed stem (a long id) is listed under the id it holds.
    pub fn briefings(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.annotations_dir()) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".toml")?;
                if names::is_direct(stem) {
                    Some(stem.to_owned())
                } else if names::is_stem(stem) {
                    stored_id(&entry.path())
                        .filter(|id| names::valid_id(id) && names::stem(id) == stem)
                } else {
                    None
                }
            })
            .collect();
        ids.sort();
        ids
    }
}

/// The briefing id written inside a store file: from its header when it is in this
/// brief's layout, else from a parse of the whole file.
fn stored_id(path: &Path) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe {
        briefing: Option<String>,
    }
    let Ok(Bytes::Read(bytes)) = read_capped(path) else {
        return None;
    };
    let text = std::str::from_utf8(&bytes).ok()?;
    let (header, _) = split_chunks(text);
    match toml::from_str::<Probe>(header) {
        Ok(Probe { briefing: Some(id) }) => Some(id),
        _ => toml::from_str::<Probe>(text).ok()?.briefing,
    }
}

/// The file on disk at save time.
pub(super) enum Disk {
    Missing,
    /// A good file, with these bytes.
    Good(Vec<u8>),
    Damaged(String),
}

pub(super) fn check_name(briefing: &str) -> Result<(), StoreError> {
    if names::valid_id(briefing) {
        Ok(())
    } else {
        Err(StoreError::BadName {
            name: briefing.to_owned(),
        })
    }
}

/// The error of a failed [`open_regular`] of a file of the data dir.
pub(super) fn open_error(
    path: &Path,
    action: &'static str,
) -> impl FnOnce(OpenError) -> StoreError {
    let path = path.to_path_buf();
    move |e| match e {
        OpenError::NotRegular(found) => StoreError::NotAFile { path, found },
        OpenError::Missing => StoreError::Io {
            path,
            action,
            source: io::ErrorKind::NotFound.into(),
        },
        OpenError::Io(source) => StoreError::Io {
            path,
            action,
            source,
        },
    }
}

/// Refuses a path where brief is about to put a file of its own if something other than
/// a regular file is there (a link, a FIFO, a folder): it is not brief's to replace.
pub(super) fn refuse_non_regular(path: &Path) -> Result<(), StoreError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            found: crate::domain::atomic::kind_words(meta.file_type()),
        }),
        _ => Ok(()),
    }
}

/// `.<file name>.tmp-<pid>-<counter>` beside `path`: unique among processes and threads.
pub(super) fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

pub(super) fn is_temp_suffix(suffix: &str) -> bool {
    suffix.split_once('-').is_some_and(|(pid, n)| {
        !pid.is_empty()
            && !n.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The current UTC time as `YYYYMMDDTHHMMSS.nnnnnnnnnZ`: sortable, no colons.
pub(super) fn file_stamp() -> String {
    Timestamp::now().strftime("%Y%m%dT%H%M%S.%9fZ").to_string()
}

/// Whether `s` is a [`file_stamp`], possibly followed by `-<n>` (see [`unique_path`]).
pub(super) fn is_file_stamp(s: &str) -> bool {
    let (stamp, n) = s.split_once('-').unwrap_or((s, "1"));
    let b = stamp.as_bytes();
    b.len() == 26
        && b.iter().enumerate().all(|(i, c)| match i {
            8 => *c == b'T',
            15 => *c == b'.',
            25 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
        && !n.is_empty()
        && n.bytes().all(|c| c.is_ascii_digit())
}

/// `dir/<stem><suffix>`, or `dir/<stem>-<n><suffix>` if something (even a dangling
/// link) is there already.
pub(super) fn unique_path(dir: &Path, stem: &str, suffix: &str) -> PathBuf {
    let mut path = dir.join(format!("{stem}{suffix}"));
    let mut n = 1;
    while fs::symlink_metadata(&path).is_ok() {
        path = dir.join(format!("{stem}-{n}{suffix}"));
        n += 1;
    }
    path
}

/// Reads a whole store, backup or draft file, up to [`MAX_FILE_BYTES`].
pub(super) fn read_capped(path: &Path) -> Result<Bytes, StoreError> {
    read_at_most(path, MAX_FILE_BYTES)
}

/// Reads a whole file of the data dir, up to `max` bytes. Only a regular file is read:
/// a symbolic link, a FIFO, a device or a folder is refused at once
/// ([`StoreError::NotAFile`]), never followed and never waited on.
pub(super) fn read_at_most(path: &Path, max: u64) -> Result<Bytes, StoreError> {
    let file = match open_regular(path, Links::Refuse) {
        Ok(file) => file,
        Err(OpenError::Missing) => return Ok(Bytes::Missing),
        Err(e) => return Err(open_error(path, "read")(e)),
    };
    let size = file.metadata().map_err(io_error(path, "read"))?.len();
    if size > max {
        return Ok(Bytes::TooBig);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error(path, "read"))?;
    if bytes.len() as u64 > max {
        Ok(Bytes::TooBig)
    } else {
        Ok(Bytes::Read(bytes))
    }
}

pub(super) fn too_big_reason() -> String {
    format!("it is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024))
}

/// Whether two files of the data dir have the same bytes (false if either is not a
/// regular file).
pub(super) fn same_content(a: &Path, b: &Path) -> io::Result<bool> {
    let open = |p: &Path| {
        open_regular(p, Links::Refuse).map_err(|e| match e {
            OpenError::Io(e) => e,
            _ => io::Error::other("not a regular file"),
        })
    };
    let (mut fa, mut fb) = (open(a)?, open(b)?);
    if fa.metadata()?.len() != fb.metadata()?.len() {
        return Ok(false);
    }
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = read_full(&mut fa, &mut ba)?;
        let m = read_full(&mut fb, &mut bb)?;
        if n != m || ba[..n] != bb[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

pub(super) fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A parser error on one line: its first line and its last (the message), without the
/// source excerpt.
pub(super) fn one_line(e: impl fmt::Display) -> String {
    let text = e.to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [] => "unknown error".to_owned(),
        [one] => (*one).to_owned(),
        [first, .., last] => format!("{first}: {last}"),
    }
}
