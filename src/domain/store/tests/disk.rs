//! Unit tests of the store's dealings with the disk: failures at every write step, a
//! failed save that must leave the disk as it found it, long briefing ids, rescue files
//! and the state file.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;

use super::*;

/// Every file under `dir` with its bytes.
fn disk_state(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    all_files(dir)
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

// ---- faults --------------------------------------------------------------------------

/// A store with one saved note, a set with an unsaved change, and the file's bytes.
fn faulty_setup(existing: bool) -> (tempfile::TempDir, Store, Faults, AnnotationSet) {
    let dir = tempfile::tempdir().unwrap();
    let faults = Faults::new();
    let store = Store::with_faults(dir.path(), faults.clone());
    let mut set = AnnotationSet::new("b1");
    if existing {
        set.add_note(anchor("s"), "saved before");
        save(&store, &mut set);
        set.add_note(anchor("s"), "saved before too");
        save(&store, &mut set);
    }
    set.add_note(anchor("s"), "unsaved «é» 東京 🎉\nline 2");
    set.set_position("s", 9);
    faults.clear_log();
    (dir, store, faults, set)
}

#[test]
fn a_failure_at_any_write_step_loses_nothing() {
    for existing in [true, false] {
        let steps = {
            let (_dir, store, faults, mut set) = faulty_setup(existing);
            save(&store, &mut set);
            faults.log()
        };
        if existing {
            assert_eq!(
                steps,
                [
                    Step::CreateDir,
                    Step::CreateDir,
                    Step::Copy,
                    Step::Rename,
                    Step::CreateTemp,
                    Step::Write,
                    Step::Sync,
                    Step::Rename,
                    Step::SyncDir
                ]
            );
        }
        for errno in [Faults::ENOSPC, Faults::EROFS, Faults::EACCES] {
            for (n, step) in steps.iter().enumerate() {
                let what = format!("existing={existing} errno={errno} call {n} ({step:?})");
                let (dir, store, faults, mut set) = faulty_setup(existing);
                let path = store.file_path("b1");
                let before = fs::read(&path).ok();
                let memory = set.file.clone();
                faults.fail_call(n, errno);
                let err = store.save(&mut set, LockMode::Try).unwrap_err();
                let StoreError::Io { source, .. } = &err else {
                    panic!("{what}: {err}");
                };
                assert_eq!(source.raw_os_error(), Some(errno), "{what}");
                assert!(err.to_string().contains("could not"), "{what}: {err}");
                assert_eq!(set.file, memory, "{what}");
                assert!(set.is_dirty(), "{what}");
                assert!(temp_files(dir.path()).is_empty(), "{what}");
                let after = fs::read(&path).ok();
                if *step == Step::SyncDir {
                    // The rename happened: the file is the complete new version.
                    let text = String::from_utf8(after.unwrap()).unwrap();
                    assert!(text.contains("unsaved «é» 東京 🎉\nline 2"), "{what}");
                } else {
                    assert_eq!(after, before, "{what}");
                }
                faults.clear();
                save(&store, &mut set);
                assert!(!set.is_dirty());
                let back = load(&store, "b1");
                assert_eq!(back.file, set.file, "{what}");
                assert!(
                    back.file
                        .notes
                        .iter()
                        .any(|n| n.body == "unsaved «é» 東京 🎉\nline 2"),
                    "{what}"
                );
                assert!(temp_files(dir.path()).is_empty(), "{what}");
            }
        }
    }
}

#[test]
fn a_failing_step_fails_every_save_until_cleared() {
    for step in [
        Step::CreateDir,
        Step::CreateTemp,
        Step::Write,
        Step::Sync,
        Step::Rename,
        Step::SyncDir,
        Step::Copy,
    ] {
        let (dir, store, faults, mut set) = faulty_setup(true);
        faults.fail_step(step, Faults::ENOSPC);
        for _ in 0..2 {
            assert!(store.save(&mut set, LockMode::Wait).is_err(), "{step:?}");
            assert!(set.is_dirty());
        }
        assert!(temp_files(dir.path()).is_empty(), "{step:?}");
        faults.clear();
        save(&store, &mut set);
        assert!(!set.is_dirty());
    }
}

#[test]
fn a_real_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = temp_store();
    let mut set = AnnotationSet::new("b1");
    set.add_note(anchor("s"), "saved");
    save(&store, &mut set);
    let before = fs::read(store.file_path("b1")).unwrap();
    set.add_note(anchor("s"), "unsaved");
    let memory = set.file.clone();
    let annotations = store.annotations_dir();
    fs::set_permissions(&annotations, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions: then there is nothing to check here (the injected
    // faults above cover it).
    let probe = annotations.join("probe");
    let enforced = File::create(&probe).is_err();
    let _ = fs::remove_file(&probe);
    let result = store.save(&mut set, LockMode::Wait);
    fs::set_permissions(&annotations, fs::Permissions::from_mode(0o755)).unwrap();
    if enforced {
        let err = result.unwrap_err();
        assert!(matches!(err, StoreError::Io { .. }), "{err}");
        assert_eq!(set.file, memory);
        assert!(set.is_dirty());
        assert_eq!(fs::read(store.file_path("b1")).unwrap(), before);
        assert!(temp_files(dir.path()).is_empty());
    } else {
        result.unwrap();
    }
    save(&store, &mut set);
    assert_eq!(load(&store, "b1").file.notes.len(), 2);
}

// ---- a failed save leaves the disk as it found it ---------------------------------------

/// A store with [`BACKUPS_KEPT`] backups already, and a set with an unsaved change.
fn full_backups_setup() -> (tempfile::TempDir, Store, Faults, AnnotationSet) {
    let dir = tempfile::tempdir().unwrap();
    let faults = Faults::new();
    let store = Store::with_faults(dir.path(), faults.clone());
    let mut set = AnnotationSet::new("b1");
    for i in 0..=BACKUPS_KEPT + 1 {
        set.add_note(anchor("s"), &format!("saved {i}"));
        save(&store, &mut set);
    }
    assert_eq!(store.backups("b1").len(), BACKUPS_KEPT);
    set.add_note(anchor("s"), "unsaved");
    faults.clear_log();
    (dir, store, faults, set)
}

#[test]
fn a_failed_save_leaves_the_disk_as_it_found_it_at_every_step() {
    let steps = {
        let (_dir, store, faults, mut set) = full_backups_setup();
        save(&store, &mut set);
        faults.log()
    };
    assert!(steps.contains(&Step::Copy), "{steps:?}");
    for errno in [Faults::ENOSPC, Faults::EROFS] {
        for (n, step) in steps.iter().enumerate() {
            let what = format!("errno={errno} call {n} ({step:?})");
            let (dir, store, faults, mut set) = full_backups_setup();
            let before = disk_state(dir.path());
            faults.fail_call(n, errno);
            assert!(store.save(&mut set, LockMode::Wait).is_err(), "{what}");
            assert!(set.is_dirty(), "{what}");
            if *step == Step::SyncDir {
                // The rename was done: the new file, with its backup, and still no more
                // backups than kept.
                let text = fs::read_to_string(store.file_path("b1")).unwrap();
                assert!(text.contains("unsaved"), "{what}");
                assert_eq!(store.backups("b1").len(), BACKUPS_KEPT, "{what}");
            } else {
                assert_eq!(disk_state(dir.path()), before, "{what}");
            }
            faults.clear();
            save(&store, &mut set);
            assert_eq!(store.backups("b1").len(), BACKUPS_KEPT, "{what}");
            assert!(
                load(&store, "b1")
                    .file
                    .notes
                    .iter()
                    .any(|n| n.body == "unsaved")
            );
        }
    }
}

#[test]
fn a_full_disk_never_piles_up_backups() {
    let (dir, store, faults, mut set) = full_backups_setup();
    let before = disk_state(dir.path());
    faults.fail_step(Step::Write, Faults::ENOSPC);
    for _ in 0..3 {
        assert!(store.save(&mut set, LockMode::Try).is_err());
        assert_eq!(store.backups("b1").len(), BACKUPS_KEPT);
        assert_eq!(disk_state(dir.path()), before);
    }
    faults.clear();
    save(&store, &mut set);
    assert_eq!(store.backups("b1").len(), BACKUPS_KEPT);
}

#[test]
fn a_failed_save_over_a_damaged_file_takes_its_copy_back() {
    let (dir, store, faults, mut set) = full_backups_setup();
    fs::write(store.file_path("b1"), b"damaged \x00").unwrap();
    let before = disk_state(dir.path());
    faults.fail_step(Step::Write, Faults::ENOSPC);
    assert!(store.save(&mut set, LockMode::Try).is_err());
    assert_eq!(disk_state(dir.path()), before);
    faults.clear();
    let outcome = save(&store, &mut set);
    assert_eq!(outcome.notices.len(), 1, "{:?}", outcome.notices);
    let copies: Vec<PathBuf> = all_files(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(fs::read(&copies[0]).unwrap(), b"damaged \x00");
}

// ---- long briefing ids -------------------------------------------------------------------

#[test]
fn every_id_up_to_the_limit_is_saved_listed_and_backed_up() {
    let (dir, store) = temp_store();
    let shared = "a".repeat(150);
    let ids = [
        "b".repeat(MAX_ID_LEN),
        format!("{shared}-one"),
        format!("{shared}-two"),
        "c".repeat(100),
        "short".to_owned(),
    ];
    for id in &ids {
        let mut set = AnnotationSet::new(id);
        for i in 0..3 {
            set.add_note(anchor("s"), &format!("{id} {i}"));
            save(&store, &mut set);
        }
        assert_eq!(store.backups(id).len(), 2, "{id}");
        // A damaged file is kept aside under a name that fits too.
        fs::write(store.file_path(id), b"not toml {").unwrap();
        let outcome = store.load(id).unwrap();
        assert!(outcome.notices[0].contains("loaded the backup"), "{id}");
        let mut set = outcome.set;
        save(&store, &mut set);
        let back = load(&store, id);
        assert_eq!(back.file.briefing, *id);
        assert_eq!(back.file.notes.len(), 2, "{id}");
        // A draft keyed by the id, and a rescue file.
        let draft = Draft {
            key: id.clone(),
            briefing: id.clone(),
            note_id: None,
            anchor: anchor("s"),
            body: "draft".to_owned(),
            saved: Timestamp::now(),
        };
        store.save_draft(&draft).unwrap();
        let rescued = store.rescue(&back.file).unwrap();
        assert!(rescued.starts_with(dir.path()), "{}", rescued.display());
    }
    // Listed by their real ids, although long ones are stored under hashed names.
    let mut sorted = ids.to_vec();
    sorted.sort();
    assert_eq!(store.briefings(), sorted);
    assert_eq!(store.drafts().len(), ids.len());
    // Short ids keep the names they always had; two long ids sharing a prefix never
    // share a file.
    assert!(store.file_path("short").ends_with("annotations/short.toml"));
    let c = "c".repeat(100);
    assert!(
        store
            .file_path(&c)
            .ends_with(format!("annotations/{c}.toml"))
    );
    assert_ne!(store.file_path(&ids[1]), store.file_path(&ids[2]));
    let longest = all_files(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().len())
        .max()
        .unwrap();
    assert!(longest <= 200, "a file name of {longest} bytes");
}

#[test]
fn a_file_under_a_hashed_name_holding_another_id_is_not_listed() {
    let (_dir, store) = temp_store();
    let long = "d".repeat(150);
    let mut set = AnnotationSet::new(&long);
    set.add_note(anchor("s"), "x");
    save(&store, &mut set);
    assert_eq!(store.briefings(), std::slice::from_ref(&long));
    let other = format!("{long}-other");
    fs::rename(store.file_path(&long), store.file_path(&other)).unwrap();
    assert!(store.briefings().is_empty());
    let outcome = store.load(&other).unwrap();
    assert!(
        outcome.notices[0].contains("belongs to briefing"),
        "{:?}",
        outcome.notices
    );
}

// ---- rescue ------------------------------------------------------------------------------

fn rescued(path: &Path) -> StoreFile {
    let text = fs::read_to_string(path).unwrap();
    toml::from_str(&text).unwrap()
}

#[test]
fn a_rescue_goes_to_the_data_dir_whatever_the_id() {
    let (dir, store) = temp_store();
    for id in [
        "b1".to_owned(),
        "x".repeat(400),
        "../../etc/passwd".to_owned(),
        "é\u{1b}[31m/\0~".to_owned(),
        String::new(),
    ] {
        let mut set = AnnotationSet::new(&id);
        set.add_note(anchor("s"), "precious");
        let path = store.rescue(&set.file).unwrap();
        assert_eq!(path.parent().unwrap(), dir.path().join("rescue"), "{id:?}");
        let back = rescued(&path);
        assert_eq!(back.briefing, id);
        assert_eq!(back.notes[0].body, "precious");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Two rescues in a row never overwrite each other.
    let set = AnnotationSet::new("b1");
    assert_ne!(
        store.rescue(&set.file).unwrap(),
        store.rescue(&set.file).unwrap()
    );
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn a_rescue_falls_back_to_a_private_temporary_file() {
    let fallback = tempfile::tempdir().unwrap();
    // A data dir that cannot be written, even by root: a regular file in its place.
    let parent = tempfile::tempdir().unwrap();
    let blocked = parent.path().join("data");
    File::create(&blocked).unwrap();
    let store = Store::new(&blocked);
    let long = "y".repeat(300);
    let mut set = AnnotationSet::new(&long);
    set.add_note(anchor("s"), "precious");
    let folders = [fallback.path().to_path_buf()];
    let first = store.rescue_with_fallbacks(&set.file, &folders).unwrap();
    let second = store.rescue_with_fallbacks(&set.file, &folders).unwrap();
    for path in [&first, &second] {
        assert_eq!(path.parent().unwrap(), fallback.path());
        assert_eq!(rescued(path).notes[0].body, "precious");
        assert_eq!(
            fs::metadata(path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("brief-rescue-y") && name.ends_with(".toml"),
            "{name}"
        );
    }
    // Unpredictable: not the same name twice.
    assert_ne!(first, second);
    // With a failing data dir (full disk) too, through the injected faults.
    let data = tempfile::tempdir().unwrap();
    let faults = Faults::new();
    let store = Store::with_faults(data.path(), faults.clone());
    faults.fail_step(Step::Write, Faults::ENOSPC);
    let path = store.rescue_with_fallbacks(&set.file, &folders).unwrap();
    assert_eq!(path.parent().unwrap(), fallback.path());
    assert!(
        all_files(data.path()).is_empty(),
        "no partial rescue file is left"
    );
    // Nowhere to write at all: an error, not a silent loss.
    let nowhere = [blocked.join("x")];
    assert!(
        Store::new(&blocked)
            .rescue_with_fallbacks(&set.file, &nowhere)
            .is_err()
    );
}

// ---- the state file ----------------------------------------------------------------------

#[test]
fn the_briefing_read_last_is_kept_atomically() {
    let (dir, store) = temp_store();
    assert_eq!(store.last_opened(), None);
    store.save_last_opened("first").unwrap();
    store.save_last_opened("kim-putin-2023").unwrap();
    assert_eq!(store.last_opened().as_deref(), Some("kim-putin-2023"));
    let odd = "quote\" and \\ \n newline";
    store.save_last_opened(odd).unwrap();
    assert_eq!(store.last_opened().as_deref(), Some(odd));
    assert!(temp_files(dir.path()).is_empty());
    // The file the reader wrote before is still read.
    fs::write(store.state_path(), "last = \"older\"\n").unwrap();
    assert_eq!(store.last_opened().as_deref(), Some("older"));
    fs::write(store.state_path(), "garbage").unwrap();
    assert_eq!(store.last_opened(), None);
    // A failing write leaves the previous file.
    let faults = Faults::new();
    let faulty = Store::with_faults(dir.path(), faults.clone());
    faulty.save_last_opened("kept").unwrap();
    faults.fail_step(Step::Write, Faults::ENOSPC);
    assert!(faulty.save_last_opened("lost").is_err());
    assert_eq!(store.last_opened().as_deref(), Some("kept"));
    assert!(temp_files(dir.path()).is_empty());
}
