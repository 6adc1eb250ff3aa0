//! The hidden runner subcommand: `followup __plugin-runner LIBRARY` serves one plugin
//! library to the `followup` process that started it (see
//! `followup_host::PluginIsolation::Child`).
//!
//! It is recognised before the command line is parsed, so that it never shows in
//! `--help` and a runner starts without reading the environment or any file but the
//! library.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// The subcommand's name, the first argument of a runner.
pub const SUBCOMMAND: &str = "__plugin-runner";

/// The library to serve, when this process was started as a runner.
pub fn requested(mut args: impl Iterator<Item = OsString>) -> Option<PathBuf> {
    let _program = args.next();
    if args.next()? != SUBCOMMAND {
        return None;
    }
    args.next().map(PathBuf::from)
}

/// Serves `library` over stdin and stdout until the host closes stdin.
pub fn run(library: &std::path::Path) -> ExitCode {
    match followup_host::serve_stdio(library) {
        Ok(()) => ExitCode::SUCCESS,
        // The host stopped reading (it went away, or refused an answer over its size
        // cap and is about to kill this runner): it already says what happened.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::FAILURE,
        // Nobody is left to tell but stderr.
        Err(err) => {
            eprintln!("followup plugin runner for {}: {err}", library.display());
            ExitCode::FAILURE
        }
    }
}
