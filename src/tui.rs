//! The interactive reader. Placeholder until the reader lands: prints the outline.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::Config;

/// Runs the reader on `paths` (or the default briefings).
pub fn main(paths: &[PathBuf], config: Config) -> ExitCode {
    let library = crate::cli::load_library(paths, &config);
    for p in &library.problems {
        eprintln!("{p}");
    }
    for b in &library.briefings {
        println!("{}", crate::domain::text::sanitize_line(&b.title));
        for s in &b.sections {
            println!("  {}", crate::domain::text::sanitize_line(&s.title));
        }
    }
    ExitCode::SUCCESS
}
