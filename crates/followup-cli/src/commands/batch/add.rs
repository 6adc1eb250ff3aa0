//! `followup add --jsonl FILE`: tracks every interview of a stream, committing a chunk
//! of records per transaction.
//!
//! A crash loses at most the chunk in flight: every earlier chunk is committed, and its
//! lines are already printed. Adding the same stream again is idempotent: an interview
//! whose document and style are unchanged is reported `unchanged` and nothing is
//! written. Each record goes through the same per-interview step as `followup add FILE`
//! ([`add_in`]). When one record of a chunk fails inside the transaction, the chunk is
//! rolled back and its records are added one transaction each, so only that one fails.
//!
//! Writes to the store are sequential (one writer); `--jobs` is accepted and unused.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use followup_core::time::Moment;
use followup_core::tracking::Source;
use followup_core::validate::ValidInterview;
use followup_tracker::Store;

use super::pipeline::{self, Tally};
use super::progress::Progress;
use super::{RecordError, record};
use crate::commands::track::add::{Added, absolute_style, add_in};
use crate::commands::track::replan::Replanner;
use crate::document::InputError;
use crate::settings::{BatchOptions, ProfileChoice, TrackSettings};

/// Runs `followup add --jsonl`.
pub fn run(
    settings: &TrackSettings,
    file: &Path,
    profile: &ProfileChoice,
    style: Option<&str>,
    options: BatchOptions,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let style = style.map(absolute_style);
    let profile = crate::profile::load(profile)?;
    let mut store = crate::commands::track::open_for_writing(settings)?;
    let mut replanner = Replanner::new(&settings.replan);
    let (input, size, origin): (Box<dyn BufRead>, Option<u64>, String) = if file == Path::new("-") {
        (Box::new(std::io::stdin().lock()), None, "-".to_string())
    } else {
        let opened = File::open(file)
            .map_err(|cause| InputError::Read { path: file.to_path_buf(), cause })?;
        let size = opened.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        // Recorded absolute, as `followup add FILE` records its file.
        let origin = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
        (Box::new(BufReader::new(opened)), size, origin.display().to_string())
    };
    let mut out = std::io::stdout().lock();
    let mut progress = Progress::new(options.progress, size, started);
    let mut tally = Tally::default();
    let mut failure: Option<anyhow::Error> = None;
    let mut chunks = Chunks {
        store: &mut store,
        replanner: &mut replanner,
        settings,
        style: style.as_deref(),
        origin: &origin,
    };
    pipeline::read_chunks(input, |(lines, end)| {
        let mut text = Vec::new();
        let mut records = Vec::with_capacity(lines.len());
        for (line, bytes) in &lines {
            records.push((*line, record::read(Path::new(&origin), bytes, &profile)));
        }
        for status in chunks.add(records, &mut text) {
            tally.add(status);
        }
        if let Err(err) = out.write_all(&text).and_then(|()| out.flush()) {
            failure = Some(err.into());
            return false;
        }
        progress.update(tally.records, end);
        true
    })?;
    progress.finish();
    if let Some(err) = failure {
        return Err(err);
    }
    if options.summary {
        super::summary(tally, started);
    }
    Ok(super::exit_code(tally))
}

/// What adding a chunk needs.
struct Chunks<'a, 's> {
    store: &'a mut Store,
    replanner: &'a mut Replanner<'s>,
    settings: &'a TrackSettings,
    style: Option<&'a str>,
    origin: &'a str,
}

impl Chunks<'_, '_> {
    /// Adds the valid records of a chunk in one transaction (one each if that fails)
    /// and writes every record's line to `out`, in order.
    fn add(
        &mut self,
        records: Vec<(usize, Result<ValidInterview, RecordError>)>,
        out: &mut Vec<u8>,
    ) -> Vec<pipeline::Status> {
        let at = Moment(self.settings.now);
        let valid: Vec<(usize, &ValidInterview)> =
            records.iter().filter_map(|(line, r)| r.as_ref().ok().map(|v| (*line, v))).collect();
        let (replanner, style, origin) = (&mut *self.replanner, self.style, self.origin);
        let together = self.store.write(self.settings.now, |writer| {
            valid
                .iter()
                .map(|(line, interview)| {
                    add_in(writer, replanner, interview, &source(origin, *line), at, style)
                })
                .collect::<anyhow::Result<Vec<Added>>>()
        });
        let mut added: Vec<anyhow::Result<Added>> = match together {
            Ok(all) => all.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(_) => valid
                .iter()
                .map(|(line, interview)| {
                    self.store.write(self.settings.now, |writer| {
                        add_in(writer, replanner, interview, &source(origin, *line), at, style)
                    })
                })
                .collect(),
        }
        .into_iter()
        .rev()
        .collect();
        let mut statuses = Vec::with_capacity(records.len());
        for (line, record) in &records {
            let status = match record {
                Err(error) => {
                    super::write_error(out, *line, None, error);
                    pipeline::Status::Invalid
                }
                Ok(interview) => match added.pop() {
                    Some(Ok(done)) => {
                        let mut json = done.to_json();
                        if let Some(object) = json.as_object_mut() {
                            object.insert("line".into(), (*line).into());
                        }
                        super::write_line(out, &json);
                        if done.planned_nothing() {
                            pipeline::Status::Failed
                        } else {
                            pipeline::Status::Ok
                        }
                    }
                    Some(Err(err)) => {
                        let id = followup_core::tracking::interview_id(interview);
                        let error = RecordError::failure(format!("{err:#}"));
                        super::write_error(out, *line, Some(&id), &error);
                        pipeline::Status::Failed
                    }
                    None => {
                        let error = RecordError::failure("the record was not added".into());
                        super::write_error(out, *line, None, &error);
                        pipeline::Status::Failed
                    }
                },
            };
            statuses.push(status);
        }
        statuses
    }
}

/// Where a record came from: the stream's path and the line.
fn source(origin: &str, line: usize) -> Source {
    Source::File { path: format!("{origin}:{line}") }
}
