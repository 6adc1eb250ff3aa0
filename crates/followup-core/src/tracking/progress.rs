//! What the rules engine needs to know of an interview's past.

use jiff::Timestamp;
use jiff::civil::Date;

use super::event::{Event, EventKind};
use crate::plan::Step;

/// What already happened, as far as timing is concerned: when steps really went out and
/// who is away. The rules engine plans later steps from these instead of from the plan's
/// recommended moments (a connection request follows the thank-you *as sent*).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// The steps that went out, and when.
    pub sent: Vec<(Step, Timestamp)>,
    /// People who answered with an automatic reply.
    pub away: Vec<Away>,
}

/// Someone away, from an out-of-office reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Away {
    /// Who; `None` means whoever the check-ins go to.
    pub person: Option<String>,
    /// The day they are back, when known.
    pub until: Option<Date>,
    /// When the automatic reply came.
    pub noticed: Timestamp,
}

impl Progress {
    /// Reads the progress out of an interview's events, in log order.
    pub fn from_events<'e>(events: impl IntoIterator<Item = &'e Event>) -> Progress {
        let mut progress = Progress::default();
        for event in events {
            match &event.kind {
                EventKind::Sent { step } => progress.sent.push(((**step).clone(), event.at.0)),
                EventKind::OutOfOffice { person, until } => progress.away.push(Away {
                    person: person.clone(),
                    until: until.map(|day| day.0),
                    noticed: event.at.0,
                }),
                _ => {}
            }
        }
        progress
    }

    /// Whether nothing has happened yet: the plan is the plan as first made.
    pub fn is_empty(&self) -> bool {
        self.sent.is_empty() && self.away.is_empty()
    }

    /// When the message `step` stands for went out, if it did: the same purpose, number,
    /// recipient and channel (the rules build steps before they have ids).
    pub fn sent_at(&self, step: &Step) -> Option<Timestamp> {
        self.sent
            .iter()
            .find(|(sent, _)| {
                sent.purpose == step.purpose
                    && sent.sequence == step.sequence
                    && sent.channel == step.channel
                    && sent.recipient.name == step.recipient.name
                    && sent.recipient.on_behalf_of == step.recipient.on_behalf_of
            })
            .map(|(_, at)| *at)
    }

    /// When `person` (or anyone, for an away record without a person) is back, if they
    /// are away after `at`: the latest return day among the records that name them.
    pub fn back_on(&self, person: &str) -> Option<&Away> {
        self.away
            .iter()
            .filter(|away| away.person.as_deref().is_none_or(|name| same_name(name, person)))
            .max_by_key(|away| (away.until, away.noticed))
    }
}

/// Whether two names are the same person's, ignoring case and spacing.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    fold(a) == fold(b)
}
