//! `followup calendar [--out FILE]`: one calendar of every tracked step, kept current.
//!
//! Each event keeps the UID `followup export` gives it, so a calendar that imported an
//! export is updated, not duplicated. `SEQUENCE` is the step's revision (raised whenever
//! its moment, window or state changed); steps stopped by a reply or an outcome, skipped,
//! or no longer planned are written `STATUS:CANCELLED`, so a calendar that re-imports or
//! subscribes to the file removes them. `DTSTAMP` is when the interview last changed, so
//! writing the calendar again when nothing changed gives the same bytes.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use followup_core::tracking::{EventKind, StepState};
use followup_core::validate::{ValidInterview, validate};
use followup_export::{ExportedStep, ics};
use jiff::Timestamp;

use crate::atomic_write::{self, Outcome};
use crate::exit;
use crate::settings::TrackSettings;

/// The calendar's name.
const CALENDAR_NAME: &str = "Follow-ups";

/// One interview's part of the calendar.
struct Part {
    interview: ValidInterview,
    view: followup_tracker::InterviewView,
    changed_at: Timestamp,
}

/// Runs `followup calendar`.
pub fn run(settings: &TrackSettings, out: Option<&Path>, force: bool) -> anyhow::Result<ExitCode> {
    let mut parts = Vec::new();
    if let Some(store) = super::open_for_reading(settings)? {
        for view in store.views()? {
            let events = store.events(Some(&view.id))?;
            let document = events.iter().rev().find_map(|record| match &record.event.kind {
                EventKind::Added { document, .. } | EventKind::Replanned { document, .. } => {
                    Some((**document).clone())
                }
                _ => None,
            });
            let Some(interview) = document.and_then(|d| validate(d).ok()) else {
                eprintln!("warning: `{}` has no valid interview recorded; left out", view.id);
                continue;
            };
            let changed_at = events.last().map_or(settings.now, |record| record.recorded_at.0);
            parts.push(Part { interview, view, changed_at });
        }
    }
    let mut steps: Vec<ExportedStep<'_>> = Vec::new();
    for part in &parts {
        for tracked in part.view.agenda.steps.iter().chain(&part.view.agenda.retired) {
            let channel_name = part
                .view
                .channel_names
                .get(&tracked.step.channel)
                .map_or(tracked.step.channel.as_str(), String::as_str);
            steps.push(ExportedStep {
                files: tracked.export.iter().map(|e| e.file.as_str()).collect(),
                sequence: tracked.revision,
                cancelled: match &tracked.state {
                    StepState::Stopped { reason } => Some(reason.as_str()),
                    StepState::Skipped { why } => Some(why.as_str()),
                    StepState::Open | StepState::Sent { .. } => None,
                },
                changed_at: Some(part.changed_at),
                ..ExportedStep::new(&part.interview, &tracked.step, channel_name)
            });
        }
    }
    steps.sort_by(|a, b| a.step.send_at.cmp(&b.step.send_at).then(a.step.id.cmp(&b.step.id)));
    let calendar = ics::calendar(CALENDAR_NAME, &steps, settings.now);
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(calendar.as_bytes())?;
            stdout.flush()?;
        }
        Some(path) => {
            // The calendar is meant to be written again and again: replacing an earlier
            // followup calendar needs no --force; replacing any other file does.
            let ours = std::fs::read_to_string(path).is_ok_and(|text| is_followup_calendar(&text));
            let outcome = atomic_write::write(path, calendar.as_bytes(), force || ours)
                .with_context(|| {
                    format!("the calendar could not be written to {}", path.display())
                })?;
            let verb = match outcome {
                Outcome::Created => "created",
                Outcome::Replaced => "updated",
                Outcome::Unchanged => "unchanged",
            };
            println!("{verb} {} ({} events)", path.display(), steps.len());
        }
    }
    Ok(ExitCode::from(exit::OK))
}

/// Whether `text` is a calendar followup wrote.
fn is_followup_calendar(text: &str) -> bool {
    text.starts_with("BEGIN:VCALENDAR\r\n")
        && text.lines().take(4).any(|line| line.starts_with("PRODID:-//followup//"))
}
