//! Multi-process tests of the annotation store: concurrent savers, `kill -9` during saves,
//! and two readers of the same store. Workers are this test executable run again (see
//! [`worker`]), told what to do by environment variables.

use std::collections::BTreeSet;
use std::hash::{BuildHasher, RandomState};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use brief::domain::annotation::{Anchor, Annotation};
use brief::domain::store::{LockMode, Store};

/// What a worker does: `add` or `grow`.
const ROLE: &str = "BRIEF_STORE_TEST_ROLE";
/// The data dir.
const DIR: &str = "BRIEF_STORE_TEST_DIR";
/// The worker's tag (`add`).
const TAG: &str = "BRIEF_STORE_TEST_TAG";
/// How many notes to add (`add`).
const COUNT: &str = "BRIEF_STORE_TEST_COUNT";
/// A file whose creation starts the `add` workers together.
const GO: &str = "go";

const WORKER: &str = "worker";
/// Generous: a loaded 2-core machine running a debug build.
const TIMEOUT: Duration = Duration::from_secs(120);

fn anchor(briefing: &str) -> Anchor {
    Anchor {
        briefing: briefing.to_owned(),
        section: "context".to_owned(),
        block: 1,
        quote: "Les « coopérations » 東京".to_owned(),
        prefix: String::new(),
        suffix: String::new(),
        version: "0123456789abcdef".to_owned(),
    }
}

/// The body that worker `tag` writes as its note number `i`.
fn body(tag: &str, i: usize) -> String {
    format!(
        "{tag} note {i}: coopération militaire, naïve façade — 東京都の会議 🎉👩‍👩‍👧\n\
         second line of {i}\r\n\tindented \"quoted\" \\ back''' \"\"\" e\u{301}\n"
    )
}

/// The index written in a body, if it is one of ours.
fn index_of(tag: &str, body: &str) -> Option<usize> {
    body.strip_prefix(&format!("{tag} note "))?
        .split(':')
        .next()?
        .parse()
        .ok()
}

/// Starts this executable as a worker.
fn spawn_worker(envs: &[(&str, String)], stdout: Stdio) -> Child {
    let exe = std::env::current_exe().expect("the test executable");
    let mut command = Command::new(exe);
    command
        .args(["--exact", WORKER, "--nocapture", "--include-ignored"])
        .stdout(stdout)
        .stderr(Stdio::inherit());
    for (k, v) in envs {
        command.env(k, v);
    }
    command.spawn().expect("start a worker")
}

/// Waits for a child to exit, failing the test after `timeout`.
fn wait_for(child: &mut Child, timeout: Duration) -> ExitStatus {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().expect("wait for a worker") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("worker did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Every file under `dir`, recursively.
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list a folder") {
            let p = e.expect("list a folder").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn assert_no_leftovers(dir: &Path) {
    for p in all_files(dir) {
        let name = p.to_string_lossy();
        assert!(!name.contains(".tmp-"), "temporary file left: {name}");
        assert!(
            !name.contains(".corrupt-"),
            "a file was found damaged: {name}"
        );
    }
}

/// The worker: returns at once unless run by a test with [`ROLE`] set.
#[test]
#[ignore = "run by the other tests as a separate process"]
fn worker() {
    let Ok(role) = std::env::var(ROLE) else {
        return;
    };
    let store = Store::new(std::env::var(DIR).unwrap());
    match role.as_str() {
        // Add COUNT notes, saving after each, waiting for the lock.
        "add" => {
            let tag = std::env::var(TAG).unwrap();
            let count: usize = std::env::var(COUNT).unwrap().parse().unwrap();
            let go = Path::new(&std::env::var(DIR).unwrap()).join(GO);
            let deadline = Instant::now() + TIMEOUT;
            while !go.exists() {
                assert!(Instant::now() < deadline, "never told to start");
                std::thread::sleep(Duration::from_millis(1));
            }
            let outcome = store.load("shared").unwrap();
            assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
            let mut set = outcome.set;
            for i in 0..count {
                set.add_note(anchor("shared"), &body(&tag, i));
                let saved = store.save(&mut set, LockMode::Wait).unwrap();
                assert_eq!(saved.conflicts, 0);
            }
        }
        // Add notes and save, until killed; report each save on stdout.
        "grow" => {
            let outcome = store.load("grown").unwrap();
            assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
            let mut set = outcome.set;
            for _ in 0..100_000 {
                let n = set.file.notes.len();
                set.add_note(anchor("grown"), &body("grow", n));
                store.save(&mut set, LockMode::Wait).unwrap();
                println!("<saved {}>", set.file.notes.len());
            }
        }
        other => panic!("unknown role {other}"),
    }
}

#[test]
fn two_processes_adding_at_once_lose_nothing() {
    const PER_WORKER: usize = 1000;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_string_lossy().into_owned();
    let mut children: Vec<Child> = ["A", "B"]
        .into_iter()
        .map(|tag| {
            spawn_worker(
                &[
                    (ROLE, "add".to_owned()),
                    (DIR, data.clone()),
                    (TAG, tag.to_owned()),
                    (COUNT, PER_WORKER.to_string()),
                ],
                Stdio::null(),
            )
        })
        .collect();
    std::fs::write(dir.path().join(GO), "").unwrap();
    for child in &mut children {
        assert!(wait_for(child, TIMEOUT).success());
    }

    let store = Store::new(dir.path());
    let outcome = store.load("shared").unwrap();
    assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
    let notes = &outcome.set.file.notes;
    assert_eq!(notes.len(), 2 * PER_WORKER);
    for tag in ["A", "B"] {
        let mut seen = BTreeSet::new();
        for note in notes.iter().filter(|n| n.body.starts_with(tag)) {
            let i = index_of(tag, &note.body).unwrap();
            assert_eq!(note.body.as_bytes(), body(tag, i).as_bytes());
            assert!(note.conflict_of.is_none());
            assert!(seen.insert(i), "note {i} of {tag} twice");
        }
        assert_eq!(seen, (0..PER_WORKER).collect());
    }
    let switches = notes
        .windows(2)
        .filter(|w| w[0].body[..1] != w[1].body[..1])
        .count();
    eprintln!("in creation order, the writer changed {switches} times");
    assert_no_leftovers(dir.path());
}

/// A random number below `bound`, without a random-number crate.
fn random_below(bound: u64) -> u64 {
    RandomState::new().hash_one(Instant::now()) % bound
}

#[test]
fn kill_9_during_saves_never_leaves_a_partial_file() {
    const TRIALS: usize = 30;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_string_lossy().into_owned();
    let store = Store::new(dir.path());
    let mut previous = 0;
    for trial in 0..TRIALS {
        let mut child = spawn_worker(
            &[(ROLE, "grow".to_owned()), (DIR, data.clone())],
            Stdio::piped(),
        );
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // libtest may print on the same line: look for the marker anywhere.
                let mut rest = line.as_str();
                while let Some(start) = rest.find("<saved ") {
                    let tail = &rest[start + 7..];
                    let Some(end) = tail.find('>') else { break };
                    if let Ok(n) = tail[..end].parse::<usize>() {
                        let _ = tx.send(n);
                    }
                    rest = &tail[end..];
                }
            }
        });
        // Wait for the worker to be saving, then kill it at a random moment.
        let first = rx.recv_timeout(TIMEOUT).expect("the worker never saved");
        assert_eq!(first, previous + 1, "trial {trial}");
        std::thread::sleep(Duration::from_micros(random_below(20_000)));
        child.kill().unwrap();
        let status = wait_for(&mut child, TIMEOUT);
        assert!(
            !status.success(),
            "trial {trial}: the worker was not killed"
        );
        reader.join().unwrap();
        let last = rx.try_iter().fold(first, usize::max);

        // The file is a whole version: the last reported one, or the one being saved.
        let outcome = store.load("grown").unwrap();
        assert!(
            outcome.notices.is_empty(),
            "trial {trial}: {:?}",
            outcome.notices
        );
        let notes = &outcome.set.file.notes;
        assert!(
            notes.len() == last || notes.len() == last + 1,
            "trial {trial}: {} notes, last reported save {last}",
            notes.len()
        );
        let indices: BTreeSet<usize> = notes
            .iter()
            .map(|n| {
                let i = index_of("grow", &n.body).unwrap();
                assert_eq!(n.body.as_bytes(), body("grow", i).as_bytes());
                i
            })
            .collect();
        assert_eq!(indices, (0..notes.len()).collect(), "trial {trial}");
        previous = notes.len();
    }
    // A last save clears what the killed workers left behind (temporary files).
    let mut set = store.load("grown").unwrap().set;
    set.set_position("context", 0);
    store.save(&mut set, LockMode::Wait).unwrap();
    assert_eq!(set.file.notes.len(), previous);
    assert_no_leftovers(dir.path());
}

#[test]
fn two_readers_of_one_store_keep_each_others_notes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut first = store.load("b1").unwrap().set;
    let mut second = store.load("b1").unwrap().set;
    let a = first.add_note(anchor("b1"), "added by the first reader");
    let b = second.add_note(anchor("b1"), "added by the second reader");
    store.save(&mut first, LockMode::Wait).unwrap();
    store.save(&mut second, LockMode::Wait).unwrap();
    store.save(&mut first, LockMode::Wait).unwrap();
    for set in [&first, &second, &store.load("b1").unwrap().set] {
        assert_eq!(set.note(&a).unwrap().body, "added by the first reader");
        assert_eq!(set.note(&b).unwrap().body, "added by the second reader");
        assert_eq!(set.file.notes.len(), 2);
    }

    // Both edit the same note differently: both texts are kept.
    assert!(first.update_note(&a, "first reader's version"));
    assert!(second.update_note(&a, "second reader's version"));
    assert_eq!(store.save(&mut first, LockMode::Wait).unwrap().conflicts, 0);
    assert_eq!(
        store.save(&mut second, LockMode::Wait).unwrap().conflicts,
        1
    );
    store.save(&mut first, LockMode::Wait).unwrap();
    let disk = store.load("b1").unwrap().set;
    assert_eq!(first.file, disk.file);
    assert_eq!(second.file, disk.file);
    let texts: BTreeSet<&str> = disk.file.notes.iter().map(|n| n.body.as_str()).collect();
    assert_eq!(
        texts,
        BTreeSet::from([
            "first reader's version",
            "second reader's version",
            "added by the second reader",
        ])
    );
    let copy = disk
        .file
        .notes
        .iter()
        .find(|n| n.conflict_of.is_some())
        .unwrap();
    assert_eq!(copy.conflict_of.as_deref(), Some(a.as_str()));
    assert_eq!(disk.note(&a).unwrap().body, "second reader's version");
    assert_eq!(copy.body, "first reader's version");

    // One deletes it, the other edits it again: the edit stays live.
    assert!(first.delete(&a));
    assert!(second.update_note(&a, "second reader, again"));
    store.save(&mut first, LockMode::Wait).unwrap();
    store.save(&mut second, LockMode::Wait).unwrap();
    store.save(&mut first, LockMode::Wait).unwrap();
    assert_eq!(first.note(&a).unwrap().body, "second reader, again");
    assert!(first.file.trash.iter().any(|t| matches!(
        &t.annotation,
        Annotation::Note(n) if n.body == "second reader's version"
    )));
    assert_eq!(first.file, second.file);
}
