//! Batch runs: `followup plan|draft|export|add --jsonl FILE` read a stream of
//! interviews, one JSON object per line, and print one JSON line per record, in input
//! order.
//!
//! Everything that does not depend on the record is done once per run: the style is
//! read and checked, the plugins are loaded, the candidate profile is read, and one
//! [`Planner`] (the business calendar, the policy, the manifests) plans every record.
//! [`pipeline`] spreads the records over `--jobs` threads with bounded queues and keeps
//! their order; each command's [`Work`] turns one record into its line.
//! A bad record is reported on its own line (`{"line": N, "error": {...}}`) with every
//! problem, and the others go on. The exit status is 0 when every record succeeded, 1
//! when any failed (a plugin could not draft, a draft failed a check, a file exists),
//! else 3 when any was invalid.

pub mod add;
mod draft;
mod export;
mod pipeline;
mod plan;
mod progress;
mod record;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use followup_core::interview::CandidateDetails;
use followup_core::planner::Planner;
use followup_host::Registry;
use jiff::Timestamp;
use serde::Serialize;

pub use pipeline::{Status, Tally, Work};
pub use record::RecordError;

use crate::document::InputError;
use crate::exit;
use crate::settings::{BatchKind, BatchOptions, BatchSettings};
use crate::style_pack::StylePack;

/// What every record of a run is planned with, prepared once.
pub struct Setup {
    /// The input's path as given (`-` for standard input), for messages.
    pub path: PathBuf,
    pub registry: Registry,
    pub style: StylePack,
    pub planner: Planner,
    pub profile: CandidateDetails,
    pub now: Timestamp,
}

impl Setup {
    /// Reads the style and the profile and loads the plugins.
    fn new(settings: &BatchSettings) -> anyhow::Result<Setup> {
        let (style, registry) = super::planning::style_and_channels(&settings.input)?;
        let planner = Planner::new(&style.style, &registry.manifests());
        let profile = crate::profile::load(&settings.input.profile)?;
        Ok(Setup {
            path: settings.input.file.clone(),
            registry,
            style,
            planner,
            profile,
            now: settings.input.now,
        })
    }
}

/// The line of a record that could not be processed.
#[derive(Serialize)]
struct ErrorLine<'a> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    interview: Option<&'a str>,
    error: &'a RecordError,
}

/// Appends a record's error line.
pub fn write_error(out: &mut Vec<u8>, line: usize, interview: Option<&str>, error: &RecordError) {
    write_line(out, &ErrorLine { line, interview, error });
}

/// Appends one value as a JSON line.
pub fn write_line(out: &mut Vec<u8>, value: &impl Serialize) {
    // Serialising plain data into memory cannot fail: every map key is a string.
    serde_json::to_writer(&mut *out, value).expect("the record's JSON serialises");
    out.push(b'\n');
}

/// Runs `followup plan|draft|export --jsonl`.
pub fn run(settings: &BatchSettings) -> anyhow::Result<ExitCode> {
    let setup = Setup::new(settings)?;
    let tally = match &settings.kind {
        BatchKind::Plan => stream(settings, &plan::Plans { setup: &setup })?,
        BatchKind::Draft { channel } => {
            stream(settings, &draft::Drafts { setup: &setup, channel: channel.as_deref() })?
        }
        BatchKind::Export { out, force, paper } => {
            std::fs::create_dir_all(out).map_err(|cause| {
                anyhow::anyhow!(
                    "{}: cannot create the export folder: {cause}; check the path, or choose another with --out",
                    out.display()
                )
            })?;
            let work = export::Exports { setup: &setup, out, force: *force, paper: *paper };
            stream(settings, &work)?
        }
    };
    Ok(exit_code(tally))
}

/// Opens the input and runs `work` over it, printing the summary line.
fn stream(settings: &BatchSettings, work: &dyn Work) -> anyhow::Result<Tally> {
    run_over(&settings.input.file, settings.options, work)
}

/// Runs `work` on every record of the JSON Lines file at `path` (`-`: standard input),
/// writing to standard output, and prints the summary line.
///
/// # Errors
///
/// When the input cannot be opened or read, or the output written.
pub fn run_over(path: &Path, options: BatchOptions, work: &dyn Work) -> anyhow::Result<Tally> {
    let started = Instant::now();
    // Written from the writing thread, in large pieces; the lock is taken per piece.
    let out = std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout());
    let tally = if path == Path::new("-") {
        let stdin = std::io::stdin();
        pipeline::run(stdin.lock(), None, out, options, work)?
    } else {
        let file = File::open(path)
            .map_err(|cause| InputError::Read { path: path.to_path_buf(), cause })?;
        let size = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        let input: Box<dyn BufRead> = Box::new(BufReader::with_capacity(256 * 1024, file));
        pipeline::run(input, size, out, options, work)?
    };
    if options.summary {
        summary(tally, started);
    }
    Ok(tally)
}

/// Prints the summary line on standard error: records, failures, time.
fn summary(tally: Tally, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{} record{}: {} invalid, {} failed, in {seconds:.2} s ({:.0} records/s)",
        tally.records,
        if tally.records == 1 { "" } else { "s" },
        tally.invalid,
        tally.failed,
        tally.records as f64 / seconds.max(1e-9)
    );
}

/// 0 when every record succeeded, 1 when any failed, else 3 when any was invalid.
pub fn exit_code(tally: Tally) -> ExitCode {
    ExitCode::from(if tally.failed > 0 {
        exit::FAILURE
    } else if tally.invalid > 0 {
        exit::INVALID_INPUT
    } else {
        exit::OK
    })
}
