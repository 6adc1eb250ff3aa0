//! The commands that record what happened: `sent`, `replied`, `opted-out`, `snooze`,
//! `skip`, `outcome`, and `forget`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use followup_core::human_time::human;
use followup_core::interview::Interview;
use followup_core::time::{Day, Moment};
use followup_core::tracking::consent;
use followup_core::tracking::{Event, EventKind, Source, StepState};
use followup_tracker::{InterviewView, Store};
use serde_json::json;

use super::names;
use super::replan::{Replanner, Saved};
use super::text;
use crate::args::OutputFormat;
use crate::exit::{self, UsageError};
use crate::settings::{TrackAction, TrackSettings};

/// Runs one of the recording commands.
pub fn run(settings: &TrackSettings) -> anyhow::Result<ExitCode> {
    let mut store = super::open_for_writing(settings)?;
    let mut replanner = Replanner::new(&settings.replan);
    let user = |kind| Event { at: Moment(settings.now), source: Source::User, kind };
    let (id, events, said) = match &settings.action {
        TrackAction::Sent { step, at } => {
            let (id, step) = names::step(&store, step)?;
            let view = view_of(&store, &id)?;
            let tracked = tracked_step(&view, &step)?;
            if let StepState::Sent { at: when } = &tracked.state {
                let said = format!(
                    "{id}/{step} was already recorded as sent {}; nothing recorded",
                    human(when.0, &tracked.step.time_zone)
                );
                return report(settings, &id, None, &said);
            }
            let event = Event {
                at: Moment(*at),
                source: Source::User,
                kind: EventKind::Sent { step: Box::new(tracked.step.clone()) },
            };
            let said = format!("{id}/{step} sent {}", human(*at, &tracked.step.time_zone));
            (id, vec![event], said)
        }
        TrackAction::Replied { interview, from, at, away_until } => {
            let id = names::interview(&store, interview)?;
            let from = match from {
                Some(name) => Some(person(&store, &id, name)?),
                None => None,
            };
            let kind = match away_until {
                Some(until) => {
                    EventKind::OutOfOffice { person: from.clone(), until: Some(Day(*until)) }
                }
                None => EventKind::Replied { from: from.clone() },
            };
            let said = match away_until {
                Some(until) => format!(
                    "{} is away until {until}: check-ins to them pause until then",
                    from.as_deref().unwrap_or("the person check-ins go to")
                ),
                None => {
                    format!("{} replied: check-ins stop", from.as_deref().unwrap_or("the employer"))
                }
            };
            (id, vec![Event { at: Moment(*at), source: Source::User, kind }], said)
        }
        TrackAction::OptedOut { interview, person: name, channel, said } => {
            let id = names::interview(&store, interview)?;
            let name = person(&store, &id, name)?;
            let channel = known_channel(&mut replanner, &store, &id, channel)?;
            let contacts = contacts_of(&store, &id, &name)?;
            let kind = EventKind::OptedOut {
                person: name.clone(),
                channel: channel.clone(),
                said: said.clone(),
                contacts,
            };
            let told = format!(
                "{name} opted out of {channel}: kept as a consent record; {channel} is never planned for them again, in this or a later interview"
            );
            (id, vec![user(kind)], told)
        }
        TrackAction::Snooze { step, until } => {
            let (id, step) = names::step(&store, step)?;
            let view = view_of(&store, &id)?;
            let tracked = tracked_step(&view, &step)?;
            open_or_refuse(&id, tracked)?;
            let said =
                format!("{id}/{step} snoozed until {}", human(*until, &tracked.step.time_zone));
            (id, vec![user(EventKind::Snoozed { step, until: Moment(*until) })], said)
        }
        TrackAction::Skip { step, why } => {
            let (id, step) = names::step(&store, step)?;
            let view = view_of(&store, &id)?;
            open_or_refuse(&id, tracked_step(&view, &step)?)?;
            let said = format!("{id}/{step} skipped: {why}");
            (id, vec![user(EventKind::Skipped { step, why: why.clone() })], said)
        }
        TrackAction::Outcome { interview, outcome, at } => {
            let id = names::interview(&store, interview)?;
            let said = match outcome {
                followup_core::tracking::Outcome::NextRound => format!(
                    "{id}: next round; check-ins stop. Add the next interview with `followup add FILE`: it is linked to this one"
                ),
                other => format!("{id} ended with {}: its plan ends", other.label()),
            };
            let event = Event {
                at: Moment(*at),
                source: Source::User,
                kind: EventKind::Outcome { outcome: *outcome },
            };
            (id, vec![event], said)
        }
        other => anyhow::bail!("internal error: {other:?} is not a recording command"),
    };
    let saved = store.write(settings.now, |writer| replanner.save(writer, &id, events))?;
    report(settings, &id, Some(&saved), &said)
}

/// Runs `followup forget`.
pub fn forget(settings: &TrackSettings, interview: &str, yes: bool) -> anyhow::Result<ExitCode> {
    let Some(mut store) = super::open_for_reading(settings)? else {
        return Err(UsageError(format!(
            "nothing is tracked yet (no store at {}), so there is nothing to forget",
            settings.store.display()
        ))
        .into());
    };
    let id = names::interview(&store, interview)?;
    let count = store.events(Some(&id))?.len();
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(UsageError(format!(
                "forgetting `{id}` removes its {count} events for good; pass --yes to confirm"
            ))
            .into());
        }
        eprint!("Forget {id} and its {count} events? Consent records are kept. [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
            eprintln!("nothing forgotten");
            return Ok(ExitCode::from(exit::FAILURE));
        }
    }
    let removed = store.write(settings.now, |writer| {
        let removed = writer.forget(&id)?;
        writer.append(
            &id,
            Event { at: Moment(settings.now), source: Source::User, kind: EventKind::Forgotten {} },
        )?;
        Ok::<_, anyhow::Error>(removed)
    })?;
    let said = format!("{id} forgotten: {removed} events removed; consent records kept");
    report(settings, &id, None, &said)
}

/// Prints what was recorded and what it changed.
fn report(
    settings: &TrackSettings,
    id: &str,
    saved: Option<&Saved>,
    said: &str,
) -> anyhow::Result<ExitCode> {
    let changes = saved.map(Saved::changes).unwrap_or_default();
    let view = saved.and_then(|s| s.after.as_ref());
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            let value = json!({
                "interview": id,
                "recorded": said,
                "changes": changes,
                "state": view.map(|v| &v.agenda.state),
                "steps": view.map(|v| v.agenda.steps.iter().map(text::step_json).collect::<Vec<_>>()),
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            writeln!(out, "{said}")?;
            for change in &changes {
                writeln!(out, "  changed: {change}")?;
            }
            if let Some(view) = view {
                let next: Vec<_> = view.agenda.steps.iter().filter(|t| t.state.is_open()).collect();
                match next.first() {
                    Some(first) => writeln!(
                        out,
                        "  next: {} {}  {}",
                        first.step.id,
                        text::when(&first.step),
                        text::step_line(&first.step, &view.channel_names)
                    )?,
                    None => writeln!(out, "  nothing left to send for {id}")?,
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

fn view_of(store: &Store, id: &str) -> anyhow::Result<InterviewView> {
    store.view(id)?.ok_or_else(|| {
        anyhow::anyhow!("`{id}` is tracked but has no plan; add its file again with `followup add`")
    })
}

fn tracked_step<'v>(
    view: &'v InterviewView,
    step: &str,
) -> anyhow::Result<&'v followup_core::tracking::TrackedStep> {
    view.agenda.steps.iter().find(|t| t.step.id == step).ok_or_else(|| {
        anyhow::anyhow!(
            "`{}/{step}` is not in the interview's agenda; see `followup show {}`",
            view.id,
            view.id
        )
    })
}

fn open_or_refuse(id: &str, tracked: &followup_core::tracking::TrackedStep) -> anyhow::Result<()> {
    if tracked.state.is_open() {
        return Ok(());
    }
    Err(UsageError(format!(
        "`{id}/{}` is no longer open ({})",
        tracked.step.id,
        followup_core::tracking::agenda::state_sentence(&tracked.state, &tracked.step)
    ))
    .into())
}

/// The latest interview document recorded for `id`.
fn interview_of(store: &Store, id: &str) -> anyhow::Result<Interview> {
    store
        .events(Some(id))?
        .into_iter()
        .rev()
        .find_map(|record| match record.event.kind {
            EventKind::Added { document, .. } | EventKind::Replanned { document, .. } => {
                Some(*document)
            }
            _ => None,
        })
        .ok_or_else(|| anyhow::anyhow!("`{id}` has no interview recorded; add its file again"))
}

/// The people of an interview: its interviewers and its recruiter.
fn people(interview: &Interview) -> Vec<(&str, Option<&str>, Option<&str>)> {
    let mut people: Vec<_> = interview
        .interviewers
        .iter()
        .map(|p| (p.name.as_str(), p.email.as_deref(), p.phone.as_deref()))
        .collect();
    if let Some(staffing) = &interview.staffing {
        let r = &staffing.recruiter;
        people.push((r.name.as_str(), r.email.as_deref(), r.phone.as_deref()));
    }
    people
}

/// The interview's person named `name` (case and spacing ignored), as the file writes it.
fn person(store: &Store, id: &str, name: &str) -> anyhow::Result<String> {
    let interview = interview_of(store, id)?;
    let people = people(&interview);
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    if let Some((found, _, _)) = people.iter().find(|(n, _, _)| fold(n) == fold(name)) {
        return Ok((*found).to_string());
    }
    let ranked = followup_validate::ranked(name, people.iter().map(|(n, _, _)| *n));
    Err(UsageError(format!(
        "nobody called `{name}` is part of `{id}`; the people are: {}",
        ranked.join(", ")
    ))
    .into())
}

fn contacts_of(store: &Store, id: &str, name: &str) -> anyhow::Result<Vec<String>> {
    let interview = interview_of(store, id)?;
    Ok(people(&interview)
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, email, phone)| consent::contacts(email, phone))
        .unwrap_or_default())
}

/// A channel id the interview's plan or the installed plugins know.
fn known_channel(
    replanner: &mut Replanner<'_>,
    store: &Store,
    id: &str,
    channel: &str,
) -> anyhow::Result<String> {
    let mut known: Vec<String> =
        replanner.registry().loaded.iter().map(|p| p.manifest.id.clone()).collect();
    if let Some(view) = store.view(id)? {
        known.extend(view.agenda.steps.iter().map(|t| t.step.channel.clone()));
    }
    known.sort();
    known.dedup();
    if known.iter().any(|k| k == channel) {
        return Ok(channel.to_string());
    }
    let ranked = followup_validate::ranked(channel, known.iter().map(String::as_str));
    Err(UsageError(format!(
        "`{channel}` is not a channel followup knows; the channels are: {}",
        ranked.join(", ")
    ))
    .into())
}
