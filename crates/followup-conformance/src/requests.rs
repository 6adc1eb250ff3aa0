//! The render requests the suite sends: one step per purpose a channel claims, for
//! every recipient of an interview that the purpose and the channel allow.
//!
//! The steps are built here rather than planned by the rules engine, because the
//! engine would choose another channel for most messages (email for a professional
//! role) and the suite must see this channel draft every purpose it claims. They look
//! like planned steps: the same ids and recipients (directly, through the recruiter,
//! with the recruiter copied: core's [`step_id`] and [`address`]) and zones, and sending
//! moments at the usual distance from the interview.

use followup_core::draft::{DraftStyle, RenderRequest};
use followup_core::interview::{Interview, OutreachPolicy};
use followup_core::manifest::ChannelManifest;
use followup_core::plan::{
    Purpose, Recipient, RecipientKind, Step, StepIds, address, lead_interviewer, outreach, step_id,
};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// A request and where it came from, for the report.
#[derive(Clone, Debug)]
pub(crate) struct Sample {
    /// The interview's name (an example's file name, or a hostile case).
    pub source: String,
    /// The request.
    pub request: RenderRequest,
}

impl Sample {
    /// `source, step id`, as rows name a case; a long id (from a 5000-character name)
    /// is cut.
    pub fn label(&self) -> String {
        format!("{}, step `{}`", self.source, crate::report::shorten(&self.request.step.id, 60))
    }
}

/// Every request for `channel` on `interview`: each purpose the manifest claims, to
/// each recipient kind it declares.
pub(crate) fn for_interview(
    source: &str,
    interview: &Interview,
    manifest: &ChannelManifest,
) -> Vec<Sample> {
    let mut samples = Vec::new();
    let mut ids = StepIds::default();
    for &purpose in &manifest.purposes {
        for &kind in &manifest.recipients {
            for (recipient, sequence) in recipients(interview, purpose, kind) {
                let mut step = step(interview, purpose, sequence, &manifest.id, recipient);
                // Ids are unique in a plan; the same person reached directly and
                // through the recruiter gets `-2`, as in a plan.
                step.id = ids.unique(std::mem::take(&mut step.id));
                samples
                    .push(Sample { source: source.to_string(), request: request(interview, step) });
            }
        }
    }
    samples
}

/// A request to `channel` for `purpose` to the first recipient that suits it.
pub(crate) fn first(
    interview: &Interview,
    purpose: Purpose,
    channel: &str,
) -> Option<RenderRequest> {
    [RecipientKind::Interviewer, RecipientKind::Recruiter].into_iter().find_map(|kind| {
        let (recipient, sequence) = recipients(interview, purpose, kind).into_iter().next()?;
        Some(request(interview, step(interview, purpose, sequence, channel, recipient)))
    })
}

fn request(interview: &Interview, step: Step) -> RenderRequest {
    RenderRequest::new(&step, interview, DraftStyle::default())
}

/// Who receives `purpose` among the people of `interview` of the given kind, with the
/// check-in's sequence number; as the rules engine addresses them.
fn recipients(
    interview: &Interview,
    purpose: Purpose,
    kind: RecipientKind,
) -> Vec<(Recipient, Option<u32>)> {
    let recruiter = interview.staffing.as_ref().map(|s| s.recruiter.name.as_str());
    // Interviewers are reached directly (with the recruiter copied where the firm asks
    // for it), even when the firm passes messages on: the suite must see this channel
    // draft to every kind of recipient it declares.
    let direct = match outreach(interview) {
        OutreachPolicy::ViaRecruiter => OutreachPolicy::Direct,
        other => other,
    };
    let interviewer = |name: &str| address(name, direct, recruiter);
    let to_recruiter = |on_behalf_of: Option<&str>| {
        recruiter.map(|name| match on_behalf_of {
            Some(person) => address(person, OutreachPolicy::ViaRecruiter, Some(name)),
            None => Recipient::direct(name, RecipientKind::Recruiter),
        })
    };
    let lead = lead_interviewer(interview).map(|(_, person)| person.name.as_str());
    let everyone = interview.interviewers.iter().map(|p| p.name.as_str());
    match (purpose, kind) {
        (Purpose::ThankYou | Purpose::ConnectionRequest, RecipientKind::Interviewer) => {
            everyone.map(|name| (interviewer(name), None)).collect()
        }
        (Purpose::ThankYou, RecipientKind::Recruiter) => {
            everyone.filter_map(|name| Some((to_recruiter(Some(name))?, None))).collect()
        }
        (Purpose::Debrief, RecipientKind::Recruiter)
        | (Purpose::ClosingTheLoop, RecipientKind::Recruiter) => {
            to_recruiter(None).map(|r| (r, None)).into_iter().collect()
        }
        (Purpose::CheckIn, RecipientKind::Interviewer) => lead
            .map(|name| vec![(interviewer(name), Some(1)), (interviewer(name), Some(2))])
            .unwrap_or_default(),
        (Purpose::CheckIn, RecipientKind::Recruiter) => {
            to_recruiter(lead).map(|r| (r, Some(1))).into_iter().collect()
        }
        (Purpose::ClosingTheLoop, RecipientKind::Interviewer) => {
            lead.map(|name| (interviewer(name), None)).into_iter().collect()
        }
        // A debrief is for the recruiter, a connection request for an interviewer.
        (Purpose::Debrief, RecipientKind::Interviewer)
        | (Purpose::ConnectionRequest, RecipientKind::Recruiter) => Vec::new(),
    }
}

/// A step as the rules engine would write it, sent at the usual distance from the
/// interview's end.
fn step(
    interview: &Interview,
    purpose: Purpose,
    sequence: Option<u32>,
    channel: &str,
    recipient: Recipient,
) -> Step {
    let meeting = &interview.meeting;
    let start = meeting.start.0;
    let end = meeting.end.as_ref().map(|end| end.0).unwrap_or_else(|| {
        later(start, SignedDuration::from_mins(i64::from(meeting.duration_minutes.unwrap_or(60))))
    });
    let meeting_zone = meeting.time_zone.resolve().unwrap_or(TimeZone::UTC);
    let zone = match recipient.kind {
        RecipientKind::Interviewer => interview
            .interviewers
            .iter()
            .find(|p| p.name == recipient.name)
            .and_then(|p| p.time_zone.as_ref())
            .and_then(|zone| zone.resolve()),
        RecipientKind::Recruiter => interview
            .staffing
            .as_ref()
            .and_then(|s| s.recruiter.time_zone.as_ref())
            .and_then(|zone| zone.resolve()),
    }
    .unwrap_or(meeting_zone);
    let after = match (purpose, sequence) {
        (Purpose::Debrief, _) => SignedDuration::from_hours(1),
        (Purpose::ThankYou, _) => SignedDuration::from_hours(2),
        (Purpose::ConnectionRequest, _) => SignedDuration::from_hours(3),
        (Purpose::CheckIn, n) => SignedDuration::from_hours(24 * 7 * i64::from(n.unwrap_or(1))),
        (Purpose::ClosingTheLoop, _) => SignedDuration::from_hours(24 * 28),
    };
    let send_at = later(end, after);
    Step {
        id: step_id(purpose, sequence, recipient.about(), channel),
        purpose,
        sequence,
        channel: channel.to_string(),
        recipient,
        time_zone: zone,
        not_before: send_at,
        send_at,
        not_after: later(send_at, SignedDuration::from_hours(24)),
        arrives_by: None,
        rationale: vec!["a step built by the conformance suite".to_string()],
        warnings: Vec::new(),
    }
}

fn later(at: Timestamp, by: SignedDuration) -> Timestamp {
    at.saturating_add(by).unwrap_or(Timestamp::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use followup_core::bundled;

    fn manifest(purposes: Vec<Purpose>, recipients: Vec<RecipientKind>) -> ChannelManifest {
        let mut manifest: ChannelManifest = serde_json::from_value(serde_json::json!({
            "manifest_version": 1, "id": "pigeon", "name": "Pigeon", "version": "0.1.0",
            "description": "A bird.", "selection": {"mode": "primary"},
            "recipients": ["interviewer"], "purposes": ["thank_you"]
        }))
        .expect("test manifest");
        manifest.purposes = purposes;
        manifest.recipients = recipients;
        manifest
    }

    #[test]
    fn steps_reach_everyone_a_plan_would() {
        let all = manifest(
            vec![Purpose::ThankYou, Purpose::Debrief, Purpose::CheckIn],
            vec![RecipientKind::Interviewer, RecipientKind::Recruiter],
        );
        let example = bundled::named("executive-via-recruiter.toml").expect("a bundled example");
        let ids: Vec<String> = for_interview(example.name, &example.interview, &all)
            .into_iter()
            .map(|s| s.request.step.id)
            .collect();
        assert_eq!(
            ids,
            [
                "thank-you-eleanor-whitmore-pigeon",
                "thank-you-samuel-hale-pigeon",
                "thank-you-eleanor-whitmore-pigeon-2",
                "thank-you-samuel-hale-pigeon-2",
                "debrief-priya-natarajan-pigeon",
                "check-in-1-eleanor-whitmore-pigeon",
                "check-in-2-eleanor-whitmore-pigeon",
                "check-in-1-eleanor-whitmore-pigeon-2",
            ]
        );
    }

    #[test]
    fn no_step_is_built_for_a_recipient_the_purpose_does_not_reach() {
        let interviewers_only = manifest(vec![Purpose::Debrief], vec![RecipientKind::Interviewer]);
        let example = bundled::named("executive-via-recruiter.toml").expect("a bundled example");
        assert!(for_interview(example.name, &example.interview, &interviewers_only).is_empty());
    }
}
