//! Writing files so that a kill, a crash or a full disk never leaves a half-written
//! one: a temporary file in the same folder, written and synced, then renamed over the
//! target (or linked, when the target must not be replaced), then the folder synced.
//! Must not depend on terminal crates.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to do when the target already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it, atomically.
    Replace,
    /// Leave it and fail with `AlreadyExists`.
    Keep,
}

/// A temporary file's name beside `target`, unique to this process and moment.
fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let unique = format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        jiff::Timestamp::now().as_nanosecond()
    );
    target.with_file_name(unique)
}

/// Writes `bytes` to `target` atomically: readers see the old file or the new one,
/// never a part. On any failure the temporary file is removed and the target is as
/// it was.
pub fn write_atomic(target: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    let temp = temp_path(target);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        match existing {
            Existing::Replace => fs::rename(&temp, target)?,
            Existing::Keep => {
                // A hard link fails if the target exists: no window where it is replaced.
                fs::hard_link(&temp, target)?;
                fs::remove_file(&temp)?;
            }
        }
        sync_dir(target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Syncs the folder holding `path`, so a rename survives a power cut.
pub fn sync_dir(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("a.txt");
        write_atomic(&target, b"one", Existing::Keep).expect("first");
        let again = write_atomic(&target, b"two", Existing::Keep);
        assert_eq!(
            again.map_err(|e| e.kind()),
            Err(io::ErrorKind::AlreadyExists)
        );
        assert_eq!(fs::read(&target).expect("read"), b"one");
        write_atomic(&target, b"three", Existing::Replace).expect("replace");
        assert_eq!(fs::read(&target).expect("read"), b"three");
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("missing/a.txt");
        assert!(write_atomic(&target, b"x", Existing::Replace).is_err());
    }
}
