//! From a plan and its events to the state of every step: what is done, what stopped
//! and why, what is still to send and when.

use std::collections::BTreeMap;

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::human_time::human;
use crate::plan::{Plan, Purpose, Step};
use crate::time::Moment;

use super::event::{Event, EventKind, Outcome};

/// An interview's follow-up as it stands: the steps with their states, and the
/// interview's own state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Agenda {
    /// Where the interview as a whole stands.
    pub state: InterviewState,
    /// Every step: still to send, sent, stopped or skipped, ordered by recommended moment.
    pub steps: Vec<TrackedStep>,
    /// Steps that were planned once and no longer are (a channel opted out of, an edit),
    /// kept so that a calendar can cancel their reminders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<TrackedStep>,
}

/// Where an interview as a whole stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum InterviewState {
    /// Follow-ups are going out; nobody has answered yet.
    Waiting,
    /// The employer (or the recruiter about it) answered; no more check-ins.
    Replied {
        /// When.
        at: Moment,
        /// Who, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
    },
    /// The interview has an outcome.
    Ended {
        /// Which.
        outcome: Outcome,
        /// When it was recorded as happening.
        at: Moment,
    },
}

impl InterviewState {
    /// One word for listings (`waiting`, `replied`, `offer`, ...).
    pub fn word(&self) -> &'static str {
        match self {
            InterviewState::Waiting => "waiting",
            InterviewState::Replied { .. } => "replied",
            InterviewState::Ended { outcome, .. } => outcome.as_str(),
        }
    }
}

/// One step with its state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TrackedStep {
    /// The step as it is now planned (its window moved if it was snoozed or paused).
    pub step: Step,
    /// Whether it is still to send.
    pub state: StepState,
    /// Why the step moved or stopped, oldest first, in plain words.
    #[serde(default)]
    pub history: Vec<String>,
    /// The file its draft was exported to, and the email's Message-ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<Exported>,
    /// How many times the step's moment, window or state has changed since it was
    /// first planned (a calendar event's `SEQUENCE`).
    #[serde(default)]
    pub revision: u32,
}

/// Where a step's draft was exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Exported {
    /// The file written.
    pub file: String,
    /// The Message-ID of an email draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

/// Whether a step is still to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepState {
    /// Still to send, in its window.
    Open,
    /// Sent.
    Sent {
        /// When it went out.
        at: Moment,
    },
    /// No longer to send, because of a reply or an outcome.
    Stopped {
        /// Why, in plain words.
        reason: String,
    },
    /// Not to send, as the user decided (or already sent on another channel).
    Skipped {
        /// Why.
        why: String,
    },
}

impl StepState {
    /// Whether the step still needs the candidate.
    pub fn is_open(&self) -> bool {
        matches!(self, StepState::Open)
    }

    /// One word for listings.
    pub fn word(&self) -> &'static str {
        match self {
            StepState::Open => "open",
            StepState::Sent { .. } => "sent",
            StepState::Stopped { .. } => "stopped",
            StepState::Skipped { .. } => "skipped",
        }
    }
}

/// What the events say, gathered once.
#[derive(Default)]
struct Facts<'e> {
    sent: BTreeMap<&'e str, (&'e Event, &'e Step)>,
    skipped: BTreeMap<&'e str, &'e str>,
    snoozed: BTreeMap<&'e str, Timestamp>,
    exported: BTreeMap<&'e str, Exported>,
    replied: Option<(&'e Event, Option<&'e str>)>,
    outcome: Option<(&'e Event, Outcome)>,
}

impl<'e> Facts<'e> {
    fn gather(events: &'e [Event]) -> Facts<'e> {
        let mut facts = Facts::default();
        for event in events {
            match &event.kind {
                EventKind::Sent { step } => {
                    facts.sent.insert(&step.id, (event, step));
                }
                EventKind::Skipped { step, why } => {
                    facts.skipped.insert(step, why);
                }
                EventKind::Snoozed { step, until } => {
                    facts.snoozed.insert(step, until.0);
                }
                EventKind::Exported { step, file, message_id } => {
                    facts.exported.insert(
                        step,
                        Exported { file: file.clone(), message_id: message_id.clone() },
                    );
                }
                EventKind::Replied { from } => {
                    // The first reply is the one that stopped the check-ins.
                    facts.replied.get_or_insert((event, from.as_deref()));
                }
                EventKind::Outcome { outcome } => facts.outcome = Some((event, *outcome)),
                _ => {}
            }
        }
        facts
    }
}

/// The state of every step of `plan`, given the interview's events in log order.
///
/// `company` names the employer in the reasons. The plan should be the one the rules
/// made with the same events' [`super::Progress`], so that steps after a sent one are
/// already placed after its real send.
///
/// - A sent step is done. A step that was sent and is no longer planned (its channel was
///   opted out of since) stays in the agenda as sent, and the step that replaced it is
///   skipped as already sent.
/// - A reply stops every check-in and closing note; thank-yous not yet sent stand, as
///   courtesy is not a nudge. An outcome of `next-round` does the same; any other outcome
///   ends the plan: nothing open remains.
/// - A snoozed step's window opens no earlier than the snooze's end.
pub fn agenda(plan: &Plan, events: &[Event], company: &str) -> Agenda {
    let facts = Facts::gather(events);
    let mut steps: Vec<TrackedStep> = Vec::with_capacity(plan.steps.len());
    for step in &plan.steps {
        let mut tracked = TrackedStep {
            step: step.clone(),
            state: StepState::Open,
            history: Vec::new(),
            export: facts.exported.get(step.id.as_str()).cloned(),
            revision: 0,
        };
        if let Some((event, _)) = facts.sent.get(step.id.as_str()) {
            tracked.state = StepState::Sent { at: event.at };
        } else if let Some(why) = facts.skipped.get(step.id.as_str()) {
            tracked.state = StepState::Skipped { why: (*why).to_string() };
        } else if let Some(earlier) = sent_elsewhere(&facts, plan, step) {
            tracked.state = StepState::Skipped {
                why: format!(
                    "the {} to {} already went out by {} ({})",
                    step.purpose.label(),
                    step.recipient.name,
                    earlier.channel,
                    earlier.id
                ),
            };
        } else if let Some(reason) = stop_reason(&facts, step, company) {
            tracked.state = StepState::Stopped { reason };
        } else if let Some(until) = facts.snoozed.get(step.id.as_str()).copied() {
            snooze(&mut tracked, until);
        }
        steps.push(tracked);
    }
    // Steps that went out and are no longer planned still happened.
    for (id, (event, step)) in &facts.sent {
        if !plan.steps.iter().any(|s| s.id == *id) {
            steps.push(TrackedStep {
                step: (*step).clone(),
                state: StepState::Sent { at: event.at },
                history: vec![format!(
                    "no longer planned on {}, but it was sent before the plan changed",
                    step.channel
                )],
                export: facts.exported.get(*id).cloned(),
                revision: 0,
            });
        }
    }
    steps.sort_by(|a, b| {
        a.step.send_at.cmp(&b.step.send_at).then(a.step.recipient.name.cmp(&b.step.recipient.name))
    });
    let state = match (facts.outcome, facts.replied) {
        (Some((event, outcome)), _) => InterviewState::Ended { outcome, at: event.at },
        (None, Some((event, from))) => {
            InterviewState::Replied { at: event.at, from: from.map(str::to_string) }
        }
        (None, None) => InterviewState::Waiting,
    };
    Agenda { state, steps, retired: Vec::new() }
}

impl Agenda {
    /// Carries over from the agenda this one replaces: each step's revision, raised when
    /// its moment, window or state changed, and the steps no longer planned, which join
    /// `retired` (stopped, with the reason) so their reminders can be cancelled.
    pub fn continue_from(&mut self, before: &Agenda) {
        for step in &mut self.steps {
            let earlier =
                before.steps.iter().chain(&before.retired).find(|old| old.step.id == step.step.id);
            if let Some(old) = earlier {
                let moved = old.step.send_at != step.step.send_at
                    || old.step.not_before != step.step.not_before
                    || old.step.not_after != step.step.not_after
                    || old.state != step.state;
                step.revision = old.revision + u32::from(moved);
            }
        }
        let planned = |id: &str| self.steps.iter().any(|s| s.step.id == id);
        let mut retired: Vec<TrackedStep> =
            before.retired.iter().filter(|old| !planned(&old.step.id)).cloned().collect();
        for old in &before.steps {
            if planned(&old.step.id) || retired.iter().any(|r| r.step.id == old.step.id) {
                continue;
            }
            let mut gone = old.clone();
            gone.revision += 1;
            gone.state = StepState::Stopped { reason: "no longer planned".to_string() };
            retired.push(gone);
        }
        self.retired = retired;
    }
}

/// A sent step, no longer in the plan, that carried the same message as `step`.
fn sent_elsewhere<'e>(facts: &Facts<'e>, plan: &Plan, step: &Step) -> Option<&'e Step> {
    facts.sent.values().map(|(_, sent)| *sent).find(|sent| {
        sent.purpose == step.purpose
            && sent.sequence == step.sequence
            && sent.recipient.name == step.recipient.name
            && sent.recipient.on_behalf_of == step.recipient.on_behalf_of
            && !plan.steps.iter().any(|s| s.id == sent.id)
    })
}

/// Why a step no longer goes out, if a reply or an outcome stopped it.
fn stop_reason(facts: &Facts<'_>, step: &Step, company: &str) -> Option<String> {
    let nudge = matches!(step.purpose, Purpose::CheckIn | Purpose::ClosingTheLoop);
    match facts.outcome {
        Some((event, Outcome::NextRound)) if nudge => {
            return Some(format!(
                "{company} invited you to a next round ({}), so no more check-ins",
                human(event.at.0, &step.time_zone)
            ));
        }
        Some((event, outcome)) if outcome != Outcome::NextRound => {
            return Some(format!(
                "the interview ended with {} ({}), so the plan ends",
                outcome.label(),
                human(event.at.0, &step.time_zone)
            ));
        }
        _ => {}
    }
    let (event, from) = facts.replied?;
    nudge.then(|| {
        format!(
            "{} replied ({}); any reply from {company} ends the check-ins",
            from.unwrap_or(company),
            human(event.at.0, &step.time_zone)
        )
    })
}

/// Moves a step's window so that it opens no earlier than `until`.
fn snooze(tracked: &mut TrackedStep, until: Timestamp) {
    let step = &mut tracked.step;
    if until <= step.not_before {
        return;
    }
    step.not_before = until;
    step.send_at = step.send_at.max(until);
    let late = until > step.not_after;
    step.not_after = step.not_after.max(until);
    tracked.history.push(format!(
        "snoozed until {}{}",
        human(until, &step.time_zone),
        if late { ", past the end of its window" } else { "" }
    ));
}

/// What changed between two agendas of the same interview, in plain words: steps added
/// and dropped, moved, or whose state changed. Empty when nothing did.
pub fn changes(before: &Agenda, after: &Agenda) -> Vec<String> {
    let mut out = Vec::new();
    for new in &after.steps {
        let id = &new.step.id;
        match before.steps.iter().find(|old| old.step.id == *id) {
            None if new.state.is_open() => out.push(format!(
                "{id} is new: {} {}",
                step_summary(&new.step),
                human(new.step.send_at, &new.step.time_zone)
            )),
            None => out.push(format!(
                "{id} is new ({}), {}",
                step_summary(&new.step),
                state_sentence(&new.state, &new.step)
            )),
            Some(old) => {
                if old.state != new.state {
                    out.push(format!("{id}: {}", state_sentence(&new.state, &new.step)));
                } else if old.step.send_at != new.step.send_at && new.state.is_open() {
                    out.push(format!(
                        "{id} moved from {} to {}",
                        human(old.step.send_at, &old.step.time_zone),
                        human(new.step.send_at, &new.step.time_zone)
                    ));
                }
            }
        }
    }
    for old in &before.steps {
        if !after.steps.iter().any(|new| new.step.id == old.step.id) {
            out.push(format!("{} is no longer planned", old.step.id));
        }
    }
    out
}

/// `thank-you by email to Dana Whitfield`.
fn step_summary(step: &Step) -> String {
    format!("{} by {} to {}", step.purpose.label(), step.channel, step.recipient.name)
}

/// A step's state as a sentence fragment: `sent Tue Nov 24, 3:10 PM CST`.
pub fn state_sentence(state: &StepState, step: &Step) -> String {
    match state {
        StepState::Open => format!("to send, {}", human(step.send_at, &step.time_zone)),
        StepState::Sent { at } => format!("sent {}", human(at.0, &step.time_zone)),
        StepState::Stopped { reason } => format!("stopped: {reason}"),
        StepState::Skipped { why } => format!("skipped: {why}"),
    }
}
