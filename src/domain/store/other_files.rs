//! The data dir's files other than the store files: editor drafts, the state file (the
//! briefing read last) and rescue files, written with the same care (atomic, private,
//! never through a link, never a special file).

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::format::{ChunkCache, encode};
use super::merge::normalize;
use super::names;
use super::paths::{Bytes, file_stamp, read_at_most, read_capped, refuse_non_regular, unique_path};
use super::*;
use crate::domain::atomic::PRIVATE_FILE;

/// The state file's name in the data dir.
const STATE_FILE: &str = "state.toml";

/// The largest state file that is read.
const MAX_STATE_BYTES: u64 = 64 * 1024;

impl Store {
    /// Where an editor draft is kept: `drafts/<stem>.toml`.
    fn draft_path(&self, key: &str) -> PathBuf {
        self.drafts_dir().join(format!("{}.toml", names::stem(key)))
    }

    /// Saves an editor draft to `drafts/<stem>.toml`, atomically (temporary file, `fsync`,
    /// rename, `fsync` of the folder). Any key can be used: one that is not a short
    /// plain name is hashed into the file name.
    pub fn save_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        let dir = self.drafts_dir();
        let path = self.draft_path(&draft.key);
        let bytes = toml::to_string(draft)
            .map_err(|e| StoreError::Encode {
                path: path.clone(),
                message: e.to_string(),
            })?
            .into_bytes();
        self.create_own_dir(&dir)?;
        refuse_non_regular(&path)?;
        self.write_atomic(&dir, &path, &bytes)
    }

    /// The drafts that can be read, oldest first. Unreadable ones are left in place.
    pub fn drafts(&self) -> Vec<Draft> {
        self.drafts_with_notices().0
    }

    /// The drafts that can be read, oldest first, and a message for each draft file that
    /// was refused because it is not a regular file (a link, a FIFO, a folder). Drafts
    /// that do not parse are skipped and left in place.
    pub fn drafts_with_notices(&self) -> (Vec<Draft>, Vec<String>) {
        let Ok(entries) = std::fs::read_dir(self.drafts_dir()) else {
            return (Vec::new(), Vec::new());
        };
        let mut notices = Vec::new();
        let mut drafts: Vec<Draft> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".toml"))
                    .is_some_and(names::is_stem)
            })
            .filter_map(|e| match read_capped(&e.path()) {
                Ok(Bytes::Read(bytes)) => String::from_utf8(bytes).ok(),
                Err(e @ StoreError::NotAFile { .. }) => {
                    notices.push(format!("A draft was skipped: {e}."));
                    None
                }
                _ => None,
            })
            .filter_map(|text| toml::from_str::<Draft>(&text).ok())
            .collect();
        drafts.sort_by(|a, b| a.saved.cmp(&b.saved).then_with(|| a.key.cmp(&b.key)));
        (drafts, notices)
    }

    /// Removes a draft (after the note was saved or the edit discarded). A missing draft
    /// is not an error.
    pub fn remove_draft(&self, key: &str) -> Result<(), StoreError> {
        let dir = self.drafts_dir();
        let path = self.draft_path(key);
        match std::fs::remove_file(&path) {
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

    /// The state file: `<data dir>/state.toml`.
    pub fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// Records the briefing read last, in the state file, atomically and privately like
    /// every file of the data dir. Something other than a regular file in its place is
    /// refused ([`StoreError::NotAFile`]).
    pub fn save_last_opened(&self, id: &str) -> Result<(), StoreError> {
        let text = format!(
            "# Written by brief: the briefing read last.\nlast = {}\n",
            toml::Value::String(id.to_owned())
        );
        let path = self.state_path();
        self.ops
            .create_dir_all(&self.dir)
            .map_err(io_error(&self.dir, "create the folder"))?;
        refuse_non_regular(&path)?;
        self.write_atomic(&self.dir, &path, text.as_bytes())
    }

    /// The briefing read last, if the state file records one (and is a regular file).
    pub fn last_opened(&self) -> Option<String> {
        #[derive(Deserialize)]
        struct State {
            last: String,
        }
        let Ok(Bytes::Read(bytes)) = read_at_most(&self.state_path(), MAX_STATE_BYTES) else {
            return None;
        };
        let text = String::from_utf8(bytes).ok()?;
        toml::from_str::<State>(&text).ok().map(|s| s.last)
    }

    /// Last resort for notes that cannot be saved (on the way out, with the store
    /// failing): writes `file` as a store file, in this brief's layout, where it can be
    /// read back or put in place as `annotations/<stem>.toml` ([`Store::file_path`]).
    ///
    /// It goes to `<data dir>/rescue/<stem>.<UTC stamp>.toml` when the data dir can be
    /// written, else to a new file of the temporary folder (then the current folder) with
    /// an unpredictable name. Either way the file is created new (never through a link,
    /// never over another file), mode 0600, and synced. Whatever the briefing id holds
    /// (any length, any character), the name is made from it safely. Returns where it
    /// wrote, for the message.
    pub fn rescue(&self, file: &StoreFile) -> Result<PathBuf, StoreError> {
        self.rescue_with_fallbacks(file, &[std::env::temp_dir(), PathBuf::from(".")])
    }

    /// [`Store::rescue`] with the folders to fall back on.
    pub(super) fn rescue_with_fallbacks(
        &self,
        file: &StoreFile,
        fallbacks: &[PathBuf],
    ) -> Result<PathBuf, StoreError> {
        let mut file = normalize(file.clone());
        file.schema = SCHEMA;
        let stem = names::stem(&file.briefing);
        let dir = self.rescue_dir();
        let (bytes, _) = encode(&file, &dir, &ChunkCache::default())?;
        let first = match self.rescue_in_data_dir(&dir, &stem, &bytes) {
            Ok(path) => return Ok(path),
            Err(e) => e,
        };
        for folder in fallbacks {
            if let Ok(path) = rescue_in_temp(folder, &stem, &bytes) {
                return Ok(path);
            }
        }
        Err(first)
    }

    fn rescue_in_data_dir(
        &self,
        dir: &Path,
        stem: &str,
        bytes: &[u8],
    ) -> Result<PathBuf, StoreError> {
        self.create_own_dir(dir)?;
        let path = unique_path(dir, &format!("{stem}.{}", file_stamp()), ".toml");
        self.write_new(&path, bytes)?;
        if let Err(e) = self.ops.sync_dir(dir) {
            let _ = std::fs::remove_file(&path);
            return Err(io_error(dir, "flush the folder")(e));
        }
        Ok(path)
    }
}

/// A rescue file in `folder`, private (mode 0600) with an unpredictable name, so that
/// no one else on the machine can read it or plant something in its place.
fn rescue_in_temp(folder: &Path, stem: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let prefix: String = stem.chars().take(40).collect();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("brief-rescue-{prefix}-"))
        .suffix(".toml")
        .rand_bytes(12)
        .tempfile_in(folder)?;
    // Created 0600 already, unless the umask took bits away: exactly 0600.
    temp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(PRIVATE_FILE))?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    let (_, path) = temp.keep().map_err(|e| e.error)?;
    Ok(path)
}
