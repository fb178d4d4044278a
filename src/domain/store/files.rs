//! Loading and saving store files, the lock, backups, damaged files kept aside and
//! temporary files.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use super::format::{ChunkCache, Parsed, encode, parse};
use super::lenient::newer_notice;
use super::merge::{merge, normalized};
use super::names;
use super::paths::{
    Bytes, Disk, check_name, file_stamp, is_file_stamp, is_temp_suffix, open_error, read_capped,
    same_content, temp_path, too_big_reason, unique_path,
};
use super::*;
use crate::domain::atomic::open_or_create_private;

impl Store {
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
        let reason = match read_capped(&path)? {
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
        let (kept, _) = self.keep_damaged(briefing, &path)?;
        let damaged = format!(
            "The notes file {} was damaged ({reason}); it was kept as {}",
            path.display(),
            kept.display()
        );
        for backup in self.backups(briefing).into_iter().rev() {
            let bytes = match read_capped(&backup) {
                Ok(Bytes::Read(bytes)) => bytes,
                Err(e @ StoreError::NotAFile { .. }) => {
                    notices.push(format!("A backup was skipped: {e}."));
                    continue;
                }
                _ => continue,
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
    ///      section unmarked here stays unmarked unless marked again later elsewhere;
    ///    - the title: changed on one side only, that side's; else ours; a file without
    ///      one never takes ours away (a title is recorded, never removed).
    /// 3. If the result differs from the file: keeps a backup of the previous file (or
    ///    keeps a damaged one aside), writes a unique temporary file in the same folder,
    ///    `fsync`s it, renames it over the file, removes backups beyond [`BACKUPS_KEPT`]
    ///    and `fsync`s the folder.
    /// 4. Memory becomes the merged result and is clean.
    ///
    /// On any error memory is unchanged and still dirty, and the disk is left as the
    /// save found it: no temporary file, and no backup or damaged copy made by this save
    /// (so a full disk does not fill up with backups of failed tries, and the retry has
    /// the room the first try had). The only exception is the last step (`fsync` of the
    /// folder): the rename is done, so the file is already the complete new version,
    /// with its backup, and the next save, finding it so, only repeats that `fsync`.
    /// A read-only set, or a file written meanwhile by a newer brief, gives
    /// [`StoreError::ReadOnly`] and nothing is written. Something other than a regular
    /// file where the store file, its lock or a backup belongs gives
    /// [`StoreError::NotAFile`].
    pub fn save(&self, set: &mut AnnotationSet, mode: LockMode) -> Result<SaveOutcome, StoreError> {
        if let Some(schema) = set.read_only {
            return Err(StoreError::ReadOnly { schema });
        }
        let briefing = set.file.briefing.clone();
        check_name(&briefing)?;
        let dir = self.annotations_dir();
        self.create_own_dir(&dir)?;
        let _lock = self.lock(&briefing, mode)?;
        self.remove_stale_temps(&briefing);

        let path = self.file_path(&briefing);
        let (disk_file, disk) = match read_capped(&path)? {
            Bytes::Missing => (None, Disk::Missing),
            Bytes::TooBig => (None, Disk::Damaged(too_big_reason())),
            Bytes::Read(bytes) => match parse(&bytes, &briefing, &set.chunks) {
                Parsed::Good(file) => (Some(file), Disk::Good(bytes)),
                Parsed::Newer { schema, .. } => return Err(StoreError::ReadOnly { schema }),
                Parsed::Damaged(reason) => (None, Disk::Damaged(reason)),
            },
        };
        let ours = normalized(&set.file);
        let merged = merge(&ours, &set.synced, disk_file, &set.touched);
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
            // What this save adds beside the file, taken away again if the save fails.
            let added = match &disk {
                Disk::Good(..) => Some(self.backup(&briefing, &path)?),
                Disk::Damaged(reason) => {
                    let (kept, fresh) = self.keep_damaged(&briefing, &path)?;
                    notices.push(format!(
                        "The notes file {} was damaged ({reason}); it was kept as {} and replaced by the notes in memory.",
                        path.display(),
                        kept.display()
                    ));
                    fresh.then_some(kept)
                }
                Disk::Missing => None,
            };
            if let Err(e) = self.replace(&path, &bytes) {
                if let Some(added) = added {
                    let _ = fs::remove_file(added);
                }
                return Err(e);
            }
            self.prune_backups(&briefing);
            self.ops
                .sync_dir(&dir)
                .map_err(io_error(&dir, "flush the folder"))?;
        }
        set.file = merged.file.clone();
        set.synced = Arc::new(merged.file);
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

    /// Opens and locks the lock file. Dropping the returned file releases the lock.
    pub(super) fn lock(&self, briefing: &str, mode: LockMode) -> Result<File, StoreError> {
        let path = self.lock_path(briefing);
        let file =
            open_or_create_private(&path).map_err(open_error(&path, "open the lock file"))?;
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

    /// Writes `bytes` to `path` atomically, and `fsync`s `dir` (its folder). On error,
    /// the temporary file is removed.
    pub(super) fn write_atomic(
        &self,
        dir: &Path,
        path: &Path,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        self.replace(path, bytes)?;
        self.ops
            .sync_dir(dir)
            .map_err(io_error(dir, "flush the folder"))
    }

    /// Writes `bytes` to a temporary file (mode 0600) beside `path`, `fsync`s it and
    /// renames it over `path`; the folder is not synced. On error, the temporary file is
    /// removed and `path` is as it was.
    pub(super) fn replace(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let tmp = temp_path(path);
        self.write_new(&tmp, bytes)?;
        self.ops.rename(&tmp, path).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            io_error(path, "replace")(e)
        })
    }

    /// Creates `path`, which must not exist (mode 0600, never through a link), writes
    /// `bytes` in it and `fsync`s it. On error, it is removed.
    pub(super) fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let mut file = self
            .ops
            .create_temp(path)
            .map_err(io_error(path, "create"))?;
        let written = self
            .ops
            .write_all(&mut file, bytes)
            .map_err(io_error(path, "write"))
            .and_then(|()| {
                self.ops
                    .sync(&file)
                    .map_err(io_error(path, "flush to disk"))
            });
        drop(file);
        if written.is_err() {
            let _ = fs::remove_file(path);
        }
        written
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
    /// Returns the copy's path.
    pub(super) fn backup(&self, briefing: &str, path: &Path) -> Result<PathBuf, StoreError> {
        let dir = self.backups_dir();
        self.create_own_dir(&dir)?;
        let stem = names::stem(briefing);
        let target = unique_path(&dir, &format!("{stem}.{}", file_stamp()), ".toml");
        self.copy_atomic(path, &target)?;
        Ok(target)
    }

    /// The backups of a briefing, oldest first.
    pub(super) fn backups(&self, briefing: &str) -> Vec<PathBuf> {
        let dir = self.backups_dir();
        let Ok(entries) = fs::read_dir(&dir) else {
            return Vec::new();
        };
        let prefix = format!("{}.", names::stem(briefing));
        let mut found: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| {
                name.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix(".toml"))
                    .is_some_and(is_file_stamp)
            })
            .collect();
        found.sort();
        found.into_iter().map(|n| dir.join(n)).collect()
    }

    /// Removes all but the newest [`BACKUPS_KEPT`] backups. Best effort.
    pub(super) fn prune_backups(&self, briefing: &str) {
        let backups = self.backups(briefing);
        let excess = backups.len().saturating_sub(BACKUPS_KEPT);
        for old in &backups[..excess] {
            let _ = fs::remove_file(old);
        }
    }

    /// Copies a damaged file, byte for byte, to `<stem>.toml.corrupt-<UTC stamp>`,
    /// unless an identical copy is already there. Returns the copy's path, and whether
    /// it was made now.
    pub(super) fn keep_damaged(
        &self,
        briefing: &str,
        path: &Path,
    ) -> Result<(PathBuf, bool), StoreError> {
        let dir = self.annotations_dir();
        let prefix = format!("{}.toml.corrupt-", names::stem(briefing));
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries.filter_map(|e| e.ok()) {
                let is_copy = entry
                    .file_name()
                    .to_str()
                    .and_then(|n| n.strip_prefix(&prefix))
                    .is_some_and(is_file_stamp);
                if is_copy && same_content(path, &entry.path()).unwrap_or(false) {
                    return Ok((entry.path(), false));
                }
            }
        }
        let target = unique_path(&dir, &format!("{prefix}{}", file_stamp()), "");
        self.copy_atomic(path, &target)?;
        Ok((target, true))
    }

    /// Removes temporary files left for this briefing by a process that died while
    /// saving. Only called under the lock, when no other save can be writing them.
    pub(super) fn remove_stale_temps(&self, briefing: &str) {
        let prefix = format!(".{}.", names::stem(briefing));
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
