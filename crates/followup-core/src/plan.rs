//! The plan: the ordered follow-up steps for one interview, and what was left out.
//!
//! A plan is the rules engine's output and the drafting stage's input. Its JSON form is
//! published as the `plan` schema. Times are absolute; each step carries the IANA zone
//! of the clock its times are read on, and serialises them as RFC 3339 with that zone's
//! offset, so a reader sees local times without a time-zone library.

use std::fmt;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::time::Day;

mod addressing;
mod ids;

pub use addressing::{address, lead_interviewer, outreach};
pub use ids::{StepIds, step_id};

/// The follow-up plan for one interview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Plan",
    description = "The follow-up plan for one interview: steps in the order to send them, channels left out and why, warnings.",
    example = crate::examples::plan_example()
)]
pub struct Plan {
    /// The steps, ordered by recommended moment.
    pub steps: Vec<Step>,
    /// Channels that were considered and not used, with the reason.
    pub skipped: Vec<Skipped>,
    /// Things the candidate should know about the plan as a whole.
    pub warnings: Vec<String>,
}

/// The kind of message a step sends.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// The thank-you after the interview.
    ThankYou,
    /// A short account of the interview for the recruiter, the same day.
    Debrief,
    /// A LinkedIn-style connection request that thanks the interviewer.
    ConnectionRequest,
    /// A polite nudge after the stated decision date.
    CheckIn,
    /// A last note after the check-ins, closing the loop.
    ClosingTheLoop,
}

impl Purpose {
    /// The purpose's name as used in ids and files (`thank_you`).
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::ThankYou => "thank_you",
            Purpose::Debrief => "debrief",
            Purpose::ConnectionRequest => "connection_request",
            Purpose::CheckIn => "check_in",
            Purpose::ClosingTheLoop => "closing_the_loop",
        }
    }

    /// How a candidate would say it ("thank-you").
    pub fn label(self) -> &'static str {
        match self {
            Purpose::ThankYou => "thank-you",
            Purpose::Debrief => "debrief",
            Purpose::ConnectionRequest => "connection request",
            Purpose::CheckIn => "check-in",
            Purpose::ClosingTheLoop => "closing-the-loop note",
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a message goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    /// Someone who interviewed the candidate.
    Interviewer,
    /// The staffing firm's recruiter.
    Recruiter,
}

impl RecipientKind {
    /// The kind's name, as in files and reports (`interviewer`).
    pub fn as_str(self) -> &'static str {
        match self {
            RecipientKind::Interviewer => "interviewer",
            RecipientKind::Recruiter => "recruiter",
        }
    }
}

/// The person a step is addressed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// The person's name.
    pub name: String,
    /// Whether they interviewed the candidate or recruited them.
    pub kind: RecipientKind,
    /// When the recruiter passes the message on: the interviewer it is meant for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// People copied on the message (the recruiter, under `cc_recruiter`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
}

/// One message to one recipient on one channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StepWire", into = "StepWire")]
pub struct Step {
    /// A stable id, unique in the plan, such as `thank-you-dana-whitfield-email`.
    pub id: String,
    /// What the message is for.
    pub purpose: Purpose,
    /// For repeated purposes (check-ins), which one this is, from 1.
    pub sequence: Option<u32>,
    /// The channel id.
    pub channel: String,
    /// Who it goes to.
    pub recipient: Recipient,
    /// The zone the times are read on (the recipient's, or the sender's for mail).
    pub time_zone: TimeZone,
    /// Earliest moment to send.
    pub not_before: Timestamp,
    /// The recommended moment.
    pub send_at: Timestamp,
    /// Latest moment to send.
    pub not_after: Timestamp,
    /// When a message travels (a letter): the business day it should arrive.
    pub arrives_by: Option<Day>,
    /// Why this step, this channel and this moment, in plain words.
    pub rationale: Vec<String>,
    /// What the candidate should know about this step.
    pub warnings: Vec<String>,
}

/// Where a step stands relative to the present moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// The window has not opened yet.
    Upcoming,
    /// The window is open.
    DueNow,
    /// The window has closed.
    Overdue,
}

impl StepStatus {
    /// The status in words, as reports show it: `upcoming`, `due now`, `overdue`.
    pub fn words(self) -> &'static str {
        match self {
            StepStatus::Upcoming => "upcoming",
            StepStatus::DueNow => "due now",
            StepStatus::Overdue => "overdue",
        }
    }

    /// The status's name as in JSON (`due_now`), for machine-read places such as a
    /// style class.
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Upcoming => "upcoming",
            StepStatus::DueNow => "due_now",
            StepStatus::Overdue => "overdue",
        }
    }
}

/// A step's title for people: `Thank-you`, `Check-in 2`.
///
/// ```
/// use followup_core::plan::{Purpose, step_title};
///
/// assert_eq!(step_title(Purpose::CheckIn, Some(2)), "Check-in 2");
/// assert_eq!(step_title(Purpose::ClosingTheLoop, None), "Closing-the-loop note");
/// ```
pub fn step_title(purpose: Purpose, sequence: Option<u32>) -> String {
    let text = match sequence {
        Some(n) => format!("{} {n}", purpose.label()),
        None => purpose.label().to_string(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Step {
    /// The step's title for people; see [`step_title`].
    pub fn title(&self) -> String {
        step_title(self.purpose, self.sequence)
    }

    /// Where this step stands at `now`.
    pub fn status_at(&self, now: Timestamp) -> StepStatus {
        if now > self.not_after {
            StepStatus::Overdue
        } else if now >= self.not_before {
            StepStatus::DueNow
        } else {
            StepStatus::Upcoming
        }
    }

    /// The name of the step's time zone (IANA), or its fixed offset when it has none.
    pub fn time_zone_name(&self) -> String {
        zone_name(&self.time_zone)
    }
}

/// A channel that was considered and left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    /// The channel id.
    pub channel: String,
    /// The person it would have reached, when the reason is about one person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Why it was left out, in plain words.
    pub reason: String,
}

/// The name of a zone: its IANA name, or its fixed offset.
pub fn zone_name(zone: &TimeZone) -> String {
    match zone.iana_name() {
        Some(name) => name.to_string(),
        None => zone.to_fixed_offset().map_or_else(|_| "UTC".to_string(), |o| o.to_string()),
    }
}

/// A step as it is written in JSON: times as RFC 3339 with the zone's offset.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Step")]
struct StepWire {
    /// A stable id, unique in the plan, such as `thank-you-dana-whitfield-email`.
    id: String,
    /// What the message is for.
    purpose: Purpose,
    /// For repeated purposes (check-ins), which one this is, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sequence: Option<u32>,
    /// The channel id.
    channel: String,
    /// Who it goes to.
    recipient: Recipient,
    /// Earliest moment to send, RFC 3339 with the offset of `time_zone`.
    not_before: String,
    /// The recommended moment, RFC 3339 with the offset of `time_zone`.
    send_at: String,
    /// Latest moment to send, RFC 3339 with the offset of `time_zone`.
    not_after: String,
    /// The IANA zone the times are read on (the recipient's, or the sender's for mail).
    time_zone: String,
    /// When a message travels (a letter): the business day it should arrive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    arrives_by: Option<Day>,
    /// Why this step, this channel and this moment, in plain words.
    rationale: Vec<String>,
    /// What the candidate should know about this step.
    #[serde(default)]
    warnings: Vec<String>,
}

/// Formats `ts` as RFC 3339 with the offset `zone` has at that moment.
pub fn rfc3339_in(ts: Timestamp, zone: &TimeZone) -> String {
    let offset = zone.to_offset(ts);
    let local = offset.to_datetime(ts);
    let seconds = offset.seconds();
    // Every plan writes three of these per step: written by hand, as `strftime` costs
    // several times more. Years outside 0000–9999 and offsets with seconds (old local
    // mean times) keep `strftime`'s form.
    if !(0..=9999).contains(&local.year()) || seconds % 60 != 0 {
        return ts.to_zoned_datetime(zone.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    }
    let minutes = seconds.unsigned_abs() / 60;
    let mut out = String::with_capacity(25);
    // The year is 0–9999 (checked above), so every field fits its digits.
    push_padded(&mut out, local.year().unsigned_abs().into(), 4);
    out.push('-');
    push_padded(&mut out, local.month().unsigned_abs().into(), 2);
    out.push('-');
    push_padded(&mut out, local.day().unsigned_abs().into(), 2);
    out.push('T');
    push_padded(&mut out, local.hour().unsigned_abs().into(), 2);
    out.push(':');
    push_padded(&mut out, local.minute().unsigned_abs().into(), 2);
    out.push(':');
    push_padded(&mut out, local.second().unsigned_abs().into(), 2);
    out.push(if seconds < 0 { '-' } else { '+' });
    push_padded(&mut out, minutes / 60, 2);
    out.push(':');
    push_padded(&mut out, minutes % 60, 2);
    out
}

/// Writes the last `digits` decimal digits of `value`, with leading zeros: what
/// `format!("{:0digits$}")` does for values that fit, without the formatter's cost.
fn push_padded(out: &mut String, value: u32, digits: u32) {
    for place in (0..digits).rev() {
        let digit = value / 10u32.pow(place) % 10;
        // A digit is 0–9, so the byte is an ASCII digit.
        out.push(char::from(b'0' + digit as u8));
    }
}

impl From<Step> for StepWire {
    fn from(step: Step) -> StepWire {
        StepWire {
            not_before: rfc3339_in(step.not_before, &step.time_zone),
            send_at: rfc3339_in(step.send_at, &step.time_zone),
            not_after: rfc3339_in(step.not_after, &step.time_zone),
            time_zone: zone_name(&step.time_zone),
            id: step.id,
            purpose: step.purpose,
            sequence: step.sequence,
            channel: step.channel,
            recipient: step.recipient,
            arrives_by: step.arrives_by,
            rationale: step.rationale,
            warnings: step.warnings,
        }
    }
}

impl TryFrom<StepWire> for Step {
    type Error = String;

    fn try_from(wire: StepWire) -> Result<Step, String> {
        let time_zone = jiff::tz::db()
            .get(&wire.time_zone)
            .map_err(|_| format!("`{}` is not a known time zone", wire.time_zone))?;
        let parse = |field: &str, text: &str| {
            text.parse::<Timestamp>()
                .map_err(|err| format!("{field} `{text}` is not an RFC 3339 time: {err}"))
        };
        Ok(Step {
            not_before: parse("not_before", &wire.not_before)?,
            send_at: parse("send_at", &wire.send_at)?,
            not_after: parse("not_after", &wire.not_after)?,
            time_zone,
            id: wire.id,
            purpose: wire.purpose,
            sequence: wire.sequence,
            channel: wire.channel,
            recipient: wire.recipient,
            arrives_by: wire.arrives_by,
            rationale: wire.rationale,
            warnings: wire.warnings,
        })
    }
}

impl JsonSchema for Step {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Step".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        StepWire::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written form is `strftime`'s, in every kind of zone.
    #[test]
    fn rfc3339_in_matches_strftime() {
        let zones = [
            "UTC",
            "America/Chicago",
            "America/St_Johns",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Pacific/Chatham",
            "Pacific/Kiritimati",
            "America/Sao_Paulo",
            "Europe/London",
        ];
        let moments = [
            "2026-11-24T20:00:00Z",
            "2026-03-08T08:30:00Z",
            "2026-10-25T00:59:59Z",
            "1970-01-01T00:00:00Z",
            "2099-12-31T23:59:59Z",
            "1850-06-01T12:00:00Z",
            "-000001-06-01T12:00:00Z",
        ];
        for zone in zones {
            let tz = TimeZone::get(zone).expect("a bundled zone");
            for moment in moments {
                let ts: Timestamp = moment.parse().expect("a valid moment");
                let expected =
                    ts.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
                assert_eq!(rfc3339_in(ts, &tz), expected, "{moment} in {zone}");
            }
        }
    }
}
