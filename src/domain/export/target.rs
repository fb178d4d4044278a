//! Writing an export where the user said (`brief export -o FILE`): the file itself,
//! replaced only when asked; a device or pipe written in place; a folder refused. Must
//! not depend on terminal crates.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::domain::atomic::{Existing, write_atomic};
use crate::domain::load::io_words;
use crate::domain::text::sanitize_line;

/// Where an export was written, for the message that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A new file.
    Created(PathBuf),
    /// An existing file, replaced (with `--force`).
    Replaced(PathBuf),
    /// A device, pipe or other special file, written in place (`/dev/stdout`).
    Device(PathBuf),
}

impl Target {
    /// The path written.
    pub fn path(&self) -> &Path {
        match self {
            Target::Created(p) | Target::Replaced(p) | Target::Device(p) => p,
        }
    }

    /// `wrote notes.md`, `replaced notes.md`, `wrote to /dev/stdout`, sanitised.
    pub fn describe(&self) -> String {
        let name = sanitize_line(&self.path().display().to_string()).into_owned();
        match self {
            Target::Created(_) => format!("wrote {name}"),
            Target::Replaced(_) => format!("replaced {name}"),
            Target::Device(_) => format!("wrote to {name}"),
        }
    }
}

/// Why an export could not be written to the path asked for.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The path is a folder (or ends with a path separator).
    #[error(
        "{0} is a folder: name a file (-o {0}/notes.md), or leave out -o to write a new file in the current folder"
    )]
    Folder(String),
    /// The file exists and `--force` was not given.
    #[error("{0} exists: use --force to replace it, or name another file")]
    Exists(String),
    /// The system refused.
    #[error("cannot write {path}: {words}")]
    Io {
        /// The path, sanitised.
        path: String,
        /// What went wrong, in words.
        words: String,
    },
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
}

/// Whether the path ends with a separator (`outdir/`): it names a folder.
fn names_a_folder(path: &Path) -> bool {
    let text = path.as_os_str().as_encoded_bytes();
    text.last()
        .is_some_and(|&b| b == b'/' || (cfg!(windows) && b == b'\\'))
}

/// Whether a path is under the system's device or process folders, where files are not
/// replaced but written in place (`/dev/stdout` may stand for a regular file when
/// standard output is redirected).
fn is_system_path(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// Says at once whether [`write_export_to`] would refuse `path` (a folder, or an
/// existing file without `replace`), so that a command can stop before doing the work.
/// `Ok` does not promise the write will succeed.
pub fn check_target(path: &Path, replace: bool) -> Result<(), TargetError> {
    if names_a_folder(path) {
        return Err(TargetError::Folder(shown(path.components().as_path())));
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(TargetError::Folder(shown(path))),
        Ok(meta) if meta.is_file() && !is_system_path(path) && !replace => {
            Err(TargetError::Exists(shown(path)))
        }
        _ => Ok(()),
    }
}

/// Writes `content` to `path` as `brief export -o PATH` does:
///
/// - a path that does not exist: a new file, written atomically (a kill never leaves a
///   part of it);
/// - an existing regular file: replaced atomically when `replace` (`--force`), else
///   [`TargetError::Exists`] and nothing is touched; a symbolic link to one is followed,
///   so the link stays;
/// - a device, pipe or socket, or any path under `/dev` or `/proc` (`/dev/stdout`):
///   written in place, appending (so a redirection's file is never cut short);
/// - a folder, or a path ending with `/`: [`TargetError::Folder`].
pub fn write_export_to(path: &Path, content: &str, replace: bool) -> Result<Target, TargetError> {
    let io = |e: io::Error| TargetError::Io {
        path: shown(path),
        words: io_words(&e),
    };
    check_target(path, replace)?;
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() || is_system_path(path) => {
            let mut file = OpenOptions::new().append(true).open(path).map_err(io)?;
            file.write_all(content.as_bytes()).map_err(io)?;
            file.flush().map_err(io)?;
            Ok(Target::Device(path.to_path_buf()))
        }
        Ok(_) => {
            // Replace what the link points to, not the link.
            let real = match fs::symlink_metadata(path) {
                Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(io)?,
                _ => path.to_path_buf(),
            };
            write_atomic(&real, content.as_bytes(), Existing::Replace).map_err(io)?;
            Ok(Target::Replaced(path.to_path_buf()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            match write_atomic(path, content.as_bytes(), Existing::Keep) {
                Ok(()) => Ok(Target::Created(path.to_path_buf())),
                // Created by someone else in the meantime.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && !replace => {
                    Err(TargetError::Exists(shown(path)))
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    write_atomic(path, content.as_bytes(), Existing::Replace).map_err(io)?;
                    Ok(Target::Replaced(path.to_path_buf()))
                }
                Err(e) => Err(io(e)),
            }
        }
        Err(e) => Err(io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_then_kept_unless_forced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.md");
        assert_eq!(
            write_export_to(&path, "one", false).expect("write"),
            Target::Created(path.clone())
        );
        let err = write_export_to(&path, "two", false).expect_err("exists");
        assert!(matches!(err, TargetError::Exists(_)), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "one");
        assert_eq!(
            write_export_to(&path, "three", true).expect("replace"),
            Target::Replaced(path.clone())
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "three");
        // No sibling was made.
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn folders_are_refused_and_devices_written_in_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = write_export_to(dir.path(), "x", true).expect_err("a folder");
        assert!(matches!(err, TargetError::Folder(_)), "{err}");
        let slash = PathBuf::from(format!("{}/", dir.path().join("new").display()));
        let err = write_export_to(&slash, "x", false).expect_err("a folder");
        assert!(matches!(err, TargetError::Folder(_)), "{err}");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 0);
        if Path::new("/dev/null").exists() {
            assert_eq!(
                write_export_to(Path::new("/dev/null"), "x", false).expect("device"),
                Target::Device("/dev/null".into())
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_when_replacing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.md");
        fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_export_to(&link, "new", true).expect("replace");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
    }
}
