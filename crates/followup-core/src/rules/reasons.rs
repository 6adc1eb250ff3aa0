//! Ids and reasons: what the plan says besides its steps. The warnings about the input,
//! the sentence on how a staffing firm's policy routes a message, and the finishing of a
//! plan: steps in order with their ids, the channels left out and why, and every
//! warning.

use std::collections::BTreeSet;

use crate::interview::OutreachPolicy;
use crate::plan::{Plan, Skipped, StepIds, outreach, step_id};

use super::{Engine, Target};

impl<'a> Engine<'a> {
    pub(super) fn warn_about_input(&mut self) {
        let known: BTreeSet<&str> = self.channels.iter().map(|m| m.id.as_str()).collect();
        for established in &self.iv.interview.established_channels {
            if !known.contains(established.channel.as_str()) {
                self.warnings.push(format!(
                    "`{}` was established as a channel, but no plugin provides it; install the plugin or check the spelling",
                    established.channel
                ));
            }
        }
        for person in &self.iv.interview.interviewers {
            if person.topics.is_empty() {
                self.warnings.push(format!(
                    "nothing discussed with {} is listed under `topics`; a message that names something specific is stronger",
                    person.name
                ));
            }
        }
    }

    pub(super) fn company(&self) -> &'a str {
        &self.iv.interview.employer.company
    }

    pub(super) fn staffing_names(&self) -> Option<(&'a str, &'a str)> {
        self.iv.interview.staffing.as_ref().map(|s| (s.firm.as_str(), s.recruiter.name.as_str()))
    }

    pub(super) fn outreach_reason(&self, target: &Target<'_>) -> Option<String> {
        let (firm, recruiter) = self.staffing_names()?;
        match (outreach(&self.iv.interview), target.recipient.on_behalf_of.as_deref()) {
            (OutreachPolicy::ViaRecruiter, Some(interviewer)) => Some(format!(
                "{firm} asked that nobody contact {} directly: the message goes to {recruiter}, who passes it on to {interviewer}",
                self.company()
            )),
            (OutreachPolicy::ViaRecruiter, None) => Some(format!(
                "{firm} asked that nobody contact {} directly, so this goes to {recruiter}",
                self.company()
            )),
            (OutreachPolicy::CcRecruiter, _) => {
                Some(format!("{recruiter} at {firm} is copied, as the firm asked"))
            }
            (OutreachPolicy::Direct, _) => None,
        }
    }

    pub(super) fn finish(mut self) -> Plan {
        self.steps.sort_by(|a, b| {
            a.send_at.cmp(&b.send_at).then(a.recipient.name.cmp(&b.recipient.name))
        });
        let mut ids = StepIds::default();
        for step in &mut self.steps {
            let id = step_id(step.purpose, step.sequence, step.recipient.about(), &step.channel);
            step.id = ids.unique(id);
        }
        let used: BTreeSet<&str> = self.steps.iter().map(|s| s.channel.as_str()).collect();
        let mut skipped: Vec<Skipped> = Vec::new();
        for refusal in self.refusals {
            // A channel that carries some step is not "skipped" for being second choice
            // elsewhere; its other refusals (consent, contact) still matter.
            if used.contains(refusal.channel.as_str()) && refusal.second_choice {
                continue;
            }
            let entry = Skipped {
                channel: refusal.channel,
                recipient: refusal.recipient,
                reason: refusal.reason,
            };
            if !skipped.contains(&entry) {
                skipped.push(entry);
            }
        }
        let mut warnings = self.warnings;
        for step in &self.steps {
            for warning in &step.warnings {
                warnings.push(format!("{}: {warning}", step.id));
            }
        }
        Plan { steps: self.steps, skipped, warnings }
    }
}
