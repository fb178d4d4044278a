//! The shape the code must keep: the domain, the keymap and the CLI know nothing of
//! terminals; the reader never imports the CLI; the reader's modules form no cycle
//! (screens never depend on each other, nor on the app that coordinates them); no
//! source file grows past 800 lines.

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
    rust_files(&root.join("src/keys"), &mut files);
    files.push(root.join("src/cli.rs"));
    files.push(root.join("src/config.rs"));
    files.push(root.join("src/keys.rs"));
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
            lines <= 800,
            "{} has {lines} lines: split it",
            file.display()
        );
    }
}

#[test]
fn the_reader_never_uses_the_cli() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/tui.rs")];
    rust_files(&root.join("src/tui"), &mut files);
    assert!(files.len() > 10);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("crate::cli") && !code.contains("brief::cli"),
                "{}:{}: the reader uses the CLI: move what both need to the domain",
                file.display(),
                n + 1
            );
        }
    }
}

/// The module path of a file under `src/` (`tui::screens::reader::pane`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// What a module belongs to for the cycle check: a screen (`screens::reader`) or a
/// top-level module of the reader (`app`, `effect`…).
fn unit_of(path: &[String]) -> Option<String> {
    match path {
        [tui, screens, screen, ..] if tui == "tui" && screens == "screens" => {
            Some(format!("screens::{screen}"))
        }
        [tui, module, ..] if tui == "tui" => Some(module.clone()),
        _ => None,
    }
}

/// Every module path a file names: `crate::tui::…`, `super::…`, `self::…`.
fn references(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find(|c: char| c.is_alphabetic()) {
            rest = &rest[i..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path: Vec<&str> = rest[..end].split("::").filter(|p| !p.is_empty()).collect();
            rest = &rest[end..];
            let resolved: Option<Vec<String>> = match path.first().copied() {
                Some("crate") => Some(path[1..].iter().map(|s| s.to_string()).collect()),
                Some("super") | Some("self") => {
                    let mut base = module.to_vec();
                    let mut i = 0;
                    while let Some(p) = path.get(i) {
                        match *p {
                            "super" => {
                                base.pop();
                            }
                            "self" => {}
                            _ => break,
                        }
                        i += 1;
                    }
                    base.extend(path[i..].iter().map(|s| s.to_string()));
                    Some(base)
                }
                _ => None,
            };
            if let Some(p) = resolved {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn the_readers_modules_form_no_cycle() {
    use std::collections::{BTreeMap, BTreeSet};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src.join("tui"), &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(from) = unit_of(&module) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        // A file's references to its own submodules (`self::x`) stay inside its unit.
        for path in references(&module, &text) {
            if let Some(to) = unit_of(&path)
                && to != from
            {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    assert!(edges.len() > 8, "{edges:?}");
    // Screens depend on shared pieces, never on each other or on the app.
    for (from, tos) in &edges {
        if from.starts_with("screens::") {
            for to in tos {
                assert!(
                    !to.starts_with("screens::") && to != "app" && to != "overlay",
                    "{from} depends on {to}: a screen asks for others through effects"
                );
            }
        }
    }
    // No cycle anywhere in the reader.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = stack.iter().position(|n| n == node) {
            panic!(
                "the reader's modules form a cycle: {} -> {node}",
                stack[at..].join(" -> ")
            );
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, stack, done);
        }
        stack.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        visit(node, &edges, &mut Vec::new(), &mut done);
    }
}
