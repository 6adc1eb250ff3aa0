//! Text the tracker commands share: one line per step, and the JSON form of a step.

use followup_core::human_time::human;
use std::collections::BTreeMap;

use followup_core::plan::{Step, rfc3339_in};
use followup_core::tracking::TrackedStep;
use serde_json::{Value, json};

use crate::output::step_headline;

/// `Thank-you by Email to Dana Whitfield (interviewer)`, with the channel names the
/// interview's view recorded.
pub fn step_line(step: &Step, view_names: &BTreeMap<String, String>) -> String {
    step_headline(step, view_names)
}

/// `Tue Nov 24, 3:00 PM CST`, in the step's own zone.
pub fn when(step: &Step) -> String {
    human(step.send_at, &step.time_zone)
}

/// A tracked step as JSON: its id, what and to whom, its times in the recipient's zone
/// and its state.
pub fn step_json(tracked: &TrackedStep) -> Value {
    let step = &tracked.step;
    json!({
        "id": step.id,
        "purpose": step.purpose,
        "channel": step.channel,
        "recipient": { "name": step.recipient.name, "kind": step.recipient.kind },
        "send_at": rfc3339_in(step.send_at, &step.time_zone),
        "not_before": rfc3339_in(step.not_before, &step.time_zone),
        "not_after": rfc3339_in(step.not_after, &step.time_zone),
        "time_zone": step.time_zone_name(),
        "state": tracked.state,
        "history": tracked.history,
    })
}
