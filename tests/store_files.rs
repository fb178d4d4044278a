//! The files of the data dir on a real file system: private whatever the umask, never
//! read through a planted symbolic link, never blocking on a FIFO, and briefing ids up to
//! the one limit the loader and the store share.
//!
//! Every test here runs with a permissive umask (0), set for this whole test binary, so
//! that the modes checked are brief's own and not the test runner's.

use std::fs::{self, File};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use brief::domain::annotation::Anchor;
use brief::domain::briefing::{MAX_ID_LEN, Origin};
use brief::domain::load::parse_briefing;
use brief::domain::store::{AnnotationSet, Draft, LockMode, Store, StoreError};

/// Generous: a loaded 2-core machine running a debug build. Only reached if something
/// blocks, which is the failure these tests look for.
const TIMEOUT: Duration = Duration::from_secs(60);

fn permissive_umask() {
    rustix::process::umask(rustix::fs::Mode::empty());
}

fn anchor() -> Anchor {
    Anchor {
        briefing: "b1".to_owned(),
        section: "s".to_owned(),
        block: 0,
        quote: "q".to_owned(),
        prefix: String::new(),
        suffix: String::new(),
        version: "0123456789abcdef".to_owned(),
    }
}

fn draft(key: &str) -> Draft {
    Draft {
        key: key.to_owned(),
        briefing: "b1".to_owned(),
        note_id: None,
        anchor: anchor(),
        body: "typed".to_owned(),
        saved: jiff::Timestamp::now(),
    }
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path)
        .expect("stat")
        .permissions()
        .mode()
        & 0o777
}

/// Every file and folder under `dir` (not following links), `dir` included.
fn everything(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("list") {
            let p = e.expect("entry").path();
            if fs::symlink_metadata(&p).expect("stat").is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out
}

fn mkfifo(path: &Path) {
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        path,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .expect("mkfifo");
}

/// Opens a FIFO for writing, so that whoever is blocked opening it to read goes on.
fn unblock(fifo: &Path) {
    let _ = fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(fifo);
}

/// Runs `work` on a thread and returns its result; fails the test if it does not finish
/// (a blocked open of a FIFO), after unblocking it by opening the FIFOs for writing.
fn completes<T: Send + 'static>(
    what: &str,
    fifos: &[&Path],
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(TIMEOUT) {
        Ok(result) => result,
        Err(_) => {
            fifos.iter().for_each(|fifo| unblock(fifo));
            panic!("{what} blocked on a FIFO");
        }
    }
}

fn saved_store(data: &Path) -> (Store, AnnotationSet) {
    let store = Store::new(data);
    let mut set = AnnotationSet::new("b1");
    set.add_note(anchor(), "first");
    store.save(&mut set, LockMode::Wait).expect("save");
    set.add_note(anchor(), "second");
    store.save(&mut set, LockMode::Wait).expect("save");
    (store, set)
}

fn assert_refused(result: Result<impl std::fmt::Debug, StoreError>, path: &Path, found: &str) {
    match result {
        Err(e @ StoreError::NotAFile { .. }) => {
            let message = e.to_string();
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(message.contains(found), "{message}");
        }
        other => panic!("{} was not refused: {other:?}", path.display()),
    }
}

/// The notices of a load that skipped a backup that is `found` and loaded a good one.
fn assert_recovered_past(notices: &[String], found: &str) {
    assert!(notices.iter().any(|n| n.contains(found)), "{notices:?}");
    assert!(
        notices.iter().any(|n| n.contains("loaded the backup")),
        "{notices:?}"
    );
}

// ---- permissions ---------------------------------------------------------------------

#[test]
fn everything_brief_creates_in_the_data_dir_is_private_whatever_the_umask() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    // Neither the data dir nor its parent exist: brief makes both.
    let data = root.path().join("made-by-brief/data");
    let (store, mut set) = saved_store(&data);
    set.add_note(anchor(), "third");
    store.save(&mut set, LockMode::Wait).expect("save");
    // A damaged file kept aside, a draft, the state file, a rescue file.
    fs::write(store.file_path("b1"), "damaged {").expect("write");
    let mut set = store.load("b1").expect("load").set;
    store.save(&mut set, LockMode::Wait).expect("save");
    store.save_draft(&draft("k1")).expect("draft");
    store.save_last_opened("b1").expect("state");
    let rescued = store.rescue(&set.file).expect("rescue");
    assert!(rescued.starts_with(&data));

    let all = everything(&root.path().join("made-by-brief"));
    let names: Vec<String> = all
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    for expected in [
        "annotations",
        "backups",
        "drafts",
        "rescue",
        "state.toml",
        "b1.lock",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(names.iter().any(|n| n.contains(".corrupt-")), "{names:?}");
    for path in all {
        let meta = fs::symlink_metadata(&path).expect("stat");
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&path), want, "{}", path.display());
    }
}

#[test]
fn folders_and_files_left_open_by_an_older_brief_are_made_private() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    // A data dir the user made is theirs: brief does not change its mode.
    let data = root.path().join("data");
    fs::create_dir(&data).expect("mkdir");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).expect("chmod");
    let (store, mut set) = saved_store(&data);
    let annotations = data.join("annotations");
    fs::set_permissions(&annotations, fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(store.file_path("b1"), fs::Permissions::from_mode(0o644)).expect("chmod");
    set.add_note(anchor(), "third");
    store.save(&mut set, LockMode::Wait).expect("save");
    assert_eq!(mode(&data), 0o755);
    assert_eq!(mode(&annotations), 0o700);
    assert_eq!(mode(&store.file_path("b1")), 0o600);
    for backup in fs::read_dir(annotations.join("backups")).expect("list") {
        assert_eq!(mode(&backup.expect("entry").path()), 0o600);
    }
}

#[test]
fn a_rescue_outside_the_data_dir_is_private() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    let blocked = root.path().join("data");
    File::create(&blocked).expect("a file where the data dir should be");
    let store = Store::new(&blocked);
    let mut set = AnnotationSet::new(&"z".repeat(MAX_ID_LEN));
    set.add_note(anchor(), "precious");
    let path = store.rescue(&set.file).expect("rescue");
    let text = fs::read_to_string(&path).expect("read the rescue file");
    let mode = mode(&path);
    fs::remove_file(&path).expect("clean up");
    assert!(path.starts_with(std::env::temp_dir()), "{}", path.display());
    assert_eq!(mode, 0o600);
    assert!(text.contains("precious"));
}

// ---- symbolic links ------------------------------------------------------------------

#[test]
fn a_planted_lock_link_is_refused_and_its_target_never_created() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    let (store, mut set) = saved_store(&root.path().join("data"));
    let target = root.path().join("elsewhere-created-by-brief");
    let lock = store.lock_path("b1");
    fs::remove_file(&lock).expect("remove the lock");
    std::os::unix::fs::symlink(&target, &lock).expect("plant a link");
    set.add_note(anchor(), "unsaved");
    assert_refused(
        store.save(&mut set, LockMode::Try),
        &lock,
        "a symbolic link",
    );
    assert!(!target.exists(), "brief created the link's target");
    assert!(set.is_dirty());
}

#[test]
fn links_where_brief_keeps_its_files_are_never_followed() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let (store, mut set) = saved_store(&data);
    let outside = root.path().join("outside.toml");
    let content = fs::read(store.file_path("b1")).expect("read");
    fs::write(&outside, &content).expect("write");
    let link = |at: &Path| {
        let _ = fs::remove_file(at);
        std::os::unix::fs::symlink(&outside, at).expect("plant a link");
    };

    // The store file.
    let path = store.file_path("b1");
    link(&path);
    assert_refused(store.load("b1"), &path, "a symbolic link");
    set.add_note(anchor(), "unsaved");
    assert_refused(
        store.save(&mut set, LockMode::Wait),
        &path,
        "a symbolic link",
    );
    fs::remove_file(&path).expect("unlink");

    // A draft.
    store.save_draft(&draft("k1")).expect("draft");
    let draft_path = data.join("drafts/k1.toml");
    link(&draft_path);
    let (drafts, notices) = store.drafts_with_notices();
    assert!(drafts.is_empty());
    assert!(notices[0].contains("a symbolic link"), "{notices:?}");
    assert_refused(
        store.save_draft(&draft("k1")),
        &draft_path,
        "a symbolic link",
    );

    // The state file.
    let state = store.state_path();
    link(&state);
    assert_eq!(store.last_opened(), None);
    assert_refused(store.save_last_opened("b1"), &state, "a symbolic link");

    // A backup, found when the store file is damaged: skipped, said, never followed.
    store.save(&mut set, LockMode::Wait).expect("save");
    let backup = data.join("annotations/backups/b1.29991231T000000.000000000Z.toml");
    link(&backup);
    fs::write(store.file_path("b1"), "damaged {").expect("damage");
    let outcome = store.load("b1").expect("load");
    assert_recovered_past(&outcome.notices, "a symbolic link");

    assert_eq!(
        fs::read(&outside).expect("read"),
        content,
        "the link's target changed"
    );
}

// ---- FIFOs and other special files -----------------------------------------------------

#[test]
fn fifos_in_the_data_dir_are_refused_at_once() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let (store, mut set) = saved_store(&data);
    store.save_draft(&draft("k1")).expect("draft");

    // As the store file: load, save and listing all finish.
    let path = store.file_path("b1");
    fs::remove_file(&path).expect("unlink");
    mkfifo(&path);
    let s = store.clone();
    let result = completes("loading", &[&path], move || s.load("b1").map(|_| ()));
    assert_refused(result, &path, "a FIFO");
    set.add_note(anchor(), "unsaved");
    let (s, mut moved) = (store.clone(), set.clone());
    let result = completes("saving", &[&path], move || {
        s.save(&mut moved, LockMode::Wait).map(|_| ())
    });
    assert_refused(result, &path, "a FIFO");
    let s = store.clone();
    assert_eq!(
        completes("listing", &[&path], move || s.briefings()),
        ["b1"]
    );
    fs::remove_file(&path).expect("unlink");
    store.save(&mut set, LockMode::Wait).expect("save");

    // As the lock.
    let lock = store.lock_path("b1");
    fs::remove_file(&lock).expect("unlink");
    mkfifo(&lock);
    set.add_note(anchor(), "unsaved 2");
    let (s, mut moved) = (store.clone(), set.clone());
    let result = completes("locking", &[&lock], move || {
        s.save(&mut moved, LockMode::Wait).map(|_| ())
    });
    assert_refused(result, &lock, "a FIFO");
    fs::remove_file(&lock).expect("unlink");

    // As a draft.
    let draft_path = data.join("drafts/k1.toml");
    fs::remove_file(&draft_path).expect("unlink");
    mkfifo(&draft_path);
    let s = store.clone();
    let (drafts, notices) = completes("listing drafts", &[&draft_path], move || {
        s.drafts_with_notices()
    });
    assert!(drafts.is_empty());
    assert!(notices[0].contains("a FIFO"), "{notices:?}");

    // As the state file.
    let state = store.state_path();
    mkfifo(&state);
    let s = store.clone();
    assert_eq!(
        completes("reading the state", &[&state], move || s.last_opened()),
        None
    );
    assert_refused(store.save_last_opened("b1"), &state, "a FIFO");

    // As a backup and as a damaged copy, met while recovering a damaged store file.
    store.save(&mut set, LockMode::Wait).expect("save");
    let backup = data.join("annotations/backups/b1.29991231T000000.000000000Z.toml");
    let copy = data.join("annotations/b1.toml.corrupt-29991231T000000.000000000Z");
    mkfifo(&backup);
    mkfifo(&copy);
    fs::write(store.file_path("b1"), "damaged {").expect("damage");
    let s = store.clone();
    let outcome = completes("recovering", &[&backup, &copy], move || s.load("b1")).expect("load");
    assert_recovered_past(&outcome.notices, "a FIFO");
}

#[test]
fn a_folder_where_a_file_belongs_is_refused() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    let (store, mut set) = saved_store(&root.path().join("data"));
    let path = store.file_path("b1");
    fs::remove_file(&path).expect("unlink");
    fs::create_dir(&path).expect("mkdir");
    assert_refused(store.load("b1").map(|_| ()), &path, "a folder");
    set.add_note(anchor(), "unsaved");
    assert_refused(store.save(&mut set, LockMode::Wait), &path, "a folder");
    fs::create_dir(store.state_path()).expect("mkdir");
    assert_refused(
        store.save_last_opened("b1"),
        &store.state_path(),
        "a folder",
    );
}

#[test]
fn brief_notes_finishes_with_a_fifo_in_the_data_dir() {
    permissive_umask();
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let (store, _) = saved_store(&data);
    let mut other = AnnotationSet::new("b2");
    other.add_note(anchor(), "still listed");
    store.save(&mut other, LockMode::Wait).expect("save");
    let path = store.file_path("b1");
    fs::remove_file(&path).expect("unlink");
    mkfifo(&path);
    fs::write(root.path().join("config.toml"), "").expect("config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("notes")
        .env("BRIEF_CONFIG", root.path().join("config.toml"))
        .env("BRIEF_DATA_DIR", &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brief");
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            unblock(&path);
            panic!("`brief notes` blocked on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stderr.contains("a FIFO"), "{stderr}");
    assert!(stdout.contains("still listed"), "{stdout}");
}

// ---- one limit for ids -----------------------------------------------------------------

fn parse_with_id(id: &str) -> Result<String, String> {
    let text = format!("id = \"{id}\"\ntitle = \"T\"\n[[sections]]\ntitle = \"A\"\nbody = \"x\"\n");
    parse_briefing(text.as_bytes(), Origin::File("t.toml".into()), None)
        .map(|l| l.briefing.id)
        .map_err(|d| d[0].to_string())
}

#[test]
fn ids_over_the_limit_are_refused_by_the_loader_and_every_other_is_stored() {
    permissive_umask();
    let longest = "a".repeat(MAX_ID_LEN);
    assert_eq!(parse_with_id(&longest).as_deref(), Ok(longest.as_str()));
    let error = parse_with_id(&format!("{longest}a")).expect_err("too long");
    assert!(error.contains("t.toml:1:6"), "{error}");
    assert!(
        error.contains(&format!("over the limit of {MAX_ID_LEN}")),
        "{error}"
    );
    // An id made from a long file name is refused the same way, at the top of the file.
    let text = "title = \"T\"\n[[sections]]\ntitle = \"A\"\nbody = \"x\"\n";
    let default = Some("b".repeat(MAX_ID_LEN + 1));
    let errors = parse_briefing(text.as_bytes(), Origin::File("t.toml".into()), default)
        .map(|_| ())
        .expect_err("too long");
    assert!(
        errors[0].to_string().contains("t.toml:1:1"),
        "{}",
        errors[0]
    );

    // Every id the loader accepts can be saved, loaded back and listed.
    let root = tempfile::tempdir().expect("tempdir");
    let store = Store::new(root.path());
    let mut set = AnnotationSet::new(&longest);
    set.add_note(anchor(), "kept");
    store.save(&mut set, LockMode::Wait).expect("save");
    assert_eq!(store.load(&longest).expect("load").set.file, set.file);
    assert_eq!(store.briefings(), [longest]);
}
