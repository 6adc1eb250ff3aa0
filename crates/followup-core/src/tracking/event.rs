//! The events of the tracker's log and their JSON form.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::interview::Interview;
use crate::plan::Step;
use crate::time::{Day, Moment};

/// One event as the store keeps it: its place in the log, the interview it belongs to,
/// when it was recorded, and the event itself. `followup store export` writes one per
/// line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Store record",
    description = "One event of the tracker's append-only log, as `followup store export` writes it (one JSON object per line) and `followup store import` reads it.",
    example = crate::examples::store_record_example()
)]
pub struct EventRecord {
    /// The event's place in the log, from 1; later events have higher numbers.
    pub seq: u64,
    /// The id of the interview the event belongs to.
    pub interview: String,
    /// When the event was written to the store.
    pub recorded_at: Moment,
    /// The event.
    #[serde(flatten)]
    pub event: Event,
}

/// Something that happened to a tracked interview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// When it happened (for `sent`, when the message went out).
    pub at: Moment,
    /// Where the tracker learnt of it.
    pub source: Source,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// Where the tracker learnt of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[schemars(transform = crate::schema::describe_tags)]
pub enum Source {
    /// The user typed it (`followup sent`, `followup replied`, ...).
    User,
    /// An interview file (`followup add`).
    File {
        /// The file's path as given.
        path: String,
    },
    /// A message found in the user's mailbox.
    Inbox {
        /// The message's Message-ID.
        message_id: String,
        /// Who sent it.
        sender: String,
        /// Its Date header, as written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<String>,
    },
    /// Written by `followup export` when the interview is tracked.
    Export,
}

/// How an interview ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The candidate got an offer.
    Offer,
    /// The employer said no.
    Rejected,
    /// The candidate withdrew.
    Withdrawn,
    /// The candidate was invited to a next round (a new interview, linked to this one).
    NextRound,
}

impl Outcome {
    /// The outcome as written on the command line (`next-round`).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Offer => "offer",
            Outcome::Rejected => "rejected",
            Outcome::Withdrawn => "withdrawn",
            Outcome::NextRound => "next-round",
        }
    }

    /// How a candidate would say it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Offer => "an offer",
            Outcome::Rejected => "a rejection",
            Outcome::Withdrawn => "your withdrawal",
            Outcome::NextRound => "an invitation to a next round",
        }
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[schemars(transform = crate::schema::describe_tags)]
pub enum EventKind {
    /// The interview was added to the tracker.
    Added {
        /// The interview document, with the candidate's profile merged in.
        document: Box<Interview>,
        /// The style pack it is planned with, as given (`--style`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<String>,
        /// The interview this one follows (a next round): the id of the first interview
        /// of the application.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        application: Option<String>,
    },
    /// The interview file was edited and added again.
    Replanned {
        /// The interview document as it now is.
        document: Box<Interview>,
        /// The style pack it is planned with, as given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<String>,
        /// What changed in the plan, in plain words.
        changes: Vec<String>,
    },
    /// A step's message went out.
    Sent {
        /// The step as it was planned when it was sent.
        step: Box<Step>,
    },
    /// Someone at the employer, or the recruiter about the employer, answered.
    Replied {
        /// Who answered, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
    },
    /// An automatic reply: the person is away.
    OutOfOffice {
        /// Who is away, when known (otherwise: whoever check-ins go to).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        person: Option<String>,
        /// The day they are back, when the reply says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Day>,
    },
    /// A step was put off.
    Snoozed {
        /// The step's id.
        step: String,
        /// Not before this moment.
        until: Moment,
    },
    /// A step will not be sent.
    Skipped {
        /// The step's id.
        step: String,
        /// Why, in the user's words.
        why: String,
    },
    /// A person asked not to be contacted on a channel. Kept as a consent record.
    OptedOut {
        /// The person's name.
        person: String,
        /// The channel id.
        channel: String,
        /// What they said (`STOP`), when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        said: Option<String>,
        /// Their addresses (email, phone) at the time, lower-cased: how the opt-out is
        /// recognised in later interviews.
        #[serde(default)]
        contacts: Vec<String>,
    },
    /// The interview's outcome.
    Outcome {
        /// How it ended.
        outcome: Outcome,
    },
    /// A step's draft was written to a file by `followup export`.
    Exported {
        /// The step's id.
        step: String,
        /// The file written.
        file: String,
        /// The Message-ID of an email draft.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message_id: Option<String>,
    },
    /// The interview was forgotten: its other events were removed. Consent records
    /// (opt-outs) are kept.
    Forgotten {},
}

impl EventKind {
    /// The event's name as stored and printed (`opted_out`).
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Added { .. } => "added",
            EventKind::Replanned { .. } => "replanned",
            EventKind::Sent { .. } => "sent",
            EventKind::Replied { .. } => "replied",
            EventKind::OutOfOffice { .. } => "out_of_office",
            EventKind::Snoozed { .. } => "snoozed",
            EventKind::Skipped { .. } => "skipped",
            EventKind::OptedOut { .. } => "opted_out",
            EventKind::Outcome { .. } => "outcome",
            EventKind::Exported { .. } => "exported",
            EventKind::Forgotten {} => "forgotten",
        }
    }
}
