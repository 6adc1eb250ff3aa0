//! Choosing the messages: which messages the advice calls for, to whom, in which window,
//! and the first sentences of why. Each is then placed on a channel by
//! [`super::scheduling`].

use std::collections::BTreeSet;

use crate::calendar::BusinessCalendar;
use crate::human_time::{human, human_date};
use crate::interview::OutreachPolicy;
use crate::manifest::{ChannelManifest, SelectionMode};
use crate::plan::{Purpose, RecipientKind, address, lead_interviewer, outreach};

use super::people::{self, Person};
use super::select::{self, Refusal};
use super::timing::{self, Window, end_of_day, hours, later, minutes};
use super::{Engine, Target};

/// How long check-ins wait after an out-of-office reply that gives no return date.
pub const AWAY_WITHOUT_DATE_BUSINESS_DAYS: u32 = 5;

impl<'a> Engine<'a> {
    pub(super) fn debrief(&mut self) {
        let Some(recruiter) = people::recruiter(self.iv) else { return };
        let Some((firm, _)) = self.staffing_names() else { return };
        let end = self.iv.end;
        let start = later(end, minutes(self.policy.debrief_after_minutes));
        let day_end = end_of_day(end, &recruiter.zone);
        let at_least = later(end, hours(self.policy.debrief_min_hours));
        let window = Window { start, end: day_end.max(at_least) };
        let target = Target::direct(recruiter);
        let intro = vec![format!(
            "{firm} placed you: tell {} how it went the same day; a recruiter can advise on tone, timing and what to stress",
            target.to.name
        )];
        self.schedule_primary(Purpose::Debrief, None, &target, window, intro);
    }

    pub(super) fn thank_yous(&mut self) {
        let end = self.iv.end;
        let window = Window {
            start: later(end, minutes(self.policy.cool_off_minutes)),
            end: later(end, hours(self.policy.thank_you_hours)),
        };
        for target in self.thank_you_targets() {
            let mut intro = vec![format!(
                "A thank-you goes out within {} hours of the interview's end ({}), after a {}-minute pause so it does not look pre-written",
                self.policy.thank_you_hours,
                human(end, &target.to.zone),
                self.policy.cool_off_minutes
            )];
            intro.extend(self.outreach_reason(&target));
            self.schedule_primary(Purpose::ThankYou, None, &target, window, intro);
        }
    }

    /// The thank-you targets: each interviewer, addressed as the outreach policy says.
    fn thank_you_targets(&self) -> Vec<Target<'a>> {
        let recruiter = people::recruiter(self.iv);
        people::interviewers(self.iv)
            .into_iter()
            .map(|person| self.meant_for(person, recruiter.as_ref()))
            .collect()
    }

    /// The target of a message meant for `interviewer`: them, or the recruiter on their
    /// behalf, as core's addressing decides.
    fn meant_for(&self, interviewer: Person<'a>, recruiter: Option<&Person<'a>>) -> Target<'a> {
        let recipient =
            address(interviewer.name, outreach(&self.iv.interview), recruiter.map(|r| r.name));
        let to = match recruiter {
            Some(recruiter) if recipient.kind == RecipientKind::Recruiter => recruiter.clone(),
            _ => interviewer,
        };
        Target { to, recipient }
    }

    pub(super) fn connection_requests(&mut self) {
        let complements: Vec<&ChannelManifest> = self
            .channels
            .iter()
            .filter(|m| m.selection.mode == SelectionMode::Complement)
            .collect();
        if complements.is_empty() {
            return;
        }
        if outreach(&self.iv.interview) == OutreachPolicy::ViaRecruiter {
            let (firm, _) = self.staffing_names().unwrap_or(("the staffing firm", ""));
            for manifest in complements {
                self.refusals.push(Refusal {
                    channel: manifest.id.clone(),
                    recipient: None,
                    reason: format!(
                        "{} is not suggested: {firm} handles all contact with {}, so nothing goes to the interviewers directly",
                        manifest.name,
                        self.company()
                    ),
                    second_choice: false,
                });
            }
            return;
        }
        for person in people::interviewers(self.iv) {
            for purpose in
                complements.iter().flat_map(|m| m.purposes.iter().copied()).collect::<BTreeSet<_>>()
            {
                let (candidates, refusals) = select::rank(
                    self.channels,
                    &self.fits,
                    SelectionMode::Complement,
                    purpose,
                    &person,
                    &self.iv.interview,
                );
                self.refusals.extend(refusals);
                for candidate in candidates.iter().filter(|c| !c.manifest.selection.fallback) {
                    if let Some(step) = self.complement_step(purpose, &person, candidate) {
                        self.steps.push(step);
                    }
                }
            }
        }
    }

    pub(super) fn check_ins(&mut self) {
        if self.iv.interview.status.employer_replied {
            self.warnings
                .push(format!("{} has replied, so no check-ins are planned", self.company()));
            return;
        }
        let Some((lead, _)) = lead_interviewer(&self.iv.interview) else { return };
        let Some(lead) = people::interviewers(self.iv).into_iter().nth(lead) else { return };
        let target = self.meant_for(lead, people::recruiter(self.iv).as_ref());
        // Business days are the recipient's: their country's holidays are skipped.
        let calendar = self.calendar_of(&target.to);
        let (first_day, last_day, why) = match self.decision_date() {
            Some(decision) => {
                let (a, b) = self.policy.check_in_after_decision;
                let stated = if self.iv.interview.next_steps.decision_date.is_some() {
                    "The decision was expected by"
                } else {
                    "They said they would be in touch by"
                };
                (
                    calendar.add_business_days(decision, a),
                    calendar.add_business_days(decision, b),
                    format!(
                        "{stated} {}: check in {a} to {b} business days after it",
                        human_date(decision)
                    ),
                )
            }
            None => {
                let (a, b) = self.policy.check_in_without_decision;
                let day = self.interview_day();
                (
                    calendar.add_business_days(day, a),
                    calendar.add_business_days(day, b),
                    format!(
                        "No decision date was given: check in {a} to {b} business days after the interview"
                    ),
                )
            }
        };
        let spacing = self.policy.check_in_spacing_business_days;
        let count = self.policy.check_in_count;
        // Each window is as wide as the first; each opens `spacing` business days after
        // the previous one opened, or after the previous one was really sent.
        let width = business_days_between(&calendar, first_day, last_day);
        let away = self.progress.back_on(target.to.name);
        let mut from = first_day;
        for index in 0..count + u32::from(self.policy.closing_the_loop) {
            let mut paused = None;
            if let Some(away) = away {
                let back = away.until.unwrap_or_else(|| {
                    let noticed = away.noticed.to_zoned_datetime(target.to.zone.clone()).date();
                    calendar.add_business_days(noticed, AWAY_WITHOUT_DATE_BUSINESS_DAYS)
                });
                if from < back {
                    // The first business day from the day they are back.
                    from = calendar.add_business_days(back, 0);
                    paused = Some(match away.until {
                        Some(day) => format!(
                            "{} is away until {} (automatic reply), so this waits until they are back",
                            target.to.name,
                            human_date(day)
                        ),
                        None => format!(
                            "{} is away (automatic reply, no return date), so this waits {AWAY_WITHOUT_DATE_BUSINESS_DAYS} business days",
                            target.to.name
                        ),
                    });
                }
            }
            let to = calendar.add_business_days(from, width);
            let zone = &target.to.zone;
            let (Some(start), Some(end)) = (
                timing::at_local(from, self.policy.business_hours.start.0, zone),
                timing::at_local(to, self.policy.business_hours.end.0, zone),
            ) else {
                from = calendar.add_business_days(from, spacing);
                continue;
            };
            let closing = index == count;
            let (purpose, sequence) = if closing {
                (Purpose::ClosingTheLoop, None)
            } else {
                (Purpose::CheckIn, Some(index + 1))
            };
            let mut intro = Vec::new();
            if index == 0 {
                intro.push(why.clone());
            } else if closing {
                intro.push("One last, polite note closes the loop; after it, stop".to_string());
            } else {
                intro.push(format!(
                    "Check-in {} of {count}, about a business week after the previous one{}",
                    index + 1,
                    if index + 1 == count { "; after it, stop" } else { "" }
                ));
            }
            intro.push(format!("Any reply from {} ends the check-ins", self.company()));
            intro.extend(self.outreach_reason(&target));
            intro.extend(paused);
            let placed = self.steps.len();
            self.schedule_primary(purpose, sequence, &target, Window { start, end }, intro);
            let sent = self.steps[placed..].iter().find_map(|step| self.progress.sent_at(step));
            from = match sent {
                Some(at) => {
                    let day = at.to_zoned_datetime(zone.clone()).date();
                    calendar.add_business_days(day, spacing)
                }
                None => calendar.add_business_days(from, spacing),
            };
        }
    }
}

/// How many business days `to` lies after `from` (0 when it does not).
fn business_days_between(
    calendar: &BusinessCalendar,
    from: jiff::civil::Date,
    to: jiff::civil::Date,
) -> u32 {
    let mut n = 0;
    while n < 366 && calendar.add_business_days(from, n) < to {
        n += 1;
    }
    n
}
