//! Loading and saving store files, drafts, the lock, backups, damaged files kept aside
//! and temporary files: everything of the store that touches the file system.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;

use super::faults::{FaultyOps, RealOps};
use super::format::{ChunkCache, Parsed, encode, newer_notice, parse};
use super::merge::{is_normalized, merge, normalize};
use super::*;

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
    /// save, a draft save or keeping a damaged file is recorded there as a [`Step`], and
    /// fails when `faults` is armed for it. Reads are never failed.
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

    /// The store file of a briefing: `<data dir>/annotations/<briefing>.toml`.
    pub fn file_path(&self, briefing: &str) -> PathBuf {
        self.annotations_dir().join(format!("{briefing}.toml"))
    }

    /// The lock file of a briefing: `<data dir>/annotations/<briefing>.lock`. Every save
    /// holds an exclusive [`File::lock`] on it; it is never deleted.
    pub fn lock_path(&self, briefing: &str) -> PathBuf {
        self.annotations_dir().join(format!("{briefing}.lock"))
    }

    /// The ids of the briefings that have a store file, sorted.
    pub fn briefings(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.annotations_dir()) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".toml").map(str::to_owned))
            .filter(|id| valid_name(id))
            .collect();
        ids.sort();
        ids
    }

    /// Loads a briefing's annotations.
    ///
    /// - No file: an empty set.
    /// - A damaged file (not UTF-8, not TOML, not this format, another briefing's, or
    ///   larger than [`MAX_FILE_BYTES`]) is never overwritten or deleted: it is copied
    ///   byte for byte to `<briefing>.toml.corrupt-<UTC stamp>` (once), and the newest
    ///   backup that parses is loaded, or an empty set; a notice says which. The set is
    ///   then dirty, so the next save writes a good file.
    /// - A file written by a newer brief (`schema` > [`SCHEMA`], read before anything
    ///   else) is read leniently (unknown fields ignored, unreadable items skipped) and
    ///   the set is read-only.
    ///
    /// Fails only when the file exists but cannot be read, or a damaged file cannot be
    /// kept aside.
    pub fn load(&self, briefing: &str) -> Result<LoadOutcome, StoreError> {
        check_name(briefing)?;
        let path = self.file_path(briefing);
        let mut notices = Vec::new();
        let reason = match read_capped(&path).map_err(io_error(&path, "read"))? {
            Bytes::Missing => {
                return Ok(LoadOutcome {
                    set: AnnotationSet::new(briefing),
                    notices,
                });
            }
            Bytes::TooBig => too_big_reason(),
            Bytes::Read(bytes) => match parse(&bytes, briefing, &ChunkCache::default()) {
                Parsed::Good(file) => {
                    let mut set = AnnotationSet::synced(file);
                    if let Ok((_, chunks)) = encode(&set.file, &path, &ChunkCache::default()) {
                        set.chunks = chunks;
                    }
                    return Ok(LoadOutcome { set, notices });
                }
                Parsed::Newer {
                    schema,
                    file,
                    skipped,
                } => {
                    notices.push(newer_notice(&path, schema, skipped));
                    let mut set = AnnotationSet::synced(file);
                    set.read_only = Some(schema);
                    return Ok(LoadOutcome { set, notices });
                }
                Parsed::Damaged(reason) => reason,
            },
        };
        let kept = self.keep_damaged(briefing, &path)?;
        let damaged = format!(
            "The notes file {} was damaged ({reason}); it was kept as {}",
            path.display(),
            kept.display()
        );
        for backup in self.backups(briefing).into_iter().rev() {
            let Ok(Bytes::Read(bytes)) = read_capped(&backup) else {
                continue;
            };
            match parse(&bytes, briefing, &ChunkCache::default()) {
                Parsed::Good(file) => {
                    notices.push(format!(
                        "{damaged}; loaded the backup from {}.",
                        backup.display()
                    ));
                    let mut set = AnnotationSet::synced(file);
                    set.force_write = true;
                    return Ok(LoadOutcome { set, notices });
                }
                Parsed::Newer {
                    schema,
                    file,
                    skipped,
                } => {
                    notices.push(format!(
                        "{damaged}; loaded the backup from {}.",
                        backup.display()
                    ));
                    notices.push(newer_notice(&backup, schema, skipped));
                    let mut set = AnnotationSet::synced(file);
                    set.read_only = Some(schema);
                    return Ok(LoadOutcome { set, notices });
                }
                Parsed::Damaged(_) => continue,
            }
        }
        notices.push(format!(
            "{damaged}; no usable backup was found, so this briefing starts with no notes (nothing was deleted)."
        ));
        let mut set = AnnotationSet::new(briefing);
        set.force_write = true;
        Ok(LoadOutcome { set, notices })
    }

    /// Saves a set, merging it with the file as it is now on disk.
    ///
    /// 1. Locks `<briefing>.lock` ([`LockMode::Try`]: [`StoreError::Busy`] at once if
    ///    another brief holds it). The lock is released when this returns, on every path.
    /// 2. Re-reads the file and merges it with memory by id, three-way, the base being the
    ///    file as this set last loaded or saved it:
    ///    - an item not changed here takes the file's version (additions, edits and
    ///      deletions by others appear in memory); one missing from the file without a
    ///      tombstone is kept;
    ///    - an item changed here wins if the file's version is unchanged since the base
    ///      (or absent); if both changed, fields changed on one side only are taken from
    ///      that side, and when both changed the text (note body, bookmark label)
    ///      differently, the newer version stays and the older becomes a conflict copy
    ///      (new id, `conflict_of` = the original's id): both texts are kept;
    ///    - a deletion (trash) on one side and a text edit on the other: the edited item
    ///      stays live, and the trashed version stays in the trash (under a new id) if its
    ///      text differs;
    ///    - a tombstone (emptied trash) wins over items unchanged since, but never over an
    ///      item whose text its writer had not seen, nor over a change made after it;
    ///    - the position: the newer wins; read marks: by section, the newer wins, and a
    ///      section unmarked here stays unmarked unless marked again later elsewhere.
    /// 3. If the result differs from the file: keeps a backup of the previous file (or
    ///    keeps a damaged one aside), writes a unique temporary file in the same folder,
    ///    `fsync`s it, renames it over the file and `fsync`s the folder.
    /// 4. Memory becomes the merged result and is clean.
    ///
    /// On any error memory is unchanged and still dirty, and no temporary file is left.
    /// The file on disk is then the previous version, except when only the last step
    /// (`fsync` of the folder) failed: the rename is done, so the file is already the
    /// complete new version, and the next save, finding it so, only repeats that `fsync`.
    /// A read-only set, or a file written meanwhile by a newer brief, gives
    /// [`StoreError::ReadOnly`] and nothing is written.
    pub fn save(&self, set: &mut AnnotationSet, mode: LockMode) -> Result<SaveOutcome, StoreError> {
        if let Some(schema) = set.read_only {
            return Err(StoreError::ReadOnly { schema });
        }
        let briefing = set.file.briefing.clone();
        check_name(&briefing)?;
        let dir = self.annotations_dir();
        self.ops
            .create_dir_all(&dir)
            .map_err(io_error(&dir, "create the folder"))?;
        let _lock = self.lock(&briefing, mode)?;
        self.remove_stale_temps(&briefing);

        let path = self.file_path(&briefing);
        let (disk_file, disk) = match read_capped(&path).map_err(io_error(&path, "read"))? {
            Bytes::Missing => (None, Disk::Missing),
            Bytes::TooBig => (None, Disk::Damaged(too_big_reason())),
            Bytes::Read(bytes) => match parse(&bytes, &briefing, &set.chunks) {
                Parsed::Good(file) => (Some(file), Disk::Good(bytes)),
                Parsed::Newer { schema, .. } => return Err(StoreError::ReadOnly { schema }),
                Parsed::Damaged(reason) => (None, Disk::Damaged(reason)),
            },
        };
        let normalized;
        let ours = if is_normalized(&set.file) {
            &set.file
        } else {
            normalized = normalize(set.file.clone());
            &normalized
        };
        let merged = merge(ours, &set.synced, disk_file, &set.touched);
        let (bytes, chunks) = encode(&merged.file, &path, &set.chunks)?;
        let write = match &disk {
            Disk::Good(on_disk) => bytes != *on_disk,
            Disk::Missing => set.force_write || !merged.file.is_empty(),
            Disk::Damaged(_) => true,
        };
        let mut notices = Vec::new();
        if !write && set.is_dirty() {
            // Nothing to write (a previous attempt got as far as the rename), but that
            // rename must be durable before memory counts as saved.
            self.ops
                .sync_dir(&dir)
                .map_err(io_error(&dir, "flush the folder"))?;
        }
        if write {
            match &disk {
                Disk::Good(..) => self.backup(&briefing, &path)?,
                Disk::Damaged(reason) => {
                    let kept = self.keep_damaged(&briefing, &path)?;
                    notices.push(format!(
                        "The notes file {} was damaged ({reason}); it was kept as {} and replaced by the notes in memory.",
                        path.display(),
                        kept.display()
                    ));
                }
                Disk::Missing => {}
            }
            self.write_atomic(&dir, &path, &bytes)?;
            self.prune_backups(&briefing);
        }
        set.file = merged.file.clone();
        set.synced = merged.file;
        set.touched.clear();
        set.force_write = false;
        set.chunks = chunks;
        Ok(SaveOutcome {
            conflicts: merged.conflicts,
            merged_from_disk: merged.from_disk,
            written: write,
            notices,
        })
    }

    /// Saves an editor draft to `drafts/<key>.toml`, atomically (temporary file, `fsync`,
    /// rename, `fsync` of the folder).
    pub fn save_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        check_name(&draft.key)?;
        let dir = self.drafts_dir();
        let path = dir.join(format!("{}.toml", draft.key));
        let bytes = toml::to_string(draft)
            .map_err(|e| StoreError::Encode {
                path: path.clone(),
                message: e.to_string(),
            })?
            .into_bytes();
        self.ops
            .create_dir_all(&dir)
            .map_err(io_error(&dir, "create the folder"))?;
        self.write_atomic(&dir, &path, &bytes)
    }

    /// The drafts that can be read, oldest first. Unreadable ones are left in place.
    pub fn drafts(&self) -> Vec<Draft> {
        let Ok(entries) = fs::read_dir(self.drafts_dir()) else {
            return Vec::new();
        };
        let mut drafts: Vec<Draft> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".toml"))
                    .is_some_and(valid_name)
            })
            .filter_map(|e| match read_capped(&e.path()) {
                Ok(Bytes::Read(bytes)) => String::from_utf8(bytes).ok(),
                _ => None,
            })
            .filter_map(|text| toml::from_str::<Draft>(&text).ok())
            .collect();
        drafts.sort_by(|a, b| a.saved.cmp(&b.saved).then_with(|| a.key.cmp(&b.key)));
        drafts
    }

    /// Removes a draft (after the note was saved or the edit discarded). A missing draft
    /// is not an error.
    pub fn remove_draft(&self, key: &str) -> Result<(), StoreError> {
        check_name(key)?;
        let dir = self.drafts_dir();
        let path = dir.join(format!("{key}.toml"));
        match fs::remove_file(&path) {
            Ok(()) => {
                // Durability of a removal is not critical: a draft that comes back is
                // only offered again.
                let _ = self.ops.sync_dir(&dir);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(&path, "remove")(e)),
        }
    }

    /// Opens and locks the lock file. Dropping the returned file releases the lock.
    pub(super) fn lock(&self, briefing: &str, mode: LockMode) -> Result<File, StoreError> {
        let path = self.lock_path(briefing);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error(&path, "open the lock file"))?;
        match mode {
            LockMode::Wait => file.lock().map_err(io_error(&path, "lock"))?,
            LockMode::Try => match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => return Err(StoreError::Busy),
                Err(fs::TryLockError::Error(e)) => return Err(io_error(&path, "lock")(e)),
            },
        }
        Ok(file)
    }

    /// Writes `bytes` to `path` atomically. On error, the temporary file is removed.
    pub(super) fn write_atomic(
        &self,
        dir: &Path,
        path: &Path,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let tmp = temp_path(path);
        let mut file = self
            .ops
            .create_temp(&tmp)
            .map_err(io_error(&tmp, "create the temporary file"))?;
        let written = self
            .ops
            .write_all(&mut file, bytes)
            .map_err(io_error(&tmp, "write"))
            .and_then(|()| {
                self.ops
                    .sync(&file)
                    .map_err(io_error(&tmp, "flush to disk"))
            });
        drop(file);
        if let Err(e) = written.and_then(|()| {
            self.ops
                .rename(&tmp, path)
                .map_err(io_error(path, "replace"))
        }) {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        self.ops
            .sync_dir(dir)
            .map_err(io_error(dir, "flush the folder"))
    }

    /// Copies `from` to `to` through a temporary file, so `to` is complete or absent.
    pub(super) fn copy_atomic(&self, from: &Path, to: &Path) -> Result<(), StoreError> {
        let tmp = temp_path(to);
        let result = self
            .ops
            .copy(from, &tmp)
            .map_err(io_error(to, "copy to"))
            .and_then(|()| self.ops.rename(&tmp, to).map_err(io_error(to, "create")));
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Keeps a copy of the current good file in `backups/` before it is replaced.
    pub(super) fn backup(&self, briefing: &str, path: &Path) -> Result<(), StoreError> {
        let dir = self.backups_dir();
        self.ops
            .create_dir_all(&dir)
            .map_err(io_error(&dir, "create the folder"))?;
        let target = unique_path(&dir, &format!("{briefing}.{}", file_stamp()), ".toml");
        self.copy_atomic(path, &target)
    }

    /// The backups of a briefing, oldest first.
    pub(super) fn backups(&self, briefing: &str) -> Vec<PathBuf> {
        let dir = self.backups_dir();
        let Ok(entries) = fs::read_dir(&dir) else {
            return Vec::new();
        };
        let prefix = format!("{briefing}.");
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| {
                name.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix(".toml"))
                    .is_some_and(is_file_stamp)
            })
            .collect();
        names.sort();
        names.into_iter().map(|n| dir.join(n)).collect()
    }

    /// Removes all but the newest [`BACKUPS_KEPT`] backups. Best effort.
    pub(super) fn prune_backups(&self, briefing: &str) {
        let backups = self.backups(briefing);
        let excess = backups.len().saturating_sub(BACKUPS_KEPT);
        for old in &backups[..excess] {
            let _ = fs::remove_file(old);
        }
    }

    /// Copies a damaged file, byte for byte, to `<briefing>.toml.corrupt-<UTC stamp>`,
    /// unless an identical copy is already there. Returns the copy's path.
    pub(super) fn keep_damaged(&self, briefing: &str, path: &Path) -> Result<PathBuf, StoreError> {
        let dir = self.annotations_dir();
        let prefix = format!("{briefing}.toml.corrupt-");
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries.filter_map(|e| e.ok()) {
                let is_copy = entry
                    .file_name()
                    .to_str()
                    .and_then(|n| n.strip_prefix(&prefix))
                    .is_some_and(is_file_stamp);
                if is_copy && same_content(path, &entry.path()).unwrap_or(false) {
                    return Ok(entry.path());
                }
            }
        }
        let target = unique_path(&dir, &format!("{prefix}{}", file_stamp()), "");
        self.copy_atomic(path, &target)?;
        Ok(target)
    }

    /// Removes temporary files left for this briefing by a process that died while
    /// saving. Only called under the lock, when no other save can be writing them.
    pub(super) fn remove_stale_temps(&self, briefing: &str) {
        let prefix = format!(".{briefing}.");
        for dir in [self.annotations_dir(), self.backups_dir()] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.filter_map(|e| e.ok()) {
                let stale = entry.file_name().to_str().is_some_and(|n| {
                    n.strip_prefix(&prefix)
                        .and_then(|rest| rest.rsplit_once(".tmp-"))
                        .is_some_and(|(_, suffix)| is_temp_suffix(suffix))
                });
                if stale {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// The file on disk at save time.
pub(super) enum Disk {
    Missing,
    /// A good file, with these bytes.
    Good(Vec<u8>),
    Damaged(String),
}

pub(super) fn valid_name(name: &str) -> bool {
    (1..=100).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub(super) fn check_name(name: &str) -> Result<(), StoreError> {
    if valid_name(name) {
        Ok(())
    } else {
        Err(StoreError::BadName {
            name: name.to_owned(),
        })
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

/// `dir/<stem><suffix>`, or `dir/<stem>-<n><suffix>` if that exists already.
pub(super) fn unique_path(dir: &Path, stem: &str, suffix: &str) -> PathBuf {
    let mut path = dir.join(format!("{stem}{suffix}"));
    let mut n = 1;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}{suffix}"));
        n += 1;
    }
    path
}

/// Reads a whole file, up to [`MAX_FILE_BYTES`].
pub(super) fn read_capped(path: &Path) -> io::Result<Bytes> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Bytes::Missing),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        Ok(Bytes::TooBig)
    } else {
        Ok(Bytes::Read(bytes))
    }
}

pub(super) fn too_big_reason() -> String {
    format!("it is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024))
}

/// Whether two files have the same bytes.
pub(super) fn same_content(a: &Path, b: &Path) -> io::Result<bool> {
    if fs::metadata(a)?.len() != fs::metadata(b)?.len() {
        return Ok(false);
    }
    let (mut fa, mut fb) = (File::open(a)?, File::open(b)?);
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
