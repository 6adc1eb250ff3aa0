//! The settings of a batch run (`--jsonl`), resolved from their arguments.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::args::batch::BatchArgs;
use crate::exit::UsageError;

use super::InterviewInput;

/// How a batch run reads, spreads and reports its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchOptions {
    /// How many records are processed at once (at least 1).
    pub jobs: usize,
    /// Whether a progress bar is drawn on standard error (a terminal, and no `--quiet`).
    pub progress: bool,
    /// Whether the summary line is printed (no `--quiet`).
    pub summary: bool,
}

/// What a batch run does with each record.
#[derive(Debug)]
pub enum BatchKind {
    /// `followup plan --jsonl`.
    Plan,
    /// `followup draft --jsonl`, optionally only one channel's steps.
    Draft { channel: Option<String> },
    /// `followup export --jsonl --out DIR`: one folder per interview under `out`.
    Export { out: PathBuf, force: bool, paper: followup_core::export::Paper },
}

/// Settings of `followup plan|draft|export --jsonl`.
#[derive(Debug)]
pub struct BatchSettings {
    /// The JSON Lines file (`-` for standard input) and what it is planned against.
    pub input: InterviewInput,
    pub kind: BatchKind,
    pub options: BatchOptions,
}

impl BatchOptions {
    /// The options `args` ask for; `None` when `--jsonl` was not given.
    ///
    /// # Errors
    ///
    /// A usage error for `--jobs 0`.
    pub fn resolve(args: &BatchArgs) -> Result<Option<BatchOptions>, UsageError> {
        if !args.jsonl {
            return Ok(None);
        }
        let jobs = match args.jobs {
            Some(0) => {
                return Err(UsageError(
                    "--jobs 0: give at least 1, or leave --jobs out to use every core".into(),
                ));
            }
            Some(jobs) => jobs,
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        Ok(Some(BatchOptions {
            jobs,
            progress: !args.quiet && std::io::stderr().is_terminal(),
            summary: !args.quiet,
        }))
    }
}
