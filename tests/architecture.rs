//! The shape the code must keep: the domain and the CLI know nothing of terminals.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_domain_and_cli_never_use_terminal_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/domain"), &mut files);
    rust_files(&root.join("src/cli"), &mut files);
    files.push(root.join("src/cli.rs"));
    files.push(root.join("src/config.rs"));
    assert!(files.len() > 5);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for banned in ["ratatui", "crossterm", "crate::tui"] {
                assert!(
                    !code.contains(banned),
                    "{}:{}: uses `{banned}`: the domain must not depend on the terminal",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(
            text.starts_with("//!"),
            "{} has no //! line at the top",
            file.display()
        );
        let lines = text.lines().count();
        assert!(
            lines <= 1200,
            "{} has {lines} lines: split it",
            file.display()
        );
    }
}
