//! The `brief` binary: parse arguments, load the config, dispatch to the CLI or the
//! reader. Everything of substance lives in the library crate.

use std::process::ExitCode;

use brief::cli;
use brief::config::Config;

fn main() -> ExitCode {
    // A completion request from the shell code of `brief completions` is answered here,
    // before anything else is written. It, the help and clap's errors speak the
    // interface language (the config named by `--config`, else the locale).
    cli::complete_from_env();
    let args = cli::parse_args();
    let config = match Config::discover(args.config.as_deref()) {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::from(2);
        }
    };
    // Key tables are checked by every command, the same way: a config the reader
    // would refuse is refused everywhere.
    if let Err(problems) = config.keymap() {
        for problem in problems {
            eprintln!("{problem}");
        }
        return ExitCode::from(2);
    }
    match args.command {
        Some(command) => cli::run(command, &config),
        None => brief::tui::main(&args.paths, config),
    }
}
