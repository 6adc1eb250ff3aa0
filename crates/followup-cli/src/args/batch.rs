//! The options of a batch run (`--jsonl`), shared by `plan`, `draft`, `export` and `add`.

use clap::Args;

/// How a stream of interviews is read and processed.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Read FILE as JSON Lines, one interview per line (`-` reads standard input), and
    /// print one JSON line per record, in input order.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: how many records are processed at once. Default: one per core.
    #[arg(long, value_name = "N", requires = "jsonl")]
    pub jobs: Option<usize>,
    /// With --jsonl: no progress bar and no summary line on standard error.
    #[arg(long, requires = "jsonl")]
    pub quiet: bool,
}
