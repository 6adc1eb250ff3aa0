//! `followup add FILE...`: track interviews; adding one again re-plans it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use followup_core::time::Moment;
use followup_core::tracking::{self, Event, EventKind, InterviewState, Outcome, Source};
use followup_tracker::{InterviewView, Store};
use serde_json::json;

use super::replan::Replanner;
use super::text;
use crate::args::OutputFormat;
use crate::commands::planning::load_interview;
use crate::exit;
use crate::settings::{ProfileChoice, TrackSettings};

/// What adding one interview did.
pub(crate) enum Added {
    New(InterviewView),
    Replanned(InterviewView, Vec<String>),
    Unchanged(InterviewView),
}

/// Runs `followup add`.
pub fn run(
    settings: &TrackSettings,
    files: &[std::path::PathBuf],
    profile: &ProfileChoice,
    style: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let style = style.map(absolute_style);
    let mut store = super::open_for_writing(settings)?;
    let mut replanner = Replanner::new(&settings.replan);
    let mut results = Vec::new();
    for file in files {
        results.push(add_one(
            &mut store,
            &mut replanner,
            settings,
            file,
            profile,
            style.as_deref(),
        )?);
    }
    print(settings, &results)?;
    let planned_nothing = results.iter().any(Added::planned_nothing);
    Ok(ExitCode::from(if planned_nothing { exit::FAILURE } else { exit::OK }))
}

/// A style given by path is recorded as an absolute path, so that re-planning from
/// another folder finds the same pack; a name stays a name.
pub(crate) fn absolute_style(argument: &str) -> String {
    let path = Path::new(argument);
    if path.is_dir()
        && let Ok(absolute) = path.canonicalize()
    {
        return absolute.display().to_string();
    }
    argument.to_string()
}

fn add_one(
    store: &mut Store,
    replanner: &mut Replanner<'_>,
    settings: &TrackSettings,
    file: &Path,
    profile: &ProfileChoice,
    style: Option<&str>,
) -> anyhow::Result<Added> {
    let valid = load_interview(file, profile)?;
    // Recorded absolute, so that the actions `due` suggests work from any folder.
    let absolute = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    let source = Source::File { path: absolute.display().to_string() };
    store.write(settings.now, |writer| {
        add_in(writer, replanner, &valid, &source, Moment(settings.now), style)
    })
}

/// Adds one valid interview within the writer's transaction: new, re-planned when its
/// document or style changed, or unchanged (so adding again is idempotent). Both
/// `followup add FILE` and `followup add --jsonl` add through it.
pub(crate) fn add_in(
    writer: &mut followup_tracker::Writer<'_>,
    replanner: &mut Replanner<'_>,
    valid: &followup_core::validate::ValidInterview,
    source: &Source,
    at: Moment,
    style: Option<&str>,
) -> anyhow::Result<Added> {
    let base = tracking::interview_id(valid);
    // A next round on the same day as the round before it gets an id of its own.
    let mut id = base.clone();
    let mut n = 2;
    while let Some(view) = writer.view(&id)? {
        let next_round =
            matches!(view.agenda.state, InterviewState::Ended { outcome: Outcome::NextRound, .. });
        if !(next_round && view.start.0 != valid.start) {
            break;
        }
        id = format!("{base}-{n}");
        n += 1;
    }
    let events = writer.events(&id)?;
    let latest = events.iter().rev().find_map(|record| match &record.event.kind {
        EventKind::Added { document: interview, style, .. }
        | EventKind::Replanned { document: interview, style, .. } => Some((interview, style)),
        _ => None,
    });
    let interview = Box::new(valid.interview.clone());
    let kind = match latest {
        None => EventKind::Added {
            document: interview,
            style: style.map(str::to_string),
            application: previous_round(writer, valid, &id)?,
        },
        Some((same, same_style)) if **same == valid.interview && same_style.as_deref() == style => {
            let view = writer.view(&id)?.ok_or_else(|| missing(&id))?;
            return Ok(Added::Unchanged(view));
        }
        Some(_) => EventKind::Replanned {
            document: interview,
            style: style.map(str::to_string),
            changes: Vec::new(),
        },
    };
    let replanning = matches!(kind, EventKind::Replanned { .. });
    let mut event = Event { at, source: source.clone(), kind };
    if replanning {
        // Work out what the edit changes before recording it, so the event says so.
        let before = writer.view(&id)?;
        let mut trial = writer.events(&id)?;
        trial.push(followup_core::tracking::EventRecord {
            seq: 0,
            interview: id.clone(),
            recorded_at: at,
            event: event.clone(),
        });
        let opt_outs: Vec<_> = writer
            .opt_outs()?
            .iter()
            .filter_map(|r| tracking::consent::OptOut::from_event(&r.event))
            .collect();
        let after = replanner.derive(&id, &trial, &opt_outs)?;
        if let (Some(before), Some(after), EventKind::Replanned { changes, .. }) =
            (before, after, &mut event.kind)
        {
            *changes = tracking::changes(&before.agenda, &after.agenda);
        }
    }
    let changes = match &event.kind {
        EventKind::Replanned { changes, .. } => changes.clone(),
        _ => Vec::new(),
    };
    let saved = replanner.save(writer, &id, vec![event])?;
    let view = saved.after.ok_or_else(|| missing(&id))?;
    Ok(if replanning { Added::Replanned(view, changes) } else { Added::New(view) })
}

impl Added {
    /// What `add --format json` prints for the interview (and `add --jsonl` on its line).
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let (view, status, changes) = match self {
            Added::New(view) => (view, "added", &[][..]),
            Added::Replanned(view, changes) => (view, "replanned", &changes[..]),
            Added::Unchanged(view) => (view, "unchanged", &[][..]),
        };
        json!({
            "interview": view.id,
            "status": status,
            "changes": changes,
            "steps": view.agenda.steps.iter().map(text::step_json).collect::<Vec<_>>(),
            "notes": view.notes,
        })
    }

    /// Whether the interview's plan has no steps (which fails the command).
    pub(crate) fn planned_nothing(&self) -> bool {
        match self {
            Added::New(view) | Added::Replanned(view, _) | Added::Unchanged(view) => {
                view.agenda.steps.is_empty()
            }
        }
    }
}

/// The application a new interview continues: the latest tracked interview of the same
/// candidate with the same company that ended in a next round.
fn previous_round(
    writer: &followup_tracker::Writer<'_>,
    valid: &followup_core::validate::ValidInterview,
    id: &str,
) -> anyhow::Result<Option<String>> {
    let mut found = None;
    for other in writer.ids()? {
        if other == id {
            continue;
        }
        let Some(view) = writer.view(&other)? else { continue };
        if view.candidate == valid.candidate_name
            && view.company == valid.interview.employer.company
            && view.start.0 < valid.start
            && matches!(
                view.agenda.state,
                InterviewState::Ended { outcome: Outcome::NextRound, .. }
            )
        {
            found = Some(view.application.clone());
        }
    }
    Ok(found)
}

fn missing(id: &str) -> anyhow::Error {
    anyhow::anyhow!("`{id}` was recorded but has no plan; run `followup show {id}`")
}

fn print(settings: &TrackSettings, results: &[Added]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            let items: Vec<_> = results.iter().map(Added::to_json).collect();
            serde_json::to_writer_pretty(&mut out, &json!({ "interviews": items }))?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            for added in results {
                let (view, verb) = match added {
                    Added::New(view) => (view, "added"),
                    Added::Replanned(view, _) => (view, "re-planned"),
                    Added::Unchanged(view) => (view, "unchanged"),
                };
                writeln!(
                    out,
                    "{verb} {}  ({}, {} at {})",
                    view.id, view.candidate, view.role, view.company
                )?;
                if let Added::Replanned(_, changes) = added {
                    if changes.is_empty() {
                        writeln!(out, "  the plan is the same")?;
                    }
                    for change in changes {
                        writeln!(out, "  changed: {change}")?;
                    }
                }
                for tracked in &view.agenda.steps {
                    writeln!(
                        out,
                        "  {:<44} {:<8} {}  {}",
                        tracked.step.id,
                        tracked.state.word(),
                        text::when(&tracked.step),
                        text::step_line(&tracked.step, &view.channel_names)
                    )?;
                }
                for note in &view.notes {
                    writeln!(out, "  note: {note}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
