//! Safe file access. Writing files so that a kill, a crash or a full disk never leaves a
//! half-written one: a temporary file in the same folder, written and synced, then
//! renamed over the target (or linked, when the target must not be replaced), then the
//! folder synced. Opening a file to read so that a FIFO, a device or a planted symbolic
//! link can never block, redirect or fool it; creating files and folders private to the
//! user whatever the umask. Must not depend on terminal crates.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
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

/// Whether a symbolic link at the last component of a path is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow it (a briefing the user linked into a folder).
    Follow,
    /// Refuse it (a file of brief's own data dir, where a link was planted).
    Refuse,
}

/// Why [`open_regular`] did not open a file.
#[derive(Debug)]
pub enum OpenError {
    /// Nothing is there.
    Missing,
    /// Something that is not a regular file is there: what it is, in words ("a FIFO
    /// (named pipe)", "a symbolic link", "a folder", ...).
    NotRegular(&'static str),
    /// The system refused.
    Io(io::Error),
}

/// What a file type is, in words, for messages.
pub fn kind_words(kind: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_file() {
        "a regular file"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Flags that keep an open from blocking on a FIFO, from making a terminal the
/// controlling one, and (when asked) from following a link.
fn safe_flags(links: Links) -> i32 {
    let flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    match links {
        Links::Follow => flags,
        Links::Refuse => flags | libc::O_NOFOLLOW,
    }
}

/// Whether an open failed because the last component is a symbolic link and
/// `O_NOFOLLOW` was set (`ELOOP` on Linux, `EMLINK` on the BSDs).
fn is_link_refusal(e: &io::Error, path: &Path) -> bool {
    matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::EMLINK))
        && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Opens `path` to read, only if it is a regular file. It is looked at first without
/// being opened (opening a device can have effects), then opened without blocking (a
/// FIFO with no writer would block an ordinary open for ever, deaf to Ctrl-C) and, with
/// [`Links::Refuse`], without following a symbolic link; what was opened is checked
/// again (`fstat`), so a file swapped in between is caught too.
pub fn open_regular(path: &Path, links: Links) -> Result<File, OpenError> {
    let looked = match links {
        Links::Follow => fs::metadata(path),
        Links::Refuse => fs::symlink_metadata(path),
    };
    match looked {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(OpenError::Missing),
        Err(e) => return Err(OpenError::Io(e)),
        Ok(meta) if !meta.is_file() => {
            return Err(OpenError::NotRegular(kind_words(meta.file_type())));
        }
        Ok(_) => {}
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(safe_flags(links))
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenError::Missing,
            _ if is_link_refusal(&e, path) => OpenError::NotRegular("a symbolic link"),
            _ => OpenError::Io(e),
        })?;
    check_regular(&file)?;
    Ok(file)
}

fn check_regular(file: &File) -> Result<(), OpenError> {
    let meta = file.metadata().map_err(OpenError::Io)?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(OpenError::NotRegular(kind_words(meta.file_type())))
    }
}

/// The mode of every file brief creates in its data dir: read and write for the user.
pub const PRIVATE_FILE: u32 = 0o600;
/// The mode of every folder brief creates in its data dir.
pub const PRIVATE_DIR: u32 = 0o700;

/// Sets a file's mode to exactly [`PRIVATE_FILE`] (the umask can only take bits away
/// at creation, so a strange umask could leave it unwritable).
fn make_private(file: &File) -> io::Result<()> {
    file.set_permissions(fs::Permissions::from_mode(PRIVATE_FILE))
}

/// Creates a new file, mode 0600, that must not exist yet: never follows a link (a
/// link in its place makes it fail with `AlreadyExists`).
pub fn create_private(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(PRIVATE_FILE)
        .custom_flags(safe_flags(Links::Refuse))
        .open(path)?;
    make_private(&file)?;
    Ok(file)
}

/// Opens a file to read and write, creating it (mode 0600) if it is missing: for lock
/// files. A symbolic link, a FIFO or anything else that is not a regular file in its
/// place is refused, and never opened in a way that could block.
pub fn open_or_create_private(path: &Path) -> Result<File, OpenError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(OpenError::NotRegular(kind_words(meta.file_type())));
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(OpenError::Io(e)),
    }
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(PRIVATE_FILE)
        .custom_flags(safe_flags(Links::Refuse))
        .open(path)
        .map_err(|e| {
            if is_link_refusal(&e, path) {
                OpenError::NotRegular("a symbolic link")
            } else {
                OpenError::Io(e)
            }
        })?;
    check_regular(&file)?;
    Ok(file)
}

/// Creates `dir` and any missing parent, each mode 0700 exactly whatever the umask.
/// Folders that exist already are left as they are.
pub fn create_private_dirs(dir: &Path) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut at = dir;
    loop {
        match fs::symlink_metadata(at) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(at),
            Err(e) => return Err(e),
        }
        match at.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => at = parent,
            _ => break,
        }
    }
    for dir in missing.into_iter().rev() {
        match DirBuilder::new().mode(PRIVATE_DIR).create(dir) {
            Ok(()) => fs::set_permissions(dir, fs::Permissions::from_mode(PRIVATE_DIR))?,
            // Made by another process meanwhile: fine.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    if dir.is_dir() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            "it exists and is not a folder",
        ))
    }
}

/// Takes group and other permissions away from a folder of brief's own (one an older
/// brief created with the umask's mode). Best effort: a folder owned by someone else
/// is left as it is.
pub fn tighten_dir(dir: &Path) {
    if let Ok(meta) = fs::symlink_metadata(dir)
        && meta.is_dir()
        && meta.permissions().mode() & 0o077 != 0
    {
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(PRIVATE_DIR));
    }
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
