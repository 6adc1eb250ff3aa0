//! The commands that only read: `list`, `show` and `log`.

use std::io::Write;
use std::process::ExitCode;

use followup_core::human_time::human;
use followup_core::tracking::agenda::state_sentence;
use followup_core::tracking::{EventKind, EventRecord, InterviewState, Source};
use jiff::tz::TimeZone;
use serde_json::json;

use super::{names, text};
use crate::args::OutputFormat;
use crate::exit;
use crate::settings::TrackSettings;

/// Runs `followup list`.
pub fn list(settings: &TrackSettings) -> anyhow::Result<ExitCode> {
    let views = match super::open_for_reading(settings)? {
        Some(store) => store.views()?,
        None => Vec::new(),
    };
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            let items: Vec<_> = views
                .iter()
                .map(|view| {
                    let next = view.agenda.steps.iter().find(|t| t.state.is_open());
                    json!({
                        "interview": view.id,
                        "application": view.application,
                        "candidate": view.candidate,
                        "company": view.company,
                        "role": view.role,
                        "start": view.start,
                        "state": view.agenda.state,
                        "sent": view.agenda.steps.iter().filter(|t| matches!(t.state, followup_core::tracking::StepState::Sent { .. })).count(),
                        "open": view.agenda.steps.iter().filter(|t| t.state.is_open()).count(),
                        "next": next.map(text::step_json),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &json!({ "interviews": items }))?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            if views.is_empty() {
                writeln!(
                    out,
                    "Nothing is tracked yet. Track an interview with `followup add FILE`."
                )?;
            }
            for view in &views {
                let open = view.agenda.steps.iter().filter(|t| t.state.is_open()).count();
                let total = view.agenda.steps.len();
                writeln!(
                    out,
                    "{}  {}  {}, {} at {}  ({} of {total} steps open)",
                    view.id,
                    view.agenda.state.word(),
                    view.candidate,
                    view.role,
                    view.company,
                    open
                )?;
                if let Some(next) = view.agenda.steps.iter().find(|t| t.state.is_open()) {
                    let status = match next.step.status_at(settings.now) {
                        followup_core::plan::StepStatus::Overdue => "overdue",
                        followup_core::plan::StepStatus::DueNow => "due now",
                        followup_core::plan::StepStatus::Upcoming => "next",
                    };
                    writeln!(out, "    {status}: {} {}", next.step.id, text::when(&next.step))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

/// Runs `followup show INTERVIEW`.
pub fn show(settings: &TrackSettings, interview: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_for_reading(settings)?.ok_or_else(|| nothing_tracked(settings))?;
    let id = names::interview(&store, interview)?;
    let view = store
        .view(&id)?
        .ok_or_else(|| anyhow::anyhow!("`{id}` has no plan; add its file again"))?;
    let events = store.events(Some(&id))?;
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            let value = json!({
                "interview": view.id,
                "application": view.application,
                "candidate": view.candidate,
                "company": view.company,
                "role": view.role,
                "start": view.start,
                "file": view.file,
                "state": view.agenda.state,
                "planned": view.planned,
                "steps": view.agenda.steps.iter().map(text::step_json).collect::<Vec<_>>(),
                "notes": view.notes,
                "events": events,
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            writeln!(out, "{}: {}, {} at {}", view.id, view.candidate, view.role, view.company)?;
            let zone = jiff::tz::db().get(&view.time_zone).unwrap_or(TimeZone::UTC);
            let state = match &view.agenda.state {
                InterviewState::Waiting => "waiting for an answer".to_string(),
                InterviewState::Replied { at, from } => format!(
                    "{} replied {}",
                    from.as_deref().unwrap_or(&view.company),
                    human(at.0, &zone)
                ),
                InterviewState::Ended { outcome, at } => {
                    format!("ended with {} ({})", outcome.label(), human(at.0, &zone))
                }
            };
            writeln!(out, "state: {state}")?;
            if view.application != view.id {
                writeln!(out, "application: follows {}", view.application)?;
            }
            writeln!(out, "\nAs planned:")?;
            for step in &view.planned.steps {
                writeln!(
                    out,
                    "  {:<44} {}  {}",
                    step.id,
                    text::when(step),
                    text::step_line(step, &view.channel_names)
                )?;
            }
            writeln!(out, "\nAs it stands:")?;
            for tracked in &view.agenda.steps {
                writeln!(
                    out,
                    "  {:<44} {}",
                    tracked.step.id,
                    state_sentence(&tracked.state, &tracked.step)
                )?;
                let planned = view.planned.steps.iter().find(|s| s.id == tracked.step.id);
                if let Some(planned) = planned.filter(|p| p.send_at != tracked.step.send_at)
                    && tracked.state.is_open()
                {
                    writeln!(out, "      moved from {}", text::when(planned))?;
                    // The reasons the rules gave this time and not the first: why it moved.
                    for reason in
                        tracked.step.rationale.iter().filter(|r| !planned.rationale.contains(r))
                    {
                        writeln!(out, "      - {reason}")?;
                    }
                }
                for line in &tracked.history {
                    writeln!(out, "      {line}")?;
                }
                if let Some(export) = &tracked.export {
                    writeln!(out, "      exported to {}", export.file)?;
                }
            }
            for note in &view.notes {
                writeln!(out, "note: {note}")?;
            }
            writeln!(out, "\nEvents:")?;
            for record in &events {
                writeln!(out, "  {}", event_line(record))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

/// Runs `followup log [INTERVIEW]`.
pub fn log(settings: &TrackSettings, interview: Option<&str>) -> anyhow::Result<ExitCode> {
    let Some(store) = super::open_for_reading(settings)? else {
        return Err(nothing_tracked(settings));
    };
    let id = match interview {
        Some(name) => Some(names::interview(&store, name)?),
        None => None,
    };
    let events = store.events(id.as_deref())?;
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json!({ "events": events }))?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            for record in &events {
                writeln!(out, "{}", event_line(record))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

fn nothing_tracked(settings: &TrackSettings) -> anyhow::Error {
    crate::exit::UsageError(format!(
        "nothing is tracked yet (no store at {}); track an interview with `followup add FILE`",
        settings.store.display()
    ))
    .into()
}

/// One event as a line: `#7 2026-11-25T15:00:00Z ana-ruiz-... replied from Dana Whitfield (you)`.
fn event_line(record: &EventRecord) -> String {
    let event = &record.event;
    let what = match &event.kind {
        EventKind::Added { application, .. } => match application {
            Some(previous) => format!("added (next round after {previous})"),
            None => "added".to_string(),
        },
        EventKind::Replanned { changes, .. } => {
            if changes.is_empty() {
                "re-planned: the plan is the same".to_string()
            } else {
                format!("re-planned: {}", changes.join("; "))
            }
        }
        EventKind::Sent { step } => format!("sent {} ({})", step.id, step.channel),
        EventKind::Replied { from } => match from {
            Some(from) => format!("replied, from {from}"),
            None => "replied".to_string(),
        },
        EventKind::OutOfOffice { person, until } => format!(
            "out of office{}{}",
            person.as_ref().map(|p| format!(": {p}")).unwrap_or_default(),
            until.map(|d| format!(" until {}", d.0)).unwrap_or_default()
        ),
        EventKind::Snoozed { step, until } => format!("snoozed {step} until {}", until.0),
        EventKind::Skipped { step, why } => format!("skipped {step}: {why}"),
        EventKind::OptedOut { person, channel, said, .. } => format!(
            "CONSENT: {person} opted out of {channel}{}",
            said.as_ref().map(|s| format!(" (said {s:?})")).unwrap_or_default()
        ),
        EventKind::Outcome { outcome } => format!("outcome: {}", outcome.as_str()),
        EventKind::Exported { step, file, .. } => format!("exported {step} to {file}"),
        EventKind::Forgotten {} => "forgotten: its other events were removed".to_string(),
    };
    let source = match &event.source {
        Source::User => "you".to_string(),
        Source::File { path } => path.clone(),
        Source::Inbox { sender, .. } => format!("mailbox, from {sender}"),
        Source::Export => "export".to_string(),
    };
    format!("#{} {} {}  {what}  [{source}]", record.seq, event.at.0, record.interview)
}
