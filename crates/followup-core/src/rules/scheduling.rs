//! Scheduling: placing one message on the best channel that can carry it, at the
//! recommended moment of its window, with a backup when a travelling message would
//! arrive too late.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::calendar::BusinessCalendar;
use crate::country::Country;
use crate::human_time::{human, human_date};
use crate::manifest::{ChannelManifest, Reckoning, SelectionMode};
use crate::plan::{Purpose, Step, lead_interviewer};
use crate::time::Day;

use super::people::{self, Person};
use super::select::{self, Candidate, Refusal};
use super::timing::{self, MomentKind, Window, hours, later, minutes};
use super::{Engine, Target};

impl<'a> Engine<'a> {
    /// Schedules a message on the best channel that can carry it; returns whether one
    /// could.
    pub(super) fn schedule_primary(
        &mut self,
        purpose: Purpose,
        sequence: Option<u32>,
        target: &Target<'_>,
        window: Window,
        intro: Vec<String>,
    ) -> bool {
        let (candidates, refusals) = select::rank(
            self.channels,
            &self.fits,
            SelectionMode::Primary,
            purpose,
            &target.to,
            &self.iv.interview,
        );
        self.refusals.extend(refusals);
        let mut chosen: Option<&ChannelManifest> = None;
        for candidate in &candidates {
            if let Some(first) = chosen {
                // Only a channel that arrives at once can back up one that travels.
                if candidate.manifest.delivery.transit_business_days == 0 {
                    self.refusals.push(Refusal {
                        channel: candidate.manifest.id.clone(),
                        recipient: Some(target.to.name.to_string()),
                        reason: format!(
                            "{} is not used for the {} to {}: {} suits it better",
                            candidate.manifest.name,
                            purpose.label(),
                            target.to.name,
                            first.name
                        ),
                        second_choice: true,
                    });
                }
                continue;
            }
            match self.build_step(purpose, sequence, target, window, candidate, &intro) {
                Some(step) => {
                    let late = self.arrives_after_decision(&step);
                    self.steps.push(step);
                    chosen = Some(candidate.manifest);
                    if let Some((arrives, decision)) = late {
                        self.back_up_late_message(purpose, target, window, &candidates, candidate, arrives, decision, &intro);
                        return true;
                    }
                }
                None => self.refusals.push(Refusal {
                    channel: candidate.manifest.id.clone(),
                    recipient: Some(target.to.name.to_string()),
                    reason: format!(
                        "{} is not used for the {}: no moment in its window falls within its allowed hours",
                        candidate.manifest.name,
                        purpose.label()
                    ),
                    second_choice: false,
                }),
            }
        }
        if chosen.is_none() {
            self.warnings.push(format!(
                "no channel can carry the {} to {}: give an email address for them, or install a channel that can reach them",
                purpose.label(),
                target.to.name
            ));
        }
        chosen.is_some()
    }

    /// When a travelling message would arrive after the decision date, warns and sends
    /// the best instant channel as well.
    #[allow(clippy::too_many_arguments)] // Reason: one call site; a struct would only rename these.
    fn back_up_late_message(
        &mut self,
        purpose: Purpose,
        target: &Target<'_>,
        window: Window,
        candidates: &[Candidate<'_>],
        travelling: &Candidate<'_>,
        arrives: Date,
        decision: Date,
        intro: &[String],
    ) {
        let backup = candidates.iter().find(|c| c.manifest.delivery.transit_business_days == 0);
        let warning = format!(
            "the {} would arrive about {}, after the decision date ({}){}",
            crate::phrasing::name_in_sentence(&travelling.manifest.name),
            human_date(arrives),
            human_date(decision),
            match backup {
                Some(backup) => format!(
                    ": {} goes out as well",
                    crate::phrasing::name_in_sentence(&backup.manifest.name)
                ),
                None => String::new(),
            }
        );
        if let Some(step) = self.steps.last_mut() {
            step.warnings.push(warning);
        }
        let Some(backup) = backup else {
            self.warnings.push(format!(
                "the {} to {} may arrive after the decision date, and no instant channel can reach them",
                purpose.label(),
                target.to.name
            ));
            return;
        };
        let mut intro = intro.to_vec();
        intro.push(format!(
            "The {} would arrive after the decision date ({}), so {} goes out too",
            crate::phrasing::name_in_sentence(&travelling.manifest.name),
            human_date(decision),
            crate::phrasing::name_in_sentence(&backup.manifest.name)
        ));
        if let Some(step) = self.build_step(purpose, None, target, window, backup, &intro) {
            self.steps.push(step);
        }
    }

    fn arrives_after_decision(&self, step: &Step) -> Option<(Date, Date)> {
        let arrives = step.arrives_by?.0;
        let decision = self.decision_date()?;
        (arrives > decision).then_some((arrives, decision))
    }

    /// The decision date: stated, or derived from "we'll be in touch within N days".
    pub(super) fn decision_date(&self) -> Option<Date> {
        let next = &self.iv.interview.next_steps;
        if let Some(day) = next.decision_date {
            return Some(day.0);
        }
        let days = next.respond_within_business_days?;
        Some(self.employer_calendar().add_business_days(self.interview_day(), days))
    }

    /// The business calendar of `person`: their country's public holidays, else the
    /// calendar's own, and the style's extra dates either way.
    pub(super) fn calendar_of(&self, person: &Person<'_>) -> BusinessCalendar {
        self.calendar.for_country(person.country)
    }

    /// The employer's business days, which "we'll be in touch within N business days"
    /// counts: the lead interviewer's.
    fn employer_calendar(&self) -> BusinessCalendar {
        let lead = lead_interviewer(&self.iv.interview)
            .and_then(|(index, _)| people::interviewers(self.iv).into_iter().nth(index));
        match lead {
            Some(lead) => self.calendar_of(&lead),
            None => self.calendar.clone(),
        }
    }

    pub(super) fn interview_day(&self) -> Date {
        self.iv.start.to_zoned_datetime(self.iv.meeting_zone.clone()).date()
    }

    /// Builds one step on one channel, or `None` when the channel's hours leave no
    /// moment in the window.
    fn build_step(
        &self,
        purpose: Purpose,
        sequence: Option<u32>,
        target: &Target<'_>,
        window: Window,
        candidate: &Candidate<'_>,
        intro: &[String],
    ) -> Option<Step> {
        let manifest = candidate.manifest;
        // The step's business days are those of the person on whose clock it is read.
        let (zone, whose, calendar) = match manifest.hours.reckoned_in {
            Reckoning::Recipient => (
                target.to.zone.clone(),
                format!("{}'s", target.to.first_name()),
                self.calendar_of(&target.to),
            ),
            Reckoning::Sender => {
                let zone = self.iv.candidate_zone.clone();
                let country = zone.iana_name().and_then(Country::of_zone);
                (zone, "your".to_string(), self.calendar.for_country(country))
            }
        };
        let allowed = manifest.hours.allowed_in(target.to.jurisdiction);
        let (send_at, kind) =
            timing::recommend(window, &zone, self.policy.business_hours, allowed, &calendar)?;

        let mut rationale = intro.to_vec();
        rationale.extend(candidate.reasons.iter().cloned());
        let business = self.policy.business_hours;
        match kind {
            MomentKind::BusinessHours => rationale.push(format!(
                "Recommended at the first moment in {whose} business hours ({}–{}) on a business day",
                business.start, business.end
            )),
            MomentKind::OutsideBusinessHours => rationale.push(format!(
                "None of {whose} business hours fall inside the window (it closes {}), so send it {}: being on time matters more",
                human(window.end, &zone),
                if send_at == window.start {
                    "as soon as it opens".to_string()
                } else {
                    format!("at the first moment {} allows", crate::phrasing::name_in_sentence(&manifest.name))
                }
            )),
        }
        if let Some(range) = allowed {
            rationale.push(format!(
                "{} goes only between {} and {} in {whose} time",
                manifest.name, range.start, range.end
            ));
        }
        // Name the holidays that pushed the moment later, or that left no business
        // hours in the window at all.
        let holidays_until = match kind {
            MomentKind::BusinessHours => send_at,
            MomentKind::OutsideBusinessHours => window.end,
        };
        rationale.extend(holidays_between(&calendar, window.start, holidays_until, &zone));

        let transit = manifest.delivery.transit_business_days;
        let arrives_by = (transit > 0).then(|| {
            let sent = send_at.to_zoned_datetime(zone.clone()).date();
            Day(calendar.add_business_days(sent, transit))
        });
        if let Some(arrives) = arrives_by {
            rationale.push(format!(
                "Mail it by {}; it takes about {transit} business days, so it should arrive by {}",
                human(window.end, &zone),
                human_date(arrives.0)
            ));
        }

        Some(Step {
            id: String::new(),
            purpose,
            sequence,
            channel: manifest.id.clone(),
            recipient: target.recipient.clone(),
            time_zone: zone,
            not_before: window.start,
            send_at,
            not_after: window.end,
            arrives_by,
            rationale,
            warnings: Vec::new(),
        })
    }

    /// A complement step, placed after the step it must follow.
    pub(super) fn complement_step(
        &mut self,
        purpose: Purpose,
        person: &Person<'_>,
        candidate: &Candidate<'_>,
    ) -> Option<Step> {
        let ordering = &candidate.manifest.ordering;
        let target = Target::direct(person.clone());
        let mut intro = Vec::new();
        let window = match ordering.after {
            Some(after) => {
                let previous = self
                    .steps
                    .iter()
                    .filter(|s| s.purpose == after && s.recipient.name == person.name)
                    .min_by_key(|s| s.send_at)?;
                // Once the earlier message really went out, this one follows that.
                let sent = self.progress.sent_at(previous);
                let previous_at = sent.unwrap_or(previous.send_at);
                let mut start = later(previous_at, minutes(ordering.gap_minutes));
                // The window is counted from the earlier message's moment, not from the
                // end of the pause after it: "within 72 hours of the thank-you".
                let mut end = later(previous_at, hours(ordering.window_hours));
                if let Some(arrives) = previous.arrives_by
                    && let Some(arrival) = timing::at_local(
                        arrives.0,
                        self.policy.business_hours.start.0,
                        &person.zone,
                    )
                    && arrival > start
                {
                    // A letter counts from the day it arrives.
                    start = arrival;
                    end = later(arrival, hours(ordering.window_hours));
                }
                intro.push(format!(
                    "{} keeps you visible; it comes after the {} ({} by {}{}), not before it",
                    candidate.manifest.name,
                    after.label(),
                    human(previous_at, &person.zone),
                    previous.channel,
                    if sent.is_some() { ", as sent" } else { "" }
                ));
                Window { start, end }
            }
            None => Window {
                start: later(self.iv.end, minutes(self.policy.cool_off_minutes)),
                end: later(self.iv.end, hours(self.policy.thank_you_hours)),
            },
        };
        let step = self.build_step(purpose, None, &target, window, candidate, &intro);
        if step.is_none() {
            self.refusals.push(Refusal {
                channel: candidate.manifest.id.clone(),
                recipient: Some(person.name.to_string()),
                reason: format!("{} has no allowed moment in its window", candidate.manifest.name),
                second_choice: false,
            });
        }
        step
    }
}

/// Sentences naming the holidays skipped between two instants.
fn holidays_between(
    calendar: &BusinessCalendar,
    from: Timestamp,
    to: Timestamp,
    zone: &TimeZone,
) -> Vec<String> {
    let mut day = from.to_zoned_datetime(zone.clone()).date();
    let last = to.to_zoned_datetime(zone.clone()).date();
    let mut out = Vec::new();
    while day <= last {
        if let Some(name) = calendar.holiday(day)
            && !matches!(
                day.weekday(),
                jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
            )
        {
            out.push(format!("{} is {name}, not a business day", human_date(day)));
        }
        let Ok(next) = day.tomorrow() else { break };
        day = next;
    }
    out
}
