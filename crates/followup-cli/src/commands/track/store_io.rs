//! `followup store export` and `followup store import`: the whole log as JSON Lines.

use std::collections::BTreeSet;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use followup_core::tracking::EventRecord;

use super::replan::Replanner;
use crate::atomic_write;
use followup_core::problem::Problem;

use crate::document::{InputError, LocatedProblem, Position};
use crate::exit;
use crate::settings::TrackSettings;

/// The longest line `store import` reads; a record is a few kilobytes.
const MAX_LINE: u64 = 16 * 1024 * 1024;

/// Runs `followup store export`.
pub fn export(
    settings: &TrackSettings,
    out: Option<&Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let store = super::open_for_reading(settings)?;
    let mut lines: Vec<u8> = Vec::new();
    let write_line = |record: EventRecord, sink: &mut dyn Write| -> anyhow::Result<()> {
        serde_json::to_writer(&mut *sink, &record)?;
        sink.write_all(b"\n")?;
        Ok(())
    };
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Some(store) = &store {
                store.for_each_event(|record| write_line(record, &mut stdout))?;
            }
            stdout.flush()?;
        }
        Some(path) => {
            if let Some(store) = &store {
                store.for_each_event(|record| write_line(record, &mut lines))?;
            }
            atomic_write::write(path, &lines, force).with_context(|| {
                format!("the store could not be exported to {}", path.display())
            })?;
            eprintln!(
                "exported {} events to {}",
                lines.iter().filter(|b| **b == b'\n').count(),
                path.display()
            );
        }
    }
    Ok(ExitCode::from(exit::OK))
}

/// Runs `followup store import FILE`.
pub fn import(settings: &TrackSettings, file: &Path) -> anyhow::Result<ExitCode> {
    let records = read_records(file)?;
    let mut store = super::open_for_writing(settings)?;
    let mut replanner = Replanner::new(&settings.replan);
    let interviews = store.write(settings.now, |writer| {
        let events = writer.event_count()?;
        if events > 0 {
            return Err(followup_tracker::StoreError::NotEmpty {
                path: settings.store.clone(),
                events,
            }
            .into());
        }
        // Replayed event by event, as they were recorded, so that each step's revision
        // (its calendar SEQUENCE) and the steps no longer planned come back as they were.
        let mut ids = BTreeSet::new();
        for record in records {
            let id = record.interview.clone();
            writer.restore(record)?;
            replanner.refresh(writer, &id)?;
            ids.insert(id);
        }
        Ok::<_, anyhow::Error>(ids.len())
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "imported {} into {} ({interviews} interviews)",
        file.display(),
        settings.store.display()
    )?;
    Ok(ExitCode::from(exit::OK))
}

/// Reads every record of a `store export` file, or says which line is wrong and how.
fn read_records(file: &Path) -> anyhow::Result<Vec<EventRecord>> {
    let unreadable = |source| InputError::Read { path: file.to_path_buf(), cause: source };
    let handle = std::fs::File::open(file).map_err(unreadable)?;
    let mut reader = std::io::BufReader::new(handle);
    let mut records = Vec::new();
    let mut line = String::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let read = (&mut reader).take(MAX_LINE + 1).read_line(&mut line).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        if u64::try_from(read).unwrap_or(u64::MAX) > MAX_LINE {
            return Err(InputError::Syntax {
                path: file.to_path_buf(),
                problem: LocatedProblem {
                    position: Some(Position { line: number, column: 1 }),
                    problem: Problem::new(
                        "",
                        format!("the line is longer than {} MiB", MAX_LINE / 1024 / 1024),
                    )
                    .with_hint("this is not a `followup store export` file"),
                },
            }
            .into());
        }
        if line.trim().is_empty() {
            continue;
        }
        let record: EventRecord = serde_json::from_str(&line).map_err(|err| InputError::Syntax {
            path: file.to_path_buf(),
            problem: LocatedProblem {
                position: Some(Position { line: number, column: err.column() }),
                problem: Problem::new("", format!("not a store record: {err}")).with_hint(
                    "every line must follow schemas/store-record.schema.json, as `followup store export` writes it",
                ),
            },
        })?;
        records.push(record);
    }
    Ok(records)
}
