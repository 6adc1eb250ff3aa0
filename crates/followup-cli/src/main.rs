//! `followup`: the command-line front end.
//!
//! It is thin on purpose: arguments become settings in [`settings`], input files are
//! read in [`document`] and [`profile`], plugins are loaded by `followup-host`, the
//! rules run in `followup-core`, and this crate only prints. It is the only crate that
//! prints, reads the clock or the environment, and picks exit codes ([`exit`]).

mod args;
mod atomic_write;
mod commands;
mod document;
mod exit;
mod output;
mod plugin_runner;
mod profile;
mod settings;
mod style_pack;
mod user_settings;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::settings::{Environment, Settings};

/// The allocator: a batch run allocates and frees many small strings per interview on
/// every worker thread, where mimalloc is markedly faster than the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    if let Some(library) = plugin_runner::requested(std::env::args_os()) {
        return plugin_runner::run(&library);
    }
    atomic_write::ignore_file_size_signal();
    let cli = Cli::parse();
    let result = Settings::resolve(cli, Environment::from_process()).and_then(commands::run);
    match result {
        Ok(code) => code,
        Err(error) if exit::is_broken_pipe(&error) => ExitCode::from(exit::OK),
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            // Nothing useful can be done if stderr itself is gone.
            let safe = |text: String| output::terminal_safe(&text).into_owned();
            let _ = writeln!(stderr, "error: {}", safe(error.to_string()));
            for cause in error.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {}", safe(cause.to_string()));
            }
            exit::code_for(&error)
        }
    }
}
