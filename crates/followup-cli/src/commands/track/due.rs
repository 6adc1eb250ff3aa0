//! `followup due`: what needs the candidate, across every tracked interview.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use followup_core::human_time::human;
use followup_core::plan::{StepStatus, rfc3339_in};
use followup_tracker::DueStep;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::text;
use crate::args::OutputFormat;
use crate::exit;
use crate::settings::TrackSettings;

/// One line of the agenda.
struct Item {
    due: DueStep,
    status: StepStatus,
    action: String,
    headline: String,
}

/// Runs `followup due`.
pub fn run(settings: &TrackSettings, within: SignedDuration) -> anyhow::Result<ExitCode> {
    let now = settings.now;
    let until = now.saturating_add(within).unwrap_or(Timestamp::MAX);
    let mut items = Vec::new();
    let tracked = if let Some(store) = super::open_for_reading(settings)? {
        let rows = store.open_steps_until(until)?;
        // The interviews' files (for the actions) and channel names, read once each.
        let mut views: BTreeMap<String, (Option<String>, BTreeMap<String, String>)> =
            BTreeMap::new();
        for due in rows {
            if !views.contains_key(&due.interview) {
                let parts = store.file_and_channel_names(&due.interview)?;
                views.insert(due.interview.clone(), parts);
            }
            let (file, names) = views.get(&due.interview).cloned().unwrap_or_default();
            let status = due.tracked.step.status_at(now);
            let action = action(&due, status, file.as_deref());
            let headline = text::step_line(&due.tracked.step, &names);
            items.push(Item { due, status, action, headline });
        }
        true
    } else {
        false
    };
    items.sort_by(|a, b| {
        let rank = |s: StepStatus| match s {
            StepStatus::Overdue => 0,
            StepStatus::DueNow => 1,
            StepStatus::Upcoming => 2,
        };
        let key = |i: &Item| match i.status {
            StepStatus::Upcoming => i.due.tracked.step.send_at,
            _ => i.due.tracked.step.not_after,
        };
        rank(a.status)
            .cmp(&rank(b.status))
            .then(key(a).cmp(&key(b)))
            .then(a.due.interview.cmp(&b.due.interview))
            .then(a.due.tracked.step.id.cmp(&b.due.tracked.step.id))
    });
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            let items: Vec<_> = items
                .iter()
                .map(|item| {
                    let step = &item.due.tracked.step;
                    json!({
                        "interview": item.due.interview,
                        "step": step.id,
                        "purpose": step.purpose,
                        "channel": step.channel,
                        "recipient": { "name": step.recipient.name, "kind": step.recipient.kind },
                        "status": status_word(item.status),
                        "send_at": rfc3339_in(step.send_at, &step.time_zone),
                        "not_after": rfc3339_in(step.not_after, &step.time_zone),
                        "action": item.action,
                    })
                })
                .collect();
            let now = now.to_string();
            serde_json::to_writer_pretty(&mut out, &json!({ "now": now, "items": items }))?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            if items.is_empty() {
                if tracked {
                    writeln!(
                        out,
                        "Nothing is due within {}: every open step opens later. `followup list` shows them all.",
                        friendly(within)
                    )?;
                } else {
                    writeln!(
                        out,
                        "Nothing is tracked yet (no store at {}). Track an interview with `followup add FILE`.",
                        settings.store.display()
                    )?;
                }
            }
            for item in &items {
                let step = &item.due.tracked.step;
                let label = match item.status {
                    StepStatus::Overdue => "OVERDUE ",
                    StepStatus::DueNow => "DUE NOW ",
                    StepStatus::Upcoming => "upcoming",
                };
                writeln!(out, "{label}  {}/{}", item.due.interview, step.id)?;
                writeln!(out, "          {}", item.headline)?;
                let window = match item.status {
                    StepStatus::Upcoming if step.not_before != step.send_at => format!(
                        "send {} (window opens {})",
                        text::when(step),
                        human(step.not_before, &step.time_zone)
                    ),
                    StepStatus::Upcoming => format!("send {}", text::when(step)),
                    StepStatus::DueNow => format!(
                        "send {} · by {}",
                        text::when(step),
                        human(step.not_after, &step.time_zone)
                    ),
                    StepStatus::Overdue => format!(
                        "was due {} · window closed {}",
                        text::when(step),
                        human(step.not_after, &step.time_zone)
                    ),
                };
                writeln!(out, "          {window}")?;
                for line in &item.due.tracked.history {
                    writeln!(out, "          ({line})")?;
                }
                writeln!(out, "          → {}", item.action)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

fn status_word(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Overdue => "overdue",
        StepStatus::DueNow => "due",
        StepStatus::Upcoming => "upcoming",
    }
}

/// What to do next for one step.
fn action(due: &DueStep, status: StepStatus, file: Option<&str>) -> String {
    let name = format!("{}/{}", due.interview, due.tracked.step.id);
    let then = format!("then `followup sent {name}`");
    let prepare = match (&due.tracked.export, file) {
        (Some(export), _) => format!("send the draft in {}", export.file),
        (None, Some(file)) => {
            format!("draft it with `followup draft {file} --step {}`, send it", due.tracked.step.id)
        }
        (None, None) => "send it".to_string(),
    };
    match status {
        StepStatus::Overdue => format!(
            "{prepare} now if it still makes sense, {then}; or `followup skip {name} --why ...`"
        ),
        StepStatus::DueNow => format!("{prepare}, {then}"),
        StepStatus::Upcoming => format!("{prepare} when its window opens, {then}"),
    }
}

/// `2d`, `36h`, as a person reads a duration.
fn friendly(duration: SignedDuration) -> String {
    let hours = duration.as_hours();
    if hours % 24 == 0 && hours > 0 {
        let days = hours / 24;
        format!("{days} day{}", if days == 1 { "" } else { "s" })
    } else {
        format!("{hours} hours")
    }
}
